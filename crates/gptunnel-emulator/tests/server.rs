//! The running emulator on a socket and the `gptunnel-emulator` binary: start, base URL,
//! journal, CORS, shutdown on drop, the ready line, loopback-only by default.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use gptunnel_emulator::{Emulator, ManualClock, Settings};
use reqwest::{Client, Method};

#[tokio::test]
async fn an_emulator_serves_on_a_free_loopback_port_and_journals_requests_without_keys() {
    let emulator = Emulator::start(Settings::fast()).await.unwrap();
    let base = emulator.base_url();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_ne!(emulator.addr().port(), 0);
    let reply = Client::new()
        .post(format!("{base}/v1/midjourney/imagine?trace=1"))
        .header("authorization", "Bearer sk-very-secret")
        .body(r#"{"prompt":"cat"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let task: serde_json::Value = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
    let id = task["id"].as_str().unwrap();
    let journal = emulator.journal();
    assert_eq!(journal.len(), 1);
    let entry = &journal[0];
    assert_eq!(
        (entry.method.as_str(), entry.path.as_str()),
        ("POST", "/v1/midjourney/imagine")
    );
    assert_eq!(entry.query.as_deref(), Some("trace=1"));
    assert_eq!(entry.body, r#"{"prompt":"cat"}"#);
    assert_eq!((entry.status, entry.fault.as_deref()), (200, None));
    assert!(!format!("{journal:?}").contains("sk-very-secret"));
    let over_http: serde_json::Value = serde_json::from_slice(
        &Client::new()
            .get(format!("{base}/__emulator/journal"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(over_http[0]["path"], "/v1/midjourney/imagine");
    assert!(id.len() == 24);
}

#[tokio::test]
async fn result_urls_point_at_the_emulator_itself_and_serve_the_png() {
    let clock = ManualClock::new();
    let emulator = Emulator::start_with_clock(Settings::fast(), Arc::new(clock.clone()))
        .await
        .unwrap();
    let client = Client::new();
    let created = client
        .post(format!("{}/v1/midjourney/imagine", emulator.base_url()))
        .header("authorization", "k")
        .body(r#"{"prompt":"cat"}"#)
        .send()
        .await
        .unwrap();
    let task: serde_json::Value = serde_json::from_slice(&created.bytes().await.unwrap()).unwrap();
    clock.advance(Settings::fast().task_duration);
    let done = client
        .get(format!(
            "{}/v1/midjourney/result?taskId={}",
            emulator.base_url(),
            task["id"].as_str().unwrap()
        ))
        .header("authorization", "k")
        .send()
        .await
        .unwrap();
    let done: serde_json::Value = serde_json::from_slice(&done.bytes().await.unwrap()).unwrap();
    let url = done["result"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/task/image/", emulator.base_url())),
        "{url}"
    );
    let image = client.get(url).send().await.unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
    assert!(image.bytes().await.unwrap().starts_with(b"\x89PNG"));
}

#[tokio::test]
async fn a_public_url_setting_overrides_the_host_in_result_urls() {
    let emulator = common::Harness::new(Settings {
        public_url: Some("https://images.example/".into()),
        ..Settings::fast()
    });
    let id = common::id_of(&emulator.imagine("cat").await);
    emulator.finish();
    let url = emulator.result(&id).await["result"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        url,
        format!("https://images.example/task/image/{id}?cache=100")
    );
}

#[tokio::test]
async fn cors_preflights_allow_any_origin_with_the_authorization_header() {
    let emulator = Emulator::start(Settings::fast()).await.unwrap();
    let preflight = Client::new()
        .request(
            Method::OPTIONS,
            format!("{}/v1/midjourney/imagine", emulator.base_url()),
        )
        .header("origin", "http://127.0.0.1:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("authorization") && allowed.contains("content-type"),
        "{allowed}"
    );
    let methods = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    let error = Client::new()
        .get(format!("{}/v1/balance", emulator.base_url()))
        .header("origin", "http://127.0.0.1:5173")
        .send()
        .await
        .unwrap();
    assert_eq!(error.status(), 401);
    assert_eq!(
        error.headers()["access-control-allow-origin"],
        "*",
        "errors carry CORS headers too"
    );
}

#[tokio::test]
async fn dropping_the_emulator_shuts_it_down() {
    let emulator = Emulator::start(Settings::fast()).await.unwrap();
    let addr = emulator.addr();
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    drop(emulator);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("still accepting connections 2 s after the drop");
}

#[tokio::test]
async fn invalid_settings_are_refused_at_start() {
    let error = Emulator::start(Settings {
        failure_rate: 2.0,
        ..Settings::fast()
    })
    .await
    .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("failure_rate"));
}

#[test]
fn the_binary_prints_its_ready_line_serves_and_logs_without_keys() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gptunnel-emulator"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--task-seconds",
            "0.3",
            "--key",
            "sk-cli-secret",
            "--balance",
            "42",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("gptunnel-emulator listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let balance: serde_json::Value = runtime.block_on(async {
        let reply = Client::new()
            .get(format!("{base}/v1/balance"))
            .header("authorization", "sk-cli-secret")
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap()
    });
    assert_eq!(balance["balance"], 42);
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("GET /v1/balance 200"), "{log}");
    assert!(!log.contains("sk-cli-secret"), "{log}");
}

#[test]
fn the_binary_refuses_a_non_loopback_address_without_allow_remote() {
    let output = Command::new(env!("CARGO_BIN_EXE_gptunnel-emulator"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--allow-remote"));
}

#[test]
fn the_binary_refuses_invalid_settings() {
    let output = Command::new(env!("CARGO_BIN_EXE_gptunnel-emulator"))
        .args(["--listen", "127.0.0.1:0", "--poll-500", "1.5"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("poll_faults.error_500"));
}

#[test]
fn the_binary_takes_each_progress_model_and_refuses_others() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for value in ["ladder", "smooth", "silent", "stall", "queued", "mix"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gptunnel-emulator"))
            .args(["--listen", "127.0.0.1:0", "--quiet", "--progress", value])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("gptunnel-emulator listening on ")
            .unwrap_or_else(|| panic!("{value}: {line}"))
            .to_string();
        let note = runtime.block_on(async {
            let client = Client::new();
            client
                .post(format!("{base}/v1/midjourney/imagine"))
                .header("authorization", "k")
                .body(r#"{"prompt":"cat"}"#)
                .send()
                .await
                .unwrap();
            let journal = client
                .get(format!("{base}/__emulator/journal"))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let journal: serde_json::Value = serde_json::from_slice(&journal).unwrap();
            journal[0]["note"].as_str().unwrap_or_default().to_string()
        });
        child.kill().unwrap();
        child.wait().unwrap();
        let model = note.strip_prefix("progress: ").unwrap_or(&note);
        if value == "mix" {
            assert!(
                ["ladder", "smooth", "silent", "stall", "queued"].contains(&model),
                "{note}"
            );
        } else {
            assert_eq!(model, value);
        }
    }
    let output = Command::new(env!("CARGO_BIN_EXE_gptunnel-emulator"))
        .args(["--listen", "127.0.0.1:0", "--progress", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("sometimes")
            && error.contains("ladder, smooth, silent, stall, queued or mix"),
        "{error}"
    );
}
