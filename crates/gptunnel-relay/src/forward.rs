//! Forwarding: a `/v1/*` request goes upstream unchanged (method, path, query, body and the
//! `Authorization`, `Content-Type`, `Accept` headers); the answer comes back as it is (status,
//! body streamed as it arrives, the headers a client needs), errors included. Redirects are not
//! followed: they come back to the caller.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures::StreamExt;

use crate::config::{RelayConfig, UPSTREAM_TIMEOUT};
use crate::envelope::Refusal;
use crate::origins::{cors, AllowedOrigins};

/// Request headers passed upstream; everything else (cookies, the caller's Origin…) stays.
const FORWARDED_REQUEST_HEADERS: [HeaderName; 3] =
    [header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT];
/// Response headers passed back.
const FORWARDED_RESPONSE_HEADERS: [HeaderName; 5] = [
    header::CONTENT_TYPE,
    header::CONTENT_LENGTH,
    header::RETRY_AFTER,
    header::CACHE_CONTROL,
    header::LOCATION,
];

/// How much of a refused body is still read before the connection is dropped.
const DRAIN_LIMIT: usize = 64 << 20;

#[derive(Debug)]
struct Forwarder {
    upstream: String,
    client: reqwest::Client,
    body_limit: usize,
    log_requests: bool,
}

/// The relay as a router, CORS included. Fails on an upstream that is not an http(s) URL or an
/// allowed origin that is not a bare origin.
pub fn relay_app(config: &RelayConfig) -> Result<Router, String> {
    let upstream = config.checked_upstream()?;
    let origins = config.checked_origins()?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(UPSTREAM_TIMEOUT)
        .build()
        .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
    let forwarder = Arc::new(Forwarder {
        upstream,
        client,
        body_limit: config.body_limit,
        log_requests: config.log_requests,
    });
    Ok(Router::new()
        .fallback(relay_request)
        .with_state(forwarder)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(AllowedOrigins(origins)),
            cors,
        )))
}

async fn relay_request(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = forward(&forwarder, request)
        .await
        .unwrap_or_else(IntoResponse::into_response);
    if forwarder.log_requests {
        // Path only: no query, no headers, no body (the key is in a header).
        eprintln!(
            "{} {} {} {}ms",
            method,
            path,
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    response
}

async fn forward(forwarder: &Forwarder, request: Request) -> Result<Response, Refusal> {
    if !request.uri().path().starts_with("/v1/") {
        return Err(Refusal::NotForwarded);
    }
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_default();
    let url = format!("{}{path_and_query}", forwarder.upstream);
    let method = reqwest::Method::from_bytes(request.method().as_str().as_bytes())
        .map_err(|_| Refusal::NotForwarded)?;
    let mut outgoing = forwarder.client.request(method, &url);
    for name in FORWARDED_REQUEST_HEADERS {
        if let Some(value) = request.headers().get(&name) {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let body = read_capped(request.into_body(), forwarder.body_limit)
        .await
        .ok_or(Refusal::TooLarge)?;
    let answer = outgoing
        .body(body)
        .send()
        .await
        .map_err(|error| Refusal::Upstream(failure(&error)))?;
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut headers = Vec::new();
    for name in FORWARDED_RESPONSE_HEADERS {
        if let Some(value) = answer.headers().get(name.as_str()) {
            if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
                headers.push((name, value));
            }
        }
    }
    // Chunk by chunk as they arrive (no buffering of the whole answer).
    let stream = futures::stream::try_unfold(answer, |mut answer| async move {
        let chunk = answer.chunk().await.map_err(std::io::Error::other)?;
        Ok::<_, std::io::Error>(chunk.map(|chunk| (chunk, answer)))
    });
    let mut response = Response::new(Body::from_stream(stream));
    *response.status_mut() = status;
    response.headers_mut().extend(headers);
    Ok(response)
}

/// The whole body, or `None` when it is longer than `limit` or broken. A too long body is still
/// read to its end (up to `DRAIN_LIMIT`), because a client whose upload is cut by a closed
/// connection sees a reset instead of the 413.
async fn read_capped(body: Body, limit: usize) -> Option<Bytes> {
    let mut stream = body.into_data_stream();
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.ok()?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_LIMIT {
            return None;
        }
        if seen <= limit {
            kept.extend_from_slice(&chunk);
        }
    }
    (seen <= limit).then(|| Bytes::from(kept))
}

/// What went wrong, without the URL (short, and the upstream is known anyway).
fn failure(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request error"
    }
}
