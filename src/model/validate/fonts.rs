//! `fonts:` and `typeface:`: the campaign's own font files (found, confined, read and
//! checked once per session) and the families chosen for the design's roles.

use super::*;
use crate::fonts::{FaceRef, FontSet, MAX_TOTAL_FONT_BYTES, Typeface};

impl Cx<'_> {
    pub(super) fn fonts(
        &mut self,
        spec: &CampaignSpec,
        dir: &Path,
        lang: &str,
    ) -> Option<Arc<FontSet>> {
        let mut own: Vec<FaceRef> = Vec::new();
        let mut total = 0u64;
        let mut ok = true;
        for (i, written) in spec.fonts.iter().flatten().enumerate() {
            let path = format!("fonts[{i}]");
            match self.font_files.load(dir, written) {
                Err((m, h)) => {
                    self.error_value(&path, written, m, h);
                    ok = false;
                }
                Ok(found) => {
                    for (shown, faces) in found {
                        match faces {
                            Ok(faces) => {
                                total += faces.first().map_or(0, |f| f.bytes().len() as u64);
                                for f in faces {
                                    if !own.iter().any(|g| **g == *f) {
                                        own.push(f);
                                    }
                                }
                            }
                            Err((m, h)) => {
                                let m = if shown == *written {
                                    format!("the font `{shown}`: {m}")
                                } else {
                                    format!("the font `{shown}` (in `{written}`): {m}")
                                };
                                self.error_value(&path, written, m, h);
                                ok = false;
                            }
                        }
                    }
                }
            }
        }
        if total > MAX_TOTAL_FONT_BYTES {
            self.error(
                "fonts",
                format!(
                    "the campaign's fonts come to {} MB; at most {} MB are read",
                    total / (1024 * 1024),
                    MAX_TOTAL_FONT_BYTES / (1024 * 1024)
                ),
                "keep only the fonts the campaign uses (a CJK font for one region, not every region's)",
            );
            ok = false;
        }
        // A CJK collection holds a face per region (JP, KR, SC, TC, HK): the campaign's own
        // region's comes first, so that its glyph forms are the ones used.
        own.sort_by_key(|f| region_rank(&f.family, lang));
        let mut typeface = Typeface::default();
        if let Some(t) = &spec.typeface {
            let available = self.font_files.set(&own, Typeface::default());
            let mut choose = |cx: &mut Self, role: &str, name: &Option<String>| {
                let name = name.as_deref()?;
                let path = format!("typeface.{role}");
                if let Some(face) = available.find(name) {
                    return Some(face.family.clone());
                }
                let families = available.family_names();
                let refs: Vec<&str> = families.iter().map(String::as_str).collect();
                let help = match suggest::closest(name, &refs) {
                    Some(near) => format!(
                        "did you mean `{near}`? The families handbill has: {}",
                        refs.join(", ")
                    ),
                    None if spec.fonts.is_none() => format!(
                        "add the font's files with `fonts: [fonts/]` (a folder beside the campaign file) or `--font-path DIR`; the families handbill has now: {}",
                        refs.join(", ")
                    ),
                    None => format!("the families handbill has: {}", refs.join(", ")),
                };
                cx.error_value(&path, name, format!("no font of the family `{name}`"), help);
                ok = false;
                None
            };
            typeface.display = choose(self, "display", &t.display);
            typeface.text = choose(self, "text", &t.text);
        }
        ok.then(|| self.font_files.set(&own, typeface))
    }
}

/// How well a family named for a CJK region (by the suffix Noto CJK and Source Han use:
/// `JP`, `KR`, `SC`, `TC`, `HK`) suits `lang`: 0 its own region, 1 a family with no region,
/// 2 another region's, 3 a monospaced one.
fn region_rank(family: &str, lang: &str) -> u8 {
    let l = lang.to_ascii_lowercase();
    let want = if l.starts_with("ja") {
        "JP"
    } else if l.starts_with("ko") {
        "KR"
    } else if l.starts_with("zh") && (l.contains("hant") || l.ends_with("-tw")) {
        "TC"
    } else if l.starts_with("zh") && (l.ends_with("-hk") || l.ends_with("-mo")) {
        "HK"
    } else if l.starts_with("zh") {
        "SC"
    } else {
        ""
    };
    if family.contains("Mono") {
        return 3;
    }
    match family.rsplit(' ').next() {
        Some(r) if ["JP", "KR", "SC", "TC", "HK"].contains(&r) => {
            if r == want {
                0
            } else {
                2
            }
        }
        _ => 1,
    }
}
