//! The JavaScript bindings: what the npm package exports. Two entries, each its own wasm
//! (issue 12): `gptunnel` (feature `js`: `Client`, `GptunnelError`, the prompt functions, `init`) and
//! `gptunnel/mask` (feature `js-mask`: `Mask`, `GptunnelError`, `init`), so an app that never
//! paints a mask never downloads the PNG codec.
//!
//! They only convert values, in both directions: JS option objects into the crate's request
//! structs, tasks into plain JS objects with the wire field names, [`crate::Error`] into a
//! `GptunnelError`, `AbortSignal`s and callbacks into the crate's cancel-by-drop and
//! `WaitEvent`s. Every rule about the API itself (validation, polling, retries) lives in the
//! core and is the same for Rust callers.
//!
//! - [`error`]: `GptunnelError`, a JavaScript `Error` subclass (js/error.js) built from Rust;
//!   both entries construct the same class (one shared snippet module).
//! - [`args`]: reading JS arguments with messages that name the field at fault.
//! - [`client`]: the `Client` class; every method returns a Promise.
//! - [`requests`]: JS parameter objects into the crate's request structs.
//! - [`wait`]: wait options, progress callbacks and `AbortSignal`.
//! - [`prompt`]: `parsePrompt`, `setPromptFlag`, `checkPrompt` (Midjourney flags, issue 13).
//! - [`mask`]: the `Mask` class for painting inpaint masks (entry `gptunnel/mask`).
//! - [`types`]: the TypeScript declarations (js/types.d.ts, js/mask-types.d.ts).

#[cfg(feature = "js")]
mod args;
#[cfg(feature = "js")]
mod client;
mod error;
#[cfg(feature = "js-mask")]
mod mask;
#[cfg(feature = "js")]
mod prompt;
#[cfg(feature = "js")]
mod requests;
mod types;
#[cfg(feature = "js")]
mod wait;

/// The package's allocator: talc is less wasm than Rust's default, dlmalloc (issue 12). Only
/// the `gptunnel` entry sets it (feature `package-allocator`, scripts/build-pkg.sh).
#[cfg(feature = "package-allocator")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "js")]
use serde::Serialize;
#[cfg(feature = "js")]
use wasm_bindgen::JsValue;

/// `value` as a plain JS object with its serde (wire) field names and `null` for absent
/// values, as in the server's JSON: written as JSON text and read by the engine's
/// `JSON.parse`, which is less wasm than building the object field by field (issue 12).
#[cfg(feature = "js")]
fn to_plain<T: Serialize + ?Sized>(value: &T) -> JsValue {
    crate::platform::to_json_text(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}
