//! Forgiving field rules for server-owned data, written once over [`Node`] (serde_json's tree
//! natively, `JSON.parse`'s result in the browser).
//!
//! The provider's examples and public clients disagree on details (a percent that is a float
//! or null, an error that is a string or an object, `null` where a list is expected). These
//! rules accept every reasonable shape so that a new server quirk degrades a field instead of
//! failing the whole answer. Each takes the field as found (`None` when missing, which always
//! reads as `null`).

use crate::node::{Node, Read, Shape};
use crate::number::EXACT_LIMIT;

/// Any number-like value: an integer, a float, a numeric string; `None` for anything else.
pub(crate) fn opt_f64<N: Node>(node: Option<N>) -> Option<f64> {
    match node?.shape() {
        Shape::Int(n) => Some(n as f64),
        Shape::UInt(n) => Some(n as f64),
        Shape::Float(n) => Some(n),
        Shape::Text(text) => crate::number::parse_f64(text.trim()),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

/// Any number-like value as an `f64`, 0 when missing.
pub(crate) fn f64_or_zero<N: Node>(node: Option<N>) -> f64 {
    opt_f64(node).unwrap_or(0.0)
}

/// A count (tokens): rounded and clamped at zero.
pub(crate) fn count<N: Node>(node: Option<N>) -> u64 {
    opt_f64(node).map_or(0, |n| n.max(0.0).round() as u64)
}

/// Progress 0–100: floats are rounded, out-of-range values clamped, null is 0.
pub(crate) fn percent<N: Node>(node: Option<N>) -> u8 {
    opt_f64(node).map_or(0, |n| crate::number::clamp(n, 0.0, 100.0).round() as u8)
}

/// A code (a media `code`): a whole number, or nothing; 1e300 or 6.5 is no code at all, not a
/// saturated or cut one.
pub(crate) fn opt_code<N: Node>(node: Option<N>) -> Option<i64> {
    opt_f64(node)
        .filter(|n| n.fract() == 0.0 && n.abs() <= EXACT_LIMIT)
        .map(|n| n as i64)
}

/// Whole seconds (a timestamp): fractions are dropped, values out of range are nothing.
pub(crate) fn opt_seconds<N: Node>(node: Option<N>) -> Option<i64> {
    opt_f64(node)
        .filter(|n| n.abs() <= EXACT_LIMIT)
        .map(|n| n.trunc() as i64)
}

/// How deep [`text`] follows lists and `message`s: answers are at most 128 deep
/// (`json::check_depth`), but an object a JavaScript caller passes may be cyclic.
const MAX_TEXT_DEPTH: usize = 128;

/// Text that may arrive as a string, a number, a bool, null, an object with a `message`, or a
/// list of those (zod-style issues, say: the readable ones are kept, joined by "; ").
fn text<N: Node>(node: &N, depth: usize) -> Option<String> {
    match node.shape() {
        Shape::Null => None,
        Shape::Bool(flag) => Some(if flag { "true" } else { "false" }.to_owned()),
        Shape::Int(n) => Some(n.to_string()),
        Shape::UInt(n) => Some(n.to_string()),
        Shape::Float(n) => Some(crate::platform::number_text(n)),
        Shape::Text(text) => Some(text),
        _ if depth >= MAX_TEXT_DEPTH => None,
        Shape::List => {
            let parts: Vec<String> = node
                .items()
                .iter()
                .filter_map(|item| text(item, depth + 1))
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Shape::Object => Some(
            node.field("message")
                .and_then(|message| text(&message, depth + 1))
                .unwrap_or_else(|| "(details not given as text)".to_owned()),
        ),
    }
}

/// Optional text in any reasonable shape; empty strings count as absent.
pub(crate) fn opt_string<N: Node>(node: Option<N>) -> Option<String> {
    text(&node?, 0).filter(|s| !s.is_empty())
}

/// Text, empty when missing or null.
pub(crate) fn string<N: Node>(node: Option<N>) -> String {
    node.and_then(|node| text(&node, 0)).unwrap_or_default()
}

/// A list that may be null, each element read by `item`; anything else is an error (as serde's
/// `Option<Vec<_>>` was).
pub(crate) fn list<N: Node, T>(node: Option<N>, item: impl Fn(N) -> T) -> Result<Vec<T>, String> {
    let Some(node) = node else {
        return Ok(Vec::new());
    };
    match node.shape() {
        Shape::Null => Ok(Vec::new()),
        Shape::List => Ok(node.items().into_iter().map(item).collect()),
        _ => Err("invalid type: expected a list".to_owned()),
    }
}

/// A nested object that may be null or of the wrong shape: then it is `None`. An object that
/// does not read as `T` is an error.
pub(crate) fn opt_object<N: Node, T: Read>(node: Option<N>) -> Result<Option<T>, String> {
    match node {
        Some(node) if node.is_object() => T::read(&node).map(Some),
        _ => Ok(None),
    }
}

/// Declares an enum of strings the server owns: known values as variants, anything else kept
/// in `Other(String)` (null or a missing field become `Other("")`), serialized back to the
/// exact wire string so JavaScript callers see what the server sent.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(wire: &str) -> Self {
                match wire {
                    $( $wire => Self::$variant, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::Other(String::new())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let tree = <$crate::tree::Json as serde::Deserialize>::deserialize(d)?;
                Ok(Self::from($crate::lenient::string(Some(&tree)).as_str()))
            }
        }
    };
}
pub(crate) use open_enum;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::tree::Json;

    #[test]
    fn text_stops_following_messages_at_its_depth_limit() {
        // Deeper than any parsed answer can be: what a cyclic JavaScript object would give.
        let mut deep = Json::Text("too deep".to_owned());
        for _ in 0..1000 {
            deep = Json::Object(vec![("message".to_owned(), deep)]);
        }
        assert_eq!(super::string(Some(&deep)), "(details not given as text)");
        let mut shallow = Json::Text("found".to_owned());
        for _ in 0..60 {
            shallow = Json::List(vec![Json::Object(vec![("message".to_owned(), shallow)])]);
        }
        assert_eq!(super::string(Some(&shallow)), "found");
    }
}
