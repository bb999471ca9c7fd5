//! Paper sizes by name, in points, portrait.

use super::units::{PT_PER_IN, PT_PER_MM};

/// The names the campaign file accepts (its schema lists them).
pub(crate) use crate::raw::campaign::PAPER_NAMES as NAMES;

/// Width and height (portrait) of a named paper size, in points.
pub(crate) fn named(name: &str) -> Option<(f64, f64)> {
    let inch = |w: f64, h: f64| Some((w * PT_PER_IN, h * PT_PER_IN));
    let mm = |w: f64, h: f64| Some((w * PT_PER_MM, h * PT_PER_MM));
    match name.to_ascii_lowercase().as_str() {
        "letter" => inch(8.5, 11.0),
        "legal" => inch(8.5, 14.0),
        "tabloid" => inch(11.0, 17.0),
        "a4" => mm(210.0, 297.0),
        "a3" => mm(297.0, 420.0),
        "a2" => mm(420.0, 594.0),
        "18x24in" => inch(18.0, 24.0),
        "24x36in" => inch(24.0, 36.0),
        _ => None,
    }
}

/// Smallest and largest poster side, in points (3 in and 200 in).
pub(crate) const MIN_SIDE_PT: f64 = 3.0 * PT_PER_IN;
pub(crate) const MAX_SIDE_PT: f64 = 200.0 * PT_PER_IN;

#[cfg(test)]
mod tests {
    #[test]
    fn a4_is_595_by_842() {
        let (w, h) = super::named("A4").unwrap();
        assert!((w - 595.2756).abs() < 1e-3 && (h - 841.8898).abs() < 1e-3);
        for n in super::NAMES {
            assert!(super::named(n).is_some(), "{n}");
        }
    }
}
