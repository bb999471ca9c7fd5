//! The canvas of each social platform: its family in the design and its safe area.

use crate::design::{Design, FamilyKind};
use crate::model::SocialFormat;
use crate::scene::Rect;

use super::Canvas;

/// The design family a platform size uses.
pub(crate) fn family_of(f: &SocialFormat) -> FamilyKind {
    let ratio = f.height as f32 / f.width as f32;
    if (ratio - 1.0).abs() < 0.05 {
        FamilyKind::Square
    } else if ratio >= 1.7 {
        FamilyKind::Story
    } else if ratio > 1.0 {
        FamilyKind::Portrait
    } else {
        FamilyKind::Landscape
    }
}

/// The smallest text on a social image: 2.2 % of its height (24 px on a 1080 px square), with
/// the height counted as at most 1.25 × the width (a 9:16 story counts as 4:5: phones show it
/// at the width of the screen); a headline's: 4 %.
pub(crate) const FLOOR: f32 = 0.022;
pub(crate) const HEADLINE_FLOOR: f32 = 0.04;

/// Margin kept clear of text on every side: 6 % of the shorter side.
pub(crate) const MARGIN: f32 = 0.06;

pub(crate) fn canvas<'a>(design: &'a Design, f: &'a SocialFormat) -> Option<Canvas<'a>> {
    let family = design.families.get(&family_of(f))?;
    let (w, h) = (f.width as f32, f.height as f32);
    let m = (w.min(h) * MARGIN).round();
    let top = f.unsafe_top as f32 + m;
    let bottom = f.unsafe_bottom as f32 + m;
    Some(Canvas {
        family,
        what: format!("the {} image", f.name),
        width: w,
        height: h,
        type_height: h,
        safe: Rect::new(m, top, w - 2.0 * m, h - top - bottom),
        bleed: Rect::new(0.0, 0.0, w, h),
        channel: f.channel,
        group: None,
        min_qr: 0.0,
        trim: None,
        whole_modules: true,
        floor: FLOOR * h.min(1.25 * w),
        headline_floor: HEADLINE_FLOOR / FLOOR,
        group_size: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::social::ALL;

    #[test]
    fn families_by_shape() {
        let fam = |n: &str| family_of(ALL.iter().find(|f| f.name == n).unwrap());
        assert_eq!(fam("instagram-square"), FamilyKind::Square);
        assert_eq!(fam("instagram-portrait"), FamilyKind::Portrait);
        assert_eq!(fam("pinterest"), FamilyKind::Portrait);
        assert_eq!(fam("instagram-story"), FamilyKind::Story);
        assert_eq!(fam("facebook"), FamilyKind::Landscape);
        assert_eq!(fam("x"), FamilyKind::Landscape);
    }

    #[test]
    fn story_safe_area_avoids_the_platform_ui() {
        let d = crate::design::bundled("justice").unwrap();
        let f = ALL.iter().find(|f| f.name == "instagram-story").unwrap();
        let c = canvas(&d, f).unwrap();
        assert!(c.safe.y >= 250.0 && c.safe.bottom() <= 1920.0 - 340.0);
    }
}
