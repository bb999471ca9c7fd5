//! The whole kit: manifest, atomic output, a killed run, two runs at once.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::util::{EXAMPLE_DIR, Test};

/// Every file the manifest lists exists with the listed size and sha256.
fn manifest_matches(out: &Path) -> usize {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest.json"))
            .unwrap();
    let files = m["files"].as_array().unwrap();
    for f in files {
        let bytes = std::fs::read(out.join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap(), "{f}");
        assert_eq!(
            handbill::manifest::sha256_hex(&bytes),
            f["sha256"].as_str().unwrap(),
            "{f}"
        );
    }
    files.len()
}

#[test]
fn the_full_kit_has_a_manifest_that_matches_its_files() {
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--json"])
        .run();
    o.code(0);
    let out = o.dir.join("out");
    let n = manifest_matches(&out);
    // 2 posters, 8 images + 8 alt texts, 7 channels × (svg + png), the caption.
    assert_eq!(n, 2 + 16 + 14 + 1);
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let poster = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "poster")
        .unwrap();
    assert_eq!(poster["page-size-pt"]["width"], 612.0);
    assert_eq!(poster["qr"]["verified"], true);
    // --json prints the same manifest.
    assert_eq!(o.json()["outputs"][0]["manifest"], m);
}

#[test]
fn a_killed_run_leaves_the_earlier_kit_valid() {
    let t = Test::new().file(
        "campaign.yaml",
        &std::fs::read(
            Path::new(EXAMPLE_DIR)
                .parent()
                .unwrap()
                .join("batch/campaign.yaml"),
        )
        .unwrap(),
    );
    let dir = t.path().to_path_buf();
    let first = t.args(&["build", "--only", "poster,qr"]).run();
    first.code(0);
    let before = crate::util::snapshot(&dir.join("out"));
    assert!(manifest_matches(&dir.join("out")) > 100);
    // Change every poster, start again, and kill the run part-way.
    let yaml = std::fs::read_to_string(dir.join("campaign.yaml"))
        .unwrap()
        .replace("Thursdays 7:00–8:30 pm", "Fridays 6 pm");
    std::fs::write(dir.join("campaign.yaml"), yaml).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handbill"))
        .args(["build", "--only", "poster,qr", "--quiet"])
        .current_dir(&dir)
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let _ = child.kill();
    let status = child.wait().unwrap();
    if status.success() {
        // It finished first: then it must be a whole new kit.
        manifest_matches(&dir.join("out"));
        return;
    }
    manifest_matches(&dir.join("out"));
    let after: std::collections::BTreeMap<_, _> = crate::util::snapshot(&dir.join("out"))
        .into_iter()
        .filter(|(p, _)| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".tmp-"))
        })
        .collect();
    assert_eq!(after, before, "the earlier kit changed");
}

#[test]
fn two_runs_on_one_folder_take_turns() {
    let t = Test::example();
    let dir = t.path().to_path_buf();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_handbill"))
            .args(["build", "campaign.yaml", "--only", "social,qr", "--quiet"])
            .current_dir(&dir)
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(manifest_matches(&dir.join("out")), 8 * 2 + 7 * 2 + 1);
}

#[test]
fn the_manifest_follows_its_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/manifest.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///manifest.schema.json", schema)
        .unwrap();
    let idx = compiler
        .compile("file:///manifest.schema.json", &mut schemas)
        .expect("a valid JSON Schema");
    let o = Test::example().args(&["build", "campaign.yaml"]).run();
    o.code(0);
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(o.dir.join("out/manifest.json")).unwrap()).unwrap();
    if let Err(e) = schemas.validate(&m, idx) {
        panic!("{e}");
    }
}
