//! FC402 duration-mismatch and FC403 duration-end: a stated length against
//! the dates it spans.

use chrono::{Duration, NaiveDate};

use super::{Context, RuleInfo, Run};
use crate::claim::{Claim, Kind, Period};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC402",
    run: Run::Claims(check),
    name: "duration-mismatch",
    severity: Severity::Error,
    summary: "a stated length that does not match the start and end dates given with it",
    doc: r#"## What it does
In a sentence with a length ("a three-day visit", "a two-week strike") and
a start and end date ("from Monday, June 10 to Friday, June 14"), counts the
days inclusively and compares.

Lengths in weeks count to the nearest week. Lengths in months and years
("a closure of 20 months", "a two-year renovation") are rounded loosely by
writers: they are wrong only a month beyond their rounding (or a tenth of
the length, if more), a year for lengths in years. A closure ends when the
place reopens ("closed on 3 January 2022 and reopened on 14 September 2024").
An amount counted in time ("3.1 days' supply", "six weeks' notice") is no
span's length.

## Why is this bad?
One of the dates or the length is wrong.

## Example
```text
The four-day assembly runs from Tuesday, September 16 to Thursday, September 18.
```
That is three days. Use instead:
```text
The three-day assembly runs from Tuesday, September 16 to Thursday, September 18.
```
"#,
};

pub(crate) const END_RULE: RuleInfo = RuleInfo {
    code: "FC403",
    run: Run::By("FC402"),
    name: "duration-end",
    severity: Severity::Warning,
    summary:
        "a length and start date whose end disagrees with an \"until\" date elsewhere in the story",
    doc: r#"## What it does
When a sentence gives a length and a start ("a three-day visit will start
next Wednesday"), the end follows (the Friday). A date elsewhere in the story
introduced by "until" or "through", in a sentence about the same thing
("will stay in Russia until Friday"), is checked against it. The link between
sentences is inferred, so a mismatch is a warning.

## Why is this bad?
Two passages disagree on when something ends.

## Example
```text
a.md: The three-day state visit will start next Wednesday.      (June 5)
b.md: Xi will stay in Russia until Saturday.                    (June 8)
```
"#,
};

const START_WORDS: &[&str] = &[
    "start",
    "starts",
    "starting",
    "begin",
    "begins",
    "beginning",
    "from",
    "opens",
    "open",
];
const END_WORDS: &[&str] = &["until", "till", "through", "to"];
/// Verbs that put the second date of a pair at the end: "starts on Saturday
/// 5 July and finishes on Wednesday 16 July", "opens on ... and closes on".
const END_VERBS: &[&str] = &[
    "end",
    "ends",
    "ending",
    "ended",
    "finish",
    "finishes",
    "finishing",
    "finished",
    "close",
    "closes",
    "closing",
    "closed",
    "conclude",
    "concludes",
    "concluding",
    "concluded",
    // A closure ends when the place reopens: "closed on 3 January 2022 and
    // reopened on 14 September 2024".
    "reopen",
    "reopens",
    "reopening",
    "reopened",
];

/// "and finishing on", ", ending on", "before closing on": the words
/// between two dates that make the second one the end.
fn ends_with_end_verb(between: &str) -> bool {
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let verb = match words.as_slice() {
        [.., v, "on" | "at"] | [.., v] => *v,
        [] => return false,
    };
    words.len() <= 4 && END_VERBS.contains(&verb)
}
const STAY_WORDS: &[&str] = &[
    "stay", "stays", "remain", "remains", "visit", "trip", "tour", "summit", "leave", "leaves",
];

/// A date that is one day.
fn day(c: &Claim) -> Option<NaiveDate> {
    point(c, Coarse::No).map(|(d, _)| d)
}

/// A date's first and last day: a day, or for a length in months or years
/// also a month ("from September 2021 to May 2024").
fn point(c: &Claim, coarse: Coarse) -> Option<(NaiveDate, NaiveDate)> {
    match (c.kind, c.period) {
        (Kind::Date, Some(Period::Day(d))) => Some((d, d)),
        (Kind::Date, Some(p @ Period::Month(..))) if coarse != Coarse::No => Some(p.days()),
        _ => None,
    }
}

/// A length as the days it may span, both ends counted: "three-day" is 3,
/// "two-week" 14; and whether it is written in months or years.
fn length_days(c: &Claim) -> Option<(i64, i64, Coarse)> {
    if c.kind != Kind::Duration {
        return None;
    }
    use rust_decimal::Decimal;
    let (per, coarse) = match c.unit.as_deref()? {
        "day" => (Decimal::ONE, Coarse::No),
        "week" => (Decimal::from(7), Coarse::No),
        // A mean month and year; writers round spans of months and years
        // loosely ("a 32-month renovation" for 32 months and 11 days).
        "month" => (Decimal::new(304_375, 4), Coarse::Months),
        "year" => (Decimal::new(36_525, 2), Coarse::Years),
        _ => return None,
    };
    // The interval is [n − 0.5, n + 0.5) of its unit: whole days n only,
    // but "a four-week drive" from 3 to 28 March (26 days) is four weeks
    // to the nearest week.
    let mut lo = c.interval.low?.value * per;
    let mut hi = c.interval.high?.value * per;
    // Months and years are said to the nearest whole or looser: "a
    // two-year closure" may run from 2.5 to 3 years; a length is wrong only
    // a month beyond its rounding (or a tenth of it, if more), a year for
    // years.
    let slack = match coarse {
        Coarse::No => Decimal::ZERO,
        Coarse::Months => (c.interval.high?.value * per / Decimal::TEN).max(per),
        Coarse::Years => per / Decimal::TWO,
    };
    lo -= slack;
    hi += slack;
    let lo: i64 = lo.ceil().try_into().ok()?;
    let hi: i64 = (hi - Decimal::new(1, 9)).floor().try_into().ok()?;
    Some((lo, hi, coarse))
}

/// Whether a length is written in a coarse unit, and which.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Coarse {
    No,
    Months,
    Years,
}

/// "32 months", "2.7 years": a span of days in the unit a coarse length
/// was written in, for the message.
fn in_unit(days: i64, coarse: Coarse) -> String {
    use rust_decimal::Decimal;
    let (per, unit) = match coarse {
        Coarse::No => return format!("{days} day{}", if days == 1 { "" } else { "s" }),
        Coarse::Months => (Decimal::new(304_375, 4), "months"),
        Coarse::Years => (Decimal::new(36_525, 2), "years"),
    };
    format!(
        "about {} {unit}",
        (Decimal::from(days) / per).round_dp(1).normalize()
    )
}

/// Words right before a length in months or years that make it the length
/// of a span: "worked for 26 months", "a closure of 20 months", "lasted
/// two years". Not "the first rise in 18 months", "after 30 months of
/// gains", "a 40-year high".
const SPAN_LEADS: &[&str] = &[
    "for", "of", "lasted", "lasting", "lasts", "took", "spent", "over",
];

/// Nouns a hyphenated length in months or years is the span of: "a
/// 32-month renovation", not "a 22-year career" or "a 10-year sentence",
/// of which the dates give only a part.
const SPAN_NOUNS: &[&str] = &[
    "renovation",
    "refurbishment",
    "restoration",
    "closure",
    "shutdown",
    "construction",
    "project",
    "programme",
    "program",
    "strike",
    "lockout",
    "suspension",
    "delay",
    "overhaul",
    "rebuild",
    "revamp",
    "upgrade",
    "repair",
    "repairs",
    "works",
    "stay",
    "mission",
    "tour",
];

/// Whether a length in months or years is told as the length of a span.
fn governs_a_span(cx: &Context, d: usize) -> bool {
    let c = cx.claim(d);
    let prose = &cx.corpus.docs[c.doc].prose;
    let text = c.text.to_ascii_lowercase();
    if text.contains('-') {
        let after = prose.get(c.span.end..c.sentence.end).unwrap_or_default();
        let noun = after
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        return SPAN_NOUNS.contains(&noun.as_str());
    }
    let before = prose
        .get(c.sentence.start..c.span.start)
        .unwrap_or_default();
    let lead = before
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .rfind(|w| {
            !matches!(
                w.as_str(),
                "a" | "an" | "about" | "nearly" | "some" | "almost" | "around" | "roughly"
            )
        })
        .unwrap_or_default();
    SPAN_LEADS.contains(&lead.as_str())
}

/// "3.1 days' supply", "six weeks' notice", "a month's pay": a stock or an
/// amount counted in time, not the length of any span.
fn measures_in_time(cx: &Context, d: usize) -> bool {
    let c = cx.claim(d);
    let prose = &cx.corpus.docs[c.doc].prose;
    let after = prose.get(c.span.end..c.sentence.end).unwrap_or_default();
    c.text.ends_with("'s") || c.text.ends_with("’s") || after.starts_with(['\'', '’'])
}

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut ends: Vec<(usize, NaiveDate)> = Vec::new();
    for members in cx.sentences.values() {
        for &d in members {
            let Some((lo, hi, coarse)) = length_days(cx.claim(d)) else {
                continue;
            };
            if measures_in_time(cx, d) {
                continue;
            }
            let dates: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| point(cx.claim(i), coarse).is_some())
                .collect();
            let first = |i: usize| point(cx.claim(i), coarse).map(|p| p.0);
            // A start and an end in the sentence: "from X to Y", "X until Y".
            let span = dates.windows(2).find(|w| {
                let between = cx.between(w[0], w[1]);
                let t = between.trim();
                END_WORDS
                    .iter()
                    .any(|e| t == *e || t.ends_with(&format!(" {e}")))
                    || t == "-"
                    || t == "–"
                    || t == "and" && cx.word_before(w[0]) == "between"
                    || ends_with_end_verb(t)
            });
            // Of several lengths in the sentence, the span is the nearest
            // one's: "a three-day strike from 24 to 26 March, the longest
            // since a four-day dispute in 2011".
            let nearest = |w: &[usize]| {
                let at = cx.claim(w[0]).span.start;
                members
                    .iter()
                    .copied()
                    .filter(|&i| length_days(cx.claim(i)).is_some())
                    .min_by_key(|&i| cx.claim(i).span.start.abs_diff(at))
            };
            // "..., ending a strike that began on September 8 and lasted
            // 46 days": the end told first, by a verb of ending between it
            // and the start. Such a span is counted either way, as days
            // between the dates or with both ends.
            let told_first = || {
                dates.windows(2).find_map(|w| {
                    let (e, s) = (w[0], w[1]);
                    let words = cx.between(e, s).to_lowercase();
                    let words: Vec<&str> = words
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let ended = words.len() <= 16 && words.iter().any(|w| END_VERBS.contains(w));
                    let started = START_WORDS.contains(&cx.word_before(s).as_str())
                        || matches!(
                            words.as_slice(),
                            [.., "began" | "started" | "begun", "on" | "in"]
                        );
                    (ended && started && first(e) > first(s)).then_some([s, e])
                })
            };
            let (span, either_way) = match span {
                Some(w) => (Some([w[0], w[1]]), false),
                None => (told_first(), true),
            };
            if let Some(w) = span {
                if nearest(&w) != Some(d) {
                    continue;
                }
                // A length in months or years is the span's only when
                // written right beside it ("worked for 26 months, from
                // September 2021 to May 2024", "..., ending a closure of 20
                // months"), not elsewhere in the sentence ("the fiscal year,
                // which runs from April 2025 to March 2026, ... nine months
                // of higher pay").
                let (lc, sc, ec) = (cx.claim(d), cx.claim(w[0]), cx.claim(w[1]));
                let beside = lc.span.end <= sc.span.start && sc.span.start - lc.span.end <= 24
                    || lc.span.start >= ec.span.end && lc.span.start - ec.span.end <= 32;
                if coarse != Coarse::No && !(beside && governs_a_span(cx, d)) {
                    continue;
                }
                let (Some((s, _)), Some((end_first, e))) =
                    (point(cx.claim(w[0]), coarse), point(cx.claim(w[1]), coarse))
                else {
                    continue;
                };
                let days = (e - s).num_days() + 1;
                let fits = |n: i64| lo <= n && n <= hi;
                // "From September 2021 to May 2024": to the end of May, or
                // to its start.
                let to_end_month_start = (end_first - s).num_days() + 1;
                let fits = |n: i64| fits(n) || end_first != e && fits(to_end_month_start);
                // "A three-day visit" counts its calendar days, both ends;
                // "talks lasted 38 days, from June 9 to July 17" may count
                // the days between: a length not written as an adjective
                // fits either count.
                let either_way = either_way || !cx.claim(d).text.contains('-');
                // Weekdays placed one by one can land in the wrong order
                // ("from Monday to Friday" read on a Thursday): no finding.
                if days >= 1 && !fits(days) && !(either_way && fits(days - 1)) {
                    let c = cx.claim(d);
                    let month_named = end_first != e;
                    let (from, to) = if coarse == Coarse::No {
                        (s.format("%A %B %-d"), e.format("%A %B %-d"))
                    } else if month_named {
                        (s.format("%B %Y"), e.format("%B %Y"))
                    } else {
                        (s.format("%B %-d %Y"), e.format("%B %-d %Y"))
                    };
                    out.push(Finding {
                        message: format!(
                            "{} does not match {from} to {to}: that is {}{}",
                            c.text,
                            if either_way && coarse == Coarse::No {
                                format!("{} days between them, ", days - 1)
                            } else {
                                String::new()
                            },
                            in_unit(days, coarse),
                        ),
                        measure: c.measure.as_ref().map(ToString::to_string),
                        period: c.period,
                        claims: vec![d, w[0], w[1]],
                        labels: vec![
                            format!("stated {}", c.describe_value()),
                            format!("starts {s}"),
                            format!("ends {e}, {days} days counting both ends"),
                        ],
                        help: Some("correct the length or one of the dates".into()),
                        ..Finding::of(&RULE)
                    });
                }
                continue;
            }
            // A start only: remember where it must end.
            if lo == hi {
                if let Some(&s) = dates
                    .iter()
                    .find(|&&i| START_WORDS.contains(&cx.word_before(i).as_str()))
                {
                    if let Some(start) = day(cx.claim(s)) {
                        ends.push((d, start + Duration::days(lo - 1)));
                    }
                }
            }
        }
    }
    // "until Friday" elsewhere in the story, about the same thing.
    for (d, end) in ends {
        let dc = cx.claim(d);
        let topic = dc
            .measure
            .as_ref()
            .map(|m| m.head.clone())
            .unwrap_or_default();
        for (i, c) in cx.corpus.claims.iter().enumerate() {
            let Some(until) = day(c) else { continue };
            if !matches!(cx.word_before(i).as_str(), "until" | "till" | "through") {
                continue;
            }
            let sentence = cx.corpus.docs[c.doc].prose[c.sentence.clone()].to_lowercase();
            let about = sentence
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == topic || STAY_WORDS.contains(&w));
            if !about || until == end {
                continue;
            }
            out.push(Finding {
                message: format!(
                    "{} ({}) ends on {}, but {} says until {}",
                    dc.text,
                    cx.path(d),
                    end.format("%A %B %-d"),
                    cx.path(i),
                    until.format("%A %B %-d")
                ),
                measure: dc.measure.as_ref().map(ToString::to_string),
                period: Some(Period::Day(end)),
                claims: vec![i, d],
                labels: vec![format!("until {until}"), format!("ends {end}")],
                help: Some("check the length, the start, and the end date".into()),
                ..Finding::of(&END_RULE)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn codes(files: &[(&str, &str, &str)]) -> Vec<&'static str> {
        check_texts(files)
            .into_iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FC40"))
            .collect()
    }

    #[test]
    fn stated_length_against_dates() {
        let text =
            "The four-day assembly runs from Tuesday, September 16 to Thursday, September 18.";
        assert_eq!(codes(&[("a.md", "2025-09-10", text)]), ["FC402"]);
        let text =
            "The three-day assembly runs from Tuesday, September 16 to Thursday, September 18.";
        assert!(codes(&[("a.md", "2025-09-10", text)]).is_empty());
        let text = "A three-day visit from Monday, June 10 to Friday, June 14.";
        assert_eq!(codes(&[("a.md", "2019-06-01", text)]), ["FC402"]);
    }

    /// "3.1 days' supply" is a stock counted in days, not the campaign's
    /// length; "a 13-day campaign" is.
    #[test]
    fn a_stock_counted_in_days_is_no_span() {
        let stock = "The service wants 18,000 donations during a campaign running from June 2 \
                     to June 15, with stocks down to 3.1 days' supply.";
        assert!(codes(&[("a.md", "2025-05-20", stock)]).is_empty());
        let span = "The service wants 18,000 donations during a 10-day campaign running from \
                    June 2 to June 15.";
        assert_eq!(codes(&[("a.md", "2025-05-20", span)]), ["FC402"]);
    }

    /// A start and an end named by their verbs, not "from ... to".
    #[test]
    fn dates_paired_by_end_verbs() {
        let wrong = "Starting in Bergvik on Saturday 5 July and finishing on Wednesday 16 July, \
                     this year's nine-day race is the longest yet.";
        assert_eq!(codes(&[("a.md", "2025-05-28", wrong)]), ["FC402"]);
        let right = "The 12-day festival opens on Saturday 5 July and closes on Wednesday 16 July.";
        assert!(codes(&[("a.md", "2025-05-28", right)]).is_empty());
        let wrong = "The fair lasts ten days: it begins on 3 March, ending on 9 March.";
        assert_eq!(codes(&[("a.md", "2025-01-10", wrong)]), ["FC402"]);
        // Days between the dates, or both ends counted: either fits a
        // length that is no adjective.
        let between = "Coalition talks lasted 38 days, from June 9 to July 17.";
        assert!(codes(&[("a.md", "2025-07-20", between)]).is_empty());
        let wrong = "Coalition talks lasted 30 days, from June 9 to July 17.";
        assert_eq!(codes(&[("a.md", "2025-07-20", wrong)]), ["FC402"]);
    }

    /// Months and years are rounded loosely: a length is wrong only well
    /// beyond its rounding.
    #[test]
    fn months_and_years_against_dates() {
        let text = |n: &str| {
            format!(
                "The gallery closed on 3 January 2022 and reopened on 14 September 2024, \
                 ending a closure of {n}."
            )
        };
        // 32.4 months.
        assert_eq!(
            codes(&[("a.md", "2024-09-20", &text("20 months"))]),
            ["FC402"]
        );
        assert!(codes(&[("a.md", "2024-09-20", &text("32 months"))]).is_empty());
        assert!(codes(&[("a.md", "2024-09-20", &text("31 months"))]).is_empty());
        assert_eq!(
            codes(&[("a.md", "2024-09-20", &text("28 months"))]),
            ["FC402"]
        );
        // Months named without days.
        let months =
            |n: &str| format!("Engineers worked for {n}, from September 2021 to May 2024.");
        assert_eq!(
            codes(&[("a.md", "2024-05-20", &months("26 months"))]),
            ["FC402"]
        );
        assert!(codes(&[("a.md", "2024-05-20", &months("32 months"))]).is_empty());
        assert!(codes(&[("a.md", "2024-05-20", &months("33 months"))]).is_empty());
        // A length of something else beside the dates is no span's.
        for other in [
            "House prices rose from March to May, the first such increase in 18 months.",
            "The strike, the first in 15 years, ran from 3 March to 14 March.",
            "Inflation ran from June 2021 to June 2022, a 40-year high.",
            "She led the company from March 2019 to June 2024, ending a 22-year career.",
        ] {
            assert!(
                codes(&[("a.md", "2024-06-20", other)]).is_empty(),
                "{other}"
            );
        }
        assert_eq!(
            codes(&[(
                "a.md",
                "2024-06-20",
                "The museum closed for a 20-month renovation from 3 January 2022 to 14 September 2024."
            )]),
            ["FC402"]
        );
        // A length elsewhere in the sentence is another quantity.
        let elsewhere = "Over the fiscal year, which runs from April 2025 to March 2026, the cost \
                         is 1.02 billion lunes, reflecting nine months of higher pay.";
        assert!(codes(&[("a.md", "2025-05-20", elsewhere)]).is_empty());
        // 2.7 years: "two years" is loose, not wrong; "five years" is.
        assert!(codes(&[("a.md", "2024-09-20", &text("two years"))]).is_empty());
        assert_eq!(
            codes(&[("a.md", "2024-09-20", &text("five years"))]),
            ["FC402"]
        );
    }

    /// The end told first, by a verb of ending, and the start after:
    /// counted as days between the dates or with both ends.
    #[test]
    fn end_told_before_the_start() {
        let text = |n: u32| {
            format!(
                "Staff voted on Friday, October 17, to accept the offer, ending a strike \
                 that began on September 8 and lasted {n} days."
            )
        };
        let codes_for = |n| codes(&[("a.md", "2025-10-18", &text(n))]);
        assert_eq!(codes_for(46), ["FC402"]);
        assert!(codes_for(39).is_empty());
        assert!(codes_for(40).is_empty());
        assert_eq!(codes_for(41), ["FC402"]);
    }

    /// The span belongs to the nearest length; a length in weeks is to the
    /// nearest week.
    #[test]
    fn the_nearest_length_and_weeks_rounded() {
        let text = "The union called a three-day strike from Monday 24 March to Wednesday \
                    26 March, the longest since a four-day dispute in 2011.";
        assert!(codes(&[("a.md", "2025-03-10", text)]).is_empty());
        let text = "The four-week drive began on Monday, 3 March, and runs until 28 March.";
        assert!(codes(&[("a.md", "2025-03-07", text)]).is_empty());
        let text = "The two-week festival runs from 1 June to 28 June.";
        assert_eq!(codes(&[("a.md", "2025-05-07", text)]), ["FC402"]);
    }

    #[test]
    fn weekdays_out_of_order_are_no_finding() {
        let text = "A five-day strike runs from Monday to Friday next week.";
        assert!(codes(&[("a.md", "2025-06-18", text)]).is_empty());
    }

    #[test]
    fn start_and_until_elsewhere() {
        let a = (
            "a.md",
            "2019-05-29",
            "The three-day state visit to Russia will start next Wednesday.",
        );
        let ok = (
            "b.md",
            "2019-06-09",
            "Xi agreed on Wednesday to more talks. Xi will stay in Russia until Friday.",
        );
        assert!(codes(&[a, ok]).is_empty());
        let bad = (
            "b.md",
            "2019-06-09",
            "Xi agreed on Wednesday to more talks. Xi will stay in Russia until Saturday.",
        );
        assert_eq!(codes(&[a, bad]), ["FC403"]);
    }
}
