//! Turning the server's task objects into the studio's [`TaskRecord`]: pure mapping, no
//! signals and no storage.
use gptunnel::{MediaTask, Task, TaskStatus};

use crate::errors::MAX_DETAIL_CHARS;
use crate::model::{clip_text, Engine, Phase, TaskRecord};

/// A fresh record for a task the studio just created (`now_ms`: epoch milliseconds).
pub fn new_record(
    id: String,
    engine: Engine,
    kind: &str,
    prompt: String,
    now_ms: f64,
) -> TaskRecord {
    TaskRecord {
        id,
        engine,
        kind: kind.to_string(),
        prompt,
        created_at: now_ms,
        ..Default::default()
    }
}

/// Copies what a Midjourney task says into `rec`.
pub fn apply_task(rec: &mut TaskRecord, task: &Task) {
    if !task.task_type.as_str().is_empty() {
        rec.kind = task.task_type.as_str().to_string();
    }
    if task.parent_id.is_some() {
        rec.parent_id = task.parent_id.clone();
    }
    rec.status = task.status.as_str().to_string();
    rec.percent = task.percent;
    if let Some(url) = &task.result {
        rec.image = Some(url.clone());
    }
    rec.actions = task.actions.iter().map(|a| a.to_string()).collect();
    rec.error = task
        .error
        .as_deref()
        .map(|e| clip_text(e, MAX_DETAIL_CHARS));
    // An unknown status that carries an error is a failure too (Task::failure).
    rec.phase = if task.failure().is_some() {
        Phase::Failed
    } else if task.status == TaskStatus::Done {
        Phase::Done
    } else {
        Phase::Running
    };
    if rec.phase == Phase::Done {
        rec.percent = 100;
    }
    if let Some(cost) = task
        .usage
        .as_ref()
        .map(|u| u.total_cost)
        .filter(|c| *c > 0.0)
    {
        rec.cost = cost;
    }
}

/// Copies what a media task says into `rec`.
pub fn apply_media(rec: &mut TaskRecord, task: &MediaTask) {
    rec.status = task.status.as_str().to_string();
    if let Some(url) = &task.url {
        rec.image = Some(url.clone());
    }
    rec.phase = if task.failure().is_some() {
        Phase::Failed
    } else if task.is_finished() {
        Phase::Done
    } else {
        Phase::Running
    };
    if rec.phase == Phase::Done {
        rec.percent = 100;
    }
    if rec.phase == Phase::Failed {
        rec.error = task
            .message
            .as_deref()
            .map(|e| clip_text(e, MAX_DETAIL_CHARS));
    }
    if let Some(cost) = task.cost.filter(|c| *c > 0.0) {
        rec.cost = cost;
    }
}
