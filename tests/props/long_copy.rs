//! The copy-limit promise: every campaign within the documented copy limits builds on every
//! social format, paper size and orientation, with each bundled design, and no text is drawn
//! outside its box.
//!
//! Each campaign of `copy::campaigns()` (every field at exactly its limit, in seventeen languages,
//! the hostile English cases, the shortest campaign) × each bundled design × every social
//! format, and × every paper size in portrait and landscape with 0, 1 and 3 study groups. For
//! each: the campaign validates; it lays out; every glyph's ink lies inside its design box
//! (stretched over its flow's column, where the boxes of a flow move); no text overlaps
//! another or the QR code; no text is below the legibility floor; the social PNG decodes and
//! its QR code reads back (rqrr, from the pixels); the poster PDF is made (handbill's QR proof
//! passes) and `pdftotext` finds the headline on every page.
//!
//! Legibility floors, on the text block's font size: on social images every text slot
//! (title, headline, subtitle, body, call to action, hashtag) at least 2.2 % of the image
//! height; on posters every text slot (title, headline, subtitle, body, group block, call to
//! action, order line, hashtag) at least 14 pt × (the page's shorter side ÷ 612 pt), the
//! shorter side counted as at most the longer ÷ 1.294 (the Letter-shaped page inside it).
//!
//! Posters with one group are made for a print shop (bleed, trim marks), the others for an
//! office printer. Three groups are made as one PDF of three pages, as `pages: combined` files
//! them (`separate` makes the same pages one file each).
//!
//! Every failure is collected; the test fails once, with a table of all of them grouped and
//! counted. Optional slots that give way (layout leaves them out, with a warning) are not
//! failures; the report counts them.
//!
//! By default every social image is made and one poster in `SAMPLE`, in turn (every paper,
//! orientation and group count still comes up); `LONG_COPY=all` makes every poster (about
//! 2 948 PDFs: under four minutes in a release build, `cargo test --release --test props
//! long_copy`). `LONG_COPY_CAMPAIGNS=km,en-caps` runs only the campaigns named. `--nocapture`
//! also prints the tally and how the shortest campaign fills each canvas. `LONG_COPY_CAPS=1`
//! sets every campaign in capitals (those that grow past a limit, as German's `ß` → `SS`
//! does, are left out). `LONG_COPY_PICTURES=DIR` writes the shortest campaign's images and
//! posters there to look at, every image whose QR code rqrr cannot read and every PDF whose
//! extracted text lacks the headline, and each campaign's file (Letter, three groups) to build
//! with the binary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use handbill::Session;
use handbill::design::Design;
use handbill::diag::Diagnostic;
use handbill::kit::{self, ProductKind};
use handbill::model::Campaign;
use handbill::model::social::ALL as FORMATS;
use handbill::scene::{Item, Scene};
use rayon::prelude::*;

use crate::checks::{decode_qr, fold, pdf_pages, texts_outside_boxes, texts_overlapping};
use crate::copy::{self, Copy, Paper};

const PAPERS: &[&str] = &[
    "letter",
    "legal",
    "tabloid",
    "a4",
    "a3",
    "a2",
    "18x24in",
    "24x36in",
    "{width: 11in, height: 17in}",
    "{width: 30cm, height: 30cm}",
    "{width: 148mm, height: 210mm}",
];
const GROUPS: &[usize] = &[0, 1, 3];
/// Social images: no text block below this share of the image height.
const SOCIAL_FLOOR: f32 = 0.022;
/// Posters: no text block below this size on a page whose shorter side is 612 pt (US Letter);
/// the floor grows with the page.
const POSTER_FLOOR_PT: f32 = 14.0;

/// One thing that failed.
#[derive(Debug, Clone)]
struct Failure {
    campaign: String,
    design: String,
    /// The social format, or the paper and orientation.
    target: String,
    /// Posters: the number of groups and, for several, which group's page (`3/2`).
    groups: String,
    slot: String,
    check: &'static str,
    what: String,
}

/// Where one case is: the campaign, design, target and groups of its failures.
#[derive(Clone)]
struct Case<'a> {
    copy: &'a Copy,
    design: &'a str,
    target: String,
    groups: String,
}

impl Case<'_> {
    fn fail(&self, slot: &str, check: &'static str, what: impl Into<String>) -> Failure {
        Failure {
            campaign: self.copy.name.clone(),
            design: self.design.to_string(),
            target: self.target.clone(),
            groups: self.groups.clone(),
            slot: slot.to_string(),
            check,
            what: what.into(),
        }
    }

    fn page(&self, page: Option<usize>, of: usize) -> Case<'_> {
        let mut c = self.clone();
        if let Some(p) = page.filter(|_| of > 1) {
            c.groups = format!("{of}/{}", p + 1);
        }
        c
    }

    /// Errors from handbill, one failure each, named by the field (validation) or the slot of
    /// the field (the later steps) they concern.
    fn diagnostics(&self, check: &'static str, diags: &[Diagnostic]) -> Vec<Failure> {
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() {
            return vec![self.fail("?", check, "refused without an error")];
        }
        errors
            .iter()
            .map(|d| {
                // A group's name (up to 80 characters) says nothing the table does not.
                let mut message = d.message.clone();
                for g in &self.copy.groups {
                    message = message.replace(&format!(" for {}", g.name), "");
                }
                // Validation names the field; the later steps name the slot that shows it.
                let slot = match check {
                    "validate" if d.path.is_empty() => "(file)".to_string(),
                    "validate" => d.path.clone(),
                    _ => slot_of(&d.path),
                };
                self.fail(&slot, check, short(&message))
            })
            .collect()
    }
}

/// The design slot that shows a campaign field.
fn slot_of(path: &str) -> String {
    let slot = match path {
        "title" => "title",
        "subtitle" => "subtitle",
        "hashtag" => "hashtag",
        "text.headline" => "headline",
        "text.body" => "body",
        "text.call-to-action" => "call-to-action",
        p if p.starts_with("poster.groups") => "group",
        p if p.starts_with("links.order") => "order",
        p if p.starts_with("links.") || p == "poster.scan-distance" => "qr",
        p => p,
    };
    slot.to_string()
}

/// A message cut to a table cell.
fn short(message: &str) -> String {
    message.chars().take(240).collect()
}

fn bundled(name: &str) -> Design {
    handbill::design::bundled(name).unwrap_or_else(|e| panic!("bundled design {name}: {e:?}"))
}

fn validate(session: &Session, text: &str, dir: &Path) -> Result<Campaign, Vec<Diagnostic>> {
    let loaded = session.validate_text(text, &dir.join("campaign.yaml"), dir, "campaign.yaml");
    loaded.campaign.ok_or(loaded.diagnostics)
}

/// Text blocks under the legibility floor.
fn legibility(case: &Case, scene: &Scene, floor: f32, unit: &str, of: &str) -> Vec<Failure> {
    scene
        .texts()
        .filter(|t| t.size < floor - 0.01)
        .map(|t| {
            case.fail(
                t.slot,
                "legibility",
                format!(
                    "set at {:.1} {unit}, below the floor of {floor:.1} {unit} ({of})",
                    t.size
                ),
            )
        })
        .collect()
}

/// The check of the slots that gave way: noted, not failed.
const GAVE_WAY: &str = "gave way";
/// The check of QR codes rqrr reads only cut out of the picture: noted, not failed.
const QR_IN_REGION: &str = "qr region";

/// Text slots of the canvas that have copy but are not drawn: layout left them out.
fn gave_way(case: &Case, scene: &Scene, canvas: &handbill::layout::Canvas) -> Vec<Failure> {
    let c = case.copy;
    let has_copy = |slot: &str| match slot {
        "subtitle" => c.subtitle.is_some(),
        "body" => c.body.is_some(),
        "order" => c.order_label.is_some(),
        "title" | "headline" | "call-to-action" | "hashtag" | "group" => true,
        _ => false,
    };
    let mut out: Vec<Failure> = Vec::new();
    for b in &canvas.family.boxes {
        let slot = b.slot.name();
        let drawn = scene.texts().any(|t| t.slot == slot);
        if has_copy(slot) && !drawn && !out.iter().any(|f| f.slot == slot) {
            out.push(case.fail(slot, GAVE_WAY, "left out"));
        }
    }
    out
}

/// Texts outside their boxes, and texts over other texts or the QR code.
fn ink(case: &Case, scene: &Scene, canvas: &handbill::layout::Canvas) -> Vec<Failure> {
    let outside = texts_outside_boxes(scene, canvas).into_iter();
    let outside = outside.map(|o| case.fail(o.slot, "ink", o.message));
    let overlapping = texts_overlapping(scene).into_iter();
    outside
        .chain(overlapping.map(|o| case.fail(o.slot, "overlap", o.message)))
        .collect()
}

/// What one case made, for the tally, and the time its thread spent on it.
#[derive(Debug, Default, Clone, Copy)]
struct Made {
    images: usize,
    pdfs: usize,
    pages: usize,
    seconds: f32,
}

impl std::ops::Add for Made {
    type Output = Made;
    fn add(self, o: Made) -> Made {
        Made {
            images: self.images + o.images,
            pdfs: self.pdfs + o.pdfs,
            pages: self.pages + o.pages,
            seconds: self.seconds + o.seconds,
        }
    }
}

/// Every social format for one campaign and design.
fn social(session: &Session, copy: &Copy, design: &str, dir: &Path) -> (Vec<Failure>, Made) {
    let mut out = Vec::new();
    let mut made = Made::default();
    let case = Case {
        copy,
        design,
        target: "(campaign)".into(),
        groups: String::new(),
    };
    let letter = Paper {
        size: "letter",
        landscape: false,
        print_shop: false,
    };
    let c = match validate(session, &copy::yaml(copy, design, letter, 0), dir) {
        Ok(c) => c,
        Err(d) => return (case.diagnostics("validate", &d), made),
    };
    let d = bundled(design);
    for f in FORMATS {
        let case = Case {
            target: f.name.to_string(),
            ..case.clone()
        };
        let scene = match kit::social_scene(session, &c, &d, f) {
            Ok(s) => s,
            Err(diags) => {
                out.extend(case.diagnostics("layout", &diags));
                continue;
            }
        };
        let Some(canvas) = kit::canvas_for(&d, f) else {
            out.push(case.fail("-", "layout", "the design has no canvas for it"));
            continue;
        };
        out.extend(ink(&case, &scene, &canvas));
        out.extend(gave_way(&case, &scene, &canvas));
        // The documented floor: 2.2 % of the height, the height counted as at most 1.25 × the
        // width (README, "How copy fits": a story is seen at the width of a phone).
        let floor = SOCIAL_FLOOR * (f.height as f32).min(1.25 * f.width as f32);
        out.extend(legibility(
            &case,
            &scene,
            floor,
            "px",
            "2.2 % of the height (at most 1.25 × the width)",
        ));
        let products = match kit::social_image(session, &c, &d, f) {
            Ok(p) => p,
            Err(diags) => {
                out.extend(case.diagnostics("image", &diags));
                continue;
            }
        };
        let Some(png) = products.iter().find(|p| p.kind == ProductKind::SocialImage) else {
            out.push(case.fail("-", "image", "no image among the products"));
            continue;
        };
        let img = match image::load_from_memory(&png.bytes) {
            Ok(i) => i.to_rgba8(),
            Err(e) => {
                out.push(case.fail("-", "image", format!("the PNG does not decode: {e}")));
                continue;
            }
        };
        if (img.width(), img.height()) != (f.width, f.height) {
            let size = format!(
                "{}×{}, not {}×{}",
                img.width(),
                img.height(),
                f.width,
                f.height
            );
            out.push(case.fail("-", "image", size));
        }
        let want: Vec<String> = scene.qr_codes().map(|q| q.payload.clone()).collect();
        let got = decode_qr(&img);
        if want.len() != 1 || got != want {
            keep(
                &format!("{}-{design}-{}.png", copy.name, f.name),
                &png.bytes,
            );
            // rqrr's search for finder patterns can lose a small code among lines of text; a
            // code it reads once cut out with a margin is noted, one it cannot read fails.
            let region = scene.qr_codes().next().map(|q| {
                let b = q.bounds();
                let m = b.w * 0.15;
                let x = (b.x - m).max(0.0) as u32;
                let y = (b.y - m).max(0.0) as u32;
                let side = (b.w + 2.0 * m) as u32;
                let w = side.min(img.width().saturating_sub(x));
                let h = side.min(img.height().saturating_sub(y));
                decode_qr(&image::imageops::crop_imm(&img, x, y, w, h).to_image())
            });
            if want.len() == 1 && region.as_ref() == Some(&want) {
                let what = "rqrr reads it only cut out of the picture";
                out.push(case.fail("qr", QR_IN_REGION, what));
            } else {
                let what = format!("rqrr read {got:?}, the scene carries {want:?}");
                out.push(case.fail("qr", "qr", what));
            }
        }
        made.images += 1;
        pictures(
            copy,
            &format!("{}-{design}-{}.png", copy.name, f.name),
            &png.bytes,
        );
    }
    (out, made)
}

/// One poster: a campaign and design on one paper, orientation and number of groups.
fn poster(
    session: &Session,
    copy: &Copy,
    design: &str,
    paper: Paper,
    groups: usize,
    dir: &Path,
) -> (Vec<Failure>, Made) {
    let mut out = Vec::new();
    let mut made = Made::default();
    let case = Case {
        copy,
        design,
        target: paper.label(),
        groups: groups.to_string(),
    };
    let c = match validate(session, &copy::yaml(copy, design, paper, groups), dir) {
        Ok(c) => c,
        Err(d) => return (case.diagnostics("validate", &d), made),
    };
    let d = bundled(design);
    let pages: Vec<Option<usize>> = match groups {
        0 => vec![None],
        n => (0..n).map(Some).collect(),
    };
    let mut headlines = Vec::new();
    for page in &pages {
        let case = case.page(*page, pages.len());
        let group = page.and_then(|i| c.poster.groups.get(i));
        let scene = match kit::poster_scene(session, &c, &d, group) {
            Ok(s) => s,
            Err(diags) => {
                out.extend(case.diagnostics("layout", &diags));
                continue;
            }
        };
        made.pages += 1;
        if let Some(canvas) = handbill::layout::poster::canvas(&d, &c, group) {
            out.extend(ink(&case, &scene, &canvas));
            out.extend(gave_way(&case, &scene, &canvas));
        }
        let trim = scene
            .trim
            .map_or((scene.width, scene.height), |t| (t.w, t.h));
        // The shorter side, counted as at most the longer ÷ 1.294 (Letter's proportions).
        let short = trim.0.min(trim.1).min(trim.0.max(trim.1) * 612.0 / 792.0);
        let floor = POSTER_FLOOR_PT * short / 612.0;
        let of = "14 pt × shorter side ÷ 612 pt";
        out.extend(legibility(&case, &scene, floor, "pt", of));
        let headline = scene
            .texts()
            .find(|t| t.slot == "headline")
            .map_or(c.text.headline.clone(), |t| t.text.clone());
        headlines.push(headline);
    }
    if made.pages < pages.len() {
        return (out, made);
    }
    let products = match kit::poster_pdf(session, &c, &d, &pages, None) {
        Ok(p) => p,
        Err(diags) => {
            out.extend(case.diagnostics("pdf", &diags));
            return (out, made);
        }
    };
    let Some(pdf) = products.iter().find(|p| p.kind == ProductKind::Poster) else {
        out.push(case.fail("-", "pdf", "no PDF among the products"));
        return (out, made);
    };
    if !pdf.bytes.starts_with(b"%PDF-") {
        out.push(case.fail("-", "pdf", "the file is not a PDF"));
        return (out, made);
    }
    if pdf.qr.is_none() {
        out.push(case.fail("qr", "pdf", "the PDF's QR code was not proven"));
    }
    made.pdfs += 1;
    let name = format!("{}-{design}-{}-{groups}.pdf", copy.name, made_name(&paper));
    match pdf_pages(&pdf.bytes, dir, &name) {
        Err(e) => out.push(case.fail("-", "pdftotext", e)),
        Ok(texts) if texts.len() != pages.len() => out.push(case.fail(
            "-",
            "pdftotext",
            format!("{} pages of text for {} pages", texts.len(), pages.len()),
        )),
        Ok(texts) => {
            for (i, (text, headline)) in texts.iter().zip(&headlines).enumerate() {
                if !text.iter().any(|t| fold(t).contains(&fold(headline))) {
                    let case = case.page(pages[i], pages.len());
                    let what = "the extracted text does not contain the headline";
                    out.push(case.fail("headline", "pdftotext", what));
                    keep(&name, &pdf.bytes);
                }
            }
        }
    }
    if groups == 0 && !paper.landscape {
        pictures(copy, &name, &pdf.bytes);
    }
    (out, made)
}

fn made_name(paper: &Paper) -> String {
    let size: String = paper
        .size
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!(
        "{size}-{}",
        if paper.landscape {
            "landscape"
        } else {
            "portrait"
        }
    )
}

/// Write the shortest campaign's products where `LONG_COPY_PICTURES` says, to look at.
fn pictures(copy: &Copy, name: &str, bytes: &[u8]) {
    if copy.name == "shortest" {
        keep(name, bytes);
    }
}

/// Write a product where `LONG_COPY_PICTURES` says, if it says.
fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("LONG_COPY_PICTURES") {
        let dir = Path::new(&dir);
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(dir.join(name), bytes);
    }
}

/// How the shortest campaign fills each social canvas and a Letter poster: the headline's
/// size as a share of the height and of the largest size its box allows, and the share of the
/// safe area that text and the QR code cover.
fn fill_report(copy: &Copy) -> String {
    let session = Session::new();
    let Ok(dir) = tempfile::tempdir() else {
        return String::new();
    };
    let mut out = String::from(
        "The shortest campaign (one-word headline, no subtitle, body or groups):\n\
         design    canvas               headline (% of height)   text + QR cover (% of safe area)\n",
    );
    for design in handbill::assets::design_names() {
        let letter = Paper {
            size: "letter",
            landscape: false,
            print_shop: false,
        };
        let Ok(c) = validate(&session, &copy::yaml(copy, design, letter, 0), dir.path()) else {
            continue;
        };
        let d = bundled(design);
        let mut rows: Vec<(String, Option<Scene>, f32, Option<handbill::scene::Rect>)> = Vec::new();
        for f in FORMATS {
            let canvas = kit::canvas_for(&d, f);
            let safe = canvas.as_ref().map(|c| c.safe);
            rows.push((
                f.name.into(),
                kit::social_scene(&session, &c, &d, f).ok(),
                f.height as f32,
                safe,
            ));
        }
        let canvas = handbill::layout::poster::canvas(&d, &c, None);
        let safe = canvas.as_ref().map(|c| c.safe);
        let scene = kit::poster_scene(&session, &c, &d, None).ok();
        let h = scene
            .as_ref()
            .map_or(1.0, |s| s.trim.map_or(s.height, |t| t.h));
        rows.push(("letter poster".into(), scene, h, safe));
        for (name, scene, height, safe) in rows {
            let Some(scene) = scene else {
                let _ = writeln!(out, "{design:<9} {name:<20} (did not lay out)");
                continue;
            };
            let headline = scene.texts().find(|t| t.slot == "headline");
            let size = headline.map_or(0.0, |t| t.size / height * 100.0);
            let covered: f32 = scene
                .items
                .iter()
                .map(|i| match i {
                    Item::Text(t) => t.bounds.w * t.bounds.h,
                    Item::Qr(q) => q.bounds().w * q.bounds().h,
                    _ => 0.0,
                })
                .sum();
            let area = safe.map_or(1.0, |s| s.w * s.h);
            let _ = writeln!(
                out,
                "{design:<9} {name:<20} {size:>6.1}                   {:>6.1}",
                covered / area * 100.0
            );
        }
    }
    out
}

/// Counts of failures by one column, largest first.
fn counted(failures: &[Failure], title: &str, key: impl Fn(&Failure) -> String) -> String {
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for f in failures {
        *by.entry(key(f)).or_default() += 1;
    }
    let mut rows: Vec<(String, usize)> = by.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = format!("By {title}:\n");
    for (k, n) in rows {
        let _ = writeln!(out, "  {n:>6}  {k}");
    }
    out
}

/// A message with its numbers, quoted copy and canvas left out, so that failures for the same
/// reason count together.
fn reason(what: &str) -> String {
    let mut what = what.to_string();
    // `#SomeHashtag` and the like.
    while let Some(a) = what.find('`') {
        let Some(b) = what[a + 1..].find('`') else {
            break;
        };
        what.replace_range(a..a + b + 2, "…");
    }
    // "on the a4 poster", "on the instagram-square image".
    if let Some(a) = what.find(" on the ") {
        let rest = &what[a + 8..];
        let end = [" poster", " image"]
            .iter()
            .filter_map(|w| rest.find(w).map(|i| i + w.len()))
            .min();
        if let Some(e) = end {
            what.replace_range(a..a + 8 + e, "");
        }
    }
    let mut out = String::new();
    for c in what.chars() {
        if c.is_ascii_digit() || c == '.' && out.ends_with('#') {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every failure, one row per campaign, design, format or paper, slot, check and message: the
/// posters that fail alike for 0, 1 and 3 groups (and on each group's page) share a row.
fn table(failures: &[Failure]) -> String {
    let mut rows: Vec<(&Failure, Vec<&str>)> = Vec::new();
    let mut index: BTreeMap<(&str, &str, &str, &str, &str, &str), usize> = BTreeMap::new();
    for f in failures {
        let key = (
            f.campaign.as_str(),
            f.design.as_str(),
            f.target.as_str(),
            f.slot.as_str(),
            f.check,
            f.what.as_str(),
        );
        match index.get(&key) {
            Some(&i) => rows[i].1.push(&f.groups),
            None => {
                index.insert(key, rows.len());
                rows.push((f, vec![&f.groups]));
            }
        }
    }
    let mut out = format!(
        "{} rows (groups: how many, and for several which group's page, e.g. 3/2)\n\
         campaign      design   format / paper                        groups             slot            check       what\n",
        rows.len()
    );
    for (f, groups) in rows {
        let _ = writeln!(
            out,
            "{:<13} {:<8} {:<37} {:<18} {:<15} {:<11} {}",
            f.campaign,
            f.design,
            f.target,
            groups.join(" "),
            f.slot,
            f.check,
            f.what
        );
    }
    out
}

/// One unit of work: a campaign's social images in one design, or one poster.
enum Job<'a> {
    Social(usize, &'a str),
    Poster(usize, &'a str, Paper, usize),
}

impl Job<'_> {
    fn campaign(&self) -> usize {
        match self {
            Job::Social(i, _) | Job::Poster(i, ..) => *i,
        }
    }

    /// What it makes when everything works.
    fn planned(&self) -> Made {
        match self {
            Job::Social(..) => Made {
                images: FORMATS.len(),
                ..Made::default()
            },
            Job::Poster(.., g) => Made {
                pdfs: 1,
                pages: (*g).max(1),
                ..Made::default()
            },
        }
    }
}

/// Each campaign × design: its social images, and a poster on every paper, in both
/// orientations, with 0, 1 and 3 groups (the shortest campaign has none). With `every` false,
/// one poster in `SAMPLE` of those, chosen in turn so that across the campaigns and designs
/// every paper, orientation and group count is still made.
fn plan<'a>(copies: &[Copy], designs: &[&'a str], every: bool) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    let mut turn = 0usize;
    for (i, copy) in copies.iter().enumerate() {
        for design in designs {
            jobs.push(Job::Social(i, design));
            for size in PAPERS {
                for landscape in [false, true] {
                    let groups: &[usize] = if copy.groups.is_empty() { &[0] } else { GROUPS };
                    for &g in groups {
                        turn += 1;
                        if !every && turn % SAMPLE != i % SAMPLE {
                            continue;
                        }
                        let paper = Paper {
                            size,
                            landscape,
                            print_shop: g == 1,
                        };
                        jobs.push(Job::Poster(i, design, paper, g));
                    }
                }
            }
        }
    }
    jobs
}

/// How far each campaign got: products made of those planned.
fn tally(copies: &[Copy], jobs: &[Job], made: &[Made]) -> String {
    let mut per = vec![(Made::default(), Made::default()); copies.len()];
    for (job, m) in jobs.iter().zip(made) {
        let (planned, done) = &mut per[job.campaign()];
        *planned = *planned + job.planned();
        *done = *done + *m;
    }
    let total = |f: fn(&Made) -> usize, w: bool| -> usize {
        per.iter().map(|(p, d)| if w { f(p) } else { f(d) }).sum()
    };
    let seconds = |social: bool| -> f32 {
        jobs.iter()
            .zip(made)
            .filter(|(j, _)| matches!(j, Job::Social(..)) == social)
            .map(|(_, m)| m.seconds)
            .sum()
    };
    let mut out = format!(
        "Made {} of {} social images, {} of {} poster PDFs ({} of {} pages laid out); \
         the workers spent {:.0} s on social images and {:.0} s on posters:\n\
         campaign      images      PDFs        pages\n",
        total(|m| m.images, false),
        total(|m| m.images, true),
        total(|m| m.pdfs, false),
        total(|m| m.pdfs, true),
        total(|m| m.pages, false),
        total(|m| m.pages, true),
        seconds(true),
        seconds(false),
    );
    for (c, (p, d)) in copies.iter().zip(&per) {
        let row = format!(
            "{:<13} {:>4} / {:<4} {:>4} / {:<4} {:>4} / {:<4}",
            c.name, d.images, p.images, d.pdfs, p.pdfs, d.pages, p.pages
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
    out
}

/// Without `LONG_COPY=all`, one poster in this many is made (every social image is).
const SAMPLE: usize = 7;

#[test]
fn every_campaign_within_the_limits_builds_everywhere() {
    let started = Instant::now();
    let mut copies = copy::campaigns();
    // The corpus itself: a field short of its limit would test less than it claims.
    let off = copy::off_limits(&copies);
    assert!(off.is_empty(), "fields not at their limit: {off:#?}");
    if std::env::var_os("LONG_COPY_CAPS").is_some() {
        copies = copies
            .iter()
            .map(|c| copy::in_capitals(c, &format!("{}-caps", c.name)))
            .collect();
        // Capitals can be longer (`ß` is `SS`): a campaign over a limit is not within them.
        let over: Vec<String> = copy::off_limits(&copies)
            .into_iter()
            .filter(|(_, _, n, limit)| n > limit)
            .map(|(c, ..)| c)
            .collect();
        copies.retain(|c| !over.contains(&c.name));
    }
    if let Ok(only) = std::env::var("LONG_COPY_CAMPAIGNS") {
        let only: Vec<&str> = only.split(',').map(str::trim).collect();
        copies.retain(|c| only.contains(&c.name.as_str()));
        assert!(!copies.is_empty(), "LONG_COPY_CAMPAIGNS names no campaign");
    }
    let designs = handbill::assets::design_names();
    assert!(!designs.is_empty());
    for c in &copies {
        let letter = Paper {
            size: "letter",
            landscape: false,
            print_shop: false,
        };
        keep(
            &format!("{}.yaml", c.name),
            copy::yaml(c, designs[0], letter, 3).as_bytes(),
        );
    }

    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.path();
    // One session per campaign, as one `build` of it has.
    let sessions: Vec<Session> = copies.iter().map(|_| Session::new()).collect();
    let every = std::env::var("LONG_COPY").is_ok_and(|v| v == "all");
    let jobs = plan(&copies, &designs, every);
    let (failures, made): (Vec<Vec<Failure>>, Vec<Made>) = jobs
        .par_iter()
        .map(|job| {
            let t = Instant::now();
            let (f, mut m) = match job {
                Job::Social(i, design) => social(&sessions[*i], &copies[*i], design, dir),
                Job::Poster(i, design, paper, g) => {
                    poster(&sessions[*i], &copies[*i], design, *paper, *g, dir)
                }
            };
            m.seconds = t.elapsed().as_secs_f32();
            (f, m)
        })
        .unzip();
    let (noted, failures): (Vec<Failure>, Vec<Failure>) = failures
        .into_iter()
        .flatten()
        .partition(|f| f.check == GAVE_WAY || f.check == QR_IN_REGION);
    let (gave, region): (Vec<Failure>, Vec<Failure>) =
        noted.into_iter().partition(|f| f.check == GAVE_WAY);

    let mut report = format!(
        "{} campaigns × {} designs, {}, in {:.0} s. ",
        copies.len(),
        designs.len(),
        if every {
            "every poster".to_string()
        } else {
            format!("one poster in {SAMPLE} (LONG_COPY=all for all)")
        },
        started.elapsed().as_secs_f32()
    );
    report += &tally(&copies, &jobs, &made);
    if !gave.is_empty() {
        let _ = writeln!(
            report,
            "\n{} times an optional slot gave way (left out, with a warning; not a failure).",
            gave.len()
        );
        report += &counted(&gave, "slot that gave way", |f| f.slot.clone());
        report += &counted(&gave, "format / paper where a slot gave way", |f| {
            format!("{} {}", f.target, f.slot)
        });
    }
    for f in &region {
        let _ = writeln!(
            report,
            "Noted: rqrr reads the QR code of {} {} {} only cut out of the picture.",
            f.campaign, f.design, f.target
        );
    }
    if let Some(shortest) = copies.iter().find(|c| c.name == "shortest") {
        report += "\n";
        report += &fill_report(shortest);
    }
    eprintln!("{report}");
    if failures.is_empty() {
        return;
    }
    let _ = writeln!(
        report,
        "\n{} failures (one per product, or poster page, and slot).\n",
        failures.len()
    );
    report += &counted(&failures, "check", |f| f.check.to_string());
    report += &counted(&failures, "slot", |f| f.slot.clone());
    report += &counted(&failures, "slot and check", |f| {
        format!("{} {}", f.slot, f.check)
    });
    report += &counted(
        &failures,
        "slot, check and reason (numbers left out)",
        |f| format!("{:<15} {:<11} {}", f.slot, f.check, reason(&f.what)),
    );
    report += &counted(&failures, "design", |f| f.design.clone());
    report += &counted(&failures, "format / paper", |f| f.target.clone());
    report += &counted(&failures, "campaign", |f| f.campaign.clone());
    report += "\nEvery failure:\n";
    report += &table(&failures);
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("long-copy-report.txt");
    let _ = std::fs::write(&file, &report);
    panic!("{report}\n(also in {})", file.display());
}
