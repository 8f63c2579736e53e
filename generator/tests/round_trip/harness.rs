//! Runs inside each fixture's generated crate (see `tests/round_trip.rs`): for every
//! model, JSON values of its schema's shape — required and optional properties, nulls
//! where allowed, properties the spec does not list, every variant of a union, values
//! of a string enum it does not list, tags a tagged union does not know — are decoded,
//! written back and decoded again. What is written must be what was read (the values
//! are in canonical form: timestamps as `time` writes them, 64-bit integers as strings),
//! and the second decoding must equal the first. A union may refuse a value that fits
//! several of its variants equally (that is its documented behaviour); nothing else may
//! fail to decode.

mod types;

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Optional properties, lists and maps stop nesting this deep (recursive types end).
const DEPTH: u32 = 3;

/// Decode → encode → decode of one value.
pub fn check<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &Value,
) -> Result<(), String> {
    let decoded: T = match serde_json::from_value(value.clone()) {
        Ok(decoded) => decoded,
        // The documented refusal of a value several union variants fit equally.
        Err(error) if error.to_string().contains("fits several variants") => return Ok(()),
        Err(error) => return Err(format!("{value} does not decode: {error}")),
    };
    let written = serde_json::to_value(&decoded).map_err(|e| format!("{decoded:?}: {e}"))?;
    if written != *value {
        return Err(format!("read {value}\nwritten {written}\nas {decoded:?}"));
    }
    let again: T = serde_json::from_value(written.clone())
        .map_err(|e| format!("{written} does not decode again: {e}"))?;
    if again != decoded {
        return Err(format!("{decoded:?} decodes again as {again:?}"));
    }
    Ok(())
}

/// Strategies for JSON values of the types described in `types.json`.
struct Values<'t> {
    types: &'t Map<String, Value>,
}

fn text() -> BoxedStrategy<String> {
    proptest::collection::vec(any::<char>(), 0..6)
        .prop_map(String::from_iter)
        .boxed()
}

fn any_json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    if depth >= DEPTH {
        return leaf.boxed();
    }
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::btree_map(text(), inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
    .boxed()
}

fn scalar(name: &str) -> BoxedStrategy<Value> {
    match name {
        "String" | "File" | "Bytes" => text().prop_map(Value::String).boxed(),
        "Bool" => any::<bool>().prop_map(Value::Bool).boxed(),
        "I32" => any::<i32>().prop_map(Value::from).boxed(),
        "U32" => any::<u32>().prop_map(Value::from).boxed(),
        "I64" => any::<i64>().prop_map(Value::from).boxed(),
        "U64" => any::<u64>().prop_map(Value::from).boxed(),
        "F64" => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from)
            .boxed(),
        "I64String" => any::<i64>()
            .prop_map(|n| Value::String(n.to_string()))
            .boxed(),
        "U64String" => any::<u64>()
            .prop_map(|n| Value::String(n.to_string()))
            .boxed(),
        "DateTime" => (
            0i128..253_402_300_799_000_000_000,
            -(14 * 60)..=(14 * 60i32),
            any::<bool>(),
        )
            .prop_map(|(nanos, minutes, utc)| {
                let offset = if utc {
                    time::UtcOffset::UTC
                } else {
                    time::UtcOffset::from_whole_seconds(minutes * 60).expect("an offset")
                };
                let at = time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
                    .expect("in range")
                    .to_offset(offset);
                let text = at
                    .format(&time::format_description::well_known::Rfc3339)
                    .expect("formats");
                Value::String(text)
            })
            .boxed(),
        "Date" => (0..=9999i32, 1..=12u8, 1..=28u8)
            .prop_map(|(y, m, d)| Value::String(format!("{y:04}-{m:02}-{d:02}")))
            .boxed(),
        "Ipv4" => any::<u32>()
            .prop_map(|n| Value::String(std::net::Ipv4Addr::from(n).to_string()))
            .boxed(),
        "Ipv6" => any::<u128>()
            .prop_map(|n| Value::String(std::net::Ipv6Addr::from(n).to_string()))
            .boxed(),
        // Standard base64 of any bytes, padded, as the codec writes it.
        "Base64" => proptest::collection::vec(any::<u8>(), 0..12)
            .prop_map(|bytes| Value::String(base64(&bytes)))
            .boxed(),
        other => panic!("no values for the scalar {other}"),
    }
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Values<'_> {
    fn of(&self, ty: &Value, depth: u32) -> BoxedStrategy<Value> {
        if let Some(name) = ty.get("named").and_then(Value::as_str) {
            return self.named(name, depth);
        }
        if let Some(name) = ty.get("scalar").and_then(Value::as_str) {
            return scalar(name);
        }
        if let Some(item) = ty.get("list") {
            if depth >= DEPTH {
                return Just(Value::Array(Vec::new())).boxed();
            }
            return proptest::collection::vec(self.of(item, depth + 1), 0..3)
                .prop_map(Value::Array)
                .boxed();
        }
        if let Some(items) = ty.get("tuple").and_then(Value::as_array) {
            let elements: Vec<BoxedStrategy<Value>> = items
                .iter()
                .map(|item| {
                    let value = self.of(&item["item"], depth + 1);
                    match item["nullable"].as_bool() {
                        Some(true) => prop_oneof![1 => Just(Value::Null), 3 => value].boxed(),
                        _ => value,
                    }
                })
                .collect();
            return elements.prop_map(Value::Array).boxed();
        }
        if let Some(item) = ty.get("map") {
            if depth >= DEPTH {
                return Just(Value::Object(Map::new())).boxed();
            }
            return proptest::collection::btree_map(text(), self.of(item, depth + 1), 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect()))
                .boxed();
        }
        any_json(depth)
    }

    fn named(&self, name: &str, depth: u32) -> BoxedStrategy<Value> {
        let def = &self.types[name];
        // Only a required field holding its own type could nest this deep: no value ends.
        assert!(depth < 12, "{name} nests without end");
        match def["kind"].as_str() {
            Some("struct") => self.object(def, depth),
            Some("enum") => {
                let values: Vec<Value> = def["values"].as_array().cloned().unwrap_or_default();
                let unlisted = text().prop_map(Value::String);
                if values.is_empty() {
                    return unlisted.boxed();
                }
                prop_oneof![3 => proptest::sample::select(values), 1 => unlisted].boxed()
            }
            Some("untagged") => {
                let variants: Vec<BoxedStrategy<Value>> = def["variants"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|ty| self.of(ty, depth + 1))
                    .collect();
                proptest::strategy::Union::new(variants).boxed()
            }
            Some("tagged") => {
                let property = def["property"].as_str().unwrap_or_default().to_owned();
                let mut variants: Vec<BoxedStrategy<Value>> = Vec::new();
                for variant in def["variants"].as_array().into_iter().flatten() {
                    let tags: Vec<String> = variant["tags"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect();
                    let property = property.clone();
                    variants.push(
                        (
                            self.of(&variant["ty"], depth + 1),
                            proptest::sample::select(tags),
                        )
                            .prop_map(move |(mut value, tag)| {
                                if let Value::Object(object) = &mut value {
                                    object.insert(property.clone(), Value::String(tag));
                                }
                                value
                            })
                            .boxed(),
                    );
                }
                // A tag no variant has: kept as it is.
                let property = property.clone();
                variants.push(
                    any_json(DEPTH)
                        .prop_map(move |value| {
                            let mut object = Map::new();
                            object.insert(property.clone(), Value::String("no-such-tag".into()));
                            object.insert("value".into(), value);
                            Value::Object(object)
                        })
                        .boxed(),
                );
                proptest::strategy::Union::new(variants).boxed()
            }
            _ => self.of(&def["ty"], depth),
        }
    }

    fn object(&self, def: &Value, depth: u32) -> BoxedStrategy<Value> {
        let fields: Vec<&Value> = def["fields"].as_array().into_iter().flatten().collect();
        let listed: Vec<String> = fields
            .iter()
            .filter_map(|f| f["wire"].as_str().map(str::to_owned))
            .collect();
        let mut parts: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
        for field in fields {
            let wire = field["wire"].as_str().unwrap_or_default().to_owned();
            let required = field["required"].as_bool().unwrap_or(false);
            let nullable = field["nullable"].as_bool().unwrap_or(false);
            let value = if required {
                self.of(&field["ty"], depth + 1)
            } else if depth >= DEPTH {
                // Left out: optional properties end recursive types.
                parts.push(Just(None).boxed());
                continue;
            } else {
                self.of(&field["ty"], depth + 1)
            };
            let value = if required && nullable {
                prop_oneof![1 => Just(Value::Null), 3 => value].boxed()
            } else {
                value
            };
            // An optional property is left out or present (a `null` would be left out
            // when written back, which the issue allows but this check does not).
            let entry = if required {
                value.prop_map(move |v| Some((wire.clone(), v))).boxed()
            } else {
                let value = value.prop_filter("not null", |v| !v.is_null());
                proptest::option::of(value)
                    .prop_map(move |v| v.map(|v| (wire.clone(), v)))
                    .boxed()
            };
            parts.push(entry);
        }
        let extra = match def.get("additional").filter(|a| !a.is_null()) {
            Some(ty) if depth < DEPTH => {
                let keys = proptest::sample::select(vec!["x-new", "newer_field", "Later"])
                    .prop_filter("not listed", move |key| !listed.iter().any(|l| l == key));
                proptest::collection::btree_map(keys, self.of(ty, depth + 1), 0..3)
                    .prop_map(|map| {
                        map.into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect::<BTreeMap<_, _>>()
                    })
                    .boxed()
            }
            _ => Just(BTreeMap::new()).boxed(),
        };
        (parts, extra)
            .prop_map(|(parts, extra)| {
                let mut object: Map<String, Value> = parts.into_iter().flatten().collect();
                object.extend(extra);
                Value::Object(object)
            })
            .boxed()
    }
}

#[test]
fn every_model_reads_and_writes_back_what_it_was_given() {
    let table: Value = serde_json::from_str(include_str!("types/types.json")).expect("types.json");
    let values = Values {
        types: table.as_object().expect("an object of types"),
    };
    let mut failures = Vec::new();
    for (name, check) in types::checks() {
        let strategy = values.named(name, 0);
        // The same values on every run: a failure on CI fails again locally.
        let config = Config {
            cases: 128,
            failure_persistence: None,
            ..Config::default()
        };
        let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let outcome = runner.run(&strategy, |value| {
            check(&value).map_err(TestCaseError::fail)
        });
        if let Err(error) = outcome {
            failures.push(format!("{name}: {error}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
