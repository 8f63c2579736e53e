//! An operation's responses: what each success status and each declared error decodes into.

use openapiv3::{ReferenceOr, StatusCode};

use crate::diagnostics::child;
use crate::ir::{
    ErrorBody, ErrorVariant, ResponseBody, StatusKey, Success, SuccessVariant, TypeRef,
};
use crate::lower::Lowerer;
use crate::names::{self, Namespace, RustName};

use super::{Media, pick_media};

impl<'a> Lowerer<'a> {
    fn response_body(
        &mut self,
        response: &'a openapiv3::Response,
        hint: &str,
        pointer: &str,
    ) -> ResponseBody {
        let Some((media_type, media, kind)) = pick_media(&response.content) else {
            return ResponseBody::Empty;
        };
        match kind {
            Media::Json => match &media.schema {
                Some(schema) => {
                    let schema_pointer =
                        child(&child(&child(pointer, "content"), media_type), "schema");
                    let ty = self.type_of(schema.into(), hint, &schema_pointer);
                    ResponseBody::Json(self.json_body_type(ty, &schema_pointer))
                }
                None => ResponseBody::Json(TypeRef::Json),
            },
            Media::Text => ResponseBody::Text,
            Media::Stream => ResponseBody::Stream,
            Media::Bytes | Media::Form | Media::Multipart => ResponseBody::Bytes,
        }
    }

    pub(super) fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        hint: &str,
        pointer: &str,
    ) -> (Success, Vec<StatusKey>, ErrorBody, Vec<String>) {
        let responses_pointer = child(pointer, "responses");
        let mut declared: Vec<(StatusKey, &'a openapiv3::Response, String)> = Vec::new();
        for (code, response) in &op.responses.responses {
            let key = status_key(code);
            let response_pointer = child(&responses_pointer, &code.to_string());
            match response {
                ReferenceOr::Item(response) => declared.push((key, response, response_pointer)),
                ReferenceOr::Reference { .. } => self.error(
                    &response_pointer,
                    "a response `$ref` that could not be resolved",
                ),
            }
        }
        if let Some(response) = &op.responses.default {
            let response_pointer = child(&responses_pointer, "default");
            match response {
                ReferenceOr::Item(response) => {
                    declared.push((StatusKey::Default, response, response_pointer))
                }
                ReferenceOr::Reference { .. } => self.error(
                    &response_pointer,
                    "a response `$ref` that could not be resolved",
                ),
            }
        }
        declared.sort_by_key(|(key, _, _)| *key);
        let any_success = declared.iter().any(|(key, _, _)| is_success(*key));
        let mut successes: Vec<(StatusKey, ResponseBody)> = Vec::new();
        let mut described = Vec::new();
        let mut errors = Vec::new();
        // Each error body type with the statuses that answer with it.
        let mut error_types: Vec<(TypeRef, Vec<StatusKey>)> = Vec::new();
        for (key, response, response_pointer) in &declared {
            // Without a declared success, `default` is the success too; it still
            // describes the errors (a status of 400 or more is never a success).
            let catch_all = !any_success && *key == StatusKey::Default;
            if is_success(*key) || catch_all {
                let body =
                    self.response_body(response, &format!("{hint}Response"), response_pointer);
                successes.push((*key, body));
                let description = response.description.trim();
                if !description.is_empty() {
                    described.push(format!("`{key}`: {description}"));
                }
            }
            if !is_success(*key) {
                errors.push(*key);
                if let ResponseBody::Json(ty) =
                    self.response_body(response, &format!("{hint}Error"), response_pointer)
                {
                    match error_types.iter_mut().find(|(known, _)| *known == ty) {
                        Some((_, statuses)) => statuses.push(*key),
                        None => error_types.push((ty, vec![*key])),
                    }
                }
            }
        }
        if successes.is_empty() {
            let redirects: Vec<(StatusKey, &str)> = declared
                .iter()
                .filter(|(key, _, _)| is_redirect(*key))
                .map(|(key, response, _)| (*key, response.description.trim()))
                .collect();
            if redirects.is_empty() {
                self.warn(
                    &responses_pointer,
                    "no success response declared: any 2xx answer is accepted without a body",
                );
                successes.push((StatusKey::Range(2), ResponseBody::Empty));
            } else {
                // The client follows redirects, so what it gets is the answer of the place
                // a redirect leads to (an archive, a log, another resource): the spec does
                // not say what that is, and dropping it would leave the call useless.
                let codes: Vec<String> = redirects
                    .iter()
                    .map(|(key, _)| format!("`{key}`"))
                    .collect();
                self.warn(
                    &responses_pointer,
                    format!(
                        "only redirects declared ({}): the client follows them, and the body \
                         of the 2xx answer they lead to is returned as bytes",
                        codes.join(", ")
                    ),
                );
                let mut line =
                    "the body of the answer the redirect leads to: the client follows it."
                        .to_owned();
                for (key, description) in &redirects {
                    if !description.is_empty() {
                        line.push_str(&format!(" `{key}`: {description}"));
                    }
                }
                described.push(line);
                successes.push((StatusKey::Range(2), ResponseBody::Stream));
            }
        }
        let error_body = match error_types.len() {
            0 => ErrorBody::None,
            1 => ErrorBody::Json(error_types.remove(0).0),
            _ => {
                let mut variant_names = Namespace::default();
                ErrorBody::Several {
                    name: names::fixed::error_body_enum(),
                    variants: error_types
                        .into_iter()
                        .map(|(ty, statuses)| ErrorVariant {
                            name: variant_names.claim(&error_variant(&ty)),
                            statuses,
                            ty,
                        })
                        .collect(),
                }
            }
        };
        let first_body = successes[0].1.clone();
        let success = if successes.iter().all(|(_, body)| *body == first_body) {
            Success::Single {
                statuses: successes.iter().map(|(key, _)| *key).collect(),
                body: first_body,
            }
        } else {
            let mut variant_names = Namespace::default();
            Success::Several {
                name: names::fixed::success_enum(),
                variants: successes
                    .into_iter()
                    .map(|(status, body)| SuccessVariant {
                        name: variant_names.claim(&status_variant(status)),
                        status,
                        body,
                    })
                    .collect(),
            }
        };
        (success, errors, error_body, described)
    }
}

/// The variant of an operation's error enum holding a body of type `ty`.
fn error_variant(ty: &TypeRef) -> RustName {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::Boxed(inner) => error_variant(inner),
        TypeRef::List(_) => names::kind_variant("List"),
        TypeRef::Map(_) => names::kind_variant("Map"),
        TypeRef::Tuple(_) => names::kind_variant("Tuple"),
        TypeRef::Scalar(_) => names::kind_variant("Scalar"),
        TypeRef::Json => names::kind_variant("Json"),
    }
}

/// A readable variant name for a success status.
fn status_variant(status: StatusKey) -> RustName {
    match status {
        StatusKey::Code(code) => names::status_variant(code),
        StatusKey::Range(class) => names::status_class_variant(class),
        StatusKey::Default => names::default_variant(),
    }
}

fn status_key(code: &StatusCode) -> StatusKey {
    match code {
        StatusCode::Code(code) => StatusKey::Code(*code),
        StatusCode::Range(class) => StatusKey::Range(u8::try_from(*class).unwrap_or(0)),
    }
}

/// A redirect the client follows rather than returns (reqwest follows these, with a
/// `Location`; `300`, `304` and `305` it returns).
fn is_redirect(status: StatusKey) -> bool {
    matches!(
        status,
        StatusKey::Code(301 | 302 | 303 | 307 | 308) | StatusKey::Range(3)
    )
}

fn is_success(status: StatusKey) -> bool {
    matches!(status, StatusKey::Code(200..=299) | StatusKey::Range(2))
}
