//! A design file (`designs/<name>/design.yaml`) exactly as written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// A look for posters and social images: palette, type and, per format family, boxes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct DesignSpec {
    /// Short name shown by `handbill designs`.
    pub(crate) name: Option<String>,
    /// One line on what the design looks like and what it suits.
    pub(crate) description: Option<String>,
    /// Named colours; boxes refer to them by name (or give a colour directly).
    pub(crate) palette: Option<BTreeMap<String, String>>,
    /// Per format family: `square`, `portrait`, `story`, `landscape`, `poster`.
    pub(crate) families: Option<BTreeMap<String, FamilySpec>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct FamilySpec {
    /// Ground colour (palette name or colour).
    pub(crate) background: Option<String>,
    /// Boxes, drawn in order (later boxes on top).
    pub(crate) boxes: Option<Vec<BoxSpec>>,
}

/// What a box holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Slot {
    Title,
    Subtitle,
    Headline,
    Body,
    CallToAction,
    Hashtag,
    Qr,
    Hero,
    Logo,
    Group,
    Order,
    Rect,
}

/// Which of the design's faces a text box uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FontRole {
    /// The condensed display face, for headlines.
    Display,
    /// The running-text face.
    #[default]
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Weight {
    #[default]
    Regular,
    Bold,
}

/// Where lines sit across their box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// Where a block of text sits down its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum VAlign {
    #[default]
    Top,
    Middle,
    Bottom,
}

/// How a picture fills its box: all of the box (cropped), or all of the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Fit {
    #[default]
    Cover,
    Contain,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct BoxSpec {
    /// What the box holds.
    pub(crate) slot: Option<Slot>,
    /// Position and size as fractions (0–1) of the safe area.
    pub(crate) x: Option<f64>,
    pub(crate) y: Option<f64>,
    pub(crate) w: Option<f64>,
    pub(crate) h: Option<f64>,
    /// Extend the box to the edge of the page (and into the bleed) on the sides it touches.
    pub(crate) bleed: Option<bool>,
    /// Font role for text slots.
    pub(crate) font: Option<FontRole>,
    pub(crate) weight: Option<Weight>,
    /// Font size range as fractions of the canvas height, `[smallest, largest]`; the largest that fits wins.
    pub(crate) size: Option<Vec<f64>>,
    /// Line height as a multiple of the font size.
    pub(crate) line_height: Option<f64>,
    /// Text or fill colour (palette name or colour).
    pub(crate) color: Option<String>,
    /// Fill behind the box (palette name or colour).
    pub(crate) background: Option<String>,
    /// Inner padding as a fraction of the box's shorter side.
    pub(crate) padding: Option<f64>,
    /// Corner radius as a fraction of the box's shorter side.
    pub(crate) radius: Option<f64>,
    pub(crate) align: Option<Align>,
    pub(crate) valign: Option<VAlign>,
    /// How a picture fills its box.
    pub(crate) fit: Option<Fit>,
    /// For pictures: fade the bottom of the picture into this colour.
    pub(crate) fade_to: Option<String>,
    /// Upper-case the text.
    pub(crate) uppercase: Option<bool>,
    /// Text boxes with the same flow name share their column: when one box's copy does not fit,
    /// its neighbours give it the height they do not use (they stack top to bottom).
    pub(crate) flow: Option<String>,
}
