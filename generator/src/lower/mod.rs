//! Stage 2, lower: OpenAPI → [`crate::ir`]. Every validation, every name decision and
//! every error happens here; what comes out is plain data that emission only prints.
//!
//! - `schema`: component and inline schemas → named types and [`TypeRef`]s;
//! - `operation`: paths → [`Operation`](crate::ir::Operation)s (parameters, bodies, responses, security);
//! - this module: names of component schemas, boxing of recursive types, assembly.

mod operation;
mod resolve;
mod schema;

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostics::{Diagnostic, Errors, Location, unescape_token};
use crate::ir::{Api, TypeDef, TypeKind, TypeRef};
use crate::load::{Loaded, SourceMap};
use crate::names::{self, Namespace, RustName};

/// What the caller decides rather than the spec.
#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// The root spec file as it should be named in headers.
    pub spec_file: String,
    /// Environment variable for the token; default: the spec's `x-rust-token-env`, else
    /// `<TITLE>_TOKEN`.
    pub token_env: Option<String>,
}

/// What lowering produced besides the IR: places where the generator could not keep the
/// spec's meaning exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Schemas that became `serde_json::Value`.
    pub fallbacks: Vec<Diagnostic>,
    /// Parts that were skipped or changed.
    pub warnings: Vec<Diagnostic>,
    /// Operations that could not be generated, each located with why; everything else
    /// was generated.
    pub skipped: Vec<Diagnostic>,
}

/// Names the generated crate uses at its top level; types may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[];

/// Lowers a loaded spec.
pub fn lower(loaded: &Loaded, options: &LowerOptions) -> Result<(Api, Report), Errors> {
    let mut lowerer = Lowerer::new(&loaded.spec, &loaded.source_map);
    lowerer
        .report
        .warnings
        .extend(loaded.warnings.iter().cloned());
    lowerer
        .report
        .skipped
        .extend(loaded.skipped.iter().cloned());
    lowerer.name_components();
    lowerer.lower_components();
    let security_schemes = lowerer.security_schemes();
    let mut operations = lowerer.operations(&security_schemes);
    lowerer.box_recursive_fields();
    fill_missing_docs(&mut lowerer.types, &mut operations);
    assign_directions(&mut lowerer.types, &operations);
    if !lowerer.errors.is_empty() {
        let mut errors = lowerer.errors;
        errors.sort();
        errors.dedup();
        return Err(Errors(errors));
    }
    let spec = &loaded.spec;
    let mut docs = Vec::new();
    crate::docs::push_paragraph(&mut docs, spec.info.description.as_deref().unwrap_or(""));
    let token_env = options
        .token_env
        .clone()
        .or_else(|| {
            spec.extensions
                .get("x-rust-token-env")
                .and_then(|value| value.as_str())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| format!("{}_TOKEN", names::const_name(&spec.info.title)));
    let mut types = lowerer.types;
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut report = lowerer.report;
    for list in [
        &mut report.fallbacks,
        &mut report.warnings,
        &mut report.skipped,
    ] {
        list.sort();
        list.dedup();
    }
    let api = Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        docs,
        spec_file: options.spec_file.clone(),
        default_base_url: spec
            .servers
            .first()
            .map(operation::server_url)
            .unwrap_or_default(),
        token_env,
        types,
        error_sets: error_sets(&operations),
        operations,
        security_schemes,
    };
    Ok((api, report))
}

/// Lowering state: the spec, what has been decided so far, and what went wrong.
struct Lowerer<'a> {
    spec: &'a OpenAPI,
    source_map: &'a SourceMap,
    errors: Vec<Diagnostic>,
    report: Report,
    /// Component schema key → Rust type name.
    component_names: HashMap<String, RustName>,
    /// Component schema key → the type a reference to it stands for.
    resolved: HashMap<String, TypeRef>,
    /// Components being lowered (a reference to one of them is recursive).
    in_progress: HashSet<String>,
    /// Components that are only a `$ref` to another, being followed.
    alias_chain: Vec<String>,
    /// Properties whose declarations (by pointer) are being merged into a struct (by
    /// name); see `merged_property`.
    merging: Vec<(Vec<String>, RustName)>,
    /// How many `type_of` calls are running, each inside the one before.
    depth: usize,
    /// Inline schemas whose named type is being made: (pointer, name, whether it was
    /// used recursively); see `inline`.
    inline_stack: Vec<(String, RustName, bool)>,
    /// Inline schemas (by pointer) already lowered, and their types.
    inline_types: HashMap<String, TypeRef>,
    types: Vec<TypeDef>,
    type_names: Namespace,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a OpenAPI, source_map: &'a SourceMap) -> Self {
        Self {
            spec,
            source_map,
            errors: Vec::new(),
            report: Report::default(),
            component_names: HashMap::new(),
            resolved: HashMap::new(),
            in_progress: HashSet::new(),
            alias_chain: Vec::new(),
            merging: Vec::new(),
            depth: 0,
            inline_stack: Vec::new(),
            inline_types: HashMap::new(),
            types: Vec::new(),
            type_names: Namespace::with_reserved(RESERVED_TYPE_NAMES),
        }
    }

    fn locate(&self, pointer: &str) -> Location {
        self.source_map.locate(pointer)
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.locate(pointer);
        self.errors.push(Diagnostic::new(location, message));
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.locate(pointer);
        self.report
            .warnings
            .push(Diagnostic::new(location, message));
    }

    fn fallback(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.locate(pointer);
        self.report
            .fallbacks
            .push(Diagnostic::new(location, message));
    }

    /// Forgets the types made from index `first` on (those of an operation that is
    /// skipped), so nothing refers to them.
    fn forget_types_from(&mut self, first: usize) {
        if first >= self.types.len() {
            return;
        }
        let forgotten: HashSet<RustName> = self.types.drain(first..).map(|def| def.name).collect();
        self.inline_types.retain(|_, ty| {
            !collect_names(ty)
                .into_iter()
                .any(|name| forgotten.contains(name))
        });
    }

    fn schemas(&self) -> Option<&'a indexmap::IndexMap<String, ReferenceOr<openapiv3::Schema>>> {
        self.spec.components.as_ref().map(|c| &c.schemas)
    }

    /// Gives every component schema its Rust name before anything refers to it.
    ///
    /// The name comes from the schema's own name (the last pointer token, or the file
    /// name). When several schemas would get the same name, each is qualified by the
    /// folders of its file, nearest first, until the names differ; only the clashing
    /// schemas are affected, so names stay stable when unrelated parts change.
    fn name_components(&mut self) {
        let Some(schemas) = self.schemas() else {
            return;
        };
        /// A schema key, its qualifiers and its base name.
        type Member<'k> = (&'k str, Vec<String>, String);
        let mut groups: BTreeMap<RustName, Vec<Member<'_>>> = BTreeMap::new();
        for key in schemas.keys() {
            let (base, qualifiers) = name_parts(key);
            let candidate = names::type_name(&base);
            groups
                .entry(candidate)
                .or_default()
                .push((key.as_str(), qualifiers, base));
        }
        for (candidate, mut members) in groups {
            if members.len() == 1 {
                let name = self.type_names.claim(&candidate);
                self.component_names.insert(members[0].0.to_owned(), name);
                continue;
            }
            members.sort_by(|a, b| a.0.cmp(b.0));
            let deepest = members.iter().map(|m| m.1.len()).max().unwrap_or(0);
            let mut chosen: Vec<RustName> = Vec::new();
            for depth in 0..=deepest {
                chosen = members
                    .iter()
                    .map(|(_, qualifiers, base)| {
                        let mut words: Vec<&str> =
                            qualifiers.iter().take(depth).map(String::as_str).collect();
                        words.reverse();
                        words.push(base);
                        names::type_name(&words.join("_"))
                    })
                    .collect();
                let distinct: HashSet<&RustName> = chosen.iter().collect();
                if distinct.len() == chosen.len() {
                    break;
                }
            }
            for ((key, _, _), name) in members.iter().zip(chosen) {
                let name = self.type_names.claim(&name);
                self.component_names.insert((*key).to_owned(), name);
            }
        }
    }

    fn lower_components(&mut self) {
        let Some(schemas) = self.schemas() else {
            return;
        };
        let mut keys: Vec<&String> = schemas.keys().collect();
        keys.sort();
        for key in keys {
            self.component(key);
        }
    }

    /// Wraps in `Box` the fields through which types contain themselves.
    ///
    /// Types are nodes; a field (or union variant, or alias) holding another named type by
    /// value (not inside a `Vec` or map) is an edge. Every edge inside a strongly connected
    /// component is boxed.
    fn box_recursive_fields(&mut self) {
        let index: HashMap<RustName, usize> = self
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        let edges: Vec<Vec<usize>> = self
            .types
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
        let recursive: Vec<bool> = (0..self.types.len())
            .map(|i| edges[i].iter().any(|&j| component[j] == component[i]))
            .collect();
        let mut types = std::mem::take(&mut self.types);
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
                // Aliases that contain themselves are reported below.
                TypeKind::Alias(_) => {}
                TypeKind::Enum(_) => {}
            }
        }
        self.types = types;
        self.check_alias_cycles();
    }

    /// A schema that is only an alias (an array, a map, a `$ref`) of a type that leads
    /// back to itself through aliases alone (`A: {type: array, items: {$ref: A}}`) has no
    /// Rust type: `type A = Vec<A>` is infinite. Any object on the way makes it fine.
    fn check_alias_cycles(&mut self) {
        let aliases: HashMap<&RustName, usize> = self
            .types
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.kind, TypeKind::Alias(_)))
            .map(|(i, t)| (&t.name, i))
            .collect();
        let edges: Vec<Vec<usize>> = self
            .types
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
        let names_of: HashMap<&RustName, &str> = self
            .component_names
            .iter()
            .map(|(key, name)| (name, key.as_str()))
            .collect();
        let in_cycle: Vec<bool> = (0..self.types.len())
            .map(|i| edges[i].iter().any(|&j| component[j] == component[i]))
            .collect();
        let cycle_names: HashSet<RustName> = self
            .types
            .iter()
            .zip(&in_cycle)
            .filter(|(_, cyclic)| **cyclic)
            .map(|(def, _)| def.name.clone())
            .collect();
        let mut found = Vec::new();
        for (i, def) in self.types.iter_mut().enumerate() {
            if !in_cycle[i] {
                continue;
            }
            let TypeKind::Alias(ty) = &mut def.kind else {
                continue;
            };
            let pointer = names_of
                .get(&def.name)
                .map_or_else(String::new, |key| crate::load::schema_pointer(key));
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
                pointer,
                format!(
                    "`{}` {what}, with no object in between: no type can hold it, so it is \
                     `{cut}`; put an object in between (such as `{{type: object, properties: \
                     {{items: …}}}}`) or use `{{}}` for any JSON value",
                    def.name
                ),
            ));
            *ty = cut;
        }
        for (pointer, message) in found {
            self.warn(&pointer, message);
        }
    }
}

/// Marks which types are sent and which received, following fields, variants and
/// aliases from the operations' bodies and the parameters written from their `Serialize`
/// form; types no operation uses go both ways.
fn assign_directions(types: &mut [TypeDef], operations: &[crate::ir::Operation]) {
    use crate::ir::{BodyEncoding, ErrorBody, ParamShape, Success};

    let index: HashMap<RustName, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let mark = |roots: Vec<&TypeRef>| {
        let mut seen = vec![false; types.len()];
        let mut pending: Vec<&TypeRef> = roots;
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Named(name) => {
                    if let Some(&i) = index.get(name)
                        && !seen[i]
                    {
                        seen[i] = true;
                        match &types[i].kind {
                            TypeKind::Struct(s) => {
                                pending.extend(s.fields.iter().map(|f| &f.ty));
                                pending.extend(s.additional.iter().map(|a| &a.ty));
                            }
                            TypeKind::Union(u) => pending.extend(u.variants.iter().map(|v| &v.ty)),
                            TypeKind::Alias(inner) => pending.push(inner),
                            TypeKind::Enum(_) => {}
                        }
                    }
                }
                TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                    pending.push(inner)
                }
                TypeRef::Scalar(_) | TypeRef::Json => {}
            }
        }
        seen
    };
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
        match &operation.error_body {
            ErrorBody::None => {}
            ErrorBody::Json(ty) => received_roots.push(ty),
            ErrorBody::Several { variants, .. } => {
                received_roots.extend(variants.iter().map(|variant| &variant.ty));
            }
        }
    }
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

/// The type of a JSON response body.
fn json_body(body: &crate::ir::ResponseBody) -> Option<&TypeRef> {
    match body {
        crate::ir::ResponseBody::Json(ty) => Some(ty),
        _ => None,
    }
}

/// The distinct error-status lists of the operations, each once.
fn error_sets(operations: &[crate::ir::Operation]) -> Vec<crate::ir::ErrorSet> {
    let mut sets: BTreeMap<RustName, Vec<crate::ir::StatusKey>> = BTreeMap::new();
    for operation in operations {
        sets.entry(operation.error_set.clone())
            .or_insert_with(|| operation.errors.clone());
    }
    sets.into_iter()
        .map(|(const_name, statuses)| crate::ir::ErrorSet {
            const_name,
            statuses,
        })
        .collect()
}

/// Gives every generated item a doc line: items without a description in the spec get
/// one from the type they hold, or name what they are.
fn fill_missing_docs(types: &mut [TypeDef], operations: &mut [crate::ir::Operation]) {
    for def in types.iter_mut() {
        if def.docs.is_empty() {
            def.docs.push(format!("The `{}` schema.", def.name));
        }
    }
    let summaries: HashMap<RustName, String> = types
        .iter()
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
    let summary_of = |ty: &TypeRef, fallback: String| {
        let mut inner = ty;
        while let TypeRef::List(next) | TypeRef::Map(next) | TypeRef::Boxed(next) = inner {
            inner = next;
        }
        match inner {
            TypeRef::Named(name) => summaries.get(name).cloned().unwrap_or(fallback),
            _ => fallback,
        }
    };
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    if field.docs.is_empty() {
                        let fallback = format!("The `{}` property.", field.wire_name);
                        field.docs.push(summary_of(&field.ty, fallback));
                    }
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    if variant.docs.is_empty() {
                        variant
                            .docs
                            .push(summary_of(&variant.ty, format!("A `{}`.", variant.ty)));
                    }
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
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

/// The base name and the qualifying words (nearest folder first) of a schema key.
///
/// The base name is made of the words of the key's pointer that name something: a
/// schema anywhere (`#/components/parameters/state/schema` → `state`, `#/components/
/// schemas/Pet/properties/owner` → `Pet owner`, a union member → `… Variant1`), without
/// the keywords around them; a key without a pointer is named after its file.
fn name_parts(key: &str) -> (String, Vec<String>) {
    let Some((file, pointer)) = key.split_once('#') else {
        return (key.to_owned(), Vec::new());
    };
    let mut folders: Vec<&str> = file
        .split('/')
        .filter(|p| !p.is_empty() && *p != "..")
        .collect();
    let stem = folders
        .pop()
        .map(|name| name.split('.').next().unwrap_or(name).to_owned())
        .unwrap_or_default();
    let tokens: Vec<String> = pointer
        .split('/')
        .filter(|t| !t.is_empty())
        .map(|t| unescape_token(t).into_owned())
        .collect();
    let words = schema_words(&tokens);
    let mut qualifiers = Vec::new();
    let base = if words.is_empty() {
        stem
    } else {
        qualifiers.push(stem);
        words.join("_")
    };
    qualifiers.extend(folders.iter().rev().map(|f| (*f).to_owned()));
    (base, qualifiers)
}

/// The words of a pointer that name a schema (see [`name_parts`]).
fn schema_words(tokens: &[String]) -> Vec<String> {
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "content",
        "schema",
        "properties",
        "paths",
        "definitions",
        "$defs",
    ];
    let mut words = Vec::new();
    let mut tokens = tokens.iter().peekable();
    while let Some(token) = tokens.next() {
        match token.as_str() {
            "items" => words.push("Item".to_owned()),
            "additionalProperties" => words.push("Value".to_owned()),
            "not" => words.push("Not".to_owned()),
            "oneOf" | "anyOf" | "allOf" => {
                if let Some(index) = tokens.next_if(|t| t.parse::<usize>().is_ok()) {
                    let number = index.parse::<usize>().unwrap_or(0) + 1;
                    words.push(format!("Variant{number}"));
                }
            }
            structure if STRUCTURE.contains(&structure) => {}
            // Media types, methods after a path, list positions.
            media if media.contains('/') => {}
            method if crate::load::is_method(method) => {}
            index if index.parse::<usize>().is_ok() => {}
            word => words.push(word.to_owned()),
        }
    }
    words
}

/// The name a schema key stands for in a spec's own words (a discriminator's default
/// value): the last token of its pointer, or its file's name.
fn schema_name(key: &str) -> String {
    let Some((file, pointer)) = key.split_once('#') else {
        return key.to_owned();
    };
    match pointer.rsplit('/').next().filter(|t| !t.is_empty()) {
        Some(token) => unescape_token(token).into_owned(),
        None => {
            let name = file.rsplit('/').next().unwrap_or(file);
            name.split('.').next().unwrap_or(name).to_owned()
        }
    }
}

/// The type references a type holds directly.
fn by_value_children(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Calls `found` for each named type held by value (not behind `Vec`, map or `Box`).
fn collect_by_value(ty: &TypeRef, found: &mut impl FnMut(&RustName)) {
    match ty {
        TypeRef::Named(name) => found(name),
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
        other => other.clone(),
    }
}

fn collect_names(ty: &TypeRef) -> Vec<&RustName> {
    match ty {
        TypeRef::Named(name) => vec![name],
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => collect_names(inner),
        TypeRef::Scalar(_) | TypeRef::Json => Vec::new(),
    }
}

fn box_named(ty: &mut TypeRef, same_component: &impl Fn(&RustName) -> bool) {
    if let TypeRef::Named(name) = ty
        && same_component(name)
    {
        *ty = TypeRef::Boxed(Box::new(ty.clone()));
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
    fn name_parts_of_keys() {
        assert_eq!(name_parts("Thing"), ("Thing".to_owned(), vec![]));
        assert_eq!(
            name_parts("api.yaml#/components/parameters/state/schema"),
            ("state".to_owned(), vec!["api".into()])
        );
        assert_eq!(
            name_parts("api.yaml#/components/schemas/Pet/properties/owner/items"),
            ("Pet_owner_Item".to_owned(), vec!["api".into()])
        );
        assert_eq!(
            name_parts(
                "api.yaml#/components/responses/Things/content/application~1json/schema/oneOf/0"
            ),
            ("Things_Variant1".to_owned(), vec!["api".into()])
        );
        assert_eq!(schema_name("a/b.yml#/apiJob"), "apiJob");
        assert_eq!(schema_name("a/b.yml#"), "b");
        assert_eq!(
            name_parts("resources/gen-ai/definitions.yml#/apiJob"),
            (
                "apiJob".to_owned(),
                vec!["definitions".into(), "gen-ai".into(), "resources".into()]
            )
        );
        assert_eq!(
            name_parts("../shared/models/error.yml#"),
            ("error".to_owned(), vec!["models".into(), "shared".into()])
        );
    }

    #[test]
    fn finds_cycles() {
        // 0 → 1 → 0, 2 → 2, 3 alone
        let component = strongly_connected(&[vec![1], vec![0], vec![2], vec![]]);
        assert_eq!(component[0], component[1]);
        assert_ne!(component[0], component[2]);
        assert_ne!(component[2], component[3]);
    }
}
