//! Diagnostics are data until the edge: where (file, line:column, YAML path), what
//! (message, bad value) and what to do (help). Rendered once, as text or as JSON.

use std::fmt::Write as _;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// YAML path of the field, e.g. `poster.groups[2].name`; empty for the whole file.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// The offending value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line and caret width, for human output.
    #[serde(skip)]
    pub snippet: Option<(String, usize)>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            path: String::new(),
            value: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        let v: String = value.into();
        self.value = Some(if v.len() > 1000 {
            v.chars().take(1000).collect()
        } else {
            v
        });
        self
    }

    /// Attach a position in `source` (1-based line and column, caret `len` characters wide).
    pub fn at(self, source: &str, line: usize, column: usize, len: usize) -> Self {
        self.at_line(
            source.lines().nth(line.saturating_sub(1)),
            line,
            column,
            len,
        )
    }

    /// Attach a position whose source line is already at hand.
    pub fn at_line(mut self, text: Option<&str>, line: usize, column: usize, len: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        if let Some(text) = text {
            self.snippet = Some((text.chars().take(300).collect(), len.max(1)));
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Control characters from a campaign must not reach the terminal as themselves.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Render one diagnostic the way compilers do: headline, location, source line, caret, help.
pub fn render(d: &Diagnostic, style: Style) -> String {
    let mut out = String::new();
    let (label, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let _ = writeln!(
        out,
        "{}: {}",
        style.paint(code, label),
        style.paint("1", &d.message)
    );
    let mut location = d.file.clone();
    if let (Some(l), Some(c)) = (d.line, d.column) {
        let _ = write!(location, ":{l}:{c}");
    }
    if !d.path.is_empty() {
        let _ = write!(location, "  (at `{}`)", d.path);
    }
    let gutter = d
        .line
        .filter(|_| d.snippet.is_some())
        .map_or(1, |l| l.to_string().len());
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{} {}", style.paint("1;34", "-->"), location);
    if let (Some((text, len)), Some(line), Some(column)) = (&d.snippet, d.line, d.column) {
        let bar = style.paint("1;34", "|");
        let shown: String = visible(&text.chars().take(200).collect::<String>());
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            style.paint("1;34", &line.to_string()),
            shown
        );
        let lead: String = text
            .chars()
            .take(column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let caret = "^".repeat((*len).clamp(1, 120));
        let _ = writeln!(out, "{pad} {bar} {lead}{}", style.paint(code, &caret));
    }
    let gutter = d
        .line
        .filter(|_| d.snippet.is_some())
        .map_or(1, |l| l.to_string().len());
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{} {} {}",
            " ".repeat(gutter),
            style.paint("1;36", "= help:"),
            help
        );
    }
    out
}

/// Where each line of a text starts, to find a line without scanning the whole text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Line `n` (1-based), without its line ending.
    pub fn get(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |e| e - 1);
        self.text
            .get(start..end.max(start))
            .map(|l| l.trim_end_matches('\r'))
    }
}

/// The same problem found on several canvases is reported once.
pub fn dedup(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.path.clone(), d.message.clone())));
}

/// Errors first (in file order), then warnings.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.column.cmp(&b.column))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_the_value() {
        let source = "campaign: x\nhashtg: \"#a\"\n";
        let d = Diagnostic::error("c.yaml", "unknown key `hashtg`")
            .with_path("hashtg")
            .with_help("did you mean `hashtag`?")
            .at(source, 2, 1, 6);
        let text = render(&d, Style { color: false });
        assert!(text.contains("c.yaml:2:1  (at `hashtg`)"), "{text}");
        assert!(text.contains("2 | hashtg: \"#a\""), "{text}");
        assert!(text.contains("  | ^^^^^^\n"), "{text}");
        assert!(text.contains("= help: did you mean `hashtag`?"), "{text}");
    }
}
