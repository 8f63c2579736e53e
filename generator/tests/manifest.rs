//! `generated/Cargo.toml` is written by hand (it also has dev-dependencies), but its
//! dependencies and features must be those the generator gives a standalone crate of
//! `spec/openapi.yaml`.

mod common;

use std::path::Path;

use generator::emit::{DEPENDENCIES, features_section};

#[test]
fn generated_crate_has_the_dependencies_and_features_of_a_standalone_crate() {
    let manifest = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/Cargo.toml"
    ))
    .expect("generated/Cargo.toml exists");
    let section = |name: &str| -> String {
        let start = manifest
            .find(&format!("\n[{name}]\n"))
            .unwrap_or_else(|| panic!("generated/Cargo.toml has no [{name}]"));
        let body = &manifest[start + 1..];
        let end = body[1..].find("\n[").map_or(body.len(), |i| i + 2);
        body[..end].trim_end().to_owned()
    };
    assert_eq!(
        section("dependencies"),
        format!("[dependencies]\n{}", DEPENDENCIES.trim_end())
    );
    let generated = common::generate(Path::new("../spec/openapi.yaml"), "generated")
        .unwrap_or_else(|errors| panic!("spec/openapi.yaml does not generate:\n{errors}"));
    assert_eq!(
        section("features"),
        features_section(&generated.features).trim_end()
    );
}
