//! The items of an operation that streams server-sent events: the `stream` flag set in
//! its body, the decoder of its streaming method's responses that are not streamed, and
//! the function turning a streamed body into typed events.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::responses::error_type;
use crate::emit::{ident, rust_type, status};
use crate::ir::{ErrorBody, EventData, Operation, RequestBody, StreamFlag, Streaming};
use crate::names::RustName;

/// The statement giving the body's `stream` flag `value`: `body` becomes a copy with it
/// set.
pub(super) fn stream_flag(
    body: &RequestBody,
    flag: &StreamFlag,
    argument: &RustName,
    value: bool,
) -> TokenStream {
    let name = ident(argument);
    let ty = rust_type(&body.ty);
    let field = ident(&flag.field);
    let value = if flag.optional {
        quote!(::std::option::Option::Some(#value))
    } else {
        quote!(#value)
    };
    if body.required {
        quote! {
            let #name = &#ty { #field: #value, ..::std::clone::Clone::clone(#name) };
        }
    } else {
        quote! {
            let #name = #name.map(|#name| #ty { #field: #value, ..::std::clone::Clone::clone(#name) });
            let #name = #name.as_ref();
        }
    }
}

/// The items of an operation's module that read its stream: the decoder of the
/// responses of its streaming method that are not streamed, and the events of one that
/// is.
pub(super) fn streaming_items(
    op: &Operation,
    streaming: &Streaming,
    error_set: &Ident,
    error_decoder: &TokenStream,
) -> TokenStream {
    let error = error_type(op);
    let (data, decode) = match &streaming.data {
        EventData::Json(ty) => (rust_type(ty), quote!(crate::runtime::sse::json)),
        EventData::Text => (
            quote!(::std::string::String),
            quote!(crate::runtime::sse::text),
        ),
    };
    let decode_error = match &op.error_body {
        ErrorBody::Json(_) => quote!(crate::runtime::sse::json_error),
        ErrorBody::None | ErrorBody::Several { .. } => quote!(crate::runtime::sse::no_error_body),
    };
    let events = ident(&streaming.events_fn);
    let response = (!streaming.replaces_main).then(|| {
        let name = ident(&streaming.response_fn);
        let statuses = streaming.statuses.iter().map(|key| status(*key));
        quote! {
            #[doc = " Decodes a response of the streaming method that is not streamed (an error)."]
            pub fn #name(response: ::http::Response<::bytes::Bytes>) -> ::std::result::Result<crate::runtime::Response<::bytes::Bytes>, crate::runtime::Error<#error>> {
                crate::runtime::response::decode(
                    response,
                    &[#(#statuses),*],
                    crate::runtime::response::bytes,
                    super::#error_set,
                    #error_decoder,
                )
            }
        }
    });
    quote! {
        #response
        #[doc = " The typed events of a streamed response's body."]
        pub(crate) fn #events(body: crate::runtime::ByteStream) -> crate::runtime::EventStream<#data, #error> {
            crate::runtime::EventStream::new(body, #decode, #decode_error)
        }
    }
}
