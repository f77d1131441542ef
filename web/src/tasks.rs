//! What the studio asks of the API: create tasks, act on them, resume them after a reload,
//! refresh the balance, import and clear history.
//!
//! The client comes from `client`, server answers become records in `records`, and running
//! tasks are watched by `polls` (drop guards owned by the app state). Creates are charged: the
//! studio never sends one again by itself (the client only resends a 429), and a create whose
//! outcome is unknown says so and offers to refresh the balance.
use gptunnel::{Action, Error, ErrorKind, Imagine, Inpaint, MediaCreate, Task};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{client, explain_refusal, strings};
use crate::errors::describe_error;
use crate::model::{merge_records, Engine, Phase, Submission, TaskRecord, MIDJOURNEY};
use crate::polls::{resume_all, stop_all, watch};
use crate::records::{apply_media, apply_task, new_record};
use crate::state::{AppState, BalanceView, Notice};

/// Loads history, resumes the tasks that were running, and fetches the balance.
pub fn start(state: AppState) {
    spawn_local(async move {
        if let Ok(records) = state.history().load_tasks().await {
            for rec in records {
                state.upsert(rec);
            }
        }
        resume_all(state);
    });
    refresh_balance(state);
    // A key typed later (or changed) resumes whatever could not be polled without it.
    Effect::new(move |previous: Option<String>| {
        let key = state.api_key.get();
        if previous.is_some_and(|p| p != key) && !key.is_empty() {
            resume_all(state);
        }
        key
    });
}

/// Adds a created task to the feed and history, then watches it and refreshes the balance.
fn adopt(state: AppState, rec: TaskRecord) {
    state.upsert(rec.clone());
    state.history().save_task_later(rec.clone());
    if rec.phase == Phase::Running {
        watch(state, rec);
    }
    refresh_balance(state);
}

fn report(state: AppState, error: &Error) {
    state.notice.set(Some(Notice {
        is_error: true,
        text: describe_error(error, strings(state)),
        offer_balance_refresh: error.outcome_unknown(),
    }));
    explain_refusal(state, error);
    if error.outcome_unknown()
        || matches!(
            error.kind(),
            ErrorKind::Unauthorized | ErrorKind::InsufficientBalance
        )
    {
        refresh_balance(state);
    }
}

/// Creates a task from the prompt bar. Resolves when the server has answered.
pub async fn create(state: AppState, submission: Submission) {
    state.notice.set(None);
    let client = match client(state) {
        None => return state.notify(true, strings(state).no_key),
        Some(Err(e)) => return report(state, &e),
        Some(Ok(c)) => c,
    };
    if submission.model == MIDJOURNEY {
        // The record keeps the prompt as sent, so "re-use prompt" keeps the picked ratio.
        let prompt = submission.midjourney_prompt();
        match client.imagine(&Imagine::new(prompt.clone())).await {
            Ok(task) => {
                let mut rec = new_record(
                    task.id.clone(),
                    Engine::Midjourney,
                    "imagine",
                    prompt,
                    js_sys::Date::now(),
                );
                apply_task(&mut rec, &task);
                adopt(state, rec);
            }
            Err(e) => report(state, &e),
        }
    } else {
        let mut request = MediaCreate::new(submission.model.clone(), submission.prompt.clone());
        if let Some(ar) = &submission.aspect_ratio {
            request = request.aspect_ratio(ar.clone());
        }
        match client.media_create(&request).await {
            Ok(task) => {
                let mut rec = new_record(
                    task.id.clone(),
                    Engine::Media(submission.model),
                    "media",
                    submission.prompt,
                    js_sys::Date::now(),
                );
                apply_media(&mut rec, &task);
                adopt(state, rec);
            }
            Err(e) => report(state, &e),
        }
    }
}

/// Runs a follow-up `action` on `parent` (a U/V button, vary, zoom, pan, upscale, reroll).
pub async fn run_action(state: AppState, parent: TaskRecord, action: Action) {
    state.notice.set(None);
    let client = match client(state) {
        None => return state.notify(true, strings(state).no_key),
        Some(Err(e)) => return report(state, &e),
        Some(Ok(c)) => c,
    };
    match client.action(&parent.id, &action).await {
        Ok(task) => adopt_child(
            state,
            &parent,
            parent.prompt.clone(),
            action.to_string(),
            task,
        ),
        Err(e) => report(state, &e),
    }
}

/// Regenerates the white region of `mask_b64` (a PNG) on `parent`: the mask editor's call.
pub async fn run_inpaint(
    state: AppState,
    parent: TaskRecord,
    mask_b64: String,
    prompt: Option<String>,
) {
    let client = match client(state) {
        None => return state.notify(true, strings(state).no_key),
        Some(Err(e)) => return report(state, &e),
        Some(Ok(c)) => c,
    };
    let typed = prompt.filter(|p| !p.trim().is_empty());
    let mut request = Inpaint::new(parent.id.clone(), mask_b64);
    if let Some(p) = &typed {
        request = request.prompt(p.clone());
    }
    match client.inpaint(&request).await {
        Ok(task) => {
            let prompt = inpaint_prompt(&parent.prompt, typed);
            adopt_child(state, &parent, prompt, "inpaint".into(), task)
        }
        Err(e) => report(state, &e),
    }
}

/// The prompt an inpaint's record keeps: the one typed in the mask editor (it replaced the
/// parent's on the server), else the parent's.
fn inpaint_prompt(parent: &str, typed: Option<String>) -> String {
    typed.unwrap_or_else(|| parent.to_string())
}

fn adopt_child(state: AppState, parent: &TaskRecord, prompt: String, label: String, task: Task) {
    let mut rec = new_record(
        task.id.clone(),
        Engine::Midjourney,
        "",
        prompt,
        js_sys::Date::now(),
    );
    rec.parent_id = Some(parent.id.clone());
    rec.label = label;
    apply_task(&mut rec, &task);
    adopt(state, rec);
}

/// Fetches the balance in the background (nothing without a key).
pub fn refresh_balance(state: AppState) {
    let Some(Ok(client)) = client(state) else {
        return;
    };
    spawn_local(async move {
        match client.balance().await {
            Ok(b) => state.balance.set(Some(BalanceView {
                balance: b.balance,
                credit_limit: b.credit_limit,
            })),
            // Said, not swallowed; but a notice already shown (the error that asked for this
            // refresh) says more and stays.
            Err(e) if state.notice.with_untracked(Option::is_none) => {
                let s = strings(state);
                state.notify(
                    true,
                    format!("{} {}", s.err_balance_refresh, describe_error(&e, s)),
                );
                explain_refusal(state, &e);
            }
            Err(_) => {}
        }
    });
}

/// Merges imported records into the feed and history; returns how many were new or newer.
pub async fn import(state: AppState, records: Vec<TaskRecord>) -> usize {
    let existing: Vec<TaskRecord> = state
        .tasks
        .with_untracked(|l| l.iter().map(|r| r.get_untracked()).collect());
    let changed = merge_records(&existing, records);
    let _ = state.history().save_tasks(&changed).await;
    for rec in &changed {
        state.upsert(rec.clone());
        if rec.phase == Phase::Running {
            watch(state, rec.clone());
        }
    }
    changed.len()
}

/// Stops every poll and deletes every task from the feed and history.
pub fn clear_history(state: AppState) {
    stop_all(state);
    state.tasks.set(Vec::new());
    spawn_local(async move {
        let _ = state.history().clear_tasks().await;
    });
}

#[cfg(test)]
mod tests {
    use super::inpaint_prompt;

    #[test]
    fn an_inpaint_keeps_the_typed_prompt_else_the_parent_s() {
        let typed = Some("a red door".to_string());
        assert_eq!(inpaint_prompt("a lighthouse", typed), "a red door");
        assert_eq!(inpaint_prompt("a lighthouse", None), "a lighthouse");
    }
}
