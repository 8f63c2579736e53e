//! Schemas that loading marked where OpenAPI 3.0 has no form (see `load/dialect/`):
//! tuples (`prefixItems`) and strings of base64 content (`contentEncoding: base64`).

use openapiv3::ReferenceOr;

use crate::diagnostics::child;
use crate::ir::{TupleItem, TypeRef};
use crate::load::{BASE64, TUPLE};
use crate::lower::Lowerer;

use super::{SchemaRef, View};

/// Whether a string schema holds bytes written in base64.
pub(in crate::lower) fn is_base64(view: &View<'_>) -> bool {
    view.data.extensions.contains_key(BASE64)
}

/// Whether an array schema is a tuple: its `items` are `anyOf` the tuple's items.
pub(in crate::lower) fn is_tuple(view: &View<'_>) -> bool {
    view.data.extensions.contains_key(TUPLE)
}

impl<'a> Lowerer<'a> {
    /// The tuple of an array schema marked [`TUPLE`]: a Rust tuple of its items' types,
    /// each named (when it needs a name) after the tuple and its place.
    pub(in crate::lower) fn tuple(
        &mut self,
        view: &View<'a>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let members = match view.items {
            Some(ReferenceOr::Item(items)) => View::of(items).any_of,
            _ => &[],
        };
        let members_pointer = child(&child(pointer, "items"), "anyOf");
        let items = members
            .iter()
            .enumerate()
            .map(|(index, member)| {
                let member = SchemaRef::from(member);
                TupleItem {
                    ty: self.type_of(
                        member,
                        &format!("{hint}Item{index}"),
                        &child(&members_pointer, &index.to_string()),
                    ),
                    nullable: self.nullable(member),
                }
            })
            .collect();
        TypeRef::Tuple(items)
    }
}
