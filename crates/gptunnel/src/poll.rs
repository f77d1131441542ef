//! Sans-IO poll scheduler. STUB: the interface is fixed, the bodies are being written.
use std::time::Duration;

/// Tuning for [`Poller`].
#[derive(Debug, Clone, PartialEq)]
pub struct PollOptions {
    /// Give up when nothing has moved for this long (restarts on every progress). `None` = never.
    pub timeout: Option<Duration>,
    /// Report a stall when progress has not moved for this long, then keep waiting. `None` = never.
    pub stall_after: Option<Duration>,
    /// Never poll more often than this.
    pub min_interval: Duration,
    /// Never wait longer than this between two polls of a running task.
    pub max_interval: Duration,
}

/// What one poll told the scheduler.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observation {
    /// The task is still running; `percent` is its progress (0–100) as reported.
    Running {
        /// Reported progress, 0–100.
        percent: u8,
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

/// Decides when to poll a running task, from observations and the caller's clock.
#[derive(Debug, Clone)]
pub struct Poller {
    _options: PollOptions,
}

impl Poller {
    /// A poller for a task created (or first seen) at `now`.
    pub fn new(options: PollOptions, now: Duration) -> Self {
        let _ = now;
        Self { _options: options }
    }

    /// Feed one observation made at `now` and get the next step.
    pub fn observe(&mut self, now: Duration, observation: Observation) -> Decision {
        let _ = (now, observation);
        Decision::PollAfter(Duration::from_secs(2))
    }
}
