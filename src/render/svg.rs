//! Scene → SVG text. Glyphs are written as outlines (the shapes parley chose), so any SVG
//! renderer draws exactly what was laid out, with no fonts and no name matching.

use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider as _;
use skrifa::{GlyphId, MetadataProvider};

use crate::model::files::ImageKind;
use crate::scene::{Item, Paint, QrItem, Rect, Scene, TextItem};

/// Draw a scene as a standalone SVG document.
pub fn svg(scene: &Scene) -> String {
    svg_region(scene, Rect::new(0.0, 0.0, scene.width, scene.height))
}

/// Draw only `region` of a scene (its size in scene units; items outside are left out).
pub(crate) fn svg_region(scene: &Scene, region: Rect) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}">"#,
        x = num(region.x),
        y = num(region.y),
        w = num(region.w),
        h = num(region.h)
    );
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        num(region.x),
        num(region.y),
        num(region.w),
        num(region.h),
        scene.background.hex()
    );
    let mut images = ImageCache::default();
    let whole = region.w >= scene.width && region.h >= scene.height;
    for (i, item) in scene.items.iter().enumerate() {
        if !whole && item_bounds(item).is_none_or(|b| b.intersect(&region).is_none()) {
            continue;
        }
        match item {
            Item::Fill {
                rect,
                radius,
                paint,
            } => {
                let fill = match paint {
                    Paint::Solid(c) => c.hex(),
                    Paint::FadeDown { colour, top_alpha } => {
                        let _ = write!(
                            out,
                            r#"<defs><linearGradient id="g{i}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{c}" stop-opacity="{a}"/><stop offset="1" stop-color="{c}"/></linearGradient></defs>"#,
                            c = colour.hex(),
                            a = num(*top_alpha)
                        );
                        format!("url(#g{i})")
                    }
                };
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}"{} fill="{fill}"/>"#,
                    num(rect.x),
                    num(rect.y),
                    num(rect.w),
                    num(rect.h),
                    if *radius > 0.0 {
                        format!(r#" rx="{}""#, num(*radius))
                    } else {
                        String::new()
                    }
                );
            }
            Item::Image {
                image, dest, clip, ..
            } => {
                let Some(href) = images.href(image) else {
                    continue;
                };
                let _ = write!(
                    out,
                    r#"<defs><clipPath id="c{i}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs><image clip-path="url(#c{i})" x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="{href}"/>"#,
                    num(clip.x),
                    num(clip.y),
                    num(clip.w),
                    num(clip.h),
                    num(dest.x),
                    num(dest.y),
                    num(dest.w),
                    num(dest.h),
                );
            }
            Item::Text(t) => text(&mut out, t),
            Item::Qr(q) => qr_path(&mut out, q),
            Item::Line(l) => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(l.x1),
                    num(l.y1),
                    num(l.x2),
                    num(l.y2),
                    l.colour.hex(),
                    num(l.width)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A standalone SVG of one QR code (quiet zone included), `size` units wide.
pub(crate) fn qr_document(q: &QrItem) -> String {
    let n = q.width + 2 * QrItem::QUIET;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {n} {n}" shape-rendering="crispEdges"><title>{t}</title><rect width="{n}" height="{n}" fill="{l}"/>"#,
        s = num(q.module * n as f32),
        t = escape(&q.payload),
        l = q.light_colour.hex()
    );
    let mut d = String::new();
    module_path(&mut d, q);
    let _ = write!(
        out,
        r#"<path fill="{}" d="{d}"/></svg>"#,
        q.dark_colour.hex()
    );
    out.push('\n');
    out
}

/// Where an item draws, roughly (text: its line boxes; lines: their extent).
fn item_bounds(item: &Item) -> Option<Rect> {
    match item {
        Item::Fill { rect, .. } => Some(*rect),
        Item::Image { clip, .. } => Some(*clip),
        Item::Text(t) => Some(t.bounds),
        Item::Qr(q) => Some(q.bounds()),
        Item::Line(l) => Some(Rect::new(
            l.x1.min(l.x2) - l.width,
            l.y1.min(l.y2) - l.width,
            (l.x1 - l.x2).abs() + 2.0 * l.width,
            (l.y1 - l.y2).abs() + 2.0 * l.width,
        )),
    }
}

/// The dark modules as path data in module units: one rectangle per horizontal run.
fn module_path(out: &mut String, q: &QrItem) {
    for (x, y, len) in q.runs() {
        let _ = write!(out, "M{x} {y}h{len}v1h-{len}z");
    }
}

fn qr_path(out: &mut String, q: &QrItem) {
    let b = q.bounds();
    let _ = write!(
        out,
        r#"<g shape-rendering="crispEdges"><rect x="{}" y="{}" width="{}" height="{}" fill="{}"/><path transform="translate({} {}) scale({})" fill="{}" d=""#,
        num(b.x),
        num(b.y),
        num(b.w),
        num(b.h),
        q.light_colour.hex(),
        num(q.x),
        num(q.y),
        num(q.module),
        q.dark_colour.hex()
    );
    module_path(out, q);
    out.push_str(r#""/></g>"#);
}

fn text(out: &mut String, t: &TextItem) {
    let _ = write!(out, r#"<g fill="{}">"#, t.colour.hex());
    let mut images = String::new();
    for run in &t.runs {
        let Some(font) = run.font.font_ref() else {
            continue;
        };
        let outlines = font.outline_glyphs();
        let location = crate::fonts::location(&run.coords);
        let mut d = String::new();
        for g in &run.glyphs {
            if let Some(glyph) = outlines.get(GlyphId::new(g.id)) {
                let mut pen = SvgPen {
                    d: &mut d,
                    x: g.x,
                    y: g.y,
                };
                let _ = glyph.draw(
                    DrawSettings::unhinted(Size::new(run.size), LocationRef::new(&location)),
                    &mut pen,
                );
            } else {
                // A colour glyph drawn as a picture (an emoji's PNG).
                bitmap_glyph(&mut images, &font, g, run.size);
            }
        }
        if !d.is_empty() {
            let _ = write!(out, r#"<path d="{d}"/>"#);
        }
    }
    out.push_str(&images);
    out.push_str("</g>");
}

/// Draw glyph `g` of `font` from its PNG bitmap (CBDT or sbix), scaled from the strike nearest
/// `size` and placed by its bearings, as an image. Nothing if it has none.
fn bitmap_glyph(out: &mut String, font: &skrifa::FontRef<'_>, g: &crate::scene::Glyph, size: f32) {
    use skrifa::bitmap::{BitmapData, Origin};
    let Some(b) = font
        .bitmap_strikes()
        .glyph_for_size(Size::new(size), GlyphId::new(g.id))
    else {
        return;
    };
    let BitmapData::Png(png) = b.data else {
        return;
    };
    if b.ppem_x <= 0.0 || b.ppem_y <= 0.0 || b.width == 0 || b.height == 0 {
        return;
    }
    let upem = font
        .head()
        .map_or(1000.0, |h| f32::from(h.units_per_em().max(1)));
    let (sx, sy) = (size / b.ppem_x, size / b.ppem_y);
    let (w, h) = (b.width as f32 * sx, b.height as f32 * sy);
    let left = g.x + b.bearing_x * size / upem + b.inner_bearing_x * sx;
    let top = match b.placement_origin {
        Origin::TopLeft => g.y - b.bearing_y * size / upem - b.inner_bearing_y * sy,
        Origin::BottomLeft => g.y - b.bearing_y * size / upem - b.inner_bearing_y * sy - h,
    };
    let _ = write!(
        out,
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
        num(left),
        num(top),
        num(w),
        num(h),
        base64::engine::general_purpose::STANDARD.encode(png)
    );
}

struct SvgPen<'a> {
    d: &'a mut String,
    x: f32,
    y: f32,
}

impl OutlinePen for SvgPen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "M{} {}", num(self.x + x), num(self.y - y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "L{} {}", num(self.x + x), num(self.y - y));
    }
    fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
        let _ = write!(
            self.d,
            "Q{} {} {} {}",
            num(self.x + cx),
            num(self.y - cy),
            num(self.x + x),
            num(self.y - y)
        );
    }
    fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
        let _ = write!(
            self.d,
            "C{} {} {} {} {} {}",
            num(self.x + a),
            num(self.y - b),
            num(self.x + c),
            num(self.y - d),
            num(self.x + x),
            num(self.y - y)
        );
    }
    fn close(&mut self) {
        self.d.push('Z');
    }
}

/// `data:` URLs for images, made once per image per document.
#[derive(Default)]
struct ImageCache {
    made: HashMap<usize, String>,
}

impl ImageCache {
    fn href(&mut self, image: &crate::model::ImageFile) -> Option<String> {
        let key = image.bytes.as_ptr() as usize;
        if let Some(h) = self.made.get(&key) {
            return Some(h.clone());
        }
        let (mime, bytes): (&str, std::borrow::Cow<[u8]>) = match image.kind {
            ImageKind::Png => ("image/png", (&image.bytes[..]).into()),
            ImageKind::Jpeg => ("image/jpeg", (&image.bytes[..]).into()),
            // SVG renderers take PNG and JPEG; WebP is converted once.
            ImageKind::Webp => (
                "image/png",
                crate::render::raster::webp_to_png(&image.bytes)?.into(),
            ),
        };
        let href = format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        );
        self.made.insert(key, href.clone());
        Some(href)
    }
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    // Hundredths in integer arithmetic: drawings hold tens of thousands of numbers, and
    // float formatting was a tenth of the time of drawing a poster preview.
    let n = (f64::from(v) * 100.0).round() as i64;
    let (sign, n) = if n < 0 {
        ("-", n.unsigned_abs())
    } else {
        ("", n as u64)
    };
    let (whole, frac) = (n / 100, n % 100);
    if frac == 0 {
        format!("{sign}{whole}")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

/// Text for XML or HTML, in content or a quoted attribute: markup characters escaped, line
/// breaks kept, other control characters dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_short() {
        assert_eq!(super::num(3.0), "3");
        assert_eq!(super::num(12.345_6), "12.35");
        assert_eq!(super::num(-0.5), "-0.5");
        assert_eq!(super::num(0.05), "0.05");
        assert_eq!(super::num(-0.001), "0");
        assert_eq!(super::num(1079.999), "1080");
        assert_eq!(super::num(-12.3), "-12.3");
    }
}
