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
}
