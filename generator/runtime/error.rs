//! The error type of every operation.

use std::fmt;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::request::RequestError;
use super::response::{DecodeError, RateLimit, Status};

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
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::UnexpectedResponse(response) => Some(response.status),
            _ => None,
        }
    }
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
            Self::Timeout(error) | Self::Transport(error) => Some(&error.0),
            Self::InvalidRequest(error) => Some(error),
            Self::Api(_) => None,
        }
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
}

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

/// A one-line summary of a JSON error body: its `id`/`code` and `message`/`error`/`detail`.
fn summary(raw: &Bytes) -> Option<String> {
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
