//! An indicator's small chart: its baseline, the values measured year by year and its target,
//! with the straight path from the baseline to the target that the on-track rule measures
//! against, as one SVG that the HTML page inlines and typst embeds (like `wheel.rs`). Drawn
//! to read in black and white and at phone width: each kind of mark has its own shape
//! (measurement a filled circle on a solid line, baseline a hollow square, target a diamond,
//! the path a dashed line), named in a legend, with the numbers written beside the marks.
//! Pure: numbers and strings in, a string out; every text is XML-escaped. No I/O.

use std::fmt::Write;

use super::svg::{ACCENT, FONT, GRID, INK, MUTED, f, xml_escape};
use crate::followup::{Point, Series};
use crate::numbers::MAX_NUMBER;
use crate::numbers::format_number;

/// The words the chart shows, in the edition's language.
#[derive(Debug, Clone)]
pub struct ChartText {
    /// The SVG's title (its accessible name).
    pub title: String,
    /// The SVG's description (the numbers in words).
    pub desc: String,
    /// Prefix for element ids, unique in the page.
    pub id: String,
    /// Legend: a measured value.
    pub measured: String,
    /// Legend: the baseline.
    pub baseline: String,
    /// Legend: the target.
    pub target: String,
    /// Legend: the straight path from the baseline to the target.
    pub path: String,
}

/// Width and height of the drawing, in SVG units: wide and low, so that it reads in a
/// column of text and on a phone held upright.
const W: f64 = 420.0;
const H: f64 = 270.0;
/// The plotting area's margins: room for the value axis on the left, the numbers above
/// the highest marks (below the legend) and the years below.
const LEFT: f64 = 52.0;
const RIGHT: f64 = 20.0;
const HEADROOM: f64 = 28.0;
const BOTTOM: f64 = 34.0;
/// A legend row's height.
const ROW: f64 = 24.0;

const FONT_SIZE: f64 = 15.0;
const LEGEND_SIZE: f64 = 14.0;

/// How a line is drawn: its colour, width and dashes.
struct Stroke {
    colour: &'static str,
    width: f64,
    dash: Option<&'static str>,
}

/// The measurements' line (in the plot, a polyline of the same stroke).
const MEASURED: Stroke = Stroke {
    colour: ACCENT,
    width: 3.0,
    dash: None,
};
/// The expected path from the baseline to the target.
const EXPECTED: Stroke = Stroke {
    colour: MUTED,
    width: 2.0,
    dash: Some("7 5"),
};
/// A target without a year: a dotted level.
const LEVEL: Stroke = Stroke {
    colour: INK,
    width: 1.6,
    dash: Some("2 4"),
};
/// The value axis's grid lines and its base line.
const GRID_LINE: Stroke = Stroke {
    colour: GRID,
    width: 1.0,
    dash: None,
};
const AXIS: Stroke = Stroke {
    colour: MUTED,
    width: 1.2,
    dash: None,
};

/// A straight line from `a` to `b`, drawn as `stroke` says: the plot and the legend draw
/// each kind of line with the same stroke.
fn line(s: &mut String, a: (f64, f64), b: (f64, f64), stroke: &Stroke) -> std::fmt::Result {
    write!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"",
        f(a.0),
        f(a.1),
        f(b.0),
        f(b.1),
        stroke.colour,
        f(stroke.width)
    )?;
    if let Some(dash) = stroke.dash {
        write!(s, " stroke-dasharray=\"{dash}\"")?;
    }
    s.push_str("/>");
    Ok(())
}

/// The baseline's mark: a hollow square of half-side `half` around (`cx`, `cy`).
fn square(s: &mut String, cx: f64, cy: f64, half: f64, stroke: f64) -> std::fmt::Result {
    write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"{INK}\" \
         stroke-width=\"{}\"/>",
        f(cx - half),
        f(cy - half),
        f(2.0 * half),
        f(2.0 * half),
        f(stroke)
    )
}

/// The target's mark: a hollow diamond reaching `r` from (`cx`, `cy`).
fn diamond(s: &mut String, cx: f64, cy: f64, r: f64, stroke: f64) -> std::fmt::Result {
    write!(
        s,
        "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"#fff\" stroke=\"{INK}\" \
         stroke-width=\"{}\"/>",
        f(cx),
        f(cy - r),
        f(cx + r),
        f(cy),
        f(cx),
        f(cy + r),
        f(cx - r),
        f(cy),
        f(stroke)
    )
}

/// A round step for about `count` intervals over `span`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_step(span: f64, count: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / count;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    // Whole numbers stay whole: no step of 0.25 on an axis of counts from 0 to 2.
    if power < 1.0 && step < 1.0 && span >= 2.0 {
        1.0
    } else {
        step
    }
}

/// The most grid lines the value axis draws, whatever its numbers: the lines are counted,
/// never stepped through until a number is reached (a step below a number's precision
/// would never reach it).
const MAX_GRID_LINES: usize = 12;

/// A number as the chart draws it: within ±[`MAX_NUMBER`] (what `check` lets through), so
/// that every span and coordinate the chart computes is finite; NaN draws as 0.
fn drawable(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-MAX_NUMBER, MAX_NUMBER)
    }
}

/// The value axis: from, to and step; from 0 when nothing is negative. Any numbers give a
/// finite axis whose step is more than zero and above what an f64 tells apart at its numbers.
pub fn value_axis(values: &[f64]) -> (f64, f64, f64) {
    let min = values
        .iter()
        .copied()
        .map(drawable)
        .fold(f64::INFINITY, f64::min);
    let max = values
        .iter()
        .copied()
        .map(drawable)
        .fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() {
        return (0.0, 1.0, 1.0);
    }
    let lo = min.min(0.0);
    // Numbers closer together than a billionth of their size count as one: an axis needs
    // steps an f64 tells apart (near 10^15 even one unit is below that).
    let room = lo.abs().max(max.abs()) * 1e-9;
    let hi = if max - lo > room {
        max
    } else {
        lo + room.max(1.0)
    };
    let step = nice_step(hi - lo, 4.0);
    let lo = (lo / step).floor() * step;
    let mut top = (hi / step).ceil() * step;
    if top - hi < step * 0.15 {
        // Room above the highest mark for its number.
        top += step;
    }
    (lo, top, step)
}

/// The chart as a standalone SVG document (no XML declaration, so it can be inlined in HTML
/// as it is). Its accessible name is `text.title`, its description `text.desc`.
pub fn chart_svg(series: &Series, text: &ChartText) -> String {
    let id = xml_escape(&text.id);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" \
         height=\"{H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"{FONT}\" font-size=\"{FONT_SIZE}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        xml_escape(&text.title),
        xml_escape(&text.desc),
    );
    let mut numbers: Vec<f64> = series.values.iter().map(|p| drawable(p.value)).collect();
    numbers.extend(series.baseline.map(|p| drawable(p.value)));
    numbers.extend(series.target_value.map(drawable));
    let (lo, mut hi, step) = value_axis(&numbers);
    // A share never goes past 100 %: the axis stops there when the marks do.
    if series.percent && hi > 100.0 && numbers.iter().all(|v| *v <= 100.0) && 100.0 > lo {
        hi = 100.0;
    }
    let mut years: Vec<i64> = series.values.iter().map(|p| p.year).collect();
    years.extend(series.baseline.map(|p| p.year));
    years.extend(series.target.map(|p| p.year));
    let first = years.iter().copied().min().unwrap_or(2024);
    let last = years.iter().copied().max().unwrap_or(first).max(first + 1);
    // Half a year of room at each end, so that no mark sits on the frame.
    let (x0, x1) = (first as f64 - 0.5, last as f64 + 0.5);
    let x = |year: f64| LEFT + (year - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    let top = legend(&mut s, series, text) + HEADROOM;
    // A mark off the axis (none is, but the axis may end at 100 %) stays near the plot.
    let y = |v: f64| {
        let share = ((drawable(v) - lo) / (hi - lo)).clamp(-0.5, 1.5);
        H - BOTTOM - if share.is_nan() { 0.0 } else { share } * (H - top - BOTTOM)
    };
    let unit = if series.percent { "\u{a0}%" } else { "" };

    // Value axis: light lines at round numbers, their numbers on the left; counted, so that
    // no number can make the loop long.
    let lines = ((hi - lo) / step + 0.01)
        .floor()
        .clamp(0.0, MAX_GRID_LINES as f64) as usize;
    for i in 0..=lines {
        let v = lo + step * i as f64;
        let yy = y(v);
        let _ = line(&mut s, (LEFT, yy), (W - RIGHT, yy), &GRID_LINE);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"end\" font-size=\"13\" \
             fill=\"{MUTED}\">{}</text>",
            f(LEFT - 8.0),
            f(yy),
            xml_escape(&format!("{}{unit}", format_number(v)))
        );
    }
    // Years along the bottom: every year, or every other when there are many.
    let every = ((last - first) / 8 + 1).max(1);
    let mut year = first;
    while year <= last {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" \
             fill=\"{MUTED}\">{year}</text>",
            f(x(year as f64)),
            f(H - BOTTOM + 20.0)
        );
        year += every;
    }
    let _ = line(&mut s, (LEFT, y(lo)), (W - RIGHT, y(lo)), &AXIS);

    // The path from the baseline to the target that the rule measures against.
    if let (Some(b), Some(t)) = (series.baseline, series.target) {
        let _ = line(
            &mut s,
            (x(b.year as f64), y(b.value)),
            (x(t.year as f64), y(t.value)),
            &EXPECTED,
        );
    }
    // A target without a year: a dotted level across the whole chart.
    if let (None, Some(tv)) = (series.target, series.target_value) {
        let _ = line(&mut s, (LEFT, y(tv)), (W - RIGHT, y(tv)), &LEVEL);
    }

    // Measurements: a solid line through filled circles, each number above its circle.
    let points: Vec<(f64, f64, &Point)> = series
        .values
        .iter()
        .map(|p| (x(p.year as f64), y(p.value), p))
        .collect();
    if points.len() > 1 {
        let d: Vec<String> = points
            .iter()
            .map(|(px, py, _)| format!("{} {}", f(*px), f(*py)))
            .collect();
        let _ = write!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" \
             stroke-linejoin=\"round\"/>",
            d.join(" "),
            MEASURED.colour,
            f(MEASURED.width)
        );
    }
    if let Some(b) = series.baseline {
        let (bx, by) = (x(b.year as f64), y(b.value));
        let _ = square(&mut s, bx, by, 7.0, 2.2);
        // Below the square, unless a measurement of the same year and number says it above.
        let same = points
            .iter()
            .any(|(_, _, p)| p.year == b.year && p.value == b.value);
        if !same {
            number(
                &mut s,
                bx,
                by + 24.0,
                &format!("{}{unit}", format_number(b.value)),
            );
        }
    }
    if let Some(t) = series.target {
        let (tx, ty) = (x(t.year as f64), y(t.value));
        let _ = diamond(&mut s, tx, ty, 10.0, 2.4);
        let measured_there = points.iter().any(|(_, _, p)| p.year == t.year);
        let dy = if measured_there { 28.0 } else { -16.0 };
        number(
            &mut s,
            tx,
            ty + dy,
            &format!("{}{unit}", format_number(t.value)),
        );
    } else if let Some(tv) = series.target_value {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"{INK}\" \
             stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{} {}</text>",
            f(W - RIGHT - 2.0),
            f(y(tv) - 6.0),
            xml_escape(&text.target),
            xml_escape(&format!("{}{unit}", format_number(tv)))
        );
    }
    for (px, py, p) in &points {
        let _ = write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{ACCENT}\" stroke=\"#fff\" \
             stroke-width=\"1.5\"/>",
            f(*px),
            f(*py)
        );
        number(
            &mut s,
            *px,
            py - 12.0,
            &format!("{}{unit}", format_number(p.value)),
        );
    }
    s.push_str("</svg>");
    s
}

/// A number beside a mark, in bold, with a white halo so that lines behind it do not cut it.
fn number(s: &mut String, x: f64, y: f64, words: &str) {
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{INK}\" \
         stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\" \
         paint-order=\"stroke\">{}</text>",
        f(x),
        f(y),
        xml_escape(words)
    );
}

/// The legend across the top: each kind of mark the chart holds, with its name, in two
/// columns. Returns where the legend ends.
fn legend(s: &mut String, series: &Series, text: &ChartText) -> f64 {
    let mut items: Vec<(&str, &str)> = vec![("measured", &text.measured)];
    if series.baseline.is_some() {
        items.push(("baseline", &text.baseline));
    }
    if series.target.is_some() || series.target_value.is_some() {
        items.push(("target", &text.target));
    }
    if series.baseline.is_some() && series.target.is_some() {
        items.push(("path", &text.path));
    }
    // Two columns: whatever the font (typst's in the PDF, the browser's in the HTML), the
    // words have half the width each and never run into the next mark.
    let column = (W - LEFT) / 2.0;
    let mut bottom = 0.0;
    for (i, (kind, words)) in items.into_iter().enumerate() {
        let cx = LEFT - 36.0 + column * (i % 2) as f64;
        let cy = ROW * (0.6 + (i / 2) as f64);
        bottom = cy;
        let (mx, my) = (cx + 11.0, cy);
        let _ = match kind {
            "measured" => line(s, (mx - 11.0, my), (mx + 11.0, my), &MEASURED).and_then(|()| {
                write!(
                    s,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"{ACCENT}\"/>",
                    f(mx),
                    f(my)
                )
            }),
            "baseline" => square(s, mx, my, 6.0, 2.0),
            "target" if series.target.is_none() => {
                line(s, (mx - 13.0, my), (mx + 13.0, my), &LEVEL)
            }
            "target" => diamond(s, mx, my, 8.0, 2.2),
            _ => line(s, (mx - 13.0, my), (mx + 13.0, my), &EXPECTED),
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" font-size=\"{LEGEND_SIZE}\" \
             fill=\"{INK}\">{}</text>",
            f(cx + 28.0),
            f(cy),
            xml_escape(words)
        );
    }
    bottom + ROW * 0.4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followup::Direction;

    fn text() -> ChartText {
        ChartText {
            title: "Mittari I1".into(),
            desc: "Kuvaus".into(),
            id: "c".into(),
            measured: "Mittaus".into(),
            baseline: "Lähtötaso".into(),
            target: "Tavoite".into(),
            path: "Tavoitepolku".into(),
        }
    }

    fn series() -> Series {
        Series {
            baseline: Some(Point {
                year: 2024,
                value: 40.0,
            }),
            baseline_value: Some(40.0),
            target: Some(Point {
                year: 2028,
                value: 75.0,
            }),
            target_value: Some(75.0),
            values: vec![
                Point {
                    year: 2024,
                    value: 40.0,
                },
                Point {
                    year: 2025,
                    value: 52.5,
                },
            ],
            percent: true,
            direction: Direction::Higher,
        }
    }

    #[test]
    fn round_steps_and_an_axis_from_zero() {
        assert_eq!(nice_step(80.0, 4.0), 20.0);
        assert_eq!(nice_step(10.0, 4.0), 2.5);
        assert_eq!(nice_step(3.0, 4.0), 1.0);
        assert_eq!(value_axis(&[40.0, 75.0, 52.5]), (0.0, 80.0, 20.0));
        let (lo, hi, _) = value_axis(&[-3.0, 5.0]);
        assert!(lo <= -3.0 && hi >= 5.0);
    }

    #[test]
    fn every_number_and_mark_is_drawn_and_named() {
        let svg = chart_svg(&series(), &text());
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        for words in [
            "52,5\u{a0}%",
            "40\u{a0}%",
            "75\u{a0}%",
            "2024",
            "2028",
            "Tavoitepolku",
            "Lähtötaso",
        ] {
            assert!(svg.contains(&format!(">{words}</text>")), "{words}");
        }
        assert!(svg.contains("<title id=\"c-title\">Mittari I1</title>"));
        // The path is dashed, the measurements solid: told apart without colour.
        assert!(svg.contains("stroke-dasharray=\"7 5\""));
        assert!(svg.contains("<polyline"));
    }

    /// Any numbers at all draw a chart of bounded size with finite coordinates: the edges of
    /// f64, numbers closer together than their precision, and what check would refuse.
    #[test]
    fn any_numbers_draw_a_bounded_chart() {
        let cases: [&[f64]; 9] = [
            &[-1.7e308, 1.7e308],
            &[f64::MAX, f64::MIN],
            &[-1e20],
            &[-1e15, -1e15 + 0.01],
            &[1e15, 1e15 - 0.125],
            &[f64::MIN_POSITIVE, 5e-324],
            &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY],
            &[-MAX_NUMBER, MAX_NUMBER],
            &[0.0],
        ];
        for numbers in cases {
            let mut s = series();
            s.values = numbers
                .iter()
                .enumerate()
                .map(|(i, &value)| Point {
                    year: 2024 + i as i64,
                    value,
                })
                .collect();
            s.baseline = Some(Point {
                year: 2024,
                value: numbers[0],
            });
            s.target_value = numbers.last().copied();
            let svg = chart_svg(&s, &text());
            assert!(svg.len() < 20_000, "{numbers:?}: {} bytes", svg.len());
            assert!(
                !svg.contains("NaN") && !svg.contains("inf"),
                "{numbers:?}: {svg}"
            );
            let (lo, hi, step) = value_axis(numbers);
            assert!(lo.is_finite() && hi.is_finite() && lo < hi, "{numbers:?}");
            assert!(step > 0.0 && lo + step > lo, "{numbers:?}: step {step}");
        }
    }

    #[test]
    fn small_numbers_keep_their_axis() {
        assert_eq!(value_axis(&[0.3]).2, 0.1);
        assert_eq!(value_axis(&[0.0, 0.001]).0, 0.0);
    }

    #[test]
    fn hostile_text_stays_text() {
        let mut t = text();
        t.title = "<script>x</script>".into();
        t.measured = "</text><svg onload=x>".into();
        let svg = chart_svg(&series(), &t);
        assert!(!svg.contains("<script") && !svg.contains("<svg onload"));
    }
}
