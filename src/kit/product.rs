//! One file of a kit, made in memory and not yet written: what it is, its bytes (or where they
//! wait in the spool), and what is known about it (pixels, pages, the QR code it carries).

use std::path::PathBuf;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::kit::spool::{MIN_SPILL, Spilled, Spool};
use crate::model::ErrorCorrection;
use crate::scene::QrItem;

/// What a file of the kit is; its name is the `kind` in `manifest.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProductKind {
    Poster,
    PosterPreview,
    SocialImage,
    AltText,
    Caption,
    QrSvg,
    QrPng,
    ReviewPage,
}

impl ProductKind {
    /// Text the review page quotes: it stays in memory, never in the spool.
    fn is_text(self) -> bool {
        matches!(self, ProductKind::AltText | ProductKind::Caption)
    }
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One file of the kit, not yet written.
#[derive(Debug, Clone)]
pub struct Product {
    /// Path relative to the output folder.
    pub(crate) path: PathBuf,
    pub bytes: Vec<u8>,
    pub kind: ProductKind,
    /// Pixel size, for images.
    pub(crate) pixels: Option<(u32, u32)>,
    /// Page count and trimmed page size in points, for PDFs.
    pub(crate) pages: Option<(usize, f32, f32)>,
    /// The URL in the QR code this file carries, proven to decode.
    pub qr: Option<QrInfo>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The campaign id (for naming shared files).
    pub(crate) campaign: Option<String>,
    /// Where the bytes wait when they were moved out of memory (`bytes` is then empty).
    pub(crate) spilled: Option<Spilled>,
}

impl From<&QrItem> for QrInfo {
    fn from(q: &QrItem) -> Self {
        QrInfo {
            payload: q.payload.clone(),
            version: q.version,
            error_correction: q.error_correction,
        }
    }
}

#[derive(Debug, Clone)]
pub struct QrInfo {
    pub(crate) payload: String,
    pub(crate) version: i16,
    pub(crate) error_correction: ErrorCorrection,
}

impl Product {
    /// The file's size in bytes.
    pub(crate) fn len(&self) -> usize {
        self.spilled.as_ref().map_or(self.bytes.len(), |s| s.len)
    }

    pub(crate) fn sha256(&self) -> String {
        match &self.spilled {
            Some(s) => s.sha256.clone(),
            None => sha256_hex(&self.bytes),
        }
    }

    /// Move large bytes into the spool; on any spool error they simply stay in memory.
    /// Text (alt text, captions) stays: the review page quotes it.
    pub(crate) fn spill(&mut self, spool: &Spool) {
        if self.spilled.is_none()
            && !self.kind.is_text()
            && self.bytes.len() >= MIN_SPILL
            && let Ok(s) = spool.put(&self.bytes)
        {
            self.spilled = Some(s);
            self.bytes = Vec::new();
        }
    }

    /// A file with nothing known about it but its bytes; the others fill in what they know.
    pub(crate) fn new(path: impl Into<PathBuf>, kind: ProductKind, bytes: Vec<u8>) -> Self {
        Product {
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

    pub(crate) fn text(path: PathBuf, kind: ProductKind, text: String) -> Self {
        Product::new(path, kind, text.into_bytes())
    }
}
