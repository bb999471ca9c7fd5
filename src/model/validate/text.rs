//! Text fields: trimmed, composed (NFC), free of invisible controls and stray marks, within
//! their copy limits; and hints for scripts that need a language to be broken into lines.

use super::*;

/// A field whose length is capped so that the campaign builds on every format, paper size,
/// orientation and bundled design (README, "Copy limits"; `maxLength` in the schema).
#[derive(Debug)]
pub(crate) struct CopyLimit {
    /// The field's YAML path; `[]` stands for any list index, `*` for any key.
    pub(crate) field: &'static str,
    /// The field in the user's words, as a message begins.
    pub(crate) name: &'static str,
    /// Most characters, as [`copy_length`] counts them.
    pub(crate) max: usize,
    /// What keeping to the limit buys, as the message ends.
    why: &'static str,
}

/// A limit that keeps the field within its box on every format and paper size.
const fn fits(field: &'static str, name: &'static str, max: usize) -> CopyLimit {
    let why = "fit every format and paper size";
    CopyLimit {
        field,
        name,
        max,
        why,
    }
}

/// Most characters in the call to action (also the cap on the one made from a link's label).
pub(crate) const CALL_TO_ACTION_MAX: usize = 60;

/// Most characters in `social.alt`. The alt text of an image is this sentence, then the words
/// on the image: on the bundled designs the title, headline, body, call to action and hashtag,
/// 652 characters at their limits, with 63 of joining words (". Text on the image: ", ". "
/// between the parts, ". A QR code links to the campaign."). 250 + 652 + 63 = 965, within
/// the 1 000 X accepts (docs/decisions.md), so neither this sentence nor the words are cut.
pub(crate) const ALT_MAX: usize = 250;

pub(crate) const COPY_LIMITS: &[CopyLimit] = &[
    fits("title", "the title", 60),
    fits("subtitle", "the subtitle", 100),
    fits("text.headline", "the headline", 100),
    fits("text.body", "the body", 400),
    fits(
        "text.call-to-action",
        "the call to action",
        CALL_TO_ACTION_MAX,
    ),
    fits("hashtag", "the hashtag (with its `#`)", 32),
    fits("poster.groups[].name", "the group's name", 80),
    fits("poster.groups[].when", "the group's `when`", 80),
    fits("poster.groups[].where", "the group's `where`", 80),
    fits("poster.groups[].contact", "the group's contact", 80),
    fits("links.*.label", "the link's label", 60),
    CopyLimit {
        field: "social.alt",
        name: "the alt text",
        max: ALT_MAX,
        why: "keep every image's alt text, with the words on the image, within the 1000 characters X accepts",
    },
];

/// The YAML path of the caption, whose limit is the whole post's (see `social.rs`).
pub(super) const CAPTION: &str = "social.caption";

/// The copy limit of the field at `path`, if it has one.
pub(crate) fn copy_limit(path: &str) -> Option<&'static CopyLimit> {
    let field = if let Some(rest) = path.strip_prefix("poster.groups[") {
        let (_, key) = rest.split_once(']')?;
        format!("poster.groups[]{key}")
    } else if path.starts_with("links.") && path.ends_with(".label") {
        "links.*.label".to_string()
    } else {
        path.to_string()
    };
    COPY_LIMITS.iter().find(|l| l.field == field)
}

/// The length of a text as the copy limits count it: characters (Unicode scalar values, not
/// bytes), after NFC composition, with each run of white space counted as one character and
/// none at either end. "é" typed as e + U+0301 is one character; so is each Khmer letter,
/// sign and coeng.
pub(crate) fn copy_length(text: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in unicode_normalization::UnicodeNormalization::nfc(text) {
        if c.is_whitespace() {
            space = n > 0;
        } else {
            n += 1 + usize::from(space);
            space = false;
        }
    }
    n
}

/// The fix for a text `over` characters too long (never zero: only called when it is over).
pub(super) fn shorten_by(over: usize) -> String {
    let s = if over == 1 { "" } else { "s" };
    format!("shorten it by {over} character{s}")
}

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
        match copy_limit(path) {
            Some(limit) => {
                let n = copy_length(v);
                if n > limit.max {
                    self.error(
                        path,
                        format!(
                            "{} is {n} characters; at most {} {}",
                            limit.name, limit.max, limit.why
                        ),
                        shorten_by(n - limit.max),
                    );
                    return None;
                }
            }
            // The caption is measured with what handbill appends to it, once the link is known.
            None if path == CAPTION => {}
            None => {
                let n = v.chars().count();
                if n > MAX_TEXT_CHARS {
                    self.error(
                        path,
                        format!(
                            "the text is {n} characters long; at most {MAX_TEXT_CHARS} are kept"
                        ),
                        shorten_by(n - MAX_TEXT_CHARS),
                    );
                    return None;
                }
            }
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
                let label = qr.and_then(|q| links.get(&q.link))?.label.clone()?;
                // A label near its own limit is the call to action by itself, so that the
                // words beside the QR code stay within the call to action's limit.
                let scan = format!("Scan: {label}");
                Some(if copy_length(&scan) <= CALL_TO_ACTION_MAX {
                    scan
                } else {
                    label
                })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_length_counts_characters_after_nfc_and_white_space_folding() {
        assert_eq!(copy_length("Hope in Darkness"), 16);
        // e + U+0301 composes to é: one character, however it was typed.
        assert_eq!(copy_length("Caf\u{65}\u{301}"), 4);
        assert_eq!(copy_length("Café"), 4);
        // Runs of white space count as one, and none at either end.
        assert_eq!(copy_length("  a \n\t b\r\n\nc  "), 5);
        assert_eq!(copy_length(" \n "), 0);
        // Khmer: each letter, vowel sign and coeng is a character (and three bytes).
        let khmer = "យុត្តិធម៌";
        assert_eq!(copy_length(khmer), 9);
        assert_eq!(khmer.len(), 27);
        // Characters outside the BMP count one each, not two as UTF-16 would.
        assert_eq!(copy_length("😀😀"), 2);
    }

    #[test]
    fn every_field_path_finds_its_limit() {
        assert_eq!(copy_limit("text.headline").map(|l| l.max), Some(100));
        assert_eq!(copy_limit("poster.groups[0].name").map(|l| l.max), Some(80));
        assert_eq!(
            copy_limit("poster.groups[917].contact").map(|l| l.max),
            Some(80)
        );
        assert_eq!(copy_limit("links.order.label").map(|l| l.max), Some(60));
        assert_eq!(
            copy_limit("links.\"odd name\".label").map(|l| l.max),
            Some(60)
        );
        assert_eq!(copy_limit("social.alt").map(|l| l.max), Some(ALT_MAX));
        assert!(copy_limit("author").is_none());
        assert!(copy_limit("links.order.url").is_none());
        assert!(copy_limit(CAPTION).is_none());
    }

    #[test]
    fn the_fix_says_how_many_characters_to_cut() {
        assert_eq!(shorten_by(1), "shorten it by 1 character");
        assert_eq!(shorten_by(12), "shorten it by 12 characters");
    }

    #[test]
    fn the_call_to_action_made_from_a_label_keeps_to_its_limit() {
        let cta = |label: &str| {
            let text = format!(
                "campaign: t\ntitle: T\nhashtag: \"#t\"\nlinks:\n  chapter:\n    url: https://example.org/a\n    label: {label}\ntext:\n  headline: H\n"
            );
            let pictures = files::Pictures::default();
            let l = validate_text(
                &pictures,
                &Default::default(),
                &text,
                Path::new("c.yaml"),
                Path::new("."),
                "c.yaml",
            );
            l.campaign.map(|c| c.text.call_to_action)
        };
        assert_eq!(cta("Read it").as_deref(), Some("Scan: Read it"));
        let label = "x".repeat(CALL_TO_ACTION_MAX);
        assert_eq!(cta(&label), Some(label));
    }

    /// The node of the campaign schema for a copy limit's field (`[]`: list items, `*`: any key).
    fn schema_node<'a>(root: &'a serde_json::Value, field: &str) -> &'a serde_json::Value {
        let resolve = |mut node: &'a serde_json::Value| {
            loop {
                if let Some(r) = node["$ref"].as_str() {
                    node = &root["$defs"][r.trim_start_matches("#/$defs/")];
                } else if let Some(r) = node["anyOf"]
                    .as_array()
                    .and_then(|a| a.iter().find(|n| n.get("$ref").is_some()))
                {
                    node = r;
                } else {
                    return node;
                }
            }
        };
        let mut node = root;
        for part in field.split('.') {
            node = resolve(node);
            node = match part {
                "*" => &node["additionalProperties"],
                p => match p.strip_suffix("[]") {
                    Some(list) => &resolve(&node["properties"][list])["items"],
                    None => &node["properties"][p],
                },
            };
        }
        resolve(node)
    }

    #[test]
    fn the_schema_states_every_copy_limit() {
        let schema = crate::raw::campaign_schema();
        for limit in COPY_LIMITS {
            let node = schema_node(&schema, limit.field);
            assert_eq!(node["maxLength"], limit.max, "{}: {node}", limit.field);
            let about = node["description"].as_str().unwrap_or_default();
            assert!(
                about.contains(&format!("At most {} characters", limit.max)),
                "{}: {about}",
                limit.field
            );
        }
        let caption = schema_node(&schema, CAPTION);
        assert_eq!(
            caption["maxLength"],
            super::super::social::INSTAGRAM_POST_MAX
        );
    }
}
