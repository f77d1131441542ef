//! JSON text from serde data, for the browser build: request bodies, and the plain objects
//! handed to JavaScript (this text through the engine's `JSON.parse`).
//!
//! Not serde-wasm-bindgen's serializer, which builds JS values one JS call per field, and not
//! serde_json, whose float writer is a table-driven algorithm: this one appends to a string
//! and lets the engine write floats (`String(n)`), keeping the package small (issue 12).
//! Our types only need JSON's shapes: enum variants with data are refused.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Impossible, Serialize};

use super::number_text;

/// `value` as compact JSON text (non-finite numbers as `null`, as `JSON.stringify` does).
pub(crate) fn to_json_text<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let mut text = String::new();
    value
        .serialize(JsonText { out: &mut text })
        .map_err(|EncodeError(reason)| reason)?;
    Ok(text)
}

struct JsonText<'a> {
    out: &'a mut String,
}

impl<'a> JsonText<'a> {
    fn write(self, text: &str) -> Result<(), EncodeError> {
        self.out.push_str(text);
        Ok(())
    }

    fn number(self, n: impl Display) -> Result<(), EncodeError> {
        let _ = write!(self.out, "{n}");
        Ok(())
    }

    fn compound(self, open: char, close: char) -> Compound<'a> {
        self.out.push(open);
        Compound {
            out: self.out,
            close,
            first: true,
        }
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl<'a> ser::Serializer for JsonText<'a> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), EncodeError>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.write(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        if v.is_finite() {
            let text = number_text(v);
            self.write(&text)
        } else {
            self.write("null")
        }
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        write_string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), EncodeError> {
        use ser::SerializeSeq as _;
        let mut seq = self.compound('[', ']');
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        self.write("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        self.write("null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), EncodeError> {
        self.write("null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        use ser::SerializeMap as _;
        let mut map = self.compound('{', '}');
        map.serialize_entry(variant, value)?;
        map.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, EncodeError> {
        Ok(self.compound('[', ']'))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, EncodeError> {
        Ok(self.compound('[', ']'))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, EncodeError> {
        Ok(self.compound('[', ']'))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(EncodeError(
            "tuple variants have no JSON form here".to_owned(),
        ))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, EncodeError> {
        Ok(self.compound('{', '}'))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, EncodeError> {
        Ok(self.compound('{', '}'))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(EncodeError(
            "struct variants have no JSON form here".to_owned(),
        ))
    }
}

/// An array or object being written.
pub(crate) struct Compound<'a> {
    out: &'a mut String,
    close: char,
    first: bool,
}

impl Compound<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.separator();
        value.serialize(JsonText { out: self.out })
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        self.separator();
        // Object keys are strings in JSON: a number key is written quoted.
        let mut text = String::new();
        key.serialize(JsonText { out: &mut text })?;
        if text.starts_with('"') {
            self.out.push_str(&text);
        } else {
            write_string(self.out, &text);
        }
        self.out.push(':');
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(JsonText { out: self.out })
    }

    fn finish(self) -> Result<(), EncodeError> {
        self.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.value(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.finish()
    }
}

/// Why a value has no JSON form.
#[derive(Debug)]
pub(crate) struct EncodeError(String);

impl Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: Display>(message: T) -> Self {
        Self(message.to_string())
    }
}

// Natively, where serde_json is the reference.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use serde::Serialize;
    use serde_json::Value;

    use super::to_json_text;

    /// Our text, read back by serde_json, is the value serde_json itself makes of `value`
    /// (numbers compared as JavaScript sees them: `0` and `0.0` are one number).
    fn same_as_serde_json<T: Serialize>(value: &T) {
        let ours = to_json_text(value).expect("serializable");
        let read: Value = serde_json::from_str(&ours).unwrap_or_else(|e| panic!("{e}: {ours}"));
        let expected = serde_json::to_value(value).unwrap();
        assert_eq!(as_js(read), as_js(expected), "{ours}");
    }

    fn as_js(value: Value) -> Value {
        match value {
            Value::Number(n) => Value::from(n.as_f64().unwrap()),
            Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, as_js(v))).collect())
            }
            other => other,
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Shapes {
        text: &'static str,
        absent: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        list: Vec<String>,
        nested: Option<Box<Shapes>>,
        numbers: (i64, u64, i8, u16, f32),
        floats: Vec<f64>,
        flags: [bool; 2],
        unit: (),
        kind: Kind,
        tagged: Tagged,
        map: BTreeMap<u32, bool>,
        #[serde(flatten)]
        flattened: HashMap<String, u8>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
    }

    #[derive(Serialize)]
    enum Tagged {
        Wrapped(u8),
    }

    #[test]
    fn writes_what_serde_json_reads_as_its_own_value() {
        let shapes = Shapes {
            text: "quote \" backslash \\ line\nreturn\rtab\tbell\u{7}nul\0 Лиса 🦊 \u{2028}",
            absent: None,
            skipped: None,
            list: vec!["a".into(), String::new()],
            nested: Some(Box::new(Shapes {
                text: "",
                absent: Some(3),
                skipped: Some(4),
                list: vec![],
                nested: None,
                numbers: (-1, 0, 0, 0, 0.5),
                floats: vec![],
                flags: [false, false],
                unit: (),
                kind: Kind::Plain,
                tagged: Tagged::Wrapped(0),
                map: BTreeMap::new(),
                flattened: HashMap::new(),
            })),
            numbers: (i64::MIN, u64::MAX, -128, 65535, -1.25),
            floats: vec![0.1, -0.0, 1e21, 1e-7, 123456.789],
            flags: [true, false],
            unit: (),
            kind: Kind::Plain,
            tagged: Tagged::Wrapped(7),
            map: BTreeMap::from([(1, true), (20, false)]),
            flattened: HashMap::from([("useWalletBalance".to_owned(), 1)]),
        };
        same_as_serde_json(&shapes);
    }

    #[test]
    fn non_finite_numbers_are_null_as_in_json_stringify() {
        let text = to_json_text(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]).unwrap();
        assert_eq!(text, "[null,null,null]");
    }

    #[test]
    fn the_crates_answers_and_bodies_come_out_as_serde_json_writes_them() {
        let task: crate::Task = serde_json::from_str(
            r#"{"id":"65589df803761c00010775ae","type":"imagine","status":"done","percent":100,
               "actions":["upsample_1","pan_left"],"result":"https://x.test/a.png",
               "usage":{"prompt_tokens":1,"total_cost":2.5}}"#,
        )
        .unwrap();
        same_as_serde_json(&task);
        same_as_serde_json(&crate::Balance {
            balance: -12.75,
            ..Default::default()
        });
        same_as_serde_json(
            &crate::MediaCreate::new("flux-dev", "a cat").images(["https://a.test/1.png"]),
        );
        same_as_serde_json(&crate::Imagine::new("a lighthouse"));
    }
}
