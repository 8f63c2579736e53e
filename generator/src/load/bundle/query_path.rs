//! A path key with a query string in it (`/search/articles?query={query}`), read as the
//! path before the `?` with a query parameter for each `name={variable}` pair.
//!
//! OpenAPI appends a path to the server URL and sends query parameters by their
//! declarations; a query string in the template has no meaning there, and each of its
//! variables was reported as an undeclared path parameter, skipping the operations.
//! Descriptions converted from other formats write them so (medium.com, icons8.com in
//! APIs.guru's directory), declaring the variable `in: query`, `in: path`, or not at all.

use serde_yaml::{Mapping, Value};

use super::Bundler;
use crate::diagnostics::child;
use crate::load::position::is_method;

/// A path key with a query string.
pub(super) struct QueryInPath {
    /// The path before the `?`.
    pub path: String,
    /// Each `name={variable}` pair of the query string.
    pairs: Vec<(String, String)>,
}

impl QueryInPath {
    /// The path key `key` of `paths` read so, when it has a query string made only of
    /// `name={variable}` pairs whose variables are not in the path too, and no other path
    /// is read as the same. Anything else is left as it is (and reported).
    pub(super) fn of(paths: &Mapping, key: &str) -> Option<Self> {
        let (path, query) = key.split_once('?')?;
        if !path.starts_with('/') || query.is_empty() {
            return None;
        }
        let mut pairs = Vec::new();
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=')?;
            let variable = value.strip_prefix('{')?.strip_suffix('}')?;
            let plain =
                |text: &str| !text.is_empty() && !text.contains(['{', '}', '=', '?', '#', '/']);
            if !plain(name) || !plain(variable) || path.contains(&format!("{{{variable}}}")) {
                return None;
            }
            pairs.push((name.to_owned(), variable.to_owned()));
        }
        let clashes = paths.keys().filter_map(Value::as_str).any(|other| {
            other != key && (other == path || other.split_once('?').is_some_and(|(p, _)| p == path))
        });
        (!clashes).then(|| Self {
            path: path.to_owned(),
            pairs,
        })
    }
}

impl Bundler<'_> {
    /// Runs `walk` on the path item of the path key `key` (a query string in it, read as
    /// `query`), placed at the path before the `?`; then sends each variable of the
    /// query string as the query parameter its pair names, with a warning.
    pub(super) fn walk_path_with_query(
        &mut self,
        key: &str,
        query: &QueryInPath,
        walk: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let file = self.cursor.file.clone();
        let pointer = child(&self.cursor.pointer, key);
        let out = child(&self.cursor.out, &query.path);
        self.relocate(file, pointer, out, |b| {
            let mut item = walk(b);
            let mut read_as = Vec::new();
            if let Value::Mapping(item) = &mut item {
                for (name, variable) in &query.pairs {
                    let declared = as_query_parameter(item, name, variable);
                    if !declared {
                        add_query_parameter(item, name);
                    }
                    read_as.push(match (declared, name == variable) {
                        (true, true) => format!("`{name}`"),
                        (true, false) => format!("`{name}` (the parameter `{variable}`)"),
                        (false, _) => format!("`{name}` (a required string: not declared)"),
                    });
                }
            }
            let noun = match read_as.len() {
                1 => "parameter",
                _ => "parameters",
            };
            b.warn(format!(
                "path `{key}` has a query string, which OpenAPI sends from parameters; read \
                 as `{}` with the query {noun} {}",
                query.path,
                read_as.join(", ")
            ));
            item
        })
    }
}

/// Makes every parameter of the path item `item` (its own and its operations') called
/// `variable`, in the path or the query, the query parameter `name`; whether there was one.
fn as_query_parameter(item: &mut Mapping, name: &str, variable: &str) -> bool {
    let mut found = false;
    let mut lists: Vec<&mut Value> = Vec::new();
    for (key, value) in item.iter_mut() {
        match key.as_str() {
            Some("parameters") => lists.push(value),
            Some(method) if is_method(method) => {
                if let Some(parameters) = value
                    .as_mapping_mut()
                    .and_then(|op| op.get_mut("parameters"))
                {
                    lists.push(parameters);
                }
            }
            _ => {}
        }
    }
    for parameter in lists
        .into_iter()
        .filter_map(Value::as_sequence_mut)
        .flatten()
        .filter_map(Value::as_mapping_mut)
    {
        let named = parameter.get("name").and_then(Value::as_str) == Some(variable);
        let located = matches!(
            parameter.get("in").and_then(Value::as_str),
            Some("path" | "query")
        );
        if named && located {
            parameter.insert(Value::from("in"), Value::from("query"));
            parameter.insert(Value::from("name"), Value::from(name));
            found = true;
        }
    }
    found
}

/// Declares the required string query parameter `name` for every operation of `item`.
fn add_query_parameter(item: &mut Mapping, name: &str) {
    let mut parameter = Mapping::new();
    parameter.insert(Value::from("name"), Value::from(name));
    parameter.insert(Value::from("in"), Value::from("query"));
    parameter.insert(Value::from("required"), Value::Bool(true));
    let mut schema = Mapping::new();
    schema.insert(Value::from("type"), Value::from("string"));
    parameter.insert(Value::from("schema"), Value::Mapping(schema));
    let parameters = item
        .entry(Value::from("parameters"))
        .or_insert_with(|| Value::Sequence(Vec::new()));
    if let Value::Sequence(parameters) = parameters {
        parameters.push(Value::Mapping(parameter));
    }
}
