//! `manifest.json`: every file of a kit with its size, sha256, picture or page size and the
//! QR code it carries (proven to decode), plus every warning. No dates: same kit, same bytes.
//! The types below are the format: they write the file and generate its JSON Schema.

use schemars::JsonSchema;
use schemars::generate::{Contract, SchemaSettings};
use serde::Serialize;
use serde_json::{Value, json};

use crate::diag::{Diagnostic, Severity};
use crate::kit::{Product, ProductKind};
use crate::model::ErrorCorrection;

/// Version of the manifest's layout (see docs/manifest.schema.json).
pub(crate) const FORMAT: u32 = 1;

// A field that may be left out names its inner type (`with`): the schema then says "absent",
// not "null", as it is written.

/// Every file of a kit written to one output folder. Written last, after every file it lists.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "handbill manifest.json", deny_unknown_fields)]
struct Manifest<'a> {
    /// Version of this layout.
    #[schemars(extend("const" = FORMAT))]
    manifest: u32,
    /// Version of handbill that wrote the kit.
    handbill: &'static str,
    /// The ids of the campaigns built into the folder.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    campaigns: &'a [String],
    /// Sorted by path.
    files: Vec<FileEntry>,
    warnings: Vec<Warning<'a>>,
}

/// One file of the kit.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
struct FileEntry {
    /// Relative to the output folder, with / separators.
    path: String,
    kind: ProductKind,
    /// The file name's extension: pdf, png, jpg, webp, svg, txt, html.
    format: String,
    bytes: usize,
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    sha256: String,
    /// For images.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Pixels")]
    pixels: Option<Pixels>,
    /// The number of pages, for PDFs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "usize", range(min = 1))]
    pages: Option<usize>,
    /// For PDFs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "PageSize")]
    page_size_pt: Option<PageSize>,
    /// The QR code the file carries, proven to decode.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Qr")]
    qr: Option<Qr>,
}

/// A picture's size, in pixels.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Pixels {
    width: u32,
    height: u32,
}

/// The trimmed page, in points (1/72 in).
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct PageSize {
    width: f64,
    height: f64,
}

/// A QR code, as drawn in a file.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
struct Qr {
    /// The URL the code opens.
    payload: String,
    #[schemars(range(min = 1, max = 40))]
    version: i16,
    error_correction: ErrorCorrection,
    /// The code was decoded back from rendered pixels.
    #[schemars(extend("const" = true))]
    verified: bool,
}

/// A warning about a campaign or design file (as `handbill check --json` prints it).
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Warning<'a> {
    #[schemars(with = "String", extend("const" = "warning"))]
    severity: Severity,
    /// The campaign or design file, as it was named.
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "usize")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "usize")]
    column: Option<usize>,
    /// YAML path of the field.
    #[serde(skip_serializing_if = "str::is_empty")]
    path: &'a str,
    /// The value at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    value: Option<&'a str>,
    message: &'a str,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Warning<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Warning {
            severity: d.severity,
            file: &d.file,
            line: d.line,
            column: d.column,
            path: &d.path,
            value: d.value.as_deref(),
            message: &d.message,
            help: d.help(),
        }
    }
}

impl FileEntry {
    fn of(a: &Product) -> Self {
        let format = a.path.extension().and_then(|e| e.to_str()).unwrap_or("");
        FileEntry {
            path: a.path.to_string_lossy().replace('\\', "/"),
            kind: a.kind,
            format: format.to_ascii_lowercase(),
            bytes: a.len(),
            sha256: a.sha256(),
            pixels: a.pixels.map(|(width, height)| Pixels { width, height }),
            pages: a.pages.map(|(pages, _, _)| pages),
            page_size_pt: a.pages.map(|(_, w, h)| PageSize {
                width: round2(w),
                height: round2(h),
            }),
            qr: a.qr.as_ref().map(|q| Qr {
                payload: q.payload.clone(),
                version: q.version,
                error_correction: q.error_correction,
                verified: true,
            }),
        }
    }
}

fn round2(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}

/// As a JSON value: its objects keep their keys in alphabetical order (serde_json's map), which
/// is the order `manifest.json` is written in, whatever the order of the fields above.
fn to_value(v: &impl Serialize) -> Value {
    // Strings, numbers and structs only: serialising cannot fail.
    serde_json::to_value(v).unwrap_or_default()
}

/// One file's entry.
pub(crate) fn entry(a: &Product) -> Value {
    to_value(&FileEntry::of(a))
}

/// The manifest of one output folder.
pub(crate) fn manifest(
    campaigns: &[String],
    artifacts: &[&Product],
    warnings: &[Diagnostic],
) -> Value {
    let mut files: Vec<FileEntry> = artifacts.iter().map(|a| FileEntry::of(a)).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    to_value(&Manifest {
        manifest: FORMAT,
        handbill: env!("CARGO_PKG_VERSION"),
        campaigns,
        files,
        warnings: warnings.iter().map(Warning::from).collect(),
    })
}

/// The JSON Schema of `manifest.json`, generated from the types that write it; published as
/// `docs/manifest.schema.json`.
pub fn manifest_schema() -> Value {
    SchemaSettings::draft2020_12()
        .with(|s| s.contract = Contract::Serialize)
        .into_generator()
        .into_root_schema_for::<Manifest>()
        .to_value()
}

/// Read a `manifest.json` written by handbill; `Err` says why it is not one.
pub(crate) fn read(path: &std::path::Path) -> Result<Value, String> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .filter(|v| v["manifest"] == FORMAT)
        .ok_or_else(|| format!("{} is not a handbill manifest.json", path.display()))
}

/// Join manifests (e.g. from the shards of a batch) into one.
pub(crate) fn merge(docs: &[Value]) -> Result<Value, String> {
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

pub(crate) fn to_bytes(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::product::QrInfo;

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            crate::kit::product::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    /// The layout of the file: keys in alphabetical order at every level, two-space indents,
    /// files sorted by path, what is not known left out (never `null`), sizes rounded.
    #[test]
    fn the_file_keeps_its_layout() {
        let mut image = Product::new("social\\b.PNG", ProductKind::SocialImage, vec![1, 2, 3]);
        image.pixels = Some((1080, 1350));
        let mut poster = Product::new("poster/a.pdf", ProductKind::Poster, b"%PDF".to_vec());
        poster.pages = Some((2, 612.0, 791.999));
        poster.qr = Some(QrInfo {
            payload: "https://example.org/".into(),
            version: 3,
            error_correction: ErrorCorrection::Medium,
        });
        let mut placed = Diagnostic::warning("campaign.yaml", "the link is http://")
            .with_path("links.a.url")
            .with_help("use https");
        placed.line = Some(3);
        placed.column = Some(8);
        let warnings = [
            placed,
            Diagnostic::warning("design.yaml", "odd").with_value("x"),
        ];
        let m = manifest(&["one".into()], &[&image, &poster], &warnings);
        let text = String::from_utf8(to_bytes(&m)).unwrap();
        let want = r#"{
  "campaigns": [
    "one"
  ],
  "files": [
    {
      "bytes": 4,
      "format": "pdf",
      "kind": "poster",
      "page-size-pt": {
        "height": 792.0,
        "width": 612.0
      },
      "pages": 2,
      "path": "poster/a.pdf",
      "qr": {
        "error-correction": "medium",
        "payload": "https://example.org/",
        "verified": true,
        "version": 3
      },
      "sha256": "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027"
    },
    {
      "bytes": 3,
      "format": "png",
      "kind": "social-image",
      "path": "social/b.PNG",
      "pixels": {
        "height": 1350,
        "width": 1080
      },
      "sha256": "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"
    }
  ],
  "handbill": "VERSION",
  "manifest": 1,
  "warnings": [
    {
      "column": 8,
      "file": "campaign.yaml",
      "help": "use https",
      "line": 3,
      "message": "the link is http://",
      "path": "links.a.url",
      "severity": "warning"
    },
    {
      "file": "design.yaml",
      "message": "odd",
      "severity": "warning",
      "value": "x"
    }
  ]
}
"#;
        assert_eq!(text, want.replace("VERSION", env!("CARGO_PKG_VERSION")));
        // A warning reads as it does everywhere else diagnostics are printed as JSON.
        assert_eq!(
            m["warnings"],
            serde_json::to_value(&warnings).unwrap(),
            "manifest warnings and diagnostics differ"
        );
    }
}
