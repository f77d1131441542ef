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
pub struct Usage {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
    pub total_tokens: u32,
    #[serde(serialize_with = "serialize_money")]
    pub prompt_cost: f64,
    #[serde(serialize_with = "serialize_money")]
    pub completion_cost: f64,
    #[serde(serialize_with = "serialize_money")]
    pub total_cost: f64,
}

impl Usage {
    /// Nothing charged (results, free creates, resubmissions).
    pub fn zero() -> Self {
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
    pub fn charged(cost: f64) -> Self {
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
pub struct TaskView {
    pub id: String,
    pub parent_id: Option<String>,
    pub object: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actions: Vec<String>,
    pub percent: u8,
    pub status: String,
    pub result: Option<String>,
    pub error: Option<String>,
    pub usage: Usage,
}

/// A Midjourney task as stored.
#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub parent_id: Option<String>,
    pub kind: TaskKind,
    /// The prompt this task was generated with (inpaint may bring its own).
    pub prompt: String,
    /// The prompt of the imagine this task descends from (decides the upsample price).
    pub root_prompt: String,
    pub created_at: Duration,
    pub duration: Duration,
    /// `Some(reason)` when this task is going to fail.
    pub failure: Option<String>,
    /// How its percent moves, and the percents it shows.
    pub progress: ProgressModel,
    pub schedule: Schedule,
    /// How to draw this task's picture.
    pub art: Art,
}

impl Task {
    pub fn phase(&self, now: Duration) -> Phase {
        phase_at(
            now.saturating_sub(self.created_at),
            self.duration,
            &self.schedule,
            self.failure.is_some(),
        )
    }

    /// The wire object at `now`, with result URLs under `base_url` and the given usage.
    pub fn view(&self, now: Duration, base_url: &str, usage: Usage) -> TaskView {
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
pub const FAILURE_REASONS: [&str; 3] = [
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
