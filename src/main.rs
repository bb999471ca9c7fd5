//! The `handbill` binary: parse the command line, run, map the outcome to an exit code.
//! A panic is a bug: it becomes an internal-error message and exit code 70.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    keep_freed_memory();
    std::panic::set_hook(Box::new(|info| {
        // A font parser's panic on a hostile font file is caught and reported as a damaged
        // font, with its place in the campaign file.
        if handbill::fonts::panic_is_expected() {
            return;
        }
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

/// Each image is drawn into fresh buffers of several megabytes. glibc gives large freed blocks
/// back to the system at once, so every image paid again to have its pages zeroed and mapped
/// (a third of the time of a 100-image batch went to the kernel). Keep them for reuse instead:
/// peak memory is unchanged (it is the largest set of buffers in use at once), and the time
/// spent faulting pages in is gone.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only changes allocator tuning parameters; it is called first thing in
    // main, before any other thread exists, with valid parameter numbers and values.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
