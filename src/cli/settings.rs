//! Settings: the command line with the environment and the terminal read once, checked, and
//! turned into what the commands run on. Nothing below `app` reads the environment.

use std::path::PathBuf;

use super::{BuildArgs, Cli, ColorChoice, Command, shard_from};
use crate::kit::{Part, Shard};

/// How a command prints.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    /// One JSON document on stdout instead of text.
    pub(crate) json: bool,
    /// Nothing but errors.
    pub(crate) quiet: bool,
    /// Warnings fail the command (exit 3).
    pub(crate) strict: bool,
    /// ANSI colour on stderr.
    pub(crate) color: bool,
    /// A progress bar on stderr: a person at a terminal, not `--json` or `--quiet`.
    pub(crate) progress: bool,
}

/// What to do.
#[derive(Debug)]
pub(crate) enum Task {
    Build(BuildSettings),
    Watch(BuildSettings),
    Check {
        campaigns: Vec<PathBuf>,
        font_path: Vec<PathBuf>,
    },
    Init {
        dir: PathBuf,
    },
    Designs,
    Schema {
        design: bool,
    },
    Completions(clap_complete::Shell),
    Man {
        subcommand: Option<String>,
        out: Option<PathBuf>,
    },
    MergeManifests {
        manifests: Vec<PathBuf>,
        out: Option<PathBuf>,
    },
}

#[derive(Debug)]
pub(crate) struct BuildSettings {
    pub(crate) campaigns: Vec<PathBuf>,
    pub(crate) out: Option<PathBuf>,
    /// Empty: every part.
    pub(crate) only: Vec<Part>,
    /// Worker threads; 0: one per core.
    pub(crate) threads: usize,
    pub(crate) shard: Option<Shard>,
    /// Folders of fonts offered to every campaign (`--font-path`, or `HANDBILL_FONT_PATH`).
    pub(crate) font_path: Vec<PathBuf>,
    /// Open the review page when the kit is written (`--open`).
    pub(crate) open: bool,
    /// `SOURCE_DATE_EPOCH`, for the PDFs' creation date.
    pub(crate) created: Option<i64>,
}

#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) output: Output,
    pub(crate) task: Task,
}

impl Settings {
    /// Check the command line against the environment (`env` returns a variable's value,
    /// `None` when unset) and the terminal. `Err` is a usage mistake, said in a sentence.
    pub(crate) fn from_cli(
        cli: Cli,
        env: &dyn Fn(&str) -> Option<String>,
        stderr_is_terminal: bool,
    ) -> Result<Settings, String> {
        let g = &cli.global;
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => env("NO_COLOR").is_none_or(|v| v.is_empty()) && stderr_is_terminal,
        };
        let output = Output {
            json: g.json,
            quiet: g.quiet,
            strict: g.strict,
            color,
            progress: stderr_is_terminal && !g.quiet && !g.json,
        };
        let task = match cli.command {
            Command::Build(args) => Task::Build(build(args, env)?),
            Command::Watch(args) => Task::Watch(build(args, env)?),
            Command::Check(args) => Task::Check {
                font_path: font_path(args.font_path, env),
                campaigns: args.campaigns,
            },
            Command::Init(args) => Task::Init {
                dir: args.dir.unwrap_or_else(|| PathBuf::from(".")),
            },
            Command::Designs => Task::Designs,
            Command::Schema(args) => Task::Schema {
                design: args.design,
            },
            Command::Completions(args) => Task::Completions(args.shell),
            Command::Man(args) => Task::Man {
                subcommand: args.subcommand,
                out: args.out,
            },
            Command::MergeManifests(args) => Task::MergeManifests {
                manifests: args.manifests,
                out: args.out,
            },
        };
        Ok(Settings { output, task })
    }
}

fn build(args: BuildArgs, env: &dyn Fn(&str) -> Option<String>) -> Result<BuildSettings, String> {
    let created = source_date_epoch(env("SOURCE_DATE_EPOCH"))?;
    let shard = shard_from(&args, |k| env(k).filter(|v| !v.is_empty()))?;
    Ok(BuildSettings {
        only: args.only.iter().map(|p| Part::from(*p)).collect(),
        threads: args.jobs.map_or(0, |n| n.get()),
        font_path: font_path(args.font_path, env),
        open: args.open,
        campaigns: args.campaigns,
        out: args.out,
        shard,
        created,
    })
}

/// The font folders: `--font-path`, else `HANDBILL_FONT_PATH` (folders separated by `:`).
fn font_path(given: Vec<PathBuf>, env: &dyn Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given;
    }
    env("HANDBILL_FONT_PATH")
        .map(|v| {
            v.split(':')
                .filter(|d| !d.trim().is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The creation date for PDFs: `SOURCE_DATE_EPOCH` if set, else none (never the clock, so
/// builds are reproducible).
fn source_date_epoch(value: Option<String>) -> Result<Option<i64>, String> {
    match value {
        None => Ok(None),
        Some(v) if v.trim().is_empty() => Ok(None),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|t| (0..=253_402_300_799).contains(t))
            .map(Some)
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH is `{v}`; it must be whole seconds since 1970-01-01")
            }),
    }
}
