//! Copies of schemas. Tools that dereference a spec write a shared schema out wherever
//! it is used (GitHub's dereferenced description; linode's, beside its components), and
//! so does copy and paste:
//!
//! - an inline copy of a component schema is that component's type;
//! - in a document without component schemas, copies of an inline schema are one type,
//!   a titled one named after its title (see [`Lowerer::shared_copy`]), an untitled one
//!   after the property key that holds it wherever it is met (see `held`).
//!
//! Two schemas are copies when their JSON text is the same ([`shape`]). Comparing every
//! inline schema's text with the components' would cost DigitalOcean's lowering a
//! third more, so an inline schema is written out only when a component has the same
//! [`outline`] (its type, property names, enum values and members' `$ref`s).

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr, Schema};

use super::View;
use super::held::held_names;
use crate::ir::TypeRef;
use crate::lower::Lowerer;
use crate::names::RustName;

/// What lowering knows of copies: of the component schemas in a document that has
/// them, of inline schemas in one that has none. There nothing else names a schema used
/// in several places; where there are components, titles are labels ("status", "type")
/// that make worse names than the places, and identical inline schemas are mostly
/// operations' own bodies.
pub(in crate::lower) enum Copies {
    /// The component schemas that need a type of their own, by [`outline`] (made when
    /// first asked for).
    OfComponents(Option<HashMap<String, Outlined>>),
    /// The types of shared inline schemas made so far, and the names the keys that
    /// hold them give (see `held`), by [`shape`].
    OfInline {
        made: HashMap<String, TypeRef>,
        held: HashMap<String, RustName>,
    },
}

/// The component schemas of one [`outline`]: their keys, sorted, until an inline schema
/// of that outline is met; then each one's key by its [`shape`] (the first key where
/// several are the same). Microsoft Graph has thousands of collections of one outline.
pub(in crate::lower) enum Outlined {
    Keys(Vec<String>),
    Shapes(HashMap<String, String>),
}

impl Copies {
    /// The copies of `spec`, a document with its `webhooks`.
    pub(in crate::lower) fn new(
        spec: &OpenAPI,
        webhooks: &IndexMap<String, ReferenceOr<PathItem>>,
    ) -> Self {
        let has_component_schemas = spec
            .components
            .as_ref()
            .is_some_and(|components| !components.schemas.is_empty());
        if has_component_schemas {
            Self::OfComponents(None)
        } else {
            Self::OfInline {
                made: HashMap::new(),
                held: held_names(spec, webhooks),
            }
        }
    }

    /// The type made for the shared inline schema of this [`shape`], if any.
    pub(in crate::lower) fn made(&self, shape: &str) -> Option<&TypeRef> {
        match self {
            Self::OfInline { made, .. } => made.get(shape),
            Self::OfComponents(_) => None,
        }
    }

    /// The name the key that holds every copy of an untitled shared schema gives it.
    pub(in crate::lower) fn held_name(&self, shape: &str) -> Option<&RustName> {
        match self {
            Self::OfInline { held, .. } => held.get(shape),
            Self::OfComponents(_) => None,
        }
    }

    /// Remembers the type made for a shared inline schema.
    pub(in crate::lower) fn remember(&mut self, shape: String, ty: TypeRef) {
        if let Self::OfInline { made, .. } = self {
            made.insert(shape, ty);
        }
    }

    /// Forgets the types made for shared inline schemas that are not `kept` (those of an
    /// operation that was skipped).
    pub(in crate::lower) fn forget(&mut self, kept: impl Fn(&TypeRef) -> bool) {
        if let Self::OfInline { made, .. } = self {
            made.retain(|_, ty| kept(ty));
        }
    }
}

impl<'a> Lowerer<'a> {
    /// The key of the component schema that `schema` (an inline schema that needs a
    /// name) is a copy of.
    pub(in crate::lower) fn component_copy(
        &mut self,
        schema: &Schema,
        view: &View<'_>,
    ) -> Option<String> {
        let spec = self.spec;
        let outlined = self.components_by_outline()?.get_mut(&outline(view))?;
        if let Outlined::Keys(keys) = outlined {
            let mut shapes = HashMap::new();
            for key in keys.iter() {
                let component = spec
                    .components
                    .as_ref()
                    .and_then(|components| components.schemas.get(key))
                    .and_then(ReferenceOr::as_item);
                if let Some(shape) = component.and_then(shape) {
                    shapes.entry(shape).or_insert_with(|| key.clone());
                }
            }
            *outlined = Outlined::Shapes(shapes);
        }
        match outlined {
            Outlined::Shapes(shapes) => shapes.get(&shape(schema)?).cloned(),
            Outlined::Keys(_) => None,
        }
    }

    /// Where copies of inline schemas are shared (a document without component
    /// schemas): the title `schema` is named after, if any, and the [`shape`] its copies
    /// share. Untitled schemas are shared only within others: a request or response body
    /// stays its operation's type, named for it.
    pub(in crate::lower) fn shared_copy<'s>(
        &self,
        schema: &Schema,
        view: &View<'s>,
        pointer: &str,
    ) -> Option<(Option<&'s str>, String)> {
        if !matches!(self.copies, Copies::OfInline { .. }) {
            return None;
        }
        let title = view.title();
        // A body's, a parameter's or a header's own schema (a property named `schema`
        // too, which is only left unshared).
        if title.is_none() && pointer.ends_with("/schema") {
            return None;
        }
        Some((title, shape(schema)?))
    }

    /// The component schemas by outline, where copies of components are looked for.
    fn components_by_outline(&mut self) -> Option<&mut HashMap<String, Outlined>> {
        if matches!(self.copies, Copies::OfComponents(None)) {
            let mut outlines: HashMap<String, Vec<String>> = HashMap::new();
            let schemas = self.schemas().into_iter().flatten();
            for (key, schema) in schemas {
                let Some(schema) = schema.as_item() else {
                    continue;
                };
                let view = View::of(schema);
                if view.needs_name() {
                    outlines
                        .entry(outline(&view))
                        .or_default()
                        .push(key.clone());
                }
            }
            let outlined = outlines
                .into_iter()
                .map(|(outline, mut keys)| {
                    keys.sort();
                    (outline, Outlined::Keys(keys))
                })
                .collect();
            self.copies = Copies::OfComponents(Some(outlined));
        }
        match &mut self.copies {
            Copies::OfComponents(outlined) => outlined.as_mut(),
            Copies::OfInline { .. } => None,
        }
    }
}

/// What makes two schemas one type: their JSON text, but for `nullable`, which is their
/// uses' (an `Option`), not the type's. A dereferenced spec writes a schema out as it is
/// where it may not be `null`, and with `nullable: true` where it may.
pub(super) fn shape(schema: &Schema) -> Option<String> {
    if !schema.schema_data.nullable {
        return serde_json::to_string(schema).ok();
    }
    let mut schema = schema.clone();
    schema.schema_data.nullable = false;
    serde_json::to_string(&schema).ok()
}

/// A few words of a schema that copies share, cheaper to make than its [`shape`]: its
/// type, its properties' names, its enum values and its members' `$ref`s.
fn outline(view: &View<'_>) -> String {
    let mut out = String::from(view.ty.unwrap_or(""));
    for name in view
        .properties
        .into_iter()
        .flat_map(|properties| properties.keys())
    {
        out.push('\0');
        out.push_str(name);
    }
    out.push('\u{1}');
    for value in &view.enum_values {
        out.push_str(&value.to_string());
        out.push('\0');
    }
    for members in [view.all_of, view.one_of, view.any_of] {
        out.push('\u{1}');
        for member in members {
            match member {
                ReferenceOr::Reference { reference } => out.push_str(reference),
                ReferenceOr::Item(_) => out.push('-'),
            }
            out.push('\0');
        }
    }
    out
}
