// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/stream.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! Response bodies read as they arrive (`text/event-stream`), each read bounded by an
//! idle timeout rather than by a limit on the whole body.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;

use super::error::{Error, TransportError};

/// A response body read chunk by chunk, as the server sends it.
pub struct ByteStream {
    source: Source,
    idle: Option<Duration>,
}

enum Source {
    Live(reqwest::Response),
    Buffered(Option<Bytes>),
}

/// Why the next chunk of a body could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The connection failed.
    Transport(TransportError),
    /// Nothing arrived for this long (the idle timeout).
    Idle(Duration),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "reading the body failed: {error}"),
            Self::Idle(idle) => write!(f, "nothing received for {idle:?}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::Idle(_) => None,
        }
    }
}

impl<E> From<ReadError> for Error<E> {
    fn from(error: ReadError) -> Self {
        match error {
            ReadError::Transport(error) => Error::Transport(error),
            ReadError::Idle(idle) => Error::IdleTimeout(idle),
        }
    }
}

impl ByteStream {
    pub(super) fn live(response: reqwest::Response, idle: Option<Duration>) -> Self {
        Self {
            source: Source::Live(response),
            idle,
        }
    }

    /// A stream of one chunk (a body that was read whole).
    pub fn buffered(body: Bytes) -> Self {
        Self {
            source: Source::Buffered(Some(body).filter(|body| !body.is_empty())),
            idle: None,
        }
    }

    /// The body as it is: what an operation whose stream has no declared type returns.
    pub fn open(self) -> Self {
        self
    }

    /// The longest wait for the next chunk; `None` for no limit.
    pub fn idle_timeout(&self) -> Option<Duration> {
        self.idle
    }

    /// The next chunk; `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ReadError> {
        match &mut self.source {
            Source::Live(response) => {
                let read = response.chunk();
                let read = match self.idle {
                    Some(idle) => tokio::time::timeout(idle, read)
                        .await
                        .map_err(|_| ReadError::Idle(idle))?,
                    None => read.await,
                };
                read.map_err(|error| ReadError::Transport(TransportError::new(error)))
            }
            Source::Buffered(body) => Ok(body.take()),
        }
    }

    /// The rest of the body, read to the end.
    pub async fn collect(mut self) -> Result<Bytes, ReadError> {
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
            .field("idle", &self.idle)
            .finish()
    }
}
