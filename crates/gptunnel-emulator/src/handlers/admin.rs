//! Test-support endpoints under `/__emulator/`, outside the API namespace, for browser
//! end-to-end tests: read the journal, reset, set the balance. No key needed; never faulted
//! or journaled.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::handlers::extract::JsonFields;
use crate::handlers::validate::{py_repr, required};
use crate::journal::JournalEntry;
use crate::model::money::money;
use crate::state::AppState;

/// `GET /__emulator/journal`: every request received, in order.
pub(crate) async fn journal_get(State(state): State<AppState>) -> Json<Vec<JournalEntry>> {
    Json(state.journal())
}

/// `POST /__emulator/reset`: clears journal and tasks, restores the starting balance.
pub(crate) async fn emulator_reset(State(state): State<AppState>) -> Json<Value> {
    state.reset();
    Json(json!({"reset": true, "balance": money(state.balance())}))
}

/// `POST /__emulator/balance` `{"balance": n}`.
pub(crate) async fn balance_set(
    State(state): State<AppState>,
    JsonFields(fields): JsonFields,
) -> Result<Json<Value>, ApiError> {
    let value = fields.get("balance").ok_or_else(|| required("balance"))?;
    let balance = value
        .as_f64()
        .filter(|balance| balance.is_finite())
        .ok_or_else(|| {
            ApiError::BadRequest(format!("{} is not of type 'number'", py_repr(value)))
        })?;
    state.set_balance(balance);
    Ok(Json(json!({"balance": money(balance)})))
}
