//! The only module that writes: plan every path first (no collisions, nothing outside the
//! output folder), then stage the whole new kit beside the output folder and switch the two
//! folders in one step, so a failed or killed run leaves the earlier kit whole.

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
        // A file, or a link, where one of its folders must be.
        let mut cur = out.to_path_buf();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            cur.push(part.as_os_str());
            match std::fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(WriteError {
                        path: cur,
                        message: "is a symbolic link; handbill writes only into real folders"
                            .into(),
                    });
                }
                Ok(m) if !m.is_dir() => {
                    return Err(WriteError {
                        path: cur,
                        message: "is a file, not a folder".into(),
                    });
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
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

/// Most entries of an output folder that handbill did not write (or that its kit keeps from
/// the previous build) carried into the new kit by hard link.
const MAX_CARRIED: usize = 10_000;

/// Write every artifact of a folder's kit, `manifest.json` last, and switch the folder to the
/// new kit in one step.
///
/// The whole new kit is staged in a sibling folder (`.NAME.handbill-…`, on the output's file
/// system): the new files written and synced, `manifest.json` last, and what it keeps of the
/// folder carried over by hard link (products of the previous kit this build did not remake:
/// `--only`, another shard's, another campaign's). Files the
/// previous manifest lists and this kit no longer makes are left behind: they leave with the
/// old kit. Then the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)` and the
/// old one is removed. A run killed at any moment leaves either the whole earlier kit or the
/// whole new one, each matching its manifest; the next run removes what a killed one left.
/// Two runs on one output take turns (a lock on the folder that holds it; no lock file).
///
/// An output folder that is not only a kit (it holds a file handbill did not write, or the
/// working folder), or that cannot be switched (a mount point, more than [`MAX_CARRIED`]
/// entries to carry), is written in place, file by file, as before.
pub(crate) fn write_all(
    out: &Path,
    artifacts: &[Product],
    spool: Option<&Spool>,
    manifest: &[u8],
    stale: &[PathBuf],
    kept: &[PathBuf],
) -> Result<Vec<PathBuf>, WriteError> {
    let paths = plan(out, artifacts)?;
    let err = |p: &Path, m: String| WriteError {
        path: p.to_path_buf(),
        message: m,
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| err(out, "names no folder".into()))?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| err(&parent, format!("cannot create the folder: {e}")))?;
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(err(
            out,
            "is a symbolic link; handbill writes only into real folders".into(),
        ));
    }
    match std::fs::metadata(out) {
        Ok(m) if !m.is_dir() => return Err(err(out, "is a file, not a folder".into())),
        // Its new kit would take its place whatever its mode: a folder made read-only is
        // kept as it is.
        Ok(m) if m.permissions().readonly() => {
            return Err(err(
                out,
                "is read-only; make it writable, or write the kit elsewhere with --out DIR".into(),
            ));
        }
        _ => {}
    }
    let lock = std::fs::File::open(&parent)
        .map_err(|e| err(&parent, format!("cannot open the folder: {e}")))?;
    lock.lock()
        .map_err(|e| err(&parent, format!("cannot lock the folder: {e}")))?;
    let staging_prefix = format!(".{name}.handbill-");
    remove_leftovers(&parent, &staging_prefix);

    let carried = match carry_plan(out, &paths, stale, kept) {
        Some(c) => c,
        None => return write_in_place(out, artifacts, &paths, spool, manifest, stale),
    };
    let staging = parent.join(format!(
        "{staging_prefix}{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    ));
    std::fs::create_dir(&staging)
        .map_err(|e| err(&staging, format!("cannot create the staging folder: {e}")))?;
    // Removed on any error below; after a kill, by the next run.
    let guard = RemoveOnDrop(Some(staging.clone()));
    for entry in &carried {
        carry(out, &staging, entry).map_err(|e| err(&out.join(&entry.rel), e.to_string()))?;
    }
    for (_done, (a, path)) in artifacts.iter().zip(&paths).enumerate() {
        let rel = path.strip_prefix(out).unwrap_or(path);
        let target = staging.join(rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| err(path, e.to_string()))?;
        }
        let failed = |e: std::io::Error| err(path, e.to_string());
        match (&a.spilled, spool) {
            (Some(s), Some(spool)) => write_new(&target, &spool.get(s).map_err(failed)?),
            (Some(_), None) => Err(std::io::Error::other("the product's bytes are gone")),
            (None, _) => write_new(&target, &a.bytes),
        }
        .map_err(failed)?;
        #[cfg(debug_assertions)]
        fault("staged", _done + 1);
    }
    write_new(&staging.join("manifest.json"), manifest)
        .map_err(|e| err(&out.join("manifest.json"), e.to_string()))?;
    sync_dirs(&staging);
    #[cfg(debug_assertions)]
    fault("switch", 0);
    if std::fs::symlink_metadata(out).is_ok() {
        exchange(out, &staging)
            .map_err(|e| err(out, format!("cannot switch to the new kit: {e}")))?;
        #[cfg(debug_assertions)]
        fault("switched", 0);
        // `staging` now holds the earlier kit: the guard removes it.
    } else {
        std::fs::rename(&staging, out)
            .map_err(|e| err(out, format!("cannot put the new kit in place: {e}")))?;
    }
    drop(guard);
    if let Ok(d) = std::fs::File::open(&parent) {
        let _ = d.sync_all();
    }
    drop(lock);
    Ok(paths)
}

/// One entry of the folder carried into the new kit.
struct Carried {
    rel: PathBuf,
    kind: CarriedKind,
}

enum CarriedKind {
    Dir(std::fs::Permissions),
    File,
    Link(PathBuf),
}

/// What of `out` goes into the new kit: its folders and the `kept` files (the previous kit's
/// that this build did not remake), not the files the new kit writes, the stale files (the
/// previous kit's that it no longer makes) nor the strays of killed runs of older versions.
/// `None`: the folder cannot be switched (see [`write_all`]).
fn carry_plan(
    out: &Path,
    paths: &[PathBuf],
    stale: &[PathBuf],
    kept: &[PathBuf],
) -> Option<Vec<Carried>> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Some(Vec::new());
    };
    // A mount point, or a folder someone works in, is never swapped from under them.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev()) {
            return None;
        }
    }
    let real = out.canonicalize().ok()?;
    if std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(&real)) {
        return None;
    }
    let new: HashSet<&Path> = paths
        .iter()
        .map(|p| p.strip_prefix(out).unwrap_or(p))
        .collect();
    let stale: HashSet<&Path> = stale.iter().map(PathBuf::as_path).collect();
    let kept: HashSet<&Path> = kept.iter().map(PathBuf::as_path).collect();
    let mut carried = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        let mut names: Vec<_> = std::fs::read_dir(out.join(&dir))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        for n in names {
            let rel = dir.join(&n);
            let full = out.join(&rel);
            let m = std::fs::symlink_metadata(&full).ok()?;
            let text = n.to_string_lossy();
            if dir.as_os_str().is_empty() && (text == "manifest.json" || text == ".handbill.lock") {
                continue;
            }
            if new.contains(rel.as_path()) || stale.contains(rel.as_path()) {
                continue;
            }
            if text.starts_with('.') && text.contains(".tmp-") {
                continue;
            }
            // A file handbill did not write: the folder is someone's, not only the kit's,
            // and is never swapped from under them.
            if !m.is_dir() && !kept.contains(rel.as_path()) {
                return None;
            }
            let kind = if m.file_type().is_symlink() {
                CarriedKind::Link(std::fs::read_link(&full).ok()?)
            } else if m.is_dir() {
                stack.push(rel.clone());
                CarriedKind::Dir(m.permissions())
            } else if m.is_file() {
                // A campaign file in the output folder: it is being worked on there.
                if matches!(
                    full.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                ) {
                    return None;
                }
                CarriedKind::File
            } else {
                return None;
            };
            carried.push(Carried { rel, kind });
            if carried.len() > MAX_CARRIED {
                return None;
            }
        }
    }
    // Parents before children.
    carried.sort_by_key(|c| c.rel.components().count());
    Some(carried)
}

/// Put one carried entry into the staging folder: a folder made again, a file hard-linked, a
/// link made again.
fn carry(out: &Path, staging: &Path, c: &Carried) -> std::io::Result<()> {
    let to = staging.join(&c.rel);
    match &c.kind {
        CarriedKind::Dir(perms) => {
            std::fs::create_dir_all(&to)?;
            std::fs::set_permissions(&to, perms.clone())
        }
        CarriedKind::File => std::fs::hard_link(out.join(&c.rel), &to),
        #[cfg(unix)]
        CarriedKind::Link(target) => std::os::unix::fs::symlink(target, &to),
        #[cfg(not(unix))]
        CarriedKind::Link(_) => Err(std::io::Error::other("a link in the output folder")),
    }
}

/// Swap two folders in one step (Linux: `renameat2(RENAME_EXCHANGE)`); where the system or
/// the file system cannot, `a` is moved aside and `b` put in its place (two renames: for a
/// moment there is no `a`, never a mixed one).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
        let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: two valid NUL-terminated paths, relative to the working folder.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    let aside = b.with_extension("old");
    std::fs::rename(a, &aside)?;
    if let Err(e) = std::fs::rename(b, a) {
        let _ = std::fs::rename(&aside, a);
        return Err(e);
    }
    std::fs::rename(&aside, b)
}

/// Remove the staging folders killed runs left beside the output.
fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(prefix)
            && e.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Remove the `.NAME.tmp-XXXXXX` files killed runs staged beside the kit's files (the name is
/// handbill's own) and did not get to rename: in the folders the kit writes into, only.
fn remove_strays(out: &Path, paths: &[PathBuf]) {
    let mut dirs: Vec<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    dirs.push(out);
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.')
                && name.contains(".tmp-")
                && e.file_type().is_ok_and(|t| t.is_file())
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Sync every folder of a staged kit, so the switch publishes files that are on disk.
fn sync_dirs(root: &Path) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(entries) = std::fs::read_dir(&d) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(e.path());
                }
            }
        }
        if let Ok(f) = std::fs::File::open(&d) {
            let _ = f.sync_all();
        }
    }
}

/// A folder removed (with what it holds) when dropped.
struct RemoveOnDrop(Option<PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

/// The writer of an output folder that cannot be switched: each file staged beside its
/// target and renamed into place, `manifest.json` last, then the stale files removed.
fn write_in_place(
    out: &Path,
    artifacts: &[Product],
    paths: &[PathBuf],
    spool: Option<&Spool>,
    manifest: &[u8],
    stale: &[PathBuf],
) -> Result<Vec<PathBuf>, WriteError> {
    make_dir(out, out)?;
    remove_strays(out, paths);
    // Staged files not yet renamed are deleted when they are dropped, on any error.
    let mut staged: Vec<(tempfile::NamedTempFile, &Path)> = Vec::new();
    for (a, path) in artifacts.iter().zip(paths) {
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
    }
    for (tmp, path) in staged.drain(..) {
        tmp.persist(path).map_err(|e| WriteError {
            path: path.to_path_buf(),
            message: e.error.to_string(),
        })?;
    }
    let path = out.join("manifest.json");
    write_atomic(&path, manifest).map_err(|e| WriteError {
        path,
        message: e.to_string(),
    })?;
    for rel in stale {
        let _ = std::fs::remove_file(out.join(rel));
    }
    Ok(paths.to_vec())
}

/// The fault hook the tests kill runs with, compiled into debug builds only (release builds do
/// not have it): `HANDBILL_FAULT_AFTER_STAGED=k` ends the process on the spot (an abort: no
/// unwinding, no clean-up, as a kill or a crash would leave the disk) right after the k-th
/// file of a kit is staged; `HANDBILL_FAULT_AT=switch` just before the folders are switched,
/// `switched` just after.
#[cfg(debug_assertions)]
fn fault(at: &str, staged: usize) {
    let hit = if at == "staged" {
        std::env::var("HANDBILL_FAULT_AFTER_STAGED")
            .ok()
            .and_then(|k| k.trim().parse::<usize>().ok())
            == Some(staged)
    } else {
        std::env::var("HANDBILL_FAULT_AT").is_ok_and(|v| v == at)
    };
    if hit {
        if at == "staged" {
            eprintln!(
                "handbill: HANDBILL_FAULT_AFTER_STAGED: aborting after staging file {staged}"
            );
        } else {
            eprintln!("handbill: HANDBILL_FAULT_AT: aborting at {at}");
        }
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
