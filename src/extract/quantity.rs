//! A quantity: `[currency] number [scale] [range] [unit]`, the shape shared
//! by money ("US$108bn", "739 billion euros"), percentages ("24.5 per
//! cent"), durations ("three-day", "five years") and bare numbers that the
//! context stage later pairs with a counted noun ("30 agreements").

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use super::money;
use super::number::{self, tag_ci, word_end, Form, Number};
use super::percent::{self, PercentUnit};
use super::scale::{self, Scale};
use crate::claim::Kind;
use crate::lexicon::currency::Reading;
use crate::lexicon::units::Unit;
use crate::lexicon::{Class, Lexicon};

/// A parsed quantity, before context gives it a role, measure and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Money, percent, percentage points or a duration, as the words written
    /// say; a bare number is a `Count`.
    pub kind: Kind,
    /// The number as written, before the scale word (see `factor`).
    pub number: Number,
    /// Multiplier from the scale word (1 without one).
    pub factor: Decimal,
    /// The upper end of a range ("20-30", "$20bn to $30bn").
    pub high: Option<(Number, Decimal)>,
    /// Currency code, "%", "pp", or a duration unit; counted nouns come later.
    pub unit: Option<String>,
    /// A sign several currencies share ("$", "¥", "kr"): its group in the
    /// currency table and the words written, for the reading to decide;
    /// `unit` holds the group's default until then.
    pub shared: Option<(usize, String)>,
    /// A physical unit written after the number ("tonnes", "GW", "°C"),
    /// converted to its base unit when the claim is made.
    pub physical: Option<std::sync::Arc<Unit>>,
    /// Written as an adjective: "three-day", "10-year".
    pub hyphenated: bool,
}

impl Quantity {
    /// A bare number, or one in a physical unit once `physical` is set.
    fn count(number: Number, factor: Decimal, high: Option<(Number, Decimal)>) -> Quantity {
        Quantity {
            kind: Kind::Count,
            number,
            factor,
            high,
            unit: None,
            shared: None,
            physical: None,
            hyphenated: false,
        }
    }

    /// The value in base units.
    pub fn value(&self) -> Decimal {
        self.number.value * self.factor
    }
}

/// Which range separators the caller allows: "and" only after "between",
/// "to" not after "from" (that is a change, not a range). After "by", "up"
/// or "down", "to" joins a range only of close ends: "rose by 2 to 3
/// percent" is a range, "rose by $430m to $2.18bn" a change and a level.
#[derive(Debug, Clone, Copy, Default)]
pub struct RangeContext {
    /// The figure follows "between": "and" may join a range ("between 20 and
    /// 30").
    pub after_between: bool,
    /// The figure follows "from": "to" does not join a range ("from 3 to 5" is
    /// a change).
    pub no_to: bool,
    /// The figure follows "by", "up" or "down": a range is read only when its
    /// ends are less than three times apart ("rose by 2 to 3 percent").
    pub close_to: bool,
}

/// Ends of a range after "by" are within this factor of each other.
const CLOSE_RANGE: i64 = 3;

/// Whether `hi` is less than [`CLOSE_RANGE`] times `lo`.
fn within(lo: Decimal, hi: Decimal) -> bool {
    lo.checked_mul(Decimal::from(CLOSE_RANGE))
        .is_some_and(|l| hi < l)
}

const DURATION_UNITS: &[(&str, &str)] = &[
    ("second", "second"),
    ("minute", "minute"),
    ("hour", "hour"),
    ("day", "day"),
    ("week", "week"),
    ("month", "month"),
    ("year", "year"),
    ("decade", "decade"),
    ("century", "century"),
    ("centurie", "century"),
];

// -day | -year | " days" | " years"
fn duration_unit(input: &str) -> IResult<&str, (&'static str, bool)> {
    let (rest, hyphen) = alt((value(true, tag("-")), value(false, space1))).parse(input)?;
    let (rest2, word) =
        nom::bytes::complete::take_while1(|c: char| c.is_ascii_alphabetic()).parse(rest)?;
    let lower = word.to_ascii_lowercase();
    let stem = lower.strip_suffix('s').unwrap_or(&lower);
    // "three-days" is not written; "three days" is.
    let found = DURATION_UNITS.iter().find(|(w, _)| *w == stem);
    match found {
        Some((_, unit)) if !(hyphen && lower.ends_with('s')) => {
            let (rest2, _) = word_end(rest2)?;
            Ok((rest2, (*unit, hyphen)))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

fn number_and_scale(input: &str) -> IResult<&str, (Number, Option<Scale>)> {
    let (rest, num) = number::number(input)?;
    if num.form == Form::Fraction {
        // "half a million", "a quarter of a billion": a share of a scale is
        // an amount, good to a tenth of the scale, not a percentage.
        let of_a_scale = preceded(
            (space1, opt((tag_ci("of"), space1)), tag_ci("a"), space1),
            scale::long_scale,
        )
        .parse(rest);
        if let Ok((rest, factor)) = of_a_scale {
            let num = Number {
                value: num.value,
                decimals: 1,
                form: Form::Words,
            };
            return Ok((
                rest,
                (
                    num,
                    Some(Scale {
                        factor,
                        ambiguous: false,
                    }),
                ),
            ));
        }
        // "half an hour apart", "half a century ago": a share of a span of
        // time, read as that many of its unit, not a percentage ("half a
        // point" is one).
        let mut article = (
            space1::<&str, nom::error::Error<&str>>,
            alt((tag_ci("an"), tag_ci("a"))),
            space1,
        );
        if let Ok((unit, _)) = article.parse(rest) {
            let of_a_span = (
                alt((
                    tag_ci("century"),
                    tag_ci("decade"),
                    tag_ci("year"),
                    tag_ci("month"),
                    tag_ci("week"),
                    tag_ci("day"),
                    tag_ci("hour"),
                    tag_ci("minute"),
                    tag_ci("lifetime"),
                    tag_ci("generation"),
                )),
                word_end,
            )
                .parse(unit)
                .is_ok();
            if of_a_span {
                let words = Number {
                    form: Form::Words,
                    ..num
                };
                // The unit is read after the number, as in "two hours".
                return Ok((&rest[rest.len() - unit.len() - 1..], (words, None)));
            }
        }
    }
    let (rest, sc) = opt(scale::scale).parse(rest)?;
    Ok((rest, (num, sc)))
}

// "-" | "–" | "—", spaces allowed around
fn dash(input: &str) -> IResult<&str, ()> {
    value((), (space0, alt((char('-'), char('–'), char('—'))), space0)).parse(input)
}

// " to " | " and "
fn word_separator<'a>(word: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, ()> {
    move |input| value((), (space1, tag_ci(word), space1)).parse(input)
}

// A range separator allowed in this context.
fn range_separator(ctx: RangeContext) -> impl Fn(&str) -> IResult<&str, ()> {
    move |input| {
        if let Ok(r) = dash(input) {
            return Ok(r);
        }
        if !ctx.no_to {
            if let Ok(r) = word_separator("to")(input) {
                return Ok(r);
            }
        }
        if ctx.after_between {
            return word_separator("and")(input);
        }
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alt,
        )))
    }
}

/// Figures in news have at most a dozen decimals and stay far below 10^25;
/// anything beyond is not a figure, and refusing it keeps every later sum,
/// product and quotient of `Decimal` bounds clear of overflow.
fn plausible(n: Number, factor: Decimal) -> bool {
    n.decimals <= 12
        && n.value
            .checked_mul(factor)
            .is_some_and(|v| v.abs() < Decimal::from_i128_with_scale(10i128.pow(25), 0))
}

/// Words that may follow a spoken fraction ("a third of", "a quarter
/// this year"); any other word makes it an ordinal ("a third term").
const FRACTION_FOLLOWERS: &[&str] = &[
    "of", "the", "this", "that", "last", "next", "in", "on", "to", "from", "since", "and", "or",
    "but", "as", "than", "a", "an", "its", "their", "his", "her", "over", "by", "at", "for",
    "compared", "while", "after", "before", "during", "year", "among", "between",
];

/// Whether a number is written firmly enough to carry a currency form that
/// is also an ordinary word or headline code ("212 million pounds", "TOP
/// 10"): with a scale, a decimal, or four digits or more.
fn firm_amount(n: &Number, scale: Option<Scale>) -> bool {
    scale.is_some() || n.decimals > 0 || n.value.abs() >= Decimal::from(1000)
}

/// "m" followed by one space and a plural noun that counts things, not a
/// race or a unit of length: "4.5m households"; with decimals, before any
/// lower-case word: "up from 115.5m last year".
fn millions_of(rest: &str, s: Scale, decimals: bool, lex: &Lexicon) -> bool {
    if s.factor != Decimal::from(1_000_000u32) {
        return false;
    }
    let Some(after) = rest.strip_prefix(' ') else {
        return false;
    };
    let words = lex.words();
    let next = after.split(' ').next().unwrap_or("");
    if decimals
        && next.len() > 1
        && next.bytes().all(|b| b.is_ascii_lowercase())
        && !words.classes(next).has(Class::NotMillions)
    {
        return true;
    }
    let word: &str = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    word.len() > 2
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && (word.ends_with('s') && !word.ends_with("ss") || words.classes(word).has(Class::People))
        && !words.classes(word).has(Class::NotMillions)
}

/// A quantity refused where it starts: the parse matched, but the reading
/// is not a figure ("a fifth term", "45-year-old", "5G").
fn refuse_at<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Verify,
    )))
}

/// The currency words of a written amount: the sign before the number
/// ("$" of "$5bn"), else the last word ("dollars" of "5 dollars").
fn currency_words(written: &str) -> &str {
    let written = written.trim();
    match written.find(|c: char| c.is_ascii_digit()) {
        Some(0) | None => written.rsplit(' ').next().unwrap_or(written),
        Some(i) => written[..i].trim(),
    }
}

/// Parse a quantity starting exactly at `input`.
pub fn quantity<'a>(
    input: &'a str,
    ctx: RangeContext,
    lex: &Lexicon,
) -> IResult<&'a str, Quantity> {
    let cur = lex.currencies();
    // "minus four percent": a sign in words.
    let (rest, minus) = opt((tag_ci("minus"), space1)).parse(input)?;
    let (rest, currency) = opt(|i| money::prefix(cur, i)).parse(rest)?;
    let (rest, (mut num, mut sc)) = number_and_scale(rest)?;
    // "¥2.8t": a trillion beside a currency; without one, "42,000t" is
    // tonnes, read as a unit below.
    let mut rest = rest;
    if currency.is_some() && sc.is_none() {
        if let Ok((r, _)) = terminated(tag_ci("t"), word_end).parse(rest) {
            rest = r;
            sc = Some(Scale {
                factor: Decimal::from(1_000_000_000_000u64),
                ambiguous: false,
            });
        }
    }
    if minus.is_some() {
        num.value = -num.value;
    }
    if currency.as_ref().is_some_and(|c| c.needs_scale) && !firm_amount(&num, sc) {
        return refuse_at(input);
    }
    // Short, ambiguous scales ("m", "k") count only beside a currency, or
    // "m" before a plural noun: "124.4m viewers", not "100m hurdles".
    let sc = match sc {
        Some(s)
            if s.ambiguous
                && currency.is_none()
                && !millions_of(rest, s, num.decimals > 0, lex) =>
        {
            return refuse_at(input)
        }
        other => other,
    };
    let mut factor = sc.map_or(Decimal::ONE, |s| s.factor);
    if !plausible(num, factor) {
        return Err(nom::Err::Failure(nom::error::Error::new(
            input,
            nom::error::ErrorKind::TooLarge,
        )));
    }

    // A range: the second number may repeat the currency and scale.
    let mut high = None;
    if num.form != Form::Fraction {
        let second = preceded(
            range_separator(ctx),
            (opt(|i| money::prefix(cur, i)), number_and_scale),
        )
        .parse(rest);
        if let Ok((r, (cur2, (n2, sc2)))) = second {
            let same_currency = cur2.is_none()
                || cur2.as_ref().map(|c| &c.reading) == currency.as_ref().map(|c| &c.reading);
            // "20-30" and "two to three", but not "7-Eleven".
            let same_form = n2.form == num.form;
            if same_currency && same_form && n2.form != Form::Fraction {
                let f2 = sc2.map_or(factor, |s| s.factor);
                // "$20-30 billion": the scale written once covers both.
                let f1 = if sc.is_none() { f2 } else { factor };
                // Products are checked: a run of digits can be any size.
                let ordered = num
                    .value
                    .checked_mul(f1)
                    .zip(n2.value.checked_mul(f2))
                    .is_some_and(|(lo, hi)| hi > lo && (!ctx.close_to || within(lo, hi)));
                if plausible(n2, f2) && plausible(num, f1) && ordered {
                    factor = f1;
                    high = Some((n2, f2));
                    rest = r;
                }
            }
        }
    }

    // What follows: a percent unit, a currency named after, or a duration.
    if currency.is_none() {
        if let Ok((mut r, pu)) = percent::unit(rest) {
            // "between 2% and 3%": the unit written on both ends.
            if high.is_none() {
                let second = (
                    preceded(range_separator(ctx), number::number),
                    percent::unit,
                )
                    .parse(r);
                if let Ok((r2, (n2, pu2))) = second {
                    let close = !ctx.close_to || within(num.value, n2.value);
                    if pu2 == pu && n2.form == num.form && n2.value > num.value && close {
                        high = Some((n2, factor));
                        r = r2;
                    }
                }
            }
            let (kind, unit, scale_pp) = match pu {
                PercentUnit::Percent => (Kind::Percent, "%", Decimal::ONE),
                PercentUnit::Points => (Kind::PercentagePoints, "pp", Decimal::ONE),
                PercentUnit::BasisPoints => (Kind::PercentagePoints, "pp", Decimal::new(1, 2)),
            };
            return Ok((
                r,
                Quantity {
                    kind,
                    number: num,
                    factor: factor * scale_pp,
                    high: high.map(|(n, f)| (n, f * scale_pp)),
                    unit: Some(unit.into()),
                    shared: None,
                    physical: None,
                    hyphenated: false,
                },
            ));
        }
    }
    // A currency name that is also a word names money only after a scale,
    // and never before "of": "2 million pounds of beef" is a weight.
    let after = money::suffix(cur, rest).ok().filter(|(r, f)| {
        !f.needs_scale || (firm_amount(&num, sc) && !r.trim_start().starts_with("of "))
    });
    // "a 10-million-euro fine": a scale and a currency joined by hyphens.
    let after = after.or_else(|| {
        let r = rest.strip_prefix('-').filter(|_| sc.is_some())?;
        let (len, form) = cur.after_hyphen(r)?;
        Some((&r[len..], form))
    });
    let (mut rest, currency) = match (currency, after) {
        // "$108 billion in US dollars": one currency written twice; a
        // shared sign takes the currency the name gives.
        (Some(c), Some((r, c2))) if c2.minor_per.is_none() => match (&c.reading, &c2.reading) {
            (a, b) if a == b => (r, Some(c)),
            (Reading::Shared(_), Reading::Code(_)) => (r, Some(c2)),
            (Reading::Code(_), Reading::Shared(_)) => (r, Some(c)),
            _ => (rest, Some(c)),
        },
        (Some(c), _) => (rest, Some(c)),
        (None, Some((r, c2))) => (r, Some(c2)),
        (None, None) => (rest, None),
    };
    if let Some(form) = currency {
        let mut num = num;
        if let Some(per) = form.minor_per {
            // "2.5 cents": a hundredth of the unit, and so its precision.
            factor /= Decimal::from(per);
            high = high.map(|(n, f)| (n, f / Decimal::from(per)));
        } else if sc.is_none() && high.is_none() {
            if let Some((r, whole)) = money::minor_part(cur, &form, num, rest) {
                num = whole;
                rest = r;
            }
        }
        let shared = match form.reading {
            Reading::Shared(g) => {
                let written = &input[..input.len() - rest.len()];
                Some((g, currency_words(written).to_string()))
            }
            Reading::Code(_) => None,
        };
        return Ok((
            rest,
            Quantity {
                kind: Kind::Money,
                number: num,
                factor,
                high,
                unit: Some(form.default_code(cur).to_string()),
                shared,
                physical: None,
                hyphenated: false,
            },
        ));
    }
    // A physical unit: "42,000 tonnes", "5GW", "40°C".
    if num.form != Form::Fraction {
        if let Some((used, unit)) = lex.physical().after_at(rest) {
            let mut q = Quantity::count(num, factor, high);
            q.physical = Some(unit.clone());
            return Ok((&rest[used..], q));
        }
    }
    if num.form == Form::Fraction {
        // A spoken fraction is a share of something: kept as a percentage.
        let (rest, _) = word_end(rest)?;
        // "a fifth term", "a third round": an ordinal before a noun.
        let next: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let ordinal = num.value < Decimal::new(5, 1)
            && !next.is_empty()
            && !FRACTION_FOLLOWERS.contains(&next.as_str());
        // "a quarter of a century", "half a decade": a length of time.
        let ahead: String = rest
            .trim_start()
            .chars()
            .take(16)
            .collect::<String>()
            .to_lowercase();
        let span_of_years = [
            "of a century",
            "of a decade",
            "a century",
            "a decade",
            "century",
            "decade",
        ]
        .iter()
        .any(|words| ahead.starts_with(words));
        if ordinal || span_of_years {
            return refuse_at(input);
        }
        return Ok((
            rest,
            Quantity {
                kind: Kind::Percent,
                number: num,
                factor: Decimal::ONE_HUNDRED,
                high: None,
                unit: Some("%".into()),
                shared: None,
                physical: None,
                hyphenated: false,
            },
        ));
    }
    if let Ok((r, (unit, hyphenated))) = duration_unit(rest) {
        // "a 45-year-old": an age, not a duration.
        if r.starts_with("-old") {
            return refuse_at(input);
        }
        return Ok((
            r,
            Quantity {
                kind: Kind::Duration,
                number: num,
                factor,
                high,
                unit: Some(unit.into()),
                shared: None,
                physical: None,
                hyphenated,
            },
        ));
    }
    // A bare number; a digit glued to letters ("5G", "70th", "7-Eleven")
    // is not a figure.
    let (rest, _) = word_end(rest)?;
    // "a 38-billion-kuran package": a spelled-out scale may qualify the
    // noun it is joined to.
    let spelled_scale = sc.is_some_and(|s| !s.ambiguous);
    if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_alphabetic()) && !spelled_scale
    {
        return refuse_at(input);
    }
    Ok((rest, Quantity::count(num, factor, high)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cur() -> &'static Lexicon {
        Lexicon::shared_default()
    }

    fn q(s: &str) -> (Quantity, &str) {
        let (rest, q) = quantity(s, RangeContext::default(), cur()).unwrap();
        (q, rest)
    }

    #[test]
    fn money_forms() {
        let (m, rest) = q("US$108 billion, and");
        assert_eq!(
            (m.kind, m.value(), m.unit.as_deref()),
            (Kind::Money, dec!(108000000000), Some("USD"))
        );
        assert_eq!(rest, ", and");
        let (m, _) = q("$19.3 bln");
        assert_eq!((m.kind, m.value()), (Kind::Money, dec!(19300000000)));
        let (m, _) = q("$108bn");
        assert_eq!(m.value(), dec!(108000000000));
        let (m, rest) = q("108 billion US dollars last");
        assert_eq!((m.unit.as_deref(), rest), (Some("USD"), " last"));
        let (m, rest) = q("$108 billion in US dollars last");
        assert_eq!((m.unit.as_deref(), rest), (Some("USD"), " last"));
        let (m, _) = q("739 billion euros");
        assert_eq!(m.unit.as_deref(), Some("EUR"));
        let (m, _) = q("€1.2trn");
        assert_eq!(m.value(), dec!(1200000000000));
    }

    /// A spelled-out scale joined by hyphens to a currency, or to the noun
    /// it qualifies; a digit glued to a word without one is no figure.
    #[test]
    fn hyphenated_scales() {
        let (m, rest) = q("10-million-euro fine");
        assert_eq!(
            (m.kind, m.value(), m.unit.as_deref(), rest),
            (Kind::Money, dec!(10000000), Some("EUR"), " fine")
        );
        let (m, _) = q("250-million-dollar settlement");
        assert_eq!(
            (m.value(), m.unit.as_deref()),
            (dec!(250000000), Some("USD"))
        );
        let (n, rest) = q("38-billion-kuran package");
        assert_eq!(
            (n.kind, n.value(), rest),
            (Kind::Count, dec!(38000000000), "-kuran package")
        );
        assert!(quantity("7-Eleven stores", RangeContext::default(), cur()).is_err());
    }

    #[test]
    fn a_share_of_a_scale_is_an_amount() {
        let (n, rest) = q("half a million votes");
        assert_eq!((n.kind, n.value()), (Kind::Count, dec!(500000)));
        assert_eq!(rest, " votes");
        let (n, _) = q("a quarter of a million people");
        assert_eq!((n.kind, n.value()), (Kind::Count, dec!(250000)));
        let (m, _) = q("half a billion dollars");
        assert_eq!(
            (m.kind, m.value(), m.unit.as_deref()),
            (Kind::Money, dec!(500000000), Some("USD"))
        );
        // Alone, still a share.
        let (p, _) = q("half of the vote");
        assert_eq!((p.kind, p.value()), (Kind::Percent, dec!(50)));
    }

    #[test]
    fn percent_forms() {
        let (p, _) = q("24.5 per cent");
        assert_eq!((p.kind, p.value()), (Kind::Percent, dec!(24.5)));
        let (p, _) = q("25 basis points");
        assert_eq!((p.kind, p.value()), (Kind::PercentagePoints, dec!(0.25)));
        let (p, _) = q("24.5-percent");
        assert_eq!(p.kind, Kind::Percent);
    }

    #[test]
    fn durations() {
        let (d, rest) = q("three-day visit");
        assert_eq!(
            (d.kind, d.value(), d.unit.as_deref(), d.hyphenated),
            (Kind::Duration, dec!(3), Some("day"), true)
        );
        assert_eq!(rest, " visit");
        let (d, _) = q("five years");
        assert_eq!((d.kind, d.unit.as_deref()), (Kind::Duration, Some("year")));
        assert!(quantity("45-year-old", RangeContext::default(), cur()).is_err());
    }

    #[test]
    fn ranges_after_by_have_close_ends() {
        let by = RangeContext {
            close_to: true,
            ..RangeContext::default()
        };
        let (_, q) = quantity("2 to 3 percent", by, cur()).unwrap();
        assert_eq!(q.high.map(|(n, f)| n.value * f), Some(dec!(3)));
        // "rose by $430m to $2.18bn": a change, then the level.
        let (rest, q) = quantity("$430m to $2.18bn", by, cur()).unwrap();
        assert!(q.high.is_none());
        assert_eq!(rest, " to $2.18bn");
    }

    #[test]
    fn ranges() {
        let (r, _) = q("20-30 people");
        assert_eq!(r.high.map(|(n, f)| n.value * f), Some(dec!(30)));
        let (r, _) = q("$20bn to $30bn");
        assert_eq!(r.high.map(|(n, f)| n.value * f), Some(dec!(30000000000)));
        let between = RangeContext {
            after_between: true,
            ..Default::default()
        };
        let (_, r) = quantity("2% and 3%", between, cur()).unwrap();
        assert_eq!(r.high.map(|(n, f)| n.value * f), Some(dec!(3)));
        assert!(quantity("7-Eleven", RangeContext::default(), cur()).is_err());
        let (r, _) = q("$20-30 billion");
        assert_eq!(r.value(), dec!(20000000000));
        assert_eq!(r.high.map(|(n, f)| n.value * f), Some(dec!(30000000000)));
        let from = RangeContext {
            no_to: true,
            ..Default::default()
        };
        let (_, r) = quantity("$3.5 billion to $4.2 billion", from, cur()).unwrap();
        assert!(r.high.is_none());
        let between = RangeContext {
            after_between: true,
            ..Default::default()
        };
        let (_, r) = quantity("20 and 30", between, cur()).unwrap();
        assert_eq!(r.high.map(|(n, _)| n.value), Some(dec!(30)));
    }

    #[test]
    fn ordinals_are_not_fractions() {
        assert!(quantity("a fifth term", RangeContext::default(), cur()).is_err());
        assert!(quantity("a third of", RangeContext::default(), cur()).is_ok());
        assert!(quantity("half the", RangeContext::default(), cur()).is_ok());
    }

    #[test]
    fn glued_letters_are_not_figures() {
        assert!(quantity("5G networks", RangeContext::default(), cur()).is_err());
        assert!(quantity("70th", RangeContext::default(), cur()).is_err());
        assert!(quantity("100m sprint", RangeContext::default(), cur()).is_err());
    }
}
