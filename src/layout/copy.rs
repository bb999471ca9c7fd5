//! The campaign's words in the design's boxes: which words each text slot shows, how they are
//! set, fitted flow by flow (see `flow`), placed as the design aligns them, and what to say
//! when they cannot fit.

use std::collections::HashMap;

use crate::design::{Align, DesignBox, Slot, VAlign};
use crate::diag::Diagnostic;
use crate::model::Campaign;
use crate::scene::{Rect, TextItem};

use super::text::{self, TextEngine, TextStyle, Wrap};
use super::{Canvas, box_rect, flow, slot_has_content};

/// The words a text slot shows, and the campaign field they come from.
pub(crate) fn slot_text(c: &Campaign, canvas: &Canvas, slot: Slot) -> Option<(String, String)> {
    let t = |path: &str, s: &str| Some((path.to_string(), s.to_string()));
    match slot {
        Slot::Title => t("title", &c.title),
        Slot::Subtitle => c.subtitle.as_deref().and_then(|s| t("subtitle", s)),
        Slot::Headline => t("text.headline", &c.text.headline),
        Slot::Body => c.text.body.as_deref().and_then(|s| t("text.body", s)),
        Slot::CallToAction => t("text.call-to-action", &c.text.call_to_action),
        Slot::Hashtag => t("hashtag", &c.hashtag),
        Slot::Order => {
            let l = c.links.get("order")?;
            let label = l.label.clone().unwrap_or_else(|| "Order the book".into());
            let shown = l
                .url
                .host_str()
                .map(|h| format!("{h}{}", l.url.path().trim_end_matches('/')))
                .unwrap_or_default();
            Some(("links.order".into(), format!("{label}\n{shown}")))
        }
        Slot::Group => {
            let blank = "______________";
            match canvas.group {
                Some(g) => {
                    let mut s = g.name.clone();
                    for (label, v) in [
                        ("When", &g.when),
                        ("Where", &g.place),
                        ("Contact", &g.contact),
                    ] {
                        if let Some(v) = v {
                            s.push_str(&format!("\n{label}: {v}"));
                        }
                    }
                    Some((g.yaml_path.clone(), s))
                }
                None => Some((
                    "poster.groups".into(),
                    format!(
                        "Our group\nName: {blank}\nWhen: {blank}\nWhere: {blank}\nContact: {blank}"
                    ),
                )),
            }
        }
        Slot::Qr | Slot::Hero | Slot::Logo | Slot::Rect => None,
    }
}

/// Fit the words of every text box that has some, flow by flow (boxes without a flow
/// alone). Returns each fitted box's final rectangle and text, by box index; records a
/// warning for each optional slot that gave way and an error for each that cannot fit.
pub(super) fn fit_texts(
    engine: &mut TextEngine,
    c: &Campaign,
    canvas: &Canvas,
    rects: &[Rect],
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> HashMap<usize, (Rect, TextItem)> {
    let mut sources: HashMap<usize, String> = HashMap::new();
    let mut flows: Vec<(Option<&str>, Vec<flow::Piece>)> = Vec::new();
    for (i, b) in canvas.family.boxes.iter().enumerate() {
        if !b.slot.is_text() {
            continue;
        }
        let Some((source, text)) = slot_text(c, canvas, b.slot) else {
            continue;
        };
        let shaped = if b.uppercase {
            text.to_uppercase()
        } else {
            text
        };
        let missing = engine.uncovered(&shaped);
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .take(8)
                .map(|ch| format!("`{ch}` (U+{:04X})", *ch as u32))
                .collect();
            let more = missing.len().saturating_sub(8);
            let list = if more > 0 {
                format!("{} and {more} more", list.join(", "))
            } else {
                list.join(", ")
            };
            let own = c.fonts.faces.iter().any(|f| !f.bundled);
            let help = crate::fonts::cjk_advice(&missing, &c.lang).unwrap_or_else(|| {
                format!(
                    "add a font that has them with `fonts: [fonts/]` (a folder beside the campaign file) or `--font-path DIR`, or remove them; the bundled fonts cover {}",
                    crate::assets::COVERAGE
                )
            });
            errors.push(c.locator.error(
                &source,
                if own {
                    format!("no font has {list}, neither the bundled ones nor the campaign's")
                } else {
                    format!("no bundled font has {list}")
                },
                help,
            ));
            continue;
        }
        // A design's largest size below the floor is raised to it.
        let mut max = (b.size.1 * canvas.type_height).max(flow::floor_of(canvas, b.slot));
        if b.slot == Slot::Group
            && let Some(series) = canvas.group_size
        {
            max = max.min(series);
        }
        let (after, before) = bounds_in_flow(c, canvas, rects, i);
        let piece = flow::Piece {
            index: i,
            b,
            rect: rects[i],
            style: text_style(c, b, &shaped),
            text: shaped,
            max,
            after,
            before,
        };
        sources.insert(i, source);
        let name = b.flow.as_deref();
        match flows.iter_mut().find(|(f, _)| name.is_some() && *f == name) {
            Some((_, pieces)) => pieces.push(piece),
            None => flows.push((name, vec![piece])),
        }
    }
    let mut out = HashMap::new();
    let boxes = &canvas.family.boxes;
    let unit = if canvas.whole_modules { "px" } else { "pt" };
    for (_, pieces) in flows {
        let texts: HashMap<usize, String> =
            pieces.iter().map(|p| (p.index, p.text.clone())).collect();
        let outcome = flow::fit(engine, canvas, pieces);
        for i in outcome.dropped {
            let slot = boxes[i].slot.name();
            warnings.push(c.locator.warning(
                &sources[&i],
                format!(
                    "the {slot} is left out of {}: there is no room for it beside the rest of the copy even at the smallest legible size",
                    canvas.what
                ),
                gave_way_help(slot, &texts[&i]),
            ));
        }
        if outcome.headline_lowered
            && let Some(i) = outcome
                .fitted
                .iter()
                .map(|f| f.index)
                .find(|i| boxes[*i].slot == Slot::Headline)
        {
            warnings.push(c.locator.warning(
                &sources[&i],
                format!(
                    "the headline is set smaller than a headline on {}, at the size of running text: there is no room for it at a headline's size beside the rest of the copy",
                    canvas.what
                ),
                "shorten the headline (or the other copy) to set it as a headline here",
            ));
        }
        for (i, o) in outcome.overflowing {
            let b = &boxes[i];
            let floor = flow::lowest(canvas, b.slot, outcome.headline_lowered);
            errors.push(overflow_error(
                c,
                canvas,
                b,
                (&sources[&i], &texts[&i]),
                &o,
                floor,
                unit,
            ));
        }
        for mut f in outcome.fitted {
            let b = &boxes[f.index];
            // The padding is the design's (of its design rectangle), wherever the box moved.
            let design = rects[f.index];
            let inner = f.rect.inset(b.padding * design.w.min(design.h));
            if matches!(b.slot, Slot::Headline | Slot::Subtitle | Slot::CallToAction) {
                let style = text_style(c, b, &texts[&f.index]);
                f.laid = engine.balance(&texts[&f.index], &style, f.laid, inner.w);
            }
            let mut t = place_text(c, b, inner, &sources[&f.index], &texts[&f.index], f.laid);
            t.frame = f.rect;
            out.insert(f.index, (f.rect, t));
        }
    }
    out
}

/// What to do about a slot that gave way: shorten it or the rest, or — when its own line breaks
/// take the room (a list, one short line each) — join some of its lines.
fn gave_way_help(slot: &str, text: &str) -> String {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > 4 {
        format!(
            "its {lines} lines each start a new line: join some of them, or shorten the {slot} or the other copy to keep it on this format"
        )
    } else {
        format!("shorten the {slot} or the other copy to keep it on this format")
    }
}

/// The largest size at which this canvas's group block fits its box on its own (the series
/// takes the smallest over its groups).
pub(crate) fn group_size(engine: &mut TextEngine, c: &Campaign, canvas: &Canvas) -> Option<f32> {
    let b = canvas.family.boxes.iter().find(|b| b.slot == Slot::Group)?;
    let (_, text) = slot_text(c, canvas, Slot::Group)?;
    let rect = box_rect(b, canvas);
    let inner = rect.inset(b.padding * rect.w.min(rect.h));
    let style = text_style(c, b, &text);
    let lo = flow::floor_of(canvas, Slot::Group);
    let hi = (b.size.1 * canvas.type_height).max(lo);
    engine
        .fit(&text, &style, inner.w, inner.h, lo, hi)
        .ok()
        .map(|laid| laid.size)
}

/// How far box `i` may move within its flow: below every other box above it and above every
/// other box below it that shares some of its width (pictures behind text and plain shapes do
/// not count; boxes of its own flow move with it).
fn bounds_in_flow(c: &Campaign, canvas: &Canvas, rects: &[Rect], i: usize) -> (f32, f32) {
    let boxes = &canvas.family.boxes;
    let me = rects[i];
    let (mut after, mut before) = (f32::MIN, f32::MAX);
    for (j, other) in boxes.iter().enumerate() {
        let same_flow = other.flow.is_some() && other.flow == boxes[i].flow;
        let shown = if other.slot.is_text() {
            slot_text(c, canvas, other.slot).is_some()
        } else {
            slot_has_content(c, other.slot)
        };
        if j == i || same_flow || !shown || matches!(other.slot, Slot::Hero | Slot::Rect) {
            continue;
        }
        let r = rects[j];
        let shares_width = r.x < me.right() - 0.5 && me.x < r.right() - 0.5;
        if !shares_width {
            continue;
        }
        if r.bottom() <= me.y + 0.5 {
            after = after.max(r.bottom());
        } else if r.y >= me.bottom() - 0.5 {
            before = before.min(r.y);
        }
    }
    (after, before)
}

/// A box's alignment for the campaign: as designed, mirrored for a right-to-left language (the
/// design's "left" is where a line starts).
fn align_for(c: &Campaign, b: &DesignBox) -> Align {
    match (b.align, text::right_to_left(&c.lang)) {
        (Align::Left, true) => Align::Right,
        (Align::Right, true) => Align::Left,
        (a, _) => a,
    }
}

/// How a text box's words are set.
fn text_style(c: &Campaign, b: &DesignBox, shaped: &str) -> TextStyle {
    // The group block leads with the group's name in bold.
    let bold_until = if b.slot == Slot::Group {
        shaped.find('\n').unwrap_or(shaped.len())
    } else {
        0
    };
    TextStyle {
        font: b.font,
        weight: b.weight,
        line_height: b.line_height,
        lang: c.lang.clone(),
        align: align_for(c, b),
        bold_until,
        // A hashtag is one word: it shrinks rather than breaks.
        wrap: if b.slot == Slot::Hashtag {
            Wrap::Never
        } else {
            Wrap::Words
        },
    }
}

/// Words that do not fit even at the floor: say which field, box and canvas, how much fits,
/// and what to do.
fn overflow_error(
    c: &Campaign,
    canvas: &Canvas,
    b: &DesignBox,
    (source, text): (&str, &str),
    o: &text::Overflow,
    floor: f32,
    unit: &str,
) -> Diagnostic {
    let slot = b.slot.name();
    if (o.fitting_chars == 0 || o.fitting_chars >= o.chars) && !o.word_too_wide {
        // Not even a word fits, or every character does but not in the lines the box has:
        // the box is too small, whatever the copy.
        return c.locator.error(
            source,
            format!(
                "the {slot} box on {} is too small for the {slot} even at the smallest legible size ({floor:.0} {unit})",
                canvas.what
            ),
            "the design gives this format too little room; choose another design",
        );
    }
    if o.word_too_wide {
        let word = text
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .unwrap_or(text);
        return c.locator.error(
            source,
            format!(
                "`{}` is wider than the {slot} box on {} even at the smallest legible size ({floor:.0} {unit})",
                crate::suggest::short(word),
                canvas.what
            ),
            "shorten that word, or break it with a space or a hyphen",
        );
    }
    // Copy within its limit fits every bundled design; a design of the campaign's own may
    // give a field less room.
    let limit = crate::model::copy_limit(source)
        .map(|l| {
            format!(
                " (its limit is {} characters; this design has room for fewer)",
                l.max
            )
        })
        .unwrap_or_default();
    c.locator.error(
        source,
        format!(
            "the {slot} does not fit its box on {} even at the smallest legible size ({floor:.0} {unit}): about {} of its {} characters fit{limit}",
            canvas.what, o.fitting_chars, o.chars
        ),
        format!(
            "shorten it to about {} characters for this format, or choose a larger size or another design",
            o.fitting_chars
        ),
    )
}

/// Put laid-out text in its box, aligned as the design says.
fn place_text(
    c: &Campaign,
    b: &DesignBox,
    inner: Rect,
    source: &str,
    shaped: &str,
    laid: text::Laid,
) -> TextItem {
    let dy = match b.valign {
        VAlign::Top => 0.0,
        VAlign::Middle => (inner.h - laid.height) / 2.0,
        VAlign::Bottom => inner.h - laid.height,
    };
    let mut runs = laid.runs;
    for r in &mut runs {
        for g in &mut r.glyphs {
            g.x += inner.x;
            g.y += inner.y + dy;
        }
    }
    let x0 = match align_for(c, b) {
        Align::Left => inner.x,
        Align::Center => inner.x + (inner.w - laid.width) / 2.0,
        Align::Right => inner.right() - laid.width,
    };
    TextItem {
        text: shaped.to_string(),
        runs,
        colour: b.colour_for(c.accent),
        bounds: Rect::new(x0, inner.y + dy, laid.width, laid.height),
        size: laid.size,
        source: source.to_string(),
        slot: b.slot.name(),
        lang: c.lang.clone(),
        frame: inner,
    }
}
