//! `index.html`: one self-contained page to review a kit before it goes out — every social
//! image at its real aspect with its alt text, poster previews, the caption, every QR code's
//! target and every warning. No network: styles and the check script are inline, pictures are
//! the kit's own files by relative path.

use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::diag::Diagnostic;
use crate::kit::{Product, ProductKind};

fn href(p: &Path) -> String {
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
pub(crate) fn page(
    campaigns: &[String],
    artifacts: &[&Product],
    warnings: &[Diagnostic],
) -> Product {
    let of_kind = |kind| -> Vec<&Product> {
        artifacts
            .iter()
            .copied()
            .filter(|a| a.kind == kind)
            .collect()
    };
    let posters = of_kind(ProductKind::Poster);
    let images = of_kind(ProductKind::SocialImage);
    let captions = of_kind(ProductKind::Caption);
    let codes = of_kind(ProductKind::QrPng);
    let title = format!("handbill kit — {}", campaigns.join(", "));
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                title { (title) }
                style { (PreEscaped(STYLE)) }
                script { (PreEscaped(SCRIPT)) }
            }
            body {
                h1 { (title) }
                p { (artifacts.len()) " files, made by handbill " (env!("CARGO_PKG_VERSION")) "." }
                section {
                    h2 { "Warnings" }
                    @if warnings.is_empty() { p { "None." } }
                    @for w in warnings { (warning(w)) }
                }
                @if !posters.is_empty() {
                    section {
                        h2 { "Posters" }
                        div.grid { @for p in &posters { (poster(p, artifacts)) } }
                    }
                }
                @if !images.is_empty() {
                    section {
                        h2 { "Social images" }
                        div.grid { @for a in &images { (social_image(a, artifacts)) } }
                    }
                }
                @if !captions.is_empty() {
                    section {
                        h2 { "Caption" }
                        @for c in &captions {
                            p { code { (c.path.to_string_lossy()) } }
                            pre { (String::from_utf8_lossy(&c.bytes)) }
                        }
                    }
                }
                @if !codes.is_empty() {
                    section {
                        h2 { "QR codes" }
                        table {
                            tr { th { "code" } th { "file" } th { "opens" } th { "version, correction" } }
                            @for q in &codes { (qr_row(q)) }
                        }
                    }
                }
            }
        }
    };
    Product::new(
        "index.html",
        ProductKind::ReviewPage,
        page.into_string().into_bytes(),
    )
}

fn warning(w: &Diagnostic) -> Markup {
    let at = match (w.line, w.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", w.file),
        _ => w.file.clone(),
    };
    html! {
        div.warn {
            b { (w.message) } " — " (at)
            @if !w.path.is_empty() { " (at " code { (w.path) } ")" }
            @if let Some(help) = w.help() { br; (help) }
        }
    }
}

/// Each page of a poster, as its preview, linking to the PDF.
fn poster(p: &Product, artifacts: &[&Product]) -> Markup {
    let stem = p.path.file_stem().unwrap_or_default().to_string_lossy();
    let name = p.path.to_string_lossy();
    let (pages, w, h) = p.pages.unwrap_or((1, 0.0, 0.0));
    let mm = |pt: f32| pt / 72.0 * 25.4;
    html! {
        @for i in 1..=pages {
            @let preview = PathBuf::from(format!("preview/{stem}-page{i}.png"));
            @let (pw, ph) = pixels(artifacts, &preview);
            figure {
                a href=(href(&p.path)) {
                    img src=(href(&preview)) width=(pw) height=(ph) alt={ "Page " (i) " of " (name) };
                }
                figcaption {
                    a href=(href(&p.path)) { (name) }
                    " — page " (i) " of " (pages) ", " (format!("{:.0} × {:.0} mm", mm(w), mm(h)))
                    (qr_line(p))
                }
            }
        }
    }
}

/// A social image at its real aspect, with its alt text.
fn social_image(a: &Product, artifacts: &[&Product]) -> Markup {
    let (w, h) = a.pixels.unwrap_or((0, 0));
    let alt_path = PathBuf::from(format!("{}.alt.txt", a.path.with_extension("").display()));
    let alt = artifacts
        .iter()
        .find(|t| t.path == alt_path)
        .map(|t| String::from_utf8_lossy(&t.bytes).trim().to_string())
        .unwrap_or_default();
    html! {
        figure {
            img src=(href(&a.path)) width=(w) height=(h) alt=(alt);
            figcaption {
                b { (a.path.to_string_lossy()) } " — " (w) "×" (h) " px, " (a.len()) " bytes"
                (qr_line(a))
                div.alt { "Alt text: " (alt) }
            }
        }
    }
}

fn qr_row(q: &Product) -> Markup {
    html! {
        tr {
            td { img src=(href(&q.path)) width="96" height="96" alt="QR code"; }
            td {
                a href=(href(&q.path)) { (q.path.to_string_lossy()) }
                " · "
                a href=(href(&q.path.with_extension("svg"))) { "svg" }
            }
            @if let Some(info) = &q.qr {
                td { code { (info.payload) } }
                td { (info.version) ", " (info.error_correction) }
            } @else {
                td {} td {}
            }
        }
    }
}

fn qr_line(p: &Product) -> Markup {
    html! { @if let Some(q) = &p.qr { br; "QR: " code { (q.payload) } } }
}

/// The pixel size of the file at `path`, if the kit has it.
fn pixels(artifacts: &[&Product], path: &Path) -> (u32, u32) {
    artifacts
        .iter()
        .find(|a| a.path == path)
        .and_then(|a| a.pixels)
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_from_the_campaign_stay_words() {
        let mut image = Product::new("social/my image.png", ProductKind::SocialImage, vec![]);
        image.pixels = Some((10, 20));
        let alt = b"A \"quote\" & <b>bold</b>\n".to_vec();
        let alt = Product::new("social/my image.alt.txt", ProductKind::AltText, alt);
        let warning = Diagnostic::warning("c.yaml", "<script>alert(1)</script>");
        let page = page(&["x".into()], &[&image, &alt], &[warning]);
        let html = String::from_utf8(page.bytes).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
            "{html}"
        );
        assert!(html.contains(
            "<img src=\"social/my%20image.png\" width=\"10\" height=\"20\" \
             alt=\"A &quot;quote&quot; &amp; &lt;b&gt;bold&lt;/b&gt;\">"
        ));
        assert!(html.contains("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> — c.yaml"));
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own");
        assert!(html.contains("<p>2 files, made by handbill "));
    }
}
