//! Errors and warnings, each with the place in the spec it is about.
//!
//! A place is a file plus a JSON pointer into it (`#/paths/~1v2~1things/get`), and the
//! line when it is known. Pointers always refer to the file the user wrote, not to the
//! bundled document the generator works on internally (see [`crate::load::SourceMap`]).

use std::fmt;

/// A place in a spec file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path of the file, as the user named it (relative to where the root spec lives).
    pub file: String,
    /// JSON pointer into the file, without the leading `#` (empty for the whole file).
    pub pointer: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
}

impl Location {
    /// A place in `file` at `pointer`, line unknown.
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            pointer: pointer.into(),
            line: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, " #{}", self.pointer)
    }
}

/// One error or warning about the spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  --> {}", self.message, self.location)
    }
}

/// Every error found in one run; generation stopped because of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    /// A single error.
    pub fn one(location: Location, message: impl Into<String>) -> Self {
        Self(vec![Diagnostic::new(location, message)])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// The diagnostic of an operation that is skipped: at its first problem, naming the
/// operation and saying every reason. `None` without a reason.
pub fn skipped_operation(method: &str, path: &str, reasons: Vec<Diagnostic>) -> Option<Diagnostic> {
    let mut reasons = reasons.into_iter();
    let first = reasons.next()?;
    let mut message = format!(
        "`{} {path}` is skipped: {}",
        method.to_uppercase(),
        first.message
    );
    for other in reasons {
        message.push_str(&format!("; and at {}: {}", other.location, other.message));
    }
    Some(Diagnostic::new(first.location, message))
}

// Pointers are built for every node of the spec and read back for every `$ref`, so
// both directions scan bytes with plain index loops and copy in one pass: `str::replace`,
// `str::find` with a set of characters and even `<[u8]>::contains` are generic code
// that runs unoptimized in the dev build `cargo xtask codegen` uses (the loops below
// are 3–5 times faster there).

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    let bytes = token.as_bytes();
    let mut at = 0;
    while at < bytes.len() && bytes[at] != b'~' && bytes[at] != b'/' {
        at += 1;
    }
    if at == bytes.len() {
        return token.into();
    }
    let mut out = String::with_capacity(token.len() + 4);
    let mut copied = 0;
    while at < bytes.len() {
        let escaped = match bytes[at] {
            b'~' => "~0",
            b'/' => "~1",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&token[copied..at]);
        out.push_str(escaped);
        at += 1;
        copied = at;
    }
    out.push_str(&token[copied..]);
    out.into()
}

/// Undoes [`escape_token`]: `~1` → `/`, then `~0` → `~` (so `~01` is `~1`); a `~`
/// followed by anything else stays as it is.
pub fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    let bytes = token.as_bytes();
    let mut at = 0;
    while at < bytes.len() && bytes[at] != b'~' {
        at += 1;
    }
    if at == bytes.len() {
        return token.into();
    }
    let mut out = String::with_capacity(token.len());
    let mut copied = 0;
    while at < bytes.len() {
        if bytes[at] != b'~' {
            at += 1;
            continue;
        }
        let (text, skip) = match bytes.get(at + 1) {
            Some(b'1') => ("/", 2),
            Some(b'0') => ("~", 2),
            _ => ("~", 1),
        };
        out.push_str(&token[copied..at]);
        out.push_str(text);
        at += skip;
        copied = at;
    }
    out.push_str(&token[copied..]);
    out.into()
}

/// `pointer` extended by one token.
pub fn child(pointer: &str, token: &str) -> String {
    let token = escape_token(token);
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    out.push_str(&token);
    out
}

/// The candidate closest to `text`, if it is a likely typo of it.
pub(crate) fn did_you_mean<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = text.to_ascii_lowercase();
    candidates
        .iter()
        .filter(|candidate| **candidate != text)
        .map(|candidate| {
            (
                edit_distance(&lower, &candidate.to_ascii_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= 2 && *distance < candidate.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance (for short words).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_pointer_tokens_as_rfc_6901_says() {
        // Every string of up to five of these characters, against the two replacements
        // in the order RFC 6901 gives (`é` is two bytes: slices stay on boundaries).
        let alphabet = ['~', '0', '1', '/', 'a', 'é'];
        let mut tokens = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = tokens
                .iter()
                .flat_map(|token| alphabet.map(|c| format!("{token}{c}")))
                .collect();
            tokens.extend(longer);
        }
        tokens.sort();
        tokens.dedup();
        for token in &tokens {
            let escaped = token.replace('~', "~0").replace('/', "~1");
            assert_eq!(escape_token(token), escaped, "escaping {token:?}");
            assert_eq!(
                unescape_token(&escaped),
                token.as_str(),
                "round trip of {token:?}"
            );
            let unescaped = token.replace("~1", "/").replace("~0", "~");
            assert_eq!(unescape_token(token), unescaped, "unescaping {token:?}");
        }
        assert_eq!(unescape_token("a~01"), "a~1");
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn suggests_near_words() {
        assert_eq!(did_you_mean("querry", &["query", "path"]), Some("query"));
        assert_eq!(
            did_you_mean("strin", &["string", "integer"]),
            Some("string")
        );
        assert_eq!(did_you_mean("Query", &["query"]), Some("query"));
        assert_eq!(did_you_mean("xyz", &["query", "path"]), None);
    }
}
