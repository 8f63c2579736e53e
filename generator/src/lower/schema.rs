//! Schemas → named types and type references.
//!
//! `openapiv3` parses a schema into one of several shapes, and anything it cannot fit
//! (`type: object` together with `allOf`, say) into an untyped "any" shape that still has
//! every keyword. [`View`] flattens all shapes into one, so a schema that carries a `type`
//! is never treated as untyped.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::{child, did_you_mean, unescape_token};
use crate::docs;
use crate::ir::{
    Additional, Directions, EnumVariant, Field, Scalar, StringEnum, Struct, Tagging, TypeDef,
    TypeKind, TypeRef, Union, UnionVariant,
};
use crate::load::schema_pointer;
use crate::names::{self, Namespace};

/// A schema or a reference to one, whichever way `openapiv3` boxed it.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(value: &'s ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(value: &'s ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// How many `$ref`s and `allOf`s deep the helpers that look through them go: further
/// only in a cycle, which is reported where it is found.
const MAX_DEPTH: usize = 64;

/// Every keyword the generator uses, whatever shape `openapiv3` chose.
struct View<'s> {
    data: &'s SchemaData,
    ty: Option<&'s str>,
    format: Option<String>,
    enum_values: Vec<Value>,
    properties: Option<&'s Properties>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
    items: Option<&'s ReferenceOr<Box<Schema>>>,
    all_of: &'s [ReferenceOr<Schema>],
    one_of: &'s [ReferenceOr<Schema>],
    any_of: &'s [ReferenceOr<Schema>],
    not: bool,
}

fn format_text<T: std::fmt::Debug>(
    format: &VariantOrUnknownOrEmpty<T>,
    name: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn optional_values<T: Clone + Into<Value>>(values: &[Option<T>]) -> Vec<Value> {
    values
        .iter()
        .map(|v| v.clone().map_or(Value::Null, Into::into))
        .collect()
}

impl<'s> View<'s> {
    fn of(schema: &'s Schema) -> Self {
        let mut view = View {
            data: &schema.schema_data,
            ty: None,
            format: None,
            enum_values: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            all_of: &[],
            one_of: &[],
            any_of: &[],
            not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.ty = Some("string");
                view.format = format_text(&s.format, |f| match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                view.enum_values = optional_values(&s.enumeration);
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.ty = Some("number");
                view.format = format_text(&n.format, |f| match f {
                    openapiv3::NumberFormat::Float => "float",
                    openapiv3::NumberFormat::Double => "double",
                });
                view.enum_values = optional_values(&n.enumeration);
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.ty = Some("integer");
                view.format = format_text(&i.format, |f| match f {
                    openapiv3::IntegerFormat::Int32 => "int32",
                    openapiv3::IntegerFormat::Int64 => "int64",
                });
                view.enum_values = optional_values(&i.enumeration);
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                view.ty = Some("boolean");
                view.enum_values = optional_values(&b.enumeration);
            }
            SchemaKind::Type(Type::Object(o)) => {
                view.ty = Some("object");
                view.properties = Some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.ty = Some("array");
                view.items = a.items.as_ref();
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.not = true,
            SchemaKind::Any(any) => {
                view.ty = any.typ.as_deref();
                view.format = any.format.clone();
                view.enum_values = any.enumeration.clone();
                view.properties = (!any.properties.is_empty()).then_some(&any.properties);
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.all_of = &any.all_of;
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.not = any.not.is_some();
            }
        }
        view
    }

    /// Whether the schema only adds constraints or documentation (`required`,
    /// `description`, `nullable`, …) and no type of its own.
    fn is_constraint_only(&self) -> bool {
        self.ty.is_none()
            && !self.has_properties()
            && self.items.is_none()
            && self.additional.is_none()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.enum_values.is_empty()
            && !self.not
    }

    fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// String values of `enum`, without `null`; `None` if some value is not a string.
    fn string_enum(&self) -> Option<Vec<String>> {
        if self.enum_values.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        for value in &self.enum_values {
            match value {
                Value::String(text) => {
                    if !values.contains(text) {
                        values.push(text.clone());
                    }
                }
                Value::Null => {}
                _ => return None,
            }
        }
        (!values.is_empty()).then_some(values)
    }

    /// `oneOf`/`anyOf` members, unless they only constrain which properties are present
    /// (`oneOf: [{required: [a]}, {required: [b]}]`), which changes no type.
    fn union_members(&self) -> &'s [ReferenceOr<Schema>] {
        let members = if self.one_of.is_empty() {
            self.any_of
        } else {
            self.one_of
        };
        let constraint_only = members.iter().all(|member| match member {
            ReferenceOr::Item(schema) => View::of(schema).is_constraint_only(),
            ReferenceOr::Reference { .. } => false,
        });
        if constraint_only { &[] } else { members }
    }
}

/// Doc lines of a schema: title, description, default, access notes.
fn schema_docs(data: &SchemaData) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(title) = &data.title {
        docs::push_paragraph(&mut out, title);
    }
    if let Some(description) = &data.description
        && data.title.as_deref() != Some(description.as_str())
    {
        docs::push_paragraph(&mut out, description);
    }
    let mut notes = Vec::new();
    if let Some(default) = &data.default {
        notes.push(format!("Defaults to `{default}`."));
    }
    if data.read_only {
        notes.push("Read-only: sent by the server, ignored in requests.".to_owned());
    }
    if data.write_only {
        notes.push("Write-only: sent in requests, never returned.".to_owned());
    }
    if !notes.is_empty() {
        docs::push_paragraph(&mut out, &notes.join(" "));
    }
    out
}

impl<'a> Lowerer<'a> {
    /// The type a schema position stands for; inline schemas that need a named type get
    /// one called `hint` (made unique).
    pub(super) fn type_of(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> TypeRef {
        // Schemas nested (inline or through `$ref`s) deeper than any real spec: an error,
        // not a stack overflow.
        if self.depth > 2 * crate::load::MAX_NESTING {
            self.warn(
                pointer,
                "schemas nest too deeply here; the generator follows no deeper, and the \
                 value here is any JSON value",
            );
            return TypeRef::Json;
        }
        self.depth += 1;
        let ty = match schema {
            SchemaRef::Ref(reference) => self.reference(reference, pointer),
            SchemaRef::Item(schema) => self.inline(schema, hint, pointer),
        };
        self.depth -= 1;
        ty
    }

    /// Whether values in this position may be `null`.
    pub(super) fn nullable(&self, schema: SchemaRef<'_>) -> bool {
        self.nullable_within(schema, &mut Vec::new())
    }

    /// [`Self::nullable`], looking through each `$ref` once (`seen`): a diamond of
    /// `allOf`s is not walked once per path through it, and a cycle ends.
    fn nullable_within<'s>(&'s self, schema: SchemaRef<'s>, seen: &mut Vec<&'s str>) -> bool {
        match schema {
            SchemaRef::Item(schema) => {
                schema.schema_data.nullable || {
                    let view = View::of(schema);
                    view.enum_values.iter().any(Value::is_null)
                        || view
                            .all_of
                            .iter()
                            .any(|m| self.nullable_within(m.into(), seen))
                }
            }
            SchemaRef::Ref(reference) => {
                if seen.contains(&reference) {
                    return false;
                }
                seen.push(reference);
                self.component_schema(reference)
                    .is_some_and(|target| self.nullable_within(target, seen))
            }
        }
    }

    /// The description of the schema in this position, for a field's docs.
    pub(super) fn description(&self, schema: SchemaRef<'_>) -> Vec<String> {
        match schema {
            SchemaRef::Item(schema) => schema_docs(&schema.schema_data),
            SchemaRef::Ref(_) => Vec::new(),
        }
    }

    fn component_key(&self, reference: &str) -> Option<String> {
        let token = reference.strip_prefix("#/components/schemas/")?;
        let key = unescape_token(token).into_owned();
        self.schemas()?.contains_key(&key).then_some(key)
    }

    fn component_schema(&self, reference: &str) -> Option<SchemaRef<'_>> {
        let key = self.component_key(reference)?;
        self.schemas()?.get(&key).map(SchemaRef::from)
    }

    fn reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        match self.component_key(reference) {
            Some(key) => self.component(&key),
            None => {
                self.warn(
                    pointer,
                    format!(
                        "`$ref: {reference}` does not point to a schema; the value here is \
                         any JSON value"
                    ),
                );
                TypeRef::Json
            }
        }
    }

    /// The type for a component schema, lowering it on first use.
    pub(super) fn component(&mut self, key: &str) -> TypeRef {
        if let Some(done) = self.resolved.get(key) {
            return done.clone();
        }
        let name = self.component_names.get(key).cloned().unwrap_or_default();
        let pointer = schema_pointer(key);
        if let Some(start) = self.alias_chain.iter().position(|k| k == key) {
            let mut cycle: Vec<&str> = self.alias_chain[start..]
                .iter()
                .map(String::as_str)
                .collect();
            cycle.push(key);
            let message = format!(
                "cycle of `$ref`s that never reaches a schema: {}; one of them must define \
                 the schema instead of referring on; it is any JSON value",
                cycle.join(" → ")
            );
            self.warn(&pointer, message);
            return TypeRef::Json;
        }
        let Some(schema) = self.schemas().and_then(|s| s.get(key)) else {
            return TypeRef::Json;
        };
        let ty = match schema {
            // A component that is only a `$ref` gets no type of its own: it stands for its
            // target's, also when it is met again while that is being made (so it is not
            // marked in progress; a cycle of such `$ref`s is caught above).
            ReferenceOr::Reference { reference } => {
                self.alias_chain.push(key.to_owned());
                let target = self.reference(reference, &pointer);
                self.alias_chain.pop();
                target
            }
            ReferenceOr::Item(schema) => {
                if !self.in_progress.insert(key.to_owned()) {
                    return TypeRef::Named(name);
                }
                self.alias_chain.clear();
                let ty = self.define(&name, schema, &pointer);
                self.in_progress.remove(key);
                ty
            }
        };
        self.resolved.insert(key.to_owned(), ty.clone());
        ty
    }

    /// Lowers a schema that has a name already: objects, enums and unions become that
    /// type; anything else becomes an alias and its uses refer to the aliased type.
    fn define(&mut self, name: &str, schema: &'a Schema, pointer: &str) -> TypeRef {
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
                let ty = self.simple(&view, name, pointer);
                self.push_type(name, &view, TypeKind::Alias(ty.clone()));
                ty
            }
        }
    }

    fn inline(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> TypeRef {
        let view = View::of(schema);
        if !self.needs_name(&view) {
            return self.simple(&view, hint, pointer);
        }
        // The same inline schema met again while its type is being made: an `allOf`
        // member's properties lead back to it (`A: {allOf: [...], properties: {x:
        // {allOf: [$ref: A]}}}`). It is a recursive use of the type being made.
        if let Some((_, name, used)) = self.inline_stack.iter_mut().find(|(p, ..)| p == pointer) {
            *used = true;
            return TypeRef::Named(name.clone());
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
        let name = self.type_names.claim(&names::type_name(hint));
        self.inline_stack
            .push((pointer.to_owned(), name.clone(), false));
        let kind = self.named_kind(&view, &name, pointer);
        let used = self.inline_stack.pop().is_some_and(|(.., used)| used);
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
        ty
    }

    fn push_type(&mut self, name: &str, view: &View<'_>, kind: TypeKind) {
        self.types.push(TypeDef {
            name: name.to_owned(),
            docs: schema_docs(view.data),
            deprecated: view.data.deprecated,
            kind,
            directions: Directions::BOTH,
        });
    }

    /// Whether an inline schema becomes a named type.
    fn needs_name(&self, view: &View<'_>) -> bool {
        view.has_properties()
            || view.string_enum().is_some() && matches!(view.ty, Some("string") | None)
            || !view.union_members().is_empty()
            || !view.all_of.is_empty()
    }

    /// The named type for objects, string enums, unions and `allOf`s; `None` for the rest.
    fn named_kind(&mut self, view: &View<'a>, name: &str, pointer: &str) -> Option<TypeKind> {
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
    fn simple(&mut self, view: &View<'a>, hint: &str, pointer: &str) -> TypeRef {
        if view.not {
            self.fallback(
                pointer,
                "`not` cannot be expressed as a Rust type: any JSON value is accepted",
            );
            return TypeRef::Json;
        }
        let format = view.format.as_deref();
        match view.ty {
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
    fn map_of(&mut self, view: &View<'a>, hint: &str, pointer: &str) -> TypeRef {
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

    /// Adds a view's properties (and `additionalProperties`) to a struct being built.
    fn collect_properties(
        &mut self,
        builder: &mut StructBuilder<'a>,
        view: &View<'a>,
        pointer: &str,
    ) {
        let required_pointer = child(pointer, "required");
        for required in view.required {
            builder.require(required, &required_pointer);
        }
        if let Some(properties) = view.properties {
            let properties_pointer = child(pointer, "properties");
            for (wire_name, schema) in properties {
                let field_pointer = child(&properties_pointer, wire_name);
                builder.add(wire_name, SchemaRef::from(schema), field_pointer);
            }
        }
        match view.additional {
            Some(AdditionalProperties::Schema(schema)) => {
                builder.additional = Some(Some((
                    SchemaRef::from(&**schema),
                    child(pointer, "additionalProperties"),
                )));
            }
            Some(AdditionalProperties::Any(true)) => builder.additional = Some(None),
            _ => {}
        }
    }

    /// Lowers the collected properties into a struct. A property declared by several
    /// `allOf` members must have the same type in each, or be an object in each (the
    /// objects are merged, as `allOf` means the value satisfies all of them).
    fn build_struct(&mut self, builder: StructBuilder<'a>, name: &str) -> Struct {
        // A required property nobody declares is the spec's mistake (unless extra
        // properties are kept, where it may be one of them).
        if builder.additional.is_none() {
            for (required, pointer) in &builder.required {
                if !builder.properties.iter().any(|p| &p.wire_name == required) {
                    self.warn(
                        pointer,
                        format!(
                            "`{required}` is listed in `required` but no property `{required}` \
                             is declared; it gets no field"
                        ),
                    );
                }
            }
        }
        let mut field_names = Namespace::default();
        let mut fields = Vec::new();
        let is_required = |name: &str| builder.required.iter().any(|(r, _)| r == name);
        for property in &builder.properties {
            let (first, first_pointer) = property.schemas[0].clone();
            let ty = if property.schemas.len() == 1 {
                let owner = property.owner.as_deref().unwrap_or(name);
                let hint = format!("{owner}_{}", property.wire_name);
                self.type_of(first, &hint, &first_pointer)
            } else {
                // Declarations merged here make a type of this struct's own.
                self.merged_property(property, &format!("{name}_{}", property.wire_name))
            };
            let mut docs = Vec::new();
            let mut deprecated = false;
            let mut nullable = false;
            for (schema, _) in &property.schemas {
                let described = self.description(*schema);
                if !described.is_empty() {
                    docs = described;
                }
                deprecated |= matches!(schema, SchemaRef::Item(s) if s.schema_data.deprecated);
                nullable |= self.nullable(*schema);
            }
            fields.push(Field {
                name: field_names.claim(&names::snake_name(&property.wire_name)),
                required: is_required(&property.wire_name),
                wire_name: property.wire_name.clone(),
                ty,
                nullable,
                docs,
                deprecated,
            });
        }
        let additional = builder.additional.map(|schema| {
            let ty = match schema {
                Some((schema, pointer)) => self.type_of(schema, &format!("{name}Value"), &pointer),
                None => TypeRef::Json,
            };
            Additional {
                name: field_names.claim("additional_properties"),
                ty,
            }
        });
        let default = fields.iter().all(Field::optional);
        Struct {
            fields,
            additional,
            default,
        }
    }

    /// The type of a property several `allOf` members declare: objects are merged (the
    /// value satisfies all of them); anything else must be the same type in each.
    fn merged_property(&mut self, property: &PendingProperty<'a>, hint: &str) -> TypeRef {
        let schemas = &property.schemas;
        let same_reference = schemas
            .iter()
            .all(|(schema, _)| matches!((schema, &schemas[0].0), (SchemaRef::Ref(a), SchemaRef::Ref(b)) if a == b));
        if same_reference {
            let (schema, pointer) = schemas[0].clone();
            return self.type_of(schema, hint, &pointer);
        }
        // Objects are merged (the value satisfies all of them); a map among them keeps
        // the properties the objects do not list.
        let objects = schemas
            .iter()
            .filter(|(schema, _)| self.is_object_schema(*schema))
            .count();
        if objects > 0
            && schemas
                .iter()
                .all(|(schema, _)| self.is_object_schema(*schema) || self.is_map_schema(*schema))
        {
            // The same objects merged again inside their own merge (their properties
            // refer back to them): the type is recursive, and this is a use of it.
            let mut sources: Vec<String> =
                schemas.iter().map(|(_, pointer)| pointer.clone()).collect();
            sources.sort();
            sources.dedup();
            if let Some((_, name)) = self.merging.iter().find(|(s, _)| *s == sources) {
                return TypeRef::Named(name.clone());
            }
            let name = self.type_names.claim(&names::type_name(hint));
            self.merging.push((sources, name.clone()));
            let mut builder = StructBuilder::default();
            for (schema, pointer) in schemas {
                if self.is_map_schema(*schema) {
                    self.merge_map(&mut builder, *schema, pointer);
                } else {
                    self.merge_member(&mut builder, *schema, pointer, 0);
                }
            }
            let merged = self.build_struct(builder, &name);
            self.merging.pop();
            self.types.push(TypeDef {
                name: name.clone(),
                docs: Vec::new(),
                deprecated: false,
                kind: TypeKind::Struct(merged),
                directions: Directions::BOTH,
            });
            return TypeRef::Named(name);
        }
        let forms: Vec<Form> = schemas
            .iter()
            .map(|(schema, pointer)| self.form(*schema, pointer, 0))
            .collect();
        let declared: Vec<&Form> = forms.iter().filter(|f| **f != Form::Any).collect();
        let general = match declared.split_first() {
            None => Some(Form::Any),
            Some((first, rest)) => rest
                .iter()
                .try_fold((*first).clone(), |acc, next| acc.general(next)),
        };
        match general {
            // Every declaration is untyped.
            Some(Form::Any) => {
                let (schema, pointer) = schemas[0].clone();
                return self.type_of(schema, hint, &pointer);
            }
            // The most general type is one declaration's, or built of built-in types.
            Some(general) => {
                if let Some(index) = forms.iter().position(|f| *f == general) {
                    let (schema, pointer) = schemas[index].clone();
                    return self.type_of(schema, hint, &pointer);
                }
                if let Some(ty) = general.built_in() {
                    return ty;
                }
            }
            None => {}
        }
        let (_, pointer) = &schemas[schemas.len() - 1];
        let here = self.locate(pointer).file;
        let described: Vec<String> = forms
            .iter()
            .zip(schemas)
            .filter(|(form, _)| **form != Form::Any)
            .map(|(form, (_, at))| {
                let at = self.locate(at);
                let file = if at.file == here { "" } else { &at.file };
                format!("{} at {file}#{}", form.words(), at.pointer)
            })
            .collect();
        self.warn(
            pointer,
            format!(
                "conflicting definitions of property `{}` in `allOf`: {}; no type fits them \
                 all, so the property is any JSON value",
                property.wire_name,
                described.join(", ")
            ),
        );
        TypeRef::Json
    }

    /// Adds a map declaration of a property (an object without properties) to a struct
    /// merged from object declarations: the properties it does not list are kept in the
    /// struct's map of extra properties.
    fn merge_map(&mut self, builder: &mut StructBuilder<'a>, schema: SchemaRef<'a>, pointer: &str) {
        let (schema, pointer) = match schema {
            SchemaRef::Ref(reference) => match self.component_key(reference) {
                Some(key) => match self.schemas().and_then(|s| s.get(&key)) {
                    Some(target) => (SchemaRef::from(target), schema_pointer(&key)),
                    None => return,
                },
                None => return,
            },
            SchemaRef::Item(_) => (schema, pointer.to_owned()),
        };
        let SchemaRef::Item(item) = schema else {
            return;
        };
        let view = View::of(item);
        match view.additional {
            Some(AdditionalProperties::Schema(values)) => {
                builder.additional = Some(Some((
                    SchemaRef::from(&**values),
                    child(&pointer, "additionalProperties"),
                )));
            }
            Some(AdditionalProperties::Any(false)) => {}
            _ => {
                if builder.additional.is_none() {
                    builder.additional = Some(None);
                }
            }
        }
    }

    /// The form of a schema's type, without making any type for it (to compare
    /// declarations): references are followed, inline objects and unions are only
    /// named as such.
    fn form(&mut self, schema: SchemaRef<'a>, pointer: &str, depth: usize) -> Form {
        if depth > MAX_DEPTH {
            return Form::Any;
        }
        let item = match schema {
            SchemaRef::Ref(_) => {
                return match self.type_of(schema, "", pointer) {
                    TypeRef::Named(name) if self.is_enum(&name) => Form::Enum(Some(name)),
                    TypeRef::Json => Form::Any,
                    ty => Form::Type(ty),
                };
            }
            SchemaRef::Item(item) => item,
        };
        let view = View::of(item);
        if matches!(view.ty, Some("string") | None) && view.string_enum().is_some() {
            return Form::Enum(None);
        }
        if self.needs_name(&view) {
            return Form::Other;
        }
        match view.ty {
            Some("array") => match view.items {
                Some(items) => Form::List(Box::new(self.form(
                    items.into(),
                    &child(pointer, "items"),
                    depth + 1,
                ))),
                None => Form::List(Box::new(Form::Any)),
            },
            Some("object") => Form::Other,
            Some(ty) => match scalar(ty, view.format.as_deref()) {
                Some(scalar) => Form::Type(TypeRef::Scalar(scalar)),
                None => Form::Any,
            },
            None => Form::Any,
        }
    }

    fn is_enum(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.name == name && matches!(t.kind, TypeKind::Enum(_)))
    }

    /// Whether a schema (following references) is an object without properties: a map.
    fn is_map_schema(&self, schema: SchemaRef<'a>) -> bool {
        let mut schema = schema;
        for _ in 0..MAX_DEPTH {
            match schema {
                SchemaRef::Item(item) => {
                    let view = View::of(item);
                    return !view.has_properties()
                        && view.all_of.is_empty()
                        && view.union_members().is_empty()
                        && (view.ty == Some("object")
                            || view.ty.is_none() && view.additional.is_some());
                }
                SchemaRef::Ref(reference) => match self.component_schema(reference) {
                    Some(target) => schema = target,
                    None => return false,
                },
            }
        }
        false
    }

    /// A type in the words of a spec's author, for messages ("an object", "a list").
    pub(super) fn kind_words(&self, ty: &TypeRef) -> String {
        self.kind_words_within(ty, 0)
    }

    fn kind_words_within(&self, ty: &TypeRef, depth: usize) -> String {
        if depth > MAX_DEPTH {
            return "a type defined in terms of itself".to_owned();
        }
        let words = match ty {
            TypeRef::Scalar(scalar) => scalar_words(*scalar),
            TypeRef::List(_) => "a list",
            TypeRef::Map(_) => "a map (an object without properties)",
            TypeRef::Json => "any JSON value",
            TypeRef::Boxed(inner) => return self.kind_words_within(inner, depth + 1),
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
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
                    kind: TypeKind::Struct(_),
                    ..
                })
                | None => "an object",
            },
        };
        words.to_owned()
    }

    /// Whether a schema (following references) describes an object with properties.
    fn is_object_schema(&self, schema: SchemaRef<'a>) -> bool {
        let mut schema = schema;
        // A cycle of `$ref`s (reported elsewhere) ends here.
        for _ in 0..MAX_DEPTH {
            match schema {
                SchemaRef::Item(item) => {
                    let view = View::of(item);
                    return view.has_properties() || !view.all_of.is_empty();
                }
                SchemaRef::Ref(reference) => match self.component_schema(reference) {
                    Some(target) => schema = target,
                    None => return false,
                },
            }
        }
        false
    }

    /// `allOf`: every member's properties merged into one struct; a lone `$ref` member
    /// with nothing else is just that type.
    fn all_of(&mut self, view: &View<'a>, name: &str, pointer: &str) -> Option<TypeKind> {
        let members = view.all_of;
        // Keywords beside `allOf` apply to the whole value: with `required`, properties
        // or `additionalProperties` of its own it is a new struct, not the member's type.
        let only_reference = members.len() == 1
            && matches!(members[0], ReferenceOr::Reference { .. })
            && !view.has_properties()
            && view.required.is_empty()
            && view.additional.is_none();
        if only_reference {
            let ty = self.type_of((&members[0]).into(), name, &child(pointer, "allOf/0"));
            return Some(TypeKind::Alias(ty));
        }
        let mut builder = StructBuilder::default();
        let mut objects = 0;
        let mut other: Option<TypeRef> = None;
        for (index, member) in members.iter().enumerate() {
            let member_pointer = child(&child(pointer, "allOf"), &index.to_string());
            let constraint_only = matches!(member, ReferenceOr::Item(schema) if View::of(schema).is_constraint_only());
            if self.merge_member(&mut builder, member.into(), &member_pointer, 0) {
                objects += 1;
            } else if other.is_none() && !constraint_only {
                other = Some(self.type_of(member.into(), name, &member_pointer));
            }
        }
        if view.has_properties() || view.additional.is_some() {
            self.collect_properties(&mut builder, view, pointer);
            objects += 1;
        } else if objects > 0 && !view.required.is_empty() {
            self.collect_properties(&mut builder, view, pointer);
        }
        if objects == 0 {
            return Some(TypeKind::Alias(other.unwrap_or(TypeRef::Json)));
        }
        Some(TypeKind::Struct(self.build_struct(builder, name)))
    }

    /// Adds an `allOf` member's properties; `false` if it is not an object.
    fn merge_member(
        &mut self,
        builder: &mut StructBuilder<'a>,
        member: SchemaRef<'a>,
        pointer: &str,
        depth: usize,
    ) -> bool {
        if depth > 32 {
            self.warn(
                pointer,
                "`allOf` nested more than 32 levels deep; the generator follows no deeper, \
                 and the deeper members are left out",
            );
            return false;
        }
        let (schema, pointer) = match member {
            SchemaRef::Ref(reference) => match self.component_key(reference) {
                Some(key) => match self.schemas().and_then(|s| s.get(&key)) {
                    Some(target) => (SchemaRef::from(target), schema_pointer(&key)),
                    None => return false,
                },
                None => {
                    self.warn(
                        pointer,
                        format!(
                            "`$ref: {reference}` does not point to a schema; the member is \
                             left out"
                        ),
                    );
                    return false;
                }
            },
            SchemaRef::Item(_) => (member, pointer.to_owned()),
        };
        // A member met again (a diamond of `allOf`s, or a cycle) adds nothing new; merging
        // it again would take time exponential in the depth of such diamonds.
        if let Some((_, done)) = builder.members.iter().find(|(p, _)| *p == pointer) {
            return done.unwrap_or(false);
        }
        builder.members.push((pointer.clone(), None));
        let schema = match schema {
            SchemaRef::Ref(_) => {
                let merged = self.merge_member(builder, schema, &pointer, depth + 1);
                if let Some(member) = builder.members.iter_mut().find(|(p, _)| *p == pointer) {
                    member.1 = Some(merged);
                }
                return merged;
            }
            SchemaRef::Item(schema) => schema,
        };
        let view = View::of(schema);
        // Inline schemas inside a named member are named after it.
        let owner = match member {
            SchemaRef::Ref(reference) => self
                .component_key(reference)
                .and_then(|key| self.component_names.get(&key).cloned()),
            SchemaRef::Item(_) => None,
        };
        let outer_owner = match owner {
            Some(owner) => builder.owner.replace(owner),
            None => builder.owner.clone(),
        };
        let mut merged = false;
        for (index, nested) in view.all_of.iter().enumerate() {
            let nested_pointer = child(&child(&pointer, "allOf"), &index.to_string());
            merged |= self.merge_member(builder, nested.into(), &nested_pointer, depth + 1);
        }
        if view.has_properties()
            || view.ty == Some("object")
            || !view.required.is_empty() && view.ty.is_none()
        {
            self.collect_properties(builder, &view, &pointer);
            merged = true;
        }
        if !view.union_members().is_empty() {
            self.warn(
                &pointer,
                "`oneOf`/`anyOf` inside `allOf` is not merged: only the shared properties are kept",
            );
        }
        builder.owner = outer_owner;
        if let Some(member) = builder.members.iter_mut().find(|(p, _)| *p == pointer) {
            member.1 = Some(merged);
        }
        merged
    }

    /// `oneOf`/`anyOf` (`members`) of the schema `view` at `schema_pointer`. Properties,
    /// `required` and `additionalProperties` beside them apply to the whole value, so each
    /// object variant becomes that variant merged with them.
    fn union(
        &mut self,
        view: &View<'a>,
        members: &'a [ReferenceOr<Schema>],
        name: &str,
        schema_pointer: &str,
    ) -> TypeKind {
        let combinator = if view.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        let pointer = &child(schema_pointer, combinator);
        let siblings =
            view.has_properties() || !view.required.is_empty() || view.additional.is_some();
        let mut variant_names = Namespace::default();
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_ref = SchemaRef::from(member);
            let member_pointer = child(pointer, &index.to_string());
            // An inline member with a title is named after it (`DropletsCreateResponse` +
            // "Single Droplet Response"), otherwise after its position.
            let title = match member_ref {
                SchemaRef::Item(schema) => schema
                    .schema_data
                    .title
                    .as_deref()
                    .map(names::type_name)
                    .filter(|t| !t.starts_with('_')),
                SchemaRef::Ref(_) => None,
            };
            let word = title.unwrap_or_else(|| format!("Variant{}", index + 1));
            let merge = siblings && self.is_object_schema(member_ref);
            let ty = match member_ref {
                // Inline members are merged without a type of their own first.
                SchemaRef::Item(_) if merge => TypeRef::Named(String::new()),
                _ => self.type_of(member_ref, &format!("{name}{word}"), &member_pointer),
            };
            let base = match (&ty, member_ref) {
                (TypeRef::Named(type_name), SchemaRef::Ref(_)) => type_name.clone(),
                (TypeRef::Named(_), SchemaRef::Item(_)) => word,
                (other, _) => variant_word(other),
            };
            let ty = if merge {
                let hint = format!("{name}{}", names::bare(&base));
                self.merged_variant(view, member_ref, &hint, &member_pointer, schema_pointer)
            } else {
                ty
            };
            let tag_source = match member_ref {
                SchemaRef::Ref(reference) => self.component_key(reference),
                SchemaRef::Item(_) => None,
            };
            variants.push((variant_names.claim(&base), ty, tag_source));
        }
        let discriminator = view.data.discriminator.as_ref();
        let all_objects = variants
            .iter()
            .all(|(_, ty, _)| matches!(ty, TypeRef::Named(n) if self.is_struct(n)));
        // A tag names a `$ref`d schema (by the mapping or its name): an inline variant
        // could never be selected.
        let all_referenced = variants.iter().all(|(_, _, key)| key.is_some());
        // Each variant's tags: the mapping's tags for its target, else its name. A tag is
        // one variant's only (the first's): a variant listed twice (`oneOf: [A, A]`) has
        // none left, and could never be selected.
        let mut tag_lists: Vec<Vec<String>> = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for (_, _, key) in &variants {
            let mut tags = Vec::new();
            if let (Some(discriminator), Some(key)) = (discriminator, key) {
                let target = crate::load::schema_ref(key);
                tags.extend(
                    discriminator
                        .mapping
                        .iter()
                        .filter(|(_, to)| **to == target)
                        .map(|(tag, _)| tag.clone()),
                );
                if tags.is_empty() {
                    tags.push(super::schema_name(key));
                }
                tags.retain(|tag| !taken.contains(tag));
                taken.extend(tags.iter().cloned());
            }
            tag_lists.push(tags);
        }
        let all_tagged = tag_lists.iter().all(|tags| !tags.is_empty());
        let tagged = discriminator.filter(|_| all_objects && all_referenced && all_tagged);
        let tagging = match tagged {
            Some(discriminator) => Tagging::Internal {
                property: discriminator.property_name.clone(),
            },
            None => {
                if discriminator.is_some() {
                    let why = if !all_objects {
                        "not every variant is an object"
                    } else if !all_referenced {
                        "not every variant is a `$ref` to a schema, so no tag selects the others"
                    } else {
                        "two variants have the same tag (a schema listed twice?)"
                    };
                    self.warn(
                        pointer,
                        format!("discriminator ignored: {why}; variants are tried in order"),
                    );
                }
                Tagging::Untagged
            }
        };
        let mut variants: Vec<UnionVariant> = variants
            .into_iter()
            .zip(tag_lists)
            .map(|((name, ty, _), tags)| {
                let tags = if tagged.is_some() { tags } else { Vec::new() };
                let docs = match &tags[..] {
                    [] => Vec::new(),
                    tags => vec![format!(
                        "Selected by `{}`.",
                        tags.iter()
                            .map(|t| format!("\"{t}\""))
                            .collect::<Vec<_>>()
                            .join("`, `")
                    )],
                };
                UnionVariant {
                    name,
                    ty,
                    tags,
                    docs,
                }
            })
            .collect();
        if matches!(tagging, Tagging::Untagged) {
            let ranks: Vec<(usize, usize)> = variants
                .iter()
                .enumerate()
                .map(|(index, v)| (self.untagged_rank(&v.ty), index))
                .collect();
            let mut order: Vec<usize> = (0..variants.len()).collect();
            order.sort_by_key(|&i| ranks[i]);
            let mut sorted: Vec<Option<UnionVariant>> = variants.into_iter().map(Some).collect();
            variants = order.into_iter().filter_map(|i| sorted[i].take()).collect();
        }
        let other =
            matches!(tagging, Tagging::Internal { .. }).then(|| variant_names.claim("Unknown"));
        let display = other.is_none() && variants.iter().all(|v| self.displayable(&v.ty));
        TypeKind::Union(Union {
            tagging,
            variants,
            other,
            display,
        })
    }

    /// A union variant that is `member` (an object) merged with the properties,
    /// `required` and `additionalProperties` written beside the union (`view`, at
    /// `pointer`): a new struct named after `hint`.
    fn merged_variant(
        &mut self,
        view: &View<'a>,
        member: SchemaRef<'a>,
        hint: &str,
        member_pointer: &str,
        pointer: &str,
    ) -> TypeRef {
        let name = self.type_names.claim(&names::type_name(hint));
        let mut builder = StructBuilder::default();
        self.merge_member(&mut builder, member, member_pointer, 0);
        self.collect_properties(&mut builder, view, pointer);
        let merged = self.build_struct(builder, &name);
        let described = match member {
            SchemaRef::Ref(reference) => self
                .component_schema(reference)
                .map(|target| self.description(target))
                .unwrap_or_default(),
            SchemaRef::Item(_) => self.description(member),
        };
        self.types.push(TypeDef {
            name: name.clone(),
            docs: described,
            deprecated: false,
            kind: TypeKind::Struct(merged),
            directions: Directions::BOTH,
        });
        TypeRef::Named(name)
    }

    /// Whether values of a type have a wire form as text (for parameters).
    pub(super) fn displayable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Scalar(scalar) => !matches!(scalar, Scalar::Bytes | Scalar::File),
            TypeRef::Named(name) => self.types.iter().any(|t| {
                &t.name == name
                    && match &t.kind {
                        TypeKind::Enum(_) => true,
                        TypeKind::Union(u) => u.display,
                        _ => false,
                    }
            }),
            TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Boxed(_) | TypeRef::Json => false,
        }
    }

    fn is_struct(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.name == name && matches!(t.kind, TypeKind::Struct(_)))
            || self.in_progress_struct(name)
    }

    /// A component still being lowered is known to become a struct if its schema has
    /// properties.
    fn in_progress_struct(&self, name: &str) -> bool {
        self.component_names.iter().any(|(key, n)| {
            n == name
                && self.in_progress.contains(key)
                && self
                    .schemas()
                    .and_then(|s| s.get(key))
                    .and_then(|s| s.as_item())
                    .is_some_and(|s| View::of(s).has_properties())
        })
    }

    /// Order for trying untagged variants: the most specific first, so a value is not
    /// taken by a variant that accepts more. Structs with more required fields come
    /// first; free-form values last.
    fn untagged_rank(&self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
                Some(TypeDef {
                    kind: TypeKind::Struct(s),
                    ..
                }) => {
                    let required = s.fields.iter().filter(|f| f.required).count();
                    100usize.saturating_sub(required.min(99))
                }
                Some(TypeDef {
                    kind: TypeKind::Enum(_),
                    ..
                }) => 300,
                _ => 200,
            },
            TypeRef::Boxed(inner) => self.untagged_rank(inner),
            TypeRef::Scalar(scalar) => match scalar {
                Scalar::Bool => 210,
                Scalar::I32 | Scalar::I64 | Scalar::U32 | Scalar::U64 => 220,
                Scalar::F32 | Scalar::F64 => 230,
                Scalar::DateTime | Scalar::Date | Scalar::Ipv4 | Scalar::Ipv6 => 240,
                Scalar::I64String | Scalar::U64String => 250,
                Scalar::String | Scalar::Bytes | Scalar::File => 310,
            },
            TypeRef::List(_) => 260,
            TypeRef::Map(_) => 400,
            TypeRef::Json => 500,
        }
    }
}

/// The scalar of a `type` and `format`; `None` for types that are not scalars.
fn scalar(ty: &str, format: Option<&str>) -> Option<Scalar> {
    Some(match ty {
        "string" => match format {
            Some("date-time") => Scalar::DateTime,
            Some("date") => Scalar::Date,
            Some("uint64") => Scalar::U64String,
            Some("int64") => Scalar::I64String,
            Some("ipv4") => Scalar::Ipv4,
            Some("ipv6") => Scalar::Ipv6,
            Some("binary") => Scalar::File,
            _ => Scalar::String,
        },
        "integer" => match format {
            Some("int32") => Scalar::I32,
            Some("uint32") => Scalar::U32,
            Some("uint64") => Scalar::U64,
            _ => Scalar::I64,
        },
        "number" => match format {
            Some("float") => Scalar::F32,
            _ => Scalar::F64,
        },
        "boolean" => Scalar::Bool,
        _ => return None,
    })
}

/// The form of a declaration's type, for comparing the declarations of one property.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Form {
    /// A type: a scalar, or a named type.
    Type(TypeRef),
    /// A string enum: named (a `$ref`), or inline.
    Enum(Option<String>),
    /// A list of items of a form.
    List(Box<Form>),
    /// An inline object, union or anything else with a type of its own.
    Other,
    /// No type: any JSON value.
    Any,
}

impl Form {
    /// The most general of two forms, when one exists: a string for enums and strings,
    /// the wider number, lists of the more general items.
    fn general(&self, other: &Form) -> Option<Form> {
        use Scalar::{F32, F64, I32, I64, String as Text, U32, U64};
        if self == other {
            return Some(self.clone());
        }
        let text = || Some(Form::Type(TypeRef::Scalar(Text)));
        match (self, other) {
            (Form::Any, known) | (known, Form::Any) => Some(known.clone()),
            (Form::Enum(_), Form::Enum(_)) => text(),
            (Form::Enum(_), Form::Type(TypeRef::Scalar(Text)))
            | (Form::Type(TypeRef::Scalar(Text)), Form::Enum(_)) => text(),
            (Form::List(a), Form::List(b)) => a.general(b).map(|item| Form::List(Box::new(item))),
            (Form::Type(TypeRef::Scalar(a)), Form::Type(TypeRef::Scalar(b))) => {
                let rank = |s: &Scalar| match s {
                    I32 | U32 => Some(1),
                    I64 | U64 => Some(2),
                    F32 => Some(3),
                    F64 => Some(4),
                    _ => None,
                };
                let wider = match (rank(a)?, rank(b)?) {
                    (3 | 4, _) | (_, 3 | 4) => F64,
                    _ => I64,
                };
                Some(Form::Type(TypeRef::Scalar(wider)))
            }
            _ => None,
        }
    }

    /// The type of a form made only of built-in types (no named type in it).
    fn built_in(&self) -> Option<TypeRef> {
        match self {
            Form::Type(ty @ TypeRef::Scalar(_)) => Some(ty.clone()),
            Form::List(item) => item.built_in().map(|item| TypeRef::List(Box::new(item))),
            Form::Any => Some(TypeRef::Json),
            Form::Type(_) | Form::Enum(_) | Form::Other => None,
        }
    }

    /// The form in the words of a spec's author, for messages.
    fn words(&self) -> String {
        match self {
            Form::Type(TypeRef::Scalar(scalar)) => scalar_words(*scalar).to_owned(),
            Form::Type(TypeRef::Named(name)) => format!("`{name}`"),
            Form::Type(_) | Form::Other => "an object".to_owned(),
            Form::Enum(_) => "a string enum".to_owned(),
            Form::List(item) => format!("a list of {}", item.words()),
            Form::Any => "any JSON value".to_owned(),
        }
    }
}

/// A scalar in the words of a spec's author.
fn scalar_words(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "a string",
        Scalar::Bool => "a boolean",
        Scalar::I32 => "an int32 integer",
        Scalar::I64 => "an integer",
        Scalar::U32 => "a uint32 integer",
        Scalar::U64 => "a uint64 integer",
        Scalar::F32 => "a float number",
        Scalar::F64 => "a number",
        Scalar::I64String => "an int64 string",
        Scalar::U64String => "a uint64 string",
        Scalar::DateTime => "a date-time string",
        Scalar::Date => "a date string",
        Scalar::Ipv4 => "an ipv4 string",
        Scalar::Ipv6 => "an ipv6 string",
        Scalar::Bytes => "binary data",
        Scalar::File => "a file (binary string)",
    }
}

/// A variant name for an unnamed union member, from its type.
fn variant_word(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::Scalar(scalar) => format!("{scalar:?}"),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Boxed(inner) => variant_word(inner),
        TypeRef::Json => "Value".to_owned(),
    }
}

fn string_enum(values: Vec<String>, default: Option<&Value>) -> StringEnum {
    let mut names = Namespace::default();
    let variants: Vec<EnumVariant> = values
        .into_iter()
        .map(|value| EnumVariant {
            name: names.claim(&names::type_name(&value)),
            value,
        })
        .collect();
    let default = default
        .and_then(Value::as_str)
        .and_then(|d| variants.iter().position(|v| v.value == d));
    StringEnum {
        variants,
        default,
        other: names.claim("Unknown"),
    }
}

/// A property on its way into a struct: every schema that declares it.
struct PendingProperty<'a> {
    wire_name: String,
    schemas: Vec<(SchemaRef<'a>, String)>,
    /// The named schema that declares it first, when not the struct being built: its
    /// inline types are named after their declaring schema, wherever they are merged.
    owner: Option<String>,
}

/// Collects properties (possibly from several `allOf` members) into a struct.
#[derive(Default)]
struct StructBuilder<'a> {
    properties: Vec<PendingProperty<'a>>,
    /// Names listed in `required`, with where each list is (for a warning when no member
    /// declares the property).
    required: Vec<(String, String)>,
    /// `Some(None)` for `additionalProperties: true`, `Some(Some(..))` for a schema.
    additional: Option<Option<(SchemaRef<'a>, String)>>,
    /// `allOf` members merged so far (by pointer), with whether each was an object;
    /// `None` while it is being merged.
    members: Vec<(String, Option<bool>)>,
    /// The named schema whose properties are being collected, when it is not the struct
    /// being built (a `$ref`ed `allOf` member).
    owner: Option<String>,
}

impl<'a> StructBuilder<'a> {
    fn require(&mut self, name: &str, pointer: &str) {
        if !self.required.iter().any(|(r, _)| r == name) {
            self.required.push((name.to_owned(), pointer.to_owned()));
        }
    }

    fn add(&mut self, wire_name: &str, schema: SchemaRef<'a>, pointer: String) {
        match self
            .properties
            .iter_mut()
            .find(|p| p.wire_name == wire_name)
        {
            Some(existing) => existing.schemas.push((schema, pointer)),
            None => self.properties.push(PendingProperty {
                wire_name: wire_name.to_owned(),
                schemas: vec![(schema, pointer)],
                owner: self.owner.clone(),
            }),
        }
    }
}
