//! Links and the Back button: the URL's hash names the open view, kept in step with the
//! signals components already use (`page`, `show_settings`, `viewer`, `mask_for`).
//!
//! Routes: `#/` feed, `#/gallery`, `#/settings`, `#/task/<id>` (viewer), `#/task/<id>/edit`
//! (mask editor). Hash routes because a static host (GitHub Pages) has no fallback to
//! index.html and the studio may live under any sub-path: only the fragment changes, so the
//! page's own path is never touched.
//!
//! Why not `leptos_router` 0.8.13: its `<Router>` builds a `BrowserUrl` (path routing through
//! `pushState`) with no way to plug in another `LocationProvider` (its router context is
//! crate-private; hash routing is the open leptos issue #2184), and a throwaway Leptos app
//! built like the studio grew by 56.6 KiB gzip with it (README, "Studio links…"), against a
//! 15 KiB budget, for routes we would still have to map onto these signals. This module is
//! one effect and one `popstate` listener.
//!
//! Opening a view pushes a history entry; closing it by the UI goes back to the entry it was
//! opened from (so Back and the close button agree, and Back never leaves the app from an
//! open view). Each entry we push records the hash it was pushed from in `history.state`.
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::reactive::effect;
use crate::state::{AppState, Page};

/// A view the URL can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/` (or no hash).
    Feed,
    /// `#/gallery`.
    Gallery,
    /// `#/settings`.
    Settings,
    /// `#/task/<id>`: the viewer on that task.
    Task(String),
    /// `#/task/<id>/edit`: the mask editor on that task.
    Edit(String),
}

impl Route {
    /// Reads a location hash (`#/task/abc`); anything unknown is the feed.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let id = |raw: &str| {
            js_sys::decode_uri_component(raw)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| raw.to_string())
        };
        match parts.as_slice() {
            ["gallery"] => Route::Gallery,
            ["settings"] => Route::Settings,
            ["task", raw] => Route::Task(id(raw)),
            ["task", raw, "edit"] => Route::Edit(id(raw)),
            _ => Route::Feed,
        }
    }

    /// The hash for this route (relative: the page's path is kept).
    pub fn to_hash(&self) -> String {
        let id = |id: &str| String::from(js_sys::encode_uri_component(id));
        match self {
            Route::Feed => "#/".into(),
            Route::Gallery => "#/gallery".into(),
            Route::Settings => "#/settings".into(),
            Route::Task(task) => format!("#/task/{}", id(task)),
            Route::Edit(task) => format!("#/task/{}/edit", id(task)),
        }
    }

    /// What the signals show, the most in front first (editor, viewer, settings, page).
    fn of_state(state: AppState) -> Route {
        if let Some(id) = state.mask_for.get() {
            Route::Edit(id)
        } else if let Some(id) = state.viewer.get() {
            Route::Task(id)
        } else if state.show_settings.get() {
            Route::Settings
        } else if state.page.get() == Page::Gallery {
            Route::Gallery
        } else {
            Route::Feed
        }
    }
}

/// Opens what the URL names (at start and on Back/Forward), then keeps the URL following the
/// signals. Call once, from `App`.
pub fn install(state: AppState) {
    // While a linked task is being read from history, the signals do not name it yet: the
    // URL must not follow them meanwhile.
    let loading = RwSignal::new(false);
    // Between a `history.back()` and its `popstate` the URL still shows the view being closed:
    // a second change meanwhile (a dialog's close event after its button) must not go back
    // again, which could leave the app.
    let going_back = StoredValue::new(false);
    // The feed is what the app starts on anyway (with the settings open when there is no key
    // yet): only a link to something else is opened.
    let linked = Route::parse(&current_hash());
    if linked != Route::Feed {
        show(state, loading, linked);
    }

    let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
        going_back.set_value(false);
        show(state, loading, Route::parse(&current_hash()));
    });
    on_cleanup(move || on_pop.remove());

    effect(move || {
        let wanted = Route::of_state(state);
        if loading.get() || going_back.get_value() {
            return;
        }
        let here = Route::parse(&current_hash());
        if wanted != here && follow(&here, &wanted) {
            going_back.set_value(true);
        }
    });
}

/// Sets `signal` only when it changes: a signal set to the value it has still re-renders what
/// reads it (the whole feed, for `page`), which would lose the keyboard focus.
fn change<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// Sets the signals to show `route`. A task not in the feed is read from history first.
fn show(state: AppState, loading: RwSignal<bool>, route: Route) {
    match route {
        Route::Feed | Route::Gallery => {
            change(state.mask_for, None);
            change(state.viewer, None);
            change(state.show_settings, false);
            let page = if route == Route::Gallery {
                Page::Gallery
            } else {
                Page::Feed
            };
            change(state.page, page);
        }
        Route::Settings => {
            change(state.mask_for, None);
            change(state.viewer, None);
            change(state.show_settings, true);
        }
        Route::Task(id) | Route::Edit(id) if state.find(&id).is_none() => {
            loading.set(true);
            leptos::task::spawn_local(async move {
                let found = state.history().load_task(&id).await.ok().flatten();
                let route = Route::parse(&current_hash());
                match found {
                    Some(rec) => {
                        state.add_new(vec![rec]);
                        open_task(state, route);
                    }
                    None => {
                        let t = state.t();
                        state.notify(true, format!("{} {id}", t.link_task_missing));
                        replace(&Route::Feed);
                        show(state, loading, Route::Feed);
                    }
                }
                loading.try_set(false);
            });
        }
        route => open_task(state, route),
    }
}

/// Opens the viewer or the editor on a task that is in the feed.
fn open_task(state: AppState, route: Route) {
    match route {
        Route::Task(id) => {
            change(state.mask_for, None);
            change(state.viewer, Some(id));
        }
        Route::Edit(id) => {
            change(state.viewer, None);
            change(state.mask_for, Some(id));
        }
        _ => {}
    }
}

/// Moves the URL from `here` to `wanted`: back to the entry `here` was opened from when
/// `wanted` is that entry (a close), else a new entry (an open). Returns whether it went back
/// (the URL changes later, on `popstate`).
fn follow(here: &Route, wanted: &Route) -> bool {
    let Ok(history) = window().history() else {
        return false;
    };
    let opened_from = history
        .state()
        .ok()
        .and_then(|s| s.as_string())
        .map(|hash| Route::parse(&hash));
    if opened_from.as_ref() == Some(wanted) {
        history.back().is_ok()
    } else {
        let from = JsValue::from_str(&here.to_hash());
        let _ = history.push_state_with_url(&from, "", Some(&wanted.to_hash()));
        false
    }
}

/// Rewrites the current entry's URL (a link to nothing is not kept).
fn replace(route: &Route) {
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&route.to_hash()));
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}
