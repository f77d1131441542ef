//! The relay in front of a real emulator (on a virtual clock): requests pass unchanged, answers
//! (errors included) come back unchanged, CORS only for the listed origins, keys never recorded.

use std::sync::Arc;

use gptunnel_emulator::{Emulator, Faults, ManualClock, Settings};
use gptunnel_relay::{Relay, RelayConfig};
use reqwest::{Client, Method};
use serde_json::{json, Value};

const SECRET: &str = "sk-relay-secret-key";
const STUDIO: &str = "https://studio.example";
const ELSEWHERE: &str = "https://evil.example";

async fn upstream_and_relay(settings: Settings) -> (Emulator, ManualClock, Relay) {
    let clock = ManualClock::new();
    let settings = Settings {
        accepted_keys: Some(vec![SECRET.into()]),
        ..settings
    };
    let upstream = Emulator::start_with_clock(settings, Arc::new(clock.clone()))
        .await
        .unwrap();
    let relay = Relay::start(RelayConfig::new(upstream.base_url(), [STUDIO]))
        .await
        .unwrap();
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
        .header("origin", STUDIO);
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
    assert_eq!(created.headers()["access-control-allow-origin"], STUDIO);
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
    assert_eq!(journal.len(), 2, "one create, one poll: nothing sent twice");
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
}

#[tokio::test]
async fn an_origin_that_is_not_listed_gets_no_cors_headers() {
    let (_upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    let answer = Client::new()
        .get(format!("{}/v1/balance", relay.base_url()))
        .header("authorization", SECRET)
        .header("origin", ELSEWHERE)
        .send()
        .await
        .unwrap();
    assert!(answer
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let preflight = Client::new()
        .request(
            Method::OPTIONS,
            format!("{}/v1/midjourney/imagine", relay.base_url()),
        )
        .header("origin", ELSEWHERE)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn without_allowed_origins_nobody_gets_cors_headers() {
    let upstream = Emulator::start(Settings::fast()).await.unwrap();
    let relay = Relay::start(RelayConfig::new(upstream.base_url(), Vec::<String>::new()))
        .await
        .unwrap();
    let answer = call(&relay, Method::GET, "/v1/balance", None, SECRET).await;
    assert_eq!(answer.status(), 200);
    assert!(answer
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn a_wildcard_origin_is_refused_at_start() {
    let error = Relay::start(RelayConfig::new("http://127.0.0.1:9", ["*"]))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
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
        .header("origin", STUDIO)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], STUDIO);
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
async fn paths_outside_v1_are_not_forwarded() {
    let (upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    for path in [
        "/",
        "/__emulator/journal",
        "/etc/passwd",
        "/task/image/65589df803761c00010775ae",
        "/v1",
    ] {
        let reply = call(&relay, Method::GET, path, None, SECRET).await;
        assert_eq!(reply.status(), 404, "{path}");
    }
    assert!(upstream.journal().is_empty());
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_413_and_not_forwarded() {
    let (upstream, _clock, relay) = upstream_and_relay(Settings::fast()).await;
    let ten_megabytes = "x".repeat(10_000_000);
    let reply = Client::new()
        .post(format!("{}/v1/midjourney/inpaint", relay.base_url()))
        .header("authorization", SECRET)
        .header("content-type", "application/json")
        .body(ten_megabytes)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 413);
    assert!(upstream.journal().is_empty());
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_in_the_envelope() {
    let gone = Emulator::start(Settings::fast()).await.unwrap();
    let address = gone.base_url();
    drop(gone);
    // Wait until the port refuses connections (no fixed sleep).
    while tokio::net::TcpStream::connect(address.trim_start_matches("http://"))
        .await
        .is_ok()
    {
        tokio::task::yield_now().await;
    }
    let relay = Relay::start(RelayConfig::new(address, [STUDIO]))
        .await
        .unwrap();
    let reply = call(&relay, Method::GET, "/v1/balance", None, SECRET).await;
    assert_eq!(reply.status(), 502);
    let body: Value = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "upstream_error");
    assert!(!body.to_string().contains(SECRET));
}

#[tokio::test]
async fn a_relay_refuses_an_upstream_that_is_not_a_url() {
    let error = Relay::start(RelayConfig::new("gptunnel.ru", [STUDIO]))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}
