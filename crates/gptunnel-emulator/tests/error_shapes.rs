//! Errors in the shapes a client must survive: injected server errors and rate limits on the
//! media endpoints as the media API's own codes over HTTP 200 (CONTRACT §4), a Midjourney
//! error envelope inside an HTTP 200, and the docs' 401/402 examples printed with their
//! trailing comma (CONTRACT §1). The refusals create and charge nothing.

mod common;

use axum::http::Method;
use common::{id_of, Harness, KEY};
use gptunnel_emulator::{Faults, Settings};
use serde_json::{json, Value};

/// The 402 example of seed 000 (the imagine page), byte for byte.
const SEED_402: &str = "{\n  \"error\": {\n    \"message\": \"Organization balance is too low to use API\",\n    \"type\": \"insufficient_balance_error\",\n    \"param\": null,\n    \"code\": null\n  }\n}";

fn with_faults(create: Faults, poll: Faults) -> Harness {
    Harness::new(Settings {
        create_faults: create,
        poll_faults: poll,
        ..Settings::fast()
    })
}

fn all_500() -> Faults {
    Faults {
        error_500: 1.0,
        ..Faults::none()
    }
}

fn all_429() -> Faults {
    Faults {
        too_many_requests: 1.0,
        ..Faults::none()
    }
}

fn all_error_200() -> Faults {
    Faults {
        error_200: 1.0,
        ..Faults::none()
    }
}

async fn media_create(emulator: &Harness) -> common::Reply {
    emulator
        .post(
            "/v1/media/create",
            json!({"model": "flux-dev", "prompt": "a fox"}),
        )
        .await
}

#[tokio::test]
async fn a_media_server_error_is_code_1_or_500_over_http_200_and_creates_nothing() {
    let emulator = with_faults(all_500(), Faults::none());
    let mut codes = std::collections::BTreeSet::new();
    for _ in 0..40 {
        let reply = media_create(&emulator).await;
        assert_eq!(reply.status, 200);
        let body = reply.json();
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
        assert_eq!(
            body.as_object().unwrap().len(),
            2,
            "code and message only: {body}"
        );
        codes.insert(body["code"].as_u64().unwrap());
    }
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), [1, 500]);
    assert_eq!(emulator.balance().await, 1000.0, "nothing charged");
    let journal = emulator.state.journal();
    assert!(journal
        .iter()
        .filter(|entry| entry.path == "/v1/media/create")
        .all(|entry| entry.status == 200 && entry.fault.as_deref() == Some("error_500")));
}

#[tokio::test]
async fn a_media_rate_limit_is_code_6_over_http_200_and_creates_nothing() {
    let emulator = with_faults(all_429(), Faults::none());
    let reply = media_create(&emulator).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        json!({"code": 6, "message": "service under heavy load, retry later"})
    );
    assert!(reply.headers.get("retry-after").is_none());
    assert_eq!(emulator.balance().await, 1000.0, "nothing charged");
}

#[tokio::test]
async fn media_polls_meet_the_same_codes() {
    let emulator = with_faults(Faults::none(), all_429());
    let id = id_of(&media_create(&emulator).await.json());
    let poll = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await;
    assert_eq!(
        (poll.status.as_u16(), poll.json()["code"].clone()),
        (200, json!(6))
    );

    let emulator = with_faults(Faults::none(), all_500());
    let id = id_of(&media_create(&emulator).await.json());
    let poll = emulator
        .get(&format!("/v1/media/result?task_id={id}"))
        .await;
    assert_eq!(poll.status, 200);
    let code = poll.json()["code"].as_u64().unwrap();
    assert!(code == 1 || code == 500, "{code}");
}

#[tokio::test]
async fn a_midjourney_create_may_answer_200_with_an_error_envelope_and_create_nothing() {
    let emulator = with_faults(all_error_200(), Faults::none());
    let reply = emulator
        .post("/v1/midjourney/imagine", json!({"prompt": "cat"}))
        .await;
    assert_eq!(reply.status, 200);
    assert!(!reply.error_message().is_empty());
    assert_eq!(reply.error_type(), "api_error");
    assert_eq!(emulator.balance().await, 1000.0, "nothing charged");
    let journal = emulator.state.journal();
    let entry = journal
        .iter()
        .find(|entry| entry.path == "/v1/midjourney/imagine")
        .unwrap();
    assert_eq!(
        (entry.status, entry.fault.as_deref()),
        (200, Some("error_200"))
    );
}

#[tokio::test]
async fn a_midjourney_poll_may_answer_200_with_an_error_envelope() {
    let emulator = with_faults(Faults::none(), all_error_200());
    let id = id_of(&emulator.imagine("cat").await);
    let reply = emulator
        .get(&format!("/v1/midjourney/result?taskId={id}"))
        .await;
    assert_eq!(reply.status, 200);
    let body: Value = reply.json();
    assert!(body.get("id").is_none(), "no task in it: {body}");
    assert_eq!(reply.error_type(), "api_error");
}

#[tokio::test]
async fn the_media_endpoints_never_meet_the_midjourney_envelope_fault() {
    let emulator = with_faults(all_error_200(), all_error_200());
    let created = media_create(&emulator).await.json();
    assert_eq!(created["code"], 0, "{created}");
    assert_eq!(
        emulator.balance().await,
        990.0,
        "a real, charged media task"
    );
}

#[tokio::test]
async fn doc_literal_401_and_402_bodies_are_the_documented_text_with_its_trailing_comma() {
    let emulator = Harness::new(Settings {
        doc_literal_errors: true,
        starting_balance: 0.0,
        ..Settings::fast()
    });
    let refused = emulator
        .raw(
            Method::POST,
            "/v1/midjourney/imagine",
            r#"{"prompt":"cat"}"#,
            None,
        )
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(
        String::from_utf8_lossy(&refused.bytes),
        "{\n  \"error\": {\n    \"message\": \"Unauthorized\",\n    \"type\": \"unauthorized_request_error\",\n    \"param\": null,\n    \"code\": null,\n  }\n}"
    );
    assert!(serde_json::from_slice::<Value>(&refused.bytes).is_err());
    assert_eq!(refused.headers["content-type"], "application/json");

    let poor = emulator
        .post("/v1/midjourney/imagine", json!({"prompt": "cat"}))
        .await;
    assert_eq!(poor.status, 402);
    let text = String::from_utf8_lossy(&poor.bytes).into_owned();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(
        text.replacen("\"code\": null,", "\"code\": null", 1),
        SEED_402,
        "the seed's bytes but for the trailing comma"
    );
    assert!(text.contains("\"code\": null,\n  }"), "{text}");
}

#[tokio::test]
async fn without_the_knob_401_and_402_are_well_formed_json() {
    let emulator = Harness::new(Settings {
        starting_balance: 0.0,
        ..Settings::fast()
    });
    let refused = emulator.raw(Method::GET, "/v1/balance", "", None).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.error_type(), "unauthorized_request_error");
    let poor = emulator
        .raw(
            Method::POST,
            "/v1/midjourney/imagine",
            r#"{"prompt":"cat"}"#,
            Some(KEY),
        )
        .await;
    assert_eq!(poor.status, 402);
    assert_eq!(poor.error_type(), "insufficient_balance_error");
}
