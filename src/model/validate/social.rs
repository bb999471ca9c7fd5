//! Social images: formats, picture format, caption, alt text and the file-size budget.

use super::*;

impl Cx<'_> {
    pub(super) fn social(
        &mut self,
        spec: &CampaignSpec,
        title: Option<&str>,
        text: &Option<Text>,
    ) -> Option<Social> {
        let empty = s::SocialSpec::default();
        let sp = spec.social.as_ref().unwrap_or(&empty);
        let formats = match &sp.formats {
            None => crate::model::social::ALL.to_vec(),
            Some(list) => {
                let mut seen = Vec::new();
                for (i, f) in list.iter().enumerate() {
                    let f = crate::model::social::from_spec(*f);
                    if seen.contains(&f) {
                        self.warn(
                            &format!("social.formats[{i}]"),
                            format!("`{}` is listed twice", f.name),
                            "remove the repeat; each format is made once",
                        );
                    } else {
                        seen.push(f);
                    }
                }
                if list.is_empty() {
                    self.warn(
                        "social.formats",
                        "`social.formats` is empty, so no social images will be made",
                        "remove the line to make every format, or list the ones you want",
                    );
                }
                seen
            }
        };
        let image_format = sp.image_format.unwrap_or(ImageFormat::Png);
        let caption = self.text("social.caption", &sp.caption, true);
        let alt = self.text("social.alt", &sp.alt, false).or_else(|| {
            let headline = text.as_ref().map(|t| t.headline.as_str())?;
            Some(format!("{}: {headline}", title?))
        });
        let max_bytes = sp.max_bytes.unwrap_or(1_000_000);
        if !(10_000..=50_000_000).contains(&max_bytes) {
            self.error(
                "social.max-bytes",
                format!("{max_bytes} bytes is out of range"),
                "give a budget between 10000 and 50000000 bytes (1000000 suits every platform)",
            );
            return None;
        }
        Some(Social {
            formats,
            image_format,
            caption,
            alt: alt.unwrap_or_default(),
            max_bytes,
        })
    }
}
