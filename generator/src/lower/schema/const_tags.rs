//! `oneOf`/`anyOf` variants told apart by a property each fixes to one value (`const`,
//! or an `enum` of one value): the union is tagged by it, even without a
//! `discriminator`, and even when the variants are inline schemas. JSON Schema
//! generators (pydantic, zod, TypeBox) write unions this way; tried in order instead, a
//! variant whose tag is a string enum with a catch-all would take any other's value.

use crate::ir::{TypeKind, TypeRef};
use crate::lower::Lowerer;
use crate::names::RustName;

impl Lowerer<'_> {
    /// The property that tells the union's `variants` apart and each variant's value of
    /// it, if every variant is a struct that requires the property with one value, and no
    /// two variants have the same value. `preferred` (the discriminator's property) is
    /// tried first, then the first variant's properties in order.
    pub(in crate::lower) fn const_tags(
        &self,
        variants: &[(RustName, TypeRef, Option<String>)],
        preferred: Option<&str>,
    ) -> Option<(String, Vec<String>)> {
        let fixed: Vec<Vec<(&str, &str)>> = variants
            .iter()
            .map(|(_, ty, _)| self.fixed_properties(ty))
            .collect::<Option<_>>()?;
        let first = fixed.first()?;
        let candidates = preferred
            .into_iter()
            .chain(first.iter().map(|(property, _)| *property));
        for property in candidates {
            let tags: Option<Vec<String>> = fixed
                .iter()
                .map(|properties| {
                    properties
                        .iter()
                        .find(|(name, _)| *name == property)
                        .map(|(_, value)| (*value).to_owned())
                })
                .collect();
            let Some(tags) = tags else {
                continue;
            };
            let distinct = tags
                .iter()
                .enumerate()
                .all(|(index, tag)| !tags[..index].contains(tag));
            if distinct {
                return Some((property.to_owned(), tags));
            }
        }
        None
    }

    /// The required properties of the struct `ty` that have one value (a string enum of
    /// one value), with that value; `None` if `ty` is no struct made yet.
    fn fixed_properties(&self, ty: &TypeRef) -> Option<Vec<(&str, &str)>> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let TypeKind::Struct(object) = &self.types.get(name)?.kind else {
            return None;
        };
        let fixed = object
            .fields
            .iter()
            .filter(|field| field.required && !field.nullable)
            .filter_map(|field| {
                let TypeRef::Named(enum_name) = &field.ty else {
                    return None;
                };
                match &self.types.get(enum_name)?.kind {
                    TypeKind::Enum(values) if values.variants.len() == 1 => {
                        Some((field.wire_name.as_str(), values.variants[0].value.as_str()))
                    }
                    _ => None,
                }
            })
            .collect();
        Some(fixed)
    }
}
