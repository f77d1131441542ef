//! An owned JSON tree: what serde_json parses answers into natively, and what the public
//! `Deserialize` impls of the answer types read from any serde format. Read through
//! [`Node`] by the same readers as the browser's `JSON.parse` results.
//!
//! Not `serde_json::Value`: serde_json is no dependency of the browser build, and this tree
//! keeps a repeated key (serde's derived decoders refused one; see [`crate::node::Object::get`]).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::node::{Node, Shape};

/// One JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(String),
    List(Vec<Json>),
    /// Fields in order, repeats kept.
    Object(Vec<(String, Json)>),
}

impl Node for &Json {
    fn shape(&self) -> Shape {
        match self {
            Json::Null => Shape::Null,
            Json::Bool(flag) => Shape::Bool(*flag),
            Json::Int(n) => Shape::Int(*n),
            Json::UInt(n) => Shape::UInt(*n),
            Json::Float(n) => Shape::Float(*n),
            Json::Text(text) => Shape::Text(text.clone()),
            Json::List(_) => Shape::List,
            Json::Object(_) => Shape::Object,
        }
    }

    fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    fn items(&self) -> Vec<Self> {
        match self {
            Json::List(items) => items.iter().collect(),
            _ => Vec::new(),
        }
    }

    fn field(&self, name: &str) -> Option<Self> {
        match self {
            Json::Object(fields) => fields.iter().rev().find(|(key, _)| key == name),
            _ => None,
        }
        .map(|(_, value)| value)
    }

    fn repeats(&self, name: &str) -> bool {
        match self {
            Json::Object(fields) => fields.iter().filter(|(key, _)| key == name).count() > 1,
            _ => false,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(i64::try_from(v).map_or(Json::UInt(v), Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Text(v))
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Json::Object(fields))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn tree(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn numbers_keep_whether_they_were_whole() {
        assert_eq!(
            tree("[-3, 18446744073709551615, 7, 1.0, 2.5]"),
            Json::List(vec![
                Json::Int(-3),
                Json::UInt(u64::MAX),
                Json::Int(7),
                Json::Float(1.0),
                Json::Float(2.5),
            ])
        );
    }

    #[test]
    fn a_repeated_key_is_kept_and_the_last_one_is_read() {
        let object = tree(r#"{"a":1,"b":2,"a":3}"#);
        let node = &object;
        assert!(node.repeats("a"));
        assert!(!node.repeats("b"));
        assert_eq!(node.field("a"), Some(&Json::Int(3)));
        assert_eq!(node.field("c"), None);
    }

    #[test]
    fn a_known_field_given_twice_is_refused_and_an_unknown_one_is_not() {
        let twice = crate::json::read::<crate::Task>(r#"{"id":"a","percent":1,"id":"b"}"#);
        assert_eq!(twice.unwrap_err(), "duplicate field `id`");
        let unknown = crate::json::read::<crate::Task>(r#"{"id":"a","x":1,"x":2}"#);
        assert_eq!(unknown.unwrap().id, "a");
    }

    #[test]
    fn the_public_deserialize_reads_any_format_with_the_same_rules() {
        let value = serde_json::json!({"id": "a", "percent": "17", "usage": [1], "status": 7});
        let task: crate::Task = serde_json::from_value(value).unwrap();
        assert_eq!(task.percent, 17);
        assert_eq!(task.usage, None);
        assert_eq!(task.status, crate::TaskStatus::Other("7".to_owned()));
        let stored = serde_json::to_string(&task).unwrap();
        assert_eq!(serde_json::from_str::<crate::Task>(&stored).unwrap(), task);
        let status: crate::MediaStatus = serde_json::from_str("\"running\"").unwrap();
        assert_eq!(status, crate::MediaStatus::Running);
        let error = serde_json::from_str::<crate::Balance>("[1, 2]").unwrap_err();
        assert!(
            error.to_string().contains("expected a JSON object"),
            "{error}"
        );
    }
}
