//! Generated code behaves as specified, not only compiles: fixtures with a test file
//! under `tests/behaviour/` are generated as crates and that file runs as their
//! integration test (`cargo test`, offline, warnings as errors, in a target folder of
//! its own under `target/tmp`; the first run builds the dependencies there once). Each
//! crate also gets `behaviour/support.rs` as the module `support` of its tests: an HTTP
//! server on 127.0.0.1 that hands over the raw request it received.

mod common;

use std::path::Path;

/// (fixture, the test file run inside its crate).
const CASES: &[(&str, &str)] = &[
    (
        "tests/fixtures/body_media_types.yaml",
        include_str!("behaviour/body_media_types.rs"),
    ),
    (
        "tests/fixtures/composition.yaml",
        include_str!("behaviour/composition.rs"),
    ),
    (
        "tests/fixtures/composition_siblings.yaml",
        include_str!("behaviour/composition_siblings.rs"),
    ),
    (
        "tests/fixtures/dereferenced.yaml",
        include_str!("behaviour/dereferenced.rs"),
    ),
    (
        "tests/fixtures/form_body.yaml",
        include_str!("behaviour/form_body.rs"),
    ),
    (
        "tests/fixtures/multipart_body.yaml",
        include_str!("behaviour/multipart_body.rs"),
    ),
    (
        "tests/fixtures/openapi31_document.yaml",
        include_str!("behaviour/openapi31_document.rs"),
    ),
    (
        "tests/fixtures/openapi31_schemas.yaml",
        include_str!("behaviour/openapi31_schemas.rs"),
    ),
    (
        "tests/fixtures/parameters.yaml",
        include_str!("behaviour/parameters.rs"),
    ),
    (
        "tests/fixtures/response_bodies.yaml",
        include_str!("behaviour/response_bodies.rs"),
    ),
    (
        "tests/fixtures/workflows.yaml",
        include_str!("behaviour/workflows.rs"),
    ),
];

/// The module `support` of every crate's tests.
const SUPPORT: &str = include_str!("behaviour/support.rs");

#[test]
fn generated_fixture_crates_pass_their_behaviour_tests() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-behaviour");
    let mut generated = Vec::new();
    for (fixture, test) in CASES {
        let stem = Path::new(fixture)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = format!("fixture_{stem}");
        let files = common::generate(Path::new(fixture), &name)
            .unwrap_or_else(|errors| panic!("{fixture} does not generate:\n{errors}"));
        generated.push((name, files, test));
    }
    let crates: Vec<_> = generated
        .iter()
        .map(|(name, files, test)| {
            (
                name.clone(),
                files,
                vec![
                    ("tests/behaviour.rs".to_owned(), test.to_string()),
                    ("tests/support/mod.rs".to_owned(), SUPPORT.to_owned()),
                ],
            )
        })
        .collect();
    common::write_workspace(&root, &crates);
    if let Err(messages) = common::run_cargo(&root, &root.join("target"), &["test", "--workspace"])
    {
        panic!("behaviour tests of generated fixture crates fail:\n{messages}");
    }
}
