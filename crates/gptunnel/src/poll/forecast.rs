//! Forecasts when a task finishes, as a [`Belief`], from what the poller has seen so far.
//!
//! Before progress has moved (a queued Midjourney task, or any media task: they report no
//! percent), the forecast is the kind's duration history ([`Expected`]). Once it has moved, the
//! rises of `percent` give the pace: each rise is a window (after the poll that still saw the
//! old value, by the poll that saw the new one), a weighted line through those windows gives
//! seconds per percent, and the task should be done when the line passes 100 % by half a step
//! (a ladder's last level sits up to a step below 100 and done comes a step after it). No
//! ladder is assumed: a step is the smallest rise this task showed. The time left is log-normal
//! from the moment the last level can have been reached, and levels still to come rule out an
//! early finish, so a forecast far from its end does not expect the finish within seconds.
//! Near the end, how earlier tasks of the same kind compared with their forecast (holds at
//! 85–93 % included) takes over as it is learned.

use super::belief::Belief;
use super::history::{Expected, Overrun, SEEN_PER_KIND};
use crate::number::clamp;

/// One observed rise of `percent`, in seconds since creation: it happened after the poll at
/// `after` and by the poll at `by`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rise {
    pub(crate) after: f64,
    pub(crate) by: f64,
    pub(crate) from: u8,
    pub(crate) to: u8,
}

impl Rise {
    fn size(&self) -> f64 {
        f64::from(self.to.saturating_sub(self.from)).max(1.0)
    }
    fn middle(&self) -> f64 {
        (self.after + self.by) / 2.0
    }
}

/// How much the time of one progress step varies, as a fraction of a step: providers' steps
/// are irregular, so this is deliberately wide.
const STEP_JITTER: f64 = 0.4;
/// The shortest a step can plausibly take, as a fraction of a typical step.
const SHORTEST_STEP: f64 = 0.35;
/// How uncertain the pace is after a single rise (log scale).
const ONE_RISE_SIGMA: f64 = 0.7;
/// The share of the belief kept for tasks that hold near the end (at 85–93 %) for minutes.
const HOLD_SHARE: f64 = 0.1;
/// How much the kind's duration prior counts against the durations seen, in tasks.
const DURATION_PRIOR_WEIGHT: f64 = 0.5;
/// How much the progress forecast counts against the overruns seen, in tasks.
const FORECAST_WEIGHT: f64 = 1.0;
/// Tasks whose typical rises differ by less than this factor (log) moved alike.
const ALIKE: f64 = std::f64::consts::LN_2;
/// Learned values are summarised in at most this many parts (keeps each poll decision cheap).
const MAX_PARTS: usize = 8;

/// Where a task with progress stands, in seconds since creation.
#[derive(Debug, Clone, Copy)]
struct Progress {
    /// The earliest moment the current level can have been reached.
    start: f64,
    /// The forecast time from `start` to done.
    left: f64,
    /// The uncertainty of `left` (log scale).
    sigma: f64,
    /// Levels still to come before the last one (0 at the last level).
    levels_ahead: f64,
    /// The shortest time those levels can take.
    shortest_ahead: f64,
    /// One step, in percent.
    rise: f64,
}

/// The finish belief from everything seen so far; `seen_at`: when the task was last seen
/// running (with no rise since the last one), `first_seen`: when a percent was first seen.
pub(crate) fn forecast(
    expected: &Expected,
    rises: &[Rise],
    first_seen: f64,
    seen_at: f64,
) -> Belief {
    let history = from_history(expected);
    let Some(progress) = from_progress(rises, first_seen) else {
        return history;
    };
    let mut belief = Belief::default();
    belief.add(1.0, progress.start, progress.left, progress.sigma);
    // Some tasks hold near the end far longer than their pace says: for those, what this kind
    // of task took before is the best guess.
    belief.mix(history, HOLD_SHARE);
    // At the last level, how earlier tasks of this kind that moved alike compared with their
    // forecast there (holds included) is better than any guess.
    let alike: Vec<f64> = expected
        .overruns
        .iter()
        .filter(|o| (o.rise / progress.rise).ln().abs() < ALIKE)
        .map(|o| o.ratio)
        .collect();
    let overruns = recent_logs(&alike);
    if progress.levels_ahead == 0.0 && !overruns.is_empty() {
        let n = overruns.len() as f64;
        let mut learned = Belief::default();
        for (weight, ln_ratio, sigma) in smoothed(overruns, 1.0) {
            let median = (progress.left.ln() + ln_ratio).exp();
            learned.add(weight, progress.start, median, sigma);
        }
        belief.mix(learned, n / (n + FORECAST_WEIGHT));
    }
    // The levels still to come before the last one have not begun to show: each takes at least
    // a short step, so nothing can finish sooner after `seen_at`.
    belief.rule_out_before(seen_at + progress.shortest_ahead);
    belief
}

/// How the time at the last level compared with its forecast, for a task done at `done_at`:
/// what [`Expected::overruns`] learns from. `None` unless the task was at its last level.
pub(crate) fn overrun(rises: &[Rise], first_seen: f64, done_at: f64) -> Option<Overrun> {
    let progress = from_progress(rises, first_seen)?;
    let ratio = (done_at - progress.start) / progress.left;
    (progress.levels_ahead == 0.0 && ratio.is_finite() && ratio > 0.0).then_some(Overrun {
        ratio,
        rise: progress.rise,
    })
}

/// The kind's prior plus a smoothed copy of the durations seen.
fn from_history(expected: &Expected) -> Belief {
    let spread = if expected.spread.is_finite() {
        clamp(expected.spread, 0.05, 3.0)
    } else {
        0.7
    };
    let mut belief = Belief::default();
    belief.add(
        DURATION_PRIOR_WEIGHT,
        0.0,
        expected.typical.as_secs_f64(),
        spread,
    );
    let seen: Vec<f64> = expected.seen.iter().map(|d| d.as_secs_f64()).collect();
    for (weight, ln_median, sigma) in smoothed(recent_logs(&seen), spread) {
        belief.add(weight, 0.0, ln_median.exp(), sigma);
    }
    belief
}

/// The logarithms of the last [`SEEN_PER_KIND`] positive values, sorted.
fn recent_logs(values: &[f64]) -> Vec<f64> {
    let skip = values.len().saturating_sub(SEEN_PER_KIND);
    let mut logs: Vec<f64> = values[skip..]
        .iter()
        .filter(|v| **v > 0.0 && v.is_finite())
        .map(|v| v.ln())
        .collect();
    sort(&mut logs);
    logs
}

/// Insertion sort by `f64::total_cmp`: the lists hold at most [`SEEN_PER_KIND`] values, and
/// the standard library's sort is several KB of wasm (issue 12). Equal values are the same
/// bits, so the order is exactly `sort_by(f64::total_cmp)`'s.
fn sort(values: &mut [f64]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values[j - 1].total_cmp(&values[j]).is_gt() {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A kernel density of sorted log values (bandwidth by Silverman's rule, at most
/// `widest`), summarised as at most [`MAX_PARTS`] `(weight, ln median, sigma)` parts.
fn smoothed(logs: Vec<f64>, widest: f64) -> Vec<(f64, f64, f64)> {
    if logs.is_empty() {
        return Vec::new();
    }
    let n = logs.len() as f64;
    let sd = if logs.len() >= 2 {
        mean_var(&logs).1.sqrt()
    } else {
        widest / 2.0
    };
    // Silverman's rule, but never narrower than the prior's width shrunk by the evidence:
    // two similar values say little about how much the next one may differ.
    let floor = widest / (n + 1.0).sqrt();
    let bandwidth = clamp(
        (1.06 * sd * n.powf(-0.2)).max(floor),
        0.05,
        widest.max(0.05),
    );
    let size = logs.len().div_ceil(MAX_PARTS);
    logs.chunks(size)
        .map(|group| {
            let (mean, var) = mean_var(group);
            (
                group.len() as f64,
                mean,
                (bandwidth * bandwidth + var).sqrt(),
            )
        })
        .collect()
}

fn mean_var(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var)
}

/// Where the task stands once its progress has risen.
fn from_progress(rises: &[Rise], first_seen: f64) -> Option<Progress> {
    let (first, last) = (rises.first()?, rises.last()?);
    let level = f64::from(last.to.min(100));
    let (rise, per_percent, pace_sigma, reached) = if rises.len() == 1 {
        // One rise: its size is the only step seen, and how long that step took is unknown
        // (so is the queue before it): guess half the time since the first sighting, widely.
        let rise = last.size();
        let step_secs = ((last.by - first_seen) / 2.0).max(0.5);
        (rise, step_secs / rise, ONE_RISE_SIGMA, last.middle())
    } else {
        let rise = step_size(rises);
        let per_percent = seconds_per_percent(rises)?;
        // When the current level was reached: on the fitted line, inside its window.
        let fitted = fitted_time(rises, per_percent, level).unwrap_or(last.by);
        let reached = clamp(fitted, last.after, last.by);
        let steps_seen = ((level - f64::from(first.to)) / rise).max(1.0);
        (rise, per_percent, STEP_JITTER / steps_seen.sqrt(), reached)
    };
    let remaining = (100.0 - level + rise / 2.0) * per_percent;
    let step_secs = rise * per_percent;
    let steps_left = (remaining / step_secs).max(1.0);
    // Relative uncertainties of the time left: the pace, the steps still to come (they
    // average out), and where in its window the last rise happened.
    let window = 0.29 * (last.by - last.after) / remaining;
    let sigma = (pace_sigma.powi(2) + STEP_JITTER.powi(2) / steps_left + window.powi(2)).sqrt();
    // Counted from the start of the last rise's window, the earliest the level can have been
    // reached: a late `reached` from a poor fit must not rule out an early finish.
    let left = reached - last.after + remaining;
    let levels_ahead = (steps_left.round() - 1.0).max(0.0);
    let progress = Progress {
        start: last.after,
        left,
        sigma,
        levels_ahead,
        shortest_ahead: levels_ahead * SHORTEST_STEP * step_secs,
        rise,
    };
    let finite = [left, sigma, progress.shortest_ahead]
        .iter()
        .all(|v| v.is_finite());
    (finite && left > 0.0).then_some(progress)
}

/// The size of one step, in percent: the smallest rise seen (a sparse poll sees several steps
/// as one rise, never less than one; small steady steps look like rises that grow with the
/// time between polls, the smallest is the closest to a step).
fn step_size(rises: &[Rise]) -> f64 {
    rises.iter().map(Rise::size).fold(f64::INFINITY, f64::min)
}

/// Weighted least squares of the rise moments (window middles; narrow windows weigh more)
/// against the level reached, kept inside what the windows allow: seconds per percent.
fn seconds_per_percent(rises: &[Rise]) -> Option<f64> {
    let (mut sw, mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for r in rises {
        let width = r.by - r.after;
        let w = 1.0 / (width * width + 1.0);
        let (x, y) = (f64::from(r.to), r.middle());
        sw += w;
        sx += w * x;
        sy += w * y;
        sxx += w * x * x;
        sxy += w * x * y;
    }
    let (mean_x, mean_y) = (sx / sw, sy / sw);
    let var = sxx / sw - mean_x * mean_x;
    let fitted = (sxy / sw - mean_x * mean_y) / var;
    // Between two rises, a steady pace is bounded by their windows (a soft bound: paces vary).
    let (mut low, mut high) = (0.0f64, f64::INFINITY);
    for (i, early) in rises.iter().enumerate() {
        for late in &rises[i + 1..] {
            let span = f64::from(late.to.saturating_sub(early.to)).max(1.0);
            low = low.max((late.after - early.by) / span);
            high = high.min((late.by - early.after) / span);
        }
    }
    let mut estimate = if var > 1e-9 && fitted.is_finite() && fitted > 0.0 {
        fitted
    } else {
        (low + high.min(low * 4.0 + 1.0)) / 2.0
    };
    if low <= high {
        estimate = clamp(estimate, low, high);
    }
    // A hard bound: progress that started at 0 cannot have started before the task was
    // created (time 0), so on average it was at least this fast.
    if rises[0].from == 0 {
        for r in rises {
            estimate = estimate.min(r.by / f64::from(r.to).max(1.0));
        }
    }
    (estimate.is_finite() && estimate > 0.0).then_some(estimate.max(1e-3))
}

/// Where the line of slope `per_percent` through the rise moments puts `level`.
fn fitted_time(rises: &[Rise], per_percent: f64, level: f64) -> Option<f64> {
    let (mut sw, mut sum) = (0.0, 0.0);
    for r in rises {
        let width = r.by - r.after;
        let w = 1.0 / (width * width + 1.0);
        sw += w;
        sum += w * (r.middle() - per_percent * f64::from(r.to));
    }
    let intercept = sum / sw;
    let t = intercept + per_percent * level;
    t.is_finite().then_some(t)
}

#[cfg(test)]
mod sort_tests {
    use super::sort;

    #[test]
    fn sorts_as_the_standard_library_does_by_total_order() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..40 {
            let mut values: Vec<f64> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // Few distinct values, signs and zeros of both signs: ties and edge cases.
                    [(state % 7) as f64 - 3.0, -0.0, 0.0, 1e-300, f64::MAX][(state % 5) as usize]
                })
                .collect();
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            sort(&mut values);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&values), bits(&expected), "{len} values");
        }
    }
}
