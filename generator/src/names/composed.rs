//! Names composed from other names or from what the spec says: an operation's function,
//! client methods and request functions (kept off the runtime `Client`'s and
//! `ClientBuilder`'s own methods), a security scheme's setter, variable and constant,
//! an error-status list's constant, a tag's cargo feature, and the variants of success enums, string enums and
//! unions.

use std::collections::HashSet;

use super::identifiers::{const_name, snake_name, snake_words, type_name};
use super::{Namespace, RustName};

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
    let full = snake_words(value);
    let words: Vec<&str> = full.split('_').filter(|w| !w.is_empty()).collect();
    let owner = snake_words(owner.bare());
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
/// its request function (`request_<suffix>`). A keyword's escape (`crate_`) is not
/// doubled: `crate_bytes`, which is snake case.
pub fn alternative_names(operation: &RustName, suffix: &RustName) -> (RustName, RustName) {
    let operation = operation.bare();
    let operation = operation.strip_suffix('_').unwrap_or(operation);
    (
        RustName(format!("{operation}_{}", suffix.bare())),
        RustName(format!("request_{}", suffix.bare())),
    )
}

/// The features of a generated crate that [`feature_names`] never gives a tag: the
/// crate's own.
/// The feature that turns on every tag's (on by default).
pub const FULL_FEATURE: &str = "full";

/// The crate's own features, which no tag's may take: cargo's `default`, [`FULL_FEATURE`],
/// and `all-serde-impls` (`emit::ALL_SERDE_IMPLS`, named there for the `cfg`s it prints).
const RESERVED_FEATURES: &[&str] = &["default", FULL_FEATURE, "all-serde-impls"];

/// The module of a feature's share of a file split by feature: its name in snake case
/// (`floating-ips` → `floating_ips`), claimed in `modules` (which holds the names it must
/// not take).
pub fn feature_module(feature: &str, modules: &mut Namespace) -> RustName {
    modules.claim(&snake_name(feature))
}

/// The cargo feature name of each tag, in order: lowercase ASCII words joined by `-`,
/// split where the tag has a space or punctuation, or a lowercase letter or digit
/// followed by a capital (`Droplet Actions` and `dropletActions` → `droplet-actions`,
/// `Floating IPs` → `floating-ips`, `1-Click Apps` → `1-click-apps`); unique (a number
/// is added to a later tag that would take an earlier one's name, or a reserved one);
/// never empty.
pub fn feature_names(tags: &[&str]) -> Vec<String> {
    let mut used: HashSet<String> = RESERVED_FEATURES.iter().map(|f| (*f).to_owned()).collect();
    tags.iter()
        .map(|tag| {
            let mut words: Vec<String> = Vec::new();
            let mut previous: Option<char> = None;
            for c in tag.chars() {
                if !c.is_ascii_alphanumeric() {
                    previous = None;
                    continue;
                }
                let split = previous.is_none_or(|p| {
                    c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit())
                });
                if split {
                    words.push(String::new());
                }
                if let Some(word) = words.last_mut() {
                    word.push(c.to_ascii_lowercase());
                }
                previous = Some(c);
            }
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
