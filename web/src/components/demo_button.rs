//! "Try the demo": starts the demo mode (see `demo`). Hidden while in it.
use leptos::prelude::*;

use crate::demo;
use crate::reactive::{derived, show};
use crate::state::AppState;

/// The button; disabled while the demo's worker starts.
#[component]
pub fn DemoButton() -> impl IntoView {
    let state = AppState::expect();
    let starting = RwSignal::new(false);
    view! {
        {show(move || !demo::is_demo(state), move || view! {
            <button
                type="button"
                class="button demo-try"
                data-testid="demo-try"
                prop:disabled=derived(move || starting.get())
                on:click=move |_| demo::start(state, starting)
            >
                {derived(move || if starting.get() { state.t().demo_starting } else { state.t().demo_try })}
            </button>
        }.into_any())}
    }
}
