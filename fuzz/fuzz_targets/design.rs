//! Any bytes as a design file: parse and validate, render every diagnostic; nothing may panic.
#![no_main]

use handbill::diag::{Style, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(diags) = handbill::design::parse(text, "design.yaml") {
        assert!(diags.iter().any(|d| d.is_error()), "refused without an error");
        for d in &diags {
            let _ = render(d, Style { color: false });
        }
    }
});
