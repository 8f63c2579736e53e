//! Passes over the lowered types and operations, as free functions of the IR: boxing
//! the fields through which types contain themselves, cutting cycles of aliases, which
//! way each type crosses the wire, the shared error-status lists, docs for fields the
//! spec leaves undescribed, how values are built (`Default`, `new`, `From`) and what
//! each untagged union's variants look like on the wire.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::ir::{Scalar, Shape, TypeDef, TypeKind, TypeRef};
use crate::names::RustName;

/// Wraps in `Box` the fields through which types contain themselves.
///
/// Types are nodes; a field (or union variant, or alias) holding another named type by
/// value (not inside a `Vec` or map) is an edge. Every edge inside a strongly connected
/// component is boxed.
pub(super) fn box_recursive_fields(types: &mut [TypeDef]) {
    let index: HashMap<RustName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for ty in by_value_children(&t.kind) {
                collect_by_value(ty, &mut |name| {
                    if let Some(&i) = index.get(name) {
                        out.push(i);
                    }
                });
            }
            out
        })
        .collect();
    let component = strongly_connected(&edges);
    let recursive: Vec<bool> = (0..types.len())
        .map(|i| edges[i].iter().any(|&j| component[j] == component[i]))
        .collect();
    for (i, def) in types.iter_mut().enumerate() {
        if !recursive[i] {
            continue;
        }
        let same = |name: &RustName| {
            index
                .get(name)
                .is_some_and(|&j| component[j] == component[i])
        };
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    box_named(&mut field.ty, &same);
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    box_named(&mut variant.ty, &same);
                }
            }
            // Aliases that contain themselves are cut by `cut_alias_cycles`.
            TypeKind::Alias(_) => {}
            TypeKind::Enum(_) | TypeKind::External(_) => {}
        }
    }
}

/// A schema that is only an alias (an array, a map, a `$ref`) of a type that leads
/// back to itself through aliases alone (`A: {type: array, items: {$ref: A}}`) has no
/// Rust type: `type A = Vec<A>` is infinite. Any object on the way makes it fine.
///
/// Returns, for each alias cut, its name and what to warn about.
pub(super) fn cut_alias_cycles(types: &mut [TypeDef]) -> Vec<(RustName, String)> {
    let aliases: HashMap<RustName, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, TypeKind::Alias(_)))
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Alias(ty) => collect_names(ty)
                .into_iter()
                .filter_map(|name| aliases.get(name).copied())
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let component = strongly_connected(&edges);
    let in_cycle: Vec<bool> = (0..types.len())
        .map(|i| edges[i].iter().any(|&j| component[j] == component[i]))
        .collect();
    let cycle_names: HashSet<RustName> = types
        .iter()
        .zip(&in_cycle)
        .filter(|(_, cyclic)| **cyclic)
        .map(|(def, _)| def.name.clone())
        .collect();
    let mut found = Vec::new();
    for (i, def) in types.iter_mut().enumerate() {
        if !in_cycle[i] {
            continue;
        }
        let TypeKind::Alias(ty) = &mut def.kind else {
            continue;
        };
        let itself = TypeRef::Named(def.name.clone());
        let what = match &*ty {
            TypeRef::List(inner) if **inner == itself => "is an array of itself".to_owned(),
            TypeRef::Map(inner) if **inner == itself => "is a map of itself".to_owned(),
            held if *held == itself => {
                "refers only to itself (through `allOf` or `$ref`)".to_owned()
            }
            held => format!("would be `{held}`, which holds itself"),
        };
        // The cycle is cut where it closes: what would hold itself holds any value.
        let cut = without_names(ty, &cycle_names);
        found.push((
            def.name.clone(),
            format!(
                "`{}` {what}, with no object in between: no type can hold it, so it is \
                 `{cut}`; put an object in between (such as `{{type: object, properties: \
                 {{items: …}}}}`) or use `{{}}` for any JSON value",
                def.name
            ),
        ));
        *ty = cut;
    }
    found
}

/// Marks which types are sent and which received, following fields, variants and
/// aliases from the operations' bodies and the parameters written from their `Serialize`
/// form, and from the webhooks' payloads (received); types nothing uses go both ways.
pub(super) fn assign_directions(
    types: &mut [TypeDef],
    operations: &[crate::ir::Operation],
    webhooks: &[crate::ir::Webhook],
) {
    use crate::ir::{BodyEncoding, ErrorBody, ParamShape, Success};

    let graph = Types::new(types);
    let mark = |roots: Vec<&TypeRef>| graph.reachable(roots);
    let mut sent_roots = Vec::new();
    let mut received_roots = Vec::new();
    for operation in operations {
        let alternatives = operation.alternatives.iter().map(|a| &a.body);
        for body in operation.body.iter().chain(alternatives) {
            if matches!(
                body.encoding,
                BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart
            ) {
                sent_roots.push(&body.ty);
            }
        }
        sent_roots.extend(
            operation
                .params
                .iter()
                .filter(|param| matches!(param.shape, ParamShape::Serialized | ParamShape::Json))
                .map(|param| &param.ty),
        );
        match &operation.success {
            Success::Single { body, .. } => received_roots.extend(json_body(body)),
            Success::Several { variants, .. } => {
                received_roots.extend(variants.iter().filter_map(|v| json_body(&v.body)));
            }
        }
        if let Some(streaming) = &operation.streaming
            && let crate::ir::EventData::Json(ty) = &streaming.data
        {
            received_roots.push(ty);
        }
        match &operation.error_body {
            ErrorBody::None => {}
            ErrorBody::Json(ty) => received_roots.push(ty),
            ErrorBody::Several { variants, .. } => {
                received_roots.extend(variants.iter().map(|variant| &variant.ty));
            }
        }
    }
    received_roots.extend(
        webhooks
            .iter()
            .filter(|webhook| webhook.payload.encoding == crate::ir::PayloadEncoding::Json)
            .map(|webhook| &webhook.payload.ty),
    );
    let sent = mark(sent_roots);
    let received = mark(received_roots);
    // Types no operation uses go both ways, and so does everything they hold (what a set
    // of roots reaches is the union of what each reaches, so one more walk suffices).
    let unused: Vec<TypeRef> = (0..types.len())
        .filter(|&i| !sent[i] && !received[i])
        .map(|i| TypeRef::Named(types[i].name.clone()))
        .collect();
    let held_by_unused = mark(unused.iter().collect());
    for (i, def) in types.iter_mut().enumerate() {
        def.directions = crate::ir::Directions {
            sent: sent[i] || held_by_unused[i],
            received: received[i] || held_by_unused[i],
        };
    }
}

/// The named types, indexed by name once for any number of [`Types::reachable`] walks.
pub(super) struct Types<'t> {
    types: &'t [TypeDef],
    index: HashMap<&'t RustName, usize>,
}

impl<'t> Types<'t> {
    pub(super) fn new(types: &'t [TypeDef]) -> Self {
        let index = types
            .iter()
            .enumerate()
            .map(|(i, t)| (&t.name, i))
            .collect();
        Types { types, index }
    }

    /// Which types (by index) `roots` reach, following fields, variants, aliases and
    /// containers.
    pub(super) fn reachable(&self, roots: Vec<&TypeRef>) -> Vec<bool> {
        let mut seen = vec![false; self.types.len()];
        let mut pending: Vec<&TypeRef> = roots;
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Named(name) => {
                    if let Some(&i) = self.index.get(name)
                        && !seen[i]
                    {
                        seen[i] = true;
                        match &self.types[i].kind {
                            TypeKind::Struct(s) => {
                                pending.extend(s.fields.iter().map(|f| &f.ty));
                                pending.extend(s.additional.iter().map(|a| &a.ty));
                            }
                            TypeKind::Union(u) => pending.extend(u.variants.iter().map(|v| &v.ty)),
                            TypeKind::Alias(inner) => pending.push(inner),
                            TypeKind::Enum(_) | TypeKind::External(_) => {}
                        }
                    }
                }
                TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                    pending.push(inner)
                }
                TypeRef::Tuple(items) => pending.extend(items.iter().map(|item| &item.ty)),
                TypeRef::Scalar(_) | TypeRef::Json => {}
            }
        }
        seen
    }
}

/// The type of a JSON response body.
fn json_body(body: &crate::ir::ResponseBody) -> Option<&TypeRef> {
    match body {
        crate::ir::ResponseBody::Json(ty) => Some(ty),
        _ => None,
    }
}

/// The JSON error body most operations declare (the first by name among equals), for
/// the default error body of the crate's `Result`.
pub(super) fn common_error(operations: &[crate::ir::Operation]) -> Option<TypeRef> {
    let mut counts: BTreeMap<String, (usize, &TypeRef)> = BTreeMap::new();
    for operation in operations {
        if let crate::ir::ErrorBody::Json(ty) = &operation.error_body {
            counts.entry(ty.to_string()).or_insert((0, ty)).0 += 1;
        }
    }
    counts
        .into_values()
        .rev()
        .max_by_key(|(count, _)| *count)
        .map(|(_, ty)| ty.clone())
}

/// The distinct error-status lists of the operations, each once.
pub(super) fn error_sets(operations: &[crate::ir::Operation]) -> Vec<crate::ir::ErrorSet> {
    let mut sets: BTreeMap<RustName, Vec<crate::ir::StatusKey>> = BTreeMap::new();
    for operation in operations {
        sets.entry(operation.error_set.clone())
            .or_insert_with(|| operation.errors.clone());
    }
    sets.into_iter()
        .map(|(const_name, statuses)| crate::ir::ErrorSet {
            gate: Default::default(),
            const_name,
            statuses,
        })
        .collect()
}

/// Docs for fields and union variants the spec leaves undescribed: the first paragraph
/// of the named type they hold (through lists, maps and boxes), if it has one. Nothing is
/// made up where the spec says nothing: a line that restates a name ("The `x`
/// property.") tells a reader less than the field's name and type already do.
/// Parameters without a description still name themselves.
pub(super) fn fill_missing_docs(types: &mut [TypeDef], operations: &mut [crate::ir::Operation]) {
    let summaries: HashMap<RustName, String> = types
        .iter()
        .filter(|t| !t.docs.is_empty())
        .map(|t| {
            (
                t.name.clone(),
                t.docs
                    .iter()
                    .take_while(|l| !l.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    let summary_of = |ty: &TypeRef| {
        let mut inner = ty;
        while let TypeRef::List(next) | TypeRef::Map(next) | TypeRef::Boxed(next) = inner {
            inner = next;
        }
        match inner {
            TypeRef::Named(name) => summaries.get(name).cloned(),
            _ => None,
        }
    };
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    if field.docs.is_empty() {
                        field.docs.extend(summary_of(&field.ty));
                    }
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    if variant.docs.is_empty() {
                        variant.docs.extend(summary_of(&variant.ty));
                    }
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) | TypeKind::External(_) => {}
        }
    }
    for operation in operations {
        for param in &mut operation.params {
            if param.docs.is_empty() {
                param
                    .docs
                    .push(format!("The `{}` parameter.", param.wire_name));
            }
        }
    }
}

/// How values are built: `Default` for each struct whose fields all have a natural
/// empty value (`None`, an empty list or map, a struct or enum with `Default`; found by
/// a fixed point, since structs hold each other), and `From` for each union variant
/// whose type no other variant of its union holds.
pub(super) fn decide_construction(types: &mut [TypeDef]) {
    let index: HashMap<RustName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let mut default: Vec<bool> = types
        .iter()
        .map(|t| matches!(&t.kind, TypeKind::Enum(e) if e.default.is_some()))
        .collect();
    loop {
        let mut changed = false;
        for (i, def) in types.iter().enumerate() {
            if default[i] {
                continue;
            }
            let empty = |ty: &TypeRef| has_empty_value(ty, &index, &default);
            let now = match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().all(|f| f.optional() || empty(&f.ty)),
                TypeKind::Alias(ty) => empty(ty),
                // Another crate's type may have `Default`, but need not.
                TypeKind::Enum(_) | TypeKind::Union(_) | TypeKind::External(_) => false,
            };
            if now {
                default[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let resolved: Vec<Vec<TypeRef>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Union(u) => u
                .variants
                .iter()
                .map(|v| resolve_aliases(&v.ty, types, &index))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for ((def, is_default), variant_types) in types.iter_mut().zip(default).zip(resolved) {
        let itself = TypeRef::Named(def.name.clone());
        match &mut def.kind {
            TypeKind::Struct(s) => s.default = is_default,
            TypeKind::Union(u) => {
                for (i, variant) in u.variants.iter_mut().enumerate() {
                    // `From<Self>` is the standard library's already.
                    let unique = variant_types[i] != itself
                        && variant_types
                            .iter()
                            .enumerate()
                            .all(|(j, other)| i == j || *other != variant_types[i]);
                    variant.from = unique;
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) | TypeKind::External(_) => {}
        }
    }
}

/// Whether values of `ty` have a natural empty value (`default[i]`: whether type `i` has
/// `Default`).
fn has_empty_value(ty: &TypeRef, index: &HashMap<RustName, usize>, default: &[bool]) -> bool {
    match ty {
        TypeRef::List(_) | TypeRef::Map(_) => true,
        TypeRef::Boxed(inner) => has_empty_value(inner, index, default),
        TypeRef::Named(name) => index.get(name).is_some_and(|&i| default[i]),
        TypeRef::Scalar(_) | TypeRef::Tuple(_) | TypeRef::Json => false,
    }
}

/// `ty` with aliases replaced by what they stand for (the Rust type a `From` impl names),
/// and without the `Box` a variant may hold its value in.
fn resolve_aliases(ty: &TypeRef, types: &[TypeDef], index: &HashMap<RustName, usize>) -> TypeRef {
    let mut ty = ty.clone();
    for _ in 0..types.len() + 1 {
        ty = match ty {
            TypeRef::Boxed(inner) => *inner,
            TypeRef::Named(ref name) => match index.get(name).map(|&i| &types[i].kind) {
                Some(TypeKind::Alias(target)) => target.clone(),
                _ => return ty,
            },
            other => return other,
        };
    }
    ty
}

/// What each variant of an untagged union looks like on the wire ([`Shape`]), once every
/// type is known.
pub(super) fn union_shapes(types: &mut [TypeDef]) {
    let index: HashMap<RustName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let shapes: Vec<Vec<Shape>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Union(u) => u
                .variants
                .iter()
                .map(|v| shape_of(&resolve_aliases(&v.ty, types, &index), types, &index))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for (def, shapes) in types.iter_mut().zip(shapes) {
        if let TypeKind::Union(u) = &mut def.kind {
            for (variant, shape) in u.variants.iter_mut().zip(shapes) {
                variant.shape = shape;
            }
        }
    }
}

/// The wire shape of a type (aliases already resolved).
fn shape_of(ty: &TypeRef, types: &[TypeDef], index: &HashMap<RustName, usize>) -> Shape {
    match ty {
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::Bool => Shape::Bool,
            Scalar::I32 | Scalar::I64 | Scalar::U32 | Scalar::U64 => Shape::Integer,
            Scalar::F64 => Shape::Number,
            Scalar::String | Scalar::Bytes | Scalar::File => Shape::String,
            Scalar::I64String
            | Scalar::U64String
            | Scalar::DateTime
            | Scalar::Date
            | Scalar::Ipv4
            | Scalar::Ipv6
            | Scalar::Base64 => Shape::Text,
        },
        TypeRef::List(_) | TypeRef::Tuple(_) => Shape::List,
        TypeRef::Map(_) => Shape::Map,
        TypeRef::Json => Shape::Any,
        TypeRef::Boxed(inner) => shape_of(inner, types, index),
        TypeRef::Named(name) => match index.get(name).map(|&i| &types[i].kind) {
            Some(TypeKind::Struct(s)) => Shape::Object {
                required: s
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.wire_name.clone())
                    .collect(),
                properties: s.fields.iter().map(|f| f.wire_name.clone()).collect(),
                open: s.additional.as_ref().is_some_and(|a| a.declared),
            },
            Some(TypeKind::Enum(e)) => {
                Shape::Enum(e.variants.iter().map(|v| v.value.clone()).collect())
            }
            Some(TypeKind::Union(_)) => Shape::Union,
            // An alias left after resolving is one of a cycle (cut to any value).
            Some(TypeKind::Alias(_)) | None => Shape::Any,
            // Only its own deserializer knows what another crate's type accepts.
            Some(TypeKind::External(_)) => Shape::Any,
        },
    }
}

/// The type references a type holds directly.
fn by_value_children(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) | TypeKind::External(_) => Vec::new(),
    }
}

/// Calls `found` for each named type held by value (not behind `Vec`, map or `Box`).
fn collect_by_value(ty: &TypeRef, found: &mut impl FnMut(&RustName)) {
    match ty {
        TypeRef::Named(name) => found(name),
        // A tuple holds its items by value.
        TypeRef::Tuple(items) => {
            for item in items {
                collect_by_value(&item.ty, found);
            }
        }
        TypeRef::Scalar(_)
        | TypeRef::Json
        | TypeRef::List(_)
        | TypeRef::Map(_)
        | TypeRef::Boxed(_) => {}
    }
}

/// `ty` with each named type in `names` replaced by any JSON value.
fn without_names(ty: &TypeRef, names: &HashSet<RustName>) -> TypeRef {
    match ty {
        TypeRef::Named(name) if names.contains(name) => TypeRef::Json,
        TypeRef::List(inner) => TypeRef::List(Box::new(without_names(inner, names))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(without_names(inner, names))),
        TypeRef::Boxed(inner) => without_names(inner, names),
        TypeRef::Tuple(items) => TypeRef::Tuple(
            items
                .iter()
                .map(|item| crate::ir::TupleItem {
                    ty: without_names(&item.ty, names),
                    nullable: item.nullable,
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

pub(super) fn collect_names(ty: &TypeRef) -> Vec<&RustName> {
    match ty {
        TypeRef::Named(name) => vec![name],
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => collect_names(inner),
        TypeRef::Tuple(items) => items
            .iter()
            .flat_map(|item| collect_names(&item.ty))
            .collect(),
        TypeRef::Scalar(_) | TypeRef::Json => Vec::new(),
    }
}

fn box_named(ty: &mut TypeRef, same_component: &impl Fn(&RustName) -> bool) {
    match ty {
        TypeRef::Named(name) if same_component(name) => {
            *ty = TypeRef::Boxed(Box::new(ty.clone()));
        }
        // A tuple holds its items by value: each is boxed like a field.
        TypeRef::Tuple(items) => {
            for item in items {
                box_named(&mut item.ty, same_component);
            }
        }
        _ => {}
    }
}

/// Tarjan's algorithm, iteratively: the strongly connected component of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index[start] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles() {
        // 0 → 1 → 0, 2 → 2, 3 alone
        let component = strongly_connected(&[vec![1], vec![0], vec![2], vec![]]);
        assert_eq!(component[0], component[1]);
        assert_ne!(component[0], component[2]);
        assert_ne!(component[2], component[3]);
    }
}
