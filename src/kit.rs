//! The products of a kit, made in memory: social images (+ alt text), QR files and the
//! caption. Each QR code is decoded back from the pixels of the file that carries it;
//! a code that does not read back as its URL fails the build.

use std::path::PathBuf;

use crate::designs::Design;
use crate::diag::Diagnostic;
use crate::layout::{self, Canvas, text::TextEngine};
use crate::model::{Campaign, Group, ImageFormat, SocialFormat};
use crate::render::{raster, svg};
use crate::scene::{QrItem, Scene};

/// One file of the kit, not yet written.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Path relative to the output folder.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub kind: &'static str,
    /// Pixel size, for images.
    pub pixels: Option<(u32, u32)>,
    /// Page count and trimmed page size in points, for PDFs.
    pub pages: Option<(usize, f32, f32)>,
    /// The URL in the QR code this file carries, proven to decode.
    pub qr: Option<QrInfo>,
    pub warnings: Vec<Diagnostic>,
    /// The campaign id (for naming shared files).
    pub campaign: Option<String>,
    /// Where the bytes wait when they were moved out of memory (`bytes` is then empty).
    pub spilled: Option<crate::spool::Spilled>,
}

#[derive(Debug, Clone)]
pub struct QrInfo {
    pub payload: String,
    pub version: i16,
    pub error_correction: &'static str,
}

impl Artifact {
    /// The file's size in bytes.
    pub fn len(&self) -> usize {
        self.spilled.as_ref().map_or(self.bytes.len(), |s| s.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn sha256(&self) -> String {
        match &self.spilled {
            Some(s) => s.sha256.clone(),
            None => crate::manifest::sha256_hex(&self.bytes),
        }
    }

    /// Move large bytes into the spool; on any spool error they simply stay in memory.
    /// Text (alt text, captions) stays: the review page quotes it.
    pub fn spill(&mut self, spool: &crate::spool::Spool) {
        if self.spilled.is_none()
            && !matches!(self.kind, "alt-text" | "caption")
            && self.bytes.len() >= crate::spool::MIN_SPILL
            && let Ok(s) = spool.put(&self.bytes)
        {
            self.spilled = Some(s);
            self.bytes = Vec::new();
        }
    }

    /// A file with nothing known about it but its bytes; the others fill in what they know.
    pub fn new(path: impl Into<PathBuf>, kind: &'static str, bytes: Vec<u8>) -> Self {
        Artifact {
            path: path.into(),
            bytes,
            kind,
            pixels: None,
            pages: None,
            qr: None,
            warnings: Vec::new(),
            campaign: None,
            spilled: None,
        }
    }

    fn text(path: PathBuf, kind: &'static str, text: String) -> Self {
        Artifact::new(path, kind, text.into_bytes())
    }
}

/// Lay out one social format (no drawing): used by `check` and by `build`.
pub fn social_scene(
    engine: &mut TextEngine,
    c: &Campaign,
    design: &Design,
    f: &SocialFormat,
) -> Result<Scene, Vec<Diagnostic>> {
    let Some(canvas) = layout::social::canvas(design, f) else {
        return Err(vec![c.locator.error(
            "design",
            format!("the design has no family for {}", f.name),
            "use a complete design",
        )]);
    };
    layout::compose(engine, c, &canvas)
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
    engine: &mut TextEngine,
    c: &Campaign,
    design: &Design,
    f: &SocialFormat,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let scene = social_scene(engine, c, design, f)?;
    let what = format!("the {} image", f.name);
    let drawing = svg::svg(&scene, &svg::SvgOptions::default());
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
        verify_qr(c, &written, q, &what)?;
        qr_info = Some(QrInfo {
            payload: q.payload.clone(),
            version: q.version,
            error_correction: q.error_correction,
        });
    }
    let stem = format!("social/{}-{}", c.id, f.name);
    let image = Artifact {
        pixels: Some((f.width, f.height)),
        qr: qr_info,
        ..Artifact::new(
            format!("{stem}.{}", extension(c.social.image_format)),
            "social-image",
            bytes,
        )
    };
    let alt = Artifact::text(
        PathBuf::from(format!("{stem}.alt.txt")),
        "alt-text",
        alt_text(c, &scene) + "\n",
    );
    Ok(vec![image, alt])
}

/// Decode the QR code from the rendered pixels around it; it must read back as its URL.
fn verify_qr(
    c: &Campaign,
    p: &raster::Pixels,
    q: &QrItem,
    what: &str,
) -> Result<(), Vec<Diagnostic>> {
    let b = q.bounds();
    // Shrink by a whole factor that keeps modules whole and at least 3 pixels: decoding time
    // grows with the pixel count.
    let m = q.module.round() as usize;
    let factor = if (q.module - m as f32).abs() < 1e-3 {
        (1..=m.max(1))
            .rev()
            .find(|d| m.is_multiple_of(*d) && m / d >= 3)
            .unwrap_or(1)
    } else {
        1
    };
    let (luma, side) = raster_crop(p, b.x, b.y, b.w, factor);
    let Err(found) = read_back(&luma, side, &q.payload) else {
        return Ok(());
    };
    let got = if found.is_empty() {
        "nothing".to_string()
    } else {
        format!("{:?}", found)
    };
    Err(vec![c.locator.error(
        &format!("links.{}.url", c.qr.link),
        format!("the QR code on {what} does not scan back to its link (decoded {got})"),
        "this is a bug in handbill or an unreadable design; report it with the campaign",
    )])
}

fn raster_crop(p: &raster::Pixels, x: f32, y: f32, side: f32, factor: usize) -> (Vec<u8>, usize) {
    let x = x.max(0.0).floor() as usize;
    let y = y.max(0.0).floor() as usize;
    let side = side.ceil() as usize;
    crate::verify::crop_luma(
        &p.rgba,
        p.width as usize,
        p.height as usize,
        x,
        y,
        side,
        factor,
    )
}

/// Alt text: the campaign's description, then the words on the image as drawn, in order.
/// Kept under 1000 characters (the strictest platform limit) by shortening the body.
pub fn alt_text(c: &Campaign, scene: &Scene) -> String {
    let mut s = c.social.alt.trim_end_matches('.').to_string();
    s.push_str(". Text on the image: ");
    // The words as written in the campaign (not upper-cased for display).
    let original = |t: &crate::scene::TextItem| match t.source.as_str() {
        "title" => c.title.clone(),
        "subtitle" => c.subtitle.clone().unwrap_or_default(),
        "text.headline" => c.text.headline.clone(),
        _ => t.text.clone(),
    };
    let mut parts: Vec<String> = scene
        .texts()
        .map(|t| original(t).replace('\n', " "))
        .collect();
    let fixed: usize =
        s.chars().count() + parts.iter().map(|p| p.chars().count() + 3).sum::<usize>() + 40;
    if fixed > 1000
        && let Some(body) = scene.texts().position(|t| t.source == "text.body")
    {
        let keep = parts[body].chars().count().saturating_sub(fixed - 1000);
        parts[body] = parts[body].chars().take(keep).collect::<String>() + "…";
    }
    s.push_str(
        &parts
            .iter()
            .map(|p| p.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join(". "),
    );
    s.push_str(". A QR code links to the campaign.");
    s.chars().take(1000).collect()
}

/// The post text: caption, the link (tagged `utm_medium=social` when tracking is on), hashtag.
pub fn caption(c: &Campaign) -> Artifact {
    let link = c.qr_url("social");
    let label = c.qr_link().label.clone().unwrap_or_else(|| c.title.clone());
    let mut s = String::new();
    if let Some(cap) = &c.social.caption {
        s.push_str(cap.trim());
        s.push_str("\n\n");
    }
    s.push_str(&format!("{label}: {link}\n\n{}\n", c.hashtag));
    let mut a = Artifact::text(PathBuf::from("caption.txt"), "caption", s);
    a.campaign = Some(c.id.clone());
    a
}

/// QR files for one channel: an SVG and a PNG (10 px per module), the PNG proven to scan.
pub fn qr_files(c: &Campaign, channel: &str) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let url = c.qr_url(channel);
    let link_path = format!("links.{}.url", c.qr.link);
    let m = layout::qr::encode(url.as_str(), c.qr.error_correction)
        .map_err(|e| vec![c.locator.error(&link_path, e, "use a shorter address")])?;
    let q = QrItem {
        x: 0.0,
        y: 0.0,
        module: 10.0,
        width: m.width,
        dark: m.dark,
        dark_colour: crate::model::Colour::rgb(0, 0, 0),
        light_colour: crate::model::Colour::rgb(255, 255, 255),
        payload: m.payload,
        version: m.version,
        error_correction: m.error_correction.name(),
    };
    let doc = svg::qr_document(&q);
    let pixels = raster::render(&doc, 1.0).map_err(|e| vec![c.locator.error(&link_path, e, "")])?;
    verify_qr(c, &pixels, &q, &format!("the {channel} QR file"))?;
    let png = raster::png(&pixels, true).map_err(|e| vec![c.locator.error(&link_path, e, "")])?;
    let info = QrInfo {
        payload: q.payload.clone(),
        version: q.version,
        error_correction: q.error_correction,
    };
    let stem = format!("qr/{}-{}-{channel}", c.id, c.qr.link);
    let side = pixels.width;
    Ok(vec![
        Artifact {
            qr: Some(info.clone()),
            ..Artifact::new(format!("{stem}.svg"), "qr-svg", doc.into_bytes())
        },
        Artifact {
            pixels: Some((side, side)),
            qr: Some(info),
            ..Artifact::new(format!("{stem}.png"), "qr-png", png)
        },
    ])
}

/// Lay out one poster page (no drawing), with trim marks for a print shop.
pub fn poster_scene(
    engine: &mut TextEngine,
    c: &Campaign,
    design: &Design,
    group: Option<&Group>,
) -> Result<Scene, Vec<Diagnostic>> {
    let Some(canvas) = layout::poster::canvas(design, c, group) else {
        return Err(vec![c.locator.error(
            "design",
            "the design has no poster family",
            "use a complete design",
        )]);
    };
    let mut scene = layout::compose(engine, c, &canvas)?;
    if let Some(trim) = scene.trim {
        scene.items.extend(layout::poster::trim_marks(trim));
    }
    Ok(scene)
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
    engine: &mut TextEngine,
    c: &Campaign,
    design: &Design,
    groups: &[Option<usize>],
    created: Option<i64>,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    let mut qr_info = None;
    for g in groups {
        let group = g.and_then(|i| c.poster.groups.get(i));
        let scene = poster_scene(engine, c, design, group)?;
        let checks = layout::poster::check_resolution(c, &scene);
        if checks.iter().any(Diagnostic::is_error) {
            return Err(checks);
        }
        warnings.extend(checks);
        let what = group.map_or("the poster".to_string(), |g| {
            format!("the poster for {}", g.name)
        });
        for q in scene.qr_codes() {
            verify_poster_qr(c, &scene, q, &what)?;
            qr_info = Some(QrInfo {
                payload: q.payload.clone(),
                version: q.version,
                error_correction: q.error_correction,
            });
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
    dedup(&mut warnings);
    // A small picture of each page, for the review page; pages are drawn in parallel (a
    // combined PDF is one job).
    let stem = name
        .trim_start_matches("poster/")
        .trim_end_matches(".pdf")
        .to_string();
    let previews: Vec<Result<Artifact, String>> = {
        use rayon::prelude::*;
        pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let drawing = svg::svg(page, &svg::SvgOptions::default());
                let pixels = raster::render(&drawing, PREVIEW_DPI / 72.0)?;
                let png = raster::png(&pixels, false)?;
                Ok(Artifact {
                    pixels: Some((pixels.width, pixels.height)),
                    ..Artifact::new(
                        format!("preview/{stem}-page{}.png", i + 1),
                        "poster-preview",
                        png,
                    )
                })
            })
            .collect()
    };
    let previews: Vec<Artifact> = previews
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| vec![c.locator.error("poster", e, "")])?;
    let mut out = vec![Artifact {
        pages: Some((
            groups.len(),
            c.poster.paper.width as f32,
            c.poster.paper.height as f32,
        )),
        qr: qr_info,
        warnings,
        ..Artifact::new(name, "poster", bytes)
    }];
    out.extend(previews);
    Ok(out)
}

/// Resolution of the poster previews on the review page.
pub const PREVIEW_DPI: f32 = 40.0;

/// Decode a square greyscale QR region; `Err` with what was read instead unless it reads
/// back as `payload`. The decoder is deterministic: pixels identical to ones already read back
/// to this payload in this run (the same code drawn the same way, e.g. the same link on many
/// campaigns' images) give the same answer, so they are not decoded twice.
fn read_back(luma: &[u8], side: usize, payload: &str) -> Result<(), Vec<String>> {
    let key = (crate::manifest::sha256_hex(luma), side, payload.to_string());
    if READ_BACK.lock().is_ok_and(|r| r.contains(&key)) {
        return Ok(());
    }
    let found = crate::verify::decode_luma(luma, side, side);
    if !found.iter().any(|f| f == payload) {
        return Err(found);
    }
    if let Ok(mut r) = READ_BACK.lock() {
        r.insert(key);
    }
    Ok(())
}

/// Greyscale QR regions (SHA-256, side) already decoded back to their payload in this process.
static READ_BACK: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashSet<(String, usize, String)>>,
> = std::sync::LazyLock::new(Default::default);

/// Drawings of QR regions already decoded back to their payload in this process.
static VERIFIED: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashSet<(String, String)>>,
> = std::sync::LazyLock::new(Default::default);

/// Rasterise the region around a poster's QR code and decode it.
fn verify_poster_qr(
    c: &Campaign,
    scene: &Scene,
    q: &QrItem,
    what: &str,
) -> Result<(), Vec<Diagnostic>> {
    let b = q.bounds();
    // Whole-module pixels are not needed: rqrr reads 4 pixels a module reliably, and fewer
    // pixels decode faster. Never coarser than 72 dpi.
    let scale = (4.0 / q.module).max(1.0);
    let drawing = svg::svg_region(scene, b, &svg::SvgOptions::default());
    // The same drawing of the same code was already read back in this run (e.g. the QR block
    // is identical on every group's poster): rendering and decoding are deterministic, so
    // the answer would be the same.
    if VERIFIED
        .lock()
        .is_ok_and(|v| v.contains(&(drawing.clone(), q.payload.clone())))
    {
        return Ok(());
    }
    let pixels =
        raster::render(&drawing, scale).map_err(|e| vec![c.locator.error("poster", e, "")])?;
    let side = pixels.width.min(pixels.height) as usize;
    let (luma, side) = crate::verify::crop_luma(
        &pixels.rgba,
        pixels.width as usize,
        pixels.height as usize,
        0,
        0,
        side,
        1,
    );
    if read_back(&luma, side, &q.payload).is_ok() {
        if let Ok(mut v) = VERIFIED.lock() {
            v.insert((drawing, q.payload.clone()));
        }
        return Ok(());
    }
    Err(vec![c.locator.error(
        &format!("links.{}.url", c.qr.link),
        format!("the QR code on {what} does not scan back to its link"),
        "this is a bug in handbill or an unreadable design; report it with the campaign",
    )])
}

/// Check every social format lays out (text fits, glyphs exist, codes fit): `check`'s lint.
pub fn lint_social(engine: &mut TextEngine, c: &Campaign, design: &Design) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &c.social.formats {
        if let Err(ds) = social_scene(engine, c, design, f) {
            out.extend(ds);
        }
    }
    for g in poster_groups(c) {
        match poster_scene(engine, c, design, g.and_then(|i| c.poster.groups.get(i))) {
            Err(ds) => out.extend(ds),
            Ok(scene) => out.extend(layout::poster::check_resolution(c, &scene)),
        }
    }
    dedup(&mut out);
    out
}

/// The same problem found on several canvases is reported once.
pub fn dedup(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.path.clone(), d.message.clone())));
}

pub fn canvas_for<'a>(design: &'a Design, f: &'a SocialFormat) -> Option<Canvas<'a>> {
    layout::social::canvas(design, f)
}

/// WCAG contrast of each text against what is really behind it: the scene is drawn without its
/// text, and the worst tenth of the pixels under each text block is compared with the text's
/// colour. Below 4.5:1 (3:1 for large text: ≥ 18 pt, or bold ≥ 14 pt) is a warning.
pub fn lint_contrast(
    c: &Campaign,
    scene: &Scene,
    what: &str,
    scale: f32,
    unit_pt: f32,
) -> Vec<Diagnostic> {
    let mut bare = scene.clone();
    bare.items
        .retain(|i| !matches!(i, crate::scene::Item::Text(_)));
    let Ok(pixels) = raster::render(&svg::svg(&bare, &svg::SvgOptions::default()), scale) else {
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
                let bg = crate::model::Colour::rgb(
                    pixels.rgba[i],
                    pixels.rgba[i + 1],
                    pixels.rgba[i + 2],
                );
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
            crate::fonts::FONTS
                .get(r.font)
                .is_some_and(|f| f.file.contains("Bold"))
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

/// Every contrast warning of a campaign, on every social image and poster.
pub fn lint_all_contrast(
    engine: &mut TextEngine,
    c: &Campaign,
    design: &Design,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &c.social.formats {
        if let Ok(scene) = social_scene(engine, c, design, f) {
            // Social pixels count as CSS pixels: 0.75 pt each.
            out.extend(lint_contrast(
                c,
                &scene,
                &format!("the {} image", f.name),
                0.5,
                0.75,
            ));
        }
    }
    let group = c.poster.groups.first();
    if let Ok(scene) = poster_scene(engine, c, design, group) {
        out.extend(lint_contrast(c, &scene, "the poster", 40.0 / 72.0, 1.0));
    }
    dedup(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_document_renders_and_decodes() {
        let m = layout::qr::encode(
            "https://example.org/x",
            crate::model::ErrorCorrection::Medium,
        )
        .unwrap();
        let q = QrItem {
            x: 0.0,
            y: 0.0,
            module: 10.0,
            width: m.width,
            dark: m.dark,
            dark_colour: crate::model::Colour::rgb(0, 0, 0),
            light_colour: crate::model::Colour::rgb(255, 255, 255),
            payload: m.payload,
            version: m.version,
            error_correction: "medium",
        };
        let doc = svg::qr_document(&q);
        let p = raster::render(&doc, 1.0).unwrap();
        assert_eq!(p.width as usize, 10 * (q.width + 8));
        for factor in [1, 2, 5] {
            let (luma, side) = raster_crop(&p, 0.0, 0.0, p.width as f32, factor);
            let found = crate::verify::decode_luma(&luma, side, side);
            assert_eq!(found, vec![q.payload.clone()], "factor {factor}");
        }
    }
}
