//! Social platforms: exact pixel sizes, safe zones and the channel each one tags its link with.

use crate::raw::campaign::SocialFormatSpec;

/// Where a QR code is shown: on print, or on one platform. Each tags its link with its own
/// `utm_medium`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    Print,
    Instagram,
    Facebook,
    Og,
    X,
    Linkedin,
    Pinterest,
    Threads,
    /// The post text beside the images (the caption's link).
    Social,
}

impl Channel {
    /// The name in file names and in `utm_medium`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Channel::Print => "print",
            Channel::Instagram => "instagram",
            Channel::Facebook => "facebook",
            Channel::Og => "og",
            Channel::X => "x",
            Channel::Linkedin => "linkedin",
            Channel::Pinterest => "pinterest",
            Channel::Threads => "threads",
            Channel::Social => "social",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SocialFormat {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// `utm_medium` for links shown on this platform.
    pub(crate) channel: Channel,
    /// Pixels at the top and bottom that the platform covers with its own UI.
    pub(crate) unsafe_top: u32,
    pub(crate) unsafe_bottom: u32,
}

const fn fmt(name: &'static str, width: u32, height: u32, channel: Channel) -> SocialFormat {
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
    fmt("instagram-square", 1080, 1080, Channel::Instagram),
    fmt("instagram-portrait", 1080, 1350, Channel::Instagram),
    SocialFormat {
        unsafe_top: 250,
        unsafe_bottom: 340,
        ..fmt("instagram-story", 1080, 1920, Channel::Instagram)
    },
    fmt("facebook", 1200, 630, Channel::Facebook),
    fmt("og", 1200, 630, Channel::Og),
    fmt("x", 1200, 675, Channel::X),
    fmt("linkedin", 1200, 627, Channel::Linkedin),
    fmt("pinterest", 1000, 1500, Channel::Pinterest),
    fmt("threads", 1080, 1350, Channel::Threads),
];

pub(crate) fn from_spec(spec: SocialFormatSpec) -> SocialFormat {
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
