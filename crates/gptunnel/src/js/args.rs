//! Reading JavaScript arguments.
//!
//! A JavaScript caller can pass anything (`image: "2"`, no object at all, a typo'd field), so
//! every read either yields a Rust value or an `invalid_input` error that names the field and
//! says what it got — never a panic, a wasm trap, or a serde message without the field name.
//! Range checks (image 1–4, zoom 50/75, task id format) are the core's; only types are
//! checked here.

use std::time::Duration;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::text::quoted;
use crate::Error;

/// A JS options object such as `{ taskId, image }`, read field by field.
pub(crate) struct Fields(JsValue);

impl Fields {
    /// `value` must be a plain object. `undefined` and `null` read as `{}`, so that a call
    /// without arguments reports its first missing field rather than a vague "no object".
    /// `name` is the argument, for the error message (`"options"`).
    pub(crate) fn new(value: &JsValue, name: &'static str) -> Result<Self, Error> {
        if value.is_undefined() || value.is_null() {
            return Ok(Self(js_sys::Object::new().into()));
        }
        if !value.is_object() || value.is_function() || Array::is_array(value) {
            return Err(Error::invalid(
                name,
                format!("must be an object, got {}", describe(value)),
            ));
        }
        Ok(Self(value.clone()))
    }

    /// The object itself (`{}` when it was `undefined` or `null`).
    pub(crate) fn into_object(self) -> JsValue {
        self.0
    }

    /// The field's value; `undefined` and `null` read as absent.
    pub(crate) fn get(&self, name: &'static str) -> Result<Option<JsValue>, Error> {
        let value = Reflect::get(&self.0, &JsValue::from_str(name))
            .map_err(|_| Error::invalid(name, "could not be read (its getter threw)"))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    /// A required string.
    pub(crate) fn string(&self, name: &'static str) -> Result<String, Error> {
        self.opt_string(name)?
            .ok_or_else(|| Error::invalid(name, "is required (a string)"))
    }

    /// An optional string.
    pub(crate) fn opt_string(&self, name: &'static str) -> Result<Option<String>, Error> {
        self.get(name)?
            .map(|value| string(&value, name))
            .transpose()
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&self, name: &'static str) -> Result<Option<bool>, Error> {
        self.get(name)?
            .map(|value| {
                value.as_bool().ok_or_else(|| {
                    Error::invalid(
                        name,
                        format!("must be true or false, got {}", describe(&value)),
                    )
                })
            })
            .transpose()
    }

    /// A required small whole number; `allowed` says which, for the message (`"1, 2, 3 or 4"`).
    pub(crate) fn small_number(&self, name: &'static str, allowed: &str) -> Result<u8, Error> {
        let value = self
            .get(name)?
            .ok_or_else(|| Error::invalid(name, format!("is required ({allowed})")))?;
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=255.0).contains(&n) => Ok(n as u8),
            _ => Err(Error::invalid(
                name,
                format!("must be {allowed}, got {}", describe(&value)),
            )),
        }
    }

    /// A required string that must be one of the names in `choices`; yields its value.
    pub(crate) fn choice<T>(&self, name: &'static str, choices: &[(&str, T)]) -> Result<T, Error>
    where
        T: Copy,
    {
        let names = || {
            let quoted: Vec<String> = choices
                .iter()
                .map(|(text, _)| quoted(text))
                .collect();
            quoted.join(", ")
        };
        let value = self
            .get(name)?
            .ok_or_else(|| Error::invalid(name, format!("is required (one of {})", names())))?;
        value
            .as_string()
            .and_then(|text| {
                choices
                    .iter()
                    .find(|(choice, _)| *choice == text)
                    .map(|(_, v)| *v)
            })
            .ok_or_else(|| {
                Error::invalid(
                    name,
                    format!("must be one of {}, got {}", names(), describe(&value)),
                )
            })
    }

    /// An optional function (a callback).
    pub(crate) fn opt_function(&self, name: &'static str) -> Result<Option<Function>, Error> {
        self.get(name)?
            .map(|value| {
                value.dyn_into::<Function>().map_err(|value| {
                    Error::invalid(
                        name,
                        format!("must be a function, got {}", describe(&value)),
                    )
                })
            })
            .transpose()
    }

    /// An optional duration in milliseconds: `None` when absent (keep the default),
    /// `Some(None)` for `Infinity` (never), `Some(Some(d))` otherwise.
    pub(crate) fn opt_millis(&self, name: &'static str) -> Result<Option<Option<Duration>>, Error> {
        let Some(value) = self.get(name)? else {
            return Ok(None);
        };
        // try_from: a finite but huge number (1e30) would make `from_secs_f64` panic.
        let duration = value.as_f64().filter(|ms| *ms >= 0.0).map(|ms| {
            (
                ms == f64::INFINITY,
                Duration::try_from_secs_f64(ms / 1000.0),
            )
        });
        match duration {
            Some((true, _)) => Ok(Some(None)),
            Some((false, Ok(duration))) => Ok(Some(Some(duration))),
            _ => Err(Error::invalid(
                name,
                format!(
                    "must be a number of milliseconds ≥ 0 (or Infinity), got {}",
                    describe(&value)
                ),
            )),
        }
    }

    /// An optional array of strings.
    pub(crate) fn opt_strings(&self, name: &'static str) -> Result<Option<Vec<String>>, Error> {
        let Some(value) = self.get(name)? else {
            return Ok(None);
        };
        let not_a_list = |value: &JsValue| {
            Error::invalid(
                name,
                format!("must be an array of strings, got {}", describe(value)),
            )
        };
        let array = value.dyn_ref::<Array>().ok_or_else(|| not_a_list(&value))?;
        array
            .iter()
            .map(|item| item.as_string().ok_or_else(|| not_a_list(&item)))
            .collect::<Result<_, _>>()
            .map(Some)
    }
}

/// `value` as a string, or an error naming `name`.
pub(crate) fn string(value: &JsValue, name: &'static str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::invalid(name, format!("must be a string, got {}", describe(value))))
}

/// A short description of a JS value for error messages: `the string "2"`, `2.5`, `an object`.
pub(crate) fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().count() > 40 { "…" } else { "" };
        format!("the string {}{more}", quoted(&shown))
    } else if let Some(number) = value.as_f64() {
        crate::platform::number_text(number)
    } else if let Some(flag) = value.as_bool() {
        format!("{flag}")
    } else if value.is_undefined() {
        "nothing".to_owned()
    } else if value.is_null() {
        "null".to_owned()
    } else if Array::is_array(value) {
        "an array".to_owned()
    } else if value.is_function() {
        "a function".to_owned()
    } else if value.is_object() {
        "an object".to_owned()
    } else {
        format!("a {}", value.js_typeof().as_string().unwrap_or_default())
    }
}
