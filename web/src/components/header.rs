//! The top bar: the name, the balance with a refresh button, and the settings toggle.
use leptos::prelude::*;

use crate::state::AppState;
use crate::tasks;

/// The top bar. Reads everything from [`AppState`].
#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::expect();
    let balance_text = move || match state.balance.get() {
        Some(b) => format!("{:.2} ₽", b.balance),
        None => "—".to_string(),
    };
    view! {
        <header class="topbar">
            <h1 class="brand">{move || state.t().app_title}</h1>
            <div class="balance">
                <span class="muted">{move || state.t().balance}": "</span>
                <strong data-testid="balance">{balance_text}</strong>
                <button
                    type="button"
                    class="icon-button"
                    data-testid="balance-refresh"
                    title=move || state.t().refresh
                    aria-label=move || state.t().refresh
                    on:click=move |_| tasks::refresh_balance(state)
                >
                    "↻"
                </button>
            </div>
            <button
                type="button"
                class="button"
                data-testid="settings-toggle"
                aria-expanded=move || state.show_settings.get().to_string()
                aria-controls="settings-panel"
                on:click=move |_| state.show_settings.update(|open| *open = !*open)
            >
                "⚙ "
                {move || state.t().settings}
            </button>
        </header>
    }
}
