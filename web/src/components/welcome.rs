//! The first visit's welcome: what the studio is, where to get a key, that the key stays in
//! this browser, what each action costs, and what to do when the browser refuses the API
//! (CORS). A modal `<dialog>` shown until it is closed once (any way: a button or Escape),
//! then never again in this browser (a flag in localStorage). It comes just after the page's
//! first paint and alone: the settings panel follows it.
use leptos::prelude::*;

use crate::components::demo_button::DemoButton;
use crate::first_paint::after_next_paint;
use crate::state::AppState;

/// The localStorage flag set when the welcome is closed. The e2e harness sets it too, so
/// flows other than the first visit start past the welcome.
const WELCOMED_KEY: &str = "gptunnel-studio.welcomed";

/// The provider's site: its documentation's "С чего начать?" (Getting started) says how to
/// get an API key; the docs give no deeper URL for it.
const KEY_PAGE: &str = "https://gptunnel.ru/";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether the welcome was already closed in this browser (a storage refusal counts as
/// welcomed: better no welcome than one on every load).
pub fn welcomed() -> bool {
    local().is_none_or(|s| s.get_item(WELCOMED_KEY).ok().flatten().is_some())
}

fn remember_welcomed() {
    if let Some(storage) = local() {
        let _ = storage.set_item(WELCOMED_KEY, "1");
    }
}

/// The welcome dialog on a `first_visit` (see [`welcomed`]); nothing otherwise. With `split`
/// (the Trunk build) its code is a wasm chunk, fetched when it opens: only a first visit needs
/// it. Without that chunk (no network) there is no welcome this time; it comes next visit.
#[component]
pub fn Welcome(first_visit: bool) -> impl IntoView {
    let state = AppState::expect();
    // Built and opened after the page's first paint: showModal (and the autofocus in it)
    // would lay the whole page out at once and hold that first frame back.
    let open = RwSignal::new(false);
    if first_visit {
        after_next_paint(move || open.set(true));
    }
    #[cfg(not(feature = "split"))]
    return welcome_dialog(state, open);
    #[cfg(feature = "split")]
    crate::components::lazy::mount_when_wanted(
        move || open.get(),
        move || split_welcome(state, open),
        move || open.set(false),
    )
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(welcome, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_welcome(
    state: AppState,
    open: RwSignal<bool>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(welcome_dialog(state, open))
}

/// Focuses the settings' key field once it is in the page: the panel's code may still be on
/// its way. Gives up after about two seconds of frames.
fn focus_key_field(frames_left: u32) {
    request_animation_frame(move || {
        let field = document()
            .get_element_by_id("api-key")
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
        match field {
            Some(el) => {
                let _ = el.focus();
            }
            None if frames_left > 0 => focus_key_field(frames_left - 1),
            None => {}
        }
    });
}

fn welcome_dialog(state: AppState, open: RwSignal<bool>) -> AnyView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            if open.get() && !el.open() {
                let _ = el.show_modal();
            } else if !open.get() && el.open() {
                el.close();
            }
        }
    });
    // Closing it (a button or Escape) leads on to the settings while there is no key; the
    // demo button starts the demo instead, and "Enter my key" opens them itself.
    let dismiss = move |then_settings: bool| {
        if !open.get_untracked() {
            return;
        }
        remember_welcomed();
        open.set(false);
        if then_settings && state.api_key.with_untracked(String::is_empty) {
            state.show_settings.set(true);
        }
    };
    let enter_key = move |_| {
        dismiss(false);
        state.show_settings.set(true);
        // After the dialog has closed and the panel is drawn.
        focus_key_field(120);
    };

    view! {
        <Show when=move || open.get()>
            <dialog
                class="panel welcome"
                data-testid="welcome"
                node_ref=dialog
                aria-labelledby="welcome-title"
                on:close=move |_| dismiss(true)
            >
                <h2 id="welcome-title">{state.text(|t| t.welcome_title)}</h2>
                <p>{state.text(|t| t.welcome_what)}</p>
                <p>
                    {state.text(|t| t.welcome_key_before)}
                    <a href=KEY_PAGE target="_blank" rel="noopener noreferrer" data-testid="welcome-key-link">
                        {state.text(|t| t.welcome_key_link)}
                    </a>
                    {state.text(|t| t.welcome_key_after)}
                </p>
                <p>{state.text(|t| t.welcome_private)}</p>
                <p class="welcome-costs-title">{state.text(|t| t.welcome_costs_title)}</p>
                <ul class="welcome-costs" data-testid="welcome-costs">
                    <li>{state.text(|t| t.welcome_cost_create)}</li>
                    <li>{state.text(|t| t.welcome_cost_upsample)}</li>
                    <li>{state.text(|t| t.welcome_cost_other)}</li>
                </ul>
                <p class="hint">{state.text(|t| t.welcome_cors)}</p>
                <div class="row wrap">
                    <button
                        type="button"
                        class="button primary"
                        data-testid="welcome-enter-key"
                        autofocus=true
                        on:click=enter_key
                    >
                        {state.text(|t| t.welcome_enter_key)}
                    </button>
                    // The demo button starts the demo itself; the welcome then gets out of its way.
                    <span on:click=move |_| dismiss(false)>
                        <DemoButton/>
                    </span>
                    <button type="button" class="button" data-testid="welcome-close" on:click=move |_| dismiss(true)>
                        {state.text(|t| t.close)}
                    </button>
                </div>
            </dialog>
        </Show>
    }
    .into_any()
}
