//! Stage 4, render: the tokens of each chunk → formatted source text (`prettyplease`),
//! and the chunks of a file joined after its header.

use proc_macro2::TokenStream;

use crate::diagnostics::{Errors, Location};

/// Formats the tokens of one chunk of a file (see [`crate::emit::Chunk`]); a file is
/// its header followed by its chunks in order.
pub fn format_chunk(tokens: TokenStream, spec_file: &str, what: &str) -> Result<String, Errors> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| {
        Errors::one(
            Location::new(spec_file, ""),
            format!(
                "internal error: the generated {what} is not valid Rust ({error}); please report it"
            ),
        )
    })?;
    Ok(prettyplease::unparse(&file))
}
