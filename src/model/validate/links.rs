//! Links, their tracking and the QR code: checked URLs, UTM tagging, and a payload that fits.

use super::*;

impl Cx<'_> {
    pub(super) fn links(&mut self, spec: &CampaignSpec) -> BTreeMap<String, Link> {
        let mut out = BTreeMap::new();
        let Some(links) = &spec.links else {
            self.missing("", "links", "{chapter: {url: https://example.org/first-chapter, label: Download the first chapter}}");
            return out;
        };
        if links.is_empty() {
            self.error(
                "links",
                "`links` is empty",
                "add at least the link the QR code opens, e.g. `chapter: {url: https://…}`",
            );
        }
        for (name, l) in links {
            let path = crate::raw::yaml::join_key("links", name);
            let name_ok = !name.is_empty()
                && name.len() <= 40
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !name_ok {
                self.error_key(
                    &path,
                    format!("`{}` is not a valid link name", crate::suggest::short(name)),
                    format!(
                        "use lower-case letters, digits and `-` (it names the QR files), e.g. `{}`",
                        if slug(name).is_empty() {
                            "chapter".into()
                        } else {
                            slug(name)
                        }
                    ),
                );
            }
            let label = self.text(&format!("{path}.label"), &l.label, false);
            let Some(raw) = l.url.as_deref() else {
                self.missing(&path, "url", "https://example.org/first-chapter");
                continue;
            };
            match link::check_url(raw) {
                Ok((url, warning)) => {
                    if let Some(w) = warning {
                        let help = if w.contains("punycode") {
                            "check the address letter by letter; copy it from the site itself"
                        } else {
                            "use the https:// address if the site has one"
                        };
                        self.warn(&format!("{path}.url"), w, help);
                    }
                    if let Some(w) = link::space_warning(raw, &url) {
                        self.warn(
                            &format!("{path}.url"),
                            w,
                            "check the address: a space in a link is usually a slip; write `%20` where one is meant",
                        );
                    }
                    if name_ok {
                        out.insert(name.clone(), Link { url, label });
                    }
                }
                Err((m, h)) => self.error_value(&format!("{path}.url"), raw, m, h),
            }
        }
        out
    }

    pub(super) fn tracking(&mut self, spec: &CampaignSpec, id: Option<&str>) -> Option<Tracking> {
        let t = spec.tracking.as_ref()?;
        let source = self.text("tracking.source", &t.source, false);
        let campaign = self
            .text("tracking.campaign", &t.campaign, false)
            .or_else(|| id.map(str::to_string));
        if source.is_none() && !self.reported.contains("tracking.source") {
            self.missing("tracking", "source", "handbill");
        }
        Some(Tracking {
            source: source?,
            campaign: campaign?,
        })
    }

    pub(super) fn qr(&mut self, spec: &CampaignSpec, links: &BTreeMap<String, Link>) -> Option<Qr> {
        let q = spec.qr.as_ref();
        let names: Vec<&str> = spec
            .links
            .iter()
            .flat_map(|l| l.keys().map(String::as_str))
            .collect();
        let link = match q.and_then(|q| q.link.as_deref()).map(str::trim) {
            Some(l) => {
                if !names.contains(&l) {
                    self.error_value(
                        "qr.link",
                        l,
                        format!("there is no link named `{l}` in `links`"),
                        suggest::choice_help(l, &names),
                    );
                    return None;
                }
                l.to_string()
            }
            None if names.contains(&"chapter") => "chapter".into(),
            None if names.len() == 1 => names[0].to_string(),
            None => {
                if !names.is_empty() {
                    self.error(
                        "qr",
                        "which link should the QR code open?",
                        format!("add `qr: {{link: {}}}`", names[0]),
                    );
                }
                return None;
            }
        };
        let logo = q.and_then(|q| q.logo).unwrap_or(false);
        let ecc = match q.and_then(|q| q.error_correction) {
            None if logo => ErrorCorrection::High,
            None => ErrorCorrection::Medium,
            Some(ecc) => ecc,
        };
        if logo && ecc != ErrorCorrection::High {
            self.error(
                "qr.error-correction",
                format!("a logo covers part of the QR code, which only `high` error correction survives (this says `{}`)", ecc.name()),
                "set `error-correction: high`, or remove the line (a logo implies high), or set `logo: false`",
            );
            return None;
        }
        if !links.contains_key(&link) {
            return None;
        }
        Some(Qr {
            link,
            error_correction: ecc,
            logo,
        })
    }

    pub(super) fn qr_capacity(&mut self, c: &Campaign) {
        for channel in c.channels() {
            let url = c.qr_url(channel);
            let n = url.as_str().len();
            let max = c.qr.error_correction.max_bytes();
            if n > max {
                let path = format!("links.{}.url", c.qr.link);
                self.error(
                    &path,
                    format!("the {channel} link is {n} bytes long; a QR code at `{}` error correction holds at most {max}", c.qr.error_correction.name()),
                    "use a shorter address (a redirect or short link), or lower `qr.error-correction`",
                );
                return;
            }
        }
    }
}
