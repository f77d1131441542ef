//! What the studio asks of the API: create tasks, act on them, resume them after a reload,
//! refresh the balance, import and clear history.
//!
//! The client comes from `client`, server answers become records in `records`, and running
//! tasks are watched by `polls` (drop guards owned by the app state). Creates are charged: the
//! studio never sends one again by itself (the client only resends a 429), and a create whose
//! outcome is unknown says so and offers to refresh the balance.
use gptunnel::{Action, Client, Error, ErrorKind, Imagine, Inpaint, MediaCreate, Task};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{client, explain_refusal, strings};
use crate::errors::describe_error;
use crate::first_paint::after_next_paint;
use crate::model::{merge_records, Engine, Phase, Submission, TaskRecord, MIDJOURNEY};
use crate::polls::{resume_all, stop_all, watch};
use crate::reactive::effect;
use crate::records::{apply_media, apply_task, new_record};
use crate::state::{AppState, BalanceView, Notice};

/// How many tasks the feed reads from history at a time: more than a tall screen shows.
const PAGE_SIZE: usize = 24;

/// Loads the running tasks and the newest page of history, resumes the running ones, and
/// fetches the balance. Older history is read as the feed is scrolled ([`load_page`]).
pub fn start(state: AppState) {
    // Opening IndexedDB (creating it, on a first visit) and the balance call are not needed
    // to draw the page: they start once it is drawn.
    after_next_paint(move || {
        spawn_local(async move {
            if let Ok(running) = state.history().load_running().await {
                state.add_new(running);
            }
            load_page(state).await;
            resume_all(state);
        });
        refresh_balance(state);
    });
    // A key typed later (or changed) resumes whatever could not be polled without it.
    let mut previous: Option<String> = None;
    effect(move || {
        let key = state.api_key.get();
        if previous.as_ref().is_some_and(|p| *p != key) && !key.is_empty() {
            resume_all(state);
        }
        previous = Some(key);
    });
}

/// Reads the next page of history (older than the feed's oldest page) into the feed. Returns
/// false when a page was already being read or nothing is left.
pub async fn load_page(state: AppState) -> bool {
    let Some(before) = state
        .paging
        .try_update_value(|p| {
            (!p.loading).then(|| {
                p.loading = true;
                p.oldest.clone()
            })
        })
        .flatten()
    else {
        return false;
    };
    let page = state.history().load_page(before.as_ref(), PAGE_SIZE).await;
    let read = page.as_ref().map_or(0, Vec::len);
    if let Ok(records) = page {
        let oldest = records.last().map(|r| (r.created_at, r.id.clone()));
        state.add_new(records);
        state
            .paging
            .try_update_value(|p| p.oldest = oldest.or(before));
    }
    state.paging.try_update_value(|p| p.loading = false);
    // A short page (or a failed read) means there is nothing older to read.
    state.more_history.try_set(read == PAGE_SIZE);
    read > 0
}

/// Every task: history merged with the feed (the feed's copy is the newer), newest first.
pub async fn all_records(state: AppState) -> Vec<TaskRecord> {
    let mut by_id: std::collections::HashMap<String, TaskRecord> = state
        .history()
        .load_tasks()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    for rec in state
        .tasks
        .with_untracked(|l| l.iter().map(|r| r.get_untracked()).collect::<Vec<_>>())
    {
        by_id.insert(rec.id.clone(), rec);
    }
    let mut all: Vec<TaskRecord> = by_id.into_values().collect();
    all.sort_by(|a, b| b.created_at.total_cmp(&a.created_at));
    all
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

/// A request to the API. With `split` (the Trunk build) the code that sends one (the core's
/// client and JSON, the answers into records, the error wording) is a wasm chunk fetched with
/// the first request, off the first load: a first visit has no key, so asks nothing before
/// its first prompt.
enum Call {
    Create(Submission),
    Action(TaskRecord, Action),
    Balance(Client),
}

async fn send(state: AppState, call: Call) {
    match call {
        Call::Create(submission) => send_create(state, submission).await,
        Call::Action(parent, action) => send_action(state, parent, action).await,
        Call::Balance(client) => send_balance(state, client).await,
    }
}

#[cfg(not(feature = "split"))]
use send as call;

/// [`send`] from its chunk. When the chunk cannot be fetched nothing was sent: said as a
/// network error (a create is not retried by itself, the user may send it again).
#[cfg(feature = "split")]
async fn call(state: AppState, call: Call) {
    match split_send(state, call).await {
        Ok(sent) => sent.await,
        Err(_) => state.notify(true, strings(state).err_network),
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(api, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_send(
    state: AppState,
    call: Call,
) -> Result<futures::future::LocalBoxFuture<'static, ()>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(send(state, call)))
}

/// Creates a task from the prompt bar. Resolves when the server has answered.
pub async fn create(state: AppState, submission: Submission) {
    call(state, Call::Create(submission)).await
}

async fn send_create(state: AppState, submission: Submission) {
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
        if !submission.images.is_empty() {
            request = request.images(submission.images.clone());
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
    call(state, Call::Action(parent, action)).await
}

async fn send_action(state: AppState, parent: TaskRecord, action: Action) {
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
    spawn_local(call(state, Call::Balance(client)));
}

async fn send_balance(state: AppState, client: Client) {
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
}

/// Merges imported records into the feed and history; returns how many were new or newer.
/// Imported running tasks arrive paused ([`merge_records`]): shown, not polled, until
/// [`resume_paused`].
pub async fn import(state: AppState, records: Vec<TaskRecord>) -> usize {
    let existing = all_records(state).await;
    let changed = merge_records(&existing, records);
    let _ = state.history().save_tasks(&changed).await;
    // Older than the pages read so far: paging will show it in its place.
    let paged_out = |rec: &TaskRecord| {
        state.more_history.try_get_untracked().unwrap_or(false)
            && state
                .paging
                .try_with_value(|p| p.oldest.as_ref().is_some_and(|o| rec.created_at < o.0))
                .unwrap_or(false)
    };
    for rec in &changed {
        if rec.phase == Phase::Running || state.find(&rec.id).is_some() || !paged_out(rec) {
            state.upsert(rec.clone());
        }
    }
    changed.len()
}

/// The paused (imported, not watched) running tasks in the feed.
pub fn paused_count(state: AppState) -> usize {
    state.tasks.with(|list| {
        list.iter()
            .filter(|r| r.with(|r| r.paused && r.phase == Phase::Running))
            .count()
    })
}

/// Starts watching the paused tasks: the user asked.
pub fn resume_paused(state: AppState) {
    let paused: Vec<String> = state.tasks.with_untracked(|list| {
        list.iter()
            .filter_map(|r| r.with_untracked(|r| r.paused.then(|| r.id.clone())))
            .collect()
    });
    for id in paused {
        if let Some(rec) = crate::polls::update(state, &id, |r| r.paused = false) {
            if rec.phase == Phase::Running {
                watch(state, rec);
            }
        }
    }
}

/// Stars or unstars a task, in the feed (if there) and in history.
pub fn set_favourite(state: AppState, mut rec: TaskRecord, favourite: bool) {
    rec.favourite = favourite;
    if let Some(signal) = state.find(&rec.id) {
        signal.update(|r| r.favourite = favourite);
    }
    state.history().save_task_later(rec);
}

/// Deletes tasks from the feed and from history. Resolves when history is written.
pub async fn delete_tasks(state: AppState, ids: Vec<String>) {
    state.by_id.try_update_value(|map| {
        for id in &ids {
            map.remove(id);
        }
    });
    state
        .polls
        .try_update_value(|p| ids.iter().for_each(|id| p.stop(id)));
    state
        .tasks
        .update(|list| list.retain(|r| r.with_untracked(|r| !ids.contains(&r.id))));
    if state
        .viewer
        .get_untracked()
        .is_some_and(|v| ids.contains(&v))
    {
        state.viewer.set(None);
    }
    let _ = state.history().delete_tasks(&ids).await;
}

/// Stops every poll and deletes every task from the feed and history.
pub fn clear_history(state: AppState) {
    stop_all(state);
    state.clear_feed();
    spawn_local(async move {
        let _ = state.history().clear_tasks().await;
    });
}

#[cfg(test)]
mod tests {
    use super::inpaint_prompt;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn an_inpaint_keeps_the_typed_prompt_else_the_parent_s() {
        let typed = Some("a red door".to_string());
        assert_eq!(inpaint_prompt("a lighthouse", typed), "a red door");
        assert_eq!(inpaint_prompt("a lighthouse", None), "a lighthouse");
    }
}
