//! Lines for error messages: where a JSON pointer is in the text of a spec file.
//!
//! Only the error path and warnings come here. Parsing with `serde_yaml` keeps no
//! positions, so when there are errors or warnings to report, each file they name is
//! read again and scanned once into a [`Tree`] of positions (YAML with `saphyr-parser`,
//! whose events carry their spans; JSON with the small scanner below), and every
//! pointer is looked up in it. The line of a mapping entry is the line of its key; of a
//! list item, the line where the item starts.
//!
//! This module also words syntax errors (with a hint for the usual causes: tabs, bad
//! indentation, unclosed brackets and quotes) and finds duplicate keys.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Diagnostic, Errors, Location, child, unescape_token};
use crate::load::SourceReader;

/// Start of the loader's message for a key that appears twice in one mapping;
/// [`yaml_syntax_error`] and [`json_syntax_error`] replace it by one that names both places.
pub(crate) const DUPLICATE_KEY: &str = "duplicate key ";

/// Start of the loader's message for `.nan` or `.inf`, which JSON cannot hold.
pub(crate) const NOT_FINITE: &str = "not a finite number: ";

/// Fills in the line of every error that has none yet, reading each file named by an
/// error once (through `reader`), and sorts the errors by file and line.
pub fn add_lines(errors: Errors, reader: &dyn SourceReader) -> Errors {
    let mut diagnostics = errors.0;
    fill_lines(&mut [&mut diagnostics], reader);
    Errors(diagnostics)
}

/// [`add_lines`] for several lists at once (the report's fallbacks and warnings): each
/// file named in any of them is read and scanned once; each list is sorted on its own.
pub fn fill_lines(lists: &mut [&mut Vec<Diagnostic>], reader: &dyn SourceReader) {
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
    for (file, places) in by_file {
        let Ok(text) = reader.read(&file) else {
            continue;
        };
        let Some(tree) = Tree::parse(&file, &text) else {
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

/// Whether a file is read as JSON (the same rule as the loader's).
pub(crate) fn is_json(path: &str, text: &str) -> bool {
    path.ends_with(".json") || text.trim_start().starts_with('{')
}

/// The diagnostic for a YAML file that does not parse.
pub(crate) fn yaml_syntax_error(path: &str, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let mut location = Location::new(path, "");
    let at = error.location().map(|at| (at.line(), at.column()));
    location.line = at.map(|(line, _)| line);
    let message = error.to_string();
    if message.contains(DUPLICATE_KEY) {
        return duplicate_key(path, text, location, &message);
    }
    if let (Some(start), Some((line, column))) = (message.find(NOT_FINITE), at) {
        let value = message[start + NOT_FINITE.len()..]
            .split(" at line ")
            .next()
            .unwrap_or_default();
        if let Some(pointer) =
            Tree::parse(path, text).and_then(|tree| tree.pointer_at(line, column))
        {
            location.pointer = pointer;
        }
        return Diagnostic::new(
            location,
            format!(
                "{value} is not a number JSON can hold (an OpenAPI document must be valid as \
                 JSON); quote it if it is text"
            ),
        );
    }
    let hint = at.and_then(|(line, column)| yaml_hint(text, &message, line, column));
    let mut out = format!("invalid YAML: {message}");
    if let Some(hint) = hint {
        out.push_str("; ");
        out.push_str(hint);
    }
    Diagnostic::new(location, out)
}

/// The diagnostic for a JSON file that does not parse.
pub(crate) fn json_syntax_error(path: &str, text: &str, error: &serde_json::Error) -> Diagnostic {
    let mut location = Location::new(path, "");
    let message = error.to_string();
    // serde_json ends its message with the position, which the location shows.
    let message = match message.rsplit_once(" at line ") {
        Some((message, _)) if error.line() > 0 => message.to_owned(),
        _ => message,
    };
    if error.line() > 0 {
        location.line = Some(error.line());
    }
    if message.contains(DUPLICATE_KEY) {
        return duplicate_key(path, text, location, &message);
    }
    let column = if error.line() > 0 {
        format!(" (column {})", error.column())
    } else {
        String::new()
    };
    let hint = match error.classify() {
        serde_json::error::Category::Eof => {
            "; the file ends before every `{`, `[` and `\"` is closed"
        }
        _ if message.starts_with("trailing comma") => "; JSON allows no comma after the last item",
        _ => "",
    };
    Diagnostic::new(location, format!("invalid JSON: {message}{column}{hint}"))
}

/// A hint for the usual causes of a YAML syntax error at `line`:`column` (1-based).
fn yaml_hint(text: &str, message: &str, line: usize, column: usize) -> Option<&'static str> {
    let line_text = text.lines().nth(line.checked_sub(1)?).unwrap_or("");
    let before = text.lines().nth(line.saturating_sub(2)).unwrap_or("");
    if line_text.starts_with([' ', '\t']) && line_text.trim_start_matches(' ').starts_with('\t')
        || line_text.chars().nth(column.saturating_sub(1)) == Some('\t')
    {
        return Some("YAML cannot be indented with tabs: use spaces");
    }
    let unbalanced = |text: &str| text.matches('"').count() % 2 == 1;
    if unbalanced(before) || unbalanced(line_text) {
        return Some("is a quoted string left unclosed?");
    }
    if message.contains("expected ',' or ']'") {
        return Some("a `[` list is not closed with `]`");
    }
    if message.contains("expected ',' or '}'") {
        return Some(
            "a `{` mapping is not closed with `}` (a value that starts with `{` must be quoted)",
        );
    }
    if message.contains("did not find expected key")
        || message.contains("did not find expected '-' indicator")
    {
        return Some("check this line's indentation: the keys of one mapping must line up");
    }
    if message.contains("mapping values are not allowed in this context") {
        return Some("a value that contains `: ` must be quoted, or the line is indented too far");
    }
    if message.contains("found unknown anchor") {
        return Some("an alias `*name` needs an anchor `&name` earlier in the file");
    }
    None
}

/// The error for a key given twice in one mapping, at the second one.
fn duplicate_key(path: &str, text: &str, fallback: Location, message: &str) -> Diagnostic {
    let found = Tree::parse(path, text).and_then(|tree| tree.duplicate());
    match found {
        Some(duplicate) => Diagnostic::new(
            Location {
                line: Some(duplicate.line),
                ..Location::new(path, duplicate.pointer)
            },
            format!(
                "duplicate key `{}`: it is also at line {} of this mapping; a key may appear \
                 only once (one of them would be silently lost)",
                duplicate.key, duplicate.first_line
            ),
        ),
        None => Diagnostic::new(
            fallback,
            format!("{message}; a key may appear only once in a mapping"),
        ),
    }
}

/// A key that appears twice in one mapping.
struct Duplicate {
    key: String,
    pointer: String,
    line: usize,
    first_line: usize,
}

/// The positions of a document's nodes.
#[derive(Clone, Debug)]
struct Tree {
    /// 1-based line where the node starts.
    line: usize,
    /// 1-based column (in characters for YAML, bytes for JSON) where the node starts.
    column: usize,
    shape: Shape,
}

#[derive(Clone, Debug)]
enum Shape {
    /// A scalar, with its text (used when it is a key).
    Leaf(String),
    List(Vec<Tree>),
    /// Entries in order: key, line of the key, value.
    Map(Vec<(String, usize, Tree)>),
}

impl Tree {
    /// Scans a file's text; `None` if it does not scan.
    fn parse(path: &str, text: &str) -> Option<Self> {
        if is_json(path, text) {
            JsonScanner::new(text).document()
        } else {
            yaml_tree(text)
        }
    }

    /// The line of the node at `pointer`; for a pointer that goes beyond the file (a
    /// missing key), the line of the deepest node that exists, unless that is the root.
    fn line_of(&self, pointer: &str) -> Option<usize> {
        let mut node = self;
        let mut line = None;
        let tokens = pointer.strip_prefix('/')?.split('/');
        for token in tokens {
            let token = unescape_token(token);
            match node.child(&token) {
                Some((key_line, next)) => {
                    line = Some(key_line);
                    node = next;
                }
                None => break,
            }
        }
        line
    }

    /// The child named `token`, with the line to report for it.
    fn child(&self, token: &str) -> Option<(usize, &Tree)> {
        match &self.shape {
            Shape::Map(entries) => entries
                .iter()
                .find(|(key, _, _)| key == token)
                .map(|(_, line, value)| (*line, value))
                .or_else(|| {
                    // YAML merge keys: `<<: *base` brings the entries of `base`.
                    entries
                        .iter()
                        .filter(|(key, _, _)| key == "<<")
                        .find_map(|(_, _, merged)| match &merged.shape {
                            Shape::List(items) => items.iter().find_map(|i| i.child(token)),
                            _ => merged.child(token),
                        })
                }),
            Shape::List(items) => {
                let item = items.get(token.parse::<usize>().ok()?)?;
                Some((item.line, item))
            }
            Shape::Leaf(_) => None,
        }
    }

    /// The pointer of the node that starts at `line`:`column`.
    fn pointer_at(&self, line: usize, column: usize) -> Option<String> {
        let mut stack: Vec<(&Tree, String)> = vec![(self, String::new())];
        while let Some((node, pointer)) = stack.pop() {
            if node.line == line
                && node.column == column
                && !matches!(node.shape, Shape::Map(_) | Shape::List(_))
            {
                return Some(pointer);
            }
            match &node.shape {
                Shape::Leaf(_) => {}
                Shape::List(items) => {
                    for (index, item) in items.iter().enumerate() {
                        stack.push((item, child(&pointer, &index.to_string())));
                    }
                }
                Shape::Map(entries) => {
                    for (key, _, value) in entries {
                        stack.push((value, child(&pointer, key)));
                    }
                }
            }
        }
        None
    }

    /// The first key (in document order) that appears twice in one mapping.
    fn duplicate(&self) -> Option<Duplicate> {
        let mut stack: Vec<(&Tree, String)> = vec![(self, String::new())];
        let mut found: Option<Duplicate> = None;
        while let Some((node, pointer)) = stack.pop() {
            match &node.shape {
                Shape::Leaf(_) => {}
                Shape::List(items) => {
                    for (index, item) in items.iter().enumerate() {
                        stack.push((item, child(&pointer, &index.to_string())));
                    }
                }
                Shape::Map(entries) => {
                    let mut seen: HashMap<&str, usize> = HashMap::new();
                    for (key, line, value) in entries {
                        if let Some(first_line) = seen.get(key.as_str()) {
                            let earlier = found.as_ref().is_none_or(|f| *line < f.line);
                            if earlier {
                                found = Some(Duplicate {
                                    key: key.clone(),
                                    pointer: child(&pointer, key),
                                    line: *line,
                                    first_line: *first_line,
                                });
                            }
                        } else {
                            seen.insert(key, *line);
                        }
                        stack.push((value, child(&pointer, key)));
                    }
                }
            }
        }
        found
    }
}

/// A container being built from YAML events.
enum Open {
    List {
        line: usize,
        column: usize,
        anchor: usize,
        items: Vec<Tree>,
    },
    Map {
        line: usize,
        column: usize,
        anchor: usize,
        entries: Vec<(String, usize, Tree)>,
        key: Option<(String, usize)>,
    },
}

/// The tree of the first document of a YAML text.
fn yaml_tree(text: &str) -> Option<Tree> {
    use saphyr_parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    let mut anchors: HashMap<usize, Tree> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        let (line, column) = (span.start.line(), span.start.col() + 1);
        let (node, anchor) = match event {
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::StreamEnd | Event::DocumentEnd => return None,
            Event::Alias(id) => {
                let mut node = anchors.get(&id).cloned().unwrap_or(Tree {
                    line,
                    column,
                    shape: Shape::Leaf(String::new()),
                });
                node.line = line;
                node.column = column;
                (node, 0)
            }
            Event::Scalar(value, _, anchor, _) => (
                Tree {
                    line,
                    column,
                    shape: Shape::Leaf(value.into_owned()),
                },
                anchor,
            ),
            Event::SequenceStart(anchor, _) => {
                stack.push(Open::List {
                    line,
                    column,
                    anchor,
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Open::Map {
                    line,
                    column,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Open::List {
                    line,
                    column,
                    anchor,
                    items,
                } => (
                    Tree {
                        line,
                        column,
                        shape: Shape::List(items),
                    },
                    anchor,
                ),
                Open::Map {
                    line,
                    column,
                    anchor,
                    entries,
                    ..
                } => (
                    Tree {
                        line,
                        column,
                        shape: Shape::Map(entries),
                    },
                    anchor,
                ),
            },
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => return Some(node),
            Some(Open::List { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                Some((key, key_line)) => entries.push((key, key_line, node)),
                None => {
                    let text = match node.shape {
                        Shape::Leaf(text) => text,
                        _ => String::new(),
                    };
                    *key = Some((text, node.line));
                }
            },
        }
    }
}

/// Nesting beyond which the JSON scanner gives up (serde_json stops at 128).
const MAX_JSON_DEPTH: usize = 256;

/// Scans JSON text into a [`Tree`]; `None` for text that is not JSON.
struct JsonScanner<'t> {
    bytes: &'t [u8],
    at: usize,
    line: usize,
    /// Where the current line starts.
    line_start: usize,
}

impl<'t> JsonScanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn document(mut self) -> Option<Tree> {
        self.value(0)
    }

    fn skip_space(&mut self) {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.at + 1;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    fn value(&mut self, depth: usize) -> Option<Tree> {
        if depth > MAX_JSON_DEPTH {
            return None;
        }
        let first = self.peek()?;
        let (line, column) = (self.line, self.at - self.line_start + 1);
        let shape = match first {
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                if self.peek()? == b'}' {
                    self.at += 1;
                } else {
                    loop {
                        if self.peek()? != b'"' {
                            return None;
                        }
                        let key_line = self.line;
                        let key = self.string()?;
                        if self.peek()? != b':' {
                            return None;
                        }
                        self.at += 1;
                        let value = self.value(depth + 1)?;
                        entries.push((key, key_line, value));
                        match self.peek()? {
                            b',' => self.at += 1,
                            b'}' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Shape::Map(entries)
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek()? == b']' {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        match self.peek()? {
                            b',' => self.at += 1,
                            b']' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Shape::List(items)
            }
            b'"' => Shape::Leaf(self.string()?),
            _ => {
                let start = self.at;
                while let Some(&byte) = self.bytes.get(self.at) {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.at += 1;
                }
                if self.at == start {
                    return None;
                }
                Shape::Leaf(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
            }
        };
        Some(Tree {
            line,
            column,
            shape,
        })
    }

    /// A string literal (the cursor is on its opening quote), unescaped.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => break,
                b'\\' => {
                    let escaped = *self.bytes.get(self.at)?;
                    self.at += 1;
                    match escaped {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let hex = self.bytes.get(self.at..self.at + 4)?;
                            self.at += 4;
                            let code =
                                u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                            let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                            let mut buffer = [0; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                b'\n' => return None,
                other => out.push(other),
            }
        }
        Some(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
openapi: 3.0.3
paths:
  /things/{id}:
    get:
      parameters:
        - name: id
          in: path
        -
          name: other
      responses:
        200: {description: OK}
base: &base
  a: 1
derived:
  <<: *base
  b: 2
";

    #[test]
    fn finds_lines_in_yaml() {
        // A test: a failed expectation is the test failing.
        let tree = Tree::parse("a.yaml", YAML).expect("scans");
        let line = |pointer: &str| tree.line_of(pointer);
        assert_eq!(line("/paths"), Some(2));
        assert_eq!(line("/paths/~1things~1{id}/get"), Some(4));
        assert_eq!(line("/paths/~1things~1{id}/get/parameters/0"), Some(6));
        assert_eq!(line("/paths/~1things~1{id}/get/parameters/0/in"), Some(7));
        assert_eq!(line("/paths/~1things~1{id}/get/parameters/1/name"), Some(9));
        assert_eq!(
            line("/paths/~1things~1{id}/get/responses/200/description"),
            Some(11)
        );
        assert_eq!(line("/paths/~1things~1{id}/get/security"), Some(4));
        assert_eq!(line("/derived/a"), Some(13));
        assert_eq!(line("/nothing"), None);
        assert_eq!(line(""), None);
    }

    #[test]
    fn finds_lines_in_json() {
        let text = "{\n  \"a\": {\"b\\/c\": [1,\n  {\"d\": true}]},\n  \"e\": \"x\\\"y\"\n}\n";
        // A test: a failed expectation is the test failing.
        let tree = Tree::parse("a.json", text).expect("scans");
        assert_eq!(tree.line_of("/a/b~1c/1/d"), Some(3));
        assert_eq!(tree.line_of("/a/b~1c/0"), Some(2));
        assert_eq!(tree.line_of("/e"), Some(4));
        assert!(Tree::parse("a.json", "{\"a\": ").is_none());
    }

    #[test]
    fn finds_duplicate_keys() {
        let text = "a:\n  b: 1\n  c: 2\n  b: 3\nd: 4\n";
        let found = Tree::parse("a.yaml", text)
            .and_then(|t| t.duplicate())
            // A test: a failed expectation is the test failing.
            .expect("a duplicate");
        assert_eq!(
            (found.pointer.as_str(), found.line, found.first_line),
            ("/a/b", 4, 2)
        );
    }
}
