//! Lengths with units, resolved to PostScript points (1 in = 72 pt).

pub(crate) const PT_PER_IN: f64 = 72.0;
pub(crate) const PT_PER_MM: f64 = 72.0 / 25.4;

/// Parse a length such as `3mm`, `0.125in`, `11 in`, `612pt`, `96px` or `0.5m` into points.
/// Returns a message suitable for a diagnostic on failure.
pub(crate) fn parse_length(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let text = &crate::suggest::short(text);
    if t.len() > 40 {
        return Err(format!("`{text}` is not a length"));
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let unit = unit.trim();
    let mut rest = unit.chars();
    if matches!(rest.next(), Some('e' | 'E'))
        && rest
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
    {
        return Err(format!(
            "`{text}` is written with an exponent; write the number out in full"
        ));
    }
    if number.is_empty() {
        return Err(format!("`{text}` is not a length"));
    }
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{number}` in `{text}` is not a number"))?;
    let per = match unit.to_ascii_lowercase().as_str() {
        "mm" => PT_PER_MM,
        "cm" => PT_PER_MM * 10.0,
        "m" => PT_PER_MM * 1000.0,
        "in" | "\"" => PT_PER_IN,
        "pt" => 1.0,
        "px" => 0.75,
        "" => return Err(format!("`{text}` has no unit")),
        other => return Err(format!("`{other}` is not a unit handbill knows")),
    };
    let pt = value * per;
    if !pt.is_finite() {
        return Err(format!("`{text}` is not a finite length"));
    }
    Ok(pt)
}

pub(crate) const LENGTH_HELP: &str =
    "write a number with a unit: mm, cm, m, in, pt or px (96 px = 1 in), e.g. `210mm` or `11in`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_to_points() {
        assert_eq!(parse_length("1in"), Ok(72.0));
        assert_eq!(parse_length("96px"), Ok(72.0));
        assert_eq!(parse_length(" 12 pt "), Ok(12.0));
        assert!((parse_length("25.4mm").unwrap() - 72.0).abs() < 1e-9);
        assert!((parse_length("0.5m").unwrap() - 1417.3228).abs() < 1e-3);
        assert!(parse_length("12").unwrap_err().contains("no unit"));
        assert!(
            parse_length("12 furlongs")
                .unwrap_err()
                .contains("furlongs")
        );
        assert!(parse_length("in").is_err());
        assert_eq!(parse_length("-3mm").map(|v| v < 0.0), Ok(true));
        assert!(parse_length("1e400in").unwrap_err().contains("exponent"));
        assert!(parse_length("2E-3mm").unwrap_err().contains("exponent"));
        assert!(
            parse_length("12em")
                .unwrap_err()
                .contains("`em` is not a unit")
        );
    }
}
