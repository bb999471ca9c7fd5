//! The one picture every backend draws: positioned items in canvas units (pixels for social
//! images, points for posters), y pointing down, each remembering where it came from.

use std::sync::Arc;

use crate::model::{Colour, ErrorCorrection, ImageFile};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Shrink by `d` on every side (never below zero size).
    pub(crate) fn inset(&self, d: f32) -> Rect {
        let d = d.min(self.w / 2.0).min(self.h / 2.0).max(0.0);
        Rect::new(self.x + d, self.y + d, self.w - 2.0 * d, self.h - 2.0 * d)
    }

    /// Whether `other` lies inside this rectangle (with a small tolerance).
    pub fn contains(&self, other: &Rect) -> bool {
        let e = 0.01;
        other.x >= self.x - e
            && other.y >= self.y - e
            && other.right() <= self.right() + e
            && other.bottom() <= self.bottom() + e
    }

    pub(crate) fn intersect(&self, other: &Rect) -> Option<Rect> {
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let r = self.right().min(other.right());
        let b = self.bottom().min(other.bottom());
        (r > x && b > y).then(|| Rect::new(x, y, r - x, b - y))
    }
}

/// One shaped glyph: its glyph id in the run's face, and its origin on the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u32,
    pub x: f32,
    pub y: f32,
    /// Advance and shaping offsets, in canvas units (for backends that place glyphs by pen).
    pub(crate) advance: f32,
    pub(crate) dx: f32,
    pub(crate) dy: f32,
    /// Byte range of the text this glyph stands for (ligature pieces folded together).
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub font: crate::fonts::FaceRef,
    /// A variable font's instance: normalized coordinates (F2Dot14, for drawing) and the axis
    /// values in user units (for the PDF); both empty for a static font.
    pub(crate) coords: Vec<i16>,
    pub(crate) variations: Vec<([u8; 4], f32)>,
    pub size: f32,
    pub glyphs: Vec<Glyph>,
}

/// A laid-out block of text, positioned on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// The text as shaped (after upper-casing, if the design asks for it).
    pub text: String,
    pub runs: Vec<GlyphRun>,
    pub(crate) colour: Colour,
    /// The ink box of the lines (line boxes, not glyph outlines).
    pub bounds: Rect,
    pub size: f32,
    /// The campaign field it shows, e.g. `text.headline`.
    pub source: String,
    /// The design box that holds it, e.g. `families.square.boxes[1]`.
    pub slot: &'static str,
    pub(crate) lang: String,
    /// The box the text was set in: its design box, or where its flow moved it.
    pub frame: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    Solid(Colour),
    /// A vertical gradient from `top` (with alpha `top_alpha`) to `bottom` (opaque).
    FadeDown {
        colour: Colour,
        top_alpha: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct QrItem {
    /// Top-left of the quiet zone.
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// Size of one module.
    pub(crate) module: f32,
    /// Modules per side, without the quiet zone.
    pub(crate) width: usize,
    pub(crate) dark: Arc<Vec<bool>>,
    pub(crate) dark_colour: Colour,
    pub(crate) light_colour: Colour,
    pub payload: String,
    pub(crate) version: i16,
    pub(crate) error_correction: ErrorCorrection,
}

impl QrItem {
    pub(crate) const QUIET: usize = 4;

    /// The whole code including its quiet zone.
    pub fn bounds(&self) -> Rect {
        let side = self.module * (self.width + 2 * Self::QUIET) as f32;
        Rect::new(self.x, self.y, side, side)
    }

    /// Horizontal runs of dark modules: (column, row, length), quiet zone included.
    pub(crate) fn runs(&self) -> Vec<(usize, usize, usize)> {
        let n = self.width;
        let q = Self::QUIET;
        let mut out = Vec::new();
        for y in 0..n {
            let mut x = 0;
            while x < n {
                if self.dark[y * n + x] {
                    let s = x;
                    while x < n && self.dark[y * n + x] {
                        x += 1;
                    }
                    out.push((s + q, y + q, x - s));
                } else {
                    x += 1;
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
pub enum Item {
    Fill {
        rect: Rect,
        radius: f32,
        paint: Paint,
    },
    Image {
        image: Arc<ImageFile>,
        dest: Rect,
        clip: Rect,
        source: String,
    },
    Text(TextItem),
    Qr(QrItem),
    /// A stroked straight line (trim marks).
    Line(Line),
}

/// A straight line from (`x1`, `y1`) to (`x2`, `y2`), stroked `width` wide.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub(crate) x1: f32,
    pub(crate) y1: f32,
    pub(crate) x2: f32,
    pub(crate) y2: f32,
    pub(crate) width: f32,
    pub(crate) colour: Colour,
}

#[derive(Debug, Clone)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// The paper or screen colour behind everything (white outside a poster's bleed).
    pub background: Colour,
    pub items: Vec<Item>,
    /// Print boxes, for posters: the trimmed page and the bleed around it.
    pub trim: Option<Rect>,
    pub bleed: Option<Rect>,
}

impl Scene {
    pub fn qr_codes(&self) -> impl Iterator<Item = &QrItem> {
        self.items.iter().filter_map(|i| match i {
            Item::Qr(q) => Some(q),
            _ => None,
        })
    }

    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}
