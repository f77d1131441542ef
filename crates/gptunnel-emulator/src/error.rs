//! The two ways the provider says "no". Midjourney, balance and everything outside `/v1/media`
//! use an HTTP status plus the `{"error":{message,type,param,code}}` envelope (`ApiError`);
//! the media endpoints answer HTTP 200 with a numeric `code` (`MediaError`). Internal details
//! go to the journal's `note`, never into the body a client sees.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::domain::masks::{MaskProblem, MASK_MESSAGE};
use crate::journal::Note;

/// Message of the documented 401 answer.
pub(crate) const UNAUTHORIZED_MESSAGE: &str = "Unauthorized";
/// Message of the documented 402 answer.
pub(crate) const BALANCE_MESSAGE: &str = "Organization balance is too low to use API";

/// The provider's 401 example as CONTRACT §1 reports it printed: the envelope in the docs'
/// layout with a trailing comma after `"code": null`, so not valid JSON. Sent instead of the
/// envelope with `Settings::doc_literal_errors`. (The seed pages kept in this project print no
/// 401 body; the layout is seed 000's.)
pub(crate) const DOC_LITERAL_401: &str = r#"{
  "error": {
    "message": "Unauthorized",
    "type": "unauthorized_request_error",
    "param": null,
    "code": null,
  }
}"#;
/// The provider's 402 example: seed 000's bytes with the trailing comma CONTRACT §1 reports.
pub(crate) const DOC_LITERAL_402: &str = r#"{
  "error": {
    "message": "Organization balance is too low to use API",
    "type": "insufficient_balance_error",
    "param": null,
    "code": null,
  }
}"#;

/// The documented example body for `status`, as printed, when there is one (401, 402).
pub(crate) fn doc_literal_body(status: StatusCode) -> Option<&'static str> {
    match status {
        StatusCode::UNAUTHORIZED => Some(DOC_LITERAL_401),
        StatusCode::PAYMENT_REQUIRED => Some(DOC_LITERAL_402),
        _ => None,
    }
}

/// An error of the enveloped endpoints.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// 400 `invalid_request_error` with a message for the caller.
    #[error("{0}")]
    BadRequest(String),
    /// 400 with the documented mask message; the reason goes to the journal only.
    #[error("{MASK_MESSAGE}")]
    Mask(MaskProblem),
    /// 401: no key, or a key the emulator does not accept.
    #[error("{UNAUTHORIZED_MESSAGE}")]
    Unauthorized,
    /// 402: the balance (plus credit) does not cover the cost.
    #[error("{BALANCE_MESSAGE}")]
    InsufficientBalance,
    /// 404: no such route.
    #[error("{0}")]
    NotFound(String),
    /// 405: the route exists with other methods.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// 413: body above the emulator's limit.
    #[error("Request body is too large")]
    PayloadTooLarge,
    /// 429 with `Retry-After` (only ever injected as a fault).
    #[error("Too many requests, please retry later")]
    TooManyRequests { retry_after: Duration },
    /// 500: the detail is kept for the journal, the client sees a generic message.
    #[error("Internal server error")]
    Internal(String),
    /// 502: the relay could not reach its upstream.
    #[error("{0}")]
    #[cfg_attr(not(feature = "server"), allow(dead_code))] // only the relay sends it
    BadGateway(String),
}

impl ApiError {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) | ApiError::Mask(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::InsufficientBalance => StatusCode::PAYMENT_REQUIRED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::BadGateway(_) => StatusCode::BAD_GATEWAY,
        }
    }

    /// The envelope's `type`. The first three are documented; the rest are \[assumed\].
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized_request_error",
            ApiError::InsufficientBalance => "insufficient_balance_error",
            ApiError::TooManyRequests { .. } => "rate_limit_error",
            ApiError::Internal(_) => "server_error",
            ApiError::BadGateway(_) => "upstream_error",
            _ => "invalid_request_error",
        }
    }

    fn note(&self) -> Option<String> {
        match self {
            ApiError::Mask(problem) => Some(problem.to_string()),
            ApiError::Internal(detail) => Some(detail.clone()),
            _ => None,
        }
    }
}

/// The provider's error body.
pub(crate) fn envelope(message: &str, kind: &str) -> Value {
    json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = envelope(&self.to_string(), self.kind());
        let mut response = (self.status(), axum::Json(body)).into_response();
        if let ApiError::TooManyRequests { retry_after } = &self {
            let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(note) = self.note() {
            response.extensions_mut().insert(Note(note));
        }
        response
    }
}

/// An error of the media endpoints: HTTP 200, `code` ≠ 0 (CONTRACT §4).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MediaError {
    pub(crate) code: u32,
    pub(crate) message: String,
    /// zod-style issues, for code 3.
    pub(crate) issues: Option<Vec<Value>>,
}

impl MediaError {
    fn new(code: u32, message: &str) -> Self {
        MediaError {
            code,
            message: message.to_string(),
            issues: None,
        }
    }

    /// Code 1, internal error. Message \[assumed\].
    pub(crate) fn internal_error() -> Self {
        Self::new(1, "Internal error")
    }

    /// Code 500, internal exception. Message \[assumed\].
    pub(crate) fn internal_exception() -> Self {
        Self::new(500, "Internal exception")
    }

    /// Code 6, as the contract words it (CONTRACT §4).
    pub(crate) fn heavy_load() -> Self {
        Self::new(6, "service under heavy load, retry later")
    }

    /// Code 2. Message \[assumed\].
    pub(crate) fn invalid_token() -> Self {
        Self::new(2, "Invalid token")
    }

    /// Code 3 with zod-style issues. Message \[assumed\].
    pub(crate) fn invalid_input(issues: Vec<Value>) -> Self {
        MediaError {
            issues: Some(issues),
            ..Self::new(3, "Invalid input")
        }
    }

    /// Code 4. Message \[assumed\].
    pub(crate) fn not_found() -> Self {
        Self::new(4, "Record not found")
    }

    /// Code 5. Message \[assumed\].
    pub(crate) fn insufficient_balance() -> Self {
        Self::new(5, "Insufficient balance")
    }

    /// Code 99. Message \[assumed\].
    pub(crate) fn unknown_method() -> Self {
        Self::new(99, "API method not found")
    }
}

impl IntoResponse for MediaError {
    fn into_response(self) -> Response {
        let mut body = json!({"code": self.code, "message": self.message});
        if let Some(issues) = self.issues {
            body["issues"] = Value::Array(issues);
        }
        (StatusCode::OK, axum::Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unauthorized_envelope_is_the_documented_one() {
        let error = ApiError::Unauthorized;
        assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            envelope(&error.to_string(), error.kind()),
            json!({"error":{"message":"Unauthorized","type":"unauthorized_request_error","param":null,"code":null}})
        );
    }

    #[test]
    fn internal_details_are_not_in_the_message() {
        let error = ApiError::Internal("lock poisoned at store.rs".into());
        assert_eq!(error.to_string(), "Internal server error");
    }

    #[test]
    fn retry_after_is_rounded_up_to_whole_seconds() {
        let response = ApiError::TooManyRequests {
            retry_after: Duration::from_millis(1500),
        }
        .into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
