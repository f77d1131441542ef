//! In-process harness: the emulator's router on a virtual clock, called with
//! `tower::ServiceExt::oneshot` (no sockets, no sleeping).

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use gptunnel_emulator::{app, AppState, ManualClock, Settings};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const KEY: &str = "test-key";
pub const HOST: &str = "emulator.test";
pub const SEED_MASK_B64: &str = include_str!("../fixtures/seed_mask_512x512.b64");
/// The documented refusal of a bad mask (seed 002, the inpaint page).
pub const DOC_MASK_MESSAGE: &str =
    "'mask' should be base64 png black and white image with same size as previous generation";

pub struct Harness {
    pub app: Router,
    pub clock: ManualClock,
    pub state: AppState,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.bytes)))
    }

    /// `error.message` of the envelope, checking the envelope's shape on the way.
    pub fn error_message(&self) -> String {
        let body = self.json();
        let error = body
            .get("error")
            .unwrap_or_else(|| panic!("no error envelope: {body}"));
        assert_eq!(error["param"], Value::Null, "{body}");
        assert_eq!(error["code"], Value::Null, "{body}");
        assert!(error["type"].is_string(), "{body}");
        assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
        error["message"].as_str().unwrap().to_string()
    }

    pub fn error_type(&self) -> String {
        self.json()["error"]["type"].as_str().unwrap().to_string()
    }
}

impl Harness {
    pub fn new(settings: Settings) -> Harness {
        let clock = ManualClock::new();
        let state = AppState::with_clock(settings, Arc::new(clock.clone()));
        Harness {
            app: app(state.clone()),
            clock,
            state,
        }
    }

    pub fn fast() -> Harness {
        Harness::new(Settings::fast())
    }

    pub fn task_duration(&self) -> Duration {
        self.state.settings().task_duration
    }

    /// Moves the virtual clock past the end of any task created now: a media task takes at
    /// most 300 s (glabs-veo-3) per 20 s of `task_duration`, so 15 task durations, unless
    /// its duration is set.
    pub fn finish(&self) {
        let media = self.state.settings().media_duration.unwrap_or_default();
        self.clock
            .advance((self.task_duration() * 16).max(media + Duration::from_millis(1)));
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            bytes,
        }
    }

    /// Like `send`, but a body that breaks off (a dropped connection) is reported, not fatal.
    pub async fn send_lenient(
        &self,
        request: Request<Body>,
    ) -> (StatusCode, HeaderMap, Result<Bytes, String>) {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        let body = to_bytes(response.into_body(), usize::MAX)
            .await
            .map_err(|error| error.to_string());
        (status, headers, body)
    }

    /// A request with the test key and a raw body.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: impl Into<Body>,
        key: Option<&str>,
    ) -> Reply {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("host", HOST)
            .header("content-type", "application/json");
        if let Some(key) = key {
            builder = builder.header("authorization", key);
        }
        self.send(builder.body(body.into()).unwrap()).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.raw(Method::POST, path, body.to_string(), Some(KEY))
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.raw(Method::GET, path, Body::empty(), Some(KEY)).await
    }

    pub async fn imagine(&self, prompt: &str) -> Value {
        let reply = self
            .post("/v1/midjourney/imagine", json!({"prompt": prompt}))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.bytes)
        );
        reply.json()
    }

    pub async fn result(&self, id: &str) -> Value {
        let reply = self
            .get(&format!("/v1/midjourney/result?taskId={id}"))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.bytes)
        );
        reply.json()
    }

    /// An action that must succeed; returns the task object.
    pub async fn act(&self, endpoint: &str, body: Value) -> Value {
        let reply = self.post(&format!("/v1/midjourney/{endpoint}"), body).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{endpoint}: {}",
            String::from_utf8_lossy(&reply.bytes)
        );
        reply.json()
    }

    /// A finished imagine; returns its id.
    pub async fn done_grid(&self, prompt: &str) -> String {
        let id = id_of(&self.imagine(prompt).await);
        self.finish();
        id
    }

    /// A finished upsample of image `image` of a finished imagine; returns its id.
    pub async fn done_upsample(&self, prompt: &str, image: u8) -> String {
        let grid = self.done_grid(prompt).await;
        let up = id_of(
            &self
                .act("upsample", json!({"taskId": grid, "image": image}))
                .await,
        );
        self.finish();
        up
    }

    pub async fn balance(&self) -> f64 {
        self.get("/v1/balance").await.json()["balance"]
            .as_f64()
            .unwrap()
    }

    /// The PNG behind a result URL, decoded to (width, height, RGB bytes).
    pub async fn image(&self, url: &str) -> (u32, u32, Vec<u8>) {
        let path = url
            .strip_prefix(&format!("http://{HOST}"))
            .expect("result URL on this host");
        let reply = self.raw(Method::GET, path, Body::empty(), None).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{url}: {}",
            String::from_utf8_lossy(&reply.bytes)
        );
        assert_eq!(reply.headers["content-type"], "image/png");
        decode_png(&reply.bytes)
    }
}

pub fn id_of(task: &Value) -> String {
    task["id"].as_str().expect("task id").to_string()
}

pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("png header");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).expect("png frame");
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    buffer.truncate(frame.buffer_size());
    (frame.width, frame.height, buffer)
}

pub fn encode_png(width: u32, height: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(data).unwrap();
    writer.finish().unwrap();
    out
}

pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The set of keys of a JSON object, sorted.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
    keys.sort();
    keys
}
