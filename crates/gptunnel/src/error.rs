//! Everything that can go wrong, grouped by who is at fault: the caller's input, the server's
//! refusal, the network, an answer we could not read, the task itself, time, cancellation.
//!
//! One enum instead of one per call, so callers match once; `kind()` gives the stable short
//! names that the JavaScript binding and the studio show.

use std::time::Duration;

use crate::mask::MaskError;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input was refused before anything was sent.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Which input (e.g. `prompt`, `taskId`, `mask`).
        field: &'static str,
        /// What is wrong with it and what is allowed.
        reason: String,
    },

    /// The server refused the request with an error envelope (Midjourney and balance endpoints).
    #[error("{}", describe_api(*status, *kind, message, *retry_after))]
    Api {
        /// HTTP status.
        status: u16,
        /// What the status means for the caller.
        kind: ApiErrorKind,
        /// The server's message.
        message: String,
        /// The envelope's `type`, e.g. `invalid_request_error`.
        error_type: Option<String>,
        /// The envelope's `param`.
        param: Option<String>,
        /// The envelope's `code`.
        code: Option<String>,
        /// How long the server asked us to wait (`Retry-After`), if it said.
        retry_after: Option<Duration>,
    },

    /// A media endpoint answered with a non-zero `code` (these endpoints always use HTTP 200).
    #[error("the media API refused the request (code {code}, {}): {message}", media_code_meaning(*code))]
    Media {
        /// The provider's code; see [`media_code_meaning`].
        code: i64,
        /// The server's human-readable text.
        message: String,
    },

    /// The server could not be reached, or did not answer in time.
    #[error("could not reach the server: {message}")]
    Network {
        /// What the HTTP stack reported (never contains the API key).
        message: String,
    },

    /// The server answered, but not with something we can read.
    #[error("{}", describe_decode(*status, reason, body))]
    Decode {
        /// HTTP status of the answer.
        status: u16,
        /// Why it could not be read.
        reason: String,
        /// The raw answer, cut to [`MAX_KEPT_BODY`] bytes.
        body: String,
    },

    /// The task ran and failed on the provider's side.
    #[error("task {task_id} failed: {reason}")]
    TaskFailed {
        /// The failed task.
        task_id: String,
        /// The provider's reason.
        reason: String,
    },

    /// Waiting gave up because the task made no progress for the whole timeout.
    #[error("gave up after waiting {} s without progress", waited.as_secs())]
    TimedOut {
        /// How long the wait lasted in total.
        waited: Duration,
    },

    /// The request was cancelled before it finished.
    #[error("the request was cancelled")]
    Aborted,
}

/// What an HTTP error status means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 401: the key is wrong, revoked or missing.
    Unauthorized,
    /// 402: the organisation (or wallet) cannot pay for this.
    InsufficientBalance,
    /// 400: the server refused the request's content.
    InvalidRequest,
    /// 429: too many requests; retry later.
    RateLimited,
    /// 5xx: the server failed; retry later.
    Server,
    /// Anything else (404, 403, …).
    Other,
}

impl ApiErrorKind {
    /// The kind for an HTTP status, falling back to the envelope's `type` for unusual statuses.
    pub fn from_status(status: u16, error_type: Option<&str>) -> Self {
        match (status, error_type) {
            (400, _) => Self::InvalidRequest,
            (401, _) => Self::Unauthorized,
            (402, _) => Self::InsufficientBalance,
            (429, _) => Self::RateLimited,
            (500..=599, _) => Self::Server,
            (_, Some("unauthorized_request_error")) => Self::Unauthorized,
            (_, Some("insufficient_balance_error")) => Self::InsufficientBalance,
            (_, Some("invalid_request_error")) => Self::InvalidRequest,
            _ => Self::Other,
        }
    }
}

/// How much of an unreadable answer [`Error::Decode`] keeps: enough to recognise an HTML error
/// page or a truncated JSON document, small enough to log.
pub const MAX_KEPT_BODY: usize = 4096;

/// The provider's documented meaning of a media error `code` (CONTRACT §4).
pub fn media_code_meaning(code: i64) -> &'static str {
    match code {
        0 => "success",
        1 => "internal error",
        2 => "invalid token",
        3 => "invalid input",
        4 => "record not found",
        5 => "insufficient balance",
        6 => "service under heavy load, retry later",
        7 => "model restricted for the organisation",
        99 => "API method not found",
        500 => "internal exception",
        1001 => "sensitive content in the request",
        1002 => "prompt failed the content safety check",
        _ => "undocumented code",
    }
}

impl Error {
    /// A stable short name: one of `invalid_input`, `unauthorized`, `insufficient_balance`,
    /// `invalid_request`, `api`, `network`, `decode`, `failed`, `timeout`, `aborted`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::Api { kind, .. } => match kind {
                ApiErrorKind::Unauthorized => "unauthorized",
                ApiErrorKind::InsufficientBalance => "insufficient_balance",
                ApiErrorKind::InvalidRequest => "invalid_request",
                _ => "api",
            },
            Error::Media { code, .. } => match code {
                2 => "unauthorized",
                5 => "insufficient_balance",
                3 => "invalid_request",
                _ => "api",
            },
            Error::Network { .. } => "network",
            Error::Decode { .. } => "decode",
            Error::TaskFailed { .. } => "failed",
            Error::TimedOut { .. } => "timeout",
            Error::Aborted => "aborted",
        }
    }

    /// Whether the same read (a poll, a balance check) may succeed if repeated later.
    /// Creates are never repeated automatically, whatever this says: they are charged.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network { .. } => true,
            Error::Api { kind, .. } => {
                matches!(kind, ApiErrorKind::RateLimited | ApiErrorKind::Server)
            }
            // 1 internal error, 6 heavy load, 500 internal exception: transient by their names.
            Error::Media { code, .. } => matches!(code, 1 | 6 | 500),
            // A garbled success or a gateway's HTML page is transient; a 4xx page is not.
            Error::Decode { status, .. } => {
                matches!(status, 200..=299 | 408 | 429 | 500..=599)
            }
            _ => false,
        }
    }

    /// The HTTP status of the answer that caused this error, when there was one. Media errors
    /// arrive with HTTP 200 and carry their meaning in [`Error::Media::code`] instead: `None`.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// How long the server asked us to wait before retrying, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// An unreadable answer, keeping at most [`MAX_KEPT_BODY`] bytes of it.
    pub(crate) fn decode(status: u16, reason: impl Into<String>, body: &str) -> Self {
        Error::Decode {
            status,
            reason: reason.into(),
            body: truncate(body, MAX_KEPT_BODY).to_owned(),
        }
    }
}

impl From<MaskError> for Error {
    fn from(e: MaskError) -> Self {
        Error::InvalidInput {
            field: "mask",
            reason: e.to_string(),
        }
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn describe_api(
    status: u16,
    kind: ApiErrorKind,
    message: &str,
    retry_after: Option<Duration>,
) -> String {
    let what = match kind {
        ApiErrorKind::Unauthorized => "the API key was refused".to_owned(),
        ApiErrorKind::InsufficientBalance => "the balance is too low for this request".to_owned(),
        ApiErrorKind::InvalidRequest => "the server rejected the request".to_owned(),
        ApiErrorKind::RateLimited => match retry_after {
            Some(after) => format!("too many requests, retry in {} s", after.as_secs()),
            None => "too many requests, retry later".to_owned(),
        },
        ApiErrorKind::Server => "the server failed".to_owned(),
        ApiErrorKind::Other => "the server refused the request".to_owned(),
    };
    format!("{what} (HTTP {status}): {message}")
}

fn describe_decode(status: u16, reason: &str, body: &str) -> String {
    let trimmed = body.trim_start();
    let hint = if trimmed.is_empty() {
        " (the answer was empty)"
    } else if trimmed.starts_with('<') {
        " (it is an HTML page: is the base URL right, or is a proxy in the way?)"
    } else {
        ""
    };
    format!("could not read the server's answer (HTTP {status}): {reason}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16) -> Error {
        Error::Api {
            status,
            kind: ApiErrorKind::from_status(status, None),
            message: "m".into(),
            error_type: None,
            param: None,
            code: None,
            retry_after: None,
        }
    }

    #[test]
    fn http_statuses_map_to_the_documented_kinds() {
        assert_eq!(api(400).kind(), "invalid_request");
        assert_eq!(api(401).kind(), "unauthorized");
        assert_eq!(api(402).kind(), "insufficient_balance");
        assert_eq!(api(404).kind(), "api");
        assert_eq!(api(429).kind(), "api");
        assert_eq!(api(503).kind(), "api");
    }

    #[test]
    fn only_transient_failures_are_retryable() {
        assert!(api(429).is_retryable());
        assert!(api(502).is_retryable());
        assert!(!api(400).is_retryable());
        assert!(!api(401).is_retryable());
        assert!(!api(402).is_retryable());
        assert!(!api(404).is_retryable());
        assert!(Error::Network {
            message: "x".into()
        }
        .is_retryable());
        assert!(Error::decode(200, "bad", "{").is_retryable());
        assert!(Error::decode(502, "bad", "<html>").is_retryable());
        assert!(!Error::decode(404, "bad", "<html>").is_retryable());
        assert!(!Error::TimedOut {
            waited: Duration::ZERO
        }
        .is_retryable());
    }

    #[test]
    fn media_codes_map_to_kinds_and_retryability() {
        let media = |code| Error::Media {
            code,
            message: String::new(),
        };
        assert_eq!(media(2).kind(), "unauthorized");
        assert_eq!(media(3).kind(), "invalid_request");
        assert_eq!(media(5).kind(), "insufficient_balance");
        assert_eq!(media(1001).kind(), "api");
        assert!(media(6).is_retryable());
        assert!(!media(5).is_retryable());
        assert_eq!(media(5).status(), None);
    }

    #[test]
    fn every_variant_has_a_distinct_stable_kind() {
        let kinds = [
            Error::invalid("prompt", "empty").kind(),
            Error::Network {
                message: String::new(),
            }
            .kind(),
            Error::decode(200, "", "").kind(),
            Error::TaskFailed {
                task_id: String::new(),
                reason: String::new(),
            }
            .kind(),
            Error::TimedOut {
                waited: Duration::ZERO,
            }
            .kind(),
            Error::Aborted.kind(),
        ];
        assert_eq!(
            kinds,
            [
                "invalid_input",
                "network",
                "decode",
                "failed",
                "timeout",
                "aborted"
            ]
        );
    }

    #[test]
    fn decode_keeps_at_most_4_kib_and_cuts_on_a_character_boundary() {
        let body = "я".repeat(3000); // 6000 bytes, two bytes per character
        let Error::Decode { body: kept, .. } = Error::decode(200, "bad", &body) else {
            unreachable!()
        };
        assert_eq!(kept.len(), MAX_KEPT_BODY);
        assert!(body.starts_with(&kept));
    }

    #[test]
    fn messages_are_sentences_a_person_understands() {
        assert_eq!(
            api(402).to_string(),
            "the balance is too low for this request (HTTP 402): m"
        );
        let html = Error::decode(502, "expected value", "<html>Bad gateway</html>");
        assert!(html.to_string().contains("HTML page"), "{html}");
        let media = Error::Media {
            code: 1002,
            message: "no".into(),
        };
        assert!(media.to_string().contains("content safety"), "{media}");
    }
}
