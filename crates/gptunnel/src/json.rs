//! JSON text in and out. Natively serde_json; in the browser the engine's own `JSON.parse` /
//! `JSON.stringify` with serde-wasm-bindgen, so the wasm build carries no JSON parser of its
//! own (smaller download, and the same strictness: trailing commas are refused either way).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Error;

/// Serialize a request body. Failing here means the caller's body cannot be JSON.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::invalid("body", e.to_string()))
}

/// Parse an answer; the error is the parser's reason, for [`Error::Decode`].
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Serialize a request body. Failing here means the caller's body cannot be JSON.
#[cfg(target_arch = "wasm32")]
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    // json_compatible: maps become plain objects and large integers numbers, as in JSON.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value
        .serialize(&serializer)
        .map_err(|e| Error::invalid("body", e.to_string()))?;
    js_sys::JSON::stringify(&js)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| Error::invalid("body", "cannot be written as JSON"))
}

/// Parse an answer; the error is the parser's reason, for [`Error::Decode`].
#[cfg(target_arch = "wasm32")]
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    use wasm_bindgen::JsCast;
    check_depth(text)?;
    let value = js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "not valid JSON".to_owned(),
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The deepest nesting an answer may have: serde_json's own limit natively. In the browser a
/// deeper answer would overflow the stack of `JSON.parse` or of the conversion after it and
/// leave the wasm instance broken, so it is refused before parsing.
const MAX_DEPTH: usize = 128;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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
