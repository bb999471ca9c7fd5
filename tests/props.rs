//! Random campaigns through the whole pipeline: validate → layout → render.
//!
//! Whatever the text (Latin, Khmer, emoji, combining marks, invisible and bidi controls, CJK
//! that no bundled font covers, very long words, empty fields), the links and the sizes:
//! - nothing panics;
//! - a refused campaign or product comes with at least one located error;
//! - every text drawn lies inside its design box (or the product is refused as overflowing);
//! - every QR code decodes, from the rendered pixels, to the link the scene says it carries.
//!
//! `PROPTEST_CASES=500 cargo test --test props` runs more cases.
//!
//! `long_copy` (in `props/`) holds every campaign at the documented copy limits to the same
//! checks on every format, paper, orientation and design (a sample of the posters unless
//! `LONG_COPY=all`).

use std::path::Path;

use handbill::design as designs;
use handbill::kit;
use handbill::model::Campaign;
use proptest::prelude::*;

#[path = "props/checks.rs"]
mod checks;
#[path = "props/copy.rs"]
mod copy;
#[path = "props/long_copy.rs"]
mod long_copy;

use checks::{decode_qr, texts_inside_boxes};

/// Words that a real campaign might hold: Latin, Khmer, accents, emoji, long words.
fn clean_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[A-Za-z]{1,12}",
        2 => "[0-9]{1,6}",
        2 => "[,.!?'’—-]{1,2}",
        3 => "[\u{1780}-\u{17B3}][\u{17B6}-\u{17C5}]?[\u{1780}-\u{17A2}]?",
        1 => "[àéîõüçñßøåæ]{1,4}",
    ]
}

/// What copied text brings along: combining marks, characters no font has, invisible and
/// bidi controls, terminal escapes, line breaks.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{0300}-\u{036F}]",
        "[\u{4E00}-\u{4E20}]{1,3}",
        "[\u{1F300}-\u{1F64F}]",
        "[A-Za-z]{30,90}",
        "[\u{200B}\u{200D}\u{FEFF}]",
        "[\u{202A}-\u{202E}\u{2066}-\u{2069}]",
        "[\u{0001}-\u{0008}\u{001B}]",
        Just("\n".to_string()),
        Just(String::new()),
    ]
}

fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    let clean =
        prop::collection::vec(clean_piece(), 1..max_pieces.max(2)).prop_map(|v| v.join(" "));
    let mixed = prop::collection::vec(
        prop_oneof![3 => clean_piece(), 1 => hostile_piece()],
        0..max_pieces.max(2),
    )
    .prop_map(|v| v.join(" "));
    prop_oneof![12 => clean, 1 => mixed]
}

#[derive(Debug, Clone)]
struct Input {
    title: String,
    headline: String,
    body: Option<String>,
    cta: Option<String>,
    hashtag: String,
    url: String,
    format: &'static str,
    design: &'static str,
    size: &'static str,
    finish: &'static str,
    groups: Vec<(String, String)>,
}

fn input() -> impl Strategy<Value = Input> {
    let url = prop_oneof![
        4 => "[a-z]{1,10}(/[a-z0-9-]{1,12}){0,3}"
            .prop_map(|p| format!("https://example.org/{p}")),
        1 => "[a-z0-9]{1,8}\\?[a-z]{1,5}=[a-z0-9]{0,6}(#[a-z]{1,6})?"
            .prop_map(|p| format!("https://example.org/{p}")),
        1 => prop::sample::select(vec![
            "javascript:alert(1)",
            "ftp://example.org/f",
            "https://user:pw@example.org/",
            "https://xn--80ak6aa92e.com/",
            "https://exаmple.org/",
            "https://example.org/a b",
            "https://example.org/?utm_source=x#top",
        ])
        .prop_map(str::to_string),
        1 => "[a-z]{200,400}".prop_map(|p| format!("https://example.org/{p}")),
    ];
    let hashtag = prop_oneof![
        9 => "#[a-z][a-z0-9]{0,20}",
        1 => text(3),
    ];
    let format = prop::sample::select(vec![
        "instagram-square",
        "instagram-portrait",
        "instagram-story",
        "facebook",
        "x",
        "linkedin",
        "pinterest",
        "og",
    ]);
    let groups = prop::collection::vec((text(4), text(4)), 0..3);
    (
        (
            text(6),
            text(8),
            prop::option::of(text(40)),
            prop::option::of(text(6)),
        ),
        (hashtag, url, format),
        (
            prop::sample::select(vec!["justice", "minimal"]),
            prop_oneof![
                8 => prop::sample::select(vec![
                    "letter",
                    "a4",
                    "a3",
                    "legal",
                    "tabloid",
                    "18x24in",
                    "{width: 11in, height: 8.5in}",
                ]),
                1 => prop::sample::select(vec![
                    "a2",
                    "{width: 5in, height: 7in}",
                    "{width: 2in, height: 2in}",
                    "{width: 200in, height: 20in}",
                    "{width: 201in, height: 20in}",
                ]),
            ],
            prop::sample::select(vec!["office", "print-shop"]),
            groups,
        ),
    )
        .prop_map(
            |(
                (title, headline, body, cta),
                (hashtag, url, format),
                (design, size, finish, groups),
            )| {
                Input {
                    title,
                    headline,
                    body,
                    cta,
                    hashtag,
                    url,
                    format,
                    design,
                    size,
                    finish,
                    groups,
                }
            },
        )
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn yaml(i: &Input) -> String {
    let mut y = format!(
        "campaign: prop-test\ntitle: {}\nhashtag: {}\ndesign: {}\nlinks:\n  chapter:\n    url: {}\n    label: Read\ntext:\n  headline: {}\n",
        q(&i.title),
        q(&i.hashtag),
        i.design,
        q(&i.url),
        q(&i.headline)
    );
    if let Some(b) = &i.body {
        y += &format!("  body: {}\n", q(b));
    }
    if let Some(c) = &i.cta {
        y += &format!("  call-to-action: {}\n", q(c));
    }
    y += &format!("social:\n  formats: [{}]\n", i.format);
    y += &format!("poster:\n  size: {}\n  finish: {}\n", i.size, i.finish);
    if !i.groups.is_empty() {
        y += "  groups:\n";
        for (name, when) in &i.groups {
            y += &format!("    - name: {}\n      when: {}\n", q(name), q(when));
        }
    }
    y
}

fn refused_with_errors(
    what: &str,
    diags: &[handbill::diag::Diagnostic],
) -> Result<(), TestCaseError> {
    if std::env::var_os("PROPS_VERBOSE").is_some() {
        eprintln!(
            "{what}: {:?}",
            diags
                .iter()
                .find(|d| d.is_error())
                .map(|d| (&d.path, &d.message))
        );
    }
    prop_assert!(
        diags
            .iter()
            .any(|d| d.is_error() && (!d.path.is_empty() || d.line.is_some())),
        "{what} refused without a located error: {diags:?}"
    );
    Ok(())
}

/// How far the random campaigns got (counted over every case, shrinking included).
#[derive(Debug, Default)]
struct Seen {
    campaigns_refused: usize,
    social_refused: usize,
    social_drawn: usize,
    posters_refused: usize,
    posters_written: usize,
}

fn check(i: &Input, dir: &Path, seen: &mut Seen) -> Result<(), TestCaseError> {
    let text = yaml(i);
    let session = handbill::Session::new();
    let loaded = session.validate_text(&text, &dir.join("campaign.yaml"), dir, "campaign.yaml");
    let Some(c): Option<Campaign> = loaded.campaign else {
        seen.campaigns_refused += 1;
        return refused_with_errors("the campaign", &loaded.diagnostics);
    };
    let design = designs::bundled(i.design).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;

    // One social image, drawn, encoded, decoded again.
    let f = c.social.formats[0];
    match kit::social_scene(&session, &c, &design, &f) {
        Err(diags) => {
            seen.social_refused += 1;
            refused_with_errors("the social image", &diags)?
        }
        Ok(scene) => {
            let canvas = kit::canvas_for(&design, &f).unwrap();
            texts_inside_boxes(&scene, &canvas).map_err(TestCaseError::fail)?;
            match kit::social_image(&session, &c, &design, &f) {
                Err(diags) => {
                    seen.social_refused += 1;
                    refused_with_errors("the social image", &diags)?
                }
                Ok(arts) => {
                    seen.social_drawn += 1;
                    let png = arts
                        .iter()
                        .find(|a| a.kind == handbill::kit::ProductKind::SocialImage)
                        .unwrap();
                    let img = image::load_from_memory(&png.bytes).unwrap().to_rgba8();
                    prop_assert_eq!((img.width(), img.height()), (f.width, f.height));
                    let want = scene.qr_codes().next().unwrap().payload.clone();
                    prop_assert_eq!(decode_qr(&img), vec![want]);
                }
            }
        }
    }

    // The first poster: laid out inside its boxes, then written as a PDF with its QR proven.
    let group = c.poster.groups.first();
    match kit::poster_scene(&session, &c, &design, group) {
        Err(diags) => {
            seen.posters_refused += 1;
            refused_with_errors("the poster", &diags)?
        }
        Ok(scene) => {
            let canvas = handbill::layout::poster::canvas(&design, &c, group).unwrap();
            texts_inside_boxes(&scene, &canvas).map_err(TestCaseError::fail)?;
            let groups = kit::poster_groups(&c);
            match kit::poster_pdf(&session, &c, &design, &groups[..1], None) {
                Err(diags) => {
                    seen.posters_refused += 1;
                    refused_with_errors("the poster", &diags)?
                }
                Ok(arts) => {
                    seen.posters_written += 1;
                    let pdf = arts
                        .iter()
                        .find(|a| a.kind == handbill::kit::ProductKind::Poster)
                        .unwrap();
                    prop_assert!(pdf.bytes.starts_with(b"%PDF-"));
                    prop_assert!(pdf.qr.is_some(), "the poster's QR code was not proven");
                }
            }
        }
    }
    Ok(())
}

#[test]
fn random_campaigns_never_break_the_pipeline() {
    let cases: u32 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let seen = std::cell::RefCell::new(Seen::default());
    let result = runner.run(&input(), |i| check(&i, dir.path(), &mut seen.borrow_mut()));
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen = seen.into_inner();
    eprintln!("{seen:?}");
    // The invariants were checked on real drawings, not only on refusals.
    assert!(seen.social_drawn * 3 >= cases as usize, "{seen:?}");
    assert!(seen.posters_written * 3 >= cases as usize, "{seen:?}");
    assert!(seen.campaigns_refused > 0, "{seen:?}");
}
