//! Sums of money on the wire, printed the way the provider prints them.

use serde_json::{Number, Value};

/// A sum of money as JSON the way the provider prints it: `18`, `-51.54`, never `18.0`.
pub(crate) fn money(amount: f64) -> Value {
    let cents = (amount * 100.0).round() / 100.0;
    if cents.fract() == 0.0 && cents.abs() < 9.0e15 {
        Value::Number(Number::from(cents as i64))
    } else {
        Number::from_f64(cents)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

/// `serialize_with` helper for money fields.
pub(crate) fn serialize_money<S: serde::Serializer>(
    amount: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&money(*amount), serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_like_the_provider() {
        assert_eq!(money(18.0).to_string(), "18");
        assert_eq!(money(-51.54).to_string(), "-51.54");
    }
}
