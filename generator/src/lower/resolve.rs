//! References and the guard against cycles and depth: a `$ref` → the component's type
//! (lowered once, on first use), helpers that look through `$ref` chains, and the one
//! limit on how deep schemas nest.

use openapiv3::ReferenceOr;
use serde_json::Value;

use crate::diagnostics::unescape_token;
use crate::ir::TypeRef;
use crate::load::schema_pointer;
use crate::lower::Lowerer;

use super::schema::{SchemaRef, View};

/// How many `$ref`s and `allOf`s deep the helpers that look through them go: further
/// only in a cycle, which is reported where it is found.
pub(in crate::lower) const MAX_DEPTH: usize = 64;

impl<'a> Lowerer<'a> {
    /// The type a schema position stands for; inline schemas that need a named type get
    /// one called `hint` (made unique).
    pub(in crate::lower) fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
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
    pub(in crate::lower) fn nullable(&self, schema: SchemaRef<'_>) -> bool {
        self.nullable_within(schema, &mut Vec::new())
    }

    /// [`Self::nullable`], looking through each `$ref` once (`seen`): a diamond of
    /// `allOf`s is not walked once per path through it, and a cycle ends.
    pub(in crate::lower) fn nullable_within<'s>(
        &'s self,
        schema: SchemaRef<'s>,
        seen: &mut Vec<&'s str>,
    ) -> bool {
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

    pub(in crate::lower) fn component_key(&self, reference: &str) -> Option<String> {
        let token = reference.strip_prefix("#/components/schemas/")?;
        let key = unescape_token(token).into_owned();
        self.schemas()?.contains_key(&key).then_some(key)
    }

    pub(in crate::lower) fn component_schema(&self, reference: &str) -> Option<SchemaRef<'_>> {
        let key = self.component_key(reference)?;
        self.schemas()?.get(&key).map(SchemaRef::from)
    }

    pub(in crate::lower) fn reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
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
    pub(in crate::lower) fn component(&mut self, key: &str) -> TypeRef {
        if let Some(done) = self.resolved.get(key) {
            return done.clone();
        }
        let Some(name) = self.component_names.get(key).cloned() else {
            return TypeRef::Json;
        };
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

    /// Whether a schema (following references) describes an object with properties.
    pub(in crate::lower) fn is_object_schema(&self, schema: SchemaRef<'a>) -> bool {
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

    /// Whether a schema (following references) is an object without properties: a map.
    pub(in crate::lower) fn is_map_schema(&self, schema: SchemaRef<'a>) -> bool {
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
}
