//! `oneOf`/`anyOf` → a union: tagged by a discriminator when every variant can be told
//! by its tag, else untagged with the most specific variants tried first.

use openapiv3::{ReferenceOr, Schema};

use crate::diagnostics::child;
use crate::ir::{
    Adapter, Directions, Scalar, Tagging, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
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
        let mut variants: Vec<UnionVariant> = variants
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
        let other = matches!(tagging, Tagging::Internal { .. })
            .then(|| variant_names.claim(&names::fixed::unknown_variant()));
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
    pub(in crate::lower) fn displayable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Scalar(scalar) => {
                !matches!(scalar, Scalar::Bytes | Scalar::File | Scalar::Base64)
            }
            TypeRef::Named(name) => self.types.iter().any(|t| {
                &t.name == name
                    && match &t.kind {
                        TypeKind::Enum(_) => true,
                        TypeKind::Union(u) => u.display,
                        _ => false,
                    }
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
            .iter()
            .any(|t| t.name == *name && matches!(t.kind, TypeKind::Struct(_)))
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

    /// Order for trying untagged variants: the most specific first, so a value is not
    /// taken by a variant that accepts more. Structs with more required fields come
    /// first; free-form values last.
    pub(in crate::lower) fn untagged_rank(&self, ty: &TypeRef) -> usize {
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
                Scalar::I64String | Scalar::U64String | Scalar::Base64 => 250,
                Scalar::String | Scalar::Bytes | Scalar::File => 310,
            },
            TypeRef::List(_) | TypeRef::Tuple(_) => 260,
            TypeRef::Map(_) => 400,
            TypeRef::Json => 500,
        }
    }
}
