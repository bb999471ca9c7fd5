//! Text fields: trimmed, composed (NFC), free of invisible controls and stray marks, within
//! their limits; and hints for scripts that need a language to be broken into lines.

use super::*;

impl Cx<'_> {
    /// A text field: trimmed, non-empty, free of invisible controls, not absurdly long.
    pub(super) fn text(
        &mut self,
        path: &str,
        value: &Option<String>,
        multiline: bool,
    ) -> Option<String> {
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

    pub(super) fn required_text(
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

    pub(super) fn texts(
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

    /// Khmer text needs `lang: km` to be broken into lines at word boundaries.
    pub(super) fn script_hint(&mut self, spec: &CampaignSpec, lang: &str) {
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

/// A combining mark (general category M): it belongs to the letter before it, in any script
/// (Khmer and Thai vowel signs, Devanagari matras, accents).
pub(super) fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}
