//! Sans-IO poll scheduler: decides when to look at a running task again.
//!
//! The async wait loop feeds each poll's outcome to [`Poller::observe`] with the caller's clock
//! and sleeps for the delay it gets back. Nothing here reads a clock, sleeps or does I/O, so the
//! logic is tested with plain [`Duration`]s and compiles to wasm unchanged.
//!
//! How it decides: `forecast` turns what was seen (the rises of `percent`, or for tasks without
//! progress the time since creation and what earlier tasks of the same kind took, from
//! [`DurationMemory`]) into a belief about when the task finishes; `scheduler` polls densely
//! where that belief expects the finish and sparsely elsewhere, but never leaves long gaps once
//! the finish is possible ([`PollOptions::interval_when_possible`]) or likely
//! ([`PollOptions::interval_when_likely`]); `backoff` keeps retries after failed polls short.
//! `cargo bench -p gptunnel --bench polling` and `tests/polling.rs` measure it against fixed
//! pollers on simulated tasks built independently of it (issue 11's targets are asserted there).
//!
//! Changes from the first poller (issue 11): [`Observation::Running`] carries `Option<u8>`
//! (`None` for media tasks); [`PollOptions`] lost `first_delay`, `expected_duration` and
//! `burst_interval` and gained `interval_when_likely`, `interval_when_possible`,
//! `lateness_per_poll` and `expected`; `max_interval` is 20 s, retries start at 1 s and stop
//! at 4 s (were 2 s and 30 s); a `Retry-After` is the whole pause (no backoff on top).
use std::time::Duration;

mod backoff;
mod belief;
mod forecast;
mod history;
mod scheduler;

#[cfg(test)]
mod tests;

pub use history::{is_video_model, DurationMemory, Expected, Overrun, TaskKind};

use crate::number::clamp;
use backoff::Backoff;
use forecast::Rise;
use scheduler::Limits;

/// Tuning for [`Poller`]. The defaults meet issue 11's targets on its simulated tasks
/// (`tests/polling.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct PollOptions {
    /// Give up when nothing has moved for this long (restarts on every progress). `None` = never.
    pub timeout: Option<Duration>,
    /// Report a stall when progress has not moved for this long, then keep waiting. `None` = never.
    pub stall_after: Option<Duration>,
    /// Never poll more often than this (a server's politeness floor).
    pub min_interval: Duration,
    /// Never wait longer than this between two polls of a running task (a server's
    /// `Retry-After` may still ask for longer).
    pub max_interval: Duration,
    /// Never wait longer than this while the task is likely (5 % or more) to finish within the
    /// wait: bounds how late most finished tasks are seen.
    pub interval_when_likely: Duration,
    /// Never wait longer than this while the task could possibly (0.3 % or more) finish within
    /// the wait: bounds how late any finished task is seen, even when the forecast is wrong.
    pub interval_when_possible: Duration,
    /// The price of one poll in expected lateness: the next poll comes when waiting longer
    /// would make the finish, on average, this much later. Smaller = more polls, less lateness.
    pub lateness_per_poll: Duration,
    /// What this kind of task usually takes (from [`DurationMemory::expected`]).
    pub expected: Expected,
    /// The retry delay after a first failed poll; each consecutive failure waits 1.5× longer
    /// (with jitter).
    pub retry_base: Duration,
    /// The cap of the retry delay (a server's `Retry-After` may still ask for longer).
    pub retry_max: Duration,
    /// Seeds the retry jitter, so that many clients do not retry in lockstep.
    pub seed: u64,
}

impl Default for PollOptions {
    fn default() -> Self {
        Self {
            timeout: Some(Duration::from_secs(600)),
            stall_after: Some(Duration::from_secs(120)),
            min_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(20),
            interval_when_likely: Duration::from_secs(3),
            interval_when_possible: Duration::from_millis(3800),
            lateness_per_poll: Duration::from_millis(250),
            expected: Expected::default(),
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(4),
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

/// What one poll told the scheduler.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observation {
    /// The task is still running.
    Running {
        /// Its progress (0–100) as reported; `None` for tasks that report none (media tasks).
        percent: Option<u8>,
    },
    /// The poll failed in a way worth retrying (network, 5xx, 429, undecodable body).
    RetryableError {
        /// The server's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
}

/// What the caller should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Poll again after this delay.
    PollAfter(Duration),
    /// Progress has not moved for `stalled_for`: tell the user, then poll again after `then`.
    Stalled {
        /// How long progress has been still.
        stalled_for: Duration,
        /// The delay before the next poll.
        then: Duration,
    },
    /// The timeout elapsed without progress: stop.
    TimedOut,
}

impl Decision {
    /// The delay before the next poll; `None` once timed out.
    pub fn delay(&self) -> Option<Duration> {
        match *self {
            Decision::PollAfter(delay) | Decision::Stalled { then: delay, .. } => Some(delay),
            Decision::TimedOut => None,
        }
    }
}

/// Decides when to poll a running task, from observations and the caller's clock.
#[derive(Debug, Clone)]
pub struct Poller {
    options: PollOptions,
    /// The caller's `now` at creation of the poller.
    start: Duration,
    /// The task's age at `start`, in seconds: internal times are seconds since its creation.
    age: f64,
    /// The latest `now` seen, so that a clock going backwards cannot move time backwards.
    latest: Duration,
    /// The highest percent seen.
    percent: Option<u8>,
    /// At most 100 entries: each one raises the percent.
    rises: Vec<Rise>,
    /// When a percent was first seen (seconds since creation).
    first_percent_at: f64,
    /// When the task was last seen running (the lower end of the next rise's window).
    last_running: f64,
    /// When progress last moved (or `start`): the stall and timeout clocks start here.
    moved_at: Duration,
    /// Whether the current stall episode was already reported.
    stall_reported: bool,
    backoff: Backoff,
}

impl Poller {
    /// A poller for a task created (or first seen) at `now`.
    pub fn new(options: PollOptions, now: Duration) -> Self {
        let backoff = Backoff::new(options.seed);
        Self {
            options,
            start: now,
            age: 0.0,
            latest: now,
            percent: None,
            rises: Vec::new(),
            first_percent_at: 0.0,
            last_running: 0.0,
            moved_at: now,
            stall_reported: false,
            backoff,
        }
    }

    /// The options this poller runs with.
    pub fn options(&self) -> &PollOptions {
        &self.options
    }

    /// Replaces what this kind of task is expected to take (once the kind is known).
    pub fn set_expected(&mut self, expected: Expected) {
        self.options.expected = expected;
    }

    /// The task was `age` old at `now` (for a task picked up after its creation).
    pub fn set_age(&mut self, now: Duration, age: Duration) {
        let elapsed = now.saturating_sub(self.start).as_secs_f64();
        let new_age = clamp(age.as_secs_f64() - elapsed, 0.0, 1e9);
        let shift = new_age - self.age;
        self.age = new_age;
        self.last_running += shift;
        self.first_percent_at += shift;
        for rise in &mut self.rises {
            rise.after += shift;
            rise.by += shift;
        }
    }

    /// The highest percent observed so far.
    pub fn percent(&self) -> Option<u8> {
        self.percent
    }

    /// The most likely moment of completion on the caller's clock (the median of the forecast,
    /// given that the task was still running when last seen).
    pub fn predicted_finish(&self) -> Option<Duration> {
        let finish = self.belief().median_after(self.last_running)?;
        Some(self.start.saturating_add(secs(finish - self.age)))
    }

    /// For a task seen done at `now`: how its time at its last level of progress compared with
    /// the forecast there (see [`Expected::overruns`]); `None` when it showed no progress.
    pub fn overrun(&self, now: Duration) -> Option<Overrun> {
        forecast::overrun(&self.rises, self.first_percent_at, self.since_creation(now))
    }

    /// Feed one observation made at `now` and get the next step.
    pub fn observe(&mut self, now: Duration, observation: Observation) -> Decision {
        let now = now.max(self.latest);
        self.latest = now;
        let mut retry_after = None;
        match observation {
            Observation::Running { percent } => {
                self.backoff.reset();
                self.record(now, percent.map(|p| p.min(100)));
            }
            Observation::RetryableError { retry_after: after } => retry_after = Some(after),
        }
        let o = &self.options;
        let still_for = now.saturating_sub(self.moved_at);
        if o.timeout.is_some_and(|timeout| still_for >= timeout) {
            return Decision::TimedOut;
        }
        let mut delay = match retry_after {
            // The server said when to come back: that is the whole pause, and our own backoff
            // starts afresh after it.
            Some(Some(_)) => {
                self.backoff.reset();
                Duration::ZERO
            }
            Some(None) => self.backoff.failed(o.retry_base, o.retry_max),
            None => secs(scheduler::next_gap(
                &self.belief(),
                self.since_creation(now),
                &self.limits(),
            )),
        };
        let o = &self.options;
        delay = delay.max(o.min_interval);
        if let Some(timeout) = o.timeout {
            // Look once more when the timeout would elapse, not a whole interval later.
            delay = delay.min(timeout.saturating_sub(still_for).max(o.min_interval));
        }
        if let Some(Some(after)) = retry_after {
            delay = delay.max(after);
        }
        delay = delay.max(Duration::from_millis(1));
        match o.stall_after {
            Some(limit) if still_for >= limit && !self.stall_reported => {
                self.stall_reported = true;
                Decision::Stalled {
                    stalled_for: still_for,
                    then: delay,
                }
            }
            _ => Decision::PollAfter(delay),
        }
    }

    fn record(&mut self, now: Duration, percent: Option<u8>) {
        let t = self.since_creation(now);
        match (self.percent, percent) {
            (Some(old), Some(new)) if new > old => {
                self.rises.push(Rise {
                    after: self.last_running,
                    by: t,
                    from: old,
                    to: new,
                });
                self.percent = Some(new);
                self.moved_at = now;
                self.stall_reported = false;
            }
            (None, Some(first)) => {
                self.percent = Some(first);
                self.first_percent_at = t;
            }
            // Unchanged, going backwards or no percent at all: no progress.
            _ => {}
        }
        self.last_running = t;
    }

    fn belief(&self) -> belief::Belief {
        forecast::forecast(
            &self.options.expected,
            &self.rises,
            self.first_percent_at,
            self.last_running,
        )
    }

    fn limits(&self) -> Limits {
        let o = &self.options;
        Limits {
            min: o.min_interval.as_secs_f64(),
            max: o.max_interval.as_secs_f64(),
            when_likely: o.interval_when_likely.as_secs_f64(),
            when_possible: o.interval_when_possible.as_secs_f64(),
            lateness_per_poll: o.lateness_per_poll.as_secs_f64(),
        }
    }

    /// Seconds since the task's creation.
    fn since_creation(&self, t: Duration) -> f64 {
        t.saturating_sub(self.start).as_secs_f64() + self.age
    }
}

/// Seconds to a `Duration`, saturating instead of panicking on NaN, negatives or overflow.
fn secs(s: f64) -> Duration {
    if s.is_nan() || s <= 0.0 {
        Duration::ZERO
    } else if s >= 1e9 {
        Duration::from_secs(1_000_000_000)
    } else {
        Duration::from_secs_f64(s)
    }
}
