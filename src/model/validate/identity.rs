//! Who the campaign is: its id, hashtag, language and design.

use super::*;

impl Cx<'_> {
    pub(super) fn campaign_id(&mut self, spec: &CampaignSpec) -> Option<String> {
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

    pub(super) fn hashtag(&mut self, spec: &CampaignSpec) -> Option<String> {
        let tag = self.required_text("", "hashtag", &spec.hashtag, "\"#mobilizeforjustice\"")?;
        let body = tag.strip_prefix('#').unwrap_or(&tag);
        let ok_chars = body.chars().all(|c| {
            c.is_alphanumeric() || c == '_' || matches!(c, '\u{200C}' | '\u{200D}') || is_mark(c)
        });
        // Its length was checked with the other copy limits (text.rs).
        if !tag.starts_with('#') || body.is_empty() || !ok_chars {
            let fixed: String = body
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '_' || is_mark(*c))
                .collect();
            let help = if fixed.is_empty() {
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

    pub(super) fn lang(&mut self, spec: &CampaignSpec) -> String {
        let Some(lang) = spec.lang.as_deref().map(str::trim) else {
            return "en".into();
        };
        // The parser layout hands the tag to (line breaking, shaping), so what passes here is
        // what layout understands.
        let empty_subtag = lang.split(['-', '_']).any(str::is_empty);
        if empty_subtag || parley::Language::parse(lang).is_err() {
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

    pub(super) fn design(&mut self, spec: &CampaignSpec, dir: &Path) -> Option<DesignRef> {
        let Some(name) = spec.design.as_deref().map(str::trim) else {
            return Some(DesignRef::Bundled("justice".into()));
        };
        let names = crate::assets::design_names();
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
}

/// A file-name-safe slug: lower-case ASCII letters and digits joined by single `-`.
pub(crate) fn slug(text: &str) -> String {
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
