//! The bundler's walk: one skeleton for every position of the document.
//!
//! [`Bundler::walk`] handles a value by its [`Position`]: a `$ref` there is followed
//! as the position wants it ([`refs`]), then each key of the mapping is dropped, copied,
//! or walked in the position [`Position::below`] gives it. What differs by position is
//! in the small tables at the end of this file (which keys are dropped, where extensions
//! are kept) and in [`Bundler::walk_key`] (keys dropped with a warning, and the two keys
//! whose values are not positions but still hold `$ref`s: `components.schemas` and a
//! discriminator's `mapping`).

use serde_yaml::{Mapping, Value};

use super::checks::read_as_text;
use super::query_path::QueryInPath;
use super::swagger2::{InlineSchema, noun};
use super::{Bundler, Failure};
use crate::diagnostics::child;
use crate::load::dialect;
use crate::load::pointer::{describe_value, key_text, lookup, ref_of};
use crate::load::position::{Holds, Position};
use crate::load::read::Part;
use crate::load::repair::Fix;
use crate::load::source_map::{is_within, schema_ref};
use crate::load::version::Version;

impl Bundler<'_> {
    /// Walks the root document.
    pub(super) fn walk_root(&mut self, document: &Value) -> Value {
        self.walk(Position::Document, Position::Document, document)
    }

    /// Walks `value`, which is in the position `at` inside a mapping in the position
    /// `parent`, into its bundled copy.
    pub(super) fn walk(&mut self, at: Position, parent: Position, value: &Value) -> Value {
        if let Some(reference) = ref_of(value) {
            match refs(at) {
                Refs::Hoist if self.version == Version::V31 && has_siblings(value) => {
                    return self.ref_with_siblings(reference, value, parent);
                }
                Refs::Hoist => return self.hoist_ref(reference, value),
                Refs::Inline | Refs::Tolerated => {
                    if matches!(refs(at), Refs::Tolerated) {
                        // `info` and `components` only describe, or hold what is
                        // referred to: given by a `$ref` that cannot be followed, they
                        // are read as missing (`info` is then named after the file).
                        if matches!(at, Position::Info | Position::Components)
                            && self.resolve(reference).is_err()
                        {
                            self.warn(format!(
                                "`$ref: {reference}` (where OpenAPI allows none) cannot be \
                                 followed; {} is read as missing",
                                at.noun()
                            ));
                            return Value::Null;
                        }
                        self.warn(format!(
                            "OpenAPI allows no `$ref` in {}; followed, as bundlers do",
                            at.noun()
                        ));
                    }
                    let cycle = |b: &mut Self, start| {
                        b.report_cycle(start);
                        value.clone()
                    };
                    let mut walked = self.inline(reference, value, Some(at), cycle, |b, target| {
                        target.map_or(Value::Null, |target| b.walk(at, parent, target))
                    });
                    if self.version == Version::V31 {
                        override_summary(value, &mut walked);
                    }
                    return walked;
                }
                Refs::Kept => {}
            }
        }
        if let Some(entries) = at.entries() {
            return self.walk_map(value, entries, at);
        }
        match at {
            Position::SecurityRequirement => return self.security_requirement(value),
            Position::Server => return self.server(value),
            _ => {}
        }
        let Some(map) = value.as_mapping().filter(|_| walks_keys(at)) else {
            return value.clone();
        };
        if matches!(at, Position::Parameter | Position::Header)
            && let Some(inline) = InlineSchema::of(map)
        {
            return self.walk_inline_schema(at, parent, inline);
        }
        if matches!(at, Position::Response | Position::RequestBody) && gives_schema_itself(map) {
            return self.walk_schema_as_content(at, parent, map);
        }
        // Only the document and operations say `consumes` or `produces`: most mappings
        // are not asked (the walk is the unoptimized build's longest stage).
        let outer = match at {
            Position::Document | Position::Operation => self.media_types.enter(at, map),
            _ => None,
        };
        let mut out = self.walk_keys(at, parent, map);
        self.complete(at, &mut out);
        if let Some(outer) = outer {
            self.media_types = outer;
        }
        Value::Mapping(out)
    }

    /// The bundled copy of `map`, a mapping in the position `at` (inside `parent`): each
    /// key walked by [`Self::walk_key`].
    pub(super) fn walk_keys(&mut self, at: Position, parent: Position, map: &Mapping) -> Mapping {
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let walked = match key.as_str() {
                Some(name) => self.walk_key(at, parent, map, name, item),
                // Only names are keys of the document and of `components`.
                None if matches!(at, Position::Document | Position::Components) => None,
                None => Some(item.clone()),
            };
            if let Some(walked) = walked {
                out.insert(key.clone(), walked);
            }
        }
        out
    }

    /// The bundled value of the key `name` (with the value `item`) of `map`, a mapping in
    /// the position `at` (inside `parent`); `None` to leave the key out.
    fn walk_key(
        &mut self,
        at: Position,
        parent: Position,
        map: &Mapping,
        name: &str,
        item: &Value,
    ) -> Option<Value> {
        if name.starts_with("x-") && drops_extension(at, name) || dropped(at, parent, name) {
            return None;
        }
        if at == Position::Schema
            && let Some(why) = dialect::left_out(map, name)
        {
            if let Some(why) = why {
                self.descend(name, |b| b.warn(why));
            }
            return None;
        }
        let item = match is_empty_list(item) {
            true => {
                let part = at.below(name, &EMPTY_MAPPING);
                let belongs = matches!(part, Some(Holds::Map(_)))
                    || matches!(part, Some(Holds::One(part)) if part != Position::Text)
                    || (at, name) == (Position::Discriminator, "mapping");
                self.read_empty_list(name, &format!("`{name}`"), belongs, item)
            }
            false => item,
        };
        let holds = at.below(name, item);
        // A text may be `null` (`openapiv3` reads no text); parts may not.
        if item.is_null()
            && let Some(holds) = holds
            && holds != Holds::One(Position::Text)
        {
            return self.read_null(name, &format!("`{name}`"), holds);
        }
        // `summary: 2` is the text "2", as `info.title` is (see `complete_root`).
        if matches!(item, Value::Number(_) | Value::Bool(_))
            && holds == Some(Holds::One(Position::Text))
        {
            let text = key_text(item).unwrap_or_default();
            self.descend(name, |b| b.warn(read_as_text(name, &text)));
            return Some(Value::from(text));
        }
        match (at, name) {
            (Position::Document, "webhooks") => {
                if self.version == Version::V30 {
                    self.descend(name, |b| {
                        b.warn(
                            "`webhooks` is OpenAPI 3.1; read as 3.1 describes them (declare \
                             `openapi: 3.1.0`)",
                        )
                    });
                }
                return Some(self.descend(name, |b| b.walk_webhooks(item)));
            }
            (Position::Operation, "callbacks") => {
                self.descend(name, |b| {
                    b.warn("callbacks are not supported: no code is generated for them")
                });
                return None;
            }
            (Position::Encoding, "headers") => {
                self.descend(name, |b| {
                    b.warn("headers of a multipart part are not supported; they are not sent")
                });
                return None;
            }
            (Position::Schema, "minimum" | "maximum" | "multipleOf")
                if is_integer(map) && !fits_i64(item) =>
            {
                // `1.0` is the integer 1 (JSON Schema says so; Python's tools write it).
                if let Some(whole) = whole_number(item) {
                    return Some(Value::from(whole));
                }
                let why = match item.as_f64().is_some_and(|number| number.fract() != 0.0) {
                    true => "is not an integer",
                    false => "is outside the 64-bit integer range",
                };
                self.descend(name, |b| {
                    b.warn(format!(
                        "`{name}: {}` {why} and was ignored",
                        describe_value(item)
                    ))
                });
                return None;
            }
            // Hoisted one by one, and attached at the end (see `attach_schemas`).
            (Position::Components, "schemas") => {
                self.hoist_all(item);
                return None;
            }
            (Position::SecurityScheme, "flows") => {
                return Some(self.descend(name, |b| b.oauth_flows(item)));
            }
            (Position::Discriminator, "mapping") => {
                if let Some(mapping) = item.as_mapping() {
                    return Some(self.descend(name, |b| b.walk_discriminator_mapping(mapping)));
                }
            }
            _ => {}
        }
        match holds {
            Some(holds) => Some(self.descend(name, |b| b.walk_holds(holds, at, item))),
            None => Some(item.clone()),
        }
    }

    /// Walks `value`, the value of a key of a mapping in the position `parent`, that
    /// holds part(s) as `holds` says.
    fn walk_holds(&mut self, holds: Holds, parent: Position, value: &Value) -> Value {
        match holds {
            Holds::One(at) => self.walk(at, parent, value),
            Holds::List(of) => self.walk_list(value, of, parent),
            Holds::Map(of) => self.walk_map(value, of, parent),
        }
    }

    /// Walks every value of a map of parts in the position `of`, leaving out the
    /// extensions of maps that may have them. Real specs sometimes give the whole
    /// mapping as a `$ref` (`properties: {$ref: 'attributes.yml#/ids'}`): it is followed.
    fn walk_map(&mut self, value: &Value, of: Position, parent: Position) -> Value {
        let Some(map) = value.as_mapping() else {
            return value.clone();
        };
        if let (1, Some(reference)) = (map.len(), ref_of(value)) {
            let cycle = |b: &mut Self, _| {
                b.error(format!(
                    "`$ref: {reference}` is inside the mapping it points to, which would then \
                     contain itself forever"
                ));
                Value::Null
            };
            return self.inline(reference, value, None, cycle, |b, target| match target {
                Some(target) if ref_of(target).is_none() => b.walk_map(target, of, parent),
                _ => {
                    b.error("a `$ref` to a mapping must point to the mapping itself");
                    Value::Null
                }
            });
        }
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let mut key = key;
            let renamed;
            let item = match is_empty_list(item).then(|| key_text(key)).flatten() {
                Some(token) if !of.is_extension_entry(&token) => {
                    self.read_empty_list(&token, &format!("`{token}`"), of != Position::Text, item)
                }
                _ => item,
            };
            let walked = match key_text(key) {
                Some(token) if of.is_extension_entry(&token) => continue,
                Some(token) if item.is_null() => {
                    match self.read_null(&token, &format!("`{token}`"), Holds::One(of)) {
                        Some(read_as) => read_as,
                        None => continue,
                    }
                }
                Some(token) if of == Position::PathItem && slash_missing(map, &token) => {
                    renamed = Value::from(format!("/{token}"));
                    key = &renamed;
                    self.walk_path_without_slash(&token, |b| b.walk(of, parent, item))
                }
                Some(token)
                    if of == Position::PathItem
                        && let Some(query) = QueryInPath::of(map, &token) =>
                {
                    renamed = Value::from(query.path.as_str());
                    key = &renamed;
                    self.walk_path_with_query(&token, &query, |b| b.walk(of, parent, item))
                }
                Some(token) => self.descend(&token, |b| {
                    b.check_entry_key(of);
                    b.walk(of, parent, item)
                }),
                None => item.clone(),
            };
            let walked = match (of, parent, key) {
                (Position::PathItem, Position::Document, Value::String(path)) => {
                    self.hand_over(Part::Path { key: path.clone() }, walked)
                }
                _ => walked,
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Runs `walk` on the path item of the path `path`, written without its leading `/`
    /// (`things/{id}`), placed at `/path` with a warning: paths are appended to the
    /// server URL, and no other reading of it makes a request.
    fn walk_path_without_slash(
        &mut self,
        path: &str,
        walk: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let file = self.cursor.file.clone();
        let pointer = child(&self.cursor.pointer, path);
        let out = child(&self.cursor.out, &format!("/{path}"));
        self.relocate(file, pointer, out, |b| {
            b.warn(format!(
                "path `{path}` does not start with `/`, as paths appended to the server URL \
                 must; read as `/{path}`"
            ));
            walk(b)
        })
    }

    /// Walks every item of a list of parts in the position `of`.
    fn walk_list(&mut self, value: &Value, of: Position, parent: Position) -> Value {
        let Some(items) = value.as_sequence() else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let token = index.to_string();
            let item = match is_empty_list(item) {
                true => self.read_empty_list(&token, "the item", of != Position::Text, item),
                false => item,
            };
            let walk = |b: &mut Self| b.walk(of, parent, item);
            let walked = if item.is_null() {
                match self.read_null(&token, "the item", Holds::One(of)) {
                    Some(read_as) => read_as,
                    None => continue,
                }
            } else if of == Position::Tag
                && let Some(why) = self.nameless_tag(item)
            {
                // Tags only describe the names operations give: one without a name
                // describes nothing, and `openapiv3` would refuse the whole spec for it.
                self.descend(&token, |b| {
                    b.warn(format!("{why}: it describes nothing and is left out"))
                });
                continue;
            } else if out.len() == index {
                self.descend(&token, walk)
            } else {
                // After an item left out, the bundled list is shorter than the file's.
                let file = self.cursor.file.clone();
                let pointer = child(&self.cursor.pointer, &token);
                let bundled = child(&self.cursor.out, &out.len().to_string());
                self.relocate(file, pointer, bundled, walk)
            };
            out.push(walked);
        }
        Value::Sequence(out)
    }

    /// Why the tag `item` (or the one its `$ref` points to) has no name, if it has none.
    fn nameless_tag(&mut self, item: &Value) -> Option<String> {
        let Some(reference) = ref_of(item) else {
            return nameless(item);
        };
        // One that cannot be followed is reported where the walk follows it.
        let (_, pointer, document) = self.resolve(reference).ok()?;
        lookup(&document, &pointer).and_then(nameless)
    }

    /// The security requirement `value` as written, but for a scheme's scopes written as
    /// `null` (`api_key:` with nothing after it): no scopes, with a warning.
    fn security_requirement(&mut self, value: &Value) -> Value {
        let mut out = value.clone();
        for (name, scopes) in out.as_mapping_mut().into_iter().flatten() {
            if scopes.is_null() {
                *scopes = Value::Sequence(Vec::new());
                let name = key_text(name).unwrap_or_default();
                self.descend(&name, |b| {
                    b.warn(format!(
                        "`{name}` is empty (`null`): read as `[]`, no scopes"
                    ))
                });
            }
        }
        out
    }

    /// The server `value` as written, but for a variable without the `default` OpenAPI
    /// requires: one with an `enum` takes its first value, with a warning. (Without
    /// either, nothing says what to send, and the server is left out.)
    fn server(&mut self, value: &Value) -> Value {
        let mut out = value.clone();
        let Some(variables) = out.as_mapping_mut().and_then(|s| s.get_mut("variables")) else {
            return out;
        };
        if is_empty_list(variables) {
            *variables = self
                .read_empty_list("variables", "`variables`", true, variables)
                .clone();
        }
        for (name, variable) in variables.as_mapping_mut().into_iter().flatten() {
            let Some(variable) = variable.as_mapping_mut() else {
                continue;
            };
            let first = variable
                .get("enum")
                .and_then(Value::as_sequence)
                .and_then(|values| values.first())
                .filter(|first| first.is_string())
                .cloned();
            let (false, Some(first)) = (variable.contains_key("default"), first) else {
                continue;
            };
            let name = key_text(name).unwrap_or_default();
            let shown = describe_value(&first);
            variable.insert(Value::from("default"), first);
            self.descend("variables", |b| {
                b.descend(&name, |b| {
                    b.warn(format!(
                        "the variable has no `default`, which OpenAPI requires; its first \
                         `enum` value, {shown}, is used"
                    ))
                })
            });
        }
        out
    }

    /// An OAuth 2 scheme's `flows` as written, but for a flow's `scopes` written as
    /// `null` (`scopes:` with nothing after it) or `[]` (by PHP's JSON encoder): no
    /// scopes, with a warning, as in a requirement (see [`Self::security_requirement`]).
    fn oauth_flows(&mut self, value: &Value) -> Value {
        let mut out = value.clone();
        for (flow, fields) in out.as_mapping_mut().into_iter().flatten() {
            let Some(scopes) = fields.as_mapping_mut().and_then(|f| f.get_mut("scopes")) else {
                continue;
            };
            let flow = key_text(flow).unwrap_or_default();
            if is_empty_list(scopes) {
                *scopes = self.descend(&flow, |b| {
                    b.read_empty_list("scopes", "`scopes`", true, scopes)
                        .clone()
                });
            } else if scopes.is_null() {
                *scopes = Value::Mapping(Mapping::new());
                self.descend(&flow, |b| {
                    b.descend("scopes", |b| {
                        b.warn("`scopes` is empty (`null`): read as `{}`, no scopes")
                    })
                });
            }
        }
        out
    }

    /// Warns that `what` (under `token`, holding parts as `holds` says) is `null`, and
    /// gives what it is read as (see [`null_read_as`]); `None` to leave it out.
    fn read_null(&mut self, token: &str, what: &str, holds: Holds) -> Option<Value> {
        self.descend(token, |b| b.null_here(what, holds))
    }

    /// [`Self::read_null`] for the `null` at the cursor.
    pub(super) fn null_here(&mut self, what: &str, holds: Holds) -> Option<Value> {
        let read_as = null_read_as(holds);
        let how = match read_as {
            Some(_) => "read as `{}`",
            None => "read as if it were left out",
        };
        self.warn(format!("{what} is empty (`null`): {how}"));
        read_as
    }

    /// `item`, an empty list (`[]`) under `token`, as it is read: `{}` where a mapping
    /// `belongs`, with a warning. PHP's JSON encoder writes an empty mapping so, and
    /// specs made with it have `properties: []` or `headers: []` where they mean none.
    fn read_empty_list<'v>(
        &mut self,
        token: &str,
        what: &str,
        belongs: bool,
        item: &'v Value,
    ) -> &'v Value {
        if !belongs {
            return item;
        }
        self.descend(token, |b| {
            b.warn(format!(
                "{what} is an empty list (`[]`) where a mapping belongs: read as `{{}}`, an \
                 empty one (PHP's JSON encoder writes one so)"
            ))
        });
        &EMPTY_MAPPING
    }

    /// Replaces `$ref: reference` (the value `value`, in the position `at` if it holds
    /// one part) by its target, walked by `walk` in the `$ref`'s place (`None` if the
    /// target's file cannot be read after all). A `$ref` that cannot be followed, or that
    /// names a whole component of another section than `at`'s, is reported and kept (one
    /// in a text that only documents costs only the text). A `$ref` met again inside its
    /// own target closes a cycle: `cycle` reports it (the `$ref`s being inlined end with
    /// the one met again; it is given where the cycle starts among them) and gives the
    /// value to use.
    fn inline(
        &mut self,
        reference: &str,
        value: &Value,
        at: Option<Position>,
        cycle: impl FnOnce(&mut Self, usize) -> Value,
        walk: impl FnOnce(&mut Self, Option<&Value>) -> Value,
    ) -> Value {
        let (file, pointer, document) = match self.resolve(reference) {
            Ok(found) => found,
            Err(failure) => {
                let fix = match at {
                    Some(Position::Text) => Fix::NoText,
                    _ => Fix::ByPlace,
                };
                self.report_as(failure, fix);
                return value.clone();
            }
        };
        let wrong = at
            .and_then(Position::section)
            .and_then(|section| self.wrong_component(reference, &pointer, section));
        if let Some(message) = wrong {
            self.error(message);
            return value.clone();
        }
        let key = (file.clone(), pointer.clone());
        if let Some(start) = self.inlining.iter().position(|seen| *seen == key) {
            self.inlining.push(key);
            let replacement = cycle(self, start);
            self.inlining.pop();
            return replacement;
        }
        self.inlining.push(key);
        let out = self.cursor.out.clone();
        let walked = self.relocate(file, pointer.clone(), out, |b| {
            walk(b, lookup(&document, &pointer))
        });
        self.inlining.pop();
        walked
    }

    /// The error for a cycle of `$ref`s to parts that are inlined: the last of
    /// `inlining` closes it, at the one at `start`.
    fn report_cycle(&mut self, start: usize) {
        // Each step as the `$ref` would name it from the file where the cycle closes.
        let here = self.cursor.file.clone();
        let cycle: Vec<String> = self.inlining[start..]
            .iter()
            .map(|(file, pointer)| match *file == here {
                true => format!("#{pointer}"),
                false => format!("{file}#{pointer}"),
            })
            .collect();
        self.error(format!(
            "cycle of `$ref`s that never reaches a definition: {}; one of them must be the \
             definition itself",
            cycle.join(" → ")
        ));
    }

    /// A `$ref` in a schema position: its target is hoisted into `components.schemas`
    /// and the `$ref` points there.
    fn hoist_ref(&mut self, reference: &str, value: &Value) -> Value {
        match self.hoist_target(reference) {
            Ok(key) => ref_value(&key),
            Err(failure) => {
                self.report_in_schema(failure);
                value.clone()
            }
        }
    }

    /// Hoists the schema `reference` names (see [`Bundler::hoist`]); its key in
    /// `components.schemas`. A schema may be anywhere (`#/components/parameters/p/
    /// schema`); only a whole component of another kind is surely not one.
    fn hoist_target(&mut self, reference: &str) -> Result<String, Failure> {
        let target = self.target(reference)?;
        // Most schema `$ref`s name a schema met before: its file need not be looked into
        // again, nor its kind checked (only what can be a schema is hoisted).
        if let Some(key) = self.schema_keys.get(&target) {
            return Ok(key.clone());
        }
        let (file, pointer) = target;
        let (file, pointer, _) = self.look_into(reference, file, pointer)?;
        match self.wrong_component(reference, &pointer, "schemas") {
            Some(message) => Err(Failure::Message(message)),
            None => self.hoist(file, pointer),
        }
    }

    /// A `$ref` with other keywords beside it, in a schema of a 3.1 document, where they
    /// apply too (in 3.0 they are ignored): `{allOf: [{$ref}], …}`, the 3.0 way to say
    /// it, so that a `description`, `deprecated` or `default` there is this use's.
    fn ref_with_siblings(&mut self, reference: &str, value: &Value, parent: Position) -> Value {
        let mut siblings = value.as_mapping().cloned().unwrap_or_default();
        siblings.remove("$ref");
        let walked = self.walk(Position::Schema, parent, &Value::Mapping(siblings));
        let target = self.hoist_ref(reference, value);
        let Value::Mapping(mut walked) = walked else {
            return target;
        };
        // Only what changes nothing was beside it (`examples`, `$comment`).
        if walked.is_empty() {
            return target;
        }
        let all_of = walked
            .entry(Value::from("allOf"))
            .or_insert_with(|| Value::Sequence(Vec::new()));
        if let Value::Sequence(members) = all_of {
            let index = members.len();
            members.push(target);
            let out = format!("{}/allOf/{index}", self.cursor.out);
            let here = self.here();
            self.origin(out, here);
        }
        Value::Mapping(walked)
    }

    /// Walks `webhooks`: a map from names (not paths) to path items.
    fn walk_webhooks(&mut self, webhooks: &Value) -> Value {
        let Some(map) = webhooks.as_mapping() else {
            return webhooks.clone();
        };
        let mut out = Mapping::with_capacity(map.len());
        for (key, item) in map {
            let walked = match key_text(key) {
                Some(name) if item.is_null() => {
                    let holds = Holds::One(Position::PathItem);
                    match self.read_null(&name, &format!("`{name}`"), holds) {
                        Some(read_as) => read_as,
                        None => continue,
                    }
                }
                Some(name) => self.descend(&name, |b| {
                    b.walk(Position::PathItem, Position::Document, item)
                }),
                None => item.clone(),
            };
            out.insert(key.clone(), walked);
        }
        Value::Mapping(out)
    }

    /// Hoists every schema of the root file's `components.schemas` (`schemas`), in order.
    fn hoist_all(&mut self, schemas: &Value) {
        let Some(schemas) = schemas.as_mapping() else {
            // As any section of `components` that is not a mapping (see `repair`): a
            // `$ref` into it then points to nothing, and is reported where it is.
            self.descend("schemas", |b| {
                b.warn(format!(
                    "`schemas` must be a mapping from names to schemas, found {}; the section \
                     is left out",
                    describe_value(schemas)
                ))
            });
            return;
        };
        for name in schemas.keys().filter_map(key_text) {
            let pointer = child("/components/schemas", &name);
            let file = self.cursor.file.clone();
            if let Err(failure) = self.hoist(file, pointer) {
                self.report(failure);
            }
        }
    }

    /// Rewrites the targets of a discriminator's `mapping`, which are schema references
    /// too (or bare names of schemas of the root file's components).
    fn walk_discriminator_mapping(&mut self, mapping: &Mapping) -> Value {
        let mut rewritten = Mapping::with_capacity(mapping.len());
        for (tag, target) in mapping {
            let (Some(token), Some(target_text)) = (key_text(tag), target.as_str()) else {
                rewritten.insert(tag.clone(), target.clone());
                continue;
            };
            let key = self.descend(&token, |b| {
                let found = if target_text.contains(['#', '/', '.']) {
                    b.hoist_target(target_text)
                } else {
                    let root = b.root_file.clone();
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
        Value::Mapping(rewritten)
    }

    /// What is done to a mapping in the position `at` once its keys are walked.
    pub(super) fn complete(&mut self, at: Position, out: &mut Mapping) {
        match at {
            Position::Document => self.complete_root(out),
            Position::Schema => {
                self.list_required_flags(out);
                let rewritten = dialect::normalize(out, self.version);
                for (from, to) in &rewritten.moves {
                    self.moved(from, to);
                }
                for (keyword, message) in rewritten.notes {
                    self.descend(keyword, |b| b.warn(message));
                }
            }
            Position::Parameter | Position::Header => self.one_format(at, out),
            Position::SecurityScheme => self.swagger2_scheme(out),
            Position::Operation => {
                self.complete_responses(out);
                self.swagger2_parameters(out);
            }
            // `openapiv3` reads a missing `explode` as `false`, but OpenAPI's default is
            // `true` for the style `form` (the default style): it is written in.
            Position::Encoding if !out.contains_key("explode") => {
                let style = out.get("style").and_then(Value::as_str);
                let explode = matches!(style, None | Some("form"));
                out.insert(Value::from("explode"), Value::Bool(explode));
            }
            _ => {}
        }
    }
}

impl Bundler<'_> {
    /// Lists the properties of the schema `out` flagged `required: true` in its
    /// `required` (see [`dialect::required_flags`]), with a warning at each flag.
    fn list_required_flags(&mut self, out: &mut Mapping) {
        for (name, required) in dialect::required_flags(out) {
            let read_as = match required {
                true => "read as the property's name in the object's `required` list",
                false => "left out: a property is optional unless the object's `required` lists it",
            };
            let message = format!(
                "`required: {required}` on a property is JSON Schema draft 3's form; {read_as}"
            );
            self.descend("properties", |b| {
                b.descend(&name, |b| b.descend("required", |b| b.warn(message)))
            });
        }
    }

    /// Leaves the second of `schema` and `content` out of a parameter or header (`out`,
    /// in the position `at`), with a warning: OpenAPI allows one or the other, and
    /// `openapiv3` reads the first. Kept, the second could make `openapiv3` panic: when
    /// the first does not fit, it reads the part again from a copy with sorted keys, where
    /// `content` comes first, and does not expect that to succeed.
    fn one_format(&mut self, at: Position, out: &mut Mapping) {
        let mut formats = out
            .keys()
            .filter_map(Value::as_str)
            .filter(|key| matches!(*key, "schema" | "content"));
        let (Some(first), Some(second)) = (formats.next(), formats.next()) else {
            return;
        };
        let (first, second) = (first.to_owned(), second.to_owned());
        out.shift_remove(second.as_str());
        // What was found wrong inside it no longer matters.
        let left_out = format!("{}/{second}", self.cursor.out);
        self.problems
            .retain(|(place, _, _)| !is_within(place, &left_out));
        let noun = noun(at);
        self.descend(&second, |b| {
            b.warn(format!(
                "a {noun} has a `schema` or a `content`, not both: `{second}` is ignored and \
                 `{first}` used"
            ))
        });
    }
}

/// How the walk treats a `$ref` in a position.
enum Refs {
    /// The target is hoisted into `components.schemas`, and the `$ref` points there.
    Hoist,
    /// The target replaces the `$ref`.
    Inline,
    /// The position takes no `$ref`, but multi-file specs give one (as bundlers such as
    /// Redocly's follow them anywhere): the target replaces it, with a warning. Left as
    /// it was, `openapiv3` refused it with no place named.
    Tolerated,
    /// Left as it is: a map given as a `$ref` (`responses`) is followed by `walk_map`;
    /// the document itself is no `$ref`.
    Kept,
}

/// How a `$ref` in the position `at` is followed.
fn refs(at: Position) -> Refs {
    use Position::*;
    match at {
        Schema => Refs::Hoist,
        PathItem | Operation | Parameter | RequestBody | Response | Header | MediaType
        | SecurityScheme | Text => Refs::Inline,
        Info | Server | Tag | ExternalDocs | Encoding | Components | SecurityRequirement
        | Discriminator => Refs::Tolerated,
        Document | Responses => Refs::Kept,
    }
}

/// Whether the walk goes into the keys of a mapping in the position `at`; if not, the
/// mapping is copied as written (`openapiv3` reads it, the generator uses it as it is).
fn walks_keys(at: Position) -> bool {
    use Position::*;
    !matches!(
        at,
        Info | Server | ExternalDocs | SecurityRequirement | Text
    )
}

/// Whether the `x-` extension `name` in the position `at` is left out. The generator
/// reads none below the root (the document's own are options, such as
/// `x-rust-token-env`) but an operation's `x-rust-` ones (`x-rust-pagination`); tags and
/// discriminators are copied with theirs.
fn drops_extension(at: Position, name: &str) -> bool {
    use Position::*;
    match at {
        Document | Tag | Discriminator => false,
        Operation => !name.starts_with("x-rust-"),
        _ => true,
    }
}

/// Whether `path`, a key of `paths`, lacks its leading `/` and can take it: no other
/// key of `paths` is `/path`. (If one is, the error of [`Bundler::check_entry_key`]
/// skips this one.)
fn slash_missing(paths: &Mapping, path: &str) -> bool {
    !path.starts_with('/') && !paths.contains_key(format!("/{path}").as_str())
}

/// Whether the key `name` of a mapping in the position `at` (inside `parent`) is left
/// out: what the generator never uses (examples, links), so that files only they refer
/// to are never read, and what is copied in where it is used (`components.responses`).
fn dropped(at: Position, parent: Position, name: &str) -> bool {
    use Position::*;
    match (at, name) {
        (Parameter | Header | MediaType, "example" | "examples") => true,
        (Response, "links") => true,
        (Schema, "example" | "examples" | "externalDocs" | "xml") => true,
        // Encodings say how request bodies are sent (OpenAPI: they "SHALL only apply to
        // requestBody objects").
        (Parameter | Header, "encoding") => true,
        (MediaType, "encoding") => parent != RequestBody,
        // Schemas are hoisted, the other sections copied in where they are used.
        (Components, name) => name != "schemas" && name != "securitySchemes",
        _ => false,
    }
}

/// What `null` is read as where `holds` says parts are (`parameters:` or
/// `application/json:` with nothing after it: its items commented out, say): `{}` for a
/// schema (any value) or a media type (a body of that type whose schema is not given),
/// which says as little; otherwise nothing, as if the key or item were not there.
fn null_read_as(holds: Holds) -> Option<Value> {
    matches!(holds, Holds::One(Position::Schema | Position::MediaType))
        .then(|| Value::Mapping(Mapping::new()))
}

/// An empty mapping, for an empty list read as one (see [`Bundler::read_empty_list`]).
static EMPTY_MAPPING: std::sync::LazyLock<Value> =
    std::sync::LazyLock::new(|| Value::Mapping(Mapping::new()));

/// Whether a response or request body gives a `schema` and no `content` (one pass over
/// its few keys, no hashing: every response comes here).
fn gives_schema_itself(map: &Mapping) -> bool {
    let (mut schema, mut content) = (false, false);
    for key in map.keys() {
        schema |= key.as_str() == Some("schema");
        content |= key.as_str() == Some("content");
    }
    schema && !content
}

pub(super) fn is_empty_list(value: &Value) -> bool {
    value.as_sequence().is_some_and(Vec::is_empty)
}

/// Why the tag `tag` has no name, if it has none.
fn nameless(tag: &Value) -> Option<String> {
    match tag.get("name") {
        Some(Value::String(_)) => None,
        Some(name) => Some(format!(
            "the tag's `name` must be a string, found {}",
            describe_value(name)
        )),
        None => Some("the tag has no `name`".to_owned()),
    }
}

/// Whether a `$ref` object has other keys than `$ref`.
fn has_siblings(value: &Value) -> bool {
    value.as_mapping().is_some_and(|map| map.len() > 1)
}

/// A 3.1 Reference Object's `summary` and `description` override its target's.
fn override_summary(reference: &Value, walked: &mut Value) {
    let (Some(reference), Some(walked)) = (reference.as_mapping(), walked.as_mapping_mut()) else {
        return;
    };
    for key in ["summary", "description"] {
        if let Some(text @ Value::String(_)) = reference.get(key)
            && !walked.contains_key("$ref")
            && (key == "description" || walked.contains_key(key))
        {
            walked.insert(Value::from(key), text.clone());
        }
    }
}

/// Whether a schema (given as its mapping) is `type: integer`.
fn is_integer(schema: &Mapping) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("integer")
}

/// A `$ref` to the hoisted schema `key`.
fn ref_value(key: &str) -> Value {
    let mut map = Mapping::with_capacity(1);
    map.insert(Value::from("$ref"), Value::from(schema_ref(key)));
    Value::Mapping(map)
}

/// The `i64` a number with no fractional part stands for (`1.0`).
fn whole_number(value: &Value) -> Option<i64> {
    let number = value.as_f64()?;
    // Beyond 2^53 a float is no longer every integer; i64::MAX as f64 rounds up.
    let fits = number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0;
    fits.then_some(number as i64)
}

/// Whether a number fits `i64` (anything else is not a number: `openapiv3` says so).
fn fits_i64(value: &Value) -> bool {
    match value {
        Value::Number(number) => number.as_i64().is_some(),
        _ => true,
    }
}
