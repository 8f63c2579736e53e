//! Shape errors: parts of the bundled document that do not fit OpenAPI 3.0's objects.
//!
//! `openapiv3` reads most objects through `#[serde(flatten)]`, untagged and internally
//! tagged enums, which buffer their input and lose the path: a bad parameter is reported
//! at `#/paths` as "data did not match any variant…". So when deserialization fails
//! (only then: this is the error path), the bundled document is walked again knowing
//! what each position holds (paths → path items → operations → parameters, responses, …
//! → schemas), and each part is deserialized on its own into its `openapiv3` type. A
//! part that fails while all of its own parts fit is at fault itself; the key to blame
//! is the one whose removal changes the failure. Every misfit is reported, not only the
//! first, with what was expected there.
//!
//! The loader's walk also checks here, before deserialization, the keys that `openapiv3`
//! would otherwise drop without a word: paths that do not start with `/` and response
//! keys that are not status codes.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::pointer::{key_text, path_to_pointer};
use super::position::METHODS;
use super::repair::{Fix, Problem};
use super::source_map::SourceMap;
use crate::diagnostics::{Diagnostic, Errors, child, did_you_mean};

/// What a position of the document holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Document,
    Info,
    Server,
    Tag,
    ExternalDocs,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Header,
    MediaType,
    Encoding,
    Schema,
    Components,
    SecurityScheme,
    SecurityRequirement,
    Discriminator,
}

impl Shape {
    /// The part, for "… has no `x`".
    fn noun(self) -> &'static str {
        match self {
            Shape::Document => "the document",
            Shape::Info => "`info`",
            Shape::Server => "the server",
            Shape::Tag => "the tag",
            Shape::ExternalDocs => "`externalDocs`",
            Shape::PathItem => "the path item",
            Shape::Operation => "the operation",
            Shape::Parameter => "the parameter",
            Shape::RequestBody => "the request body",
            Shape::Responses => "`responses`",
            Shape::Response => "the response",
            Shape::Header => "the header",
            Shape::MediaType => "the media type object",
            Shape::Encoding => "the encoding",
            Shape::Schema => "the schema",
            Shape::Components => "`components`",
            Shape::SecurityScheme => "the security scheme",
            Shape::SecurityRequirement => "the security requirement",
            Shape::Discriminator => "the discriminator",
        }
    }

    /// What belongs in this position.
    fn expected(self) -> &'static str {
        match self {
            Shape::Document => "a mapping with `openapi`, `info` and `paths`",
            Shape::Info => "a mapping with `title` and `version`",
            Shape::Server => "a server (a mapping with `url`)",
            Shape::Tag => "a tag (a mapping with `name`)",
            Shape::ExternalDocs => "a mapping with `url`",
            Shape::PathItem => "a path item (a mapping from methods such as `get` to operations)",
            Shape::Operation => {
                "an operation (a mapping with `responses`, usually also `operationId`)"
            }
            Shape::Parameter => "a parameter (a mapping with `name`, `in` and `schema`)",
            Shape::RequestBody => "a request body (a mapping with `content`)",
            Shape::Responses => {
                "a mapping from status codes (such as \"200\" or `default`) to responses"
            }
            Shape::Response => {
                "a response (a mapping with `description`, and `content` for a body)"
            }
            Shape::Header => "a header (a mapping with `schema`)",
            Shape::MediaType => "a media type object (a mapping, usually with `schema`)",
            Shape::Encoding => {
                "an encoding (a mapping with `contentType`, `style`, `explode` or `allowReserved`)"
            }
            Shape::Schema => "a schema (a mapping such as `{type: string}`)",
            Shape::Components => "a mapping from component kinds (`schemas`, …) to components",
            Shape::SecurityScheme => "a security scheme (a mapping with `type`)",
            Shape::SecurityRequirement => {
                "a security requirement (a mapping from scheme names to lists of scopes, such as `{bearer_auth: []}`)"
            }
            Shape::Discriminator => "a discriminator (a mapping with `propertyName`)",
        }
    }

    /// Whether `value` deserializes into this position's `openapiv3` type; the error
    /// message if not.
    fn fits(self, value: &Value) -> Result<(), String> {
        fn read<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
            T::deserialize(value)
                .map(drop)
                .map_err(|error| error.to_string())
        }
        match self {
            Shape::Document => read::<openapiv3::OpenAPI>(value),
            Shape::Info => read::<openapiv3::Info>(value),
            Shape::Server => read::<openapiv3::Server>(value),
            Shape::Tag => read::<openapiv3::Tag>(value),
            Shape::ExternalDocs => read::<openapiv3::ExternalDocumentation>(value),
            Shape::PathItem => read::<openapiv3::PathItem>(value),
            Shape::Operation => read::<openapiv3::Operation>(value),
            Shape::Parameter => read::<openapiv3::Parameter>(value),
            Shape::RequestBody => read::<openapiv3::RequestBody>(value),
            Shape::Responses => read::<openapiv3::Responses>(value),
            Shape::Response => read::<openapiv3::Response>(value),
            Shape::Header => read::<openapiv3::Header>(value),
            Shape::MediaType => read::<openapiv3::MediaType>(value),
            Shape::Encoding => read::<openapiv3::Encoding>(value),
            Shape::Schema => read::<openapiv3::Schema>(value),
            Shape::Components => read::<openapiv3::Components>(value),
            Shape::SecurityScheme => read::<openapiv3::SecurityScheme>(value),
            Shape::SecurityRequirement => read::<openapiv3::SecurityRequirement>(value),
            Shape::Discriminator => read::<openapiv3::Discriminator>(value),
        }
    }
}

/// How a child is reached from its parent mapping: `key`, `key/index` or `key/name`.
#[derive(Clone)]
enum Step {
    Field,
    Index(usize),
    Entry(Value),
}

/// A part of a part: the parent's key, the step below it, what it holds, its value.
struct Part<'v> {
    key: &'v Value,
    step: Step,
    shape: Shape,
    value: &'v Value,
}

/// The parts of `map` (in the position `shape`) that have a shape of their own.
fn parts<'v>(shape: Shape, map: &'v Mapping) -> Vec<Part<'v>> {
    let mut out = Vec::new();
    for (key, value) in map {
        let Some(name) = key.as_str() else {
            continue;
        };
        let field = |shape| Part {
            key,
            step: Step::Field,
            shape,
            value,
        };
        let list = |out: &mut Vec<Part<'v>>, shape| {
            for (index, item) in value.as_sequence().into_iter().flatten().enumerate() {
                out.push(Part {
                    key,
                    step: Step::Index(index),
                    shape,
                    value: item,
                });
            }
        };
        let entries = |out: &mut Vec<Part<'v>>, shape, skip_extensions: bool| {
            for (name, item) in value.as_mapping().into_iter().flatten() {
                let extension = name.as_str().is_some_and(|n| n.starts_with("x-"));
                if !(skip_extensions && extension) {
                    out.push(Part {
                        key,
                        step: Step::Entry(name.clone()),
                        shape,
                        value: item,
                    });
                }
            }
        };
        match (shape, name) {
            (Shape::Document, "info") => out.push(field(Shape::Info)),
            (Shape::Document | Shape::PathItem | Shape::Operation, "servers") => {
                list(&mut out, Shape::Server)
            }
            (Shape::Document, "paths") => entries(&mut out, Shape::PathItem, true),
            (Shape::Document, "components") => out.push(field(Shape::Components)),
            (Shape::Document | Shape::Operation, "security") => {
                list(&mut out, Shape::SecurityRequirement)
            }
            (Shape::Document, "tags") => list(&mut out, Shape::Tag),
            (Shape::Document | Shape::Operation | Shape::Schema | Shape::Tag, "externalDocs") => {
                out.push(field(Shape::ExternalDocs))
            }
            (Shape::PathItem, method) if METHODS.contains(&method) => {
                out.push(field(Shape::Operation))
            }
            (Shape::PathItem | Shape::Operation, "parameters") => list(&mut out, Shape::Parameter),
            (Shape::Operation, "requestBody") => out.push(field(Shape::RequestBody)),
            (Shape::Operation, "responses") => out.push(field(Shape::Responses)),
            (Shape::Responses, name) if !name.starts_with("x-") => out.push(field(Shape::Response)),
            (Shape::Response, "headers") => entries(&mut out, Shape::Header, false),
            (
                Shape::Response | Shape::RequestBody | Shape::Parameter | Shape::Header,
                "content",
            ) => entries(&mut out, Shape::MediaType, false),
            (Shape::MediaType, "encoding") => entries(&mut out, Shape::Encoding, false),
            (Shape::MediaType | Shape::Parameter | Shape::Header, "schema") => {
                out.push(field(Shape::Schema))
            }
            (Shape::Schema, "properties") => entries(&mut out, Shape::Schema, false),
            (Shape::Schema, "items" | "not") => out.push(field(Shape::Schema)),
            (Shape::Schema, "additionalProperties") if value.is_mapping() => {
                out.push(field(Shape::Schema))
            }
            (Shape::Schema, "allOf" | "oneOf" | "anyOf") => list(&mut out, Shape::Schema),
            (Shape::Schema, "discriminator") => out.push(field(Shape::Discriminator)),
            (Shape::Components, "schemas") => entries(&mut out, Shape::Schema, false),
            (Shape::Components, "securitySchemes") => {
                entries(&mut out, Shape::SecurityScheme, false)
            }
            _ => {}
        }
    }
    out
}

/// The error for a bundled document that `openapiv3` could not read (`error`) although
/// no part of it misfits on its own.
pub(super) fn explain(
    source_map: &SourceMap,
    error: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Errors {
    let pointer = path_to_pointer(error.path());
    Errors::one(
        source_map.locate(&pointer),
        describe_serde_error(error.inner()),
    )
}

/// Every misfit in the bundled document, each at the place the user wrote it.
pub(super) fn misfits(bundled: &Value, source_map: &SourceMap) -> Vec<Diagnostic> {
    problems(bundled, source_map)
        .into_iter()
        .map(|problem| problem.diagnostic)
        .collect()
}

/// Every misfit in the bundled document as a [`Problem`]: where it is in the bundled
/// document, what to give up for it, and the error at the place the user wrote it.
pub(super) fn problems(bundled: &Value, source_map: &SourceMap) -> Vec<Problem> {
    let mut found = Vec::new();
    check(Shape::Document, bundled, "", None, &mut found);
    found
        .into_iter()
        .map(|misfit| Problem {
            diagnostic: Diagnostic::new(source_map.locate(&misfit.pointer), misfit.message),
            out: misfit.pointer,
            fix: misfit.fix,
        })
        .collect()
}

/// A part that does not fit, at a bundled pointer.
#[derive(Debug, PartialEq, Eq)]
struct Misfit {
    pointer: String,
    message: String,
    fix: Fix,
}

impl Misfit {
    /// The value at `pointer`, in the position `shape`, does not fit.
    fn value(shape: Shape, pointer: &str, message: String) -> Self {
        let fix = match shape {
            Shape::Schema => Fix::AnySchema,
            Shape::Discriminator => Fix::DropKeyword,
            _ => Fix::ByPlace,
        };
        Self {
            pointer: pointer.to_owned(),
            message,
            fix,
        }
    }

    /// The key at `pointer` of a mapping in the position `shape` is at fault.
    fn key(shape: Shape, pointer: String, message: String) -> Self {
        let fix = match shape {
            Shape::Schema | Shape::Discriminator => Fix::DropKeyword,
            _ => Fix::ByPlace,
        };
        Self {
            pointer,
            message,
            fix,
        }
    }
}

/// Reports the misfits of `value` (in the position `shape`, at `pointer`) to `out`.
/// Returns whether it fits.
/// `label` is the key of a part that is a field of its parent, for the message.
fn check(
    shape: Shape,
    value: &Value,
    pointer: &str,
    label: Option<&str>,
    out: &mut Vec<Misfit>,
) -> bool {
    // A `$ref` left in place could not be followed; that is reported already.
    if value
        .as_mapping()
        .is_some_and(|map| map.contains_key("$ref"))
    {
        return true;
    }
    let Err(message) = shape.fits(value) else {
        return true;
    };
    let Some(map) = value.as_mapping() else {
        let message = match label {
            Some(key) => format!(
                "`{key}` must be {}, found {}",
                shape.expected(),
                found(value)
            ),
            None => format!("expected {}, found {}", shape.expected(), found(value)),
        };
        out.push(Misfit::value(shape, pointer, message));
        return false;
    };
    let mut misfit_parts = Vec::new();
    for part in parts(shape, map) {
        let mut part_pointer = child(pointer, &key_text(part.key).unwrap_or_default());
        match &part.step {
            Step::Field => {}
            Step::Index(index) => part_pointer = child(&part_pointer, &index.to_string()),
            Step::Entry(name) => {
                part_pointer = child(&part_pointer, &key_text(name).unwrap_or_default())
            }
        }
        let label = match part.step {
            Step::Field => key_text(part.key),
            Step::Index(_) | Step::Entry(_) => None,
        };
        if !check(part.shape, part.value, &part_pointer, label.as_deref(), out) {
            misfit_parts.push((part.key.clone(), part.step, part.shape));
        }
    }
    if misfit_parts.is_empty() {
        own_faults(shape, map.clone(), pointer, message, out);
        return false;
    }
    // With its misfit parts replaced by the smallest valid ones, does the rest fit?
    let patched = patch(map, &misfit_parts);
    if let Err(message) = shape.fits(&Value::Mapping(patched.clone())) {
        own_faults(shape, patched, pointer, message, out);
    }
    false
}

/// `map` with the given parts replaced by the smallest value that fits their shape, so
/// that what is left to fail is the mapping's own fault.
fn patch(map: &Mapping, parts: &[(Value, Step, Shape)]) -> Mapping {
    let mut patched = map.clone();
    for (key, step, shape) in parts {
        let slot = match step {
            Step::Field => patched.get_mut(key),
            Step::Entry(name) => patched
                .get_mut(key)
                .and_then(Value::as_mapping_mut)
                .and_then(|entries| entries.get_mut(name)),
            Step::Index(index) => patched
                .get_mut(key)
                .and_then(Value::as_sequence_mut)
                .and_then(|items| items.get_mut(*index)),
        };
        if let Some(slot) = slot {
            *slot = smallest(*shape);
        }
    }
    patched
}

/// The smallest value that fits `shape`.
fn smallest(shape: Shape) -> Value {
    let yaml = match shape {
        Shape::Info => "{title: '', version: ''}",
        Shape::Server | Shape::ExternalDocs => "{url: ''}",
        Shape::Tag => "{name: ''}",
        Shape::Operation => "{responses: {}}",
        Shape::Parameter => "{name: '', in: query, schema: {}}",
        Shape::Response => "{description: ''}",
        Shape::Header => "{schema: {}}",
        Shape::SecurityScheme => "{type: http, scheme: bearer}",
        Shape::Discriminator => "{propertyName: ''}",
        Shape::Document => "{openapi: 3.0.3, info: {title: '', version: ''}, paths: {}}",
        Shape::PathItem
        | Shape::RequestBody
        | Shape::Responses
        | Shape::MediaType
        | Shape::Encoding
        | Shape::Schema
        | Shape::Components
        | Shape::SecurityRequirement => "{}",
    };
    serde_yaml::from_str(yaml).unwrap_or(Value::Null)
}

/// Reports the faults of a mapping whose parts all fit: a missing field, or the keys to
/// blame, one after the other (each found by removing keys until the failure changes).
fn own_faults(
    shape: Shape,
    mut map: Mapping,
    pointer: &str,
    mut message: String,
    out: &mut Vec<Misfit>,
) {
    for _ in 0..16 {
        if let Some(field) = missing_field(&message) {
            out.push(Misfit::value(shape, pointer, missing(shape, field)));
            return;
        }
        if message.contains("ParameterSchemaOrContent") {
            out.push(Misfit::value(
                shape,
                pointer,
                format!(
                    "{} has neither `schema` nor `content`: one of them must give the value's type",
                    shape.noun()
                ),
            ));
            return;
        }
        let Some(key) = culprit(shape, &map, &message) else {
            out.push(Misfit::value(
                shape,
                pointer,
                format!("{} is not valid: {}", shape.noun(), plain(&message)),
            ));
            return;
        };
        let value = map.get(&key).cloned().unwrap_or(Value::Null);
        let name = key_text(&key).unwrap_or_default();
        out.push(Misfit::key(
            shape,
            child(pointer, &name),
            field_message(shape, &name, &value, &message),
        ));
        map.shift_remove(&key);
        match shape.fits(&Value::Mapping(map.clone())) {
            Ok(()) => return,
            // Removing a required key to go on is no new finding.
            Err(next) if missing_field(&next) == Some(name.as_str()) => return,
            Err(next) => message = next,
        }
    }
}

/// The key of `map` to blame for `message`.
fn culprit(shape: Shape, map: &Mapping, message: &str) -> Option<Value> {
    let without = |key: &Value| {
        let mut rest = map.clone();
        rest.shift_remove(key);
        shape.fits(&Value::Mapping(rest))
    };
    let outcomes: Vec<(&Value, Result<(), String>)> =
        map.keys().map(|key| (key, without(key))).collect();
    let is_own_missing = |key: &Value, result: &Result<(), String>| match result {
        Err(next) => missing_field(next).is_some() && missing_field(next) == key.as_str(),
        Ok(()) => false,
    };
    // Removing the key makes the rest fit, or fail differently.
    let fixes = outcomes.iter().filter(|(_, result)| result.is_ok());
    if let Some((key, _)) = fixes
        .clone()
        .find(|(key, _)| mentions(message, map.get(*key)))
        .or_else(|| fixes.clone().next())
    {
        return Some((*key).clone());
    }
    if let Some((key, _)) = outcomes.iter().find(|(key, result)| {
        matches!(result, Err(next) if next != message) && !is_own_missing(key, result)
    }) {
        return Some((*key).clone());
    }
    // A required key: its removal only says it is missing.
    outcomes
        .iter()
        .filter(|(key, result)| is_own_missing(key, result))
        .find(|(key, _)| mentions(message, map.get(*key)))
        .map(|(key, _)| (*key).clone())
}

/// Whether serde's `message` is about this value ("invalid type: string \"yes\"",
/// "unknown variant `querry`").
fn mentions(message: &str, value: Option<&Value>) -> bool {
    let Some(value) = value else {
        return false;
    };
    let found = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected").map(|(found, _)| found));
    if let Some(found) = found {
        return match value {
            Value::Null => found.starts_with("unit") || found.starts_with("null"),
            Value::Bool(flag) => found == format!("boolean `{flag}`"),
            Value::Number(number) => found.ends_with(&format!("`{number}`")),
            Value::String(text) => found == format!("string {text:?}"),
            Value::Sequence(_) => found == "sequence",
            Value::Mapping(_) => found == "map",
            Value::Tagged(_) => false,
        };
    }
    match (message.strip_prefix("unknown variant `"), value.as_str()) {
        (Some(rest), Some(text)) => rest.split('`').next() == Some(text),
        _ => false,
    }
}

/// The field named in serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// The message for a required field that is not there.
fn missing(shape: Shape, field: &str) -> String {
    let noun = shape.noun();
    let needs = match (shape, field) {
        (Shape::Document, "info") => "expected `info: {title: …, version: …}`".to_owned(),
        (Shape::Document, "paths") => {
            "expected `paths`, a mapping from paths to their operations (`paths: {}` if there are none)".to_owned()
        }
        (Shape::Info, _) => "`info` needs `title` and `version`".to_owned(),
        (Shape::Operation, "responses") => {
            "every operation declares its responses, such as `responses: {\"200\": {description: OK}}`".to_owned()
        }
        (Shape::Response, "description") => {
            "every response has one (it may be empty: `description: \"\"`)".to_owned()
        }
        (Shape::Parameter, "name" | "in") => {
            "every parameter needs `name` and `in` (`query`, `header`, `path` or `cookie`)".to_owned()
        }
        (Shape::SecurityScheme, "type") => {
            "expected `type: apiKey`, `http`, `oauth2` or `openIdConnect`".to_owned()
        }
        (Shape::SecurityScheme, "scheme") => {
            "an `http` scheme names its `scheme`, such as `bearer` or `basic`".to_owned()
        }
        (Shape::Discriminator, "propertyName") => {
            "a discriminator names the property that tells the variants apart".to_owned()
        }
        _ => "it is required".to_owned(),
    };
    format!("{noun} has no `{field}`: {needs}")
}

/// The message for a field whose value does not fit.
fn field_message(shape: Shape, key: &str, value: &Value, message: &str) -> String {
    let found = found(value);
    let flag = |key: &str| format!("`{key}` must be `true` or `false`, found {found}");
    match (shape, key) {
        (Shape::Parameter, "in") => {
            let text = value.as_str().unwrap_or_default();
            let mut out = format!(
                "`in: {}` is not a parameter location: expected `query`, `header`, `path` or `cookie`",
                text
            );
            if matches!(text, "body" | "formData") {
                out.push_str(" (OpenAPI 3 describes a body with the operation's `requestBody`)");
            } else if let Some(near) = did_you_mean(text, &["query", "header", "path", "cookie"]) {
                out.push_str(&format!(" (did you mean `{near}`?)"));
            }
            out
        }
        (Shape::SecurityScheme, "type") => {
            let text = value.as_str().unwrap_or_default();
            let mut out = format!(
                "`type: {text}` is not a security scheme type: expected `apiKey`, `http`, `oauth2` \
                 or `openIdConnect`"
            );
            if matches!(text.to_ascii_lowercase().as_str(), "bearer" | "basic") {
                out.push_str(&format!(
                    " (a {text} token is `type: http` with `scheme: {}`)",
                    text.to_ascii_lowercase()
                ));
            }
            out
        }
        (Shape::SecurityScheme, "in") => {
            format!("`in` of an API key must be `query`, `header` or `cookie`, found {found}")
        }
        (
            Shape::Parameter | Shape::Header | Shape::RequestBody,
            "required" | "deprecated" | "explode" | "allowEmptyValue" | "allowReserved",
        )
        | (Shape::Operation, "deprecated")
        | (
            Shape::Schema,
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum",
        ) => flag(key),
        (Shape::Schema, "required") => {
            let mut out = format!("`required` must be a list of property names, found {found}");
            if value.is_bool() {
                out.push_str(
                    "; to make a property required, list its name in the `required` of the \
                     object that has it",
                );
            }
            out
        }
        (Shape::Schema, "properties") => {
            format!("`properties` must be a mapping from property names to schemas, found {found}")
        }
        (Shape::Schema, "enum") => format!("`enum` must be a list of values, found {found}"),
        (Shape::Schema, "type") => {
            let mut out = format!(
                "`type` must be one of `string`, `number`, `integer`, `boolean`, `array`, \
                 `object`, found {found}"
            );
            if value.is_sequence() {
                out.push_str(
                    " (OpenAPI 3.0 allows one type per schema; `nullable: true` allows null)",
                );
            }
            out
        }
        (Shape::Schema, "items" | "not" | "additionalProperties") => {
            format!(
                "`{key}` must be {}, found {found}",
                Shape::Schema.expected()
            )
        }
        (Shape::Schema, "allOf" | "oneOf" | "anyOf") => {
            format!("`{key}` must be a list of schemas, found {found}")
        }
        (Shape::PathItem | Shape::Operation, "parameters") => {
            format!("`parameters` must be a list of parameters, found {found}")
        }
        (Shape::Document | Shape::Operation, "security") => format!(
            "`security` must be a list of security requirements (such as `- bearer_auth: []`), \
             found {found}"
        ),
        (Shape::Document | Shape::PathItem | Shape::Operation, "servers") => {
            format!("`servers` must be a list of servers (each with a `url`), found {found}")
        }
        (Shape::Document, "paths") => {
            format!(
                "`paths` must be a mapping from paths (such as `/things`) to path items, found {found}"
            )
        }
        (Shape::Document, "tags") => format!("`tags` must be a list of tags, found {found}"),
        (Shape::Operation, "tags") => {
            format!("`tags` must be a list of tag names, found {found}")
        }
        (Shape::Response | Shape::RequestBody | Shape::Parameter | Shape::Header, "content") => {
            format!(
                "`content` must be a mapping from media types (such as `application/json`) to \
                 media type objects, found {found}"
            )
        }
        (Shape::Response, "headers") => {
            format!("`headers` must be a mapping from header names to headers, found {found}")
        }
        (Shape::Components, "schemas" | "securitySchemes") => {
            format!("`{key}` must be a mapping from names to definitions, found {found}")
        }
        // Extensions are kept as JSON values, whose keys are strings.
        (_, key) if key.starts_with("x-") => format!(
            "the extension `{key}` must be valid as JSON, where every mapping key is a \
             string; quote keys such as `1` or `true` ({})",
            plain(message)
        ),
        _ => match expected_of(message) {
            Some(expected) => format!("`{key}` must be {expected}, found {found}"),
            None => format!("`{key}`: {}", plain(message)),
        },
    }
}

/// The "expected …" part of a serde message, in plain words.
fn expected_of(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (_, expected) = rest.split_once("expected ")?;
        return Some(expected.to_owned());
    }
    let (_, expected) = message.split_once(", expected ")?;
    Some(
        match expected {
            "a map" => "a mapping",
            "a sequence" => "a list",
            "a boolean" => "`true` or `false`",
            "u64" | "usize" | "u32" => "a non-negative integer",
            "i64" | "i32" => "an integer",
            "f64" => "a number",
            other => other,
        }
        .to_owned(),
    )
}

/// serde's message in the words a spec author uses.
fn plain(message: &str) -> String {
    message
        .replace("sequence", "list")
        .replace("a map", "a mapping")
}

/// A value as the message names it.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(flag) => format!("`{flag}`"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {text:?}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
    }
}

fn describe_serde_error(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    if text.contains("did not match any variant of untagged enum ReferenceOr") {
        "this is neither a valid definition nor a `$ref`".to_owned()
    } else {
        format!("not a valid OpenAPI 3.0 document here: {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn misfits_of(yaml: &str) -> Vec<(String, String)> {
        // A test helper: a failed expectation is the test failing.
        let value: Value = serde_yaml::from_str(yaml).expect("test YAML parses");
        let mut out = Vec::new();
        check(Shape::Document, &value, "", None, &mut out);
        out.into_iter()
            .map(|misfit| (misfit.pointer, misfit.message))
            .collect()
    }

    #[test]
    fn blames_the_innermost_part() {
        let found = misfits_of(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
             parameters:\n        - {name: a, in: query, required: 'yes', schema: {type: string}}\n      \
             responses: {'200': {description: OK}}\n",
        );
        assert_eq!(
            found,
            [(
                "/paths/~1a/get/parameters/0/required".to_owned(),
                "`required` must be `true` or `false`, found the string \"yes\"".to_owned()
            )]
        );
    }

    #[test]
    fn reports_a_missing_field_and_a_bad_part_together() {
        let found = misfits_of(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
             parameters:\n        - {name: a, in: body, schema: {type: string}}\n",
        );
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/paths/~1a/get/parameters/0/in", "/paths/~1a/get"]
        );
    }
}
