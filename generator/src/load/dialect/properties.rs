//! Objects: `unevaluatedProperties` and `patternProperties`, read as
//! `additionalProperties`; `required` flags on properties, read as the object's list.

use serde_yaml::{Mapping, Value};

use super::{Kind, Rewritten, one_key};
use crate::diagnostics::escape_token;
use crate::load::version::Version;

/// `unevaluatedProperties`: beside `allOf`, the properties no member lists, which is what
/// `additionalProperties` beside `allOf` means to the generator.
pub(super) fn unevaluated_properties(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
    let Some(value) = schema.remove("unevaluatedProperties") else {
        return;
    };
    if schema.contains_key("additionalProperties") {
        return;
    }
    if value.is_mapping() {
        done.moved("/unevaluatedProperties", "/additionalProperties");
    }
    schema.insert(Value::from("additionalProperties"), value);
    done.note(
        version,
        Kind::Beyond30,
        "unevaluatedProperties",
        "`unevaluatedProperties` is JSON Schema 2020-12 (OpenAPI 3.1); read as \
         `additionalProperties`"
            .to_owned(),
    );
}

/// `patternProperties`: the values of a map (the keys' patterns are not checked).
pub(super) fn pattern_properties(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
    let Some(patterns) = schema.remove("patternProperties") else {
        return;
    };
    let Value::Mapping(patterns) = patterns else {
        return;
    };
    // Each distinct schema of a value, with where it is.
    let mut members: Vec<(String, Value)> = Vec::new();
    let mut add = |from: String, value: Value| {
        if value.is_mapping() && !members.iter().any(|(_, seen)| *seen == value) {
            members.push((from, value));
        }
    };
    if let Some(additional) = schema.get("additionalProperties").cloned() {
        add("/additionalProperties".to_owned(), additional);
    }
    for (pattern, value) in patterns {
        if let Some(pattern) = pattern.as_str() {
            add(
                format!("/patternProperties/{}", escape_token(pattern)),
                value,
            );
        }
    }
    match members.len() {
        0 => return,
        1 => {
            let (from, value) = members.remove(0);
            if from != "/additionalProperties" {
                done.moved(&from, "/additionalProperties");
                schema.insert(Value::from("additionalProperties"), value);
            }
        }
        _ => {
            // `additionalProperties` (first, if a schema) moves first, into the `anyOf` that
            // takes its place.
            let mut values = Vec::with_capacity(members.len());
            for (index, (from, value)) in members.into_iter().enumerate() {
                done.moved(&from, &format!("/additionalProperties/anyOf/{index}"));
                values.push(value);
            }
            schema.insert(
                Value::from("additionalProperties"),
                one_key("anyOf", Value::Sequence(values)),
            );
        }
    }
    done.note(
        version,
        Kind::Beyond30,
        "patternProperties",
        "`patternProperties` is not part of OpenAPI 3.0 (it is in 3.1); read as the \
         `additionalProperties` of a map whose keys are not checked against the patterns"
            .to_owned(),
    );
}

/// `required: true` on a property's own schema (JSON Schema draft 3's form, and a
/// parameter's habit): the property is listed in the object's `required` instead. The
/// flag is taken out of each property written in place (`required: false` too: a
/// property is optional unless listed); returns each property's name with its flag, for
/// the bundler to report at the flag.
pub(in crate::load) fn required_flags(schema: &mut Mapping) -> Vec<(String, bool)> {
    // Scans rather than hashed lookups, here and below: every schema comes here.
    let properties = schema
        .iter_mut()
        .find_map(|(key, value)| (key.as_str() == Some("properties")).then_some(value));
    let Some(Value::Mapping(properties)) = properties else {
        return Vec::new();
    };
    let mut flags = Vec::new();
    for (name, property) in properties.iter_mut() {
        let (Some(name), Value::Mapping(property)) = (name.as_str(), property) else {
            continue;
        };
        let flag = property.iter().find_map(|(key, value)| match value {
            Value::Bool(required) if key.as_str() == Some("required") => Some(*required),
            _ => None,
        });
        if let Some(required) = flag {
            property.shift_remove("required");
            flags.push((name.to_owned(), required));
        }
    }
    let listed: Vec<Value> = flags
        .iter()
        .filter(|(_, required)| *required)
        .map(|(name, _)| Value::from(name.as_str()))
        .collect();
    if !listed.is_empty() {
        let required = schema
            .entry(Value::from("required"))
            .or_insert_with(|| Value::Sequence(Vec::new()));
        if let Value::Sequence(names) = required {
            for name in listed {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    flags
}
