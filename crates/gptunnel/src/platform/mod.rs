//! The platform seam: the only place that knows which target the crate is built for.
//!
//! Natively: reqwest, Tokio's timer, `std::time`, serde_json. In the browser (a page or a Web
//! Worker): `fetch`, `setTimeout`, `Date.now()`, the engine's own `JSON.parse` /
//! `JSON.stringify`. Both files provide the same small surface, so the rest of the crate has
//! no `cfg(target_arch)` at all:
//!
//! - `Transport`: `new()`, and `send(request, api_key)` → status, `Retry-After`, body text;
//!   dropping the future aborts the request.
//! - `now()` (a monotonic-enough clock for differences), `sleep(duration)` (cancelled by
//!   drop), `unix_now()` (seconds since the Unix epoch, for a task's `created_at`).
//! - `json_to_string` / `read_json`: the raw parser hooks (`read_json` hands the answer
//!   readers an owned tree natively, the `JsValue` itself in the browser, see `js_node.rs`);
//!   the rules around them (the nesting-depth limit) live in [`crate::json`],
//!   the same on both targets.
//! - `to_json_text` (browser only): JSON text from serde data, see `json_text.rs`.
//! - `in_browser!`: keeps the items it wraps only in the browser build (the JS binding).

#[cfg_attr(target_arch = "wasm32", path = "wasm.rs")]
#[cfg_attr(not(target_arch = "wasm32"), path = "native.rs")]
mod imp;

pub(crate) use imp::*;

// JS values (answers after `JSON.parse`, tasks passed by JS callers) read by the answer readers.
#[cfg(target_arch = "wasm32")]
mod js_node;

// JSON text from serde data (request bodies, and the objects handed to JS callers). Used in
// the browser only, but compiled and tested natively too (against serde_json).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod json_text;
#[cfg(target_arch = "wasm32")]
pub(crate) use json_text::to_json_text;
