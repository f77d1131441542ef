#![cfg(target_arch = "wasm32")]
//! The browser transport and timers inside a dedicated Web Worker, where there is no `window`:
//! `fetch`, `AbortController` and `setTimeout` must come from the global scope. Both tests need
//! a running emulator (`GPTUNNEL_EMULATOR_URL` at build time, see build.rs): a request that
//! only fails proves nothing, since a missing `fetch` fails as a network error too.

use std::time::Duration;

use gptunnel::{Client, Config, Imagine, TaskStatus, WaitOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn client() -> Client {
    // Present whenever this runs: the tests are ignored without it.
    let url = option_env!("GPTUNNEL_EMULATOR_URL").unwrap_or_default();
    Client::new(Config::new("worker-test-key").with_base_url(url)).unwrap()
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(gptunnel_emulator_url),
    ignore = "GPTUNNEL_EMULATOR_URL was not set at build time"
)]
async fn fetch_works_in_a_worker_and_a_closed_port_is_a_network_error() {
    assert!(web_sys::window().is_none(), "this runs in a worker");
    // A real answer, decoded: only a working `fetch` gets this far.
    let balance = client().balance().await.expect("the balance is fetched");
    assert_eq!(balance.object, "balance");

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
    let client = client();
    let task = client
        .imagine(&Imagine::new("a cat in a worker"))
        .await
        .unwrap();
    let options = WaitOptions {
        min_interval: Some(Duration::from_millis(50)),
        max_interval: Some(Duration::from_millis(250)),
        ..WaitOptions::default()
    };
    // The emulator's task takes a second: finishing it takes `setTimeout` between polls.
    let done = client.wait_task(&task, &options, |_| {}).await.unwrap();
    assert_eq!(done.status, TaskStatus::Done);
}
