//! Golden text: `--help` output and the manifest's published schema. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test`.

use std::path::Path;

use crate::util::Test;

fn golden(name: &str, actual: &str) {
    golden_at(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(name),
        actual,
    );
}

fn golden_at(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1 cargo test", path.display()));
    assert!(
        want == actual,
        "{} differs; if the change is wanted, run UPDATE_GOLDEN=1 cargo test\n--- want\n{want}\n--- got\n{actual}",
        path.display()
    );
}

#[test]
fn help_text() {
    for (args, name) in [
        (&["--help"][..], "help.txt"),
        (&["build", "--help"][..], "help-build.txt"),
        (&["check", "--help"][..], "help-check.txt"),
    ] {
        let o = Test::new().args(args).run();
        o.code(0);
        golden(name, &o.stdout);
    }
}

/// `docs/manifest.schema.json` is generated from the types that write `manifest.json`;
/// `kit::the_manifest_follows_its_published_schema` checks a real manifest against it.
#[test]
fn the_published_manifest_schema_is_the_generated_one() {
    let mut schema = serde_json::to_string_pretty(&handbill::manifest::manifest_schema()).unwrap();
    schema.push('\n');
    golden_at(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manifest.schema.json"),
        &schema,
    );
}

/// Compare an image with its golden at a quarter of its size, with a tolerance: the mean
/// channel difference must stay under 1.5 and under 0.5 % of pixels may differ by more than 40.
fn golden_image(name: &str, png: &std::path::Path) {
    let img = image::open(png)
        .unwrap_or_else(|e| panic!("{}: {e}", png.display()))
        .to_rgb8();
    let small = image::imageops::resize(
        &img,
        img.width() / 4,
        img.height() / 4,
        image::imageops::FilterType::Triangle,
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/social")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        small.save(&path).unwrap();
        return;
    }
    let want = image::open(&path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1 cargo test", path.display()))
        .to_rgb8();
    assert_eq!(
        want.dimensions(),
        small.dimensions(),
        "{name}: size changed"
    );
    let mut total = 0u64;
    let mut far = 0usize;
    for (a, b) in want.pixels().zip(small.pixels()) {
        let d = (0..3).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0);
        total += (0..3).map(|i| u64::from(a[i].abs_diff(b[i]))).sum::<u64>();
        if d > 40 {
            far += 1;
        }
    }
    let pixels = (want.width() * want.height()) as usize;
    let mean = total as f64 / (pixels * 3) as f64;
    assert!(
        mean < 1.5 && far * 200 < pixels,
        "{name} differs from its golden (mean {mean:.2}, {far} of {pixels} pixels far off); if the change is wanted, run UPDATE_GOLDEN=1 cargo test and look at tests/golden/social/"
    );
}

#[test]
fn social_images_match_their_goldens() {
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "social"])
        .run();
    o.code(0);
    for f in ["instagram-square", "instagram-story", "x", "pinterest"] {
        golden_image(
            &format!("justice-{f}.png"),
            &o.dir.join(format!("out/social/god-of-justice-{f}.png")),
        );
    }
    let km = std::path::Path::new(crate::util::EXAMPLE_DIR)
        .parent()
        .unwrap()
        .join("khmer/campaign.yaml");
    let out = tempfile::tempdir().unwrap();
    let k = Test::new()
        .args(&[
            "build",
            km.to_str().unwrap(),
            "--only",
            "social",
            "--out",
            out.path().to_str().unwrap(),
        ])
        .run();
    k.code(0);
    golden_image(
        "khmer-instagram-square.png",
        &out.path()
            .join("social/god-of-justice-km-instagram-square.png"),
    );
}

/// The poster's layout, drawn from its Scene at 36 dpi, against a golden picture.
#[test]
fn poster_layout_matches_its_golden() {
    let file = std::path::Path::new(crate::util::EXAMPLE_DIR).join("campaign.yaml");
    let loaded = handbill::Session::new().load_campaign(&file, "campaign.yaml");
    let c = loaded
        .campaign
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let design = handbill::design::bundled("justice").unwrap();
    let session = handbill::Session::new();
    let scene =
        handbill::kit::poster_scene(&session, &c, &design, c.poster.groups.first()).unwrap();
    let svg = handbill::render::svg::svg(&scene, &Default::default());
    let pixels = handbill::render::raster::render(&svg, 4.0 * 36.0 / 72.0).unwrap();
    let png = handbill::render::raster::png(&pixels, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("poster.png");
    std::fs::write(&path, png).unwrap();
    golden_image("justice-poster-letter.png", &path);
}
