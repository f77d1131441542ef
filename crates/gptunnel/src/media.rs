//! The media task object (`/v1/media/create` and `/v1/media/result`, CONTRACT §4): image and
//! video models other than Midjourney, with their own status words and an in-body error code.

use serde::{Deserialize, Serialize};

use crate::lenient::{self, open_enum};

/// A media task, as created or as last polled.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MediaTask {
    /// 0 on success; anything else arrives as [`Error::Media`](crate::Error::Media) instead.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// The task id: 24 lowercase hex characters.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// The model id, e.g. `google-imagen-3`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub model: String,
    /// The prompt as the provider recorded it (it appends `--ar` when a ratio was given).
    #[serde(default, deserialize_with = "lenient::string")]
    pub prompt: String,
    /// Creation time, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub created_at: Option<i64>,
    /// Lifecycle state.
    #[serde(default)]
    pub status: MediaStatus,
    /// The result's URL once done (it expires, ~24 h reported).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    /// The failure reason, when failed.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// What the task cost, when the provider says.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub cost: Option<f64>,
}

impl MediaTask {
    /// Whether the task is over, successfully or not.
    pub fn is_finished(&self) -> bool {
        self.status.is_finished()
    }
}

open_enum! {
    /// Lifecycle state of a media task. Anything unknown means "still running".
    pub enum MediaStatus {
        /// Just created.
        Idle => "idle",
        /// Being generated.
        Processing => "processing",
        /// Being generated (another spelling seen in the wild).
        Running => "running",
        /// Finished; `url` holds the result.
        Done => "done",
        /// Finished without a result; `message` may say why.
        Failed => "failed",
        /// Finished without a result (another spelling seen in the wild).
        Error => "error",
    }
}

impl MediaStatus {
    /// `Done`, `Failed` or `Error`. Unknown statuses are treated as still running.
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Done | Self::Failed | Self::Error)
    }

    /// `Failed` or `Error`.
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Failed | Self::Error)
    }
}
