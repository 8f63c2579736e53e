//! Where each part of the bundled document came from.
//!
//! Bundling copies parts of many files into one document, and hoists schemas into its
//! `components.schemas`; errors found later (while deserializing or lowering) are about
//! the bundled document. The [`SourceMap`] turns their pointers back into the file and
//! pointer the user wrote.

use std::collections::HashMap;

use crate::diagnostics::{Location, child};

/// A change to a [`SourceMap`], recorded while bundling.
pub(super) enum Change {
    /// The bundled part at `out` was taken from `origin`.
    Origin { out: String, origin: Location },
    /// The bundled part at `from` now stands at `to` (see [`SourceMap::apply`]).
    Moved { from: String, to: String },
}

/// Maps pointers into the bundled document back to the file and pointer they came from.
#[derive(Debug, Default)]
pub struct SourceMap {
    root: String,
    /// Bundled pointer prefix → the place its content was taken from.
    origins: HashMap<String, Location>,
    /// (file, pointer) of every hoisted schema → its key in `components.schemas`.
    schema_keys: HashMap<(String, String), String>,
}

impl SourceMap {
    /// The original place of the bundled pointer `pointer` (without the leading `#`).
    pub fn locate(&self, pointer: &str) -> Location {
        let mut prefix = pointer;
        loop {
            if let Some(origin) = self.origins.get(prefix) {
                let mut pointer_in_file = origin.pointer.clone();
                pointer_in_file.push_str(&pointer[prefix.len()..]);
                return Location::new(origin.file.clone(), pointer_in_file);
            }
            match prefix.rfind('/') {
                Some(cut) => prefix = &prefix[..cut],
                None => return Location::new(self.root.clone(), pointer),
            }
        }
    }

    /// A map for the spec whose root file is `root`, where nothing was moved yet.
    pub(super) fn new(root: &str) -> Self {
        Self {
            root: root.to_owned(),
            origins: HashMap::new(),
            schema_keys: HashMap::new(),
        }
    }

    /// Applies `changes`, in order. The bundler records them as it walks and the map is
    /// built once at the end: grown one entry at a time, it rehashed every key at each
    /// doubling (a twentieth of the walk for DigitalOcean's 17 800 entries).
    pub(super) fn apply(&mut self, changes: Vec<Change>) {
        self.origins.reserve(changes.len());
        for change in changes {
            match change {
                Change::Origin { out, origin } => {
                    self.origins.insert(out, origin);
                }
                Change::Moved { from, to } => self.moved(&from, &to),
            }
        }
    }

    /// Records that the bundled part at `from` now stands at `to` (a rewrite moved it, as
    /// `prefixItems` into `items`): it and everything below it keep pointing where the
    /// user wrote them.
    fn moved(&mut self, from: &str, to: &str) {
        let origin = self.locate(from);
        let below: Vec<String> = self
            .origins
            .keys()
            .filter(|key| is_within(key, from))
            .cloned()
            .collect();
        for key in below {
            if let Some(location) = self.origins.remove(&key) {
                self.origins
                    .insert(format!("{to}{}", &key[from.len()..]), location);
            }
        }
        self.origins.insert(to.to_owned(), origin);
    }

    /// Records the key of every hoisted schema, by the file and pointer it came from.
    pub(super) fn set_schema_keys(&mut self, keys: HashMap<(String, String), String>) {
        self.schema_keys = keys;
    }

    /// The root spec file.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The key in `components.schemas` of the schema hoisted from `location` (a `$ref`
    /// points there), if any: an inline schema at that place is the same schema.
    pub fn schema_key_at(&self, location: &Location) -> Option<&str> {
        self.schema_keys
            .get(&(location.file.clone(), location.pointer.clone()))
            .map(String::as_str)
    }
}

/// Whether the pointer `pointer` is `prefix` or inside it.
pub(super) fn is_within(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The pointer, inside the bundled document, of the hoisted schema `key`.
pub fn schema_pointer(key: &str) -> String {
    child("/components/schemas", key)
}

/// The `$ref` string that points at the hoisted schema `key`.
pub fn schema_ref(key: &str) -> String {
    format!("#{}", schema_pointer(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(out: &str, file: &str, pointer: &str) -> Change {
        Change::Origin {
            out: out.to_owned(),
            origin: Location::new(file, pointer),
        }
    }

    #[test]
    fn source_map_prefers_the_longest_prefix() {
        let mut map = SourceMap::new("root.yaml");
        map.apply(vec![origin("/paths/~1a/get", "op.yml", "")]);
        assert_eq!(
            map.locate("/paths/~1a/get/responses/200"),
            Location::new("op.yml", "/responses/200")
        );
        assert_eq!(map.locate("/info"), Location::new("root.yaml", "/info"));
    }

    #[test]
    fn moved_parts_point_where_they_were_written() {
        let mut map = SourceMap::new("root.yaml");
        map.apply(vec![
            origin("/components/schemas/T", "t.yml", ""),
            origin(
                "/components/schemas/T/prefixItems/0/properties",
                "p.yml",
                "/props",
            ),
            Change::Moved {
                from: "/components/schemas/T/prefixItems/0".into(),
                to: "/components/schemas/T/items/anyOf/0".into(),
            },
            // Changes apply in order: a part recorded after the move stays where it is.
            origin("/components/schemas/T/prefixItems/0/x", "x.yml", ""),
        ]);
        assert_eq!(
            map.locate("/components/schemas/T/prefixItems/0/x/y"),
            Location::new("x.yml", "/y")
        );
        assert_eq!(
            map.locate("/components/schemas/T/items/anyOf/0/type"),
            Location::new("t.yml", "/prefixItems/0/type")
        );
        assert_eq!(
            map.locate("/components/schemas/T/items/anyOf/0/properties/a"),
            Location::new("p.yml", "/props/a")
        );
        // `prefixItems/0` is not inside `prefixItems/01`'s neighbour, nor the reverse.
        assert!(!is_within("/a/prefixItems/01", "/a/prefixItems/0"));
        assert!(is_within("/a/prefixItems/0", "/a/prefixItems/0"));
    }
}
