//! Parsing: the text of each spec file into a YAML value.
//!
//! Files are read through the caller's [`SourceReader`] and parsed as JSON when they
//! look like JSON, as YAML otherwise, with a lenient reader: integers beyond 64 bits
//! are kept (as floats), YAML tags are dropped, and what would lose data without a
//! word (a key given twice, `.nan`) stops the parse with a located error. A YAML
//! stream is read as its one document with content (a stray `---` at the end adds an
//! empty one); a second one with content is refused at its `---`. YAML whose flow
//! collections nest absurdly deep is refused before parsing. Syntax errors are
//! worded by [`crate::locate`], which knows where things are in a file's text.
//!
//! [`prefetch`] parses the root and the files it refers to on every core, wave by wave,
//! before bundling starts.

use std::cell::Cell;
use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use super::SourceReader;
use super::pointer::{is_remote, join_path, key_text, percent_decode};
use crate::diagnostics::{Diagnostic, Location};
use crate::locate::{self, Refusal};

/// Files parsed ahead of use, by path: each a value or its syntax error.
pub(super) type Prefetched = HashMap<String, Result<Value, Diagnostic>>;

/// Reads and parses, on every core, the root and the files it refers to (a file's
/// references are known once it is parsed; each is parsed as soon as a core is free).
/// Only a speed-up: the bundler reads anything missed here itself, and reports read
/// errors where the `$ref` is. References under `x-` extensions and examples are not
/// followed, as the bundler does not follow them either.
pub(super) fn prefetch(reader: &dyn SourceReader, root: &str) -> Prefetched {
    let parsed = crate::parallel::explore(vec![root.to_owned()], |path| {
        let Ok(text) = reader.read(path) else {
            return (None, Vec::new());
        };
        let result = parse_document(path, &text);
        let mut references = Vec::new();
        if let Ok(value) = &result {
            collect_file_references(value, path, &mut references);
        }
        (Some(result), references)
    });
    parsed
        .into_iter()
        .filter_map(|(path, result)| Some((path, result?)))
        .collect()
}

/// The files (resolved against `file`) that the `$ref`s in `value` point into.
fn collect_file_references(value: &Value, file: &str, out: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, item) in map {
                match key.as_str() {
                    Some("$ref") => {
                        if let Some(reference) = item.as_str() {
                            let file_part = reference.split('#').next().unwrap_or("");
                            if !file_part.is_empty() && !is_remote(file_part) {
                                out.push(join_path(file, &percent_decode(file_part)));
                            }
                        }
                    }
                    Some(name)
                        if name.starts_with("x-") || name == "example" || name == "examples" => {}
                    _ => collect_file_references(item, file, out),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                collect_file_references(item, file, out);
            }
        }
        _ => {}
    }
}

/// Reads any YAML or JSON value, also integers beyond 64 bits (as floats, so that a
/// `maximum: 18446744073709552000` does not reject the whole file), dropping YAML tags.
/// What it refuses (see [`Refusal`]) it records in `refused` before it stops the parse,
/// so that the syntax error is worded from what happened rather than from a message.
#[derive(Clone, Copy)]
struct Lenient<'c> {
    refused: &'c Cell<Option<Refusal>>,
}

impl Lenient<'_> {
    /// Records `refusal` and returns the error that stops the parse.
    fn refuse<E: serde::de::Error>(self, refusal: Refusal) -> E {
        let error = E::custom(&refusal);
        self.refused.set(Some(refusal));
        error
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Lenient<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Lenient<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(match i64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => Value::Number((value as f64).into()),
        })
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(match u64::try_from(value) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => Value::Number((value as f64).into()),
        })
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        // JSON has no NaN or infinity, and `openapiv3` panics on some of them.
        if !value.is_finite() {
            return Err(self.refuse(Refusal::NotFinite { value }));
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((key, value)) = map.next_entry_seed(self, self)? {
            match out.entry(key) {
                serde_yaml::mapping::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                // One of the two would be lost without a word.
                serde_yaml::mapping::Entry::Occupied(entry) => {
                    let key = key_text(entry.key()).unwrap_or_default();
                    return Err(self.refuse(Refusal::DuplicateKey { key }));
                }
            }
        }
        Ok(Value::Mapping(out))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// Parses one file: JSON when it looks like JSON, YAML otherwise.
pub(super) fn parse_document(path: &str, text: &str) -> Result<Value, Diagnostic> {
    use serde::de::DeserializeSeed;
    let refused = Cell::new(None);
    let lenient = Lenient { refused: &refused };
    let result = if locate::is_json(path, text) {
        // As `serde_json::from_str`, with the seed.
        let mut deserializer = serde_json::Deserializer::from_str(text);
        lenient
            .deserialize(&mut deserializer)
            .and_then(|value| deserializer.end().map(|()| value))
            .map_err(|error| locate::json_syntax_error(path, text, &error, refused.take()))
    } else if let Some(line) = deep_flow_line(text) {
        let mut location = Location::new(path, "");
        location.line = Some(line);
        Err(Diagnostic::new(
            location,
            format!(
                "`[` and `{{` are nested more than {MAX_FLOW_DEPTH} levels deep here; no \
                 spec needs that many (and parsing them would take minutes)"
            ),
        ))
    } else {
        one_yaml_document(path, text, lenient)
    };
    result.map(|mut value| {
        value.apply_merge().ok();
        value
    })
}

/// The one document of the YAML stream `text`. Empty documents beside it (a stray `---`
/// at the end of the file) are ignored; a second document with content is refused, at
/// the `---` that starts it: a spec is one document, and which one is meant is not clear.
fn one_yaml_document(path: &str, text: &str, lenient: Lenient<'_>) -> Result<Value, Diagnostic> {
    use serde::de::DeserializeSeed;
    let mut found = None;
    for (index, document) in serde_yaml::Deserializer::from_str(text).enumerate() {
        let value = lenient.deserialize(document).map_err(|error| {
            locate::yaml_syntax_error(path, text, &error, lenient.refused.take())
        })?;
        if value.is_null() {
            continue;
        }
        if found.is_some() {
            let mut location = Location::new(path, "");
            location.line = document_start_line(text, index);
            return Err(Diagnostic::new(
                location,
                "a second YAML document starts here (after `---`); a spec file holds one \
                 document: move this one to a file of its own, or remove the `---`",
            ));
        }
        found = Some(value);
    }
    Ok(found.unwrap_or(Value::Null))
}

/// The line of the `---` that starts the `index`th document (from 0) of the YAML stream
/// `text`, if it can be told. The first document starts without one unless the stream
/// begins with it (after comments and directives).
fn document_start_line(text: &str, index: usize) -> Option<usize> {
    let is_marker = |line: &str| {
        line.strip_prefix("---")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let explicit_first = text
        .lines()
        .map(str::trim_end)
        .find(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with('%'))
        .is_some_and(is_marker);
    let markers = text
        .lines()
        .enumerate()
        .filter(|(_, line)| is_marker(line))
        .map(|(number, _)| number + 1);
    let skip = match explicit_first {
        true => index,
        false => index.checked_sub(1)?,
    };
    markers.into_iter().nth(skip)
}

/// YAML flow collections nested deeper than this are refused before parsing: libyaml
/// takes time quadratic in their depth (a 100 kB line of `[` takes minutes), and serde
/// refuses more than 128 levels anyway.
const MAX_FLOW_DEPTH: usize = 1_000;

/// The line where `[` and `{` first nest deeper than [`MAX_FLOW_DEPTH`]. Brackets in
/// quoted scalars and comments are not counted (a quote or comment ends with its line
/// here, so this overestimates rather than misses); those in plain scalars are.
fn deep_flow_line(text: &str) -> Option<usize> {
    // Nesting that deep needs more opening brackets than that, and most files have a
    // few: counting them is a loop that both builds make fast (the scan below costs
    // 5–15 ns a byte in the unoptimized build).
    let bytes = text.as_bytes();
    let (mut openings, mut at) = (0usize, 0);
    while at < bytes.len() {
        openings += usize::from(matches!(bytes[at], b'[' | b'{'));
        at += 1;
    }
    if openings <= MAX_FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut line = 1;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let mut previous = b'\n';
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        if byte == b'\n' {
            line += 1;
            quote = None;
            comment = false;
        } else if comment {
        } else if let Some(open) = quote {
            match byte {
                b'\\' if open == b'"' => {
                    bytes.next_if(|next| *next != b'\n');
                }
                // `''` is an apostrophe inside a single-quoted scalar.
                b'\'' if open == b'\'' && bytes.next_if_eq(&b'\'').is_some() => {}
                byte if byte == open => quote = None,
                _ => {}
            }
        } else {
            let token_start = matches!(previous, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':');
            match byte {
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'"' | b'\'' if token_start => quote = Some(byte),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(line);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = byte;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeSeed;

    /// What the lenient reader refuses in `text` (YAML or JSON), if anything.
    fn refused_in(text: &str, json: bool) -> Option<Refusal> {
        let refused = Cell::new(None);
        let lenient = Lenient { refused: &refused };
        let parsed = match json {
            true => lenient
                .deserialize(&mut serde_json::Deserializer::from_str(text))
                .map_err(|error| error.to_string()),
            false => lenient
                .deserialize(serde_yaml::Deserializer::from_str(text))
                .map_err(|error| error.to_string()),
        };
        let refusal = refused.take();
        // The parse stops exactly when something is refused, with the refusal's words
        // (after the path to the value, in YAML).
        match (&parsed, &refusal) {
            (Err(message), Some(refusal)) => {
                assert!(message.contains(&refusal.to_string()), "{message}")
            }
            (Ok(_), None) => {}
            other => panic!("parse and refusal disagree: {other:?}"),
        }
        refusal
    }

    #[test]
    fn records_what_it_refuses() {
        let duplicate = Some(Refusal::DuplicateKey { key: "b".into() });
        assert_eq!(refused_in("a:\n  b: 1\n  b: 2\n", false), duplicate);
        assert_eq!(refused_in("{\"a\": {\"b\": 1, \"b\": 2}}", true), duplicate);
        assert_eq!(
            refused_in("200: a\n200: b\n", false),
            Some(Refusal::DuplicateKey { key: "200".into() })
        );
        let not_finite = refused_in("a: [1, -.inf]\n", false);
        assert_eq!(
            not_finite,
            Some(Refusal::NotFinite {
                value: f64::NEG_INFINITY
            })
        );
        assert!(matches!(
            refused_in("a: .nan\n", false),
            Some(Refusal::NotFinite { value }) if value.is_nan()
        ));
        assert_eq!(refused_in("a: {b: 1e400}\nc: !tag 2\n", false), None);
        assert_eq!(refused_in("{\"a\": [1, 2.5]}", true), None);
    }

    #[test]
    fn reads_the_one_document_of_a_stream() {
        let parsed = |text: &str| parse_document("api.yaml", text);
        let one = parsed("a: 1\n").expect("one document");
        // A stray `---` before or after it is an empty document.
        assert_eq!(parsed("---\na: 1\n---\n").ok(), Some(one.clone()));
        assert_eq!(parsed("# c\n---\na: 1\n...\n---\n").ok(), Some(one));
        // A second document with content: refused at its `---`.
        for (text, line) in [
            ("a: 1\n---\nb: 2\n", 2),
            ("---\na: 1\n---\n\n---\nb: 2\n", 5),
            ("%YAML 1.2\n---\na: 1\n--- # b\nb: 2\n", 4),
        ] {
            let error = parsed(text).expect_err(text);
            assert!(error.message.contains("second YAML document"), "{error:?}");
            assert_eq!(error.location.line, Some(line), "{text:?}");
        }
    }

    #[test]
    fn finds_deep_flow_nesting() {
        let deep = format!("a: 1\nb: {}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(deep_flow_line(&deep), Some(2));
        let limit = format!("a: 1\nb: {}", "[".repeat(MAX_FLOW_DEPTH));
        assert_eq!(deep_flow_line(&limit), None);
        let quoted = format!(
            "a: '{}'\nb: \"{}\\\"\" # {}",
            "[".repeat(2000),
            "{".repeat(2000),
            "[".repeat(2000)
        );
        assert_eq!(deep_flow_line(&quoted), None);
        let balanced = "[{}], ".repeat(5000);
        assert_eq!(deep_flow_line(&balanced), None);
        // An apostrophe in a plain scalar starts no quote.
        let plain = format!("a: it's {}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(deep_flow_line(&plain), Some(1));
    }
}
