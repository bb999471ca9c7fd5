//! `handbill check`: validate and lint, make every product in memory; writes nothing.

use std::path::PathBuf;

use super::exit;
use super::printer::{Printer, counts, outcome, plural};
use crate::pipeline::{self, Lint};

pub(super) fn run(p: &Printer, campaigns: &[PathBuf], font_path: &[PathBuf]) -> u8 {
    let files = match super::campaign_files(p, campaigns) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let session = match super::session(p, font_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut loaded = pipeline::load(&session, files, Lint::Full);
    pipeline::check(&session, &mut loaded, &p.progress());
    let diags = loaded.all_diagnostics();
    let (errors, warnings) = counts(&diags);
    if p.json() {
        let doc = serde_json::json!({
            "handbill": env!("CARGO_PKG_VERSION"),
            "command": "check",
            "campaigns": loaded.files.iter().zip(&loaded.diagnostics).map(|(f, mine)| {
                serde_json::json!({
                    "file": f.display().to_string(),
                    "ok": !mine.iter().any(|d| d.is_error()),
                    "diagnostics": mine,
                })
            }).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
        });
        let code = p.stdout_json(&doc);
        if code != exit::OK {
            return code;
        }
    } else {
        p.diagnostics(&diags);
        p.summary(
            &format!(
                "checked {}: {}, {}",
                plural(loaded.files.len(), "campaign"),
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
            errors > 0,
        );
    }
    outcome(errors, warnings, p.strict())
}
