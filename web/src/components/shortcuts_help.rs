//! The list of keyboard shortcuts (`?`): a modal `<dialog>`; Escape or the button closes it.
use leptos::prelude::*;

use crate::i18n::Strings;
use crate::state::AppState;

/// Picks a string of the current language.
type Pick = fn(&Strings) -> &'static str;

/// Each shortcut: its keys and what it does.
const KEYS: [(&str, Pick); 7] = [
    ("/", |s| s.shortcut_prompt),
    ("1 2 3 4", |s| s.shortcut_pick),
    ("U", |s| s.shortcut_upscale),
    ("V", |s| s.shortcut_vary),
    ("G", |s| s.shortcut_gallery),
    ("?", |s| s.shortcut_help),
    ("Esc", |s| s.shortcut_close),
];

/// The dialog, open while `open` is true. With `split` (the Trunk build) its code is a wasm
/// chunk fetched when it first opens; a failed fetch closes it and says so.
#[component]
pub fn ShortcutsHelp(
    /// Whether the list is shown; set back to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    #[cfg(not(feature = "split"))]
    return help_dialog(state, open);
    #[cfg(feature = "split")]
    crate::components::lazy::mount_when_wanted(
        move || open.get(),
        move || split_help(state, open),
        move || {
            open.set(false);
            state.notify(true, state.t().err_network);
        },
    )
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(shortcuts_help, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_help(
    state: AppState,
    open: RwSignal<bool>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(help_dialog(state, open))
}

fn help_dialog(state: AppState, open: RwSignal<bool>) -> AnyView {
    let t = move || state.t();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        if let Some(el) = dialog.get() {
            if want && !el.open() {
                let _ = el.show_modal();
            } else if !want && el.open() {
                el.close();
            }
        }
    });
    view! {
        <dialog
            class="panel shortcuts-help"
            data-testid="shortcuts-help"
            node_ref=dialog
            aria-labelledby="shortcuts-title"
            on:close=move |_| open.set(false)
        >
            <h2 id="shortcuts-title">{state.text(|t| t.shortcuts)}</h2>
            <dl class="shortcut-list">
                {KEYS.into_iter().map(|(keys, what)| view! {
                    <div class="shortcut">
                        <dt><kbd>{keys}</kbd></dt>
                        <dd>{move || what(t())}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <button type="button" class="button primary" data-testid="shortcuts-close" on:click=move |_| open.set(false)>
                {state.text(|t| t.close)}
            </button>
        </dialog>
    }
    .into_any()
}
