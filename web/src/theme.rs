//! The colour theme (the choice, [`Theme`], is a setting): as the system (`prefers-color-scheme`), light or dark. The choice is a
//! setting; `data-theme` on `<html>` carries it to the CSS, whose variables follow the system
//! unless the attribute says otherwise (web/style.css, web/mask_editor.css).
use leptos::prelude::*;

use crate::reactive::effect;
pub use crate::settings::Theme;
use crate::state::AppState;

/// Keeps `<html data-theme>` on the current setting. Call once, from `App`.
pub fn install(state: AppState) {
    effect(move || {
        let theme = state.settings.with(|s| s.theme);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.tag());
        }
    });
}
