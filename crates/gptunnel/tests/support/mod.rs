//! The simulated task population shared by `tests/polling.rs` and `benches/polling.rs`.
#![allow(dead_code)] // each user takes a different part

pub mod population;
pub mod replay;
