//! Retry delays after failed polls: short, growing by half with each consecutive failure, with
//! "equal jitter" (half fixed, half random) so that clients hit by one outage spread out.
//!
//! Short on purpose: a poll that failed says nothing about the task, which may be done already,
//! so a long backoff turns one lost answer into a late result. A server that wants less
//! traffic says so with `Retry-After`, which the poller always honours on top of this.

use std::time::Duration;

/// Consecutive failures and the jitter's random state.
#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    failures: u32,
    /// xorshift64 state; never 0.
    rng: u64,
}

/// Each consecutive failure waits this much longer than the previous one.
const GROWTH: f64 = 1.5;

impl Backoff {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            failures: 0,
            rng: if seed == 0 {
                0x2545_F491_4F6C_DD1D
            } else {
                seed
            },
        }
    }

    /// A poll succeeded: the next failure starts from `base` again.
    pub(crate) fn reset(&mut self) {
        self.failures = 0;
    }

    /// A poll failed: the delay before the next one, between half and all of
    /// `base × 1.5^(failures − 1)`, capped at `max`.
    pub(crate) fn failed(&mut self, base: Duration, max: Duration) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let growth = GROWTH.powi(self.failures.min(60) as i32 - 1);
        let full = (base.as_secs_f64() * growth).min(max.as_secs_f64());
        super::secs(full / 2.0 + full / 2.0 * self.next_unit())
    }

    /// xorshift64, uniform in [0, 1).
    fn next_unit(&mut self) -> f64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}
