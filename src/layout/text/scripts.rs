//! Which way a language is written, and which bundled family sets each script.

use parley::fontique::{Collection, FallbackKey, Script};

use crate::assets::SCRIPT_FAMILIES;

/// Whether `lang` (a BCP 47 tag) is written right to left: Arabic, Persian, Urdu, Pashto,
/// Sindhi, Uyghur, Kurdish (Sorani), Dhivehi, Hebrew, Yiddish and Syriac, or any language
/// with an `Arab`, `Hebr`, `Syrc`, `Thaa` or `Nkoo` script subtag.
pub(crate) fn right_to_left(lang: &str) -> bool {
    let lower = lang.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or_default();
    let script = parts.find(|p| p.len() == 4);
    match script {
        Some(s) => matches!(s, "arab" | "hebr" | "syrc" | "thaa" | "nkoo"),
        None => matches!(
            primary,
            "ar" | "fa"
                | "ur"
                | "ps"
                | "sd"
                | "ug"
                | "ckb"
                | "dv"
                | "he"
                | "iw"
                | "yi"
                | "syr"
                | "arc"
                | "prs"
                | "pnb"
                | "ks"
        ),
    }
}

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms, and the historic ones of the supplementary planes).
pub(super) fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
}

/// Send each script Noto Sans lacks to its bundled family, for every language (`None`) or for
/// `lang`'s own key.
pub(super) fn set_script_fallbacks(collection: &mut Collection, lang: Option<&str>) {
    for (script, family) in SCRIPT_FAMILIES {
        let Some(id) = collection.family_id(family) else {
            continue;
        };
        let script = Script::from_bytes(*script);
        let key = match lang {
            Some(l) => FallbackKey::from((script, l)),
            None => FallbackKey::new(script, None),
        };
        collection.set_fallbacks(key, [id].into_iter());
    }
}
