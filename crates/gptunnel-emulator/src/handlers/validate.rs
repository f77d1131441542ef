//! Reading request fields with the provider's error wording. The documented messages
//! (`'prompt' is a required property`) are Python jsonschema's, so the other checks use
//! jsonschema's wording too (`'2' is not of type 'integer'`, `5 is not one of [1, 2, 3, 4]`),
//! with values printed the way Python prints them.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::model::ids::is_task_id;

/// The fields of a JSON object body (or of a query string, as strings).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(Map<String, Value>);

impl Fields {
    /// Parses a body. An empty body counts as `{}`; anything but an object is refused.
    pub(crate) fn parse(body: &[u8]) -> Result<Fields, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Fields::default());
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(Fields(map)),
            Ok(other) => Err(ApiError::BadRequest(format!(
                "{} is not of type 'object'",
                py_repr(&other)
            ))),
            Err(error) => Err(ApiError::BadRequest(format!("Invalid JSON body: {error}"))),
        }
    }

    /// Query parameters as string fields.
    pub(crate) fn from_query(query: &HashMap<String, String>) -> Fields {
        Fields(
            query
                .iter()
                .map(|(key, value)| (key.clone(), Value::String(value.clone())))
                .collect(),
        )
    }

    /// A field, with `null` counting as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A required non-empty string.
    pub(crate) fn required_string(&self, name: &str) -> Result<&str, ApiError> {
        match self.get(name) {
            None => Err(required(name)),
            Some(Value::String(text)) if text.trim().is_empty() => Err(ApiError::BadRequest(
                format!("{} is too short", py_repr(&Value::String(text.clone()))),
            )),
            Some(Value::String(text)) => Ok(text),
            Some(other) => Err(not_of_type(other, "string")),
        }
    }

    /// An optional string (absent, null or empty → `None`).
    pub(crate) fn optional_string(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(not_of_type(other, "string")),
        }
    }

    pub(crate) fn optional_bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(not_of_type(other, "boolean")),
        }
    }

    /// A required integer among `choices` (a string such as `"2"` is refused: wrong type).
    pub(crate) fn required_int_choice(&self, name: &str, choices: &[i64]) -> Result<i64, ApiError> {
        let value = self.get(name).ok_or_else(|| required(name))?;
        let number = match value {
            Value::Number(number) => number.as_i64().filter(|_| !number.is_f64()).or_else(|| {
                number
                    .as_f64()
                    .filter(|f| f.fract() == 0.0)
                    .map(|f| f as i64)
            }),
            _ => None,
        };
        let number = number.ok_or_else(|| not_of_type(value, "integer"))?;
        if choices.contains(&number) {
            Ok(number)
        } else {
            let listed: Vec<String> = choices.iter().map(i64::to_string).collect();
            Err(ApiError::BadRequest(format!(
                "{} is not one of [{}]",
                py_repr(value),
                listed.join(", ")
            )))
        }
    }

    /// A required string among `choices`. With `numbers_too`, a JSON number whose text is
    /// one of the choices is accepted as well (`"zoom": 50` for `"50"`).
    pub(crate) fn required_str_choice(
        &self,
        name: &str,
        choices: &[&'static str],
        numbers_too: bool,
    ) -> Result<&'static str, ApiError> {
        let value = self.get(name).ok_or_else(|| required(name))?;
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(number) if numbers_too => number.to_string(),
            other => return Err(not_of_type(other, "string")),
        };
        choices
            .iter()
            .find(|choice| **choice == text)
            .copied()
            .ok_or_else(|| {
                let listed: Vec<String> = choices.iter().map(|c| format!("'{c}'")).collect();
                ApiError::BadRequest(format!(
                    "{} is not one of [{}]",
                    py_repr(value),
                    listed.join(", ")
                ))
            })
    }

    /// A task id from the first of `names` present; missing → `'<missing_name>' is a
    /// required property`; not 24 lowercase hex digits → a clear 400.
    pub(crate) fn task_id(&self, names: &[&str], missing_name: &str) -> Result<String, ApiError> {
        let value = names
            .iter()
            .find_map(|name| self.get(name))
            .ok_or_else(|| required(missing_name))?;
        let Value::String(id) = value else {
            return Err(not_of_type(value, "string"));
        };
        if is_task_id(id) {
            Ok(id.clone())
        } else {
            Err(ApiError::BadRequest(format!(
                "{} is not a valid task id (24 lowercase hex characters expected)",
                py_repr(value)
            )))
        }
    }
}

/// `'<name>' is a required property` \[doc wording\].
pub(crate) fn required(name: &str) -> ApiError {
    ApiError::BadRequest(format!("'{name}' is a required property"))
}

fn not_of_type(value: &Value, expected: &str) -> ApiError {
    ApiError::BadRequest(format!("{} is not of type '{expected}'", py_repr(value)))
}

/// A JSON value printed the way Python's `repr` prints the decoded value.
pub(crate) fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Fields {
        Fields::parse(value.to_string().as_bytes()).unwrap()
    }

    fn message(error: ApiError) -> String {
        error.to_string()
    }

    #[test]
    fn a_missing_prompt_gets_the_documented_message() {
        let error = fields(json!({})).required_string("prompt").unwrap_err();
        assert_eq!(message(error), "'prompt' is a required property");
    }

    #[test]
    fn images_out_of_range_or_of_the_wrong_type_are_explained() {
        let f = fields(json!({"a": 0, "b": 5, "c": "2", "d": 2.0}));
        assert_eq!(
            message(f.required_int_choice("a", &[1, 2, 3, 4]).unwrap_err()),
            "0 is not one of [1, 2, 3, 4]"
        );
        assert_eq!(
            message(f.required_int_choice("b", &[1, 2, 3, 4]).unwrap_err()),
            "5 is not one of [1, 2, 3, 4]"
        );
        assert_eq!(
            message(f.required_int_choice("c", &[1, 2, 3, 4]).unwrap_err()),
            "'2' is not of type 'integer'"
        );
        assert_eq!(f.required_int_choice("d", &[1, 2, 3, 4]).unwrap(), 2);
    }

    #[test]
    fn string_choices_may_accept_numbers() {
        let f = fields(json!({"zoom": 50, "direction": "sideways"}));
        assert_eq!(
            f.required_str_choice("zoom", &["50", "75"], true).unwrap(),
            "50"
        );
        assert_eq!(
            message(
                f.required_str_choice("direction", &["left", "right"], false)
                    .unwrap_err()
            ),
            "'sideways' is not one of ['left', 'right']"
        );
    }

    #[test]
    fn bodies_that_are_not_objects_or_not_json_are_refused() {
        assert_eq!(
            message(Fields::parse(b"[1]").unwrap_err()),
            "[1] is not of type 'object'"
        );
        assert!(message(Fields::parse(b"{\"a\":").unwrap_err()).starts_with("Invalid JSON body"));
        assert!(Fields::parse(b"  ").is_ok());
    }

    #[test]
    fn task_ids_are_checked() {
        let f = fields(json!({"taskId": "nope"}));
        assert!(
            message(f.task_id(&["taskId"], "taskId").unwrap_err()).contains("not a valid task id")
        );
        assert_eq!(
            message(
                fields(json!({}))
                    .task_id(&["taskId", "id"], "id")
                    .unwrap_err()
            ),
            "'id' is a required property"
        );
    }
}
