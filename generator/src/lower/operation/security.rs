//! Security schemes → what the generated code sends, and each operation's alternatives of them.

use openapiv3::{APIKeyLocation, ReferenceOr};

use crate::diagnostics::{child, did_you_mean};
use crate::ir::{SecurityKind, SecurityScheme};
use crate::lower::Lowerer;
use crate::names::{self, Namespace};

use super::Found;

impl<'a> Lowerer<'a> {
    pub(in crate::lower) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = self.spec.components.as_ref() else {
            return Vec::new();
        };
        let mut consts = Namespace::default();
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
            schemes.push(SecurityScheme {
                name: name.clone(),
                const_name: consts.claim(&names::scheme_const(name)),
                kind,
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
