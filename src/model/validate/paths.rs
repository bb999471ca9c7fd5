//! Files the campaign names: pictures (found, confined, read once per session) and the output
//! folder.

use super::*;

impl Cx<'_> {
    pub(super) fn images(
        &mut self,
        spec: &CampaignSpec,
        dir: &Path,
    ) -> (Option<ImageFile>, Option<ImageFile>) {
        let Some(images) = &spec.images else {
            return (None, None);
        };
        let load = |cx: &mut Self, key: &str, v: &Option<String>| {
            let written = v.as_deref()?;
            let path = format!("images.{key}");
            match self.pictures.load(dir, written, "image") {
                Ok(img) => Some(img),
                Err((m, h)) => {
                    cx.error_value(&path, written, m, h);
                    None
                }
            }
        };
        let hero = load(self, "hero", &images.hero);
        let logo = load(self, "logo", &images.logo);
        (hero, logo)
    }

    /// `images.hero-focus`: two fractions, each 0–1. Without a hero it does nothing (a warning).
    pub(super) fn hero_focus(&mut self, spec: &CampaignSpec) -> Option<Focus> {
        const PATH: &str = "images.hero-focus";
        const HELP: &str = "write [x, y] with fractions from 0 to 1, e.g. [0.5, 0.35]: x from the left edge of the picture, y from the top";
        let images = spec.images.as_ref()?;
        let written = images.hero_focus.as_ref()?;
        let value = shown(written);
        let problem = match written {
            s::FocusSpec::One(s::FocusItem::Number(_)) => Some((
                format!("`{PATH}` is one number, `{value}`; it takes two, [x, y]"),
                None,
            )),
            s::FocusSpec::One(item) => Some((
                format!("`{PATH}` is {}, not a list of two numbers", described(item)),
                None,
            )),
            s::FocusSpec::List(items) if items.len() != 2 => {
                let count = match items.len() {
                    0 => "an empty list".to_string(),
                    1 => "one value".to_string(),
                    n => format!("{n} values"),
                };
                Some((
                    format!("`{PATH}` is `{value}`, {count}; it takes two, [x, y]"),
                    None,
                ))
            }
            s::FocusSpec::List(items) => {
                items
                    .iter()
                    .zip(["x", "y"])
                    .enumerate()
                    .find_map(|(i, (item, axis))| {
                        let wrong = match item {
                            s::FocusItem::Number(n) if (0.0..=1.0).contains(n) => return None,
                            s::FocusItem::Number(n) => format!(
                                "the {axis} value `{}` is not a fraction from 0 to 1",
                                number(*n)
                            ),
                            other => {
                                format!("the {axis} value is {}, not a number", described(other))
                            }
                        };
                        Some((format!("`{PATH}` is `{value}`: {wrong}"), Some(i)))
                    })
            }
        };
        if let Some((message, item)) = problem {
            let span = match item {
                Some(i) => self.doc.span_of(&format!("{PATH}[{i}]")),
                None => self.doc.span_of(PATH),
            };
            let d = Diagnostic::error(self.display, message)
                .with_path(PATH)
                .with_value(value)
                .with_help(HELP);
            self.push(d, span);
            return None;
        }
        if images.hero.is_none() {
            self.warn(
                PATH,
                format!("`{PATH}` does nothing without `images.hero`"),
                "add the photo it is about (`hero: images/photo.jpg` under `images`), or remove `hero-focus`",
            );
        }
        match written {
            s::FocusSpec::List(items) => match items.as_slice() {
                [s::FocusItem::Number(x), s::FocusItem::Number(y)] => Some(Focus {
                    x: *x as f32,
                    y: *y as f32,
                }),
                _ => None,
            },
            s::FocusSpec::One(_) => None,
        }
    }

    pub(super) fn output(&mut self, spec: &CampaignSpec, dir: &Path) -> Option<PathBuf> {
        // The default `out` is checked like a written one.
        let out = spec.output.as_deref().map_or("out", str::trim);
        let p = Path::new(out);
        if out.is_empty() {
            self.error(
                "output",
                "`output` is empty",
                "remove the line (the default is `out`) or name a folder",
            );
            return None;
        }
        if p.is_absolute() || p.components().any(|c| matches!(c, Component::ParentDir)) {
            self.error_value("output", out, format!("`{out}` is outside the campaign's folder"), "write a folder inside it (e.g. `out`); to write elsewhere, pass `--out DIR` on the command line");
            return None;
        }
        // Every part of the path that exists must be a real folder inside the campaign's
        // folder: a symbolic link there would send the kit elsewhere.
        let mut cur = dir.to_path_buf();
        for part in p.components() {
            cur.push(part);
            match std::fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => {
                    self.error_value("output", out, format!("`{}` is a symbolic link; handbill writes only into real folders inside the campaign's folder", cur.display()), "remove the link, or pass `--out DIR` on the command line to write elsewhere");
                    return None;
                }
                Ok(m) if !m.is_dir() => {
                    self.error_value(
                        "output",
                        out,
                        format!("`{}` is a file, not a folder", cur.display()),
                        "name a folder (it is created if missing)",
                    );
                    return None;
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Some(dir.join(p))
    }
}

/// A number as people write it: `0.35`, `2`, `NaN`, `1e300`.
fn number(n: f64) -> String {
    if n.is_finite() && n != 0.0 && !(1e-6..1e6).contains(&n.abs()) {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

/// A value of `images.hero-focus` in a sentence: "`top`", "a mapping".
fn described(item: &s::FocusItem) -> String {
    match item {
        s::FocusItem::Number(n) => format!("`{}`", number(*n)),
        s::FocusItem::Text(t) => format!("`{}`", crate::suggest::short(t)),
        s::FocusItem::Other(what) => (*what).to_string(),
    }
}

/// `images.hero-focus` as a value to show: `[0.5, 1.5]`, `center`.
fn shown(spec: &s::FocusSpec) -> String {
    let one = |item: &s::FocusItem| match item {
        s::FocusItem::Number(n) => number(*n),
        s::FocusItem::Text(t) => crate::suggest::short(t),
        s::FocusItem::Other("a list") => "[…]".into(),
        s::FocusItem::Other("a mapping") => "{…}".into(),
        s::FocusItem::Other(_) => "null".into(),
    };
    match spec {
        s::FocusSpec::One(item) => one(item),
        s::FocusSpec::List(items) => {
            let mut parts: Vec<String> = items.iter().take(4).map(one).collect();
            if items.len() > 4 {
                parts.push("…".into());
            }
            format!("[{}]", parts.join(", "))
        }
    }
}
