//! The only module that writes: plan every path first (no collisions, nothing outside the
//! output folder), then write each file to a temporary name in the same folder, fsync it and
//! rename it into place, so a failed or killed run leaves earlier files whole.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::kit::{Product, Spool};

#[derive(Debug)]
pub struct WriteError {
    pub(crate) path: PathBuf,
    pub(crate) message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Check that every artifact path is relative, stays inside, and is unique.
pub(crate) fn plan(out: &Path, artifacts: &[Product]) -> Result<Vec<PathBuf>, WriteError> {
    let mut seen = HashSet::new();
    let mut paths = Vec::new();
    for a in artifacts {
        let rel = &a.path;
        if rel.is_absolute() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(WriteError {
                path: rel.clone(),
                message: "an output path must stay inside the output folder".into(),
            });
        }
        if !seen.insert(rel.clone()) {
            return Err(WriteError {
                path: out.join(rel),
                message: "two outputs would have the same name".into(),
            });
        }
        let target = out.join(rel);
        if let Ok(m) = std::fs::symlink_metadata(&target)
            && (m.is_dir() || m.file_type().is_symlink())
        {
            return Err(WriteError {
                path: target,
                message: "exists and is not a regular file; remove it first".into(),
            });
        }
        paths.push(target);
    }
    Ok(paths)
}

/// Write every artifact under `out`, then `manifest.json` (if given) last.
///
/// Two runs on one folder take turns (a lock file, `.handbill.lock`). Every file is first
/// written in full to a temporary name beside its target and synced; only when all are on
/// disk are they renamed into place, then the manifest. A run that fails while writing leaves
/// the earlier kit as it was, and its staged files are removed; a run killed while staging
/// leaves the earlier kit as it was, at worst with stray `.*.tmp-*` files beside it.
pub(crate) fn write_all(
    out: &Path,
    artifacts: &[Product],
    spool: Option<&Spool>,
    manifest: Option<&[u8]>,
) -> Result<Vec<PathBuf>, WriteError> {
    let paths = plan(out, artifacts)?;
    make_dir(out, out)?;
    let lock_path = out.join(".handbill.lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| WriteError {
            path: lock_path.clone(),
            message: format!("cannot create the lock file: {e}"),
        })?;
    lock.lock().map_err(|e| WriteError {
        path: lock_path.clone(),
        message: format!("cannot lock the output folder: {e}"),
    })?;

    // Staged files not yet renamed are deleted when they are dropped, on any error.
    let mut staged: Vec<(tempfile::NamedTempFile, &Path)> = Vec::new();
    (|| {
        for (a, path) in artifacts.iter().zip(&paths) {
            if let Some(parent) = path.parent() {
                make_dir(out, parent)?;
            }
            let failed = |e: std::io::Error| WriteError {
                path: path.clone(),
                message: e.to_string(),
            };
            let tmp = match (&a.spilled, spool) {
                (Some(s), Some(spool)) => stage(path, &spool.get(s).map_err(failed)?),
                (Some(_), None) => Err(std::io::Error::other("the product's bytes are gone")),
                (None, _) => stage(path, &a.bytes),
            }
            .map_err(failed)?;
            staged.push((tmp, path));
            #[cfg(debug_assertions)]
            fault_after_staged(staged.len());
        }
        for (tmp, path) in staged.drain(..) {
            tmp.persist(path).map_err(|e| WriteError {
                path: path.to_path_buf(),
                message: e.error.to_string(),
            })?;
        }
        if let Some(m) = manifest {
            let path = out.join("manifest.json");
            write_atomic(&path, m).map_err(|e| WriteError {
                path,
                message: e.to_string(),
            })?;
        }
        Ok(())
    })()?;
    Ok(paths)
}

/// The fault hook the tests kill runs with, compiled into debug builds only (release builds do
/// not have it): with `HANDBILL_FAULT_AFTER_STAGED=k`, the process dies on the spot (an abort:
/// no unwinding, no clean-up, as a kill or a crash would leave the disk) right after the k-th
/// file of a folder is staged.
#[cfg(debug_assertions)]
fn fault_after_staged(staged: usize) {
    let wanted = std::env::var("HANDBILL_FAULT_AFTER_STAGED")
        .ok()
        .and_then(|k| k.trim().parse::<usize>().ok());
    if wanted == Some(staged) {
        eprintln!("handbill: HANDBILL_FAULT_AFTER_STAGED: aborting after staging file {staged}");
        std::process::abort();
    }
}

/// Write `bytes` in full to a temporary file beside `path` (`.NAME.tmp-XXXXXX`), synced.
/// It is deleted when dropped, unless persisted to `path`.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    if let Ok(m) = std::fs::symlink_metadata(path)
        && (m.file_type().is_symlink() || m.is_dir())
    {
        return Err(std::io::Error::other(
            "exists and is not a regular file; remove it first",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.tmp-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // The mode any new file gets (the umask then applies), not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(path.parent().unwrap_or(Path::new(".")))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Create `dir` (inside `out`) and its parents. `out` itself is created with its parents if
/// missing; below `out`, a path component that is a symbolic link or a file is an error.
fn make_dir(out: &Path, dir: &Path) -> Result<(), WriteError> {
    let err = |p: &Path, m: String| WriteError {
        path: p.to_path_buf(),
        message: m,
    };
    match std::fs::metadata(out) {
        Ok(m) if !m.is_dir() => return Err(err(out, "is a file, not a folder".into())),
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(out)
            .map_err(|e| err(out, format!("cannot create the folder: {e}")))?,
    }
    let mut cur = out.to_path_buf();
    let rel = dir.strip_prefix(out).unwrap_or(Path::new(""));
    for part in rel.components() {
        cur.push(part.as_os_str());
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(err(
                    &cur,
                    "is a symbolic link; handbill writes only into real folders".into(),
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(err(&cur, "is a file, not a folder".into())),
            Err(_) => std::fs::create_dir(&cur)
                .map_err(|e| err(&cur, format!("cannot create the folder: {e}")))?,
        }
    }
    Ok(())
}

/// Write to a temporary file beside the target, fsync, rename over the target.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Create a file that must not exist yet, synced.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
