//! "Vary region": the mask editor, a modal dialog over an upsampled image.
//!
//! Paint what should be regenerated with a brush, eraser, rectangle or lasso; undo, redo,
//! invert, clear; zoom with the wheel or a pinch and pan with Space-drag or two fingers. The
//! mask is a `gptunnel::mask::Mask` exactly the size of the image, edited one model call per
//! pointer event with only the changed rectangle redrawn, and encoded to PNG once, on submit,
//! for `tasks::run_inpaint`.
//!
//! Parts: `body` (the editor's markup and submit), `toolbar`, `gesture` (the pure pointer
//! gesture state machine: mouse, pen, touch, pinch), `pointer` (its DOM adapter), `editor`
//! (shared state), `canvas` (mask + overlay canvas), `history` (gestures as undo units),
//! `view` (zoom/pan maths), `tools`, `keys` (shortcuts), `keyrect` (a rectangle
//! from the keyboard alone), `icons`, `strings` (English and
//! Russian).
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::safe_http_url;
use crate::state::AppState;
use crate::tasks;

mod body;
mod canvas;
mod editor;
mod gesture;
mod history;
mod icons;
mod keyrect;
mod keys;
mod pointer;
mod strings;
mod toolbar;
mod tools;
mod view;

pub use body::MaskEditorBody;
pub use canvas::OVERLAY_COLOUR;
pub use strings::{mask_strings, MaskStrings};

/// The region editor dialog, open while [`AppState::mask_for`] names a task.
///
/// A native modal `<dialog>`: the page behind is inert, Tab stays inside, Escape closes it,
/// and closing gives focus back to the button that opened it.
#[component]
pub fn MaskEditor() -> impl IntoView {
    let state = AppState::expect();
    let s = strings::current();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let close = Callback::new(move |()| state.mask_for.set(None));

    Effect::new(move |_| {
        let open = state.mask_for.get().is_some();
        if let Some(el) = dialog.get() {
            if open && !el.open() {
                apply_style();
                let _ = el.show_modal();
                // Without `split` the content mounts with the same change: focus its
                // first tool once it has (the lazy editor does this once its chunk is in).
                request_animation_frame(move || focus_first_control(dialog));
            } else if !open && el.open() {
                el.close();
            }
        }
    });

    let content = move || {
        let id = state.mask_for.get()?;
        let src = state
            .find(&id)
            .and_then(|r| r.with_untracked(|r| r.image.as_deref().and_then(safe_http_url)));
        Some(match src {
            Some(src) => editor(state, id, src, close, dialog),
            None => view! {
                <div class="mask-editor mask-missing">
                    <h2 id="mask-title">{move || s().title}</h2>
                    <p>{move || s().no_image}</p>
                    <CloseButton close=close/>
                </div>
            }
            .into_any(),
        })
    };

    view! {
        <dialog
            class="mask-dialog"
            data-testid="mask-editor"
            node_ref=dialog
            aria-labelledby="mask-title"
            on:close=move |_| state.mask_for.set(None)
        >
            {content}
        </dialog>
    }
}

/// The id of web/mask_editor.css's `<link>` in index.html. It matches no media until the
/// editor first opens, so the page's first paint does not wait for it (issue 12).
const STYLE_ID: &str = "mask-editor-style";

fn apply_style() {
    if let Some(link) = document().get_element_by_id(STYLE_ID) {
        let _ = link.set_attribute("media", "all");
    }
}

fn focus_first_control(dialog: NodeRef<leptos::html::Dialog>) {
    let target = dialog.get_untracked().and_then(|d| {
        d.query_selector("[data-testid=mask-tool-brush], button")
            .ok()
            .flatten()
    });
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
fn CloseButton(close: Callback<()>) -> impl IntoView {
    let s = strings::current();
    view! {
        <button type="button" class="button" data-testid="mask-editor-close" on:click=move |_| close.run(())>
            {move || s().close}
        </button>
    }
}

/// The editor proper for task `id`'s image `src`: the body, submitting through
/// [`tasks::run_inpaint`].
fn body(state: AppState, id: String, src: String, close: Callback<()>) -> AnyView {
    let s = strings::current();
    let on_submit = move |mask: String, prompt: Option<String>| {
        let parent = state.find(&id).map(|r| r.get_untracked());
        async move {
            let Some(parent) = parent else {
                return Err(s().no_image.to_string());
            };
            state.notice.set(None);
            tasks::run_inpaint(state, parent, mask, prompt).await;
            match state.notice.get_untracked() {
                Some(notice) if notice.is_error => Err(notice.text),
                _ => Ok(()),
            }
        }
    };
    view! { <MaskEditorBody src=src on_submit=on_submit on_close=close/> }.into_any()
}

/// Without `split` (tests, plain builds) the editor is in the main wasm.
#[cfg(not(feature = "split"))]
fn editor(
    state: AppState,
    id: String,
    src: String,
    close: Callback<()>,
    _dialog: NodeRef<leptos::html::Dialog>,
) -> AnyView {
    body(state, id, src, close)
}

/// With `split` (the Trunk build, split by `web/split-wasm.sh`), [`body`] and all only it
/// needs (the editor, the mask model, the PNG encoder) are a wasm chunk fetched the first time
/// the editor opens, off the first load. A failed fetch says so; reopening tries again.
#[cfg(feature = "split")]
fn editor(
    state: AppState,
    id: String,
    src: String,
    close: Callback<()>,
    dialog: NodeRef<leptos::html::Dialog>,
) -> AnyView {
    let s = strings::current();
    Suspend::new(async move {
        match split_body(state, id, src, close).await {
            Ok(view) => {
                request_animation_frame(move || focus_first_control(dialog));
                view
            }
            Err(_) => view! {
                <div class="mask-editor mask-missing">
                    <h2 id="mask-title">{move || s().title}</h2>
                    <p role="alert">{move || s().editor_failed}</p>
                    <CloseButton close=close/>
                </div>
            }
            .into_any(),
        }
    })
    .into_any()
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(mask_editor, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_body(
    state: AppState,
    id: String,
    src: String,
    close: Callback<()>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(body(state, id, src, close))
}
