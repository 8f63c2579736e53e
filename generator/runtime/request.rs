//! Building requests, without any I/O: method, path, query, headers, body, credentials.

use std::fmt::{self, Display};

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderName, HeaderValue};
use http::{HeaderMap, Method};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::param::{self, PathStyle, QueryStyle, Value};

/// Everything but RFC 3986's unreserved characters is encoded, so a value can never
/// leave its path segment or query parameter (`/`, `?`, `#`, `%`, `&`, `=`, spaces, …).
pub(super) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a cookie value may not hold as it is (RFC 6265 `cookie-octet`): spaces, quotes,
/// commas, semicolons, backslashes, controls and non-ASCII bytes are percent-encoded.
const COOKIE_OCTETS: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A piece of a request path.
#[derive(Clone, Copy)]
pub enum PathPart<'a> {
    /// Path text copied as is (already valid in a URL).
    Literal(&'static str),
    /// A path parameter: its name (for errors) and value, encoded as exactly one segment.
    Param(&'static str, &'a dyn Display),
    /// A path parameter in a style (see [`param::path`]): its name, value, style and
    /// `explode`.
    Styled(&'static str, &'a Value, PathStyle, bool),
}

/// A security scheme of the API, as the generated code declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Its name in the spec's `components.securitySchemes`.
    pub name: &'static str,
    /// How the credential is sent.
    pub kind: SchemeKind,
}

/// How a credential is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <credential>`; the credential is the base64 of `user:password`.
    Basic,
    /// The credential in the named header.
    ApiKeyHeader(&'static str),
    /// The credential in the named query parameter.
    ApiKeyQuery(&'static str),
    /// The credential in the named cookie (added to the `Cookie` header).
    ApiKeyCookie(&'static str),
}

/// Why a request could not be built. Nothing was sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// A path parameter is empty, which would change the URL's meaning.
    EmptyPathParameter {
        /// The parameter.
        name: &'static str,
    },
    /// A path parameter is `.` or `..`, which URL normalization would resolve away.
    DotPathParameter {
        /// The parameter.
        name: &'static str,
    },
    /// A header name or value holds characters a header cannot carry (such as CR or LF).
    InvalidHeaderValue {
        /// The header.
        name: &'static str,
    },
    /// The body could not be serialized to JSON.
    Body(serde_json::Error),
    /// A parameter's value could not be serialized.
    Parameter {
        /// The parameter.
        name: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The body does not fit its media type (a form body that is not an object, say).
    InvalidBody(String),
    /// Base URL and path do not make a valid URL (shown without any credential that would
    /// have gone into its query).
    InvalidUrl(String),
    /// The operation requires a credential the client does not have: each alternative
    /// the operation accepts, as the names of its security schemes.
    MissingCredential {
        /// The alternatives, any one of which would do.
        alternatives: Vec<Vec<&'static str>>,
    },
    /// A header added to the call has a name or value a header cannot carry.
    InvalidHeader {
        /// The header's name, as given.
        name: String,
    },
}

impl Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyPathParameter { name } => write!(f, "path parameter `{name}` is empty"),
            Self::DotPathParameter { name } => {
                write!(
                    f,
                    "path parameter `{name}` is `.` or `..`, which is not allowed"
                )
            }
            Self::InvalidHeaderValue { name } => write!(
                f,
                "value of header `{name}` contains characters not allowed in a header (such as CR or LF)"
            ),
            Self::Body(error) => write!(f, "request body cannot be serialized: {error}"),
            Self::Parameter { name, message } => {
                write!(f, "parameter `{name}` cannot be serialized: {message}")
            }
            Self::InvalidBody(why) => write!(f, "request body cannot be encoded: {why}"),
            Self::InvalidUrl(url) => write!(f, "`{url}` is not a valid URL"),
            Self::MissingCredential { alternatives } => {
                let wanted: Vec<String> = alternatives
                    .iter()
                    .map(|schemes| {
                        let names: Vec<String> =
                            schemes.iter().map(|name| format!("`{name}`")).collect();
                        names.join(" and ")
                    })
                    .collect();
                write!(
                    f,
                    "no credential for security scheme {}, which this operation requires; \
                     set it on the ClientBuilder (its method named after the scheme)",
                    wanted.join(", or ")
                )
            }
            Self::InvalidHeader { name } => write!(
                f,
                "header `{name}` has a name or value not allowed in a header (such as CR or LF)"
            ),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Body(error) => Some(error),
            _ => None,
        }
    }
}

/// A secret (token, key) that never shows in `Debug` output or errors.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    value: String,
    /// `Bearer <value>`, made once; `None` if the value cannot be a header.
    bearer: Option<HeaderValue>,
}

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let bearer = HeaderValue::try_from(format!("Bearer {value}"))
            .ok()
            .map(|mut header| {
                header.set_sensitive(true);
                header
            });
        Self { value, bearer }
    }

    /// The value itself.
    pub fn expose(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// The credentials a client holds: a secret per security scheme. A secret is only sent
/// to operations that accept its scheme.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    by_scheme: Vec<(String, Secret)>,
}

impl Credentials {
    /// Credentials holding `secret` for the scheme called `scheme`.
    pub fn with(mut self, scheme: &str, secret: Secret) -> Self {
        self.set(scheme, secret);
        self
    }

    /// Uses `secret` for the scheme called `scheme` (replacing any it had).
    pub fn set(&mut self, scheme: &str, secret: Secret) {
        self.by_scheme.retain(|(name, _)| name != scheme);
        self.by_scheme.push((scheme.to_owned(), secret));
    }

    /// Whether there is a secret for the scheme called `scheme`.
    pub fn has(&self, scheme: &str) -> bool {
        self.for_scheme(scheme).is_some()
    }

    /// Whether every secret can be sent in a header (no CR, LF or other control bytes).
    pub fn header_safe(&self) -> bool {
        self.by_scheme
            .iter()
            .all(|(_, secret)| HeaderValue::try_from(secret.expose()).is_ok())
    }

    fn for_scheme(&self, scheme: &str) -> Option<&Secret> {
        self.by_scheme
            .iter()
            .find(|(name, _)| name == scheme)
            .map(|(_, secret)| secret)
    }
}

/// A request, ready to be sent to any base URL: method, encoded path and query, headers,
/// body, and the security schemes that may authorize it.
#[derive(Clone, Debug)]
pub struct Request {
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Bytes,
    security: &'static [&'static [Scheme]],
    server: Option<&'static str>,
    idempotency_header: Option<&'static str>,
}

fn encode(text: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(text, COMPONENT)
}

impl Request {
    /// A request for `method` on the path made of `parts`.
    ///
    /// Each parameter stays inside its path segment: it is percent-encoded (so `/`, `?`,
    /// `#`, `%` and spaces stay inside it), and a parameter whose text is empty or
    /// `.`/`..` is refused.
    pub fn new(method: Method, parts: &[PathPart<'_>]) -> Result<Self, RequestError> {
        let mut path = String::new();
        let check = |name, text: &str| match text {
            "" => Err(RequestError::EmptyPathParameter { name }),
            "." | ".." => Err(RequestError::DotPathParameter { name }),
            _ => Ok(()),
        };
        for part in parts {
            match part {
                PathPart::Literal(text) => path.push_str(text),
                PathPart::Param(name, value) => {
                    let value = value.to_string();
                    check(name, &value)?;
                    path.extend(encode(&value));
                }
                PathPart::Styled(name, value, style, explode) => {
                    let text = param::path(name, value, *style, *explode);
                    check(name, &text)?;
                    path.push_str(&text);
                }
            }
        }
        Ok(Self {
            method,
            path,
            query: String::new(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            security: &[],
            server: None,
            idempotency_header: None,
        })
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &str, value: &dyn Display) {
        self.push_query(name, &encode(&value.to_string()).to_string());
    }

    /// Adds a list query parameter: `name=a&name=b` when `explode`, `name=a,b` otherwise.
    /// (Style `form`; an empty list sends nothing.)
    pub fn query_list<T: Display>(&mut self, name: &str, values: &[T], explode: bool) {
        self.query_styled(name, &Value::list(values), QueryStyle::Form, explode, false);
    }

    fn push_query(&mut self, name: &str, encoded_value: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(&encode(name).to_string());
        self.query.push('=');
        self.query.push_str(encoded_value);
    }

    /// Adds a header; values with CR, LF or other control characters are refused.
    pub fn header(&mut self, name: &'static str, value: &dyn Display) -> Result<(), RequestError> {
        let header =
            HeaderName::try_from(name).map_err(|_| RequestError::InvalidHeaderValue { name })?;
        let value = HeaderValue::try_from(value.to_string())
            .map_err(|_| RequestError::InvalidHeaderValue { name })?;
        self.headers.append(header, value);
        Ok(())
    }

    /// Adds a query parameter in a style (see [`param::query`]).
    pub fn query_styled(
        &mut self,
        name: &str,
        value: &Value,
        style: QueryStyle,
        explode: bool,
        allow_reserved: bool,
    ) {
        param::query(&mut self.query, name, value, style, explode, allow_reserved);
    }

    /// Adds a header parameter in style `simple` (see [`param::header`]); nothing for
    /// `null` or an empty list or object.
    pub fn header_styled(
        &mut self,
        name: &'static str,
        value: &Value,
        explode: bool,
    ) -> Result<(), RequestError> {
        match param::header(value, explode) {
            Some(text) => self.header(name, &text),
            None => Ok(()),
        }
    }

    /// Adds a cookie parameter in style `form` (see [`param::cookie`]) to the request's
    /// one `Cookie` header (`a=1; b=2`).
    pub fn cookie(&mut self, name: &str, value: &Value, explode: bool) {
        let text = param::cookie(name, value, explode);
        if text.is_empty() {
            return;
        }
        let joined = match self.headers.get(COOKIE).map(HeaderValue::to_str) {
            Some(Ok(before)) => format!("{before}; {text}"),
            _ => text,
        };
        // Percent-encoded, so always a valid header value.
        if let Ok(value) = HeaderValue::try_from(joined) {
            self.headers.insert(COOKIE, value);
        }
    }

    /// Sets a JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), RequestError> {
        let bytes = serde_json::to_vec(body).map_err(RequestError::Body)?;
        self.body("application/json", Bytes::from(bytes));
        Ok(())
    }

    /// Sets a JSON body sent as another JSON media type (`application/merge-patch+json`).
    pub fn json_as<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
    ) -> Result<(), RequestError> {
        let bytes = serde_json::to_vec(body).map_err(RequestError::Body)?;
        self.body(content_type, Bytes::from(bytes));
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body (see [`super::form`]), sent as
    /// `content_type`, from `body`'s JSON form and the encodings of its `properties`.
    pub fn form<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
        properties: &[super::form::Property],
    ) -> Result<(), RequestError> {
        let encoded = super::form::encode(body, properties)?;
        self.body(content_type, Bytes::from(encoded));
        Ok(())
    }

    /// Sets a `multipart/form-data` body made of the parts of `form`.
    pub fn multipart(&mut self, form: &super::multipart::Multipart) {
        let (boundary, body) = form.encode();
        // The boundary is ASCII letters, digits and dashes: always a valid header value.
        if let Ok(value) =
            HeaderValue::try_from(format!("multipart/form-data; boundary={boundary}"))
        {
            self.headers.insert(CONTENT_TYPE, value);
        }
        self.body = body;
    }

    /// Sets a body of the given content type (`application/octet-stream` if the given
    /// one is not a valid header value).
    pub fn body(&mut self, content_type: &'static str, body: Bytes) {
        let content_type = HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        self.headers.insert(CONTENT_TYPE, content_type);
        self.body = body;
    }

    /// The alternative sets of schemes, any one of which authorizes the request.
    pub fn security(&mut self, alternatives: &'static [&'static [Scheme]]) {
        self.security = alternatives;
    }

    /// Sends the request to `base_url` instead of the client's (operation-level `servers`),
    /// unless the client overrides it (see `ClientBuilder::base_url`).
    pub fn server(&mut self, base_url: &'static str) {
        self.server = Some(base_url);
    }

    /// Names the header the operation declares for an idempotency key: a call opted into
    /// retries sends one (see `Call::retry_non_idempotent`).
    pub fn idempotency_header(&mut self, name: &'static str) {
        self.idempotency_header = Some(name);
    }

    /// The header the operation declares for an idempotency key, if any.
    pub fn idempotency_header_name(&self) -> Option<&'static str> {
        self.idempotency_header
    }

    /// Adds a header given at run time (a call's extra headers); names and values a
    /// header cannot carry are refused.
    pub fn extra_header(&mut self, name: &str, value: &str) -> Result<(), RequestError> {
        let invalid = || RequestError::InvalidHeader {
            name: name.to_owned(),
        };
        let header = HeaderName::try_from(name).map_err(|_| invalid())?;
        let value = HeaderValue::try_from(value).map_err(|_| invalid())?;
        self.headers.insert(header, value);
        Ok(())
    }

    /// The value of the query parameter `name` (the first, percent-decoded), if sent.
    pub fn query_value(&self, name: &str) -> Option<String> {
        let encoded = encode(name).to_string();
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == encoded).then(|| {
                percent_encoding::percent_decode_str(value)
                    .decode_utf8_lossy()
                    .into_owned()
            })
        })
    }

    /// Sets the query parameter `name` to `value`, replacing every value it had.
    pub fn set_query(&mut self, name: &str, value: &dyn Display) {
        self.remove_query(&encode(name).to_string());
        self.query(name, value);
    }

    /// Takes the query of `url` (a next-page link): each parameter it has replaces the
    /// request's of that name; the request's others stay. Only the query is taken, so
    /// the request keeps its server, path and credentials, whatever host the link names.
    pub fn merge_query_from(&mut self, url: &str) {
        let without_fragment = url.split('#').next().unwrap_or(url);
        let Some((_, query)) = without_fragment.split_once('?') else {
            return;
        };
        let pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty()).collect();
        for pair in &pairs {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            self.remove_query(key);
        }
        for pair in pairs {
            if !self.query.is_empty() {
                self.query.push('&');
            }
            self.query.push_str(pair);
        }
    }

    /// Removes the query parameters whose encoded name is `encoded`.
    fn remove_query(&mut self, encoded: &str) {
        let kept: Vec<&str> = self
            .query
            .split('&')
            .filter(|pair| {
                !pair.is_empty() && pair.split_once('=').map_or(*pair, |(key, _)| key) != encoded
            })
            .collect();
        self.query = kept.join("&");
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The base URL this request must go to, if the operation has its own.
    pub fn server_override(&self) -> Option<&'static str> {
        self.server
    }

    /// The encoded path and query, as sent (`/v2/things/a%2Fb?page=2`).
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// The headers set so far (without credentials).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes (empty when there is none).
    pub fn body_bytes(&self) -> &Bytes {
        &self.body
    }

    /// The complete HTTP request against `base_url`, authorized with `credentials` by the
    /// first alternative they satisfy; when they satisfy none, it is refused
    /// ([`RequestError::MissingCredential`]). Credential headers are marked sensitive, so
    /// the `Debug` output of the result does not show them.
    pub fn to_http(
        &self,
        base_url: &str,
        credentials: &Credentials,
    ) -> Result<http::Request<Bytes>, RequestError> {
        self.clone().into_http(base_url, credentials)
    }

    /// Like [`Request::to_http`], consuming the request (no copy of its parts).
    pub fn into_http(
        self,
        base_url: &str,
        credentials: &Credentials,
    ) -> Result<http::Request<Bytes>, RequestError> {
        let mut headers = self.headers;
        let mut query = self.query;
        // Errors show the URL without the credentials that may be added to its query.
        let credential_free_query = query.len();
        let chosen = self.security.iter().find(|alternative| {
            alternative
                .iter()
                .all(|scheme| credentials.for_scheme(scheme.name).is_some())
        });
        if chosen.is_none() && !self.security.is_empty() {
            return Err(RequestError::MissingCredential {
                alternatives: self
                    .security
                    .iter()
                    .map(|schemes| schemes.iter().map(|scheme| scheme.name).collect())
                    .collect(),
            });
        }
        for scheme in chosen.copied().unwrap_or_default() {
            let Some(secret) = credentials.for_scheme(scheme.name) else {
                continue;
            };
            let header = |prefix: &str| {
                let mut value = HeaderValue::try_from(format!("{prefix}{}", secret.expose()))
                    .map_err(|_| RequestError::InvalidHeaderValue {
                        name: "authorization",
                    })?;
                value.set_sensitive(true);
                Ok::<_, RequestError>(value)
            };
            match scheme.kind {
                SchemeKind::Bearer => {
                    let value = secret
                        .bearer
                        .clone()
                        .ok_or(RequestError::InvalidHeaderValue {
                            name: "authorization",
                        })?;
                    headers.insert(AUTHORIZATION, value);
                }
                SchemeKind::Basic => {
                    headers.insert(AUTHORIZATION, header("Basic ")?);
                }
                SchemeKind::ApiKeyHeader(name) => {
                    let name = HeaderName::try_from(name)
                        .map_err(|_| RequestError::InvalidHeaderValue { name })?;
                    headers.insert(name, header("")?);
                }
                SchemeKind::ApiKeyQuery(name) => {
                    if !query.is_empty() {
                        query.push('&');
                    }
                    query.push_str(&format!("{}={}", encode(name), encode(secret.expose())));
                }
                SchemeKind::ApiKeyCookie(name) => {
                    let cookie = format!(
                        "{}={}",
                        utf8_percent_encode(name, COOKIE_OCTETS),
                        utf8_percent_encode(secret.expose(), COOKIE_OCTETS)
                    );
                    let joined = match headers.get(COOKIE).map(HeaderValue::to_str) {
                        Some(Ok(before)) => format!("{before}; {cookie}"),
                        _ => cookie,
                    };
                    let mut value = HeaderValue::try_from(joined)
                        .map_err(|_| RequestError::InvalidHeaderValue { name: "cookie" })?;
                    value.set_sensitive(true);
                    headers.insert(COOKIE, value);
                }
            }
        }
        let mut url = String::with_capacity(base_url.len() + self.path.len() + query.len() + 1);
        url.push_str(base_url.trim_end_matches('/'));
        url.push_str(&self.path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        let invalid = || {
            let mut shown = format!("{}{}", base_url.trim_end_matches('/'), self.path);
            if credential_free_query > 0 {
                shown.push('?');
                shown.push_str(&query[..credential_free_query]);
            }
            RequestError::InvalidUrl(shown)
        };
        let uri = match http::Uri::try_from(url) {
            Ok(uri) if uri.scheme().is_some() && uri.host().is_some() => uri,
            _ => return Err(invalid()),
        };
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }
}
