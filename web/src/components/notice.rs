//! The banner above the feed: a refused create, an import result. Text only, dismissible.
use leptos::prelude::*;

use crate::state::AppState;

/// Shows [`AppState::notice`] while it is set.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.notice.get().map(|notice| {
            let class = if notice.is_error {
                "notice error"
            } else {
                "notice"
            };
            let role = if notice.is_error { "alert" } else { "status" };
            view! {
                <div class=class role=role data-testid="notice">
                    <span data-testid="notice-text">{notice.text}</span>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label=move || state.t().close
                        on:click=move |_| state.notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
