//! `manifest.json`: every file of a kit with its size, sha256, picture or page size and the
//! QR code it carries (proven to decode), plus every warning. No dates: same kit, same bytes.

use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::kit::Product;

/// Version of the manifest's layout (see docs/manifest.schema.json).
pub const FORMAT: u32 = 1;

/// One file's entry.
pub fn entry(a: &Product) -> Value {
    let path = a.path.to_string_lossy().replace('\\', "/");
    let format = a
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut f = json!({
        "path": path,
        "kind": a.kind,
        "format": format,
        "bytes": a.len(),
        "sha256": a.sha256(),
    });
    if let Some((w, h)) = a.pixels {
        f["pixels"] = json!({ "width": w, "height": h });
    }
    if let Some((pages, w, h)) = a.pages {
        f["pages"] = json!(pages);
        f["page-size-pt"] = json!({ "width": round2(w), "height": round2(h) });
    }
    if let Some(q) = &a.qr {
        f["qr"] = json!({ "payload": q.payload, "version": q.version, "error-correction": q.error_correction, "verified": true });
    }
    f
}

fn round2(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}

/// The manifest of one output folder.
pub fn manifest(campaigns: &[String], artifacts: &[&Product], warnings: &[Diagnostic]) -> Value {
    let mut files: Vec<Value> = artifacts.iter().map(|a| entry(a)).collect();
    files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    json!({
        "manifest": FORMAT,
        "handbill": env!("CARGO_PKG_VERSION"),
        "campaigns": campaigns,
        "files": files,
        "warnings": warnings,
    })
}

/// Read a `manifest.json` written by handbill; `Err` says why it is not one.
pub fn read(path: &std::path::Path) -> Result<Value, String> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .filter(|v| v["manifest"] == FORMAT)
        .ok_or_else(|| format!("{} is not a handbill manifest.json", path.display()))
}

/// Join manifests (e.g. from the shards of a batch) into one.
pub fn merge(docs: &[Value]) -> Result<Value, String> {
    let mut files: std::collections::BTreeMap<String, Value> = Default::default();
    let mut campaigns: std::collections::BTreeSet<String> = Default::default();
    let mut warnings: Vec<Value> = Vec::new();
    for d in docs {
        for c in d["campaigns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            campaigns.insert(c.to_string());
        }
        // Each shard's review page shows only that shard; it has no place in the whole.
        for f in d["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["kind"] != "review-page")
        {
            let path = f["path"].as_str().unwrap_or_default().to_string();
            match files.get(&path) {
                Some(old) if old["sha256"] != f["sha256"] => {
                    return Err(format!(
                        "`{path}` is in two manifests with different contents; were the shards built from the same campaigns?"
                    ));
                }
                Some(_) => {}
                None => {
                    files.insert(path, f.clone());
                }
            }
        }
        for w in d["warnings"].as_array().into_iter().flatten() {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
    }
    Ok(json!({
        "manifest": FORMAT,
        "handbill": env!("CARGO_PKG_VERSION"),
        "campaigns": campaigns,
        "files": files.into_values().collect::<Vec<_>>(),
        "warnings": warnings,
    }))
}

pub fn to_bytes(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            crate::kit::product::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
