//! What the bundler does at each position of the document.

use std::rc::Rc;

use serde_yaml::{Mapping, Value};

use super::{Bundler, Failure, Kind};
use crate::diagnostics::child;
use crate::load::dialect;
use crate::load::pointer::{describe_value, key_text, lookup, ref_of};
use crate::load::position::METHODS;
use crate::load::repair::Fix;
use crate::load::source_map::schema_ref;

impl Bundler<'_> {
    pub(super) fn walk_root(&mut self, document: &Value) -> Value {
        let Some(map) = document.as_mapping() else {
            return document.clone();
        };
        let mut out = Mapping::with_capacity(map.len());
        for (key, value) in map {
            let Some(name) = key.as_str() else {
                continue;
            };
            let value = self.descend(name, |b| match name {
                "paths" => b.walk_map(value, |b, v| {
                    b.check_path_key();
                    b.walk_object(v, Kind::PathItem)
                }),
                "components" => b.walk_components(value),
                "tags" => b.walk_tags(value),
                _ => value.clone(),
            });
            out.insert(key.clone(), value);
        }
        self.complete_root(&mut out);
        Value::Mapping(out)
    }

    fn walk_components(&mut self, value: &Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = Mapping::new();
        for (key, value) in map {
            match key.as_str() {
                Some("securitySchemes") => {
                    let walked = self.descend("securitySchemes", |b| {
                        b.walk_map(value, |b, v| b.walk_object(v, Kind::SecurityScheme))
                    });
                    out.insert(key.clone(), walked);
                }
                Some("schemas") => {
                    let Some(schemas) = value.as_mapping() else {
                        self.descend("schemas", |b| {
                            b.error(format!(
                                "`schemas` must be a mapping from names to schemas, found {}",
                                describe_value(value)
                            ))
                        });
                        continue;
                    };
                    for name in schemas.keys().filter_map(key_text) {
                        let pointer = child("/components/schemas", &name);
                        let file = self.cursor.file.clone();
                        if let Err(failure) = self.hoist(file, pointer) {
                            self.report(failure);
                        }
                    }
                }
                // Responses, parameters, headers, … are copied in where they are used.
                _ => {}
            }
        }
        Value::Mapping(out)
    }

    fn walk_tags(&mut self, value: &Value) -> Value {
        let Some(tags) = value.as_sequence() else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(tags.len());
        for (index, tag) in tags.iter().enumerate() {
            let walked = self.descend(&index.to_string(), |b| match tag.as_mapping() {
                Some(map) => {
                    let mut tag = map.clone();
                    if let Some(description) = map.get("description") {
                        let text =
                            b.descend("description", |b| b.walk_object(description, Kind::Text));
                        tag.insert(Value::from("description"), text);
                    }
                    Value::Mapping(tag)
                }
                None => tag.clone(),
            });
            out.push(walked);
        }
        Value::Sequence(out)
    }

    /// Applies `walk` to every value of a mapping. Real specs sometimes give the whole
    /// mapping as a `$ref` (`properties: {$ref: 'attributes.yml#/ids'}`): it is followed.
    fn walk_map(&mut self, value: &Value, walk: impl Fn(&mut Self, &Value) -> Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        if let (1, Some(reference)) = (map.len(), ref_of(value)) {
            let (file, pointer) = match self.resolve(reference) {
                Ok(found) => found,
                Err(failure) => {
                    self.report(failure);
                    return value.clone();
                }
            };
            // A mapping that contains its own `$ref` would be inlined forever.
            let key = (file.clone(), pointer.clone());
            if self.inlining.contains(&key) {
                self.error(format!(
                    "`$ref: {reference}` is inside the mapping it points to, which would then \
                     contain itself forever"
                ));
                return Value::Null;
            }
            self.inlining.push(key);
            let out = self.cursor.out.clone();
            let walked = self.relocate(file.clone(), pointer.clone(), out, |b| {
                match b
                    .file(&file)
                    .ok()
                    .as_deref()
                    .and_then(|doc| lookup(doc, &pointer))
                {
                    Some(target) if ref_of(target).is_none() => b.walk_map(target, walk),
                    _ => {
                        b.error("a `$ref` to a mapping must point to the mapping itself");
                        Value::Null
                    }
                }
            });
            self.inlining.pop();
            return walked;
        }
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let walked = match key_text(key) {
                Some(token) => self.descend(&token, |b| walk(b, item)),
                None => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Applies `walk` to every item of a sequence.
    fn walk_seq(&mut self, value: &Value, walk: impl Fn(&mut Self, &Value) -> Value) -> Value {
        let Some(items) = value.as_sequence() else {
            return value.clone();
        };
        let out = items
            .iter()
            .enumerate()
            .map(|(index, item)| self.descend(&index.to_string(), |b| walk(b, item)))
            .collect();
        Value::Sequence(out)
    }

    /// Walks a non-schema object, replacing a `$ref` by its target.
    fn walk_object(&mut self, value: &Value, kind: Kind) -> Value {
        if let Some(reference) = ref_of(value) {
            let (file, pointer) = match self.resolve(reference) {
                Ok(found) => found,
                Err(failure) => {
                    self.report(failure);
                    return value.clone();
                }
            };
            if !self.check_ref_kind(kind, reference, &pointer) {
                return value.clone();
            }
            let key = (file.clone(), pointer.clone());
            if let Some(start) = self.inlining.iter().position(|seen| *seen == key) {
                // Each step as the `$ref` would name it from the file where the cycle closes.
                let here = self.cursor.file.clone();
                let cycle: Vec<String> = self.inlining[start..]
                    .iter()
                    .chain(std::iter::once(&key))
                    .map(|(file, pointer)| match *file == here {
                        true => format!("#{pointer}"),
                        false => format!("{file}#{pointer}"),
                    })
                    .collect();
                self.error(format!(
                    "cycle of `$ref`s that never reaches a definition: {}; one of them must \
                     be the definition itself",
                    cycle.join(" → ")
                ));
                return value.clone();
            }
            self.inlining.push(key);
            let out = self.cursor.out.clone();
            let walked = self.relocate(file.clone(), pointer.clone(), out, |b| {
                match b
                    .file(&file)
                    .ok()
                    .as_deref()
                    .and_then(|doc| lookup(doc, &pointer))
                {
                    Some(target) => b.walk_object(target, kind),
                    None => Value::Null,
                }
            });
            self.inlining.pop();
            return walked;
        }
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        if kind == Kind::Text {
            return value.clone();
        }
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let Some(name) = key.as_str() else {
                out.insert(key.clone(), item.clone());
                continue;
            };
            let walked = match (kind, name) {
                (_, name) if name.starts_with("x-") => continue,
                (Kind::PathItem, method) if METHODS.contains(&method) => {
                    self.descend(name, |b| b.walk_object(item, Kind::Operation))
                }
                (Kind::PathItem | Kind::Operation, "parameters") => self.descend(name, |b| {
                    b.walk_seq(item, |b, v| b.walk_object(v, Kind::Parameter))
                }),
                (Kind::Operation, "requestBody") => {
                    self.descend(name, |b| b.walk_object(item, Kind::RequestBody))
                }
                (Kind::Operation, "responses") => self.descend(name, |b| {
                    b.walk_map(item, |b, v| {
                        b.check_status_key();
                        b.walk_object(v, Kind::Response)
                    })
                }),
                (Kind::Operation, "callbacks") => {
                    self.descend(name, |b| {
                        b.warn("callbacks are not supported: no code is generated for them")
                    });
                    continue;
                }
                (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => {
                    self.descend(name, |b| b.walk_schema(item))
                }
                (Kind::RequestBody, "content") => {
                    self.descend(name, |b| b.walk_map(item, Self::walk_request_media))
                }
                (Kind::Parameter | Kind::Header | Kind::Response, "content") => self
                    .descend(name, |b| {
                        b.walk_map(item, |b, v| b.walk_object(v, Kind::MediaType))
                    }),
                (Kind::Response, "headers") => self.descend(name, |b| {
                    b.walk_map(item, |b, v| b.walk_object(v, Kind::Header))
                }),
                // Not used for code: examples, links, encodings.
                (
                    Kind::Parameter | Kind::Header | Kind::MediaType,
                    "example" | "examples" | "encoding",
                ) => continue,
                (Kind::Response, "links") => continue,
                _ => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Walks a media type of a request body: as any other, but its `encoding` (how the
    /// properties of form and multipart bodies are sent) is kept.
    fn walk_request_media(&mut self, value: &Value) -> Value {
        let mut walked = self.walk_object(value, Kind::MediaType);
        if let (Some(encoding), Value::Mapping(out)) = (value.get("encoding"), &mut walked) {
            let kept = self.descend("encoding", |b| b.walk_encodings(encoding));
            out.insert(Value::from("encoding"), kept);
        }
        walked
    }

    /// The entries of an `encoding` map. `openapiv3` reads a missing `explode` as
    /// `false`, but OpenAPI's default is `true` for the style `form` (the default style):
    /// the default is written in. Per-part `headers` are not supported: they are left
    /// out, with a warning.
    fn walk_encodings(&mut self, value: &Value) -> Value {
        let Some(entries) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = Mapping::with_capacity(entries.len());
        for (property, entry) in entries {
            let Some(fields) = entry.as_mapping() else {
                out.insert(property.clone(), entry.clone());
                continue;
            };
            let mut kept = Mapping::with_capacity(fields.len() + 1);
            for (key, field) in fields {
                match key.as_str() {
                    Some("headers") => {
                        let token = key_text(property).unwrap_or_default();
                        self.descend(&token, |b| {
                            b.descend("headers", |b| {
                                b.warn(
                                    "headers of a multipart part are not supported; they are \
                                     not sent",
                                )
                            })
                        });
                    }
                    Some(name) if name.starts_with("x-") => {}
                    _ => {
                        kept.insert(key.clone(), field.clone());
                    }
                }
            }
            if !kept.contains_key("explode") {
                let style = kept.get("style").and_then(Value::as_str);
                let explode = matches!(style, None | Some("form"));
                kept.insert(Value::from("explode"), Value::Bool(explode));
            }
            out.insert(property.clone(), Value::Mapping(kept));
        }
        Value::Mapping(out)
    }

    /// Walks a schema: `$ref`s are hoisted into `components.schemas`.
    pub(super) fn walk_schema(&mut self, value: &Value) -> Value {
        if let Some(reference) = ref_of(value) {
            // A schema `$ref` may point anywhere a schema is (`#/components/parameters/
            // p/schema`); only a whole component of another kind is surely not one.
            let found = self.resolve(reference).and_then(|(file, pointer)| {
                match self.wrong_component(reference, &pointer, "schemas") {
                    Some(message) => Err(Failure::Message(message)),
                    None => self.hoist(file, pointer),
                }
            });
            return match found {
                Ok(key) => ref_value(&key),
                Err(failure) => {
                    self.report_in_schema(failure);
                    value.clone()
                }
            };
        }
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let integer = map.get("type").and_then(Value::as_str) == Some("integer");
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let Some(name) = key.as_str() else {
                out.insert(key.clone(), item.clone());
                continue;
            };
            let walked = match name {
                "properties" => self.descend(name, |b| b.walk_map(item, Self::walk_schema)),
                "items" | "not" => self.descend(name, |b| b.walk_schema(item)),
                "additionalProperties" if item.is_mapping() => {
                    self.descend(name, |b| b.walk_schema(item))
                }
                "allOf" | "oneOf" | "anyOf" => {
                    self.descend(name, |b| b.walk_seq(item, Self::walk_schema))
                }
                "discriminator" => self.descend(name, |b| b.walk_discriminator(item)),
                "example" | "examples" | "externalDocs" | "xml" => continue,
                "minimum" | "maximum" | "multipleOf" if integer && !fits_i64(item) => {
                    self.descend(name, |b| {
                        b.warn(format!(
                            "`{name}: {}` is outside the 64-bit integer range and was ignored",
                            describe_value(item)
                        ))
                    });
                    continue;
                }
                name if name.starts_with("x-") => continue,
                _ => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        for (keyword, message) in dialect::normalize(&mut out) {
            self.descend(keyword, |b| b.warn(message));
        }
        Value::Mapping(out)
    }

    /// Rewrites `discriminator.mapping` targets, which are schema references too.
    fn walk_discriminator(&mut self, value: &Value) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        let mut out = map.clone();
        let Some(mapping) = map.get("mapping").and_then(Value::as_mapping) else {
            return Value::Mapping(out);
        };
        let mut rewritten = Mapping::with_capacity(mapping.len());
        self.descend("mapping", |b| {
            for (tag, target) in mapping {
                let (Some(token), Some(target_text)) = (key_text(tag), target.as_str()) else {
                    rewritten.insert(tag.clone(), target.clone());
                    continue;
                };
                let key = b.descend(&token, |b| {
                    // A bare name refers to a schema of the root document's components.
                    let found = if target_text.contains(['#', '/', '.']) {
                        b.resolve(target_text)
                            .and_then(|(file, pointer)| b.hoist(file, pointer))
                    } else {
                        let root = Rc::<str>::from(b.source_map.root());
                        b.hoist(root, child("/components/schemas", target_text))
                    };
                    // A mapping entry that leads nowhere selects nothing: it is dropped.
                    found
                        .map_err(|failure| b.report_as(failure, Fix::DropKeyword))
                        .ok()
                });
                let target = match key {
                    Some(key) => Value::from(schema_ref(&key)),
                    None => target.clone(),
                };
                rewritten.insert(tag.clone(), target);
            }
        });
        out.insert(Value::from("mapping"), Value::Mapping(rewritten));
        Value::Mapping(out)
    }
}

fn ref_value(key: &str) -> Value {
    let mut map = Mapping::with_capacity(1);
    map.insert(Value::from("$ref"), Value::from(schema_ref(key)));
    Value::Mapping(map)
}

fn fits_i64(value: &Value) -> bool {
    match value {
        Value::Number(number) => number.as_i64().is_some(),
        _ => true,
    }
}
