//! The gallery: every finished image of the whole history (read from IndexedDB a page at a
//! time, newest first), with a prompt search, filters, favourites, delete, and a selection to
//! export or delete. A thumbnail opens the full-size viewer.
//!
//! Quadrants: a grid task is ONE tile showing its 2×2 image with a "2×2" badge, and an upscale
//! is its own tile with its quadrant (`U3`). That is how a Midjourney regular reads a history
//! (the grid is the job; the images they kept are the upscales), and every tool here (star,
//! delete, export, U/V in the viewer's feed card) acts on a task: four tiles per grid would
//! make "delete this image" delete four.
use gptunnel::Action;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::history_tools::download_text;
use crate::components::image_actions::action_label;
use crate::labels::alt_text;
use crate::model::{model_ids, safe_http_url, Phase, TaskRecord};
use crate::search::GalleryQuery;
use crate::state::AppState;
use crate::{storage, tasks};

/// Tiles read per page: a few screens of thumbnails.
const PAGE: usize = 48;

/// Task types a filter can pick (wire names, as the cards show them).
const KINDS: &[&str] = &[
    "imagine",
    "upsample",
    "variation",
    "inpaint",
    "reroll",
    "outpaint",
    "pan",
    "upscale",
    "media",
];

/// The gallery view.
#[component]
pub fn Gallery() -> impl IntoView {
    let state = AppState::expect();
    #[cfg(not(feature = "split"))]
    return gallery_view(state);
    // With `split` (the Trunk build) the gallery is a wasm chunk fetched when first opened.
    #[cfg(feature = "split")]
    Suspend::new(async move {
        split_gallery(state).await.unwrap_or_else(|_| {
            view! { <p class="empty error-text" role="alert" data-testid="gallery-failed">{state.text(|t| t.err_network)}</p> }
                .into_any()
        })
    })
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(gallery, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_gallery(state: AppState) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(gallery_view(state))
}

/// What a page of the gallery holds, and what is selected.
#[derive(Clone, Copy)]
struct Shown {
    query: RwSignal<GalleryQuery>,
    items: RwSignal<Vec<TaskRecord>>,
    more: RwSignal<bool>,
    selected: RwSignal<Vec<String>>,
    /// Bumped by every fresh search, so a slow page of an older search is dropped.
    generation: StoredValue<u64>,
}

impl Shown {
    /// Reads the first page again (`reset`) or the next one.
    fn load(self, state: AppState, reset: bool) {
        let query = self.query.get_untracked();
        let before = if reset {
            self.generation.update_value(|g| *g += 1);
            None
        } else {
            self.items
                .with_untracked(|l| l.last().map(|r| (r.created_at, r.id.clone())))
        };
        let generation = self.generation.get_value();
        spawn_local(async move {
            let page = state
                .history()
                .gallery_page(&query, before.as_ref(), PAGE)
                .await
                .unwrap_or_default();
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            self.more.try_set(page.len() == PAGE);
            if reset {
                self.items.try_set(page);
            } else {
                self.items.try_update(|l| l.extend(page));
            }
        });
    }

    fn forget(self, ids: &[String]) {
        self.items.update(|l| l.retain(|r| !ids.contains(&r.id)));
        self.selected.update(|s| s.retain(|id| !ids.contains(id)));
    }
}

fn gallery_view(state: AppState) -> AnyView {
    let shown = Shown {
        query: RwSignal::new(GalleryQuery::default()),
        items: RwSignal::new(Vec::new()),
        more: RwSignal::new(false),
        selected: RwSignal::new(Vec::new()),
        generation: StoredValue::new(0),
    };
    // A task that finishes (or is deleted from the feed) shows up here without a reload.
    let feed_done = Memo::new(move |_| {
        state.tasks.with(|l| {
            l.iter()
                .filter(|r| r.with(|r| r.phase != Phase::Running))
                .count()
        })
    });
    Effect::new(move |_| {
        shown.query.track();
        feed_done.track();
        shown.load(state, true);
    });
    let confirm = move |text: &str| window().confirm_with_message(text).unwrap_or(false);
    let export_selected = move |_| {
        let picked = shown.selected.get_untracked();
        let records: Vec<TaskRecord> = shown.items.with_untracked(|l| {
            l.iter()
                .filter(|r| picked.contains(&r.id))
                .cloned()
                .collect()
        });
        download_text(
            "gptunnel-studio-selection.json",
            &storage::export_json(records),
        );
    };
    let delete_selected = move |_| {
        if !confirm(state.t().delete_selected_confirm) {
            return;
        }
        let ids = shown.selected.get_untracked();
        shown.forget(&ids);
        spawn_local(tasks::delete_tasks(state, ids));
    };
    let count = move || shown.selected.with(Vec::len);

    view! {
        <section class="gallery" data-testid="gallery" aria-label=move || state.t().gallery>
            <Filters state=state query=shown.query/>
            <Show when=move || count() != 0>
                <div class="gallery-selection row wrap" data-testid="gallery-selection">
                    <span data-testid="gallery-selected-count">{state.text(|t| t.selected_count)}": "{count}</span>
                    <button type="button" class="button small" data-testid="gallery-export-selected" on:click=export_selected>{state.text(|t| t.export_selected)}</button>
                    <button type="button" class="button small danger" data-testid="gallery-delete-selected" on:click=delete_selected>{state.text(|t| t.delete_selected)}</button>
                    <button type="button" class="button small ghost" data-testid="gallery-select-none" on:click=move |_| shown.selected.set(Vec::new())>{state.text(|t| t.select_none)}</button>
                </div>
            </Show>
            <Show when=move || shown.items.with(Vec::is_empty)>
                <p class="empty muted" data-testid="gallery-empty">
                    {move || if shown.query.with(|q| *q == GalleryQuery::default()) { state.t().gallery_empty } else { state.t().gallery_no_match }}
                </p>
            </Show>
            <ul class="gallery-grid" role="list">
                <For
                    each=move || shown.items.get()
                    key=|rec| (rec.id.clone(), rec.favourite)
                    children=move |rec| tile(state, shown, rec)
                />
            </ul>
            <Show when=move || shown.more.get()>
                <button type="button" class="button feed-more" data-testid="gallery-more" on:click=move |_| shown.load(state, false)>
                    {state.text(|t| t.gallery_more)}
                </button>
            </Show>
        </section>
    }
    .into_any()
}

/// One thumbnail with its badges, star, delete and select box.
fn tile(state: AppState, shown: Shown, rec: TaskRecord) -> impl IntoView {
    let t = move || state.t();
    let id = rec.id.clone();
    let src = rec.image.as_deref().and_then(safe_http_url);
    let alt = alt_text(&rec.prompt);
    let grid = rec.is_grid();
    let pick = (!rec.label.is_empty()).then(|| action_label(&Action::parse(&rec.label), t()));
    let favourite = rec.favourite;
    let open = {
        let rec = rec.clone();
        move |_| {
            // The viewer shows feed records: an old task joins the feed at its place.
            state.add_new(vec![rec.clone()]);
            state.viewer.set(Some(rec.id.clone()));
        }
    };
    let star = {
        let rec = rec.clone();
        move |_| {
            tasks::set_favourite(state, rec.clone(), !favourite);
            shown.items.update(|l| {
                if let Some(r) = l.iter_mut().find(|r| r.id == rec.id) {
                    r.favourite = !favourite;
                }
            });
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            if window()
                .confirm_with_message(state.t().delete_confirm)
                .unwrap_or(false)
            {
                shown.forget(std::slice::from_ref(&id));
                spawn_local(tasks::delete_tasks(state, vec![id.clone()]));
            }
        }
    };
    let is_selected = {
        let id = id.clone();
        move || shown.selected.with(|s| s.contains(&id))
    };
    let checked = is_selected.clone();
    let toggle = {
        let id = id.clone();
        move |_| {
            shown
                .selected
                .update(|s| match s.iter().position(|x| *x == id) {
                    Some(at) => {
                        s.remove(at);
                    }
                    None => s.push(id.clone()),
                })
        }
    };
    view! {
        <li class="gallery-item" class:selected=is_selected data-testid="gallery-item" data-task-id=id.clone() data-favourite=favourite.to_string()>
            <button type="button" class="thumb" data-testid="gallery-open" aria-label=move || t().open_viewer on:click=open>
                {match src {
                    Some(src) => view! { <img src=src alt=alt loading="lazy" decoding="async"/> }.into_any(),
                    None => view! { <span class="placeholder">{rec.status.clone()}</span> }.into_any(),
                }}
            </button>
            <span class="gallery-badges">
                {grid.then(|| view! { <span class="badge" data-testid="gallery-grid-badge">{move || t().gallery_grid}</span> })}
                {pick.map(|p| view! { <span class="badge accent" data-testid="gallery-pick">{p}</span> })}
            </span>
            <span class="gallery-tools">
                <input type="checkbox" data-testid="gallery-select" aria-label=move || t().select_task prop:checked=checked on:change=toggle/>
                <button type="button" class="icon-button" class:on=favourite data-testid="gallery-favourite" aria-pressed=favourite.to_string()
                    aria-label=move || if favourite { t().favourite_remove } else { t().favourite_add } on:click=star>
                    {if favourite { "★" } else { "☆" }}
                </button>
                <button type="button" class="icon-button" data-testid="gallery-delete" aria-label=move || t().delete_task on:click=delete>"×"</button>
            </span>
        </li>
    }
}

/// The search box and the filters; each change runs a fresh search.
#[component]
fn Filters(state: AppState, query: RwSignal<GalleryQuery>) -> impl IntoView {
    let t = move || state.t();
    let pick = |v: String| (!v.is_empty()).then_some(v);
    let on_model =
        move |ev: leptos::ev::Event| query.update(|q| q.model = pick(event_target_value(&ev)));
    let on_kind =
        move |ev: leptos::ev::Event| query.update(|q| q.kind = pick(event_target_value(&ev)));
    let on_status = move |ev: leptos::ev::Event| {
        let phase = match event_target_value(&ev).as_str() {
            "running" => Some(Phase::Running),
            "failed" => Some(Phase::Failed),
            "done" => Some(Phase::Done),
            _ => None,
        };
        query.update(|q| q.phase = phase);
    };
    let on_from = move |ev: leptos::ev::Event| {
        query.update(|q| q.from = day_start(&event_target_value(&ev), 0.0))
    };
    let on_to = move |ev: leptos::ev::Event| {
        query.update(|q| q.to = day_start(&event_target_value(&ev), 1.0))
    };
    view! {
        <div class="gallery-filters" role="search" data-testid="gallery-filters">
            <input type="search" class="gallery-search" data-testid="gallery-search" aria-label=move || t().gallery_search placeholder=move || t().gallery_search
                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))/>
            <label class="field">{move || t().gallery_model}
                <select data-testid="gallery-model" on:change=on_model>
                    <option value="">{move || t().gallery_any}</option>
                    {model_ids().map(|id| view! { <option value=id>{id}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">{move || t().gallery_type}
                <select data-testid="gallery-type" on:change=on_kind>
                    <option value="">{move || t().gallery_any}</option>
                    {KINDS.iter().map(|k| view! { <option value=*k>{*k}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">{move || t().gallery_status}
                <select data-testid="gallery-status" on:change=on_status>
                    <option value="">{move || t().gallery_finished}</option>
                    <option value="done">{move || t().status_done}</option>
                    <option value="failed">{move || t().status_failed}</option>
                    <option value="running">{move || t().status_running}</option>
                </select>
            </label>
            <label class="field">{move || t().gallery_from}
                <input type="date" data-testid="gallery-from" on:change=on_from/>
            </label>
            <label class="field">{move || t().gallery_to}
                <input type="date" data-testid="gallery-to" on:change=on_to/>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="gallery-favourites" on:change=move |ev| query.update(|q| q.favourites = event_target_checked(&ev))/>
                {move || t().gallery_favourites}
            </label>
        </div>
    }
}

/// Epoch ms of local midnight of a `YYYY-MM-DD` date, `days` later; `None` when empty.
fn day_start(date: &str, days: f64) -> Option<f64> {
    if date.is_empty() {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&format!(
        "{date}T00:00:00"
    )));
    let ms = d.get_time();
    (!ms.is_nan()).then(|| {
        d.set_date(d.get_date() + days as u32);
        d.get_time()
    })
}
