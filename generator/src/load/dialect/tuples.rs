//! Arrays: `prefixItems` (a tuple, or a list of any of the items' types), and `items` or
//! `unevaluatedItems` given as a boolean.

use serde_yaml::{Mapping, Value};

use super::{Kind, MAX_TUPLE, Rewritten, TUPLE, one_key};
use crate::load::version::Version;

/// `prefixItems`, and `items` or `unevaluatedItems` given as a boolean.
pub(super) fn tuple(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
    let closed_by = |schema: &Mapping, key: &str| schema.get(key) == Some(&Value::Bool(false));
    let closed = closed_by(schema, "items")
        || !schema.contains_key("items") && closed_by(schema, "unevaluatedItems");
    schema.remove("unevaluatedItems");
    // `items: true` allows anything, as no `items` does; `false` is read below.
    if let Some(Value::Bool(_)) = schema.get("items") {
        schema.remove("items");
    }
    let prefix = match schema.get("prefixItems") {
        Some(Value::Sequence(prefix)) if !prefix.is_empty() => prefix.clone(),
        _ => {
            schema.remove("prefixItems");
            if closed {
                done.note(
                    version,
                    Kind::Beyond30,
                    "items",
                    "`items: false` is JSON Schema 2020-12 (OpenAPI 3.1); read as `maxItems: 0`"
                        .to_owned(),
                );
                schema.insert(Value::from("maxItems"), Value::from(0));
            }
            return;
        }
    };
    let count = prefix.len();
    let max_items = schema.get("maxItems").and_then(Value::as_u64);
    let closed = closed || max_items.is_some_and(|max| max <= count as u64);
    if !schema.contains_key("type") {
        schema.insert(Value::from("type"), Value::from("array"));
    }
    let rest = schema
        .get("items")
        .filter(|items| items.is_mapping())
        .cloned();
    if closed && count <= MAX_TUPLE {
        schema.remove("prefixItems");
        items_any_of(schema, done, prefix, count);
        schema.insert(Value::from(TUPLE), Value::Bool(true));
        done.note(
            version,
            Kind::Beyond30,
            "prefixItems",
            format!(
                "`prefixItems` is JSON Schema 2020-12 (OpenAPI 3.1); read as a tuple of {count} \
                 items"
            ),
        );
        return;
    }
    let Some(rest) = rest else {
        // More items of any type may follow: the list is of any JSON values. The walked
        // `prefixItems` stay where they are, which `openapiv3` ignores.
        let message = if count > MAX_TUPLE {
            format!(
                "`prefixItems` lists {count} items, and Rust tuples of more than {MAX_TUPLE} \
                 have no `Debug` or `PartialEq`: the list's items are any JSON value"
            )
        } else {
            format!(
                "`prefixItems` without `items: false` (or `maxItems`) lets more items of any \
                 type follow, so the list's items are any JSON value; add `items: false` to \
                 make it a tuple of its {count} items"
            )
        };
        done.notes.push(("prefixItems", message));
        return;
    };
    // The first items are of the `prefixItems` types and the rest of `items`: a list of
    // any of them.
    schema.remove("prefixItems");
    let mut members = prefix;
    members.push(rest);
    if members.iter().all(|member| *member == members[0]) {
        // All of one type: `items` stays as it is.
        return;
    }
    done.moved("/items", &format!("/items/anyOf/{count}"));
    items_any_of(schema, done, members, count);
    done.note(
        version,
        Kind::Beyond30,
        "prefixItems",
        "`prefixItems` is JSON Schema 2020-12 (OpenAPI 3.1); with `items`, read as a list of \
         any of their types"
            .to_owned(),
    );
}

/// Makes `members` the `anyOf` of `items`, the first `prefixed` of them moved there from
/// `prefixItems` (so messages about them point into the user's file).
fn items_any_of(schema: &mut Mapping, done: &mut Rewritten, members: Vec<Value>, prefixed: usize) {
    for index in 0..prefixed {
        done.moved(
            &format!("/prefixItems/{index}"),
            &format!("/items/anyOf/{index}"),
        );
    }
    schema.insert(
        Value::from("items"),
        one_key("anyOf", Value::Sequence(members)),
    );
}
