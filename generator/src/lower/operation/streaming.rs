//! Server-sent events: a success response offering `text/event-stream` with a schema gets
//! a client method returning the typed events, and the request body's boolean `stream`
//! property (the OpenAI-compatible way to ask for them) is set by both methods.

use openapiv3::ReferenceOr;

use crate::diagnostics::child;
use crate::docs;
use crate::ir::{
    EventData, RequestBody, ResponseBody, Scalar, StatusKey, StreamFlag, Streaming, Success,
    TypeKind, TypeRef,
};
use crate::lower::Lowerer;
use crate::names::{self, RustName};

use super::{Media, classify_media};

impl<'a> Lowerer<'a> {
    /// The streaming method of `op`, when a success response offers `text/event-stream`
    /// with a schema, and the body's `stream` flag.
    pub(super) fn streaming(
        &mut self,
        op: &'a openapiv3::Operation,
        hint: &str,
        pointer: &str,
        fn_name: &RustName,
        success: &Success,
        body: Option<&RequestBody>,
    ) -> (Option<Streaming>, Option<StreamFlag>) {
        let mut statuses = Vec::new();
        let mut data = None;
        for (code, response) in &op.responses.responses {
            let openapiv3::StatusCode::Code(code @ 200..=299) = code else {
                continue;
            };
            let ReferenceOr::Item(response) = response else {
                continue;
            };
            let Some((media_type, media)) = response
                .content
                .iter()
                .find(|(name, _)| classify_media(name) == Media::Stream)
            else {
                continue;
            };
            let Some(schema) = &media.schema else {
                continue;
            };
            statuses.push(StatusKey::Code(*code));
            if data.is_none() {
                let at = child(
                    &child(
                        &child(
                            &child(&child(pointer, "responses"), &code.to_string()),
                            "content",
                        ),
                        media_type,
                    ),
                    "schema",
                );
                let ty = self.type_of(schema.into(), &format!("{hint}Event"), &at);
                data = Some(match ty {
                    TypeRef::Scalar(Scalar::String) => EventData::Text,
                    ty => EventData::Json(self.json_body_type(ty, &at)),
                });
            }
        }
        let Some(data) = data else {
            return (None, None);
        };
        let replaces_main = matches!(
            success,
            Success::Single {
                body: ResponseBody::Stream,
                ..
            }
        );
        let flag = body.and_then(|body| self.stream_flag(&body.ty));
        // What the method does; `operation` puts the operation's own docs first.
        let mut method_docs = Vec::new();
        let (method_name, request_fn, response_fn) = if replaces_main {
            (
                fn_name.clone(),
                names::fixed::request_fn(),
                names::fixed::response_fn(),
            )
        } else {
            (
                names::stream_method(fn_name),
                names::fixed::request_stream_fn(),
                names::fixed::response_stream_fn(),
            )
        };
        if !replaces_main {
            docs::push_paragraph(
                &mut method_docs,
                &format!(
                    "The response of [`Client::{fn_name}`](crate::Client::{fn_name}) as \
                     server-sent events, read as they arrive."
                ),
            );
        }
        let item = match &data {
            EventData::Json(ty) => format!("`{ty}` (each event's data, as JSON)"),
            EventData::Text => "the text of each event's data".to_owned(),
        };
        docs::push_paragraph(
            &mut method_docs,
            &format!(
                "Awaiting the call sends the request and returns when the response headers \
                 arrive; its body is an [`EventStream`](crate::runtime::EventStream) of {item}. \
                 The stream ends at the end of the response or at a `[DONE]` event; an `error` \
                 event ends it with `Error::Event`. It may last as long as events keep coming: \
                 instead of the client's total timeout, each wait for more of it is bounded by \
                 the idle timeout (`ClientBuilder::idle_timeout`, or this call's \
                 `Call::timeout`)."
            ),
        );
        if let Some(flag) = &flag {
            let field = flag.field.bare();
            docs::push_paragraph(
                &mut method_docs,
                &format!("The body's `{field}` is sent as `true`, whatever it holds."),
            );
        }
        (
            Some(Streaming {
                method_name,
                request_fn,
                response_fn,
                events_fn: names::fixed::events_fn(),
                data,
                replaces_main,
                statuses,
                docs: method_docs,
            }),
            flag,
        )
    }

    /// The boolean `stream` field of a request body's struct, if it has one.
    fn stream_flag(&self, ty: &TypeRef) -> Option<StreamFlag> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let def = self.types.get(name)?;
        let TypeKind::Struct(body) = &def.kind else {
            return None;
        };
        body.fields
            .iter()
            .find(|field| field.wire_name == "stream" && field.ty == TypeRef::Scalar(Scalar::Bool))
            .map(|field| StreamFlag {
                field: field.name.clone(),
                optional: field.optional(),
            })
    }
}
