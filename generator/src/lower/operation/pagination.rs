//! Paginated listings, detected from the spec alone or declared by the operation's
//! `x-rust-pagination` extension: which parameter selects the page, where the items
//! are, and how the next page is found (see `runtime::pages::Next`).
//!
//! Detection looks at `GET` operations whose success is a JSON body with a list (the body
//! itself, or one list property at its top) and recognizes, in this order:
//!
//! 1. the `Link` header (RFC 8288) declared on the success response, with a page, cursor
//!    or offset parameter;
//! 2. a cursor: a `cursor`/`after`/`page_token`/… parameter and a `next_cursor`/
//!    `next_page_token`/`last_id`/… property (and a `has_more` one, if any, that ends it);
//! 3. the last item's ID: a `starting_after`/`after` parameter, a boolean `has_more`
//!    property and items with an `id`;
//! 4. a page number: a `page` parameter with a `next` link property (as in
//!    `links.pages.next`) or a `total` property (as in `meta.total`); a page-size
//!    parameter (`per_page`, `page_size`, `limit`, …) is kept as the caller sets it;
//! 5. an offset: an `offset`/`skip` parameter with a `limit`-like one;
//! 6. without any such parameter, a `next` link property alone: its query asks for the
//!    next page.
//!
//! Properties are found through `$ref`s, `allOf` and `anyOf`/`oneOf` members, at most
//! four levels deep, the shallowest first.

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use crate::diagnostics::child;
use crate::docs;
use crate::ir::{
    ItemsAccess, PageNext, Pagination, Param, ParamLocation, ResponseBody, Success, TypeKind,
    TypeRef,
};
use crate::lower::Lowerer;
use crate::lower::schema::{SchemaRef, View};
use crate::names::{self, RustName};

use super::{Found, Media, classify_media};

/// The extension declaring (or, as `false`, refusing) an operation's pagination.
pub const EXTENSION: &str = "x-rust-pagination";

const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pagetoken",
    "next_token",
    "nexttoken",
    "continuation_token",
    "continuationtoken",
    "page_cursor",
    "after",
];
const CURSOR_PROPERTIES: &[&str] = &[
    "next_cursor",
    "last_id",
    "lastid",
    "nextcursor",
    "next_page_token",
    "nextpagetoken",
    "next_token",
    "nexttoken",
    "continuation_token",
    "continuationtoken",
    "end_cursor",
    "endcursor",
];
const AFTER_PARAMS: &[&str] = &["starting_after", "startingafter", "after", "after_id"];
const HAS_MORE: &[&str] = &["has_more", "hasmore"];
const PAGE_PARAMS: &[&str] = &["page", "page_number", "pagenumber"];
const SIZE_PARAMS: &[&str] = &[
    "per_page",
    "perpage",
    "page_size",
    "pagesize",
    "limit",
    "size",
    "count",
];
const OFFSET_PARAMS: &[&str] = &["offset", "skip", "start"];
const LIMIT_PARAMS: &[&str] = &[
    "limit",
    "count",
    "size",
    "per_page",
    "page_size",
    "pagesize",
    "max",
    "top",
];
const NEXT_LINKS: &[&str] = &[
    "next",
    "next_url",
    "nexturl",
    "next_page_url",
    "nextpageurl",
];
const TOTALS: &[&str] = &[
    "total",
    "total_count",
    "totalcount",
    "total_items",
    "totalitems",
    "total_results",
    "totalresults",
];
const ITEM_NAMES: &[&str] = &["items", "data", "results", "entries", "values", "records"];

/// A property found in a response schema: its path and schema.
type Located<'a> = (Vec<String>, &'a Schema);

impl<'a> Lowerer<'a> {
    /// How `found` is paginated, if it is.
    pub(super) fn pagination(
        &mut self,
        found: &Found<'a>,
        params: &[Param],
        success: &Success,
        fn_name: &RustName,
    ) -> Option<Pagination> {
        let op = found.operation;
        let at = child(&found.pointer, EXTENSION);
        let declared = op.extensions.get(EXTENSION);
        if matches!(declared, Some(Value::Bool(false))) {
            return None;
        }
        if declared.is_none() && found.method != "get" {
            return None;
        }
        let Success::Single {
            body: ResponseBody::Json(body_ty),
            ..
        } = success
        else {
            if declared.is_some() {
                self.warn(
                    &at,
                    "pagination needs a JSON success response; the operation is not paginated",
                );
            }
            return None;
        };
        let schema = self.success_schema(op);
        let query: Vec<&str> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .map(|p| p.wire_name.as_str())
            .collect();
        let (items_path, next) = match declared {
            Some(value) => match self.declared_pagination(value, &query, found) {
                Ok(declared) => declared,
                Err(problem) => {
                    self.warn(&at, format!("{problem}; the operation is not paginated"));
                    return None;
                }
            },
            None => {
                let schema = schema?;
                let items_path = self.items_path(schema)?;
                let next = self.detect_next(found, schema, &items_path, &query)?;
                (items_path, next)
            }
        };
        let Some((items, item_ty)) = self.items_access(body_ty, &items_path) else {
            if declared.is_some() {
                self.warn(
                    &at,
                    format!(
                        "the items (`{}`) are not a list property at the top of the response \
                         body's type; the operation is not paginated",
                        items_path.join(".")
                    ),
                );
            }
            return None;
        };
        let mut pagination_docs = Vec::new();
        docs::push_paragraph(
            &mut pagination_docs,
            op.summary.as_deref().unwrap_or(fn_name.bare()),
        );
        docs::push_paragraph(
            &mut pagination_docs,
            &format!(
                "Every page of [`Client::{fn_name}`](crate::Client::{fn_name}), as a stream \
                 ([`Pages`](crate::runtime::Pages)); `.items()` streams the items of all the \
                 pages instead. The first request is the one `{fn_name}` sends with the same \
                 arguments; a page is fetched only when the stream is read past the previous \
                 one. {} The caller's page size and other parameters are kept. The stream \
                 ends after the last page, or with the first error; a next page that was \
                 already fetched ends it with `Error::RepeatedPage`.",
                describe(&next)
            ),
        );
        Some(Pagination {
            method_name: names::pages_method(fn_name),
            items_fn: names::fixed::items_fn(),
            paging_const: names::fixed::paging_const(),
            items_path,
            items,
            item_ty,
            next,
            declared: declared.is_some(),
            docs: pagination_docs,
        })
    }

    /// The schema of the first 2xx JSON response.
    fn success_schema(&self, op: &'a openapiv3::Operation) -> Option<&'a Schema> {
        op.responses
            .responses
            .iter()
            .filter(|(code, _)| {
                matches!(code, openapiv3::StatusCode::Code(200..=299))
                    || matches!(code, openapiv3::StatusCode::Range(2))
            })
            .find_map(|(_, response)| {
                let ReferenceOr::Item(response) = response else {
                    return None;
                };
                let (_, media) = response
                    .content
                    .iter()
                    .find(|(name, _)| classify_media(name) == Media::Json)?;
                self.schema_of(media.schema.as_ref()?.into())
            })
    }

    /// The schema a schema position stands for, through `$ref`s.
    fn schema_of(&self, mut schema: SchemaRef<'a>) -> Option<&'a Schema> {
        for _ in 0..16 {
            match schema {
                SchemaRef::Item(schema) => return Some(schema),
                SchemaRef::Ref(reference) => {
                    let key = self.component_key(reference)?;
                    schema = self.schemas()?.get(&key)?.into();
                }
            }
        }
        None
    }

    /// The properties of `schema`, through `allOf`, `oneOf` and `anyOf` members.
    fn properties_of(
        &self,
        schema: &'a Schema,
        depth: usize,
        out: &mut Vec<(&'a str, &'a Schema)>,
    ) {
        if depth > 6 {
            return;
        }
        let view = View::of(schema);
        if let Some(properties) = view.properties {
            for (name, property) in properties {
                if let Some(property) = self.schema_of(property.into()) {
                    out.push((name, property));
                }
            }
        }
        for member in view.all_of.iter().chain(view.one_of).chain(view.any_of) {
            if let Some(member) = self.schema_of(member.into()) {
                self.properties_of(member, depth + 1, out);
            }
        }
    }

    /// The shallowest property (at most four levels deep) whose name, without case, is
    /// one of `names` and whose schema fits `fits`.
    fn find_property(
        &self,
        schema: &'a Schema,
        names: &[&str],
        fits: fn(&View<'_>) -> bool,
    ) -> Option<Located<'a>> {
        let mut level: Vec<(Vec<String>, &'a Schema)> = vec![(Vec::new(), schema)];
        for _ in 0..4 {
            let mut next = Vec::new();
            for (path, schema) in &level {
                let mut properties = Vec::new();
                self.properties_of(schema, 0, &mut properties);
                for (name, property) in properties {
                    let mut path = path.clone();
                    path.push(name.to_owned());
                    if names.contains(&name.to_ascii_lowercase().as_str())
                        && fits(&View::of(property))
                    {
                        return Some((path, property));
                    }
                    next.push((path, property));
                }
            }
            level = next;
        }
        None
    }

    /// Where a listing's items are: the body when it is a list, else its one list
    /// property at the top (or the one named like `items`/`data` among several).
    fn items_path(&self, schema: &'a Schema) -> Option<Vec<String>> {
        if View::of(schema).ty == Some("array") {
            return Some(Vec::new());
        }
        let mut properties = Vec::new();
        self.properties_of(schema, 0, &mut properties);
        let lists: Vec<&str> = properties
            .iter()
            .filter(|(_, property)| View::of(property).ty == Some("array"))
            .map(|(name, _)| *name)
            .collect();
        // Among several lists, the one named like a listing's, else the one list of
        // objects (the others list, say, the values a filter takes).
        let named = lists
            .iter()
            .find(|name| ITEM_NAMES.contains(&name.to_ascii_lowercase().as_str()));
        let of_objects: Vec<&str> = properties
            .iter()
            .filter(|(name, property)| lists.contains(name) && self.lists_objects(property))
            .map(|(name, _)| *name)
            .collect();
        match (lists.as_slice(), named, of_objects.as_slice()) {
            ([one], _, _) | (_, Some(one), _) | (_, None, [one]) => Some(vec![(*one).to_owned()]),
            _ => None,
        }
    }

    /// Whether the list `schema` holds objects.
    fn lists_objects(&self, schema: &'a Schema) -> bool {
        let Some(item) = View::of(schema)
            .items
            .and_then(|item| self.schema_of(item.into()))
        else {
            return false;
        };
        let view = View::of(item);
        view.ty == Some("object") || view.has_properties() || !view.all_of.is_empty()
    }

    /// How the next page is found, detected from the parameters and the response.
    fn detect_next(
        &self,
        found: &Found<'a>,
        schema: &'a Schema,
        items_path: &[String],
        query: &[&str],
    ) -> Option<PageNext> {
        let param = |names: &[&str]| {
            query
                .iter()
                .find(|name| names.contains(&name.to_ascii_lowercase().as_str()))
                .map(|name| (*name).to_owned())
        };
        let is_string = |view: &View<'_>| view.ty == Some("string");
        let is_number = |view: &View<'_>| matches!(view.ty, Some("integer" | "number"));
        let is_scalar = |view: &View<'_>| matches!(view.ty, Some("string" | "integer" | "number"));
        let is_bool = |view: &View<'_>| view.ty == Some("boolean");
        let paged = param(PAGE_PARAMS)
            .or_else(|| param(CURSOR_PARAMS))
            .or_else(|| param(OFFSET_PARAMS))
            .or_else(|| param(AFTER_PARAMS));
        if paged.is_some() && self.declares_link_header(found.operation) {
            return Some(PageNext::LinkHeader);
        }
        let has_more = self
            .find_property(schema, HAS_MORE, is_bool)
            .map(|(path, _)| path);
        if let Some(param) = param(CURSOR_PARAMS)
            && let Some((cursor, _)) = self.find_property(schema, CURSOR_PROPERTIES, is_scalar)
        {
            return Some(PageNext::Cursor {
                param,
                cursor,
                has_more,
            });
        }
        if let Some(param) = param(AFTER_PARAMS)
            && let Some(has_more) = has_more
            && self.items_have_id(schema, items_path)
        {
            return Some(PageNext::AfterLastItem {
                param,
                has_more,
                id: "id".to_owned(),
            });
        }
        let total = self
            .find_property(schema, TOTALS, is_number)
            .map(|(path, _)| path);
        if let Some(page) = param(PAGE_PARAMS) {
            let link = self
                .find_property(schema, NEXT_LINKS, is_string)
                .map(|(path, _)| path);
            if link.is_none() && total.is_none() {
                return None;
            }
            return Some(PageNext::PageNumber {
                first: self.first_page(found, &page),
                page,
                size: param(SIZE_PARAMS),
                link,
                total,
            });
        }
        if let Some(offset) = param(OFFSET_PARAMS)
            && let Some(limit) = param(LIMIT_PARAMS)
        {
            return Some(PageNext::Offset {
                offset,
                limit: Some(limit),
                total,
            });
        }
        if paged.is_none()
            && let Some((link, _)) = self.find_property(schema, NEXT_LINKS, is_string)
        {
            return Some(PageNext::NextLink { link });
        }
        None
    }

    /// Whether a success response declares a `Link` header.
    fn declares_link_header(&self, op: &'a openapiv3::Operation) -> bool {
        op.responses.responses.iter().any(|(code, response)| {
            matches!(code, openapiv3::StatusCode::Code(200..=299))
                && matches!(response, ReferenceOr::Item(response)
                    if response.headers.keys().any(|name| name.eq_ignore_ascii_case("link")))
        })
    }

    /// Whether the items at `items_path` have an `id` property.
    fn items_have_id(&self, schema: &'a Schema, items_path: &[String]) -> bool {
        let list = if items_path.is_empty() {
            Some(schema)
        } else {
            let mut properties = Vec::new();
            self.properties_of(schema, 0, &mut properties);
            properties
                .into_iter()
                .find(|(name, _)| Some(*name) == items_path.first().map(String::as_str))
                .map(|(_, list)| list)
        };
        let Some(item) = list
            .and_then(|list| View::of(list).items)
            .and_then(|item| self.schema_of(item.into()))
        else {
            return false;
        };
        let mut properties = Vec::new();
        self.properties_of(item, 0, &mut properties);
        properties.iter().any(|(name, _)| *name == "id")
    }

    /// The first page's number: the page parameter's default, else 1.
    fn first_page(&self, found: &Found<'a>, page: &str) -> i64 {
        found
            .item
            .parameters
            .iter()
            .chain(&found.operation.parameters)
            .filter_map(|parameter| match parameter {
                ReferenceOr::Item(parameter) => Some(parameter.parameter_data_ref()),
                ReferenceOr::Reference { .. } => None,
            })
            .find(|data| data.name == page)
            .and_then(|data| match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    self.schema_of(schema.into())
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => None,
            })
            .and_then(|schema| schema.schema_data.default.as_ref())
            .and_then(Value::as_i64)
            .unwrap_or(1)
    }

    /// How the items at `path` are taken from a body of type `ty`, and their type.
    fn items_access(&self, ty: &TypeRef, path: &[String]) -> Option<(ItemsAccess, TypeRef)> {
        let ty = self.unalias(ty);
        match (path, ty) {
            ([], TypeRef::List(item)) => Some((ItemsAccess::Body, (*item).clone())),
            ([name], TypeRef::Named(type_name)) => {
                let def = self.types.get(&type_name)?;
                let TypeKind::Struct(body) = &def.kind else {
                    return None;
                };
                let field = body.fields.iter().find(|f| f.wire_name == *name)?;
                match self.unalias(&field.ty) {
                    TypeRef::List(item) => Some((
                        ItemsAccess::Field {
                            name: field.name.clone(),
                            optional: field.optional(),
                        },
                        (*item).clone(),
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The type an alias or a box stands for (a named type that is a list is not itself
    /// a list, so only the body's own type is looked through).
    fn unalias(&self, ty: &TypeRef) -> TypeRef {
        let mut ty = ty.clone();
        for _ in 0..16 {
            ty = match &ty {
                TypeRef::Boxed(inner) => (**inner).clone(),
                _ => return ty,
            };
        }
        ty
    }

    /// The pagination an `x-rust-pagination` extension declares.
    fn declared_pagination(
        &self,
        value: &Value,
        query: &[&str],
        found: &Found<'a>,
    ) -> Result<(Vec<String>, PageNext), String> {
        let Some(object) = value.as_object() else {
            return Err(format!(
                "`{EXTENSION}` should be an object (or `false`), not `{value}`"
            ));
        };
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
        let path = |key: &str| {
            text(key).map(|dotted| {
                dotted
                    .split('.')
                    .filter(|part| !part.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
        };
        let parameter = |key: &str| -> Result<String, String> {
            let name = text(key).ok_or_else(|| format!("`{EXTENSION}` needs `{key}`"))?;
            if query.contains(&name.as_str()) {
                Ok(name)
            } else {
                Err(format!(
                    "`{EXTENSION}.{key}` names `{name}`, which is not a query parameter of the \
                     operation"
                ))
            }
        };
        let optional_parameter = |key: &str| -> Result<Option<String>, String> {
            match object.get(key) {
                None => Ok(None),
                Some(_) => parameter(key).map(Some),
            }
        };
        let items = path("items").unwrap_or_default();
        let style = text("style").ok_or_else(|| {
            format!(
                "`{EXTENSION}` needs a `style`: `page`, `cursor`, `after_last_item`, `offset` or \
                 `link_header`"
            )
        })?;
        let next = match style.as_str() {
            "page" => {
                let page = parameter("param")?;
                let first = object
                    .get("first")
                    .and_then(Value::as_i64)
                    .unwrap_or_else(|| self.first_page(found, &page));
                PageNext::PageNumber {
                    first,
                    page,
                    size: optional_parameter("size")?,
                    link: path("next"),
                    total: path("total"),
                }
            }
            "cursor" => PageNext::Cursor {
                param: parameter("param")?,
                cursor: path("next").ok_or_else(|| {
                    format!("`{EXTENSION}` of style `cursor` needs `next`, the cursor's property")
                })?,
                has_more: path("has_more"),
            },
            "after_last_item" => PageNext::AfterLastItem {
                param: parameter("param")?,
                has_more: path("has_more").unwrap_or_else(|| vec!["has_more".to_owned()]),
                id: text("id").unwrap_or_else(|| "id".to_owned()),
            },
            "offset" => PageNext::Offset {
                offset: parameter("param")?,
                limit: optional_parameter("size")?,
                total: path("total"),
            },
            "link_header" => PageNext::LinkHeader,
            other => {
                return Err(format!(
                    "`{EXTENSION}.style` is `{other}`; expected `page`, `cursor`, \
                     `after_last_item`, `offset` or `link_header`"
                ));
            }
        };
        Ok((items, next))
    }
}

/// How the next page is found, in a sentence for the method's docs.
fn describe(next: &PageNext) -> String {
    let dotted = |path: &[String]| format!("`{}`", path.join("."));
    match next {
        PageNext::PageNumber {
            page, link, total, ..
        } => match (link, total) {
            (Some(link), _) => format!(
                "Each next page is the one the body's {} links to (its query, sent to this \
                 client's server), until there is no link.",
                dotted(link)
            ),
            (None, Some(total)) => format!(
                "Each next page is the next `{page}`, until the body's {} items are received \
                 or a page is empty.",
                dotted(total)
            ),
            (None, None) => format!("Each next page is the next `{page}`, until a page is empty."),
        },
        PageNext::Cursor {
            param,
            cursor,
            has_more,
        } => format!(
            "Each next page is asked for with the body's {} as `{param}`, until there is none, \
             a page is empty{}.",
            dotted(cursor),
            has_more
                .as_deref()
                .map(|path| format!(" or the body's {} is false", dotted(path)))
                .unwrap_or_default()
        ),
        PageNext::AfterLastItem {
            param,
            has_more,
            id,
        } => format!(
            "Each next page is asked for with the last item's `{id}` as `{param}`, while the \
             body's {} is true.",
            dotted(has_more)
        ),
        PageNext::Offset { offset, .. } => format!(
            "Each next page starts at the next `{offset}`, until a page is empty or shorter \
             than the limit asked for, or all items are received."
        ),
        PageNext::NextLink { link } => format!(
            "Each next page is the one the body's {} links to (its query, sent to this \
             client's server), until there is no link.",
            dotted(link)
        ),
        PageNext::LinkHeader => "Each next page is the one the response's `Link` header names \
                                 with `rel=\"next\"` (its query, sent to this client's server), \
                                 until there is none."
            .to_owned(),
    }
}
