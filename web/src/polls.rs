//! Polling the running tasks: one poll per running task, each registered as a drop guard in
//! [`Polls`](crate::poll_guards::Polls) (owned by the app state, so every poll ends with the
//! app); clearing history drops them all. Dropping a `gptunnel` wait future stops its polling
//! and aborts its fetch.
use futures::future::{AbortHandle, Abortable};
use gptunnel::{Client, Error, WaitEvent, WaitOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{client, strings};
use crate::errors::describe_error;
use crate::model::{Engine, Phase, TaskRecord};
use crate::notify;
use crate::records::{apply_media, apply_task};
use crate::state::AppState;

/// Watches every running task in the feed (after loading history, or when a key arrives).
pub fn resume_all(state: AppState) {
    let running: Vec<TaskRecord> = state.tasks.with_untracked(|list| {
        list.iter()
            .map(|r| r.get_untracked())
            // Paused: imported, waiting for the user to resume them (tasks::resume_paused).
            .filter(|r| r.phase == Phase::Running && !r.paused)
            .collect()
    });
    for rec in running {
        watch(state, rec);
    }
}

/// Aborts every running poll.
pub fn stop_all(state: AppState) {
    state
        .polls
        .try_update_value(crate::poll_guards::Polls::clear);
}

/// Updates record `id` in the feed and in history.
pub fn update(
    state: AppState,
    id: &str,
    change: impl FnOnce(&mut TaskRecord),
) -> Option<TaskRecord> {
    let signal = state.find(id)?;
    signal.try_update(change)?;
    let rec = signal.try_get_untracked()?;
    state.history().save_task_later(rec.clone());
    Some(rec)
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
pub fn watch(state: AppState, rec: TaskRecord) {
    let Some(Ok(client)) = client(state) else {
        return;
    };
    let (handle, registration) = AbortHandle::new_pair();
    let id = rec.id.clone();
    let Some(serial) = state
        .polls
        .try_update_value(|p| p.insert(id.clone(), handle))
    else {
        return; // The app is gone.
    };
    let options = wait_options();
    let poll = async move {
        let outcome = waiting(client, state, id.clone(), rec.engine, options).await;
        state.polls.try_update_value(|p| p.finished(&id, serial));
        finish(state, &id, outcome);
    };
    spawn_local(async move {
        let _ = Abortable::new(poll, registration).await;
    });
}

/// Waits for task `id` to finish, applying its progress to the feed.
async fn wait_for(
    client: Client,
    state: AppState,
    id: String,
    engine: Engine,
    options: WaitOptions,
) -> Result<(), Error> {
    match engine {
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
    }
}

#[cfg(not(feature = "split"))]
use wait_for as waiting;

/// With `split` (the Trunk build), the poller ([`wait_for`] and the core's wait loops) is a
/// wasm chunk fetched when the first task is watched, off the first load. When it cannot be
/// fetched the watch ends as if aborted: the task stays running and a reload resumes it.
#[cfg(feature = "split")]
async fn waiting(
    client: Client,
    state: AppState,
    id: String,
    engine: Engine,
    options: WaitOptions,
) -> Result<(), Error> {
    match split_wait_for(client, state, id, engine, options).await {
        Ok(wait) => wait.await,
        Err(_) => Err(Error::Aborted),
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(poller, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_wait_for(
    client: Client,
    state: AppState,
    id: String,
    engine: Engine,
    options: WaitOptions,
) -> Result<
    futures::future::LocalBoxFuture<'static, Result<(), Error>>,
    leptos::wasm_split::SplitLoaderError,
> {
    Ok(Box::pin(wait_for(client, state, id, engine, options)))
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
