//! Typed async client for the GPTunnel image API: Midjourney (imagine, upsample, variation,
//! inpaint and the other follow-up actions) and the media models (Imagen, Flux, GPT Image…).
//!
//! It builds natively (reqwest, Tokio) and for `wasm32-unknown-unknown` (the browser's `fetch`,
//! in a page or a Web Worker) with the same API.
//!
//! # Quick start
//!
//! ```no_run
//! use gptunnel::{Client, Config, Imagine, Upsample, WaitEvent, WaitOptions};
//!
//! # async fn run() -> Result<(), gptunnel::Error> {
//! let client = Client::new(Config::new("YOUR_API_KEY"))?;
//!
//! // Creating a task is charged: sent again only after a 429. Waiting repeats reads.
//! let grid = client.imagine(&Imagine::new("An old IBM PC on a light background")).await?;
//! let grid = client
//!     .wait_task(&grid, &WaitOptions::default(), |event| {
//!         if let WaitEvent::Progress(task) = event {
//!             println!("{} {}%", task.status, task.percent);
//!         }
//!     })
//!     .await?;
//!
//! // Quadrant 1 (top left) of the 2x2 grid at full size.
//! let image = client.upsample(&Upsample::new(&grid.id, 1)).await?;
//! let image = client.wait_task(&image, &WaitOptions::default(), |_| {}).await?;
//! println!("{}", image.result.unwrap_or_default());
//! # Ok(())
//! # }
//! ```
//!
//! # Shape
//!
//! Requests are plain structs ([`Imagine`], [`Upsample`], [`MediaCreate`]…) checked before
//! sending; every answer is decoded tolerantly ([`Task`], [`MediaTask`], [`Balance`]); every
//! failure is one [`Error`] whose [`Error::kind`] is an [`ErrorKind`]. Waiting ([`Client::wait`]) is a thin
//! loop around the sans-IO [`poll::Poller`]; cancel anything by dropping its future.
#![deny(missing_docs)]

mod lenient;

pub mod action;
pub mod balance;
pub mod client;
pub mod config;
pub mod error;
pub mod http;
pub mod mask;
pub mod media;
pub mod models;
pub mod poll;
pub mod prompt;
pub mod request;
pub mod task;
pub mod wait;

mod base64;
mod json;
mod node;
mod number;
mod platform;
mod text;
mod time;
mod transport;
mod tree;

// The JavaScript bindings (issue 4): convert values only, no logic. Browser build only, and
// behind the `js` / `js-mask` features so Rust apps compiled to wasm (the studio) do not ship
// exported JS classes they never call.
platform::in_browser! {
    #[cfg(any(feature = "js", feature = "js-mask"))]
    mod js;
}

pub use action::{Action, ActionRequest, UpsampleSpelling};
pub use balance::Balance;
pub use client::Client;
pub use config::{Config, DEFAULT_BASE_URL};
pub use error::{ApiErrorKind, Error, ErrorKind};
pub use http::{Answer, HttpRequest, HttpResponse, Method};
pub use media::{MediaStatus, MediaTask};
pub use models::{MediaKind, MediaModel, MEDIA_MODELS};
pub use prompt::{Prompt, PromptError};
pub use request::{
    Create, Direction, Imagine, Inpaint, MediaCreate, Outpaint, Pan, Reroll, Upsample, Upscale,
    UpscaleType, Variation, VariationMode,
};
pub use task::{Task, TaskStatus, TaskType, Usage};
pub use wait::{Pollable, WaitEvent, WaitOptions, WaitTarget};
