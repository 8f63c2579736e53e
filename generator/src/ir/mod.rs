//! The intermediate representation: plain data describing the client to generate.
//!
//! [`crate::lower`] builds it from OpenAPI and makes every decision (names, types,
//! boxing, error types); [`crate::emit`] turns it into tokens without deciding anything.
//! Every name here is final and valid Rust; wire names ride along for serde and URLs.
//! Lists are sorted, so the same spec always gives the same IR.
//!
//! - this module: the API, type references, scalars and their wire adapters;
//! - `types`: the named types (structs, enums, unions, aliases);
//! - `operations`: operations, their parameters, bodies, responses and security, and
//!   how each streams its response or pages its listing;
//! - `webhooks`: the requests the API sends (OpenAPI 3.1), and their payloads.

mod operations;
mod types;
mod webhooks;

pub use operations::*;
pub use types::*;
pub use webhooks::*;

use crate::names::RustName;

/// The whole API.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.summary` and `info.description`, as doc lines.
    pub docs: Vec<String>,
    /// The licence the spec declares for the API (`info.license`).
    pub license: Option<License>,
    /// The root spec file, as named in the generated headers.
    pub spec_file: String,
    /// The base URL requests go to unless the user sets another (the first `servers` URL).
    pub default_base_url: String,
    /// Environment variable `Client::from_env` reads the token from.
    pub token_env: String,
    /// Named types, sorted by name.
    pub types: Vec<TypeDef>,
    /// Operations, sorted by function name.
    pub operations: Vec<Operation>,
    /// Security schemes the operations use, sorted by name.
    pub security_schemes: Vec<SecurityScheme>,
    /// The scheme `ClientBuilder::token` and `Client::new` set: the document's own
    /// requirement's, else the one most operations accept (its name).
    pub primary_scheme: Option<String>,
    /// The error body most operations declare: the default of the crate's `Result`.
    pub common_error: Option<TypeRef>,
    /// The distinct lists of declared error statuses, shared by the operations that
    /// declare the same ones; sorted by name.
    pub error_sets: Vec<ErrorSet>,
    /// The cargo features, one per tag, by name; `full` turns on all of them.
    pub features: Vec<Feature>,
    /// Webhooks (OpenAPI 3.1), sorted by function name.
    pub webhooks: Vec<Webhook>,
}

/// The licence of an API, as its spec declares it.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct License {
    /// Its name (`Apache 2.0`).
    pub name: String,
    /// Its SPDX expression (`Apache-2.0`; OpenAPI 3.1's `identifier`).
    pub identifier: Option<String>,
    /// Where it is written (`url`).
    pub url: Option<String>,
}

/// A list of declared error statuses several operations share.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct ErrorSet {
    /// Rust name of the generated constant.
    pub const_name: RustName,
    /// The statuses.
    pub statuses: Vec<StatusKey>,
    /// The features of the operations that use it.
    pub gate: Gate,
}

/// Which cargo features of the generated crate compile an item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Gate {
    /// Always compiled (what operations without a tag, webhooks or the crate's root use).
    #[default]
    Always,
    /// Compiled when any of these features is on (sorted, never empty).
    AnyOf(Vec<String>),
}

/// A cargo feature of the generated crate: the operations of one tag (their first), and
/// the types they use.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Feature {
    /// The feature's name (valid, unique, derived from the tag).
    pub name: String,
    /// The tag, as the spec writes it.
    pub tag: String,
    /// How many operations it compiles.
    pub operations: usize,
    /// The private module (and file name) of its share of a file split by feature
    /// (`src/models/floating_ips.rs`): unique among the features and the names of
    /// operations and types.
    pub module: RustName,
}

/// Which ways a type crosses the wire.
///
/// A type only sent in requests gets `Serialize`, one only received gets `Deserialize`;
/// types used both ways, or not by any operation, get both. Fewer impls make large
/// generated crates quicker to compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Directions {
    /// Sent in a request body: needs `Serialize`.
    pub sent: bool,
    /// Received in a response body: needs `Deserialize`.
    pub received: bool,
}

impl Directions {
    /// Both ways.
    pub const BOTH: Directions = Directions {
        sent: true,
        received: true,
    };
}

/// A Rust type as used in a field, parameter or body.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A named type from [`Api::types`].
    Named(RustName),
    /// A built-in scalar.
    Scalar(Scalar),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Box<T>`, breaking a cycle of types that contain each other.
    Boxed(Box<TypeRef>),
    /// A tuple `(A, B, …)`, a JSON array of that many items of those types, in order
    /// (`prefixItems`); at most 12 items, as Rust implements `Debug` and `PartialEq` for
    /// no longer tuples.
    Tuple(Vec<TupleItem>),
    /// Any JSON value (`serde_json::Value`).
    Json,
}

impl std::fmt::Display for TypeRef {
    /// The Rust type, short form (for messages).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeRef::Named(name) => f.write_str(name.as_str()),
            TypeRef::Scalar(scalar) => f.write_str(match scalar {
                Scalar::String => "String",
                Scalar::Bool => "bool",
                Scalar::I32 => "i32",
                Scalar::I64 | Scalar::I64String => "i64",
                Scalar::U32 => "u32",
                Scalar::U64 | Scalar::U64String => "u64",
                Scalar::F64 => "f64",
                Scalar::DateTime => "OffsetDateTime",
                Scalar::Date => "Date",
                Scalar::Ipv4 => "Ipv4Addr",
                Scalar::Ipv6 => "Ipv6Addr",
                Scalar::Bytes => "Bytes",
                Scalar::Base64 => "Vec<u8>",
                Scalar::File => "File",
            }),
            TypeRef::List(inner) => write!(f, "Vec<{inner}>"),
            TypeRef::Map(inner) => write!(f, "BTreeMap<String, {inner}>"),
            TypeRef::Boxed(inner) => write!(f, "Box<{inner}>"),
            TypeRef::Tuple(items) => {
                f.write_str("(")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                // A tuple of one is written `(T,)`.
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            TypeRef::Json => f.write_str("serde_json::Value"),
        }
    }
}

/// One item of a [`TypeRef::Tuple`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TupleItem {
    /// Its type, without the `Option` a nullable item gets.
    pub ty: TypeRef,
    /// It may be `null` (`type: [number, "null"]`): an `Option`.
    pub nullable: bool,
}

impl std::fmt::Display for TupleItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.nullable {
            true => write!(f, "Option<{}>", self.ty),
            false => write!(f, "{}", self.ty),
        }
    }
}

/// Scalars, with how they look on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f64`: every JSON number (`type: number`, whatever its `format`), read and
    /// written without loss (see `docs/design.md`, "Types").
    F64,
    /// `i64` written as a JSON string (`type: string, format: int64`).
    I64String,
    /// `u64` written as a JSON string (`type: string, format: uint64`).
    U64String,
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// A calendar date `YYYY-MM-DD` (`format: date`).
    Date,
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address.
    Ipv6,
    /// Raw bytes (`format: binary` bodies).
    Bytes,
    /// Bytes written in base64 in a JSON string (`contentEncoding: base64`): `Vec<u8>`.
    Base64,
    /// File content with a file name and content type (`format: binary` properties,
    /// which multipart bodies send as file parts): `runtime::File`.
    File,
}

/// How a value's JSON form differs from its Rust type: the serde adapter
/// (`runtime::codec`) a field, variant or part is read and written through. Its shape
/// mirrors the type's (`List(Rfc3339)` for `Vec<OffsetDateTime>`), so the same few
/// adapters work in any position.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Adapter {
    /// An RFC 3339 timestamp.
    Rfc3339,
    /// A calendar date.
    IsoDate,
    /// A `u64` written as a string.
    U64String,
    /// An `i64` written as a string.
    I64String,
    /// Bytes written as a base64 string.
    Base64,
    /// The value's own serde form: an item of a [`Adapter::Tuple`] that needs no adapter.
    Same,
    /// A tuple whose items are read through these adapters, in order.
    Tuple(Vec<Adapter>),
    /// An `Option` whose value is read through the adapter (a nullable tuple item).
    Optional(Box<Adapter>),
    /// A list of values read through the adapter.
    List(Box<Adapter>),
    /// A map of values read through the adapter.
    Map(Box<Adapter>),
    /// A boxed value read through the adapter.
    Boxed(Box<Adapter>),
}

impl Adapter {
    /// The adapter values of type `ty` need, if their JSON form is not their Rust
    /// type's own.
    pub fn of(ty: &TypeRef) -> Option<Adapter> {
        match ty {
            TypeRef::Scalar(Scalar::DateTime) => Some(Adapter::Rfc3339),
            TypeRef::Scalar(Scalar::Date) => Some(Adapter::IsoDate),
            TypeRef::Scalar(Scalar::U64String) => Some(Adapter::U64String),
            TypeRef::Scalar(Scalar::I64String) => Some(Adapter::I64String),
            TypeRef::Scalar(Scalar::Base64) => Some(Adapter::Base64),
            TypeRef::Tuple(items) => {
                let adapters: Vec<Option<Adapter>> = items
                    .iter()
                    .map(|item| {
                        let adapter = Adapter::of(&item.ty)?;
                        Some(match item.nullable {
                            true => Adapter::Optional(Box::new(adapter)),
                            false => adapter,
                        })
                    })
                    .collect();
                adapters.iter().any(Option::is_some).then(|| {
                    Adapter::Tuple(
                        adapters
                            .into_iter()
                            .map(|adapter| adapter.unwrap_or(Adapter::Same))
                            .collect(),
                    )
                })
            }
            TypeRef::List(inner) => Adapter::of(inner).map(|a| Adapter::List(Box::new(a))),
            TypeRef::Map(inner) => Adapter::of(inner).map(|a| Adapter::Map(Box::new(a))),
            TypeRef::Boxed(inner) => Adapter::of(inner).map(|a| Adapter::Boxed(Box::new(a))),
            TypeRef::Named(_) | TypeRef::Scalar(_) | TypeRef::Json => None,
        }
    }
}
