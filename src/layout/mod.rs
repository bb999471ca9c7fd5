//! Campaign + design + canvas → Scene. The design's boxes are placed in the safe area, each
//! slot is filled from the campaign (text auto-fitted, pictures cropped, the QR code encoded
//! for the channel), and every problem is reported against the campaign field it concerns.

mod copy;
mod flow;
pub mod poster;
pub(crate) mod qr;
pub(crate) mod social;
pub(crate) mod text;

pub(crate) use copy::group_size;

use std::sync::Arc;

use crate::design::{DesignBox, Family, Fit, Slot};
use crate::diag::Diagnostic;
use crate::model::{Campaign, Colour, Focus, Group, ImageFile};
use crate::scene::{Item, Paint, QrItem, Rect, Scene};
use text::TextEngine;

/// What to lay out: one canvas of one family, for one channel (and group, on posters).
pub struct Canvas<'a> {
    pub family: &'a Family,
    /// Human name of the product, for messages: "the instagram-square image".
    pub(crate) what: String,
    pub(crate) width: f32,
    pub(crate) height: f32,
    /// The height font sizes are fractions of: the image, or the trimmed page.
    pub(crate) type_height: f32,
    /// Where text and codes may go; boxes with `bleed` reach past it to the canvas edge.
    pub safe: Rect,
    /// The canvas area boxes with `bleed` extend to (the page plus bleed, on posters).
    pub(crate) bleed: Rect,
    pub(crate) channel: crate::model::Channel,
    pub(crate) group: Option<&'a Group>,
    /// Smallest QR code side allowed, in canvas units (quiet zone not included).
    pub(crate) min_qr: f32,
    /// The trimmed page, for print (the bleed is then `bleed`).
    pub(crate) trim: Option<Rect>,
    /// Snap QR modules to whole units (pixels), for crisp raster output.
    pub(crate) whole_modules: bool,
    /// The smallest text size that stays legible on this canvas (canvas units); a headline's
    /// floor is `headline_floor` times it.
    pub(crate) floor: f32,
    pub(crate) headline_floor: f32,
    /// The size of the group block on every poster of a series (the groups of one campaign),
    /// so the set looks consistent: the largest size at which every group's block fits.
    pub(crate) group_size: Option<f32>,
}

/// A laid-out canvas, and what gave way on it (optional slots left out, with why).
pub(crate) struct Composed {
    pub(crate) scene: Scene,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Lay out one canvas. Errors name the campaign field and the design box.
pub(crate) fn compose(
    engine: &mut TextEngine,
    codes: &qr::Codes,
    c: &Campaign,
    canvas: &Canvas,
) -> Result<Composed, Vec<Diagnostic>> {
    // The design's ground covers the page and its bleed; outside it (a poster's slug with the
    // trim marks) the paper stays white.
    let mut items = vec![Item::Fill {
        rect: canvas.bleed,
        radius: 0.0,
        paint: Paint::Solid(canvas.family.background),
    }];
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let rects: Vec<Rect> = canvas
        .family
        .boxes
        .iter()
        .map(|b| box_rect(b, canvas))
        .collect();
    let mut texts = copy::fit_texts(engine, c, canvas, &rects, &mut errors, &mut warnings);
    for (i, b) in canvas.family.boxes.iter().enumerate() {
        let mut rect = rects[i];
        let mut text = None;
        if b.slot.is_text() {
            // A text box shows only if its words were fitted (not absent, not given way).
            let Some((r, t)) = texts.remove(&i) else {
                continue;
            };
            rect = r;
            text = Some(t);
        } else if !slot_has_content(c, b.slot) {
            continue;
        }
        let inner = rect.inset(b.padding * rect.w.min(rect.h));
        if let Some(bg) = b.background.filter(|_| b.slot != Slot::Rect) {
            items.push(Item::Fill {
                rect,
                radius: b.radius * rect.w.min(rect.h),
                paint: Paint::Solid(bg),
            });
        }
        match b.slot {
            Slot::Rect => items.push(Item::Fill {
                rect,
                radius: b.radius * rect.w.min(rect.h),
                paint: Paint::Solid(b.colour_for(c.accent)),
            }),
            Slot::Hero => {
                if let Some(img) = &c.hero {
                    // The subject goes to the middle of the box, or of its clear part above
                    // the fade, where the crop allows.
                    let aim = c.hero_focus.map(|focus| {
                        let clear = if b.fade_to.is_some() { FADE_FROM } else { 1.0 };
                        Aim {
                            focus,
                            at: (rect.x + rect.w / 2.0, rect.y + rect.h * clear / 2.0),
                        }
                    });
                    picture(&mut items, img, rect, b.fit, aim, "images.hero");
                    if let Some(fade) = b.fade_to {
                        let band = Rect::new(
                            rect.x,
                            rect.y + rect.h * FADE_FROM,
                            rect.w,
                            rect.h * 0.55 + 0.5,
                        );
                        items.push(Item::Fill {
                            rect: band,
                            radius: 0.0,
                            paint: Paint::FadeDown {
                                colour: fade,
                                top_alpha: 0.0,
                            },
                        });
                    }
                }
            }
            Slot::Logo => {
                if let Some(img) = &c.logo {
                    picture(&mut items, img, inner, Fit::Contain, None, "images.logo");
                }
            }
            Slot::Qr => match qr_item(codes, c, canvas, inner, b) {
                Ok(q) => {
                    let logo = c
                        .logo
                        .as_ref()
                        .filter(|_| c.qr.logo)
                        .map(|img| qr_logo(&q, img));
                    items.push(Item::Qr(q));
                    if let Some(logo_items) = logo {
                        items.extend(logo_items);
                    }
                }
                Err(d) => errors.push(d),
            },
            _ => items.extend(text.map(Item::Text)),
        }
    }
    if errors.is_empty() {
        Ok(Composed {
            scene: Scene {
                width: canvas.width,
                height: canvas.height,
                background: Colour::rgb(255, 255, 255),
                items,
                trim: canvas.trim,
                bleed: canvas.trim.map(|_| canvas.bleed),
            },
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// A design box's rectangle as designed; a QR code (and so its card) is square.
pub(super) fn box_rect(b: &DesignBox, canvas: &Canvas) -> Rect {
    let rect = place(b, canvas);
    if b.slot != Slot::Qr {
        return rect;
    }
    let side = rect.w.min(rect.h);
    Rect::new(
        rect.x + (rect.w - side) / 2.0,
        rect.y + (rect.h - side) / 2.0,
        side,
        side,
    )
}

/// A design box in canvas units. Boxes marked `bleed` grow to the bleed edge on every side
/// where they touch the safe area's edge.
pub fn place(b: &DesignBox, canvas: &Canvas) -> Rect {
    let s = canvas.safe;
    let mut r = Rect::new(s.x + b.x * s.w, s.y + b.y * s.h, b.w * s.w, b.h * s.h);
    if b.bleed {
        let e = 1e-4;
        let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.right(), r.bottom());
        if b.x < e {
            x0 = canvas.bleed.x;
        }
        if b.y < e {
            y0 = canvas.bleed.y;
        }
        if b.x + b.w > 1.0 - e {
            x1 = canvas.bleed.right();
        }
        if b.y + b.h > 1.0 - e {
            y1 = canvas.bleed.bottom();
        }
        r = Rect::new(x0, y0, x1 - x0, y1 - y0);
    }
    r
}

/// Whether a picture, code or shape box has something to show.
pub(super) fn slot_has_content(c: &Campaign, slot: Slot) -> bool {
    match slot {
        Slot::Hero => c.hero.is_some(),
        Slot::Logo => c.logo.is_some() && !c.qr.logo,
        _ => true,
    }
}

/// Where a hero box's fade into the ground begins, as a fraction of the box's height.
const FADE_FROM: f32 = 0.45;

/// Where a cover-cropped picture goes: its point `focus` as near `at` (canvas units) as it can
/// while the picture still covers its box.
#[derive(Debug, Clone, Copy)]
struct Aim {
    focus: Focus,
    at: (f32, f32),
}

/// A picture scaled to cover (or fit inside) `rect`: centred, or placed by `aim` when it covers.
fn picture(
    items: &mut Vec<Item>,
    img: &ImageFile,
    rect: Rect,
    fit: Fit,
    aim: Option<Aim>,
    source: &str,
) {
    let (iw, ih) = (img.width as f32, img.height as f32);
    let scale = match fit {
        Fit::Cover => (rect.w / iw).max(rect.h / ih),
        Fit::Contain => (rect.w / iw).min(rect.h / ih),
    };
    let (w, h) = (iw * scale, ih * scale);
    let (x, y) = match aim {
        Some(a) if fit == Fit::Cover => (
            along(rect.x, rect.w, w, a.focus.x, a.at.0),
            along(rect.y, rect.h, h, a.focus.y, a.at.1),
        ),
        _ => (rect.x + (rect.w - w) / 2.0, rect.y + (rect.h - h) / 2.0),
    };
    let dest = Rect::new(x, y, w, h);
    items.push(Item::Image {
        image: Arc::new(img.clone()),
        dest,
        clip: rect,
        source: source.into(),
    });
}

/// Where a picture of length `size` starts along one axis of a box (`start`, `len`) so that its
/// point at fraction `focus` lands as near `at` as it can without uncovering any of the box.
fn along(start: f32, len: f32, size: f32, focus: f32, at: f32) -> f32 {
    // A covering picture is at least as long as the box: it may start no later than `start`
    // and no earlier than where its far end meets the box's (`max`, then `min`, so a picture a
    // hair shorter after rounding is simply aligned with `start`).
    (at - focus * size).max(start + len - size).min(start)
}

/// Share of the code's area (quiet zone excluded) a logo may cover, pad included. High error
/// correction restores up to 30 % of the code; the verify step proves the result still reads.
pub(crate) const QR_LOGO_AREA: f32 = 0.12;

/// The logo in the middle of a QR code, on a pad of the code's light colour.
fn qr_logo(q: &QrItem, img: &ImageFile) -> Vec<Item> {
    let code = q.module * q.width as f32;
    let pad_side = (code * code * QR_LOGO_AREA).sqrt();
    // Whole modules, odd count, so the pad sits on the grid and centred.
    let mut n = (pad_side / q.module).floor() as usize;
    if n.is_multiple_of(2) {
        n = n.saturating_sub(1);
    }
    let pad = n as f32 * q.module;
    let origin = q.module * QrItem::QUIET as f32;
    let x = q.x + origin + (code - pad) / 2.0;
    let y = q.y + origin + (code - pad) / 2.0;
    let pad_rect = Rect::new(x, y, pad, pad);
    let mut items = vec![Item::Fill {
        rect: pad_rect,
        radius: q.module,
        paint: Paint::Solid(q.light_colour),
    }];
    picture(
        &mut items,
        img,
        pad_rect.inset(q.module * 0.6),
        Fit::Contain,
        None,
        "images.logo",
    );
    items
}

fn qr_item(
    codes: &qr::Codes,
    c: &Campaign,
    canvas: &Canvas,
    inner: Rect,
    b: &DesignBox,
) -> Result<QrItem, Diagnostic> {
    let url = c.qr_url(canvas.channel);
    let link_path = format!("links.{}.url", c.qr.link);
    let m = codes
        .encode(url.as_str(), c.qr.error_correction)
        .map_err(|e| c.locator.error(&link_path, e, "use a shorter address"))?;
    let modules = (m.width + 2 * QrItem::QUIET) as f32;
    let side = inner.w.min(inner.h);
    let mut module = side / modules;
    if canvas.whole_modules {
        module = module.floor();
    }
    if module < 2.0 && canvas.whole_modules {
        return Err(c.locator.error(
            &link_path,
            format!(
                "the QR code on {} would be too small to scan: {} modules in a {side:.0} px box",
                canvas.what, m.width
            ),
            "use a shorter link (fewer modules), or a design with a larger QR box",
        ));
    }
    let code = module * m.width as f32;
    if code < canvas.min_qr - 0.01 {
        let cm = |pt: f32| pt / 72.0 * 2.54;
        let path = if c.poster.scan_distance_given {
            "poster.scan-distance"
        } else {
            link_path.as_str()
        };
        // Enough decimals that the two widths differ ("2.92", not "2.9 … 2.9").
        let (have, need) = (cm(code), cm(canvas.min_qr));
        let digits = if format!("{have:.1}") == format!("{need:.1}") {
            2
        } else {
            1
        };
        let metres = c.poster.scan_distance as f32 / 72.0 * 0.0254;
        let from = if metres < 1.0 {
            format!("{:.0} cm", metres * 100.0)
        } else {
            format!("{metres:.1} m")
        };
        let why = if canvas.min_qr > c.poster.scan_distance as f32 / 10.0 + 0.01 {
            "a printed QR code needs".to_string()
        } else {
            format!("scanning from {from} needs")
        };
        return Err(c.locator.error(
            path,
            format!(
                "the QR code on {} can be only {have:.digits$} cm wide, but {why} at least {need:.digits$} cm",
                canvas.what,
            ),
            "lower `poster.scan-distance`, choose a larger `poster.size`, or use a shorter link (fewer modules)",
        ));
    }
    let total = module * modules;
    let (x, y) = (
        inner.x + (inner.w - total) / 2.0,
        inner.y + (inner.h - total) / 2.0,
    );
    let (x, y) = if canvas.whole_modules {
        (x.round(), y.round())
    } else {
        (x, y)
    };
    // The light modules must be light: the card's colour if it is, else white.
    let light = b
        .background
        .filter(|c| c.luminance() > 0.7)
        .unwrap_or(Colour::rgb(255, 255, 255));
    Ok(QrItem {
        x,
        y,
        light_colour: light,
        ..qr::black_on_white(m, module)
    })
}

#[cfg(test)]
mod tests {
    use super::along;

    #[test]
    fn a_focused_picture_lands_where_asked_but_never_uncovers_its_box() {
        // A 150-long picture over a box from 10 to 110.
        assert_eq!(along(10.0, 100.0, 150.0, 0.5, 60.0), -15.0);
        for focus in [0.0, 0.1, 0.5, 0.9, 1.0] {
            for at in [-1000.0, 10.0, 60.0, 110.0, 1000.0] {
                let start = along(10.0, 100.0, 150.0, focus, at);
                assert!(
                    start <= 10.0 && start + 150.0 >= 110.0,
                    "{focus} {at}: {start}"
                );
            }
        }
        // No room to move, or a hair short after rounding: aligned with the box.
        assert_eq!(along(10.0, 100.0, 100.0, 0.9, 0.0), 10.0);
        assert_eq!(along(10.0, 100.0, 99.9999, 0.0, 1000.0), 10.0);
    }
}
