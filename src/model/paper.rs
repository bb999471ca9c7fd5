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
        other => sized(other),
    }
}

/// `WxH` with a unit, as people write paper sizes: `11x17in`, `8.5 x 11 in`, `210x297mm`,
/// `30×40cm`.
fn sized(name: &str) -> Option<(f64, f64)> {
    let (w, h, unit) = dimensions(name)?;
    let per = match unit {
        "in" => PT_PER_IN,
        "mm" => PT_PER_MM,
        "cm" => 10.0 * PT_PER_MM,
        _ => return None,
    };
    Some((w * per, h * per))
}

/// `WxH` and its unit (empty when none is written).
pub(crate) fn dimensions(name: &str) -> Option<(f64, f64, &str)> {
    let t = name.trim();
    let (w, rest) = t.split_once(['x', 'X', '×'])?;
    let rest = rest.trim();
    let unit_at = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (h, unit) = rest.split_at(unit_at);
    let (w, h): (f64, f64) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()).then_some((w, h, unit.trim()))
}

/// For `WxH` written without a unit: the size it most likely means, as it should be written,
/// with the name of the paper it is, if it is one (`11x17` → `11x17in`, tabloid).
pub(crate) fn without_unit(name: &str) -> Option<String> {
    let (w, h, unit) = dimensions(name)?;
    if !unit.is_empty() {
        return None;
    }
    // Paper in inches is under 100 a side; in millimetres over 100.
    let unit = if w.max(h) < 100.0 { "in" } else { "mm" };
    let written = format!("{w}x{h}{unit}");
    let (pw, ph) = sized(&written)?;
    let known = NAMES.iter().find(|n| {
        named(n).is_some_and(|(a, b)| {
            let same = |x: f64, y: f64| (x - y).abs() < 2.0;
            (same(a, pw) && same(b, ph)) || (same(a, ph) && same(b, pw))
        })
    });
    Some(match known {
        Some(n) if !n.contains('x') => format!("`{written}` (or `{n}`)"),
        _ => format!("`{written}`"),
    })
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
