//! Checks on real output, shared by the random campaigns and the long-copy harness: the ink of
//! every glyph inside its box, no text over another or over the QR code, QR codes read back
//! from pixels by rqrr (independently of handbill's own proof), and the text of a PDF as
//! poppler's `pdftotext` extracts it.

use std::path::Path;
use std::process::Command;

use handbill::layout::Canvas;
use handbill::scene::{Item, Rect, Scene};

/// A text drawn (partly) outside every design box of its slot.
#[derive(Debug, Clone)]
pub struct Outside {
    pub slot: &'static str,
    /// The campaign field, e.g. `text.body`.
    pub source: String,
    pub message: String,
}

/// How far `b` reaches past `r` on each side (0 where it stays inside), as left, top, right,
/// bottom.
fn overshoot(b: &Rect, r: &Rect) -> [f32; 4] {
    [
        (r.x - b.x).max(0.0),
        (r.y - b.y).max(0.0),
        (b.right() - r.right()).max(0.0),
        (b.bottom() - r.bottom()).max(0.0),
    ]
}

/// The box of `boxes` that `b` overshoots least, and by how much on each side.
fn nearest(b: &Rect, boxes: &[Rect]) -> Option<[f32; 4]> {
    boxes
        .iter()
        .map(|r| overshoot(b, r))
        .min_by(|x, y| x.iter().sum::<f32>().total_cmp(&y.iter().sum::<f32>()))
}

fn sides(o: [f32; 4]) -> String {
    let names = ["left", "top", "right", "bottom"];
    let parts: Vec<String> = names
        .iter()
        .zip(o)
        .filter(|(_, d)| *d > 0.0)
        .map(|(n, d)| format!("{d:.1} past the {n}"))
        .collect();
    parts.join(", ")
}

/// The rectangles a text of `slot` may be drawn in: each design box of the slot, as tall as
/// the column of its flow (the boxes of a flow share their column and move up and down in it;
/// they keep their width).
fn boxes_of(canvas: &Canvas, slot: &str) -> Vec<Rect> {
    let boxes = &canvas.family.boxes;
    boxes
        .iter()
        .filter(|b| b.slot.name() == slot)
        .map(|b| {
            let r = handbill::layout::place(b, canvas);
            let Some(flow) = &b.flow else { return r };
            let column = boxes.iter().filter(|o| o.flow.as_ref() == Some(flow));
            let column: Vec<Rect> = column.map(|o| handbill::layout::place(o, canvas)).collect();
            let top = column.iter().map(|c| c.y).fold(r.y, f32::min);
            let bottom = column.iter().map(|c| c.bottom()).fold(r.bottom(), f32::max);
            Rect::new(r.x, top, r.w, bottom - top)
        })
        .collect()
}

/// Every text item whose box (the frame layout set it in) is not inside the design's place for
/// its slot (`boxes_of`), or whose lines or glyphs' ink reach outside that box: one entry per
/// text item, saying by how much and where.
pub fn texts_outside_boxes(scene: &Scene, canvas: &Canvas) -> Vec<Outside> {
    let tol = 1.0;
    let fits = |o: [f32; 4]| o.iter().all(|d| *d <= tol);
    let mut out = Vec::new();
    for item in &scene.items {
        let Item::Text(t) = item else { continue };
        let boxes = boxes_of(canvas, t.slot);
        let fail = |message: String| Outside {
            slot: t.slot,
            source: t.source.clone(),
            message,
        };
        // The box layout set it in (its frame) lies in the design's place for the slot.
        let Some(placed) = nearest(&t.frame, &boxes) else {
            out.push(fail(format!("there is no `{}` box for it", t.slot)));
            continue;
        };
        if !fits(placed) {
            out.push(fail(format!(
                "its box is outside the design's place for it ({})",
                sides(placed)
            )));
            continue;
        }
        let frame = [t.frame];
        let lines = overshoot(&t.bounds, &t.frame);
        if !fits(lines) {
            out.push(fail(format!(
                "its lines reach outside its box ({})",
                sides(lines)
            )));
            continue;
        }
        // The ink of every glyph (its outline's box, not its pen position: marks and spaces
        // may sit past the line's end) lies inside the box too.
        let (mut outside, mut total, mut worst) = (0usize, 0usize, [0f32; 4]);
        for run in &t.runs {
            let Ok(font) = run.font.font_ref().ok_or(()) else {
                out.push(fail(format!("font {:?} does not parse", run.font)));
                continue;
            };
            let metrics = skrifa::MetadataProvider::glyph_metrics(
                &font,
                skrifa::instance::Size::new(run.size),
                skrifa::instance::LocationRef::default(),
            );
            for g in &run.glyphs {
                let Some(ink) = metrics.bounds(skrifa::GlyphId::new(g.id)) else {
                    continue;
                };
                total += 1;
                let ink = Rect::new(
                    g.x + ink.x_min,
                    g.y - ink.y_max,
                    ink.x_max - ink.x_min,
                    ink.y_max - ink.y_min,
                );
                // Side bearings: a glyph's ink may reach a little past its advance (the hook
                // of a `J`, a Khmer vowel sign). Layout places text by advances, as every
                // typesetter does; the box keeps it within an eighth of an em sideways.
                let side = (0.125 * run.size).min(ink.w / 2.0);
                let ink = Rect::new(ink.x + side, ink.y, ink.w - 2.0 * side, ink.h);
                let o = nearest(&ink, &frame).unwrap_or_default();
                if !fits(o) {
                    outside += 1;
                    for (w, d) in worst.iter_mut().zip(o) {
                        *w = w.max(d);
                    }
                }
            }
        }
        if outside > 0 {
            out.push(fail(format!(
                "the ink of {outside} of its {total} glyphs is outside the box (up to {})",
                sides(worst)
            )));
        }
    }
    out
}

/// Texts whose lines overlap another text's lines or the QR code (its quiet zone included):
/// one entry per pair, on the later item.
pub fn texts_overlapping(scene: &Scene) -> Vec<Outside> {
    let tol = 1.0;
    let texts: Vec<_> = scene.texts().collect();
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let fail = |message: String| Outside {
            slot: t.slot,
            source: t.source.clone(),
            message,
        };
        let b = t.bounds;
        let hits = |r: &Rect| {
            let w = b.right().min(r.right()) - b.x.max(r.x);
            let h = b.bottom().min(r.bottom()) - b.y.max(r.y);
            w > tol && h > tol
        };
        for other in &texts[..i] {
            if hits(&other.bounds) {
                out.push(fail(format!("its lines overlap the {} text", other.slot)));
            }
        }
        if scene.qr_codes().any(|q| hits(&q.bounds())) {
            out.push(fail("its lines run into the QR code".to_string()));
        }
    }
    out
}

/// Every text item lies inside a box of its slot, every glyph's ink inside it, and no text
/// overlaps another or the QR code.
pub fn texts_inside_boxes(scene: &Scene, canvas: &Canvas) -> Result<(), String> {
    let mut problems = texts_outside_boxes(scene, canvas);
    problems.extend(texts_overlapping(scene));
    match problems.into_iter().next() {
        None => Ok(()),
        Some(o) => Err(format!(
            "{} is not inside its `{}` box: {}",
            o.source, o.slot, o.message
        )),
    }
}

/// The payloads of the QR codes rqrr finds in a picture.
pub fn decode_qr(rgba: &image::RgbaImage) -> Vec<String> {
    let gray = image::DynamicImage::ImageRgba8(rgba.clone()).to_luma8();
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| gray[(x as u32, y as u32)].0[0]);
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, s)| s))
        .collect()
}

/// The text of each page of a PDF as `pdftotext` (poppler-utils) extracts it, twice: in the
/// order it is drawn (`-raw`: without it, poppler joins a word broken after a hyphen and drops
/// the hyphen) and in reading order (the default: right-to-left lines are drawn left to right,
/// so only this puts their words in order). The file is written into `dir` first.
pub fn pdf_pages(pdf: &[u8], dir: &Path, name: &str) -> Result<Vec<[String; 2]>, String> {
    let file = dir.join(name);
    std::fs::write(&file, pdf).map_err(|e| format!("could not write {}: {e}", file.display()))?;
    let extract = |raw: bool| -> Result<Vec<String>, String> {
        let mut cmd = Command::new("pdftotext");
        if raw {
            cmd.arg("-raw");
        }
        let out = cmd.args(["-enc", "UTF-8"]).arg(&file).arg("-").output();
        let out = out.unwrap_or_else(|e| {
            panic!("pdftotext is needed for this test (apt-get install poppler-utils): {e}")
        });
        if !out.status.success() {
            return Err(format!(
                "pdftotext failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        // Pages end with a form feed.
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        Ok(pages)
    };
    let (raw, read) = (extract(true), extract(false));
    let _ = std::fs::remove_file(&file);
    let (raw, read) = (raw?, read?);
    if raw.len() != read.len() {
        return Err(format!(
            "pdftotext found {} pages in drawing order and {} in reading order",
            raw.len(),
            read.len()
        ));
    }
    Ok(raw.into_iter().zip(read).map(|(a, b)| [a, b]).collect())
}

/// Text compared as a reader sees it: compatibility-composed (ligatures, width forms) and with
/// white space left out, since a line may break where the text has no space (after a dash,
/// between Khmer words) and extraction then puts a line break there.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // `pdftotext` marks the direction of right-to-left lines and of the runs inside them with
    // embedding controls (U+202A–U+202E, U+2066–U+2069): they are not the text.
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}
