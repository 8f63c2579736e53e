// Copied by `cargo xtask codegen` from the generator's runtime (`generator/runtime/client.rs`); do not edit.
// Edit the original and run `cargo xtask codegen` again.

//! The HTTP client: sending, timeouts and retries, once for every operation.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::HeaderValue;
use http::header::USER_AGENT;

use super::error::{Error, TransportError, UnexpectedResponse};
use super::request::{Credentials, Request, RequestError, Secret};
use super::response::{DecodeError, Decoder, Response};
use super::retry::RetryPolicy;
use super::stream::ByteStream;

/// Why a [`Client`] could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The environment variable that should hold the token is not set.
    MissingToken {
        /// The variable.
        var: String,
    },
    /// The environment variable that should hold the token is empty.
    EmptyToken {
        /// The variable.
        var: String,
    },
    /// The token holds characters a header cannot carry (such as CR or LF).
    InvalidToken,
    /// The user agent holds characters a header cannot carry.
    InvalidUserAgent,
    /// No base URL: the spec declares no server and none was set.
    MissingBaseUrl,
    /// The HTTP client could not be set up (TLS, resolver).
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingToken { var } => {
                write!(
                    f,
                    "environment variable {var} is not set; it must hold the API token"
                )
            }
            Self::EmptyToken { var } => {
                write!(
                    f,
                    "environment variable {var} is empty; it must hold the API token"
                )
            }
            Self::InvalidToken => f.write_str(
                "the token contains characters not allowed in a header (such as CR or LF)",
            ),
            Self::InvalidUserAgent => {
                f.write_str("the user agent contains characters not allowed in a header")
            }
            Self::MissingBaseUrl => {
                f.write_str("no base URL: the spec declares no server, so set one with `base_url`")
            }
            Self::Http(error) => write!(f, "cannot set up the HTTP client: {error}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Http(error) => Some(error),
            _ => None,
        }
    }
}

/// Configures a [`Client`].
///
/// Defaults: 10 s to connect, 60 s for a whole request (per attempt), the default
/// [`RetryPolicy`], response bodies read up to 64 MiB, and the body of a response that
/// is retried drained up to 64 KiB so its connection is reused (see
/// [`ClientBuilder::max_drain_bytes`]).
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Credentials,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    max_body_bytes: usize,
    drain: Drain,
}

impl ClientBuilder {
    /// A builder for a client of the API at `base_url`, identifying as `user_agent`.
    pub fn new(base_url: impl Into<String>, user_agent: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: Credentials::default(),
            user_agent: user_agent.into(),
            connect_timeout: Duration::from_secs(10),
            timeout: Some(Duration::from_secs(60)),
            retry: RetryPolicy::default(),
            http: None,
            max_body_bytes: 64 << 20,
            drain: Drain::default(),
        }
    }

    /// Sends requests to `base_url` (for example a test server) instead of the default.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Authenticates with `token` (for every security scheme the API has).
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.credentials.set_default(Secret::new(token));
        self
    }

    /// Authenticates with the token in the environment variable `var`.
    pub fn token_from_env(self, var: &str) -> Result<Self, BuildError> {
        match std::env::var(var) {
            Ok(token) if token.trim().is_empty() => Err(BuildError::EmptyToken {
                var: var.to_owned(),
            }),
            Ok(token) => Ok(self.token(token)),
            Err(_) => Err(BuildError::MissingToken {
                var: var.to_owned(),
            }),
        }
    }

    /// Uses `secret` for the security scheme named `scheme` in the spec.
    pub fn credential(mut self, scheme: &str, secret: impl Into<String>) -> Self {
        self.credentials.set(scheme, Secret::new(secret));
        self
    }

    /// Sets the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Limits the time to connect (ignored with [`ClientBuilder::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limits the time of each attempt, from sending to the end of the body; `None` for
    /// no limit.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how failed requests are retried.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets how many times a failed request is retried (0 turns retrying off).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// Limits the size of a response body read whole (default 64 MiB); a longer body
    /// stops being read and gives [`Error::UnexpectedResponse`] with the first
    /// `limit` bytes and [`DecodeError::TooLarge`].
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Before a response with a retryable status (such as a `503`) is retried, its body
    /// is read and discarded, up to `limit` bytes (default 64 KiB), so that its HTTP/1
    /// connection goes back to the pool and the retry reuses it instead of opening a new
    /// one (and, over TLS, doing a new handshake). A body declared or found longer than
    /// `limit` is not read further: its connection is closed, as with `0`, which never
    /// drains. Reading is also bounded in time, see [`ClientBuilder::max_drain_time`].
    /// HTTP/2 responses are never drained: dropping one resets only its stream.
    pub fn max_drain_bytes(mut self, limit: usize) -> Self {
        self.drain.max_bytes = limit;
        self
    }

    /// Bounds the time spent draining the body of a response that is retried (see
    /// [`ClientBuilder::max_drain_bytes`]); default 200 ms, about what a new TLS
    /// connection costs at a 100 ms round trip.
    ///
    /// Draining runs during the wait before the retry, so it may take that whole wait
    /// when the wait is longer: the retry is sent when the wait is over and the body is
    /// drained, or at the latest `time` after the response arrived, whichever is later.
    /// A body still arriving then is dropped with its connection. The attempt's
    /// [`ClientBuilder::timeout`] keeps applying too.
    pub fn max_drain_time(mut self, time: Duration) -> Self {
        self.drain.max_time = time;
        self
    }

    /// Sends through this `reqwest::Client` (its own connect timeout, proxy, TLS settings).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        if self.base_url.is_empty() {
            return Err(BuildError::MissingBaseUrl);
        }
        let user_agent =
            HeaderValue::try_from(self.user_agent).map_err(|_| BuildError::InvalidUserAgent)?;
        if !self.credentials.header_safe() {
            return Err(BuildError::InvalidToken);
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                if rustls::crypto::CryptoProvider::get_default().is_none() {
                    // Another provider may have been installed meanwhile; either is fine.
                    let _ = rustls::crypto::ring::default_provider().install_default();
                }
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .build()
                    .map_err(BuildError::Http)?
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url,
                credentials: self.credentials,
                user_agent,
                timeout: self.timeout,
                retry: self.retry,
                max_body_bytes: self.max_body_bytes,
                drain: self.drain,
            }),
        })
    }
}

/// An API client. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    user_agent: HeaderValue,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    max_body_bytes: usize,
    drain: Drain,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// A call of an operation: `request` (or why it could not be built) and the decoder
    /// of its responses. Nothing is sent until the call is `.await`ed. Every generated
    /// operation method returns one.
    pub fn call<T, E>(
        &self,
        request: Result<Request, RequestError>,
        decode: Decoder<T, E>,
    ) -> Call<'_, T, E> {
        Call {
            client: self,
            request,
            decode,
        }
    }

    /// Sends `request`, retrying as the policy allows, and decodes the final response
    /// with `decode`.
    pub async fn execute<T, E>(
        &self,
        request: Request,
        decode: Decoder<T, E>,
    ) -> Result<Response<T>, Error<E>> {
        match self.send(request, false).await? {
            Received::Read(read) => read.decode(decode),
            // `send` only keeps a response live when asked to.
            Received::Live(response) => buffer(response, self.inner.max_body_bytes)
                .await
                .map_err(transport)?
                .decode(decode),
        }
    }

    /// Like [`Client::execute`], but a successful (2xx) response is returned as soon as
    /// its headers arrive, with the body as a [`ByteStream`] read chunk by chunk
    /// (`text/event-stream`). Other responses are read whole and decoded with `decode`.
    pub async fn execute_stream<E>(
        &self,
        request: Request,
        decode: Decoder<Bytes, E>,
    ) -> Result<Response<ByteStream>, Error<E>> {
        match self.send(request, true).await? {
            Received::Live(response) => Ok(Response::new(
                response.status(),
                response.headers().clone(),
                ByteStream::live(response),
            )),
            Received::Read(read) => read.decode(decode).map(|decoded| {
                let (status, headers) = (decoded.status(), decoded.headers().clone());
                Response::new(status, headers, ByteStream::buffered(decoded.into_body()))
            }),
        }
    }

    /// Sends with retries. The final response is read whole, unless `live` and it is a
    /// success, when it is returned before its body is read.
    async fn send<E>(&self, request: Request, live: bool) -> Result<Received, Error<E>> {
        let inner = &*self.inner;
        let base_url = request.server_override().unwrap_or(&inner.base_url);
        let prepared = request.into_http(base_url, &inner.credentials)?;
        let retry_allowed = inner.retry.allows(prepared.method());
        let mut retries = 0;
        loop {
            let may_retry = retry_allowed && retries < inner.retry.max_retries;
            let delay = match self.attempt(&prepared).await {
                Ok(response) => {
                    let status = response.status();
                    if may_retry && RetryPolicy::retryable_status(status) {
                        let received = Instant::now();
                        let delay = inner
                            .retry
                            .delay(retries, Some((status, response.headers())));
                        inner.drain.run(response, delay).await;
                        delay.saturating_sub(received.elapsed())
                    } else if live && status.is_success() {
                        return Ok(Received::Live(response));
                    } else {
                        match buffer(response, inner.max_body_bytes).await {
                            Ok(read) => return Ok(Received::Read(read)),
                            Err(_) if may_retry => inner.retry.delay(retries, None),
                            Err(error) => return Err(transport(error)),
                        }
                    }
                }
                Err(error) => {
                    let retryable = error.is_connect() || error.is_timeout() || error.is_request();
                    if !(may_retry && retryable) {
                        return Err(transport(error));
                    }
                    inner.retry.delay(retries, None)
                }
            };
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            retries += 1;
        }
    }

    async fn attempt(
        &self,
        prepared: &http::Request<Bytes>,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let inner = &*self.inner;
        let mut copy = http::Request::new(prepared.body().clone());
        *copy.method_mut() = prepared.method().clone();
        *copy.uri_mut() = prepared.uri().clone();
        *copy.headers_mut() = prepared.headers().clone();
        copy.headers_mut()
            .insert(USER_AGENT, inner.user_agent.clone());
        let mut request = reqwest::Request::try_from(copy)?;
        *request.timeout_mut() = inner.timeout;
        inner.http.execute(request).await
    }
}

/// A call of one operation, not sent yet: `.await` it to send it and get the result.
///
/// It is what generated operation methods return; being a plain value rather than an
/// `async fn`'s anonymous future keeps each generated method a one-liner for the
/// compiler (the sending code is type-checked once, here).
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    client: &'a Client,
    request: Result<Request, RequestError>,
    decode: Decoder<T, E>,
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a, E: Send + 'a> IntoFuture for Call<'a, T, E> {
    type Output = Result<Response<T>, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.request?;
            self.client.execute(request, self.decode).await
        })
    }
}

/// A final response: read, or still streaming its body.
enum Received {
    Read(Read),
    Live(reqwest::Response),
}

/// A response whose body was read: whole, or up to the size limit.
enum Read {
    Whole(http::Response<Bytes>),
    TooLarge(http::Response<Bytes>, usize),
}

impl Read {
    fn decode<T, E>(self, decode: Decoder<T, E>) -> Result<Response<T>, Error<E>> {
        match self {
            Read::Whole(response) => decode(response),
            Read::TooLarge(response, limit) => {
                let (parts, body) = response.into_parts();
                Err(Error::UnexpectedResponse(Box::new(UnexpectedResponse {
                    status: parts.status,
                    headers: parts.headers,
                    body,
                    reason: Some(DecodeError::TooLarge { limit }),
                })))
            }
        }
    }
}

/// How much of a retried response's body is read, so that its connection can be reused.
#[derive(Clone, Copy, Debug)]
struct Drain {
    max_bytes: usize,
    max_time: Duration,
}

impl Default for Drain {
    fn default() -> Self {
        Self {
            max_bytes: 64 << 10,
            max_time: Duration::from_millis(200),
        }
    }
}

impl Drain {
    /// Reads and discards `response`'s body, so that hyper returns its HTTP/1 connection
    /// to the pool, unless the body is longer than `max_bytes`, or takes longer than the
    /// larger of `wait` (the retry's backoff, which draining overlaps) and `max_time`.
    /// Whatever is left is dropped, and hyper closes the connection.
    async fn run(self, mut response: reqwest::Response, wait: Duration) {
        // An HTTP/2 stream dropped unread is reset; its connection stays usable.
        if !matches!(
            response.version(),
            http::Version::HTTP_10 | http::Version::HTTP_11
        ) {
            return;
        }
        let max_bytes = u64::try_from(self.max_bytes).unwrap_or(u64::MAX);
        if response
            .content_length()
            .is_some_and(|length| length > max_bytes)
        {
            return;
        }
        let read = async {
            let mut left = self.max_bytes;
            // An error means the connection is lost anyway.
            while let Ok(Some(chunk)) = response.chunk().await {
                match left.checked_sub(chunk.len()) {
                    Some(rest) => left = rest,
                    None => return,
                }
            }
        };
        // Out of time: the body is dropped unread.
        let _ = tokio::time::timeout(wait.max(self.max_time), read).await;
    }
}

/// Reads a response's body, stopping after `limit` bytes.
async fn buffer(mut response: reqwest::Response, limit: usize) -> Result<Read, reqwest::Error> {
    let status = response.status();
    let headers = response.headers().clone();
    let version = response.version();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut length = 0;
    let mut too_large = false;
    while let Some(chunk) = response.chunk().await? {
        if length + chunk.len() > limit {
            chunks.push(chunk.slice(..limit - length));
            too_large = true;
            break;
        }
        length += chunk.len();
        chunks.push(chunk);
    }
    let body = match chunks.len() {
        0 => Bytes::new(),
        1 => chunks.swap_remove(0),
        _ => Bytes::from(chunks.concat()),
    };
    let mut received = http::Response::new(body);
    *received.status_mut() = status;
    *received.headers_mut() = headers;
    *received.version_mut() = version;
    Ok(if too_large {
        Read::TooLarge(received, limit)
    } else {
        Read::Whole(received)
    })
}

fn transport<E>(error: reqwest::Error) -> Error<E> {
    if error.is_timeout() {
        Error::Timeout(TransportError::new(error))
    } else {
        Error::Transport(TransportError::new(error))
    }
}
