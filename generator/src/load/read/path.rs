//! Reading a bundled path item into `openapiv3`'s types without serde's buffering.
//!
//! The same reason as for schemas ([`super::schema`]): `openapiv3`'s path items,
//! operations, responses and media types each keep their `x-` extensions in a flattened
//! field, and a response or request body may be a `$ref` (an untagged enum), so serde
//! copies a path item's whole tree again at each of those levels. Reading path items was
//! most of the reader thread's time. The levels that hold the large parts (path item →
//! operation → request body, responses → response → header or media type → schema) are
//! read here; the small parts (parameters, servers, security, encodings) by serde, one by
//! one. Whatever is not sure is left to serde, for the whole path item.

use indexmap::IndexMap;
use openapiv3::{
    Header, HeaderStyle, MediaType, Operation, ParameterSchemaOrContent, PathItem, ReferenceOr,
    RequestBody, Response, Responses, Schema, StatusCode,
};
use serde_yaml::{Mapping, Value};

use super::schema::reference_or_schema;
use super::values::{by_serde, entries, json, list, optional, reference_or, string};

/// A path item or a `$ref` to one, as `ReferenceOr::<PathItem>::deserialize` reads it;
/// `None` where that is not sure.
pub(super) fn reference_or_path_item(value: &Value) -> Option<ReferenceOr<PathItem>> {
    reference_or(value, path_item)
}

fn path_item(map: &Mapping) -> Option<PathItem> {
    let mut item = PathItem::default();
    let extensions = entries(map, |key, value| {
        let slot = match key {
            "summary" => return set(&mut item.summary, optional(value, string)),
            "description" => return set(&mut item.description, optional(value, string)),
            "servers" => return set(&mut item.servers, by_serde(value)),
            "parameters" => return set(&mut item.parameters, list(value, by_serde)),
            "get" => &mut item.get,
            "put" => &mut item.put,
            "post" => &mut item.post,
            "delete" => &mut item.delete,
            "options" => &mut item.options,
            "head" => &mut item.head,
            "patch" => &mut item.patch,
            "trace" => &mut item.trace,
            _ => return Some(()),
        };
        set(slot, optional(value, operation))
    })?;
    item.extensions = extensions;
    Some(item)
}

/// Puts what was read in `slot`; `None` if nothing was.
fn set<T>(slot: &mut T, read: Option<T>) -> Option<()> {
    *slot = read?;
    Some(())
}

fn operation(value: &Value) -> Option<Operation> {
    let map = value.as_mapping()?;
    let mut operation = Operation::default();
    let mut responses = None;
    let extensions = entries(map, |key, value| match key {
        "tags" => set(&mut operation.tags, list(value, string)),
        "summary" => set(&mut operation.summary, optional(value, string)),
        "description" => set(&mut operation.description, optional(value, string)),
        "externalDocs" => set(&mut operation.external_docs, optional(value, by_serde)),
        "operationId" => set(&mut operation.operation_id, optional(value, string)),
        "parameters" => set(&mut operation.parameters, list(value, by_serde)),
        "requestBody" => set(
            &mut operation.request_body,
            optional(value, |value| reference_or(value, request_body)),
        ),
        "responses" => set(&mut responses, read_responses(value).map(Some)),
        "callbacks" => set(&mut operation.callbacks, by_serde(value)),
        "deprecated" => set(&mut operation.deprecated, value.as_bool()),
        "security" => set(&mut operation.security, optional(value, by_serde)),
        "servers" => set(&mut operation.servers, by_serde(value)),
        _ => Some(()),
    })?;
    // `responses` is required.
    operation.responses = responses?;
    operation.extensions = extensions;
    Some(operation)
}

fn request_body(map: &Mapping) -> Option<RequestBody> {
    let mut body = RequestBody::default();
    let extensions = entries(map, |key, value| match key {
        "description" => set(&mut body.description, optional(value, string)),
        "content" => set(&mut body.content, content(value)),
        "required" => set(&mut body.required, value.as_bool()),
        _ => Some(()),
    })?;
    body.extensions = extensions;
    Some(body)
}

/// `responses`: `default`, the `x-` extensions, and every key that is a status code
/// (others are ignored, as `openapiv3` does). A key that is neither a string nor a status
/// code is left to serde.
fn read_responses(value: &Value) -> Option<Responses> {
    let map = value.as_mapping()?;
    let mut responses = Responses::default();
    for (key, value) in map {
        match key.as_str() {
            Some("default") => {
                responses.default = optional(value, |value| reference_or(value, response))?;
            }
            Some(extension) if extension.starts_with("x-") => {
                responses
                    .extensions
                    .insert(extension.to_owned(), json(value)?);
            }
            // A status code (`200:` is a number in YAML). Other strings are ignored, as
            // `openapiv3` does; other keys are left to serde.
            text => match by_serde::<StatusCode>(key) {
                Some(code) => {
                    responses
                        .responses
                        .insert(code, reference_or(value, response)?);
                }
                None if text.is_some() => {}
                None => return None,
            },
        }
    }
    Some(responses)
}

fn response(map: &Mapping) -> Option<Response> {
    let mut response = Response::default();
    let mut description = None;
    let extensions = entries(map, |key, value| match key {
        "description" => set(&mut description, string(value).map(Some)),
        "headers" => set(&mut response.headers, headers(value)),
        "content" => set(&mut response.content, content(value)),
        "links" => set(&mut response.links, by_serde(value)),
        _ => Some(()),
    })?;
    // `description` is required.
    response.description = description?;
    response.extensions = extensions;
    Some(response)
}

/// A response's `headers`: each a header or a `$ref` to one, by name. Real specs give
/// every response the same few (DigitalOcean's rate limits): thousands in all.
fn headers(value: &Value) -> Option<IndexMap<String, ReferenceOr<Header>>> {
    let map = value.as_mapping()?;
    let mut headers = IndexMap::with_capacity(map.len());
    for (name, header) in map {
        headers.insert(
            name.as_str()?.to_owned(),
            reference_or(header, self::header)?,
        );
    }
    Some(headers)
}

fn header(map: &Mapping) -> Option<Header> {
    let mut description = None;
    let mut style = HeaderStyle::Simple;
    let mut required = false;
    let mut deprecated = None;
    let mut format = None;
    let mut example = None;
    let mut examples = IndexMap::new();
    let extensions = entries(map, |key, value| match key {
        "description" => set(&mut description, optional(value, string)),
        "style" => set(
            &mut style,
            (value.as_str() == Some("simple")).then_some(HeaderStyle::Simple),
        ),
        "required" => set(&mut required, value.as_bool()),
        "deprecated" => set(&mut deprecated, optional(value, Value::as_bool)),
        // One or the other: the bundler leaves out a second (see `one_format`), which
        // `openapiv3` could panic on.
        "schema" | "content" if format.is_some() => None,
        "schema" => set(
            &mut format,
            schema(value).map(|schema| Some(ParameterSchemaOrContent::Schema(schema))),
        ),
        "content" => set(
            &mut format,
            content(value).map(|content| Some(ParameterSchemaOrContent::Content(content))),
        ),
        "example" => set(&mut example, optional(value, json)),
        "examples" => set(&mut examples, by_serde(value)),
        _ => Some(()),
    })?;
    Some(Header {
        description,
        style,
        required,
        deprecated,
        // Either is required.
        format: format?,
        example,
        examples,
        extensions,
    })
}

/// A `content` mapping: media types by name.
fn content(value: &Value) -> Option<IndexMap<String, MediaType>> {
    let map = value.as_mapping()?;
    let mut content = IndexMap::with_capacity(map.len());
    for (name, media_type) in map {
        content.insert(name.as_str()?.to_owned(), self::media_type(media_type)?);
    }
    Some(content)
}

/// A schema inside a header or media type: without serde where that is sure, else by
/// serde as it reads from its own copy of the part.
fn schema(value: &Value) -> Option<ReferenceOr<Schema>> {
    reference_or_schema(value).or_else(|| by_serde(value))
}

fn media_type(value: &Value) -> Option<MediaType> {
    let map = value.as_mapping()?;
    let mut media_type = MediaType::default();
    let extensions = entries(map, |key, value| match key {
        "schema" => set(&mut media_type.schema, optional(value, schema)),
        "example" => set(&mut media_type.example, optional(value, json)),
        "examples" => set(&mut media_type.examples, by_serde(value)),
        "encoding" => set(&mut media_type.encoding, by_serde(value)),
        _ => Some(()),
    })?;
    media_type.extensions = extensions;
    Some(media_type)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize as _;

    use super::super::specs::Dice;
    use super::*;

    /// Checks that what is read without serde is what serde reads; whether it was read
    /// without serde.
    fn read_as_serde_does(value: &Value) -> bool {
        // Serde only then: `openapiv3` panics on some of what is left to it (a header
        // with both a `schema` and a `content`, which the bundler never lets through).
        let Some(read) = reference_or_path_item(value) else {
            return false;
        };
        let by_serde = ReferenceOr::<PathItem>::deserialize(value).ok();
        assert_eq!(Some(&read), by_serde.as_ref(), "{value:?}");
        true
    }

    #[test]
    fn reads_every_path_item_of_the_fixtures_digitalocean_and_the_corpus_as_serde_does() {
        let mut total = 0;
        for (root, document) in super::super::specs::bundled() {
            let items: Vec<&Value> = crate::load::pointer::lookup(&document, "/paths")
                .and_then(Value::as_mapping)
                .map(|paths| paths.values().collect())
                .unwrap_or_default();
            let read = items.iter().filter(|item| read_as_serde_does(item)).count();
            // Every path item of these specs is read without serde.
            assert_eq!(read, items.len(), "{root}");
            total += read;
        }
        assert!(total > 3_000, "{total} path items");
    }

    /// A flow mapping of one to three entries, each a key from `keys` with the value
    /// `value` makes for it.
    fn mapping(
        dice: &mut Dice,
        keys: &[&str],
        mut value: impl FnMut(&mut Dice, &str) -> String,
    ) -> String {
        let count = dice.pick(&["1", "2", "2", "3"]).parse().unwrap_or(1);
        let entries: Vec<String> = (0..count)
            .map(|_| {
                let key = dice.pick(keys);
                let value = value(dice, key);
                format!("{key}: {value}")
            })
            .collect();
        format!("{{{}}}", entries.join(", "))
    }

    /// Values of every type, most of them wrong where they are put.
    const ODD: &[&str] = &[
        "null",
        "true",
        "3",
        "'x'",
        "[]",
        "[x]",
        "{}",
        "{$ref: '#/c'}",
    ];

    fn media_types(dice: &mut Dice) -> String {
        mapping(dice, &["application/json", "text/plain", "1"], |dice, _| {
            mapping(
                dice,
                &["schema", "example", "examples", "encoding", "x-a", "other"],
                |dice, key| match (key, dice.pick(&["fit", "fit", "odd"])) {
                    (_, "odd") => dice.pick(ODD).to_owned(),
                    ("schema", _) => dice
                        .pick(&["{type: string}", "{$ref: '#/c'}", "{type: 5}"])
                        .to_owned(),
                    ("examples", _) => "{a: {value: 1}}".to_owned(),
                    ("encoding", _) => "{a: {contentType: text/plain}}".to_owned(),
                    _ => dice.pick(&["1", "{a: [1]}", "x"]).to_owned(),
                },
            )
        })
    }

    fn response(dice: &mut Dice) -> String {
        if dice.pick(&["item", "item", "item", "ref"]) == "ref" {
            return "{$ref: '#/components/responses/r'}".to_owned();
        }
        mapping(
            dice,
            &[
                "description",
                "description",
                "headers",
                "content",
                "links",
                "x-a",
            ],
            |dice, key| match (key, dice.pick(&["fit", "fit", "odd"])) {
                (_, "odd") => dice.pick(ODD).to_owned(),
                ("content", _) => media_types(dice),
                ("headers", _) => mapping(dice, &["X-Rate", "X-Id", "1"], |dice, _| header(dice)),
                ("links", _) => "{next: {operationId: a}}".to_owned(),
                _ => "x".to_owned(),
            },
        )
    }

    fn header(dice: &mut Dice) -> String {
        if dice.pick(&["item", "item", "item", "ref"]) == "ref" {
            return "{$ref: '#/components/headers/h'}".to_owned();
        }
        let keys = [
            "schema",
            "schema",
            "content",
            "description",
            "style",
            "required",
            "deprecated",
            "example",
            "examples",
            "name",
            "x-a",
        ];
        mapping(dice, &keys, |dice, key| {
            match (key, dice.pick(&["fit", "fit", "odd"])) {
                (_, "odd") => dice.pick(ODD).to_owned(),
                ("schema", _) => dice
                    .pick(&["{type: integer}", "{$ref: '#/c'}", "{type: 5}"])
                    .to_owned(),
                ("content", _) => media_types(dice),
                ("style", _) => dice.pick(&["simple", "form"]).to_owned(),
                ("required" | "deprecated", _) => dice.pick(&["true", "false"]).to_owned(),
                ("examples", _) => "{a: {value: 1}}".to_owned(),
                _ => dice.pick(&["1", "{a: [1]}", "x"]).to_owned(),
            }
        })
    }

    fn operation(dice: &mut Dice) -> String {
        let keys = [
            "responses",
            "responses",
            "responses",
            "tags",
            "summary",
            "operationId",
            "parameters",
            "requestBody",
            "callbacks",
            "deprecated",
            "security",
            "servers",
            "externalDocs",
            "x-a",
            "other",
        ];
        mapping(dice, &keys, |dice, key| {
            match (key, dice.pick(&["fit", "fit", "fit", "odd"])) {
                (_, "odd") => dice.pick(ODD).to_owned(),
                ("responses", _) => mapping(
                    dice,
                    &[
                        "200", "'404'", "2XX", "'2xx'", "42", "'abc'", "default", "x-a", "true",
                        "'1000'",
                    ],
                    |dice, _| response(dice),
                ),
                ("tags", _) => "[a, b]".to_owned(),
                ("parameters", _) => {
                    "[{name: p, in: query, schema: {type: string}}, {$ref: '#/p'}]".to_owned()
                }
                ("requestBody", _) => match dice.pick(&["item", "item", "ref"]) {
                    "ref" => "{$ref: '#/components/requestBodies/b'}".to_owned(),
                    _ => mapping(
                        dice,
                        &["content", "required", "description", "x-a"],
                        |dice, key| match key {
                            "content" => media_types(dice),
                            "required" => dice.pick(&["true", "false", "null"]).to_owned(),
                            _ => "x".to_owned(),
                        },
                    ),
                },
                ("callbacks", _) => "{}".to_owned(),
                ("deprecated", _) => dice.pick(&["true", "false"]).to_owned(),
                ("security", _) => dice.pick(&["[{key: []}]", "[]"]).to_owned(),
                ("servers", _) => "[{url: 'https://a'}]".to_owned(),
                ("externalDocs", _) => "{url: u}".to_owned(),
                _ => "x".to_owned(),
            }
        })
    }

    #[test]
    fn reads_made_up_headers_as_serde_does_or_leaves_them_to_serde() {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let (mut read, mut left) = (0, 0);
        for _ in 0..20_000 {
            // Inside a response, where serde reads them from its own copy.
            let text = format!(
                "{{description: d, headers: {{X-Rate: {}}}}}",
                header(&mut dice)
            );
            let Ok(value) = serde_yaml::from_str::<Value>(&text) else {
                continue;
            };
            match reference_or(&value, super::response) {
                Some(read_here) => {
                    let by_serde = ReferenceOr::<Response>::deserialize(&value).ok();
                    assert_eq!(Some(&read_here), by_serde.as_ref(), "{text}");
                    read += 1;
                }
                None => left += 1,
            }
        }
        assert!(
            read > 5_000 && left > 2_000,
            "{read} read, {left} left to serde"
        );
    }

    #[test]
    fn reads_made_up_path_items_as_serde_does_or_leaves_them_to_serde() {
        let mut dice = Dice(0x2545_F491_4F6C_DD1D);
        let keys = [
            "get",
            "get",
            "post",
            "summary",
            "parameters",
            "servers",
            "x-a",
            "$ref",
            "other",
        ];
        let (mut read, mut left) = (0, 0);
        for _ in 0..5_000 {
            let text = mapping(&mut dice, &keys, |dice, key| {
                match (key, dice.pick(&["fit", "fit", "odd"])) {
                    (_, "odd") => dice.pick(ODD).to_owned(),
                    ("get" | "post", _) => operation(dice),
                    ("parameters", _) => {
                        "[{name: p, in: path, required: true, schema: {type: string}}]".to_owned()
                    }
                    ("servers", _) => "[{url: 'https://a'}]".to_owned(),
                    ("$ref", _) => "'#/components/pathItems/p'".to_owned(),
                    _ => "x".to_owned(),
                }
            });
            let Ok(value) = serde_yaml::from_str::<Value>(&text) else {
                continue;
            };
            match read_as_serde_does(&value) {
                true => read += 1,
                false => left += 1,
            }
        }
        assert!(
            read > 1_000 && left > 1_000,
            "{read} read, {left} left to serde"
        );
    }
}
