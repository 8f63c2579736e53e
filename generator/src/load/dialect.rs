//! JSON Schema written beyond OpenAPI 3.0's subset, read as the 3.0 forms `openapiv3`
//! understands.
//!
//! OpenAPI 3.1 adopted full JSON Schema, and 3.0 documents often use its habits. Where
//! their meaning is clear they are rewritten in the bundled copy of a schema, and the
//! rest of the pipeline only ever sees 3.0:
//!
//! - `type: [string, "null"]` → `type: string, nullable: true`; several non-null types
//!   → `anyOf` of one schema per type; `type: "null"` → `nullable: true`;
//! - `oneOf`/`anyOf` members that only admit `null` (`{type: "null"}`, `{nullable:
//!   true}`, the idiom of schema generators for optional values) → `nullable: true` on
//!   the schema, and a union left with one member becomes that member;
//! - numeric `exclusiveMinimum: 0` → `minimum: 0, exclusiveMinimum: true` (and the same
//!   for the maximum);
//! - `const: x` → `enum: [x]`.
//!
//! Each rewrite of something OpenAPI 3.0 does not allow is reported, so the spec's owner
//! can see where the document breaks its own version's rules.

use serde_yaml::{Mapping, Value};

/// What a rewrite reports: the keyword it is about (relative to the schema), and why.
pub(super) type Note = (&'static str, String);

/// Rewrites `schema` (already walked: its subschemas are rewritten too) into 3.0 forms,
/// returning what to report about it.
pub(super) fn normalize(schema: &mut Mapping) -> Vec<Note> {
    let mut notes = Vec::new();
    type_list(schema, &mut notes);
    null_members(schema);
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit @ Value::Number(_)) = schema.get(exclusive).cloned() {
            notes.push((
                exclusive,
                format!(
                    "`{exclusive}: {}` is a number (JSON Schema 2020-12, OpenAPI 3.1); read as \
                     `{bound}: {}` with `{exclusive}: true`",
                    number(&limit),
                    number(&limit)
                ),
            ));
            schema.insert(Value::from(bound), limit);
            schema.insert(Value::from(exclusive), Value::Bool(true));
        }
    }
    if let Some(value) = schema.remove("const") {
        notes.push((
            "const",
            "`const` is JSON Schema 2020-12 (OpenAPI 3.1); read as an `enum` of one value"
                .to_owned(),
        ));
        schema.insert(Value::from("enum"), Value::Sequence(vec![value]));
    }
    notes
}

fn number(value: &Value) -> String {
    match value {
        Value::Number(number) => number.to_string(),
        _ => String::new(),
    }
}

/// `type` given as a list, or as `"null"`.
fn type_list(schema: &mut Mapping, notes: &mut Vec<Note>) {
    let (types, what): (Vec<String>, &str) = match schema.get("type") {
        Some(Value::Sequence(items)) => (
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect(),
            "a list",
        ),
        Some(Value::String(single)) if single == "null" => (vec![single.clone()], "\"null\""),
        _ => return,
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
    notes.push((
        "type",
        format!("`type` is {what} (JSON Schema 2020-12, OpenAPI 3.1); read as {read_as}"),
    ));
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
fn null_members(schema: &mut Mapping) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(yaml: &str) -> (Value, Vec<&'static str>) {
        // A test helper: a failed expectation is the test failing.
        let mut map: Mapping = serde_yaml::from_str(yaml).expect("test YAML parses");
        let notes = normalize(&mut map);
        (
            Value::Mapping(map),
            notes.into_iter().map(|(k, _)| k).collect(),
        )
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).expect("test YAML parses")
    }

    #[test]
    fn type_lists_become_nullable_types_or_unions() {
        assert_eq!(
            normalized("{type: [integer, 'null'], minimum: 0}"),
            (
                yaml("{minimum: 0, nullable: true, type: integer}"),
                vec!["type"]
            )
        );
        assert_eq!(
            normalized("{type: [string, integer]}"),
            (
                yaml("{anyOf: [{type: string}, {type: integer}]}"),
                vec!["type"]
            )
        );
        assert_eq!(
            normalized("{type: 'null'}"),
            (yaml("{nullable: true}"), vec!["type"])
        );
    }

    #[test]
    fn null_members_make_the_union_nullable() {
        // The schema generators' idiom for an optional value: valid 3.0, no note.
        assert_eq!(
            normalized("{description: d, anyOf: [{$ref: '#/c'}, {nullable: true}]}"),
            (
                yaml("{description: d, nullable: true, allOf: [{$ref: '#/c'}]}"),
                vec![]
            )
        );
        assert_eq!(
            normalized("{oneOf: [{type: string}, {type: integer}, {enum: [null]}]}"),
            (
                yaml("{oneOf: [{type: string}, {type: integer}], nullable: true}"),
                vec![]
            )
        );
        assert_eq!(
            normalized("{anyOf: [{type: string, format: date}, {nullable: true}], format: x}"),
            (yaml("{format: x, nullable: true, type: string}"), vec![])
        );
    }

    #[test]
    fn numeric_exclusive_bounds_and_const() {
        assert_eq!(
            normalized("{type: number, exclusiveMinimum: 0, const: 1}"),
            (
                yaml("{type: number, exclusiveMinimum: true, minimum: 0, enum: [1]}"),
                vec!["exclusiveMinimum", "const"]
            )
        );
    }
}
