//! The named types lowering has made, in the order made, found by name in constant time.
//!
//! Lowering asks "what is the type named `X`?" for every body, parameter, merged
//! property and union variant; answered by a scan of every type made, it took time
//! quadratic in the size of the API (Microsoft Graph's beta description: 22 000
//! operations, 33 000 types).

use std::collections::HashMap;

use crate::ir::TypeDef;
use crate::names::RustName;

#[derive(Default)]
pub(super) struct TypeDefs {
    defs: Vec<TypeDef>,
    /// Name → index in `defs` (the last made of that name).
    index: HashMap<RustName, usize>,
}

impl TypeDefs {
    pub(super) fn push(&mut self, def: TypeDef) {
        self.index.insert(def.name.clone(), self.defs.len());
        self.defs.push(def);
    }

    /// The type named `name`, if one was made.
    pub(super) fn get(&self, name: &RustName) -> Option<&TypeDef> {
        self.index.get(name).map(|&at| &self.defs[at])
    }

    pub(super) fn contains(&self, name: &RustName) -> bool {
        self.index.contains_key(name)
    }

    pub(super) fn len(&self) -> usize {
        self.defs.len()
    }

    /// Removes the types made from index `first` on, and returns them.
    pub(super) fn drain_from(&mut self, first: usize) -> Vec<TypeDef> {
        let drained: Vec<TypeDef> = self.defs.drain(first..).collect();
        if drained.is_empty() {
            return drained;
        }
        self.index.retain(|_, at| *at < first);
        // Names are claimed once, so no earlier type has a drained one's name; should one,
        // it is found again.
        for (at, def) in self.defs.iter().enumerate() {
            if !self.index.contains_key(&def.name) {
                self.index.insert(def.name.clone(), at);
            }
        }
        drained
    }

    /// The types, for passes that change them in place (not their names).
    pub(super) fn as_mut_slice(&mut self) -> &mut [TypeDef] {
        &mut self.defs
    }

    pub(super) fn into_vec(self) -> Vec<TypeDef> {
        self.defs
    }
}
