//! Simulated tasks for the polling test and bench: what a server would answer at any moment.
//!
//! The progress models are written from the description of real timelines, NOT from
//! the poller: nothing here is imported from `gptunnel::poll`, and the ladders, step sizes,
//! queues and media durations are drawn from their own ranges. Everything comes from a seeded
//! generator, so a run is the same every time.
//!
//! Midjourney mix (issue 11), each model equally likely, 15–120 s before any hold:
//! - `ladder`: 4–8 coarse levels whose step times vary from 0.5× to 1.6× of each other;
//! - `smooth`: small steps of 1–4 % every 0.7–2.5 s;
//! - `silent`: 0 % until done;
//! - `hold`: progress up to 85–93 %, then a hold of 20–150 s, then done (or failed);
//! - `queued`: 0 % for 0–15 s in a queue, then a ladder.
//!
//! Media mix: the contract's model ids (CONTRACT §4); each seed gives every model its own
//! typical duration (images 10–32 s, videos 75–240 s), each task takes 0.8–1.25× that, one in
//! 14 is slow (1.25–1.7×). No percent at all.
//!
//! Errors: 4 % of polls fail alone without `Retry-After` (5xx, dropped connection, unreadable
//! body); some jobs meet a 429 window (`Retry-After` = the rest of the window) or a 503 outage
//! (`Retry-After: 5`).

/// splitmix64: small and seeded.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Uniform in `lo..=hi`.
    pub fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// The splitmix64 finaliser: a good 64-bit hash.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How a simulated task shows its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Model {
    Ladder,
    Smooth,
    Silent,
    Hold,
    Queued,
    Image,
    Video,
}

impl Model {
    pub const MIDJOURNEY: [Model; 5] = [
        Model::Ladder,
        Model::Smooth,
        Model::Silent,
        Model::Hold,
        Model::Queued,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Model::Ladder => "ladder",
            Model::Smooth => "smooth",
            Model::Silent => "silent",
            Model::Hold => "hold",
            Model::Queued => "queued",
            Model::Image => "image",
            Model::Video => "video",
        }
    }
}

/// What one poll of a simulated task returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// Still running, with the percent when the task reports one.
    Running(Option<u8>),
    Done,
    Failed,
    /// A failed poll; `retry_after` in seconds when the server sent one.
    Error {
        retry_after: Option<f64>,
    },
}

/// A window of polls answered with an error carrying `Retry-After`.
#[derive(Debug, Clone, Copy)]
struct Window {
    start: f64,
    end: f64,
    /// `None`: the rest of the window, in whole seconds (a 429); else a fixed value (a 503).
    fixed_retry_after: Option<f64>,
}

/// One simulated task; times in seconds since its creation.
#[derive(Debug, Clone)]
pub struct Job {
    pub model: Model,
    /// The Midjourney task type or the media model id: what the client's memory is keyed by.
    pub kind: &'static str,
    /// `true` for Midjourney tasks (they report a percent), `false` for media tasks.
    pub has_percent: bool,
    /// `(since, percent)`, rising; the percent before the first entry is 0.
    levels: Vec<(f64, u8)>,
    /// When the task becomes done (or failed, when `fails`).
    pub end: f64,
    pub fails: bool,
    windows: Vec<Window>,
    /// Seeds the isolated poll errors: a pure function of (job, poll time).
    noise: u64,
}

/// Isolated errors without `Retry-After`, per poll.
const ISOLATED_ERRORS: f64 = 0.04;

impl Job {
    /// What a poll at `t` returns.
    pub fn answer(&self, t: f64) -> Answer {
        for w in &self.windows {
            if w.start <= t && t < w.end {
                let retry_after = w.fixed_retry_after.unwrap_or((w.end - t).ceil().max(1.0));
                return Answer::Error {
                    retry_after: Some(retry_after),
                };
            }
        }
        let roll = mix(self.noise ^ t.to_bits());
        if ((roll >> 11) as f64 / (1u64 << 53) as f64) < ISOLATED_ERRORS {
            return Answer::Error { retry_after: None };
        }
        if t >= self.end {
            return if self.fails {
                Answer::Failed
            } else {
                Answer::Done
            };
        }
        if !self.has_percent {
            return Answer::Running(None);
        }
        let percent = self
            .levels
            .iter()
            .take_while(|&&(since, _)| since <= t)
            .last()
            .map_or(0, |&(_, p)| p);
        Answer::Running(Some(percent))
    }
}

/// `count` Midjourney-like jobs, the five models equally likely.
pub fn midjourney_mix(seed: u64, count: usize) -> Vec<Job> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let model = Model::MIDJOURNEY[rng.int(0, 4) as usize];
            let mut job = midjourney_job(&mut rng, model);
            add_errors(&mut rng, &mut job);
            job
        })
        .collect()
}

/// The contract's media model ids and whether each makes videos.
pub const MEDIA_MODELS: [(&str, bool); 9] = [
    ("google-imagen-3", false),
    ("gpt-image-1-high", false),
    ("gpt-image-1-low", false),
    ("flux-dev", false),
    ("yandex-art", false),
    ("seedream-3", false),
    ("glabs-veo-3", true),
    ("glabs-veo-3-1-fast", true),
    ("seedance-1-lite-480P-5s", true),
];

/// `count` media jobs over the contract's models, each model with its own typical duration.
pub fn media_mix(seed: u64, count: usize) -> Vec<Job> {
    let mut rng = Rng::new(seed ^ 0x00D1_A000);
    let typical: Vec<f64> = MEDIA_MODELS
        .iter()
        .map(|&(_, video)| {
            if video {
                rng.range(75.0, 240.0)
            } else {
                rng.range(10.0, 32.0)
            }
        })
        .collect();
    (0..count)
        .map(|_| {
            let pick = rng.int(0, MEDIA_MODELS.len() as u32 - 1) as usize;
            let (kind, video) = MEDIA_MODELS[pick];
            let factor = if rng.chance(1.0 / 14.0) {
                rng.range(1.25, 1.7)
            } else {
                rng.range(0.8, 1.25)
            };
            let end = typical[pick] * factor;
            let fails = rng.chance(0.04);
            let mut job = Job {
                model: if video { Model::Video } else { Model::Image },
                kind,
                has_percent: false,
                levels: Vec::new(),
                end: if fails { rng.range(3.0, end) } else { end },
                fails,
                windows: Vec::new(),
                noise: 0,
            };
            add_errors(&mut rng, &mut job);
            job
        })
        .collect()
}

fn midjourney_job(rng: &mut Rng, model: Model) -> Job {
    let (levels, end, fails) = match model {
        Model::Ladder => {
            let end = rng.range(20.0, 110.0);
            let queue = rng.range(0.0, 4.0);
            let count = rng.int(4, 8);
            (ladder(rng, queue, end, count, (0.5, 1.6)), end, false)
        }
        Model::Smooth => {
            let end = rng.range(15.0, 100.0);
            let queue = rng.range(0.0, 3.0);
            let last = rng.range(94.0, 99.0);
            (smooth(rng, queue, end, last), end, false)
        }
        Model::Silent => (Vec::new(), rng.range(15.0, 120.0), false),
        Model::Queued => {
            let queue = rng.range(0.0, 15.0);
            let end = queue + rng.range(20.0, 90.0);
            let count = rng.int(5, 7);
            (ladder(rng, queue, end, count, (0.8, 1.25)), end, false)
        }
        Model::Hold => {
            // Reach the hold level at `held`, as a ladder or in small steps, then wait.
            let held = rng.range(15.0, 60.0);
            let level = rng.range(85.0, 93.0);
            let queue = rng.range(0.0, 3.0);
            let mut levels = if rng.chance(0.5) {
                let count = rng.int(4, 7);
                ladder(rng, queue, held * 1.15, count, (0.6, 1.4))
            } else {
                smooth(rng, queue, held * 1.05, level)
            };
            levels.retain(|&(since, p)| since < held && f64::from(p) < level);
            levels.push((held, level.round() as u8));
            let end = held + rng.range(20.0, 150.0);
            (levels, end, rng.chance(0.25))
        }
        Model::Image | Model::Video => unreachable!("media jobs are made by media_mix"),
    };
    let mut job = Job {
        model,
        kind: "imagine",
        has_percent: true,
        levels,
        end,
        fails,
        windows: Vec::new(),
        noise: 0,
    };
    if !job.fails && model != Model::Hold && rng.chance(0.04) {
        // Fails along the way (moderation, an internal error).
        job.end = rng.range(5.0, job.end);
        job.fails = true;
    }
    job
}

/// `count` levels between `queue` and `end`: step times drawn from `weights` (relative), levels
/// spread evenly below 100 with a little noise, done one step after the last level.
fn ladder(rng: &mut Rng, queue: f64, end: f64, count: u32, weights: (f64, f64)) -> Vec<(f64, u8)> {
    let steps: Vec<f64> = (0..=count)
        .map(|_| rng.range(weights.0, weights.1))
        .collect();
    let total: f64 = steps.iter().sum();
    let run = (end - queue).max(1.0);
    let spacing = f64::from(count) + rng.range(0.3, 0.9);
    let mut levels = Vec::new();
    let (mut t, mut last) = (queue, 0u8);
    for (k, step) in steps.iter().take(count as usize).enumerate() {
        t += run * step / total;
        let ideal = 100.0 * (k + 1) as f64 / spacing + rng.range(-2.0, 2.0);
        let percent = (ideal.round().clamp(1.0, 99.0) as u8).max(last + 1).min(99);
        if percent > last {
            levels.push((t, percent));
            last = percent;
        }
    }
    levels
}

/// Small steps (1–4 %, every 0.7–2.5 s on average, each gap ±50 %) from `queue`, reaching
/// `last` percent near `end`.
fn smooth(rng: &mut Rng, queue: f64, end: f64, last: f64) -> Vec<(f64, u8)> {
    let mean_gap = rng.range(0.7, 2.5);
    let mut times = Vec::new();
    let mut t = queue + mean_gap * rng.range(0.5, 1.5);
    while t < end - 0.5 * mean_gap {
        times.push(t);
        t += mean_gap * rng.range(0.5, 1.5);
    }
    let increments: Vec<f64> = times.iter().map(|_| rng.range(1.0, 4.0)).collect();
    let total: f64 = increments.iter().sum();
    let mut levels = Vec::new();
    let (mut sum, mut previous) = (0.0, 0u8);
    for (&time, inc) in times.iter().zip(&increments) {
        sum += inc;
        let percent = (last * sum / total).round().clamp(1.0, 99.0) as u8;
        if percent > previous {
            levels.push((time, percent));
            previous = percent;
        }
    }
    levels
}

/// Poll errors: isolated ones everywhere (see [`Job::answer`]), plus for some jobs a 429
/// window or a 503 outage, both with `Retry-After`.
fn add_errors(rng: &mut Rng, job: &mut Job) {
    job.noise = rng.next_u64();
    if rng.chance(0.08) {
        let start = rng.range(0.0, job.end + 10.0);
        let end = start + rng.range(3.0, 20.0);
        job.windows.push(Window {
            start,
            end,
            fixed_retry_after: None,
        });
    }
    if rng.chance(0.05) {
        let start = rng.range(0.0, job.end + 10.0);
        let end = start + rng.range(5.0, 30.0);
        job.windows.push(Window {
            start,
            end,
            fixed_retry_after: Some(5.0),
        });
    }
}
