//! The `type` keyword given as a list or as `"null"`, and the members of `oneOf`/`anyOf`:
//! members that only admit `null` (which make the schema nullable) and members that are a
//! `$ref` with only documentation beside it.

use serde_yaml::{Mapping, Value};

use super::Note;

/// Members of `oneOf`/`anyOf` that are a `$ref` with only documentation beside it (in a
/// 3.1 document, `{$ref: Cat, description: …}`, bundled as `{allOf: [{$ref}], …}`) are
/// the `$ref` itself: a variant is named and tagged after the schema it refers to, and
/// documented by it.
pub(super) fn plain_ref_members(schema: &mut Mapping) {
    const DOCUMENTATION: [&str; 6] = [
        "description",
        "title",
        "deprecated",
        "default",
        "readOnly",
        "writeOnly",
    ];
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(members)) = schema.get_mut(keyword) else {
            continue;
        };
        for member in members {
            let Some(map) = member.as_mapping() else {
                continue;
            };
            let documented_ref = map.iter().all(|(key, _)| {
                key.as_str()
                    .is_some_and(|key| key == "allOf" || DOCUMENTATION.contains(&key))
            });
            let reference = match map.get("allOf") {
                Some(Value::Sequence(all_of)) if documented_ref => match all_of.as_slice() {
                    [only]
                        if only
                            .as_mapping()
                            .is_some_and(|m| m.len() == 1 && m.contains_key("$ref")) =>
                    {
                        only.clone()
                    }
                    _ => continue,
                },
                _ => continue,
            };
            *member = reference;
        }
    }
}

/// `type` given as a list, or as `"null"`; what to say about it.
pub(super) fn type_list(schema: &mut Mapping) -> Option<Note> {
    let (types, what): (Vec<String>, &str) = match schema.get("type") {
        Some(Value::Sequence(items)) => (
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect(),
            "a list",
        ),
        Some(Value::String(single)) if single == "null" => (vec![single.clone()], "\"null\""),
        _ => return None,
    };
    let nullable = types.iter().any(|t| t == "null");
    let mut others: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
    others.dedup();
    schema.remove("type");
    if nullable {
        schema.insert(Value::from("nullable"), Value::Bool(true));
    }
    let read_as = match others.as_slice() {
        [] => "`nullable: true` (any value or null)".to_owned(),
        [one] => {
            schema.insert(Value::from("type"), Value::from(one.as_str()));
            match nullable {
                true => format!("`type: {one}` with `nullable: true`"),
                false => format!("`type: {one}`"),
            }
        }
        several => {
            let members = several
                .iter()
                .map(|t| {
                    let mut member = Mapping::new();
                    member.insert(Value::from("type"), Value::from(t.as_str()));
                    Value::Mapping(member)
                })
                .collect();
            if !schema.contains_key("anyOf") && !schema.contains_key("oneOf") {
                schema.insert(Value::from("anyOf"), Value::Sequence(members));
            }
            format!("`anyOf` of the types {}", several.join(", "))
        }
    };
    Some((
        "type",
        format!("`type` is {what} (JSON Schema 2020-12, OpenAPI 3.1); read as {read_as}"),
    ))
}

/// Whether a union member admits only `null`.
fn is_null(member: &Value) -> bool {
    let Some(map) = member.as_mapping() else {
        return false;
    };
    let only_null_enum = map
        .get("enum")
        .and_then(Value::as_sequence)
        .is_some_and(|values| values.iter().all(Value::is_null));
    map.iter().all(|(key, value)| match key.as_str() {
        Some("nullable") => value == &Value::Bool(true),
        Some("enum") => only_null_enum,
        Some("description" | "title") => true,
        _ => false,
    }) && (map.get("nullable") == Some(&Value::Bool(true)) || only_null_enum)
}

/// Union members that only admit `null` make the schema nullable.
pub(super) fn null_members(schema: &mut Mapping) {
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(members)) = schema.get_mut(keyword) else {
            continue;
        };
        if !members.iter().any(is_null) {
            continue;
        }
        members.retain(|member| !is_null(member));
        let remaining = std::mem::take(members);
        schema.insert(Value::from("nullable"), Value::Bool(true));
        match <[Value; 1]>::try_from(remaining) {
            // One member left: the schema is that member (a `$ref` through `allOf`, an
            // inline schema by its keywords, the schema's own ones first).
            Ok([only]) => {
                schema.remove(keyword);
                match only {
                    Value::Mapping(member) if !member.contains_key("$ref") => {
                        for (key, value) in member {
                            if !schema.contains_key(&key) {
                                schema.insert(key, value);
                            }
                        }
                    }
                    reference => {
                        schema.insert(Value::from("allOf"), Value::Sequence(vec![reference]));
                    }
                }
            }
            Err(remaining) => {
                if remaining.is_empty() {
                    schema.remove(keyword);
                } else {
                    schema.insert(Value::from(keyword), Value::Sequence(remaining));
                }
            }
        }
    }
}
