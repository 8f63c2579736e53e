//! Every fixture's generated crate compiles without warnings.
//!
//! The fixtures are generated into one throw-away Cargo workspace (one member crate per
//! fixture, each with its own copy of the runtime) and checked with `cargo check`,
//! offline, with the workspace's `Cargo.lock`, in a target folder of its own under
//! `target/tmp` (the first run builds the dependencies there once).

mod common;

use std::path::Path;

#[test]
fn generated_fixture_crates_compile_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let mut generated = Vec::new();
    for fixture in common::fixtures() {
        let stem = fixture
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['.', '-'], "_"))
            .unwrap_or_default();
        let name = format!("fixture_{stem}");
        let crate_files = common::generate(&fixture, &name)
            .unwrap_or_else(|errors| panic!("{} does not generate:\n{errors}", fixture.display()));
        generated.push((name, crate_files));
    }
    let crates: Vec<_> = generated
        .iter()
        .map(|(name, files)| (name.clone(), files, Vec::new()))
        .collect();
    if let Err(messages) = common::check_crates(&root, &root.join("target"), &crates) {
        panic!("generated fixture crates do not compile cleanly:\n{messages}");
    }
}
