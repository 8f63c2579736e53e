//! Stage 2, lower: OpenAPI → [`crate::ir`]. Every validation, every name decision and
//! every error happens here; what comes out is plain data that emission only prints.
//!
//! - `schema`: component and inline schemas → named types and [`TypeRef`]s;
//! - `operation`: paths → [`Operation`](crate::ir::Operation)s (parameters, bodies, responses, security,
//!   streaming, pagination);
//! - `webhooks`: webhooks (OpenAPI 3.1) → [`Webhook`](crate::ir::Webhook)s, each a
//!   function that decodes the body the API sends;
//! - this module: names of component schemas, boxing of recursive types, assembly.

mod features;
mod operation;
mod passes;
mod resolve;
mod schema;
mod type_defs;
mod webhooks;

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};

use crate::diagnostics::{Diagnostic, Errors, Location};
use crate::ir::{Api, License, TypeRef};
use crate::load::{Loaded, SourceMap};
use crate::names::{self, Namespace, RustName};
use crate::settings::{FormatType, Renames};

/// What the caller decides rather than the spec.
#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// The root spec file as it should be named in headers.
    pub spec_file: String,
    /// Environment variable for the token; default: the spec's `x-rust-token-env`, else
    /// `<TITLE>_TOKEN`.
    pub token_env: Option<String>,
    /// Names chosen instead of the ones derived from the spec.
    pub renames: Renames,
    /// Formats written as a type of another crate, by `format` value.
    pub formats: BTreeMap<String, FormatType>,
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

/// Lowers a loaded spec.
pub fn lower(loaded: &Loaded, options: &LowerOptions) -> Result<(Api, Report), Errors> {
    lower_naming_files(loaded, options, &|_| {})
}

/// [`lower`], calling `named` with the file of each diagnostic as it is made (the
/// loader's first), so that the lines of the report can be looked for while lowering
/// goes on: [`crate::generate`] scans those files on another thread.
pub fn lower_naming_files(
    loaded: &Loaded,
    options: &LowerOptions,
    named: &dyn Fn(&str),
) -> Result<(Api, Report), Errors> {
    for diagnostic in loaded.warnings.iter().chain(&loaded.skipped) {
        named(&diagnostic.location.file);
    }
    let mut lowerer = Lowerer::new(
        &loaded.spec,
        &loaded.webhooks,
        &loaded.source_map,
        options,
        named,
    );
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
    let mut security_schemes = lowerer.security_schemes();
    let mut operations = lowerer.operations(&security_schemes);
    operation::mark_used(&mut security_schemes, &operations);
    let webhooks = lowerer.webhooks(&loaded.webhooks);
    passes::box_recursive_fields(lowerer.types.as_mut_slice());
    lowerer.cut_alias_cycles();
    passes::fill_missing_docs(lowerer.types.as_mut_slice(), &mut operations);
    passes::decide_construction(lowerer.types.as_mut_slice());
    passes::union_shapes(lowerer.types.as_mut_slice());
    passes::assign_directions(lowerer.types.as_mut_slice(), &operations, &webhooks);
    if !lowerer.errors.is_empty() {
        let mut errors = lowerer.errors;
        errors.sort();
        errors.dedup();
        return Err(Errors(errors));
    }
    let spec = &loaded.spec;
    let mut docs = Vec::new();
    crate::docs::push_paragraph(&mut docs, loaded.summary.as_deref().unwrap_or(""));
    crate::docs::push_paragraph(&mut docs, spec.info.description.as_deref().unwrap_or(""));
    let license = spec.info.license.as_ref().map(|license| License {
        name: license.name.clone(),
        identifier: loaded.license_identifier.clone(),
        url: license.url.clone(),
    });
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
    let document_requirement = spec
        .security
        .iter()
        .flatten()
        .flat_map(|requirement| requirement.keys())
        .find(|name| security_schemes.iter().any(|scheme| &scheme.name == *name))
        .map(String::as_str);
    let primary_scheme = operation::credentials(
        &mut security_schemes,
        &operations,
        document_requirement,
        &token_env,
    );
    let common_error = passes::common_error(&operations);
    let mut types = lowerer.types.into_vec();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut error_sets = passes::error_sets(&operations);
    let features = features::assign(
        &mut types,
        &mut operations,
        &webhooks,
        &mut error_sets,
        &mut security_schemes,
        common_error.as_ref(),
    );
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
        license,
        spec_file: options.spec_file.clone(),
        default_base_url: spec
            .servers
            .first()
            .map(operation::server_url)
            .unwrap_or_default(),
        token_env,
        types,
        error_sets,
        features,
        operations,
        security_schemes,
        primary_scheme,
        common_error,
        webhooks,
    };
    Ok((api, report))
}

/// Lowering state: the spec, what has been decided so far, and what went wrong.
struct Lowerer<'a> {
    spec: &'a OpenAPI,
    source_map: &'a SourceMap,
    options: &'a LowerOptions,
    errors: Vec<Diagnostic>,
    report: Report,
    /// Component schema key → Rust type name.
    component_names: HashMap<String, RustName>,
    /// Component schema key → the type a reference to it stands for.
    resolved: HashMap<String, TypeRef>,
    /// What is being made, against cycles and too deep nesting.
    guard: resolve::Guard,
    /// Inline schemas (by pointer) already lowered, and their types.
    inline_types: HashMap<String, TypeRef>,
    /// Copies of component schemas and of inline schemas (see `schema::copies`).
    copies: schema::Copies,
    types: type_defs::TypeDefs,
    type_names: Namespace,
    /// `format` → the type named for the settings' Rust type of it.
    format_types: BTreeMap<String, RustName>,
    /// Told the file of each diagnostic made (see [`lower_naming_files`]).
    named: &'a dyn Fn(&str),
}

impl<'a> Lowerer<'a> {
    fn new(
        spec: &'a OpenAPI,
        webhooks: &IndexMap<String, ReferenceOr<PathItem>>,
        source_map: &'a SourceMap,
        options: &'a LowerOptions,
        named: &'a dyn Fn(&str),
    ) -> Self {
        Self {
            spec,
            source_map,
            options,
            errors: Vec::new(),
            report: Report::default(),
            component_names: HashMap::new(),
            resolved: HashMap::new(),
            guard: resolve::Guard::default(),
            inline_types: HashMap::new(),
            copies: schema::Copies::new(spec, webhooks),
            types: type_defs::TypeDefs::default(),
            type_names: Namespace::types(),
            format_types: BTreeMap::new(),
            named,
        }
    }

    /// Names the component schemas: as the settings rename them, else from their keys.
    /// The renamed are named first, so they get the name asked for.
    fn name_components(&mut self) {
        let Some(schemas) = self.schemas() else {
            return;
        };
        let mut renamed = HashMap::new();
        for (key, to) in &self.options.renames.types {
            if schemas.contains_key(key) {
                renamed.insert(key.clone(), self.type_names.claim(&names::type_name(to)));
            } else {
                self.warn(
                    "/components/schemas",
                    format!(
                        "the settings rename the schema `{key}`, which `components/schemas` \
                         does not have; nothing is renamed"
                    ),
                );
            }
        }
        let others = schemas.keys().filter(|key| !renamed.contains_key(*key));
        self.component_names = names::component_names(others, &mut self.type_names);
        self.component_names.extend(renamed);
    }

    fn locate(&self, pointer: &str) -> Location {
        self.source_map.locate(pointer)
    }

    /// A diagnostic about the spec's part at `pointer`, whose file is told to `named`.
    fn diagnostic(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        let location = self.locate(pointer);
        (self.named)(&location.file);
        Diagnostic::new(location, message)
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pointer, message);
        self.errors.push(diagnostic);
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pointer, message);
        self.report.warnings.push(diagnostic);
    }

    fn fallback(&mut self, pointer: &str, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pointer, message);
        self.report.fallbacks.push(diagnostic);
    }

    /// Forgets the types made from index `first` on (those of an operation that is
    /// skipped), so nothing refers to them.
    fn forget_types_from(&mut self, first: usize) {
        if first >= self.types.len() {
            return;
        }
        let forgotten: HashSet<RustName> = self
            .types
            .drain_from(first)
            .into_iter()
            .map(|def| def.name)
            .collect();
        let kept = |ty: &TypeRef| {
            !passes::collect_names(ty)
                .into_iter()
                .any(|name| forgotten.contains(name))
        };
        self.inline_types.retain(|_, ty| kept(ty));
        self.copies.forget(kept);
    }

    fn schemas(&self) -> Option<&'a IndexMap<String, ReferenceOr<openapiv3::Schema>>> {
        self.spec.components.as_ref().map(|c| &c.schemas)
    }

    /// Cuts the cycles of aliases (see [`passes::cut_alias_cycles`]), with a warning at
    /// each alias's schema.
    fn cut_alias_cycles(&mut self) {
        let keys: HashMap<&RustName, &str> = self
            .component_names
            .iter()
            .map(|(key, name)| (name, key.as_str()))
            .collect();
        let cut: Vec<(String, String)> = passes::cut_alias_cycles(self.types.as_mut_slice())
            .into_iter()
            .map(|(name, message)| {
                let pointer = keys
                    .get(&name)
                    .map_or_else(String::new, |key| crate::load::schema_pointer(key));
                (pointer, message)
            })
            .collect();
        for (pointer, message) in cut {
            self.warn(&pointer, message);
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
}
