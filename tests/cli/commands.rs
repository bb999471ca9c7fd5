//! The commands and their exit codes, as a user meets them.

use crate::util::{Test, VALID};

#[test]
fn check_finds_campaign_yaml_in_the_working_folder() {
    Test::new()
        .campaign(VALID)
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("checked 1 campaign");
    Test::new()
        .campaign(VALID)
        .args(&["check", "."])
        .run()
        .code(0);
}

#[test]
fn no_campaign_is_a_usage_error() {
    Test::new()
        .args(&["check"])
        .run()
        .code(2)
        .stderr_has("handbill init");
}

#[test]
fn bad_flags_are_usage_errors() {
    Test::new()
        .args(&["build", "--shard", "4/3"])
        .run()
        .code(2)
        .stderr_has("K runs from 1 to N");
    Test::new()
        .args(&["build", "--only", "posters"])
        .run()
        .code(2)
        .stderr_has("poster");
    Test::new()
        .args(&["chek"])
        .run()
        .code(2)
        .stderr_has("check");
    Test::new()
        .args(&["check", "--color", "sometimes"])
        .run()
        .code(2);
}

#[test]
fn missing_campaign_file_is_a_campaign_error() {
    Test::new()
        .args(&["check", "nope.yaml"])
        .run()
        .code(1)
        .stderr_has("nope.yaml")
        .stderr_has("cannot open");
}

#[test]
fn several_campaigns_are_checked_together() {
    let o = Test::new()
        .file("a.yaml", VALID.as_bytes())
        .file(
            "b.yaml",
            VALID
                .replace("title: God of Justice", "titel: x")
                .as_bytes(),
        )
        .args(&["check", "a.yaml", "b.yaml"])
        .run();
    o.code(1)
        .stderr_has("checked 2 campaigns")
        .stderr_has("b.yaml:2:");
    // A folder without campaign.yaml means every .yaml in it.
    Test::new()
        .file("many/a.yaml", VALID.as_bytes())
        .file("many/b.yaml", VALID.as_bytes())
        .args(&["check", "many"])
        .run()
        .code(0)
        .stderr_has("checked 2 campaigns");
}

#[test]
fn strict_turns_warnings_into_exit_3() {
    let warned = VALID.replace("https://", "http://");
    Test::new()
        .campaign(&warned)
        .args(&["check", "--strict"])
        .run()
        .code(3);
    Test::new()
        .campaign(&warned)
        .args(&["build", "--strict"])
        .run()
        .code(3)
        .wrote_nothing();
    Test::new()
        .campaign(VALID)
        .args(&["check", "--strict"])
        .run()
        .code(0);
}

#[test]
fn quiet_prints_nothing_on_success() {
    let o = Test::new()
        .campaign(VALID)
        .args(&["check", "--quiet"])
        .run();
    o.code(0);
    assert!(
        o.stderr.is_empty() && o.stdout.is_empty(),
        "{}{}",
        o.stderr,
        o.stdout
    );
}

#[test]
fn json_check_is_one_document_on_stdout() {
    let o = Test::new().campaign(VALID).args(&["check", "--json"]).run();
    o.code(0);
    let j = o.json();
    assert_eq!(j["errors"], 0);
    assert_eq!(j["campaigns"][0]["ok"], true);
    assert!(o.stderr.is_empty(), "{}", o.stderr);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let bad = VALID.replace("title:", "titel:");
    let always = Test::new()
        .campaign(&bad)
        .args(&["check", "--color", "always"])
        .run();
    always.code(1).stderr_has("\x1b[");
    Test::new()
        .campaign(&bad)
        .args(&["check", "--color", "never"])
        .run()
        .code(1)
        .stderr_lacks("\x1b[");
    Test::new()
        .campaign(&bad)
        .args(&["check"])
        .env("NO_COLOR", "1")
        .run()
        .code(1)
        .stderr_lacks("\x1b[");
}

#[test]
fn init_writes_a_campaign_that_checks_clean() {
    let t = Test::new().args(&["init", "kit"]).run();
    t.code(0).stderr_has("handbill check");
    assert!(t.dir.join("kit/campaign.yaml").is_file());
    assert!(t.dir.join("kit/images/cambodia.jpg").is_file());
    let loaded = handbill::Session::new()
        .load_campaign(&t.dir.join("kit/campaign.yaml"), "kit/campaign.yaml");
    let c = loaded
        .campaign
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    assert_eq!(c.hashtag, "#mobilizeforjustice");
    assert_eq!(c.poster.groups.len(), 2);
    assert!(c.hero.is_some() && c.logo.is_some());
    // Set for the printer at home or in the office, and pointing editors at its schema.
    let yaml = std::fs::read_to_string(t.dir.join("kit/campaign.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=campaign.schema.json\n"));
    assert!(yaml.contains("\n  finish: office "), "{yaml}");
    let schema = std::fs::read_to_string(t.dir.join("kit/campaign.schema.json")).unwrap();
    let printed = Test::new().args(&["schema"]).run();
    assert_eq!(schema, printed.stdout);
    let (schemas, idx) = compiled_schema();
    let json = handbill::raw::yaml_to_json(&yaml).unwrap();
    if let Err(e) = schemas.validate(&json, idx) {
        panic!("the campaign init writes fails its schema: {e}");
    }
    // Built as written, its poster has no bleed: one Letter page, trim box = media box.
    let o = Test::new().args(&["init", "kit"]).run();
    let kit = o.dir.join("kit");
    let out = crate::util::handbill(&kit)
        .args(["build", "campaign.yaml", "--only", "poster"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read_dir(kit.join("out/poster"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let info = crate::util::tool("pdfinfo", &[], &pdf);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn init_never_overwrites() {
    Test::new()
        .file("campaign.yaml", b"mine")
        .args(&["init"])
        .run()
        .code(4)
        .stderr_has("already holds campaign.yaml")
        .wrote_nothing();
}

#[test]
fn designs_lists_the_bundled_designs() {
    let o = Test::new().args(&["designs"]).run();
    o.code(0);
    assert!(
        o.stdout.contains("justice") && o.stdout.contains("minimal"),
        "{}",
        o.stdout
    );
    let j = Test::new().args(&["designs", "--json"]).run().json();
    let names: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["justice", "minimal"]);
    for d in j.as_array().unwrap() {
        for family in ["square", "portrait", "story", "landscape", "poster"] {
            let slots = d["families"][family].as_array().unwrap();
            assert!(
                slots.iter().any(|s| s == "hashtag") && slots.iter().any(|s| s == "qr"),
                "{d}"
            );
        }
    }
}

fn compiled_schema() -> (boon::Schemas, boon::SchemaIndex) {
    compiled(&["schema"])
}

fn compiled(args: &[&str]) -> (boon::Schemas, boon::SchemaIndex) {
    let o = Test::new().args(args).run();
    o.code(0);
    let schema: serde_json::Value = serde_json::from_str(&o.stdout).expect("schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///campaign.schema.json", schema)
        .expect("add schema");
    let idx = compiler
        .compile("file:///campaign.schema.json", &mut schemas)
        .expect("a valid JSON Schema");
    (schemas, idx)
}

#[test]
fn schema_accepts_the_example_and_rejects_unknown_keys() {
    let (schemas, idx) = compiled_schema();
    let example =
        std::fs::read_to_string(format!("{}/campaign.yaml", crate::util::EXAMPLE_DIR)).unwrap();
    let json = handbill::raw::yaml_to_json(&example).unwrap();
    if let Err(e) = schemas.validate(&json, idx) {
        panic!("example rejected: {e}");
    }
    let mut bad = json.clone();
    bad["hashtg"] = serde_json::json!("#x");
    assert!(schemas.validate(&bad, idx).is_err());
    let mut bad_nested = json.clone();
    bad_nested["text"]["call_to_action"] = serde_json::json!("x");
    assert!(schemas.validate(&bad_nested, idx).is_err());
    let mut size = json;
    for (written, ok) in [
        ("a5", false),
        ("11x17", false),
        ("18x24in", true),
        ("11x17in", true),
        ("210 x 297 mm", true),
    ] {
        size["poster"]["size"] = serde_json::json!(written);
        assert_eq!(schemas.validate(&size, idx).is_ok(), ok, "{written}");
    }
}

#[test]
fn completions_and_man_page() {
    let o = Test::new().args(&["completions", "bash"]).run();
    o.code(0);
    assert!(o.stdout.contains("handbill") && o.stdout.contains("build"));
    let m = Test::new().args(&["man"]).run();
    m.code(0);
    assert!(
        m.stdout.contains(".TH handbill"),
        "{}",
        &m.stdout[..m.stdout.len().min(200)]
    );
    Test::new()
        .args(&["man", "nope"])
        .run()
        .code(2)
        .stderr_has("there is no subcommand `nope`");
}

/// The long options of a `--help` text.
fn long_flags(help: &str) -> Vec<String> {
    let mut out: Vec<String> = help
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every subcommand has its man page, and the page and the README's command reference both
/// name every option its `--help` shows.
#[test]
fn the_man_pages_and_the_readme_match_help() {
    let t = Test::new().args(&["man", "--out", "pages"]).run();
    t.code(0);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let subcommands = [
        "build",
        "watch",
        "check",
        "init",
        "designs",
        "schema",
        "completions",
        "man",
        "merge-manifests",
    ];
    let mut missing = Vec::new();
    for sub in subcommands {
        let page = std::fs::read_to_string(t.dir.join(format!("pages/handbill-{sub}.1")))
            .unwrap_or_else(|e| panic!("handbill-{sub}.1: {e}"))
            .replace("\\-", "-");
        let printed = Test::new().args(&["man", sub]).run();
        assert_eq!(printed.stdout.replace("\\-", "-"), page, "{sub}");
        let help = Test::new().args(&[sub, "--help"]).run().stdout;
        for flag in long_flags(&help) {
            if !page.contains(&flag) {
                missing.push(format!("handbill-{sub}.1 lacks {flag}"));
            }
            if !["--help", "--version"].contains(&flag.as_str()) && !readme.contains(&flag) {
                missing.push(format!("README lacks {flag} (of `handbill {sub}`)"));
            }
        }
        assert!(
            readme.contains(&format!("`handbill {sub}")),
            "README has no row for `handbill {sub}`"
        );
    }
    assert!(t.dir.join("pages/handbill.1").is_file());
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn shards_together_make_exactly_the_full_build() {
    let full = Test::example()
        .args(&["build", "campaign.yaml", "--only", "social,qr"])
        .run();
    full.code(0);
    let all = crate::util::snapshot(&full.dir.join("out"));
    let mut union = std::collections::BTreeMap::new();
    for k in 1..=3 {
        let o = Test::example()
            .args(&[
                "build",
                "campaign.yaml",
                "--only",
                "social,qr",
                "--shard",
                &format!("{k}/3"),
            ])
            .run();
        o.code(0);
        for (path, bytes) in crate::util::snapshot(&o.dir.join("out")) {
            if bytes == b"<dir>"
                || path.ends_with("manifest.json")
                || path.ends_with(".handbill.lock")
                || path.ends_with("index.html")
            {
                continue;
            }
            assert!(
                union.insert(path.clone(), bytes).is_none(),
                "{} is in two shards",
                path.display()
            );
        }
    }
    let files: std::collections::BTreeMap<_, _> = all
        .into_iter()
        .filter(|(p, b)| {
            b != b"<dir>"
                && !p.ends_with("manifest.json")
                && !p.ends_with(".handbill.lock")
                && !p.ends_with("index.html")
        })
        .collect();
    let (u, f): (Vec<_>, Vec<_>) = (union.keys().collect(), files.keys().collect());
    assert_eq!(u, f);
    assert!(union == files, "same names, different bytes");
}

#[test]
fn the_schema_marks_required_keys_and_gives_defaults_and_examples() {
    let schema: serde_json::Value =
        serde_json::from_str(&Test::new().args(&["schema"]).run().stdout).unwrap();
    let at = |p: &str| schema.pointer(p).unwrap_or_else(|| panic!("{p}")).clone();
    assert_eq!(
        at("/required"),
        serde_json::json!(["campaign", "title", "hashtag", "links", "text"])
    );
    assert_eq!(
        at("/properties/text/required"),
        serde_json::json!(["headline"])
    );
    assert_eq!(at("/$defs/LinkSpec/required"), serde_json::json!(["url"]));
    assert_eq!(at("/$defs/GroupSpec/required"), serde_json::json!(["name"]));
    assert_eq!(at("/properties/lang/default"), "en");
    assert_eq!(at("/properties/design/default"), "justice");
    assert_eq!(at("/$defs/PosterSpec/properties/finish/default"), "office");
    assert_eq!(at("/properties/hashtag/examples/0"), "#mobilizeforjustice");
    // Every field says what it is, and no list of choices offers `null`.
    let mut undescribed = Vec::new();
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Object(props)) = m.get("properties") {
                    for (k, p) in props {
                        if p.get("description").is_none() && p.get("$ref").is_none() {
                            out.push(format!("{path}.{k}"));
                        }
                    }
                }
                if let Some(serde_json::Value::Array(choices)) = m.get("enum") {
                    assert!(
                        !choices.contains(&serde_json::Value::Null),
                        "{path}: null in enum"
                    );
                }
                for (k, c) in m {
                    walk(c, &format!("{path}/{k}"), out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| walk(c, path, out)),
            _ => {}
        }
    }
    walk(&schema, "", &mut undescribed);
    assert!(
        undescribed.is_empty(),
        "fields without a description: {undescribed:?}"
    );
    // A missing required key fails the schema, as it fails handbill.
    let (schemas, idx) = compiled_schema();
    let mut json = handbill::raw::yaml_to_json(crate::util::VALID).unwrap();
    assert!(schemas.validate(&json, idx).is_ok());
    let mut ftp = json.clone();
    ftp["links"]["chapter"]["url"] = serde_json::json!("ftp://example.org/a");
    assert!(
        schemas.validate(&ftp, idx).is_err(),
        "a link that is not https:// passes"
    );
    json.as_object_mut().unwrap().remove("hashtag");
    assert!(schemas.validate(&json, idx).is_err());
}

#[test]
fn the_design_schema_accepts_the_bundled_designs() {
    let (schemas, idx) = compiled(&["schema", "--design"]);
    for name in ["justice", "minimal"] {
        let path = format!("{}/designs/{name}/design.yaml", env!("CARGO_MANIFEST_DIR"));
        let json = handbill::raw::yaml_to_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if let Err(e) = schemas.validate(&json, idx) {
            panic!("{name} fails the design schema: {e}");
        }
        let mut bad = json.clone();
        bad["palete"] = serde_json::json!({});
        assert!(
            schemas.validate(&bad, idx).is_err(),
            "{name}: an unknown key passes"
        );
    }
}
