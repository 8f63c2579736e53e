//! Small values of a bundled document as `openapiv3` reads them, for the readers that
//! do without serde's buffering ([`super::schema`], [`super::path`]): each gives `None`
//! where it cannot be sure to read what serde would.

use indexmap::IndexMap;
use openapiv3::ReferenceOr;
use serde::Deserialize as _;
use serde_yaml::{Mapping, Value};

/// `read` of the mapping `value`, or a `$ref` in its place, as `openapiv3`'s
/// `ReferenceOr` reads them: with a `$ref` that is a string, the rest of the mapping is
/// not read.
pub(super) fn reference_or<T>(
    value: &Value,
    read: fn(&Mapping) -> Option<T>,
) -> Option<ReferenceOr<T>> {
    let map = value.as_mapping()?;
    if let Some(reference) = map.get("$ref") {
        let reference = reference.as_str()?.to_owned();
        return Some(ReferenceOr::Reference { reference });
    }
    read(map).map(ReferenceOr::Item)
}

/// Calls `read` with each entry of an object's `map` but its `x-` extensions, and
/// returns those (`openapiv3` keeps them in a flattened field); `None` for a key that is
/// not a string, or a value that `read` (or the extension) cannot read.
pub(super) fn entries(
    map: &Mapping,
    mut read: impl FnMut(&str, &Value) -> Option<()>,
) -> Option<IndexMap<String, serde_json::Value>> {
    let mut extensions = IndexMap::new();
    for (key, value) in map {
        match key.as_str()? {
            extension if extension.starts_with("x-") => {
                extensions.insert(extension.to_owned(), json(value)?);
            }
            key => read(key, value)?,
        }
    }
    Some(extensions)
}

/// `read(value)` as the value of an `Option` field: `Some(None)` for `null`, `None` if
/// `read` cannot read it.
pub(super) fn optional<T>(
    value: &Value,
    read: impl FnOnce(&Value) -> Option<T>,
) -> Option<Option<T>> {
    match value {
        Value::Null => Some(None),
        value => read(value).map(Some),
    }
}

/// A value read by its own `Deserialize` (small parts that serde reads the same way
/// wherever they are: numbers, a discriminator, parameters); `None` if it holds a
/// `null` anywhere. Inside an untagged enum or a flattened struct serde reads from its
/// own copy of the value, where `null` is no list, mapping or struct; straight from YAML
/// it is an empty one.
pub(super) fn by_serde<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    match holds_null(value) {
        true => None,
        false => T::deserialize(value).ok(),
    }
}

/// A JSON value (`enum` values, `default`, extensions): read the same way straight from
/// YAML and from serde's copy, `null`s included.
pub(super) fn json(value: &Value) -> Option<serde_json::Value> {
    serde_json::Value::deserialize(value).ok()
}

fn holds_null(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Sequence(items) => items.iter().any(holds_null),
        Value::Mapping(map) => map
            .iter()
            .any(|(key, value)| holds_null(key) || holds_null(value)),
        Value::Tagged(tagged) => holds_null(&tagged.value),
        Value::Bool(_) | Value::Number(_) | Value::String(_) => false,
    }
}

/// A string (serde reads no other value as one).
pub(super) fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// A list, each item read by `read`.
pub(super) fn list<T>(value: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    value.as_sequence()?.iter().map(read).collect()
}
