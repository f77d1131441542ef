//! The media endpoints (CONTRACT §4): HTTP 200 always, a numeric `code` in the body, zod-style
//! `issues` for invalid input. Both accept POST with a JSON body and GET with a query [doc for
//! result; assumed for create].

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::domain::images::recipe;
use crate::domain::media_task::MediaView;
use crate::error::MediaError;
use crate::model::ids::is_task_id;
use crate::model::media_models;
use crate::state::AppState;

pub async fn media_create_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<MediaView>, MediaError> {
    state
        .authorize(&headers)
        .map_err(|_| MediaError::invalid_token())?;
    media_create(&state, &headers, &parse_body(&body)?)
}

pub async fn media_create_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<MediaView>, MediaError> {
    state
        .authorize(&headers)
        .map_err(|_| MediaError::invalid_token())?;
    media_create(&state, &headers, &query_fields(&query))
}

pub async fn media_result_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Json<MediaView>, MediaError> {
    state
        .authorize(&headers)
        .map_err(|_| MediaError::invalid_token())?;
    let fields = parse_body(&body)?;
    let fields = if fields.contains_key("task_id") {
        fields
    } else {
        query_fields(&query)
    };
    media_result(&state, &headers, &fields)
}

pub async fn media_result_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<MediaView>, MediaError> {
    state
        .authorize(&headers)
        .map_err(|_| MediaError::invalid_token())?;
    media_result(&state, &headers, &query_fields(&query))
}

/// Any other `/v1/media/*` path: code 99.
pub async fn media_method_unknown() -> MediaError {
    MediaError::unknown_method()
}

fn media_create(
    state: &AppState,
    headers: &HeaderMap,
    fields: &Map<String, Value>,
) -> Result<Json<MediaView>, MediaError> {
    let mut issues = Vec::new();
    let model = string_field(fields, "model", &mut issues);
    let prompt = string_field(fields, "prompt", &mut issues);
    let known = model.and_then(media_models::find);
    if let (Some(model), None) = (model, known) {
        let names: Vec<&str> = media_models::MODELS
            .iter()
            .map(|known| known.name)
            .collect();
        issues.push(enum_issue("model", model, &names));
    }
    let ar = match fields.get("ar").filter(|value| !value.is_null()) {
        None => None,
        Some(Value::String(ar)) => {
            if let Some(known) = known {
                if !known.ratios.contains(&ar.as_str()) {
                    issues.push(enum_issue("ar", ar, known.ratios));
                }
            }
            Some(ar.clone())
        }
        Some(other) => {
            issues.push(type_issue(&["ar"], "string", other));
            None
        }
    };
    match fields.get("images").filter(|value| !value.is_null()) {
        None => {}
        Some(Value::Array(items)) => {
            for (index, item) in items
                .iter()
                .enumerate()
                .filter(|(_, item)| !item.is_string())
            {
                issues.push(type_issue(&["images", &index.to_string()], "string", item));
            }
        }
        Some(other) => issues.push(type_issue(&["images"], "array", other)),
    }
    let (Some(model), Some(prompt), true) = (model, prompt, issues.is_empty()) else {
        return Err(MediaError::invalid_input(issues));
    };
    // The provider echoes the prompt with the aspect ratio appended [doc].
    let echoed = match &ar {
        Some(ar) => format!("{prompt} --ar {ar}"),
        None => prompt.to_string(),
    };
    let art = recipe::media(prompt, state.settings().image_size, ar.as_deref());
    let now = state.now();
    let task = state
        .store()
        .create_media(model, echoed, art, now, state.settings())
        .ok_or_else(MediaError::insufficient_balance)?;
    Ok(Json(task.view(now, &state.base_url(headers))))
}

fn media_result(
    state: &AppState,
    headers: &HeaderMap,
    fields: &Map<String, Value>,
) -> Result<Json<MediaView>, MediaError> {
    let mut issues = Vec::new();
    let Some(id) = string_field(fields, "task_id", &mut issues) else {
        return Err(MediaError::invalid_input(issues));
    };
    if !is_task_id(id) {
        let issue = json!({"validation": "regex", "code": "invalid_string", "message": "Invalid task id", "path": ["task_id"]});
        return Err(MediaError::invalid_input(vec![issue]));
    }
    let now = state.now();
    let store = state.store();
    let task = store.media(id).ok_or_else(MediaError::not_found)?;
    Ok(Json(task.view(now, &state.base_url(headers))))
}

fn parse_body(body: &[u8]) -> Result<Map<String, Value>, MediaError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(MediaError::invalid_input(vec![type_issue(
            &[],
            "object",
            &other,
        )])),
        Err(error) => Err(MediaError::invalid_input(vec![
            json!({"code": "custom", "path": [], "message": format!("Invalid JSON body: {error}")}),
        ])),
    }
}

fn query_fields(query: &HashMap<String, String>) -> Map<String, Value> {
    query
        .iter()
        .map(|(key, value)| (key.clone(), Value::String(value.clone())))
        .collect()
}

/// A required non-empty string field; problems are added as zod issues.
fn string_field<'a>(
    fields: &'a Map<String, Value>,
    name: &str,
    issues: &mut Vec<Value>,
) -> Option<&'a str> {
    match fields.get(name) {
        None => {
            issues.push(json!({"code": "invalid_type", "expected": "string", "received": "undefined", "path": [name], "message": "Required"}));
            None
        }
        Some(Value::String(text)) if text.trim().is_empty() => {
            issues.push(json!({"code": "too_small", "minimum": 1, "type": "string", "inclusive": true, "exact": false,
                               "message": "String must contain at least 1 character(s)", "path": [name]}));
            None
        }
        Some(Value::String(text)) => Some(text),
        Some(other) => {
            issues.push(type_issue(&[name], "string", other));
            None
        }
    }
}

fn type_issue(path: &[&str], expected: &str, value: &Value) -> Value {
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

fn enum_issue(name: &str, received: &str, options: &[&str]) -> Value {
    let listed: Vec<String> = options.iter().map(|option| format!("'{option}'")).collect();
    json!({"received": received, "code": "invalid_enum_value", "options": options, "path": [name],
           "message": format!("Invalid enum value. Expected {}, received '{received}'", listed.join(" | "))})
}
