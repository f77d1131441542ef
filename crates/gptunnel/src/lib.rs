//! Typed client for the GPTunnel image API. (Crate docs with a quick start: written by the core work.)
#![deny(missing_docs)]

pub mod mask;
pub mod poll;

// The JavaScript binding (issue 4): converts values only, no logic.
#[cfg(target_arch = "wasm32")]
mod js;
