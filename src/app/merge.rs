//! `handbill merge-manifests`: join the manifests written by the shards of a batch.

use std::path::{Path, PathBuf};

use super::exit;
use super::printer::Printer;
use crate::manifest;

pub(super) fn run(p: &Printer, paths: &[PathBuf], out: Option<&Path>) -> u8 {
    let mut docs = Vec::new();
    for path in paths {
        match manifest::read(path) {
            Ok(doc) => docs.push(doc),
            Err(m) => {
                p.error(&m);
                return exit::USAGE;
            }
        }
    }
    let merged = match manifest::merge(&docs) {
        Ok(m) => m,
        Err(m) => {
            p.error(&m);
            return exit::CAMPAIGN_ERRORS;
        }
    };
    let bytes = manifest::to_bytes(&merged);
    match out {
        Some(out) => {
            if let Err(e) = crate::output::write_atomic(out, &bytes) {
                p.error(&format!("cannot write {}: {e}", out.display()));
                return exit::WRITE_FAILED;
            }
            p.note(&format!(
                "merged {} manifests into {}",
                docs.len(),
                out.display()
            ));
        }
        None => return p.stdout(&bytes),
    }
    exit::OK
}
