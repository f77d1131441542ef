//! The media create request (`/v1/media/create`) and its per-model aspect-ratio rule.

use serde::Serialize;

use super::checks::check_prompt;
use super::{Create, MAX_MEDIA_PROMPT_CHARS};
use crate::media::MediaTask;
use crate::models::documented_aspect_ratios;
use crate::text::quoted;
use crate::Error;

/// `POST /v1/media/create`: an image or video from one of the other models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaCreate {
    /// Model id, e.g. `google-imagen-3`, `flux-dev`, `gpt-image-1-high` (an open list).
    pub model: String,
    /// The prompt.
    pub prompt: String,
    /// Aspect ratio `W:H` (wire `ar`).
    #[serde(rename = "ar", skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<String>,
    /// Reference image URLs, for models that take them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
}

impl MediaCreate {
    /// Generate `prompt` with `model`.
    pub fn new(model: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            prompt: prompt.into(),
            aspect_ratio: None,
            images: Vec::new(),
        }
    }

    /// Ask for an aspect ratio such as `16:9`.
    pub fn aspect_ratio(mut self, aspect_ratio: impl Into<String>) -> Self {
        self.aspect_ratio = Some(aspect_ratio.into());
        self
    }

    /// Give reference image URLs (http or https; checked before sending).
    pub fn images<I: IntoIterator<Item = S>, S: Into<String>>(mut self, urls: I) -> Self {
        self.images = urls.into_iter().map(Into::into).collect();
        self
    }
}

impl Create for MediaCreate {
    const PATH: &'static str = "/v1/media/create";
    type Output = MediaTask;
    fn validate(&self) -> Result<(), Error> {
        if self.model.trim().is_empty() {
            return Err(Error::invalid("model", "must not be empty"));
        }
        check_prompt("prompt", &self.prompt, MAX_MEDIA_PROMPT_CHARS)?;
        if let Some(ratio) = &self.aspect_ratio {
            check_aspect_ratio(&self.model, ratio)?;
        }
        if self.images.iter().any(|url| url.trim().is_empty()) {
            return Err(Error::invalid("images", "an image URL is empty"));
        }
        // The server fetches them: only http(s) URLs make sense (issue 13).
        if let Some(bad) = self
            .images
            .iter()
            .find(|url| crate::prompt::check::reference_url(url).is_err())
        {
            return Err(Error::invalid(
                "images",
                format!("reference images must be http(s) URLs, got {}", quoted(bad)),
            ));
        }
        Ok(())
    }
}

/// The documented ratio list of the model (see [`crate::models`]); any positive `W:H`
/// otherwise.
fn check_aspect_ratio(model: &str, ratio: &str) -> Result<(), Error> {
    let allowed = documented_aspect_ratios(model);
    match allowed {
        Some(list) if list.contains(&ratio) => Ok(()),
        Some(list) => Err(Error::invalid(
            "aspectRatio",
            format!("{model} accepts {}, got {}", list.join(", "), quoted(ratio)),
        )),
        None => match crate::prompt::check::aspect_ratio(ratio) {
            Some(_) => Ok(()),
            None => Err(Error::invalid(
                "aspectRatio",
                format!(
                    "expected W:H with positive whole numbers, like 16:9; got {}",
                    quoted(ratio)
                ),
            )),
        },
    }
}
