//! Shared by the generator's integration tests: run the generator on files on disk.

use std::path::{Path, PathBuf};

use generator::{Generated, Options, SourceReader};

/// Reads spec files relative to a folder.
pub struct FsReader(pub PathBuf);

impl SourceReader for FsReader {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }
}

/// The generator crate's folder (tests run there, but be explicit).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the generator on `spec` (relative to the generator crate) as a standalone crate.
pub fn generate(spec: &Path, crate_name: &str) -> Result<Generated, generator::Errors> {
    let spec_file = spec.to_string_lossy().replace('\\', "/");
    let options = Options {
        spec_file: spec_file.clone(),
        crate_name: crate_name.to_owned(),
        token_env: None,
        manifest: false,
    };
    generator::generate(&FsReader(crate_dir()), &spec_file, &options)
}

/// The fixture files, sorted.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn fixtures() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(crate_dir().join("tests/fixtures"))
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
