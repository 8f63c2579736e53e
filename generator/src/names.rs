//! Every Rust name is made here, and only here.
//!
//! Names from a spec can hold anything: keywords (`type`), leading digits (`1-click`),
//! punctuation (`$`, `@`, `.`, `-`, spaces), non-ASCII letters, or differ only in case.
//! The functions below wrap `heck` once and always return a valid identifier; a
//! [`Namespace`] then makes names unique with a deterministic suffix.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words reserved in every edition; snake-case names that hit one become raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Replaces what `heck` would drop or mangle: a non-ASCII character becomes a word of its
/// code point (`é` → `_ue9_`), and a leading sign on a number is spelled out.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    if let Some(&sign @ ('-' | '+')) = chars.peek() {
        let mut rest = raw[1..].chars();
        if rest.next().is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(if sign == '-' { "minus_" } else { "plus_" });
            chars.next();
        }
    }
    for c in chars {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("_u{:x}_", c as u32));
        }
    }
    out
}

/// Makes `cased` (already cased, ASCII) a valid identifier.
fn finish(cased: String, fallback: &str) -> String {
    let cased = if cased.is_empty() {
        fallback.to_owned()
    } else {
        cased
    };
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{cased}");
    }
    if NOT_RAW.contains(&cased.as_str()) {
        return format!("{cased}_");
    }
    if KEYWORDS.contains(&cased.as_str()) {
        return format!("r#{cased}");
    }
    cased
}

/// A type or variant name: `UpperCamelCase`.
pub fn type_name(raw: &str) -> String {
    finish(ascii_words(raw).to_upper_camel_case(), "Value")
}

/// A field, parameter, function or module name: `snake_case`.
pub fn snake_name(raw: &str) -> String {
    finish(ascii_words(raw).to_snake_case(), "value")
}

/// A constant name: `SHOUTY_SNAKE_CASE`.
pub fn const_name(raw: &str) -> String {
    finish(ascii_words(raw).to_shouty_snake_case(), "VALUE")
}

/// A valid Cargo package name made from `raw` (a folder name, a title): lower case
/// ASCII words joined by `-`; prefixed with `api-` when it would start with a digit,
/// suffixed with `-api` when its library name would be a Rust keyword or a standard
/// crate; `client` when nothing is left.
pub fn crate_name(raw: &str) -> String {
    let words: Vec<String> = ascii_words(raw)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut name = words.join("-");
    if name.is_empty() {
        return "client".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    if reserved_library(&name) {
        name.push_str("-api");
    }
    name
}

/// Whether a package called `name` would have a library name that is a Rust keyword or
/// a standard crate, which no program could name.
fn reserved_library(name: &str) -> bool {
    const STANDARD: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];
    let library = name.replace('-', "_");
    KEYWORDS.contains(&library.as_str()) || STANDARD.contains(&library.as_str())
}

/// Why `name` cannot be a Cargo package name (for `--crate-name`), if it cannot: it
/// must be ASCII letters, digits, `-` and `_`, not start with a digit, and its library
/// name must not be a Rust keyword or a standard crate.
pub fn crate_name_problem(name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !reserved_library(name);
    (!valid).then(|| {
        format!(
            "`{name}` is not a valid crate name: use ASCII letters, digits, `-` and `_`, not \
             starting with a digit, and not a Rust keyword (such as `{}`)",
            crate_name(name)
        )
    })
}

/// The name without a raw-identifier prefix, for building longer names from it.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A set of names in one scope; `claim` makes each new name unique.
#[derive(Debug, Default)]
pub struct Namespace {
    used: HashSet<String>,
}

impl Namespace {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            used: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Takes `name`, or `name2`, `name3`, … (`name_2` for snake case) if it is taken.
    pub fn claim(&mut self, name: &str) -> String {
        if self.used.insert(bare(name).to_owned()) {
            return name.to_owned();
        }
        let base = bare(name);
        // Type names take a bare number (`Thing2`, `AB2`, `_1Thing2`), others `_2`
        // (`a_field_2`, `BEARER_AUTH_2`). A trailing underscore (`Self_`, `self_`) goes
        // first. Anything else (`Self_2`, `A_2`, `self__2`) is valid but warned about by
        // rustc's case lints.
        let stem = match base.trim_end_matches('_') {
            "" => base,
            stem => stem,
        };
        let core = stem.trim_start_matches('_');
        let type_like = core.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && !core.contains('_');
        let separator = if type_like { "" } else { "_" };
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_valid_identifiers() {
        assert_eq!(type_name("apiWidgetJob"), "ApiWidgetJob");
        assert_eq!(type_name("BATCH_JOB_PHASE_UNKNOWN"), "BatchJobPhaseUnknown");
        assert_eq!(type_name("1-click"), "_1Click");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("café"), "CafUe9");
        assert_eq!(type_name("-1"), "Minus1");
        assert_eq!(type_name("$"), "Value");
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("ratelimit-limit"), "ratelimit_limit");
        assert_eq!(snake_name("@odata.count"), "odata_count");
        assert_eq!(snake_name("2fa"), "_2fa");
        assert_eq!(snake_name("X-Request ID"), "x_request_id");
        assert_eq!(const_name("bearer_auth"), "BEARER_AUTH");
    }

    #[test]
    fn makes_valid_crate_names() {
        assert_eq!(crate_name("1Password Connect"), "api-1password-connect");
        assert_eq!(crate_name("digitalocean"), "digitalocean");
        assert_eq!(crate_name("DigitalOcean API"), "digitalocean-api");
        assert_eq!(crate_name("my_client"), "my-client");
        assert_eq!(crate_name("type"), "type-api");
        assert_eq!(crate_name("-- ?"), "client");
        assert_eq!(crate_name_problem("my_client"), None);
        assert_eq!(crate_name_problem("digitalocean"), None);
        assert_eq!(crate_name_problem("DigitalOcean-api"), None);
        assert!(crate_name_problem("1password").is_some());
        assert!(crate_name_problem("my client").is_some());
        assert!(crate_name_problem("fn").is_some());
    }

    #[test]
    fn claims_unique_names() {
        let mut names = Namespace::default();
        assert_eq!(names.claim("Thing"), "Thing");
        assert_eq!(names.claim("Thing"), "Thing2");
        assert_eq!(names.claim("Thing"), "Thing3");
        assert_eq!(names.claim("a_field"), "a_field");
        assert_eq!(names.claim("a_field"), "a_field_2");
        assert_eq!(names.claim("r#type"), "r#type");
        assert_eq!(names.claim("r#type"), "type_2");
        assert_eq!(names.claim("Self_"), "Self_");
        assert_eq!(names.claim("Self_"), "Self2");
        assert_eq!(names.claim("self_"), "self_");
        assert_eq!(names.claim("self_"), "self_2");
        assert_eq!(names.claim("A"), "A");
        assert_eq!(names.claim("A"), "A2");
        assert_eq!(names.claim("_1Thing"), "_1Thing");
        assert_eq!(names.claim("_1Thing"), "_1Thing2");
        assert_eq!(names.claim("BEARER_AUTH"), "BEARER_AUTH");
        assert_eq!(names.claim("BEARER_AUTH"), "BEARER_AUTH_2");
    }
}
