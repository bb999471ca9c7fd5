//! The world's scripts with the bundled fonts alone: one campaign in each of 27 languages
//! (`tests/fixtures/languages/`: the Universal Declaration of Human Rights' title, Article 3 as
//! the headline, Article 1 as the body), built in one command, each poster's fonts embedded
//! and its headline extracted by `pdftotext`, each image's QR code read back by zbarimg.

use std::path::Path;

use crate::util::{Test, tool, zbarimg};

/// One language's copy.
struct Copy {
    lang: String,
    title: String,
    headline: String,
    body: String,
    call_to_action: String,
}

/// The languages of the fixture that the bundled fonts cover (Chinese, Japanese and Korean
/// need a font of the campaign's own).
fn languages() -> Vec<Copy> {
    all_languages()
        .into_iter()
        .filter(|c| !CJK.contains(&c.lang.as_str()))
        .collect()
}

/// The languages whose campaigns bring their own font.
const CJK: &[&str] = &["zh-Hans", "ja", "ko"];

/// Where `.ci/run` installs Noto Sans CJK (Debian's fonts-noto-cjk).
const NOTO_CJK: &str = "/usr/share/fonts/opentype/noto";

fn all_languages() -> Vec<Copy> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages/languages.tsv");
    let text = std::fs::read_to_string(&file).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "{l}");
            Copy {
                lang: f[0].into(),
                title: f[2].into(),
                headline: f[3].into(),
                body: f[4].into(),
                call_to_action: f[5].into(),
            }
        })
        .collect()
}

fn campaign(c: &Copy) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        "campaign: lang-{id}\ntitle: {title}\nhashtag: \"#mobilizeforjustice\"\nlang: {lang}\n\
         links:\n  chapter:\n    url: https://example.org/first-chapter\n    label: {cta}\n\
         text:\n  headline: {headline}\n  body: {body}\n  call-to-action: {cta}\n\
         poster:\n  size: a4\nsocial:\n  formats: [instagram-square]\n",
        id = c.lang.to_ascii_lowercase(),
        lang = c.lang,
        title = q(&c.title),
        headline = q(&c.headline),
        body = q(&c.body),
        cta = q(&c.call_to_action),
    )
}

/// Text as compared: composed, without white space (lines break where they break) and
/// without the bidi controls `pdftotext` puts around right-to-left lines.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[test]
fn twenty_seven_languages_build_with_the_bundled_fonts_and_read_back() {
    let copies = languages();
    assert_eq!(copies.len(), 27);
    let mut t = Test::new();
    let mut files = Vec::new();
    for c in &copies {
        let name = format!("{}.yaml", c.lang);
        t = t.file(&name, campaign(c).as_bytes());
        files.push(name);
    }
    let mut args = vec!["build", "--out", "out"];
    args.extend(files.iter().map(String::as_str));
    let o = t.args(&args).run();
    o.code(0).stderr_lacks("no bundled font");
    let out = o.dir.join("out");
    let mut failures = Vec::new();
    for c in &copies {
        let id = c.lang.to_ascii_lowercase();
        let pdf = out.join(format!("poster/lang-{id}-a4.pdf"));
        let fonts = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        if rows.is_empty() || rows.iter().any(|r| !r.contains(" yes ")) {
            failures.push(format!("{}: fonts not all embedded:\n{fonts}", c.lang));
        }
        let text = tool("pdftotext", &[], &pdf);
        if !fold(&text).contains(&fold(&c.headline)) {
            failures.push(format!(
                "{}: the headline is not in the PDF's text:\n{text}",
                c.lang
            ));
        }
        let png = out.join(format!("social/lang-{id}-instagram-square.png"));
        if zbarimg(&png).len() != 1 {
            failures.push(format!("{}: the image's QR code does not read", c.lang));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn chinese_japanese_and_korean_build_with_noto_cjk_given_through_fonts() {
    let copies: Vec<Copy> = all_languages()
        .into_iter()
        .filter(|c| CJK.contains(&c.lang.as_str()))
        .collect();
    assert_eq!(copies.len(), 3);
    // Without the font: the error says which font to add, and how.
    let o = Test::new()
        .file("ja.yaml", campaign(&copies[1]).as_bytes())
        .args(&["check", "ja.yaml"])
        .run();
    o.code(1)
        .error_at("title", 2)
        .stderr_has("Japanese text needs a CJK font")
        .stderr_has("Noto Sans CJK JP")
        .stderr_has("fonts: [fonts/]");
    // A CJK font offered with --font-path sets what no bundled font has, in any campaign.
    Test::new()
        .file("ko.yaml", campaign(&copies[2]).as_bytes())
        .args(&["build", "ko.yaml", "--strict", "--font-path", NOTO_CJK])
        .run()
        .code(0);
    let mut t = Test::new();
    for face in ["NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"] {
        let path = Path::new(NOTO_CJK).join(face);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; install Debian's fonts-noto-cjk (.ci/run does)",
                path.display()
            )
        });
        assert!(bytes.len() > 15_000_000, "a whole CJK collection");
        t = t.file(&format!("fonts/{face}"), &bytes);
    }
    let mut files = Vec::new();
    for c in &copies {
        let name = format!("{}.yaml", c.lang);
        let yaml = campaign(c).replacen("\nlinks:", "\nfonts: [fonts/]\nlinks:", 1);
        t = t.file(&name, yaml.as_bytes());
        files.push(name);
    }
    let mut args = vec!["build", "--strict", "--out", "out"];
    args.extend(files.iter().map(String::as_str));
    let o = t.args(&args).run();
    o.code(0);
    let out = o.dir.join("out");
    for (c, region) in copies.iter().zip(["sc", "jp", "kr"]) {
        let id = c.lang.to_ascii_lowercase();
        let pdf = out.join(format!("poster/lang-{id}-a4.pdf"));
        let fonts = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(
            !rows.is_empty() && rows.iter().all(|r| r.contains(" yes yes yes ")),
            "{}: {fonts}",
            c.lang
        );
        // The campaign's own region's face sets it.
        assert!(
            rows.iter()
                .any(|r| r.contains(&format!("NotoSansCJK{region}-Regular"))),
            "{}: {fonts}",
            c.lang
        );
        let text = tool("pdftotext", &[], &pdf);
        assert!(
            fold(&text).contains(&fold(&c.headline)),
            "{}: {text}",
            c.lang
        );
        let png = out.join(format!("social/lang-{id}-instagram-square.png"));
        assert_eq!(zbarimg(&png).len(), 1, "{}", c.lang);
    }
}

#[test]
fn the_thai_and_arabic_examples_build_without_warnings_and_read_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for (example, headline) in [("thai", "ความหวังในความมืด"), ("arabic", "الأمل في الظلام")]
    {
        let dir = root.join(example);
        let o = Test::new()
            .file(
                "campaign.yaml",
                &std::fs::read(dir.join("campaign.yaml")).unwrap(),
            )
            .file(
                "images/cambodia.jpg",
                &std::fs::read(dir.join("images/cambodia.jpg")).unwrap(),
            )
            .args(&["build", "campaign.yaml", "--strict"])
            .run();
        o.code(0);
        let out = o.dir.join("out");
        let poster = std::fs::read_dir(out.join("poster"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"))
            .expect("a poster");
        let text = tool("pdftotext", &[], &poster);
        assert!(fold(&text).contains(&fold(headline)), "{example}: {text}");
        for entry in std::fs::read_dir(out.join("social")).unwrap() {
            let png = entry.unwrap().path();
            if png.extension().is_some_and(|x| x == "png") {
                assert_eq!(zbarimg(&png).len(), 1, "{}", png.display());
            }
        }
    }
}
