//! A figure being read: what was parsed, what the reading has found so far,
//! and how it becomes a [`Claim`] with its interval.

use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::claim::{
    Bound, ChangeLinks, Claim, Evidence, Interval, Kind, Measure, Moment, Period, Qualifier, Role,
};
use crate::extract::number::Form;
use crate::extract::quantity::Quantity;
use crate::source::Document;

/// The times a physical rate can be per ("barrels a day").
const TIME_BASES: &[&str] = &["hour", "day", "week", "month", "year"];

/// An interval in written units, in the base unit: each bound converted,
/// widened to every size a name covers ("tons").
fn convert_interval(unit: &crate::lexicon::units::Unit, iv: &Interval) -> Interval {
    let low = iv.low.map(|b| Bound {
        value: unit.convert_range(b.value).0,
        inclusive: b.inclusive,
    });
    let high = iv.high.map(|b| Bound {
        value: unit.convert_range(b.value).1,
        inclusive: b.inclusive,
    });
    Interval { low, high }
}

/// How far qualifiers and vague figures bend an interval. Relative bands:
/// 0.1 is ±10%.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    /// "about 30": 27–33.
    pub about: Decimal,
    /// "nearly 30": 27–30.
    pub nearly: Decimal,
    /// "a third": 30%–36.7%; spoken fractions are approximate.
    pub fraction: Decimal,
}

impl Default for Bands {
    fn default() -> Self {
        Bands {
            about: Decimal::new(1, 1),
            nearly: Decimal::new(1, 1),
            fraction: Decimal::new(1, 1),
        }
    }
}

/// One figure of a sentence as the reading goes.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Its token in the sentence.
    pub tok: usize,
    /// Byte range of the figure's words in the document.
    pub span: Range<usize>,
    /// The quantity as parsed: number, kind, unit and scale.
    pub q: Quantity,
    /// Actual, change, target, forecast...; actual until read otherwise.
    pub role: Role,
    /// A fall ("fell 8%", "halved"): its value and interval are negated.
    pub negative: bool,
    /// "about", "more than", "nearly": how the words before it bend its
    /// interval.
    pub qualifier: Option<Qualifier>,
    /// Where the qualifier's words start, when there is one.
    pub qualifier_start: Option<usize>,
    /// Written as "a record ...".
    pub record: bool,
    /// The counted noun ("30 agreements"), lower case.
    pub noun: Option<String>,
    /// The token of the counted noun.
    pub noun_tok: Option<usize>,
    /// What it quantifies, once read.
    pub measure: Option<Measure>,
    /// Whose figure it is, once read.
    pub owner: Option<String>,
    /// The period it is about, once read.
    pub period: Option<Period>,
    /// Why its time expression could not be placed (no publication date).
    pub unresolved: Option<String>,
    /// The words that gave its measure, owner, period and role.
    pub evidence: Evidence,
    /// Still a figure after reading (not a name like "Boeing 737").
    pub keep: bool,
    /// The starting level of a change ("from $1.1bn").
    pub baseline: bool,
    /// For a change: where the levels it joins start ("to $4.2bn from
    /// $3.5bn").
    pub links: ChangeLinks,
    /// The moment its sentence states it at ("now", "by 6 a.m.").
    pub moment: Moment,
    /// "doubled", "halved": a change stated by a verb, loosely.
    pub multiple: bool,
    /// How a shared currency sign was read.
    pub unit_reading: Option<crate::claim::UnitReading>,
}

impl Figure {
    pub(crate) fn new(tok: usize, span: Range<usize>, q: Quantity) -> Figure {
        Figure {
            tok,
            span,
            q,
            role: Role::Actual,
            negative: false,
            qualifier: None,
            qualifier_start: None,
            record: false,
            noun: None,
            noun_tok: None,
            measure: None,
            owner: None,
            period: None,
            unresolved: None,
            evidence: Evidence::default(),
            keep: true,
            baseline: false,
            links: ChangeLinks::default(),
            moment: Moment::default(),
            multiple: false,
            unit_reading: None,
        }
    }

    pub(crate) fn kind(&self) -> Kind {
        self.q.kind
    }

    /// A level: an amount, count or percentage that is not a change.
    pub fn is_level(&self) -> bool {
        self.role != Role::Change
            && matches!(self.q.kind, Kind::Money | Kind::Count | Kind::Percent)
    }

    /// The interval the written figure stands for, and its value.
    pub fn interval(&self, bands: &Bands) -> (Decimal, Interval) {
        let q = &self.q;
        let half_unit = |decimals: u32, factor: Decimal| Decimal::new(5, decimals + 1) * factor;
        let low_v = q.number.value * q.factor;
        let (mut value, mut iv) = if self.multiple {
            // "doubled" is said of anything from about 1.9 to 2.1 times.
            let band = low_v * bands.fraction;
            (low_v, Interval::closed(low_v - band, low_v + band))
        } else if q.number.form == Form::Fraction {
            let band = low_v * bands.fraction;
            // "two-thirds" is 66.67 with a band; six places keep the bounds
            // readable without narrowing them in any way that matters.
            (
                low_v.round_dp(2),
                Interval::closed((low_v - band).round_dp(6), (low_v + band).round_dp(6)),
            )
        } else {
            let lo = low_v - half_unit(q.number.decimals, q.factor);
            match q.high {
                Some((n, f)) => {
                    let hi_v = n.value * f;
                    (
                        ((low_v + hi_v) / Decimal::TWO).normalize(),
                        Interval::rounded(lo, hi_v + half_unit(n.decimals, f)),
                    )
                }
                None => (
                    low_v,
                    Interval::rounded(lo, low_v + half_unit(q.number.decimals, q.factor)),
                ),
            }
        };
        // A negative written value ("-3.2%") is already negative: qualifiers
        // work on magnitudes.
        let magnitude = value.abs();
        let high_prec = iv.high;
        iv = match self.qualifier {
            None => iv,
            Some(Qualifier::About) => {
                let band = magnitude * bands.about;
                iv.hull(&Interval::closed(value - band, value + band))
            }
            Some(Qualifier::Nearly) => Interval {
                low: Some(Bound::closed(value - magnitude * bands.nearly)),
                high: high_prec,
            },
            Some(Qualifier::MoreThan) => Interval {
                low: Some(Bound::open(value)),
                high: None,
            },
            Some(Qualifier::AtLeast) => Interval {
                low: Some(Bound::closed(value)),
                high: None,
            },
            Some(Qualifier::LessThan) => Interval {
                low: None,
                high: Some(Bound::open(value)),
            },
            Some(Qualifier::UpTo) => Interval {
                low: None,
                high: Some(Bound::closed(value)),
            },
            Some(Qualifier::JustOver) => Interval {
                low: Some(Bound::open(value)),
                high: Some(Bound::closed(value + magnitude * bands.nearly)),
            },
        };
        if self.negative {
            value = -value;
            iv = iv.negate();
        }
        match &q.physical {
            Some(unit) => (unit.convert(value), convert_interval(unit, &iv)),
            None => (value, iv),
        }
    }

    /// The unit a claim carries: the currency or percent sign, the base of
    /// a physical unit (per the time a rate is per: "l/day"), the counted
    /// noun. A physical rate's time moves from the measure into the unit,
    /// so "2 million barrels a day" and "2 million bpd" are one key.
    fn claim_unit(&mut self) -> Option<String> {
        if let Some(unit) = &self.q.physical {
            let per = unit.per.clone().or_else(|| {
                let m = self.measure.as_mut()?;
                let time = m
                    .per
                    .as_deref()
                    .filter(|p| TIME_BASES.contains(p))?
                    .to_string();
                m.per = None;
                Some(time)
            });
            return Some(match per {
                Some(p) => format!("{}/{p}", unit.base),
                None => unit.base.clone(),
            });
        }
        match self.q.kind {
            Kind::Count => self.noun.clone(),
            _ => self.q.unit.clone(),
        }
    }

    /// The finished claim.
    pub fn into_claim(
        mut self,
        doc: &Document,
        doc_index: usize,
        sentence: &Range<usize>,
        bands: &Bands,
    ) -> Claim {
        let (value, interval) = self.interval(bands);
        let start = self.qualifier_start.unwrap_or(self.span.start);
        let unit = self.claim_unit();
        let precision = Decimal::new(1, self.q.number.decimals) * self.q.factor;
        let precision = match &self.q.physical {
            Some(u) => (precision * u.factor).round_dp(9).normalize(),
            None => precision,
        };
        Claim {
            doc: doc_index,
            span: start..self.span.end,
            text: doc.text[start..self.span.end].to_string(),
            sentence: sentence.start.min(start)..sentence.end.max(self.span.end),
            kind: self.q.kind,
            value,
            interval,
            unit: unit.map(Arc::from),
            period: self.period,
            unresolved: self.unresolved.map(Box::from),
            measure: self.measure.map(Arc::new),
            owner: self.owner.map(Arc::from),
            evidence: self.evidence,
            role: self.role,
            qualifier: self.qualifier,
            record: self.record,
            stated_weekday: None,
            decimals: self.q.number.decimals,
            precision,
            baseline: self.baseline,
            links: self.links,
            moment: self.moment,
            unit_reading: self.unit_reading.map(Box::new),
        }
    }
}
