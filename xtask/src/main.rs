//! Project tasks, run as `cargo xtask <task>`.
//!
//! - `codegen [--check] [--strict] [--no-cache] [--spec PATH --out DIR] [--crate-name NAME] [--token-env VAR] [--settings FILE]`:
//!   regenerate a client crate (by default `generated/` from `spec/openapi.yaml`), with
//!   the settings of `codegen.yaml` next to the spec (see `docs/settings.md`);
//! - `bench [--spec PATH] [--quick]`: generation speed and memory, and the cost of
//!   compiling the output (see `bench.rs`);
//! - `corpus [DIR] [--out DIR] [--no-check]`: generate and `cargo check` a crate for
//!   every spec of a corpus of real-world descriptions, as a Markdown table (see
//!   `corpus.rs`);
//! - `models [--spec PATH] [--runs N] [--no-examples] [--baseline DIR]`: how faithful and readable the
//!   generated models of a spec are: its success examples decoded and written back,
//!   names, docs and constructors counted, `cargo check` timed (see `models.rs`).

mod bench;
mod codegen;
mod corpus;
mod models;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--strict] [--no-cache] [--spec PATH --out DIR] [--crate-name NAME] [--token-env VAR] [--settings FILE]

  codegen            regenerate generated/ from spec/openapi.yaml
  --check            write nothing; fail if any generated file is stale
  --strict           fail on any warning or skipped operation (for specs you own)
  --no-cache         format every item again instead of reusing the text of the items
                     unchanged since the last run (kept under target/; same output)
  --spec PATH        the root spec file (YAML or JSON, OpenAPI 3.0 or 3.1)
  --out DIR          where to write a standalone crate (with its Cargo.toml)
  --crate-name NAME  package name of the standalone crate (default: the --out folder name)
  --token-env VAR    environment variable Client::from_env reads the token from
  --settings FILE    the settings file (default: codegen.yaml next to the spec, if any);
                     flags win over it; every setting is in docs/settings.md

usage: cargo xtask bench [--spec PATH] [--quick]

  bench              time and memory of generation against a YAML-parsing baseline, and
                     cargo check/build of the generated crate (default spec: the whole
                     DigitalOcean API in ../shared); --quick: fewer runs, no cargo build

usage: cargo xtask corpus [DIR] [--out DIR] [--no-check]

  corpus             generate a crate for every .yaml/.yml/.json spec under DIR (default
                     ../shared/corpus/v30) into --out (default target/corpus, emptied
                     first), cargo check each (RUSTFLAGS=-D warnings, one shared target
                     dir), and print a Markdown table; fails if any spec fails either
  --no-check         generate only

usage: cargo xtask models [--spec PATH] [--runs N] [--no-examples] [--baseline DIR]

  models             generate a crate (default: the whole DigitalOcean API in ../shared),
                     decode each JSON example of a success response and write it back,
                     count names, docs and constructors, and time `cargo check` N times
                     (default 3) under target/models; --baseline DIR: time another crate
                     generated from the same spec (--crate-name models_report) in turn";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen::Args::parse(&args[1..]) {
            Ok(parsed) => codegen::run(&parsed),
            Err(message) => {
                eprintln!("error: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("bench") => bench::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("models") => models::run(&args[1..]),
        Some("bench-memory") => bench::memory_child(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
