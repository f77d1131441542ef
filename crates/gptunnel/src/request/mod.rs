//! Request bodies of the create endpoints and the checks made before anything is sent.
//!
//! Every create costs money and a failed one is never re-sent (bar a rate-limit refusal), so
//! a mistake caught here saves a paid, failed call. Each request is a plain struct serialized with the wire field names; the
//! [`Create`] trait gives its path, and [`Client::create`](crate::Client::create) is the one
//! path that sends any of them.

use serde::Serialize;

use crate::http::Answer;
use crate::Error;

mod checks;
mod media;
mod midjourney;

pub(crate) use checks::check_task_id;
pub use media::MediaCreate;
pub use midjourney::{Imagine, Inpaint, Outpaint, Pan, Reroll, Upsample, Upscale, Variation};

/// Longest Midjourney prompt accepted, in characters. The provider documents no limit; real
/// prompts are a few hundred characters, so this cap only catches accidents (a pasted file, a
/// base64 image) before a paid call, never a real prompt.
pub const MAX_PROMPT_CHARS: usize = 8_000;

/// Longest media prompt accepted, in characters: the largest documented limit among the listed
/// models (OpenAI documents 32,000 for gpt-image-1), so that no model is blocked by us.
pub const MAX_MEDIA_PROMPT_CHARS: usize = 32_000;

/// Aspect ratios documented for google-imagen-3 and flux-dev.
pub const WIDE_ASPECT_RATIOS: [&str; 7] = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"];

/// Aspect ratios documented for the gpt-image-1 models.
pub const GPT_IMAGE_ASPECT_RATIOS: [&str; 5] = ["1:1", "16:9", "9:16", "4:3", "3:4"];

/// A request that creates a task: its endpoint, its answer type, and its checks.
pub trait Create: Serialize {
    /// Path under the base URL, e.g. `/v1/midjourney/imagine`.
    const PATH: &'static str;
    /// Whether [`Config::use_wallet_balance`](crate::Config::use_wallet_balance) is sent in the
    /// body (only imagine documents it).
    const SENDS_WALLET_FLAG: bool = false;
    /// What the endpoint answers.
    type Output: Answer;
    /// Refuse input the server would refuse (or charge for and then fail).
    fn validate(&self) -> Result<(), Error>;
}

/// Variation strength, for a variation of an upsampled image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VariationMode {
    /// Strong changes (`high`).
    High,
    /// Subtle changes (`low`).
    Low,
}

/// Which way to extend an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// `left`
    Left,
    /// `right`
    Right,
    /// `up`
    Up,
    /// `down`
    Down,
}

/// How much to enlarge an upsampled image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UpscaleType {
    /// Twice the size (wire `2x`).
    #[serde(rename = "2x")]
    X2,
    /// Four times the size (wire `4x`).
    #[serde(rename = "4x")]
    X4,
}
