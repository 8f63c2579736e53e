//! The words of shape errors: what each position is called and holds, what a missing
//! field is for, and what a key's value must be, in the terms a spec author uses rather
//! than serde's.

use serde_yaml::Value;

use crate::diagnostics::did_you_mean;
use crate::load::position::Position;

impl Position {
    /// The part, for "… has no `x`".
    pub(in crate::load) fn noun(self) -> &'static str {
        match self {
            Position::Document => "the document",
            Position::Info => "`info`",
            Position::Server => "the server",
            Position::Tag => "the tag",
            Position::ExternalDocs => "`externalDocs`",
            Position::PathItem => "the path item",
            Position::Operation => "the operation",
            Position::Parameter => "the parameter",
            Position::RequestBody => "the request body",
            Position::Responses => "`responses`",
            Position::Response => "the response",
            Position::Header => "the header",
            Position::MediaType => "the media type object",
            Position::Encoding => "the encoding",
            Position::Schema => "the schema",
            Position::Components => "`components`",
            Position::SecurityScheme => "the security scheme",
            Position::SecurityRequirement => "the security requirement",
            Position::Discriminator => "the discriminator",
            Position::Text => "the text",
        }
    }

    /// What belongs in this position.
    pub(super) fn expected(self) -> &'static str {
        match self {
            Position::Document => "a mapping with `openapi`, `info` and `paths`",
            Position::Info => "a mapping with `title` and `version`",
            Position::Server => "a server (a mapping with `url`)",
            Position::Tag => "a tag (a mapping with `name`)",
            Position::ExternalDocs => "a mapping with `url`",
            Position::PathItem => {
                "a path item (a mapping from methods such as `get` to operations)"
            }
            Position::Operation => {
                "an operation (a mapping with `responses`, usually also `operationId`)"
            }
            Position::Parameter => "a parameter (a mapping with `name`, `in` and `schema`)",
            Position::RequestBody => "a request body (a mapping with `content`)",
            Position::Responses => {
                "a mapping from status codes (such as \"200\" or `default`) to responses"
            }
            Position::Response => {
                "a response (a mapping with `description`, and `content` for a body)"
            }
            Position::Header => "a header (a mapping with `schema`)",
            Position::MediaType => "a media type object (a mapping, usually with `schema`)",
            Position::Encoding => {
                "an encoding (a mapping with `contentType`, `style`, `explode` or `allowReserved`)"
            }
            Position::Schema => "a schema (a mapping such as `{type: string}`)",
            Position::Components => "a mapping from component kinds (`schemas`, …) to components",
            Position::SecurityScheme => "a security scheme (a mapping with `type`)",
            Position::SecurityRequirement => {
                "a security requirement (a mapping from scheme names to lists of scopes, such as `{bearer_auth: []}`)"
            }
            Position::Discriminator => "a discriminator (a mapping with `propertyName`)",
            Position::Text => "a string",
        }
    }
}

/// The message for a required field that is not there.
pub(super) fn missing(at: Position, field: &str) -> String {
    let noun = at.noun();
    let needs = match (at, field) {
        (Position::Document, "info") => "expected `info: {title: …, version: …}`".to_owned(),
        (Position::Document, "paths") => {
            "expected `paths`, a mapping from paths to their operations (`paths: {}` if there are none)".to_owned()
        }
        (Position::Info, _) => "`info` needs `title` and `version`".to_owned(),
        (Position::Operation, "responses") => {
            "every operation declares its responses, such as `responses: {\"200\": {description: OK}}`".to_owned()
        }
        (Position::Response, "description") => {
            "every response has one (it may be empty: `description: \"\"`)".to_owned()
        }
        (Position::Parameter, "name" | "in") => {
            "every parameter needs `name` and `in` (`query`, `header`, `path` or `cookie`)".to_owned()
        }
        (Position::SecurityScheme, "type") => {
            "expected `type: apiKey`, `http`, `oauth2` or `openIdConnect`".to_owned()
        }
        (Position::SecurityScheme, "scheme") => {
            "an `http` scheme names its `scheme`, such as `bearer` or `basic`".to_owned()
        }
        (Position::Discriminator, "propertyName") => {
            "a discriminator names the property that tells the variants apart".to_owned()
        }
        _ => "it is required".to_owned(),
    };
    format!("{noun} has no `{field}`: {needs}")
}

/// The message for a field whose value does not fit.
pub(super) fn field_message(at: Position, key: &str, value: &Value, message: &str) -> String {
    let found = found(value);
    let flag = |key: &str| format!("`{key}` must be `true` or `false`, found {found}");
    match (at, key) {
        (Position::Parameter, "in") => {
            let text = value.as_str().unwrap_or_default();
            let mut out = format!(
                "`in: {}` is not a parameter location: expected `query`, `header`, `path` or `cookie`",
                text
            );
            if matches!(text, "body" | "formData") {
                out.push_str(" (OpenAPI 3 describes a body with the operation's `requestBody`)");
            } else if let Some(near) = did_you_mean(text, &["query", "header", "path", "cookie"]) {
                out.push_str(&format!(" (did you mean `{near}`?)"));
            }
            out
        }
        (Position::SecurityScheme, "type") if value.as_str() == Some("mutualTLS") => {
            "`type: mutualTLS` (OpenAPI 3.1: a client certificate) is not sent by the \
             generated client; give it a `reqwest::Client` that has the certificate \
             (`ClientBuilder::http_client`)"
                .to_owned()
        }
        (Position::SecurityScheme, "type") => {
            let text = value.as_str().unwrap_or_default();
            let mut out = format!(
                "`type: {text}` is not a security scheme type: expected `apiKey`, `http`, `oauth2` \
                 or `openIdConnect`"
            );
            if matches!(text.to_ascii_lowercase().as_str(), "bearer" | "basic") {
                out.push_str(&format!(
                    " (a {text} token is `type: http` with `scheme: {}`)",
                    text.to_ascii_lowercase()
                ));
            }
            out
        }
        (Position::SecurityScheme, "in") => {
            format!("`in` of an API key must be `query`, `header` or `cookie`, found {found}")
        }
        (
            Position::Parameter | Position::Header | Position::RequestBody,
            "required" | "deprecated" | "explode" | "allowEmptyValue" | "allowReserved",
        )
        | (Position::Operation, "deprecated")
        | (
            Position::Schema,
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum",
        ) => flag(key),
        (Position::Schema, "required") => {
            let mut out = format!("`required` must be a list of property names, found {found}");
            if value.is_bool() {
                out.push_str(
                    "; to make a property required, list its name in the `required` of the \
                     object that has it",
                );
            }
            out
        }
        (Position::Schema, "properties") => {
            format!("`properties` must be a mapping from property names to schemas, found {found}")
        }
        (Position::Schema, "enum") => format!("`enum` must be a list of values, found {found}"),
        (Position::Schema, "type") => {
            let mut out = format!(
                "`type` must be one of `string`, `number`, `integer`, `boolean`, `array`, \
                 `object`, found {found}"
            );
            if value.is_sequence() {
                out.push_str(
                    " (OpenAPI 3.0 allows one type per schema; `nullable: true` allows null)",
                );
            }
            out
        }
        (Position::Schema, "items" | "not" | "additionalProperties") => {
            format!(
                "`{key}` must be {}, found {found}",
                Position::Schema.expected()
            )
        }
        (Position::Schema, "allOf" | "oneOf" | "anyOf") => {
            format!("`{key}` must be a list of schemas, found {found}")
        }
        (Position::PathItem | Position::Operation, "parameters") => {
            format!("`parameters` must be a list of parameters, found {found}")
        }
        (Position::Document | Position::Operation, "security") => format!(
            "`security` must be a list of security requirements (such as `- bearer_auth: []`), \
             found {found}"
        ),
        (Position::Document | Position::PathItem | Position::Operation, "servers") => {
            format!("`servers` must be a list of servers (each with a `url`), found {found}")
        }
        (Position::Document, "paths") => {
            format!(
                "`paths` must be a mapping from paths (such as `/things`) to path items, found {found}"
            )
        }
        (Position::Document, "tags") => format!("`tags` must be a list of tags, found {found}"),
        (Position::Operation, "tags") => {
            format!("`tags` must be a list of tag names, found {found}")
        }
        (
            Position::Response | Position::RequestBody | Position::Parameter | Position::Header,
            "content",
        ) => {
            format!(
                "`content` must be a mapping from media types (such as `application/json`) to \
                 media type objects, found {found}"
            )
        }
        (Position::Response, "headers") => {
            format!("`headers` must be a mapping from header names to headers, found {found}")
        }
        (Position::Components, "schemas" | "securitySchemes") => {
            format!("`{key}` must be a mapping from names to definitions, found {found}")
        }
        // Extensions are kept as JSON values, whose keys are strings.
        (_, key) if key.starts_with("x-") => format!(
            "the extension `{key}` must be valid as JSON, where every mapping key is a \
             string; quote keys such as `1` or `true` ({})",
            plain(message)
        ),
        _ => match expected_of(message) {
            Some(expected) => format!("`{key}` must be {expected}, found {found}"),
            None => format!("`{key}`: {}", plain(message)),
        },
    }
}

/// The "expected …" part of a serde message, in plain words.
pub(super) fn expected_of(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (_, expected) = rest.split_once("expected ")?;
        return Some(expected.to_owned());
    }
    let (_, expected) = message.split_once(", expected ")?;
    Some(
        match expected {
            "a map" => "a mapping",
            "a sequence" => "a list",
            "a boolean" => "`true` or `false`",
            "u64" | "usize" | "u32" => "a non-negative integer",
            "i64" | "i32" => "an integer",
            "f64" => "a number",
            other => other,
        }
        .to_owned(),
    )
}

/// serde's message in the words a spec author uses.
pub(super) fn plain(message: &str) -> String {
    message
        .replace("sequence", "list")
        .replace("a map", "a mapping")
}

/// A value as the message names it.
pub(super) fn found(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(flag) => format!("`{flag}`"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {text:?}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
    }
}
