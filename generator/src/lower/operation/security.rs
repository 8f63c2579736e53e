//! Security schemes → what the generated code sends, and each operation's alternatives of them.

use openapiv3::{APIKeyLocation, ReferenceOr};

use crate::diagnostics::{child, did_you_mean};
use crate::docs;
use crate::ir::{Operation, SecurityKind, SecurityScheme};
use crate::lower::Lowerer;
use crate::names::{self, Namespace};

use super::Found;

impl<'a> Lowerer<'a> {
    pub(in crate::lower) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = self.spec.components.as_ref() else {
            return Vec::new();
        };
        let mut consts = Namespace::default();
        let mut setters = Namespace::with_reserved(names::BUILDER_METHODS);
        let mut schemes = Vec::new();
        let mut names: Vec<&String> = components.security_schemes.keys().collect();
        names.sort();
        for name in names {
            let pointer = child("/components/securitySchemes", name);
            let Some(ReferenceOr::Item(scheme)) = components.security_schemes.get(name) else {
                continue;
            };
            let kind = match scheme {
                openapiv3::SecurityScheme::HTTP { scheme, .. } => {
                    match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => SecurityKind::Bearer,
                        "basic" => SecurityKind::Basic,
                        other => {
                            self.warn(
                                &pointer,
                                format!(
                                    "HTTP authentication scheme `{other}` is not supported; skipped"
                                ),
                            );
                            continue;
                        }
                    }
                }
                openapiv3::SecurityScheme::APIKey { location, name, .. } => match location {
                    APIKeyLocation::Header => SecurityKind::ApiKeyHeader(name.clone()),
                    APIKeyLocation::Query => SecurityKind::ApiKeyQuery(name.clone()),
                    APIKeyLocation::Cookie => SecurityKind::ApiKeyCookie(name.clone()),
                },
                openapiv3::SecurityScheme::OAuth2 { .. }
                | openapiv3::SecurityScheme::OpenIDConnect { .. } => SecurityKind::Bearer,
            };
            let description = match scheme {
                openapiv3::SecurityScheme::HTTP { description, .. }
                | openapiv3::SecurityScheme::APIKey { description, .. }
                | openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => description,
            };
            let mut scheme_docs = Vec::new();
            docs::push_paragraph(&mut scheme_docs, description.as_deref().unwrap_or(""));
            schemes.push(SecurityScheme {
                name: name.clone(),
                const_name: consts.claim(&names::scheme_const(name)),
                kind,
                setter: setters.claim(&names::scheme_setter(name)),
                // Decided with the API's token variable (see `credentials`).
                env_var: String::new(),
                docs: scheme_docs,
                // Decided once the operations are (see `mark_used`).
                used: false,
                gate: Default::default(),
            });
        }
        schemes
    }

    /// The alternative sets of security schemes that authorize `found` (its own, or the
    /// document's). An alternative naming a scheme that is not declared cannot be met:
    /// it is left out, with a warning; a declared scheme the generator cannot send is
    /// warned about (requests go without it).
    pub(super) fn security_requirements(
        &mut self,
        found: &Found<'a>,
        schemes: &[SecurityScheme],
    ) -> Vec<Vec<String>> {
        let op = found.operation;
        let Some(requirements) = op.security.as_ref().or(self.spec.security.as_ref()) else {
            return Vec::new();
        };
        // Where the requirements that apply are written: the operation's own, or the
        // document's.
        let requirements_pointer = match &op.security {
            Some(_) => child(&found.pointer, "security"),
            None => "/security".to_owned(),
        };
        let declared_schemes: Vec<&str> = self
            .spec
            .components
            .iter()
            .flat_map(|c| c.security_schemes.keys().map(String::as_str))
            .collect();
        let mut alternatives = Vec::new();
        // Declared schemes the client cannot send (warned about where they are declared).
        let mut unsupported = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut usable = true;
            for name in requirement.keys() {
                if declared_schemes.contains(&name.as_str()) {
                    if !schemes.iter().any(|s| &s.name == name) {
                        usable = false;
                        unsupported.push(name.as_str());
                    }
                    continue;
                }
                usable = false;
                let mut message = format!(
                    "security scheme `{name}` is not declared in `components.securitySchemes`"
                );
                match did_you_mean(name, &declared_schemes) {
                    Some(near) => message.push_str(&format!(" (did you mean `{near}`?)")),
                    None if declared_schemes.is_empty() => {
                        message.push_str("; the document declares no security schemes")
                    }
                    None => message.push_str(&format!(
                        "; declared: {}",
                        declared_schemes
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
                message.push_str("; this requirement is ignored");
                let at = child(&child(&requirements_pointer, &index.to_string()), name);
                self.warn(&at, message);
            }
            if usable {
                alternatives.push(requirement.keys().cloned().collect());
            }
        }
        if alternatives.is_empty() && !unsupported.is_empty() {
            self.warn(
                &child(&found.pointer, "security"),
                format!(
                    "every security requirement needs a scheme the client cannot send ({}); \
                     requests go without credentials",
                    unsupported
                        .iter()
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        alternatives
    }
}

/// The API's primary scheme (the one `ClientBuilder::token` sets: the first of the
/// document's own requirement, else the one most operations accept, else the first), and
/// each scheme's environment variable: `token_env` for the primary scheme, a variable
/// named after the scheme beside it for the others.
pub(in crate::lower) fn credentials(
    schemes: &mut [SecurityScheme],
    operations: &[Operation],
    document_requirement: Option<&str>,
    token_env: &str,
) -> Option<String> {
    let used = |scheme: &SecurityScheme| {
        operations
            .iter()
            .filter(|op| {
                op.security
                    .iter()
                    .any(|alternative| alternative.contains(&scheme.const_name))
            })
            .count()
    };
    let primary = document_requirement
        .and_then(|name| schemes.iter().find(|scheme| scheme.name == name))
        .or_else(|| {
            // The most used; the first by name among equals.
            schemes.iter().rev().max_by_key(|scheme| used(scheme))
        })
        .map(|scheme| scheme.name.clone());
    for scheme in schemes.iter_mut() {
        scheme.env_var = if Some(&scheme.name) == primary.as_ref() {
            token_env.to_owned()
        } else {
            names::scheme_env(token_env, &scheme.name)
        };
    }
    primary
}

/// Marks the schemes some operation requires: only their constants are emitted (a scheme
/// of skipped operations only would be dead code).
pub(in crate::lower) fn mark_used(schemes: &mut [SecurityScheme], operations: &[Operation]) {
    for scheme in schemes {
        scheme.used = operations
            .iter()
            .flat_map(|operation| operation.security.iter().flatten())
            .any(|name| *name == scheme.const_name);
    }
}
