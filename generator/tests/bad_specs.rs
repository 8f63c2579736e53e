//! A catalogue of broken specs under `tests/bad/`, one mistake each (`several_*` have
//! several, to show that independent errors are reported together). Files under
//! `tests/bad/parts/` are only reached through `$ref`s.
//!
//! A spec that cannot be read at all fails to generate; any other mistake is given up
//! where it is (a keyword ignored, a schema typed as any JSON value, an operation
//! skipped) and the rest generates. Either way nothing passes silently: a failure has
//! errors, a success has warnings or skipped operations, and `--strict` refuses it. The
//! outcome is snapshotted, so every message's wording and place (file, line, JSON
//! pointer) is reviewed like code. Generation never panics.

mod common;

use generator::{Diagnostic, Generated};

fn listed(kind: &str, diagnostics: &[Diagnostic], out: &mut String) {
    for diagnostic in diagnostics {
        out.push_str(&format!("{kind}: {diagnostic}\n"));
    }
}

/// What a reviewer reads of a spec that generated anyway.
fn accepted(generated: &Generated) -> String {
    let mut out = format!(
        "accepted: {} operation(s) generated\n",
        generated.operations
    );
    let report = &generated.report;
    listed("skipped", &report.skipped, &mut out);
    listed("warning", &report.warnings, &mut out);
    listed("fallback", &report.fallbacks, &mut out);
    out
}

#[test]
fn errors() {
    insta::glob!("bad/*.{yaml,json}", |path| {
        let relative = path
            .strip_prefix(common::crate_dir())
            .unwrap_or(path)
            .to_path_buf();
        let outcome = match common::generate(&relative, "bad") {
            Ok(generated) => {
                let report = &generated.report;
                assert!(
                    !report.warnings.is_empty() || !report.skipped.is_empty(),
                    "{} generates without a word, but it is broken",
                    relative.display()
                );
                assert!(
                    common::generate_with(&relative, "bad", true).is_err(),
                    "{} generates under --strict, but it is broken",
                    relative.display()
                );
                accepted(&generated)
            }
            Err(errors) => {
                for error in &errors.0 {
                    assert!(
                        error.location.line.is_some() || error.location.pointer.is_empty(),
                        "no line for {error}"
                    );
                }
                errors.to_string()
            }
        };
        insta::assert_snapshot!(outcome);
    });
}

#[test]
fn one_broken_operation_costs_only_itself_and_strict_refuses_it() {
    let spec = std::path::Path::new("tests/fixtures/leniency.yaml");
    let generated = common::generate(spec, "fixture").unwrap_or_else(|errors| panic!("{errors}"));
    let skipped: Vec<&str> = generated
        .report
        .skipped
        .iter()
        .map(|d| d.location.pointer.as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "/paths/~1broken/get/parameters/0",
            "/paths/~1also-broken~1{id}/get"
        ]
    );
    assert_eq!(generated.operations, 4, "the other operations generate");
    let Err(errors) = common::generate_with(spec, "fixture", true) else {
        panic!("--strict accepts a spec with skipped operations and warnings");
    };
    let report = &generated.report;
    assert_eq!(
        errors.0.len(),
        report.warnings.len() + report.skipped.len(),
        "every warning and skipped operation is an error under --strict:\n{errors}"
    );
}
