//! The prompt bar: model, aspect ratio (media models) or the Midjourney parameter panel,
//! references, prompt and the create button. An image dropped anywhere on the bar (any `<img>`
//! of the feed or gallery, or a link) becomes a reference.
//!
//! One click is one create, ever: the button is disabled from the click until the answer,
//! and the handler itself refuses to start while a create is in flight (a double click lands
//! two events before the DOM re-renders, so the disabled attribute alone is not enough).
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::params_panel::ParamsPanel;
use crate::components::references::{add_reference, takes_reference_images, References};
use crate::model::{model_ids, ratios_for, Submission, MIDJOURNEY};
use crate::reactive::{derived, show};
use crate::state::AppState;

/// The prompt bar.
///
/// `on_submit` runs the create; the bar stays disabled until its future completes. The prompt
/// text lives in [`AppState::prompt_draft`] so other components can fill it.
#[component]
pub fn PromptBar<F, Fut>(on_submit: F) -> impl IntoView
where
    F: Fn(Submission) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let state = AppState::expect();
    let t = move || state.t();
    let model = RwSignal::new(MIDJOURNEY.to_string());
    let aspect = RwSignal::new(String::new());
    // Reference image URLs for media models that take them (Midjourney's are in the prompt).
    let images = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let textarea = NodeRef::<leptos::html::Textarea>::new();

    let submit = Rc::new(move || {
        if busy.get_untracked() {
            return;
        }
        let prompt = state.prompt_draft.get_untracked();
        if prompt.trim().is_empty() {
            if let Some(el) = textarea.get_untracked() {
                let _ = el.focus();
            }
            return;
        }
        if state.api_key.get_untracked().is_empty() {
            state.notify(
                true,
                state.settings.with_untracked(|s| s.lang).strings().no_key,
            );
            state.show_settings.set(true);
            return;
        }
        busy.set(true);
        let model = model.get_untracked();
        // Midjourney's ratio is an `--ar` flag in the prompt (the parameter panel).
        let aspect_ratio =
            Some(aspect.get_untracked()).filter(|a| !a.is_empty() && model != MIDJOURNEY);
        let images = if takes_reference_images(&model) {
            images.get_untracked()
        } else {
            Vec::new()
        };
        let done = on_submit(Submission {
            model,
            prompt,
            aspect_ratio,
            images,
        });
        spawn_local(async move {
            done.await;
            busy.set(false);
        });
    });

    let on_keydown = {
        let submit = submit.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                ev.prevent_default();
                submit();
            }
        }
    };
    let on_form_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let on_model = move |ev| {
        let id = event_target_value(&ev);
        aspect.set(String::new());
        model.set(id);
    };
    // Accept a drag that carries a link (an `<img>` dragged from the feed or gallery does).
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        if ev.data_transfer().is_some_and(|dt| carries_link(&dt)) {
            ev.prevent_default();
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        let Some(dt) = ev.data_transfer() else { return };
        if !carries_link(&dt) {
            return;
        }
        ev.prevent_default();
        if let Some(url) = dropped_url(&dt) {
            add_reference(&model.get_untracked(), state.prompt_draft, images, &url);
        }
    };

    view! {
        <form
            class="panel prompt-bar"
            data-testid="prompt-bar"
            on:submit=on_form_submit
            on:dragover=on_dragover
            on:drop=on_drop
        >
            <div class="prompt-options">
                <div class="field inline">
                    <label for="model">{state.text(|t| t.model)}</label>
                    <select id="model" data-testid="model" on:change=on_model>
                        {model_ids()
                            .map(|id| view! { <option value=id selected=derived(move || model.get() == id)>{id}</option> })
                            .collect_view()}
                    </select>
                </div>
                {show(move || model.get() != MIDJOURNEY && !ratios_for(&model.get()).is_empty(), move || view! {
                    <div class="field inline">
                        <label for="aspect">{state.text(|t| t.aspect)}</label>
                        <select
                            id="aspect"
                            data-testid="aspect"
                            on:change=move |ev| aspect.set(event_target_value(&ev))
                        >
                            <option value="" selected=move || aspect.get().is_empty()>{state.text(|t| t.aspect_default)}</option>
                            {move || {
                                ratios_for(&model.get())
                                    .iter()
                                    .map(|r| view! { <option value=*r selected=move || aspect.get() == *r>{*r}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                }.into_any())}
            </div>
            {show(move || model.get() == MIDJOURNEY, move || view! { <ParamsPanel draft=state.prompt_draft/> }.into_any())}
            <References model draft=state.prompt_draft images/>
            <label for="prompt" class="visually-hidden">{state.text(|t| t.prompt)}</label>
            <div class="prompt-row">
                <textarea
                    id="prompt"
                    data-testid="prompt"
                    node_ref=textarea
                    rows="2"
                    placeholder=state.text(|t| t.prompt_placeholder)
                    prop:value=derived(move || state.prompt_draft.get())
                    on:input=move |ev| state.prompt_draft.set(event_target_value(&ev))
                    on:keydown=on_keydown
                ></textarea>
                <button
                    type="submit"
                    class="button primary"
                    data-testid="submit"
                    disabled=derived(move || busy.get())
                    aria-busy=derived(move || busy.get().to_string())
                >
                    {derived(move || if busy.get() { t().creating.to_string() } else { crate::costs::with_cost(t().create, crate::costs::Cost::of_create(&model.get()), t()) })}
                </button>
            </div>
        </form>
    }
}

/// Whether a drag carries a link or text (an image from the page carries both).
fn carries_link(dt: &web_sys::DataTransfer) -> bool {
    let types = dt.types();
    types.includes(&"text/uri-list".into(), 0) || types.includes(&"text/plain".into(), 0)
}

/// The URL a drop carries: the first link of `text/uri-list` (lines starting with `#` are
/// comments), else the plain text.
fn dropped_url(dt: &web_sys::DataTransfer) -> Option<String> {
    let list = dt.get_data("text/uri-list").unwrap_or_default();
    list.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .or_else(|| dt.get_data("text/plain").ok().map(|t| t.trim().to_string()))
        .filter(|url| !url.is_empty())
}
