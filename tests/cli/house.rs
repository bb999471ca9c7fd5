//! The shape of the code itself: the top-level modules of `src/` import one way only (each
//! from the layers below it), and no source file outgrows its room.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest first. A module may use the modules of the layers
/// below its own, never those of its own layer or above. ARCHITECTURE.md draws the same picture.
const LAYERS: &[&[&str]] = &[
    &["diag", "suggest", "assets"],
    &["raw", "fonts"],
    &["model"],
    &["design", "scene"],
    &["layout", "render"],
    &["kit"],
    &["manifest", "review", "output"],
    &["pipeline"],
    &["cli"],
    &["app"],
];

/// Longest source file, in lines.
const MAX_LINES: usize = 600;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules a file names through `crate::…` paths, `use crate::{a, b::c}` included.
fn crate_paths(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level entries of the brace group.
            let (mut depth, mut start) = (0usize, 0usize);
            for (j, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push(ident(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

#[test]
fn the_top_level_modules_import_one_way() {
    let layer_of = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut uses: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(src()).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        assert!(
            layer_of(&top).is_some(),
            "src/{top} is not in LAYERS (tests/cli/house.rs) nor in ARCHITECTURE.md"
        );
        for m in crate_paths(&std::fs::read_to_string(f).unwrap()) {
            if m != top {
                uses.entry(top.clone())
                    .or_default()
                    .insert(m, rel.to_path_buf());
            }
        }
    }
    let mut wrong = Vec::new();
    for (from, tos) in &uses {
        for (to, file) in tos {
            match (layer_of(from), layer_of(to)) {
                (Some(a), Some(b)) if b < a => {}
                _ => wrong.push(format!(
                    "{from} uses {to} (in src/{}), which is not below it",
                    file.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The check reads what it should: `kit` is seen to use `layout`, grouped paths included.
    assert!(uses["kit"].contains_key("layout") && uses["app"].contains_key("pipeline"));
    assert_eq!(
        crate_paths("use crate::{a::{b, c}, d};\nlet x = crate::e::f; // crate::g"),
        ["a", "d", "e"]
    );
}

#[test]
fn no_source_file_outgrows_its_room() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} has {n} lines", f.display()))
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines; split by job: {long:?}"
    );
}
