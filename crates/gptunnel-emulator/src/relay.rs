//! Relay mode: forwards `/v1/*` and `/task/image/*` to an upstream base URL unchanged (method,
//! path, query, body, `Authorization`, `Content-Type`) and adds CORS headers, for browser pages
//! that cannot call the API across origins. Keys pass through and are never logged; upstream
//! answers (errors included) come back as they are, redirects are not followed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::error::ApiError;
use crate::journal::log_line;
use crate::middleware::BODY_LIMIT;

/// Request headers passed upstream.
const FORWARDED_REQUEST_HEADERS: [HeaderName; 3] =
    [header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT];
/// Response headers passed back.
const FORWARDED_RESPONSE_HEADERS: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::RETRY_AFTER,
    header::CACHE_CONTROL,
    header::LOCATION,
];
/// How long one upstream call may take.
pub(crate) const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug)]
struct RelayState {
    upstream: String,
    client: reqwest::Client,
    log_requests: bool,
}

/// The relay router (with CORS). Fails on an upstream that is not an http(s) URL.
pub(crate) fn relay_app(upstream: &str, log_requests: bool) -> Result<Router, String> {
    let upstream = upstream.trim().trim_end_matches('/').to_string();
    if !(upstream.starts_with("http://") || upstream.starts_with("https://")) {
        return Err(format!(
            "upstream must be an http:// or https:// URL, got '{upstream}'"
        ));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(UPSTREAM_TIMEOUT)
        .build()
        .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
    let state = Arc::new(RelayState {
        upstream,
        client,
        log_requests,
    });
    Ok(Router::new()
        .fallback(relay_forward)
        .with_state(state)
        .layer(crate::app::cors_layer()))
}

async fn relay_forward(State(relay): State<Arc<RelayState>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = forward(&relay, request)
        .await
        .unwrap_or_else(IntoResponse::into_response);
    if relay.log_requests {
        eprintln!(
            "{} (relayed)",
            log_line(
                method.as_str(),
                &path,
                response.status().as_u16(),
                None,
                started.elapsed()
            )
        );
    }
    response
}

async fn forward(relay: &RelayState, request: Request) -> Result<Response, ApiError> {
    let path = request.uri().path();
    if !(path.starts_with("/v1/") || path.starts_with("/task/image/")) {
        return Err(ApiError::NotFound(format!(
            "The relay only forwards /v1/* and /task/image/*, not {path}"
        )));
    }
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or(path)
        .to_string();
    let url = format!("{}{path_and_query}", relay.upstream);
    let method = reqwest::Method::from_bytes(request.method().as_str().as_bytes())
        .map_err(|_| ApiError::BadRequest("Unsupported method".into()))?;
    let mut outgoing = relay.client.request(method, &url);
    for name in FORWARDED_REQUEST_HEADERS {
        if let Some(value) = request.headers().get(&name) {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let body = to_bytes(request.into_body(), BODY_LIMIT)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    let answer = outgoing.body(body.to_vec()).send().await.map_err(|error| {
        ApiError::BadGateway(format!("Upstream request failed: {}", without_url(&error)))
    })?;
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut headers = Vec::new();
    for name in FORWARDED_RESPONSE_HEADERS {
        if let Some(value) = answer.headers().get(name.as_str()) {
            headers.push((name, value.as_bytes().to_vec()));
        }
    }
    let bytes = answer.bytes().await.map_err(|error| {
        ApiError::BadGateway(format!("Upstream answer was cut: {}", without_url(&error)))
    })?;
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    for (name, value) in headers {
        if let Ok(value) = axum::http::HeaderValue::from_bytes(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

/// A reqwest error without the URL (keeps messages short; the upstream is known anyway).
fn without_url(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_body() || error.is_decode() {
        "broken body"
    } else {
        "request error"
    };
    kind.to_string()
}
