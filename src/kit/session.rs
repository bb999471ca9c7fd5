//! One session of work: what a command learns once and reuses — the pictures read (and the
//! budget they count against), the QR codes encoded, the codes already proven, and the text
//! engines — held in one value and passed down, instead of process-wide state. Two sessions in
//! one process (two commands, two tests) share nothing.

use std::path::Path;
use std::sync::Mutex;

use crate::kit::proof::Proofs;
use crate::layout::qr::Codes;
use crate::layout::text::TextEngine;
use crate::model::Loaded;
use crate::model::files::Pictures;

#[derive(Default)]
pub struct Session {
    pub(crate) pictures: Pictures,
    pub(crate) codes: Codes,
    pub(crate) proofs: Proofs,
    /// Text engines not in use; a worker borrows one for a product and gives it back.
    engines: Mutex<Vec<TextEngine>>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Read, parse and validate one campaign file (`display`: its path as the user wrote it).
    pub fn load_campaign(&self, file: &Path, display: &str) -> Loaded {
        crate::model::load_campaign(&self.pictures, file, display)
    }

    /// Parse and validate campaign text that came from `file`, whose folder is `dir`.
    pub fn validate_text(&self, text: &str, file: &Path, dir: &Path, display: &str) -> Loaded {
        crate::model::validate_text(&self.pictures, text, file, dir, display)
    }

    /// Run `f` with a text engine of this session's (made on first need, one per worker).
    pub(crate) fn with_engine<R>(&self, f: impl FnOnce(&mut TextEngine) -> R) -> R {
        let mut engine = self
            .engines
            .lock()
            .ok()
            .and_then(|mut e| e.pop())
            .unwrap_or_default();
        let out = f(&mut engine);
        if let Ok(mut e) = self.engines.lock() {
            e.push(engine);
        }
        out
    }
}
