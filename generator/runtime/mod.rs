//! The runtime every generated client carries: written once, shared by every operation.
//!
//! What users work with is re-exported here: the [`Client`] and its [`ClientBuilder`],
//! a [`Call`] and its per-call options, [`Response`]s, the [`Error`] of every operation,
//! [`EventStream`]s of server-sent events, [`Pages`] and [`Items`] of paginated
//! listings, [`File`]s for multipart uploads, and the [`Request`] an operation's
//! `request` function builds. The modules are the generated code's building blocks —
//! `request` and `param` (requests without I/O, parameters in every OpenAPI style),
//! `response` (decoding without I/O), `client` and `retry` (sending), `stream`, `sse` and
//! `pages` (bodies read as they arrive), `codec`, `form` and `multipart` (wire forms) —
//! hidden from the documentation and not part of the crate's API: they may change
//! with any release.
//!
//! It knows nothing about any particular API: the generator copies it unchanged into
//! each generated crate, next to the generated `models` and `operations`.

#[doc(hidden)]
pub mod client;
#[doc(hidden)]
pub mod codec;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod form;
#[doc(hidden)]
pub mod multipart;
#[doc(hidden)]
pub mod pages;
#[doc(hidden)]
pub mod param;
#[doc(hidden)]
pub mod request;
#[doc(hidden)]
pub mod response;
#[doc(hidden)]
pub mod retry;
#[doc(hidden)]
pub mod sse;
#[doc(hidden)]
pub mod stream;

pub use client::{BuildError, Call, Client, ClientBuilder};
pub use error::{ApiError, Error, EventError, Result, TransportError, UnexpectedResponse};
pub use multipart::File;
pub use pages::{Items, Pages};
pub use request::{Request, RequestError};
pub use response::{DecodeError, RateLimit, Response, Status};
pub use retry::RetryPolicy;
pub use sse::{Event, EventStream};
pub use stream::{ByteStream, ReadError};

// The generated code's building blocks, named at the runtime's root for it.
#[doc(hidden)]
pub use multipart::Multipart;
#[doc(hidden)]
pub use pages::{Next, Paging};
#[doc(hidden)]
pub use request::{Credentials, PathPart, Scheme, SchemeKind, Secret};
