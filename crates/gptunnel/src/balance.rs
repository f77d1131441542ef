//! The organisation's balance (`GET /v1/balance`, CONTRACT §5).

use serde::{Deserialize, Serialize};

use crate::lenient;

/// Money available to the key's organisation (or wallet), in rubles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Balance {
    /// The organisation's id.
    #[serde(rename = "orgId", default, deserialize_with = "lenient::string")]
    pub org_id: String,
    /// Always `balance` so far.
    #[serde(default, deserialize_with = "lenient::string")]
    pub object: String,
    /// Current balance; may be negative, down to `-credit_limit`.
    #[serde(default, deserialize_with = "lenient::f64_or_zero")]
    pub balance: f64,
    /// How far below zero the balance may go.
    #[serde(
        rename = "creditLimit",
        default,
        deserialize_with = "lenient::f64_or_zero"
    )]
    pub credit_limit: f64,
}
