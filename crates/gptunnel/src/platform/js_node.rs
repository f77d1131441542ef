//! A JavaScript value read in place by the answer readers: what `JSON.parse` returned for an
//! answer, or a task object a JavaScript caller passed to `wait`.
//!
//! Fields are looked up by name (`Reflect.get`), so a reader touches only the fields it reads:
//! no serde deserializer, no `Object.entries` walk over every field (issue 12, the package's
//! weight).

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::node::{Node, Shape};
use crate::number::EXACT_LIMIT;

impl Node for JsValue {
    fn shape(&self) -> Shape {
        if let Some(flag) = self.as_bool() {
            Shape::Bool(flag)
        } else if let Some(number) = self.as_f64() {
            // Whole numbers up to 2^53 read as integers, as serde_json gives them natively.
            if number.fract() == 0.0 && number.abs() <= EXACT_LIMIT {
                Shape::Int(number as i64)
            } else {
                Shape::Float(number)
            }
        } else if let Some(text) = self.as_string() {
            Shape::Text(text)
        } else if Array::is_array(self) {
            Shape::List
        } else if JsValue::is_object(self) {
            Shape::Object
        } else {
            // null, undefined, and what JSON cannot hold (a function, a symbol, a bigint).
            Shape::Null
        }
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self)
    }

    fn items(&self) -> Vec<JsValue> {
        match self.dyn_ref::<Array>() {
            Some(items) => items.iter().collect(),
            None => Vec::new(),
        }
    }

    fn field(&self, name: &str) -> Option<JsValue> {
        if !JsValue::is_object(self) {
            return None; // `Reflect.get` throws on a primitive
        }
        Reflect::get(self, &JsValue::from_str(name)).ok()
    }

    fn repeats(&self, _name: &str) -> bool {
        false // an object's keys are unique
    }
}
