//! Time as the emulator sees it: a duration since the emulator started. Task lifecycles are
//! pure functions of this, so tests swap in a `ManualClock` and step through a task's life
//! without sleeping. (Network faults such as slow answers still use real time: they are about
//! the wire, not about the task.)

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;
#[cfg(feature = "server")]
use std::time::Instant;

/// A source of "time since start".
pub trait Clock: Send + Sync + fmt::Debug {
    /// Time elapsed since the emulator started.
    fn now(&self) -> Duration;
}

/// Real time, measured from when the clock was made. Server builds only: `Instant` panics on
/// wasm32-unknown-unknown, where the host supplies its own `Clock`.
#[cfg(feature = "server")]
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

#[cfg(feature = "server")]
impl SystemClock {
    pub fn new() -> Self {
        SystemClock {
            origin: Instant::now(),
        }
    }
}

#[cfg(feature = "server")]
impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "server")]
impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A virtual clock that moves only when told to. Clones share the same time.
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    now: Arc<Mutex<Duration>>,
}

impl ManualClock {
    /// A clock standing at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock lock") += by;
    }

    /// Puts time at an absolute point (may go backwards: tests only).
    pub fn set(&self, to: Duration) {
        *self.now.lock().expect("clock lock") = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        *self.now.lock().expect("clock lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced_and_clones_share_it() {
        let clock = ManualClock::new();
        let other = clock.clone();
        assert_eq!(other.now(), Duration::ZERO);
        clock.advance(Duration::from_millis(250));
        assert_eq!(other.now(), Duration::from_millis(250));
    }
}
