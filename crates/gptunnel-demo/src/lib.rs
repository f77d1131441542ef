//! The demo mode's server side: the emulator's `app()` router, run inside the studio's
//! Service Worker (`web/sw.js`). The worker hands each intercepted request over as
//! plain parts (method, path, headers, body); [`handle`] turns them into an `http::Request`,
//! calls the router with `tower::ServiceExt::oneshot` and gives back status, headers and body
//! for a `Response`. Built with `--no-default-features` emulator: no tokio, no sockets.
//!
//! State lives as long as the worker: when the browser stops an idle worker, the next start
//! makes a fresh store (see the emulator's README, "In the demo's Service Worker").

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{HeaderName, HeaderValue, Method, Request};
use axum::Router;
use gptunnel_emulator::{app, AppState, Clock, Progress, ProgressModel, Settings};
use tower::ServiceExt;
use wasm_bindgen::prelude::*;

/// Largest answer body read back (pictures are a few hundred KB).
const ANSWER_LIMIT: usize = 64 << 20;

thread_local! {
    /// The one emulator of this worker (a worker has one thread).
    static ROUTER: RefCell<Option<Router>> = const { RefCell::new(None) };
}

/// The browser's wall clock, as time since the demo started.
#[derive(Debug)]
struct BrowserClock {
    origin_ms: f64,
}

impl Clock for BrowserClock {
    fn now(&self) -> Duration {
        Duration::from_secs_f64(((js_sys::Date::now() - self.origin_ms) / 1000.0).max(0.0))
    }
}

/// Starts the worker's emulator: result URLs under `public_url` (the demo base URL, so
/// pictures come back through the worker), tasks lasting `task_ms`. Seeded from the start
/// time, so a restarted worker never hands out the ids of a lost store again.
#[wasm_bindgen]
pub fn start_demo(public_url: String, task_ms: u32) -> Result<(), JsError> {
    let now_ms = js_sys::Date::now();
    let settings = Settings {
        task_duration: Duration::from_millis(u64::from(task_ms.max(1))),
        // Small steps moving often: a 3 s task shows progress and a preview at its first poll.
        progress: Progress::Only(ProgressModel::Smooth),
        public_url: Some(public_url.trim_end_matches('/').to_string()),
        seed: now_ms as u64,
        ..Settings::default()
    };
    settings
        .validate()
        .map_err(|message| JsError::new(&message))?;
    let clock = Arc::new(BrowserClock { origin_ms: now_ms });
    let state = AppState::with_clock_at(settings, clock, (now_ms / 1000.0) as u64);
    ROUTER.with(|router| *router.borrow_mut() = Some(app(state)));
    Ok(())
}

/// What the worker turns into a `Response`.
#[wasm_bindgen(getter_with_clone)]
pub struct Answer {
    pub status: u16,
    /// Header names and values, alternating.
    pub headers: Vec<String>,
    pub body: Vec<u8>,
}

/// Answers one request. `path` is the path and query below the demo base URL (`/v1/…`);
/// `headers` alternates names and values. Unparseable parts are a 400, never a panic.
#[wasm_bindgen]
pub async fn handle(
    method: String,
    path: String,
    headers: Vec<String>,
    body: Vec<u8>,
) -> Result<Answer, JsError> {
    let router = ROUTER
        .with(|router| router.borrow().clone())
        .ok_or_else(|| JsError::new("the demo is not started"))?;
    let request = match request(&method, &path, &headers, body) {
        Some(request) => request,
        None => return Ok(text_answer(400, "Bad request")),
    };
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, ANSWER_LIMIT)
        .await
        .map_err(|error| JsError::new(&error.to_string()))?;
    let headers = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some([name.to_string(), value.to_str().ok()?.to_string()]))
        .flatten()
        .collect();
    Ok(Answer {
        status: parts.status.as_u16(),
        headers,
        body: body.to_vec(),
    })
}

fn request(method: &str, path: &str, headers: &[String], body: Vec<u8>) -> Option<Request<Body>> {
    let mut request = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).ok()?)
        .uri(path);
    for pair in headers.chunks_exact(2) {
        let name = HeaderName::from_bytes(pair[0].as_bytes()).ok()?;
        let value = HeaderValue::from_str(&pair[1]).ok()?;
        request = request.header(name, value);
    }
    request.body(Body::from(body)).ok()
}

fn text_answer(status: u16, text: &str) -> Answer {
    Answer {
        status,
        headers: vec!["content-type".into(), "text/plain".into()],
        body: text.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_rebuilt_from_its_parts() {
        let headers = vec!["authorization".to_string(), "Bearer demo".to_string()];
        let request = request(
            "POST",
            "/v1/midjourney/imagine?x=1",
            &headers,
            b"{}".to_vec(),
        )
        .expect("valid parts");
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri().path(), "/v1/midjourney/imagine");
        assert_eq!(request.uri().query(), Some("x=1"));
        assert_eq!(request.headers()["authorization"], "Bearer demo");
    }

    #[test]
    fn unusable_parts_are_refused_not_panicked_on() {
        let no_headers: &[String] = &[];
        assert!(request("GET POST", "/v1/balance", no_headers, Vec::new()).is_none());
        assert!(request("GET", "not a path", no_headers, Vec::new()).is_none());
        let bad_value = vec!["x-note".to_string(), "line\nbreak".to_string()];
        assert!(request("GET", "/v1/balance", &bad_value, Vec::new()).is_none());
    }
}
