//! The organisation's balance (`GET /v1/balance`, CONTRACT §5).

use serde::Serialize;

use crate::lenient;
use crate::node::{deserialize_with_reader, Node, Object, Read};

/// Money available to the key's organisation (or wallet), in rubles.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Balance {
    /// The organisation's id.
    #[serde(rename = "orgId")]
    pub org_id: String,
    /// Always `balance` so far.
    pub object: String,
    /// Current balance; may be negative, down to `-credit_limit`.
    pub balance: f64,
    /// How far below zero the balance may go.
    #[serde(rename = "creditLimit")]
    pub credit_limit: f64,
}

impl Read for Balance {
    fn read<N: Node>(node: &N) -> Result<Self, String> {
        let balance = Object::of(node)?;
        Ok(Balance {
            org_id: lenient::string(balance.get("orgId")?),
            object: lenient::string(balance.get("object")?),
            balance: lenient::f64_or_zero(balance.get("balance")?),
            credit_limit: lenient::f64_or_zero(balance.get("creditLimit")?),
        })
    }
}

deserialize_with_reader!(Balance);
