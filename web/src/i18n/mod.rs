//! English and Russian strings. One struct of fields per language (`en.rs`, `ru.rs`), so a
//! missing translation is a compile error rather than a blank button.
use serde::{Deserialize, Serialize};

mod en;
mod ru;

/// An amount in roubles with two decimals, `12.50 ₽`. Written from whole kopecks with integer
/// formatting: Rust's float formatting would otherwise be shipped for these two fields alone.
pub fn rubles(amount: f64) -> String {
    // `as` saturates (and maps NaN to 0): no panic on any number a server sends.
    let kopecks = (amount * 100.0).round() as i64;
    let sign = if kopecks < 0 { "-" } else { "" };
    let kopecks = kopecks.unsigned_abs();
    format!("{sign}{}.{:02} ₽", kopecks / 100, kopecks % 100)
}

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The language matching a BCP 47 tag such as `navigator.language` (`ru-RU` → Russian).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// The tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &en::EN,
            Lang::Ru => &ru::RU,
        }
    }
}

/// Every user-facing string.
#[allow(missing_docs)]
pub struct Strings {
    pub app_title: &'static str,
    pub settings: &'static str,
    pub close: &'static str,
    pub api_key: &'static str,
    pub show: &'static str,
    pub hide: &'static str,
    pub remember: &'static str,
    pub remember_hint: &'static str,
    pub base_url: &'static str,
    pub cors_note: &'static str,
    pub wallet: &'static str,
    pub language: &'static str,
    pub notify: &'static str,
    pub notify_on: &'static str,
    pub notify_denied: &'static str,
    pub balance: &'static str,
    pub refresh: &'static str,
    pub no_key: &'static str,
    pub model: &'static str,
    pub aspect: &'static str,
    pub aspect_default: &'static str,
    pub prompt: &'static str,
    pub prompt_placeholder: &'static str,
    pub create: &'static str,
    pub creating: &'static str,
    pub feed_empty: &'static str,
    pub history: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub clear: &'static str,
    pub clear_confirm: &'static str,
    pub imported: &'static str,
    pub import_failed: &'static str,
    pub status_running: &'static str,
    pub status_done: &'static str,
    pub status_failed: &'static str,
    pub progress: &'static str,
    pub elapsed: &'static str,
    pub cost: &'static str,
    pub stalled: &'static str,
    pub from_parent: &'static str,
    pub open_viewer: &'static str,
    pub pick_hint: &'static str,
    pub image_n: &'static str,
    pub upscale_n: &'static str,
    pub vary_n: &'static str,
    pub reroll: &'static str,
    pub vary: &'static str,
    pub vary_subtle: &'static str,
    pub vary_strong: &'static str,
    pub vary_region: &'static str,
    pub zoom_out: &'static str,
    pub pan: &'static str,
    pub pan_left: &'static str,
    pub pan_right: &'static str,
    pub pan_up: &'static str,
    pub pan_down: &'static str,
    pub upscale: &'static str,
    pub other_actions: &'static str,
    pub download: &'static str,
    pub copy_prompt: &'static str,
    pub copied: &'static str,
    pub reuse_prompt: &'static str,
    pub no_image: &'static str,
    pub err_unauthorized: &'static str,
    pub err_balance: &'static str,
    pub err_invalid: &'static str,
    pub err_network: &'static str,
    pub err_failed: &'static str,
    pub err_timeout: &'static str,
    pub err_rate_limited: &'static str,
    pub err_outcome_unknown: &'static str,
    pub refresh_balance: &'static str,
    pub err_balance_refresh: &'static str,
    pub err_other: &'static str,
    pub done_title: &'static str,
    pub demo_try: &'static str,
    pub demo_starting: &'static str,
    pub demo_banner: &'static str,
    pub demo_leave: &'static str,
    pub demo_failed: &'static str,
    pub demo_no_workers: &'static str,
    pub demo_slow: &'static str,
    pub upscale_image: &'static str,
    pub vary_image: &'static str,
    pub announce_started: &'static str,
    pub announce_stalled: &'static str,
    pub announce_done: &'static str,
    pub announce_failed: &'static str,
    pub err_cors: &'static str,
    pub insecure_http: &'static str,
    pub tasks: &'static str,
    pub gallery: &'static str,
    pub feed: &'static str,
    pub gallery_empty: &'static str,
    // gallery, history, download (issue 13, part G)
    pub gallery_search: &'static str,
    pub gallery_filters: &'static str,
    pub gallery_model: &'static str,
    pub gallery_type: &'static str,
    pub gallery_status: &'static str,
    pub gallery_any: &'static str,
    pub gallery_finished: &'static str,
    pub gallery_favourites: &'static str,
    pub gallery_from: &'static str,
    pub gallery_to: &'static str,
    pub gallery_more: &'static str,
    pub gallery_no_match: &'static str,
    pub gallery_grid: &'static str,
    pub favourite_add: &'static str,
    pub favourite_remove: &'static str,
    pub delete_task: &'static str,
    pub delete_confirm: &'static str,
    pub select_task: &'static str,
    pub selected_count: &'static str,
    pub export_selected: &'static str,
    pub delete_selected: &'static str,
    pub delete_selected_confirm: &'static str,
    pub select_none: &'static str,
    pub status_paused: &'static str,
    pub paused_notice: &'static str,
    pub resume_watching: &'static str,
    pub import_too_big: &'static str,
    pub import_too_many: &'static str,
    pub download_in_tab: &'static str,
    // links, welcome, costs, theme, shortcuts (issue 13, part N)
    pub link_task_missing: &'static str,
    pub cost_free: &'static str,
    pub cost_undocumented: &'static str,
    pub theme: &'static str,
    pub theme_system: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub welcome_title: &'static str,
    pub welcome_what: &'static str,
    pub welcome_key_before: &'static str,
    pub welcome_key_link: &'static str,
    pub welcome_key_after: &'static str,
    pub welcome_private: &'static str,
    pub welcome_costs_title: &'static str,
    pub welcome_cost_create: &'static str,
    pub welcome_cost_upsample: &'static str,
    pub welcome_cost_other: &'static str,
    pub welcome_cors: &'static str,
    pub welcome_enter_key: &'static str,
    pub shortcuts: &'static str,
    pub shortcut_prompt: &'static str,
    pub shortcut_pick: &'static str,
    pub shortcut_upscale: &'static str,
    pub shortcut_vary: &'static str,
    pub shortcut_gallery: &'static str,
    pub shortcut_help: &'static str,
    pub shortcut_close: &'static str,
    // parameter panel and references (issue 13, part P)
    pub params: &'static str,
    pub version: &'static str,
    pub stylize: &'static str,
    pub chaos: &'static str,
    pub weird: &'static str,
    pub quality: &'static str,
    pub seed: &'static str,
    pub no_words: &'static str,
    pub raw_style: &'static str,
    pub tile: &'static str,
    pub params_out_of_range: &'static str,
    pub references: &'static str,
    pub reference_url: &'static str,
    pub reference_add: &'static str,
    pub reference_remove: &'static str,
    pub reference_role: &'static str,
    pub role_image: &'static str,
    pub role_style: &'static str,
    pub role_character: &'static str,
    pub image_weight: &'static str,
    pub reference_bad_url: &'static str,
    pub reference_drop: &'static str,
    pub params_failed: &'static str,
}
