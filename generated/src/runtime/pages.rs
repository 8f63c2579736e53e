// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/pages.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! Paginated listings: [`Pages`], a stream of an operation's pages fetched one at a time
//! as it is read, and [`Items`], the stream of their items.
//!
//! How the next page is asked for is the operation's [`Paging`], decided by the generator
//! from the spec (or its `x-rust-pagination` extension). Whatever the style, the next
//! request is the previous one with its query changed: the same server, path, headers,
//! body and credentials, and the caller's own parameters (such as the page size) kept.
//! A next-page link is never followed to the host it names: only its query is taken.
//! The listing ends when the style says there is no next page; a next page that was
//! already fetched ends it with [`Error::RepeatedPage`] rather than loop.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::HeaderMap;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::client::{CallOptions, Client};
use super::error::Error;
use super::request::{Request, RequestError};
use super::response::{Decoder, Response};

/// A place in a JSON body: the names of the properties leading to it from the top.
pub type JsonPath = &'static [&'static str];

/// How an operation's listing is paginated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Where the page's items are in the body (`[]`: the body is the list).
    pub items: JsonPath,
    /// How the next page is asked for, and when there is none.
    pub next: Next,
}

/// How the next page is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Next {
    /// A page number in the query parameter `page` (the first page is `first` when the
    /// caller gives none). The next page is the query of the link at `link` when there
    /// is one (no link: the last page); else the next number, up to `total` items when
    /// the body says how many there are, until an empty page (or, when the caller sets
    /// the page size `size`, a page shorter than it).
    PageNumber {
        /// The page parameter.
        page: &'static str,
        /// The number of the first page.
        first: i64,
        /// The page-size parameter.
        size: Option<&'static str>,
        /// Where the body has the next page's URL.
        link: Option<JsonPath>,
        /// Where the body has the number of items in all pages.
        total: Option<JsonPath>,
    },
    /// An opaque cursor: the body's value at `cursor` goes into the query parameter
    /// `param` of the next request; no cursor, an empty page, or `false` at `has_more`
    /// is the last page.
    Cursor {
        /// The cursor parameter.
        param: &'static str,
        /// Where the body has the next cursor.
        cursor: JsonPath,
        /// Where the body says whether there are more pages, if it does.
        has_more: Option<JsonPath>,
    },
    /// The ID of the page's last item goes into `param` (`starting_after`) while the
    /// body's `has_more` is `true`.
    AfterLastItem {
        /// The parameter taking the last item's ID.
        param: &'static str,
        /// Where the body says whether there are more items.
        has_more: JsonPath,
        /// The ID property of an item.
        id: &'static str,
    },
    /// An item offset: the next offset is this one plus the items received, until an
    /// empty page, a page shorter than the caller's `limit`, or `total` items.
    Offset {
        /// The offset parameter.
        offset: &'static str,
        /// The page-size parameter.
        limit: Option<&'static str>,
        /// Where the body has the number of items in all pages.
        total: Option<JsonPath>,
    },
    /// The next page is the query of the response's `Link` header with `rel="next"`
    /// (RFC 8288); no such link is the last page.
    LinkHeader,
    /// The next page is the query of the link at `link` in the body (the operation
    /// declares no page parameter); no link is the last page.
    NextLink {
        /// Where the body has the next page's URL.
        link: JsonPath,
    },
}

/// A page being fetched: the decoded response and the body as received.
type Fetching<'a, T, E> =
    Pin<Box<dyn Future<Output = Result<(Response<T>, Bytes), Error<E>>> + Send + 'a>>;

/// The pages of a listing: a [`futures_core::Stream`] of `Result<Response<T>, Error<E>>`,
/// also read with [`Pages::next`]; [`Pages::items`] gives the items instead.
///
/// The first page is the request the operation's method would send; each next one is
/// fetched only when asked for, after the previous one arrived. An error ends the stream.
#[must_use = "a listing does nothing until it is read"]
pub struct Pages<'a, T, E, I> {
    client: &'a Client,
    next: Option<Result<Request, RequestError>>,
    current: Option<Request>,
    fetching: Option<Fetching<'a, T, E>>,
    decode: Decoder<T, E>,
    items: fn(T) -> Vec<I>,
    paging: &'static Paging,
    options: CallOptions,
    /// The requests sent so far (path and query).
    sent: Vec<String>,
    /// Items received so far.
    received: u64,
}

impl<'a, T, E, I> Pages<'a, T, E, I> {
    pub(super) fn new(
        client: &'a Client,
        request: Result<Request, RequestError>,
        decode: Decoder<T, E>,
        items: fn(T) -> Vec<I>,
        paging: &'static Paging,
    ) -> Self {
        Self {
            client,
            next: Some(request),
            current: None,
            fetching: None,
            decode,
            items,
            paging,
            options: CallOptions::default(),
            sent: Vec::new(),
            received: 0,
        }
    }

    /// Limits the time of each page's request (see [`Call::timeout`](super::Call::timeout)).
    pub fn timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sets how many times each page's request is retried.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Adds a header to every page's request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Some(Ok(request)) = &mut self.next
            && let Err(error) = request.extra_header(name, value)
        {
            self.next = Some(Err(error));
        }
        self
    }

    /// The items of every page, in order: a stream of `Result<I, Error<E>>`.
    pub fn items(self) -> Items<'a, T, E, I> {
        Items {
            pages: self,
            buffered: std::collections::VecDeque::new(),
        }
    }

    /// The next page; `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<Response<T>, Error<E>>>
    where
        T: Send + 'a,
        E: Send + 'a,
    {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Response<T>, Error<E>>>>
    where
        T: Send + 'a,
        E: Send + 'a,
    {
        if self.fetching.is_none() {
            let request = match self.next.take() {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error.into()))),
                Some(Ok(request)) => request,
            };
            let sent = request.path_and_query();
            if self.sent.contains(&sent) {
                return Poll::Ready(Some(Err(Error::RepeatedPage(sent))));
            }
            self.sent.push(sent);
            self.current = Some(request.clone());
            let (client, decode, options) = (self.client, self.decode, self.options.clone());
            self.fetching = Some(Box::pin(async move {
                client.execute_with(request, decode, &options).await
            }));
        }
        let Some(fetching) = self.fetching.as_mut() else {
            return Poll::Ready(None);
        };
        let (response, raw) = match fetching.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => {
                self.fetching = None;
                match result {
                    Ok(page) => page,
                    Err(error) => return Poll::Ready(Some(Err(error))),
                }
            }
        };
        if let Some(current) = self.current.take() {
            let count = find(&raw, self.paging.items, Leaf::Len).and_then(|v| v.as_u64());
            self.received += count.unwrap_or(0);
            self.next = next_request(
                self.paging,
                current,
                &raw,
                response.headers(),
                count,
                self.received,
            )
            .map(Ok);
        }
        Poll::Ready(Some(Ok(response)))
    }
}

impl<'a, T: Send + 'a, E: Send + 'a, I> futures_core::Stream for Pages<'a, T, E, I> {
    type Item = Result<Response<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

impl<T, E, I> fmt::Debug for Pages<'_, T, E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("paging", self.paging)
            .field("sent", &self.sent)
            .field("received", &self.received)
            .finish_non_exhaustive()
    }
}

/// The items of a listing's pages: a [`futures_core::Stream`] of `Result<I, Error<E>>`,
/// also read with [`Items::next`]. A page is fetched when the items before it are used
/// up.
#[must_use = "a listing does nothing until it is read"]
pub struct Items<'a, T, E, I> {
    pages: Pages<'a, T, E, I>,
    buffered: std::collections::VecDeque<I>,
}

impl<'a, T: Send + 'a, E: Send + 'a, I> Items<'a, T, E, I> {
    /// The next item; `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<I, Error<E>>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every remaining item, fetching every remaining page.
    pub async fn collect(mut self) -> Result<Vec<I>, Error<E>> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<I, Error<E>>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => {
                    self.buffered.extend((self.pages.items)(page.into_body()));
                }
            }
        }
    }
}

impl<'a, T: Send + 'a, E: Send + 'a, I> futures_core::Stream for Items<'a, T, E, I> {
    type Item = Result<I, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

// Nothing of `Items` is pinned in place (its items are only moved out of the buffer), so
// it may move whatever its item type.
impl<T, E, I> Unpin for Items<'_, T, E, I> {}

impl<T, E, I> fmt::Debug for Items<'_, T, E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

/// The request for the page after the one `current` asked for, which answered `raw` with
/// `headers` holding `count` items (`received` in all pages so far); `None` when it was
/// the last page.
fn next_request(
    paging: &Paging,
    mut current: Request,
    raw: &[u8],
    headers: &HeaderMap,
    count: Option<u64>,
    received: u64,
) -> Option<Request> {
    let empty = count == Some(0);
    let number = |request: &Request, name: &str| {
        request
            .query_value(name)
            .and_then(|value| value.trim().parse::<i64>().ok())
    };
    let total_reached = |total: Option<JsonPath>| {
        total
            .and_then(|path| find(raw, path, Leaf::Value))
            .and_then(|value| value.as_u64())
            .is_some_and(|total| received >= total)
    };
    let short = |request: &Request, size: Option<&str>| {
        let size = size.and_then(|name| number(request, name));
        matches!((size, count), (Some(size), Some(count)) if (count as i64) < size)
    };
    match paging.next {
        Next::PageNumber {
            page,
            first,
            size,
            link,
            total,
        } => {
            if let Some(link) = link {
                let url = find(raw, link, Leaf::Value)?;
                let url = url.as_str().filter(|url| !url.trim().is_empty())?;
                if url.contains('?') {
                    current.merge_query_from(url);
                    return Some(current);
                }
            } else if empty || short(&current, size) || total_reached(total) {
                return None;
            }
            let this = number(&current, page).unwrap_or(first);
            current.set_query(page, &this.saturating_add(1));
            Some(current)
        }
        Next::Cursor {
            param,
            cursor,
            has_more,
        } => {
            let no_more = has_more
                .and_then(|path| find(raw, path, Leaf::Value))
                .is_some_and(|more| more == serde_json::Value::Bool(false));
            if empty || no_more {
                return None;
            }
            let value = find(raw, cursor, Leaf::Value)?;
            let text = scalar_text(&value)?;
            current.set_query(param, &text);
            Some(current)
        }
        Next::AfterLastItem {
            param,
            has_more,
            id,
        } => {
            let more = find(raw, has_more, Leaf::Value)?.as_bool()?;
            if !more || empty {
                return None;
            }
            let last = find(raw, paging.items, Leaf::LastField(id))?;
            current.set_query(param, &scalar_text(&last)?);
            Some(current)
        }
        Next::Offset {
            offset,
            limit,
            total,
        } => {
            let count = count?;
            if count == 0 || short(&current, limit) || total_reached(total) {
                return None;
            }
            let this = number(&current, offset).unwrap_or(0);
            current.set_query(
                offset,
                &this.saturating_add(i64::try_from(count).unwrap_or(i64::MAX)),
            );
            Some(current)
        }
        Next::NextLink { link } => {
            let url = find(raw, link, Leaf::Value)?;
            let url = url.as_str().filter(|url| url.contains('?'))?;
            current.merge_query_from(url);
            Some(current)
        }
        Next::LinkHeader => {
            let url = next_link(headers)?;
            if !url.contains('?') {
                return None;
            }
            current.merge_query_from(&url);
            Some(current)
        }
    }
}

/// A cursor or ID as query text: a non-empty string, or a number.
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) if !text.is_empty() => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The URL of the `rel="next"` link of the `Link` headers (RFC 8288), if any.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| link_with_rel(value, "next"))
}

/// In one `Link` header value, the target of the link whose `rel` has `relation`.
fn link_with_rel(value: &str, relation: &str) -> Option<String> {
    let mut rest = value;
    loop {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let target = &rest[start + 1..end];
        rest = &rest[end + 1..];
        // The parameters run to the next link, at a `,` outside quotes.
        let mut quoted = false;
        let mut params_end = rest.len();
        for (at, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => {
                    params_end = at;
                    break;
                }
                _ => {}
            }
        }
        let params = &rest[..params_end];
        rest = &rest[params_end..];
        let has_relation = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case(relation))
        });
        if has_relation {
            return Some(target.trim().to_owned());
        }
    }
}

/// What to take at the end of a path.
#[derive(Clone, Copy)]
enum Leaf {
    /// The value.
    Value,
    /// The length of the list there.
    Len,
    /// The property of that name of the list's last item.
    LastField(&'static str),
}

/// The value at `path` in the JSON `body`, as `leaf` says; everything else is skipped
/// without being built.
fn find(body: &[u8], path: JsonPath, leaf: Leaf) -> Option<serde_json::Value> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    Walk { path, leaf }.deserialize(&mut deserializer).ok()?
}

/// A seed that walks down `path` and takes the leaf.
struct Walk<'p> {
    path: &'p [&'p str],
    leaf: Leaf,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = Option<serde_json::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match (self.path, self.leaf) {
            ([], Leaf::Value) => serde::Deserialize::deserialize(deserializer)
                .map(|value: serde_json::Value| (!value.is_null()).then_some(value)),
            ([], leaf) => deserializer.deserialize_any(ListVisitor(leaf)),
            _ => deserializer.deserialize_any(self),
        }
    }
}

/// The `visit_*` methods of scalars (`true`, numbers, strings, `null`) for a visitor that
/// looks for something inside lists and objects: a scalar holds nothing, so `None`.
macro_rules! scalars_hold_nothing {
    () => {
        fn visit_bool<Er>(self, _: bool) -> Result<Self::Value, Er> {
            Ok(None)
        }

        fn visit_i64<Er>(self, _: i64) -> Result<Self::Value, Er> {
            Ok(None)
        }

        fn visit_u64<Er>(self, _: u64) -> Result<Self::Value, Er> {
            Ok(None)
        }

        fn visit_f64<Er>(self, _: f64) -> Result<Self::Value, Er> {
            Ok(None)
        }

        fn visit_str<Er>(self, _: &str) -> Result<Self::Value, Er> {
            Ok(None)
        }

        fn visit_unit<Er>(self) -> Result<Self::Value, Er> {
            Ok(None)
        }
    };
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = Option<serde_json::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if found.is_none() && self.path.first().is_some_and(|name| *name == key) {
                found = map.next_value_seed(Walk {
                    path: &self.path[1..],
                    leaf: self.leaf,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    scalars_hold_nothing!();
}

/// Reads a list for [`Leaf::Len`] or [`Leaf::LastField`].
struct ListVisitor(Leaf);

impl<'de> Visitor<'de> for ListVisitor {
    type Value = Option<serde_json::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut count = 0u64;
        let mut last = None;
        match self.0 {
            Leaf::LastField(name) => {
                while let Some(value) = seq.next_element_seed(Walk {
                    path: std::slice::from_ref(&name),
                    leaf: Leaf::Value,
                })? {
                    last = value;
                }
            }
            _ => {
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    count += 1;
                }
                last = Some(serde_json::Value::from(count));
            }
        }
        Ok(last)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    scalars_hold_nothing!();
}
