//! "Vary region": the mask editor. PLACEHOLDER — a later job paints the mask here.
//!
//! The hook: `AppState::mask_for` holds the id of the (upsampled) task to edit while the
//! dialog is open. The finished editor should build a black-and-white PNG the size of that
//! task's image (white = regenerate) and call
//! `crate::tasks::run_step(state, task_id, Step::Inpaint { mask_b64, prompt })`,
//! then clear `mask_for`.
use leptos::prelude::*;

use crate::state::AppState;

/// The region editor dialog, open while [`AppState::mask_for`] is set.
#[component]
pub fn MaskEditor() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.mask_for.get().map(|task_id| {
            view! {
                <div class="overlay" data-testid="mask-editor" role="dialog" aria-modal="true" aria-labelledby="mask-title">
                    <div class="panel dialog-body">
                        <h2 id="mask-title">{move || state.t().mask_title}</h2>
                        <p class="muted">{move || state.t().mask_placeholder}</p>
                        <p class="muted mono">{task_id}</p>
                        <button
                            type="button"
                            class="button"
                            data-testid="mask-editor-close"
                            on:click=move |_| state.mask_for.set(None)
                        >
                            {move || state.t().close}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
