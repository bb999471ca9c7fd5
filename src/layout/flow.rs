//! Fitting a family's text boxes as a designer would: each box first gets the largest size in
//! its range that fits its own rectangle. When one does not fit, the boxes of its flow (boxes
//! with the same `flow` name, stacked top to bottom) share their column: boxes whose copy is
//! short give their unused height to the one that needs it, the gaps between them close down
//! to a minimum, and sizes shrink together — down to the canvas's legibility floor, never
//! below. Only then does an optional slot (subtitle, body, title) give way, with a warning that
//! names it; a headline, call to action or hashtag never does. Last, a headline that still does
//! not fit may go below a headline's own floor, down to the floor of all text (with a warning).

use crate::design::{DesignBox, Slot, VAlign};
use crate::scene::Rect;

use super::Canvas;
use super::text::{Laid, Overflow, TextEngine, TextStyle, Wrap};

/// One text box to fit: its design box, its design rectangle and the words it shows.
pub(crate) struct Piece<'a> {
    pub(crate) index: usize,
    pub(crate) b: &'a DesignBox,
    pub(crate) rect: Rect,
    pub(crate) style: TextStyle,
    pub(crate) text: String,
    /// Largest size allowed (the design's, or lower for a series' group block).
    pub(crate) max: f32,
    /// Where the box may start and must end when it moves: other boxes (the QR card, a logo,
    /// text outside this flow) above and below it that it must not run into.
    pub(crate) after: f32,
    pub(crate) before: f32,
}

/// A fitted piece: where its box ended up and its laid-out text.
pub(crate) struct Fitted {
    pub(crate) index: usize,
    pub(crate) rect: Rect,
    pub(crate) laid: Laid,
}

/// What became of a flow.
pub(crate) struct Outcome {
    pub(crate) fitted: Vec<Fitted>,
    /// Pieces that gave way (by `index`).
    pub(crate) dropped: Vec<usize>,
    /// Pieces that do not fit even so, with how they overflow at the floor.
    pub(crate) overflowing: Vec<(usize, Overflow)>,
    /// Whether the headline had to go below a headline's floor (to the floor of all text).
    pub(crate) headline_lowered: bool,
}

/// Optional slots, the first to give way first.
const GIVES_WAY: [Slot; 3] = [Slot::Subtitle, Slot::Body, Slot::Title];

/// The smallest size a piece may be set at on this canvas, as designed.
pub(crate) fn floor_of(canvas: &Canvas, slot: Slot) -> f32 {
    lowest(canvas, slot, false)
}

/// The smallest size a piece may be set at: a headline's floor, or with `lowered` the floor of
/// all text (a headline's last resort).
pub(crate) fn lowest(canvas: &Canvas, slot: Slot, lowered: bool) -> f32 {
    if slot == Slot::Headline && !lowered {
        canvas.floor * canvas.headline_floor
    } else {
        canvas.floor
    }
}

fn inner(b: &DesignBox, rect: Rect) -> Rect {
    rect.inset(b.padding * rect.w.min(rect.h))
}

/// The padding a box keeps around its text, top and bottom together.
fn pad(b: &DesignBox, design: Rect) -> f32 {
    2.0 * b.padding * design.w.min(design.h)
}

/// Fit every piece of one flow (pieces in design order; `flow` pieces stack top to bottom).
pub(crate) fn fit(engine: &mut TextEngine, canvas: &Canvas, mut pieces: Vec<Piece>) -> Outcome {
    pieces.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
    // As designed: every piece in its own rectangle at the design's sizes.
    let mut first = Vec::new();
    for p in &pieces {
        let r = inner(p.b, p.rect);
        // Never below the floor, even as designed.
        let lo = (p.b.size.0 * canvas.type_height).max(floor_of(canvas, p.b.slot));
        match engine.fit(&p.text, &p.style, r.w, r.h, lo.min(p.max), p.max) {
            Ok(laid) => first.push(Some(laid)),
            Err(_) => first.push(None),
        }
    }
    if first.iter().all(Option::is_some) {
        let fitted = pieces
            .iter()
            .zip(first)
            .filter_map(|(p, laid)| {
                laid.map(|laid| Fitted {
                    index: p.index,
                    rect: p.rect,
                    laid,
                })
            })
            .collect();
        return Outcome {
            fitted,
            dropped: Vec::new(),
            overflowing: Vec::new(),
            headline_lowered: false,
        };
    }
    // The flow shares its column; optional pieces give way one by one if they must, and then
    // the headline may go down to the floor of all text.
    let mut dropped = Vec::new();
    let mut lowered = false;
    loop {
        let live: Vec<&Piece> = pieces
            .iter()
            .filter(|p| !dropped.contains(&p.index))
            .collect();
        match share(engine, canvas, &live, lowered) {
            Ok(fitted) => {
                return Outcome {
                    fitted,
                    dropped,
                    overflowing: Vec::new(),
                    headline_lowered: lowered,
                };
            }
            Err(overflowing) => {
                let next = GIVES_WAY.iter().find_map(|slot| {
                    live.iter()
                        .find(|p| p.b.slot == *slot && !dropped.contains(&p.index))
                        .map(|p| p.index)
                });
                let headline = live.iter().any(|p| p.b.slot == Slot::Headline);
                match next {
                    Some(i) => dropped.push(i),
                    None if headline && !lowered && canvas.headline_floor > 1.0 => lowered = true,
                    None => {
                        return Outcome {
                            fitted: Vec::new(),
                            dropped,
                            overflowing,
                            headline_lowered: lowered,
                        };
                    }
                }
            }
        }
    }
}

/// Lay the pieces out down their shared column, from the top of the first to the bottom of
/// the last: sizes shrink together between each piece's largest size and its floor until all
/// fit; the space left goes back into the gaps, where the design had space.
fn share(
    engine: &mut TextEngine,
    canvas: &Canvas,
    pieces: &[&Piece],
    lowered: bool,
) -> Result<Vec<Fitted>, Vec<(usize, Overflow)>> {
    let Some(top) = pieces.first().map(|p| p.rect.y) else {
        return Ok(Vec::new());
    };
    let bottom = pieces
        .iter()
        .map(|p| p.rect.bottom())
        .fold(f32::MIN, f32::max);
    // Gaps as designed, and the least each may close to.
    let min_gap = 0.012 * canvas.type_height;
    let gaps: Vec<f32> = pieces
        .windows(2)
        .map(|w| (w[1].rect.y - w[0].rect.bottom()).max(0.0))
        .collect();
    let tight: Vec<f32> = gaps.iter().map(|g| g.min(min_gap)).collect();
    let room = bottom - top - tight.iter().sum::<f32>();
    let ranges: Vec<(f32, f32)> = pieces
        .iter()
        .map(|p| (lowest(canvas, p.b.slot, lowered).min(p.max), p.max))
        .collect();
    let mut styles: Vec<TextStyle> = pieces.iter().map(|p| p.style.clone()).collect();
    let width = |p: &Piece| inner(p.b, p.rect).w;
    // Every piece a share `t` of the way from its floor to its largest size: the stack's
    // height, and whether every line fits its box's width.
    let set = |t: f32, styles: &[TextStyle], engine: &mut TextEngine| {
        let mut total = 0.0;
        let mut wide = Vec::new();
        let mut laid = Vec::new();
        for ((p, (lo, hi)), style) in pieces.iter().zip(&ranges).zip(styles) {
            let size = ((lo + t * (hi - lo)) * 2.0).floor() / 2.0;
            let l = engine.layout(&p.text, style, size.max(*lo), width(p));
            total += l.height + pad(p.b, p.rect);
            wide.push(l.width > width(p) + 0.01);
            laid.push(l);
        }
        (total, wide, laid)
    };
    let (mut at_floor, wide, mut best) = set(0.0, &styles, engine);
    if wide.iter().any(|w| *w) {
        // A word wider than its box even at the floor: break inside it (the last resort).
        for (style, w) in styles.iter_mut().zip(&wide) {
            if *w && style.wrap == Wrap::Words {
                style.wrap = Wrap::Anywhere;
            }
        }
        let again = set(0.0, &styles, engine);
        at_floor = again.0;
        best = again.2;
        if again.1.iter().any(|w| *w) || at_floor > room + 0.01 {
            return Err(overflows(engine, pieces, &styles, &ranges));
        }
    } else if at_floor > room + 0.01 {
        return Err(overflows(engine, pieces, &styles, &ranges));
    }
    let floor_heights: Vec<f32> = pieces
        .iter()
        .zip(&best)
        .map(|(p, l)| l.height + pad(p.b, p.rect))
        .collect();
    if stack(pieces, &floor_heights, &tight, bottom).is_none() {
        return Err(overflows(engine, pieces, &styles, &ranges));
    }
    // The largest share at which the stack fits (sizes go in half units; 12 halvings suffice).
    let ok = |(_, wide, laid): &(f32, Vec<bool>, Vec<Laid>)| {
        let heights: Vec<f32> = pieces
            .iter()
            .zip(laid)
            .map(|(p, l)| l.height + pad(p.b, p.rect))
            .collect();
        !wide.iter().any(|w| *w) && stack(pieces, &heights, &tight, bottom).is_some()
    };
    let full = set(1.0, &styles, engine);
    if ok(&full) {
        best = full.2;
    } else {
        let (mut lo, mut hi) = (0.0f32, 1.0f32);
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            let tried = set(mid, &styles, engine);
            if ok(&tried) {
                lo = mid;
                best = tried.2;
            } else {
                hi = mid;
            }
        }
    }
    if let ([p], [laid]) = (pieces, best.as_slice()) {
        // Alone in its flow: it keeps its rectangle (and so its alignment) as designed.
        return Ok(vec![Fitted {
            index: p.index,
            rect: p.rect,
            laid: laid.clone(),
        }]);
    }
    // Stack them tight, then let the space left open the gaps back towards their design
    // sizes (never pushing a box into what is below it).
    let heights: Vec<f32> = pieces
        .iter()
        .zip(&best)
        .map(|(p, l)| l.height + pad(p.b, p.rect))
        .collect();
    let Some(mut ys) = stack(pieces, &heights, &tight, bottom) else {
        return Err(overflows(engine, pieces, &styles, &ranges));
    };
    let end_of = |ys: &[f32], heights: &[f32], k: usize| ys[k] + heights[k];
    let mut spare = bottom - end_of(&ys, &heights, ys.len() - 1);
    let openable: f32 = gaps.iter().zip(&tight).map(|(g, t)| g - t).sum();
    // How far every box after gap `k` may still move down.
    let room_after = |ys: &[f32], heights: &[f32], k: usize| {
        (k + 1..ys.len())
            .map(|j| pieces[j].before.min(bottom) - end_of(ys, heights, j))
            .fold(f32::MAX, f32::min)
            .max(0.0)
    };
    let share_open = if openable > 0.0 {
        (spare / openable).min(1.0)
    } else {
        0.0
    };
    for k in 0..gaps.len() {
        let open = ((gaps[k] - tight[k]) * share_open)
            .min(room_after(&ys, &heights, k))
            .min(spare);
        for y in ys.iter_mut().skip(k + 1) {
            *y += open;
        }
        spare -= open;
    }
    // Cards (boxes with a fill behind their text) grow back towards their design height, so a
    // short group block still reads as the card the design drew.
    let mut heights = heights;
    for k in 0..pieces.len() {
        let p = pieces[k];
        if p.b.background.is_none() || spare <= 0.01 {
            continue;
        }
        let own = p.before.min(bottom) - end_of(&ys, &heights, k);
        let grow = (p.rect.h - heights[k])
            .min(spare)
            .min(own)
            .min(room_after(&ys, &heights, k))
            .max(0.0);
        heights[k] += grow;
        for y in ys.iter_mut().skip(k + 1) {
            *y += grow;
        }
        spare -= grow;
    }
    // What is left opens one gap further: the one before a last box the design anchors to the
    // foot, else the widest, so the flow's foot stays where the design put it.
    let foot = pieces
        .last()
        .filter(|p| p.b.valign == VAlign::Bottom)
        .map(|_| gaps.len().saturating_sub(1));
    if spare > 0.01
        && let Some(spring) = foot.filter(|_| !gaps.is_empty()).or_else(|| {
            gaps.iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(k, _)| k)
        })
    {
        let open = spare.min(room_after(&ys, &heights, spring));
        for y in ys.iter_mut().skip(spring + 1) {
            *y += open;
        }
    }
    Ok(pieces
        .iter()
        .zip(best)
        .zip(ys.iter().zip(&heights))
        .map(|((p, laid), (y, h))| Fitted {
            index: p.index,
            rect: Rect::new(p.rect.x, *y, p.rect.w, *h),
            laid,
        })
        .collect())
}

/// Stack boxes of these heights from the first's top, each after the one before (`gaps`
/// apart) and after whatever is above it; `None` if one would run into what is below it or past
/// the flow's `bottom`.
fn stack(pieces: &[&Piece], heights: &[f32], gaps: &[f32], bottom: f32) -> Option<Vec<f32>> {
    let mut ys = Vec::with_capacity(pieces.len());
    let mut cursor = pieces.first()?.rect.y;
    for (k, (p, h)) in pieces.iter().zip(heights).enumerate() {
        let y = cursor.max(p.after);
        if y + h > p.before.min(bottom) + 0.01 {
            return None;
        }
        ys.push(y);
        cursor = y + h + gaps.get(k).copied().unwrap_or(0.0);
    }
    Some(ys)
}

/// How each piece overflows at its floor when the flow cannot hold them: first the pieces
/// that do not fit even alone in their own box, else the longest one on its share of the
/// column.
fn overflows(
    engine: &mut TextEngine,
    pieces: &[&Piece],
    styles: &[TextStyle],
    ranges: &[(f32, f32)],
) -> Vec<(usize, Overflow)> {
    let mut out = Vec::new();
    for ((p, style), (lo, _)) in pieces.iter().zip(styles).zip(ranges) {
        let r = inner(p.b, p.rect);
        if let Err(o) = engine.fit(&p.text, style, r.w, r.h, *lo, *lo) {
            out.push((p.index, o));
        }
    }
    if out.is_empty()
        && let Some(k) = (0..pieces.len()).max_by_key(|k| pieces[*k].text.chars().count())
    {
        let p = pieces[k];
        let r = inner(p.b, p.rect);
        let share = r.h * pieces.len() as f32 / (pieces.len() as f32 + 1.0);
        if let Err(o) = engine.fit(&p.text, &styles[k], r.w, share, ranges[k].0, ranges[k].0) {
            out.push((p.index, o));
        }
    }
    out
}
