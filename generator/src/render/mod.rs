//! Stage 4, render: the tokens of each piece of output → formatted source text
//! (`prettyplease`), the pieces of a chunk joined in order, and the chunks of a file
//! joined after its header.
//!
//! Formatting is most of generation's time (`syn` must parse the tokens before
//! `prettyplease` prints them), so a [`Cache`] can keep the text of every piece, keyed by
//! what the piece is made from (its IR item, or its tokens): when the spec changes, only
//! the pieces made from changed items are emitted and formatted again.

mod cache;

use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

pub use cache::{Cache, Key};

use crate::diagnostics::{Errors, Location};
use crate::emit::Piece;

/// Formats one piece of a file: a sequence of items, or the file's inner attributes.
/// A piece's text does not depend on its neighbours, so formatting the pieces of a file
/// one by one and joining them gives the text of formatting them together.
pub fn format_piece(tokens: TokenStream, spec_file: &str, what: &str) -> Result<String, Errors> {
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

/// The formatted text of one chunk, and what it took from the cache and added to it.
#[derive(Debug, Default)]
pub struct RenderedChunk {
    /// Time spent making the tokens of the pieces formatted now (emit's share).
    pub emit: Duration,
    /// The pieces' text, joined.
    pub text: String,
    /// The keys of the pieces taken from the cache.
    pub reused: Vec<Key>,
    /// The pieces formatted now, with their keys (empty when the cache is off).
    pub formatted: Vec<(Key, String)>,
    /// How many pieces were formatted now.
    pub formatted_count: usize,
}

/// Formats the pieces of one chunk (see [`crate::emit::chunk_pieces`]) and joins them,
/// taking the text of every piece the cache (if any) holds from it: such a piece is not
/// even emitted.
pub fn format_chunk(
    pieces: Vec<Piece>,
    cache: Option<&Cache>,
    spec_file: &str,
    what: &str,
) -> Result<RenderedChunk, Errors> {
    let mut out = RenderedChunk::default();
    for piece in pieces {
        let key = cache.map(|_| Key::of(&piece));
        if let Some(text) = cache.zip(key).and_then(|(cache, key)| cache.get(key)) {
            out.text.push_str(text);
            out.reused.extend(key);
            continue;
        }
        let started = Instant::now();
        let tokens = piece.into_tokens();
        out.emit += started.elapsed();
        let text = format_piece(tokens, spec_file, what)?;
        out.text.push_str(&text);
        out.formatted_count += 1;
        if let Some(key) = key {
            out.formatted.push((key, text));
        }
    }
    Ok(out)
}
