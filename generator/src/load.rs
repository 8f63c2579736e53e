//! Stage 1, load: read the spec files and bundle them into one OpenAPI document.
//!
//! Real specs are split over many files (`$ref: './definitions.yml#/apiThing'`) and put
//! `$ref`s where OpenAPI 3.0 does not strictly allow them (a whole operation, a tag
//! description). `openapiv3` only understands local references, so this stage walks the
//! document knowing what each position holds and rewrites it:
//!
//! - a `$ref` in a *schema* position is hoisted: the target becomes an entry of
//!   `components.schemas` (its key is the target's name for schemas of the root file's
//!   `components`, and `file#pointer` otherwise) and the `$ref` points there, so shared
//!   and recursive schemas stay shared and recursive;
//! - any other `$ref` (parameters, responses, headers, request bodies, path items,
//!   operations, tag descriptions) is replaced by the target itself.
//!
//! Every file is read and parsed once, however many `$ref`s point into it. Parts the
//! generator never uses (examples, links, `x-` extensions below the root) are left out,
//! so files only they point to are never read. The [`SourceMap`] remembers where each
//! bundled part came from, so that later errors name the user's file and pointer.
//!
//! The bundled document is then deserialized into `openapiv3` types. Before that, integer
//! keywords outside the 64-bit range (`maximum: 18446744073709552000`) are dropped with a
//! warning: left in, they make `openapiv3` type the schema as "anything".

use std::collections::HashMap;
use std::rc::Rc;

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, Errors, Location, child, escape_token, unescape_token};

mod dialect;
mod repair;
mod shape;

use repair::{Fix, Problem};

/// Where the generator reads spec files from. The generator itself does no I/O: the
/// caller decides what a path means (the file system, or a map in a test).
pub trait SourceReader: Sync {
    /// The text of the file at `path`, or a message saying why it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// The bundled spec, ready for lowering.
#[derive(Debug)]
pub struct Loaded {
    /// The whole API as one document whose only `$ref`s are `#/components/schemas/…`.
    pub spec: openapiv3::OpenAPI,
    /// Where each part of `spec` came from.
    pub source_map: SourceMap,
    /// Things that were accepted but not used as written.
    pub warnings: Vec<Diagnostic>,
    /// Operations left out because they cannot be read, one diagnostic each.
    pub skipped: Vec<Diagnostic>,
    /// Every file read, sorted.
    pub files: Vec<String>,
}

/// Maps pointers into the bundled document back to the file and pointer they came from.
#[derive(Debug, Default)]
pub struct SourceMap {
    root: String,
    /// Bundled pointer prefix → the place its content was taken from.
    origins: HashMap<String, Location>,
    /// (file, pointer) of every hoisted schema → its key in `components.schemas`.
    schema_keys: HashMap<(String, String), String>,
}

impl SourceMap {
    /// The original place of the bundled pointer `pointer` (without the leading `#`).
    pub fn locate(&self, pointer: &str) -> Location {
        let mut prefix = pointer;
        loop {
            if let Some(origin) = self.origins.get(prefix) {
                let mut pointer_in_file = origin.pointer.clone();
                pointer_in_file.push_str(&pointer[prefix.len()..]);
                return Location::new(origin.file.clone(), pointer_in_file);
            }
            match prefix.rfind('/') {
                Some(cut) => prefix = &prefix[..cut],
                None => return Location::new(self.root.clone(), pointer),
            }
        }
    }

    /// The root spec file.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The key in `components.schemas` of the schema hoisted from `location` (a `$ref`
    /// points there), if any: an inline schema at that place is the same schema.
    pub fn schema_key_at(&self, location: &Location) -> Option<&str> {
        self.schema_keys
            .get(&(location.file.clone(), location.pointer.clone()))
            .map(String::as_str)
    }
}

/// The pointer, inside the bundled document, of the hoisted schema `key`.
pub fn schema_pointer(key: &str) -> String {
    child("/components/schemas", key)
}

/// The `$ref` string that points at the hoisted schema `key`.
pub fn schema_ref(key: &str) -> String {
    format!("#{}", schema_pointer(key))
}

/// Reads `root` and every file it refers to, and bundles them into one document.
pub fn load(reader: &dyn SourceReader, root: &str) -> Result<Loaded, Errors> {
    let mut bundler = Bundler {
        reader,
        files: HashMap::new(),
        schema_keys: HashMap::new(),
        schemas: Vec::new(),
        inlining: Vec::new(),
        cursor: Cursor {
            file: Rc::from(root),
            pointer: String::new(),
            out: String::new(),
        },
        source_map: SourceMap {
            root: root.to_owned(),
            origins: HashMap::new(),
            schema_keys: HashMap::new(),
        },
        errors: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        prefetched: HashMap::new(),
        hoisting: 0,
    };
    bundler.prefetched = prefetch(reader, root);
    let document = match bundler.file(root) {
        Ok(document) => document,
        Err(Failure::Reported(_)) => return Err(Errors(bundler.errors)),
        Err(Failure::Message(message)) => {
            return Err(Errors::one(Location::new(root, ""), message));
        }
    };
    check_version(&document, root)?;
    let mut bundled = bundler.walk_root(&document);
    bundler.attach_schemas(&mut bundled);
    let Bundler {
        mut source_map,
        mut warnings,
        files,
        errors,
        problems,
        schema_keys,
        ..
    } = bundler;
    source_map.schema_keys = schema_keys
        .into_iter()
        .map(|((file, pointer), key)| ((file.to_string(), pointer), key))
        .collect();
    let mut files: Vec<String> = files.into_keys().map(|path| path.to_string()).collect();
    files.sort();
    let mut problems: Vec<Problem> = problems
        .into_iter()
        .filter_map(|(out, fix, index)| {
            errors.get(index).map(|diagnostic| Problem {
                out,
                fix,
                diagnostic: diagnostic.clone(),
            })
        })
        .collect();
    let mut skipped = Vec::new();
    // Each round gives up what the problems found cost and reads the rest again; a
    // repair only removes parts, so few rounds are ever needed.
    for round in 0..MAX_REPAIR_ROUNDS {
        let repairs = match repair::repair(&mut bundled, std::mem::take(&mut problems)) {
            Ok(repairs) => repairs,
            Err(mut errors) => {
                // Parts that do not fit are independent of broken `$ref`s: report them
                // together (later rounds found them already).
                if round == 0 {
                    errors.extend(shape::misfits(&bundled, &source_map));
                }
                return Err(Errors(finish(errors)));
            }
        };
        warnings.extend(repairs.warnings);
        skipped.extend(repairs.skipped);
        // From a reference, so that the error path still has the document (this costs
        // no more than consuming it: the strings are copied instead of moved, but
        // dropping the document afterwards is cheaper).
        match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&bundled) {
            Ok(spec) => {
                return Ok(Loaded {
                    spec,
                    source_map,
                    warnings: finish(warnings),
                    skipped: finish(skipped),
                    files,
                });
            }
            Err(error) => {
                problems = shape::problems(&bundled, &source_map);
                if problems.is_empty() {
                    return Err(shape::explain(&source_map, &error));
                }
            }
        }
    }
    Err(Errors(finish(
        problems.into_iter().map(|p| p.diagnostic).collect(),
    )))
}

/// How many times parts are given up and the rest read again (see [`repair`]): a part
/// that misfits is found in the first round, unless it hides inside another misfit.
const MAX_REPAIR_ROUNDS: usize = 8;

/// Sorts and de-duplicates diagnostics: a shared part used in many places is reported once.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}

fn check_version(document: &Value, root: &str) -> Result<(), Errors> {
    let at = |pointer: &str| Location::new(root, pointer);
    let Some(map) = document.as_mapping() else {
        let found = match document {
            Value::Null => "the file is empty".to_owned(),
            Value::Sequence(_) => "the document is a list".to_owned(),
            other => format!("the document is the single value {}", describe_value(other)),
        };
        return Err(Errors::one(
            at(""),
            format!(
                "{found}; an OpenAPI document is a mapping with `openapi`, `info` and `paths` \
                 at the top"
            ),
        ));
    };
    if map.contains_key("swagger") {
        return Err(Errors::one(
            at("/swagger"),
            "this is a Swagger 2.0 document; only OpenAPI 3.0 is supported (convert it first, \
             for example with swagger2openapi)",
        ));
    }
    match map.get("openapi") {
        None => Err(Errors::one(
            at(""),
            "missing `openapi` version field: expected `openapi: 3.0.x` at the top of the document",
        )),
        Some(Value::String(version)) if version.starts_with("3.0.") || version == "3.0" => Ok(()),
        Some(Value::String(version)) if version.starts_with("3.1") => Err(Errors::one(
            at("/openapi"),
            format!("OpenAPI {version} is not supported yet; expected a 3.0.x document"),
        )),
        Some(Value::String(version)) => Err(Errors::one(
            at("/openapi"),
            format!("unsupported OpenAPI version `{version}`; expected 3.0.x"),
        )),
        Some(other) => Err(Errors::one(
            at("/openapi"),
            format!(
                "`openapi` must be a string such as \"3.0.3\", found {}; quote the version",
                describe_value(other)
            ),
        )),
    }
}

/// Why a file or a reference could not be used.
enum Failure {
    /// The problem is already among the errors, at this index (a file that does not
    /// parse).
    Reported(usize),
    /// Report this at the place of the `$ref`.
    Message(String),
}

/// The part of the spec being walked: where it is in its own file, and where its copy
/// goes in the bundled document.
struct Cursor {
    file: Rc<str>,
    pointer: String,
    out: String,
}

/// What a position in the document holds, which decides how its `$ref`s are treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    SecurityScheme,
    /// A tag's description given as a `$ref` to a string.
    Text,
}

/// How deep schemas may hold one another through `$ref`s (each level is a few frames of
/// recursion in loading and lowering; real specs need fewer than 10). Deeper, the
/// generator reports an error rather than running out of stack.
pub(crate) const MAX_NESTING: usize = 128;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Whether `key` of a path item is an operation (an HTTP method).
pub(crate) fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}

struct Bundler<'r> {
    reader: &'r dyn SourceReader,
    /// Parsed files; for a file that does not parse, the index of its error.
    files: HashMap<Rc<str>, Result<Rc<Value>, usize>>,
    /// (file, pointer) of every hoisted schema → its key in `components.schemas`.
    schema_keys: HashMap<(Rc<str>, String), String>,
    /// Hoisted schemas in the order they were met.
    schemas: Vec<(String, Value)>,
    /// Non-schema `$ref`s being inlined, to detect cycles.
    inlining: Vec<(Rc<str>, String)>,
    cursor: Cursor,
    source_map: SourceMap,
    errors: Vec<Diagnostic>,
    /// Where in the bundled document each error makes a part unusable (a pointer), what
    /// to give up for it, and the index of the error: see [`repair`].
    problems: Vec<(String, Fix, usize)>,
    warnings: Vec<Diagnostic>,
    /// Files parsed ahead of use, on all cores (see [`prefetch`]).
    prefetched: HashMap<String, Result<Value, Diagnostic>>,
    /// Schemas being hoisted, each inside the one before (see [`MAX_NESTING`]).
    hoisting: usize,
}

impl Bundler<'_> {
    fn here(&self) -> Location {
        Location::new(&*self.cursor.file, self.cursor.pointer.clone())
    }

    fn error(&mut self, message: impl Into<String>) {
        let location = self.here();
        self.problems
            .push((self.cursor.out.clone(), Fix::ByPlace, self.errors.len()));
        self.errors.push(Diagnostic::new(location, message));
    }

    fn warn(&mut self, message: impl Into<String>) {
        let location = self.here();
        self.warnings.push(Diagnostic::new(location, message));
    }

    /// Runs `walk` one level down, under `token`, in both the source and the output.
    fn descend<R>(&mut self, token: &str, walk: impl FnOnce(&mut Self) -> R) -> R {
        let (pointer_len, out_len) = (self.cursor.pointer.len(), self.cursor.out.len());
        let token = escape_token(token);
        for path in [&mut self.cursor.pointer, &mut self.cursor.out] {
            path.push('/');
            path.push_str(&token);
        }
        let result = walk(self);
        self.cursor.pointer.truncate(pointer_len);
        self.cursor.out.truncate(out_len);
        result
    }

    /// Runs `walk` on content taken from `file#pointer` and placed at `out`.
    fn relocate<R>(
        &mut self,
        file: Rc<str>,
        pointer: String,
        out: String,
        walk: impl FnOnce(&mut Self) -> R,
    ) -> R {
        self.source_map
            .origins
            .insert(out.clone(), Location::new(&*file, pointer.clone()));
        let saved = std::mem::replace(&mut self.cursor, Cursor { file, pointer, out });
        let result = walk(self);
        self.cursor = saved;
        result
    }

    fn file(&mut self, path: &str) -> Result<Rc<Value>, Failure> {
        if let Some(cached) = self.files.get(path) {
            return match cached {
                Ok(value) => Ok(value.clone()),
                Err(index) => Err(Failure::Reported(*index)),
            };
        }
        let key: Rc<str> = Rc::from(path);
        let parsed = match self.prefetched.remove(path) {
            Some(parsed) => Ok(parsed),
            None => self
                .reader
                .read(path)
                .map(|text| parse_document(path, &text))
                .map_err(|reason| Failure::Message(format!("cannot read `{path}`: {reason}"))),
        };
        let parsed = parsed.and_then(|parsed| {
            parsed.map_err(|diagnostic| {
                let index = self.errors.len();
                self.errors.push(diagnostic);
                self.problems
                    .push((self.cursor.out.clone(), Fix::ByPlace, index));
                Failure::Reported(index)
            })
        });
        match parsed {
            Ok(value) => {
                let value = Rc::new(value);
                self.files.insert(key, Ok(value.clone()));
                Ok(value)
            }
            Err(failure) => {
                // A file that cannot be read is reported where each `$ref` to it is.
                if let Failure::Reported(index) = failure {
                    self.files.insert(key, Err(index));
                }
                Err(failure)
            }
        }
    }

    /// Resolves `reference` (relative to the current file) to the file and pointer it
    /// names, checking that something is there.
    fn resolve(&mut self, reference: &str) -> Result<(Rc<str>, String), Failure> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((file, fragment)) => (file, fragment),
            None => (reference, ""),
        };
        if file_part.contains("://") {
            return Err(Failure::Message(format!(
                "`$ref: {reference}` points to a remote document; only local files are supported"
            )));
        }
        let file: Rc<str> = if file_part.is_empty() {
            self.cursor.file.clone()
        } else {
            Rc::from(join_path(&self.cursor.file, &percent_decode(file_part)))
        };
        let pointer = percent_decode(fragment);
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(Failure::Message(format!(
                "`$ref: {reference}` has the fragment `#{fragment}`, which is not a JSON pointer \
                 (expected `#/…`)"
            )));
        }
        let document = self.file(&file).map_err(|failure| match failure {
            Failure::Message(message) => {
                Failure::Message(format!("`$ref: {reference}` cannot be followed: {message}"))
            }
            reported => reported,
        })?;
        match lookup(&document, &pointer) {
            Some(_) => Ok((file, pointer)),
            None => Err(Failure::Message(format!(
                "`$ref: {reference}` points to nothing: `{file}` has no `#{pointer}`"
            ))),
        }
    }

    fn report(&mut self, failure: Failure) {
        self.report_as(failure, Fix::ByPlace);
    }

    /// Reports a failure in a schema position: the schema there becomes any JSON value.
    fn report_in_schema(&mut self, failure: Failure) {
        self.report_as(failure, Fix::AnySchema);
    }

    fn report_as(&mut self, failure: Failure, fix: Fix) {
        let index = match failure {
            Failure::Message(message) => {
                let location = self.here();
                self.errors.push(Diagnostic::new(location, message));
                self.errors.len() - 1
            }
            Failure::Reported(index) => index,
        };
        self.problems.push((self.cursor.out.clone(), fix, index));
    }

    fn walk_root(&mut self, document: &Value) -> Value {
        let Some(map) = document.as_mapping() else {
            return document.clone();
        };
        let mut out = Mapping::with_capacity(map.len());
        for (key, value) in map {
            let Some(name) = key.as_str() else {
                continue;
            };
            let value = self.descend(name, |b| match name {
                "paths" => b.walk_map(value, |b, v| {
                    b.check_path_key();
                    b.walk_object(v, Kind::PathItem)
                }),
                "components" => b.walk_components(value),
                "tags" => b.walk_tags(value),
                _ => value.clone(),
            });
            out.insert(key.clone(), value);
        }
        self.complete_root(&mut out);
        Value::Mapping(out)
    }

    /// Fills in what OpenAPI requires at the top of a document but a spec may leave out
    /// with an obvious meaning: `info` (named after the file), its `title` and `version`
    /// (a number is read as its text), and `paths` (none). Each with a warning.
    fn complete_root(&mut self, out: &mut Mapping) {
        let root = self.source_map.root.clone();
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
        let created = info.is_null();
        if created {
            *info = Value::Mapping(Mapping::new());
            self.warn(format!(
                "the document has no `info`; the API is called `{stem}` after its file"
            ));
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
                        filled.push((
                            Some(key),
                            format!("`{key}` is not a string; read as \"{text}\" (quote it)"),
                        ));
                        info.insert(Value::from(key), Value::from(text));
                    }
                    Some(_) => {}
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
        if !out.contains_key("paths") {
            out.insert(Value::from("paths"), Value::Mapping(Mapping::new()));
            self.warn("the document has no `paths`; no operations are generated");
        }
    }

    fn walk_components(&mut self, value: &Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = Mapping::new();
        for (key, value) in map {
            match key.as_str() {
                Some("securitySchemes") => {
                    let walked = self.descend("securitySchemes", |b| {
                        b.walk_map(value, |b, v| b.walk_object(v, Kind::SecurityScheme))
                    });
                    out.insert(key.clone(), walked);
                }
                Some("schemas") => {
                    let Some(schemas) = value.as_mapping() else {
                        self.descend("schemas", |b| {
                            b.error(format!(
                                "`schemas` must be a mapping from names to schemas, found {}",
                                describe_value(value)
                            ))
                        });
                        continue;
                    };
                    for name in schemas.keys().filter_map(key_text) {
                        let pointer = child("/components/schemas", &name);
                        let file = self.cursor.file.clone();
                        if let Err(failure) = self.hoist(file, pointer) {
                            self.report(failure);
                        }
                    }
                }
                // Responses, parameters, headers, … are copied in where they are used.
                _ => {}
            }
        }
        Value::Mapping(out)
    }

    fn walk_tags(&mut self, value: &Value) -> Value {
        let Some(tags) = value.as_sequence() else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(tags.len());
        for (index, tag) in tags.iter().enumerate() {
            let walked = self.descend(&index.to_string(), |b| match tag.as_mapping() {
                Some(map) => {
                    let mut tag = map.clone();
                    if let Some(description) = map.get("description") {
                        let text =
                            b.descend("description", |b| b.walk_object(description, Kind::Text));
                        tag.insert(Value::from("description"), text);
                    }
                    Value::Mapping(tag)
                }
                None => tag.clone(),
            });
            out.push(walked);
        }
        Value::Sequence(out)
    }

    /// Applies `walk` to every value of a mapping. Real specs sometimes give the whole
    /// mapping as a `$ref` (`properties: {$ref: 'attributes.yml#/ids'}`): it is followed.
    fn walk_map(&mut self, value: &Value, walk: impl Fn(&mut Self, &Value) -> Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        if let (1, Some(reference)) = (map.len(), ref_of(value)) {
            let (file, pointer) = match self.resolve(reference) {
                Ok(found) => found,
                Err(failure) => {
                    self.report(failure);
                    return value.clone();
                }
            };
            // A mapping that contains its own `$ref` would be inlined forever.
            let key = (file.clone(), pointer.clone());
            if self.inlining.contains(&key) {
                self.error(format!(
                    "`$ref: {reference}` is inside the mapping it points to, which would then \
                     contain itself forever"
                ));
                return Value::Null;
            }
            self.inlining.push(key);
            let out = self.cursor.out.clone();
            let walked = self.relocate(file.clone(), pointer.clone(), out, |b| {
                match b
                    .file(&file)
                    .ok()
                    .as_deref()
                    .and_then(|doc| lookup(doc, &pointer))
                {
                    Some(target) if ref_of(target).is_none() => b.walk_map(target, walk),
                    _ => {
                        b.error("a `$ref` to a mapping must point to the mapping itself");
                        Value::Null
                    }
                }
            });
            self.inlining.pop();
            return walked;
        }
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let walked = match key_text(key) {
                Some(token) => self.descend(&token, |b| walk(b, item)),
                None => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Applies `walk` to every item of a sequence.
    fn walk_seq(&mut self, value: &Value, walk: impl Fn(&mut Self, &Value) -> Value) -> Value {
        let Some(items) = value.as_sequence() else {
            return value.clone();
        };
        let out = items
            .iter()
            .enumerate()
            .map(|(index, item)| self.descend(&index.to_string(), |b| walk(b, item)))
            .collect();
        Value::Sequence(out)
    }

    /// Walks a non-schema object, replacing a `$ref` by its target.
    fn walk_object(&mut self, value: &Value, kind: Kind) -> Value {
        if let Some(reference) = ref_of(value) {
            let (file, pointer) = match self.resolve(reference) {
                Ok(found) => found,
                Err(failure) => {
                    self.report(failure);
                    return value.clone();
                }
            };
            if !self.check_ref_kind(kind, reference, &pointer) {
                return value.clone();
            }
            let key = (file.clone(), pointer.clone());
            if let Some(start) = self.inlining.iter().position(|seen| *seen == key) {
                // Each step as the `$ref` would name it from the file where the cycle closes.
                let here = self.cursor.file.clone();
                let cycle: Vec<String> = self.inlining[start..]
                    .iter()
                    .chain(std::iter::once(&key))
                    .map(|(file, pointer)| match *file == here {
                        true => format!("#{pointer}"),
                        false => format!("{file}#{pointer}"),
                    })
                    .collect();
                self.error(format!(
                    "cycle of `$ref`s that never reaches a definition: {}; one of them must \
                     be the definition itself",
                    cycle.join(" → ")
                ));
                return value.clone();
            }
            self.inlining.push(key);
            let out = self.cursor.out.clone();
            let walked = self.relocate(file.clone(), pointer.clone(), out, |b| {
                match b
                    .file(&file)
                    .ok()
                    .as_deref()
                    .and_then(|doc| lookup(doc, &pointer))
                {
                    Some(target) => b.walk_object(target, kind),
                    None => Value::Null,
                }
            });
            self.inlining.pop();
            return walked;
        }
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        if kind == Kind::Text {
            return value.clone();
        }
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let Some(name) = key.as_str() else {
                out.insert(key.clone(), item.clone());
                continue;
            };
            let walked = match (kind, name) {
                (_, name) if name.starts_with("x-") => continue,
                (Kind::PathItem, method) if METHODS.contains(&method) => {
                    self.descend(name, |b| b.walk_object(item, Kind::Operation))
                }
                (Kind::PathItem | Kind::Operation, "parameters") => self.descend(name, |b| {
                    b.walk_seq(item, |b, v| b.walk_object(v, Kind::Parameter))
                }),
                (Kind::Operation, "requestBody") => {
                    self.descend(name, |b| b.walk_object(item, Kind::RequestBody))
                }
                (Kind::Operation, "responses") => self.descend(name, |b| {
                    b.walk_map(item, |b, v| {
                        b.check_status_key();
                        b.walk_object(v, Kind::Response)
                    })
                }),
                (Kind::Operation, "callbacks") => {
                    self.descend(name, |b| {
                        b.warn("callbacks are not supported: no code is generated for them")
                    });
                    continue;
                }
                (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => {
                    self.descend(name, |b| b.walk_schema(item))
                }
                (Kind::RequestBody, "content") => {
                    self.descend(name, |b| b.walk_map(item, Self::walk_request_media))
                }
                (Kind::Parameter | Kind::Header | Kind::Response, "content") => self
                    .descend(name, |b| {
                        b.walk_map(item, |b, v| b.walk_object(v, Kind::MediaType))
                    }),
                (Kind::Response, "headers") => self.descend(name, |b| {
                    b.walk_map(item, |b, v| b.walk_object(v, Kind::Header))
                }),
                // Not used for code: examples, links, encodings.
                (
                    Kind::Parameter | Kind::Header | Kind::MediaType,
                    "example" | "examples" | "encoding",
                ) => continue,
                (Kind::Response, "links") => continue,
                _ => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Walks a media type of a request body: as any other, but its `encoding` (how the
    /// properties of form and multipart bodies are sent) is kept.
    fn walk_request_media(&mut self, value: &Value) -> Value {
        let mut walked = self.walk_object(value, Kind::MediaType);
        if let (Some(encoding), Value::Mapping(out)) = (value.get("encoding"), &mut walked) {
            let kept = self.descend("encoding", |b| b.walk_encodings(encoding));
            out.insert(Value::from("encoding"), kept);
        }
        walked
    }

    /// The entries of an `encoding` map. `openapiv3` reads a missing `explode` as
    /// `false`, but OpenAPI's default is `true` for the style `form` (the default style):
    /// the default is written in. Per-part `headers` are not supported: they are left
    /// out, with a warning.
    fn walk_encodings(&mut self, value: &Value) -> Value {
        let Some(entries) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = Mapping::with_capacity(entries.len());
        for (property, entry) in entries {
            let Some(fields) = entry.as_mapping() else {
                out.insert(property.clone(), entry.clone());
                continue;
            };
            let mut kept = Mapping::with_capacity(fields.len() + 1);
            for (key, field) in fields {
                match key.as_str() {
                    Some("headers") => {
                        let token = key_text(property).unwrap_or_default();
                        self.descend(&token, |b| {
                            b.descend("headers", |b| {
                                b.warn(
                                    "headers of a multipart part are not supported; they are \
                                     not sent",
                                )
                            })
                        });
                    }
                    Some(name) if name.starts_with("x-") => {}
                    _ => {
                        kept.insert(key.clone(), field.clone());
                    }
                }
            }
            if !kept.contains_key("explode") {
                let style = kept.get("style").and_then(Value::as_str);
                let explode = matches!(style, None | Some("form"));
                kept.insert(Value::from("explode"), Value::Bool(explode));
            }
            out.insert(property.clone(), Value::Mapping(kept));
        }
        Value::Mapping(out)
    }

    /// Walks a schema: `$ref`s are hoisted into `components.schemas`.
    fn walk_schema(&mut self, value: &Value) -> Value {
        if let Some(reference) = ref_of(value) {
            // A schema `$ref` may point anywhere a schema is (`#/components/parameters/
            // p/schema`); only a whole component of another kind is surely not one.
            let found = self.resolve(reference).and_then(|(file, pointer)| {
                match self.wrong_component(reference, &pointer, "schemas") {
                    Some(message) => Err(Failure::Message(message)),
                    None => self.hoist(file, pointer),
                }
            });
            return match found {
                Ok(key) => ref_value(&key),
                Err(failure) => {
                    self.report_in_schema(failure);
                    value.clone()
                }
            };
        }
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let integer = map.get("type").and_then(Value::as_str) == Some("integer");
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let Some(name) = key.as_str() else {
                out.insert(key.clone(), item.clone());
                continue;
            };
            let walked = match name {
                "properties" => self.descend(name, |b| b.walk_map(item, Self::walk_schema)),
                "items" | "not" => self.descend(name, |b| b.walk_schema(item)),
                "additionalProperties" if item.is_mapping() => {
                    self.descend(name, |b| b.walk_schema(item))
                }
                "allOf" | "oneOf" | "anyOf" => {
                    self.descend(name, |b| b.walk_seq(item, Self::walk_schema))
                }
                "discriminator" => self.descend(name, |b| b.walk_discriminator(item)),
                "example" | "examples" | "externalDocs" | "xml" => continue,
                "minimum" | "maximum" | "multipleOf" if integer && !fits_i64(item) => {
                    self.descend(name, |b| {
                        b.warn(format!(
                            "`{name}: {}` is outside the 64-bit integer range and was ignored",
                            describe_value(item)
                        ))
                    });
                    continue;
                }
                name if name.starts_with("x-") => continue,
                _ => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        for (keyword, message) in dialect::normalize(&mut out) {
            self.descend(keyword, |b| b.warn(message));
        }
        Value::Mapping(out)
    }

    /// Rewrites `discriminator.mapping` targets, which are schema references too.
    fn walk_discriminator(&mut self, value: &Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = map.clone();
        let Some(mapping) = map.get("mapping").and_then(Value::as_mapping) else {
            return Value::Mapping(out);
        };
        let mut rewritten = Mapping::with_capacity(mapping.len());
        self.descend("mapping", |b| {
            for (tag, target) in mapping {
                let (Some(token), Some(target_text)) = (key_text(tag), target.as_str()) else {
                    rewritten.insert(tag.clone(), target.clone());
                    continue;
                };
                let key = b.descend(&token, |b| {
                    // A bare name refers to a schema of the root document's components.
                    let found = if target_text.contains(['#', '/', '.']) {
                        b.resolve(target_text)
                            .and_then(|(file, pointer)| b.hoist(file, pointer))
                    } else {
                        let root = Rc::<str>::from(b.source_map.root.as_str());
                        b.hoist(root, child("/components/schemas", target_text))
                    };
                    // A mapping entry that leads nowhere selects nothing: it is dropped.
                    found
                        .map_err(|failure| b.report_as(failure, Fix::DropKeyword))
                        .ok()
                });
                let target = match key {
                    Some(key) => Value::from(schema_ref(&key)),
                    None => target.clone(),
                };
                rewritten.insert(tag.clone(), target);
            }
        });
        out.insert(Value::from("mapping"), Value::Mapping(rewritten));
        Value::Mapping(out)
    }

    /// Makes `file#pointer` an entry of `components.schemas` (once) and returns its key.
    fn hoist(&mut self, file: Rc<str>, pointer: String) -> Result<String, Failure> {
        let id = (file, pointer);
        if let Some(key) = self.schema_keys.get(&id) {
            return Ok(key.clone());
        }
        let (file, pointer) = id;
        let is_root = *file == *self.source_map.root;
        let key = match pointer.strip_prefix("/components/schemas/") {
            Some(name) if is_root && !name.contains('/') => unescape_token(name).into_owned(),
            _ => format!("{file}#{pointer}"),
        };
        let document = self.file(&file)?;
        if lookup(&document, &pointer).is_none() {
            return Err(Failure::Message(format!(
                "`$ref` points to nothing: `{file}` has no `#{pointer}`"
            )));
        }
        if self.hoisting >= MAX_NESTING {
            return Err(Failure::Message(format!(
                "schemas refer to each other more than {MAX_NESTING} levels deep here (each \
                 holds the next); the generator follows no deeper"
            )));
        }
        self.schema_keys
            .insert((file.clone(), pointer.clone()), key.clone());
        let index = self.schemas.len();
        self.schemas.push((key.clone(), Value::Null));
        let out = schema_pointer(&key);
        self.hoisting += 1;
        let walked = self.relocate(file, pointer.clone(), out, |b| {
            lookup(&document, &pointer).map_or(Value::Null, |target| b.walk_schema(target))
        });
        self.hoisting -= 1;
        self.schemas[index].1 = walked;
        Ok(key)
    }

    /// Puts the hoisted schemas into the bundled document's `components.schemas`.
    fn attach_schemas(&mut self, bundled: &mut Value) {
        let Some(root) = bundled.as_mapping_mut() else {
            return;
        };
        let components = root
            .entry(Value::from("components"))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if !components.is_mapping() {
            *components = Value::Mapping(Mapping::new());
        }
        if let Some(components) = components.as_mapping_mut() {
            let schemas: Mapping = std::mem::take(&mut self.schemas)
                .into_iter()
                .map(|(key, value)| (Value::from(key), value))
                .collect();
            components.insert(Value::from("schemas"), Value::Mapping(schemas));
        }
    }
}

/// Reads and parses, on every core, the root and the files it refers to, wave by wave
/// (a file's references are known once it is parsed). Only a speed-up: the bundler
/// reads anything missed here itself, and reports read errors where the `$ref` is.
/// References under `x-` extensions and examples are not followed, as the bundler
/// does not follow them either.
fn prefetch(reader: &dyn SourceReader, root: &str) -> HashMap<String, Result<Value, Diagnostic>> {
    let mut parsed: HashMap<String, Result<Value, Diagnostic>> = HashMap::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    seen.insert(root.to_owned());
    let mut wave = vec![root.to_owned()];
    while !wave.is_empty() {
        let results = parse_all(reader, &wave);
        let mut next = Vec::new();
        for (path, result) in wave.into_iter().zip(results) {
            let Some(result) = result else {
                continue;
            };
            if let Ok(value) = &result {
                let mut references = Vec::new();
                collect_file_references(value, &path, &mut references);
                for reference in references {
                    if seen.insert(reference.clone()) {
                        next.push(reference);
                    }
                }
            }
            parsed.insert(path, result);
        }
        wave = next;
    }
    parsed
}

/// Parses `paths` on every core; `None` where a file cannot be read.
fn parse_all(
    reader: &dyn SourceReader,
    paths: &[String],
) -> Vec<Option<Result<Value, Diagnostic>>> {
    crate::parallel::map(paths, |path| {
        let text = reader.read(path).ok()?;
        Some(parse_document(path, &text))
    })
}

/// The files (resolved against `file`) that the `$ref`s in `value` point into.
fn collect_file_references(value: &Value, file: &str, out: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, item) in map {
                match key.as_str() {
                    Some("$ref") => {
                        if let Some(reference) = item.as_str() {
                            let file_part = reference.split('#').next().unwrap_or("");
                            if !file_part.is_empty() && !file_part.contains("://") {
                                out.push(join_path(file, &percent_decode(file_part)));
                            }
                        }
                    }
                    Some(name)
                        if name.starts_with("x-") || name == "example" || name == "examples" => {}
                    _ => collect_file_references(item, file, out),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                collect_file_references(item, file, out);
            }
        }
        _ => {}
    }
}

/// A YAML value that also accepts integers beyond 64 bits (as floats, so that a
/// `maximum: 18446744073709552000` does not reject the whole file) and drops YAML tags.
struct Lenient(Value);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(match i64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => Value::Number((value as f64).into()),
        })
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(match u64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => Value::Number((value as f64).into()),
        })
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        // JSON has no NaN or infinity, and `openapiv3` panics on some of them.
        if !value.is_finite() {
            return Err(E::custom(format!("{}`{value}`", crate::locate::NOT_FINITE)));
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((Lenient(key), Lenient(value))) = map.next_entry()? {
            match out.entry(key) {
                serde_yaml::mapping::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                // One of the two would be lost without a word.
                serde_yaml::mapping::Entry::Occupied(entry) => {
                    let key = key_text(entry.key()).unwrap_or_default();
                    return Err(serde::de::Error::custom(format!(
                        "{}`{key}`",
                        crate::locate::DUPLICATE_KEY
                    )));
                }
            }
        }
        Ok(Value::Mapping(out))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, variant): (Lenient, _) = data.variant()?;
        variant.newtype_variant::<Lenient>().map(|inner| inner.0)
    }
}

/// Parses one file: JSON when it looks like JSON, YAML otherwise.
fn parse_document(path: &str, text: &str) -> Result<Value, Diagnostic> {
    let json = path.ends_with(".json") || text.trim_start().starts_with('{');
    let result = if json {
        serde_json::from_str::<Lenient>(text)
            .map(|v| v.0)
            .map_err(|error| crate::locate::json_syntax_error(path, text, &error))
    } else if let Some(line) = deep_flow_line(text) {
        let mut location = Location::new(path, "");
        location.line = Some(line);
        Err(Diagnostic::new(
            location,
            format!(
                "`[` and `{{` are nested more than {MAX_FLOW_DEPTH} levels deep here; no \
                 spec needs that many (and parsing them would take minutes)"
            ),
        ))
    } else {
        serde_yaml::from_str::<Lenient>(text)
            .map(|v| v.0)
            .map_err(|error| crate::locate::yaml_syntax_error(path, text, &error))
    };
    result.map(|mut value| {
        value.apply_merge().ok();
        value
    })
}

/// YAML flow collections nested deeper than this are refused before parsing: libyaml
/// takes time quadratic in their depth (a 100 kB line of `[` takes minutes), and serde
/// refuses more than 128 levels anyway.
const MAX_FLOW_DEPTH: usize = 1_000;

/// The line where `[` and `{` first nest deeper than [`MAX_FLOW_DEPTH`]. Brackets in
/// quoted scalars and comments are not counted (a quote or comment ends with its line
/// here, so this overestimates rather than misses); those in plain scalars are.
fn deep_flow_line(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let mut previous = b'\n';
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        if byte == b'\n' {
            line += 1;
            quote = None;
            comment = false;
        } else if comment {
        } else if let Some(open) = quote {
            match byte {
                b'\\' if open == b'"' => {
                    bytes.next_if(|next| *next != b'\n');
                }
                // `''` is an apostrophe inside a single-quoted scalar.
                b'\'' if open == b'\'' && bytes.next_if_eq(&b'\'').is_some() => {}
                byte if byte == open => quote = None,
                _ => {}
            }
        } else {
            let token_start = matches!(previous, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':');
            match byte {
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'"' | b'\'' if token_start => quote = Some(byte),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(line);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = byte;
    }
    None
}

/// The text of a mapping key usable as a pointer token (`200` as well as `"200"`).
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn ref_of(value: &Value) -> Option<&str> {
    value.as_mapping()?.get("$ref")?.as_str()
}

fn ref_value(key: &str) -> Value {
    let mut map = Mapping::with_capacity(1);
    map.insert(Value::from("$ref"), Value::from(schema_ref(key)));
    Value::Mapping(map)
}

/// Follows a JSON pointer (without `#`) inside `document`.
fn lookup<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    let mut current = document;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_token(token);
        current = match current {
            // String keys are a hash lookup; other keys (`200:`) are compared as text.
            Value::Mapping(map) => match map.get(&*token) {
                Some(value) => value,
                None => map
                    .iter()
                    .find(|(key, _)| !key.is_string() && key_text(key).as_deref() == Some(&*token))
                    .map(|(_, value)| value)?,
            },
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Follows a JSON pointer (without `#`) inside `document`, for changing what is there.
fn lookup_mut<'v>(document: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    let mut current = document;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_token(token);
        current = match current {
            Value::Mapping(map) => {
                let key = map
                    .keys()
                    .find(|key| key_text(key).as_deref() == Some(&*token))?
                    .clone();
                map.get_mut(&key)?
            }
            Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// `relative` resolved against the directory of `base`, with `.` and `..` folded.
fn join_path(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = match base.rfind('/') {
        Some(cut) => base[..cut].split('/').collect(),
        None => Vec::new(),
    };
    if relative.starts_with('/') {
        parts.clear();
        parts.push("");
    }
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." && !last.is_empty() => {
                    parts.pop();
                }
                _ => parts.push(".."),
            },
            part => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn fits_i64(value: &Value) -> bool {
    match value {
        Value::Number(number) => number.as_i64().is_some(),
        _ => true,
    }
}

/// A short description of a YAML value for messages.
pub(crate) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => format!("\"{text}\""),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
    }
}

/// The pointer of a `serde_path_to_error` path.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Map { key } => pointer = child(&pointer, key),
            Segment::Seq { index } => pointer = child(&pointer, &index.to_string()),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
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

    #[test]
    fn finds_deep_flow_nesting() {
        let deep = format!("a: 1\nb: {}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(deep_flow_line(&deep), Some(2));
        let quoted = format!(
            "a: '{}'\nb: \"{}\\\"\" # {}",
            "[".repeat(2000),
            "{".repeat(2000),
            "[".repeat(2000)
        );
        assert_eq!(deep_flow_line(&quoted), None);
        let balanced = "[{}], ".repeat(5000);
        assert_eq!(deep_flow_line(&balanced), None);
        // An apostrophe in a plain scalar starts no quote.
        let plain = format!("a: it's {}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(deep_flow_line(&plain), Some(1));
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_path("spec/a.yaml", "b.yml"), "spec/b.yml");
        assert_eq!(
            join_path("spec/x/a.yaml", "../../shared/h.yml"),
            "shared/h.yml"
        );
        assert_eq!(join_path("a.yaml", "../h.yml"), "../h.yml");
        assert_eq!(join_path("../s/a.yaml", "./r/d.yml"), "../s/r/d.yml");
        assert_eq!(join_path("/abs/a.yaml", "b.yml"), "/abs/b.yml");
    }

    #[test]
    fn source_map_prefers_the_longest_prefix() {
        let mut map = SourceMap {
            root: "root.yaml".into(),
            origins: HashMap::new(),
            schema_keys: HashMap::new(),
        };
        map.origins
            .insert("/paths/~1a/get".into(), Location::new("op.yml", ""));
        assert_eq!(
            map.locate("/paths/~1a/get/responses/200"),
            Location::new("op.yml", "/responses/200")
        );
        assert_eq!(map.locate("/info"), Location::new("root.yaml", "/info"));
    }
}
