//! What to say when Chinese, Japanese or Korean text has no font: the Noto Sans CJK face for
//! the campaign's language, and how to add it.

/// The characters of the scripts that need a font handbill does not bundle, and the font to
/// add for them (Chinese, Japanese and Korean: Noto Sans CJK, chosen by the campaign's
/// language).
pub(crate) fn cjk_advice(missing: &[char], lang: &str) -> Option<String> {
    let han = missing.iter().any(|c| is_han(*c));
    let kana = missing.iter().any(|c| matches!(*c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}'));
    let hangul = missing.iter().any(|c| matches!(*c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}'));
    if !(han || kana || hangul) {
        return None;
    }
    let l = lang.to_ascii_lowercase();
    let (file, family, what) = if l.starts_with("ja") || (kana && !l.starts_with("zh")) {
        (
            "NotoSansCJKjp-Regular.otf",
            "Noto Sans CJK JP",
            "Japanese text needs",
        )
    } else if l.starts_with("ko") || hangul {
        (
            "NotoSansCJKkr-Regular.otf",
            "Noto Sans CJK KR",
            "Korean text needs",
        )
    } else if l.contains("hant") || l.ends_with("-tw") || l.ends_with("-hk") || l.ends_with("-mo") {
        (
            "NotoSansCJKtc-Regular.otf",
            "Noto Sans CJK TC",
            "Chinese characters need",
        )
    } else {
        (
            "NotoSansCJKsc-Regular.otf",
            "Noto Sans CJK SC",
            "Chinese characters need",
        )
    };
    Some(format!(
        "{what} a CJK font, which is too large to bundle: put {family} (free, OFL: {file} from github.com/notofonts/noto-cjk, or NotoSansCJK-Regular.ttc from the package fonts-noto-cjk) and its bold in a `fonts/` folder beside the campaign file and add `fonts: [fonts/]` to the campaign, or pass `--font-path DIR`"
    ))
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF65}'
        | '\u{20000}'..='\u{3134F}')
}
