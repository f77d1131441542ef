//! The colour theme: as the system (`prefers-color-scheme`), light or dark. The choice is a
//! setting; `data-theme` on `<html>` carries it to the CSS, whose variables follow the system
//! unless the attribute says otherwise (web/style.css, web/mask_editor.css).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::state::AppState;

/// The theme picked in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in the order Settings lists them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value of `data-theme` (and of the settings' `<option>`).
    pub fn tag(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme named by `tag`; anything else follows the system.
    pub fn from_tag(tag: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.tag() == tag)
            .unwrap_or_default()
    }
}

/// Keeps `<html data-theme>` on the current setting. Call once, from `App`.
pub fn install(state: AppState) {
    Effect::new(move |_| {
        let theme = state.settings.with(|s| s.theme);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.tag());
        }
    });
}
