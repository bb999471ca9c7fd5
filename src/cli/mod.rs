//! The command line as the user types it (clap types). `settings` turns it, with the
//! environment and the terminal, into the validated `Settings` the commands run on.

mod settings;

pub(crate) use settings::{BuildSettings, Output, Settings, Task};

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::kit::Shard;

const AFTER_HELP: &str = "\
Examples:
  handbill check campaign.yaml            validate, print every problem with a fix
  handbill build campaign.yaml            make the whole kit into the campaign's `output` folder
  handbill build --only social --json     social images only; print the manifest as JSON
  handbill init my-campaign               start from a working example

Exit codes: 0 ok · 1 the campaign has errors (nothing written) · 2 usage error ·
3 warnings under --strict · 4 could not write outputs · 70 internal error";

/// Turn one YAML campaign file into a complete outreach kit: a print-ready poster PDF,
/// social share images for every platform size, and QR codes that are proven to scan.
#[derive(Debug, Parser)]
#[command(name = "handbill", version, about, long_about = None, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,

    #[command(flatten)]
    pub(crate) global: GlobalArgs,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct GlobalArgs {
    /// Print one JSON document on stdout (the manifest, or the diagnostics) instead of text
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// Print nothing but errors
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,

    /// Treat warnings as failures (exit code 3)
    #[arg(long, global = true)]
    pub(crate) strict: bool,

    /// When to colour the output [default: auto, which honours NO_COLOR]
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorChoice::Auto, hide_default_value = true)]
    pub(crate) color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate the campaign and write the kit: posters, social images, QR codes, manifest
    Build(BuildArgs),
    /// Build, then build again on every change of the campaign, its pictures, fonts or design;
    /// a change with errors keeps the last good kit. Stop it with Ctrl-C
    Watch(BuildArgs),
    /// Validate and lint the campaign; writes nothing
    Check(CheckArgs),
    /// Write a working example campaign (campaign.yaml + images) to start from
    Init(InitArgs),
    /// List the bundled designs and the slots each format family shows
    Designs,
    /// Print the JSON Schema of the campaign file (for editor completion), or of a design file
    Schema(SchemaArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff): handbill's, or one subcommand's; or write every page to a folder
    Man(ManArgs),
    /// Join the manifests written by the shards of a batch into one
    MergeManifests(MergeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (e.g. `build`) [default: handbill's own page]
    #[arg(value_name = "SUBCOMMAND")]
    pub(crate) subcommand: Option<String>,

    /// Write every page (handbill.1, handbill-build.1, …) into DIR instead
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The schema of a design file (`design.yaml`) instead of a campaign file
    #[arg(long)]
    pub(crate) design: bool,
}

#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// The shards' manifest.json files
    #[arg(value_name = "MANIFEST", required = true)]
    pub(crate) manifests: Vec<PathBuf>,

    /// Write the merged manifest here instead of printing it
    #[arg(long, short, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Campaign files, or folders holding them; `-` reads one from standard input (its paths
    /// relative to the working folder) [default: ./campaign.yaml]
    #[arg(value_name = "CAMPAIGN")]
    pub(crate) campaigns: Vec<PathBuf>,

    /// Also offer the fonts in DIR (and its subfolders) to every campaign: for the families a
    /// campaign's `typeface` names, and for characters no other font has (a CJK font).
    /// Repeatable; without it, the folders in HANDBILL_FONT_PATH (separated by `:`) are used
    #[arg(long = "font-path", value_name = "DIR")]
    pub(crate) font_path: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Campaign files, or folders holding them; `-` reads one from standard input (its paths
    /// relative to the working folder) [default: ./campaign.yaml]
    #[arg(value_name = "CAMPAIGN")]
    pub(crate) campaigns: Vec<PathBuf>,

    /// Write the kit here instead of the campaign's `output` folder
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// Make only these parts (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "PARTS")]
    pub(crate) only: Vec<Part>,

    /// Run this many jobs at once [default: number of cores]
    #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<NonZeroUsize>,

    /// Build only slice K of N of the work (1-based), for splitting a batch across CI machines.
    /// Without it, GitLab's CI_NODE_INDEX/CI_NODE_TOTAL are used when set, or Kubernetes'
    /// JOB_COMPLETION_INDEX (0-based) with --shard-count
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub(crate) shard: Option<Shard>,

    /// The number of shards, when the shard's index comes from JOB_COMPLETION_INDEX
    #[arg(long, value_name = "N")]
    pub(crate) shard_count: Option<NonZeroUsize>,

    /// Open the review page (index.html) with the system's opener when the build is written
    #[arg(long)]
    pub(crate) open: bool,

    /// Also offer the fonts in DIR (and its subfolders) to every campaign: for the families a
    /// campaign's `typeface` names, and for characters no other font has (a CJK font).
    /// Repeatable; without it, the folders in HANDBILL_FONT_PATH (separated by `:`) are used
    #[arg(long = "font-path", value_name = "DIR")]
    pub(crate) font_path: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Part {
    Poster,
    Social,
    Qr,
}

impl From<Part> for crate::kit::Part {
    fn from(p: Part) -> Self {
        match p {
            Part::Poster => crate::kit::Part::Poster,
            Part::Social => crate::kit::Part::Social,
            Part::Qr => crate::kit::Part::Qr,
        }
    }
}

/// The shard to build: `--shard`, else the CI engine's environment.
fn shard_from(
    args: &BuildArgs,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, String> {
    if let Some(s) = args.shard {
        return Ok(Some(s));
    }
    if let (Some(i), Some(n)) = (env("CI_NODE_INDEX"), env("CI_NODE_TOTAL")) {
        return parse_shard(&format!("{i}/{n}"))
            .map(Some)
            .map_err(|e| format!("CI_NODE_INDEX/CI_NODE_TOTAL: {e}"));
    }
    if let Some(n) = args.shard_count {
        let i = env("JOB_COMPLETION_INDEX").ok_or("--shard-count needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job) or use --shard K/N")?;
        let i: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("JOB_COMPLETION_INDEX is `{i}`, not a number"))?;
        return parse_shard(&format!("{}/{}", i + 1, n.get()))
            .map(Some)
            .map_err(|e| format!("JOB_COMPLETION_INDEX: {e}"));
    }
    Ok(None)
}

fn parse_jobs(s: &str) -> Result<NonZeroUsize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of jobs; write e.g. --jobs 4"))?;
    NonZeroUsize::new(n).ok_or_else(|| {
        "0 jobs would make nothing; write --jobs 1 or more, or leave --jobs out for one job per core".to_string()
    })
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let (k, n) = s
        .split_once('/')
        .ok_or("write the shard as K/N, e.g. 1/3")?;
    let k: usize = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a number"))?;
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n} does not exist; K runs from 1 to N"));
    }
    Ok(Shard { index: k, count: n })
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Folder to write the example into (created if missing) [default: .]
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("2/3"), Ok(Shard { index: 2, count: 3 }));
        assert!(parse_shard("0/3").is_err());
        assert!(parse_shard("4/3").is_err());
        assert!(parse_shard("3").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
