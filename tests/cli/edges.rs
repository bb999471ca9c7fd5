//! The edges a newcomer hits in the first hour: output cut short by a pipe or a full disk,
//! the usual short flags, a success line that says where the kit is, and paths that step
//! back inside the campaign's folder.

use std::process::Stdio;

use crate::util::{Test, handbill, png};

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["completions", "fish"][..],
        &["schema"],
        &["man"],
        &["designs"],
    ] {
        let mut child = handbill(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the command has written (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_stdout_is_said_with_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("campaign.yaml"), crate::util::VALID).unwrap();
    for args in [&["check", "--json"][..], &["schema"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = handbill(dir.path())
            .args(args)
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {stderr}");
        assert!(
            stderr.contains("could not write to standard output"),
            "{stderr}"
        );
        assert!(!stderr.contains("internal error"), "{stderr}");
    }
}

#[test]
fn o_is_short_for_out_and_the_success_line_says_where_the_kit_is() {
    let o = Test::example()
        .args(&["build", "-o", "kit", "--only", "qr"])
        .run();
    o.code(0)
        .stderr_has("to kit")
        .stderr_has("review the kit: kit/index.html");
    assert!(o.dir.join("kit/manifest.json").is_file());
}

#[test]
fn jobs_zero_says_what_to_write_instead() {
    Test::example()
        .args(&["build", "--jobs", "0"])
        .run()
        .code(2)
        .stderr_has("write --jobs 1 or more, or leave --jobs out");
}

#[test]
fn a_path_that_steps_back_inside_the_folder_is_accepted() {
    let yaml = crate::util::VALID.replace(
        "text:\n",
        "images:\n  hero: images/../images/photo.png\ntext:\n",
    );
    Test::new()
        .campaign(&yaml)
        .file("images/photo.png", &png(1600, 1200))
        .args(&["check"])
        .run()
        .code(0);
    // Above the folder it is still refused.
    let yaml = crate::util::VALID.replace(
        "text:\n",
        "images:\n  hero: images/../../photo.png\ntext:\n",
    );
    Test::new()
        .campaign(&yaml)
        .file("images/photo.png", &png(16, 16))
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("leaves the campaign's folder");
}

#[test]
fn the_most_common_mistakes_get_their_own_message() {
    // An unquoted hashtag is a YAML comment.
    let yaml = crate::util::VALID.replace("hashtag: \"#mobilizeforjustice\"", "hashtag: #mobilize");
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .error_at("hashtag", 3)
        .stderr_has("an unquoted `#` starts a YAML comment")
        .stderr_has("quote it: `hashtag: \"#mobilize\"`");
    // A tab in the indentation.
    let yaml = crate::util::VALID.replace("  chapter:", "\tchapter:");
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("a tab in the indentation: YAML indents with spaces only");
    // A misspelt key is not also "missing" elsewhere.
    let yaml = crate::util::VALID.replace("text:", "txt:");
    let o = Test::new().campaign(&yaml).args(&["check"]).run();
    o.code(1)
        .stderr_has("unknown key `txt`")
        .stderr_has("did you mean `text`?")
        .stderr_lacks("`text` is missing");
}

#[test]
fn a_paper_size_may_be_written_as_width_x_height() {
    let with = |size: &str| crate::util::VALID.to_string() + &format!("poster:\n  size: {size}\n");
    Test::new()
        .campaign(&with("11x17"))
        .args(&["check"])
        .run()
        .code(1)
        .error_at("poster.size", 11)
        .stderr_has("`11x17` has no unit")
        .stderr_has("did you mean `11x17in` (or `tabloid`)?");
    Test::new()
        .campaign(&with("297x420"))
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("did you mean `297x420mm` (or `a3`)?");
    Test::new()
        .campaign(&with("1x1in"))
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("outside the sizes handbill prints");
    for (size, file) in [("11x17in", "11x17in"), ("21 x 29.7 cm", "21x29.7cm")] {
        let o = Test::new()
            .campaign(&with(size))
            .args(&["build", "--only", "poster"])
            .run();
        o.code(0);
        let pdf = o.dir.join(format!("out/poster/test-campaign-{file}.pdf"));
        assert!(pdf.is_file(), "{size}: {}", o.stderr);
    }
}

#[test]
fn settings_the_design_would_ignore_are_warnings() {
    let yaml = crate::util::VALID.to_string() + "accent: \"#B3261E\"\n";
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("the `justice` design has no accent colour, so `accent` changes nothing");
    let yaml = crate::util::VALID.replace(
        "text:\n",
        "design: minimal\nimages:\n  hero: photo.png\ntext:\n",
    );
    Test::new()
        .campaign(&yaml)
        .file("photo.png", &png(1600, 1200))
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("the `minimal` design draws no hero photo");
    let yaml = crate::util::VALID.replace("example.org/first-chapter", "example.org/first chapter");
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("the link has a space in it")
        .stderr_has("first%20chapter");
}

#[test]
fn a_campaign_piped_in_on_stdin_is_read_with_paths_from_the_working_folder() {
    use std::io::Write as _;
    let t = Test::example();
    let run = |args: &[&str], input: &[u8]| {
        let mut child = handbill(t.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let yaml = std::fs::read(t.path().join("campaign.yaml")).unwrap();
    let out = run(&["build", "-", "-o", "piped", "--only", "qr"], &yaml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(t.path().join("piped/manifest.json").is_file());
    // Its problems are placed in `<stdin>`.
    let out = run(&["check", "-"], b"campaign: t\ntitle: T\nhashtag: \"#x\"\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--> <stdin>:1:1"));
    // Only once.
    let out = run(&["check", "-", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn open_hands_the_review_page_to_the_systems_opener() {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let o = Test::example()
        .env("PATH", &path)
        .args(&["build", "--only", "qr", "--open"])
        .run();
    o.code(0);
    // The opener runs on its own; give it a moment.
    for _ in 0..50 {
        if log.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let opened = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(opened.trim_end().ends_with("out/index.html"), "{opened:?}");
    // No opener at all: said, and the build still succeeds.
    Test::example()
        .env("PATH", "/nonexistent")
        .args(&["build", "--only", "qr", "--open"])
        .run()
        .code(0)
        .stderr_has("could not open the review page");
}

#[test]
fn build_reports_what_check_finds() {
    // White-ish accent on the minimal design's white ground: the title and hashtag are
    // unreadable.
    let yaml =
        crate::util::VALID.replace("text:\n", "design: minimal\naccent: \"#F4F4F4\"\ntext:\n");
    let check = Test::new().campaign(&yaml).args(&["check"]).run();
    check
        .code(0)
        .stderr_has("the title on the poster has a contrast of 1.1:1");
    let o = Test::new().campaign(&yaml).args(&["build"]).run();
    o.code(0)
        .stderr_has("the title on the poster has a contrast of 1.1:1")
        .stderr_has("the hashtag on the instagram-square image has a contrast");
    let warned = |s: &str| s.matches("has a contrast of").count();
    assert_eq!(
        warned(&o.stderr),
        warned(&check.stderr),
        "build and check disagree"
    );
    let manifest = std::fs::read_to_string(o.dir.join("out/manifest.json")).unwrap();
    assert!(manifest.contains("the title on the poster has a contrast of 1.1:1"));
    let review = std::fs::read_to_string(o.dir.join("out/index.html")).unwrap();
    assert!(review.contains("the title on the poster has a contrast of 1.1:1"));
    // Under --strict the warnings refuse the build: exit 3, nothing written.
    Test::new()
        .campaign(&yaml)
        .args(&["build", "--strict"])
        .run()
        .code(3)
        .wrote_nothing();
}

#[test]
fn too_many_groups_are_named_even_when_the_file_is_too_large_to_read() {
    let mut yaml = format!("{}poster:\n  groups:\n", crate::util::VALID);
    for i in 0..12_000 {
        yaml.push_str(&format!(
            "    - name: Study group number {i}\n      when: Tuesdays, 7 pm, from January 13\n      where: Room 204\n"
        ));
    }
    assert!(yaml.len() > 1024 * 1024);
    Test::new()
        .campaign(&yaml)
        .args(&["check"])
        .run()
        .code(1)
        .stderr_has("about 12000 study groups under `poster.groups`")
        .stderr_has("at most 10000")
        .stderr_has("split the groups over several campaign files");
}

/// The lines a running command writes on stderr, as they come.
fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead as _;
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Wait (at most a minute: the machine may be busy) for a line with `needle`.
fn wait_for(lines: &std::sync::mpsc::Receiver<String>, needle: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(l) => {
                let found = l.contains(needle);
                seen.push(l);
                if found {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!(
        "no line with {needle:?} came; the lines were:\n{}",
        seen.join("\n")
    );
}

#[test]
fn watch_rebuilds_on_every_change_and_keeps_the_last_good_kit() {
    let t = Test::example();
    let dir = t.path().to_path_buf();
    let mut child = handbill(&dir)
        .args(["watch", "campaign.yaml", "--only", "qr"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = stderr_lines(&mut child);
    wait_for(&lines, "wrote ");
    wait_for(&lines, "watching");
    let svg = dir.join("out/qr/god-of-justice-chapter-print.svg");
    let first = std::fs::read(&svg).unwrap();
    // A change to the campaign: built again.
    let campaign = dir.join("campaign.yaml");
    let yaml = std::fs::read_to_string(&campaign).unwrap();
    std::fs::write(
        &campaign,
        yaml.replace("god-of-justice/first-chapter", "god-of-justice/chapter-one"),
    )
    .unwrap();
    wait_for(&lines, "wrote ");
    wait_for(&lines, "watching");
    let second = std::fs::read(&svg).unwrap();
    assert_ne!(first, second, "the QR code was not made again");
    // A change with an error: said, and the kit stays.
    std::fs::write(&campaign, yaml.replace("hashtag:", "hashtg:")).unwrap();
    wait_for(&lines, "nothing was written");
    wait_for(&lines, "watching");
    assert_eq!(std::fs::read(&svg).unwrap(), second);
    child.kill().unwrap();
    child.wait().unwrap();
    // One campaign at a time.
    Test::example()
        .file("other.yaml", &yaml.into_bytes())
        .args(&["watch", "campaign.yaml", "other.yaml"])
        .run()
        .code(2)
        .stderr_has("watch takes one campaign file");
}
