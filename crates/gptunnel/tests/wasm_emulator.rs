#![cfg(target_arch = "wasm32")]
//! The browser transport (fetch, AbortController, setTimeout) against a running emulator.
//! The URL comes from `GPTUNNEL_EMULATOR_URL` at compile time (scripts/test.sh starts one);
//! without it the tests are reported as ignored, with that reason (see build.rs).

use std::time::Duration;

use gptunnel::{Client, Config, Imagine, TaskStatus, Upsample, WaitEvent, WaitOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client() -> Client {
    // Present whenever this runs: the tests are ignored without it.
    let url = option_env!("GPTUNNEL_EMULATOR_URL").unwrap_or_default();
    Client::new(Config::new("browser-test-key").with_base_url(url)).unwrap()
}

fn quick() -> WaitOptions {
    WaitOptions {
        min_interval: Some(Duration::from_millis(50)),
        max_interval: Some(Duration::from_millis(250)),
        ..WaitOptions::default()
    }
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(gptunnel_emulator_url),
    ignore = "GPTUNNEL_EMULATOR_URL was not set at build time"
)]
async fn imagine_wait_upsample_and_balance_work_through_fetch() {
    let client = client();
    let grid = client
        .imagine(&Imagine::new("a cat in a browser"))
        .await
        .unwrap();
    let mut progress = 0;
    let grid = client
        .wait_task(&grid, &quick(), |event| {
            if let WaitEvent::Progress(_) = event {
                progress += 1;
            }
        })
        .await
        .unwrap();
    assert_eq!(grid.status, TaskStatus::Done);
    assert!(
        progress >= 2,
        "at least the created and the done task: {progress}"
    );
    let image = client.upsample(&Upsample::new(&grid.id, 4)).await.unwrap();
    let image = client.wait(&image.id, &quick(), |_| {}).await.unwrap();
    assert!(image.result.is_some());
    let balance = client.balance().await.unwrap();
    assert_eq!(balance.object, "balance");
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(gptunnel_emulator_url),
    ignore = "GPTUNNEL_EMULATOR_URL was not set at build time"
)]
async fn a_closed_port_is_a_network_error() {
    // A request that leaves for nowhere, next to one that works, shows the two are told apart.
    assert!(client().balance().await.is_ok());
    let closed = Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap();
    let err = closed.balance().await.unwrap_err();
    assert_eq!(err.kind(), "network", "{err:?}");
    assert!(err.is_retryable());
}
