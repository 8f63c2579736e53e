//! Lines for error messages: where a JSON pointer is in the text of a spec file.
//!
//! Only the error path and warnings come here. Parsing with `serde_yaml` keeps no
//! positions, so when there are errors or warnings to report, each file they name is
//! read again and scanned once into a tree of positions ([`tree`]), and every pointer is
//! looked up in it. The line of a mapping entry is the line of its key; of a list item,
//! the line where the item starts.
//!
//! [`syntax`] words the errors of files that do not parse, from the parser's error and
//! what the loader refused, and names the place with the same tree.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Errors};

mod syntax;
mod tree;

pub(crate) use syntax::{Refusal, json_syntax_error, yaml_syntax_error};
use tree::Tree;
pub(crate) use tree::is_json;

/// Reads a spec file's text again, by its path; `None` if it cannot be read (its
/// diagnostics keep no line). The loader's `SourceReader` is one, through a closure.
pub type Reread<'r> = &'r (dyn Fn(&str) -> Option<String> + Sync);

/// Fills in the line of every error that has none yet, reading each file named by an
/// error once (through `read`), and sorts the errors by file and line.
pub fn add_lines(errors: Errors, read: Reread<'_>) -> Errors {
    let mut diagnostics = errors.0;
    fill_lines(&mut [&mut diagnostics], read);
    Errors(diagnostics)
}

/// [`add_lines`] for several lists at once (the report's fallbacks and warnings): each
/// file named in any of them is read and scanned once; each list is sorted on its own.
pub fn fill_lines(lists: &mut [&mut Vec<Diagnostic>], read: Reread<'_>) {
    // (list, index in it) of every diagnostic still without a line, by file.
    let mut by_file: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (list_index, list) in lists.iter().enumerate() {
        for (index, diagnostic) in list.iter().enumerate() {
            if diagnostic.location.line.is_none() && !diagnostic.location.pointer.is_empty() {
                by_file
                    .entry(diagnostic.location.file.clone())
                    .or_default()
                    .push((list_index, index));
            }
        }
    }
    // Files are read and parsed on every core (a spec's fallbacks can be in hundreds).
    let by_file: Vec<(String, Vec<(usize, usize)>)> = by_file.into_iter().collect();
    let trees = crate::parallel::map(&by_file, |(file, _)| {
        read(file).and_then(|text| Tree::parse(file, &text))
    });
    for ((_, places), tree) in by_file.into_iter().zip(trees) {
        let Some(tree) = tree else {
            continue;
        };
        for (list_index, index) in places {
            let location = &mut lists[list_index][index].location;
            location.line = tree.line_of(&location.pointer);
        }
    }
    for list in lists.iter_mut() {
        list.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        list.dedup();
    }
}

/// Diagnostics are listed by file, line, pointer and message.
fn sort_key(d: &Diagnostic) -> (&str, Option<usize>, &str, &str) {
    (
        &d.location.file,
        d.location.line,
        &d.location.pointer,
        &d.message,
    )
}
