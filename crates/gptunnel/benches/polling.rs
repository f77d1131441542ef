//! Polling efficiency benchmark (issue 7.1): `cargo bench -p gptunnel --bench polling`.
//!
//! Replays the same simulated Midjourney-like jobs through our adaptive [`Poller`] and through
//! fixed-interval pollers (0.5 s, 2 s, 5 s) on a virtual clock, so the whole run takes seconds.
//! Every simulated poll costs one request (the create call is the same for all and not counted).
//!
//! The jobs follow the contract's "Generation time": 30–90 s from create to done, a queue
//! at 0 % first, then percent in steps every few seconds (0, 15, 31, 46, 62, 77, 92, 100 and
//! similar ladders), some long pauses at 85–93 % (finishing or failing afterwards), some
//! failures, and polls answered with 5xx outages, 429 windows with `Retry-After`, isolated 5xx
//! and undecodable bodies. Everything is drawn from a seeded generator: reruns print the same
//! numbers. The bench prints a table and writes `target/bench/polling.json`; it never fails on
//! the numbers.
use gptunnel::poll::{Decision, Observation, PollOptions, Poller};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

const SEEDS: [u64; 5] = [
    0x5EED_0001,
    0x5EED_0002,
    0x5EED_0003,
    0x5EED_0004,
    0x5EED_0005,
];
const JOBS_PER_SEED: usize = 300;
/// Fixed pollers give up like ours: after this long without progress.
const GIVE_UP_AFTER: f64 = 600.0;
/// Safety net against a scheduler that never stops.
const MAX_REQUESTS_PER_JOB: u32 = 5_000;

/// xorshift64*: small, seeded, good enough to draw job shapes.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(splitmix(seed) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One simulated task, times in seconds since its creation.
struct Job {
    /// `(since, percent)`: the percent the server reports from `since` on; starts at `(0, 0)`.
    ladder: Vec<(f64, u8)>,
    /// When the task becomes done (or failed, when `fails`).
    end: f64,
    fails: bool,
    /// Windows answered with 503.
    outages: Vec<(f64, f64)>,
    /// Windows answered with 429 and a `Retry-After` (whole seconds) until the window ends.
    rate_limits: Vec<(f64, f64)>,
    /// Seeds the isolated per-poll errors, a pure function of (job, poll time).
    noise: u64,
    /// No long pause, no failure, no outage or 429 window: the common case.
    plain: bool,
}

enum Response {
    Running(u8),
    Done,
    Failed,
    ServerError,
    TooManyRequests { retry_after: f64 },
    Undecodable,
}

impl Job {
    fn generate(rng: &mut Rng) -> Job {
        let total = rng.range(30.0, 90.0);
        let queue = match rng.unit() {
            u if u < 0.5 => rng.range(0.5, 4.0),
            u if u < 0.85 => rng.range(4.0, 15.0),
            _ => rng.range(15.0, 30.0),
        }
        .min(total - 20.0);
        let levels = match rng.unit() {
            u if u < 0.7 => 6,
            u if u < 0.85 => 5,
            _ => 7,
        };
        // levels + 1 intervals (the last one ends at done), each jittered by ±25 %.
        let weights: Vec<f64> = (0..=levels).map(|_| rng.range(0.75, 1.25)).collect();
        let sum: f64 = weights.iter().sum();
        let run = total - queue;
        let mut ladder = vec![(0.0, 0u8)];
        let mut t = queue;
        let mut last = 0u8;
        for (k, w) in weights.iter().take(levels).enumerate() {
            t += run * w / sum;
            let ideal = 100.0 * (k + 1) as f64 / (levels as f64 + 0.5);
            let noisy = (ideal + rng.range(-1.5, 1.5)).round().clamp(1.0, 99.0) as u8;
            last = noisy.max(last + 1);
            ladder.push((t, last));
        }
        let mut end = t + run * weights[levels] / sum;
        let mut fails = false;
        let mut plain = true;
        if rng.chance(0.12) {
            // The known plague: a long pause at the last level (85–93 %), then done or failed.
            end += rng.range(30.0, 240.0);
            fails = rng.chance(0.35);
            plain = false;
        } else if rng.chance(0.05) {
            // Fails somewhere along the way (moderation, internal error).
            end = rng.range(5.0, end);
            fails = true;
            ladder.retain(|&(since, _)| since < end);
            plain = false;
        }
        let mut outages = Vec::new();
        if rng.chance(0.10) {
            let start = rng.range(0.0, end);
            outages.push((start, start + rng.range(5.0, 30.0)));
        }
        let mut rate_limits = Vec::new();
        if rng.chance(0.08) {
            let start = rng.range(0.0, end);
            rate_limits.push((start, start + rng.range(3.0, 20.0)));
        }
        plain &= outages.is_empty() && rate_limits.is_empty();
        Job {
            ladder,
            end,
            fails,
            outages,
            rate_limits,
            noise: rng.next_u64(),
            plain,
        }
    }

    fn respond(&self, t: f64) -> Response {
        if self.outages.iter().any(|&(a, b)| a <= t && t < b) {
            return Response::ServerError;
        }
        if let Some(&(_, b)) = self.rate_limits.iter().find(|&&(a, b)| a <= t && t < b) {
            return Response::TooManyRequests {
                retry_after: (b - t).ceil().max(1.0),
            };
        }
        let roll = Rng::new(self.noise ^ (t * 1000.0) as u64).unit();
        if roll < 0.02 {
            return Response::ServerError;
        }
        if roll < 0.03 {
            return Response::Undecodable;
        }
        if t >= self.end {
            return if self.fails {
                Response::Failed
            } else {
                Response::Done
            };
        }
        let percent = self
            .ladder
            .iter()
            .take_while(|&&(since, _)| since <= t)
            .last()
            .map_or(0, |&(_, p)| p);
        Response::Running(percent)
    }
}

#[derive(Clone, Copy)]
enum Strategy {
    Ours,
    Fixed(f64),
}

impl Strategy {
    fn name(self) -> String {
        match self {
            Strategy::Ours => "adaptive (ours)".to_string(),
            Strategy::Fixed(every) => format!("fixed {every} s"),
        }
    }
}

enum Ending {
    Finished { delay: f64 },
    Failed,
    TimedOut,
}

struct Run {
    requests: u32,
    ending: Ending,
}

/// Drives one job to its end under one strategy, on a virtual clock.
fn replay(job: &Job, strategy: Strategy, seed: u64) -> Run {
    let options = PollOptions {
        seed,
        ..PollOptions::default()
    };
    let mut ours = matches!(strategy, Strategy::Ours).then(|| Poller::new(options, Duration::ZERO));
    let (mut now, mut requests, mut percent, mut moved_at) = (0.0f64, 0u32, 0u8, 0.0f64);
    let end = |requests, ending| Run { requests, ending };
    // The create call answered a task at 0 %.
    let mut observation = Observation::Running { percent: 0 };
    loop {
        let delay = match (strategy, ours.as_mut()) {
            (_, Some(poller)) => match poller.observe(Duration::from_secs_f64(now), observation) {
                Decision::PollAfter(delay) | Decision::Stalled { then: delay, .. } => {
                    delay.as_secs_f64()
                }
                Decision::TimedOut => return end(requests, Ending::TimedOut),
            },
            (Strategy::Fixed(every), None) => {
                if now - moved_at >= GIVE_UP_AFTER {
                    return end(requests, Ending::TimedOut);
                }
                // A fixed poller still waits out a Retry-After.
                match observation {
                    Observation::RetryableError {
                        retry_after: Some(wait),
                    } => wait.as_secs_f64().max(every),
                    _ => every,
                }
            }
            (Strategy::Ours, None) => unreachable!("our strategy always has a poller"),
        };
        now += delay;
        requests += 1;
        if requests >= MAX_REQUESTS_PER_JOB {
            return end(requests, Ending::TimedOut);
        }
        observation = match job.respond(now) {
            Response::Done => {
                return end(
                    requests,
                    Ending::Finished {
                        delay: now - job.end,
                    },
                )
            }
            Response::Failed => return end(requests, Ending::Failed),
            Response::Running(p) => {
                if p > percent {
                    percent = p;
                    moved_at = now;
                }
                Observation::Running { percent: p }
            }
            Response::ServerError | Response::Undecodable => {
                Observation::RetryableError { retry_after: None }
            }
            Response::TooManyRequests { retry_after } => Observation::RetryableError {
                retry_after: Some(Duration::from_secs_f64(retry_after)),
            },
        };
    }
}

#[derive(Clone, Default)]
struct Stats {
    requests_per_finished: f64,
    requests_per_job: f64,
    requests_per_plain_job: f64,
    median_delay: f64,
    p95_delay: f64,
    finished: f64,
    failed: f64,
    timed_out: f64,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.into_iter().collect();
    v.sort_by(f64::total_cmp);
    quantile(&v, 0.5)
}

fn measure(jobs: &[Job], strategy: Strategy, seed: u64) -> Stats {
    let (mut requests, mut finished, mut failed, mut timed_out) = (0u64, 0u32, 0u32, 0u32);
    let (mut plain_requests, mut plain_jobs) = (0u64, 0u32);
    let mut delays = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let run = replay(job, strategy, splitmix(seed ^ i as u64));
        requests += u64::from(run.requests);
        if job.plain {
            plain_requests += u64::from(run.requests);
            plain_jobs += 1;
        }
        match run.ending {
            Ending::Finished { delay } => {
                finished += 1;
                delays.push(delay);
            }
            Ending::Failed => failed += 1,
            Ending::TimedOut => timed_out += 1,
        }
    }
    delays.sort_by(f64::total_cmp);
    Stats {
        requests_per_finished: requests as f64 / f64::from(finished.max(1)),
        requests_per_job: requests as f64 / jobs.len() as f64,
        requests_per_plain_job: plain_requests as f64 / f64::from(plain_jobs.max(1)),
        median_delay: quantile(&delays, 0.5),
        p95_delay: quantile(&delays, 0.95),
        finished: f64::from(finished),
        failed: f64::from(failed),
        timed_out: f64::from(timed_out),
    }
}

/// The median of each field over the seeds.
fn median_stats(runs: &[Stats]) -> Stats {
    Stats {
        requests_per_finished: median(runs.iter().map(|s| s.requests_per_finished)),
        requests_per_job: median(runs.iter().map(|s| s.requests_per_job)),
        requests_per_plain_job: median(runs.iter().map(|s| s.requests_per_plain_job)),
        median_delay: median(runs.iter().map(|s| s.median_delay)),
        p95_delay: median(runs.iter().map(|s| s.p95_delay)),
        finished: median(runs.iter().map(|s| s.finished)),
        failed: median(runs.iter().map(|s| s.failed)),
        timed_out: median(runs.iter().map(|s| s.timed_out)),
    }
}

/// A JSON number, or `null` for NaN (no finished job).
fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.4}")
    } else {
        "null".to_string()
    }
}

fn stats_json(s: &Stats) -> String {
    format!(
        "\"requests_per_finished_job\": {}, \"requests_per_job\": {}, \"requests_per_plain_job\": {}, \
         \"median_done_delay_s\": {}, \"p95_done_delay_s\": {}, \"finished\": {}, \"failed\": {}, \"timed_out\": {}",
        number(s.requests_per_finished),
        number(s.requests_per_job),
        number(s.requests_per_plain_job),
        number(s.median_delay),
        number(s.p95_delay),
        s.finished,
        s.failed,
        s.timed_out
    )
}

/// `$CARGO_TARGET_DIR`, else `target/` beside the Cargo.lock found above this package.
fn target_dir() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(&manifest)
        .to_path_buf();
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

fn main() {
    let strategies = [
        Strategy::Ours,
        Strategy::Fixed(0.5),
        Strategy::Fixed(2.0),
        Strategy::Fixed(5.0),
    ];
    // per_seed[seed][strategy]
    let per_seed: Vec<Vec<Stats>> = SEEDS
        .iter()
        .map(|&seed| {
            let mut rng = Rng::new(seed);
            let jobs: Vec<Job> = (0..JOBS_PER_SEED)
                .map(|_| Job::generate(&mut rng))
                .collect();
            strategies
                .iter()
                .map(|&s| measure(&jobs, s, seed))
                .collect()
        })
        .collect();
    let summary: Vec<Stats> = (0..strategies.len())
        .map(|k| {
            median_stats(
                &per_seed
                    .iter()
                    .map(|row| row[k].clone())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    // Ratios against the 2 s poller, per seed, then their median.
    let ratio = |f: fn(&Stats) -> f64| median(per_seed.iter().map(|row| f(&row[0]) / f(&row[2])));
    let requests_ratio = ratio(|s| s.requests_per_finished);
    let delay_ratio = ratio(|s| s.median_delay);
    let plain_ratio = ratio(|s| s.requests_per_plain_job);

    println!(
        "polling bench: {} seeds x {} Midjourney-like jobs, medians over seeds",
        SEEDS.len(),
        JOBS_PER_SEED
    );
    println!(
        "{:<16} {:>11} {:>9} {:>10} {:>9} {:>9} {:>7} {:>9}",
        "poller", "req/finished", "req/job", "median s", "p95 s", "finished", "failed", "timed out"
    );
    for (strategy, s) in strategies.iter().zip(&summary) {
        println!(
            "{:<16} {:>11.2} {:>9.2} {:>10.2} {:>9.2} {:>9} {:>7} {:>9}",
            strategy.name(),
            s.requests_per_finished,
            s.requests_per_job,
            s.median_delay,
            s.p95_delay,
            s.finished,
            s.failed,
            s.timed_out
        );
    }
    println!("ours / fixed 2 s: requests {requests_ratio:.3} (target <= 0.333), median delay {delay_ratio:.3} (target <= 1)");
    println!(
        "plain jobs only (no long pause, failure or error window): ours {:.2} req/job, fixed 2 s {:.2}, ratio {plain_ratio:.3}",
        summary[0].requests_per_plain_job, summary[2].requests_per_plain_job
    );
    for (seed, row) in SEEDS.iter().zip(&per_seed) {
        println!(
            "  seed {seed:#x}: ours {:.2} req/finished, median {:.2} s, p95 {:.2} s | 2 s: {:.2} req/finished, median {:.2} s",
            row[0].requests_per_finished, row[0].median_delay, row[0].p95_delay, row[2].requests_per_finished, row[2].median_delay
        );
    }

    let mut json = String::new();
    let _ = write!(json, "{{\n  \"bench\": \"polling\",\n  \"seeds\": {SEEDS:?},\n  \"jobs_per_seed\": {JOBS_PER_SEED},\n  \"pollers\": [");
    for (k, (strategy, s)) in strategies.iter().zip(&summary).enumerate() {
        let _ = write!(
            json,
            "{}\n    {{\"name\": \"{}\", {}}}",
            if k == 0 { "" } else { "," },
            strategy.name(),
            stats_json(s)
        );
    }
    let _ = write!(
        json,
        "\n  ],\n  \"ours_vs_fixed_2s\": {{\"requests_ratio\": {}, \"median_delay_ratio\": {}, \"plain_requests_ratio\": {}}},\n  \"per_seed\": [",
        number(requests_ratio),
        number(delay_ratio),
        number(plain_ratio)
    );
    for (k, (seed, row)) in SEEDS.iter().zip(&per_seed).enumerate() {
        let pollers: Vec<String> = strategies
            .iter()
            .zip(row)
            .map(|(strategy, s)| {
                format!("{{\"name\": \"{}\", {}}}", strategy.name(), stats_json(s))
            })
            .collect();
        let _ = write!(
            json,
            "{}\n    {{\"seed\": {seed}, \"pollers\": [{}]}}",
            if k == 0 { "" } else { "," },
            pollers.join(", ")
        );
    }
    json.push_str("\n  ]\n}\n");
    let dir = target_dir().join("bench");
    let path = dir.join("polling.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, json)) {
        Ok(()) => println!("wrote {}", path.display()),
        Err(err) => eprintln!("could not write {}: {err}", path.display()),
    }
}
