//! History tools under the feed: export to JSON, import (merged by id, capped in size and
//! count, never older over newer), clear; and the offer to resume imported running tasks.
use leptos::prelude::*;

use crate::model::{MAX_IMPORT_BYTES, MAX_IMPORT_RECORDS};
use crate::reactive::show;
use crate::state::AppState;
use crate::{storage, tasks};

/// Saves `text` as a JSON file named `filename`.
pub fn download_text(filename: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        crate::download::click_download(&blob, filename);
    }
}

/// What the export and import buttons do. With `split` (the Trunk build) that code (reading
/// the whole history, the JSON document, the merge) is a wasm chunk fetched on first use.
enum Job {
    Export,
    Import(web_sys::File),
}

#[cfg(not(feature = "split"))]
async fn run(state: AppState, job: Job) {
    perform(state, job).await
}

/// [`perform`] from its chunk; a chunk that cannot be fetched is said like a failed import.
#[cfg(feature = "split")]
async fn run(state: AppState, job: Job) {
    match split_perform(state, job).await {
        Ok(done) => done.await,
        Err(_) => state.notify(true, state.t().err_network),
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(history_tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_perform(
    state: AppState,
    job: Job,
) -> Result<futures::future::LocalBoxFuture<'static, ()>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(perform(state, job)))
}

async fn perform(state: AppState, job: Job) {
    match job {
        // The whole history, not only the pages the feed has read.
        Job::Export => {
            let records = tasks::all_records(state).await;
            download_text(
                "gptunnel-studio-history.json",
                &storage::export_json(records),
            );
        }
        Job::Import(file) => import(state, file).await,
    }
}

async fn import(state: AppState, file: web_sys::File) {
    let strings = state.settings.with_untracked(|s| s.lang).strings();
    // Refused before it is read into memory.
    if file.size() > MAX_IMPORT_BYTES {
        return state.notify(true, strings.import_too_big);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string());
    match text.as_deref().map(storage::parse_import) {
        Some(Ok(records)) if records.len() > MAX_IMPORT_RECORDS => {
            state.notify(true, strings.import_too_many)
        }
        Some(Ok(records)) => {
            let added = tasks::import(state, records).await;
            state.notify(false, format!("{}: {added}", strings.imported));
        }
        _ => state.notify(true, strings.import_failed),
    }
}

/// Export, import and clear buttons for the task history.
#[component]
pub fn HistoryTools() -> impl IntoView {
    let state = AppState::expect();

    let on_export = move |_| leptos::task::spawn_local(run(state, Job::Export));
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(run(state, Job::Import(file)));
    };
    let on_clear = move |_| {
        let strings = state.settings.with_untracked(|s| s.lang).strings();
        if window()
            .confirm_with_message(strings.clear_confirm)
            .unwrap_or(false)
        {
            tasks::clear_history(state);
        }
    };

    view! {
        <section class="history-tools" aria-label=state.text(|t| t.history)>
            <h2 class="visually-hidden">{state.text(|t| t.history)}</h2>
            <button type="button" class="button" data-testid="history-export" on:click=on_export>{state.text(|t| t.export)}</button>
            <label class="button file-button">
                {state.text(|t| t.import)}
                <input type="file" accept="application/json,.json" data-testid="history-import" on:change=on_import/>
            </label>
            <button type="button" class="button danger" data-testid="history-clear" on:click=on_clear>{state.text(|t| t.clear)}</button>
        </section>
    }
}

/// The offer to watch imported running tasks (paused until the user asks), above the feed.
#[component]
pub fn PausedNotice() -> impl IntoView {
    let state = AppState::expect();
    let paused = Memo::new(move |_| tasks::paused_count(state));
    view! {
        {show(move || paused.get() != 0, move || view! {
            <div class="notice paused-notice" role="status" data-testid="paused-notice">
                <span>{state.text(|t| t.paused_notice)}</span>
                <button type="button" class="button primary" data-testid="resume-watching" on:click=move |_| tasks::resume_paused(state)>
                    {state.text(|t| t.resume_watching)}" ("{move || paused.get()}")"
                </button>
            </div>
        }.into_any())}
    }
}
