//! JSON Schema beyond OpenAPI 3.0's subset, read as the 3.0 forms `openapiv3`
//! understands.
//!
//! OpenAPI 3.1 adopted JSON Schema 2020-12, and 3.0 documents often use its habits. Each
//! schema is rewritten in its bundled copy once its subschemas are, so the rest of the
//! pipeline only ever sees 3.0 (and two marks of the generator's own, below):
//!
//! - `type: [string, "null"]` → `type: string, nullable: true`; several non-null types
//!   → `anyOf` of one schema per type; `type: "null"` → `nullable: true`;
//! - `oneOf`/`anyOf` members that only admit `null` (`{type: "null"}`, `{nullable:
//!   true}`, the idiom of schema generators for optional values) → `nullable: true` on
//!   the schema, and a union left with one member becomes that member;
//! - numeric `exclusiveMinimum: 0` → `minimum: 0, exclusiveMinimum: true` (and the same
//!   for the maximum); `const: x` → `enum: [x]`;
//! - `prefixItems` with `items: false` (or `maxItems` no larger) → a tuple: `items:
//!   {anyOf: [...]}` marked [`TUPLE`], which lowering reads as a Rust tuple; with an
//!   `items` schema → a list of any of them; `items: false` alone → `maxItems: 0`;
//! - `contentEncoding: base64` → a string marked [`BASE64`] (bytes, written in base64);
//!   `contentMediaType` of binary content → `format: binary`;
//! - `unevaluatedProperties` → `additionalProperties`; `patternProperties` → the
//!   `additionalProperties` of a map (the keys' patterns are not checked);
//! - `$ref` with other keywords (in 3.1, where they apply too) → `allOf: [{$ref}]` with
//!   those keywords, as 3.0 writes it (done by the bundler, which follows the `$ref`).
//!
//! Keywords that change no Rust type are left out (`propertyNames`, `$defs` — a `$ref`
//! into them still works —, `dependentRequired`, `contains`, `$comment`, …). What no
//! Rust type expresses (`if`/`then`/`else`, `dependentSchemas`, `not` beside a type) is
//! left out with a warning, and the value is typed by the rest of the schema.
//!
//! What is reported depends on the document's [`Version`]: in a 3.0 document each
//! rewrite of something 3.0 does not allow is reported, so the spec's owner can see where
//! the document breaks its own version's rules; in a 3.1 document those are its own
//! rules, and only what 3.1 does not have (`nullable`) is reported instead.

use serde_yaml::{Mapping, Value};

use super::version::Version;
use crate::diagnostics::escape_token;

/// The mark on an array schema whose `items: {anyOf: [...]}` are the items of a tuple,
/// in order (from `prefixItems`). `x-` keys below the document's root are the
/// generator's own: the bundler leaves the spec's out.
pub(crate) const TUPLE: &str = "x-generator-tuple";

/// The mark on a string schema whose content is bytes written in base64
/// (`contentEncoding: base64`).
pub(crate) const BASE64: &str = "x-generator-base64";

/// Tuples longer than this are read as lists: Rust implements `Debug`, `PartialEq` and
/// `Default` for tuples of up to 12 items.
pub(crate) const MAX_TUPLE: usize = 12;

/// What a rewrite reports: the keyword it is about (relative to the schema), and why.
pub(super) type Note = (&'static str, String);

/// What [`normalize`] did that the bundler must know.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Rewritten {
    /// What to report, for the document's version.
    pub notes: Vec<Note>,
    /// Subschemas moved, in the order they were moved: from where to where, as pointers
    /// relative to the schema (`/prefixItems/0` → `/items/anyOf/0`).
    pub moves: Vec<(String, String)>,
}

/// Who a rewrite is reported to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// JSON Schema 2020-12 (OpenAPI 3.1): a habit beyond a 3.0 document's version.
    Beyond30,
    /// OpenAPI 3.0 only, in a 3.1 document.
    Only30,
}

impl Rewritten {
    fn note(&mut self, version: Version, kind: Kind, keyword: &'static str, message: String) {
        let reported = match kind {
            Kind::Beyond30 => version == Version::V30,
            Kind::Only30 => version == Version::V31,
        };
        if reported {
            self.notes.push((keyword, message));
        }
    }

    fn moved(&mut self, from: &str, to: &str) {
        self.moves.push((from.to_owned(), to.to_owned()));
    }
}

/// Rewrites `schema` (already walked: its subschemas are rewritten too) into 3.0 forms,
/// returning what to report about it in a document of `version` and what was moved.
pub(super) fn normalize(schema: &mut Mapping, version: Version) -> Rewritten {
    let mut done = Rewritten::default();
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        done.note(
            version,
            Kind::Only30,
            "nullable",
            "`nullable` is OpenAPI 3.0; OpenAPI 3.1 writes `type: [..., \"null\"]` (or a \
             `{type: \"null\"}` member of `anyOf`); read as nullable"
                .to_owned(),
        );
    }
    if let Some((keyword, message)) = type_list(schema) {
        done.note(version, Kind::Beyond30, keyword, message);
    }
    null_members(schema);
    if version == Version::V31 {
        plain_ref_members(schema);
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit @ Value::Number(_)) = schema.get(exclusive).cloned() {
            done.note(
                version,
                Kind::Beyond30,
                exclusive,
                format!(
                    "`{exclusive}: {}` is a number (JSON Schema 2020-12, OpenAPI 3.1); read as \
                     `{bound}: {}` with `{exclusive}: true`",
                    number(&limit),
                    number(&limit)
                ),
            );
            schema.insert(Value::from(bound), limit);
            schema.insert(Value::from(exclusive), Value::Bool(true));
        }
    }
    if let Some(value) = schema.remove("const") {
        done.note(
            version,
            Kind::Beyond30,
            "const",
            "`const` is JSON Schema 2020-12 (OpenAPI 3.1); read as an `enum` of one value"
                .to_owned(),
        );
        schema.insert(Value::from("enum"), Value::Sequence(vec![value]));
    }
    tuple(schema, version, &mut done);
    content(schema, version, &mut done);
    unevaluated_properties(schema, version, &mut done);
    pattern_properties(schema, version, &mut done);
    done
}

/// Members of `oneOf`/`anyOf` that are a `$ref` with only documentation beside it (in a
/// 3.1 document, `{$ref: Cat, description: …}`, bundled as `{allOf: [{$ref}], …}`) are
/// the `$ref` itself: a variant is named and tagged after the schema it refers to, and
/// documented by it.
fn plain_ref_members(schema: &mut Mapping) {
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

/// Whether the keyword `name` of the schema `schema` is left out before it is walked:
/// `None` to keep it; `Some(None)` to leave it out silently (it changes no Rust type);
/// `Some(Some(why))` to leave it out with a warning (no Rust type expresses it).
pub(super) fn left_out(schema: &Mapping, name: &str) -> Option<Option<String>> {
    let why = match name {
        "$defs" | "definitions" | "$schema" | "$id" | "$anchor" | "$dynamicAnchor"
        | "$vocabulary" | "$comment" | "propertyNames" | "dependentRequired" | "contains"
        | "minContains" | "maxContains" | "contentSchema" => return Some(None),
        // Without `if`, `then` and `else` are ignored by JSON Schema too; with it, the
        // warning at `if` covers them.
        "then" | "else" => return Some(None),
        "if" => {
            "`if`/`then`/`else` cannot be expressed in a Rust type: the condition is not \
                 checked, and the value is typed by the rest of the schema"
        }
        "dependentSchemas" => {
            "`dependentSchemas` cannot be expressed in a Rust type: what applies when a \
             property is present is not checked, and the value is typed by the rest of the \
             schema"
        }
        "$dynamicRef" => {
            "`$dynamicRef` is not followed: the value is typed by the rest of the schema"
        }
        // A schema that is nothing but `not` is any JSON value (lowering says so); beside
        // a type, `not` only narrows it.
        "not" if types_otherwise(schema) => {
            "`not` cannot be expressed in a Rust type: it is not checked, and the value is \
             typed by the rest of the schema"
        }
        _ => return None,
    };
    Some(Some(why.to_owned()))
}

/// Whether a schema says what its values are by more than `not`.
fn types_otherwise(schema: &Mapping) -> bool {
    const TYPING: [&str; 13] = [
        "type",
        "properties",
        "additionalProperties",
        "patternProperties",
        "items",
        "prefixItems",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "const",
        "$ref",
        "format",
    ];
    TYPING.iter().any(|key| schema.contains_key(*key))
}

/// `prefixItems`, and `items` or `unevaluatedItems` given as a boolean.
fn tuple(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
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
        for index in 0..count {
            done.moved(
                &format!("/prefixItems/{index}"),
                &format!("/items/anyOf/{index}"),
            );
        }
        schema.insert(
            Value::from("items"),
            one_key("anyOf", Value::Sequence(prefix)),
        );
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
    for index in 0..count {
        done.moved(
            &format!("/prefixItems/{index}"),
            &format!("/items/anyOf/{index}"),
        );
    }
    schema.insert(
        Value::from("items"),
        one_key("anyOf", Value::Sequence(members)),
    );
    done.note(
        version,
        Kind::Beyond30,
        "prefixItems",
        "`prefixItems` is JSON Schema 2020-12 (OpenAPI 3.1); with `items`, read as a list of \
         any of their types"
            .to_owned(),
    );
}

/// `contentEncoding` and `contentMediaType` on a string.
fn content(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
    let encoding = schema.remove("contentEncoding");
    let media = schema.remove("contentMediaType");
    if !matches!(
        schema.get("type").and_then(Value::as_str),
        None | Some("string")
    ) {
        return;
    }
    match encoding.as_ref().and_then(Value::as_str) {
        Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
            schema.insert(Value::from("type"), Value::from("string"));
            schema.remove("format");
            schema.insert(Value::from(BASE64), Value::Bool(true));
            done.note(
                version,
                Kind::Beyond30,
                "contentEncoding",
                "`contentEncoding` is JSON Schema 2020-12 (OpenAPI 3.1, where it replaces \
                 `format: byte`); read as bytes written in base64"
                    .to_owned(),
            );
        }
        // Other encodings (`base64url`, `quoted-printable`, …) are text as written.
        Some(_) => {}
        None => {
            let binary = media
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|media| !is_textual(media));
            if binary && !schema.contains_key("format") {
                schema.insert(Value::from("type"), Value::from("string"));
                schema.insert(Value::from("format"), Value::from("binary"));
                done.note(
                    version,
                    Kind::Beyond30,
                    "contentMediaType",
                    "`contentMediaType` is JSON Schema 2020-12 (OpenAPI 3.1, where it replaces \
                     `format: binary`); read as `format: binary`"
                        .to_owned(),
                );
            }
        }
    }
}

/// Whether content of the media type `media` is text (JSON, XML, YAML, forms, `text/*`).
fn is_textual(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/yaml"
                | "application/x-yaml"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
        )
}

/// `unevaluatedProperties`: beside `allOf`, the properties no member lists, which is what
/// `additionalProperties` beside `allOf` means to the generator.
fn unevaluated_properties(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
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
fn pattern_properties(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
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

/// A mapping of one key.
fn one_key(key: &str, value: Value) -> Value {
    let mut map = Mapping::with_capacity(1);
    map.insert(Value::from(key), value);
    Value::Mapping(map)
}

fn number(value: &Value) -> String {
    match value {
        Value::Number(number) => number.to_string(),
        _ => String::new(),
    }
}

/// `type` given as a list, or as `"null"`; what to say about it.
fn type_list(schema: &mut Mapping) -> Option<Note> {
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

    /// The rewritten schema, and the keywords reported in a 3.0 document.
    fn normalized(yaml: &str) -> (Value, Vec<&'static str>) {
        let (value, notes, _) = rewritten(yaml, Version::V30);
        (value, notes)
    }

    /// The rewritten schema, the keywords reported and the moves, for `version`.
    fn rewritten(
        yaml: &str,
        version: Version,
    ) -> (Value, Vec<&'static str>, Vec<(String, String)>) {
        // A test helper: a failed expectation is the test failing.
        let mut map: Mapping = serde_yaml::from_str(yaml).expect("test YAML parses");
        let done = normalize(&mut map, version);
        (
            Value::Mapping(map),
            done.notes.into_iter().map(|(k, _)| k).collect(),
            done.moves,
        )
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).expect("test YAML parses")
    }

    fn moves(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
            .collect()
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

    #[test]
    fn a_3_1_document_is_read_by_its_own_rules() {
        // The same rewrites, without a word: they are 3.1's rules.
        assert_eq!(
            rewritten(
                "{type: [number, 'null'], exclusiveMinimum: 0, const: 1}",
                Version::V31
            ),
            (
                yaml(
                    "{nullable: true, type: number, exclusiveMinimum: true, minimum: 0, \
                     enum: [1]}"
                ),
                vec![],
                vec![]
            )
        );
        // What 3.1 does not have is reported instead.
        assert_eq!(
            rewritten("{type: string, nullable: true}", Version::V31).1,
            vec!["nullable"]
        );
        assert_eq!(
            rewritten("{type: string, nullable: true}", Version::V30).1,
            Vec::<&str>::new()
        );
    }

    #[test]
    fn documented_ref_members_are_the_ref() {
        let union = "{oneOf: [{allOf: [{$ref: '#/a'}], description: A cat}, \
                     {allOf: [{$ref: '#/b'}], nullable: true}]}";
        assert_eq!(
            rewritten(union, Version::V31).0,
            yaml("{oneOf: [{$ref: '#/a'}, {allOf: [{$ref: '#/b'}], nullable: true}]}")
        );
        // A 3.0 author who wrote the `allOf` meant it.
        assert_eq!(rewritten(union, Version::V30).0, yaml(union));
    }

    #[test]
    fn closed_prefix_items_are_a_tuple() {
        let tuple = yaml(
            "{type: array, items: {anyOf: [{type: string}, {type: integer}]}, \
             x-generator-tuple: true}",
        );
        let moved = moves(&[
            ("/prefixItems/0", "/items/anyOf/0"),
            ("/prefixItems/1", "/items/anyOf/1"),
        ]);
        assert_eq!(
            rewritten(
                "{type: array, prefixItems: [{type: string}, {type: integer}], items: false}",
                Version::V31
            ),
            (tuple.clone(), vec![], moved.clone())
        );
        // pydantic's way: as many items at most as `prefixItems` lists.
        let (value, notes, _) = rewritten(
            "{prefixItems: [{type: string}, {type: integer}], minItems: 2, maxItems: 2}",
            Version::V30,
        );
        assert_eq!(notes, vec!["prefixItems"]);
        assert_eq!(value.get(TUPLE), Some(&Value::Bool(true)));
        assert_eq!(value.get("type"), Some(&Value::from("array")));
    }

    #[test]
    fn open_prefix_items_are_lists() {
        // More items of `items`' type may follow: a list of any of them.
        assert_eq!(
            rewritten(
                "{type: array, prefixItems: [{type: string}], items: {type: integer}}",
                Version::V31
            ),
            (
                yaml("{type: array, items: {anyOf: [{type: string}, {type: integer}]}}"),
                vec![],
                moves(&[
                    ("/items", "/items/anyOf/1"),
                    ("/prefixItems/0", "/items/anyOf/0")
                ])
            )
        );
        // More items of any type: reported whatever the version, `prefixItems` left as
        // it is (ignored).
        let (value, notes, moved) =
            rewritten("{type: array, prefixItems: [{type: string}]}", Version::V31);
        assert_eq!(notes, vec!["prefixItems"]);
        assert!(moved.is_empty());
        assert_eq!(value.get(TUPLE), None);
        assert_eq!(
            rewritten("{type: array, items: false}", Version::V31).0,
            yaml("{type: array, maxItems: 0}")
        );
    }

    #[test]
    fn content_encoding_and_media_type() {
        assert_eq!(
            rewritten(
                "{type: string, contentEncoding: base64, contentMediaType: image/png}",
                Version::V31
            )
            .0,
            yaml("{type: string, x-generator-base64: true}")
        );
        assert_eq!(
            rewritten("{type: string, contentMediaType: image/png}", Version::V31).0,
            yaml("{type: string, format: binary}")
        );
        // Text stays text.
        assert_eq!(
            rewritten(
                "{type: string, contentMediaType: application/json}",
                Version::V31
            )
            .0,
            yaml("{type: string}")
        );
    }

    #[test]
    fn pattern_and_unevaluated_properties_are_maps() {
        assert_eq!(
            rewritten(
                "{type: object, patternProperties: {'^x-': {type: string}}}",
                Version::V31
            ),
            (
                yaml("{type: object, additionalProperties: {type: string}}"),
                vec![],
                moves(&[("/patternProperties/^x-", "/additionalProperties")])
            )
        );
        assert_eq!(
            rewritten(
                "{patternProperties: {a: {type: string}, b: {type: integer}}, \
                 additionalProperties: {type: boolean}}",
                Version::V31
            ),
            (
                yaml(
                    "{additionalProperties: {anyOf: [{type: boolean}, {type: string}, \
                     {type: integer}]}}"
                ),
                vec![],
                moves(&[
                    ("/additionalProperties", "/additionalProperties/anyOf/0"),
                    ("/patternProperties/a", "/additionalProperties/anyOf/1"),
                    ("/patternProperties/b", "/additionalProperties/anyOf/2"),
                ])
            )
        );
        assert_eq!(
            rewritten(
                "{allOf: [{$ref: '#/a'}], unevaluatedProperties: false}",
                Version::V30
            ),
            (
                yaml("{allOf: [{$ref: '#/a'}], additionalProperties: false}"),
                vec!["unevaluatedProperties"],
                vec![]
            )
        );
    }

    #[test]
    fn what_no_type_expresses_is_left_out() {
        let schema: Mapping =
            serde_yaml::from_str("{type: string, not: {enum: ['']}}").expect("test YAML parses");
        assert!(matches!(left_out(&schema, "not"), Some(Some(_))));
        let only_not: Mapping =
            serde_yaml::from_str("{not: {type: string}}").expect("test YAML parses");
        assert_eq!(left_out(&only_not, "not"), None);
        assert!(matches!(left_out(&schema, "if"), Some(Some(_))));
        assert_eq!(left_out(&schema, "then"), Some(None));
        assert_eq!(left_out(&schema, "$defs"), Some(None));
        assert_eq!(left_out(&schema, "properties"), None);
    }
}
