//! The layer around every API request: journal it, roll the fault dice, inject the fault at
//! the right moment and in the right shape (see `faults`), swap in the documented literal
//! 401/402 bodies when asked to, and log one line. Test-support routes (`/__emulator/*`)
//! pass straight through, so reading the journal does not change it.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{doc_literal_body, ApiError};
use crate::faults::{dropped_response, malformed_response, Endpoint, Family, Fault};
use crate::journal::{log_line, Arrival, Note};
use crate::runtime::{hold_back, Stopwatch};
use crate::state::AppState;

/// Largest request body accepted (masks of big images are the largest bodies).
pub(crate) const BODY_LIMIT: usize = 16 << 20;
/// Prefix of the test-support routes.
pub(crate) const SUPPORT_PREFIX: &str = "/__emulator";

pub(crate) async fn observe(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with(SUPPORT_PREFIX) {
        return next.run(request).await;
    }
    let started = Stopwatch::start();
    let method = request.method().clone();
    let query = request.uri().query().map(str::to_string);
    let (parts, body) = request.into_parts();
    let (bytes, too_large) = match to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => (bytes, false),
        Err(_) => (Default::default(), true),
    };
    let arrival = Arrival {
        at: state.now(),
        method: method.to_string(),
        path: path.clone(),
        query,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    let seq = state.journal_log().begin(arrival);

    let settings = state.settings();
    let endpoint = crate::faults::classify(&method, &path);
    let faults = match endpoint {
        Some(Endpoint::Poll) => &settings.poll_faults,
        _ => &settings.create_faults,
    };
    let family = Family::of(&path);
    let (fault, variant) = match endpoint {
        Some(endpoint) if !too_large => state.dice().roll(endpoint, family, faults),
        _ => (None, 0),
    };

    let refusal = fault.and_then(|fault| fault.refusal(family, faults, variant));
    let response = match refusal {
        _ if too_large => ApiError::PayloadTooLarge.into_response(),
        Some(refusal) => refusal,
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    let response = if settings.doc_literal_errors {
        with_doc_literal_body(response)
    } else {
        response
    };
    let note = response
        .extensions()
        .get::<Note>()
        .map(|note| note.0.clone());
    let status = response.status();

    let response = match fault {
        Some(Fault::Slow) => {
            hold_back(faults.slow_delay).await;
            response
        }
        Some(Fault::DropConnection) => dropped_response(),
        Some(Fault::MalformedBody) => {
            let body = to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            malformed_response(status, &body, variant)
        }
        _ => response,
    };

    let recorded_status = if fault == Some(Fault::DropConnection) {
        0
    } else {
        status.as_u16()
    };
    let fault_name = fault.map(Fault::name);
    state
        .journal_log()
        .finish(seq, recorded_status, fault_name, note);
    if settings.log_requests {
        eprintln!(
            "{}",
            log_line(
                method.as_str(),
                &path,
                recorded_status,
                fault_name,
                started.elapsed()
            )
        );
    }
    response
}

/// A 401 or 402 answer with its body replaced by the documented example, as printed.
fn with_doc_literal_body(response: Response) -> Response {
    let Some(literal) = doc_literal_body(response.status()) else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(literal))
}
