//! The gallery: every finished image in the feed as a grid of thumbnails, newest first. A
//! thumbnail opens the full-size viewer.
use leptos::prelude::*;

use crate::labels::alt_text;
use crate::model::{safe_http_url, Phase};
use crate::state::AppState;

/// The thumbnails of finished tasks (or a hint when there is none).
#[component]
pub fn Gallery() -> impl IntoView {
    let state = AppState::expect();
    let finished = Memo::new(move |_| {
        state.tasks.with(|tasks| {
            tasks
                .iter()
                .filter(|rec| rec.with(|r| r.phase == Phase::Done && r.image.is_some()))
                .copied()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="gallery" data-testid="gallery" aria-label=move || state.t().gallery>
            <Show when=move || finished.with(|f| f.is_empty())>
                <p class="empty muted" data-testid="gallery-empty">{state.text(|t| t.gallery_empty)}</p>
            </Show>
            <ul class="gallery-grid" role="list">
                <For
                    each=move || finished.get()
                    key=|rec| rec.with_untracked(|r| r.id.clone())
                    children=move |rec| {
                        let id = rec.with_untracked(|r| r.id.clone());
                        let src = move || rec.with(|r| r.image.as_deref().and_then(safe_http_url));
                        let alt = move || rec.with(|r| alt_text(&r.prompt));
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="thumb"
                                    data-testid="gallery-item"
                                    on:click=move |_| state.viewer.set(Some(id.clone()))
                                >
                                    <img src=src alt=alt loading="lazy" decoding="async"/>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
