//! Everything that can go wrong, grouped by who is at fault: the caller's input, the server's
//! refusal, the network, an answer we could not read, the task itself, time, cancellation.
//!
//! One enum instead of one per call, so callers match once; [`Error::kind`] gives the
//! [`ErrorKind`] that Rust callers, the JavaScript binding and the studio all branch on.
//! Errors of a create (a charged request) remember it: they are never retryable, and
//! [`Error::outcome_unknown`] says when the task may exist anyway.

use std::fmt;
use std::time::Duration;

use crate::mask::MaskError;

mod kind;

pub use kind::{media_code_meaning, ApiErrorKind, ErrorKind};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input was refused before anything was sent.
    InvalidInput {
        /// Which input (e.g. `prompt`, `taskId`, `mask`).
        field: &'static str,
        /// What is wrong with it and what is allowed.
        reason: String,
    },

    /// The server refused the request with an error envelope (Midjourney and balance
    /// endpoints), whatever the HTTP status, 2xx included.
    Api {
        /// HTTP status.
        status: u16,
        /// What the status (or, for unusual statuses, the envelope's `type`) means.
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
        /// Whether the refused request was a create (see [`Error::outcome_unknown`]).
        create: bool,
    },

    /// A media endpoint answered with a non-zero `code` (these endpoints always use HTTP 200).
    Media {
        /// The provider's code; see [`media_code_meaning`].
        code: i64,
        /// The server's human-readable text.
        message: String,
        /// Whether the refused request was a create.
        create: bool,
    },

    /// The server could not be reached, or did not answer in time.
    Network {
        /// What the HTTP stack reported (never contains the API key).
        message: String,
        /// Whether the request was a create: it may have reached the server anyway.
        create: bool,
    },

    /// The server answered, but not with something we can read. A non-2xx answer still has the
    /// [`ErrorKind`] of its status (the provider's own 401/402 examples are invalid JSON).
    Decode {
        /// HTTP status of the answer.
        status: u16,
        /// Why it could not be read.
        reason: String,
        /// The raw answer, cut to [`MAX_KEPT_BODY`] bytes.
        body: String,
        /// How long the server asked us to wait (`Retry-After`), if it said.
        retry_after: Option<Duration>,
        /// Whether the request was a create (see [`Error::outcome_unknown`]).
        create: bool,
    },

    /// The task ran and failed on the provider's side.
    TaskFailed {
        /// The failed task.
        task_id: String,
        /// The provider's reason.
        reason: String,
    },

    /// Waiting gave up because the task made no progress for the whole timeout.
    TimedOut {
        /// How long the wait lasted in total.
        waited: Duration,
    },

    /// The request was cancelled before it finished.
    Aborted,
}

/// How much of an unreadable answer [`Error::Decode`] keeps: enough to recognise an HTML error
/// page or a truncated JSON document, small enough to log.
pub const MAX_KEPT_BODY: usize = 4096;

/// Added to the message of an error whose [`Error::outcome_unknown`] is true.
pub const OUTCOME_UNKNOWN_NOTE: &str = "; the task may still have been created and charged, so \
    check your balance and tasks before sending it again";

impl Error {
    /// What kind of failure this is (its stable name is [`ErrorKind::as_str`]). A non-2xx
    /// answer that could not be read still takes the kind of its HTTP status.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Api { kind, .. } => (*kind).into(),
            Error::Media { code, .. } => match code {
                2 => ErrorKind::Unauthorized,
                3 => ErrorKind::InvalidRequest,
                5 => ErrorKind::InsufficientBalance,
                6 => ErrorKind::RateLimited,
                _ => ErrorKind::Api,
            },
            Error::Network { .. } => ErrorKind::Network,
            Error::Decode {
                status: 200..=299, ..
            } => ErrorKind::Decode,
            Error::Decode { status, .. } => ApiErrorKind::from_status(*status, None).into(),
            Error::TaskFailed { .. } => ErrorKind::Failed,
            Error::TimedOut { .. } => ErrorKind::Timeout,
            Error::Aborted => ErrorKind::Aborted,
        }
    }

    /// Whether the same read (a poll, a balance check) may succeed if repeated later.
    /// Always false for a create's error: a create is charged, so only the client itself
    /// repeats one, and only after a refusal that processed nothing (HTTP 429, media code 6).
    pub fn is_retryable(&self) -> bool {
        if self.is_from_create() {
            return false;
        }
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

    /// Whether this create failed after it may have reached the server, so the task may exist
    /// and may have been charged: a network failure or time limit (we cannot tell whether the
    /// request left), a 5xx answer (HTML gateway pages included), the media API's own internal
    /// failures (codes 1 and 500: its 5xx), an unreadable 2xx answer. False for refusals (4xx,
    /// 429, the other media codes, an error envelope in a 2xx answer), for input refused before
    /// sending, and for every error of a read.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Error::Network { create, .. } => *create,
            Error::Media { create, code, .. } => *create && matches!(code, 1 | 500),
            Error::Decode { create, status, .. } => *create && !(400..500).contains(status),
            Error::Api {
                create,
                kind: ApiErrorKind::Server,
                ..
            } => *create,
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
            Error::Api { retry_after, .. } | Error::Decode { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether this is the error of a create (see [`Error::outcome_unknown`]).
    fn is_from_create(&self) -> bool {
        match self {
            Error::Api { create, .. }
            | Error::Media { create, .. }
            | Error::Network { create, .. }
            | Error::Decode { create, .. } => *create,
            _ => false,
        }
    }

    /// The same error, marked as the failure of a create.
    pub(crate) fn in_create(mut self) -> Self {
        match &mut self {
            Error::Api { create, .. }
            | Error::Media { create, .. }
            | Error::Network { create, .. }
            | Error::Decode { create, .. } => *create = true,
            _ => {}
        }
        self
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Network`] (of a read; see [`Error::in_create`]).
    pub(crate) fn network(message: impl Into<String>) -> Self {
        Error::Network {
            message: message.into(),
            create: false,
        }
    }

    /// An unreadable answer, keeping at most [`MAX_KEPT_BODY`] bytes of it.
    pub(crate) fn decode(status: u16, reason: impl Into<String>, body: &str) -> Self {
        Self::unreadable(status, None, reason, body)
    }

    /// [`Error::decode`] with the answer's `Retry-After`.
    pub(crate) fn unreadable(
        status: u16,
        retry_after: Option<Duration>,
        reason: impl Into<String>,
        body: &str,
    ) -> Self {
        Error::Decode {
            status,
            reason: reason.into(),
            body: truncate(body, MAX_KEPT_BODY).to_owned(),
            retry_after,
            create: false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput { field, reason } => write!(f, "invalid {field}: {reason}")?,
            Error::Api {
                status,
                kind,
                message,
                retry_after,
                ..
            } => write!(
                f,
                "{} (HTTP {status}): {message}",
                status_meaning(*kind, *retry_after)
            )?,
            Error::Media { code, message, .. } => write!(
                f,
                "the media API refused the request (code {code}, {}): {message}",
                media_code_meaning(*code)
            )?,
            Error::Network { message, .. } => write!(f, "could not reach the server: {message}")?,
            Error::Decode {
                status,
                reason,
                body,
                retry_after,
                ..
            } => {
                if (200..300).contains(status) {
                    write!(f, "could not read the server's answer (HTTP {status})")?;
                } else {
                    let kind = ApiErrorKind::from_status(*status, None);
                    let meaning = status_meaning(kind, *retry_after);
                    write!(f, "{meaning} (HTTP {status}); its answer could not be read")?;
                }
                write!(f, ": {reason}{}", body_hint(body))?;
            }
            Error::TaskFailed { task_id, reason } => write!(f, "task {task_id} failed: {reason}")?,
            Error::TimedOut { waited } => write!(
                f,
                "gave up after waiting {} s without progress",
                waited.as_secs()
            )?,
            Error::Aborted => f.write_str("the request was cancelled")?,
        }
        if self.outcome_unknown() {
            f.write_str(OUTCOME_UNKNOWN_NOTE)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

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

fn status_meaning(kind: ApiErrorKind, retry_after: Option<Duration>) -> String {
    match kind {
        ApiErrorKind::Unauthorized => "the API key was refused".to_owned(),
        ApiErrorKind::InsufficientBalance => "the balance is too low for this request".to_owned(),
        ApiErrorKind::InvalidRequest => "the server rejected the request".to_owned(),
        ApiErrorKind::RateLimited => match retry_after {
            Some(after) => format!("too many requests, retry in {} s", after.as_secs()),
            None => "too many requests, retry later".to_owned(),
        },
        ApiErrorKind::Server => "the server failed".to_owned(),
        ApiErrorKind::Other => "the server refused the request".to_owned(),
    }
}

/// What an unreadable body looks like, when that helps a person find the cause.
fn body_hint(body: &str) -> &'static str {
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        " (the answer was empty)"
    } else if trimmed.starts_with('<') {
        " (it is an HTML page: is the base URL right, or is a proxy in the way?)"
    } else {
        ""
    }
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
            create: false,
        }
    }

    fn media(code: i64) -> Error {
        Error::Media {
            code,
            message: String::new(),
            create: false,
        }
    }

    #[test]
    fn http_statuses_map_to_the_documented_kinds() {
        assert_eq!(api(400).kind(), ErrorKind::InvalidRequest);
        assert_eq!(api(401).kind(), ErrorKind::Unauthorized);
        assert_eq!(api(402).kind(), ErrorKind::InsufficientBalance);
        assert_eq!(api(404).kind(), ErrorKind::Api);
        assert_eq!(api(429).kind(), ErrorKind::RateLimited);
        assert_eq!(api(503).kind(), ErrorKind::Api);
    }

    #[test]
    fn an_unreadable_refusal_takes_the_kind_of_its_status() {
        assert_eq!(Error::decode(200, "bad", "{").kind(), ErrorKind::Decode);
        assert_eq!(
            Error::decode(401, "bad", "{").kind(),
            ErrorKind::Unauthorized
        );
        assert_eq!(
            Error::decode(402, "bad", "{").kind(),
            ErrorKind::InsufficientBalance
        );
        assert_eq!(Error::decode(429, "bad", "").kind(), ErrorKind::RateLimited);
        assert_eq!(Error::decode(502, "bad", "<html>").kind(), ErrorKind::Api);
    }

    #[test]
    fn only_transient_failures_of_reads_are_retryable() {
        assert!(api(429).is_retryable());
        assert!(api(502).is_retryable());
        assert!(!api(400).is_retryable());
        assert!(!api(401).is_retryable());
        assert!(!api(402).is_retryable());
        assert!(!api(404).is_retryable());
        assert!(!api(200).is_retryable(), "an envelope in a 2xx answer");
        assert!(Error::network("x").is_retryable());
        assert!(Error::decode(200, "bad", "{").is_retryable());
        assert!(Error::decode(502, "bad", "<html>").is_retryable());
        assert!(!Error::decode(404, "bad", "<html>").is_retryable());
        assert!(!Error::TimedOut {
            waited: Duration::ZERO
        }
        .is_retryable());
    }

    #[test]
    fn errors_of_a_create_are_never_retryable() {
        for error in [
            api(429),
            api(502),
            media(6),
            media(500),
            Error::network("reset"),
            Error::decode(200, "bad", "{"),
            Error::decode(504, "bad", "<html>"),
        ] {
            assert!(error.is_retryable(), "{error:?} is retryable as a read");
            assert!(!error.clone().in_create().is_retryable(), "{error:?}");
        }
    }

    #[test]
    fn only_a_create_that_may_have_reached_the_server_has_an_unknown_outcome() {
        let unknown = [
            Error::network("connection reset"),
            Error::decode(200, "bad", "{"),
            Error::decode(502, "bad", "<html>"),
            Error::decode(504, "bad", ""),
            api(500),
            api(503),
            media(1),
            media(500),
        ];
        for error in unknown {
            assert!(!error.outcome_unknown(), "a read: {error:?}");
            assert!(error.clone().in_create().outcome_unknown(), "{error:?}");
        }
        let refused = [
            api(200),
            api(400),
            api(401),
            api(402),
            api(404),
            api(429),
            Error::decode(401, "bad", "{"),
            Error::decode(429, "bad", ""),
            media(2),
            media(6),
            media(1001),
            Error::invalid("prompt", "empty"),
        ];
        for error in refused {
            assert!(!error.in_create().outcome_unknown());
        }
    }

    #[test]
    fn media_codes_map_to_kinds_and_retryability() {
        assert_eq!(media(2).kind(), ErrorKind::Unauthorized);
        assert_eq!(media(3).kind(), ErrorKind::InvalidRequest);
        assert_eq!(media(5).kind(), ErrorKind::InsufficientBalance);
        assert_eq!(media(6).kind(), ErrorKind::RateLimited);
        assert_eq!(media(1001).kind(), ErrorKind::Api);
        assert!(media(6).is_retryable());
        assert!(!media(5).is_retryable());
        assert_eq!(media(5).status(), None);
    }

    #[test]
    fn every_kind_has_a_distinct_stable_name() {
        let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "invalid_input",
                "unauthorized",
                "insufficient_balance",
                "invalid_request",
                "rate_limited",
                "api",
                "network",
                "decode",
                "failed",
                "timeout",
                "aborted"
            ]
        );
        assert_eq!(ErrorKind::RateLimited.to_string(), "rate_limited");
        assert!(ErrorKind::Network == "network");
    }

    #[test]
    fn every_variant_has_its_kind() {
        let kinds = [
            Error::invalid("prompt", "empty").kind(),
            Error::network("").kind(),
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
                ErrorKind::InvalidInput,
                ErrorKind::Network,
                ErrorKind::Decode,
                ErrorKind::Failed,
                ErrorKind::Timeout,
                ErrorKind::Aborted
            ]
        );
    }

    #[test]
    fn decode_keeps_at_most_4_kib_and_cuts_on_a_character_boundary() {
        let body = "я".repeat(3000); // 6000 bytes, two bytes per character
        let Error::Decode { body: kept, .. } = Error::decode(200, "bad", &body) else {
            unreachable!()
        };
        assert_eq!(kept.len(), 4096);
        assert!(body.starts_with(&kept));
    }

    #[test]
    fn messages_are_sentences_a_person_understands() {
        assert_eq!(
            api(402).to_string(),
            "the balance is too low for this request (HTTP 402): m"
        );
        let html = Error::decode(502, "expected value", "<html>Bad gateway</html>");
        assert_eq!(
            html.to_string(),
            "the server failed (HTTP 502); its answer could not be read: expected value \
             (it is an HTML page: is the base URL right, or is a proxy in the way?)"
        );
        let garbled = Error::decode(200, "expected value", "nope");
        assert_eq!(
            garbled.to_string(),
            "could not read the server's answer (HTTP 200): expected value"
        );
        let media = Error::Media {
            code: 1002,
            message: "no".into(),
            create: false,
        };
        assert!(media.to_string().contains("content safety"), "{media}");
    }

    #[test]
    fn an_unknown_outcome_is_also_said_in_words() {
        let lost = Error::network("connection reset").in_create();
        assert_eq!(
            lost.to_string(),
            "could not reach the server: connection reset; the task may still have been \
             created and charged, so check your balance and tasks before sending it again"
        );
        let refused = api(401).in_create().to_string();
        assert!(
            !refused.contains("may still have been created"),
            "{refused}"
        );
    }
}
