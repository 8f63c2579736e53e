//! `src/operations.rs`: each operation as a module of two functions without I/O:
//! `request` builds the request (path, parameters in their styles, body, credentials),
//! `response` decodes a response by its status.
//!
//! This file writes the file's header (its attributes, the security-scheme constants and
//! the error-status lists) and each operation's module; the parts of a module come from
//! `responses` (decoding by status), `request` (parameters, arguments and bodies),
//! `streaming` (the streaming method's items) and `pagination` (the page listing's items).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{
    Chunk, Piece, SourceFile, allow_attribute, doc_attr, docs, file_header, gates, ident,
    rust_type, status, with_header,
};
use crate::ir::{
    Api, ErrorBody, Operation, ParamLocation, PathPart, ResponseBody, SecurityKind, Success,
};
use crate::names;

mod pagination;
mod request;
mod responses;
mod streaming;

use pagination::pagination_items;
pub(super) use request::arguments_with;
use request::{add_param, arguments, body_statements, by_ref, optional_params, path_param_part};
use responses::{body_decoder, body_type, by_status, outcome_enum};
pub(super) use responses::{error_type, success_type};
use streaming::{stream_flag, streaming_items};

/// The pieces of a chunk of operations, one module per operation (the first chunk of a
/// file also has the file's attributes and shared items, or its import).
pub(super) fn chunk<'a>(api: &'a Api, chunk: &Chunk<'a>) -> Vec<Piece<'a>> {
    let header = file_header(api, chunk, |modules| header(api, modules));
    let modules = chunk.items_in(&api.operations).map(Piece::Operation);
    with_header(header, modules)
}

fn header(api: &Api, feature_modules: TokenStream) -> TokenStream {
    let error_sets = api.error_sets.iter().map(|set| {
        let name = ident(&set.const_name);
        let statuses = set.statuses.iter().map(|key| status(*key));
        let cfg = gates::cfg(&set.gate);
        quote! {
            #[doc = " Declared error statuses; every operation that declares exactly these uses this list."]
            #cfg
            pub(crate) const #name: &[crate::runtime::Status] = &[#(#statuses),*];
        }
    });
    let schemes = api.security_schemes.iter().filter(|scheme| scheme.used).map(|scheme| {
        let name = &scheme.name;
        let constant = ident(&scheme.const_name);
        let kind = match &scheme.kind {
            SecurityKind::Bearer => quote!(crate::runtime::SchemeKind::Bearer),
            SecurityKind::Basic => quote!(crate::runtime::SchemeKind::Basic),
            SecurityKind::ApiKeyHeader(header) => {
                let header = header.to_ascii_lowercase();
                quote!(crate::runtime::SchemeKind::ApiKeyHeader(#header))
            }
            SecurityKind::ApiKeyQuery(param) => {
                quote!(crate::runtime::SchemeKind::ApiKeyQuery(#param))
            }
            SecurityKind::ApiKeyCookie(cookie) => {
                quote!(crate::runtime::SchemeKind::ApiKeyCookie(#cookie))
            }
        };
        let doc = doc_attr(&format!(" The `{name}` security scheme."));
        let cfg = gates::cfg(&scheme.gate);
        quote! {
            #doc
            #cfg
            pub(crate) const #constant: crate::runtime::Scheme = crate::runtime::Scheme { name: #name, kind: #kind };
        }
    });
    let allow = allow_attribute(SourceFile::Operations);
    quote! {
        #![doc = " Each operation as two functions without I/O: `request` builds the HTTP request,"]
        #![doc = " `response` decodes the HTTP response. [`crate::Client`] sends and retries."]
        #allow
        #(#schemes)*
        #(#error_sets)*
        #feature_modules
    }
}

pub(super) fn operation_module(op: &Operation) -> TokenStream {
    let module = ident(&op.fn_name);
    let doc = docs(&op.module_docs);
    let method = Ident::new(op.method.as_str(), Span::call_site());
    let (declared, _) = arguments(op);

    let params_struct = op.params_struct.as_ref().map(|params| {
        let name = ident(&params.name);
        let fields = optional_params(op).into_iter().map(|p| {
            let name = ident(&p.name);
            let ty = rust_type(&p.ty);
            let doc = docs(&p.docs);
            quote! {
                #doc
                pub #name: ::std::option::Option<#ty>,
            }
        });
        let doc = doc_attr(&format!(
            " Optional parameters; `{name}::default()` sends none."
        ));
        quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
            }
        }
    });

    let path_parts = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(crate::runtime::PathPart::Literal(#text)),
        PathPart::Param(index) => path_param_part(&op.params[*index]),
    });
    // Written again by the request functions of alternative bodies.
    let path_parts: Vec<TokenStream> = path_parts.collect();
    let required_params: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.required && p.location != ParamLocation::Path)
        .map(|p| {
            let name = ident(&p.name);
            add_param(p, quote!(#name), by_ref(p))
        })
        .collect();
    let optional: Vec<TokenStream> = optional_params(op)
        .into_iter()
        .map(|p| {
            let name = ident(&p.name);
            let add = add_param(p, quote!(value), true);
            let params = op
                .params_struct
                .as_ref()
                .map(|params| ident(&params.argument));
            quote! {
                if let ::std::option::Option::Some(value) = &#params.#name {
                    #add
                }
            }
        })
        .collect();
    let body = op
        .body
        .as_ref()
        .map(|body| body_statements(body, &op.body_argument));
    let security = (!op.security.is_empty()).then(|| {
        let alternatives = op.security.iter().map(|requirement| {
            let schemes = requirement.iter().map(ident);
            quote!(&[#(super::#schemes),*])
        });
        quote!(request.security(&[#(#alternatives),*]);)
    });
    let server = op.server.as_ref().map(|url| quote!(request.server(#url);));
    let idempotency = op
        .idempotency_header
        .as_ref()
        .map(|name| quote!(request.idempotency_header(#name);));
    // A request function, with `body` setting the body (if the operation has one).
    let request_fn = |doc: TokenStream,
                      name: Ident,
                      declared: &[TokenStream],
                      body: Option<&TokenStream>| {
        let unchanged = required_params.is_empty()
            && optional.is_empty()
            && body.is_none()
            && security.is_none()
            && server.is_none()
            && idempotency.is_none();
        let mutable = (!unchanged).then(|| quote!(mut));
        quote! {
            #doc
            pub fn #name(#(#declared),*) -> ::std::result::Result<crate::runtime::Request, crate::runtime::RequestError> {
                let #mutable request = crate::runtime::Request::new(::http::Method::#method, &[#(#path_parts),*])?;
                #(#required_params)*
                #(#optional)*
                #body
                #security
                #server
                #idempotency
                ::std::result::Result::Ok(request)
            }
        }
    };
    // The body with its `stream` flag set: `true` when the main request streams.
    let flagged = |value: bool| {
        op.body.as_ref().map(|main| {
            let set = body_statements(main, &op.body_argument);
            match &op.stream_flag {
                Some(flag) => {
                    let set_flag = stream_flag(main, flag, &op.body_argument, value);
                    quote!(#set_flag #set)
                }
                None => set,
            }
        })
    };
    let streams_main = op.streaming.as_ref().is_some_and(|s| s.replaces_main);
    let main_body = if op.streaming.is_some() {
        flagged(streams_main)
    } else {
        body
    };
    let request = request_fn(
        quote!(#[doc = " Builds the request; nothing is sent."]),
        ident(&names::fixed::request_fn()),
        &declared,
        main_body.as_ref(),
    );
    let stream_request = op
        .streaming
        .as_ref()
        .filter(|streaming| !streaming.replaces_main)
        .map(|streaming| {
            request_fn(
                quote!(#[doc = " Builds the request of the streaming method; nothing is sent."]),
                ident(&streaming.request_fn),
                &declared,
                flagged(true).as_ref(),
            )
        });

    let success = success_type(op);
    let error = error_type(op);
    let error_set = ident(&op.error_set);
    let (error_decoder, error_enum) = match &op.error_body {
        ErrorBody::None => (quote!(crate::runtime::response::empty), None),
        ErrorBody::Json(_) => (quote!(crate::runtime::response::json), None),
        ErrorBody::Several { name, variants } => {
            let name = ident(name);
            let enum_variants = variants.iter().map(|v| {
                let variant = ident(&v.name);
                let statuses: Vec<String> = v.statuses.iter().map(|s| format!("`{s}`")).collect();
                let doc = match statuses.as_slice() {
                    [one] => format!(" The body of status {one}."),
                    several => format!(" The body of statuses {}.", several.join(", ")),
                };
                let ty = rust_type(&v.ty);
                quote!(#[doc = #doc] #variant(#ty),)
            });
            let arms = variants.iter().map(|v| {
                let variant = ident(&v.name);
                let keys = v.statuses.iter().map(|s| status(*s));
                quote! {
                    #(#keys)|* => crate::runtime::response::json(status, body).map(#name::#variant),
                }
            });
            let decoder = by_status(arms);
            let definition = outcome_enum(
                " The bodies of the declared errors, by status: they differ in type.",
                &name,
                enum_variants,
            );
            (decoder, Some(definition))
        }
    };
    let (success_statuses, success_decoder, success_enum) = match &op.success {
        Success::Single { statuses, body } => {
            let statuses: Vec<TokenStream> = statuses.iter().map(|s| status(*s)).collect();
            let decoder = body_decoder(body);
            (statuses, decoder, None)
        }
        Success::Several { name, variants } => {
            let name = ident(name);
            let statuses: Vec<TokenStream> = variants.iter().map(|v| status(v.status)).collect();
            let enum_variants = variants.iter().map(|v| {
                let variant = ident(&v.name);
                let doc = format!(" Status `{}`.", v.status);
                match &v.body {
                    ResponseBody::Empty => quote!(#[doc = #doc] #variant,),
                    body => {
                        let ty = body_type(body);
                        quote!(#[doc = #doc] #variant(#ty),)
                    }
                }
            });
            let arms = variants.iter().map(|v| {
                let variant = ident(&v.name);
                let key = status(v.status);
                match &v.body {
                    ResponseBody::Empty => {
                        quote!(#key => ::std::result::Result::Ok(#name::#variant),)
                    }
                    body => {
                        let decoder = body_decoder(body);
                        quote!(#key => #decoder(status, body).map(#name::#variant),)
                    }
                }
            });
            let decoder = by_status(arms);
            let definition =
                outcome_enum(" The successful outcomes, by status.", &name, enum_variants);
            (statuses, decoder, Some(definition))
        }
    };

    let alternatives = op.alternatives.iter().map(|alternative| {
        let (declared, _) = arguments_with(op, Some(&alternative.body));
        let body = body_statements(&alternative.body, &op.body_argument);
        let doc = doc_attr(&format!(
            " Builds the request with a `{}` body; nothing is sent.",
            alternative.body.content_type
        ));
        request_fn(doc, ident(&alternative.request_fn), &declared, Some(&body))
    });

    let streaming = op
        .streaming
        .as_ref()
        .map(|streaming| streaming_items(op, streaming, &error_set, &error_decoder));
    let pagination = op
        .pagination
        .as_ref()
        .map(|pagination| pagination_items(pagination, &success));

    let cfg = gates::cfg(&op.gate);
    quote! {
        #doc
        #cfg
        pub mod #module {
            #params_struct
            #success_enum
            #error_enum

            #request
            #stream_request
            #(#alternatives)*
            #streaming
            #pagination

            #[doc = " Decodes a received response into the operation's result."]
            pub fn response(response: ::http::Response<::bytes::Bytes>) -> ::std::result::Result<crate::runtime::Response<#success>, crate::runtime::Error<#error>> {
                crate::runtime::response::decode(
                    response,
                    &[#(#success_statuses),*],
                    #success_decoder,
                    super::#error_set,
                    #error_decoder,
                )
            }
        }
    }
}
