//! The kinds of failure: [`ErrorKind`], the one thing callers branch on (in Rust, in
//! JavaScript as `err.kind`, in the studio), and [`ApiErrorKind`], what an HTTP status means.

use std::fmt;

/// What kind of failure an [`Error`](super::Error) is: the one thing to branch on. [`ErrorKind::as_str`]
/// gives the stable name the JavaScript binding puts in `err.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's input was refused before anything was sent.
    InvalidInput,
    /// HTTP 401 or media code 2: the key is wrong, revoked or missing.
    Unauthorized,
    /// HTTP 402 or media code 5: the organisation (or wallet) cannot pay.
    InsufficientBalance,
    /// HTTP 400 or media code 3: the server refused the request's content.
    InvalidRequest,
    /// HTTP 429 or media code 6: the server processed nothing; try again later.
    RateLimited,
    /// Any other refusal by the server (404, 5xx, other media codes).
    Api,
    /// The server could not be reached, or did not answer in time.
    Network,
    /// A success status with an answer we could not read.
    Decode,
    /// The task failed on the provider's side.
    Failed,
    /// Waiting gave up: no progress for the whole timeout.
    Timeout,
    /// Cancelled.
    Aborted,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 11] = [
        Self::InvalidInput,
        Self::Unauthorized,
        Self::InsufficientBalance,
        Self::InvalidRequest,
        Self::RateLimited,
        Self::Api,
        Self::Network,
        Self::Decode,
        Self::Failed,
        Self::Timeout,
        Self::Aborted,
    ];

    /// The stable short name, e.g. `insufficient_balance` (JavaScript's `err.kind`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::Unauthorized => "unauthorized",
            Self::InsufficientBalance => "insufficient_balance",
            Self::InvalidRequest => "invalid_request",
            Self::RateLimited => "rate_limited",
            Self::Api => "api",
            Self::Network => "network",
            Self::Decode => "decode",
            Self::Failed => "failed",
            Self::Timeout => "timeout",
            Self::Aborted => "aborted",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `kind == "network"`: comparisons with the stable names read well in tests and logs.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<ApiErrorKind> for ErrorKind {
    fn from(kind: ApiErrorKind) -> Self {
        match kind {
            ApiErrorKind::Unauthorized => Self::Unauthorized,
            ApiErrorKind::InsufficientBalance => Self::InsufficientBalance,
            ApiErrorKind::InvalidRequest => Self::InvalidRequest,
            ApiErrorKind::RateLimited => Self::RateLimited,
            ApiErrorKind::Server | ApiErrorKind::Other => Self::Api,
        }
    }
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
    /// 429: too many requests; nothing was processed.
    RateLimited,
    /// 5xx: the server failed.
    Server,
    /// Anything else (404, 403, …).
    Other,
}

impl ApiErrorKind {
    /// The kind for an HTTP status, falling back to the envelope's `type` for unusual statuses
    /// (a 2xx answer carrying an envelope among them).
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
