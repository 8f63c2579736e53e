//! Strings with content: `contentEncoding: base64` (bytes written in base64) and
//! `contentMediaType` of binary content (`format: binary`).

use serde_yaml::{Mapping, Value};

use super::{BASE64, Kind, Rewritten};
use crate::load::version::Version;

/// `contentEncoding` and `contentMediaType` on a string.
pub(super) fn content(schema: &mut Mapping, version: Version, done: &mut Rewritten) {
    let encoding = schema.remove("contentEncoding");
    let media = schema.remove("contentMediaType");
    if !matches!(
        schema.get("type").and_then(Value::as_str),
        None | Some("string")
    ) {
        return;
    }
    match encoding.as_ref().and_then(Value::as_str) {
        Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
            schema.insert(Value::from("type"), Value::from("string"));
            schema.remove("format");
            schema.insert(Value::from(BASE64), Value::Bool(true));
            done.note(
                version,
                Kind::Beyond30,
                "contentEncoding",
                "`contentEncoding` is JSON Schema 2020-12 (OpenAPI 3.1, where it replaces \
                 `format: byte`); read as bytes written in base64"
                    .to_owned(),
            );
        }
        // Other encodings (`base64url`, `quoted-printable`, …) are text as written.
        Some(_) => {}
        None => {
            let binary = media
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|media| !is_textual(media));
            if binary && !schema.contains_key("format") {
                schema.insert(Value::from("type"), Value::from("string"));
                schema.insert(Value::from("format"), Value::from("binary"));
                done.note(
                    version,
                    Kind::Beyond30,
                    "contentMediaType",
                    "`contentMediaType` is JSON Schema 2020-12 (OpenAPI 3.1, where it replaces \
                     `format: binary`); read as `format: binary`"
                        .to_owned(),
                );
            }
        }
    }
}

/// Whether content of the media type `media` is text (JSON, XML, YAML, forms, `text/*`).
fn is_textual(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/yaml"
                | "application/x-yaml"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
        )
}
