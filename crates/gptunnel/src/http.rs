//! What goes over the wire, apart from how it is sent: request descriptions (method, URL, JSON
//! body; never the key) and the rules that turn an HTTP answer into a value or an [`Error`].
//!
//! Keeping these rules out of the transport means they are the same natively and in the
//! browser, are tested without a server, and are available to callers who send requests
//! through their own HTTP stack.

use std::time::Duration;

use crate::balance::Balance;
use crate::error::ApiErrorKind;
use crate::media::MediaTask;
use crate::node::{Node, Object, Read};
use crate::task::Task;
use crate::{json, lenient, Error};

/// HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`, with a JSON body.
    Post,
}

/// A request as the client sends it, except for the `Authorization` header (the key is added
/// by the transport and appears nowhere else).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// The JSON body, for POST.
    pub body: Option<String>,
}

/// An HTTP answer, reduced to what the decoding rules need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The `Retry-After` header in seconds, when present and numeric.
    pub retry_after: Option<Duration>,
    /// The body as text.
    pub body: String,
}

/// A value that an endpoint answers with, decoded by that endpoint family's rules.
pub trait Answer: Sized {
    /// Decode `response`, or say precisely why it is an error.
    fn from_response(response: &HttpResponse) -> Result<Self, Error>;
}

impl Answer for Task {
    /// 2xx: the task object; otherwise the error envelope (CONTRACT §1–2).
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        let task: Task = envelope_rules(response)?;
        if task.id.is_empty() {
            return Err(Error::decode(
                response.status,
                "the answer has no task id",
                &response.body,
            ));
        }
        Ok(task)
    }
}

impl Answer for Balance {
    /// 2xx: the balance object; otherwise the error envelope (CONTRACT §5).
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        envelope_rules(response)
    }
}

impl Answer for MediaTask {
    /// HTTP 200 with `code` 0: the task; 200 with another code: [`Error::Media`] (CONTRACT §4).
    /// Non-2xx statuses (a gateway in the way) follow the envelope rules.
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        let task: MediaTask = envelope_rules(response)?;
        match task.code {
            Some(code) if code != 0 => Err(Error::Media {
                code,
                message: task
                    .message
                    .unwrap_or_else(|| "no details given".to_owned()),
                create: false,
            }),
            _ if task.id.is_empty() => Err(Error::decode(
                response.status,
                "the answer has no task id",
                &response.body,
            )),
            _ => Ok(task),
        }
    }
}

/// The `Retry-After` header, when it is a number of seconds (the HTTP-date form is ignored:
/// the poller's own back-off is good enough then).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// 2xx → decode the body as `T`, unless it is an error envelope; anything else → the
/// `{"error":{…}}` envelope as [`Error::Api`], or [`Error::Decode`] with the raw text when it is
/// not one (HTML pages, the provider's own examples with a trailing comma).
fn envelope_rules<T: Read>(response: &HttpResponse) -> Result<T, Error> {
    let HttpResponse {
        status,
        retry_after,
        body,
    } = response;
    if !(200..300).contains(status) {
        return Err(api_error(*status, *retry_after, body));
    }
    if body.trim().is_empty() {
        return Err(Error::decode(*status, "the answer was empty", body));
    }
    // Every answer is an object (the readers refuse anything else too; this says so unparsed).
    if !body.trim_start().starts_with('{') {
        return Err(Error::decode(*status, "expected a JSON object", body));
    }
    if let Some(error) = envelope_in_success(response) {
        return Err(error);
    }
    json::read(body).map_err(|reason| Error::decode(*status, reason, body))
}

/// `{"error": {…}}`, the API's refusal.
struct Envelope {
    error: Option<EnvelopeBody>,
    /// Present in a task (whose own `error` is its failure reason), absent in an envelope.
    id: Option<String>,
}

struct EnvelopeBody {
    message: Option<String>,
    error_type: Option<String>,
    param: Option<String>,
    code: Option<String>,
}

impl Read for Envelope {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let envelope = Object::of(node)?;
        Ok(Envelope {
            error: lenient::opt_object(envelope.get("error")?)?,
            id: lenient::opt_string(envelope.get("id")?),
        })
    }
}

impl Read for EnvelopeBody {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let body = Object::of(node)?;
        Ok(EnvelopeBody {
            message: lenient::opt_string(body.get("message")?),
            error_type: lenient::opt_string(body.get("type")?),
            param: lenient::opt_string(body.get("param")?),
            code: lenient::opt_string(body.get("code")?),
        })
    }
}

/// A 2xx answer that is an error envelope (an `error` object and no `id`) instead of the object
/// asked for: the provider's statuses are not documented, so a refusal may come with 200. It is
/// a refusal like any other, never an unreadable answer to retry.
fn envelope_in_success(response: &HttpResponse) -> Option<Error> {
    // Cheap pre-check: most answers are read once, not twice.
    if !response.body.contains("\"error\"") {
        return None;
    }
    match json::read::<Envelope>(&response.body) {
        Ok(Envelope {
            error: Some(envelope),
            id: None,
        }) => Some(from_envelope(
            response.status,
            response.retry_after,
            envelope,
        )),
        _ => None,
    }
}

fn api_error(status: u16, retry_after: Option<Duration>, body: &str) -> Error {
    // An answer that is not an envelope still says what its status says (Error::kind).
    let unreadable = |reason: String| Error::unreadable(status, retry_after, reason, body);
    if body.trim().is_empty() {
        return unreadable("the error answer was empty".to_owned());
    }
    match json::read::<Envelope>(body) {
        Ok(Envelope {
            error: Some(envelope),
            ..
        }) => from_envelope(status, retry_after, envelope),
        Ok(Envelope { error: None, .. }) => {
            unreadable("the error answer is not the API's error format".to_owned())
        }
        Err(reason) => unreadable(reason),
    }
}

fn from_envelope(status: u16, retry_after: Option<Duration>, envelope: EnvelopeBody) -> Error {
    Error::Api {
        status,
        kind: ApiErrorKind::from_status(status, envelope.error_type.as_deref()),
        message: envelope.message.unwrap_or_else(|| format!("HTTP {status}")),
        error_type: envelope.error_type,
        param: envelope.param,
        code: envelope.code,
        retry_after,
        create: false,
    }
}
