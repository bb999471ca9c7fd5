//! Golden text: `--help` output. Regenerate with `UPDATE_GOLDEN=1 cargo test`.

use crate::util::Test;

fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1 cargo test", path.display()));
    assert!(
        want == actual,
        "{} differs; if the change is wanted, run UPDATE_GOLDEN=1 cargo test\n--- want\n{want}\n--- got\n{actual}",
        path.display()
    );
}

#[test]
fn help_text() {
    for (args, name) in [
        (&["--help"][..], "help.txt"),
        (&["build", "--help"][..], "help-build.txt"),
        (&["check", "--help"][..], "help-check.txt"),
    ] {
        let o = Test::new().args(args).run();
        o.code(0);
        golden(name, &o.stdout);
    }
}
