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
use super::pages::{Pages, Paging};
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
    /// None of the environment variables that may hold a credential is set.
    MissingCredentials {
        /// The variables, one per security scheme.
        vars: Vec<String>,
    },
    /// The token holds characters a header cannot carry (such as CR or LF).
    InvalidToken,
    /// The user agent holds characters a header cannot carry.
    InvalidUserAgent,
    /// No base URL: the spec declares no server and none was set.
    MissingBaseUrl,
    /// The base URL is not absolute (no `scheme://`): the spec's server is relative to
    /// wherever the API is served (`/api/v1`), and no full URL was set.
    RelativeBaseUrl {
        /// The base URL.
        base_url: String,
    },
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
            Self::MissingCredentials { vars } => write!(
                f,
                "none of the environment variables {} is set; each holds the credential of one \
                 security scheme",
                vars.join(", ")
            ),
            Self::InvalidToken => f.write_str(
                "the token contains characters not allowed in a header (such as CR or LF)",
            ),
            Self::InvalidUserAgent => {
                f.write_str("the user agent contains characters not allowed in a header")
            }
            Self::MissingBaseUrl => {
                f.write_str("no base URL: the spec declares no server, so set one with `base_url`")
            }
            Self::RelativeBaseUrl { base_url } => write!(
                f,
                "the base URL `{base_url}` is relative (the spec's server is relative to wherever \
                 the API is served): set the full URL with `base_url`, such as \
                 `https://example.com{base_url}`"
            ),
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
/// Defaults: 10 s to connect, 60 s for a whole request (per attempt) and 60 s of silence
/// for a stream, the default [`RetryPolicy`], response bodies read up to 64 MiB, and the
/// body of a response that is retried drained up to 64 KiB so its connection is reused
/// (see [`ClientBuilder::max_drain_bytes`]). The generated crate adds a method per
/// security scheme of the API, named after it, that sets its credential.
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    base_url_set: bool,
    servers: Vec<(String, String)>,
    credentials: Credentials,
    primary_scheme: Option<&'static str>,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
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
            base_url_set: false,
            servers: Vec::new(),
            credentials: Credentials::default(),
            primary_scheme: None,
            user_agent: user_agent.into(),
            connect_timeout: Duration::from_secs(10),
            timeout: Some(Duration::from_secs(60)),
            idle_timeout: Some(Duration::from_secs(60)),
            retry: RetryPolicy::default(),
            http: None,
            max_body_bytes: 64 << 20,
            drain: Drain::default(),
        }
    }

    /// Sends every request to `base_url` (for example a test server) instead of the
    /// default: also those of operations the spec sends to a server of their own, unless
    /// [`ClientBuilder::server_base_url`] redirects that server elsewhere. One override
    /// for the whole API; one per server with `server_base_url`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self.base_url_set = true;
        self
    }

    /// Sends the requests of the operations whose own server (in the spec's `servers`,
    /// variables at their defaults) is `server` to `base_url` instead. Each operation's
    /// documentation names its server when it has one.
    pub fn server_base_url(mut self, server: &str, base_url: impl Into<String>) -> Self {
        let server = server.trim_end_matches('/');
        self.servers.retain(|(known, _)| known != server);
        self.servers.push((server.to_owned(), base_url.into()));
        self
    }

    /// Names the security scheme whose credential [`ClientBuilder::token`] sets (the
    /// generated `Client::builder` names the API's main one).
    pub fn primary_scheme(mut self, scheme: &'static str) -> Self {
        self.primary_scheme = Some(scheme);
        self
    }

    /// Authenticates with `token` for the API's main security scheme (see
    /// [`ClientBuilder::primary_scheme`]); it is sent only to the operations that accept
    /// that scheme. An API without security schemes sends it nowhere.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        if let Some(scheme) = self.primary_scheme {
            self.credentials.set(scheme, Secret::new(token));
        }
        self
    }

    /// Authenticates with the token in the environment variable `var` (see
    /// [`ClientBuilder::token`]).
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

    /// Reads the credential of each security scheme from its environment variable
    /// (`(scheme, variable)` pairs). A variable that is not set leaves its scheme without
    /// a credential (its operations are refused before sending); an empty one is an
    /// error, and so is none being set.
    pub fn credentials_from_env(mut self, vars: &[(&str, &str)]) -> Result<Self, BuildError> {
        let mut found = false;
        for (scheme, var) in vars {
            match std::env::var(var) {
                Ok(secret) if secret.trim().is_empty() => {
                    return Err(BuildError::EmptyToken {
                        var: (*var).to_owned(),
                    });
                }
                Ok(secret) => {
                    self.credentials.set(scheme, Secret::new(secret));
                    found = true;
                }
                Err(_) => {}
            }
        }
        match vars {
            _ if found => Ok(self),
            [(_, var)] => Err(BuildError::MissingToken {
                var: (*var).to_owned(),
            }),
            _ => Err(BuildError::MissingCredentials {
                vars: vars.iter().map(|(_, var)| (*var).to_owned()).collect(),
            }),
        }
    }

    /// Uses `secret` for the security scheme named `scheme` in the spec; it is sent only
    /// to the operations that accept that scheme.
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
    /// no limit. Streamed responses are bounded by [`ClientBuilder::idle_timeout`]
    /// instead.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limits how long a streamed response (server-sent events) may stay silent: for
    /// its headers, and then between two chunks of its body; `None` for no limit. A
    /// stream may last as long as it keeps sending. Default 60 s.
    pub fn idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.idle_timeout = timeout;
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
        if !self.base_url.contains("://") {
            return Err(BuildError::RelativeBaseUrl {
                base_url: self.base_url,
            });
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
                base_url_set: self.base_url_set,
                servers: self.servers,
                credentials: self.credentials,
                user_agent,
                timeout: self.timeout,
                idle_timeout: self.idle_timeout,
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
    base_url_set: bool,
    servers: Vec<(String, String)>,
    credentials: Credentials,
    user_agent: HeaderValue,
    timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
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
            receive: Receive::Whole(decode),
            options: CallOptions::default(),
        }
    }

    /// A call of an operation whose successful response is a stream: its body is handed
    /// to `open` (which makes it, say, an [`EventStream`](super::sse::EventStream)) as
    /// soon as the headers arrive, and read under the idle timeout rather than the total
    /// one. Other responses are read whole and decoded with `decode`.
    pub fn call_stream<T, E>(
        &self,
        request: Result<Request, RequestError>,
        decode: Decoder<Bytes, E>,
        open: fn(ByteStream) -> T,
    ) -> Call<'_, T, E> {
        Call {
            client: self,
            request,
            receive: Receive::Stream { decode, open },
            options: CallOptions::default(),
        }
    }

    /// The pages of a paginated operation: `request` asks for the first, `paging` says
    /// how to ask for the next, `items` takes a page's items out of its body. Nothing is
    /// sent until the stream is read.
    pub fn pages<T, E, I>(
        &self,
        request: Result<Request, RequestError>,
        decode: Decoder<T, E>,
        items: fn(T) -> Vec<I>,
        paging: &'static Paging,
    ) -> Pages<'_, T, E, I> {
        Pages::new(self, request, decode, items, paging)
    }

    /// Sends `request`, retrying as the policy allows, and decodes the final response
    /// with `decode`.
    pub async fn execute<T, E>(
        &self,
        request: Request,
        decode: Decoder<T, E>,
    ) -> Result<Response<T>, Error<E>> {
        self.execute_with(request, decode, &CallOptions::default())
            .await
            .map(|(response, _)| response)
    }

    /// [`Client::execute`] with a call's options, keeping the body as received too (a
    /// listing reads where its next page is from it).
    pub(super) async fn execute_with<T, E>(
        &self,
        request: Request,
        decode: Decoder<T, E>,
        options: &CallOptions,
    ) -> Result<(Response<T>, Bytes), Error<E>> {
        let read = match self.send(request, false, options).await? {
            Received::Read(read) => read,
            // `send` only keeps a response live when asked to.
            Received::Live(response) => buffer(response, self.inner.max_body_bytes)
                .await
                .map_err(transport)?,
        };
        let raw = read.body().clone();
        read.decode(decode).map(|response| (response, raw))
    }

    /// Like [`Client::execute`], but a successful (2xx) response is returned as soon as
    /// its headers arrive, with the body as a [`ByteStream`] read chunk by chunk
    /// (`text/event-stream`) under the idle timeout. Other responses are read whole and
    /// decoded with `decode`.
    pub async fn execute_stream<E>(
        &self,
        request: Request,
        decode: Decoder<Bytes, E>,
    ) -> Result<Response<ByteStream>, Error<E>> {
        self.execute_stream_with(request, decode, &CallOptions::default())
            .await
    }

    async fn execute_stream_with<E>(
        &self,
        request: Request,
        decode: Decoder<Bytes, E>,
        options: &CallOptions,
    ) -> Result<Response<ByteStream>, Error<E>> {
        let idle = options.idle_timeout(self.inner.idle_timeout);
        match self.send(request, true, options).await? {
            Received::Live(response) => Ok(Response::new(
                response.status(),
                response.headers().clone(),
                ByteStream::live(response, idle),
            )),
            Received::Read(read) => read.decode(decode).map(|decoded| {
                let (status, headers) = (decoded.status(), decoded.headers().clone());
                Response::new(status, headers, ByteStream::buffered(decoded.into_body()))
            }),
        }
    }

    /// The base URL a request goes to: the client's, or the operation's own server's
    /// (`server`) unless the client overrides the server or every base URL.
    fn base_url_for<'r>(&'r self, server: Option<&'r str>) -> &'r str {
        let inner = &*self.inner;
        match server {
            None => &inner.base_url,
            Some(server) => match inner
                .servers
                .iter()
                .find(|(known, _)| known == server.trim_end_matches('/'))
            {
                Some((_, url)) => url,
                None if inner.base_url_set => &inner.base_url,
                None => server,
            },
        }
    }

    /// Sends with retries. The final response is read whole, unless `live` and it is a
    /// success, when it is returned before its body is read.
    async fn send<E>(
        &self,
        request: Request,
        live: bool,
        options: &CallOptions,
    ) -> Result<Received, Error<E>> {
        let inner = &*self.inner;
        let base_url = self.base_url_for(request.server_override());
        let prepared = request.into_http(base_url, &inner.credentials)?;
        let retry = options.retry(&inner.retry);
        let retry_allowed = retry.allows(prepared.method());
        // A live response is waited for no longer than the idle timeout, and read with
        // no total limit; a whole one under the total timeout.
        let (timeout, wait) = if live {
            (None, options.idle_timeout(inner.idle_timeout))
        } else {
            (options.timeout(inner.timeout), None)
        };
        let mut retries = 0;
        loop {
            let may_retry = retry_allowed && retries < retry.max_retries;
            let delay = match self.attempt(&prepared, timeout, wait).await {
                Ok(response) => {
                    let status = response.status();
                    if may_retry && RetryPolicy::retryable_status(status) {
                        let received = Instant::now();
                        let delay = retry.delay(retries, Some((status, response.headers())));
                        inner.drain.run(response, delay).await;
                        delay.saturating_sub(received.elapsed())
                    } else if live && status.is_success() {
                        return Ok(Received::Live(response));
                    } else {
                        let read = buffer(response, inner.max_body_bytes);
                        let read = match wait {
                            Some(wait) => match tokio::time::timeout(wait, read).await {
                                Ok(read) => read,
                                Err(_) => return Err(Error::IdleTimeout(wait)),
                            },
                            None => read.await,
                        };
                        match read {
                            Ok(read) => return Ok(Received::Read(read)),
                            Err(_) if may_retry => retry.delay(retries, None),
                            Err(error) => return Err(transport(error)),
                        }
                    }
                }
                Err(Failure::Http(error)) => {
                    let retryable = error.is_connect() || error.is_timeout() || error.is_request();
                    if !(may_retry && retryable) {
                        return Err(transport(error));
                    }
                    retry.delay(retries, None)
                }
                Err(Failure::Idle(wait)) if !may_retry => return Err(Error::IdleTimeout(wait)),
                Err(Failure::Idle(_)) => retry.delay(retries, None),
            };
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            retries += 1;
        }
    }

    /// One attempt: `timeout` bounds it whole; `wait`, the wait for the headers.
    async fn attempt(
        &self,
        prepared: &http::Request<Bytes>,
        timeout: Option<Duration>,
        wait: Option<Duration>,
    ) -> Result<reqwest::Response, Failure> {
        let inner = &*self.inner;
        let mut copy = http::Request::new(prepared.body().clone());
        *copy.method_mut() = prepared.method().clone();
        *copy.uri_mut() = prepared.uri().clone();
        *copy.headers_mut() = prepared.headers().clone();
        copy.headers_mut()
            .insert(USER_AGENT, inner.user_agent.clone());
        let mut request = reqwest::Request::try_from(copy).map_err(Failure::Http)?;
        *request.timeout_mut() = timeout;
        let sent = inner.http.execute(request);
        match wait {
            Some(wait) => match tokio::time::timeout(wait, sent).await {
                Ok(result) => result.map_err(Failure::Http),
                Err(_) => Err(Failure::Idle(wait)),
            },
            None => sent.await.map_err(Failure::Http),
        }
    }
}

/// Why an attempt got no response.
enum Failure {
    Http(reqwest::Error),
    /// No response headers within the idle timeout of a stream.
    Idle(Duration),
}

/// What a call changes of the client's settings for itself.
#[derive(Clone, Debug, Default)]
pub(super) struct CallOptions {
    /// The total timeout of each attempt (of a stream: its idle timeout).
    pub(super) timeout: Option<Option<Duration>>,
    /// Retries after the first attempt.
    pub(super) max_retries: Option<u32>,
    /// Retry even if the method is not idempotent.
    pub(super) retry_non_idempotent: bool,
}

impl CallOptions {
    fn timeout(&self, client: Option<Duration>) -> Option<Duration> {
        self.timeout.unwrap_or(client)
    }

    fn idle_timeout(&self, client: Option<Duration>) -> Option<Duration> {
        self.timeout.unwrap_or(client)
    }

    fn retry(&self, client: &RetryPolicy) -> RetryPolicy {
        let mut retry = client.clone();
        if let Some(max_retries) = self.max_retries {
            retry.max_retries = max_retries;
        }
        retry.retry_non_idempotent |= self.retry_non_idempotent;
        retry
    }
}

/// A call of one operation, not sent yet: `.await` it to send it and get the result.
///
/// It is what generated operation methods return; being a plain value rather than an
/// `async fn`'s anonymous future keeps each generated method a one-liner for the
/// compiler (the sending code is type-checked once, here). Its methods change the
/// client's settings for this call alone: [`Call::timeout`], [`Call::max_retries`],
/// [`Call::retry_non_idempotent`], [`Call::idempotency_key`], [`Call::header`].
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    client: &'a Client,
    request: Result<Request, RequestError>,
    receive: Receive<T, E>,
    options: CallOptions,
}

/// How a call's successful response is received.
enum Receive<T, E> {
    /// Read whole and decoded.
    Whole(Decoder<T, E>),
    /// Handed over as a stream as soon as it arrives (errors are read whole).
    Stream {
        decode: Decoder<Bytes, E>,
        open: fn(ByteStream) -> T,
    },
}

impl<T, E> Call<'_, T, E> {
    /// Limits each attempt of this call to `timeout` (`None`: no limit), from sending to
    /// the end of the body. For a streamed response it is the idle timeout instead: how
    /// long the stream may stay silent.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Retries this call up to `max_retries` times (0: one attempt only), under the
    /// client's policy otherwise.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Retries this call even though its method is not idempotent (`POST`, `PATCH`).
    /// When the operation declares an idempotency-key header and the call has none, a
    /// random key is sent, the same in every attempt, so the server can tell a retry
    /// from a new request.
    pub fn retry_non_idempotent(mut self) -> Self {
        self.options.retry_non_idempotent = true;
        self
    }

    /// Sends `key` in the operation's idempotency-key header (`Idempotency-Key` when it
    /// declares none) and retries this call even though its method is not idempotent.
    pub fn idempotency_key(mut self, key: &str) -> Self {
        self.options.retry_non_idempotent = true;
        if let Ok(request) = &mut self.request {
            let name = request
                .idempotency_header_name()
                .unwrap_or("idempotency-key");
            if let Err(error) = request.extra_header(name, key) {
                self.request = Err(error);
            }
        }
        self
    }

    /// Adds the header `name: value` to this call (replacing one the operation set);
    /// a name or value a header cannot carry makes the call fail before sending.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok(request) = &mut self.request
            && let Err(error) = request.extra_header(name, value)
        {
            self.request = Err(error);
        }
        self
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a, E: Send + 'a> IntoFuture for Call<'a, T, E> {
    type Output = Result<Response<T>, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let mut request = self.request?;
            if self.options.retry_non_idempotent
                && let Some(name) = request.idempotency_header_name()
                && !request.headers().contains_key(name)
            {
                request.extra_header(name, &idempotency_key())?;
            }
            match self.receive {
                Receive::Whole(decode) => self
                    .client
                    .execute_with(request, decode, &self.options)
                    .await
                    .map(|(response, _)| response),
                Receive::Stream { decode, open } => {
                    let response = self
                        .client
                        .execute_stream_with(request, decode, &self.options)
                        .await?;
                    let (status, headers) = (response.status(), response.headers().clone());
                    Ok(Response::new(status, headers, open(response.into_body())))
                }
            }
        })
    }
}

/// A random idempotency key: 128 bits from the standard library's randomly seeded
/// hasher, as 32 hex digits.
fn idempotency_key() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let half = || {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(), half())
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
    fn body(&self) -> &Bytes {
        match self {
            Read::Whole(response) | Read::TooLarge(response, _) => response.body(),
        }
    }

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
