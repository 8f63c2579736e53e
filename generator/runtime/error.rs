//! The error type of every operation, and the questions every caller asks of one: not
//! found? rate limited? how long to wait? which request was it?

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::request::RequestError;
use super::response::{DecodeError, RateLimit, Status};
use super::sse::Event;

/// What went wrong with a call. `E` is the type of the operation's declared error body.
///
/// `Display` says what happened in one line; the variants carry everything received.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The API answered with one of the operation's declared error responses.
    Api(Box<ApiError<E>>),
    /// A response arrived but its status was not declared, or its body did not decode.
    /// The body is kept as received.
    UnexpectedResponse(Box<UnexpectedResponse>),
    /// The request or the connection timed out (after any retries).
    Timeout(TransportError),
    /// The request could not be sent or the response not received (after any retries).
    Transport(TransportError),
    /// The request could not be built; nothing was sent.
    InvalidRequest(RequestError),
    /// A streamed response went quiet: nothing arrived for this long (the idle timeout
    /// of streams, see [`Call::timeout`](super::Call::timeout)).
    IdleTimeout(Duration),
    /// An event of a streamed response was an `error` event, or its data did not decode.
    Event(Box<EventError<E>>),
    /// A paginated listing was answered with a page it had already fetched (the request,
    /// path and query, is kept); the listing stopped rather than loop.
    RepeatedPage(String),
}

/// A crate-level result: `Ok(T)` or an [`Error`] with the error body `E`.
pub type Result<T, E = ()> = std::result::Result<T, Error<E>>;

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::UnexpectedResponse(response) => Some(response.status),
            _ => None,
        }
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Api(error) => Some(&error.headers),
            Self::UnexpectedResponse(response) => Some(&response.headers),
            _ => None,
        }
    }

    /// Whether the API answered `404 Not Found`.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the API answered `429 Too Many Requests`.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the request timed out, or a stream went quiet for its idle timeout.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_) | Self::IdleTimeout(_))
    }

    /// How long the server asks to wait before trying again: `Retry-After` (seconds or
    /// an HTTP date), `retry-after-ms`, or for a 429 the time until `ratelimit-reset`.
    pub fn retry_after(&self) -> Option<Duration> {
        let status = self.status()?;
        super::retry::server_wait(status, self.headers()?, SystemTime::now())
    }

    /// The ID the server gave the request, to quote when asking its operators: the body's
    /// `request_id` (or `requestId`) when the error body has one, else a request-ID
    /// header (`x-request-id`, `request-id`, `x-amzn-requestid`, `x-amz-request-id`,
    /// `x-ms-request-id`, `cf-ray`).
    pub fn request_id(&self) -> Option<String> {
        let (headers, body) = match self {
            Self::Api(error) => (&error.headers, &error.raw),
            Self::UnexpectedResponse(response) => (&response.headers, &response.body),
            _ => return None,
        };
        request_id(headers, body)
    }
}

/// See [`Error::request_id`].
fn request_id(headers: &HeaderMap, body: &Bytes) -> Option<String> {
    let from_body = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|value| {
            ["request_id", "requestId"].iter().find_map(|key| {
                value
                    .get(*key)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            })
        });
    from_body.filter(|id| !id.is_empty()).or_else(|| {
        [
            "x-request-id",
            "request-id",
            "x-amzn-requestid",
            "x-amz-request-id",
            "x-ms-request-id",
            "cf-ray",
        ]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok().map(str::to_owned))
    })
}

impl<E> From<RequestError> for Error<E> {
    fn from(error: RequestError) -> Self {
        Self::InvalidRequest(error)
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => fmt::Display::fmt(error, f),
            Self::UnexpectedResponse(response) => fmt::Display::fmt(response, f),
            Self::Timeout(error) => write!(f, "request timed out: {error}"),
            Self::Transport(error) => write!(f, "request failed: {error}"),
            Self::InvalidRequest(error) => write!(f, "invalid request, not sent: {error}"),
            Self::IdleTimeout(idle) => {
                write!(f, "stream timed out: nothing received for {idle:?}")
            }
            Self::Event(error) => fmt::Display::fmt(error, f),
            Self::RepeatedPage(request) => write!(
                f,
                "the next page is one already fetched (`{request}`); listing stopped"
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::UnexpectedResponse(response) => response
                .reason
                .as_ref()
                .map(|reason| reason as &(dyn std::error::Error + 'static)),
            Self::Timeout(error) | Self::Transport(error) => Some(error),
            Self::InvalidRequest(error) => Some(error),
            Self::Event(error) => error
                .reason
                .as_ref()
                .map(|reason| reason as &(dyn std::error::Error + 'static)),
            Self::Api(_) | Self::IdleTimeout(_) | Self::RepeatedPage(_) => None,
        }
    }
}

/// An event of a streamed response that is an error: an `error` event, or data that did
/// not decode into the event type.
#[derive(Debug)]
pub struct EventError<E> {
    /// The event as received.
    pub event: Event,
    /// For an `error` event, its data decoded as the operation's error body, when it is
    /// one.
    pub body: Option<E>,
    /// Why the data did not decode; `None` for an `error` event.
    pub reason: Option<DecodeError>,
}

impl<E> fmt::Display for EventError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            Some(reason) => write!(f, "event `{}` did not decode: {reason}", self.event.event),
            None => {
                f.write_str("the stream sent an error event")?;
                if let Some(summary) = summary(self.event.data.as_bytes()) {
                    write!(f, ": {summary}")?;
                }
                Ok(())
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for EventError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.reason
            .as_ref()
            .map(|reason| reason as &(dyn std::error::Error + 'static))
    }
}

/// A declared error response.
#[derive(Clone, Debug)]
pub struct ApiError<E> {
    /// The HTTP status.
    pub status: StatusCode,
    /// Which declared response it matched (`404`, `4XX` or `default`).
    pub declared: Status,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded error body; `None` when the response had no body.
    pub body: Option<E>,
    /// The body as received.
    pub raw: Bytes,
}

impl<E> ApiError<E> {
    /// The rate-limit headers, parsed.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// The ID the server gave the request (see [`Error::request_id`]).
    pub fn request_id(&self) -> Option<String> {
        request_id(&self.headers, &self.raw)
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        if self.declared != Status::Code(self.status.as_u16()) {
            write!(f, " (declared as `{}`)", self.declared)?;
        }
        if let Some(summary) = summary(&self.raw) {
            write!(f, ": {summary}")?;
        }
        Ok(())
    }
}

/// A response that was not what the operation declares.
#[derive(Debug)]
pub struct UnexpectedResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Bytes,
    /// Why the body did not decode; `None` when the status itself was not declared.
    pub reason: Option<DecodeError>,
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected response {}", self.status)?;
        match &self.reason {
            Some(reason) => write!(f, ": {reason}")?,
            None => f.write_str(": status not declared for this operation")?,
        }
        write!(f, " ({} bytes of body kept)", self.body.len())
    }
}

impl std::error::Error for UnexpectedResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.reason
            .as_ref()
            .map(|reason| reason as &(dyn std::error::Error + 'static))
    }
}

/// A failure below HTTP: connecting, sending, receiving, or a timeout.
#[derive(Debug)]
pub struct TransportError(pub reqwest::Error);

impl TransportError {
    /// Wraps a `reqwest` error. reqwest shows the URL in its errors and the query may
    /// hold a credential (`SchemeKind::ApiKeyQuery`), so the query is removed.
    pub fn new(mut error: reqwest::Error) -> Self {
        if let Some(url) = error.url_mut() {
            url.set_query(None);
        }
        Self(error)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)?;
        let mut source = std::error::Error::source(&self.0);
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// A one-line summary of a JSON error body: its `id`/`code` and `message`/`error`/`detail`.
fn summary(raw: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(raw).ok()?;
    let object = value.as_object()?;
    let text = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| object.get(*key).and_then(serde_json::Value::as_str))
    };
    match (
        text(&["id", "code"]).map(one_line),
        text(&["message", "error", "detail", "title"]).map(one_line),
    ) {
        (Some(id), Some(message)) => Some(format!("{id}: {message}")),
        (None, Some(text)) | (Some(text), None) => Some(text),
        (None, None) => None,
    }
}

/// `text` on one line, as `Display` promises: each run of whitespace and control
/// characters (line breaks a server put in its message) becomes one space.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
    {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}
