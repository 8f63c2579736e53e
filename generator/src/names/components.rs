//! The names of component schemas: from the words of a schema's pointer or file, each
//! qualified by its file's folders only as far as needed to tell clashing ones apart.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::unescape_token;

use super::RustName;
use super::identifiers::type_name;
use super::namespace::Namespace;

/// The Rust name of every component schema (by its key in `components.schemas`),
/// claimed in `names`.
///
/// The name comes from the schema's own name (the last pointer token, or the file
/// name). When several schemas would get the same name, each is qualified by the
/// folders of its file, nearest first, until the names differ; only the clashing
/// schemas are affected, so names stay stable when unrelated parts change.
pub fn component_names<'k>(
    keys: impl IntoIterator<Item = &'k String>,
    names: &mut Namespace,
) -> HashMap<String, RustName> {
    let mut out = HashMap::new();
    /// A schema key, its qualifiers and its base name.
    type Member<'k> = (&'k str, Vec<String>, String);
    let mut groups: BTreeMap<RustName, Vec<Member<'_>>> = BTreeMap::new();
    for key in keys {
        let (base, qualifiers) = name_parts(key);
        let candidate = type_name(&base);
        groups
            .entry(candidate)
            .or_default()
            .push((key.as_str(), qualifiers, base));
    }
    for (candidate, mut members) in groups {
        if members.len() == 1 {
            let name = names.claim(&candidate);
            out.insert(members[0].0.to_owned(), name);
            continue;
        }
        members.sort_by(|a, b| a.0.cmp(b.0));
        let deepest = members.iter().map(|m| m.1.len()).max().unwrap_or(0);
        let mut chosen: Vec<RustName> = Vec::new();
        for depth in 0..=deepest {
            chosen = members
                .iter()
                .map(|(_, qualifiers, base)| {
                    let mut words: Vec<&str> =
                        qualifiers.iter().take(depth).map(String::as_str).collect();
                    words.reverse();
                    words.push(base);
                    type_name(&words.join("_"))
                })
                .collect();
            let distinct: HashSet<&RustName> = chosen.iter().collect();
            if distinct.len() == chosen.len() {
                break;
            }
        }
        for ((key, _, _), name) in members.iter().zip(chosen) {
            let name = names.claim(&name);
            out.insert((*key).to_owned(), name);
        }
    }
    out
}

/// The base name and the qualifying words (nearest folder first) of a schema key.
///
/// The base name is made of the words of the key's pointer that name something: a
/// schema anywhere (`#/components/parameters/state/schema` → `state`, `#/components/
/// schemas/Pet/properties/owner` → `Pet owner`, a union member → `… Variant1`), without
/// the keywords around them; a key without a pointer is named after its file.
pub(super) fn name_parts(key: &str) -> (String, Vec<String>) {
    let Some((file, pointer)) = key.split_once('#') else {
        return (key.to_owned(), Vec::new());
    };
    let mut folders: Vec<&str> = file
        .split('/')
        .filter(|p| !p.is_empty() && *p != "..")
        .collect();
    let stem = folders
        .pop()
        .map(|name| name.split('.').next().unwrap_or(name).to_owned())
        .unwrap_or_default();
    let tokens: Vec<String> = pointer
        .split('/')
        .filter(|t| !t.is_empty())
        .map(|t| unescape_token(t).into_owned())
        .collect();
    let words = schema_words(&tokens);
    let mut qualifiers = Vec::new();
    let base = if words.is_empty() {
        stem
    } else {
        qualifiers.push(stem);
        words.join("_")
    };
    qualifiers.extend(folders.iter().rev().map(|f| (*f).to_owned()));
    (base, qualifiers)
}

/// The words of a pointer that name a schema (see [`name_parts`]).
fn schema_words(tokens: &[String]) -> Vec<String> {
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "content",
        "schema",
        "properties",
        "paths",
        "definitions",
        "$defs",
    ];
    let mut words = Vec::new();
    let mut tokens = tokens.iter().peekable();
    while let Some(token) = tokens.next() {
        match token.as_str() {
            "items" => words.push("Item".to_owned()),
            "additionalProperties" => words.push("Value".to_owned()),
            "not" => words.push("Not".to_owned()),
            "oneOf" | "anyOf" | "allOf" => {
                if let Some(index) = tokens.next_if(|t| t.parse::<usize>().is_ok()) {
                    let number = index.parse::<usize>().unwrap_or(0) + 1;
                    words.push(format!("Variant{number}"));
                }
            }
            structure if STRUCTURE.contains(&structure) => {}
            // Media types, methods after a path, list positions.
            media if media.contains('/') => {}
            method if crate::load::is_method(method) => {}
            index if index.parse::<usize>().is_ok() => {}
            word => words.push(word.to_owned()),
        }
    }
    words
}

/// The name a schema key stands for in a spec's own words (a discriminator's default
/// value): the last token of its pointer, or its file's name.
pub fn schema_name(key: &str) -> String {
    let Some((file, pointer)) = key.split_once('#') else {
        return key.to_owned();
    };
    match pointer.rsplit('/').next().filter(|t| !t.is_empty()) {
        Some(token) => unescape_token(token).into_owned(),
        None => {
            let name = file.rsplit('/').next().unwrap_or(file);
            name.split('.').next().unwrap_or(name).to_owned()
        }
    }
}
