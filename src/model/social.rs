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
        f.pad(self.name())
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
        // Every name the campaign file accepts (as its schema lists them) is a size of its own.
        let schema = serde_json::to_value(schemars::schema_for!(SocialFormatSpec)).unwrap();
        let names: Vec<String> = serde_json::from_value(schema["enum"].clone()).unwrap();
        assert_eq!(names.len(), ALL.len(), "{names:?}");
        for name in &names {
            let spec: SocialFormatSpec = serde_json::from_value(serde_json::json!(name)).unwrap();
            let f = from_spec(spec);
            assert_eq!(f.name, name);
            assert!(f.width > 0 && f.height > 0);
        }
        let named = |n: &str| ALL.iter().find(|f| f.name == n).unwrap();
        assert_eq!(named("instagram-story").unsafe_bottom, 340);
        assert_eq!(named("x").height, 675);
    }
}
