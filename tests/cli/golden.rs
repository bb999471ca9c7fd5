//! Golden files: `--help` text, the manifest's published schema and pictures. Regenerate with `UPDATE_GOLDEN=1 cargo test`. A
//! mismatch leaves the evidence beside the golden: `NAME.actual.*`, and for a picture
//! `NAME.diff.png`; both are deleted once the golden matches again.

use std::path::{Path, PathBuf};

use image::{Rgb, RgbImage};

use crate::util::Test;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// `dir/NAME.EXT` → `dir/NAME.TAG.EXT`.
fn beside(golden: &Path, tag: &str) -> PathBuf {
    let stem = golden.file_stem().unwrap_or_default().to_string_lossy();
    match golden.extension() {
        Some(ext) => golden.with_file_name(format!("{stem}.{tag}.{}", ext.to_string_lossy())),
        None => golden.with_file_name(format!("{stem}.{tag}")),
    }
}

/// Delete the evidence an earlier mismatch left.
fn remove_stale(paths: &[&Path]) -> Result<(), String> {
    for p in paths {
        match std::fs::remove_file(p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot delete {}: {e}", p.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

#[track_caller]
fn golden(name: &str, actual: &str) {
    if let Err(e) = check_text(&golden_dir().join(name), actual, updating()) {
        panic!("{e}");
    }
}

/// Compare `actual` with the golden text file at `path` (or rewrite it when updating); a
/// difference writes `NAME.actual.txt` beside it.
fn check_text(path: &Path, actual: &str, update: bool) -> Result<(), String> {
    let evidence = beside(path, "actual");
    if update {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        eprintln!(
            "skipped: comparing {} (UPDATE_GOLDEN is set: rewrote it from this run)",
            path.display()
        );
        return remove_stale(&[&evidence]);
    }
    let want = std::fs::read_to_string(path).ok();
    if want.as_deref() == Some(actual) {
        return remove_stale(&[&evidence]);
    }
    std::fs::write(&evidence, actual)
        .map_err(|e| format!("cannot write {}: {e}", evidence.display()))?;
    Err(match want {
        None => format!(
            "missing {}; this run's output is in {}; run UPDATE_GOLDEN=1 cargo test",
            path.display(),
            evidence.display()
        ),
        Some(want) => format!(
            "{} differs; this run's output is in {}; if the change is wanted, run UPDATE_GOLDEN=1 cargo test\n--- want\n{want}\n--- got\n{actual}",
            path.display(),
            evidence.display()
        ),
    })
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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manifest.schema.json");
    if let Err(e) = check_text(&path, &schema, updating()) {
        panic!("{e}");
    }
}

/// A channel difference above this is "far off".
const FAR: u8 = 40;

/// Compare a picture with its golden at a quarter of its size, with a tolerance: the mean
/// channel difference must stay under 1.5 and under 0.5 % of pixels may differ by more than 40.
#[track_caller]
fn golden_image(name: &str, png: &Path) {
    let img = image::open(png)
        .unwrap_or_else(|e| panic!("{}: {e}", png.display()))
        .to_rgb8();
    let path = golden_dir().join("social").join(name);
    if let Err(e) = check_image(&path, &img, updating()) {
        panic!("{e}");
    }
}

/// Compare `img`, shrunk to a quarter, with the golden picture at `path` (or rewrite it when
/// updating). A difference writes the shrunk picture as `NAME.actual.png` and, when the sizes
/// agree, `NAME.diff.png` beside the golden.
fn check_image(path: &Path, img: &RgbImage, update: bool) -> Result<(), String> {
    let small = image::imageops::resize(
        img,
        img.width() / 4,
        img.height() / 4,
        image::imageops::FilterType::Triangle,
    );
    let actual = beside(path, "actual");
    let diff = beside(path, "diff");
    let save = |img: &RgbImage, to: &Path| {
        img.save(to)
            .map_err(|e| format!("cannot write {}: {e}", to.display()))
    };
    if update {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        save(&small, path)?;
        eprintln!(
            "skipped: comparing {} (UPDATE_GOLDEN is set: rewrote it from this run)",
            path.display()
        );
        return remove_stale(&[&actual, &diff]);
    }
    let Ok(want) = image::open(path).map(|w| w.to_rgb8()) else {
        save(&small, &actual)?;
        remove_stale(&[&diff])?;
        return Err(format!(
            "missing {}; this run's picture is {}; run UPDATE_GOLDEN=1 cargo test",
            path.display(),
            actual.display()
        ));
    };
    if want.dimensions() != small.dimensions() {
        save(&small, &actual)?;
        remove_stale(&[&diff])?;
        return Err(format!(
            "{}: the size changed from {:?} to {:?}; this run's picture is {}",
            path.display(),
            want.dimensions(),
            small.dimensions(),
            actual.display()
        ));
    }
    let mut total = 0u64;
    let mut far = 0usize;
    for (a, b) in want.pixels().zip(small.pixels()) {
        total += (0..3).map(|i| u64::from(a[i].abs_diff(b[i]))).sum::<u64>();
        if distance(a, b) > FAR {
            far += 1;
        }
    }
    let pixels = (want.width() * want.height()) as usize;
    let mean = total as f64 / (pixels * 3) as f64;
    if mean < 1.5 && far * 200 < pixels {
        return remove_stale(&[&actual, &diff]);
    }
    save(&small, &actual)?;
    save(&diff_picture(&want, &small), &diff)?;
    Err(format!(
        "{} differs from this run (mean {mean:.2}, {far} of {pixels} pixels far off); see {} and {} (changed pixels in red); if the change is wanted, run UPDATE_GOLDEN=1 cargo test",
        path.display(),
        actual.display(),
        diff.display()
    ))
}

/// The largest channel difference between two pixels.
fn distance(a: &Rgb<u8>, b: &Rgb<u8>) -> u8 {
    (0..3).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0)
}

/// Changed pixels in red (pale where they differ a little, full where far off) over a faded,
/// grey copy of the golden.
fn diff_picture(want: &RgbImage, got: &RgbImage) -> RgbImage {
    RgbImage::from_fn(want.width(), want.height(), |x, y| {
        let (a, b) = (want.get_pixel(x, y), got.get_pixel(x, y));
        match distance(a, b) {
            0 => {
                let luma = (u32::from(a[0]) * 3 + u32::from(a[1]) * 6 + u32::from(a[2])) / 10;
                let faded = (255 - (255 - luma) / 4) as u8;
                Rgb([faded, faded, faded])
            }
            d if d > FAR => Rgb([255, 0, 0]),
            _ => Rgb([255, 160, 160]),
        }
    })
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
    let svg = handbill::render::svg::svg(&scene);
    let pixels = handbill::render::raster::render(&svg, 4.0 * 36.0 / 72.0).unwrap();
    let png = handbill::render::raster::png(&pixels, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("poster.png");
    std::fs::write(&path, png).unwrap();
    golden_image("justice-poster-letter.png", &path);
}

/// A text mismatch leaves this run's text beside the golden; a match deletes it again.
#[test]
fn a_text_mismatch_leaves_the_actual_text() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("help.txt");
    let actual = dir.path().join("help.actual.txt");
    std::fs::write(&golden, "Usage: one\n").unwrap();
    let err = check_text(&golden, "Usage: two\n", false).unwrap_err();
    assert!(err.contains(&actual.display().to_string()), "{err}");
    assert_eq!(std::fs::read_to_string(&actual).unwrap(), "Usage: two\n");
    assert_eq!(std::fs::read_to_string(&golden).unwrap(), "Usage: one\n");
    check_text(&golden, "Usage: one\n", false).unwrap();
    assert!(!actual.exists());
}

/// A picture mismatch leaves this run's picture and a diff (the changed pixels in red over a
/// faded copy) beside the golden; a match deletes both again.
#[test]
fn a_picture_mismatch_leaves_the_actual_picture_and_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("card.png");
    let actual = dir.path().join("card.actual.png");
    let diff = dir.path().join("card.diff.png");
    let blue = Rgb([40, 70, 120]);
    RgbImage::from_pixel(64, 48, blue).save(&golden).unwrap();
    // At full size (four times the golden's), a black square of 64 × 64 pixels.
    let mut img = RgbImage::from_pixel(256, 192, blue);
    for y in 64..128 {
        for x in 64..128 {
            img.put_pixel(x, y, Rgb([0, 0, 0]));
        }
    }
    let err = check_image(&golden, &img, false).unwrap_err();
    for p in [&actual, &diff] {
        assert!(err.contains(&p.display().to_string()), "{err}");
    }
    let shown = image::open(&actual).unwrap().to_rgb8();
    assert_eq!(shown.dimensions(), (64, 48));
    assert_eq!(shown.get_pixel(24, 24), &Rgb([0, 0, 0]));
    assert_eq!(shown.get_pixel(2, 2), &blue);
    let d = image::open(&diff).unwrap().to_rgb8();
    assert_eq!(d.dimensions(), (64, 48));
    assert_eq!(d.get_pixel(24, 24), &Rgb([255, 0, 0]));
    let faded = d.get_pixel(2, 2);
    assert!(
        faded[0] == faded[1] && faded[1] == faded[2] && faded[0] > blue[2],
        "{faded:?}"
    );
    let red = d.pixels().filter(|p| p[0] == 255 && p[1] < 255).count();
    assert!((16 * 16..=18 * 18).contains(&red), "{red} red pixels");
    assert_eq!(
        image::open(&golden).unwrap().to_rgb8(),
        RgbImage::from_pixel(64, 48, blue)
    );
    // Matching again deletes both.
    check_image(&golden, &RgbImage::from_pixel(256, 192, blue), false).unwrap();
    assert!(!actual.exists() && !diff.exists());
    // A changed size leaves this run's picture and no diff.
    let err = check_image(&golden, &RgbImage::from_pixel(128, 128, blue), false).unwrap_err();
    assert!(err.contains("size changed"), "{err}");
    assert_eq!(
        image::open(&actual).unwrap().to_rgb8().dimensions(),
        (32, 32)
    );
    assert!(!diff.exists());
}

/// Long copy (examples/long-copy: every field near its limit) on the formats where room is
/// tightest, and on portrait and landscape posters of both designs: the goldens show the
/// layout making room — look at them (tests/golden/social/long-*.png) when they change.
#[test]
fn long_copy_looks_designed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/long-copy");
    let yaml = std::fs::read_to_string(dir.join("campaign.yaml")).unwrap();
    let t = Test::new()
        .file(
            "images/cambodia.jpg",
            &std::fs::read(dir.join("images/cambodia.jpg")).unwrap(),
        )
        .file(
            "images/logo.png",
            &std::fs::read(dir.join("images/logo.png")).unwrap(),
        )
        .file("campaign.yaml", yaml.as_bytes())
        .file(
            "landscape.yaml",
            yaml.replace("campaign: long-copy", "campaign: landscape")
                .replace("design: justice", "design: minimal")
                .replace("  size: letter", "  size: a4\n  orientation: landscape")
                .as_bytes(),
        );
    let o = t
        .args(&["build", "campaign.yaml", "landscape.yaml", "--out", "out"])
        .run();
    // The one warning: the minimal design shows no photo.
    o.code(0)
        .stderr_has("(1 warning)")
        .stderr_has("the `minimal` design draws no hero photo");
    let out = o.dir.join("out");
    for f in ["instagram-square", "instagram-story", "linkedin"] {
        golden_image(
            &format!("long-{f}.png"),
            &out.join(format!("social/long-copy-{f}.png")),
        );
    }
    for (golden, preview) in [
        (
            "long-poster-letter.png",
            "long-copy-the-tuesday-night-study-of-grace-fellowship-and-friends-from-letter-page1.png",
        ),
        (
            "long-poster-letter-short-group.png",
            "long-copy-saturday-breakfast-readers-letter-page1.png",
        ),
        (
            "long-poster-a4-landscape.png",
            "landscape-the-tuesday-night-study-of-grace-fellowship-and-friends-from-a4-page1.png",
        ),
    ] {
        golden_image(golden, &out.join("preview").join(preview));
    }
}
