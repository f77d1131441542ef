//! The media endpoints (CONTRACT §4): HTTP 200 always, a numeric `code` in the body, zod-style
//! `issues` for invalid input. Both accept POST with a JSON body and GET with a query [doc for
//! result; assumed for create].

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::domain::images::recipe;
use crate::domain::media_task::MediaView;
use crate::error::MediaError;
use crate::handlers::extract::{MediaAuthorized, MediaBody};
use crate::handlers::zod::{enum_issue, type_issue};
use crate::model::ids::is_task_id;
use crate::model::media_models;
use crate::state::AppState;

pub(crate) async fn media_create_post(
    auth: MediaAuthorized,
    State(state): State<AppState>,
    MediaBody(fields): MediaBody,
) -> Result<Json<MediaView>, MediaError> {
    media_create(&state, &auth, &fields)
}

pub(crate) async fn media_create_get(
    auth: MediaAuthorized,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<MediaView>, MediaError> {
    media_create(&state, &auth, &query_fields(&query))
}

pub(crate) async fn media_result_post(
    auth: MediaAuthorized,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    MediaBody(fields): MediaBody,
) -> Result<Json<MediaView>, MediaError> {
    let fields = if fields.contains_key("task_id") {
        fields
    } else {
        query_fields(&query)
    };
    media_result(&state, &auth, &fields)
}

pub(crate) async fn media_result_get(
    auth: MediaAuthorized,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<MediaView>, MediaError> {
    media_result(&state, &auth, &query_fields(&query))
}

/// Any other `/v1/media/*` path: code 99.
pub(crate) async fn media_method_unknown() -> MediaError {
    MediaError::unknown_method()
}

fn media_create(
    state: &AppState,
    auth: &MediaAuthorized,
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
    Ok(Json(task.view(now, &auth.base_url)))
}

fn media_result(
    state: &AppState,
    auth: &MediaAuthorized,
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
    Ok(Json(task.view(now, &auth.base_url)))
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
