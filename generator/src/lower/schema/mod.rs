//! Schemas → named types and type references.
//!
//! A schema position is lowered by [`Lowerer::type_of`] (in `resolve`): a `$ref` is the
//! component's type, an inline schema is [`Lowerer::inline`]d here. Schemas that need a
//! name of their own (objects, string enums, unions, `allOf`s) become a [`TypeDef`]; the
//! rest (scalars, lists, maps, any JSON value) are only a [`TypeRef`].
//!
//! - [`view`]: every keyword of a schema, whichever shape `openapiv3` read it into;
//! - [`object`]: properties → a struct;
//! - [`all_of`]: `allOf` members merged into one struct;
//! - [`union`]: `oneOf`/`anyOf` → tagged or untagged unions; [`const_tags`]: the
//!   property that tags them when each variant fixes it to one value;
//! - [`marked`]: what loading marked where 3.0 has no form (tuples, base64 content);
//! - this module: which kind of type a schema is, scalars, lists and maps.

use openapiv3::{AdditionalProperties, Schema};
use serde_json::Value;

use crate::diagnostics::{child, did_you_mean};
use crate::ir::{
    Directions, EnumVariant, ExternalType, Scalar, StringEnum, TypeDef, TypeKind, TypeRef,
};
use crate::lower::Lowerer;
use crate::lower::resolve::MAX_DEPTH;
use crate::names::{self, Namespace, RustName};

mod all_of;
mod const_tags;
mod copies;
mod held;
mod marked;
mod object;
mod union;
mod view;

pub(in crate::lower) use copies::Copies;
use object::StructBuilder;
pub(in crate::lower) use view::SchemaRef;
pub(in crate::lower) use view::View;
pub(in crate::lower) use view::scalar;
use view::schema_docs;

impl<'a> Lowerer<'a> {
    /// The description of the schema in this position, for the docs of what is `named`
    /// (a field, a variant; see [`schema_docs`]).
    pub(in crate::lower) fn description(
        &self,
        schema: SchemaRef<'_>,
        named: &[&str],
    ) -> Vec<String> {
        match schema {
            SchemaRef::Item(schema) => schema_docs(&schema.schema_data, named),
            SchemaRef::Ref(_) => Vec::new(),
        }
    }

    /// Lowers a schema that has a name already: objects, enums and unions become that
    /// type; anything else becomes an alias and its uses refer to the aliased type.
    pub(in crate::lower) fn define(
        &mut self,
        name: &RustName,
        schema: &'a Schema,
        pointer: &str,
    ) -> TypeRef {
        let view = View::of(schema);
        match self.named_kind(&view, name, pointer) {
            // An `allOf` that is another type (`allOf: [{format: date-time}]`) is an alias
            // like any other: its uses are that type (which may need a serde adapter).
            Some(TypeKind::Alias(ty)) => {
                self.push_type(name, &view, TypeKind::Alias(ty.clone()));
                ty
            }
            Some(kind) => {
                self.push_type(name, &view, kind);
                TypeRef::Named(name.to_owned())
            }
            None => {
                let ty = self.simple(&view, name.as_str(), pointer);
                self.push_type(name, &view, TypeKind::Alias(ty.clone()));
                ty
            }
        }
    }

    pub(in crate::lower) fn inline(
        &mut self,
        schema: &'a Schema,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let view = View::of(schema);
        if !view.needs_name() {
            return self.simple(&view, hint, pointer);
        }
        // The same inline schema met again while its type is being made: an `allOf`
        // member's properties lead back to it (`A: {allOf: [...], properties: {x:
        // {allOf: [$ref: A]}}}`). It is a recursive use of the type being made.
        if let Some(name) = self.guard.inline_in_progress(pointer) {
            return TypeRef::Named(name);
        }
        // The same schema met again (an `allOf` that merges a member's properties into
        // another struct) is the same type; so is a schema a `$ref` points into.
        if let Some(done) = self.inline_types.get(pointer) {
            return done.clone();
        }
        let source = self.locate(pointer);
        if let Some(key) = self.source_map.schema_key_at(&source) {
            let key = key.to_owned();
            return self.component(&key);
        }
        // A copy of a component schema is that component (see `copies`).
        if let Some(key) = self.component_copy(schema, &view) {
            return self.component(&key);
        }
        // A copy of an inline schema made before is its type, where they are shared.
        let shared = self.shared_copy(schema, &view, pointer);
        if let Some(done) = shared
            .as_ref()
            .and_then(|(_, shape)| self.copies.made(shape))
        {
            let done = done.clone();
            self.inline_types.insert(pointer.to_owned(), done.clone());
            return done;
        }
        let name = shared
            .as_ref()
            .and_then(|(title, shape)| match title {
                Some(title) => self.type_names.claim_exact(&names::type_name(title)),
                None => {
                    let held = self.copies.held_name(shape)?;
                    self.type_names.claim_unsuffixed(held)
                }
            })
            .unwrap_or_else(|| self.type_names.claim(&names::type_name(hint)));
        self.guard.start_inline(pointer, &name);
        let kind = self.named_kind(&view, &name, pointer);
        let used = self.guard.end_inline();
        let ty = match kind {
            // Uses of an alias are the aliased type, and nothing else refers to an inline
            // schema by name: no alias is needed.
            Some(TypeKind::Alias(ty)) if !used => ty,
            Some(kind) => {
                self.push_type(&name, &view, kind);
                TypeRef::Named(name)
            }
            None => {
                let ty = self.simple(&view, hint, pointer);
                // A recursive use refers to the name: it must exist.
                if used {
                    self.push_type(&name, &view, TypeKind::Alias(ty.clone()));
                }
                ty
            }
        };
        self.inline_types.insert(pointer.to_owned(), ty.clone());
        if let Some((_, shape)) = shared {
            self.copies.remember(shape, ty.clone());
        }
        ty
    }

    pub(in crate::lower) fn push_type(&mut self, name: &RustName, view: &View<'_>, kind: TypeKind) {
        self.types.push(TypeDef {
            name: name.clone(),
            docs: schema_docs(view.data, &[name.as_str()]),
            deprecated: view.data.deprecated,
            kind,
            directions: Directions::BOTH,
            gate: Default::default(),
        });
    }

    /// The type the settings map `format` to (`type Url = url::Url;`), defined once. The
    /// options may not have come through `settings::parse`: a path that is not one is an
    /// error here, at the schema that uses it.
    fn format_type(&mut self, format: Option<&str>, pointer: &str) -> Option<TypeRef> {
        let format = format?;
        let mapped = self.options.formats.get(format)?;
        if let Some(problem) = mapped.path_problem() {
            self.error(
                &child(pointer, "format"),
                format!("the settings map the format `{format}` to a type, but {problem}"),
            );
            return Some(TypeRef::Json);
        }
        let name = match self.format_types.get(format) {
            Some(name) if self.types.contains(name) => {
                return Some(TypeRef::Named(name.clone()));
            }
            // Defined for an operation that was skipped since: defined again.
            Some(name) => name.clone(),
            // Named for the format (`Uri`, `DateTime`), not the type (`Url`, `String`),
            // which could be a name every model file uses already.
            None => self.type_names.claim(&names::type_name(format)),
        };
        self.types.push(TypeDef {
            name: name.clone(),
            docs: vec![format!(
                "A value of the `{format}` format, read into `{}` as the generator's settings say.",
                mapped.rust_type.trim()
            )],
            deprecated: false,
            kind: TypeKind::External(ExternalType {
                format: format.to_owned(),
                path: mapped.segments().into_iter().map(str::to_owned).collect(),
            }),
            directions: Directions::BOTH,
            gate: Default::default(),
        });
        self.format_types.insert(format.to_owned(), name.clone());
        Some(TypeRef::Named(name))
    }

    /// The named type for objects, string enums, unions and `allOf`s; `None` for the rest.
    pub(in crate::lower) fn named_kind(
        &mut self,
        view: &View<'a>,
        name: &RustName,
        pointer: &str,
    ) -> Option<TypeKind> {
        if !view.all_of.is_empty() {
            return self.all_of(view, name, pointer);
        }
        let members = view.union_members();
        if !members.is_empty() {
            return Some(self.union(view, members, name, pointer));
        }
        if matches!(view.ty, Some("string") | None)
            && let Some(values) = view.string_enum()
        {
            return Some(TypeKind::Enum(string_enum(
                name,
                values,
                view.data.default.as_ref(),
            )));
        }
        if view.has_properties() && matches!(view.ty, Some("object") | None) {
            let mut builder = StructBuilder::default();
            self.collect_properties(&mut builder, view, pointer);
            return Some(TypeKind::Struct(self.build_struct(builder, name)));
        }
        None
    }

    /// Types that need no name of their own: scalars, lists, maps, free-form values.
    pub(in crate::lower) fn simple(
        &mut self,
        view: &View<'a>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        if view.not {
            self.fallback(
                pointer,
                "`not` cannot be expressed as a Rust type: any JSON value is accepted",
            );
            return TypeRef::Json;
        }
        let format = view.format.as_deref();
        if matches!(view.ty, Some("string" | "integer" | "number" | "boolean"))
            && let Some(ty) = self.format_type(format, pointer)
        {
            return ty;
        }
        match view.ty {
            Some("string") if marked::is_base64(view) => TypeRef::Scalar(Scalar::Base64),
            Some("array") if marked::is_tuple(view) => self.tuple(view, hint, pointer),
            Some(ty @ ("string" | "integer" | "number" | "boolean")) => {
                TypeRef::Scalar(scalar(ty, format).unwrap_or(Scalar::String))
            }
            Some("array") => match view.items {
                Some(items) => {
                    let item = self.type_of(
                        items.into(),
                        &format!("{hint}Item"),
                        &child(pointer, "items"),
                    );
                    TypeRef::List(Box::new(item))
                }
                None => {
                    self.fallback(pointer, "array without `items`: items are any JSON value");
                    TypeRef::List(Box::new(TypeRef::Json))
                }
            },
            Some("object") => self.map_of(view, hint, pointer),
            None if view.items.is_some() => {
                let items = view.items.map(SchemaRef::from);
                let item = items.map_or(TypeRef::Json, |items| {
                    self.type_of(items, &format!("{hint}Item"), &child(pointer, "items"))
                });
                TypeRef::List(Box::new(item))
            }
            None if view.additional.is_some() => self.map_of(view, hint, pointer),
            None => {
                self.fallback(pointer, "schema has no type: any JSON value is accepted");
                TypeRef::Json
            }
            Some(other) => {
                const TYPES: [&str; 6] =
                    ["string", "number", "integer", "boolean", "array", "object"];
                let mut message = format!(
                    "unknown type `{other}`; expected one of string, number, integer, \
                     boolean, array, object"
                );
                if let Some(near) = did_you_mean(other, &TYPES) {
                    message.push_str(&format!(" (did you mean `{near}`?)"));
                } else if other == "null" {
                    message.push_str(" (OpenAPI 3.0 writes `nullable: true` next to the type)");
                }
                message.push_str("; the value here is any JSON value");
                self.warn(&child(pointer, "type"), message);
                TypeRef::Json
            }
        }
    }

    /// `type: object` without properties: a map of its `additionalProperties`.
    pub(in crate::lower) fn map_of(
        &mut self,
        view: &View<'a>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match view.additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.type_of(
                    (&**schema).into(),
                    &format!("{hint}Value"),
                    &child(pointer, "additionalProperties"),
                );
                TypeRef::Map(Box::new(value))
            }
            Some(AdditionalProperties::Any(false)) => {
                self.fallback(
                    pointer,
                    "object without properties that allows none: an empty map",
                );
                TypeRef::Map(Box::new(TypeRef::Json))
            }
            _ => {
                self.fallback(
                    pointer,
                    "object without properties: a map of any JSON values",
                );
                TypeRef::Map(Box::new(TypeRef::Json))
            }
        }
    }

    /// A type in the words of a spec's author, for messages ("an object", "a list").
    pub(in crate::lower) fn kind_words(&self, ty: &TypeRef) -> String {
        self.kind_words_within(ty, 0)
    }

    pub(in crate::lower) fn kind_words_within(&self, ty: &TypeRef, depth: usize) -> String {
        if depth > MAX_DEPTH {
            return "a type defined in terms of itself".to_owned();
        }
        let words = match ty {
            TypeRef::Scalar(scalar) => scalar_words(*scalar),
            TypeRef::List(_) => "a list",
            TypeRef::Tuple(_) => "a tuple (`prefixItems`)",
            TypeRef::Map(_) => "a map (an object without properties)",
            TypeRef::Json => "any JSON value",
            TypeRef::Boxed(inner) => return self.kind_words_within(inner, depth + 1),
            TypeRef::Named(name) => match self.types.get(name) {
                Some(TypeDef {
                    kind: TypeKind::Alias(inner),
                    ..
                }) => return self.kind_words_within(inner, depth + 1),
                Some(TypeDef {
                    kind: TypeKind::Enum(_),
                    ..
                }) => "a string enum",
                Some(TypeDef {
                    kind: TypeKind::Union(_),
                    ..
                }) => "a union (`oneOf`/`anyOf`)",
                Some(TypeDef {
                    kind: TypeKind::External(_),
                    ..
                }) => "a type the settings map a format to",
                Some(TypeDef {
                    kind: TypeKind::Struct(_),
                    ..
                })
                | None => "an object",
            },
        };
        words.to_owned()
    }
}

/// A scalar in the words of a spec's author.
pub(in crate::lower) fn scalar_words(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "a string",
        Scalar::Bool => "a boolean",
        Scalar::I32 => "an int32 integer",
        Scalar::I64 => "an integer",
        Scalar::U32 => "a uint32 integer",
        Scalar::U64 => "a uint64 integer",
        Scalar::F64 => "a number",
        Scalar::I64String => "an int64 string",
        Scalar::U64String => "a uint64 string",
        Scalar::DateTime => "a date-time string",
        Scalar::Date => "a date string",
        Scalar::Ipv4 => "an ipv4 string",
        Scalar::Ipv6 => "an ipv6 string",
        Scalar::Bytes => "binary data",
        Scalar::Base64 => "a base64 string",
        Scalar::File => "a file (binary string)",
    }
}

/// A variant name for an unnamed union member, from its type.
pub(in crate::lower) fn variant_word(ty: &TypeRef) -> RustName {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::Scalar(scalar) => names::kind_variant(&format!("{scalar:?}")),
        TypeRef::List(_) => names::kind_variant("List"),
        TypeRef::Map(_) => names::kind_variant("Map"),
        TypeRef::Tuple(_) => names::kind_variant("Tuple"),
        TypeRef::Boxed(inner) => variant_word(inner),
        TypeRef::Json => names::kind_variant("Value"),
    }
}

/// The string enum `name` of `values`: variants named by [`names::enum_variant`], the
/// catch-all named first so that no value takes its name.
pub(in crate::lower) fn string_enum(
    name: &RustName,
    values: Vec<String>,
    default: Option<&Value>,
) -> StringEnum {
    let mut names = Namespace::default();
    let other = names.claim(&names::fixed::catch_all_variant());
    let variants: Vec<EnumVariant> = values
        .into_iter()
        .map(|value| EnumVariant {
            name: names.claim(&names::enum_variant(name, &value)),
            value,
        })
        .collect();
    let default = default
        .and_then(Value::as_str)
        .and_then(|d| variants.iter().position(|v| v.value == d));
    StringEnum {
        variants,
        default,
        other,
    }
}
