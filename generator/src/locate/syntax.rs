//! Syntax errors, worded for the spec's author: where the parser stopped, with a hint
//! for the usual causes (tabs, bad indentation, unclosed brackets and quotes), and for
//! what the loader's reader refused in text that is otherwise valid (a key given twice,
//! `.nan`), the place that says it.

use std::fmt;

use super::tree::Tree;
use crate::diagnostics::{Diagnostic, Location};

/// What the loader's reader refuses in text that is otherwise valid YAML or JSON. It
/// stops the parse there with this as the parser's error (so the error has its
/// position), and gives it to [`yaml_syntax_error`] or [`json_syntax_error`] as well.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Refusal {
    /// A key given twice in one mapping: one of the two values would be lost.
    DuplicateKey {
        /// The key, as text.
        key: String,
    },
    /// `.nan` or `.inf`, which JSON cannot hold (and `openapiv3` panics on).
    NotFinite {
        /// The number read.
        value: f64,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::DuplicateKey { key } => write!(f, "duplicate key `{key}`"),
            Refusal::NotFinite { value } => write!(f, "not a finite number: `{value}`"),
        }
    }
}

/// The diagnostic for a YAML file that does not parse: `error` is the parser's, and
/// `refused` what the loader's reader refused, if that is what stopped it.
pub(crate) fn yaml_syntax_error(
    path: &str,
    text: &str,
    error: &serde_yaml::Error,
    refused: Option<Refusal>,
) -> Diagnostic {
    let mut location = Location::new(path, "");
    let at = error.location().map(|at| (at.line(), at.column()));
    location.line = at.map(|(line, _)| line);
    let message = error.to_string();
    if let Some(refused) = refused_error(path, text, &location, &message, refused, at) {
        return refused;
    }
    let hint = at.and_then(|(line, column)| yaml_hint(text, &message, line, column));
    let mut out = format!("invalid YAML: {message}");
    if let Some(hint) = hint {
        out.push_str("; ");
        out.push_str(hint);
    }
    Diagnostic::new(location, out)
}

/// The diagnostic for a JSON file that does not parse: `error` is the parser's, and
/// `refused` what the loader's reader refused, if that is what stopped it.
pub(crate) fn json_syntax_error(
    path: &str,
    text: &str,
    error: &serde_json::Error,
    refused: Option<Refusal>,
) -> Diagnostic {
    let mut location = Location::new(path, "");
    let message = error.to_string();
    // serde_json ends its message with the position, which the location shows.
    let message = match message.rsplit_once(" at line ") {
        Some((message, _)) if error.line() > 0 => message.to_owned(),
        _ => message,
    };
    if error.line() > 0 {
        location.line = Some(error.line());
    }
    let at = (error.line() > 0).then(|| (error.line(), error.column()));
    if let Some(refused) = refused_error(path, text, &location, &message, refused, at) {
        return refused;
    }
    let column = if error.line() > 0 {
        format!(" (column {})", error.column())
    } else {
        String::new()
    };
    let hint = match error.classify() {
        serde_json::error::Category::Eof => {
            "; the file ends before every `{`, `[` and `\"` is closed"
        }
        _ if message.starts_with("trailing comma") => "; JSON allows no comma after the last item",
        _ => "",
    };
    Diagnostic::new(location, format!("invalid JSON: {message}{column}{hint}"))
}

/// The error for what the loader's reader refused, if that is what stopped the parse
/// (with the parser's `message`, at `at`: line and column); `None` to word the parser's
/// error as it is.
fn refused_error(
    path: &str,
    text: &str,
    location: &Location,
    message: &str,
    refused: Option<Refusal>,
    at: Option<(usize, usize)>,
) -> Option<Diagnostic> {
    match (refused?, at) {
        (Refusal::DuplicateKey { .. }, _) => {
            Some(duplicate_key(path, text, location.clone(), message))
        }
        (Refusal::NotFinite { value }, Some(at)) => {
            Some(not_finite(path, text, location.clone(), value, at))
        }
        (Refusal::NotFinite { .. }, None) => None,
    }
}

/// A hint for the usual causes of a YAML syntax error at `line`:`column` (1-based).
fn yaml_hint(text: &str, message: &str, line: usize, column: usize) -> Option<&'static str> {
    let line_text = text.lines().nth(line.checked_sub(1)?).unwrap_or("");
    let before = text.lines().nth(line.saturating_sub(2)).unwrap_or("");
    if line_text.starts_with([' ', '\t']) && line_text.trim_start_matches(' ').starts_with('\t')
        || line_text.chars().nth(column.saturating_sub(1)) == Some('\t')
    {
        return Some("YAML cannot be indented with tabs: use spaces");
    }
    let unbalanced = |text: &str| text.matches('"').count() % 2 == 1;
    if unbalanced(before) || unbalanced(line_text) {
        return Some("is a quoted string left unclosed?");
    }
    if message.contains("expected ',' or ']'") {
        return Some("a `[` list is not closed with `]`");
    }
    if message.contains("expected ',' or '}'") {
        return Some(
            "a `{` mapping is not closed with `}` (a value that starts with `{` must be quoted)",
        );
    }
    if message.contains("did not find expected key")
        || message.contains("did not find expected '-' indicator")
    {
        return Some("check this line's indentation: the keys of one mapping must line up");
    }
    if message.contains("mapping values are not allowed in this context") {
        return Some("a value that contains `: ` must be quoted, or the line is indented too far");
    }
    if message.contains("found unknown anchor") {
        return Some("an alias `*name` needs an anchor `&name` earlier in the file");
    }
    None
}

/// The error for `.nan` or `.inf` (`value`), read at `at` (line, column), at the pointer
/// of the value there.
fn not_finite(
    path: &str,
    text: &str,
    mut location: Location,
    value: f64,
    (line, column): (usize, usize),
) -> Diagnostic {
    if let Some(pointer) = Tree::parse(path, text).and_then(|tree| tree.pointer_at(line, column)) {
        location.pointer = pointer;
    }
    Diagnostic::new(
        location,
        format!(
            "`{value}` is not a number JSON can hold (an OpenAPI document must be valid as \
             JSON); quote it if it is text"
        ),
    )
}

/// The error for a key given twice in one mapping, at the second one, naming the line
/// of the first; `fallback` and the parser's `message` if the text does not show it.
fn duplicate_key(path: &str, text: &str, fallback: Location, message: &str) -> Diagnostic {
    let found = Tree::parse(path, text).and_then(|tree| tree.duplicate());
    match found {
        Some(duplicate) => Diagnostic::new(
            Location {
                line: Some(duplicate.line),
                ..Location::new(path, duplicate.pointer)
            },
            format!(
                "duplicate key `{}`: it is also at line {} of this mapping; a key may appear \
                 only once (one of them would be silently lost)",
                duplicate.key, duplicate.first_line
            ),
        ),
        None => Diagnostic::new(
            fallback,
            format!("{message}; a key may appear only once in a mapping"),
        ),
    }
}
