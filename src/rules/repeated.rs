//! FC208 repeated-figure: one distinctive figure given by several files,
//! whatever the words around it.
//!
//! FC202 needs both figures read as the same measure, owner and period;
//! wire copy rewritten by several outlets often names the thing in ways the
//! reading does not join ("the $85.4bn deal", "AT&T is acquiring Time Warner
//! for $85.4bn"). A figure with three or more significant digits does not
//! recur by chance in reports of one week: the same written value, unit and
//! role is corroboration an editor wants to see, as information only.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::{Context, RuleInfo, Run};
use crate::claim::{Claim, Kind, Qualifier, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC208",
    run: Run::After(check),
    name: "repeated-figure",
    severity: Severity::Info,
    summary: "one distinctive figure given by several files published within a week",
    doc: r#"## What it does
Reports a figure written with three or more significant digits ("$85.4bn",
"1,329", "$107.50") that two or more files give with the same value,
unit and kind of role (a level or a change), in articles published within
a week of each other, when FC202 has not already reported them together.
The words around the figures may differ: this is the corroboration a
reader sees at a glance, even where the measure was read differently.

Round figures ("$62bn", "2,000", "3.7%") are left out: they recur by chance.

## Why is this bad?
It is not: it shows which figures several reports share.

## Example
```text
a.md (2016-10-23): The media group changed hands for $85.4 billion.
b.md (2016-10-24): The $85.4bn deal would create a media giant.
```
"#,
};

/// Files further apart than this are not taken to repeat one figure.
const WINDOW_DAYS: i64 = 7;

/// Significant digits below which a figure may recur by chance.
const MIN_DIGITS: u32 = 3;

/// What two figures must share to be one figure repeated. Values compare
/// as numbers: "85.4" and "85.40" are one value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Shape<'a> {
    kind: Kind,
    unit: Option<&'a str>,
    value: Decimal,
    precision: Decimal,
    change: bool,
}

impl<'a> Shape<'a> {
    fn of(c: &'a Claim) -> Shape<'a> {
        Shape {
            kind: c.kind,
            unit: c.unit.as_deref().filter(|_| c.kind != Kind::Count),
            value: c.value,
            precision: c.precision,
            change: c.role == Role::Change,
        }
    }
}

pub(crate) fn check(cx: &Context, reported: &[Finding]) -> Vec<Finding> {
    // This rule runs after the others, alone: its work is spread over the
    // threads. Shapes are sorted with their claim index, so the groups and
    // their order are the same whatever the thread count.
    let mut shaped: Vec<usize> = cx
        .corpus
        .claims
        .par_iter()
        .enumerate()
        .filter(|(_, c)| distinctive(c))
        .map(|(i, _)| i)
        .collect();
    // Claim indices sorted by shape, not (shape, index) pairs: a large run
    // has millions of candidates.
    let shape = |i: usize| Shape::of(cx.claim(i));
    shaped.par_sort_unstable_by(|&a, &b| shape(a).cmp(&shape(b)).then(a.cmp(&b)));
    let shapes: Vec<Vec<usize>> = shaped
        .chunk_by(|&a, &b| shape(a) == shape(b))
        .map(<[usize]>::to_vec)
        // A focused check seeks only what involves its document.
        .filter(|members| !cx.outside_focus(members))
        .collect();
    // Claim sets FC202 already reported: a repeat inside one adds nothing.
    // Indexed by claim, so a run meets only the agreements its first claim
    // is in.
    let agreed: Vec<BTreeSet<usize>> = reported
        .iter()
        .filter(|f| f.code == super::agreement::RULE.code)
        .map(|f| f.claims.iter().copied().collect())
        .collect();
    let mut agreed_by_claim: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, set) in agreed.iter().enumerate() {
        for &i in set {
            agreed_by_claim.entry(i).or_default().push(n);
        }
    }
    let found: Vec<Vec<Finding>> = shapes
        .par_iter()
        .map(|members| {
            let mut out = Vec::new();
            for run in within_a_week(cx, members) {
                let claims = cx.first_per_file(run);
                if claims.len() < 2 {
                    continue;
                }
                let covered = agreed_by_claim.get(&claims[0]).is_some_and(|ns| {
                    ns.iter()
                        .any(|&n| claims.iter().all(|i| agreed[n].contains(i)))
                });
                if !covered {
                    out.push(finding(cx, claims));
                }
            }
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Three or more significant digits, written plainly or as "about".
fn distinctive(c: &Claim) -> bool {
    if !matches!(c.kind, Kind::Money | Kind::Count | Kind::Percent)
        || !matches!(c.qualifier, None | Some(Qualifier::About))
        || c.precision.is_zero()
        || looks_like_a_year(c)
    {
        return false;
    }
    let Some(mut digits) = c.value.checked_div(c.precision).map(|d| d.abs().trunc()) else {
        return false;
    };
    while !digits.is_zero() && (digits % Decimal::TEN).is_zero() {
        digits /= Decimal::TEN;
    }
    digits >= Decimal::from(10u32.pow(MIN_DIGITS - 1))
}

/// "the 2019 tally": a year read as a count.
pub(crate) fn looks_like_a_year(c: &Claim) -> bool {
    c.kind == Kind::Count
        && c.text.len() == 4
        && c.text.bytes().all(|b| b.is_ascii_digit())
        && (Decimal::from(1800)..=Decimal::from(2100)).contains(&c.value)
}

/// The members split where publication dates are more than a week apart
/// (claims of undated files join every run).
fn within_a_week(cx: &Context, members: &[usize]) -> Vec<Vec<usize>> {
    let date = |i: usize| cx.corpus.docs[cx.claim(i).doc].published();
    let mut dated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| date(i).is_some())
        .collect();
    let undated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| date(i).is_none())
        .collect();
    dated.sort_by_key(|&i| (date(i), i));
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut start: Option<chrono::NaiveDate> = None;
    for i in dated {
        let d = date(i);
        let near = d
            .zip(start)
            .is_some_and(|(d, s)| (d - s).num_days() <= WINDOW_DAYS);
        match runs.last_mut() {
            Some(run) if near => run.push(i),
            _ => {
                start = d;
                runs.push(vec![i]);
            }
        }
    }
    if runs.is_empty() {
        runs.push(Vec::new());
    }
    for run in &mut runs {
        run.extend(&undated);
        run.sort_unstable();
    }
    runs
}

fn finding(cx: &Context, claims: Vec<usize>) -> Finding {
    let (files, claims, labels) = cx.listed(claims);
    let first = cx.claim(claims[0]);
    let measure = claims
        .iter()
        .find_map(|&i| cx.claim(i).measure.as_ref())
        .map(ToString::to_string);
    Finding {
        message: format!(
            "{} is given by {files} files published within a week{}",
            first.describe_value(),
            measure.as_ref().map_or(String::new(), |m| format!(
                " (read as {m} in {})",
                cx.path(claims[0])
            ))
        ),
        measure,
        period: first.period,
        labels,
        claims,
        help: Some(
            "the words around the figures differ: check that they describe the same thing".into(),
        ),
        ..Finding::of(&RULE)
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    #[test]
    fn one_distinctive_figure_in_two_reports() {
        let f = check_texts(&[
            (
                "a.md",
                "2016-10-23",
                "The media group changed hands for $85.4 billion, its chairman said.",
            ),
            (
                "b.md",
                "2016-10-24",
                "The $85.4bn deal would create a media giant.",
            ),
            ("c.md", "2016-12-24", "Regulators studied the $85.4bn deal."),
        ]);
        let repeated: Vec<_> = f.iter().filter(|f| f.code == "FC208").collect();
        assert_eq!(repeated.len(), 1, "{f:#?}");
        assert_eq!(repeated[0].claims.len(), 2);
        assert_eq!(
            repeated[0].message,
            "85,400,000,000 USD is given by 2 files published within a week (read as media group in a.md)"
        );
    }

    #[test]
    fn round_figures_are_not_matched() {
        let f = check_texts(&[
            ("a.md", "2016-10-23", "The company has 2,000 stores."),
            ("b.md", "2016-10-24", "Some 2,000 people marched."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC208"), "{f:#?}");
    }
}
