//! Properties (possibly from several `allOf` members) → a struct.

use openapiv3::AdditionalProperties;

use crate::diagnostics::child;
use crate::ir::{Adapter, Additional, Field, Struct, TypeRef};
use crate::lower::Lowerer;
use crate::names::{self, Namespace, RustName};

use super::{SchemaRef, View};

impl<'a> Lowerer<'a> {
    /// Adds a view's properties (and `additionalProperties`) to a struct being built.
    pub(in crate::lower) fn collect_properties(
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
    pub(in crate::lower) fn build_struct(
        &mut self,
        builder: StructBuilder<'a>,
        name: &RustName,
    ) -> Struct {
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
                let owner = property.owner.as_ref().unwrap_or(name);
                let hint = format!("{owner}_{}", property.wire_name);
                self.type_of(first, &hint, &first_pointer)
            } else {
                // Declarations merged here make a type of this struct's own.
                let keyword = builder.keyword.unwrap_or("allOf");
                self.merged_property(property, keyword, &format!("{name}_{}", property.wire_name))
            };
            let mut docs = Vec::new();
            let mut deprecated = false;
            let mut nullable = false;
            // A title that only restates the property's or its type's name says nothing.
            let mut named = vec![property.wire_name.as_str()];
            if let TypeRef::Named(name) = &ty {
                named.push(name.as_str());
            }
            for (schema, _) in &property.schemas {
                let described = self.description(*schema, &named);
                if !described.is_empty() {
                    docs = described;
                }
                deprecated |= matches!(schema, SchemaRef::Item(s) if s.schema_data.deprecated);
                nullable |= self.nullable(*schema);
            }
            let field_name = field_names.claim(&names::snake_name(&property.wire_name));
            fields.push(Field {
                local: names::field_local(fields.len(), &field_name),
                name: field_name,
                required: is_required(&property.wire_name),
                wire_name: property.wire_name.clone(),
                adapter: Adapter::of(&ty),
                ty,
                nullable,
                docs,
                deprecated,
            });
        }
        // Every struct keeps the properties it does not list: those the schema declares
        // (`additionalProperties`), or any the API sends beyond the spec, so a value read
        // and written back (a read-modify-write update) loses nothing.
        let declared = builder.additional.is_some();
        let ty = match builder.additional {
            Some(Some((schema, pointer))) => {
                self.type_of(schema, &format!("{name}Value"), &pointer)
            }
            Some(None) | None => TypeRef::Json,
        };
        let docs = if declared {
            "Properties not listed above (the schema's `additionalProperties`)."
        } else {
            "Properties the spec does not list: kept as received and written as they \
             are, so a value read and written back loses nothing."
        };
        let additional = Some(Additional {
            name: field_names.claim(&names::fixed::additional_field()),
            adapter: Adapter::of(&ty),
            ty,
            declared,
            docs: vec![docs.to_owned()],
        });
        let new_arguments = fields
            .iter()
            .enumerate()
            .filter(|(_, field)| !field.optional())
            .map(|(index, _)| index)
            .collect();
        Struct {
            fields,
            additional,
            // Decided once every type is known (`passes::decide_construction`).
            default: false,
            new_arguments,
        }
    }
}

/// A property on its way into a struct: every schema that declares it.
pub(in crate::lower) struct PendingProperty<'a> {
    pub(in crate::lower) wire_name: String,
    pub(in crate::lower) schemas: Vec<(SchemaRef<'a>, String)>,
    /// The named schema that declares it first, when not the struct being built: its
    /// inline types are named after their declaring schema, wherever they are merged.
    pub(in crate::lower) owner: Option<RustName>,
}

/// Collects properties (possibly from several `allOf` members) into a struct.
#[derive(Default)]
pub(in crate::lower) struct StructBuilder<'a> {
    pub(in crate::lower) properties: Vec<PendingProperty<'a>>,
    /// Names listed in `required`, with where each list is (for a warning when no member
    /// declares the property).
    pub(in crate::lower) required: Vec<(String, String)>,
    /// `Some(None)` for `additionalProperties: true`, `Some(Some(..))` for a schema.
    pub(in crate::lower) additional: Option<Option<(SchemaRef<'a>, String)>>,
    /// `allOf` members merged so far (by pointer), with whether each was an object;
    /// `None` while it is being merged.
    pub(in crate::lower) members: Vec<(String, Option<bool>)>,
    /// The named schema whose properties are being collected, when it is not the struct
    /// being built (a `$ref`ed `allOf` member).
    pub(in crate::lower) owner: Option<RustName>,
    /// The keyword whose members declared the properties, for messages: `allOf` unless
    /// set (an `anyOf` of objects is one struct too).
    pub(in crate::lower) keyword: Option<&'static str>,
}

impl<'a> StructBuilder<'a> {
    pub(in crate::lower) fn require(&mut self, name: &str, pointer: &str) {
        if !self.required.iter().any(|(r, _)| r == name) {
            self.required.push((name.to_owned(), pointer.to_owned()));
        }
    }

    /// Adds what another builder collected (an `anyOf` member's properties and
    /// `additionalProperties`); its `required` is the caller's to combine.
    pub(in crate::lower) fn absorb(&mut self, other: StructBuilder<'a>) {
        for property in other.properties {
            match self
                .properties
                .iter_mut()
                .find(|p| p.wire_name == property.wire_name)
            {
                Some(existing) => existing.schemas.extend(property.schemas),
                None => self.properties.push(property),
            }
        }
        // A schema for other properties wins over `true`, which wins over nothing.
        let rank = |additional: &Option<Option<_>>| match additional {
            None => 0,
            Some(None) => 1,
            Some(Some(_)) => 2,
        };
        if rank(&other.additional) > rank(&self.additional) {
            self.additional = other.additional;
        }
    }

    pub(in crate::lower) fn add(
        &mut self,
        wire_name: &str,
        schema: SchemaRef<'a>,
        pointer: String,
    ) {
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
