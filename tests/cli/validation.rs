//! Bad campaigns: every mistake is reported with its YAML path and line, exit code 1,
//! and nothing is written.

use crate::util::{Test, VALID, png};

/// Run `check` and `build` on the campaign; both must fail with exit 1 and write nothing.
fn rejected(t: impl Fn() -> Test) -> crate::util::Outcome {
    let build = t().args(&["build", "campaign.yaml"]).run();
    build
        .code(1)
        .wrote_nothing()
        .stderr_has("nothing was written")
        .stderr_lacks("panicked");
    let check = t().args(&["check", "campaign.yaml"]).run();
    check.code(1).wrote_nothing().stderr_lacks("panicked");
    check
}

fn with(extra: &str) -> String {
    format!("{VALID}{extra}")
}

#[test]
fn example_campaign_is_valid() {
    Test::example()
        .args(&["check", "campaign.yaml"])
        .run()
        .code(0)
        .stderr_has("0 errors, 0 warnings");
}

#[test]
fn syntax_error_names_the_line() {
    let o = rejected(|| Test::new().campaign("campaign: x\ntitle: \"unclosed\nhashtag: '#a'\n"));
    o.stderr_has("YAML syntax error");
    let line = o
        .stderr
        .lines()
        .find(|l| l.contains("-->"))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("campaign.yaml:"), "{line}");
}

#[test]
fn duplicate_key_names_both_lines() {
    rejected(|| Test::new().campaign(&with("title: Again\n")))
        .error_at("title", 10)
        .stderr_has("duplicate key `title` (first given on line 2)");
}

#[test]
fn a_duplicate_key_points_at_both_places() {
    let o = rejected(|| Test::new().campaign(&with("title: Again\n")));
    let block = o
        .stderr
        .split("\n\n")
        .find(|b| b.contains("duplicate key `title`"))
        .unwrap_or_default();
    let lines: Vec<&str> = block.lines().collect();
    let at = |want: &str| {
        lines
            .iter()
            .position(|l| *l == want)
            .unwrap_or_else(|| panic!("no line {want:?} in:\n{block}"))
    };
    // The second is the error, under a caret; the first is labelled, and shown above it.
    let first = at(" 2 | title: God of Justice");
    assert_eq!(lines[first + 1], "   | ----- first written here", "{block}");
    let again = at("10 | title: Again");
    assert_eq!(lines[again + 1], "   | ^^^^^", "{block}");
    assert!(first < again, "{block}");
    assert!(
        lines[1].starts_with("  --> campaign.yaml:10:1  (at `title`)"),
        "{block}"
    );
    // The JSON form is unchanged: the second place, no extra fields.
    let json = Test::new()
        .campaign(&with("title: Again\n"))
        .args(&["check", "campaign.yaml", "--json"])
        .run()
        .json();
    let d = &json["campaigns"][0]["diagnostics"][0];
    let mut keys: Vec<&str> = d
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "column", "file", "help", "line", "message", "path", "severity"
        ],
        "{d}"
    );
    assert_eq!((&d["line"], &d["column"]), (&10.into(), &1.into()), "{d}");
}

#[test]
fn the_caret_counts_columns_after_wide_characters() {
    let o = rejected(|| {
        Test::new().campaign(&with("poster:\n  groups: [{name: 正義の神, when: [x]}]\n"))
    });
    o.error_at("poster.groups[0].when", 11);
    let lines: Vec<&str> = o.stderr.lines().collect();
    let code = lines
        .iter()
        .position(|l| l.starts_with("11 | "))
        .unwrap_or_else(|| panic!("no line 11:\n{}", o.stderr));
    // `  groups: [{name: ` is 18 columns, 正義の神 8 and `, when: ` 8: the caret is at 34,
    // where counting characters would have put it at 30.
    let under = lines[code + 1].strip_prefix("   | ").unwrap_or_default();
    assert_eq!(under.find('^'), Some(34), "{}", o.stderr);
    assert_eq!(under.trim(), "^^^", "{}", o.stderr);
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    rejected(|| Test::new().campaign(&with("hashtg: '#x'\n")))
        .error_at("hashtg", 10)
        .stderr_has("did you mean `hashtag`?");
    rejected(|| Test::new().campaign(&VALID.replace("text:\n", "text:\n  call_to_action: Scan\n")))
        .error_at("text.call_to_action", 9)
        .stderr_has("did you mean `call-to-action`?");
}

#[test]
fn wrong_type_is_named() {
    rejected(|| {
        Test::new().campaign(&VALID.replace("title: God of Justice", "title: [God, Justice]"))
    })
    .error_at("title", 2)
    .stderr_has("expected text, found a list");
    rejected(|| Test::new().campaign(&with("poster:\n  groups: {name: x}\n")))
        .error_at("poster.groups", 11)
        .stderr_has("expected a list");
    rejected(|| Test::new().campaign(&with("social:\n  max-bytes: lots\n")))
        .error_at("social.max-bytes", 11)
        .stderr_has("expected a whole number");
}

#[test]
fn yaml_tags_are_refused() {
    rejected(|| {
        Test::new().campaign(&VALID.replace(
            "title: God of Justice",
            "title: !!python/object:os.system echo",
        ))
    })
    .stderr_has("YAML tags are not allowed (found `!!python/object:os.system`)")
    .error_at("title", 2);
    rejected(|| Test::new().campaign(&VALID.replace("title: God", "title: !!str God")))
        .stderr_has("found `!!str`")
        .error_at("title", 2);
    rejected(|| Test::new().campaign(&with("poster: !custom\n  size: a4\n")))
        .stderr_has("found `!custom`")
        .error_at("poster", 10);
}

#[test]
fn an_error_through_an_alias_points_at_the_alias() {
    rejected(|| {
        Test::new().campaign(&format!(
            "{}poster:\n  size: *h\n",
            VALID.replace("headline: Hope", "headline: &h Hope")
        ))
    })
    .error_at("poster.size", 11);
}

#[test]
fn alias_bomb_is_stopped_quickly() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..16 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let started = std::time::Instant::now();
    rejected(|| Test::new().campaign(&bomb)).stderr_has("alias bomb");
    // Generous bound: the expansion would be 9^16 nodes; the budget stops it at once.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn deep_nesting_and_huge_files_are_bounded() {
    let deep = format!("campaign: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    rejected(|| Test::new().campaign(&deep)).stderr_has("nests deeper than");
    let huge = format!("{VALID}# {}\n", "x".repeat(2 * 1024 * 1024));
    rejected(|| Test::new().campaign(&huge)).stderr_has("at most 1048576 bytes");
}

#[test]
fn yaml_11_words_stay_strings_where_text_is_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    let yaml = VALID
        .replace("campaign: test-campaign", "campaign: 0777")
        .replace("title: God of Justice", "title: no")
        .replace("headline: Hope in Darkness", "headline: on");
    std::fs::write(&file, yaml).unwrap();
    let loaded = handbill::Session::new().load_campaign(&file, "c.yaml");
    let c = loaded
        .campaign
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    assert_eq!(c.id, "0777");
    assert_eq!(c.title, "no");
    assert_eq!(c.text.headline, "on");
}

#[test]
fn yaml_11_booleans_are_refused_where_a_boolean_is_wanted() {
    rejected(|| Test::new().campaign(&with("qr:\n  logo: no\n")))
        .error_at("qr.logo", 11)
        .stderr_has("write `false`");
}

#[test]
fn non_utf8_and_empty_files() {
    let mut bytes = VALID.as_bytes().to_vec();
    bytes.extend_from_slice(b"subtitle: caf\xE9\n");
    rejected(|| Test::new().file("campaign.yaml", &bytes))
        .stderr_has("not UTF-8")
        .stderr_has("campaign.yaml:10:");
    rejected(|| Test::new().campaign(""))
        .stderr_has("the file is empty")
        .stderr_has("handbill init");
    rejected(|| Test::new().campaign("# only a comment\n")).stderr_has("no YAML values");
}

#[test]
fn campaign_id_must_be_a_slug() {
    rejected(|| {
        Test::new().campaign(&VALID.replace("campaign: test-campaign", "campaign: God Of Justice!"))
    })
    .error_at("campaign", 1)
    .stderr_has("e.g. `campaign: god-of-justice`");
    rejected(|| Test::new().campaign(&VALID.replace("campaign: test-campaign\n", "")))
        .stderr_has("`campaign` is missing from the campaign file");
}

#[test]
fn link_schemes() {
    for (url, needle) in [
        ("javascript:alert(1)", "`javascript:` links are not allowed"),
        ("data:text/html,hi", "`data:` links are not allowed"),
        ("file:///etc/passwd", "`file:` links are not allowed"),
        ("ftp://example.org/x", "cannot be opened by a phone"),
        ("https://user:secret@example.org/x", "user name or password"),
        ("example.org/first", "https://example.org/first"),
    ] {
        rejected(|| Test::new().campaign(&VALID.replace("https://example.org/first-chapter", url)))
            .error_at("links.chapter.url", 6)
            .stderr_has(needle);
    }
    // http is a warning, not an error; under --strict it fails with exit 3.
    let http = VALID.replace("https://", "http://");
    Test::new()
        .campaign(&http)
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("warning: the link is http://");
    Test::new()
        .campaign(&http)
        .args(&["check", "--strict"])
        .run()
        .code(3);
}

#[test]
fn image_paths_stay_inside_the_campaign_folder() {
    let cases: Vec<(&str, &str)> = vec![
        ("/etc/passwd", "is an absolute path"),
        ("../outside.png", "leaves the campaign's folder"),
        ("images/missing.png", "does not exist"),
        ("images", "is a folder, not a file"),
        ("notes.png", "is not a PNG, JPEG or WebP image"),
        ("broken.png", "damaged png"),
        ("link-out.png", "outside the campaign's folder"),
    ];
    for (path, needle) in cases {
        rejected(|| {
            let t = Test::new()
                .campaign(&with(&format!("images:\n  hero: {path}\n")))
                .file("images/real.png", &png(4, 4))
                .file("notes.png", b"just some text, not an image")
                .file("broken.png", &png(4, 4)[..30]);
            std::os::unix::fs::symlink("/etc/hostname", t.path().join("link-out.png")).unwrap();
            t
        })
        .error_at("images.hero", 11)
        .stderr_has(needle);
    }
}

#[test]
fn special_files_are_refused() {
    rejected(|| {
        let t = Test::new().campaign(&with("images:\n  hero: pipe.png\n"));
        let ok = std::process::Command::new("mkfifo")
            .arg(t.path().join("pipe.png"))
            .status()
            .unwrap();
        assert!(ok.success());
        t
    })
    .error_at("images.hero", 11)
    .stderr_has("not a regular file");
}

#[test]
fn a_real_image_is_accepted() {
    Test::new()
        .campaign(&with("images:\n  hero: images/hero.png\n"))
        .file("images/hero.png", &png(2400, 1600))
        .args(&["check"])
        .run()
        .code(0);
}

#[test]
fn unknown_choices_suggest_the_nearest() {
    rejected(|| Test::new().campaign(&with("poster:\n  size: a44\n")))
        .error_at("poster.size", 11)
        .stderr_has("did you mean `a4`?");
    rejected(|| Test::new().campaign(&with("social:\n  formats: [instagram-sqare, x]\n")))
        .error_at("social.formats[0]", 11)
        .stderr_has("did you mean `instagram-square`?");
    rejected(|| Test::new().campaign(&with("poster:\n  finish: printshop\n")))
        .error_at("poster.finish", 11)
        .stderr_has("did you mean `print-shop`?");
}

#[test]
fn absurd_lengths_are_refused() {
    for (size, needle) in [
        ("{width: -3in, height: 11in}", "out of range"),
        ("{width: 500in, height: 11in}", "out of range"),
        ("{width: 8.5, height: 11in}", "has no unit"),
        ("{width: 8.5in}", "`height` is missing"),
        (
            "{width: 8.5in, height: 11in, depth: 2in}",
            "unknown key `depth`",
        ),
    ] {
        rejected(|| Test::new().campaign(&with(&format!("poster:\n  size: {size}\n"))))
            .stderr_has(needle)
            .stderr_has("(at `poster.size");
    }
    rejected(|| Test::new().campaign(&with("poster:\n  scan-distance: 0m\n")))
        .error_at("poster.scan-distance", 11)
        .stderr_has("between 10cm and 20m");
}

#[test]
fn three_mistakes_are_all_reported_in_one_run() {
    let yaml = VALID
        .replace("campaign: test-campaign", "campaign: Bad Id")
        .replace("hashtag:", "hashtg:")
        .replace("https://example.org/first-chapter", "javascript:x");
    let o = rejected(|| Test::new().campaign(&yaml));
    o.error_at("campaign", 1)
        .error_at("hashtg", 3)
        .error_at("links.chapter.url", 6);
    // `hashtg` is reported once, as a misspelt `hashtag`, not also as `hashtag` missing.
    o.stderr_has("3 errors")
        .stderr_lacks("`hashtag` is missing");
    // The JSON form carries the same, with paths and lines.
    let json = Test::new()
        .campaign(&yaml)
        .args(&["check", "--json"])
        .run()
        .json();
    let diags = json["campaigns"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let paths: Vec<&str> = diags
        .iter()
        .map(|d| d["path"].as_str().unwrap_or(""))
        .collect();
    for p in ["campaign", "hashtg", "links.chapter.url"] {
        assert!(paths.contains(&p), "{paths:?}");
    }
    assert!(
        diags
            .iter()
            .all(|d| d["line"].as_u64().is_some() && d["help"].as_str().is_some()),
        "{diags:?}"
    );
    assert_eq!(json["errors"], 3);
}

#[test]
fn hostile_text_is_refused() {
    rejected(|| Test::new().campaign(&VALID.replace("Hope in Darkness", "Hope \u{202E}ssenkraD")))
        .error_at("text.headline", 9)
        .stderr_has("U+202E");
}

#[test]
fn qr_link_must_exist_and_logo_needs_high_correction() {
    rejected(|| Test::new().campaign(&with("qr:\n  link: chaptr\n")))
        .error_at("qr.link", 11)
        .stderr_has("did you mean `chapter`?");
    rejected(|| {
        Test::new()
            .campaign(&with(
                "images:\n  logo: logo.png\nqr:\n  logo: true\n  error-correction: low\n",
            ))
            .file("logo.png", &png(8, 8))
    })
    .error_at("qr.error-correction", 14);
    rejected(|| Test::new().campaign(&with("qr:\n  logo: true\n"))).stderr_has("no `images.logo`");
}

#[test]
fn url_too_long_for_a_qr_code_states_the_limit() {
    let long = format!("https://example.org/{}", "a".repeat(3000));
    rejected(|| Test::new().campaign(&VALID.replace("https://example.org/first-chapter", &long)))
        .error_at("links.chapter.url", 6)
        .stderr_has("holds at most 2331");
}

#[test]
fn output_folder_in_the_file_must_stay_inside() {
    rejected(|| Test::new().campaign(&with("output: ../elsewhere\n")))
        .error_at("output", 10)
        .stderr_has("--out DIR");
}

#[test]
fn design_must_exist() {
    rejected(|| Test::new().campaign(&with("design: justise\n")))
        .error_at("design", 10)
        .stderr_has("did you mean `justice`?");
    rejected(|| {
        Test::new()
            .campaign(&with("design: ./mine\n"))
            .file("mine/readme.txt", b"x")
    })
    .stderr_has("has no design.yaml");
}

#[test]
fn custom_design_folder_is_validated() {
    let design = "name: mine\nfamilies:\n  square:\n    boxes: [{slot: headline, x: 2}]\n";
    rejected(|| {
        Test::new()
            .campaign(&with("design: ./mine\n"))
            .file("mine/design.yaml", design.as_bytes())
    })
    .stderr_has("mine/design.yaml:4:")
    .stderr_has("(at `families.square.boxes[0].x`)");
}

#[test]
fn the_language_is_a_tag_layout_understands() {
    for bad in ["english", "e", "en--US", "12"] {
        rejected(|| Test::new().campaign(&with(&format!("lang: \"{bad}\"\n"))))
            .error_at("lang", 10)
            .stderr_has("is not a language tag");
    }
    for good in ["km", "en-US", "zh-Hant-TW", "sr-Latn", "es-419"] {
        Test::new()
            .campaign(&with(&format!("lang: {good}\n")))
            .args(&["check", "campaign.yaml"])
            .run()
            .code(0);
    }
}

/// The copy limits as the README states them: each field's YAML path, its line in [`copy`]'s
/// campaign, and its limit in characters.
const COPY: &[(&str, usize, usize)] = &[
    ("title", 3, 60),
    ("subtitle", 4, 100),
    ("hashtag", 5, 32),
    ("links.chapter.label", 9, 60),
    ("links.order.label", 12, 60),
    ("text.headline", 14, 100),
    ("text.body", 15, 400),
    ("text.call-to-action", 16, 60),
    ("poster.groups[0].name", 19, 80),
    ("poster.groups[0].when", 20, 80),
    ("poster.groups[0].where", 21, 80),
    ("poster.groups[0].contact", 22, 80),
    ("social.alt", 25, 250),
];

/// Words, exactly `n` characters of them.
fn words(n: usize) -> String {
    let mut s: String = "Hope in darkness, change in Cambodia; read the story "
        .chars()
        .cycle()
        .take(n)
        .collect();
    if s.ends_with(' ') {
        s.pop();
        s.push('x');
    }
    s
}

/// The campaign of the copy-limit tests; `<path>` stands for the field's text.
const COPY_CAMPAIGN: &str = r#"campaign: limits
lang: en
title: "<title>"
subtitle: "<subtitle>"
hashtag: "<hashtag>"
links:
  chapter:
    url: https://example.org/first-chapter
    label: "<links.chapter.label>"
  order:
    url: https://example.org/order
    label: "<links.order.label>"
text:
  headline: "<text.headline>"
  body: "<text.body>"
  call-to-action: "<text.call-to-action>"
poster:
  groups:
    - name: "<poster.groups[0].name>"
      when: "<poster.groups[0].when>"
      where: "<poster.groups[0].where>"
      contact: "<poster.groups[0].contact>"
social:
  formats: [<formats>]
  alt: "<social.alt>"
  caption: "<social.caption>"
"#;

/// The text of `path`, `n` characters long.
fn copy_text(path: &str, n: usize) -> String {
    match path {
        "hashtag" => format!("#{}", "mobilize".repeat(4))
            .chars()
            .take(n)
            .collect(),
        _ => words(n),
    }
}

/// [`COPY_CAMPAIGN`] with every field at its copy limit, those in `over` one character over,
/// and a caption that brings the post text to Instagram's 2200 characters (+ `caption_over`).
fn copy(over: &[&str], caption_over: usize, formats: &str) -> String {
    let mut yaml = COPY_CAMPAIGN.replace("<formats>", formats);
    for (path, _, max) in COPY {
        let n = max + usize::from(over.contains(path));
        let text = match *path {
            "hashtag" => format!("#{}", "mobilize".repeat(4))
                .chars()
                .take(n)
                .collect(),
            _ => words(n),
        };
        yaml = yaml.replace(&format!("<{path}>"), &text);
    }
    // caption.txt: the caption, "\n\n", the label, ": ", the link, "\n\n", the hashtag.
    let appended = 2 + 60 + 2 + "https://example.org/first-chapter".len() + 2 + 32;
    yaml.replace("<social.caption>", &words(2200 + caption_over - appended))
}

/// The errors of a `build --json` run that come from a copy limit.
fn copy_limit_errors(yaml: &str) -> Vec<serde_json::Value> {
    let json = Test::new()
        .campaign(yaml)
        .args(&["build", "--json"])
        .run()
        .json();
    let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
    diags
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .filter(|d| {
            let m = d["message"].as_str().unwrap_or_default();
            m.contains(" characters; at most ") || m.contains("Instagram")
        })
        .collect()
}

#[test]
fn every_field_at_its_copy_limit_passes_validation() {
    // Only validation is asserted here: that within the copy limits the campaign also lays out
    // on every format, paper size, orientation and design is the layout's promise, tested there.
    let yaml = copy(&[], 0, "instagram-square, x");
    assert_eq!(copy_limit_errors(&yaml), Vec::<serde_json::Value>::new());
}

#[test]
fn one_character_over_each_copy_limit_is_refused_naming_the_field() {
    let fields: Vec<&str> = COPY.iter().map(|c| c.0).collect();
    let yaml = copy(&fields, 0, "x");
    let o = rejected(|| Test::new().campaign(&yaml));
    for (path, line, max) in COPY {
        o.error_at(path, *line)
            .stderr_has(&format!(" is {} characters; at most {max} ", max + 1));
    }
    o.stderr_has("the headline is 101 characters; at most 100 fit every format")
        .stderr_has("the hashtag (with its `#`) is 33 characters")
        .stderr_has("shorten it by 1 character\n")
        .stderr_has(&format!("{} errors", COPY.len()));
    assert_eq!(
        copy_limit_errors(&yaml).len(),
        COPY.len(),
        "one error per field"
    );
}

#[test]
fn the_post_text_keeps_to_instagram_and_x_counts_its_own_way() {
    rejected(|| Test::new().campaign(&copy(&[], 1, "x")))
        .error_at("social.caption", 26)
        .stderr_has("the post text is 2201 characters")
        .stderr_has("Instagram takes at most 2200")
        .stderr_has("shorten it by 1 character");
    // Over 280 is a warning naming X, only when X is among the formats: 250 + "\n\n" + the
    // label (26) + ": " + the link (23 for X) + "\n\n" + the hashtag (19) = 324.
    let post = format!("{VALID}social:\n  caption: \"{}\"\n", words(250));
    Test::new()
        .campaign(&post.replace("social:", "social:\n  formats: [x]"))
        .args(&["check"])
        .run()
        .code(0)
        .stderr_has("warning: the post text is 324 characters as X counts them")
        .stderr_has("X takes at most 280")
        .stderr_has("campaign.yaml:12:12  (at `social.caption`)")
        .stderr_has("shorten the caption by 44 of X's characters");
    Test::new()
        .campaign(&post.replace("social:", "social:\n  formats: [facebook]"))
        .args(&["check"])
        .run()
        .code(0)
        .stderr_lacks("X takes");
}

#[test]
fn khmer_and_accented_text_is_counted_in_characters_not_bytes() {
    // 100 Khmer letters are 300 bytes; 100 e + U+0301 are 200 code points, 100 once composed.
    let khmer = |n: usize| "ក".repeat(n);
    let accented = |n: usize| "e\u{301}".repeat(n);
    for (text, lang) in [(khmer(100), "km"), (accented(100), "fr")] {
        let yaml = VALID.replace("Hope in Darkness", &text) + &format!("lang: {lang}\n");
        assert_eq!(copy_limit_errors(&yaml), Vec::<serde_json::Value>::new());
    }
    for (text, lang) in [(khmer(101), "km"), (accented(101), "fr")] {
        let yaml = VALID.replace("Hope in Darkness", &text) + &format!("lang: {lang}\n");
        rejected(|| Test::new().campaign(&yaml))
            .error_at("text.headline", 9)
            .stderr_has("the headline is 101 characters; at most 100");
    }
}

#[test]
fn the_schema_states_each_copy_limit() {
    let o = Test::new().args(&["schema"]).run();
    let schema: serde_json::Value = serde_json::from_str(&o.stdout).expect("schema is JSON");
    for (pointer, max) in [
        ("/properties/title", 60),
        ("/properties/subtitle", 100),
        ("/properties/hashtag", 32),
        ("/properties/text/properties/headline", 100),
        ("/properties/text/properties/body", 400),
        ("/properties/text/properties/call-to-action", 60),
        ("/$defs/GroupSpec/properties/name", 80),
        ("/$defs/GroupSpec/properties/when", 80),
        ("/$defs/GroupSpec/properties/where", 80),
        ("/$defs/GroupSpec/properties/contact", 80),
        ("/$defs/LinkSpec/properties/label", 60),
        ("/$defs/SocialSpec/properties/alt", 250),
        ("/$defs/SocialSpec/properties/caption", 2200),
    ] {
        let field = &schema.pointer(pointer).expect(pointer);
        assert_eq!(field["maxLength"], max, "{pointer}");
        let about = field["description"].as_str().unwrap_or_default();
        assert!(
            about.contains(&format!("At most {max} characters")),
            "{pointer}: {about}"
        );
    }
}

/// A design with the text slots the bundled designs put on social images (title, headline,
/// body, call to action, hashtag), in boxes with room for every field at its limit.
const ROOMY: &str = r##"name: roomy
palette: {ground: "#FFFFFF", ink: "#111111"}
families:
  square: &all
    background: ground
    boxes:
      - {slot: title, x: 0, y: 0, w: 1, h: 0.06, size: [0.005, 0.02], color: ink}
      - {slot: headline, x: 0, y: 0.07, w: 1, h: 0.24, size: [0.005, 0.03], color: ink}
      - {slot: body, x: 0, y: 0.32, w: 1, h: 0.27, size: [0.005, 0.02], color: ink}
      - {slot: qr, x: 0.6, y: 0.6, w: 0.4, h: 0.4}
      - {slot: call-to-action, x: 0, y: 0.6, w: 0.55, h: 0.15, size: [0.005, 0.02], color: ink}
      - {slot: hashtag, x: 0, y: 0.8, w: 0.55, h: 0.15, size: [0.005, 0.02], color: ink}
  portrait: *all
  story: *all
  landscape: *all
  poster: *all
"##;

#[test]
fn alt_text_at_the_copy_limits_stays_within_1000_characters_uncut() {
    let yaml = copy(&[], 0, "instagram-square").replace("lang: en", "design: ./roomy");
    let o = Test::new()
        .campaign(&yaml)
        .file("roomy/design.yaml", ROOMY.as_bytes())
        .args(&["build", "--only", "social"])
        .run();
    o.code(0);
    let alt = std::fs::read_to_string(o.dir.join("out/social/limits-instagram-square.alt.txt"))
        .expect("alt text written");
    let n = alt.trim_end().chars().count();
    assert!(n <= 1000, "{n} characters: {alt}");
    // The user's sentence and every word on the image are there in full.
    let field = |path: &str| copy_text(path, COPY.iter().find(|c| c.0 == path).unwrap().2);
    assert!(alt.starts_with(&field("social.alt")), "{alt}");
    for path in [
        "title",
        "text.headline",
        "text.body",
        "text.call-to-action",
        "hashtag",
    ] {
        assert!(alt.contains(&field(path)), "{path} is cut: {alt}");
    }
}
