//! "Did you mean …?" — the closest known name to a mistyped one.

/// Edit distance (Levenshtein) over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

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
pub fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(59).collect::<String>())
    }
}

/// The closest candidate, if it is close enough to be a plausible typo. Long inputs are not
/// typos of short names, and comparing them would cost time, so they get no suggestion.
pub fn closest<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
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
        .map(|c| (*c, distance(&w, &normalise(c))))
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
pub fn key_help(wrong: &str, fields: &[&str]) -> String {
    match closest(wrong, fields) {
        Some(c) => format!("did you mean `{c}`? Keys allowed here: {}", list(fields)),
        None => format!("keys allowed here: {}", list(fields)),
    }
}

/// Help for a value that must be one of a list.
pub fn choice_help(wrong: &str, choices: &[&str]) -> String {
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
    fn distance_is_levenshtein() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
