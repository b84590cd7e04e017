//! A claim: one figure found in a document, normalised and placed in time.
//!
//! Every number is a [`Decimal`] from parse to report. A written figure
//! stands for an [`Interval`]: its precision widens it ("$108bn" is
//! 107.5bn–108.5bn) and its qualifier bends it ("more than 30" is (30, ∞)).

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::Serialize;

/// What sort of quantity a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money ("$108bn"); its unit is a currency code.
    Money,
    /// A percentage ("24.5%"); the value is in percent.
    Percent,
    /// A difference between percentages ("2 percentage points", "50 basis
    /// points"); the value is in points.
    PercentagePoints,
    /// A number of things ("30 agreements"), or an amount in a physical unit
    /// ("5 tonnes").
    Count,
    /// A length of time ("three-day", "five years"); its unit is "day", "year"...
    Duration,
    /// A date or period ("June 5", "last year"); the value is its year (0 when
    /// it could not be placed) and `period` says which.
    Date,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::PercentagePoints => "percentage_points",
            Kind::Count => "count",
            Kind::Duration => "duration",
            Kind::Date => "date",
        }
    }
}

/// What a figure is doing in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A level that happened: "trade hit $108bn".
    Actual,
    /// Something aimed for: "a target of $200bn by 2020".
    Target,
    /// Something expected: "forecast to reach 3%".
    Forecast,
    /// A company's own outlook: "Nvidia forecast revenue of $65bn".
    Guidance,
    /// What analysts or economists expected: "a consensus of $1.25".
    Estimate,
    /// A change between two levels: "rose 24.5%". Its value is signed.
    Change,
}

impl Role {
    /// The role as reports write it: "actual", "target", "forecast",
    /// "guidance", "estimate" or "change".
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Actual => "actual",
            Role::Target => "target",
            Role::Forecast => "forecast",
            Role::Guidance => "guidance",
            Role::Estimate => "estimate",
            Role::Change => "change",
        }
    }
}

/// The words that bend a figure's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// about, around, roughly, approximately, some, an estimated
    About,
    /// nearly, almost, close to, just under
    Nearly,
    /// more than, over, above, in excess of
    MoreThan,
    /// at least, no fewer than
    AtLeast,
    /// less than, fewer than, under, below
    LessThan,
    /// up to, as many as, as much as, at most
    UpTo,
    /// just over, just above
    JustOver,
}

impl Qualifier {
    /// The qualifier named in a rule pack's `[qualifiers]` table.
    pub fn from_name(name: &str) -> Option<Qualifier> {
        [
            Qualifier::About,
            Qualifier::Nearly,
            Qualifier::MoreThan,
            Qualifier::AtLeast,
            Qualifier::LessThan,
            Qualifier::UpTo,
            Qualifier::JustOver,
        ]
        .into_iter()
        .find(|q| q.as_str() == name)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::UpTo => "up_to",
            Qualifier::JustOver => "just_over",
        }
    }
}

/// What a change is measured against. Year-on-year and quarter-on-quarter
/// growth often sit side by side and are never the same quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Basis {
    #[serde(rename = "y/y")]
    /// Against the same period a year earlier ("year-on-year", "from a year
    /// ago").
    YearOnYear,
    #[serde(rename = "q/q")]
    /// Against the previous quarter ("quarter-on-quarter", "sequentially").
    QuarterOnQuarter,
    #[serde(rename = "m/m")]
    /// Against the previous month ("month-on-month").
    MonthOnMonth,
    #[serde(rename = "annualised")]
    /// At an annual rate ("annualised", "annual rate").
    Annualised,
    #[serde(rename = "compound")]
    /// A yearly rate over several years, between the levels at either end
    /// ("a compound annual growth rate of 11%", "an average annual rise").
    Compound,
}

impl Basis {
    /// The basis as reports write it, and as a rule pack's `[bases]` table
    /// names it: "y/y", "q/q", "m/m", "annualised" or "compound".
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::YearOnYear => "y/y",
            Basis::QuarterOnQuarter => "q/q",
            Basis::MonthOnMonth => "m/m",
            Basis::Annualised => "annualised",
            Basis::Compound => "compound",
        }
    }

    /// The basis named in a rule pack's `[bases]` table.
    pub fn from_name(name: &str) -> Option<Basis> {
        [
            Basis::YearOnYear,
            Basis::QuarterOnQuarter,
            Basis::MonthOnMonth,
            Basis::Annualised,
            Basis::Compound,
        ]
        .into_iter()
        .find(|b| b.as_str() == name)
    }
}

/// What a figure quantifies, as a structure: two figures are about the
/// same thing only when every part agrees.
///
/// "Nvidia's data-center revenue rose 66% from a year earlier" has head
/// `revenue`, modifier `data-center` and basis y/y (the owner, Nvidia, is
/// the claim's own field); "40% of sales" has head `share` of `revenue`;
/// "$1.30 a share" has `per` share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Measure {
    /// The lexicon's id for the term ("revenue" for "sales"), or the head
    /// noun folded to the singular ("seat").
    pub head: String,
    /// Words before the head that make it a different quantity ("core",
    /// "data-center"), lower case, in written order.
    pub modifiers: Vec<String>,
    /// A qualifying phrase after the head: "to us" (exports to the US), "on
    /// china good" (tariffs on Chinese goods).
    pub qualifier: Option<String>,
    /// The whole a share or subset is taken of ("of revenue").
    pub of: Option<String>,
    /// The basis of a rate: "share" ($1.30 a share), "capita", "week", "barrel".
    pub per: Option<String>,
    /// What a change is measured against.
    pub basis: Option<Basis>,
    /// A part of a whole the text states, the part named only by whatever
    /// the clause is about: "19 of them", "45% of the country's 4,800
    /// pharmacies". One of many possible parts, compared with nothing.
    pub part_of_stated: bool,
}

impl Measure {
    pub(crate) fn new(head: impl Into<String>) -> Measure {
        Measure {
            head: head.into(),
            ..Measure::default()
        }
    }

    /// The same measure, with no comparison basis: the level a change moves.
    pub fn level(&self) -> Measure {
        Measure {
            basis: None,
            ..self.clone()
        }
    }
}

/// The measure's name: modifiers, head, qualifying phrase, whole and
/// rate basis ("data-center revenue", "exports to us", "profit per share").
/// The comparison basis is shown apart ([`Measure::basis`]).
impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.modifiers {
            write!(f, "{m} ")?;
        }
        f.write_str(&self.head)?;
        if let Some(q) = &self.qualifier {
            write!(f, " {q}")?;
        }
        if let Some(o) = &self.of {
            write!(f, " of {o}")?;
        }
        if let Some(p) = &self.per {
            write!(f, " per {p}")?;
        }
        Ok(())
    }
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bound {
    /// Where the end lies, in the units of the figure's value.
    pub value: Decimal,
    /// Whether the end value itself belongs to the interval.
    pub inclusive: bool,
}

impl Bound {
    pub(crate) fn closed(value: Decimal) -> Self {
        Bound {
            value,
            inclusive: true,
        }
    }
    pub(crate) fn open(value: Decimal) -> Self {
        Bound {
            value,
            inclusive: false,
        }
    }
}

/// The set of true values a written figure is consistent with. `None` is
/// unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// The lower end; `None` when unbounded below ("less than 30").
    pub low: Option<Bound>,
    /// The upper end; `None` when unbounded above ("more than 30").
    pub high: Option<Bound>,
}

impl Interval {
    pub(crate) fn closed(low: Decimal, high: Decimal) -> Self {
        Interval {
            low: Some(Bound::closed(low)),
            high: Some(Bound::closed(high)),
        }
    }

    /// The values that round to a written figure, half up: [low, high).
    /// "3" covers 2.5 but not 3.5, so "2" and "3" never meet.
    pub fn rounded(low: Decimal, high: Decimal) -> Self {
        Interval {
            low: Some(Bound::closed(low)),
            high: Some(Bound::open(high)),
        }
    }

    pub(crate) fn point(value: Decimal) -> Self {
        Interval::closed(value, value)
    }

    /// Whether some value lies in both intervals.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !(Self::below(self.high, other.low) || Self::below(other.high, self.low))
    }

    /// True when everything up to `high` lies strictly below `low`.
    fn below(high: Option<Bound>, low: Option<Bound>) -> bool {
        match (high, low) {
            (Some(h), Some(l)) => {
                h.value < l.value || (h.value == l.value && !(h.inclusive && l.inclusive))
            }
            _ => false,
        }
    }

    /// Whether a value lies in the interval.
    pub fn contains(&self, x: Decimal) -> bool {
        self.overlaps(&Interval::point(x))
    }

    /// Mirror the interval around zero ("fell 8%" is a change of −8%).
    pub fn negate(&self) -> Interval {
        let flip = |b: Option<Bound>| {
            b.map(|b| Bound {
                value: -b.value,
                inclusive: b.inclusive,
            })
        };
        Interval {
            low: flip(self.high),
            high: flip(self.low),
        }
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &Interval) -> Interval {
        let low = match (self.low, other.low) {
            (Some(a), Some(b)) => Some(
                if a.value < b.value || (a.value == b.value && a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            _ => None,
        };
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(
                if a.value > b.value || (a.value == b.value && a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            _ => None,
        };
        Interval { low, high }
    }

    /// The values in both, or `None` when they do not meet.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        if !self.overlaps(other) {
            return None;
        }
        let low = match (self.low, other.low) {
            (Some(a), Some(b)) => Some(
                if a.value > b.value || (a.value == b.value && !a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            (a, b) => a.or(b),
        };
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(
                if a.value < b.value || (a.value == b.value && !a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            (a, b) => a.or(b),
        };
        Some(Interval { low, high })
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Some(b) => write!(
                f,
                "{}{}",
                if b.inclusive { '[' } else { '(' },
                plain(b.value)
            )?,
            None => write!(f, "(-∞")?,
        }
        write!(f, ", ")?;
        match self.high {
            Some(b) => write!(
                f,
                "{}{}",
                plain(b.value),
                if b.inclusive { ']' } else { ')' }
            ),
            None => write!(f, "∞)"),
        }
    }
}

/// A decimal written without exponent or trailing zeros: "108000000000", "24.5".
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A decimal with thousands separators, for people: "108,000,000,000".
pub fn grouped(d: Decimal) -> String {
    let s = plain(d);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// The stretch of time a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// Year and quarter 1–4.
    Quarter(i32, u8),
    /// Year and half 1–2 ("the first half of 2024", "H2").
    Half(i32, u8),
    /// Year and month 1–12.
    Month(i32, u32),
    /// One calendar day.
    Day(NaiveDate),
    /// A fiscal year as its owner names it ("fiscal 2026", "FY26",
    /// "2023-24" is 2024): named by the calendar year it ends in.
    FiscalYear(i32),
    /// A quarter 1–4 of a fiscal year ("Q3 FY26", "the fiscal fourth
    /// quarter").
    FiscalQuarter(i32, u8),
}

impl Period {
    pub(crate) fn year(&self) -> i32 {
        match *self {
            Period::Year(y)
            | Period::Quarter(y, _)
            | Period::Half(y, _)
            | Period::Month(y, _)
            | Period::FiscalYear(y)
            | Period::FiscalQuarter(y, _) => y,
            Period::Day(d) => d.year(),
        }
    }

    /// First and last day covered; `None` for a fiscal period, whose
    /// months depend on its owner's year end.
    pub fn calendar_days(&self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Period::FiscalYear(_) | Period::FiscalQuarter(..) => None,
            _ => Some(self.days()),
        }
    }

    /// First and last day covered. A fiscal period is taken as the
    /// calendar year it is named by: use [`Period::calendar_days`] where
    /// that matters.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        let month_end = |y: i32, m: u32| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
        };
        match *self {
            Period::Year(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
            Period::Quarter(y, q) => {
                let first = (q as u32 - 1) * 3 + 1;
                (ymd(y, first, 1), month_end(y, first + 2))
            }
            Period::Half(y, h) => {
                let first = (h as u32 - 1) * 6 + 1;
                (ymd(y, first, 1), month_end(y, first + 5))
            }
            Period::Month(y, m) => (ymd(y, m, 1), month_end(y, m)),
            Period::Day(d) => (d, d),
            Period::FiscalYear(y) | Period::FiscalQuarter(y, _) => (ymd(y, 1, 1), ymd(y, 12, 31)),
        }
    }

    /// The period one `unit` earlier, keeping its own length: a month "a
    /// year earlier" is the same month of the year before.
    pub fn earlier_by(&self, unit: crate::extract::date::Unit) -> Option<Period> {
        use crate::extract::date::Unit;
        match (unit, *self) {
            (Unit::Year, Period::Year(y)) => Some(Period::Year(y - 1)),
            (Unit::Year, Period::Quarter(y, q)) => Some(Period::Quarter(y - 1, q)),
            (Unit::Year, Period::Half(y, h)) => Some(Period::Half(y - 1, h)),
            (Unit::Year, Period::Month(y, m)) => Some(Period::Month(y - 1, m)),
            (Unit::Year, Period::Day(d)) => d.with_year(d.year() - 1).map(Period::Day),
            (Unit::Quarter, Period::Month(y, m)) => {
                let m0 = y * 12 + m as i32 - 1 - 3;
                Some(Period::Month(
                    m0.div_euclid(12),
                    m0.rem_euclid(12) as u32 + 1,
                ))
            }
            (Unit::Week, Period::Day(d)) => d
                .checked_sub_signed(chrono::Duration::days(7))
                .map(Period::Day),
            (Unit::Year, Period::FiscalQuarter(y, q)) => Some(Period::FiscalQuarter(y - 1, q)),
            // The unit is the period's own length, or coarser: one step back.
            _ => self.previous(),
        }
    }

    /// The same-length period one step later ("the next quarter").
    pub fn next(&self) -> Option<Period> {
        Some(match *self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Half(y, 2) => Period::Half(y + 1, 1),
            Period::Half(y, h) => Period::Half(y, h + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Day(d) => Period::Day(d.succ_opt()?),
            Period::FiscalYear(y) => Period::FiscalYear(y + 1),
            Period::FiscalQuarter(y, 4) => Period::FiscalQuarter(y + 1, 1),
            Period::FiscalQuarter(y, q) => Period::FiscalQuarter(y, q + 1),
        })
    }

    /// The same-length period one step earlier ("the year before").
    pub fn previous(&self) -> Option<Period> {
        Some(match *self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Half(y, 1) => Period::Half(y - 1, 2),
            Period::Half(y, h) => Period::Half(y, h - 1),
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
            Period::Day(d) => Period::Day(d.pred_opt()?),
            Period::FiscalYear(y) => Period::FiscalYear(y - 1),
            Period::FiscalQuarter(y, 1) => Period::FiscalQuarter(y - 1, 4),
            Period::FiscalQuarter(y, q) => Period::FiscalQuarter(y, q - 1),
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Period::FiscalYear(y) => write!(f, "FY{y}"),
            Period::FiscalQuarter(y, q) => write!(f, "FY{y}-Q{q}"),
        }
    }
}

/// One figure found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the document in the run.
    pub doc: usize,
    /// Byte range of the figure's words in the original file.
    pub span: Range<usize>,
    /// The words as written.
    pub text: String,
    /// Byte range of the sentence holding the figure.
    pub sentence: Range<usize>,
    /// What sort of quantity the figure states.
    pub kind: Kind,
    /// The figure in base units: 108000000000 for "$108bn"; a change is signed.
    /// For a date, the year.
    pub value: Decimal,
    /// The true values the figure as written allows, in the units of `value`:
    /// widened by its precision, bent by its qualifier, signed like `value`.
    pub interval: Interval,
    /// "USD", "%", "pp", the counted noun, or a duration unit ("day").
    pub unit: Option<Arc<str>>,
    /// The stretch of time the figure is about (for a date, the date itself);
    /// `None` when the text does not place it (see `unresolved`).
    pub period: Option<Period>,
    /// A relative time expression that could not be placed, and why.
    pub unresolved: Option<Box<str>>,
    /// What is quantified. Shared: a run holds each distinct measure once.
    pub measure: Option<Arc<Measure>>,
    /// Whose figure it is: "Kestrel Mobile's revenue", "Sunwave reported
    /// revenue of ...", "inflation in Freedonia", or the article's subject
    /// when the figure names none. Figures of different owners are never
    /// compared, and an unowned figure is compared only with unowned ones.
    pub owner: Option<Arc<str>>,
    /// Where the reading came from: the words that gave measure, owner,
    /// period and role.
    pub evidence: Evidence,
    /// What the figure is doing in its sentence: a level, a target, a
    /// change...
    pub role: Role,
    /// The words that bend its interval ("about", "more than"), if any.
    pub qualifier: Option<Qualifier>,
    /// Written as "a record ...": still a point value.
    pub record: bool,
    /// For dates: the weekday the text names beside the date, if any.
    pub stated_weekday: Option<Weekday>,
    /// The decimal places written ("24.5" → 1).
    pub decimals: u32,
    /// The unit of the last written digit, in base units: 1,000,000,000 for
    /// "$108bn", 0.1 for "24.5%". Rounding and truncation are judged by it.
    pub precision: Decimal,
    /// The starting level of a stated change ("fell to $920m from $1.1bn"):
    /// it describes an earlier period than the figures around it.
    pub baseline: bool,
    /// For a change: the levels it joins, as the byte offset where each
    /// level's span starts in the same document ("rose 12% *to $4.2bn*
    /// *from $3.5bn*").
    pub links: ChangeLinks,
    /// The moment its sentence states it at, in a story still moving.
    pub moment: Moment,
    /// How a sign several currencies share was read, and why: "'$' read as
    /// AUD: figcheck.toml sets dollar = AUD".
    pub unit_reading: Option<Box<UnitReading>>,
}

// A large run holds millions of claims: their size is most of its memory.
// Grow this only knowingly (it was 600 bytes before offsets, reasons and
// shared strings were made compact).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Claim>() <= 312);

/// How a shared currency sign ("$", "¥", "kr") was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitReading {
    /// The reading, for people: "'$' read as AUD: figcheck.toml sets dollar =
    /// AUD".
    pub note: String,
    /// Read from a cue or a setting, not by default: shown in diagnostics.
    pub decided: bool,
}

/// When in a moving story a figure is stated: "now", "still" (running), or
/// at a time of day ("by 6 a.m.", "on Wednesday evening"), the word as
/// read. Figures of one undated key stamped differently are not of one
/// moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Moment {
    /// Its sentence states it as things stand ("now", "still", "currently").
    pub running: bool,
    /// The time of day its sentence names ("evening", "a.m"), lower case, if
    /// any.
    pub time_of_day: Option<Box<str>>,
    /// Its clause calls it a revision or an earlier estimate ("was revised
    /// to 227,000", "previously reported"): the quantity has had more than
    /// one value.
    pub revised: bool,
    /// Its clause says the quantity rose to it ("the toll had climbed to
    /// 1,121"): a tally stated as an update.
    pub risen: bool,
    /// Its sentence counts "so far this year" or "to date": the year's
    /// tally at the report's date, not the whole year.
    pub to_date: bool,
    /// Its own clause says it stands so now, right before it: "first-half
    /// shipments now total 610.6 million" (not "Nvidia, now the most
    /// valuable company, ...").
    pub standing: bool,
}

/// How a part of a claim's reading was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Words of the figure's own clause.
    Clause,
    /// Another clause of the same sentence (a fronted "In 2023, ...").
    Sentence,
    /// A figure this one is linked to ("rose 5% to $3bn": the change takes
    /// the level's measure).
    Link,
    /// The previous sentence, through an anaphor ("The figure ...").
    Anaphor,
    /// The article's subject (owners and periods).
    Subject,
    /// The story: the one owner every file of the run names for the
    /// measure (owners only).
    Story,
    /// The publication date (running tallies only).
    Published,
    /// The counted noun alone, a word too general to tell quantities apart
    /// ("30 people" at a service, "52 people" pulled from rubble): enough
    /// to corroborate, never to contradict.
    Noun,
}

/// One part of a reading: how it was found, and the words that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// How it was found: the figure's own clause, a link, the article's
    /// subject...
    pub source: Source,
    /// Byte range of the words in the file, held in 32 bits ([`NO_WORDS`]
    /// when no words gave it): a claim carries four reasons, 12 bytes each.
    words: (u32, u32),
}

/// The `words` of a reason that no words gave: no figure's words start at
/// the largest offset, as files are read only up to 64 MB.
const NO_WORDS: (u32, u32) = (u32::MAX, u32::MAX);

impl Reason {
    pub(crate) fn new(source: Source, span: Option<Range<usize>>) -> Reason {
        Reason {
            source,
            words: span.map_or(NO_WORDS, |s| {
                (compact_offset(s.start), compact_offset(s.end))
            }),
        }
    }

    /// Byte range of the words in the file, when words gave it.
    pub fn span(&self) -> Option<Range<usize>> {
        (self.words != NO_WORDS).then_some(self.words.0 as usize..self.words.1 as usize)
    }

    /// Read from the figure's own sentence, or through an explicit link
    /// or anaphor: a reading firm enough to call two figures a conflict.
    pub fn is_firm(&self) -> bool {
        matches!(
            self.source,
            Source::Clause | Source::Sentence | Source::Link | Source::Anaphor
        )
    }
}

/// The evidence of a claim's reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// How the claim's `measure` was found.
    pub measure: Option<Reason>,
    /// How the claim's `owner` was found.
    pub owner: Option<Reason>,
    /// How the claim's `period` was found.
    pub period: Option<Reason>,
    /// The words that made it a change, target, forecast, guidance or
    /// estimate; none for a plain actual figure.
    pub role: Option<Reason>,
}

/// Holds one copy of each measure, owner and unit of a run: the claims of
/// a large archive name the same few thousand measures millions of times.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    measures: std::collections::HashSet<Arc<Measure>>,
    words: std::collections::HashSet<Arc<str>>,
}

impl Interner {
    /// Point the claim's measure, owner and unit at the run's shared copies.
    pub(crate) fn share(&mut self, claim: &mut Claim) {
        if let Some(m) = &mut claim.measure {
            *m = share(&mut self.measures, m);
        }
        for word in [&mut claim.owner, &mut claim.unit].into_iter().flatten() {
            *word = share(&mut self.words, word);
        }
    }
}

fn share<T: ?Sized + Eq + std::hash::Hash>(
    set: &mut std::collections::HashSet<Arc<T>>,
    value: &Arc<T>,
) -> Arc<T> {
    match set.get(value) {
        Some(shared) => shared.clone(),
        None => {
            set.insert(value.clone());
            value.clone()
        }
    }
}

/// A byte offset held in 32 bits: files are read only up to 64 MB, so an
/// offset always fits; a larger text given through the library saturates.
pub(crate) fn compact_offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The levels a change connects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeLinks {
    /// Byte offset where the level it moved to starts ("to $4.2bn").
    pub to: Option<u32>,
    /// Byte offset where the level it moved from starts ("from $3.5bn").
    pub from: Option<u32>,
}

impl Claim {
    /// Whether the figure may be a truncation or a rounding of a longer
    /// number: only digits are. "three-day" is exactly three days; "$227bn"
    /// may be 227.8bn cut short.
    pub fn may_be_truncated(&self) -> bool {
        self.qualifier.is_none()
            && matches!(
                self.kind,
                Kind::Money | Kind::Percent | Kind::PercentagePoints | Kind::Count
            )
            && self.text.bytes().any(|b| b.is_ascii_digit())
    }

    /// The value as people read it back: "108,000,000,000 USD", "+24.5%".
    pub fn describe_value(&self) -> String {
        match self.kind {
            Kind::Date => self
                .period
                .map(|p| p.to_string())
                .unwrap_or_else(|| self.text.clone()),
            Kind::Percent | Kind::PercentagePoints => {
                let unit = if self.kind == Kind::Percent {
                    "%"
                } else {
                    " pp"
                };
                let sign = if self.role == Role::Change && self.value > Decimal::ZERO {
                    "+"
                } else {
                    ""
                };
                format!("{sign}{}{unit}", plain(self.value))
            }
            _ => {
                let sign = if self.role == Role::Change && self.value > Decimal::ZERO {
                    "+"
                } else {
                    ""
                };
                // A length's unit is singular: "20 months", "1 day".
                let plural = self.kind == Kind::Duration && self.value != Decimal::ONE;
                let shown = match &self.unit {
                    Some(u) if plural => format!("{sign}{} {u}s", grouped(self.value)),
                    Some(u) => format!("{sign}{} {u}", grouped(self.value)),
                    None => format!("{sign}{}", grouped(self.value)),
                };
                // A shared sign read other than by default says so.
                match &self.unit_reading {
                    Some(r) if r.decided => format!("{shown} ({})", r.note),
                    _ => shown,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn overlap_respects_open_ends() {
        let more_than_30 = Interval {
            low: Some(Bound::open(dec!(30))),
            high: None,
        };
        assert!(!more_than_30.overlaps(&Interval::closed(dec!(27.5), dec!(28.5))));
        assert!(!more_than_30.overlaps(&Interval::point(dec!(30))));
        assert!(more_than_30.overlaps(&Interval::closed(dec!(29.5), dec!(30.5))));
    }

    #[test]
    fn intersect_keeps_the_tighter_ends() {
        let a = Interval {
            low: Some(Bound::open(dec!(30))),
            high: None,
        };
        let b = Interval::closed(dec!(29.5), dec!(30.5));
        assert_eq!(
            a.intersect(&b),
            Some(Interval {
                low: Some(Bound::open(dec!(30))),
                high: Some(Bound::closed(dec!(30.5)))
            })
        );
        assert_eq!(a.intersect(&Interval::point(dec!(3))), None);
    }

    #[test]
    fn negate_swaps_ends() {
        let i = Interval::closed(dec!(7.5), dec!(8.5)).negate();
        assert_eq!(i, Interval::closed(dec!(-8.5), dec!(-7.5)));
    }

    #[test]
    fn grouped_and_plain() {
        assert_eq!(grouped(dec!(108000000000)), "108,000,000,000");
        assert_eq!(grouped(dec!(-1234.50)), "-1,234.5");
        assert_eq!(plain(dec!(24.50)), "24.5");
    }

    #[test]
    fn period_display_and_days() {
        assert_eq!(Period::Month(2019, 6).to_string(), "2019-06");
        assert_eq!(Period::Quarter(2024, 1).to_string(), "2024-Q1");
        let (a, b) = Period::Month(2024, 2).days();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            Period::Quarter(2024, 1).previous(),
            Some(Period::Quarter(2023, 4))
        );
        use crate::extract::date::Unit;
        assert_eq!(
            Period::Month(2024, 6).earlier_by(Unit::Year),
            Some(Period::Month(2023, 6))
        );
        assert_eq!(
            Period::Year(2024).earlier_by(Unit::Year),
            Some(Period::Year(2023))
        );
        assert_eq!(
            Period::Month(2024, 2).earlier_by(Unit::Month),
            Some(Period::Month(2024, 1))
        );
    }
}
