//! Any bytes as a campaign file: parse, validate (images are looked up in a folder that holds
//! one small real picture), and render every diagnostic. Nothing may panic, and a campaign that
//! is refused must come with at least one error.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use handbill::diag::{Style, render};
use libfuzzer_sys::fuzz_target;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("handbill-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(dir.join("images/photo.png"), include_bytes!("../seeds/image/a.png")).unwrap();
        std::fs::write(dir.join("images/logo.png"), include_bytes!("../seeds/image/a.png")).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let dir = folder();
    let loaded = handbill::Session::new().validate_text(text, &dir.join("campaign.yaml"), dir, "campaign.yaml");
    if loaded.campaign.is_none() {
        assert!(loaded.diagnostics.iter().any(|d| d.is_error()), "refused without an error");
    }
    for d in &loaded.diagnostics {
        let _ = render(d, Style { color: false });
        let _ = render(d, Style { color: true });
    }
});
