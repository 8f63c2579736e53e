//! The render cache: the formatted text of each piece of output, keyed by what the
//! piece is made from, kept by the caller between runs (`cargo xtask codegen` keeps its
//! bytes in a file beside its binary, under `target/`). The generator does no I/O for it.
//!
//! Correctness rests on two things:
//! - the key hashes what the piece is made from: its IR item, from which emit makes its
//!   tokens and nothing else, or its tokens' text (see [`Piece::identify`]); a piece
//!   whose item changed in any way misses;
//! - the bytes record the build of the program that wrote them ([`Cache::to_bytes`]) and
//!   are ignored by any other build ([`Cache::from_bytes`]), so a changed emitter or
//!   formatter never reuses text made by the old one.
//!
//! Bytes that are damaged or belong to another build read as an empty cache: the cache
//! changes how long a run takes, never what it generates.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::ops::Range;

use crate::emit::Piece;

/// First line of a cache file (with the format's version).
const MAGIC: &[u8] = b"openapi-rust render cache 1\n";

/// A piece's key: two differently seeded 64-bit hashes of what it is made from
/// ([`Piece::identify`]), so that two pieces of a crate's few thousand share a key with
/// a chance of about one in 10^31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    hash: u64,
    check: u64,
}

impl Key {
    /// The key of `piece`.
    pub fn of(piece: &Piece) -> Key {
        let mut second = DefaultHasher::new();
        second.write(b"second");
        let mut both = Both(DefaultHasher::new(), second);
        piece.identify(&mut both);
        Key {
            hash: both.0.finish(),
            check: both.1.finish(),
        }
    }
}

/// Two hashers fed the same.
struct Both(DefaultHasher, DefaultHasher);

impl Hasher for Both {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
        self.1.write(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The formatted text of pieces from an earlier run.
#[derive(Debug, Default)]
pub struct Cache {
    /// The pieces' texts one after another (one string, not one per piece: reading a
    /// cache of a few thousand pieces is then one copy).
    text: String,
    /// Where each piece's text is in `text`.
    entries: HashMap<Key, Range<usize>>,
    /// Whether it holds other pieces than the cache it was kept from.
    changed: bool,
}

impl Cache {
    /// The cache [`Cache::to_bytes`] wrote for `build` (anything that tells one build of
    /// the generator from another); empty if the bytes are another build's or damaged.
    pub fn from_bytes(bytes: &[u8], build: &str) -> Cache {
        let (text, entries) = decode(bytes, build).unwrap_or_default();
        Cache {
            text,
            entries,
            changed: false,
        }
    }

    /// The build recorded at the start of a cache's bytes (the first few hundred bytes
    /// are enough), to tell whose a cache file is without reading it all; `None` if the
    /// bytes do not start like a cache.
    pub fn build_of(bytes: &[u8]) -> Option<&str> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let end = rest.iter().position(|&byte| byte == b'\n')?;
        std::str::from_utf8(&rest[..end]).ok()
    }

    /// The cache as bytes, for [`Cache::from_bytes`] with the same `build`.
    pub fn to_bytes(&self, build: &str) -> Vec<u8> {
        let mut entries: Vec<(&Key, &str)> = self
            .entries
            .iter()
            .map(|(key, range)| (key, &self.text[range.clone()]))
            .collect();
        entries.sort_unstable_by_key(|(key, _)| **key);
        encode(build, &entries)
    }

    /// The text of the piece with `key`, if an earlier run formatted it.
    pub fn get(&self, key: Key) -> Option<&str> {
        let range = self.entries.get(&key)?;
        Some(&self.text[range.clone()])
    }

    /// Number of pieces held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no piece.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the run that [kept](Cache::keep) it formatted anything or left out
    /// pieces of the cache it was given: if not, the bytes of that cache still hold it.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The cache for the next run: exactly the pieces of this run, those `reused` from
    /// this cache and those `formatted` now.
    pub fn keep(mut self, reused: &[Key], formatted: Vec<(Key, String)>) -> Cache {
        let held = self.entries.len();
        let mut entries = HashMap::with_capacity(reused.len() + formatted.len());
        for key in reused {
            if let Some(range) = self.entries.remove(key) {
                entries.insert(*key, range);
            }
        }
        let changed = !formatted.is_empty() || entries.len() != held;
        // The text of pieces no longer held stays in `text` until the cache is written.
        let mut text = self.text;
        for (key, piece) in formatted {
            let start = text.len();
            text.push_str(&piece);
            entries.insert(key, start..text.len());
        }
        Cache {
            text,
            entries,
            changed,
        }
    }
}

/// The file: [`MAGIC`], the build's line, then per piece its key's two hashes and its
/// text's length (little-endian `u64`s) followed by the text.
fn encode(build: &str, entries: &[(&Key, &str)]) -> Vec<u8> {
    let size: usize = entries.iter().map(|(_, text)| 24 + text.len()).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + build.len() + 1 + size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(build.as_bytes());
    out.push(b'\n');
    for (key, text) in entries {
        out.extend_from_slice(&key.hash.to_le_bytes());
        out.extend_from_slice(&key.check.to_le_bytes());
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// The texts of a file [`encode`] wrote for `build`, one after another, and where each
/// piece's is; `None` if it is another build's or damaged in any way.
fn decode(bytes: &[u8], build: &str) -> Option<(String, HashMap<Key, Range<usize>>)> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let rest = rest.strip_prefix(build.as_bytes())?;
    let mut rest = rest.strip_prefix(b"\n")?;
    let mut text = String::with_capacity(rest.len());
    let mut entries = HashMap::new();
    while !rest.is_empty() {
        let (hash, after) = take_u64(rest)?;
        let (check, after) = take_u64(after)?;
        let (text_len, after) = take_u64(after)?;
        let text_len = usize::try_from(text_len).ok()?;
        if after.len() < text_len {
            return None;
        }
        let (piece, after) = after.split_at(text_len);
        let start = text.len();
        text.push_str(std::str::from_utf8(piece).ok()?);
        entries.insert(Key { hash, check }, start..text.len());
        rest = after;
    }
    Some((text, entries))
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*head), rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;

    fn key(tokens: TokenStream) -> Key {
        Key::of(&Piece::Tokens(tokens))
    }

    fn refs(entries: &[(Key, String)]) -> Vec<(&Key, &str)> {
        entries
            .iter()
            .map(|(key, text)| (key, text.as_str()))
            .collect()
    }

    #[test]
    fn keys_tell_tokens_apart_and_agree_on_equal_ones() {
        let a = key(quote!(
            pub struct A;
        ));
        assert_eq!(
            a,
            key(quote!(
                pub struct A;
            ))
        );
        assert_ne!(
            a,
            key(quote!(
                pub struct B;
            ))
        );
        assert_ne!(
            a,
            key(quote!(
                struct A;
            ))
        );
    }

    #[test]
    fn a_file_is_read_back_only_by_the_build_that_wrote_it() {
        let entries = vec![
            (
                key(quote!(
                    struct A;
                )),
                "struct A;\n".to_owned(),
            ),
            (
                key(quote!(
                    struct B;
                )),
                "struct B;\n".to_owned(),
            ),
        ];
        let bytes = encode("build 1", &refs(&entries));
        let read = Cache::from_bytes(&bytes, "build 1");
        assert_eq!(read.len(), 2);
        assert_eq!(read.get(entries[0].0), Some("struct A;\n"));
        assert_eq!(read.get(entries[1].0), Some("struct B;\n"));
        assert!(decode(&bytes, "build 2").is_none());
        assert_eq!(Cache::build_of(&bytes), Some("build 1"));
        assert_eq!(Cache::build_of(&bytes[..MAGIC.len() + 4]), None);
        assert_eq!(Cache::build_of(b"not a cache\nbuild 1\n"), None);
    }

    #[test]
    fn a_damaged_file_is_not_read() {
        let entries = vec![(
            key(quote!(
                struct A;
            )),
            "struct A;\n".to_owned(),
        )];
        let bytes = encode("build", &refs(&entries));
        for cut in 1..bytes.len() {
            let read = decode(&bytes[..cut], "build");
            assert!(read.is_none_or(|(_, read)| read.is_empty()), "cut at {cut}");
        }
        let mut not_utf8 = bytes.clone();
        let last = not_utf8.len() - 1;
        not_utf8[last] = 0xff;
        assert!(decode(&not_utf8, "build").is_none());
    }

    #[test]
    fn a_kept_cache_holds_this_runs_pieces_and_knows_if_they_changed() {
        let (a, b, c) = (
            key(quote!(
                struct A;
            )),
            key(quote!(
                struct B;
            )),
            key(quote!(
                struct C;
            )),
        );
        let written = Cache::default().keep(
            &[],
            vec![(a, "struct A;\n".to_owned()), (b, "struct B;\n".to_owned())],
        );
        assert!(written.changed());
        let bytes = written.to_bytes("build");
        let read = Cache::from_bytes(&bytes, "build");
        assert!(!read.changed());
        // Every piece reused: the bytes still hold it.
        let same = Cache::from_bytes(&bytes, "build").keep(&[b, a], Vec::new());
        assert!(!same.changed());
        assert_eq!(same.to_bytes("build"), bytes);
        // One piece left out, another formatted: only this run's pieces, each its text.
        let next = read.keep(&[b], vec![(c, "struct C;\n".to_owned())]);
        assert!(next.changed());
        assert_eq!(next.len(), 2);
        assert_eq!(next.get(a), None);
        assert_eq!(next.get(b), Some("struct B;\n"));
        assert_eq!(next.get(c), Some("struct C;\n"));
        let again = Cache::from_bytes(&next.to_bytes("build"), "build");
        assert_eq!((again.get(b), again.get(c)), (next.get(b), next.get(c)));
        assert!(
            Cache::from_bytes(&bytes, "build")
                .keep(&[a], Vec::new())
                .changed()
        );
    }
}
