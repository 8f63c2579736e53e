//! Step 4, reading the bundled document into `openapiv3` types, on two threads.
//!
//! Reading would otherwise run after bundling on the same thread, so the bundler hands
//! every schema it hoists and every path item to a second thread as soon as it has
//! walked them, and walks on while they are read ([`bundle_reading_ahead`]). Those are
//! read without serde where that is sure to read the same ([`schema`], [`path`]: serde
//! copies every level of them again for `openapiv3`'s untagged enums and flattened
//! extensions), and by serde otherwise. A walked schema or path item is final: nothing later
//! changes it, but a repair, which only runs when problems were found. What is left
//! afterwards (`info`, `servers`, `tags`, `components.securitySchemes`) is little.
//!
//! The result is the same as reading the whole document at once, and that is what is
//! done whenever reading ahead could differ from it: after problems were found (which
//! repairs change the document for), or when a part read ahead does not fit (the caller
//! then finds where, reading again with the path tracked).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, mpsc};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, Paths, ReferenceOr, Schema};
use serde::Deserialize as _;
use serde_yaml::{Mapping, Value};

use super::bundle::{Bundled, Bundler};
use super::pointer::lookup_mut;
use super::version::Version;

mod path;
mod schema;
#[cfg(test)]
mod specs;
mod values;

/// A part of the bundled document that the bundler hands over once it has walked it.
pub(super) enum Part {
    /// A hoisted schema: its index among the hoisted schemas (the order they were hoisted
    /// in, which is their order in `components.schemas`) and its key there.
    Schema { index: usize, key: String },
    /// A path item of `paths`, by its path.
    Path { key: String },
}

/// The parts read ahead: each with its bundled value and what `openapiv3` read from it
/// (`None` if it does not fit), in no particular order.
#[derive(Default)]
pub(super) struct ReadAhead {
    schemas: Vec<(usize, String, Value, Option<ReferenceOr<Schema>>)>,
    paths: Vec<(String, Value, Option<ReferenceOr<PathItem>>)>,
}

/// The parts the bundler hands over, taken one at a time by whichever thread is free.
type Handed = Mutex<mpsc::Receiver<(Part, Value)>>;

/// Bundles `document` (which declares `version`) with `bundler`, reading each schema
/// and path item on another thread as soon as it is walked. The bundled document holds
/// `null` in place of those parts until [`ReadAhead::restore`] puts them back.
///
/// Once the walk is done, its thread reads too, the parts the other has not taken yet
/// (reading fell behind the walk in the unoptimized build until schemas and path items
/// were read without serde, and still may on a busy machine).
pub(super) fn bundle_reading_ahead(
    bundler: Bundler<'_>,
    document: &Value,
    version: Version,
) -> (Bundled, ReadAhead) {
    let (sink, parts) = mpsc::channel::<(Part, Value)>();
    let parts: Handed = Mutex::new(parts);
    // The bundler drops its end of the channel when done, which ends both loops once
    // every part is taken.
    let ((bundled, mine), theirs) = crate::parallel::join(
        || {
            let bundled = bundler.reading_ahead(sink).bundle(document, version);
            (bundled, read_parts(&parts))
        },
        || read_parts(&parts),
    );
    (bundled, mine.and(theirs))
}

/// Reads the parts handed over, one at a time, until there are no more.
fn read_parts(parts: &Handed) -> ReadAhead {
    let mut read = ReadAhead::default();
    loop {
        // The lock is held only while a part is taken (a panic there leaves the queue
        // whole, so a poisoned lock is still good to take from).
        let next = parts.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok((part, value)) = next else {
            return read;
        };
        match part {
            Part::Schema { index, key } => {
                let schema = schema::reference_or_schema(&value)
                    .or_else(|| ReferenceOr::<Schema>::deserialize(&value).ok());
                read.schemas.push((index, key, value, schema));
            }
            Part::Path { key } => {
                let item = path::reference_or_path_item(&value)
                    .or_else(|| ReferenceOr::<PathItem>::deserialize(&value).ok());
                read.paths.push((key, value, item));
            }
        }
    }
}

/// The schemas and paths of a bundled document as `openapiv3` reads them, in its order.
pub(super) struct Read {
    schemas: IndexMap<String, ReferenceOr<Schema>>,
    paths: IndexMap<String, ReferenceOr<PathItem>>,
}

impl ReadAhead {
    /// The parts of both.
    fn and(mut self, other: ReadAhead) -> ReadAhead {
        self.schemas.extend(other.schemas);
        self.paths.extend(other.paths);
        self
    }

    /// Puts every part read ahead back into `document`; what was read of its schemas
    /// and paths, if every one of them was read and fits.
    pub(super) fn restore(self, document: &mut Value) -> Option<Read> {
        let ReadAhead { mut schemas, paths } = self;
        // In the order they were hoisted, as the bundler attached them: were a key given
        // twice, the later schema would be the one kept, in the earlier one's place.
        schemas.sort_unstable_by_key(|(index, ..)| *index);
        let schemas = put_back(
            lookup_mut(document, SCHEMAS),
            schemas
                .into_iter()
                .map(|(_, key, value, read)| (key, value, read)),
        );
        let paths = put_back(lookup_mut(document, PATHS), paths);
        Some(Read {
            schemas: schemas?,
            // What `openapiv3` reads as paths (the bundler reports any other key).
            paths: paths.filter(|paths| paths.keys().all(|path| path.starts_with('/')))?,
        })
    }
}

/// Puts each value back under its key in `mapping`; what was read of each entry of the
/// mapping, in its order, if each was read and fits.
fn put_back<T>(
    mapping: Option<&mut Value>,
    parts: impl IntoIterator<Item = (String, Value, Option<T>)>,
) -> Option<IndexMap<String, T>> {
    let mapping = mapping.and_then(Value::as_mapping_mut)?;
    let mut by_key = HashMap::new();
    for (key, value, read) in parts {
        if let Some(slot) = mapping.get_mut(key.as_str()) {
            *slot = value;
        }
        by_key.insert(key, read);
    }
    mapping
        .keys()
        .map(|key| {
            let key = key.as_str()?;
            Some((key.to_owned(), by_key.remove(key)??))
        })
        .collect()
}

/// Where the parts read ahead are in the bundled document.
const PATHS: &str = "/paths";
const SCHEMAS: &str = "/components/schemas";

/// The bundled document as `openapiv3` types, with its schemas and paths already read
/// (`read`, see [`ReadAhead::restore`]), or all of it read here (`None`); `None` if
/// anything misfits (the caller reads it again, tracking where).
pub(super) fn read(bundled: &mut Value, read: Option<Read>) -> Option<OpenAPI> {
    let Some(Read { schemas, paths }) = read else {
        return read_in_parallel(bundled);
    };
    let mut spec = without(bundled, &[PATHS, SCHEMAS], |rest, _| {
        OpenAPI::deserialize(rest).ok()
    })?;
    spec.components.as_mut()?.schemas = schemas;
    spec.paths = Paths {
        paths,
        extensions: IndexMap::new(),
    };
    Some(spec)
}

/// The bundled document as `openapiv3` types, its `paths` read on another thread than
/// the rest; `None` if anything misfits.
fn read_in_parallel(bundled: &mut Value) -> Option<OpenAPI> {
    without(bundled, &[PATHS], |rest, taken| {
        let paths = taken[0].as_ref()?;
        let (rest, paths) =
            crate::parallel::join(|| OpenAPI::deserialize(rest), || Paths::deserialize(paths));
        let mut spec = rest.ok()?;
        spec.paths = paths.ok()?;
        Some(spec)
    })
}

/// `read(rest, taken)` where `rest` is `document` with the values at `pointers` taken out
/// (empty mappings in their place, so that reading `rest` skips them) and `taken` are
/// those values (`None` where there is nothing); they are put back afterwards.
fn without<R>(
    document: &mut Value,
    pointers: &[&str],
    read: impl FnOnce(&Value, &[Option<Value>]) -> R,
) -> R {
    let taken: Vec<Option<Value>> = pointers
        .iter()
        .map(|pointer| {
            let slot = lookup_mut(document, pointer)?;
            Some(std::mem::replace(slot, Value::Mapping(Mapping::new())))
        })
        .collect();
    let result = read(document, &taken);
    for (pointer, value) in pointers.iter().zip(taken) {
        if let (Some(slot), Some(value)) = (lookup_mut(document, pointer), value) {
            *slot = value;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::super::{parse, version};
    use super::*;
    use crate::SourceReader;

    /// Reads files under the generator's test fixtures.
    struct Fixtures;

    impl SourceReader for Fixtures {
        fn read(&self, path: &str) -> Result<String, String> {
            let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
            std::fs::read_to_string(format!("{folder}{path}")).map_err(|e| e.to_string())
        }
    }

    /// Bundles `root` twice, reading ahead and not; checks that the documents are the
    /// same once the parts read ahead are put back, and that the spec read from them is
    /// too. Whether reading ahead was used (it is not after problems).
    fn same_both_ways(reader: &dyn SourceReader, root: &str) -> bool {
        let bundler = |reader| Bundler::new(reader, root, parse::prefetch(reader, root));
        let mut ahead = bundler(reader);
        let document = ahead.root().expect("the root parses");
        let version = version::check_version(&document, root).expect("a known version");
        let (mut bundled, mut read_ahead) = bundle_reading_ahead(ahead, &document, version);
        // Two threads take parts as they come: the order they were read in is not kept.
        read_ahead.schemas.reverse();
        read_ahead.paths.reverse();
        let plain = bundler(reader).bundle(&document, version);
        let restored = read_ahead.restore(&mut bundled.document);
        assert_eq!(
            bundled.document, plain.document,
            "{root}: every part is put back"
        );
        let expected = OpenAPI::deserialize(&plain.document).ok();
        if !plain.problems.is_empty() || expected.is_none() {
            return false;
        }
        assert!(restored.is_some(), "{root}: every part was read ahead");
        let read = read(&mut bundled.document, restored);
        assert!(read == expected, "{root}: the spec read ahead differs");
        assert_eq!(
            bundled.document, plain.document,
            "{root}: reading leaves it as it was"
        );
        true
    }

    #[test]
    fn reading_ahead_reads_what_reading_at_once_does() {
        let mut roots: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
                .expect("the fixtures folder")
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.ends_with(".yaml") || name.ends_with(".json"))
                .collect();
        roots.sort();
        let read_ahead: Vec<&String> = roots
            .iter()
            .filter(|root| same_both_ways(&Fixtures, root))
            .collect();
        // Fixtures with problems (leniency.yaml) are read at once; the others ahead.
        assert!(
            read_ahead.len() * 4 >= roots.len() * 3,
            "{read_ahead:?} of {roots:?}"
        );
        assert!(read_ahead.iter().any(|root| *root == "multi_file.yaml"));
    }

    #[test]
    fn problems_turn_reading_ahead_off() {
        let reader = crate::MemoryReader::new([(
            "api.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {$ref: '#/components/schemas/Missing'}\n",
        )]);
        assert!(!same_both_ways(&reader, "api.yaml"));
    }
}
