//! A faithful local GPTunnel: the image API of CONTRACT.md (Midjourney tasks, media tasks,
//! balance), answering exactly as the real service is documented to, errors included, with
//! generated pictures, a virtual-clock option, a request journal and seeded fault injection.
//! Think stripe-mock, not a test stub. (The relay for browser pages is its own crate,
//! `gptunnel-relay`.)
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use gptunnel_emulator::{Emulator, Settings};
//! let emulator = Emulator::start(Settings::fast()).await?;
//! let url = format!("{}/v1/midjourney/imagine", emulator.base_url());
//! // … call it with any non-empty key, then:
//! let requests = emulator.journal();
//! # let _ = (url, requests); Ok(()) }
//! ```
//!
//! In-process use without sockets: `app(AppState::new(settings))` is an `axum::Router`.
//! Without the default `server` feature (no tokio, no sockets) the service builds for
//! wasm32-unknown-unknown: build its state with `AppState::with_clock_at` and a clock of the
//! host's (the demo's Service Worker feeds the browser's).
//!
//! Where the contract leaves something open, the emulator's choice is marked \[assumed\] next to
//! the one place it is made: costs and the balance rule (`domain::pricing`), action names and
//! their parameters and resubmission (`domain::actions`, `store`), progress models
//! (`domain::progress`), media models and durations (`model::media_models`, `store`), fault
//! timing and shapes (`faults`), error wording (`handlers::validate`, `error`).
//!
//! Layers, each importing only from the ones before it (checked by the `layers` test):
//! `model`, `clock`, `journal` (leaf types and tables) → `domain` (what tasks are and do) →
//! `error`, `settings` → `faults` → `store` (memory, charging) → `state` → `middleware`,
//! `handlers` (routes; key and body as extractors) → `app` → `server`.

mod app;
mod clock;
mod domain;
mod error;
mod faults;
mod handlers;
mod journal;
#[cfg(test)]
mod layers;
mod middleware;
mod model;
mod runtime;
#[cfg(feature = "server")]
mod server;
mod settings;
mod state;
mod store;

pub use app::app;
#[cfg(feature = "server")]
pub use clock::SystemClock;
pub use clock::{Clock, ManualClock};
pub use domain::progress::{Progress, ProgressModel};
pub use journal::JournalEntry;
#[cfg(feature = "server")]
pub use server::Emulator;
pub use settings::{Faults, Settings};
pub use state::AppState;
