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
            handbill::kit::product::sha256_hex(&bytes),
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
    // 2 posters + their previews, 8 images + 8 alt texts, 7 channels × (svg + png), the
    // caption, the review page.
    assert_eq!(n, 2 + 2 + 16 + 14 + 1 + 1);
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
    assert_eq!(manifest_matches(&dir.join("out")), 8 * 2 + 7 * 2 + 1 + 1);
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
    // And it is strict: what handbill never writes is refused.
    let refused = |wrong: &serde_json::Value| schemas.validate(wrong, idx).is_err();
    for (key, bad) in [
        ("kind", serde_json::json!("flyer")),
        ("sha256", serde_json::json!("00")),
        ("pixels", serde_json::Value::Null),
        ("colour", serde_json::json!("red")),
    ] {
        let mut wrong = m.clone();
        wrong["files"][0][key] = bad;
        assert!(refused(&wrong), "files[0].{key}");
    }
    let mut wrong = m.clone();
    wrong["manifest"] = serde_json::json!(2);
    assert!(refused(&wrong), "manifest: 2");
    let mut wrong = m.clone();
    wrong["campaigns"][0] = serde_json::json!("Not An Id");
    assert!(refused(&wrong), "campaign id");
}

fn files_of(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    crate::util::snapshot(dir)
        .into_iter()
        .filter(|(p, b)| {
            b != b"<dir>" && !p.ends_with("manifest.json") && !p.ends_with(".handbill.lock")
        })
        .collect()
}

#[test]
fn shards_from_ci_engines_and_their_merged_manifest() {
    let build = |args: &[&str], env: &[(&str, &str)]| {
        let mut t = Test::example()
            .args(&["build", "campaign.yaml", "--only", "social,qr"])
            .args(args);
        for (k, v) in env {
            t = t.env(k, v);
        }
        let o = t.run();
        o.code(0);
        o
    };
    let flag = build(&["--shard", "2/3"], &[]);
    let gitlab = build(&[], &[("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")]);
    let k8s = build(&["--shard-count", "3"], &[("JOB_COMPLETION_INDEX", "1")]);
    assert_eq!(
        files_of(&flag.dir.join("out")),
        files_of(&gitlab.dir.join("out"))
    );
    assert_eq!(
        files_of(&flag.dir.join("out")),
        files_of(&k8s.dir.join("out"))
    );
    Test::example()
        .args(&["build", "campaign.yaml", "--shard-count", "3"])
        .run()
        .code(2)
        .stderr_has("JOB_COMPLETION_INDEX");

    // The shards' manifests merge into the full build's.
    let full = build(&[], &[]);
    let shards: Vec<_> = (1..=3)
        .map(|k| build(&["--shard", &format!("{k}/3")], &[]))
        .collect();
    let mut args = vec!["merge-manifests".to_string()];
    for s in &shards {
        args.push(s.dir.join("out/manifest.json").display().to_string());
    }
    let merged = Test::new()
        .args(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .run();
    merged.code(0);
    let full_manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(full.dir.join("out/manifest.json")).unwrap())
            .unwrap();
    let whole: Vec<_> = full_manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "review-page")
        .cloned()
        .collect();
    assert_eq!(merged.json()["files"], serde_json::Value::Array(whole));
    // Two different builds of one path cannot be merged.
    let other = Test::new().file("m.json", br#"{"manifest":1,"campaigns":[],"warnings":[],"files":[{"path":"caption.txt","sha256":"00"}]}"#);
    let caption_shard = shards
        .iter()
        .find(|s| s.dir.join("out/caption.txt").exists())
        .unwrap();
    let m = caption_shard
        .dir
        .join("out/manifest.json")
        .display()
        .to_string();
    other
        .args(&["merge-manifests", "m.json", &m])
        .run()
        .code(1)
        .stderr_has("two manifests");
}

/// The review page in headless Chromium (Debian's `chromium`, installed by `.ci/run`): it loads
/// with no script errors and every picture on it loads.
#[test]
fn the_review_page_loads_every_picture_in_chromium() {
    let o = Test::example().args(&["build", "campaign.yaml"]).run();
    o.code(0);
    let page = o.dir.join("out/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://")
            && !html.contains("https://example.org/god-of-justice/first-chapter\""),
        "no network links"
    );
    let images = html.matches("<img ").count();
    assert_eq!(images, 2 + 8 + 7, "posters, social images, QR codes");
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("timeout")
        .args([
            "120",
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args([
            "--virtual-time-budget=10000",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium is needed for this test (apt-get install chromium)");
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        dom.contains(&format!("data-images=\"{images}/{images}\"")),
        "not every picture loaded:\n{}\n{log}",
        &dom[..dom.len().min(400)]
    );
    for line in log.lines().filter(|l| l.contains("CONSOLE")) {
        assert!(
            !line.contains("Uncaught") && !line.contains("Error"),
            "console error: {line}"
        );
    }
}
