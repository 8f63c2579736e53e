//! An OpenAPI 3.0 and 3.1 → Rust client generator.
//!
//! [`generate`] is the whole pipeline, a function from spec text to source text; the
//! only I/O is reading spec files through the caller's [`SourceReader`] ([`generate_reusing`]
//! also takes and gives back the formatted text of the last run, which the caller keeps):
//!
//! 1. [`load`]: parse YAML/JSON files and bundle their `$ref`s into one `openapiv3` document;
//! 2. [`lower`]: OpenAPI → [`ir`], where every name (through `names`), type, adapter and
//!    error is decided;
//! 3. [`emit`]: IR → tokens with `quote` (and `lib.rs`, `Cargo.toml` as text), a printer
//!    that cannot fail;
//! 4. [`render`]: tokens → `prettyplease`-formatted files with a header, reusing the text
//!    of pieces unchanged since the last run when a render cache is given.
//!
//! Read the module docs in that order to follow a schema from YAML to an emitted struct
//! (`docs/design.md` names the functions on the way).
//!
//! Nothing in this crate knows about any particular API.

pub mod diagnostics;
mod docs;
pub mod emit;
pub mod ir;
pub mod load;
mod locate;
pub mod lower;
mod names;
mod parallel;
pub mod render;
pub mod settings;

/// The usage example of the project README, compiled as a doctest against `generated`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

// The runtime is not compiled here (it is copied into generated crates and compiled
// there); declaring it under a false `cfg` makes `cargo fmt` format and check it.
#[cfg(any())]
#[path = "../runtime/mod.rs"]
mod runtime_sources;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, Errors, Location};
pub use load::SourceReader;
pub use lower::Report;
pub use names::{crate_name, crate_name_problem};

/// What the caller decides rather than the spec (see [`settings`] for the file that
/// holds them).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The root spec file as named in generated headers (relative, `/`-separated).
    pub spec_file: String,
    /// The crate's package name (used in its `Cargo.toml`).
    pub crate_name: String,
    /// Environment variable for the API token; see [`lower::LowerOptions::token_env`].
    pub token_env: Option<String>,
    /// Also write `Cargo.toml` (for a standalone crate).
    pub manifest: bool,
    /// Refuse the spec if it needs any leniency: every warning and every skipped
    /// operation becomes an error (`cargo xtask codegen --strict`), for teams that own
    /// their spec. Fallbacks (what the spec itself leaves untyped) are still allowed.
    pub strict: bool,
    /// Names chosen instead of the ones derived from the spec.
    pub renames: settings::Renames,
    /// Formats written as a type of another crate, by `format` value.
    pub formats: BTreeMap<String, settings::FormatType>,
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the crate directory, `/`-separated (`src/models.rs`).
    pub path: String,
    /// The full contents.
    pub contents: String,
}

/// How long each stage took, and how much of the output was formatted anew.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading, parsing and bundling the files.
    pub load: Duration,
    /// OpenAPI → IR.
    pub lower: Duration,
    /// IR → tokens, summed over the threads that did it.
    pub emit: Duration,
    /// Tokens → formatted text, summed over the threads that did it.
    pub render: Duration,
    /// Wall time of emit and render together (they run in parallel, chunk by chunk).
    pub emit_render_wall: Duration,
    /// Pieces of output (a type, an operation's module…) formatted in this run.
    pub formatted: usize,
    /// Pieces of output taken from the render cache instead.
    pub reused: usize,
}

/// The result of a successful run.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The crate's files, sorted by path.
    pub files: Vec<OutputFile>,
    /// Fallbacks, warnings and skipped operations.
    pub report: Report,
    /// Every spec file that was read, sorted.
    pub sources: Vec<String>,
    /// Number of operations.
    pub operations: usize,
    /// Number of named types.
    pub types: usize,
    /// The crate's cargo features per tag, by name (its `[features]` section is
    /// [`emit::features_section`] of them).
    pub features: Vec<String>,
    /// Time per stage.
    pub timings: Timings,
}

/// Generates a client crate from the spec at `root` (read through `reader`).
pub fn generate(
    reader: &dyn SourceReader,
    root: &str,
    options: &Options,
) -> Result<Generated, Errors> {
    let no_cache: Option<fn() -> render::Cache> = None;
    run(reader, root, options, no_cache).map(|(generated, _)| generated)
}

/// [`generate`], taking the text of every piece of output unchanged since the run that
/// made the cache `read_cache` gives from it instead of formatting it again; also
/// returns the cache for the next run (this run's pieces). The output is the same as
/// [`generate`]'s. `read_cache` is called on another thread while the spec is loaded
/// (the cache of a large API is megabytes to read).
pub fn generate_reusing(
    reader: &dyn SourceReader,
    root: &str,
    options: &Options,
    read_cache: impl FnOnce() -> render::Cache + Send,
) -> Result<(Generated, render::Cache), Errors> {
    run(reader, root, options, Some(read_cache))
        .map(|(generated, cache)| (generated, cache.unwrap_or_default()))
}

/// The pipeline, with a render cache (read by `read_cache`) or without.
fn run(
    reader: &dyn SourceReader,
    root: &str,
    options: &Options,
    read_cache: Option<impl FnOnce() -> render::Cache + Send>,
) -> Result<(Generated, Option<render::Cache>), Errors> {
    let start = Instant::now();
    // Errors get their lines here, on the error path only (see `locate`).
    let reread = |path: &str| reader.read(path).ok();
    let (loaded, cache) = parallel::join(
        || load::load(reader, root),
        || read_cache.map(|read| read()),
    );
    let mut loaded = loaded.map_err(|errors| locate::add_lines(errors, &reread))?;
    let loaded_at = Instant::now();
    let lower_options = lower::LowerOptions {
        spec_file: options.spec_file.clone(),
        token_env: options.token_env.clone(),
        renames: options.renames.clone(),
        formats: options.formats.clone(),
    };
    // The files that the report's diagnostics name are scanned for their lines on
    // another thread as lowering names them: lowering keeps one core busy, and a large
    // file took a tenth of a warm run of the unoptimized build on its own afterwards.
    // That thread first frees what loading no longer needs (the files as parsed, the
    // bundled document: as long to free as a tenth of loading).
    let spent = loaded.take_spent();
    let (files, named) = std::sync::mpsc::channel::<String>();
    let (lowered, scanned) = parallel::join(
        || {
            let named = move |file: &str| {
                // The scanning thread outlives lowering: sending cannot fail.
                let _ = files.send(file.to_owned());
            };
            lower::lower_naming_files(&loaded, &lower_options, &named)
        },
        move || {
            drop(spent);
            locate::scan_as_named(named, &reread)
        },
    );
    let (api, report) = lowered.map_err(|errors| locate::add_lines(errors, &reread))?;
    let lowered_at = Instant::now();
    let files = std::mem::take(&mut loaded.files);
    // What was loaded is a tree of a few hundred thousand values: freeing it took a
    // twentieth of a warm run of the unoptimized build. It is freed on another thread
    // while the code is emitted.
    let (finished, ()) = parallel::join(
        || finish(api, report, files, options, cache, &reread, scanned),
        move || drop(loaded),
    );
    let (mut generated, cache) = finished?;
    generated.timings.load = loaded_at - start;
    // The lines of the report were found after lowering; both count as lowering.
    generated.timings.lower += lowered_at - loaded_at;
    Ok((generated, cache))
}

/// What follows lowering: the report's lines, `--strict`, and the crate's files from `api`
/// (`sources` are the spec's files that were read).
fn finish(
    api: ir::Api,
    mut report: Report,
    sources: Vec<String>,
    options: &Options,
    cache: Option<render::Cache>,
    reread: locate::Reread<'_>,
    scanned: locate::Scanned,
) -> Result<(Generated, Option<render::Cache>), Errors> {
    let started = Instant::now();
    locate::fill_lines(
        &mut [
            &mut report.fallbacks,
            &mut report.warnings,
            &mut report.skipped,
        ],
        reread,
        scanned,
    );
    if options.strict {
        let refused: Vec<Diagnostic> = report
            .warnings
            .iter()
            .chain(&report.skipped)
            .cloned()
            .collect();
        if !refused.is_empty() {
            return Err(Errors(refused));
        }
    }
    let emitting_at = Instant::now();
    let (rendered, mut timings, cache) = emit_and_render(&api, cache)?;
    let emitted_at = Instant::now();

    let mut files = vec![OutputFile {
        path: "src/lib.rs".into(),
        contents: emit::crate_files::lib_rs(&api),
    }];
    files.extend(rendered);
    for (name, source) in emit::RUNTIME_FILES {
        files.push(OutputFile {
            path: format!("src/runtime/{name}"),
            contents: emit::crate_files::runtime_file(name, source),
        });
    }
    if options.manifest {
        files.push(OutputFile {
            path: "Cargo.toml".into(),
            contents: emit::crate_files::cargo_toml(&api, &options.crate_name, &options.formats),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.lower = emitting_at - started;
    timings.emit_render_wall = emitted_at - emitting_at;
    let generated = Generated {
        files,
        report,
        sources,
        operations: api.operations.len(),
        types: api.types.len(),
        features: emit::crate_files::feature_names(&api),
        timings,
    };
    Ok((generated, cache))
}

/// Emits and formats every chunk of the generated sources, on as many threads as the
/// machine has (chunks are independent; the output does not depend on the thread count),
/// taking from `cache` what it holds. Returns the files, the time spent emitting and
/// formatting (summed over threads), and the cache of this run's pieces.
fn emit_and_render(
    api: &ir::Api,
    cache: Option<render::Cache>,
) -> Result<(Vec<OutputFile>, Timings, Option<render::Cache>), Errors> {
    let chunks = emit::chunks(api);
    let done = parallel::map(&chunks, |chunk| {
        let started = Instant::now();
        let pieces = emit::chunk_pieces(api, chunk);
        let listed = started.elapsed();
        let path = chunk.path();
        let rendered = render::format_chunk(pieces, cache.as_ref(), &api.spec_file, &path);
        (path, rendered, listed, started.elapsed())
    });
    let mut timings = Timings::default();
    let mut files: Vec<OutputFile> = Vec::new();
    let (mut reused, mut formatted) = (Vec::new(), Vec::new());
    for (path, rendered, listing, total) in done {
        let rendered = rendered?;
        timings.emit += listing + rendered.emit;
        timings.render += total.saturating_sub(listing + rendered.emit);
        timings.reused += rendered.reused.len();
        timings.formatted += rendered.formatted_count;
        reused.extend(rendered.reused);
        formatted.extend(rendered.formatted);
        match files.last_mut() {
            Some(file) if file.path == path => file.contents.push_str(&rendered.text),
            _ => {
                let mut contents = emit::crate_files::header(&api.spec_file);
                contents.push_str(&rendered.text);
                files.push(OutputFile { path, contents });
            }
        }
    }
    let cache = cache.map(|cache| cache.keep(&reused, formatted));
    Ok((files, timings, cache))
}

/// Reads spec files from memory: for tests, fuzzing and benchmarks.
#[derive(Clone, Debug, Default)]
pub struct MemoryReader {
    files: BTreeMap<String, String>,
}

impl MemoryReader {
    /// A reader holding `files` (path → text).
    pub fn new<P: Into<String>, T: Into<String>>(files: impl IntoIterator<Item = (P, T)>) -> Self {
        Self {
            files: files
                .into_iter()
                .map(|(path, text)| (path.into(), text.into()))
                .collect(),
        }
    }
}

impl SourceReader for MemoryReader {
    fn read(&self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file".to_owned())
    }
}
