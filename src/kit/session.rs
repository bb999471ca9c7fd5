//! One session of work: what a command learns once and reuses — the pictures read (and the
//! budget they count against), the QR codes encoded, the codes already proven, and the text
//! engines — held in one value and passed down, instead of process-wide state. Two sessions in
//! one process (two commands, two tests) share nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::design::Design;
use crate::fonts::FontSet;

use crate::kit::proof::Proofs;
use crate::layout::qr::Codes;
use crate::layout::text::TextEngine;
use crate::model::files::Pictures;
use crate::model::font_files::FontFiles;
use crate::model::{Campaign, Loaded};

/// Most text engines a session keeps for reuse.
const MAX_IDLE_ENGINES: usize = 16;

#[derive(Default)]
pub struct Session {
    pub(crate) pictures: Pictures,
    /// The font files read, and the fonts of `--font-path`.
    pub(crate) fonts: FontFiles,
    pub(crate) codes: Codes,
    pub(crate) proofs: Proofs,
    /// Text engines not in use; a worker borrows one for a product and gives it back.
    engines: Mutex<Vec<TextEngine>>,
    /// The group block's size for each campaign's series of posters (by campaign file, design
    /// and everything that sets the block), worked out once by the first poster that needs it.
    series: Mutex<HashMap<SeriesKey, Arc<OnceLock<Option<f32>>>>>,
}

/// A campaign's series of posters: its file, its design's name, and what sets the group
/// block — the paper, finish, language and the groups' words (one session may lay out the
/// same file twice, edited in between or with another paper).
type SeriesKey = (PathBuf, String, String);

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// A session whose campaigns may also use the fonts in `dirs` (`--font-path`). Problems
    /// with those fonts come back as (file, message, help).
    pub fn with_font_paths(dirs: &[PathBuf]) -> Result<Self, Vec<(String, String, String)>> {
        Ok(Session {
            fonts: FontFiles::with_font_paths(dirs)?,
            ..Self::default()
        })
    }

    /// Read, parse and validate one campaign file (`display`: its path as the user wrote it).
    pub fn load_campaign(&self, file: &Path, display: &str) -> Loaded {
        crate::model::load_campaign(&self.pictures, &self.fonts, file, display)
    }

    /// Parse and validate campaign text that came from `file`, whose folder is `dir`.
    pub fn validate_text(&self, text: &str, file: &Path, dir: &Path, display: &str) -> Loaded {
        crate::model::validate_text(&self.pictures, &self.fonts, text, file, dir, display)
    }

    /// The size of the group block on every poster of `c`'s series: the largest at which
    /// every group's block fits. `None` for a single poster.
    pub(crate) fn series_group_size(&self, c: &Campaign, design: &Design) -> Option<f32> {
        if c.poster.groups.len() < 2 {
            return None;
        }
        let p = &c.poster;
        let setting = format!(
            "{}×{} {:?} {} {:?}",
            p.paper.width,
            p.paper.height,
            p.finish,
            c.lang,
            p.groups
                .iter()
                .map(|g| (&g.name, &g.when, &g.place, &g.contact))
                .collect::<Vec<_>>()
        );
        let key = (c.file.clone(), design.name.clone(), setting);
        let cell = self.series.lock().ok()?.entry(key).or_default().clone();
        *cell.get_or_init(|| {
            c.poster
                .groups
                .iter()
                .filter_map(|g| {
                    let canvas = crate::layout::poster::canvas(design, c, Some(g))?;
                    self.with_engine(&c.fonts, |engine| {
                        crate::layout::group_size(engine, c, &canvas)
                    })
                })
                .reduce(f32::min)
        })
    }

    /// Run `f` with a text engine of this session's for `fonts` (made on first need, one per
    /// worker and set of fonts).
    pub(crate) fn with_engine<R>(
        &self,
        fonts: &Arc<FontSet>,
        f: impl FnOnce(&mut TextEngine) -> R,
    ) -> R {
        let mut engine = self
            .engines
            .lock()
            .ok()
            .and_then(|mut e| {
                let i = e.iter().position(|x| x.fonts().key == fonts.key)?;
                Some(e.swap_remove(i))
            })
            .unwrap_or_else(|| TextEngine::with_fonts(fonts.clone()));
        let out = f(&mut engine);
        if let Ok(mut e) = self.engines.lock() {
            e.push(engine);
            // A batch of campaigns each with fonts of its own keeps only the recent engines.
            if e.len() > MAX_IDLE_ENGINES {
                e.remove(0);
            }
        }
        out
    }
}
