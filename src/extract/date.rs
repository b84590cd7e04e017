//! Dates and periods as writers put them, parsed into a [`DateExpr`] and then
//! placed on the calendar against the publication date with chrono.
//!
//! Parsing and placing are kept apart: the parsers only say what was
//! written ("next Wednesday"); [`resolve`] decides which day that is.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{map, map_opt, opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::number::{tag_ci, word_end};
use crate::claim::Period;

/// Which way a relative expression points from its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Back: "last", "past" ("yesterday" is the last day).
    Last,
    /// The current one: "this", "current".
    This,
    /// Forward: "next", "coming" ("tomorrow" is the next day).
    Next,
}

impl Step {
    /// How many of a unit it steps: −1, 0 or +1.
    fn offset(self) -> i32 {
        match self {
            Step::Last => -1,
            Step::This => 0,
            Step::Next => 1,
        }
    }
}

/// What a relative expression counts in: "last *year*", "a *month*
/// earlier".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A day ("yesterday", "tomorrow").
    Day,
    /// A week ("last week").
    Week,
    /// A month ("this month", "a month earlier").
    Month,
    /// A quarter of a year ("last quarter").
    Quarter,
    /// A year ("last year", "a year ago").
    Year,
}

/// What a date expression says, before it is placed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A month, with day and year where written ("June 5", "5 June 2019",
    /// "October 2023", "April").
    Calendar {
        /// The year, when written.
        year: Option<i32>,
        /// The month, 1–12.
        month: u32,
        /// The day of the month, when written.
        day: Option<u32>,
        /// A weekday written before the date ("Tuesday, June 5"), which
        /// may disagree with it.
        weekday: Option<Weekday>,
    },
    /// "October last year", "March next year": a month in a relative year.
    MonthOf {
        /// The month, 1–12.
        month: u32,
        /// Which year: last, this or next.
        step: Step,
    },
    /// "2018", "in 2018".
    Year(i32),
    /// "the first quarter of 2024", "Q3", "the first three months of
    /// last year": quarter 1–4.
    Quarter {
        /// The year, when written ("of 2024").
        year: Option<i32>,
        /// "of this year" (0), "of last year" (−1), "of next year" (+1);
        /// `None` when unwritten.
        offset: Option<i8>,
        /// The quarter, 1–4.
        quarter: u8,
    },
    /// "the first half of 2024", "second-half", "H1 2025", "the six
    /// months to June": half 1–2 of a calendar year.
    Half {
        /// The year, when written ("of 2024").
        year: Option<i32>,
        /// "of this year" (0), "of last year" (−1), "of next year" (+1);
        /// `None` when unwritten.
        offset: Option<i8>,
        /// The half, 1–2.
        half: u8,
    },
    /// "Wednesday", "next Wednesday", "last Friday".
    Weekday {
        /// The day of the week named.
        weekday: Weekday,
        /// "last", "this" or "next" before it, when written.
        step: Option<Step>,
    },
    /// "last year", "this month", "yesterday" (Day with Last).
    Relative {
        /// Which way from the publication date.
        step: Step,
        /// What it counts in.
        unit: Unit,
    },
    /// "a year earlier", "the previous year": relative to another figure's
    /// period, not to the publication date.
    Before {
        /// How far back: one of this unit.
        unit: Unit,
    },
    /// ISO 8601: "2019-06-09".
    Iso(NaiveDate),
    /// A fiscal year or quarter: "fiscal 2026", "FY26", "2023-24", "Q2
    /// FY26", "the fiscal fourth quarter" (year unwritten).
    Fiscal {
        /// The fiscal year, named by the calendar year it ends in, when
        /// written.
        year: Option<i32>,
        /// The quarter, 1–4; `None` for the whole year.
        quarter: Option<u8>,
    },
    /// A quarter named by its months: "the September quarter", "the
    /// July-September quarter [of 2023-24]". `last` is its last month.
    QuarterEnding {
        /// The quarter's last month: 3, 6, 9 or 12.
        last: u32,
        /// The fiscal year written after it ("of 2023-24"), named by the
        /// calendar year it ends in.
        fiscal_year: Option<i32>,
    },
    /// "9.6% in the third quarter of 2023, 9.1% in the fourth": a quarter
    /// whose word is left to the one named before it, in that one's year.
    ElidedQuarter {
        /// The quarter, 1–4.
        quarter: u8,
    },
    /// "last season", "this season", "next season": a season that may
    /// straddle two years ("the 2023-24 season") or lie within one.
    Season {
        /// Which way from the publication date.
        step: Step,
    },
    /// "in the quarter", "for the month", "during the period": the period
    /// of that length the article last named (`None`: any, "the period").
    Definite {
        /// The length named: quarter or month; `None` for "the period".
        unit: Option<Unit>,
    },
}

const MONTHS: [(&str, &str); 12] = [
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May", "May"),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

fn capitalised_word(input: &str) -> IResult<&str, &str> {
    let (rest, w) = nom::bytes::complete::take_while1(|c: char| c.is_ascii_alphabetic())(input)?;
    if w.starts_with(|c: char| c.is_ascii_uppercase()) {
        Ok((rest, w))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )))
    }
}

/// `June` | `Jun` | `Jun.` | `Sept.` — capitalised, as news style writes them.
pub fn month_name(input: &str) -> IResult<&str, u32> {
    let (rest, w) = capitalised_word(input)?;
    for (i, (full, short)) in MONTHS.iter().enumerate() {
        if w == *full {
            return Ok((rest, i as u32 + 1));
        }
        if w == *short || (i == 8 && w == "Sept") {
            let (rest, _) = opt(char('.')).parse(rest)?;
            return Ok((rest, i as u32 + 1));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// `Wednesday` (full names only: "Sun" and "Wed" are too often other words).
pub fn weekday_name(input: &str) -> IResult<&str, Weekday> {
    let (rest, w) = capitalised_word(input)?;
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, d)| (rest, *d))
        .ok_or(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )))
}

fn n_digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input| {
        map_opt(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            |s: &str| s.parse().ok(),
        )
        .parse(input)
    }
}

/// A four-digit year 1800–2199 that is not part of a longer number.
pub fn year(input: &str) -> IResult<&str, i32> {
    let (rest, y) = terminated(n_digits(4, 4), word_end).parse(input)?;
    if (1800..2200).contains(&y) {
        Ok((rest, y as i32))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )))
    }
}

// 1–31 with an optional ordinal suffix: 5 | 5th | 21st
fn day_of_month(input: &str) -> IResult<&str, u32> {
    let (rest, d) = terminated(
        n_digits(1, 2),
        (
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
            word_end,
        ),
    )
    .parse(input)?;
    if (1..=31).contains(&d) {
        Ok((rest, d))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )))
    }
}

// ", 2019" | " 2019"
fn year_after(input: &str) -> IResult<&str, i32> {
    preceded((opt(char(',')), space1), year).parse(input)
}

// "Tuesday, " | "Tuesday "
fn weekday_lead(input: &str) -> IResult<&str, Weekday> {
    terminated(weekday_name, (opt(char(',')), space1)).parse(input)
}

// [Weekday,] June 5[, 2019] — month first
fn month_day(input: &str) -> IResult<&str, DateExpr> {
    map(
        (
            opt(weekday_lead),
            month_name,
            space1,
            day_of_month,
            opt(year_after),
        ),
        |(weekday, month, _, day, year)| DateExpr::Calendar {
            year,
            month,
            day: Some(day),
            weekday,
        },
    )
    .parse(input)
}

// [Weekday,] 5 June[ 2019] — day first
fn day_month(input: &str) -> IResult<&str, DateExpr> {
    map(
        (
            opt(weekday_lead),
            day_of_month,
            space1,
            opt((tag("of"), space1)),
            month_name,
            opt(year_after),
        ),
        |(weekday, day, _, _, month, year)| DateExpr::Calendar {
            year,
            month,
            day: Some(day),
            weekday,
        },
    )
    .parse(input)
}

// The 3 of "3 to 9 June", "3-9 June", "between 3 and 9 June": the first
// day of a range, in the month written after the second. Only the first
// day is consumed; the second is read on its own.
fn day_before_range(input: &str) -> IResult<&str, DateExpr> {
    let (rest, day) = day_of_month(input)?;
    let (_, (_, _, _, month, year)) = (
        alt((tag(" to "), tag("-"), tag("–"), tag(" and "))),
        day_of_month,
        space1,
        month_name,
        opt(year_after),
    )
        .parse(rest)?;
    Ok((
        rest,
        DateExpr::Calendar {
            year,
            month,
            day: Some(day),
            weekday: None,
        },
    ))
}

// October 2023 | June | June of 2019 | March's
fn month_year(input: &str) -> IResult<&str, DateExpr> {
    map(
        (
            month_name,
            opt(preceded(opt((space1, tag("of"))), year_after)),
            // "March's $19.9 billion surplus": the month owns what follows.
            opt(alt((tag("'s"), tag("’s")))),
            word_end,
        ),
        |(month, year, _, _)| DateExpr::Calendar {
            year,
            month,
            day: None,
            weekday: None,
        },
    )
    .parse(input)
    .and_then(|(rest, e)| {
        // An abbreviation stands for a month only beside a day or a year
        // ("Jan. 5", "Jan 2024"); alone it is more often part of a name:
        // "Zinda Jan district".
        let abbreviated = !MONTHS.iter().any(|(full, _)| input.starts_with(full));
        match e {
            DateExpr::Calendar { year: None, .. } if abbreviated => Err(nom::Err::Error(
                nom::error::Error::new(input, nom::error::ErrorKind::Tag),
            )),
            e => Ok((rest, e)),
        }
    })
}

// October last year | March next year | June this year
fn month_relative_year(input: &str) -> IResult<&str, DateExpr> {
    map(
        (month_name, space1, step, space1, tag_ci("year"), word_end),
        |(month, _, step, _, _, _)| DateExpr::MonthOf { month, step },
    )
    .parse(input)
}

// 2019-06-09
fn iso(input: &str) -> IResult<&str, DateExpr> {
    map_opt(
        terminated(
            (
                n_digits(4, 4),
                char('-'),
                n_digits(2, 2),
                char('-'),
                n_digits(2, 2),
            ),
            word_end,
        ),
        |(y, _, m, _, d)| NaiveDate::from_ymd_opt(y as i32, m, d).map(DateExpr::Iso),
    )
    .parse(input)
}

fn step(input: &str) -> IResult<&str, Step> {
    alt((
        value(Step::Last, tag_ci("last")),
        value(Step::Last, tag_ci("past")),
        value(Step::This, tag_ci("this")),
        value(Step::This, tag_ci("current")),
        value(Step::Next, tag_ci("next")),
        value(Step::Next, tag_ci("coming")),
    ))
    .parse(input)
}

fn unit(input: &str) -> IResult<&str, Unit> {
    terminated(
        alt((
            value(Unit::Year, tag_ci("year")),
            value(Unit::Month, tag_ci("month")),
            value(Unit::Week, tag_ci("week")),
            value(Unit::Quarter, tag_ci("quarter")),
        )),
        (opt(alt((tag("'s"), tag("’s")))), word_end),
    )
    .parse(input)
}

// next Wednesday | last Friday | Wednesday
fn weekday(input: &str) -> IResult<&str, DateExpr> {
    map(
        (opt(terminated(step, space1)), weekday_name, word_end),
        |(step, weekday, _)| DateExpr::Weekday { weekday, step },
    )
    .parse(input)
}

// last year | this month | next week | last quarter | yesterday | today | tomorrow
// | year end | year-end | the end of the year
fn relative(input: &str) -> IResult<&str, DateExpr> {
    alt((
        value(
            DateExpr::Relative {
                step: Step::This,
                unit: Unit::Year,
            },
            alt((
                value(
                    (),
                    terminated(
                        (tag_ci("year"), alt((tag("-"), space1)), tag_ci("end")),
                        word_end,
                    ),
                ),
                value(
                    (),
                    (
                        tag_ci("the"),
                        space1,
                        tag_ci("end"),
                        space1,
                        tag_ci("of"),
                        space1,
                        alt((tag_ci("the"), tag_ci("this"))),
                        space1,
                        tag_ci("year"),
                        word_end,
                    ),
                ),
            )),
        ),
        map((step, space1, unit), |(step, _, unit)| DateExpr::Relative {
            step,
            unit,
        }),
        map(
            (step, space1, tag_ci("season"), word_end),
            |(step, _, _, _)| DateExpr::Season { step },
        ),
        value(
            DateExpr::Relative {
                step: Step::Last,
                unit: Unit::Day,
            },
            terminated(tag_ci("yesterday"), word_end),
        ),
        value(
            DateExpr::Relative {
                step: Step::Next,
                unit: Unit::Day,
            },
            terminated(tag_ci("tomorrow"), word_end),
        ),
    ))
    .parse(input)
}

// "in the fourth," "in the fourth and": a quarter with its word left out,
// ending its phrase.
fn elided_quarter(input: &str) -> IResult<&str, DateExpr> {
    let (rest, (_, _, _, _, quarter, _)) = (
        alt((tag_ci("in"), tag_ci("for"), tag_ci("during"))),
        space1,
        tag_ci("the"),
        space1,
        ordinal_quarter,
        word_end,
    )
        .parse(input)?;
    let after = rest.trim_start_matches([' ', '\t']);
    let ends = after.is_empty()
        || after.starts_with([',', '.', ';', ')'])
        || [" and ", " or "].iter().any(|w| rest.starts_with(w))
        || rest.starts_with(" and,");
    if !ends {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, DateExpr::ElidedQuarter { quarter }))
}

// a year earlier | a year ago | the previous year | the year before | a month earlier
fn before(input: &str) -> IResult<&str, DateExpr> {
    alt((
        map(
            (
                alt((tag_ci("a"), tag_ci("one"))),
                space1,
                unit,
                space1,
                alt((tag_ci("earlier"), tag_ci("before"), tag_ci("previously"))),
                word_end,
            ),
            |(_, _, unit, _, _, _)| DateExpr::Before { unit },
        ),
        map(
            (
                tag_ci("the"),
                space1,
                alt((tag_ci("previous"), tag_ci("prior"))),
                space1,
                unit,
            ),
            |(_, _, _, _, unit)| DateExpr::Before { unit },
        ),
        map(
            (
                tag_ci("the"),
                space1,
                unit,
                space1,
                alt((tag_ci("before"), tag_ci("earlier"))),
                word_end,
            ),
            |(_, _, unit, _, _, _)| DateExpr::Before { unit },
        ),
        // "the winter before", "the previous season": the season before
        // the one the sentence is about, a year earlier.
        map(
            alt((
                (
                    tag_ci("the"),
                    space1,
                    season_word,
                    space1,
                    alt((tag_ci("before"), tag_ci("earlier"))),
                    word_end,
                ),
                (
                    tag_ci("the"),
                    space1,
                    alt((tag_ci("previous"), tag_ci("prior"))),
                    space1,
                    season_word,
                    word_end,
                ),
            )),
            |_| DateExpr::Before { unit: Unit::Year },
        ),
    ))
    .parse(input)
}

fn season_word(input: &str) -> IResult<&str, &str> {
    alt((tag_ci("season"), tag_ci("winter"), tag_ci("summer"))).parse(input)
}

/// "a year ago" is relative to the publication date, unlike "a year earlier".
fn ago(input: &str) -> IResult<&str, DateExpr> {
    map(
        (
            alt((tag_ci("a"), tag_ci("one"))),
            space1,
            unit,
            space1,
            tag_ci("ago"),
            word_end,
        ),
        |(_, _, unit, _, _, _)| DateExpr::Relative {
            step: Step::Last,
            unit,
        },
    )
    .parse(input)
}

fn ordinal_quarter(input: &str) -> IResult<&str, u8> {
    alt((
        value(1, tag_ci("first")),
        value(2, tag_ci("second")),
        value(3, tag_ci("third")),
        value(4, tag_ci("fourth")),
        value(4, tag_ci("final")),
    ))
    .parse(input)
}

/// " of 2024", " of the year", " of last year" after a part of a year: its
/// year, or its year's offset from publication.
fn of_year(input: &str) -> IResult<&str, (Option<i32>, Option<i8>)> {
    let of = || (space1, tag_ci("of"), space1);
    alt((
        map(preceded((of(), opt((tag_ci("the"), space1))), year), |y| {
            (Some(y), None)
        }),
        map(
            preceded(
                of(),
                alt((
                    value(0i8, tag_ci("the year")),
                    value(0i8, tag_ci("this year")),
                    value(-1i8, tag_ci("last year")),
                    value(1i8, tag_ci("next year")),
                )),
            ),
            |o| (None, Some(o)),
        ),
    ))
    .parse(input)
}

// first quarter [of 2024 | of last year] | third-quarter | Q3 [2024] | the
// first three months [of 2024]
fn quarter(input: &str) -> IResult<&str, DateExpr> {
    let spoken = (ordinal_quarter, alt((tag("-"), space1)), tag_ci("quarter"));
    alt((
        map(
            (spoken, word_end, opt(of_year)),
            |((quarter, ..), _, of)| {
                let (year, offset) = of.unwrap_or_default();
                DateExpr::Quarter {
                    year,
                    offset,
                    quarter,
                }
            },
        ),
        // "the first three months" of a year, never of anything else ("the
        // first three months after the launch").
        map(
            (tag_ci("first three months"), word_end, of_year),
            |(_, _, (year, offset))| DateExpr::Quarter {
                year,
                offset,
                quarter: 1,
            },
        ),
        map(
            (
                char('Q'),
                map_opt(n_digits(1, 1), |q| (1..=4).contains(&q).then_some(q as u8)),
                word_end,
                // " of " first: a space alone would match and leave "of
                // 2022" unread.
                opt(preceded(alt((tag(" of "), space1)), year)),
            ),
            |(_, quarter, _, year)| DateExpr::Quarter {
                year,
                offset: None,
                quarter,
            },
        ),
    ))
    .parse(input)
}

// first half [of 2024 | of last year] | second-half | H1 [2025] | the six
// months to June [30, 2024]. A half of anything else ("the second half of
// the month", "of fiscal 2025", "H1 FY26") is not a half-year.
fn half(input: &str) -> IResult<&str, DateExpr> {
    // What may follow: a year, a year relative to publication, or nothing
    // that starts with "of" (the words after "first-half profit").
    fn tail(input: &str) -> IResult<&str, (Option<i32>, Option<i8>)> {
        alt((
            of_year,
            map(preceded((opt(char(',')), space1), year), |y| {
                (Some(y), None)
            }),
            map(
                nom::combinator::not((space1, tag_ci("of"), word_end)),
                |_| (None, None),
            ),
        ))
        .parse(input)
    }
    let ordinal = alt((value(1u8, tag_ci("first")), value(2u8, tag_ci("second"))));
    let spoken = map(
        (ordinal, alt((tag("-"), space1)), tag_ci("half"), word_end),
        |(h, ..)| h,
    );
    let written = map(
        (
            char('H'),
            alt((value(1u8, char('1')), value(2u8, char('2')))),
            word_end,
        ),
        |(_, h, _)| h,
    );
    // "six months to June", "the first six months of 2024".
    let months_to = map_opt(
        (
            tag_ci("six months"),
            space1,
            alt((
                tag_ci("to"),
                tag_ci("ended"),
                tag_ci("ending"),
                tag_ci("through"),
            )),
            space1,
            opt((tag_ci("the end of"), space1)),
            month_name,
            opt(preceded(space1, day_of_month)),
        ),
        |(.., month, _)| match month {
            6 => Some(1u8),
            12 => Some(2),
            _ => None,
        },
    );
    let first_six = value(1u8, (tag_ci("first six months"), word_end));
    let (rest, half) = alt((spoken, written, months_to, first_six)).parse(input)?;
    // "H1 FY26", "the first half of fiscal 2025": a fiscal half, not read.
    let fiscal = (
        opt((space1, tag_ci("of"))),
        space1,
        opt((tag_ci("the"), space1)),
        alt((tag_ci("fiscal"), tag_ci("financial"), tag_ci("fy"))),
    );
    if nom::combinator::peek(fiscal).parse(rest).is_ok() {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, (year, offset)) = tail(rest)?;
    Ok((rest, DateExpr::Half { year, offset, half }))
}

/// Two years written as one fiscal year, the second the year after the
/// first: "2023-24", "2023/24", "2023-2024". Its name is the year it ends in.
fn fiscal_year_range(input: &str) -> IResult<&str, i32> {
    map_opt(
        terminated(
            (
                n_digits(4, 4),
                alt((tag("-"), tag("/"), tag("–"))),
                alt((n_digits(4, 4), n_digits(2, 2))),
            ),
            word_end,
        ),
        |(a, _, b)| {
            let end = if b < 100 { a / 100 * 100 + b } else { b };
            ((1800..2200).contains(&a) && end == a + 1).then_some(end as i32)
        },
    )
    .parse(input)
}

/// The year after "FY": "FY2026", "FY26", "FY2025-26", "FY25-26".
fn fy_number(input: &str) -> IResult<&str, i32> {
    alt((
        fiscal_year_range,
        map_opt(
            terminated((n_digits(2, 2), char('-'), n_digits(2, 2)), word_end),
            |(a, _, b)| (b == (a + 1) % 100).then_some(2000 + b as i32),
        ),
        map(terminated(n_digits(4, 4), word_end), |y| y as i32),
        map(terminated(n_digits(2, 2), word_end), |y| 2000 + y as i32),
    ))
    .parse(input)
}

/// A fiscal year's name: "fiscal 2026", "fiscal year 2025-26", "financial
/// year 2023-24", "FY26", "FY 2026", or a year range alone ("2023-24").
fn fiscal_year_label(input: &str) -> IResult<&str, i32> {
    alt((
        preceded((tag_ci("fy"), opt(alt((space1, tag("-"))))), fy_number),
        preceded(
            (
                alt((tag_ci("fiscal"), tag_ci("financial"))),
                space1,
                opt((tag_ci("year"), space1)),
            ),
            alt((fiscal_year_range, year)),
        ),
        fiscal_year_range,
    ))
    .parse(input)
}

/// "-quarter" or " quarter", as a whole word.
fn quarter_word(input: &str) -> IResult<&str, ()> {
    value((), (alt((tag("-"), space1)), tag_ci("quarter"), word_end)).parse(input)
}

// Q2 FY26 | Q1FY24 | 2Q FY26 | Q2 2023-24 | the fourth quarter of fiscal 2026
// | the second quarter of 2023-24 | fiscal fourth quarter | third fiscal
// quarter | fiscal Q3 | fiscal 2026 | FY24 | 2023-24
fn fiscal(input: &str) -> IResult<&str, DateExpr> {
    let q_letter = alt((
        preceded(
            tag_ci("q"),
            map_opt(n_digits(1, 1), |q| (1..=4).contains(&q).then_some(q as u8)),
        ),
        terminated(
            map_opt(n_digits(1, 1), |q| (1..=4).contains(&q).then_some(q as u8)),
            tag_ci("q"),
        ),
    ));
    let of_year = preceded((space1, tag_ci("of"), space1), fiscal_year_label);
    alt((
        // Q2 FY26, Q1FY24, 2Q FY26, Q2 2023-24
        map(
            (q_letter, opt(space1), fiscal_year_label),
            |(quarter, _, year)| DateExpr::Fiscal {
                year: Some(year),
                quarter: Some(quarter),
            },
        ),
        // fiscal fourth quarter [of 2026] | fiscal Q3
        map(
            (
                alt((tag_ci("fiscal"), tag_ci("financial"))),
                alt((tag("-"), space1)),
                alt((
                    terminated(ordinal_quarter, quarter_word),
                    preceded(
                        tag_ci("q"),
                        map_opt(n_digits(1, 1), |q| (1..=4).contains(&q).then_some(q as u8)),
                    ),
                )),
                opt(preceded(
                    (space1, tag_ci("of"), space1),
                    alt((fiscal_year_label, year)),
                )),
            ),
            |(_, _, quarter, year)| DateExpr::Fiscal {
                year,
                quarter: Some(quarter),
            },
        ),
        // third fiscal quarter [of 2026]
        map(
            (
                ordinal_quarter,
                space1,
                tag_ci("fiscal"),
                quarter_word,
                opt(preceded(
                    (space1, tag_ci("of"), space1),
                    alt((fiscal_year_label, year)),
                )),
            ),
            |(quarter, _, _, _, year)| DateExpr::Fiscal {
                year,
                quarter: Some(quarter),
            },
        ),
        // the second quarter of the current fiscal year | of this fiscal
        map(
            (
                opt((tag_ci("the"), space1)),
                ordinal_quarter,
                quarter_word,
                space1,
                tag_ci("of"),
                space1,
                alt((tag_ci("the current"), tag_ci("this"))),
                space1,
                alt((tag_ci("fiscal"), tag_ci("financial"))),
                opt((space1, tag_ci("year"))),
                word_end,
            ),
            |(_, quarter, ..)| DateExpr::Fiscal {
                year: None,
                quarter: Some(quarter),
            },
        ),
        // the fourth quarter of fiscal 2026 | the second quarter of 2023-24
        map(
            (
                opt((tag_ci("the"), space1)),
                ordinal_quarter,
                quarter_word,
                of_year,
            ),
            |(_, quarter, _, year)| DateExpr::Fiscal {
                year: Some(year),
                quarter: Some(quarter),
            },
        ),
        map(fiscal_year_label, |year| DateExpr::Fiscal {
            year: Some(year),
            quarter: None,
        }),
    ))
    .parse(input)
}

// "July-September", "July-to-September", "April–June", "April through
// June", "April-through-June": a quarter's first and last months.
fn month_range(input: &str) -> IResult<&str, (u32, u32)> {
    map(
        (
            month_name,
            alt((
                tag("-to-"),
                tag(" to "),
                tag_ci(" through "),
                tag_ci("-through-"),
                tag("-"),
                tag("–"),
                tag(" - "),
            )),
            month_name,
        ),
        |(first, _, last)| (first, last),
    )
    .parse(input)
}

/// The quarter that ends in month `last` (and starts in `first`, when
/// named), if they make one: a calendar quarter when a year is written ("the
/// June 2025 quarter"), else the latest such quarter, in the fiscal year
/// written after it if any.
fn quarter_of_months(
    first: Option<u32>,
    last: u32,
    year: Option<i32>,
    fiscal_year: Option<i32>,
) -> Option<DateExpr> {
    // Three months, ending at a quarter's end.
    let spans_three = first.is_none_or(|f| (last + 12 - f) % 12 == 2);
    if !(spans_three && last.is_multiple_of(3)) {
        return None;
    }
    Some(match year {
        Some(y) => DateExpr::Quarter {
            year: Some(y),
            offset: None,
            quarter: (last / 3) as u8,
        },
        None => DateExpr::QuarterEnding { last, fiscal_year },
    })
}

// the September quarter | the July-September quarter [of 2023-24] | the
// July-to-September quarter | the April–June quarter of financial year 2023-24
fn quarter_ending(input: &str) -> IResult<&str, DateExpr> {
    map_opt(
        (
            tag_ci("the"),
            space1,
            alt((
                map(month_range, |(first, last)| (Some(first), last)),
                map(month_name, |last| (None, last)),
            )),
            opt(preceded(space1, year)),
            space1,
            tag_ci("quarter"),
            word_end,
            opt(preceded((space1, tag_ci("of"), space1), fiscal_year_label)),
        ),
        |(_, _, (first, last), year, _, _, _, fiscal_year)| {
            quarter_of_months(first, last, year, fiscal_year)
        },
    )
    .parse(input)
    .or_else(|_: nom::Err<nom::error::Error<&str>>| month_range_quarter(input))
}

// "between July and September": a quarter's first and last months. Only
// after "between" is "and" a range; "in July and September" names two months.
fn between_months(input: &str) -> IResult<&str, (u32, u32)> {
    map(
        (
            tag_ci("between"),
            space1,
            month_name,
            space1,
            tag_ci("and"),
            space1,
            month_name,
        ),
        |(_, _, first, _, _, _, last)| (first, last),
    )
    .parse(input)
}

// January-March [2023] [quarter | period] | the October-December period |
// between July and September: three months named by their first and last,
// ending at a quarter's end, are that quarter.
fn month_range_quarter(input: &str) -> IResult<&str, DateExpr> {
    map_opt(
        (
            opt((tag_ci("the"), space1)),
            alt((between_months, month_range)),
            word_end,
            opt(preceded(space1, year)),
            opt((space1, alt((tag_ci("quarter"), tag_ci("period"))), word_end)),
        ),
        |(_, (first, last), _, year, _)| quarter_of_months(Some(first), last, year, None),
    )
    .parse(input)
}

// in the quarter | for the month | during the period | over the quarter:
// not "in the quarter to June", "for the period ended ..." (a period named
// by its end, which this does not place) or "in the period of ...".
fn definite(input: &str) -> IResult<&str, DateExpr> {
    let (rest, (_, _, _, _, unit)) = (
        alt((
            tag_ci("in"),
            tag_ci("for"),
            tag_ci("during"),
            tag_ci("over"),
        )),
        space1,
        tag_ci("the"),
        space1,
        alt((
            value(Some(Unit::Quarter), tag_ci("quarter")),
            value(Some(Unit::Month), tag_ci("month")),
            value(None, tag_ci("period")),
        )),
    )
        .parse(input)?;
    let (_, _) = word_end(rest)?;
    let next = rest
        .trim_start_matches([' ', '\t'])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(
        next.as_str(),
        "to" | "ended"
            | "ending"
            | "that"
            | "which"
            | "of"
            | "through"
            | "from"
            | "before"
            | "after"
            | "between"
            | "since"
            | "under"
            | "when"
            | "in"
    ) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, DateExpr::Definite { unit }))
}

/// Any date expression starting exactly at `input`. Bare years are left to
/// [`year`], since whether "2018" is a year depends on what surrounds it.
pub fn date_expr(input: &str) -> IResult<&str, DateExpr> {
    alt((
        fiscal,
        quarter_ending,
        iso,
        month_day,
        day_month,
        month_relative_year,
        month_year,
        weekday,
        quarter,
        half,
        relative,
        before,
        ago,
        definite,
        elided_quarter,
    ))
    .parse(input)
}

/// [`date_expr`] where the input starts with a digit: only "2019-06-09",
/// "5 June \[2019\]", a fiscal year ("2023-24") and "2Q FY26" can start so,
/// and the scan calls this there instead.
pub fn numeric_date(input: &str) -> IResult<&str, DateExpr> {
    alt((iso, fiscal, day_month, day_before_range)).parse(input)
}

/// A full date, for datelines: day, month and year all written.
pub fn full_date(input: &str) -> IResult<&str, NaiveDate> {
    let (rest, _) = space0.parse(input)?;
    map_opt(alt((iso, month_day, day_month)), |e| match e {
        DateExpr::Iso(d) => Some(d),
        DateExpr::Calendar {
            year: Some(y),
            month,
            day: Some(d),
            ..
        } => NaiveDate::from_ymd_opt(y, month, d),
        _ => None,
    })
    .parse(rest)
}

/// Placing an expression needs a publication date, or it cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// Relative to the publication date, which is unknown.
    NeedsDate,
    /// Not a real day (February 30).
    Invalid,
    /// "in the quarter" where the article has named no quarter before.
    NoAntecedent,
    /// "last season" read when seasons of different sports disagree on
    /// which one it is.
    Ambiguous,
}

/// Place an expression in time. `future` says whether the clause looks
/// ahead ("will meet on Thursday"), which decides a bare weekday.
pub fn resolve(
    expr: DateExpr,
    published: Option<NaiveDate>,
    future: bool,
) -> Result<Period, Unplaced> {
    let need = || published.ok_or(Unplaced::NeedsDate);
    match expr {
        DateExpr::Iso(d) => Ok(Period::Day(d)),
        DateExpr::Year(y) => Ok(Period::Year(y)),
        DateExpr::Fiscal {
            year: Some(y),
            quarter: None,
        } => Ok(Period::FiscalYear(y)),
        DateExpr::Fiscal {
            year: Some(y),
            quarter: Some(q),
        } => Ok(Period::FiscalQuarter(y, q)),
        DateExpr::Fiscal {
            year: None,
            quarter: Some(q),
        } => Ok(Period::FiscalQuarter(fiscal_year_of(need()?, q, future), q)),
        DateExpr::Fiscal {
            year: None,
            quarter: None,
        } => Err(Unplaced::Invalid),
        DateExpr::QuarterEnding {
            last,
            fiscal_year: Some(fy),
        } => {
            // A year written "2023-24" runs April to March, as in India,
            // Japan, Canada and the UK's tax year: April–June is its first
            // quarter.
            let q = ((last + 12 - 6) % 12 / 3 + 1) as u8;
            Ok(Period::FiscalQuarter(fy, q))
        }
        DateExpr::QuarterEnding {
            last,
            fiscal_year: None,
        } => {
            let p = need()?;
            // The latest such quarter that has ended, or the coming one if
            // the clause looks ahead.
            let ended = |y: i32| NaiveDate::from_ymd_opt(y, last, 1).is_some_and(|d| d < p);
            let y = if future {
                if ended(p.year()) && last < p.month() {
                    p.year() + 1
                } else {
                    p.year()
                }
            } else if last > p.month() {
                p.year() - 1
            } else {
                p.year()
            };
            Ok(Period::Quarter(y, (last / 3) as u8))
        }
        DateExpr::Quarter {
            year: Some(y),
            quarter,
            ..
        } => Ok(Period::Quarter(y, quarter)),
        DateExpr::Quarter {
            year: None,
            offset,
            quarter,
        } => {
            // "of last year" counts from the publication year; a bare
            // quarter is the most recent such quarter that has begun, or
            // this year's if the clause looks ahead.
            let p = need()?;
            let current = ((p.month() - 1) / 3 + 1) as u8;
            let y = if let Some(offset) = offset {
                p.year() + i32::from(offset)
            } else if quarter > current && !future {
                p.year() - 1
            } else {
                p.year()
            };
            Ok(Period::Quarter(y, quarter))
        }
        DateExpr::Half {
            year: Some(y),
            half,
            ..
        } => Ok(Period::Half(y, half)),
        DateExpr::Half {
            year: None,
            offset,
            half,
        } => {
            // "of last year" counts from the publication year; a bare half
            // is the most recent that has begun, or this year's if the
            // clause looks ahead.
            let p = need()?;
            let current = if p.month() <= 6 { 1 } else { 2 };
            let y = if let Some(offset) = offset {
                p.year() + i32::from(offset)
            } else if half > current && !future {
                p.year() - 1
            } else {
                p.year()
            };
            Ok(Period::Half(y, half))
        }
        DateExpr::Calendar {
            year, month, day, ..
        } => {
            let y = match year {
                Some(y) => y,
                None => nearest_year(need()?, month, future),
            };
            match day {
                Some(d) => NaiveDate::from_ymd_opt(y, month, d)
                    .map(Period::Day)
                    .ok_or(Unplaced::Invalid),
                None => Ok(Period::Month(y, month)),
            }
        }
        DateExpr::MonthOf { month, step } => {
            let p = need()?;
            let k = step.offset();
            Ok(Period::Month(p.year() + k, month))
        }
        DateExpr::Weekday { weekday, step } => {
            let p = need()?;
            place_weekday(p, weekday, step, future)
                .map(Period::Day)
                .ok_or(Unplaced::Invalid)
        }
        DateExpr::Relative { step, unit } => {
            let p = need()?;
            let k = step.offset();
            // Checked: a publication date at the end of the calendar has
            // no "tomorrow".
            let day = |n: i64| {
                p.checked_add_signed(Duration::days(n))
                    .map(Period::Day)
                    .ok_or(Unplaced::Invalid)
            };
            Ok(match unit {
                Unit::Day => day(k as i64)?,
                Unit::Week => day(7 * k as i64)?,
                Unit::Month => {
                    let m0 = p.year() * 12 + p.month0() as i32 + k;
                    Period::Month(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1)
                }
                Unit::Quarter => {
                    let q0 = p.year() * 4 + (p.month0() / 3) as i32 + k;
                    Period::Quarter(q0.div_euclid(4), (q0.rem_euclid(4) + 1) as u8)
                }
                Unit::Year => Period::Year(p.year() + k),
            })
        }
        // A season that straddles the new year ("2023-24") is named, as a
        // fiscal year is, by the year it ends in. From January to April the
        // current one ends this year; from August to December the current
        // one began this year and ends the next; from May to July one has
        // just ended and the next not begun, and "this season" may be
        // either. A sport played within a calendar year names its seasons
        // otherwise, so the reader keeps this placing only in a run that
        // names a split season (`read::story`).
        DateExpr::Season { step } => {
            let p = need()?;
            let k = step.offset();
            match p.month() {
                1..=4 => Ok(Period::FiscalYear(p.year() + k)),
                8..=12 => Ok(Period::FiscalYear(p.year() + 1 + k)),
                _ => Err(Unplaced::Ambiguous),
            }
        }
        // Placed by the reader, from the periods the article named before.
        DateExpr::Definite { .. } | DateExpr::ElidedQuarter { .. } => Err(Unplaced::NoAntecedent),
        DateExpr::Before { unit } => {
            // With no other period to count back from, count from the
            // publication date.
            resolve(
                DateExpr::Relative {
                    step: Step::Last,
                    unit,
                },
                published,
                future,
            )
        }
    }
}

/// The fiscal year of a quarter written without one ("the fiscal third
/// quarter"), in an article published on `published`. A quarter reported
/// as done ended about a month before publication; one looked ahead to
/// ends within the next few months. The fiscal year is named by the year it
/// ends in, (4 − q) quarters after the quarter's end.
pub fn fiscal_year_of(published: NaiveDate, quarter: u8, future: bool) -> i32 {
    let month0 = published.year() * 12 + published.month0() as i32;
    let quarter_end = if future { month0 + 2 } else { month0 - 1 };
    let year_end = quarter_end + 3 * (4 - quarter as i32);
    year_end.div_euclid(12)
}

/// A month named without a year is the occurrence nearest the publication
/// date; ties (six months either way) go forward if the clause looks ahead.
fn nearest_year(published: NaiveDate, month: u32, future: bool) -> i32 {
    let diff = month as i32 - published.month() as i32;
    if diff > 6 || (diff == 6 && !future) {
        published.year() - 1
    } else if diff < -6 || (diff == -6 && future) {
        published.year() + 1
    } else {
        published.year()
    }
}

/// "next Wednesday" is the Wednesday of the following (Monday-based) week;
/// "last Wednesday" the latest one strictly before the publication date; a
/// bare weekday is the nearest one on the side the clause's tense points to.
fn place_weekday(
    published: NaiveDate,
    weekday: Weekday,
    step: Option<Step>,
    future: bool,
) -> Option<NaiveDate> {
    let from_monday = |d: NaiveDate| d.weekday().num_days_from_monday() as i64;
    let target = weekday.num_days_from_monday() as i64;
    let shift = |n: i64| published.checked_add_signed(Duration::days(n));
    match step {
        Some(Step::Next) => shift(7 - from_monday(published) + target),
        Some(Step::This) => shift(target - from_monday(published)),
        Some(Step::Last) => {
            let back = (from_monday(published) - target).rem_euclid(7);
            shift(-(if back == 0 { 7 } else { back }))
        }
        None if future => {
            // "will meet on Thursday", written on a Thursday: today.
            shift((target - from_monday(published)).rem_euclid(7))
        }
        None => shift(-(from_monday(published) - target).rem_euclid(7)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_the_calendar_has_no_tomorrow() {
        let end = Some(NaiveDate::MAX);
        let tomorrow = DateExpr::Relative {
            step: Step::Next,
            unit: Unit::Day,
        };
        assert_eq!(resolve(tomorrow, end, false), Err(Unplaced::Invalid));
        let monday = DateExpr::Weekday {
            weekday: Weekday::Mon,
            step: Some(Step::Next),
        };
        assert_eq!(resolve(monday, end, true), Err(Unplaced::Invalid));
        let yesterday = DateExpr::Relative {
            step: Step::Last,
            unit: Unit::Day,
        };
        assert_eq!(
            resolve(yesterday, Some(NaiveDate::MIN), false),
            Err(Unplaced::Invalid)
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_first_day_of_a_range() {
        let june = |day| DateExpr::Calendar {
            year: None,
            month: 6,
            day: Some(day),
            weekday: None,
        };
        assert_eq!(
            numeric_date("3 to 9 June").unwrap(),
            (" to 9 June", june(3))
        );
        assert_eq!(numeric_date("3-9 June").unwrap(), ("-9 June", june(3)));
        assert_eq!(numeric_date("9 June").unwrap(), ("", june(9)));
        assert!(numeric_date("3 to 9 people").is_err());
    }

    #[test]
    fn a_period_named_before() {
        assert_eq!(
            date_expr("in the quarter, profit").unwrap(),
            (
                ", profit",
                DateExpr::Definite {
                    unit: Some(Unit::Quarter)
                }
            )
        );
        assert_eq!(
            date_expr("for the period.").unwrap().1,
            DateExpr::Definite { unit: None }
        );
        // Named by its end or by what follows: not an anaphor.
        assert!(date_expr("in the quarter to June").is_err());
        assert!(date_expr("for the period ended October 26").is_err());
        assert!(date_expr("in the quarterly report").is_err());
        assert_eq!(
            resolve(
                DateExpr::Definite { unit: None },
                Some(d(2025, 1, 1)),
                false
            ),
            Err(Unplaced::NoAntecedent)
        );
    }

    #[test]
    fn quarters_named_by_their_months() {
        let on = |s: &str| {
            let (_, e) = date_expr(s).unwrap();
            let p = NaiveDate::from_ymd_opt(2023, 5, 17).unwrap();
            resolve(e, Some(p), false).unwrap().to_string()
        };
        assert_eq!(on("January-March, according to"), "2023-Q1");
        assert_eq!(on("the October-December period"), "2022-Q4");
        assert_eq!(on("July–September 2022 quarter"), "2022-Q3");
        assert_eq!(on("April through June, expanding"), "2022-Q2");
        assert_eq!(on("Q2 of 2022, it said"), "2022-Q2");
        assert_eq!(on("the April-through-June period"), "2022-Q2");
        assert_eq!(on("between January and March, it said"), "2023-Q1");
        assert_eq!(
            date_expr("in the fourth and 8.3%").unwrap().1,
            DateExpr::ElidedQuarter { quarter: 4 }
        );
        assert_eq!(
            date_expr("in the fourth, after").unwrap().1,
            DateExpr::ElidedQuarter { quarter: 4 }
        );
        assert!(date_expr("in the first place").is_err());
        assert_eq!(
            date_expr("the winter before").unwrap().1,
            DateExpr::Before { unit: Unit::Year }
        );
        assert_eq!(
            date_expr("the previous season,").unwrap().1,
            DateExpr::Before { unit: Unit::Year }
        );
        let season = |s: &str, y: i32, m: u32| {
            let (_, e) = date_expr(s).unwrap();
            resolve(e, NaiveDate::from_ymd_opt(y, m, 9), false).map(|p| p.to_string())
        };
        // Seasons are placed by the year they end in.
        assert_eq!(season("last season", 2025, 2), Ok("FY2024".to_string()));
        assert_eq!(season("this season", 2025, 2), Ok("FY2025".to_string()));
        assert_eq!(season("last season", 2025, 11), Ok("FY2025".to_string()));
        assert_eq!(season("this season", 2025, 11), Ok("FY2026".to_string()));
        assert_eq!(season("last season", 2025, 6), Err(Unplaced::Ambiguous));
        assert_eq!(on("between July and September 2022"), "2022-Q3");
        // "and" makes a range only after "between".
        assert_eq!(on("July and September"), "2023-07");
        assert!(date_expr("between May and August").is_err());
        // Two months, or three that are no quarter, are not read as one.
        assert!(!matches!(
            date_expr("January-February"),
            Ok((_, DateExpr::Quarter { .. } | DateExpr::QuarterEnding { .. }))
        ));
        assert!(!matches!(
            date_expr("February-April"),
            Ok((_, DateExpr::Quarter { .. } | DateExpr::QuarterEnding { .. }))
        ));
    }

    /// A quarter "of this year", "of last year", and the first three
    /// months as the first quarter.
    #[test]
    fn quarters_of_a_relative_year() {
        let on = |s: &str, published: &str| {
            let (_, e) = date_expr(s).unwrap();
            let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
            resolve(e, Some(p), false).unwrap().to_string()
        };
        assert_eq!(on("first quarter of this year", "2025-05-06"), "2025-Q1");
        assert_eq!(on("third quarter of last year", "2025-05-06"), "2024-Q3");
        // "of this year" is this year's, begun or not.
        assert_eq!(on("fourth quarter of the year", "2025-05-06"), "2025-Q4");
        assert_eq!(on("third quarter of this year", "2025-05-06"), "2025-Q3");
        assert_eq!(on("first three months of 2025", "2025-05-06"), "2025-Q1");
        assert_eq!(
            on("first three months of last year", "2025-05-06"),
            "2024-Q1"
        );
        // "of" anything else leaves the quarter bare; the first three
        // months of anything else are no quarter.
        assert_eq!(on("second quarter of its year", "2025-09-06"), "2025-Q2");
        assert!(date_expr("first three months after the launch").is_err());
    }

    #[test]
    fn halves_of_a_year() {
        let on = |s: &str, published: &str| {
            let (_, e) = date_expr(s).unwrap();
            let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
            resolve(e, Some(p), false).unwrap().to_string()
        };
        assert_eq!(on("first half of 2024 trade", "2024-09-01"), "2024-H1");
        assert_eq!(on("second-half profit", "2024-09-01"), "2024-H2");
        // A half not yet begun is last year's.
        assert_eq!(on("second-half profit", "2024-03-01"), "2023-H2");
        assert_eq!(on("H1 2025 revenue", "2025-09-01"), "2025-H1");
        assert_eq!(on("second half of last year,", "2025-02-01"), "2024-H2");
        assert_eq!(on("first half of the year", "2024-09-01"), "2024-H1");
        assert_eq!(on("six months to June 30, 2024", "2024-08-01"), "2024-H1");
        assert_eq!(on("six months ended December", "2025-02-01"), "2024-H2");
        assert_eq!(on("first six months of 2023", "2024-02-01"), "2023-H1");
        // Halves of other things, fiscal halves and other six months are not.
        for s in [
            "second half of the month",
            "first half of the game",
            "first half of fiscal 2025",
            "H1 FY26",
            "six months to September",
        ] {
            assert!(
                !matches!(date_expr(s), Ok((_, DateExpr::Half { .. }))),
                "{s}"
            );
        }
    }

    #[test]
    fn calendar_forms() {
        assert_eq!(
            date_expr("June 5, 2019 was").unwrap(),
            (
                " was",
                DateExpr::Calendar {
                    year: Some(2019),
                    month: 6,
                    day: Some(5),
                    weekday: None
                }
            )
        );
        assert_eq!(
            date_expr("9 June 2019").unwrap().1,
            DateExpr::Calendar {
                year: Some(2019),
                month: 6,
                day: Some(9),
                weekday: None
            }
        );
        assert_eq!(
            date_expr("Tuesday, June 5, 2019").unwrap().1,
            DateExpr::Calendar {
                year: Some(2019),
                month: 6,
                day: Some(5),
                weekday: Some(Weekday::Tue)
            }
        );
        assert_eq!(
            date_expr("Oct. 7 and").unwrap().1,
            DateExpr::Calendar {
                year: None,
                month: 10,
                day: Some(7),
                weekday: None
            }
        );
        assert_eq!(
            date_expr("October 2023,").unwrap().1,
            DateExpr::Calendar {
                year: Some(2023),
                month: 10,
                day: None,
                weekday: None
            }
        );
        assert_eq!(
            date_expr("2019-06-09").unwrap().1,
            DateExpr::Iso(d(2019, 6, 9))
        );
    }

    #[test]
    fn month_in_relative_year() {
        let (_, e) = date_expr("October last year,").unwrap();
        assert_eq!(
            e,
            DateExpr::MonthOf {
                month: 10,
                step: Step::Last
            }
        );
        assert_eq!(
            resolve(e, Some(d(2024, 5, 16)), false),
            Ok(Period::Month(2023, 10))
        );
    }

    #[test]
    fn lower_case_month_is_not_a_month() {
        assert!(date_expr("march on").is_err());
        assert!(month_name("Mayor").is_err());
    }

    #[test]
    fn relative_forms() {
        assert_eq!(
            date_expr("last year's").unwrap(),
            (
                "",
                DateExpr::Relative {
                    step: Step::Last,
                    unit: Unit::Year
                }
            )
        );
        assert_eq!(
            date_expr("a year earlier").unwrap().1,
            DateExpr::Before { unit: Unit::Year }
        );
        assert_eq!(
            date_expr("the previous year").unwrap().1,
            DateExpr::Before { unit: Unit::Year }
        );
        assert_eq!(
            date_expr("next Wednesday").unwrap().1,
            DateExpr::Weekday {
                weekday: Weekday::Wed,
                step: Some(Step::Next)
            }
        );
        // The scan starts at "first quarter", never at "the".
        assert!(date_expr("the first quarter of 2024").is_err());
        assert_eq!(
            date_expr("first quarter of 2024").unwrap().1,
            DateExpr::Quarter {
                year: Some(2024),
                offset: None,
                quarter: 1
            }
        );
    }

    #[test]
    fn fiscal_forms() {
        let fq = |year: Option<i32>, quarter: Option<u8>| DateExpr::Fiscal { year, quarter };
        for (text, want) in [
            ("Q2 FY26 results", fq(Some(2026), Some(2))),
            ("Q1FY24,", fq(Some(2024), Some(1))),
            ("2Q FY26", fq(Some(2026), Some(2))),
            ("Q2 2023-24", fq(Some(2024), Some(2))),
            ("fiscal fourth quarter", fq(None, Some(4))),
            ("fiscal fourth-quarter revenue", fq(None, Some(4))),
            ("third fiscal quarter", fq(None, Some(3))),
            ("fourth quarter of fiscal 2026", fq(Some(2026), Some(4))),
            ("the second quarter of 2023-24", fq(Some(2024), Some(2))),
            ("first quarter of FY24", fq(Some(2024), Some(1))),
            ("fiscal 2026", fq(Some(2026), None)),
            ("fiscal year 2024-25", fq(Some(2025), None)),
            ("financial year 2023-24", fq(Some(2024), None)),
            ("FY2025-26", fq(Some(2026), None)),
            ("FY24", fq(Some(2024), None)),
            ("2023-24", fq(Some(2024), None)),
            ("2023/2024", fq(Some(2024), None)),
        ] {
            assert_eq!(date_expr(text).map(|r| r.1), Ok(want), "{text}");
        }
        // Not one fiscal year: the years are not consecutive.
        assert!(date_expr("2023-25").is_err());
        assert_eq!(
            date_expr("the July-September quarter of 2023-24")
                .unwrap()
                .1,
            DateExpr::QuarterEnding {
                last: 9,
                fiscal_year: Some(2024)
            }
        );
        assert_eq!(
            date_expr("the September quarter").unwrap().1,
            DateExpr::QuarterEnding {
                last: 9,
                fiscal_year: None
            }
        );
        // Two months is not a quarter.
        assert!(date_expr("the July-August quarter").is_err());
    }

    #[test]
    fn fiscal_periods_resolve() {
        let fiscal = |year, quarter| DateExpr::Fiscal { year, quarter };
        // Reported in November 2025: the third quarter ended in October, so
        // its fiscal year ends in January 2026.
        assert_eq!(
            resolve(fiscal(None, Some(3)), Some(d(2025, 11, 19)), false),
            Ok(Period::FiscalQuarter(2026, 3))
        );
        // Looked ahead to in the same article: the fourth quarter, same year.
        assert_eq!(
            resolve(fiscal(None, Some(4)), Some(d(2025, 11, 19)), true),
            Ok(Period::FiscalQuarter(2026, 4))
        );
        // A September year end: the fourth quarter reported in October.
        assert_eq!(
            resolve(fiscal(None, Some(4)), Some(d(2025, 10, 30)), false),
            Ok(Period::FiscalQuarter(2025, 4))
        );
        let q = |last, fiscal_year| DateExpr::QuarterEnding { last, fiscal_year };
        assert_eq!(
            resolve(q(9, Some(2024)), None, false),
            Ok(Period::FiscalQuarter(2024, 2))
        );
        assert_eq!(
            resolve(q(9, None), Some(d(2025, 10, 30)), false),
            Ok(Period::Quarter(2025, 3))
        );
        assert_eq!(
            resolve(q(12, None), Some(d(2025, 10, 30)), true),
            Ok(Period::Quarter(2025, 4))
        );
        assert_eq!(
            resolve(q(12, None), Some(d(2025, 10, 30)), false),
            Ok(Period::Quarter(2024, 4))
        );
    }

    #[test]
    fn year_range() {
        assert_eq!(year("2018 ").unwrap().1, 2018);
        assert!(year("20189").is_err());
        assert!(year("3000").is_err());
    }

    #[test]
    fn resolves_against_publication_date() {
        let p = Some(d(2019, 5, 29)); // a Wednesday
        let last_year = DateExpr::Relative {
            step: Step::Last,
            unit: Unit::Year,
        };
        assert_eq!(resolve(last_year, p, false), Ok(Period::Year(2018)));
        assert_eq!(resolve(last_year, None, false), Err(Unplaced::NeedsDate));
        let next_wed = DateExpr::Weekday {
            weekday: Weekday::Wed,
            step: Some(Step::Next),
        };
        assert_eq!(resolve(next_wed, p, true), Ok(Period::Day(d(2019, 6, 5))));
        let wed = DateExpr::Weekday {
            weekday: Weekday::Wed,
            step: None,
        };
        assert_eq!(resolve(wed, p, false), Ok(Period::Day(d(2019, 5, 29))));
        let fri = DateExpr::Weekday {
            weekday: Weekday::Fri,
            step: None,
        };
        assert_eq!(
            resolve(fri, Some(d(2019, 6, 5)), true),
            Ok(Period::Day(d(2019, 6, 7)))
        );
        let next_month = DateExpr::Relative {
            step: Step::Next,
            unit: Unit::Month,
        };
        assert_eq!(
            resolve(next_month, Some(d(2019, 12, 3)), true),
            Ok(Period::Month(2020, 1))
        );
    }

    #[test]
    fn a_lone_abbreviated_month_is_no_date() {
        assert!(date_expr("Jan district").is_err());
        assert!(date_expr("Mar Elias").is_err());
        assert_eq!(
            date_expr("Jan 2024").unwrap().1,
            DateExpr::Calendar {
                year: Some(2024),
                month: 1,
                day: None,
                weekday: None
            }
        );
        assert_eq!(
            date_expr("January, when").unwrap().1,
            DateExpr::Calendar {
                year: None,
                month: 1,
                day: None,
                weekday: None
            }
        );
    }

    #[test]
    fn month_without_year_takes_nearest() {
        let april = DateExpr::Calendar {
            year: None,
            month: 4,
            day: None,
            weekday: None,
        };
        assert_eq!(
            resolve(april, Some(d(2019, 5, 29)), false),
            Ok(Period::Month(2019, 4))
        );
        let dec = DateExpr::Calendar {
            year: None,
            month: 12,
            day: None,
            weekday: None,
        };
        assert_eq!(
            resolve(dec, Some(d(2024, 1, 10)), false),
            Ok(Period::Month(2023, 12))
        );
    }

    #[test]
    fn full_date_for_datelines() {
        assert_eq!(full_date("9 June 2019").unwrap().1, d(2019, 6, 9));
        assert_eq!(full_date("June 9, 2019").unwrap().1, d(2019, 6, 9));
        assert_eq!(full_date("2019-06-09").unwrap().1, d(2019, 6, 9));
        assert!(full_date("June 9").is_err());
    }
}
