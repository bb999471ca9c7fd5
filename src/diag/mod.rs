//! Diagnostics are data until the edge: where (file, line:column, YAML path, and the span in
//! the file's text), what (message, bad value) and what to do (help). Rendered once, as text
//! (the snippet and its carets drawn by annotate-snippets) or as JSON.

mod render;

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub use render::{Style, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// The file as the user named it; empty for a problem with no file.
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) column: Option<usize>,
    /// YAML path of the field, e.g. `poster.groups[2].name`; empty for the whole file.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// The offending value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) value: Option<String>,
    pub message: String,
    /// What to do about it; never empty (see `with_help`).
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// Where it is in the file's text, for the human form.
    #[serde(skip)]
    pub(crate) span: Option<SourceSpan>,
}

/// A place in a file's text. The text is the whole file, read once and shared by every
/// diagnostic about it, so a diagnostic holds offsets rather than a copy of its line.
#[derive(Clone)]
pub(crate) struct SourceSpan {
    pub(crate) source: Arc<str>,
    /// Byte range of the primary caret.
    pub(crate) bytes: Range<usize>,
    /// Other places to show, each with a label (e.g. a duplicate key's first occurrence).
    pub(crate) also: Vec<(Range<usize>, String)>,
}

impl std::fmt::Debug for SourceSpan {
    // The text can be a megabyte; the offsets are what tell one span from another.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceSpan")
            .field("source_bytes", &self.source.len())
            .field("bytes", &self.bytes)
            .field("also", &self.also)
            .finish()
    }
}

impl Diagnostic {
    pub(crate) fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            path: String::new(),
            value: None,
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub(crate) fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Advice on what to do; blank advice is none, so no diagnostic shows an empty `help:`.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        let help: String = help.into();
        self.help = if help.trim().is_empty() {
            None
        } else {
            Some(help)
        };
        self
    }

    pub(crate) fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    pub(crate) fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub(crate) fn with_value(mut self, value: impl Into<String>) -> Self {
        let v: String = value.into();
        self.value = Some(if v.len() > 1000 {
            v.chars().take(1000).collect()
        } else {
            v
        });
        self
    }

    /// Attach a position: 1-based `line` and `column` (in characters), and the byte range of
    /// the caret in `source`, the whole text of the file.
    pub(crate) fn at(
        mut self,
        source: &Arc<str>,
        line: usize,
        column: usize,
        bytes: Range<usize>,
    ) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.span = Some(SourceSpan {
            source: source.clone(),
            bytes,
            also: Vec::new(),
        });
        self
    }

    /// Show another place in the same text with a label, under the primary caret's place.
    /// Without a position (`at`) there is no text to show it in, and it is left out.
    pub(crate) fn also_at(mut self, bytes: Range<usize>, label: impl Into<String>) -> Self {
        if let Some(span) = &mut self.span {
            span.also.push((bytes, label.into()));
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The same problem found on several canvases is reported once.
pub(crate) fn dedup(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.path.clone(), d.message.clone())));
}

/// Errors first (in file order), then warnings.
pub(crate) fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.column.cmp(&b.column))
    });
}
