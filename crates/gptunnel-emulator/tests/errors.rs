//! Every refusal, in the provider's envelope (or the media `code` scheme) with the documented
//! messages where there are some.

mod common;

use axum::body::Body;
use axum::http::Method;
use common::{id_of, Harness, KEY};
use gptunnel_emulator::Settings;
use serde_json::json;

const UNAUTHORIZED: &str = r#"{"error":{"message":"Unauthorized","type":"unauthorized_request_error","param":null,"code":null}}"#;

#[tokio::test]
async fn a_missing_or_unknown_key_gets_the_documented_401() {
    let emulator = Harness::new(Settings {
        accepted_keys: Some(vec![KEY.into()]),
        ..Settings::fast()
    });
    for key in [
        None,
        Some(""),
        Some("wrong-key"),
        Some("Bearer wrong-key"),
        Some("Bearer "),
    ] {
        let reply = emulator
            .raw(
                Method::POST,
                "/v1/midjourney/imagine",
                r#"{"prompt":"cat"}"#,
                key,
            )
            .await;
        assert_eq!(reply.status, 401, "{key:?}");
        assert_eq!(
            reply.json(),
            serde_json::from_str::<serde_json::Value>(UNAUTHORIZED).unwrap()
        );
    }
    for path in [
        "/v1/balance",
        "/v1/midjourney/result?taskId=65589df803761c00010775ae",
    ] {
        assert_eq!(
            emulator
                .raw(Method::GET, path, Body::empty(), None)
                .await
                .status,
            401,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_bare_key_and_the_bearer_form_are_both_accepted() {
    let emulator = Harness::new(Settings {
        accepted_keys: Some(vec![KEY.into()]),
        ..Settings::fast()
    });
    for key in [
        KEY.to_string(),
        format!("Bearer {KEY}"),
        format!("bearer {KEY}"),
    ] {
        let reply = emulator
            .raw(Method::GET, "/v1/balance", Body::empty(), Some(&key))
            .await;
        assert_eq!(reply.status, 200, "{key}");
    }
}

#[tokio::test]
async fn missing_fields_get_the_documented_messages() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let up = id_of(
        &emulator
            .act("upsample", json!({"taskId": grid, "image": 1}))
            .await,
    );
    emulator.finish();
    for (path, body, message) in [
        ("imagine", json!({}), "'prompt' is a required property"),
        ("imagine", json!({"prompt": null}), "'prompt' is a required property"),
        ("upsample", json!({"taskId": grid}), "'image' is a required property"),
        ("variation", json!({"taskId": grid}), "'image' is a required property"),
        ("upsample", json!({"image": 1}), "'taskId' is a required property"),
        ("result", json!({}), "'id' is a required property"),
        ("inpaint", json!({"taskId": up}), "'mask' should be base64 png black and white image with same size as previous generation"),
        ("outpaint", json!({"taskId": up}), "'zoom' is a required property"),
        ("pan", json!({"taskId": up}), "'direction' is a required property"),
        ("upscale", json!({"taskId": up}), "'type' is a required property"),
    ] {
        let reply = emulator.post(&format!("/v1/midjourney/{path}"), body.clone()).await;
        assert_eq!(reply.status, 400, "{path} {body}");
        assert_eq!(reply.error_message(), message, "{path} {body}");
        assert_eq!(reply.error_type(), "invalid_request_error");
    }
    let get = emulator.get("/v1/midjourney/result").await;
    assert_eq!(get.error_message(), "'id' is a required property");
}

#[tokio::test]
async fn wrong_types_and_values_are_explained() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let up = id_of(
        &emulator
            .act("upsample", json!({"taskId": grid, "image": 1}))
            .await,
    );
    emulator.finish();
    for (path, body, message) in [
        (
            "upsample",
            json!({"taskId": grid, "image": 0}),
            "0 is not one of [1, 2, 3, 4]",
        ),
        (
            "upsample",
            json!({"taskId": grid, "image": 5}),
            "5 is not one of [1, 2, 3, 4]",
        ),
        (
            "upsample",
            json!({"taskId": grid, "image": "2"}),
            "'2' is not of type 'integer'",
        ),
        (
            "variation",
            json!({"taskId": up, "mode": "medium"}),
            "'medium' is not one of ['high', 'low']",
        ),
        (
            "outpaint",
            json!({"taskId": up, "zoom": 60}),
            "60 is not one of ['50', '75']",
        ),
        (
            "pan",
            json!({"taskId": up, "direction": "sideways"}),
            "'sideways' is not one of ['left', 'right', 'up', 'down']",
        ),
        (
            "upscale",
            json!({"taskId": up, "type": "3x"}),
            "'3x' is not one of ['2x', '4x']",
        ),
        (
            "imagine",
            json!({"prompt": 42}),
            "42 is not of type 'string'",
        ),
        ("imagine", json!({"prompt": "  "}), "'  ' is too short"),
        (
            "imagine",
            json!({"prompt": "cat", "useWalletBalance": "yes"}),
            "'yes' is not of type 'boolean'",
        ),
        (
            "imagine",
            json!(["prompt"]),
            "['prompt'] is not of type 'object'",
        ),
    ] {
        let reply = emulator
            .post(&format!("/v1/midjourney/{path}"), body.clone())
            .await;
        assert_eq!(reply.status, 400, "{path} {body}");
        assert_eq!(reply.error_message(), message, "{path} {body}");
    }
}

#[tokio::test]
async fn invalid_json_is_a_400() {
    let emulator = Harness::fast();
    let reply = emulator
        .raw(
            Method::POST,
            "/v1/midjourney/imagine",
            r#"{"prompt": "cat",}"#,
            Some(KEY),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.error_message().starts_with("Invalid JSON body"),
        "{}",
        reply.error_message()
    );
}

#[tokio::test]
async fn unknown_and_malformed_task_ids_are_400s() {
    let emulator = Harness::fast();
    let unknown = emulator
        .get("/v1/midjourney/result?taskId=65589df803761c00010775ae")
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.error_message(),
        "Task 65589df803761c00010775ae not found"
    );
    let action = emulator
        .post(
            "/v1/midjourney/upsample",
            json!({"taskId": "65589df803761c00010775ae", "image": 1}),
        )
        .await;
    assert_eq!(
        action.error_message(),
        "Task 65589df803761c00010775ae not found"
    );
    for id in [
        "abc",
        "65589DF803761C00010775AE",
        "65589df803761c00010775ae0",
    ] {
        let reply = emulator
            .get(&format!("/v1/midjourney/result?taskId={id}"))
            .await;
        assert_eq!(reply.status, 400);
        assert!(
            reply.error_message().contains("is not a valid task id"),
            "{}",
            reply.error_message()
        );
    }
    let not_a_string = emulator
        .post("/v1/midjourney/upsample", json!({"taskId": 7, "image": 1}))
        .await;
    assert_eq!(not_a_string.error_message(), "7 is not of type 'string'");
}

#[tokio::test]
async fn an_action_the_parent_does_not_list_is_refused() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let up = id_of(
        &emulator
            .act("upsample", json!({"taskId": grid, "image": 1}))
            .await,
    );
    emulator.finish();
    for (path, body, action) in [
        (
            "pan",
            json!({"taskId": grid, "direction": "left"}),
            "pan_left",
        ),
        (
            "inpaint",
            json!({"taskId": grid, "mask": "AAAA"}),
            "inpaint",
        ),
        ("upsample", json!({"taskId": up, "image": 1}), "upsample_1"),
        (
            "variation",
            json!({"taskId": up, "image": 1}),
            "variation_1",
        ),
        (
            "variation",
            json!({"taskId": grid, "mode": "high"}),
            "high_variation",
        ),
        ("reroll", json!({"taskId": up}), "reroll"),
    ] {
        let reply = emulator.post(&format!("/v1/midjourney/{path}"), body).await;
        assert_eq!(reply.status, 400, "{path}");
        let message = reply.error_message();
        assert!(
            message.starts_with(&format!("Action '{action}' is not available for task")),
            "{message}"
        );
    }
    let upscaled = id_of(
        &emulator
            .act("upscale", json!({"taskId": up, "type": "4x"}))
            .await,
    );
    emulator.finish();
    let reply = emulator
        .post(
            "/v1/midjourney/upscale",
            json!({"taskId": upscaled, "type": "2x"}),
        )
        .await;
    assert_eq!(
        reply.status, 400,
        "an upscaled image offers no further actions"
    );
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_in_the_envelope() {
    let emulator = Harness::fast();
    let reply = emulator.get("/v1/midjourney/teleport").await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.error_message(),
        "Unknown request URL: GET /v1/midjourney/teleport"
    );
    assert_eq!(emulator.get("/").await.status, 404);
    let wrong = emulator.get("/v1/midjourney/imagine").await;
    assert_eq!(wrong.status, 405);
    assert!(wrong.error_message().contains("not allowed"));
}

#[tokio::test]
async fn the_media_endpoints_answer_errors_with_codes_over_http_200() {
    let emulator = Harness::new(Settings {
        accepted_keys: Some(vec![KEY.into()]),
        ..Settings::fast()
    });
    let no_key = emulator
        .raw(
            Method::POST,
            "/v1/media/create",
            r#"{"model":"flux-dev","prompt":"x"}"#,
            Some("bad"),
        )
        .await;
    assert_eq!(no_key.status, 200);
    assert_eq!(no_key.json()["code"], 2);

    let missing = emulator
        .post("/v1/media/create", json!({"model": "flux-dev"}))
        .await
        .json();
    assert_eq!(missing["code"], 3);
    assert_eq!(missing["issues"][0]["path"], json!(["prompt"]));
    assert_eq!(missing["issues"][0]["code"], "invalid_type");
    assert_eq!(missing["issues"][0]["message"], "Required");

    let bad_ratio = emulator
        .post(
            "/v1/media/create",
            json!({"model": "gpt-image-1-low", "prompt": "x", "ar": "21:9"}),
        )
        .await
        .json();
    assert_eq!(bad_ratio["code"], 3);
    assert_eq!(bad_ratio["issues"][0]["code"], "invalid_enum_value");
    assert_eq!(bad_ratio["issues"][0]["path"], json!(["ar"]));

    let unknown_model = emulator
        .post(
            "/v1/media/create",
            json!({"model": "dall-e-9", "prompt": "x"}),
        )
        .await
        .json();
    assert_eq!(unknown_model["code"], 3);

    let bad_images = emulator
        .post(
            "/v1/media/create",
            json!({"model": "flux-dev", "prompt": "x", "images": ["u", 3]}),
        )
        .await
        .json();
    assert_eq!(bad_images["issues"][0]["path"], json!(["images", "1"]));

    let not_found = emulator
        .post(
            "/v1/media/result",
            json!({"task_id": "65589df803761c00010775ae"}),
        )
        .await
        .json();
    assert_eq!(not_found["code"], 4);
    let no_id = emulator.post("/v1/media/result", json!({})).await.json();
    assert_eq!(no_id["code"], 3);

    let unknown_method = emulator.post("/v1/media/teleport", json!({})).await;
    assert_eq!(unknown_method.status, 200);
    assert_eq!(unknown_method.json()["code"], 99);

    let broken = emulator
        .raw(Method::POST, "/v1/media/create", "{oops", Some(KEY))
        .await
        .json();
    assert_eq!(broken["code"], 3);
}
