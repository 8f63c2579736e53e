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
//!   those keywords, as 3.0 writes it (done by the bundler, which follows the `$ref`);
//! - JSON Schema draft 3's `required: true` on a property → its name in the object's
//!   `required` ([`required_flags`], reported in either version).
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
//!
//! This file holds the marks, what a rewrite reports and [`normalize`], which applies the
//! rewrites of each keyword family in turn: `types` (`type` lists and the members of
//! `oneOf`/`anyOf`), `tuples` (`prefixItems` and boolean `items`), `content`
//! (`contentEncoding`, `contentMediaType`) and `properties` (`unevaluatedProperties`,
//! `patternProperties`); `left_out` says which keywords are dropped before a schema is
//! walked.

use serde_yaml::{Mapping, Value};

use super::version::Version;

mod content;
mod left_out;
mod properties;
#[cfg(test)]
mod tests;
mod tuples;
mod types;

use content::content;
pub(super) use left_out::left_out;
pub(super) use properties::required_flags;
use properties::{pattern_properties, unevaluated_properties};
use tuples::tuple;
use types::{null_members, plain_ref_members, type_list};

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
    // Most schemas hold nothing that is rewritten: one pass over their keys finds that
    // out, instead of a hashed lookup for each rewrite below.
    if !schema.iter().any(|(key, value)| looked_at(key, value)) {
        return done;
    }
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

/// Whether [`normalize`] may rewrite a schema with the keyword `key` (whose value is
/// `value`): each rewrite it makes starts from one of these. A new rewrite adds its
/// keyword here (its tests fail until it does).
fn looked_at(key: &Value, value: &Value) -> bool {
    match key.as_str() {
        // A list of types, or `"null"`; a single other type is plain 3.0.
        Some("type") => !matches!(value, Value::String(single) if single != "null"),
        // `items: true` or `false`; a schema there is plain 3.0.
        Some("items") => value.is_bool(),
        Some(
            "nullable"
            | "oneOf"
            | "anyOf"
            | "exclusiveMinimum"
            | "exclusiveMaximum"
            | "const"
            | "unevaluatedItems"
            | "prefixItems"
            | "contentEncoding"
            | "contentMediaType"
            | "unevaluatedProperties"
            | "patternProperties",
        ) => true,
        _ => false,
    }
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
