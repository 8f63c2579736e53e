//! Decoding an operation's responses: the types of its success and error bodies, their
//! decoders, and the enums and decoder closures of responses that differ by status.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{ident, rust_type};
use crate::ir::{ErrorBody, Operation, ResponseBody, Success};

pub(super) fn body_decoder(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(_) => quote!(crate::runtime::response::json),
        ResponseBody::Empty => quote!(crate::runtime::response::empty),
        ResponseBody::Text => quote!(crate::runtime::response::text),
        ResponseBody::Bytes | ResponseBody::Stream => quote!(crate::runtime::response::bytes),
    }
}

pub(super) fn body_type(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(ty) => rust_type(ty),
        ResponseBody::Empty => quote!(()),
        ResponseBody::Text => quote!(::std::string::String),
        ResponseBody::Bytes | ResponseBody::Stream => quote!(::bytes::Bytes),
    }
}

/// The success type of an operation, from outside its module.
pub(in crate::emit) fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::Single { body, .. } => body_type(body),
        Success::Several { name, .. } => {
            let module = ident(&op.fn_name);
            let name = ident(name);
            quote!(crate::operations::#module::#name)
        }
    }
}

pub(in crate::emit) fn error_type(op: &Operation) -> TokenStream {
    match &op.error_body {
        ErrorBody::None => quote!(()),
        ErrorBody::Json(ty) => rust_type(ty),
        ErrorBody::Several { name, .. } => {
            let module = ident(&op.fn_name);
            let name = ident(name);
            quote!(crate::operations::#module::#name)
        }
    }
}

/// A decoder closure choosing among `arms` (`status => decode`) by the matched status.
pub(super) fn by_status(arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    quote! {
        |status, body| match status {
            #(#arms)*
            other => ::std::result::Result::Err(crate::runtime::DecodeError::Undeclared(other)),
        }
    }
}

/// An operation's enum of responses by status (successes, or error bodies).
pub(super) fn outcome_enum(
    doc: &str,
    name: &Ident,
    variants: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}
