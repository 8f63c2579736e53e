//! Paths and operations → [`Operation`]s: each operation found, named and lowered by
//! concern, or skipped with why when it cannot be generated.
//!
//! - [`parameters`]: path, query, header and cookie parameters and the path template;
//! - [`bodies`]: the request body in each media type the operation accepts;
//! - [`responses`]: what successes and declared errors decode into;
//! - [`security`]: the security schemes and what each operation requires;
//! - [`streaming`]: success responses read as server-sent events;
//! - [`pagination`]: listings read page after page;
//! - this module: finding the operations, naming them, and assembling each.

mod bodies;
mod pagination;
mod parameters;
mod responses;
mod security;
mod streaming;

pub(in crate::lower) use security::{credentials, mark_used};

use std::collections::BTreeMap;

use openapiv3::{MediaType, Parameter, ReferenceOr, Server};

use crate::diagnostics::{child, skipped_operation};
use crate::docs;
use crate::ir::{
    HttpMethod, Operation, ParamLocation, ParamsStruct, Passing, SecurityScheme, StatusKey,
};
use crate::lower::Lowerer;
use crate::names::{self, Namespace, RustName};

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
pub(super) enum Media {
    Json,
    Text,
    Bytes,
    Stream,
    Form,
    Multipart,
}

pub(super) fn classify_media(media_type: &str) -> Media {
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
pub(super) fn pick_media(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&str, &MediaType, Media)> {
    content
        .iter()
        .map(|(name, media)| (name.as_str(), media, classify_media(name)))
        .min_by_key(|(_, _, kind)| *kind)
}

/// An operation found in `paths`, before lowering.
struct Found<'s> {
    /// Its unique Rust name, once given (see `name_operations`).
    fn_name: Option<RustName>,
    operation_id: String,
    path: &'s str,
    method: &'s str,
    item: &'s openapiv3::PathItem,
    operation: &'s openapiv3::Operation,
    pointer: String,
}

impl<'a> Lowerer<'a> {
    pub(in crate::lower) fn operations(&mut self, schemes: &[SecurityScheme]) -> Vec<Operation> {
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
                    fn_name: None,
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
        for id in self.options.renames.operations.keys() {
            if !found.iter().any(|op| op.operation_id == *id) {
                self.warn(
                    "/paths",
                    format!(
                        "the settings rename the operation `{id}`, but no operation has that \
                         operationId; nothing is renamed"
                    ),
                );
            }
        }
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
        let mut methods = Namespace::with_reserved(names::CLIENT_METHODS);
        for operation in &operations {
            methods.claim(&operation.fn_name);
        }
        for operation in &mut operations {
            for alternative in &mut operation.alternatives {
                alternative.method_name = methods.claim(&alternative.method_name);
            }
            if let Some(streaming) = &mut operation.streaming
                && !streaming.replaces_main
            {
                streaming.method_name = methods.claim(&streaming.method_name);
            }
            if let Some(pagination) = &mut operation.pagination {
                pagination.method_name = methods.claim(&pagination.method_name);
            }
        }
        operations
    }

    /// What an operation is named after: its `operationId`, or the name the settings
    /// give it instead.
    fn naming_id<'s>(&'s self, operation_id: &'s str) -> &'s str {
        self.options
            .renames
            .operations
            .get(operation_id)
            .map_or(operation_id, String::as_str)
    }

    /// Gives each operation its Rust name. Operation ids should be unique, also once
    /// turned into Rust names; when they are not, the later ones (by id, path and
    /// method) get a number, with a warning.
    fn name_operations(&mut self, found: &mut [Found<'_>]) {
        let mut names = Namespace::with_reserved(&[]);
        // The first holder of each name, to say what a numbered one collides with.
        let mut holders: BTreeMap<RustName, (String, String)> = BTreeMap::new();
        for op in found.iter_mut() {
            let wanted = names::operation_name(self.naming_id(&op.operation_id));
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
            op.fn_name = Some(name);
        }
    }

    fn operation(&mut self, found: &Found<'a>, schemes: &[SecurityScheme]) -> Option<Operation> {
        let op = found.operation;
        let pointer = &found.pointer;
        let fn_name = found
            .fn_name
            .clone()
            .unwrap_or_else(|| names::operation_name(self.naming_id(&found.operation_id)));
        let hint = names::type_name(self.naming_id(&found.operation_id)).to_string();
        // Names the generated functions use themselves; the request body and the optional
        // parameters are passed as `body` and `params` (reserved only when they may be
        // there, so other operations keep their parameters' plain names).
        let mut reserved = names::OPERATION_ARGUMENTS.to_vec();
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
        // The summary is the title of the module and of a streaming method; without one,
        // the request line comes first (the operationId would only restate their names).
        let title = op.summary.as_deref().filter(|s| !s.trim().is_empty());
        docs::push_paragraph(&mut module_docs, title.unwrap_or(""));
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
        let (mut streaming, stream_flag) =
            self.streaming(op, &hint, pointer, &fn_name, &success, body.as_ref());
        if let Some(streaming) = &mut streaming {
            // The module's functions keep clear of the alternative bodies' request
            // functions (`request_<media type>`).
            let mut functions = Namespace::default();
            for alternative in &alternatives {
                functions.claim(&alternative.request_fn);
            }
            if !streaming.replaces_main {
                streaming.request_fn = functions.claim(&streaming.request_fn);
            }
            let mut method_docs = if streaming.replaces_main {
                docs.clone()
            } else {
                let mut summary = Vec::new();
                docs::push_paragraph(&mut summary, title.unwrap_or(&request_line));
                summary
            };
            let behaviour = std::mem::take(&mut streaming.docs);
            if !method_docs.is_empty() && !behaviour.is_empty() {
                method_docs.push(String::new());
            }
            method_docs.extend(behaviour);
            streaming.docs = method_docs;
        }
        if let (Some(streaming), Some(flag)) = (&streaming, &stream_flag)
            && !streaming.replaces_main
        {
            docs::push_paragraph(
                &mut docs,
                &format!(
                    "The body's `{}` is sent as `false`: [`Client::{}`](crate::Client::{}) \
                     streams the response.",
                    flag.field.bare(),
                    streaming.method_name,
                    streaming.method_name
                ),
            );
        }
        let pagination = self.pagination(found, &params, &success, &fn_name);
        if let Some(pagination) = &pagination {
            docs::push_paragraph(
                &mut docs,
                &format!(
                    "[`Client::{}`](crate::Client::{}) reads every page.",
                    pagination.method_name, pagination.method_name
                ),
            );
        }
        if let Some(url) = &server {
            docs::push_paragraph(
                &mut docs,
                &format!(
                    "Sent to its own server, `{url}`, unless the client redirects it \
                     (`ClientBuilder::server_base_url`, or `ClientBuilder::base_url` for every \
                     operation)."
                ),
            );
        }
        let idempotency_header = params
            .iter()
            .find(|param| {
                param.location == ParamLocation::Header
                    && matches!(
                        param.wire_name.to_ascii_lowercase().as_str(),
                        "idempotency-key" | "x-idempotency-key"
                    )
            })
            .map(|param| param.wire_name.to_ascii_lowercase());
        let params_struct = params
            .iter()
            .any(|param| param.passing == Passing::Optional)
            .then(|| ParamsStruct {
                name: names::fixed::params_struct(),
                argument: names::fixed::params_argument(),
            });
        let security = security
            .iter()
            .map(|requirement| {
                requirement
                    .iter()
                    .filter_map(|name| {
                        schemes
                            .iter()
                            .find(|s| &s.name == name)
                            .map(|s| s.const_name.clone())
                    })
                    .collect()
            })
            .collect();
        Some(Operation {
            operation_id: found.operation_id.clone(),
            fn_name,
            method: HttpMethod::from_key(found.method).unwrap_or(HttpMethod::Get),
            path: found.path.to_owned(),
            path_parts,
            params,
            body,
            alternatives,
            success,
            error_set: names::error_set_const(
                &errors.iter().map(StatusKey::to_string).collect::<Vec<_>>(),
            ),
            errors,
            error_body,
            security,
            body_argument: names::fixed::body_argument(),
            params_struct,
            server,
            streaming,
            stream_flag,
            pagination,
            idempotency_header,
            docs,
            module_docs,
            deprecated: op.deprecated,
            tag: op.tags.first().cloned(),
            // Decided once every operation and type is (see `features`).
            gate: Default::default(),
        })
    }
}

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
