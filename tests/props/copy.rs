//! Campaign copy at the documented limits, cut from real prose in `tests/fixtures/copy/` (one
//! file per language, sources in its README), plus hostile-but-real English cases and the
//! shortest campaign there is.

use std::fmt::Write as _;

/// The documented copy limits, in characters (Unicode scalar values of the composed text).
pub const TITLE: usize = 60;
pub const HEADLINE: usize = 100;
pub const SUBTITLE: usize = 100;
pub const BODY: usize = 400;
pub const CALL_TO_ACTION: usize = 60;
/// With the `#`.
pub const HASHTAG: usize = 32;
pub const GROUP_FIELD: usize = 80;
pub const LINK_LABEL: usize = 60;

/// The corpus: (language tag, file in `tests/fixtures/copy/`, whether the script puts spaces
/// between words).
pub const LANGUAGES: &[(&str, &str, bool)] = &[
    ("en", "en.txt", true),
    ("es", "es.txt", true),
    ("fr", "fr.txt", true),
    ("de", "de.txt", true),
    ("pt", "pt.txt", true),
    ("vi", "vi.txt", true),
    ("ru", "ru.txt", true),
    ("el", "el.txt", true),
    ("km", "km.txt", false),
    ("sw", "sw.txt", true),
    ("id", "id.txt", true),
    ("th", "th.txt", false),
    ("my", "my.txt", false),
    ("hi", "hi.txt", true),
    ("am", "am.txt", false),
    ("ar", "ar.txt", true),
    ("he", "he.txt", true),
];

#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub when: String,
    pub place: String,
    pub contact: String,
}

/// The words of one campaign.
#[derive(Debug, Clone)]
pub struct Copy {
    /// What the campaign is, in the failure table: `de`, `en-caps`, `shortest`.
    pub name: String,
    pub lang: &'static str,
    pub title: String,
    pub subtitle: Option<String>,
    pub headline: String,
    pub body: Option<String>,
    pub call_to_action: Option<String>,
    pub hashtag: String,
    /// The QR link's label (the call to action's default, and on the review page).
    pub chapter_label: String,
    /// The order link's label, printed on posters; no order link when `None`.
    pub order_label: Option<String>,
    /// Up to three study groups; a campaign uses the first 0, 1 or 3.
    pub groups: Vec<Group>,
    /// Fields under their limit on purpose (a one-word headline; the shortest campaign).
    pub short: &'static [&'static str],
}

fn corpus_text(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/copy")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// A cluster may not be cut: no mark (a vowel sign, an accent) may start a piece, and a Khmer
/// coeng (which joins the next consonant below) may not end one.
fn cuttable(chars: &[char], at: usize) -> bool {
    let mark = |c: char| unicode_normalization::char::is_combining_mark(c);
    let next_ok = chars.get(at).is_none_or(|c| !mark(*c));
    let prev_ok = at == 0 || chars[at - 1] != '\u{17D2}';
    next_ok && prev_ok
}

/// Cuts fields from one text in reading order; each field starts where the last one ended.
struct Cutter {
    words: Vec<String>,
    chars: Vec<char>,
    spaced: bool,
    /// Word index (spaced scripts) or character index (the others) to search from next.
    at: usize,
}

impl Cutter {
    fn new(text: &str, spaced: bool) -> Self {
        Cutter {
            words: text.split_whitespace().map(str::to_string).collect(),
            chars: text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .collect(),
            spaced,
            at: 0,
        }
    }

    /// The first run of whole words (or of characters, where words have no spaces) from the
    /// cursor on that is exactly `limit` characters long, as `join` puts them together. The
    /// text wraps around; a corpus file too short for that is a bug in the fixture.
    fn cut_with(&mut self, limit: usize, join: &dyn Fn(&[String]) -> String) -> String {
        if !self.spaced {
            return self.cut_chars(limit, |c| c.to_string());
        }
        let n = self.words.len();
        for start in (0..n).map(|i| (self.at + i) % n) {
            for end in start + 1..=start + n {
                let piece: Vec<String> = (start..end).map(|i| self.words[i % n].clone()).collect();
                let s = join(&piece);
                match len(&s) {
                    l if l == limit => {
                        self.at = end % n;
                        return s;
                    }
                    l if l > limit => break,
                    _ => {}
                }
            }
        }
        panic!("no run of words is exactly {limit} characters long")
    }

    /// Exactly `limit` characters from the cursor on, starting and ending at a cluster
    /// boundary and never at a space, starting after a space where one can; `keep` maps each
    /// character to what is kept of it.
    fn cut_chars(&mut self, limit: usize, keep: impl Fn(char) -> String) -> String {
        let n = self.chars.len();
        let after_space = |i: usize| i == 0 || self.chars[i - 1].is_whitespace();
        let starts = (0..n).map(|i| (self.at + i) % n);
        let starts: Vec<usize> = starts
            .clone()
            .filter(|i| after_space(*i))
            .chain(starts)
            .collect();
        for start in starts {
            if self.chars[start].is_whitespace() || !cuttable(&self.chars, start) {
                continue;
            }
            let mut s = String::new();
            let mut count = 0;
            let mut i = start;
            while count < limit && i < n {
                let k = keep(self.chars[i]);
                count += len(&k);
                s.push_str(&k);
                i += 1;
            }
            let last_space = s.ends_with(char::is_whitespace);
            if count == limit && !last_space && cuttable(&self.chars, i) && !s.contains("  ") {
                self.at = i % n;
                return s;
            }
        }
        panic!("no run of characters is exactly {limit} characters long")
    }

    fn cut(&mut self, limit: usize) -> String {
        self.cut_with(limit, &|w: &[String]| w.join(" "))
    }

    /// A hashtag of exactly `limit` characters with its `#`: words run together, each
    /// capitalised where the script has capitals; what a hashtag may not hold is left out.
    fn hashtag(&mut self, limit: usize) -> String {
        let tag_char =
            |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        if !self.spaced {
            let body = self.cut_chars(limit - 1, |c| {
                if tag_char(c) {
                    c.to_string()
                } else {
                    String::new()
                }
            });
            return format!("#{body}");
        }
        let camel = |w: &[String]| {
            let mut s = String::from("#");
            for word in w {
                let word: String = word.chars().filter(|c| tag_char(*c)).collect();
                let mut cs = word.chars();
                if let Some(first) = cs.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(cs.as_str());
                }
            }
            s
        };
        self.cut_with(limit, &camel)
    }
}

/// One campaign per language, every field at exactly its limit.
fn at_limits(lang: &'static str, file: &str, spaced: bool) -> Copy {
    let mut c = Cutter::new(&corpus_text(file), spaced);
    let title = c.cut(TITLE);
    let subtitle = c.cut(SUBTITLE);
    let headline = c.cut(HEADLINE);
    let body = c.cut(BODY);
    let call_to_action = c.cut(CALL_TO_ACTION);
    let chapter_label = c.cut(LINK_LABEL);
    let order_label = c.cut(LINK_LABEL);
    let hashtag = c.hashtag(HASHTAG);
    let groups = (0..3)
        .map(|_| Group {
            name: c.cut(GROUP_FIELD),
            when: c.cut(GROUP_FIELD),
            place: c.cut(GROUP_FIELD),
            contact: c.cut(GROUP_FIELD),
        })
        .collect();
    Copy {
        name: lang.to_string(),
        lang,
        title,
        subtitle: Some(subtitle),
        headline,
        body: Some(body),
        call_to_action: Some(call_to_action),
        hashtag,
        chapter_label,
        order_label: Some(order_label),
        groups,
        short: &[],
    }
}

/// `c` in capitals, named `name` (capitals may be longer: `ß` is `SS`).
pub fn in_capitals(c: &Copy, name: &str) -> Copy {
    let caps = |s: &str| s.to_uppercase();
    Copy {
        name: name.into(),
        title: caps(&c.title),
        subtitle: c.subtitle.as_deref().map(caps),
        headline: caps(&c.headline),
        body: c.body.as_deref().map(caps),
        call_to_action: c.call_to_action.as_deref().map(caps),
        hashtag: caps(&c.hashtag),
        chapter_label: caps(&c.chapter_label),
        order_label: c.order_label.as_deref().map(caps),
        groups: c
            .groups
            .iter()
            .map(|g| Group {
                name: caps(&g.name),
                when: caps(&g.when),
                place: caps(&g.place),
                contact: caps(&g.contact),
            })
            .collect(),
        ..c.clone()
    }
}

/// Real copy that is hard to set: contact details that are one long word, capitals, a
/// headline that is one word, a body full of numbers and addresses.
fn hostile(english: &Copy) -> Vec<Copy> {
    let contact = Group {
        name: "Harvest Table Volunteers — Thursday Evening Study and Supper Group, Northside 12"
            .into(),
        when: "Thursdays 6:30–8:00 pm, from 4 September to 18 December (no meeting on 27 Nov.)."
            .into(),
        place: "Fellowship Hall, St. Bartholomew's Church, 1234 North Longfellow Avenue, Rm 12-B"
            .into(),
        contact: "margaret.worthington-smythe.outreach-team@volunteers.example-organization.org.uk"
            .into(),
    };
    let mut contact_groups = vec![contact.clone(); 3];
    contact_groups[1].contact =
        "coordinator.harvest-table.northside-volunteer@subdomain.example-organization.org".into();
    contact_groups[2].contact =
        "+1 (555) 014-2398 ext. 441 · text or call: firstname.lastname@example-org.org.uk".into();
    let upper = in_capitals(english, "en-caps");
    vec![
        Copy {
            name: "en-contact".into(),
            groups: contact_groups,
            ..english.clone()
        },
        upper,
        Copy {
            name: "en-long-word".into(),
            headline: "HarvestTableVolunteersTogetherForJustice".into(),
            hashtag: "#HarvestTablesVolunteersTogether".into(),
            short: &["text.headline"],
            ..english.clone()
        },
        // The widest letters there are: every field at its limit in words of capital Ws.
        Copy {
            name: "en-widest".into(),
            title: widest(TITLE),
            subtitle: Some(widest(SUBTITLE)),
            headline: widest(HEADLINE),
            body: Some(widest(BODY)),
            call_to_action: Some(widest(CALL_TO_ACTION)),
            hashtag: format!("#{}", "W".repeat(HASHTAG - 1)),
            chapter_label: widest(LINK_LABEL),
            order_label: Some(widest(LINK_LABEL)),
            groups: vec![
                Group {
                    name: widest(GROUP_FIELD),
                    when: widest(GROUP_FIELD),
                    place: widest(GROUP_FIELD),
                    contact: widest(GROUP_FIELD),
                };
                3
            ],
            ..english.clone()
        },
        Copy {
            name: "en-numbers".into(),
            headline: "Join 1,250 neighbours on 12/09/2025: 3,400 meals, 48 towns, 1 table — see example.org/join-us-2025-6".into(),
            body: Some(
                "In 2024, 1,250 volunteers served 3,400 meals in 48 towns (up 27.5 % on 2023). \
                 Sign up at https://example.org/harvest-table/volunteer?ref=poster&lang=en or \
                 call +1 (555) 014-2398 between 09:00 and 17:30. Donations: IBAN \
                 GB82 WEST 1234 5698 7654 32, ref. HT-2025-0042. Next dates: 04.09.2025, \
                 18.09.2025, 02.10.2025 and 16.10.2025. Read chapter 1 at \
                 https://example.org/god-of-justice/first-chapter#p1."
                    .into(),
            ),
            call_to_action: Some("Scan to read chapter 1 (PDF, 2.4 MB) at example.org/ch1?p=12".into()),
            ..english.clone()
        },
    ]
}

/// `n` characters of seven-letter words of capital Ws (the widest Latin letter), ending in a
/// letter.
fn widest(n: usize) -> String {
    let mut s: String = (0..n).map(|i| if i % 8 == 7 { ' ' } else { 'W' }).collect();
    if s.ends_with(' ') {
        s.pop();
        s.push('W');
    }
    s
}

/// Every campaign the harness builds: each language at its limits, the hostile English ones,
/// and the shortest campaign.
pub fn campaigns() -> Vec<Copy> {
    let mut out: Vec<Copy> = LANGUAGES
        .iter()
        .map(|(lang, file, spaced)| at_limits(lang, file, *spaced))
        .collect();
    let english = out[0].clone();
    out.extend(hostile(&english));
    out.push(Copy {
        name: "shortest".into(),
        lang: "en",
        title: "Harvest".into(),
        subtitle: None,
        headline: "Welcome".into(),
        body: None,
        call_to_action: None,
        hashtag: "#harvest".into(),
        chapter_label: "Read".into(),
        order_label: None,
        groups: Vec::new(),
        short: &["*"],
    });
    out
}

/// Fields that are not exactly at their limit (and not short on purpose), as (campaign,
/// field, length, limit).
pub fn off_limits(copies: &[Copy]) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    for c in copies.iter().filter(|c| c.short != ["*"]) {
        let mut field = |name: &str, v: Option<&str>, limit: usize| {
            let n = v.map_or(0, len);
            if n != limit && !c.short.contains(&name) {
                out.push((c.name.clone(), name.to_string(), n, limit));
            }
        };
        field("title", Some(&c.title), TITLE);
        field("subtitle", c.subtitle.as_deref(), SUBTITLE);
        field("text.headline", Some(&c.headline), HEADLINE);
        field("text.body", c.body.as_deref(), BODY);
        field(
            "text.call-to-action",
            c.call_to_action.as_deref(),
            CALL_TO_ACTION,
        );
        field("hashtag", Some(&c.hashtag), HASHTAG);
        field("links.chapter.label", Some(&c.chapter_label), LINK_LABEL);
        field("links.order.label", c.order_label.as_deref(), LINK_LABEL);
        for (i, g) in c.groups.iter().enumerate() {
            for (key, v) in [
                ("name", &g.name),
                ("when", &g.when),
                ("where", &g.place),
                ("contact", &g.contact),
            ] {
                field(&format!("poster.groups[{i}].{key}"), Some(v), GROUP_FIELD);
            }
        }
    }
    out
}

/// Where a poster is printed: a paper size as the campaign file writes it, its orientation,
/// and its finish.
#[derive(Debug, Clone, Copy)]
pub struct Paper {
    pub size: &'static str,
    pub landscape: bool,
    pub print_shop: bool,
}

impl Paper {
    /// The name in the failure table: `a4 landscape`, `{width: 30cm, height: 30cm} portrait`.
    pub fn label(&self) -> String {
        format!(
            "{} {}",
            self.size,
            if self.landscape {
                "landscape"
            } else {
                "portrait"
            }
        )
    }
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The campaign file for `copy` with `design`, its first `groups` study groups, on `paper`.
pub fn yaml(copy: &Copy, design: &str, paper: Paper, groups: usize) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "campaign: long-copy-{}", copy.name);
    let _ = writeln!(y, "title: {}", q(&copy.title));
    if let Some(s) = &copy.subtitle {
        let _ = writeln!(y, "subtitle: {}", q(s));
    }
    let _ = writeln!(y, "hashtag: {}", q(&copy.hashtag));
    let _ = writeln!(y, "lang: {}", copy.lang);
    let _ = writeln!(y, "design: {design}");
    y += "links:\n  chapter:\n    url: https://example.org/god-of-justice/first-chapter\n";
    let _ = writeln!(y, "    label: {}", q(&copy.chapter_label));
    if let Some(l) = &copy.order_label {
        y += "  order:\n    url: https://example.org/god-of-justice/order\n";
        let _ = writeln!(y, "    label: {}", q(l));
    }
    y += "tracking:\n  source: handbill\n  campaign: god-of-justice\n";
    let _ = writeln!(y, "text:\n  headline: {}", q(&copy.headline));
    if let Some(b) = &copy.body {
        let _ = writeln!(y, "  body: {}", q(b));
    }
    if let Some(c) = &copy.call_to_action {
        let _ = writeln!(y, "  call-to-action: {}", q(c));
    }
    let _ = writeln!(y, "poster:\n  size: {}", paper.size);
    let orientation = if paper.landscape {
        "landscape"
    } else {
        "portrait"
    };
    let _ = writeln!(y, "  orientation: {orientation}");
    let finish = if paper.print_shop {
        "print-shop"
    } else {
        "office"
    };
    let _ = writeln!(y, "  finish: {finish}");
    if groups > 0 && !copy.groups.is_empty() {
        y += "  groups:\n";
        for g in copy.groups.iter().take(groups) {
            let _ = writeln!(y, "    - name: {}", q(&g.name));
            let _ = writeln!(y, "      when: {}", q(&g.when));
            let _ = writeln!(y, "      where: {}", q(&g.place));
            let _ = writeln!(y, "      contact: {}", q(&g.contact));
        }
    }
    y
}
