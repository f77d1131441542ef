//! "Try the demo": starts the demo mode (see `demo`). Hidden while in it.
use leptos::prelude::*;

use crate::demo;
use crate::state::AppState;

/// The button; disabled while the demo's worker starts.
#[component]
pub fn DemoButton() -> impl IntoView {
    let state = AppState::expect();
    let starting = RwSignal::new(false);
    view! {
        <Show when=move || !demo::is_demo(state)>
            <button
                type="button"
                class="button demo-try"
                data-testid="demo-try"
                prop:disabled=move || starting.get()
                on:click=move |_| demo::start(state, starting)
            >
                {move || if starting.get() { state.t().demo_starting } else { state.t().demo_try }}
            </button>
        </Show>
    }
}
