//! `allOf`: members merged into one struct, and one type for a property several members
//! declare (merged objects, or the most general of the declared types).

use openapiv3::{AdditionalProperties, ReferenceOr};

use crate::diagnostics::child;
use crate::ir::{Directions, Scalar, TypeDef, TypeKind, TypeRef};
use crate::load::schema_pointer;
use crate::lower::Lowerer;
use crate::names::{self, RustName};

use super::object::{PendingProperty, StructBuilder};
use super::{SchemaRef, View, scalar, scalar_words};
use crate::lower::resolve::MAX_DEPTH;

impl<'a> Lowerer<'a> {
    /// `allOf`: every member's properties merged into one struct; a lone `$ref` member
    /// with nothing else is just that type.
    pub(in crate::lower) fn all_of(
        &mut self,
        view: &View<'a>,
        name: &RustName,
        pointer: &str,
    ) -> Option<TypeKind> {
        let members = view.all_of;
        // Keywords beside `allOf` apply to the whole value: with `required`, properties
        // or `additionalProperties` of its own it is a new struct, not the member's type.
        let only_reference = members.len() == 1
            && matches!(members[0], ReferenceOr::Reference { .. })
            && !view.has_properties()
            && view.required.is_empty()
            && view.additional.is_none();
        if only_reference {
            let ty = self.type_of(
                (&members[0]).into(),
                name.as_str(),
                &child(pointer, "allOf/0"),
            );
            return Some(TypeKind::Alias(ty));
        }
        let mut builder = StructBuilder::default();
        let mut objects = 0;
        let mut other: Option<TypeRef> = None;
        for (index, member) in members.iter().enumerate() {
            let member_pointer = child(&child(pointer, "allOf"), &index.to_string());
            let constraint_only = matches!(member, ReferenceOr::Item(schema) if View::of(schema).is_constraint_only());
            if self.merge_member(&mut builder, member.into(), &member_pointer) {
                objects += 1;
            } else if other.is_none() && !constraint_only {
                other = Some(self.type_of(member.into(), name.as_str(), &member_pointer));
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
    pub(in crate::lower) fn merge_member(
        &mut self,
        builder: &mut StructBuilder<'a>,
        member: SchemaRef<'a>,
        pointer: &str,
    ) -> bool {
        if !self.guard.deeper() {
            self.warn(
                pointer,
                format!(
                    "`allOf` nested more than {MAX_DEPTH} levels deep; the generator follows \
                     no deeper, and the deeper members are left out"
                ),
            );
            return false;
        }
        let merged = self.merge_member_within(builder, member, pointer);
        self.guard.shallower();
        merged
    }

    /// [`Self::merge_member`] one level deeper.
    fn merge_member_within(
        &mut self,
        builder: &mut StructBuilder<'a>,
        member: SchemaRef<'a>,
        pointer: &str,
    ) -> bool {
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
                let merged = self.merge_member(builder, schema, &pointer);
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
            merged |= self.merge_member(builder, nested.into(), &nested_pointer);
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

    /// The type of a property several members of `keyword` (`allOf` or `anyOf`) declare:
    /// objects are merged; anything else takes the most general of the declared types.
    pub(in crate::lower) fn merged_property(
        &mut self,
        property: &PendingProperty<'a>,
        keyword: &str,
        hint: &str,
    ) -> TypeRef {
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
            if let Some(name) = self.guard.merge_in_progress(&sources) {
                return TypeRef::Named(name);
            }
            let name = self.type_names.claim(&names::type_name(hint));
            self.guard.start_merge(sources, &name);
            let mut builder = StructBuilder::default();
            for (schema, pointer) in schemas {
                if self.is_map_schema(*schema) {
                    self.merge_map(&mut builder, *schema, pointer);
                } else {
                    self.merge_member(&mut builder, *schema, pointer);
                }
            }
            let merged = self.build_struct(builder, &name);
            self.guard.end();
            self.types.push(TypeDef {
                name: name.clone(),
                docs: Vec::new(),
                deprecated: false,
                kind: TypeKind::Struct(merged),
                directions: Directions::BOTH,
                gate: Default::default(),
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
                "conflicting definitions of property `{}` in `{keyword}`: {}; no type fits \
                 them all, so the property is any JSON value",
                property.wire_name,
                described.join(", ")
            ),
        );
        TypeRef::Json
    }

    /// Adds a map declaration of a property (an object without properties) to a struct
    /// merged from object declarations: the properties it does not list are kept in the
    /// struct's map of extra properties.
    pub(in crate::lower) fn merge_map(
        &mut self,
        builder: &mut StructBuilder<'a>,
        schema: SchemaRef<'a>,
        pointer: &str,
    ) {
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
    pub(in crate::lower) fn form(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        depth: usize,
    ) -> Form {
        if depth > MAX_DEPTH {
            return Form::Any;
        }
        let item = match schema {
            SchemaRef::Ref(_) => {
                return match self.type_of(schema, "", pointer) {
                    TypeRef::Named(name) if self.is_enum(&name) => Form::Enum(Some(name)),
                    TypeRef::Named(name) if self.is_object_schema(schema) => Form::Object(name),
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
        if !view.union_members().is_empty() {
            return Form::Other("a union (`oneOf` or `anyOf`)");
        }
        if !view.all_of.is_empty() {
            return Form::Other("an `allOf`");
        }
        if view.needs_name() {
            return Form::Other(OBJECT);
        }
        let any_value = matches!(
            view.additional,
            None | Some(AdditionalProperties::Any(true))
        );
        if any_value && self.is_map_schema(schema) {
            return Form::AnyObject;
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
            Some("object") => Form::Other(OBJECT),
            Some(ty) => match scalar(ty, view.format.as_deref()) {
                Some(scalar) => Form::Type(TypeRef::Scalar(scalar)),
                None => Form::Any,
            },
            None => Form::Any,
        }
    }

    pub(in crate::lower) fn is_enum(&self, name: &RustName) -> bool {
        self.types
            .get(name)
            .is_some_and(|t| matches!(t.kind, TypeKind::Enum(_)))
    }
}

/// How [`Form::Other`] calls an inline object.
const OBJECT: &str = "an object";

/// The form of a declaration's type, for comparing the declarations of one property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::lower) enum Form {
    /// A type: a scalar, or a named type.
    Type(TypeRef),
    /// A named struct (a `$ref` to an object schema).
    Object(RustName),
    /// An object without properties whose values may be anything: any object.
    AnyObject,
    /// A string enum: named (a `$ref`), or inline.
    Enum(Option<RustName>),
    /// A list of items of a form.
    List(Box<Form>),
    /// An inline object, union or anything else with a type of its own, in the words
    /// of a message.
    Other(&'static str),
    /// No type: any JSON value.
    Any,
}

impl Form {
    /// The most general of two forms, when one exists: a string for enums and strings of
    /// any format (a date-time string and a plain one are both strings in JSON, and a
    /// `String` keeps either as sent), the wider number, lists of the more general items.
    pub(in crate::lower) fn general(&self, other: &Form) -> Option<Form> {
        use Scalar::{F64, I32, I64, String as Text, U32, U64};
        if self == other {
            return Some(self.clone());
        }
        let text = || Some(Form::Type(TypeRef::Scalar(Text)));
        match (self, other) {
            (Form::Any, known) | (known, Form::Any) => Some(known.clone()),
            (a, b) if a.is_text() && b.is_text() => text(),
            // Any object and an object type: the object type, which keeps the properties
            // it does not list (as every struct does), so nothing is lost. A generic
            // page's `items: [{type: object}]` specialized as `items: [$ref: Item]`.
            (Form::AnyObject, object @ (Form::Object(_) | Form::Other(OBJECT)))
            | (object @ (Form::Object(_) | Form::Other(OBJECT)), Form::AnyObject) => {
                Some(object.clone())
            }
            (Form::List(a), Form::List(b)) => a.general(b).map(|item| Form::List(Box::new(item))),
            (Form::Type(TypeRef::Scalar(a)), Form::Type(TypeRef::Scalar(b))) => {
                let rank = |s: &Scalar| match s {
                    I32 | U32 => Some(1),
                    I64 | U64 => Some(2),
                    F64 => Some(3),
                    _ => None,
                };
                let wider = match (rank(a)?, rank(b)?) {
                    (3, _) | (_, 3) => F64,
                    _ => I64,
                };
                Some(Form::Type(TypeRef::Scalar(wider)))
            }
            _ => None,
        }
    }

    /// Whether the value is a JSON string: a string enum, or a string of any format.
    fn is_text(&self) -> bool {
        use Scalar::{Base64, Date, DateTime, I64String, Ipv4, Ipv6, String as Text, U64String};
        match self {
            Form::Enum(_) => true,
            Form::Type(TypeRef::Scalar(scalar)) => matches!(
                scalar,
                Text | I64String | U64String | DateTime | Date | Ipv4 | Ipv6 | Base64
            ),
            _ => false,
        }
    }

    /// The type of a form made only of built-in types (no named type in it).
    pub(in crate::lower) fn built_in(&self) -> Option<TypeRef> {
        match self {
            Form::Type(ty @ TypeRef::Scalar(_)) => Some(ty.clone()),
            Form::List(item) => item.built_in().map(|item| TypeRef::List(Box::new(item))),
            Form::Any => Some(TypeRef::Json),
            Form::Type(_) | Form::Object(_) | Form::AnyObject | Form::Enum(_) | Form::Other(_) => {
                None
            }
        }
    }

    /// The form in the words of a spec's author, for messages.
    pub(in crate::lower) fn words(&self) -> String {
        match self {
            Form::Type(TypeRef::Scalar(scalar)) => scalar_words(*scalar).to_owned(),
            Form::Type(TypeRef::Named(name)) | Form::Object(name) => format!("`{name}`"),
            Form::AnyObject => "an object without properties".to_owned(),
            Form::Type(_) => "an object".to_owned(),
            Form::Other(words) => (*words).to_owned(),
            Form::Enum(_) => "a string enum".to_owned(),
            Form::List(item) => format!("a list of {}", item.words()),
            Form::Any => "any JSON value".to_owned(),
        }
    }
}
