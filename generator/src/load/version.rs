//! The first check of the root file: is it an OpenAPI 3.0 document at all?

use serde_yaml::Value;

use super::pointer::describe_value;
use crate::diagnostics::{Errors, Location};

/// An error unless `document` (the parsed root file `root`) is a mapping that declares
/// OpenAPI 3.0: another version, Swagger 2.0, a list or a scalar cannot be read.
pub(super) fn check_version(document: &Value, root: &str) -> Result<(), Errors> {
    let at = |pointer: &str| Location::new(root, pointer);
    let Some(map) = document.as_mapping() else {
        let found = match document {
            Value::Null => "the file is empty".to_owned(),
            Value::Sequence(_) => "the document is a list".to_owned(),
            other => format!("the document is the single value {}", describe_value(other)),
        };
        return Err(Errors::one(
            at(""),
            format!(
                "{found}; an OpenAPI document is a mapping with `openapi`, `info` and `paths` \
                 at the top"
            ),
        ));
    };
    if map.contains_key("swagger") {
        return Err(Errors::one(
            at("/swagger"),
            "this is a Swagger 2.0 document; only OpenAPI 3.0 is supported (convert it first, \
             for example with swagger2openapi)",
        ));
    }
    match map.get("openapi") {
        None => Err(Errors::one(
            at(""),
            "missing `openapi` version field: expected `openapi: 3.0.x` at the top of the document",
        )),
        Some(Value::String(version)) if version.starts_with("3.0.") || version == "3.0" => Ok(()),
        Some(Value::String(version)) if version.starts_with("3.1") => Err(Errors::one(
            at("/openapi"),
            format!("OpenAPI {version} is not supported yet; expected a 3.0.x document"),
        )),
        Some(Value::String(version)) => Err(Errors::one(
            at("/openapi"),
            format!("unsupported OpenAPI version `{version}`; expected 3.0.x"),
        )),
        Some(other) => Err(Errors::one(
            at("/openapi"),
            format!(
                "`openapi` must be a string such as \"3.0.3\", found {}; quote the version",
                describe_value(other)
            ),
        )),
    }
}
