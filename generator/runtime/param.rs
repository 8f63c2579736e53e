//! Parameter values in every OpenAPI 3.0 `style`, without any I/O.
//!
//! A value is first made a [`Value`] — from `Display` for scalars and lists of them, or
//! from its `Serialize` form for objects, maps and anything nested ([`Value::serialize`]
//! writes into this tree directly, keeping properties in the order the type writes them)
//! — and then written in its location's style:
//!
//! | location | styles | function |
//! |---|---|---|
//! | query | `form`, `spaceDelimited`, `pipeDelimited`, `deepObject` | [`query`] |
//! | path | `simple`, `label`, `matrix` | [`path`] |
//! | header | `simple` | [`header`] |
//! | cookie | `form` | [`cookie`] |
//!
//! Names, keys and values are percent-encoded (all but RFC 3986's unreserved characters),
//! so a value can never leave its place; the delimiters a style adds are written as the
//! OpenAPI 3.0.4 table writes them: `,` `;` `=` `.` `&` as they are, a space as `%20`, `|`
//! as `%7C` and deepObject's brackets as `%5B` `%5D` (RFC 3986 does not allow those three
//! in a query unencoded; servers decode them before splitting). Header values are not
//! percent-encoded (a header is not a URL); cookie values are, and there `,` too, since
//! RFC 6265 does not allow it in a cookie value and some servers split cookies on it.
//!
//! Beyond what RFC 6570 defines (one level: a list of scalars, or an object of scalars):
//!
//! - `deepObject` writes nested objects and lists at any depth, lists by index:
//!   `filter[a][b]=x`, `filter[ids][0]=1&filter[ids][1]=2` (what `qs`, PHP and Rails
//!   read); a value that is not an object is written `form`, exploded.
//! - `form` exploded writes each property of an object as a parameter of its own, so a
//!   list property repeats its name: `{"tags": ["a", "b"]}` → `tags=a&tags=b`.
//! - Anything nested deeper than that (an object inside a `form` object, a list of
//!   lists, a list of objects) is written as its JSON text: `{"a":1}`.
//! - `null` values and properties are left out; an empty list or object sends nothing in
//!   the query, a header or a cookie (RFC 6570's "undefined").

use std::fmt::{self, Display, Write as _};

use percent_encoding::{AsciiSet, utf8_percent_encode};
use serde::ser::{self, Serialize};

use super::request::{COMPONENT, RequestError};

/// What `allowReserved: true` lets through unencoded in a query value: RFC 3986's
/// reserved characters except those that would end or split the value there (`#`, `&`,
/// `=`, `+`, `[`, `]`); `%` stays encoded, so a value is always sent as it is.
const QUERY_RESERVED: &AsciiSet = &COMPONENT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

/// A parameter value ready to be written in a style.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// No value (`None`, `null`): nothing is sent.
    Null,
    /// A number or boolean, as text (`100`, `true`).
    Literal(String),
    /// A string.
    Text(String),
    /// A list.
    List(Vec<Value>),
    /// An object's properties (or a map's entries), in order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// A scalar written with `Display`.
    pub fn display(value: &dyn Display) -> Value {
        Value::Text(value.to_string())
    }

    /// A list of scalars written with `Display`.
    pub fn list<I>(items: I) -> Value
    where
        I: IntoIterator,
        I::Item: Display,
    {
        Value::List(
            items
                .into_iter()
                .map(|item| Value::Text(item.to_string()))
                .collect(),
        )
    }

    /// Any value, from its `Serialize` form (the same as its JSON, properties in order).
    /// `name` is the parameter, for the error if the value cannot be serialized.
    pub fn serialize<T: Serialize + ?Sized>(
        name: &'static str,
        value: &T,
    ) -> Result<Value, RequestError> {
        value
            .serialize(ToValue)
            .map_err(|Error(message)| RequestError::Parameter { name, message })
    }

    /// A value sent as its JSON text (a parameter described by `content:
    /// application/json`).
    pub fn json<T: Serialize + ?Sized>(
        name: &'static str,
        value: &T,
    ) -> Result<Value, RequestError> {
        serde_json::to_string(value)
            .map(Value::Text)
            .map_err(|error| RequestError::Parameter {
                name,
                message: error.to_string(),
            })
    }

    /// The text of a value inside a list or object: a scalar's text, anything else its
    /// JSON.
    fn flat(&self) -> String {
        match self {
            Value::Literal(text) | Value::Text(text) => text.clone(),
            Value::Null => String::new(),
            nested => {
                let mut json = String::new();
                nested.write_json(&mut json);
                json
            }
        }
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Literal(text) => out.push_str(text),
            Value::Text(text) => write_json_string(out, text),
            Value::List(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Object(entries) => {
                out.push('{');
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_json_string(out, key);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// The scalar's text, if it is one.
    fn scalar(&self) -> Option<&str> {
        match self {
            Value::Literal(text) | Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

fn write_json_string(out: &mut String, text: &str) {
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

/// The non-null items of a list.
fn items(items: &[Value]) -> impl Iterator<Item = &Value> {
    items.iter().filter(|item| **item != Value::Null)
}

/// The non-null entries of an object.
fn entries(entries: &[(String, Value)]) -> impl Iterator<Item = (&str, &Value)> {
    entries
        .iter()
        .filter(|(_, value)| *value != Value::Null)
        .map(|(key, value)| (key.as_str(), value))
}

/// How a query parameter is written (OpenAPI `style` for `in: query`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// `color=blue`, `color=blue,black` or `color=blue&color=black`, `R=100&G=200`.
    Form,
    /// `color=blue%20black%20brown`.
    SpaceDelimited,
    /// `color=blue%7Cblack%7Cbrown`.
    PipeDelimited,
    /// `color%5BR%5D=100&color%5BG%5D=200` (`color[R]=100&color[G]=200`).
    DeepObject,
}

/// How a path parameter is written (OpenAPI `style` for `in: path`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathStyle {
    /// `blue`, `blue,black`, `R,100,G,200` or `R=100,G=200`.
    Simple,
    /// `.blue`, `.blue,black` or `.blue.black`, `.R,100,G,200` or `.R=100.G=200`.
    Label,
    /// `;color=blue`, `;color=blue,black` or `;color=blue;color=black`,
    /// `;color=R,100,G,200` or `;R=100;G=200`.
    Matrix,
}

/// Appends a `name=value` pair to `out` (`&` first unless `out` is empty), the name and
/// value encoded with `set`.
fn pair(out: &mut String, name: &str, value: &str, set: &'static AsciiSet) {
    if !out.is_empty() {
        out.push('&');
    }
    out.extend(utf8_percent_encode(name, set));
    out.push('=');
    out.extend(utf8_percent_encode(value, set));
}

/// Appends `texts` to `out`, each encoded with `set`, separated by `delimiter`.
fn join<'t>(
    out: &mut String,
    texts: impl Iterator<Item = &'t str>,
    delimiter: &str,
    set: &'static AsciiSet,
) {
    for (index, text) in texts.enumerate() {
        if index > 0 {
            out.push_str(delimiter);
        }
        out.extend(utf8_percent_encode(text, set));
    }
}

/// The texts of a list's items (nested values as JSON).
fn item_texts(list: &[Value]) -> Vec<String> {
    items(list).map(Value::flat).collect()
}

/// The texts of an object as `key, value, key, value`.
fn entry_texts(object: &[(String, Value)]) -> Vec<String> {
    entries(object)
        .flat_map(|(key, value)| [key.to_owned(), value.flat()])
        .collect()
}

/// Appends the query pairs of parameter `name` to `out` (a query string without `?`,
/// pairs joined with `&`): nothing for `null` or an empty list or object.
///
/// `explode` only matters for `form` (the delimited styles are defined unexploded; an
/// exploded one is written like `form`, and `deepObject` is always exploded).
/// `allow_reserved` leaves RFC 3986's reserved characters in values unencoded, except
/// those that would end or split the value (see `QUERY_RESERVED`).
pub fn query(
    out: &mut String,
    name: &str,
    value: &Value,
    style: QueryStyle,
    explode: bool,
    allow_reserved: bool,
) {
    let set = if allow_reserved {
        QUERY_RESERVED
    } else {
        COMPONENT
    };
    let delimiter = match (style, explode) {
        (QueryStyle::Form, false) => Some(","),
        (QueryStyle::SpaceDelimited, false) => Some("%20"),
        (QueryStyle::PipeDelimited, false) => Some("%7C"),
        // Exploded: each item or property a pair of its own.
        _ => None,
    };
    match value {
        Value::Null => {}
        Value::Literal(text) | Value::Text(text) => pair(out, name, text, set),
        Value::List(list) if items(list).next().is_none() => {}
        Value::Object(object) if entries(object).next().is_none() => {}
        Value::List(list) => match delimiter {
            Some(delimiter) => {
                pair(out, name, "", set);
                join(
                    out,
                    item_texts(list).iter().map(String::as_str),
                    delimiter,
                    set,
                );
            }
            None => {
                for item in items(list) {
                    pair(out, name, &item.flat(), set);
                }
            }
        },
        Value::Object(object) => match (style, delimiter) {
            (QueryStyle::DeepObject, _) => deep_object(out, name, value, set),
            (_, Some(delimiter)) => {
                pair(out, name, "", set);
                join(
                    out,
                    entry_texts(object).iter().map(String::as_str),
                    delimiter,
                    set,
                );
            }
            (_, None) => {
                // Each property as a form-exploded parameter of its own.
                for (key, value) in entries(object) {
                    match value {
                        Value::List(list) => {
                            for item in items(list) {
                                pair(out, key, &item.flat(), set);
                            }
                        }
                        value => pair(out, key, &value.flat(), set),
                    }
                }
            }
        },
    }
}

/// `name[key][key]=value` pairs, lists by index; `name` is not yet encoded.
fn deep_object(out: &mut String, name: &str, value: &Value, set: &'static AsciiSet) {
    match value {
        Value::Null => {}
        Value::Literal(text) | Value::Text(text) => pair(out, name, text, set),
        Value::List(list) => {
            for (index, item) in list.iter().enumerate() {
                deep_object(out, &format!("{name}[{index}]"), item, set);
            }
        }
        Value::Object(object) => {
            for (key, value) in object {
                deep_object(out, &format!("{name}[{key}]"), value, set);
            }
        }
    }
}

/// The text that replaces `{name}` in a path: percent-encoded, with the style's prefix
/// and delimiters; empty for `null` or an empty list or object.
pub fn path(name: &str, value: &Value, style: PathStyle, explode: bool) -> String {
    let set = COMPONENT;
    let mut out = String::new();
    let (prefix, list_delimiter) = match (style, explode) {
        (PathStyle::Simple, _) => ("", ","),
        (PathStyle::Label, false) => (".", ","),
        (PathStyle::Label, true) => (".", "."),
        (PathStyle::Matrix, _) => (";", ","),
    };
    // `;name=` before a matrix value; `;name` alone when the value is empty.
    let matrix_name = |out: &mut String, empty: bool| {
        out.push(';');
        out.extend(utf8_percent_encode(name, set));
        if !empty {
            out.push('=');
        }
    };
    match value {
        Value::Null => {}
        Value::Literal(text) | Value::Text(text) => {
            if style == PathStyle::Matrix {
                matrix_name(&mut out, text.is_empty());
            } else {
                out.push_str(prefix);
            }
            out.extend(utf8_percent_encode(text, set));
        }
        Value::List(list) => {
            let texts = item_texts(list);
            if texts.is_empty() {
                return out;
            }
            if style == PathStyle::Matrix && explode {
                for text in &texts {
                    matrix_name(&mut out, text.is_empty());
                    out.extend(utf8_percent_encode(text, set));
                }
            } else {
                if style == PathStyle::Matrix {
                    matrix_name(&mut out, false);
                } else {
                    out.push_str(prefix);
                }
                join(
                    &mut out,
                    texts.iter().map(String::as_str),
                    list_delimiter,
                    set,
                );
            }
        }
        Value::Object(object) => {
            if entries(object).next().is_none() {
                return out;
            }
            if explode {
                // `k=v` per property: `,`-separated (simple), `.`-prefixed (label) or
                // `;`-prefixed (matrix).
                for (index, (key, value)) in entries(object).enumerate() {
                    match style {
                        PathStyle::Simple if index > 0 => out.push(','),
                        PathStyle::Simple => {}
                        PathStyle::Label => out.push('.'),
                        PathStyle::Matrix => out.push(';'),
                    }
                    out.extend(utf8_percent_encode(key, set));
                    let text = value.flat();
                    if !(style == PathStyle::Matrix && text.is_empty()) {
                        out.push('=');
                    }
                    out.extend(utf8_percent_encode(&text, set));
                }
            } else {
                if style == PathStyle::Matrix {
                    matrix_name(&mut out, false);
                } else {
                    out.push_str(prefix);
                }
                join(
                    &mut out,
                    entry_texts(object).iter().map(String::as_str),
                    ",",
                    set,
                );
            }
        }
    }
    out
}

/// A header parameter's value (style `simple`), as is: a header is not a URL, so nothing
/// is percent-encoded (values a header cannot carry are refused when it is set).
/// `None` for `null` or an empty list or object: the header is not sent.
pub fn header(value: &Value, explode: bool) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Literal(text) | Value::Text(text) => Some(text.clone()),
        Value::List(list) => {
            let texts = item_texts(list);
            (!texts.is_empty()).then(|| texts.join(","))
        }
        Value::Object(object) => {
            let texts: Vec<String> = entries(object)
                .map(|(key, value)| {
                    let separator = if explode { "=" } else { "," };
                    format!("{key}{separator}{}", value.flat())
                })
                .collect();
            (!texts.is_empty()).then(|| texts.join(","))
        }
    }
}

/// A cookie parameter's `name=value` pairs (style `form`), joined with `; ` as in a
/// `Cookie` header; empty for `null` or an empty list or object. Names and values are
/// percent-encoded, `,` included, so nothing in them can end or split a cookie.
pub fn cookie(name: &str, value: &Value, explode: bool) -> String {
    let set = COMPONENT;
    let mut out = String::new();
    let cookie = |out: &mut String, name: &str, text: &str| {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.extend(utf8_percent_encode(name, set));
        out.push('=');
        out.extend(utf8_percent_encode(text, set));
    };
    match value {
        Value::Null => {}
        Value::Literal(text) | Value::Text(text) => cookie(&mut out, name, text),
        Value::List(list) if explode => {
            for item in items(list) {
                cookie(&mut out, name, &item.flat());
            }
        }
        Value::List(list) => {
            let texts = item_texts(list);
            if !texts.is_empty() {
                cookie(&mut out, name, &texts.join(","));
            }
        }
        Value::Object(object) if explode => {
            for (key, value) in entries(object) {
                cookie(&mut out, key, &value.flat());
            }
        }
        Value::Object(object) => {
            let texts = entry_texts(object);
            if !texts.is_empty() {
                cookie(&mut out, name, &texts.join(","));
            }
        }
    }
    out
}

/// Why a value could not be made a [`Value`].
#[derive(Debug)]
struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Serializes any value into a [`Value`] (the shape of its JSON, in order).
struct ToValue;

fn literal(value: impl Display) -> Result<Value, Error> {
    Ok(Value::Literal(value.to_string()))
}

impl ser::Serializer for ToValue {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Tagged<Seq>;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Tagged<Map>;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        literal(v)
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::Text(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::Text(String::from_utf8_lossy(v).into_owned()))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(Value::Object(vec![(
            variant.to_owned(),
            value.serialize(ToValue)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<Seq>, Error> {
        Ok(Tagged(variant, Seq(Vec::with_capacity(len))))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map, Error> {
        Ok(Map {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<Map>, Error> {
        Ok(Tagged(variant, self.serialize_map(Some(len))?))
    }
}

/// A list being serialized.
struct Seq(Vec<Value>);

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(ToValue)?);
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::List(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

/// An object or map being serialized.
struct Map {
    entries: Vec<(String, Value)>,
    /// The key written, waiting for its value.
    key: Option<String>,
}

impl ser::SerializeMap for Map {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = key.serialize(ToValue)?;
        match key.scalar() {
            Some(text) => {
                self.key = Some(text.to_owned());
                Ok(())
            }
            None => Err(Error(format!(
                "a map key must be a string, number or boolean, not {key:?}"
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.entries.push((key, value.serialize(ToValue)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Object(self.entries))
    }
}

impl ser::SerializeStruct for Map {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.entries
            .push((key.to_owned(), value.serialize(ToValue)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeMap::end(self)
    }
}

/// An enum variant holding a list or object: `{variant: …}`, as serde writes it in JSON.
struct Tagged<T>(&'static str, T);

impl ser::SerializeTupleVariant for Tagged<Seq> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(&mut self.1, value)
    }
    fn end(self) -> Result<Value, Error> {
        let list = ser::SerializeSeq::end(self.1)?;
        Ok(Value::Object(vec![(self.0.to_owned(), list)]))
    }
}

impl ser::SerializeStructVariant for Tagged<Map> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<Value, Error> {
        let object = ser::SerializeMap::end(self.1)?;
        Ok(Value::Object(vec![(self.0.to_owned(), object)]))
    }
}
