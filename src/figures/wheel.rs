//! The vuosikello: the reporting cycle drawn as a wheel of twelve months, as an SVG that the
//! HTML page inlines and typst embeds, so both editions show the same picture from the same
//! geometry. Each event is an arc on its months (a range over the turn of the year runs
//! through the top of the wheel) with its row number from the cycle table on it. Arcs that
//! share months go on separate tracks. Drawn to read in black and white: months are told
//! apart by shade and name, events by position and number, never by colour alone.
//! Pure: strings in, a string out; every text is XML-escaped. No I/O.

use super::svg::{ACCENT, FONT, INK, f, xml_escape};
use std::f64::consts::PI;
use std::fmt::Write;

/// One event of the cycle as the wheel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct WheelEvent {
    /// The number tying the mark to its table row.
    pub number: u32,
    /// First month, 1-12.
    pub from: u8,
    /// Last month, 1-12; smaller than `from` for a range over the turn of the year.
    pub to: u8,
}

/// The words the wheel shows, in the edition's language.
#[derive(Debug, Clone)]
pub struct WheelText {
    /// Short month names, January first (twelve of them).
    pub months: Vec<String>,
    /// Words in the middle of the wheel ("Vuosikello").
    pub centre: String,
    /// The SVG's title (its accessible name).
    pub title: String,
    /// The SVG's description (the events in words).
    pub desc: String,
    /// Prefix for element ids, unique in the page.
    pub id: String,
}

/// Side of the square drawing, in SVG units.
const SIZE: f64 = 480.0;
const C: f64 = SIZE / 2.0;
/// The month ring.
const MONTH_IN: f64 = 196.0;
const MONTH_OUT: f64 = 236.0;
/// The event tracks lie between the centre disc and the month ring.
const TRACK_OUT: f64 = 190.0;
const TRACK_IN: f64 = 70.0;
const CENTRE_R: f64 = 62.0;
/// With more tracks than this, the centre disc gives up room so marks stay legible.
const ROOMY_TRACKS: usize = 4;
const TRACK_IN_CROWDED: f64 = 44.0;
const CENTRE_R_CROWDED: f64 = 38.0;
/// A one-month event keeps this fraction of its month free at each end, so two events in
/// neighbouring months do not touch.
const INSET: f64 = 0.07;

/// Months an event covers, as a 12-bit mask (bit 0 = January).
pub fn month_mask(from: u8, to: u8) -> u16 {
    let (from, to) = (from.clamp(1, 12), to.clamp(1, 12));
    let mut mask = 0u16;
    let mut m = from;
    loop {
        mask |= 1 << (m - 1);
        if m == to {
            break;
        }
        m = m % 12 + 1;
    }
    mask
}

/// The event's span in months from the start of January: start and length (a range over
/// the turn of the year starts late and runs past 12).
pub fn span(from: u8, to: u8) -> (f64, f64) {
    let (from, to) = (from.clamp(1, 12), to.clamp(1, 12));
    let len = if to >= from {
        to - from + 1
    } else {
        to + 12 - from + 1
    };
    (f64::from(from - 1), f64::from(len))
}

/// Puts every event on a track (0 = outermost): the shortest events first, each on the
/// first track where it shares no month with an event already there. Returns the track of
/// each event, in the order given, and the number of tracks.
pub fn assign_tracks(events: &[WheelEvent]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| {
        let (start, len) = span(events[i].from, events[i].to);
        (len as u32, start as u32, i)
    });
    let mut tracks: Vec<u16> = Vec::new();
    let mut placed = vec![0; events.len()];
    for i in order {
        let mask = month_mask(events[i].from, events[i].to);
        let track = match tracks.iter().position(|t| t & mask == 0) {
            Some(t) => t,
            None => {
                tracks.push(0);
                tracks.len() - 1
            }
        };
        tracks[track] |= mask;
        placed[i] = track;
    }
    (placed, tracks.len())
}

/// The point at `month` (0.0 = start of January, clockwise from the top) and radius `r`.
pub fn point(month: f64, r: f64) -> (f64, f64) {
    let a = month / 12.0 * 2.0 * PI;
    (C + r * a.sin(), C - r * a.cos())
}

/// An annulus sector from month `a` to `b` between radii `r0` and `r1`, as path data.
fn sector(a: f64, b: f64, r0: f64, r1: f64) -> String {
    let large = if b - a > 6.0 { 1 } else { 0 };
    let (x0, y0) = point(a, r1);
    let (x1, y1) = point(b, r1);
    let (x2, y2) = point(b, r0);
    let (x3, y3) = point(a, r0);
    format!(
        "M{} {}A{} {} 0 {large} 1 {} {}L{} {}A{} {} 0 {large} 0 {} {}Z",
        f(x0),
        f(y0),
        f(r1),
        f(r1),
        f(x1),
        f(y1),
        f(x2),
        f(y2),
        f(r0),
        f(r0),
        f(x3),
        f(y3)
    )
}

/// The wheel as a standalone SVG document (no XML declaration, so it can be inlined in
/// HTML as it is). Its accessible name is `text.title`, its description `text.desc`.
pub fn wheel_svg(events: &[WheelEvent], text: &WheelText) -> String {
    let id = xml_escape(&text.id);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         width=\"{size}\" height=\"{size}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        xml_escape(&text.title),
        xml_escape(&text.desc),
        size = SIZE,
    );
    // The month ring: alternate shades, a white gap between months, names across the top.
    for m in 0..12 {
        let fill = if m % 2 == 0 { "#dfe8ef" } else { "#f1f5f8" };
        let _ = write!(
            s,
            "<path d=\"{}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"2\"/>",
            sector(f64::from(m), f64::from(m + 1), MONTH_IN, MONTH_OUT)
        );
    }
    for (m, name) in text.months.iter().take(12).enumerate() {
        let (x, y) = point(m as f64 + 0.5, (MONTH_IN + MONTH_OUT) / 2.0);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"14\" \
             font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            f(x),
            f(y),
            xml_escape(name)
        );
    }
    let (tracks, count) = assign_tracks(events);
    let (track_in, centre_r) = if count > ROOMY_TRACKS {
        (TRACK_IN_CROWDED, CENTRE_R_CROWDED)
    } else {
        (TRACK_IN, CENTRE_R)
    };
    // Month boundaries run in to the centre so that a reader can see where an arc begins.
    for m in 0..12 {
        let (x0, y0) = point(f64::from(m), centre_r);
        let (x1, y1) = point(f64::from(m), MONTH_IN);
        let width = if m % 3 == 0 { "1.4" } else { "0.8" };
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#9aa9b5\" \
             stroke-width=\"{width}\"/>",
            f(x0),
            f(y0),
            f(x1),
            f(y1)
        );
    }
    // Events: a band on its track, its number in a white disc in the middle of the band.
    let pitch = ((TRACK_OUT - track_in) / count.max(1) as f64).min(30.0);
    let band = pitch * 0.6;
    let disc = (pitch * 0.46).min(12.0);
    let mut marks = String::new();
    for (event, track) in events.iter().zip(tracks) {
        let r = TRACK_OUT - pitch * (track as f64 + 0.5);
        let (start, len) = span(event.from, event.to);
        let (a, b) = if len >= 12.0 {
            (0.0, 12.0)
        } else if len <= 1.0 {
            (start + INSET, start + len - INSET)
        } else {
            (start + INSET / 2.0, start + len - INSET / 2.0)
        };
        if len >= 12.0 {
            let _ = write!(
                s,
                "<circle cx=\"{C}\" cy=\"{C}\" r=\"{}\" fill=\"none\" stroke=\"{ACCENT}\" \
                 stroke-width=\"{}\"/>",
                f(r),
                f(band)
            );
        } else {
            let _ = write!(
                s,
                "<path d=\"{}\" fill=\"{ACCENT}\"/>",
                sector(a, b, r - band / 2.0, r + band / 2.0)
            );
        }
        let mid = if len >= 12.0 { 6.5 } else { (a + b) / 2.0 };
        let (x, y) = point(mid, r);
        let _ = write!(
            marks,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#fff\" stroke=\"{INK}\" \
             stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"middle\" \
             font-size=\"{}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            f(x),
            f(y),
            f(disc),
            f(x),
            f(y),
            f(disc * 1.15),
            event.number
        );
    }
    s.push_str(&marks);
    // The centre: the name of the picture, white on the accent colour.
    let _ = write!(
        s,
        "<circle cx=\"{C}\" cy=\"{C}\" r=\"{}\" fill=\"{ACCENT}\"/>\
         <text x=\"{C}\" y=\"{C}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"{}\" \
         font-weight=\"bold\" fill=\"#fff\">{}</text></svg>",
        f(centre_r),
        f(centre_font(&text.centre, centre_r)),
        xml_escape(&text.centre)
    );
    s
}

/// A font size at which `words` fit across the centre disc (about half an em per letter).
fn centre_font(words: &str, radius: f64) -> f64 {
    let letters = words.chars().count().max(1) as f64;
    (radius * 2.0 * 0.85 / (letters * 0.5)).clamp(8.0, 18.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(number: u32, from: u8, to: u8) -> WheelEvent {
        WheelEvent { number, from, to }
    }

    #[test]
    fn a_range_over_the_year_end_covers_december_and_january() {
        assert_eq!(month_mask(12, 1), 0b1000_0000_0001);
        assert_eq!(month_mask(11, 2), 0b1100_0000_0011);
        assert_eq!(span(12, 1), (11.0, 2.0));
        assert_eq!(month_mask(1, 12), 0xfff);
        assert_eq!(span(3, 3), (2.0, 1.0));
    }

    #[test]
    fn january_starts_at_the_top_and_july_at_the_bottom() {
        let (x, y) = point(0.0, 100.0);
        assert!((x - C).abs() < 1e-9 && (y - (C - 100.0)).abs() < 1e-9);
        let (x, y) = point(6.0, 100.0);
        assert!((x - C).abs() < 1e-9 && (y - (C + 100.0)).abs() < 1e-9);
        let (x, _) = point(3.0, 100.0);
        assert!(
            (x - (C + 100.0)).abs() < 1e-9,
            "April begins at three o'clock"
        );
    }

    #[test]
    fn events_sharing_a_month_go_on_separate_tracks() {
        let events = [
            ev(1, 1, 12),
            ev(2, 3, 3),
            ev(3, 3, 3),
            ev(4, 4, 5),
            ev(5, 12, 1),
        ];
        let (tracks, count) = assign_tracks(&events);
        assert_eq!(count, 3);
        for i in 0..events.len() {
            for j in i + 1..events.len() {
                let shared = month_mask(events[i].from, events[i].to)
                    & month_mask(events[j].from, events[j].to);
                if shared != 0 {
                    assert_ne!(tracks[i], tracks[j], "events {i} and {j} overlap");
                }
            }
        }
        // The whole-year event is the longest, so it takes the innermost track.
        assert_eq!(tracks[0], 2);
    }

    #[test]
    fn every_event_gets_its_number_on_the_wheel() {
        let text = WheelText {
            months: (1..=12).map(|m| format!("m{m}")).collect(),
            centre: "Vuosikello".into(),
            title: "Kuva".into(),
            desc: "Kuvaus".into(),
            id: "w".into(),
        };
        let svg = wheel_svg(&[ev(1, 1, 2), ev(2, 11, 1), ev(3, 1, 12)], &text);
        for n in 1..=3 {
            assert!(svg.contains(&format!(">{n}</text>")), "number {n}");
        }
        assert!(svg.contains(">m12</text>"));
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let text = WheelText {
            months: vec!["<script>alert(1)</script>".into(); 12],
            centre: "]]> & <b>".into(),
            title: "\"'><svg onload=x>".into(),
            desc: "<!-- -->\u{1}".into(),
            id: "a\"b".into(),
        };
        let svg = wheel_svg(&[ev(1, 1, 1)], &text);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<b>"));
        assert!(!svg.contains("<svg onload"));
        assert!(!svg.contains("<!--"));
        assert!(!svg.contains('\u{1}'));
        assert!(svg.contains("]]&gt; &amp; &lt;b&gt;"));
        assert!(svg.contains("id=\"a&quot;b-title\""));
    }
}
