//! The poster page: paper size, finish (print shop: bleed, trim marks; office: printable
//! margin), the safe area the design is placed in, and print checks (photo resolution).

use crate::design::{Design, FamilyKind};
use crate::diag::Diagnostic;
use crate::model::units::PT_PER_MM;
use crate::model::{Campaign, Finish, Group};
use crate::scene::{Item, Line, Rect, Scene};

use super::Canvas;

/// Bleed beyond the trim on every side, for a print shop.
pub(crate) const BLEED: f32 = 3.0 * PT_PER_MM as f32;
/// Trim marks start this far outside the bleed, are this long, and this thick.
pub(crate) const MARK_OFFSET: f32 = 3.0 * PT_PER_MM as f32;
pub(crate) const MARK_LENGTH: f32 = 18.0;
pub(crate) const MARK_WIDTH: f32 = 0.25;
/// Room around the trim for bleed and marks.
pub(crate) const SLUG: f32 = BLEED + MARK_OFFSET + MARK_LENGTH;
/// Text and codes stay at least this far inside the trim (12 mm; print shops ask for ≥ 5 mm,
/// desktop printers cannot print the outer ~6 mm).
pub(crate) const MARGIN: f32 = 12.0 * PT_PER_MM as f32;
/// The smallest printed QR code (without its quiet zone): 2 cm.
pub(crate) const MIN_QR: f32 = 20.0 * PT_PER_MM as f32;
/// The smallest text on a Letter poster, read from a step or two away: 14 pt, scaled with the
/// paper (a headline's floor is twice that); see [`floor`].
pub(crate) const FLOOR_PT: f32 = 14.0;

/// The smallest text on a `w` × `h` pt page: 14 pt × (the shorter side ÷ 612 pt), the shorter
/// side counted as at most the longer ÷ 1.294 — the largest page of Letter's proportions that
/// fits on the paper. Tabloid: 18.1 pt, A2: 27.2 pt, 24 × 36 in: 39.5 pt; a 30 cm square
/// counts as a 657 × 850 pt page: 15.0 pt (a square page is not read from further away than
/// the Letter page inside it).
pub(crate) fn floor(w: f32, h: f32) -> f32 {
    let (short, long) = (w.min(h), w.max(h));
    FLOOR_PT * short.min(long * 612.0 / 792.0) / 612.0
}

/// Photo resolution at its printed size below which handbill warns, and below which it refuses.
pub(crate) const WARN_PPI: f32 = 150.0;
pub(crate) const MIN_PPI: f32 = 100.0;

pub fn canvas<'a>(
    design: &'a Design,
    c: &'a Campaign,
    group: Option<&'a Group>,
) -> Option<Canvas<'a>> {
    let (w, h) = (c.poster.paper.width as f32, c.poster.paper.height as f32);
    let family = if w > h {
        design.families.get(&FamilyKind::PosterLandscape)
    } else {
        None
    }
    .or_else(|| design.families.get(&FamilyKind::Poster))?;
    let print = c.poster.finish == Finish::PrintShop;
    let slug = if print { SLUG } else { 0.0 };
    let trim = Rect::new(slug, slug, w, h);
    let bleed = if print {
        Rect::new(slug - BLEED, slug - BLEED, w + 2.0 * BLEED, h + 2.0 * BLEED)
    } else {
        trim
    };
    let margin = MARGIN.max(0.045 * w.min(h));
    // Messages name the paper: "the landscape a4 poster for Tuesday Night Study".
    let paper = format!(
        "{}{}",
        if w > h { "landscape " } else { "" },
        c.poster.paper.name
    );
    let what = match group {
        Some(g) => format!("the {paper} poster for {}", g.name),
        None => format!("the {paper} poster"),
    };
    Some(Canvas {
        family,
        what,
        width: w + 2.0 * slug,
        height: h + 2.0 * slug,
        type_height: h,
        safe: trim.inset(margin),
        bleed,
        channel: crate::model::Channel::Print,
        group,
        min_qr: MIN_QR.max(c.poster.scan_distance as f32 / 10.0),
        whole_modules: false,
        trim: print.then_some(trim),
        floor: floor(w, h),
        headline_floor: 2.0,
        group_size: None,
    })
}

/// Trim marks at the four corners: 0.25 pt lines on the trim lines, outside the bleed.
pub(crate) fn trim_marks(trim: Rect) -> Vec<Item> {
    let o = BLEED + MARK_OFFSET;
    let colour = crate::model::Colour::rgb(0, 0, 0);
    let mut out = Vec::new();
    for (cx, cy, sx, sy) in [
        (trim.x, trim.y, -1.0, -1.0),
        (trim.right(), trim.y, 1.0, -1.0),
        (trim.x, trim.bottom(), -1.0, 1.0),
        (trim.right(), trim.bottom(), 1.0, 1.0),
    ] {
        let mark = |x1, y1, x2, y2| {
            Item::Line(Line {
                x1,
                y1,
                x2,
                y2,
                width: MARK_WIDTH,
                colour,
            })
        };
        out.push(mark(cx + sx * o, cy, cx + sx * (o + MARK_LENGTH), cy));
        out.push(mark(cx, cy + sy * o, cx, cy + sy * (o + MARK_LENGTH)));
    }
    out
}

/// Photo resolution at printed size: warnings below 150 ppi, errors below 100 ppi.
pub(crate) fn check_resolution(c: &Campaign, scene: &Scene) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in &scene.items {
        let Item::Image {
            image,
            dest,
            source,
            ..
        } = item
        else {
            continue;
        };
        let ppi = image.width as f32 / (dest.w / 72.0);
        let printed = format!(
            "{:.0} × {:.0} mm",
            dest.w / PT_PER_MM as f32,
            dest.h / PT_PER_MM as f32
        );
        let need = |ppi: f32| {
            (
                (ppi * dest.w / 72.0).ceil() as u32,
                (ppi * dest.h / 72.0).ceil() as u32,
            )
        };
        if ppi < MIN_PPI {
            let (pw, ph) = need(WARN_PPI);
            out.push(c.locator.error(
                source,
                format!("`{}` is {}×{} px, only {ppi:.0} ppi printed at {printed}; under 100 ppi prints visibly blurry", image.written, image.width, image.height),
                format!("use a larger picture: {pw}×{ph} px or more gives 150 ppi"),
            ));
        } else if ppi < WARN_PPI {
            let (pw, ph) = need(WARN_PPI);
            out.push(c.locator.warning(
                source,
                format!(
                    "`{}` is {}×{} px, {ppi:.0} ppi printed at {printed}; it may print soft",
                    image.written, image.width, image.height
                ),
                format!("for a sharp print use {pw}×{ph} px or more (150 ppi)"),
            ));
        }
    }
    out
}
