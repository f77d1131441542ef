//! How a task moves through its life, as a pure function of elapsed time: `idle` first, then
//! `processing` with the percents of its progress schedule (see `progress`), then `done` at 100.
//! A task chosen to fail stops at `FAILURE_POINT` of its duration.

use std::time::Duration;

use crate::domain::progress::Schedule;

/// Share of the duration after which a failing task turns `failed`.
pub(crate) const FAILURE_POINT: f64 = 0.5;

/// Where a task is at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Idle,
    Processing { percent: u8 },
    Done,
    Failed { percent: u8 },
}

impl Phase {
    /// The wire `status` \[doc: idle, done; seen: processing, failed\].
    pub(crate) fn status(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Processing { .. } => "processing",
            Phase::Done => "done",
            Phase::Failed { .. } => "failed",
        }
    }

    pub(crate) fn percent(self) -> u8 {
        match self {
            Phase::Idle => 0,
            Phase::Processing { percent } | Phase::Failed { percent } => percent,
            Phase::Done => 100,
        }
    }

    /// Whether a picture (preview or final) exists: from the first non-zero step on.
    pub(crate) fn has_picture(self) -> bool {
        matches!(self, Phase::Done) || matches!(self, Phase::Processing { percent } if percent > 0)
    }

    pub(crate) fn is_finished(self) -> bool {
        matches!(self, Phase::Done | Phase::Failed { .. })
    }
}

/// The phase of a task `elapsed` after creation, given its total `duration` and the percents
/// it shows on the way.
pub(crate) fn phase_at(
    elapsed: Duration,
    duration: Duration,
    schedule: &Schedule,
    fails: bool,
) -> Phase {
    let progress = elapsed.as_secs_f64() / duration.as_secs_f64().max(1e-9);
    if fails && progress >= FAILURE_POINT {
        return Phase::Failed {
            percent: schedule.percent_at(FAILURE_POINT).unwrap_or(0),
        };
    }
    if progress >= 1.0 {
        return Phase::Done;
    }
    match schedule.percent_at(progress) {
        None => Phase::Idle,
        Some(percent) => Phase::Processing { percent },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::ProgressModel;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_task_is_idle_then_processing_without_going_down_then_done() {
        let duration = 10 * SECOND;
        for model in ProgressModel::ALL {
            let schedule = Schedule::new(model, 3, duration);
            let at = |elapsed| phase_at(elapsed, duration, &schedule, false);
            assert_eq!(at(Duration::ZERO), Phase::Idle, "{model:?}");
            let mut last = 0;
            for hundredth in 1..100 {
                let percent = at(duration * hundredth / 100).percent();
                assert!(percent >= last, "{model:?}: went down at {hundredth}%");
                last = percent;
            }
            assert_eq!(
                at(duration - Duration::from_millis(1)).status(),
                "processing"
            );
            assert_eq!(at(duration), Phase::Done);
            assert_eq!(at(duration * 3), Phase::Done);
        }
    }

    #[test]
    fn a_failing_task_fails_midway_and_stays_failed() {
        let duration = 10 * SECOND;
        let schedule = Schedule::new(ProgressModel::Ladder, 1, duration);
        let at = |elapsed| phase_at(elapsed, duration, &schedule, true);
        assert!(matches!(at(4 * SECOND), Phase::Processing { .. }));
        let failed = at(5 * SECOND);
        assert_eq!(failed.status(), "failed");
        assert_eq!(at(60 * SECOND), failed);
        assert!(!failed.has_picture());
    }
}
