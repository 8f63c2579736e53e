//! The settings file: what a run of the generator is told besides the spec, written down
//! next to the spec (`codegen.yaml`) so that `cargo xtask codegen` is reproducible
//! without remembering flags. Every setting is optional; a flag given on the command line
//! wins over the file.
//!
//! ```yaml
//! crate_name: digitalocean          # package name of a standalone crate
//! token_env: DIGITALOCEAN_TOKEN     # variable `Client::from_env` reads the token from
//! strict: true                      # refuse the spec if it needs any leniency
//! renames:
//!   types:                          # component schema key → Rust type name
//!     Error: ApiFailure
//!   operations:                     # operationId → Rust method and module name
//!     genai_cancel_indexing_job: cancel_indexing_job
//! formats:                          # a `format` → a Rust type of another crate
//!   uri:
//!     type: url::Url
//!     dependency: 'url = { version = "2", features = ["serde"] }'
//! ```
//!
//! A type a format maps to is used as it is: it must implement `Clone`, `Debug`,
//! `PartialEq`, `serde::Serialize` and `serde::Deserialize` (the derives of every model),
//! and its crate must be a dependency of the generated crate (`dependency` is the line
//! written into the `[dependencies]` of a standalone crate's `Cargo.toml`; for a crate
//! with its own manifest, such as `generated/`, add it there).

use std::collections::BTreeMap;

use serde::Deserialize;

/// The name of the settings file, looked for next to the spec.
pub const FILE_NAME: &str = "codegen.yaml";

/// Everything a settings file can say.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The package name of a standalone crate (`--crate-name`).
    pub crate_name: Option<String>,
    /// The environment variable `Client::from_env` reads the API token from
    /// (`--token-env`).
    pub token_env: Option<String>,
    /// Refuse the spec if it needs any leniency (`--strict`).
    #[serde(default)]
    pub strict: bool,
    /// Names chosen instead of the ones derived from the spec.
    #[serde(default)]
    pub renames: Renames,
    /// Formats written as a type of another crate, by `format` value.
    #[serde(default)]
    pub formats: BTreeMap<String, FormatType>,
}

/// Names chosen instead of the ones derived from the spec. A name is written in the
/// case Rust uses for it (`UpperCamelCase` types, `snake_case` functions) whatever case
/// it is given in.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Renames {
    /// Component schema key (`components/schemas/<key>`) → Rust type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// `operationId` → the name of its `Client` method and `operations` module (and of
    /// the types named after the operation).
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
}

/// A Rust type of another crate that values of one `format` are read into.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormatType {
    /// The type's path (`url::Url`): identifiers separated by `::`.
    #[serde(rename = "type")]
    pub rust_type: String,
    /// The `[dependencies]` line a standalone crate needs for it.
    pub dependency: Option<String>,
}

impl FormatType {
    /// The segments of [`FormatType::rust_type`] (a leading `::` is dropped).
    pub fn segments(&self) -> Vec<&str> {
        let path = self.rust_type.trim();
        path.strip_prefix("::")
            .unwrap_or(path)
            .split("::")
            .collect()
    }

    /// What is wrong with [`FormatType::rust_type`] as a Rust type path, if anything.
    pub fn path_problem(&self) -> Option<String> {
        let valid = self
            .segments()
            .iter()
            .all(|segment| syn::parse_str::<syn::Ident>(segment).is_ok());
        (!valid).then(|| {
            format!(
                "`{}` is not a Rust type path (identifiers separated by `::`, such as `url::Url`)",
                self.rust_type
            )
        })
    }
}

/// Reads a settings file: `file` names it in errors, which say what is wrong and where
/// (`file:line:column`).
pub fn parse(file: &str, text: &str) -> Result<Settings, String> {
    let settings: Settings = if text.trim().is_empty() {
        Settings::default()
    } else {
        serde_yaml::from_str(text).map_err(|error| match error.location() {
            Some(at) => format!("{file}:{}:{}: {error}", at.line(), at.column()),
            None => format!("{file}: {error}"),
        })?
    };
    settings
        .check()
        .map_err(|problem| format!("{file}: {problem}"))?;
    Ok(settings)
}

impl Settings {
    /// What is wrong with settings that parsed: the first problem found.
    pub fn check(&self) -> Result<(), String> {
        if let Some(name) = &self.crate_name
            && let Some(problem) = crate::crate_name_problem(name)
        {
            return Err(format!("crate_name: {problem}"));
        }
        if let Some(var) = &self.token_env
            && (var.is_empty() || var.contains(['=', '\0']))
        {
            return Err(format!(
                "token_env: `{var}` is not an environment variable name"
            ));
        }
        for (kind, renames) in [
            ("types", &self.renames.types),
            ("operations", &self.renames.operations),
        ] {
            for (from, to) in renames {
                if !to.chars().any(char::is_alphanumeric) {
                    return Err(format!(
                        "renames.{kind}.{from}: `{to}` has no letter or digit to make a name of"
                    ));
                }
            }
        }
        for (format, ty) in &self.formats {
            if let Some(problem) = ty.path_problem() {
                return Err(format!("formats.{format}.type: {problem}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_reads() {
        let settings = parse(
            "codegen.yaml",
            "crate_name: my-api\ntoken_env: MY_TOKEN\nstrict: true\nrenames:\n  types:\n    \
             Error: ApiFailure\n  operations:\n    list_things: things\nformats:\n  uri:\n    \
             type: url::Url\n    dependency: 'url = \"2\"'\n",
        )
        .expect("valid settings");
        assert_eq!(settings.crate_name.as_deref(), Some("my-api"));
        assert_eq!(settings.token_env.as_deref(), Some("MY_TOKEN"));
        assert!(settings.strict);
        assert_eq!(settings.renames.types["Error"], "ApiFailure");
        assert_eq!(settings.renames.operations["list_things"], "things");
        assert_eq!(settings.formats["uri"].segments(), ["url", "Url"]);
        assert_eq!(
            settings.formats["uri"].dependency.as_deref(),
            Some("url = \"2\"")
        );
        assert_eq!(parse("codegen.yaml", "\n"), Ok(Settings::default()));
    }

    #[test]
    fn mistakes_are_located() {
        let unknown = parse("spec/codegen.yaml", "crate_name: a\nstrictt: true\n")
            .expect_err("an unknown setting");
        assert!(
            unknown.starts_with("spec/codegen.yaml:2:1: unknown field `strictt`"),
            "{unknown}"
        );
        let path = parse("codegen.yaml", "formats:\n  uuid:\n    type: uuid Uuid\n")
            .expect_err("not a path");
        assert!(
            path.contains("formats.uuid.type: `uuid Uuid` is not a Rust type path"),
            "{path}"
        );
        let name = parse("codegen.yaml", "crate_name: 1st\n").expect_err("a bad crate name");
        assert!(name.starts_with("codegen.yaml: crate_name: "), "{name}");
    }
}
