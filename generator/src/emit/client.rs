//! `src/client.rs`: the API's defaults (base URL, token variable, user agent) and one
//! `Client` method per operation and per body media type it also sends.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    Chunk, Piece, SourceFile, allow_attribute, deprecated, doc_attr, docs, feature_modules, gates,
    ident, operations, rust_type,
};
use crate::ir::{
    Api, EventData, Operation, Pagination, RequestBody, ResponseBody, SecurityKind, Streaming,
    Success,
};
use crate::names::{self, RustName};

/// The client methods of a chunk of operations, in one `impl` block: one piece made from
/// those operations alone, except in the first chunk of `client.rs`, which also has the
/// file's attributes, the API's defaults and the client's constructors.
pub(super) fn chunk<'a>(api: &'a Api, chunk: &Chunk<'a>) -> Vec<Piece<'a>> {
    let operations: Vec<&Operation> = chunk.items_in(&api.operations).collect();
    match (chunk.first, chunk.feature) {
        (true, None) => vec![Piece::Tokens(first_chunk(api, &operations))],
        _ => vec![Piece::ClientMethods(operations)],
    }
}

/// The `impl` block of the client methods of `operations`.
pub(super) fn methods_impl(operations: &[&Operation]) -> TokenStream {
    let methods = methods(operations);
    quote! {
        impl crate::runtime::Client {
            #(#methods)*
        }
    }
}

/// The client methods of `operations`, each compiled with its operation's features.
fn methods<'a>(operations: &'a [&'a Operation]) -> impl Iterator<Item = TokenStream> + 'a {
    operations.iter().flat_map(|op| {
        let main = match &op.streaming {
            Some(streaming) if streaming.replaces_main => TokenStream::new(),
            _ => client_method(
                op,
                &op.fn_name,
                &op.docs,
                &names::fixed::request_fn(),
                op.body.as_ref(),
            ),
        };
        let streaming = op
            .streaming
            .as_ref()
            .map(|streaming| stream_method(op, streaming));
        let pages = op
            .pagination
            .as_ref()
            .map(|pagination| pages_method(op, pagination));
        let alternatives = op.alternatives.iter().map(move |alternative| {
            client_method(
                op,
                &alternative.method_name,
                &alternative.docs,
                &alternative.request_fn,
                Some(&alternative.body),
            )
        });
        let cfg = gates::cfg(&op.gate);
        std::iter::once(main)
            .chain(streaming)
            .chain(pages)
            .chain(alternatives)
            .map(move |method| gates::gate_items(&cfg, method))
    })
}

/// The first chunk of the client: the file's attributes, the API's defaults, the
/// client's constructors, the methods of `operations` and the declarations of the
/// features' files.
fn first_chunk(api: &Api, operations: &[&Operation]) -> TokenStream {
    let base_url = &api.default_base_url;
    let token_env = &api.token_env;
    // As `ClientBuilder::build` tells a relative URL: by its lack of `scheme://`.
    let base_doc = if base_url.is_empty() {
        " The spec declares no server: set the base URL with `ClientBuilder::base_url`.".to_owned()
    } else if !base_url.contains("://") {
        format!(
            " The spec's server, relative to wherever the API is served: `{base_url}`. A \
             client needs the full URL: set it with `ClientBuilder::base_url`."
        )
    } else {
        format!(" The base URL requests go to by default: `{base_url}`.")
    };
    let base_doc = doc_attr(&base_doc);
    let env_doc = doc_attr(&format!(
        " The environment variable [`Client::from_env`](crate::Client::from_env) reads the token from: `{token_env}`."
    ));
    let from_env_doc = doc_attr(&format!(
        " A client authenticated with the token in `{token_env}`, with default settings."
    ));
    let methods = methods(operations);
    let feature_modules = feature_modules(api, SourceFile::Client);
    let allow = allow_attribute(SourceFile::Client);
    let builder = match &api.primary_scheme {
        Some(scheme) => quote! {
            crate::runtime::ClientBuilder::new(DEFAULT_BASE_URL, USER_AGENT).primary_scheme(#scheme)
        },
        None => quote!(crate::runtime::ClientBuilder::new(
            DEFAULT_BASE_URL,
            USER_AGENT
        )),
    };
    let from_env = if api.security_schemes.is_empty() {
        quote!(Self::builder().build())
    } else {
        let pairs = api.security_schemes.iter().map(|scheme| {
            let (name, var) = (&scheme.name, &scheme.env_var);
            quote!((#name, #var))
        });
        quote!(Self::builder().credentials_from_env(&[#(#pairs),*])?.build())
    };
    let from_env_doc = if api.security_schemes.len() > 1 {
        let vars: Vec<String> = api
            .security_schemes
            .iter()
            .map(|scheme| format!("`{}` ({})", scheme.env_var, scheme.name))
            .collect();
        doc_attr(&format!(
            " A client with the credential of each security scheme from its environment variable, \
             when set: {}; default settings otherwise. It fails when none is set.",
            vars.join(", ")
        ))
    } else {
        from_env_doc
    };
    let setters = api.security_schemes.iter().map(|scheme| {
        let name = ident(&scheme.setter);
        let scheme_name = &scheme.name;
        let kind = match &scheme.kind {
            SecurityKind::Bearer => "sent as `Authorization: Bearer <credential>`".to_owned(),
            SecurityKind::Basic => {
                "sent as `Authorization: Basic <credential>`: the base64 of `user:password`"
                    .to_owned()
            }
            SecurityKind::ApiKeyHeader(header) => format!("sent in the `{header}` header"),
            SecurityKind::ApiKeyQuery(param) => format!("sent as the query parameter `{param}`"),
            SecurityKind::ApiKeyCookie(cookie) => format!("sent as the cookie `{cookie}`"),
        };
        let head = doc_attr(&format!(
            " Sets the credential of the `{scheme_name}` security scheme, {kind}. It is sent \
             only to the operations that accept this scheme; `Client::from_env` reads it from \
             `{}`.",
            scheme.env_var
        ));
        let description = if scheme.docs.is_empty() {
            TokenStream::new()
        } else {
            let lines = docs(&scheme.docs);
            quote!(#[doc = ""] #lines)
        };
        quote! {
            #head
            #description
            pub fn #name(self, credential: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.credential(#scheme_name, credential)
            }
        }
    });
    let result_error = match &api.common_error {
        Some(ty) => rust_type(ty),
        None => quote!(()),
    };
    quote! {
        #![doc = " The defaults of this API and one [`Client`](crate::Client) method per operation."]
        #allow

        #base_doc
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #env_doc
        pub const TOKEN_ENV: &str = #token_env;

        #[doc = " The `User-Agent` sent by default: this crate's name and version."]
        pub const USER_AGENT: &str = ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"));

        #[doc = " The result of a call: `Ok(T)`, or an [`Error`](crate::Error) whose declared error body is `E` (by default the one most operations declare)."]
        pub type Result<T, E = #result_error> = ::std::result::Result<T, crate::runtime::Error<E>>;

        impl crate::runtime::ClientBuilder {
            #(#setters)*
        }

        impl crate::runtime::Client {
            #[doc = " A client authenticated with `token` (for the API's main security scheme), with default settings."]
            pub fn new(token: impl ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, crate::runtime::BuildError> {
                Self::builder().token(token).build()
            }

            #from_env_doc
            pub fn from_env() -> ::std::result::Result<Self, crate::runtime::BuildError> {
                #from_env
            }

            #[doc = " A builder starting from this API's defaults."]
            pub fn builder() -> crate::runtime::ClientBuilder {
                #builder
            }

            #(#methods)*
        }

        #feature_modules
    }
}

/// A client method sending `op` with `body`, built by the operation's function
/// `request_fn`.
fn client_method(
    op: &Operation,
    method: &RustName,
    method_docs: &[String],
    request_fn: &RustName,
    body: Option<&RequestBody>,
) -> TokenStream {
    let module = ident(&op.fn_name);
    let name = ident(method);
    let request_fn = ident(request_fn);
    let doc = docs(method_docs);
    let deprecated = deprecated(op.deprecated);
    let (declared, passed) = operations::arguments_with(op, body);
    let error = operations::error_type(op);
    let streams = matches!(
        &op.success,
        Success::Single {
            body: ResponseBody::Stream,
            ..
        }
    );
    if streams {
        return quote! {
            #doc
            #[doc = ""]
            #[doc = " Awaiting the call returns when the response headers arrive; its body is read as it comes, each wait bounded by the idle timeout (`ClientBuilder::idle_timeout`) rather than the total one."]
            #deprecated
            pub fn #name(&self, #(#declared),*) -> crate::runtime::Call<'_, crate::runtime::ByteStream, #error> {
                self.call_stream(crate::operations::#module::#request_fn(#(#passed),*), crate::operations::#module::response, crate::runtime::ByteStream::open)
            }
        };
    }
    let success = operations::success_type(op);
    quote! {
        #doc
        #[doc = ""]
        #[doc = " Nothing is sent until the returned [`Call`](crate::runtime::Call) is awaited."]
        #deprecated
        pub fn #name(&self, #(#declared),*) -> crate::runtime::Call<'_, #success, #error> {
            self.call(crate::operations::#module::#request_fn(#(#passed),*), crate::operations::#module::response)
        }
    }
}

/// The client method returning the typed events of `op`'s streamed response.
fn stream_method(op: &Operation, streaming: &Streaming) -> TokenStream {
    let module = ident(&op.fn_name);
    let name = ident(&streaming.method_name);
    let request_fn = ident(&streaming.request_fn);
    let response_fn = ident(&streaming.response_fn);
    let events_fn = ident(&streaming.events_fn);
    let doc = docs(&streaming.docs);
    let deprecated = deprecated(op.deprecated);
    let (declared, passed) = operations::arguments_with(op, op.body.as_ref());
    let error = operations::error_type(op);
    let data = match &streaming.data {
        EventData::Json(ty) => rust_type(ty),
        EventData::Text => quote!(::std::string::String),
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#declared),*) -> crate::runtime::Call<'_, crate::runtime::EventStream<#data, #error>, #error> {
            self.call_stream(
                crate::operations::#module::#request_fn(#(#passed),*),
                crate::operations::#module::#response_fn,
                crate::operations::#module::#events_fn,
            )
        }
    }
}

/// The client method returning the pages of `op`'s listing.
fn pages_method(op: &Operation, pagination: &Pagination) -> TokenStream {
    let module = ident(&op.fn_name);
    let name = ident(&pagination.method_name);
    let items_fn = ident(&pagination.items_fn);
    let paging = ident(&pagination.paging_const);
    let doc = docs(&pagination.docs);
    let deprecated = deprecated(op.deprecated);
    let (declared, passed) = operations::arguments_with(op, op.body.as_ref());
    let error = operations::error_type(op);
    let success = operations::success_type(op);
    let item = rust_type(&pagination.item_ty);
    let request_fn = ident(&names::fixed::request_fn());
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#declared),*) -> crate::runtime::Pages<'_, #success, #error, #item> {
            self.pages(
                crate::operations::#module::#request_fn(#(#passed),*),
                crate::operations::#module::response,
                crate::operations::#module::#items_fn,
                &crate::operations::#module::#paging,
            )
        }
    }
}
