//! What is compiled into the binary: the fonts (no system font is ever read, so a kit looks
//! the same on every machine; licences in `fonts/`), the designs and the example campaign.

pub struct BundledFont {
    pub(crate) file: &'static str,
    /// The family name it is registered under for layout.
    pub family: &'static str,
    pub bytes: &'static [u8],
}

pub(crate) const SANS: &str = "Noto Sans";
pub const KHMER: &str = "Noto Sans Khmer";
/// The condensed display face for headlines. Its own typographic family name is "Noto Sans"
/// (with width extra-condensed); it is registered under this name so it is asked for by name.
pub(crate) const DISPLAY: &str = "Noto Sans ExtraCondensed";
/// The symbol faces, tried for what no script's face has, before colour emoji.
pub(crate) const SYMBOLS: &str = "Noto Sans Symbols";
pub(crate) const SYMBOLS_2: &str = "Noto Sans Symbols 2";

/// A bundled font: its file in `fonts/`, registered under `family`.
macro_rules! font {
    ($file:literal, $family:expr) => {
        BundledFont {
            file: $file,
            family: $family,
            bytes: include_bytes!(concat!("../fonts/", $file)),
        }
    };
}

pub static FONTS: &[BundledFont] = &[
    font!("NotoSans-Regular.ttf", SANS),
    font!("NotoSans-Bold.ttf", SANS),
    font!("NotoSans-ExtraCondensedBold.ttf", DISPLAY),
    font!("NotoSansKhmer-Regular.ttf", KHMER),
    font!("NotoSansKhmer-Bold.ttf", KHMER),
    font!("NotoSansThai-Regular.ttf", "Noto Sans Thai"),
    font!("NotoSansThai-Bold.ttf", "Noto Sans Thai"),
    font!("NotoSansLao-Regular.ttf", "Noto Sans Lao"),
    font!("NotoSansLao-Bold.ttf", "Noto Sans Lao"),
    font!("NotoSansMyanmar-Regular.ttf", "Noto Sans Myanmar"),
    font!("NotoSansMyanmar-Bold.ttf", "Noto Sans Myanmar"),
    font!("NotoSansDevanagari-Regular.ttf", "Noto Sans Devanagari"),
    font!("NotoSansDevanagari-Bold.ttf", "Noto Sans Devanagari"),
    font!("NotoSansBengali-Regular.ttf", "Noto Sans Bengali"),
    font!("NotoSansBengali-Bold.ttf", "Noto Sans Bengali"),
    font!("NotoSansTamil-Regular.ttf", "Noto Sans Tamil"),
    font!("NotoSansTamil-Bold.ttf", "Noto Sans Tamil"),
    font!("NotoSansTelugu-Regular.ttf", "Noto Sans Telugu"),
    font!("NotoSansTelugu-Bold.ttf", "Noto Sans Telugu"),
    font!("NotoSansArabic-Regular.ttf", "Noto Sans Arabic"),
    font!("NotoSansArabic-Bold.ttf", "Noto Sans Arabic"),
    font!("NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew"),
    font!("NotoSansHebrew-Bold.ttf", "Noto Sans Hebrew"),
    font!("NotoSansEthiopic-Regular.ttf", "Noto Sans Ethiopic"),
    font!("NotoSansEthiopic-Bold.ttf", "Noto Sans Ethiopic"),
    // Symbols in text presentation (♥, ☺, ✝, arrows): drawn as text, in the text's colour.
    font!("NotoSansSymbols-Regular.ttf", SYMBOLS),
    font!("NotoSansSymbols2-Regular.ttf", SYMBOLS_2),
    // Colour emoji (PNG bitmaps in CBDT), the generic emoji family for layout.
    font!("NotoColorEmoji.ttf", "Noto Color Emoji"),
];

/// The family that sets each script Noto Sans does not cover (ISO 15924 code): text in that
/// script goes to it whatever family was asked for.
pub(crate) static SCRIPT_FAMILIES: &[([u8; 4], &str)] = &[
    (*b"Khmr", KHMER),
    (*b"Thai", "Noto Sans Thai"),
    (*b"Laoo", "Noto Sans Lao"),
    (*b"Mymr", "Noto Sans Myanmar"),
    (*b"Deva", "Noto Sans Devanagari"),
    (*b"Beng", "Noto Sans Bengali"),
    (*b"Taml", "Noto Sans Tamil"),
    (*b"Telu", "Noto Sans Telugu"),
    (*b"Arab", "Noto Sans Arabic"),
    (*b"Hebr", "Noto Sans Hebrew"),
    (*b"Ethi", "Noto Sans Ethiopic"),
];

/// What the bundled fonts cover, for messages about missing characters.
pub(crate) const COVERAGE: &str = "Latin, Greek, Cyrillic, Khmer, Thai, Lao, Myanmar, Devanagari, Bengali, Tamil, Telugu, Arabic, Hebrew, Ethiopic and colour emoji";

/// The designs compiled into handbill: (name, design.yaml text).
pub(crate) static DESIGNS: &[(&str, &str)] = &[
    ("justice", include_str!("../designs/justice/design.yaml")),
    ("minimal", include_str!("../designs/minimal/design.yaml")),
];

/// The names of the bundled designs.
pub fn design_names() -> Vec<&'static str> {
    DESIGNS.iter().map(|(n, _)| *n).collect()
}

/// The example campaign `handbill init` writes: (path in the folder, bytes).
pub(crate) static EXAMPLE: &[(&str, &[u8])] = &[
    (
        "campaign.yaml",
        include_bytes!("../examples/god-of-justice/campaign.yaml"),
    ),
    (
        "images/cambodia.jpg",
        include_bytes!("../examples/god-of-justice/images/cambodia.jpg"),
    ),
    (
        "images/logo.png",
        include_bytes!("../examples/god-of-justice/images/logo.png"),
    ),
];
