//! The settings a person picks (not secret; the API key is kept apart, see `storage`): plain
//! data with no signal, so `storage` and `state` can both use it without importing each other.
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The default API base URL: set at build time by `GPTUNNEL_STUDIO_BASE_URL` (the dev script
/// points it at the emulator), else the real service.
pub fn default_base_url() -> String {
    option_env!("GPTUNNEL_STUDIO_BASE_URL")
        .unwrap_or("https://gptunnel.ru")
        .to_string()
}

/// The settings that are not secret, kept in localStorage. The key is stored apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Where the API lives (or a relay in front of it).
    pub base_url: String,
    /// Pay from the personal wallet (`useWalletBalance`).
    pub wallet: bool,
    /// Interface language.
    pub lang: Lang,
    /// Keep the key in localStorage instead of sessionStorage.
    pub remember_key: bool,
    /// Colour theme (issue 13).
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: default_base_url(),
            wallet: false,
            lang: Lang::En,
            remember_key: false,
            theme: Theme::System,
        }
    }
}

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
