//! A tiny builder for tests that read like a user's session: write a campaign into a fresh
//! folder, run the real `handbill` binary there, look at what it printed and wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const EXAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/god-of-justice");

/// A campaign that passes validation: the starting point most tests change one thing in.
pub const VALID: &str = r##"campaign: test-campaign
title: God of Justice
hashtag: "#mobilizeforjustice"
links:
  chapter:
    url: https://example.org/first-chapter
    label: Download the first chapter
text:
  headline: Hope in Darkness
"##;

#[must_use = "a test does nothing until `.run()`"]
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

#[must_use = "check the outcome: `.code(..)`, `.stderr_has(..)`, `.wrote_nothing()`…"]
pub struct Outcome {
    /// The exit code (128 + the signal's number if a signal ended the run).
    pub code: i32,
    /// The signal that ended the run, if one did (as `/usr/bin/time` saw it).
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    pub before: BTreeMap<PathBuf, Vec<u8>>,
    /// Peak resident memory of the run, from `/usr/bin/time`.
    pub max_rss_kib: u64,
    pub elapsed: Duration,
    _keep: tempfile::TempDir,
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Start from a copy of the bundled example campaign.
    pub fn example() -> Self {
        let t = Test::new();
        copy_tree(Path::new(EXAMPLE_DIR), t.dir.path());
        t
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `campaign.yaml`.
    pub fn campaign(self, yaml: &str) -> Self {
        self.file("campaign.yaml", yaml.as_bytes())
    }

    pub fn file(self, rel: &str, bytes: &[u8]) -> Self {
        let p = self.dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Run handbill under `/usr/bin/time`. Every run that is refused (any exit code but 0)
    /// must stay within the limits every hostile input is held to: under 1 GiB of memory and
    /// under 30 seconds. Runs that succeed are checked for the memory limit only.
    pub fn run(self) -> Outcome {
        let before = snapshot(self.dir.path());
        let stats = tempfile::NamedTempFile::new().expect("stats file");
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-o")
            .arg(stats.path())
            .args(["-f", "%M"])
            .arg(env!("CARGO_BIN_EXE_handbill"));
        cmd.args(&self.args).current_dir(self.dir.path());
        scrub(&mut cmd);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let out = cmd.output().expect("run handbill under /usr/bin/time");
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let stats = std::fs::read_to_string(stats.path()).unwrap_or_default();
        let max_rss_kib: u64 = stats
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        let signal = stats.lines().find_map(|l| {
            l.strip_prefix("Command terminated by signal ")
                .and_then(|n| n.trim().parse().ok())
        });
        let code = out.status.code().unwrap_or(-1);
        assert!(
            max_rss_kib > 0 && max_rss_kib < 1024 * 1024,
            "peak memory {max_rss_kib} KiB (limit 1 GiB) for {:?}\n{stderr}",
            self.args
        );
        if code != 0 {
            assert!(
                elapsed < Duration::from_secs(30),
                "a refused run took {elapsed:?} (limit 30 s) for {:?}\n{stderr}",
                self.args
            );
        }
        Outcome {
            code,
            signal,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
            dir: self.dir.path().to_path_buf(),
            before,
            max_rss_kib,
            elapsed,
            _keep: self.dir,
        }
    }
}

impl Outcome {
    #[track_caller]
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(
            self.code, want,
            "exit code\n--- stderr:\n{}\n--- stdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    /// The run did not exit: this signal ended it.
    #[track_caller]
    pub fn killed_by(&self, signal: i32) -> &Self {
        assert_eq!(
            self.signal,
            Some(signal),
            "ended by (exit code {})\n--- stderr:\n{}",
            self.code,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The human diagnostic names this YAML path at this line.
    #[track_caller]
    pub fn error_at(&self, path: &str, line: usize) -> &Self {
        let want = format!(":{line}:");
        let found = self
            .stderr
            .split("\nerror: ")
            .chain(self.stderr.split("error: ").take(1))
            .any(|block| {
                block.lines().any(|l| {
                    l.contains("-->") && l.contains(&want) && l.contains(&format!("(at `{path}`)"))
                })
            });
        assert!(found, "no error at `{path}` line {line}:\n{}", self.stderr);
        self
    }

    /// The files in the folder are exactly what they were before the run.
    #[track_caller]
    pub fn wrote_nothing(&self) -> &Self {
        let changed = differences(&self.before, &snapshot(&self.dir));
        assert!(changed.is_empty(), "files changed:\n{}", changed.join("\n"));
        self
    }

    #[must_use]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Variables of the caller's environment that would change what handbill does.
const SCRUBBED: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "SOURCE_DATE_EPOCH",
    "CI_NODE_INDEX",
    "CI_NODE_TOTAL",
    "JOB_COMPLETION_INDEX",
    "HANDBILL_FAULT_AFTER_STAGED",
];

fn scrub(cmd: &mut Command) {
    for var in SCRUBBED {
        cmd.env_remove(var);
    }
    cmd.env("COLUMNS", "100");
}

/// The real binary, to run in `dir` with the environment scrubbed as in [`Test::run`], for the
/// tests that start several runs at once.
pub fn handbill(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbill"));
    cmd.current_dir(dir);
    scrub(&mut cmd);
    cmd
}

/// Every file (not following symlinks) under `dir`, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(ft) = e.file_type() else { continue };
            let rel = p.strip_prefix(dir).unwrap_or(&p).to_path_buf();
            if ft.is_dir() {
                out.insert(rel, b"<dir>".to_vec());
                stack.push(p);
            } else if ft.is_file() {
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            } else {
                out.insert(rel, b"<special>".to_vec());
            }
        }
    }
    out
}

/// What differs between two snapshots, one line a path (`+` added, `-` gone, `~` changed), so
/// that a failed comparison names files instead of printing their bytes.
pub fn differences(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (p, bytes) in after {
        match before.get(p) {
            None => out.push(format!("+ {}", p.display())),
            Some(b) if b != bytes => out.push(format!("~ {}", p.display())),
            Some(_) => {}
        }
    }
    for p in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(format!("- {}", p.display()));
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("read example").flatten() {
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            if e.file_name() == "out" {
                continue;
            }
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A real, tiny PNG (1×1) and JPEG, made by the image crate.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 100, 50]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}

/// Run a poppler tool (`pdftotext` writes to stdout) on `file`; its output.
pub fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let mut cmd = Command::new(name);
    cmd.args(args).arg(file);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|_| {
        panic!("{name} is needed for this test (apt-get install poppler-utils zbar-tools)")
    });
    assert!(
        out.status.success(),
        "{name} failed on {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// zbarimg (zbar-tools), the scanner a user would reach for; `.ci/run` installs it.
pub fn zbarimg(path: &Path) -> Vec<String> {
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(path)
        .output()
        .expect("zbarimg is needed for this test (apt-get install zbar-tools)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}
