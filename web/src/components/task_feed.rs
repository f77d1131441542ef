//! The feed: every task, newest first. It renders the tasks read so far (the running ones and
//! the newest pages of history) and reads the next page from IndexedDB when its end comes
//! near the screen, so a long history costs what one screenful costs. Not a live region:
//! `Announcer` says what changes.
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::demo_button::DemoButton;
use crate::components::task_card::TaskCard;
use crate::reactive::{effect, show};
use crate::state::AppState;
use crate::tasks;

/// How far below the screen the feed's end may be for the next page to be read (pixels):
/// about two screens, so scrolling rarely reaches it.
const LOOKAHEAD_PX: f64 = 1600.0;

/// Reads pages of history while the feed's end is near the screen.
fn load_while_near(state: AppState, end: NodeRef<Div>) {
    let more = state.more_history.try_get_untracked().unwrap_or(false);
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let near = end
        .try_get_untracked()
        .flatten()
        .is_some_and(|el| el.get_bounding_client_rect().top() < height + LOOKAHEAD_PX);
    if more && near {
        spawn_local(async move {
            if tasks::load_page(state).await {
                // After the page is drawn: still near (a tall screen)? Read another.
                request_animation_frame(move || load_while_near(state, end));
            }
        });
    }
}

/// The list of task cards (or a hint when there is none).
#[component]
pub fn TaskFeed() -> impl IntoView {
    let state = AppState::expect();
    let end = NodeRef::<Div>::new();
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| load_while_near(state, end));
    let on_resize = window_event_listener(leptos::ev::resize, move |_| load_while_near(state, end));
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    effect(move || {
        if state.more_history.get() {
            request_animation_frame(move || load_while_near(state, end));
        }
    });
    view! {
        <section class="feed" data-testid="feed" aria-label=state.text(|t| t.tasks)>
            {show(move || state.tasks.with(|t| t.is_empty()), move || view! {
                <p class="empty muted" data-testid="feed-empty">{state.text(|t| t.feed_empty)}</p>
                <DemoButton/>
            }.into_any())}
            <For
                each=move || state.tasks.get()
                key=|rec| rec.with_untracked(|r| r.id.clone())
                children=move |rec| view! { <TaskCard rec=rec/> }
            />
            {show(move || state.more_history.get(), move || view! {
                <div node_ref=end data-testid="feed-more" aria-hidden="true"></div>
            }.into_any())}
        </section>
    }
}
