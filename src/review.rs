//! `index.html`: one self-contained page to review a kit before it goes out — every social
//! image at its real aspect with its alt text, poster previews, the caption, every QR code's
//! target and every warning. No network: styles and the check script are inline, pictures are
//! the kit's own files by relative path.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::kit::{Product, ProductKind};
use crate::render::svg::escape as esc;

fn href(p: &std::path::Path) -> String {
    // Relative URL: path segments percent-encoded where needed.
    p.to_string_lossy()
        .split(['/', '\\'])
        .map(|seg| {
            seg.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fafafa}\
h1{margin-bottom:.2rem}section{margin:2rem 0}.grid{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}\
figure{margin:0;background:#fff;border:1px solid #ddd;padding:.6rem;max-width:360px}\
figure img{display:block;max-width:100%;height:auto;border:1px solid #eee}\
figcaption{font-size:.85rem;margin-top:.4rem}.alt{color:#444;font-size:.8rem}\
.warn{background:#fff6db;border-left:4px solid #e0a800;padding:.5rem .8rem;margin:.4rem 0}\
.bad{background:#fde2e1;border-left:4px solid #c0392b;padding:.5rem .8rem}\
pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:.8rem}code{word-break:break-all}\
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;font-size:.9rem}";

/// Checks every picture loaded and says so on the page (and in `data-images` for tests).
const SCRIPT: &str = "window.addEventListener('load',function(){var imgs=document.images,ok=0;\
for(var i=0;i<imgs.length;i++){if(imgs[i].complete&&imgs[i].naturalWidth>0){ok++;}}\
document.body.setAttribute('data-images',ok+'/'+imgs.length);\
if(ok<imgs.length){var d=document.createElement('p');d.className='bad';\
d.textContent=(imgs.length-ok)+' picture(s) did not load: is a file of the kit missing?';\
document.body.insertBefore(d,document.body.firstChild);}});";

/// The review page for the files written to one folder.
pub fn page(campaigns: &[String], artifacts: &[&Product], warnings: &[Diagnostic]) -> Product {
    let text_of = |path: &std::path::Path| {
        artifacts
            .iter()
            .find(|a| a.path == path)
            .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
    };
    let mut h = String::new();
    let title = format!("handbill kit — {}", campaigns.join(", "));
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>{}</title><style>{STYLE}</style><script>{SCRIPT}</script></head><body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    let _ = writeln!(
        h,
        "<p>{} files, made by handbill {}.</p>",
        artifacts.len(),
        env!("CARGO_PKG_VERSION")
    );

    h.push_str("<section><h2>Warnings</h2>\n");
    if warnings.is_empty() {
        h.push_str("<p>None.</p>\n");
    }
    for w in warnings {
        let at = match (w.line, w.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", w.file),
            _ => w.file.clone(),
        };
        let path = if w.path.is_empty() {
            String::new()
        } else {
            format!(" (at <code>{}</code>)", esc(&w.path))
        };
        let help = w
            .help()
            .map(|x| format!("<br>{}", esc(x)))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<div class=\"warn\"><b>{}</b> — {}{path}{help}</div>",
            esc(&w.message),
            esc(&at)
        );
    }
    h.push_str("</section>\n");

    let posters: Vec<&&Product> = artifacts
        .iter()
        .filter(|a| a.kind == ProductKind::Poster)
        .collect();
    if !posters.is_empty() {
        h.push_str("<section><h2>Posters</h2>\n<div class=\"grid\">\n");
        for p in posters {
            let stem = p
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (pages, w, hgt) = p.pages.unwrap_or((1, 0.0, 0.0));
            for i in 1..=pages {
                let preview = PathBuf::from(format!("preview/{stem}-page{i}.png"));
                let dims = artifacts
                    .iter()
                    .find(|a| a.path == preview)
                    .and_then(|a| a.pixels)
                    .unwrap_or((0, 0));
                let _ = writeln!(
                    h,
                    "<figure><a href=\"{pdf}\"><img src=\"{img}\" width=\"{}\" height=\"{}\" alt=\"Page {i} of {name}\"></a>\
<figcaption><a href=\"{pdf}\">{name}</a> — page {i} of {pages}, {:.0} × {:.0} mm{qr}</figcaption></figure>",
                    dims.0,
                    dims.1,
                    w / 72.0 * 25.4,
                    hgt / 72.0 * 25.4,
                    pdf = href(&p.path),
                    img = href(&preview),
                    name = esc(&p.path.to_string_lossy()),
                    qr =
                        p.qr.as_ref()
                            .map(|q| format!("<br>QR: <code>{}</code>", esc(&q.payload)))
                            .unwrap_or_default(),
                );
            }
        }
        h.push_str("</div></section>\n");
    }

    let images: Vec<&&Product> = artifacts
        .iter()
        .filter(|a| a.kind == ProductKind::SocialImage)
        .collect();
    if !images.is_empty() {
        h.push_str("<section><h2>Social images</h2>\n<div class=\"grid\">\n");
        for a in images {
            let (w, hgt) = a.pixels.unwrap_or((0, 0));
            let stem = a.path.with_extension("");
            let alt =
                text_of(&PathBuf::from(format!("{}.alt.txt", stem.display()))).unwrap_or_default();
            let _ = writeln!(
                h,
                "<figure><img src=\"{}\" width=\"{w}\" height=\"{hgt}\" alt=\"{}\"><figcaption><b>{}</b> — {w}×{hgt} px, {} bytes{}\
<div class=\"alt\">Alt text: {}</div></figcaption></figure>",
                href(&a.path),
                esc(alt.trim()),
                esc(&a.path.to_string_lossy()),
                a.len(),
                a.qr.as_ref()
                    .map(|q| format!("<br>QR: <code>{}</code>", esc(&q.payload)))
                    .unwrap_or_default(),
                esc(alt.trim()),
            );
        }
        h.push_str("</div></section>\n");
    }

    let captions: Vec<&&Product> = artifacts
        .iter()
        .filter(|a| a.kind == ProductKind::Caption)
        .collect();
    if !captions.is_empty() {
        h.push_str("<section><h2>Caption</h2>\n");
        for cap in captions {
            let _ = writeln!(
                h,
                "<p><code>{}</code></p><pre>{}</pre>",
                esc(&cap.path.to_string_lossy()),
                esc(&String::from_utf8_lossy(&cap.bytes))
            );
        }
        h.push_str("</section>\n");
    }

    let codes: Vec<&&Product> = artifacts
        .iter()
        .filter(|a| a.kind == ProductKind::QrPng)
        .collect();
    if !codes.is_empty() {
        h.push_str("<section><h2>QR codes</h2>\n<table><tr><th>code</th><th>file</th><th>opens</th><th>version, correction</th></tr>\n");
        for q in codes {
            let info = q.qr.as_ref();
            let _ = writeln!(
                h,
                "<tr><td><img src=\"{}\" width=\"96\" height=\"96\" alt=\"QR code\"></td><td><a href=\"{}\">{}</a> · <a href=\"{}\">svg</a></td><td><code>{}</code></td><td>{}</td></tr>",
                href(&q.path),
                href(&q.path),
                esc(&q.path.to_string_lossy()),
                href(&q.path.with_extension("svg")),
                esc(info.map(|i| i.payload.as_str()).unwrap_or_default()),
                info.map(|i| format!("{}, {}", i.version, i.error_correction))
                    .unwrap_or_default(),
            );
        }
        h.push_str("</table></section>\n");
    }
    h.push_str("</body></html>\n");
    Product::new("index.html", ProductKind::ReviewPage, h.into_bytes())
}
