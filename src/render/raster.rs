//! SVG → pixels (resvg) → PNG, JPEG or WebP bytes (image). The SVG renderer is locked down:
//! it has no fonts (text arrives as outlines), no resource folder, and image links resolve
//! only to `data:` PNG/JPEG whose bytes really are PNG/JPEG — never to a file or the network.

use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg::{self, ImageHrefResolver, ImageKind};

/// Pixels with straight (not premultiplied) alpha, RGBA, row by row.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(
                |mime: &str, data: Arc<Vec<u8>>, _: &usvg::Options| match mime {
                    "image/png" if data.starts_with(b"\x89PNG\r\n\x1a\n") => {
                        Some(ImageKind::PNG(data))
                    }
                    "image/jpeg" | "image/jpg" if data.starts_with(&[0xFF, 0xD8, 0xFF]) => {
                        Some(ImageKind::JPEG(data))
                    }
                    _ => None,
                },
            ),
            resolve_string: Box::new(|_: &str, _: &usvg::Options| None),
        },
        ..usvg::Options::default()
    }
}

/// Render an SVG document at `scale` (1.0 = one pixel per SVG unit).
pub fn render(svg: &str, scale: f32) -> Result<Pixels, String> {
    let tree = usvg::Tree::from_str(svg, &options())
        .map_err(|e| format!("could not read the drawing: {e}"))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > 200_000_000 {
        return Err(format!("a {w}×{h} pixel image is too large to draw"));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("could not allocate the image")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(Pixels {
        width: w,
        height: h,
        rgba,
    })
}

fn rgb(p: &Pixels) -> Vec<u8> {
    p.rgba
        .chunks_exact(4)
        .flat_map(|c| [c[0], c[1], c[2]])
        .collect()
}

/// PNG, opaque RGB. `best` trades time for a smaller file.
pub fn png(p: &Pixels, best: bool) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    let (c, f) = if best {
        (CompressionType::Best, FilterType::Adaptive)
    } else {
        (CompressionType::Fast, FilterType::Adaptive)
    };
    PngEncoder::new_with_quality(&mut out, c, f)
        .write_image(&rgb(p), p.width, p.height, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

pub(crate) fn jpeg(p: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(&rgb(p), p.width, p.height, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// WebP, lossless (the only WebP the encoder writes).
pub(crate) fn webp(p: &Pixels) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(&rgb(p), p.width, p.height, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Decode an encoded image back to RGBA pixels (to check what was really written).
pub(crate) fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let img = image::load_from_memory(bytes)
        .map_err(|e| e.to_string())?
        .to_rgba8();
    Ok(Pixels {
        width: img.width(),
        height: img.height(),
        rgba: img.into_raw(),
    })
}

/// Convert a WebP picture to PNG, for renderers that take only PNG and JPEG.
pub(crate) fn webp_to_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::WebP).ok()?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).ok()?;
    Some(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_network_links_draw_nothing() {
        for href in [
            "/etc/passwd",
            "/dev/zero",
            "../../etc/hosts",
            "file:///dev/zero",
            "https://example.org/a.png",
        ] {
            let svg = format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#fff"/><image href="{href}" width="4" height="4"/></svg>"##
            );
            let p = render(&svg, 1.0).unwrap();
            assert!(p.rgba.iter().all(|v| *v == 255), "{href} drew something");
        }
    }

    #[test]
    fn a_data_png_draws() {
        use base64::Engine as _;
        let img = image::RgbImage::from_pixel(2, 2, image::Rgb([255, 0, 0]));
        let mut png_bytes = std::io::Cursor::new(Vec::new());
        img.write_to(&mut png_bytes, image::ImageFormat::Png)
            .unwrap();
        let href = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png_bytes.get_ref())
        );
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><image href="{href}" width="4" height="4"/></svg>"#
        );
        let p = render(&svg, 1.0).unwrap();
        assert_eq!(&p.rgba[..4], &[255, 0, 0, 255]);
    }
}
