//! The Midjourney task object: what every Midjourney endpoint answers (CONTRACT §2).
//!
//! Decoding is deliberately tolerant (unknown fields ignored, nulls and floats accepted,
//! unknown enum values kept) because the provider's documentation is partial and changes.
//! Serializing writes the wire names back, so JavaScript callers get the server's shape.

use serde::Serialize;

use crate::action::Action;
use crate::lenient::{self, open_enum};
use crate::node::{deserialize_with_reader, Node, Object, Read};

/// A Midjourney task, as created or as last polled.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// The task id: 24 lowercase hex characters.
    pub id: String,
    /// The task this one was derived from (`None` for imagine).
    pub parent_id: Option<String>,
    /// Always `task` so far.
    pub object: String,
    /// What produced this task.
    #[serde(rename = "type")]
    pub task_type: TaskType,
    /// Follow-up actions allowed on this task; empty until it is done.
    pub actions: Vec<Action>,
    /// Progress 0–100. Below 100, `result` may point at an intermediate preview.
    pub percent: u8,
    /// Lifecycle state.
    pub status: TaskStatus,
    /// Image URL (a 2x2 grid when [`Task::is_grid`]), or `None` while there is none.
    pub result: Option<String>,
    /// The failure reason, when the task failed.
    pub error: Option<String>,
    /// What this call cost (creates charge; `/result` reports zeros).
    pub usage: Option<Usage>,
}

/// The reason given for a failure the provider did not explain.
pub const NO_REASON_GIVEN: &str = "the provider gave no reason";

impl Task {
    /// Whether the task is over: done, or failed (see [`Task::failure`]).
    pub fn is_finished(&self) -> bool {
        self.status == TaskStatus::Done || self.failure().is_some()
    }

    /// Why the task failed, when it did: status `failed` (with `error`, or
    /// [`NO_REASON_GIVEN`]), or a status this version does not know that comes with an
    /// `error` (a new failure word must not read as "still running" for ten minutes).
    /// `None` while the task runs or once it is done.
    pub fn failure(&self) -> Option<&str> {
        match (&self.status, self.error.as_deref()) {
            (TaskStatus::Failed, reason) => Some(reason.unwrap_or(NO_REASON_GIVEN)),
            (TaskStatus::Other(_), Some(reason)) => Some(reason),
            _ => None,
        }
    }

    /// Whether the provider lists `action` as allowed on this task (spelling variants such as
    /// `upsamle_1`/`upsample_1` count as the same action).
    pub fn allows(&self, action: &Action) -> bool {
        self.actions.contains(action)
    }

    /// Whether the task's image is a 2x2 grid of four candidates (see [`TaskType::is_grid`]).
    pub fn is_grid(&self) -> bool {
        self.task_type.is_grid()
    }
}

open_enum! {
    /// Lifecycle state of a Midjourney task. Anything unknown means "still running", unless
    /// the task carries an `error` (see [`Task::failure`]).
    pub enum TaskStatus {
        /// Just created, not started.
        Idle => "idle",
        /// Being generated.
        Processing => "processing",
        /// Finished; `result` holds the image.
        Done => "done",
        /// Finished without a result; `error` may say why.
        Failed => "failed",
    }
}

impl TaskStatus {
    /// `Done` or `Failed`. Unknown statuses count as still running here; [`Task::is_finished`]
    /// also looks at the task's `error`.
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Done | Self::Failed)
    }
}

open_enum! {
    /// What produced a task.
    pub enum TaskType {
        /// A new 2x2 grid from a prompt.
        Imagine => "imagine",
        /// One grid image at full size.
        Upsample => "upsample",
        /// A new grid of variations.
        Variation => "variation",
        /// A masked region regenerated.
        Inpaint => "inpaint",
        /// The same prompt run again.
        Reroll => "reroll",
        /// Zoomed out.
        Outpaint => "outpaint",
        /// Extended in one direction.
        Pan => "pan",
        /// Enlarged 2x or 4x.
        Upscale => "upscale",
    }
}

impl TaskType {
    /// Whether a task of this type yields a 2x2 grid (CONTRACT §2): imagine, variation,
    /// reroll and, by Midjourney convention, inpaint ("vary region"), outpaint and pan.
    /// Upsample and upscale yield one image; an unknown type is not assumed to be a grid.
    pub fn is_grid(&self) -> bool {
        matches!(
            self,
            Self::Imagine
                | Self::Variation
                | Self::Reroll
                | Self::Inpaint
                | Self::Outpaint
                | Self::Pan
        )
    }
}

/// What one call was charged, in rubles.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Usage {
    /// Token count of the prompt.
    pub prompt_tokens: u64,
    /// Token count of the completion (1 per generation).
    pub completion_tokens: u64,
    /// Sum of the two.
    pub total_tokens: u64,
    /// Cost of the prompt.
    pub prompt_cost: f64,
    /// Cost of the generation.
    pub completion_cost: f64,
    /// Total charged by this call.
    pub total_cost: f64,
}

impl Read for Task {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let task = Object::of(node)?;
        Ok(Task {
            id: lenient::string(task.get("id")?),
            parent_id: lenient::opt_string(task.get("parentId")?),
            object: lenient::string(task.get("object")?),
            task_type: TaskType::from(lenient::string(task.get("type")?).as_str()),
            actions: lenient::list(task.get("actions")?, |action| {
                Action::parse(&lenient::string(Some(action)))
            })?,
            percent: lenient::percent(task.get("percent")?),
            status: TaskStatus::from(lenient::string(task.get("status")?).as_str()),
            result: lenient::opt_string(task.get("result")?),
            error: lenient::opt_string(task.get("error")?),
            usage: lenient::opt_object(task.get("usage")?)?,
        })
    }
}

impl Read for Usage {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let usage = Object::of(node)?;
        Ok(Usage {
            prompt_tokens: lenient::count(usage.get("prompt_tokens")?),
            completion_tokens: lenient::count(usage.get("completion_tokens")?),
            total_tokens: lenient::count(usage.get("total_tokens")?),
            prompt_cost: lenient::f64_or_zero(usage.get("prompt_cost")?),
            completion_cost: lenient::f64_or_zero(usage.get("completion_cost")?),
            total_cost: lenient::f64_or_zero(usage.get("total_cost")?),
        })
    }
}

deserialize_with_reader!(Task, Usage);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn parse(text: &str) -> Task {
        crate::json::read(text).expect("decodes")
    }

    #[test]
    fn a_percent_may_be_a_float_a_string_null_or_out_of_range() {
        assert_eq!(parse(r#"{"percent": 42.6}"#).percent, 43);
        assert_eq!(parse(r#"{"percent": "17"}"#).percent, 17);
        assert_eq!(parse(r#"{"percent": null}"#).percent, 0);
        assert_eq!(parse(r#"{"percent": 250}"#).percent, 100);
        assert_eq!(parse(r#"{"percent": -3}"#).percent, 0);
    }

    #[test]
    fn missing_and_null_fields_take_defaults() {
        let task = parse(r#"{"id":"65589df803761c00010775ae","actions":null,"usage":null}"#);
        assert!(task.actions.is_empty());
        assert_eq!(task.usage, None);
        assert_eq!(task.status, TaskStatus::Other(String::new()));
        assert!(!task.is_finished());
    }

    #[test]
    fn unknown_statuses_and_types_are_kept_and_mean_still_running() {
        let task = parse(r#"{"status":"queued","type":"describe"}"#);
        assert_eq!(task.status, TaskStatus::Other("queued".into()));
        assert_eq!(task.task_type, TaskType::Other("describe".into()));
        assert!(!task.is_finished());
        assert_eq!(crate::json::to_string(&task.status).unwrap(), r#""queued""#);
    }

    #[test]
    fn an_unknown_status_with_an_error_is_a_failure_and_without_one_still_running() {
        let failed = parse(r#"{"status":"banned","error":"prompt refused by moderation"}"#);
        assert_eq!(failed.failure(), Some("prompt refused by moderation"));
        assert!(failed.is_finished());
        let running = parse(r#"{"status":"queued","error":null}"#);
        assert_eq!(running.failure(), None);
        assert!(!running.is_finished());
    }

    #[test]
    fn failed_is_a_failure_with_or_without_a_reason_and_done_never_is() {
        let said = parse(r#"{"status":"failed","error":"timeout in the queue"}"#);
        assert_eq!(said.failure(), Some("timeout in the queue"));
        let silent = parse(r#"{"status":"failed"}"#);
        assert_eq!(silent.failure(), Some("the provider gave no reason"));
        let done = parse(r#"{"status":"done","error":"ignored"}"#);
        assert_eq!(done.failure(), None);
        assert!(done.is_finished());
        let processing = parse(r#"{"status":"processing","error":"slow"}"#);
        assert_eq!(
            processing.failure(),
            None,
            "a known running status stays running"
        );
    }

    #[test]
    fn an_error_object_is_reduced_to_its_message() {
        let task = parse(r#"{"status":"failed","error":{"message":"banned prompt","code":7}}"#);
        assert_eq!(task.error.as_deref(), Some("banned prompt"));
    }

    #[test]
    fn the_contract_s_grid_types_are_grids_and_single_images_are_not() {
        for grid in [
            "imagine",
            "variation",
            "reroll",
            "inpaint",
            "outpaint",
            "pan",
        ] {
            let task = parse(&format!(r#"{{"type":"{grid}"}}"#));
            assert!(task.is_grid(), "{grid} yields a 2x2 grid");
            assert!(TaskType::from(grid).is_grid(), "{grid} yields a 2x2 grid");
        }
        for single in ["upsample", "upscale", "describe", ""] {
            let task = parse(&format!(r#"{{"type":"{single}"}}"#));
            assert!(!task.is_grid(), "{single:?} is not a grid");
        }
    }

    #[test]
    fn serializing_writes_the_wire_names_back() {
        let task = parse(r#"{"id":"a","parentId":"b","type":"imagine","percent":5}"#);
        let text = crate::json::to_string(&task).unwrap();
        for name in [
            "\"id\"",
            "\"parentId\"",
            "\"object\"",
            "\"type\"",
            "\"actions\"",
            "\"percent\"",
            "\"status\"",
            "\"result\"",
            "\"error\"",
            "\"usage\"",
        ] {
            assert!(text.contains(name), "{name} missing in {text}");
        }
        assert_eq!(parse(&text), task);
    }
}
