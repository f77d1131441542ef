#![cfg(target_arch = "wasm32")]
//! The browser transport (fetch, AbortController, setTimeout) against a running emulator.
//! The URL comes from `GPTUNNEL_EMULATOR_URL` at compile time (scripts/test.sh starts one);
//! without it the tests are reported as ignored, with that reason (see build.rs).

use std::time::Duration;

use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use gptunnel::{Client, Config, Imagine, TaskStatus, Upsample, WaitEvent, WaitOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Present whenever a test runs: the tests are ignored without it.
fn emulator_url() -> &'static str {
    option_env!("GPTUNNEL_EMULATOR_URL").unwrap_or_default()
}

fn client() -> Client {
    Client::new(Config::new("browser-test-key").with_base_url(emulator_url())).unwrap()
}

/// How many polls of `task_id` the emulator has received, from its journal.
async fn polls_of(task_id: &str) -> usize {
    let url = format!("{}/__emulator/journal", emulator_url());
    let response = gloo_net::http::Request::get(&url).send().await.unwrap();
    let entries: js_sys::Array = js_sys::JSON::parse(&response.text().await.unwrap())
        .unwrap()
        .unchecked_into();
    let field = |entry: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(entry, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    entries
        .iter()
        .filter(|e| {
            field(e, "path").as_deref() == Some("/v1/midjourney/result")
                && field(e, "query").is_some_and(|q| q.contains(task_id))
        })
        .count()
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

#[wasm_bindgen_test]
#[cfg_attr(
    not(gptunnel_emulator_url),
    ignore = "GPTUNNEL_EMULATOR_URL was not set at build time"
)]
async fn dropping_a_wait_stops_polling() {
    let client = client();
    let task = client
        .imagine(&Imagine::new("a cat, then never mind"))
        .await
        .unwrap();
    let options = quick();
    let waiting = Box::pin(client.wait_task(&task, &options, |_| {}));
    // Dropped only once the emulator has seen two polls: it was really polling.
    let polled_twice = Box::pin(async {
        while polls_of(&task.id).await < 2 {
            TimeoutFuture::new(10).await;
        }
    });
    match select(waiting, polled_twice).await {
        Either::Left((ended, _)) => panic!("the wait ended before two polls: {ended:?}"),
        Either::Right(((), waiting)) => drop(waiting),
    }
    let at_drop = polls_of(&task.id).await;
    // The task takes a second and polls come every 250 ms at most: polling on would show here.
    // At most the one already on its way when the wait was dropped may still arrive.
    TimeoutFuture::new(600).await;
    let after = polls_of(&task.id).await - at_drop;
    assert!(after <= 1, "{after} polls after the drop");
}
