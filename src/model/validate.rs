//! Spec → model, in one pass that reports every problem with its place and a fix.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::diag::Diagnostic;
use crate::spec::campaign::{self as s, CampaignSpec};
use crate::spec::{Document, Span, YamlIssue};
use crate::suggest;

/// Most study groups in one campaign file.
pub const MAX_GROUPS: usize = 10_000;
/// Most characters in one text field.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Largest campaign file read, in bytes.
pub const MAX_CAMPAIGN_BYTES: u64 = 1024 * 1024;

/// The result of loading one campaign file: the campaign if it has no errors, and every
/// diagnostic (errors and warnings) either way.
pub struct Loaded {
    pub campaign: Option<Campaign>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read, parse and validate one campaign file. `display` is the path as the user wrote it.
pub fn load_campaign(file: &Path, display: &str) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        campaign: None,
        diagnostics: vec![d],
    };
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
    validate_text(text, file, &dir, display)
}

/// Parse and validate campaign text that came from `file` (whose folder is `dir`).
pub fn validate_text(text: &str, file: &Path, dir: &Path, display: &str) -> Loaded {
    let parsed = crate::spec::parse_campaign(text);
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
    /// Whether a parse error was already reported at `path`, above it or below it.
    fn already_reported(&self, path: &str) -> bool {
        if path.is_empty() || self.bad.is_empty() {
            return false;
        }
        let mut p = Some(path);
        while let Some(q) = p.filter(|q| !q.is_empty()) {
            if self.bad.contains(q) {
                return true;
            }
            p = crate::spec::yaml::parent_path(q);
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
            // The key is there with no value.
            let d = Diagnostic::error(self.display, format!("`{key}` has no value"))
                .with_path(path)
                .with_help(format!("write e.g. `{key}: {example}`"));
            self.push(d, span);
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

    /// A text field: trimmed, non-empty, free of invisible controls, not absurdly long.
    fn text(&mut self, path: &str, value: &Option<String>, multiline: bool) -> Option<String> {
        let v = value.as_deref()?.trim();
        // Text with nothing to see (only spaces and invisible format characters) is no text.
        if v.chars().all(|c| c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')) {
            return None;
        }
        let mut hazards: Vec<String> = Vec::new();
        for c in v.chars() {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            // Line breaks and tabs are ordinary white space (kept in multi-line fields,
            // collapsed to one space in the others); every other control code is refused.
            let control = c.is_control() && !matches!(c, '\n' | '\t' | '\r');
            if bidi || control {
                let code = format!("U+{:04X}", c as u32);
                if !hazards.contains(&code) {
                    hazards.push(code);
                }
            }
        }
        if !hazards.is_empty() {
            self.error_value(
                path,
                v,
                format!("the text contains invisible control characters ({})", hazards.join(", ")),
                "remove them; direction overrides and control codes can make printed text say something other than what you see in the file",
            );
            return None;
        }
        // Invisible characters with no job in running text are dropped, with a warning;
        // zero-width space and joiners stay (Khmer and other scripts need them).
        let invisible = |c: char| matches!(c, '\u{FEFF}' | '\u{2060}'..='\u{2064}' | '\u{180E}');
        let dropped = v.chars().filter(|c| invisible(*c)).count();
        let cleaned: String;
        let v = if dropped > 0 {
            self.warn(
                path,
                format!(
                    "removed {dropped} invisible character(s) (U+FEFF / U+2060–U+2064 / U+180E)"
                ),
                "they do nothing in printed text; delete them from the file to silence this",
            );
            cleaned = v.chars().filter(|c| !invisible(*c)).collect();
            cleaned.as_str()
        } else {
            v
        };
        // One spelling for one text: composed (NFC), so "é" is one character however it was typed.
        let composed: String = unicode_normalization::UnicodeNormalization::nfc(v).collect();
        let v = composed.as_str();
        // A combining mark needs a letter before it; alone it is drawn on nothing (and outside
        // any box), usually a leftover of copying.
        let mut before = ' ';
        for c in v.chars() {
            if unicode_normalization::char::is_combining_mark(c)
                && (before.is_whitespace() || before.is_control())
            {
                self.error_value(
                    path,
                    v,
                    format!(
                        "the combining mark U+{:04X} has no letter to sit on (it follows a space or starts the text)",
                        c as u32
                    ),
                    "remove it, or write it straight after the letter it belongs to",
                );
                return None;
            }
            before = c;
        }
        let n = v.chars().count();
        if n > MAX_TEXT_CHARS {
            self.error(path, format!("the text is {n} characters long; at most {MAX_TEXT_CHARS} fit on anything handbill makes"), "shorten it");
            return None;
        }
        let v = if multiline {
            v.to_string()
        } else {
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        Some(v)
    }

    fn required_text(
        &mut self,
        parent: &str,
        key: &str,
        value: &Option<String>,
        example: &str,
    ) -> Option<String> {
        let path = if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        let present = value.is_some();
        let out = self.text(&path, value, false);
        if out.is_none() && !self.reported.contains(&path) {
            if present {
                self.error(
                    &path,
                    format!("`{key}` is empty"),
                    format!("write e.g. `{key}: {example}`"),
                );
            } else {
                self.missing(parent, key, example);
            }
        }
        out
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
            dir: dir.to_path_buf(),
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
            logo,
            qr: qr?,
            poster: poster?,
            social: social?,
            output: output?,
        };
        self.qr_capacity(&campaign);
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

    fn campaign_id(&mut self, spec: &CampaignSpec) -> Option<String> {
        let Some(id) = spec.campaign.as_deref().map(str::trim) else {
            self.missing("", "campaign", "god-of-justice");
            return None;
        };
        let valid = !id.is_empty()
            && id.len() <= 64
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if valid {
            return Some(id.to_string());
        }
        let suggestion = slug(id);
        let help = if suggestion.is_empty() {
            "use lower-case letters a–z, digits and `-`, e.g. `god-of-justice`".to_string()
        } else {
            format!(
                "use lower-case letters a–z, digits and single `-` (it names the files); e.g. `campaign: {suggestion}`"
            )
        };
        self.error_value(
            "campaign",
            id,
            format!("`{}` is not a valid campaign id", crate::suggest::short(id)),
            help,
        );
        None
    }

    fn hashtag(&mut self, spec: &CampaignSpec) -> Option<String> {
        let tag = self.required_text("", "hashtag", &spec.hashtag, "\"#mobilizeforjustice\"")?;
        let body = tag.strip_prefix('#').unwrap_or(&tag);
        let ok_chars = body.chars().all(|c| {
            c.is_alphanumeric() || c == '_' || matches!(c, '\u{200C}' | '\u{200D}') || is_mark(c)
        });
        if !tag.starts_with('#') || body.is_empty() || !ok_chars || body.chars().count() > 100 {
            let fixed: String = body
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '_' || is_mark(*c))
                .collect();
            let help = if body.chars().count() > 100 {
                "a hashtag may be at most 100 characters".to_string()
            } else if fixed.is_empty() {
                "a hashtag is `#` followed by letters, digits or `_`, e.g. `\"#mobilizeforjustice\"`".to_string()
            } else {
                format!(
                    "write `hashtag: \"#{fixed}\"` (quoted, because YAML treats an unquoted `#` as a comment)"
                )
            };
            self.error_value(
                "hashtag",
                &tag,
                format!("`{}` is not a hashtag", crate::suggest::short(&tag)),
                help,
            );
            return None;
        }
        Some(tag)
    }

    fn lang(&mut self, spec: &CampaignSpec) -> String {
        let Some(lang) = spec.lang.as_deref().map(str::trim) else {
            return "en".into();
        };
        let mut parts = lang.split('-');
        let primary = parts.next().unwrap_or_default();
        let ok = (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !ok {
            self.error_value(
                "lang",
                lang,
                format!("`{}` is not a language tag", crate::suggest::short(lang)),
                "write a BCP 47 tag such as `en`, `en-US` or `km` (Khmer)",
            );
            return "en".into();
        }
        lang.to_string()
    }

    fn design(&mut self, spec: &CampaignSpec, dir: &Path) -> Option<DesignRef> {
        let Some(name) = spec.design.as_deref().map(str::trim) else {
            return Some(DesignRef::Bundled("justice".into()));
        };
        let names = crate::designs::bundled_names();
        if names.contains(&name) {
            return Some(DesignRef::Bundled(name.to_string()));
        }
        let looks_like_path = name.contains('/') || name.contains('\\') || name.starts_with('.');
        if !looks_like_path {
            self.error_value(
                "design",
                name,
                format!(
                    "there is no bundled design `{}`",
                    crate::suggest::short(name)
                ),
                format!(
                    "{}; or write a path to a design folder, e.g. `./my-design`",
                    suggest::choice_help(name, &names)
                ),
            );
            return None;
        }
        let design_file = format!("{}/design.yaml", name.trim_end_matches(['/', '\\']));
        match files::confined_dir(dir, name, "design folder") {
            Ok(path) if path.join("design.yaml").exists() => {
                match files::confined_file(dir, &design_file, "design file") {
                    Ok(_) => Some(DesignRef::Folder(path)),
                    Err((m, h)) => {
                        self.error_value("design", name, m, h);
                        None
                    }
                }
            }
            Ok(_) => {
                self.error_value(
                    "design",
                    name,
                    format!("`{}` has no design.yaml", crate::suggest::short(name)),
                    "a design folder holds a design.yaml; see `handbill designs`",
                );
                None
            }
            Err((m, h)) => {
                self.error_value("design", name, m, h);
                None
            }
        }
    }

    fn links(&mut self, spec: &CampaignSpec) -> BTreeMap<String, Link> {
        let mut out = BTreeMap::new();
        let Some(links) = &spec.links else {
            self.missing("", "links", "{chapter: {url: https://example.org/first-chapter, label: Download the first chapter}}");
            return out;
        };
        if links.is_empty() {
            self.error(
                "links",
                "`links` is empty",
                "add at least the link the QR code opens, e.g. `chapter: {url: https://…}`",
            );
        }
        for (name, l) in links {
            let path = crate::spec::yaml::join_key("links", name);
            let name_ok = !name.is_empty()
                && name.len() <= 40
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !name_ok {
                self.error_key(
                    &path,
                    format!("`{}` is not a valid link name", crate::suggest::short(name)),
                    format!(
                        "use lower-case letters, digits and `-` (it names the QR files), e.g. `{}`",
                        if slug(name).is_empty() {
                            "chapter".into()
                        } else {
                            slug(name)
                        }
                    ),
                );
            }
            let label = self.text(&format!("{path}.label"), &l.label, false);
            let Some(raw) = l.url.as_deref() else {
                self.missing(&path, "url", "https://example.org/first-chapter");
                continue;
            };
            match link::check_url(raw) {
                Ok((url, warning)) => {
                    if let Some(w) = warning {
                        let help = if w.contains("punycode") {
                            "check the address letter by letter; copy it from the site itself"
                        } else {
                            "use the https:// address if the site has one"
                        };
                        self.warn(&format!("{path}.url"), w, help);
                    }
                    if name_ok {
                        out.insert(
                            name.clone(),
                            Link {
                                name: name.clone(),
                                url,
                                label,
                            },
                        );
                    }
                }
                Err((m, h)) => self.error_value(&format!("{path}.url"), raw, m, h),
            }
        }
        out
    }

    fn tracking(&mut self, spec: &CampaignSpec, id: Option<&str>) -> Option<Tracking> {
        let t = spec.tracking.as_ref()?;
        let source = self.text("tracking.source", &t.source, false);
        let campaign = self
            .text("tracking.campaign", &t.campaign, false)
            .or_else(|| id.map(str::to_string));
        if source.is_none() && !self.reported.contains("tracking.source") {
            self.missing("tracking", "source", "handbill");
        }
        Some(Tracking {
            source: source?,
            campaign: campaign?,
        })
    }

    fn qr(&mut self, spec: &CampaignSpec, links: &BTreeMap<String, Link>) -> Option<Qr> {
        let q = spec.qr.as_ref();
        let names: Vec<&str> = spec
            .links
            .iter()
            .flat_map(|l| l.keys().map(String::as_str))
            .collect();
        let link = match q.and_then(|q| q.link.as_deref()).map(str::trim) {
            Some(l) => {
                if !names.contains(&l) {
                    self.error_value(
                        "qr.link",
                        l,
                        format!("there is no link named `{l}` in `links`"),
                        suggest::choice_help(l, &names),
                    );
                    return None;
                }
                l.to_string()
            }
            None if names.contains(&"chapter") => "chapter".into(),
            None if names.len() == 1 => names[0].to_string(),
            None => {
                if !names.is_empty() {
                    self.error(
                        "qr",
                        "which link should the QR code open?",
                        format!("add `qr: {{link: {}}}`", names[0]),
                    );
                }
                return None;
            }
        };
        let logo = q.and_then(|q| q.logo).unwrap_or(false);
        let ecc = match q.and_then(|q| q.error_correction) {
            None if logo => ErrorCorrection::High,
            None => ErrorCorrection::Medium,
            Some(s::ErrorCorrectionSpec::Low) => ErrorCorrection::Low,
            Some(s::ErrorCorrectionSpec::Medium) => ErrorCorrection::Medium,
            Some(s::ErrorCorrectionSpec::Quartile) => ErrorCorrection::Quartile,
            Some(s::ErrorCorrectionSpec::High) => ErrorCorrection::High,
        };
        if logo && ecc != ErrorCorrection::High {
            self.error(
                "qr.error-correction",
                format!("a logo covers part of the QR code, which only `high` error correction survives (this says `{}`)", ecc.name()),
                "set `error-correction: high`, or remove the line (a logo implies high), or set `logo: false`",
            );
            return None;
        }
        if !links.contains_key(&link) {
            return None;
        }
        Some(Qr {
            link,
            error_correction: ecc,
            logo,
        })
    }

    fn qr_capacity(&mut self, c: &Campaign) {
        for channel in c.channels() {
            let url = c.qr_url(channel);
            let n = url.as_str().len();
            let max = c.qr.error_correction.max_bytes();
            if n > max {
                let path = format!("links.{}.url", c.qr.link);
                self.error(
                    &path,
                    format!("the {channel} link is {n} bytes long; a QR code at `{}` error correction holds at most {max}", c.qr.error_correction.name()),
                    "use a shorter address (a redirect or short link), or lower `qr.error-correction`",
                );
                return;
            }
        }
    }

    fn texts(
        &mut self,
        spec: &CampaignSpec,
        links: &BTreeMap<String, Link>,
        qr: Option<&Qr>,
    ) -> Option<Text> {
        let empty = s::TextSpec::default();
        let t = match &spec.text {
            Some(t) => t,
            None => {
                self.missing("", "text", "{headline: Hope in Darkness}");
                &empty
            }
        };
        let headline = if spec.text.is_some() {
            self.required_text("text", "headline", &t.headline, "Hope in Darkness")
        } else {
            None
        };
        let body = self.text("text.body", &t.body, true);
        let cta = self
            .text("text.call-to-action", &t.call_to_action, false)
            .or_else(|| {
                qr.and_then(|q| links.get(&q.link))
                    .and_then(|l| l.label.clone())
                    .map(|label| format!("Scan: {label}"))
            });
        Some(Text {
            headline: headline?,
            body,
            call_to_action: cta.unwrap_or_else(|| "Scan the code".into()),
        })
    }

    fn images(
        &mut self,
        spec: &CampaignSpec,
        dir: &Path,
    ) -> (Option<ImageFile>, Option<ImageFile>) {
        let Some(images) = &spec.images else {
            return (None, None);
        };
        let load = |cx: &mut Self, key: &str, v: &Option<String>| {
            let written = v.as_deref()?;
            let path = format!("images.{key}");
            match files::load_image(dir, written, "image") {
                Ok(img) => Some(img),
                Err((m, h)) => {
                    cx.error_value(&path, written, m, h);
                    None
                }
            }
        };
        let hero = load(self, "hero", &images.hero);
        let logo = load(self, "logo", &images.logo);
        (hero, logo)
    }

    fn length(
        &mut self,
        path: &str,
        text: &str,
        min_pt: f64,
        max_pt: f64,
        range_help: &str,
    ) -> Option<f64> {
        match units::parse_length(text) {
            Ok(pt) if pt >= min_pt && pt <= max_pt => Some(pt),
            Ok(_) => {
                self.error_value(
                    path,
                    text,
                    format!("`{}` is out of range", crate::suggest::short(text)),
                    range_help.to_string(),
                );
                None
            }
            Err(m) => {
                self.error_value(path, text, m, units::LENGTH_HELP);
                None
            }
        }
    }

    fn poster(&mut self, spec: &CampaignSpec) -> Option<Poster> {
        let empty = s::PosterSpec::default();
        let p = spec.poster.as_ref().unwrap_or(&empty);
        let landscape = p.orientation == Some(s::OrientationSpec::Landscape);
        let paper = match &p.size {
            None => paper_named("letter", landscape),
            Some(s::SizeSpec::Named(name)) => {
                let name = name.trim();
                match paper::named(name) {
                    Some(_) => paper_named(name, landscape),
                    None => {
                        self.error_value(
                            "poster.size",
                            name,
                            format!(
                                "`{}` is not a paper size handbill knows",
                                crate::suggest::short(name)
                            ),
                            format!(
                                "{}; or give `{{width: 11in, height: 17in}}`",
                                suggest::choice_help(name, paper::NAMES)
                            ),
                        );
                        None
                    }
                }
            }
            Some(s::SizeSpec::Custom(entries)) => self.custom_paper(entries, landscape),
        };
        let finish = match p.finish {
            Some(s::FinishSpec::PrintShop) => Finish::PrintShop,
            _ => Finish::Office,
        };
        let scan_distance = match &p.scan_distance {
            None => Some(units::PT_PER_MM * 500.0),
            Some(t) => self.length(
                "poster.scan-distance",
                t,
                units::PT_PER_MM * 100.0,
                units::PT_PER_MM * 20_000.0,
                "give a distance between 10cm and 20m, e.g. `2m` for a notice board across a hall",
            ),
        };
        let pages = match p.pages {
            Some(s::PagesSpec::Combined) => Pages::Combined,
            _ => Pages::Separate,
        };
        let groups = self.groups(p);
        Some(Poster {
            paper: paper?,
            landscape,
            finish,
            scan_distance: scan_distance?,
            scan_distance_given: p.scan_distance.is_some(),
            pages,
            groups,
        })
    }

    fn custom_paper(&mut self, entries: &[(String, String)], landscape: bool) -> Option<Paper> {
        let (mut w, mut h) = (None, None);
        let range = "each side must be between 3in and 200in";
        let (min, max) = (paper::MIN_SIDE_PT, paper::MAX_SIDE_PT);
        for (k, v) in entries {
            let path = crate::spec::yaml::join_key("poster.size", k);
            match k.as_str() {
                "width" => w = self.length(&path, v, min, max, range),
                "height" => h = self.length(&path, v, min, max, range),
                other => self.error_key(
                    &path,
                    format!("unknown key `{other}`"),
                    suggest::key_help(other, &["width", "height"]),
                ),
            }
        }
        for (key, v) in [("width", w), ("height", h)] {
            if v.is_none() && !entries.iter().any(|(k, _)| k == key) {
                self.missing("poster.size", key, "11in");
            }
        }
        let (w, h) = (w?, h?);
        let (w, h) = if landscape {
            (w.max(h), w.min(h))
        } else {
            (w, h)
        };
        Some(Paper {
            name: "custom".into(),
            width: w,
            height: h,
        })
    }

    fn groups(&mut self, p: &s::PosterSpec) -> Vec<Group> {
        let Some(groups) = &p.groups else {
            return Vec::new();
        };
        if groups.len() > MAX_GROUPS {
            self.error(
                "poster.groups",
                format!(
                    "{} groups; one campaign file may list at most {MAX_GROUPS}",
                    groups.len()
                ),
                "split the groups across several campaign files",
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut used = HashSet::new();
        // Next suffix to try per slug, and the first group with each name: linear in groups.
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut first_named: HashMap<String, usize> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            let path = format!("poster.groups[{i}]");
            let name = self.required_text(&path, "name", &g.name, "Tuesday Night Study");
            let when = self.text(&format!("{path}.when"), &g.when, false);
            let place = self.text(&format!("{path}.where"), &g.place, false);
            let contact = self.text(&format!("{path}.contact"), &g.contact, false);
            let Some(name) = name else { continue };
            if let Some(first) = first_named.get(&name.to_lowercase()).copied().or_else(|| {
                first_named.insert(name.to_lowercase(), i);
                None
            }) {
                self.warn(&format!("{path}.name"), format!("two groups are named `{}` (the first is `poster.groups[{first}]`)", crate::suggest::short(&name)), "if they are different groups, give them different names; each gets its own poster either way");
            }
            let base = match slug(&name) {
                s if s.is_empty() => format!("group-{}", i + 1),
                s => s
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string(),
            };
            let mut slug = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while !used.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                *n += 1;
            }
            out.push(Group {
                name,
                when,
                place,
                contact,
                slug,
                yaml_path: path,
            });
        }
        out
    }

    fn social(
        &mut self,
        spec: &CampaignSpec,
        title: Option<&str>,
        text: &Option<Text>,
    ) -> Option<Social> {
        let empty = s::SocialSpec::default();
        let sp = spec.social.as_ref().unwrap_or(&empty);
        let formats = match &sp.formats {
            None => social::ALL.to_vec(),
            Some(list) => {
                let mut seen = Vec::new();
                for (i, f) in list.iter().enumerate() {
                    let f = social::from_spec(*f);
                    if seen.contains(&f) {
                        self.warn(
                            &format!("social.formats[{i}]"),
                            format!("`{}` is listed twice", f.name),
                            "remove the repeat; each format is made once",
                        );
                    } else {
                        seen.push(f);
                    }
                }
                if list.is_empty() {
                    self.warn(
                        "social.formats",
                        "`social.formats` is empty, so no social images will be made",
                        "remove the line to make every format, or list the ones you want",
                    );
                }
                seen
            }
        };
        let image_format = match sp.image_format {
            Some(s::ImageFormatSpec::Jpeg) => ImageFormat::Jpeg,
            Some(s::ImageFormatSpec::Webp) => ImageFormat::Webp,
            _ => ImageFormat::Png,
        };
        let caption = self.text("social.caption", &sp.caption, true);
        let alt = self.text("social.alt", &sp.alt, false).or_else(|| {
            let headline = text.as_ref().map(|t| t.headline.as_str())?;
            Some(format!("{}: {headline}", title?))
        });
        let max_bytes = sp.max_bytes.unwrap_or(1_000_000);
        if !(10_000..=50_000_000).contains(&max_bytes) {
            self.error(
                "social.max-bytes",
                format!("{max_bytes} bytes is out of range"),
                "give a budget between 10000 and 50000000 bytes (1000000 suits every platform)",
            );
            return None;
        }
        Some(Social {
            formats,
            image_format,
            caption,
            alt: alt.unwrap_or_default(),
            max_bytes,
        })
    }

    fn output(&mut self, spec: &CampaignSpec, dir: &Path) -> Option<PathBuf> {
        // The default `out` is checked like a written one.
        let out = spec.output.as_deref().map_or("out", str::trim);
        let p = Path::new(out);
        if out.is_empty() {
            self.error(
                "output",
                "`output` is empty",
                "remove the line (the default is `out`) or name a folder",
            );
            return None;
        }
        if p.is_absolute() || p.components().any(|c| matches!(c, Component::ParentDir)) {
            self.error_value("output", out, format!("`{out}` is outside the campaign's folder"), "write a folder inside it (e.g. `out`); to write elsewhere, pass `--out DIR` on the command line");
            return None;
        }
        // Every part of the path that exists must be a real folder inside the campaign's
        // folder: a symbolic link there would send the kit elsewhere.
        let mut cur = dir.to_path_buf();
        for part in p.components() {
            cur.push(part);
            match std::fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => {
                    self.error_value("output", out, format!("`{}` is a symbolic link; handbill writes only into real folders inside the campaign's folder", cur.display()), "remove the link, or pass `--out DIR` on the command line to write elsewhere");
                    return None;
                }
                Ok(m) if !m.is_dir() => {
                    self.error_value(
                        "output",
                        out,
                        format!("`{}` is a file, not a folder", cur.display()),
                        "name a folder (it is created if missing)",
                    );
                    return None;
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Some(dir.join(p))
    }

    /// Khmer text needs `lang: km` to be broken into lines at word boundaries.
    fn script_hint(&mut self, spec: &CampaignSpec, lang: &str) {
        let khmer = |s: &Option<String>| {
            s.as_deref().is_some_and(|t| {
                t.chars()
                    .any(|c| matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}'))
            })
        };
        let t = spec.text.as_ref();
        let any = khmer(&spec.title) || t.is_some_and(|t| khmer(&t.headline) || khmer(&t.body));
        if any && !lang.starts_with("km") {
            self.warn(
                "lang",
                format!(
                    "the text is in Khmer but `lang` is `{lang}`{}",
                    if spec.lang.is_none() {
                        " (the default)"
                    } else {
                        ""
                    }
                ),
                "set `lang: km` so lines break between Khmer words",
            );
        }
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks used by scripts such as Khmer inside words.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{17B4}'..='\u{17D3}' | '\u{17DD}' | '\u{0E31}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}')
}

fn paper_named(name: &str, landscape: bool) -> Option<Paper> {
    let (w, h) = paper::named(name)?;
    let (w, h) = if landscape { (h, w) } else { (w, h) };
    Some(Paper {
        name: name.to_ascii_lowercase(),
        width: w,
        height: h,
    })
}

/// A file-name-safe slug: lower-case ASCII letters and digits joined by single `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
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
    fn related_paths() {
        assert!(related("poster.groups[2]", "poster.groups[2].name"));
        assert!(related("poster", "poster.size"));
        assert!(!related("poster.size", "poster.sizes"));
        assert!(!related("title", "text.headline"));
    }
}
