//! Proving QR codes scan: every code is decoded back (rqrr) from the pixels of the file that
//! carries it, or from a drawing of the poster region around it; a code that does not read back
//! as its URL fails the build.

use std::collections::HashSet;
use std::sync::Mutex;

use crate::diag::Diagnostic;
use crate::kit::product::sha256_hex;
use crate::model::Campaign;
use crate::render::{raster, svg};
use crate::scene::{QrItem, Scene};

/// What this session has already proven. Rendering and decoding are deterministic, so a code
/// drawn the same way again (the same link on every group's poster, or on many campaigns'
/// images) would give the same answer: it is not decoded twice.
#[derive(Default)]
pub(crate) struct Proofs {
    /// Greyscale QR regions (SHA-256, side, payload) already decoded back to their payload.
    pixels: Mutex<HashSet<(String, usize, String)>>,
    /// Drawings of poster QR regions (SVG, payload) already decoded back to their payload.
    drawings: Mutex<HashSet<(String, String)>>,
}

impl Proofs {
    /// Decode a square greyscale QR region; `Err` with what was read instead unless it reads
    /// back as `payload`.
    fn read_back(&self, luma: &[u8], side: usize, payload: &str) -> Result<(), Vec<String>> {
        let key = (sha256_hex(luma), side, payload.to_string());
        if self.pixels.lock().is_ok_and(|r| r.contains(&key)) {
            return Ok(());
        }
        let found = decode_luma(luma, side, side);
        if !found.iter().any(|f| f == payload) {
            return Err(found);
        }
        if let Ok(mut r) = self.pixels.lock() {
            r.insert(key);
        }
        Ok(())
    }

    /// Decode the QR code from the rendered pixels around it; it must read back as its URL.
    pub(crate) fn image(
        &self,
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
        let Err(found) = self.read_back(&luma, side, &q.payload) else {
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

    /// Rasterise the region around a poster's QR code and decode it.
    pub(crate) fn poster(
        &self,
        c: &Campaign,
        scene: &Scene,
        q: &QrItem,
        what: &str,
    ) -> Result<(), Vec<Diagnostic>> {
        let b = q.bounds();
        // Whole-module pixels are not needed: rqrr reads 4 pixels a module reliably, and fewer
        // pixels decode faster. Never coarser than 72 dpi.
        let scale = (4.0 / q.module).max(1.0);
        let drawing = svg::svg_region(scene, b);
        // The same drawing of the same code was already read back in this run (e.g. the QR block
        // is identical on every group's poster): rendering and decoding are deterministic, so
        // the answer would be the same.
        if self
            .drawings
            .lock()
            .is_ok_and(|v| v.contains(&(drawing.clone(), q.payload.clone())))
        {
            return Ok(());
        }
        let pixels =
            raster::render(&drawing, scale).map_err(|e| vec![c.locator.error("poster", e, "")])?;
        let side = pixels.width.min(pixels.height) as usize;
        let (luma, side) = crop_luma(
            &pixels.rgba,
            pixels.width as usize,
            pixels.height as usize,
            0,
            0,
            side,
            1,
        );
        if self.read_back(&luma, side, &q.payload).is_ok() {
            if let Ok(mut v) = self.drawings.lock() {
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
}

fn raster_crop(p: &raster::Pixels, x: f32, y: f32, side: f32, factor: usize) -> (Vec<u8>, usize) {
    let x = x.max(0.0).floor() as usize;
    let y = y.max(0.0).floor() as usize;
    let side = side.ceil() as usize;
    crop_luma(
        &p.rgba,
        p.width as usize,
        p.height as usize,
        x,
        y,
        side,
        factor,
    )
}

/// Decode every QR code found in a greyscale image (`luma[y * width + x]`).
pub fn decode_luma(luma: &[u8], width: usize, height: usize) -> Vec<String> {
    if luma.len() < width * height {
        return Vec::new();
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Cut the square `(x, y, side)` out of an RGBA image, convert to grey and shrink it by an
/// integer factor so a module is about `target` pixels (decoding cost grows with pixels).
pub fn crop_luma(
    rgba: &[u8],
    width: usize,
    height: usize,
    x: usize,
    y: usize,
    side: usize,
    factor: usize,
) -> (Vec<u8>, usize) {
    let factor = factor.max(1);
    let side = side
        .min(width.saturating_sub(x))
        .min(height.saturating_sub(y));
    let out_side = side / factor;
    let mut out = vec![255u8; out_side * out_side];
    for oy in 0..out_side {
        for ox in 0..out_side {
            let mut sum = 0u32;
            for dy in 0..factor {
                for dx in 0..factor {
                    let i = ((y + oy * factor + dy) * width + x + ox * factor + dx) * 4;
                    let (r, g, b) = (
                        u32::from(rgba[i]),
                        u32::from(rgba[i + 1]),
                        u32::from(rgba[i + 2]),
                    );
                    sum += (r * 299 + g * 587 + b * 114) / 1000;
                }
            }
            out[oy * out_side + ox] = (sum / (factor * factor) as u32) as u8;
        }
    }
    (out, out_side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_document_renders_and_decodes() {
        let m = crate::layout::qr::encode(
            "https://example.org/x",
            crate::model::ErrorCorrection::Medium,
        )
        .unwrap();
        let q = crate::layout::qr::black_on_white(m, 10.0);
        let doc = svg::qr_document(&q);
        let p = raster::render(&doc, 1.0).unwrap();
        assert_eq!(p.width as usize, 10 * (q.width + 8));
        for factor in [1, 2, 5] {
            let (luma, side) = raster_crop(&p, 0.0, 0.0, p.width as f32, factor);
            let found = decode_luma(&luma, side, side);
            assert_eq!(found, vec![q.payload.clone()], "factor {factor}");
        }
    }
}
