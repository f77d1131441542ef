//! The banner shown in demo mode, with the way back.
use leptos::prelude::*;

use crate::demo;
use crate::state::AppState;

/// "Demo — images are generated locally, nothing is charged" and "Leave the demo".
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <Show when=move || demo::is_demo(state)>
            {demo::keep_worker_alive()}
            <div class="demo-banner" role="status" data-testid="demo-banner">
                <span>{move || state.t().demo_banner}</span>
                <button
                    type="button"
                    class="button"
                    data-testid="demo-leave"
                    on:click=move |_| demo::stop(state)
                >
                    {move || state.t().demo_leave}
                </button>
            </div>
        </Show>
    }
}
