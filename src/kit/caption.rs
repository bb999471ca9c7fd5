//! The words beside the pictures: alt text for each image and the post caption.

use std::path::PathBuf;

use crate::kit::product::{Product, ProductKind};
use crate::model::Campaign;
use crate::scene::{Scene, TextItem};

/// Alt text: the campaign's description, then the words on the image as drawn, in order.
/// Kept under 1000 characters (the strictest platform limit) by shortening the body.
pub(crate) fn alt_text(c: &Campaign, scene: &Scene) -> String {
    let mut s = c.social.alt.trim_end_matches('.').to_string();
    s.push_str(". Text on the image: ");
    // The words as written in the campaign (not upper-cased for display).
    let original = |t: &TextItem| match t.source.as_str() {
        "title" => c.title.clone(),
        "subtitle" => c.subtitle.clone().unwrap_or_default(),
        "text.headline" => c.text.headline.clone(),
        _ => t.text.clone(),
    };
    let mut parts: Vec<String> = scene
        .texts()
        .map(|t| original(t).replace('\n', " "))
        .collect();
    let fixed: usize =
        s.chars().count() + parts.iter().map(|p| p.chars().count() + 3).sum::<usize>() + 40;
    if fixed > 1000
        && let Some(body) = scene.texts().position(|t| t.source == "text.body")
    {
        let keep = parts[body].chars().count().saturating_sub(fixed - 1000);
        parts[body] = parts[body].chars().take(keep).collect::<String>() + "…";
    }
    s.push_str(
        &parts
            .iter()
            .map(|p| p.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join(". "),
    );
    s.push_str(". A QR code links to the campaign.");
    s.chars().take(1000).collect()
}

/// The post text: caption, the link (tagged `utm_medium=social` when tracking is on), hashtag.
pub(crate) fn caption(c: &Campaign) -> Product {
    let mut a = Product::text(
        PathBuf::from("caption.txt"),
        ProductKind::Caption,
        c.post_text(),
    );
    a.campaign = Some(c.id.clone());
    a
}
