//! `GET /v1/balance` (CONTRACT §5).

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::handlers::extract::Authorized;
use crate::model::money::money;
use crate::state::AppState;

/// `{"orgId","object":"balance","balance","creditLimit"}`. The optional `useWalletBalance`
/// query is accepted and shows the same single balance \[assumed\].
pub(crate) async fn balance_get(_: Authorized, State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "orgId": state.org_id(),
        "object": "balance",
        "balance": money(state.balance()),
        "creditLimit": money(state.settings().credit_limit),
    }))
}
