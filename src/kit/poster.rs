//! Poster PDFs: one page per group (or all groups in one file), each page's QR code proven,
//! and a small preview of each page for the review page.

use crate::design::Design;
use crate::diag::{self, Diagnostic};
use crate::kit::product::{Product, ProductKind, QrInfo};
use crate::kit::session::Session;
use crate::layout::{self, Composed};
use crate::model::{Campaign, Group};
use crate::render::{raster, svg};
use crate::scene::Scene;

/// Lay out one poster page (no drawing), with trim marks for a print shop.
pub fn poster_scene(
    session: &Session,
    c: &Campaign,
    design: &Design,
    group: Option<&Group>,
) -> Result<Scene, Vec<Diagnostic>> {
    poster_layout(session, c, design, group).map(|done| done.scene)
}

/// Lay out one poster page, with what gave way on it. The group block has one size on every
/// poster of the campaign.
pub(crate) fn poster_layout(
    session: &Session,
    c: &Campaign,
    design: &Design,
    group: Option<&Group>,
) -> Result<Composed, Vec<Diagnostic>> {
    let Some(mut canvas) = layout::poster::canvas(design, c, group) else {
        return Err(vec![c.locator.error(
            "design",
            "the design has no poster family",
            "use a complete design",
        )]);
    };
    canvas.group_size = session.series_group_size(c, design);
    let mut done = session.with_engine(&c.fonts, |engine| {
        layout::compose(engine, &session.codes, c, &canvas)
    })?;
    if let Some(trim) = done.scene.trim {
        done.scene.items.extend(layout::poster::trim_marks(trim));
    }
    Ok(done)
}

/// The posters to make: one per group, or one with blanks when there are no groups.
pub fn poster_groups(c: &Campaign) -> Vec<Option<usize>> {
    if c.poster.groups.is_empty() {
        vec![None]
    } else {
        (0..c.poster.groups.len()).map(Some).collect()
    }
}

/// Make one poster PDF: a page per group in `groups` (one group, or all with `pages: combined`).
pub fn poster_pdf(
    session: &Session,
    c: &Campaign,
    design: &Design,
    groups: &[Option<usize>],
    created: Option<i64>,
) -> Result<Vec<Product>, Vec<Diagnostic>> {
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    let mut qr_info = None;
    for g in groups {
        let group = g.and_then(|i| c.poster.groups.get(i));
        let Composed {
            scene,
            warnings: gave_way,
        } = poster_layout(session, c, design, group)?;
        warnings.extend(gave_way);
        let checks = layout::poster::check_resolution(c, &scene);
        if checks.iter().any(Diagnostic::is_error) {
            return Err(checks);
        }
        warnings.extend(checks);
        let what = group.map_or("the poster".to_string(), |g| {
            format!("the poster for {}", g.name)
        });
        // Contrast against what is behind the text, on the series' first poster (the others
        // differ only in the group's words, on the same ground), at the previews' 40 dpi.
        if matches!(g, None | Some(0)) {
            warnings.extend(crate::kit::lint::lint_contrast(
                c,
                &scene,
                "the poster",
                40.0 / 72.0,
                1.0,
            ));
        }
        for q in scene.qr_codes() {
            session.proofs.poster(c, &scene, q, &what)?;
            qr_info = Some(QrInfo::from(q));
        }
        pages.push(scene);
    }
    let single = match groups {
        [Some(i)] => c.poster.groups.get(*i),
        _ => None,
    };
    let options = crate::render::pdf::PdfOptions {
        title: match single {
            Some(g) => format!("{} — {}", c.title, g.name),
            None => c.title.clone(),
        },
        author: c.author.clone(),
        subject: Some(c.text.headline.clone()),
        lang: c.lang.clone(),
        created,
    };
    let bytes = crate::render::pdf::pdf(&pages, &options)
        .map_err(|e| vec![c.locator.error("poster", e, "")])?;
    let size = &c.poster.paper.name;
    let name = match single {
        Some(g) => format!("poster/{}-{}-{size}.pdf", c.id, g.slug),
        None => format!("poster/{}-{size}.pdf", c.id),
    };
    diag::dedup(&mut warnings);
    // A small picture of each page, for the review page; pages are drawn in parallel (a
    // combined PDF is one job).
    let stem = name
        .trim_start_matches("poster/")
        .trim_end_matches(".pdf")
        .to_string();
    let previews: Vec<Result<Product, String>> = {
        use rayon::prelude::*;
        pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let drawing = svg::svg(page);
                let pixels = raster::render(&drawing, PREVIEW_DPI / 72.0)?;
                let png = raster::png(&pixels, false)?;
                Ok(Product {
                    pixels: Some((pixels.width, pixels.height)),
                    ..Product::new(
                        format!("preview/{stem}-page{}.png", i + 1),
                        ProductKind::PosterPreview,
                        png,
                    )
                })
            })
            .collect()
    };
    let previews: Vec<Product> = previews
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| vec![c.locator.error("poster", e, "")])?;
    let mut out = vec![Product {
        pages: Some((
            groups.len(),
            c.poster.paper.width as f32,
            c.poster.paper.height as f32,
        )),
        qr: qr_info,
        warnings,
        ..Product::new(name, ProductKind::Poster, bytes)
    }];
    out.extend(previews);
    Ok(out)
}

/// Resolution of the poster previews on the review page.
pub(crate) const PREVIEW_DPI: f32 = 40.0;
