//! The positions of a file's nodes, scanned from its text: YAML with `saphyr-parser`,
//! whose events carry their spans, JSON with the small scanner below.

use std::collections::HashMap;

use crate::diagnostics::{child, unescape_token};

/// Whether a file is read as JSON: when its name says so or its text starts with `{`
/// (the loader parses files by the same rule).
pub(crate) fn is_json(path: &str, text: &str) -> bool {
    path.ends_with(".json") || text.trim_start().starts_with('{')
}

/// A key that appears twice in one mapping.
pub(super) struct Duplicate {
    pub key: String,
    pub pointer: String,
    pub line: usize,
    pub first_line: usize,
}

/// The positions of a document's nodes.
#[derive(Clone, Debug)]
pub(super) struct Tree {
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
    pub(super) fn parse(path: &str, text: &str) -> Option<Self> {
        if is_json(path, text) {
            JsonScanner::new(text).document()
        } else {
            yaml_tree(text)
        }
    }

    /// The line of the node at `pointer`; for a pointer that goes beyond the file (a
    /// missing key), the line of the deepest node that exists, unless that is the root.
    pub(super) fn line_of(&self, pointer: &str) -> Option<usize> {
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

    /// The pointer of the scalar that starts at `line`:`column`.
    pub(super) fn pointer_at(&self, line: usize, column: usize) -> Option<String> {
        self.nodes()
            .into_iter()
            .find(|(node, _)| {
                node.line == line && node.column == column && matches!(node.shape, Shape::Leaf(_))
            })
            .map(|(_, pointer)| pointer)
    }

    /// The first key (in document order) that appears twice in one mapping.
    pub(super) fn duplicate(&self) -> Option<Duplicate> {
        let mut found: Option<Duplicate> = None;
        for (node, pointer) in self.nodes() {
            let Shape::Map(entries) = &node.shape else {
                continue;
            };
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (key, line, _) in entries {
                let Some(first_line) = seen.get(key.as_str()) else {
                    seen.insert(key, *line);
                    continue;
                };
                if found.as_ref().is_none_or(|f| *line < f.line) {
                    found = Some(Duplicate {
                        key: key.clone(),
                        pointer: child(&pointer, key),
                        line: *line,
                        first_line: *first_line,
                    });
                }
            }
        }
        found
    }

    /// Every node of the tree, with its pointer.
    fn nodes(&self) -> Vec<(&Tree, String)> {
        let mut nodes = Vec::new();
        let mut stack: Vec<(&Tree, String)> = vec![(self, String::new())];
        while let Some((node, pointer)) = stack.pop() {
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
            nodes.push((node, pointer));
        }
        nodes
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
                let mut entries = Vec::new();
                let mut more = self.open(b'}')?;
                while more {
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
                    more = self.another(b'}')?;
                }
                Shape::Map(entries)
            }
            b'[' => {
                let mut items = Vec::new();
                let mut more = self.open(b']')?;
                while more {
                    items.push(self.value(depth + 1)?);
                    more = self.another(b']')?;
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

    /// Steps over the opening bracket of a list or mapping: whether an item follows,
    /// or the container is empty (then its `close` is stepped over too).
    fn open(&mut self, close: u8) -> Option<bool> {
        self.at += 1;
        let empty = self.peek()? == close;
        if empty {
            self.at += 1;
        }
        Some(!empty)
    }

    /// Steps over what follows an item of a list or mapping: whether another item
    /// follows (`,`) or the container ends (`close`); `None` for anything else.
    fn another(&mut self, close: u8) -> Option<bool> {
        let byte = self.peek()?;
        self.at += 1;
        match byte {
            b',' => Some(true),
            byte if byte == close => Some(false),
            _ => None,
        }
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
