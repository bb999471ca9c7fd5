//! `handbill designs`: the bundled designs and the slots each format family shows.

use super::exit;
use super::printer::Printer;
use crate::design::{self, FamilyKind};

pub(super) fn run(p: &Printer) -> u8 {
    let list = match design::bundled_all() {
        Ok(l) => l,
        Err(ds) => {
            p.diagnostics(&ds);
            return exit::INTERNAL;
        }
    };
    if p.json() {
        let doc: Vec<_> = list
            .iter()
            .map(|d| {
                let families: serde_json::Map<String, serde_json::Value> = FamilyKind::ALL
                    .iter()
                    .map(|f| (f.to_string(), serde_json::json!(d.slots(*f))))
                    .collect();
                serde_json::json!({ "name": d.name, "description": d.description, "families": families })
            })
            .collect();
        return p.stdout_json(&serde_json::json!(doc));
    }
    let mut out = String::new();
    for d in &list {
        out.push_str(&format!("{}\n  {}\n", d.name, d.description));
        for f in FamilyKind::ALL {
            out.push_str(&format!("  {f:<10} {}\n", d.slots(f).join(", ")));
        }
        out.push('\n');
    }
    out.push_str("Use one with `design: NAME` in the campaign, or `design: ./folder` for a design.yaml of your own.\n");
    p.stdout(out.as_bytes())
}
