//! Reading the font files a campaign names (`fonts:`) and those of `--font-path`: only
//! regular files inside the campaign's folder (or the folder given on the command line), read
//! once per session, parsed and checked before anything uses them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::files::{FileProblem, confined_dir, confined_file};
use crate::fonts::{
    FaceRef, FontSet, MAX_FONT_FILES, MAX_TOTAL_FONT_BYTES, Typeface, is_font_file, parse_font_file,
};

/// Deepest folder inside a `fonts:` folder that is searched for fonts.
const MAX_DEPTH: usize = 4;

type Key = (PathBuf, u64, Option<std::time::SystemTime>);

/// One font file found: its path as shown to the user, and its faces or what is wrong with it.
pub(crate) type Found = (String, Result<Vec<FaceRef>, FileProblem>);

/// The font files one session has read (by real path, size and change time): campaigns of a
/// batch that share a font share its bytes and its check. And the faces of `--font-path`.
#[derive(Default)]
pub struct FontFiles {
    seen: Mutex<HashMap<Key, Result<Vec<FaceRef>, FileProblem>>>,
    pub(crate) path_faces: Vec<FaceRef>,
    /// The font sets made, by their own faces and typeface: campaigns with the same fonts
    /// share one set (and so the text engines made for it).
    sets: Mutex<Vec<(SetKey, Arc<FontSet>)>>,
}

type SetKey = (Vec<(u64, u32)>, Typeface);

impl FontFiles {
    /// Every font file `written` names, relative to `dir` and inside it: the file itself, or
    /// the font files of a folder and its subfolders (in name order; other files, such as a
    /// licence, are passed over).
    pub(crate) fn load(&self, dir: &Path, written: &str) -> Result<Vec<Found>, FileProblem> {
        let trimmed = written.trim_end_matches(['/', '\\']);
        let target = if trimmed.is_empty() { written } else { trimmed };
        let is_dir = confined_dir(dir, target, "font folder").is_ok();
        if !is_dir {
            let path = confined_file(dir, target, "font")?;
            if !is_font_file(&path) {
                return Err((
                    format!("`{written}` is not named as a font file"),
                    "name a .ttf, .otf, .ttc or .otc file, or a folder of them".into(),
                ));
            }
            return Ok(vec![(written.to_string(), self.read(&path))]);
        }
        let mut files = Vec::new();
        walk(dir, target, 0, &mut files)?;
        if files.is_empty() {
            return Err((
                format!("`{written}` holds no font file (.ttf, .otf, .ttc or .otc)"),
                "copy the font files into it, or name the font file itself".into(),
            ));
        }
        if files.len() > MAX_FONT_FILES {
            return Err((
                format!(
                    "`{written}` holds {} font files; a campaign may load at most {MAX_FONT_FILES}",
                    files.len()
                ),
                "keep only the fonts the campaign uses in its folder".into(),
            ));
        }
        Ok(files
            .into_iter()
            .map(|(shown, path)| {
                let found = path.and_then(|p| self.read(&p));
                (shown, found)
            })
            .collect())
    }

    /// The set of fonts of a campaign whose own faces are `own`, with `typeface` chosen.
    pub(crate) fn set(&self, own: &[FaceRef], typeface: Typeface) -> Arc<FontSet> {
        let key: SetKey = (
            own.iter().map(|f| (f.data.id(), f.index)).collect(),
            typeface.clone(),
        );
        let Ok(mut sets) = self.sets.lock() else {
            return FontSet::new(own, &self.path_faces, typeface);
        };
        if let Some((_, set)) = sets.iter().find(|(k, _)| *k == key) {
            return set.clone();
        }
        let set = FontSet::new(own, &self.path_faces, typeface);
        sets.push((key, set.clone()));
        set
    }

    /// The faces of one font file, read and checked once per session.
    fn read(&self, path: &Path) -> Result<Vec<FaceRef>, FileProblem> {
        let meta =
            std::fs::metadata(path).map_err(|e| (format!("cannot read it: {e}"), String::new()))?;
        if let Some(too_large) = crate::fonts::too_large(meta.len()) {
            return Err(too_large);
        }
        let key: Key = (path.to_path_buf(), meta.len(), meta.modified().ok());
        if let Ok(seen) = self.seen.lock()
            && let Some(found) = seen.get(&key)
        {
            return found.clone();
        }
        let found = std::fs::read(path)
            .map_err(|e| (format!("cannot read it: {e}"), String::new()))
            .and_then(|bytes| parse_font_file(bytes, &path.display().to_string()));
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(key, found.clone());
        }
        found
    }

    /// Load the fonts of the `--font-path` folders (every font file in each, and in their
    /// subfolders). Problems come back as (file, message, help).
    pub fn with_font_paths(dirs: &[PathBuf]) -> Result<Self, Vec<(String, String, String)>> {
        let mut me = Self::default();
        let mut problems = Vec::new();
        let mut total = 0u64;
        for d in dirs {
            let shown = d.display().to_string();
            if !d.is_dir() {
                problems.push((
                    shown,
                    "--font-path names no folder".into(),
                    "give a folder that holds .ttf, .otf, .ttc or .otc files".into(),
                ));
                continue;
            }
            let mut files = Vec::new();
            if let Err((m, h)) = walk(d, ".", 0, &mut files) {
                problems.push((shown, m, h));
                continue;
            }
            if files.len() > MAX_FONT_FILES {
                problems.push((
                    shown,
                    format!(
                        "it holds {} font files; at most {MAX_FONT_FILES} are read",
                        files.len()
                    ),
                    "give a folder with only the fonts the campaigns use".into(),
                ));
                continue;
            }
            for (rel, path) in files {
                let file = d.join(rel.trim_start_matches("./")).display().to_string();
                match path.and_then(|p| me.read(&p)) {
                    Ok(faces) => {
                        total += faces.first().map_or(0, |f| f.bytes().len() as u64);
                        me.path_faces.extend(faces);
                    }
                    Err((m, h)) => problems.push((file, m, h)),
                }
            }
        }
        if total > MAX_TOTAL_FONT_BYTES {
            problems.push((
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                format!(
                    "the fonts of --font-path come to {} MB; at most {} MB are read",
                    total / (1024 * 1024),
                    MAX_TOTAL_FONT_BYTES / (1024 * 1024)
                ),
                "give a folder with only the fonts the campaigns use".into(),
            ));
        }
        if problems.is_empty() {
            Ok(me)
        } else {
            Err(problems)
        }
    }
}

/// The font files under `written` (a folder relative to `dir`), each confined to `dir`: its
/// path as shown, and its real path or why it cannot be read.
fn walk(
    dir: &Path,
    written: &str,
    depth: usize,
    out: &mut Vec<(String, Result<PathBuf, FileProblem>)>,
) -> Result<(), FileProblem> {
    let real = confined_dir(dir, written, "font folder")?;
    let mut names: Vec<String> = std::fs::read_dir(&real)
        .map_err(|e| (format!("cannot read `{written}`: {e}"), String::new()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        let rel = format!("{}/{name}", written.trim_end_matches('/'));
        let path = real.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(dir, &rel, depth + 1, out)?;
            }
        } else if is_font_file(Path::new(&name)) {
            out.push((rel.clone(), confined_file(dir, &rel, "font")));
        }
        if out.len() > MAX_FONT_FILES {
            break;
        }
    }
    Ok(())
}
