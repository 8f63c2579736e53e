//! Decode → encode → decode of every model of every fixture, as a property test: each
//! fixture is generated as a crate, with a description of its models taken from the IR
//! (`types.json`) and `round_trip/harness.rs` as its test, which generates JSON values of
//! each model's shape with proptest and checks that each is read and written back
//! unchanged (see the harness). The crates are built with every serde impl
//! (`--all-features`), in a target folder of their own under `target/tmp`.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use generator::ir::{Api, Scalar, Tagging, TypeKind, TypeRef};
use serde_json::{Value, json};

/// A type reference as the harness reads it.
fn describe(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::Named(name) => json!({ "named": name.as_str() }),
        TypeRef::Scalar(scalar) => json!({ "scalar": scalar_name(*scalar) }),
        TypeRef::List(item) => json!({ "list": describe(item) }),
        TypeRef::Map(value) => json!({ "map": describe(value) }),
        TypeRef::Boxed(inner) => describe(inner),
        TypeRef::Tuple(items) => json!({
            "tuple": items
                .iter()
                .map(|item| json!({ "item": describe(&item.ty), "nullable": item.nullable }))
                .collect::<Vec<_>>()
        }),
        TypeRef::Json => json!({ "json": true }),
    }
}

fn scalar_name(scalar: Scalar) -> String {
    format!("{scalar:?}")
}

/// Every type of the API, by name, as the harness reads them.
fn table(api: &Api) -> Value {
    let mut out = serde_json::Map::new();
    for def in &api.types {
        let described = match &def.kind {
            TypeKind::Struct(s) => json!({
                "kind": "struct",
                "fields": s.fields.iter().map(|f| json!({
                    "wire": f.wire_name,
                    "ty": describe(&f.ty),
                    "required": f.required,
                    "nullable": f.nullable,
                })).collect::<Vec<_>>(),
                "additional": s.additional.as_ref().map(|a| describe(&a.ty)),
            }),
            TypeKind::Enum(e) => json!({
                "kind": "enum",
                "values": e.variants.iter().map(|v| v.value.clone()).collect::<Vec<_>>(),
            }),
            TypeKind::Union(u) => match &u.tagging {
                Tagging::Untagged => json!({
                    "kind": "untagged",
                    "variants": u.variants.iter().map(|v| describe(&v.ty)).collect::<Vec<_>>(),
                }),
                Tagging::Internal { property } => json!({
                    "kind": "tagged",
                    "property": property,
                    "variants": u.variants.iter().map(|v| json!({
                        "tags": v.tags,
                        "ty": describe(&v.ty),
                    })).collect::<Vec<_>>(),
                }),
            },
            TypeKind::Alias(ty) => json!({ "kind": "alias", "ty": describe(ty) }),
            // Fixtures are generated without settings, which alone map formats to types.
            TypeKind::External(_) => panic!("{}: a fixture type of another crate", def.name),
        };
        out.insert(def.name.as_str().to_owned(), described);
    }
    Value::Object(out)
}

/// `tests/types/mod.rs` of a crate: a check per model (aliases are checked through the
/// types that use them).
fn checks(api: &Api, crate_name: &str) -> String {
    let mut out = String::from(
        "//! Written by `generator/tests/round_trip.rs`: a check per model.\n\n\
         /// A decode → encode → decode check of one value.\n\
         pub type Check = fn(&serde_json::Value) -> Result<(), String>;\n\n\
         /// The models, each with its check.\n\
         #[allow(deprecated, reason = \"deprecated models are checked too\")]\n\
         pub fn checks() -> Vec<(&'static str, Check)> {\n    vec![\n",
    );
    for def in &api.types {
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        let _ = writeln!(
            out,
            "        (\"{name}\", super::check::<{crate_name}::models::{name}>),",
            name = def.name
        );
    }
    out.push_str("    ]\n}\n");
    out
}

#[test]
fn every_fixture_model_round_trips() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("round-trip");
    let mut generated = Vec::new();
    for fixture in common::fixtures() {
        let stem = fixture
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = format!("round_trip_{stem}");
        let files = common::generate(&fixture, &name)
            .unwrap_or_else(|errors| panic!("{} does not generate:\n{errors}", fixture.display()));
        let api = common::lowered(&fixture)
            .unwrap_or_else(|errors| panic!("{} does not lower:\n{errors}", fixture.display()));
        let extra = vec![
            (
                "tests/round_trip.rs".to_owned(),
                include_str!("round_trip/harness.rs").to_owned(),
            ),
            ("tests/types/mod.rs".to_owned(), checks(&api, &name)),
            (
                "tests/types/types.json".to_owned(),
                serde_json::to_string_pretty(&table(&api)).expect("JSON"),
            ),
        ];
        generated.push((name, files, extra));
    }
    let crates: Vec<_> = generated
        .iter()
        .map(|(name, files, extra)| (name.clone(), files, extra.clone()))
        .collect();
    common::write_workspace(&root, &crates);
    if let Err(messages) = common::run_cargo(
        &root,
        &root.join("target"),
        &["test", "--workspace", "--all-features"],
    ) {
        panic!("models of generated fixture crates do not round-trip:\n{messages}");
    }
}
