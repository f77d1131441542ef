//! A parsed JSON value as the answer readers see it, whatever parsed it.
//!
//! Answers are read by hand-written readers (`Read`: [`crate::Task`], [`crate::MediaTask`],
//! [`crate::Balance`], [`crate::Usage`], the error envelope) over this small interface instead
//! of serde's generic decoding, which was the largest removable part of the package's wasm
//! (issue 12). Natively the value is an owned tree that serde_json fills ([`crate::tree`]); in
//! the browser it is what `JSON.parse` returned, read in place (`platform/js_node.rs`). The
//! forgiving field rules written once over it are in [`crate::lenient`].

/// What one value is, as JSON sees it.
pub(crate) enum Shape {
    /// `null`, a missing field, or (in JavaScript) `undefined` or a value JSON cannot hold.
    Null,
    Bool(bool),
    /// A whole number, as the parser gave it: serde_json's integers, JavaScript numbers that are
    /// whole up to 2^53.
    Int(i64),
    /// A whole number above `i64::MAX` (serde_json only).
    UInt(u64),
    Float(f64),
    Text(String),
    /// Its elements: [`Node::items`].
    List,
    /// Its fields: [`Node::field`].
    Object,
}

/// A parsed JSON value.
pub(crate) trait Node: Sized {
    fn shape(&self) -> Shape;
    /// Whether it is an object (cheaper than [`Node::shape`]).
    fn is_object(&self) -> bool;
    /// A list's elements, in order (empty for anything else).
    fn items(&self) -> Vec<Self>;
    /// An object's field `name`: the last one when repeated (as `JSON.parse` keeps), `None` when
    /// missing or not an object.
    fn field(&self, name: &str) -> Option<Self>;
    /// Whether field `name` appears more than once (never in a JavaScript object).
    fn repeats(&self, name: &str) -> bool;
}

/// A value of one of the crate's answer types, read from a JSON value.
pub(crate) trait Read: Sized {
    /// Reads `node`, or says why it is not such a value.
    fn read<N: Node>(node: &N) -> Result<Self, String>;
}

/// An object whose fields a reader looks up.
pub(crate) struct Object<'a, N>(&'a N);

impl<'a, N: Node> Object<'a, N> {
    /// `node` as an object; anything else is not an answer of ours.
    pub(crate) fn of(node: &'a N) -> Result<Self, String> {
        if node.is_object() {
            Ok(Self(node))
        } else {
            Err("expected a JSON object".to_owned())
        }
    }

    /// Field `name`, `None` when missing. A field given twice is refused as serde's derived
    /// decoders did (serde_json keeps repeated keys; `JSON.parse` keeps the last).
    pub(crate) fn get(&self, name: &str) -> Result<Option<N>, String> {
        if self.0.repeats(name) {
            return Err(format!("duplicate field `{name}`"));
        }
        Ok(self.0.field(name))
    }
}

/// Implements serde's `Deserialize` for answer types (public API: Rust apps store tasks) by
/// reading an owned tree with the type's [`Read`], so there is one set of rules.
macro_rules! deserialize_with_reader {
    ($($name:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let tree = <$crate::tree::Json as serde::Deserialize>::deserialize(d)?;
                <$name as $crate::node::Read>::read(&&tree).map_err(serde::de::Error::custom)
            }
        }
    )*};
}
pub(crate) use deserialize_with_reader;
