//! `handbill build`: load, make every product (every QR code proven), write the kit.

use std::path::Path;

use super::exit;
use super::printer::{Printer, counts, outcome, plural};
use crate::cli::BuildSettings;
use crate::diag::Diagnostic;
use crate::pipeline::{self, BuildOptions, Lint, Written};

pub(super) fn run(p: &Printer, b: &BuildSettings) -> u8 {
    let files = match super::campaign_files(p, &b.campaigns) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let session = match super::session(p, &b.font_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let loaded = pipeline::load(&session, files, Lint::None);
    let diags = loaded.all_diagnostics();
    if let Some(code) = refused(p, &diags) {
        return code;
    }
    let bar = p.progress();
    let options = BuildOptions {
        only: &b.only,
        shard: b.shard,
        threads: b.threads,
        created: b.created,
        out: b.out.clone(),
        progress: &bar,
    };
    let mut kit = match pipeline::make(&session, &loaded, &options) {
        Ok(k) => k,
        Err(m) => {
            p.error(&m);
            return exit::WRITE_FAILED;
        }
    };
    drop(bar);
    if let Some(code) = refused(p, &kit.diagnostics) {
        return code;
    }
    match kit.write() {
        Ok(written) => {
            let code = report(p, &kit.diagnostics, &written);
            if b.open {
                open_review(p, &written);
            }
            code
        }
        Err(e) => {
            p.error(&e.to_string());
            exit::WRITE_FAILED
        }
    }
}

/// With errors (or warnings under `--strict`) nothing is written: say so and give the code.
fn refused(p: &Printer, diags: &[Diagnostic]) -> Option<u8> {
    let (errors, warnings) = counts(diags);
    let code = outcome(errors, warnings, p.strict());
    if code == exit::OK {
        return None;
    }
    if p.json() {
        let written = print_json(p, diags, &Written::default());
        if written != exit::OK {
            return Some(written);
        }
    } else {
        p.diagnostics(diags);
        if errors > 0 {
            p.summary(
                &format!("{}; nothing was written", plural(errors, "error")),
                true,
            );
        } else {
            p.summary(
                &format!(
                    "{} under --strict; nothing was written",
                    plural(warnings, "warning")
                ),
                true,
            );
        }
    }
    Some(code)
}

/// Report a written build: diagnostics on stderr (or in the JSON), then what was written.
fn report(p: &Printer, diags: &[Diagnostic], written: &Written) -> u8 {
    if p.json() {
        return print_json(p, diags, written);
    }
    let (_, warnings) = counts(diags);
    p.diagnostics(diags);
    let folders: Vec<String> = written
        .manifests
        .iter()
        .map(|(f, _)| {
            let shown = f.display().to_string();
            shown
                .strip_prefix("./")
                .map(str::to_string)
                .unwrap_or(shown)
        })
        .collect();
    let files = plural(written.files.len(), "file");
    let warnings = plural(warnings, "warning");
    p.note(&match folders.as_slice() {
        [one] => format!(
            "wrote {files} to {one} ({warnings}); review the kit: {}",
            Path::new(one).join("index.html").display()
        ),
        many => format!(
            "wrote {files} to {} folders ({warnings}); review each kit's index.html: {}",
            many.len(),
            many.join(", ")
        ),
    });
    exit::OK
}

/// Open each written kit's review page with the system's opener (`xdg-open`, `open`, `start`),
/// without waiting for it; an opener that cannot be started is said, not a failure.
fn open_review(p: &Printer, written: &Written) {
    for (folder, _) in &written.manifests {
        let page = folder.join("index.html");
        let (program, first): (&str, &[&str]) = if cfg!(target_os = "macos") {
            ("open", &[])
        } else if cfg!(windows) {
            ("cmd", &["/C", "start", ""])
        } else {
            ("xdg-open", &[])
        };
        let started = std::process::Command::new(program)
            .args(first)
            .arg(&page)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if let Err(e) = started {
            p.warning(&format!(
                "could not open the review page with {program} ({e}); open {} yourself",
                page.display()
            ));
        }
    }
}

/// Every file with its path as written (for scripts), then each folder's manifest.
fn print_json(p: &Printer, diags: &[Diagnostic], written: &Written) -> u8 {
    let (errors, warnings) = counts(diags);
    let outputs: Vec<_> = written
        .manifests
        .iter()
        .map(|(folder, m)| serde_json::json!({ "folder": folder.display().to_string(), "manifest": m }))
        .collect();
    let doc = serde_json::json!({
        "handbill": env!("CARGO_PKG_VERSION"),
        "command": "build",
        "diagnostics": diags,
        "errors": errors,
        "warnings": warnings,
        "files": written.files,
        "outputs": outputs,
    });
    p.stdout_json(&doc)
}
