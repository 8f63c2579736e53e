//! [`View`]: every keyword of a schema the generator uses, whatever shape `openapiv3`
//! chose. `openapiv3` parses a schema into one of several shapes, and anything it cannot
//! fit (`type: object` together with `allOf`, say) into an untyped "any" shape that still
//! has every keyword; the view flattens all of them into one, so a schema that carries a
//! `type` is never treated as untyped.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::docs;
use crate::ir::Scalar;
use crate::names;

/// A schema or a reference to one, whichever way `openapiv3` boxed it.
#[derive(Clone, Copy)]
pub(in crate::lower) enum SchemaRef<'s> {
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

pub(in crate::lower) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Every keyword the generator uses, whatever shape `openapiv3` chose.
pub(in crate::lower) struct View<'s> {
    pub(in crate::lower) data: &'s SchemaData,
    pub(in crate::lower) ty: Option<&'s str>,
    pub(in crate::lower) format: Option<String>,
    pub(in crate::lower) enum_values: Vec<Value>,
    pub(in crate::lower) properties: Option<&'s Properties>,
    pub(in crate::lower) required: &'s [String],
    pub(in crate::lower) additional: Option<&'s AdditionalProperties>,
    pub(in crate::lower) items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub(in crate::lower) all_of: &'s [ReferenceOr<Schema>],
    pub(in crate::lower) one_of: &'s [ReferenceOr<Schema>],
    pub(in crate::lower) any_of: &'s [ReferenceOr<Schema>],
    pub(in crate::lower) not: bool,
}

pub(in crate::lower) fn format_text<T: std::fmt::Debug>(
    format: &VariantOrUnknownOrEmpty<T>,
    name: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

pub(in crate::lower) fn optional_values<T: Clone + Into<Value>>(
    values: &[Option<T>],
) -> Vec<Value> {
    values
        .iter()
        .map(|v| v.clone().map_or(Value::Null, Into::into))
        .collect()
}

impl<'s> View<'s> {
    pub(in crate::lower) fn of(schema: &'s Schema) -> Self {
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
    pub(in crate::lower) fn is_constraint_only(&self) -> bool {
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

    /// The schema's title, unless it is blank.
    pub(in crate::lower) fn title(&self) -> Option<&'s str> {
        (self.data.title.as_deref()).filter(|title| !title.trim().is_empty())
    }

    /// Whether an inline schema becomes a named type: objects, string enums, unions
    /// and `allOf`s.
    pub(in crate::lower) fn needs_name(&self) -> bool {
        self.has_properties()
            || self.string_enum().is_some() && matches!(self.ty, Some("string") | None)
            || !self.union_members().is_empty()
            || !self.all_of.is_empty()
    }

    /// Whether the schema is named as a string enum: it [needs a
    /// name](Self::needs_name) for its values alone, without properties or members.
    pub(in crate::lower) fn is_named_enum(&self) -> bool {
        self.needs_name()
            && !self.has_properties()
            && self.union_members().is_empty()
            && self.all_of.is_empty()
    }

    pub(in crate::lower) fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// String values of `enum`, without `null`; `None` if some value is not a string.
    pub(in crate::lower) fn string_enum(&self) -> Option<Vec<String>> {
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
    pub(in crate::lower) fn union_members(&self) -> &'s [ReferenceOr<Schema>] {
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

/// Doc lines of a schema: title, description, default, access notes. A title that only
/// restates a name of what the docs are for (`named`: a field's wire name, a type's
/// name), in any case, is left out: "addon_slugs" above `addon_slugs`, "Simple User"
/// above a `SimpleUser`.
pub(in crate::lower) fn schema_docs(data: &SchemaData, named: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(title) = &data.title
        && !restates_a_name(title, named)
    {
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

/// The scalar of a `type` and `format`; `None` for types that are not scalars.
pub(in crate::lower) fn scalar(ty: &str, format: Option<&str>) -> Option<Scalar> {
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
        // `float` too: an `f32` would write `0.00743999984115362` back as `0.00744`.
        "number" => Scalar::F64,
        "boolean" => Scalar::Bool,
        _ => return None,
    })
}

/// Whether `text` is one of `named` in other words' case (`Simple User`, `SimpleUser`).
fn restates_a_name(text: &str, named: &[&str]) -> bool {
    let words = names::snake_name(text);
    named
        .iter()
        .any(|name| names::snake_name(name).bare() == words.bare())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> SchemaData {
        SchemaData {
            title: Some(title.to_owned()),
            description: Some("What it is.".to_owned()),
            ..SchemaData::default()
        }
    }

    #[test]
    fn a_title_that_restates_a_name_is_left_out() {
        let docs = |title: &str, named: &[&str]| schema_docs(&titled(title), named);
        assert_eq!(docs("addon_slugs", &["addon_slugs"]), ["What it is."]);
        assert_eq!(
            docs("Simple User", &["owner", "SimpleUser"]),
            ["What it is."]
        );
        assert_eq!(docs("Token URL", &["token_url"]), ["What it is."]);
        assert_eq!(docs("type", &["type"]), ["What it is."]);
        // A title that says more stays.
        assert_eq!(
            docs("Simple User", &["organization", "RepositoryOrganization"]),
            ["Simple User", "", "What it is."]
        );
        assert_eq!(docs("Value", &[]), ["Value", "", "What it is."]);
    }
}
