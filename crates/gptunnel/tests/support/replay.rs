//! Replays simulated jobs through a poller on a virtual clock and measures the outcome.
//!
//! Our poller runs exactly as `Client::wait` drives it: the create's answer is the first
//! observation, every later poll costs one request, and a finished task teaches the client's
//! duration memory what it took (as seen, late poll included). Fixed pollers poll every `n`
//! seconds and wait out a `Retry-After`. The create itself is not counted.
//!
//! "Delay" is the time from a job being done to the poll that sees it, minus the time the
//! server asked to wait with `Retry-After` (issue 11); errors without `Retry-After` count.
use std::time::Duration;

use gptunnel::poll::{Decision, DurationMemory, Observation, PollOptions, Poller, TaskKind};

use super::population::{mix, Answer, Job, Model};

/// Give up after this long without progress (the wait's default timeout).
const GIVE_UP_AFTER: f64 = 600.0;
/// Safety net against a scheduler that never stops.
const MAX_REQUESTS_PER_JOB: u32 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    Ours,
    Fixed(f64),
}

impl Strategy {
    pub fn name(self) -> String {
        match self {
            Strategy::Ours => "adaptive (ours)".to_string(),
            Strategy::Fixed(every) => format!("fixed {every} s"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ending {
    Finished { delay: f64 },
    Failed,
    TimedOut,
}

#[derive(Debug, Clone)]
pub struct Run {
    pub model: Model,
    pub requests: u32,
    pub ending: Ending,
    /// Every poll: when, and what it returned.
    pub polls: Vec<(f64, Answer)>,
}

/// Replays `jobs` in order under `strategy`, one client (one duration memory) for all of them.
pub fn replay_all(jobs: &[Job], strategy: Strategy, seed: u64) -> Vec<Run> {
    let memory = DurationMemory::new();
    jobs.iter()
        .enumerate()
        .map(|(i, job)| replay(job, strategy, &memory, mix(seed ^ i as u64)))
        .collect()
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

/// Drives one job to its end, on a virtual clock.
pub fn replay(job: &Job, strategy: Strategy, memory: &DurationMemory, seed: u64) -> Run {
    let kind = if job.has_percent {
        TaskKind::Midjourney(job.kind)
    } else {
        TaskKind::Media(job.kind)
    };
    let mut poller = (strategy == Strategy::Ours).then(|| {
        let options = PollOptions {
            expected: memory.expected(kind),
            seed,
            ..PollOptions::default()
        };
        Poller::new(options, Duration::ZERO)
    });
    let (mut now, mut requests, mut percent, mut moved_at) = (0.0f64, 0u32, 0u8, 0.0f64);
    // Intervals the server asked us to wait (Retry-After), excluded from the delay.
    let mut told_to_wait: Vec<(f64, f64)> = Vec::new();
    let mut polls = Vec::new();
    let end = |requests, ending, polls| Run {
        model: job.model,
        requests,
        ending,
        polls,
    };
    // The create's answer: a task just made.
    let mut answer = Answer::Running(job.has_percent.then_some(0));
    loop {
        let retry_after = match answer {
            Answer::Error { retry_after } => retry_after,
            _ => None,
        };
        if let Some(wait) = retry_after {
            told_to_wait.push((now, now + wait));
        }
        let delay = match (strategy, poller.as_mut()) {
            (Strategy::Ours, Some(poller)) => {
                let observation = match answer {
                    Answer::Running(percent) => Observation::Running { percent },
                    _ => Observation::RetryableError {
                        retry_after: retry_after.map(secs),
                    },
                };
                match poller.observe(secs(now), observation) {
                    Decision::PollAfter(delay) | Decision::Stalled { then: delay, .. } => {
                        delay.as_secs_f64()
                    }
                    Decision::TimedOut => return end(requests, Ending::TimedOut, polls),
                }
            }
            (Strategy::Fixed(every), _) => {
                if now - moved_at >= GIVE_UP_AFTER {
                    return end(requests, Ending::TimedOut, polls);
                }
                retry_after.map_or(every, |wait| wait.max(every))
            }
            (Strategy::Ours, None) => unreachable!("our strategy always has a poller"),
        };
        now += delay;
        requests += 1;
        if requests >= MAX_REQUESTS_PER_JOB {
            return end(requests, Ending::TimedOut, polls);
        }
        answer = job.answer(now);
        polls.push((now, answer));
        match answer {
            Answer::Done => {
                memory.record(kind, secs(now));
                if let Some(overrun) = poller.as_ref().and_then(|p| p.overrun(secs(now))) {
                    memory.record_overrun(kind, overrun);
                }
                let waited: f64 = told_to_wait
                    .iter()
                    .map(|&(a, b)| (b.min(now) - a.max(job.end)).max(0.0))
                    .sum();
                let delay = now - job.end - waited;
                return end(requests, Ending::Finished { delay }, polls);
            }
            Answer::Failed => return end(requests, Ending::Failed, polls),
            Answer::Running(Some(p)) if p > percent => {
                percent = p;
                moved_at = now;
            }
            _ => {}
        }
    }
}

/// What a strategy did over a set of runs.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub jobs: usize,
    pub requests: u64,
    pub finished: usize,
    pub failed: usize,
    pub timed_out: usize,
    pub requests_per_finished: f64,
    pub requests_per_job: f64,
    pub median_delay: f64,
    pub p95_delay: f64,
    pub max_delay: f64,
    /// Finished jobs seen more than 3 s late.
    pub late_over_3s: usize,
}

impl Stats {
    pub fn of<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Stats {
        let mut stats = Stats::default();
        let mut delays = Vec::new();
        for run in runs {
            stats.jobs += 1;
            stats.requests += u64::from(run.requests);
            match run.ending {
                Ending::Finished { delay } => {
                    stats.finished += 1;
                    delays.push(delay);
                }
                Ending::Failed => stats.failed += 1,
                Ending::TimedOut => stats.timed_out += 1,
            }
        }
        delays.sort_by(f64::total_cmp);
        stats.late_over_3s = delays.iter().filter(|&&d| d > 3.0).count();
        stats.requests_per_finished = stats.requests as f64 / stats.finished.max(1) as f64;
        stats.requests_per_job = stats.requests as f64 / stats.jobs.max(1) as f64;
        stats.median_delay = quantile(&delays, 0.5);
        stats.p95_delay = quantile(&delays, 0.95);
        stats.max_delay = delays.last().copied().unwrap_or(f64::NAN);
        stats
    }
}

/// Nearest-rank quantile of sorted values; NaN when empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
