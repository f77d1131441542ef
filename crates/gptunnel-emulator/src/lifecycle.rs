//! How a task moves through its life, as a pure function of elapsed time. Midjourney shows
//! `idle` first, then `processing` with percent jumping in uneven steps, then `done` at 100.
//! A task chosen to fail stops at `FAILURE_POINT` of its duration.

use std::time::Duration;

/// Percents shown while processing (Midjourney-like uneven steps).
pub const PROGRESS_STEPS: [u8; 7] = [0, 15, 31, 46, 62, 78, 93];
/// Share of the duration spent `idle` (queued) before processing starts.
pub const IDLE_SHARE: f64 = 0.1;
/// Share of the duration after which a failing task turns `failed`.
pub const FAILURE_POINT: f64 = 0.5;

/// Where a task is at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Processing { percent: u8 },
    Done,
    Failed { percent: u8 },
}

impl Phase {
    /// The wire `status` \[doc: idle, done; seen: processing, failed\].
    pub fn status(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Processing { .. } => "processing",
            Phase::Done => "done",
            Phase::Failed { .. } => "failed",
        }
    }

    pub fn percent(self) -> u8 {
        match self {
            Phase::Idle => 0,
            Phase::Processing { percent } | Phase::Failed { percent } => percent,
            Phase::Done => 100,
        }
    }

    /// Whether a picture (preview or final) exists: from the first non-zero step on.
    pub fn has_picture(self) -> bool {
        matches!(self, Phase::Done) || matches!(self, Phase::Processing { percent } if percent > 0)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, Phase::Done | Phase::Failed { .. })
    }
}

/// The phase of a task `elapsed` after creation, given its total `duration`.
pub fn phase_at(elapsed: Duration, duration: Duration, fails: bool) -> Phase {
    let progress = elapsed.as_secs_f64() / duration.as_secs_f64().max(1e-9);
    if fails && progress >= FAILURE_POINT {
        return Phase::Failed {
            percent: step_at(FAILURE_POINT),
        };
    }
    if progress >= 1.0 {
        Phase::Done
    } else if progress < IDLE_SHARE {
        Phase::Idle
    } else {
        Phase::Processing {
            percent: step_at(progress),
        }
    }
}

fn step_at(progress: f64) -> u8 {
    let within = ((progress - IDLE_SHARE) / (1.0 - IDLE_SHARE)).clamp(0.0, 1.0);
    let index = (within * PROGRESS_STEPS.len() as f64) as usize;
    PROGRESS_STEPS[index.min(PROGRESS_STEPS.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_task_is_idle_then_processing_in_rising_steps_then_done() {
        let duration = Duration::from_secs(10);
        assert_eq!(phase_at(Duration::ZERO, duration, false), Phase::Idle);
        let mut last = 0;
        for tenth in 1..100 {
            let phase = phase_at(duration * tenth / 100, duration, false);
            assert!(phase.percent() >= last, "percent went down at {tenth}%");
            last = phase.percent();
        }
        assert_eq!(phase_at(duration, duration, false), Phase::Done);
        assert_eq!(phase_at(duration * 3, duration, false), Phase::Done);
    }

    #[test]
    fn every_progress_step_is_shown() {
        let duration = Duration::from_secs(100);
        let shown: std::collections::BTreeSet<u8> = (0..1000)
            .map(|ms| phase_at(duration * ms / 1000, duration, false).percent())
            .collect();
        for step in PROGRESS_STEPS {
            assert!(shown.contains(&step), "step {step} never shown");
        }
    }

    #[test]
    fn a_failing_task_fails_midway_and_stays_failed() {
        let duration = 10 * SECOND;
        assert!(matches!(
            phase_at(4 * SECOND, duration, true),
            Phase::Processing { .. }
        ));
        let failed = phase_at(5 * SECOND, duration, true);
        assert_eq!(failed.status(), "failed");
        assert_eq!(phase_at(60 * SECOND, duration, true), failed);
        assert!(!failed.has_picture());
    }
}
