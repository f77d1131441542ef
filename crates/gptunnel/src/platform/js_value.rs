//! serde data from a JavaScript value: what `JSON.parse` returned for an answer, or a task
//! object a JavaScript caller passed to `wait`.
//!
//! Not serde-wasm-bindgen's deserializer (issue 12, the package's weight): this one reads only
//! what JSON can hold, through `deserialize_any` (every decoder of server data in this crate is
//! lenient and asks for nothing else, see `lenient.rs`), and its errors never write out the
//! unexpected value, which would link Rust's float formatting for one error message.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use serde::de::{Expected, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// `value` decoded as `T`; the error says what did not fit.
pub(crate) fn from_js_value<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    T::deserialize(JsDeserializer(value)).map_err(|DecodeError(reason)| reason)
}

/// The largest whole number an f64 holds exactly (2^53): up to it, numbers visit as integers.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

struct JsDeserializer(JsValue);

impl<'de> Deserializer<'de> for JsDeserializer {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match Shape::of(self.0) {
            Shape::Nothing => visitor.visit_unit(),
            Shape::Bool(flag) => visitor.visit_bool(flag),
            Shape::Whole(number) => visitor.visit_i64(number),
            Shape::Number(number) => visitor.visit_f64(number),
            Shape::Text(text) => visitor.visit_string(text),
            Shape::List(items) => visitor.visit_seq(items),
            Shape::Object(entries) => visitor.visit_map(entries),
            Shape::Unsupported => Err(de::Error::custom("a value JSON cannot hold")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// What a JS value is, as JSON sees it. Worked out once here, not in every visitor's copy of
/// `deserialize_any` (one per decoded type: the package's size, issue 12).
enum Shape {
    Nothing,
    Bool(bool),
    /// A whole number up to 2^53, visited as an integer as serde_json does natively.
    Whole(i64),
    Number(f64),
    Text(String),
    List(Items),
    Object(Entries),
    Unsupported,
}

impl Shape {
    #[inline(never)]
    fn of(value: JsValue) -> Shape {
        if value.is_null() || value.is_undefined() {
            Shape::Nothing
        } else if let Some(flag) = value.as_bool() {
            Shape::Bool(flag)
        } else if let Some(number) = value.as_f64() {
            if number.fract() == 0.0 && number.abs() <= EXACT_LIMIT {
                Shape::Whole(number as i64)
            } else {
                Shape::Number(number)
            }
        } else if let Some(text) = value.as_string() {
            Shape::Text(text)
        } else if Array::is_array(&value) {
            Shape::List(Items {
                items: value.unchecked_into(),
                next: 0,
            })
        } else if value.is_object() {
            Shape::Object(Entries {
                entries: Object::entries(value.unchecked_ref()),
                next: 0,
                value: JsValue::UNDEFINED,
            })
        } else {
            Shape::Unsupported
        }
    }
}

/// An array's elements, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(JsDeserializer(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.items.length().saturating_sub(self.next)).ok()
    }
}

/// An object's own enumerable `[key, value]` pairs (`Object.entries`).
struct Entries {
    entries: Array,
    next: u32,
    /// The value of the key read last.
    value: JsValue,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let pair: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = pair.get(1);
        seed.deserialize(JsDeserializer(pair.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(JsDeserializer(value))
    }
}

/// Why a value did not decode.
#[derive(Debug)]
struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self(message.to_string())
    }

    // The two below name what was expected only: writing out the unexpected value (serde's
    // default) would link float formatting.
    fn invalid_type(_: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!("invalid type: expected {expected}"))
    }

    fn invalid_value(_: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!("invalid value: expected {expected}"))
    }
}
