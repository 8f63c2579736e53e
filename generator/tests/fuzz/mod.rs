//! Strategies for structure-aware fuzzing: random OpenAPI 3.0 documents (built as
//! `serde_json::Value`s, written out as YAML or JSON), mostly valid, and mutations that
//! break them. Used by `tests/fuzz.rs`.
//!
//! A document is built around a context ([`Ctx`]) chosen first: which component schemas
//! exist, whether a second file exists and how the root refers to it, which security
//! schemes are declared. References are then drawn mostly from what exists (so that many
//! documents are accepted and the code generated from them is checked) and sometimes from
//! what does not (so that the error paths are exercised too).
//!
//! Names are drawn from pools of awkward names: Rust keywords, leading digits,
//! punctuation, non-ASCII letters, names that differ only in case or that collide once
//! turned into Rust names, names of the generated crate's own items.

use std::fmt;
use std::sync::Arc;

use proptest::collection::vec;
use proptest::option::weighted;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::strategy::Union;
use serde_json::{Map, Value, json};

/// One generated spec: its files as text, with the root first.
#[derive(Clone)]
pub struct Case {
    /// Path of the root file (as given to the generator).
    pub root: String,
    /// Every file, path → text; the root is one of them.
    pub files: Vec<(String, String)>,
    /// The mutations applied, for the report.
    pub mutations: Vec<String>,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "root: {}", self.root)?;
        if !self.mutations.is_empty() {
            writeln!(f, "mutations: {}", self.mutations.join("; "))?;
        }
        for (path, text) in &self.files {
            writeln!(f, "----- {path} -----")?;
            writeln!(f, "{text}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Pools of names and texts.

/// Component schema names: case variants, keywords, digits, punctuation, non-ASCII, and
/// names of the generated crate's and the standard library's items.
const SCHEMA_NAMES: &[&str] = &[
    "Pet",
    "pet",
    "PET",
    "Pet_",
    "Pet-2",
    "Pet2",
    "Self",
    "self",
    "type",
    "Type",
    "1Thing",
    "Thing.Sub",
    "a/b",
    "a~b",
    "ca fé",
    "日本",
    "Error",
    "Value",
    "Unknown",
    "Option",
    "Some",
    "None",
    "Ok",
    "Result",
    "String",
    "Vec",
    "Box",
    "Default",
    "Params",
    "Success",
    "Client",
    "Request",
    "Response",
    "_",
    "$",
    "Node",
    "Shared",
    "Other1",
    "serde",
    "crate",
    "Kind",
    "PetList",
    "S",
    "M",
    "D",
    "Key",
];

/// Property, discriminator and parameter-ish names.
const PROPERTY_NAMES: &[&str] = &[
    "id",
    "name",
    "type",
    "kind",
    "self",
    "Self",
    "super",
    "crate",
    "1st",
    "a-b",
    "a_b",
    "aB",
    "AB",
    "a.b",
    "@odata.count",
    "$ref",
    "",
    " ",
    "_",
    "__",
    "café",
    "日本",
    "additional_properties",
    "additionalProperties",
    "value",
    "async",
    "await",
    "dyn",
    "try",
    "gen",
    "union",
    "default",
    "None",
    "Some",
    "next",
    "children",
    "created_at",
    "rtl\u{202e}",
    "new\nline",
    "a_very_long_property_name_that_goes_on_and_on_and_on_and_on_and_on",
];

const ENUM_VALUES: &[&str] = &[
    "a",
    "A",
    "b",
    "active",
    "ACTIVE",
    "Active",
    "in-progress",
    "in_progress",
    "inProgress",
    "",
    " ",
    "1",
    "-1",
    "+1",
    "1.5",
    "type",
    "self",
    "Self",
    "_",
    "Unknown",
    "unknown",
    "café",
    "日本",
    "😀",
    "a\"b",
    "a\\b",
    "new\nline",
    "carriage\rreturn",
    "tab\t",
    "{}",
    "`",
    "*/",
    "null",
    "true",
    "nul\u{0}",
    "rtl\u{202e}x",
];

/// Titles, descriptions and summaries: Markdown, code fences, HTML, control characters.
const TEXTS: &[&str] = &[
    "",
    "A thing.",
    "Multi\nline\n\ntext",
    "```\ncode\n```",
    "```rust\nfn main() {}\n```",
    "Example:\n\n    indented code\n",
    "\tTabbed",
    "*/ /* */",
    "<b>html</b> <unclosed",
    "[link](http://x) and [broken][ref]",
    "see http://bare.url",
    "`code`",
    "\"quotes\" and 'apostrophes'",
    "back\\slash",
    "crlf\r\nline\r\n",
    "lone \r carriage return",
    "unclosed ```",
    "```json\n{\"a\": 1}",
    "~~~\nfenced\n~~~",
    "````\nfour\n```\n````",
    "```ignore\nx\n```",
    "# Heading\n\n- list\n  - nested\n        deep",
    "日本語の説明",
    "😀 emoji",
    "nul \u{0} char",
    "line \u{2028} separator",
    "#![attr]",
    "///inner",
    "//! x",
    "}",
    "{",
    "\u{feff}bom",
    " ",
    "\n\n\n",
    "bidi \u{202e} override \u{2066}",
];

/// `info.title` (also the source of the default token variable name).
const TITLES: &[&str] = &[
    "Pet Store",
    "",
    "API",
    "My \"API\"",
    "multi\nline",
    "carriage\rreturn",
    "日本 API",
    "*/ fn x() {} /*",
    "`code`",
    "1 API",
    "self",
    "a\\b",
    "[link](x)",
    "bidi\u{202e}",
];

const VERSIONS: &[&str] = &["1.0.0", "", "v2", "1.0\n2", "\"1\"", "1.0\r"];

const OPERATION_IDS: &[&str] = &[
    "listPets",
    "createPet",
    "getPet",
    "deletePet",
    "updatePet",
    "list_pets",
    "ListPets",
    "list-pets",
    "list pets",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "async",
    "new",
    "builder",
    "from_env",
    "execute",
    "clone",
    "fmt",
    "request",
    "response",
    "1st",
    "123",
    "get.thing",
    "getThing2",
    "café",
    "日本語",
    "Über",
    "_",
    "",
    "   ",
    "$",
    "r#type",
    "x-y-z",
    "a/b",
    "ALLCAPS",
    "MiXeD_case-ID",
    "get_v2_things_id",
];

const PARAM_NAMES: &[&str] = &[
    "limit",
    "page",
    "per_page",
    "per-page",
    "perPage",
    "type",
    "self",
    "Self",
    "q",
    "filter[name]",
    "X-Request-ID",
    "x-request-id",
    "Accept",
    "Content-Type",
    "Authorization",
    "body",
    "params",
    "client",
    "request",
    "response",
    "options",
    "1x",
    "日本",
    "",
    "a.b",
    "user_agent",
];

/// Path segments; `{…}` ones are template parameters.
const PATH_SEGMENTS: &[&str] = &[
    "v2",
    "things",
    "pets",
    "a-b",
    "x.y",
    "café",
    "%20",
    "",
    "{id}",
    "{thing_id}",
    "{type}",
    "{Self}",
    "{1x}",
    "{a.b}",
    "{id}",
    "{日本}",
    "{}",
];

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/json",
    "application/merge-patch+json",
    "application/json; charset=utf-8",
    "text/plain",
    "text/csv",
    "application/octet-stream",
    "image/png",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "text/event-stream",
    "*/*",
    "application/xml",
    "application/yaml",
    "APPLICATION/JSON",
    "",
];

/// Response keys: status codes, ranges, `default`, an extension, and invalid ones.
const STATUS_KEYS: &[&str] = &[
    "200", "200", "201", "202", "204", "206", "299", "2XX", "2xx", "4XX", "400", "404", "409",
    "429", "500", "5XX", "default", "default", "1XX", "100", "301", "3XX", "x-ext",
];
const BAD_STATUS_KEYS: &[&str] = &["600", "abc", "20", "2000", "0", "6XX", "XXX", "2X0"];

const HEADER_NAMES: &[&str] = &[
    "ratelimit-limit",
    "X-Rate",
    "Retry-After",
    "content-type",
    "",
    "日本",
];

const SCHEME_NAMES: &[&str] = &[
    "bearer_auth",
    "Bearer Auth",
    "api-key",
    "basic",
    "type",
    "1key",
    "clé",
    "oauth",
    "no errors",
    "errors_404",
];

const STRING_FORMATS: &[&str] = &[
    "",
    "",
    "date-time",
    "date",
    "uuid",
    "byte",
    "binary",
    "password",
    "ipv4",
    "ipv6",
    "int64",
    "uint64",
    "email",
    "uri",
    "unknown-format",
    "DATE-TIME",
    "int32",
];
const INTEGER_FORMATS: &[&str] = &[
    "", "", "int32", "int64", "uint32", "uint64", "int8", "uint", "double",
];
const NUMBER_FORMATS: &[&str] = &["", "float", "double", "decimal", "int32"];

const DISCRIMINATOR_PROPERTIES: &[&str] = &["kind", "type", "petType", "", "1", "$ref"];
const TAGS: &[&str] = &["dog", "cat", "Dog", "", "1", "a b", "日本", "\"", "\\"];

/// Values that do not belong where they are put.
fn junk_value() -> BoxedStrategy<Value> {
    select(vec![
        json!(null),
        json!(42),
        json!(-1),
        json!(0.5),
        json!(1e300),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(true),
        json!(""),
        json!("x"),
        json!("#/components/schemas/Pet"),
        json!([]),
        json!([1, "a", null]),
        json!({}),
        json!({"a": {"b": []}}),
        json!("a\nb"),
    ])
    .boxed()
}

// ---------------------------------------------------------------------------------------
// The context a document is built in.

/// How the root file and the second file of a multi-file spec name each other.
#[derive(Clone, Debug)]
struct Layout {
    root: &'static str,
    /// The second file's path as the reader knows it.
    other: &'static str,
    /// How the root refers to the second file.
    to_other: &'static str,
    /// How the second file refers back to the root.
    to_root: &'static str,
}

const LAYOUTS: &[Layout] = &[
    Layout {
        root: "openapi.yaml",
        other: "common.yaml",
        to_other: "common.yaml",
        to_root: "openapi.yaml",
    },
    Layout {
        root: "spec/openapi.yaml",
        other: "spec/defs/schemas.yaml",
        to_other: "defs/schemas.yaml",
        to_root: "../openapi.yaml",
    },
    Layout {
        root: "spec/api.json",
        other: "shared/defs.json",
        to_other: "../shared/defs.json",
        to_root: "../spec/api.json",
    },
    Layout {
        root: "openapi.yml",
        other: "defs x.yaml",
        to_other: "defs%20x.yaml",
        to_root: "openapi.yml",
    },
    Layout {
        root: "a/b/root.yaml",
        other: "a/b/d.json",
        to_other: "./c/../d.json",
        to_root: "root.yaml",
    },
];

/// What references may point to, in one file.
#[derive(Debug, Default)]
struct Ctx {
    /// `$ref`s to schemas that exist.
    schema_refs: Vec<String>,
    /// `$ref`s to schemas that do not exist, or to things that are no schema.
    bad_schema_refs: Vec<String>,
    /// Targets of `discriminator.mapping`: references and bare names.
    mapping_targets: Vec<String>,
    /// `$ref`s to parameters, responses and request bodies (good ones, then bad ones).
    param_refs: (Vec<String>, Vec<String>),
    response_refs: (Vec<String>, Vec<String>),
    body_refs: (Vec<String>, Vec<String>),
    /// Declared security schemes.
    schemes: Vec<&'static str>,
}

/// The root's choices, made before anything else.
#[derive(Clone, Debug)]
struct Plan {
    names: Vec<&'static str>,
    schemes: Vec<&'static str>,
    layout: &'static Layout,
    multi: bool,
    /// Components other than schemas exist (parameters, responses, request bodies).
    shared_parts: bool,
}

fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Plan {
    fn root_ctx(&self) -> Ctx {
        let mut ctx = Ctx {
            schemes: self.schemes.clone(),
            ..Ctx::default()
        };
        for name in &self.names {
            ctx.schema_refs
                .push(format!("#/components/schemas/{}", pointer_token(name)));
            ctx.mapping_targets.push((*name).to_owned());
        }
        ctx.bad_schema_refs.extend(
            [
                "#/components/schemas/Missing",
                "#/components/schemas/",
                "#",
                "#/info",
                "#/paths",
                "missing.yaml#/X",
                "http://example.com/x.yaml#/A",
                "#components/schemas/Pet",
                "",
            ]
            .map(String::from),
        );
        if self.shared_parts {
            ctx.param_refs.0.push("#/components/parameters/P1".into());
            ctx.response_refs.0.push("#/components/responses/R1".into());
            ctx.body_refs.0.push("#/components/requestBodies/B1".into());
        }
        ctx.param_refs.1.push("#/components/parameters/Nope".into());
        ctx.response_refs
            .1
            .push("#/components/responses/Nope".into());
        ctx.body_refs.1.push("#/components/schemas/Pet".into());
        if self.multi {
            let other = self.layout.to_other;
            for pointer in ["/Other1", "/Other2", "/components/schemas/Shared"] {
                let reference = format!("{other}#{pointer}");
                ctx.schema_refs.push(reference.clone());
                ctx.mapping_targets.push(reference);
            }
            ctx.bad_schema_refs.push(format!("{other}#/Nope"));
            ctx.bad_schema_refs.push(other.to_owned());
            ctx.bad_schema_refs.push(format!("{other}#/params/P"));
            ctx.param_refs.0.push(format!("{other}#/params/P"));
            ctx.param_refs.1.push(format!("{other}#/params/Nope"));
            ctx.response_refs.0.push(format!("{other}#/responses/R"));
            ctx.response_refs.1.push(format!("{other}#/Other1"));
        }
        ctx
    }

    fn other_ctx(&self) -> Ctx {
        let back = self.layout.to_root;
        let mut ctx = Ctx::default();
        for pointer in ["/Other1", "/Other2", "/components/schemas/Shared"] {
            ctx.schema_refs.push(format!("#{pointer}"));
            ctx.mapping_targets.push(format!("#{pointer}"));
        }
        for name in &self.names {
            ctx.schema_refs.push(format!(
                "{back}#/components/schemas/{}",
                pointer_token(name)
            ));
        }
        ctx.bad_schema_refs.extend([
            "#/Missing".to_owned(),
            format!("{back}#/nope"),
            "#".to_owned(),
        ]);
        ctx
    }
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        subsequence(SCHEMA_NAMES.to_vec(), 0..7),
        subsequence(SCHEME_NAMES.to_vec(), 0..3),
        select(LAYOUTS),
        proptest::bool::weighted(0.3),
        proptest::bool::weighted(0.3),
    )
        .prop_map(|(names, schemes, layout, multi, shared_parts)| Plan {
            names,
            schemes,
            layout: LAYOUTS
                .iter()
                .find(|l| l.root == layout.root)
                .unwrap_or(&LAYOUTS[0]),
            multi,
            shared_parts,
        })
}

// ---------------------------------------------------------------------------------------
// Small helpers.

fn weighted_union(options: Vec<(u32, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    Union::new_weighted(options).boxed()
}

fn text(pool: &'static [&'static str]) -> BoxedStrategy<Value> {
    select(pool).prop_map(Value::from).boxed()
}

/// A reference drawn mostly from `good`, sometimes from `bad`; none if nothing is there
/// to refer to (mutations add dangling references anywhere).
fn reference(good: &[String], bad: &[String]) -> Option<BoxedStrategy<Value>> {
    if good.is_empty() {
        return None;
    }
    let mut options = vec![(150, select(good.to_vec()).prop_map(Value::from).boxed())];
    if !bad.is_empty() {
        options.push((1, select(bad.to_vec()).prop_map(Value::from).boxed()));
    }
    Some(
        weighted_union(options)
            .prop_map(|target| json!({ "$ref": target }))
            .boxed(),
    )
}

/// Sets `key` to `value` when there is one.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

/// A mapping from a list of pairs (later duplicates win).
fn mapping<K: Into<String>>(pairs: Vec<(K, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

// ---------------------------------------------------------------------------------------
// Schemas.

fn string_schema() -> BoxedStrategy<Value> {
    (
        select(STRING_FORMATS),
        weighted(0.05, select(vec![json!(0), json!(1), json!(100)])),
    )
        .prop_map(|(format, min_length)| {
            let mut map = Map::new();
            map.insert("type".into(), "string".into());
            if !format.is_empty() {
                map.insert("format".into(), format.into());
            }
            put(&mut map, "minLength", min_length);
            Value::Object(map)
        })
        .boxed()
}

fn integer_schema() -> BoxedStrategy<Value> {
    let bound = || {
        weighted(
            0.05,
            select(vec![
                json!(0),
                json!(-1),
                json!(i64::MAX),
                json!(u64::MAX),
                json!(1.5),
                json!(1e300),
            ]),
        )
    };
    (select(INTEGER_FORMATS), bound(), bound())
        .prop_map(|(format, minimum, maximum)| {
            let mut map = Map::new();
            map.insert("type".into(), "integer".into());
            if !format.is_empty() {
                map.insert("format".into(), format.into());
            }
            put(&mut map, "minimum", minimum);
            put(&mut map, "maximum", maximum);
            Value::Object(map)
        })
        .boxed()
}

fn number_schema() -> BoxedStrategy<Value> {
    select(NUMBER_FORMATS)
        .prop_map(|format| {
            if format.is_empty() {
                json!({"type": "number"})
            } else {
                json!({"type": "number", "format": format})
            }
        })
        .boxed()
}

fn string_enum() -> BoxedStrategy<Value> {
    (
        vec(select(ENUM_VALUES), 1..5),
        proptest::bool::weighted(0.8),
        proptest::bool::weighted(0.1),
        weighted(0.2, select(ENUM_VALUES)),
    )
        .prop_map(|(values, typed, with_null, default)| {
            let mut values: Vec<Value> = values.into_iter().map(Value::from).collect();
            if with_null {
                values.push(Value::Null);
            }
            let mut map = Map::new();
            if typed {
                map.insert("type".into(), "string".into());
            }
            map.insert("enum".into(), Value::Array(values));
            put(&mut map, "default", default.map(Value::from));
            Value::Object(map)
        })
        .boxed()
}

fn other_enum() -> BoxedStrategy<Value> {
    select(vec![
        json!({"type": "integer", "enum": [1, 2, 3]}),
        json!({"type": "integer", "enum": [1, "a"]}),
        json!({"type": "boolean", "enum": [true]}),
        json!({"type": "number", "enum": [0.5, null], "nullable": true}),
        json!({"enum": [null]}),
        json!({"type": "string", "enum": []}),
        json!({"enum": [{}, []]}),
        json!({"type": "string", "enum": ["a", 1, true]}),
        json!({"type": "array", "enum": [["a"]], "items": {"type": "string"}}),
    ])
    .boxed()
}

fn odd_type() -> BoxedStrategy<Value> {
    select(vec![
        json!({"type": "null"}),
        json!({"type": "strin"}),
        json!({"type": "file"}),
        json!({"type": "Object"}),
        json!({"type": ""}),
        json!({"type": ["string", "null"]}),
        json!({"type": 1}),
        json!({"format": "date-time"}),
        json!({"nullable": true}),
        json!({"required": ["id"]}),
    ])
    .boxed()
}

fn leaf(ctx: &Ctx) -> BoxedStrategy<Value> {
    let mut options = vec![
        (4, string_schema()),
        (3, integer_schema()),
        (1, number_schema()),
        (1, Just(json!({"type": "boolean"})).boxed()),
        (3, string_enum()),
        (1, other_enum()),
        (1, Just(json!({})).boxed()),
        (1, Just(json!({"type": "object"})).boxed()),
    ];
    if let Some(reference) = reference(&ctx.schema_refs, &ctx.bad_schema_refs) {
        options.push((6, reference));
    }
    weighted_union(vec![(40, weighted_union(options)), (1, odd_type())])
}

/// Keywords that only document or constrain.
fn annotations() -> BoxedStrategy<Map<String, Value>> {
    (
        weighted(0.3, Just(true)),
        weighted(0.15, any::<bool>()),
        weighted(0.15, any::<bool>()),
        weighted(0.15, any::<bool>()),
        weighted(0.2, junk_value()),
        weighted(0.3, select(TEXTS)),
        weighted(0.5, select(TEXTS)),
        weighted(
            0.03,
            (
                select(vec![
                    "example",
                    "xml",
                    "externalDocs",
                    "x-extension",
                    "minimum",
                    "maxLength",
                    "pattern",
                    "uniqueItems",
                    "format",
                    "items",
                    "exclusiveMinimum",
                    "discriminator",
                ]),
                junk_value(),
            ),
        ),
    )
        .prop_map(
            |(nullable, read_only, write_only, deprecated, default, title, description, junk)| {
                let mut map = Map::new();
                put(&mut map, "nullable", nullable.map(Value::from));
                put(&mut map, "readOnly", read_only.map(Value::from));
                put(&mut map, "writeOnly", write_only.map(Value::from));
                put(&mut map, "deprecated", deprecated.map(Value::from));
                put(&mut map, "default", default);
                put(&mut map, "title", title.map(Value::from));
                put(&mut map, "description", description.map(Value::from));
                if let Some((key, value)) = junk {
                    map.insert(key.to_owned(), value);
                }
                map
            },
        )
        .boxed()
}

/// Adds documentation and constraint keywords to some schemas.
fn decorated(schema: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    (schema, weighted(0.35, annotations()))
        .prop_map(|(mut schema, extra)| {
            if let (Some(extra), Some(map)) = (extra, schema.as_object_mut()) {
                for (key, value) in extra {
                    map.entry(key).or_insert(value);
                }
            }
            schema
        })
        .boxed()
}

fn object(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let additional = weighted_union(vec![
        (8, Just(Value::Null).boxed()),
        (1, Just(json!(true)).boxed()),
        (1, Just(json!(false)).boxed()),
        (1, inner.clone()),
    ]);
    (
        vec((select(PROPERTY_NAMES), inner), 0..5),
        vec(any::<bool>(), 5),
        weighted(0.1, select(PROPERTY_NAMES)),
        additional,
        proptest::bool::weighted(0.85),
    )
        .prop_map(
            |(properties, required_mask, extra_required, additional, typed)| {
                let mut map = Map::new();
                if typed {
                    map.insert("type".into(), "object".into());
                }
                let mut required: Vec<Value> = properties
                    .iter()
                    .zip(&required_mask)
                    .filter(|(_, required)| **required)
                    .map(|((name, _), _)| Value::from(*name))
                    .collect();
                required.extend(extra_required.map(Value::from));
                if !properties.is_empty() || !typed {
                    map.insert("properties".into(), mapping(properties));
                }
                if !required.is_empty() {
                    map.insert("required".into(), Value::Array(required));
                }
                if !additional.is_null() {
                    map.insert("additionalProperties".into(), additional);
                }
                Value::Object(map)
            },
        )
        .boxed()
}

fn array(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    weighted_union(vec![
        (
            6,
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items}))
                .boxed(),
        ),
        (1, Just(json!({"type": "array"})).boxed()),
        (1, inner.prop_map(|items| json!({"items": items})).boxed()),
    ])
}

fn map_schema(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    weighted_union(vec![
        (
            3,
            inner
                .clone()
                .prop_map(|value| json!({"type": "object", "additionalProperties": value}))
                .boxed(),
        ),
        (
            1,
            inner
                .prop_map(|value| json!({"additionalProperties": value}))
                .boxed(),
        ),
        (
            1,
            Just(json!({"type": "object", "additionalProperties": true})).boxed(),
        ),
        (
            1,
            Just(json!({"type": "object", "additionalProperties": false})).boxed(),
        ),
    ])
}

fn mapping_target(ctx: &Ctx) -> BoxedStrategy<String> {
    let missing = Just("Missing".to_owned()).boxed();
    if ctx.mapping_targets.is_empty() {
        return missing;
    }
    Union::new_weighted(vec![
        (30, select(ctx.mapping_targets.clone()).boxed()),
        (1, missing),
    ])
    .boxed()
}

fn discriminator(ctx: &Ctx) -> BoxedStrategy<Value> {
    (
        select(DISCRIMINATOR_PROPERTIES),
        weighted(0.5, vec((select(TAGS), mapping_target(ctx)), 1..3)),
    )
        .prop_map(|(property, mapping_pairs)| {
            let mut map = Map::new();
            map.insert("propertyName".into(), property.into());
            put(
                &mut map,
                "mapping",
                mapping_pairs.map(|pairs| {
                    mapping(
                        pairs
                            .into_iter()
                            .map(|(tag, target)| (tag, Value::from(target)))
                            .collect(),
                    )
                }),
            );
            Value::Object(map)
        })
        .boxed()
}

fn composition(ctx: &Ctx, inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let mut members = vec![
        (3, inner.clone()),
        (
            1,
            select(PROPERTY_NAMES)
                .prop_map(|name| json!({"required": [name]}))
                .boxed(),
        ),
    ];
    if let Some(reference) = reference(&ctx.schema_refs, &ctx.bad_schema_refs) {
        members.push((4, reference));
    }
    (
        select(vec!["allOf", "oneOf", "anyOf"]),
        vec(weighted_union(members), 1..4),
        weighted(0.3, discriminator(ctx)),
        weighted(0.2, vec((select(PROPERTY_NAMES), inner), 1..3)),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(keyword, members, discriminator, properties, typed)| {
            let mut map = Map::new();
            map.insert(keyword.into(), Value::Array(members));
            put(&mut map, "discriminator", discriminator);
            put(&mut map, "properties", properties.map(mapping));
            if typed {
                map.insert("type".into(), "object".into());
            }
            Value::Object(map)
        })
        .boxed()
}

/// A schema: scalars, enums and references at the leaves; objects, arrays, maps,
/// compositions and `not` above them; documentation keywords anywhere.
fn schema(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let leaves = decorated(leaf(ctx));
    let ctx = ctx.clone();
    leaves
        .prop_recursive(3, 24, 4, move |inner| {
            decorated(weighted_union(vec![
                (4, object(inner.clone())),
                (2, array(inner.clone())),
                (1, map_schema(inner.clone())),
                (3, composition(&ctx, inner.clone())),
                (
                    1,
                    inner
                        .clone()
                        .prop_map(|schema| json!({"not": schema}))
                        .boxed(),
                ),
                (3, json_schema_2020(&ctx, inner)),
            ]))
        })
        .boxed()
}

/// JSON Schema 2020-12 (OpenAPI 3.1) as specs write it, well or badly: tuples, base64
/// content, maps by pattern, `$ref` with keywords beside it, conditions, `const`.
fn json_schema_2020(ctx: &Ctx, inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let mut options = vec![
        (
            3,
            (
                vec(inner.clone(), 0..4),
                select(vec![json!(false), json!(true), json!(null), json!({"type": "string"})]),
                weighted(0.4, 0u64..5),
            )
                .prop_map(|(prefix, items, max)| {
                    let mut map = Map::new();
                    map.insert("type".into(), json!(["array", "null"]));
                    map.insert("prefixItems".into(), Value::Array(prefix));
                    if !items.is_null() {
                        map.insert("items".into(), items);
                    }
                    put(&mut map, "maxItems", max.map(Value::from));
                    Value::Object(map)
                })
                .boxed(),
        ),
        (
            2,
            (
                vec((select(vec!["^a", "^[0-9]+$", "~1/"]), inner.clone()), 1..3),
                select(vec![json!(null), json!(false), json!({"type": "integer"})]),
                any::<bool>(),
            )
                .prop_map(|(patterns, additional, names)| {
                    let mut map = Map::new();
                    map.insert("type".into(), "object".into());
                    map.insert("patternProperties".into(), mapping(patterns));
                    if !additional.is_null() {
                        map.insert("additionalProperties".into(), additional);
                    }
                    if names {
                        map.insert("propertyNames".into(), json!({"pattern": "^[a-z]+$"}));
                    }
                    Value::Object(map)
                })
                .boxed(),
        ),
        (
            2,
            (
                select(vec![json!("base64"), json!("base64url"), json!(7)]),
                select(vec![json!("image/png"), json!("application/json"), json!(null)]),
                select(vec![json!("string"), json!(["string", "null"]), json!(null)]),
            )
                .prop_map(|(encoding, media, ty)| {
                    let mut map = Map::new();
                    map.insert("contentEncoding".into(), encoding);
                    if !media.is_null() {
                        map.insert("contentMediaType".into(), media);
                    }
                    if !ty.is_null() {
                        map.insert("type".into(), ty);
                    }
                    Value::Object(map)
                })
                .boxed(),
        ),
        (
            2,
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(condition, then, otherwise)| {
                    json!({
                        "type": "object",
                        "properties": {"kind": {"type": "string"}},
                        "if": condition,
                        "then": then,
                        "else": otherwise,
                        "dependentSchemas": {"kind": {"required": ["kind"]}},
                        "dependentRequired": {"kind": ["id"]},
                        "$comment": "conditions",
                    })
                })
                .boxed(),
        ),
        (
            2,
            (inner.clone(), select(vec![json!(false), json!(true), json!({})]))
                .prop_map(|(member, unevaluated)| {
                    json!({"allOf": [member], "unevaluatedProperties": unevaluated})
                })
                .boxed(),
        ),
        (
            2,
            (
                select(vec![json!("a"), json!(1), json!(null), json!([1])]),
                select(vec![json!("string"), json!(["string", "integer", "null"]), json!("null")]),
            )
                .prop_map(|(value, ty)| json!({"const": value, "type": ty, "examples": [value]}))
                .boxed(),
        ),
        (
            1,
            inner
                .prop_map(|schema| json!({"$defs": {"D": schema}, "type": "string"}))
                .boxed(),
        ),
    ];
    if let Some(reference) = reference(&ctx.schema_refs, &ctx.bad_schema_refs) {
        // A `$ref` with keywords beside it (3.1 applies them; 3.0 ignores them).
        let with_siblings = (reference, annotations(), weighted(0.3, Just(true)))
            .prop_map(|(reference, mut siblings, nullable)| {
                if let Value::Object(target) = reference {
                    siblings.extend(target);
                }
                put(&mut siblings, "nullable", nullable.map(Value::from));
                Value::Object(siblings)
            })
            .boxed();
        options.push((4, with_siblings));
    }
    weighted_union(options)
}

// ---------------------------------------------------------------------------------------
// Operations.

fn media(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    (
        weighted(0.85, schema(ctx)),
        weighted(0.1, junk_value()),
        weighted(
            0.1,
            select(vec![
                json!({"a": {"contentType": "text/plain"}}),
                json!({"a": {"contentType": "application/json", "style": "deepObject"}}),
                json!({"a": {"style": "form", "explode": false}, "b": {"style": "pipeDelimited"}}),
                json!({"a": {"contentType": "image/png, image/*", "headers": {"X": {}}}}),
                json!({"nope": {"style": "spaceDelimited", "allowReserved": true}}),
                json!({"a": {"style": "sideways"}}),
                json!({"a": []}),
            ]),
        ),
    )
        .prop_map(|(schema, example, encoding)| {
            let mut map = Map::new();
            put(&mut map, "schema", schema);
            put(&mut map, "example", example);
            put(&mut map, "encoding", encoding);
            Value::Object(map)
        })
        .boxed()
}

fn content(ctx: &Arc<Ctx>, size: std::ops::Range<usize>) -> BoxedStrategy<Value> {
    vec((select(MEDIA_TYPES), media(ctx)), size)
        .prop_map(mapping)
        .boxed()
}

fn simple_param_schema(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    weighted_union(vec![
        (4, string_schema()),
        (3, integer_schema()),
        (1, number_schema()),
        (1, Just(json!({"type": "boolean"})).boxed()),
        (2, string_enum()),
        (
            2,
            weighted_union(vec![(1, string_schema()), (1, string_enum())])
                .prop_map(|items| json!({"type": "array", "items": items}))
                .boxed(),
        ),
        (2, schema(ctx)),
    ])
}

/// A parameter's or header's schema written as Swagger 2.0 wrote it: its keywords beside
/// `name` and `in`, now and then with a `collectionFormat` (or a file's type).
fn swagger2_inline_schema(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let format = weighted(
        0.4,
        select(vec!["csv", "multi", "ssv", "pipes", "tsv", "x"]),
    );
    let schema = weighted_union(vec![
        (8, simple_param_schema(ctx)),
        (1, Just(json!({"type": "file"})).boxed()),
    ]);
    (schema, format)
        .prop_map(|(schema, format)| {
            let mut map = schema.as_object().cloned().unwrap_or_default();
            put(&mut map, "collectionFormat", format.map(Value::from));
            Value::Object(map)
        })
        .boxed()
}

fn path_param(ctx: &Arc<Ctx>, name: String) -> BoxedStrategy<Value> {
    let schema = weighted_union(vec![
        (4, string_schema()),
        (2, integer_schema()),
        (1, string_enum()),
        (1, simple_param_schema(ctx)),
    ]);
    (
        schema,
        proptest::bool::weighted(0.99),
        weighted(0.2, select(TEXTS)),
        weighted(0.02, select(vec!["simple", "label", "matrix", "form"])),
    )
        .prop_map(move |(schema, required, description, style)| {
            let mut map = Map::new();
            map.insert("name".into(), name.clone().into());
            map.insert("in".into(), "path".into());
            map.insert("required".into(), required.into());
            map.insert("schema".into(), schema);
            put(&mut map, "description", description.map(Value::from));
            put(&mut map, "style", style.map(Value::from));
            Value::Object(map)
        })
        .boxed()
}

fn other_param(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let location = weighted_union(vec![
        (6, Just(json!("query")).boxed()),
        (3, Just(json!("header")).boxed()),
        (1, Just(json!("cookie")).boxed()),
    ]);
    let location = weighted_union(vec![
        (300, location),
        (2, Just(json!("path")).boxed()),
        (2, Just(json!("body")).boxed()),
        (2, Just(json!("formData")).boxed()),
    ]);
    let value = weighted_union(vec![
        (
            6,
            simple_param_schema(ctx)
                .prop_map(|schema| json!({"schema": schema}))
                .boxed(),
        ),
        (
            1,
            content(ctx, 1..2)
                .prop_map(|content| json!({"content": content}))
                .boxed(),
        ),
        (1, swagger2_inline_schema(ctx)),
    ]);
    let param = (
        select(PARAM_NAMES),
        location,
        value,
        weighted(0.6, any::<bool>()),
        weighted(0.2, (any::<Index>(), proptest::bool::weighted(0.1))),
        weighted(0.2, any::<bool>()),
        weighted(0.2, select(TEXTS)),
        weighted(0.05, any::<bool>()),
    )
        .prop_map(
            |(name, location, value, required, style, explode, description, deprecated)| {
                let mut map = value.as_object().cloned().unwrap_or_default();
                map.insert("name".into(), name.into());
                put(&mut map, "required", required.map(Value::from));
                // A style of the parameter's location, now and then one of another.
                let style = style.map(|(index, any_location)| {
                    let styles: &[&str] = match location.as_str() {
                        _ if any_location => &["form", "simple", "label", "deepObject", "x"],
                        Some("query") => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
                        Some("path") => &["simple", "label", "matrix"],
                        Some("cookie") => &["form"],
                        _ => &["simple"],
                    };
                    Value::from(styles[index.index(styles.len())])
                });
                map.insert("in".into(), location);
                put(&mut map, "style", style);
                put(&mut map, "explode", explode.map(Value::from));
                put(&mut map, "description", description.map(Value::from));
                put(&mut map, "deprecated", deprecated.map(Value::from));
                Value::Object(map)
            },
        )
        .boxed();
    let mut options = vec![(8, param)];
    if let Some(reference) = reference(&ctx.param_refs.0, &ctx.param_refs.1) {
        options.push((1, reference));
    }
    weighted_union(options)
}

fn request_body(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let body = (
        content(ctx, 0..3),
        weighted(0.5, any::<bool>()),
        weighted(0.2, select(TEXTS)),
    )
        .prop_map(|(content, required, description)| {
            let mut map = Map::new();
            map.insert("content".into(), content);
            put(&mut map, "required", required.map(Value::from));
            put(&mut map, "description", description.map(Value::from));
            Value::Object(map)
        })
        .boxed();
    // A parameter's habit: the schema beside `required`, not in `content`.
    let bare = (schema(ctx), weighted(0.5, any::<bool>()))
        .prop_map(|(schema, required)| {
            let mut map = Map::new();
            map.insert("schema".into(), schema);
            put(&mut map, "required", required.map(Value::from));
            Value::Object(map)
        })
        .boxed();
    let mut options = vec![(8, body), (1, bare)];
    if let Some(reference) = reference(&ctx.body_refs.0, &ctx.body_refs.1) {
        options.push((1, reference));
    }
    weighted_union(options)
}

fn response(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let header = weighted_union(vec![
        (
            40,
            simple_param_schema(ctx)
                .prop_map(|schema| json!({"schema": schema}))
                .boxed(),
        ),
        (1, Just(json!({"description": "no schema"})).boxed()),
    ]);
    let header = weighted_union(vec![(20, header), (1, swagger2_inline_schema(ctx))]);
    // Swagger 2.0's response gives its schema itself.
    let body = weighted_union(vec![
        (
            40,
            content(ctx, 1..3)
                .prop_map(|content| json!({"content": content}))
                .boxed(),
        ),
        (
            1,
            schema(ctx)
                .prop_map(|schema| json!({"schema": schema}))
                .boxed(),
        ),
    ]);
    let plain = (
        weighted(0.995, select(TEXTS)),
        weighted(0.7, body),
        weighted(0.2, vec((select(HEADER_NAMES), header), 1..3)),
        weighted(0.05, Just(json!({"next": {"operationId": "x"}}))),
    )
        .prop_map(|(description, body, headers, links)| {
            let mut map = body
                .and_then(|body| body.as_object().cloned())
                .unwrap_or_default();
            put(&mut map, "description", description.map(Value::from));
            put(&mut map, "headers", headers.map(mapping));
            put(&mut map, "links", links);
            Value::Object(map)
        })
        .boxed();
    let mut options = vec![(8, plain)];
    if let Some(reference) = reference(&ctx.response_refs.0, &ctx.response_refs.1) {
        options.push((1, reference));
    }
    weighted_union(options)
}

fn responses(ctx: &Arc<Ctx>) -> BoxedStrategy<Value> {
    let key = weighted_union(vec![(200, text(STATUS_KEYS)), (1, text(BAD_STATUS_KEYS))]);
    vec((key, response(ctx)), 0..4)
        .prop_map(|pairs| {
            mapping(
                pairs
                    .into_iter()
                    .map(|(key, value)| (key.as_str().unwrap_or_default().to_owned(), value))
                    .collect(),
            )
        })
        .boxed()
}

fn servers() -> BoxedStrategy<Value> {
    vec(
        select(vec![
            json!({"url": "https://api.example.com/v2/"}),
            json!({"url": "/relative"}),
            json!({"url": ""}),
            json!({"url": "{scheme}://example.com/{version}", "variables": {
                "scheme": {"default": "https", "enum": ["https", "http"]},
                "version": {"default": "v1"}
            }}),
            json!({"url": "http://x/\"quoted\"\\", "description": "odd"}),
            json!({"url": "https://例え.jp/api"}),
        ]),
        1..3,
    )
    .prop_map(Value::Array)
    .boxed()
}

fn security(ctx: &Ctx) -> BoxedStrategy<Value> {
    if ctx.schemes.is_empty() {
        return weighted_union(vec![
            (20, Just(json!([])).boxed()),
            (20, Just(json!([{}])).boxed()),
            (1, Just(json!([{"undeclared": []}])).boxed()),
        ]);
    }
    let scheme = Union::new_weighted(vec![
        (1, Just("undeclared").boxed()),
        (60, select(ctx.schemes.clone()).boxed()),
    ]);
    let scopes = weighted_union(vec![
        (4, Just(json!([])).boxed()),
        (1, Just(json!(["read", "write"])).boxed()),
    ]);
    vec(vec((scheme, scopes), 0..3), 0..3)
        .prop_map(|requirements| Value::Array(requirements.into_iter().map(mapping).collect()))
        .boxed()
}

/// The names of a path template's `{…}` parameters, in order.
fn template_names(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = rest[open + 1..close].to_owned();
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[close + 1..];
    }
    out
}

fn operation(ctx: &Arc<Ctx>, path_params: Vec<String>) -> BoxedStrategy<Value> {
    let declared = path_params
        .into_iter()
        .map(|name| path_param(ctx, name))
        .collect::<Vec<_>>();
    (
        (
            weighted(0.85, select(OPERATION_IDS)),
            weighted(0.4, select(TEXTS)),
            weighted(0.3, select(TEXTS)),
            declared,
            vec(other_param(ctx), 0..4),
        ),
        (
            weighted(0.4, request_body(ctx)),
            responses(ctx),
            weighted(0.2, security(ctx)),
            weighted(0.1, any::<bool>()),
            weighted(0.1, servers()),
            weighted(0.2, vec(select(vec!["pets", "", "日本"]), 0..2)),
            weighted(0.03, Just(json!({"cb": {}}))),
            weighted(0.05, swagger2_media_types()),
        ),
    )
        .prop_map(
            |(
                (id, summary, description, mut parameters, others),
                (body, responses, security, deprecated, servers, tags, callbacks, media),
            )| {
                let mut map = Map::new();
                put(&mut map, "operationId", id.map(Value::from));
                put(&mut map, "summary", summary.map(Value::from));
                put(&mut map, "description", description.map(Value::from));
                parameters.extend(others);
                if !parameters.is_empty() {
                    map.insert("parameters".into(), Value::Array(parameters));
                }
                put(&mut map, "requestBody", body);
                map.insert("responses".into(), responses);
                put(&mut map, "security", security);
                put(&mut map, "deprecated", deprecated.map(Value::from));
                put(&mut map, "servers", servers);
                put(&mut map, "tags", tags.map(|t| json!(t)));
                put(&mut map, "callbacks", callbacks);
                if let Some(Value::Object(media)) = media {
                    map.extend(media);
                }
                Value::Object(map)
            },
        )
        .boxed()
}

/// Swagger 2.0's `consumes` and `produces` of an operation.
fn swagger2_media_types() -> BoxedStrategy<Value> {
    let types = select(vec![
        json!(["application/json"]),
        json!(["application/xml", "application/json"]),
        json!(["multipart/form-data"]),
        json!(["application/x-www-form-urlencoded"]),
        json!("text/plain"),
        json!([]),
    ]);
    (weighted(0.7, types.clone()), weighted(0.7, types))
        .prop_map(|(consumes, produces)| {
            let mut map = Map::new();
            put(&mut map, "consumes", consumes);
            put(&mut map, "produces", produces);
            Value::Object(map)
        })
        .boxed()
}

/// A path and its item; path parameters are declared on the item or on each operation
/// (and now and then not at all).
fn path_entry(ctx: &Arc<Ctx>) -> BoxedStrategy<(String, Value)> {
    let ctx = ctx.clone();
    vec(select(PATH_SEGMENTS), 0..4)
        .prop_map(|segments| format!("/{}", segments.join("/")))
        .prop_flat_map(move |path| {
            let names = template_names(&path);
            let on_item = proptest::bool::weighted(0.3);
            let declare = proptest::bool::weighted(0.98);
            let ctx = ctx.clone();
            (Just(path), on_item, declare).prop_flat_map(move |(path, on_item, declare)| {
                let declared: Vec<String> = if declare { names.clone() } else { Vec::new() };
                let (item_params, op_params) = if on_item {
                    (declared, Vec::new())
                } else {
                    (Vec::new(), declared)
                };
                let item_params: Vec<BoxedStrategy<Value>> = item_params
                    .into_iter()
                    .map(|name| path_param(&ctx, name))
                    .collect();
                (
                    Just(path.clone()),
                    vec((select(METHODS), operation(&ctx, op_params)), 1..3),
                    item_params,
                    weighted(0.1, select(TEXTS)),
                )
                    .prop_map(|(path, operations, item_params, summary)| {
                        let mut map = Map::new();
                        for (method, operation) in operations {
                            map.insert(method.to_owned(), operation);
                        }
                        if !item_params.is_empty() {
                            map.insert("parameters".into(), Value::Array(item_params));
                        }
                        put(&mut map, "summary", summary.map(Value::from));
                        (path, Value::Object(map))
                    })
            })
        })
        .boxed()
}

fn security_scheme() -> BoxedStrategy<Value> {
    select(vec![
        json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}),
        json!({"type": "http", "scheme": "Bearer"}),
        json!({"type": "http", "scheme": "basic"}),
        json!({"type": "http", "scheme": "digest"}),
        json!({"type": "apiKey", "in": "header", "name": "X-API-Key"}),
        json!({"type": "apiKey", "in": "query", "name": "api_key"}),
        json!({"type": "apiKey", "in": "cookie", "name": "session"}),
        json!({"type": "apiKey", "in": "header", "name": "bad header\n"}),
        json!({"type": "oauth2", "flows": {"implicit": {
            "authorizationUrl": "https://x/auth", "scopes": {"read": "r"}}}}),
        json!({"type": "openIdConnect", "openIdConnectUrl": "https://x/.well-known"}),
        // Swagger 2.0's forms.
        json!({"type": "basic"}),
        json!({"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://x/auth",
            "tokenUrl": "https://x/token", "scopes": {"read": "r"}}),
        json!({"type": "oauth2", "flow": "application", "tokenUrl": "https://x/token"}),
        json!({"type": "oauth2", "flow": "sideways", "scopes": null}),
    ])
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Documents.

/// A parameter for `components.parameters` (or the second file).
fn shared_param() -> Value {
    json!({"name": "shared", "in": "query", "schema": {"type": "string"}})
}

fn root_document(plan: &Plan) -> BoxedStrategy<Value> {
    let ctx = Arc::new(plan.root_ctx());
    let names = plan.names.clone();
    let schemes = plan.schemes.clone();
    let shared_parts = plan.shared_parts;
    let schemas: Vec<BoxedStrategy<Value>> = names.iter().map(|_| schema(&ctx)).collect();
    let scheme_defs: Vec<BoxedStrategy<Value>> =
        schemes.iter().map(|_| security_scheme()).collect();
    let version = weighted_union(vec![
        (20, text(&["3.0.3", "3.0.0", "3.0"])),
        (10, text(&["3.1.0", "3.1.1", "3.1"])),
        (
            1,
            select(vec![json!("3.2.0"), json!("2.0"), json!(3.0), json!("4")]).boxed(),
        ),
    ]);
    let webhook = (
        select(vec!["post", "put", "get"]),
        operation(&ctx, Vec::new()),
    )
        .prop_map(|(method, operation)| json!({ method: operation }))
        .boxed();
    let webhooks = weighted(
        0.2,
        vec(
            (
                select(vec!["order.paid", "ping", "x-hook", "日本", "a/b"]),
                weighted_union(vec![
                    (6, webhook),
                    (
                        1,
                        Just(json!({"$ref": "#/components/pathItems/Missing"})).boxed(),
                    ),
                    (1, Just(json!([])).boxed()),
                ]),
            ),
            0..3,
        ),
    );
    (
        (
            version,
            select(TITLES),
            select(VERSIONS),
            weighted(0.3, select(TEXTS)),
            weighted(0.5, servers()),
            weighted(0.2, security(&ctx)),
            weighted(0.05, select(vec!["MY_TOKEN", "", "a\nb", "x\ry", "1 2"])),
        ),
        vec(path_entry(&ctx), 0..4),
        schemas,
        scheme_defs,
        (
            weighted(0.3, response(&ctx)),
            weighted(0.3, request_body(&ctx)),
            webhooks,
            weighted(
                0.1,
                select(vec!["https://spec.openapis.org/oas/3.1/dialect/base", "x"]),
            ),
            weighted(0.1, select(TEXTS)),
        ),
    )
        .prop_map(
            move |(
                (version, title, api_version, description, servers, security, token_env),
                paths,
                schemas,
                scheme_defs,
                (shared_response, shared_body, webhooks, dialect, summary),
            )| {
                let mut info = Map::new();
                info.insert("title".into(), title.into());
                info.insert("version".into(), api_version.into());
                put(&mut info, "description", description.map(Value::from));
                put(&mut info, "summary", summary.map(Value::from));
                let mut doc = Map::new();
                doc.insert("openapi".into(), version);
                doc.insert("info".into(), Value::Object(info));
                put(&mut doc, "servers", servers);
                put(&mut doc, "security", security);
                put(&mut doc, "x-rust-token-env", token_env.map(Value::from));
                doc.insert("paths".into(), mapping(paths));
                put(&mut doc, "webhooks", webhooks.map(mapping));
                put(&mut doc, "jsonSchemaDialect", dialect.map(Value::from));
                let mut components = Map::new();
                if !names.is_empty() {
                    components.insert(
                        "schemas".into(),
                        mapping(names.iter().copied().zip(schemas).collect()),
                    );
                }
                if !schemes.is_empty() {
                    components.insert(
                        "securitySchemes".into(),
                        mapping(schemes.iter().copied().zip(scheme_defs).collect()),
                    );
                }
                if shared_parts {
                    components.insert("parameters".into(), json!({ "P1": shared_param() }));
                    components.insert(
                        "responses".into(),
                        json!({ "R1": shared_response.unwrap_or(json!({"description": "R1"})) }),
                    );
                    components.insert(
                        "requestBodies".into(),
                        json!({ "B1": shared_body.unwrap_or(json!({"content": {}})) }),
                    );
                }
                if !components.is_empty() {
                    doc.insert("components".into(), Value::Object(components));
                }
                Value::Object(doc)
            },
        )
        .boxed()
}

fn other_document(plan: &Plan) -> BoxedStrategy<Value> {
    let ctx = Arc::new(plan.other_ctx());
    (schema(&ctx), schema(&ctx), schema(&ctx), response(&ctx))
        .prop_map(|(one, two, shared, response)| {
            json!({
                "Other1": one,
                "Other2": two,
                "components": {"schemas": {"Shared": shared}},
                "params": {"P": shared_param()},
                "responses": {"R": response},
            })
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------
// Mutations.

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

/// Every node's path, parents before children.
fn node_paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    path.push(Step::Key(key.clone()));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Step::Item(index));
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut current = value;
    for step in path {
        current = match (current, step) {
            (Value::Object(map), Step::Key(key)) => map.get_mut(key)?,
            (Value::Array(items), Step::Item(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(current)
}

fn json_pointer(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&pointer_token(key)),
            Step::Item(index) => out.push_str(&index.to_string()),
        }
    }
    out
}

/// A change that (usually) breaks a document.
#[derive(Clone, Debug)]
enum Mutation {
    /// Removes a key (required ones included).
    Delete(Index),
    /// Replaces a node with a value of another type.
    Replace(Index, Value),
    /// Gives an operation the id of another.
    DuplicateId(Index, Index),
    /// Replaces a node with a `$ref` that points nowhere (or somewhere odd).
    Dangling(Index, &'static str),
    /// Replaces a node with a `$ref` to one of its ancestors.
    RefToAncestor(Index, Index),
    /// Replaces a node with a `$ref` to any node of the same file.
    RefToNode(Index, Index),
    /// Adds a cycle of `$ref`s (between schemas, parameters or path items).
    Cycle(u8),
    /// Cuts the text (at a character boundary).
    Truncate(Index),
    /// Inserts a snippet into the text.
    Insert(Index, &'static str),
    /// Turns a node into a YAML alias of an anchored schema (or a merge of it).
    Alias(Index, bool),
}

const DANGLING: &[&str] = &[
    "#/components/schemas/Nope",
    "#/nope",
    "nofile.yaml#/X",
    "common.yaml#/nope",
    "#",
    "#/",
    "",
    "http://x/y.yaml",
    "#/components/schemas/",
    "#foo",
    "%zz#/a",
    "#/paths/~1x",
    "#/components/schemas/Pet/properties",
    "#/info/title",
    "#/openapi",
    "../../../../etc/passwd",
    "/abs.yaml#/x",
    "#/paths/~1things/get",
    "#/components/schemas/Pet/required/0",
];

const SNIPPETS: &[&str] = &[
    "\t",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "\"",
    "'",
    "&anchor ",
    "*alias",
    "<<: *x\n",
    "!!binary ",
    "!custom ",
    "\u{feff}",
    "\n---\n",
    "\n...\n",
    "% ",
    "\n  x: 1\n",
    "\u{0}",
    "é",
    "\r",
    "? ",
    "|\n",
    ">-\n",
    "1e999",
    ".nan",
    "-.inf",
    "18446744073709551616",
    "~",
];

fn mutation() -> BoxedStrategy<Mutation> {
    let replacement = select(vec![
        json!(42),
        json!(-1),
        json!(0.5),
        json!([]),
        json!([1, "a"]),
        json!(null),
        json!(""),
        json!("x"),
        json!(true),
        json!({}),
        json!({"$ref": "#/components/schemas/Nope"}),
    ]);
    prop_oneof![
        4 => any::<Index>().prop_map(Mutation::Delete),
        4 => (any::<Index>(), replacement).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DuplicateId(a, b)),
        3 => (any::<Index>(), select(DANGLING)).prop_map(|(i, r)| Mutation::Dangling(i, r)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::RefToAncestor(a, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::RefToNode(a, b)),
        2 => (0u8..4).prop_map(Mutation::Cycle),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), select(SNIPPETS)).prop_map(|(i, s)| Mutation::Insert(i, s)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, merge)| Mutation::Alias(i, merge)),
    ]
    .boxed()
}

/// Sentinels replaced in YAML text by an alias and a merge key.
const ALIAS: &str = "@@ALIAS@@";
const MERGE: &str = "@@MERGE@@";
const ANCHORED: &str = "AAnchored";

/// Applies a structural mutation; text ones are applied after writing (see [`Case`]).
fn mutate(doc: &mut Value, mutation: &Mutation) {
    let paths = node_paths(doc);
    let pick = |index: &Index| paths[index.index(paths.len())].clone();
    match mutation {
        Mutation::Delete(index) => {
            let keyed: Vec<&Vec<Step>> = paths
                .iter()
                .filter(|p| matches!(p.last(), Some(Step::Key(_))))
                .collect();
            if keyed.is_empty() {
                return;
            }
            let path = keyed[index.index(keyed.len())];
            if let (Some(Step::Key(key)), Some(parent)) =
                (path.last(), node_mut(doc, &path[..path.len() - 1]))
                && let Some(map) = parent.as_object_mut()
            {
                map.remove(key);
            }
        }
        Mutation::Replace(index, value) => {
            if let Some(node) = node_mut(doc, &pick(index)) {
                *node = value.clone();
            }
        }
        Mutation::DuplicateId(a, b) => {
            let ids: Vec<Vec<Step>> = paths
                .iter()
                .filter(|p| {
                    p.len() == 4
                        && p[0] == Step::Key("paths".into())
                        && p[3] == Step::Key("operationId".into())
                })
                .cloned()
                .collect();
            if ids.len() < 2 {
                return;
            }
            let from = ids[a.index(ids.len())].clone();
            let to = ids[b.index(ids.len())].clone();
            if let Some(id) = node_mut(doc, &from).map(|v| v.clone())
                && let Some(node) = node_mut(doc, &to)
            {
                *node = id;
            }
        }
        Mutation::Dangling(index, target) => {
            if let Some(node) = node_mut(doc, &pick(index)) {
                *node = json!({ "$ref": target });
            }
        }
        Mutation::RefToAncestor(a, b) => {
            let path = pick(a);
            if path.is_empty() {
                return;
            }
            let ancestor = &path[..b.index(path.len())];
            let target = format!("#{}", json_pointer(ancestor));
            if let Some(node) = node_mut(doc, &path) {
                *node = json!({ "$ref": target });
            }
        }
        Mutation::RefToNode(a, b) => {
            let target = format!("#{}", json_pointer(&pick(b)));
            if let Some(node) = node_mut(doc, &pick(a)) {
                *node = json!({ "$ref": target });
            }
        }
        Mutation::Cycle(kind) => {
            let Some(map) = doc.as_object_mut() else {
                return;
            };
            let components = map
                .entry("components")
                .or_insert_with(|| json!({}))
                .as_object_mut();
            match kind {
                0 => {
                    if let Some(components) = components {
                        let schemas = components.entry("schemas").or_insert_with(|| json!({}));
                        if let Some(schemas) = schemas.as_object_mut() {
                            schemas.insert(
                                "CycA".into(),
                                json!({"$ref": "#/components/schemas/CycB"}),
                            );
                            schemas.insert(
                                "CycB".into(),
                                json!({"allOf": [{"$ref": "#/components/schemas/CycA"}]}),
                            );
                        }
                    }
                }
                1 => {
                    if let Some(components) = components {
                        components.insert(
                            "parameters".into(),
                            json!({
                                "PA": {"$ref": "#/components/parameters/PB"},
                                "PB": {"$ref": "#/components/parameters/PA"},
                            }),
                        );
                    }
                    if let Some(paths) = map.get_mut("paths").and_then(Value::as_object_mut) {
                        paths.insert(
                            "/cycle".into(),
                            json!({"get": {
                                "parameters": [{"$ref": "#/components/parameters/PA"}],
                                "responses": {"200": {"description": "OK"}},
                            }}),
                        );
                    }
                }
                2 => {
                    if let Some(paths) = map.get_mut("paths").and_then(Value::as_object_mut) {
                        paths.insert("/x".into(), json!({"$ref": "#/paths/~1y"}));
                        paths.insert("/y".into(), json!({"$ref": "#/paths/~1x"}));
                    }
                }
                _ => {
                    if let Some(components) = components {
                        let schemas = components.entry("schemas").or_insert_with(|| json!({}));
                        if let Some(schemas) = schemas.as_object_mut() {
                            schemas.insert(
                                "Props".into(),
                                json!({"type": "object", "properties": {
                                    "$ref": "#/components/schemas/Props/properties"
                                }}),
                            );
                        }
                    }
                }
            }
        }
        Mutation::Alias(index, merge) => {
            let path = pick(index);
            if path.is_empty() {
                return;
            }
            if let Some(node) = node_mut(doc, &path) {
                *node = if *merge {
                    json!({ MERGE: ALIAS, "description": "merged" })
                } else {
                    Value::from(ALIAS)
                };
            }
            if let Some(map) = doc.as_object_mut() {
                map.insert(
                    ANCHORED.into(),
                    json!({"type": "object", "properties": {"a": {"type": "string"}}}),
                );
            }
        }
        Mutation::Truncate(_) | Mutation::Insert(..) => {}
    }
}

/// Applies a text mutation.
fn mutate_text(text: &mut String, mutation: &Mutation) {
    let boundary = |index: &Index, text: &str| {
        let mut at = index.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match mutation {
        Mutation::Truncate(index) => {
            let at = boundary(index, text);
            text.truncate(at);
        }
        Mutation::Insert(index, snippet) => {
            let at = boundary(index, text);
            text.insert_str(at, snippet);
        }
        _ => {}
    }
}

/// Writes a document as JSON (pretty or compact) or YAML, resolving alias sentinels.
fn write(doc: &Value, json: bool, pretty: bool) -> String {
    if json {
        let written = if pretty {
            serde_json::to_string_pretty(doc)
        } else {
            serde_json::to_string(doc)
        };
        return written.unwrap_or_default();
    }
    let yaml = serde_yaml::to_string(doc).unwrap_or_default();
    if !yaml.contains(ALIAS) {
        return yaml;
    }
    yaml.replace(&format!("{ANCHORED}:"), &format!("{ANCHORED}: &anchored"))
        .replace(&format!("'{MERGE}'"), "<<")
        .replace(MERGE, "<<")
        .replace(&format!("'{ALIAS}'"), "*anchored")
        .replace(ALIAS, "*anchored")
}

/// Where each mutation goes: the root file or the second one.
type Targeted = (Mutation, bool);

/// A whole case: a plan, its documents, how they are written, and what breaks them.
pub fn case() -> impl Strategy<Value = Case> {
    plan().prop_flat_map(|plan| {
        let other = if plan.multi {
            other_document(&plan).prop_map(Some).boxed()
        } else {
            Just(None).boxed()
        };
        let mutations = prop_oneof![
            2 => Just(Vec::<Targeted>::new()),
            1 => vec((mutation(), proptest::bool::weighted(0.2)), 1..4),
        ];
        (
            Just(plan.clone()),
            root_document(&plan),
            other,
            mutations,
            (any::<bool>(), any::<bool>(), any::<bool>()),
        )
            .prop_map(build_case)
    })
}

/// What [`case`] draws: the plan, the two documents, the mutations, and the encodings
/// (root as JSON, second file as JSON, pretty JSON).
type Drawn = (
    Plan,
    Value,
    Option<Value>,
    Vec<Targeted>,
    (bool, bool, bool),
);

fn build_case(
    (plan, mut root, mut other, mutations, (root_json, other_json, pretty)): Drawn,
) -> Case {
    let layout = plan.layout;
    for (mutation, in_other) in &mutations {
        match (&mut other, in_other) {
            (Some(other), true) => mutate(other, mutation),
            _ => mutate(&mut root, mutation),
        }
    }
    // A `.json` file is always JSON; a YAML file is sometimes written as JSON.
    let root_is_json = layout.root.ends_with(".json") || root_json;
    let other_is_json = layout.other.ends_with(".json") || other_json;
    let mut root_text = write(&root, root_is_json, pretty);
    let mut other_text = other.as_ref().map(|o| write(o, other_is_json, pretty));
    for (mutation, in_other) in &mutations {
        match (&mut other_text, in_other) {
            (Some(text), true) => mutate_text(text, mutation),
            _ => mutate_text(&mut root_text, mutation),
        }
    }
    let mut files = vec![(layout.root.to_owned(), root_text)];
    if let Some(text) = other_text {
        files.push((layout.other.to_owned(), text));
    }
    Case {
        root: layout.root.to_owned(),
        files,
        mutations: mutations
            .iter()
            .map(|(m, in_other)| format!("{m:?}{}", if *in_other { " (2nd file)" } else { "" }))
            .collect(),
    }
}

/// A real spec (its file name and document), to mutate.
pub type RealSpec = (String, Value);

/// A real spec from `specs` with one to five mutations: the structures owners write
/// (deep nesting, shared components, their own naming) broken the ways [`case`] breaks
/// made-up ones. Written as it was read (JSON or YAML, by its name).
pub fn real_case(specs: Arc<Vec<RealSpec>>) -> impl Strategy<Value = Case> {
    (any::<Index>(), vec(mutation(), 1..6), any::<bool>()).prop_map(
        move |(spec, mutations, pretty)| {
            let (name, document) = &specs[spec.index(specs.len())];
            let mut document = document.clone();
            for mutation in &mutations {
                mutate(&mut document, mutation);
            }
            let mut text = write(&document, name.ends_with(".json"), pretty);
            for mutation in &mutations {
                mutate_text(&mut text, mutation);
            }
            Case {
                root: name.clone(),
                files: vec![(name.clone(), text)],
                mutations: mutations.iter().map(|m| format!("{m:?}")).collect(),
            }
        },
    )
}
