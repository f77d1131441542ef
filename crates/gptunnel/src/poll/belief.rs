//! A belief about when a task finishes: a weighted mix of shifted log-normal distributions over
//! the seconds since the task was created.
//!
//! Log-normal because durations are positive and vary by factors ("twice as long today"),
//! shifted because a forecast made at some moment is about the time left after it, and a mix
//! because the evidence is mixed: several earlier durations, a progress forecast plus the chance
//! of a long hold near the end. Only survival probabilities are needed, computed with
//! `erfc` so that far tails stay accurate instead of rounding to 0 or 1.

use crate::number::clamp;

/// One log-normal part of a belief.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Part {
    weight: f64,
    /// The part says nothing can happen before this (seconds since creation).
    offset: f64,
    /// The part's finishes before this are ruled out (their weight is dropped, not moved).
    not_before: f64,
    /// ln of the median, in seconds.
    ln_median: f64,
    /// Standard deviation of ln(duration).
    sigma: f64,
}

/// A finish-time belief; empty means "no idea".
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Belief {
    parts: Vec<Part>,
}

/// The narrowest part kept: a belief is never sharper than ±2 %.
const MIN_SIGMA: f64 = 0.02;

impl Belief {
    /// Adds a part: the finish comes `offset` seconds after creation plus a log-normal time of
    /// median `median`. Ignored unless every number is finite (and the weight and median
    /// positive), so that odd input cannot poison the arithmetic.
    pub(crate) fn add(&mut self, weight: f64, offset: f64, median: f64, sigma: f64) {
        let finite = offset.is_finite() && median.is_finite() && weight.is_finite();
        if finite && weight > 0.0 && median > 0.0 {
            let sigma = if sigma.is_finite() { sigma } else { 1.0 };
            self.parts.push(Part {
                weight,
                offset: offset.max(0.0),
                not_before: 0.0,
                ln_median: median.ln(),
                sigma: clamp(sigma, MIN_SIGMA, 3.0),
            });
        }
    }

    /// Rules out a finish before `t`: what the parts gave to earlier times is dropped, not
    /// moved, so a part whose time is past fades instead of being renewed.
    pub(crate) fn rule_out_before(&mut self, t: f64) {
        if t.is_finite() {
            for part in &mut self.parts {
                part.not_before = part.not_before.max(t);
            }
        }
    }

    /// Mixes `other` in with `share` (0–1) of the total weight.
    pub(crate) fn mix(&mut self, other: Belief, share: f64) {
        let total = |b: &Belief| b.parts.iter().map(|p| p.weight).sum::<f64>();
        let (mine, theirs) = (total(self), total(&other));
        if !(mine > 0.0 && theirs > 0.0 && (0.0..1.0).contains(&share)) {
            return;
        }
        for part in &mut self.parts {
            part.weight *= (1.0 - share) / mine;
        }
        self.parts.extend(other.parts.into_iter().map(|mut part| {
            part.weight *= share / theirs;
            part
        }));
    }

    /// Whether nothing is known.
    pub(crate) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// P(finish > t), for t in seconds since creation; 1 when the belief is empty.
    pub(crate) fn survival(&self, t: f64) -> f64 {
        let total: f64 = self.parts.iter().map(|p| p.weight).sum();
        if self.parts.is_empty() || total <= 0.0 {
            return 1.0;
        }
        let above: f64 = self
            .parts
            .iter()
            .map(|p| p.weight * p.above(t.max(p.not_before)))
            .sum();
        clamp(above / total, 0.0, 1.0)
    }

    /// The first time (seconds since creation, at least `from`) by which the task is done with
    /// probability one half, given that it was still running at `from`.
    pub(crate) fn median_after(&self, from: f64) -> Option<f64> {
        let alive = self.survival(from);
        if self.parts.is_empty() || alive <= 0.0 {
            return None;
        }
        let target = alive / 2.0;
        let (mut lo, mut hi) = (from.max(0.0), from.max(1.0) * 2.0);
        while self.survival(hi) > target {
            hi *= 2.0;
            if hi > 1e9 {
                return None;
            }
        }
        for _ in 0..60 {
            let mid = (lo + hi) / 2.0;
            if self.survival(mid) > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(hi)
    }
}

impl Part {
    /// P(finish > t), unconditioned.
    fn above(&self, t: f64) -> f64 {
        let after = t - self.offset;
        if after <= 0.0 {
            1.0
        } else {
            normal_above((after.ln() - self.ln_median) / self.sigma)
        }
    }
}

/// P(Z > z) for a standard normal Z.
fn normal_above(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The complementary error function (Numerical Recipes' `erfcc`: relative error below
/// 1.2e-7 everywhere, tails included).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let tail = t * (-z * z + poly).exp();
    if x >= 0.0 {
        tail
    } else {
        2.0 - tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        // erfc(0) = 1, erfc(1) = 0.157299207, erfc(-1) = 1.842700793, erfc(3) = 2.209049700e-5
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-7);
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-7);
        assert!((erfc(3.0) / 2.209_049_700e-5 - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_single_part_is_a_log_normal() {
        let mut belief = Belief::default();
        belief.add(1.0, 0.0, 40.0, 0.5);
        assert!((belief.survival(40.0) - 0.5).abs() < 1e-7);
        // One sigma above the median: P(Z > 1) = 0.158655254.
        let above = 40.0 * 0.5f64.exp();
        assert!((belief.survival(above) - 0.158_655_254).abs() < 1e-6);
        let median = belief.median_after(0.0).unwrap();
        assert!((median - 40.0).abs() < 1e-6, "{median}");
    }

    #[test]
    fn a_shifted_part_cannot_finish_before_its_offset() {
        let mut belief = Belief::default();
        belief.add(1.0, 30.0, 10.0, 0.5);
        assert_eq!(belief.survival(29.9), 1.0);
        assert!((belief.survival(40.0) - 0.5).abs() < 1e-7);
    }

    #[test]
    fn a_finish_ruled_out_before_a_time_drops_that_weight() {
        let mut belief = Belief::default();
        belief.add(1.0, 0.0, 40.0, 0.5);
        let mut late = Belief::default();
        late.add(1.0, 0.0, 1000.0, 0.1);
        belief.mix(late, 0.5);
        belief.rule_out_before(40.0);
        // Half of the first part is gone: survival until 40 s is (0.5 + 1) / 2.
        assert!((belief.survival(10.0) - 0.75).abs() < 1e-7);
        assert!((belief.survival(40.0) - 0.75).abs() < 1e-7);
        // One sigma above the first median: (0.158655254 + 1) / 2.
        let above = 40.0 * 0.5f64.exp();
        assert!((belief.survival(above) - 0.579_327_627).abs() < 1e-6);
    }

    #[test]
    fn the_median_after_a_time_conditions_on_still_running() {
        let mut belief = Belief::default();
        belief.add(1.0, 0.0, 10.0, 0.3);
        belief.add(1.0, 0.0, 100.0, 0.3);
        // Still running at 30 s: the first part is over, the second's median remains.
        let median = belief.median_after(30.0).unwrap();
        assert!((median - 100.0).abs() < 1.0, "{median}");
    }

    #[test]
    fn bad_numbers_are_ignored_and_an_empty_belief_knows_nothing() {
        let mut belief = Belief::default();
        belief.add(f64::NAN, 0.0, 10.0, 0.3);
        belief.add(1.0, 0.0, -5.0, 0.3);
        belief.add(1.0, 0.0, f64::INFINITY, 0.3);
        belief.add(1.0, f64::NAN, 10.0, 0.3);
        belief.add(0.0, 0.0, 10.0, 0.3);
        assert_eq!(belief, Belief::default());
        assert_eq!(belief.survival(1e6), 1.0);
        assert_eq!(belief.median_after(0.0), None);
    }
}
