//! The routes, one module per endpoint family, handlers named `resource_verb`.

pub(crate) mod admin;
pub(crate) mod balance;
pub(crate) mod extract;
pub(crate) mod images;
pub(crate) mod media;
pub(crate) mod midjourney;
pub(crate) mod result;
pub(crate) mod validate;
pub(crate) mod zod;

use axum::http::{Method, Uri};
use axum::routing::{any, get, post};
use axum::Router;

use crate::error::ApiError;
use crate::state::AppState;

/// Every route of the emulator, without the outer layers (see [`crate::app`]).
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/midjourney/imagine", post(midjourney::imagine_create))
        .route("/v1/midjourney/upsample", post(midjourney::upsample_create))
        .route(
            "/v1/midjourney/variation",
            post(midjourney::variation_create),
        )
        .route("/v1/midjourney/reroll", post(midjourney::reroll_create))
        .route("/v1/midjourney/inpaint", post(midjourney::inpaint_create))
        .route("/v1/midjourney/outpaint", post(midjourney::outpaint_create))
        .route("/v1/midjourney/pan", post(midjourney::pan_create))
        .route("/v1/midjourney/upscale", post(midjourney::upscale_create))
        .route(
            "/v1/midjourney/result",
            get(result::task_result_get).post(result::task_result_post),
        )
        .route(
            "/v1/media/create",
            get(media::media_create_get).post(media::media_create_post),
        )
        .route(
            "/v1/media/result",
            get(media::media_result_get).post(media::media_result_post),
        )
        .route("/v1/media/{*method}", any(media::media_method_unknown))
        .route("/v1/balance", get(balance::balance_get))
        .route("/task/image/{id}", get(images::image_get))
        .route("/__emulator/journal", get(admin::journal_get))
        .route("/__emulator/reset", post(admin::emulator_reset))
        .route("/__emulator/balance", post(admin::balance_set))
        .fallback(route_unknown)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

/// 404 in the error envelope for any path the API does not have \[assumed wording\].
pub(crate) async fn route_unknown(method: Method, uri: Uri) -> ApiError {
    ApiError::NotFound(format!("Unknown request URL: {method} {}", uri.path()))
}

/// 405 in the error envelope for a known path called with the wrong method.
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("Method {method} is not allowed for {}", uri.path()))
}
