//! All human and JSON output of the commands: diagnostics with their carets, notes, the
//! progress bar and the JSON documents. Human text goes to stderr; JSON to stdout.

use std::io::Write as _;

use crate::cli::Output;
use crate::diag::{self, Diagnostic, Severity};

pub(super) struct Printer {
    output: Output,
}

impl Printer {
    pub(super) fn new(output: Output) -> Self {
        Printer { output }
    }

    /// For mistakes found before the settings are known: no colour, nothing hidden.
    pub(super) fn plain() -> Self {
        Printer::new(Output {
            json: false,
            quiet: false,
            strict: false,
            color: false,
            progress: false,
        })
    }

    pub(super) fn json(&self) -> bool {
        self.output.json
    }

    pub(super) fn strict(&self) -> bool {
        self.output.strict
    }

    /// Nothing but errors: `--quiet`, or `--json` (whose document says everything).
    fn hushed(&self) -> bool {
        self.output.quiet || self.output.json
    }

    /// Print diagnostics; past 100, only a count (every one is in `--json`).
    pub(super) fn diagnostics(&self, diags: &[Diagnostic]) {
        const SHOWN: usize = 100;
        let style = diag::Style {
            color: self.output.color,
        };
        let mut err = std::io::stderr().lock();
        let shown: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| !(self.hushed() && d.severity == Severity::Warning))
            .collect();
        for d in shown.iter().take(SHOWN) {
            let _ = writeln!(err, "{}", diag::render(d, style));
        }
        if shown.len() > SHOWN {
            let _ = writeln!(
                err,
                "… and {} more (run with --json to see every one)\n",
                shown.len() - SHOWN
            );
        }
    }

    /// A mistake with no place in a file (usage, writing), rendered like the others.
    pub(super) fn error(&self, message: &str) {
        self.diagnostics(&[Diagnostic::error("", message)]);
    }

    /// A warning with no place in a file, rendered like the others.
    pub(super) fn warning(&self, message: &str) {
        self.diagnostics(&[Diagnostic::warning("", message)]);
    }

    /// A line for the person at the terminal (not with `--quiet` or `--json`).
    pub(super) fn note(&self, text: &str) {
        if !self.hushed() {
            eprintln!("{text}");
        }
    }

    /// A line shown unless `--quiet`.
    pub(super) fn summary(&self, text: &str, always: bool) {
        if always || !self.output.quiet {
            eprintln!("{text}");
        }
    }

    /// Print one JSON document on stdout.
    pub(super) fn stdout_json(&self, doc: &serde_json::Value) -> u8 {
        let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
        text.push('\n');
        self.stdout(text.as_bytes())
    }

    /// Write `bytes` to stdout. A reader that stops early (`| head`) ends the command quietly
    /// with exit 0, as ripgrep does; any other failure (a full disk) is said, with exit 4.
    pub(super) fn stdout(&self, bytes: &[u8]) -> u8 {
        let mut out = std::io::stdout().lock();
        match out.write_all(bytes).and_then(|()| out.flush()) {
            Ok(()) => super::exit::OK,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => super::exit::OK,
            Err(e) => {
                self.error(&format!("could not write to standard output: {e}"));
                super::exit::WRITE_FAILED
            }
        }
    }

    /// A progress bar on stderr, only for a person at a terminal (never with --json or
    /// --quiet, never in CI logs), and only for work of two jobs or more.
    pub(super) fn progress(&self) -> Bar {
        Bar {
            show: self.output.progress,
            bar: indicatif::ProgressBar::hidden(),
        }
    }
}

/// Errors and warnings among `diags`.
pub(super) fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The exit code for a verdict.
pub(super) fn outcome(errors: usize, warnings: usize, strict: bool) -> u8 {
    if errors > 0 {
        super::exit::CAMPAIGN_ERRORS
    } else if strict && warnings > 0 {
        super::exit::STRICT_WARNINGS
    } else {
        super::exit::OK
    }
}

/// The progress bar the library reports to.
pub(super) struct Bar {
    show: bool,
    bar: indicatif::ProgressBar,
}

impl crate::kit::Progress for Bar {
    fn start(&self, jobs: usize) {
        if self.show && jobs >= 2 {
            self.bar.set_length(jobs as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            {
                self.bar.set_style(style);
            }
            self.bar.set_message("products made");
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn done(&self) {
        self.bar.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
