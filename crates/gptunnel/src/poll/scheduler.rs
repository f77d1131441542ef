//! When to look again, given a finish [`Belief`]: often where the finish is likely, rarely where
//! it is not, and never so rarely that a finished task waits long once finishing is possible.
//!
//! The rule: poll again when the lateness expected from waiting (how late, on average, the
//! finish would be seen) has grown to `lateness_per_poll`. Waiting `g` seconds costs
//! `∫₀ᵍ P(done by now + s | running now) ds` of expected lateness, so gaps are short where the
//! belief expects the finish and long where it does not: the square-root law
//! `g = √(2λ / hazard)`, without assuming a shape. Where the finish is very likely within the
//! shortest gap, polls come every `min` (seen within a second, at most one second's polls
//! wasted). Caps guard against a wrong belief: a gap is at most `when_possible` once a finish
//! within it is possible, at most `when_likely` once it is likely, and never more than `max`.

use super::belief::Belief;
use crate::number::clamp;

/// The limits of one decision, in seconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) min: f64,
    pub(crate) max: f64,
    /// The longest gap while a finish within it is likely.
    pub(crate) when_likely: f64,
    /// The longest gap while a finish within it is possible.
    pub(crate) when_possible: f64,
    pub(crate) lateness_per_poll: f64,
}

/// A chance of finishing within the gap from which the finish counts as possible.
const POSSIBLE: f64 = 0.003;
/// A chance of finishing within the gap from which the finish counts as likely.
const LIKELY: f64 = 0.05;
/// A chance of finishing within `min` from which polls come every `min`.
const DENSE: f64 = 0.09;
/// The resolution of the search for the gap.
const STEP: f64 = 0.25;
/// Below this survival the belief has nothing left to say (the task outlived it).
const EXHAUSTED: f64 = 1e-9;

/// The gap before the next poll, for a task seen running at `now` (seconds since creation).
pub(crate) fn next_gap(belief: &Belief, now: f64, limits: &Limits) -> f64 {
    let finite = |v: f64, otherwise: f64| if v.is_finite() { v } else { otherwise };
    let min = finite(limits.min, 0.0).max(0.0);
    let max = finite(limits.max, min).max(min);
    let when_likely = clamp(finite(limits.when_likely, max), min, max);
    let when_possible = clamp(finite(limits.when_possible, max), when_likely, max);
    let lateness_per_poll = finite(limits.lateness_per_poll, 0.0);
    let alive = belief.survival(now);
    if alive < EXHAUSTED || belief.is_empty() {
        // No expectation, or the task outlived them all: it could finish at any moment.
        return when_likely;
    }
    let done_by = |g: f64| clamp(1.0 - belief.survival(now + g) / alive, 0.0, 1.0);
    if done_by(min) >= DENSE {
        return min;
    }
    let (mut gap, mut lateness, mut previous) = (0.0, 0.0, 0.0);
    // How long a finish stays impossible, and unlikely, from now.
    let (mut impossible_for, mut unlikely_for) = (max, max);
    while gap < max {
        let next = (gap + STEP).min(max);
        let p = done_by(next);
        if p >= POSSIBLE {
            impossible_for = impossible_for.min(gap);
        }
        if p >= LIKELY {
            unlikely_for = unlikely_for.min(gap);
        }
        let added = (previous + p) / 2.0 * (next - gap);
        if lateness + added >= lateness_per_poll {
            // Interpolate inside the step.
            let share = (lateness_per_poll - lateness) / added.max(f64::MIN_POSITIVE);
            gap += clamp(share, 0.0, 1.0) * (next - gap);
            break;
        }
        lateness += added;
        previous = p;
        gap = next;
    }
    let gap = gap
        .min(impossible_for.max(when_possible))
        .min(unlikely_for.max(when_likely));
    clamp(gap, min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        min: 1.0,
        max: 20.0,
        when_likely: 3.0,
        when_possible: 4.0,
        lateness_per_poll: 0.25,
    };

    fn lognormal(median: f64, sigma: f64) -> Belief {
        let mut belief = Belief::default();
        belief.add(1.0, 0.0, median, sigma);
        belief
    }

    #[test]
    fn far_from_a_sharp_finish_the_gap_is_long_and_at_it_the_shortest() {
        let belief = lognormal(60.0, 0.03);
        assert_eq!(next_gap(&belief, 5.0, &LIMITS), 20.0);
        assert_eq!(next_gap(&belief, 59.5, &LIMITS), 1.0);
    }

    #[test]
    fn a_possible_finish_caps_the_gap_and_a_likely_one_caps_it_more() {
        // Broad beliefs: the finish is possible now but nowhere likely; then likely soon.
        let possible = lognormal(400.0, 1.0);
        assert_eq!(next_gap(&possible, 60.0, &LIMITS), 4.0);
        let likely = lognormal(70.0, 0.3);
        assert_eq!(next_gap(&likely, 60.0, &LIMITS), 3.0);
    }

    #[test]
    fn without_a_belief_or_past_it_the_task_is_watched_at_the_likely_interval() {
        let belief = lognormal(10.0, 0.05);
        assert_eq!(next_gap(&belief, 1000.0, &LIMITS), 3.0);
        assert_eq!(next_gap(&Belief::default(), 0.0, &LIMITS), 3.0);
    }

    #[test]
    fn a_possible_finish_ahead_ends_a_long_gap_where_it_starts() {
        // Possible about 10 s from now: the gap stops there, not at 20 s.
        let belief = lognormal(40.0, 0.05);
        let gap = next_gap(&belief, 24.0, &LIMITS);
        assert!((8.0..=12.0).contains(&gap), "{gap}");
    }

    #[test]
    fn odd_limits_never_give_a_negative_or_nan_gap() {
        let limits = Limits {
            min: -1.0,
            max: f64::NAN,
            when_likely: f64::INFINITY,
            when_possible: -5.0,
            lateness_per_poll: f64::NAN,
        };
        for now in [0.0, 30.0, 1e12] {
            let gap = next_gap(&lognormal(30.0, 0.5), now, &limits);
            assert!(gap >= 0.0, "{gap}");
        }
    }
}
