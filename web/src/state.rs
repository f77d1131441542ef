//! App state: a small `Copy` struct of signals, provided once by `App` as context.
//!
//! Components take the signals they need from it; nothing here talks to the network or to
//! storage (that is `tasks.rs`, `polls.rs` and `storage.rs`).
use std::collections::HashMap;

use leptos::prelude::*;

use crate::i18n::{Lang, Strings};
use crate::model::TaskRecord;
use crate::poll_guards::Polls;
pub use crate::settings::{default_base_url, Settings};
use crate::storage::History;

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
    /// The feed, newest first; each record is its own signal so a card updates alone. It holds
    /// the running tasks and the pages of history read so far, not the whole history (see
    /// [`AppState::more_history`]).
    pub tasks: RwSignal<Vec<RwSignal<TaskRecord>>>,
    /// The same record signals by task id, so a poll update finds its card in O(1).
    pub by_id: StoredValue<HashMap<String, RwSignal<TaskRecord>>, LocalStorage>,
    /// Whether IndexedDB holds tasks older than the feed's oldest page (the feed reads them a
    /// page at a time as it is scrolled).
    pub more_history: RwSignal<bool>,
    /// Where the next page of history starts and whether one is being read.
    pub paging: StoredValue<Paging, LocalStorage>,
    /// The interface language alone, so strings re-render on a language change only (not when
    /// another setting, such as the base URL being typed, changes).
    pub lang: Memo<Lang>,
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
    /// The view under the prompt bar.
    pub page: RwSignal<Page>,
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

/// Which view fills the page under the prompt bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    /// The task feed (running tasks and history, newest first).
    #[default]
    Feed,
    /// Every finished image as thumbnails.
    Gallery,
}

/// The position of the feed's paging in history.
#[derive(Debug, Default)]
pub struct Paging {
    /// (created_at, id) of the oldest task read by paging; the next page is older than it.
    pub oldest: Option<(f64, String)>,
    /// Whether a page is being read (one at a time).
    pub loading: bool,
}

impl AppState {
    /// Fresh state from loaded settings and key.
    pub fn new(settings: Settings, api_key: String) -> Self {
        let show = api_key.is_empty();
        let settings = RwSignal::new(settings);
        Self {
            settings,
            api_key: RwSignal::new(api_key),
            tasks: RwSignal::new(Vec::new()),
            by_id: StoredValue::new_local(HashMap::new()),
            more_history: RwSignal::new(false),
            paging: StoredValue::new_local(Paging::default()),
            lang: Memo::new(move |_| settings.with(|s| s.lang)),
            balance: RwSignal::new(None),
            notice: RwSignal::new(None),
            prompt_draft: RwSignal::new(String::new()),
            highlight: RwSignal::new(None),
            viewer: RwSignal::new(None),
            mask_for: RwSignal::new(None),
            now: RwSignal::new(js_sys::Date::now()),
            page: RwSignal::new(Page::Feed),
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

    /// The current language's strings (reactive on the language only).
    pub fn t(&self) -> &'static Strings {
        self.lang.get().strings()
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

    /// The record signal of task `id`, if it is in the feed (O(1)).
    pub fn find(&self, id: &str) -> Option<RwSignal<TaskRecord>> {
        self.by_id
            .try_with_value(|map| map.get(id).copied())
            .flatten()
    }

    /// Adds a record (newest first) or replaces the one with the same id.
    pub fn upsert(&self, rec: TaskRecord) {
        match self.find(&rec.id) {
            Some(existing) => existing.set(rec),
            None => {
                self.add_new(vec![rec]);
            }
        }
    }

    /// Adds the records whose id is not in the feed yet, each at its place by creation time,
    /// in one change of the list; the ones already there are left as they are (the feed's copy
    /// is the newer). Returns how many were added.
    pub fn add_new(&self, records: Vec<TaskRecord>) -> usize {
        let mut fresh = Vec::new();
        self.by_id.try_update_value(|map| {
            for rec in records {
                if !map.contains_key(&rec.id) {
                    let created = rec.created_at;
                    let signal = RwSignal::new(rec);
                    map.insert(signal.with_untracked(|r| r.id.clone()), signal);
                    fresh.push((created, signal));
                }
            }
        });
        if !fresh.is_empty() {
            self.tasks.update(|list| {
                for (created, signal) in &fresh {
                    // The list is sorted newest first: after every task not older than this one.
                    let at =
                        list.partition_point(|r| r.with_untracked(|r| r.created_at) >= *created);
                    list.insert(at, *signal);
                }
            });
        }
        fresh.len()
    }

    /// Empties the feed (history itself is cleared by `tasks::clear_history`).
    pub fn clear_feed(&self) {
        self.by_id.try_update_value(HashMap::clear);
        self.paging.try_update_value(|p| p.oldest = None);
        self.more_history.set(false);
        self.tasks.set(Vec::new());
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
