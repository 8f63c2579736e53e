//! `cargo xtask bench`: the generator's speed and memory, and the cost of its output.
//!
//! Prints, for one spec (by default the whole DigitalOcean API from `../shared`):
//! - the YAML baseline: reading and parsing every file the generator reads into
//!   untyped `serde_yaml::Value`s, measured in the same run;
//! - generation (everything `codegen` does but writing), its ratio to the baseline, and
//!   each stage;
//! - peak memory of generation for a third, two thirds and all of the spec's paths
//!   (each in a fresh process);
//! - generation again with the render cache holding the last run's items, with the spec
//!   unchanged and with one description edited in each run;
//! - `cargo xtask codegen` of the same spec through the cargo alias (the dev build),
//!   with `--no-cache` and with the cache warm;
//! - `cargo xtask codegen` on `spec/`, warm, as users run it;
//! - unless `--quick`: `cargo check` (medians of 3) and debug `cargo build` (one run) of
//!   the generated crate, with every feature (`full`) and with one tag's (`droplets`,
//!   else the first), its dependencies built, with peak memory, and lines per operation
//!   and type; `full` is also checked without incremental compilation (as on CI) and
//!   again after one description changed.
//!
//! Timings are medians. Every timed generation follows a run of the baseline, and each
//! ratio to the baseline is the median of those pairs' ratios (see `Paired`). The
//! benchmark runs optimized: started from a debug build it re-runs itself with
//! `cargo run --release`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use generator::{Options, SourceReader};

use crate::codegen::workspace_root;

const DEFAULT_SPEC: &str =
    "../shared/digitalocean-openapi/specification/DigitalOcean-public.v2.yaml";

struct Args {
    spec: PathBuf,
    quick: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut spec = workspace_root().join(DEFAULT_SPEC);
    let mut quick = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--spec" => {
                spec = PathBuf::from(iter.next().ok_or("--spec needs a value")?);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args { spec, quick })
}

/// `cargo xtask bench [--spec PATH] [--quick]`.
pub fn run(args: &[String]) -> ExitCode {
    if cfg!(debug_assertions) {
        let status = Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
            ])
            .args(args)
            .current_dir(workspace_root())
            .status();
        return match status {
            Ok(status) if status.success() => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        };
    }
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\nusage: cargo xtask bench [--spec PATH] [--quick]");
            return ExitCode::from(2);
        }
    };
    match bench(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads files relative to a folder; one file may be replaced by other text.
struct Reader {
    base: PathBuf,
    root: Option<(String, String)>,
}

impl SourceReader for Reader {
    fn read(&self, path: &str) -> Result<String, String> {
        if let Some((replaced, text)) = &self.root
            && replaced == path
        {
            return Ok(text.clone());
        }
        fs::read_to_string(self.base.join(path)).map_err(|e| e.to_string())
    }
}

fn split(spec: &Path) -> (PathBuf, String) {
    let base = spec.parent().map(Path::to_path_buf).unwrap_or_default();
    let file = spec
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    (base, file)
}

fn options() -> Options {
    Options {
        spec_file: "spec.yaml".into(),
        crate_name: "bench".into(),
        token_env: None,
        manifest: true,
        strict: false,
        ..Default::default()
    }
}

/// The median of times or ratios (the upper one of an even count); the default if none.
pub(crate) fn median<T: PartialOrd + Copy + Default>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// Timed runs of one kind, each with a run of the YAML baseline just before it. The
/// machine is shared and its speed changes from minute to minute, by up to 2× (the
/// baseline took 69 to 156 ms on different days): a ratio of two runs seconds apart is
/// steadier than a ratio of medians measured minutes apart.
#[derive(Default)]
struct Paired {
    baselines: Vec<Duration>,
    runs: Vec<Duration>,
}

impl Paired {
    /// Times `baseline`, then `run`, and returns what `run` returned.
    fn run<T>(
        &mut self,
        baseline: impl FnOnce() -> Result<Duration, String>,
        run: impl FnOnce() -> Result<T, String>,
    ) -> Result<T, String> {
        self.baselines.push(baseline()?);
        let started = Instant::now();
        let value = run()?;
        self.runs.push(started.elapsed());
        Ok(value)
    }

    /// The median time of the baseline runs.
    fn baseline(&self) -> Duration {
        median(self.baselines.clone())
    }

    /// The median of each run's time over its baseline's.
    fn ratio(&self) -> f64 {
        median(
            (self.runs.iter().zip(&self.baselines))
                .map(|(run, baseline)| run.as_secs_f64() / baseline.as_secs_f64())
                .collect(),
        )
    }

    /// A row of a table of what, time and ratio: the median time, the median ratio in
    /// bold, and the median of the baseline runs paired with this row's (the first
    /// row's may be far from a later row's).
    fn row(&self, what: &str) {
        println!(
            "| {what} | {} | **{:.2}×** (baseline {}) |",
            ms(median(self.runs.clone())),
            self.ratio(),
            ms(self.baseline())
        );
    }
}

fn bench(args: &Args) -> Result<(), String> {
    let (base, root) = split(&args.spec);
    let reader = Reader {
        base: base.clone(),
        root: None,
    };
    let warm = generator::generate(&reader, &root, &options()).map_err(|e| e.to_string())?;
    let bytes: u64 = warm
        .sources
        .iter()
        .filter_map(|file| fs::metadata(base.join(file)).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "spec: {} ({} files read, {:.2} MB of YAML); {} operations, {} types",
        args.spec.display(),
        warm.sources.len(),
        bytes as f64 / 1e6,
        warm.operations,
        warm.types
    );
    println!(
        "machine: {} cores; timings are medians of {} runs, optimized build",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        iterations(args)
    );

    // The YAML baseline, run just before each measured run (see `Paired`).
    let parse_all = || -> Result<Duration, String> {
        let started = Instant::now();
        for file in &warm.sources {
            let text = fs::read_to_string(base.join(file)).map_err(|e| e.to_string())?;
            let value: Result<serde_yaml::Value, _> = serde_yaml::from_str(&text);
            std::hint::black_box(value.ok());
        }
        Ok(started.elapsed())
    };
    // Twice, timing the second: after a generation the allocator has given freed pages
    // back to the system, and the first parse takes them again (96 ms against 75 ms
    // after a warm generation, 112 ms after half a second's pause; 72 ms either way
    // after a cold one, which keeps its output). Paired with the first, the warm rows'
    // ratios were a fifth too low.
    let baseline = || -> Result<Duration, String> {
        parse_all()?;
        parse_all()
    };

    let mut total = Paired::default();
    let (mut load, mut lower, mut emit, mut render, mut wall) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..iterations(args) {
        let generated = total.run(baseline, || {
            generator::generate(&reader, &root, &options()).map_err(|e| e.to_string())
        })?;
        let t = generated.timings;
        load.push(t.load);
        lower.push(t.lower);
        emit.push(t.emit);
        render.push(t.render);
        wall.push(t.emit_render_wall);
        std::hint::black_box(generated);
    }
    // With the render cache holding the last run's items (the spec unchanged). Each run
    // reads the cache from its bytes, as `codegen` reads its file.
    let build = "bench";
    let (_, cache) = generator::generate_reusing(&reader, &root, &options(), Default::default)
        .map_err(|e| e.to_string())?;
    let mut bytes = cache.to_bytes(build);
    let mut cached_run = |reader: &Reader| {
        let read_cache = || generator::render::Cache::from_bytes(&bytes, build);
        let (generated, cache) = generator::generate_reusing(reader, &root, &options(), read_cache)
            .map_err(|e| e.to_string())?;
        // As `codegen` writes its file: only when the cache changed.
        if cache.changed() {
            bytes = cache.to_bytes(build);
        }
        Ok::<_, String>(generated)
    };
    let mut total_warm = Paired::default();
    for _ in 0..iterations(args) {
        let generated = total_warm.run(baseline, || cached_run(&reader))?;
        std::hint::black_box(generated);
    }
    // The edit loop as users meet it: each run edits one description (a different
    // edit each time, so the cache always holds the previous run's text of that item).
    let edit = first_plain_description(&base, &warm.sources, &root);
    let mut total_edited = Paired::default();
    let mut formatted = (0, 0);
    if let Some((file, text)) = &edit {
        for run in 0..iterations(args) {
            let edited = Reader {
                base: base.clone(),
                root: Some((
                    file.clone(),
                    text.replacen("description: ", &format!("description: Edit {run}. "), 1),
                )),
            };
            let generated = total_edited.run(baseline, || cached_run(&edited))?;
            formatted = (
                generated.timings.formatted,
                generated.timings.formatted + generated.timings.reused,
            );
            std::hint::black_box(generated);
        }
    }
    println!();
    println!("| what | time | / baseline |");
    println!("|---|---|---|");
    println!(
        "| YAML baseline: read + parse the same files into serde_yaml::Value (each row pairs its runs with its own) | {} | |",
        ms(total.baseline())
    );
    total.row("generation: load, resolve, lower, emit, format every item");
    println!(
        "| — load (read, parse, bundle `$ref`s, openapiv3) | {} | |",
        ms(median(load))
    );
    println!("| — lower (OpenAPI → IR) | {} | |", ms(median(lower)));
    println!(
        "| — emit (IR → tokens), CPU time over threads | {} | |",
        ms(median(emit))
    );
    println!(
        "| — render (prettyplease), CPU time over threads | {} | |",
        ms(median(render))
    );
    println!("| — emit + render, wall time | {} | |", ms(median(wall)));
    total_warm.row("generation, render cache warm (spec unchanged: every item reused)");
    if let Some((file, _)) = &edit {
        total_edited.row(&format!(
            "generation, render cache warm, one description in `{file}` edited ({} of {} items formatted)",
            formatted.0, formatted.1
        ));
    }

    alias(args, baseline)?;
    memory(args)?;
    codegen_on_spec(args)?;
    if !args.quick {
        generated_crate(args)?;
    }
    Ok(())
}

/// The first file besides the root (in order) with a one-line `description:` that an
/// edit can prefix, and its text.
fn first_plain_description(
    base: &Path,
    sources: &[String],
    root: &str,
) -> Option<(String, String)> {
    sources
        .iter()
        .filter(|file| *file != root)
        .find_map(|file| {
            let text = fs::read_to_string(base.join(file)).ok()?;
            let first = text.find("description: ")?;
            let value = &text[first + "description: ".len()..];
            value
                .starts_with(|c: char| c.is_ascii_alphabetic())
                .then(|| (file.clone(), text.clone()))
        })
}

fn iterations(args: &Args) -> usize {
    if args.quick { 2 } else { 10 }
}

/// Peak memory for growing parts of the spec, each in a fresh process.
fn memory(args: &Args) -> Result<(), String> {
    println!();
    println!("| paths kept | spec YAML read | peak memory (RSS) |");
    println!("|---|---|---|");
    for (keep, of) in [(1, 3), (2, 3), (3, 3)] {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let output = Command::new(exe)
            .args([
                "bench-memory",
                &args.spec.to_string_lossy(),
                &keep.to_string(),
                &of.to_string(),
            ])
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        let text = String::from_utf8_lossy(&output.stdout);
        let mut fields = text.split_whitespace();
        let bytes: f64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
        let peak_kb: f64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
        println!(
            "| {keep}/{of} | {:.2} MB | {:.0} MB |",
            bytes / 1e6,
            peak_kb / 1024.0
        );
    }
    Ok(())
}

/// The child of [`memory`]: generates with `keep/of` of the paths and prints the bytes
/// read and the peak resident memory in kB.
pub fn memory_child(args: &[String]) -> ExitCode {
    let (Some(spec), Some(keep), Some(of)) = (args.first(), args.get(1), args.get(2)) else {
        return ExitCode::from(2);
    };
    let (keep, of): (usize, usize) = (keep.parse().unwrap_or(1), of.parse().unwrap_or(1));
    let (base, root) = split(Path::new(spec));
    let Ok(text) = fs::read_to_string(base.join(&root)) else {
        return ExitCode::FAILURE;
    };
    let Ok(mut document) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
        return ExitCode::FAILURE;
    };
    if let Some(paths) = document.get_mut("paths").and_then(|p| p.as_mapping_mut()) {
        let count = paths.len();
        let kept = count * keep / of;
        let drop: Vec<serde_yaml::Value> = paths.keys().skip(kept).cloned().collect();
        for key in drop {
            paths.remove(&key);
        }
    }
    let Ok(subset) = serde_yaml::to_string(&document) else {
        return ExitCode::FAILURE;
    };
    let reader = Reader {
        base: base.clone(),
        root: Some((root.clone(), subset.clone())),
    };
    let generated = match generator::generate(&reader, &root, &options()) {
        Ok(generated) => generated,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let bytes: u64 = generated
        .sources
        .iter()
        .filter(|file| **file != root)
        .filter_map(|file| fs::metadata(base.join(file)).ok())
        .map(|m| m.len())
        .sum::<u64>()
        + subset.len() as u64;
    let peak = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1).map(str::to_owned))
        })
        .unwrap_or_else(|| "0".into());
    println!("{bytes} {peak}");
    ExitCode::SUCCESS
}

/// `cargo xtask codegen --spec <spec> --out <out> --crate-name bench`, run through the
/// cargo alias from the workspace, its report not shown.
fn codegen_through_alias(spec: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["xtask", "codegen", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", "bench"])
        .current_dir(workspace_root())
        .stdout(Stdio::null());
    command
}

/// `cargo xtask codegen` of the whole spec as users run it: through the cargo alias, in
/// the dev profile it builds (already built), output and cargo's start-up included;
/// with every item formatted (`--no-cache`) and with the render cache warm.
fn alias(
    args: &Args,
    baseline: impl Fn() -> Result<Duration, String> + Copy,
) -> Result<(), String> {
    let root = workspace_root();
    let out = root.join("target/bench/alias-crate");
    let run = |extra: &[&str]| {
        let status = codegen_through_alias(&args.spec, &out)
            .args(extra)
            .status()
            .map_err(|e| e.to_string())?;
        match status.success() {
            true => Ok(()),
            false => Err("cargo xtask codegen of the benchmark crate failed".to_owned()),
        }
    };
    // Builds the alias's binary and fills the cache.
    run(&[])?;
    let (mut cold, mut warm) = (Paired::default(), Paired::default());
    for _ in 0..iterations(args) {
        cold.run(baseline, || run(&["--no-cache"]))?;
    }
    for _ in 0..iterations(args) {
        warm.run(baseline, || run(&[]))?;
    }
    println!();
    println!(
        "| `cargo xtask codegen` of the whole spec (the alias's dev build, wall) | time | / baseline |"
    );
    println!("|---|---|---|");
    cold.row("every item formatted (`--no-cache`)");
    warm.row("render cache warm (spec unchanged)");
    Ok(())
}

/// `cargo xtask codegen` on `spec/`, as a user runs it (warm: already built).
fn codegen_on_spec(args: &Args) -> Result<(), String> {
    let root = workspace_root();
    let run = || {
        let started = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(["xtask", "codegen", "--check"])
            .current_dir(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        status.map(|_| started.elapsed()).map_err(|e| e.to_string())
    };
    run()?;
    let times: Result<Vec<Duration>, String> = (0..iterations(args)).map(|_| run()).collect();
    println!();
    println!(
        "`cargo xtask codegen --check` on spec/, warm: {} wall (cargo start-up included)",
        ms(median(times?))
    );
    Ok(())
}

/// `cargo check` and `cargo build` of the generated crate, dependencies already built.
fn generated_crate(args: &Args) -> Result<(), String> {
    let root = workspace_root();
    let out = root.join("target/bench/generated-crate");
    let status = codegen_through_alias(&args.spec, &out)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("codegen of the benchmark crate failed".into());
    }
    fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let target = root.join("target/bench/generated-target");
    // The crate's own build products are removed before each measured run, so it is
    // checked or built from scratch while its dependencies stay built.
    let clean = || {
        Command::new(env!("CARGO"))
            .args(["clean", "--quiet", "--package", "bench"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| format!("cargo clean: {e}"))
    };
    // `fresh`: from scratch (the crate's build products removed first), else from the
    // last run's (cargo's incremental state included). `incremental`: cargo's default
    // for a path dependency; `false` is `CARGO_INCREMENTAL=0`, usual on CI.
    let run = |subcommand: &str,
               features: &[&str],
               fresh: bool,
               incremental: bool|
     -> Result<(Duration, u64), String> {
        if fresh {
            clean()?;
        }
        let started = Instant::now();
        let output = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(env!("CARGO"))
            .args([subcommand, "--quiet"])
            .args(features)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
            .output()
            .map_err(|e| format!("running /usr/bin/time cargo {subcommand}: {e}"))?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let peak_kb = stderr
            .lines()
            .last()
            .and_then(|line| line.trim().parse().ok())
            .unwrap_or(0);
        Ok((elapsed, peak_kb))
    };
    let cargo = |subcommand: &str, features: &[&str]| run(subcommand, features, true, true);
    let generated = generator::generate(
        &Reader {
            base: split(&args.spec).0,
            root: None,
        },
        &split(&args.spec).1,
        &options(),
    )
    .map_err(|e| e.to_string())?;
    // One tag's feature: `droplets` where there is one (DigitalOcean's), else the first.
    let tag = generated
        .features
        .iter()
        .find(|name| *name == "droplets")
        .or(generated.features.first())
        .cloned();
    let one_tag: Vec<&str> = match &tag {
        Some(tag) => vec!["--no-default-features", "--features", tag],
        None => Vec::new(),
    };
    // The first runs build the dependencies. `cargo check` is what the targets are
    // about and varies most on a shared machine: medians of three runs.
    cargo("check", &[])?;
    let median_of_3 = |features: &[&str]| -> Result<(Duration, u64), String> {
        let mut runs = (0..3)
            .map(|_| cargo("check", features))
            .collect::<Result<Vec<_>, _>>()?;
        runs.sort();
        Ok(runs[1])
    };
    let (check, check_peak) = median_of_3(&[])?;
    // Checked again after one description changed (as a regeneration leaves it), from
    // the incremental state of the run before: edited, restored, edited.
    let models_file = out.join("src/models.rs");
    let original = fs::read_to_string(&models_file).map_err(|e| e.to_string())?;
    let edited = original.replacen("\n/// ", "\n/// (Edited.) ", 1);
    let mut rechecks = Vec::new();
    for text in [&edited, &original, &edited] {
        fs::write(&models_file, text).map_err(|e| e.to_string())?;
        rechecks.push(run("check", &[], false, true)?);
    }
    fs::write(&models_file, &original).map_err(|e| e.to_string())?;
    rechecks.sort();
    let (recheck, recheck_peak) = rechecks[1];
    let mut fresh_non_incremental = (0..3)
        .map(|_| run("check", &[], true, false))
        .collect::<Result<Vec<_>, _>>()?;
    fresh_non_incremental.sort();
    let (check_ci, check_ci_peak) = fresh_non_incremental[1];
    let (check_tag, check_tag_peak) = median_of_3(&one_tag)?;
    cargo("build", &[])?;
    let (build, build_peak) = cargo("build", &[])?;
    let (build_tag, build_tag_peak) = cargo("build", &one_tag)?;
    // A module's lines: its file's and, split by feature, those of its folder's files.
    let lines = |module: &str| {
        let count = |path: &Path| {
            fs::read_to_string(path)
                .map(|text| text.lines().count())
                .unwrap_or(0)
        };
        let folder = fs::read_dir(out.join("src").join(module))
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok())
            .map(|entry| count(&entry.path()))
            .sum::<usize>();
        count(&out.join(format!("src/{module}.rs"))) + folder
    };
    let (models, operations, client) = (lines("models"), lines("operations"), lines("client"));
    println!();
    println!(
        "| generated crate, its dependencies already built (from scratch unless said) | time | peak memory |"
    );
    println!("|---|---|---|");
    let tag = tag.unwrap_or_else(|| "(no tags: full)".to_owned());
    for (what, time, peak) in [
        (
            "`cargo check` (`full`, median of 3)".to_owned(),
            check,
            check_peak,
        ),
        (
            "`cargo check` (`full`, `CARGO_INCREMENTAL=0` as on CI, median of 3)".to_owned(),
            check_ci,
            check_ci_peak,
        ),
        (
            "`cargo check` (`full`) again after one description changed (incremental, median of 3)"
                .to_owned(),
            recheck,
            recheck_peak,
        ),
        (
            format!("`cargo check` (only `{tag}`, median of 3)"),
            check_tag,
            check_tag_peak,
        ),
        (
            "`cargo build` (debug, `full`)".to_owned(),
            build,
            build_peak,
        ),
        (
            format!("`cargo build` (debug, only `{tag}`)"),
            build_tag,
            build_tag_peak,
        ),
    ] {
        println!("| {what} | {} | {:.0} MB |", ms(time), peak as f64 / 1024.0);
    }
    println!();
    println!(
        "lines: models {models} ({:.1} per type), operations + client {} ({:.1} per operation)",
        models as f64 / generated.types.max(1) as f64,
        operations + client,
        (operations + client) as f64 / generated.operations.max(1) as f64
    );
    Ok(())
}
