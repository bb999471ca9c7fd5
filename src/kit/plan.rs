//! The work of a run: every product of every campaign as a job, in a fixed order; a stable,
//! disjoint slice of it for a CI shard; and the jobs made in parallel.

use crate::design::Design;
use crate::diag::Diagnostic;
use crate::kit::product::Product;
use crate::kit::session::Session;
use crate::kit::spool::Spool;
use crate::model::{Campaign, Channel, Pages, SocialFormat};

/// The parts of a kit `--only` can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Poster,
    Social,
    Qr,
}

/// One product to make (with its companions: alt text, previews).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    /// One group's poster (or the poster with blanks, when there are no groups).
    Poster(usize, Option<usize>),
    /// Every group's poster in one PDF (`poster.pages: combined`).
    PosterCombined(usize),
    Social(usize, SocialFormat),
    Caption(usize),
    Qr(usize, Channel),
}

/// Slice `index` (1-based) of `count` of the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub(crate) index: usize,
    pub(crate) count: usize,
}

/// Every product of every campaign, in a fixed order; only the parts `only` allows, and only
/// this shard's when there is one.
pub(crate) fn plan(
    campaigns: &[(Campaign, Design)],
    only: &dyn Fn(Part) -> bool,
    shard: Option<Shard>,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, (c, _)) in campaigns.iter().enumerate() {
        if only(Part::Poster) {
            match c.poster.pages {
                Pages::Combined => jobs.push(Job::PosterCombined(i)),
                Pages::Separate => jobs.extend(
                    crate::kit::poster::poster_groups(c)
                        .into_iter()
                        .map(|g| Job::Poster(i, g)),
                ),
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
    if let Some(shard) = shard {
        // A stable, disjoint slice: each product goes to the shard its name hashes to, so the
        // same product always lands in the same shard whatever else is in the batch.
        jobs.retain(|job| {
            fnv1a(&job.key(campaigns)) % shard.count as u64 == (shard.index - 1) as u64
        });
    }
    jobs
}

/// What happens to a product's bytes once it is made.
#[derive(Clone, Copy)]
pub(crate) enum Keep<'a> {
    /// Dropped: `check` needs only the verdict.
    Nothing,
    /// Large ones moved to the spool (the normal case for `build`).
    Spool(&'a Spool),
    /// All kept in memory (if no spool could be made).
    Memory,
}

/// A job's products, or what stopped it.
pub(crate) type Made = Result<Vec<Product>, Vec<Diagnostic>>;

/// How to make the jobs.
pub(crate) struct MakeOptions<'a> {
    /// Worker threads; 0: one per core.
    pub(crate) threads: usize,
    /// The creation date written into PDFs (`SOURCE_DATE_EPOCH`), never the clock.
    pub(crate) created: Option<i64>,
    pub(crate) keep: Keep<'a>,
    pub(crate) progress: &'a dyn Progress,
}

/// Told how the work goes (for a progress bar).
pub trait Progress: Sync {
    /// The work starts: this many jobs.
    fn start(&self, _jobs: usize) {}
    /// One job ended, however it ended.
    fn done(&self) {}
}

/// Make the products in parallel, in job order.
pub(crate) fn make(
    session: &Session,
    campaigns: &[(Campaign, Design)],
    jobs: &[Job],
    options: &MakeOptions,
) -> Result<Vec<Made>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    options.progress.start(jobs.len());
    let made = pool.install(|| {
        use rayon::prelude::*;
        jobs.par_iter()
            .map(|job| {
                let _done = Done(options.progress);
                let mut made = make_one(session, campaigns, job, options.created);
                if let Ok(products) = &mut made {
                    for p in products.iter_mut() {
                        match options.keep {
                            Keep::Nothing => p.bytes = Vec::new(),
                            Keep::Spool(spool) => p.spill(spool),
                            Keep::Memory => {}
                        }
                    }
                }
                made
            })
            .collect()
    });
    Ok(made)
}

fn make_one(
    session: &Session,
    campaigns: &[(Campaign, Design)],
    job: &Job,
    created: Option<i64>,
) -> Made {
    use crate::kit::{caption, poster, qr, social};
    let (c, d) = &campaigns[job.campaign()];
    match *job {
        Job::Poster(_, g) => poster::poster_pdf(session, c, d, &[g], created),
        Job::PosterCombined(_) => {
            poster::poster_pdf(session, c, d, &poster::poster_groups(c), created)
        }
        Job::Social(_, f) => social::social_image(session, c, d, &f),
        Job::Caption(_) => Ok(vec![caption::caption(c)]),
        Job::Qr(_, ch) => qr::qr_files(session, c, ch),
    }
}

/// Tells `Progress` when a job ends, however it ends.
struct Done<'a>(&'a dyn Progress);

impl Drop for Done<'_> {
    fn drop(&mut self) {
        self.0.done();
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
            Job::Qr(_, ch) => format!("{}/qr/{}", c.id, ch.name()),
        }
    }

    /// The index of the campaign the job belongs to.
    pub(crate) fn campaign(&self) -> usize {
        match *self {
            Job::Poster(i, _)
            | Job::PosterCombined(i)
            | Job::Social(i, _)
            | Job::Caption(i)
            | Job::Qr(i, _) => i,
        }
    }
}
