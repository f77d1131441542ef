//! `/v1/midjourney/result`: GET `?taskId=`/`?id=` \[doc\] and POST `{taskId}`/`{id}` \[seen\].
//! Answers the task object with a zero `usage` \[doc\].

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::Json;

use crate::domain::task::{TaskView, Usage};
use crate::error::ApiError;
use crate::handlers::extract::{Authorized, JsonFields};
use crate::handlers::validate::Fields;
use crate::state::AppState;

/// Names the task id may come under, first found wins.
const ID_FIELDS: [&str; 2] = ["taskId", "id"];

pub(crate) async fn task_result_get(
    auth: Authorized,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<TaskView>, ApiError> {
    task_result(&state, &auth, &Fields::from_query(&query))
}

pub(crate) async fn task_result_post(
    auth: Authorized,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    JsonFields(fields): JsonFields,
) -> Result<Json<TaskView>, ApiError> {
    let in_body = ID_FIELDS.iter().any(|name| fields.has(name));
    let fields = if in_body {
        fields
    } else {
        Fields::from_query(&query)
    };
    task_result(&state, &auth, &fields)
}

fn task_result(
    state: &AppState,
    auth: &Authorized,
    fields: &Fields,
) -> Result<Json<TaskView>, ApiError> {
    // The documented error names `id` even though the documented query parameter is `taskId`.
    let id = fields.task_id(&ID_FIELDS, "id")?;
    let now = state.now();
    let store = state.store();
    let task = store
        .task(&id)
        .ok_or_else(|| ApiError::BadRequest(format!("Task {id} not found")))?;
    Ok(Json(task.view(now, &auth.base_url, Usage::zero())))
}
