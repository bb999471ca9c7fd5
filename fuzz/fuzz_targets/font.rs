//! Any bytes as a campaign's font file: the checks it goes through (kind by content, size,
//! collection count, tables, character map, glyphs, licence flags), then, for what is
//! accepted, text in several scripts laid out in each face and drawn by both renderers.
//! Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = handbill::kit::font_trial(data.to_vec());
});
