//! Shape errors: parts of the bundled document that do not fit OpenAPI 3.0's objects.
//!
//! `openapiv3` reads most objects through `#[serde(flatten)]`, untagged and internally
//! tagged enums, which buffer their input and lose the path: a bad parameter is reported
//! at `#/paths` as "data did not match any variant…". So when deserialization fails
//! (only then: this is the error path), the bundled document is walked again by what
//! each position holds ([`Position::below`]: paths → path items → operations →
//! parameters, responses, … → schemas), and each part is deserialized on its own into
//! its position's `openapiv3` type. A part that fails while all of its own parts fit is
//! at fault itself; the key to blame is the one whose removal changes the failure.
//! Every misfit is reported, not only the first, with what was expected there (worded
//! in [`words`]).

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::pointer::{key_text, path_to_pointer};
use super::position::{Holds, Position};
use super::repair::{Fix, Problem};
use super::source_map::SourceMap;
use crate::diagnostics::{Diagnostic, Errors, child};

mod words;

use words::{field_message, found, missing, plain};

/// A part read as it is inside the document: `openapiv3` flattens extensions into
/// every object and reads `$ref`s as untagged enums, so below the root serde reads each
/// part from a buffered copy (as this untagged enum makes it), which differs from
/// reading a `Value` directly. Buffered, a key written as a number (`200:` under
/// `responses`) is a name; read directly, it is refused, and a part that only reads
/// buffered would be blamed for a misfit elsewhere in the document.
#[derive(Deserialize)]
#[serde(untagged, bound = "T: DeserializeOwned")]
enum Buffered<T> {
    Part(#[allow(dead_code)] T),
}

impl Position {
    /// Whether `value` deserializes into this position's `openapiv3` type, read from
    /// the value as the loader's readers do, or buffered as inside the document (see
    /// [`Buffered`]); serde's message for the first if neither.
    fn fits(self, value: &Value) -> Result<(), String> {
        fn read<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
            match T::deserialize(value) {
                Ok(_) => Ok(()),
                Err(_) if value.is_mapping() && Buffered::<T>::deserialize(value).is_ok() => Ok(()),
                Err(error) => Err(error.to_string()),
            }
        }
        match self {
            Position::Document => read::<openapiv3::OpenAPI>(value),
            Position::Info => read::<openapiv3::Info>(value),
            Position::Server => read::<openapiv3::Server>(value),
            Position::Tag => read::<openapiv3::Tag>(value),
            Position::ExternalDocs => read::<openapiv3::ExternalDocumentation>(value),
            Position::PathItem => read::<openapiv3::PathItem>(value),
            Position::Operation => read::<openapiv3::Operation>(value),
            Position::Parameter => read::<openapiv3::Parameter>(value),
            Position::RequestBody => read::<openapiv3::RequestBody>(value),
            Position::Responses => read::<openapiv3::Responses>(value),
            Position::Response => read::<openapiv3::Response>(value),
            Position::Header => read::<openapiv3::Header>(value),
            Position::MediaType => read::<openapiv3::MediaType>(value),
            Position::Encoding => read::<openapiv3::Encoding>(value),
            Position::Schema => read::<openapiv3::Schema>(value),
            Position::Components => read::<openapiv3::Components>(value),
            Position::SecurityScheme => read::<openapiv3::SecurityScheme>(value),
            Position::SecurityRequirement => read::<openapiv3::SecurityRequirement>(value),
            Position::Discriminator => read::<openapiv3::Discriminator>(value),
            // A `description` or `summary`: `null` is none.
            Position::Text => read::<Option<String>>(value),
        }
    }
}

/// How a part is reached from its parent mapping: `key`, `key/index` or `key/name`.
#[derive(Clone)]
enum Step {
    Field,
    Index(usize),
    Entry(Value),
}

/// A part of a part: the parent's key, the step below it, its position, its value.
struct Part<'v> {
    key: &'v Value,
    step: Step,
    at: Position,
    value: &'v Value,
}

/// The parts of `map` (in the position `at`) that have a position of their own.
fn parts(at: Position, map: &Mapping) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    for (key, value) in map {
        let Some(name) = key.as_str() else {
            continue;
        };
        let part = |step, at, value| Part {
            key,
            step,
            at,
            value,
        };
        match at.below(name, value) {
            Some(Holds::One(at)) => out.push(part(Step::Field, at, value)),
            Some(Holds::List(at)) => {
                for (index, item) in value.as_sequence().into_iter().flatten().enumerate() {
                    out.push(part(Step::Index(index), at, item));
                }
            }
            Some(Holds::Map(at)) => {
                for (entry, item) in value.as_mapping().into_iter().flatten() {
                    if !entry.as_str().is_some_and(|e| at.is_extension_entry(e)) {
                        out.push(part(Step::Entry(entry.clone()), at, item));
                    }
                }
            }
            None => {}
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
    check(Position::Document, bundled, "", None, &mut found);
    located(found, source_map)
}

/// Why each of the webhooks `names` does not fit a path item, as [`Problem`]s (the
/// document's own check passes them by: `openapiv3`'s 3.0 model has no webhooks). A
/// webhook whose misfit cannot be found is left out whole.
pub(super) fn webhook_problems(
    bundled: &Value,
    source_map: &SourceMap,
    names: Vec<String>,
) -> Vec<Problem> {
    let mut found = Vec::new();
    for name in names {
        let pointer = child("/webhooks", &name);
        let Some(item) = bundled.get("webhooks").and_then(|w| w.get(name.as_str())) else {
            continue;
        };
        let before = found.len();
        check(Position::PathItem, item, &pointer, None, &mut found);
        if found.len() == before {
            found.push(Misfit {
                message: "the webhook is not a valid path item".to_owned(),
                pointer,
                fix: Fix::ByPlace,
            });
        }
    }
    located(found, source_map)
}

/// `found` as [`Problem`]s, each located in the file the user wrote.
fn located(found: Vec<Misfit>, source_map: &SourceMap) -> Vec<Problem> {
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
    /// The value at `pointer`, in the position `at`, does not fit.
    fn value(at: Position, pointer: &str, message: String) -> Self {
        let fix = match at {
            Position::Schema => Fix::AnySchema,
            Position::Discriminator => Fix::DropKeyword,
            Position::Text => Fix::NoText,
            _ => Fix::ByPlace,
        };
        Self {
            pointer: pointer.to_owned(),
            message,
            fix,
        }
    }

    /// The key at `pointer` of a mapping in the position `at` is at fault.
    fn key(at: Position, pointer: String, message: String) -> Self {
        let fix = match at {
            Position::Schema | Position::Discriminator => Fix::DropKeyword,
            _ => Fix::ByPlace,
        };
        Self {
            pointer,
            message,
            fix,
        }
    }
}

/// Reports the misfits of `value` (in the position `at`, at `pointer`) to `out`.
/// Returns whether it fits.
/// `label` is the key of a part that is a field of its parent, for the message.
fn check(
    at: Position,
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
    let Err(message) = at.fits(value) else {
        return true;
    };
    // A text (not a `$ref`) that does not fit is not a string, whatever it is.
    let Some(map) = value.as_mapping().filter(|_| at != Position::Text) else {
        let message = match label {
            Some(key) => format!("`{key}` must be {}, found {}", at.expected(), found(value)),
            None => format!("expected {}, found {}", at.expected(), found(value)),
        };
        out.push(Misfit::value(at, pointer, message));
        return false;
    };
    let mut misfit_parts = Vec::new();
    for part in parts(at, map) {
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
        if !check(part.at, part.value, &part_pointer, label.as_deref(), out) {
            misfit_parts.push((part.key.clone(), part.step, part.at));
        }
    }
    if misfit_parts.is_empty() {
        own_faults(at, map.clone(), pointer, message, out);
        return false;
    }
    // With its misfit parts replaced by the smallest valid ones, does the rest fit?
    let patched = patch(map, &misfit_parts);
    if let Err(message) = at.fits(&Value::Mapping(patched.clone())) {
        own_faults(at, patched, pointer, message, out);
    }
    false
}

/// `map` with the given parts replaced by the smallest value that fits their position, so
/// that what is left to fail is the mapping's own fault.
fn patch(map: &Mapping, parts: &[(Value, Step, Position)]) -> Mapping {
    let mut patched = map.clone();
    for (key, step, at) in parts {
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
            *slot = smallest(*at);
        }
    }
    patched
}

/// The smallest value that fits `at`.
fn smallest(at: Position) -> Value {
    let yaml = match at {
        Position::Info => "{title: '', version: ''}",
        Position::Server | Position::ExternalDocs => "{url: ''}",
        Position::Tag => "{name: ''}",
        Position::Operation => "{responses: {}}",
        Position::Parameter => "{name: '', in: query, schema: {}}",
        Position::Response => "{description: ''}",
        Position::Header => "{schema: {}}",
        Position::SecurityScheme => "{type: http, scheme: bearer}",
        Position::Discriminator => "{propertyName: ''}",
        Position::Document => "{openapi: 3.0.3, info: {title: '', version: ''}, paths: {}}",
        Position::Text => "''",
        Position::PathItem
        | Position::RequestBody
        | Position::Responses
        | Position::MediaType
        | Position::Encoding
        | Position::Schema
        | Position::Components
        | Position::SecurityRequirement => "{}",
    };
    serde_yaml::from_str(yaml).unwrap_or(Value::Null)
}

/// Reports the faults of a mapping whose parts all fit: a missing field, or the keys to
/// blame, one after the other (each found by removing keys until the failure changes).
fn own_faults(
    at: Position,
    mut map: Mapping,
    pointer: &str,
    mut message: String,
    out: &mut Vec<Misfit>,
) {
    for _ in 0..16 {
        if let Some(field) = missing_field(&message) {
            out.push(Misfit::value(at, pointer, missing(at, field)));
            return;
        }
        if message.contains("ParameterSchemaOrContent") {
            out.push(Misfit::value(
                at,
                pointer,
                format!(
                    "{} has neither `schema` nor `content`: one of them must give the value's type",
                    at.noun()
                ),
            ));
            return;
        }
        let Some(key) = culprit(at, &map, &message) else {
            out.push(Misfit::value(
                at,
                pointer,
                format!("{} is not valid: {}", at.noun(), plain(&message)),
            ));
            return;
        };
        let value = map.get(&key).cloned().unwrap_or(Value::Null);
        let name = key_text(&key).unwrap_or_default();
        out.push(Misfit::key(
            at,
            child(pointer, &name),
            field_message(at, &name, &value, &message),
        ));
        map.shift_remove(&key);
        match at.fits(&Value::Mapping(map.clone())) {
            Ok(()) => return,
            // Removing a required key to go on is no new finding.
            Err(next) if missing_field(&next) == Some(name.as_str()) => return,
            Err(next) => message = next,
        }
    }
}

/// The key of `map` to blame for `message`.
fn culprit(at: Position, map: &Mapping, message: &str) -> Option<Value> {
    let without = |key: &Value| {
        let mut rest = map.clone();
        rest.shift_remove(key);
        at.fits(&Value::Mapping(rest))
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
        check(Position::Document, &value, "", None, &mut out);
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

    #[test]
    fn a_status_code_written_as_a_number_is_not_blamed_for_a_misfit_elsewhere() {
        let found = misfits_of(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
             responses: {200: {description: OK}}\n  /b:\n    get:\n      \
             parameters:\n        - {name: b, in: query, required: 'yes', schema: {type: string}}\n      \
             responses: {200: {description: OK}}\n",
        );
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/paths/~1b/get/parameters/0/required"]);
    }
}
