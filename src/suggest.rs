//! "Did you mean …?" — the closest known name to a mistyped one.

/// Lower-case, with `_`, spaces and `-` treated alike, so `call_to_action` finds `call-to-action`.
fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c == '_' || c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// A value as quoted in a message: at most 60 characters.
pub(crate) fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(59).collect::<String>())
    }
}

/// The closest candidate, if it is close enough to be a plausible typo. Long inputs are not
/// typos of short names, and comparing them would cost time, so they get no suggestion.
pub(crate) fn closest<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if wrong.len() > 64 {
        return None;
    }
    let w = normalise(wrong);
    if w.is_empty() || w == "~" {
        return None;
    }
    if let Some(exact) = candidates.iter().find(|c| normalise(c) == w) {
        return Some(exact);
    }
    let compact = |s: &str| s.replace('-', "");
    if let Some(c) = candidates
        .iter()
        .find(|c| compact(&normalise(c)) == compact(&w))
    {
        return Some(c);
    }
    let (best, d) = candidates
        .iter()
        .map(|c| (*c, strsim::levenshtein(&w, &normalise(c))))
        .min_by_key(|(_, d)| *d)?;
    let limit = (w.chars().count().max(best.len()) / 3).max(1);
    (d <= limit).then_some(best)
}

fn list(candidates: &[&str]) -> String {
    candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Help for an unknown key: the suggestion, then what is allowed here.
pub(crate) fn key_help(wrong: &str, fields: &[&str]) -> String {
    match closest(wrong, fields) {
        Some(c) => format!("did you mean `{c}`? Keys allowed here: {}", list(fields)),
        None => format!("keys allowed here: {}", list(fields)),
    }
}

/// Help for a value that must be one of a list.
pub(crate) fn choice_help(wrong: &str, choices: &[&str]) -> String {
    match closest(wrong, choices) {
        Some(c) => format!("did you mean `{c}`? Choose one of: {}", list(choices)),
        None => format!("choose one of: {}", list(choices)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_spellings() {
        let keys = ["campaign", "hashtag", "headline", "call-to-action", "body"];
        assert_eq!(closest("hashtg", &keys), Some("hashtag"));
        assert_eq!(closest("call_to_action", &keys), Some("call-to-action"));
        assert_eq!(closest("CallToAction", &keys), Some("call-to-action"));
        assert_eq!(closest("zebra", &keys), None);
        assert_eq!(
            closest("instagram_sqare", &["instagram-square", "x"]),
            Some("instagram-square")
        );
    }

    #[test]
    fn a_typo_must_be_close_for_its_length() {
        // Edit distance over characters, not bytes: one accent is one edit.
        assert_eq!(closest("tèal", &["teal", "tan"]), Some("teal"));
        // A third of the length (at least one edit) is the most a typo may be off by, and
        // swapped letters are two edits.
        assert_eq!(closest("nvay", &["navy"]), None);
        assert_eq!(
            closest("rebeccapurpel", &["rebeccapurple"]),
            Some("rebeccapurple")
        );
        assert_eq!(closest("gren", &["green", "grey"]), Some("green"));
        assert_eq!(closest(&"a".repeat(65), &["a"]), None);
    }
}
