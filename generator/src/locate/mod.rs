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

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Receiver;

use crate::diagnostics::{Diagnostic, Errors};

mod syntax;
mod tree;

pub(crate) use syntax::{Refusal, json_syntax_error, yaml_syntax_error};
use tree::Tree;
pub(crate) use tree::is_json;

/// Reads a spec file's text again, by its path; `None` if it cannot be read (its
/// diagnostics keep no line). The loader's `SourceReader` is one, through a closure.
pub type Reread<'r> = &'r (dyn Fn(&str) -> Option<String> + Sync);

/// Files already scanned, by path (`None` for one that cannot be read or scanned).
#[derive(Default)]
pub struct Scanned(HashMap<String, Option<Tree>>);

/// Reads and scans each file whose path comes through `files`, once, until every sender
/// is gone: the report's files are scanned while lowering names them, on a core that
/// would otherwise wait (see [`crate::lower::lower_naming_files`]).
pub fn scan_as_named(files: Receiver<String>, read: Reread<'_>) -> Scanned {
    let mut scanned = HashMap::new();
    for file in files {
        if let Entry::Vacant(slot) = scanned.entry(file) {
            let tree = scan(slot.key(), read);
            slot.insert(tree);
        }
    }
    Scanned(scanned)
}

/// Fills in the line of every error that has none yet, reading each file named by an
/// error once (through `read`), and sorts the errors by file and line.
pub fn add_lines(errors: Errors, read: Reread<'_>) -> Errors {
    let mut diagnostics = errors.0;
    fill_lines(&mut [&mut diagnostics], read, Scanned::default());
    Errors(diagnostics)
}

/// [`add_lines`] for several lists at once (the report's fallbacks and warnings): each
/// file named in any of them is read and scanned once, unless it is among `scanned`
/// already; each list is sorted on its own.
pub fn fill_lines(lists: &mut [&mut Vec<Diagnostic>], read: Reread<'_>, scanned: Scanned) {
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
    // Files not scanned yet are read and scanned on every core (a spec's fallbacks can
    // be in hundreds).
    let Scanned(mut scanned) = scanned;
    let by_file: Vec<(String, Vec<(usize, usize)>)> = by_file.into_iter().collect();
    let missing: Vec<String> = by_file
        .iter()
        .map(|(file, _)| file)
        .filter(|file| !scanned.contains_key(*file))
        .cloned()
        .collect();
    let trees = crate::parallel::map(&missing, |file| scan(file, read));
    scanned.extend(missing.into_iter().zip(trees));
    for (file, places) in by_file {
        let Some(Some(tree)) = scanned.get(&file) else {
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

/// The positions in `file`, read through `read`; `None` if it cannot be read or scanned.
fn scan(file: &str, read: Reread<'_>) -> Option<Tree> {
    read(file).and_then(|text| Tree::parse(file, &text))
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::diagnostics::Location;

    const SPEC: &str = "paths:\n  /a:\n    get: {}\n";

    #[test]
    fn scans_each_named_file_once_until_the_names_stop() {
        let reads = Mutex::new(Vec::new());
        let read = |path: &str| {
            reads.lock().expect("not poisoned").push(path.to_owned());
            (path != "missing.yaml").then(|| SPEC.to_owned())
        };
        let (names, named) = std::sync::mpsc::channel();
        for file in ["a.yaml", "missing.yaml", "a.yaml", "b.yaml"] {
            names.send(file.to_owned()).expect("the receiver is alive");
        }
        drop(names);
        let Scanned(scanned) = scan_as_named(named, &read);
        assert_eq!(
            *reads.lock().expect("not poisoned"),
            ["a.yaml", "missing.yaml", "b.yaml"]
        );
        assert!(scanned["a.yaml"].is_some() && scanned["b.yaml"].is_some());
        assert!(scanned["missing.yaml"].is_none());
    }

    #[test]
    fn lines_come_from_files_scanned_before_and_the_rest_are_read() {
        let (names, named) = std::sync::mpsc::channel();
        names
            .send("a.yaml".to_owned())
            .expect("the receiver is alive");
        drop(names);
        let scanned = scan_as_named(named, &|_: &str| Some(SPEC.to_owned()));
        // `a.yaml` cannot be read any more: its line comes from the scan.
        let read = |path: &str| (path == "b.yaml").then(|| SPEC.to_owned());
        let at = |file: &str| Diagnostic::new(Location::new(file, "/paths/~1a/get"), "x");
        let mut diagnostics = vec![at("b.yaml"), at("a.yaml"), at("c.yaml")];
        fill_lines(&mut [&mut diagnostics], &read, scanned);
        let lines: Vec<(&str, Option<usize>)> = diagnostics
            .iter()
            .map(|d| (d.location.file.as_str(), d.location.line))
            .collect();
        assert_eq!(
            lines,
            [("a.yaml", Some(3)), ("b.yaml", Some(3)), ("c.yaml", None)]
        );
    }
}
