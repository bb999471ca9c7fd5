//! Tests of shaping, fitting, balancing and line breaking.

use super::*;

fn style() -> TextStyle {
    TextStyle {
        font: FontRole::Text,
        weight: Weight::Regular,
        line_height: 1.2,
        lang: "en".into(),
        align: Align::Left,
        bold_until: 0,
        wrap: Wrap::Words,
    }
}

#[test]
fn fit_picks_the_largest_size_that_fits() {
    let mut e = TextEngine::new();
    let laid = e
        .fit("Hope in Darkness", &style(), 400.0, 60.0, 10.0, 200.0)
        .unwrap();
    assert!(laid.width <= 400.0 && laid.height <= 60.0);
    let bigger = e.layout("Hope in Darkness", &style(), laid.size + 0.5, 400.0);
    assert!(
        bigger.width > 400.0 || bigger.height > 60.0,
        "{} would also fit",
        laid.size + 0.5
    );
}

#[test]
fn overflow_says_how_much_fits() {
    let mut e = TextEngine::new();
    let long = "word ".repeat(200);
    let err = e
        .fit(long.trim(), &style(), 300.0, 40.0, 12.0, 20.0)
        .unwrap_err();
    assert!(
        err.fitting_chars > 0 && err.fitting_chars < err.chars,
        "{err:?}"
    );
}

#[test]
fn khmer_uses_the_khmer_font_and_covers_every_character() {
    let mut e = TextEngine::new();
    let text = "ក្តីសង្ឃឹមនៅក្នុងភាពងងឹត";
    assert!(e.uncovered(text).is_empty());
    let laid = e.layout(
        text,
        &TextStyle {
            lang: "km".into(),
            ..style()
        },
        40.0,
        2000.0,
    );
    assert!(laid.runs.iter().all(|r| r.font.family == KHMER));
    assert!(laid.runs.iter().flat_map(|r| &r.glyphs).all(|g| g.id != 0));
    // Every byte of the text is carried by some glyph.
    let mut covered = vec![false; text.len()];
    for g in laid.runs.iter().flat_map(|r| &r.glyphs) {
        for b in g.start..g.end {
            covered[b as usize] = true;
        }
    }
    assert!(covered.iter().all(|c| *c));
}

#[test]
fn every_bundled_script_is_set_in_its_own_font_with_no_missing_glyph() {
    let samples = [
        ("km", "ក្តីសង្ឃឹម", "Noto Sans Khmer"),
        ("th", "มนุษย์ทั้งหลาย", "Noto Sans Thai"),
        ("lo", "ມະນຸດທຸກຄົນ", "Noto Sans Lao"),
        ("my", "လူတိုင်းသည်", "Noto Sans Myanmar"),
        ("hi", "प्रत्येक व्यक्ति", "Noto Sans Devanagari"),
        // Marathi, Urdu and Persian: languages fontique keeps apart from their script's
        // default.
        ("mr", "सर्व मानवी व्यक्ति", "Noto Sans Devanagari"),
        ("ur", "تمام انسان آزاد", "Noto Sans Arabic"),
        ("fa", "تمام افراد بشر", "Noto Sans Arabic"),
        ("bn", "সমস্ত মানুষ", "Noto Sans Bengali"),
        ("ta", "மனிதப் பிறவியினர்", "Noto Sans Tamil"),
        ("te", "ప్రతిపత్తిస్వత్వముల", "Noto Sans Telugu"),
        ("ar", "يولد جميع الناس", "Noto Sans Arabic"),
        ("he", "כל בני אדם", "Noto Sans Hebrew"),
        ("am", "የሰው ልጆች ሁሉ", "Noto Sans Ethiopic"),
    ];
    let mut e = TextEngine::new();
    for (lang, text, family) in samples {
        assert!(e.uncovered(text).is_empty(), "{lang}");
        let style = TextStyle {
            lang: lang.into(),
            ..style()
        };
        let laid = e.layout(text, &style, 40.0, 2000.0);
        // Runs of spaces only may stay in Noto Sans.
        let families: Vec<&str> = laid
            .runs
            .iter()
            .filter(|r| {
                r.glyphs
                    .iter()
                    .any(|g| !text[g.start as usize..g.end as usize].trim().is_empty())
            })
            .map(|r| r.font.family.as_str())
            .collect();
        assert!(
            families.iter().all(|f| *f == family),
            "{lang}: {families:?}"
        );
        assert!(
            laid.runs.iter().flat_map(|r| &r.glyphs).all(|g| g.id != 0),
            "{lang}: a missing glyph"
        );
    }
}

#[test]
fn uncovered_characters_are_found() {
    let e = TextEngine::new();
    assert_eq!(
        e.uncovered("Hope 希望 😀 ♥ ok \u{10FFFD}"),
        vec!['希', '望', '\u{10FFFD}']
    );
}

/// HarfBuzz's shaping of words in each script with a bundled face of its own, as `hb-shape`
/// gave it (tests/fixtures: Khmer, and `scripts/hb-shape-fixtures` for the rest).
const HB_SHAPE: &[(&str, &str)] = &[
    (
        "km",
        include_str!("../../../tests/fixtures/khmer-hb-shape.txt"),
    ),
    (
        "th",
        include_str!("../../../tests/fixtures/hb-shape/th.txt"),
    ),
    (
        "lo",
        include_str!("../../../tests/fixtures/hb-shape/lo.txt"),
    ),
    (
        "my",
        include_str!("../../../tests/fixtures/hb-shape/my.txt"),
    ),
    (
        "hi",
        include_str!("../../../tests/fixtures/hb-shape/hi.txt"),
    ),
    (
        "mr",
        include_str!("../../../tests/fixtures/hb-shape/mr.txt"),
    ),
    (
        "bn",
        include_str!("../../../tests/fixtures/hb-shape/bn.txt"),
    ),
    (
        "ta",
        include_str!("../../../tests/fixtures/hb-shape/ta.txt"),
    ),
    (
        "te",
        include_str!("../../../tests/fixtures/hb-shape/te.txt"),
    ),
    (
        "ar",
        include_str!("../../../tests/fixtures/hb-shape/ar.txt"),
    ),
    (
        "ur",
        include_str!("../../../tests/fixtures/hb-shape/ur.txt"),
    ),
    (
        "fa",
        include_str!("../../../tests/fixtures/hb-shape/fa.txt"),
    ),
    (
        "he",
        include_str!("../../../tests/fixtures/hb-shape/he.txt"),
    ),
    (
        "am",
        include_str!("../../../tests/fixtures/hb-shape/am.txt"),
    ),
];

/// parley's shaping equals HarfBuzz's — glyphs, advances and mark offsets, in visual order —
/// for Khmer, Thai, Lao, Myanmar, the Indic scripts (conjuncts, reordering), Arabic, Urdu and
/// Persian (joining, ligatures, marks, right to left), Hebrew and Ethiopic.
#[test]
fn shaping_matches_harfbuzz() {
    let mut e = TextEngine::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (lang, fixture) in HB_SHAPE {
        for line in fixture.lines().filter(|l| !l.starts_with('#')) {
            let (text, hb) = line.split_once('\t').unwrap();
            let want: Vec<(u32, i32, i32, i32)> = hb
                .trim_matches(['[', ']'])
                .split('|')
                .map(|g| {
                    let (gid, rest) = g.split_once('=').unwrap();
                    let (pos, adv) = rest.split_once('+').unwrap();
                    let (dx, dy) = pos
                        .split_once('@')
                        .map(|(_, o)| o.split_once(',').unwrap())
                        .unwrap_or(("0", "0"));
                    (
                        gid.parse().unwrap(),
                        dx.parse().unwrap(),
                        dy.parse().unwrap(),
                        adv.parse().unwrap(),
                    )
                })
                .collect();
            let laid = e.layout(
                text,
                &TextStyle {
                    lang: lang.to_string(),
                    ..style()
                },
                1000.0,
                1e6,
            );
            let got: Vec<(u32, i32, i32, i32)> = laid
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .map(|g| {
                    (
                        g.id,
                        g.dx.round() as i32,
                        -(g.dy.round() as i32),
                        g.advance.round() as i32,
                    )
                })
                .collect();
            if got != want {
                failures.push(format!(
                    "{lang} {text}:\n  parley   {got:?}\n  harfbuzz {want:?}"
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, 3 + 13 * 4);
}

#[test]
fn right_to_left_by_language_but_a_latin_hashtag_keeps_its_hash_first() {
    let mut e = TextEngine::new();
    let arabic = TextStyle {
        lang: "ar".into(),
        align: Align::Right,
        ..style()
    };
    // The first letter of the Arabic is drawn rightmost, and the line sits at the right.
    let text = "الأمل في الظلام";
    let laid = e.layout(text, &arabic, 40.0, 2000.0);
    let glyphs: Vec<&Glyph> = laid.runs.iter().flat_map(|r| &r.glyphs).collect();
    let first = glyphs
        .iter()
        .find(|g| g.start == 0)
        .expect("a glyph for the first letter");
    assert!(
        glyphs.iter().all(|g| g.x <= first.x + 0.01),
        "the first letter is not rightmost"
    );
    assert!(glyphs.iter().map(|g| g.x + g.advance).fold(0.0, f32::max) > 1990.0);
    // A Latin hashtag in the same campaign: `#` is still first, on the left.
    let tag = "#mobilizeforjustice";
    let laid = e.layout(tag, &arabic, 40.0, 2000.0);
    let glyphs: Vec<&Glyph> = laid.runs.iter().flat_map(|r| &r.glyphs).collect();
    let hash = glyphs
        .iter()
        .find(|g| g.start == 0)
        .expect("a glyph for `#`");
    assert!(
        glyphs.iter().all(|g| g.x >= hash.x - 0.01),
        "`#` is not leftmost"
    );
    assert!(right_to_left("ar") && right_to_left("fa-IR") && right_to_left("he"));
    assert!(right_to_left("az-Arab") && !right_to_left("az-Latn") && !right_to_left("en"));
}

/// A variable font is set and drawn at the weight asked for: parley picks the instance, and
/// the run carries its coordinates to both renderers.
#[test]
fn a_variable_font_is_drawn_at_the_weight_asked_for() {
    let bytes = include_bytes!("../../../tests/fixtures/fonts/Inter-roman-subset.var.ttf");
    let faces = crate::fonts::parse_font_file(bytes.to_vec(), "Inter.ttf").unwrap();
    let typeface = crate::fonts::Typeface {
        display: Some("Inter".into()),
        text: Some("Inter".into()),
    };
    let mut e = TextEngine::with_fonts(FontSet::new(&faces, &[], typeface));
    let set = |weight| {
        let style = TextStyle { weight, ..style() };
        move |e: &mut TextEngine| e.layout("Hope", &style, 40.0, 2000.0)
    };
    let regular = set(Weight::Regular)(&mut e);
    let bold = set(Weight::Bold)(&mut e);
    assert_eq!(regular.runs[0].font.family, "Inter");
    assert!(
        bold.runs[0].variations.contains(&(*b"wght", 700.0)),
        "{:?}",
        bold.runs[0].variations
    );
    assert!(regular.runs[0].variations.iter().all(|(_, v)| *v == 400.0));
    assert_ne!(regular.runs[0].coords, bold.runs[0].coords);
    // Bold is wider, and its outlines differ.
    assert!(bold.width > regular.width + 1.0);
}
