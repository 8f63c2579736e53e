//! Leniency: what one broken part of a spec costs.
//!
//! Real specs are loose, and one mistake must not cost the whole client. Every problem
//! found while bundling or deserializing is recorded with the place in the bundled
//! document it makes unusable, and that place decides what is given up:
//!
//! - a schema (a `$ref` that points nowhere, a keyword `openapiv3` cannot read): the
//!   keyword is dropped, or the schema is typed as any JSON value, with a warning;
//! - an operation, or a path item's shared parts: the operation (every operation of the
//!   path) is skipped, with a located message naming it;
//! - a webhook: it is left out;
//! - a security scheme: the scheme is dropped (operations that require it say so);
//! - a text that only documents (a `description`, an operation's `summary`): it is
//!   left out;
//! - a tag: its description is dropped;
//! - a section of `components` that is not a mapping (`securitySchemes: 7`): it is
//!   left out (what points into it is reported where it is);
//! - a part that only documents (`externalDocs`, `servers`, `tags`, the document's
//!   `security`, `info` apart from its title and version, extensions): it is left out
//!   (of the document's `servers` and `security`, only the broken item);
//! - anything else (`openapi`, the document's shape; `info`'s title and version are
//!   completed before, see `bundle/checks.rs`): the spec cannot be read, and every
//!   problem is an error.
//!
//! Repairs only remove or empty parts of the bundled document, so the rest reads as the
//! spec wrote it.

use serde_yaml::{Mapping, Value};

use super::pointer::{key_text, lookup_mut};
use super::position::METHODS;
use crate::diagnostics::{Diagnostic, child, skipped_operation, unescape_token};

/// A problem: where in the bundled document it is (a JSON pointer), and what is wrong.
#[derive(Clone, Debug)]
pub(super) struct Problem {
    /// The bundled pointer of the part it makes unusable.
    pub out: String,
    /// What to give up for it.
    pub fix: Fix,
    /// The error, at the place the user wrote it.
    pub diagnostic: Diagnostic,
}

/// What a problem in a schema position costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fix {
    /// The value at the pointer is a schema that cannot be used: it becomes `{}`.
    AnySchema,
    /// The pointer names a keyword of a schema that cannot be read: it is dropped.
    DropKeyword,
    /// The value at the pointer is a text that only documents (a `description` that is
    /// not a string): it becomes empty, which reads as no text.
    NoText,
    /// Decided by where the pointer is (see the module docs).
    ByPlace,
}

/// What the repairs gave up.
#[derive(Debug, Default)]
pub(super) struct Repairs {
    /// Parts dropped or typed loosely.
    pub warnings: Vec<Diagnostic>,
    /// One diagnostic per skipped operation, at its first problem.
    pub skipped: Vec<Diagnostic>,
}

/// The part of the document a bundled pointer is in.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    Operation {
        path: String,
        method: String,
    },
    PathItem {
        path: String,
    },
    /// A webhook (OpenAPI 3.1), by name.
    Webhook {
        name: String,
    },
    ComponentSchema {
        key: String,
    },
    SecurityScheme {
        name: String,
    },
    Tag {
        index: String,
    },
    /// A section of `components` as a whole (`securitySchemes`), by name.
    ComponentSection {
        section: String,
    },
    /// A part of the document that only documents (`info.description`, `externalDocs`,
    /// `servers`, `tags`, the document's `security`, extensions): left out if broken.
    Optional,
    Document,
}

fn place_of(out: &str) -> Place {
    let tokens: Vec<String> = out
        .split('/')
        .skip(1)
        .map(|token| unescape_token(token).into_owned())
        .collect();
    match tokens.as_slice() {
        [paths, path, method, ..] if paths == "paths" && METHODS.contains(&method.as_str()) => {
            Place::Operation {
                path: path.clone(),
                method: method.clone(),
            }
        }
        [paths, path, ..] if paths == "paths" => Place::PathItem { path: path.clone() },
        [webhooks, name, ..] if webhooks == "webhooks" => Place::Webhook { name: name.clone() },
        [components, section] if components == "components" => Place::ComponentSection {
            section: section.clone(),
        },
        [components, section, key, ..] if components == "components" => match section.as_str() {
            "schemas" => Place::ComponentSchema { key: key.clone() },
            "securitySchemes" => Place::SecurityScheme { name: key.clone() },
            _ => Place::Document,
        },
        [tags, index, ..] if tags == "tags" => Place::Tag {
            index: index.clone(),
        },
        [info, key, ..] if info == "info" && key != "title" && key != "version" => Place::Optional,
        [key, ..]
            if matches!(
                key.as_str(),
                "externalDocs" | "servers" | "tags" | "security"
            ) || key.starts_with("x-") =>
        {
            Place::Optional
        }
        _ => Place::Document,
    }
}

/// The pointer of the part of `out` that [`Place::Optional`] leaves out: the top-level
/// key, the key of `info`, or the item of the document's `servers` or `security` (the
/// others still serve, or still allow).
fn optional_part(out: &str) -> String {
    let tokens: Vec<&str> = out.split('/').collect();
    let depth = match tokens.get(1..3) {
        Some(["info", _]) => 3,
        Some(["servers" | "security", index]) if index.parse::<usize>().is_ok() => 3,
        _ => 2,
    };
    tokens[..depth.min(tokens.len())].join("/")
}

/// `part` as the list at `list` and the index of its item there, if it is one.
fn list_item(part: &str) -> Option<(&str, usize)> {
    let (list, index) = part.rsplit_once('/')?;
    Some((list, index.parse().ok()?))
}

/// Applies what `problems` cost to `bundled`, and says what was given up. When one of
/// them makes the spec unreadable, nothing is changed and every problem is an error.
pub(super) fn repair(
    bundled: &mut Value,
    problems: Vec<Problem>,
) -> Result<Repairs, Vec<Diagnostic>> {
    if problems
        .iter()
        .any(|p| p.fix == Fix::ByPlace && place_of(&p.out) == Place::Document)
    {
        return Err(problems.into_iter().map(|p| p.diagnostic).collect());
    }
    let mut repairs = Repairs::default();
    // Items of the document's lists to leave out, removed last so that the indices of
    // the other problems stay right.
    let mut items: Vec<(String, usize)> = Vec::new();
    // Operations to skip, each with its problems, in the order first met.
    let mut skipped: Vec<((String, String), Vec<Diagnostic>)> = Vec::new();
    let mut skip = |path: &str, method: &str, diagnostic: Diagnostic| {
        let key = (path.to_owned(), method.to_owned());
        match skipped.iter_mut().find(|(k, _)| *k == key) {
            Some((_, reasons)) => reasons.push(diagnostic),
            None => skipped.push((key, vec![diagnostic])),
        }
    };
    for problem in problems {
        let Problem {
            out,
            fix,
            diagnostic,
        } = problem;
        match fix {
            Fix::AnySchema => {
                if let Some(slot) = lookup_mut(bundled, &out) {
                    *slot = Value::Mapping(Mapping::new());
                }
                repairs.warnings.push(with_note(
                    diagnostic,
                    "this schema is typed as any JSON value",
                ));
                continue;
            }
            Fix::DropKeyword => {
                let entry = out
                    .rsplit_once('/')
                    .is_some_and(|(parent, _)| parent.ends_with("/discriminator/mapping"));
                drop_key(bundled, &out);
                let note = match entry {
                    true => "the mapping entry is ignored",
                    false => "the keyword is ignored",
                };
                repairs.warnings.push(with_note(diagnostic, note));
                continue;
            }
            Fix::NoText => {
                if let Some(slot) = lookup_mut(bundled, &out) {
                    *slot = Value::String(String::new());
                }
                repairs
                    .warnings
                    .push(with_note(diagnostic, "the text is left out"));
                continue;
            }
            Fix::ByPlace => {}
        }
        match place_of(&out) {
            Place::Operation { path, method } => skip(&path, &method, diagnostic),
            Place::PathItem { path } => {
                let pointer = child("/paths", &path);
                let methods: Vec<String> = lookup_mut(bundled, &pointer)
                    .and_then(|item| item.as_mapping())
                    .map(|item| {
                        item.keys()
                            .filter_map(Value::as_str)
                            .filter(|key| METHODS.contains(key))
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                if methods.is_empty() {
                    drop_key(bundled, &pointer);
                    repairs
                        .warnings
                        .push(with_note(diagnostic, "the path is left out"));
                } else {
                    for method in methods {
                        skip(&path, &method, diagnostic.clone());
                    }
                }
            }
            Place::Webhook { name } => {
                drop_key(bundled, &child("/webhooks", &name));
                repairs
                    .warnings
                    .push(with_note(diagnostic, "the webhook is left out"));
            }
            Place::ComponentSchema { key } => {
                let pointer = child("/components/schemas", &key);
                if let Some(slot) = lookup_mut(bundled, &pointer) {
                    *slot = Value::Mapping(Mapping::new());
                }
                repairs.warnings.push(with_note(
                    diagnostic,
                    "the schema is typed as any JSON value",
                ));
            }
            Place::SecurityScheme { name } => {
                if let Some(Value::Mapping(schemes)) =
                    lookup_mut(bundled, "/components/securitySchemes")
                {
                    schemes.shift_remove(name.as_str());
                }
                repairs
                    .warnings
                    .push(with_note(diagnostic, "the security scheme is left out"));
            }
            Place::Tag { index } => {
                if let Some(Value::Mapping(tag)) = lookup_mut(bundled, &child("/tags", &index)) {
                    tag.shift_remove("description");
                }
                repairs
                    .warnings
                    .push(with_note(diagnostic, "the tag's description is left out"));
            }
            Place::ComponentSection { section } => {
                drop_key(bundled, &child("/components", &section));
                repairs
                    .warnings
                    .push(with_note(diagnostic, "the section is left out"));
            }
            Place::Optional => {
                let part = optional_part(&out);
                match list_item(&part) {
                    Some((list, index)) => items.push((list.to_owned(), index)),
                    None => drop_key(bundled, &part),
                }
                repairs
                    .warnings
                    .push(with_note(diagnostic, "it is left out"));
            }
            // Refused above.
            Place::Document => {}
        }
    }
    items.sort();
    items.dedup();
    for (list, index) in items.into_iter().rev() {
        if let Some(Value::Sequence(list)) = lookup_mut(bundled, &list)
            && index < list.len()
        {
            list.remove(index);
        }
    }
    for ((path, method), reasons) in skipped {
        drop_key(bundled, &child(&child("/paths", &path), &method));
        repairs
            .skipped
            .extend(skipped_operation(&method, &path, reasons));
    }
    Ok(repairs)
}

/// Removes the entry `out` names from its parent mapping.
fn drop_key(bundled: &mut Value, out: &str) {
    if let Some((parent, key)) = out.rsplit_once('/')
        && let Some(Value::Mapping(map)) = lookup_mut(bundled, parent)
    {
        let key = unescape_token(key);
        let found = map
            .keys()
            .find(|k| key_text(k).as_deref() == Some(&*key))
            .cloned();
        if let Some(found) = found {
            map.shift_remove(&found);
        }
    }
}

/// `diagnostic` with what was done about it appended.
fn with_note(mut diagnostic: Diagnostic, note: &str) -> Diagnostic {
    diagnostic.message.push_str("; ");
    diagnostic.message.push_str(note);
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_pointers() {
        assert_eq!(
            place_of("/paths/~1things~1{id}/get/responses/200"),
            Place::Operation {
                path: "/things/{id}".into(),
                method: "get".into()
            }
        );
        assert_eq!(
            place_of("/paths/~1things/parameters/0"),
            Place::PathItem {
                path: "/things".into()
            }
        );
        assert_eq!(
            place_of("/components/schemas/a.yml#~1Thing/properties/x"),
            Place::ComponentSchema {
                key: "a.yml#/Thing".into()
            }
        );
        assert_eq!(
            place_of("/components/securitySchemes"),
            Place::ComponentSection {
                section: "securitySchemes".into()
            }
        );
        assert_eq!(place_of("/servers/1/url"), Place::Optional);
        assert_eq!(optional_part("/servers/1/variables/x"), "/servers/1");
        assert_eq!(optional_part("/security/0/k"), "/security/0");
        assert_eq!(optional_part("/externalDocs/url"), "/externalDocs");
        assert_eq!(optional_part("/info/license/url"), "/info/license");
        assert_eq!(place_of("/info"), Place::Document);
        assert_eq!(place_of("/paths"), Place::Document);
    }

    #[test]
    fn broken_servers_and_requirements_are_left_out_one_by_one() {
        let mut bundled: Value = serde_yaml::from_str(
            "servers: [{url: 1}, {url: 'https://b'}, {variables: 2}]\n\
             security: [{a: 7}, {b: []}]\nexternalDocs: {url: 3}\n",
        )
        .expect("test YAML parses");
        let problem = |out: &str| Problem {
            out: out.to_owned(),
            fix: Fix::ByPlace,
            diagnostic: Diagnostic::new(crate::diagnostics::Location::new("api.yaml", out), "x"),
        };
        let problems = [
            "/servers/0/url",
            "/servers/2",
            "/security/0/a",
            "/externalDocs/url",
        ]
        .map(problem)
        .to_vec();
        let repairs = repair(&mut bundled, problems).expect("nothing fatal");
        assert_eq!(repairs.warnings.len(), 4);
        let expected: Value =
            serde_yaml::from_str("servers: [{url: 'https://b'}]\nsecurity: [{b: []}]\n")
                .expect("test YAML parses");
        assert_eq!(bundled, expected);
    }
}
