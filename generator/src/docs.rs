//! Spec descriptions turned into doc-comment lines.
//!
//! Descriptions are Markdown written for a web page. Two things in them would break
//! `cargo test` or `cargo doc` of the generated crate: rustdoc runs fenced code blocks
//! without a language and indented code blocks as Rust doctests. Fences without a
//! language are marked `text`, and indentation outside fences is capped at three spaces
//! (so nothing is an indented code block; nested lists stay lists).
//!
//! Any text that ends up in a comment also goes through [`comment_safe`]: a carriage
//! return is not allowed in a doc comment, and Unicode text-direction controls in
//! comments are denied by a default lint, so either would make the crate fail to compile.

/// The doc lines of a description: trimmed, code blocks made safe for rustdoc. A lone
/// carriage return breaks a line, as `\r\n` does.
pub fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    for raw in text.lines() {
        let line = raw.trim_end().replace('\t', "    ");
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if marker.len() >= 3
            && marker
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'))
        {
            match &fence {
                Some(open)
                    if marker.starts_with(open.as_str()) && trimmed.len() == marker.len() =>
                {
                    fence = None;
                    out.push(trimmed.to_owned());
                }
                Some(_) => out.push(line),
                None => {
                    let info = trimmed[marker.len()..].trim();
                    fence = Some(marker.clone());
                    if info.is_empty() || info == "rust" {
                        out.push(format!("{marker}text"));
                    } else {
                        out.push(trimmed.to_owned());
                    }
                }
            }
            continue;
        }
        if fence.is_some() {
            out.push(line);
        } else if indent > 3 {
            out.push(format!("   {trimmed}"));
        } else {
            out.push(line);
        }
    }
    if let Some(open) = fence {
        out.push(open);
    }
    while out.last().is_some_and(|line| line.is_empty()) {
        out.pop();
    }
    let first = out
        .iter()
        .position(|line| !line.is_empty())
        .unwrap_or(out.len());
    out.drain(..first);
    out
}

/// Characters that make a comment invalid, or that rustc denies in comments.
fn unsafe_in_comment(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that may not stand in a comment (control characters such
/// as a carriage return or a newline, text-direction controls) spelled as a Rust escape
/// (`\r`, `\u{202e}`), so the text can be a doc comment line.
pub fn comment_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(unsafe_in_comment) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_in_comment(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Appends a paragraph (`text`, made into lines) to `docs`, with a blank line between.
pub fn push_paragraph(docs: &mut Vec<String>, text: &str) {
    let lines = lines(text);
    if lines.is_empty() {
        return;
    }
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.extend(lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_without_language_become_text() {
        let docs = lines("Example:\n```\ncurl -X PUT\n```\n");
        assert_eq!(docs, ["Example:", "```text", "curl -X PUT", "```"]);
    }

    #[test]
    fn indented_code_is_not_a_doctest() {
        let docs = lines("Run:\n\n        do_thing()\n");
        assert_eq!(docs, ["Run:", "", "   do_thing()"]);
    }

    #[test]
    fn carriage_returns_break_lines() {
        assert_eq!(lines("a\r\nb\rc\n"), ["a", "b", "c"]);
    }

    #[test]
    fn comments_get_no_control_characters() {
        assert_eq!(comment_safe("a\rb\u{202e}c\td"), "a\\rb\\u{202e}c\td");
        assert_eq!(comment_safe("plain"), "plain");
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(lines("```json\n{}"), ["```json", "{}", "```"]);
    }
}
