//! Fault injection does what it promises: the configured shares (within tolerance over 1000
//! requests), Retry-After on 429s, creates refused before (500/429) or spoiled after
//! (drop/malformed) the task exists, the same faults for the same seed, and real dropped
//! connections on a socket.

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use common::{id_of, Harness, KEY};
use gptunnel_emulator::{Emulator, Faults, Settings};

/// The nginx page a proxy sends (what a malformed answer may be replaced with).
const NGINX_502_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
use serde_json::json;

fn every_fault(share: f64) -> Faults {
    Faults {
        error_500: share,
        too_many_requests: share,
        error_200: 0.0,
        retry_after: Duration::from_secs(3),
        drop_connection: share,
        slow: share,
        slow_delay: Duration::from_millis(1),
        malformed_body: share,
    }
}

fn poll(id: &str) -> Request<Body> {
    Request::get(format!("/v1/midjourney/result?taskId={id}"))
        .header("authorization", KEY)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn poll_faults_come_in_the_configured_shares_and_the_journal_names_them() {
    let emulator = Harness::new(Settings {
        poll_faults: every_fault(0.1),
        ..Settings::fast()
    });
    let id = id_of(&emulator.imagine("cat").await);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for _ in 0..1000 {
        let (status, headers, body) = emulator.send_lenient(poll(&id)).await;
        let outcome = match (status.as_u16(), body) {
            (_, Err(_)) => "drop_connection",
            (500, Ok(body)) => {
                let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(json["error"]["type"], "server_error");
                "error_500"
            }
            (429, Ok(_)) => {
                assert_eq!(headers["retry-after"], "3");
                "too_many_requests"
            }
            (200, Ok(body)) if serde_json::from_slice::<serde_json::Value>(&body).is_err() => {
                let text = String::from_utf8_lossy(&body);
                assert!(
                    text == NGINX_502_PAGE || text.starts_with("{\"id\""),
                    "{text}"
                );
                "malformed_body"
            }
            (200, Ok(_)) => "answered",
            (other, _) => panic!("unexpected status {other}"),
        };
        *seen.entry(outcome).or_default() += 1;
    }
    let journal = emulator.state.journal();
    let slow = journal
        .iter()
        .filter(|entry| entry.fault.as_deref() == Some("slow"))
        .count();
    for fault in [
        "error_500",
        "too_many_requests",
        "drop_connection",
        "malformed_body",
    ] {
        let count = seen.get(fault).copied().unwrap_or(0);
        assert!(
            (60..=140).contains(&count),
            "{fault}: {count} of 1000, expected about 100"
        );
        let journaled = journal
            .iter()
            .filter(|entry| entry.fault.as_deref() == Some(fault))
            .count();
        assert_eq!(journaled, count, "{fault} in the journal");
    }
    assert!((60..=140).contains(&slow), "slow: {slow}");
    let answered = seen["answered"];
    assert!(
        (520..=680).contains(&answered),
        "answered normally (the ~100 slow ones included): {answered}"
    );
    assert!(journal
        .iter()
        .filter(|e| e.fault.as_deref() == Some("drop_connection"))
        .all(|e| e.status == 0));
}

#[tokio::test]
async fn creates_refused_by_500_or_429_create_nothing_but_dropped_or_spoiled_ones_do() {
    let faults = Faults {
        error_500: 0.25,
        too_many_requests: 0.25,
        drop_connection: 0.25,
        malformed_body: 0.25,
        ..Faults::none()
    };
    let emulator = Harness::new(Settings {
        create_faults: faults,
        starting_balance: 1e6,
        ..Settings::fast()
    });
    let mut created = 0;
    let mut refused = 0;
    for n in 0..200 {
        let request = Request::post("/v1/midjourney/imagine")
            .header("authorization", KEY)
            .body(Body::from(
                json!({"prompt": format!("cat {n}")}).to_string(),
            ))
            .unwrap();
        match emulator.send_lenient(request).await {
            (status, _, Ok(_)) if status == 500 || status == 429 => refused += 1,
            (status, _, _) => {
                assert_eq!(status, 200);
                created += 1;
            }
        }
    }
    assert!(
        refused > 60 && created > 60,
        "refused {refused}, created {created}"
    );
    assert_eq!(
        emulator.balance().await,
        1e6 - 18.0 * f64::from(created),
        "only the spoiled answers were charged"
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults_and_another_seed_others() {
    async fn faults_of(seed: u64) -> Vec<Option<String>> {
        let emulator = Harness::new(Settings {
            poll_faults: every_fault(0.15),
            seed,
            ..Settings::fast()
        });
        let id = id_of(&emulator.imagine("cat").await);
        for _ in 0..100 {
            let _ = emulator.send_lenient(poll(&id)).await;
        }
        emulator
            .state
            .journal()
            .into_iter()
            .map(|entry| entry.fault)
            .collect()
    }
    assert_eq!(faults_of(1).await, faults_of(1).await);
    assert_ne!(faults_of(1).await, faults_of(2).await);
}

#[tokio::test]
async fn a_reset_replays_the_same_faults() {
    let emulator = Harness::new(Settings {
        poll_faults: every_fault(0.15),
        ..Settings::fast()
    });
    let mut runs = Vec::new();
    for _ in 0..2 {
        let id = id_of(&emulator.imagine("cat").await);
        for _ in 0..50 {
            let _ = emulator.send_lenient(poll(&id)).await;
        }
        runs.push(
            emulator
                .state
                .journal()
                .into_iter()
                .map(|entry| entry.fault)
                .collect::<Vec<_>>(),
        );
        emulator.state.reset();
    }
    assert_eq!(runs[0], runs[1]);
}

#[tokio::test]
async fn endpoints_other_than_creates_and_polls_never_meet_faults_and_media_ones_meet_them_as_codes(
) {
    let all = Faults {
        error_500: 1.0,
        ..Faults::none()
    };
    let emulator = Harness::new(Settings {
        poll_faults: all.clone(),
        create_faults: all,
        ..Settings::fast()
    });
    assert_eq!(emulator.get("/v1/balance").await.status, 200);
    assert_eq!(
        emulator
            .post("/v1/midjourney/imagine", json!({"prompt": "cat"}))
            .await
            .status,
        500
    );
    let create = emulator
        .post(
            "/v1/media/create",
            json!({"model": "flux-dev", "prompt": "x"}),
        )
        .await;
    assert_eq!(create.status, 200);
    assert!([1, 500].contains(&create.json()["code"].as_u64().unwrap()));
    let poll = emulator
        .get("/v1/media/result?task_id=65589df803761c00010775ae")
        .await;
    assert_eq!(poll.status, 200);
    assert!([1, 500].contains(&poll.json()["code"].as_u64().unwrap()));
}

#[tokio::test]
async fn on_a_socket_a_dropped_connection_is_an_error_and_a_slow_answer_is_late() {
    let dropping = Settings {
        poll_faults: Faults {
            drop_connection: 1.0,
            ..Faults::none()
        },
        ..Settings::fast()
    };
    let emulator = Emulator::start(dropping).await.unwrap();
    let client = reqwest::Client::new();
    let created = client
        .post(format!("{}/v1/midjourney/imagine", emulator.base_url()))
        .header("authorization", KEY)
        .body(r#"{"prompt":"cat"}"#)
        .send()
        .await
        .unwrap();
    let id = id_of(&serde_json::from_slice(&created.bytes().await.unwrap()).unwrap());
    let url = format!("{}/v1/midjourney/result?taskId={id}", emulator.base_url());
    let outcome = client.get(&url).header("authorization", KEY).send().await;
    match outcome {
        Err(error) => assert!(!error.is_timeout(), "{error}"),
        Ok(response) => panic!(
            "an answer came through a dropped connection: {}",
            response.status()
        ),
    }

    let delay = Duration::from_millis(300);
    let slow = Settings {
        poll_faults: Faults {
            slow: 1.0,
            slow_delay: delay,
            ..Faults::none()
        },
        ..Settings::fast()
    };
    let emulator = Emulator::start(slow).await.unwrap();
    let started = Instant::now();
    let reply = client
        .get(format!(
            "{}/v1/midjourney/result?taskId=65589df803761c00010775ae",
            emulator.base_url()
        ))
        .header("authorization", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 400);
    assert!(
        started.elapsed() >= delay,
        "answered after {:?}",
        started.elapsed()
    );
    assert_eq!(emulator.journal()[0].fault.as_deref(), Some("slow"));
}
