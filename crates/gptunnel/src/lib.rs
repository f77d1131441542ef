//! Typed client for the GPTunnel image API. (Crate docs with a quick start: written by the core work.)
#![deny(missing_docs)]

pub mod mask;
pub mod poll;
