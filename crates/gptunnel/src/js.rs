//! The JavaScript binding: what the npm package `gptunnel` exports (`Client`, `Mask`,
//! `GptunnelError`, `init`).
//!
//! It only converts values, in both directions: JS option objects into the crate's request
//! structs, tasks into plain JS objects with the wire field names, [`crate::Error`] into a
//! `GptunnelError`, `AbortSignal`s and callbacks into the crate's cancel-by-drop and
//! `WaitEvent`s. Every rule about the API itself (validation, polling, retries) lives in the
//! core and is the same for Rust callers.
//!
//! - [`error`]: `GptunnelError`, a JavaScript `Error` subclass (js/error.js) built from Rust.
//! - [`args`]: reading JS arguments with messages that name the field at fault.
//! - [`client`]: the `Client` class; every method returns a Promise.
//! - [`requests`]: JS parameter objects into the crate's request structs.
//! - [`wait`]: wait options, progress callbacks and `AbortSignal`.
//! - [`mask`]: the `Mask` class for painting inpaint masks.
//! - [`types`]: the TypeScript declarations (js/types.d.ts) the methods refer to.

mod args;
mod client;
mod error;
mod mask;
mod requests;
mod types;
mod wait;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a plain JS object with its serde (wire) field names: objects, not `Map`s, and
/// `null` for absent values, as in the server's JSON.
fn to_plain<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
