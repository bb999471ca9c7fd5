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
