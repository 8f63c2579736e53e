//! What each position of an OpenAPI document holds.

/// The HTTP methods, as keys of a path item.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Whether `key` of a path item is an operation (an HTTP method).
pub(crate) fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}
