//! `cargo xtask corpus [DIR] [--out DIR] [--no-check]`: how the generator fares on a
//! corpus of real-world OpenAPI descriptions.
//!
//! Every `.yaml`, `.yml` and `.json` file under DIR (default `../shared/corpus/v30`,
//! relative to the workspace root) is taken as a spec and generated, one after the other
//! (a large spec takes a few hundred MB while it is generated), into a standalone crate
//! `<out>/<name>/` (default out: `target/corpus`; the name is the file's path under DIR
//! without its extension, made a valid package name). A spec that fails to generate
//! does not stop the others.
//!
//! The crates are then members of one throw-away workspace (`<out>/Cargo.toml`, with
//! the project's `Cargo.lock`) sharing one target dir (`<out>-target`), so the
//! dependencies are built once: first through an empty member with the generated crates'
//! dependencies, then each crate is checked on its own (`cargo check -p`, timed) with
//! `RUSTFLAGS=-D warnings`, `--offline` and `CARGO_INCREMENTAL=0`.
//!
//! Prints a Markdown table (operations generated and skipped, fallbacks, warnings, check
//! result and time per spec, then totals) and the first errors of every spec that
//! failed; exits non-zero when any spec failed to generate or check.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::codegen::{self, Mode, workspace_root};

/// Errors shown per failed spec.
const FIRST_ERRORS: usize = 3;

/// The member that only has the generated crates' dependencies.
const DEPENDENCIES_CRATE: &str = "corpus-dependencies";

/// Parsed command line of `corpus`.
#[derive(Clone, Debug)]
pub struct Args {
    /// The folder of specs.
    pub dir: PathBuf,
    /// Where the crates (and the workspace) are written; emptied first.
    pub out: PathBuf,
    /// Run `cargo check` on the crates.
    pub check: bool,
}

impl Args {
    /// Parses the arguments after `corpus`.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = workspace_root();
        let mut dir = None;
        let mut out = None;
        let mut check = true;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--no-check" => check = false,
                "--out" => {
                    out = Some(PathBuf::from(iter.next().ok_or("--out needs a value")?));
                }
                other if other.starts_with('-') => {
                    return Err(format!("unknown argument `{other}`"));
                }
                other if dir.is_none() => dir = Some(PathBuf::from(other)),
                other => return Err(format!("one DIR only, `{other}` is another")),
            }
        }
        Ok(Self {
            dir: dir.unwrap_or_else(|| root.join("../shared/corpus/v30")),
            out: out.unwrap_or_else(|| root.join("target/corpus")),
            check,
        })
    }
}

/// One spec of the corpus and what became of it.
struct Row {
    /// Path under DIR, `/`-separated.
    spec: String,
    /// Package name, and folder under `out`.
    name: String,
    generation: Generation,
    check: Check,
}

enum Generation {
    Generated {
        operations: usize,
        skipped: usize,
        fallbacks: usize,
        warnings: usize,
    },
    /// The first errors, and how many there were.
    Failed { errors: Vec<String>, count: usize },
}

enum Check {
    NotRun,
    Ok(Duration),
    /// The first compiler errors.
    Failed(Duration, Vec<String>),
}

/// Runs `cargo xtask corpus`.
pub fn run(args: &[String]) -> ExitCode {
    let args = match Args::parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::USAGE);
            return ExitCode::from(2);
        }
    };
    match corpus(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Generates and checks every spec; `Ok(false)` when any failed.
fn corpus(args: &Args) -> Result<bool, String> {
    let specs = find_specs(&args.dir)
        .map_err(|error| format!("cannot list specs in {}: {error}", args.dir.display()))?;
    if specs.is_empty() {
        return Err(format!(
            "no .yaml, .yml or .json file in {}",
            args.dir.display()
        ));
    }
    match fs::remove_dir_all(&args.out) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("cannot empty {}: {error}", args.out.display())),
    }
    let mut names = vec![DEPENDENCIES_CRATE.to_owned()];
    let mut rows = Vec::new();
    for spec in specs {
        let name = crate_name(&spec, &names);
        names.push(name.clone());
        eprintln!("generating {spec} → {}", args.out.join(&name).display());
        let generation = generate(args, &spec, &name);
        rows.push(Row {
            spec,
            name,
            generation,
            check: Check::NotRun,
        });
    }
    let dependencies = if args.check {
        Some(check(args, &mut rows)?)
    } else {
        None
    };
    print!("{}", table(&rows, dependencies));
    let failed = rows.iter().any(|row| {
        matches!(row.generation, Generation::Failed { .. })
            || matches!(row.check, Check::Failed(..))
    });
    Ok(!matches!(dependencies, Some(None)) && !failed)
}

/// The spec files under `dir`, as sorted `/`-separated paths relative to it.
fn find_specs(dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| {
                matches!(extension.to_str(), Some("yaml" | "yml" | "json"))
            }) && let Ok(relative) = path.strip_prefix(dir)
            {
                let parts: Vec<String> = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A package name for `spec` not in `taken`: its path without the extension, made a
/// valid Cargo name as `codegen` makes one, with a number behind it when needed to be
/// unique.
fn crate_name(spec: &str, taken: &[String]) -> String {
    let stem = spec.rsplit_once('.').map_or(spec, |(stem, _)| stem);
    let name = generator::crate_name(stem);
    let mut unique = name.clone();
    let mut number = 2;
    while taken.contains(&unique) {
        unique = format!("{name}-{number}");
        number += 1;
    }
    unique
}

/// Generates `spec` into `<out>/<name>/` with `codegen`'s functions.
fn generate(args: &Args, spec: &str, name: &str) -> Generation {
    let job = codegen::Args {
        mode: Mode::Write,
        base: args.dir.clone(),
        spec: spec.to_owned(),
        out: args.out.join(name),
        crate_name: name.to_owned(),
        token_env: None,
        manifest: true,
        strict: false,
        settings: Default::default(),
        cache: true,
    };
    // The generator must not panic; if it does, that spec fails and the others go on.
    let generated = match catch_unwind(AssertUnwindSafe(|| codegen::generate(&job))) {
        Ok(Ok(generated)) => generated,
        Ok(Err(message)) => {
            // "error: …\nerror: …\n\ncodegen failed with N errors; …"
            let errors: Vec<&str> = message
                .split("\nerror: ")
                .map(|error| error.trim_start_matches("error: "))
                .collect();
            let count = errors.len();
            return Generation::Failed {
                errors: errors
                    .iter()
                    .take(FIRST_ERRORS)
                    .map(|error| one_line(error))
                    .collect(),
                count,
            };
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
                .unwrap_or_default();
            return Generation::Failed {
                errors: vec![format!("the generator panicked: {message}")],
                count: 1,
            };
        }
    };
    let mut files = generated.files;
    // A member of the corpus workspace, not a workspace of its own.
    for file in &mut files {
        if file.path == "Cargo.toml" {
            file.contents = file
                .contents
                .lines()
                .filter(|line| line.trim() != "[workspace]")
                .fold(String::new(), |mut out, line| {
                    out.push_str(line);
                    out.push('\n');
                    out
                });
        }
    }
    let plan = codegen::plan(&job.out, &files);
    if let Err(error) = codegen::write(&job.out, &plan) {
        return Generation::Failed {
            errors: vec![format!("cannot write {}: {error}", job.out.display())],
            count: 1,
        };
    }
    let report = &generated.report;
    Generation::Generated {
        operations: generated.operations,
        skipped: report.skipped.len(),
        fallbacks: report.fallbacks.len(),
        warnings: report.warnings.len(),
    }
}

/// An error as `codegen` prints it (`message\n  --> file:line #pointer`), on one line.
fn one_line(error: &str) -> String {
    let mut lines = error.lines();
    let message = lines.next().unwrap_or_default();
    match lines.find_map(|line| line.trim_start().strip_prefix("--> ")) {
        Some(location) => format!("{message} (at `{location}`)"),
        None => message.to_owned(),
    }
}

/// Writes the workspace around the generated crates and checks each; how long checking
/// the dependencies took, `None` when they did not build (no crate is checked then).
fn check(args: &Args, rows: &mut [Row]) -> Result<Option<Duration>, String> {
    let members: Vec<&str> = std::iter::once(DEPENDENCIES_CRATE)
        .chain(
            rows.iter()
                .filter(|row| matches!(row.generation, Generation::Generated { .. }))
                .map(|row| row.name.as_str()),
        )
        .collect();
    write_workspace(&args.out, &members).map_err(|error| {
        format!(
            "cannot write the workspace in {}: {error}",
            args.out.display()
        )
    })?;
    let target = target_dir(&args.out);
    eprintln!("checking the dependencies ({DEPENDENCIES_CRATE})");
    let (dependencies, built) = cargo_check(&args.out, &target, DEPENDENCIES_CRATE)?;
    if let Err(errors) = built {
        eprintln!(
            "error: the dependencies do not build, no crate was checked:\n{}",
            errors.join("\n")
        );
        return Ok(None);
    }
    for row in rows
        .iter_mut()
        .filter(|row| matches!(row.generation, Generation::Generated { .. }))
    {
        eprintln!("checking {}", row.name);
        let (took, result) = cargo_check(&args.out, &target, &row.name)?;
        row.check = match result {
            Ok(()) => Check::Ok(took),
            Err(errors) => Check::Failed(took, errors),
        };
    }
    Ok(Some(dependencies))
}

/// `<out>-target`, beside `out` (so that emptying `out` keeps what was built).
fn target_dir(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push("-target");
    out.with_file_name(name)
}

/// The workspace manifest, the project's `Cargo.lock` and the dependencies member.
fn write_workspace(out: &Path, members: &[&str]) -> io::Result<()> {
    let mut manifest = String::from(
        "# Throw-away workspace of `cargo xtask corpus`: one crate per spec, one target dir.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for member in members {
        let _ = writeln!(manifest, "    \"{member}\",");
    }
    manifest.push_str("]\n");
    fs::write(out.join("Cargo.toml"), manifest)?;
    fs::copy(workspace_root().join("Cargo.lock"), out.join("Cargo.lock"))?;
    let dependencies = out.join(DEPENDENCIES_CRATE);
    fs::create_dir_all(dependencies.join("src"))?;
    fs::write(
        dependencies.join("Cargo.toml"),
        format!(
            "# The generated crates' dependencies, built once before the crates are timed.\n\
             [package]\nname = \"{DEPENDENCIES_CRATE}\"\nversion = \"0.1.0\"\n\
             edition = \"2024\"\npublish = false\n\n[dependencies]\n{}",
            generator::emit::DEPENDENCIES
        ),
    )?;
    fs::write(
        dependencies.join("src/lib.rs"),
        "//! Nothing: depending is the point.\n",
    )
}

/// `cargo check -p package` in the workspace `dir`; how long it took, and the first
/// errors if it failed. `Err` when cargo could not be run at all.
fn cargo_check(
    dir: &Path,
    target: &Path,
    package: &str,
) -> Result<(Duration, Result<(), Vec<String>>), String> {
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--message-format", "short"])
        .args(["--package", package])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let took = started.elapsed();
    if output.status.success() {
        return Ok((took, Ok(())));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut errors: Vec<String> = stderr
        .lines()
        .filter(|line| line.contains("error") && !line.starts_with("error: could not compile"))
        .take(FIRST_ERRORS)
        .map(str::to_owned)
        .collect();
    if errors.is_empty() {
        errors = stderr
            .lines()
            .take(FIRST_ERRORS)
            .map(str::to_owned)
            .collect();
    }
    Ok((took, Err(errors)))
}

/// The Markdown report: the table, totals, then what failed. `dependencies`: `None`
/// without checks, else how long checking the dependencies took if they built.
fn table(rows: &[Row], dependencies: Option<Option<Duration>>) -> String {
    let checked = dependencies.is_some();
    let mut out = String::from(
        "\n| spec | operations | skipped | fallbacks | warnings | cargo check | check time |\n\
         |---|---:|---:|---:|---:|---|---:|\n",
    );
    let (mut operations, mut skipped, mut generated) = (0, 0, 0);
    let mut check_time = Duration::ZERO;
    for row in rows {
        let (counts, check, time) = match (&row.generation, &row.check) {
            (Generation::Failed { .. }, _) => {
                ("— | — | — | —".to_owned(), "not generated", "—".to_owned())
            }
            (
                Generation::Generated {
                    operations: ops,
                    skipped: skip,
                    fallbacks,
                    warnings,
                },
                check,
            ) => {
                operations += ops;
                skipped += skip;
                generated += 1;
                let counts = format!("{ops} | {skip} | {fallbacks} | {warnings}");
                match check {
                    Check::NotRun if checked => (counts, "not checked", "—".to_owned()),
                    Check::NotRun => (counts, "—", "—".to_owned()),
                    Check::Ok(took) => {
                        check_time += *took;
                        (counts, "ok", seconds(*took))
                    }
                    Check::Failed(took, _) => {
                        check_time += *took;
                        (counts, "failed", seconds(*took))
                    }
                }
            }
        };
        let _ = writeln!(out, "| `{}` | {counts} | {check} | {time} |", row.spec);
    }
    let share = if operations + skipped == 0 {
        0.0
    } else {
        100.0 * skipped as f64 / (operations + skipped) as f64
    };
    let checks_ok = rows
        .iter()
        .filter(|row| matches!(row.check, Check::Ok(_)))
        .count();
    let _ = writeln!(
        out,
        "| **total: {generated} of {} generated{}** | {operations} | {skipped} | | | | {} |",
        rows.len(),
        if checked {
            format!(", {checks_ok} checked ok")
        } else {
            String::new()
        },
        if checked {
            seconds(check_time)
        } else {
            "—".to_owned()
        },
    );
    let _ = writeln!(
        out,
        "\nOperations of the generated specs: {operations} generated, {skipped} skipped \
         ({share:.1} % skipped). Specs not generated are not counted."
    );
    if let Some(Some(took)) = dependencies {
        let _ = writeln!(
            out,
            "Checking the dependencies first (once, for every crate) took {}.",
            seconds(took)
        );
    }
    let failures: Vec<&Row> = rows
        .iter()
        .filter(|row| matches!(row.generation, Generation::Failed { .. }))
        .collect();
    if !failures.is_empty() {
        out.push_str("\nNot generated (first errors):\n");
        for row in failures {
            if let Generation::Failed { errors, count } = &row.generation {
                let _ = writeln!(
                    out,
                    "\n- `{}`: {count} error{}",
                    row.spec,
                    if *count == 1 { "" } else { "s" }
                );
                for error in errors {
                    let _ = writeln!(out, "  - {error}");
                }
            }
        }
    }
    let check_failures: Vec<(&Row, &Vec<String>)> = rows
        .iter()
        .filter_map(|row| match &row.check {
            Check::Failed(_, errors) => Some((row, errors)),
            _ => None,
        })
        .collect();
    if !check_failures.is_empty() {
        out.push_str("\n`cargo check` failed (first errors):\n");
        for (row, errors) in check_failures {
            let _ = writeln!(out, "\n- `{}` (crate `{}`):", row.spec, row.name);
            for error in errors {
                let _ = writeln!(out, "  - `{error}`");
            }
        }
    }
    out
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_valid_and_unique() {
        let taken = vec!["datadog-v1".to_owned()];
        assert_eq!(crate_name("qdrant.json", &taken), "qdrant");
        assert_eq!(crate_name("Ory Kratos.v2.json", &taken), "ory-kratos-v2");
        assert_eq!(crate_name("v30/linode.yaml", &taken), "v30-linode");
        assert_eq!(crate_name("1password.yaml", &taken), "api-1password");
        assert_eq!(crate_name("datadog-v1.yaml", &taken), "datadog-v1-2");
        assert_eq!(crate_name("_x.yaml", &taken), "x");
    }
}
