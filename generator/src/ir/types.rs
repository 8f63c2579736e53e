//! The named types of the IR: what a schema becomes.

use super::{Adapter, Directions, TypeRef};
use crate::names::RustName;

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
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
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(StringEnum),
    /// A `oneOf`/`anyOf`: one of several types.
    Union(Union),
    /// Another name for a type (`type X = Vec<Y>;`).
    Alias(TypeRef),
}

/// An object with known properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Fields in the spec's property order.
    pub fields: Vec<Field>,
    /// Properties not listed above (from `additionalProperties`), kept in a map.
    pub additional: Option<Additional>,
    /// Every field can be left out, so the struct gets `Default`.
    pub default: bool,
}

/// The map field that keeps properties a struct does not list.
#[derive(Clone, Debug, PartialEq)]
pub struct Additional {
    /// Rust name of the map field.
    pub name: RustName,
    /// Type of each value.
    pub ty: TypeRef,
    /// How each value's JSON differs from its type.
    pub adapter: Option<Adapter>,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct StringEnum {
    /// The listed values.
    pub variants: Vec<EnumVariant>,
    /// Index into `variants` of the spec's `default`.
    pub default: Option<usize>,
    /// Name of the variant that holds any value not listed.
    pub other: RustName,
}

/// One listed value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: RustName,
    /// The string on the wire.
    pub value: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// How the JSON says which variant it is.
    pub tagging: Tagging,
    /// Variants, in the order deserialization tries them.
    pub variants: Vec<UnionVariant>,
    /// For tagged unions: the variant holding any value with an unknown tag.
    pub other: Option<RustName>,
    /// Every variant is a scalar or string enum, so the union gets `Display` (and can be
    /// a path, query or header parameter).
    pub display: bool,
}

/// How a union is represented in JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Tagging {
    /// A property (the `discriminator`) names the variant.
    Internal {
        /// The property.
        property: String,
    },
    /// The first variant that deserializes wins.
    Untagged,
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq)]
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
}
