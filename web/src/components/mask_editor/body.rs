//! The editor proper: the parent image with the mask canvas over it, the toolbar, the
//! optional prompt, Cancel and Submit. Mountable on its own (the component tests do).
use std::future::Future;
use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{HtmlImageElement, KeyboardEvent};

use super::editor::{Editor, ImageState, Preview};
use super::icons::{icon, Icon};
use super::keyrect::{describe, key_rect, KeyRect, KeyRectStep};
use super::keys::{command_for, Modifiers};
use super::pointer;
use super::strings::{current, MaskStrings};
use super::toolbar::Toolbar;
use super::tools::Tool;

/// Whether a key event comes from a field where keys type text.
fn typing_in(ev: &KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("range" | "checkbox" | "radio" | "button")
        ),
        _ => false,
    }
}

/// Places, moves, resizes or adds the keyboard rectangle (Rectangle tool, image focused, no
/// modifier but Shift); returns what to announce, or `None` when the key is not for it.
fn keyboard_rect(
    ed: Editor,
    keyed: RwSignal<Option<KeyRect>>,
    ev: &KeyboardEvent,
    s: &MaskStrings,
) -> Option<String> {
    if ed.tool.get_untracked() != Tool::Rectangle || ev.ctrl_key() || ev.meta_key() || ev.alt_key()
    {
        return None;
    }
    let stage = ed.stage.get_untracked()?;
    let target = ev.target()?.dyn_into::<web_sys::Node>().ok()?;
    if !stage.is_same_node(Some(&target)) {
        return None;
    }
    let (w, h) = ed.size().map(|(w, h)| (f64::from(w), f64::from(h)))?;
    match key_rect(keyed.get_untracked(), &ev.key(), ev.shift_key(), w, h)? {
        KeyRectStep::Show(r) => {
            keyed.set(Some(r));
            ed.preview.set(Preview::Rect {
                x: r.x,
                y: r.y,
                w: r.w,
                h: r.h,
            });
            Some(describe(r, w, h, s))
        }
        KeyRectStep::Add(r) => {
            ed.edit(true, |p| {
                p.rect(r.x as f32, r.y as f32, r.w as f32, r.h as f32)
            });
            keyed.set(None);
            ed.preview.set(Preview::None);
            Some(s.key_rect_added.to_string())
        }
    }
}

/// The mask editor's content.
///
/// - `src`: the parent image (an http(s) URL); the mask gets the image's natural size.
/// - `on_submit`: sends the mask (base64 PNG, white = regenerate) and the new prompt (`None`
///   when left empty). Called once per click: the editor stays disabled until the future
///   resolves, then closes on `Ok` or shows the `Err` text and lets the user try again.
/// - `on_close`: closes the editor (Cancel, ×, or after a successful submit).
#[component]
pub fn MaskEditorBody<F, Fut>(
    #[prop(into)] src: String,
    on_submit: F,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView
where
    F: Fn(String, Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<(), String>> + 'static,
{
    let s = current();
    let ed = Editor::new();
    let prompt = RwSignal::new(String::new());
    let submitting = RwSignal::new(false);
    // The keyboard rectangle and what was last said about it (a polite live region).
    let keyed = RwSignal::new(None::<KeyRect>);
    let said = RwSignal::new(String::new());
    Effect::new(move |_| {
        if ed.tool.get() != Tool::Rectangle && keyed.get_untracked().is_some() {
            keyed.set(None);
            ed.preview.set(Preview::None);
        }
    });
    let error = RwSignal::new(None::<String>);
    let ready = move || matches!(ed.image.get(), ImageState::Ready(..));
    let size = move || match ed.image.get() {
        ImageState::Ready(w, h) => (w, h),
        _ => (1, 1),
    };

    // The window resizing keeps a fitted image fitted.
    let resize = window_event_listener(ev::resize, move |_| {
        if ed.fitted.get_untracked() {
            ed.fit();
        }
    });
    // Space released while the window was elsewhere must not leave the editor panning.
    let blur = window_event_listener(ev::blur, move |_| ed.space_held.set(false));
    on_cleanup(move || {
        resize.remove();
        blur.remove();
    });
    // The brush outline follows tool, size and zoom changes without waiting for a move.
    Effect::new(move |_| {
        ed.tool.track();
        ed.brush.track();
        ed.view.track();
        ed.space_held.track();
        ed.refresh_cursor();
    });

    let on_submit = Rc::new(on_submit);
    let submit = move |_| {
        if submitting.get_untracked() {
            return;
        }
        if !ed.status.get_untracked().has_region {
            error.set(Some(s().empty_mask.to_string()));
            return;
        }
        // Encoded once, here: never while painting.
        let Some(mask) = ed
            .painter
            .try_with_value(|p| p.as_ref().map(|p| p.encode()))
            .flatten()
        else {
            return;
        };
        submitting.set(true);
        error.set(None);
        let text = prompt.get_untracked();
        let done = on_submit(mask, Some(text).filter(|t| !t.trim().is_empty()));
        spawn_local(async move {
            match done.await {
                Ok(()) => on_close.run(()),
                Err(message) => {
                    error.set(Some(message));
                    submitting.set(false);
                }
            }
        });
    };

    let keydown = move |ev: KeyboardEvent| {
        let typing = typing_in(&ev);
        if ev.key() == " " && !typing {
            ev.prevent_default();
            if !ed.space_held.get_untracked() {
                ed.space_held.set(true);
            }
            return;
        }
        if typing || ev.default_prevented() {
            return;
        }
        if let Some(text) = keyboard_rect(ed, keyed, &ev, s()) {
            ev.prevent_default();
            said.set(text);
            return;
        }
        let mods = Modifiers {
            command: ev.ctrl_key() || ev.meta_key(),
            shift: ev.shift_key(),
            alt: ev.alt_key(),
        };
        if let Some(command) = command_for(&ev.key(), &ev.code(), mods) {
            ev.prevent_default();
            ed.run(command);
        }
    };
    let keyup = move |ev: KeyboardEvent| {
        if ev.key() == " " && ed.space_held.get_untracked() {
            ed.space_held.set(false);
        }
    };

    let preview = move || {
        let stroke = format!("{:.4}", 2.0 / ed.view.get().scale);
        match ed.preview.get() {
            Preview::None => ().into_any(),
            Preview::Rect { x, y, w, h } => view! {
                <rect x=x.to_string() y=y.to_string() width=w.to_string() height=h.to_string() stroke-width=stroke/>
            }
            .into_any(),
            Preview::Lasso(points) => view! { <polygon points=points stroke-width=stroke/> }.into_any(),
        }
    };

    view! {
        <div
            class="mask-editor"
            data-testid="mask-editor-body"
            data-ready=move || ready().to_string()
            data-tool=move || ed.tool.get().name()
            on:keydown=keydown
            on:keyup=keyup
        >
            <header class="mask-head">
                <div class="mask-heading">
                    <h2 id="mask-title">{move || s().title}</h2>
                    <p class="mask-hint">{move || s().hint}</p>
                </div>
                <button
                    type="button"
                    class="icon-button mask-close"
                    data-testid="mask-editor-close"
                    aria-label=move || s().close
                    title=move || s().close
                    on:click=move |_| on_close.run(())
                >
                    {icon(Icon::Close)}
                </button>
            </header>
            <Toolbar ed=ed/>
            <div
                class="mask-stage"
                class:panning=move || ed.space_held.get()
                class:brush-tool=move || ed.tool.get().uses_brush()
                node_ref=ed.stage
                tabindex="0"
                role="application"
                aria-label=move || s().stage
                aria-describedby="mask-shortcuts"
                data-testid="mask-stage"
                on:pointerdown=move |ev| pointer::down(ed, ev)
                on:pointermove=move |ev| pointer::moved(ed, ev)
                on:pointerup=move |ev| pointer::up(ed, ev, false)
                on:pointercancel=move |ev| pointer::up(ed, ev, true)
                on:pointerleave=move |_| ed.show_cursor(None)
                on:wheel=move |ev| pointer::wheel(ed, ev)
                on:contextmenu=move |ev| ev.prevent_default()
            >
                <div
                    class="mask-content"
                    data-testid="mask-content"
                    style:width=move || format!("{}px", size().0)
                    style:height=move || format!("{}px", size().1)
                    style:transform=move || ed.view.get().css()
                    class:hidden=move || !ready()
                >
                    <img
                        src=src
                        alt=""
                        draggable="false"
                        data-testid="mask-image"
                        on:load=move |ev| {
                            let img: HtmlImageElement = event_target(&ev);
                            let (w, h) = (img.natural_width(), img.natural_height());
                            if w == 0 || h == 0 {
                                ed.image.set(ImageState::Failed);
                            } else {
                                ed.image_loaded(w, h);
                            }
                        }
                        on:error=move |_| ed.image.set(ImageState::Failed)
                    />
                    <canvas class="mask-overlay" node_ref=ed.canvas data-testid="mask-canvas" aria-hidden="true"></canvas>
                    <svg
                        class="mask-preview"
                        viewBox=move || format!("0 0 {} {}", size().0, size().1)
                        preserveAspectRatio="none"
                        aria-hidden="true"
                    >
                        {preview}
                    </svg>
                </div>
                <div class="mask-cursor" node_ref=ed.cursor aria-hidden="true"></div>
                {move || match ed.image.get() {
                    ImageState::Loading => Some(view! { <p class="mask-status" role="status">{s().loading}</p> }),
                    ImageState::Failed => Some(view! { <p class="mask-status error-text" role="alert">{s().load_failed}</p> }),
                    ImageState::Ready(..) => None,
                }}
            </div>
            <p id="mask-shortcuts" class="mask-shortcuts">{move || s().shortcuts}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="mask-announce">{move || said.get()}</p>
            <div class="mask-foot">
                <div class="mask-prompt">
                    <label for="mask-prompt">{move || s().prompt}</label>
                    <input
                        id="mask-prompt"
                        type="text"
                        data-testid="mask-prompt"
                        placeholder=move || s().prompt_placeholder
                        prop:value=move || prompt.get()
                        on:input=move |ev| prompt.set(event_target_value(&ev))
                    />
                </div>
                {move || error.get().map(|e| view! { <p class="error-text mask-error" role="alert" data-testid="mask-error">{e}</p> })}
                <div class="mask-actions">
                    <button type="button" class="button" data-testid="mask-editor-cancel" on:click=move |_| on_close.run(())>
                        {move || s().cancel}
                    </button>
                    <button
                        type="button"
                        class="button primary"
                        data-testid="mask-editor-submit"
                        disabled=move || submitting.get() || !ready() || !ed.status.get().has_region
                        aria-busy=move || submitting.get().to_string()
                        on:click=submit
                    >
                        {move || if submitting.get() { s().submitting } else { s().submit }}
                    </button>
                </div>
            </div>
        </div>
    }
}
