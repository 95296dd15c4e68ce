//! One national indicator across counties: each county's measured values year by year as a
//! line of its own, for the comparison page. Drawn to read in black and white: every county
//! has its own mark (circle, square, triangle, diamond, ...) and dash, named in a legend
//! below the plot, and its latest number written beside its last mark. The page gives the
//! same numbers as a table. Pure: numbers and strings in, a string out; every text is
//! XML-escaped. No I/O.

use std::fmt::Write;

use super::chart::value_axis;
use super::svg::{FONT, GRID, INK, MUTED, f, xml_escape};
use crate::followup::Point;
use crate::numbers::format_number;

/// One county's line.
#[derive(Debug, Clone)]
pub struct Line {
    /// The county's name, for the legend.
    pub name: String,
    /// Its values, in year order.
    pub values: Vec<Point>,
}

/// The words the chart shows.
#[derive(Debug, Clone)]
pub struct LinesText {
    /// The accessible name.
    pub title: String,
    /// The description (the numbers in words).
    pub desc: String,
    /// Prefix for element ids, unique in the page.
    pub id: String,
}

const W: f64 = 520.0;
const PLOT_H: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 64.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;
const ROW: f64 = 24.0;
/// Colours that stay apart for common colour blindness (Okabe–Ito), dark enough on white.
const COLOURS: [&str; 6] = [
    "#1d4f73", "#b35900", "#00734d", "#a0306e", "#5b4a9e", "#7a6a00",
];
const DASHES: [Option<&str>; 3] = [None, Some("8 5"), Some("2 4")];
/// The most lines drawn apart; more counties than marks repeat them with another dash.
const MARKS: usize = 5;

/// A county's mark at (`x`, `y`): the `i`th shape, filled in its colour.
fn mark(s: &mut String, i: usize, x: f64, y: f64, colour: &str) {
    let r = 6.0;
    let _ = match i % MARKS {
        0 => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\"/>",
            f(x),
            f(y),
            f(r)
        ),
        1 => write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/>",
            f(x - r),
            f(y - r),
            f(2.0 * r),
            f(2.0 * r)
        ),
        2 => write!(
            s,
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{colour}\"/>",
            f(x),
            f(y - r - 1.0),
            f(x + r + 1.0),
            f(y + r),
            f(x - r - 1.0),
            f(y + r)
        ),
        3 => write!(
            s,
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{colour}\"/>",
            f(x),
            f(y - r - 1.0),
            f(x + r + 1.0),
            f(y),
            f(x),
            f(y + r + 1.0),
            f(x - r - 1.0),
            f(y)
        ),
        _ => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#fff\" stroke=\"{colour}\" \
             stroke-width=\"2.5\"/>",
            f(x),
            f(y),
            f(r - 1.0)
        ),
    };
}

fn stroke(i: usize) -> (&'static str, Option<&'static str>) {
    (
        COLOURS[i % COLOURS.len()],
        DASHES[(i / MARKS) % DASHES.len()],
    )
}

/// The chart as a standalone SVG (no XML declaration, to inline in HTML).
pub fn lines_svg(lines: &[Line], text: &LinesText) -> String {
    let id = xml_escape(&text.id);
    let height = TOP + PLOT_H + BOTTOM + ROW * lines.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {}\" width=\"{W}\" \
         height=\"{}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"{FONT}\" font-size=\"14\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        f(height),
        f(height),
        xml_escape(&text.title),
        xml_escape(&text.desc)
    );
    let numbers: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.values.iter().map(|p| p.value))
        .filter(|v| v.is_finite())
        .collect();
    let (lo, hi, step) = value_axis(&numbers);
    let years: Vec<i64> = lines
        .iter()
        .flat_map(|l| l.values.iter().map(|p| p.year))
        .collect();
    let first = years.iter().copied().min().unwrap_or(2024);
    let last = years.iter().copied().max().unwrap_or(first).max(first + 1);
    let (x0, x1) = (first as f64 - 0.5, last as f64 + 0.5);
    let x = |year: i64| LEFT + (year as f64 - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    let bottom = TOP + PLOT_H;
    let y = |v: f64| {
        let share = ((v - lo) / (hi - lo)).clamp(-0.5, 1.5);
        bottom - if share.is_nan() { 0.0 } else { share } * (PLOT_H - 8.0)
    };
    let grid = ((hi - lo) / step + 0.01).floor().clamp(0.0, 20.0) as usize;
    for i in 0..=grid {
        let v = lo + step * i as f64;
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>\
             <text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"end\" font-size=\"13\" \
             fill=\"{MUTED}\">{}</text>",
            f(LEFT),
            f(y(v)),
            f(W - RIGHT),
            f(y(v)),
            f(LEFT - 8.0),
            f(y(v)),
            xml_escape(&format_number(v))
        );
    }
    let every = ((last - first) / 8 + 1).max(1);
    let mut year = first;
    while year <= last {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" \
             fill=\"{MUTED}\">{year}</text>",
            f(x(year)),
            f(bottom + 20.0)
        );
        year += every;
    }
    for (i, line) in lines.iter().enumerate() {
        let (colour, dash) = stroke(i);
        let points: Vec<(f64, f64)> = line
            .values
            .iter()
            .filter(|p| p.value.is_finite())
            .map(|p| (x(p.year), y(p.value)))
            .collect();
        if points.len() > 1 {
            let d: Vec<String> = points
                .iter()
                .map(|(px, py)| format!("{} {}", f(*px), f(*py)))
                .collect();
            let _ = write!(
                s,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/>",
                d.join(" "),
                dash.map(|d| format!(" stroke-dasharray=\"{d}\""))
                    .unwrap_or_default()
            );
        }
        for (px, py) in &points {
            mark(&mut s, i, *px, *py, colour);
        }
        if let (Some((px, py)), Some(p)) = (points.last(), line.values.last()) {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" font-weight=\"bold\" fill=\"{INK}\" \
                 stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{}</text>",
                f(px + 10.0),
                f(*py),
                xml_escape(&format_number(p.value))
            );
        }
        // The legend row: the county's line and mark, then its name.
        let ly = bottom + BOTTOM + ROW * (i as f64 + 0.5);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/>",
            f(LEFT - 40.0),
            f(ly),
            f(LEFT - 8.0),
            f(ly),
            dash.map(|d| format!(" stroke-dasharray=\"{d}\""))
                .unwrap_or_default()
        );
        mark(&mut s, i, LEFT - 24.0, ly, colour);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" fill=\"{INK}\">{}</text>",
            f(LEFT),
            f(ly),
            xml_escape(&line.name)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_has_its_line_mark_and_name_escaped() {
        let lines = vec![
            Line {
                name: "Kainuu <script>".into(),
                values: vec![
                    Point {
                        year: 2023,
                        value: 8.6,
                    },
                    Point {
                        year: 2024,
                        value: 9.1,
                    },
                ],
            },
            Line {
                name: "Keski-Pohjanmaa".into(),
                values: vec![Point {
                    year: 2024,
                    value: 6.3,
                }],
            },
        ];
        let text = LinesText {
            title: "sotkanet:5".into(),
            desc: "Kainuu 9,1 (2024)".into(),
            id: "c1".into(),
        };
        let svg = lines_svg(&lines, &text);
        assert!(svg.contains("Kainuu &lt;script&gt;"));
        assert!(!svg.contains("<script"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains(">9,1</text>") && svg.contains(">6,3</text>"));
        assert!(
            svg.contains("<rect"),
            "the second county's mark is a square"
        );
    }
}
