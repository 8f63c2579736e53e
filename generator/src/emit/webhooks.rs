//! `src/webhooks.rs` (only for APIs with webhooks, OpenAPI 3.1): one function per
//! webhook that decodes the body of the request the API sends into its payload type.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    Chunk, Piece, SourceFile, allow_attribute, deprecated, docs, ident, rust_type, with_header,
};
use crate::ir::{Api, PayloadEncoding, Webhook};

/// The pieces of a chunk of webhooks, one per webhook (the first chunk also has the
/// file's attributes).
pub(super) fn chunk<'a>(api: &'a Api, chunk: &Chunk<'a>) -> Vec<Piece<'a>> {
    let header = chunk.first.then(|| {
        let allow = allow_attribute(SourceFile::Webhooks);
        quote! {
            #![doc = " Webhooks: requests the API sends to your server. Each function decodes the body"]
            #![doc = " of one webhook's request (as your HTTP server received it) into its payload type."]
            #allow
        }
    });
    let functions = chunk.items_in(&api.webhooks).map(Piece::Webhook);
    with_header(header, functions)
}

pub(super) fn function(webhook: &Webhook) -> TokenStream {
    let doc = docs(&webhook.docs);
    let deprecated = deprecated(webhook.deprecated);
    let name = ident(&webhook.fn_name);
    let ty = rust_type(&webhook.payload.ty);
    let decode = match webhook.payload.encoding {
        PayloadEncoding::Json => {
            quote!(::serde_json::from_slice(body).map_err(crate::runtime::DecodeError::Json))
        }
        PayloadEncoding::Text => quote! {
            ::std::str::from_utf8(body)
                .map(::std::borrow::ToOwned::to_owned)
                .map_err(crate::runtime::DecodeError::Utf8)
        },
        PayloadEncoding::Bytes => {
            quote!(::std::result::Result::Ok(::bytes::Bytes::copy_from_slice(
                body
            )))
        }
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(body: &[u8]) -> ::std::result::Result<#ty, crate::runtime::DecodeError> {
            #decode
        }
    }
}
