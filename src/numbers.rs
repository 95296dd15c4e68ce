//! Numbers as plans hold them and as Finnish and Swedish write them: the largest a plan may
//! have, digits grouped by a no-break space, a decimal comma, a real minus sign. Pure.

use std::collections::BTreeMap;

/// The largest number, either way, a plan's numbers may have (measured values, baseline
/// and target numbers): 10^15, a thousand million million, far past any indicator, and
/// small enough that whole numbers stay exact and a chart's axis finite. A baseline or
/// target text's first number beyond it is not read as a number (`followup::first_number`).
pub const MAX_NUMBER: f64 = 1e15;

/// 273000 → "273 000" with a no-break space, as Finnish and Swedish write numbers.
pub fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if n < 0 { format!("−{out}") } else { out }
}

/// A number as Finnish and Swedish write it: a decimal comma, at most two decimals, digits
/// of large numbers grouped by a no-break space, a real minus sign.
pub fn format_number(value: f64) -> String {
    // None reaches here from a plan (check refuses them), but none prints as "NaN".
    if value.is_nan() {
        return "–".to_owned();
    } else if value.is_infinite() {
        return if value < 0.0 { "−∞" } else { "∞" }.to_owned();
    }
    // Hundredths of a number this large are past f64's precision (and ×100 could overflow).
    let rounded = if value.abs() < 1e15 {
        (value * 100.0).round() / 100.0
    } else {
        value.round()
    };
    let sign = if rounded < 0.0 { "−" } else { "" };
    let abs = rounded.abs();
    let whole = abs.trunc();
    let frac = ((abs - whole) * 100.0).round() as u32;
    let mut out = if whole >= 1e18 {
        // Past i64 (only a number check refuses gets here): the digits f64 holds, grouped.
        let digits = format!("{whole:.0}");
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        grouped
    } else if whole >= 10_000.0 {
        group_digits(whole as i64)
    } else {
        format!("{whole:.0}")
    };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    format!("{sign}{out}")
}

/// Measured values as one line, "2024: 41; 2025: 77,5": the table's text and what the diff
/// compares; the redline reads this form back to compare year by year (`redline::yearly`).
pub fn format_values(values: &BTreeMap<i64, f64>) -> String {
    values
        .iter()
        .map(|(year, value)| format!("{year}: {}", format_number(*value)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_the_finnish_way() {
        assert_eq!(group_digits(273000), "273\u{a0}000");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1234567), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn writes_numbers_the_finnish_way() {
        assert_eq!(format_number(41.0), "41");
        assert_eq!(format_number(41.5), "41,5");
        assert_eq!(format_number(0.25), "0,25");
        assert_eq!(format_number(12345.0), "12\u{a0}345");
        assert_eq!(format_number(-2.0), "−2");
        assert_eq!(
            format_number(1e15),
            "1\u{a0}000\u{a0}000\u{a0}000\u{a0}000\u{a0}000"
        );
        let huge = format_number(-1.7e308);
        assert!(huge.starts_with("−169\u{a0}999"), "{huge}");
        assert_eq!(huge.chars().filter(char::is_ascii_digit).count(), 309);
        let values = BTreeMap::from([(2025, 77.0), (2024, 41.5)]);
        assert_eq!(format_values(&values), "2024: 41,5; 2025: 77");
    }
}
