//! Colours as written in campaign and design files (any opaque CSS colour: `#rrggbb`, `#rgb`,
//! `rgb(r, g, b)`, the CSS names, …, read by svgtypes), and their WCAG contrast.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub(crate) const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Colour { r, g, b }
    }

    pub(crate) fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG relative luminance.
    pub(crate) fn luminance(&self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub(crate) fn contrast(&self, other: &Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

pub(crate) const COLOUR_HELP: &str =
    "write `#rrggbb`, `#rgb`, `rgb(r, g, b)` or a CSS colour name such as `navy`";

/// Parse a colour as written in a campaign or design file: any opaque CSS colour.
pub(crate) fn parse_colour(text: &str) -> Result<Colour, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let quoted = crate::suggest::short(text);
    // svgtypes knows the names of SVG 1.1; CSS Color 4 added this one.
    if lower == "rebeccapurple" {
        return Ok(Colour::rgb(0x66, 0x33, 0x99));
    }
    let is_rgb = lower.starts_with("rgb");
    match t.parse::<svgtypes::Color>() {
        Ok(c) if c.alpha < 255 => Err(format!(
            "`{quoted}` is see-through; colours here are opaque"
        )),
        Ok(c) if !is_rgb || numbers_fit_a_byte(&lower) => Ok(Colour::rgb(c.red, c.green, c.blue)),
        _ if is_rgb => Err(format!("`{quoted}` is not rgb(r, g, b) with numbers 0–255")),
        _ if t.starts_with('#') => Err(format!("`{quoted}` is not a hex colour")),
        _ => {
            let names: Vec<&str> = CSS_NAMES.split_whitespace().collect();
            Err(match crate::suggest::closest(&lower, &names) {
                Some(c) => format!("`{quoted}` is not a colour; did you mean `{c}`?"),
                None => format!("`{quoted}` is not a colour"),
            })
        }
    }
}

/// svgtypes reads `rgb(300, 0, 0)` as red, as CSS does; in a file, 300 is more likely a typo.
fn numbers_fit_a_byte(rgb: &str) -> bool {
    rgb.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|n| n.parse::<f64>().ok())
        .all(|n| (0.0..=255.0).contains(&n))
}

/// The CSS Color Module Level 4 named colours, for "did you mean".
const CSS_NAMES: &str = "\
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet \
    brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan \
    darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta \
    darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue \
    darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey \
    dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray \
    green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush \
    lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray \
    lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray \
    lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine \
    mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen \
    mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy \
    oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise \
    palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red \
    rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue \
    slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise \
    violet wheat white whitesmoke yellow yellowgreen";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_notation() {
        assert_eq!(parse_colour("#0B1F3A"), Ok(Colour::rgb(0x0b, 0x1f, 0x3a)));
        assert_eq!(parse_colour("#fff"), Ok(Colour::rgb(255, 255, 255)));
        assert_eq!(
            parse_colour("rgb(242, 179, 61)"),
            Ok(Colour::rgb(242, 179, 61))
        );
        assert_eq!(parse_colour("Navy"), Ok(Colour::rgb(0, 0, 128)));
        assert!(parse_colour("#12345").is_err());
        assert!(parse_colour("rgb(300,0,0)").is_err());
        assert!(parse_colour("navyy").unwrap_err().contains("navy"));
    }

    #[test]
    fn every_css_name_is_a_colour() {
        for name in CSS_NAMES.split_whitespace() {
            assert!(parse_colour(name).is_ok(), "{name}");
        }
        assert_eq!(CSS_NAMES.split_whitespace().count(), 148);
        assert_eq!(
            parse_colour("RebeccaPurple"),
            Ok(Colour::rgb(0x66, 0x33, 0x99))
        );
        assert_eq!(parse_colour(" teal "), Ok(Colour::rgb(0, 0x80, 0x80)));
    }

    #[test]
    fn out_of_range_and_see_through_colours_are_refused() {
        for bad in [
            "rgb(-1, 0, 0)",
            "rgb(0, 256, 0)",
            "rgb(1, 2)",
            "rgb(1, 2, 3",
            "#12",
            "#ggg",
        ] {
            assert!(parse_colour(bad).is_err(), "{bad}");
        }
        assert!(
            parse_colour("transparent")
                .unwrap_err()
                .contains("see-through")
        );
        assert!(
            parse_colour("#ff000080")
                .unwrap_err()
                .contains("see-through")
        );
        assert!(parse_colour("rgb(300,0,0)").unwrap_err().contains("0–255"));
        assert!(parse_colour("#12345").unwrap_err().contains("hex colour"));
        // More of CSS than the three notations the help names.
        assert_eq!(parse_colour("rgb(0 128 255)"), Ok(Colour::rgb(0, 128, 255)));
        assert_eq!(parse_colour("#00ff00ff"), Ok(Colour::rgb(0, 255, 0)));
        assert_eq!(
            parse_colour("hsl(120, 100%, 25%)"),
            Ok(Colour::rgb(0, 128, 0))
        );
    }

    #[test]
    fn contrast_matches_wcag() {
        let black = Colour::rgb(0, 0, 0);
        let white = Colour::rgb(255, 255, 255);
        assert!((black.contrast(&white) - 21.0).abs() < 1e-9);
        assert!((white.contrast(&white) - 1.0).abs() < 1e-9);
    }
}
