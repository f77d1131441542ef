//! Relay mode against a second emulator as the upstream: requests pass unchanged, answers
//! (errors included) come back unchanged with CORS headers added, keys are never recorded.

mod common;

use std::sync::Arc;

use gptunnel_emulator::{Emulator, Faults, ManualClock, Relay, Settings};
use reqwest::{Client, Method};
use serde_json::{json, Value};

const SECRET: &str = "sk-relay-secret-key";

async fn upstream_and_relay(settings: Settings) -> (Emulator, ManualClock, Relay) {
    let clock = ManualClock::new();
    let settings = Settings {
        accepted_keys: Some(vec![SECRET.into()]),
        ..settings
    };
    let upstream = Emulator::start_with_clock(settings, Arc::new(clock.clone()))
        .await
        .unwrap();
    let relay = Relay::start(&upstream.base_url()).await.unwrap();
    (upstream, clock, relay)
}

async fn call(
    relay: &Relay,
    method: Method,
    path_and_query: &str,
    body: Option<Value>,
    key: &str,
) -> reqwest::Response {
    let mut request = Client::new()
        .request(method, format!("{}{path_and_query}", relay.base_url()))
        .header("authorization", key)
        .header("origin", "http://localhost:8080");
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn requests_pass_through_unchanged_and_answers_come_back_with_cors() {
    let (upstream, clock, relay) = upstream_and_relay(Settings::fast()).await;
    let created = call(
        &relay,
        Method::POST,
        "/v1/midjourney/imagine",
        Some(json!({"prompt": "кот"})),
        SECRET,
    )
    .await;
    assert_eq!(created.status(), 200);
    assert_eq!(created.headers()["access-control-allow-origin"], "*");
    let task: Value = serde_json::from_slice(&created.bytes().await.unwrap()).unwrap();
    let id = task["id"].as_str().unwrap().to_string();

    clock.advance(Settings::fast().task_duration);
    let result = call(
        &relay,
        Method::GET,
        &format!("/v1/midjourney/result?taskId={id}"),
        None,
        SECRET,
    )
    .await;
    let result: Value = serde_json::from_slice(&result.bytes().await.unwrap()).unwrap();
    assert_eq!(result["status"], "done");

    let journal = upstream.journal();
    assert_eq!(journal[0].method, "POST");
    assert_eq!(journal[0].path, "/v1/midjourney/imagine");
    assert_eq!(
        serde_json::from_str::<Value>(&journal[0].body).unwrap(),
        json!({"prompt": "кот"})
    );
    assert_eq!(
        journal[1].query.as_deref(),
        Some(format!("taskId={id}").as_str())
    );
    assert!(
        !serde_json::to_string(&journal).unwrap().contains(SECRET),
        "the journal holds no key"
    );

    let image_path = format!("/task/image/{id}?cache=100");
    let through_relay = call(&relay, Method::GET, &image_path, None, "").await;
    assert_eq!(through_relay.headers()["content-type"], "image/png");
    assert_eq!(through_relay.headers()["access-control-allow-origin"], "*");
    let direct = Client::new()
        .get(format!("{}{image_path}", upstream.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        through_relay.bytes().await.unwrap(),
        direct.bytes().await.unwrap()
    );
}

#[tokio::test]
async fn upstream_errors_come_back_as_they_are() {
    let (_upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    let unauthorized = call(&relay, Method::GET, "/v1/balance", None, "wrong").await;
    assert_eq!(unauthorized.status(), 401);
    let body: Value = serde_json::from_slice(&unauthorized.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "unauthorized_request_error");
    let missing = call(
        &relay,
        Method::POST,
        "/v1/midjourney/imagine",
        Some(json!({})),
        SECRET,
    )
    .await;
    assert_eq!(missing.status(), 400);
    let media = call(
        &relay,
        Method::POST,
        "/v1/media/teleport",
        Some(json!({})),
        SECRET,
    )
    .await;
    assert_eq!(
        serde_json::from_slice::<Value>(&media.bytes().await.unwrap()).unwrap()["code"],
        99
    );
}

#[tokio::test]
async fn retry_after_passes_through_and_is_readable_by_pages() {
    let limited = Settings {
        create_faults: Faults {
            too_many_requests: 1.0,
            ..Faults::none()
        },
        ..Settings::fast()
    };
    let (_upstream, _clock, relay) = upstream_and_relay(limited).await;
    let reply = call(
        &relay,
        Method::POST,
        "/v1/midjourney/imagine",
        Some(json!({"prompt": "x"})),
        SECRET,
    )
    .await;
    assert_eq!(reply.status(), 429);
    assert_eq!(reply.headers()["retry-after"], "2");
    let exposed = reply.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");
}

#[tokio::test]
async fn preflights_are_answered_by_the_relay_itself() {
    let (upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    let preflight = Client::new()
        .request(
            Method::OPTIONS,
            format!("{}/v1/midjourney/imagine", relay.base_url()),
        )
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("authorization") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(
        upstream.journal().is_empty(),
        "preflights are not forwarded"
    );
}

#[tokio::test]
async fn paths_outside_the_api_are_not_forwarded() {
    let (upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    for path in ["/", "/__emulator/journal", "/etc/passwd"] {
        let reply = call(&relay, Method::GET, path, None, SECRET).await;
        assert_eq!(reply.status(), 404, "{path}");
    }
    assert!(upstream.journal().is_empty());
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_in_the_envelope() {
    let gone = Emulator::start(Settings::fast()).await.unwrap();
    let address = gone.base_url();
    drop(gone);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let relay = Relay::start(&address).await.unwrap();
    let reply = call(&relay, Method::GET, "/v1/balance", None, SECRET).await;
    assert_eq!(reply.status(), 502);
    let body: Value = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "upstream_error");
    assert!(!body.to_string().contains(SECRET));
}

#[tokio::test]
async fn a_relay_refuses_an_upstream_that_is_not_a_url() {
    let error = Relay::start("gptunnel.ru").await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}
