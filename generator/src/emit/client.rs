//! `src/client.rs`: the API's defaults (base URL, token variable, user agent) and one
//! `Client` method per operation and per body media type it also sends.

use std::ops::Range;

use proc_macro2::TokenStream;
use quote::quote;

use super::{SourceFile, allow_attribute, deprecated, doc_attr, docs, ident, operations};
use crate::ir::{Api, Operation, RequestBody, ResponseBody, Success};
use crate::names::{self, RustName};

/// The tokens of the client methods of the operations `range` (the first chunk also has
/// the file's attributes, the API's defaults and the client's constructors).
pub(super) fn chunk(api: &Api, range: Range<usize>) -> TokenStream {
    let base_url = &api.default_base_url;
    let token_env = &api.token_env;
    let base_doc = if base_url.is_empty() {
        " The spec declares no server: set the base URL with `ClientBuilder::base_url`.".to_owned()
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
    let methods = api.operations[range.clone()].iter().flat_map(|op| {
        let main = client_method(
            op,
            &op.fn_name,
            &op.docs,
            &names::fixed::request_fn(),
            op.body.as_ref(),
        );
        let alternatives = op.alternatives.iter().map(move |alternative| {
            client_method(
                op,
                &alternative.method_name,
                &alternative.docs,
                &alternative.request_fn,
                Some(&alternative.body),
            )
        });
        std::iter::once(main).chain(alternatives)
    });
    if range.start > 0 {
        return quote! {
            impl crate::runtime::Client {
                #(#methods)*
            }
        };
    }
    let allow = allow_attribute(SourceFile::Client);
    quote! {
        #![doc = " The defaults of this API and one [`Client`](crate::Client) method per operation."]
        #allow

        #base_doc
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #env_doc
        pub const TOKEN_ENV: &str = #token_env;

        #[doc = " The `User-Agent` sent by default: this crate's name and version."]
        pub const USER_AGENT: &str = ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"));

        impl crate::runtime::Client {
            #[doc = " A client authenticated with `token`, with default settings."]
            pub fn new(token: impl ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, crate::runtime::BuildError> {
                Self::builder().token(token).build()
            }

            #from_env_doc
            pub fn from_env() -> ::std::result::Result<Self, crate::runtime::BuildError> {
                Self::builder().token_from_env(TOKEN_ENV)?.build()
            }

            #[doc = " A builder starting from this API's defaults."]
            pub fn builder() -> crate::runtime::ClientBuilder {
                crate::runtime::ClientBuilder::new(DEFAULT_BASE_URL, USER_AGENT)
            }

            #(#methods)*
        }
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
            #deprecated
            pub async fn #name(&self, #(#declared),*) -> ::std::result::Result<crate::runtime::Response<crate::runtime::ByteStream>, crate::runtime::Error<#error>> {
                let request = crate::operations::#module::#request_fn(#(#passed),*)?;
                self.execute_stream(request, crate::operations::#module::response).await
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
