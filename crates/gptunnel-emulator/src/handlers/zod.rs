//! Media refusals name their problems the way the provider's validator (zod) does.

use serde_json::{json, Value};

/// A value of the wrong JSON type at `path`.
pub(crate) fn type_issue(path: &[&str], expected: &str, value: &Value) -> Value {
    let received = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    json!({"code": "invalid_type", "expected": expected, "received": received, "path": path,
           "message": format!("Expected {expected}, received {received}")})
}

/// A string outside the accepted `options`.
pub(crate) fn enum_issue(name: &str, received: &str, options: &[&str]) -> Value {
    let listed: Vec<String> = options.iter().map(|option| format!("'{option}'")).collect();
    json!({"received": received, "code": "invalid_enum_value", "options": options, "path": [name],
           "message": format!("Invalid enum value. Expected {}, received '{received}'", listed.join(" | "))})
}
