//! The state every handler shares: settings, clock, store, journal, fault dice, image cache.
//! Cheap to clone (one `Arc`). Locks are std mutexes held for microseconds, never across an
//! `.await`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;

use crate::clock::{Clock, SystemClock};
use crate::domain::images::ImageCache;
use crate::error::ApiError;
use crate::faults::FaultDice;
use crate::journal::{Journal, JournalEntry};
use crate::model::rng::{mix, Rng};
use crate::settings::Settings;
use crate::store::Store;

/// Shared emulator state; pass it to [`crate::app`].
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    settings: Settings,
    clock: Arc<dyn Clock>,
    store: Mutex<Store>,
    journal: Journal,
    dice: FaultDice,
    images: ImageCache,
    org_id: String,
}

impl AppState {
    /// State running on real time.
    pub fn new(settings: Settings) -> Self {
        Self::with_clock(settings, Arc::new(SystemClock::new()))
    }

    /// State running on the given clock (a `ManualClock` in lifecycle tests).
    pub fn with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let start_unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let org_id = format!(
            "{:08x}{:016x}",
            (start_unix as u32),
            Rng::new(mix(settings.seed, 0x0e)).next_u64()
        );
        AppState {
            inner: Arc::new(Shared {
                store: Mutex::new(Store::new(&settings, start_unix)),
                dice: FaultDice::new(settings.seed),
                journal: Journal::default(),
                images: ImageCache::default(),
                org_id,
                clock,
                settings,
            }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Emulator time now.
    pub fn now(&self) -> Duration {
        self.inner.clock.now()
    }

    /// Requests received so far, in arrival order.
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.inner.journal.snapshot()
    }

    /// Clears the journal, tasks and images, restores the starting balance and re-seeds the
    /// fault dice (so a reset emulator replays the same faults).
    pub fn reset(&self) {
        self.store().reset(&self.inner.settings);
        self.inner.journal.clear();
        self.inner.images.clear();
        self.inner.dice.reset();
    }

    pub fn balance(&self) -> f64 {
        self.store().balance()
    }

    pub fn set_balance(&self, balance: f64) {
        self.store().set_balance(balance);
    }

    /// `orgId` of `/v1/balance`.
    pub fn org_id(&self) -> &str {
        &self.inner.org_id
    }

    /// Checks `Authorization` (`<key>` or `Bearer <key>`, CONTRACT §1).
    pub fn authorize(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let value = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let value = value.trim();
        let key = match value.split_once(' ') {
            Some((scheme, key)) if scheme.eq_ignore_ascii_case("bearer") => key.trim(),
            // "Bearer " with nothing after it (trimmed to "Bearer") carries no key.
            _ if value.eq_ignore_ascii_case("bearer") => "",
            _ => value,
        };
        if self.inner.settings.accepts_key(key) {
            Ok(())
        } else {
            Err(ApiError::Unauthorized)
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.inner
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn journal_log(&self) -> &Journal {
        &self.inner.journal
    }

    pub(crate) fn dice(&self) -> &FaultDice {
        &self.inner.dice
    }

    pub(crate) fn images(&self) -> &ImageCache {
        &self.inner.images
    }

    /// Base of result URLs: `public_url`, else `http://<Host>`, else `http://localhost`.
    pub(crate) fn base_url(&self, headers: &HeaderMap) -> String {
        if let Some(url) = &self.inner.settings.public_url {
            return url.trim_end_matches('/').to_string();
        }
        match headers
            .get(axum::http::header::HOST)
            .and_then(|host| host.to_str().ok())
        {
            Some(host) if !host.is_empty() => format!("http://{host}"),
            _ => "http://localhost".to_string(),
        }
    }
}
