//! The one place that knows how HTTP is done: reqwest natively, `fetch` in the browser.
//!
//! It sends an [`HttpRequest`] with the key as the bare `Authorization` header and hands back
//! the status, `Retry-After` and body text; everything else (what the answer means) lives in
//! [`crate::http`]. Dropping the returned future aborts the request on both sides.

use crate::http::{HttpRequest, HttpResponse};
use crate::Error;

pub(crate) use imp::Transport;

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::error::Error as _;
    use std::time::Duration;

    use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};

    use super::*;
    use crate::http::{parse_retry_after, Method};

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
            let mut key = HeaderValue::from_str(api_key).map_err(|_| {
                Error::invalid("apiKey", "contains characters not allowed in a header")
            })?;
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
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use gloo_net::http::{Method as FetchMethod, RequestBuilder};

    use super::*;
    use crate::http::{parse_retry_after, Method};

    /// `fetch` needs no state: it is looked up on the global scope, so windows and workers
    /// both work.
    #[derive(Debug, Clone)]
    pub(crate) struct Transport;

    /// Aborts the fetch when the request future is dropped (cancel by drop); after completion
    /// the abort is a no-op.
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
            let controller = web_sys::AbortController::new().map_err(|_| {
                Error::network("this JavaScript environment has no AbortController")
            })?;
            let guard = AbortOnDrop(controller);
            let signal = guard.0.signal();
            let builder = RequestBuilder::new(&request.url)
                .method(match request.method {
                    Method::Get => FetchMethod::GET,
                    Method::Post => FetchMethod::POST,
                })
                .header("Authorization", api_key)
                .abort_signal(Some(&signal));
            let response = match &request.body {
                Some(body) => {
                    builder
                        .header("Content-Type", "application/json")
                        .body(body.as_str())
                        .map_err(fetch_error)?
                        .send()
                        .await
                }
                None => builder.send().await,
            }
            .map_err(fetch_error)?;
            let status = response.status();
            let retry_after = response
                .headers()
                .get("retry-after")
                .as_deref()
                .and_then(parse_retry_after);
            let body = response.text().await.map_err(fetch_error)?;
            drop(guard);
            Ok(HttpResponse {
                status,
                retry_after,
                body,
            })
        }
    }

    fn fetch_error(error: gloo_net::Error) -> Error {
        match error {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => Error::Aborted,
            gloo_net::Error::JsError(js) if js.name == "TypeError" => Error::network(format!(
                "{} (browsers report a refused cross-origin request (CORS) the same way: \
                 the base URL may need a same-origin relay)",
                js.message
            )),
            other => Error::network(other.to_string()),
        }
    }
}
