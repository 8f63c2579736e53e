//! The first check of the root file: is it an OpenAPI 3.0 or 3.1 document at all, and
//! which?

use serde_yaml::Value;

use super::pointer::describe_value;
use crate::diagnostics::{Errors, Location};

/// The OpenAPI version a document declares, and so the rules it is read by.
///
/// Both are read into the same 3.0 model: a 3.1 document's JSON Schema 2020-12 forms
/// are its own version's rules and are rewritten without a word, while in a 3.0
/// document the same forms are habits beyond its version and are reported (see
/// `dialect/`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.0.x.
    #[default]
    V30,
    /// OpenAPI 3.1.x (JSON Schema 2020-12, webhooks).
    V31,
}

impl Version {
    /// How the version is written in messages.
    pub fn name(self) -> &'static str {
        match self {
            Version::V30 => "OpenAPI 3.0",
            Version::V31 => "OpenAPI 3.1",
        }
    }
}

/// The version `document` (the parsed root file `root`) declares; an error unless it is a
/// mapping that declares OpenAPI 3.0 or 3.1 (`openapi: 3.0` unquoted too), or declares
/// nothing but has `paths`, `components` or `webhooks` (then 3.1 if it has 3.1's own
/// parts): another version, Swagger 2.0, a list, a scalar or a mapping that is no spec
/// cannot be read.
pub(super) fn check_version(document: &Value, root: &str) -> Result<Version, Errors> {
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
            "this is a Swagger 2.0 document; only OpenAPI 3.0 and 3.1 are supported (convert \
             it first, for example with swagger2openapi)",
        ));
    }
    let is = |version: &str, minor: &str| {
        version == minor
            || version
                .strip_prefix(minor)
                .is_some_and(|patch| patch.starts_with('.'))
    };
    let version = match map.get("openapi") {
        // The version left out of what is plainly an OpenAPI 3 document: read as the
        // version its parts say (3.1's own ones, else 3.0), and the bundler warns.
        None if ["paths", "components", "webhooks"]
            .iter()
            .any(|key| map.contains_key(*key)) =>
        {
            let v31 = ["webhooks", "jsonSchemaDialect"]
                .iter()
                .any(|key| map.contains_key(*key));
            return Ok(if v31 { Version::V31 } else { Version::V30 });
        }
        None => {
            return Err(Errors::one(
                at(""),
                "missing `openapi` version field: expected `openapi: 3.1.x` or `openapi: \
                 3.0.x` at the top of the document",
            ));
        }
        Some(Value::String(version)) => version.clone(),
        // `openapi: 3.0` is a number in YAML: read as its text, and the bundler warns.
        Some(Value::Number(number)) => number.to_string(),
        Some(other) => {
            return Err(Errors::one(
                at("/openapi"),
                format!(
                    "`openapi` must be a string such as \"3.1.0\", found {}; quote the \
                     version",
                    describe_value(other)
                ),
            ));
        }
    };
    if is(&version, "3.0") {
        Ok(Version::V30)
    } else if is(&version, "3.1") {
        Ok(Version::V31)
    } else {
        Err(Errors::one(
            at("/openapi"),
            format!("unsupported OpenAPI version `{version}`; expected 3.0.x or 3.1.x"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_of(yaml: &str) -> Result<Version, String> {
        let document: Value = serde_yaml::from_str(yaml).unwrap_or(Value::Null);
        check_version(&document, "api.yaml").map_err(|errors| format!("{errors:?}"))
    }

    #[test]
    fn an_unquoted_version_is_read_as_its_text() {
        assert_eq!(version_of("openapi: 3.0.3"), Ok(Version::V30));
        assert_eq!(version_of("openapi: 3.0"), Ok(Version::V30));
        assert_eq!(version_of("openapi: 3.1"), Ok(Version::V31));
        assert_eq!(version_of("openapi: '3.1.1'"), Ok(Version::V31));
        // Left out: the parts say which.
        assert_eq!(version_of("paths: {}"), Ok(Version::V30));
        assert_eq!(version_of("webhooks: {}"), Ok(Version::V31));
        // Which 3 is not said; 2.0 is another format; nothing says OpenAPI at all.
        for refused in [
            "openapi: 3",
            "openapi: 2.0",
            "openapi: 3.2",
            "openapi: true",
            "name: not a spec",
        ] {
            assert!(version_of(refused).is_err(), "{refused}");
        }
    }
}
