//! The whole DigitalOcean description (`../shared/digitalocean-openapi/`, outside the
//! project) generates a crate whose workflows work as a user writes them:
//! `tests/behaviour/digitalocean.rs` runs inside it, against a server on 127.0.0.1 —
//! a chat completion streamed into typed chunks, the Droplets listed across three pages.
//!
//! The README's examples written for this crate (its code blocks marked `rs`) are
//! compiled with it, each as a module of the behaviour test.
//!
//! Heavy (the crate has hundreds of operations): one test, built in the target folder
//! the fixture behaviour tests share (`target/tmp/fixture-behaviour/target`), so the
//! dependencies are built once.

mod common;

use std::path::{Path, PathBuf};

use generator::Options;

/// The DigitalOcean description, next to the project.
fn spec_dir() -> PathBuf {
    common::crate_dir().join("../../shared/digitalocean-openapi/specification")
}

/// DigitalOcean's own example of the Droplets listing (its three Droplets), as JSON.
fn example_droplets(dir: &Path) -> String {
    let path = dir.join("resources/droplets/responses/examples.yml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let examples: serde_json::Value = serde_yaml::from_str(&text).expect("the examples parse");
    let droplets = &examples["droplets_all"]["value"]["droplets"];
    assert!(droplets.is_array(), "the example lists Droplets");
    droplets.to_string()
}

/// The README's code blocks marked `rs` (examples for the DigitalOcean crate), each as a
/// module compiled but not run.
fn readme_examples() -> String {
    let readme = std::fs::read_to_string(common::crate_dir().join("../README.md"))
        .expect("the README is readable");
    let mut out = String::new();
    let mut block: Option<String> = None;
    let mut count = 0;
    for line in readme.lines() {
        match &mut block {
            None if line.trim_start() == "```rs" => block = Some(String::new()),
            None => {}
            Some(code) if line.trim_start() == "```" => {
                count += 1;
                out.push_str(&format!(
                    "\n/// README example {count}.\n#[allow(dead_code, reason = \"compiled, not run\")]\nmod readme_{count} {{\n{code}}}\n"
                ));
                block = None;
            }
            Some(code) => {
                code.push_str(line);
                code.push('\n');
            }
        }
    }
    assert!(
        count > 0,
        "the README has examples for the DigitalOcean crate"
    );
    out
}

#[test]
fn the_digitalocean_crate_streams_chat_completions_and_lists_droplets() {
    let dir = spec_dir();
    assert!(
        dir.join("DigitalOcean-public.v2.yaml").is_file(),
        "this test needs the DigitalOcean description at {} (CI has it next to the project)",
        dir.display()
    );
    let options = Options {
        spec_file: "DigitalOcean-public.v2.yaml".to_owned(),
        crate_name: "digitalocean".to_owned(),
        token_env: None,
        manifest: false,
        strict: false,
        ..Default::default()
    };
    let generated = generator::generate(
        &common::FsReader(dir.clone()),
        "DigitalOcean-public.v2.yaml",
        &options,
    )
    .unwrap_or_else(|errors| panic!("the DigitalOcean description does not generate:\n{errors}"));
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("digitalocean");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-behaviour/target");
    let crates = vec![(
        "digitalocean".to_owned(),
        &generated,
        vec![
            (
                "tests/behaviour.rs".to_owned(),
                format!(
                    "{}{}",
                    include_str!("behaviour/digitalocean.rs"),
                    readme_examples()
                ),
            ),
            (
                "tests/support/mod.rs".to_owned(),
                include_str!("behaviour/support.rs").to_owned(),
            ),
            (
                "tests/data/droplets.json".to_owned(),
                example_droplets(&dir),
            ),
        ],
    )];
    common::write_workspace(&root, &crates);
    if let Err(messages) = common::run_cargo(&root, &target, &["test", "--workspace"]) {
        panic!("the DigitalOcean crate's workflows fail:\n{messages}");
    }
}
