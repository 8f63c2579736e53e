//! The items of an operation whose listing is paginated: the description of how it pages
//! (for the runtime's `Pages`) and the function taking a page's items out of its body.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{ident, rust_type};
use crate::ir::{ItemsAccess, PageNext, Pagination};

/// A JSON path as a `&[&str]` expression.
fn json_path(path: &[String]) -> TokenStream {
    quote!(&[#(#path),*])
}

/// An optional name or path as an `Option` expression.
fn optional(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

/// The items of an operation's module that page through its listing: the description of
/// its pagination and the function taking a page's items.
pub(super) fn pagination_items(pagination: &Pagination, success: &TokenStream) -> TokenStream {
    let paging = ident(&pagination.paging_const);
    let items_fn = ident(&pagination.items_fn);
    let item = rust_type(&pagination.item_ty);
    let items_path = json_path(&pagination.items_path);
    let next = match &pagination.next {
        PageNext::PageNumber {
            page,
            first,
            size,
            link,
            total,
        } => {
            let size = optional(size.as_ref().map(|size| quote!(#size)));
            let link = optional(link.as_deref().map(json_path));
            let total = optional(total.as_deref().map(json_path));
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            quote!(crate::runtime::Next::PageNumber { page: #page, first: #first, size: #size, link: #link, total: #total })
        }
        PageNext::Cursor {
            param,
            cursor,
            has_more,
        } => {
            let cursor = json_path(cursor);
            let has_more = optional(has_more.as_deref().map(json_path));
            quote!(crate::runtime::Next::Cursor { param: #param, cursor: #cursor, has_more: #has_more })
        }
        PageNext::AfterLastItem {
            param,
            has_more,
            id,
        } => {
            let has_more = json_path(has_more);
            quote!(crate::runtime::Next::AfterLastItem { param: #param, has_more: #has_more, id: #id })
        }
        PageNext::Offset {
            offset,
            limit,
            total,
        } => {
            let limit = optional(limit.as_ref().map(|limit| quote!(#limit)));
            let total = optional(total.as_deref().map(json_path));
            quote!(crate::runtime::Next::Offset { offset: #offset, limit: #limit, total: #total })
        }
        PageNext::LinkHeader => quote!(crate::runtime::Next::LinkHeader),
        PageNext::NextLink { link } => {
            let link = json_path(link);
            quote!(crate::runtime::Next::NextLink { link: #link })
        }
    };
    let take = match &pagination.items {
        ItemsAccess::Body => quote!(body),
        ItemsAccess::Field { name, optional } => {
            let name = ident(name);
            if *optional {
                quote!(body.#name.unwrap_or_default())
            } else {
                quote!(body.#name)
            }
        }
    };
    quote! {
        #[doc = " How the listing is paginated."]
        pub(crate) const #paging: crate::runtime::Paging = crate::runtime::Paging { items: #items_path, next: #next };
        #[doc = " The items of a page."]
        pub(crate) fn #items_fn(body: #success) -> ::std::vec::Vec<#item> {
            #take
        }
    }
}
