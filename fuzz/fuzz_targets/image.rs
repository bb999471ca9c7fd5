//! Any bytes as a campaign image: the checks a campaign's picture goes through (kind by
//! content, declared size, completeness, a limited decode), then, for what is accepted, both
//! renderers drawing it: SVG → resvg pixels (social images) and krilla (poster PDF).
//! Nothing may panic, and nothing may allocate past the limits.
#![no_main]

use std::sync::Arc;

use handbill::model::Colour;
use handbill::model::files::{ImageFile, inspect_image};
use handbill::scene::{Item, Rect, Scene};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((kind, width, height)) = inspect_image(data, "image") else { return };
    assert!(width > 0 && height > 0);
    let image = Arc::new(ImageFile {
        written: "image".into(),
        path: "image".into(),
        kind,
        width,
        height,
        bytes: data.into(),
    });
    let area = Rect::new(0.0, 0.0, 16.0, 16.0);
    let scene = Scene {
        width: 16.0,
        height: 16.0,
        background: Colour { r: 255, g: 255, b: 255 },
        items: vec![Item::Image { image, dest: area, clip: area, source: "image".into() }],
        trim: None,
        bleed: None,
    };
    handbill::kit::draw_both(scene);
});
