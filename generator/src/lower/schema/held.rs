//! Names for shared copies of untitled inline schemas, in a document without component
//! schemas (see `copies`). Such a copy has no title to be named after, and its first
//! place would name it as any inline schema (`GetServersResponseServersItem`). But
//! where it is held by one property key in every place, the key is what the document
//! calls it: `server` names `Server`, and the items of `prices` name `PricesItem`.
//! Where the items of `load_balancers` and the value of `load_balancer` are one schema
//! (a listing, and a single load balancer's answer), it is a `LoadBalancer`: the
//! document spells both. The key's name is given only where it is unambiguous:
//!
//! - the copy is met in more than one place: a schema met once keeps its place's name,
//!   which begins with its owner's (`ServerPublicNet`);
//! - the key holds nothing else anywhere in the document (hetzner.cloud's `server` is a
//!   server in one place and `{id}` in others: neither is `Server`);
//! - no title gives the name (GitHub's `check_suite` is not `CheckSuite`: the schema
//!   titled "Check Suite" is);
//! - it is not a string enum: a key alone (`status`, `type`) names the owner's field
//!   more often than a type of the API;
//! - the key is not an envelope's (`data`, `properties`: see [`ENVELOPES`]);
//! - lowering finds the name free, and not one the generated crate's own types make
//!   suffixed (`error` does not name `ErrorModel`).
//!
//! The places are counted before lowering, as lowering will meet them: the schemas
//! within a shared copy are met once, in the first copy, and an untitled body's in
//! each body, as each body is its operation's own type.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Callback, Header, MediaType, OpenAPI, Parameter,
    ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Response, Schema,
};

use super::copies::shape;
use super::{SchemaRef, View};
use crate::lower::resolve::MAX_DEPTH;
use crate::names::{self, RustName};

/// Where a schema is met.
#[derive(Clone, Copy)]
enum Place<'s> {
    /// A parameter's, a header's or a body's own schema.
    Own,
    /// The value of a property with this key.
    Property(&'s str),
    /// The items of an array that is the value of a property with this key.
    Items(&'s str),
    /// A member, additional properties, or items of anything else.
    Other,
}

impl Place<'_> {
    /// The name a key gives what it holds: `server` → `Server`, the items of `prices`
    /// → `PricesItem` (as an item's name is made from its place's); none for an
    /// envelope's key ([`ENVELOPES`]).
    fn key_name(self) -> Option<RustName> {
        match self {
            Place::Property(key) | Place::Items(key)
                if ENVELOPES.contains(&key.to_ascii_lowercase().as_str()) =>
            {
                None
            }
            Place::Property(key) => Some(names::type_name(key)),
            Place::Items(key) => Some(names::type_name(&format!("{key}Item"))),
            Place::Own | Place::Other => None,
        }
    }
}

/// What the places of one shape have been so far.
enum Held {
    /// Each the value of a key or its items, in `places` places: the key of the values
    /// (`server`) and the key of the items (`servers`), where there are any. One of each
    /// at most: a shape held by two keys is [`Held::Unnamed`].
    Keys {
        value_of: Option<String>,
        items_of: Option<String>,
        places: usize,
    },
    /// Named by no key: titled (named after the title), a string enum, held by several
    /// keys, or met where no key holds it. Its copies are still met only once.
    Unnamed,
}

impl Held {
    /// The places of an untitled schema that is not a string enum, the first at `place`.
    fn first(place: Place<'_>) -> Self {
        let mut held = Held::Keys {
            value_of: None,
            items_of: None,
            places: 0,
        };
        held.add(place);
        held
    }

    /// Counts one more place.
    fn add(&mut self, place: Place<'_>) {
        let Held::Keys {
            value_of,
            items_of,
            places,
        } = self
        else {
            return;
        };
        let (slot, key) = match place {
            Place::Property(key) => (value_of, key),
            Place::Items(key) => (items_of, key),
            Place::Own | Place::Other => return *self = Held::Unnamed,
        };
        match slot {
            Some(before) if before != key => *self = Held::Unnamed,
            _ => {
                *slot = Some(key.to_owned());
                *places += 1;
            }
        }
    }

    /// The name the keys give: one key's (`Server`, `PricesItem`), or, where the values
    /// of `server` and the items of `servers` are the same schema, the singular key's:
    /// the document spells both. The key of the name must hold nothing else (the items
    /// of `servers` may be IDs elsewhere).
    fn name(&self) -> Option<RustName> {
        let Held::Keys {
            value_of,
            items_of,
            places,
        } = self
        else {
            return None;
        };
        if *places < 2 {
            return None;
        }
        match (value_of.as_deref(), items_of.as_deref()) {
            (Some(key), None) => Place::Property(key).key_name(),
            (None, Some(key)) => Place::Items(key).key_name(),
            (Some(one), Some(many)) if names::is_plural(many, one) => {
                Place::Property(one).key_name()
            }
            _ => None,
        }
    }
}

/// Keys that say where something sits in a response's envelope, not what it is: JSON:API's
/// `data` and `attributes`, Azure's `properties` and OData's `value`, and the like. Named
/// after them, Azure's diagnostic settings would be `Properties`; from their place they
/// are `DiagnosticCreateOrUpdateBodyProperties`.
const ENVELOPES: &[&str] = &[
    "attributes",
    "body",
    "content",
    "data",
    "items",
    "payload",
    "properties",
    "result",
    "results",
    "value",
    "values",
];

/// The name each shape of an untitled inline schema is given by the key it is held
/// under (see the module's docs); in a document without component schemas only.
pub(in crate::lower) fn held_names(
    spec: &OpenAPI,
    webhooks: &IndexMap<String, ReferenceOr<PathItem>>,
) -> HashMap<String, RustName> {
    let mut walk = Walk::default();
    for item in spec.paths.paths.values().chain(webhooks.values()) {
        if let ReferenceOr::Item(item) = item {
            walk.path_item(item);
        }
    }
    if let Some(components) = &spec.components {
        for parameter in components.parameters.values() {
            walk.parameter(parameter);
        }
        for body in components.request_bodies.values() {
            walk.request_body(body);
        }
        for response in components.responses.values() {
            walk.response(response);
        }
        for header in components.headers.values() {
            walk.header(header);
        }
        for callback in components.callbacks.values() {
            if let ReferenceOr::Item(callback) = callback {
                walk.callback(callback, 0);
            }
        }
    }
    let Walk { held, keys, titles } = walk;
    // The key holds this shape alone, and no title gives its name.
    let unambiguous = |name: &RustName, shape: &String| {
        keys.get(name)
            .is_some_and(|one| one.as_ref() == Some(shape))
            && !titles.contains(name)
    };
    held.into_iter()
        .filter_map(|(shape, held)| {
            let name = held.name()?;
            unambiguous(&name, &shape).then_some((shape, name))
        })
        .collect()
}

#[derive(Default)]
struct Walk {
    held: HashMap<String, Held>,
    /// The name each key gives, and the shape of what it holds wherever it is met;
    /// `None` where it holds several, or anything not shared (a string, a list).
    keys: HashMap<RustName, Option<String>>,
    /// The names titles give: a key does not take one from a title.
    titles: HashSet<RustName>,
}

impl Walk {
    fn path_item(&mut self, item: &PathItem) {
        self.path_item_within(item, 0);
    }

    /// A path item, `depth` callbacks deep (callbacks hold path items).
    fn path_item_within(&mut self, item: &PathItem, depth: usize) {
        for parameter in &item.parameters {
            self.parameter(parameter);
        }
        for (_, operation) in item.iter() {
            for parameter in &operation.parameters {
                self.parameter(parameter);
            }
            if let Some(body) = &operation.request_body {
                self.request_body(body);
            }
            let responses = &operation.responses;
            for response in responses.default.iter().chain(responses.responses.values()) {
                self.response(response);
            }
            for callback in operation.callbacks.values() {
                self.callback(callback, depth + 1);
            }
        }
    }

    fn callback(&mut self, callback: &Callback, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for item in callback.values() {
            self.path_item_within(item, depth);
        }
    }

    fn parameter(&mut self, parameter: &ReferenceOr<Parameter>) {
        if let ReferenceOr::Item(parameter) = parameter {
            self.schema_or_content(&parameter.parameter_data_ref().format);
        }
    }

    fn header(&mut self, header: &ReferenceOr<Header>) {
        if let ReferenceOr::Item(header) = header {
            self.schema_or_content(&header.format);
        }
    }

    fn schema_or_content(&mut self, format: &ParameterSchemaOrContent) {
        match format {
            ParameterSchemaOrContent::Schema(schema) => self.schema(schema.into(), Place::Own, 0),
            ParameterSchemaOrContent::Content(content) => self.content(content),
        }
    }

    fn request_body(&mut self, body: &ReferenceOr<RequestBody>) {
        if let ReferenceOr::Item(body) = body {
            self.content(&body.content);
        }
    }

    fn response(&mut self, response: &ReferenceOr<Response>) {
        if let ReferenceOr::Item(response) = response {
            for header in response.headers.values() {
                self.header(header);
            }
            self.content(&response.content);
        }
    }

    fn content(&mut self, content: &IndexMap<String, MediaType>) {
        for media in content.values() {
            if let Some(schema) = &media.schema {
                self.schema(schema.into(), Place::Own, 0);
            }
        }
    }

    /// The places in an inline schema; a `$ref` is not a copy, and is not followed.
    fn schema(&mut self, schema: SchemaRef<'_>, place: Place<'_>, depth: usize) {
        if let SchemaRef::Item(schema) = schema {
            self.item(schema, place, depth);
        }
    }

    /// Counts the place of `schema` if it is shared, then, unless a copy of it was met
    /// before, the places within it.
    fn item(&mut self, schema: &Schema, place: Place<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let view = View::of(schema);
        let title = view.title();
        let titled = title.is_some();
        if let Some(title) = title {
            self.titles.insert(names::type_name(title));
        }
        // An untitled body, parameter or header is its operation's own type.
        let shared = view.needs_name() && (titled || !matches!(place, Place::Own));
        let shape = shared.then(|| shape(schema)).flatten();
        if let Some(key) = place.key_name() {
            let held = self.keys.entry(key).or_insert_with(|| shape.clone());
            if *held != shape {
                *held = None;
            }
        }
        if let Some(shape) = shape {
            match self.held.get_mut(&shape) {
                Some(held) => {
                    held.add(place);
                    return;
                }
                None => {
                    // A key names an enum's field (`status`, `type`) more often than a
                    // type of the API: only objects, unions and `allOf`s are named after
                    // keys.
                    let held = match titled || view.is_named_enum() {
                        true => Held::Unnamed,
                        false => Held::first(place),
                    };
                    self.held.insert(shape, held);
                }
            }
        }
        let depth = depth + 1;
        for (key, property) in view.properties.into_iter().flatten() {
            self.schema(property.into(), Place::Property(key), depth);
        }
        if let Some(items) = view.items {
            let place = match place {
                Place::Property(key) => Place::Items(key),
                _ => Place::Other,
            };
            self.schema(items.into(), place, depth);
        }
        if let Some(AdditionalProperties::Schema(additional)) = view.additional {
            self.schema(additional.as_ref().into(), Place::Other, depth);
        }
        for member in view.all_of.iter().chain(view.one_of).chain(view.any_of) {
            self.schema(member.into(), Place::Other, depth);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a document's keys give, by the first property of each named shape.
    fn names_in(yaml: &str, webhooks: &str) -> Vec<(String, String)> {
        let spec: OpenAPI = serde_yaml::from_str(yaml).expect("a document");
        let webhooks = serde_yaml::from_str(webhooks).expect("webhooks");
        let mut names: Vec<(String, String)> = held_names(&spec, &webhooks)
            .into_iter()
            .map(|(shape, name)| {
                let value: serde_json::Value = serde_json::from_str(&shape).expect("json");
                let first = value["properties"]
                    .as_object()
                    .and_then(|properties| properties.keys().next().cloned())
                    .unwrap_or_default();
                (first, name.bare().to_owned())
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_key_names_what_it_holds_in_every_place_and_nothing_else() {
        let spec = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: A.
          content:
            application/json:
              schema:
                type: object
                properties:
                  owner: {type: object, properties: {login: {type: string}}}
                  ref: {type: object, properties: {sha: {type: string}}}
                  state: {type: string, enum: [open, closed]}
                  tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
                  page: {type: object, properties: {next: {type: string}}}
                  policies: {type: array, items: {type: object, properties: {rule: {type: string}}}}
                  data: {type: object, properties: {total: {type: integer}}}
      callbacks:
        done:
          "{$request.body#/url}":
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        owner: {type: object, properties: {login: {type: string}}}
                        ref: {type: object, properties: {sha: {type: string}, url: {type: string}}}
                        state: {type: string, enum: [open, closed]}
                        policy: {type: object, properties: {rule: {type: string}}}
                        data: {type: object, properties: {total: {type: integer}}}
              responses:
                "200": {description: Done.}
"#;
        // The webhook's copies count as places, as the callback's do.
        let webhooks = r#"
hook:
  post:
    requestBody:
      content:
        application/json:
          schema:
            type: object
            properties:
              tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
              page: {type: object, title: Page, properties: {next: {type: string}}}
    responses:
      "200": {description: Received.}
"#;
        // `ref` holds two shapes, `state` an enum, `page` is met once untitled, and
        // `data` is an envelope's key. The items of `policies` and the value of
        // `policy` are one schema: a `Policy`.
        assert_eq!(
            names_in(spec, webhooks),
            [
                ("label".to_owned(), "TagsItem".to_owned()),
                ("login".to_owned(), "Owner".to_owned()),
                ("rule".to_owned(), "Policy".to_owned()),
            ]
        );
    }
}
