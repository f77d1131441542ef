//! The state every handler shares: settings, clock, store, journal, fault dice, image cache.
//! Cheap to clone (one `Arc`). Locks are std mutexes held for microseconds, never across an
//! `.await`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
#[cfg(feature = "server")]
use std::time::{SystemTime, UNIX_EPOCH};

use crate::clock::Clock;
#[cfg(feature = "server")]
use crate::clock::SystemClock;
use crate::domain::images::ImageCache;
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
    #[cfg(feature = "server")]
    pub fn new(settings: Settings) -> Self {
        Self::with_clock(settings, Arc::new(SystemClock::new()))
    }

    /// State running on the given clock (a `ManualClock` in lifecycle tests).
    #[cfg(feature = "server")]
    pub fn with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let start_unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Self::with_clock_at(settings, clock, start_unix)
    }

    /// State on the given clock, started at `start_unix` (seconds since 1970) as the host
    /// tells it: wasm32-unknown-unknown has no system time (the demo passes `Date.now()`).
    pub fn with_clock_at(settings: Settings, clock: Arc<dyn Clock>, start_unix: u64) -> Self {
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
    pub(crate) fn now(&self) -> Duration {
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
    pub(crate) fn org_id(&self) -> &str {
        &self.inner.org_id
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
}
