//! Links: checked URLs, and UTM tagging per channel.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracking {
    pub(crate) source: String,
    pub(crate) campaign: String,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub(crate) url: Url,
    pub(crate) label: Option<String>,
}

impl Link {
    /// The URL to print or encode for one channel: with tracking, `utm_source`, `utm_medium`
    /// and `utm_campaign` are set (replacing any already there), other query parameters are
    /// kept in order, and a `#fragment` stays last.
    pub(crate) fn for_channel(&self, channel: super::Channel, tracking: Option<&Tracking>) -> Url {
        let Some(t) = tracking else {
            return self.url.clone();
        };
        let mut url = self.url.clone();
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !matches!(k.as_ref(), "utm_source" | "utm_medium" | "utm_campaign"))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        {
            let mut q = url.query_pairs_mut();
            q.clear();
            for (k, v) in &kept {
                q.append_pair(k, v);
            }
            q.append_pair("utm_source", &t.source);
            q.append_pair("utm_medium", channel.name());
            q.append_pair("utm_campaign", &t.campaign);
        }
        url
    }
}

/// What is wrong with a URL, if anything: `Err` is an error, `Ok(Some)` a warning.
pub(crate) fn check_url(text: &str) -> Result<(Url, Option<String>), (String, String)> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for bad in ["javascript:", "data:", "file:", "vbscript:"] {
        if lower.starts_with(bad) {
            return Err((
                format!("`{bad}` links are not allowed"),
                "use an https:// address of a web page".into(),
            ));
        }
    }
    let url = Url::parse(t).map_err(|e| {
        let help = if !t.contains("://") {
            format!(
                "write the full address, e.g. `https://{}`",
                crate::suggest::short(t)
            )
        } else {
            "write the full address, e.g. `https://example.org/first-chapter`".into()
        };
        (
            format!("`{}` is not a valid URL ({e})", crate::suggest::short(t)),
            help,
        )
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err((
            "the URL carries a user name or password".into(),
            "remove the `user:password@` part; a printed link must not carry credentials".into(),
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" => {
            let warning =
                "the link is http://, not https://; phones warn about such links".to_string();
            return host_checked(url, Some(warning));
        }
        other => {
            return Err((
                format!("`{other}:` links cannot be opened by a phone camera"),
                "use an https:// address".into(),
            ));
        }
    }
    host_checked(url, None)
}

fn host_checked(
    url: Url,
    warning: Option<String>,
) -> Result<(Url, Option<String>), (String, String)> {
    match url.host_str() {
        None | Some("") => Err((
            "the URL has no host name".into(),
            "write e.g. `https://example.org/page`".into(),
        )),
        Some(host) => {
            let lookalike = lookalike_host(host);
            Ok((url.clone(), lookalike.or(warning)))
        }
    }
}

/// A link written with a space in it: the URL carries it as `%20`, which is seldom meant.
pub(crate) fn space_warning(text: &str, url: &Url) -> Option<String> {
    text.trim().contains(char::is_whitespace).then(|| {
        format!("the link has a space in it; the QR code opens `{url}`, with the space as %20")
    })
}

/// A host written with non-ASCII letters (punycode, `xn--`) can imitate another site, above all
/// when it mixes scripts (a Cyrillic `а` among Latin letters). Such hosts are flagged, showing
/// both the Unicode and the punycode spelling.
pub(crate) fn lookalike_host(host: &str) -> Option<String> {
    if !host.split('.').any(|label| label.starts_with("xn--")) {
        return None;
    }
    let (unicode, _) = idna::domain_to_unicode(host);
    let mixed = unicode.split('.').any(mixes_scripts);
    Some(if mixed {
        format!(
            "the host `{unicode}` (punycode `{host}`) mixes alphabets, as look-alike addresses do; make sure it is the site you mean"
        )
    } else {
        format!(
            "the host is `{unicode}` (punycode `{host}`); make sure it is the site you mean, since such names can imitate others"
        )
    })
}

fn mixes_scripts(label: &str) -> bool {
    let script = |c: char| match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Some(0u8),
        '\u{0370}'..='\u{03FF}' => Some(1),
        '\u{0400}'..='\u{04FF}' => Some(2),
        '\u{0530}'..='\u{058F}' => Some(3),
        _ => None,
    };
    let mut seen: Vec<u8> = label.chars().filter_map(script).collect();
    seen.sort_unstable();
    seen.dedup();
    // Latin, Greek, Cyrillic and Armenian letters look alike; two of them in one label is suspicious.
    seen.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(u: &str) -> Link {
        Link {
            url: Url::parse(u).unwrap(),
            label: None,
        }
    }

    #[test]
    fn tracking_keeps_query_and_fragment() {
        let t = Tracking {
            source: "handbill".into(),
            campaign: "god-of-justice".into(),
        };
        let got = link("https://example.org/p?lang=en&utm_medium=old#top")
            .for_channel(super::super::Channel::Print, Some(&t));
        assert_eq!(
            got.as_str(),
            "https://example.org/p?lang=en&utm_source=handbill&utm_medium=print&utm_campaign=god-of-justice#top"
        );
        let plain = link("https://example.org/p").for_channel(super::super::Channel::X, None);
        assert_eq!(plain.as_str(), "https://example.org/p");
    }

    #[test]
    fn lookalike_hosts_are_flagged_with_both_spellings() {
        // "exаmple.org" with a Cyrillic а.
        let (url, warning) = check_url("https://ex\u{0430}mple.org/a").unwrap();
        let w = warning.unwrap();
        assert!(url.host_str().unwrap().starts_with("xn--"));
        assert!(
            w.contains("mixes alphabets") && w.contains("xn--") && w.contains("ex\u{0430}mple.org"),
            "{w}"
        );
        let (_, w) = check_url("https://bücher.example/a").unwrap();
        assert!(w.unwrap().contains("xn--bcher-kva.example"));
        assert!(check_url("https://example.org/a").unwrap().1.is_none());
    }

    #[test]
    fn url_rules() {
        assert!(check_url("https://example.org/a").unwrap().1.is_none());
        assert!(check_url("http://example.org/a").unwrap().1.is_some());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("data:text/html,hi").is_err());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("ftp://example.org").is_err());
        assert!(check_url("https://user:pw@example.org").is_err());
        assert!(
            check_url("example.org")
                .unwrap_err()
                .1
                .contains("https://example.org")
        );
    }
}
