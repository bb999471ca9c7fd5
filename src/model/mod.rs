//! Validated campaign: what the rest of handbill may assume. Lengths are in points,
//! colours parsed, URLs checked, files found and read, defaults filled in. Validation
//! collects every problem, each with file, line, YAML path and a fix.

pub(crate) mod colour;
pub mod files;
pub mod font_files;
pub(crate) mod link;
pub(crate) mod paper;
pub mod social;
pub(crate) mod units;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use colour::Colour;
pub(crate) use files::ImageFile;
pub(crate) use link::{Link, Tracking};
pub(crate) use social::{Channel, SocialFormat};
pub(crate) use validate::Loaded;
pub(crate) use validate::{copy_limit, load_campaign, validate_text};

pub(crate) use crate::raw::campaign::{ErrorCorrection, Finish, ImageFormat, Pages};

impl ErrorCorrection {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ErrorCorrection::Low => "low",
            ErrorCorrection::Medium => "medium",
            ErrorCorrection::Quartile => "quartile",
            ErrorCorrection::High => "high",
        }
    }

    /// Most bytes a QR code (version 40, byte mode) can hold at this level.
    pub(crate) fn max_bytes(self) -> usize {
        match self {
            ErrorCorrection::Low => 2953,
            ErrorCorrection::Medium => 2331,
            ErrorCorrection::Quartile => 1663,
            ErrorCorrection::High => 1273,
        }
    }
}

impl std::fmt::Display for ErrorCorrection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

/// Which design to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesignRef {
    Bundled(String),
    Folder(PathBuf),
}

#[derive(Debug, Clone)]
pub(crate) struct Paper {
    /// `a4`, `letter`, … or `custom`.
    pub(crate) name: String,
    /// Trim size as it will be printed (orientation applied), in points.
    pub(crate) width: f64,
    pub(crate) height: f64,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub(crate) name: String,
    pub(crate) when: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) contact: Option<String>,
    /// Unique among the campaign's groups; used in file names.
    pub(crate) slug: String,
    /// YAML path, e.g. `poster.groups[2]`.
    pub(crate) yaml_path: String,
}

#[derive(Debug, Clone)]
pub struct Poster {
    pub(crate) paper: Paper,
    pub(crate) finish: Finish,
    /// Distance people scan from, in points; the QR is at least a tenth of it wide.
    pub(crate) scan_distance: f64,
    /// Whether `poster.scan-distance` was written in the file (for pointing errors at it).
    pub(crate) scan_distance_given: bool,
    pub(crate) pages: Pages,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone)]
pub struct Social {
    pub formats: Vec<SocialFormat>,
    pub(crate) image_format: ImageFormat,
    pub(crate) caption: Option<String>,
    pub(crate) alt: String,
    pub(crate) max_bytes: u64,
}

#[derive(Debug, Clone)]
pub struct Text {
    pub headline: String,
    pub(crate) body: Option<String>,
    pub(crate) call_to_action: String,
}

/// A point of a picture, in fractions of its width (from the left) and height (from the top),
/// each in 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Focus {
    pub(crate) x: f32,
    pub(crate) y: f32,
}

#[derive(Debug, Clone)]
pub(crate) struct Qr {
    /// Name of the entry in `links`.
    pub(crate) link: String,
    pub(crate) error_correction: ErrorCorrection,
    pub(crate) logo: bool,
}

#[derive(Debug, Clone)]
pub struct Campaign {
    /// Where each field is in the file, for diagnostics found after validation.
    pub(crate) locator: Locator,
    /// The campaign file as the user named it.
    pub(crate) file: PathBuf,
    pub id: String,
    pub title: String,
    pub(crate) subtitle: Option<String>,
    pub author: String,
    pub hashtag: String,
    pub lang: String,
    pub design: DesignRef,
    pub(crate) accent: Option<Colour>,
    pub(crate) links: BTreeMap<String, Link>,
    pub(crate) tracking: Option<Tracking>,
    pub text: Text,
    pub hero: Option<ImageFile>,
    /// `images.hero-focus`, if written: the point of the hero photo a crop keeps in view.
    pub(crate) hero_focus: Option<Focus>,
    pub logo: Option<ImageFile>,
    /// The fonts it is set in: the bundled ones, its own (`fonts:`) and those of
    /// `--font-path`, with the families chosen for the design's roles (`typeface:`).
    pub fonts: std::sync::Arc<crate::fonts::FontSet>,
    pub(crate) qr: Qr,
    pub poster: Poster,
    pub social: Social,
    /// Output folder (absolute or relative to the working directory).
    pub(crate) output: PathBuf,
}

/// Finds the line of a YAML path in the campaign file, so that problems found later
/// (text that does not fit, a QR code that does not scan) still point at the field.
#[derive(Debug, Clone)]
pub(crate) struct Locator {
    pub(crate) display: String,
    pub(crate) text: std::sync::Arc<str>,
    pub(crate) spans: std::sync::Arc<std::collections::HashMap<String, crate::raw::Span>>,
}

impl Locator {
    /// A diagnostic at `path` (or its nearest parent that is in the file).
    pub(crate) fn diagnostic(
        &self,
        severity: crate::diag::Severity,
        path: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> crate::diag::Diagnostic {
        let mut d = crate::diag::Diagnostic::error(self.display.clone(), message)
            .with_path(path)
            .with_help(help);
        d.severity = severity;
        let mut p = path;
        loop {
            if let Some(span) = self.spans.get(p) {
                return d.at(&self.text, span.line, span.column, span.bytes());
            }
            match crate::raw::yaml::parent_path(p) {
                Some(parent) if !parent.is_empty() => p = parent,
                _ => return d,
            }
        }
    }

    pub(crate) fn error(
        &self,
        path: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> crate::diag::Diagnostic {
        self.diagnostic(crate::diag::Severity::Error, path, message, help)
    }

    pub(crate) fn warning(
        &self,
        path: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> crate::diag::Diagnostic {
        self.diagnostic(crate::diag::Severity::Warning, path, message, help)
    }
}

impl Campaign {
    /// The link the QR code opens.
    pub(crate) fn qr_link(&self) -> &Link {
        // Validation guarantees the QR link exists.
        &self.links[&self.qr.link]
    }

    /// The URL encoded in the QR code shown on `channel`.
    pub(crate) fn qr_url(&self, channel: Channel) -> url::Url {
        self.qr_link().for_channel(channel, self.tracking.as_ref())
    }

    /// The post text beside the images (`caption.txt`): the caption, then the QR link's label
    /// (or the title) and its address tagged `utm_medium=social`, then the hashtag.
    pub(crate) fn post_text(&self) -> String {
        let link = self.qr_url(Channel::Social);
        let label = self.qr_link().label.as_deref().unwrap_or(&self.title);
        let mut s = String::new();
        if let Some(cap) = &self.social.caption {
            s.push_str(cap.trim());
            s.push_str("\n\n");
        }
        s.push_str(&format!("{label}: {link}\n\n{}\n", self.hashtag));
        s
    }

    /// Every channel this kit shows a QR code on: print, then each social format's.
    pub(crate) fn channels(&self) -> Vec<Channel> {
        let mut out = vec![Channel::Print];
        for f in &self.social.formats {
            if !out.contains(&f.channel) {
                out.push(f.channel);
            }
        }
        out
    }
}
