//! The render cache changes how long a run takes, never what it generates: a run that
//! reuses formatted text gives the bytes a run without the cache gives, whatever the
//! cache file holds. The file is kept here as `cargo xtask codegen` keeps it: read with
//! `Cache::from_bytes` before a run, written with `Cache::to_bytes` after it.

mod common;

use std::fs;
use std::path::PathBuf;

use generator::render::Cache;
use generator::{Generated, MemoryReader, Options, SourceReader};

/// The build the cache files of these tests belong to.
const BUILD: &str = "test build";

/// A fresh folder for one test's cache file (under `target/`).
fn cache_file(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("render-cache-{test}"));
    let _ = fs::remove_dir_all(&dir);
    dir.join("cache.bin")
}

fn generate(spec: &str, cache: Option<&PathBuf>) -> Generated {
    generate_with(spec, cache, false)
}

fn generate_with(spec: &str, cache: Option<&PathBuf>, read_only: bool) -> Generated {
    let reader = MemoryReader::new([("openapi.yaml", spec)]);
    let options = Options {
        spec_file: "openapi.yaml".into(),
        crate_name: "cached".into(),
        manifest: true,
        ..Default::default()
    };
    run(&reader, "openapi.yaml", &options, cache, read_only)
        .unwrap_or_else(|errors| panic!("the spec does not generate:\n{errors}"))
}

/// Generates, with the cache kept in `cache` (written back unless `read_only`) if any.
fn run(
    reader: &dyn SourceReader,
    root: &str,
    options: &Options,
    cache: Option<&PathBuf>,
    read_only: bool,
) -> Result<Generated, generator::Errors> {
    let Some(file) = cache else {
        return generator::generate(reader, root, options);
    };
    let held = || {
        fs::read(file)
            .map(|bytes| Cache::from_bytes(&bytes, BUILD))
            .unwrap_or_default()
    };
    let (generated, kept) = generator::generate_reusing(reader, root, options, held)?;
    if !read_only {
        fs::create_dir_all(file.parent().expect("a folder")).expect("the cache's folder");
        fs::write(file, kept.to_bytes(BUILD)).expect("write the cache");
    }
    Ok(generated)
}

fn the_spec() -> String {
    fs::read_to_string(common::crate_dir().join("../spec/openapi.yaml")).expect("spec/ is there")
}

#[test]
fn a_second_run_formats_nothing_and_gives_the_same_bytes() {
    let spec = the_spec();
    let cache = cache_file("second-run");
    let uncached = generate(&spec, None);
    assert_eq!(uncached.timings.reused, 0);
    let first = generate(&spec, Some(&cache));
    assert!(cache.is_file(), "the first run keeps its pieces");
    assert_eq!(first.timings.reused, 0);
    assert_eq!(first.timings.formatted, uncached.timings.formatted);
    let second = generate(&spec, Some(&cache));
    assert_eq!(second.timings.formatted, 0);
    assert_eq!(second.timings.reused, uncached.timings.formatted);
    assert_eq!(first.files, uncached.files);
    assert_eq!(second.files, uncached.files);
}

#[test]
fn an_edit_formats_only_the_pieces_it_changes() {
    let spec = the_spec();
    let cache = cache_file("edit");
    let before = generate(&spec, Some(&cache));
    // One schema's description: its type's doc comment changes, and so does the doc of
    // the one property that has no description of its own and borrows the type's.
    let from = "description: The phase of the batch job";
    assert!(
        spec.contains(from),
        "spec/ still describes the batch job phase"
    );
    let edited = spec.replacen(from, "description: Edited. The phase of the batch job", 1);
    let after = generate(&edited, Some(&cache));
    assert_eq!(
        after.timings.formatted, 2,
        "only the two changed types are formatted"
    );
    assert_eq!(after.timings.reused, before.timings.formatted - 2);
    assert_eq!(after.files, generate(&edited, None).files);
    let models = |generated: &Generated| {
        generated
            .files
            .iter()
            .find(|file| file.path == "src/models.rs")
            .map(|file| file.contents.clone())
            .expect("models.rs")
    };
    assert!(models(&after).contains("/// Edited. The phase of the batch job"));
    assert_ne!(models(&after), models(&before));
}

#[test]
fn a_read_only_cache_is_used_but_left_as_it_was() {
    let spec = the_spec();
    let cache = cache_file("read-only");
    let cold = generate_with(&spec, Some(&cache), true);
    assert!(!cache.exists(), "a read-only run writes no cache file");
    generate(&spec, Some(&cache));
    let written = fs::read(&cache).expect("a writable run keeps its pieces");
    let edited = spec.replacen(
        "description: The phase of the batch job",
        "description: Edited. The phase of the batch job",
        1,
    );
    let checked = generate_with(&edited, Some(&cache), true);
    assert_eq!(
        checked.timings.formatted, 2,
        "it reuses what the file holds"
    );
    assert_eq!(fs::read(&cache).expect("still there"), written);
    assert_eq!(checked.files, generate(&edited, None).files);
    assert_eq!(cold.files, generate(&spec, None).files);
}

#[test]
fn a_damaged_or_foreign_cache_file_is_ignored() {
    let spec = the_spec();
    let uncached = generate(&spec, None);
    let cache = cache_file("damaged");
    fs::create_dir_all(cache.parent().expect("a folder")).expect("temp folder");
    for garbage in [
        b"not a cache".to_vec(),
        b"openapi-rust render cache 1\nanother build\n".to_vec(),
        Vec::new(),
    ] {
        fs::write(&cache, &garbage).expect("write the damaged file");
        let run = generate(&spec, Some(&cache));
        assert_eq!(run.timings.reused, 0);
        assert_eq!(run.files, uncached.files);
    }
    // The last run replaced the damaged file with a good one; cut it short.
    let good = fs::read(&cache).expect("the cache was rewritten");
    fs::write(&cache, &good[..good.len() - 3]).expect("write the cut file");
    let run = generate(&spec, Some(&cache));
    assert_eq!(run.timings.reused, 0);
    assert_eq!(run.files, uncached.files);
}

#[test]
fn every_fixture_generates_the_same_bytes_from_the_cache() {
    for fixture in common::fixtures() {
        let name = fixture
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let cache = cache_file(&format!("fixture-{}", name.unwrap_or_default()));
        let spec_file = fixture.to_string_lossy().replace('\\', "/");
        let run = |cache: Option<&PathBuf>| {
            let options = Options {
                spec_file: spec_file.clone(),
                crate_name: "fixture".into(),
                ..Default::default()
            };
            let reader = common::FsReader(common::crate_dir());
            run(&reader, &spec_file, &options, cache, false)
                .map(|generated| (generated.files, generated.timings.formatted))
                .map_err(|errors| errors.to_string())
        };
        let uncached = run(None);
        let first = run(Some(&cache));
        let second = run(Some(&cache));
        match (&uncached, &second) {
            (Ok((files, _)), Ok((cached, formatted))) => {
                assert_eq!(cached, files, "{spec_file}");
                assert_eq!(*formatted, 0, "{spec_file}: a second run formats nothing");
            }
            _ => assert_eq!(uncached, second, "{spec_file}: same errors"),
        }
        assert_eq!(first, uncached, "{spec_file}");
    }
}
