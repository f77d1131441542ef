//! The banner shown in demo mode, with the way back.
use leptos::prelude::*;

use crate::demo;
use crate::reactive::show;
use crate::state::AppState;

/// "Demo — images are generated locally, nothing is charged" and "Leave the demo".
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = AppState::expect();
    view! {
        {show(move || demo::is_demo(state), move || view! {
            {demo::keep_worker_alive()}
            <div class="demo-banner" role="status" data-testid="demo-banner">
                <span>{state.text(|t| t.demo_banner)}</span>
                <button
                    type="button"
                    class="button"
                    data-testid="demo-leave"
                    on:click=move |_| demo::stop(state)
                >
                    {state.text(|t| t.demo_leave)}
                </button>
            </div>
        }.into_any())}
    }
}
