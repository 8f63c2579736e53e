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
//! 2. `version.rs`: the root must be an OpenAPI 3.0 document;
//! 3. `bundle/`: walk the document by what each position holds, following `$ref`s into
//!    other files, into one document whose only `$ref`s point into its own
//!    `components.schemas`, with a [`SourceMap`] back to the files the user wrote;
//!    `dialect.rs` rewrites JSON Schema habits beyond 3.0 on the way. Problems found
//!    here (a `$ref` to nothing) are kept with the part they make unusable;
//! 4. deserialize into `openapiv3` types. When that fails, `explain.rs` finds each
//!    part that does not fit and says why; `repair.rs` gives up the smallest part that
//!    contains each problem (a schema becomes any value, an operation is skipped), and
//!    the rest is read again, in rounds, so that one mistake does not cost the client.
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
mod repair;
mod source_map;
mod version;

pub(crate) use bundle::MAX_NESTING;
pub(crate) use position::is_method;
pub use source_map::{SourceMap, schema_pointer, schema_ref};

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
}

/// Reads `root` and every file it refers to, and bundles them into one document.
pub fn load(reader: &dyn SourceReader, root: &str) -> Result<Loaded, Errors> {
    let prefetched = parse::prefetch(reader, root);
    let mut bundler = Bundler::new(reader, root, prefetched);
    let document = bundler.root()?;
    version::check_version(&document, root)?;
    let Bundled {
        document: mut bundled,
        source_map,
        mut warnings,
        mut problems,
        files,
    } = bundler.bundle(&document);
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

/// How many times parts are given up and the rest read again (see [`repair`]): a part
/// that misfits is found in the first round, unless it hides inside another misfit.
const MAX_REPAIR_ROUNDS: usize = 8;

/// Sorts and de-duplicates diagnostics: a shared part used in many places is reported once.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}
