//! Follow-up actions: the names a done task lists, and the ONE table that turns an action into
//! the request that performs it.
//!
//! Only upsample, variation and inpaint are documented. The rest follow CONTRACT §3's
//! \[assumed\] rule "action `<name>_<value>` → POST `/<name>` with `taskId` and one parameter";
//! if the provider turns out to differ, [`Action::request`] and the request structs' field
//! names are the only places to correct, and [`Client::raw`](crate::Client::raw) covers the
//! meantime.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::request::{
    Direction, Outpaint, Pan, Reroll, Upsample, Upscale, UpscaleType, Variation, VariationMode,
};
use crate::text::quoted;
use crate::Error;

/// An action a task allows, parsed from its wire name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// `upsamle_N` (the documented spelling) or `upsample_N`, N = 1–4; the spelling is kept so
    /// the name writes back exactly as the server sent it.
    Upsample(u8, UpsampleSpelling),
    /// `variation_N`, N = 1–4.
    Variation(u8),
    /// `high_variation`.
    HighVariation,
    /// `low_variation`.
    LowVariation,
    /// `reroll`.
    Reroll,
    /// `inpaint`: needs a mask, so it cannot be performed from its name alone.
    Inpaint,
    /// `outpaint_50` or `outpaint_75`.
    Outpaint(u8),
    /// `pan_left`, `pan_right`, `pan_up`, `pan_down`.
    Pan(Direction),
    /// `upscale_2x` or `upscale_4x`.
    Upscale(UpscaleType),
    /// A name this version does not know, kept verbatim.
    Other(String),
}

/// How an upsample action was spelled. Both spellings name the same action, so any two
/// spellings compare equal (and hash alike): `upsamle_1` and `upsample_1` are one [`Action`],
/// which [`Display`](fmt::Display) still writes back as it was read.
#[derive(Debug, Clone, Copy, Default)]
pub enum UpsampleSpelling {
    /// `upsamle_N`: the documentation's spelling (sic), used by [`Action::upsample`].
    #[default]
    Upsamle,
    /// `upsample_N`.
    Upsample,
}

impl PartialEq for UpsampleSpelling {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for UpsampleSpelling {}

impl Hash for UpsampleSpelling {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

/// The request an [`Action`] stands for, ready to send with [`Client::create`](crate::Client::create).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionRequest {
    /// `/upsample`.
    Upsample(Upsample),
    /// `/variation`, by image or by mode.
    Variation(Variation),
    /// `/reroll`.
    Reroll(Reroll),
    /// `/outpaint`.
    Outpaint(Outpaint),
    /// `/pan`.
    Pan(Pan),
    /// `/upscale`.
    Upscale(Upscale),
}

impl Action {
    /// Upsample quadrant `image` (1–4), spelled as the documentation does (`upsamle_N`).
    pub fn upsample(image: u8) -> Self {
        Self::Upsample(image, UpsampleSpelling::default())
    }

    /// Parse a wire name; unknown names become [`Action::Other`], never an error.
    pub fn parse(name: &str) -> Self {
        let quadrant = |n: &str| match n {
            "1" => Some(1),
            "2" => Some(2),
            "3" => Some(3),
            "4" => Some(4),
            _ => None,
        };
        let known = match name {
            "high_variation" => Some(Self::HighVariation),
            "low_variation" => Some(Self::LowVariation),
            "reroll" => Some(Self::Reroll),
            "inpaint" => Some(Self::Inpaint),
            "outpaint_50" => Some(Self::Outpaint(50)),
            "outpaint_75" => Some(Self::Outpaint(75)),
            "pan_left" => Some(Self::Pan(Direction::Left)),
            "pan_right" => Some(Self::Pan(Direction::Right)),
            "pan_up" => Some(Self::Pan(Direction::Up)),
            "pan_down" => Some(Self::Pan(Direction::Down)),
            "upscale_2x" => Some(Self::Upscale(UpscaleType::X2)),
            "upscale_4x" => Some(Self::Upscale(UpscaleType::X4)),
            _ => match name.split_once('_') {
                Some(("upsamle", n)) => {
                    quadrant(n).map(|n| Self::Upsample(n, UpsampleSpelling::Upsamle))
                }
                Some(("upsample", n)) => {
                    quadrant(n).map(|n| Self::Upsample(n, UpsampleSpelling::Upsample))
                }
                Some(("variation", n)) => quadrant(n).map(Self::Variation),
                _ => None,
            },
        };
        known.unwrap_or_else(|| Self::Other(name.to_owned()))
    }

    /// The request that performs this action on `task_id` (the \[assumed\] table).
    ///
    /// `inpaint` needs a mask: use [`Client::inpaint`](crate::Client::inpaint). Unknown names
    /// have no known request: use [`Client::raw`](crate::Client::raw).
    pub fn request(&self, task_id: &str) -> Result<ActionRequest, Error> {
        let id = task_id.to_owned();
        Ok(match self {
            Self::Upsample(n, _) => ActionRequest::Upsample(Upsample::new(id, *n)),
            Self::Variation(n) => ActionRequest::Variation(Variation::image(id, *n)),
            Self::HighVariation => {
                ActionRequest::Variation(Variation::mode(id, VariationMode::High))
            }
            Self::LowVariation => ActionRequest::Variation(Variation::mode(id, VariationMode::Low)),
            Self::Reroll => ActionRequest::Reroll(Reroll::new(id)),
            Self::Outpaint(zoom) => ActionRequest::Outpaint(Outpaint::new(id, *zoom)),
            Self::Pan(direction) => ActionRequest::Pan(Pan::new(id, *direction)),
            Self::Upscale(kind) => ActionRequest::Upscale(Upscale::new(id, *kind)),
            Self::Inpaint => {
                return Err(Error::invalid(
                    "action",
                    "inpaint needs a mask: call Client::inpaint with an Inpaint request",
                ))
            }
            Self::Other(name) => {
                return Err(Error::invalid(
                    "action",
                    format!(
                        "unknown action {}; send it with Client::raw if you know its body",
                        quoted(name)
                    ),
                ))
            }
        })
    }
}

impl From<&str> for Action {
    fn from(name: &str) -> Self {
        Self::parse(name)
    }
}

impl fmt::Display for Action {
    /// The wire name, spelled as it was read (`upsamle_N` or `upsample_N`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Upsample(n, UpsampleSpelling::Upsamle) => write!(f, "upsamle_{n}"),
            Self::Upsample(n, UpsampleSpelling::Upsample) => write!(f, "upsample_{n}"),
            Self::Variation(n) => write!(f, "variation_{n}"),
            Self::HighVariation => f.write_str("high_variation"),
            Self::LowVariation => f.write_str("low_variation"),
            Self::Reroll => f.write_str("reroll"),
            Self::Inpaint => f.write_str("inpaint"),
            Self::Outpaint(zoom) => write!(f, "outpaint_{zoom}"),
            Self::Pan(Direction::Left) => f.write_str("pan_left"),
            Self::Pan(Direction::Right) => f.write_str("pan_right"),
            Self::Pan(Direction::Up) => f.write_str("pan_up"),
            Self::Pan(Direction::Down) => f.write_str("pan_down"),
            Self::Upscale(UpscaleType::X2) => f.write_str("upscale_2x"),
            Self::Upscale(UpscaleType::X4) => f.write_str("upscale_4x"),
            Self::Other(name) => f.write_str(name),
        }
    }
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tree = crate::tree::Json::deserialize(d)?;
        Ok(Self::parse(&crate::lenient::string(Some(&tree))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "65589df803761c00010775ae";

    #[test]
    fn both_upsample_spellings_parse_to_the_same_action() {
        assert_eq!(Action::parse("upsamle_3"), Action::upsample(3));
        assert_eq!(Action::parse("upsample_3"), Action::upsample(3));
        assert_eq!(Action::parse("upsample_3"), Action::parse("upsamle_3"));
        assert_ne!(Action::parse("upsample_3"), Action::upsample(2));
    }

    #[test]
    fn each_upsample_spelling_writes_back_as_it_was_read() {
        assert_eq!(Action::parse("upsample_3").to_string(), "upsample_3");
        assert_eq!(Action::parse("upsamle_3").to_string(), "upsamle_3");
        assert_eq!(Action::upsample(2).to_string(), "upsamle_2");
    }

    #[test]
    fn the_two_spellings_hash_alike() {
        let set: std::collections::HashSet<Action> =
            ["upsamle_1", "upsample_1"].map(Action::parse).into();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn every_documented_name_round_trips_through_display() {
        let names = [
            "upsamle_1",
            "upsamle_4",
            "upsample_1",
            "upsample_4",
            "variation_1",
            "variation_4",
            "high_variation",
            "low_variation",
            "reroll",
            "inpaint",
            "outpaint_50",
            "outpaint_75",
            "pan_left",
            "pan_right",
            "pan_up",
            "pan_down",
            "upscale_2x",
            "upscale_4x",
        ];
        for name in names {
            let action = Action::parse(name);
            assert!(!matches!(action, Action::Other(_)), "{name} not recognised");
            assert_eq!(action.to_string(), name);
        }
    }

    #[test]
    fn unknown_or_out_of_range_names_are_kept_verbatim() {
        for name in [
            "upsamle_5",
            "variation_0",
            "outpaint_60",
            "describe",
            "pan_sideways",
            "",
        ] {
            assert_eq!(Action::parse(name), Action::Other(name.to_owned()));
            assert_eq!(Action::parse(name).to_string(), name);
        }
    }

    #[test]
    fn the_table_maps_each_action_to_its_endpoint_and_parameter() {
        let cases = [
            ("upsamle_2", ActionRequest::Upsample(Upsample::new(ID, 2))),
            ("upsample_4", ActionRequest::Upsample(Upsample::new(ID, 4))),
            (
                "variation_3",
                ActionRequest::Variation(Variation::image(ID, 3)),
            ),
            (
                "high_variation",
                ActionRequest::Variation(Variation::mode(ID, VariationMode::High)),
            ),
            (
                "low_variation",
                ActionRequest::Variation(Variation::mode(ID, VariationMode::Low)),
            ),
            ("reroll", ActionRequest::Reroll(Reroll::new(ID))),
            (
                "outpaint_50",
                ActionRequest::Outpaint(Outpaint::new(ID, 50)),
            ),
            (
                "outpaint_75",
                ActionRequest::Outpaint(Outpaint::new(ID, 75)),
            ),
            (
                "pan_left",
                ActionRequest::Pan(Pan::new(ID, Direction::Left)),
            ),
            (
                "pan_down",
                ActionRequest::Pan(Pan::new(ID, Direction::Down)),
            ),
            (
                "upscale_2x",
                ActionRequest::Upscale(Upscale::new(ID, UpscaleType::X2)),
            ),
            (
                "upscale_4x",
                ActionRequest::Upscale(Upscale::new(ID, UpscaleType::X4)),
            ),
        ];
        for (name, expected) in cases {
            assert_eq!(Action::parse(name).request(ID), Ok(expected), "{name}");
        }
    }

    #[test]
    fn inpaint_and_unknown_actions_are_refused_with_a_pointer_to_the_right_call() {
        let inpaint = Action::Inpaint.request(ID).unwrap_err();
        assert!(inpaint.to_string().contains("Client::inpaint"), "{inpaint}");
        let unknown = Action::parse("describe").request(ID).unwrap_err();
        assert!(unknown.to_string().contains("Client::raw"), "{unknown}");
        assert_eq!(unknown.kind(), crate::ErrorKind::InvalidInput);
    }
}
