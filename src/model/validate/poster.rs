//! The poster: paper size and orientation, finish, scan distance and the study groups.

use super::*;

impl Cx<'_> {
    pub(super) fn length(
        &mut self,
        path: &str,
        text: &str,
        min_pt: f64,
        max_pt: f64,
        range_help: &str,
    ) -> Option<f64> {
        match units::parse_length(text) {
            Ok(pt) if pt >= min_pt && pt <= max_pt => Some(pt),
            Ok(_) => {
                self.error_value(
                    path,
                    text,
                    format!("`{}` is out of range", crate::suggest::short(text)),
                    range_help.to_string(),
                );
                None
            }
            Err(m) => {
                self.error_value(path, text, m, units::LENGTH_HELP);
                None
            }
        }
    }

    pub(super) fn poster(&mut self, spec: &CampaignSpec) -> Option<Poster> {
        let empty = s::PosterSpec::default();
        let p = spec.poster.as_ref().unwrap_or(&empty);
        let landscape = p.orientation == Some(s::Orientation::Landscape);
        let paper = match &p.size {
            None => paper_named("letter", landscape),
            Some(s::SizeSpec::Named(name)) => {
                let name = name.trim();
                match paper::named(name) {
                    Some((w, h))
                        if !paper::NAMES.contains(&name.to_ascii_lowercase().as_str())
                            && [w, h].iter().any(|s| {
                                !(paper::MIN_SIDE_PT..=paper::MAX_SIDE_PT).contains(s)
                            }) =>
                    {
                        self.error_value(
                            "poster.size",
                            name,
                            format!("`{name}` is outside the sizes handbill prints"),
                            "each side must be between 3in and 200in",
                        );
                        None
                    }
                    Some(_) => paper_named(name, landscape),
                    None if paper::without_unit(name).is_some() => {
                        let meant = paper::without_unit(name).unwrap_or_default();
                        self.error_value(
                            "poster.size",
                            name,
                            format!("`{name}` has no unit"),
                            format!("did you mean {meant}? Write the unit: `in`, `mm` or `cm`"),
                        );
                        None
                    }
                    None => {
                        self.error_value(
                            "poster.size",
                            name,
                            format!(
                                "`{}` is not a paper size handbill knows",
                                crate::suggest::short(name)
                            ),
                            format!(
                                "{}; or write its size, e.g. `11x17in`, `210x297mm`",
                                suggest::choice_help(name, paper::NAMES)
                            ),
                        );
                        None
                    }
                }
            }
            Some(s::SizeSpec::Custom(entries)) => self.custom_paper(entries, landscape),
        };
        let finish = p.finish.unwrap_or(Finish::Office);
        let scan_distance = match &p.scan_distance {
            None => Some(default_scan_distance(paper.as_ref())),
            Some(t) => self.length(
                "poster.scan-distance",
                t,
                units::PT_PER_MM * 100.0,
                units::PT_PER_MM * 20_000.0,
                "give a distance between 10cm and 20m, e.g. `2m` for a notice board across a hall",
            ),
        };
        let pages = p.pages.unwrap_or(Pages::Separate);
        let groups = self.groups(p);
        Some(Poster {
            paper: paper?,
            finish,
            scan_distance: scan_distance?,
            scan_distance_given: p.scan_distance.is_some(),
            pages,
            groups,
        })
    }

    pub(super) fn custom_paper(
        &mut self,
        entries: &[(String, String)],
        landscape: bool,
    ) -> Option<Paper> {
        let (mut w, mut h) = (None, None);
        let range = "each side must be between 3in and 200in";
        let (min, max) = (paper::MIN_SIDE_PT, paper::MAX_SIDE_PT);
        for (k, v) in entries {
            let path = crate::raw::yaml::join_key("poster.size", k);
            match k.as_str() {
                "width" => w = self.length(&path, v, min, max, range),
                "height" => h = self.length(&path, v, min, max, range),
                other => self.error_key(
                    &path,
                    format!("unknown key `{other}`"),
                    suggest::key_help(other, &["width", "height"]),
                ),
            }
        }
        for (key, v) in [("width", w), ("height", h)] {
            if v.is_none() && !entries.iter().any(|(k, _)| k == key) {
                self.missing("poster.size", key, "11in");
            }
        }
        let (w, h) = (w?, h?);
        let (w, h) = if landscape {
            (w.max(h), w.min(h))
        } else {
            (w, h)
        };
        Some(Paper {
            name: "custom".into(),
            width: w,
            height: h,
        })
    }

    pub(super) fn groups(&mut self, p: &s::PosterSpec) -> Vec<Group> {
        let Some(groups) = &p.groups else {
            return Vec::new();
        };
        if groups.len() > MAX_GROUPS {
            self.error(
                "poster.groups",
                format!(
                    "{} groups; one campaign file may list at most {MAX_GROUPS}",
                    groups.len()
                ),
                "split the groups across several campaign files",
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut used = HashSet::new();
        // Next suffix to try per slug, and the first group with each name: linear in groups.
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut first_named: HashMap<String, usize> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            let path = format!("poster.groups[{i}]");
            let name = self.required_text(&path, "name", &g.name, "Tuesday Night Study");
            let when = self.text(&format!("{path}.when"), &g.when, false);
            let place = self.text(&format!("{path}.where"), &g.place, false);
            let contact = self.text(&format!("{path}.contact"), &g.contact, false);
            let Some(name) = name else { continue };
            if let Some(first) = first_named.get(&name.to_lowercase()).copied().or_else(|| {
                first_named.insert(name.to_lowercase(), i);
                None
            }) {
                self.warn(&format!("{path}.name"), format!("two groups are named `{}` (the first is `poster.groups[{first}]`)", crate::suggest::short(&name)), "if they are different groups, give them different names; each gets its own poster either way");
            }
            let base = match slug(&name) {
                s if s.is_empty() => format!("group-{}", i + 1),
                s => s
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string(),
            };
            let mut slug = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while !used.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                *n += 1;
            }
            out.push(Group {
                name,
                when,
                place,
                contact,
                slug,
                yaml_path: path,
            });
        }
        out
    }
}

fn paper_named(name: &str, landscape: bool) -> Option<Paper> {
    let (w, h) = paper::named(name)?;
    let (w, h) = if landscape { (h, w) } else { (w, h) };
    Some(Paper {
        // `8.5 x 11 in` is named `8.5x11in` in file names.
        name: name
            .to_ascii_lowercase()
            .replace('×', "x")
            .split_whitespace()
            .collect(),
        width: w,
        height: h,
    })
}

/// How far people scan from when the file does not say: 0.5 m, a step back from a notice board;
/// on paper whose shorter side is under 20 cm (A5, a postcard: a sheet held in the hand) twice
/// that side (A5: 30 cm, so its code may be 3.0 cm wide).
pub(crate) fn default_scan_distance(paper: Option<&Paper>) -> f64 {
    let board = units::PT_PER_MM * 500.0;
    match paper {
        Some(p) if p.width.min(p.height) < units::PT_PER_MM * 200.0 => {
            (2.0 * p.width.min(p.height)).min(board)
        }
        _ => board,
    }
}
