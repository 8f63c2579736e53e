//! Webhooks (OpenAPI 3.1): requests the API sends to its users' servers, each decoded
//! from its body by a generated function.

use super::{HttpMethod, TypeRef};
use crate::names::RustName;

/// A webhook: one request the API sends.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Webhook {
    /// Its name in the spec's `webhooks` (`email.sent`).
    pub name: String,
    /// Rust name of the function that decodes its body.
    pub fn_name: RustName,
    /// The method the API sends it with.
    pub method: HttpMethod,
    /// What its body is and how it is read.
    pub payload: Payload,
    /// Doc lines: summary, description, and what is sent.
    pub docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
}

/// The body of a webhook's request.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Payload {
    /// Its type.
    pub ty: TypeRef,
    /// How it is read from the body's bytes.
    pub encoding: PayloadEncoding,
    /// The media type the spec declares.
    pub content_type: String,
}

/// How a webhook's body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayloadEncoding {
    /// JSON, decoded into the type.
    Json,
    /// UTF-8 text (`String`).
    Text,
    /// The bytes as they are (`bytes::Bytes`).
    Bytes,
}
