//! The one place the rest of the crate gets HTTP from: reqwest natively, `fetch` in the
//! browser (both in [`crate::platform`]).
//!
//! It sends an [`HttpRequest`](crate::http::HttpRequest) with the key as the bare
//! `Authorization` header and hands back the status, `Retry-After` and body text; everything
//! else (what the answer means) lives in [`crate::http`]. Dropping the returned future aborts
//! the request on both sides.

pub(crate) use crate::platform::Transport;
