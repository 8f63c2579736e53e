//! `src/models.rs`: a type per named type, with the serde impls each direction it
//! crosses the wire needs (see [`Directions`]).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{
    ALL_SERDE_IMPLS, Chunk, Piece, SourceFile, adapter, allow_attribute, deprecated, doc_attr,
    docs, file_header, gates, ident, model_type, with_header,
};
use crate::ir::{
    Api, Directions, Field, Scalar, Shape, StringEnum, Struct, Tagging, TypeDef, TypeKind, TypeRef,
    Union,
};

/// The pieces of a chunk of types, one per type (the first chunk of a file also has the
/// file's attributes, or its import).
pub(super) fn chunk<'a>(api: &'a Api, chunk: &Chunk<'a>) -> Vec<Piece<'a>> {
    let header = file_header(api, chunk, |modules| {
        let allow = allow_attribute(SourceFile::Models);
        quote! {
            #![doc = " Types of the API's request and response bodies, one per schema."]
            #allow
            #modules
        }
    });
    let types = chunk.items_in(&api.types).map(Piece::Type);
    with_header(header, types)
}

/// A type with its impls, compiled with the features that reach it.
pub(super) fn piece(def: &TypeDef) -> TokenStream {
    gates::gate_items(&gates::cfg(&def.gate), type_def(def))
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
        TypeKind::External(external) => {
            let path = external
                .path
                .iter()
                .map(|segment| Ident::new(segment, proc_macro2::Span::call_site()));
            quote! {
                #doc
                pub type #name = #(::#path)*;
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
        let doc = docs(&extra.docs);
        quote! {
            #doc
            pub #field_name: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let default = if s.default {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    let constructor = constructor(name, s);
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
        #constructor
        #serialize
        #deserialize
    }
}

/// `new`, taking the fields [`Struct::new_arguments`] lists (each as `impl Into<T>`),
/// the others empty.
fn constructor(name: &Ident, s: &Struct) -> Option<TokenStream> {
    let arguments: Vec<&Field> = s
        .new_arguments
        .iter()
        .filter_map(|index| s.fields.get(*index))
        .collect();
    if arguments.is_empty() {
        return None;
    }
    let parameters = arguments.iter().map(|field| {
        let name = ident(&field.name);
        let ty = model_type(&field.ty);
        quote!(#name: impl ::std::convert::Into<#ty>)
    });
    let values = s.fields.iter().map(|field| {
        let member = ident(&field.name);
        if arguments.iter().any(|a| a.name == field.name) {
            quote!(#member: #member.into(),)
        } else {
            quote!(#member: ::std::option::Option::None,)
        }
    });
    let additional = s.additional.as_ref().map(|extra| {
        let member = ident(&extra.name);
        quote!(#member: ::std::collections::BTreeMap::new(),)
    });
    Some(quote! {
        impl #name {
            #[doc = " A value with the required properties given and every other one left out."]
            pub fn new(#(#parameters),*) -> Self {
                Self {
                    #(#values)*
                    #additional
                }
            }
        }
    })
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
        match (
            field.adapter.as_ref().map(adapter),
            skip_none,
            field.optional(),
        ) {
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
        match extra.adapter.as_ref().map(adapter) {
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
    let locals: Vec<Ident> = s.fields.iter().map(|f| ident(&f.local)).collect();
    // Each arm is a call returning `Result<(), _>` and the `match` has one `?`: a `?` per
    // arm made type and borrow checking of large generated crates about 12 % slower.
    let reads = s.fields.iter().zip(&locals).map(|(field, local)| {
        let wire = &field.wire_name;
        // Optional properties hold the `Option` itself; required ones wrap it once more
        // to tell "missing" from "null".
        let adapter = field.adapter.as_ref().map(adapter).map(|a| {
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
            let read = match extra.adapter.as_ref().map(adapter) {
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
    let feature = ALL_SERDE_IMPLS;
    // Written as the value of its variant, whichever tagging; the derive exists behind
    // the crate feature when no request sends the type.
    let serialize = if directions.sent {
        quote!(#[derive(Clone, Debug, PartialEq, ::serde::Serialize)] #[serde(untagged)])
    } else {
        quote! {
            #[derive(Clone, Debug, PartialEq)]
            #[cfg_attr(feature = #feature, derive(::serde::Serialize), serde(untagged))]
        }
    };
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = model_type(&v.ty);
        let doc = docs(&v.docs);
        // Behind the feature too when the derive is: `serde` names no attribute without it.
        let with = v.adapter.as_ref().map(|a| {
            let path = format!("crate::runtime::codec::As::<{}>", adapter(a)).replace(' ', "");
            match directions.sent {
                true => quote!(#[serde(with = #path)]),
                false => quote!(#[cfg_attr(feature = #feature, serde(with = #path))]),
            }
        });
        quote!(#doc #variant(#with #ty),)
    });
    let other = u.other.as_ref().map(|other| {
        let other = ident(other);
        quote! {
            #[doc = " A value whose tag this client does not know, kept as received."]
            #other(::serde_json::Value),
        }
    });
    let deserialize = match &u.tagging {
        Tagging::Untagged => deserialize_untagged(name, u),
        Tagging::Internal { property } => deserialize_tagged(u, property),
    };
    let gate = gate(directions.received);
    let display = u.display.then(|| display_union(name, u));
    let conversions = u.variants.iter().filter(|v| v.from).map(|v| {
        let variant = ident(&v.name);
        let (held, value) = match &v.ty {
            TypeRef::Boxed(inner) => (&**inner, quote!(::std::boxed::Box::new(value))),
            ty => (ty, quote!(value)),
        };
        let ty = model_type(held);
        quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    quote! {
        #doc
        #serialize
        #deprecated
        pub enum #name {
            #(#variants)*
            #other
        }
        #gate
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #deserialize
            }
        }
        #(#conversions)*
        #display
    }
}

/// The body of an untagged union's `deserialize` (with `value` read): the variants'
/// shapes, and a decoder per variant for `runtime::codec::untagged` to choose from.
fn deserialize_untagged(name: &Ident, u: &Union) -> TokenStream {
    let type_name = name.to_string();
    let variants = u.variants.iter().map(|v| {
        let name = v.name.bare();
        let shape = shape(&v.shape);
        quote!(crate::runtime::codec::Variant { name: #name, shape: #shape },)
    });
    let arms = u.variants.iter().enumerate().map(|(index, v)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let variant = ident(&v.name);
        let decode = match v.adapter.as_ref().map(adapter) {
            Some(a) => quote!(crate::runtime::codec::As::<#a>::deserialize(value)),
            None => quote!(::serde_json::from_value(value)),
        };
        quote!(#index => #decode.map(Self::#variant),)
    });
    quote! {
        const VARIANTS: &[crate::runtime::codec::Variant] = &[#(#variants)*];
        crate::runtime::codec::untagged(value, #type_name, VARIANTS, |index, value| match index {
            #(#arms)*
            _ => ::std::result::Result::Err(<::serde_json::Error as ::serde::de::Error>::custom("no such variant")),
        })
        .map_err(<D::Error as ::serde::de::Error>::custom)
    }
}

/// The body of a tagged union's `deserialize` (with `value` read): by the tag, or the
/// catch-all.
fn deserialize_tagged(u: &Union, property: &str) -> TokenStream {
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let tags = &v.tags;
        quote!(#(::std::option::Option::Some(#tags))|* => ::serde_json::from_value(value).map(Self::#variant),)
    });
    let other = match &u.other {
        Some(other) => {
            let other = ident(other);
            quote!(_ => ::std::result::Result::Ok(Self::#other(value)),)
        }
        None => quote! {
            _ => ::std::result::Result::Err(<::serde_json::Error as ::serde::de::Error>::custom("unknown tag")),
        },
    };
    quote! {
        let tag = crate::runtime::codec::tag_of(&value, #property).map(::std::borrow::ToOwned::to_owned);
        let decoded = match tag.as_deref() {
            #(#arms)*
            #other
        };
        decoded.map_err(<D::Error as ::serde::de::Error>::custom)
    }
}

/// A variant's [`Shape`] as `runtime::codec::Shape`.
fn shape(shape: &Shape) -> TokenStream {
    let path = quote!(crate::runtime::codec::Shape);
    match shape {
        Shape::Any => quote!(#path::Any),
        Shape::Bool => quote!(#path::Bool),
        Shape::Integer => quote!(#path::Integer),
        Shape::Number => quote!(#path::Number),
        Shape::String => quote!(#path::String),
        Shape::Text => quote!(#path::Text),
        Shape::Enum(values) => quote!(#path::Enum(&[#(#values),*])),
        Shape::List => quote!(#path::List),
        Shape::Map => quote!(#path::Map),
        Shape::Object {
            required,
            properties,
            open,
        } => quote! {
            #path::Object { required: &[#(#required),*], properties: &[#(#properties),*], open: #open }
        },
        Shape::Union => quote!(#path::Union),
    }
}

/// `Display` for a union of scalars and string enums: the value as on the wire.
fn display_union(name: &Ident, u: &Union) -> TokenStream {
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
}
