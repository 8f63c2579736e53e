//! Server-sent events (`text/event-stream`): a parser that follows the HTML standard's
//! event-stream rules, and [`EventStream`], the typed stream of an operation's events.
//!
//! The parser is written here rather than taken from a crate: the standard's algorithm
//! is a few dozen lines, and the crates that implement it bring parsers or stream
//! utilities (`nom`, `futures-util`) every generated crate would then build, while
//! some split events wrongly when a CRLF falls across two chunks. What it does, by the
//! standard ("9.2.6 Interpreting an event stream"):
//!
//! - lines end with CRLF, LF or CR, anywhere in the chunks (a CR that ends a chunk waits
//!   for the next one: an LF there belongs to it); one leading byte-order mark is
//!   skipped; bytes that are not UTF-8 become U+FFFD;
//! - a line starting with `:` is a comment; `field: value` loses one space after the
//!   colon; a line without a colon is a field with an empty value;
//! - `data` lines are joined with LF; `event` names the event type (default `message`);
//!   `id` sets the last event ID (unless it holds NUL); `retry` sets the reconnection
//!   time when it is all digits; other fields are ignored;
//! - an empty line dispatches the event, unless no `data` was given; an event cut off by
//!   the end of the stream is discarded.
//!
//! [`EventStream`] decodes each event's data into the operation's type. It ends at the
//! end of the body or at the `[DONE]` sentinel that OpenAI-compatible APIs send; an event
//! of type `error` ends it with [`Error::Event`], and data that does not decode gives
//! [`Error::Event`] too, after which the stream goes on. There is no reconnection: a
//! request that opened a stream may not be one that can be repeated.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::error::{Error, EventError};
use super::response::DecodeError;
use super::stream::{ByteStream, ReadError};

/// One dispatched event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Event {
    /// The event type: the last `event` field, or `message`.
    pub event: String,
    /// The `data` lines, joined with LF.
    pub data: String,
    /// The last event ID so far (the last `id` field of this or an earlier event).
    pub id: String,
    /// The reconnection time the server asked for so far (`retry`), if any.
    pub retry: Option<Duration>,
}

/// An incremental event-stream parser: feed it chunks as they arrive, take the events.
#[derive(Debug, Default)]
pub struct Parser {
    /// The bytes of the line being read.
    line: Vec<u8>,
    /// The last byte seen was a CR that ended a line: an LF right after it is skipped.
    after_cr: bool,
    /// Whether the first line (which may start with a byte-order mark) is done.
    started: bool,
    data: String,
    event: String,
    id: String,
    retry: Option<Duration>,
}

impl Parser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `chunk` and appends the events it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<Event>) {
        let mut rest = chunk;
        if self.after_cr {
            self.after_cr = false;
            if let [b'\n', tail @ ..] = rest {
                rest = tail;
            }
        }
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&rest[..end]);
            self.end_line(out);
            let crlf = rest[end] == b'\r';
            rest = &rest[end + 1..];
            if crlf {
                match rest {
                    [b'\n', tail @ ..] => rest = tail,
                    // The LF of a CRLF may be the next chunk's first byte.
                    [] => self.after_cr = true,
                    _ => {}
                }
            }
        }
        self.line.extend_from_slice(rest);
    }

    /// The line in `self.line` is complete.
    fn end_line(&mut self, out: &mut VecDeque<Event>) {
        let mut bytes = std::mem::take(&mut self.line);
        if !self.started {
            self.started = true;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
        }
        let line = String::from_utf8_lossy(&bytes);
        if line.is_empty() {
            self.dispatch(out);
        } else if !line.starts_with(':') {
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (&*line, ""),
            };
            self.field(field, value);
        }
        // The buffer is kept for the next line.
        bytes.clear();
        self.line = bytes;
    }

    fn field(&mut self, field: &str, value: &str) {
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.id),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // More digits than a u64 holds: as long as it gets.
                let millis = value.parse().unwrap_or(u64::MAX);
                self.retry = Some(Duration::from_millis(millis));
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut VecDeque<Event>) {
        let event = std::mem::take(&mut self.event);
        if self.data.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        out.push_back(Event {
            event: if event.is_empty() {
                "message".to_owned()
            } else {
                event
            },
            data,
            id: self.id.clone(),
            retry: self.retry,
        });
    }
}

/// Decodes an event's data as JSON.
pub fn json<T: DeserializeOwned>(data: &str) -> Result<T, DecodeError> {
    serde_json::from_str(data).map_err(DecodeError::Json)
}

/// Takes an event's data as it is (events declared as strings).
pub fn text(data: &str) -> Result<String, DecodeError> {
    Ok(data.to_owned())
}

/// Decodes the data of an `error` event as the operation's JSON error body, if it is one.
pub fn json_error<E: DeserializeOwned>(data: &str) -> Option<E> {
    serde_json::from_str(data).ok()
}

/// For operations whose errors declare no JSON body: an `error` event's data is kept only
/// as the raw event.
pub fn no_error_body<E>(_data: &str) -> Option<E> {
    None
}

/// A chunk being read, owning the body until it arrives.
type Reading = Pin<Box<dyn Future<Output = (ByteStream, Result<Option<Bytes>, ReadError>)> + Send>>;

enum Body {
    Ready(ByteStream),
    Reading(Reading),
    Ended,
}

/// The typed events of a streamed response: a [`futures_core::Stream`] of
/// `Result<T, Error<E>>`, also read with [`EventStream::next`].
///
/// Each event's data is decoded into `T` as it arrives; the stream ends at the end of the
/// body or at a `[DONE]` event. An `error` event ends it with [`Error::Event`] (holding
/// the event, and the error body `E` when its data is one); data that does not decode
/// gives [`Error::Event`] with the reason, and the stream goes on. Each read waits at most
/// the idle timeout for the next bytes ([`Error::IdleTimeout`]); there is no limit on the
/// stream's whole length. [`EventStream::last_event`] is the raw event of the last item.
pub struct EventStream<T, E> {
    body: Body,
    parser: Parser,
    queue: VecDeque<Event>,
    decode: fn(&str) -> Result<T, DecodeError>,
    decode_error: fn(&str) -> Option<E>,
    last: Option<Event>,
    finished: bool,
}

impl<T, E> EventStream<T, E> {
    /// The events of `body`, decoded with `decode`; `decode_error` reads the data of an
    /// `error` event.
    pub fn new(
        body: ByteStream,
        decode: fn(&str) -> Result<T, DecodeError>,
        decode_error: fn(&str) -> Option<E>,
    ) -> Self {
        Self {
            body: Body::Ready(body),
            parser: Parser::new(),
            queue: VecDeque::new(),
            decode,
            decode_error,
            last: None,
            finished: false,
        }
    }

    /// The next item; `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// The raw event behind the last item returned (its type, ID, data as received).
    pub fn last_event(&self) -> Option<&Event> {
        self.last.as_ref()
    }

    /// The rest of the stream's items, read to its end.
    pub async fn collect(mut self) -> Result<Vec<T>, Error<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// What one event gives: an item, or nothing (the stream ended).
    fn item(&mut self, event: Event) -> Option<Result<T, Error<E>>> {
        if event.data == "[DONE]" {
            self.end();
            return None;
        }
        if event.event == "error" {
            self.end();
            let body = (self.decode_error)(&event.data);
            self.last = Some(event.clone());
            return Some(Err(Error::Event(Box::new(EventError {
                event,
                body,
                reason: None,
            }))));
        }
        let decoded = (self.decode)(&event.data);
        self.last = Some(event.clone());
        Some(decoded.map_err(|reason| {
            Error::Event(Box::new(EventError {
                event,
                body: None,
                reason: Some(reason),
            }))
        }))
    }

    fn end(&mut self) {
        self.finished = true;
        self.queue.clear();
        self.body = Body::Ended;
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error<E>>>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                match self.item(event) {
                    Some(item) => return Poll::Ready(Some(item)),
                    None => continue,
                }
            }
            if self.finished {
                return Poll::Ready(None);
            }
            match std::mem::replace(&mut self.body, Body::Ended) {
                Body::Ready(mut body) => {
                    self.body = Body::Reading(Box::pin(async move {
                        let read = body.chunk().await;
                        (body, read)
                    }));
                }
                Body::Reading(mut reading) => match reading.as_mut().poll(cx) {
                    Poll::Pending => {
                        self.body = Body::Reading(reading);
                        return Poll::Pending;
                    }
                    Poll::Ready((body, Ok(Some(chunk)))) => {
                        self.parser.feed(&chunk, &mut self.queue);
                        self.body = Body::Ready(body);
                    }
                    // An event cut off by the end of the body is discarded.
                    Poll::Ready((_, Ok(None))) => self.finished = true,
                    Poll::Ready((_, Err(error))) => {
                        self.finished = true;
                        return Poll::Ready(Some(Err(error.into())));
                    }
                },
                Body::Ended => self.finished = true,
            }
        }
    }
}

impl<T, E> futures_core::Stream for EventStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("finished", &self.finished)
            .field("queued", &self.queue.len())
            .field("last_event", &self.last)
            .finish_non_exhaustive()
    }
}
