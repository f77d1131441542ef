//! The media task object (`/v1/media/create` and `/v1/media/result`, CONTRACT §4): image and
//! video models other than Midjourney, with their own status words and an in-body error code.

use serde::Serialize;

use crate::lenient::{self, open_enum};
use crate::node::{deserialize_with_reader, Node, Object, Read};
use crate::task::NO_REASON_GIVEN;

/// A media task, as created or as last polled.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MediaTask {
    /// 0 on success; anything else arrives as [`Error::Media`](crate::Error::Media) instead.
    pub code: Option<i64>,
    /// The task id: 24 lowercase hex characters.
    pub id: String,
    /// The model id, e.g. `google-imagen-3`.
    pub model: String,
    /// The prompt as the provider recorded it (it appends `--ar` when a ratio was given).
    pub prompt: String,
    /// Creation time, Unix seconds.
    pub created_at: Option<i64>,
    /// Lifecycle state.
    pub status: MediaStatus,
    /// The result's URL once done (it expires, ~24 h reported).
    pub url: Option<String>,
    /// The failure reason, when failed.
    pub message: Option<String>,
    /// What the task cost, when the provider says.
    pub cost: Option<f64>,
}

impl MediaTask {
    /// Whether the task is over: done, or failed (see [`MediaTask::failure`]).
    pub fn is_finished(&self) -> bool {
        self.status == MediaStatus::Done || self.failure().is_some()
    }

    /// Why the task failed, when it did: status `failed` or `error` (with `message`, or
    /// [`NO_REASON_GIVEN`]), or a status this version does not know that comes with a
    /// `message`. `None` while the task runs or once it is done.
    pub fn failure(&self) -> Option<&str> {
        match (&self.status, self.message.as_deref()) {
            (MediaStatus::Failed | MediaStatus::Error, reason) => {
                Some(reason.unwrap_or(NO_REASON_GIVEN))
            }
            (MediaStatus::Other(_), Some(reason)) => Some(reason),
            _ => None,
        }
    }
}

open_enum! {
    /// Lifecycle state of a media task. Anything unknown means "still running", unless the
    /// task carries a `message` (see [`MediaTask::failure`]).
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
    /// `Done`, `Failed` or `Error`. Unknown statuses count as still running here;
    /// [`MediaTask::is_finished`] also looks at the task's `message`.
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Done | Self::Failed | Self::Error)
    }

    /// `Failed` or `Error`.
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Failed | Self::Error)
    }
}

impl Read for MediaTask {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let task = Object::of(node)?;
        Ok(MediaTask {
            code: lenient::opt_code(task.get("code")?),
            id: lenient::string(task.get("id")?),
            model: lenient::string(task.get("model")?),
            prompt: lenient::string(task.get("prompt")?),
            created_at: lenient::opt_seconds(task.get("created_at")?),
            status: MediaStatus::from(lenient::string(task.get("status")?).as_str()),
            url: lenient::opt_string(task.get("url")?),
            message: lenient::opt_string(task.get("message")?),
            cost: lenient::opt_f64(task.get("cost")?),
        })
    }
}

deserialize_with_reader!(MediaTask);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn parse(text: &str) -> MediaTask {
        crate::json::read(text).expect("decodes")
    }

    #[test]
    fn failed_error_and_unknown_statuses_with_a_message_are_failures() {
        let failed = parse(r#"{"status":"failed","message":"content policy"}"#);
        assert_eq!(failed.failure(), Some("content policy"));
        let error = parse(r#"{"status":"error"}"#);
        assert_eq!(error.failure(), Some("the provider gave no reason"));
        let unknown = parse(r#"{"status":"rejected","message":"model unavailable"}"#);
        assert_eq!(unknown.failure(), Some("model unavailable"));
        assert!(unknown.is_finished());
    }

    #[test]
    fn running_unknown_and_done_tasks_without_a_reason_are_not_failures() {
        for text in [
            r#"{"status":"queued"}"#,
            r#"{"status":"running","message":"halfway"}"#,
            r#"{"status":"done","url":"https://x/y.webp"}"#,
        ] {
            assert_eq!(parse(text).failure(), None, "{text}");
        }
        assert!(!parse(r#"{"status":"queued"}"#).is_finished());
    }
}
