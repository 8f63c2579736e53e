//! An operation's parameters: where each goes, in which style, how it is passed; and the path template they fill.

use openapiv3::{Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr};

use crate::diagnostics::child;
use crate::docs;
use crate::ir::{
    Param, ParamLocation, ParamShape, ParamStyle, Passing, PathPart, Scalar, TypeDef, TypeKind,
    TypeRef,
};
use crate::lower::Lowerer;
use crate::names::{self, Namespace};

use super::{Found, Media, pick_media};

impl<'a> Lowerer<'a> {
    /// Path-item and operation parameters (the operation's win), path ones first in
    /// template order; with where each path parameter was declared, by name (also those
    /// that could not be lowered, which are reported already).
    pub(super) fn params(
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
            passing: passing(&ty, required),
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
            TypeRef::Scalar(Scalar::Bytes | Scalar::DateTime | Scalar::Date | Scalar::Base64) => {
                false
            }
            TypeRef::Scalar(_) | TypeRef::Json => true,
            TypeRef::Tuple(items) => items
                .iter()
                .all(|item| self.serializable(&item.ty, depth + 1)),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                self.serializable(inner, depth + 1)
            }
            TypeRef::Named(name) => match self.types.get(name) {
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
    pub(super) fn path_parts(
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
}

/// How a parameter of type `ty` is passed: an optional one in the operation's struct of
/// optional parameters; a required one by value when it is a small `Copy` scalar, else
/// by reference (a string as `&str`, a list as a slice).
pub(super) fn passing(ty: &TypeRef, required: bool) -> Passing {
    match ty {
        _ if !required => Passing::Optional,
        TypeRef::Scalar(Scalar::String) => Passing::Str,
        TypeRef::List(_) => Passing::Slice,
        TypeRef::Scalar(scalar)
            if !matches!(
                scalar,
                Scalar::String | Scalar::Bytes | Scalar::File | Scalar::Base64
            ) =>
        {
            Passing::Value
        }
        _ => Passing::Ref,
    }
}

/// The `{name}`s of a path template, in order.
pub(super) fn template_names(path: &str) -> Vec<&str> {
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
    fn template_names_in_order() {
        assert_eq!(template_names("/v2/{a}/x/{b}"), ["a", "b"]);
    }
}
