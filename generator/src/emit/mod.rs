//! Stage 3, emit: IR → Rust tokens, and the crate's other files as text. A printer:
//! infallible, and without decisions — every name, type, adapter and way of passing a
//! value was chosen during lowering; this stage only spells them out.
//!
//! - [`models`]: `src/models.rs`, one type per named type;
//! - [`operations`]: `src/operations.rs`, each operation's request builder and response
//!   decoder;
//! - [`client`]: `src/client.rs`, the API's defaults and one `Client` method per
//!   operation;
//! - [`webhooks`]: `src/webhooks.rs`, for APIs with webhooks, one function per webhook
//!   that decodes the body the API sends;
//! - [`crate_files`]: `src/lib.rs`, `Cargo.toml` and the runtime's files;
//! - `gates`: the `#[cfg]`s that compile each type and operation with its features;
//! - this module: the chunks output is cut into, and what every file prints the same
//!   way (identifiers, docs, types, statuses, the lints the generated code allows).
//!
//! Generated code uses absolute paths (`::std::string::String`, `crate::models::Thing`)
//! so nothing a spec names can shadow them.

pub mod client;
pub mod crate_files;
mod gates;
pub mod models;
pub mod operations;
pub mod webhooks;

pub use crate_files::{ALL_SERDE_IMPLS, DEPENDENCIES, RUNTIME_FILES, features_section};

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{
    Adapter, Api, Feature, Gate, Operation, Scalar, StatusKey, TypeDef, TypeRef, Webhook,
};
use crate::names::RustName;

/// A generated source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFile {
    /// `src/models.rs`: one type per schema.
    Models,
    /// `src/operations.rs`: request builders and response decoders.
    Operations,
    /// `src/client.rs`: defaults and one `Client` method per operation.
    Client,
    /// `src/webhooks.rs`: one function per webhook that decodes its body (only for APIs
    /// with webhooks).
    Webhooks,
}

impl SourceFile {
    /// Every generated source file, in output order.
    pub const ALL: [SourceFile; 4] = [
        SourceFile::Client,
        SourceFile::Models,
        SourceFile::Operations,
        SourceFile::Webhooks,
    ];

    /// The files generated for `api`, in output order: `webhooks.rs` only if it has
    /// webhooks.
    pub fn of(api: &Api) -> impl Iterator<Item = SourceFile> + '_ {
        Self::ALL
            .into_iter()
            .filter(|file| *file != SourceFile::Webhooks || !api.webhooks.is_empty())
    }

    /// Path inside the crate.
    pub fn path(self) -> &'static str {
        match self {
            SourceFile::Models => "src/models.rs",
            SourceFile::Operations => "src/operations.rs",
            SourceFile::Client => "src/client.rs",
            SourceFile::Webhooks => "src/webhooks.rs",
        }
    }

    /// The module's name in `lib.rs`.
    pub fn module(self) -> &'static str {
        match self {
            SourceFile::Models => "models",
            SourceFile::Operations => "operations",
            SourceFile::Client => "client",
            SourceFile::Webhooks => "webhooks",
        }
    }

    /// Whether the module is public (the client module's items are re-exported).
    pub fn public(self) -> bool {
        !matches!(self, SourceFile::Client)
    }
}

/// Items per chunk. Chunks are emitted and formatted independently (in parallel) and
/// concatenated in order; their size is fixed so the output never depends on the
/// number of threads.
pub const CHUNK_ITEMS: usize = 128;

/// A run of items of one output file: types for `models.rs`, operations for
/// `operations.rs` and `client.rs`, webhooks for `webhooks.rs`. The first chunk of a file
/// also holds the file's attributes and shared items.
///
/// In a crate with two or more features, the items that belong to exactly one feature
/// (every operation of a tag, and the types only that tag's operations use) are written
/// in that feature's own file, a private module of their file's module
/// (`src/models/droplets.rs`, whose items `models` re-exports): a build without the
/// feature then does not even parse them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The module it belongs to.
    pub file: SourceFile,
    /// The feature whose own file it is part of; `None` for the module's file.
    pub feature: Option<&'a Feature>,
    /// Its items: indices into the file's list (the API's types, operations or webhooks).
    pub items: Vec<usize>,
    /// Whether it is the first chunk of its file.
    pub first: bool,
}

impl Chunk<'_> {
    /// Its items, taken from `all`: the list its indices point into.
    fn items_in<'t, T>(&self, all: &'t [T]) -> impl Iterator<Item = &'t T> {
        self.items.iter().map(move |&index| &all[index])
    }

    /// Path of its file inside the crate.
    pub fn path(&self) -> String {
        match self.feature {
            None => self.file.path().to_owned(),
            Some(feature) => format!("src/{}/{}.rs", self.file.module(), feature.module.bare()),
        }
    }
}

/// The chunks of every file, in output order: each module's file, then its features'
/// files in the order of the features.
pub fn chunks(api: &Api) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    for file in SourceFile::of(api) {
        for (feature, items) in file_items(api, file) {
            let mut runs = items.chunks(CHUNK_ITEMS);
            let first = runs.next().unwrap_or_default();
            out.push(Chunk {
                file,
                feature,
                items: first.to_vec(),
                first: true,
            });
            out.extend(runs.map(|run| Chunk {
                file,
                feature,
                items: run.to_vec(),
                first: false,
            }));
        }
    }
    out
}

/// The items of each file of a module: the module's own file (always, if only for its
/// header), then each feature's that has any.
fn file_items(api: &Api, file: SourceFile) -> Vec<(Option<&Feature>, Vec<usize>)> {
    let gates: Vec<&Gate> = match file {
        SourceFile::Models => api.types.iter().map(|def| &def.gate).collect(),
        SourceFile::Operations | SourceFile::Client => {
            api.operations.iter().map(|op| &op.gate).collect()
        }
        // Webhooks are always compiled: one file.
        SourceFile::Webhooks => return vec![(None, (0..api.webhooks.len()).collect())],
    };
    let mut out = vec![(None, Vec::new())];
    let split = api.features.len() >= 2;
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); api.features.len()];
    for (index, gate) in gates.into_iter().enumerate() {
        let feature = match gate {
            Gate::AnyOf(features) if split && features.len() == 1 => api
                .features
                .iter()
                .position(|feature| feature.name == features[0]),
            _ => None,
        };
        match feature {
            Some(feature) => own[feature].push(index),
            None => out[0].1.push(index),
        }
    }
    out.extend(
        api.features
            .iter()
            .zip(own)
            .filter(|(_, items)| !items.is_empty())
            .map(|(feature, items)| (Some(feature), items)),
    );
    out
}

/// The features that have a file of their own in `file`'s module, in order.
fn feature_files(api: &Api, file: SourceFile) -> Vec<&Feature> {
    file_items(api, file)
        .into_iter()
        .filter_map(|(feature, _)| feature)
        .collect()
}

/// The pieces of one chunk, formatted independently and joined in order (see
/// [`crate::render`]): the file's attributes and shared items, then one piece per type,
/// operation module or webhook; the client's methods, which share an `impl` block, are
/// one piece per chunk.
pub fn chunk_pieces<'a>(api: &'a Api, chunk: &Chunk<'a>) -> Vec<Piece<'a>> {
    match chunk.file {
        SourceFile::Models => models::chunk(api, chunk),
        SourceFile::Operations => operations::chunk(api, chunk),
        SourceFile::Client => client::chunk(api, chunk),
        SourceFile::Webhooks => webhooks::chunk(api, chunk),
    }
}

/// The items of `chunk`'s file before its own, in its first chunk: in a feature's file,
/// an import that lets its items name the module's; in the module's file, what `own`
/// makes of the declarations of the features' files.
fn file_header(
    api: &Api,
    chunk: &Chunk,
    own: impl FnOnce(TokenStream) -> TokenStream,
) -> Option<TokenStream> {
    if !chunk.first {
        return None;
    }
    Some(match chunk.feature {
        Some(_) => quote! {
            #[allow(unused_imports, reason = "not every feature's items name the module's")]
            use super::*;
        },
        None => own(feature_modules(api, chunk.file)),
    })
}

/// The declarations of `file`'s features' own files, each compiled with its feature; in
/// `models` and `operations`, whose items are public, with their items re-exported.
fn feature_modules(api: &Api, file: SourceFile) -> TokenStream {
    let modules = feature_files(api, file).into_iter().map(|feature| {
        let name = &feature.name;
        let module = ident(&feature.module);
        let export = file
            .public()
            .then(|| quote!(#[cfg(feature = #name)] pub use self::#module::*;));
        quote! {
            #[cfg(feature = #name)]
            mod #module;
            #export
        }
    });
    quote!(#(#modules)*)
}

/// A chunk's pieces: the file's header items, if this chunk has them, then `items`.
fn with_header<'a>(
    header: Option<TokenStream>,
    items: impl Iterator<Item = Piece<'a>>,
) -> Vec<Piece<'a>> {
    header.map(Piece::Tokens).into_iter().chain(items).collect()
}

/// One piece of a chunk. A type, an operation's module, a webhook's function or a run of
/// client methods is made from its IR items alone, and emitted only when asked
/// ([`Piece::into_tokens`]): the render cache can tell it unchanged by its IR. Other
/// pieces are made from the whole API and are tokens already.
#[derive(Debug)]
pub enum Piece<'a> {
    /// A type of `models.rs`, with its impls.
    Type(&'a TypeDef),
    /// An operation's module in `operations.rs`.
    Operation(&'a Operation),
    /// A webhook's function in `webhooks.rs`.
    Webhook(&'a Webhook),
    /// The client methods of a run of operations, in one `impl` block of `client.rs`.
    ClientMethods(Vec<&'a Operation>),
    /// A file's attributes and shared items (with the first run of client methods).
    Tokens(TokenStream),
}

impl Piece<'_> {
    /// The piece's tokens.
    pub fn into_tokens(self) -> TokenStream {
        match self {
            Piece::Type(def) => models::piece(def),
            Piece::Operation(op) => operations::operation_module(op),
            Piece::Webhook(webhook) => webhooks::function(webhook),
            Piece::ClientMethods(operations) => client::methods_impl(&operations),
            Piece::Tokens(tokens) => tokens,
        }
    }

    /// Feeds what the piece is made from into `state`: its IR item (from which this
    /// module's functions alone make its tokens), or its tokens' text. Pieces that feed
    /// the same make the same tokens, in the same build of the generator.
    pub fn identify(&self, state: &mut impl Hasher) {
        std::mem::discriminant(self).hash(state);
        match self {
            Piece::Type(def) => def.hash(state),
            Piece::Operation(op) => op.hash(state),
            Piece::Webhook(webhook) => webhook.hash(state),
            Piece::ClientMethods(operations) => operations.hash(state),
            Piece::Tokens(tokens) => {
                // Writing into a hasher cannot fail.
                let _ = write!(HashText(state), "{tokens}");
            }
        }
    }
}

/// Text written into a hasher.
struct HashText<'a, H>(&'a mut H);

impl<H: Hasher> std::fmt::Write for HashText<'_, H> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.write(text.as_bytes());
        Ok(())
    }
}

/// Lints the generated code allows, why, and in which files.
struct Allowance {
    lints: &'static [&'static str],
    reason: &'static str,
    /// The files; `None` stands for `lib.rs`.
    files: &'static [Option<SourceFile>],
}

/// The emitted files.
const EMITTED: &[Option<SourceFile>] = &[
    Some(SourceFile::Models),
    Some(SourceFile::Operations),
    Some(SourceFile::Client),
    Some(SourceFile::Webhooks),
];

/// Every lint the generated code allows: the one list.
const ALLOWANCES: &[Allowance] = &[
    Allowance {
        lints: &["deprecated"],
        reason: "what the spec deprecates is still generated and used",
        files: EMITTED,
    },
    Allowance {
        lints: &["clippy::large_enum_variant"],
        reason: "unions hold their variants as the spec's schemas do",
        files: &[Some(SourceFile::Models)],
    },
    Allowance {
        lints: &["clippy::too_many_arguments"],
        reason: "arguments mirror the operation's parameters",
        files: &[Some(SourceFile::Operations), Some(SourceFile::Client)],
    },
    Allowance {
        lints: &["clippy::too_many_arguments"],
        reason: "a constructor takes every required property",
        files: &[Some(SourceFile::Models)],
    },
    Allowance {
        lints: &["missing_docs"],
        reason: "what the spec leaves undescribed gets no doc line made up from its name",
        files: &[Some(SourceFile::Models)],
    },
    Allowance {
        lints: &[
            "rustdoc::bare_urls",
            "rustdoc::broken_intra_doc_links",
            "rustdoc::invalid_html_tags",
            "clippy::doc_lazy_continuation",
        ],
        reason: "descriptions come from the spec as written",
        files: &[
            None,
            Some(SourceFile::Models),
            Some(SourceFile::Operations),
            Some(SourceFile::Client),
            Some(SourceFile::Webhooks),
        ],
    },
];

/// The lints `file` allows (`None` for `lib.rs`), and their reasons joined in one.
fn allowances(file: Option<SourceFile>) -> (Vec<&'static str>, String) {
    let mut lints = Vec::new();
    let mut reasons: Vec<&str> = Vec::new();
    for allowance in ALLOWANCES.iter().filter(|a| a.files.contains(&file)) {
        lints.extend(allowance.lints);
        reasons.push(allowance.reason);
    }
    (lints, reasons.join("; "))
}

/// The `#![allow(…)]` of an emitted file.
fn allow_attribute(file: SourceFile) -> TokenStream {
    let (lints, reason) = allowances(Some(file));
    let lints = lints.iter().map(|lint| {
        let path: TokenStream = lint.parse().unwrap_or_default();
        path
    });
    quote!(#![allow(#(#lints,)* reason = #reason)])
}

/// An identifier, as lowering named it.
fn ident(name: &RustName) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.bare(), Span::call_site())
    } else {
        Ident::new(name.as_str(), Span::call_site())
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
        TypeRef::Tuple(items) => {
            let items = items.iter().map(|item| {
                let ty = type_in(&item.ty, scope);
                match item.nullable {
                    true => quote!(::std::option::Option<#ty>),
                    false => ty,
                }
            });
            quote!((#(#items,)*))
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
        Scalar::F64 => quote!(f64),
        Scalar::DateTime => quote!(::time::OffsetDateTime),
        Scalar::Date => quote!(::time::Date),
        Scalar::Ipv4 => quote!(::std::net::Ipv4Addr),
        Scalar::Ipv6 => quote!(::std::net::Ipv6Addr),
        Scalar::Bytes => quote!(::bytes::Bytes),
        Scalar::Base64 => quote!(::std::vec::Vec<u8>),
        Scalar::File => quote!(crate::runtime::File),
    }
}

/// The serde adapter (see `runtime::codec`) of a value whose JSON form differs from its
/// Rust form, as a type.
fn adapter(adapter: &Adapter) -> TokenStream {
    match adapter {
        Adapter::Rfc3339 => quote!(crate::runtime::codec::Rfc3339),
        Adapter::IsoDate => quote!(crate::runtime::codec::IsoDate),
        Adapter::U64String => quote!(crate::runtime::codec::U64String),
        Adapter::I64String => quote!(crate::runtime::codec::I64String),
        Adapter::Base64 => quote!(crate::runtime::codec::Base64),
        Adapter::Same => quote!(crate::runtime::codec::Same),
        Adapter::Tuple(items) => {
            let items = items.iter().map(self::adapter);
            quote!((#(#items,)*))
        }
        Adapter::Optional(inner) => {
            let inner = self::adapter(inner);
            quote!(::std::option::Option<#inner>)
        }
        Adapter::List(inner) => {
            let inner = self::adapter(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Adapter::Map(inner) => {
            let inner = self::adapter(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        Adapter::Boxed(inner) => {
            let inner = self::adapter(inner);
            quote!(::std::boxed::Box<#inner>)
        }
    }
}

/// A declared status, as the runtime's `Status`.
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
