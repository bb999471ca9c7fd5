//! The campaign file exactly as written: every key of `campaign.yaml`, nothing checked yet.
//! Every field is optional here so that one mistake never hides the next; `model` decides
//! what is required. The doc comments become the descriptions in `handbill schema`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The paper sizes `poster.size` accepts by name.
pub(crate) const PAPER_NAMES: &[&str] = &[
    "letter", "legal", "tabloid", "a4", "a3", "a2", "18x24in", "24x36in",
];

/// A handbill campaign: one YAML file that describes a whole outreach kit.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(title = "handbill campaign")]
pub struct CampaignSpec {
    /// Campaign id: lower-case letters, digits and `-`; used in every file name.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    #[schemars(required)]
    #[schemars(extend("examples" = ["god-of-justice"]))]
    pub(crate) campaign: Option<String>,
    /// The title (e.g. the book's name). At most 60 characters.
    #[schemars(length(max = 60))]
    #[schemars(required)]
    #[schemars(extend("examples" = ["God of Justice"]))]
    pub(crate) title: Option<String>,
    /// A line under the title. At most 100 characters.
    #[schemars(length(max = 100))]
    #[schemars(extend("examples" = ["Hope in Darkness — Change in Cambodia"]))]
    pub(crate) subtitle: Option<String>,
    /// Who publishes the campaign; the author in the poster PDF's properties (default: the QR link's host).
    #[schemars(extend("examples" = ["Grace Fellowship"]))]
    pub(crate) author: Option<String>,
    /// Printed on every poster and image, e.g. `#mobilizeforjustice`. At most 32 characters, with the `#`.
    #[schemars(regex(pattern = r"^#\S+$"), length(max = 32))]
    #[schemars(required)]
    #[schemars(extend("examples" = ["#mobilizeforjustice"]))]
    pub(crate) hashtag: Option<String>,
    /// BCP 47 language tag of the text (`en`, `km` for Khmer, …); drives shaping and line breaking.
    #[schemars(extend("default" = "en", "examples" = ["en", "km", "th", "ar", "zh-Hans"]))]
    pub(crate) lang: Option<String>,
    /// A bundled design name (`justice`, `minimal`) or a path to a design folder inside the campaign folder.
    #[schemars(extend("default" = "justice", "examples" = ["justice", "minimal", "./my-design"]))]
    pub(crate) design: Option<String>,
    /// Accent colour used by designs that take one (`#rrggbb`, `#rgb`, `rgb(r, g, b)` or a CSS name).
    #[schemars(extend("examples" = ["#B3261E"]))]
    pub(crate) accent: Option<String>,
    /// Named links; `qr.link` picks the one the QR code opens.
    #[schemars(required)]
    pub(crate) links: Option<BTreeMap<String, LinkSpec>>,
    /// Optional UTM tagging added to every link; `utm_medium` is set per channel.
    pub(crate) tracking: Option<TrackingSpec>,
    /// The words of the campaign.
    #[schemars(required)]
    pub(crate) text: Option<TextSpec>,
    /// Pictures, as paths relative to this file (PNG, JPEG or WebP).
    pub(crate) images: Option<ImagesSpec>,
    /// Font files or folders of them (`.ttf`, `.otf`, `.ttc`, `.otc`), relative to this file and
    /// inside its folder, e.g. `[fonts/]`: a brand's typeface, or a CJK font. They are tried
    /// before the bundled fonts.
    #[schemars(extend("examples" = [["fonts/"]]))]
    pub(crate) fonts: Option<Vec<String>>,
    /// The families the design's font roles are set in, e.g. `{display: Brand Serif, text:
    /// Brand Sans}`: a family of `fonts:`, of `--font-path` or a bundled one.
    #[schemars(extend("examples" = [{"display": "Brand Serif", "text": "Brand Sans"}]))]
    pub(crate) typeface: Option<TypefaceSpec>,
    /// The QR code.
    pub(crate) qr: Option<QrSpec>,
    /// The printed poster.
    pub(crate) poster: Option<PosterSpec>,
    /// The social share images.
    pub(crate) social: Option<SocialSpec>,
    /// Output folder, relative to this file (default `out`).
    #[schemars(extend("default" = "out"))]
    pub(crate) output: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct LinkSpec {
    /// The address (https).
    #[schemars(required)]
    #[schemars(extend("examples" = ["https://example.org/first-chapter"]), regex(pattern = r"^\s*[hH][tT][tT][pP][sS]?://"))]
    pub(crate) url: Option<String>,
    /// What the link is, in the reader's words, e.g. "Download the first chapter". At most 60 characters.
    #[schemars(length(max = 60))]
    #[schemars(extend("examples" = ["Download the first chapter"]))]
    pub(crate) label: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct TrackingSpec {
    /// Becomes `utm_source`.
    #[schemars(required)]
    #[schemars(extend("examples" = ["handbill"]))]
    pub(crate) source: Option<String>,
    /// Becomes `utm_campaign` (default: the campaign id).
    pub(crate) campaign: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct TextSpec {
    /// The big line on every poster and image. At most 100 characters.
    #[schemars(length(max = 100))]
    #[schemars(required)]
    #[schemars(extend("examples" = ["Hope in Darkness"]))]
    pub(crate) headline: Option<String>,
    /// A short paragraph. At most 400 characters (runs of white space count as one).
    #[schemars(length(max = 400))]
    pub(crate) body: Option<String>,
    /// The words beside the QR code (default: "Scan: " and the QR link's label). At most 60 characters.
    #[schemars(length(max = 60))]
    #[schemars(extend("examples" = ["Scan to read the first chapter"]))]
    pub(crate) call_to_action: Option<String>,
}

/// `typeface`: a family name for each of the design's font roles.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct TypefaceSpec {
    /// Headlines and titles (the design's `display` role; bundled: Noto Sans ExtraCondensed).
    pub(crate) display: Option<String>,
    /// Everything else: subtitle, body, call to action, groups, hashtag (the `text` role;
    /// bundled: Noto Sans).
    pub(crate) text: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct ImagesSpec {
    /// The main photo.
    #[schemars(extend("examples" = ["images/photo.jpg"]))]
    pub(crate) hero: Option<String>,
    /// Where the subject of the hero photo is, as `[x, y]`: fractions of the picture's width
    /// (from the left) and height (from the top), e.g. `[0.5, 0.35]`. Cropping to fill a box
    /// keeps this point in view, as near the box's middle as the picture allows (default: the
    /// picture is centred).
    pub(crate) hero_focus: Option<FocusSpec>,
    /// A logo (placed in the QR code when `qr.logo` is true).
    #[schemars(extend("examples" = ["images/logo.png"]))]
    pub(crate) logo: Option<String>,
}

/// `images.hero-focus` as written. Anything is accepted here, so that `model` can name the
/// wrong value and say what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FocusSpec {
    List(Vec<FocusItem>),
    /// A value that is not a list.
    One(FocusItem),
}

/// One value of `images.hero-focus`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FocusItem {
    Number(f64),
    /// A scalar that is not a number, as written.
    Text(String),
    /// What else it is: `a list`, `a mapping`, `nothing`.
    Other(&'static str),
}

/// Reads any YAML value; lists only at the top (`LIST`), their items one level down.
struct AnyValue<const LIST: bool>;

impl<'de, const LIST: bool> Visitor<'de> for AnyValue<LIST> {
    type Value = FocusSpec;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of two numbers")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FocusSpec, E> {
        Ok(FocusSpec::One(FocusItem::Number(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FocusSpec, E> {
        Ok(FocusSpec::One(FocusItem::Number(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FocusSpec, E> {
        Ok(FocusSpec::One(FocusItem::Number(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FocusSpec, E> {
        // Quoted numbers are numbers, as in every other numeric field.
        Ok(FocusSpec::One(match v.trim().parse::<f64>() {
            Ok(n) => FocusItem::Number(n),
            Err(_) => FocusItem::Text(v.to_string()),
        }))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<FocusSpec, E> {
        Ok(FocusSpec::One(FocusItem::Text(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<FocusSpec, E> {
        Ok(FocusSpec::One(FocusItem::Other("nothing")))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<FocusSpec, A::Error> {
        if !LIST {
            return Ok(FocusSpec::One(FocusItem::Other("a list")));
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<FocusItem>()? {
            items.push(item);
        }
        Ok(FocusSpec::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<FocusSpec, A::Error> {
        Ok(FocusSpec::One(FocusItem::Other("a mapping")))
    }
}

impl<'de> Deserialize<'de> for FocusItem {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(AnyValue::<false>)? {
            FocusSpec::One(item) => Ok(item),
            FocusSpec::List(_) => Ok(FocusItem::Other("a list")),
        }
    }
}

impl<'de> Deserialize<'de> for FocusSpec {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyValue::<true>)
    }
}

impl JsonSchema for FocusSpec {
    fn schema_name() -> Cow<'static, str> {
        "Focus".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A point of the picture: [x, y], fractions of its width (from the left) and height (from the top).",
            "type": "array",
            "items": { "type": "number", "minimum": 0, "maximum": 1 },
            "minItems": 2,
            "maxItems": 2
        })
    }
}

/// How much damage a QR code survives (and how much less it holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ErrorCorrection {
    Low,
    Medium,
    Quartile,
    High,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct QrSpec {
    /// Which entry of `links` the QR code opens.
    #[schemars(extend("examples" = ["chapter"]))]
    pub(crate) link: Option<String>,
    /// How much damage the code survives (default `medium`; `high` when a logo is placed).
    #[schemars(extend("default" = "medium"))]
    pub(crate) error_correction: Option<ErrorCorrection>,
    /// Place `images.logo` in the middle of the QR code.
    #[schemars(extend("default" = false))]
    pub(crate) logo: Option<bool>,
}

/// Who prints the poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Finish {
    /// For a print shop: 3 mm bleed, trim marks, TrimBox and BleedBox.
    PrintShop,
    /// For a desktop printer: the page is the paper, content inside a printable margin.
    Office,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

/// How the posters of several groups are filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Pages {
    /// One PDF file per group.
    Separate,
    /// One PDF with a page per group.
    Combined,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct PosterSpec {
    /// Paper size name, or `{width: 11in, height: 17in}`.
    #[schemars(extend("default" = "letter", "examples" = ["letter", "a4", "11x17in"]))]
    pub(crate) size: Option<SizeSpec>,
    /// `portrait` (default) or `landscape`.
    #[schemars(extend("default" = "portrait"))]
    pub(crate) orientation: Option<Orientation>,
    /// `office` (default) or `print-shop`.
    #[schemars(extend("default" = "office"))]
    pub(crate) finish: Option<Finish>,
    /// How far away people will scan the QR code from (default `0.5m`; on paper whose shorter side is under 20 cm, twice that side); the code is printed at least a tenth of this wide.
    #[schemars(extend("examples" = ["50cm", "2m"]))]
    pub(crate) scan_distance: Option<String>,
    /// `separate` (default): one PDF per group; `combined`: one multi-page PDF.
    #[schemars(extend("default" = "separate"))]
    pub(crate) pages: Option<Pages>,
    /// One poster per group; leave out for one poster with blanks to write on.
    pub(crate) groups: Option<Vec<GroupSpec>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct GroupSpec {
    /// The group's name, e.g. "Tuesday Night Study". At most 80 characters.
    #[schemars(length(max = 80), required)]
    #[schemars(extend("examples" = ["Tuesday Night Study"]))]
    pub(crate) name: Option<String>,
    /// When it meets, e.g. "Tuesdays, 7 pm". At most 80 characters.
    #[schemars(length(max = 80))]
    #[schemars(extend("examples" = ["Tuesdays, 7 pm"]))]
    pub(crate) when: Option<String>,
    /// Where it meets. At most 80 characters.
    #[serde(rename = "where")]
    #[schemars(length(max = 80))]
    #[schemars(extend("examples" = ["Room 204, Grace Fellowship"]))]
    pub(crate) place: Option<String>,
    /// Whom to ask. At most 80 characters.
    #[schemars(length(max = 80))]
    #[schemars(extend("examples" = ["sam@example.org"]))]
    pub(crate) contact: Option<String>,
}

/// A paper size as written: a name, or a mapping of key → length text.
#[derive(Debug, Clone)]
pub(crate) enum SizeSpec {
    Named(String),
    Custom(Vec<(String, String)>),
}

impl<'de> Deserialize<'de> for SizeSpec {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SizeSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paper size name or {width, height}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SizeSpec, E> {
                Ok(SizeSpec::Named(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SizeSpec, E> {
                Ok(SizeSpec::Named(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SizeSpec, E> {
                Ok(SizeSpec::Named(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<SizeSpec, E> {
                Ok(SizeSpec::Named(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<SizeSpec, E> {
                Ok(SizeSpec::Named(String::new()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, _seq: A) -> Result<SizeSpec, A::Error> {
                Ok(SizeSpec::Named("(a list)".into()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SizeSpec, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    entries.push((k, v));
                }
                Ok(SizeSpec::Custom(entries))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for SizeSpec {
    fn schema_name() -> Cow<'static, str> {
        "PaperSize".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A paper size name, a size written WxH with its unit (11x17in, 210x297mm, 30x40cm), or a custom size with units (mm, cm, in, pt, px).",
            "anyOf": [
                { "type": "string", "enum": PAPER_NAMES },
                {
                    "type": "string",
                    "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*[xX×]\\s*[0-9]+(\\.[0-9]+)?\\s*(in|mm|cm)\\s*$"
                },
                {
                    "type": "object",
                    "properties": {
                        "width": { "type": "string", "description": "e.g. 11in, 280mm" },
                        "height": { "type": "string", "description": "e.g. 17in, 430mm" }
                    },
                    "required": ["width", "height"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SocialFormatSpec {
    InstagramSquare,
    InstagramPortrait,
    InstagramStory,
    Facebook,
    Og,
    X,
    Linkedin,
    Pinterest,
    Threads,
}

/// The file format of the social images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ImageFormat {
    Png,
    Jpeg,
    Webp,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct SocialSpec {
    /// Which platform sizes to make (default: all of them).
    pub(crate) formats: Option<Vec<SocialFormatSpec>>,
    /// `png` (default), `jpeg` or `webp` (lossless).
    #[schemars(extend("default" = "png"))]
    pub(crate) image_format: Option<ImageFormat>,
    /// The post text; the link and hashtag are appended. At most 2200 characters together with them (Instagram's limit); over 280 as X counts is a warning when `x` is a format.
    #[schemars(length(max = 2200))]
    pub(crate) caption: Option<String>,
    /// Alt text for every image (the platform is not named in it); the words on the image follow it. At most 250 characters.
    #[schemars(length(max = 250))]
    pub(crate) alt: Option<String>,
    /// Largest file size allowed for one image, in bytes (default 1000000).
    #[schemars(extend("default" = 1000000))]
    pub(crate) max_bytes: Option<u64>,
}
