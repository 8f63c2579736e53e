//! `src/operations.rs`: each operation as a module of two functions without I/O:
//! `request` builds the request (path, parameters in their styles, body, credentials),
//! `response` decodes a response by its status.

use std::ops::Range;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{SourceFile, adapter, allow_attribute, doc_attr, docs, ident, rust_type, status};
use crate::ir::{
    Adapter, Api, BodyEncoding, ErrorBody, EventData, FormStyle, ItemsAccess, Operation, PageNext,
    Pagination, Param, ParamLocation, ParamShape, ParamStyle, Parts, Passing, PathPart,
    RequestBody, ResponseBody, Scalar, SecurityKind, StreamFlag, Streaming, Success, TypeRef,
};
use crate::names::{self, RustName};

fn body_decoder(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(_) => quote!(crate::runtime::response::json),
        ResponseBody::Empty => quote!(crate::runtime::response::empty),
        ResponseBody::Text => quote!(crate::runtime::response::text),
        ResponseBody::Bytes | ResponseBody::Stream => quote!(crate::runtime::response::bytes),
    }
}

fn body_type(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(ty) => rust_type(ty),
        ResponseBody::Empty => quote!(()),
        ResponseBody::Text => quote!(::std::string::String),
        ResponseBody::Bytes | ResponseBody::Stream => quote!(::bytes::Bytes),
    }
}

/// The success type of an operation, from outside its module.
pub(super) fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::Single { body, .. } => body_type(body),
        Success::Several { name, .. } => {
            let module = ident(&op.fn_name);
            let name = ident(name);
            quote!(crate::operations::#module::#name)
        }
    }
}

pub(super) fn error_type(op: &Operation) -> TokenStream {
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
fn by_status(arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    quote! {
        |status, body| match status {
            #(#arms)*
            other => ::std::result::Result::Err(crate::runtime::DecodeError::Undeclared(other)),
        }
    }
}

/// An operation's enum of responses by status (successes, or error bodies).
fn outcome_enum(
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

/// The type of a required parameter in a signature.
fn argument_type(param: &Param) -> TokenStream {
    let ty = rust_type(&param.ty);
    match (param.passing, &param.ty) {
        (Passing::Str, _) => quote!(&str),
        (Passing::Slice, TypeRef::List(inner)) => {
            let inner = rust_type(inner);
            quote!(&[#inner])
        }
        (Passing::Value, _) => ty,
        (Passing::Optional, _) => quote!(::std::option::Option<#ty>),
        (Passing::Slice | Passing::Ref, _) => quote!(&#ty),
    }
}

/// Whether a parameter's value is held by reference (not a `Copy` value).
fn by_ref(param: &Param) -> bool {
    param.passing != Passing::Value
}

/// An expression that displays the parameter value `value` (a reference or `Copy` value)
/// as it goes on the wire.
fn display_value(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::DateTime) => quote!(&crate::runtime::codec::rfc3339(&#value)),
        _ => quote!(&#value),
    }
}

/// The `runtime::param::Value` of a parameter whose value is in `value` (a reference
/// when `by_ref`, else a `Copy` value).
fn param_value(param: &Param, value: TokenStream, by_ref: bool) -> TokenStream {
    let wire = &param.wire_name;
    let reference = if by_ref {
        value.clone()
    } else {
        quote!(&#value)
    };
    match param.shape {
        ParamShape::Scalar => {
            let shown = display_value(&param.ty, value);
            quote!(crate::runtime::param::Value::display(#shown))
        }
        ParamShape::List => match &param.ty {
            TypeRef::List(inner) if **inner == TypeRef::Scalar(Scalar::DateTime) => quote! {
                crate::runtime::param::Value::list(#value.iter().map(crate::runtime::codec::rfc3339))
            },
            _ => quote!(crate::runtime::param::Value::list(#value)),
        },
        ParamShape::Serialized => {
            quote!(crate::runtime::param::Value::serialize(#wire, #reference)?)
        }
        ParamShape::Json => quote!(crate::runtime::param::Value::json(#wire, #reference)?),
    }
}

/// The runtime's `QueryStyle` for a query parameter's style.
fn query_style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::SpaceDelimited => quote!(crate::runtime::param::QueryStyle::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(crate::runtime::param::QueryStyle::PipeDelimited),
        ParamStyle::DeepObject => quote!(crate::runtime::param::QueryStyle::DeepObject),
        // Lowering gives query parameters query styles only.
        _ => quote!(crate::runtime::param::QueryStyle::Form),
    }
}

/// The runtime's `PathStyle` for a path parameter's style.
fn path_style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Label => quote!(crate::runtime::param::PathStyle::Label),
        ParamStyle::Matrix => quote!(crate::runtime::param::PathStyle::Matrix),
        // Lowering gives path parameters path styles only.
        _ => quote!(crate::runtime::param::PathStyle::Simple),
    }
}

/// The path part of a path parameter: a scalar in style `simple` through `Display`,
/// anything else styled by the runtime.
fn path_param_part(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let name = ident(&param.name);
    let by_ref = by_ref(param);
    if param.shape == ParamShape::Scalar && param.style == ParamStyle::Simple {
        let value = display_value(&param.ty, quote!(#name));
        return quote!(crate::runtime::PathPart::Param(#wire, #value));
    }
    let value = param_value(param, quote!(#name), by_ref);
    let style = path_style(param.style);
    let explode = param.explode;
    quote!(crate::runtime::PathPart::Styled(#wire, &#value, #style, #explode))
}

/// Statements adding a query, header or cookie parameter whose value is in `value` (a
/// reference when `by_ref`, else a `Copy` value).
fn add_param(param: &Param, value: TokenStream, by_ref: bool) -> TokenStream {
    let wire = &param.wire_name;
    let explode = param.explode;
    let fast = !param.allow_reserved && param.style == ParamStyle::Form;
    match (param.location, param.shape) {
        (ParamLocation::Query, ParamShape::Scalar) if fast => {
            let shown = display_value(&param.ty, value);
            quote!(request.query(#wire, #shown);)
        }
        (ParamLocation::Query, ParamShape::List) if fast => match &param.ty {
            TypeRef::List(inner) if **inner == TypeRef::Scalar(Scalar::DateTime) => quote! {
                let formatted: ::std::vec::Vec<::std::string::String> =
                    #value.iter().map(crate::runtime::codec::rfc3339).collect();
                request.query_list(#wire, &formatted, #explode);
            },
            _ => quote!(request.query_list(#wire, #value, #explode);),
        },
        (ParamLocation::Query, _) => {
            let value = param_value(param, value, by_ref);
            let style = query_style(param.style);
            let allow_reserved = param.allow_reserved;
            quote!(request.query_styled(#wire, &#value, #style, #explode, #allow_reserved);)
        }
        (ParamLocation::Header, ParamShape::Scalar) => {
            let wire = wire.to_ascii_lowercase();
            let shown = display_value(&param.ty, value);
            quote!(request.header(#wire, #shown)?;)
        }
        (ParamLocation::Header, _) => {
            let wire = wire.to_ascii_lowercase();
            let value = param_value(param, value, by_ref);
            quote!(request.header_styled(#wire, &#value, #explode)?;)
        }
        (ParamLocation::Cookie, _) => {
            let value = param_value(param, value, by_ref);
            quote!(request.cookie(#wire, &#value, #explode);)
        }
        (ParamLocation::Path, _) => TokenStream::new(),
    }
}

/// Optional query, header and cookie parameters, which go in the operation's `Params`.
fn optional_params(op: &Operation) -> Vec<&Param> {
    op.params
        .iter()
        .filter(|p| p.passing == Passing::Optional)
        .collect()
}

/// The argument list of the request function and client method, and the names to pass.
fn arguments(op: &Operation) -> (Vec<TokenStream>, Vec<Ident>) {
    arguments_with(op, op.body.as_ref())
}

/// [`arguments`] with `body` as the request body (an alternative body's).
pub(super) fn arguments_with(
    op: &Operation,
    body: Option<&RequestBody>,
) -> (Vec<TokenStream>, Vec<Ident>) {
    let mut declared = Vec::new();
    let mut names = Vec::new();
    for param in op.params.iter().filter(|p| p.passing != Passing::Optional) {
        let name = ident(&param.name);
        let ty = argument_type(param);
        declared.push(quote!(#name: #ty));
        names.push(name);
    }
    if let Some(body) = body {
        let ty = match body.encoding {
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
                let ty = rust_type(&body.ty);
                quote!(&#ty)
            }
            BodyEncoding::Bytes => quote!(::bytes::Bytes),
            BodyEncoding::Text => quote!(::std::string::String),
        };
        let ty = if body.required {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        };
        let name = ident(&op.body_argument);
        declared.push(quote!(#name: #ty));
        names.push(name);
    }
    if let Some(params) = &op.params_struct {
        let module = ident(&op.fn_name);
        let name = ident(&params.argument);
        let ty = ident(&params.name);
        declared.push(quote!(#name: &crate::operations::#module::#ty));
        names.push(name);
    }
    (declared, names)
}

/// The tokens of the operations `range` (the first chunk also has the file's attributes
/// and the constants operations share).
pub(super) fn chunk(api: &Api, range: Range<usize>) -> TokenStream {
    let header = (range.start == 0).then(|| header(api));
    let modules = api.operations[range].iter().map(operation_module);
    quote!(#header #(#modules)*)
}

fn header(api: &Api) -> TokenStream {
    let error_sets = api.error_sets.iter().map(|set| {
        let name = ident(&set.const_name);
        let statuses = set.statuses.iter().map(|key| status(*key));
        quote! {
            #[doc = " Declared error statuses; every operation that declares exactly these uses this list."]
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
        quote! {
            #doc
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
    }
}

fn operation_module(op: &Operation) -> TokenStream {
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

    quote! {
        #doc
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

/// Statements setting the request body from the argument `argument`.
fn body_statements(body: &RequestBody, argument: &RustName) -> TokenStream {
    let value = ident(argument);
    let content_type = &body.content_type;
    let set = match body.encoding {
        BodyEncoding::Json if content_type == "application/json" => {
            quote!(request.json(#value)?;)
        }
        BodyEncoding::Json => quote!(request.json_as(#content_type, #value)?;),
        BodyEncoding::Bytes | BodyEncoding::Text => {
            quote!(request.body(#content_type, ::bytes::Bytes::from(#value));)
        }
        BodyEncoding::Form => {
            let properties = body.properties.iter().map(|property| {
                let name = &property.wire_name;
                let style = match property.style {
                    None => quote!(::std::option::Option::None),
                    Some(style) => {
                        let variant = match style {
                            FormStyle::Form => quote!(Form),
                            FormStyle::SpaceDelimited => quote!(SpaceDelimited),
                            FormStyle::PipeDelimited => quote!(PipeDelimited),
                            FormStyle::DeepObject => quote!(DeepObject),
                        };
                        quote!(::std::option::Option::Some(crate::runtime::form::Style::#variant))
                    }
                };
                let explode = property.explode;
                let json = property.json;
                quote! {
                    crate::runtime::form::Property { name: #name, style: #style, explode: #explode, json: #json }
                }
            });
            quote!(request.form(#content_type, body, &[#(#properties),*])?;)
        }
        BodyEncoding::Multipart => {
            let parts = match &body.parts {
                Some(parts) => multipart_parts(parts, &value),
                None => quote!(form.properties(#value)?;),
            };
            let mutable = if parts.is_empty() {
                TokenStream::new()
            } else {
                quote!(mut)
            };
            quote! {
                let #mutable form = crate::runtime::Multipart::new();
                #parts
                request.multipart(&form);
            }
        }
    };
    if body.required {
        set
    } else {
        quote! {
            if let ::std::option::Option::Some(#value) = #value {
                #set
            }
        }
    }
}

/// Statements adding a part (or a part per item) per field of a struct body to `form`.
fn multipart_parts(parts: &Parts, body: &Ident) -> TokenStream {
    let content_type = |content_type: &Option<String>| match content_type {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    };
    /// The call adding the parts of `value`, a reference to a value of type `ty` read
    /// through `wire` (its adapter, if any).
    fn add(
        wire: &str,
        ty: &TypeRef,
        adapted: Option<&Adapter>,
        value: TokenStream,
        content_type: TokenStream,
    ) -> TokenStream {
        let file = TypeRef::Scalar(Scalar::File);
        match ty {
            TypeRef::Scalar(Scalar::File) => quote!(form.file(#wire, #value, #content_type)?;),
            TypeRef::List(inner) if **inner == file => {
                quote!(form.files(#wire, #value, #content_type)?;)
            }
            _ => match adapted.map(adapter) {
                Some(a) => quote!(form.value_as::<#a, _>(#wire, #value, #content_type)?;),
                None => quote!(form.value(#wire, #value, #content_type)?;),
            },
        }
    }
    let fields = parts.fields.iter().map(|part| {
        let member = ident(&part.field);
        let wire = &part.wire_name;
        let content_type = content_type(&part.content_type);
        if part.optional {
            let add = add(
                wire,
                &part.ty,
                part.adapter.as_ref(),
                quote!(value),
                content_type,
            );
            quote! {
                if let ::std::option::Option::Some(value) = &#body.#member {
                    #add
                }
            }
        } else {
            add(
                wire,
                &part.ty,
                part.adapter.as_ref(),
                quote!(&#body.#member),
                content_type,
            )
        }
    });
    let additional = parts.additional.as_ref().map(|extra| {
        let member = ident(&extra.name);
        let value = match extra.adapter.as_ref().map(adapter) {
            Some(a) => quote!(form.value_as::<#a, _>(name, value, ::std::option::Option::None)?;),
            None => quote!(form.value(name, value, ::std::option::Option::None)?;),
        };
        quote! {
            for (name, value) in &#body.#member {
                #value
            }
        }
    });
    quote!(#(#fields)* #additional)
}

/// The statement giving the body's `stream` flag `value`: `body` becomes a copy with it
/// set.
fn stream_flag(
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
fn streaming_items(
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

/// A JSON path as a `&[&str]` expression.
fn json_path(path: &[String]) -> TokenStream {
    quote!(&[#(#path),*])
}

/// An optional name or path as an `Option` expression.
fn optional(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

/// The items of an operation's module that page through its listing: the description of
/// its pagination and the function taking a page's items.
fn pagination_items(pagination: &Pagination, success: &TokenStream) -> TokenStream {
    let paging = ident(&pagination.paging_const);
    let items_fn = ident(&pagination.items_fn);
    let item = rust_type(&pagination.item_ty);
    let items_path = json_path(&pagination.items_path);
    let next = match &pagination.next {
        PageNext::PageNumber {
            page,
            first,
            size,
            link,
            total,
        } => {
            let size = optional(size.as_ref().map(|size| quote!(#size)));
            let link = optional(link.as_deref().map(json_path));
            let total = optional(total.as_deref().map(json_path));
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            quote!(crate::runtime::Next::PageNumber { page: #page, first: #first, size: #size, link: #link, total: #total })
        }
        PageNext::Cursor {
            param,
            cursor,
            has_more,
        } => {
            let cursor = json_path(cursor);
            let has_more = optional(has_more.as_deref().map(json_path));
            quote!(crate::runtime::Next::Cursor { param: #param, cursor: #cursor, has_more: #has_more })
        }
        PageNext::AfterLastItem {
            param,
            has_more,
            id,
        } => {
            let has_more = json_path(has_more);
            quote!(crate::runtime::Next::AfterLastItem { param: #param, has_more: #has_more, id: #id })
        }
        PageNext::Offset {
            offset,
            limit,
            total,
        } => {
            let limit = optional(limit.as_ref().map(|limit| quote!(#limit)));
            let total = optional(total.as_deref().map(json_path));
            quote!(crate::runtime::Next::Offset { offset: #offset, limit: #limit, total: #total })
        }
        PageNext::LinkHeader => quote!(crate::runtime::Next::LinkHeader),
        PageNext::NextLink { link } => {
            let link = json_path(link);
            quote!(crate::runtime::Next::NextLink { link: #link })
        }
    };
    let take = match &pagination.items {
        ItemsAccess::Body => quote!(body),
        ItemsAccess::Field { name, optional } => {
            let name = ident(name);
            if *optional {
                quote!(body.#name.unwrap_or_default())
            } else {
                quote!(body.#name)
            }
        }
    };
    quote! {
        #[doc = " How the listing is paginated."]
        pub(crate) const #paging: crate::runtime::Paging = crate::runtime::Paging { items: #items_path, next: #next };
        #[doc = " The items of a page."]
        pub(crate) fn #items_fn(body: #success) -> ::std::vec::Vec<#item> {
            #take
        }
    }
}
