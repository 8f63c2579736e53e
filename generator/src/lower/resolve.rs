//! References and the guard against cycles and depth: a `$ref` → the component's type
//! (lowered once, on first use), helpers that look through `$ref` chains, and the one
//! limit on how deep schemas nest.

use openapiv3::ReferenceOr;
use serde_json::Value;

use crate::diagnostics::unescape_token;
use crate::ir::TypeRef;
use crate::load::schema_pointer;
use crate::lower::Lowerer;
use crate::names::RustName;

use super::schema::{SchemaRef, View};

/// How deep schemas may nest (inline, through `$ref`s or `allOf`s) before the generator
/// gives up on that place: far deeper than any real spec, and not so deep that the
/// stack runs out. Helpers that follow `$ref` chains go no further either (only a cycle
/// is longer).
pub(in crate::lower) const MAX_DEPTH: usize = 2 * crate::load::MAX_NESTING;

/// What is being made right now, innermost last: the one guard against cycles of
/// schemas and against nesting deeper than [`MAX_DEPTH`].
#[derive(Debug, Default)]
pub(in crate::lower) struct Guard {
    making: Vec<Making>,
    /// How many schema positions are being lowered, each inside the one before.
    depth: usize,
}

/// One thing being made.
#[derive(Debug)]
enum Making {
    /// A component schema being lowered: a reference to it is a recursive use.
    Component(String),
    /// A component that is only a `$ref`, being followed: met again, it is a cycle that
    /// never reaches a schema.
    Alias(String),
    /// An inline schema whose type (`name`) is being made, and whether it was used
    /// recursively (then its name must exist, even for an alias).
    Inline {
        pointer: String,
        name: RustName,
        used: bool,
    },
    /// The declarations (by pointer) of a property being merged into one struct.
    Merge {
        sources: Vec<String>,
        name: RustName,
    },
}

impl Guard {
    /// Enters one more level of nesting; `false` (and no change) past [`MAX_DEPTH`].
    pub(in crate::lower) fn deeper(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    /// Leaves a level entered with [`Guard::deeper`].
    pub(in crate::lower) fn shallower(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether the component `key` is being made.
    pub(in crate::lower) fn making_component(&self, key: &str) -> bool {
        self.making
            .iter()
            .any(|m| matches!(m, Making::Component(k) if k == key))
    }

    /// The cycle of alias components that following `key` again would close (each `$ref`
    /// followed since the last schema that is more than a `$ref`), if any.
    fn alias_cycle<'k>(&'k self, key: &'k str) -> Option<Vec<&'k str>> {
        let aliases: Vec<&str> = self
            .making
            .iter()
            .rev()
            .map_while(|m| match m {
                Making::Alias(k) => Some(k.as_str()),
                _ => None,
            })
            .collect();
        let start = aliases.iter().position(|k| *k == key)?;
        let mut cycle: Vec<&str> = aliases[..=start].iter().rev().copied().collect();
        cycle.push(key);
        Some(cycle)
    }

    /// The name of the inline schema at `pointer` if it is being made (marking it used).
    pub(in crate::lower) fn inline_in_progress(&mut self, pointer: &str) -> Option<RustName> {
        self.making.iter_mut().find_map(|m| match m {
            Making::Inline {
                pointer: p,
                name,
                used,
            } if p == pointer => {
                *used = true;
                Some(name.clone())
            }
            _ => None,
        })
    }

    /// Starts making the inline schema at `pointer`, named `name`.
    pub(in crate::lower) fn start_inline(&mut self, pointer: &str, name: &RustName) {
        self.making.push(Making::Inline {
            pointer: pointer.to_owned(),
            name: name.clone(),
            used: false,
        });
    }

    /// Ends the inline schema started last: whether it was used recursively.
    pub(in crate::lower) fn end_inline(&mut self) -> bool {
        match self.making.pop() {
            Some(Making::Inline { used, .. }) => used,
            _ => false,
        }
    }

    /// The struct being merged from the declarations `sources`, if any.
    pub(in crate::lower) fn merge_in_progress(&self, sources: &[String]) -> Option<RustName> {
        self.making.iter().find_map(|m| match m {
            Making::Merge { sources: s, name } if s == sources => Some(name.clone()),
            _ => None,
        })
    }

    /// Starts merging the declarations `sources` into the struct `name`.
    pub(in crate::lower) fn start_merge(&mut self, sources: Vec<String>, name: &RustName) {
        self.making.push(Making::Merge {
            sources,
            name: name.clone(),
        });
    }

    /// Ends what was started last.
    pub(in crate::lower) fn end(&mut self) {
        self.making.pop();
    }
}

impl<'a> Lowerer<'a> {
    /// The type a schema position stands for; inline schemas that need a named type get
    /// one called `hint` (made unique).
    pub(in crate::lower) fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        // Schemas nested (inline or through `$ref`s) deeper than any real spec: given up
        // with a warning, not a stack overflow.
        if !self.guard.deeper() {
            self.warn(
                pointer,
                "schemas nest too deeply here; the generator follows no deeper, and the \
                 value here is any JSON value",
            );
            return TypeRef::Json;
        }
        let ty = match schema {
            SchemaRef::Ref(reference) => self.reference(reference, pointer),
            SchemaRef::Item(schema) => self.inline(schema, hint, pointer),
        };
        self.guard.shallower();
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
        if let Some(cycle) = self.guard.alias_cycle(key) {
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
                self.guard.making.push(Making::Alias(key.to_owned()));
                let target = self.reference(reference, &pointer);
                self.guard.end();
                target
            }
            ReferenceOr::Item(schema) => {
                if self.guard.making_component(key) {
                    return TypeRef::Named(name);
                }
                self.guard.making.push(Making::Component(key.to_owned()));
                let ty = self.define(&name, schema, &pointer);
                self.guard.end();
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
