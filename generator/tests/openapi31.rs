//! OpenAPI 3.1 reads into the same client as 3.0: `spec/openapi-3.1.yaml`, the project's
//! spec as a 3.1 author writes it, generates exactly the crate `spec/openapi.yaml` does
//! (every file, byte for byte, both named after `spec/openapi.yaml` in their headers), and
//! without a warning: its 3.1 forms are its own version's rules.

mod common;

use generator::{Generated, Options};

fn generate(spec: &str) -> Generated {
    let options = Options {
        // Both are named as the 3.0 spec, which headers and docs mention.
        spec_file: "spec/openapi.yaml".into(),
        crate_name: "generated".into(),
        token_env: None,
        manifest: true,
        strict: true,
        ..Default::default()
    };
    let reader = common::FsReader(common::crate_dir().join(".."));
    generator::generate(&reader, spec, &options)
        .unwrap_or_else(|errors| panic!("{spec} does not generate under --strict:\n{errors}"))
}

#[test]
fn the_3_1_spec_generates_the_3_0_spec_s_crate() {
    let v30 = generate("spec/openapi.yaml");
    let v31 = generate("spec/openapi-3.1.yaml");
    let paths = |generated: &Generated| -> Vec<String> {
        generated.files.iter().map(|f| f.path.clone()).collect()
    };
    assert_eq!(paths(&v31), paths(&v30));
    for (file30, file31) in v30.files.iter().zip(&v31.files) {
        assert!(
            file30.contents == file31.contents,
            "{} differs between the 3.0 and the 3.1 spec:\n{}",
            file30.path,
            first_difference(&file30.contents, &file31.contents)
        );
    }
    assert_eq!(v31.report, v30.report);
}

/// The first line where `a` and `b` differ, for the failure message.
fn first_difference(a: &str, b: &str) -> String {
    let mut b_lines = b.lines();
    for (number, line) in a.lines().enumerate() {
        let other = b_lines.next().unwrap_or("<end of file>");
        if line != other {
            return format!("line {}:\n  3.0: {line}\n  3.1: {other}", number + 1);
        }
    }
    "3.1's is longer".to_owned()
}
