//! The browser platform (a page or a Web Worker): `fetch`, `setTimeout`, `Date.now()` and the
//! engine's own `JSON.parse` / `JSON.stringify`, so the wasm build carries no JSON parser of
//! its own (smaller download, and the same strictness: trailing commas are refused either way).
//!
//! `std::time::Instant::now()` panics on wasm32-unknown-unknown, hence `Date.now()`.

use std::time::Duration;

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::http::{parse_retry_after, HttpRequest, HttpResponse, Method};
use crate::node::Read;
use crate::Error;

/// Keeps what it wraps: the JavaScript binding exists only in the browser build.
macro_rules! in_browser {
    ($($item:item)*) => { $($item)* };
}
pub(crate) use in_browser;

/// `fetch` needs no state: it is looked up on the global scope, so windows and workers both
/// work.
#[derive(Debug, Clone)]
pub(crate) struct Transport;

/// Aborts the fetch when the request future is dropped (cancel by drop); after completion the
/// abort is a no-op.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Transport {
    pub(crate) fn new() -> Result<Self, Error> {
        Ok(Self)
    }

    pub(crate) async fn send(
        &self,
        request: &HttpRequest,
        api_key: &str,
    ) -> Result<HttpResponse, Error> {
        // Where there is no global `fetch` (some embedded engines), fail this request with a
        // clear message instead of a ReferenceError.
        if !has_fetch() {
            return Err(Error::network(
                "this JavaScript environment has no fetch function",
            ));
        }
        let controller = web_sys::AbortController::new()
            .map_err(|_| Error::network("this JavaScript environment has no AbortController"))?;
        let guard = AbortOnDrop(controller);
        let init = web_sys::RequestInit::new();
        let headers = js_sys::Object::new();
        set(&headers, "Authorization", &JsValue::from_str(api_key));
        init.set_method(match request.method {
            Method::Get => "GET",
            Method::Post => "POST",
        });
        if let Some(body) = &request.body {
            set(
                &headers,
                "Content-Type",
                &JsValue::from_str("application/json"),
            );
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        init.set_signal(Some(&guard.0.signal()));
        let response: web_sys::Response = JsFuture::from(fetch(&request.url, &init)?)
            .await
            .map_err(fetch_error)?
            .unchecked_into();
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .as_deref()
            .and_then(parse_retry_after);
        let text = response.text().map_err(fetch_error)?;
        let body = JsFuture::from(text).await.map_err(fetch_error)?;
        drop(guard);
        Ok(HttpResponse {
            status,
            retry_after,
            body: body.as_string().unwrap_or_default(),
        })
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of windows and workers.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue>;
}

/// Starts the request; a synchronous throw (a malformed URL or header) fails it as a network
/// error instead of passing through Rust.
fn fetch(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, Error> {
    global_fetch(url, init).map_err(fetch_error)
}

/// Sets a property of a fresh plain object (which cannot fail).
fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// Whether the global scope has a callable `fetch`.
fn has_fetch() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
        .is_ok_and(|fetch| fetch.is_function())
}

/// What `fetch` (or reading the body) rejected with: an `AbortError` is our own abort, a
/// `TypeError` a network failure, which browsers also report for a refused CORS request.
fn fetch_error(thrown: JsValue) -> Error {
    let text = |key: &str| {
        js_sys::Reflect::get(&thrown, &JsValue::from_str(key))
            .ok()
            .and_then(|value| value.as_string())
            .unwrap_or_default()
    };
    let (name, message) = (text("name"), text("message"));
    match name.as_str() {
        "AbortError" => Error::Aborted,
        "TypeError" => Error::network(format!(
            "{message} (browsers report a refused cross-origin request (CORS) the same way: \
             the base URL may need a same-origin relay)"
        )),
        _ => Error::network(format!("{name}: {message}")),
    }
}

/// Time since the Unix epoch; only differences are meaningful.
pub(crate) fn now() -> Duration {
    Duration::from_secs_f64(js_sys::Date::now().max(0.0) / 1000.0)
}

/// Wait for `duration` with the global `setTimeout` (present in windows and workers);
/// dropping it clears the timer.
pub(crate) async fn sleep(duration: Duration) {
    // setTimeout takes an i32 of milliseconds; longer waits are clamped (~24 days).
    let millis = u32::try_from(duration.as_millis())
        .unwrap_or(u32::MAX)
        .min(i32::MAX as u32);
    gloo_timers::future::TimeoutFuture::new(millis).await
}

/// Seconds since the Unix epoch on this machine's clock.
pub(crate) fn unix_now() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// A number written in Rust's float syntax (checked by `number.rs`) as an `f64`, read by the
/// engine's `parseFloat`, which rounds as Rust does: Rust's own parser is several KB of wasm.
pub(crate) fn decimal_to_f64(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(text))
}

/// A number as text, written by the engine (`String(n)`): Rust's float formatting is several
/// KB of wasm that JavaScript already has.
pub(crate) fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// A future as one boxed, non-generic type, so that code awaiting it exists once in the wasm
/// instead of being inlined into every caller (the browser's futures are not `Send`).
pub(crate) type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

/// Serialize a request body. Failing here means the caller's body cannot be JSON.
pub(crate) fn json_to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    super::to_json_text(value).map_err(|reason| Error::invalid("body", reason))
}

/// Parse JSON text with the engine's `JSON.parse` and read the result in place as `T`
/// (`js_node.rs`); the error is the parser's or the reader's reason.
pub(crate) fn read_json<T: Read>(text: &str) -> Result<T, String> {
    T::read(&parse_json(text)?)
}

/// `JSON.parse`, once for every answer type (not generic).
fn parse_json(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "not valid JSON".to_owned(),
    })
}
