//! Specs built to hurt: deep `$ref` chains, diamonds of `allOf`s, properties merged from
//! objects that refer back to themselves. Each must end quickly, with code or with
//! errors, and never overflow the stack (tests run on 2 MiB threads, in debug builds).

use std::time::{Duration, Instant};

use generator::{Errors, Generated, MemoryReader, Options};

/// A spec whose one operation returns `#/components/schemas/Root`, with `schemas` (YAML
/// lines, indented by four spaces) as its components.
fn spec(schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      \
         operationId: a\n      responses:\n        '200':\n          description: ok\n          \
         content:\n            application/json:\n              schema: {{$ref: \
         '#/components/schemas/Root'}}\ncomponents:\n  schemas:\n{schemas}"
    )
}

fn generate(text: String) -> (Result<Generated, Errors>, Duration) {
    let reader = MemoryReader::new([("spec.yaml", text)]);
    let options = Options {
        spec_file: "spec.yaml".into(),
        crate_name: "pathological".into(),
        token_env: None,
        manifest: false,
        strict: false,
        ..Default::default()
    };
    let start = Instant::now();
    let result = generator::generate(&reader, "spec.yaml", &options);
    (result, start.elapsed())
}

#[test]
fn a_chain_of_refs_deeper_than_the_limit_is_cut_with_a_warning() {
    let mut schemas = String::from(
        "    Root: {type: object, properties: {next: {$ref: '#/components/schemas/S0'}}}\n",
    );
    for i in 0..1000 {
        schemas.push_str(&format!(
            "    S{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/S{}'}}}}}}\n",
            i + 1
        ));
    }
    schemas.push_str("    S1000: {type: object}\n");
    let (result, _) = generate(spec(&schemas));
    // A test: a failed expectation is the test failing.
    let generated = result.expect("a 1000-deep chain generates, cut where it is too deep");
    let warnings = &generated.report.warnings;
    assert!(
        !warnings.is_empty() && warnings.iter().all(|w| w.message.contains("levels deep")),
        "unexpected warnings: {warnings:?}"
    );
}

#[test]
fn a_chain_of_refs_within_the_limit_generates() {
    let mut schemas = String::from(
        "    Root: {type: object, properties: {next: {$ref: '#/components/schemas/S0'}}}\n",
    );
    for i in 0..100 {
        schemas.push_str(&format!(
            "    S{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/S{}'}}}}}}\n",
            i + 1
        ));
    }
    schemas.push_str("    S100: {type: object, properties: {end: {type: string}}}\n");
    let (result, _) = generate(spec(&schemas));
    let generated = result.unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(generated.types, 102);
}

#[test]
fn diamonds_of_all_of_take_linear_time() {
    // Root merges S0, which merges S1 twice, which merges S2 twice, …: 2^30 paths.
    let mut schemas = String::from(
        "    Root: {type: object, properties: {a: {$ref: '#/components/schemas/S0'}, b: {allOf: \
         [{$ref: '#/components/schemas/S0'}, {type: object, properties: {x: {type: string}}}]}}}\n",
    );
    for i in 0..30 {
        schemas.push_str(&format!(
            "    S{i}: {{allOf: [{{$ref: '#/components/schemas/S{next}'}}, {{$ref: \
             '#/components/schemas/S{next}'}}]}}\n",
            next = i + 1
        ));
    }
    schemas.push_str("    S30: {type: object, properties: {leaf: {type: string}}}\n");
    let (result, took) = generate(spec(&schemas));
    result.unwrap_or_else(|errors| panic!("{errors}"));
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn properties_merged_from_objects_that_hold_themselves_are_recursive() {
    // `p` is declared by both B and C, so it becomes a merge of B and C, whose `p` is
    // again a merge of B and C: one recursive struct, not an endless series of them.
    let schemas = "    Root: {allOf: [{$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/C'}]}
    B: {type: object, properties: {p: {$ref: '#/components/schemas/B'}}}
    C: {type: object, properties: {p: {$ref: '#/components/schemas/C'}}}
    D: {type: object, properties: {q: {type: string}}, allOf: [{$ref: '#/components/schemas/E'}, {$ref: '#/components/schemas/F'}]}
    E: {type: object, properties: {p: {allOf: [{$ref: '#/components/schemas/D'}]}}}
    F: {type: object, properties: {p: {$ref: '#/components/schemas/D'}}}
";
    let (result, took) = generate(spec(schemas));
    let generated = result.unwrap_or_else(|errors| panic!("{errors}"));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let models = generated
        .files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .expect("models.rs is generated");
    assert!(
        models
            .contents
            .contains("pub p: ::std::option::Option<::std::boxed::Box<RootP>>"),
        "{}",
        models.contents
    );
}
