//! The commands: each takes validated settings, does its job through the library, prints
//! at the edge (human text on stderr, JSON on stdout) and returns an exit code.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::{BuildArgs, CheckArgs, Cli, Command, GlobalArgs, InitArgs, Part};
use crate::designs::Design;
use crate::diag::{self, Diagnostic, Severity};
use crate::kit::{self, Artifact};
use crate::layout::text::TextEngine;
use crate::model::{self, Campaign};

/// Exit codes, as documented in `--help` and the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CAMPAIGN_ERRORS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const STRICT_WARNINGS: u8 = 3;
    pub const WRITE_FAILED: u8 = 4;
    pub const INTERNAL: u8 = 70;
}

pub fn run(cli: Cli) -> u8 {
    let g = &cli.global;
    match cli.command {
        Command::Check(args) => check(&args, g),
        Command::Build(args) => build(&args, g),
        Command::Init(args) => init(&args, g),
        Command::Designs => designs(g),
        Command::Schema => schema(),
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(args.shell, &mut cmd, "handbill", &mut std::io::stdout());
            exit::OK
        }
        Command::MergeManifests(args) => merge(&args, g),
        Command::Man => {
            use clap::CommandFactory;
            let man = clap_mangen::Man::new(Cli::command());
            let mut out = Vec::new();
            if man.render(&mut out).is_err() || std::io::stdout().write_all(&out).is_err() {
                return exit::WRITE_FAILED;
            }
            exit::OK
        }
    }
}

/// Human output goes to stderr, coloured or not.
struct Printer {
    style: diag::Style,
    quiet: bool,
}

impl Printer {
    fn new(g: &GlobalArgs) -> Self {
        Printer {
            style: diag::Style {
                color: crate::cli::use_color(g.color),
            },
            quiet: g.quiet || g.json,
        }
    }

    /// Print diagnostics; past 100, only a count (every one is in `--json`).
    fn diagnostics(&self, diags: &[Diagnostic]) {
        const SHOWN: usize = 100;
        let mut err = std::io::stderr().lock();
        let shown: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| !(self.quiet && d.severity == Severity::Warning))
            .collect();
        for d in shown.iter().take(SHOWN) {
            let _ = writeln!(err, "{}", diag::render(d, self.style));
        }
        if shown.len() > SHOWN {
            let _ = writeln!(
                err,
                "… and {} more (run with --json to see every one)\n",
                shown.len() - SHOWN
            );
        }
    }

    /// An error that is about no place in a file (usage, writing), rendered like the others.
    fn error(&self, message: impl Into<String>) {
        self.diagnostics(&[Diagnostic::error("", message)]);
    }

    fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }
}

/// Most campaign files one command takes.
pub const MAX_CAMPAIGNS: usize = 1_000;

/// Turn the CAMPAIGN arguments into campaign files: a file as given; a folder's
/// `campaign.yaml`, or else every `.yaml`/`.yml` file directly in it (at most `MAX_CAMPAIGNS`).
fn campaign_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if args.is_empty() {
        let default = PathBuf::from("campaign.yaml");
        if default.is_file() {
            return Ok(vec![default]);
        }
        return Err("no campaign given, and there is no campaign.yaml here.\n  Name one: `handbill check path/to/campaign.yaml`, or run `handbill init` to write an example".into());
    }
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            let main = a.join("campaign.yaml");
            if main.is_file() {
                out.push(main);
                continue;
            }
            let mut found: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| format!("cannot list {}: {e}", a.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "{} holds no campaign.yaml and no other .yaml files",
                    a.display()
                ));
            }
            out.extend(found);
        } else {
            out.push(a.clone());
        }
        if out.len() > MAX_CAMPAIGNS {
            return Err(format!(
                "more than {MAX_CAMPAIGNS} campaign files in one command (reached at {}).\n  \
                 Build them in batches of at most {MAX_CAMPAIGNS}, one command per batch",
                a.display()
            ));
        }
    }
    Ok(out)
}

/// Load every campaign and its design, and lay out every canvas to catch text that does
/// not fit or has no font; returns the valid ones and all diagnostics (sorted).
fn load_all(files: &[PathBuf], lint: bool) -> (Vec<(Campaign, Design)>, Vec<Diagnostic>) {
    let (campaigns, per_file) = load_each(files, lint, false);
    (campaigns, per_file.into_iter().flatten().collect())
}

/// As `load_all`, with the diagnostics of each file (its design's included) kept apart.
/// Without `lint`, canvases are not laid out here (`build` lays them out as it makes them);
/// `lint_contrast` also draws each canvas to measure text contrast (what `check` does).
fn load_each(
    files: &[PathBuf],
    lint: bool,
    lint_contrast: bool,
) -> (Vec<(Campaign, Design)>, Vec<Vec<Diagnostic>>) {
    let mut campaigns = Vec::new();
    let mut diags = Vec::new();
    let mut engine = TextEngine::new();
    for f in files {
        let loaded = model::load_campaign(f, &f.display().to_string());
        let mut ds = loaded.diagnostics;
        if let Some(c) = loaded.campaign {
            match crate::designs::load(&c.design) {
                Err(design_errors) => ds.extend(design_errors),
                Ok(design) => {
                    let mut lint = if lint {
                        crate::kit::lint_social(&mut engine, &c, &design)
                    } else {
                        Vec::new()
                    };
                    let failed = lint.iter().any(Diagnostic::is_error);
                    if lint_contrast && !failed {
                        lint.extend(crate::kit::lint_all_contrast(&mut engine, &c, &design));
                    }
                    ds.extend(lint);
                    if !failed {
                        campaigns.push((c, design));
                    }
                }
            }
        }
        diag::sort(&mut ds);
        diags.push(ds);
    }
    (campaigns, diags)
}

fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn check(args: &CheckArgs, g: &GlobalArgs) -> u8 {
    let p = Printer::new(g);
    let files = match campaign_files(&args.campaigns) {
        Ok(f) => f,
        Err(m) => {
            p.error(m);
            return exit::USAGE;
        }
    };
    let (campaigns, mut per_file) = load_each(&files, true, true);
    // Make every product in memory, as `build` would, to check budgets and read back every QR
    // code; nothing is written.
    let jobs = jobs_for(&campaigns, &|_| true);
    if let Ok(results) = make(
        &campaigns,
        &jobs,
        0,
        None,
        !g.quiet && !g.json,
        Keep::Nothing,
    ) {
        for (job, r) in jobs.iter().zip(results) {
            let errors = match r {
                Err(ds) => ds,
                Ok(arts) => arts
                    .into_iter()
                    .flat_map(|a| a.warnings)
                    .filter(|d| !d.is_error())
                    .collect(),
            };
            let file = campaigns[job.campaign()].0.file.display().to_string();
            if let Some(slot) = files.iter().position(|f| f.display().to_string() == file) {
                for d in errors {
                    if !per_file[slot]
                        .iter()
                        .any(|e| e.path == d.path && e.message == d.message)
                    {
                        per_file[slot].push(d);
                    }
                }
                diag::sort(&mut per_file[slot]);
            }
        }
    }
    let diags: Vec<Diagnostic> = per_file.iter().flatten().cloned().collect();
    let (errors, warnings) = counts(&diags);
    if g.json {
        let doc = serde_json::json!({
            "handbill": env!("CARGO_PKG_VERSION"),
            "command": "check",
            "campaigns": files.iter().zip(&per_file).map(|(f, mine)| {
                let name = f.display().to_string();
                serde_json::json!({
                    "file": name,
                    "ok": !mine.iter().any(|d| d.is_error()),
                    "diagnostics": mine,
                })
            }).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        p.diagnostics(&diags);
        let summary = format!(
            "checked {}: {}, {}",
            plural(files.len(), "campaign"),
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        if errors > 0 || !g.quiet {
            eprintln!("{summary}");
        }
    }
    outcome(errors, warnings, g.strict)
}

fn outcome(errors: usize, warnings: usize, strict: bool) -> u8 {
    if errors > 0 {
        exit::CAMPAIGN_ERRORS
    } else if strict && warnings > 0 {
        exit::STRICT_WARNINGS
    } else {
        exit::OK
    }
}

fn build(args: &BuildArgs, g: &GlobalArgs) -> u8 {
    let p = Printer::new(g);
    let files = match campaign_files(&args.campaigns) {
        Ok(f) => f,
        Err(m) => {
            p.error(m);
            return exit::USAGE;
        }
    };
    let (campaigns, mut diags) = load_all(&files, false);
    let only = |part: Part| args.only.is_empty() || args.only.contains(&part);
    let created = match source_date_epoch() {
        Ok(t) => t,
        Err(m) => {
            p.error(m);
            return exit::USAGE;
        }
    };
    let (errors, warnings) = counts(&diags);
    if errors > 0 || (g.strict && warnings > 0) {
        finish_build(&p, g, &diags, &[], &[]);
        return if errors > 0 {
            exit::CAMPAIGN_ERRORS
        } else {
            exit::STRICT_WARNINGS
        };
    }

    let mut jobs = jobs_for(&campaigns, &|part| only(part));
    let shard =
        match crate::cli::shard_from(args, |k| std::env::var(k).ok().filter(|v| !v.is_empty())) {
            Ok(s) => s,
            Err(m) => {
                p.error(m);
                return exit::USAGE;
            }
        };
    if let Some(shard) = shard {
        // A stable, disjoint slice: each product goes to the shard its name hashes to, so the
        // same product always lands in the same shard whatever else is in the batch.
        jobs.retain(|job| {
            fnv1a(&job.key(&campaigns)) % shard.count as u64 == (shard.index - 1) as u64
        });
    }
    let spool = crate::spool::Spool::new().ok();
    let results = match make(
        &campaigns,
        &jobs,
        args.jobs.map_or(0, |n| n.get()),
        created,
        !g.quiet && !g.json,
        spool.as_ref().map_or(Keep::Memory, Keep::Spool),
    ) {
        Ok(r) => r,
        Err(m) => {
            p.error(m);
            return exit::WRITE_FAILED;
        }
    };
    // Where each campaign's kit goes, and which campaigns share each folder.
    let folder_of = |c: &Campaign| args.out.clone().unwrap_or_else(|| c.output.clone());
    let ids_in = |folder: &PathBuf| -> Vec<String> {
        campaigns
            .iter()
            .filter(|(c, _)| folder_of(c) == *folder)
            .map(|(c, _)| c.id.clone())
            .collect()
    };
    // Nothing is written unless every product was made.
    let mut by_folder: Vec<(PathBuf, Vec<Artifact>)> = Vec::new();
    for (job, r) in jobs.iter().zip(results) {
        match r {
            Err(ds) => diags.extend(ds),
            Ok(arts) => {
                let c = &campaigns[job.campaign()].0;
                diags.extend(arts.iter().flat_map(|a| a.warnings.iter().cloned()));
                let folder = folder_of(c);
                match by_folder.iter_mut().find(|(f, _)| *f == folder) {
                    Some((_, list)) => list.extend(arts),
                    None => by_folder.push((folder, arts)),
                }
            }
        }
    }
    // Campaigns sharing an output folder each get their own caption file.
    for (folder, arts) in &mut by_folder {
        if ids_in(folder).len() > 1 {
            for a in arts.iter_mut().filter(|a| a.kind == "caption") {
                if let Some(id) = &a.campaign {
                    a.path = PathBuf::from(format!("{id}-caption.txt"));
                }
            }
        }
    }
    kit::dedup(&mut diags);
    let (errors, warnings) = counts(&diags);
    if errors > 0 || (g.strict && warnings > 0) {
        finish_build(&p, g, &diags, &[], &[]);
        return if errors > 0 {
            exit::CAMPAIGN_ERRORS
        } else {
            exit::STRICT_WARNINGS
        };
    }
    // The review page of each folder shows everything written there, with every warning.
    let warnings: Vec<Diagnostic> = diags.iter().filter(|d| !d.is_error()).cloned().collect();
    for (folder, arts) in &mut by_folder {
        let review =
            crate::review::page(&ids_in(folder), &arts.iter().collect::<Vec<_>>(), &warnings);
        arts.push(review);
    }
    let mut manifests = Vec::new();
    for (folder, arts) in &by_folder {
        if let Err(e) = crate::output::plan(folder, arts) {
            p.error(format!("{e}; nothing was written"));
            return exit::WRITE_FAILED;
        }
    }
    let mut written = Vec::new();
    for (folder, arts) in &by_folder {
        let manifest =
            crate::manifest::manifest(&ids_in(folder), &arts.iter().collect::<Vec<_>>(), &warnings);
        match crate::output::write_all(
            folder,
            arts,
            spool.as_ref(),
            Some(&crate::manifest::to_bytes(&manifest)),
        ) {
            Ok(paths) => written.extend(paths.into_iter().zip(arts.iter())),
            Err(e) => {
                p.error(format!("could not write the kit: {e}"));
                return exit::WRITE_FAILED;
            }
        }
        manifests.push((folder.clone(), manifest));
    }
    finish_build(&p, g, &diags, &written, &manifests);
    exit::OK
}

/// Every product of every campaign, in a fixed order.
fn jobs_for(campaigns: &[(Campaign, Design)], only: &dyn Fn(Part) -> bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, (c, _)) in campaigns.iter().enumerate() {
        if only(Part::Poster) {
            match c.poster.pages {
                crate::model::Pages::Combined => jobs.push(Job::PosterCombined(i)),
                crate::model::Pages::Separate => {
                    jobs.extend(kit::poster_groups(c).into_iter().map(|g| Job::Poster(i, g)))
                }
            }
        }
        if only(Part::Social) {
            jobs.extend(c.social.formats.iter().map(|f| Job::Social(i, *f)));
            jobs.push(Job::Caption(i));
        }
        if only(Part::Qr) {
            jobs.extend(c.channels().into_iter().map(|ch| Job::Qr(i, ch)));
        }
    }
    jobs
}

type Made = Result<Vec<Artifact>, Vec<Diagnostic>>;

/// A progress bar on stderr, only for a person at a terminal (never with --json or --quiet,
/// never in CI logs).
fn progress(len: usize, show: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !show || !std::io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.set_message("products made");
    bar
}

/// What happens to a product's bytes once it is made.
#[derive(Clone, Copy)]
enum Keep<'a> {
    /// Dropped: `check` needs only the verdict.
    Nothing,
    /// Large ones moved to the spool (the normal case for `build`).
    Spool(&'a crate::spool::Spool),
    /// All kept in memory (if no spool could be made).
    Memory,
}

/// Make the products in parallel (`threads` = 0: one per core), in job order; `keep` says
/// where their bytes wait.
fn make(
    campaigns: &[(Campaign, Design)],
    jobs: &[Job],
    threads: usize,
    created: Option<i64>,
    show_progress: bool,
    keep: Keep,
) -> Result<Vec<Made>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = progress(jobs.len(), show_progress);
    let made = pool.install(|| {
        use rayon::prelude::*;
        jobs.par_iter()
            .map(|job| {
                let _tick = Tick(&bar);
                ENGINE.with(|e| {
                    let mut engine = e.borrow_mut();
                    let (c, d) = &campaigns[job.campaign()];
                    let mut made = match *job {
                        Job::Poster(_, g) => kit::poster_pdf(&mut engine, c, d, &[g], created),
                        Job::PosterCombined(_) => {
                            kit::poster_pdf(&mut engine, c, d, &kit::poster_groups(c), created)
                        }
                        Job::Social(_, f) => kit::social_image(&mut engine, c, d, &f),
                        Job::Caption(_) => Ok(vec![kit::caption(c)]),
                        Job::Qr(_, ch) => kit::qr_files(c, ch),
                    };
                    if let Ok(arts) = &mut made {
                        for a in arts.iter_mut() {
                            match keep {
                                Keep::Nothing => a.bytes = Vec::new(),
                                Keep::Spool(spool) => a.spill(spool),
                                Keep::Memory => {}
                            }
                        }
                    }
                    made
                })
            })
            .collect()
    });
    bar.finish_and_clear();
    Ok(made)
}

/// Advances the bar when a job ends, however it ends.
struct Tick<'a>(&'a indicatif::ProgressBar);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.inc(1);
    }
}

#[derive(Debug, Clone, Copy)]
enum Job {
    Poster(usize, Option<usize>),
    PosterCombined(usize),
    Social(usize, crate::model::SocialFormat),
    Caption(usize),
    Qr(usize, &'static str),
}

/// The creation date for PDFs: `SOURCE_DATE_EPOCH` if set, else none (never the clock, so
/// builds are reproducible).
fn source_date_epoch() -> Result<Option<i64>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v
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

/// FNV-1a: a small, fixed hash (the standard library's may change between releases).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Job {
    /// A name for the product that does not depend on the other campaigns in the batch.
    fn key(&self, campaigns: &[(Campaign, Design)]) -> String {
        let c = &campaigns[self.campaign()].0;
        match self {
            Job::Poster(_, g) => {
                let slug = g
                    .and_then(|i| c.poster.groups.get(i))
                    .map_or("-", |g| g.slug.as_str());
                format!("{}/poster/{slug}", c.id)
            }
            Job::PosterCombined(_) => format!("{}/poster", c.id),
            Job::Social(_, f) => format!("{}/social/{}", c.id, f.name),
            Job::Caption(_) => format!("{}/caption", c.id),
            Job::Qr(_, ch) => format!("{}/qr/{ch}", c.id),
        }
    }

    fn campaign(&self) -> usize {
        match *self {
            Job::Poster(i, _)
            | Job::PosterCombined(i)
            | Job::Social(i, _)
            | Job::Caption(i)
            | Job::Qr(i, _) => i,
        }
    }
}

thread_local! {
    static ENGINE: std::cell::RefCell<TextEngine> = std::cell::RefCell::new(TextEngine::new());
}

/// Report a build: diagnostics on stderr (or in the JSON), then what was written.
fn finish_build(
    p: &Printer,
    g: &GlobalArgs,
    diags: &[Diagnostic],
    written: &[(PathBuf, &Artifact)],
    manifests: &[(PathBuf, serde_json::Value)],
) {
    let (errors, warnings) = counts(diags);
    if g.json {
        // Every file with its path as written (for scripts), then each folder's manifest.
        let files: Vec<_> = written
            .iter()
            .map(|(path, a)| {
                let mut f = crate::manifest::entry(a);
                f["path"] = serde_json::json!(path.display().to_string());
                f
            })
            .collect();
        let outputs: Vec<_> = manifests.iter().map(|(folder, m)| serde_json::json!({ "folder": folder.display().to_string(), "manifest": m })).collect();
        let doc = serde_json::json!({ "handbill": env!("CARGO_PKG_VERSION"), "command": "build", "diagnostics": diags, "errors": errors, "warnings": warnings, "files": files, "outputs": outputs });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return;
    }
    p.diagnostics(diags);
    if errors > 0 {
        eprintln!("{}; nothing was written", plural(errors, "error"));
    } else if g.strict && warnings > 0 && written.is_empty() {
        eprintln!(
            "{} under --strict; nothing was written",
            plural(warnings, "warning")
        );
    } else {
        p.note(&format!(
            "wrote {} ({})",
            plural(written.len(), "file"),
            plural(warnings, "warning")
        ));
    }
}

/// The example campaign shipped inside the binary.
const EXAMPLE: &[(&str, &[u8])] = &[
    (
        "campaign.yaml",
        include_bytes!("../examples/god-of-justice/campaign.yaml"),
    ),
    (
        "images/cambodia.jpg",
        include_bytes!("../examples/god-of-justice/images/cambodia.jpg"),
    ),
    (
        "images/logo.png",
        include_bytes!("../examples/god-of-justice/images/logo.png"),
    ),
];

fn init(args: &InitArgs, g: &GlobalArgs) -> u8 {
    let p = Printer::new(g);
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let existing: Vec<&str> = EXAMPLE
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| dir.join(n).exists())
        .collect();
    if !existing.is_empty() {
        p.error(format!(
            "{} already holds {}; nothing was written.\n  Choose a new folder: `handbill init my-campaign`",
            dir.display(),
            existing.join(", ")
        ));
        return exit::WRITE_FAILED;
    }
    for (name, bytes) in EXAMPLE {
        let path = dir.join(name);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_new(&path, bytes));
        if let Err(e) = result {
            p.error(format!("cannot write {}: {e}", path.display()));
            return exit::WRITE_FAILED;
        }
    }
    let campaign = dir.join("campaign.yaml");
    p.note(&format!(
        "wrote an example campaign to {}\n  next: edit it, then run `handbill check {}` and `handbill build {}`",
        dir.display(),
        campaign.display(),
        campaign.display()
    ));
    exit::OK
}

/// Create a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn designs(g: &GlobalArgs) -> u8 {
    let mut list = Vec::new();
    for name in crate::designs::bundled_names() {
        match crate::designs::bundled(name) {
            Ok(d) => list.push(d),
            Err(ds) => {
                Printer::new(g).diagnostics(&ds);
                return exit::INTERNAL;
            }
        }
    }
    if g.json {
        let doc: Vec<_> = list
            .iter()
            .map(|d| {
                let families: serde_json::Map<String, serde_json::Value> = crate::designs::FAMILIES
                    .iter()
                    .map(|f| (f.to_string(), serde_json::json!(d.slots(f))))
                    .collect();
                serde_json::json!({ "name": d.name, "description": d.description, "families": families })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return exit::OK;
    }
    let mut out = String::new();
    for d in &list {
        out.push_str(&format!("{}\n  {}\n", d.name, d.description));
        for f in crate::designs::FAMILIES {
            out.push_str(&format!("  {f:<10} {}\n", d.slots(f).join(", ")));
        }
        out.push('\n');
    }
    out.push_str("Use one with `design: NAME` in the campaign, or `design: ./folder` for a design.yaml of your own.\n");
    print!("{out}");
    exit::OK
}

/// Join shard manifests: files are unioned (the same path must have the same sha256),
/// campaigns and warnings merged.
fn merge(args: &crate::cli::MergeArgs, g: &GlobalArgs) -> u8 {
    let mut docs = Vec::new();
    for path in &args.manifests {
        match std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        {
            Some(v) if v["manifest"] == crate::manifest::FORMAT => docs.push(v),
            _ => {
                Printer::new(g).error(format!(
                    "{} is not a handbill manifest.json",
                    path.display()
                ));
                return exit::USAGE;
            }
        }
    }
    match crate::manifest::merge(&docs) {
        Err(m) => {
            Printer::new(g).error(m);
            exit::CAMPAIGN_ERRORS
        }
        Ok(merged) => {
            let bytes = crate::manifest::to_bytes(&merged);
            match &args.out {
                Some(out) => {
                    if let Err(e) = crate::output::write_atomic(out, &bytes) {
                        Printer::new(g).error(format!("cannot write {}: {e}", out.display()));
                        return exit::WRITE_FAILED;
                    }
                    Printer::new(g).note(&format!(
                        "merged {} manifests into {}",
                        docs.len(),
                        out.display()
                    ));
                }
                None => {
                    let _ = std::io::stdout().write_all(&bytes);
                }
            }
            exit::OK
        }
    }
}

fn schema() -> u8 {
    let schema = crate::spec::campaign_schema();
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    exit::OK
}
