//! `oneOf`/`anyOf` → a union: tagged by a discriminator when every variant can be told
//! by its tag, else untagged (the generated decoder tells the variants apart by the
//! value itself, see [`crate::ir::Shape`]); an `anyOf` of objects → one struct.

use openapiv3::{ReferenceOr, Schema};

use crate::diagnostics::child;
use crate::ir::{
    Adapter, Directions, Scalar, Shape, Struct, Tagging, TypeDef, TypeKind, TypeRef, Union,
    UnionVariant,
};
use crate::lower::Lowerer;
use crate::names::{self, Namespace, RustName};

use super::object::StructBuilder;
use super::{SchemaRef, View, variant_word};

impl<'a> Lowerer<'a> {
    /// `oneOf`/`anyOf` (`members`) of the schema `view` at `schema_pointer`. Properties,
    /// `required` and `additionalProperties` beside them apply to the whole value, so each
    /// object variant becomes that variant merged with them.
    pub(in crate::lower) fn union(
        &mut self,
        view: &View<'a>,
        members: &'a [ReferenceOr<Schema>],
        name: &RustName,
        schema_pointer: &str,
    ) -> TypeKind {
        if let Some(merged) = self.any_of_struct(view, members, name, schema_pointer) {
            return TypeKind::Struct(merged);
        }
        let combinator = if view.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        let pointer = &child(schema_pointer, combinator);
        let siblings =
            view.has_properties() || !view.required.is_empty() || view.additional.is_some();
        let mut variant_names = Namespace::default();
        // With a discriminator, the catch-all for unknown tags is named first: a schema
        // that would take its name is the one renamed.
        let catch_all = view
            .data
            .discriminator
            .is_some()
            .then(|| variant_names.claim(&names::fixed::catch_all_variant()));
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
                    .filter(|t| !t.as_str().starts_with('_')),
                SchemaRef::Ref(_) => None,
            };
            let word = title.unwrap_or_else(|| names::type_name(&names::numbered_variant(index)));
            let merge = siblings && self.is_object_schema(member_ref);
            let ty = match member_ref {
                // Inline members are merged without a type of their own first.
                SchemaRef::Item(_) if merge => None,
                _ => Some(self.type_of(member_ref, &format!("{name}{word}"), &member_pointer)),
            };
            let base = match (&ty, member_ref) {
                (Some(TypeRef::Named(type_name)), SchemaRef::Ref(_)) => type_name.clone(),
                (Some(TypeRef::Named(_)) | None, _) => word,
                (Some(other), _) => variant_word(other),
            };
            let ty = match ty {
                Some(ty) if !merge => ty,
                _ => {
                    let hint = format!("{name}{}", base.bare());
                    self.merged_variant(view, member_ref, &hint, &member_pointer, schema_pointer)
                }
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
                    tags.push(names::schema_name(key));
                }
                tags.retain(|tag| !taken.contains(tag));
                taken.extend(tags.iter().cloned());
            }
            tag_lists.push(tags);
        }
        let all_tagged = tag_lists.iter().all(|tags| !tags.is_empty());
        let tagged = discriminator.filter(|_| all_objects && all_referenced && all_tagged);
        // Without a discriminator that selects every variant, a property each variant
        // fixes to one value may (see `const_tags`).
        let by_const = match tagged {
            Some(_) => None,
            None => self.const_tags(&variants, discriminator.map(|d| d.property_name.as_str())),
        };
        if let Some((_, tags)) = &by_const {
            tag_lists = tags.iter().map(|tag| vec![tag.clone()]).collect();
        }
        let tagging = match (tagged, &by_const) {
            (Some(discriminator), _) => Tagging::Internal {
                property: discriminator.property_name.clone(),
            },
            (None, Some((property, _))) => Tagging::Internal {
                property: property.clone(),
            },
            (None, None) => {
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
        let variants: Vec<UnionVariant> = variants
            .into_iter()
            .zip(tag_lists)
            .map(|((name, ty, _), tags)| {
                let tags = if tagged.is_some() || by_const.is_some() {
                    tags
                } else {
                    Vec::new()
                };
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
                    adapter: Adapter::of(&ty),
                    ty,
                    tags,
                    docs,
                    // Both decided once every type is known (`passes`).
                    shape: Shape::Any,
                    from: false,
                }
            })
            .collect();
        let other = matches!(tagging, Tagging::Internal { .. }).then(|| {
            catch_all.unwrap_or_else(|| variant_names.claim(&names::fixed::catch_all_variant()))
        });
        let display = other.is_none() && variants.iter().all(|v| self.displayable(&v.ty));
        TypeKind::Union(Union {
            tagging,
            variants,
            other,
            display,
        })
    }

    /// An `anyOf` whose members are all objects (members that are only `{}` aside,
    /// which add no property) without a discriminator: one struct with every member's
    /// properties, required where every member requires them. A value may match several
    /// members at once (`anyOf` allows it), so a union would keep one member's properties
    /// and drop the others'. Keywords beside `anyOf` apply to the whole struct.
    fn any_of_struct(
        &mut self,
        view: &View<'a>,
        members: &'a [ReferenceOr<Schema>],
        name: &RustName,
        schema_pointer: &str,
    ) -> Option<Struct> {
        if !view.one_of.is_empty() || view.data.discriminator.is_some() {
            return None;
        }
        let mut objects = Vec::new();
        let mut open_member = false;
        for member in members {
            match member {
                ReferenceOr::Item(schema) if View::of(schema).is_constraint_only() => {
                    open_member = true;
                }
                member if self.is_object_schema(member.into()) => objects.push(member),
                _ => return None,
            }
        }
        if objects.is_empty() {
            return None;
        }
        let pointer = child(schema_pointer, "anyOf");
        let mut builder = StructBuilder {
            keyword: Some("anyOf"),
            ..StructBuilder::default()
        };
        let mut required: Option<Vec<(String, String)>> = None;
        for member in objects {
            let index = members
                .iter()
                .position(|m| std::ptr::eq(m, member))
                .unwrap_or_default();
            let mut own = StructBuilder::default();
            if !self.merge_member(
                &mut own,
                member.into(),
                &child(&pointer, &index.to_string()),
            ) {
                return None;
            }
            let own_required = std::mem::take(&mut own.required);
            required = Some(match required {
                None => own_required,
                Some(so_far) => so_far
                    .into_iter()
                    .filter(|(name, _)| own_required.iter().any(|(r, _)| r == name))
                    .collect(),
            });
            builder.absorb(own);
        }
        // A `{}` member matches any value, so it requires nothing.
        if !open_member {
            builder.required = required.unwrap_or_default();
        }
        if view.has_properties() || !view.required.is_empty() || view.additional.is_some() {
            self.collect_properties(&mut builder, view, schema_pointer);
        }
        Some(self.build_struct(builder, name))
    }

    /// A union variant that is `member` (an object) merged with the properties,
    /// `required` and `additionalProperties` written beside the union (`view`, at
    /// `pointer`): a new struct named after `hint`.
    pub(in crate::lower) fn merged_variant(
        &mut self,
        view: &View<'a>,
        member: SchemaRef<'a>,
        hint: &str,
        member_pointer: &str,
        pointer: &str,
    ) -> TypeRef {
        let name = self.type_names.claim(&names::type_name(hint));
        let mut builder = StructBuilder::default();
        self.merge_member(&mut builder, member, member_pointer);
        self.collect_properties(&mut builder, view, pointer);
        let merged = self.build_struct(builder, &name);
        let described = match member {
            SchemaRef::Ref(reference) => self
                .component_schema(reference)
                .map(|target| self.description(target, &[name.as_str()]))
                .unwrap_or_default(),
            SchemaRef::Item(_) => self.description(member, &[name.as_str()]),
        };
        self.types.push(TypeDef {
            name: name.clone(),
            docs: described,
            deprecated: false,
            kind: TypeKind::Struct(merged),
            directions: Directions::BOTH,
            gate: Default::default(),
        });
        TypeRef::Named(name)
    }

    /// Whether values of a type have a wire form as text (for parameters).
    pub(in crate::lower) fn displayable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Scalar(scalar) => {
                !matches!(scalar, Scalar::Bytes | Scalar::File | Scalar::Base64)
            }
            TypeRef::Named(name) => self.types.get(name).is_some_and(|t| match &t.kind {
                TypeKind::Enum(_) => true,
                TypeKind::Union(u) => u.display,
                _ => false,
            }),
            TypeRef::List(_)
            | TypeRef::Map(_)
            | TypeRef::Boxed(_)
            | TypeRef::Tuple(_)
            | TypeRef::Json => false,
        }
    }

    pub(in crate::lower) fn is_struct(&self, name: &RustName) -> bool {
        self.types
            .get(name)
            .is_some_and(|t| matches!(t.kind, TypeKind::Struct(_)))
            || self.in_progress_struct(name)
    }

    /// A component still being lowered is known to become a struct if its schema has
    /// properties.
    pub(in crate::lower) fn in_progress_struct(&self, name: &RustName) -> bool {
        self.component_names.iter().any(|(key, n)| {
            n == name
                && self.guard.making_component(key)
                && self
                    .schemas()
                    .and_then(|s| s.get(key))
                    .and_then(|s| s.as_item())
                    .is_some_and(|s| View::of(s).has_properties())
        })
    }
}
