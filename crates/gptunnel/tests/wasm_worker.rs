#![cfg(target_arch = "wasm32")]
//! The browser transport and timers inside a dedicated Web Worker, where there is no `window`:
//! `fetch`, `AbortController` and `setTimeout` must come from the global scope.

use std::time::Duration;

use gptunnel::{Client, Config, Imagine, TaskStatus, WaitOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
async fn fetch_works_in_a_worker_and_a_closed_port_is_a_network_error() {
    let closed = Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap();
    let err = closed.balance().await.unwrap_err();
    assert_eq!(err.kind(), "network", "{err:?}");
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(gptunnel_emulator_url),
    ignore = "GPTUNNEL_EMULATOR_URL was not set at build time"
)]
async fn waiting_works_in_a_worker() {
    // Present whenever this runs: the test is ignored without it.
    let url = option_env!("GPTUNNEL_EMULATOR_URL").unwrap_or_default();
    let client = Client::new(Config::new("worker-test-key").with_base_url(url)).unwrap();
    let task = client
        .imagine(&Imagine::new("a cat in a worker"))
        .await
        .unwrap();
    let options = WaitOptions {
        min_interval: Some(Duration::from_millis(50)),
        max_interval: Some(Duration::from_millis(250)),
        ..WaitOptions::default()
    };
    let done = client.wait_task(&task, &options, |_| {}).await.unwrap();
    assert_eq!(done.status, TaskStatus::Done);
}
