//! The full-size viewer: a modal `<dialog>` with the image, download (saved under a name made
//! of the prompt and task id, see `download`), copy and re-use prompt.
use leptos::prelude::*;

use crate::download::{save_image, Saved};
use crate::labels::alt_text;
use crate::model::safe_http_url;
use crate::state::AppState;

/// Copies `text` to the clipboard; `copied` turns true when it worked.
pub fn copy_text(text: String, copied: RwSignal<bool>) {
    let promise = window().navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            copied.set(true);
            // One-shot; the signal may be gone by then (try_set).
            set_timeout(
                move || {
                    copied.try_set(false);
                },
                std::time::Duration::from_secs(2),
            );
        }
    });
}

/// Puts `prompt` back in the prompt bar and focuses it (on the next frame: after the viewer,
/// if open, has closed and handed focus back to its opener).
pub fn reuse_prompt(state: AppState, prompt: String) {
    state.prompt_draft.set(prompt);
    state.viewer.set(None);
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("prompt") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// The viewer dialog, open while [`AppState::viewer`] names a task.
///
/// Its content is built once per opened task and only its image, text and link follow polls,
/// so keyboard focus stays where it is; closing gives focus back to the element that opened it.
/// With `split` (the Trunk build) its code is a wasm chunk fetched when a first image is
/// opened; a failed fetch closes it and says so.
#[component]
pub fn Viewer() -> impl IntoView {
    let state = AppState::expect();
    #[cfg(not(feature = "split"))]
    return viewer_dialog(state);
    #[cfg(feature = "split")]
    crate::components::lazy::mount_when_wanted(
        move || state.viewer.get().is_some(),
        move || split_viewer(state),
        move || {
            state.viewer.set(None);
            state.notify(true, state.t().err_network);
        },
    )
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(viewer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_viewer(state: AppState) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(viewer_dialog(state))
}

fn viewer_dialog(state: AppState) -> AnyView {
    let t = move || state.t();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let copied = RwSignal::new(false);
    // Said in the viewer (the page's notice is behind the modal) when the download fell back.
    let in_tab = RwSignal::new(false);
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // Tracks which task is open, not the task's record.
    let record = move || state.viewer.get().and_then(|id| state.find(&id));

    Effect::new(move |_| {
        let open = state.viewer.get().is_some();
        if let Some(el) = dialog.get() {
            if open && !el.open() {
                opener.set_value(focused_element());
                let _ = el.show_modal();
            } else if !open && el.open() {
                el.close();
            }
            if !open {
                in_tab.set(false);
                if let Some(back) = opener.try_update_value(Option::take).flatten() {
                    let _ = back.focus();
                }
            }
        }
    });

    view! {
        <dialog
            class="viewer"
            data-testid="viewer"
            node_ref=dialog
            aria-label=state.text(|t| t.open_viewer)
            on:close=move |_| state.viewer.set(None)
        >
            {move || record().map(|rec| {
                let url = Memo::new(move |_| rec.with(|r| r.image.as_deref().and_then(safe_http_url)));
                let prompt = Memo::new(move |_| rec.with(|r| r.prompt.clone()));
                view! {
                    <div class="viewer-image">
                        {move || match url.get() {
                            Some(src) => view! { <img src=src alt=move || alt_text(&prompt.get()) data-testid="viewer-image"/> }.into_any(),
                            None => view! { <div class="placeholder">{t().no_image}</div> }.into_any(),
                        }}
                    </div>
                    <p class="prompt-text" data-testid="viewer-prompt">{move || prompt.get()}</p>
                    <Show when=move || in_tab.get()>
                        <p class="muted" role="status" data-testid="viewer-download-note">{move || t().download_in_tab}</p>
                    </Show>
                    <div class="row wrap">
                        {move || url.get().map(|href| {
                            let src = href.clone();
                            let download = move |_| {
                                let href = href.clone();
                                let rec = rec.get_untracked();
                                leptos::task::spawn_local(async move {
                                    if save_image(&rec, &href).await == Saved::Tab {
                                        in_tab.set(true);
                                        state.notify(false, state.t().download_in_tab);
                                    }
                                });
                            };
                            view! {
                                <button type="button" class="button" data-testid="viewer-download" data-url=src on:click=download>
                                    {t().download}
                                </button>
                            }
                        })}
                        <button type="button" class="button" data-testid="viewer-copy" on:click=move |_| copy_text(prompt.get_untracked(), copied)>
                            {move || if copied.get() { t().copied } else { t().copy_prompt }}
                        </button>
                        <button type="button" class="button" data-testid="viewer-reuse" on:click=move |_| reuse_prompt(state, prompt.get_untracked())>
                            {move || t().reuse_prompt}
                        </button>
                        <button type="button" class="button primary" data-testid="viewer-close" on:click=move |_| state.viewer.set(None)>
                            {move || t().close}
                        </button>
                    </div>
                }
            })}
        </dialog>
    }
    .into_any()
}

/// The element that has keyboard focus, if it is an HTML element.
fn focused_element() -> Option<web_sys::HtmlElement> {
    document()
        .active_element()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
}
