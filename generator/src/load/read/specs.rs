//! What the readers' tests read: real documents (every fixture, the DigitalOcean
//! description and the corpus, from `../shared/` next to the project; CI has them),
//! bundled, and [`Dice`] to make up odd ones.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::SourceReader;
use crate::load::bundle::Bundler;
use crate::load::{parse, version};

/// Reads files under a folder.
struct Folder(PathBuf);

impl SourceReader for Folder {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }
}

/// The root files of a folder (`.yaml`, `.json`), sorted.
fn roots(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// Each document (by its root file's name) bundled, as the bundler leaves it without
/// reading ahead; those that cannot be read are left out.
pub(super) fn bundled() -> Vec<(String, Value)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../../shared");
    let mut folders = vec![manifest.join("tests/fixtures")];
    folders.push(shared.join("corpus/v30"));
    folders.push(shared.join("corpus/v31"));
    let mut documents = Vec::new();
    for folder in &folders {
        for root in roots(folder) {
            documents.extend(bundle(folder, &root).map(|document| (root, document)));
        }
    }
    let digitalocean = shared.join("digitalocean-openapi/specification");
    let root = "DigitalOcean-public.v2.yaml".to_owned();
    let document = bundle(&digitalocean, &root).expect("DigitalOcean's description bundles");
    documents.push((root, document));
    documents
}

fn bundle(folder: &Path, root: &str) -> Option<Value> {
    let reader = Folder(folder.to_owned());
    let mut bundler = Bundler::new(&reader, root, parse::prefetch(&reader, root));
    let document = bundler.root().ok()?;
    let version = version::check_version(&document, root).ok()?;
    Some(bundler.bundle(&document, version).document)
}

/// A small deterministic generator (xorshift), to make up documents.
pub(super) struct Dice(pub u64);

impl Dice {
    /// One of `from`.
    pub(super) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        from[(self.0 % from.len() as u64) as usize]
    }
}
