//! A catalogue of broken specs under `tests/bad/`, one mistake each (`several_*` have
//! several): generation must fail, without panicking, and the error list is
//! snapshotted, so every message's wording and place (file, line, JSON pointer) is
//! reviewed like code. Files under `tests/bad/parts/` are only reached through `$ref`s.

mod common;

#[test]
fn bad_specs_fail_with_located_errors() {
    insta::glob!("bad/*.{yaml,json}", |path| {
        let relative = path
            .strip_prefix(common::crate_dir())
            .unwrap_or(path)
            .to_path_buf();
        match common::generate(&relative, "bad") {
            Ok(_) => insta::assert_snapshot!("GENERATES"),
            Err(errors) => insta::assert_snapshot!(errors.to_string()),
        }
    });
}
