//! The references in use (issue 13): each with its thumbnail, its role for Midjourney (image
//! prompt, `--sref`, `--cref`) and a remove button, plus the `--iw` field while there are image
//! prompts. Changing a role moves the URL inside the prompt text through `gptunnel::prompt`.
//!
//! Shown only once there is a reference, so in the Trunk build it is a wasm chunk fetched then
//! (issue 12: first-load weight).
use gptunnel::prompt::{check::reference_url, set_flag, Prompt};
use leptos::prelude::*;

use crate::model::MIDJOURNEY;
use crate::state::AppState;

/// How Midjourney uses a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An image prompt: the URL at the start of the prompt.
    Image,
    /// `--sref`.
    Style,
    /// `--cref`.
    Character,
}

impl Role {
    const ALL: [Role; 3] = [Role::Image, Role::Style, Role::Character];

    fn value(self) -> &'static str {
        match self {
            Role::Image => "image",
            Role::Style => "sref",
            Role::Character => "cref",
        }
    }
}

/// Without `split`, the list is in the main module.
#[cfg(not(feature = "split"))]
pub fn reference_list(
    state: AppState,
    model: RwSignal<String>,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
) -> AnyView {
    body(state, model, draft, images)
}

/// With `split`, the list is fetched the first time a reference is added; if the fetch fails,
/// the references stay in the prompt text (or are still sent as `images`), just not listed.
#[cfg(feature = "split")]
pub fn reference_list(
    state: AppState,
    model: RwSignal<String>,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
) -> AnyView {
    Suspend::new(async move {
        split_body(state, model, draft, images)
            .await
            .unwrap_or_else(|_| ().into_any())
    })
    .into_any()
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(reference_list, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_body(
    state: AppState,
    model: RwSignal<String>,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(body(state, model, draft, images))
}

/// The list and the `--iw` field.
fn body(
    state: AppState,
    model: RwSignal<String>,
    draft: RwSignal<String>,
    images: RwSignal<Vec<String>>,
) -> AnyView {
    let is_midjourney = move || model.get() == MIDJOURNEY;
    let parsed = Memo::new(move |_| Prompt::parse(&draft.get()));
    let rows = move || -> Vec<(String, Option<Role>)> {
        if !is_midjourney() {
            return images.get().into_iter().map(|u| (u, None)).collect();
        }
        parsed.with(|p| {
            let tagged = |list: Vec<&str>, role| {
                list.into_iter()
                    .filter(|u| reference_url(u).is_ok())
                    .map(move |u| (u.to_string(), Some(role)))
                    .collect::<Vec<_>>()
            };
            let mut all = tagged(p.image_prompts(), Role::Image);
            all.extend(tagged(p.references("sref"), Role::Style));
            all.extend(tagged(p.references("cref"), Role::Character));
            all
        })
    };
    let remove = move |target: String| {
        if model.get_untracked() == MIDJOURNEY {
            draft.update(|d| {
                let mut prompt = Prompt::parse(d);
                prompt.remove_reference(&target);
                *d = prompt.to_string();
            });
        } else {
            images.update(|list| list.retain(|u| *u != target));
        }
    };
    let set_role = move |target: String, role: &str| {
        draft.update(|d| {
            let mut prompt = Prompt::parse(d);
            prompt.remove_reference(&target);
            // The URL was accepted once already: these cannot fail.
            let _ = match role {
                "sref" | "cref" => prompt.add_reference(role, &target),
                _ => prompt.add_image_prompt(&target),
            };
            *d = prompt.to_string();
        })
    };
    let has_image_prompt =
        move || is_midjourney() && parsed.with(|p| !p.image_prompts().is_empty());

    view! {
        <ul class="reference-list" aria-label=state.text(|t| t.references)>
            {move || {
                rows()
                    .into_iter()
                    .map(|(u, role)| {
                        let (for_role, for_remove) = (u.clone(), u.clone());
                        view! {
                            <li class="reference" data-testid="reference">
                                <img src=u.clone() alt="" width="40" height="40" loading="lazy"/>
                                <span class="reference-url" title=u.clone()>{u.clone()}</span>
                                {role.map(|role| view! {
                                    <select
                                        data-testid="reference-role"
                                        aria-label=state.text(|t| t.reference_role)
                                        on:change=move |ev| set_role(for_role.clone(), &event_target_value(&ev))
                                    >
                                        {Role::ALL.into_iter().map(|r| view! {
                                            <option value=r.value() selected=r == role>{role_label(state, r)}</option>
                                        }).collect_view()}
                                    </select>
                                })}
                                <button
                                    type="button"
                                    class="button ghost"
                                    data-testid="reference-remove"
                                    aria-label=state.text(|t| t.reference_remove)
                                    on:click=move |_| remove(for_remove.clone())
                                >"×"</button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <Show when=has_image_prompt>
            <div class="field inline">
                <label for="param-iw">{state.text(|t| t.image_weight)}</label>
                <input
                    id="param-iw"
                    data-testid="param-iw"
                    type="number"
                    min="0"
                    max="3"
                    step="0.25"
                    prop:value=move || parsed.with(|p| p.get("iw").unwrap_or_default().to_string())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let value = value.trim();
                        draft.update(|d| *d = set_flag(d, "iw", (!value.is_empty()).then_some(value)));
                    }
                />
            </div>
        </Show>
    }
    .into_any()
}

fn role_label(state: AppState, role: Role) -> impl Fn() -> &'static str + Copy {
    match role {
        Role::Image => state.text(|t| t.role_image),
        Role::Style => state.text(|t| t.role_style),
        Role::Character => state.text(|t| t.role_character),
    }
}
