//! Reading a bundled schema into `openapiv3`'s types without serde's buffering.
//!
//! `openapiv3` reads a `ReferenceOr<Schema>` as an untagged enum and a `Schema` as two
//! flattened halves, so serde copies the whole value into a tree of its own before it
//! tries each form, again at every level of nesting: a schema `n` levels deep is copied
//! `n` times (reading DigitalOcean's hoisted schemas took twice as long as here). This
//! reads the same types straight from the YAML value, for the values serde reads as
//! schemas, and gives up (`None`) on anything else — a key that is not a string, a
//! keyword whose value has another type than `openapiv3` takes, a `$ref` that is not a
//! string —, for the caller to read that schema with serde, which then makes the same
//! value or the same error. Which of `openapiv3`'s kinds a schema is read as follows its
//! own rules ([`Keywords::kind`]). The tests compare both readings on every schema of
//! the fixtures and of many odd schemas made up for them.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation,
    IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType,
    Type,
};
use serde_yaml::{Mapping, Value};

use super::values::{by_serde, entries, json, list, optional, reference_or, string};

/// A schema or a `$ref` to one, as `ReferenceOr::<Schema>::deserialize` reads it; `None`
/// where that is not sure (see the module docs).
pub(super) fn reference_or_schema(value: &Value) -> Option<ReferenceOr<Schema>> {
    reference_or(value, schema)
}

/// [`reference_or_schema`], boxed as `openapiv3` keeps subschemas.
fn boxed(value: &Value) -> Option<ReferenceOr<Box<Schema>>> {
    Some(match reference_or_schema(value)? {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
    })
}

/// The keywords that decide a schema's kind, as read (`openapiv3` reads each as an
/// `Option`: `null` is no value).
#[derive(Default)]
struct Keywords {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<serde_json::Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<serde_json::Number>,
    maximum: Option<serde_json::Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<serde_json::Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

/// A schema's mapping as `Schema::deserialize` reads it.
fn schema(map: &Mapping) -> Option<Schema> {
    let mut data = SchemaData::default();
    let mut words = Keywords::default();
    let extensions = entries(map, |key, value| {
        match key {
            "nullable" => data.nullable = value.as_bool()?,
            "readOnly" => data.read_only = value.as_bool()?,
            "writeOnly" => data.write_only = value.as_bool()?,
            "deprecated" => data.deprecated = value.as_bool()?,
            "externalDocs" => {
                data.external_docs = optional(value, by_serde::<ExternalDocumentation>)?
            }
            "example" => data.example = optional(value, json)?,
            "title" => data.title = optional(value, string)?,
            "description" => data.description = optional(value, string)?,
            "discriminator" => data.discriminator = optional(value, by_serde::<Discriminator>)?,
            "default" => data.default = optional(value, json)?,
            "type" => words.typ = optional(value, string)?,
            "pattern" => words.pattern = optional(value, string)?,
            "multipleOf" => words.multiple_of = optional(value, by_serde::<serde_json::Number>)?,
            "exclusiveMinimum" => words.exclusive_minimum = optional(value, Value::as_bool)?,
            "exclusiveMaximum" => words.exclusive_maximum = optional(value, Value::as_bool)?,
            "minimum" => words.minimum = optional(value, by_serde::<serde_json::Number>)?,
            "maximum" => words.maximum = optional(value, by_serde::<serde_json::Number>)?,
            "properties" => words.properties = optional(value, properties)?,
            "required" => words.required = optional(value, |value| list(value, string))?,
            "additionalProperties" => {
                words.additional_properties = optional(value, additional_properties)?;
            }
            "minProperties" => words.min_properties = optional(value, size)?,
            "maxProperties" => words.max_properties = optional(value, size)?,
            "items" => words.items = optional(value, boxed)?,
            "minItems" => words.min_items = optional(value, size)?,
            "maxItems" => words.max_items = optional(value, size)?,
            "uniqueItems" => words.unique_items = optional(value, Value::as_bool)?,
            "enum" => {
                words.enumeration = optional(value, |value| list(value, json))?;
            }
            "format" => words.format = optional(value, string)?,
            "minLength" => words.min_length = optional(value, size)?,
            "maxLength" => words.max_length = optional(value, size)?,
            "oneOf" => words.one_of = optional(value, |value| list(value, reference_or_schema))?,
            "allOf" => words.all_of = optional(value, |value| list(value, reference_or_schema))?,
            "anyOf" => words.any_of = optional(value, |value| list(value, reference_or_schema))?,
            "not" => words.not = optional(value, |value| reference_or_schema(value).map(Box::new))?,
            _ => {}
        }
        Some(())
    })?;
    data.extensions = extensions;
    Some(Schema {
        schema_data: data,
        schema_kind: words.kind(),
    })
}

/// A `usize`: only a non-negative integer (serde refuses a float, even `1.0`).
fn size(value: &Value) -> Option<usize> {
    usize::try_from(value.as_u64()?).ok()
}

fn properties(value: &Value) -> Option<IndexMap<String, ReferenceOr<Box<Schema>>>> {
    let map = value.as_mapping()?;
    let mut properties = IndexMap::with_capacity(map.len());
    for (name, schema) in map {
        properties.insert(name.as_str()?.to_owned(), boxed(schema)?);
    }
    Some(properties)
}

fn additional_properties(value: &Value) -> Option<AdditionalProperties> {
    match value {
        Value::Bool(allowed) => Some(AdditionalProperties::Any(*allowed)),
        value => Some(AdditionalProperties::Schema(Box::new(reference_or_schema(
            value,
        )?))),
    }
}

/// Whether every value of an `enum` is `null` or passes `check`.
fn all_values(
    enumeration: &Option<Vec<serde_json::Value>>,
    check: fn(&serde_json::Value) -> bool,
) -> bool {
    enumeration
        .iter()
        .flatten()
        .all(|value| value.is_null() || check(value))
}

/// The values of an `enum`, `null` as `None`, the others as `read` gives them (every one
/// was checked by [`all_values`]).
fn values<T>(
    enumeration: Option<Vec<serde_json::Value>>,
    read: impl Fn(&serde_json::Value) -> Option<T>,
) -> Vec<Option<T>> {
    enumeration
        .unwrap_or_default()
        .iter()
        .map(|value| match value.is_null() {
            true => None,
            false => read(value),
        })
        .collect()
}

/// Whether a number is absent or an `i64`.
fn whole(number: &Option<serde_json::Number>) -> bool {
    number.as_ref().is_none_or(serde_json::Number::is_i64)
}

/// The kinds of schema `openapiv3` tells apart.
enum Kind {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    /// One of `oneOf`, `allOf`, `anyOf`, `not`.
    Composition,
    Any,
}

impl Keywords {
    /// The kind `openapiv3` reads: a `type` with only the keywords of that type (and
    /// `enum` values of it) is that type; no `type` and only one of `oneOf`, `allOf`,
    /// `anyOf`, `not` is that composition; anything else is "any schema", holding every
    /// keyword as read.
    fn kind(self) -> SchemaKind {
        let to_f64 = |number: Option<serde_json::Number>| {
            number.as_ref().and_then(serde_json::Number::as_f64)
        };
        let to_i64 = |number: Option<serde_json::Number>| {
            number.as_ref().and_then(serde_json::Number::as_i64)
        };
        let typed = match self.which() {
            Kind::Composition => return self.composition(),
            Kind::Any => return self.any(),
            Kind::String => Type::String(StringType {
                format: self.format.into(),
                pattern: self.pattern,
                enumeration: values(self.enumeration, |value| value.as_str().map(str::to_owned)),
                min_length: self.min_length,
                max_length: self.max_length,
            }),
            Kind::Number => Type::Number(NumberType {
                format: self.format.into(),
                multiple_of: to_f64(self.multiple_of),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: to_f64(self.minimum),
                maximum: to_f64(self.maximum),
                enumeration: values(self.enumeration, serde_json::Value::as_f64),
            }),
            Kind::Integer => Type::Integer(IntegerType {
                format: self.format.into(),
                multiple_of: to_i64(self.multiple_of),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: to_i64(self.minimum),
                maximum: to_i64(self.maximum),
                enumeration: values(self.enumeration, serde_json::Value::as_i64),
            }),
            Kind::Boolean => Type::Boolean(BooleanType {
                enumeration: values(self.enumeration, serde_json::Value::as_bool),
            }),
            Kind::Object => Type::Object(ObjectType {
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
            }),
            Kind::Array => Type::Array(ArrayType {
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items.unwrap_or_default(),
            }),
        };
        SchemaKind::Type(typed)
    }

    /// The one composition there is (see [`Keywords::which`]).
    fn composition(mut self) -> SchemaKind {
        if let Some(one_of) = self.one_of.take() {
            return SchemaKind::OneOf { one_of };
        }
        if let Some(all_of) = self.all_of.take() {
            return SchemaKind::AllOf { all_of };
        }
        if let Some(any_of) = self.any_of.take() {
            return SchemaKind::AnyOf { any_of };
        }
        match self.not.take() {
            Some(not) => SchemaKind::Not { not },
            None => self.any(),
        }
    }

    /// "Any schema": every keyword as read.
    fn any(self) -> SchemaKind {
        let to_f64 = |number: Option<serde_json::Number>| {
            number.as_ref().and_then(serde_json::Number::as_f64)
        };
        SchemaKind::Any(AnySchema {
            typ: self.typ,
            pattern: self.pattern,
            multiple_of: to_f64(self.multiple_of),
            exclusive_minimum: self.exclusive_minimum,
            exclusive_maximum: self.exclusive_maximum,
            minimum: to_f64(self.minimum),
            maximum: to_f64(self.maximum),
            properties: self.properties.unwrap_or_default(),
            required: self.required.unwrap_or_default(),
            additional_properties: self.additional_properties,
            min_properties: self.min_properties,
            max_properties: self.max_properties,
            items: self.items,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items,
            enumeration: self.enumeration.unwrap_or_default(),
            format: self.format,
            min_length: self.min_length,
            max_length: self.max_length,
            one_of: self.one_of.unwrap_or_default(),
            all_of: self.all_of.unwrap_or_default(),
            any_of: self.any_of.unwrap_or_default(),
            not: self.not,
        })
    }

    /// Which kind the keywords present make.
    fn which(&self) -> Kind {
        let numeric = self.multiple_of.is_some()
            || self.exclusive_minimum.is_some()
            || self.exclusive_maximum.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some();
        let object = self.properties.is_some()
            || self.required.is_some()
            || self.additional_properties.is_some()
            || self.min_properties.is_some()
            || self.max_properties.is_some();
        let array = self.items.is_some()
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.unique_items.is_some();
        let lengths = self.min_length.is_some() || self.max_length.is_some();
        let compositions = [
            self.one_of.is_some(),
            self.all_of.is_some(),
            self.any_of.is_some(),
            self.not.is_some(),
        ];
        let composed = compositions.contains(&true);
        let pattern = self.pattern.is_some();
        let format = self.format.is_some();
        let enumerated = self.enumeration.is_some();
        // The keywords of other kinds than strings and numbers, absent.
        let plain = !object && !array && !composed;
        let values_are = |check| all_values(&self.enumeration, check);
        match self.typ.as_deref() {
            Some("string") if plain && !numeric && values_are(serde_json::Value::is_string) => {
                Kind::String
            }
            Some("number")
                if plain && !pattern && !lengths && values_are(serde_json::Value::is_number) =>
            {
                Kind::Number
            }
            Some("integer")
                if plain
                    && !pattern
                    && !lengths
                    && values_are(serde_json::Value::is_i64)
                    && whole(&self.multiple_of)
                    && whole(&self.minimum)
                    && whole(&self.maximum) =>
            {
                Kind::Integer
            }
            Some("boolean")
                if plain
                    && !pattern
                    && !numeric
                    && !format
                    && !lengths
                    && values_are(serde_json::Value::is_boolean) =>
            {
                Kind::Boolean
            }
            Some("object")
                if !pattern
                    && !numeric
                    && !array
                    && !enumerated
                    && !format
                    && !lengths
                    && !composed =>
            {
                Kind::Object
            }
            Some("array")
                if !pattern
                    && !numeric
                    && !object
                    && !enumerated
                    && !format
                    && !lengths
                    && !composed =>
            {
                Kind::Array
            }
            None if !pattern
                && !numeric
                && !object
                && !array
                && !enumerated
                && !format
                && !lengths
                && compositions.iter().filter(|present| **present).count() == 1 =>
            {
                Kind::Composition
            }
            _ => Kind::Any,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde::Deserialize as _;

    use super::super::specs::Dice;
    use super::*;

    /// The name of a schema's kind, to tell which kinds were met.
    fn kind_name(read: &ReferenceOr<Schema>) -> &'static str {
        match read {
            ReferenceOr::Reference { .. } => "reference",
            ReferenceOr::Item(schema) => match &schema.schema_kind {
                SchemaKind::Type(Type::String(_)) => "string",
                SchemaKind::Type(Type::Number(_)) => "number",
                SchemaKind::Type(Type::Integer(_)) => "integer",
                SchemaKind::Type(Type::Boolean(_)) => "boolean",
                SchemaKind::Type(Type::Object(_)) => "object",
                SchemaKind::Type(Type::Array(_)) => "array",
                SchemaKind::OneOf { .. } => "oneOf",
                SchemaKind::AllOf { .. } => "allOf",
                SchemaKind::AnyOf { .. } => "anyOf",
                SchemaKind::Not { .. } => "not",
                SchemaKind::Any(_) => "any",
            },
        }
    }

    /// Checks that what is read without serde is what serde reads; the kind read, if it
    /// was read without serde.
    fn read_as_serde_does(value: &Value) -> Option<&'static str> {
        let by_serde = ReferenceOr::<Schema>::deserialize(value).ok();
        let read = reference_or_schema(value)?;
        assert_eq!(Some(&read), by_serde.as_ref(), "{value:?}");
        Some(kind_name(&read))
    }

    #[test]
    fn reads_every_schema_of_the_fixtures_digitalocean_and_the_corpus_as_serde_does() {
        let mut total = 0;
        for (root, document) in super::super::specs::bundled() {
            let schemas = crate::load::pointer::lookup(&document, "/components/schemas")
                .and_then(Value::as_mapping)
                .map(|schemas| schemas.values().collect::<Vec<_>>())
                .unwrap_or_default();
            let read = schemas
                .iter()
                .filter_map(|schema| read_as_serde_does(schema))
                .count();
            // Every schema these specs hoist is read without serde.
            assert_eq!(read, schemas.len(), "{root}");
            total += read;
        }
        assert!(total > 8_000, "{total} schemas");
    }

    /// Values of every type, most of them wrong for most keywords.
    const ODD: &[&str] = &[
        "null",
        "true",
        "0",
        "-3",
        "1.5",
        "2.0",
        "1e300",
        "18446744073709551615",
        "'x'",
        "'string'",
        "[]",
        "['a', null]",
        "[1, 2]",
        "{}",
        "{1: x}",
        "{type: string}",
        "{$ref: '#/c'}",
        "[{type: string}]",
    ];

    /// Values that fit a keyword (some still refused by `openapiv3`, as a
    /// discriminator without its property).
    fn fitting(keyword: &str) -> &'static [&'static str] {
        match keyword {
            "type" => &[
                "string", "number", "integer", "boolean", "object", "array", "'null'",
            ],
            "pattern" | "format" | "title" | "description" => &["x", "date-time", "int32"],
            "multipleOf" | "minimum" | "maximum" => &["0", "5", "-3", "1.5", "2.0", "1e300"],
            "properties" => &["{}", "{a: {type: string}}", "{a: {$ref: '#/c'}, b: {}}"],
            "required" => &["[]", "[a]", "[a, b]"],
            "additionalProperties" => &["true", "false", "{type: string}", "{$ref: '#/c'}"],
            "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minLength"
            | "maxLength" => &["0", "3"],
            "items" | "not" => &["{type: string}", "{$ref: '#/c'}", "{}"],
            "enum" => &[
                "[a, null]",
                "[1, 2]",
                "[1.5]",
                "[true, false]",
                "[null]",
                "[a, 1]",
                "[]",
            ],
            "oneOf" | "allOf" | "anyOf" => {
                &["[{type: string}]", "[{$ref: '#/c'}, {type: integer}]", "[]"]
            }
            "default" | "example" => &["1", "a", "{a: [1]}"],
            "discriminator" => &[
                "{propertyName: kind}",
                "{propertyName: k, mapping: {a: b}}",
                "{}",
            ],
            "externalDocs" => &["{url: u}", "{description: d}"],
            "$ref" => &["'#/components/schemas/A'"],
            _ => &["true", "false"],
        }
    }

    const KEYWORDS: &[&str] = &[
        "type",
        "type",
        "type",
        "pattern",
        "format",
        "title",
        "description",
        "multipleOf",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "enum",
        "enum",
        "minLength",
        "maxLength",
        "oneOf",
        "oneOf",
        "allOf",
        "allOf",
        "anyOf",
        "anyOf",
        "not",
        "not",
        "nullable",
        "readOnly",
        "writeOnly",
        "deprecated",
        "default",
        "example",
        "discriminator",
        "externalDocs",
        "$ref",
        "x-generator-tuple",
        "unknown",
    ];

    #[test]
    fn reads_made_up_schemas_as_serde_does_or_leaves_them_to_serde() {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let mut kinds = BTreeSet::new();
        let (mut read, mut left) = (0, 0);
        for _ in 0..20_000 {
            let count = dice
                .pick(&["1", "1", "2", "2", "3", "4"])
                .parse()
                .unwrap_or(1);
            let mut entries = Vec::new();
            for _ in 0..count {
                let keyword = dice.pick(KEYWORDS);
                let value = match dice.pick(&["fit", "fit", "fit", "odd"]) {
                    "fit" => dice.pick(fitting(keyword)),
                    _ => dice.pick(ODD),
                };
                entries.push(format!("'{keyword}': {value}"));
            }
            let text = format!("{{{}}}", entries.join(", "));
            let Ok(value) = serde_yaml::from_str::<Value>(&text) else {
                continue;
            };
            match read_as_serde_does(&value) {
                Some(kind) => {
                    kinds.insert(kind);
                    read += 1;
                }
                None => left += 1,
            }
        }
        assert!(read > left, "{read} read, {left} left to serde");
        let every = [
            "reference",
            "string",
            "number",
            "integer",
            "boolean",
            "object",
            "array",
            "oneOf",
            "allOf",
            "anyOf",
            "not",
            "any",
        ];
        assert_eq!(kinds, BTreeSet::from(every), "kinds read");
    }
}
