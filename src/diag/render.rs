//! Diagnostics as text, the way compilers print them: the headline, the location with the YAML
//! path, the source lines with carets under the value (drawn by annotate-snippets, by display
//! width), and the help.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use unicode_width::UnicodeWidthChar;

use super::{Diagnostic, Severity, SourceSpan};

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
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

/// Most columns a caret covers; a longer value is marked from its start.
const CARET_COLUMNS: usize = 80;
/// A second place further than this many columns to the side of the primary one is left out:
/// the renderer would have to show every column between them.
const ALSO_COLUMNS_APART: usize = 60;

/// How many columns a character takes, counted as the renderer counts them.
fn columns(c: char) -> usize {
    if c == '\t' { 4 } else { c.width().unwrap_or(1) }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line `at` is on, before its `\n` or `\r\n`.
fn line_end(text: &str, at: usize) -> usize {
    match text[at..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[at + i - 1] == b'\r' => at + i - 1,
        Some(i) => at + i,
        None => text.len(),
    }
}

/// The display column of `at` on its line.
fn column_of(text: &str, at: usize) -> usize {
    text[line_start(text, at)..at].chars().map(columns).sum()
}

/// `bytes` kept on the line it starts on, and at most `CARET_COLUMNS` wide.
fn one_line(text: &str, bytes: &Range<usize>) -> Range<usize> {
    let end = bytes.end.min(line_end(text, bytes.start)).max(bytes.start);
    let mut taken = 0;
    for (i, c) in text[bytes.start..end].char_indices() {
        taken += columns(c);
        if taken > CARET_COLUMNS {
            return bytes.start..bytes.start + i;
        }
    }
    bytes.start..end
}

/// The lines a diagnostic shows, cleaned for the terminal, with its spans moved to match.
struct Window {
    text: String,
    /// 1-based number of the window's first line.
    line: usize,
    primary: Range<usize>,
    also: Vec<(Range<usize>, String)>,
}

impl Window {
    /// The window of `span`, whose primary caret is on 1-based `line`; none if the span is not
    /// a range of whole characters inside its text.
    fn new(span: &SourceSpan, line: usize) -> Option<Window> {
        let text: &str = &span.source;
        let valid = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        if !valid(&span.bytes) {
            return None;
        }
        let primary = one_line(text, &span.bytes);
        let column = column_of(text, primary.start);
        let also: Vec<(Range<usize>, &str)> = span
            .also
            .iter()
            .filter(|(r, _)| valid(r))
            .map(|(r, label)| (one_line(text, r), label.as_str()))
            .filter(|(r, _)| column_of(text, r.start).abs_diff(column) <= ALSO_COLUMNS_APART)
            .collect();
        let lo = also
            .iter()
            .map(|(r, _)| r.start)
            .fold(primary.start, usize::min);
        let hi = also
            .iter()
            .map(|(r, _)| r.end)
            .fold(primary.end, usize::max);
        let (from, to) = (line_start(text, lo), line_end(text, hi));
        let above = text[from..line_start(text, primary.start)]
            .matches('\n')
            .count();
        let mut offsets = vec![primary.start - from, primary.end - from];
        for (r, _) in &also {
            offsets.extend([r.start - from, r.end - from]);
        }
        let (clean, moved) = clean(&text[from..to], &offsets);
        Some(Window {
            text: clean,
            line: line.saturating_sub(above).max(1),
            primary: moved[0]..moved[1],
            also: also
                .iter()
                .zip(moved[2..].chunks(2))
                .map(|((_, label), m)| (m[0]..m[1], (*label).to_string()))
                .collect(),
        })
    }

    /// The number of the last line shown, as the renderer counts it (for the gutter's width).
    fn last_line(&self) -> usize {
        let end = self
            .also
            .iter()
            .map(|(r, _)| r.end)
            .fold(self.primary.end, usize::max)
            .min(self.text.len());
        self.line + self.text[..end].lines().count().saturating_sub(1)
    }

    fn snippet(&self) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
        Snippet::source(self.text.as_str())
            .line_start(self.line)
            .annotation(AnnotationKind::Primary.span(self.primary.clone()))
            .annotations(self.also.iter().map(|(r, label)| {
                AnnotationKind::Context
                    .span(r.clone())
                    .label(label.as_str())
            }))
    }
}

/// `text` with control characters replaced (line breaks and tabs kept), and `offsets` into it
/// moved to the same characters in the result.
fn clean(text: &str, offsets: &[usize]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut moved = offsets.to_vec();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        for (o, m) in offsets.iter().zip(moved.iter_mut()) {
            if *o == i {
                *m = out.len();
            }
        }
        let crlf = c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
        if c.is_control() && c != '\n' && c != '\t' && !crlf {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    for (o, m) in offsets.iter().zip(moved.iter_mut()) {
        if *o == text.len() {
            *m = out.len();
        }
    }
    (out, moved)
}

/// Render one diagnostic the way compilers do: headline, location (with the YAML path), the
/// source lines with carets, help. annotate-snippets draws the headline, the snippet and the
/// help; the location line is written here, as it carries the YAML path.
pub fn render(d: &Diagnostic, style: Style) -> String {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = visible(&d.message);
    let mut out = renderer.render(&[Group::with_title(
        level.clone().primary_title(message.as_str()),
    )]);
    out.push('\n');

    let window = d
        .span
        .as_ref()
        .zip(d.line)
        .and_then(|(span, line)| Window::new(span, line));
    let mut location = d.file.clone();
    if let (false, Some(l), Some(c)) = (d.file.is_empty(), d.line, d.column) {
        let _ = write!(location, ":{l}:{c}");
    }
    if !d.path.is_empty() {
        let _ = write!(location, "  (at `{}`)", d.path);
    }
    if !location.trim().is_empty() {
        let gutter = window
            .as_ref()
            .map_or(1, |w| w.last_line().to_string().len());
        let arrow = if style.color {
            format!(
                "{}-->{}",
                DEFAULT_LINE_NUM_STYLE.render(),
                DEFAULT_LINE_NUM_STYLE.render_reset()
            )
        } else {
            "-->".to_string()
        };
        let _ = writeln!(
            out,
            "{}{arrow} {}",
            " ".repeat(gutter),
            visible(location.trim_start())
        );
    }

    let help = d.help().map(visible);
    let mut body = Group::with_level(level);
    if let Some(w) = &window {
        body = body.element(w.snippet());
    }
    if let Some(help) = &help {
        body = body.element(Level::HELP.message(help.as_str()));
    }
    if !body.is_empty() {
        out.push_str(&renderer.render(&[body]));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn plain(d: &Diagnostic) -> String {
        render(d, Style { color: false })
    }

    /// A diagnostic on `value`, the first of it in `line`, which is line 2 of its file.
    fn on(line: &str, value: &str) -> Diagnostic {
        let source: Arc<str> = Arc::from(format!("campaign: x\n{line}\nlast: y\n"));
        let start = "campaign: x\n".len() + line.find(value).expect("value in line");
        let column = source[..start].chars().count() - "campaign: x\n".len() + 1;
        Diagnostic::error("c.yaml", "bad value").at(&source, 2, column, start..start + value.len())
    }

    /// The source line as shown and the line under it, without their gutters.
    fn shown(text: &str, line: usize) -> (String, String) {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{line} | ")))
            .unwrap_or_else(|| panic!("no line {line} in:\n{text}"));
        let gutter = format!("{line} | ").len();
        let under = lines.get(at + 1).copied().unwrap_or_default();
        (
            lines[at][gutter..].to_string(),
            under.get(gutter..).unwrap_or_default().to_string(),
        )
    }

    /// Columns before the first caret, and how many carets there are.
    fn carets(under: &str) -> (usize, usize) {
        let lead = under.find('^').expect("a caret");
        assert!(under[..lead].chars().all(|c| c == ' '), "{under:?}");
        (
            lead,
            under[lead..].chars().take_while(|c| *c == '^').count(),
        )
    }

    fn width(s: &str) -> usize {
        s.chars().map(|c| c.width().unwrap_or(1)).sum()
    }

    #[test]
    fn renders_caret_under_the_value() {
        let source: Arc<str> = Arc::from("campaign: x\nhashtg: \"#a\"\n");
        let d = Diagnostic::error("c.yaml", "unknown key `hashtg`")
            .with_path("hashtg")
            .with_help("did you mean `hashtag`?")
            .at(&source, 2, 1, 12..18);
        let text = plain(&d);
        assert!(text.starts_with("error: unknown key `hashtg`\n"), "{text}");
        assert!(
            text.contains("\n --> c.yaml:2:1  (at `hashtg`)\n"),
            "{text}"
        );
        assert!(text.contains("2 | hashtg: \"#a\""), "{text}");
        assert!(text.contains("  | ^^^^^^\n"), "{text}");
        assert!(text.contains("= help: did you mean `hashtag`?"), "{text}");
    }

    #[test]
    fn carets_count_display_columns_under_wide_and_combining_characters() {
        // (line, value, columns before the value): CJK and emoji take two columns each,
        // Khmer signs (coeng, vowel signs above and below) none, a tab four.
        let cases = [
            ("title: 正義の神 wrong", "wrong", 7 + 8 + 1),
            ("title: ✊🙏 wrong", "wrong", 7 + 4 + 1),
            ("title: យុត្តិធម៌ wrong", "wrong", 7 + 5 + 1),
            ("title:\tយុត្តិ\twrong", "wrong", 6 + 4 + 3 + 4),
            ("正義: 神神", "神神", 4 + 2),
        ];
        for (line, value, want) in cases {
            let text = plain(&on(line, value));
            let (code, under) = shown(&text, 2);
            let (lead, count) = carets(&under);
            assert_eq!(lead, want, "caret column for {line:?}:\n{text}");
            assert_eq!(count, width(value), "caret width for {line:?}:\n{text}");
            // The value is at that column in the line as shown, by display width.
            let at = code.find(value).expect("value shown");
            assert_eq!(width(&code[..at]), want, "{line:?}:\n{text}");
            // Counting characters (what the carets used to do) would have put it elsewhere,
            // except after plain text and tabs.
            if !line.contains('\t') {
                assert_ne!(
                    line.find(value).map(|b| line[..b].chars().count()),
                    Some(want)
                );
            }
        }
    }

    #[test]
    fn a_second_place_gets_its_own_label() {
        let source: Arc<str> = Arc::from("a: 1\nb: 2\na: 3\n");
        let d = Diagnostic::error("c.yaml", "duplicate key `a` (first given on line 1)")
            .with_path("a")
            .at(&source, 3, 1, 10..11)
            .also_at(0..1, "first written here");
        let text = plain(&d);
        let (first, under_first) = shown(&text, 1);
        let (again, under_again) = shown(&text, 3);
        assert_eq!(first, "a: 1");
        assert_eq!(under_first.trim_end(), "- first written here", "{text}");
        assert_eq!(again, "a: 3");
        assert_eq!(carets(&under_again), (0, 1), "{text}");
        assert!(text.find("1 | ") < text.find("3 | "), "{text}");
        assert!(text.contains(" --> c.yaml:3:1  (at `a`)"), "{text}");
        // Without a position there is nothing to show the second place in.
        let bare = Diagnostic::error("c.yaml", "x").also_at(0..1, "here");
        assert!(bare.span.is_none());
    }

    #[test]
    fn blank_help_is_no_help() {
        for help in ["", "  ", "\n"] {
            let d = Diagnostic::error("c.yaml", "bad").with_help(help);
            assert_eq!(d.help(), None);
            let text = plain(&d.at(&Arc::from("a: 1\n"), 1, 4, 3..4));
            assert!(!text.contains("help"), "{text}");
        }
        let json = serde_json::to_value(Diagnostic::error("c.yaml", "bad").with_help("")).unwrap();
        assert!(json.get("help").is_none(), "{json}");
    }

    #[test]
    fn json_keeps_its_fields() {
        let d = on("title: 正義 wrong", "wrong")
            .with_path("title")
            .with_value("wrong")
            .with_help("write it right");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "severity": "error", "file": "c.yaml", "line": 2, "column": 11,
                "path": "title", "value": "wrong", "message": "bad value",
                "help": "write it right"
            })
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = on("title: \u{1b}[31mred\u{9b}2J wrong\u{7}", "wrong")
            .with_path("ti\u{1b}tle")
            .with_help("no \u{1b}[0m escapes");
        for color in [false, true] {
            let text = render(&d, Style { color });
            let raw: Vec<char> = text
                .chars()
                .filter(|c| c.is_control() && *c != '\n')
                .collect();
            // Colour codes start with ESC `[`; only the renderer's own may appear.
            if color {
                assert!(!text.contains("\u{1b}[31mred"), "{text:?}");
                assert!(
                    !text.contains('\u{9b}') && !text.contains('\u{7}'),
                    "{text:?}"
                );
            } else {
                assert!(raw.is_empty(), "{raw:?} in {text:?}");
            }
        }
        let text = plain(&d);
        let (code, under) = shown(&text, 2);
        let (lead, _) = carets(&under);
        assert_eq!(width(&code[..code.find("wrong").unwrap()]), lead, "{text}");
        assert!(text.contains("(at `ti\u{FFFD}tle`)"), "{text}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_value() {
        let line = format!("title: {} wrong {}", "x".repeat(5000), "y".repeat(5000));
        let text = plain(&on(&line, "wrong"));
        assert!(text.lines().all(|l| width(l) <= 150), "{text}");
        let (code, under) = shown(&text, 2);
        let (lead, count) = carets(&under);
        assert_eq!(count, 5);
        assert_eq!(code.get(lead..lead + 5), Some("wrong"), "{text}");
        // A huge value gets a caret under its start only.
        let long = "q".repeat(100_000);
        let text = plain(&on(&format!("accent: {long}"), &long));
        assert!(text.len() < 1000, "{} bytes", text.len());
        assert_eq!(carets(&shown(&text, 2).1), (8, CARET_COLUMNS));
    }

    #[test]
    fn a_span_outside_its_text_shows_no_snippet() {
        let source: Arc<str> = Arc::from("title: 正義\n");
        for bytes in [8..9, 7..100, Range { start: 5, end: 3 }, 200..201] {
            let d = Diagnostic::error("c.yaml", "bad").at(&source, 1, 8, bytes.clone());
            let text = plain(&d);
            assert_eq!(text, "error: bad\n --> c.yaml:1:8\n", "{bytes:?}");
        }
        // The end of the text, after its last line break, is a place too.
        let d = Diagnostic::error("c.yaml", "bad").at(&source, 2, 1, 14..14);
        let text = plain(&d);
        assert!(text.contains("2 |\n  | ^"), "{text}");
    }

    #[test]
    fn an_error_with_no_place_is_its_message() {
        let d = Diagnostic::error("", "no campaign given");
        assert_eq!(plain(&d), "error: no campaign given\n");
        let d = Diagnostic::error("", "could not write").with_help("free some space");
        assert_eq!(
            plain(&d),
            "error: could not write\n = help: free some space\n"
        );
        let coloured = render(&d, Style { color: true });
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        assert!(!plain(&d).contains('\u{1b}'));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 500,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Any text, any offsets: rendering never panics, and no control character but the
        /// line break reaches the output.
        #[test]
        fn any_span_renders_safely(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "key: ", "正義", "🙏", "យុ", "ត្តិ", "\t", "\n", "\r\n", "\r", "\u{1b}[2J",
                "\u{9b}", "\u{0}", "\u{200d}", "\u{202e}", "\u{301}", " ",
            ]), 0..40),
            start in 0usize..200,
            len in 0usize..50,
            also in proptest::option::of((0usize..200, 0usize..20)),
            line in 0usize..30,
        ) {
            let source: Arc<str> = Arc::from(pieces.concat());
            let mut d = Diagnostic::error("c.yaml", "bad")
                .with_help("fix it")
                .at(&source, line, 1, start..start + len);
            if let Some((at, n)) = also {
                d = d.also_at(at..at + n, "first written here");
            }
            let text = plain(&d);
            proptest::prop_assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{:?}", text
            );
            let _ = render(&d, Style { color: true });
        }
    }
}
