//! Indicator follow-up: the numbers a chart and the on-track rule work from (baseline,
//! target, yearly measurements) and the rule itself, whose parameters are the template's data
//! (`follow_up:` in `template.yaml`). Says *whether* an indicator is on track and why, never
//! in which words (labels) or how it is drawn (`figures::chart`). Pure; no I/O.

use serde::{Deserialize, Serialize};

use crate::items::Indicator;
use crate::text::Text;

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A larger value is better (reports made, share of units reporting).
    #[default]
    Higher,
    /// A smaller value is better (waiting time, share left without a decision).
    Lower,
}

impl Direction {
    /// The direction an indicator's `direction:` field names.
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "higher" => Some(Direction::Higher),
            "lower" => Some(Direction::Lower),
            _ => None,
        }
    }
}

/// The template's on-track rule (`follow_up:` in `template.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rule {
    /// Which way an indicator should move when its target equals its baseline (keep the
    /// level) and it does not say (`direction:`). When they differ, the way from the
    /// baseline to the target is the direction.
    pub direction: Direction,
    /// The share of the straight line's progress the latest value must have covered to be
    /// on track: 1.0 is the straight line itself, 0.8 allows falling a fifth behind it.
    pub on_track_share: f64,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            direction: Direction::Higher,
            on_track_share: 1.0,
        }
    }
}

impl Rule {
    /// What is wrong with the rule itself, if anything.
    pub fn problem(&self) -> Option<String> {
        let share = self.on_track_share;
        (!(share.is_finite() && share > 0.0 && share <= 1.0)).then(|| {
            format!(
                "follow_up.on_track_share: {share} must be more than 0 and at most 1 (1 = the \
                 straight line from the baseline to the target)"
            )
        })
    }
}

/// One point: a year and a number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// The year.
    pub year: i64,
    /// The number.
    pub value: f64,
}

/// An indicator's numbers as a chart and the rule read them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The baseline: its number (from `baseline_value`, or the first number of `baseline`)
    /// and its year, when both are known.
    pub baseline: Option<Point>,
    /// The baseline's number without a year.
    pub baseline_value: Option<f64>,
    /// The target: its number (from `target_value`, or the first number of `target`) and
    /// its year, when both are known.
    pub target: Option<Point>,
    /// The target's number without a year.
    pub target_value: Option<f64>,
    /// Measured values by year, in year order.
    pub values: Vec<Point>,
    /// Whether the baseline and target texts speak of percentages.
    pub percent: bool,
    /// Which way the indicator should move.
    pub direction: Direction,
}

/// The result of the rule for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Assessment {
    /// The latest value meets the target.
    Reached {
        /// The latest measurement.
        latest: Point,
    },
    /// The latest value has covered at least the expected share of the way.
    OnTrack {
        /// The latest measurement.
        latest: Point,
        /// The least value that was on track in its year.
        expected: f64,
    },
    /// The latest value lags behind the expected share of the way, or the target year has
    /// passed without reaching it.
    Behind {
        /// The latest measurement.
        latest: Point,
        /// The least value that was on track in its year.
        expected: f64,
    },
    /// Too little data for the rule.
    Unknown {
        /// What is missing.
        missing: Missing,
    },
}

impl Assessment {
    /// Its `labels.yaml` key: `follow_up_reached`, `follow_up_on_track`, ...
    pub fn label(&self) -> &'static str {
        match self {
            Assessment::Reached { .. } => "follow_up_reached",
            Assessment::OnTrack { .. } => "follow_up_on_track",
            Assessment::Behind { .. } => "follow_up_behind",
            Assessment::Unknown { .. } => "follow_up_unknown",
        }
    }
}

/// Why the rule cannot say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No baseline number with its year.
    Baseline,
    /// No target number with its year (or a target year not after the baseline year).
    Target,
    /// No measured value after the baseline year.
    Measurement,
}

impl Missing {
    /// Its `labels.yaml` key.
    pub fn label(self) -> &'static str {
        match self {
            Missing::Baseline => "follow_up_missing_baseline",
            Missing::Target => "follow_up_missing_target",
            Missing::Measurement => "follow_up_missing_values",
        }
    }
}

/// The numbers of `indicator`, or `None` when it records no measured values (nothing to
/// follow up, no chart).
pub fn series(indicator: &Indicator, rule: &Rule, main: &str) -> Option<Series> {
    if indicator.values.is_empty() {
        return None;
    }
    let number = |explicit: Option<f64>, text: &Option<Text>| {
        explicit.or_else(|| text.as_ref().and_then(|t| first_number(t.get(main, main))))
    };
    let baseline_value = number(indicator.baseline_value, &indicator.baseline);
    let target_value = number(indicator.target_value, &indicator.target);
    let point = |value: Option<f64>, year: Option<i64>| {
        value.zip(year).map(|(value, year)| Point { year, value })
    };
    let percent = [&indicator.baseline, &indicator.target]
        .iter()
        .any(|t| t.as_ref().is_some_and(|t| t.get(main, main).contains('%')));
    let direction = match (
        indicator.direction.as_deref().and_then(Direction::parse),
        baseline_value.zip(target_value),
    ) {
        (Some(d), _) => d,
        (None, Some((b, t))) if t < b => Direction::Lower,
        (None, Some((b, t))) if t > b => Direction::Higher,
        _ => rule.direction,
    };
    Some(Series {
        baseline: point(baseline_value, indicator.baseline_year),
        baseline_value,
        target: point(target_value, indicator.target_year),
        target_value,
        values: indicator
            .values
            .iter()
            .map(|(&year, &value)| Point { year, value })
            .collect(),
        percent,
        direction,
    })
}

/// The rule: with baseline B in year yB and target T in year yT, the latest measured value
/// v (in year y, after yB) is
/// - *reached* when it meets T (v ≥ T, or v ≤ T when lower is better);
/// - *behind* when y is the target year or later and it does not;
/// - *on track* when it has covered at least `on_track_share` × (y − yB) / (yT − yB) of the
///   way from B to T, that is, it is at least as far as the straight line from (yB, B) to
///   (yT, T) (times the share) says it should be by its year;
/// - *behind* otherwise.
///
/// Without B and yB, T and yT (yT after yB) or a value after yB, it says which is missing.
pub fn assess(series: &Series, rule: &Rule) -> Assessment {
    let unknown = |missing| Assessment::Unknown { missing };
    let Some(base) = series.baseline else {
        return unknown(Missing::Baseline);
    };
    let Some(target) = series.target.filter(|t| t.year > base.year) else {
        return unknown(Missing::Target);
    };
    let Some(latest) = series.values.iter().rev().find(|p| p.year > base.year) else {
        return unknown(Missing::Measurement);
    };
    let latest = *latest;
    let better_or_equal = |a: f64, b: f64| match series.direction {
        Direction::Higher => a >= b,
        Direction::Lower => a <= b,
    };
    if better_or_equal(latest.value, target.value) {
        return Assessment::Reached { latest };
    }
    let elapsed = ((latest.year - base.year) as f64 / (target.year - base.year) as f64).min(1.0);
    let expected = base.value + (target.value - base.value) * elapsed * rule.on_track_share;
    if latest.year < target.year && better_or_equal(latest.value, expected) {
        Assessment::OnTrack { latest, expected }
    } else {
        Assessment::Behind { latest, expected }
    }
}

/// The first number in a text: "41" → 41, "40 %" → 40, "vähintään 80" → 80, "5/8" → 5,
/// "41,5" → 41.5, "1 200 ilmoitusta" → 1200 (digits grouped by spaces, as Finnish writes
/// them). A minus sign right before the digits makes it negative. A number beyond
/// ±[`crate::numbers::MAX_NUMBER`] (a long run of digits, say) is no number to chart: `None`.
pub fn first_number(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    let mut digits = String::new();
    if start > 0 && matches!(chars[start - 1], '-' | '−') {
        digits.push('-');
    }
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            digits.push(c);
            i += 1;
        } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}')
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            // A thousands group: "1 200".
            i += 1;
        } else {
            break;
        }
    }
    if i + 1 < chars.len() && matches!(chars[i], ',' | '.') && chars[i + 1].is_ascii_digit() {
        digits.push('.');
        i += 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            digits.push(chars[i]);
            i += 1;
        }
    }
    digits
        .parse()
        .ok()
        .filter(|n: &f64| n.abs() <= crate::numbers::MAX_NUMBER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(b: (i64, f64), t: (i64, f64), values: &[(i64, f64)]) -> Series {
        Series {
            baseline: Some(Point {
                year: b.0,
                value: b.1,
            }),
            baseline_value: Some(b.1),
            target: Some(Point {
                year: t.0,
                value: t.1,
            }),
            target_value: Some(t.1),
            values: values
                .iter()
                .map(|&(year, value)| Point { year, value })
                .collect(),
            percent: false,
            direction: if t.1 < b.1 {
                Direction::Lower
            } else {
                Direction::Higher
            },
        }
    }

    #[test]
    fn reads_the_first_number_of_a_text() {
        assert_eq!(first_number("41"), Some(41.0));
        assert_eq!(first_number("40 %"), Some(40.0));
        assert_eq!(first_number("vähintään 80"), Some(80.0));
        assert_eq!(first_number("5/8"), Some(5.0));
        assert_eq!(first_number("41,5 %"), Some(41.5));
        assert_eq!(first_number("1 200 ilmoitusta"), Some(1200.0));
        assert_eq!(first_number("8 kuntaa 2026"), Some(8.0));
        assert_eq!(first_number("−3"), Some(-3.0));
        assert_eq!(first_number("ei lukua"), None);
        // 110 groups of digits: no number to chart, not infinity.
        let long = format!("1{}", " 000".repeat(110));
        assert_eq!(first_number(&long), None);
        assert_eq!(first_number("1 000 000 000 000 000"), Some(1e15));
    }

    #[test]
    fn on_the_straight_line_is_on_track_and_below_it_behind() {
        let rule = Rule::default();
        // From 40 (2024) to 80 (2028): 50 is expected in 2025.
        let on = assess(&series((2024, 40.0), (2028, 80.0), &[(2025, 50.0)]), &rule);
        assert!(matches!(on, Assessment::OnTrack { expected, .. } if expected == 50.0));
        let behind = assess(&series((2024, 40.0), (2028, 80.0), &[(2025, 49.0)]), &rule);
        assert!(matches!(behind, Assessment::Behind { .. }));
        let reached = assess(&series((2024, 40.0), (2028, 80.0), &[(2026, 81.0)]), &rule);
        assert!(matches!(reached, Assessment::Reached { .. }));
        // A gentler rule lets 46 of the expected 50 pass.
        let gentle = Rule {
            on_track_share: 0.6,
            ..Rule::default()
        };
        let on = assess(
            &series((2024, 40.0), (2028, 80.0), &[(2025, 46.0)]),
            &gentle,
        );
        assert!(matches!(on, Assessment::OnTrack { .. }));
    }

    #[test]
    fn lower_is_better_when_the_target_is_below_the_baseline() {
        let rule = Rule::default();
        // Waiting days from 30 (2024) to 10 (2028): 25 is expected in 2025.
        let on = assess(&series((2024, 30.0), (2028, 10.0), &[(2025, 24.0)]), &rule);
        assert!(matches!(on, Assessment::OnTrack { .. }));
        let behind = assess(&series((2024, 30.0), (2028, 10.0), &[(2025, 28.0)]), &rule);
        assert!(matches!(behind, Assessment::Behind { .. }));
    }

    #[test]
    fn the_latest_value_counts_and_a_missed_target_year_is_behind() {
        let rule = Rule::default();
        let s = series(
            (2024, 40.0),
            (2026, 80.0),
            &[(2024, 40.0), (2025, 70.0), (2026, 75.0)],
        );
        assert!(
            matches!(assess(&s, &rule), Assessment::Behind { latest, .. } if latest.year == 2026)
        );
    }

    #[test]
    fn says_what_is_missing() {
        let rule = Rule::default();
        let only_baseline_year = series((2024, 40.0), (2028, 80.0), &[(2024, 41.0)]);
        assert_eq!(
            assess(&only_baseline_year, &rule),
            Assessment::Unknown {
                missing: Missing::Measurement
            }
        );
        let mut no_target = series((2024, 40.0), (2028, 80.0), &[(2025, 41.0)]);
        no_target.target = None;
        assert_eq!(
            assess(&no_target, &rule),
            Assessment::Unknown {
                missing: Missing::Target
            }
        );
        let mut no_base = no_target.clone();
        no_base.baseline = None;
        assert_eq!(
            assess(&no_base, &rule),
            Assessment::Unknown {
                missing: Missing::Baseline
            }
        );
    }
}
