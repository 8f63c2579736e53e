// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/codec.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! How values whose JSON form differs from their Rust type are (de)serialized.
//!
//! A field is annotated `#[serde(with = "As::<Adapter>")]`, where the adapter mirrors the
//! field's type: `Option<Rfc3339>` for `Option<OffsetDateTime>`, `Vec<U64String>` for
//! `Vec<u64>`, `(Rfc3339, Same)` for the tuple `(OffsetDateTime, f64)`, and so on. The
//! same few adapters then work in any position.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeTuple, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339 as Rfc3339Format;

/// Serializes a `T` the way the adapter says.
pub trait SerializeAs<T: ?Sized> {
    /// Serializes `value`.
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Deserializes a `T` the way the adapter says.
pub trait DeserializeAs<'de, T>: Sized {
    /// Deserializes a value.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// The `with` target: `#[serde(with = "As::<Adapter>")]`.
pub struct As<A: ?Sized>(PhantomData<A>);

impl<A: ?Sized> As<A> {
    /// Serializes through the adapter.
    pub fn serialize<T: ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        A: SerializeAs<T>,
    {
        A::serialize_as(value, serializer)
    }

    /// Deserializes through the adapter.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        A: DeserializeAs<'de, T>,
    {
        A::deserialize_as(deserializer)
    }
}

struct Wrap<'a, T: ?Sized, A: ?Sized>(&'a T, PhantomData<A>);

impl<T: ?Sized, A: SerializeAs<T> + ?Sized> Serialize for Wrap<'_, T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.0, serializer)
    }
}

struct Unwrap<T, A>(T, PhantomData<A>);

impl<'de, T, A: DeserializeAs<'de, T>> Deserialize<'de> for Unwrap<T, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize_as(deserializer).map(|value| Unwrap(value, PhantomData))
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Option<T>> for Option<A> {
    fn serialize_as<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => serializer.serialize_some(&Wrap::<T, A>(inner, PhantomData)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Option::<Unwrap<T, A>>::deserialize(deserializer).map(|value| value.map(|inner| inner.0))
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<A> {
    fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Wrap::<T, A>(item, PhantomData))?;
        }
        seq.end()
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        Vec::<Unwrap<T, A>>::deserialize(deserializer)
            .map(|items| items.into_iter().map(|item| item.0).collect())
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<BTreeMap<String, T>> for BTreeMap<String, A> {
    fn serialize_as<S: Serializer>(
        value: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, item) in value {
            map.serialize_entry(key, &Wrap::<T, A>(item, PhantomData))?;
        }
        map.end()
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, BTreeMap<String, T>>
    for BTreeMap<String, A>
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, T>, D::Error> {
        BTreeMap::<String, Unwrap<T, A>>::deserialize(deserializer)
            .map(|map| map.into_iter().map(|(key, item)| (key, item.0)).collect())
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Box<T>> for Box<A> {
    fn serialize_as<S: Serializer>(value: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(value, serializer)
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Box<T>> for Box<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        A::deserialize_as(deserializer).map(Box::new)
    }
}

/// A visitor for adapters that read a string (or, where allowed, a number).
struct TextVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
    number: fn(i128) -> Option<T>,
}

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        (self.number)(value.into())
            .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        (self.number)(value.into())
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }
}

/// An RFC 3339 timestamp as `time::OffsetDateTime`: the offset and every fractional
/// digit are kept, so a value serializes back to the same instant and offset (UTC is
/// written `Z`).
pub struct Rfc3339;

impl SerializeAs<OffsetDateTime> for Rfc3339 {
    fn serialize_as<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = value
            .format(&Rfc3339Format)
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, OffsetDateTime> for Rfc3339 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        deserializer.deserialize_str(TextVisitor {
            expecting: "an RFC 3339 date-time",
            parse: |text| OffsetDateTime::parse(text, &Rfc3339Format).ok(),
            number: |_| None,
        })
    }
}

/// A timestamp in RFC 3339 form, for path, query and header values.
pub fn rfc3339(value: &OffsetDateTime) -> String {
    value
        .format(&Rfc3339Format)
        .unwrap_or_else(|_| value.to_string())
}

/// A calendar date `YYYY-MM-DD` as `time::Date`.
pub struct IsoDate;

fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day_text = parts.next()?;
    if day_text.len() != 2 {
        return None;
    }
    let day: u8 = day_text.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

impl SerializeAs<time::Date> for IsoDate {
    fn serialize_as<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        let text = format!(
            "{:04}-{:02}-{:02}",
            value.year(),
            u8::from(value.month()),
            value.day()
        );
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, time::Date> for IsoDate {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
        deserializer.deserialize_str(TextVisitor {
            expecting: "a date YYYY-MM-DD",
            parse: parse_date,
            number: |_| None,
        })
    }
}

/// A `u64` written as a JSON string (proto3 JSON); a JSON number is accepted too.
pub struct U64String;

impl SerializeAs<u64> for U64String {
    fn serialize_as<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl<'de> DeserializeAs<'de, u64> for U64String {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(TextVisitor {
            expecting: "an unsigned 64-bit integer, as a string or a number",
            parse: |text| text.parse().ok(),
            number: |number| u64::try_from(number).ok(),
        })
    }
}

/// An `i64` written as a JSON string (proto3 JSON); a JSON number is accepted too.
pub struct I64String;

impl SerializeAs<i64> for I64String {
    fn serialize_as<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl<'de> DeserializeAs<'de, i64> for I64String {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_any(TextVisitor {
            expecting: "a signed 64-bit integer, as a string or a number",
            parse: |text| text.parse().ok(),
            number: |number| i64::try_from(number).ok(),
        })
    }
}

/// Bytes written as a base64 string (`contentEncoding: base64`). Written in the standard
/// alphabet with padding; read in the standard or the URL-safe alphabet, with or without
/// padding, ignoring line breaks.
pub struct Base64;

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in base64, standard alphabet, padded.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(BASE64_ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes a base64 text stands for; `None` if it is not base64.
fn parse_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u8);
    let mut padding = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            b'\r' | b'\n' => continue,
            _ => return None,
        };
        // Nothing but padding after padding.
        if padding > 0 {
            return None;
        }
        bits = (bits << 6) | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
            (bits, count) = (0, 0);
        }
    }
    match count {
        0 => {}
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => return None,
    }
    (padding <= 2).then_some(out)
}

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64(value))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_str(TextVisitor {
            expecting: "bytes in base64",
            parse: parse_base64,
            number: |_| None,
        })
    }
}

/// A value's own serde form: the item of a tuple adapter (`(Rfc3339, Same)`) that needs
/// no adapter.
pub struct Same;

impl<T: Serialize> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Tuples (`prefixItems`) whose items are read through adapters: `(Rfc3339, Same)` for
/// `(OffsetDateTime, f64)`.
macro_rules! tuple_adapters {
    ($len:literal: $($index:tt $value:ident $adapter:ident),+) => {
        impl<$($value, $adapter: SerializeAs<$value>),+> SerializeAs<($($value,)+)>
            for ($($adapter,)+)
        {
            fn serialize_as<S: Serializer>(
                value: &($($value,)+),
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut tuple = serializer.serialize_tuple($len)?;
                $(tuple.serialize_element(&Wrap::<$value, $adapter>(&value.$index, PhantomData))?;)+
                tuple.end()
            }
        }

        impl<'de, $($value, $adapter: DeserializeAs<'de, $value>),+> DeserializeAs<'de, ($($value,)+)>
            for ($($adapter,)+)
        {
            fn deserialize_as<D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<($($value,)+), D::Error> {
                <($(Unwrap<$value, $adapter>,)+)>::deserialize(deserializer)
                    .map(|items| ($(items.$index.0,)+))
            }
        }
    };
}

tuple_adapters!(1: 0 T0 A0);
tuple_adapters!(2: 0 T0 A0, 1 T1 A1);
tuple_adapters!(3: 0 T0 A0, 1 T1 A1, 2 T2 A2);
tuple_adapters!(4: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3);
tuple_adapters!(5: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4);
tuple_adapters!(6: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5);
tuple_adapters!(7: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6);
tuple_adapters!(8: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6, 7 T7 A7);
tuple_adapters!(9: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6, 7 T7 A7, 8 T8 A8);
tuple_adapters!(10: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6, 7 T7 A7, 8 T8 A8, 9 T9 A9);
tuple_adapters!(11: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6, 7 T7 A7, 8 T8 A8, 9 T9 A9, 10 T10 A10);
tuple_adapters!(12: 0 T0 A0, 1 T1 A1, 2 T2 A2, 3 T3 A3, 4 T4 A4, 5 T5 A5, 6 T6 A6, 7 T7 A7, 8 T8 A8, 9 T9 A9, 10 T10 A10, 11 T11 A11);

/// Deserializes a string enum: a listed value becomes its variant, any other string
/// the catch-all variant (`From<&str>` decides), so new values never break decoding.
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct EnumVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// The string value of `property` in a JSON object, for tagged unions.
pub fn tag_of<'v>(value: &'v serde_json::Value, property: &str) -> Option<&'v str> {
    value.get(property)?.as_str()
}

/// What the JSON of one variant of an untagged union looks like: enough to tell which
/// variants a value could be before decoding it, and how closely it fits each.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Any JSON value.
    Any,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// Any string.
    String,
    /// A string the type parses (a timestamp, a date, an address), or a 64-bit integer
    /// written as a string (a number is accepted too).
    Text,
    /// A string enum's listed values (it also keeps any other string).
    Enum(&'static [&'static str]),
    /// A list.
    List,
    /// An object without listed properties.
    Map,
    /// An object with listed properties.
    Object {
        /// The properties it requires.
        required: &'static [&'static str],
        /// Every property it lists.
        properties: &'static [&'static str],
        /// It declares other properties (`additionalProperties`).
        open: bool,
    },
    /// Another union: only decoding tells.
    Union,
}

impl Shape {
    /// Whether a value of this kind could be the variant (decoding tells the rest).
    fn admits(self, value: &serde_json::Value) -> bool {
        match self {
            Shape::Any | Shape::Union => true,
            Shape::Bool => value.is_boolean(),
            Shape::Integer => value.is_i64() || value.is_u64(),
            Shape::Number => value.is_number(),
            Shape::String | Shape::Enum(_) => value.is_string(),
            Shape::Text => value.is_string() || value.is_number(),
            Shape::List => value.is_array(),
            Shape::Map => value.is_object(),
            Shape::Object { required, .. } => value
                .as_object()
                .is_some_and(|object| required.iter().all(|name| object.contains_key(*name))),
        }
    }

    /// How closely a value that decodes as the variant fits it: 2 exactly; 1 loosely
    /// (any string or map, a string enum's unlisted value, a whole number as a
    /// fraction, an object with properties the variant does not list, another union);
    /// 0 for any value. Then, for objects, how many of its properties the variant lists.
    fn fit(self, value: &serde_json::Value) -> (u8, usize) {
        let listed = match (self, value) {
            (Shape::Object { properties, .. }, serde_json::Value::Object(object)) => object
                .keys()
                .filter(|key| properties.contains(&key.as_str()))
                .count(),
            _ => 0,
        };
        (self.closeness(value), listed)
    }

    /// The first part of [`Shape::fit`].
    fn closeness(self, value: &serde_json::Value) -> u8 {
        match self {
            Shape::Any => 0,
            Shape::String | Shape::Map | Shape::Union => 1,
            Shape::Enum(values) => {
                if value.as_str().is_some_and(|text| values.contains(&text)) {
                    2
                } else {
                    1
                }
            }
            Shape::Number => {
                if value.is_f64() {
                    2
                } else {
                    1
                }
            }
            Shape::Text => {
                if value.is_string() {
                    2
                } else {
                    1
                }
            }
            Shape::Object {
                properties, open, ..
            } => {
                let listed = value.as_object().is_some_and(|object| {
                    object.keys().all(|key| properties.contains(&key.as_str()))
                });
                if open || listed { 2 } else { 1 }
            }
            Shape::Bool | Shape::Integer | Shape::List => 2,
        }
    }
}

/// One variant of an untagged union: its name, for messages, and its [`Shape`].
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// The variant's name.
    pub name: &'static str,
    /// What its JSON looks like.
    pub shape: Shape,
}

/// Decodes the untagged union `union` from `value`: each variant whose shape admits the
/// value is decoded (`decode(index, value)`), and the one the value fits best wins. A
/// value that no variant decodes, or that several fit equally well, is an error naming
/// them: picking one would drop what only the others keep. An empty list or object that
/// several variants take equally is the first one's (it holds nothing to lose).
pub fn untagged<T>(
    value: serde_json::Value,
    union: &str,
    variants: &[Variant],
    decode: impl Fn(usize, serde_json::Value) -> Result<T, serde_json::Error>,
) -> Result<T, String> {
    let candidates: Vec<usize> = (0..variants.len())
        .filter(|&index| variants[index].shape.admits(&value))
        .collect();
    if let [only] = candidates[..] {
        return decode(only, value)
            .map_err(|error| format!("{union}::{}: {error}", variants[only].name));
    }
    if candidates.is_empty() {
        let names: Vec<&str> = variants.iter().map(|v| v.name).collect();
        return Err(format!(
            "{} is none of the variants of {union} ({})",
            kind(&value),
            names.join(", ")
        ));
    }
    let mut decoded = Vec::new();
    let mut errors = Vec::new();
    for &index in &candidates {
        match decode(index, value.clone()) {
            Ok(result) => decoded.push((index, result)),
            Err(error) => errors.push(format!("{}: {error}", variants[index].name)),
        }
    }
    let best = decoded
        .iter()
        .map(|(index, _)| variants[*index].shape.fit(&value))
        .max();
    let Some(best) = best else {
        return Err(format!(
            "no variant of {union} decodes the value ({})",
            errors.join("; ")
        ));
    };
    let empty = value.as_array().is_some_and(Vec::is_empty)
        || value.as_object().is_some_and(serde_json::Map::is_empty);
    let mut fitting = decoded
        .into_iter()
        .filter(|(index, _)| variants[*index].shape.fit(&value) == best);
    let first = fitting.next();
    let others: Vec<&str> = fitting.map(|(index, _)| variants[index].name).collect();
    match first {
        Some((_, result)) if others.is_empty() || empty => Ok(result),
        Some((index, _)) => Err(format!(
            "the value fits several variants of {union} equally well ({}, {}): it is refused \
             rather than read as one of them",
            variants[index].name,
            others.join(", ")
        )),
        None => Err(format!("no variant of {union} decodes the value")),
    }
}

/// A JSON value's kind, for messages.
fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A map key, borrowed from the input when it can be.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A generated object type, read from a map of its properties.
///
/// Generated structs implement this instead of deriving `Deserialize`: the code per
/// struct is one `match` over property names, a fraction of what the derive expands
/// to, which keeps large generated crates quick to compile.
pub trait FromMap: Sized {
    /// The type's name, for error messages.
    const NAME: &'static str;

    /// Reads the properties from `map`.
    fn from_map<'de, M: de::MapAccess<'de>>(map: M) -> Result<Self, M::Error>;
}

/// `Deserialize` of a [`FromMap`] type.
pub fn object<'de, D: Deserializer<'de>, T: FromMap>(deserializer: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: FromMap> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::NAME)
        }

        fn visit_map<M: de::MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            T::from_map(map)
        }
    }

    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads the next value of `map` into `slot` (an optional property's `Option`).
///
/// The `read*` functions let a generated `match` over property names have one `?`
/// instead of one per arm, which makes large generated crates check faster.
pub fn read<'de, T, M>(map: &mut M, slot: &mut T) -> Result<(), M::Error>
where
    T: Deserialize<'de>,
    M: de::MapAccess<'de>,
{
    *slot = map.next_value()?;
    Ok(())
}

/// Reads the next value of `map` into `slot` as present (a required property).
pub fn read_some<'de, T, M>(map: &mut M, slot: &mut Option<T>) -> Result<(), M::Error>
where
    T: Deserialize<'de>,
    M: de::MapAccess<'de>,
{
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`read`] through the adapter `A`.
pub fn read_as<'de, A, T, M>(map: &mut M, slot: &mut T) -> Result<(), M::Error>
where
    A: DeserializeAs<'de, T>,
    M: de::MapAccess<'de>,
{
    *slot = value_as::<A, T, M>(map)?;
    Ok(())
}

/// [`read_some`] through the adapter `A`.
pub fn read_some_as<'de, A, T, M>(map: &mut M, slot: &mut Option<T>) -> Result<(), M::Error>
where
    A: DeserializeAs<'de, T>,
    M: de::MapAccess<'de>,
{
    *slot = Some(value_as::<A, T, M>(map)?);
    Ok(())
}

/// Reads the next value of `map` as the property `key` that the type keeps among its
/// additional properties.
pub fn read_extra<'de, T, M>(
    map: &mut M,
    extra: &mut BTreeMap<String, T>,
    key: Key<'de>,
) -> Result<(), M::Error>
where
    T: Deserialize<'de>,
    M: de::MapAccess<'de>,
{
    extra.insert(key.into_string(), map.next_value()?);
    Ok(())
}

/// [`read_extra`] through the adapter `A`.
pub fn read_extra_as<'de, A, T, M>(
    map: &mut M,
    extra: &mut BTreeMap<String, T>,
    key: Key<'de>,
) -> Result<(), M::Error>
where
    A: DeserializeAs<'de, T>,
    M: de::MapAccess<'de>,
{
    extra.insert(key.into_string(), value_as::<A, T, M>(map)?);
    Ok(())
}

/// The next value of `map`, read through the adapter `A`.
fn value_as<'de, A, T, M>(map: &mut M) -> Result<T, M::Error>
where
    A: DeserializeAs<'de, T>,
    M: de::MapAccess<'de>,
{
    map.next_value::<Unwrap<T, A>>().map(|value| value.0)
}

/// Skips the next value of `map` (a property the type does not know).
pub fn skip<'de, M: de::MapAccess<'de>>(map: &mut M) -> Result<(), M::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// A required property's value, or the "missing field" error.
pub fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// Writes a generated object as a JSON object, property by property.
pub struct Writer<M>(M);

impl<M: SerializeMap> Writer<M> {
    /// Starts an object.
    pub fn start<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, M::Error> {
        serializer.serialize_map(None).map(Writer)
    }

    /// Writes a property.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    /// Writes a property if it has a value.
    pub fn optional<T: Serialize>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.0.serialize_entry(name, value),
            None => Ok(()),
        }
    }

    /// Writes a property through the adapter `A`.
    pub fn field_as<A: SerializeAs<T>, T>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0
            .serialize_entry(name, &Wrap::<T, A>(value, PhantomData))
    }

    /// Writes a property through the adapter `A` if it has a value.
    pub fn optional_as<A: SerializeAs<T>, T>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.field_as::<A, T>(name, value),
            None => Ok(()),
        }
    }

    /// Writes properties kept from `additionalProperties`.
    pub fn extra<T: Serialize>(&mut self, values: &BTreeMap<String, T>) -> Result<(), M::Error> {
        for (name, value) in values {
            self.0.serialize_entry(name, value)?;
        }
        Ok(())
    }

    /// Writes properties kept from `additionalProperties`, through the adapter `A`.
    pub fn extra_as<A: SerializeAs<T>, T>(
        &mut self,
        values: &BTreeMap<String, T>,
    ) -> Result<(), M::Error> {
        for (name, value) in values {
            self.field_as::<A, T>(name, value)?;
        }
        Ok(())
    }

    /// Ends the object.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}
