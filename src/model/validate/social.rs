//! Social images: formats, picture format, caption, alt text and the file-size budget; the
//! post text within Instagram's limit (and X's, as a warning).

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

/// Most characters in an Instagram caption, which is where the post text goes.
pub(crate) const INSTAGRAM_POST_MAX: usize = 2_200;
/// Most characters in a post on X, counted X's way ([`x_length`]).
pub(crate) const X_POST_MAX: usize = 280;
/// What X counts any link as (every link is wrapped in a 23-character t.co link).
const X_LINK: usize = 23;

impl Cx<'_> {
    /// The post text, as written to `caption.txt` (the caption, then the link and hashtag
    /// handbill appends), within Instagram's limit; over X's a warning when X is a format.
    pub(super) fn post_text(&mut self, c: &Campaign) {
        let post = c.post_text();
        let post = post.trim_end();
        let n = post.chars().count();
        let caption = c.social.caption.as_deref().map(str::trim);
        let caption_n = caption.map_or(0, |t| t.chars().count());
        if n > INSTAGRAM_POST_MAX {
            let over = n - INSTAGRAM_POST_MAX;
            if caption_n >= over {
                self.error(
                    CAPTION,
                    format!(
                        "the post text is {n} characters: the caption's {caption_n} and the {} of the link and hashtag handbill appends; Instagram takes at most {INSTAGRAM_POST_MAX}",
                        n - caption_n
                    ),
                    format!("{} (the caption file goes to Instagram as it is)", shorten_by(over)),
                );
            } else {
                let path = format!("links.{}.url", c.qr.link);
                self.error(
                    &path,
                    format!(
                        "the post text is {n} characters, {} of them this link as the post carries it; Instagram takes at most {INSTAGRAM_POST_MAX}",
                        c.qr_url(Channel::Social).as_str().chars().count()
                    ),
                    "use a shorter address (a redirect or short link)",
                );
            }
            return;
        }
        let x = c.social.formats.iter().any(|f| f.channel == Channel::X);
        let weighted = x_length(post);
        if x && caption.is_some() && weighted > X_POST_MAX {
            let over = weighted - X_POST_MAX;
            self.warn(
                CAPTION,
                format!(
                    "the post text is {weighted} characters as X counts them (a link counts {X_LINK}; CJK characters, emoji and most scripts other than Latin count 2); X takes at most {X_POST_MAX}"
                ),
                format!(
                    "to post it on X as it is, shorten the caption by {over} of X's characters; or write a shorter post for X"
                ),
            );
        }
    }
}

/// The length of a post as X counts it: each link (a word starting `http://` or `https://`) is
/// 23; a character in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F or U+2032–U+2037 is 1, any
/// other 2; an emoji with its modifiers, variation selectors and joined emoji is 2 in all.
/// Links written without a scheme are counted as text, so this may count them over.
pub(crate) fn x_length(text: &str) -> usize {
    let mut n = 0;
    let mut word = String::new();
    let flush = |word: &mut String, n: &mut usize| {
        let lower = word.to_ascii_lowercase();
        *n += if lower.starts_with("https://") || lower.starts_with("http://") {
            X_LINK
        } else {
            x_weight(word)
        };
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut n);
            n += x_weight(c.encode_utf8(&mut [0; 4]));
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut n);
    n
}

fn x_weight(text: &str) -> usize {
    let light = |c: char| matches!(c as u32, 0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037);
    let emoji = |c: char| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF);
    // Parts of an emoji that add nothing to its count: skin tones, variation selectors, tags.
    let modifier =
        |c: char| matches!(c as u32, 0x1F3FB..=0x1F3FF | 0xFE00..=0xFE0F | 0xE0020..=0xE007F);
    let mut n = 0;
    let mut prev_emoji = false;
    let mut joined = false;
    for c in text.chars() {
        if modifier(c) {
            continue;
        }
        if c == '\u{200D}' && prev_emoji {
            joined = true;
            continue;
        }
        if joined && emoji(c) {
            joined = false;
            continue;
        }
        joined = false;
        prev_emoji = emoji(c);
        n += match c {
            // The keycap mark makes the digit before it (1) an emoji (2).
            '\u{20E3}' => 1,
            c if light(c) => 1,
            _ => 2,
        };
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_counts_links_as_23_and_most_non_latin_characters_as_2() {
        // X's own example: "Hello, world! 👋" weighs 16.
        assert_eq!(x_length("Hello, world! 👋"), 16);
        assert_eq!(
            x_length("Read: https://example.org/a/long/path?utm_source=handbill"),
            5 + 1 + X_LINK
        );
        assert_eq!(x_length("Read: HTTPS://EXAMPLE.ORG"), 5 + 1 + X_LINK);
        // Punctuation in U+2010–U+201F (dashes, curly quotes) weighs 1; CJK and Khmer 2.
        assert_eq!(x_length("“Hope” — now"), 12);
        assert_eq!(x_length("希望"), 4);
        assert_eq!(x_length("យុត្តិ"), 12);
        // An emoji weighs 2 with its skin tone or as a joined family.
        assert_eq!(x_length("🙋🏽"), 2);
        assert_eq!(x_length("👨\u{200D}👩\u{200D}👧\u{200D}👦"), 2);
        assert_eq!(x_length("1\u{FE0F}\u{20E3}"), 2);
        assert_eq!(x_length("a\n\nb"), 4);
    }
}
