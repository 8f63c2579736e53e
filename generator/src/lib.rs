//! An OpenAPI 3.0 → Rust client generator.
//!
//! [`generate`] is the whole pipeline, a function from spec text to source text; the
//! only I/O is reading spec files through the caller's [`SourceReader`]:
//!
//! 1. [`load`]: parse YAML/JSON files and bundle their `$ref`s into one `openapiv3` document;
//! 2. [`lower`]: OpenAPI → [`ir`], where every name, type and error is decided;
//! 3. [`emit`]: IR → tokens with `quote`, infallible;
//! 4. [`render`]: tokens → `prettyplease`-formatted files with a header.
//!
//! Nothing in this crate knows about any particular API.

pub mod diagnostics;
mod docs;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
mod names;
pub mod render;

/// The usage example of the project README, compiled as a doctest against `generated`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

// The runtime is not compiled here (it is copied into generated crates and compiled
// there); declaring it under a false `cfg` makes `cargo fmt` format and check it.
#[cfg(any())]
#[path = "../runtime/mod.rs"]
mod runtime_sources;

use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, Errors, Location};
pub use load::SourceReader;
pub use lower::Report;

/// What the caller decides rather than the spec.
#[derive(Clone, Debug)]
pub struct Options {
    /// The root spec file as named in generated headers (relative, `/`-separated).
    pub spec_file: String,
    /// The crate's package name (used in its `Cargo.toml`).
    pub crate_name: String,
    /// Environment variable for the API token; see [`lower::LowerOptions::token_env`].
    pub token_env: Option<String>,
    /// Also write `Cargo.toml` (for a standalone crate).
    pub manifest: bool,
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the crate directory, `/`-separated (`src/models.rs`).
    pub path: String,
    /// The full contents.
    pub contents: String,
}

/// How long each stage took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading, parsing and bundling the files.
    pub load: Duration,
    /// OpenAPI → IR.
    pub lower: Duration,
    /// IR → tokens.
    pub emit: Duration,
    /// Tokens → formatted text.
    pub render: Duration,
}

/// The result of a successful run.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The crate's files, sorted by path.
    pub files: Vec<OutputFile>,
    /// Fallbacks and warnings.
    pub report: Report,
    /// Number of operations.
    pub operations: usize,
    /// Number of named types.
    pub types: usize,
    /// Time per stage.
    pub timings: Timings,
}

/// Generates a client crate from the spec at `root` (read through `reader`).
pub fn generate(
    reader: &dyn SourceReader,
    root: &str,
    options: &Options,
) -> Result<Generated, Errors> {
    let start = Instant::now();
    let loaded = load::load(reader, root)?;
    let loaded_at = Instant::now();
    let lower_options = lower::LowerOptions {
        spec_file: options.spec_file.clone(),
        token_env: options.token_env.clone(),
    };
    let (api, report) = lower::lower(&loaded, &lower_options)?;
    let lowered_at = Instant::now();
    let emitted = emit::emit(&api);
    let emitted_at = Instant::now();

    let mut files = vec![
        OutputFile {
            path: "src/lib.rs".into(),
            contents: render::lib_rs(&api),
        },
        OutputFile {
            path: "src/client.rs".into(),
            contents: render::format(emitted.client, &api.spec_file, "client")?,
        },
        OutputFile {
            path: "src/models.rs".into(),
            contents: render::format(emitted.models, &api.spec_file, "models")?,
        },
        OutputFile {
            path: "src/operations.rs".into(),
            contents: render::format(emitted.operations, &api.spec_file, "operations")?,
        },
    ];
    for (name, source) in render::RUNTIME_FILES {
        files.push(OutputFile {
            path: format!("src/runtime/{name}"),
            contents: render::runtime_file(name, source),
        });
    }
    if options.manifest {
        files.push(OutputFile {
            path: "Cargo.toml".into(),
            contents: render::cargo_toml(&api, &options.crate_name),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let rendered_at = Instant::now();
    Ok(Generated {
        files,
        report,
        operations: api.operations.len(),
        types: api.types.len(),
        timings: Timings {
            load: loaded_at - start,
            lower: lowered_at - loaded_at,
            emit: emitted_at - lowered_at,
            render: rendered_at - emitted_at,
        },
    })
}

/// Reads spec files from memory: for tests, fuzzing and benchmarks.
#[derive(Clone, Debug, Default)]
pub struct MemoryReader {
    files: std::collections::BTreeMap<String, String>,
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
