//! Reference images for the prompt bar (issue 13): a URL field, the references in use, and
//! what a dropped image adds.
//!
//! For Midjourney the references live in the prompt text itself (image prompts at the start,
//! `--sref`, `--cref`), read and rewritten through `gptunnel::prompt`, so the row and the text
//! never disagree; changing a role moves the URL from one place to the other. Media models
//! that take reference images get them in the create body's `images` instead.
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

/// The references row.
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
    let add = move || {
        add_reference(&model.get_untracked(), draft, images, &url.get_untracked());
        url.set(String::new());
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
        <Show when=move || is_midjourney() || takes_reference_images(&model.get())>
            <div class="references" data-testid="references">
                <div class="references-add">
                    <label for="reference-url" class="visually-hidden">{state.text(|t| t.reference_url)}</label>
                    <input
                        id="reference-url"
                        data-testid="reference-url"
                        type="url"
                        inputmode="url"
                        placeholder=state.text(|t| t.reference_drop)
                        prop:value=move || url.get()
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
                                                    <option value=r.value() selected=r == role>{role_label(r)}</option>
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
            </div>
        </Show>
    }
}

fn role_label(role: Role) -> impl Fn() -> &'static str + Copy {
    let state = AppState::expect();
    match role {
        Role::Image => state.text(|t| t.role_image),
        Role::Style => state.text(|t| t.role_style),
        Role::Character => state.text(|t| t.role_character),
    }
}
