//! Small values of a bundled document as `openapiv3` reads them, for the readers that
//! do without serde's buffering ([`super::schema`], [`super::path`]): each gives `None`
//! where it cannot be sure to read what serde would.

use serde::Deserialize as _;
use serde_yaml::Value;

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
