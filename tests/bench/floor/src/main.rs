//! The benchmark floor: one button, mounted the way the studio mounts its app.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let clicks = RwSignal::new(0u32);
        view! {
            <button type="button" data-testid="ready" on:click=move |_| clicks.update(|n| *n += 1)>
                {move || clicks.get()}
            </button>
        }
    });
}
