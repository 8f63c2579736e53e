//! Webhooks (OpenAPI 3.1) → [`Webhook`]s: the requests the API sends to its users'
//! servers. Each operation of a webhook's path item gets a function that decodes the
//! body it sends, named after its `operationId` (else the webhook's name), and the body's
//! schema is lowered like any other, so the payload types are the crate's models.

use indexmap::IndexMap;
use openapiv3::{PathItem, ReferenceOr};

use crate::diagnostics::child;
use crate::docs;
use crate::ir::{HttpMethod, Payload, PayloadEncoding, Scalar, TypeRef, Webhook};
use crate::lower::Lowerer;
use crate::lower::operation::{Media, pick_media};
use crate::names::{self, Namespace};

/// A webhook's operation, before lowering.
struct Found<'a> {
    /// What it is named after: its `operationId`, else the webhook's name (and the
    /// method, when the webhook has several).
    base: String,
    name: &'a str,
    method: &'a str,
    operation: &'a openapiv3::Operation,
    pointer: String,
}

impl<'a> Lowerer<'a> {
    /// Every webhook of `webhooks` whose body can be decoded, sorted by function name;
    /// the others are left out with a warning.
    pub(super) fn webhooks(
        &mut self,
        webhooks: &'a IndexMap<String, ReferenceOr<PathItem>>,
    ) -> Vec<Webhook> {
        let mut found = Vec::new();
        for (name, item) in webhooks {
            // Loading leaves out webhooks it cannot resolve.
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            let several = item.iter().count() > 1;
            for (method, operation) in item.iter() {
                let base = match &operation.operation_id {
                    Some(id) if !id.trim().is_empty() => id.clone(),
                    _ if several => format!("{name} {method}"),
                    _ => name.clone(),
                };
                found.push(Found {
                    base,
                    name,
                    method,
                    operation,
                    pointer: child(&child("/webhooks", name), method),
                });
            }
        }
        found.sort_by(|a, b| (&a.base, a.name, a.method).cmp(&(&b.base, b.name, b.method)));
        let mut fn_names = Namespace::default();
        let mut lowered = Vec::new();
        for webhook in &found {
            let fn_name = fn_names.claim(&names::webhook_fn(&webhook.base));
            if let Some(payload) = self.payload(webhook) {
                let operation = webhook.operation;
                let mut docs = Vec::new();
                docs::push_paragraph(&mut docs, operation.summary.as_deref().unwrap_or(""));
                docs::push_paragraph(&mut docs, operation.description.as_deref().unwrap_or(""));
                docs::push_paragraph(
                    &mut docs,
                    &format!(
                        "Decodes the body of the webhook `{}`: a `{}` request the API sends, \
                         with a body of media type `{}`.",
                        webhook.name,
                        webhook.method.to_uppercase(),
                        payload.content_type
                    ),
                );
                lowered.push(Webhook {
                    name: webhook.name.to_owned(),
                    fn_name,
                    method: HttpMethod::from_key(webhook.method).unwrap_or(HttpMethod::Post),
                    payload,
                    docs,
                    deprecated: operation.deprecated,
                });
            }
        }
        lowered.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
        lowered
    }

    /// What a webhook's request body is; `None` (with a warning) if there is nothing to
    /// decode or no way to.
    fn payload(&mut self, webhook: &Found<'a>) -> Option<Payload> {
        let body_pointer = child(&webhook.pointer, "requestBody");
        let left_out =
            |why: &str| format!("webhook `{}` {why}; no function decodes it", webhook.name);
        let body = match &webhook.operation.request_body {
            Some(ReferenceOr::Item(body)) => body,
            // A `$ref` that loading could not follow, reported there.
            Some(ReferenceOr::Reference { .. }) => return None,
            None => {
                self.warn(&webhook.pointer, left_out("has no request body"));
                return None;
            }
        };
        let Some((media_type, media, kind)) = pick_media(&body.content) else {
            self.warn(
                &body_pointer,
                left_out("has a request body without content"),
            );
            return None;
        };
        let media_pointer = child(&child(&body_pointer, "content"), media_type);
        let (ty, encoding) = match kind {
            Media::Json => {
                let hint = format!("{}Payload", names::type_name(&webhook.base));
                let schema_pointer = child(&media_pointer, "schema");
                let ty = match &media.schema {
                    Some(schema) => self.type_of(schema.into(), &hint, &schema_pointer),
                    None => TypeRef::Json,
                };
                // Decoded as a body is: values that need a serde adapter are kept as text.
                (
                    self.json_body_type(ty, &schema_pointer),
                    PayloadEncoding::Json,
                )
            }
            Media::Text => (TypeRef::Scalar(Scalar::String), PayloadEncoding::Text),
            Media::Bytes | Media::Stream => {
                (TypeRef::Scalar(Scalar::Bytes), PayloadEncoding::Bytes)
            }
            Media::Form | Media::Multipart => {
                self.warn(
                    &media_pointer,
                    left_out(&format!("sends `{media_type}`, which is not decoded")),
                );
                return None;
            }
        };
        let content_type = match media_type.trim() {
            "*/*" => "application/json",
            other => other,
        };
        Some(Payload {
            ty,
            encoding,
            content_type: content_type.to_owned(),
        })
    }
}
