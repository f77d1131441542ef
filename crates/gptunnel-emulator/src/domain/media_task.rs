//! The media task of `/v1/media/*` (CONTRACT §4): a flatter object than the Midjourney task,
//! with `code`, `created_at` in Unix seconds and `url` once done.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::images::Art;
use crate::domain::lifecycle::{phase_at, Phase};
use crate::domain::progress::Schedule;
use crate::model::ids::image_url;

/// A media task as stored.
#[derive(Debug, Clone)]
pub(crate) struct MediaTask {
    pub(crate) id: String,
    pub(crate) model: String,
    /// The prompt as echoed back (with ` --ar W:H` appended when `ar` was given \[doc\]).
    pub(crate) prompt: String,
    pub(crate) created_at: Duration,
    pub(crate) created_unix: u64,
    pub(crate) duration: Duration,
    pub(crate) failure: Option<String>,
    pub(crate) schedule: Schedule,
    pub(crate) art: Art,
}

/// The media object on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MediaView {
    pub(crate) code: u32,
    pub(crate) id: String,
    pub(crate) model: String,
    pub(crate) prompt: String,
    pub(crate) created_at: u64,
    pub(crate) status: String,
    pub(crate) url: Option<String>,
    /// Failure reason, only on failed tasks \[seen\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
}

impl MediaTask {
    pub(crate) fn phase(&self, now: Duration) -> Phase {
        phase_at(
            now.saturating_sub(self.created_at),
            self.duration,
            &self.schedule,
            self.failure.is_some(),
        )
    }

    pub(crate) fn view(&self, now: Duration, base_url: &str) -> MediaView {
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
