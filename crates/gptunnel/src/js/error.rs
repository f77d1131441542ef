//! `GptunnelError`: every failure, as a real JavaScript `Error` with a stable `kind` (the
//! name of the core's `ErrorKind`) and an `outcomeUnknown` flag.
//!
//! The class is written in JavaScript (js/error.js) because only a JS class can extend
//! `Error` and get an engine-made `stack`; Rust constructs it through an import, and the
//! `reexport` import below makes the generated module export it too, so users can write
//! `import { GptunnelError } from "gptunnel"` and test `instanceof`.

#[cfg(feature = "js")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "js-mask")]
use crate::mask::MaskError;
#[cfg(feature = "js")]
use crate::Error;
#[cfg(feature = "js-mask")]
use crate::ErrorKind;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The JavaScript class (see js/error.js).
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type GptunnelError;

    #[wasm_bindgen(constructor)]
    fn new(kind: &str, message: &str, details: &JsValue) -> GptunnelError;

    /// Never called: it makes wasm-bindgen re-export the class from the package entry. Its
    /// TypeScript declaration is in js/types.d.ts (wasm-bindgen would only write `unknown`).
    #[wasm_bindgen(js_name = GptunnelError, reexport, skip_typescript)]
    fn export_gptunnel_error_class();
}

/// The known extra fields of an error, named as the TypeScript `GptunnelErrorDetails` says.
#[cfg(feature = "js")]
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Details<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    error_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<Code<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    task_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<f64>,
    /// Always present: whether a failed create may have made (and charged) its task.
    outcome_unknown: bool,
}

/// The envelope's string `code`, or a media endpoint's numeric one.
#[cfg(feature = "js")]
#[derive(Serialize)]
#[serde(untagged)]
enum Code<'a> {
    Text(&'a str),
    Number(i64),
}

/// `error` as a `GptunnelError`; `task_id` names the task concerned when the error itself
/// does not (a wait that failed after `run` created its task).
#[cfg(feature = "js")]
pub(crate) fn to_js(error: &Error, task_id: Option<&str>) -> GptunnelError {
    let mut details = Details {
        task_id,
        ..Details::default()
    };
    match error {
        Error::InvalidInput { field, .. } => details.param = Some(field),
        Error::Api {
            error_type,
            param,
            code,
            ..
        } => {
            details.error_type = error_type.as_deref();
            details.param = param.as_deref();
            details.code = code.as_deref().map(Code::Text);
        }
        Error::Media { code, .. } => details.code = Some(Code::Number(*code)),
        Error::Decode { body, .. } => details.body = Some(body),
        Error::TaskFailed { task_id, .. } => details.task_id = Some(task_id),
        Error::Network { .. } | Error::TimedOut { .. } | Error::Aborted => {}
    }
    details.status = error.status();
    details.retry_after_ms = error
        .retry_after()
        .map(|after| after.as_secs_f64() * 1000.0);
    details.outcome_unknown = error.outcome_unknown();
    let details = super::to_plain(&details);
    GptunnelError::new(error.kind().as_str(), &error.to_string(), &details)
}

/// Lets `?` turn a crate error into the rejection value of a Promise.
#[cfg(feature = "js")]
impl From<Error> for JsValue {
    fn from(error: Error) -> Self {
        to_js(&error, None).into()
    }
}

/// A mask refused by the entry `gptunnel/mask`: what `to_js(&Error::from(error))` gives (kind
/// `invalid_input`, `param` `"mask"`, the message `Error`'s Display writes for it), built
/// without serde or the crate's whole `Error` formatting, which would double the mask wasm.
#[cfg(feature = "js-mask")]
pub(crate) fn mask_error(error: MaskError) -> JsValue {
    let details = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&details, &"param".into(), &"mask".into());
    let message = format!("invalid mask: {error}");
    GptunnelError::new(ErrorKind::InvalidInput.as_str(), &message, &details).into()
}
