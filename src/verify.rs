//! Proving QR codes scan: decode them back from rendered pixels with rqrr.

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
