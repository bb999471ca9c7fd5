//! The commands: each turns its settings into calls to the library and prints the outcome
//! through the one `Printer` (human text on stderr, JSON on stdout), returning an exit code.

mod build;
mod check;
mod designs;
mod init;
mod merge;
mod printer;
mod watch;

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

/// The campaign files the command line names (folders listed); a mistake in them is said,
/// and is a usage error.
fn campaign_files(
    p: &Printer,
    given: &[std::path::PathBuf],
) -> Result<Vec<std::path::PathBuf>, u8> {
    crate::pipeline::campaign_files(given).map_err(|m| {
        p.error(&m);
        exit::USAGE
    })
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
        Task::Watch(b) => watch::run(&p, &b),
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
        Task::Man { subcommand, out } => man(&p, subcommand.as_deref(), out.as_deref()),
    }
}

/// `handbill man`: the main page, one subcommand's, or every page written to a folder.
fn man(p: &Printer, subcommand: Option<&str>, out: Option<&std::path::Path>) -> u8 {
    let mut root = Cli::command();
    // Built, so that each subcommand carries the global options too.
    root.build();
    let render = |cmd: clap::Command, name: String| {
        let mut bytes = Vec::new();
        // A page's name is `handbill-build`; a command's name lives as long as the program.
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        clap_mangen::Man::new(cmd.name(leaked))
            .title(name)
            .render(&mut bytes)
            .map(|()| bytes)
    };
    let pages = || {
        let mut all = vec![("handbill".to_string(), root.clone())];
        for sub in root.get_subcommands() {
            all.push((format!("handbill-{}", sub.get_name()), sub.clone()));
        }
        all
    };
    if let Some(dir) = out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            p.error(&format!("cannot create {}: {e}", dir.display()));
            return exit::WRITE_FAILED;
        }
        let mut written = 0;
        for (name, cmd) in pages() {
            let path = dir.join(format!("{name}.1"));
            let Ok(bytes) = render(cmd, name) else {
                return exit::INTERNAL;
            };
            if let Err(e) = crate::output::write_atomic(&path, &bytes) {
                p.error(&format!("cannot write {}: {e}", path.display()));
                return exit::WRITE_FAILED;
            }
            written += 1;
        }
        p.note(&format!("wrote {written} man pages to {}", dir.display()));
        return exit::OK;
    }
    let (name, cmd) = match subcommand {
        None => ("handbill".to_string(), root.clone()),
        Some(s) => match root.find_subcommand(s) {
            Some(c) => (format!("handbill-{}", c.get_name()), c.clone()),
            None => {
                let names: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
                p.error(&format!(
                    "there is no subcommand `{s}`; the pages are for: {}",
                    names.join(", ")
                ));
                return exit::USAGE;
            }
        },
    };
    match render(cmd, name) {
        Ok(bytes) => p.stdout(&bytes),
        Err(_) => exit::INTERNAL,
    }
}
