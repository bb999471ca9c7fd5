//! QR files for each channel: an SVG and a PNG, the PNG proven to scan.

use crate::diag::Diagnostic;
use crate::kit::product::{Product, ProductKind, QrInfo};
use crate::kit::session::Session;
use crate::layout::qr;
use crate::model::{Campaign, Channel};
use crate::render::{raster, svg};

/// QR files for one channel: an SVG and a PNG (10 px per module), the PNG proven to scan.
pub(crate) fn qr_files(
    session: &Session,
    c: &Campaign,
    channel: Channel,
) -> Result<Vec<Product>, Vec<Diagnostic>> {
    let url = c.qr_url(channel);
    let link_path = format!("links.{}.url", c.qr.link);
    let m = session
        .codes
        .encode(url.as_str(), c.qr.error_correction)
        .map_err(|e| vec![c.locator.error(&link_path, e, "use a shorter address")])?;
    let q = qr::black_on_white(m, 10.0);
    let doc = svg::qr_document(&q);
    let pixels = raster::render(&doc, 1.0).map_err(|e| vec![c.locator.error(&link_path, e, "")])?;
    session
        .proofs
        .image(c, &pixels, &q, &format!("the {channel} QR file"))?;
    let png = raster::png(&pixels, true).map_err(|e| vec![c.locator.error(&link_path, e, "")])?;
    let info = QrInfo::from(&q);
    let stem = format!("qr/{}-{}-{channel}", c.id, c.qr.link);
    let side = pixels.width;
    Ok(vec![
        Product {
            qr: Some(info.clone()),
            ..Product::new(format!("{stem}.svg"), ProductKind::QrSvg, doc.into_bytes())
        },
        Product {
            pixels: Some((side, side)),
            qr: Some(info),
            ..Product::new(format!("{stem}.png"), ProductKind::QrPng, png)
        },
    ])
}
