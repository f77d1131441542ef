//! JSON text in and out, with the same rules on both targets. The parser itself is the
//! platform's ([`crate::platform`]): serde_json into an owned tree natively, the engine's own
//! `JSON.parse` in the browser; the same readers ([`Read`]) take the answer from either.

use serde::Serialize;

use crate::node::Read;
use crate::{platform, Error};

/// Serialize a request body. Failing here means the caller's body cannot be JSON.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    platform::json_to_string(value)
}

/// Parse and read an answer; the error is the parser's or the reader's reason, for
/// [`Error::Decode`].
pub(crate) fn read<T: Read>(text: &str) -> Result<T, String> {
    check_depth(text)?;
    platform::read_json(text)
}

/// The deepest nesting an answer may have (serde_json's own limit). Checked before parsing on
/// both targets, so both refuse the same answers with the same reason: in the browser a deeper
/// answer would overflow the stack of `JSON.parse` or of the conversion after it and leave the
/// wasm instance broken.
const MAX_DEPTH: usize = 128;

fn check_depth(text: &str) -> Result<(), String> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("nested deeper than {MAX_DEPTH} levels"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_depth;

    #[test]
    fn nesting_up_to_the_limit_passes_and_deeper_is_refused() {
        let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(check_depth(&nested(128)).is_ok());
        assert!(check_depth(&nested(129)).is_err());
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!(r#"{{"a":"{}\"[["}}"#, "[".repeat(500));
        assert!(check_depth(&text).is_ok());
    }
}
