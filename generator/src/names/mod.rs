//! Every Rust name is made here, and only here.
//!
//! Names from a spec can hold anything: keywords (`type`), leading digits (`1-click`),
//! punctuation (`$`, `@`, `.`, `-`, spaces), non-ASCII letters, or differ only in case.
//! The functions here wrap `heck` once and always return a valid identifier, as a
//! [`RustName`], which nothing else can make; a [`Namespace`] then makes names unique in
//! one scope with a deterministic suffix. The names the generated code composes (an
//! error-status constant from its statuses, a variant from a status, a method reserved
//! by the runtime's `Client`) are decided here too, so later stages print names and
//! never clean or build one.
//!
//! The parts: [`identifiers`] cases a raw name into an identifier (and a Cargo package
//! name); [`fixed`] holds the names of the generated code's own items; [`composed`] the
//! names built from an operation, a status, a scheme or an enum value; [`components`]
//! the names of component schemas; [`namespace`] makes names unique in a scope;
//! [`words`] compares the words of names.

use std::fmt;

mod components;
mod composed;
pub mod fixed;
mod identifiers;
mod namespace;
#[cfg(test)]
mod tests;
mod words;

pub use components::{component_names, schema_name};
pub use composed::{
    BUILDER_METHODS, CLIENT_METHODS, FULL_FEATURE, OPERATION_ARGUMENTS, alternative_names,
    default_variant, enum_variant, error_set_const, feature_module, feature_names, field_local,
    kind_variant, numbered_variant, operation_name, pages_method, scheme_const, scheme_env,
    scheme_setter, status_class_variant, status_variant, stream_method, webhook_fn,
};
pub use identifiers::{const_name, crate_name, crate_name_problem, snake_name, type_name};
pub use namespace::Namespace;
pub use words::is_plural;

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

/// The name without a raw-identifier prefix, for building longer names from it.
fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}
