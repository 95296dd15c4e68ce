//! What the SVG pictures share (the vuosikello and the indicator charts): the house colours
//! and font, coordinates written short, and text escaped for XML. No I/O.

/// The accent colour of headings and marks.
pub const ACCENT: &str = "#1d4f73";
/// Body text.
pub const INK: &str = "#1b1b1b";
/// Grid lines behind a chart's marks.
pub const GRID: &str = "#d5dde4";
/// Axis numbers and secondary lines.
pub const MUTED: &str = "#4a5a67";
/// The plan's serif, with fallbacks a browser has.
pub const FONT: &str = "'Libertinus Serif', Georgia, 'Times New Roman', serif";

/// A coordinate with one decimal at most ("12.5", "40").
pub fn f(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Escapes text for XML content and attribute values: the HTML escape (which XML reads the
/// same), after leaving out the control characters XML 1.0 does not allow at all.
pub fn xml_escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    crate::text::escape_html(&allowed)
}
