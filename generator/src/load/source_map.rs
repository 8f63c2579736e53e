//! Where each part of the bundled document came from.
//!
//! Bundling copies parts of many files into one document, and hoists schemas into its
//! `components.schemas`; errors found later (while deserializing or lowering) are about
//! the bundled document. The [`SourceMap`] turns their pointers back into the file and
//! pointer the user wrote.

use std::collections::HashMap;

use crate::diagnostics::{Location, child};

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

    /// Records that the bundled part at `out` was taken from `origin`.
    pub(super) fn insert_origin(&mut self, out: String, origin: Location) {
        self.origins.insert(out, origin);
    }

    /// Records that the bundled part at `from` now stands at `to` (a rewrite moved it, as
    /// `prefixItems` into `items`): it and everything below it keep pointing where the
    /// user wrote them.
    pub(super) fn moved(&mut self, from: &str, to: &str) {
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

    #[test]
    fn source_map_prefers_the_longest_prefix() {
        let mut map = SourceMap::new("root.yaml");
        map.insert_origin("/paths/~1a/get".into(), Location::new("op.yml", ""));
        assert_eq!(
            map.locate("/paths/~1a/get/responses/200"),
            Location::new("op.yml", "/responses/200")
        );
        assert_eq!(map.locate("/info"), Location::new("root.yaml", "/info"));
    }

    #[test]
    fn moved_parts_point_where_they_were_written() {
        let mut map = SourceMap::new("root.yaml");
        map.insert_origin("/components/schemas/T".into(), Location::new("t.yml", ""));
        map.insert_origin(
            "/components/schemas/T/prefixItems/0/properties".into(),
            Location::new("p.yml", "/props"),
        );
        map.moved(
            "/components/schemas/T/prefixItems/0",
            "/components/schemas/T/items/anyOf/0",
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
