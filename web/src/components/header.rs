//! The top bar: the name, the balance with a refresh button, the gallery toggle, the
//! keyboard shortcuts' list and the settings toggle.
use leptos::prelude::*;

use crate::reactive::derived;
use crate::state::{AppState, Page};
use crate::tasks;

/// The top bar. Reads everything from [`AppState`].
#[component]
pub fn Header(
    /// Whether the keyboard shortcuts' list is open (its `?` button opens it).
    shortcuts_open: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let balance_text = derived(move || match state.balance.get() {
        Some(b) => crate::i18n::rubles(b.balance),
        None => "—".to_string(),
    });
    view! {
        <header class="topbar">
            <h1 class="brand">{state.text(|t| t.app_title)}</h1>
            <div class="balance">
                <span class="muted">{state.text(|t| t.balance)}": "</span>
                <strong data-testid="balance">{balance_text}</strong>
                <button
                    type="button"
                    class="icon-button"
                    data-testid="balance-refresh"
                    title=state.text(|t| t.refresh)
                    aria-label=state.text(|t| t.refresh)
                    on:click=move |_| tasks::refresh_balance(state)
                >
                    "↻"
                </button>
            </div>
            <button
                type="button"
                class="button"
                data-testid="gallery-toggle"
                aria-pressed=derived(move || (state.page.get() == Page::Gallery).to_string())
                on:click=move |_| state.page.update(|page| {
                    *page = match page {
                        Page::Feed => Page::Gallery,
                        Page::Gallery => Page::Feed,
                    }
                })
            >
                {state.text(|t| t.gallery)}
            </button>
            <button
                type="button"
                class="icon-button"
                data-testid="shortcuts-open"
                title=state.text(|t| t.shortcuts)
                aria-label=state.text(|t| t.shortcuts)
                aria-keyshortcuts="?"
                on:click=move |_| shortcuts_open.set(true)
            >
                "?"
            </button>
            <button
                type="button"
                class="button"
                data-testid="settings-toggle"
                aria-expanded=derived(move || state.show_settings.get().to_string())
                aria-controls="settings-panel"
                on:click=move |_| state.show_settings.update(|open| *open = !*open)
            >
                "⚙ "
                {state.text(|t| t.settings)}
            </button>
        </header>
    }
}
