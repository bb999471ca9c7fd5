//! A font file checked before anything uses it: kind by content, collection count, tables,
//! character map, line metrics, every glyph's outline and the licence's embedding flags. A
//! font parser's panic on a hostile glyph is caught and refuses the font.

use std::sync::Arc;

use parley::fontique::Blob;
use skrifa::raw::{FileRef, TableProvider};
use skrifa::{FontRef, GlyphId, MetadataProvider, string::StringId};

use super::{Face, FaceRef, MAX_FACES_PER_FILE, MAX_FONT_BYTES};

/// Why a font file cannot be used: what is wrong, and what to do.
pub type FontProblem = (String, String);

/// A font file of `len` bytes over [`MAX_FONT_BYTES`]: what to say (read before the file is,
/// and checked again on bytes given directly).
pub(crate) fn too_large(len: u64) -> Option<FontProblem> {
    (len > MAX_FONT_BYTES).then(|| {
        (
            format!(
                "the font file is {} MB; a font file may be at most {} MB",
                len / (1024 * 1024),
                MAX_FONT_BYTES / (1024 * 1024)
            ),
            "use the font's own file rather than a bundle of many fonts".into(),
        )
    })
}

/// The faces of one font file's bytes (`source`: its path as written), each parsed and
/// checked: a font or a collection of at most [`MAX_FACES_PER_FILE`] faces, each with a
/// character map, glyphs that can be drawn, a family name, and a licence that allows
/// embedding it in a PDF.
pub fn parse_font_file(bytes: Vec<u8>, source: &str) -> Result<Vec<FaceRef>, FontProblem> {
    if let Some(too_large) = too_large(bytes.len() as u64) {
        return Err(too_large);
    }
    let magic = bytes.get(..4).unwrap_or_default();
    match magic {
        [0, 1, 0, 0] | b"OTTO" | b"true" | b"ttcf" => {}
        b"wOFF" | b"wOF2" => {
            return Err((
                "this is a web font (WOFF); handbill reads .ttf, .otf and .ttc fonts".into(),
                "use the font's desktop file (.ttf or .otf), which the foundry or Google Fonts offers beside the web font".into(),
            ));
        }
        _ => {
            return Err((
                "this is not a font file: it does not start as a TrueType or OpenType font does".into(),
                "name a .ttf, .otf, .ttc or .otc file (a font's desktop file, not a zip or a web font)".into(),
            ));
        }
    }
    let data: Blob<u8> = Blob::new(Arc::new(bytes));
    let bytes = data.data();
    let count = match FileRef::new(bytes) {
        Ok(FileRef::Font(_)) => 1,
        Ok(FileRef::Collection(c)) => c.len(),
        Err(e) => return Err(damaged(&e.to_string())),
    };
    if count == 0 {
        return Err(damaged("the collection holds no font"));
    }
    if count > MAX_FACES_PER_FILE {
        return Err((
            format!(
                "the collection holds {count} faces; handbill reads at most {MAX_FACES_PER_FILE} from one file"
            ),
            "use a file with only the faces the campaign needs".into(),
        ));
    }
    let mut faces = Vec::new();
    // The faces of a collection often share their outlines: each outline table is drawn once.
    let mut drawn: Vec<u32> = Vec::new();
    for index in 0..count {
        let face = check_face(&data, index, &mut drawn).map_err(|(m, h)| {
            if count > 1 {
                (format!("face {} of the collection: {m}", index + 1), h)
            } else {
                (m, h)
            }
        })?;
        faces.push(Arc::new(Face {
            source: source.to_string(),
            ..face
        }));
    }
    Ok(faces)
}

/// Draw every glyph's outline to a bounds pen: `Err` if one cannot be read, or one of
/// `sampled` reaches past `reach` font units.
fn draw_every_glyph(
    font: &FontRef<'_>,
    glyphs: u16,
    sampled: &[GlyphId],
    reach: f32,
) -> Result<(), &'static str> {
    let outlines = font.outline_glyphs();
    let settings = || {
        skrifa::outline::DrawSettings::unhinted(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        )
    };
    for id in 0..u32::from(glyphs) {
        let Some(glyph) = outlines.get(GlyphId::new(id)) else {
            continue;
        };
        let mut pen = skrifa::outline::pen::ControlBoundsPen::new();
        if glyph.draw(settings(), &mut pen).is_err() && sampled.contains(&GlyphId::new(id)) {
            return Err("some of its glyphs' outlines cannot be read");
        }
        if sampled.contains(&GlyphId::new(id))
            && let Some(b) = pen.bounding_box()
            && [b.x_min, b.y_min, b.x_max, b.y_max]
                .iter()
                .any(|v| v.abs() > reach)
        {
            return Err("some of its glyphs reach far outside their letter's box");
        }
    }
    Ok(())
}

thread_local! {
    static ON_TRIAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, a check of untrusted font data, catching a panic in the font parsers (`None`).
/// While it runs, [`panic_is_expected`] is true, so the binary's panic hook stays quiet.
pub(crate) fn on_trial<R>(f: impl FnOnce() -> R) -> Option<R> {
    ON_TRIAL.with(|t| t.set(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    ON_TRIAL.with(|t| t.set(false));
    out
}

/// Whether this thread is checking a font file, whose parsers' panics are caught and
/// reported as a damaged font (the panic hook should print nothing).
pub fn panic_is_expected() -> bool {
    ON_TRIAL.with(std::cell::Cell::get)
}

fn damaged(why: &str) -> FontProblem {
    (
        format!("the font file is damaged or not a font handbill can read ({why})"),
        "download the font again from its maker, or use another font".into(),
    )
}

/// Check one face: its tables parse, it maps characters to glyphs that draw, it has a name,
/// and its licence flags (OS/2 `fsType`) allow embedding.
fn check_face(data: &Blob<u8>, index: u32, drawn: &mut Vec<u32>) -> Result<Face, FontProblem> {
    let font = FontRef::from_index(data.data(), index).map_err(|e| damaged(&e.to_string()))?;
    let head = font
        .head()
        .map_err(|e| damaged(&format!("head table: {e}")))?;
    if !(16..=16384).contains(&head.units_per_em()) {
        return Err(damaged("its units per em are out of range"));
    }
    font.hhea()
        .map_err(|e| damaged(&format!("hhea table: {e}")))?;
    let glyphs = font
        .maxp()
        .map_err(|e| damaged(&format!("maxp table: {e}")))?
        .num_glyphs();
    if glyphs == 0 {
        return Err(damaged("it has no glyphs"));
    }
    // Line metrics and advances a layout can use: a damaged table (or one pointing at another
    // table's bytes) gives lines metres tall.
    let upem = f32::from(head.units_per_em());
    let m = font.metrics(
        skrifa::instance::Size::unscaled(),
        skrifa::instance::LocationRef::default(),
    );
    let height = m.ascent - m.descent;
    let sane = m.ascent > 0.0
        && m.descent <= 0.0
        && (0.5 * upem..=5.0 * upem).contains(&height)
        && (0.0..=2.0 * upem).contains(&m.leading);
    if !sane {
        return Err(damaged(
            "its line metrics (ascent, descent, line gap) are out of range",
        ));
    }
    let charmap = font.charmap();
    let mapped: Vec<GlyphId> = charmap.mappings().take(64).map(|(_, g)| g).collect();
    if mapped.is_empty() {
        return Err(damaged("it maps no character to a glyph"));
    }
    if mapped.iter().any(|g| g.to_u32() >= u32::from(glyphs)) {
        return Err(damaged("its character map points past its glyphs"));
    }
    let advances = font.glyph_metrics(
        skrifa::instance::Size::unscaled(),
        skrifa::instance::LocationRef::default(),
    );
    if mapped.iter().any(|g| {
        advances
            .advance_width(*g)
            .is_none_or(|a| !(0.0..=10.0 * upem).contains(&a))
    }) {
        return Err(damaged("its glyph advances are missing or out of range"));
    }
    // Glyphs drawn as outlines (glyf, CFF, CFF2) or as colour layers or bitmaps.
    let outlines = font.outline_glyphs();
    let drawable = outlines.format().is_some()
        || mapped.iter().any(|g| font.color_glyphs().get(*g).is_some())
        || !font.bitmap_strikes().is_empty();
    if !drawable {
        return Err(damaged(
            "it has no outlines or bitmaps to draw its glyphs with",
        ));
    }
    // Every glyph's outline draws (what layout may pick is not known yet), and the glyphs
    // sampled are the size of letters, not of a page. A parser's panic on a hostile glyph
    // is caught here and refuses the font.
    let outline_table = font
        .table_directory
        .table_records()
        .iter()
        .find(|r| [*b"glyf", *b"CFF ", *b"CFF2"].contains(&r.tag().into_bytes()))
        .map(|r| r.offset());
    if outlines.format().is_some() && !outline_table.is_some_and(|t| drawn.contains(&t)) {
        drawn.extend(outline_table);
        match on_trial(|| draw_every_glyph(&font, glyphs, &mapped, 5.0 * upem)) {
            Some(Ok(())) => {}
            Some(Err(why)) => return Err(damaged(why)),
            None => return Err(damaged("one of its glyphs cannot be read")),
        }
    }
    if let Ok(os2) = font.os2() {
        let fs_type = os2.fs_type();
        // Restricted licence embedding (bit 1, with no looser bit), or bitmap embedding only
        // (bit 9): the font may not be embedded in a PDF.
        if fs_type & 0x000E == 0x0002 || fs_type & 0x0200 != 0 {
            return Err((
                format!(
                    "its licence flags (OS/2 fsType {fs_type:#06x}) forbid embedding it in a document, and every poster PDF embeds its fonts"
                ),
                "ask the font's maker for a licence that allows embedding, or use another font (every OFL font allows it)".into(),
            ));
        }
    }
    let name = |id: StringId| {
        font.localized_strings(id)
            .english_or_first()
            .map(|s| s.to_string().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let family = name(StringId::TYPOGRAPHIC_FAMILY_NAME)
        .or_else(|| name(StringId::FAMILY_NAME))
        .ok_or_else(|| damaged("it has no family name"))?;
    let aliases = [StringId::FAMILY_NAME, StringId::FULL_NAME]
        .into_iter()
        .filter_map(name)
        .filter(|n| *n != family)
        .collect();
    Ok(Face {
        family,
        aliases,
        data: data.clone(),
        index,
        bold: font.attributes().weight.value() >= 600.0,
        source: String::new(),
        bundled: false,
    })
}
