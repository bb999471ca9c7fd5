//! `images.hero-focus`: the subject of the hero photo stays in view on every format, and a wrong
//! value is an error at the key with the fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::{Rgb, RgbImage};

use crate::util::{Test, VALID};

/// A 3:2 photo of a plain field with a bright red 60 px square near the top right corner,
/// centred at (0.92, 0.09) of the picture.
fn photo_with_a_red_square() -> Vec<u8> {
    let mut img = RgbImage::from_pixel(1500, 1000, Rgb([70, 110, 80]));
    for y in 60..120 {
        for x in 1350..1410 {
            img.put_pixel(x, y, Rgb([255, 0, 0]));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}

const SQUARE_AT: &str = "[0.92, 0.09]";

/// The red square as a picture shows it: how many pixels are clearly red (its edges blend with
/// the field when scaled), and the width and height of the block they make.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Red {
    pixels: usize,
    w: u32,
    h: u32,
}

impl Red {
    /// All of the square shows: its block is square (to a pixel), at least 10 px a side, and
    /// nearly solid, so no edge of the picture and no text cuts into it.
    fn whole(self) -> bool {
        self.w >= 10
            && self.w.abs_diff(self.h) <= 1
            && self.pixels * 10 >= (self.w * self.h) as usize * 9
    }
}

fn red_square(png: &Path) -> Red {
    let img = image::open(png)
        .unwrap_or_else(|e| panic!("{}: {e}", png.display()))
        .to_rgb8();
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    let mut pixels = 0;
    for (x, y, Rgb([r, g, b])) in img.enumerate_pixels() {
        if *r > 200 && *g < 60 && *b < 60 {
            pixels += 1;
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
    }
    if pixels == 0 {
        return Red { pixels, w: 0, h: 0 };
    }
    Red {
        pixels,
        w: x1 - x0 + 1,
        h: y1 - y0 + 1,
    }
}

/// Every picture of the kit: each social PNG, the poster's preview, and the poster PDF as
/// poppler draws it.
fn kit_pictures(out: &Path, pages: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in ["social", "preview"] {
        for e in std::fs::read_dir(out.join(folder)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "png") {
                found.push(e.path());
            }
        }
    }
    for e in std::fs::read_dir(out.join("poster")).unwrap().flatten() {
        let prefix = pages.join(e.path().file_stem().unwrap());
        let ok = Command::new("pdftoppm")
            .args(["-png", "-r", "40"])
            .arg(e.path())
            .arg(&prefix)
            .status()
            .expect("pdftoppm is needed for this test (apt-get install poppler-utils)");
        assert!(ok.success(), "pdftoppm failed on {}", e.path().display());
    }
    for e in std::fs::read_dir(pages).unwrap().flatten() {
        found.push(e.path());
    }
    found.sort();
    found
}

/// Build a kit of every social format and a print-shop poster from the photo; the number of
/// red square on each picture, by file name.
fn red_on_every_picture(focus: Option<&str>) -> Vec<(String, Red)> {
    let focus = focus.map_or(String::new(), |f| format!("  hero-focus: {f}\n"));
    let o = Test::new()
        .file("photo.png", &photo_with_a_red_square())
        .campaign(&format!(
            "{VALID}images:\n  hero: photo.png\n{focus}poster:\n  finish: print-shop\n"
        ))
        .args(&["build"])
        .run();
    o.code(0);
    let pages = tempfile::tempdir().unwrap();
    let pictures = kit_pictures(&o.dir.join("out"), pages.path());
    // Nine social formats, one preview, one page drawn by poppler.
    assert_eq!(pictures.len(), 11, "{pictures:?}");
    pictures
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let name = if p.starts_with(pages.path()) {
                format!("{name} (pdftoppm)")
            } else {
                name
            };
            (name, red_square(p))
        })
        .collect()
}

#[test]
fn the_focus_point_is_in_view_on_every_format() {
    let with = red_on_every_picture(Some(SQUARE_AT));
    let hidden: Vec<_> = with.iter().filter(|(_, red)| !red.whole()).collect();
    assert!(
        hidden.is_empty(),
        "the red square is not all in view on {hidden:?}; all: {with:?}"
    );
    // Without the key the photo is centred, and the square is cut off on some formats: the
    // key is what keeps it.
    let without = red_on_every_picture(None);
    let cut: Vec<_> = without.iter().filter(|(_, red)| red.pixels == 0).collect();
    assert!(
        !cut.is_empty(),
        "the square shows on every format even centred: {without:?}"
    );
    // The landscape images (a tall hero box at the side) crop the photo's sides most.
    for format in ["x", "facebook", "og", "linkedin"] {
        assert!(
            cut.iter()
                .any(|(name, _)| *name == format!("test-campaign-{format}.png")),
            "centred, the square should be cut from the side of the {format} image: {without:?}"
        );
    }
    // Elsewhere part of it is cut: the top of the square image and of the poster.
    for (name, red) in &without {
        if name.contains("instagram-square") || name.contains("letter") {
            assert!(red.pixels > 0 && !red.whole(), "{name}: {red:?}");
        }
    }
    eprintln!("red pixels with hero-focus: {with:?}\nwithout: {without:?}");
}

#[test]
fn the_default_focus_builds_the_same_bytes_as_before() {
    // Without `hero-focus` the photo is centred: an explicit centre on a box without a fade
    // places it exactly there too, so the landscape images (no fade) are byte-identical.
    let build = |focus: &str| {
        let o = Test::new()
            .file("photo.png", &photo_with_a_red_square())
            .campaign(&format!(
                "{VALID}images:\n  hero: photo.png\n{focus}social:\n  formats: [x, facebook]\n"
            ))
            .args(&["build", "--only", "social"])
            .run();
        o.code(0);
        ["x", "facebook"].map(|f| {
            std::fs::read(o.dir.join(format!("out/social/test-campaign-{f}.png"))).unwrap()
        })
    };
    assert!(build("") == build("  hero-focus: [0.5, 0.5]\n"));
    assert!(build("") != build(&format!("  hero-focus: {SQUARE_AT}\n")));
}

/// A campaign with a hero photo and `hero-focus: VALUE` on line 12.
fn with_focus(value: &str) -> Test {
    Test::new()
        .file("photo.png", &photo_with_a_red_square())
        .campaign(&format!(
            "{VALID}images:\n  hero: photo.png\n  hero-focus: {value}\n"
        ))
}

const FIX: &str = "write [x, y] with fractions from 0 to 1, e.g. [0.5, 0.35]";

#[test]
fn a_wrong_focus_is_an_error_at_the_key_naming_the_value() {
    for (value, says) in [
        ("[0.5]", "is `[0.5]`, one value; it takes two"),
        (
            "[0.5, 0.35, 0.2]",
            "is `[0.5, 0.35, 0.2]`, 3 values; it takes two",
        ),
        ("[]", "is `[]`, an empty list"),
        ("0.5", "is one number, `0.5`; it takes two"),
        ("center", "is `center`, not a list of two numbers"),
        (
            "{x: 0.5, y: 0.35}",
            "is a mapping, not a list of two numbers",
        ),
        ("[left, top]", "the x value is `left`, not a number"),
        (
            "[0.5, 1.5]",
            "is `[0.5, 1.5]`: the y value `1.5` is not a fraction from 0 to 1",
        ),
        (
            "[-0.1, 0.5]",
            "the x value `-0.1` is not a fraction from 0 to 1",
        ),
        (
            "[NaN, 0.5]",
            "the x value `NaN` is not a fraction from 0 to 1",
        ),
        ("[.nan, 0.5]", "the x value is `.nan`, not a number"),
        ("[.inf, 0.5]", "the x value is `.inf`, not a number"),
        ("[0.5, [0.3]]", "the y value is a list, not a number"),
    ] {
        let o = with_focus(value).args(&["build"]).run();
        o.code(1)
            .error_at("images.hero-focus", 12)
            .stderr_has(says)
            .stderr_has(FIX)
            .wrote_nothing();
        // One error, nothing else about the file.
        assert_eq!(
            o.stderr.matches("error:").count(),
            1,
            "{value}:\n{}",
            o.stderr
        );
    }
}

#[test]
fn a_wrong_focus_in_json_carries_the_value_and_the_fix() {
    let o = with_focus("[2, 0]").args(&["check", "--json"]).run();
    o.code(1);
    let d = &o.json()["campaigns"][0]["diagnostics"][0];
    assert_eq!(d["path"], "images.hero-focus");
    assert_eq!(d["value"], "[2, 0]");
    assert_eq!(d["line"], 12);
    assert_eq!(d["column"], 16, "the caret is under the wrong number");
    assert!(d["help"].as_str().unwrap().starts_with(FIX), "{d}");
}

#[test]
fn a_focus_written_as_a_block_list_or_quoted_is_read() {
    let o = Test::new()
        .file("photo.png", &photo_with_a_red_square())
        .campaign(&format!(
            "{VALID}images:\n  hero: photo.png\n  hero-focus:\n    - \"0.92\"\n    - 1\n"
        ))
        .args(&["check"])
        .run();
    o.code(0).stderr_lacks("hero-focus");
    let o = Test::new()
        .file("photo.png", &photo_with_a_red_square())
        .campaign(&format!(
            "{VALID}images:\n  hero: photo.png\n  hero-focus:\n    - 0.5\n    - 2\n"
        ))
        .args(&["check"])
        .run();
    // The caret goes under the wrong item, on its own line.
    o.code(1)
        .error_at("images.hero-focus", 14)
        .stderr_has("the y value `2`");
}

#[test]
fn a_focus_without_a_hero_is_a_warning() {
    let t = || Test::new().campaign(&format!("{VALID}images:\n  hero-focus: [0.5, 0.35]\n"));
    t().args(&["check"])
        .run()
        .code(0)
        .stderr_has("warning: `images.hero-focus` does nothing without `images.hero`")
        .stderr_has("(at `images.hero-focus`)");
    t().args(&["check", "--strict"]).run().code(3);
}

#[test]
fn the_schema_describes_the_focus() {
    let o = Test::new().args(&["schema"]).run();
    o.code(0);
    let schema: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let key = &schema["$defs"]["ImagesSpec"]["properties"]["hero-focus"];
    assert!(
        key["description"]
            .as_str()
            .is_some_and(|d| d.contains("[0.5, 0.35]")),
        "{key}"
    );
    let focus = &schema["$defs"]["Focus"];
    assert_eq!(focus["type"], "array");
    assert_eq!(focus["minItems"], 2);
    assert_eq!(focus["maxItems"], 2);
    assert_eq!(focus["items"]["type"], "number");
    assert_eq!(focus["items"]["minimum"], 0);
    assert_eq!(focus["items"]["maximum"], 1);
    // And it holds a campaign to them.
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///campaign.schema.json", schema)
        .unwrap();
    let mut schemas = boon::Schemas::new();
    let idx = compiler
        .compile("file:///campaign.schema.json", &mut schemas)
        .unwrap();
    let campaign = |focus: &str| {
        handbill::raw::yaml_to_json(&format!(
            "{VALID}images:\n  hero: photo.png\n  hero-focus: {focus}\n"
        ))
        .unwrap()
    };
    assert!(schemas.validate(&campaign("[0.5, 0.35]"), idx).is_ok());
    for bad in [
        "[0.5]",
        "[0.5, 1.5]",
        "[0.5, 0.35, 0.2]",
        "[left, top]",
        "0.5",
    ] {
        assert!(schemas.validate(&campaign(bad), idx).is_err(), "{bad}");
    }
}
