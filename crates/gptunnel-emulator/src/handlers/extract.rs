//! What every API handler checks first, as axum extractors: the key (CONTRACT §1) and the JSON
//! body, each refused in the provider's own shape (the error envelope for Midjourney, a code
//! over HTTP 200 for media). Extractors run in argument order, so the key is checked before
//! the body is read, as the provider does.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::error::{ApiError, MediaError};
use crate::handlers::validate::Fields;
use crate::handlers::zod::type_issue;
use crate::state::AppState;

/// A Midjourney or balance request with an accepted key. Carries the base of the result URLs
/// its answer will hold.
pub(crate) struct Authorized {
    pub(crate) base_url: String,
}

impl FromRequestParts<AppState> for Authorized {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if !state.settings().accepts_key(key_of(&parts.headers)) {
            return Err(ApiError::Unauthorized);
        }
        Ok(Authorized {
            base_url: base_url(state, &parts.headers),
        })
    }
}

/// A media request with an accepted key; a refused key is media code 2.
pub(crate) struct MediaAuthorized {
    pub(crate) base_url: String,
}

impl FromRequestParts<AppState> for MediaAuthorized {
    type Rejection = MediaError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, MediaError> {
        Authorized::from_request_parts(parts, state)
            .await
            .map(|Authorized { base_url }| MediaAuthorized { base_url })
            .map_err(|_| MediaError::invalid_token())
    }
}

/// A Midjourney JSON body as fields; a body that is not a JSON object is a 400 envelope.
pub(crate) struct JsonFields(pub(crate) Fields);

impl FromRequest<AppState> for JsonFields {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Fields::parse(&body)
            .map(JsonFields)
            .map_err(IntoResponse::into_response)
    }
}

/// A media JSON body (empty counts as `{}`); anything else is code 3 with a zod-style issue.
pub(crate) struct MediaBody(pub(crate) Map<String, Value>);

impl FromRequest<AppState> for MediaBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        parse_body(&body)
            .map(MediaBody)
            .map_err(IntoResponse::into_response)
    }
}

/// The key of `Authorization`: `<key>` or `Bearer <key>` (CONTRACT §1).
fn key_of(headers: &HeaderMap) -> &str {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .trim();
    match value.split_once(' ') {
        Some((scheme, key)) if scheme.eq_ignore_ascii_case("bearer") => key.trim(),
        // "Bearer " with nothing after it (trimmed to "Bearer") carries no key.
        _ if value.eq_ignore_ascii_case("bearer") => "",
        _ => value,
    }
}

/// Base of result URLs: `public_url`, else `http://<Host>`, else `http://localhost`.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.settings().public_url {
        return url.trim_end_matches('/').to_string();
    }
    match headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
    {
        Some(host) if !host.is_empty() => format!("http://{host}"),
        _ => "http://localhost".to_string(),
    }
}

fn parse_body(body: &[u8]) -> Result<Map<String, Value>, MediaError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(MediaError::invalid_input(vec![type_issue(
            &[],
            "object",
            &other,
        )])),
        Err(error) => Err(MediaError::invalid_input(vec![
            json!({"code": "custom", "path": [], "message": format!("Invalid JSON body: {error}")}),
        ])),
    }
}
