//! An operation's request body in each media type it accepts: JSON, text, bytes, forms and multipart, and which of them get a method of their own.

use openapiv3::{MediaType, QueryStyle, ReferenceOr};

use crate::diagnostics::child;
use crate::docs;
use crate::ir::{
    AlternativeBody, BodyEncoding, FormStyle, Part, Parts, PropertyEncoding, RequestBody, Scalar,
    TypeKind, TypeRef,
};
use crate::lower::Lowerer;
use crate::names::{self, Namespace, RustName};

use super::{Media, classify_media};

impl<'a> Lowerer<'a> {
    /// The request body in each media type the operation accepts: the preferred one
    /// (JSON, then form, multipart, text, bytes) is the operation's body; every other
    /// that sends something else gets its own request function and client method.
    pub(super) fn request_body(
        &mut self,
        op: &'a openapiv3::Operation,
        hint: &str,
        pointer: &str,
    ) -> Bodies {
        let mut bodies = Bodies::default();
        let body_pointer = child(pointer, "requestBody");
        let Some(body) = op.request_body.as_ref() else {
            return bodies;
        };
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { .. } => {
                self.error(
                    &body_pointer,
                    "a request body `$ref` that could not be resolved",
                );
                return bodies;
            }
        };
        let mut entries: Vec<(&str, &MediaType, Media)> = body
            .content
            .iter()
            .map(|(name, media)| (name.as_str(), media, classify_media(name)))
            .collect();
        if entries.is_empty() {
            self.warn(
                &body_pointer,
                "request body without content; no body is sent",
            );
            return bodies;
        }
        entries.sort_by_key(|(_, _, kind)| request_rank(*kind));
        let mut docs = Vec::new();
        docs::push_paragraph(&mut docs, body.description.as_deref().unwrap_or(""));
        // Bodies made so far, with the schema each was made from.
        let mut made: Vec<(Option<&ReferenceOr<openapiv3::Schema>>, RequestBody)> = Vec::new();
        let mut suffixes = Namespace::default();
        let mut problems = Vec::new();
        for (media_type, media, kind) in entries {
            let media_pointer = child(&child(&body_pointer, "content"), media_type);
            let same_schema = made
                .iter()
                .find(|(schema, _)| schema.is_some() && *schema == media.schema.as_ref())
                .map(|(_, made)| (made.ty.clone(), made.content_type.clone()));
            // A second body of a kind is named after its media type.
            let suffix = if made
                .iter()
                .any(|(_, earlier)| earlier.encoding == body_encoding(kind))
            {
                names::snake_name(media_type.split_once('/').map_or(media_type, |(_, s)| s))
            } else {
                names::snake_name(media_suffix(kind))
            };
            let type_hint = if made.is_empty() {
                format!("{hint}Body")
            } else {
                format!("{hint}{}Body", names::type_name(suffix.as_str()))
            };
            // A form or multipart body of a JSON body's schema that is no object: the
            // JSON method sends it.
            if let Some((ty, sent_as)) = &same_schema
                && matches!(kind, Media::Form | Media::Multipart)
                && !self.object_like(ty, 0)
            {
                bodies.also.push((media_type.to_owned(), sent_as.clone()));
                continue;
            }
            let lowered = self.media_body(
                (media_type, media, kind),
                &type_hint,
                &media_pointer,
                same_schema.map(|(ty, _)| ty),
            );
            let mut sent = match lowered {
                Ok(sent) => sent,
                Err(problem) => {
                    problems.push((media_pointer, problem));
                    continue;
                }
            };
            sent.required = body.required;
            sent.docs = docs.clone();
            if made.is_empty() {
                bodies.main = Some(sent.clone());
            } else if let Some((_, earlier)) =
                made.iter().find(|(_, earlier)| redundant(&sent, earlier))
            {
                bodies
                    .also
                    .push((media_type.to_owned(), earlier.content_type.clone()));
            } else {
                bodies
                    .alternatives
                    .push((suffixes.claim(&suffix), sent.clone()));
            }
            made.push((media.schema.as_ref(), sent));
        }
        let sent_none = made.is_empty();
        for (media_pointer, problem) in problems {
            if sent_none && body.required {
                self.error(
                    &media_pointer,
                    format!(
                        "{problem}, and the body is required; expected an object schema \
                         (`type: object` with `properties`), another media type, or an \
                         optional body (the operation is then generated without it)"
                    ),
                );
            } else if sent_none {
                self.warn(&media_pointer, format!("{problem}; no body is sent"));
            } else {
                self.warn(
                    &media_pointer,
                    format!("{problem}; this media type is skipped"),
                );
            }
        }
        bodies
    }

    /// The body of one media type; an error message when it cannot be sent that way.
    /// `known` is the type already made from the same schema, if any.
    fn media_body(
        &mut self,
        (media_type, media, kind): (&str, &'a MediaType, Media),
        hint: &str,
        pointer: &str,
        known: Option<TypeRef>,
    ) -> Result<RequestBody, String> {
        let schema_pointer = child(pointer, "schema");
        let schema_type = |lowerer: &mut Self| match (&media.schema, known.clone()) {
            (_, Some(ty)) => ty,
            (Some(schema), None) => lowerer.type_of(schema.into(), hint, &schema_pointer),
            (None, None) => TypeRef::Json,
        };
        let (ty, encoding) = match kind {
            Media::Json => {
                let ty = schema_type(self);
                (self.json_body_type(ty, &schema_pointer), BodyEncoding::Json)
            }
            Media::Bytes | Media::Stream => (TypeRef::Scalar(Scalar::Bytes), BodyEncoding::Bytes),
            Media::Text => (TypeRef::Scalar(Scalar::String), BodyEncoding::Text),
            Media::Form | Media::Multipart => {
                let ty = schema_type(self);
                if kind == Media::Form
                    && let Some(body) = self.form_as_given(media_type, &ty, &schema_pointer)
                {
                    return Ok(body);
                }
                if !self.object_like(&ty, 0) {
                    return Err(format!(
                        "`{media_type}` sends a body property by property, so the body must be \
                         an object, not {}",
                        self.kind_words(&ty)
                    ));
                }
                (ty, body_encoding(kind))
            }
        };
        let properties = match encoding {
            BodyEncoding::Form | BodyEncoding::Multipart => {
                self.property_encodings(media, pointer, &ty, encoding)
            }
            BodyEncoding::Json | BodyEncoding::Bytes | BodyEncoding::Text => Vec::new(),
        };
        let parts = match encoding {
            BodyEncoding::Multipart => self.parts(&ty, &properties),
            _ => None,
        };
        // `*/*` takes anything: JSON goes as `application/json`.
        let content_type = match media_type.trim() {
            "*/*" => "application/json",
            other => other,
        };
        Ok(RequestBody {
            ty,
            encoding,
            content_type: content_type.to_owned(),
            required: false,
            docs: Vec::new(),
            properties,
            parts,
        })
    }

    /// A form body whose schema is one string or binary: the caller's text, already
    /// encoded (`a=1&b=2`), sent as given, with a warning. (A multipart body cannot be
    /// given so: its boundary is chosen when it is encoded.)
    fn form_as_given(
        &mut self,
        media_type: &str,
        ty: &TypeRef,
        schema_pointer: &str,
    ) -> Option<RequestBody> {
        let words = self.kind_words(ty);
        let (ty, encoding) = match ty {
            TypeRef::Scalar(Scalar::String) => {
                (TypeRef::Scalar(Scalar::String), BodyEncoding::Text)
            }
            TypeRef::Scalar(Scalar::Bytes | Scalar::File) => {
                (TypeRef::Scalar(Scalar::Bytes), BodyEncoding::Bytes)
            }
            _ => return None,
        };
        self.warn(
            schema_pointer,
            format!(
                "`{media_type}` sends a body property by property, but its schema is {words}: \
                 the body is sent as given, encoded by the caller (as `a=1&b=2`)"
            ),
        );
        Some(RequestBody {
            ty,
            encoding,
            content_type: media_type.trim().to_owned(),
            required: false,
            docs: Vec::new(),
            properties: Vec::new(),
            parts: None,
        })
    }

    /// Whether values of a type are JSON objects (or may be: unions, any value).
    fn object_like(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Map(_) | TypeRef::Json => true,
            TypeRef::Boxed(inner) => self.object_like(inner, depth + 1),
            TypeRef::Named(name) => match self.types.get(name) {
                Some(def) => match &def.kind {
                    TypeKind::Struct(_) | TypeKind::Union(_) => true,
                    TypeKind::Alias(inner) => depth < 64 && self.object_like(inner, depth + 1),
                    TypeKind::Enum(_) | TypeKind::External(_) => false,
                },
                None => false,
            },
            TypeRef::List(_) | TypeRef::Scalar(_) | TypeRef::Tuple(_) => false,
        }
    }

    /// The struct a type names, if it is one.
    fn body_struct(&self, ty: &TypeRef) -> Option<&crate::ir::Struct> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        match &self.types.get(name)?.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// The media type's `encoding` entries.
    fn property_encodings(
        &mut self,
        media: &MediaType,
        pointer: &str,
        ty: &TypeRef,
        encoding: BodyEncoding,
    ) -> Vec<PropertyEncoding> {
        let encoding_pointer = child(pointer, "encoding");
        let known: Option<Vec<String>> = self.body_struct(ty).and_then(|s| {
            // Properties the spec does not declare are kept too, but an `encoding` cannot
            // mean them.
            (!s.additional.as_ref().is_some_and(|a| a.declared))
                .then(|| s.fields.iter().map(|f| f.wire_name.clone()).collect())
        });
        let mut out = Vec::new();
        for (name, entry) in &media.encoding {
            let entry_pointer = child(&encoding_pointer, name);
            if let Some(known) = &known
                && !known.contains(name)
            {
                self.warn(
                    &entry_pointer,
                    format!(
                        "`encoding` names `{name}`, which is not a property of the body; ignored"
                    ),
                );
                continue;
            }
            if entry.allow_reserved && encoding == BodyEncoding::Form {
                self.warn(
                    &child(&entry_pointer, "allowReserved"),
                    "`allowReserved` is not supported: reserved characters are percent-encoded",
                );
            }
            let style = entry.style.as_ref().map(|style| match style {
                QueryStyle::Form => FormStyle::Form,
                QueryStyle::SpaceDelimited => FormStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => FormStyle::PipeDelimited,
                QueryStyle::DeepObject => FormStyle::DeepObject,
            });
            let content_type = entry.content_type.as_deref().and_then(single_media_type);
            out.push(PropertyEncoding {
                wire_name: name.clone(),
                style,
                explode: entry.explode,
                json: content_type
                    .as_deref()
                    .is_some_and(|c| classify_media(c) == Media::Json && c != "*/*"),
                content_type,
            });
        }
        out
    }

    /// The parts of a multipart body that is one struct: one per field.
    fn parts(&self, ty: &TypeRef, properties: &[PropertyEncoding]) -> Option<Parts> {
        let body = self.body_struct(ty)?;
        let content_type = |wire_name: &str| {
            properties
                .iter()
                .find(|p| p.wire_name == wire_name)
                .and_then(|p| p.content_type.clone())
        };
        Some(Parts {
            fields: body
                .fields
                .iter()
                .map(|field| Part {
                    field: field.name.clone(),
                    wire_name: field.wire_name.clone(),
                    ty: field.ty.clone(),
                    optional: field.optional(),
                    content_type: content_type(&field.wire_name),
                    adapter: field.adapter.clone(),
                })
                .collect(),
            additional: body.additional.clone(),
        })
    }

    /// The type of a JSON body. Timestamps, dates and 64-bit integers written as strings
    /// get their wire form from serde adapters, which only fields and variants have: a
    /// body that is one of them (or a list or map of them) is kept as the string it is.
    pub(in crate::lower) fn json_body_type(&mut self, ty: TypeRef, pointer: &str) -> TypeRef {
        fn as_strings(ty: &TypeRef) -> Option<TypeRef> {
            match ty {
                TypeRef::Scalar(
                    Scalar::DateTime
                    | Scalar::Date
                    | Scalar::I64String
                    | Scalar::U64String
                    | Scalar::Base64,
                ) => Some(TypeRef::Scalar(Scalar::String)),
                TypeRef::Tuple(items) => {
                    let strings: Vec<Option<TypeRef>> =
                        items.iter().map(|item| as_strings(&item.ty)).collect();
                    strings.iter().any(Option::is_some).then(|| {
                        TypeRef::Tuple(
                            strings
                                .into_iter()
                                .zip(items)
                                .map(|(string, item)| crate::ir::TupleItem {
                                    ty: string.unwrap_or_else(|| item.ty.clone()),
                                    nullable: item.nullable,
                                })
                                .collect(),
                        )
                    })
                }
                TypeRef::List(inner) => as_strings(inner).map(|t| TypeRef::List(Box::new(t))),
                TypeRef::Map(inner) => as_strings(inner).map(|t| TypeRef::Map(Box::new(t))),
                TypeRef::Boxed(inner) => as_strings(inner).map(|t| TypeRef::Boxed(Box::new(t))),
                TypeRef::Scalar(_) | TypeRef::Named(_) | TypeRef::Json => None,
            }
        }
        match as_strings(&ty) {
            Some(strings) => {
                self.fallback(
                    pointer,
                    format!(
                        "a body of type `{ty}` is kept as `{strings}`: timestamps, dates and \
                         64-bit integers written as strings are parsed in properties only"
                    ),
                );
                strings
            }
            None => ty,
        }
    }
}

/// The order in which request media types are preferred for an operation's body.
fn request_rank(kind: Media) -> u8 {
    match kind {
        Media::Json => 0,
        Media::Form => 1,
        Media::Multipart => 2,
        Media::Text => 3,
        Media::Bytes | Media::Stream => 4,
    }
}

/// How a request body of this kind is encoded.
fn body_encoding(kind: Media) -> BodyEncoding {
    match kind {
        Media::Json => BodyEncoding::Json,
        Media::Form => BodyEncoding::Form,
        Media::Multipart => BodyEncoding::Multipart,
        Media::Text => BodyEncoding::Text,
        Media::Bytes | Media::Stream => BodyEncoding::Bytes,
    }
}

/// The suffix of the method that sends a body of this kind.
fn media_suffix(kind: Media) -> &'static str {
    match kind {
        Media::Json => "json",
        Media::Form => "form",
        Media::Multipart => "multipart",
        Media::Text => "text",
        Media::Bytes | Media::Stream => "bytes",
    }
}

/// An `encoding`'s `contentType` when it names one media type (not a list or a range).
fn single_media_type(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && !text.contains(',') && !text.contains('*')).then(|| text.to_owned())
}

/// Whether `body` sends nothing `earlier` does not: the same kind of body of the same
/// type, or a form or multipart body of a JSON body's type without files, which only
/// multipart can carry.
fn redundant(body: &RequestBody, earlier: &RequestBody) -> bool {
    if body.ty != earlier.ty {
        return false;
    }
    if body.encoding == earlier.encoding {
        return true;
    }
    let has_files = body.parts.as_ref().is_some_and(|parts| {
        parts.fields.iter().any(|part| {
            matches!(&part.ty, TypeRef::Scalar(Scalar::File))
                || matches!(&part.ty, TypeRef::List(inner) if **inner == TypeRef::Scalar(Scalar::File))
        })
    });
    earlier.encoding == BodyEncoding::Json
        && match body.encoding {
            BodyEncoding::Form => true,
            BodyEncoding::Multipart => !has_files,
            BodyEncoding::Json | BodyEncoding::Bytes | BodyEncoding::Text => false,
        }
}

/// An operation's request body in each media type it is sent as.
#[derive(Default)]
pub(super) struct Bodies {
    /// The body of the operation's own request function and method.
    main: Option<RequestBody>,
    /// Bodies sent by methods of their own, by method suffix.
    alternatives: Vec<(RustName, RequestBody)>,
    /// Media types accepted that would send nothing the others do not, each with the
    /// media type that sends the same.
    also: Vec<(String, String)>,
}

impl Bodies {
    /// The operation's body and alternatives, with their methods named after the
    /// operation's `fn_name`; notes on the media types not sent go into `docs`.
    pub(super) fn into_ir(
        self,
        fn_name: &RustName,
        docs: &mut Vec<String>,
    ) -> (Option<RequestBody>, Vec<AlternativeBody>) {
        let main_type = self.main.as_ref().map(|body| body.content_type.clone());
        // Form bodies sent as the caller's text (see `form_as_given`).
        let as_given = self
            .main
            .iter()
            .chain(self.alternatives.iter().map(|(_, body)| body))
            .filter(|body| {
                classify_media(&body.content_type) == Media::Form
                    && body.encoding != BodyEncoding::Form
            });
        for body in as_given {
            let media_type = &body.content_type;
            docs::push_paragraph(
                docs,
                &format!(
                    "The `{media_type}` body is the form's text, encoded by the caller \
                     (`a=1&b=2`): it is sent as given."
                ),
            );
        }
        for (media_type, sent_as) in &self.also {
            docs::push_paragraph(
                docs,
                &format!(
                    "The API also accepts the body as `{media_type}`; this client sends the same \
                     body as `{sent_as}`."
                ),
            );
        }
        let alternatives = self
            .alternatives
            .into_iter()
            .map(|(suffix, body)| {
                let mut method_docs = docs.clone();
                let main = main_type.as_deref().unwrap_or("");
                docs::push_paragraph(
                    &mut method_docs,
                    &format!(
                        "Sends the body as `{}`; [`Client::{fn_name}`](crate::Client::{fn_name}) \
                         sends it as `{main}`.",
                        body.content_type
                    ),
                );
                AlternativeBody {
                    method_name: names::alternative_names(fn_name, &suffix).0,
                    request_fn: names::alternative_names(fn_name, &suffix).1,
                    body,
                    docs: method_docs,
                }
            })
            .collect();
        (self.main, alternatives)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_classified() {
        assert!(classify_media("application/json; charset=utf-8") == Media::Json);
        assert!(classify_media("application/problem+json") == Media::Json);
        assert!(classify_media("text/csv") == Media::Text);
        assert!(classify_media("application/yaml") == Media::Text);
        assert!(classify_media("application/pdf") == Media::Bytes);
        assert!(classify_media("text/event-stream") == Media::Stream);
        assert!(classify_media("application/x-www-form-urlencoded") == Media::Form);
        assert!(classify_media("multipart/form-data; charset=utf-8") == Media::Multipart);
    }

    #[test]
    fn encoding_content_types_name_one_media_type() {
        assert_eq!(
            single_media_type(" image/png "),
            Some("image/png".to_owned())
        );
        assert_eq!(single_media_type("image/png, image/jpeg"), None);
        assert_eq!(single_media_type("image/*"), None);
        assert_eq!(single_media_type(""), None);
    }
}
