//! Building an operation's request: its arguments, its path, query, header and cookie
//! parameters in their styles, and its body (JSON, form, multipart, bytes or text).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{adapter, ident, rust_type};
use crate::ir::{
    Adapter, BodyEncoding, FormStyle, Operation, Param, ParamLocation, ParamShape, ParamStyle,
    Parts, Passing, RequestBody, Scalar, TypeRef,
};
use crate::names::RustName;

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
pub(super) fn by_ref(param: &Param) -> bool {
    param.passing != Passing::Value
}

/// An expression that displays the parameter value `value` (a reference when `by_ref`,
/// else a `Copy` value) as it goes on the wire.
fn display_value(ty: &TypeRef, value: TokenStream, by_ref: bool) -> TokenStream {
    match (ty, by_ref) {
        (TypeRef::Scalar(Scalar::DateTime), true) => {
            quote!(&crate::runtime::codec::rfc3339(#value))
        }
        (TypeRef::Scalar(Scalar::DateTime), false) => {
            quote!(&crate::runtime::codec::rfc3339(&#value))
        }
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
            let shown = display_value(&param.ty, value, by_ref);
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
pub(super) fn path_param_part(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let name = ident(&param.name);
    let by_ref = by_ref(param);
    if param.shape == ParamShape::Scalar && param.style == ParamStyle::Simple {
        let value = display_value(&param.ty, quote!(#name), by_ref);
        return quote!(crate::runtime::PathPart::Param(#wire, #value));
    }
    let value = param_value(param, quote!(#name), by_ref);
    let style = path_style(param.style);
    let explode = param.explode;
    quote!(crate::runtime::PathPart::Styled(#wire, &#value, #style, #explode))
}

/// Statements adding a query, header or cookie parameter whose value is in `value` (a
/// reference when `by_ref`, else a `Copy` value).
pub(super) fn add_param(param: &Param, value: TokenStream, by_ref: bool) -> TokenStream {
    let wire = &param.wire_name;
    let explode = param.explode;
    let fast = !param.allow_reserved && param.style == ParamStyle::Form;
    match (param.location, param.shape) {
        (ParamLocation::Query, ParamShape::Scalar) if fast => {
            let shown = display_value(&param.ty, value, by_ref);
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
            let shown = display_value(&param.ty, value, by_ref);
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
pub(super) fn optional_params(op: &Operation) -> Vec<&Param> {
    op.params
        .iter()
        .filter(|p| p.passing == Passing::Optional)
        .collect()
}

/// The argument list of the request function and client method, and the names to pass.
pub(super) fn arguments(op: &Operation) -> (Vec<TokenStream>, Vec<Ident>) {
    arguments_with(op, op.body.as_ref())
}

/// [`arguments`] with `body` as the request body (an alternative body's).
pub(in crate::emit) fn arguments_with(
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

/// Statements setting the request body from the argument `argument`.
pub(super) fn body_statements(body: &RequestBody, argument: &RustName) -> TokenStream {
    let value = ident(argument);
    let content_type = &body.content_type;
    let set = match body.encoding {
        BodyEncoding::Json if content_type == "application/json" => {
            quote!(request.json(#value)?;)
        }
        BodyEncoding::Json => quote!(request.json_as(#content_type, #value)?;),
        BodyEncoding::Bytes => quote!(request.body(#content_type, #value);),
        BodyEncoding::Text => {
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
