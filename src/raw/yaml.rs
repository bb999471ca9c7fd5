//! YAML text → a small tree of nodes that remember where they came from.
//! This is the only place that names the YAML parser; it enforces the budgets (size, depth,
//! alias expansion), refuses tags and duplicate keys, and keeps scalars as text so that the
//! target type — not YAML 1.1 guessing — decides what `no` or `0777` means.

use std::collections::HashMap;
use std::rc::Rc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

pub(crate) use super::tree::*;

/// Turns the parser's positions (line, column in characters) into byte offsets. Positions
/// arrive nearly in order, so each one is found by walking from the one before.
struct Offsets<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The cursor: 1-based line, 0-based column in characters, and its byte offset.
    line: usize,
    col: usize,
    byte: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Offsets {
            text,
            starts,
            line: 1,
            col: 0,
            byte: 0,
        }
    }

    /// Where the cursor's line ends (its `\n`, or the end of the text).
    fn line_end(&self) -> usize {
        self.starts
            .get(self.line)
            .map_or(self.text.len(), |next| next - 1)
    }

    /// The byte offset of 0-based character `col` on 1-based `line`; past the end of a line
    /// is its end, past the last line the end of the text.
    fn byte(&mut self, line: usize, col: usize) -> usize {
        let line = line.max(1);
        if line != self.line {
            let Some(&start) = self.starts.get(line - 1) else {
                return self.text.len();
            };
            self.line = line;
            self.col = 0;
            self.byte = start;
        }
        let end = self.line_end();
        while self.col < col && self.byte < end {
            let Some(c) = self.text[self.byte..].chars().next() else {
                break;
            };
            self.byte += c.len_utf8();
            self.col += 1;
        }
        while self.col > col {
            let Some(c) = self.text[..self.byte].chars().next_back() else {
                break;
            };
            self.byte -= c.len_utf8();
            self.col -= 1;
        }
        self.byte
    }

    /// One character at `line:col` (1-based column), or nothing at the end of a line.
    fn point(&mut self, line: usize, column: usize) -> Span {
        let start = self.byte(line, column.saturating_sub(1));
        let end = match self.text[start..].chars().next() {
            Some(c) if c != '\n' => start + c.len_utf8(),
            _ => start,
        };
        Span {
            line: line.max(1),
            column: column.max(1),
            start,
            end,
        }
    }

    /// The span of a parser event: its first line only (one character if it starts a block).
    fn span(&mut self, span: &YamlSpan) -> Span {
        let (start, end) = (span.start, span.end);
        let mut s = self.point(start.line(), start.col() + 1);
        if end.line() == start.line() && end.col() > start.col() {
            s.end = self.byte(end.line(), end.col()).max(s.start);
        }
        s
    }
}

enum Frame {
    Seq {
        items: Vec<Rc<Node>>,
        span: Span,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        entries: Vec<(Rc<Node>, Rc<Node>)>,
        pending_key: Option<Rc<Node>>,
        span: Span,
        anchor: usize,
        tag: Option<String>,
    },
}

/// Parse one YAML document. Returns the tree (if one could be built) and every issue found.
pub(crate) fn parse(text: &str, budget: Budget) -> (Option<Document>, Vec<YamlIssue>) {
    let mut issues = Vec::new();
    let fatal = |span: Span, message: String, help: Option<&str>| YamlIssue {
        span,
        path: String::new(),
        message,
        help: help.map(str::to_string),
        value: None,
        also: None,
    };
    if text.len() > budget.max_bytes {
        let first = text.chars().next().filter(|c| *c != '\n');
        issues.push(fatal(
            Span {
                line: 1,
                column: 1,
                start: 0,
                end: first.map_or(0, char::len_utf8),
            },
            format!(
                "the file is {} bytes; a campaign file may be at most {} bytes",
                text.len(),
                budget.max_bytes
            ),
            Some("a campaign file is a page of settings; split very large batches into several campaign files"),
        ));
        return (None, issues);
    }
    let mut offsets = Offsets::new(text);
    if text.trim().is_empty() {
        issues.push(fatal(
            offsets.point(1, 1),
            "the file is empty".into(),
            Some("run `handbill init` to write a working example campaign, then edit it"),
        ));
        return (None, issues);
    }

    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Rc<Node>> = HashMap::new();
    let mut sizes: HashMap<*const Node, usize> = HashMap::new();
    let mut total_nodes: usize = 0;
    let mut root: Option<Rc<Node>> = None;
    let mut documents = 0;

    loop {
        let (event, yspan) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let m = e.marker();
                if e.info().contains("recursion limit") {
                    issues.push(fatal(
                        offsets.point(m.line(), m.col() + 1),
                        format!("the file nests deeper than {} levels", budget.max_depth),
                        Some("a campaign needs only a few levels of nesting; check for runaway brackets or indentation"),
                    ));
                    return (None, issues);
                }
                if e.info().contains("tab") {
                    issues.push(fatal(
                        offsets.point(m.line(), m.col() + 1),
                        "a tab in the indentation: YAML indents with spaces only".into(),
                        Some("replace the tab with spaces (in most editors: indent using spaces, or `expandtab`)"),
                    ));
                    return (None, issues);
                }
                issues.push(fatal(
                    offsets.point(m.line(), m.col() + 1),
                    format!("YAML syntax error: {}", e.info()),
                    Some("check the indentation and quoting on this line and the one above it; values containing `: ` or starting with `#`, `*`, `&`, `!`, `[`, `{` need quotes"),
                ));
                return (None, issues);
            }
        };
        let span = offsets.span(&yspan);
        // A finished node to attach to the parent frame.
        let mut finished: Option<(Rc<Node>, usize)> = None;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    issues.push(fatal(
                        span,
                        "the file holds more than one YAML document (`---`)".into(),
                        Some("put one campaign in each file; pass several files to handbill to build them together"),
                    ));
                    return (None, issues);
                }
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(node) => {
                    let size = sizes.get(&Rc::as_ptr(node)).copied().unwrap_or(1);
                    // A short scalar reached through an alias is reported where the alias is,
                    // not where its anchor is. Long ones and collections stay shared, so that
                    // expanding aliases never copies much (the node budget bounds the count).
                    let node = match &node.kind {
                        Kind::Scalar { text, style } if text.len() <= 256 => Rc::new(Node {
                            kind: Kind::Scalar {
                                text: text.clone(),
                                style: *style,
                            },
                            span,
                            tag: node.tag.clone(),
                        }),
                        _ => node.clone(),
                    };
                    finished = Some((node, size));
                }
                None => {
                    issues.push(fatal(span, "alias to an unknown anchor".into(), None));
                    return (None, issues);
                }
            },
            Event::Scalar(text, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                let node = Rc::new(Node {
                    kind: Kind::Scalar {
                        text: text.into_owned(),
                        style,
                    },
                    span,
                    tag: tag.map(|t| tag_text(&t)),
                });
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                finished = Some((node, 1));
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let is_seq = matches!(event, Event::SequenceStart(..));
                let tag = tag.as_ref().map(|t| tag_text(t));
                if stack.len() >= budget.max_depth {
                    issues.push(fatal(
                        span,
                        format!("the file nests deeper than {} levels", budget.max_depth),
                        Some("a campaign needs only a few levels of nesting; check for runaway brackets or indentation"),
                    ));
                    return (None, issues);
                }
                stack.push(if is_seq {
                    Frame::Seq {
                        items: Vec::new(),
                        span,
                        anchor,
                        tag,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        pending_key: None,
                        span,
                        anchor,
                        tag,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // A flow collection on one line gets a caret under all of it.
                // The event is the closing bracket (and any blanks or comment after it).
                let mut widen = |mut start: Span| {
                    let close = yspan.start;
                    if close.line() == start.line && close.col() + 1 >= start.column {
                        start.end = offsets.byte(close.line(), close.col() + 1).max(start.start);
                    }
                    start
                };
                let (node, anchor) = match stack.pop() {
                    Some(Frame::Seq {
                        items,
                        span,
                        anchor,
                        tag,
                    }) => (
                        Node {
                            kind: Kind::Seq(items),
                            span: widen(span),
                            tag,
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        entries,
                        span,
                        anchor,
                        tag,
                        ..
                    }) => (
                        Node {
                            kind: Kind::Map(entries),
                            span: widen(span),
                            tag,
                        },
                        anchor,
                    ),
                    None => break,
                };
                let size = 1 + match &node.kind {
                    Kind::Seq(items) => items
                        .iter()
                        .map(|n| sizes.get(&Rc::as_ptr(n)).copied().unwrap_or(1))
                        .sum::<usize>(),
                    Kind::Map(entries) => entries
                        .iter()
                        .map(|(k, v)| {
                            sizes.get(&Rc::as_ptr(k)).copied().unwrap_or(1)
                                + sizes.get(&Rc::as_ptr(v)).copied().unwrap_or(1)
                        })
                        .sum::<usize>(),
                    Kind::Scalar { .. } => 0,
                };
                let node = Rc::new(node);
                sizes.insert(Rc::as_ptr(&node), size);
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                // Its children were already counted as they arrived.
                finished = Some((node, 1));
            }
        }

        let Some((node, size)) = finished else {
            continue;
        };
        total_nodes = total_nodes.saturating_add(size);
        if total_nodes > budget.max_nodes {
            issues.push(fatal(
                span,
                format!(
                    "the file expands to more than {} values once its aliases (`*name`) are resolved",
                    budget.max_nodes
                ),
                Some("this looks like an alias bomb; write the values out instead of nesting aliases"),
            ));
            return (None, issues);
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    if node.scalar().is_none() {
                        issues.push(YamlIssue {
                            span: node.span,
                            path: String::new(),
                            message: "a mapping key must be a plain name, not a list or mapping"
                                .into(),
                            help: Some("write `name: value`".into()),
                            value: None,
                            also: None,
                        });
                    }
                    *pending_key = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }

    let Some(root) = root else {
        issues.push(fatal(
            offsets.point(1, 1),
            "the file holds no YAML values (only comments?)".into(),
            Some("run `handbill init` to write a working example campaign, then edit it"),
        ));
        return (None, issues);
    };

    let mut doc = Document {
        root: root.clone(),
        key_spans: HashMap::new(),
        value_spans: HashMap::new(),
    };
    index(&root, String::new(), &mut doc, &mut issues, 0);
    (Some(doc), issues)
}

/// Record the span of every path and report duplicate keys. Paths under aliases are
/// indexed once per place they appear; depth is bounded by the parse budget.
fn index(
    node: &Rc<Node>,
    path: String,
    doc: &mut Document,
    issues: &mut Vec<YamlIssue>,
    visited: usize,
) {
    // Bounded by the parse budget (nodes after alias expansion) and depth.
    if visited > 64 {
        return;
    }
    doc.value_spans.entry(path.clone()).or_insert(node.span);
    if let Some(tag) = &node.tag {
        issues.push(YamlIssue {
            span: node.span,
            path: path.clone(),
            message: format!("YAML tags are not allowed (found `{tag}`)"),
            help: Some("remove the tag and write the value as plain text".into()),
            value: node.scalar().map(str::to_string),
            also: None,
        });
    }
    match &node.kind {
        Kind::Scalar { .. } => {}
        Kind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                index(item, join_index(&path, i), doc, issues, visited + 1);
            }
        }
        Kind::Map(entries) => {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for (k, v) in entries {
                let key = k.scalar().unwrap_or_default();
                let child = join_key(&path, key);
                if let Some(first) = seen.get(key) {
                    issues.push(YamlIssue {
                        span: k.span,
                        path: child.clone(),
                        message: format!(
                            "duplicate key `{key}` (first given on line {})",
                            first.line
                        ),
                        help: Some(
                            "keep one of the two; YAML would otherwise silently use the last"
                                .into(),
                        ),
                        value: None,
                        also: Some((*first, "first written here")),
                    });
                    continue;
                }
                seen.insert(key, k.span);
                doc.key_spans.insert(child.clone(), k.span);
                index(v, child, doc, issues, visited + 1);
            }
        }
    }
}

/// A tag as it is usually written: `!!str` for the core schema's, `!foo` for local ones.
fn tag_text(t: &saphyr_parser::Tag) -> String {
    match t.handle.as_str() {
        "!" => format!("!{}", t.suffix),
        "tag:yaml.org,2002:" => format!("!!{}", t.suffix),
        "!!" => format!("!!{}", t.suffix),
        h => format!("{h}{}", t.suffix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_parents() {
        assert_eq!(parent_path("a.b[2].c"), Some("a.b[2]"));
        assert_eq!(parent_path("a.b[2]"), Some("a.b"));
        assert_eq!(parent_path("a"), Some(""));
        assert_eq!(parent_path(""), None);
        assert_eq!(join_key("links", "chapter"), "links.chapter");
        assert_eq!(join_key("", "a b"), "\"a b\"");
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let (doc, issues) = parse(&text, Budget::CAMPAIGN);
        assert!(doc.is_none());
        assert!(issues[0].message.contains("aliases"), "{issues:?}");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (doc, issues) = parse(&text, Budget::CAMPAIGN);
        assert!(doc.is_none());
        assert!(issues[0].message.contains("nests deeper"), "{issues:?}");
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_lines() {
        let (doc, issues) = parse("a: 1\nb: 2\na: 3\n", Budget::CAMPAIGN);
        assert!(doc.is_some());
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].span.line, 3);
        assert!(issues[0].message.contains("line 1"));
        let (first, label) = issues[0].also.expect("the first occurrence");
        assert_eq!(
            (first.line, first.bytes(), label),
            (1, 0..1, "first written here")
        );
        assert_eq!(issues[0].span.bytes(), 10..11);
    }

    #[test]
    fn spans_are_byte_ranges_of_what_they_mark() {
        let text =
            "正義: \"神\"\r\nlist: [a, 🙏] # c\nmap: {a: [1], b: 2}\nblock: |\n  one\nlast: ✊ y\n";
        let (doc, _) = parse(text, Budget::CAMPAIGN);
        let doc = doc.expect("a tree");
        let marked = |path: &str| {
            let s = doc.span_of(path);
            (s.line, s.column, &text[s.bytes()])
        };
        assert_eq!(marked("正義"), (1, 5, "\"神\""));
        assert_eq!(doc.key_span_of("正義").bytes(), 0..6);
        assert_eq!(marked("list"), (2, 7, "[a, 🙏]"));
        assert_eq!(marked("list[1]"), (2, 11, "🙏"));
        assert_eq!(marked("map"), (3, 6, "{a: [1], b: 2}"));
        assert_eq!(marked("map.a"), (3, 10, "[1]"));
        // A block scalar is marked at its first character.
        assert_eq!(marked("block"), (5, 3, "o"));
        assert_eq!(marked("last"), (6, 7, "✊ y"));
        // Syntax errors are placed too.
        let text = "正義: 神\n\tb: ✊\n";
        let (_, issues) = parse(text, Budget::CAMPAIGN);
        let s = issues[0].span;
        assert_eq!(
            (s.line, s.column, &text[s.bytes()]),
            (1, 5, "神"),
            "{issues:?}"
        );
    }
}
