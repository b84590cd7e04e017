//! FC302 growth-chain: a change for a period against the levels for that
//! period and the one before, from any file of the run.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::arith::{stated_holds, Range};
use super::{Context, RuleInfo, Run};
use crate::claim::{Basis, Claim, Kind, Measure, Period, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC302",
    run: Run::Claims(check),
    name: "growth-chain",
    severity: Severity::Error,
    summary: "a stated growth rate that the levels for this period and the one before contradict",
    doc: r#"## What it does
For a change such as "rose 24.5% to $108 billion in 2018", looks for the
level of the same measure for the period before (2017) in any file, and
recomputes the rate from every rounding of both levels. Quarter-on-quarter
and month-on-month changes are chained to the previous quarter or month;
plain and year-on-year changes to the same period a year earlier.

## Why is this bad?
Two articles each look right alone; together they cannot both be.

## Example
```text
a.md: The port handled 12.0 million containers in 2022.
b.md: Container traffic rose 15% to 13.0 million containers last year.  (2024)
```
12.0 → 13.0 million is 8.3%, not 15%.
"#,
};

/// The period a change is measured from.
fn base_period(change: &Claim, period: Period) -> Option<Period> {
    let basis = change.measure.as_ref().and_then(|m| m.basis);
    match (period, basis) {
        (Period::Year(y), _) => Some(Period::Year(y - 1)),
        (Period::Quarter(..), Some(Basis::QuarterOnQuarter)) => period.previous(),
        (Period::Quarter(y, q), Some(Basis::YearOnYear)) => Some(Period::Quarter(y - 1, q)),
        (Period::Month(..), Some(Basis::MonthOnMonth)) => period.previous(),
        (Period::Month(y, m), Some(Basis::YearOnYear)) => Some(Period::Month(y - 1, m)),
        // "rose 3% in the first quarter": on what? Unsure, so no finding.
        _ => None,
    }
}

/// Levels compare when kind and unit agree; a count written without its
/// noun ("rose 9% to 219,000") takes the other's, but not a physical unit:
/// "2.8 million tonnes" is held in kilograms, a bare "2.5 million" is not.
pub(crate) fn same_unit(cx: &Context, a: &Claim, b: &Claim) -> bool {
    let physical = |c: &Claim| {
        c.unit
            .as_deref()
            .is_some_and(|u| cx.lexicon.physical().is_base(u))
    };
    a.kind == b.kind
        && (a.unit == b.unit
            || a.kind == Kind::Count
                && (a.unit.is_none() && !physical(b) || b.unit.is_none() && !physical(a)))
}

/// The measure of the level a change describes.
fn level_measure(cx: &Context, change: &Claim) -> Option<Arc<Measure>> {
    if let Some(to) = change
        .links
        .to
        .and_then(|o| cx.claim_at(change.doc, o as usize))
    {
        return cx.claim(to).measure.clone();
    }
    change.measure.as_ref().map(|m| Arc::new(m.level()))
}

/// More candidate pairs of levels than this, and the rate is not checked.
const MAX_LEVEL_PAIRS: usize = 64;

/// Levels of one measure, owner and period.
type LevelKey = (Arc<Measure>, Option<Arc<str>>, Period);

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    // Actual levels by (measure, period): money and counts.
    let mut levels: BTreeMap<LevelKey, Vec<usize>> = BTreeMap::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        // A starting level ("down from 80,000") counts only with its own
        // period written beside it ("from 80,000 in 2022").
        let dated_here = c
            .evidence
            .period
            .as_ref()
            .is_some_and(|r| r.source == crate::claim::Source::Clause);
        if c.role == Role::Actual
            && matches!(c.kind, Kind::Money | Kind::Count)
            && (!c.baseline || dated_here)
        {
            if let (Some(m), Some(p)) = (&c.measure, c.period) {
                levels
                    .entry((m.clone(), c.owner.clone(), p))
                    .or_default()
                    .push(i);
            }
        }
    }
    // The levels that name no owner, by article: a change of a named owner
    // takes those of its own article (indexed, so a long article is not
    // scanned once per change).
    let mut unowned_by_doc: BTreeMap<(Arc<Measure>, Period, usize), Vec<usize>> = BTreeMap::new();
    for ((m, owner, p), members) in &levels {
        if owner.is_none() {
            for &i in members {
                unowned_by_doc
                    .entry((m.clone(), *p, cx.claim(i).doc))
                    .or_default()
                    .push(i);
            }
        }
    }
    // Levels that read alike (kind, unit, interval) give the same growth:
    // one of each is enough.
    for members in levels.values_mut() {
        let mut seen = std::collections::HashSet::new();
        members.retain(|&i| {
            let c = cx.claim(i);
            seen.insert((c.kind, c.unit.clone(), c.interval))
        });
    }
    let mut out = Vec::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        // A change with its starting level in the sentence is FC301's.
        if c.role != Role::Change || c.kind != Kind::Percent || c.links.from.is_some() {
            continue;
        }
        let (Some(period), Some(measure)) = (c.period, level_measure(cx, c)) else {
            continue;
        };
        let Some(before) = base_period(c, period) else {
            continue;
        };
        // The levels of the change's owner, and in its own article the
        // levels that name no owner: "Sales in Westmark fell 25%" and, a
        // paragraph on, "builders sold 64,000 homes, down from 80,000".
        let levels_for = |p: Period| -> Vec<usize> {
            let mut out = levels
                .get(&(measure.clone(), c.owner.clone(), p))
                .cloned()
                .unwrap_or_default();
            if c.owner.is_some() {
                if let Some(unowned) = unowned_by_doc.get(&(measure.clone(), p, c.doc)) {
                    out.extend(unowned);
                }
            }
            out
        };
        let ends: Vec<usize> = match c.links.to.and_then(|o| cx.claim_at(c.doc, o as usize)) {
            Some(b) => vec![b],
            None => levels_for(period),
        };
        let starts = levels_for(before);
        // So many different levels for one period that no pair of them
        // can be trusted to be the one the rate was computed from.
        if ends.len() * starts.len() > MAX_LEVEL_PAIRS {
            continue;
        }
        let mut pairs = Vec::new();
        for &b in &ends {
            for &a in &starts {
                let (lb, la) = (cx.claim(b), cx.claim(a));
                if !same_unit(cx, lb, la) {
                    continue;
                }
                if let (Some(rb), Some(ra)) = (Range::of(lb), Range::of(la)) {
                    if let Some(g) = ra.growth_to(rb) {
                        pairs.push((b, a, g));
                    }
                }
            }
        }
        // Any pair of levels that bears the rate out settles it.
        if pairs.is_empty() || pairs.iter().any(|&(_, _, g)| stated_holds(c, g)) {
            continue;
        }
        let (b, a, g) = pairs[0];
        let (lb, la) = (cx.claim(b), cx.claim(a));
        out.push(Finding {
            message: format!(
                "{measure}: {} for {period} does not follow from {} ({}, {before}) to {} ({}, {period}): that is {}",
                c.text,
                la.text,
                cx.path(a),
                lb.text,
                cx.path(b),
                g.describe("%"),
            ),
            measure: Some(measure.to_string()),
            period: Some(period),
            claims: vec![i, b, a],
            labels: vec![
                format!("stated {}", c.describe_value()),
                format!("{} in {period}", lb.describe_value()),
                format!("{} in {before}", la.describe_value()),
            ],
            help: Some(format!(
                "the levels give {}; check the rate, the levels, or whether they measure the same thing",
                g.describe("%")
            )),
            ..Finding::of(&RULE)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn chain(a: &str, b: &str) -> usize {
        check_texts(&[("a.md", "2023-01-18", a), ("b.md", "2024-01-16", b)])
            .iter()
            .filter(|f| f.code == "FC302")
            .count()
    }

    /// One article: an owned rate, and a paragraph later the levels with
    /// no owner named, the starting one dated beside it.
    #[test]
    fn rate_against_levels_of_the_same_article() {
        let f = check_texts(&[(
            "a.md",
            "2024-02-20",
            "Sales of new homes in Norland fell 10% in 2023, the builders' guild said.\n\n\
             Builders sold 45,000 new homes last year, down from 60,000 in 2022.",
        )]);
        let chains: Vec<_> = f.iter().filter(|f| f.code == "FC302").collect();
        assert_eq!(chains.len(), 1, "{f:#?}");
        assert_eq!(
            chains[0].message,
            "new homes: 10% for 2023 does not follow from 60,000 (a.md, 2022) to 45,000 (a.md, 2023): that is -25%"
        );
    }

    #[test]
    fn growth_against_previous_year_in_another_file() {
        assert_eq!(
            chain(
                "The port handled 12.0 million containers in 2022.",
                "Container traffic at the port rose 15% to 13.0 million containers last year."
            ),
            1
        );
    }

    #[test]
    fn consistent_chain_passes() {
        assert_eq!(
            chain(
                "The port handled 12.0 million containers in 2022.",
                "Container traffic at the port rose 8% to 13.0 million containers last year."
            ),
            0
        );
    }

    #[test]
    fn rounding_edge_does_not_fire() {
        // 13.0 / 12.0 − 1 = 8.33%; roundings allow 7.9%–8.8%; "8.8%" is inside.
        assert_eq!(
            chain(
                "The port handled 12.0 million containers in 2022.",
                "Container traffic at the port rose 8.8% to 13.0 million containers last year."
            ),
            0
        );
    }
}
