// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/multipart.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! `multipart/form-data` bodies (RFC 7578), encoded into bytes without I/O.
//!
//! The generated code adds one part per property of the body: [`File`]s as file parts,
//! scalars as text parts, objects (and anything whose `encoding` names a JSON
//! `contentType`) as JSON parts; a list gives one part per item, under the same name.
//! The whole body is encoded at once into [`Bytes`], so a built request stays a plain
//! `http::Request<Bytes>` that can be cloned for retries.
//!
//! The boundary is derived from the parts (their names, sizes, and the first and last
//! bytes of each), so the same body always gives the same bytes; a candidate that
//! occurs anywhere in the content is never used (the next one is tried).

use std::fmt;

use bytes::{BufMut, Bytes, BytesMut};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::codec::SerializeAs;
use super::form::Node;
use super::request::RequestError;

/// File content sent as a file part of a multipart body (a `type: string, format:
/// binary` property), with the file name and content type the part declares.
///
/// In a JSON body it is written as a string (its bytes must then be UTF-8) and read from
/// one.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct File {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl File {
    /// File content, without a file name or content type of its own (the part then
    /// names the property as the file and says `application/octet-stream`, unless the
    /// spec gives a content type).
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name the part declares.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the content type of the part.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The content.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file name, if set.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type, if set.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

impl fmt::Debug for File {
    /// The size rather than the content, which may be large.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Bytes> for File {
    fn from(bytes: Bytes) -> Self {
        Self::new(bytes)
    }
}

impl From<Vec<u8>> for File {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&'static [u8]> for File {
    fn from(bytes: &'static [u8]) -> Self {
        Self::new(bytes)
    }
}

impl From<String> for File {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<&'static str> for File {
    fn from(text: &'static str) -> Self {
        Self::new(text)
    }
}

impl Serialize for File {
    /// As a JSON string: a `format: binary` property of a JSON body.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => Err(serde::ser::Error::custom(
                "file content that is not UTF-8 cannot be written as a JSON string; send it \
                 as a multipart file part",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for File {
    /// From a JSON string.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;

        impl Visitor<'_> for FileVisitor {
            type Value = File;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("file content as a string")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<File, E> {
                Ok(File::new(value.to_owned()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<File, E> {
                Ok(File::new(value))
            }

            fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<File, E> {
                Ok(File::new(value.to_vec()))
            }
        }

        deserializer.deserialize_str(FileVisitor)
    }
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Bytes,
}

/// A `multipart/form-data` body being built, part by part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<Part>,
}

/// Whether a media type is JSON (`application/json`, `…+json`).
fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Serializes a `T` through the adapter `A` (see [`super::codec`]).
struct Adapted<'a, A, T>(&'a T, std::marker::PhantomData<A>);

impl<A: SerializeAs<T>, T> Serialize for Adapted<'_, A, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.0, serializer)
    }
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file part. Its content type is the file's own, else `content_type` (from
    /// the spec), else `application/octet-stream`; its file name is the file's own, else
    /// the part's name.
    pub fn file(
        &mut self,
        name: &str,
        file: &File,
        content_type: Option<&str>,
    ) -> Result<(), RequestError> {
        let content_type = file
            .content_type()
            .or(content_type)
            .unwrap_or("application/octet-stream");
        self.push(Part {
            name: name.to_owned(),
            file_name: Some(file.file_name().unwrap_or(name).to_owned()),
            content_type: Some(content_type.to_owned()),
            body: file.bytes.clone(),
        })
    }

    /// Adds one file part per file, all under `name`.
    pub fn files(
        &mut self,
        name: &str,
        files: &[File],
        content_type: Option<&str>,
    ) -> Result<(), RequestError> {
        files
            .iter()
            .try_for_each(|file| self.file(name, file, content_type))
    }

    /// Adds the parts of a property's value: nothing for `null`; a text part for a
    /// string, number or boolean; a JSON part for an object; a part per item for a list.
    /// With a JSON `content_type`, the whole value is one JSON part.
    pub fn value<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<(), RequestError> {
        let node = Node::of(value)?;
        match content_type.filter(|c| is_json(c)) {
            Some(_) if node == Node::Null => Ok(()),
            Some(content_type) => {
                let json = serde_json::to_vec(&node).map_err(RequestError::Body)?;
                self.text_part(name, content_type, Bytes::from(json))
            }
            None => self.node(name, &node, content_type, true),
        }
    }

    /// Like [`Multipart::value`], for a value written through the serde adapter `A`
    /// (timestamps, dates, 64-bit integers as strings).
    pub fn value_as<A: SerializeAs<T>, T>(
        &mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<(), RequestError> {
        self.value(
            name,
            &Adapted::<A, T>(value, std::marker::PhantomData),
            content_type,
        )
    }

    /// Adds a part (or parts) per property of `body`, which must serialize to an object:
    /// for bodies that are not one struct (unions, maps).
    pub fn properties<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), RequestError> {
        match Node::of(body)? {
            Node::Object(entries) => entries
                .iter()
                .try_for_each(|(name, value)| self.node(name, value, None, true)),
            other => Err(RequestError::InvalidBody(format!(
                "a multipart body must be an object, not {}",
                other.kind()
            ))),
        }
    }

    fn node(
        &mut self,
        name: &str,
        node: &Node,
        content_type: Option<&str>,
        top: bool,
    ) -> Result<(), RequestError> {
        match node {
            Node::Null => Ok(()),
            Node::List(items) if top => items
                .iter()
                .try_for_each(|item| self.node(name, item, content_type, false)),
            Node::List(_) | Node::Object(_) => {
                let json = serde_json::to_vec(node).map_err(RequestError::Body)?;
                self.text_part(
                    name,
                    content_type.unwrap_or("application/json"),
                    Bytes::from(json),
                )
            }
            scalar => {
                let text = scalar.text().unwrap_or_default();
                self.push(Part {
                    name: name.to_owned(),
                    file_name: None,
                    content_type: content_type.map(str::to_owned),
                    body: Bytes::from(text),
                })
            }
        }
    }

    fn text_part(
        &mut self,
        name: &str,
        content_type: &str,
        body: Bytes,
    ) -> Result<(), RequestError> {
        self.push(Part {
            name: name.to_owned(),
            file_name: None,
            content_type: Some(content_type.to_owned()),
            body,
        })
    }

    fn push(&mut self, part: Part) -> Result<(), RequestError> {
        if let Some(content_type) = &part.content_type
            && content_type.bytes().any(|b| b.is_ascii_control())
        {
            return Err(RequestError::InvalidBody(format!(
                "the content type of part `{}` holds control characters",
                part.name
            )));
        }
        self.parts.push(part);
        Ok(())
    }

    /// The boundary and the encoded body.
    pub fn encode(&self) -> (String, Bytes) {
        let boundary = self.boundary();
        let delimiter = format!("--{boundary}\r\n");
        let mut out = BytesMut::with_capacity(
            self.parts
                .iter()
                .map(|part| part.body.len() + 160 + part.name.len())
                .sum::<usize>()
                + boundary.len()
                + 8,
        );
        for part in &self.parts {
            out.put_slice(delimiter.as_bytes());
            out.put_slice(b"Content-Disposition: form-data; name=\"");
            out.put_slice(quote(&part.name).as_bytes());
            out.put_u8(b'"');
            if let Some(file_name) = &part.file_name {
                out.put_slice(b"; filename=\"");
                out.put_slice(quote(file_name).as_bytes());
                out.put_u8(b'"');
            }
            out.put_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                out.put_slice(b"Content-Type: ");
                out.put_slice(content_type.as_bytes());
                out.put_slice(b"\r\n");
            }
            out.put_slice(b"\r\n");
            out.put_slice(&part.body);
            out.put_slice(b"\r\n");
        }
        out.put_slice(format!("--{boundary}--\r\n").as_bytes());
        (boundary, out.freeze())
    }

    /// A boundary that occurs in no part, derived from the parts.
    fn boundary(&self) -> String {
        let mut hash = Fnv::default();
        for part in &self.parts {
            hash.write(part.name.as_bytes());
            hash.write(part.file_name.as_deref().unwrap_or("").as_bytes());
            hash.write(part.content_type.as_deref().unwrap_or("").as_bytes());
            hash.write(&(part.body.len() as u64).to_le_bytes());
            let edge = part.body.len().min(64);
            hash.write(&part.body[..edge]);
            hash.write(&part.body[part.body.len() - edge..]);
        }
        // Each rejected candidate occurs somewhere in the content, and different
        // candidates of the same length start at different places: few are ever tried.
        let mut attempt: u64 = 0;
        loop {
            let mut candidate = hash.clone();
            candidate.write(&attempt.to_le_bytes());
            let boundary = format!("------------------------{:016x}", candidate.finish());
            if !self
                .parts
                .iter()
                .any(|part| part.holds(boundary.as_bytes()))
            {
                return boundary;
            }
            attempt += 1;
        }
    }
}

impl Part {
    /// Whether `needle` occurs in the part's content or headers.
    fn holds(&self, needle: &[u8]) -> bool {
        let contains = |haystack: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
        contains(&self.body)
            || contains(self.name.as_bytes())
            || self
                .file_name
                .as_deref()
                .is_some_and(|f| contains(f.as_bytes()))
            || self
                .content_type
                .as_deref()
                .is_some_and(|c| contains(c.as_bytes()))
    }
}

/// A name or file name inside the quotes of `Content-Disposition`, escaped as HTML forms
/// do: `"` as `%22`, CR as `%0D`, LF as `%0A`.
fn quote(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// FNV-1a, 64 bits: small, and the same on every platform and run.
#[derive(Clone)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
