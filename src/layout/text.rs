//! Text shaping and line breaking with parley over the bundled fonts only, and auto-fit:
//! the largest size in a range at which the text fits its box.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use parley::fontique::{
    Blob, CharmapIndex, Collection, CollectionOptions, FallbackKey, FontInfoOverride,
    GenericFamily, Script, SourceCache,
};
use parley::{
    Alignment, AlignmentOptions, BaseDirection, FontContext, FontFamily, FontFamilyName,
    FontWeight, Language, LayoutContext, LineHeight, OverflowWrap, PositionedLayoutItem,
    StyleProperty, TextWrapMode,
};

use skrifa::instance::{LocationRef, Size};
use skrifa::{GlyphId, MetadataProvider};

use crate::assets::{DISPLAY, KHMER, SANS, SYMBOLS, SYMBOLS_2};
use crate::design::{Align, FontRole, Weight};
use crate::fonts::{EMOJI, FaceRef, FontSet};
use crate::scene::{Glyph, GlyphRun};

/// How a block of text is set.
#[derive(Debug, Clone)]
pub(crate) struct TextStyle {
    pub(crate) font: FontRole,
    pub(crate) weight: Weight,
    pub(crate) line_height: f32,
    pub(crate) lang: String,
    pub(crate) align: Align,
    /// Set the text up to this byte offset in bold (0: none).
    pub(crate) bold_until: usize,
    /// How lines may break.
    pub(crate) wrap: Wrap,
}

/// Where a block of text may break into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Between words (as the language breaks them), and inside e-mail addresses and web
    /// addresses after `@`, `.`, `/`, `-` and `_`.
    Words,
    /// As `Words`, and inside a word too long for the line (the last resort for a word wider
    /// than its box).
    Anywhere,
    /// Never: one line that shrinks to fit (a hashtag).
    Never,
}

/// Text laid out at one size, positioned relative to the block's top-left.
#[derive(Debug, Clone)]
pub(crate) struct Laid {
    pub(crate) size: f32,
    pub(crate) runs: Vec<GlyphRun>,
    /// Widest line, trailing spaces excluded.
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) lines: usize,
    /// How far the ink reaches past the left of the box and past the right of the width the
    /// lines were broken at, beyond a tenth of the size (a little is every font's side
    /// bearing).
    pub(crate) overhang: (f32, f32),
}

/// A font collection with one campaign's fonts (the bundled ones and its own, never the
/// system's), and parley's layout state. Not shared between threads: each worker makes its
/// own (cheap: under a millisecond for the bundled fonts).
pub(crate) struct TextEngine {
    fcx: FontContext,
    lcx: LayoutContext<()>,
    fonts: Arc<FontSet>,
    /// Each face by its data's blob id and its index in the file, to map a run back to it.
    faces: HashMap<(u64, u32), FaceRef>,
    /// Each registered face's character map (where it is in its file's bytes), for coverage.
    charmaps: Vec<(CharmapIndex, Blob<u8>)>,
    /// The languages whose own fallback keys are set (see `fallbacks_for`).
    locales: Vec<String>,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine with the bundled fonts alone.
    pub(crate) fn new() -> Self {
        Self::with_fonts(FontSet::bundled())
    }

    /// An engine with the faces of `fonts`.
    pub(crate) fn with_fonts(fonts: Arc<FontSet>) -> Self {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let mut faces = HashMap::new();
        let mut charmaps = Vec::new();
        let mut registered: Vec<u64> = Vec::new();
        let mut emoji = None;
        for f in &fonts.faces {
            faces.insert((f.data.id(), f.index), f.clone());
            if registered.contains(&f.data.id()) {
                continue;
            }
            registered.push(f.data.id());
            // Bundled faces are registered under the family layout asks for (the condensed
            // face's own family is "Noto Sans"); a campaign's under their own names (a
            // collection's faces may belong to several families).
            let over = f.bundled.then(|| FontInfoOverride {
                family_name: Some(f.family.as_str()),
                ..Default::default()
            });
            for (family, infos) in collection.register_fonts(f.data.clone(), over) {
                if f.family == EMOJI {
                    emoji = Some(family);
                }
                charmaps.extend(infos.iter().map(|i| (i.charmap_index(), f.data.clone())));
            }
        }
        // Each script Noto Sans lacks goes to its own family whatever family was asked for.
        set_script_fallbacks(&mut collection, None);
        if let Some(id) = emoji {
            collection.set_generic_families(GenericFamily::Emoji, [id].into_iter());
        }
        // parley 0.12 adds the fallbacks of Han (with no language) to those of every script
        // (its issue 597): what no script's face has goes there — the symbol faces (♥, ✝ as
        // text), the families of `--font-path` (after every bundled font: Chinese, Japanese,
        // Korean in any language), and last colour emoji, for a symbol only it has.
        let mut tail: Vec<_> = [SYMBOLS, SYMBOLS_2]
            .iter()
            .map(|s| s.to_string())
            .chain(fonts.last.iter().cloned())
            .chain(fonts.first.iter().cloned())
            .filter_map(|f| collection.family_id(&f))
            .chain(emoji)
            .collect();
        tail.dedup();
        collection.set_fallbacks(
            FallbackKey::new(Script::from_bytes(*b"Hani"), None),
            tail.into_iter(),
        );
        let fcx = FontContext {
            collection,
            source_cache: SourceCache::default(),
        };
        TextEngine {
            fcx,
            lcx: LayoutContext::new(),
            fonts,
            faces,
            charmaps,
            locales: Vec::new(),
        }
    }

    /// The set of fonts this engine sets text in.
    pub(crate) fn fonts(&self) -> &Arc<FontSet> {
        &self.fonts
    }

    /// The font stack for a role: the family the campaign chose for it (`typeface`), then
    /// its own families (`fonts:`), then the design's bundled ones. A role the campaign did
    /// not choose a family for, when it chose one for another role, keeps the design's
    /// family first (its own fonts still set what the bundled ones lack).
    fn stack(&self, role: FontRole) -> Vec<FontFamilyName<'static>> {
        let t = &self.fonts.typeface;
        let chosen = match role {
            FontRole::Display => t.display.as_ref(),
            FontRole::Text => t.text.as_ref(),
        };
        let design: &[&str] = if role == FontRole::Display {
            &[DISPLAY, SANS]
        } else {
            &[SANS]
        };
        let mut names: Vec<String> = chosen.cloned().into_iter().collect();
        let own = self.fonts.first.iter().cloned();
        if chosen.is_none() && (t.display.is_some() || t.text.is_some()) {
            names.extend(design.iter().map(|s| s.to_string()));
            names.extend(own);
        } else {
            names.extend(own);
            names.extend(design.iter().map(|s| s.to_string()));
        }
        names.push(KHMER.to_string());
        names
            .into_iter()
            .map(|n| FontFamilyName::Named(n.into()))
            .collect()
    }

    /// fontique keeps fallbacks per script and language, and a language it knows for a script
    /// but not as that script's default (Amharic for Ethiopic, Marathi for Devanagari) finds
    /// only the fallbacks set for it: set them for `lang` the first time it is seen.
    fn fallbacks_for(&mut self, lang: &str) {
        if !self.locales.iter().any(|l| l == lang) {
            set_script_fallbacks(&mut self.fcx.collection, Some(lang));
            self.locales.push(lang.to_string());
        }
    }

    /// Characters that none of the fonts can draw (white space and joiners excepted).
    pub(crate) fn uncovered(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
            {
                continue;
            }
            let covered = self.charmaps.iter().any(|(idx, data)| {
                idx.charmap(data.data())
                    .and_then(|m| m.map(c))
                    .is_some_and(|g| g != 0)
            });
            if !covered && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Lay out `text` at `size`, breaking lines at `max_width`.
    pub(crate) fn layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        size: f32,
        max_width: f32,
    ) -> Laid {
        // A glyph's ink may reach past its advance (an Arabic final letter's tail, at the left
        // end of a right-to-left line): break the lines narrower by what sticks out, and move
        // them in, so that the ink stays in the box too.
        let mut laid = self.layout_once(text, style, size, max_width);
        let mut narrower = 0.0;
        for _ in 0..3 {
            let (left, right) = laid.overhang;
            if left + right <= narrower + 0.01 || left + right >= max_width / 2.0 {
                break;
            }
            narrower = left + right;
            laid = self.layout_once(text, style, size, max_width - narrower);
        }
        let (left, right) = laid.overhang;
        if left + right > 0.0 {
            for g in laid.runs.iter_mut().flat_map(|r| r.glyphs.iter_mut()) {
                g.x += left;
            }
            laid.width += left + right;
        }
        laid
    }

    /// `layout` in one pass: lines broken at `max_width`, whatever the ink does.
    fn layout_once(&mut self, text: &str, style: &TextStyle, size: f32, max_width: f32) -> Laid {
        let families = self.stack(style.font);
        self.fallbacks_for(&style.lang);
        let mut b = self.lcx.ranged_builder(&mut self.fcx, text, 1.0, false);
        // The campaign's language sets the paragraph's direction, not its first letter (an
        // Arabic line that starts with a Latin name is still right to left); text with no
        // right-to-left letter at all (a Latin hashtag, an e-mail address) stays left to right,
        // or its `#` would move to its end.
        if right_to_left(&style.lang) && text.chars().any(is_right_to_left) {
            b.set_base_direction(BaseDirection::Rtl);
        }
        b.push_default(StyleProperty::FontFamily(FontFamily::List(families.into())));
        b.push_default(StyleProperty::FontSize(size));
        b.push_default(StyleProperty::FontWeight(FontWeight::new(
            if style.weight == Weight::Bold {
                700.0
            } else {
                400.0
            },
        )));
        b.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.line_height,
        )));
        b.push_default(StyleProperty::Locale(Language::parse(&style.lang).ok()));
        match style.wrap {
            Wrap::Never => b.push_default(StyleProperty::TextWrapMode(TextWrapMode::NoWrap)),
            Wrap::Anywhere => {
                b.push_default(StyleProperty::OverflowWrap(OverflowWrap::Anywhere));
            }
            Wrap::Words => {}
        }
        if style.wrap != Wrap::Never && has_address(text) {
            b.set_line_break_override(Some(ADDRESS_BREAKS));
        }
        if style.bold_until > 0 && text.is_char_boundary(style.bold_until.min(text.len())) {
            b.push(
                StyleProperty::FontWeight(FontWeight::new(700.0)),
                0..style.bold_until.min(text.len()),
            );
        }
        let mut layout: parley::Layout<()> = b.build(text);
        layout.break_all_lines(Some(max_width));
        // Physical: `style.align` is already mirrored for right-to-left campaigns.
        let align = match style.align {
            Align::Left => Alignment::Left,
            Align::Center => Alignment::Center,
            Align::Right => Alignment::Right,
        };
        layout.align(
            align,
            AlignmentOptions {
                align_when_overflowing: true,
                ..Default::default()
            },
        );

        let mut runs = Vec::new();
        let mut width = 0f32;
        // The block reaches from the first line's box to the last one's, or further where the
        // ink does (a tight line height lets ascenders, descenders and stacked marks stick out
        // of the line boxes): the text's box must hold the ink, not just the line boxes.
        let (mut top, mut bottom) = (0f32, layout.height());
        // Ink past the pen positions and advances (lines wider than `max_width` overflow, which
        // is not ink sticking out: fitting deals with it).
        let (mut ink_left, mut ink_right) = (0f32, max_width);
        let (mut pen_left, mut pen_right) = (0f32, max_width);
        let lines = layout.len();
        for line in layout.lines() {
            let m = line.metrics();
            // parley counts trailing spaces of a paragraph's last line in `advance`; measure them.
            let mut trailing = 0f32;
            'outer: for run in line.runs().collect::<Vec<_>>().into_iter().rev() {
                for cl in run.clusters().collect::<Vec<_>>().into_iter().rev() {
                    if cl.is_space_or_nbsp() || cl.is_hard_line_break() {
                        trailing += cl.advance();
                    } else {
                        break 'outer;
                    }
                }
            }
            width = width.max(m.advance - m.hanging_advance.max(trailing));
            for item in line.items() {
                let PositionedLayoutItem::GlyphRun(gr) = item else {
                    continue;
                };
                let run = gr.run();
                let Some(font) = self
                    .faces
                    .get(&(run.font().data.id(), run.font().index))
                    .cloned()
                else {
                    continue;
                };
                let ranges = glyph_text_ranges(run);
                let coords: Vec<i16> = run
                    .normalized_coords()
                    .iter()
                    .map(|c| c.to_bits())
                    .collect();
                let glyphs: Vec<Glyph> = gr
                    .positioned_glyphs()
                    .zip(gr.glyphs())
                    .enumerate()
                    .map(|(i, (g, raw))| {
                        let r = ranges.get(i).cloned().unwrap_or(0..0);
                        Glyph {
                            id: g.id,
                            x: g.x,
                            y: g.y,
                            advance: g.advance,
                            dx: raw.x,
                            dy: raw.y,
                            start: r.start as u32,
                            end: r.end as u32,
                        }
                    })
                    // A space at a line's end may hang past the box (at the left of a
                    // right-to-left line): it draws nothing and the line break separates the
                    // words, so it is left out.
                    .filter(|g| {
                        let outside = g.x < -0.01 || g.x + g.advance > max_width + 0.01;
                        !(outside
                            && text
                                .get(g.start as usize..g.end as usize)
                                .is_some_and(|t| !t.is_empty() && t.trim().is_empty()))
                    })
                    .collect();
                // Marks and stacks (Khmer subscripts and vowels below) can ink past the
                // font's ascent and descent; the block grows to hold them.
                if let Some(face) = font.font_ref() {
                    let location = crate::fonts::location(&coords);
                    let metrics =
                        face.glyph_metrics(Size::new(run.font_size()), LocationRef::new(&location));
                    for g in &glyphs {
                        if let Some(b) = metrics.bounds(GlyphId::new(g.id)) {
                            top = top.min(g.y - b.y_max);
                            bottom = bottom.max(g.y - b.y_min);
                            ink_left = ink_left.min(g.x + b.x_min);
                            ink_right = ink_right.max(g.x + b.x_max);
                            pen_left = pen_left.min(g.x);
                            pen_right = pen_right.max(g.x + g.advance);
                        }
                    }
                }
                if !glyphs.is_empty() {
                    runs.push(GlyphRun {
                        font,
                        coords,
                        variations: run
                            .synthesis()
                            .variation_settings()
                            .iter()
                            .map(|(t, v)| (t.to_be_bytes(), *v))
                            .collect(),
                        size: run.font_size(),
                        glyphs,
                    });
                }
            }
        }
        for g in runs.iter_mut().flat_map(|r| r.glyphs.iter_mut()) {
            g.y -= top;
        }
        let tolerance = 0.1 * size;
        Laid {
            size,
            runs,
            width,
            height: bottom - top,
            lines,
            overhang: (
                (pen_left - ink_left - tolerance).max(0.0),
                (ink_right - pen_right - tolerance).max(0.0),
            ),
        }
    }

    /// Set `laid` (laid out `w` wide) in lines of even length, as a designer balances a
    /// headline: the narrowest measure that keeps the same number of lines and height, so the
    /// last line is not one lonely word. The lines stay aligned as before across the full `w`.
    pub(crate) fn balance(&mut self, text: &str, style: &TextStyle, laid: Laid, w: f32) -> Laid {
        if laid.lines < 2 || style.wrap == Wrap::Never {
            return laid;
        }
        let keeps = |l: &Laid| l.lines == laid.lines && l.height <= laid.height + 0.01;
        let (mut lo, mut hi) = (laid.width * 0.5, laid.width);
        let mut best: Option<(f32, Laid)> = None;
        for _ in 0..8 {
            let mid = (lo + hi) / 2.0;
            let tried = self.layout(text, style, laid.size, mid);
            if keeps(&tried) && tried.width <= mid + 0.01 {
                hi = mid;
                best = Some((mid, tried));
            } else {
                lo = mid;
            }
        }
        let Some((measure, mut even)) = best else {
            return laid;
        };
        // Glyphs were aligned within `measure`; align them within `w` as the box expects.
        let shift = match style.align {
            Align::Left => 0.0,
            Align::Center => (w - measure) / 2.0,
            Align::Right => w - measure,
        };
        for g in even.runs.iter_mut().flat_map(|r| r.glyphs.iter_mut()) {
            g.x += shift;
        }
        even
    }

    /// The largest size in `[min, max]` (half-unit steps) at which `text` fits `w`×`h`.
    pub(crate) fn fit(
        &mut self,
        text: &str,
        style: &TextStyle,
        w: f32,
        h: f32,
        min: f32,
        max: f32,
    ) -> Result<Laid, Overflow> {
        let fits = |l: &Laid| l.height <= h + 0.01 && l.width <= w + 0.01;
        let (mut lo, mut hi) = ((min * 2.0).ceil() as i32, (max * 2.0).floor() as i32);
        let mut best = None;
        while lo <= hi {
            let mid = lo + (hi - lo) / 2;
            let laid = self.layout(text, style, mid as f32 / 2.0, w);
            if fits(&laid) {
                best = Some(laid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if let Some(b) = best {
            return Ok(b);
        }
        // Even the smallest size overflows: find how much of the text would fit.
        let smallest = self.layout(text, style, min, w);
        // Cut at spaces; text without them (Khmer, Thai, Chinese) at any character.
        let mut words: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        if words.len() < 4 {
            words = text
                .char_indices()
                .map(|(i, _)| i)
                .filter(|i| *i > 0)
                .chain([text.len()])
                .collect();
        }
        let (mut lo, mut hi) = (0usize, words.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(&self.layout(&text[..words[mid - 1]], style, min, w)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let fitting_chars = if lo == 0 {
            0
        } else {
            text[..words[lo - 1]].chars().count()
        };
        Err(Overflow {
            chars: text.chars().count(),
            fitting_chars,
            word_too_wide: smallest.width > w + 0.01,
        })
    }
}

/// Text that does not fit even at the smallest allowed size.
#[derive(Debug, Clone)]
pub(crate) struct Overflow {
    pub(crate) chars: usize,
    pub(crate) fitting_chars: usize,
    pub(crate) word_too_wide: bool,
}

/// The byte range of text each glyph of a run stands for, in glyph order. Glyph-less
/// clusters (pieces of a ligature, e.g. the `i` of `fi`) are folded into the glyphs before
/// them so that extracted text keeps every character.
fn glyph_text_ranges(run: &parley::Run<'_, ()>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut last_start = 0usize;
    let mut pending: Option<Range<usize>> = None;
    for cl in run.visual_clusters() {
        let n = cl.glyphs().count();
        let mut r = cl.text_range();
        if n == 0 && cl.is_hard_line_break() {
            continue;
        }
        if n == 0 {
            if ranges.is_empty() {
                pending = Some(match pending {
                    Some(p) => p.start.min(r.start)..p.end.max(r.end),
                    None => r,
                });
            } else {
                for rr in &mut ranges[last_start..] {
                    *rr = rr.start.min(r.start)..rr.end.max(r.end);
                }
            }
            continue;
        }
        if let Some(p) = pending.take() {
            r = p.start.min(r.start)..p.end.max(r.end);
        }
        last_start = ranges.len();
        ranges.extend(std::iter::repeat_n(r, n));
    }
    ranges
}

mod breaks;
mod scripts;
#[cfg(test)]
mod tests;

use breaks::{ADDRESS_BREAKS, has_address};
pub(crate) use scripts::right_to_left;
use scripts::{is_right_to_left, set_script_fallbacks};
