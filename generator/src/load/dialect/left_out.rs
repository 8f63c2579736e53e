//! The keywords left out of a schema before it is walked: silently when they change no
//! Rust type, with a warning when no Rust type expresses them.

use serde_yaml::Mapping;

/// Whether the keyword `name` of the schema `schema` is left out before it is walked:
/// `None` to keep it; `Some(None)` to leave it out silently (it changes no Rust type);
/// `Some(Some(why))` to leave it out with a warning (no Rust type expresses it).
pub(in crate::load) fn left_out(schema: &Mapping, name: &str) -> Option<Option<String>> {
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
