//! Midjourney's documented ranges for the flags a studio sets, as typed errors.
//!
//! Where each range comes from (docs.midjourney.com, the page named after each parameter):
//! - `--s`/`--stylize` 0–1000 ("Stylize"), `--c`/`--chaos` 0–100 ("Chaos"),
//!   `--w`/`--weird` 0–3000 ("Weird"), `--seed` 0–4294967295 ("Seeds"),
//!   `--iw` 0–3 ("Image Weight"), `--sw` 0–1000 ("Style Reference"),
//!   `--cw` 0–100 ("Character Reference");
//! - `--q`/`--quality` by version ("Quality"): V7 takes 1, 2 and 4; V6 and 6.1 take .25, .5, 1
//!   and 2; earlier versions and Niji take .25, .5 and 1;
//! - `--ar` is `W:H` with whole positive numbers ("Aspect Ratio").

use thiserror::Error;

use crate::number::parse_f64;
use crate::text::quoted;

/// Why a flag's value is not one Midjourney accepts.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum PromptError {
    /// The value is not a number (or not a whole one where only whole numbers make sense).
    #[error("--{flag} takes a number, got {}", quoted(.value))]
    NotANumber {
        /// The flag's short name.
        flag: String,
        /// The value as typed.
        value: String,
    },
    /// The number is outside the documented range.
    #[error("--{flag} takes {min}–{max}, got {value}")]
    OutOfRange {
        /// The flag's short name.
        flag: String,
        /// The value as typed.
        value: String,
        /// The smallest allowed value (every documented bound is whole; kept as an integer so
        /// that the message needs no float formatting, issue 12).
        min: u64,
        /// The largest allowed value.
        max: u64,
    },
    /// A quality this version does not offer.
    #[error("--q {value} is not offered by this version (it takes {})", allowed.join(", "))]
    QualityNotOffered {
        /// The value as typed.
        value: String,
        /// The values the version takes.
        allowed: &'static [&'static str],
    },
    /// An aspect ratio that is not `W:H` with positive whole numbers.
    #[error("--ar takes W:H with whole positive numbers, like 16:9; got {}", quoted(.value))]
    BadAspectRatio {
        /// The value as typed.
        value: String,
    },
    /// A reference that is not an http(s) URL.
    #[error("a reference must be an http(s) URL; got {}", quoted(.value))]
    NotHttpUrl {
        /// The value as given.
        value: String,
    },
}

/// Whole-number flags and their ranges.
const WHOLE_RANGES: &[(&str, u64, u64)] = &[
    ("s", 0, 1000),
    ("c", 0, 100),
    ("w", 0, 3000),
    ("seed", 0, 4_294_967_295),
    ("sw", 0, 1000),
    ("cw", 0, 100),
];

const QUALITY_V7: &[&str] = &["1", "2", "4"];
const QUALITY_V6: &[&str] = &[".25", ".5", "1", "2"];
const QUALITY_OLDER: &[&str] = &[".25", ".5", "1"];

/// Checks `value` for flag `name` (any spelling) as Midjourney's current default version (7)
/// would read it.
pub fn check_flag(name: &str, value: &str) -> Result<(), PromptError> {
    check_flag_for(&super::canonical_name(name), value, None, false)
}

/// Checks `value` for the flag with short name `flag`, given the prompt's `--v` and whether it
/// uses `--niji` (quality depends on them).
pub(super) fn check_flag_for(
    flag: &str,
    value: &str,
    version: Option<&str>,
    niji: bool,
) -> Result<(), PromptError> {
    let value = value.trim();
    if let Some(&(_, min, max)) = WHOLE_RANGES.iter().find(|(f, ..)| *f == flag) {
        let number: u64 = value.parse().map_err(|_| not_a_number(flag, value))?;
        if !(min..=max).contains(&number) {
            return Err(out_of_range(flag, value, min, max));
        }
    }
    match flag {
        "iw" => {
            let number = parse_f64(value).ok_or_else(|| not_a_number(flag, value))?;
            if !(0.0..=3.0).contains(&number) {
                return Err(out_of_range(flag, value, 0, 3));
            }
        }
        "q" => {
            let allowed = qualities(version, niji);
            let number = parse_f64(value).ok_or_else(|| not_a_number(flag, value))?;
            if !allowed.iter().any(|a| parse_f64(a) == Some(number)) {
                return Err(PromptError::QualityNotOffered {
                    value: value.to_string(),
                    allowed,
                });
            }
        }
        "ar" if aspect_ratio(value).is_none() => {
            return Err(PromptError::BadAspectRatio {
                value: value.to_string(),
            });
        }
        _ => {}
    }
    Ok(())
}

/// An aspect ratio `W:H` of positive whole numbers (`16:9`) as (W, H); nothing for anything
/// else (`0:9`, `16:`, `wide`, signs or spaces).
pub fn aspect_ratio(value: &str) -> Option<(u32, u32)> {
    let whole = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|&n| n > 0)
    };
    let (w, h) = value.split_once(':')?;
    Some((whole(w)?, whole(h)?))
}

/// The quality values of a version (`--v` value, or Niji).
pub fn qualities(version: Option<&str>, niji: bool) -> &'static [&'static str] {
    if niji {
        return QUALITY_OLDER;
    }
    match version.map(str::trim) {
        None | Some("7") | Some("7.0") => QUALITY_V7,
        Some("6") | Some("6.0") | Some("6.1") => QUALITY_V6,
        Some(_) => QUALITY_OLDER,
    }
}

/// `url` trimmed, when it is an http(s) URL without spaces.
pub fn reference_url(url: &str) -> Result<&str, PromptError> {
    let url = url.trim();
    if super::scan::is_url(url) && !url.starts_with('<') && !url.chars().any(char::is_whitespace) {
        Ok(url)
    } else {
        Err(PromptError::NotHttpUrl {
            value: url.to_string(),
        })
    }
}

fn not_a_number(flag: &str, value: &str) -> PromptError {
    PromptError::NotANumber {
        flag: flag.to_string(),
        value: value.to_string(),
    }
}

fn out_of_range(flag: &str, value: &str, min: u64, max: u64) -> PromptError {
    PromptError::OutOfRange {
        flag: flag.to_string(),
        value: value.to_string(),
        min,
        max,
    }
}
