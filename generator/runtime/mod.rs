//! The runtime every generated client carries: written once, shared by every operation.
//!
//! - [`request`]: build a request without I/O (path encoding, query, headers, credentials);
//!   [`param`] writes parameter values in every OpenAPI style;
//! - [`response`]: decode a received response without I/O;
//! - [`client`]: send with `reqwest`, with timeouts and [`retry`], and per-call options
//!   on [`Call`]; [`stream`] for bodies read as they arrive, [`sse`] for server-sent
//!   events read from them, [`pages`] for paginated listings;
//! - [`error`]: the one error type of every operation;
//! - [`codec`]: JSON forms that differ from the Rust type (RFC 3339 timestamps, 64-bit
//!   integers written as strings, forward-compatible string enums).
//! - [`form`] and [`multipart`]: `application/x-www-form-urlencoded` and
//!   `multipart/form-data` bodies, with [`File`] for file parts.
//!
//! It knows nothing about any particular API: the generator copies it unchanged into
//! each generated crate, next to the generated `models` and `operations`.

pub mod client;
pub mod codec;
pub mod error;
pub mod form;
pub mod multipart;
pub mod pages;
pub mod param;
pub mod request;
pub mod response;
pub mod retry;
pub mod sse;
pub mod stream;

pub use client::{BuildError, Call, Client, ClientBuilder};
pub use error::{ApiError, Error, EventError, Result, TransportError, UnexpectedResponse};
pub use multipart::{File, Multipart};
pub use pages::{Items, Next, Pages, Paging};
pub use request::{Credentials, PathPart, Request, RequestError, Scheme, SchemeKind, Secret};
pub use response::{DecodeError, RateLimit, Response, Status};
pub use retry::RetryPolicy;
pub use sse::{Event, EventStream};
pub use stream::{ByteStream, ReadError};
