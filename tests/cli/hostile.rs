//! Inputs that once broke handbill: each must fail fast with a located diagnostic, or work.

use std::path::Path;
use std::time::Instant;

use crate::util::{EXAMPLE_DIR, Test, VALID, differences, png, snapshot};

#[test]
fn a_design_file_linking_outside_is_refused_and_not_shown() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "api_token: s3cr3t-value\n").unwrap();
    let t = Test::new().campaign(&format!("{VALID}design: ./d\n"));
    std::fs::create_dir_all(t.path().join("d")).unwrap();
    std::os::unix::fs::symlink(secret.path(), t.path().join("d/design.yaml")).unwrap();
    let o = t.args(&["check"]).run();
    o.code(1).error_at("design", 10).stderr_lacks("s3cr3t");
}

#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    let t = Test::new().campaign(&format!("{VALID}output: kit\n"));
    std::os::unix::fs::symlink(elsewhere.path(), t.path().join("kit")).unwrap();
    t.args(&["build", "--only", "qr"])
        .run()
        .code(1)
        .error_at("output", 10)
        .stderr_has("symbolic link");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn missing_output_parents_are_created() {
    let o = Test::new()
        .campaign(&format!("{VALID}output: build/kit\n"))
        .args(&["build", "--only", "qr"])
        .run();
    o.code(0);
    assert!(
        o.dir
            .join("build/kit/qr/test-campaign-chapter-print.svg")
            .is_file()
    );
}

#[test]
fn two_campaigns_can_share_a_folder() {
    let o = Test::new()
        .file("one.yaml", VALID.replace("test-campaign", "one").as_bytes())
        .file("two.yaml", VALID.replace("test-campaign", "two").as_bytes())
        .args(&["build", ".", "--only", "social,qr"])
        .run();
    o.code(0);
    assert!(
        o.dir.join("out/one-caption.txt").is_file() && o.dir.join("out/two-caption.txt").is_file()
    );
}

#[test]
fn check_json_carries_design_errors() {
    let design = "name: broken\nfamilies: {}\n";
    let o = Test::new()
        .campaign(&format!("{VALID}design: ./d\n"))
        .file("d/design.yaml", design.as_bytes())
        .args(&["check", "--json"])
        .run();
    o.code(1);
    let j = o.json();
    assert_eq!(j["campaigns"][0]["ok"], false);
    assert!(
        !j["campaigns"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn quoted_link_names_point_at_their_own_line() {
    let yaml = VALID.replace(
        "text:\n",
        "  Order Book:\n    url: ftp://example.org/x\ntext:\n",
    );
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .error_at("links.\"Order Book\"", 8)
        .error_at("links.\"Order Book\".url", 9);
}

#[test]
fn a_key_with_no_value_is_named_on_its_line() {
    let yaml = VALID.replace("title: God of Justice", "title:");
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .error_at("title", 2)
        .stderr_has("`title` has no value");
}

#[test]
fn an_invisible_headline_is_no_headline() {
    let yaml = VALID.replace("headline: Hope in Darkness", "headline: \"\\u200B\"");
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .error_at("text.headline", 9);
}

#[test]
fn a_damaged_picture_is_refused() {
    let half = &png(400, 300)[..60];
    let logo = std::fs::read(std::path::Path::new(EXAMPLE_DIR).join("images/logo.png")).unwrap();
    for bytes in [half.to_vec(), logo[..logo.len() / 2].to_vec()] {
        Test::new()
            .campaign(&format!("{VALID}images:\n  hero: h.png\n"))
            .file("h.png", &bytes)
            .args(&["check"])
            .run()
            .code(1)
            .error_at("images.hero", 11)
            .stderr_has("png image");
    }
}

#[test]
fn huge_values_fail_fast() {
    let started = Instant::now();
    let long = "q".repeat(1_000_000);
    let o = Test::new()
        .campaign(&format!("{VALID}accent: {long}\n"))
        .args(&["check"])
        .run();
    o.code(1).error_at("accent", 10);
    assert!(o.stderr.len() < 20_000, "the value is not repeated in full");
    let mut yaml = format!(
        "{VALID}output: &a {}\nsocial:\n  formats: [",
        "q".repeat(50_000)
    );
    yaml.push_str(&vec!["*a"; 1000].join(", "));
    yaml.push_str("]\n");
    Test::new().campaign(&yaml).args(&["check"]).run().code(1);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn ten_thousand_groups_are_checked_in_linear_time() {
    let mut yaml = format!("{VALID}poster:\n  groups:\n");
    for _ in 0..10_000 {
        yaml.push_str("    - {name: [x], when: [y]}\n");
    }
    let started = Instant::now();
    let o = Test::new().campaign(&yaml).args(&["check"]).run();
    o.code(1).stderr_has("and 19900 more");
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn check_warns_about_text_that_is_hard_to_read() {
    let minimal = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("designs/minimal/design.yaml"),
    )
    .unwrap();
    let pale = minimal.replace("ink: \"#111111\"", "ink: \"#DDDDDD\"");
    assert_ne!(pale, minimal);
    let t = || {
        Test::new()
            .campaign(&format!("{VALID}design: ./pale\nsocial:\n  formats: [x]\n"))
            .file("pale/design.yaml", pale.as_bytes())
    };
    t().args(&["check"])
        .run()
        .code(0)
        .stderr_has("contrast of 1.")
        .stderr_has("(at `text.headline`)");
    t().args(&["check", "--strict"]).run().code(3);
    // The bundled designs read well.
    Test::example()
        .args(&["check", "campaign.yaml"])
        .run()
        .code(0)
        .stderr_lacks("contrast");
}

/// Run `handbill check` on a campaign folder under `/usr/bin/time`: exit 1, the diagnostic names
/// the field, under 1 GiB of memory and 30 s.
fn refused_within_limits(t: Test, path: &str, needle: &str) {
    // `run` holds every refused run to 1 GiB and 30 s.
    let o = t
        .args(&["check", "campaign.yaml", "--color", "never"])
        .run();
    o.code(1)
        .stderr_has(&format!("(at `{path}`)"))
        .stderr_has(needle);
    assert!(o.max_rss_kib < 1024 * 1024 && o.elapsed.as_secs() < 30);
}

#[test]
fn more_hostile_inputs_are_refused_within_limits() {
    use std::os::unix::fs::symlink;
    let hero = |p: &str| format!("{VALID}images:\n  hero: {p}\n");
    // A link to /dev/zero, an endless file.
    let t = Test::new().campaign(&hero("zero.png"));
    symlink("/dev/zero", t.path().join("zero.png")).unwrap();
    refused_within_limits(t, "images.hero", "outside the campaign's folder");
    // A link to /etc/passwd.
    let t = Test::new().campaign(&hero("passwd.png"));
    symlink("/etc/passwd", t.path().join("passwd.png")).unwrap();
    refused_within_limits(t, "images.hero", "outside the campaign's folder");
    // A PNG that claims 100 000 × 100 000 pixels (a decompression bomb's header).
    let mut bomb = crate::util::png(1, 1);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    refused_within_limits(
        Test::new()
            .campaign(&hero("bomb.png"))
            .file("bomb.png", &bomb),
        "images.hero",
        "png",
    );
    // A 20 000 × 20 000 PNG of one colour: small on disk, 1.6 GB decoded.
    let big = {
        let img = image::GrayImage::new(20_000, 20_000);
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    refused_within_limits(
        Test::new().campaign(&hero("big.png")).file("big.png", &big),
        "images.hero",
        "pixels",
    );
    // A look-alike host is only a warning, but a URL with credentials is an error.
    refused_within_limits(
        Test::new().campaign(&VALID.replace(
            "https://example.org/first-chapter",
            "https://a:b@ex\u{0430}mple.org/",
        )),
        "links.chapter.url",
        "password",
    );
    // Hostile text: a right-to-left override, an escape sequence.
    refused_within_limits(
        Test::new()
            .campaign(&VALID.replace("title: God of Justice", "title: \"God \\u202Eecitsuj\"")),
        "title",
        "U+202E",
    );
    refused_within_limits(
        Test::new().campaign(&VALID.replace("title: God of Justice", "title: \"\\e[31mred\"")),
        "title",
        "U+001B",
    );
    // Absurd sizes.
    refused_within_limits(
        Test::new().campaign(&format!(
            "{VALID}poster:\n  size: {{width: 1e30in, height: 11in}}\n"
        )),
        "poster.size.width",
        "",
    );
    refused_within_limits(
        Test::new().campaign(&format!(
            "{VALID}poster:\n  size: {{width: .nan, height: 11in}}\n"
        )),
        "poster.size.width",
        "",
    );
}

#[test]
fn look_alike_hosts_are_flagged_and_text_is_composed() {
    let o = Test::new()
        .campaign(&VALID.replace(
            "https://example.org/first-chapter",
            "https://ex\u{0430}mple.org/first",
        ))
        .args(&["check"])
        .run();
    o.code(0).stderr_has("mixes alphabets").stderr_has("xn--");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    std::fs::write(
        &file,
        VALID.replace(
            "title: God of Justice",
            "title: \"Cafe\u{0301} \u{FEFF}Justice\"",
        ),
    )
    .unwrap();
    let loaded = handbill::Session::new().load_campaign(&file, "c.yaml");
    let c = loaded.campaign.unwrap();
    assert_eq!(c.title, "Caf\u{00E9} Justice");
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("invisible"))
    );
}

#[test]
fn outputs_that_cannot_be_written_are_refused_and_earlier_kits_survive() {
    // A file where the output folder should be.
    let t = Test::new().campaign(VALID).file("out", b"not a folder");
    t.args(&["build", "--only", "qr"])
        .run()
        .code(1)
        .error_at("output", 1)
        .wrote_nothing();
    // Two campaigns with one id in one folder would write the same files.
    Test::new()
        .file("a.yaml", VALID.as_bytes())
        .file("b.yaml", VALID.as_bytes())
        .args(&["build", ".", "--only", "qr"])
        .run()
        .code(4)
        .stderr_has("same name")
        .wrote_nothing();
    // A rejected run leaves an earlier kit byte for byte.
    let t = Test::example();
    let dir = t.path().to_path_buf();
    let first = t
        .args(&["build", "campaign.yaml", "--only", "social,qr"])
        .run();
    first.code(0);
    let before = snapshot(&dir.join("out"));
    let yaml = std::fs::read_to_string(dir.join("campaign.yaml"))
        .unwrap()
        .replace("hashtag: \"#mobilizeforjustice\"", "hashtag: nope nope");
    std::fs::write(dir.join("campaign.yaml"), yaml).unwrap();
    Test::new()
        .args(&["build", dir.join("campaign.yaml").to_str().unwrap()])
        .run()
        .code(1);
    let changed = differences(&before, &snapshot(&dir.join("out")));
    assert!(changed.is_empty(), "files changed:\n{}", changed.join("\n"));
}

/// Build the campaign in `dir` again: exit 4, the message names the path in the way
/// (`dir/blocked`) and says `why`, and not one file in `dir` changes (products staged before
/// the failure are removed).
fn refused_to_write(dir: &Path, args: &[&str], blocked: &str, why: &str) {
    let before = snapshot(dir);
    let campaign = dir.join("campaign.yaml");
    Test::new()
        .args(&["build", campaign.to_str().unwrap()])
        .args(args)
        .run()
        .code(4)
        .stderr_has(&format!("{}: {why}", dir.join(blocked).display()))
        .wrote_nothing();
    let changed = differences(&before, &snapshot(dir));
    assert!(
        changed.is_empty(),
        "{blocked} in the way, files changed:\n{}",
        changed.join("\n")
    );
}

/// Paths in the way stop root too (permissions would not): exit 4, nothing written.
#[test]
fn outputs_in_the_way_are_refused_for_every_user_and_earlier_kits_survive() {
    // A file where the output folder given with --out must be.
    Test::new()
        .campaign(VALID)
        .file("kit", b"not a folder")
        .args(&["build", "--only", "qr", "--out", "kit"])
        .run()
        .code(4)
        .stderr_has("could not write the kit: kit: is a file, not a folder")
        .wrote_nothing();
    // Beside an earlier kit, a file where `out/social/` must be: refused after the posters
    // and their previews are staged, which are then removed.
    let t = Test::new().campaign(VALID);
    let dir = t.path().to_path_buf();
    let first = t.args(&["build"]).run();
    first.code(0);
    let not_a_folder = "is a file, not a folder";
    std::fs::remove_dir_all(dir.join("out/social")).unwrap();
    std::fs::write(dir.join("out/social"), b"not a folder").unwrap();
    refused_to_write(&dir, &[], "out/social", not_a_folder);
    // A file where `out/poster/` must be: refused at the first poster.
    std::fs::remove_file(dir.join("out/social")).unwrap();
    std::fs::remove_dir_all(dir.join("out/poster")).unwrap();
    std::fs::write(dir.join("out/poster"), b"not a folder").unwrap();
    refused_to_write(&dir, &[], "out/poster", not_a_folder);
    std::fs::remove_file(dir.join("out/poster")).unwrap();
    // A folder where a product file must go, even an empty one: refused before writing.
    let in_the_way = "exists and is not a regular file; remove it first; nothing was written";
    let qr = "out/qr/test-campaign-chapter-print.svg";
    std::fs::remove_file(dir.join(qr)).unwrap();
    std::fs::create_dir(dir.join(qr)).unwrap();
    refused_to_write(&dir, &[], qr, in_the_way);
    std::fs::remove_dir(dir.join(qr)).unwrap();
    let index = dir.join("out/index.html");
    std::fs::remove_file(&index).unwrap();
    std::fs::create_dir(&index).unwrap();
    std::fs::write(index.join("keep.txt"), b"mine").unwrap();
    refused_to_write(&dir, &["--only", "qr"], "out/index.html", in_the_way);
}

/// A read-only output folder: exit 4 and nothing written. Root (or any process with
/// CAP_DAC_OVERRIDE) writes into it anyway, so the case can only be made for other users.
#[test]
fn a_read_only_output_folder_is_refused() {
    let t = Test::new().campaign(VALID);
    let out = t.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut perms = std::fs::metadata(&out).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&out, perms).unwrap();
    let probe = out.join("probe");
    if std::fs::write(&probe, b"").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        eprintln!(
            "skipped: this user may write into a read-only folder (root, or CAP_DAC_OVERRIDE), so a read-only `out/` refuses nothing; `outputs_in_the_way_are_refused_for_every_user_and_earlier_kits_survive` covers exit 4 for every user"
        );
        return;
    }
    t.args(&["build", "--only", "qr"])
        .run()
        .code(4)
        .stderr_has("could not write the kit: ")
        .stderr_has("out: is read-only")
        .wrote_nothing();
}

#[test]
fn a_thousand_and_one_campaigns_are_refused_before_any_is_read() {
    let mut t = Test::new();
    for i in 0..=1000 {
        t = t.file(&format!("c{i:04}.yaml"), b"not: read\n");
    }
    let o = t.args(&["check", "."]).run();
    o.code(2)
        .stderr_has("more than 1000 campaign files in one command")
        .stderr_has("batches")
        .wrote_nothing();
}

#[test]
fn products_wait_beside_the_output_not_in_tmpdir() {
    // Products wait in an unlinked file beside the output folder, on its file system: a
    // $TMPDIR that does not exist (or a small tmpfs) changes nothing.
    let kit = |tmp: Option<&str>| {
        let mut t = Test::example()
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(&[
                "build",
                "campaign.yaml",
                "--only",
                "poster,social",
                "--quiet",
            ]);
        if let Some(tmp) = tmp {
            t = t.env("TMPDIR", tmp);
        }
        let o = t.run();
        o.code(0);
        snapshot(&o.dir.join("out"))
    };
    let spooled = kit(None);
    let no_tmpdir = kit(Some("/nonexistent/handbill-tmp"));
    assert!(spooled.len() > 10);
    assert!(
        spooled.iter().any(|(_, bytes)| bytes.len() > 32 * 1024),
        "some products are large enough to be spooled"
    );
    assert_eq!(spooled, no_tmpdir);
}
