//! Every Rust name is made here, and only here.
//!
//! Names from a spec can hold anything: keywords (`type`), leading digits (`1-click`),
//! punctuation (`$`, `@`, `.`, `-`, spaces), non-ASCII letters, or differ only in case.
//! The functions below wrap `heck` once and always return a valid identifier, as a
//! [`RustName`], which nothing else can make; a [`Namespace`] then makes names unique in
//! one scope with a deterministic suffix. The names the generated code composes (an
//! error-status constant from its statuses, a variant from a status, a method reserved
//! by the runtime's `Client`) are decided here too, so later stages print names and
//! never clean or build one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use crate::diagnostics::unescape_token;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words reserved in every edition; snake-case names that hit one become raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Replaces what `heck` would drop or mangle: a non-ASCII character becomes a word of its
/// code point (`é` → `_ue9_`), and a leading sign on a number is spelled out.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    if let Some(&sign @ ('-' | '+')) = chars.peek() {
        let mut rest = raw[1..].chars();
        if rest.next().is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(if sign == '-' { "minus_" } else { "plus_" });
            chars.next();
        }
    }
    for c in chars {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("_u{:x}_", c as u32));
        }
    }
    out
}

/// Makes `cased` (already cased, ASCII) a valid identifier.
fn finish(cased: String, fallback: &str) -> String {
    let cased = if cased.is_empty() {
        fallback.to_owned()
    } else {
        cased
    };
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{cased}");
    }
    if NOT_RAW.contains(&cased.as_str()) {
        return format!("{cased}_");
    }
    if KEYWORDS.contains(&cased.as_str()) {
        return format!("r#{cased}");
    }
    cased
}

/// A valid Rust identifier (a raw one is spelled `r#type`), made only by this module.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName(String);

impl RustName {
    /// The identifier as written in code (`r#type` for a raw one).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without a raw prefix, for text that is not code.
    pub fn bare(&self) -> &str {
        bare(&self.0)
    }

    /// Whether it is a raw identifier (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.0.starts_with("r#")
    }
}

impl fmt::Display for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq<str> for RustName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RustName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A type or variant name: `UpperCamelCase`.
pub fn type_name(raw: &str) -> RustName {
    RustName(finish(ascii_words(raw).to_upper_camel_case(), "Value"))
}

/// A field, parameter, function or module name: `snake_case`.
pub fn snake_name(raw: &str) -> RustName {
    RustName(finish(ascii_words(raw).to_snake_case(), "value"))
}

/// A constant name: `SHOUTY_SNAKE_CASE`.
pub fn const_name(raw: &str) -> RustName {
    RustName(finish(ascii_words(raw).to_shouty_snake_case(), "VALUE"))
}

/// Names the generated code gives its own items; each is a valid identifier as it is.
pub mod fixed {
    use super::RustName;

    /// A fixed name (valid as written, checked by this module's tests).
    fn name(text: &str) -> RustName {
        RustName(text.to_owned())
    }

    /// An operation's struct of optional parameters.
    pub fn params_struct() -> RustName {
        name("Params")
    }

    /// The argument holding an operation's optional parameters.
    pub fn params_argument() -> RustName {
        name("params")
    }

    /// The argument holding an operation's request body.
    pub fn body_argument() -> RustName {
        name("body")
    }

    /// An operation's enum of successes that differ by status.
    pub fn success_enum() -> RustName {
        name("Success")
    }

    /// An operation's enum of error bodies that differ by status.
    pub fn error_body_enum() -> RustName {
        name("ErrorBody")
    }

    /// The catch-all variant of string enums and tagged unions: `Other`. It is claimed
    /// before the spec's values, so a value that would take it is the one renamed.
    pub fn catch_all_variant() -> RustName {
        name("Other")
    }

    /// The map field keeping a struct's other properties (claimed after the fields, so
    /// it takes a name no property has).
    pub fn additional_field() -> RustName {
        name("additional_properties")
    }

    /// The function of an operation's module that builds its request.
    pub fn request_fn() -> RustName {
        name("request")
    }

    /// The function of an operation's module that decodes its responses.
    pub fn response_fn() -> RustName {
        name("response")
    }

    /// The function of an operation's module building the request of its streaming
    /// method.
    pub fn request_stream_fn() -> RustName {
        name("request_stream")
    }

    /// The function of an operation's module decoding the responses of its streaming
    /// method that are not streamed.
    pub fn response_stream_fn() -> RustName {
        name("response_stream")
    }

    /// The function of an operation's module turning a streamed body into typed events.
    pub fn events_fn() -> RustName {
        name("events")
    }

    /// The function of an operation's module taking a page's items out of its body.
    pub fn items_fn() -> RustName {
        name("items")
    }

    /// The constant of an operation's module describing its pagination.
    pub fn paging_const() -> RustName {
        name("PAGING")
    }
}

/// Names an operation's function and module may not take: the runtime `Client`'s own
/// methods (private ones too: an inherent method may be defined once per type, whatever
/// its visibility). A test checks this against the runtime's source.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "from_env",
    "execute",
    "execute_stream",
    "base_url",
    "retry_policy",
    "call",
    "call_stream",
    "pages",
    "execute_with",
    "execute_stream_with",
    "base_url_for",
    "send",
    "attempt",
    "clone",
    "fmt",
];

/// Names a security scheme's credential setter may not take: the runtime
/// `ClientBuilder`'s own methods. A test checks this against the runtime's source.
pub const BUILDER_METHODS: &[&str] = &[
    "new",
    "base_url",
    "server_base_url",
    "primary_scheme",
    "token",
    "token_from_env",
    "credentials_from_env",
    "credential",
    "user_agent",
    "connect_timeout",
    "timeout",
    "idle_timeout",
    "retry_policy",
    "max_retries",
    "max_body_bytes",
    "max_drain_bytes",
    "max_drain_time",
    "http_client",
    "build",
    "fmt",
];

/// The `ClientBuilder` method setting the credential of the security scheme `raw`: the
/// scheme's name, or with `_credential` after it when the builder has a method of that
/// name.
pub fn scheme_setter(raw: &str) -> RustName {
    let name = snake_name(raw);
    if BUILDER_METHODS.contains(&name.bare()) {
        RustName(format!("{}_credential", name.bare()))
    } else {
        name
    }
}

/// The environment variable holding the credential of the security scheme `raw`, next to
/// the API's token variable `token_env`: `<token_env without _TOKEN>_<SCHEME>`.
pub fn scheme_env(token_env: &str, raw: &str) -> String {
    let prefix = token_env.strip_suffix("_TOKEN").unwrap_or(token_env);
    format!("{prefix}_{}", const_name(raw).bare())
}

/// The client method streaming the events of operation `op` beside its plain one.
pub fn stream_method(op: &RustName) -> RustName {
    RustName(format!("{}_stream", op.bare()))
}

/// The client method listing the pages of operation `op`.
pub fn pages_method(op: &RustName) -> RustName {
    RustName(format!("{}_pages", op.bare()))
}

/// Argument names an operation's functions use themselves.
pub const OPERATION_ARGUMENTS: &[&str] = &["client", "request", "response", "options"];

/// The Rust name of an operation's function, module and client method, from its
/// `operationId`: it may not be one of the [`CLIENT_METHODS`].
pub fn operation_name(operation_id: &str) -> RustName {
    let name = snake_name(operation_id);
    if CLIENT_METHODS.contains(&name.as_str()) {
        RustName(format!("{name}_operation"))
    } else {
        name
    }
}

/// The function of the `webhooks` module that decodes the webhook named `name` (its
/// `operationId` or its key in `webhooks`: `email.sent` → `email_sent`). Nothing else
/// lives in that module, so only keywords need care.
pub fn webhook_fn(name: &str) -> RustName {
    snake_name(name)
}

/// The constant listing an operation's declared error statuses, from the statuses as
/// written (`404`, `4XX`, `default`), so it does not change when unrelated operations do.
pub fn error_set_const(statuses: &[String]) -> RustName {
    if statuses.is_empty() {
        return RustName("NO_ERRORS".to_owned());
    }
    let parts: Vec<String> = statuses.iter().map(|s| s.to_ascii_uppercase()).collect();
    RustName(format!("ERRORS_{}", parts.join("_")))
}

/// The constant of a security scheme: it shares its module with the error-status lists
/// ([`error_set_const`]), so a name that could be one of theirs gets a `SCHEME_` prefix.
pub fn scheme_const(raw: &str) -> RustName {
    let name = const_name(raw);
    if name.0 == "NO_ERRORS" || name.0.starts_with("ERRORS_") {
        RustName(format!("SCHEME_{name}"))
    } else {
        name
    }
}

/// The variant of an operation's success enum for a status code.
pub fn status_variant(code: u16) -> RustName {
    RustName(match code {
        200 => "Ok".to_owned(),
        201 => "Created".to_owned(),
        202 => "Accepted".to_owned(),
        203 => "NonAuthoritative".to_owned(),
        204 => "NoContent".to_owned(),
        206 => "PartialContent".to_owned(),
        code => format!("Status{code}"),
    })
}

/// The variant of an operation's success enum for a class of statuses (`2XX`).
pub fn status_class_variant(class: u8) -> RustName {
    RustName(format!("Other{class}xx"))
}

/// The variant of an operation's success enum for `default`.
pub fn default_variant() -> RustName {
    RustName("Default".to_owned())
}

/// The variant of the string enum `owner` for the value `value`: the value's name without
/// its leading words that repeat the end of the enum's name (`BATCH_JOB_PHASE_PENDING` in
/// `ApiBatchJobPhase` → `Pending`). Only the enum's name and the value are looked at,
/// never the other values, so adding a value never renames another. The whole value's
/// name is kept when nothing would be left, or only a number (`PHASE_1` in `Phase`).
pub fn enum_variant(owner: &RustName, value: &str) -> RustName {
    let full = ascii_words(value).to_snake_case();
    let words: Vec<&str> = full.split('_').filter(|w| !w.is_empty()).collect();
    let owner = owner.bare().to_snake_case();
    let owner: Vec<&str> = owner.split('_').filter(|w| !w.is_empty()).collect();
    let repeated = (1..=owner.len())
        .rev()
        .find(|&k| {
            k < words.len()
                && owner[owner.len() - k..] == words[..k]
                && !words[k].starts_with(|c: char| c.is_ascii_digit())
        })
        .unwrap_or(0);
    if repeated == 0 {
        return type_name(value);
    }
    type_name(&words[repeated..].join("_"))
}

/// Type names the generated crate's root defines (`lib.rs` re-exports them; `Result` is
/// the standard one): a model with one of these names would shadow it wherever both are
/// imported, so such a model gets the suffix `Model` (`Error` → `ErrorModel`). A test
/// checks this against `lib.rs`.
pub const CRATE_ROOT_TYPES: &[&str] = &[
    "ApiError",
    "BuildError",
    "Call",
    "Client",
    "ClientBuilder",
    "Error",
    "EventStream",
    "Items",
    "Pages",
    "RateLimit",
    "Response",
    "Result",
    "RetryPolicy",
];

/// A union variant or error-body variant for a member whose type has no name of its own,
/// from a word for its kind (`List`, `Map`, `String`, …).
pub fn kind_variant(word: &str) -> RustName {
    type_name(word)
}

/// A union variant for the `index`th (from 0) member without a name of its own.
pub fn numbered_variant(index: usize) -> String {
    format!("Variant{}", index + 1)
}

/// The local variable holding the `index`th property while an object is read (the
/// index keeps `_id` and `id` apart).
pub fn field_local(index: usize, field: &RustName) -> RustName {
    let name = field.bare().trim_start_matches('_');
    RustName(format!("f{index}_{name}"))
}

/// The method of an operation sending another media type (`<operation>_<suffix>`) and
/// its request function (`request_<suffix>`).
pub fn alternative_names(operation: &RustName, suffix: &RustName) -> (RustName, RustName) {
    (
        RustName(format!("{}_{}", operation.bare(), suffix.bare())),
        RustName(format!("request_{}", suffix.bare())),
    )
}

/// A valid Cargo package name made from `raw` (a folder name, a title): lower case
/// ASCII words joined by `-`; prefixed with `api-` when it would start with a digit,
/// suffixed with `-api` when its library name would be a Rust keyword or a standard
/// crate; `client` when nothing is left.
pub fn crate_name(raw: &str) -> String {
    let words: Vec<String> = ascii_words(raw)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut name = words.join("-");
    if name.is_empty() {
        return "client".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    if reserved_library(&name) {
        name.push_str("-api");
    }
    name
}

/// Whether a package called `name` would have a library name that is a Rust keyword or
/// a standard crate, which no program could name.
fn reserved_library(name: &str) -> bool {
    const STANDARD: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];
    let library = name.replace('-', "_");
    KEYWORDS.contains(&library.as_str()) || STANDARD.contains(&library.as_str())
}

/// Why `name` cannot be a Cargo package name (for `--crate-name`), if it cannot: it
/// must be ASCII letters, digits, `-` and `_`, not start with a digit, and its library
/// name must not be a Rust keyword or a standard crate.
pub fn crate_name_problem(name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !reserved_library(name);
    (!valid).then(|| {
        format!(
            "`{name}` is not a valid crate name: use ASCII letters, digits, `-` and `_`, not \
             starting with a digit, and not a Rust keyword (such as `{}`)",
            crate_name(name)
        )
    })
}

/// The name without a raw-identifier prefix, for building longer names from it.
fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The Rust name of every component schema (by its key in `components.schemas`),
/// claimed in `names`.
///
/// The name comes from the schema's own name (the last pointer token, or the file
/// name). When several schemas would get the same name, each is qualified by the
/// folders of its file, nearest first, until the names differ; only the clashing
/// schemas are affected, so names stay stable when unrelated parts change.
pub fn component_names<'k>(
    keys: impl IntoIterator<Item = &'k String>,
    names: &mut Namespace,
) -> HashMap<String, RustName> {
    let mut out = HashMap::new();
    /// A schema key, its qualifiers and its base name.
    type Member<'k> = (&'k str, Vec<String>, String);
    let mut groups: BTreeMap<RustName, Vec<Member<'_>>> = BTreeMap::new();
    for key in keys {
        let (base, qualifiers) = name_parts(key);
        let candidate = type_name(&base);
        groups
            .entry(candidate)
            .or_default()
            .push((key.as_str(), qualifiers, base));
    }
    for (candidate, mut members) in groups {
        if members.len() == 1 {
            let name = names.claim(&candidate);
            out.insert(members[0].0.to_owned(), name);
            continue;
        }
        members.sort_by(|a, b| a.0.cmp(b.0));
        let deepest = members.iter().map(|m| m.1.len()).max().unwrap_or(0);
        let mut chosen: Vec<RustName> = Vec::new();
        for depth in 0..=deepest {
            chosen = members
                .iter()
                .map(|(_, qualifiers, base)| {
                    let mut words: Vec<&str> =
                        qualifiers.iter().take(depth).map(String::as_str).collect();
                    words.reverse();
                    words.push(base);
                    type_name(&words.join("_"))
                })
                .collect();
            let distinct: HashSet<&RustName> = chosen.iter().collect();
            if distinct.len() == chosen.len() {
                break;
            }
        }
        for ((key, _, _), name) in members.iter().zip(chosen) {
            let name = names.claim(&name);
            out.insert((*key).to_owned(), name);
        }
    }
    out
}

/// The base name and the qualifying words (nearest folder first) of a schema key.
///
/// The base name is made of the words of the key's pointer that name something: a
/// schema anywhere (`#/components/parameters/state/schema` → `state`, `#/components/
/// schemas/Pet/properties/owner` → `Pet owner`, a union member → `… Variant1`), without
/// the keywords around them; a key without a pointer is named after its file.
fn name_parts(key: &str) -> (String, Vec<String>) {
    let Some((file, pointer)) = key.split_once('#') else {
        return (key.to_owned(), Vec::new());
    };
    let mut folders: Vec<&str> = file
        .split('/')
        .filter(|p| !p.is_empty() && *p != "..")
        .collect();
    let stem = folders
        .pop()
        .map(|name| name.split('.').next().unwrap_or(name).to_owned())
        .unwrap_or_default();
    let tokens: Vec<String> = pointer
        .split('/')
        .filter(|t| !t.is_empty())
        .map(|t| unescape_token(t).into_owned())
        .collect();
    let words = schema_words(&tokens);
    let mut qualifiers = Vec::new();
    let base = if words.is_empty() {
        stem
    } else {
        qualifiers.push(stem);
        words.join("_")
    };
    qualifiers.extend(folders.iter().rev().map(|f| (*f).to_owned()));
    (base, qualifiers)
}

/// The words of a pointer that name a schema (see [`name_parts`]).
fn schema_words(tokens: &[String]) -> Vec<String> {
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "content",
        "schema",
        "properties",
        "paths",
        "definitions",
        "$defs",
    ];
    let mut words = Vec::new();
    let mut tokens = tokens.iter().peekable();
    while let Some(token) = tokens.next() {
        match token.as_str() {
            "items" => words.push("Item".to_owned()),
            "additionalProperties" => words.push("Value".to_owned()),
            "not" => words.push("Not".to_owned()),
            "oneOf" | "anyOf" | "allOf" => {
                if let Some(index) = tokens.next_if(|t| t.parse::<usize>().is_ok()) {
                    let number = index.parse::<usize>().unwrap_or(0) + 1;
                    words.push(format!("Variant{number}"));
                }
            }
            structure if STRUCTURE.contains(&structure) => {}
            // Media types, methods after a path, list positions.
            media if media.contains('/') => {}
            method if crate::load::is_method(method) => {}
            index if index.parse::<usize>().is_ok() => {}
            word => words.push(word.to_owned()),
        }
    }
    words
}

/// The name a schema key stands for in a spec's own words (a discriminator's default
/// value): the last token of its pointer, or its file's name.
pub fn schema_name(key: &str) -> String {
    let Some((file, pointer)) = key.split_once('#') else {
        return key.to_owned();
    };
    match pointer.rsplit('/').next().filter(|t| !t.is_empty()) {
        Some(token) => unescape_token(token).into_owned(),
        None => {
            let name = file.rsplit('/').next().unwrap_or(file);
            name.split('.').next().unwrap_or(name).to_owned()
        }
    }
}

/// A set of names in one scope; `claim` makes each new name unique.
#[derive(Debug, Default)]
pub struct Namespace {
    used: HashSet<String>,
    /// Names that are not taken as they are but with a suffix (see [`Namespace::types`]).
    suffixed: &'static [&'static str],
}

impl Namespace {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            used: reserved.iter().map(|name| (*name).to_owned()).collect(),
            suffixed: &[],
        }
    }

    /// The scope of the generated models: a name of the crate root's
    /// ([`CRATE_ROOT_TYPES`]) becomes `<name>Model`.
    pub fn types() -> Self {
        Self {
            used: HashSet::new(),
            suffixed: CRATE_ROOT_TYPES,
        }
    }

    /// Takes `name`, or `name2`, `name3`, … (`name_2` for snake case) if it is taken.
    pub fn claim(&mut self, name: &RustName) -> RustName {
        let suffixed;
        let name = if self.suffixed.contains(&name.bare()) {
            suffixed = RustName(format!("{}Model", name.bare()));
            &suffixed
        } else {
            name
        };
        if self.used.insert(name.bare().to_owned()) {
            return name.clone();
        }
        let base = name.bare();
        // Type names take a bare number (`Thing2`, `AB2`, `_1Thing2`), others `_2`
        // (`a_field_2`, `BEARER_AUTH_2`). A trailing underscore (`Self_`, `self_`) goes
        // first. Anything else (`Self_2`, `A_2`, `self__2`) is valid but warned about by
        // rustc's case lints.
        let stem = match base.trim_end_matches('_') {
            "" => base,
            stem => stem,
        };
        let core = stem.trim_start_matches('_');
        let type_like = core.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && !core.contains('_');
        let separator = if type_like { "" } else { "_" };
        let claimed = (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or_default();
        RustName(claimed)
    }
}

/// The features of a generated crate that [`feature_names`] never gives a tag: the
/// crate's own.
pub const RESERVED_FEATURES: &[&str] = &["default", "full", "all-serde-impls"];

/// The cargo feature name of each tag, in order: kebab-case ASCII (`Droplet Actions` →
/// `droplet-actions`, `1-Click Apps` → `1-click-apps`), unique (a number is added to a
/// later tag that would take an earlier one's name, or a reserved one), never empty.
pub fn feature_names(tags: &[&str]) -> Vec<String> {
    let mut used: HashSet<String> = RESERVED_FEATURES.iter().map(|f| (*f).to_owned()).collect();
    tags.iter()
        .map(|tag| {
            let words: Vec<String> = tag
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|word| !word.is_empty())
                .map(|word| word.to_snake_case().replace('_', "-"))
                .collect();
            let base = if words.is_empty() {
                "tag".to_owned()
            } else {
                words.join("-")
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_valid_identifiers() {
        assert_eq!(type_name("apiWidgetJob"), "ApiWidgetJob");
        assert_eq!(type_name("BATCH_JOB_PHASE_UNKNOWN"), "BatchJobPhaseUnknown");
        assert_eq!(type_name("1-click"), "_1Click");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("café"), "CafUe9");
        assert_eq!(type_name("-1"), "Minus1");
        assert_eq!(type_name("$"), "Value");
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("ratelimit-limit"), "ratelimit_limit");
        assert_eq!(snake_name("@odata.count"), "odata_count");
        assert_eq!(snake_name("2fa"), "_2fa");
        assert_eq!(snake_name("X-Request ID"), "x_request_id");
        assert_eq!(const_name("bearer_auth"), "BEARER_AUTH");
    }

    #[test]
    fn makes_valid_crate_names() {
        assert_eq!(crate_name("1Password Connect"), "api-1password-connect");
        assert_eq!(crate_name("digitalocean"), "digitalocean");
        assert_eq!(crate_name("DigitalOcean API"), "digitalocean-api");
        assert_eq!(crate_name("my_client"), "my-client");
        assert_eq!(crate_name("type"), "type-api");
        assert_eq!(crate_name("-- ?"), "client");
        assert_eq!(crate_name_problem("my_client"), None);
        assert_eq!(crate_name_problem("digitalocean"), None);
        assert_eq!(crate_name_problem("DigitalOcean-api"), None);
        assert!(crate_name_problem("1password").is_some());
        assert!(crate_name_problem("my client").is_some());
        assert!(crate_name_problem("fn").is_some());
    }

    #[test]
    fn client_methods_are_reserved() {
        let (_, source) = crate::emit::RUNTIME_FILES
            .iter()
            .find(|(name, _)| *name == "client.rs")
            // A test: a failed expectation is the test failing (both hold for the
            // runtime as shipped).
            .expect("the runtime has client.rs");
        let file = syn::parse_file(source).expect("the runtime parses");
        for item in file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let syn::Type::Path(path) = &*block.self_ty else {
                continue;
            };
            if block.trait_.is_some() || !path.path.is_ident("Client") {
                continue;
            }
            for item in block.items {
                if let syn::ImplItem::Fn(method) = item {
                    let name = method.sig.ident.to_string();
                    assert!(
                        CLIENT_METHODS.contains(&name.as_str()),
                        "`Client::{name}` is not in CLIENT_METHODS"
                    );
                }
            }
        }
    }

    #[test]
    fn builder_methods_are_reserved() {
        let (_, source) = crate::emit::RUNTIME_FILES
            .iter()
            .find(|(name, _)| *name == "client.rs")
            .expect("the runtime has client.rs");
        let file = syn::parse_file(source).expect("the runtime parses");
        let mut found = 0;
        for item in file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let syn::Type::Path(path) = &*block.self_ty else {
                continue;
            };
            if !path.path.is_ident("ClientBuilder") {
                continue;
            }
            for item in block.items {
                if let syn::ImplItem::Fn(method) = item {
                    let name = method.sig.ident.to_string();
                    found += 1;
                    assert!(
                        BUILDER_METHODS.contains(&name.as_str()),
                        "`ClientBuilder::{name}` is not in BUILDER_METHODS"
                    );
                }
            }
        }
        assert!(found > 10, "ClientBuilder's methods were found");
        assert_eq!(scheme_setter("token"), "token_credential");
        assert_eq!(scheme_setter("bearer_auth"), "bearer_auth");
        assert_eq!(scheme_setter("type"), "r#type");
        assert_eq!(
            scheme_env("DIGITALOCEAN_TOKEN", "inference_bearer_auth"),
            "DIGITALOCEAN_INFERENCE_BEARER_AUTH"
        );
    }

    #[test]
    fn fixed_names_are_identifiers() {
        for name in [
            fixed::params_struct(),
            fixed::params_argument(),
            fixed::body_argument(),
            fixed::success_enum(),
            fixed::error_body_enum(),
            fixed::catch_all_variant(),
            fixed::additional_field(),
            fixed::request_fn(),
            fixed::response_fn(),
            fixed::request_stream_fn(),
            fixed::response_stream_fn(),
            fixed::events_fn(),
            fixed::items_fn(),
            fixed::paging_const(),
        ] {
            assert!(
                syn::parse_str::<syn::Ident>(name.as_str()).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn enum_variants_drop_what_repeats_the_enum_name() {
        let owner = type_name("apiBatchJobPhase");
        assert_eq!(enum_variant(&owner, "BATCH_JOB_PHASE_PENDING"), "Pending");
        assert_eq!(enum_variant(&owner, "BATCH_JOB_PHASE_UNKNOWN"), "Unknown");
        assert_eq!(enum_variant(&owner, "PENDING"), "Pending");
        // Only the end of the enum's name counts, and the longest run of it.
        assert_eq!(enum_variant(&owner, "JOB_PHASE_DONE"), "Done");
        assert_eq!(enum_variant(&owner, "API_DONE"), "ApiDone");
        assert_eq!(enum_variant(&type_name("Status"), "status_ok"), "Ok");
        // Nothing, or only a number, would be left: the whole value names it.
        assert_eq!(enum_variant(&type_name("Status"), "STATUS"), "Status");
        assert_eq!(enum_variant(&type_name("Phase"), "PHASE_1"), "Phase1");
        assert_eq!(enum_variant(&type_name("Kind"), "1-click"), "_1Click");
    }

    #[test]
    fn models_do_not_take_the_crate_root_names() {
        let mut names = Namespace::types();
        assert_eq!(names.claim(&type_name("Error")), "ErrorModel");
        assert_eq!(names.claim(&type_name("ErrorModel")), "ErrorModel2");
        assert_eq!(names.claim(&type_name("Client")), "ClientModel");
        assert_eq!(names.claim(&type_name("Droplet")), "Droplet");
    }

    #[test]
    fn crate_root_types_are_reserved() {
        let api = crate::ir::Api {
            title: "t".into(),
            version: "1".into(),
            docs: Vec::new(),
            license: None,
            spec_file: "spec.yaml".into(),
            default_base_url: String::new(),
            token_env: "T".into(),
            types: Vec::new(),
            operations: Vec::new(),
            security_schemes: Vec::new(),
            primary_scheme: None,
            common_error: None,
            error_sets: Vec::new(),
            webhooks: Vec::new(),
        };
        // A test: a failed expectation is the test failing.
        let file = syn::parse_file(&crate::emit::crate_files::lib_rs(&api)).expect("lib.rs parses");
        let mut exported = Vec::new();
        fn collect(tree: &syn::UseTree, out: &mut Vec<String>) {
            match tree {
                syn::UseTree::Path(path) => collect(&path.tree, out),
                syn::UseTree::Name(name) => out.push(name.ident.to_string()),
                syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
                syn::UseTree::Group(group) => group.items.iter().for_each(|t| collect(t, out)),
                syn::UseTree::Glob(_) => {}
            }
        }
        for item in file.items {
            if let syn::Item::Use(item) = item {
                collect(&item.tree, &mut exported);
            }
        }
        let types = exported
            .iter()
            .filter(|name| name.chars().any(|c| c.is_ascii_lowercase()));
        for name in types {
            assert!(
                CRATE_ROOT_TYPES.contains(&name.as_str()),
                "`{name}` is exported by lib.rs but not in CRATE_ROOT_TYPES"
            );
        }
    }

    #[test]
    fn composes_names() {
        assert_eq!(operation_name("new"), "new_operation");
        assert_eq!(
            error_set_const(&["404".into(), "4XX".into(), "default".into()]),
            "ERRORS_404_4XX_DEFAULT"
        );
        assert_eq!(scheme_const("errors_401"), "SCHEME_ERRORS_401");
        assert_eq!(field_local(3, &snake_name("_id")), "f3_id");
    }

    #[test]
    fn name_parts_of_keys() {
        assert_eq!(name_parts("Thing"), ("Thing".to_owned(), vec![]));
        assert_eq!(
            name_parts("api.yaml#/components/parameters/state/schema"),
            ("state".to_owned(), vec!["api".into()])
        );
        assert_eq!(
            name_parts("api.yaml#/components/schemas/Pet/properties/owner/items"),
            ("Pet_owner_Item".to_owned(), vec!["api".into()])
        );
        assert_eq!(
            name_parts(
                "api.yaml#/components/responses/Things/content/application~1json/schema/oneOf/0"
            ),
            ("Things_Variant1".to_owned(), vec!["api".into()])
        );
        assert_eq!(schema_name("a/b.yml#/apiJob"), "apiJob");
        assert_eq!(schema_name("a/b.yml#"), "b");
        assert_eq!(
            name_parts("resources/gen-ai/definitions.yml#/apiJob"),
            (
                "apiJob".to_owned(),
                vec!["definitions".into(), "gen-ai".into(), "resources".into()]
            )
        );
        assert_eq!(
            name_parts("../shared/models/error.yml#"),
            ("error".to_owned(), vec!["models".into(), "shared".into()])
        );
    }

    #[test]
    fn claims_unique_names() {
        let mut names = Namespace::default();
        let mut names = |raw: &str| {
            let name = match raw.strip_prefix("r#") {
                Some(keyword) => snake_name(keyword),
                None => RustName(raw.to_owned()),
            };
            names.claim(&name)
        };
        assert_eq!(names("Thing"), "Thing");
        assert_eq!(names("Thing"), "Thing2");
        assert_eq!(names("Thing"), "Thing3");
        assert_eq!(names("a_field"), "a_field");
        assert_eq!(names("a_field"), "a_field_2");
        assert_eq!(names("r#type"), "r#type");
        assert_eq!(names("r#type"), "type_2");
        assert_eq!(names("Self_"), "Self_");
        assert_eq!(names("Self_"), "Self2");
        assert_eq!(names("self_"), "self_");
        assert_eq!(names("self_"), "self_2");
        assert_eq!(names("A"), "A");
        assert_eq!(names("A"), "A2");
        assert_eq!(names("_1Thing"), "_1Thing");
        assert_eq!(names("_1Thing"), "_1Thing2");
        assert_eq!(names("BEARER_AUTH"), "BEARER_AUTH");
        assert_eq!(names("BEARER_AUTH"), "BEARER_AUTH_2");
    }
}
