//! The named types of the IR: what a schema becomes.

use super::{Adapter, Directions, TypeRef};
use crate::names::RustName;

/// A named Rust type.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: RustName,
    /// Doc lines: title, description, and notes such as the default value.
    pub docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// What it is.
    pub kind: TypeKind,
    /// Which ways it crosses the wire, and so which serde impls it gets.
    pub directions: Directions,
    /// The features whose operations use it.
    pub gate: super::Gate,
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(StringEnum),
    /// A `oneOf`/`anyOf`: one of several types.
    Union(Union),
    /// Another name for a type (`type X = Vec<Y>;`).
    Alias(TypeRef),
    /// A type of another crate that the settings map a `format` to
    /// (`type Url = url::Url;`).
    External(ExternalType),
}

/// A type of another crate, used as it is (its serde impls read and write it).
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct ExternalType {
    /// The `format` mapped to it.
    pub format: String,
    /// Its path, as identifiers (`["url", "Url"]`).
    pub path: Vec<String>,
}

/// An object with known properties.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Struct {
    /// Fields in the spec's property order.
    pub fields: Vec<Field>,
    /// The map of properties not listed above: those `additionalProperties` declares,
    /// or (when it declares none) any the API sends that the spec does not list, so
    /// nothing received is lost when a value is written back. Lowering gives every
    /// struct one.
    pub additional: Option<Additional>,
    /// Every field has a natural empty value (`None`, an empty list or map, a struct
    /// or enum that has `Default`), so the struct gets `Default`.
    pub default: bool,
    /// The fields `new` takes, by index into `fields`, in order: the required ones that
    /// are not nullable. Empty: the struct gets no `new` (`Default` builds it).
    pub new_arguments: Vec<usize>,
}

/// The map field that keeps properties a struct does not list.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Additional {
    /// Rust name of the map field.
    pub name: RustName,
    /// Type of each value.
    pub ty: TypeRef,
    /// How each value's JSON differs from its type.
    pub adapter: Option<Adapter>,
    /// The schema declares `additionalProperties` (so other properties are expected);
    /// otherwise the map only keeps what the spec fails to list.
    pub declared: bool,
    /// Doc lines of the field.
    pub docs: Vec<String>,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Field {
    /// Rust name (snake case, raw identifier where needed).
    pub name: RustName,
    /// JSON property name.
    pub wire_name: String,
    /// The value type, without the `Option` that optional fields get.
    pub ty: TypeRef,
    /// Listed in `required`: the field is not wrapped in `Option`.
    pub required: bool,
    /// `nullable: true`: a required field still gets an `Option` (for `null`).
    pub nullable: bool,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// How the value's JSON differs from its type.
    pub adapter: Option<Adapter>,
    /// The local variable holding the value while an object is read.
    pub local: RustName,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A string enum.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct StringEnum {
    /// The listed values.
    pub variants: Vec<EnumVariant>,
    /// Index into `variants` of the spec's `default`.
    pub default: Option<usize>,
    /// Name of the variant that holds any value not listed (`Other`; a listed value
    /// that would take the name is renamed instead).
    pub other: RustName,
}

/// One listed value of a string enum.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: RustName,
    /// The string on the wire.
    pub value: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Union {
    /// How the JSON says which variant it is.
    pub tagging: Tagging,
    /// Variants, in the spec's order.
    pub variants: Vec<UnionVariant>,
    /// For tagged unions: the variant holding any value with an unknown tag.
    pub other: Option<RustName>,
    /// Every variant is a scalar or string enum, so the union gets `Display` (and can be
    /// a path, query or header parameter).
    pub display: bool,
}

/// How a union is represented in JSON.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Tagging {
    /// A property (the `discriminator`) names the variant.
    Internal {
        /// The property.
        property: String,
    },
    /// The variant is told by the value itself: its kind, the properties it has, and
    /// which variants it decodes as (see [`Shape`]); a value that fits several
    /// variants equally is refused.
    Untagged,
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: RustName,
    /// The type it holds.
    pub ty: TypeRef,
    /// Discriminator values that select it (tagged unions only).
    pub tags: Vec<String>,
    /// Doc lines.
    pub docs: Vec<String>,
    /// How the value's JSON differs from its type.
    pub adapter: Option<Adapter>,
    /// What its JSON looks like, for picking the variant of an untagged union.
    pub shape: Shape,
    /// The union gets `From<T>` for the type this variant holds (no other variant
    /// holds the same type).
    pub from: bool,
}

/// What the JSON of an untagged union's variant looks like: how the generated decoder
/// tells the variants apart before it decodes (`runtime::codec::Shape`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Any JSON value.
    Any,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// Any string.
    String,
    /// A string with a format the type checks (a timestamp, a date, an address), or a
    /// 64-bit integer written as a string (a number is accepted too).
    Text,
    /// A string enum: its listed values (any other string is its catch-all).
    Enum(Vec<String>),
    /// A list.
    List,
    /// A map (an object without listed properties).
    Map,
    /// An object with listed properties.
    Object {
        /// The properties it requires.
        required: Vec<String>,
        /// Every property it lists.
        properties: Vec<String>,
        /// It declares `additionalProperties`: other properties are expected.
        open: bool,
    },
    /// Another union: only decoding tells.
    Union,
}
