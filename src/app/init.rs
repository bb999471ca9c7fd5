//! `handbill init`: write the bundled example campaign into a folder, to start from.

use std::path::Path;

use super::exit;
use super::printer::Printer;
use crate::pipeline::{self, InitFailure};

pub(super) fn run(p: &Printer, dir: &Path) -> u8 {
    match pipeline::init(dir) {
        Ok(campaign) => {
            p.note(&format!(
                "wrote an example campaign to {}\n  next: edit it, then run `handbill check {}` and `handbill build {}`",
                dir.display(),
                campaign.display(),
                campaign.display()
            ));
            exit::OK
        }
        Err(InitFailure::Exists(names)) => {
            p.error(&format!(
                "{} already holds {}; nothing was written.\n  Choose a new folder: `handbill init my-campaign`",
                dir.display(),
                names.join(", ")
            ));
            exit::WRITE_FAILED
        }
        Err(InitFailure::Write(path, e)) => {
            p.error(&format!("cannot write {}: {e}", path.display()));
            exit::WRITE_FAILED
        }
    }
}
