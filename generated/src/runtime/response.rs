// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/response.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! Turning a received response into a typed result, without any I/O.

use std::fmt;
use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::error::{ApiError, Error, UnexpectedResponse};

/// A response status as the spec declares it: `200`, `4XX` or `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// A class of codes: `Range(4)` is `4XX`.
    Range(u8),
    /// Any status not declared otherwise.
    Default,
}

impl Status {
    fn precedence(self, status: u16) -> Option<u8> {
        match self {
            Self::Code(code) if code == status => Some(0),
            Self::Range(class) if u16::from(class) == status / 100 => Some(1),
            Self::Default => Some(2),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Range(class) => write!(f, "{class}XX"),
            Self::Default => f.write_str("default"),
        }
    }
}

/// Why a body did not decode into its type.
#[derive(Debug)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not the JSON the type expects.
    Json(serde_json::Error),
    /// Not UTF-8 text.
    Utf8(std::str::Utf8Error),
    /// The status was declared without a way to decode its body.
    Undeclared(Status),
    /// The body was longer than the client accepts
    /// ([`ClientBuilder::max_body_bytes`](super::ClientBuilder::max_body_bytes)); the
    /// first `limit` bytes are kept.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(error) => write!(f, "body does not match the declared JSON: {error}"),
            Self::Utf8(error) => write!(f, "body is not UTF-8 text: {error}"),
            Self::Undeclared(status) => write!(f, "no body type is declared for status {status}"),
            Self::TooLarge { limit } => write!(f, "body longer than the {limit}-byte limit"),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Json(error) => Some(error),
            Self::Utf8(error) => Some(error),
            Self::Undeclared(_) | Self::TooLarge { .. } => None,
        }
    }
}

/// Decodes a JSON body (whatever the status).
pub fn json<T: DeserializeOwned>(_: Status, body: &Bytes) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(DecodeError::Json)
}

/// Accepts any body and returns nothing (responses declared without content).
pub fn empty(_: Status, _body: &Bytes) -> Result<(), DecodeError> {
    Ok(())
}

/// Decodes a UTF-8 text body.
pub fn text(_: Status, body: &Bytes) -> Result<String, DecodeError> {
    std::str::from_utf8(body)
        .map(str::to_owned)
        .map_err(DecodeError::Utf8)
}

/// Returns the body as it is.
pub fn bytes(_: Status, body: &Bytes) -> Result<Bytes, DecodeError> {
    Ok(body.clone())
}

/// The rate-limit headers of a response (`ratelimit-limit`, `ratelimit-remaining`,
/// `ratelimit-reset`), each `None` when absent or not a number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, in seconds since the Unix epoch.
    pub reset: Option<u64>,
}

impl RateLimit {
    /// Reads the rate-limit headers; `None` when there are none.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .and_then(|text| text.trim().parse::<u64>().ok())
        };
        let limit = Self {
            limit: number("ratelimit-limit"),
            remaining: number("ratelimit-remaining"),
            reset: number("ratelimit-reset"),
        };
        (limit != Self::default()).then_some(limit)
    }
}

/// A successful response: its status, headers and decoded body.
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// A response made of its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate-limit headers, parsed.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, taken out.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

/// An operation's response decoder: a received response to the operation's result.
pub type Decoder<T, E> = fn(http::Response<Bytes>) -> Result<Response<T>, Error<E>>;

/// Turns a received response into the operation's result.
///
/// The status is matched against the declared ones (an exact code before a `4XX` class
/// before `default`); a status of 400 or more is never a success. A success decodes with
/// `decode`; a declared error decodes its body (if any) with `decode_error` into
/// [`Error::Api`]; a body that does not decode, or a status nobody declared, gives
/// [`Error::UnexpectedResponse`] with the body kept.
pub fn decode<T, E>(
    response: http::Response<Bytes>,
    success: &[Status],
    decode: impl FnOnce(Status, &Bytes) -> Result<T, DecodeError>,
    errors: &[Status],
    decode_error: impl FnOnce(Status, &Bytes) -> Result<E, DecodeError>,
) -> Result<Response<T>, Error<E>> {
    let (parts, body) = response.into_parts();
    let code = parts.status.as_u16();
    let best = |declared: &[Status]| {
        declared
            .iter()
            .filter_map(|status| status.precedence(code).map(|rank| (rank, *status)))
            .min_by_key(|(rank, _)| *rank)
    };
    // A status of 400 or more is never a success, even through `default`.
    let success = if code >= 400 { &[][..] } else { success };
    let unexpected = |reason: Option<DecodeError>, headers: HeaderMap, body: Bytes| {
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status: parts.status,
            headers,
            body,
            reason,
        }))
    };
    match (best(success), best(errors)) {
        (Some((ok_rank, declared)), error) if error.is_none_or(|(rank, _)| ok_rank <= rank) => {
            match decode(declared, &body) {
                Ok(value) => Ok(Response::new(parts.status, parts.headers, value)),
                Err(reason) => Err(unexpected(Some(reason), parts.headers, body)),
            }
        }
        (_, Some((_, declared))) => {
            let decoded = if body.iter().all(u8::is_ascii_whitespace) {
                None
            } else {
                match decode_error(declared, &body) {
                    Ok(value) => Some(value),
                    Err(reason) => return Err(unexpected(Some(reason), parts.headers, body)),
                }
            };
            Err(Error::Api(Box::new(ApiError {
                status: parts.status,
                declared,
                headers: parts.headers,
                body: decoded,
                raw: body,
            })))
        }
        _ => Err(unexpected(None, parts.headers, body)),
    }
}
