//! Decimal numbers read from text: a prompt's `--iw 0.5`, a numeric string in an answer.
//!
//! Rust's `f64::from_str` is several KB of wasm that the browser already has (`parseFloat`),
//! so the syntax Rust accepts is checked here, the same on both targets, and the conversion
//! itself is the platform's (issue 12): Rust's parser natively, the engine's in the browser.

use crate::platform;

/// 2^53: up to it an f64 holds every whole number exactly; beyond it a "whole" number may be a
/// rounded one, so it is no count, code or id.
pub(crate) const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// `text` read as `str::parse::<f64>` reads it: `None` exactly where that fails.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    match syntax(text)? {
        Syntax::Decimal => platform::decimal_to_f64(text),
        Syntax::Special(value) => Some(value),
    }
}

/// `x` limited to `low..=high`, as `f64::clamp` (NaN stays NaN) but without its panic when
/// `low > high` (a bound is returned): its message would link Rust's float formatting (issue 12).
pub(crate) fn clamp(x: f64, low: f64, high: f64) -> f64 {
    if x < low {
        low
    } else if x > high {
        high
    } else {
        x
    }
}

enum Syntax {
    /// Digits with an optional point and exponent: the platform converts it.
    Decimal,
    /// `inf`, `infinity` or `nan` (any case, optional sign).
    Special(f64),
}

/// Rust's float grammar: `[+-]? (inf | infinity | nan | digits [. digits] [(e|E) [+-]? digits])`,
/// where the mantissa has at least one digit on either side of the point.
fn syntax(text: &str) -> Option<Syntax> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let special = |word: &str| unsigned.eq_ignore_ascii_case(word);
    if special("inf") || special("infinity") {
        return Some(Syntax::Special(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if special("nan") {
        return Some(Syntax::Special(f64::NAN));
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = digits(whole) && digits(fraction) && whole.len() + fraction.len() > 0;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    (mantissa_ok && exponent_ok).then_some(Syntax::Decimal)
}

#[cfg(test)]
mod tests {
    use super::{clamp, parse_f64};

    #[test]
    fn clamp_agrees_with_the_standard_library_where_that_does_not_panic() {
        for x in [
            -1e300,
            -2.0,
            -0.0,
            0.0,
            0.3,
            1.0,
            1.5,
            7.0,
            1e300,
            f64::INFINITY,
        ] {
            for (low, high) in [(0.0, 1.0), (-1.0, 1.0), (2.0, 2.0), (0.05, 3.0)] {
                assert_eq!(clamp(x, low, high).to_bits(), x.clamp(low, high).to_bits());
            }
        }
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!(clamp(5.0, 3.0, 1.0), 1.0);
    }

    #[test]
    fn reads_what_rusts_parser_reads_and_refuses_what_it_refuses() {
        let cases = [
            "0",
            "1",
            "-1",
            "+2",
            "0.5",
            ".5",
            "5.",
            "1e3",
            "1E3",
            "1e+3",
            "2.5e-3",
            "-.5e1",
            "007",
            "1000000000000000000000000",
            "1e400",
            "-1e400",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "",
            ".",
            "-",
            "+",
            "e3",
            "1e",
            "1e+",
            "1.2.3",
            "1,5",
            " 1",
            "1 ",
            "0x10",
            "1_000",
            "١",
            "--1",
            "+-1",
            "1e3.5",
            "infinit",
            "nana",
            "½",
        ];
        for text in cases {
            let ours = parse_f64(text);
            let rusts = text.parse::<f64>().ok();
            match (ours, rusts) {
                (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text}"),
                (a, b) => assert_eq!(a, b, "{text:?}"),
            }
        }
    }
}
