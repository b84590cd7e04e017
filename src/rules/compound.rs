//! FC305 compound-growth: a yearly rate over several years ("a compound
//! annual growth rate of 11%") against the levels at either end of the
//! span, recomputed from every rounding of both.

use rust_decimal::Decimal;

use super::arith::{stated_holds, Range};
use super::growth_chain::same_unit;
use super::{Context, RuleInfo, Run};
use crate::claim::{Basis, Claim, Kind, Period, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC305",
    run: Run::Claims(check),
    name: "compound-growth",
    severity: Severity::Error,
    summary: "a yearly growth rate over several years that the levels at either end contradict",
    doc: r#"## What it does
For a rate stated as compound or average yearly growth ("a compound
annual growth rate of 11%", "an average annual increase of 4%"; the
phrases are the `compound` basis in `rules/words.toml`), takes the
levels of one unit dated by year in its sentence and the sentence before,
the earliest and the latest, and recomputes the rate over the years
between them, from every rounding of both levels. Writers use "average
annual growth" for the compound rate and for the simple mean of the
yearly rises, so the stated rate holds if it matches either.

## Why is this bad?
The rate, or one of the levels, is wrong: the figures cannot all hold.

## Example
```text
a.md: Traffic rose from 18.2 million trips in 2019 to 26.4 million in
      2024, a compound annual growth rate of 11%.
```
18.2 → 26.4 million over five years is 7.7% a year compounded (9.0% as a
simple average), not 11%.

Not flagged: a rate of a ratio ("revenue per customer"), a rate dated
before the last level ("in the decade before 2020"), a span of one year
(FC301 and FC302 check those), levels
with no year, or of another unit than the nearest one.
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut previous: Option<(usize, &[usize])> = None;
    for (&(doc, _), members) in cx.sentences.iter() {
        let before = previous
            .filter(|(d, _)| *d == doc)
            .map_or(&[][..], |(_, m)| m);
        previous = Some((doc, members));
        for &r in members {
            let rate = cx.claim(r);
            let compound = rate.role == Role::Change
                && rate.kind == Kind::Percent
                && rate.measure.as_ref().and_then(|m| m.basis) == Some(Basis::Compound);
            if !compound {
                continue;
            }
            let levels: Vec<usize> = before
                .iter()
                .chain(members)
                .copied()
                .filter(|&l| year_of(cx.claim(l)).is_some() && Range::of(cx.claim(l)).is_some())
                .collect();
            if let Some(f) = judge(cx, r, &levels) {
                out.push(f);
            }
        }
    }
    out
}

/// The year a level is for: a plain figure with a positive value.
fn year_of(c: &Claim) -> Option<i32> {
    let level = matches!(c.kind, Kind::Money | Kind::Count)
        && c.role == Role::Actual
        && c.value > Decimal::ZERO;
    match c.period? {
        Period::Year(y) | Period::FiscalYear(y) if level => Some(y),
        _ => None,
    }
}

fn judge(cx: &Context, r: usize, levels: &[usize]) -> Option<Finding> {
    let rate = cx.claim(r);
    let distance = |l: usize| cx.claim(l).span.start.abs_diff(rate.span.start);
    let nearest = *levels.iter().min_by_key(|&&l| (distance(l), l))?;
    let alike: Vec<usize> = levels
        .iter()
        .copied()
        .filter(|&l| same_unit(cx, cx.claim(l), cx.claim(nearest)))
        .collect();
    // The earliest and latest years; at one year, the level nearest the rate.
    let pick = |year: i32| {
        alike
            .iter()
            .copied()
            .filter(|&l| year_of(cx.claim(l)) == Some(year))
            .min_by_key(|&l| (distance(l), l))
    };
    let first = alike.iter().filter_map(|&l| year_of(cx.claim(l))).min()?;
    let last = alike.iter().filter_map(|&l| year_of(cx.claim(l))).max()?;
    let years = u32::try_from(last - first).ok().filter(|&n| n >= 2)?;
    // "revenue per customer has grown at an average annual rate of 4%": a
    // rate of a ratio says nothing of the totals; "in the decade before
    // 2020, the market grew at an average annual rate of 3%": a rate dated
    // before the last level is of an earlier span.
    if rate.measure.as_ref().is_some_and(|m| m.per.is_some()) {
        return None;
    }
    if let Some(Period::Year(y)) = rate.period {
        if y < last {
            return None;
        }
    }
    let (a, b) = (pick(first)?, pick(last)?);
    let (from, to) = (Range::of(cx.claim(a))?, Range::of(cx.claim(b))?);
    let ratio = Range {
        lo: to.lo.checked_div(from.hi)?,
        hi: to.hi.checked_div(from.lo)?,
    };
    let percent = |x: Decimal| (x - Decimal::ONE) * Decimal::ONE_HUNDRED;
    let compounded = Range {
        lo: percent(root(ratio.lo, years)?),
        hi: percent(root(ratio.hi, years)?),
    };
    let n = Decimal::from(years);
    let growth = from.growth_to(to)?;
    let simple = Range {
        lo: growth.lo / n,
        hi: growth.hi / n,
    };
    // "an average annual decline of 3%" may be written without its sign.
    let holds = |range: Range| {
        stated_holds(rate, range)
            || range.hi < Decimal::ZERO
                && !rate.value.is_sign_negative()
                && stated_holds(
                    rate,
                    Range {
                        lo: -range.hi,
                        hi: -range.lo,
                    },
                )
    };
    if holds(compounded) || holds(simple) {
        return None;
    }
    let (la, lb) = (cx.claim(a), cx.claim(b));
    let described = format!(
        "{} a year compounded ({} as a simple average)",
        compounded.describe("%"),
        simple.describe("%")
    );
    Some(Finding {
        message: format!(
            "{} a year does not follow from {} in {first} to {} in {last}: that is {described}",
            rate.text, la.text, lb.text
        ),
        measure: rate.measure.as_ref().map(ToString::to_string),
        period: rate.period,
        claims: vec![r, a, b],
        labels: vec![
            format!("stated {}", rate.describe_value()),
            format!("from {}", la.describe_value()),
            format!("to {}", lb.describe_value()),
        ],
        help: Some(format!(
            "(B / A)^(1/{years}) − 1 over every rounding of the levels gives {}; correct the rate or a level",
            compounded.describe("%")
        )),
        ..Finding::of(&RULE)
    })
}

/// The `n`th root of a positive `x`, by bisection: exact to 20 places,
/// in decimals throughout.
fn root(x: Decimal, n: u32) -> Option<Decimal> {
    if x <= Decimal::ZERO {
        return None;
    }
    let power = |base: Decimal| -> Option<Decimal> {
        (0..n).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(base))
    };
    let (mut lo, mut hi) = (Decimal::ZERO, x.max(Decimal::ONE));
    for _ in 0..80 {
        let mid = (lo + hi) / Decimal::TWO;
        match power(mid) {
            Some(p) if p <= x => lo = mid,
            _ => hi = mid,
        }
    }
    Some(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn codes(text: &str) -> Vec<&'static str> {
        crate::testing::check_texts(&[("a.md", "2025-03-01", text)])
            .into_iter()
            .map(|f| f.code)
            .filter(|c| *c == "FC305")
            .collect()
    }

    #[test]
    fn roots_are_exact_to_many_places() {
        assert_eq!(root(dec!(16), 4).unwrap().round_dp(10), dec!(2));
        assert_eq!(root(dec!(1.21), 2).unwrap().round_dp(10), dec!(1.1));
    }

    #[test]
    fn a_wrong_compound_rate_is_flagged() {
        assert_eq!(
            codes(
                "Traffic rose from 18.2 million trips in 2019 to 26.4 million last year, \
                 a compound annual growth rate of 11%."
            ),
            ["FC305"]
        );
    }

    #[test]
    fn the_compound_rate_and_the_simple_average_both_hold() {
        // 7.7% compounded, 9.0% as a simple average.
        for rate in ["7.7%", "8%", "9%"] {
            let text = format!(
                "Traffic rose from 18.2 million trips in 2019 to 26.4 million last year, \
                 a compound annual growth rate of {rate}."
            );
            assert!(codes(&text).is_empty(), "{rate}: {:?}", codes(&text));
        }
    }

    #[test]
    fn the_start_may_be_in_the_sentence_before() {
        assert_eq!(
            codes(
                "The mine produced 210,000 tonnes of copper in 2020. Output reached 300,000 \
                 tonnes in 2024, an average annual growth rate of 12%."
            ),
            ["FC305"]
        );
    }
    /// A rate of a ratio, or one dated before the span's end, is not the
    /// growth of the levels.
    #[test]
    fn rates_of_ratios_and_earlier_spans_are_left_alone() {
        let per = "Korvik Fibre had 38,000 customers in 2020 and 71,000 in 2024. Revenue per \
                   customer has grown at an average annual rate of 4% over the period.";
        assert!(codes(per).is_empty());
        let earlier = "E-bike sales rose from 38,000 in 2020 to 71,000 in 2024. In the decade \
                       before 2020, the market grew at an average annual rate of 3%.";
        assert!(codes(earlier).is_empty());
    }
}
