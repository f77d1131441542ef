//! The media task of `/v1/media/*` (CONTRACT §4): a flatter object than the Midjourney task,
//! with `code`, `created_at` in Unix seconds and `url` once done.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::images::Art;
use crate::domain::lifecycle::{phase_at, Phase};
use crate::domain::progress::{ProgressModel, Schedule};
use crate::model::ids::image_url;

/// A media task as stored.
#[derive(Debug, Clone)]
pub struct MediaTask {
    pub id: String,
    pub model: String,
    /// The prompt as echoed back (with ` --ar W:H` appended when `ar` was given \[doc\]).
    pub prompt: String,
    pub created_at: Duration,
    pub created_unix: u64,
    pub duration: Duration,
    pub failure: Option<String>,
    /// How its status moves (media tasks show no percent, only idle, processing, done).
    pub progress: ProgressModel,
    pub schedule: Schedule,
    pub art: Art,
}

/// The media object on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaView {
    pub code: u32,
    pub id: String,
    pub model: String,
    pub prompt: String,
    pub created_at: u64,
    pub status: String,
    pub url: Option<String>,
    /// Failure reason, only on failed tasks \[seen\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl MediaTask {
    pub fn phase(&self, now: Duration) -> Phase {
        phase_at(
            now.saturating_sub(self.created_at),
            self.duration,
            &self.schedule,
            self.failure.is_some(),
        )
    }

    pub fn view(&self, now: Duration, base_url: &str) -> MediaView {
        let phase = self.phase(now);
        MediaView {
            code: 0,
            id: self.id.clone(),
            model: self.model.clone(),
            prompt: self.prompt.clone(),
            created_at: self.created_unix,
            status: phase.status().into(),
            url: (phase == Phase::Done).then(|| image_url(base_url, &self.id, 100)),
            message: match phase {
                Phase::Failed { .. } => self.failure.clone(),
                _ => None,
            },
        }
    }
}
