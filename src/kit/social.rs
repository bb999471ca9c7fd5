//! Social images: lay out one platform format, draw it, encode it within the file-size budget,
//! and prove its QR code from the pixels of the file as written.

use std::path::PathBuf;

use crate::design::Design;
use crate::diag::Diagnostic;
use crate::kit::caption::alt_text;
use crate::kit::product::{Product, ProductKind, QrInfo};
use crate::kit::session::Session;
use crate::layout::{self, Canvas, Composed};
use crate::model::{Campaign, ImageFormat, SocialFormat};
use crate::render::{raster, svg};
use crate::scene::Scene;

/// Lay out one social format (no drawing): used by `check` and by `build`.
pub fn social_scene(
    session: &Session,
    c: &Campaign,
    design: &Design,
    f: &SocialFormat,
) -> Result<Scene, Vec<Diagnostic>> {
    social_layout(session, c, design, f).map(|done| done.scene)
}

/// Lay out one social format, with what gave way on it.
pub(crate) fn social_layout(
    session: &Session,
    c: &Campaign,
    design: &Design,
    f: &SocialFormat,
) -> Result<Composed, Vec<Diagnostic>> {
    let Some(canvas) = layout::social::canvas(design, f) else {
        return Err(vec![c.locator.error(
            "design",
            format!("the design has no family for {}", f.name),
            "use a complete design",
        )]);
    };
    session.with_engine(&c.fonts, |engine| {
        layout::compose(engine, &session.codes, c, &canvas)
    })
}

/// The canvas of one social format in a design.
pub fn canvas_for<'a>(design: &'a Design, f: &'a SocialFormat) -> Option<Canvas<'a>> {
    layout::social::canvas(design, f)
}

fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Webp => "webp",
    }
}

/// Make one social image and its alt text.
pub fn social_image(
    session: &Session,
    c: &Campaign,
    design: &Design,
    f: &SocialFormat,
) -> Result<Vec<Product>, Vec<Diagnostic>> {
    let Composed {
        scene,
        mut warnings,
    } = social_layout(session, c, design, f)?;
    let what = format!("the {} image", f.name);
    // Contrast against what is really behind the text, as `check` finds it: social pixels count
    // as CSS pixels (0.75 pt each), drawn at half size without the text.
    warnings.extend(crate::kit::lint::lint_contrast(c, &scene, &what, 0.5, 0.75));
    let drawing = svg::svg(&scene);
    let pixels = raster::render(&drawing, 1.0).map_err(|e| {
        vec![
            c.locator
                .error("social", format!("could not draw {what}: {e}"), ""),
        ]
    })?;
    let budget = c.social.max_bytes;
    let budget_path = "social.max-bytes";
    // A lossless encoding over budget: JPEG is the way to fit.
    let over_budget = |len: usize, encoding: &str| {
        vec![c.locator.error(
            budget_path,
            format!("{what} is {len} bytes as {encoding}, over the budget of {budget} bytes"),
            "set `social.image-format: jpeg` (handbill lowers the quality until it fits) or raise `social.max-bytes`",
        )]
    };
    let (bytes, lossy) = match c.social.image_format {
        ImageFormat::Png => {
            let mut b =
                raster::png(&pixels, false).map_err(|e| vec![c.locator.error("social", e, "")])?;
            if b.len() as u64 > budget {
                b = raster::png(&pixels, true)
                    .map_err(|e| vec![c.locator.error("social", e, "")])?;
            }
            if b.len() as u64 > budget {
                return Err(over_budget(b.len(), "PNG"));
            }
            (b, false)
        }
        ImageFormat::Webp => {
            let b = raster::webp(&pixels).map_err(|e| vec![c.locator.error("social", e, "")])?;
            if b.len() as u64 > budget {
                return Err(over_budget(
                    b.len(),
                    "lossless WebP (the only WebP handbill writes)",
                ));
            }
            (b, false)
        }
        ImageFormat::Jpeg => {
            let mut quality = 92u8;
            loop {
                let b = raster::jpeg(&pixels, quality)
                    .map_err(|e| vec![c.locator.error("social", e, "")])?;
                if b.len() as u64 <= budget {
                    break (b, true);
                }
                if quality <= 50 {
                    return Err(vec![c.locator.error(
                        budget_path,
                        format!("{what} is {} bytes even as JPEG at quality 50, over the budget of {budget} bytes", b.len()),
                        "raise `social.max-bytes`, or use a simpler hero picture",
                    )]);
                }
                quality -= 6;
            }
        }
    };
    // Prove the QR code scans, from the pixels of the file as written.
    let written = if lossy {
        raster::decode(&bytes).map_err(|e| vec![c.locator.error("social", e, "")])?
    } else {
        pixels
    };
    let mut qr_info = None;
    for q in scene.qr_codes() {
        session.proofs.image(c, &written, q, &what)?;
        qr_info = Some(QrInfo::from(q));
    }
    let stem = format!("social/{}-{}", c.id, f.name);
    let image = Product {
        pixels: Some((f.width, f.height)),
        qr: qr_info,
        warnings,
        ..Product::new(
            format!("{stem}.{}", extension(c.social.image_format)),
            ProductKind::SocialImage,
            bytes,
        )
    };
    let alt = Product::text(
        PathBuf::from(format!("{stem}.alt.txt")),
        ProductKind::AltText,
        alt_text(c, &scene) + "\n",
    );
    Ok(vec![image, alt])
}
