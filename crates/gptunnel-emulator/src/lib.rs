//! A faithful local GPTunnel: the image API of CONTRACT.md (Midjourney tasks, media tasks,
//! balance), answering exactly as the real service is documented to, errors included, with
//! generated pictures, a virtual-clock option, a request journal, seeded fault injection and a
//! relay mode. Think stripe-mock, not a test stub.
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
//!
//! Where the contract leaves something open, the emulator's choice is marked \[assumed\] next to
//! the one place it is made: costs and the balance rule (`pricing`), action names and their
//! parameters and resubmission (`actions`, `store`), progress models (`progress`), media
//! durations (`media_models`), fault timing and shapes (`faults`), error wording (`validate`,
//! `error`).

pub mod actions;
pub mod clock;
pub mod error;
pub mod faults;
pub mod handlers;
pub mod images;
pub mod journal;
pub mod lifecycle;
pub mod masks;
pub mod media_models;
pub mod media_task;
pub mod middleware;
pub mod pricing;
pub mod progress;
pub mod relay;
pub mod rng;
mod server;
pub mod settings;
pub mod state;
pub mod store;
pub mod task;
pub mod validate;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{ApiError, MediaError};
pub use journal::JournalEntry;
pub use media_task::MediaView;
pub use progress::{Progress, ProgressModel};
pub use relay::relay_app;
pub use server::{Emulator, Relay};
pub use settings::{Faults, Settings};
pub use state::AppState;
pub use task::{TaskView, Usage};

/// The emulator as a router, for in-process tests (`tower::ServiceExt::oneshot`) or to mount
/// in another server. Layers, outermost first: CORS, journal/faults/log, body limit.
pub fn app(state: AppState) -> Router {
    handlers::router(state.clone())
        .layer(DefaultBodyLimit::max(middleware::BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state,
            middleware::observe,
        ))
        .layer(cors_layer())
}

/// CORS for any origin. `Authorization` must be listed by name: a `*` wildcard does not
/// cover it in browsers. `Retry-After` is exposed so page scripts can honour it.
pub fn cors_layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}
