//! Numbers as people write them: Vietnamese `0,7350` / `1.234,5`, English `0.7350` / `1,234.5`.

/// The two languages of the app.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
    fn separators(self) -> (char, char) {
        match self {
            Lang::Vi => (',', '.'),
            Lang::En => ('.', ','),
        }
    }
}

/// Formats `v` with exactly `decimals` decimals, the language's decimal mark and thousands
/// grouping. Non-finite values print as "–".
pub fn format(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let (dec, group) = lang.separators();
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::with_capacity(s.len() + 4);
    // "-0,0000" would be confusing: the sign only shows when the rounded value is not zero.
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    out
}

/// Formats a signed change: "+0,0123", "−2", "0".
pub fn format_signed(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format(v, decimals, lang);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotANumber,
}

/// Parses a number typed by a person. Accepts either decimal mark ("99,8" and "99.8" in both
/// languages); when both marks appear, the last one is the decimal mark and the other groups
/// thousands ("1.234,5" or "1,234.5"). Spaces are ignored; a leading "+", "-" or "−" is a sign.
pub fn parse(text: &str) -> Result<f64, ParseError> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    let t = t.replace('−', "-");
    let (last_dot, last_comma) = (t.rfind('.'), t.rfind(','));
    let normalised = match (last_dot, last_comma) {
        (Some(d), Some(c)) if d > c => t.replace(',', ""),
        (Some(_), Some(_)) => t.replace('.', "").replace(',', "."),
        (None, Some(_)) if t.matches(',').count() == 1 => t.replace(',', "."),
        (Some(_), None) if t.matches('.').count() == 1 => t,
        (None, None) => t,
        _ => return Err(ParseError::NotANumber),
    };
    let ok = normalised
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')));
    if !ok || !normalised.chars().any(|c| c.is_ascii_digit()) {
        return Err(ParseError::NotANumber);
    }
    normalised
        .parse::<f64>()
        .map_err(|_| ParseError::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_vietnamese_and_english() {
        assert_eq!(format(0.735, 4, Lang::Vi), "0,7350");
        assert_eq!(format(0.735, 4, Lang::En), "0.7350");
        assert_eq!(format(1234.5, 1, Lang::Vi), "1.234,5");
        assert_eq!(format(1234567.0, 0, Lang::En), "1,234,567");
        assert_eq!(format(-0.00001, 4, Lang::Vi), "0,0000");
        assert_eq!(format(-0.0123, 4, Lang::Vi), "−0,0123");
        assert_eq!(format_signed(0.0123, 4, Lang::En), "+0.0123");
        assert_eq!(format_signed(0.0, 0, Lang::En), "0");
        assert_eq!(format(f64::NAN, 2, Lang::En), "–");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse("99,8"), Ok(99.8));
        assert_eq!(parse("99.8"), Ok(99.8));
        assert_eq!(parse(" 1.234,5 "), Ok(1234.5));
        assert_eq!(parse("1,234.5"), Ok(1234.5));
        assert_eq!(parse("−3"), Ok(-3.0));
        assert_eq!(parse("40"), Ok(40.0));
        assert_eq!(parse(""), Err(ParseError::Empty));
        assert_eq!(parse("   "), Err(ParseError::Empty));
        assert_eq!(parse("abc"), Err(ParseError::NotANumber));
        assert_eq!(parse("9e9"), Err(ParseError::NotANumber));
        assert_eq!(parse("1.2.3"), Err(ParseError::NotANumber));
        assert_eq!(parse("1,2,3"), Err(ParseError::NotANumber));
        assert_eq!(parse("-"), Err(ParseError::NotANumber));
        assert_eq!(parse("NaN"), Err(ParseError::NotANumber));
        assert_eq!(parse("inf"), Err(ParseError::NotANumber));
    }
}
