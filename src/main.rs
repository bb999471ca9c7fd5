//! The `handbill` binary: parse the command line, run, map the outcome to an exit code.
//! A panic is a bug: it becomes an internal-error message and exit code 70.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: internal error in handbill {} — this is a bug, not a problem with your campaign.\n  {info}\n  Please report it with the campaign file that caused it.",
            env!("CARGO_PKG_VERSION")
        );
    }));
    let cli = handbill::cli::Cli::parse();
    match std::panic::catch_unwind(move || handbill::app::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(_) => ExitCode::from(handbill::app::exit::INTERNAL),
    }
}
