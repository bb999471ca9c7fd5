//! QR codes: the payload encoded with the qrcode crate into a module matrix.

use std::sync::Arc;

use qrcode::{Color, EcLevel, QrCode, Version};

use crate::model::{Colour, ErrorCorrection};
use crate::scene::QrItem;

/// An encoded QR code: modules per side (no quiet zone) and which are dark, row by row.
#[derive(Debug, Clone)]
pub(crate) struct QrMatrix {
    pub(crate) width: usize,
    pub(crate) dark: Arc<Vec<bool>>,
    pub(crate) version: i16,
    pub(crate) payload: String,
    pub(crate) error_correction: ErrorCorrection,
}

fn level(ecc: ErrorCorrection) -> EcLevel {
    match ecc {
        ErrorCorrection::Low => EcLevel::L,
        ErrorCorrection::Medium => EcLevel::M,
        ErrorCorrection::Quartile => EcLevel::Q,
        ErrorCorrection::High => EcLevel::H,
    }
}

/// Codes one session has encoded: a batch puts the same link on every group's poster, and
/// choosing the mask (eight trial encodings) is the costly part of encoding.
#[derive(Default)]
pub(crate) struct Codes(
    std::sync::Mutex<std::collections::HashMap<(String, ErrorCorrection), QrMatrix>>,
);

impl Codes {
    /// Encode `payload` (once per session); `Err` with the byte limit when it is too long for `ecc`.
    pub(crate) fn encode(&self, payload: &str, ecc: ErrorCorrection) -> Result<QrMatrix, String> {
        let key = (payload.to_string(), ecc);
        if let Ok(cache) = self.0.lock()
            && let Some(q) = cache.get(&key)
        {
            return Ok(q.clone());
        }
        let q = encode(payload, ecc)?;
        // Bounded: a run has a handful of links, each on a few channels.
        if let Ok(mut cache) = self.0.lock()
            && cache.len() < 4096
        {
            cache.insert(key, q.clone());
        }
        Ok(q)
    }
}

/// Encode `payload`; `Err` with the byte limit when it is too long for `ecc`.
pub(crate) fn encode(payload: &str, ecc: ErrorCorrection) -> Result<QrMatrix, String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), level(ecc)).map_err(|e| {
        format!("the link ({} bytes) does not fit a QR code at `{}` error correction, which holds at most {} bytes ({e})", payload.len(), ecc.name(), ecc.max_bytes())
    })?;
    let version = match code.version() {
        Version::Normal(v) => v,
        Version::Micro(v) => -v,
    };
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(QrMatrix {
        width: code.width(),
        dark: Arc::new(dark),
        version,
        payload: payload.to_string(),
        error_correction: ecc,
    })
}

/// A code on its own: black modules `module` units wide on white, at the origin.
pub(crate) fn black_on_white(m: QrMatrix, module: f32) -> QrItem {
    QrItem {
        x: 0.0,
        y: 0.0,
        module,
        width: m.width,
        dark: m.dark,
        dark_colour: Colour::rgb(0, 0, 0),
        light_colour: Colour::rgb(255, 255, 255),
        payload: m.payload,
        version: m.version,
        error_correction: m.error_correction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_table_matches_the_encoder() {
        for ecc in [
            ErrorCorrection::Low,
            ErrorCorrection::Medium,
            ErrorCorrection::Quartile,
            ErrorCorrection::High,
        ] {
            let max = ecc.max_bytes();
            assert!(encode(&"a".repeat(max), ecc).is_ok(), "{ecc:?} {max}");
            assert!(encode(&"a".repeat(max + 1), ecc).is_err(), "{ecc:?} {max}");
        }
    }

    #[test]
    fn a_url_encodes_at_a_small_version() {
        let q = encode("https://example.org/god-of-justice/first-chapter?utm_source=handbill&utm_medium=print&utm_campaign=god-of-justice", ErrorCorrection::Medium).unwrap();
        assert_eq!(q.width, 17 + 4 * q.version as usize);
        assert!(q.version <= 8, "{}", q.version);
    }
}
