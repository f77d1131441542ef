//! How `percent` moves while a task runs. The provider documents none of it, so a client must
//! not be tuned to one shape: each task follows one of several progress models, picked per task
//! by a seeded mix \[assumed\]. A model and a per-task seed give a `Schedule`, a pure function
//! of the task's duration: deterministic, and testable without sleeping.
//!
//! Every schedule starts `idle` (the documented status of a just-created task), then shows
//! non-decreasing percents below 100, then the task is done at the end of its duration.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::model::rng::{mix, Rng};

/// Midjourney-like uneven percents of the `ladder` model (what the studio showed in the past).
const LADDER_PERCENTS: [u8; 7] = [0, 15, 31, 46, 62, 78, 93];
/// Every task is idle for at least this share of its duration, so a create answers `idle`.
const MIN_IDLE_SHARE: f64 = 0.03;
/// Longest queue of the `queued` model, in seconds.
const MAX_QUEUE_SECONDS: f64 = 15.0;
/// The queue never takes more than this share of the duration, so a 1 s task still ends at 1 s.
const MAX_QUEUE_SHARE: f64 = 0.5;
/// `stall` holds somewhere in this percent range…
const STALL_PERCENTS: (u8, u8) = (85, 93);
/// …from this share of the duration on (so the hold lasts 55–70 % of it).
const STALL_FROM: (f64, f64) = (0.30, 0.45);
/// Shares of the `mix`, in `ProgressModel::ALL` order \[assumed\].
const MIX_WEIGHTS: [u32; 5] = [30, 20, 15, 15, 20];

/// One way percent moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressModel {
    /// Uneven steps (0, 15, 31, … 93) at irregular, seeded times.
    Ladder,
    /// Small steps of 1–3 % moving often.
    Smooth,
    /// Percent stays 0 (status `processing`) until done.
    Silent,
    /// Normal progress, then a long hold somewhere in 85–93 % before done.
    Stall,
    /// `idle` at 0 % for a queue of 0–15 s (at most half the duration), then a ladder.
    Queued,
}

impl ProgressModel {
    pub const ALL: [ProgressModel; 5] = [
        ProgressModel::Ladder,
        ProgressModel::Smooth,
        ProgressModel::Silent,
        ProgressModel::Stall,
        ProgressModel::Queued,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProgressModel::Ladder => "ladder",
            ProgressModel::Smooth => "smooth",
            ProgressModel::Silent => "silent",
            ProgressModel::Stall => "stall",
            ProgressModel::Queued => "queued",
        }
    }
}

/// What the emulator is configured with: one model for every task, or a seeded mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    Only(ProgressModel),
    #[default]
    Mix,
}

impl Progress {
    /// The model of the task whose seed is `task_seed`.
    pub(crate) fn model_for(self, task_seed: u64) -> ProgressModel {
        match self {
            Progress::Only(model) => model,
            Progress::Mix => {
                let total: u32 = MIX_WEIGHTS.iter().sum();
                let mut roll = (mix(task_seed, 0x51) % u64::from(total)) as u32;
                for (model, weight) in ProgressModel::ALL.into_iter().zip(MIX_WEIGHTS) {
                    if roll < weight {
                        return model;
                    }
                    roll -= weight;
                }
                ProgressModel::Ladder
            }
        }
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Only(model) => f.write_str(model.name()),
            Progress::Mix => f.write_str("mix"),
        }
    }
}

impl FromStr for Progress {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "mix" {
            return Ok(Progress::Mix);
        }
        ProgressModel::ALL
            .into_iter()
            .find(|model| model.name() == text)
            .map(Progress::Only)
            .ok_or_else(|| {
                format!("unknown progress model '{text}' (expected ladder, smooth, silent, stall, queued or mix)")
            })
    }
}

/// The percents of one task over its life, in shares of its duration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schedule {
    /// `(from, percent)`: from share `from` of the duration on, `percent` is shown. Both
    /// ascend; the first entry ends the idle time.
    steps: Vec<(f64, u8)>,
}

impl Schedule {
    pub(crate) fn new(model: ProgressModel, seed: u64, duration: Duration) -> Schedule {
        let mut rng = Rng::new(mix(seed, 0x5c));
        let steps = match model {
            ProgressModel::Ladder => {
                let idle = rng.range(MIN_IDLE_SHARE, 0.12);
                spread(&mut rng, idle, 1.0, &LADDER_PERCENTS)
            }
            ProgressModel::Smooth => {
                let idle = rng.range(MIN_IDLE_SHARE, 0.08);
                let mut percents = vec![0u8];
                while let Some(&last) = percents.last().filter(|last| **last < 96) {
                    percents.push(last + 1 + rng.below(3) as u8);
                }
                spread(&mut rng, idle, 1.0, &percents)
            }
            ProgressModel::Silent => vec![(rng.range(MIN_IDLE_SHARE, 0.12), 0)],
            ProgressModel::Stall => {
                let idle = rng.range(MIN_IDLE_SHARE, 0.08);
                let (low, high) = STALL_PERCENTS;
                let hold = low + rng.below(u64::from(high - low) + 1) as u8;
                let hold_from = rng.range(STALL_FROM.0, STALL_FROM.1);
                let mut percents = vec![0u8];
                while let Some(&last) = percents.last().filter(|last| **last < hold) {
                    percents.push((last + 8 + rng.below(10) as u8).min(hold));
                }
                // The rise ends where the hold begins: the hold is the last step.
                let mut steps = spread(&mut rng, idle, hold_from, &percents[..percents.len() - 1]);
                steps.push((hold_from, hold));
                steps
            }
            ProgressModel::Queued => {
                let queue = rng.range(0.0, MAX_QUEUE_SECONDS);
                let share = queue / duration.as_secs_f64().max(1e-9);
                let idle = share.clamp(MIN_IDLE_SHARE, MAX_QUEUE_SHARE);
                spread(&mut rng, idle, 1.0, &LADDER_PERCENTS)
            }
        };
        Schedule { steps }
    }

    /// The percent shown at `progress` (share of the duration, below 1), or `None` while idle.
    pub(crate) fn percent_at(&self, progress: f64) -> Option<u8> {
        self.steps
            .iter()
            .take_while(|(from, _)| *from <= progress)
            .last()
            .map(|(_, percent)| *percent)
    }
}

/// Places `percents` between shares `start` and `end`, each held for a seeded, uneven time.
fn spread(rng: &mut Rng, start: f64, end: f64, percents: &[u8]) -> Vec<(f64, u8)> {
    let weights: Vec<f64> = percents.iter().map(|_| rng.range(0.3, 1.7)).collect();
    let total: f64 = weights.iter().sum();
    let mut at = start;
    percents
        .iter()
        .zip(&weights)
        .map(|(percent, weight)| {
            let step = (at, *percent);
            at += (end - start) * weight / total;
            step
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn percents(schedule: &Schedule) -> Vec<u8> {
        (0..1000)
            .filter_map(|n| schedule.percent_at(f64::from(n) / 1000.0))
            .collect()
    }

    #[test]
    fn every_model_starts_idle_and_never_goes_down_or_reaches_100() {
        for model in ProgressModel::ALL {
            for seed in 0..200 {
                let schedule = Schedule::new(model, seed, MINUTE);
                assert_eq!(schedule.percent_at(0.0), None, "{model:?} {seed}");
                let shown = percents(&schedule);
                assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{model:?} {seed}");
                assert!(shown.iter().all(|p| *p < 100), "{model:?} {seed}");
            }
        }
    }

    #[test]
    fn progress_names_parse_back_and_others_are_refused() {
        for name in ["ladder", "smooth", "silent", "stall", "queued", "mix"] {
            let progress: Progress = name.parse().unwrap();
            assert_eq!(progress.to_string(), name);
        }
        assert!("Ladder".parse::<Progress>().is_err());
        assert!("".parse::<Progress>().is_err());
    }

    #[test]
    fn the_same_seed_gives_the_same_schedule() {
        let a = Schedule::new(ProgressModel::Smooth, 9, MINUTE);
        assert_eq!(a, Schedule::new(ProgressModel::Smooth, 9, MINUTE));
        assert_ne!(a, Schedule::new(ProgressModel::Smooth, 10, MINUTE));
    }
}
