//! The commands: each turns its settings into calls to the library and prints the outcome
//! through the one `Printer` (human text on stderr, JSON on stdout), returning an exit code.

mod build;
mod check;
mod designs;
mod init;
mod merge;
mod printer;

use clap::CommandFactory as _;

use crate::cli::{Cli, Settings, Task};
use printer::Printer;

/// Exit codes, as documented in `--help` and the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CAMPAIGN_ERRORS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const STRICT_WARNINGS: u8 = 3;
    pub const WRITE_FAILED: u8 = 4;
    pub const INTERNAL: u8 = 70;
}

/// A session whose campaigns may use the fonts of `font_path`; a font there that cannot be
/// used is reported and ends the command (exit 1).
fn session(p: &Printer, font_path: &[std::path::PathBuf]) -> Result<crate::kit::Session, u8> {
    crate::kit::Session::with_font_paths(font_path).map_err(|problems| {
        let diags: Vec<crate::diag::Diagnostic> = problems
            .into_iter()
            .map(|(file, m, h)| {
                crate::diag::Diagnostic::error(file, format!("--font-path: {m}")).with_help(h)
            })
            .collect();
        if p.json() {
            p.stdout_json(&serde_json::json!({
                "handbill": env!("CARGO_PKG_VERSION"),
                "errors": diags.len(),
                "diagnostics": diags,
            }));
        } else {
            p.diagnostics(&diags);
        }
        exit::CAMPAIGN_ERRORS
    })
}

/// Run the command line: read the environment and the terminal once, then the command.
pub fn run(cli: Cli) -> u8 {
    use std::io::IsTerminal as _;
    let env = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
    let settings = match Settings::from_cli(cli, &env, std::io::stderr().is_terminal()) {
        Ok(s) => s,
        Err(m) => {
            Printer::plain().error(&m);
            return exit::USAGE;
        }
    };
    let p = Printer::new(settings.output);
    match settings.task {
        Task::Check {
            campaigns,
            font_path,
        } => check::run(&p, &campaigns, &font_path),
        Task::Build(b) => build::run(&p, &b),
        Task::Init { dir } => init::run(&p, &dir),
        Task::Designs => designs::run(&p),
        Task::Schema { design: false } => p.stdout_json(&crate::raw::campaign_schema()),
        Task::Schema { design: true } => p.stdout_json(&crate::raw::design_schema()),
        Task::Completions(shell) => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "handbill", &mut out);
            p.stdout(&out)
        }
        Task::MergeManifests { manifests, out } => merge::run(&p, &manifests, out.as_deref()),
        Task::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            let mut out = Vec::new();
            if man.render(&mut out).is_err() {
                return exit::INTERNAL;
            }
            p.stdout(&out)
        }
    }
}
