//! Any bytes as a server's answer, under every status family, decoded as each answer type:
//! the decoder must return a value or an `Error`, never panic, and the error must describe
//! itself (Display, kind, retryability) without panicking either.
#![no_main]

use std::time::Duration;

use gptunnel::{Answer, Balance, Error, HttpResponse, MediaTask, Task};
use libfuzzer_sys::fuzz_target;

/// Success, the documented refusals, rate limiting, a gateway, and an odd one.
const STATUSES: [u16; 8] = [200, 204, 400, 401, 402, 429, 502, 418];

fn check<T: Answer>(response: &HttpResponse) {
    if let Err(error) = T::from_response(response) {
        describe(&error);
    }
}

fn describe(error: &Error) {
    let text = error.to_string();
    assert!(!text.is_empty());
    let _ = (
        error.kind(),
        error.is_retryable(),
        error.status(),
        error.retry_after(),
    );
    if let Error::Decode { body, .. } = error {
        assert!(
            body.len() <= gptunnel::error::MAX_KEPT_BODY,
            "kept {} bytes",
            body.len()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    // The body is the whole input (so JSON seeds work as they are); the status and the
    // Retry-After header come from its length, so every status meets every shape of body.
    let status = STATUSES[data.len() % STATUSES.len()];
    let body = String::from_utf8_lossy(data).into_owned();
    for status in [200, status] {
        let response = HttpResponse {
            status,
            retry_after: (data.len() % 3 == 0).then(|| Duration::from_secs(data.len() as u64)),
            body: body.clone(),
        };
        check::<Task>(&response);
        check::<MediaTask>(&response);
        check::<Balance>(&response);
    }
});
