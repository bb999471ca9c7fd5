//! The fonts one campaign is set in: the bundled ones (compiled in), the campaign's own
//! (`fonts:`, tried before the bundled ones) and those of `--font-path` (named by `typeface`,
//! or tried after every bundled font: a CJK font for the characters nothing else has). A font
//! file is parsed and checked here before anything uses it; layout and both renderers take
//! their faces from a [`FontSet`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use parley::fontique::Blob;
use skrifa::raw::{FileRef, TableProvider};
use skrifa::{FontRef, GlyphId, MetadataProvider, string::StringId};

use crate::assets::FONTS;

/// Largest font file read, in bytes (a CJK collection is about 20 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;
/// Most faces taken from one collection file (`.ttc`, `.otc`).
pub const MAX_FACES_PER_FILE: u32 = 256;
/// Most bytes of font files one campaign (or `--font-path`) loads in all.
pub const MAX_TOTAL_FONT_BYTES: u64 = 256 * 1024 * 1024;
/// Most font files one campaign (or `--font-path`) loads.
pub const MAX_FONT_FILES: usize = 500;

/// The bundled colour emoji font's family (registered as the generic emoji family).
pub(crate) const EMOJI: &str = "Noto Color Emoji";

/// One face of a font file, checked and ready for layout and drawing.
pub struct Face {
    /// The family it is registered under and named by in `typeface`: the font's typographic
    /// family name (name ID 16), or its family name (ID 1).
    pub family: String,
    /// Other names `typeface` may use for it: its family (ID 1) and full name (ID 4).
    pub(crate) aliases: Vec<String>,
    pub(crate) data: Blob<u8>,
    /// The face's index in its file (0 unless the file is a collection).
    pub(crate) index: u32,
    /// Weight 600 or more.
    pub(crate) bold: bool,
    /// Where it came from: the bundled file's name, or the path as written.
    pub source: String,
    pub(crate) bundled: bool,
}

/// A face, shared by every run of text set in it.
pub type FaceRef = Arc<Face>;

impl Face {
    pub fn bytes(&self) -> &[u8] {
        self.data.data()
    }

    pub fn font_ref(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.bytes(), self.index).ok()
    }

    /// Whether this face answers to `name` (a `typeface` value), ignoring case and spaces.
    pub(crate) fn answers_to(&self, name: &str) -> bool {
        let n = squash(name);
        squash(&self.family) == n || self.aliases.iter().any(|a| squash(a) == n)
    }
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

impl PartialEq for Face {
    fn eq(&self, other: &Self) -> bool {
        self.data.id() == other.data.id() && self.index == other.index
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.family, self.source)
    }
}

/// A variable font's normalized coordinates (F2Dot14 bits) as skrifa takes them.
pub(crate) fn location(coords: &[i16]) -> Vec<skrifa::instance::NormalizedCoord> {
    coords
        .iter()
        .map(|c| skrifa::instance::NormalizedCoord::from_bits(*c))
        .collect()
}

/// The design's font roles a campaign may give its own families (`typeface:`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typeface {
    /// Headlines and titles.
    pub display: Option<String>,
    /// Everything else.
    pub text: Option<String>,
}

/// Every face one campaign may be set in, and the order they are tried in.
#[derive(Debug)]
pub struct FontSet {
    /// Bundled faces first, then the campaign's own, then those of `--font-path`.
    pub(crate) faces: Vec<FaceRef>,
    /// The campaign's own families, in the order `fonts:` lists them: tried before the
    /// bundled fonts for every role.
    pub(crate) first: Vec<String>,
    /// The families of `--font-path`: tried after every bundled font.
    pub(crate) last: Vec<String>,
    /// The families chosen for the design's roles (resolved to registered family names).
    pub(crate) typeface: Typeface,
    /// Distinct for every set made in this process; the bundled set is 0. Text engines are
    /// kept per set.
    pub(crate) key: u64,
}

static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// The bundled faces, each opened once per process.
pub(crate) fn bundled_faces() -> &'static [FaceRef] {
    static FACES: OnceLock<Vec<FaceRef>> = OnceLock::new();
    FACES.get_or_init(|| {
        FONTS
            .iter()
            .map(|f| {
                let data: Blob<u8> = Blob::new(Arc::new(f.bytes));
                let font = FontRef::new(f.bytes).ok();
                let bold = font
                    .as_ref()
                    .is_some_and(|font| font.attributes().weight.value() >= 600.0);
                Arc::new(Face {
                    family: f.family.to_string(),
                    aliases: Vec::new(),
                    data,
                    index: 0,
                    bold,
                    source: f.file.to_string(),
                    bundled: true,
                })
            })
            .collect()
    })
}

impl FontSet {
    /// The bundled fonts alone (shared: every campaign without fonts of its own uses it).
    pub fn bundled() -> Arc<FontSet> {
        static SET: OnceLock<Arc<FontSet>> = OnceLock::new();
        SET.get_or_init(|| {
            Arc::new(FontSet {
                faces: bundled_faces().to_vec(),
                first: Vec::new(),
                last: Vec::new(),
                typeface: Typeface::default(),
                key: 0,
            })
        })
        .clone()
    }

    /// The bundled fonts with the campaign's own faces (`first`, tried before them) and
    /// those of `--font-path` (`last`, tried after them).
    pub fn new(first: &[FaceRef], last: &[FaceRef], typeface: Typeface) -> Arc<FontSet> {
        if first.is_empty() && last.is_empty() && typeface == Typeface::default() {
            return Self::bundled();
        }
        let mut faces = bundled_faces().to_vec();
        let families = |list: &[FaceRef], faces: &mut Vec<FaceRef>| {
            let mut out: Vec<String> = Vec::new();
            for f in list {
                if !faces.iter().any(|g| **g == **f) {
                    faces.push(f.clone());
                }
                if !out.contains(&f.family) {
                    out.push(f.family.clone());
                }
            }
            out
        };
        let first = families(first, &mut faces);
        let last = families(last, &mut faces);
        Arc::new(FontSet {
            faces,
            first,
            last,
            typeface,
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// The face `typeface` means by `name`: a campaign face first, then `--font-path`, then
    /// a bundled one.
    pub(crate) fn find(&self, name: &str) -> Option<&FaceRef> {
        let own = |f: &&FaceRef| !f.bundled && f.answers_to(name);
        self.faces
            .iter()
            .find(own)
            .or_else(|| self.faces.iter().find(|f| f.answers_to(name)))
    }

    /// The registered family names, each once, for "did you mean" and for listing.
    pub(crate) fn family_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.faces {
            if f.family != EMOJI && !out.contains(&f.family) {
                out.push(f.family.clone());
            }
        }
        out
    }
}

/// Why a font file cannot be used: what is wrong, and what to do.
pub type FontProblem = (String, String);

/// The faces of one font file's bytes (`source`: its path as written), each parsed and
/// checked: a font or a collection of at most [`MAX_FACES_PER_FILE`] faces, each with a
/// character map, glyphs that can be drawn, a family name, and a licence that allows
/// embedding it in a PDF.
pub fn parse_font_file(bytes: Vec<u8>, source: &str) -> Result<Vec<FaceRef>, FontProblem> {
    if bytes.len() as u64 > MAX_FONT_BYTES {
        return Err((
            format!(
                "the font file is {} MB; a font may be at most {} MB",
                bytes.len() / (1024 * 1024),
                MAX_FONT_BYTES / (1024 * 1024)
            ),
            "use the font's own file rather than a bundle of many fonts".into(),
        ));
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

/// Whether `path` names a font file by its extension (`.ttf`, `.otf`, `.ttc`, `.otc`).
pub fn is_font_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// The characters of the scripts that need a font handbill does not bundle, and the font to
/// add for them (Chinese, Japanese and Korean: Noto Sans CJK, chosen by the campaign's
/// language).
pub(crate) fn cjk_advice(missing: &[char], lang: &str) -> Option<String> {
    let han = missing.iter().any(|c| is_han(*c));
    let kana = missing.iter().any(|c| matches!(*c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}'));
    let hangul = missing.iter().any(|c| matches!(*c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}'));
    if !(han || kana || hangul) {
        return None;
    }
    let l = lang.to_ascii_lowercase();
    let (file, family, what) = if l.starts_with("ja") || (kana && !l.starts_with("zh")) {
        (
            "NotoSansCJKjp-Regular.otf",
            "Noto Sans CJK JP",
            "Japanese text needs",
        )
    } else if l.starts_with("ko") || hangul {
        (
            "NotoSansCJKkr-Regular.otf",
            "Noto Sans CJK KR",
            "Korean text needs",
        )
    } else if l.contains("hant") || l.ends_with("-tw") || l.ends_with("-hk") || l.ends_with("-mo") {
        (
            "NotoSansCJKtc-Regular.otf",
            "Noto Sans CJK TC",
            "Chinese characters need",
        )
    } else {
        (
            "NotoSansCJKsc-Regular.otf",
            "Noto Sans CJK SC",
            "Chinese characters need",
        )
    };
    Some(format!(
        "{what} a CJK font, which is too large to bundle: put {family} (free, OFL: {file} from github.com/notofonts/noto-cjk, or NotoSansCJK-Regular.ttc from the package fonts-noto-cjk) and its bold in a `fonts/` folder beside the campaign file and add `fonts: [fonts/]` to the campaign, or pass `--font-path DIR`"
    ))
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF65}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_bytes(file: &str) -> Vec<u8> {
        FONTS
            .iter()
            .find(|f| f.file == file)
            .unwrap()
            .bytes
            .to_vec()
    }

    #[test]
    fn a_bundled_font_passes_the_checks() {
        let faces = parse_font_file(bundled_bytes("NotoSans-Bold.ttf"), "x.ttf").unwrap();
        assert_eq!(faces.len(), 1);
        assert_eq!(faces[0].family, "Noto Sans");
        assert!(faces[0].bold);
        assert!(faces[0].answers_to("noto-sans"));
    }

    #[test]
    fn hostile_bytes_are_refused_without_a_panic() {
        let good = bundled_bytes("NotoSans-Regular.ttf");
        // Wrong magic, a web font, truncated anywhere, nothing at all.
        assert!(
            parse_font_file(b"PK\x03\x04rest".to_vec(), "a")
                .unwrap_err()
                .0
                .contains("not a font file")
        );
        assert!(
            parse_font_file(b"wOF2\0\0\0\0".to_vec(), "a")
                .unwrap_err()
                .0
                .contains("web font")
        );
        assert!(parse_font_file(Vec::new(), "a").is_err());
        for cut in [4, 12, 100, 1000, good.len() / 2] {
            assert!(
                parse_font_file(good[..cut].to_vec(), "a").is_err(),
                "cut at {cut}"
            );
        }
        // A collection header claiming 10 000 faces.
        let mut ttc = b"ttcf\0\x01\0\0".to_vec();
        ttc.extend_from_slice(&10_000u32.to_be_bytes());
        for i in 0..10_000u32 {
            ttc.extend_from_slice(&(12 + 4 * 10_000 + i).to_be_bytes());
        }
        let e = parse_font_file(ttc, "a").unwrap_err();
        assert!(e.0.contains("10000 faces"), "{e:?}");
    }

    #[test]
    fn embedding_restrictions_are_reported() {
        let mut bytes = bundled_bytes("NotoSans-Regular.ttf");
        let font = FontRef::new(&bytes).unwrap();
        let os2 = font
            .table_directory
            .table_records()
            .iter()
            .find(|r| r.tag() == skrifa::raw::types::Tag::new(b"OS/2"))
            .unwrap()
            .offset() as usize;
        // fsType is the OS/2 table's fifth field (offset 8); 0x0002: restricted.
        bytes[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
        let e = parse_font_file(bytes, "a").unwrap_err();
        assert!(e.0.contains("forbid embedding"), "{e:?}");
    }

    #[test]
    fn cjk_advice_names_the_font_for_the_language() {
        assert!(
            cjk_advice(&['希'], "zh-Hans")
                .unwrap()
                .contains("Noto Sans CJK SC")
        );
        assert!(
            cjk_advice(&['希'], "zh-Hant")
                .unwrap()
                .contains("Noto Sans CJK TC")
        );
        assert!(
            cjk_advice(&['ひ'], "ja")
                .unwrap()
                .contains("Noto Sans CJK JP")
        );
        assert!(
            cjk_advice(&['한'], "ko")
                .unwrap()
                .contains("Noto Sans CJK KR")
        );
        assert!(cjk_advice(&['ก'], "th").is_none());
    }
}
