//! insta snapshots of each fixture's IR, in a compact text form: what lowering decided
//! (names, types, adapters, how each parameter is passed and written, what each status
//! decodes into), reviewable apart from how emit prints it. Docs are left out; the
//! output snapshots show them.

mod common;

use std::fmt::Write as _;

use generator::ir::{
    Api, BodyEncoding, ErrorBody, EventData, Gate, ItemsAccess, Operation, PathPart,
    PayloadEncoding, RequestBody, ResponseBody, Success, Tagging, TypeDef, TypeKind, Webhook,
};

/// One line per decision, indented under its type or operation.
fn dump(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "api {:?} {:?}: base URL {:?}, token from {}",
        api.title, api.version, api.default_base_url, api.token_env
    );
    if let Some(license) = &api.license {
        let _ = writeln!(
            out,
            "license {:?}, identifier {:?}, url {:?}",
            license.name, license.identifier, license.url
        );
    }
    for scheme in &api.security_schemes {
        let primary = if api.primary_scheme.as_ref() == Some(&scheme.name) {
            " (primary)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "scheme {:?} = {}: {:?}, set by {}, from {}{primary}",
            scheme.name, scheme.const_name, scheme.kind, scheme.setter, scheme.env_var
        );
    }
    if let Some(error) = &api.common_error {
        let _ = writeln!(out, "result error {error}");
    }
    for set in &api.error_sets {
        let statuses: Vec<String> = set.statuses.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "errors {} = [{}]", set.const_name, statuses.join(", "));
    }
    for def in &api.types {
        type_def(&mut out, def);
    }
    for op in &api.operations {
        operation(&mut out, op);
    }
    for webhook in &api.webhooks {
        webhook_line(&mut out, webhook);
    }
    features(&mut out, api);
    out
}

/// The features per tag, and what each item is compiled with.
fn features(out: &mut String, api: &Api) {
    if api.features.is_empty() {
        return;
    }
    for feature in &api.features {
        let _ = writeln!(
            out,
            "feature {} = tag {:?} ({} operations)",
            feature.name, feature.tag, feature.operations
        );
    }
    let gate = |gate: &Gate| match gate {
        Gate::Always => "always".to_owned(),
        Gate::AnyOf(features) => features.join(" | "),
    };
    for def in &api.types {
        let _ = writeln!(out, "  type {}: {}", def.name, gate(&def.gate));
    }
    for op in &api.operations {
        let _ = writeln!(out, "  operation {}: {}", op.fn_name, gate(&op.gate));
    }
    for set in &api.error_sets {
        let _ = writeln!(out, "  errors {}: {}", set.const_name, gate(&set.gate));
    }
}

fn webhook_line(out: &mut String, webhook: &Webhook) {
    let encoding = match webhook.payload.encoding {
        PayloadEncoding::Json => "JSON",
        PayloadEncoding::Text => "text",
        PayloadEncoding::Bytes => "bytes",
    };
    let deprecated = if webhook.deprecated {
        " (deprecated)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "webhook {} = {:?}: {} with {} as {encoding} {:?}{deprecated}",
        webhook.fn_name,
        webhook.name,
        webhook.method.as_str(),
        webhook.payload.ty,
        webhook.payload.content_type
    );
}

fn type_def(out: &mut String, def: &TypeDef) {
    let directions = match (def.directions.sent, def.directions.received) {
        (true, true) => "both ways",
        (true, false) => "sent",
        (false, true) => "received",
        (false, false) => "unused",
    };
    let deprecated = if def.deprecated { ", deprecated" } else { "" };
    match &def.kind {
        TypeKind::Struct(s) => {
            let default = if s.default { ", Default" } else { "" };
            let new = if s.new_arguments.is_empty() {
                String::new()
            } else {
                let arguments: Vec<String> = s
                    .new_arguments
                    .iter()
                    .map(|&i| s.fields[i].name.to_string())
                    .collect();
                format!(", new({})", arguments.join(", "))
            };
            let _ = writeln!(
                out,
                "struct {} ({directions}{default}{new}{deprecated})",
                def.name
            );
            for field in &s.fields {
                let mut notes = Vec::new();
                if field.required {
                    notes.push("required".to_owned());
                }
                if field.nullable {
                    notes.push("nullable".to_owned());
                }
                if field.deprecated {
                    notes.push("deprecated".to_owned());
                }
                if let Some(adapter) = &field.adapter {
                    notes.push(format!("via {adapter:?}"));
                }
                let _ = writeln!(
                    out,
                    "  {} {:?}: {} [{}] local {}",
                    field.name,
                    field.wire_name,
                    field.ty,
                    notes.join(", "),
                    field.local
                );
            }
            if let Some(extra) = &s.additional {
                let which = if extra.declared {
                    "declared other properties"
                } else {
                    "undeclared properties"
                };
                let _ = writeln!(out, "  {}: {which} of {}", extra.name, extra.ty);
            }
        }
        TypeKind::Enum(e) => {
            let values: Vec<String> = e
                .variants
                .iter()
                .map(|v| format!("{}={:?}", v.name, v.value))
                .collect();
            let default = e
                .default
                .map(|i| format!(", default {}", e.variants[i].name))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "enum {} ({directions}{deprecated}{default}): {}, other {}",
                def.name,
                values.join(" "),
                e.other
            );
        }
        TypeKind::Union(u) => {
            let tagging = match &u.tagging {
                Tagging::Internal { property } => format!("tagged by {property:?}"),
                Tagging::Untagged => "untagged".to_owned(),
            };
            let display = if u.display { ", Display" } else { "" };
            let _ = writeln!(
                out,
                "union {} ({directions}{deprecated}, {tagging}{display})",
                def.name
            );
            for variant in &u.variants {
                let tags = if variant.tags.is_empty() {
                    String::new()
                } else {
                    format!(" tags {:?}", variant.tags)
                };
                let adapter = variant
                    .adapter
                    .as_ref()
                    .map(|a| format!(" via {a:?}"))
                    .unwrap_or_default();
                let from = if variant.from { ", From" } else { "" };
                let shape = match u.tagging {
                    Tagging::Untagged => format!(" shape {:?}", variant.shape),
                    Tagging::Internal { .. } => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {}({}){tags}{adapter}{from}{shape}",
                    variant.name, variant.ty
                );
            }
            if let Some(other) = &u.other {
                let _ = writeln!(out, "  {other}(any value with another tag)");
            }
        }
        TypeKind::Alias(ty) => {
            let _ = writeln!(out, "alias {} = {ty} ({directions}{deprecated})", def.name);
        }
        TypeKind::External(external) => {
            let _ = writeln!(
                out,
                "external {} = {} (format {:?})",
                def.name,
                external.path.join("::"),
                external.format
            );
        }
    }
}

fn body(out: &mut String, label: &str, body: &RequestBody) {
    let encoding = match body.encoding {
        BodyEncoding::Json => "JSON",
        BodyEncoding::Bytes => "bytes",
        BodyEncoding::Text => "text",
        BodyEncoding::Form => "form",
        BodyEncoding::Multipart => "multipart",
    };
    let required = if body.required { " required" } else { "" };
    let _ = writeln!(
        out,
        "  {label}: {} as {encoding} {:?}{required}",
        body.ty, body.content_type
    );
    for property in &body.properties {
        let _ = writeln!(out, "    encoding {property:?}");
    }
    if let Some(parts) = &body.parts {
        for part in &parts.fields {
            let _ = writeln!(
                out,
                "    part {:?} from {}: {}{}",
                part.wire_name,
                part.field,
                part.ty,
                if part.optional { " (optional)" } else { "" }
            );
        }
    }
}

fn response(body: &ResponseBody) -> String {
    match body {
        ResponseBody::Json(ty) => format!("JSON {ty}"),
        other => format!("{other:?}"),
    }
}

fn operation(out: &mut String, op: &Operation) {
    let path: String = op
        .path_parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(index) => format!("{{{}}}", op.params[*index].name),
        })
        .collect();
    let deprecated = if op.deprecated { " (deprecated)" } else { "" };
    let _ = writeln!(
        out,
        "operation {} = {:?}: {} {path}{deprecated}",
        op.fn_name,
        op.operation_id,
        op.method.as_str()
    );
    for param in &op.params {
        let _ = writeln!(
            out,
            "  param {} {:?} in {:?}: {} as {:?}, {:?} explode {}{}, passed {:?}",
            param.name,
            param.wire_name,
            param.location,
            param.ty,
            param.shape,
            param.style,
            param.explode,
            if param.allow_reserved {
                ", reserved allowed"
            } else {
                ""
            },
            param.passing
        );
    }
    if let Some(params) = &op.params_struct {
        let _ = writeln!(
            out,
            "  optional parameters: {} {}",
            params.argument, params.name
        );
    }
    if let Some(main) = &op.body {
        body(out, &format!("body {}", op.body_argument), main);
    }
    for alternative in &op.alternatives {
        body(
            out,
            &format!(
                "also {} / {}",
                alternative.method_name, alternative.request_fn
            ),
            &alternative.body,
        );
    }
    match &op.success {
        Success::Single { statuses, body } => {
            let statuses: Vec<String> = statuses.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "  success [{}]: {}",
                statuses.join(", "),
                response(body)
            );
        }
        Success::Several { name, variants } => {
            let _ = writeln!(out, "  success enum {name}");
            for variant in variants {
                let _ = writeln!(
                    out,
                    "    {} = {}: {}",
                    variant.name,
                    variant.status,
                    response(&variant.body)
                );
            }
        }
    }
    let errors: Vec<String> = op.errors.iter().map(ToString::to_string).collect();
    let error_body = match &op.error_body {
        ErrorBody::None => "no body".to_owned(),
        ErrorBody::Json(ty) => format!("JSON {ty}"),
        ErrorBody::Several { name, variants } => {
            let variants: Vec<String> = variants
                .iter()
                .map(|v| {
                    let statuses: Vec<String> =
                        v.statuses.iter().map(ToString::to_string).collect();
                    format!("{}({}) for {}", v.name, v.ty, statuses.join("/"))
                })
                .collect();
            format!("enum {name}: {}", variants.join(", "))
        }
    };
    let _ = writeln!(
        out,
        "  errors {} [{}]: {error_body}",
        op.error_set,
        errors.join(", ")
    );
    if !op.security.is_empty() {
        let alternatives: Vec<String> = op
            .security
            .iter()
            .map(|schemes| {
                schemes
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect();
        let _ = writeln!(out, "  security {}", alternatives.join(" or "));
    }
    if let Some(server) = &op.server {
        let _ = writeln!(out, "  server {server:?}");
    }
    if let Some(streaming) = &op.streaming {
        let data = match &streaming.data {
            EventData::Json(ty) => format!("JSON {ty}"),
            EventData::Text => "text".to_owned(),
        };
        let statuses: Vec<String> = streaming.statuses.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "  streams {} via {}/{}/{}{}: events of {data} for [{}]",
            streaming.method_name,
            streaming.request_fn,
            streaming.response_fn,
            streaming.events_fn,
            if streaming.replaces_main {
                " (the main method)"
            } else {
                ""
            },
            statuses.join(", ")
        );
    }
    if let Some(flag) = &op.stream_flag {
        let optional = if flag.optional { " (optional)" } else { "" };
        let _ = writeln!(out, "  stream flag {}{optional}", flag.field);
    }
    if let Some(pagination) = &op.pagination {
        let items = match &pagination.items {
            ItemsAccess::Body => "the body".to_owned(),
            ItemsAccess::Field { name, optional } => {
                format!("field {name}{}", if *optional { " (optional)" } else { "" })
            }
        };
        let _ = writeln!(
            out,
            "  pages {} ({}, {}): items {:?} from {items}: {}; next {:?}",
            pagination.method_name,
            pagination.items_fn,
            pagination.paging_const,
            pagination.items_path,
            pagination.item_ty,
            pagination.next
        );
        if pagination.declared {
            let _ = writeln!(out, "    declared by x-rust-pagination");
        }
    }
    if let Some(header) = &op.idempotency_header {
        let _ = writeln!(out, "  idempotency key in {header:?}");
    }
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.{yaml,json}", |path| {
        let relative = path
            .strip_prefix(common::crate_dir())
            .unwrap_or(path)
            .to_path_buf();
        let api = common::lowered(&relative)
            .unwrap_or_else(|errors| panic!("{} does not lower:\n{errors}", relative.display()));
        insta::assert_snapshot!(dump(&api));
    });
}
