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
    /// More significant digits than [`TYPED_DIGITS`] ([`parse_typed`]).
    TooManyDigits,
}

/// The most significant digits [`parse_typed`] takes: more than any indicator's precision.
pub const TYPED_DIGITS: usize = 15;

/// Parses a number typed by a person. Accepts either decimal mark ("99,8" and "99.8" in both
/// languages); when both marks appear, the last one is the decimal mark and the other groups
/// thousands ("1.234,5" or "1,234.5"). Spaces are ignored; a leading "+", "-" or "−" is a sign.
pub fn parse(text: &str) -> Result<f64, ParseError> {
    let normalised = normalise(text)?;
    match exact(&normalised) {
        Some(v) => Ok(v),
        None => normalised
            .parse::<f64>()
            .map_err(|_| ParseError::NotANumber),
    }
}

/// A number typed in the app's fields: as [`parse`] (the same number, to the last bit), but of
/// at most [`TYPED_DIGITS`] significant digits, converted with one exact operation (no general
/// conversion, whose tables would weigh on the app's first download).
pub fn parse_typed(text: &str) -> Result<f64, ParseError> {
    exact(&normalise(text)?).ok_or(ParseError::TooManyDigits)
}

/// The value of a plain decimal (`[+-]digits[.digits]`) of at most [`TYPED_DIGITS`]
/// significant digits and a power of ten within 10^±22: its digits as an integer (exact in a
/// float below 2^53) times or divided by a power of ten (exact up to 10^22), one correctly
/// rounded operation, which gives the float nearest the decimal (Clinger's fast path). `None`
/// outside it.
fn exact(normalised: &str) -> Option<f64> {
    let (negative, body) = match normalised.as_bytes().first() {
        Some(b'-') => (true, &normalised[1..]),
        Some(b'+') => (false, &normalised[1..]),
        _ => (false, normalised),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let frac = frac.trim_end_matches('0');
    let digits: String = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    // Trailing zeros of the integer part go into the power of ten.
    let (significant, zeros) = if frac.is_empty() {
        let s = digits.trim_end_matches('0');
        (s, digits.len() - s.len())
    } else {
        (digits, 0)
    };
    if significant.len() > TYPED_DIGITS || !significant.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m = significant.parse::<u64>().unwrap_or(0) as f64;
    let e = zeros as i32 - frac.len() as i32;
    if e.abs() > 22 {
        return None;
    }
    let p = 10f64.powi(e.abs());
    let v = if e >= 0 { m * p } else { m / p };
    Some(if negative { -v } else { v })
}

/// The text as a plain decimal (`[+-]digits[.digits]`), or why it is not a number.
fn normalise(text: &str) -> Result<String, ParseError> {
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
    // One decimal mark at most ("1,234.5.6" is not a number).
    if !ok || normalised.matches('.').count() > 1 || !normalised.chars().any(|c| c.is_ascii_digit())
    {
        return Err(ParseError::NotANumber);
    }
    Ok(normalised)
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

    /// The typed numbers' conversion gives what the general one gives, to the last bit, for
    /// every plain decimal of up to 15 significant digits (a fixed sample); more digits are
    /// refused with their own reason.
    #[test]
    fn typed_numbers_are_the_general_conversion_to_the_last_bit() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..20_000 {
            let digits = 1 + next(15) as usize;
            let mut s: String = (0..digits)
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let point = next(digits as u64 + 1) as usize;
            if point < digits {
                s.insert(point, '.');
            }
            if next(4) == 0 {
                s.insert(0, '-');
            }
            let s = format!("{s}{}", "0".repeat(next(5) as usize));
            let general: f64 = s.parse().expect("a decimal");
            let typed = parse_typed(&s).expect("typed");
            assert_eq!(typed.to_bits(), general.to_bits(), "{s}");
            assert_eq!(parse(&s).map(f64::to_bits), Ok(general.to_bits()), "{s}");
        }
        assert_eq!(
            parse_typed("1234567890123456"),
            Err(ParseError::TooManyDigits)
        );
        assert_eq!(
            parse_typed("0,1234567890123456"),
            Err(ParseError::TooManyDigits)
        );
        // One significant digit, 25 decimal places: refused too (the app's message names both
        // limits), where 22 places are taken exactly.
        assert_eq!(
            parse_typed("0,0000000000000000000000001"),
            Err(ParseError::TooManyDigits)
        );
        assert_eq!(
            parse_typed("0,0000000000000000000001").map(f64::to_bits),
            Ok(1e-22f64.to_bits())
        );
        assert_eq!(
            parse("0,1234567890123456789"),
            "0.1234567890123456789"
                .parse::<f64>()
                .map_err(|_| ParseError::NotANumber)
        );
        assert_eq!(parse_typed("1.234,5"), Ok(1234.5));
        assert_eq!(parse_typed("abc"), Err(ParseError::NotANumber));
        assert_eq!(parse_typed("1000000000000000000000"), Ok(1e21));
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
        assert_eq!(parse("1,234.5.6"), Err(ParseError::NotANumber));
        assert_eq!(parse_typed("1,234.5.6"), Err(ParseError::NotANumber));
        assert_eq!(parse("1.234,5,6"), Err(ParseError::NotANumber));
        assert_eq!(parse("-"), Err(ParseError::NotANumber));
        assert_eq!(parse("NaN"), Err(ParseError::NotANumber));
        assert_eq!(parse("inf"), Err(ParseError::NotANumber));
    }
}
