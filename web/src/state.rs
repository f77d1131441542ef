//! App state: a small `Copy` struct of signals, provided once by `App` as context.
//!
//! Components take the signals they need from it; nothing here talks to the network or to
//! storage (that is `tasks.rs`, `polls.rs` and `storage.rs`).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Strings};
use crate::model::TaskRecord;
use crate::polls::Polls;
use crate::storage::History;

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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: default_base_url(),
            wallet: false,
            lang: Lang::En,
            remember_key: false,
        }
    }
}

/// The balance as last fetched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BalanceView {
    /// Rubles; may be negative down to the credit limit.
    pub balance: f64,
    /// How far below zero the balance may go.
    pub credit_limit: f64,
}

/// A message shown above the feed (a refused create, an import result).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Whether it reports a failure (styled as an alert).
    pub is_error: bool,
    /// The text, rendered as text.
    pub text: String,
    /// Whether to offer a "refresh balance" button: a create may have been charged unseen.
    pub offer_balance_refresh: bool,
}

/// Everything the components share.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Non-secret settings.
    pub settings: RwSignal<Settings>,
    /// The API key (session or local storage only, never IndexedDB).
    pub api_key: RwSignal<String>,
    /// The feed, newest first; each record is its own signal so a card updates alone.
    pub tasks: RwSignal<Vec<RwSignal<TaskRecord>>>,
    /// The last balance fetched.
    pub balance: RwSignal<Option<BalanceView>>,
    /// The banner above the feed.
    pub notice: RwSignal<Option<Notice>>,
    /// The prompt being typed (shared so "re-use prompt" can fill it).
    pub prompt_draft: RwSignal<String>,
    /// The card to highlight after following a lineage link.
    pub highlight: RwSignal<Option<String>>,
    /// The task whose image is open in the full-size viewer.
    pub viewer: RwSignal<Option<String>>,
    /// The task whose region is being edited (mask editor hook).
    pub mask_for: RwSignal<Option<String>>,
    /// Wall clock in epoch ms, ticking every second (elapsed times).
    pub now: RwSignal<f64>,
    /// Whether the settings panel is open.
    pub show_settings: RwSignal<bool>,
    /// Tasks that finished while the page was hidden (the tab title counts them; reset when
    /// the page is shown again).
    pub finished_unseen: RwSignal<u32>,
    /// The running polls. Owned here so that they end with the app: dropping them aborts them.
    pub polls: StoredValue<Polls, LocalStorage>,
    /// Task history (IndexedDB), its connection owned here.
    pub history: StoredValue<History, LocalStorage>,
}

impl AppState {
    /// Fresh state from loaded settings and key.
    pub fn new(settings: Settings, api_key: String) -> Self {
        let show = api_key.is_empty();
        Self {
            settings: RwSignal::new(settings),
            api_key: RwSignal::new(api_key),
            tasks: RwSignal::new(Vec::new()),
            balance: RwSignal::new(None),
            notice: RwSignal::new(None),
            prompt_draft: RwSignal::new(String::new()),
            highlight: RwSignal::new(None),
            viewer: RwSignal::new(None),
            mask_for: RwSignal::new(None),
            now: RwSignal::new(js_sys::Date::now()),
            show_settings: RwSignal::new(show),
            finished_unseen: RwSignal::new(0),
            polls: StoredValue::new_local(Polls::default()),
            history: StoredValue::new_local(History::default()),
        }
    }

    /// Task history; after the app is gone, a fresh handle (so late async work cannot panic).
    pub fn history(&self) -> History {
        self.history.try_get_value().unwrap_or_default()
    }

    /// The state provided by `App`.
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// The current language's strings (reactive).
    pub fn t(&self) -> &'static Strings {
        self.settings.with(|s| s.lang).strings()
    }

    /// A string of the current language as a view child: `{state.text(|t| t.balance)}`.
    /// `pick` is a function pointer, so every call site shares one closure type and Leptos
    /// compiles its text-node code once instead of once per string (issue 12: weight).
    pub fn text(
        self,
        pick: fn(&'static Strings) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy {
        move || pick(self.t())
    }

    /// The record signal of task `id`, if it is in the feed.
    pub fn find(&self, id: &str) -> Option<RwSignal<TaskRecord>> {
        self.tasks.with_untracked(|list| {
            list.iter()
                .copied()
                .find(|r| r.with_untracked(|r| r.id == id))
        })
    }

    /// Adds a record (newest first) or replaces the one with the same id.
    pub fn upsert(&self, rec: TaskRecord) {
        if let Some(existing) = self.find(&rec.id) {
            existing.set(rec);
            return;
        }
        let created = rec.created_at;
        let signal = RwSignal::new(rec);
        self.tasks.update(|list| {
            let at = list
                .iter()
                .position(|r| r.with_untracked(|r| r.created_at) < created)
                .unwrap_or(list.len());
            list.insert(at, signal);
        });
    }

    /// Shows a notice above the feed.
    pub fn notify(&self, is_error: bool, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            is_error,
            text: text.into(),
            offer_balance_refresh: false,
        }));
    }
}
