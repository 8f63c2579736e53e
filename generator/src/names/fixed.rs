//! Names the generated code gives its own items; each is a valid identifier as it is.

use super::RustName;

/// A fixed name (valid as written, checked by the tests of `names`).
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
