//! Designs are data: `designs/<name>/design.yaml`, bundled into the binary, or a folder of
//! the campaign's own. This module loads and validates them into `Design`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::model::colour::{self, Colour};
use crate::raw::design::{self as s, DesignSpec};
use crate::raw::{self, Budget, Document};

use crate::assets::DESIGNS as BUNDLED;

/// Every bundled design, loaded.
pub(crate) fn bundled_all() -> Result<Vec<Design>, Vec<Diagnostic>> {
    BUNDLED.iter().map(|(name, _)| bundled(name)).collect()
}

/// A format family: the canvases of one shape share a family's boxes. Every design describes
/// all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FamilyKind {
    Square,
    Portrait,
    Story,
    Landscape,
    Poster,
    /// A poster wider than it is tall; optional (a design without one lays landscape paper
    /// out with its `poster` boxes).
    PosterLandscape,
}

impl FamilyKind {
    pub(crate) const ALL: [FamilyKind; 6] = [
        FamilyKind::Square,
        FamilyKind::Portrait,
        FamilyKind::Story,
        FamilyKind::Landscape,
        FamilyKind::Poster,
        FamilyKind::PosterLandscape,
    ];

    /// The key in `design.yaml`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            FamilyKind::Square => "square",
            FamilyKind::Portrait => "portrait",
            FamilyKind::Story => "story",
            FamilyKind::Landscape => "landscape",
            FamilyKind::Poster => "poster",
            FamilyKind::PosterLandscape => "poster-landscape",
        }
    }
}

impl std::fmt::Display for FamilyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

pub use crate::raw::design::Slot;
pub(crate) use crate::raw::design::{Align, Fit, FontRole, VAlign, Weight};

impl Slot {
    /// Whether the slot shows words (rather than a picture, a code or a shape).
    pub(crate) fn is_text(self) -> bool {
        !matches!(self, Slot::Qr | Slot::Hero | Slot::Logo | Slot::Rect)
    }

    pub fn name(self) -> &'static str {
        match self {
            Slot::Title => "title",
            Slot::Subtitle => "subtitle",
            Slot::Headline => "headline",
            Slot::Body => "body",
            Slot::CallToAction => "call-to-action",
            Slot::Hashtag => "hashtag",
            Slot::Qr => "qr",
            Slot::Hero => "hero",
            Slot::Logo => "logo",
            Slot::Group => "group",
            Slot::Order => "order",
            Slot::Rect => "rect",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DesignBox {
    pub slot: Slot,
    /// Fractions of the safe area.
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) w: f32,
    pub(crate) h: f32,
    pub(crate) bleed: bool,
    pub(crate) font: FontRole,
    pub(crate) weight: Weight,
    /// Font size range as fractions of the canvas height.
    pub(crate) size: (f32, f32),
    pub(crate) line_height: f32,
    pub(crate) color: Colour,
    /// The palette name `color` came from, if any (`accent` follows the campaign's accent).
    pub(crate) color_name: Option<String>,
    pub(crate) background: Option<Colour>,
    pub(crate) padding: f32,
    pub(crate) radius: f32,
    pub(crate) align: Align,
    pub(crate) valign: VAlign,
    pub(crate) fit: Fit,
    pub(crate) fade_to: Option<Colour>,
    pub(crate) uppercase: bool,
    /// The flow the box shares its column with, if any.
    pub flow: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Family {
    pub(crate) background: Colour,
    pub boxes: Vec<DesignBox>,
}

#[derive(Debug, Clone)]
pub struct Design {
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) families: BTreeMap<FamilyKind, Family>,
}

impl DesignBox {
    /// The text or fill colour, with the campaign's accent in place of the palette's.
    pub(crate) fn colour_for(&self, accent: Option<Colour>) -> Colour {
        match (self.color_name.as_deref(), accent) {
            (Some("accent"), Some(a)) => a,
            _ => self.color,
        }
    }
}

impl Design {
    /// The slots a family shows, in drawing order, without repeats.
    pub(crate) fn slots(&self, family: FamilyKind) -> Vec<&'static str> {
        let mut out = Vec::new();
        for b in self
            .families
            .get(&family)
            .map(|f| f.boxes.as_slice())
            .unwrap_or_default()
        {
            let n = b.slot.name();
            if b.slot != Slot::Rect && !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

/// Load the design a campaign names.
pub fn load(design: &crate::model::DesignRef) -> Result<Design, Vec<Diagnostic>> {
    match design {
        crate::model::DesignRef::Bundled(name) => bundled(name),
        crate::model::DesignRef::Folder(dir) => from_folder(dir),
    }
}

/// Load a bundled design by name.
pub fn bundled(name: &str) -> Result<Design, Vec<Diagnostic>> {
    match BUNDLED.iter().find(|(n, _)| *n == name) {
        Some((n, text)) => parse(text, &format!("designs/{n}/design.yaml")),
        None => Err(vec![Diagnostic::error(
            "design",
            format!("there is no bundled design `{name}`"),
        )]),
    }
}

/// Load a design from a folder holding `design.yaml`.
pub(crate) fn from_folder(dir: &Path) -> Result<Design, Vec<Diagnostic>> {
    let file = dir.join("design.yaml");
    let display = file.display().to_string();
    let meta = std::fs::metadata(&file).map_err(|e| {
        vec![Diagnostic::error(
            &display,
            format!("cannot open the design: {e}"),
        )]
    })?;
    if meta.len() > Budget::CAMPAIGN.max_bytes as u64 {
        return Err(vec![Diagnostic::error(
            &display,
            "the design file is larger than 1 MiB",
        )]);
    }
    let text = std::fs::read_to_string(&file).map_err(|e| {
        vec![Diagnostic::error(
            &display,
            format!("cannot read the design: {e}"),
        )]
    })?;
    parse(&text, &display)
}

/// Parse and validate design text; every problem is reported.
pub fn parse(text: &str, display: &str) -> Result<Design, Vec<Diagnostic>> {
    let parsed = raw::parse::<DesignSpec>(text, Budget::CAMPAIGN);
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    let mut diags: Vec<Diagnostic> = parsed
        .issues
        .iter()
        .map(|i| {
            let mut d = Diagnostic::error(display, i.message.clone())
                .with_path(i.path.clone())
                .at(&source, i.span.line, i.span.column, i.span.bytes());
            if let Some((span, label)) = i.also {
                d = d.also_at(span.bytes(), label);
            }
            // The parser's advice for an empty or shapeless file is about campaigns.
            if let Some(h) = &i.help {
                d = d.with_help(if h.contains("handbill init") {
                    "a design is a mapping of canvases; start from a copy of a bundled one \
                     (designs/justice/design.yaml in handbill's source)"
                } else {
                    h
                });
            }
            d
        })
        .collect();
    let (Some(spec), Some(doc)) = (parsed.spec, parsed.doc) else {
        return Err(diags);
    };
    let mut cx = Cx {
        source,
        display,
        doc: &doc,
        diags: &mut diags,
    };
    let design = cx.design(&spec);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    design.ok_or(diags)
}

struct Cx<'a> {
    source: std::sync::Arc<str>,
    display: &'a str,
    doc: &'a Document,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let span = self.doc.span_of(path);
        self.diags.push(
            Diagnostic::error(self.display, message)
                .with_path(path)
                .with_help(help)
                .at(&self.source, span.line, span.column, span.bytes()),
        );
    }

    fn colour(
        &mut self,
        path: &str,
        value: &str,
        palette: &BTreeMap<String, Colour>,
    ) -> Option<Colour> {
        if let Some(c) = palette.get(value.trim()) {
            return Some(*c);
        }
        match colour::parse_colour(value) {
            Ok(c) => Some(c),
            Err(m) => {
                let names: Vec<&str> = palette.keys().map(String::as_str).collect();
                self.error(
                    path,
                    m,
                    format!(
                        "name a palette colour ({}) or {}",
                        names.join(", "),
                        colour::COLOUR_HELP
                    ),
                );
                None
            }
        }
    }

    fn design(&mut self, spec: &DesignSpec) -> Option<Design> {
        let mut palette = BTreeMap::new();
        for (k, v) in spec.palette.iter().flatten() {
            if let Some(c) = self.colour(&format!("palette.{k}"), v, &BTreeMap::new()) {
                palette.insert(k.clone(), c);
            }
        }
        let mut families = BTreeMap::new();
        let empty = BTreeMap::new();
        let given = spec.families.as_ref().unwrap_or(&empty);
        let names = FamilyKind::ALL.map(FamilyKind::name);
        for name in given.keys() {
            if !names.contains(&name.as_str()) {
                let span = self.doc.key_span_of(&format!("families.{name}"));
                self.diags.push(
                    Diagnostic::error(self.display, format!("unknown format family `{name}`"))
                        .with_path(format!("families.{name}"))
                        .with_help(crate::suggest::choice_help(name, &names))
                        .at(&self.source, span.line, span.column, span.bytes()),
                );
            }
        }
        for family in FamilyKind::ALL {
            let path = format!("families.{family}");
            let Some(f) = given.get(family.name()) else {
                if family == FamilyKind::PosterLandscape {
                    continue;
                }
                self.error("families", format!("the design has no `{family}` family"), format!("add `{family}: {{boxes: [...]}}`; every design describes square, portrait, story, landscape and poster"));
                continue;
            };
            let background = f
                .background
                .as_deref()
                .and_then(|b| self.colour(&format!("{path}.background"), b, &palette))
                .unwrap_or(Colour::rgb(255, 255, 255));
            let mut boxes = Vec::new();
            for (i, b) in f.boxes.iter().flatten().enumerate() {
                if let Some(db) = self.design_box(&format!("{path}.boxes[{i}]"), b, &palette) {
                    boxes.push(db);
                }
            }
            for needed in [Slot::Hashtag, Slot::Qr] {
                if !boxes.iter().any(|b| b.slot == needed) {
                    self.error(
                        &path,
                        format!("the `{family}` family has no `{}` box", needed.name()),
                        "the hashtag and the QR code must appear on every poster and image",
                    );
                }
            }
            families.insert(family, Family { background, boxes });
        }
        Some(Design {
            name: spec.name.clone().unwrap_or_default(),
            description: spec.description.clone().unwrap_or_default(),
            families,
        })
    }

    fn design_box(
        &mut self,
        path: &str,
        b: &s::BoxSpec,
        palette: &BTreeMap<String, Colour>,
    ) -> Option<DesignBox> {
        let Some(slot) = b.slot else {
            self.error(
                path,
                "the box has no `slot`",
                "add `slot: headline` (or body, hashtag, qr, hero, …)",
            );
            return None;
        };
        let frac = |cx: &mut Self, key: &str, v: Option<f64>, default: f64| {
            let v = v.unwrap_or(default);
            if !(0.0..=1.0).contains(&v) {
                cx.error(
                    &format!("{path}.{key}"),
                    format!("`{key}` is {v}, outside 0–1"),
                    "positions and sizes are fractions of the safe area",
                );
            }
            if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let (x, y) = (frac(self, "x", b.x, 0.0), frac(self, "y", b.y, 0.0));
        let (w, h) = (frac(self, "w", b.w, 1.0), frac(self, "h", b.h, 1.0));
        if x + w > 1.0001 || y + h > 1.0001 {
            self.error(
                path,
                "the box reaches past the safe area",
                "keep x + w and y + h at most 1",
            );
        }
        let size = match b.size.as_deref() {
            None => (0.02, 0.05),
            Some([lo, hi]) if 0.005 <= *lo && lo <= hi && *hi < 1.0 => (*lo, *hi),
            Some(_) => {
                self.error(&format!("{path}.size"), "`size` must be `[smallest, largest]`, fractions of the canvas height with 0.005 ≤ smallest ≤ largest < 1", "e.g. `size: [0.05, 0.09]`");
                (0.02, 0.05)
            }
        };
        for (key, v, max) in [("padding", b.padding, 0.45), ("radius", b.radius, 0.5)] {
            if let Some(v) = v
                && !(0.0..=max).contains(&v)
            {
                self.error(
                    &format!("{path}.{key}"),
                    format!("`{key}` is {v}, outside 0–{max}"),
                    format!("`{key}` is a fraction of the box's shorter side"),
                );
            }
        }
        let line_height = b.line_height.unwrap_or(1.2);
        if !(0.8..=3.0).contains(&line_height) {
            self.error(
                &format!("{path}.line-height"),
                "`line-height` must be between 0.8 and 3",
                "1.2 is usual",
            );
        }
        let color = b
            .color
            .as_deref()
            .and_then(|c| self.colour(&format!("{path}.color"), c, palette))
            .unwrap_or(Colour::rgb(0, 0, 0));
        let background = b
            .background
            .as_deref()
            .and_then(|c| self.colour(&format!("{path}.background"), c, palette));
        let fade_to = b
            .fade_to
            .as_deref()
            .and_then(|c| self.colour(&format!("{path}.fade-to"), c, palette));
        Some(DesignBox {
            slot,
            x: x as f32,
            y: y as f32,
            w: w as f32,
            h: h as f32,
            bleed: b.bleed.unwrap_or(false),
            font: b.font.unwrap_or_default(),
            weight: b.weight.unwrap_or_default(),
            size: (size.0 as f32, size.1 as f32),
            line_height: line_height as f32,
            color,
            color_name: b
                .color
                .as_ref()
                .filter(|c| palette.contains_key(c.trim()))
                .map(|c| c.trim().to_string()),
            background,
            padding: b
                .padding
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
                .clamp(0.0, 0.45) as f32,
            radius: b
                .radius
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
                .clamp(0.0, 0.5) as f32,
            align: b.align.unwrap_or_default(),
            valign: b.valign.unwrap_or_default(),
            fit: b.fit.unwrap_or_default(),
            fade_to,
            uppercase: b.uppercase.unwrap_or(false),
            flow: b
                .flow
                .as_deref()
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_design_gets_design_advice() {
        let e = parse("", "design.yaml").err().unwrap_or_default();
        assert!(e[0].message.contains("empty"), "{e:?}");
        let help = e[0].help().unwrap_or_default().to_string();
        assert!(help.contains("design") && !help.contains("init"), "{help}");
    }

    #[test]
    fn bundled_designs_are_valid_and_complete() {
        for name in crate::assets::design_names() {
            let d = bundled(name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            for family in FamilyKind::ALL {
                let slots = d.slots(family);
                assert!(
                    slots.contains(&"hashtag") && slots.contains(&"qr"),
                    "{name}/{family}: {slots:?}"
                );
                assert!(slots.contains(&"headline"), "{name}/{family}: {slots:?}");
            }
        }
    }

    #[test]
    fn design_errors_name_the_path() {
        let text = "name: x\npalette: {ink: '#000'}\nfamilies:\n  square:\n    boxes:\n      - {slot: headline, x: 1.5, color: inky}\n";
        let errs = parse(text, "d.yaml").unwrap_err();
        let paths: Vec<&str> = errs.iter().map(|d| d.path.as_str()).collect();
        assert!(paths.contains(&"families.square.boxes[0].x"), "{paths:?}");
        assert!(
            paths.contains(&"families.square.boxes[0].color"),
            "{paths:?}"
        );
        assert!(
            errs.iter()
                .any(|d| d.message.contains("no `portrait` family"))
        );
    }
}
