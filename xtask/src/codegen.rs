//! `cargo xtask codegen`: run the generator and write (or check) its output.
//!
//! All or nothing: the generator runs to completion in memory first; on any error
//! nothing is written. Changed files are written to temporary files beside their
//! targets and renamed into place only when every one was written, so an interrupted
//! run leaves the old files, not half-written ones. Unchanged files are not touched.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use generator::settings::{self, Settings};
use generator::{Generated, Options, OutputFile, SourceReader};

/// Whether to write the output or only compare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write changed files.
    Write,
    /// Write nothing; fail if anything would change.
    Check,
}

/// Parsed command line of `codegen`.
#[derive(Clone, Debug)]
pub struct Args {
    pub mode: Mode,
    /// Folder the spec path is relative to.
    pub base: PathBuf,
    /// The root spec file, relative to `base`.
    pub spec: String,
    /// The crate folder.
    pub out: PathBuf,
    pub crate_name: String,
    pub token_env: Option<String>,
    /// Write `Cargo.toml` too (standalone crates; `generated/` has its own).
    pub manifest: bool,
    /// Refuse the spec if it needs leniency (every warning and skip is an error).
    pub strict: bool,
    /// The settings file's renames and format types (see [`settings`]).
    pub settings: Settings,
    /// Reuse the formatted text of unchanged items from the last run (`--no-cache`
    /// turns it off; the output is the same either way).
    pub cache: bool,
}

/// The workspace root (where `spec/` and `generated/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

impl Args {
    /// The default job: `spec/openapi.yaml` → `generated/`.
    pub fn default_job(mode: Mode) -> Self {
        let root = workspace_root();
        Self {
            mode,
            base: root.clone(),
            spec: "spec/openapi.yaml".into(),
            out: root.join("generated"),
            crate_name: "generated".into(),
            token_env: None,
            manifest: false,
            strict: false,
            settings: Settings::default(),
            cache: true,
        }
    }

    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut mode = Mode::Write;
        let mut spec = None;
        let mut out = None;
        let mut crate_name = None;
        let mut token_env = None;
        let mut strict = false;
        let mut cache = true;
        let mut settings_file = None;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let mut value = |name: &str| {
                iter.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--check" => mode = Mode::Check,
                "--strict" => strict = true,
                "--no-cache" => cache = false,
                "--spec" => spec = Some(value("--spec")?),
                "--out" => out = Some(value("--out")?),
                "--crate-name" => crate_name = Some(value("--crate-name")?),
                "--token-env" => token_env = Some(value("--token-env")?),
                "--settings" => settings_file = Some(PathBuf::from(value("--settings")?)),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let mut job = match (spec, out) {
            (None, None) => {
                let mut job = Self::default_job(mode);
                job.token_env = token_env;
                job.strict = strict;
                job.cache = cache;
                if crate_name.is_some() {
                    return Err("--crate-name needs --spec and --out".into());
                }
                job
            }
            (Some(spec), Some(out)) => {
                let out = PathBuf::from(out);
                if let Some(problem) = crate_name
                    .as_deref()
                    .and_then(generator::crate_name_problem)
                {
                    return Err(problem);
                }
                let named = crate_name.is_some();
                let crate_name = crate_name.unwrap_or_else(|| {
                    generator::crate_name(
                        &out.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    )
                });
                let mut job = Self {
                    mode,
                    base: PathBuf::from("."),
                    spec,
                    out,
                    crate_name,
                    token_env,
                    manifest: true,
                    strict,
                    settings: Settings::default(),
                    cache,
                };
                job.read_settings(settings_file.as_deref())?;
                if !named && let Some(name) = job.settings.crate_name.clone() {
                    job.crate_name = name;
                }
                return Ok(job.with_settings());
            }
            _ => return Err("--spec and --out go together".into()),
        };
        job.read_settings(settings_file.as_deref())?;
        Ok(job.with_settings())
    }

    /// Reads the settings file: `explicit` (`--settings`), else `codegen.yaml` next to
    /// the spec when there is one.
    fn read_settings(&mut self, explicit: Option<&Path>) -> Result<(), String> {
        let spec = self.base.join(&self.spec);
        let beside = spec.parent().map_or_else(
            || PathBuf::from(settings::FILE_NAME),
            |dir| dir.join(settings::FILE_NAME),
        );
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None if beside.is_file() => beside,
            None => return Ok(()),
        };
        let text = fs::read_to_string(&path).map_err(|error| {
            format!("cannot read the settings file {}: {error}", path.display())
        })?;
        self.settings = settings::parse(&path.display().to_string(), &text)?;
        Ok(())
    }

    /// The settings applied where no flag said otherwise (flags win).
    fn with_settings(mut self) -> Self {
        if self.token_env.is_none() {
            self.token_env = self.settings.token_env.clone();
        }
        self.strict |= self.settings.strict;
        self
    }
}

/// Reads spec files from disk, relative to a base folder.
struct FsReader {
    base: PathBuf,
}

impl SourceReader for FsReader {
    fn read(&self, path: &str) -> Result<String, String> {
        fs::read_to_string(self.base.join(path)).map_err(|error| error.to_string())
    }
}

/// Runs the generator; `Err` holds the printed error list.
pub fn generate(args: &Args) -> Result<Generated, String> {
    let options = Options {
        spec_file: args.spec.clone(),
        crate_name: args.crate_name.clone(),
        token_env: args.token_env.clone(),
        manifest: args.manifest,
        strict: args.strict,
        renames: args.settings.renames.clone(),
        formats: args.settings.formats.clone(),
    };
    let reader = FsReader {
        base: args.base.clone(),
    };
    let cache_file = args.cache.then(|| RenderCacheFile::of(&args.out)).flatten();
    let result = match &cache_file {
        None => generator::generate(&reader, &args.spec, &options),
        Some(file) => {
            generator::generate_reusing(&reader, &args.spec, &options, || file.read()).map(
                |(generated, cache)| {
                    // A check writes nothing; an unchanged cache is not rewritten.
                    if args.mode == Mode::Write && cache.changed() {
                        file.write(&cache);
                    }
                    generated
                },
            )
        }
    };
    result.map_err(|errors| {
        let count = errors.0.len();
        format!(
            "{errors}\n\ncodegen failed with {count} error{}; nothing was written",
            if count == 1 { "" } else { "s" }
        )
    })
}

/// The file that keeps the render cache ([`generator::render::Cache`]) of one output
/// folder between runs, and the build of this binary it belongs to.
struct RenderCacheFile {
    path: PathBuf,
    /// The running binary's path, with which every build of it starts.
    binary: String,
    build: String,
}

impl RenderCacheFile {
    /// The file for the crate in `out`; `None` if this binary cannot tell where it is.
    fn of(out: &Path) -> Option<Self> {
        let exe = std::env::current_exe().ok()?;
        let binary = exe.display().to_string();
        Some(Self {
            path: render_cache_path(&exe, out)?,
            build: build_id(&exe, &binary)?,
            binary,
        })
    }

    /// What the file holds, empty if it is missing, damaged or another build's.
    fn read(&self) -> generator::render::Cache {
        fs::read(&self.path)
            .map(|bytes| generator::render::Cache::from_bytes(&bytes, &self.build))
            .unwrap_or_default()
    }

    /// Replaces the file atomically (a new file renamed over the old); failing to write
    /// it is not an error, the next run formats more. Then removes the files an earlier
    /// build of this binary left, which no build will read again.
    fn write(&self, cache: &generator::render::Cache) {
        if let Some(dir) = self.path.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let temporary = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        if fs::write(&temporary, cache.to_bytes(&self.build)).is_err()
            || fs::rename(&temporary, &self.path).is_err()
        {
            let _ = fs::remove_file(&temporary);
        }
        self.prune();
    }

    /// Removes the cache files of other output folders that an earlier build of this
    /// binary wrote (a rebuilt generator starts afresh, so they only take room: a few MB
    /// each). Files of other binaries sharing the folder, and this build's, are kept.
    fn prune(&self) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        let same_binary = format!("{} ", self.binary);
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path == self.path || path.extension().is_none_or(|extension| extension != "bin") {
                continue;
            }
            let mut head = Vec::with_capacity(HEAD);
            let read = fs::File::open(&path)
                .and_then(|file| file.take(HEAD as u64).read_to_end(&mut head));
            if read.is_err() {
                continue;
            }
            let stale = generator::render::Cache::build_of(&head)
                .is_some_and(|build| build != self.build && build.starts_with(&same_binary));
            if stale {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

/// How much of a cache file is read to learn whose it is: the format's first line and the
/// build line (a binary's path, size and time).
const HEAD: usize = 4096;

/// The build of this binary (`exe`, whose path is `binary`): its path, size and
/// modification time, so that a rebuilt generator never reuses text an older one
/// formatted.
fn build_id(exe: &Path, binary: &str) -> Option<String> {
    let metadata = fs::metadata(exe).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{binary} {} {}",
        metadata.len(),
        modified.as_nanos()
    ))
}

/// Where the render cache for the crate in `out` is kept: beside the running binary `exe`
/// (`target/<profile>/codegen-cache/`, so `cargo clean` removes it), one file per output
/// folder.
fn render_cache_path(exe: &Path, out: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?.join("codegen-cache");
    let out = std::path::absolute(out).ok()?;
    let mut hasher = DefaultHasher::new();
    out.hash(&mut hasher);
    Some(dir.join(format!("{:016x}.bin", hasher.finish())))
}

/// What comparing the output with the files on disk found.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    pub changed: Vec<&'a OutputFile>,
    pub unchanged: usize,
    /// Files generated before that the new output no longer has.
    pub obsolete: Vec<PathBuf>,
}

pub fn plan<'a>(out: &Path, files: &'a [OutputFile]) -> Plan<'a> {
    let mut plan = Plan::default();
    for file in files {
        match fs::read_to_string(out.join(&file.path)) {
            Ok(existing) if existing == file.contents => plan.unchanged += 1,
            _ => plan.changed.push(file),
        }
    }
    let mut on_disk = Vec::new();
    collect_generated(&out.join("src"), &mut on_disk);
    for path in on_disk {
        let relative = path
            .strip_prefix(out)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if !files.iter().any(|f| f.path == relative) {
            plan.obsolete.push(path);
        }
    }
    plan
}

/// Files under `dir` that say they are generated (so they may be deleted).
fn collect_generated(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_generated(&path, found);
        } else if is_generated(&path) {
            found.push(path);
        }
    }
}

/// Whether the file at `path` starts with one of the marks of generated files; only its
/// beginning is read (the output of a large spec is megabytes).
fn is_generated(path: &Path) -> bool {
    const MARKS: [&str; 2] = [
        "// @generated by `cargo xtask codegen`",
        "// Copied by `cargo xtask codegen`",
    ];
    let longest = MARKS.iter().map(|mark| mark.len()).max().unwrap_or(0);
    let mut start = Vec::with_capacity(longest);
    let read =
        fs::File::open(path).and_then(|file| file.take(longest as u64).read_to_end(&mut start));
    read.is_ok() && MARKS.iter().any(|mark| start.starts_with(mark.as_bytes()))
}

/// Writes the changed files: all to temporaries first, then renamed into place.
pub fn write(out: &Path, plan: &Plan<'_>) -> io::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for file in &plan.changed {
            let target = out.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut temporary = target.clone().into_os_string();
            temporary.push(".codegen-tmp");
            let temporary = PathBuf::from(temporary);
            fs::write(&temporary, &file.contents)?;
            staged.push((temporary, target));
        }
        Ok(())
    })();
    if let Err(error) = result {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, target) in &staged {
        fs::rename(temporary, target)?;
    }
    for path in &plan.obsolete {
        fs::remove_file(path)?;
        // A folder of a split module (`src/models/`) that is left empty goes too; one
        // that still holds anything stays (`remove_dir` refuses it).
        if let Some(folder) = path.parent().filter(|folder| *folder != out.join("src")) {
            let _ = fs::remove_dir(folder);
        }
    }
    Ok(())
}

fn print_report(generated: &Generated) {
    let report = &generated.report;
    if !report.fallbacks.is_empty() {
        println!(
            "\n{} place(s) fell back to serde_json::Value:",
            report.fallbacks.len()
        );
        for diagnostic in &report.fallbacks {
            println!("  {} — {}", diagnostic.location, diagnostic.message);
        }
    }
    if !report.warnings.is_empty() {
        println!("\n{} warning(s):", report.warnings.len());
        for diagnostic in &report.warnings {
            println!("  {} — {}", diagnostic.location, diagnostic.message);
        }
    }
    if !report.skipped.is_empty() {
        println!(
            "\n{} operation(s) skipped, everything else generated:",
            report.skipped.len()
        );
        for diagnostic in &report.skipped {
            println!("  {} — {}", diagnostic.location, diagnostic.message);
        }
    }
}

pub fn run(args: &Args) -> ExitCode {
    let start = Instant::now();
    let generated = match generate(args) {
        Ok(generated) => generated,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let plan = plan(&args.out, &generated.files);
    let out = args.out.display();
    match args.mode {
        Mode::Check => {
            if plan.changed.is_empty() && plan.obsolete.is_empty() {
                println!(
                    "codegen --check: {out} is up to date ({} files)",
                    generated.files.len()
                );
                return ExitCode::SUCCESS;
            }
            for file in &plan.changed {
                eprintln!("stale: {}", args.out.join(&file.path).display());
            }
            for path in &plan.obsolete {
                eprintln!("obsolete: {}", path.display());
            }
            eprintln!(
                "{out} is out of date with {}; run `cargo xtask codegen`",
                args.spec
            );
            ExitCode::FAILURE
        }
        Mode::Write => {
            if let Err(error) = write(&args.out, &plan) {
                eprintln!("error: cannot write {out}: {error}; the previous files were kept");
                return ExitCode::FAILURE;
            }
            for file in &plan.changed {
                println!("wrote {}", args.out.join(&file.path).display());
            }
            for path in &plan.obsolete {
                println!("removed {}", path.display());
            }
            let t = generated.timings;
            println!(
                "codegen: {} operations, {} types from {} → {out}: {} files written, {} unchanged, {} removed \
                 ({:.1?}: load {:.1?}, lower {:.1?}, emit + render {:.1?} on all cores; {} of {} items formatted, \
                 the rest reused from the last run)",
                generated.operations,
                generated.types,
                args.spec,
                plan.changed.len(),
                plan.unchanged,
                plan.obsolete.len(),
                start.elapsed(),
                t.load,
                t.lower,
                t.emit_render_wall,
                t.formatted,
                t.formatted + t.reused,
            );
            print_report(&generated);
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when `generated/` is not what `spec/` generates.
    #[test]
    fn generated_crate_is_up_to_date() {
        let args = Args::default_job(Mode::Check);
        let generated = generate(&args).unwrap_or_else(|message| panic!("{message}"));
        let plan = plan(&args.out, &generated.files);
        let stale: Vec<String> = plan
            .changed
            .iter()
            .map(|f| f.path.clone())
            .chain(plan.obsolete.iter().map(|p| p.display().to_string()))
            .collect();
        assert!(
            stale.is_empty(),
            "generated/ is stale ({stale:?}); run `cargo xtask codegen`"
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let args = Args::default_job(Mode::Check);
        let first = generate(&args).map(|g| g.files);
        let second = generate(&args).map(|g| g.files);
        assert_eq!(first, second);
    }
}
