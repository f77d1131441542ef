//! API glue: create, act on, resume and poll tasks through the `gptunnel` client.
//!
//! Every running task has one poll, registered by id with an abort handle: a second watch of
//! the same id replaces the first, clearing history aborts them all, and `App`'s cleanup
//! cancels whatever is left (dropping a `gptunnel` future stops its polling). Creates are
//! charged: the studio never sends one again by itself (the client only resends a 429), and a
//! create whose outcome is unknown says so and offers to refresh the balance.
use std::cell::RefCell;
use std::collections::HashMap;

use futures::future::{AbortHandle, Abortable};
use gptunnel::{
    Action, Client, Config, Error, ErrorKind, Imagine, Inpaint, MediaCreate, MediaTask, Task,
    TaskStatus, WaitEvent, WaitOptions,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::errors::{describe_error, MAX_DETAIL_CHARS};
use crate::i18n::Strings;
use crate::model::{clip_text, merge_records, Engine, Phase, Submission, TaskRecord};
use crate::state::{AppState, BalanceView, Notice};
use crate::{notify, storage};

thread_local! {
    static POLLS: RefCell<HashMap<String, AbortHandle>> = RefCell::new(HashMap::new());
}

fn strings(state: AppState) -> &'static Strings {
    state.settings.with_untracked(|s| s.lang).strings()
}

/// A client for the current settings, or `None` when no key is set.
fn client(state: AppState) -> Option<Result<Client, Error>> {
    let key = state.api_key.get_untracked();
    if key.is_empty() {
        return None;
    }
    let (base, wallet) = state.settings.with_untracked(|s| {
        (
            s.base_url.trim().trim_end_matches('/').to_string(),
            s.wallet,
        )
    });
    Some(Client::new(
        Config::new(key)
            .with_base_url(base)
            .with_wallet_balance(wallet),
    ))
}

/// Loads history, resumes the tasks that were running, and fetches the balance.
pub fn start(state: AppState) {
    on_cleanup(abort_all);
    spawn_local(async move {
        if let Ok(records) = storage::load_tasks().await {
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

fn resume_all(state: AppState) {
    let running: Vec<TaskRecord> = state.tasks.with_untracked(|list| {
        list.iter()
            .map(|r| r.get_untracked())
            .filter(|r| r.phase == Phase::Running)
            .collect()
    });
    for rec in running {
        watch(state, rec);
    }
}

fn abort_all() {
    POLLS.with(|p| p.borrow_mut().drain().for_each(|(_, h)| h.abort()));
}

/// Updates record `id` in the feed and in history.
fn update(state: AppState, id: &str, change: impl FnOnce(&mut TaskRecord)) -> Option<TaskRecord> {
    let signal = state.find(id)?;
    signal.update(change);
    let rec = signal.get_untracked();
    storage::save_task_later(rec.clone());
    Some(rec)
}

fn apply_task(rec: &mut TaskRecord, task: &Task) {
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

fn apply_media(rec: &mut TaskRecord, task: &MediaTask) {
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

/// How the studio waits: the core's adaptive schedule, but never more than 3 s between polls,
/// because someone is watching the progress bar and the live preview.
fn wait_options() -> WaitOptions {
    WaitOptions {
        max_interval: Some(std::time::Duration::from_secs(3)),
        ..WaitOptions::default()
    }
}

/// Polls `rec` until it finishes, updating the feed; replaces any earlier poll of it.
fn watch(state: AppState, rec: TaskRecord) {
    let Some(Ok(client)) = client(state) else {
        return;
    };
    let (handle, registration) = AbortHandle::new_pair();
    let id = rec.id.clone();
    if let Some(old) = POLLS.with(|p| p.borrow_mut().insert(id.clone(), handle)) {
        old.abort();
    }
    let options = wait_options();
    let poll = async move {
        let outcome: Result<(), Error> = match rec.engine {
            Engine::Midjourney => client
                .wait(&id, &options, |event| {
                    on_event(state, &id, event, apply_task)
                })
                .await
                .map(|task| {
                    update(state, &id, |r| apply_task(r, &task));
                }),
            Engine::Media(_) => client
                .media_wait(&id, &options, |event| {
                    on_event(state, &id, event, apply_media)
                })
                .await
                .map(|task| {
                    update(state, &id, |r| apply_media(r, &task));
                }),
        };
        finish(state, &id, outcome);
    };
    spawn_local(async move {
        let _ = Abortable::new(poll, registration).await;
    });
}

fn on_event<T>(state: AppState, id: &str, event: WaitEvent<'_, T>, apply: fn(&mut TaskRecord, &T)) {
    match event {
        WaitEvent::Progress(task) => {
            update(state, id, |r| {
                apply(r, task);
                r.stalled_for = None;
            });
        }
        WaitEvent::Stalled { stalled_for, .. } => {
            update(state, id, |r| r.stalled_for = Some(stalled_for.as_secs()));
        }
        _ => {}
    }
}

fn finish(state: AppState, id: &str, outcome: Result<(), Error>) {
    POLLS.with(|p| p.borrow_mut().remove(id));
    let now = js_sys::Date::now();
    let rec = match outcome {
        Ok(()) => update(state, id, |r| {
            r.finished_at.get_or_insert(now);
            r.stalled_for = None;
        }),
        Err(Error::Aborted) => None,
        Err(error) => {
            let text = describe_error(&error, strings(state));
            update(state, id, |r| {
                r.phase = Phase::Failed;
                r.error = Some(text);
                r.finished_at.get_or_insert(now);
                r.stalled_for = None;
            })
        }
    };
    if let Some(rec) = rec.filter(|r| r.phase != Phase::Running) {
        notify::task_finished(state, &rec);
    }
}

/// A fresh record for a task the studio just created.
fn new_record(id: String, engine: Engine, kind: &str, prompt: String) -> TaskRecord {
    TaskRecord {
        id,
        engine,
        kind: kind.to_string(),
        prompt,
        created_at: js_sys::Date::now(),
        ..Default::default()
    }
}

/// Adds a created task to the feed and history, then watches it and refreshes the balance.
fn adopt(state: AppState, rec: TaskRecord) {
    state.upsert(rec.clone());
    storage::save_task_later(rec.clone());
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
    if submission.model == "midjourney" {
        match client
            .imagine(&Imagine::new(submission.midjourney_prompt()))
            .await
        {
            Ok(task) => {
                let mut rec = new_record(
                    task.id.clone(),
                    Engine::Midjourney,
                    "imagine",
                    submission.prompt,
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
        Ok(task) => adopt_child(state, &parent, action.to_string(), task),
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
    let mut request = Inpaint::new(parent.id.clone(), mask_b64);
    if let Some(p) = prompt.filter(|p| !p.trim().is_empty()) {
        request = request.prompt(p);
    }
    match client.inpaint(&request).await {
        Ok(task) => adopt_child(state, &parent, "inpaint".into(), task),
        Err(e) => report(state, &e),
    }
}

fn adopt_child(state: AppState, parent: &TaskRecord, label: String, task: Task) {
    let mut rec = new_record(
        task.id.clone(),
        Engine::Midjourney,
        "",
        parent.prompt.clone(),
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
        if let Ok(b) = client.balance().await {
            state.balance.set(Some(BalanceView {
                balance: b.balance,
                credit_limit: b.credit_limit,
            }));
        }
    });
}

/// Merges imported records into the feed and history; returns how many were new or newer.
pub async fn import(state: AppState, records: Vec<TaskRecord>) -> usize {
    let existing: Vec<TaskRecord> = state
        .tasks
        .with_untracked(|l| l.iter().map(|r| r.get_untracked()).collect());
    let changed = merge_records(&existing, records);
    let _ = storage::save_tasks(&changed).await;
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
    abort_all();
    state.tasks.set(Vec::new());
    spawn_local(async move {
        let _ = storage::clear_tasks().await;
    });
}
