//! The pipeline in the few calls a program needs: find the campaign files, load them with
//! their designs (and lint them), plan and make the kit, write it. The commands in `app` call
//! these and print; they hold no pipeline logic of their own.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::design::{self, Design};
use crate::diag::{self, Diagnostic};
use crate::kit::{
    self, Job, Keep, Made, MakeOptions, Part, Product, ProductKind, Progress, Session, Shard, Spool,
};
use crate::model::{self, Campaign};
use crate::output::WriteError;

/// Most campaign files one command takes.
pub const MAX_CAMPAIGNS: usize = 1_000;

/// Turn the CAMPAIGN arguments into campaign files: a file as given; a folder's
/// `campaign.yaml`, or else every `.yaml`/`.yml` file directly in it (at most `MAX_CAMPAIGNS`).
/// `Err` is a usage mistake, said in a sentence.
pub fn campaign_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if args.is_empty() {
        let default = PathBuf::from("campaign.yaml");
        if default.is_file() {
            return Ok(vec![default]);
        }
        return Err("no campaign given, and there is no campaign.yaml here.\n  Name one: `handbill check path/to/campaign.yaml`, or run `handbill init` to write an example".into());
    }
    let mut out = Vec::new();
    if args.iter().filter(|a| a.as_os_str() == "-").count() > 1 {
        return Err("`-` (the campaign on standard input) may be given once".into());
    }
    for a in args {
        if a.as_os_str() == "-" {
            out.push(a.clone());
        } else if a.is_dir() {
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

/// How much `load` checks beyond validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lint {
    /// Validation only: `build` lays canvases out as it makes them.
    None,
    /// Lay out every canvas (text that does not fit or has no font) and draw each one to
    /// measure text contrast: what `check` does.
    Full,
}

/// Campaign files loaded with their designs.
pub struct Loaded {
    pub files: Vec<PathBuf>,
    /// The campaigns without errors, with their designs.
    pub campaigns: Vec<(Campaign, Design)>,
    /// Each file's diagnostics (its design's included), sorted, in the order of `files`.
    pub diagnostics: Vec<Vec<Diagnostic>>,
}

impl Loaded {
    /// Every diagnostic of every file.
    pub fn all_diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics.iter().flatten().cloned().collect()
    }
}

/// Load, validate and (with `lint`) lint every campaign and its design.
pub fn load(session: &Session, files: Vec<PathBuf>, lint: Lint) -> Loaded {
    let mut campaigns = Vec::new();
    let mut diagnostics = Vec::new();
    for f in &files {
        let loaded = model::load_campaign(
            &session.pictures,
            &session.fonts,
            f,
            &f.display().to_string(),
        );
        let mut ds = loaded.diagnostics;
        if let Some(c) = loaded.campaign {
            match design::load(&c.design) {
                Err(design_errors) => ds.extend(design_errors),
                Ok(design) => {
                    // Settings the design would silently ignore are said, in build too.
                    ds.extend(kit::lint::ignored_settings(&c, &design));
                    let found = if lint == Lint::Full {
                        kit::lint::lint_social(session, &c, &design)
                    } else {
                        Vec::new()
                    };
                    // Contrast is found where each product is made, by `check` and `build`
                    // alike.
                    let failed = found.iter().any(Diagnostic::is_error);
                    ds.extend(found);
                    if !failed {
                        campaigns.push((c, design));
                    }
                }
            }
        }
        diag::sort(&mut ds);
        diagnostics.push(ds);
    }
    Loaded {
        files,
        campaigns,
        diagnostics,
    }
}

/// `check`'s last step: make every product in memory, as `build` would, to check budgets and
/// read back every QR code; each product's problems join its file's diagnostics. Nothing is
/// written.
pub fn check(session: &Session, loaded: &mut Loaded, progress: &dyn Progress) {
    let jobs = kit::plan(&loaded.campaigns, &|_| true, None);
    let options = MakeOptions {
        threads: 0,
        created: None,
        keep: Keep::Nothing,
        progress,
    };
    let Ok(results) = kit::make(session, &loaded.campaigns, &jobs, &options) else {
        return;
    };
    for (job, r) in jobs.iter().zip(results) {
        let found = match r {
            Err(ds) => ds,
            Ok(products) => products
                .into_iter()
                .flat_map(|p| p.warnings)
                .filter(|d| !d.is_error())
                .collect(),
        };
        let file = loaded.campaigns[job.campaign()]
            .0
            .file
            .display()
            .to_string();
        if let Some(slot) = loaded
            .files
            .iter()
            .position(|f| f.display().to_string() == file)
        {
            let mine = &mut loaded.diagnostics[slot];
            for d in found {
                if !mine
                    .iter()
                    .any(|e| e.path == d.path && e.message == d.message)
                {
                    mine.push(d);
                }
            }
            diag::sort(mine);
        }
    }
}

/// What `build` makes and where it goes.
pub struct BuildOptions<'a> {
    /// The parts to make (`--only`); empty: all.
    pub only: &'a [Part],
    pub shard: Option<Shard>,
    /// Worker threads; 0: one per core.
    pub threads: usize,
    /// The creation date written into PDFs (`SOURCE_DATE_EPOCH`).
    pub created: Option<i64>,
    /// One output folder for every campaign (`--out`), instead of each campaign's own.
    pub out: Option<PathBuf>,
    /// Told as each product is made.
    pub progress: &'a dyn Progress,
}

/// A made kit, not yet written: the products of each output folder, and every diagnostic.
pub struct Kit {
    pub folders: Vec<Folder>,
    /// Every problem found while making (with those of loading), without repeats.
    pub diagnostics: Vec<Diagnostic>,
    spool: Option<Spool>,
    /// The parts made (`--only`; empty: all), and whether only a shard of them was: what
    /// the previous kit in a folder keeps.
    only: Vec<Part>,
    sharded: bool,
}

/// The products going to one output folder.
pub struct Folder {
    pub path: PathBuf,
    /// The ids of the campaigns written there.
    pub campaigns: Vec<String>,
    pub products: Vec<Product>,
}

/// Make every product of the loaded campaigns (large ones wait in a spool on disk). `Err`:
/// the work could not be started at all.
pub fn make(session: &Session, loaded: &Loaded, options: &BuildOptions) -> Result<Kit, String> {
    let campaigns = &loaded.campaigns;
    let only = |part: Part| options.only.is_empty() || options.only.contains(&part);
    let jobs = kit::plan(campaigns, &only, options.shard);
    // Beside the (first) output folder, on its file system.
    let first_out = options
        .out
        .clone()
        .or_else(|| campaigns.first().map(|(c, _)| c.output.clone()));
    let spool = first_out.and_then(|o| Spool::beside(&o).ok());
    let made = kit::make(
        session,
        campaigns,
        &jobs,
        &MakeOptions {
            threads: options.threads,
            created: options.created,
            keep: spool.as_ref().map_or(Keep::Memory, Keep::Spool),
            progress: options.progress,
        },
    )?;
    let mut kit = Kit {
        folders: Vec::new(),
        diagnostics: loaded.all_diagnostics(),
        spool,
        only: options.only.to_vec(),
        sharded: options.shard.is_some(),
    };
    kit.gather(campaigns, &jobs, made, options.out.as_deref());
    Ok(kit)
}

impl Kit {
    /// Sort the products into their output folders; nothing is written unless every product
    /// was made.
    fn gather(
        &mut self,
        campaigns: &[(Campaign, Design)],
        jobs: &[Job],
        made: Vec<Made>,
        out: Option<&Path>,
    ) {
        let folder_of = |c: &Campaign| out.map_or_else(|| c.output.clone(), Path::to_path_buf);
        for (job, r) in jobs.iter().zip(made) {
            match r {
                Err(ds) => self.diagnostics.extend(ds),
                Ok(products) => {
                    let c = &campaigns[job.campaign()].0;
                    self.diagnostics
                        .extend(products.iter().flat_map(|p| p.warnings.iter().cloned()));
                    let path = folder_of(c);
                    match self.folders.iter_mut().find(|f| f.path == path) {
                        Some(f) => f.products.extend(products),
                        None => self.folders.push(Folder {
                            campaigns: Vec::new(),
                            path,
                            products,
                        }),
                    }
                }
            }
        }
        for f in &mut self.folders {
            f.campaigns = campaigns
                .iter()
                .filter(|(c, _)| folder_of(c) == f.path)
                .map(|(c, _)| c.id.clone())
                .collect();
            // Campaigns sharing an output folder each get their own caption file.
            if f.campaigns.len() > 1 {
                for p in f
                    .products
                    .iter_mut()
                    .filter(|p| p.kind == ProductKind::Caption)
                {
                    if let Some(id) = &p.campaign {
                        p.path = PathBuf::from(format!("{id}-caption.txt"));
                    }
                }
            }
        }
        diag::dedup(&mut self.diagnostics);
    }

    /// The warnings among the diagnostics.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .cloned()
            .collect()
    }

    /// What the kit already in `f`'s folder leaves to the new one: the files its manifest lists
    /// that this build did not remake are kept (their entries join `manifest`) when they
    /// belong to parts not made (`--only`), to another shard, or to a campaign not in this
    /// build; otherwise they are stale. Comes back as (stale paths, to be left out; kept
    /// paths, to be carried over).
    fn previous_kit(&self, f: &Folder, manifest: &mut Value) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let Some(prev) = std::fs::read(f.path.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        else {
            return (Vec::new(), Vec::new());
        };
        let made: std::collections::HashSet<String> = f
            .products
            .iter()
            .map(|p| p.path.to_string_lossy().replace('\\', "/"))
            .collect();
        let others = prev["campaigns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|c| !f.campaigns.iter().any(|m| m == c));
        let part_of = |kind: &str| match kind {
            "poster" | "poster-preview" => Some(Part::Poster),
            "social-image" | "alt-text" | "caption" => Some(Part::Social),
            "qr-svg" | "qr-png" => Some(Part::Qr),
            _ => None,
        };
        let mut stale = Vec::new();
        let mut kept = Vec::new();
        let mut kept_paths = Vec::new();
        for entry in prev["files"].as_array().into_iter().flatten() {
            let (Some(path), Some(kind)) = (entry["path"].as_str(), entry["kind"].as_str()) else {
                continue;
            };
            let rel = Path::new(path);
            if made.contains(path)
                || rel.is_absolute()
                || rel
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                continue;
            }
            let rebuilt =
                part_of(kind).is_some_and(|p| self.only.is_empty() || self.only.contains(&p));
            if rebuilt && !self.sharded && !others {
                stale.push(rel.to_path_buf());
            } else if f.path.join(rel).is_file() {
                kept.push(entry.clone());
                kept_paths.push(rel.to_path_buf());
            }
        }
        if !kept.is_empty() {
            if let Some(files) = manifest["files"].as_array_mut() {
                files.extend(kept);
                files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
            }
            if others && let Some(ids) = manifest["campaigns"].as_array_mut() {
                for c in prev["campaigns"].as_array().into_iter().flatten() {
                    if !ids.contains(c) {
                        ids.push(c.clone());
                    }
                }
            }
        }
        (stale, kept_paths)
    }

    /// Add each folder's review page, check every path, then write each folder: its files
    /// staged and renamed together, `manifest.json` last.
    pub fn write(&mut self) -> Result<Written, WriteFailure> {
        // The review page of each folder shows everything written there, with every warning.
        let warnings = self.warnings();
        for f in &mut self.folders {
            let review = crate::review::page(
                &f.campaigns,
                &f.products.iter().collect::<Vec<_>>(),
                &warnings,
            );
            f.products.push(review);
        }
        for f in &self.folders {
            crate::output::plan(&f.path, &f.products).map_err(WriteFailure::Plan)?;
        }
        let mut written = Written {
            files: Vec::new(),
            manifests: Vec::new(),
        };
        for f in &self.folders {
            let products: Vec<&Product> = f.products.iter().collect();
            let mut manifest = crate::manifest::manifest(&f.campaigns, &products, &warnings);
            let (stale, kept) = self.previous_kit(f, &mut manifest);
            let paths = crate::output::write_all(
                &f.path,
                &f.products,
                self.spool.as_ref(),
                &crate::manifest::to_bytes(&manifest),
                &stale,
                &kept,
            )
            .map_err(WriteFailure::Write)?;
            for (path, p) in paths.into_iter().zip(&f.products) {
                let mut entry = crate::manifest::entry(p);
                entry["path"] = serde_json::json!(path.display().to_string());
                written.files.push(entry);
            }
            written.manifests.push((f.path.clone(), manifest));
        }
        Ok(written)
    }
}

/// What a build wrote: each file's manifest entry (with its path as written), and each
/// folder's manifest.
#[derive(Default)]
pub struct Written {
    pub files: Vec<Value>,
    pub manifests: Vec<(PathBuf, Value)>,
}

/// Why a kit was not written.
#[derive(Debug)]
pub enum WriteFailure {
    /// A path was refused before anything was written.
    Plan(WriteError),
    /// Writing failed; the earlier kit is left as it was.
    Write(WriteError),
}

impl std::fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteFailure::Plan(e) => write!(f, "{e}; nothing was written"),
            WriteFailure::Write(e) => write!(f, "could not write the kit: {e}"),
        }
    }
}

/// What `init` writes: the example campaign, set for an office or home printer and pointing
/// editors at its schema (`campaign.schema.json`, beside it), and its pictures.
fn init_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut files = Vec::new();
    for (name, bytes) in crate::assets::EXAMPLE {
        if *name == "campaign.yaml" {
            let text = String::from_utf8_lossy(bytes);
            let text = text.replacen(
                "  finish: print-shop",
                "  finish: office                    # a home or office printer; print-shop: 3 mm bleed and trim marks",
                1,
            );
            let header = "# yaml-language-server: $schema=campaign.schema.json\n\
                          # Check it:  handbill check campaign.yaml\n\
                          # Build it:  handbill build campaign.yaml   (the kit goes to out/)\n";
            let body: String = text
                .lines()
                .skip_while(|l| l.starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            files.push((*name, format!("{header}{body}").into_bytes()));
        } else {
            files.push((*name, bytes.to_vec()));
        }
    }
    let mut schema =
        serde_json::to_string_pretty(&crate::raw::campaign_schema()).unwrap_or_default();
    schema.push('\n');
    files.push(("campaign.schema.json", schema.into_bytes()));
    files
}

/// Why `init` wrote nothing more.
#[derive(Debug)]
pub enum InitFailure {
    /// The folder already holds these files of the example; nothing was written.
    Exists(Vec<&'static str>),
    Write(PathBuf, std::io::Error),
}

/// Write the example campaign (campaign file and pictures) into `dir`, never over a file;
/// returns the campaign file's path.
pub fn init(dir: &Path) -> Result<PathBuf, InitFailure> {
    let files = init_files();
    let existing: Vec<&str> = files
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| dir.join(n).exists())
        .collect();
    if !existing.is_empty() {
        return Err(InitFailure::Exists(existing));
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| crate::output::write_new(&path, bytes))
            .map_err(|e| InitFailure::Write(path.clone(), e))?;
    }
    Ok(dir.join("campaign.yaml"))
}
