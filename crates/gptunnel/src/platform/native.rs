//! The native platform: reqwest over Tokio, `std::time`, serde_json.

use std::error::Error as _;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use serde::Serialize;

use crate::http::{parse_retry_after, HttpRequest, HttpResponse, Method};
use crate::node::Read;
use crate::tree::Json;
use crate::Error;

/// Drops what it wraps: natively there is no JavaScript binding.
macro_rules! in_browser {
    ($($item:item)*) => {};
}
pub(crate) use in_browser;

/// reqwest's connection pool; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
}

impl Transport {
    pub(crate) fn new() -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(30))
            .build()
            .map_err(network)?;
        Ok(Self { http })
    }

    pub(crate) async fn send(
        &self,
        request: &HttpRequest,
        api_key: &str,
    ) -> Result<HttpResponse, Error> {
        let mut key = HeaderValue::from_str(api_key)
            .map_err(|_| Error::invalid("apiKey", "contains characters not allowed in a header"))?;
        key.set_sensitive(true); // kept out of reqwest's and hyper's debug output
        let mut builder = match request.method {
            Method::Get => self.http.get(&request.url),
            Method::Post => self.http.post(&request.url),
        }
        .header(AUTHORIZATION, key);
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = builder.send().await.map_err(network)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(parse_retry_after);
        let body = response.text().await.map_err(network)?;
        Ok(HttpResponse {
            status,
            retry_after,
            body,
        })
    }
}

/// reqwest's message (it names the URL, which never holds the key) with its causes:
/// "connection refused" is only in a source.
fn network(error: reqwest::Error) -> Error {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::network(message)
}

/// Time since an arbitrary fixed origin; only differences are meaningful.
pub(crate) fn now() -> Duration {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

/// Wait for `duration` (needs a Tokio runtime, as reqwest does); dropping it cancels the timer.
pub(crate) async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await
}

/// Seconds since the Unix epoch on this machine's clock.
pub(crate) fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64())
}

/// A number written in Rust's float syntax (see `number.rs`) as an `f64`.
pub(crate) fn decimal_to_f64(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// A number as text (the browser build has the engine write it).
pub(crate) fn number_text(n: f64) -> String {
    n.to_string()
}

/// A future as one boxed, non-generic type (see the browser build); `Send` natively, so that
/// the client's futures can run on any Tokio worker.
pub(crate) type BoxFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Serialize a request body. Failing here means the caller's body cannot be JSON.
pub(crate) fn json_to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::invalid("body", e.to_string()))
}

/// Parse JSON text into an owned tree and read it as `T`; the error is the parser's or the
/// reader's reason.
pub(crate) fn read_json<T: Read>(text: &str) -> Result<T, String> {
    let tree: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    T::read(&&tree)
}
