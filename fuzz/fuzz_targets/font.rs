//! Any bytes as a campaign's font file: the checks it goes through (kind by content, size,
//! collection count, tables, character map, every glyph's outline, licence flags), then, for
//! what is accepted, text in several scripts laid out in each face and drawn by both
//! renderers. Nothing may panic — except inside the checks, where a font parser's panic on a
//! hostile glyph is caught and refuses the font, as in the binary.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !handbill::fonts::panic_is_expected() {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        let _ = handbill::kit::font_trial(data.to_vec());
    }
);
