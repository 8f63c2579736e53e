//! The operations of the IR: requests, responses and security.

use super::{Adapter, Additional, TypeRef};
use crate::names::RustName;

/// One API operation.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Operation {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Rust name of the request function, client method and module.
    pub fn_name: RustName,
    /// HTTP method.
    pub method: HttpMethod,
    /// The path template as written (`/v2/things/{id}`).
    pub path: String,
    /// The path split into literal parts and parameters.
    pub path_parts: Vec<PathPart>,
    /// Parameters: path ones in path order, then the rest in spec order.
    pub params: Vec<Param>,
    /// The request body (JSON when the operation offers it).
    pub body: Option<RequestBody>,
    /// The body sent as other media types, each by a request function and client method
    /// of its own.
    pub alternatives: Vec<AlternativeBody>,
    /// What a successful response holds.
    pub success: Success,
    /// Declared error responses.
    pub errors: Vec<StatusKey>,
    /// The [`ErrorSet`](super::ErrorSet) constant listing them.
    pub error_set: RustName,
    /// The type error bodies decode into.
    pub error_body: ErrorBody,
    /// Alternative sets of security schemes (their constants), any one of which
    /// authorizes the call.
    pub security: Vec<Vec<RustName>>,
    /// The argument holding the request body.
    pub body_argument: RustName,
    /// The struct of the optional parameters, if there are any.
    pub params_struct: Option<ParamsStruct>,
    /// Base URL overriding the client's, from operation-level `servers`.
    pub server: Option<String>,
    /// Its successful response as server-sent events, read by a method of its own (or
    /// by the main one, when the operation answers nothing else).
    pub streaming: Option<Streaming>,
    /// The request body's boolean `stream` property: the streaming method sends `true`,
    /// the plain one `false`.
    pub stream_flag: Option<StreamFlag>,
    /// How its listing is paginated, when it is.
    pub pagination: Option<Pagination>,
    /// The header parameter the operation declares for an idempotency key (its wire
    /// name, lower case).
    pub idempotency_header: Option<String>,
    /// Doc lines: summary, description, and notes.
    pub docs: Vec<String>,
    /// Short doc lines for the operation's module (the client method has the full docs).
    pub module_docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// Its first tag, which groups it into a cargo feature.
    pub tag: Option<String>,
    /// The feature that compiles it.
    pub gate: super::Gate,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl HttpMethod {
    /// The method of a path item's key (`get`), if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Self::Get,
            "put" => Self::Put,
            "post" => Self::Post,
            "delete" => Self::Delete,
            "options" => Self::Options,
            "head" => Self::Head,
            "patch" => Self::Patch,
            "trace" => Self::Trace,
            _ => return None,
        })
    }

    /// The method as sent (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

/// The struct holding an operation's optional parameters, and the argument passing it.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct ParamsStruct {
    /// The struct's name in the operation's module.
    pub name: RustName,
    /// The argument of the request function and client method.
    pub argument: RustName,
}

/// How a parameter is passed to the request function and client method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Passing {
    /// By value: a small `Copy` scalar.
    Value,
    /// As `&str`.
    Str,
    /// As a slice `&[T]` of the list's items.
    Slice,
    /// By reference.
    Ref,
    /// As an `Option` field of the operation's optional-parameters struct.
    Optional,
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum PathPart {
    /// Text copied as is.
    Literal(String),
    /// A parameter, by index into [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// One path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie, in the request's one `Cookie` header.
    Cookie,
}

/// How a parameter's value is written: OpenAPI's `style` (with [`Param::explode`]), as
/// sent. The table of what each gives is in the runtime's `param` module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// Query and cookie: `color=blue`, `color=blue,black` / `color=blue&color=black`.
    Form,
    /// Query: items separated by `%20`.
    SpaceDelimited,
    /// Query: items separated by `%7C` (`|`).
    PipeDelimited,
    /// Query: `color[R]=100`, nested objects and lists at any depth.
    DeepObject,
    /// Path and header: `blue,black`, `R,100,G,200` / `R=100,G=200`.
    Simple,
    /// Path: `.blue`.
    Label,
    /// Path: `;color=blue`.
    Matrix,
}

/// How a parameter's Rust value becomes the text or structure its style writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamShape {
    /// One value written with `Display` (scalars, string enums, unions of them).
    Scalar,
    /// A list of such values.
    List,
    /// Anything else (objects, maps, nested lists, any JSON value), written from its
    /// `Serialize` form: the type needs `Serialize`.
    Serialized,
    /// The value's JSON text as one scalar (`content: application/json`): the type needs
    /// `Serialize`.
    Json,
}

/// An operation parameter.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Param {
    /// Rust name.
    pub name: RustName,
    /// Name on the wire.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// How the value becomes what the style writes.
    pub shape: ParamShape,
    /// Must be given.
    pub required: bool,
    /// How it is written.
    pub style: ParamStyle,
    /// Lists and objects: each item or property written separately (`explode: true`) or
    /// joined into one value.
    pub explode: bool,
    /// Query: RFC 3986 reserved characters in the value are sent unencoded
    /// (`allowReserved: true`), except those that would end or split it.
    pub allow_reserved: bool,
    /// How it is passed.
    pub passing: Passing,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// A request body.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct RequestBody {
    /// The Rust type passed in.
    pub ty: TypeRef,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// The media type sent as `Content-Type`.
    pub content_type: String,
    /// Must be given.
    pub required: bool,
    /// Doc lines.
    pub docs: Vec<String>,
    /// For form and multipart bodies: the media type's `encoding` of the properties it
    /// names, in the spec's order.
    pub properties: Vec<PropertyEncoding>,
    /// For multipart bodies that are one struct: a part per field. Other multipart
    /// bodies are sent property by property from their JSON form.
    pub parts: Option<Parts>,
}

/// How a body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// JSON.
    Json,
    /// Raw bytes.
    Bytes,
    /// UTF-8 text.
    Text,
    /// `application/x-www-form-urlencoded`, from the body's JSON form.
    Form,
    /// `multipart/form-data`.
    Multipart,
}

/// A request body sent as another media type than the operation's main one.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct AlternativeBody {
    /// Rust name of the client method (`<operation>_multipart`).
    pub method_name: RustName,
    /// Rust name of the request function in the operation's module (`request_multipart`).
    pub request_fn: RustName,
    /// The body.
    pub body: RequestBody,
    /// Doc lines of the client method.
    pub docs: Vec<String>,
}

/// How one property of a form or multipart body is encoded (an `encoding` entry).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PropertyEncoding {
    /// The property's name on the wire.
    pub wire_name: String,
    /// `style`, if given (forms only).
    pub style: Option<FormStyle>,
    /// `explode`, or its default for the style (forms only).
    pub explode: bool,
    /// `contentType`, when it names one media type.
    pub content_type: Option<String>,
    /// `contentType` is JSON: the value is sent as JSON text.
    pub json: bool,
}

/// How a property of a form body is laid out: OpenAPI's `style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormStyle {
    /// `form`.
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
}

/// The parts of a multipart body that is one struct.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Parts {
    /// A part (or a part per item) for each field, in field order.
    pub fields: Vec<Part>,
    /// The struct's map of other properties, a part each.
    pub additional: Option<Additional>,
}

/// The part of a multipart body holding one field of the body's struct.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Part {
    /// Rust name of the field.
    pub field: RustName,
    /// Name of the part.
    pub wire_name: String,
    /// The field's type, without the `Option` of optional fields.
    pub ty: TypeRef,
    /// The field is an `Option`: no part when `None`.
    pub optional: bool,
    /// The part's content type from the `encoding`, if it names one.
    pub content_type: Option<String>,
    /// How the value's JSON differs from its type (for JSON and text parts).
    pub adapter: Option<Adapter>,
}

/// A response status as declared: `200`, `4XX` or `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKey {
    /// One status code.
    Code(u16),
    /// A class: `4XX` is `Range(4)`.
    Range(u8),
    /// Any other status.
    Default,
}

impl std::fmt::Display for StatusKey {
    /// As the spec writes it: `404`, `4XX`, `default`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusKey::Code(code) => write!(f, "{code}"),
            StatusKey::Range(class) => write!(f, "{class}XX"),
            StatusKey::Default => f.write_str("default"),
        }
    }
}

/// What a successful response decodes into.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Success {
    /// Every success status has the same body kind and type.
    Single {
        /// Statuses that count as success.
        statuses: Vec<StatusKey>,
        /// Their body.
        body: ResponseBody,
    },
    /// Success statuses with different bodies: a generated enum.
    Several {
        /// The enum's Rust name.
        name: RustName,
        /// One variant per status.
        variants: Vec<SuccessVariant>,
    },
}

/// One status of a multi-status success enum.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct SuccessVariant {
    /// Rust variant name.
    pub name: RustName,
    /// The status it answers to.
    pub status: StatusKey,
    /// The body it holds.
    pub body: ResponseBody,
}

/// The body of a response.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum ResponseBody {
    /// JSON, decoded into the type.
    Json(TypeRef),
    /// No body (`()`).
    Empty,
    /// Text (`String`).
    Text,
    /// Bytes (`bytes::Bytes`).
    Bytes,
    /// A stream of byte chunks read as they arrive (`text/event-stream`); the
    /// transport-free decoder sees it as bytes.
    Stream,
}

/// What declared error responses decode into.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum ErrorBody {
    /// No declared error has a body.
    None,
    /// All declared errors with a body share this JSON type.
    Json(TypeRef),
    /// Declared errors have different JSON bodies: a generated enum, decoded by status.
    Several {
        /// The enum's Rust name.
        name: RustName,
        /// One variant per body type.
        variants: Vec<ErrorVariant>,
    },
}

/// One body type of a multi-type error enum.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct ErrorVariant {
    /// Rust variant name.
    pub name: RustName,
    /// The statuses whose body it is.
    pub statuses: Vec<StatusKey>,
    /// The body's type.
    pub ty: TypeRef,
}

/// A security scheme.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    /// Rust name of the generated constant.
    pub const_name: RustName,
    /// How it is sent.
    pub kind: SecurityKind,
    /// Rust name of the `ClientBuilder` method setting its credential.
    pub setter: RustName,
    /// The environment variable `Client::from_env` reads its credential from.
    pub env_var: String,
    /// Doc lines: its `description`.
    pub docs: Vec<String>,
    /// Some generated operation requires it, so its constant is emitted.
    pub used: bool,
    /// The features of the operations that require it.
    pub gate: super::Gate,
}

/// How credentials are sent.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64>` of a pre-encoded value.
    Basic,
    /// An API key in a header.
    ApiKeyHeader(String),
    /// An API key in the query string.
    ApiKeyQuery(String),
    /// An API key in a cookie.
    ApiKeyCookie(String),
}

/// An operation's successful response read as server-sent events.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Streaming {
    /// Rust name of the client method returning the event stream.
    pub method_name: RustName,
    /// The operation module's request function it sends (`request_stream`, or `request`
    /// when it replaces the main method).
    pub request_fn: RustName,
    /// The operation module's decoder of its responses that are not streamed.
    pub response_fn: RustName,
    /// The operation module's function turning the body into the typed event stream.
    pub events_fn: RustName,
    /// What each event's data is.
    pub data: EventData,
    /// The operation answers nothing but the stream: the main client method streams.
    pub replaces_main: bool,
    /// Success statuses that stream.
    pub statuses: Vec<StatusKey>,
    /// Doc lines of the client method.
    pub docs: Vec<String>,
}

/// What the data of each event of a stream is.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum EventData {
    /// JSON, decoded into the type.
    Json(TypeRef),
    /// Text, taken as it is.
    Text,
}

/// A boolean property of the request body that asks for a streamed response.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct StreamFlag {
    /// Rust name of the body struct's field.
    pub field: RustName,
    /// The field is an `Option<bool>`.
    pub optional: bool,
}

/// How an operation's listing is paginated.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Pagination {
    /// Rust name of the client method returning the pages.
    pub method_name: RustName,
    /// The operation module's function taking a page's items out of its body.
    pub items_fn: RustName,
    /// The operation module's constant describing the pagination.
    pub paging_const: RustName,
    /// Where the items are in the JSON body (empty: the body is the list).
    pub items_path: Vec<String>,
    /// How the items are taken out of the decoded body.
    pub items: ItemsAccess,
    /// The type of one item.
    pub item_ty: TypeRef,
    /// How the next page is asked for.
    pub next: PageNext,
    /// Declared by the `x-rust-pagination` extension rather than detected.
    pub declared: bool,
    /// Doc lines of the client method.
    pub docs: Vec<String>,
}

/// How a page's items are taken out of its decoded body.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum ItemsAccess {
    /// The body is the list.
    Body,
    /// A field of the body's struct.
    Field {
        /// Rust name of the field.
        name: RustName,
        /// The field is an `Option`.
        optional: bool,
    },
}

/// How the next page is asked for (the runtime's `Next`); names are wire names, paths
/// are property names from the top of the JSON body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PageNext {
    /// A page number.
    PageNumber {
        /// The page parameter.
        page: String,
        /// The number of the first page.
        first: i64,
        /// The page-size parameter.
        size: Option<String>,
        /// Where the body has the next page's URL.
        link: Option<Vec<String>>,
        /// Where the body has the number of items in all pages.
        total: Option<Vec<String>>,
    },
    /// An opaque cursor from the body.
    Cursor {
        /// The cursor parameter.
        param: String,
        /// Where the body has the next cursor.
        cursor: Vec<String>,
        /// Where the body says whether there are more pages, if it does.
        has_more: Option<Vec<String>>,
    },
    /// The last item's ID, while the body says there are more.
    AfterLastItem {
        /// The parameter taking the ID.
        param: String,
        /// Where the body says whether there are more.
        has_more: Vec<String>,
        /// The ID property of an item.
        id: String,
    },
    /// An item offset.
    Offset {
        /// The offset parameter.
        offset: String,
        /// The page-size parameter.
        limit: Option<String>,
        /// Where the body has the number of items in all pages.
        total: Option<Vec<String>>,
    },
    /// The `Link` response header's `rel="next"`.
    LinkHeader,
    /// The body's link to the next page, with no page parameter declared.
    NextLink {
        /// Where the body has the next page's URL.
        link: Vec<String>,
    },
}
