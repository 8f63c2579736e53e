//! Structure-aware fuzzing of the whole generator with random OpenAPI documents (see
//! `fuzz/mod.rs` for what they contain), and with real specs of the corpus
//! (`../shared/corpus`, [`REAL_SPECS`]) broken by the same mutations. For every case:
//!
//! - `generate` must not panic and must finish within [`CASE_TIME_LIMIT`];
//! - when it accepts the spec, every output `.rs` file parses with `syn`, has no
//!   character rustc rejects in comments, and defines no name twice (items, methods of a
//!   type including the runtime `Client`'s, arguments, fields, variants); a second run
//!   gives the same files and the same report;
//! - when it rejects the spec, there is at least one error, each with a message and a
//!   file, none of them an internal error, and a second run gives the same errors.
//!
//! Every Nth accepted case is also written as a crate (with its spec under `spec/`) into
//! one throw-away workspace under `target/tmp/fuzz-crates` and `cargo check`ed with
//! warnings as errors, in the target folder of `compile_fixtures.rs`.
//!
//! `cargo test` runs a fixed seed: [`DEFAULT_CASES`] random cases (about 15 s in a debug
//! build on two cores), [`DEFAULT_REAL_CASES`] mutated real specs (`FUZZ_REAL_CASES`;
//! about 30 s; `FUZZ_REAL_SPECS` names others of the corpus, comma-separated), and up to
//! [`DEFAULT_COMPILE_MAX`] compiled crates of each (the real ones under
//! `target/tmp/fuzz-real-crates`). A long run takes its settings
//! from the environment, and prints how many cases were accepted and rejected (with the
//! most common reasons), the slowest case and the compile time:
//!
//! ```sh
//! FUZZ_CASES=100000 FUZZ_SEED=20261129 FUZZ_COMPILE_EVERY=30 FUZZ_COMPILE_MAX=1500 \
//!     cargo test --release -p generator --test fuzz -- --nocapture
//! ```
//!
//! (`FUZZ_COMPILE_EVERY`: a crate every N accepted cases, default
//! [`DEFAULT_COMPILE_EVERY`]; `FUZZ_SHOW_REJECTED=text` prints the rejected cases whose
//! errors contain `text`.) A failure is shrunk to a small spec and printed with the seed;
//! nothing is written into the source tree. The case being run is written to
//! `target/tmp/fuzz-crates-current-case.txt` (`fuzz-real-crates-current-case.txt`), so a
//! crash that takes the process down (a stack overflow) still leaves the spec behind.

#[path = "fuzz/mod.rs"]
mod strategies;

mod common;

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Mutex, Once, mpsc};
use std::time::{Duration, Instant};

use generator::{Errors, Generated, MemoryReader, Options, OutputFile};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestError, TestRunner};
use strategies::Case;

/// Cases of the fixed-seed run (about 15 s in a debug build on two cores).
const DEFAULT_CASES: u32 = 400;
/// Cases of mutated real specs in the fixed-seed run (each generates a real spec twice).
const DEFAULT_REAL_CASES: u32 = 24;
const DEFAULT_SEED: u64 = 0x5EED_0A91;
const DEFAULT_COMPILE_EVERY: usize = 40;
const DEFAULT_COMPILE_MAX: usize = 3;
/// Far more than any case needs (a few milliseconds); a case over it is reported as a hang.
const CASE_TIME_LIMIT: Duration = Duration::from_secs(10);

struct Settings {
    cases: u32,
    /// Cases of mutated real specs.
    real_cases: u32,
    seed: u64,
    compile_every: usize,
    compile_max: usize,
    /// Print the rejected cases whose errors contain this text (to see what a kind of
    /// rejection comes from).
    show_rejected: Option<String>,
}

impl Settings {
    fn from_env() -> Self {
        fn var<T: std::str::FromStr>(name: &str, default: T) -> T {
            match std::env::var(name) {
                Ok(text) => text
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={text} is not a number")),
                Err(_) => default,
            }
        }
        Self {
            cases: var("FUZZ_CASES", DEFAULT_CASES),
            real_cases: var("FUZZ_REAL_CASES", DEFAULT_REAL_CASES),
            seed: var("FUZZ_SEED", DEFAULT_SEED),
            compile_every: var("FUZZ_COMPILE_EVERY", DEFAULT_COMPILE_EVERY).max(1),
            compile_max: var("FUZZ_COMPILE_MAX", DEFAULT_COMPILE_MAX),
            show_rejected: std::env::var("FUZZ_SHOW_REJECTED").ok(),
        }
    }
}

/// What one call of the generator did.
#[allow(
    clippy::large_enum_variant,
    reason = "one value per fuzz case, moved once: boxing would gain nothing"
)]
enum Run {
    Finished(Box<Result<Generated, Errors>>, Duration),
    Panicked(String),
    TimedOut,
}

/// The first panic on a generator thread since the last case started (with its place).
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Panics on the generator's threads are recorded for the report instead of printed;
/// others (the test's own) go to the default hook.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if matches!(thread.name(), None | Some("fuzz-case")) {
                if let Ok(mut slot) = PANIC.lock()
                    && slot.is_none()
                {
                    *slot = Some(info.to_string());
                }
            } else {
                default(info);
            }
        }));
    });
}

fn options(case: &Case) -> Options {
    Options {
        spec_file: case.root.clone(),
        crate_name: "fuzzed".into(),
        token_env: None,
        manifest: false,
        strict: false,
        ..Default::default()
    }
}

/// Runs the generator on its own thread, so a hang is noticed and a panic caught.
fn run_generator(case: &Case) -> Run {
    if let Ok(mut slot) = PANIC.lock() {
        *slot = None;
    }
    let (sender, receiver) = mpsc::channel();
    let files = case.files.clone();
    let root = case.root.clone();
    let options = options(case);
    let spawned = std::thread::Builder::new()
        .name("fuzz-case".into())
        .spawn(move || {
            let reader = MemoryReader::new(files);
            let started = Instant::now();
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                generator::generate(&reader, &root, &options)
            }));
            let _ = sender.send(result.map(|result| (result, started.elapsed())));
        });
    if let Err(error) = spawned {
        return Run::Panicked(format!("could not start a thread: {error}"));
    }
    let recorded = || {
        PANIC
            .lock()
            .ok()
            .and_then(|slot| slot.clone())
            .unwrap_or_else(|| "(no message)".into())
    };
    match receiver.recv_timeout(CASE_TIME_LIMIT) {
        Ok(Ok((result, elapsed))) => Run::Finished(Box::new(result), elapsed),
        Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Run::Panicked(recorded()),
        Err(mpsc::RecvTimeoutError::Timeout) => Run::TimedOut,
    }
}

fn finished(case: &Case) -> Result<(Result<Generated, Errors>, Duration), TestCaseError> {
    match run_generator(case) {
        Run::Finished(result, elapsed) => Ok((*result, elapsed)),
        Run::Panicked(message) => Err(TestCaseError::fail(format!(
            "the generator panicked: {message}"
        ))),
        Run::TimedOut => Err(TestCaseError::fail(format!(
            "the generator did not finish within {CASE_TIME_LIMIT:?}"
        ))),
    }
}

/// The runtime files are the same for every case: parsed once, then compared.
static RUNTIME: Mutex<Vec<OutputFile>> = Mutex::new(Vec::new());

/// The methods of the runtime's `Client`, which the generated `impl Client` blocks add to.
static CLIENT_METHODS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// How `src/client.rs` names the runtime's `Client` type (as `quote` prints it).
const CLIENT_TYPE: &str = "crate :: runtime :: Client";

fn inherent_methods(file: &syn::File, type_name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in &file.items {
        if let syn::Item::Impl(block) = item
            && block.trait_.is_none()
            && quote::ToTokens::to_token_stream(&block.self_ty).to_string() == type_name
        {
            for item in &block.items {
                if let syn::ImplItem::Fn(f) = item {
                    out.push(f.sig.ident.to_string());
                }
            }
        }
    }
    out
}

fn check_sources(generated: &Generated) -> Result<(), TestCaseError> {
    // The runtime first: the generated `impl Client` blocks are checked against it.
    let mut files: Vec<&OutputFile> = generated.files.iter().collect();
    files.sort_by_key(|file| !file.path.starts_with("src/runtime/"));
    for file in files {
        if !file.path.ends_with(".rs") {
            continue;
        }
        if file.path.starts_with("src/runtime/") {
            let mut runtime = RUNTIME
                .lock()
                .map_err(|_| TestCaseError::fail("poisoned"))?;
            match runtime.iter().find(|known| known.path == file.path) {
                Some(known) if known == file => continue,
                Some(_) => {
                    return Err(TestCaseError::fail(format!(
                        "{} differs from one case to another",
                        file.path
                    )));
                }
                None => runtime.push(file.clone()),
            }
        }
        // Both would be fine in a string literal, where they are escaped; anywhere else
        // (in comments) rustc rejects them.
        if let Some(bad) = file
            .contents
            .chars()
            .find(|c| *c == '\r' || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        {
            return Err(TestCaseError::fail(format!(
                "{} contains {bad:?}, which rustc rejects outside string literals\n{}",
                file.path, file.contents
            )));
        }
        let parsed = syn::parse_file(&file.contents).map_err(|error| {
            TestCaseError::fail(format!(
                "{} is not valid Rust: {error}\n{}",
                file.path, file.contents
            ))
        })?;
        if file.path == "src/runtime/client.rs"
            && let Ok(mut methods) = CLIENT_METHODS.lock()
        {
            *methods = inherent_methods(&parsed, "Client");
        }
        let mut clashes = Vec::new();
        let runtime_methods = CLIENT_METHODS.lock().map(|m| m.clone()).unwrap_or_default();
        duplicates_in_items(&parsed.items, &file.path, &runtime_methods, &mut clashes);
        if !clashes.is_empty() {
            return Err(TestCaseError::fail(format!(
                "{} defines names twice: {}\n{}",
                file.path,
                clashes.join("; "),
                file.contents
            )));
        }
    }
    Ok(())
}

/// The names rustc would reject as defined twice, which `syn` does not check: items of
/// a module (per namespace), methods of a type across its `impl` blocks, arguments of a
/// function, fields of a struct, variants of an enum.
fn duplicates_in_items(
    items: &[syn::Item],
    place: &str,
    client_methods: &[String],
    out: &mut Vec<String>,
) {
    use std::collections::HashSet;
    fn note(seen: &mut HashSet<String>, name: String, place: &str, out: &mut Vec<String>) {
        if !seen.insert(name.clone()) {
            out.push(format!("`{name}` in {place}"));
        }
    }
    fn bare(ident: &syn::Ident) -> String {
        let text = ident.to_string();
        text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
    }
    fn arguments(sig: &syn::Signature, out: &mut Vec<String>) {
        let mut seen = HashSet::new();
        for input in &sig.inputs {
            if let syn::FnArg::Typed(typed) = input
                && let syn::Pat::Ident(pat) = &*typed.pat
            {
                note(
                    &mut seen,
                    bare(&pat.ident),
                    &format!("fn {}", sig.ident),
                    out,
                );
            }
        }
    }
    let mut types = HashSet::new();
    let mut values = HashSet::new();
    let mut methods: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    methods.insert(
        CLIENT_TYPE.to_owned(),
        client_methods.iter().cloned().collect(),
    );
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                note(&mut types, bare(&s.ident), place, out);
                let mut fields = HashSet::new();
                for field in &s.fields {
                    if let Some(ident) = &field.ident {
                        note(
                            &mut fields,
                            bare(ident),
                            &format!("struct {}", s.ident),
                            out,
                        );
                    }
                }
            }
            syn::Item::Enum(e) => {
                note(&mut types, bare(&e.ident), place, out);
                let mut variants = HashSet::new();
                for variant in &e.variants {
                    note(
                        &mut variants,
                        bare(&variant.ident),
                        &format!("enum {}", e.ident),
                        out,
                    );
                }
            }
            syn::Item::Type(t) => note(&mut types, bare(&t.ident), place, out),
            syn::Item::Mod(m) => {
                note(&mut types, bare(&m.ident), place, out);
                if let Some((_, items)) = &m.content {
                    duplicates_in_items(
                        items,
                        &format!("{place}::{}", m.ident),
                        client_methods,
                        out,
                    );
                }
            }
            syn::Item::Fn(f) => {
                note(&mut values, bare(&f.sig.ident), place, out);
                arguments(&f.sig, out);
            }
            syn::Item::Const(c) => note(&mut values, bare(&c.ident), place, out),
            syn::Item::Impl(i) => {
                let self_type = quote::ToTokens::to_token_stream(&i.self_ty).to_string();
                let seen = methods.entry(self_type.clone()).or_default();
                for item in &i.items {
                    if let syn::ImplItem::Fn(f) = item {
                        if i.trait_.is_none() {
                            note(seen, bare(&f.sig.ident), &format!("impl {self_type}"), out);
                        }
                        arguments(&f.sig, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check_errors(errors: &Errors) -> Result<(), TestCaseError> {
    if errors.0.is_empty() {
        return Err(TestCaseError::fail("rejected without any error"));
    }
    for diagnostic in &errors.0 {
        if diagnostic.message.trim().is_empty() || diagnostic.location.file.is_empty() {
            return Err(TestCaseError::fail(format!(
                "an error without a message or a file: {diagnostic:?}"
            )));
        }
        if diagnostic.message.contains("internal error") {
            return Err(TestCaseError::fail(format!(
                "an internal error: {diagnostic}"
            )));
        }
    }
    Ok(())
}

/// The first error's message without its quoted parts: the kind of rejection.
fn rejection_kind(errors: &Errors) -> String {
    let message = errors.0.first().map_or("", |d| d.message.as_str());
    let mut kind = String::new();
    let mut quoted = false;
    for c in message.chars().take(200) {
        if c == '`' {
            quoted = !quoted;
            kind.push_str(if quoted { "`…" } else { "`" });
        } else if !quoted {
            kind.push(c);
        }
    }
    kind.chars().take(90).collect()
}

#[derive(Default)]
struct Stats {
    cases: usize,
    accepted: usize,
    rejected: usize,
    slowest: (Duration, usize),
    rejections: BTreeMap<String, usize>,
    /// Accepted cases to compile: (case number, case, output).
    to_compile: Vec<(usize, Case, Generated)>,
}

/// Runs one case and checks what the generator did; the case is first written to
/// `current` (see the module docs).
fn check_case(
    case: Case,
    stats: &Mutex<Stats>,
    settings: &Settings,
    current: &Path,
) -> Result<(), TestCaseError> {
    let number = stats.lock().map(|s| s.cases + 1).unwrap_or_default();
    let _ = std::fs::write(current, format!("case {number}\n{case:?}"));

    let (first, first_time) = finished(&case)?;
    let (second, second_time) = finished(&case)?;
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            check_sources(a)?;
            if a.files != b.files || a.report != b.report {
                return Err(TestCaseError::fail(
                    "two runs on the same spec gave different output",
                ));
            }
        }
        (Err(a), Err(b)) => {
            check_errors(a)?;
            if a != b {
                return Err(TestCaseError::fail(format!(
                    "two runs on the same spec gave different errors:\n{a}\n-- and --\n{b}"
                )));
            }
        }
        _ => {
            return Err(TestCaseError::fail(
                "one run accepted the spec and another rejected it",
            ));
        }
    }

    let Ok(mut stats) = stats.lock() else {
        return Err(TestCaseError::fail("poisoned"));
    };
    stats.cases = number;
    let time = first_time.max(second_time);
    if time > stats.slowest.0 {
        stats.slowest = (time, number);
    }
    match first {
        Ok(generated) => {
            stats.accepted += 1;
            if stats.accepted % settings.compile_every == 0
                && stats.to_compile.len() < settings.compile_max
            {
                stats.to_compile.push((number, case, generated));
            }
        }
        Err(errors) => {
            if let Some(wanted) = &settings.show_rejected
                && errors.to_string().contains(wanted.as_str())
            {
                println!("rejected case {number}:\n{errors}\n{case:?}");
            }
            stats.rejected += 1;
            *stats.rejections.entry(rejection_kind(&errors)).or_default() += 1;
        }
    }
    Ok(())
}

/// `cargo check` of the sampled accepted cases, each with its spec under `spec/`, in
/// `target/tmp/{folder}`.
fn compile(samples: &[(usize, Case, Generated)], folder: &str) -> Result<(), String> {
    // `FUZZ_COMPILE_MAX=0`, or too few accepted cases: a workspace without members
    // is not one cargo checks.
    if samples.is_empty() {
        return Ok(());
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join(folder);
    // The fixture test's target folder: the dependencies are built there already.
    let target = tmp.join("fixture-crates").join("target");
    let crates: Vec<common::CrateToCheck<'_>> = samples
        .iter()
        .map(|(number, case, generated)| {
            let spec = case
                .files
                .iter()
                .map(|(path, text)| (format!("spec/{path}"), text.clone()))
                .collect();
            (format!("fuzz_case_{number}"), generated, spec)
        })
        .collect();
    common::check_crates(&root, &target, &crates).map_err(|messages| {
        format!(
            "generated crates do not compile cleanly (each crate's spec is in {}/crates/<crate>/spec):\n{messages}",
            root.display()
        )
    })
}

#[test]
fn generator_survives_random_specs() {
    let settings = Settings::from_env();
    fuzz(
        "fuzz",
        strategies::case(),
        settings.cases,
        "fuzz-crates",
        &settings,
    );
}

/// Real specs, small enough to run many times in a debug build, mutated as the random
/// ones are.
const REAL_SPECS: &[&str] = &[
    "v30/hf-text-generation-inference.json",
    "v31/jupyterhub.yaml",
];

/// A crate every this many accepted mutated real specs, at most.
const REAL_COMPILE_EVERY: usize = 10;

#[test]
fn generator_survives_mutated_real_specs() {
    let settings = Settings::from_env();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    // A long run may name others, comma-separated.
    let chosen = std::env::var("FUZZ_REAL_SPECS").ok();
    let paths: Vec<&str> = match &chosen {
        Some(list) => list.split(',').map(str::trim).collect(),
        None => REAL_SPECS.to_vec(),
    };
    let specs: Vec<strategies::RealSpec> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(corpus.join(path))
                .unwrap_or_else(|error| panic!("{path} in {}: {error}", corpus.display()));
            let document = serde_yaml::from_str(&text)
                .unwrap_or_else(|error| panic!("{path} does not parse: {error}"));
            let name = path.rsplit('/').next().unwrap_or(path).to_owned();
            (name, document)
        })
        .collect();
    let strategy = strategies::real_case(std::sync::Arc::new(specs));
    // Fewer cases, most of them accepted: compiled more often than random ones.
    let settings = Settings {
        compile_every: settings.compile_every.min(REAL_COMPILE_EVERY),
        ..settings
    };
    fuzz(
        "fuzz (mutated real specs)",
        strategy,
        settings.real_cases,
        "fuzz-real-crates",
        &settings,
    );
}

/// Runs `cases` cases of `strategy` with the settings' seed, reports what they did
/// (headed `label`), and compiles the sampled accepted ones in `target/tmp/{crates}`.
fn fuzz(
    label: &str,
    strategy: impl Strategy<Value = Case>,
    cases: u32,
    crates: &str,
    settings: &Settings,
) {
    install_panic_hook();
    let config = Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(settings.seed),
        // Nothing is written into the source tree; the seed reproduces a failure.
        failure_persistence: None,
        max_shrink_iters: 2_000,
        max_shrink_time: 120_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let stats = Mutex::new(Stats::default());
    let started = Instant::now();
    let current = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{crates}-current-case.txt"));
    let result = runner.run(&strategy, |case| {
        check_case(case, &stats, settings, &current)
    });
    let elapsed = started.elapsed();
    let stats = stats.into_inner().unwrap_or_else(|e| e.into_inner());
    println!(
        "{label}: {} cases (seed {}) in {:.1?}: {} accepted, {} rejected; slowest: case {} in {:.1?}",
        stats.cases,
        settings.seed,
        elapsed,
        stats.accepted,
        stats.rejected,
        stats.slowest.1,
        stats.slowest.0
    );
    let mut kinds: Vec<(&String, &usize)> = stats.rejections.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (kind, count) in kinds.iter().take(25) {
        println!("  {count:>7} rejected: {kind}");
    }
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, case)) => {
            panic!(
                "{reason}\nminimal failing spec (seed {}):\n{case:?}",
                settings.seed
            )
        }
        Err(TestError::Abort(reason)) => panic!("fuzzing aborted: {reason}"),
    }
    let compile_started = Instant::now();
    if let Err(message) = compile(&stats.to_compile, crates) {
        panic!("{message}");
    }
    let numbers: Vec<String> = stats
        .to_compile
        .iter()
        .take(10)
        .map(|(number, _, _)| number.to_string())
        .collect();
    println!(
        "{label}: {} accepted cases compiled without warnings in {:.1?} (cases {}{})",
        stats.to_compile.len(),
        compile_started.elapsed(),
        numbers.join(", "),
        if stats.to_compile.len() > numbers.len() {
            ", …"
        } else {
            ""
        }
    );
}

/// Inputs the strategies cannot reach but a hostile file can: each must be answered (with
/// code or errors) within the time limit, without a panic.
#[test]
fn hostile_texts_end_quickly() {
    install_panic_hook();
    // A "billion laughs": nine aliases of nine aliases of …, 9^9 strings once expanded.
    let mut bomb = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    bomb.push_str("x-a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        bomb.push_str(&format!("x-a{level}: &a{level} [{items}]\n"));
    }
    // The same through a merge key, where the expansion would happen in `apply_merge`.
    let merge = bomb.replace(
        "paths: {}",
        "paths: {}\ncomponents: {schemas: {S: {<<: *a9}}}",
    );
    let deep_yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {}\n",
        "[".repeat(100_000)
    );
    let deep_json = format!(
        "{{\"openapi\": \"3.0.3\", \"paths\": {}",
        "{\"a\": ".repeat(100_000)
    );
    let long_name = "a".repeat(100_000);
    let long_names = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /{long_name}:\n    get:\n      \
         operationId: {long_name}\n      responses: {{'200': {{description: ok}}}}\n\
         components: {{schemas: {{{long_name}: {{type: object, properties: {{{long_name}: {{type: \
         string, enum: [{long_name}]}}}}}}}}}}\n"
    );
    for (what, text) in [
        ("alias bomb", bomb),
        ("alias bomb through a merge key", merge),
        ("deeply nested YAML", deep_yaml),
        ("deeply nested JSON", deep_json),
        ("100 000-character names", long_names),
    ] {
        let case = Case {
            root: "openapi.yaml".into(),
            files: vec![("openapi.yaml".into(), text)],
            mutations: Vec::new(),
        };
        let run = match run_generator(&case) {
            Run::Finished(result, elapsed) => Ok((*result, elapsed)),
            other => Err(other),
        };
        match run {
            Ok((Ok(generated), _)) => {
                if let Err(error) = check_sources(&generated) {
                    panic!("{what}: {error}");
                }
            }
            Ok((Err(errors), _)) => {
                if let Err(error) = check_errors(&errors) {
                    panic!("{what}: {error}");
                }
            }
            Err(Run::Panicked(message)) => panic!("{what}: the generator panicked: {message}"),
            Err(_) => panic!("{what}: not finished within {CASE_TIME_LIMIT:?}"),
        }
    }
}
