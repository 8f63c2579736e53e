//! What the bundler checks on its way: what `openapiv3` would otherwise drop or accept
//! without a word (a path without a leading `/` beside the same path with it, response
//! keys that are not status codes, a `$ref` to a whole component of the wrong section),
//! and what it completes where OpenAPI requires it (a missing `openapi`, `info` or `paths`
//! at the top of the document, an operation's `responses`).

use serde_yaml::{Mapping, Value};

use super::Bundler;
use crate::diagnostics::unescape_token;
use crate::load::pointer::{describe_value, key_text};
use crate::load::position::Position;
use crate::load::version::Version;

/// The JSON Schema dialect of OpenAPI 3.1's Schema Objects, the default of
/// `jsonSchemaDialect`.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// The sections of `components`, with what each holds.
const COMPONENT_SECTIONS: [(&str, &str); 10] = [
    ("schemas", "a schema"),
    ("responses", "a response"),
    ("parameters", "a parameter"),
    ("examples", "an example"),
    ("requestBodies", "a request body"),
    ("headers", "a header"),
    ("securitySchemes", "a security scheme"),
    ("links", "a link"),
    ("callbacks", "a callback"),
    ("pathItems", "a path item"),
];

impl Bundler<'_> {
    /// Fills in what OpenAPI requires at the top of a document but a spec may leave out
    /// with an obvious meaning, each with a warning: `openapi` (the version the
    /// document's parts say; a number is read as its text), `info` (named after the file,
    /// also when it is not a mapping: it only documents), its `title` and `version` (a
    /// number is read as its text, anything else as missing), and `paths` (none).
    pub(super) fn complete_root(&mut self, out: &mut Mapping) {
        let root = self.root_file.clone();
        let stem = root
            .rsplit('/')
            .next()
            .and_then(|name| name.split('.').next())
            .filter(|stem| !stem.is_empty())
            .unwrap_or("api")
            .to_owned();
        let info = out
            .entry(Value::from("info"))
            .or_insert_with(|| Value::Null);
        let created = !info.is_mapping();
        if created {
            let broken = (!info.is_null()).then(|| describe_value(info));
            *info = Value::Mapping(Mapping::new());
            match broken {
                None => self.warn(format!(
                    "the document has no `info`; the API is called `{stem}` after its file"
                )),
                Some(found) => self.descend("info", |b| {
                    b.warn(format!(
                        "`info` must be a mapping with `title` and `version`, found {found}; \
                         read as missing: the API is called `{stem}` after its file"
                    ))
                }),
            }
        }
        if let Value::Mapping(info) = info {
            // (where, what) for each field filled in.
            let mut filled: Vec<(Option<&str>, String)> = Vec::new();
            for (key, default) in [("title", stem.as_str()), ("version", "")] {
                match info.get(key) {
                    None | Some(Value::Null) => {
                        info.insert(Value::from(key), Value::from(default));
                        filled.push((
                            None,
                            format!("`info` has no `{key}`; taken as \"{default}\""),
                        ));
                    }
                    Some(value @ (Value::Number(_) | Value::Bool(_))) => {
                        let text = key_text(value).unwrap_or_default();
                        filled.push((Some(key), read_as_text(key, &text)));
                        info.insert(Value::from(key), Value::from(text));
                    }
                    Some(Value::String(_)) => {}
                    Some(other) => {
                        filled.push((
                            Some(key),
                            format!(
                                "`{key}` must be a string, found {}; taken as \"{default}\"",
                                describe_value(other)
                            ),
                        ));
                        info.insert(Value::from(key), Value::from(default));
                    }
                }
            }
            // A missing `info` was warned about as a whole.
            filled.retain(|_| !created);
            self.descend("info", |b| {
                for (key, message) in filled {
                    match key {
                        Some(key) => b.descend(key, |b| b.warn(message)),
                        None => b.warn(message),
                    }
                }
            });
        }
        // Left out of a document whose parts say which (see `check_version`).
        if !out.contains_key("openapi") {
            let (version, why) = match self.version {
                Version::V30 => ("3.0.3", "as nothing in it is 3.1's own"),
                Version::V31 => ("3.1.0", "as it has 3.1's `webhooks` or `jsonSchemaDialect`"),
            };
            out.insert(Value::from("openapi"), Value::from(version));
            self.warn(format!(
                "the document does not say its OpenAPI version (`openapi: {version}` at the \
                 top); read as {}, {why}",
                self.version.name()
            ));
        }
        // `openapi: 3.0` is a number in YAML; `check_version` read it as its text.
        if let Some(version @ Value::Number(_)) = out.get_mut("openapi") {
            let text = key_text(version).unwrap_or_default();
            *version = Value::from(text.as_str());
            self.descend("openapi", |b| b.warn(read_as_text("openapi", &text)));
        }
        if !out.contains_key("paths") {
            out.insert(Value::from("paths"), Value::Mapping(Mapping::new()));
            // OpenAPI 3.1 makes `paths` optional: a document may describe only webhooks or
            // components.
            let described = out.contains_key("webhooks") || out.contains_key("components");
            if self.version == Version::V30 || !described {
                self.warn("the document has no `paths`; no operations are generated");
            }
        }
        match out.get("jsonSchemaDialect") {
            Some(Value::String(dialect)) if dialect.trim_end_matches('#') == DEFAULT_DIALECT => {}
            Some(dialect) => {
                let message = format!(
                    "`jsonSchemaDialect` is {}, not OpenAPI 3.1's own ({DEFAULT_DIALECT}); \
                     schemas are read as that dialect anyway",
                    describe_value(dialect)
                );
                self.descend("jsonSchemaDialect", |b| b.warn(message));
            }
            None => {}
        }
    }

    /// Gives the operation `out` without `responses` (a `null` is left out before) an
    /// empty mapping of them: OpenAPI 3.1 lets an operation leave them out, 3.0 requires
    /// them (a warning). Either way none are declared, which lowering reads as any 2xx
    /// answer without a body, and says so.
    pub(super) fn complete_responses(&mut self, out: &mut Mapping) {
        // Every operation comes here, and nearly all have responses: a scan of a few
        // keys, no hashing.
        if out.keys().any(|key| key.as_str() == Some("responses")) {
            return;
        }
        if self.version == Version::V30 {
            self.warn(
                "the operation has no `responses`, which OpenAPI 3.0 requires; read as \
                 declaring none",
            );
        }
        out.insert(Value::from("responses"), Value::Mapping(Mapping::new()));
    }

    /// Why `$ref: reference` (whose pointer is `target`) cannot be what belongs in a
    /// position that takes one from the section `expected` of `components`: it names a
    /// whole component of another section. Pointers deeper inside a component (the
    /// schema of a parameter) or anywhere else are fine.
    pub(super) fn wrong_component(
        &self,
        reference: &str,
        target: &str,
        expected: &str,
    ) -> Option<String> {
        let rest = target.strip_prefix("/components/")?;
        let (section, name) = rest.split_once('/')?;
        if name.contains('/') {
            return None;
        }
        let noun = |name: &str| {
            COMPONENT_SECTIONS
                .iter()
                .find(|(section, _)| *section == name)
                .map(|(_, noun)| *noun)
        };
        match (noun(section), noun(expected)) {
            (Some(found), Some(wanted)) if section != expected => Some(format!(
                "`$ref: {reference}` points to {found} where {wanted} belongs; expected a \
                 `$ref` into `#/components/{expected}`"
            )),
            _ => None,
        }
    }

    /// Checks the key of an entry of a map of parts in the position `of` (the cursor is
    /// at the entry), where OpenAPI defines what the keys are: `openapiv3` silently drops
    /// paths that do not start with `/` and response keys that are not status codes, and
    /// accepts ranges such as `6XX`. Extensions never come here, nor paths without their
    /// `/` that can take it (see [`Bundler::walk_path_without_slash`]).
    pub(super) fn check_entry_key(&mut self, of: Position) {
        let key = last_token(&self.cursor.pointer);
        match of {
            // The others are read as `/key` (see `walk_path_without_slash`).
            Position::PathItem if !key.starts_with('/') => self.error(format!(
                "path `{key}` does not start with `/`, as paths appended to the server URL \
                 must, and cannot be read as `/{key}`: that path is there too"
            )),
            Position::Response if !is_status_key(&key) => self.error(format!(
                "`{key}` is not a status code: expected `default`, a code from 100 to 599 (such \
                 as \"200\") or a range from \"1XX\" to \"5XX\""
            )),
            _ => {}
        }
    }
}

/// Whether `key` is a key of `responses`: `default`, a status code or a range (`4XX`).
fn is_status_key(key: &str) -> bool {
    key == "default"
        || match key.as_bytes() {
            [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9'] => true,
            [b'1'..=b'5', x, y] => x.eq_ignore_ascii_case(&b'X') && y.eq_ignore_ascii_case(&b'X'),
            _ => false,
        }
}

/// The last token of a pointer, unescaped.
fn last_token(pointer: &str) -> String {
    let token = pointer.rsplit('/').next().unwrap_or_default();
    unescape_token(token).into_owned()
}

/// The warning for a text written as a number or a flag (`version: 2`), which is read
/// as its text.
pub(super) fn read_as_text(key: &str, text: &str) -> String {
    format!("`{key}` is not a string; read as \"{text}\" (quote it)")
}
