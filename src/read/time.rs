//! Time: which period each figure is about.
//!
//! Every time expression of a sentence is placed on the calendar first
//! (against the publication date, or the day the story has reached), and
//! marked when it only dates a saying ("said on Wednesday") or a starting
//! point ("since 2019"). Then each figure takes the expression that governs
//! it: the nearest in its own clause, before one in another clause. A
//! comparison base ("from a year earlier", "versus 2019") is a change's
//! basis, never its period.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use super::figure::Figure;
use super::tokens::{Token, TokenKind};
use super::Sentence;
use crate::claim::{Claim, Kind, Period, Reason, Role, Source};
use crate::extract::date::{self, DateExpr, Unplaced};
use crate::lexicon::{Class, Lexicon};

/// One time expression of a sentence.
#[derive(Debug, Clone)]
pub struct Time {
    /// Its token in the sentence.
    pub tok: usize,
    /// Byte range of its words in the prose.
    pub span: Range<usize>,
    /// The expression as parsed.
    pub expr: DateExpr,
    /// Where it falls on the calendar, or why it could not be placed.
    pub period: Result<Period, Unplaced>,
    /// "last year's": binds only to figures after it.
    pub possessive: bool,
    /// "said on Wednesday": when it was said, not what a figure is about.
    pub reporting: bool,
    /// The word before: "by", "since", "in"...
    pub lead: String,
    /// Which clause of the sentence (0-based) holds it.
    pub clause: usize,
    /// A comparison base: "in the same period last year", "than the
    /// year-ago quarter". It dates only the level right before it, never a
    /// change or the figures the sentence reports.
    pub base: bool,
    /// The year around a part of it ("the first four months of 2024", "the
    /// same period of 2023"): it dates no figure as the whole year.
    pub frame: bool,
    /// After a participle of founding ("built in 1998"): it dates the
    /// founding, no figure.
    pub founding: bool,
    /// The text the time governs figures from: its span, or for a frame
    /// its count of months too ("nine months of 2024").
    pub reach: Range<usize>,
}

/// Why a figure dated by a part of a year ("the first nine months of 2024")
/// has no period.
pub const PART_OF_YEAR: &str = "dated by a part of a year that is no quarter or half";

/// Why a relative expression could not be placed.
pub const NEEDS_DATE: &str = "relative to the publication date, which is unknown: add `date:` front matter or pass --date FILE=YYYY-MM-DD";

/// "declines of 0.6% in Q1 and 1.6% in Q2 of 2022": a quarter or half
/// with no year of its own, coordinated with the next one that has a year,
/// is of that year, not the latest such quarter.
fn share_coordinated_years(s: &Sentence, times: &mut [Time]) {
    for i in (0..times.len().saturating_sub(1)).rev() {
        let (a, b) = (&times[i], &times[i + 1]);
        let year = match (a.expr, b.expr) {
            (
                DateExpr::Quarter {
                    year: None,
                    offset: None,
                    quarter,
                },
                DateExpr::Quarter { year: Some(y), .. },
            ) => DateExpr::Quarter {
                year: Some(y),
                offset: None,
                quarter,
            },
            (
                DateExpr::Half {
                    year: None,
                    offset: None,
                    half,
                },
                DateExpr::Half { year: Some(y), .. },
            ) => DateExpr::Half {
                year: Some(y),
                offset: None,
                half,
            },
            _ => continue,
        };
        let between = &s.tokens[a.tok + 1..b.tok];
        let coordinated = between.len() <= 8
            && between.iter().any(|t| t.is(Class::Coordinator))
            && between.iter().all(|t| {
                t.clause == s.tokens[a.tok].clause
                    && !matches!(t.kind, TokenKind::Break(c) if c != ',')
                    && !matches!(t.kind, TokenKind::Time(_))
            });
        if coordinated {
            times[i].expr = year;
            times[i].period = date::resolve(year, None, false);
        }
    }
}

/// Read the time expressions of a sentence. `anchor` is the latest day the
/// story has reached ("on Wednesday ... until Friday").
pub fn read_times(
    s: &Sentence,
    exprs: &[(usize, DateExpr)],
    published: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    lex: &Lexicon,
) -> Vec<Time> {
    let mut times: Vec<Time> = exprs
        .iter()
        .map(|&(tok, expr)| {
            let t = &s.tokens[tok];
            let future = looks_ahead(&s.tokens, tok);
            // "from April through June" names a span: its "from" is no
            // comparison base ("from the April-June quarter" is one).
            let span_of_months = || {
                let text = t.text.to_ascii_lowercase();
                matches!(
                    expr,
                    DateExpr::Quarter { .. } | DateExpr::QuarterEnding { .. }
                ) && [" through ", "-through-", " to ", "-to-"]
                    .iter()
                    .any(|w| text.contains(w))
            };
            let lead = match s.word_before(tok).unwrap_or("") {
                "from" if span_of_months() => String::new(),
                word => word.to_string(),
            };
            let founding = matches!(lead.as_str(), "in" | "on")
                && tok
                    .checked_sub(2)
                    .is_some_and(|i| s.tokens[i].is(Class::Founding));
            let after = s.prose_after(tok);
            let possessive = t.text.ends_with("'s")
                || t.text.ends_with("’s")
                || after.starts_with("'s")
                || after.starts_with("’s");
            // A weekday ahead counts from the day the story has reached.
            let reference = match (expr, future, anchor, published) {
                (DateExpr::Weekday { step: None, .. }, true, Some(a), Some(p))
                    if a >= p - Duration::days(7) && a <= p + Duration::days(14) =>
                {
                    Some(a)
                }
                _ => published,
            };
            let period = date::resolve(expr, reference, future);
            // "said on Thursday" dates the saying; "reported third-quarter
            // revenue" names the revenue's quarter: only a day (or an
            // undated weekday) is a reporting time.
            let day =
                matches!(period, Ok(Period::Day(_))) || matches!(expr, DateExpr::Weekday { .. });
            Time {
                tok,
                span: t.span.clone(),
                reach: t.span.clone(),
                expr,
                period,
                possessive,
                reporting: day && is_reporting(&s.tokens, tok),
                lead,
                clause: t.clause,
                base: is_base(&s.tokens, tok),
                frame: false,
                founding,
            }
        })
        .collect();
    share_coordinated_years(s, &mut times);
    // "the first four months of 2024", "the same period of 2023": a year
    // named as the frame of a part of it dates no figure as the whole year.
    for t in &mut times {
        t.frame = matches!(t.period, Ok(Period::Year(_) | Period::FiscalYear(_)))
            && part_of_year_before(&s.tokens, t.tok);
        // "nine months of 2024": the time spans its count of months, which
        // is no other figure standing closer to it.
        let counted = t.tok.checked_sub(2).map(|i| &s.tokens[i]);
        if let Some(c) = counted.filter(|c| t.frame && !c.is_word()) {
            t.reach.start = c.span.start;
        }
    }
    // "the year ended March 31, 2016": the fiscal year that ends then, not
    // the month.
    for t in &mut times {
        let year = match t.period {
            Ok(Period::Month(y, _)) => y,
            Ok(Period::Day(d)) => d.year(),
            _ => continue,
        };
        let ends_a_year = lex
            .words()
            .phrase_ending_at(|i| s.lower(i), t.tok, Class::YearEnd)
            .is_some();
        if ends_a_year {
            t.period = Ok(Period::FiscalYear(year));
        }
    }
    // "a year earlier" counts back from another period in the sentence:
    // "in June ... a year earlier" is June of the year before, not May.
    let base = times
        .iter()
        .filter(|t| !matches!(t.expr, DateExpr::Before { .. }) && !t.reporting)
        .find_map(|t| t.period.clone().ok());
    for t in &mut times {
        if let (DateExpr::Before { unit }, Some(a)) = (t.expr, base) {
            t.period = a.earlier_by(unit).ok_or(Unplaced::Invalid);
        }
    }
    times
}

/// "period of", "months of", "weeks of", "half of" right before a year.
fn part_of_year_before(tokens: &[Token], at: usize) -> bool {
    let word = |i: usize| tokens.get(i).filter(|t| t.is_word()).map(|t| &*t.lower);
    let Some(prev) = at.checked_sub(1) else {
        return false;
    };
    // "of 2023", "in 2023", "of the year"
    let of = matches!(word(prev), Some("of" | "in"));
    let part = |w: &str| {
        matches!(
            w,
            "period" | "months" | "weeks" | "days" | "half" | "quarters" | "part"
        )
    };
    // "the first nine months of 2024": the count and its unit are one
    // figure token.
    let noun = prev
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| {
            if t.is_word() {
                part(&t.lower)
            } else {
                matches!(t.kind, super::tokens::TokenKind::Figure(_))
                    && t.text
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| part(&w.to_ascii_lowercase()))
            }
        });
    of && noun
}

/// "so far this year", "so far in 2024", "this year to date": the part of
/// the year gone by, not the whole year: a running tally.
pub fn year_to_date(tokens: &[Token], at: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .filter(|t| t.is_word())
            .map(|t| &*t.lower)
    };
    let mut k = at;
    if matches!(word(k.checked_sub(1)), Some("in" | "of")) {
        k -= 1;
    }
    let so_far = |pair: (Option<&str>, Option<&str>)| {
        matches!(pair, (Some("so"), Some("far")) | (Some("to"), Some("date")))
    };
    so_far((word(k.checked_sub(2)), word(k.checked_sub(1))))
        || so_far((word(Some(at + 1)), word(Some(at + 2))))
}

/// "the same period last year", "the same quarter a year ago", "the
/// year-ago quarter": a time that names what something is compared with.
fn is_base(tokens: &[Token], at: usize) -> bool {
    let before = |k: usize| at.checked_sub(k).map(|i| &*tokens[i].lower);
    let part = |k: usize| {
        matches!(
            before(k),
            Some("period" | "quarter" | "month" | "time" | "week" | "part" | "months" | "weeks")
        )
    };
    // "the same period last year", "the same period of 2021", "the same
    // part of 2021".
    let same = part(1) && before(2) == Some("same")
        || matches!(before(1), Some("of" | "in")) && part(2) && before(3) == Some("same");
    let year_ago = tokens
        .get(at + 1)
        .is_some_and(|t| matches!(&*t.lower, "quarter" | "period"))
        && tokens[at].lower.contains("ago");
    same || year_ago
}

/// Whether the clause around a time looks ahead ("will meet on Thursday").
fn looks_ahead(tokens: &[Token], at: usize) -> bool {
    if is_reporting(tokens, at) {
        return false;
    }
    let clause = tokens[at].clause;
    // A past verb just before it: "landed in Beijing early on Thursday".
    let past_before = tokens[at.saturating_sub(4)..at].iter().any(|t| {
        t.is_word()
            && t.clause == clause
            && (t.is(Class::Past) || t.lower.ends_with("ed") && t.lower.len() > 3)
    });
    if past_before {
        return false;
    }
    tokens
        .iter()
        .enumerate()
        .any(|(i, t)| t.is(Class::Future) && (t.clause == clause || i + 6 >= at && i < at))
}

/// "said on Wednesday", "said Wednesday", "on Wednesday said": a reporting
/// verb right beside the time, in the same clause.
fn is_reporting(tokens: &[Token], at: usize) -> bool {
    let before = |k: usize| at.checked_sub(k).map(|i| &tokens[i]);
    if before(1).is_some_and(|t| t.is(Class::Reporting))
        || before(1).is_some_and(|t| t.lower == "on")
            && before(2).is_some_and(|t| t.is(Class::Reporting))
    {
        return true;
    }
    let clause = tokens[at].clause;
    // "the 3.9 cubic kilometres reported by the national glaciological
    // service on Tuesday": the verb, "by" and its agent, then the time.
    let by_agent = (2..9).any(|k| {
        before(k).is_some_and(|t| t.is(Class::Reporting) && t.clause == clause)
            && before(k - 1).is_some_and(|t| t.lower == "by")
            && (1..k - 1).all(|m| before(m).is_some_and(|t| t.is_word() && t.clause == clause))
    });
    by_agent
        || tokens[at + 1..(at + 5).min(tokens.len())]
            .iter()
            .any(|t| t.clause == clause && t.is(Class::Reporting))
}

/// Bytes between a figure and a time expression.
/// "fell 0.6% in the first quarter and 1.6% in the second": a time that
/// trails one figure (its noun and a preposition between) before a
/// coordinator that opens the next figure's conjunct is the first figure's.
fn trails_other_figure(s: &Sentence, time: usize, figure: usize) -> bool {
    if time >= figure {
        return false;
    }
    let plain = |t: &Token| t.is_word() && !t.is(Class::Coordinator);
    let Some(other) = s.tokens[..time]
        .iter()
        .rposition(|t| !plain(t))
        .filter(|&o| matches!(s.tokens[o].kind, TokenKind::Figure(_)))
    else {
        return false;
    };
    time - other <= 4
        && s.tokens[time + 1..figure]
            .iter()
            .any(|t| t.is(Class::Coordinator) && t.clause == s.tokens[figure].clause)
}

fn gap(figure: &Range<usize>, time: &Range<usize>) -> usize {
    if time.start >= figure.end {
        time.start - figure.end
    } else {
        figure.start.saturating_sub(time.end)
    }
}

/// Give a figure the period of the time that governs it. A time belongs
/// first to the figure nearest it: in "fell to 42,000 tonnes last year from
/// 55,000 tonnes in 2022", "last year" is the 42,000's and "in 2022" the
/// 55,000's. `spans` are every figure's span with its noun.
pub fn bind_period(
    s: &Sentence,
    times: &[Time],
    f: &mut Figure,
    spans: &[Range<usize>],
    baselines: &[usize],
    published: Option<NaiveDate>,
) {
    let no_date = published.is_none();
    let own = spans
        .iter()
        .find(|o| o.start == f.span.start)
        .cloned()
        .unwrap_or(f.span.clone());
    let clause = s.tokens[f.tok].clause;
    let mut best: Option<(usize, &Time)> = None;
    // "fell 2.4% from March, when they reached $19.06bn": a "when" clause
    // is dated by the time it follows, whatever led that time.
    // The first word of a clause.
    let opener = |c: usize| {
        s.clauses[c]
            .iter()
            .copied()
            .find(|&i| s.tokens[i].is_word())
    };
    if let Some(w) = opener(clause).filter(|&w| s.tokens[w].lower == "when" && w < f.tok) {
        let before = s.tokens[..w]
            .iter()
            .rposition(|t| !matches!(t.kind, super::tokens::TokenKind::Break(_)));
        if let Some(t) = times.iter().find(|t| Some(t.tok) == before && !t.reporting) {
            best = Some((0, t));
        }
    }
    // The level right before a comparison base: what the base dates.
    let last_before = |t: &Time| {
        s.tokens[..t.tok]
            .iter()
            .rposition(|k| matches!(k.kind, super::tokens::TokenKind::Figure(_)))
    };
    // "53% below the $5.8 billion of the same period in 2021": the level a
    // base names by its year is the sentence's period moved to that year,
    // never the sentence's period itself. A fiscal period cannot be moved
    // to a calendar year without its owner's year end: then no period.
    if f.role != Role::Change {
        let based = times.iter().find(|t| {
            t.base && t.frame && last_before(t) == Some(f.tok) && t.span.start > f.span.end
        });
        if let Some(t) = based {
            // It is the starting level of a comparison, not a reported figure.
            f.baseline = true;
            let reported = times
                .iter()
                .filter(|o| !o.base && !o.frame && !o.reporting)
                .find_map(|o| o.period.clone().ok());
            if let (Ok(Period::Year(y)), Some(anchor)) = (&t.period, reported) {
                f.period = match anchor {
                    Period::Quarter(_, q) => Some(Period::Quarter(*y, q)),
                    Period::Half(_, h) => Some(Period::Half(*y, h)),
                    Period::Month(_, m) => Some(Period::Month(*y, m)),
                    Period::Year(_) => Some(Period::Year(*y)),
                    _ => None,
                };
                if f.period.is_some() {
                    f.evidence.period = Some(Reason::new(Source::Clause, Some(t.span.clone())));
                }
            }
            return;
        }
    }
    let dated_by_when = best.is_some();
    for t in times.iter().filter(|_| !dated_by_when) {
        if t.reporting
            || t.founding
            || matches!(t.lead.as_str(), "since" | "until" | "till" | "from")
        {
            continue;
        }
        if t.base && (last_before(t) != Some(f.tok) || f.role == Role::Change) {
            continue;
        }
        let after_figure = t.reach.start >= f.span.end;
        // "last year's" dates figures after it; one written right before a
        // figure owns that figure only: in "above March's $19.9bn surplus
        // and a projected $9bn", not the $9bn ("Friday's landslide buried
        // 300 people and 1,100 houses" dates both).
        let owns_next_figure = s
            .tokens
            .get(t.tok + 1)
            .is_some_and(|n| matches!(n.kind, super::tokens::TokenKind::Figure(_)));
        if t.possessive
            && (after_figure
                || owns_next_figure
                    && spans
                        .iter()
                        .any(|o| o.start >= t.reach.end && o.end <= f.span.start))
        {
            continue;
        }
        // "from $1.1 billion a year earlier": only the figure right before
        // (or the one a comparison base dates: "₹258,027 crore reported in
        // the same quarter a year earlier").
        if matches!(t.expr, DateExpr::Before { .. })
            && !(after_figure && t.reach.start - f.span.end <= 2)
            && !t.base
        {
            continue;
        }
        let distance = if after_figure {
            t.reach.start - f.span.end
        } else {
            f.span.start.saturating_sub(t.reach.end)
        };
        // Money and rates are about years, quarters and months: "tariffs on
        // $60bn that take effect on Saturday" are not a figure for that day.
        let day_level = matches!(t.period, Ok(Period::Day(_)));
        if day_level
            && matches!(
                f.kind(),
                Kind::Money | Kind::Percent | Kind::PercentagePoints
            )
        {
            continue;
        }
        let mut score = gap(&own, &t.reach).min(distance);
        let closer: Vec<&Range<usize>> = spans
            .iter()
            .filter(|o| {
                o.start != f.span.start
                    && !(o.start >= t.reach.start && o.end <= t.reach.end)
                    && gap(o, &t.reach) < gap(&own, &t.reach)
            })
            .collect();
        // "61.4%, up from 57.9% at the last election in 2018": a time next
        // to a starting level, after it, dates that level only ("300,000
        // tonnes at its mine in 2024, up 7.1% from 280,000" is 2024's).
        if !f.baseline
            && closer
                .iter()
                .any(|o| baselines.contains(&o.start) && o.end <= t.reach.start)
        {
            continue;
        }
        if !closer.is_empty() || trails_other_figure(s, t.tok, f.tok) {
            // A starting level ("from 120") never borrows the time of the
            // level it changed to: it is about an earlier period.
            if f.baseline {
                continue;
            }
            score += 1_000;
        }
        if t.clause != clause {
            // A single day in another clause says when something was done,
            // not what period a figure covers.
            if day_level {
                continue;
            }
            // A time in a later clause that has figures of its own is
            // theirs: "the rate was 3.8%, and it was 3.4% in April".
            let later_with_figures = t.clause > clause
                && s.clauses[t.clause].iter().any(|&i| {
                    i != f.tok && matches!(s.tokens[i].kind, super::tokens::TokenKind::Figure(_))
                });
            // "fell 4.2%, as the yen climbed back from the lows it hit
            // last year": a clause of cause or contrast dates its own events.
            let aside =
                t.clause > clause && opener(t.clause).is_some_and(|i| s.tokens[i].is(Class::Aside));
            if later_with_figures || aside {
                continue;
            }
            // A fronted "In 2023, ..." governs what follows it; a time in a
            // later clause belongs to that clause's figures.
            score += if t.clause > clause { 20_000 } else { 10_000 };
        }
        if t.lead == "by" && !matches!(f.role, Role::Target | Role::Forecast | Role::Guidance) {
            score += 5_000;
        }
        // On a tie, the time right after the figure: "from 2.1 million in
        // 2015 to 3.1 million in 2023" dates the 3.1 million to 2023.
        let tie_after = |sc: usize, other: &Time| {
            score == sc && after_figure && other.reach.start < f.span.start
        };
        if best.is_none_or(|(sc, other)| score < sc || tie_after(sc, other)) {
            best = Some((score, t));
        }
    }
    if let Some((_, t)) = best {
        // "88 million in the first nine months of 2024": a part of a year
        // that is no quarter or half dates the figure as neither that year
        // nor any other time in the sentence.
        if t.frame {
            f.unresolved = Some(PART_OF_YEAR.into());
            return;
        }
        // A fiscal quarter with no year to go by is placed by the figure's
        // role: an outlook is about a quarter to come, a result about one
        // just ended.
        let period = match (t.expr, published) {
            (
                DateExpr::Fiscal {
                    year: None,
                    quarter: Some(q),
                },
                Some(p),
            ) => {
                // Analysts' estimates set beside an outlook are about the
                // quarter to come too.
                let outlook = |r: Role| matches!(r, Role::Guidance | Role::Forecast | Role::Target);
                let ahead = outlook(f.role) || f.role == Role::Estimate && s.outlook;
                Ok(Period::FiscalQuarter(date::fiscal_year_of(p, q, ahead), q))
            }
            _ => t.period.clone(),
        };
        match &period {
            Ok(p) => {
                f.period = Some(*p);
                let source = if t.clause == clause {
                    Source::Clause
                } else {
                    Source::Sentence
                };
                f.evidence.period = Some(Reason::new(source, Some(t.span.clone())));
            }
            Err(Unplaced::NeedsDate) if no_date => f.unresolved = Some(NEEDS_DATE.into()),
            Err(_) => {}
        }
    }
}

/// A running tally is as of the day it was given: "officials said on Sunday
/// that the quake which hit on Saturday had killed 2,000" is Sunday's toll.
/// The saying's day replaces a day the tally took from an event, but not
/// one stated as its moment ("by Saturday evening", "as of Friday").
pub fn date_tally_by_saying(times: &[Time], f: &mut Figure) {
    let Some(said) = times.iter().find(|t| t.reporting) else {
        return;
    };
    let Ok(Period::Day(day)) = said.period else {
        return;
    };
    let from_event = match (&f.period, f.evidence.period.as_ref().and_then(|r| r.span())) {
        (Some(Period::Day(d)), Some(span)) => {
            *d != day
                && times
                    .iter()
                    .find(|t| t.span == span)
                    .is_some_and(|t| !matches!(t.lead.as_str(), "by" | "as" | "of" | "until"))
        }
        (None, _) => true,
        _ => false,
    };
    if from_event && f.role != Role::Target && !f.baseline {
        f.period = Some(Period::Day(day));
        f.evidence.period = Some(Reason::new(Source::Sentence, Some(said.span.clone())));
    }
}

/// A running tally (a toll, a count of cases) that states no time is as of
/// the day it was published: "the death toll rose to 381" in Monday's
/// paper is Monday's toll.
pub fn date_tallies(claims: &mut [Claim], lex: &crate::lexicon::Lexicon, published: NaiveDate) {
    for c in claims.iter_mut() {
        let tally = c.measure.as_ref().is_some_and(|m| lex.is_cumulative(m));
        if tally && c.period.is_none() && c.unresolved.is_none() && !c.baseline && reported(c) {
            c.period = Some(Period::Day(published));
            c.evidence.period = Some(Reason::new(Source::Published, None));
        }
    }
}

/// Whether a claim states an amount, share or count an article reports,
/// as opposed to an outlook or a starting level.
fn reported(c: &Claim) -> bool {
    matches!(
        c.kind,
        Kind::Money | Kind::Percent | Kind::Count | Kind::PercentagePoints
    ) && matches!(c.role, Role::Actual | Role::Change | Role::Estimate)
        && !c.baseline
}

/// The period an article reports on: the quarter or month its figures are
/// placed in far more often than any other ("the quarter" of a results
/// story, "the month" of a price release). Its figures that state no time
/// of their own are about it.
pub fn assign_subject_period(claims: &mut [Claim]) {
    let mut counts: std::collections::BTreeMap<Period, usize> = Default::default();
    for c in claims.iter().filter(|c| reported(c)) {
        let own = c
            .evidence
            .period
            .as_ref()
            .is_some_and(|r| matches!(r.source, Source::Clause | Source::Sentence));
        if let (Some(p), true) = (c.period, own) {
            *counts.entry(p).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, Period)> = counts.into_iter().map(|(p, n)| (n, p)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // A results story names its quarter both ways ("Q2 FY26", "the
    // July-September period"): the two leading quarters, one fiscal and one
    // calendar, are that one quarter, kept fiscal (the story aligns the
    // calendars once all files are read).
    if let [(n, a), (m, b), ..] = ranked.as_slice() {
        let fiscal = match (a, b) {
            (Period::FiscalQuarter(..), Period::Quarter(..)) => Some(*a),
            (Period::Quarter(..), Period::FiscalQuarter(..)) => Some(*b),
            _ => None,
        };
        if let Some(f) = fiscal {
            let total = n + m;
            ranked.drain(..2);
            ranked.insert(0, (total, f));
        }
    }
    let subject = match ranked.as_slice() {
        [(n, p)] if *n >= 3 => *p,
        [(n, p), (m, _), ..] if *n >= 3 && *n >= 2 * *m => *p,
        _ => return,
    };
    // A report is about a quarter or a month (a results story, a price
    // release); an article whose figures are mostly about one year is
    // about many things in it.
    if matches!(subject, Period::Year(_) | Period::Day(_)) {
        return;
    }
    for c in claims.iter_mut() {
        if c.period.is_none() && c.unresolved.is_none() && c.measure.is_some() && reported(c) {
            c.period = Some(subject);
            c.evidence.period = Some(Reason::new(Source::Subject, None));
        }
    }
}
