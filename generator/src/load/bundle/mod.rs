//! Bundling: one document from many files, with only local `$ref`s.
//!
//! The root file is walked knowing what each position holds (see [`super::position`]),
//! and each `$ref` is rewritten by where it is:
//!
//! - in a *schema* position it is hoisted: the target becomes an entry of
//!   `components.schemas` (its key is the target's name for schemas of the root file's
//!   `components`, and `file#pointer` otherwise) and the `$ref` points there, so shared
//!   and recursive schemas stay shared and recursive;
//! - anywhere else (parameters, responses, headers, request bodies, path items,
//!   operations, tag descriptions) it is replaced by the target itself.
//!
//! Every file is parsed once, however many `$ref`s point into it. Parts the generator
//! never uses (examples, links, `x-` extensions below the root) are left out, so files
//! only they point to are never read. The [`SourceMap`] remembers where each bundled
//! part came from, so that later errors name the user's file and pointer.
//!
//! Problems found on the way (a `$ref` to nothing, a path without `/`) are recorded
//! with the bundled place they make unusable, for [`super::repair`] to give it up.
//! This file holds the bundler's state and how it reads files and follows `$ref`s;
//! `walk.rs` what it does at each position, `checks.rs` what it checks there, and
//! `swagger2.rs` the Swagger 2.0 forms it reads as OpenAPI 3 writes them, and
//! `query_path.rs` path keys with a query string in them.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::mpsc::{SendError, Sender};

use serde_yaml::{Mapping, Value};

use super::SourceReader;
use super::parse::{Prefetched, parse_document};
use super::pointer::{is_remote, join_path, lookup, percent_decode};
use super::position::{Holds, Position};
use super::read::Part;
use super::repair::{Fix, Problem};
use super::source_map::{Change, SourceMap, is_within, schema_pointer};
use super::version::Version;
use crate::diagnostics::{Diagnostic, Errors, Location, escape_token, unescape_token};

mod checks;
mod query_path;
mod swagger2;
mod walk;

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

/// How deep schemas may hold one another through `$ref`s (each level is a few frames of
/// recursion in loading and lowering; real specs need fewer than 10). Deeper, the
/// generator reports an error rather than running out of stack.
pub(crate) const MAX_NESTING: usize = 128;

/// Walks the spec's files into one document (see the module docs).
pub(super) struct Bundler<'r> {
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
    /// The spec's root file.
    root_file: Rc<str>,
    /// Where parts came from, as the walk finds out: the source map is built from them
    /// at the end.
    origins: Vec<Change>,
    errors: Vec<Diagnostic>,
    /// Where in the bundled document each error makes a part unusable (a pointer), what
    /// to give up for it, and the index of the error: see [`super::repair`].
    problems: Vec<(String, Fix, usize)>,
    warnings: Vec<Diagnostic>,
    /// Files parsed ahead of use, on all cores (see [`super::parse::prefetch`]).
    prefetched: Prefetched,
    /// Schemas being hoisted, each inside the one before (see [`MAX_NESTING`]).
    hoisting: usize,
    /// The version the document declares: its rules decide what is reported.
    version: Version,
    /// Where each hoisted schema and each path item goes once walked, to be read into
    /// `openapiv3` types on another thread while the walk goes on (see
    /// [`super::read::bundle_reading_ahead`]); `null` is kept in its place.
    read_ahead: Option<Sender<(Part, Value)>>,
    /// The Swagger 2.0 `consumes` and `produces` of the document and the operation being
    /// walked, for the forms that need them (see [`swagger2`]).
    media_types: swagger2::MediaTypes,
}

/// What bundling made: the document, and what was found on the way.
pub(super) struct Bundled {
    /// The whole API in one document.
    pub document: Value,
    /// Where each part of `document` came from.
    pub source_map: SourceMap,
    /// Things accepted but not used as written.
    pub warnings: Vec<Diagnostic>,
    /// Errors, each with the part of `document` it makes unusable.
    pub problems: Vec<Problem>,
    /// Every file read, sorted.
    pub files: Vec<String>,
    /// The files as parsed, no longer needed: freeing them is left to the caller, which
    /// can do it where it costs no one a wait.
    pub parsed: Vec<Value>,
}

impl<'r> Bundler<'r> {
    /// A bundler for the spec whose root file is `root`, with the files parsed ahead.
    pub(super) fn new(reader: &'r dyn SourceReader, root: &str, prefetched: Prefetched) -> Self {
        Bundler {
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
            root_file: Rc::from(root),
            origins: Vec::new(),
            errors: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            prefetched,
            hoisting: 0,
            version: Version::V30,
            read_ahead: None,
            media_types: swagger2::MediaTypes::default(),
        }
    }

    /// Hands each schema and path item to `sink` once walked (see `read_ahead`).
    pub(super) fn reading_ahead(mut self, sink: Sender<(Part, Value)>) -> Self {
        self.read_ahead = Some(sink);
        self
    }
}

impl Bundler<'_> {
    /// The parsed root file; the errors if it cannot be read or parsed.
    pub(super) fn root(&mut self) -> Result<Rc<Value>, Errors> {
        let root = self.root_file.clone();
        match self.file(&root) {
            Ok(document) => Ok(document),
            Err(Failure::Reported(_)) => Err(Errors(std::mem::take(&mut self.errors))),
            Err(Failure::Message(message)) => Err(Errors::one(Location::new(&*root, ""), message)),
        }
    }

    /// Bundles the root `document`, which declares `version`, and everything it refers to.
    pub(super) fn bundle(mut self, document: &Value, version: Version) -> Bundled {
        self.version = version;
        let mut bundled = self.walk_root(document);
        self.attach_schemas(&mut bundled);
        let Bundler {
            root_file,
            origins,
            warnings,
            files,
            errors,
            problems,
            schema_keys,
            ..
        } = self;
        let mut source_map = SourceMap::new(&root_file);
        source_map.apply(origins);
        source_map.set_schema_keys(
            schema_keys
                .into_iter()
                .map(|((file, pointer), key)| ((file.to_string(), pointer), key))
                .collect(),
        );
        let mut paths = Vec::with_capacity(files.len());
        let mut parsed = Vec::with_capacity(files.len());
        for (path, file) in files {
            paths.push(path.to_string());
            // Nothing else holds a parsed file once the walk is done.
            if let Ok(Ok(value)) = file.map(Rc::try_unwrap) {
                parsed.push(value);
            }
        }
        paths.sort();
        let problems = problems
            .into_iter()
            .filter_map(|(out, fix, index)| {
                errors.get(index).map(|diagnostic| Problem {
                    out,
                    fix,
                    diagnostic: diagnostic.clone(),
                })
            })
            .collect();
        Bundled {
            document: bundled,
            source_map,
            warnings,
            problems,
            files: paths,
            parsed,
        }
    }

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

    /// Records that the part at `from` of the mapping being completed (a pointer relative
    /// to it) was moved to `to`: its problems and its place in the user's file go with
    /// it.
    fn moved(&mut self, from: &str, to: &str) {
        let from = format!("{}{from}", self.cursor.out);
        let to = format!("{}{to}", self.cursor.out);
        for (out, _, _) in &mut self.problems {
            if is_within(out, &from) {
                *out = format!("{to}{}", &out[from.len()..]);
            }
        }
        self.origins.push(Change::Moved { from, to });
    }

    /// Records that the bundled part at `out` was taken from `origin`.
    fn origin(&mut self, out: String, origin: Location) {
        self.origins.push(Change::Origin { out, origin });
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
        self.origin(out.clone(), Location::new(&*file, pointer.clone()));
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

    /// The file and pointer that `reference` (relative to the current file) names,
    /// without looking there.
    fn target(&self, reference: &str) -> Result<(Rc<str>, String), Failure> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((file, fragment)) => (file, fragment),
            None => (reference, ""),
        };
        if is_remote(file_part) {
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
        Ok((file, pointer))
    }

    /// Resolves `reference` (relative to the current file) to the file and pointer it
    /// names, and the file, checking that something is there.
    fn resolve(&mut self, reference: &str) -> Result<(Rc<str>, String, Rc<Value>), Failure> {
        let (file, pointer) = self.target(reference)?;
        self.look_into(reference, file, pointer)
    }

    /// `file`, where `reference` points at `pointer`, checking that something is there.
    fn look_into(
        &mut self,
        reference: &str,
        file: Rc<str>,
        pointer: String,
    ) -> Result<(Rc<str>, String, Rc<Value>), Failure> {
        let document = self.file(&file).map_err(|failure| match failure {
            Failure::Message(message) => {
                Failure::Message(format!("`$ref: {reference}` cannot be followed: {message}"))
            }
            reported => reported,
        })?;
        match lookup(&document, &pointer) {
            Some(_) => Ok((file, pointer, document)),
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

    /// Makes `file#pointer` an entry of `components.schemas` (once) and returns its key.
    fn hoist(&mut self, file: Rc<str>, pointer: String) -> Result<String, Failure> {
        let id = (file, pointer);
        if let Some(key) = self.schema_keys.get(&id) {
            return Ok(key.clone());
        }
        let (file, pointer) = id;
        let is_root = file == self.root_file;
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
            match lookup(&document, &pointer) {
                Some(Value::Null) => b
                    .null_here("the schema", Holds::One(Position::Schema))
                    .unwrap_or_default(),
                Some(target) => b.walk(Position::Schema, Position::Schema, target),
                None => Value::Null,
            }
        });
        self.hoisting -= 1;
        self.schemas[index].1 = self.hand_over(
            Part::Schema {
                index,
                key: key.clone(),
            },
            walked,
        );
        Ok(key)
    }

    /// Hands the walked `part` (`value`) over to be read ahead, if it is; what stays in
    /// its place (`null` if it went).
    fn hand_over(&self, part: Part, value: Value) -> Value {
        match &self.read_ahead {
            Some(sink) => match sink.send((part, value)) {
                Ok(()) => Value::Null,
                Err(SendError((_, value))) => value,
            },
            None => value,
        }
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
