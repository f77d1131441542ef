//! The banner above the feed: a refused create, an import result. Text only, dismissible; a
//! create whose outcome is unknown also offers to refresh the balance (was it charged?).
use leptos::prelude::*;

use crate::state::AppState;
use crate::tasks;

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
                    {notice.offer_balance_refresh.then(|| view! {
                        <button
                            type="button"
                            class="button small"
                            data-testid="notice-refresh-balance"
                            on:click=move |_| tasks::refresh_balance(state)
                        >
                            {state.text(|t| t.refresh_balance)}
                        </button>
                    })}
                    <button
                        type="button"
                        class="icon-button"
                        data-testid="notice-close"
                        aria-label=state.text(|t| t.close)
                        on:click=move |_| state.notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
