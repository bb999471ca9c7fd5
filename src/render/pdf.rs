//! Scenes → one PDF (a page per scene) with krilla: real, subset, embedded fonts and
//! extractable text (parley's glyphs drawn as they were laid out), TrimBox and BleedBox for
//! print, JPEG photos embedded as they are, vector everything else. Deterministic bytes.

use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect as KRect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LinearGradient, SpreadMethod, Stop, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId};
use krilla::{Document, SerializeSettings};

use crate::fonts::FaceRef;
use crate::model::Colour;
use crate::model::files::ImageKind;
use crate::scene::{Item, Paint, QrItem, Rect, Scene, TextItem};

#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub title: String,
    pub author: String,
    pub subject: Option<String>,
    pub lang: String,
    /// Seconds since 1970 (from SOURCE_DATE_EPOCH); no date at all when `None`.
    pub created: Option<i64>,
}

/// Write the scenes as the pages of one PDF.
pub fn pdf(pages: &[Scene], o: &PdfOptions) -> Result<Vec<u8>, String> {
    let mut doc = Document::new_with(SerializeSettings::default());
    let mut fonts = Fonts::default();
    for scene in pages {
        let (w, h) = (scene.width, scene.height);
        let mut settings =
            PageSettings::new(size(w, h)?).with_media_box(Some(rect(&Rect::new(0.0, 0.0, w, h))?));
        if let (Some(trim), Some(bleed)) = (scene.trim, scene.bleed) {
            settings = settings
                .with_trim_box(Some(rect(&trim)?))
                .with_bleed_box(Some(rect(&bleed)?));
        }
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        fill_rect(&mut s, &Rect::new(0.0, 0.0, w, h), 0.0, scene.background)?;
        for item in &scene.items {
            draw(&mut s, item, &mut fonts)?;
        }
        s.finish();
        page.finish();
    }
    let mut meta = Metadata::new()
        .title(o.title.clone())
        .authors(vec![o.author.clone()])
        .language(o.lang.clone())
        .creator(format!("handbill {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("handbill {}", env!("CARGO_PKG_VERSION")));
    if let Some(subject) = &o.subject {
        meta = meta.description(subject.clone());
    }
    if let Some(t) = o.created {
        meta = meta.creation_date(datetime(t));
    }
    doc.set_metadata(meta);
    doc.finish()
        .map_err(|e| format!("could not write the PDF: {e:?}"))
}

fn size(w: f32, h: f32) -> Result<Size, String> {
    Size::from_wh(w, h).ok_or_else(|| format!("a {w}×{h} pt page is not possible"))
}

fn rect(r: &Rect) -> Result<KRect, String> {
    KRect::from_xywh(r.x, r.y, r.w, r.h).ok_or_else(|| format!("bad rectangle {r:?}"))
}

fn paint(c: Colour) -> krilla::paint::Paint {
    rgb::Color::new(c.r, c.g, c.b).into()
}

fn solid(c: Colour) -> Fill {
    Fill {
        paint: paint(c),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn rect_path(r: &Rect, radius: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    if radius <= 0.0 {
        pb.push_rect(KRect::from_xywh(r.x, r.y, r.w, r.h)?);
    } else {
        // Rounded rectangle with cubic corners (k = 0.5523 approximates a quarter circle).
        let rr = radius.min(r.w / 2.0).min(r.h / 2.0);
        let k = rr * 0.552_284_8;
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        pb.move_to(x0 + rr, y0);
        pb.line_to(x1 - rr, y0);
        pb.cubic_to(x1 - rr + k, y0, x1, y0 + rr - k, x1, y0 + rr);
        pb.line_to(x1, y1 - rr);
        pb.cubic_to(x1, y1 - rr + k, x1 - rr + k, y1, x1 - rr, y1);
        pb.line_to(x0 + rr, y1);
        pb.cubic_to(x0 + rr - k, y1, x0, y1 - rr + k, x0, y1 - rr);
        pb.line_to(x0, y0 + rr);
        pb.cubic_to(x0, y0 + rr - k, x0 + rr - k, y0, x0 + rr, y0);
        pb.close();
    }
    pb.finish()
}

fn fill_rect(s: &mut Surface, r: &Rect, radius: f32, c: Colour) -> Result<(), String> {
    if let Some(p) = rect_path(r, radius) {
        s.set_fill(Some(solid(c)));
        s.draw_path(&p);
    }
    Ok(())
}

fn draw(s: &mut Surface, item: &Item, fonts: &mut Fonts) -> Result<(), String> {
    match item {
        Item::Fill {
            rect: r,
            radius,
            paint: Paint::Solid(c),
        } => fill_rect(s, r, *radius, *c)?,
        Item::Fill {
            rect: r,
            radius,
            paint: Paint::FadeDown { colour, top_alpha },
        } => {
            let Some(p) = rect_path(r, *radius) else {
                return Ok(());
            };
            let stop = |offset: f32, opacity: f32| Stop {
                offset: NormalizedF32::new(offset).unwrap_or(NormalizedF32::ZERO),
                color: rgb::Color::new(colour.r, colour.g, colour.b).into(),
                opacity: NormalizedF32::new(opacity.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE),
            };
            let gradient = LinearGradient {
                x1: r.x,
                y1: r.y,
                x2: r.x,
                y2: r.bottom(),
                transform: Transform::identity(),
                spread_method: SpreadMethod::Pad,
                stops: vec![stop(0.0, *top_alpha), stop(1.0, 1.0)],
                anti_alias: false,
            };
            s.set_fill(Some(Fill {
                paint: gradient.into(),
                opacity: NormalizedF32::ONE,
                rule: FillRule::NonZero,
            }));
            s.draw_path(&p);
        }
        Item::Image {
            image, dest, clip, ..
        } => {
            let data: Vec<u8> = image.bytes.to_vec();
            let img = match image.kind {
                // Embedded as it is: no re-encoding, no loss.
                ImageKind::Jpeg => Image::from_jpeg(data.into(), false),
                ImageKind::Png => Image::from_png(data.into(), false),
                ImageKind::Webp => {
                    let png = crate::render::raster::webp_to_png(&data)
                        .ok_or("could not read a WebP picture")?;
                    Image::from_png(png.into(), false)
                }
            }
            .map_err(|e| format!("could not embed `{}`: {e}", image.written))?;
            let Some(clip_path) = rect_path(clip, 0.0) else {
                return Ok(());
            };
            s.push_clip_path(&clip_path, &FillRule::NonZero);
            s.push_transform(&Transform::from_translate(dest.x, dest.y));
            s.draw_image(img, size(dest.w, dest.h)?);
            s.pop();
            s.pop();
        }
        Item::Text(t) => text(s, t, fonts),
        Item::Qr(q) => qr(s, q)?,
        Item::Line(l) => {
            let mut pb = PathBuilder::new();
            pb.move_to(l.x1, l.y1);
            pb.line_to(l.x2, l.y2);
            if let Some(p) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    paint: paint(l.colour),
                    width: l.width,
                    ..Stroke::default()
                }));
                s.draw_path(&p);
                s.set_stroke(None);
            }
        }
    }
    Ok(())
}

/// A parley glyph for krilla. krilla asks for advances and offsets at size 1.0 and scales them
/// itself, so they are kept per unit of font size; its y offset points up, parley's down.
#[derive(Clone)]
struct PdfGlyph {
    id: u32,
    range: Range<usize>,
    advance: f32,
    dx: f32,
    dy: f32,
}

impl krilla::text::Glyph for PdfGlyph {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(self.id)
    }
    fn text_range(&self) -> Range<usize> {
        self.range.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, size: f32) -> f32 {
        self.dx * size
    }
    fn y_offset(&self, size: f32) -> f32 {
        -self.dy * size
    }
    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// Each face (and instance of a variable face) opened once for krilla; `None` for a face
/// krilla cannot read.
#[derive(Default)]
struct Fonts(Vec<(FaceRef, Variations, Option<Font>)>);

/// A variable font's axis values (tag, user units).
type Variations = Vec<([u8; 4], f32)>;

impl Fonts {
    fn get(&mut self, run: &crate::scene::GlyphRun) -> Option<Font> {
        let (face, vars) = (&run.font, &run.variations);
        if let Some((_, _, f)) = self.0.iter().find(|(g, v, _)| **g == **face && v == vars) {
            return f.clone();
        }
        let data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> =
            std::sync::Arc::new(face.data.clone());
        let font = if vars.is_empty() {
            Font::new(data.into(), face.index)
        } else {
            let coords: Vec<(krilla::text::Tag, f32)> = vars
                .iter()
                .map(|(t, v)| (krilla::text::Tag::new(t), *v))
                .collect();
            Font::new_variable(data.into(), face.index, &coords)
        };
        self.0.push((face.clone(), vars.clone(), font.clone()));
        font
    }
}

fn text(s: &mut Surface, t: &TextItem, fonts: &mut Fonts) {
    s.set_fill(Some(solid(t.colour)));
    for run in &t.runs {
        let (Some(first), Some(font)) = (run.glyphs.first(), fonts.get(run)) else {
            continue;
        };
        if run.size <= 0.0 {
            continue;
        }
        // Runs are split at line breaks, so one run sits on one baseline: start the pen at the
        // first glyph's origin and let the advances place the rest.
        let start = Point::from_xy(first.x - first.dx, first.y - first.dy);
        let glyphs: Vec<PdfGlyph> = run
            .glyphs
            .iter()
            .map(|g| PdfGlyph {
                id: g.id,
                range: (g.start as usize).min(t.text.len())..(g.end as usize).min(t.text.len()),
                advance: g.advance / run.size,
                dx: g.dx / run.size,
                dy: g.dy / run.size,
            })
            .collect();
        let glyphs = base_first(glyphs, run, start.x);
        let text = reading_text(&t.text, &glyphs);
        s.draw_glyphs(start, &glyphs, font.clone(), &text, run.size, false);
    }
}

/// In a right-to-left run, the glyphs of one cluster (an Arabic letter and its shadda) come
/// mark first, and two glyphs with one text range keep the run's ranges from running
/// strictly backwards, so it is not marked `/ReversedChars` and readers jumble the cluster.
/// Put each cluster's base (its widest glyph) first, carrying the cluster's text, and its
/// marks after it with no text of their own; every glyph keeps its place on the page (its
/// offset is worked out again from the pen).
fn base_first(glyphs: Vec<PdfGlyph>, run: &crate::scene::GlyphRun, start_x: f32) -> Vec<PdfGlyph> {
    let backwards = glyphs.len() > 1
        && glyphs
            .windows(2)
            .all(|w| w[0].range.start >= w[1].range.start)
        && glyphs
            .windows(2)
            .any(|w| w[0].range.start > w[1].range.start)
        && glyphs.windows(2).any(|w| w[0].range == w[1].range);
    if !backwards {
        return glyphs;
    }
    // Each glyph with its place on the page, in run units.
    let placed: Vec<(PdfGlyph, f32)> = glyphs
        .into_iter()
        .zip(&run.glyphs)
        .map(|(p, g)| (p, g.x / run.size))
        .collect();
    let mut ordered: Vec<(PdfGlyph, f32)> = Vec::with_capacity(placed.len());
    let mut i = 0;
    while i < placed.len() {
        let mut j = i + 1;
        while j < placed.len() && placed[j].0.range == placed[i].0.range {
            j += 1;
        }
        let mut cluster: Vec<(PdfGlyph, f32)> = placed[i..j].to_vec();
        if cluster.len() > 1 {
            let base = (0..cluster.len())
                .max_by(|a, b| cluster[*a].0.advance.total_cmp(&cluster[*b].0.advance))
                .unwrap_or(0);
            let b = cluster.remove(base);
            let at = b.0.range.start;
            for m in &mut cluster {
                m.0.range = at..at;
            }
            cluster.insert(0, b);
        }
        ordered.extend(cluster);
        i = j;
    }
    let mut pen = start_x / run.size;
    ordered
        .into_iter()
        .map(|(mut g, x)| {
            g.dx = x - pen;
            pen += g.advance;
            g
        })
        .collect()
}

/// The text a run's glyphs stand for, as extractors read it back. A right-to-left run is
/// drawn left to right (its glyphs' text runs backwards, and krilla marks it
/// `/ReversedChars`); readers such as `pdftotext` then reverse its characters to logical order,
/// and so also reverse the letters of one glyph that stands for several (the Arabic lam-alef
/// ligature, a letter with its shadda). Each such glyph's letters are given reversed, so that
/// the reader's reversal puts them back in order.
fn reading_text<'a>(text: &'a str, glyphs: &[PdfGlyph]) -> std::borrow::Cow<'a, str> {
    let backwards = glyphs.len() > 1
        && glyphs
            .windows(2)
            .all(|w| w[0].range.start >= w[1].range.end);
    if !backwards {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    let mut done: Vec<Range<usize>> = Vec::new();
    for g in glyphs {
        let r = g.range.clone();
        if done.contains(&r) || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            continue;
        }
        let piece = &text[r.clone()];
        let shared = glyphs.iter().filter(|h| h.range == r).count() > 1;
        if piece.chars().nth(1).is_some() && !shared {
            let reversed: String = piece.chars().rev().collect();
            out.replace_range(r.clone(), &reversed);
        }
        done.push(r);
    }
    std::borrow::Cow::Owned(out)
}

fn qr(s: &mut Surface, q: &QrItem) -> Result<(), String> {
    fill_rect(s, &q.bounds(), 0.0, q.light_colour)?;
    // Drawn in module units under one transform: the page's content holds small whole
    // numbers instead of a coordinate with decimals for every corner, so the code costs a
    // third of the bytes to write and to compress, with the same geometry.
    let mut pb = PathBuilder::new();
    for (x, y, len) in q.runs() {
        if let Some(r) = KRect::from_xywh(x as f32, y as f32, len as f32, 1.0) {
            pb.push_rect(r);
        }
    }
    if let Some(p) = pb.finish() {
        s.push_transform(&Transform::from_row(q.module, 0.0, 0.0, q.module, q.x, q.y));
        s.set_fill(Some(solid(q.dark_colour)));
        s.draw_path(&p);
        s.pop();
    }
    Ok(())
}

/// Civil date (UTC) from seconds since 1970.
fn datetime(secs: i64) -> DateTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = (yoe + era * 400 + i64::from(m <= 2)).clamp(0, 9999);
    DateTime::new(y as u16)
        .month(m as u8)
        .day(d as u8)
        .hour((rem / 3600) as u8)
        .minute((rem % 3600 / 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
