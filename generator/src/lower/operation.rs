//! Paths and operations → [`Operation`]s.

use std::collections::BTreeMap;

use openapiv3::{
    APIKeyLocation, MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
    ReferenceOr, Server, StatusCode,
};

use super::Lowerer;
use crate::diagnostics::{child, did_you_mean, skipped_operation};
use crate::docs;
use crate::ir::{
    BodyEncoding, ErrorBody, ErrorVariant, Operation, Param, ParamLocation, ParamShape, ParamStyle,
    PathPart, RequestBody, ResponseBody, Scalar, SecurityKind, SecurityScheme, StatusKey, Success,
    SuccessVariant, TypeDef, TypeKind, TypeRef,
};
use crate::names::{self, Namespace};

/// The base URL of a server entry, with variables set to their defaults.
pub(super) fn server_url(server: &Server) -> String {
    let mut url = server.url.clone();
    if let Some(variables) = &server.variables {
        for (name, variable) in variables {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
    }
    url.trim_end_matches('/').to_owned()
}

/// How a media type is treated.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Media {
    Json,
    Text,
    Bytes,
    Stream,
    Form,
}

fn classify_media(media_type: &str) -> Media {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or(media_type)
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
        Media::Json
    } else if essence == "multipart/form-data" || essence == "application/x-www-form-urlencoded" {
        Media::Form
    } else if essence == "text/event-stream" {
        Media::Stream
    } else if essence.starts_with("text/")
        || essence == "application/yaml"
        || essence == "application/x-yaml"
        || essence == "application/xml"
    {
        Media::Text
    } else {
        Media::Bytes
    }
}

/// The preferred entry of a `content` map: JSON, then text, then bytes.
fn pick_media(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&str, &MediaType, Media)> {
    content
        .iter()
        .map(|(name, media)| (name.as_str(), media, classify_media(name)))
        .min_by_key(|(_, _, kind)| *kind)
}

/// The variant of an operation's error enum holding a body of type `ty`.
fn error_variant(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::Boxed(inner) => error_variant(inner),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Scalar(_) => "Scalar".to_owned(),
        TypeRef::Json => "Json".to_owned(),
    }
}

/// A readable variant name for a success status.
fn status_variant(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => match code {
            200 => "Ok".to_owned(),
            201 => "Created".to_owned(),
            202 => "Accepted".to_owned(),
            203 => "NonAuthoritative".to_owned(),
            204 => "NoContent".to_owned(),
            206 => "PartialContent".to_owned(),
            code => format!("Status{code}"),
        },
        StatusKey::Range(class) => format!("Other{class}xx"),
        StatusKey::Default => "Default".to_owned(),
    }
}

fn status_key(code: &StatusCode) -> StatusKey {
    match code {
        StatusCode::Code(code) => StatusKey::Code(*code),
        StatusCode::Range(class) => StatusKey::Range(u8::try_from(*class).unwrap_or(0)),
    }
}

fn is_success(status: StatusKey) -> bool {
    matches!(status, StatusKey::Code(200..=299) | StatusKey::Range(2))
}

/// An operation found in `paths`, before lowering.
struct Found<'s> {
    /// Its unique Rust name.
    fn_name: String,
    operation_id: String,
    path: &'s str,
    method: &'s str,
    item: &'s openapiv3::PathItem,
    operation: &'s openapiv3::Operation,
    pointer: String,
}

impl<'a> Lowerer<'a> {
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
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
            // The error-status lists are constants of the same module, all named
            // `NO_ERRORS` or `ERRORS_…` (see `error_set_name`): a scheme keeps clear of them.
            let mut const_name = names::const_name(name);
            if const_name == "NO_ERRORS" || const_name.starts_with("ERRORS_") {
                const_name.insert_str(0, "SCHEME_");
            }
            schemes.push(SecurityScheme {
                name: name.clone(),
                const_name: consts.claim(&const_name),
                kind,
            });
        }
        schemes
    }

    pub(super) fn operations(&mut self, schemes: &[SecurityScheme]) -> Vec<Operation> {
        let spec = self.spec;
        let mut found = Vec::new();
        for (path, item) in &spec.paths.paths {
            let item_pointer = child("/paths", path);
            // Loading leaves out path items it cannot resolve.
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (method, operation) in item.iter() {
                let pointer = child(&item_pointer, method);
                let operation_id = match &operation.operation_id {
                    Some(id) if !id.trim().is_empty() => id.clone(),
                    _ => format!("{method}_{path}"),
                };
                found.push(Found {
                    fn_name: String::new(),
                    operation_id,
                    path,
                    method,
                    item,
                    operation,
                    pointer,
                });
            }
        }
        found.sort_by(|a, b| {
            (&a.operation_id, a.path, a.method).cmp(&(&b.operation_id, b.path, b.method))
        });
        self.name_operations(&mut found);
        let mut operations = Vec::new();
        for op in &found {
            // An operation that cannot be generated is skipped, with why; the others are
            // not affected.
            let errors = self.errors.len();
            let types = self.types.len();
            let lowered = self.operation(op, schemes);
            if self.errors.len() > errors {
                let reasons = self.errors.split_off(errors);
                self.forget_types_from(types);
                self.report
                    .skipped
                    .extend(skipped_operation(op.method, op.path, reasons));
            } else {
                operations.extend(lowered);
            }
        }
        operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
        operations
    }

    /// The alternative sets of security schemes that authorize `found` (its own, or the
    /// document's). An alternative naming a scheme that is not declared cannot be met:
    /// it is left out, with a warning; a declared scheme the generator cannot send is
    /// warned about (requests go without it).
    fn security_requirements(
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

    /// Gives each operation its Rust name. Operation ids should be unique, also once
    /// turned into Rust names; when they are not, the later ones (by id, path and
    /// method) get a number, with a warning.
    fn name_operations(&mut self, found: &mut [Found<'_>]) {
        let mut names = Namespace::with_reserved(&[]);
        // The first holder of each name, to say what a numbered one collides with.
        let mut holders: BTreeMap<String, (String, String)> = BTreeMap::new();
        for op in found.iter_mut() {
            let wanted = operation_fn_name(&op.operation_id);
            let name = names.claim(&wanted);
            let request = format!("{} {}", op.method.to_uppercase(), op.path);
            match holders.get(&wanted) {
                None if name != wanted => self.warn(
                    &child(&op.pointer, "operationId"),
                    format!(
                        "the Rust name `{wanted}` of operationId `{}` is taken by another \
                         operation; this one is named `{name}`",
                        op.operation_id
                    ),
                ),
                Some((id, other)) if name != wanted => {
                    let why = if *id == op.operation_id {
                        format!("duplicate operationId `{id}`: also used by {other}")
                    } else {
                        format!(
                            "operationIds `{id}` ({other}) and `{}` would both become the Rust \
                             name `{wanted}`",
                            op.operation_id
                        )
                    };
                    self.warn(
                        &child(&op.pointer, "operationId"),
                        format!("{why}; this one is named `{name}`"),
                    );
                }
                _ => {
                    holders.insert(wanted, (op.operation_id.clone(), request));
                }
            }
            op.fn_name = name;
        }
    }

    fn operation(&mut self, found: &Found<'a>, schemes: &[SecurityScheme]) -> Option<Operation> {
        let op = found.operation;
        let pointer = &found.pointer;
        let fn_name = found.fn_name.clone();
        let hint = names::type_name(&found.operation_id);
        // Names the generated functions use themselves; the request body and the optional
        // parameters are passed as `body` and `params` (reserved only when they may be
        // there, so other operations keep their parameters' plain names).
        let mut reserved = vec!["client", "request", "response", "options"];
        if op.request_body.is_some() {
            reserved.push("body");
        }
        if has_optional_params(found) {
            reserved.push("params");
        }
        let mut arg_names = Namespace::with_reserved(&reserved);

        let (mut params, declared_at) = self.params(found, &hint, &mut arg_names);
        let path_parts = self.path_parts(found, &mut params, &declared_at);
        let body = self.request_body(op, &hint, pointer);
        let (success, errors, error_body, success_docs) = self.responses(op, &hint, pointer);

        let security = self.security_requirements(found, schemes);
        let server = op
            .servers
            .first()
            .or(found.item.servers.first())
            .map(server_url);

        let mut docs = Vec::new();
        docs::push_paragraph(&mut docs, op.summary.as_deref().unwrap_or(""));
        docs::push_paragraph(&mut docs, op.description.as_deref().unwrap_or(""));
        let request_line = format!("`{} {}`", found.method.to_uppercase(), found.path);
        docs::push_paragraph(&mut docs, &request_line);
        let mut module_docs = Vec::new();
        let title = op
            .summary
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&found.operation_id);
        docs::push_paragraph(&mut module_docs, title);
        docs::push_paragraph(
            &mut module_docs,
            &format!(
                "{request_line}, sent by [`Client::{fn_name}`](crate::Client::{fn_name}), \
                 which has the full description."
            ),
        );
        for line in success_docs {
            docs::push_paragraph(&mut docs, &format!("Returns {line}"));
        }
        Some(Operation {
            operation_id: found.operation_id.clone(),
            fn_name,
            method: found.method.to_uppercase(),
            path: found.path.to_owned(),
            path_parts,
            params,
            body,
            success,
            error_set: error_set_name(&errors),
            errors,
            error_body,
            security,
            server,
            docs,
            module_docs,
            deprecated: op.deprecated,
        })
    }

    /// Path-item and operation parameters (the operation's win), path ones first in
    /// template order; with where each path parameter was declared, by name (also those
    /// that could not be lowered, which are reported already).
    fn params(
        &mut self,
        found: &Found<'a>,
        hint: &str,
        arg_names: &mut Namespace,
    ) -> (Vec<Param>, Vec<(String, String)>) {
        let mut declared: Vec<(&'a Parameter, String)> = Vec::new();
        let item_pointer = found
            .pointer
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_owned();
        let sources = [
            (&found.item.parameters, child(&item_pointer, "parameters")),
            (
                &found.operation.parameters,
                child(&found.pointer, "parameters"),
            ),
        ];
        for (list, list_pointer) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let pointer = child(&list_pointer, &index.to_string());
                let ReferenceOr::Item(parameter) = parameter else {
                    self.error(&pointer, "a parameter `$ref` that could not be resolved");
                    continue;
                };
                let data = parameter.parameter_data_ref();
                let same = |p: &&Parameter| {
                    p.parameter_data_ref().name == data.name
                        && std::mem::discriminant(*p) == std::mem::discriminant(parameter)
                };
                match declared.iter().position(|(p, _)| same(p)) {
                    Some(at) => declared[at] = (parameter, pointer),
                    None => declared.push((parameter, pointer)),
                }
            }
        }
        let template: Vec<&str> = template_names(found.path);
        declared.sort_by_key(|(p, _)| match p {
            Parameter::Path { parameter_data, .. } => template
                .iter()
                .position(|n| *n == parameter_data.name)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        let mut params = Vec::new();
        let mut declared_at = Vec::new();
        for (parameter, pointer) in declared {
            if let Parameter::Path { parameter_data, .. } = parameter {
                declared_at.push((parameter_data.name.clone(), pointer.clone()));
            }
            if let Some(param) = self.param(parameter, &pointer, hint, arg_names) {
                params.push(param);
            }
        }
        (params, declared_at)
    }

    fn param(
        &mut self,
        parameter: &'a Parameter,
        pointer: &str,
        hint: &str,
        arg_names: &mut Namespace,
    ) -> Option<Param> {
        let data = parameter.parameter_data_ref();
        let (location, style, allow_reserved) = match parameter {
            Parameter::Path { style, .. } => {
                let style = match style {
                    PathStyle::Simple => ParamStyle::Simple,
                    PathStyle::Label => ParamStyle::Label,
                    PathStyle::Matrix => ParamStyle::Matrix,
                };
                (ParamLocation::Path, style, false)
            }
            Parameter::Query {
                style,
                allow_reserved,
                ..
            } => {
                let style = match style {
                    QueryStyle::Form => ParamStyle::Form,
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                (ParamLocation::Query, style, *allow_reserved)
            }
            Parameter::Header { .. } => {
                let lower = data.name.to_ascii_lowercase();
                if matches!(lower.as_str(), "accept" | "content-type" | "authorization") {
                    self.warn(
                        pointer,
                        format!(
                            "header parameter `{}` is ignored, as OpenAPI requires",
                            data.name
                        ),
                    );
                    return None;
                }
                (ParamLocation::Header, ParamStyle::Simple, false)
            }
            Parameter::Cookie { .. } => (ParamLocation::Cookie, ParamStyle::Form, false),
        };
        // OpenAPI's default: `form` explodes, every other style does not.
        let explode = data.explode.unwrap_or(style == ParamStyle::Form);
        let param_hint = format!("{hint}_{}", data.name);
        let mut schema_pointer = pointer.to_owned();
        let mut json_content = false;
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                schema_pointer = child(pointer, "schema");
                self.type_of(schema.into(), &param_hint, &schema_pointer)
            }
            ParameterSchemaOrContent::Content(content) => match pick_media(content) {
                Some((media_type, media, kind)) => {
                    json_content = kind == Media::Json;
                    match &media.schema {
                        Some(schema) => {
                            schema_pointer =
                                child(&child(&child(pointer, "content"), media_type), "schema");
                            self.type_of(schema.into(), &param_hint, &schema_pointer)
                        }
                        None if json_content => TypeRef::Json,
                        None => TypeRef::Scalar(Scalar::String),
                    }
                }
                None => TypeRef::Scalar(Scalar::String),
            },
        };
        let Some(shape) = self.param_shape(&ty, json_content) else {
            let message = format!(
                "parameter `{}` has type `{ty}`, which cannot be sent in the {}; skipped",
                data.name,
                match location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query string",
                    ParamLocation::Header => "headers",
                    ParamLocation::Cookie => "cookies",
                }
            );
            if data.required || location == ParamLocation::Path {
                let place = match location {
                    ParamLocation::Path => "the path",
                    ParamLocation::Query => "the query string",
                    ParamLocation::Header => "a header",
                    ParamLocation::Cookie => "a cookie",
                };
                self.error(
                    &schema_pointer,
                    format!(
                        "required parameter `{}` is {}, which cannot be sent in {place}; \
                         expected a value whose dates and timestamps, if any, are the value \
                         itself, a list's items or an object's properties (not a map's values \
                         or a nested list's items)",
                        data.name,
                        self.kind_words(&ty)
                    ),
                );
            } else {
                self.warn(pointer, message);
            }
            return None;
        };
        let (style, explode) =
            self.param_style(style, explode, data.explode, shape, &data.name, pointer);
        let mut docs = Vec::new();
        docs::push_paragraph(&mut docs, data.description.as_deref().unwrap_or(""));
        let required = data.required || location == ParamLocation::Path;
        Some(Param {
            name: arg_names.claim(&names::snake_name(&data.name)),
            wire_name: data.name.clone(),
            location,
            ty,
            shape,
            required,
            style,
            explode,
            allow_reserved,
            docs,
        })
    }

    /// How a parameter of type `ty` is written, or `None` if it cannot be: scalars, string
    /// enums and unions of them through `Display`, lists of them too, anything else that
    /// has `Serialize` (or will get it) through it. `json` for `content:
    /// application/json`.
    fn param_shape(&self, ty: &TypeRef, json: bool) -> Option<ParamShape> {
        if json {
            return self.serializable(ty, 0).then_some(ParamShape::Json);
        }
        match ty {
            ty if self.displayable(ty) => Some(ParamShape::Scalar),
            TypeRef::List(inner) if self.displayable(inner) => Some(ParamShape::List),
            ty => self.serializable(ty, 0).then_some(ParamShape::Serialized),
        }
    }

    /// Whether values of `ty` can be serialized: every type but binary data, and dates and
    /// timestamps outside a named type's properties (the crate's `time` types have no
    /// `Serialize`; properties get it through an adapter).
    fn serializable(&self, ty: &TypeRef, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match ty {
            TypeRef::Scalar(Scalar::Bytes | Scalar::DateTime | Scalar::Date) => false,
            TypeRef::Scalar(_) | TypeRef::Json => true,
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                self.serializable(inner, depth + 1)
            }
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
                Some(TypeDef {
                    kind: TypeKind::Alias(inner),
                    ..
                }) => self.serializable(inner, depth + 1),
                Some(_) => true,
                // Named types are all lowered before operations; an unknown one is an
                // error reported elsewhere.
                None => false,
            },
        }
    }

    /// The style a parameter is sent in: the spec's, unless it means nothing for the
    /// value; then the closest that does, with a warning. `written_explode` is the
    /// spec's `explode`, if it says one.
    fn param_style(
        &mut self,
        style: ParamStyle,
        explode: bool,
        written_explode: Option<bool>,
        shape: ParamShape,
        name: &str,
        pointer: &str,
    ) -> (ParamStyle, bool) {
        let single = matches!(shape, ParamShape::Scalar | ParamShape::Json);
        let delimited = matches!(
            style,
            ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited
        );
        let spelled = match style {
            ParamStyle::SpaceDelimited => "spaceDelimited",
            ParamStyle::PipeDelimited => "pipeDelimited",
            ParamStyle::DeepObject => "deepObject",
            _ => "",
        };
        if single && (delimited || style == ParamStyle::DeepObject) {
            self.warn(
                &child(pointer, "style"),
                format!(
                    "style `{spelled}` is for lists and objects, and `{name}` is a single \
                     value; it is sent form-style (`{name}=value`)"
                ),
            );
            return (ParamStyle::Form, explode);
        }
        if shape == ParamShape::List && style == ParamStyle::DeepObject {
            self.warn(
                &child(pointer, "style"),
                format!(
                    "style `deepObject` is for objects, and `{name}` is a list; it is sent \
                     form-style, exploded (`{name}=a&{name}=b`)"
                ),
            );
            return (ParamStyle::Form, true);
        }
        if delimited && explode {
            self.warn(
                &child(pointer, "explode"),
                format!(
                    "style `{spelled}` is defined without `explode` only; `{name}` is sent \
                     form-style, exploded (`{name}=a&{name}=b`)"
                ),
            );
            return (ParamStyle::Form, true);
        }
        if style == ParamStyle::DeepObject {
            if written_explode == Some(false) {
                self.warn(
                    &child(pointer, "explode"),
                    format!(
                        "style `deepObject` is always exploded; `{name}` is sent as \
                         `{name}[key]=value` pairs"
                    ),
                );
            }
            return (ParamStyle::DeepObject, true);
        }
        (style, explode)
    }

    /// Splits the path template; every `{name}` must be a declared path parameter and
    /// every path parameter must appear.
    fn path_parts(
        &mut self,
        found: &Found<'_>,
        params: &mut [Param],
        declared_at: &[(String, String)],
    ) -> Vec<PathPart> {
        let mut parts = Vec::new();
        let mut rest = found.path;
        let path_pointer = found
            .pointer
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_owned();
        // Where a missing path parameter should be declared.
        let declare_at = if !found.operation.parameters.is_empty() {
            child(&found.pointer, "parameters")
        } else if !found.item.parameters.is_empty() {
            child(&path_pointer, "parameters")
        } else {
            found.pointer.clone()
        };
        let mut well_formed = true;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                self.error(
                    &path_pointer,
                    format!(
                        "path `{}` has a `{{` without `}}`: a path parameter is written \
                         `{{name}}`",
                        found.path
                    ),
                );
                well_formed = false;
                break;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            match params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire_name == name)
            {
                Some(index) => parts.push(PathPart::Param(index)),
                // Declared but not usable: reported where it is declared.
                None if declared_at.iter().any(|(declared, _)| declared == name) => {}
                None => self.error(
                    &declare_at,
                    format!(
                        "path `{}` has `{{{name}}}` but no path parameter `{name}` is declared; \
                         expected `- {{name: {name}, in: path, required: true, schema: {{type: \
                         string}}}}` in the operation's or the path's `parameters`",
                        found.path
                    ),
                ),
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for param in params.iter().filter(|_| well_formed) {
            if param.location == ParamLocation::Path
                && !parts.iter().any(
                    |p| matches!(p, PathPart::Param(i) if params[*i].wire_name == param.wire_name),
                )
            {
                let at = declared_at
                    .iter()
                    .find(|(name, _)| *name == param.wire_name)
                    .map_or_else(|| declare_at.clone(), |(_, pointer)| pointer.clone());
                self.error(
                    &at,
                    format!(
                        "path parameter `{}` does not appear in the path `{}`; expected \
                         `{{{}}}` in the path, or another `in` (such as `query`)",
                        param.wire_name, found.path, param.wire_name
                    ),
                );
            }
        }
        parts
    }

    fn request_body(
        &mut self,
        op: &'a openapiv3::Operation,
        hint: &str,
        pointer: &str,
    ) -> Option<RequestBody> {
        let body_pointer = child(pointer, "requestBody");
        let body = match op.request_body.as_ref()? {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { .. } => {
                self.error(
                    &body_pointer,
                    "a request body `$ref` that could not be resolved",
                );
                return None;
            }
        };
        let Some((media_type, media, kind)) = pick_media(&body.content) else {
            self.warn(
                &body_pointer,
                "request body without content; no body is sent",
            );
            return None;
        };
        let media_pointer = child(&child(&body_pointer, "content"), media_type);
        let (ty, encoding) = match kind {
            Media::Json => {
                let ty = match &media.schema {
                    Some(schema) => {
                        let schema_pointer = child(&media_pointer, "schema");
                        let ty =
                            self.type_of(schema.into(), &format!("{hint}Body"), &schema_pointer);
                        self.json_body_type(ty, &schema_pointer)
                    }
                    None => TypeRef::Json,
                };
                (ty, BodyEncoding::Json)
            }
            Media::Bytes | Media::Stream => (TypeRef::Scalar(Scalar::Bytes), BodyEncoding::Bytes),
            Media::Text => (TypeRef::Scalar(Scalar::String), BodyEncoding::Text),
            Media::Form => {
                let message = format!("request body `{media_type}` is not supported");
                if body.required {
                    self.error(
                        &media_pointer,
                        format!(
                            "{message}, and the body is required; expected JSON, text or \
                             binary content (offer `application/json` too, or make the body \
                             optional to generate the operation without it)"
                        ),
                    );
                } else {
                    self.warn(&media_pointer, format!("{message}; no body is sent"));
                }
                return None;
            }
        };
        let mut docs = Vec::new();
        docs::push_paragraph(&mut docs, body.description.as_deref().unwrap_or(""));
        Some(RequestBody {
            ty,
            encoding,
            content_type: media_type.to_owned(),
            required: body.required,
            docs,
        })
    }

    /// The type of a JSON body. Timestamps, dates and 64-bit integers written as strings
    /// get their wire form from serde adapters, which only fields and variants have: a
    /// body that is one of them (or a list or map of them) is kept as the string it is.
    fn json_body_type(&mut self, ty: TypeRef, pointer: &str) -> TypeRef {
        fn as_strings(ty: &TypeRef) -> Option<TypeRef> {
            match ty {
                TypeRef::Scalar(
                    Scalar::DateTime | Scalar::Date | Scalar::I64String | Scalar::U64String,
                ) => Some(TypeRef::Scalar(Scalar::String)),
                TypeRef::List(inner) => as_strings(inner).map(|t| TypeRef::List(Box::new(t))),
                TypeRef::Map(inner) => as_strings(inner).map(|t| TypeRef::Map(Box::new(t))),
                TypeRef::Boxed(inner) => as_strings(inner).map(|t| TypeRef::Boxed(Box::new(t))),
                TypeRef::Scalar(_) | TypeRef::Named(_) | TypeRef::Json => None,
            }
        }
        match as_strings(&ty) {
            Some(strings) => {
                self.fallback(
                    pointer,
                    format!(
                        "a body of type `{ty}` is kept as `{strings}`: timestamps, dates and \
                         64-bit integers written as strings are parsed in properties only"
                    ),
                );
                strings
            }
            None => ty,
        }
    }

    fn response_body(
        &mut self,
        response: &'a openapiv3::Response,
        hint: &str,
        pointer: &str,
    ) -> ResponseBody {
        let Some((media_type, media, kind)) = pick_media(&response.content) else {
            return ResponseBody::Empty;
        };
        match kind {
            Media::Json => match &media.schema {
                Some(schema) => {
                    let schema_pointer =
                        child(&child(&child(pointer, "content"), media_type), "schema");
                    let ty = self.type_of(schema.into(), hint, &schema_pointer);
                    ResponseBody::Json(self.json_body_type(ty, &schema_pointer))
                }
                None => ResponseBody::Json(TypeRef::Json),
            },
            Media::Text => ResponseBody::Text,
            Media::Stream => ResponseBody::Stream,
            Media::Bytes | Media::Form => ResponseBody::Bytes,
        }
    }

    fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        hint: &str,
        pointer: &str,
    ) -> (Success, Vec<StatusKey>, ErrorBody, Vec<String>) {
        let responses_pointer = child(pointer, "responses");
        let mut declared: Vec<(StatusKey, &'a openapiv3::Response, String)> = Vec::new();
        for (code, response) in &op.responses.responses {
            let key = status_key(code);
            let response_pointer = child(&responses_pointer, &code.to_string());
            match response {
                ReferenceOr::Item(response) => declared.push((key, response, response_pointer)),
                ReferenceOr::Reference { .. } => self.error(
                    &response_pointer,
                    "a response `$ref` that could not be resolved",
                ),
            }
        }
        if let Some(response) = &op.responses.default {
            let response_pointer = child(&responses_pointer, "default");
            match response {
                ReferenceOr::Item(response) => {
                    declared.push((StatusKey::Default, response, response_pointer))
                }
                ReferenceOr::Reference { .. } => self.error(
                    &response_pointer,
                    "a response `$ref` that could not be resolved",
                ),
            }
        }
        declared.sort_by_key(|(key, _, _)| *key);
        let any_success = declared.iter().any(|(key, _, _)| is_success(*key));
        let mut successes: Vec<(StatusKey, ResponseBody)> = Vec::new();
        let mut described = Vec::new();
        let mut errors = Vec::new();
        // Each error body type with the statuses that answer with it.
        let mut error_types: Vec<(TypeRef, Vec<StatusKey>)> = Vec::new();
        for (key, response, response_pointer) in &declared {
            // Without a declared success, `default` is the success too; it still
            // describes the errors (a status of 400 or more is never a success).
            let catch_all = !any_success && *key == StatusKey::Default;
            if is_success(*key) || catch_all {
                let body =
                    self.response_body(response, &format!("{hint}Response"), response_pointer);
                successes.push((*key, body));
                let description = response.description.trim();
                if !description.is_empty() {
                    described.push(format!("`{key}`: {description}"));
                }
            }
            if !is_success(*key) {
                errors.push(*key);
                if let ResponseBody::Json(ty) =
                    self.response_body(response, &format!("{hint}Error"), response_pointer)
                {
                    match error_types.iter_mut().find(|(known, _)| *known == ty) {
                        Some((_, statuses)) => statuses.push(*key),
                        None => error_types.push((ty, vec![*key])),
                    }
                }
            }
        }
        if successes.is_empty() {
            self.warn(
                &responses_pointer,
                "no success response declared: any 2xx answer is accepted without a body",
            );
            successes.push((StatusKey::Range(2), ResponseBody::Empty));
        }
        let error_body = match error_types.len() {
            0 => ErrorBody::None,
            1 => ErrorBody::Json(error_types.remove(0).0),
            _ => {
                let mut variant_names = Namespace::default();
                ErrorBody::Several {
                    name: "ErrorBody".to_owned(),
                    variants: error_types
                        .into_iter()
                        .map(|(ty, statuses)| ErrorVariant {
                            name: variant_names.claim(&error_variant(&ty)),
                            statuses,
                            ty,
                        })
                        .collect(),
                }
            }
        };
        let first_body = successes[0].1.clone();
        let success = if successes.iter().all(|(_, body)| *body == first_body) {
            Success::Single {
                statuses: successes.iter().map(|(key, _)| *key).collect(),
                body: first_body,
            }
        } else {
            let mut variant_names = Namespace::default();
            Success::Several {
                name: "Success".to_owned(),
                variants: successes
                    .into_iter()
                    .map(|(status, body)| SuccessVariant {
                        name: variant_names.claim(&status_variant(status)),
                        status,
                        body,
                    })
                    .collect(),
            }
        };
        (success, errors, error_body, described)
    }
}

/// The name of the constant listing these error statuses, from the statuses themselves
/// (so it does not change when unrelated operations do).
pub(super) fn error_set_name(statuses: &[StatusKey]) -> String {
    if statuses.is_empty() {
        return "NO_ERRORS".to_owned();
    }
    let parts: Vec<String> = statuses
        .iter()
        .map(|status| match status {
            StatusKey::Code(code) => code.to_string(),
            StatusKey::Range(class) => format!("{class}XX"),
            StatusKey::Default => "DEFAULT".to_owned(),
        })
        .collect();
    format!("ERRORS_{}", parts.join("_"))
}

/// Methods the runtime's `Client` has itself (private ones too: an inherent method may
/// be defined once per type, whatever its visibility); an operation may not take their
/// names. A test checks this against the runtime's source.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "from_env",
    "execute",
    "execute_stream",
    "base_url",
    "retry_policy",
    "call",
    "send",
    "attempt",
    "clone",
    "fmt",
];

/// Whether an operation may have optional query or header parameters (then passed in a
/// `params` argument).
fn has_optional_params(found: &Found<'_>) -> bool {
    found
        .item
        .parameters
        .iter()
        .chain(&found.operation.parameters)
        .any(|parameter| match parameter {
            ReferenceOr::Item(parameter) => {
                !matches!(parameter, Parameter::Path { .. })
                    && !parameter.parameter_data_ref().required
            }
            ReferenceOr::Reference { .. } => false,
        })
}

/// The Rust name of an operation's function, module and client method.
fn operation_fn_name(operation_id: &str) -> String {
    let name = names::snake_name(operation_id);
    if CLIENT_METHODS.contains(&name.as_str()) {
        format!("{name}_operation")
    } else {
        name
    }
}

/// The `{name}`s of a path template, in order.
fn template_names(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_classified() {
        assert!(classify_media("application/json; charset=utf-8") == Media::Json);
        assert!(classify_media("application/problem+json") == Media::Json);
        assert!(classify_media("text/csv") == Media::Text);
        assert!(classify_media("application/yaml") == Media::Text);
        assert!(classify_media("application/pdf") == Media::Bytes);
        assert!(classify_media("text/event-stream") == Media::Stream);
    }

    #[test]
    fn client_methods_are_reserved() {
        let (_, source) = crate::render::RUNTIME_FILES
            .iter()
            .find(|(name, _)| *name == "client.rs")
            // A test: a failed expectation is the test failing (both hold for the
            // runtime as shipped).
            .expect("the runtime has client.rs");
        let file = syn::parse_file(source).expect("the runtime parses");
        for item in file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let syn::Type::Path(path) = &*block.self_ty else {
                continue;
            };
            if block.trait_.is_some() || !path.path.is_ident("Client") {
                continue;
            }
            for item in block.items {
                if let syn::ImplItem::Fn(method) = item {
                    let name = method.sig.ident.to_string();
                    assert!(
                        CLIENT_METHODS.contains(&name.as_str()),
                        "`Client::{name}` is not in CLIENT_METHODS"
                    );
                }
            }
        }
    }

    #[test]
    fn template_names_in_order() {
        assert_eq!(template_names("/v2/{a}/x/{b}"), ["a", "b"]);
    }
}
