//! `GET /v1/balance` (CONTRACT §5).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::model::money::money;
use crate::state::AppState;

/// `{"orgId","object":"balance","balance","creditLimit"}`. The optional `useWalletBalance`
/// query is accepted and shows the same single balance \[assumed\].
pub async fn balance_get(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    state.authorize(&headers)?;
    Ok(Json(json!({
        "orgId": state.org_id(),
        "object": "balance",
        "balance": money(state.balance()),
        "creditLimit": money(state.settings().credit_limit),
    })))
}
