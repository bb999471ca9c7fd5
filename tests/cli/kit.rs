//! The whole kit: manifest, atomic output, a killed run, two runs at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::{Test, differences, handbill, snapshot};

/// Every file the manifest lists exists with the listed size and sha256, and it lists every
/// file in `out` but itself, the lock file and the strays of killed runs.
fn manifest_matches(out: &Path) -> usize {
    manifest_matches_besides(out, &[])
}

/// As [`manifest_matches`], with `besides` (files of the user's) allowed unlisted.
fn manifest_matches_besides(out: &Path, besides: &[&str]) -> usize {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest.json"))
            .unwrap();
    let files = m["files"].as_array().unwrap();
    let mut listed = BTreeSet::new();
    for f in files {
        let path = f["path"].as_str().unwrap();
        let bytes = std::fs::read(out.join(path)).unwrap();
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap(), "{f}");
        assert_eq!(
            handbill::kit::product::sha256_hex(&bytes),
            f["sha256"].as_str().unwrap(),
            "{f}"
        );
        listed.insert(PathBuf::from(path));
    }
    let unlisted: Vec<_> = kit_of(out)
        .into_iter()
        .filter(|(p, bytes)| {
            bytes != b"<dir>"
                && !listed.contains(p)
                && !p.ends_with("manifest.json")
                && !besides.iter().any(|b| p.ends_with(b))
        })
        .map(|(p, _)| p)
        .collect();
    assert!(unlisted.is_empty(), "not in the manifest: {unlisted:?}");
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

/// A file a killed run leaves behind: `.NAME.tmp-PID`, staged beside its target.
fn is_stray(p: &Path) -> bool {
    p.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.') && n.contains(".tmp-")
    })
}

/// The kit in `out` as its reader sees it: every file and folder but the strays.
fn kit_of(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| !is_stray(p))
        .collect()
}

/// `std::process::abort` ends the run with SIGABRT.
const SIGABRT: i32 = 6;

/// The staging folders of killed runs, beside `out`.
fn staging_beside(out: &Path) -> Vec<PathBuf> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!(".{name}.handbill-"))
            })
        })
        .collect()
}

/// The writer's fault hooks (debug builds) abort the run with no clean-up, as a kill or a
/// crash would: after each file of the new kit is written (`HANDBILL_FAULT_AFTER_STAGED=k`,
/// every k), just before the two folders are switched and just after
/// (`HANDBILL_FAULT_AT=switch|switched`). At every one of them the output folder is a whole
/// kit whose manifest matches its files: the earlier one, or (once switched) the new one.
#[test]
fn a_run_killed_at_any_point_of_writing_leaves_a_whole_kit() {
    if !cfg!(debug_assertions) {
        eprintln!(
            "skipped: the writer's fault hooks (HANDBILL_FAULT_*) are only in debug builds; run the tests without --release"
        );
        return;
    }
    // A small kit (a poster, one image, the QR codes of two channels), so that it can be
    // killed at every file.
    let yaml = crate::util::VALID.to_string()
        + "poster:\n  groups:\n    - name: Tuesday Night Study\nsocial:\n  formats: [instagram-square]\n";
    let first = Test::new()
        .campaign(&yaml)
        .args(&["build", "campaign.yaml", "--quiet"])
        .run();
    first.code(0);
    let campaign = first.dir.join("campaign.yaml");
    let out = first.dir.join("out");
    let earlier = snapshot(&out);
    let products = manifest_matches(&out);
    assert_eq!(products, 10);
    // Change every product: the link (so every QR code) and the headline.
    std::fs::write(
        &campaign,
        yaml.replace("first-chapter", "chapter-one")
            .replace("Hope in Darkness", "Hope in the Dark"),
    )
    .unwrap();
    let build = || Test::new().args(&["build", campaign.to_str().unwrap(), "--quiet"]);
    let mut faults: Vec<(&str, String)> = (1..=products)
        .map(|k| ("HANDBILL_FAULT_AFTER_STAGED", k.to_string()))
        .collect();
    faults.push(("HANDBILL_FAULT_AT", "switch".into()));
    for (var, at) in &faults {
        let killed = build().env(var, at).run();
        killed.killed_by(SIGABRT).wrote_nothing();
        let changed = differences(&earlier, &snapshot(&out));
        assert!(
            changed.is_empty(),
            "killed at {var}={at}, the earlier kit changed:\n{}",
            changed.join("\n")
        );
        assert_eq!(manifest_matches(&out), products, "{var}={at}");
        assert!(
            !staging_beside(&out).is_empty(),
            "{var}={at}: nothing was staged"
        );
    }
    // Killed just after the switch: the new kit is whole in its place.
    build()
        .env("HANDBILL_FAULT_AT", "switched")
        .run()
        .killed_by(SIGABRT);
    assert_eq!(manifest_matches(&out), products);
    let new = snapshot(&out);
    assert!(!differences(&earlier, &new).is_empty());
    // The next run removes what the killed ones left, and leaves nothing of its own.
    build().run().code(0);
    assert_eq!(manifest_matches(&out), products);
    assert_eq!(staging_beside(&out), Vec::<PathBuf>::new());
    let kit = snapshot(&out);
    assert_eq!(
        kit.keys().collect::<Vec<_>>(),
        earlier.keys().collect::<Vec<_>>()
    );
    assert!(
        !kit.keys()
            .any(|p| is_stray(p) || p.ends_with(".handbill.lock"))
    );
    for (path, bytes) in &kit {
        if bytes != b"<dir>" {
            assert_ne!(
                bytes,
                &earlier[path],
                "{} is the earlier one",
                path.display()
            );
        }
    }
}

/// Products the campaign no longer makes leave with the kit they came in; products of the
/// parts `--only` did not make stay, with their manifest entries; files handbill did not write
/// stay where they are.
#[test]
fn stale_products_leave_and_the_rest_stay() {
    let first = Test::example()
        .file("out/notes.txt", b"my own notes")
        .args(&["build", "campaign.yaml", "--quiet"])
        .run();
    first.code(0);
    let out = first.dir.join("out");
    let old = out.join("poster/god-of-justice-tuesday-night-study-letter.pdf");
    assert!(old.is_file());
    let campaign = first.dir.join("campaign.yaml");
    let yaml = std::fs::read_to_string(&campaign).unwrap();
    std::fs::write(
        &campaign,
        yaml.replace("Tuesday Night Study", "Wednesday Night Study"),
    )
    .unwrap();
    let build = |only: &[&str]| {
        let mut args = vec!["build", campaign.to_str().unwrap(), "--quiet"];
        args.extend(only);
        Test::new().args(&args).run()
    };
    // --only social: the posters are not remade, so the old group's poster stays, listed.
    build(&["--only", "social"]).code(0);
    assert!(old.is_file());
    assert_eq!(manifest_matches_besides(&out, &["notes.txt"]), 36);
    // A full build: the renamed group's new poster, the old one gone; and a stray an older
    // version's killed run left in the folder goes too.
    std::fs::write(out.join("poster/.caption.txt.tmp-12345"), b"half").unwrap();
    build(&[]).code(0);
    assert!(!out.join("poster/.caption.txt.tmp-12345").exists());
    assert!(!old.is_file(), "the renamed group's old poster stayed");
    assert!(
        out.join("poster/god-of-justice-wednesday-night-study-letter.pdf")
            .is_file()
    );
    assert_eq!(manifest_matches_besides(&out, &["notes.txt"]), 36);
    assert_eq!(
        std::fs::read(out.join("notes.txt")).unwrap(),
        b"my own notes"
    );
}

#[test]
fn two_runs_on_one_folder_take_turns() {
    let t = Test::example();
    let dir = t.path().to_path_buf();
    let spawn = || {
        handbill(&dir)
            .args(["build", "campaign.yaml", "--only", "social,qr", "--quiet"])
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
    snapshot(dir)
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
        .expect("timeout (coreutils) runs chromium for this test");
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    // `timeout` exits 127 (126) when chromium is missing (or cannot be run): fail, not skip.
    assert!(
        !matches!(out.status.code(), Some(126 | 127)),
        "chromium is needed for this test (apt-get install chromium; .ci/run installs it):\n{log}"
    );
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

/// Kit files get the mode any new file gets (the umask applies), not a temporary file's 0600:
/// a web server or a colleague must be able to read them.
#[test]
fn kit_files_have_the_usual_mode() {
    use std::os::unix::fs::PermissionsExt;
    let o = Test::example()
        .args(&["build", "campaign.yaml", "--only", "qr"])
        .run();
    o.code(0);
    let probe = o.dir.join("probe");
    std::fs::write(&probe, b"x").unwrap();
    let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let mut seen = 0;
    for (path, bytes) in crate::util::snapshot(&o.dir.join("out")) {
        if bytes == b"<dir>" || path.ends_with(".handbill.lock") {
            continue;
        }
        let full = o.dir.join("out").join(&path);
        let mode = std::fs::metadata(&full).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, usual, "{}", path.display());
        seen += 1;
    }
    assert!(seen > 5, "{seen}");
}
