#![cfg(not(target_arch = "wasm32"))] // native; the browser side is in wasm_*.rs
//! Request bodies match the provider's examples field for field, and every validation rule
//! refuses bad input before anything is sent.

use gptunnel::{
    Client, Config, Create, Direction, Error, ErrorKind, HttpRequest, Imagine, Inpaint,
    MediaCreate, Method, Outpaint, Pan, Reroll, Upsample, Upscale, UpscaleType, Variation,
    VariationMode,
};
use serde_json::{json, Value};

const ID: &str = "65589df803761c00010775ae";
const MASK: &str = include_str!("fixtures/provider_mask.b64");

fn client() -> Client {
    Client::new(Config::new("test-key").with_base_url("http://127.0.0.1:9")).unwrap()
}

fn built<R: Create>(request: &R) -> HttpRequest {
    client().create_request(request).expect("valid")
}

fn body<R: Create>(request: &R) -> Value {
    serde_json::from_str(built(request).body.as_deref().unwrap()).unwrap()
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn refused<R: Create>(request: &R) -> (&'static str, String) {
    match client().create_request(request) {
        Err(Error::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn imagine_matches_the_seed_body_with_no_wallet_flag_when_it_is_off() {
    assert_eq!(
        body(&Imagine::new("Старый IBM PC на светлом фоне")),
        fixture(include_str!("fixtures/imagine_request.json"))
    );
    assert_eq!(
        built(&Imagine::new("x")).body.as_deref(),
        Some(r#"{"prompt":"x"}"#),
        "no useWalletBalance key at all"
    );
    let request = built(&Imagine::new("x"));
    assert_eq!(
        (request.method, request.url.as_str()),
        (Method::Post, "http://127.0.0.1:9/v1/midjourney/imagine")
    );
}

#[test]
fn upsample_and_variation_match_the_seed_bodies() {
    assert_eq!(
        body(&Upsample::new(ID, 1)),
        fixture(include_str!("fixtures/upsample_request.json"))
    );
    assert_eq!(
        body(&Variation::image(ID, 1)),
        fixture(include_str!("fixtures/variation_request.json"))
    );
    assert_eq!(
        body(&Variation::mode(ID, VariationMode::Low)),
        json!({"taskId": ID, "mode": "low"})
    );
}

#[test]
fn inpaint_matches_the_seed_body() {
    let expected = fixture(include_str!("fixtures/inpaint_request.json"));
    let request = Inpaint::new("6558a19c0bfe4600011437cd", MASK.trim()).prompt("Pokemon");
    assert_eq!(body(&request), expected);
    assert_eq!(
        built(&request).url,
        "http://127.0.0.1:9/v1/midjourney/inpaint"
    );
}

#[test]
fn inpaint_accepts_a_canvas_data_url_and_sends_bare_base64() {
    let request = Inpaint::new(ID, format!("data:image/png;base64,{}", MASK.trim()));
    assert_eq!(request.mask, MASK.trim());
    assert_eq!(
        body(&request).get("prompt"),
        None,
        "no prompt means the parent's is reused"
    );
}

#[test]
fn media_create_matches_the_seed_body() {
    let expected = fixture(include_str!("fixtures/media_create_request.json"));
    let prompt = expected["prompt"].as_str().unwrap();
    let request = MediaCreate::new("google-imagen-3", prompt).aspect_ratio("9:21");
    assert_eq!(body(&request), expected);
    assert_eq!(built(&request).url, "http://127.0.0.1:9/v1/media/create");
    let with_images = MediaCreate::new("flux-dev", "cat").images(["https://x.test/a.png"]);
    assert_eq!(
        body(&with_images),
        json!({"model": "flux-dev", "prompt": "cat", "images": ["https://x.test/a.png"]})
    );
}

#[test]
fn the_assumed_endpoints_send_task_id_and_one_parameter() {
    let cases: [(HttpRequest, Value); 4] = [
        (built(&Reroll::new(ID)), json!({"taskId": ID})),
        (
            built(&Outpaint::new(ID, 75)),
            json!({"taskId": ID, "zoom": 75}),
        ),
        (
            built(&Pan::new(ID, Direction::Up)),
            json!({"taskId": ID, "direction": "up"}),
        ),
        (
            built(&Upscale::new(ID, UpscaleType::X4)),
            json!({"taskId": ID, "type": "4x"}),
        ),
    ];
    let paths = ["reroll", "outpaint", "pan", "upscale"];
    for ((request, expected), path) in cases.into_iter().zip(paths) {
        assert_eq!(
            request.url,
            format!("http://127.0.0.1:9/v1/midjourney/{path}")
        );
        assert_eq!(
            serde_json::from_str::<Value>(request.body.as_deref().unwrap()).unwrap(),
            expected
        );
    }
}

#[test]
fn the_wallet_flag_goes_into_imagine_only() {
    let wallet = Client::new(Config::new("k").with_wallet_balance(true)).unwrap();
    let imagine: Value = serde_json::from_str(
        &wallet
            .create_request(&Imagine::new("x"))
            .unwrap()
            .body
            .unwrap(),
    )
    .unwrap();
    assert_eq!(imagine["useWalletBalance"], json!(true));
    let media: Value = serde_json::from_str(
        &wallet
            .create_request(&MediaCreate::new("flux-dev", "x"))
            .unwrap()
            .body
            .unwrap(),
    )
    .unwrap();
    assert_eq!(media.get("useWalletBalance"), None);
}

#[test]
fn prompts_must_have_text_and_a_sane_length() {
    for blank in ["", "   ", "\n\t"] {
        assert_eq!(refused(&Imagine::new(blank)).0, "prompt");
        assert_eq!(refused(&MediaCreate::new("flux-dev", blank)).0, "prompt");
        assert_eq!(
            refused(&Inpaint::new(ID, MASK.trim()).prompt(blank)).0,
            "prompt"
        );
    }
    let at_limit = "я".repeat(gptunnel::request::MAX_PROMPT_CHARS);
    assert!(
        client()
            .create_request(&Imagine::new(at_limit.as_str()))
            .is_ok(),
        "counted in characters, not bytes"
    );
    let (field, reason) = refused(&Imagine::new(format!("{at_limit}!")));
    assert_eq!(field, "prompt");
    assert!(reason.contains("8000"), "{reason}");
    let long_media = "a".repeat(20_000);
    assert!(client()
        .create_request(&MediaCreate::new("gpt-image-1-high", long_media))
        .is_ok());
}

#[test]
fn image_numbers_are_1_to_4() {
    for ok in 1..=4 {
        assert!(client().create_request(&Upsample::new(ID, ok)).is_ok());
        assert!(client().create_request(&Variation::image(ID, ok)).is_ok());
    }
    for bad in [0, 5, 255] {
        assert_eq!(refused(&Upsample::new(ID, bad)).0, "image");
        assert_eq!(refused(&Variation::image(ID, bad)).0, "image");
    }
}

#[test]
fn a_variation_has_either_an_image_or_a_mode() {
    let both = Variation {
        task_id: ID.into(),
        image: Some(1),
        mode: Some(VariationMode::High),
    };
    let neither = Variation {
        task_id: ID.into(),
        image: None,
        mode: None,
    };
    assert_eq!(refused(&both).0, "image");
    assert_eq!(refused(&neither).0, "image");
}

#[test]
fn task_ids_are_24_lowercase_hex_characters() {
    for bad in [
        "",
        "65589df803761c00010775a",
        "65589df803761c00010775aef",
        "65589DF803761C00010775AE",
        "65589df803761c00010775ag",
        "../../../../balance?x=1",
    ] {
        assert_eq!(refused(&Upsample::new(bad, 1)).0, "taskId", "{bad}");
        assert_eq!(refused(&Reroll::new(bad)).0, "taskId", "{bad}");
    }
}

#[test]
fn zoom_is_50_or_75() {
    assert!(client().create_request(&Outpaint::new(ID, 50)).is_ok());
    for bad in [0, 25, 74, 100] {
        assert_eq!(refused(&Outpaint::new(ID, bad)).0, "zoom");
    }
}

#[test]
fn an_inpaint_mask_is_non_empty_base64() {
    for bad in ["", "not base64!", "data:image/png,raw", "===="] {
        let request = Inpaint {
            task_id: ID.into(),
            mask: bad.into(),
            prompt: None,
        };
        assert_eq!(refused(&request).0, "mask", "{bad:?}");
    }
}

#[test]
fn media_needs_a_model_and_a_ratio_the_model_accepts() {
    assert_eq!(refused(&MediaCreate::new(" ", "cat")).0, "model");
    for ratio in ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"] {
        for model in ["google-imagen-3", "flux-dev"] {
            assert!(
                client()
                    .create_request(&MediaCreate::new(model, "cat").aspect_ratio(ratio))
                    .is_ok(),
                "{model} {ratio}"
            );
        }
    }
    for ratio in ["21:9", "9:21", "2:3"] {
        assert_eq!(
            refused(&MediaCreate::new("gpt-image-1-low", "cat").aspect_ratio(ratio)).0,
            "aspectRatio",
            "{ratio}"
        );
    }
    assert_eq!(
        refused(&MediaCreate::new("flux-dev", "cat").aspect_ratio("2:3")).0,
        "aspectRatio"
    );
    assert!(client()
        .create_request(&MediaCreate::new("yandex-art", "cat").aspect_ratio("2:3"))
        .is_ok());
    for bad in ["", "16x9", "0:1", "1:", ":1", "-1:2", "1.5:1"] {
        assert_eq!(
            refused(&MediaCreate::new("seedream-3", "cat").aspect_ratio(bad)).0,
            "aspectRatio",
            "{bad}"
        );
    }
    assert_eq!(
        refused(&MediaCreate::new("flux-dev", "cat").images([""])).0,
        "images"
    );
}

#[test]
fn invalid_input_never_reaches_the_network() {
    // The base URL points at a closed port: a request that left would be a Network error.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = client();
        assert_eq!(
            client.imagine(&Imagine::new("")).await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            client.result("nope").await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            client.media_result("nope").await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            client
                .raw("../balance", &json!({}))
                .await
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput
        );
        let unknown = client
            .action(ID, &gptunnel::Action::parse("describe"))
            .await;
        assert_eq!(unknown.unwrap_err().kind(), ErrorKind::InvalidInput);
        let wait = client.wait("nope", &Default::default(), |_| {}).await;
        assert_eq!(wait.unwrap_err().kind(), ErrorKind::InvalidInput);
    });
}

#[test]
fn an_unreachable_server_is_a_retryable_network_error() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = rt.block_on(client().balance()).unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(err.is_retryable());
    assert!(!err.to_string().contains("test-key"), "{err}");
}

#[test]
fn client_futures_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    let client = client();
    assert_send(&client.imagine(&Imagine::new("x")));
    assert_send(&client.wait(ID, &Default::default(), |_| {}));
    assert_send(&client.media_wait(ID, &Default::default(), |_| {}));
    assert_send(&client.balance());
}
