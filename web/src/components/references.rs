//! Reference images for the prompt bar (issue 13): a URL field, the references in use, and
//! what a dropped image adds.
//!
//! For Midjourney the references live in the prompt text itself (image prompts at the start,
//! `--sref`, `--cref`), read and rewritten through `gptunnel::prompt`, so the row and the text
//! never disagree; changing a role moves the URL from one place to the other. Media models
//! that take reference images get them in the create body's `images` instead.
use gptunnel::prompt::{check::reference_url, Prompt};
use leptos::prelude::*;

use crate::components::reference_list::reference_list;
use crate::model::MIDJOURNEY;
use crate::reactive::{derived, show};
use crate::state::AppState;

/// Whether `model` takes reference images in `images` (the gpt-image-1 family, issue 13).
pub fn takes_reference_images(model: &str) -> bool {
    model.starts_with("gpt-image-1")
}

/// Adds `url` as a reference for `model`: an image prompt for Midjourney, an entry of
/// `images` for a media model that takes them. Says so and adds nothing when `url` is not an
/// http(s) URL.
pub fn add_reference(
    model: &str,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
    url: &str,
) {
    let state = AppState::expect();
    let url = match reference_url(url) {
        Ok(url) => url.to_string(),
        Err(_) => return state.notify(true, state.t().reference_bad_url),
    };
    if model == MIDJOURNEY {
        let mut prompt = Prompt::parse(&draft.get_untracked());
        if !prompt.image_prompts().contains(&url.as_str()) && prompt.add_image_prompt(&url).is_ok()
        {
            draft.set(prompt.to_string());
        }
    } else if !images.with_untracked(|list| list.contains(&url)) {
        images.update(|list| list.push(url));
    }
}

/// The references row: the URL field (and the list, once there is a reference).
///
/// `model` is the chosen model id, `draft` the prompt text, `images` the media model's
/// reference URLs.
#[component]
pub fn References(
    model: RwSignal<String>,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let url = RwSignal::new(String::new());
    let is_midjourney = move || model.get() == MIDJOURNEY;
    let parsed = Memo::new(move |_| Prompt::parse(&draft.get()));
    let has_references = move || {
        if is_midjourney() {
            parsed.with(|p| {
                !p.image_prompts().is_empty() || p.get("sref").is_some() || p.get("cref").is_some()
            })
        } else {
            images.with(|list| !list.is_empty())
        }
    };
    let add = move || {
        add_reference(&model.get_untracked(), draft, images, &url.get_untracked());
        url.set(String::new());
    };

    view! {
        {show(move || is_midjourney() || takes_reference_images(&model.get()), move || view! {
            <div class="references" data-testid="references">
                <div class="references-add">
                    <label for="reference-url" class="visually-hidden">{state.text(|t| t.reference_url)}</label>
                    <input
                        id="reference-url"
                        data-testid="reference-url"
                        type="url"
                        inputmode="url"
                        placeholder=state.text(|t| t.reference_drop)
                        prop:value=derived(move || url.get())
                        on:input=move |ev| url.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" class="button" data-testid="reference-add" on:click=move |_| add()>
                        {state.text(|t| t.reference_add)}
                    </button>
                </div>
                {show(has_references, move || (move || reference_list(state, model, draft, images)).into_any())}
            </div>
        }.into_any())}
    }
}
