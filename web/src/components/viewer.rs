//! The full-size viewer: a modal `<dialog>` with the image, download, copy and re-use prompt.
use leptos::prelude::*;

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

/// Puts `prompt` back in the prompt bar and focuses it.
pub fn reuse_prompt(state: AppState, prompt: String) {
    state.prompt_draft.set(prompt);
    state.viewer.set(None);
    if let Some(el) = document().get_element_by_id("prompt") {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The viewer dialog, open while [`AppState::viewer`] names a task.
#[component]
pub fn Viewer() -> impl IntoView {
    let state = AppState::expect();
    let t = move || state.t();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let copied = RwSignal::new(false);
    let record = move || {
        state
            .viewer
            .get()
            .and_then(|id| state.find(&id))
            .map(|r| r.get())
    };

    Effect::new(move |_| {
        let open = state.viewer.get().is_some();
        if let Some(el) = dialog.get() {
            if open && !el.open() {
                let _ = el.show_modal();
            } else if !open && el.open() {
                el.close();
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
                let url = rec.image.as_deref().and_then(safe_http_url);
                let prompt = rec.prompt.clone();
                let prompt_for_copy = rec.prompt.clone();
                let prompt_for_reuse = rec.prompt.clone();
                view! {
                    <div class="viewer-image">
                        {match url.clone() {
                            Some(src) => view! { <img src=src alt=prompt.clone() data-testid="viewer-image"/> }.into_any(),
                            None => view! { <div class="placeholder">{t().no_image}</div> }.into_any(),
                        }}
                    </div>
                    <p class="prompt-text" data-testid="viewer-prompt">{prompt}</p>
                    <div class="row wrap">
                        {url.map(|href| view! {
                            <a class="button" href=href download="" target="_blank" rel="noopener noreferrer" data-testid="viewer-download">
                                {t().download}
                            </a>
                        })}
                        <button type="button" class="button" data-testid="viewer-copy" on:click=move |_| copy_text(prompt_for_copy.clone(), copied)>
                            {move || if copied.get() { t().copied } else { t().copy_prompt }}
                        </button>
                        <button type="button" class="button" data-testid="viewer-reuse" on:click=move |_| reuse_prompt(state, prompt_for_reuse.clone())>
                            {t().reuse_prompt}
                        </button>
                        <button type="button" class="button primary" data-testid="viewer-close" on:click=move |_| state.viewer.set(None)>
                            {t().close}
                        </button>
                    </div>
                }
            })}
        </dialog>
    }
}
