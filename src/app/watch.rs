//! `handbill watch`: build, then build again whenever the campaign's folder (its file,
//! pictures, fonts, design) or a `--font-path` folder changes. A change with errors writes
//! nothing, so the last good kit stays; the kit's own writes are not changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use super::exit;
use super::printer::Printer;
use crate::cli::BuildSettings;
use crate::kit::Session;
use crate::pipeline::{self, Lint};

/// How long after a change to wait for the rest of it (an editor writes a file in steps).
const SETTLE: Duration = Duration::from_millis(200);

pub(super) fn run(p: &Printer, b: &BuildSettings) -> u8 {
    let files = match super::campaign_files(p, &b.campaigns) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let [file] = files.as_slice() else {
        p.error("watch takes one campaign file; run one `handbill watch` for each campaign");
        return exit::USAGE;
    };
    if file.as_os_str() == "-" {
        p.error("watch needs a campaign file to watch, not standard input");
        return exit::USAGE;
    }
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            p.error(&format!("cannot watch for changes: {e}"));
            return exit::INTERNAL;
        }
    };
    // Watched by their real paths, so that the changes' paths compare with the output's.
    let real = |d: &Path| d.canonicalize().unwrap_or_else(|_| d.to_path_buf());
    for d in std::iter::once(&dir).chain(&b.font_path) {
        if let Err(e) = watcher.watch(&real(d), RecursiveMode::Recursive) {
            p.error(&format!("cannot watch {}: {e}", d.display()));
            return exit::USAGE;
        }
    }
    loop {
        super::build::run(p, b);
        let out = output_of(file, b).map(|o| real(&o));
        p.summary(
            &format!("watching {} for changes (Ctrl-C to stop)", dir.display()),
            false,
        );
        // Wait for a change that is not the kit's own writing, then for it to settle.
        loop {
            let Ok(event) = rx.recv() else {
                return exit::INTERNAL;
            };
            if event.is_ok_and(|e| e.paths.iter().any(|path| counts(path, out.as_deref()))) {
                break;
            }
        }
        std::thread::sleep(SETTLE);
        while rx.try_recv().is_ok() {}
    }
}

/// The output folder of the campaign as it now is (`--out`, or its `output`), if it loads.
fn output_of(file: &Path, b: &BuildSettings) -> Option<PathBuf> {
    if let Some(o) = &b.out {
        return Some(o.clone());
    }
    let loaded = pipeline::load(&Session::new(), vec![file.to_path_buf()], Lint::None);
    loaded.campaigns.first().map(|(c, _)| c.output.clone())
}

/// Whether a change at `path` is the user's: not inside the output folder, not in a staging
/// folder beside it, not a temporary file.
fn counts(path: &Path, out: Option<&Path>) -> bool {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if let Some(out) = out {
        let staging = format!(".{}.handbill-", name(out));
        if path.starts_with(out) || path.ancestors().any(|a| name(a).starts_with(&staging)) {
            return false;
        }
    }
    let n = name(path);
    !(n.contains(".tmp-") || n.ends_with('~') || n.ends_with(".swp") || n == "4913")
}
