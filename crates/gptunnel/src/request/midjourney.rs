//! The Midjourney create requests (`/v1/midjourney/…`).

use serde::Serialize;

use super::checks::{check_base64_mask, check_image, check_prompt, check_task_id};
use super::{Create, Direction, UpscaleType, VariationMode, MAX_PROMPT_CHARS};
use crate::task::Task;
use crate::Error;

/// `POST /v1/midjourney/imagine`: a new 2x2 grid from a prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imagine {
    /// The prompt; Russian is allowed and Midjourney flags (`--ar 16:9`) pass through.
    pub prompt: String,
}

impl Imagine {
    /// A grid for `prompt`.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
        }
    }
}

impl Create for Imagine {
    const PATH: &'static str = "/v1/midjourney/imagine";
    const SENDS_WALLET_FLAG: bool = true;
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_prompt("prompt", &self.prompt, MAX_PROMPT_CHARS)
    }
}

/// `POST /v1/midjourney/upsample`: one image of a grid at full size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Upsample {
    /// The grid task.
    pub task_id: String,
    /// Grid quadrant 1–4 (1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right).
    pub image: u8,
}

impl Upsample {
    /// Upsample quadrant `image` of grid `task_id`.
    pub fn new(task_id: impl Into<String>, image: u8) -> Self {
        Self {
            task_id: task_id.into(),
            image,
        }
    }
}

impl Create for Upsample {
    const PATH: &'static str = "/v1/midjourney/upsample";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)?;
        check_image(self.image)
    }
}

/// `POST /v1/midjourney/variation`: a new grid of variations, either of one grid image
/// (`image`) or of an upsampled image (`mode`). Exactly one of the two is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Variation {
    /// The parent task.
    pub task_id: String,
    /// Grid quadrant 1–4, when the parent is a grid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<u8>,
    /// Variation strength, when the parent is an upsample.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<VariationMode>,
}

impl Variation {
    /// Variations of quadrant `image` of grid `task_id`.
    pub fn image(task_id: impl Into<String>, image: u8) -> Self {
        Self {
            task_id: task_id.into(),
            image: Some(image),
            mode: None,
        }
    }

    /// High or low variations of the upsampled image `task_id`.
    pub fn mode(task_id: impl Into<String>, mode: VariationMode) -> Self {
        Self {
            task_id: task_id.into(),
            image: None,
            mode: Some(mode),
        }
    }
}

impl Create for Variation {
    const PATH: &'static str = "/v1/midjourney/variation";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)?;
        match (self.image, self.mode) {
            (Some(image), None) => check_image(image),
            (None, Some(_)) => Ok(()),
            _ => Err(Error::invalid(
                "image",
                "give either an image number (for a grid) or a mode (for an upsample), not both",
            )),
        }
    }
}

/// `POST /v1/midjourney/reroll`: run the grid's prompt again. \[assumed endpoint\]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reroll {
    /// The grid task.
    pub task_id: String,
}

impl Reroll {
    /// Reroll grid `task_id`.
    pub fn new(task_id: impl Into<String>) -> Self {
        Self {
            task_id: task_id.into(),
        }
    }
}

impl Create for Reroll {
    const PATH: &'static str = "/v1/midjourney/reroll";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)
    }
}

/// `POST /v1/midjourney/inpaint`: regenerate the white part of a mask over an upsampled image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inpaint {
    /// The upsample task.
    pub task_id: String,
    /// Base64 of a black (keep) and white (regenerate) PNG the size of the parent image,
    /// without a `data:` prefix.
    pub mask: String,
    /// A new prompt; the parent's is reused when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
}

impl Inpaint {
    /// Inpaint `task_id` with `mask_base64`. A `data:image/png;base64,` prefix (what a canvas's
    /// `toDataURL` gives) is removed, since the provider's example sends bare base64.
    pub fn new(task_id: impl Into<String>, mask_base64: impl Into<String>) -> Self {
        let mask: String = mask_base64.into();
        let mask = match mask.split_once(";base64,") {
            Some((head, tail)) if head.starts_with("data:") => tail.to_owned(),
            _ => mask,
        };
        Self {
            task_id: task_id.into(),
            mask,
            prompt: None,
        }
    }

    /// Use `prompt` instead of the parent's prompt.
    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }
}

impl Create for Inpaint {
    const PATH: &'static str = "/v1/midjourney/inpaint";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)?;
        check_base64_mask(&self.mask)?;
        match &self.prompt {
            Some(prompt) => check_prompt("prompt", prompt, MAX_PROMPT_CHARS),
            None => Ok(()),
        }
    }
}

/// `POST /v1/midjourney/outpaint`: zoom out of an upsampled image. \[assumed field names\]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outpaint {
    /// The upsample task.
    pub task_id: String,
    /// 50 or 75 (from the actions `outpaint_50`, `outpaint_75`).
    pub zoom: u8,
}

impl Outpaint {
    /// Zoom out of `task_id` by `zoom` (50 or 75).
    pub fn new(task_id: impl Into<String>, zoom: u8) -> Self {
        Self {
            task_id: task_id.into(),
            zoom,
        }
    }
}

impl Create for Outpaint {
    const PATH: &'static str = "/v1/midjourney/outpaint";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)?;
        match self.zoom {
            50 | 75 => Ok(()),
            other => Err(Error::invalid(
                "zoom",
                format!("must be 50 or 75, got {other}"),
            )),
        }
    }
}

/// `POST /v1/midjourney/pan`: extend an upsampled image in one direction. \[assumed field names\]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pan {
    /// The upsample task.
    pub task_id: String,
    /// Which way to extend.
    pub direction: Direction,
}

impl Pan {
    /// Extend `task_id` towards `direction`.
    pub fn new(task_id: impl Into<String>, direction: Direction) -> Self {
        Self {
            task_id: task_id.into(),
            direction,
        }
    }
}

impl Create for Pan {
    const PATH: &'static str = "/v1/midjourney/pan";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)
    }
}

/// `POST /v1/midjourney/upscale`: enlarge an upsampled image. \[assumed field names\]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Upscale {
    /// The upsample task.
    pub task_id: String,
    /// 2x or 4x (wire `type`).
    #[serde(rename = "type")]
    pub upscale_type: UpscaleType,
}

impl Upscale {
    /// Enlarge `task_id` by `upscale_type`.
    pub fn new(task_id: impl Into<String>, upscale_type: UpscaleType) -> Self {
        Self {
            task_id: task_id.into(),
            upscale_type,
        }
    }
}

impl Create for Upscale {
    const PATH: &'static str = "/v1/midjourney/upscale";
    type Output = Task;
    fn validate(&self) -> Result<(), Error> {
        check_task_id(&self.task_id)
    }
}
