//! The YAML tree handbill reads: nodes that remember where they came from (line, column and
//! byte range), the budgets that bound a file, and the YAML paths (`poster.groups[2].name`)
//! every diagnostic names.

use std::collections::HashMap;
use std::rc::Rc;

/// A position in the source text: 1-based line and column (in characters) for people and
/// JSON, and the byte range the caret goes under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// Byte offsets in the text; the range ends on the line it starts on.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    /// The byte range in the text.
    pub(crate) fn bytes(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Scalar { text: String, style: Style },
    Seq(Vec<Rc<Node>>),
    Map(Vec<(Rc<Node>, Rc<Node>)>),
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) span: Span,
    /// A YAML tag (`!!python/object`, `!foo`) found on the node; always refused.
    pub(crate) tag: Option<String>,
}

impl Node {
    /// The scalar's text, if this node is a scalar.
    pub(crate) fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A plain scalar that YAML 1.2 reads as null (`~`, `null`, or nothing at all).
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, style: Style::Plain }
            if text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null"))
    }

    /// A short name of what this node is, for "expected X, found Y" messages.
    pub(crate) fn describe(&self) -> &'static str {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "nothing (null)",
            Kind::Scalar { .. } => "a single value",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping (key: value pairs)",
        }
    }

    /// Convert to JSON (scalars resolved with the YAML 1.2 core schema). Used for
    /// checking a campaign against the published JSON Schema.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Scalar { text, style } => {
                if *style != Style::Plain {
                    return Value::String(text.clone());
                }
                if self.is_null() {
                    return Value::Null;
                }
                match text.as_str() {
                    "true" | "True" | "TRUE" => return Value::Bool(true),
                    "false" | "False" | "FALSE" => return Value::Bool(false),
                    _ => {}
                }
                if let Ok(i) = text.parse::<i64>() {
                    return Value::from(i);
                }
                if let Some(n) = text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    return Value::Number(n);
                }
                Value::String(text.clone())
            }
            Kind::Seq(items) => Value::Array(items.iter().map(|n| n.to_json()).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.scalar().unwrap_or_default().to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Limits that keep a hostile file from using unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub(crate) max_bytes: usize,
    pub(crate) max_depth: usize,
    /// Nodes in the document after every alias is expanded.
    pub(crate) max_nodes: usize,
}

impl Budget {
    pub(crate) const CAMPAIGN: Budget = Budget {
        max_bytes: 1024 * 1024,
        max_depth: 32,
        max_nodes: 200_000,
    };
}

/// A problem found while reading YAML; `path` is the YAML path of the node, when known.
#[derive(Debug, Clone)]
pub(crate) struct YamlIssue {
    pub(crate) span: Span,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) value: Option<String>,
    /// Another place worth showing, with its label (a duplicate key's first occurrence).
    pub(crate) also: Option<(Span, &'static str)>,
}

/// The parsed document plus where every YAML path is.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) root: Rc<Node>,
    /// YAML path → span of the key (for mapping values) or the value itself.
    pub(crate) key_spans: HashMap<String, Span>,
    pub(crate) value_spans: HashMap<String, Span>,
}

impl Document {
    /// The best span for a YAML path: its value, else its key, else the nearest parent.
    pub(crate) fn span_of(&self, path: &str) -> Span {
        let mut p = path;
        loop {
            if let Some(s) = self.value_spans.get(p) {
                return *s;
            }
            if let Some(s) = self.key_spans.get(p) {
                return *s;
            }
            match parent_path(p) {
                Some(parent) => p = parent,
                None => return self.root.span,
            }
        }
    }

    pub(crate) fn key_span_of(&self, path: &str) -> Span {
        self.key_spans
            .get(path)
            .copied()
            .unwrap_or_else(|| self.span_of(path))
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub(crate) fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

/// Join a mapping key onto a YAML path, quoting keys that would be ambiguous.
pub(crate) fn join_key(path: &str, key: &str) -> String {
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    let key = if simple {
        key.to_string()
    } else {
        format!("{key:?}")
    };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn join_index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
