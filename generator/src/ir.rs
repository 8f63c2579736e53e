//! The intermediate representation: plain data describing the client to generate.
//!
//! [`crate::lower`] builds it from OpenAPI and makes every decision (names, types,
//! boxing, error types); [`crate::emit`] turns it into tokens without deciding anything.
//! Every name here is final and valid Rust; wire names ride along for serde and URLs.
//! Lists are sorted, so the same spec always gives the same IR.

/// The whole API.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`, as doc lines.
    pub docs: Vec<String>,
    /// The root spec file, as named in the generated headers.
    pub spec_file: String,
    /// The base URL requests go to unless the user sets another (the first `servers` URL).
    pub default_base_url: String,
    /// Environment variable `Client::from_env` reads the token from.
    pub token_env: String,
    /// Named types, sorted by name.
    pub types: Vec<TypeDef>,
    /// Operations, sorted by function name.
    pub operations: Vec<Operation>,
    /// Security schemes the operations use, sorted by name.
    pub security_schemes: Vec<SecurityScheme>,
    /// The distinct lists of declared error statuses, shared by the operations that
    /// declare the same ones; sorted by name.
    pub error_sets: Vec<ErrorSet>,
}

/// A list of declared error statuses several operations share.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorSet {
    /// Rust name of the generated constant.
    pub const_name: String,
    /// The statuses.
    pub statuses: Vec<StatusKey>,
}

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// Doc lines: title, description, and notes such as the default value.
    pub docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// What it is.
    pub kind: TypeKind,
    /// Which ways it crosses the wire, and so which serde impls it gets.
    pub directions: Directions,
}

/// Which ways a type crosses the wire.
///
/// A type only sent in requests gets `Serialize`, one only received gets `Deserialize`;
/// types used both ways, or not by any operation, get both. Fewer impls make large
/// generated crates quicker to compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directions {
    /// Sent in a request body: needs `Serialize`.
    pub sent: bool,
    /// Received in a response body: needs `Deserialize`.
    pub received: bool,
}

impl Directions {
    /// Both ways.
    pub const BOTH: Directions = Directions {
        sent: true,
        received: true,
    };
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(StringEnum),
    /// A `oneOf`/`anyOf`: one of several types.
    Union(Union),
    /// Another name for a type (`type X = Vec<Y>;`).
    Alias(TypeRef),
}

/// An object with known properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Fields in the spec's property order.
    pub fields: Vec<Field>,
    /// Properties not listed above (from `additionalProperties`), kept in a map.
    pub additional: Option<Additional>,
    /// Every field can be left out, so the struct gets `Default`.
    pub default: bool,
}

/// The map field that keeps properties a struct does not list.
#[derive(Clone, Debug, PartialEq)]
pub struct Additional {
    /// Rust name of the map field.
    pub name: String,
    /// Type of each value.
    pub ty: TypeRef,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Rust name (snake case, raw identifier where needed).
    pub name: String,
    /// JSON property name.
    pub wire_name: String,
    /// The value type, without the `Option` that optional fields get.
    pub ty: TypeRef,
    /// Listed in `required`: the field is not wrapped in `Option`.
    pub required: bool,
    /// `nullable: true`: a required field still gets an `Option` (for `null`).
    pub nullable: bool,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct StringEnum {
    /// The listed values.
    pub variants: Vec<EnumVariant>,
    /// Index into `variants` of the spec's `default`.
    pub default: Option<usize>,
    /// Name of the variant that holds any value not listed.
    pub other: String,
}

/// One listed value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// The string on the wire.
    pub value: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// How the JSON says which variant it is.
    pub tagging: Tagging,
    /// Variants, in the order deserialization tries them.
    pub variants: Vec<UnionVariant>,
    /// For tagged unions: the variant holding any value with an unknown tag.
    pub other: Option<String>,
    /// Every variant is a scalar or string enum, so the union gets `Display` (and can be
    /// a path, query or header parameter).
    pub display: bool,
}

/// How a union is represented in JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Tagging {
    /// A property (the `discriminator`) names the variant.
    Internal {
        /// The property.
        property: String,
    },
    /// The first variant that deserializes wins.
    Untagged,
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// The type it holds.
    pub ty: TypeRef,
    /// Discriminator values that select it (tagged unions only).
    pub tags: Vec<String>,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// A Rust type as used in a field, parameter or body.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A named type from [`Api::types`].
    Named(String),
    /// A built-in scalar.
    Scalar(Scalar),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Box<T>`, breaking a cycle of types that contain each other.
    Boxed(Box<TypeRef>),
    /// Any JSON value (`serde_json::Value`).
    Json,
}

impl std::fmt::Display for TypeRef {
    /// The Rust type, short form (for messages).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::Scalar(scalar) => f.write_str(match scalar {
                Scalar::String => "String",
                Scalar::Bool => "bool",
                Scalar::I32 => "i32",
                Scalar::I64 | Scalar::I64String => "i64",
                Scalar::U32 => "u32",
                Scalar::U64 | Scalar::U64String => "u64",
                Scalar::F32 => "f32",
                Scalar::F64 => "f64",
                Scalar::DateTime => "OffsetDateTime",
                Scalar::Date => "Date",
                Scalar::Ipv4 => "Ipv4Addr",
                Scalar::Ipv6 => "Ipv6Addr",
                Scalar::Bytes => "Bytes",
                Scalar::File => "File",
            }),
            TypeRef::List(inner) => write!(f, "Vec<{inner}>"),
            TypeRef::Map(inner) => write!(f, "BTreeMap<String, {inner}>"),
            TypeRef::Boxed(inner) => write!(f, "Box<{inner}>"),
            TypeRef::Json => f.write_str("serde_json::Value"),
        }
    }
}

/// Scalars, with how they look on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `i64` written as a JSON string (`type: string, format: int64`).
    I64String,
    /// `u64` written as a JSON string (`type: string, format: uint64`).
    U64String,
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// A calendar date `YYYY-MM-DD` (`format: date`).
    Date,
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address.
    Ipv6,
    /// Raw bytes (`format: binary` bodies).
    Bytes,
    /// File content with a file name and content type (`format: binary` properties,
    /// which multipart bodies send as file parts): `runtime::File`.
    File,
}

/// One API operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Rust name of the request function, client method and module.
    pub fn_name: String,
    /// HTTP method, upper case.
    pub method: String,
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
    /// The [`ErrorSet`] constant listing them.
    pub error_set: String,
    /// The type error bodies decode into.
    pub error_body: ErrorBody,
    /// Alternative sets of security schemes, any one of which authorizes the call.
    pub security: Vec<Vec<String>>,
    /// Base URL overriding the client's, from operation-level `servers`.
    pub server: Option<String>,
    /// Doc lines: summary, description, and notes.
    pub docs: Vec<String>,
    /// Short doc lines for the operation's module (the client method has the full docs).
    pub module_docs: Vec<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    /// Text copied as is.
    Literal(String),
    /// A parameter, by index into [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Rust name.
    pub name: String,
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
    /// Doc lines.
    pub docs: Vec<String>,
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct AlternativeBody {
    /// Rust name of the client method (`<operation>_multipart`).
    pub method_name: String,
    /// Rust name of the request function in the operation's module (`request_multipart`).
    pub request_fn: String,
    /// The body.
    pub body: RequestBody,
    /// Doc lines of the client method.
    pub docs: Vec<String>,
}

/// How one property of a form or multipart body is encoded (an `encoding` entry).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    /// A part (or a part per item) for each field, in field order.
    pub fields: Vec<Part>,
    /// The struct's map of other properties, a part each.
    pub additional: Option<Additional>,
}

/// The part of a multipart body holding one field of the body's struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Rust name of the field.
    pub field: String,
    /// Name of the part.
    pub wire_name: String,
    /// The field's type, without the `Option` of optional fields.
    pub ty: TypeRef,
    /// The field is an `Option`: no part when `None`.
    pub optional: bool,
    /// The part's content type from the `encoding`, if it names one.
    pub content_type: Option<String>,
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
#[derive(Clone, Debug, PartialEq)]
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
        name: String,
        /// One variant per status.
        variants: Vec<SuccessVariant>,
    },
}

/// One status of a multi-status success enum.
#[derive(Clone, Debug, PartialEq)]
pub struct SuccessVariant {
    /// Rust variant name.
    pub name: String,
    /// The status it answers to.
    pub status: StatusKey,
    /// The body it holds.
    pub body: ResponseBody,
}

/// The body of a response.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    /// No declared error has a body.
    None,
    /// All declared errors with a body share this JSON type.
    Json(TypeRef),
    /// Declared errors have different JSON bodies: a generated enum, decoded by status.
    Several {
        /// The enum's Rust name.
        name: String,
        /// One variant per body type.
        variants: Vec<ErrorVariant>,
    },
}

/// One body type of a multi-type error enum.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorVariant {
    /// Rust variant name.
    pub name: String,
    /// The statuses whose body it is.
    pub statuses: Vec<StatusKey>,
    /// The body's type.
    pub ty: TypeRef,
}

/// A security scheme.
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    /// Rust name of the generated constant.
    pub const_name: String,
    /// How it is sent.
    pub kind: SecurityKind,
}

/// How credentials are sent.
#[derive(Clone, Debug, PartialEq)]
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
