//! `cargo xtask models`: how faithful and how readable the generated models are, on a
//! real spec (default: the whole DigitalOcean API in `../shared`).
//!
//! - **Examples**: every JSON example of a success response (`example`, and each
//!   `examples` entry, of a JSON media type) is decoded into the operation's success
//!   type for its status and written back; the written JSON must equal what was read,
//!   except that a `null` may become an absent key (and back) and an integer may be
//!   written as a string (64-bit integers in proto3 JSON). The examples are read from
//!   the spec files as they are (the generator drops examples while loading), with
//!   their `$ref`s followed across files. The check runs inside the generated crate
//!   (`cargo test` of a test written next to it, with the `all-serde-impls` feature).
//! - **Names, docs, construction**, counted in the generated `src/*.rs` with `syn`:
//!   enum variants that repeat the end of their enum's name
//!   (`ApiBatchJobPhase::BatchJobPhasePending`), doc lines that only restate a name
//!   ("The `x` schema.", "The `x` property."), structs with neither `Default` nor a
//!   `new` constructor, union variants with a `From` impl.
//! - **`cargo check`** of the crate as CI checks it (`RUSTFLAGS=-D warnings`,
//!   `CARGO_INCREMENTAL=0`, dependencies already built; the crate's own products
//!   removed before each run), `--runs` times: wall time and CPU time (user + system),
//!   medians. On a shared machine CPU time is the steadier of the two.
//!
//! Everything is written under `target/models/`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use generator::ir::{Api, ResponseBody, Scalar, StatusKey, Success, TypeRef};
use generator::{Options, SourceReader};
use serde_json::Value;

use crate::codegen::workspace_root;

const DEFAULT_SPEC: &str =
    "../shared/digitalocean-openapi/specification/DigitalOcean-public.v2.yaml";

/// The generated crate's package name.
const CRATE: &str = "models_report";

struct Args {
    spec: PathBuf,
    /// `cargo check` runs to time (0: none).
    runs: usize,
    /// Skip the examples' round trip (it compiles the crate's tests).
    examples: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        spec: workspace_root().join(DEFAULT_SPEC),
        runs: 3,
        examples: true,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--spec" => parsed.spec = PathBuf::from(iter.next().ok_or("--spec needs a path")?),
            "--runs" => {
                parsed.runs = iter
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--runs needs a number")?;
            }
            "--no-examples" => parsed.examples = false,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// `cargo xtask models [--spec PATH] [--runs N] [--no-examples]`.
pub fn run(args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: cargo xtask models [--spec PATH] [--runs N] [--no-examples]"
            );
            return ExitCode::from(2);
        }
    };
    match report(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads spec files relative to a folder.
struct Reader(PathBuf);

impl SourceReader for Reader {
    fn read(&self, path: &str) -> Result<String, String> {
        fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }
}

fn report(args: &Args) -> Result<(), String> {
    let base = args
        .spec
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let root = args
        .spec
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .ok_or("--spec names no file")?;
    let reader = Reader(base.clone());
    let options = Options {
        spec_file: root.clone(),
        crate_name: CRATE.into(),
        token_env: None,
        manifest: true,
        strict: false,
    };
    let generated =
        generator::generate(&reader, &root, &options).map_err(|errors| errors.to_string())?;
    let loaded = generator::load::load(&reader, &root).map_err(|errors| errors.to_string())?;
    let lower_options = generator::lower::LowerOptions {
        spec_file: root.clone(),
        token_env: None,
    };
    let (api, _) =
        generator::lower::lower(&loaded, &lower_options).map_err(|errors| errors.to_string())?;

    let out = workspace_root().join("target/models");
    let dir = out.join("crate");
    let _ = fs::remove_dir_all(&dir);
    for file in &generated.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        fs::write(&path, &file.contents).map_err(|e| e.to_string())?;
    }
    fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;

    println!("spec: {}", args.spec.display());
    let sources = generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/") && !f.path.starts_with("src/runtime/"));
    counts(sources)?;
    let target = out.join("target");
    if args.runs > 0 {
        check_time(&dir, &target, args.runs)?;
    }
    if args.examples {
        examples(&base.join(&root), &api, &dir, &target, &out)?;
    }
    Ok(())
}

/// The words of a `CamelCase` name (`ApiBatchJobPhase` → `Api Batch Job Phase`).
fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let chars: Vec<char> = name.trim_start_matches('_').chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let starts = i == 0
            || c.is_ascii_uppercase()
                && (!chars[i - 1].is_ascii_uppercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        match words.last_mut() {
            Some(word) if !starts => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

/// Whether a variant's name starts with words that end its enum's name, with more after.
fn repeats_enum_name(enum_name: &str, variant: &str) -> bool {
    let owner = camel_words(enum_name);
    let words = camel_words(variant);
    (1..=owner.len()).any(|k| k < words.len() && owner[owner.len() - k..] == words[..k])
}

fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .is_ok_and(|paths| {
                    paths
                        .iter()
                        .any(|p| p.segments.last().is_some_and(|s| s.ident == name))
                })
    })
}

fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Counts in the generated sources: names, docs, construction.
fn counts<'a>(files: impl Iterator<Item = &'a generator::OutputFile>) -> Result<(), String> {
    let mut filler = BTreeMap::<&str, usize>::new();
    let mut structs = 0;
    let mut with_default = Vec::new();
    let mut with_new = Vec::new();
    let mut struct_names = Vec::new();
    let mut string_enums = 0;
    let mut string_variants = 0;
    let mut repeating = Vec::new();
    let mut unknown_traps = 0;
    let mut unions = 0;
    let mut union_variants = 0;
    let mut union_names = Vec::new();
    let mut from_impls: HashMap<String, usize> = HashMap::new();
    for file in files {
        for line in file.contents.lines() {
            let line = line.trim();
            let Some(text) = line.strip_prefix("/// The `") else {
                continue;
            };
            for (pattern, label) in [
                ("` schema.", "\"The `X` schema.\""),
                ("` property.", "\"The `x` property.\""),
                ("` parameter.", "\"The `x` parameter.\""),
            ] {
                if text.ends_with(pattern) && !text[..text.len() - pattern.len()].contains('`') {
                    *filler.entry(label).or_default() += 1;
                }
            }
        }
        if file.path != "src/models.rs" {
            continue;
        }
        let syntax = syn::parse_file(&file.contents).map_err(|e| format!("models.rs: {e}"))?;
        for item in &syntax.items {
            match item {
                syn::Item::Struct(s) => {
                    structs += 1;
                    struct_names.push(s.ident.to_string());
                    if derives(&s.attrs, "Default") {
                        with_default.push(s.ident.to_string());
                    }
                }
                syn::Item::Enum(e) => {
                    let name = e.ident.to_string();
                    // A string enum ends with its catch-all `Name(String)`.
                    let string_enum = e.variants.last().is_some_and(|v| {
                        matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1
                            && type_ident(&f.unnamed[0].ty).as_deref() == Some("String"))
                    });
                    if string_enum {
                        string_enums += 1;
                        string_variants += e.variants.len() - 1;
                        let catch_all = e.variants.last().map(|v| v.ident.to_string());
                        for variant in e.variants.iter().take(e.variants.len() - 1) {
                            let variant = variant.ident.to_string();
                            if repeats_enum_name(&name, &variant) {
                                repeating.push(format!("{name}::{variant}"));
                            }
                            if variant.ends_with("Unknown")
                                && catch_all.as_deref() == Some("Unknown")
                            {
                                unknown_traps += 1;
                            }
                        }
                    } else {
                        unions += 1;
                        union_names.push(name);
                        union_variants += e
                            .variants
                            .iter()
                            .filter(|v| {
                                !matches!(v.ident.to_string().as_str(), "Unknown" | "Other")
                            })
                            .count();
                    }
                }
                syn::Item::Impl(block) => {
                    let Some(name) = type_ident(&block.self_ty) else {
                        continue;
                    };
                    match &block.trait_ {
                        None => {
                            let has_new = block
                                .items
                                .iter()
                                .any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
                            if has_new {
                                with_new.push(name);
                            }
                        }
                        Some((_, path, _)) => {
                            let last = path.segments.last();
                            if last.is_some_and(|s| s.ident == "Default") {
                                with_default.push(name);
                            } else if last.is_some_and(|s| s.ident == "From") {
                                *from_impls.entry(name).or_default() += 1;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let neither = struct_names
        .iter()
        .filter(|n| !with_default.contains(n) && !with_new.contains(n))
        .count();
    let union_from: usize = union_names
        .iter()
        .map(|n| from_impls.get(n).copied().unwrap_or(0))
        .sum();
    println!();
    println!("| generated models | count |");
    println!("|---|---|");
    println!("| string enums (variants) | {string_enums} ({string_variants}) |");
    println!(
        "| enum variants repeating the end of their enum's name | {} |",
        repeating.len()
    );
    println!(
        "| enums with a `…Unknown` value and an `Unknown(String)` catch-all | {unknown_traps} |"
    );
    for label in [
        "\"The `X` schema.\"",
        "\"The `x` property.\"",
        "\"The `x` parameter.\"",
    ] {
        let found = filler.get(label).copied().unwrap_or(0);
        println!("| doc lines {label} | {found} |");
    }
    println!("| structs | {structs} |");
    println!("| structs with neither `Default` nor `new` | {neither} |");
    println!("| unions (variants) | {unions} ({union_variants}) |");
    println!("| union variants with a `From` impl | {union_from} |");
    if !repeating.is_empty() {
        println!();
        println!(
            "repeating, first 10: {}",
            repeating
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

fn median<T: Ord + Copy + Default>(mut values: Vec<T>) -> T {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// `cargo check` of the crate as CI runs it, `runs` times after a warm-up.
fn check_time(dir: &Path, target: &Path, runs: usize) -> Result<(), String> {
    let cargo = |args: &[&str]| {
        Command::new("/usr/bin/time")
            .args(["-f", "%U %S"])
            .arg(env!("CARGO"))
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTFLAGS", "-D warnings")
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .map_err(|e| format!("cargo {}: {e}", args.join(" ")))
    };
    let warm = cargo(&["check", "--quiet"])?;
    if !warm.status.success() {
        return Err(format!(
            "cargo check of the generated crate fails:\n{}",
            String::from_utf8_lossy(&warm.stderr)
        ));
    }
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..runs {
        cargo(&["clean", "--quiet", "--package", CRATE])?;
        let started = Instant::now();
        let output = cargo(&["check", "--quiet"])?;
        walls.push(started.elapsed());
        let stderr = String::from_utf8_lossy(&output.stderr);
        let cpu: f64 = stderr
            .lines()
            .last()
            .map(|line| {
                line.split_whitespace()
                    .filter_map(|t| t.parse::<f64>().ok())
                    .sum()
            })
            .unwrap_or(0.0);
        cpus.push(Duration::from_secs_f64(cpu));
    }
    let seconds = |d: Duration| format!("{:.1} s", d.as_secs_f64());
    println!();
    println!(
        "`cargo check` (RUSTFLAGS=-D warnings, CARGO_INCREMENTAL=0, dependencies built), {runs} runs: \
         wall {} (median; {}), CPU {} (median; {})",
        seconds(median(walls.clone())),
        walls
            .iter()
            .map(|d| seconds(*d))
            .collect::<Vec<_>>()
            .join(", "),
        seconds(median(cpus.clone())),
        cpus.iter()
            .map(|d| seconds(*d))
            .collect::<Vec<_>>()
            .join(", "),
    );
    Ok(())
}

/// Spec files as JSON values, with `$ref`s followed across files.
struct Files {
    cache: HashMap<PathBuf, Value>,
}

impl Files {
    fn file(&mut self, path: &Path) -> Result<&Value, String> {
        if !self.cache.contains_key(path) {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let value: Value =
                serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            self.cache.insert(path.to_path_buf(), value);
        }
        self.cache
            .get(path)
            .ok_or_else(|| format!("{} is not loaded", path.display()))
    }

    /// The value at `node` (in `file`) with `$ref`s followed, and the file it is in.
    fn resolve(&mut self, file: &Path, node: &Value) -> Result<(PathBuf, Value), String> {
        let mut file = file.to_path_buf();
        let mut node = node.clone();
        for _ in 0..32 {
            let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
                return Ok((file, node));
            };
            let (path, pointer) = reference.split_once('#').unwrap_or((reference, ""));
            if !path.is_empty() {
                file = normalize(&file.parent().unwrap_or(Path::new("")).join(path));
            }
            let document = self.file(&file)?;
            node = document
                .pointer(pointer)
                .cloned()
                .ok_or_else(|| format!("{reference} (from {}) leads nowhere", file.display()))?;
        }
        Err(format!("too many `$ref`s in a row in {}", file.display()))
    }
}

/// `a/b/../c` → `a/c`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// One example of a success response.
struct Example {
    method: String,
    path: String,
    status: u16,
    name: String,
    value: Value,
}

/// Every JSON example of a success response in the spec.
fn spec_examples(spec: &Path) -> Result<Vec<Example>, String> {
    let mut files = Files {
        cache: HashMap::new(),
    };
    let root = files.file(spec)?.clone();
    let mut found = Vec::new();
    let Some(paths) = root.get("paths").and_then(Value::as_object) else {
        return Ok(found);
    };
    for (path, item) in paths {
        let (item_file, item) = files.resolve(spec, item)?;
        for method in [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ] {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let (op_file, operation) = files.resolve(&item_file, operation)?;
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, response) in responses {
                let Some(status) = status
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (200..300).contains(s))
                else {
                    continue;
                };
                let (response_file, response) = files.resolve(&op_file, response)?;
                let Some(content) = response.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for (media, media_type) in content {
                    if !media.contains("json") {
                        continue;
                    }
                    let mut push = |name: String, value: Value| {
                        found.push(Example {
                            method: method.to_ascii_uppercase(),
                            path: path.clone(),
                            status,
                            name,
                            value,
                        })
                    };
                    // Some specs `$ref` an example's value, which OpenAPI does not define
                    // but their authors mean.
                    if let Some(value) = media_type.get("example") {
                        let (_, value) = files.resolve(&response_file, value)?;
                        push("example".into(), value);
                    }
                    if let Some(examples) = media_type.get("examples").and_then(Value::as_object) {
                        for (name, example) in examples {
                            let (_, example) = files.resolve(&response_file, example)?;
                            if let Some(value) = example.get("value") {
                                let (_, value) = files.resolve(&response_file, value)?;
                                push(name.clone(), value);
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(found)
}

/// The success body type of `status` in an operation.
fn success_type(success: &Success, status: u16) -> Option<&ResponseBody> {
    let matches = |key: &StatusKey| match key {
        StatusKey::Code(code) => *code == status,
        StatusKey::Range(class) => u16::from(*class) == status / 100,
        StatusKey::Default => true,
    };
    match success {
        Success::Single { statuses, body } => statuses.iter().any(matches).then_some(body),
        Success::Several { variants, .. } => variants
            .iter()
            .find(|v| matches!(v.status, StatusKey::Code(code) if code == status))
            .or_else(|| variants.iter().find(|v| matches(&v.status)))
            .map(|v| &v.body),
    }
}

/// The Rust type of a body, as the test inside the crate names it.
fn rust_type(ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::Named(name) => format!("{CRATE}::models::{name}"),
        TypeRef::List(inner) => format!("Vec<{}>", rust_type(inner)?),
        TypeRef::Map(inner) => format!("std::collections::BTreeMap<String, {}>", rust_type(inner)?),
        TypeRef::Boxed(inner) => format!("Box<{}>", rust_type(inner)?),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::String => "String",
            Scalar::Bool => "bool",
            Scalar::I32 => "i32",
            Scalar::I64 => "i64",
            Scalar::U32 => "u32",
            Scalar::U64 => "u64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            _ => return None,
        }
        .into(),
    })
}

/// The test run inside the generated crate.
const EXAMPLES_TEST: &str = r#"//! Written by `cargo xtask models`: decodes each example and writes it back.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn check<T: DeserializeOwned + Serialize>(read: &Value) -> String {
    let decoded: T = match serde_json::from_value(read.clone()) {
        Ok(decoded) => decoded,
        Err(error) => return format!("decode: {error}"),
    };
    let written = match serde_json::to_value(&decoded) {
        Ok(written) => written,
        Err(error) => return format!("encode: {error}"),
    };
    let mut respelled = false;
    match difference(read, &written, "", &mut respelled) {
        None if respelled => "equal but for timestamps".to_owned(),
        None => "equal".to_owned(),
        Some(difference) => format!("lossy: {difference}"),
    }
}

/// Whether two strings are RFC 3339 timestamps of the same instant and offset.
fn same_timestamp(a: &str, b: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    match (
        time::OffsetDateTime::parse(a, &Rfc3339),
        time::OffsetDateTime::parse(b, &Rfc3339),
    ) {
        (Ok(a), Ok(b)) => a == b && a.offset() == b.offset(),
        _ => false,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

/// Where `written` differs from `read`, except that null and absent are the same and an
/// integer may be written as a string; `respelled` is set when a timestamp is written in
/// another form of the same instant and offset.
fn difference(read: &Value, written: &Value, at: &str, respelled: &mut bool) -> Option<String> {
    match (read, written) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let here = format!("{at}/{key}");
                match (a.get(key).filter(|v| !v.is_null()), b.get(key).filter(|v| !v.is_null())) {
                    (None, None) => {}
                    (Some(x), Some(y)) => {
                        if let Some(d) = difference(x, y, &here, respelled) {
                            return Some(d);
                        }
                    }
                    (Some(x), None) => return Some(format!("{here}: {} dropped", short(x))),
                    (None, Some(y)) => return Some(format!("{here}: {} added", short(y))),
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{at}/{i}"), respelled)),
        (Value::Number(a), Value::Number(b)) if a == b || a.as_f64() == b.as_f64() => None,
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n))
            if (n.is_i64() || n.is_u64()) && n.to_string() == *s => None,
        (a, b) if a == b => None,
        (Value::String(a), Value::String(b)) if same_timestamp(a, b) => {
            *respelled = true;
            None
        }
        _ => Some(format!("{at}: read {}, written {}", short(read), short(written))),
    }
}

#[test]
fn examples() {
    let examples: Vec<Value> =
        serde_json::from_str(include_str!("examples.json")).expect("examples.json");
    let outcomes: Vec<String> = examples
        .iter()
        .map(|example| {
            let value = &example["value"];
            match example["type"].as_u64().expect("a type index") {
                // TYPES
                _ => unreachable!(),
            }
        })
        .collect();
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("outcomes.json");
    std::fs::write(out, serde_json::to_string(&outcomes).expect("JSON")).expect("write outcomes");
}
"#;

/// Decodes every success example in the generated crate and writes it back.
fn examples(spec: &Path, api: &Api, dir: &Path, target: &Path, out: &Path) -> Result<(), String> {
    let examples = spec_examples(spec)?;
    let mut types: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut checked = Vec::new();
    let mut not_json = 0;
    let mut untyped = 0;
    let mut unmatched = 0;
    for example in &examples {
        let operation = api
            .operations
            .iter()
            .find(|op| op.method.as_str() == example.method && op.path == example.path);
        let Some(operation) = operation else {
            unmatched += 1;
            continue;
        };
        let ty = match success_type(&operation.success, example.status) {
            Some(ResponseBody::Json(ty)) => ty,
            Some(_) => {
                not_json += 1;
                continue;
            }
            None => {
                unmatched += 1;
                continue;
            }
        };
        let Some(rust) = rust_type(ty) else {
            untyped += 1;
            continue;
        };
        let index = match types.iter().position(|t| *t == rust) {
            Some(index) => index,
            None => {
                types.push(rust);
                types.len() - 1
            }
        };
        entries.push(serde_json::json!({"type": index, "value": example.value}));
        checked.push(example);
    }
    let arms: String = types
        .iter()
        .enumerate()
        .map(|(i, ty)| format!("{i} => check::<{ty}>(value),\n                "))
        .collect();
    let test = EXAMPLES_TEST.replace("// TYPES\n                ", &arms);
    fs::create_dir_all(dir.join("tests")).map_err(|e| e.to_string())?;
    fs::write(dir.join("tests/examples.rs"), test).map_err(|e| e.to_string())?;
    fs::write(
        dir.join("tests/examples.json"),
        serde_json::to_string(&entries).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let output = Command::new(env!("CARGO"))
        .args([
            "test",
            "--quiet",
            "--features",
            "all-serde-impls",
            "--test",
            "examples",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| format!("cargo test: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the examples' test fails to run:\n{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    let outcomes: Vec<String> = serde_json::from_str(
        &fs::read_to_string(dir.join("outcomes.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let equal = outcomes.iter().filter(|o| *o == "equal").count();
    let timestamps = outcomes
        .iter()
        .filter(|o| *o == "equal but for timestamps")
        .count();
    let lossy = outcomes.iter().filter(|o| o.starts_with("lossy")).count();
    let failed = outcomes.len() - equal - timestamps - lossy;
    println!();
    println!(
        "success examples: {} in the spec; {} checked ({not_json} not JSON bodies, {untyped} of a \
         scalar type with a wire format, {unmatched} of an operation or status not generated)",
        examples.len(),
        outcomes.len()
    );
    let decoded = equal + timestamps + lossy;
    println!("| success examples | count |\n|---|---|");
    println!("| decode | {decoded} of {} |", outcomes.len());
    println!("| decode, and written back equal | {equal} of {decoded} |");
    println!(
        "| decode, and written back equal but for timestamps spelled another way (same \
         instant and offset) | {timestamps} |"
    );
    println!("| decode, but lose or change data when written back | {lossy} |");
    println!("| do not decode | {failed} |");
    let mut listing = String::new();
    for (example, outcome) in checked.iter().zip(&outcomes) {
        if outcome != "equal" && outcome != "equal but for timestamps" {
            listing.push_str(&format!(
                "{} {} {} [{}]: {outcome}\n",
                example.method, example.path, example.status, example.name
            ));
        }
    }
    let listing_path = out.join("examples.txt");
    fs::write(&listing_path, &listing).map_err(|e| e.to_string())?;
    println!(
        "each example that is not written back equal: {}",
        listing_path.display()
    );
    Ok(())
}
