//! The bundled fonts, compiled into the binary. No system font is ever read, so a kit looks
//! the same on every machine. Licences: `fonts/OFL.txt`.

pub struct BundledFont {
    pub file: &'static str,
    /// The family name it is registered under for layout.
    pub family: &'static str,
    pub bytes: &'static [u8],
}

pub const SANS: &str = "Noto Sans";
pub const KHMER: &str = "Noto Sans Khmer";
/// The condensed display face for headlines. Its own typographic family name is "Noto Sans"
/// (with width extra-condensed); it is registered under this name so it is asked for by name.
pub const DISPLAY: &str = "Noto Sans ExtraCondensed";

pub static FONTS: &[BundledFont] = &[
    BundledFont {
        file: "NotoSans-Regular.ttf",
        family: SANS,
        bytes: include_bytes!("../fonts/NotoSans-Regular.ttf"),
    },
    BundledFont {
        file: "NotoSans-Bold.ttf",
        family: SANS,
        bytes: include_bytes!("../fonts/NotoSans-Bold.ttf"),
    },
    BundledFont {
        file: "NotoSans-ExtraCondensedBold.ttf",
        family: DISPLAY,
        bytes: include_bytes!("../fonts/NotoSans-ExtraCondensedBold.ttf"),
    },
    BundledFont {
        file: "NotoSansKhmer-Regular.ttf",
        family: KHMER,
        bytes: include_bytes!("../fonts/NotoSansKhmer-Regular.ttf"),
    },
    BundledFont {
        file: "NotoSansKhmer-Bold.ttf",
        family: KHMER,
        bytes: include_bytes!("../fonts/NotoSansKhmer-Bold.ttf"),
    },
];

/// What the bundled fonts cover, for messages about missing characters.
pub const COVERAGE: &str = "Latin, Greek, Cyrillic and Khmer";
