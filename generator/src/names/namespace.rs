//! A scope of names ([`Namespace`]), which makes each name claimed in it unique with a
//! deterministic suffix, and the crate-root type names generated models may not take.

use std::borrow::Cow;
use std::collections::HashSet;

use super::RustName;

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
        let name = self.as_taken(name);
        if self.used.insert(name.bare().to_owned()) {
            return name.into_owned();
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

    /// Takes `name` as it is (or with the suffix [`Namespace::types`] gives it) if no one
    /// has; `None` if it is taken.
    pub fn claim_exact(&mut self, name: &RustName) -> Option<RustName> {
        let name = self.as_taken(name).into_owned();
        self.used.insert(name.bare().to_owned()).then_some(name)
    }

    /// Takes `name` as it is if no one has and it needs no suffix (it is not one of the
    /// names [`Namespace::types`] suffixes); `None` otherwise.
    pub fn claim_unsuffixed(&mut self, name: &RustName) -> Option<RustName> {
        if self.suffixed.contains(&name.bare()) {
            return None;
        }
        self.claim_exact(name)
    }

    /// `name` as this scope takes it: with the suffix of [`Namespace::types`] if it has
    /// one.
    fn as_taken<'n>(&self, name: &'n RustName) -> Cow<'n, RustName> {
        if self.suffixed.contains(&name.bare()) {
            Cow::Owned(RustName(format!("{}Model", name.bare())))
        } else {
            Cow::Borrowed(name)
        }
    }
}
