//! Social images as a user gets them: every platform size, exact pixels, under budget, alt
//! text beside each, the hashtag on each, and a QR code that scans to the tagged link.

use std::path::Path;

use crate::util::{EXAMPLE_DIR, Test, VALID, zbarimg};

const SIZES: &[(&str, u32, u32, &str)] = &[
    ("instagram-square", 1080, 1080, "instagram"),
    ("instagram-portrait", 1080, 1350, "instagram"),
    ("instagram-story", 1080, 1920, "instagram"),
    ("facebook", 1200, 630, "facebook"),
    ("x", 1200, 675, "x"),
    ("linkedin", 1200, 627, "linkedin"),
    ("pinterest", 1000, 1500, "pinterest"),
    ("og", 1200, 630, "og"),
];

fn tagged(channel: &str) -> String {
    format!(
        "https://example.org/god-of-justice/first-chapter?utm_source=handbill&utm_medium={channel}&utm_campaign=god-of-justice"
    )
}

#[test]
fn every_preset_is_exact_under_budget_with_alt_text_and_a_scannable_tagged_qr() {
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "social"])
        .run();
    o.code(0);
    let social = o.dir.join("out/social");
    for (name, w, h, channel) in SIZES {
        let png = social.join(format!("god-of-justice-{name}.png"));
        let bytes = std::fs::read(&png).unwrap_or_else(|_| panic!("{name} missing"));
        assert!(bytes.len() < 1_000_000, "{name} is {} bytes", bytes.len());
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (*w, *h), "{name}");
        let alt =
            std::fs::read_to_string(social.join(format!("god-of-justice-{name}.alt.txt"))).unwrap();
        assert!(
            alt.contains("#mobilizeforjustice")
                && alt.contains("Hope in Darkness")
                && alt.chars().count() <= 1001,
            "{alt}"
        );
        assert_eq!(zbarimg(&png), vec![tagged(channel)], "{name}");
    }
    // --only social writes no QR files.
    assert!(!o.dir.join("out/qr").exists());
    let caption = std::fs::read_to_string(o.dir.join("out/caption.txt")).unwrap();
    assert!(
        caption.contains("#mobilizeforjustice") && caption.contains("utm_medium=social"),
        "{caption}"
    );
}

#[test]
fn qr_files_scan_for_every_channel() {
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "qr"])
        .run();
    o.code(0);
    for channel in [
        "print",
        "instagram",
        "facebook",
        "x",
        "linkedin",
        "pinterest",
        "og",
    ] {
        let png = o
            .dir
            .join(format!("out/qr/god-of-justice-chapter-{channel}.png"));
        assert_eq!(zbarimg(&png), vec![tagged(channel)], "{channel}");
        let svg = std::fs::read_to_string(
            o.dir
                .join(format!("out/qr/god-of-justice-chapter-{channel}.svg")),
        )
        .unwrap();
        assert!(
            svg.starts_with("<svg") && svg.matches("<path").count() == 1,
            "one path"
        );
    }
    assert!(!o.dir.join("out/social").exists());
}

#[test]
fn builds_are_byte_identical_whatever_the_jobs() {
    // The whole kit: posters, images, QR files, caption, review page and manifest.
    let run = |jobs: &str| {
        let o = Test::example()
            .args(&["build", "campaign.yaml", "--jobs", jobs])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .run();
        o.code(0);
        crate::util::snapshot(&o.dir.join("out"))
    };
    let (sa, sb) = (run("1"), run("2"));
    assert!(
        sa.len() > 30 && sa.keys().any(|p| p.ends_with("manifest.json")),
        "{}",
        sa.len()
    );
    assert_eq!(sa, sb);
}

#[test]
fn a_character_no_font_has_is_an_error_naming_the_field() {
    Test::new()
        .campaign(&VALID.replace("headline: Hope in Darkness", "headline: Hope 希望"))
        .args(&["build"])
        .run()
        .code(1)
        .error_at("text.headline", 9)
        .stderr_has("U+5E0C")
        .stderr_has("nothing was written")
        .wrote_nothing();
}

/// The bundled justice design with one box of one family changed (`from` → `to` in its line).
fn justice_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("designs/justice/design.yaml"),
    )
    .unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn copy_too_long_for_a_box_is_an_error_naming_box_format_and_what_fits() {
    // A design whose square headline box is a sliver: the headline (never left out) cannot fit,
    // even set at the size of running text (its last resort).
    let design = justice_with(
        "{slot: headline, x: 0, y: 0.34, w: 1, h: 0.18,",
        "{slot: headline, x: 0, y: 0.34, w: 1, h: 0.015,",
    );
    let o = Test::new()
        .campaign(&format!(
            "{VALID}design: ./d\nsocial:\n  formats: [instagram-square]\n"
        ))
        .file("d/design.yaml", design.as_bytes())
        .args(&["check"])
        .run();
    o.code(1)
        .error_at("text.headline", 9)
        .stderr_has("the headline box on the instagram-square image is too small")
        .stderr_has("smallest legible size (24 px)")
        .stderr_lacks("shorten it by 0");
    // A box that holds one line: how much of longer copy fits, never "0 characters".
    let design = justice_with(
        "{slot: headline, x: 0, y: 0.34, w: 1, h: 0.18,",
        "{slot: headline, x: 0, y: 0.34, w: 0.5, h: 0.03,",
    );
    let long = "Ten years after Svay Pak exploitation fell by seventy three percent";
    let o = Test::new()
        .campaign(&format!(
            "{}design: ./d\nsocial:\n  formats: [instagram-square]\n",
            VALID.replace("headline: Hope in Darkness", &format!("headline: {long}"))
        ))
        .file("d/design.yaml", design.as_bytes())
        .args(&["check"])
        .run();
    o.code(1)
        .error_at("text.headline", 9)
        .stderr_has("the headline does not fit its box on the instagram-square image")
        .stderr_has(&format!("of its {} characters fit", long.chars().count()))
        .stderr_has("its limit is 100 characters")
        .stderr_lacks("about 0 ");
}

#[test]
fn a_headline_with_no_room_at_a_headline_size_is_set_as_text_with_a_warning() {
    // One line of the square's width, at most 28 px tall: too small for a headline's 43 px,
    // enough for the 24 px of running text.
    let design = justice_with(
        "{slot: headline, x: 0, y: 0.34, w: 1, h: 0.18,",
        "{slot: headline, x: 0, y: 0.34, w: 1, h: 0.03,",
    );
    let t = || {
        Test::new()
            .campaign(&format!(
                "{VALID}design: ./d\nsocial:\n  formats: [instagram-square]\n"
            ))
            .file("d/design.yaml", design.as_bytes())
    };
    t().args(&["build"])
        .run()
        .code(0)
        .stderr_has("the headline is set smaller than a headline on the instagram-square image")
        .stderr_has("(at `text.headline`)");
    t().args(&["check", "--strict"]).run().code(3);
}

#[test]
fn a_hashtag_shrinks_on_one_line_and_is_named_when_no_size_will_do() {
    let campaign = VALID.replace(
        "hashtag: \"#mobilizeforjustice\"",
        "hashtag: \"#HarvestTableVolunteersTogether\"",
    );
    // Bundled design: the 31-character hashtag fits every format, on one line.
    let session = handbill::Session::new();
    let t = Test::new().campaign(&campaign);
    let loaded = session.load_campaign(&t.path().join("campaign.yaml"), "campaign.yaml");
    let c = loaded.campaign.expect("valid");
    let design = handbill::design::bundled("justice").unwrap();
    for f in handbill::model::social::ALL {
        let scene = handbill::kit::social_scene(&session, &c, &design, f).unwrap();
        let tag = scene
            .texts()
            .find(|t| t.slot == "hashtag")
            .unwrap_or_else(|| panic!("{}: no hashtag", f.name));
        let ys: std::collections::BTreeSet<i64> = tag
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.y.round() as i64))
            .collect();
        assert_eq!(ys.len(), 1, "{}: the hashtag breaks into lines", f.name);
    }
    // A design whose hashtag box is too narrow for it: the hashtag is named.
    let design = justice_with(
        "{slot: hashtag, x: 0, y: 0.895, w: 1,",
        "{slot: hashtag, x: 0, y: 0.895, w: 0.2,",
    );
    t.file("d/design.yaml", design.as_bytes())
        .campaign(&format!(
            "{campaign}design: ./d\nsocial:\n  formats: [instagram-square]\n"
        ))
        .args(&["check"])
        .run()
        .code(1)
        .error_at("hashtag", 3)
        .stderr_has("`#HarvestTableVolunteersTogether` is wider than the hashtag box on the instagram-square image");
}

#[test]
fn an_optional_slot_gives_way_with_a_warning_naming_slot_and_format() {
    // The square's body box made tiny: the body gives way; the rest is drawn.
    let design = justice_with(
        "{slot: body, x: 0, y: 0.54, w: 0.6, h: 0.32,",
        "{slot: body, x: 0, y: 0.54, w: 0.2, h: 0.02,",
    )
    .replacen(", flow: left}", "}", 1);
    let body = "Ten years after Svay Pak, child exploitation in Cambodia fell by 73 percent.";
    let o = Test::new()
        .campaign(&format!(
            "{VALID}  body: {body}\ndesign: ./d\nsocial:\n  formats: [instagram-square, facebook]\n"
        ))
        .file("d/design.yaml", design.as_bytes())
        .args(&["build", "--json"])
        .run();
    o.code(0)
        .stderr_lacks("the body is left out of the facebook image");
    let doc = o.json();
    let warnings: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} @ {}", d["message"], d["path"]))
        .collect();
    assert!(
        warnings.iter().any(
            |w| w.contains("the body is left out of the instagram-square image")
                && w.contains("text.body")
        ),
        "{warnings:?}"
    );
    // The manifest carries it too, and the image's alt text does not claim the body.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(o.dir.join("out/manifest.json")).unwrap()).unwrap();
    assert!(
        m["warnings"]
            .to_string()
            .contains("left out of the instagram-square image")
    );
    let alt = std::fs::read_to_string(
        o.dir
            .join("out/social/test-campaign-instagram-square.alt.txt"),
    )
    .unwrap();
    assert!(!alt.contains("Svay Pak"), "{alt}");
}

#[test]
fn a_body_of_many_short_lines_gives_way_with_help_about_its_lines() {
    // 40 one-word lines (200 characters, within the limit): no format has room for 40 lines.
    let body: Vec<&str> = std::iter::repeat_n("Line", 40).collect();
    let yaml = format!(
        "{VALID}  body: \"{}\"\nsocial:\n  formats: [instagram-square]\n",
        body.join("\\n")
    );
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("the body is left out of the instagram-square image")
        .stderr_has("its 40 lines each start a new line: join some of them");
}

#[test]
fn budgets_are_kept_or_refused() {
    let tiny = format!("{VALID}social:\n  formats: [x]\n  max-bytes: 10000\n");
    Test::new()
        .campaign(&tiny)
        .args(&["build", "--only", "social"])
        .run()
        .code(1)
        .stderr_has("over the budget")
        .wrote_nothing();
    let jpeg = format!(
        "{VALID}social:\n  formats: [x, instagram-story]\n  image-format: jpeg\n  max-bytes: 150000\n"
    );
    let o = Test::new()
        .campaign(&jpeg)
        .args(&["build", "--only", "social"])
        .run();
    o.code(0);
    for name in ["x", "instagram-story"] {
        let f = o.dir.join(format!("out/social/test-campaign-{name}.jpg"));
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            bytes.len() <= 150_000 && bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            "{} bytes",
            bytes.len()
        );
        assert_eq!(zbarimg(&f).len(), 1, "{name}: QR must survive JPEG");
    }
    let webp = format!("{VALID}social:\n  formats: [facebook]\n  image-format: webp\n");
    let o = Test::new()
        .campaign(&webp)
        .args(&["build", "--only", "social"])
        .run();
    o.code(0);
    let img = image::open(o.dir.join("out/social/test-campaign-facebook.webp")).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 630));
}

#[test]
fn khmer_example_builds_with_khmer_glyphs() {
    let dir = Path::new(EXAMPLE_DIR)
        .parent()
        .unwrap()
        .join("khmer/campaign.yaml");
    let loaded = handbill::Session::new().load_campaign(&dir, "khmer/campaign.yaml");
    let c = loaded
        .campaign
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let design = handbill::design::bundled("justice").unwrap();
    let session = handbill::Session::new();
    for f in &c.social.formats {
        let scene = handbill::kit::social_scene(&session, &c, &design, f).unwrap();
        let headline = scene.texts().find(|t| t.source == "text.headline").unwrap();
        assert!(
            headline
                .runs
                .iter()
                .all(|r| r.font.family == handbill::assets::KHMER)
        );
        assert!(
            headline
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .all(|g| g.id != 0),
            "no empty boxes"
        );
    }
}

#[test]
fn text_stays_in_the_safe_area_and_the_hashtag_is_on_every_image() {
    let loaded = handbill::Session::new().load_campaign(
        &Path::new(EXAMPLE_DIR).join("campaign.yaml"),
        "campaign.yaml",
    );
    let c = loaded.campaign.unwrap();
    let session = handbill::Session::new();
    for design_name in ["justice", "minimal"] {
        let design = handbill::design::bundled(design_name).unwrap();
        for f in handbill::model::social::ALL {
            let canvas = handbill::kit::canvas_for(&design, f).unwrap();
            let scene = handbill::kit::social_scene(&session, &c, &design, f).unwrap();
            let hashtag = scene
                .texts()
                .find(|t| t.source == "hashtag")
                .unwrap_or_else(|| panic!("{design_name}/{}", f.name));
            assert_eq!(hashtag.text, "#mobilizeforjustice");
            for t in scene.texts() {
                assert!(
                    canvas.safe.contains(&t.bounds),
                    "{design_name}/{}: {} at {:?} outside {:?}",
                    f.name,
                    t.source,
                    t.bounds,
                    canvas.safe
                );
            }
            if f.name == "instagram-story" {
                assert!(
                    scene
                        .texts()
                        .all(|t| t.bounds.y >= 250.0 && t.bounds.bottom() <= 1920.0 - 340.0)
                );
            }
            // Headline at least 5 % and body at least 2.5 % of the image height.
            let size = |src: &str| {
                scene
                    .texts()
                    .find(|t| t.source == src)
                    .map(|t| t.size)
                    .unwrap()
            };
            assert!(
                size("text.headline") >= 0.05 * f.height as f32 - 0.01,
                "{design_name}/{}",
                f.name
            );
            assert!(
                size("text.body") >= 0.025 * f.height as f32 - 0.01,
                "{design_name}/{}",
                f.name
            );
            assert_eq!(scene.qr_codes().count(), 1);
        }
    }
}

#[test]
fn a_logo_in_the_qr_code_still_scans() {
    let yaml = VALID.replace("campaign: test-campaign", "campaign: logo-test")
        + "images:\n  logo: logo.png\nqr:\n  logo: true\nsocial:\n  formats: [instagram-square, x]\n";
    let logo = std::fs::read(Path::new(EXAMPLE_DIR).join("images/logo.png")).unwrap();
    let o = Test::new()
        .campaign(&yaml)
        .file("logo.png", &logo)
        .args(&["build", "--only", "social,qr", "--json"])
        .run();
    o.code(0);
    let j = o.json();
    let files = j["files"].as_array().unwrap();
    let image = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("logo-test-x.png"))
        .unwrap();
    assert_eq!(image["qr"]["error-correction"], "high");
    for name in ["instagram-square", "x"] {
        let png = o.dir.join(format!("out/social/logo-test-{name}.png"));
        assert_eq!(
            zbarimg(&png),
            vec!["https://example.org/first-chapter".to_string()],
            "{name}"
        );
    }
}
