#![cfg(target_arch = "wasm32")]
//! The browser build's JSON path (the engine's JSON.parse, its result read in place by the
//! answer readers, and JSON.stringify, instead of serde_json) decodes and encodes exactly like
//! the native one.

use gptunnel::{
    Action, Answer, ApiErrorKind, Balance, Client, Config, Error, ErrorKind, HttpResponse, Imagine,
    Inpaint, MediaCreate, MediaStatus, MediaTask, Task, TaskStatus, TaskType, Variation,
    VariationMode,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ID: &str = "65589df803761c00010775ae";

fn answer(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        retry_after: None,
        body: body.to_owned(),
    }
}

#[wasm_bindgen_test]
fn the_seed_task_examples_decode() {
    let task =
        Task::from_response(&answer(200, include_str!("fixtures/imagine_response.json"))).unwrap();
    assert_eq!(task.id, ID);
    assert_eq!(
        (task.task_type, task.status),
        (TaskType::Imagine, TaskStatus::Idle)
    );
    assert_eq!(task.usage.unwrap().total_cost, 18.0);

    let done = Task::from_response(&answer(
        200,
        include_str!("fixtures/variation_resubmit_done.json"),
    ))
    .unwrap();
    assert_eq!(done.percent, 100);
    assert_eq!(done.actions.len(), 9);
    assert!(done.allows(&Action::upsample(2)));
}

#[wasm_bindgen_test]
fn loose_fields_are_tolerated_in_the_browser_too() {
    let body = r#"{"id":"65589df803761c00010775ae","percent":42.6,"actions":null,"usage":null,"status":"queued","error":{"message":"x"}}"#;
    let task = Task::from_response(&answer(200, body)).unwrap();
    assert_eq!(task.percent, 43);
    assert!(task.actions.is_empty());
    assert_eq!(task.status, TaskStatus::Other("queued".into()));
    assert_eq!(task.error.as_deref(), Some("x"));
}

#[wasm_bindgen_test]
fn media_and_balance_examples_decode() {
    let media = MediaTask::from_response(&answer(
        200,
        include_str!("fixtures/media_result_done.json"),
    ))
    .unwrap();
    assert_eq!(media.status, MediaStatus::Done);
    assert_eq!(media.created_at, Some(1753280579));
    let balance =
        Balance::from_response(&answer(200, include_str!("fixtures/balance_response.json")))
            .unwrap();
    assert_eq!((balance.balance, balance.credit_limit), (-51.54, 15000.0));
    let refused = MediaTask::from_response(&answer(
        200,
        include_str!("fixtures/media_error_insufficient_balance.json"),
    ));
    assert_eq!(refused.unwrap_err().kind(), ErrorKind::InsufficientBalance);
}

#[wasm_bindgen_test]
fn error_answers_map_like_natively() {
    let err = Task::from_response(&answer(
        402,
        include_str!("fixtures/error_402_insufficient_balance.json"),
    ))
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                kind: ApiErrorKind::InsufficientBalance,
                ..
            }
        ),
        "{err:?}"
    );
    let body = include_str!("fixtures/error_401_trailing_comma.json");
    let err = Task::from_response(&answer(401, body)).unwrap_err();
    assert!(
        matches!(&err, Error::Decode { status: 401, body: kept, .. } if kept == body),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    let in_a_200 = Task::from_response(&answer(
        200,
        include_str!("fixtures/error_402_insufficient_balance.json"),
    ))
    .unwrap_err();
    assert_eq!(
        in_a_200.kind(),
        ErrorKind::InsufficientBalance,
        "{in_a_200:?}"
    );
    assert!(!in_a_200.is_retryable());
    let html =
        Task::from_response(&answer(502, include_str!("fixtures/bad_gateway.html"))).unwrap_err();
    assert!(
        matches!(html, Error::Decode { status: 502, .. }),
        "a gateway's HTML page is an undecodable 502: {html:?}"
    );
    assert!(html.is_retryable());
}

#[wasm_bindgen_test]
fn request_bodies_are_built_with_wire_names() {
    let client = Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap();
    let imagine = client
        .create_request(&Imagine::new("Старый IBM PC"))
        .unwrap();
    assert_eq!(imagine.url, "http://127.0.0.1:9/v1/midjourney/imagine");
    assert_eq!(
        imagine.body.as_deref(),
        Some(r#"{"prompt":"Старый IBM PC"}"#)
    );
    let variation = client
        .create_request(&Variation::mode(ID, VariationMode::High))
        .unwrap();
    assert_eq!(
        variation.body.as_deref(),
        Some(r#"{"taskId":"65589df803761c00010775ae","mode":"high"}"#)
    );
    let media = client
        .create_request(&MediaCreate::new("flux-dev", "cat").aspect_ratio("16:9"))
        .unwrap();
    assert_eq!(
        media.body.as_deref(),
        Some(r#"{"model":"flux-dev","prompt":"cat","ar":"16:9"}"#)
    );
    let mask = include_str!("fixtures/provider_mask.b64").trim();
    let inpaint = client.create_request(&Inpaint::new(ID, mask)).unwrap();
    assert!(inpaint
        .body
        .unwrap()
        .starts_with(r#"{"taskId":"65589df803761c00010775ae","mask":"iVBOR"#));
    assert_eq!(
        client
            .create_request(&Imagine::new(" "))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}
