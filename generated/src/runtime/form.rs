// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/form.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! `application/x-www-form-urlencoded` bodies, encoded from the body's JSON form by
//! OpenAPI's rules, with brackets where OpenAPI has none.
//!
//! Each property of the (object) body becomes `name=value` pairs:
//!
//! - a scalar: `name=value` (strings as they are, numbers and booleans as in JSON);
//! - a list of scalars: `name=a&name=b` (`explode`, the default), `name=a,b` (not
//!   exploded; `spaceDelimited` and `pipeDelimited` join with `%20` or `|`), or
//!   `name[0]=a&name[1]=b` (`deepObject`);
//! - an object: `name[key]=value` — unless its `style` is `form`, which OpenAPI defines
//!   as its properties at the top (`key=value`, exploded) or `name=key,value` (not);
//! - anything nested deeper (objects in lists, lists in objects): the bracket form with
//!   indices, `name[0][key]=value`, `name[key][0]=value`, as Stripe's API and libraries,
//!   PHP and `qs` read it; indices keep the items of a list of objects apart, which
//!   `name[][key]` does not;
//! - a property whose `contentType` is JSON: `name=<the value as JSON>`;
//! - `null`, empty lists and empty objects: nothing (a form has no way to say them).
//!
//! Names and values are percent-encoded as HTML forms do (space as `+`, everything but
//! ASCII letters, digits and `*-._` as `%XX`); only the brackets and delimiters the
//! encoding adds are left as they are, so `a,b` is two items and `a%2Cb` one.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::request::RequestError;

/// How a property's value is laid out: OpenAPI's `style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form`: lists as repeated names or comma-separated; objects flattened.
    Form,
    /// `spaceDelimited`: lists joined by spaces when not exploded.
    SpaceDelimited,
    /// `pipeDelimited`: lists joined by `|` when not exploded.
    PipeDelimited,
    /// `deepObject`: lists and objects in the bracket form.
    DeepObject,
}

/// How one property of a form body is encoded: its entry in the media type's `encoding`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Property {
    /// The property's name.
    pub name: &'static str,
    /// Its `style`, if the spec gives one.
    pub style: Option<Style>,
    /// Its `explode` (OpenAPI's default: `true` for `form`, else `false`).
    pub explode: bool,
    /// Its `contentType` is JSON: the value is sent as JSON text.
    pub json: bool,
}

/// The encoding of properties the spec says nothing about.
const DEFAULT: Property = Property {
    name: "",
    style: None,
    explode: true,
    json: false,
};

/// Encodes `body`, which must serialize to a JSON object, with the given encodings for
/// the properties that have one.
pub fn encode<T: Serialize + ?Sized>(
    body: &T,
    properties: &[Property],
) -> Result<String, RequestError> {
    let node = Node::of(body)?;
    let Node::Object(entries) = node else {
        return Err(RequestError::InvalidBody(format!(
            "a form body must be an object, not {}",
            node.kind()
        )));
    };
    let mut out = Pairs::default();
    for (name, value) in &entries {
        let rule = properties
            .iter()
            .find(|property| property.name == name)
            .copied()
            .unwrap_or(DEFAULT);
        property(&mut out, name, value, rule)?;
    }
    Ok(out.0)
}

/// The `name=value` pairs written so far, joined by `&`.
#[derive(Default)]
struct Pairs(String);

impl Pairs {
    /// Adds a pair whose name is already encoded.
    fn push(&mut self, encoded_name: &str, value: &str) {
        self.push_encoded(encoded_name, &encode_text(value));
    }

    /// Adds a pair whose name and value are already encoded.
    fn push_encoded(&mut self, encoded_name: &str, encoded_value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(encoded_name);
        self.0.push('=');
        self.0.push_str(encoded_value);
    }
}

fn property(out: &mut Pairs, name: &str, value: &Node, rule: Property) -> Result<(), RequestError> {
    let key = encode_text(name);
    if rule.json {
        if *value != Node::Null {
            let json = serde_json::to_string(value).map_err(RequestError::Body)?;
            out.push(&key, &json);
        }
        return Ok(());
    }
    match value {
        Node::List(items) if rule.style != Some(Style::DeepObject) && items.iter().all(flat) => {
            let texts: Vec<String> = items.iter().filter_map(Node::text).collect();
            if rule.explode {
                for text in &texts {
                    out.push(&key, text);
                }
            } else if !texts.is_empty() {
                let separator = match rule.style {
                    Some(Style::SpaceDelimited) => "%20",
                    Some(Style::PipeDelimited) => "|",
                    _ => ",",
                };
                let encoded: Vec<String> = texts.iter().map(|text| encode_text(text)).collect();
                out.push_encoded(&key, &encoded.join(separator));
            }
        }
        Node::Object(entries) if rule.style == Some(Style::Form) => {
            if rule.explode {
                for (inner, value) in entries {
                    nested(out, encode_text(inner), value);
                }
            } else if entries.iter().all(|(_, value)| flat(value)) {
                let mut encoded = Vec::new();
                for (inner, value) in entries {
                    if let Some(text) = value.text() {
                        encoded.push(encode_text(inner));
                        encoded.push(encode_text(&text));
                    }
                }
                if !encoded.is_empty() {
                    out.push_encoded(&key, &encoded.join(","));
                }
            } else {
                nested(out, key, value);
            }
        }
        value => nested(out, key, value),
    }
    Ok(())
}

/// A scalar, or `null` (which is left out).
fn flat(node: &Node) -> bool {
    node.is_scalar() || *node == Node::Null
}

/// Writes `value` under the (encoded) name `key` in the bracket form.
fn nested(out: &mut Pairs, key: String, value: &Node) {
    match value {
        Node::List(items) => {
            for (index, item) in items.iter().enumerate() {
                nested(out, format!("{key}[{index}]"), item);
            }
        }
        Node::Object(entries) => {
            for (name, item) in entries {
                nested(out, format!("{key}[{}]", encode_text(name)), item);
            }
        }
        scalar => {
            if let Some(text) = scalar.text() {
                out.push(&key, &text);
            }
        }
    }
}

/// Percent-encodes text as HTML forms do (`application/x-www-form-urlencoded`).
fn encode_text(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
    }
    out
}

/// A body value as its JSON form, with the properties of objects in the order they were
/// written (`serde_json::Value` sorts them).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Node>),
    /// An object, in order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The JSON form of `value`.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Self, RequestError> {
        let json = serde_json::to_vec(value).map_err(RequestError::Body)?;
        serde_json::from_slice(&json).map_err(RequestError::Body)
    }

    /// A string, number or boolean.
    pub fn is_scalar(&self) -> bool {
        matches!(self, Node::Bool(_) | Node::Number(_) | Node::String(_))
    }

    /// A scalar as text (strings as they are); `None` for anything else.
    pub fn text(&self) -> Option<String> {
        match self {
            Node::Bool(flag) => Some(flag.to_string()),
            Node::Number(number) => Some(number.to_string()),
            Node::String(text) => Some(text.clone()),
            Node::Null | Node::List(_) | Node::Object(_) => None,
        }
    }

    /// What kind of value it is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::List(_) => "a list",
            Node::Object(_) => "an object",
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(flag) => serializer.serialize_bool(*flag),
            Node::Number(number) => number.serialize(serializer),
            Node::String(text) => serializer.serialize_str(text),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (name, value) in entries {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(value)
            .map(Node::Number)
            .ok_or_else(|| E::custom("a number that JSON cannot hold"))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, Node>()? {
            entries.push((name, value));
        }
        Ok(Node::Object(entries))
    }
}
