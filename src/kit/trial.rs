//! A font file on trial: everything a campaign's font goes through, on bytes alone, for the
//! fuzz target and the tests of hostile fonts. Parsed and checked; then, for what is
//! accepted, text in several scripts laid out in it and drawn by both renderers.

use crate::fonts::{FontSet, Typeface, parse_font_file};
use crate::layout::text::{TextEngine, TextStyle, Wrap};
use crate::render::{pdf, raster, svg};
use crate::scene::{Item, Rect, Scene, TextItem};

/// Check `bytes` as a font file; if it is accepted, lay out and draw text in each of its
/// faces (at most 8). `Err`: the message a campaign would get.
pub fn font_trial(bytes: Vec<u8>) -> Result<usize, String> {
    let faces = parse_font_file(bytes, "font").map_err(|(m, _)| m)?;
    let mut drawn = 0;
    for face in faces.iter().take(8) {
        let family = face.family.clone();
        let set = FontSet::new(
            std::slice::from_ref(face),
            &[],
            Typeface {
                display: Some(family.clone()),
                text: Some(family),
            },
        );
        let mut engine = TextEngine::with_fonts(set);
        let text = "Hope fi ffl 73% — ជំពូក ความหวัง नमस्ते الأمل 😀";
        let style = TextStyle {
            font: crate::design::FontRole::Text,
            weight: crate::design::Weight::Bold,
            line_height: 1.2,
            lang: "en".into(),
            align: crate::design::Align::Left,
            bold_until: 4,
            wrap: Wrap::Anywhere,
        };
        let laid = engine.layout(text, &style, 12.0, 60.0);
        let item = TextItem {
            text: text.to_string(),
            runs: laid.runs,
            colour: crate::model::Colour::rgb(0, 0, 0),
            bounds: Rect::new(0.0, 0.0, 64.0, 64.0),
            size: 12.0,
            source: "text".into(),
            slot: "text",
            lang: "en".into(),
            frame: Rect::new(0.0, 0.0, 64.0, 64.0),
        };
        let scene = Scene {
            width: 64.0,
            height: 64.0,
            background: crate::model::Colour::rgb(255, 255, 255),
            items: vec![Item::Text(item)],
            trim: None,
            bleed: None,
        };
        draw_both(scene);
        drawn += 1;
    }
    Ok(drawn)
}

/// Draw `scene` with both renderers (SVG → pixels, and PDF), for the fuzz targets: what they
/// make is dropped; only that nothing panics counts.
pub fn draw_both(scene: Scene) {
    let _ = raster::render(&svg::svg(&scene), 1.0);
    let options = pdf::PdfOptions {
        title: "t".into(),
        author: "a".into(),
        subject: None,
        lang: "en".into(),
        created: None,
    };
    let _ = pdf::pdf(&[scene], &options);
}
