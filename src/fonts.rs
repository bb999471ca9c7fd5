//! The fonts one campaign is set in: the bundled ones (compiled in), the campaign's own
//! (`fonts:`, tried before the bundled ones) and those of `--font-path` (named by `typeface`,
//! or tried after every bundled font: a CJK font for the characters nothing else has). A font
//! file is parsed and checked here before anything uses it; layout and both renderers take
//! their faces from a [`FontSet`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use parley::fontique::Blob;
use skrifa::{FontRef, MetadataProvider};

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

/// Whether `path` names a font file by its extension (`.ttf`, `.otf`, `.ttc`, `.otc`).
pub fn is_font_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

mod check;
mod cjk;
#[cfg(test)]
mod tests;

pub(crate) use check::too_large;
pub use check::{FontProblem, panic_is_expected, parse_font_file};
pub(crate) use cjk::cjk_advice;
