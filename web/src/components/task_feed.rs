//! The feed: every task, newest first. Not a live region: `Announcer` says what changes.
use leptos::prelude::*;

use crate::components::task_card::TaskCard;
use crate::state::AppState;

/// The list of task cards (or a hint when there is none).
#[component]
pub fn TaskFeed() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="feed" data-testid="feed" aria-label=move || state.t().tasks>
            <Show when=move || state.tasks.with(|t| t.is_empty())>
                <p class="empty muted" data-testid="feed-empty">{move || state.t().feed_empty}</p>
            </Show>
            <For
                each=move || state.tasks.get()
                key=|rec| rec.with_untracked(|r| r.id.clone())
                children=move |rec| view! { <TaskCard rec=rec/> }
            />
        </section>
    }
}
