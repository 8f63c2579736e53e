//! Cargo features per tag: each operation belongs to the feature of its first tag, and
//! each type, error list and scheme constant is compiled when a feature that uses it is
//! on (see `docs/design.md`, "Features").
//!
//! What operations without a tag, webhooks or the crate's root (`Result`'s default error
//! type) use is always compiled; a type nothing uses is compiled with `full` only. A spec
//! without tags has no features but `full`, and everything is always compiled.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ir::{
    ErrorBody, ErrorSet, EventData, Feature, Gate, Operation, ResponseBody, SecurityScheme,
    Success, TypeDef, TypeRef, Webhook,
};
use crate::names::{self, Namespace, RustName};

use super::passes;

/// Decides the features and every item's gate; returns the features by name.
pub(super) fn assign(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    webhooks: &[Webhook],
    error_sets: &mut [ErrorSet],
    schemes: &mut [SecurityScheme],
    common_error: Option<&TypeRef>,
) -> Vec<Feature> {
    let tags: BTreeSet<String> = operations
        .iter()
        .filter_map(|operation| operation.tag.clone())
        .collect();
    let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
    let by_tag: HashMap<&str, String> = tags
        .iter()
        .copied()
        .zip(names::feature_names(&tags))
        .collect();
    // Each feature's tag and number of operations, by name.
    let mut features: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for operation in operations.iter_mut() {
        let Some((tag, name)) = operation
            .tag
            .as_deref()
            .and_then(|tag| Some((tag, by_tag.get(tag)?)))
        else {
            continue;
        };
        features
            .entry(name.clone())
            .or_insert((tag.to_owned(), 0))
            .1 += 1;
        operation.gate = Gate::AnyOf(vec![name.clone()]);
    }
    if features.is_empty() {
        // Without tags there is nothing to choose: everything is always compiled.
        return Vec::new();
    }

    // What each feature's operations use, walked once per feature.
    let mut roots: BTreeMap<Option<&str>, Vec<&TypeRef>> = BTreeMap::new();
    for operation in operations.iter() {
        let feature = match &operation.gate {
            Gate::AnyOf(names) => names.first().map(String::as_str),
            Gate::Always => None,
        };
        roots
            .entry(feature)
            .or_default()
            .extend(types_of(operation));
    }
    let always = roots.entry(None).or_default();
    always.extend(webhooks.iter().map(|webhook| &webhook.payload.ty));
    always.extend(common_error);
    // Each type: the features that reach it; `None` stands for "always".
    let mut reached: Vec<Option<BTreeSet<&str>>> = vec![Some(BTreeSet::new()); types.len()];
    let graph = passes::Types::new(types);
    for (feature, roots) in roots {
        for (i, hit) in graph.reachable(roots).into_iter().enumerate() {
            match (hit, feature, &mut reached[i]) {
                (false, _, _) | (true, Some(_), None) => {}
                (true, None, slot) => *slot = None,
                (true, Some(name), Some(set)) => {
                    set.insert(name);
                }
            }
        }
    }
    for (def, reached) in types.iter_mut().zip(reached) {
        def.gate = match reached {
            None => Gate::Always,
            Some(set) if set.is_empty() => Gate::AnyOf(vec![names::FULL_FEATURE.to_owned()]),
            Some(set) => Gate::AnyOf(set.into_iter().map(str::to_owned).collect()),
        };
    }

    for set in error_sets.iter_mut() {
        set.gate = union_of(
            operations
                .iter()
                .filter(|operation| operation.error_set == set.const_name),
        );
    }
    for scheme in schemes.iter_mut() {
        scheme.gate = union_of(operations.iter().filter(|operation| {
            operation
                .security
                .iter()
                .flatten()
                .any(|name: &RustName| *name == scheme.const_name)
        }));
    }
    let taken: Vec<&str> = operations
        .iter()
        .map(|operation| operation.fn_name.bare())
        .chain(types.iter().map(|def| def.name.bare()))
        .collect();
    let mut modules = Namespace::with_reserved(&taken);
    features
        .into_iter()
        .map(|(name, (tag, operations))| Feature {
            module: names::feature_module(&name, &mut modules),
            name,
            tag,
            operations,
        })
        .collect()
}

/// The gate of what these operations use: always if any of them always is.
fn union_of<'o>(operations: impl Iterator<Item = &'o Operation>) -> Gate {
    let mut names = BTreeSet::new();
    for operation in operations {
        match &operation.gate {
            Gate::Always => return Gate::Always,
            Gate::AnyOf(gate) => names.extend(gate.iter().cloned()),
        }
    }
    if names.is_empty() {
        // Used by no operation: not emitted, or emitted with everything.
        Gate::AnyOf(vec![names::FULL_FEATURE.to_owned()])
    } else {
        Gate::AnyOf(names.into_iter().collect())
    }
}

/// Every type an operation's generated code names: parameters, bodies, responses,
/// events and listed items.
fn types_of(operation: &Operation) -> Vec<&TypeRef> {
    let mut roots: Vec<&TypeRef> = operation.params.iter().map(|param| &param.ty).collect();
    let alternatives = operation.alternatives.iter().map(|a| &a.body);
    roots.extend(
        operation
            .body
            .iter()
            .chain(alternatives)
            .map(|body| &body.ty),
    );
    fn json(body: &ResponseBody) -> Option<&TypeRef> {
        match body {
            ResponseBody::Json(ty) => Some(ty),
            _ => None,
        }
    }
    match &operation.success {
        Success::Single { body, .. } => roots.extend(json(body)),
        Success::Several { variants, .. } => {
            roots.extend(variants.iter().filter_map(|variant| json(&variant.body)));
        }
    }
    if let Some(streaming) = &operation.streaming
        && let EventData::Json(ty) = &streaming.data
    {
        roots.push(ty);
    }
    if let Some(pagination) = &operation.pagination {
        roots.push(&pagination.item_ty);
    }
    match &operation.error_body {
        ErrorBody::None => {}
        ErrorBody::Json(ty) => roots.push(ty),
        ErrorBody::Several { variants, .. } => {
            roots.extend(variants.iter().map(|variant| &variant.ty));
        }
    }
    roots
}
