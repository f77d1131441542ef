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
    let value = js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "not valid JSON".to_owned(),
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}
