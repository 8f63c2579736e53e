//! Stage 3, emit: IR → Rust tokens. Infallible and without decisions: every name and
//! type was chosen during lowering; this module only spells them out.
//!
//! Generated code uses absolute paths (`::std::string::String`, `crate::models::Thing`)
//! so nothing a spec names can shadow them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{
    Api, BodyEncoding, Directions, ErrorBody, Field, FormStyle, Operation, Param, ParamLocation,
    ParamShape, ParamStyle, Parts, PathPart, RequestBody, ResponseBody, Scalar, SecurityKind,
    StatusKey, StringEnum, Struct, Success, Tagging, TypeDef, TypeKind, TypeRef, Union,
};
use crate::render::ALL_SERDE_IMPLS;

/// A generated source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFile {
    /// `src/models.rs`: one type per schema.
    Models,
    /// `src/operations.rs`: request builders and response decoders.
    Operations,
    /// `src/client.rs`: defaults and one `Client` method per operation.
    Client,
}

impl SourceFile {
    /// Every generated source file, in output order.
    pub const ALL: [SourceFile; 3] = [
        SourceFile::Client,
        SourceFile::Models,
        SourceFile::Operations,
    ];

    /// Path inside the crate.
    pub fn path(self) -> &'static str {
        match self {
            SourceFile::Models => "src/models.rs",
            SourceFile::Operations => "src/operations.rs",
            SourceFile::Client => "src/client.rs",
        }
    }
}

/// Items per chunk. Chunks are emitted and formatted independently (in parallel) and
/// concatenated in order; their size is fixed so the output never depends on the
/// number of threads.
pub const CHUNK_ITEMS: usize = 128;

/// A run of items of one file: types for `models.rs`, operations for the other two. The
/// first chunk of a file also holds the file's attributes and shared items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The file it belongs to.
    pub file: SourceFile,
    /// First item.
    pub start: usize,
    /// One past the last item.
    pub end: usize,
}

/// The chunks of every file, in output order (files sorted by path).
pub fn chunks(api: &Api) -> Vec<Chunk> {
    let mut out = Vec::new();
    for file in SourceFile::ALL {
        let count = match file {
            SourceFile::Models => api.types.len(),
            SourceFile::Operations | SourceFile::Client => api.operations.len(),
        };
        let mut start = 0;
        loop {
            let end = (start + CHUNK_ITEMS).min(count);
            out.push(Chunk { file, start, end });
            if end >= count {
                break;
            }
            start = end;
        }
    }
    out
}

/// The tokens of one chunk.
pub fn emit_chunk(api: &Api, chunk: Chunk) -> TokenStream {
    let first = chunk.start == 0;
    match chunk.file {
        SourceFile::Models => {
            let header = first.then(models_header);
            let types = api.types[chunk.start..chunk.end].iter().map(type_def);
            quote!(#header #(#types)*)
        }
        SourceFile::Operations => {
            let header = first.then(|| operations_header(api));
            let modules = api.operations[chunk.start..chunk.end]
                .iter()
                .map(|op| operation_module(api, op));
            quote!(#header #(#modules)*)
        }
        SourceFile::Client => client_chunk(api, chunk.start..chunk.end),
    }
}

/// An identifier; names from lowering are valid, raw ones start with `r#`.
fn ident(name: &str) -> Ident {
    // Lowering only produces ASCII identifiers; the filter keeps this total anyway.
    let (raw, text) = match name.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, name),
    };
    let mut clean: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert(0, '_');
    }
    if raw && !matches!(clean.as_str(), "crate" | "self" | "super" | "Self" | "_") {
        Ident::new_raw(&clean, Span::call_site())
    } else {
        Ident::new(&clean, Span::call_site())
    }
}

/// `#[doc = "…"]` attributes, one per line.
fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        doc_attr(&text)
    });
    quote!(#(#lines)*)
}

/// One `#[doc = "…"]` line; text from the spec is made fit for a comment (prettyplease
/// prints doc attributes as `///` comments).
fn doc_attr(text: &str) -> TokenStream {
    let text = crate::docs::comment_safe(text);
    quote!(#[doc = #text])
}

fn deprecated(flag: bool) -> TokenStream {
    if flag {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// Where a type is spelled: inside `models` its types need no path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Models,
    Elsewhere,
}

/// The Rust type of a type reference, outside `models`.
fn rust_type(ty: &TypeRef) -> TokenStream {
    type_in(ty, Scope::Elsewhere)
}

/// The Rust type of a type reference, inside `models`.
fn model_type(ty: &TypeRef) -> TokenStream {
    type_in(ty, Scope::Models)
}

fn type_in(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Elsewhere => quote!(crate::models::#name),
            }
        }
        TypeRef::Scalar(scalar) => scalar_type(*scalar),
        TypeRef::List(inner) => {
            let inner = type_in(inner, scope);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_in(inner, scope);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = type_in(inner, scope);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeRef::Json => quote!(::serde_json::Value),
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(::std::string::String),
        Scalar::Bool => quote!(bool),
        Scalar::I32 => quote!(i32),
        Scalar::I64 | Scalar::I64String => quote!(i64),
        Scalar::U32 => quote!(u32),
        Scalar::U64 | Scalar::U64String => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::DateTime => quote!(::time::OffsetDateTime),
        Scalar::Date => quote!(::time::Date),
        Scalar::Ipv4 => quote!(::std::net::Ipv4Addr),
        Scalar::Ipv6 => quote!(::std::net::Ipv6Addr),
        Scalar::Bytes => quote!(::bytes::Bytes),
        Scalar::File => quote!(crate::runtime::File),
    }
}

/// `with = "…"` for a union variant whose type needs an adapter.
fn with_attribute(ty: &TypeRef) -> Option<TokenStream> {
    adapter_type(ty).map(|a| {
        let path = format!("crate::runtime::codec::As::<{a}>").replace(' ', "");
        quote!(with = #path)
    })
}

fn models_header() -> TokenStream {
    quote! {
        #![doc = " Types of the API's request and response bodies, one per schema."]
        #![allow(
            deprecated,
            clippy::large_enum_variant,
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            reason = "descriptions come from the spec as written; derived code touches deprecated fields"
        )]
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let doc = docs(&def.docs);
    let deprecated = deprecated(def.deprecated);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, doc, deprecated, s, def.directions),
        TypeKind::Enum(e) => enum_def(&name, doc, deprecated, e),
        TypeKind::Union(u) => union_def(&name, doc, deprecated, u, def.directions),
        TypeKind::Alias(ty) => {
            let ty = model_type(ty);
            quote! {
                #doc
                #deprecated
                pub type #name = #ty;
            }
        }
    }
}

fn field(field: &Field) -> TokenStream {
    let doc = docs(&field.docs);
    let deprecated = deprecated(field.deprecated);
    let name = ident(&field.name);
    let ty = model_type(&field.ty);
    let ty = if field.optional() {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    };
    quote! {
        #doc
        #deprecated
        pub #name: #ty,
    }
}

/// The serde adapter (see `runtime::codec`) for a type whose JSON form differs from its
/// Rust form; its shape mirrors the type's (`Vec<Rfc3339>` for `Vec<OffsetDateTime>`).
fn adapter_type(ty: &TypeRef) -> Option<TokenStream> {
    match ty {
        TypeRef::Scalar(Scalar::DateTime) => Some(quote!(crate::runtime::codec::Rfc3339)),
        TypeRef::Scalar(Scalar::Date) => Some(quote!(crate::runtime::codec::IsoDate)),
        TypeRef::Scalar(Scalar::U64String) => Some(quote!(crate::runtime::codec::U64String)),
        TypeRef::Scalar(Scalar::I64String) => Some(quote!(crate::runtime::codec::I64String)),
        TypeRef::List(inner) => adapter_type(inner).map(|a| quote!(::std::vec::Vec<#a>)),
        TypeRef::Map(inner) => adapter_type(inner)
            .map(|a| quote!(::std::collections::BTreeMap<::std::string::String, #a>)),
        TypeRef::Boxed(inner) => adapter_type(inner).map(|a| quote!(::std::boxed::Box<#a>)),
        TypeRef::Named(_) | TypeRef::Scalar(_) | TypeRef::Json => None,
    }
}

/// The local variable holding the `index`th property while an object is read (the
/// index keeps `_id` and `id` apart).
fn local(index: usize, field_name: &str) -> Ident {
    let name = crate::names::bare(field_name).trim_start_matches('_');
    ident(&format!("f{index}_{name}"))
}

fn struct_def(
    name: &Ident,
    doc: TokenStream,
    deprecated: TokenStream,
    s: &Struct,
    directions: Directions,
) -> TokenStream {
    let fields = s.fields.iter().map(field);
    let additional = s.additional.as_ref().map(|extra| {
        let field_name = ident(&extra.name);
        let value = model_type(&extra.ty);
        quote! {
            #[doc = " Properties not listed above, as received."]
            pub #field_name: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let default = if s.default {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    let serialize = serialize_struct(name, s, gate(directions.sent));
    let deserialize = deserialize_struct(name, s, gate(directions.received));
    quote! {
        #doc
        #[derive(Clone, Debug, #default PartialEq)]
        #deprecated
        pub struct #name {
            #(#fields)*
            #additional
        }
        #serialize
        #deserialize
    }
}

/// Nothing when an impl is `needed`, else the attribute that compiles it only with the
/// [`ALL_SERDE_IMPLS`] feature (see [`Directions`]).
fn gate(needed: bool) -> TokenStream {
    if needed {
        return TokenStream::new();
    }
    let feature = ALL_SERDE_IMPLS;
    quote!(#[cfg(feature = #feature)])
}

/// `Serialize` for a struct: a JSON object, optional properties left out when `None`.
fn serialize_struct(name: &Ident, s: &Struct, gate: TokenStream) -> TokenStream {
    let writes = s.fields.iter().map(|field| {
        let member = ident(&field.name);
        let wire = &field.wire_name;
        let skip_none = !field.required;
        match (adapter_type(&field.ty), skip_none, field.optional()) {
            (None, true, _) => quote!(out.optional(#wire, &self.#member)?;),
            (None, false, _) => quote!(out.field(#wire, &self.#member)?;),
            (Some(a), true, _) => quote!(out.optional_as::<#a, _>(#wire, &self.#member)?;),
            (Some(a), false, true) => {
                quote!(out.field_as::<::std::option::Option<#a>, _>(#wire, &self.#member)?;)
            }
            (Some(a), false, false) => quote!(out.field_as::<#a, _>(#wire, &self.#member)?;),
        }
    });
    let extra = s.additional.as_ref().map(|extra| {
        let member = ident(&extra.name);
        match adapter_type(&extra.ty) {
            Some(a) => quote!(out.extra_as::<#a, _>(&self.#member)?;),
            None => quote!(out.extra(&self.#member)?;),
        }
    });
    // An object with nothing to write would have a needless `mut` (a warning).
    let mutable = if s.fields.is_empty() && s.additional.is_none() {
        TokenStream::new()
    } else {
        quote!(mut)
    };
    quote! {
        #gate
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let #mutable out = crate::runtime::codec::Writer::start(serializer)?;
                #(#writes)*
                #extra
                out.end()
            }
        }
    }
}

/// `Deserialize` for a struct, through [`FromMap`](crate::runtime::codec::FromMap): one
/// `match` over property names; unknown properties are skipped or kept.
fn deserialize_struct(name: &Ident, s: &Struct, gate: TokenStream) -> TokenStream {
    let type_name = name.to_string();
    let locals: Vec<Ident> = s
        .fields
        .iter()
        .enumerate()
        .map(|(index, f)| local(index, &f.name))
        .collect();
    // Each arm is a call returning `Result<(), _>` and the `match` has one `?`: a `?` per
    // arm made type and borrow checking of large generated crates about 12 % slower.
    let reads = s.fields.iter().zip(&locals).map(|(field, local)| {
        let wire = &field.wire_name;
        // Optional properties hold the `Option` itself; required ones wrap it once more
        // to tell "missing" from "null".
        let adapter = adapter_type(&field.ty).map(|a| {
            if field.optional() {
                quote!(::std::option::Option<#a>)
            } else {
                a
            }
        });
        let read = match (adapter, field.required) {
            (None, false) => quote!(crate::runtime::codec::read(&mut map, &mut #local)),
            (None, true) => quote!(crate::runtime::codec::read_some(&mut map, &mut #local)),
            (Some(a), false) => {
                quote!(crate::runtime::codec::read_as::<#a, _, _>(&mut map, &mut #local))
            }
            (Some(a), true) => {
                quote!(crate::runtime::codec::read_some_as::<#a, _, _>(&mut map, &mut #local))
            }
        };
        quote!(#wire => #read,)
    });
    let builds = s.fields.iter().zip(&locals).map(|(field, local)| {
        let member = ident(&field.name);
        let wire = &field.wire_name;
        if field.required {
            quote!(#member: crate::runtime::codec::required::<_, M::Error>(#local, #wire)?,)
        } else {
            quote!(#member: #local,)
        }
    });
    let (extra_local, extra_arm, extra_build) = match &s.additional {
        Some(extra) => {
            let member = ident(&extra.name);
            let read = match adapter_type(&extra.ty) {
                Some(a) => quote!(
                    crate::runtime::codec::read_extra_as::<#a, _, _>(&mut map, &mut extra, key)
                ),
                None => quote!(crate::runtime::codec::read_extra(&mut map, &mut extra, key)),
            };
            (
                quote!(let mut extra = ::std::collections::BTreeMap::new();),
                quote!(_ => #read,),
                quote!(#member: extra,),
            )
        }
        None => (
            TokenStream::new(),
            quote!(_ => crate::runtime::codec::skip(&mut map),),
            TokenStream::new(),
        ),
    };
    quote! {
        #gate
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::codec::object(deserializer)
            }
        }

        #gate
        impl crate::runtime::codec::FromMap for #name {
            const NAME: &'static str = #type_name;

            fn from_map<'de, M: ::serde::de::MapAccess<'de>>(mut map: M) -> ::std::result::Result<Self, M::Error> {
                #(let mut #locals = ::std::option::Option::None;)*
                #extra_local
                while let ::std::option::Option::Some(key) = map.next_key::<crate::runtime::codec::Key<'de>>()? {
                    match key.as_str() {
                        #(#reads)*
                        #extra_arm
                    }?;
                }
                ::std::result::Result::Ok(Self {
                    #(#builds)*
                    #extra_build
                })
            }
        }
    }
}

fn enum_def(
    name: &Ident,
    doc: TokenStream,
    deprecated: TokenStream,
    e: &StringEnum,
) -> TokenStream {
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let value_docs = values.iter().map(|v| doc_attr(&format!(" `{v}`")));
    let other = ident(&e.other);
    let (derive_default, default_marks): (TokenStream, Vec<TokenStream>) = match e.default {
        Some(index) => (
            quote!(Default,),
            (0..variants.len())
                .map(|i| {
                    if i == index {
                        quote!(#[default])
                    } else {
                        TokenStream::new()
                    }
                })
                .collect(),
        ),
        None => (TokenStream::new(), vec![TokenStream::new(); variants.len()]),
    };
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        #deprecated
        pub enum #name {
            #(
                #value_docs
                #default_marks
                #variants,
            )*
            #[doc = " A value this client does not know, kept as received."]
            #other(::std::string::String),
        }

        impl #name {
            #[doc = " The value as sent on the wire."]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#other(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::codec::string_enum(deserializer)
            }
        }
    }
}

fn union_def(
    name: &Ident,
    doc: TokenStream,
    deprecated: TokenStream,
    u: &Union,
    directions: Directions,
) -> TokenStream {
    let serialize = directions.sent.then(|| quote!(::serde::Serialize,));
    let deserialize = directions.received.then(|| quote!(::serde::Deserialize,));
    let feature = ALL_SERDE_IMPLS;
    // The derives a direction does not need exist behind the crate feature.
    let gated = |needed: bool, derive: TokenStream| {
        (!needed).then(|| quote!(#[cfg_attr(feature = #feature, derive(#derive))]))
    };
    let gated_derives = [
        gated(directions.sent, quote!(::serde::Serialize)),
        gated(directions.received, quote!(::serde::Deserialize)),
    ];
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = model_type(&v.ty);
        let doc = docs(&v.docs);
        let with = with_attribute(&v.ty).map(|with| quote!(#[serde(#with)]));
        quote!(#doc #variant(#with #ty),)
    });
    match &u.tagging {
        Tagging::Untagged => {
            let display = u.display.then(|| {
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.name);
                    match v.ty {
                        TypeRef::Scalar(Scalar::DateTime) => quote! {
                            Self::#variant(value) => f.write_str(&crate::runtime::codec::rfc3339(value)),
                        },
                        _ => quote!(Self::#variant(value) => ::std::fmt::Display::fmt(value, f),),
                    }
                });
                quote! {
                    impl ::std::fmt::Display for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            match self {
                                #(#arms)*
                            }
                        }
                    }
                }
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, #serialize #deserialize)]
                #(#gated_derives)*
                #[serde(untagged)]
                #deprecated
                pub enum #name {
                    #(#variants)*
                }
                #display
            }
        }
        Tagging::Internal { property } => {
            let other = ident(u.other.as_deref().unwrap_or("Unknown"));
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.name);
                let tags = &v.tags;
                quote!(#(::std::option::Option::Some(#tags))|* => ::serde_json::from_value(value).map(Self::#variant),)
            });
            let untagged = if directions.sent {
                quote!(#[serde(untagged)])
            } else {
                quote!(#[cfg_attr(feature = #feature, derive(::serde::Serialize), serde(untagged))])
            };
            let gate = gate(directions.received);
            let deserialize = quote! {
                #gate
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                        let tag = crate::runtime::codec::tag_of(&value, #property).map(::std::borrow::ToOwned::to_owned);
                        let decoded = match tag.as_deref() {
                            #(#arms)*
                            _ => ::std::result::Result::Ok(Self::#other(value)),
                        };
                        decoded.map_err(<D::Error as ::serde::de::Error>::custom)
                    }
                }
            };
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, #serialize)]
                #untagged
                #deprecated
                pub enum #name {
                    #(#variants)*
                    #[doc = " A value whose tag this client does not know, kept as received."]
                    #other(::serde_json::Value),
                }
                #deserialize
            }
        }
    }
}

fn status(key: StatusKey) -> TokenStream {
    match key {
        StatusKey::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(crate::runtime::Status::Code(#code))
        }
        StatusKey::Range(class) => {
            let class = proc_macro2::Literal::u8_unsuffixed(class);
            quote!(crate::runtime::Status::Range(#class))
        }
        StatusKey::Default => quote!(crate::runtime::Status::Default),
    }
}

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
fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::Single { body, .. } => body_type(body),
        Success::Several { name, .. } => {
            let module = ident(&op.fn_name);
            let name = ident(name);
            quote!(crate::operations::#module::#name)
        }
    }
}

fn error_type(op: &Operation) -> TokenStream {
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

/// Whether a parameter is passed by value (small `Copy` types).
fn by_value(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Scalar(s) if !matches!(s, Scalar::String | Scalar::Bytes | Scalar::File))
}

/// The type of a required parameter in a signature.
fn argument_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::String) => quote!(&str),
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!(&[#inner])
        }
        ty if by_value(ty) => rust_type(ty),
        ty => {
            let ty = rust_type(ty);
            quote!(&#ty)
        }
    }
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
    let by_ref = !by_value(&param.ty);
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
        .filter(|p| !p.required && p.location != ParamLocation::Path)
        .collect()
}

/// The argument list of the request function and client method, and the names to pass.
fn arguments(op: &Operation) -> (Vec<TokenStream>, Vec<Ident>) {
    arguments_with(op, op.body.as_ref())
}

/// [`arguments`] with `body` as the request body (an alternative body's).
fn arguments_with(op: &Operation, body: Option<&RequestBody>) -> (Vec<TokenStream>, Vec<Ident>) {
    let mut declared = Vec::new();
    let mut names = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let name = ident(&param.name);
        let ty = argument_type(&param.ty);
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
        declared.push(quote!(body: #ty));
        names.push(ident("body"));
    }
    if !optional_params(op).is_empty() {
        let module = ident(&op.fn_name);
        declared.push(quote!(params: &crate::operations::#module::Params));
        names.push(ident("params"));
    }
    (declared, names)
}

fn operations_header(api: &Api) -> TokenStream {
    let error_sets = api.error_sets.iter().map(|set| {
        let name = ident(&set.const_name);
        let statuses = set.statuses.iter().map(|key| status(*key));
        quote! {
            #[doc = " Declared error statuses; every operation that declares exactly these uses this list."]
            pub const #name: &[crate::runtime::Status] = &[#(#statuses),*];
        }
    });
    let schemes = api.security_schemes.iter().map(|scheme| {
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
            pub const #constant: crate::runtime::Scheme = crate::runtime::Scheme { name: #name, kind: #kind };
        }
    });
    quote! {
        #![doc = " Each operation as two functions without I/O: `request` builds the HTTP request,"]
        #![doc = " `response` decodes the HTTP response. [`crate::Client`] sends and retries."]
        #![allow(
            deprecated,
            clippy::too_many_arguments,
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            reason = "descriptions come from the spec as written; arguments mirror the operation's parameters; deprecated types are still used"
        )]
        #(#schemes)*
        #(#error_sets)*
    }
}

fn operation_module(api: &Api, op: &Operation) -> TokenStream {
    let module = ident(&op.fn_name);
    let doc = docs(&op.module_docs);
    let method = ident(&op.method);
    let (declared, _) = arguments(op);

    let params_struct = {
        let optional = optional_params(op);
        (!optional.is_empty()).then(|| {
            let fields = optional.iter().map(|p| {
                let name = ident(&p.name);
                let ty = rust_type(&p.ty);
                let doc = docs(&p.docs);
                quote! {
                    #doc
                    pub #name: ::std::option::Option<#ty>,
                }
            });
            quote! {
                #[doc = " Optional parameters; `Params::default()` sends none."]
                #[derive(Clone, Debug, Default, PartialEq)]
                pub struct Params {
                    #(#fields)*
                }
            }
        })
    };

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
            add_param(p, quote!(#name), !by_value(&p.ty))
        })
        .collect();
    let optional: Vec<TokenStream> = optional_params(op)
        .into_iter()
        .map(|p| {
            let name = ident(&p.name);
            let add = add_param(p, quote!(value), true);
            quote! {
                if let ::std::option::Option::Some(value) = &params.#name {
                    #add
                }
            }
        })
        .collect();
    let body = op.body.as_ref().map(body_statements);
    let security = (!op.security.is_empty()).then(|| {
        let alternatives = op.security.iter().map(|requirement| {
            let schemes = requirement.iter().filter_map(|name| {
                api.security_schemes
                    .iter()
                    .find(|s| &s.name == name)
                    .map(|s| ident(&s.const_name))
            });
            quote!(&[#(super::#schemes),*])
        });
        quote!(request.security(&[#(#alternatives),*]);)
    });
    let server = op.server.as_ref().map(|url| quote!(request.server(#url);));
    let mutable = if required_params.is_empty()
        && optional.is_empty()
        && body.is_none()
        && security.is_none()
        && server.is_none()
    {
        TokenStream::new()
    } else {
        quote!(mut)
    };

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
        let name = ident(&alternative.request_fn);
        let (declared, _) = arguments_with(op, Some(&alternative.body));
        let body = body_statements(&alternative.body);
        let doc = doc_attr(&format!(
            " Builds the request with a `{}` body; nothing is sent.",
            alternative.body.content_type
        ));
        quote! {
            #doc
            pub fn #name(#(#declared),*) -> ::std::result::Result<crate::runtime::Request, crate::runtime::RequestError> {
                let mut request = crate::runtime::Request::new(::http::Method::#method, &[#(#path_parts),*])?;
                #(#required_params)*
                #(#optional)*
                #body
                #security
                #server
                ::std::result::Result::Ok(request)
            }
        }
    });

    quote! {
        #doc
        pub mod #module {
            #params_struct
            #success_enum
            #error_enum

            #[doc = " Builds the request; nothing is sent."]
            pub fn request(#(#declared),*) -> ::std::result::Result<crate::runtime::Request, crate::runtime::RequestError> {
                let #mutable request = crate::runtime::Request::new(::http::Method::#method, &[#(#path_parts),*])?;
                #(#required_params)*
                #(#optional)*
                #body
                #security
                #server
                ::std::result::Result::Ok(request)
            }

            #(#alternatives)*

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

/// A client method sending `op` with `body`, built by the operation's function
/// `request_fn`.
fn client_method(
    op: &Operation,
    method: &str,
    method_docs: &[String],
    request_fn: &str,
    body: Option<&RequestBody>,
) -> TokenStream {
    let module = ident(&op.fn_name);
    let name = ident(method);
    let request_fn = ident(request_fn);
    let doc = docs(method_docs);
    let deprecated = deprecated(op.deprecated);
    let (declared, passed) = arguments_with(op, body);
    let error = error_type(op);
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
    let success = success_type(op);
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

/// Statements setting the request body from the argument `body`.
fn body_statements(body: &RequestBody) -> TokenStream {
    let content_type = &body.content_type;
    let set = match body.encoding {
        BodyEncoding::Json if content_type == "application/json" => quote!(request.json(body)?;),
        BodyEncoding::Json => quote!(request.json_as(#content_type, body)?;),
        BodyEncoding::Bytes | BodyEncoding::Text => {
            quote!(request.body(#content_type, ::bytes::Bytes::from(body));)
        }
        BodyEncoding::Form => {
            let properties = body.properties.iter().map(|property| {
                let name = &property.wire_name;
                let style = match property.style {
                    None => quote!(::std::option::Option::None),
                    Some(style) => {
                        let variant = ident(match style {
                            FormStyle::Form => "Form",
                            FormStyle::SpaceDelimited => "SpaceDelimited",
                            FormStyle::PipeDelimited => "PipeDelimited",
                            FormStyle::DeepObject => "DeepObject",
                        });
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
                Some(parts) => multipart_parts(parts),
                None => quote!(form.properties(body)?;),
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
            if let ::std::option::Option::Some(body) = body {
                #set
            }
        }
    }
}

/// Statements adding a part (or a part per item) per field of a struct body to `form`.
fn multipart_parts(parts: &Parts) -> TokenStream {
    let content_type = |content_type: &Option<String>| match content_type {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    };
    /// The call adding the parts of `value`, a reference to a value of type `ty`.
    fn add(wire: &str, ty: &TypeRef, value: TokenStream, content_type: TokenStream) -> TokenStream {
        let file = TypeRef::Scalar(Scalar::File);
        match ty {
            TypeRef::Scalar(Scalar::File) => quote!(form.file(#wire, #value, #content_type)?;),
            TypeRef::List(inner) if **inner == file => {
                quote!(form.files(#wire, #value, #content_type)?;)
            }
            ty => match adapter_type(ty) {
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
            let add = add(wire, &part.ty, quote!(value), content_type);
            quote! {
                if let ::std::option::Option::Some(value) = &body.#member {
                    #add
                }
            }
        } else {
            add(wire, &part.ty, quote!(&body.#member), content_type)
        }
    });
    let additional = parts.additional.as_ref().map(|extra| {
        let member = ident(&extra.name);
        let value = match adapter_type(&extra.ty) {
            Some(a) => quote!(form.value_as::<#a, _>(name, value, ::std::option::Option::None)?;),
            None => quote!(form.value(name, value, ::std::option::Option::None)?;),
        };
        quote! {
            for (name, value) in &body.#member {
                #value
            }
        }
    });
    quote!(#(#fields)* #additional)
}

fn client_chunk(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
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
        let main = client_method(op, &op.fn_name, &op.docs, "request", op.body.as_ref());
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
    quote! {
        #![doc = " The defaults of this API and one [`Client`](crate::Client) method per operation."]
        #![allow(
            deprecated,
            clippy::too_many_arguments,
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            reason = "descriptions come from the spec as written; arguments mirror the operation's parameters; deprecated types are still used"
        )]

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
