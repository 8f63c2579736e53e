//! Stage 1, load: read the spec files and make them one `openapiv3` document.
//!
//! Real specs are split over many files (`$ref: './definitions.yml#/apiThing'`), put
//! `$ref`s where OpenAPI 3.0 does not strictly allow them (a whole operation, a tag's
//! description) and break its rules in places; `openapiv3` reads one document with
//! local references only, and fails on any mistake. [`load`] runs the steps between,
//! each a module of this folder, best read in this order:
//!
//! 1. `parse.rs`: read the root and every file it refers to, and parse them (on every
//!    core, as YAML or JSON; what would lose data, such as a key given twice, is an
//!    error worded by `locate`);
//! 2. `version.rs`: the root must be an OpenAPI 3.0 or 3.1 document;
//! 3. `bundle/`: walk the document by what each position holds, following `$ref`s into
//!    other files, into one document whose only `$ref`s point into its own
//!    `components.schemas`, with a [`SourceMap`] back to the files the user wrote;
//!    `dialect/` rewrites JSON Schema 2020-12 (OpenAPI 3.1's, or a 3.0 document's
//!    habits) into 3.0 forms on the way, moving subschemas where 3.0 has them (the
//!    source map follows). Problems found here (a `$ref` to nothing) are kept with the
//!    part they make unusable;
//! 4. `read.rs`: deserialize into `openapiv3` types (the document, and apart from it the
//!    3.1 `webhooks`, which `openapiv3`'s 3.0 model has no place for), each schema and
//!    path item on a second thread as soon as the bundler has walked it. When that fails,
//!    `explain.rs` finds each part that does not fit and says why; `repair.rs` gives up
//!    the smallest part that contains each problem (a schema becomes any value, an
//!    operation is skipped), and the rest is read again, in rounds, so that one mistake
//!    does not cost the client.
//!
//! An OpenAPI 3.1 document is read through the same steps into the same 3.0 model: what
//! its version adds is either rewritten into 3.0 forms (JSON Schema 2020-12, `$ref`s
//! with other keywords beside them), marked for lowering where 3.0 has no form (tuples,
//! base64 content: see `dialect/`), or kept beside the model in [`Loaded`] (webhooks,
//! `info.summary`, `license.identifier`).
//!
//! What each position of a document holds is described once, in `position.rs`, for
//! the bundler's walk and the explainer's; `pointer.rs` finds things in parsed
//! documents for all of them.

use crate::diagnostics::{Diagnostic, Errors};

mod bundle;
mod dialect;
mod explain;
mod parse;
mod pointer;
mod position;
mod read;
mod repair;
mod source_map;
mod version;

pub(crate) use bundle::MAX_NESTING;
pub(crate) use dialect::{BASE64, TUPLE};
pub(crate) use position::is_method;
pub use source_map::{SourceMap, schema_pointer, schema_ref};
pub use version::Version;

use bundle::{Bundled, Bundler};

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
    /// The OpenAPI version the document declares.
    pub version: Version,
    /// The document's `webhooks` (OpenAPI 3.1): requests the API sends, by name, in the
    /// document's order. Their `$ref`s are resolved as in `paths`.
    pub webhooks: indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>,
    /// `info.summary` (OpenAPI 3.1).
    pub summary: Option<String>,
    /// `info.license.identifier` (OpenAPI 3.1): the SPDX expression of the licence.
    pub license_identifier: Option<String>,
    /// What loading made on the way and no longer needs (the files as parsed, the
    /// bundled document): a tree as large as the spec, which takes a while to free. The
    /// pipeline frees it on a thread that has time ([`Loaded::take_spent`]).
    spent: Vec<serde_yaml::Value>,
}

impl Loaded {
    /// Takes what loading no longer needs, to be freed wherever it suits the caller
    /// (it is freed with `self` otherwise).
    pub(crate) fn take_spent(&mut self) -> Vec<serde_yaml::Value> {
        std::mem::take(&mut self.spent)
    }
}

/// Reads `root` and every file it refers to, and bundles them into one document.
pub fn load(reader: &dyn SourceReader, root: &str) -> Result<Loaded, Errors> {
    let prefetched = parse::prefetch(reader, root);
    let mut bundler = Bundler::new(reader, root, prefetched);
    let document = bundler.root()?;
    let version = version::check_version(&document, root)?;
    let (
        Bundled {
            document: mut bundled,
            source_map,
            mut warnings,
            mut problems,
            files,
            parsed,
        },
        read_ahead,
    ) = read::bundle_reading_ahead(bundler, &document, version);
    // The parts read while bundling, unless problems found there change the document.
    let mut already_read = read_ahead
        .restore(&mut bundled)
        .filter(|_| problems.is_empty());
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
                    errors.extend(explain::misfits(&bundled, &source_map));
                }
                return Err(Errors(finish(errors)));
            }
        };
        warnings.extend(repairs.warnings);
        skipped.extend(repairs.skipped);
        // From a reference, so that the error path still has the document (this costs
        // no more than consuming it: the strings are copied instead of moved, but
        // dropping the document afterwards is cheaper). Tracking the path of a misfit
        // costs time on every value, so it is done only once a misfit is known.
        let read = read::read(&mut bundled, already_read.take())
            .ok_or(())
            .or_else(|()| serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&bundled));
        match read {
            Ok(spec) => match webhooks(&bundled) {
                Ok(webhooks) => {
                    let text = |pointer: &str| {
                        pointer::lookup(&bundled, pointer)
                            .and_then(serde_yaml::Value::as_str)
                            .map(str::to_owned)
                    };
                    let summary = text("/info/summary");
                    let license_identifier = text("/info/license/identifier");
                    let mut spent = parsed;
                    spent.push(bundled);
                    return Ok(Loaded {
                        spec,
                        source_map,
                        warnings: finish(warnings),
                        skipped: finish(skipped),
                        files,
                        version,
                        webhooks,
                        summary,
                        license_identifier,
                        spent,
                    });
                }
                Err(misfits) => {
                    problems = explain::webhook_problems(&bundled, &source_map, misfits)
                }
            },
            Err(error) => {
                problems = explain::problems(&bundled, &source_map);
                if problems.is_empty() {
                    return Err(explain::explain(&source_map, &error));
                }
            }
        }
    }
    Err(Errors(finish(
        problems.into_iter().map(|p| p.diagnostic).collect(),
    )))
}

/// The webhooks of the bundled document, each read on its own; the names of those that
/// do not fit a path item if any.
fn webhooks(
    bundled: &serde_yaml::Value,
) -> Result<indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>, Vec<String>> {
    let mut webhooks = indexmap::IndexMap::new();
    let mut misfits = Vec::new();
    let entries = bundled
        .get("webhooks")
        .and_then(serde_yaml::Value::as_mapping)
        .into_iter()
        .flatten();
    for (key, item) in entries {
        let Some(name) = pointer::key_text(key) else {
            continue;
        };
        if name.starts_with("x-") {
            continue;
        }
        match serde_yaml::from_value(item.clone()) {
            Ok(item) => {
                webhooks.insert(name, item);
            }
            Err(_) => misfits.push(name),
        }
    }
    match misfits.is_empty() {
        true => Ok(webhooks),
        false => Err(misfits),
    }
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
