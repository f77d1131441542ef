//! The whole page: provides [`AppState`], keeps settings stored, loads history and resumes
//! running tasks, keeps the URL, theme and shortcuts in step, then lays out the header,
//! settings, prompt bar and feed (and the first visit's welcome).
use std::time::Duration;

use leptos::prelude::*;

use crate::components::demo_banner::DemoBanner;
use crate::components::{
    announcer::Announcer,
    gallery::Gallery,
    header::Header,
    history_tools::{HistoryTools, PausedNotice},
    mask_editor::MaskEditor,
    notice::NoticeBanner,
    prompt_bar::PromptBar,
    settings::SettingsPanel,
    shortcuts_help::ShortcutsHelp,
    task_feed::TaskFeed,
    viewer::Viewer,
    welcome::{self, Welcome},
};
use crate::first_paint::after_next_paint;
use crate::reactive::{effect, show};
use crate::state::{AppState, Page};
use crate::{notify, route, shortcuts, storage, tasks, theme};

/// The studio.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(storage::load_settings(), storage::load_api_key());
    provide_context(state);
    // A first visit starts with the welcome alone, which leads on to the settings.
    let first_visit = !welcome::welcomed();
    if first_visit {
        state.show_settings.set(false);
    }

    effect(move || {
        let tag = state.settings.with(|s| s.lang).tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    // What the first view does not need starts once it is painted: the first call of any code
    // costs its compilation, on the main thread, before the prompt bar appears (issue 12). That
    // includes everything below the prompt bar (notices, feed, history tools): built a frame
    // later, it moves nothing already on screen. `main` −5.4 ms (24 loads; README §3).
    let below_shown = RwSignal::new(false);
    after_next_paint(move || {
        below_shown.set(true);
        save_settings_on_change(state);
        start_clock(state);
        notify::install(state);
    });
    tasks::start(state);
    theme::install(state);
    route::install(state);
    let shortcuts_open = RwSignal::new(false);
    shortcuts::install(state, shortcuts_open);

    let below = move || {
        view! {
            <NoticeBanner/>
            <PausedNotice/>
            {move || match state.page.get() {
                Page::Feed => view! { <TaskFeed/> }.into_any(),
                Page::Gallery => view! { <Gallery/> }.into_any(),
            }}
            <Announcer/>
            <HistoryTools/>
        }
        .into_any()
    };
    view! {
        <Header shortcuts_open=shortcuts_open/>
        <DemoBanner/>
        <SettingsPanel/>
        <main class="main">
            <PromptBar on_submit=move |submission| tasks::create(state, submission)/>
            {show(move || below_shown.get(), below)}
        </main>
        <Viewer/>
        <MaskEditor/>
        <ShortcutsHelp open=shortcuts_open/>
        <Welcome first_visit=first_visit/>
    }
}

/// Settings and key follow every change into storage (the key never into IndexedDB). The
/// first run only subscribes: what was just read needs no writing back.
fn save_settings_on_change(state: AppState) {
    let mut first = true;
    effect(move || {
        let settings = state.settings.get();
        let key = state.api_key.get();
        if !std::mem::take(&mut first) {
            storage::save_settings(&settings);
            storage::save_api_key(&key, settings.remember_key);
        }
    });
}

/// The clock ticks while the app lives; its owner clears the interval.
fn start_clock(state: AppState) {
    if let Ok(clock) = set_interval_with_handle(
        move || state.now.set(js_sys::Date::now()),
        Duration::from_secs(1),
    ) {
        on_cleanup(move || clock.clear());
    }
}
