//! The study-group poster as a print shop and a study leader get it: boxes in points, fonts
//! embedded and subset, real text, and a QR code that scans from the printed page.

use std::path::Path;
use std::process::Command;

use crate::util::{EXAMPLE_DIR, Test, VALID, png, tool};

/// (x0, y0, x1, y1) of a box in `pdfinfo -box` output.
fn pdf_box(info: &str, name: &str) -> [f64; 4] {
    let line = info
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in\n{info}"));
    let v: Vec<f64> = line[name.len() + 1..]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    [v[0], v[1], v[2], v[3]]
}

fn size(b: [f64; 4]) -> (f64, f64) {
    (b[2] - b[0], b[3] - b[1])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.02
}

fn scan_page(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let ok = Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(ok.success());
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(e.path())
            .output()
            .unwrap();
        found.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string),
        );
    }
    found
}

const PRINT_URL: &str = "https://example.org/god-of-justice/first-chapter?utm_source=handbill&utm_medium=print&utm_campaign=god-of-justice";

#[test]
fn example_makes_one_print_shop_poster_per_group() {
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "poster"])
        .run();
    o.code(0);
    let dir = o.dir.join("out/poster");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "god-of-justice-saturday-morning-women-s-group-letter.pdf",
            "god-of-justice-tuesday-night-study-letter.pdf"
        ]
    );
    let pdf = dir.join("god-of-justice-tuesday-night-study-letter.pdf");
    let info = tool("pdfinfo", &["-box"], &pdf);
    let trim = pdf_box(&info, "TrimBox:");
    let bleed = pdf_box(&info, "BleedBox:");
    let media = pdf_box(&info, "MediaBox:");
    assert!(
        close(size(trim).0, 612.0) && close(size(trim).1, 792.0),
        "{info}"
    );
    let b = 3.0 * 72.0 / 25.4;
    for i in 0..2 {
        assert!(
            close(trim[i] - bleed[i], b) && close(bleed[i + 2] - trim[i + 2], b),
            "{info}"
        );
        assert!(
            bleed[i] - media[i] > 8.0 && media[i + 2] - bleed[i + 2] > 8.0,
            "room for trim marks: {info}"
        );
    }
    assert!(
        info.contains("Title:           God of Justice — Tuesday Night Study"),
        "{info}"
    );
    assert!(info.contains("Author:"), "{info}");
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {r}"
        );
        assert!(cols[0].contains('+'), "subset tag: {r}");
    }
    let text = tool("pdftotext", &[], &pdf).replace('\n', " ");
    for want in [
        "Hope in Darkness",
        "Tuesday Night Study",
        "#mobilizeforjustice",
        "Order the book — or a box",
        "Scan to read the first chapter",
    ] {
        assert!(text.contains(want), "{want} not in: {text}");
    }
    assert_eq!(scan_page(&pdf), vec![PRINT_URL.to_string()]);
    // The photo is embedded as it is: its JPEG bytes are in the file.
    let jpeg = std::fs::read(Path::new(EXAMPLE_DIR).join("images/cambodia.jpg")).unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(jpeg.len()).any(|w| w == jpeg.as_slice()),
        "JPEG was re-encoded"
    );
}

#[test]
fn a4_print_shop_and_office_letter_boxes() {
    let a4 = Test::new()
        .campaign(&format!(
            "{VALID}poster:\n  size: a4\n  finish: print-shop\n"
        ))
        .args(&["build", "--only", "poster"])
        .run();
    a4.code(0);
    let info = tool(
        "pdfinfo",
        &["-box"],
        &a4.dir.join("out/poster/test-campaign-a4.pdf"),
    );
    let (trim, bleed) = (pdf_box(&info, "TrimBox:"), pdf_box(&info, "BleedBox:"));
    assert!(
        close(size(trim).0, 595.28) && close(size(trim).1, 841.89),
        "{info}"
    );
    assert!(
        close(size(bleed).0, 595.28 + 17.01) && close(size(bleed).1, 841.89 + 17.01),
        "{info}"
    );

    let office = Test::new()
        .campaign(VALID)
        .args(&["build", "--only", "poster"])
        .run();
    office.code(0);
    let pdf = office.dir.join("out/poster/test-campaign-letter.pdf");
    let info = tool("pdfinfo", &["-box"], &pdf);
    assert_eq!(
        pdf_box(&info, "MediaBox:"),
        [0.0, 0.0, 612.0, 792.0],
        "{info}"
    );
    // No bleed: the trim and bleed boxes default to the page itself.
    assert_eq!(pdf_box(&info, "TrimBox:"), [0.0, 0.0, 612.0, 792.0]);
    assert_eq!(pdf_box(&info, "BleedBox:"), [0.0, 0.0, 612.0, 792.0]);
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(!raw.contains("/TrimBox") && !raw.contains("/BleedBox"));
    // A generic poster has blanks to write on.
    let text = tool("pdftotext", &[], &pdf);
    assert!(
        text.contains("Our group") && text.contains("When: ____"),
        "{text}"
    );
    assert_eq!(
        scan_page(&pdf),
        vec!["https://example.org/first-chapter".to_string()]
    );
}

#[test]
fn landscape_and_custom_sizes() {
    let o = Test::new()
        .campaign(&format!(
            "{VALID}poster:\n  size: {{width: 11in, height: 17in}}\n  orientation: landscape\n"
        ))
        .args(&["build", "--only", "poster"])
        .run();
    o.code(0);
    let info = tool(
        "pdfinfo",
        &["-box"],
        &o.dir.join("out/poster/test-campaign-custom.pdf"),
    );
    assert_eq!(
        pdf_box(&info, "MediaBox:"),
        [0.0, 0.0, 1224.0, 792.0],
        "{info}"
    );
}

#[test]
fn combined_pages_and_unique_slugs() {
    let groups = "poster:\n  pages: combined\n  groups:\n    - name: One\n    - name: one!\n    - name: ក្រុម\n";
    let o = Test::new()
        .campaign(&format!("{VALID}{groups}"))
        .args(&["build", "--only", "poster"])
        .run();
    o.code(0);
    let pdf = o.dir.join("out/poster/test-campaign-letter.pdf");
    assert!(tool("pdfinfo", &[], &pdf).contains("Pages:           3"));
    let text = tool("pdftotext", &[], &pdf);
    assert!(
        text.contains("One") && text.contains("one!") && text.contains("ក្រុម"),
        "{text}"
    );

    let separate = Test::new()
        .campaign(&format!(
            "{VALID}{}",
            groups.replace("  pages: combined\n", "")
        ))
        .args(&["build", "--only", "poster"])
        .run();
    separate.code(0);
    let mut names: Vec<String> = std::fs::read_dir(separate.dir.join("out/poster"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "test-campaign-group-3-letter.pdf",
            "test-campaign-one-2-letter.pdf",
            "test-campaign-one-letter.pdf"
        ]
    );
}

#[test]
fn khmer_poster_extracts_as_khmer() {
    let km = Path::new(EXAMPLE_DIR)
        .parent()
        .unwrap()
        .join("khmer/campaign.yaml");
    let out = tempfile::tempdir().unwrap();
    Test::new()
        .args(&[
            "build",
            km.to_str().unwrap(),
            "--only",
            "poster",
            "--out",
            out.path().to_str().unwrap(),
        ])
        .run()
        .code(0);
    let pdf = std::fs::read_dir(out.path().join("poster"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let text = tool("pdftotext", &[], &pdf);
    for want in ["ក្តីសង្ឃឹមនៅក្នុងភាពងងឹត", "ព្រះនៃយុត្តិធម៌", "#mobilizeforjustice"]
    {
        assert!(text.contains(want), "{want} not in:\n{text}");
    }
    assert_eq!(scan_page(&pdf).len(), 1);
}

#[test]
fn photo_resolution_is_checked_at_print_size() {
    // 300 px across a Letter page is ~35 ppi: refused.
    Test::new()
        .campaign(&format!("{VALID}images:\n  hero: hero.png\n"))
        .file("hero.png", &png(300, 200))
        .args(&["build", "--only", "poster"])
        .run()
        .code(1)
        .error_at("images.hero", 11)
        .stderr_has("ppi")
        .stderr_has("300×200 px")
        .wrote_nothing();
    // ~1200 px across is ~135 ppi: a warning, and the poster is made.
    let o = Test::new()
        .campaign(&format!("{VALID}images:\n  hero: hero.png\n"))
        .file("hero.png", &png(1200, 800))
        .args(&["build", "--only", "poster"])
        .run();
    o.code(0).stderr_has("warning").stderr_has("may print soft");
}

#[test]
fn posters_are_byte_identical_with_source_date_epoch() {
    let run = || {
        let o = Test::example()
            .args(&["build", "campaign.yaml", "--only", "poster"])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .run();
        o.code(0);
        crate::util::snapshot(&o.dir.join("out"))
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "poster"])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .run();
    o.code(0);
    let info = tool(
        "pdfinfo",
        &[],
        &o.dir
            .join("out/poster/god-of-justice-tuesday-night-study-letter.pdf"),
    );
    assert!(
        info.contains("CreationDate:") && info.contains("2026"),
        "{info}"
    );
    Test::example()
        .args(&["build", "campaign.yaml"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .run()
        .code(2)
        .stderr_has("SOURCE_DATE_EPOCH");
}

#[test]
fn scan_distance_sets_the_smallest_qr_code() {
    Test::new()
        .campaign(&format!("{VALID}poster:\n  scan-distance: 5m\n"))
        .args(&["check"])
        .run()
        .code(1)
        .error_at("poster.scan-distance", 11)
        .stderr_has("needs at least 50.0 cm");
}

#[test]
fn a_sheet_held_in_the_hand_is_scanned_from_nearer_by_default() {
    // A5 (148 mm across) is scanned from 2 × 148 mm = 30 cm unless the file says otherwise:
    // its code may be 3 cm wide, and both orientations build.
    for orientation in ["portrait", "landscape"] {
        Test::new()
            .campaign(&format!(
                "{VALID}poster:\n  size: {{width: 148mm, height: 210mm}}\n  orientation: {orientation}\n"
            ))
            .args(&["build", "--only", "poster"])
            .run()
            .code(0);
    }
    // Said out loud, 0.5 m still asks for 5 cm, which A5 cannot give.
    Test::new()
        .campaign(&format!(
            "{VALID}poster:\n  size: {{width: 148mm, height: 210mm}}\n  scan-distance: 0.5m\n"
        ))
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("needs at least 5.0 cm");
}

/// The lines of a laid-out text block: the byte offset where each line starts.
fn line_starts(t: &handbill::scene::TextItem) -> Vec<usize> {
    let mut by_line: std::collections::BTreeMap<i64, usize> = Default::default();
    for g in t.runs.iter().flat_map(|r| r.glyphs.iter()) {
        let start = by_line.entry(g.y.round() as i64).or_insert(usize::MAX);
        *start = (*start).min(g.start as usize);
    }
    let mut starts: Vec<usize> = by_line.into_values().collect();
    starts.sort();
    starts
}

#[test]
fn a_series_shares_one_group_size_and_addresses_break_after_their_dots() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/long-copy/campaign.yaml");
    let session = handbill::Session::new();
    let c = session
        .load_campaign(&file, "campaign.yaml")
        .campaign
        .expect("valid");
    for name in handbill::assets::design_names() {
        let design = handbill::design::bundled(name).unwrap();
        let groups: Vec<handbill::scene::TextItem> = c
            .poster
            .groups
            .iter()
            .map(|g| {
                let scene = handbill::kit::poster_scene(&session, &c, &design, Some(g)).unwrap();
                scene.texts().find(|t| t.slot == "group").unwrap().clone()
            })
            .collect();
        // The long group's block and the short one's: one size (the long one's largest).
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].size, groups[1].size, "{name}");
        // The 67-character address wraps, and only after `.`, `@` or `-` (or at a space).
        let t = &groups[0];
        let email = "firstname.lastname.department@subdomain.example-organization.org";
        let at = t.text.find(email).expect("the address is in the block");
        let inside: Vec<usize> = line_starts(t)
            .into_iter()
            .filter(|s| *s > at && *s < at + email.len())
            .collect();
        assert!(!inside.is_empty(), "{name}: the address did not wrap");
        for s in inside {
            let before = t.text[..s].chars().next_back().unwrap();
            assert!(
                matches!(before, '.' | '@' | '-'),
                "{name}: broke after {before:?}"
            );
        }
    }
}

#[test]
fn landscape_paper_uses_the_landscape_family_and_its_code_scans() {
    for design in ["justice", "minimal"] {
        let o = Test::example()
            .args(&["build", "campaign.yaml", "--only", "poster"])
            .run();
        o.code(0);
        let yaml = std::fs::read_to_string(o.dir.join("campaign.yaml"))
            .unwrap()
            .replace("design: justice", &format!("design: {design}"))
            .replace("  size: letter", "  size: letter\n  orientation: landscape");
        std::fs::write(o.dir.join("campaign.yaml"), yaml).unwrap();
        let l = Test::new()
            .args(&[
                "build",
                o.dir.join("campaign.yaml").to_str().unwrap(),
                "--only",
                "poster",
            ])
            .run();
        // The minimal design shows no photo, and says so about the example's.
        let warnings = if design == "minimal" {
            "(1 warning)"
        } else {
            "(0 warnings)"
        };
        l.code(0).stderr_has(warnings);
        let pdf = o
            .dir
            .join("out/poster/god-of-justice-tuesday-night-study-letter.pdf");
        let info = tool("pdfinfo", &["-box"], &pdf);
        let media = size(pdf_box(&info, "TrimBox:"));
        assert!(close(media.0, 792.0) && close(media.1, 612.0), "{info}");
        assert_eq!(scan_page(&pdf), [PRINT_URL], "{design}");
        let text = tool("pdftotext", &[], &pdf);
        assert!(text.contains("Hope in Darkness"), "{text}");
        // Laid out by the landscape family (text on the left), not the portrait boxes stretched.
        let session = handbill::Session::new();
        let c = session
            .load_campaign(&o.dir.join("campaign.yaml"), "campaign.yaml")
            .campaign
            .unwrap();
        let d = handbill::design::bundled(design).unwrap();
        let scene = handbill::kit::poster_scene(&session, &c, &d, c.poster.groups.first()).unwrap();
        let headline = scene.texts().find(|t| t.slot == "headline").unwrap();
        assert!(
            headline.bounds.right() < 0.6 * scene.width,
            "{design}: {:?}",
            headline.bounds
        );
    }
}
