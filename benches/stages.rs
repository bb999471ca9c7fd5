//! The stages of making the example campaign's kit, one at a time:
//! validate → layout → SVG → pixels → PNG, PDF, and QR read-back, plus the whole of one
//! social image and one poster. `cargo bench --bench stages` (add `-- layout` to pick).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use handbill::design as designs;
use handbill::kit;
use handbill::render::{pdf, raster, svg};

fn stages(cr: &mut Criterion) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/god-of-justice/campaign.yaml");
    let dir = file.parent().unwrap().to_path_buf();
    let text = std::fs::read_to_string(&file).unwrap();
    let session = handbill::Session::new();
    let c = session
        .load_campaign(&file, "campaign.yaml")
        .campaign
        .unwrap();
    let design = designs::load(&c.design).unwrap();
    let portrait = *c
        .social
        .formats
        .iter()
        .find(|f| f.name == "instagram-portrait")
        .unwrap();
    let group = c.poster.groups.first();

    let mut g = cr.benchmark_group("stages");
    g.sample_size(20);

    g.bench_function("validate (parse + check + read pictures)", |b| {
        b.iter(|| session.validate_text(&text, &file, &dir, "campaign.yaml"))
    });
    g.bench_function("layout social 1080x1350", |b| {
        b.iter(|| kit::social_scene(&session, &c, &design, &portrait).unwrap())
    });
    g.bench_function("layout poster letter", |b| {
        b.iter(|| kit::poster_scene(&session, &c, &design, group).unwrap())
    });

    let social = kit::social_scene(&session, &c, &design, &portrait).unwrap();
    let poster = kit::poster_scene(&session, &c, &design, group).unwrap();
    g.bench_function("render svg social", |b| b.iter(|| svg::svg(&social)));
    let drawing = svg::svg(&social);
    g.bench_function("render raster social (resvg)", |b| {
        b.iter(|| raster::render(&drawing, 1.0).unwrap())
    });
    let pixels = raster::render(&drawing, 1.0).unwrap();
    g.bench_function("encode png social (fast)", |b| {
        b.iter(|| raster::png(&pixels, false).unwrap())
    });
    g.bench_function("encode png social (best)", |b| {
        b.iter(|| raster::png(&pixels, true).unwrap())
    });
    let options = pdf::PdfOptions {
        title: c.title.clone(),
        author: c.author.clone(),
        subject: None,
        lang: c.lang.clone(),
        created: None,
    };
    g.bench_function("write pdf poster (krilla)", |b| {
        b.iter(|| pdf::pdf(std::slice::from_ref(&poster), &options).unwrap())
    });
    let q = social.qr_codes().next().unwrap().clone();
    let side = q.bounds().w.ceil() as usize;
    let (luma, n) = handbill::kit::proof::crop_luma(
        &pixels.rgba,
        pixels.width as usize,
        pixels.height as usize,
        q.bounds().x as usize,
        q.bounds().y as usize,
        side,
        1,
    );
    g.bench_function("verify qr social (rqrr, full resolution)", |b| {
        b.iter(|| assert!(!handbill::kit::proof::decode_luma(&luma, n, n).is_empty()))
    });

    g.bench_function("whole social image 1080x1350", |b| {
        b.iter(|| kit::social_image(&session, &c, &design, &portrait).unwrap())
    });
    g.bench_function("whole poster pdf + preview", |b| {
        b.iter(|| kit::poster_pdf(&session, &c, &design, &[Some(0)], None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
