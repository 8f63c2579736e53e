//! insta snapshots of the generator's output: for `spec/` and for one small spec per
//! feature under `tests/fixtures/`. Review changes with `cargo insta review`.

mod common;

use generator::Generated;

/// The files a reviewer reads, with the report of fallbacks and warnings on top.
fn reviewable(generated: &Generated) -> String {
    let mut out = String::new();
    let report = &generated.report;
    for diagnostic in &report.fallbacks {
        out.push_str(&format!(
            "// fallback: {} — {}\n",
            diagnostic.location, diagnostic.message
        ));
    }
    for diagnostic in &report.warnings {
        out.push_str(&format!(
            "// warning: {} — {}\n",
            diagnostic.location, diagnostic.message
        ));
    }
    for diagnostic in &report.skipped {
        out.push_str(&format!(
            "// skipped: {} — {}\n",
            diagnostic.location, diagnostic.message
        ));
    }
    for file in &generated.files {
        if file.path.starts_with("src/runtime/") {
            continue;
        }
        out.push_str(&format!("\n// ===== {} =====\n", file.path));
        out.push_str(&file.contents);
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.{yaml,json}", |path| {
        let relative = path
            .strip_prefix(common::crate_dir())
            .unwrap_or(path)
            .to_path_buf();
        let generated = common::generate(&relative, "fixture")
            .unwrap_or_else(|errors| panic!("{} does not generate:\n{errors}", relative.display()));
        insta::assert_snapshot!(reviewable(&generated));
    });
}

#[test]
fn spec() {
    let spec = std::path::Path::new("../spec/openapi.yaml");
    let generated = common::generate(spec, "generated").unwrap_or_else(|errors| panic!("{errors}"));
    insta::assert_snapshot!(reviewable(&generated));
}
