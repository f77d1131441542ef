//! `GET /task/image/<id>?cache=<percent>`: the picture of a task, final at 100, an
//! unfinished-looking preview below. Public like the provider's URLs (no key), cached as PNG
//! bytes, drawn off the async threads.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::domain::images::render;
use crate::domain::lifecycle::Phase;
use crate::error::ApiError;
use crate::runtime::off_thread;
use crate::state::AppState;

pub(crate) async fn image_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let requested = query
        .get("cache")
        .and_then(|cache| cache.parse::<u8>().ok())
        .unwrap_or(100)
        .min(100);
    let now = state.now();
    let (art, phase) = {
        let store = state.store();
        if let Some(task) = store.task(&id) {
            (task.art.clone(), task.phase(now))
        } else if let Some(task) = store.media(&id) {
            (task.art.clone(), task.phase(now))
        } else {
            return Err(ApiError::NotFound(format!("No image for task {id}")));
        }
    };
    if !phase.has_picture() {
        return Err(ApiError::NotFound(format!(
            "Task {id} has no image yet (status '{}')",
            phase.status()
        )));
    }
    // A URL never shows more progress than the task has made.
    let shown = if phase == Phase::Done {
        requested
    } else {
        requested.min(phase.percent())
    };
    let png = match state.images().get(&id, shown) {
        Some(png) => png,
        None => {
            let task_id = id.clone();
            let drawn = off_thread(move || render(&art, &task_id, shown).encode_png())
                .await
                .map_err(|error| ApiError::Internal(format!("image drawing failed: {error}")))?;
            let png = Arc::new(drawn);
            state.images().put(&id, shown, png.clone());
            png
        }
    };
    let headers = [
        (header::CONTENT_TYPE, "image/png"),
        (header::CACHE_CONTROL, "public, max-age=86400"),
    ];
    Ok((headers, png.as_ref().clone()).into_response())
}
