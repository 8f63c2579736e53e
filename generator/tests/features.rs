//! Cargo features per tag, compiled: a crate generated from `fixtures/features.yaml` is
//! built with only one tag's feature on, and what other tags use is not there.

mod common;

use std::path::Path;

/// Uses what the `pets` feature compiles: its operation and types, the operation without
/// a tag, and the error type of the crate's `Result`.
const PETS: &str = r#"
use fixture_features::models::{Health, Kind, Pet, Problem};
use fixture_features::operations::{health, list_pets};

#[test]
fn the_pets_feature_has_its_operations_and_types() {
    let pet = Pet { kind: Some(Kind::Dog), ..Pet::new("Rex") };
    assert_eq!(pet.name, "Rex");
    let _ = Health::default();
    let _ = Problem::new("no");
    assert!(list_pets::request().is_ok());
    assert!(health::request().is_ok());
    let _method = fixture_features::Client::list_pets;
}
"#;

/// Uses what only the `pet-stores` feature compiles.
const STORES: &str = r#"
#[test]
fn the_stores_feature_has_its_operation() {
    assert!(fixture_features::operations::list_stores::request().is_ok());
    let _ = fixture_features::models::Store::new("High Street 1");
}
"#;

/// Uses the type no operation uses: only `full` has it.
const UNUSED: &str = r#"
#[test]
fn full_has_the_unused_types() {
    let _ = fixture_features::models::Unused::default();
}
"#;

#[test]
fn one_feature_compiles_only_its_tag() {
    let generated = common::generate(
        Path::new("tests/fixtures/features.yaml"),
        "fixture_features",
    )
    .unwrap_or_else(|errors| panic!("the fixture does not generate:\n{errors}"));
    assert_eq!(generated.features, ["pet-stores", "pets"]);
    // Each feature's own items are in its own files, which a build without it never reads.
    let file = |path: &str| common::file(&generated, path);
    for feature in ["pets", "pet_stores"] {
        for module in ["operations", "client"] {
            file(&format!("src/{module}/{feature}.rs"));
        }
    }
    // Every type `pets` uses, `pet-stores` uses too: it has no models of its own.
    assert!(
        !generated
            .files
            .iter()
            .any(|f| f.path == "src/models/pets.rs")
    );
    assert!(file("src/models/pet_stores.rs").contains("pub struct Store {"));
    assert!(!file("src/models.rs").contains("pub struct Store {"));
    assert!(file("src/operations/pets.rs").contains("pub mod list_pets {"));
    // What both tags use, and what no operation uses, stays in the module's file.
    assert!(file("src/models.rs").contains("pub struct Problem {"));
    assert!(file("src/models.rs").contains("pub struct Unused {"));
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("features");
    let crates = vec![(
        "fixture_features".to_owned(),
        &generated,
        vec![
            ("tests/pets.rs".to_owned(), PETS.to_owned()),
            ("tests/stores.rs".to_owned(), STORES.to_owned()),
            ("tests/unused.rs".to_owned(), UNUSED.to_owned()),
        ],
    )];
    common::write_workspace(&root, &crates);
    // The fixture crates' target folder: their dependencies are built there already.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-behaviour/target");
    let cargo = |args: &[&str]| common::run_cargo(&root, &target, args);
    let only = |feature: &str, test: &str| {
        cargo(&[
            "test",
            "--no-default-features",
            "--features",
            feature,
            "--test",
            test,
        ])
    };

    only("pets", "pets").unwrap_or_else(|messages| panic!("pets alone:\n{messages}"));
    let missing = only("pets", "stores").expect_err("`list_stores` is not compiled with `pets`");
    assert!(
        missing.contains("list_stores") && missing.contains("Store"),
        "{missing}"
    );
    let missing = only("pets", "unused").expect_err("`Unused` is not compiled with `pets`");
    assert!(missing.contains("Unused"), "{missing}");
    only("pet-stores", "stores").unwrap_or_else(|messages| panic!("pet-stores alone:\n{messages}"));
    // By default (`full`), everything.
    cargo(&["test"]).unwrap_or_else(|messages| panic!("full:\n{messages}"));
}
