//! Reading parsed documents: JSON pointers into them, the text of their keys, the files
//! their `$ref`s name, and short descriptions of values for messages.
//!
//! The pointer tokens themselves (`~0`, `~1`) are [`crate::diagnostics`]'s, since every
//! location is a pointer.

use serde_yaml::Value;

use crate::diagnostics::{child, unescape_token};

/// The text of a mapping key usable as a pointer token (`200` as well as `"200"`).
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// The target of `value` if it is a `$ref` object.
pub(super) fn ref_of(value: &Value) -> Option<&str> {
    value.as_mapping()?.get("$ref")?.as_str()
}

/// Follows a JSON pointer (without `#`) inside `document`.
pub(super) fn lookup<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    let mut current = document;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_token(token);
        current = match current {
            // String keys are a hash lookup; other keys (`200:`) are compared as text.
            Value::Mapping(map) => match map.get(&*token) {
                Some(value) => value,
                None => map
                    .iter()
                    .find(|(key, _)| !key.is_string() && key_text(key).as_deref() == Some(&*token))
                    .map(|(_, value)| value)?,
            },
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Follows a JSON pointer (without `#`) inside `document`, for changing what is there.
pub(super) fn lookup_mut<'v>(document: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    let mut current = document;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_token(token);
        current = match current {
            Value::Mapping(map) => {
                let key = map
                    .keys()
                    .find(|key| key_text(key).as_deref() == Some(&*token))?
                    .clone();
                map.get_mut(&key)?
            }
            Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// `relative` resolved against the directory of `base`, with `.` and `..` folded in
/// `relative` (a `..` stays where there is no directory left to leave, or only `..`s).
///
/// It runs for every `$ref` to another file, so it builds the path in one string with
/// plain byte loops: splitting into a `Vec` and joining it again is generic code that
/// runs unoptimized in the dev build `cargo xtask codegen` uses.
pub(super) fn join_path(base: &str, relative: &str) -> String {
    // The folded path, and whether it has any segment (`""` may be one: `/x` is `""`
    // then `x`).
    let mut out = String::with_capacity(base.len() + relative.len());
    let mut any = false;
    if let Some(cut) = last_slash(base) {
        out.push_str(&base[..cut]);
        any = true;
    }
    let relative = match relative.strip_prefix('/') {
        Some(rest) => {
            out.clear();
            any = true;
            rest
        }
        None => relative,
    };
    let bytes = relative.as_bytes();
    let mut start = 0;
    while start <= bytes.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'/' {
            end += 1;
        }
        match &relative[start..end] {
            "" | "." => {}
            ".." => {
                let last_start = last_slash(&out).map_or(0, |cut| cut + 1);
                let last = &out[last_start..];
                if any && last != ".." && !last.is_empty() {
                    // Drop the last segment, and the `/` before it if there is one.
                    match last_start {
                        0 => {
                            out.clear();
                            any = false;
                        }
                        cut => out.truncate(cut - 1),
                    }
                } else {
                    push_segment(&mut out, &mut any, "..");
                }
            }
            segment => push_segment(&mut out, &mut any, segment),
        }
        start = end + 1;
    }
    out
}

/// Appends one segment to a path being built by [`join_path`].
fn push_segment(out: &mut String, any: &mut bool, segment: &str) {
    if *any {
        out.push('/');
    }
    out.push_str(segment);
    *any = true;
}

/// The index of the last `/` of `path`.
fn last_slash(path: &str) -> Option<usize> {
    let bytes = path.as_bytes();
    let mut at = bytes.len();
    while at > 0 {
        at -= 1;
        if bytes[at] == b'/' {
            return Some(at);
        }
    }
    None
}

/// Whether the file part of a `$ref` names a remote document (`https://…`), which the
/// loader does not follow. A plain loop: `str::contains` with a string is generic code,
/// unoptimized in the dev build, and this runs for every `$ref`.
pub(super) fn is_remote(file_part: &str) -> bool {
    let bytes = file_part.as_bytes();
    let mut at = 0;
    while at + 3 <= bytes.len() {
        if bytes[at] == b':' && bytes[at + 1] == b'/' && bytes[at + 2] == b'/' {
            return true;
        }
        at += 1;
    }
    false
}

/// `text` with `%xx` escapes decoded (a `$ref` is a URI reference).
pub(super) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The pointer of a `serde_path_to_error` path.
pub(super) fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Map { key } => pointer = child(&pointer, key),
            Segment::Seq { index } => pointer = child(&pointer, &index.to_string()),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// A short description of a YAML value for messages.
pub(super) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => format!("\"{text}\""),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_remote_references() {
        // Every short text over the bytes that matter: as `contains("://")` says.
        let alphabet = [":", "/", "a", "é"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| alphabet.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            assert_eq!(is_remote(text), text.contains("://"), "{text:?}");
        }
        assert!(is_remote("https://example.com/api.yaml"));
        assert!(!is_remote("../models/pet.yaml"));
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_path("spec/a.yaml", "b.yml"), "spec/b.yml");
        assert_eq!(
            join_path("spec/x/a.yaml", "../../shared/h.yml"),
            "shared/h.yml"
        );
        assert_eq!(join_path("a.yaml", "../h.yml"), "../h.yml");
        assert_eq!(join_path("../s/a.yaml", "./r/d.yml"), "../s/r/d.yml");
        assert_eq!(join_path("/abs/a.yaml", "b.yml"), "/abs/b.yml");
        assert_eq!(join_path("a/b.yaml", "/c/./d/../e.yml"), "/c/e.yml");
    }

    /// Resolving by segments, as `join_path` did before it was one string: the rules
    /// written plainly, to compare with.
    fn join_by_segments(base: &str, relative: &str) -> String {
        let mut parts: Vec<&str> = match base.rfind('/') {
            Some(cut) => base[..cut].split('/').collect(),
            None => Vec::new(),
        };
        if relative.starts_with('/') {
            parts.clear();
            parts.push("");
        }
        for part in relative.split('/') {
            match part {
                "" | "." => {}
                ".." => match parts.last() {
                    Some(&last) if last != ".." && !last.is_empty() => {
                        parts.pop();
                    }
                    _ => parts.push(".."),
                },
                part => parts.push(part),
            }
        }
        parts.join("/")
    }

    #[test]
    fn joins_every_mix_of_segments_as_the_plain_rules_do() {
        // Every path of one to four of these segments (`/a` is `""` then `a`), as base
        // and as relative path.
        let segments = ["", ".", "..", "a", "b.yml"];
        let mut lists: Vec<Vec<&str>> = vec![Vec::new()];
        let mut paths = Vec::new();
        for _ in 0..4 {
            lists = lists
                .iter()
                .flat_map(|list| {
                    segments.map(|segment| {
                        let mut longer = list.clone();
                        longer.push(segment);
                        longer
                    })
                })
                .collect();
            paths.extend(lists.iter().map(|list| list.join("/")));
        }
        paths.sort();
        paths.dedup();
        assert!(paths.contains(&"/a/../b.yml".to_owned()));
        for base in &paths {
            for relative in &paths {
                assert_eq!(
                    join_path(base, relative),
                    join_by_segments(base, relative),
                    "{relative:?} from {base:?}"
                );
            }
        }
    }
}
