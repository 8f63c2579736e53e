//! Paths and operations → [`Operation`]s.

use std::collections::BTreeMap;

use openapiv3::{
    APIKeyLocation, MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
    ReferenceOr, Server, StatusCode,
};

use crate::ir::{AlternativeBody, FormStyle, Part, Parts, PropertyEncoding};

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
    Multipart,
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
    } else if essence == "application/x-www-form-urlencoded" {
        Media::Form
    } else if essence == "multipart/form-data" {
        Media::Multipart
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
        // The client methods of alternative bodies keep clear of every operation's and
        // of the client's own.
        let mut methods = Namespace::with_reserved(CLIENT_METHODS);
        for operation in &operations {
            methods.claim(&operation.fn_name);
        }
        for operation in &mut operations {
            for alternative in &mut operation.alternatives {
                alternative.method_name = methods.claim(&alternative.method_name);
            }
        }
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
        let bodies = self.request_body(op, &hint, pointer);
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
        let (body, alternatives) = bodies.into_ir(&fn_name, &mut docs);
        Some(Operation {
            operation_id: found.operation_id.clone(),
            fn_name,
            method: found.method.to_uppercase(),
            path: found.path.to_owned(),
            path_parts,
            params,
            body,
            alternatives,
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

    /// The request body in each media type the operation accepts: the preferred one
    /// (JSON, then form, multipart, text, bytes) is the operation's body; every other
    /// that sends something else gets its own request function and client method.
    fn request_body(&mut self, op: &'a openapiv3::Operation, hint: &str, pointer: &str) -> Bodies {
        let mut bodies = Bodies::default();
        let body_pointer = child(pointer, "requestBody");
        let Some(body) = op.request_body.as_ref() else {
            return bodies;
        };
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { .. } => {
                self.error(
                    &body_pointer,
                    "a request body `$ref` that could not be resolved",
                );
                return bodies;
            }
        };
        let mut entries: Vec<(&str, &MediaType, Media)> = body
            .content
            .iter()
            .map(|(name, media)| (name.as_str(), media, classify_media(name)))
            .collect();
        if entries.is_empty() {
            self.warn(
                &body_pointer,
                "request body without content; no body is sent",
            );
            return bodies;
        }
        entries.sort_by_key(|(_, _, kind)| request_rank(*kind));
        let mut docs = Vec::new();
        docs::push_paragraph(&mut docs, body.description.as_deref().unwrap_or(""));
        // Bodies made so far, with the schema each was made from.
        let mut made: Vec<(Option<&ReferenceOr<openapiv3::Schema>>, RequestBody)> = Vec::new();
        let mut suffixes = Namespace::default();
        let mut problems = Vec::new();
        for (media_type, media, kind) in entries {
            let media_pointer = child(&child(&body_pointer, "content"), media_type);
            let same_schema = made
                .iter()
                .find(|(schema, _)| schema.is_some() && *schema == media.schema.as_ref())
                .map(|(_, made)| (made.ty.clone(), made.content_type.clone()));
            // A second body of a kind is named after its media type.
            let suffix = if made
                .iter()
                .any(|(_, earlier)| earlier.encoding == body_encoding(kind))
            {
                names::snake_name(media_type.split_once('/').map_or(media_type, |(_, s)| s))
            } else {
                media_suffix(kind).to_owned()
            };
            let type_hint = if made.is_empty() {
                format!("{hint}Body")
            } else {
                format!("{hint}{}Body", names::type_name(&suffix))
            };
            // A form or multipart body of a JSON body's schema that is no object: the
            // JSON method sends it.
            if let Some((ty, sent_as)) = &same_schema
                && matches!(kind, Media::Form | Media::Multipart)
                && !self.object_like(ty, 0)
            {
                bodies.also.push((media_type.to_owned(), sent_as.clone()));
                continue;
            }
            let lowered = self.media_body(
                (media_type, media, kind),
                &type_hint,
                &media_pointer,
                same_schema.map(|(ty, _)| ty),
            );
            let mut sent = match lowered {
                Ok(sent) => sent,
                Err(problem) => {
                    problems.push((media_pointer, problem));
                    continue;
                }
            };
            sent.required = body.required;
            sent.docs = docs.clone();
            if made.is_empty() {
                bodies.main = Some(sent.clone());
            } else if let Some((_, earlier)) =
                made.iter().find(|(_, earlier)| redundant(&sent, earlier))
            {
                bodies
                    .also
                    .push((media_type.to_owned(), earlier.content_type.clone()));
            } else {
                bodies
                    .alternatives
                    .push((suffixes.claim(&suffix), sent.clone()));
            }
            made.push((media.schema.as_ref(), sent));
        }
        let sent_none = made.is_empty();
        for (media_pointer, problem) in problems {
            if sent_none && body.required {
                self.error(
                    &media_pointer,
                    format!(
                        "{problem}, and the body is required; expected an object schema \
                         (`type: object` with `properties`), another media type, or an \
                         optional body (the operation is then generated without it)"
                    ),
                );
            } else if sent_none {
                self.warn(&media_pointer, format!("{problem}; no body is sent"));
            } else {
                self.warn(
                    &media_pointer,
                    format!("{problem}; this media type is skipped"),
                );
            }
        }
        bodies
    }

    /// The body of one media type; an error message when it cannot be sent that way.
    /// `known` is the type already made from the same schema, if any.
    fn media_body(
        &mut self,
        (media_type, media, kind): (&str, &'a MediaType, Media),
        hint: &str,
        pointer: &str,
        known: Option<TypeRef>,
    ) -> Result<RequestBody, String> {
        let schema_pointer = child(pointer, "schema");
        let schema_type = |lowerer: &mut Self| match (&media.schema, known.clone()) {
            (_, Some(ty)) => ty,
            (Some(schema), None) => lowerer.type_of(schema.into(), hint, &schema_pointer),
            (None, None) => TypeRef::Json,
        };
        let (ty, encoding) = match kind {
            Media::Json => {
                let ty = schema_type(self);
                (self.json_body_type(ty, &schema_pointer), BodyEncoding::Json)
            }
            Media::Bytes | Media::Stream => (TypeRef::Scalar(Scalar::Bytes), BodyEncoding::Bytes),
            Media::Text => (TypeRef::Scalar(Scalar::String), BodyEncoding::Text),
            Media::Form | Media::Multipart => {
                let ty = schema_type(self);
                if !self.object_like(&ty, 0) {
                    return Err(format!(
                        "`{media_type}` sends a body property by property, so the body must be \
                         an object, not {}",
                        self.kind_words(&ty)
                    ));
                }
                (ty, body_encoding(kind))
            }
        };
        let properties = match encoding {
            BodyEncoding::Form | BodyEncoding::Multipart => {
                self.property_encodings(media, pointer, &ty, encoding)
            }
            BodyEncoding::Json | BodyEncoding::Bytes | BodyEncoding::Text => Vec::new(),
        };
        let parts = match encoding {
            BodyEncoding::Multipart => self.parts(&ty, &properties),
            _ => None,
        };
        // `*/*` takes anything: JSON goes as `application/json`.
        let content_type = match media_type.trim() {
            "*/*" => "application/json",
            other => other,
        };
        Ok(RequestBody {
            ty,
            encoding,
            content_type: content_type.to_owned(),
            required: false,
            docs: Vec::new(),
            properties,
            parts,
        })
    }

    /// Whether values of a type are JSON objects (or may be: unions, any value).
    fn object_like(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Map(_) | TypeRef::Json => true,
            TypeRef::Boxed(inner) => self.object_like(inner, depth + 1),
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
                Some(def) => match &def.kind {
                    TypeKind::Struct(_) | TypeKind::Union(_) => true,
                    TypeKind::Alias(inner) => depth < 64 && self.object_like(inner, depth + 1),
                    TypeKind::Enum(_) => false,
                },
                None => false,
            },
            TypeRef::List(_) | TypeRef::Scalar(_) => false,
        }
    }

    /// The struct a type names, if it is one.
    fn body_struct(&self, ty: &TypeRef) -> Option<&crate::ir::Struct> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        match &self.types.iter().find(|t| &t.name == name)?.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// The media type's `encoding` entries.
    fn property_encodings(
        &mut self,
        media: &MediaType,
        pointer: &str,
        ty: &TypeRef,
        encoding: BodyEncoding,
    ) -> Vec<PropertyEncoding> {
        let encoding_pointer = child(pointer, "encoding");
        let known: Option<Vec<String>> = self.body_struct(ty).and_then(|s| {
            s.additional
                .is_none()
                .then(|| s.fields.iter().map(|f| f.wire_name.clone()).collect())
        });
        let mut out = Vec::new();
        for (name, entry) in &media.encoding {
            let entry_pointer = child(&encoding_pointer, name);
            if let Some(known) = &known
                && !known.contains(name)
            {
                self.warn(
                    &entry_pointer,
                    format!(
                        "`encoding` names `{name}`, which is not a property of the body; ignored"
                    ),
                );
                continue;
            }
            if entry.allow_reserved && encoding == BodyEncoding::Form {
                self.warn(
                    &child(&entry_pointer, "allowReserved"),
                    "`allowReserved` is not supported: reserved characters are percent-encoded",
                );
            }
            let style = entry.style.as_ref().map(|style| match style {
                QueryStyle::Form => FormStyle::Form,
                QueryStyle::SpaceDelimited => FormStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => FormStyle::PipeDelimited,
                QueryStyle::DeepObject => FormStyle::DeepObject,
            });
            let content_type = entry.content_type.as_deref().and_then(single_media_type);
            out.push(PropertyEncoding {
                wire_name: name.clone(),
                style,
                explode: entry.explode,
                json: content_type
                    .as_deref()
                    .is_some_and(|c| classify_media(c) == Media::Json && c != "*/*"),
                content_type,
            });
        }
        out
    }

    /// The parts of a multipart body that is one struct: one per field.
    fn parts(&self, ty: &TypeRef, properties: &[PropertyEncoding]) -> Option<Parts> {
        let body = self.body_struct(ty)?;
        let content_type = |wire_name: &str| {
            properties
                .iter()
                .find(|p| p.wire_name == wire_name)
                .and_then(|p| p.content_type.clone())
        };
        Some(Parts {
            fields: body
                .fields
                .iter()
                .map(|field| Part {
                    field: field.name.clone(),
                    wire_name: field.wire_name.clone(),
                    ty: field.ty.clone(),
                    optional: field.optional(),
                    content_type: content_type(&field.wire_name),
                })
                .collect(),
            additional: body.additional.clone(),
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
            Media::Bytes | Media::Form | Media::Multipart => ResponseBody::Bytes,
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

/// The order in which request media types are preferred for an operation's body.
fn request_rank(kind: Media) -> u8 {
    match kind {
        Media::Json => 0,
        Media::Form => 1,
        Media::Multipart => 2,
        Media::Text => 3,
        Media::Bytes | Media::Stream => 4,
    }
}

/// How a request body of this kind is encoded.
fn body_encoding(kind: Media) -> BodyEncoding {
    match kind {
        Media::Json => BodyEncoding::Json,
        Media::Form => BodyEncoding::Form,
        Media::Multipart => BodyEncoding::Multipart,
        Media::Text => BodyEncoding::Text,
        Media::Bytes | Media::Stream => BodyEncoding::Bytes,
    }
}

/// The suffix of the method that sends a body of this kind.
fn media_suffix(kind: Media) -> &'static str {
    match kind {
        Media::Json => "json",
        Media::Form => "form",
        Media::Multipart => "multipart",
        Media::Text => "text",
        Media::Bytes | Media::Stream => "bytes",
    }
}

/// An `encoding`'s `contentType` when it names one media type (not a list or a range).
fn single_media_type(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && !text.contains(',') && !text.contains('*')).then(|| text.to_owned())
}

/// Whether `body` sends nothing `earlier` does not: the same kind of body of the same
/// type, or a form or multipart body of a JSON body's type without files, which only
/// multipart can carry.
fn redundant(body: &RequestBody, earlier: &RequestBody) -> bool {
    if body.ty != earlier.ty {
        return false;
    }
    if body.encoding == earlier.encoding {
        return true;
    }
    let has_files = body.parts.as_ref().is_some_and(|parts| {
        parts.fields.iter().any(|part| {
            matches!(&part.ty, TypeRef::Scalar(Scalar::File))
                || matches!(&part.ty, TypeRef::List(inner) if **inner == TypeRef::Scalar(Scalar::File))
        })
    });
    earlier.encoding == BodyEncoding::Json
        && match body.encoding {
            BodyEncoding::Form => true,
            BodyEncoding::Multipart => !has_files,
            BodyEncoding::Json | BodyEncoding::Bytes | BodyEncoding::Text => false,
        }
}

/// An operation's request body in each media type it is sent as.
#[derive(Default)]
struct Bodies {
    /// The body of the operation's own request function and method.
    main: Option<RequestBody>,
    /// Bodies sent by methods of their own, by method suffix.
    alternatives: Vec<(String, RequestBody)>,
    /// Media types accepted that would send nothing the others do not, each with the
    /// media type that sends the same.
    also: Vec<(String, String)>,
}

impl Bodies {
    /// The operation's body and alternatives, with their methods named after the
    /// operation's `fn_name`; notes on the media types not sent go into `docs`.
    fn into_ir(
        self,
        fn_name: &str,
        docs: &mut Vec<String>,
    ) -> (Option<RequestBody>, Vec<AlternativeBody>) {
        let main_type = self.main.as_ref().map(|body| body.content_type.clone());
        for (media_type, sent_as) in &self.also {
            docs::push_paragraph(
                docs,
                &format!(
                    "The API also accepts the body as `{media_type}`; this client sends the same \
                     body as `{sent_as}`."
                ),
            );
        }
        let alternatives = self
            .alternatives
            .into_iter()
            .map(|(suffix, body)| {
                let mut method_docs = docs.clone();
                let main = main_type.as_deref().unwrap_or("");
                docs::push_paragraph(
                    &mut method_docs,
                    &format!(
                        "Sends the body as `{}`; [`Client::{fn_name}`](crate::Client::{fn_name}) \
                         sends it as `{main}`.",
                        body.content_type
                    ),
                );
                AlternativeBody {
                    method_name: format!("{fn_name}_{suffix}"),
                    request_fn: format!("request_{suffix}"),
                    body,
                    docs: method_docs,
                }
            })
            .collect();
        (self.main, alternatives)
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
        assert!(classify_media("application/x-www-form-urlencoded") == Media::Form);
        assert!(classify_media("multipart/form-data; charset=utf-8") == Media::Multipart);
    }

    #[test]
    fn encoding_content_types_name_one_media_type() {
        assert_eq!(
            single_media_type(" image/png "),
            Some("image/png".to_owned())
        );
        assert_eq!(single_media_type("image/png, image/jpeg"), None);
        assert_eq!(single_media_type("image/*"), None);
        assert_eq!(single_media_type(""), None);
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
