//! Where a line may break inside an e-mail or web address.

use parley::{LineBreakContext, LineBreakOverrideFn};

/// Whether a text holds an e-mail or web address, whose parts may be broken between lines.
pub(super) fn has_address(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        (w.contains('@') && w.contains('.'))
            || w.contains("://")
            || w.starts_with("www.")
            || (w.contains('/') && w.contains('.'))
    })
}

/// Break opportunities inside addresses: after `@`, `.`, `/`, `-` and `_` when a letter or digit
/// follows (so `sam@example.org` may break as `sam@` / `example.org`), never before them.
pub(super) static ADDRESS_BREAKS: &LineBreakOverrideFn =
    &(address_break as fn(LineBreakContext) -> Option<bool>);

fn address_break(cx: LineBreakContext) -> Option<bool> {
    let joiner = matches!(cx.before, '@' | '.' | '/' | '-' | '_');
    if joiner && cx.after.is_alphanumeric() && cx.before_before.is_some_and(char::is_alphanumeric) {
        Some(true)
    } else {
        None
    }
}
