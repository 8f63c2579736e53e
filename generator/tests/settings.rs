//! The settings file's renames and format types, end to end: `spec/openapi.yaml` is
//! generated with settings read from YAML, and a test inside the generated crate uses
//! what they name.

mod common;

use std::path::Path;

use generator::Options;

const SETTINGS: &str = "\
renames:
  types:
    Error: ApiFailure
    NoSuchSchema: Whatever
  operations:
    genai_cancel_indexing_job: cancel_indexing_job
formats:
  date-time:
    type: std::string::String
  uri:
    type: url::Url
    dependency: 'url = { version = \"2\", features = [\"serde\"] }'
";

/// Runs inside the generated crate.
const TEST: &str = r#"
use settings_fixture::models::{ApiFailure, DateTime, IndexingJob};

#[test]
fn timestamps_stay_text_as_the_settings_say() {
    let text = "2024-01-01T00:00:00.50+02:00";
    let job: IndexingJob =
        serde_json::from_value(serde_json::json!({ "created_at": text, "uuid": "u" }))
            .expect("decodes");
    let created: Option<&DateTime> = job.created_at.as_ref();
    assert_eq!(created.map(String::as_str), Some(text));
    let written = serde_json::to_value(&job).expect("encodes");
    assert_eq!(written["created_at"], text);
}

#[test]
fn renamed_types_and_operations_are_there() {
    let failure = ApiFailure::new("not_found", "no such job");
    assert_eq!(failure.id, "not_found");
    let request = settings_fixture::operations::cancel_indexing_job::request("u", None)
        .expect("a request");
    assert_eq!(request.path_and_query(), "/v2/gen-ai/indexing_jobs/u/cancel");
    let _method = settings_fixture::Client::cancel_indexing_job;
}
"#;

#[test]
fn settings_rename_and_map_formats() {
    let settings = generator::settings::parse("codegen.yaml", SETTINGS).expect("valid settings");
    let spec = common::crate_dir().join("../spec");
    let options = Options {
        spec_file: "openapi.yaml".into(),
        crate_name: "settings_fixture".into(),
        manifest: true,
        renames: settings.renames,
        formats: settings.formats,
        ..Default::default()
    };
    let generated = generator::generate(&common::FsReader(spec), "openapi.yaml", &options)
        .unwrap_or_else(|errors| panic!("spec/openapi.yaml does not generate:\n{errors}"));
    let file = |path: &str| common::file(&generated, path);
    assert!(
        file("Cargo.toml").contains("\nurl = { version = \"2\", features = [\"serde\"] }\n"),
        "the format's crate is a dependency:\n{}",
        file("Cargo.toml")
    );
    let models = file("src/models.rs");
    assert!(models.contains("pub type DateTime = ::std::string::String;"));
    assert!(!models.contains("OffsetDateTime"), "no timestamp is parsed");
    // `uri` is not a format of this spec: nothing is made for it.
    assert!(!models.contains("Uri"));

    let warnings: Vec<String> = generated
        .report
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("rename the schema `NoSuchSchema`, which `components/schemas`")),
        "{warnings:?}"
    );

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("settings");
    let crates = vec![(
        "settings_fixture".to_owned(),
        &generated,
        vec![("tests/settings.rs".to_owned(), TEST.to_owned())],
    )];
    common::write_workspace(&root, &crates);
    // The fixture crates' target folder: their dependencies are built there already.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-behaviour/target");
    if let Err(messages) = common::run_cargo(&root, &target, &["test", "--all-features"]) {
        panic!("the crate generated with settings fails:\n{messages}");
    }
}

/// Options made without `settings::parse` are checked too: a format mapped to something
/// that is not a type path is a located error, not a panic.
#[test]
fn a_format_type_that_is_not_a_path_is_an_error() {
    let mut formats = std::collections::BTreeMap::new();
    formats.insert(
        "date-time".to_owned(),
        generator::settings::FormatType {
            rust_type: "time OffsetDateTime".to_owned(),
            dependency: None,
        },
    );
    let options = Options {
        spec_file: "openapi.yaml".into(),
        crate_name: "settings_fixture".into(),
        formats,
        ..Default::default()
    };
    let spec = common::crate_dir().join("../spec");
    let errors = generator::generate(&common::FsReader(spec), "openapi.yaml", &options)
        .expect_err("the format's type is not a path")
        .to_string();
    assert!(
        errors.contains("`time OffsetDateTime` is not a Rust type path")
            && errors.contains("/format"),
        "{errors}"
    );
}
