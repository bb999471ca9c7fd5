//! Raw → model, in one pass that reports every problem with its place and a fix. This file
//! holds the pass itself (and how problems are recorded); each section of the campaign file is
//! checked in a file of its own.

mod fonts;
mod identity;
mod links;
mod paths;
mod poster;
mod social;
mod text;

pub(crate) use identity::slug;
pub(crate) use text::copy_limit;
use text::{CAPTION, is_mark, shorten_by};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::diag::Diagnostic;
use crate::raw::campaign::{self as s, CampaignSpec};
use crate::raw::{Document, Span, YamlIssue};
use crate::suggest;
use files::Pictures;
use font_files::FontFiles;

/// Most study groups in one campaign file.
pub(crate) const MAX_GROUPS: usize = 10_000;
/// Most characters in a text field without a copy limit (`author`, the `tracking` values).
pub(crate) const MAX_TEXT_CHARS: usize = 5_000;
/// Largest campaign file read, in bytes.
pub(crate) const MAX_CAMPAIGN_BYTES: u64 = 1024 * 1024;

/// The result of loading one campaign file: the campaign if it has no errors, and every
/// diagnostic (errors and warnings) either way.
pub struct Loaded {
    pub campaign: Option<Campaign>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read, parse and validate one campaign file. `display` is the path as the user wrote it.
pub(crate) fn load_campaign(
    pictures: &Pictures,
    fonts: &FontFiles,
    file: &Path,
    display: &str,
) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        campaign: None,
        diagnostics: vec![d],
    };
    if file.as_os_str() == "-" {
        return from_stdin(pictures, fonts);
    }
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) => {
            return fail(
                Diagnostic::error(display, format!("cannot open the campaign file: {e}"))
                    .with_help(
                        "check the path; `handbill init` writes an example campaign to start from",
                    ),
            );
        }
    };
    if meta.is_dir() {
        return fail(
            Diagnostic::error(display, "this is a folder, not a campaign file").with_help(
                "name the campaign's .yaml file, or a folder that holds a campaign.yaml",
            ),
        );
    }
    if !meta.is_file() {
        return fail(
            Diagnostic::error(display, "the campaign is not a regular file")
                .with_help("name an ordinary .yaml file"),
        );
    }
    if meta.len() > MAX_CAMPAIGN_BYTES {
        // Most such files are long lists of study groups: count them, and say so.
        if let Some(groups) = groups_in(file).filter(|n| *n > MAX_GROUPS) {
            return fail(
                Diagnostic::error(
                    display,
                    format!(
                        "the file lists about {groups} study groups under `poster.groups`; one campaign file may list at most {MAX_GROUPS} (and be at most {MAX_CAMPAIGN_BYTES} bytes; it is {})",
                        meta.len()
                    ),
                )
                .with_path("poster.groups")
                .with_help("split the groups over several campaign files, and build them together: `handbill build a.yaml b.yaml`"),
            );
        }
        return fail(Diagnostic::error(
            display,
            format!("the file is {} bytes; a campaign file may be at most {MAX_CAMPAIGN_BYTES} bytes", meta.len()),
        ).with_help("split very large batches into several campaign files"));
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            return fail(Diagnostic::error(
                display,
                format!("cannot read the campaign file: {e}"),
            ));
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column =
                String::from_utf8_lossy(good.rsplit(|b| *b == b'\n').next().unwrap_or_default())
                    .chars()
                    .count()
                    + 1;
            let mut d = Diagnostic::error(display, "the file is not UTF-8 text").with_help(
                "save the file as UTF-8 (most editors: File → Save with Encoding → UTF-8)",
            );
            d.line = Some(line);
            d.column = Some(column);
            return fail(d);
        }
    };
    let dir = file
        .parent()
        .map(Path::to_path_buf)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    validate_text(pictures, fonts, text, file, &dir, display)
}

/// How many list items a file over the size limit has under a `groups:` key (counted from the
/// text, up to 64 MiB of it: the file is too large to parse): `None` if it has no groups.
fn groups_in(file: &Path) -> Option<usize> {
    use std::io::{BufRead as _, Read as _};
    let f = std::fs::File::open(file).ok()?;
    let mut lines = std::io::BufReader::new(f.take(64 * 1024 * 1024))
        .lines()
        .map_while(Result::ok);
    lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("groups:"))?;
    Some(lines.filter(|l| l.trim_start().starts_with("- ")).count())
}

/// The campaign piped in on standard input (`handbill check -`): its paths are relative to the
/// working folder.
fn from_stdin(pictures: &Pictures, fonts: &FontFiles) -> Loaded {
    use std::io::Read as _;
    let display = "<stdin>";
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_CAMPAIGN_BYTES + 1)
        .read_to_end(&mut bytes);
    let fail = |m: String, h: &str| Loaded {
        campaign: None,
        diagnostics: vec![Diagnostic::error(display, m).with_help(h)],
    };
    if let Err(e) = read {
        return fail(
            format!("cannot read the campaign from standard input: {e}"),
            "",
        );
    }
    if bytes.len() as u64 > MAX_CAMPAIGN_BYTES {
        return fail(
            format!("the campaign on standard input is over {MAX_CAMPAIGN_BYTES} bytes"),
            "split very large batches into several campaign files",
        );
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => validate_text(
            pictures,
            fonts,
            text,
            Path::new("-"),
            Path::new("."),
            display,
        ),
        Err(_) => fail(
            "the campaign on standard input is not UTF-8 text".into(),
            "send the file as UTF-8",
        ),
    }
}

/// Parse and validate campaign text that came from `file` (whose folder is `dir`).
pub(crate) fn validate_text(
    pictures: &Pictures,
    fonts: &FontFiles,
    text: &str,
    file: &Path,
    dir: &Path,
    display: &str,
) -> Loaded {
    let parsed = crate::raw::parse_campaign(text);
    // The file's text, once, for every diagnostic about it and for the campaign's locator.
    let source: Arc<str> = Arc::from(text);
    let mut diagnostics: Vec<Diagnostic> = parsed
        .issues
        .iter()
        .map(|i| issue_to_diag(i, &source, display))
        .collect();
    let (Some(spec), Some(doc)) = (parsed.spec, parsed.doc) else {
        return Loaded {
            campaign: None,
            diagnostics,
        };
    };
    let bad: BTreeSet<String> = parsed
        .issues
        .iter()
        .map(|i| i.path.clone())
        .filter(|p| !p.is_empty())
        .collect();
    let mut cx = Cx {
        pictures,
        font_files: fonts,
        display,
        source,
        doc: &doc,
        diags: Vec::new(),
        bad,
        reported: HashSet::new(),
    };
    let campaign = cx.campaign(&spec, file, dir);
    diagnostics.append(&mut cx.diags);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        campaign: if ok { campaign } else { None },
        diagnostics,
    }
}

fn issue_to_diag(i: &YamlIssue, source: &Arc<str>, display: &str) -> Diagnostic {
    let mut d = Diagnostic::error(display, i.message.clone())
        .with_path(i.path.clone())
        .at(source, i.span.line, i.span.column, i.span.bytes());
    if let Some(help) = &i.help {
        d = d.with_help(help.clone());
    }
    if let Some((span, label)) = i.also {
        d = d.also_at(span.bytes(), label);
    }
    d.value = i.value.clone();
    d
}

struct Cx<'a> {
    /// The session's pictures: read once, counted against one budget.
    pictures: &'a Pictures,
    /// The session's font files, and the fonts of `--font-path`.
    font_files: &'a FontFiles,
    display: &'a str,
    /// The file's text, shared by its diagnostics.
    source: Arc<str>,
    doc: &'a Document,
    diags: Vec<Diagnostic>,
    /// Paths that already have a parse error; no second opinion is given on them.
    bad: BTreeSet<String>,
    /// Paths that have a diagnostic from validation.
    reported: HashSet<String>,
}

fn related(a: &str, b: &str) -> bool {
    let child = |p: &str, c: &str| {
        p.is_empty() || c == p || c.starts_with(&format!("{p}.")) || c.starts_with(&format!("{p}["))
    };
    (!a.is_empty() && child(a, b)) || (!b.is_empty() && child(b, a))
}

impl Cx<'_> {
    fn already_reported(&self, path: &str) -> bool {
        if path.is_empty() || self.bad.is_empty() {
            return false;
        }
        let mut p = Some(path);
        while let Some(q) = p.filter(|q| !q.is_empty()) {
            if self.bad.contains(q) {
                return true;
            }
            p = crate::raw::yaml::parent_path(q);
        }
        self.bad
            .range(path.to_string()..)
            .next()
            .is_some_and(|b| related(path, b))
            || self
                .bad
                .range(format!("{path}.")..)
                .next()
                .is_some_and(|b| related(path, b))
            || self
                .bad
                .range(format!("{path}[")..)
                .next()
                .is_some_and(|b| related(path, b))
    }

    fn push(&mut self, mut d: Diagnostic, span: Span) {
        if self.already_reported(&d.path) {
            return;
        }
        d = d.at(&self.source, span.line, span.column, span.bytes());
        self.reported.insert(d.path.clone());
        self.diags.push(d);
    }

    fn error(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let span = self.doc.span_of(path);
        let help = help.into();
        let mut d = Diagnostic::error(self.display, message).with_path(path);
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.push(d, span);
    }

    fn error_value(
        &mut self,
        path: &str,
        value: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let span = self.doc.span_of(path);
        let d = Diagnostic::error(self.display, message)
            .with_path(path)
            .with_value(value)
            .with_help(help);
        self.push(d, span);
    }

    fn error_key(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let span = self.doc.key_span_of(path);
        let d = Diagnostic::error(self.display, message)
            .with_path(path)
            .with_help(help);
        self.push(d, span);
    }

    fn warn(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let span = self.doc.span_of(path);
        let d = Diagnostic::warning(self.display, message)
            .with_path(path)
            .with_help(help);
        self.push(d, span);
    }

    /// A required key is missing from the mapping at `parent`.
    fn missing(&mut self, parent: &str, key: &str, example: &str) {
        let path = if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        if let Some(span) = self.doc.key_spans.get(&path).copied() {
            // The key is there with no value: perhaps an unquoted `#` made the rest a comment.
            let after = self
                .source
                .get(span.end..)
                .and_then(|rest| rest.lines().next())
                .and_then(|l| l.trim_start().strip_prefix(':'))
                .map(str::trim)
                .filter(|v| v.starts_with('#'));
            let d = match after {
                Some(v) => Diagnostic::error(
                    self.display,
                    format!("`{key}` has no value: an unquoted `#` starts a YAML comment"),
                )
                .with_help(format!(
                    "quote it: `{key}: \"{}\"`",
                    v.replace('\\', "\\\\").replace('"', "\\\"")
                )),
                None => Diagnostic::error(self.display, format!("`{key}` has no value"))
                    .with_help(format!("write e.g. `{key}: {example}`")),
            };
            self.push(d.with_path(path), span);
            return;
        }
        // A key written wrong beside it was already reported, with this key as its "did you
        // mean": saying this one is missing too would send the reader to another line.
        let prefix = if parent.is_empty() {
            String::new()
        } else {
            format!("{parent}.")
        };
        let misspelt = self.bad.iter().any(|b| {
            b.strip_prefix(&prefix)
                .filter(|k| !k.contains(['.', '[']))
                .is_some_and(|k| suggest::closest(k, &[key]).is_some())
        });
        if misspelt {
            return;
        }
        let span = self.doc.span_of(parent);
        let where_ = if parent.is_empty() {
            "the campaign file".to_string()
        } else {
            format!("`{parent}`")
        };
        let d = Diagnostic::error(self.display, format!("`{key}` is missing from {where_}"))
            .with_path(path)
            .with_help(format!("add `{key}: {example}`"));
        self.push(d, span);
    }

    fn campaign(&mut self, spec: &CampaignSpec, file: &Path, dir: &Path) -> Option<Campaign> {
        let id = self.campaign_id(spec);
        let title = self.required_text("", "title", &spec.title, "God of Justice");
        let subtitle = self.text("subtitle", &spec.subtitle, false);
        let author = self.text("author", &spec.author, false);
        let hashtag = self.hashtag(spec);
        let lang = self.lang(spec);
        let design = self.design(spec, dir);
        let accent = spec
            .accent
            .as_ref()
            .and_then(|a| match colour::parse_colour(a) {
                Ok(c) => Some(c),
                Err(m) => {
                    self.error_value("accent", a, m, colour::COLOUR_HELP);
                    None
                }
            });
        let links = self.links(spec);
        let tracking = self.tracking(spec, id.as_deref());
        let qr = self.qr(spec, &links);
        let text = self.texts(spec, &links, qr.as_ref());
        let (hero, logo) = self.images(spec, dir);
        let hero_focus = self.hero_focus(spec);
        let fonts = self.fonts(spec, dir, &lang);
        if let Some(qr) = &qr
            && qr.logo
            && logo.is_none()
            && spec.images.as_ref().and_then(|i| i.logo.as_ref()).is_none()
        {
            self.error(
                "qr.logo",
                "`qr.logo` is true but there is no `images.logo`",
                "add `images: {logo: images/logo.png}` or set `qr.logo: false`",
            );
        }
        let poster = self.poster(spec);
        let social = self.social(spec, title.as_deref(), &text);
        let output = self.output(spec, dir);
        self.script_hint(spec, &lang);

        let locator = Locator {
            display: self.display.to_string(),
            text: self.source.clone(),
            spans: std::sync::Arc::new(self.doc.value_spans.clone()),
        };
        let campaign = Campaign {
            locator,
            file: file.to_path_buf(),
            id: id?,
            title: title?,
            subtitle,
            author: author.unwrap_or_default(),
            hashtag: hashtag?,
            lang,
            design: design?,
            accent,
            links,
            tracking,
            text: text?,
            hero,
            hero_focus,
            logo,
            fonts: fonts?,
            qr: qr?,
            poster: poster?,
            social: social?,
            output: output?,
        };
        self.qr_capacity(&campaign);
        self.post_text(&campaign);
        let mut campaign = campaign;
        if campaign.author.is_empty() {
            campaign.author = campaign
                .qr_link()
                .url
                .host_str()
                .unwrap_or_default()
                .to_string();
        }
        Some(campaign)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Tuesday Night Study"), "tuesday-night-study");
        assert_eq!(slug("  Grace & Peace!! "), "grace-peace");
        assert_eq!(slug("ក្រុម"), "");
        assert_eq!(slug("God_Of_Justice"), "god-of-justice");
    }

    #[test]
    fn hashtags_keep_the_marks_of_any_script() {
        let pictures = Pictures::default();
        let text = |tag: &str| {
            format!(
                "campaign: t\ntitle: T\nhashtag: \"{tag}\"\nlinks:\n  chapter:\n    url: https://example.org/a\ntext:\n  headline: H\n"
            )
        };
        // Tamil vowel sign ீ (U+0BC0), Devanagari virama, Thai and Khmer vowel signs.
        for tag in ["#நீதி", "#न्याय", "#ยุติธรรม", "#យុត្តិធម៌"]
        {
            let l = validate_text(
                &pictures,
                &Default::default(),
                &text(tag),
                Path::new("c.yaml"),
                Path::new("."),
                "c.yaml",
            );
            assert!(l.campaign.is_some(), "{tag}: {:?}", l.diagnostics);
        }
        let l = validate_text(
            &pictures,
            &Default::default(),
            &text("#no space"),
            Path::new("c.yaml"),
            Path::new("."),
            "c.yaml",
        );
        assert!(l.campaign.is_none());
    }

    #[test]
    fn related_paths() {
        assert!(related("poster.groups[2]", "poster.groups[2].name"));
        assert!(related("poster", "poster.size"));
        assert!(!related("poster.size", "poster.sizes"));
        assert!(!related("title", "text.headline"));
    }
}
