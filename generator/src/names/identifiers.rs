//! Casing a raw name into a valid identifier: `heck` wrapped once, keywords made raw (or
//! given a trailing underscore), leading digits and non-ASCII letters spelled out; and
//! the Cargo package name made from a folder name or a title.

use std::cell::RefCell;
use std::collections::HashMap;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use super::RustName;

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
pub(super) fn ascii_words(raw: &str) -> String {
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
pub fn type_name(raw: &str) -> RustName {
    RustName(remembered(Case::UpperCamel, raw, |raw| {
        finish(ascii_words(raw).to_upper_camel_case(), "Value")
    }))
}

/// A field, parameter, function or module name: `snake_case`.
pub fn snake_name(raw: &str) -> RustName {
    RustName(remembered(Case::Snake, raw, |raw| {
        finish(ascii_words(raw).to_snake_case(), "value")
    }))
}

/// `raw`'s words in `snake_case`, as a string to split (not an identifier: a keyword or
/// nothing stays as it is). Enum variants compare the words of each value with their
/// enum's name, so the same few names are split thousands of times.
pub(super) fn snake_words(raw: &str) -> String {
    remembered(Case::SnakeWords, raw, |raw| {
        ascii_words(raw).to_snake_case()
    })
}

/// The cases [`remembered`] keeps names of.
#[derive(Clone, Copy)]
enum Case {
    UpperCamel,
    Snake,
    SnakeWords,
}

/// How many names of one case [`remembered`] keeps on a thread before it starts afresh,
/// so that a process generating many specs (the tests, fuzzing) does not grow without end.
const REMEMBERED: usize = 1 << 16;

thread_local! {
    /// Names already cased on this thread, by case and raw name.
    static CASED: RefCell<[HashMap<String, String>; 3]> = RefCell::default();
}

/// `cased_by(raw)`, remembered for `case`: lowering cases the same few thousand raw names (`id`,
/// `name`, `created_at`, enum values) tens of thousands of times, and casing with `heck`
/// costs far more than a lookup, above all in the unoptimized build `cargo xtask
/// codegen` runs (a warm run of the whole DigitalOcean API takes 5–8 % less).
fn remembered(case: Case, raw: &str, cased_by: impl FnOnce(&str) -> String) -> String {
    let index = case as usize;
    if let Some(cased) = CASED.with_borrow(|cased| cased[index].get(raw).cloned()) {
        return cased;
    }
    let cased = cased_by(raw);
    CASED.with_borrow_mut(|remembered| {
        let remembered = &mut remembered[index];
        if remembered.len() >= REMEMBERED {
            remembered.clear();
        }
        remembered.insert(raw.to_owned(), cased.clone());
    });
    cased
}

/// A constant name: `SHOUTY_SNAKE_CASE`.
pub fn const_name(raw: &str) -> RustName {
    RustName(finish(ascii_words(raw).to_shouty_snake_case(), "VALUE"))
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
