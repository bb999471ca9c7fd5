//! A design file (`designs/<name>/design.yaml`) exactly as written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// A look for posters and social images: palette, type and, per format family, boxes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DesignSpec {
    /// Short name shown by `handbill designs`.
    pub name: Option<String>,
    /// One line on what the design looks like and what it suits.
    pub description: Option<String>,
    /// Named colours; boxes refer to them by name (or give a colour directly).
    pub palette: Option<BTreeMap<String, String>>,
    /// Per format family: `square`, `portrait`, `story`, `landscape`, `poster`.
    pub families: Option<BTreeMap<String, FamilySpec>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FamilySpec {
    /// Ground colour (palette name or colour).
    pub background: Option<String>,
    /// Boxes, drawn in order (later boxes on top).
    pub boxes: Option<Vec<BoxSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SlotSpec {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FontRoleSpec {
    Display,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WeightSpec {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AlignSpec {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VAlignSpec {
    Top,
    Middle,
    Bottom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FitSpec {
    Cover,
    Contain,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct BoxSpec {
    /// What the box holds.
    pub slot: Option<SlotSpec>,
    /// Position and size as fractions (0–1) of the safe area.
    pub x: Option<f64>,
    pub y: Option<f64>,
    pub w: Option<f64>,
    pub h: Option<f64>,
    /// Extend the box to the edge of the page (and into the bleed) on the sides it touches.
    pub bleed: Option<bool>,
    /// Font role for text slots.
    pub font: Option<FontRoleSpec>,
    pub weight: Option<WeightSpec>,
    /// Font size range as fractions of the canvas height, `[smallest, largest]`; the largest that fits wins.
    pub size: Option<Vec<f64>>,
    /// Line height as a multiple of the font size.
    pub line_height: Option<f64>,
    /// Text or fill colour (palette name or colour).
    pub color: Option<String>,
    /// Fill behind the box (palette name or colour).
    pub background: Option<String>,
    /// Inner padding as a fraction of the box's shorter side.
    pub padding: Option<f64>,
    /// Corner radius as a fraction of the box's shorter side.
    pub radius: Option<f64>,
    pub align: Option<AlignSpec>,
    pub valign: Option<VAlignSpec>,
    /// How a picture fills its box.
    pub fit: Option<FitSpec>,
    /// For pictures: fade the bottom of the picture into this colour.
    pub fade_to: Option<String>,
    /// Upper-case the text.
    pub uppercase: Option<bool>,
}
