//! The whole HTTP application: the routes of `handlers` inside the outer layers.

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

use crate::handlers;
use crate::middleware;
use crate::state::AppState;

/// The emulator as a router, for in-process tests (`tower::ServiceExt::oneshot`) or to mount
/// in another server. Layers, outermost first: CORS, journal/faults/log, body limit.
pub fn app(state: AppState) -> Router {
    handlers::router(state.clone())
        .layer(DefaultBodyLimit::max(middleware::BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state,
            middleware::observe,
        ))
        .layer(cors_layer())
}

/// CORS for any origin. `Authorization` must be listed by name: a `*` wildcard does not
/// cover it in browsers. `Retry-After` is exposed so page scripts can honour it.
pub(crate) fn cors_layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}
