//! What each position of an OpenAPI 3.0 or 3.1 document holds, described once.
//!
//! A position is what a value is by where it stands: the value of `paths./things.get`
//! is an operation, each item of its `parameters` a parameter, the value of its
//! `requestBody` a request body. [`Position::below`] says, for each key of a mapping in
//! a position, what the key's value holds: one part, a list of parts or a map of named
//! parts, and in which position. Two walks read it:
//!
//! - the bundler (`bundle/walk.rs`) walks the user's files by it, hoisting or inlining
//!   each `$ref` by its position and dropping what the generator never uses;
//! - the explainer (`explain.rs`) walks the bundled document by it, checking each part
//!   against its position's `openapiv3` type to find the innermost one that misfits.
//!
//! Only parts that have a position of their own are listed: names, flags and the values
//! of schema keywords are read by `openapiv3` as they are.

use serde_yaml::Value;

/// A position in an OpenAPI document: what the value there is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Position {
    /// The whole document.
    Document,
    /// `info`.
    Info,
    /// An item of a `servers` list.
    Server,
    /// An item of the document's `tags`.
    Tag,
    /// An `externalDocs` object.
    ExternalDocs,
    /// The value of a path (`/things`).
    PathItem,
    /// The value of a method of a path item.
    Operation,
    /// An item of `parameters`.
    Parameter,
    /// An operation's `requestBody`.
    RequestBody,
    /// An operation's `responses`, a map from status codes to responses.
    Responses,
    /// One response.
    Response,
    /// A response's header.
    Header,
    /// The value of a media type (`application/json`) of a `content` map.
    MediaType,
    /// How one property of a form or multipart body is sent.
    Encoding,
    /// A schema.
    Schema,
    /// `components`.
    Components,
    /// A security scheme of `components.securitySchemes`.
    SecurityScheme,
    /// An item of a `security` list.
    SecurityRequirement,
    /// A schema's `discriminator`.
    Discriminator,
    /// A text that may be given as a `$ref` to a string: a tag's `description`.
    Text,
}

/// How the value of a key holds the position below it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Holds {
    /// The value is in the position (`requestBody`).
    One(Position),
    /// Each item of the list is (`parameters`).
    List(Position),
    /// Each value of the mapping is, under its own name (`properties`, `paths`), except
    /// the extensions of maps that may have them (see [`Position::is_extension_entry`]).
    Map(Position),
}

impl Position {
    /// What the value of `key` holds, in a mapping in this position; `None` for what has
    /// no position of its own (a name, a flag, a schema keyword's value, an extension).
    pub(super) fn below(self, key: &str, value: &Value) -> Option<Holds> {
        use Holds::{List, Map, One};
        use Position::*;
        if let Some(entry) = self.entries() {
            return (!entry.is_extension_entry(key)).then_some(One(entry));
        }
        let holds = match (self, key) {
            (Document, "info") => One(Info),
            (Document, "paths") => Map(PathItem),
            // Keyed by names, not paths: the bundler walks them itself (see `walk_webhooks`).
            (Document, "webhooks") => Map(PathItem),
            (Document, "components") => One(Components),
            (Document, "tags") => List(Tag),
            (Document | PathItem | Operation, "servers") => List(Server),
            (Document | Operation, "security") => List(SecurityRequirement),
            (Document | Operation | Schema | Tag, "externalDocs") => One(ExternalDocs),
            // Texts that only document: one that is not a string is left out (see
            // `repair`), where it would cost the operation.
            (
                Tag | Parameter | Header | RequestBody | Response | Server | SecurityScheme
                | ExternalDocs,
                "description",
            )
            | (PathItem | Operation, "summary" | "description") => One(Text),
            (PathItem, method) if is_method(method) => One(Operation),
            (PathItem | Operation, "parameters") => List(Parameter),
            (Operation, "requestBody") => One(RequestBody),
            (Operation, "responses") => One(Responses),
            (Response, "headers") => Map(Header),
            (Response | RequestBody | Parameter | Header, "content") => Map(MediaType),
            (MediaType, "encoding") => Map(Encoding),
            (MediaType | Parameter | Header, "schema") => One(Schema),
            (Schema, "properties") => Map(Schema),
            (Schema, "items" | "not") => One(Schema),
            // `additionalProperties: true` is a flag.
            (Schema, "additionalProperties") if value.is_mapping() => One(Schema),
            (Schema, "allOf" | "oneOf" | "anyOf" | "prefixItems") => List(Schema),
            (Schema, "patternProperties") => Map(Schema),
            (Schema, "unevaluatedProperties") if value.is_mapping() => One(Schema),
            (Schema, "discriminator") => One(Discriminator),
            (Components, "schemas") => Map(Schema),
            (Components, "securitySchemes") => Map(SecurityScheme),
            _ => return None,
        };
        Some(holds)
    }

    /// For a position that is itself a map whose every entry is in one position
    /// (`responses`: status code → response), that position.
    pub(super) fn entries(self) -> Option<Position> {
        match self {
            Position::Responses => Some(Position::Response),
            _ => None,
        }
    }

    /// Whether `name`, the key of an entry of a map of parts in this position, is an
    /// extension rather than one of them. Maps whose keys OpenAPI defines (paths, status
    /// codes) may also hold `x-` extensions; in maps keyed by the spec's own names
    /// (properties, headers, schemas), `x-rate-limit` is a name like any other.
    pub(super) fn is_extension_entry(self, name: &str) -> bool {
        matches!(self, Position::PathItem | Position::Response) && name.starts_with("x-")
    }

    /// The section of `components` that a `$ref` in this position takes its target
    /// from (a parameter's `$ref` points into `#/components/parameters`), if there is one.
    pub(super) fn section(self) -> Option<&'static str> {
        match self {
            Position::Schema => Some("schemas"),
            Position::Parameter => Some("parameters"),
            Position::RequestBody => Some("requestBodies"),
            Position::Response => Some("responses"),
            Position::Header => Some("headers"),
            Position::PathItem => Some("pathItems"),
            Position::SecurityScheme => Some("securitySchemes"),
            _ => None,
        }
    }
}

/// The HTTP methods, as keys of a path item.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Whether `key` of a path item is an operation (an HTTP method).
pub(crate) fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_each_key_holds() {
        use Holds::{List, Map, One};
        let none = Value::Null;
        let map = Value::Mapping(Default::default());
        assert_eq!(
            Position::PathItem.below("get", &none),
            Some(One(Position::Operation))
        );
        assert_eq!(
            Position::PathItem.below("summary", &none),
            Some(One(Position::Text))
        );
        assert_eq!(
            Position::PathItem.below("servers", &none),
            Some(List(Position::Server))
        );
        assert_eq!(Position::Info.below("description", &none), None);
        assert_eq!(
            Position::Operation.below("parameters", &none),
            Some(List(Position::Parameter))
        );
        assert_eq!(
            Position::Responses.below("200", &none),
            Some(One(Position::Response))
        );
        assert_eq!(Position::Responses.below("x-note", &none), None);
        assert_eq!(
            Position::Document.below("paths", &none),
            Some(Map(Position::PathItem))
        );
        assert_eq!(Position::Schema.below("additionalProperties", &none), None);
        assert_eq!(
            Position::Schema.below("additionalProperties", &map),
            Some(One(Position::Schema))
        );
        assert_eq!(Position::Schema.below("required", &none), None);
        assert!(Position::PathItem.is_extension_entry("x-amazon"));
        assert!(!Position::Schema.is_extension_entry("x-amazon"));
    }
}
