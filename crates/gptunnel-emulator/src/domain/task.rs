//! The Midjourney task: what the emulator stores, and the wire object of CONTRACT §2 it shows
//! (the emulator's own structs, independent of the client crate, so a client bug cannot hide
//! behind a shared definition).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::actions::done_actions;
use crate::domain::images::Art;
use crate::domain::lifecycle::{phase_at, Phase};
use crate::domain::progress::{ProgressModel, Schedule};
use crate::model::ids::image_url;
use crate::model::money::serialize_money;
use crate::model::task_kind::TaskKind;

/// The `usage` object: what THIS call charged, in rubles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Usage {
    pub(crate) prompt_tokens: u32,
    pub(crate) completion_tokens: u32,
    pub(crate) total_tokens: u32,
    #[serde(serialize_with = "serialize_money")]
    pub(crate) prompt_cost: f64,
    #[serde(serialize_with = "serialize_money")]
    pub(crate) completion_cost: f64,
    #[serde(serialize_with = "serialize_money")]
    pub(crate) total_cost: f64,
}

impl Usage {
    /// Nothing charged (results, free creates, resubmissions).
    pub(crate) fn zero() -> Self {
        Usage {
            prompt_tokens: 0,
            completion_tokens: 0,
            total_tokens: 0,
            prompt_cost: 0.0,
            completion_cost: 0.0,
            total_cost: 0.0,
        }
    }

    /// One generation charged `cost` \[doc: completion_tokens 1, completion_cost 18\].
    pub(crate) fn charged(cost: f64) -> Self {
        if cost <= 0.0 {
            return Usage::zero();
        }
        Usage {
            completion_tokens: 1,
            total_tokens: 1,
            completion_cost: cost,
            total_cost: cost,
            ..Usage::zero()
        }
    }
}

/// The task object as sent on the wire, in the documented field order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TaskView {
    pub(crate) id: String,
    pub(crate) parent_id: Option<String>,
    pub(crate) object: String,
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) actions: Vec<String>,
    pub(crate) percent: u8,
    pub(crate) status: String,
    pub(crate) result: Option<String>,
    pub(crate) error: Option<String>,
    pub(crate) usage: Usage,
}

/// A Midjourney task as stored.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub(crate) id: String,
    pub(crate) parent_id: Option<String>,
    pub(crate) kind: TaskKind,
    /// The prompt this task was generated with (inpaint may bring its own).
    pub(crate) prompt: String,
    /// The prompt of the imagine this task descends from (decides the upsample price).
    pub(crate) root_prompt: String,
    pub(crate) created_at: Duration,
    pub(crate) duration: Duration,
    /// `Some(reason)` when this task is going to fail.
    pub(crate) failure: Option<String>,
    /// How its percent moves, and the percents it shows.
    pub(crate) progress: ProgressModel,
    pub(crate) schedule: Schedule,
    /// How to draw this task's picture.
    pub(crate) art: Art,
}

impl Task {
    pub(crate) fn phase(&self, now: Duration) -> Phase {
        phase_at(
            now.saturating_sub(self.created_at),
            self.duration,
            &self.schedule,
            self.failure.is_some(),
        )
    }

    /// The wire object at `now`, with result URLs under `base_url` and the given usage.
    pub(crate) fn view(&self, now: Duration, base_url: &str, usage: Usage) -> TaskView {
        let phase = self.phase(now);
        let actions = if phase == Phase::Done {
            done_actions(self.kind)
                .iter()
                .map(|action| action.to_string())
                .collect()
        } else {
            Vec::new()
        };
        TaskView {
            id: self.id.clone(),
            parent_id: self.parent_id.clone(),
            object: "task".into(),
            kind: self.kind.as_str().into(),
            actions,
            percent: phase.percent(),
            status: phase.status().into(),
            result: phase
                .has_picture()
                .then(|| image_url(base_url, &self.id, phase.percent())),
            error: match phase {
                Phase::Failed { .. } => self.failure.clone(),
                _ => None,
            },
            usage,
        }
    }
}

/// Failure reasons a failing task picks from \[assumed: the real texts are not documented\].
pub(crate) const FAILURE_REASONS: [&str; 3] = [
    "Job failed: the prompt was rejected by Midjourney moderation",
    "Job failed: Midjourney returned an internal error",
    "Job failed: timed out in the Midjourney queue",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charged_usage_matches_the_documented_imagine_usage() {
        let json = serde_json::to_value(Usage::charged(18.0)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"prompt_tokens":0,"completion_tokens":1,"total_tokens":1,
                               "prompt_cost":0,"completion_cost":18,"total_cost":18})
        );
    }
}
