//! The relay's own refusals, in the provider's error envelope so clients parse them like any
//! API error: `{"error":{"message","type","param","code"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refusal made by the relay itself (the upstream was not asked, or did not answer).
#[derive(Debug)]
pub(crate) enum Refusal {
    /// 404: only `/v1/*` is forwarded.
    NotForwarded,
    /// 413: the body is above the cap.
    TooLarge,
    /// 502: the upstream could not be reached or its answer was cut.
    Upstream(&'static str),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, kind, message) = match self {
            Refusal::NotForwarded => (
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                "The relay only forwards /v1/*".to_string(),
            ),
            Refusal::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "invalid_request_error",
                "Request body is too large".to_string(),
            ),
            Refusal::Upstream(what) => (
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                format!("Upstream request failed: {what}"),
            ),
        };
        let body =
            json!({"error": {"message": message, "type": kind, "param": null, "code": null}});
        (status, axum::Json(body)).into_response()
    }
}
