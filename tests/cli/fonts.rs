//! The campaign's own fonts: a brand face given through `fonts:` and chosen for the design's
//! roles with `typeface:` is embedded (as a subset) for those roles; `--font-path` offers
//! fonts kept outside the campaign; and every kind of bad font file is refused with its place
//! in the campaign file, never a panic, nothing written.

use std::path::Path;

use crate::util::{Test, png, tool};

const SERIF: &[u8] = include_bytes!("../fixtures/fonts/NotoSerif-Regular.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../fixtures/fonts/NotoSerif-Bold.ttf");

/// A campaign with `extra` (top-level keys) after its language.
fn campaign(extra: &str) -> String {
    format!(
        "campaign: brand\ntitle: God of Justice\nhashtag: \"#mobilizeforjustice\"\nlang: en\n{extra}\n\
         links:\n  chapter:\n    url: https://example.org/first-chapter\n    label: Download the first chapter\n\
         text:\n  headline: Hope in Darkness\n  body: Read Mien's story of restoration.\n  call-to-action: Scan to read the first chapter\n\
         poster:\n  size: letter\nsocial:\n  formats: [instagram-square]\n"
    )
}

/// The base names of the fonts embedded in a PDF (`ABCDEF+NotoSerif-Bold` → `NotoSerif-Bold`),
/// each checked to be embedded as a subset.
fn embedded(pdf: &Path) -> Vec<String> {
    let out = tool("pdffonts", &[], pdf);
    let mut names: Vec<String> = out
        .lines()
        .skip(2)
        .map(|row| {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(n >= 7, "{out}");
            // emb, sub, uni are the three columns before the object id.
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{out}");
            let name = cols[0];
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "not a subset: {out}"
            );
            name[7..].to_string()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

fn brand(typeface: &str) -> Test {
    Test::new()
        .campaign(&campaign(&format!("fonts: [fonts/]\n{typeface}")))
        .file("fonts/NotoSerif-Regular.ttf", SERIF)
        .file("fonts/NotoSerif-Bold.ttf", SERIF_BOLD)
        .file("fonts/OFL.txt", b"SIL Open Font License")
}

#[test]
fn a_brand_font_is_embedded_as_a_subset_for_the_roles_it_is_chosen_for() {
    // Both roles.
    let o = brand("typeface: {display: Noto Serif, text: Noto Serif}")
        .args(&["build"])
        .run();
    o.code(0);
    let pdf = o.dir.join("out/poster/brand-letter.pdf");
    assert_eq!(
        embedded(&pdf),
        ["NotoSerif-Bold", "NotoSerif-Regular"],
        "only the brand's faces"
    );
    assert!(tool("pdftotext", &[], &pdf).contains("Hope in Darkness"));
    let serif_png = std::fs::read(o.dir.join("out/social/brand-instagram-square.png")).unwrap();

    // The headline only: the body and the rest keep the design's Noto Sans.
    let o = brand("typeface: {display: Noto Serif}")
        .args(&["build"])
        .run();
    o.code(0);
    let fonts = embedded(&o.dir.join("out/poster/brand-letter.pdf"));
    assert!(fonts.contains(&"NotoSerif-Bold".to_string()), "{fonts:?}");
    assert!(
        fonts.iter().any(|f| f.starts_with("NotoSans-")),
        "{fonts:?}"
    );

    // Without the brand font the image is another image.
    let o = Test::new().campaign(&campaign("")).args(&["build"]).run();
    o.code(0);
    let plain = std::fs::read(o.dir.join("out/social/brand-instagram-square.png")).unwrap();
    assert_ne!(plain, serif_png);
    assert!(
        embedded(&o.dir.join("out/poster/brand-letter.pdf"))
            .iter()
            .all(|f| f.starts_with("NotoSans"))
    );
}

#[test]
fn a_variable_brand_font_is_embedded_at_each_weight_used() {
    let o = Test::new()
        .campaign(&campaign(
            "fonts: [fonts/Inter.ttf]\ntypeface: {display: Inter, text: Inter}",
        ))
        .file(
            "fonts/Inter.ttf",
            include_bytes!("../fixtures/fonts/Inter-roman-subset.var.ttf"),
        )
        .args(&["build", "--strict"])
        .run();
    o.code(0);
    let out = tool("pdffonts", &[], &o.dir.join("out/poster/brand-letter.pdf"));
    // The bold headline and the regular body: two instances of the one file.
    let inter = out.lines().filter(|l| l.contains("+Inter ")).count();
    assert_eq!(inter, 2, "{out}");
}

#[test]
fn a_typeface_no_font_has_is_an_error_that_names_the_families() {
    let o = brand("typeface: {display: Noto Srif}")
        .args(&["build"])
        .run();
    o.code(1)
        .wrote_nothing()
        .error_at("typeface.display", 6)
        .stderr_has("no font of the family `Noto Srif`")
        .stderr_has("did you mean `Noto Serif`?");
    let o = Test::new()
        .campaign(&campaign("typeface: {text: Brand Sans}"))
        .args(&["check"])
        .run();
    o.code(1)
        .error_at("typeface.text", 5)
        .stderr_has("add the font's files with `fonts: [fonts/]`");
}

#[test]
fn font_path_offers_fonts_kept_outside_the_campaign() {
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("NotoSerif-Bold.ttf"), SERIF_BOLD).unwrap();
    let dir = shared.path().to_str().unwrap();
    let t = || Test::new().campaign(&campaign("typeface: {display: Noto Serif}"));
    // Without it, the family is unknown.
    t().args(&["check"]).run().code(1);
    let o = t().args(&["build", "--font-path", dir]).run();
    o.code(0);
    assert!(
        embedded(&o.dir.join("out/poster/brand-letter.pdf")).contains(&"NotoSerif-Bold".into())
    );
    // Or from the environment.
    t().env("HANDBILL_FONT_PATH", dir)
        .args(&["build"])
        .run()
        .code(0);
    // A damaged font there is named, and nothing is written.
    std::fs::write(shared.path().join("Broken.otf"), b"OTTO\0\0\0\0").unwrap();
    let o = t().args(&["build", "--font-path", dir]).run();
    o.code(1)
        .wrote_nothing()
        .stderr_has("Broken.otf")
        .stderr_has("damaged");
}

/// The bundled Noto Sans with `edit` applied to its bytes.
fn noto_sans(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = SERIF.to_vec();
    edit(&mut b);
    b
}

/// The table directory of a TrueType font: (tag, record offset in the file).
fn table_records(font: &[u8]) -> Vec<([u8; 4], usize)> {
    let n = u16::from_be_bytes([font[4], font[5]]) as usize;
    (0..n)
        .map(|i| {
            let at = 12 + 16 * i;
            (font[at..at + 4].try_into().unwrap(), at)
        })
        .collect()
}

#[test]
fn hostile_font_files_are_refused_at_their_place_in_the_campaign() {
    let restricted = noto_sans(|b| {
        let (_, rec) = table_records(b)
            .into_iter()
            .find(|(t, _)| t == b"OS/2")
            .unwrap();
        let off = u32::from_be_bytes(b[rec + 8..rec + 12].try_into().unwrap()) as usize;
        b[off + 8..off + 10].copy_from_slice(&2u16.to_be_bytes());
    });
    let mut many = b"ttcf\0\x01\0\0".to_vec();
    many.extend_from_slice(&10_000u32.to_be_bytes());
    for _ in 0..10_000u32 {
        many.extend_from_slice(&12u32.to_be_bytes());
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", SERIF[..3000].to_vec(), "damaged"),
        ("wrong magic", png(4, 4), "not a font file"),
        ("a web font", b"wOFF\0\x01\0\0rest".to_vec(), "web font"),
        ("empty", Vec::new(), "not a font file"),
        ("10,000 faces", many, "10000 faces"),
        ("no embedding", restricted, "forbid embedding"),
        (
            // Found by the font fuzz target: a glyph whose flags run past its points made the
            // glyf parser panic; the panic is caught and the font refused.
            "a glyph the parser panics on",
            include_bytes!("../fixtures/fonts/glyf-flags-overrun.ttf").to_vec(),
            "damaged",
        ),
        (
            "a table past the end",
            noto_sans(|b| {
                for (tag, rec) in table_records(b) {
                    if &tag == b"cmap" {
                        b[rec + 12..rec + 16].copy_from_slice(&0x7fff_ffffu32.to_be_bytes());
                    }
                }
            }),
            "damaged",
        ),
    ];
    for (what, bytes, says) in cases {
        let o = Test::new()
            .campaign(&campaign("fonts: [fonts/Brand.ttf]"))
            .file("fonts/Brand.ttf", &bytes)
            .args(&["build"])
            .run();
        o.code(1)
            .wrote_nothing()
            .error_at("fonts[0]", 5)
            .stderr_lacks("internal error");
        assert!(o.stderr.contains(says), "{what}: {}", o.stderr);
    }
    // Files that are not there, not fonts, or not inside the folder.
    let o = Test::new()
        .campaign(&campaign("fonts: [fonts/]"))
        .file("fonts/OFL.txt", b"licence")
        .args(&["check"])
        .run();
    o.code(1)
        .error_at("fonts[0]", 5)
        .stderr_has("holds no font file");
    let o = Test::new()
        .campaign(&campaign("fonts: [brand.txt, ../x.ttf]"))
        .file("brand.txt", b"x")
        .args(&["check"])
        .run();
    o.code(1)
        .stderr_has("is not named as a font file")
        .stderr_has("leaves the campaign's folder");
    let t = Test::new()
        .campaign(&campaign("fonts: [fonts/]"))
        .file("fonts/OFL.txt", b"licence");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("Brand.ttf"), SERIF).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("Brand.ttf"),
        t.path().join("fonts/Brand.ttf"),
    )
    .unwrap();
    t.args(&["check"])
        .run()
        .code(1)
        .error_at("fonts[0]", 5)
        .stderr_has("outside the campaign's folder");
}

#[test]
fn a_font_with_any_table_broken_is_refused_or_used_never_a_panic() {
    // Each table in turn claims to run past the end of the file, then points at the wrong
    // place: handbill either reads around it or refuses the font with its place.
    for (tag, rec) in table_records(SERIF) {
        for (field, value) in [(12, 0x7fff_ffffu32), (8, 40)] {
            let bytes = noto_sans(|b| {
                b[rec + field..rec + field + 4].copy_from_slice(&value.to_be_bytes())
            });
            let o = Test::new()
                .campaign(&campaign("fonts: [fonts/Brand.ttf]"))
                .file("fonts/Brand.ttf", &bytes)
                .args(&["build"])
                .run();
            let tag = String::from_utf8_lossy(&tag);
            assert!(
                matches!(o.code, 0 | 1),
                "{tag} ({field}): exit {}\n{}",
                o.code,
                o.stderr
            );
            if o.code == 1 {
                assert!(
                    o.stderr.contains("(at `fonts[0]`)"),
                    "{tag} ({field}):\n{}",
                    o.stderr
                );
                o.wrote_nothing().error_at("fonts[0]", 5);
            }
        }
    }
}

/// Pixels of an emoji's green (🟩 is drawn #7CB342-ish; no design colour is near it).
fn green_pixels(png: &Path) -> usize {
    let img = image::open(png).unwrap().to_rgb8();
    img.pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            g > 140 && i32::from(g) > i32::from(r) + 40 && i32::from(g) > i32::from(b) + 60
        })
        .count()
}

#[test]
fn emoji_are_drawn_in_colour_and_symbols_in_text_presentation_stay_text() {
    let yaml = campaign("").replace(
        "headline: Hope in Darkness",
        "headline: \"Read it together 🟩🟩 📖🙏\"",
    );
    let o = Test::new()
        .campaign(&yaml)
        .args(&["build", "--strict"])
        .run();
    o.code(0);
    let out = o.dir.join("out");
    let png = out.join("social/brand-instagram-square.png");
    assert!(green_pixels(&png) > 2_000, "the image has no green emoji");
    let pdf = out.join("poster/brand-letter.pdf");
    let fonts = tool("pdffonts", &[], &pdf);
    assert!(
        fonts.contains("Type 3"),
        "colour glyphs are a Type 3 font: {fonts}"
    );
    let page = o.dir.join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-singlefile"])
        .arg(&pdf)
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        green_pixels(&o.dir.join("page.png")) > 200,
        "the poster has no green emoji"
    );
    // In reading order (pdftotext spaces the colour glyphs by its own guess).
    let text = tool("pdftotext", &["-raw"], &pdf);
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.contains("Readittogether🟩🟩📖🙏"), "{text}");

    // ♥ and ✝ without the emoji selector are text: outlines in the text's colour, from the
    // symbol faces, and no colour glyph at all.
    let yaml = campaign("").replace(
        "headline: Hope in Darkness",
        "headline: \"Love ♥ and hope ✝\"",
    );
    let o = Test::new()
        .campaign(&yaml)
        .args(&["build", "--strict"])
        .run();
    o.code(0);
    let fonts = embedded(&o.dir.join("out/poster/brand-letter.pdf"));
    assert!(
        fonts.iter().any(|f| f.starts_with("NotoSansSymbols")),
        "{fonts:?}"
    );
    assert_eq!(
        green_pixels(&o.dir.join("out/social/brand-instagram-square.png")),
        0
    );
}
