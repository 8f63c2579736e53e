//! Every fixture's generated crate compiles without warnings.
//!
//! The fixtures are generated into one throw-away Cargo workspace (one member crate per
//! fixture, each with its own copy of the runtime) and checked with `cargo check`,
//! offline, with the workspace's `Cargo.lock`, in a target folder of its own under
//! `target/tmp` (the first run builds the dependencies there once).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn generated_fixture_crates_compile_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = fs::remove_dir_all(root.join("crates"));
    let mut members = Vec::new();
    for fixture in common::fixtures() {
        let stem = fixture
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['.', '-'], "_"))
            .unwrap_or_default();
        let name = format!("fixture_{stem}");
        let generated = common::generate(&fixture, &name)
            .unwrap_or_else(|errors| panic!("{} does not generate:\n{errors}", fixture.display()));
        let dir = root.join("crates").join(&name);
        for file in &generated.files {
            let path = dir.join(&file.path);
            fs::create_dir_all(path.parent().expect("files are inside the crate"))
                .expect("create dir");
            fs::write(&path, &file.contents).expect("write file");
        }
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}\n{}",
            generator::render::DEPENDENCIES,
            generator::render::FEATURES
        );
        fs::write(dir.join("Cargo.toml"), manifest).expect("write manifest");
        members.push(format!("\"crates/{name}\""));
    }
    let workspace = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(root.join("Cargo.toml"), workspace).expect("write workspace manifest");
    let lock = common::crate_dir().join("../Cargo.lock");
    fs::copy(&lock, root.join("Cargo.lock")).expect("copy Cargo.lock");

    // Once as users get it, once with every serde impl the features can add.
    for features in [None, Some("--all-features")] {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "check",
                "--workspace",
                "--offline",
                "--quiet",
                "--message-format=short",
            ])
            .args(features)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .output()
            .expect("run cargo check");
        assert!(
            output.status.success(),
            "generated fixture crates do not compile cleanly ({features:?}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
