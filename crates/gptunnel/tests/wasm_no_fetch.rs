#![cfg(target_arch = "wasm32")]
//! A JavaScript environment without `fetch` (some embedded engines): a request fails with a
//! typed network error instead of throwing an exception past Rust. A page of its own, since
//! the test removes the global `fetch` for a moment.

use gptunnel::{Client, Config};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_missing_fetch_is_a_network_error() {
    let global = js_sys::global();
    let name = JsValue::from_str("fetch");
    let fetch = js_sys::Reflect::get(&global, &name).unwrap();
    assert!(fetch.is_function(), "the browser has fetch to begin with");
    js_sys::Reflect::set(&global, &name, &JsValue::UNDEFINED).unwrap();

    // Never contacted: there is nothing to contact it with.
    let client = Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap();
    let outcome = client.balance().await;
    js_sys::Reflect::set(&global, &name, &fetch).unwrap();

    let err = outcome.unwrap_err();
    assert_eq!(err.kind(), "network", "{err:?}");
    assert!(err.to_string().contains("no fetch"), "{err}");
}
