//! Sans-IO poll scheduler: decides when to look at a running task again.
//!
//! The async wait loop feeds each poll's outcome to [`Poller::observe`] with the caller's clock
//! and sleeps for the delay it gets back. Nothing here reads a clock, sleeps or does I/O, so
//! the logic is tested with plain [`Duration`]s and compiles to wasm unchanged.
//!
//! Why it is adaptive: Midjourney grids take 30–90 s and report progress in coarse steps
//! (0, 15, 31, 46, 62, 78, 93, then done), so a fixed 2 s poller spends ~30 requests to see one
//! result. This poller records each rise of `percent` as a window (after the poll that still
//! saw the old value, by the poll that saw the new one), fits seconds-per-percent through those
//! windows, and predicts when the step after the last one ends: that is when the task should be
//! done. It polls sparsely while the task is queued or far from done, densely around the
//! predicted finish, and backs off when the prediction passes without an answer (the tasks
//! stuck at 85–93 %). `cargo bench -p gptunnel --bench polling` measures it against fixed
//! pollers.
use std::time::Duration;

/// Tuning for [`Poller`]. `PollOptions::default()` suits Midjourney-like tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct PollOptions {
    /// Give up when nothing has moved for this long (restarts on every progress). `None` = never.
    pub timeout: Option<Duration>,
    /// Report a stall when progress has not moved for this long, then keep waiting. `None` = never.
    pub stall_after: Option<Duration>,
    /// Never poll more often than this.
    pub min_interval: Duration,
    /// Never wait longer than this between two polls of a running task (a server's
    /// `Retry-After` may still ask for longer).
    pub max_interval: Duration,
    /// The delay before the first poll; it grows while progress has never moved (queued task).
    pub first_delay: Duration,
    /// Typical time from creation to done: the only guess used before the pace is measured.
    pub expected_duration: Duration,
    /// The interval of the dense polls around the predicted finish.
    pub burst_interval: Duration,
    /// The retry delay after a first error; it doubles with each consecutive error (with jitter).
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
            max_interval: Duration::from_secs(15),
            first_delay: Duration::from_secs(8),
            expected_duration: Duration::from_secs(60),
            burst_interval: Duration::from_millis(1200),
            retry_base: Duration::from_secs(2),
            retry_max: Duration::from_secs(30),
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
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

impl Decision {
    /// The delay before the next poll; `None` once timed out.
    pub fn delay(&self) -> Option<Duration> {
        match *self {
            Decision::PollAfter(delay) | Decision::Stalled { then: delay, .. } => Some(delay),
            Decision::TimedOut => None,
        }
    }
}

/// While nothing has moved yet, each quiet poll waits this much longer than the previous one.
const QUEUED_GROWTH: f64 = 1.4;
/// Far from done, aim this fraction of a step after the last step before done is due.
const AFTER_LAST_STEP: f64 = 0.3;
/// The dense burst spans this many spreads before and after the predicted finish.
const BURST_SPREADS: f64 = 1.5;
/// Past a prediction, wait this fraction of the time already overdue (gentle backoff).
const OVERDUE_BACKOFF: f64 = 0.5;
/// How much one step's duration varies, as a fraction of a step (one standard deviation).
const STEP_JITTER: f64 = 0.15;
/// Midjourney's ladder 0, 15, 31, 46, 62, 78, 93 moves by 100/6.5 percent a step; a larger
/// step is believed only after three rises.
const TYPICAL_STEP: f64 = 100.0 / 6.5;

/// One observed rise of `percent`, in seconds since the poller's origin: it happened after the
/// poll at `after` and by the poll at `by`.
#[derive(Debug, Clone, Copy)]
struct Rise {
    after: f64,
    by: f64,
    from: u8,
    to: u8,
}

impl Rise {
    fn size(&self) -> f64 {
        f64::from(self.to - self.from)
    }
}

/// Where the task stands, in seconds since the poller's origin.
#[derive(Debug, Clone, Copy)]
struct Forecast {
    /// When the current percent was most likely reached.
    reached: f64,
    /// The predicted completion.
    finish: f64,
    /// Seconds per progress step.
    step_secs: f64,
    /// Steps until done (0 when already at 100 %).
    steps_left: u32,
    /// The uncertainty of `finish` (about one standard deviation).
    spread: f64,
}

/// Decides when to poll a running task, from observations and the caller's clock.
#[derive(Debug, Clone)]
pub struct Poller {
    options: PollOptions,
    /// The caller's `now` at creation; internal times are seconds since it.
    origin: Duration,
    /// The latest `now` seen, so that a clock going backwards cannot move time backwards.
    latest: Duration,
    /// The first percent seen.
    baseline: Option<u8>,
    /// The highest percent seen.
    percent: Option<u8>,
    /// When the last `Running` was observed (the lower end of the next rise's window).
    last_running_at: Duration,
    /// When progress last moved (or the origin): the stall and timeout clocks start here.
    moved_at: Duration,
    /// Whether the current stall episode was already reported.
    stall_reported: bool,
    /// Consecutive retryable errors.
    errors: u32,
    /// `Running` observations since progress last moved.
    quiet_polls: u32,
    /// At most 100 entries: each one raises the percent.
    rises: Vec<Rise>,
    /// xorshift64 state for the retry jitter; never 0.
    rng: u64,
}

impl Poller {
    /// A poller for a task created (or first seen) at `now`.
    pub fn new(options: PollOptions, now: Duration) -> Self {
        let rng = if options.seed == 0 {
            0x2545_F491_4F6C_DD1D
        } else {
            options.seed
        };
        Self {
            options,
            origin: now,
            latest: now,
            baseline: None,
            percent: None,
            last_running_at: now,
            moved_at: now,
            stall_reported: false,
            errors: 0,
            quiet_polls: 0,
            rises: Vec::new(),
            rng,
        }
    }

    /// The options this poller runs with.
    pub fn options(&self) -> &PollOptions {
        &self.options
    }

    /// The highest percent observed so far.
    pub fn percent(&self) -> Option<u8> {
        self.percent
    }

    /// The predicted moment of completion on the caller's clock, once progress has moved.
    pub fn predicted_finish(&self) -> Option<Duration> {
        let finish = self.forecast()?.finish;
        Some(
            self.origin
                .checked_add(secs(finish))
                .unwrap_or(Duration::MAX),
        )
    }

    /// Feed one observation made at `now` and get the next step.
    pub fn observe(&mut self, now: Duration, observation: Observation) -> Decision {
        let now = now.max(self.latest);
        self.latest = now;
        let mut retry_after = None;
        match observation {
            Observation::Running { percent } => {
                self.errors = 0;
                self.record(now, percent.min(100));
            }
            Observation::RetryableError { retry_after: after } => {
                self.errors = self.errors.saturating_add(1);
                retry_after = after;
            }
        }
        let still_for = now.saturating_sub(self.moved_at);
        if self
            .options
            .timeout
            .is_some_and(|timeout| still_for >= timeout)
        {
            return Decision::TimedOut;
        }
        let mut delay = if self.errors > 0 {
            self.retry_delay()
        } else {
            self.schedule(now)
        };
        delay = delay.max(self.options.min_interval);
        if let Some(timeout) = self.options.timeout {
            // Look once more when the timeout would elapse, not a whole interval later.
            delay = delay.min(
                timeout
                    .saturating_sub(still_for)
                    .max(self.options.min_interval),
            );
        }
        if let Some(after) = retry_after {
            delay = delay.max(after);
        }
        delay = delay.max(Duration::from_millis(1));
        match self.options.stall_after {
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

    fn record(&mut self, now: Duration, percent: u8) {
        match self.percent {
            Some(old) if percent > old => {
                let (after, by) = (
                    self.since_origin(self.last_running_at),
                    self.since_origin(now),
                );
                self.rises.push(Rise {
                    after,
                    by,
                    from: old,
                    to: percent,
                });
                self.percent = Some(percent);
                self.moved_at = now;
                self.stall_reported = false;
                self.quiet_polls = 0;
            }
            // Unchanged, or going backwards: no progress.
            Some(_) => self.quiet_polls = self.quiet_polls.saturating_add(1),
            None => {
                self.baseline = Some(percent);
                self.percent = Some(percent);
            }
        }
        self.last_running_at = now;
    }

    fn since_origin(&self, t: Duration) -> f64 {
        t.saturating_sub(self.origin).as_secs_f64()
    }

    /// Capped exponential backoff with "equal jitter": half of it fixed, half random.
    fn retry_delay(&mut self) -> Duration {
        let doublings = self.errors.saturating_sub(1).min(20);
        let full = self
            .options
            .retry_base
            .saturating_mul(1 << doublings)
            .min(self.options.retry_max);
        full / 2 + secs(full.as_secs_f64() / 2.0 * self.next_unit())
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

    /// The delay before the next poll after a good observation.
    fn schedule(&self, now: Duration) -> Duration {
        let o = &self.options;
        let min = o.min_interval.as_secs_f64();
        let max = o.max_interval.as_secs_f64().max(min);
        let burst = o.burst_interval.as_secs_f64();
        let now = self.since_origin(now);
        let gap = match self.forecast() {
            // Nothing has moved yet (queued, or the first step is still running): sparse, widening.
            None => {
                o.first_delay.as_secs_f64() * QUEUED_GROWTH.powi(self.quiet_polls.min(30) as i32)
            }
            // Done is two steps or more away: look just after the last step before done is due,
            // refining the forecast on the way (max_interval caps the jump).
            Some(f) if f.steps_left >= 2 => {
                let due = f.finish - (1.0 - AFTER_LAST_STEP) * f.step_secs;
                let gap = if due > now {
                    due - now
                } else {
                    (0.5 * f.step_secs).max(OVERDUE_BACKOFF * (now - due))
                };
                gap.max(burst)
            }
            // Done is the next step: wait for the burst window, poll densely through it, then back off.
            Some(f) if f.steps_left == 1 => {
                let (start, end) = (
                    f.finish - BURST_SPREADS * f.spread,
                    f.finish + BURST_SPREADS * f.spread,
                );
                let gap = if now < start - burst {
                    start - now
                } else if now < end {
                    burst
                } else {
                    OVERDUE_BACKOFF * (now - end)
                };
                gap.max(burst)
            }
            // 100 % but not done yet: finishing touches; back off gently from a burst.
            Some(f) => (OVERDUE_BACKOFF * (now - f.reached)).max(burst),
        };
        secs(gap.clamp(min, max))
    }

    /// Predicts the finish from the observed rises: `None` before the first rise.
    fn forecast(&self) -> Option<Forecast> {
        let last = *self.rises.last()?;
        let step = self.step();
        let fit = self.fit(step);
        let per_percent = self.seconds_per_percent(step, fit);
        let (earliest, latest) = Self::window(&last, step, Some(per_percent * step));
        let fitted = fit.map(|(intercept, slope)| intercept + slope * f64::from(last.to));
        let reached = fitted
            .unwrap_or((earliest + latest) / 2.0)
            .clamp(earliest, latest);
        let steps_left = (f64::from(100 - last.to) / step).ceil() as u32;
        let step_secs = per_percent * step;
        let finish = reached + f64::from(steps_left) * step_secs;
        // Where in its window the last rise happened (uniform: width/sqrt(12)) and how the
        // remaining steps may vary.
        let jitter = STEP_JITTER * step_secs;
        let spread =
            ((0.29 * (latest - earliest)).powi(2) + f64::from(steps_left) * jitter * jitter).sqrt();
        (finish.is_finite() && spread.is_finite()).then_some(Forecast {
            reached,
            finish,
            step_secs,
            steps_left,
            spread,
        })
    }

    /// The size of one progress step, in percent. A sparse poll may see two or three steps at
    /// once, so each rise counts as the multiple of the smallest rise nearest to it.
    fn step(&self) -> f64 {
        let smallest = self
            .rises
            .iter()
            .map(Rise::size)
            .fold(f64::INFINITY, f64::min)
            .max(1.0);
        let multiples: f64 = self
            .rises
            .iter()
            .map(|r| (r.size() / smallest).round().max(1.0))
            .sum();
        let mut step = self.rises.iter().map(Rise::size).sum::<f64>() / multiples.max(1.0);
        if self.rises.len() < 3 {
            step = step.min(TYPICAL_STEP);
        }
        step.max(1.0)
    }

    /// When a rise most likely reached its new percent: `(earliest, latest)`. A rise that
    /// spans several steps reached its top late in its window, at least `steps - 1` steps
    /// (of `step_secs`, less some jitter) after the window opened.
    fn window(r: &Rise, step: f64, step_secs: Option<f64>) -> (f64, f64) {
        let steps = (r.size() / step).round().max(1.0);
        let earliest = step_secs.map_or(r.after, |secs| {
            r.after + (steps - 1.0) * (1.0 - 2.0 * STEP_JITTER) * secs
        });
        (earliest.min(r.by), r.by)
    }

    /// Least squares of the rise moments (window middles, narrow windows weigh more) against
    /// the percent: `(intercept, seconds per percent)`. A second pass narrows the windows of
    /// multi-step rises with the first pass's pace.
    fn fit(&self, step: f64) -> Option<(f64, f64)> {
        if self.rises.len() < 2 {
            return None;
        }
        let mut fitted = None;
        for _pass in 0..2 {
            let step_secs = fitted.map(|(_, slope)| slope * step);
            let (mut sw, mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for r in &self.rises {
                let (earliest, latest) = Self::window(r, step, step_secs);
                let width = latest - earliest;
                let w = 1.0 / (width * width + 1.0);
                let (x, y) = (f64::from(r.to), (earliest + latest) / 2.0);
                sw += w;
                sx += w * x;
                sy += w * y;
                sxx += w * x * x;
                sxy += w * x * y;
            }
            let (mean_x, mean_y) = (sx / sw, sy / sw);
            let var = sxx / sw - mean_x * mean_x;
            let slope = (sxy / sw - mean_x * mean_y) / var;
            if !(var > 1e-9 && slope.is_finite() && slope > 0.0) {
                return fitted;
            }
            fitted = Some((mean_y - slope * mean_x, slope));
        }
        fitted
    }

    /// Seconds per percent: the fit (or, with one rise, the guess from `expected_duration`),
    /// kept inside what the rise windows allow.
    fn seconds_per_percent(&self, step: f64, fit: Option<(f64, f64)>) -> f64 {
        let guess = self.options.expected_duration.as_secs_f64() / (100.0 / step + 1.0) / step;
        let estimate = fit.map_or(guess, |(_, slope)| slope);
        let (mut low, mut high) = (0.0f64, f64::INFINITY);
        if self.baseline == Some(0) {
            // Progress left 0 no earlier than the origin.
            for r in &self.rises {
                high = high.min(r.by / f64::from(r.to));
            }
        }
        for (i, early) in self.rises.iter().enumerate() {
            for late in &self.rises[i + 1..] {
                let span = f64::from(late.to - early.to);
                low = low.max((late.after - early.by) / span);
                high = high.min((late.by - early.after) / span);
            }
        }
        let bounded = if low <= high {
            estimate.clamp(low, high)
        } else {
            estimate
        };
        bounded.max(1e-3)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: f64) -> Duration {
        Duration::from_secs_f64(secs)
    }

    fn running(percent: u8) -> Observation {
        Observation::Running { percent }
    }

    fn error(retry_after: Option<Duration>) -> Observation {
        Observation::RetryableError { retry_after }
    }

    fn delay_of(decision: Decision) -> Duration {
        decision.delay().expect("expected a delay, got TimedOut")
    }

    /// What one simulated run looked like.
    struct Trace {
        polls: u32,
        seen_done_at: f64,
        delays: Vec<Duration>,
    }

    /// Drives a poller over a task that shows `ladder` (`(since, percent)`, seconds) and is
    /// done at `done_at`, on a fake clock.
    fn drive(options: PollOptions, ladder: &[(f64, u8)], done_at: f64) -> Trace {
        let mut poller = Poller::new(options, Duration::ZERO);
        let mut delays = vec![delay_of(poller.observe(Duration::ZERO, running(0)))];
        let (mut now, mut polls) = (0.0, 0);
        loop {
            now += delays.last().unwrap().as_secs_f64();
            polls += 1;
            assert!(polls < 1000, "the poller never reached the end");
            if now >= done_at {
                return Trace {
                    polls,
                    seen_done_at: now,
                    delays,
                };
            }
            let percent = ladder
                .iter()
                .filter(|&&(since, _)| since <= now)
                .map(|&(_, p)| p)
                .next_back()
                .unwrap_or(0);
            delays.push(delay_of(poller.observe(s(now), running(percent))));
        }
    }

    /// A steady Midjourney grid: queued 4 s, then a step every 6 s, done at 46 s.
    const STEADY: [(f64, u8); 6] = [
        (10.0, 15),
        (16.0, 31),
        (22.0, 46),
        (28.0, 62),
        (34.0, 78),
        (40.0, 93),
    ];

    #[test]
    fn steady_jobs_cost_a_third_of_a_2s_poller_and_are_seen_within_a_second() {
        let (mut ours, mut fixed, mut delays) = (0, 0, Vec::new());
        for queued in [0.0, 3.0, 6.0, 10.0, 15.0] {
            for step in [4.0, 5.0, 6.0, 7.0, 8.0] {
                let ladder: Vec<(f64, u8)> = [15, 31, 46, 62, 78, 93]
                    .iter()
                    .zip(1..)
                    .map(|(&p, k)| (queued + f64::from(k) * step, p))
                    .collect();
                let done_at = queued + 7.0 * step;
                let trace = drive(PollOptions::default(), &ladder, done_at);
                ours += trace.polls;
                fixed += (done_at / 2.0).ceil() as u32;
                delays.push(trace.seen_done_at - done_at);
            }
        }
        delays.sort_by(f64::total_cmp);
        assert!(
            ours * 3 <= fixed,
            "{ours} polls against {fixed} for a 2 s poller"
        );
        assert!(delays[12] <= 1.0, "median delay {}", delays[12]);
        assert!(delays[24] <= 2.0, "worst delay {}", delays[24]);
    }

    #[test]
    fn the_first_poll_waits_instead_of_hammering() {
        let mut poller = Poller::new(PollOptions::default(), s(100.0));
        assert_eq!(
            poller.observe(s(100.0), running(0)),
            Decision::PollAfter(s(8.0))
        );
    }

    #[test]
    fn the_forecast_lands_near_the_real_finish() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        poller.observe(Duration::ZERO, running(0));
        // Polls that bracket each step within a second.
        for &(since, percent) in &STEADY {
            poller.observe(s(since - 0.5), running(poller.percent().unwrap()));
            poller.observe(s(since + 0.5), running(percent));
        }
        let finish = poller.predicted_finish().unwrap().as_secs_f64();
        assert!((finish - 46.0).abs() < 1.0, "predicted {finish}");
    }

    #[test]
    fn polls_are_dense_near_the_predicted_finish_and_sparse_before() {
        let trace = drive(PollOptions::default(), &STEADY, 46.0);
        let first_gaps = &trace.delays[..2];
        let last_gap = *trace.delays.last().unwrap();
        assert!(first_gaps.iter().all(|d| *d >= s(8.0)), "{first_gaps:?}");
        assert_eq!(last_gap, s(1.2));
    }

    #[test]
    fn a_queued_task_is_polled_less_and_less_often_up_to_max_interval() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        let mut now = Duration::ZERO;
        let mut delays = Vec::new();
        for _ in 0..8 {
            let delay = delay_of(poller.observe(now, running(0)));
            delays.push(delay);
            now += delay;
        }
        assert_eq!(&delays[..3], &[s(8.0), s(11.2), s(15.0)]);
        assert!(delays[3..].iter().all(|d| *d == s(15.0)), "{delays:?}");
    }

    #[test]
    fn retry_backoff_doubles_with_jitter_and_stops_at_the_cap() {
        let options = PollOptions {
            stall_after: None,
            timeout: None,
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        poller.observe(Duration::ZERO, running(10));
        let bounds = [
            (1.0, 2.0),
            (2.0, 4.0),
            (4.0, 8.0),
            (8.0, 16.0),
            (15.0, 30.0),
            (15.0, 30.0),
            (15.0, 30.0),
        ];
        for (i, &(low, high)) in bounds.iter().enumerate() {
            let delay = delay_of(poller.observe(s(i as f64), error(None))).as_secs_f64();
            assert!(
                low <= delay && delay < high,
                "error {}: {delay} not in [{low}, {high})",
                i + 1
            );
        }
    }

    #[test]
    fn jitter_stays_within_half_to_full_and_differs_between_seeds() {
        let mut seen = Vec::new();
        for seed in 1..=50 {
            let options = PollOptions {
                seed,
                ..PollOptions::default()
            };
            let mut poller = Poller::new(options, Duration::ZERO);
            poller.observe(Duration::ZERO, running(10));
            poller.observe(s(1.0), error(None));
            let third = delay_of(poller.observe(s(2.0), error(None))).as_secs_f64();
            assert!((2.0..4.0).contains(&third), "{third}");
            seen.push(third);
        }
        let (low, high) = seen
            .iter()
            .fold((f64::MAX, 0.0f64), |(l, h), &d| (l.min(d), h.max(d)));
        assert!(high - low > 1.0, "jitter too narrow: {low}..{high}");
    }

    #[test]
    fn the_same_seed_gives_the_same_delays() {
        let run = || {
            let mut poller = Poller::new(
                PollOptions {
                    seed: 7,
                    ..PollOptions::default()
                },
                Duration::ZERO,
            );
            (1..6)
                .map(|i| poller.observe(s(f64::from(i)), error(None)))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn retry_after_is_never_undercut_even_beyond_max_interval() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        poller.observe(Duration::ZERO, running(30));
        assert_eq!(
            poller.observe(s(5.0), error(Some(s(45.0)))),
            Decision::PollAfter(s(45.0))
        );
        // A short Retry-After does not shorten the backoff either.
        let delay = delay_of(poller.observe(s(50.0), error(Some(s(0.1)))));
        assert!(delay >= s(2.0), "{delay:?}");
    }

    #[test]
    fn a_good_observation_resets_the_backoff() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        for i in 0..6 {
            poller.observe(s(f64::from(i)), error(None));
        }
        poller.observe(s(10.0), running(15));
        let delay = delay_of(poller.observe(s(11.0), error(None)));
        assert!(delay < s(2.0), "{delay:?}");
    }

    #[test]
    fn a_stall_is_reported_once_then_again_after_progress_stops_anew() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        poller.observe(Duration::ZERO, running(0));
        poller.observe(s(10.0), running(93));
        let mut reports = Vec::new();
        for t in (20..=400).step_by(10) {
            let percent = if t >= 200 { 95 } else { 93 };
            if let Decision::Stalled { stalled_for, then } =
                poller.observe(s(f64::from(t)), running(percent))
            {
                assert!(then > Duration::ZERO);
                reports.push((t, stalled_for));
            }
        }
        assert_eq!(reports, vec![(130, s(120.0)), (320, s(120.0))]);
    }

    #[test]
    fn errors_during_a_stall_do_not_report_it_twice() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        poller.observe(Duration::ZERO, running(50));
        assert!(matches!(
            poller.observe(s(121.0), error(None)),
            Decision::Stalled { .. }
        ));
        assert!(matches!(
            poller.observe(s(125.0), running(50)),
            Decision::PollAfter(_)
        ));
        assert!(matches!(
            poller.observe(s(130.0), error(None)),
            Decision::PollAfter(_)
        ));
    }

    #[test]
    fn the_timeout_restarts_whenever_percent_rises() {
        let options = PollOptions {
            timeout: Some(s(60.0)),
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        poller.observe(Duration::ZERO, running(0));
        assert_ne!(poller.observe(s(50.0), running(15)), Decision::TimedOut);
        assert_ne!(poller.observe(s(100.0), running(15)), Decision::TimedOut);
        assert_ne!(poller.observe(s(109.9), error(None)), Decision::TimedOut);
        assert_eq!(poller.observe(s(110.0), running(15)), Decision::TimedOut);
    }

    #[test]
    fn the_timeout_fires_when_nothing_moves_and_errors_are_not_progress() {
        let options = PollOptions {
            timeout: Some(s(30.0)),
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        poller.observe(Duration::ZERO, running(40));
        assert_ne!(poller.observe(s(20.0), error(None)), Decision::TimedOut);
        assert_eq!(poller.observe(s(30.0), error(None)), Decision::TimedOut);
    }

    #[test]
    fn the_last_poll_before_a_timeout_lands_on_it() {
        let options = PollOptions {
            timeout: Some(s(30.0)),
            stall_after: None,
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        poller.observe(Duration::ZERO, running(0));
        assert_eq!(
            poller.observe(s(25.0), running(0)),
            Decision::PollAfter(s(5.0))
        );
    }

    #[test]
    fn a_prediction_that_passes_leads_to_backoff_not_hammering() {
        let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
        poller.observe(Duration::ZERO, running(0));
        for &(since, percent) in &STEADY {
            poller.observe(s(since + 0.5), running(percent));
        }
        // Stuck at 93 % long after the predicted 46 s.
        let late = delay_of(poller.observe(s(80.0), running(93)));
        let later = delay_of(poller.observe(s(80.0) + late, running(93)));
        assert!(late >= s(10.0) && later == s(15.0), "{late:?} {later:?}");
    }

    #[test]
    fn delays_are_never_zero_even_with_zero_options() {
        let options = PollOptions {
            min_interval: Duration::ZERO,
            max_interval: Duration::ZERO,
            first_delay: Duration::ZERO,
            burst_interval: Duration::ZERO,
            retry_base: Duration::ZERO,
            retry_max: Duration::ZERO,
            expected_duration: Duration::ZERO,
            seed: 0,
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        for (i, observation) in [
            running(0),
            running(20),
            error(None),
            running(40),
            running(100),
        ]
        .into_iter()
        .enumerate()
        {
            let delay = delay_of(poller.observe(s(i as f64), observation));
            assert!(delay > Duration::ZERO, "observation {i}");
        }
    }

    #[test]
    fn weird_input_is_tolerated() {
        let mut poller = Poller::new(PollOptions::default(), s(1000.0));
        let observations = [
            (s(1000.0), running(50)),
            (s(1010.0), running(30)), // backwards
            (s(990.0), running(60)),  // the clock went backwards
            (s(990.0), running(200)), // above 100, twice at the same instant
            (s(990.0), running(250)),
            (Duration::ZERO, error(Some(Duration::ZERO))),
            (s(1300.0), running(100)),
        ];
        for (now, observation) in observations {
            let decision = poller.observe(now, observation);
            assert!(
                decision.delay().is_some_and(|d| d >= s(1.0)),
                "{decision:?}"
            );
        }
        assert_eq!(poller.percent(), Some(100));
    }

    #[test]
    fn random_input_never_panics_or_returns_a_zero_delay() {
        let mut rng = 0x1234_5678_9ABC_DEF0u64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for _ in 0..200 {
            let mut poller = Poller::new(PollOptions::default(), s((next() % 1000) as f64));
            let mut now = 0.0f64;
            for _ in 0..100 {
                now = (now + (next() % 20_000) as f64 / 1000.0 - 3.0).max(0.0);
                let observation = match next() % 4 {
                    0 => error(Some(s((next() % 5000) as f64 / 1000.0))),
                    1 => error(None),
                    _ => running((next() % 256) as u8),
                };
                match poller.observe(s(now), observation) {
                    Decision::TimedOut => break,
                    decision => assert!(decision.delay().unwrap() > Duration::ZERO),
                }
            }
        }
    }

    #[test]
    fn huge_times_saturate_instead_of_panicking() {
        let mut poller = Poller::new(
            PollOptions {
                timeout: None,
                ..PollOptions::default()
            },
            Duration::ZERO,
        );
        poller.observe(Duration::ZERO, running(0));
        poller.observe(s(5.0), running(15));
        assert!(poller.observe(Duration::MAX, running(31)).delay().is_some());
        assert!(poller
            .observe(Duration::MAX, error(Some(Duration::MAX)))
            .delay()
            .is_some());
        assert!(poller.predicted_finish().is_some());
    }
}
