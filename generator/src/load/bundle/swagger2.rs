//! Swagger 2.0 habits in an OpenAPI 3 document, read as they are meant.
//!
//! Specs converted from Swagger 2.0 by hand keep some of its forms, each with one
//! clear meaning in OpenAPI 3. Each is rewritten into that form while bundling, with a
//! warning at its place; before, each cost an operation or a security scheme, or was
//! lost without a word (a response's `schema`):
//!
//! - a parameter or header that gives its type itself (`type`, `format`, `items`,
//!   `enum`, … beside `name` and `in`), where OpenAPI 3 puts those in its `schema`; its
//!   `collectionFormat` becomes the `style` and `explode` that send a list the same way;
//! - a security scheme of `type: basic`, which OpenAPI 3 writes `type: http` with
//!   `scheme: basic`;
//! - an OAuth 2 scheme with one `flow` and its URLs and scopes beside it, which OpenAPI 3
//!   writes as `flows: {<flow>: {…}}` (Swagger's `application` and `accessCode` flows
//!   are OpenAPI 3's `clientCredentials` and `authorizationCode`);
//! - an operation's one `in: body` parameter, which OpenAPI 3 writes as its
//!   `requestBody`, and its `in: formData` parameters, which OpenAPI 3 writes as the
//!   properties of a form `requestBody`;
//! - a response's `schema`, which OpenAPI 3 writes in its `content` (and a request
//!   body's, the same mistake in an OpenAPI 3 part).
//!
//! Bodies take the media types of Swagger's `consumes` (the operation's, else the
//! document's), responses those of its `produces`; JSON when there are none (a form's
//! are `application/x-www-form-urlencoded`, or `multipart/form-data` when a field is a
//! file). A `body` or `formData` parameter of an operation that has a `requestBody` too,
//! or of a path item (shared by its operations), is not rewritten: the operation is
//! skipped, and its error says why.

use serde_yaml::{Mapping, Value};

use super::Bundler;
use super::walk::is_empty_list;
use crate::diagnostics::{child, escape_token};
use crate::load::pointer::describe_value;
use crate::load::position::Position;

/// The keywords Swagger 2.0 gives a parameter or header directly, which OpenAPI 3 gives
/// its `schema`.
const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The media types of Swagger 2.0's `consumes` and `produces` in force: the operation's,
/// else the document's.
#[derive(Clone, Debug, Default)]
pub(super) struct MediaTypes {
    consumes: Option<Vec<String>>,
    produces: Option<Vec<String>>,
}

impl MediaTypes {
    /// Takes in the `consumes` and `produces` of `map`, a mapping in the position `at`
    /// (the document or an operation), if it has any; returns what was in force before,
    /// to be put back once `map` is walked.
    pub(super) fn enter(&mut self, at: Position, map: &Mapping) -> Option<Self> {
        let says = map
            .keys()
            .any(|key| matches!(key.as_str(), Some("consumes" | "produces")));
        if !matches!(at, Position::Document | Position::Operation) || !says {
            return None;
        }
        let inner = Self {
            consumes: listed(map.get("consumes")).or_else(|| self.consumes.clone()),
            produces: listed(map.get("produces")).or_else(|| self.produces.clone()),
        };
        Some(std::mem::replace(self, inner))
    }

    /// What a body is sent as: `consumes`, or JSON.
    fn consumes(&self) -> Vec<String> {
        self.consumes.clone().unwrap_or_else(json)
    }

    /// What a response is read as: `produces`, or JSON.
    fn produces(&self) -> Vec<String> {
        self.produces.clone().unwrap_or_else(json)
    }
}

/// The media types listed in `value`, if it is a list of them.
fn listed(value: Option<&Value>) -> Option<Vec<String>> {
    let types = value?.as_sequence()?;
    let types: Option<Vec<String>> = types
        .iter()
        .map(|media_type| media_type.as_str().map(str::to_owned))
        .collect();
    types.filter(|types| !types.is_empty())
}

fn json() -> Vec<String> {
    vec!["application/json".to_owned()]
}

/// A parameter or header written as Swagger 2.0 writes it, taken apart.
pub(super) struct InlineSchema {
    /// Its fields that OpenAPI 3 keeps (`name`, `in`, `description`, …).
    rest: Mapping,
    /// The keywords of its schema, in the order written.
    schema: Mapping,
    /// Its `collectionFormat`, if any.
    collection_format: Option<Value>,
}

impl InlineSchema {
    /// `map` (a parameter or header) taken apart, if it has no `schema` or `content` but
    /// gives its type itself.
    pub(super) fn of(map: &Mapping) -> Option<Self> {
        // Scans of the few keys, no hashing: every parameter and header comes here, and
        // nearly all have a `schema`.
        let has = |names: &[&str]| {
            map.keys()
                .any(|key| key.as_str().is_some_and(|key| names.contains(&key)))
        };
        if has(&["schema", "content"]) || !has(&SCHEMA_KEYWORDS) {
            return None;
        }
        let mut inline = Self {
            rest: Mapping::new(),
            schema: Mapping::new(),
            collection_format: None,
        };
        for (key, value) in map {
            match key.as_str() {
                Some(keyword) if SCHEMA_KEYWORDS.contains(&keyword) => {
                    inline.schema.insert(key.clone(), value.clone());
                }
                Some("collectionFormat") => inline.collection_format = Some(value.clone()),
                _ => {
                    inline.rest.insert(key.clone(), value.clone());
                }
            }
        }
        Some(inline)
    }
}

impl Bundler<'_> {
    /// Walks a parameter or header (in the position `at`) written as Swagger 2.0 writes
    /// it: its schema keywords are walked as its `schema`, placed where the file has
    /// them, and its `collectionFormat` becomes a style.
    pub(super) fn walk_inline_schema(
        &mut self,
        at: Position,
        parent: Position,
        inline: InlineSchema,
    ) -> Value {
        let InlineSchema {
            rest,
            schema,
            collection_format,
        } = inline;
        let keywords: Vec<String> = schema
            .keys()
            .filter_map(|key| key.as_str().map(|key| format!("`{key}`")))
            .collect();
        let (keywords, verb) = match keywords.len() {
            1 => (keywords.concat(), "belongs"),
            _ => (keywords.join(", "), "belong"),
        };
        let noun = noun(at);
        self.warn(format!(
            "{keywords} {verb} in the {noun}'s `schema` (Swagger 2.0 gave {noun}s their type \
             directly); read as its `schema`"
        ));
        let mut out = self.walk_keys(at, parent, &rest);
        let file = self.cursor.file.clone();
        let pointer = self.cursor.pointer.clone();
        let schema_out = child(&self.cursor.out, "schema");
        let schema = Value::Mapping(schema);
        let schema = self.relocate(file, pointer, schema_out, |b| {
            b.walk(Position::Schema, at, &schema)
        });
        out.insert(Value::from("schema"), schema);
        if let Some(format) = collection_format {
            self.descend("collectionFormat", |b| {
                b.collection_format(at, &format, &mut out)
            });
        }
        self.complete(at, &mut out);
        Value::Mapping(out)
    }

    /// Gives `out` (a parameter or header in the position `at`) the `style` and
    /// `explode` that send a list as the Swagger 2.0 `collectionFormat` `format` says,
    /// unless it has a style already.
    fn collection_format(&mut self, at: Position, format: &Value, out: &mut Mapping) {
        if out.contains_key("style") || out.contains_key("explode") {
            self.warn("`collectionFormat` is Swagger 2.0, and the `style` given is used");
            return;
        }
        let location = match at {
            Position::Header => "header",
            _ => out.get("in").and_then(Value::as_str).unwrap_or_default(),
        };
        let text = match format.as_str() {
            Some(text) => text.to_owned(),
            None => describe_value(format),
        };
        let style = match (text.as_str(), location) {
            ("csv", "query" | "cookie") => Some(("form", false)),
            ("csv", "path" | "header") => Some(("simple", false)),
            ("multi", "query" | "cookie") => Some(("form", true)),
            ("ssv", "query") => Some(("spaceDelimited", false)),
            ("pipes", "query") => Some(("pipeDelimited", false)),
            _ => None,
        };
        match style {
            Some((style, explode)) => {
                out.insert(Value::from("style"), Value::from(style));
                out.insert(Value::from("explode"), Value::Bool(explode));
                self.warn(format!(
                    "`collectionFormat: {text}` is Swagger 2.0; read as `style: {style}` with \
                     `explode: {explode}`, which send a list the same way"
                ));
            }
            None => self.warn(format!(
                "`collectionFormat: {text}` has no OpenAPI 3 style in a {location} {}: it is \
                 ignored, and a list is sent in the default style",
                noun(at),
            )),
        }
    }

    /// Rewrites the security scheme `out` if Swagger 2.0 wrote it: `type: basic`, or an
    /// OAuth 2 scheme with a single `flow`.
    pub(super) fn swagger2_scheme(&mut self, out: &mut Mapping) {
        match out.get("type").and_then(Value::as_str) {
            Some("basic") => {
                out.insert(Value::from("type"), Value::from("http"));
                if !out.contains_key("scheme") {
                    out.insert(Value::from("scheme"), Value::from("basic"));
                }
                self.descend("type", |b| {
                    b.warn(
                        "`type: basic` is Swagger 2.0; read as OpenAPI 3's `type: http` with \
                         `scheme: basic`",
                    )
                });
            }
            Some("oauth2") if !out.contains_key("flows") => self.swagger2_flow(out),
            _ => {}
        }
    }

    /// Moves a Swagger 2.0 OAuth 2 scheme's `flow`, its URLs and its scopes into
    /// `flows`.
    fn swagger2_flow(&mut self, out: &mut Mapping) {
        let Some(written) = out.get("flow").and_then(Value::as_str).map(str::to_owned) else {
            return;
        };
        let flow = match written.as_str() {
            "implicit" => "implicit",
            "password" => "password",
            "application" => "clientCredentials",
            "accessCode" => "authorizationCode",
            _ => return,
        };
        out.shift_remove("flow");
        let mut fields = Mapping::new();
        for key in ["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"] {
            if let Some(value) = out.shift_remove(key) {
                fields.insert(Value::from(key), value);
                self.moved(&format!("/{key}"), &format!("/flows/{flow}/{key}"));
            }
        }
        // None, or none written as `null` or `[]` (by PHP's JSON encoder).
        let scopes = fields.entry(Value::from("scopes")).or_insert(Value::Null);
        if scopes.is_null() || is_empty_list(scopes) {
            *scopes = Value::Mapping(Mapping::new());
        }
        let mut flows = Mapping::new();
        flows.insert(Value::from(flow), Value::Mapping(fields));
        out.insert(Value::from("flows"), Value::Mapping(flows));
        self.descend("flow", |b| {
            b.warn(format!(
                "`flow: {written}` is Swagger 2.0; read as OpenAPI 3's `flows: {{{flow}: …}}`, \
                 with the scheme's URLs and scopes"
            ))
        });
    }

    /// Rewrites the operation `out`'s Swagger 2.0 `body` and `formData` parameters, if it
    /// has any (see [`Self::swagger2_body`], [`Self::swagger2_form`]).
    pub(super) fn swagger2_parameters(&mut self, out: &mut Mapping) {
        // Every operation comes here, and nearly none has such parameters: scans of a
        // few keys, no hashing.
        let swagger2 = out.iter().any(|(key, parameters)| {
            key.as_str() == Some("parameters")
                && parameters.as_sequence().is_some_and(|parameters| {
                    parameters
                        .iter()
                        .any(|parameter| matches!(location(parameter), Some("body" | "formData")))
                })
        });
        if swagger2 {
            self.swagger2_body(out);
            self.swagger2_form(out);
        }
    }

    /// Makes the one `in: body` parameter of the operation `out` its `requestBody`, if
    /// it has no other.
    fn swagger2_body(&mut self, out: &mut Mapping) {
        let Some(parameters) = parameters_for_body(out) else {
            return;
        };
        let is_body = |parameter: &Value| location(parameter) == Some("body");
        let mut bodies = (0..parameters.len()).filter(|&index| is_body(&parameters[index]));
        let (Some(index), None) = (bodies.next(), bodies.next()) else {
            return;
        };
        let Value::Mapping(parameter) = parameters.remove(index) else {
            return;
        };
        let count = parameters.len();
        if count == 0 {
            out.shift_remove("parameters");
        }
        let media_types = self.media_types.consumes();
        let schema = parameter.get("schema").cloned().unwrap_or_default();
        let mut body = Mapping::new();
        for key in ["description", "required"] {
            if let Some(value) = parameter.get(key) {
                body.insert(Value::from(key), value.clone());
            }
        }
        body.insert(Value::from("content"), content(&media_types, schema));
        out.insert(Value::from("requestBody"), Value::Mapping(body));
        // The parts keep their places in the file: the schema's under the first media
        // type (the others' are copies), the later parameters' one index lower.
        self.moved(
            &format!("/parameters/{index}/schema"),
            &format!(
                "/requestBody/content/{}/schema",
                escape_token(&media_types[0])
            ),
        );
        self.moved(&format!("/parameters/{index}"), "/requestBody");
        for later in index + 1..=count {
            self.moved(
                &format!("/parameters/{later}"),
                &format!("/parameters/{}", later - 1),
            );
        }
        self.descend("parameters", |b| {
            b.descend(&index.to_string(), |b| {
                b.warn(format!(
                    "`in: body` is Swagger 2.0; the parameter is read as the operation's \
                     `requestBody` ({})",
                    media_types.join(", ")
                ))
            })
        });
    }

    /// Makes the `in: formData` parameters of the operation `out` the properties of its
    /// `requestBody`, a form, if it has no other.
    fn swagger2_form(&mut self, out: &mut Mapping) {
        let Some(parameters) = parameters_for_body(out) else {
            return;
        };
        let in_form = |parameter: &Value| location(parameter) == Some("formData");
        if !parameters.iter().any(in_form) {
            return;
        }
        let mut properties = Mapping::new();
        let mut required = Vec::new();
        let mut has_file = false;
        // The form's fields (index in the file, name), and the other parameters' places
        // (index in the file, index afterwards).
        let mut fields = Vec::new();
        let mut places = Vec::new();
        let mut kept = Vec::new();
        for (index, parameter) in std::mem::take(parameters).into_iter().enumerate() {
            if !in_form(&parameter) {
                places.push((index, kept.len()));
                kept.push(parameter);
                continue;
            }
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let mut schema = match parameter.get("schema") {
                Some(Value::Mapping(schema)) => schema.clone(),
                _ => Mapping::new(),
            };
            if schema.get("type").and_then(Value::as_str) == Some("file") {
                schema.insert(Value::from("type"), Value::from("string"));
                schema.insert(Value::from("format"), Value::from("binary"));
                has_file = true;
            }
            if let Some(description) = parameter.get("description") {
                schema.insert(Value::from("description"), description.clone());
            }
            if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::from(name.as_str()));
            }
            fields.push((index, name.clone()));
            properties.insert(Value::from(name), Value::Mapping(schema));
        }
        let emptied = kept.is_empty();
        *parameters = kept;
        if emptied {
            out.shift_remove("parameters");
        }
        let forms = ["application/x-www-form-urlencoded", "multipart/form-data"];
        let media_type = self
            .media_types
            .consumes()
            .into_iter()
            .find(|media_type| forms.contains(&media_type.as_str()))
            .unwrap_or_else(|| forms[usize::from(has_file)].to_owned());
        let mut schema = Mapping::new();
        schema.insert(Value::from("type"), Value::from("object"));
        schema.insert(Value::from("properties"), Value::Mapping(properties));
        let has_required = !required.is_empty();
        if has_required {
            schema.insert(Value::from("required"), Value::Sequence(required));
        }
        let mut body = Mapping::new();
        if has_required {
            body.insert(Value::from("required"), Value::Bool(true));
        }
        body.insert(
            Value::from("content"),
            content(std::slice::from_ref(&media_type), Value::Mapping(schema)),
        );
        out.insert(Value::from("requestBody"), Value::Mapping(body));
        // Each field keeps its place in the file: a property's schema is the
        // parameter's, the other parameters move up.
        let properties = format!(
            "/requestBody/content/{}/schema/properties",
            escape_token(&media_type)
        );
        for (index, name) in &fields {
            let property = child(&properties, name);
            self.moved(&format!("/parameters/{index}/schema"), &property);
            self.moved(&format!("/parameters/{index}"), &property);
        }
        for (from, to) in places.into_iter().filter(|(from, to)| from != to) {
            self.moved(&format!("/parameters/{from}"), &format!("/parameters/{to}"));
        }
        let (first, _) = fields[0];
        self.descend("parameters", |b| {
            b.descend(&first.to_string(), |b| {
                b.warn(format!(
                    "`in: formData` is Swagger 2.0; the operation's form parameters ({}) are \
                     read as the properties of its `requestBody` ({media_type})",
                    fields
                        .iter()
                        .map(|(_, name)| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        });
    }

    /// Walks a response or request body (`map`, in the position `at` inside `parent`)
    /// that gives its `schema` itself: a response as Swagger 2.0 did, a request body as
    /// a parameter does. The schema is walked as its `content`'s, one for each media type
    /// the operation `produces` or `consumes` (JSON when it says none).
    pub(super) fn walk_schema_as_content(
        &mut self,
        at: Position,
        parent: Position,
        map: &Mapping,
    ) -> Value {
        let mut rest = map.clone();
        let schema = rest.shift_remove("schema").unwrap_or_default();
        // Swagger 2.0's examples by media type: the generator reads no examples.
        rest.shift_remove("examples");
        let (media_types, why) = match at {
            Position::Response => (self.media_types.produces(), "is Swagger 2.0"),
            _ => (
                self.media_types.consumes(),
                "belongs in its `content`, by media type",
            ),
        };
        let mut out = self.walk_keys(at, parent, &rest);
        let file = self.cursor.file.clone();
        let pointer = child(&self.cursor.pointer, "schema");
        let first = format!(
            "{}/content/{}/schema",
            self.cursor.out,
            escape_token(&media_types[0])
        );
        let schema = self.relocate(file, pointer, first, |b| {
            b.walk(Position::Schema, Position::MediaType, &schema)
        });
        out.insert(Value::from("content"), content(&media_types, schema));
        let noun = match at {
            Position::Response => "response",
            _ => "request body",
        };
        self.descend("schema", |b| {
            b.warn(format!(
                "a {noun}'s `schema` {why}; read as its `content` ({})",
                media_types.join(", ")
            ))
        });
        self.complete(at, &mut out);
        Value::Mapping(out)
    }
}

/// The operation `out`'s parameters, if it has no `requestBody` that Swagger's body or
/// form parameters would clash with.
fn parameters_for_body(out: &mut Mapping) -> Option<&mut Vec<Value>> {
    if out.contains_key("requestBody") {
        return None;
    }
    match out.get_mut("parameters") {
        Some(Value::Sequence(parameters)) => Some(parameters),
        _ => None,
    }
}

/// A parameter's `in`, found by a scan of its few keys.
fn location(parameter: &Value) -> Option<&str> {
    let parameter = parameter.as_mapping()?;
    parameter
        .iter()
        .find_map(|(key, value)| (key.as_str() == Some("in")).then_some(value))?
        .as_str()
}

/// A `content` mapping: `schema` for each of `media_types`.
fn content(media_types: &[String], schema: Value) -> Value {
    let mut content = Mapping::new();
    for media_type in media_types {
        let mut entry = Mapping::new();
        entry.insert(Value::from("schema"), schema.clone());
        content.insert(Value::from(media_type.as_str()), Value::Mapping(entry));
    }
    Value::Mapping(content)
}

/// What a parameter or header (in the position `at`) is called in a message.
pub(super) fn noun(at: Position) -> &'static str {
    match at {
        Position::Header => "header",
        _ => "parameter",
    }
}

#[cfg(test)]
mod tests {
    use crate::MemoryReader;
    use crate::load::load;

    /// What the spec with these `paths` and `components` reads to: the document, and the
    /// messages of its warnings. Nothing may be skipped.
    fn read(paths_and_components: &str) -> (openapiv3::OpenAPI, Vec<String>) {
        let text =
            format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{paths_and_components}");
        let reader = MemoryReader::new([("api.yaml", text)]);
        let loaded = match load(&reader, "api.yaml") {
            Ok(loaded) => loaded,
            Err(errors) => panic!("the spec does not load: {errors:?}"),
        };
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        let warnings = loaded.warnings.into_iter().map(|w| w.message).collect();
        (loaded.spec, warnings)
    }

    const SWAGGER_2_FORMS: &str = "
produces: [application/xml]
paths:
  /things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, type: integer, format: int64, minimum: 1}
        - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: csv}
        - {name: ids, in: query, type: array, items: {$ref: '#/components/schemas/Id'}, collectionFormat: multi}
        - {name: X-Ids, in: header, type: array, items: {type: string}, collectionFormat: csv}
      responses:
        '200':
          description: OK
          headers:
            X-Rate-Limit: {type: integer, format: int32, description: calls per hour}
    put:
      consumes: [application/json, text/plain]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: thing, in: body, required: true, description: the thing, schema: {$ref: '#/components/schemas/Id'}}
        - {name: force, in: query, type: boolean}
      responses:
        '204': {description: Replaced}
    post:
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: picture, in: formData, type: file, required: true, description: a picture}
        - {name: force, in: query, type: boolean}
        - {name: caption, in: formData, type: string}
      responses:
        '201':
          description: Created
          schema: {$ref: '#/components/schemas/Id'}
          headers:
            Location: {type: string}
components:
  schemas:
    Id: {type: string, format: uuid}
  securitySchemes:
    basic: {type: basic, description: a user and a password}
    oauth:
      type: oauth2
      flow: application
      tokenUrl: https://example.com/token
      scopes: {read: read things}
";

    const OPENAPI_3_FORMS: &str = "
paths:
  /things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, format: int64, minimum: 1}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}, style: form, explode: false}
        - {name: ids, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Id'}}, style: form, explode: true}
        - {name: X-Ids, in: header, schema: {type: array, items: {type: string}}, style: simple, explode: false}
      responses:
        '200':
          description: OK
          headers:
            X-Rate-Limit: {schema: {type: integer, format: int32}, description: calls per hour}
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: force, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        description: the thing
        content:
          application/json: {schema: {$ref: '#/components/schemas/Id'}}
          text/plain: {schema: {$ref: '#/components/schemas/Id'}}
      responses:
        '204': {description: Replaced}
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: force, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                picture: {type: string, format: binary, description: a picture}
                caption: {type: string}
              required: [picture]
      responses:
        '201':
          description: Created
          headers:
            Location: {schema: {type: string}}
          content:
            application/xml: {schema: {$ref: '#/components/schemas/Id'}}
components:
  schemas:
    Id: {type: string, format: uuid}
  securitySchemes:
    basic: {type: http, scheme: basic, description: a user and a password}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://example.com/token
          scopes: {read: read things}
";

    #[test]
    fn swagger_2_forms_read_as_openapi_3_writes_them() {
        let (swagger, warnings) = read(SWAGGER_2_FORMS);
        let (openapi, none) = read(OPENAPI_3_FORMS);
        assert_eq!(swagger, openapi);
        assert_eq!(none, Vec::<String>::new());
        // One for each parameter that gives its type and each header, three for the
        // collection formats, one for the body, one for the form, one for the response's
        // schema, one for each scheme.
        assert_eq!(warnings.len(), 20, "{warnings:#?}");
    }

    #[test]
    fn a_collection_format_without_an_openapi_3_style_is_left_out() {
        let (spec, warnings) = read(
            "paths:\n  /a:\n    get:\n      parameters:\n        - {name: a, in: path, \
             required: true, type: array, items: {type: string}, collectionFormat: pipes}\n      \
             responses: {'200': {description: OK}}\n",
        );
        let operation = spec.paths.paths["/a"]
            .as_item()
            .and_then(|item| item.get.as_ref());
        let parameter = operation.map(|operation| &operation.parameters[0]);
        let Some(openapiv3::ReferenceOr::Item(openapiv3::Parameter::Path { style, .. })) =
            parameter
        else {
            panic!("not a path parameter: {parameter:?}");
        };
        assert_eq!(*style, openapiv3::PathStyle::Simple);
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("`collectionFormat: pipes` has no OpenAPI 3 style")),
            "{warnings:#?}"
        );
    }
}
