//! Response bodies read as they arrive (`text/event-stream`).

use std::fmt;

use bytes::Bytes;

use super::error::TransportError;

/// A response body read chunk by chunk, as the server sends it.
pub struct ByteStream {
    source: Source,
}

enum Source {
    Live(reqwest::Response),
    Buffered(Option<Bytes>),
}

impl ByteStream {
    pub(super) fn live(response: reqwest::Response) -> Self {
        Self {
            source: Source::Live(response),
        }
    }

    /// A stream of one chunk (a body that was read whole).
    pub fn buffered(body: Bytes) -> Self {
        Self {
            source: Source::Buffered(Some(body).filter(|body| !body.is_empty())),
        }
    }

    /// The next chunk; `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        match &mut self.source {
            Source::Live(response) => response.chunk().await.map_err(TransportError::new),
            Source::Buffered(body) => Ok(body.take()),
        }
    }

    /// The rest of the body, read to the end.
    pub async fn collect(mut self) -> Result<Bytes, TransportError> {
        let mut all = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(all))
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.source {
            Source::Live(_) => "live",
            Source::Buffered(_) => "buffered",
        };
        f.debug_struct("ByteStream")
            .field("source", &state)
            .finish()
    }
}
