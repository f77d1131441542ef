//! Network faults, injected on purpose so clients meet the real world before their users do.
//!
//! Timing follows what happens in reality, and it is why clients must never retry a create:
//! - `error_500`, `too_many_requests` and `error_200` are decided and answered BEFORE the
//!   handler runs (a gateway or rate limiter refused the call): nothing is created or charged;
//! - `drop_connection`, `slow` and `malformed_body` happen AFTER the handler ran: the task
//!   exists and is charged, but the client loses, waits for, or cannot read the answer.
//!
//! The refusals come in the shape of the API family they hit: on `/v1/midjourney/*` an HTTP
//! 500 or 429 with the error envelope, or (`error_200`) an HTTP 200 whose body is the error
//! envelope; on `/v1/media/*` always HTTP 200 with the media API's own codes (1 or 500 for a
//! server error, 6 "service under heavy load, retry later" for too many requests, CONTRACT §4).
//!
//! Creates and polls have separate dice, both seeded from `Settings::seed`: the n-th create
//! (or poll) of a run always meets the same fault.

use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::{envelope, ApiError, MediaError};
use crate::model::rng::{mix, Rng};
use crate::settings::Faults;

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    Error500,
    TooManyRequests,
    Error200,
    DropConnection,
    Slow,
    MalformedBody,
}

impl Fault {
    /// The name used in the journal: the `Faults` field it comes from.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Fault::Error500 => "error_500",
            Fault::TooManyRequests => "too_many_requests",
            Fault::Error200 => "error_200",
            Fault::DropConnection => "drop_connection",
            Fault::Slow => "slow",
            Fault::MalformedBody => "malformed_body",
        }
    }

    /// The answer of a fault that replaces the handler, in the shape of the API `family` it
    /// hits; `None` for the faults that spoil the handler's own answer. `variant` picks
    /// between equally likely forms (media server errors are code 1 or 500).
    pub(crate) fn refusal(self, family: Family, faults: &Faults, variant: u64) -> Option<Response> {
        let response = match (self, family) {
            (Fault::Error500, Family::Midjourney) => {
                ApiError::Internal("injected fault: error_500".into()).into_response()
            }
            (Fault::TooManyRequests, Family::Midjourney) => ApiError::TooManyRequests {
                retry_after: faults.retry_after,
            }
            .into_response(),
            (Fault::Error200, _) => {
                let body = envelope(ERROR_200_MESSAGE, ERROR_200_TYPE);
                (StatusCode::OK, axum::Json(body)).into_response()
            }
            (Fault::Error500, Family::Media) if variant.is_multiple_of(2) => {
                MediaError::internal_error().into_response()
            }
            (Fault::Error500, Family::Media) => MediaError::internal_exception().into_response(),
            (Fault::TooManyRequests, Family::Media) => MediaError::heavy_load().into_response(),
            _ => return None,
        };
        Some(response)
    }
}

/// Message and type of the `error_200` fault's envelope \[assumed: an OpenAI-style server
/// error, the envelope's documented shape\].
pub(crate) const ERROR_200_MESSAGE: &str =
    "The server had an error while processing your request. Sorry about that!";
pub(crate) const ERROR_200_TYPE: &str = "api_error";

/// Which error scheme an endpoint uses (CONTRACT §1, §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// HTTP statuses and the `{"error":{…}}` envelope.
    Midjourney,
    /// HTTP 200 with a numeric `code`.
    Media,
}

impl Family {
    pub(crate) fn of(path: &str) -> Family {
        if path.starts_with("/v1/media/") {
            Family::Media
        } else {
            Family::Midjourney
        }
    }
}

/// Which dice a request rolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Create,
    Poll,
}

/// The Midjourney endpoints that create tasks.
pub(crate) const CREATE_PATHS: [&str; 8] = [
    "imagine",
    "upsample",
    "variation",
    "reroll",
    "inpaint",
    "outpaint",
    "pan",
    "upscale",
];

/// Which class of endpoint a request belongs to, if any. Only creates and polls meet faults.
pub(crate) fn classify(method: &Method, path: &str) -> Option<Endpoint> {
    let path = path.trim_end_matches('/');
    if path == "/v1/midjourney/result" || path == "/v1/media/result" {
        return Some(Endpoint::Poll);
    }
    if path == "/v1/media/create" {
        return Some(Endpoint::Create);
    }
    let action = path.strip_prefix("/v1/midjourney/")?;
    (method == Method::POST && CREATE_PATHS.contains(&action)).then_some(Endpoint::Create)
}

/// Seeded dice, one stream per endpoint class.
#[derive(Debug)]
pub(crate) struct FaultDice {
    seed: u64,
    create: Mutex<Rng>,
    poll: Mutex<Rng>,
}

impl FaultDice {
    pub(crate) fn new(seed: u64) -> Self {
        FaultDice {
            seed,
            create: Mutex::new(Rng::new(mix(seed, 0xc1))),
            poll: Mutex::new(Rng::new(mix(seed, 0x90))),
        }
    }

    pub(crate) fn reset(&self) {
        *self.create.lock().expect("dice lock") = Rng::new(mix(self.seed, 0xc1));
        *self.poll.lock().expect("dice lock") = Rng::new(mix(self.seed, 0x90));
    }

    /// Rolls for one request: the fault (if any) and a number that picks its variant. The
    /// media API has no `error_200` (its errors always come as HTTP 200 with a code).
    pub(crate) fn roll(
        &self,
        endpoint: Endpoint,
        family: Family,
        faults: &Faults,
    ) -> (Option<Fault>, u64) {
        let dice = match endpoint {
            Endpoint::Create => &self.create,
            Endpoint::Poll => &self.poll,
        };
        let (roll, variant) = {
            let mut rng = dice.lock().expect("dice lock");
            (rng.next_f64(), rng.next_u64())
        };
        let fault = pick(roll, faults)
            .filter(|fault| !(family == Family::Media && *fault == Fault::Error200));
        (fault, variant)
    }
}

/// Maps a uniform roll onto the shares, in a fixed order.
fn pick(roll: f64, faults: &Faults) -> Option<Fault> {
    let ladder = [
        (faults.error_500, Fault::Error500),
        (faults.too_many_requests, Fault::TooManyRequests),
        (faults.error_200, Fault::Error200),
        (faults.drop_connection, Fault::DropConnection),
        (faults.slow, Fault::Slow),
        (faults.malformed_body, Fault::MalformedBody),
    ];
    let mut upper = 0.0;
    for (share, fault) in ladder {
        upper += share;
        if roll < upper {
            return Some(fault);
        }
    }
    None
}

/// A response whose body fails before its first byte: hyper then closes the connection
/// without sending anything, and the client sees the connection dropped.
pub(crate) fn dropped_response() -> Response {
    let failing = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: drop_connection",
        ))
    });
    Response::new(Body::from_stream(failing))
}

/// An HTML page as a proxy in front of the API would send it.
pub(crate) const HTML_ERROR_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// The answer the handler gave, spoiled: either its JSON cut in half (same status and
/// content type), or an HTML error page with the same status. `variant` picks which.
pub(crate) fn malformed_response(status: StatusCode, body: &[u8], variant: u64) -> Response {
    let (bytes, content_type) = if variant.is_multiple_of(2) && body.len() > 1 {
        (
            Bytes::copy_from_slice(&body[..body.len() / 2]),
            "application/json",
        )
    } else {
        (Bytes::from_static(HTML_ERROR_PAGE.as_bytes()), "text/html")
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_polls_are_told_apart() {
        assert_eq!(
            classify(&Method::POST, "/v1/midjourney/imagine"),
            Some(Endpoint::Create)
        );
        assert_eq!(
            classify(&Method::POST, "/v1/media/create"),
            Some(Endpoint::Create)
        );
        assert_eq!(
            classify(&Method::GET, "/v1/midjourney/result"),
            Some(Endpoint::Poll)
        );
        assert_eq!(
            classify(&Method::POST, "/v1/media/result"),
            Some(Endpoint::Poll)
        );
        assert_eq!(classify(&Method::GET, "/v1/balance"), None);
        assert_eq!(classify(&Method::GET, "/task/image/abc"), None);
    }

    #[test]
    fn the_ladder_follows_the_shares() {
        let faults = Faults {
            error_500: 0.1,
            too_many_requests: 0.2,
            malformed_body: 0.1,
            ..Faults::none()
        };
        assert_eq!(pick(0.05, &faults), Some(Fault::Error500));
        assert_eq!(pick(0.25, &faults), Some(Fault::TooManyRequests));
        assert_eq!(pick(0.35, &faults), Some(Fault::MalformedBody));
        assert_eq!(pick(0.45, &faults), None);
        assert_eq!(pick(0.0, &Faults::none()), None);
    }

    #[test]
    fn the_same_seed_rolls_the_same_faults() {
        let faults = Faults {
            error_500: 0.5,
            ..Faults::none()
        };
        let rolls = |dice: &FaultDice| {
            (0..50)
                .map(|_| dice.roll(Endpoint::Poll, Family::Midjourney, &faults).0)
                .collect::<Vec<_>>()
        };
        let (a, b) = (FaultDice::new(4), FaultDice::new(4));
        assert_eq!(rolls(&a), rolls(&b));
        assert_ne!(rolls(&a), rolls(&FaultDice::new(5)));
    }
}
