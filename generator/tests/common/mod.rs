//! Shared by the generator's integration tests: run the generator on files on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{Generated, Options, SourceReader};

/// Reads spec files relative to a folder.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub struct FsReader(pub PathBuf);

impl SourceReader for FsReader {
    fn read(&self, path: &str) -> Result<String, String> {
        fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }
}

/// The contents of the generated file at `path` (`src/models.rs`); panics without it.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    generated
        .files
        .iter()
        .find(|file| file.path == path)
        .map(|file| file.contents.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

/// The generator crate's folder (tests run there, but be explicit).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the generator on `spec` (relative to the generator crate) as a standalone crate.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn generate(spec: &Path, crate_name: &str) -> Result<Generated, generator::Errors> {
    generate_with(spec, crate_name, false)
}

/// [`generate`], refusing any spec that needs leniency when `strict` (`--strict`).
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn generate_with(
    spec: &Path,
    crate_name: &str,
    strict: bool,
) -> Result<Generated, generator::Errors> {
    let spec_file = spec.to_string_lossy().replace('\\', "/");
    let options = Options {
        spec_file: spec_file.clone(),
        crate_name: crate_name.to_owned(),
        token_env: None,
        manifest: false,
        strict,
        ..Default::default()
    };
    generator::generate(&FsReader(crate_dir()), &spec_file, &options)
}

/// Loads and lowers `spec` (relative to the generator crate): its IR.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn lowered(spec: &Path) -> Result<generator::ir::Api, generator::Errors> {
    let spec_file = spec.to_string_lossy().replace('\\', "/");
    let loaded = generator::load::load(&FsReader(crate_dir()), &spec_file)?;
    let options = generator::lower::LowerOptions {
        spec_file,
        token_env: None,
        ..Default::default()
    };
    generator::lower::lower(&loaded, &options).map(|(api, _)| api)
}

/// The fixture files, sorted.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn fixtures() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(crate_dir().join("tests/fixtures"))
        .expect("tests/fixtures exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .map(|path| {
            path.strip_prefix(crate_dir())
                .map(Path::to_path_buf)
                .unwrap_or(path)
        })
        .collect();
    found.sort();
    found
}

/// A crate to check: its package name, its generated files, and extra files (path in the
/// crate, contents), such as the spec it was made from.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub type CrateToCheck<'g> = (String, &'g Generated, Vec<(String, String)>);

/// Writes `crates` (package name, generated files, extra files such as the spec) as the
/// members of one throw-away Cargo workspace at `root` and runs `cargo check` on it:
/// offline, with the project's `Cargo.lock`, with warnings as errors, in the target folder
/// `target` (shared between callers, so the dependencies are built once). Returns
/// cargo's messages when the check fails.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn check_crates(root: &Path, target: &Path, crates: &[CrateToCheck<'_>]) -> Result<(), String> {
    write_workspace(root, crates);
    // Once as users get the crates, once with every serde impl the features add.
    for features in [None, Some("--all-features")] {
        let mut args = vec!["check", "--workspace", "--keep-going"];
        args.extend(features);
        run_cargo(root, target, &args).map_err(|messages| {
            format!(
                "{}{messages}",
                features.map(|f| format!("with {f}:\n")).unwrap_or_default()
            )
        })?;
    }
    Ok(())
}

/// What the tests run inside generated crates use besides the crate's own dependencies:
/// an async runtime for the client's calls (`tests/behaviour/`) and proptest for the
/// models' round trip (`tests/round_trip/`).
const DEV_DEPENDENCIES: &str = "[dev-dependencies]\n\
     tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n\
     proptest = { version = \"1\", default-features = false, features = [\"std\"] }\n";

/// Writes `crates` as the members of one throw-away Cargo workspace at `root`, with the
/// project's `Cargo.lock`.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn write_workspace(root: &Path, crates: &[CrateToCheck<'_>]) {
    let _ = fs::remove_dir_all(root.join("crates"));
    let mut members = Vec::new();
    for (name, generated, extra) in crates {
        let dir = root.join("crates").join(name);
        let files = generated
            .files
            .iter()
            .map(|file| (&file.path, &file.contents))
            .chain(extra.iter().map(|(path, contents)| (path, contents)));
        for (path, contents) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().expect("files are inside the crate"))
                .expect("create dir");
            fs::write(&path, contents).expect("write file");
        }
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}\n{}\n{DEV_DEPENDENCIES}",
            generator::emit::DEPENDENCIES,
            generator::emit::features_section(&generated.features)
        );
        fs::write(dir.join("Cargo.toml"), manifest).expect("write manifest");
        members.push(format!("\"crates/{name}\""));
    }
    let workspace = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(root.join("Cargo.toml"), workspace).expect("write workspace manifest");
    let lock = crate_dir().join("../Cargo.lock");
    fs::copy(&lock, root.join("Cargo.lock")).expect("copy Cargo.lock");
}

/// Runs `cargo <args>` in the workspace at `root`: offline, quietly, with warnings as
/// errors, in the target folder `target`. Returns cargo's messages when it fails.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn run_cargo(root: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .args(["--offline", "--quiet", "--message-format=short"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        // Each crate is built once: incremental state would only fill the disk.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("run cargo");
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        ))
    }
}
