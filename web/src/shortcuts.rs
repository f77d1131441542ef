//! Keyboard shortcuts for the feed, on one window `keydown` listener: `/` focus the prompt,
//! `1`–`4` pick a picture of a grid, `U`/`V` upscale or vary the picked one, `G` gallery or
//! feed, `?` the list of shortcuts.
//!
//! Keys are ignored while typing (inputs, textareas, selects, contenteditable), with
//! Ctrl/Meta/Alt (browser and system shortcuts), and while a modal dialog is open. Picking and
//! acting go through the grid's own buttons (focus a quadrant, click its U/V button), so a
//! shortcut sends exactly what one click sends, and nothing while that button is disabled.
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::state::{AppState, Page};

/// Listens for the shortcuts while the app lives; `help` opens the list (`?`).
pub fn install(state: AppState, help: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ignored(&ev) {
            return;
        }
        let handled = match ev.key().as_str() {
            "/" => focus_selector("#prompt"),
            "?" => {
                help.set(true);
                true
            }
            "g" | "G" => {
                state.page.update(|page| {
                    *page = match page {
                        Page::Feed => Page::Gallery,
                        Page::Gallery => Page::Feed,
                    }
                });
                true
            }
            "u" | "U" => act_on_picked('U'),
            "v" | "V" => act_on_picked('V'),
            key @ ("1" | "2" | "3" | "4") => pick(key),
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether the key belongs to something else: typing, a modifier, an open dialog.
fn ignored(ev: &KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() {
        return true;
    }
    if document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
    {
        return true;
    }
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    let tag = target.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select") || target.is_content_editable()
}

/// The grid the keys act on: the one in the focused card, else the newest finished one (the
/// feed is newest first).
fn current_grid() -> Option<Element> {
    const GRID: &str = "[data-testid=grid-picker]";
    let doc = document();
    let in_focused_card = doc
        .active_element()
        .and_then(|el| el.closest("[data-testid=task-card]").ok().flatten())
        .and_then(|card| card.query_selector(GRID).ok().flatten());
    in_focused_card.or_else(|| doc.query_selector(GRID).ok().flatten())
}

/// Picks quadrant `key` of the current grid by focusing it (the grid selects on focus, and
/// the focused card stays the current one for `U`/`V`).
fn pick(key: &str) -> bool {
    let Some(grid) = current_grid() else {
        return false;
    };
    let selector = format!("[data-testid=quadrant-{key}]");
    focus(grid.query_selector(&selector).ok().flatten())
}

/// Clicks the picked quadrant's `U<n>` or `V<n>` button of the current grid, if offered.
fn act_on_picked(letter: char) -> bool {
    let Some(grid) = current_grid() else {
        return false;
    };
    let picked = grid
        .query_selector("[data-testid^=quadrant-][aria-pressed=true]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("data-testid"))
        .and_then(|id| id.strip_prefix("quadrant-").map(str::to_string));
    let Some(n) = picked else {
        return false;
    };
    let button = grid
        .query_selector(&format!("[data-testid=action-{letter}{n}]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlButtonElement>().ok());
    match button {
        // A disabled button (a request in flight) ignores the key, as it ignores clicks.
        Some(button) if !button.disabled() => {
            button.click();
            true
        }
        _ => false,
    }
}

fn focus_selector(selector: &str) -> bool {
    focus(document().query_selector(selector).ok().flatten())
}

fn focus(el: Option<Element>) -> bool {
    match el.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}
