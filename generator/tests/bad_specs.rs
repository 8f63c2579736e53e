//! A catalogue of broken specs under `tests/bad/`, one mistake each (`several_*` have
//! several, to show that independent errors are reported together). Generation must
//! fail, without panicking, and the error list is snapshotted so that every message's
//! wording and place (file, line, JSON pointer) is reviewed like code. Files under
//! `tests/bad/parts/` are only reached through `$ref`s.

mod common;

#[test]
fn errors() {
    insta::glob!("bad/*.{yaml,json}", |path| {
        let relative = path
            .strip_prefix(common::crate_dir())
            .unwrap_or(path)
            .to_path_buf();
        let Err(errors) = common::generate(&relative, "bad") else {
            panic!("{} generates, but it is broken", relative.display());
        };
        for error in &errors.0 {
            assert!(
                error.location.line.is_some() || error.location.pointer.is_empty(),
                "no line for {error}"
            );
        }
        insta::assert_snapshot!(errors.to_string());
    });
}
