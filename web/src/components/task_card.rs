//! One task in the feed: prompt, type, status, progress, live preview, elapsed time, cost,
//! errors, stall notice, the link to its parent, and its follow-up actions.
use gptunnel::Action;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::grid_picker::GridPicker;
use crate::components::image_actions::{action_label, ImageActions};
use crate::components::viewer::{copy_text, reuse_prompt};
use crate::labels::alt_text;
use crate::model::{safe_http_url, Engine, Phase, TaskRecord};
use crate::state::AppState;
use crate::tasks;

/// `m:ss` (or `h:mm:ss`).
pub fn format_elapsed(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Scrolls to the card of task `id` and highlights it for a moment.
pub fn reveal(state: AppState, id: &str) {
    if let Some(el) = document().get_element_by_id(&format!("task-{id}")) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    state.highlight.set(Some(id.to_string()));
    let id = id.to_string();
    set_timeout(
        move || {
            // One-shot; the app may be gone by then (try_*).
            if state.highlight.try_get_untracked().flatten().as_deref() == Some(id.as_str()) {
                state.highlight.try_set(None);
            }
        },
        std::time::Duration::from_millis(2500),
    );
}

/// A task card.
///
/// - `rec`: the task's record signal; the card re-renders as polling updates it.
///
/// With `split` (the Trunk build) the card's code (with its grid picker and image actions) is
/// a wasm chunk fetched when the feed first shows a task: a first visit's feed is empty.
#[component]
pub fn TaskCard(rec: RwSignal<TaskRecord>) -> impl IntoView {
    let state = AppState::expect();
    #[cfg(not(feature = "split"))]
    return card(state, rec);
    #[cfg(feature = "split")]
    Suspend::new(async move {
        split_card(state, rec).await.unwrap_or_else(|_| {
            view! { <p class="card error-text" role="alert" data-testid="task-card-failed">{state.text(|t| t.err_network)}</p> }
                .into_any()
        })
    })
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(task_card, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_card(
    state: AppState,
    rec: RwSignal<TaskRecord>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(card(state, rec))
}

fn card(state: AppState, rec: RwSignal<TaskRecord>) -> AnyView {
    let t = move || state.t();
    let id = rec.with_untracked(|r| r.id.clone());
    let busy = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let perform = Callback::new(move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let parent = rec.get_untracked();
        spawn_local(async move {
            tasks::run_action(state, parent, action).await;
            busy.set(false);
        });
    });

    // Memos: a poll that changes only the percent re-renders only what shows the percent, so
    // a focused button in the card stays focused.
    let phase = Memo::new(move |_| rec.with(|r| r.phase));
    let phase = move || phase.get();
    let running = move || phase() == Phase::Running;
    let paused = Memo::new(move |_| rec.with(|r| r.paused));
    let status_text = move || match phase() {
        Phase::Running if paused.get() => t().status_paused,
        Phase::Running => t().status_running,
        Phase::Done => t().status_done,
        Phase::Failed => t().status_failed,
    };
    let phase_name = move || match phase() {
        Phase::Running => "running",
        Phase::Done => "done",
        Phase::Failed => "failed",
    };
    let kind = move || {
        rec.with(|r| match &r.engine {
            Engine::Midjourney => r.kind.clone(),
            Engine::Media(model) => model.clone(),
        })
    };
    let label = move || {
        rec.with(|r| (!r.label.is_empty()).then(|| action_label(&Action::parse(&r.label), t())))
    };
    let parent_link = move || {
        rec.with(|r| r.parent_id.clone()).map(|parent| {
            let parent_kind = state.find(&parent).map(|p| p.with(|p| p.kind.clone())).unwrap_or_default();
            let short: String = parent.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            let target = parent.clone();
            view! {
                <button type="button" class="link" data-testid="parent-link" on:click=move |_| reveal(state, &target)>
                    {state.text(|t| t.from_parent)}" "{parent_kind.clone()}" …"{short.clone()}
                </button>
            }
        })
    };
    let image = Memo::new(move |_| rec.with(|r| r.image.as_deref().and_then(safe_http_url)));
    let has_image = Memo::new(move |_| image.with(Option::is_some));
    let image_box = rec.with_untracked(TaskRecord::image_box);
    let is_grid_done = Memo::new(move |_| rec.with(|r| r.is_grid() && r.phase == Phase::Done));
    let is_grid_done = move || is_grid_done.get();
    let percent_known = move || rec.with(|r| r.engine == Engine::Midjourney);
    let elapsed = move || {
        // Only an unfinished task reads the clock: a finished card never re-renders on a tick.
        let finished = rec.with(|r| r.finished_at.is_some());
        let now = if finished { 0.0 } else { state.now.get() };
        rec.with(|r| format_elapsed(r.elapsed_secs(now)))
    };
    let cost = move || rec.with(|r| (r.cost > 0.0).then(|| crate::i18n::rubles(r.cost)));
    let open_viewer = {
        let id = id.clone();
        move |_| state.viewer.set(Some(id.clone()))
    };

    view! {
        <article
            id=format!("task-{id}")
            class="card"
            class:highlight=move || state.highlight.get().as_deref() == Some(rec.with_untracked(|r| r.id.clone()).as_str())
            tabindex="-1"
            data-testid="task-card"
            data-task-id=id.clone()
            data-phase=phase_name
            data-kind=kind
        >
            <div class="card-head">
                <span class="badge" data-testid="task-kind">{kind}</span>
                {move || label().map(|l| view! { <span class="badge accent" data-testid="task-label">{l}</span> })}
                <span class=move || format!("status {}", phase_name()) data-testid="task-status">{status_text}</span>
                <span class="spacer"></span>
                {parent_link}
            </div>
            <p class="prompt-text" data-testid="task-prompt">{move || rec.with(|r| r.prompt.clone())}</p>
            <Show when=running>
                <div class="progress-row">
                    {move || if percent_known() {
                        view! {
                            <progress max="100" value=move || rec.with(|r| r.percent) data-testid="task-progress" aria-label=state.text(|t| t.progress)></progress>
                            <span class="percent" data-testid="task-percent">{move || format!("{}%", rec.with(|r| r.percent))}</span>
                        }.into_any()
                    } else {
                        view! { <progress data-testid="task-progress" aria-label=state.text(|t| t.progress)></progress> }.into_any()
                    }}
                </div>
            </Show>
            {move || rec.with(|r| r.stalled_for).filter(|_| running()).map(|secs| view! {
                <p class="stall" data-testid="task-stalled">{t().stalled}" ("{format_elapsed(secs)}")"</p>
            })}
            {move || rec.with(|r| r.error.clone()).filter(|_| phase() == Phase::Failed).map(|e| view! {
                <p class="error-text" data-testid="task-error">{e}</p>
            })}
            {move || if is_grid_done() {
                view! { <GridPicker rec=rec perform=perform busy=busy/> }.into_any()
            } else {
                match has_image.get() {
                    true => view! {
                        <button type="button" class="thumb" aria-label=state.text(|t| t.open_viewer) on:click=open_viewer.clone()>
                            <img src=move || image.get() width=image_box.0 height=image_box.1 alt=move || rec.with(|r| alt_text(&r.prompt)) data-testid=move || if running() { "task-preview" } else { "task-image" }/>
                        </button>
                    }.into_any(),
                    // Done, but the server's URL is not one we render (not http(s), too long).
                    false if phase() == Phase::Done => view! {
                        <div class="placeholder" data-testid="task-no-image">{state.text(|t| t.no_image)}</div>
                    }.into_any(),
                    false => ().into_any(),
                }
            }}
            <Show when=move || phase() == Phase::Done && !is_grid_done()>
                <ImageActions rec=rec perform=perform busy=busy/>
            </Show>
            <div class="card-foot">
                <span class="muted" data-testid="task-elapsed">{state.text(|t| t.elapsed)}": "{elapsed}</span>
                {move || cost().map(|c| view! { <span class="muted" data-testid="task-cost">{t().cost}": "{c}</span> })}
                <span class="spacer"></span>
                <button type="button" class="button small ghost" data-testid="task-open" disabled=move || !has_image.get() on:click={
                    let id = id.clone();
                    move |_| state.viewer.set(Some(id.clone()))
                }>{state.text(|t| t.open_viewer)}</button>
                <button type="button" class="button small ghost" data-testid="task-copy" on:click=move |_| copy_text(rec.with_untracked(|r| r.prompt.clone()), copied)>
                    {move || if copied.get() { t().copied } else { t().copy_prompt }}
                </button>
                <button type="button" class="button small ghost" data-testid="task-reuse" on:click=move |_| reuse_prompt(state, rec.with_untracked(|r| r.prompt.clone()))>
                    {state.text(|t| t.reuse_prompt)}
                </button>
                <FavouriteDelete rec=rec/>
            </div>
        </article>
    }
    .into_any()
}

/// The card's star and delete buttons (delete asks first: it cannot be undone).
#[component]
fn FavouriteDelete(rec: RwSignal<TaskRecord>) -> impl IntoView {
    let state = AppState::expect();
    let t = move || state.t();
    let favourite = Memo::new(move |_| rec.with(|r| r.favourite));
    let star =
        move |_| tasks::set_favourite(state, rec.get_untracked(), !favourite.get_untracked());
    let delete = move |_| {
        if window()
            .confirm_with_message(t().delete_confirm)
            .unwrap_or(false)
        {
            spawn_local(tasks::delete_tasks(
                state,
                vec![rec.with_untracked(|r| r.id.clone())],
            ));
        }
    };
    view! {
        <button type="button" class="button small ghost" class:on=move || favourite.get() data-testid="task-favourite"
            aria-pressed=move || favourite.get().to_string()
            aria-label=move || if favourite.get() { t().favourite_remove } else { t().favourite_add } on:click=star>
            {move || if favourite.get() { "★" } else { "☆" }}
        </button>
        <button type="button" class="button small ghost" data-testid="task-delete" aria-label=move || t().delete_task on:click=delete>"×"</button>
    }
}
