//! What is reported beyond validation: canvases that do not lay out and pictures too coarse for
//! print (`check`), text whose contrast against what is really behind it is too low (found as
//! each product is made, by `check` and `build` alike), settings the design ignores.

use crate::design::Design;
use crate::diag::{self, Diagnostic};
use crate::kit::poster::{poster_groups, poster_layout};
use crate::kit::session::Session;
use crate::kit::social::social_layout;
use crate::layout;
use crate::model::{Campaign, Colour};
use crate::render::{raster, svg};
use crate::scene::{Item, Scene};

/// Check every social format lays out (text fits, glyphs exist, codes fit): `check`'s lint.
pub(crate) fn lint_social(session: &Session, c: &Campaign, design: &Design) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &c.social.formats {
        match social_layout(session, c, design, f) {
            Err(ds) => out.extend(ds),
            Ok(done) => out.extend(done.warnings),
        }
    }
    for g in poster_groups(c) {
        match poster_layout(session, c, design, g.and_then(|i| c.poster.groups.get(i))) {
            Err(ds) => out.extend(ds),
            Ok(done) => {
                out.extend(done.warnings);
                out.extend(layout::poster::check_resolution(c, &done.scene));
            }
        }
    }
    diag::dedup(&mut out);
    out
}

/// WCAG contrast of each text against what is really behind it: the scene is drawn without its
/// text, and the worst tenth of the pixels under each text block is compared with the text's
/// colour. Below 4.5:1 (3:1 for large text: ≥ 18 pt, or bold ≥ 14 pt) is a warning.
pub(crate) fn lint_contrast(
    c: &Campaign,
    scene: &Scene,
    what: &str,
    scale: f32,
    unit_pt: f32,
) -> Vec<Diagnostic> {
    let mut bare = scene.clone();
    bare.items.retain(|i| !matches!(i, Item::Text(_)));
    let Ok(pixels) = raster::render(&svg::svg(&bare), scale) else {
        return Vec::new();
    };
    let (w, h) = (pixels.width as usize, pixels.height as usize);
    let mut out = Vec::new();
    for t in scene.texts() {
        let (x0, y0) = (
            (t.bounds.x * scale).max(0.0) as usize,
            (t.bounds.y * scale).max(0.0) as usize,
        );
        let (x1, y1) = (
            ((t.bounds.right() * scale) as usize).min(w),
            ((t.bounds.bottom() * scale) as usize).min(h),
        );
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        let step = ((x1 - x0) * (y1 - y0) / 4000).max(1);
        let mut ratios: Vec<f64> = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .step_by(step)
            .map(|(x, y)| {
                let i = (y * w + x) * 4;
                let bg = Colour::rgb(pixels.rgba[i], pixels.rgba[i + 1], pixels.rgba[i + 2]);
                t.colour.contrast(&bg)
            })
            .collect();
        if ratios.is_empty() {
            continue;
        }
        ratios.sort_by(|a, b| a.total_cmp(b));
        let worst = ratios[ratios.len() / 10];
        let pt = t.size * unit_pt;
        let bold = t.runs.iter().any(|r| {
            r.font.bold
                || r.variations
                    .iter()
                    .any(|(tag, v)| tag == b"wght" && *v >= 600.0)
        });
        let large = pt >= 18.0 || (bold && pt >= 14.0);
        let need = if large { 3.0 } else { 4.5 };
        if worst < need {
            out.push(c.locator.warning(
                &t.source,
                format!("the {} on {what} has a contrast of {worst:.1}:1 against what is behind it; text this size needs at least {need}:1", t.slot),
                "pick a design that puts a solid box behind this text, or a picture that is darker (or lighter) there",
            ));
        }
    }
    out
}

/// Campaign settings the design never uses: `accent` on a design with no accent colour, a
/// hero photo on a design that draws none. A warning each, so that nobody waits for a change
/// that cannot come.
pub(crate) fn ignored_settings(c: &Campaign, design: &Design) -> Vec<Diagnostic> {
    let boxes = || design.families.values().flat_map(|f| f.boxes.iter());
    let mut out = Vec::new();
    if c.accent.is_some() && !boxes().any(|b| b.color_name.as_deref() == Some("accent")) {
        out.push(c.locator.warning(
            "accent",
            format!("the `{}` design has no accent colour, so `accent` changes nothing", design.name),
            "remove `accent`, or choose a design that takes one (`design: minimal`; `handbill designs` lists them)",
        ));
    }
    if c.hero.is_some() && !boxes().any(|b| b.slot == crate::design::Slot::Hero) {
        out.push(c.locator.warning(
            "images.hero",
            format!(
                "the `{}` design draws no hero photo, so `images.hero` is not shown",
                design.name
            ),
            "remove `images.hero`, or choose a design with a photo (`design: justice`)",
        ));
    }
    out
}
