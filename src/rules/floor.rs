//! FC209 understated-floor: "more than 1,200 injured" in one report where
//! another gives 9,240 for the same thing and moment. The floor is true as
//! far as it goes, so no interval comparison flags it; but a reader takes
//! "more than 1,200" to mean not far above 1,200.

use rust_decimal::Decimal;

use super::{Context, RuleInfo, Run};
use crate::claim::{Claim, Kind, Period};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC209",
    run: Run::Claims(check),
    name: "understated-floor",
    severity: Severity::Warning,
    summary: "a lower bound less than half of another report's figure for the same thing",
    doc: r#"## What it does
Flags a lower bound ("more than 1,200", "at least 100 houses", "over
500") when a report in another file gives the same thing (measure,
owner, period and role, read from the figures' own clauses) a value at
least twice the bound. Both are true together, so FC201 is silent; but
"more than 1,200 injured" tells a reader the count is a little over
1,200, not 9,240.

Not flagged: a bound within a factor of two ("at least 120 arrests"
beside 134); for running tallies (deaths, injured, cases), a higher
figure published later than the bound, which is the tally rising
(FC205's territory), or one stamped at another time of day; figures with
no period in articles more than a week apart; two bounds in one file.

## Why is this bad?
Either the bound is an early or partial count that the story should
update, or the two reports count different things and should say so.
Two outlets' estimates this far apart are worth an editor's look.

## Example
```text
a.md (2023-10-08): More than 1,200 people were injured, officials said.
b.md (2023-10-08): The quake injured 9,240 people, the ministry said.
```
Use instead: the latest count, with its source and time.
"#,
};

/// The other figure must be at least this many times the bound.
const FACTOR: u32 = 2;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, members) in &cx.groups {
        if cx.outside_focus(members) {
            continue;
        }
        let read: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| readable(cx, cx.claim(i)))
            .collect();
        let floors: Vec<usize> = read
            .iter()
            .copied()
            .filter(|&i| floor_of(cx.claim(i)).is_some())
            .collect();
        if floors.is_empty() {
            continue;
        }
        // The others from highest low end down: each floor meets only the
        // figures at least twice it, so the scan stops early.
        let mut by_low: Vec<(Decimal, usize)> = read
            .iter()
            .filter_map(|&i| Some((cx.claim(i).interval.low?.value, i)))
            .collect();
        by_low.sort_unstable_by(|a, b| b.cmp(a));
        // Where no date or time of day can part two figures (a dated key of
        // a measure that is no running tally), a floor and a figure meet
        // whenever they are in different files: decided by sorting, in
        // time that grows with the group, not with its square.
        let timeless = !moving(key.period)
            && !cx.lexicon.is_cumulative(&key.measure)
            && members
                .iter()
                .all(|&i| cx.claim(i).moment.time_of_day.is_none());
        let (mut flagged, mut against) = if timeless {
            sorted_pairs(cx, &floors, &by_low)
        } else {
            pairwise(cx, key.period, &floors, &by_low)
        };
        if flagged.is_empty() {
            continue;
        }
        flagged.sort_unstable();
        flagged.dedup();
        against.sort_unstable();
        against.dedup();
        against.retain(|i| flagged.binary_search(i).is_err());
        let (x, y) = (cx.claim(flagged[0]), cx.claim(against[0]));
        let mut claims: Vec<usize> = flagged
            .iter()
            .take(super::conflict::PASSAGES_PER_VALUE)
            .copied()
            .collect();
        claims.extend(against.iter().take(super::conflict::PASSAGES_PER_VALUE));
        let more = super::conflict::and_others(flagged.len() + against.len() - 2);
        out.push(Finding {
            message: format!(
                "{}: {} ({}) is less than half of {} ({}){more}",
                key.describe(),
                x.text,
                cx.path(flagged[0]),
                y.text,
                cx.path(against[0]),
            ),
            measure: Some(key.measure.to_string()),
            period: key.period,
            labels: claims
                .iter()
                .map(|&i| Finding::normalised(cx.claim(i)))
                .collect(),
            sides: vec![flagged.clone(), against.clone()],
            claims,
            help: Some(format!(
                "read as {} and {}; a reader takes a floor to be close to the count: give the \
                 latest figure with its source, or say what each counts",
                Finding::normalised(x),
                Finding::normalised(y)
            )),
            ..Finding::of(&RULE)
        });
    }
    out
}

/// The floors with a figure at least twice them in another file, and
/// those figures, pair by pair: for keys where dates decide.
fn pairwise(
    cx: &Context,
    period: Option<Period>,
    floors: &[usize],
    by_low: &[(Decimal, usize)],
) -> (Vec<usize>, Vec<usize>) {
    let (mut flagged, mut against) = (Vec::new(), Vec::new());
    for &f in floors {
        let fc = cx.claim(f);
        let Some(reach) = reach(fc) else { continue };
        let above = by_low.partition_point(|&(low, _)| low >= reach);
        let far: Vec<usize> = by_low[..above]
            .iter()
            .map(|&(_, i)| i)
            .filter(|&i| cx.claim(i).doc != fc.doc && same_moment(cx, period, fc, cx.claim(i)))
            .collect();
        if !far.is_empty() {
            flagged.push(f);
            against.extend(far);
        }
    }
    (flagged, against)
}

/// As [`pairwise`], where only the file parts a floor from a figure: a
/// floor is flagged when the figures above twice it span another file; a
/// figure is listed when the floors up to half of it span another file.
fn sorted_pairs(
    cx: &Context,
    floors: &[usize],
    by_low: &[(Decimal, usize)],
) -> (Vec<usize>, Vec<usize>) {
    let doc = |i: usize| cx.claim(i).doc;
    let candidates = other_docs(by_low.iter().map(|&(_, i)| doc(i)));
    let flagged: Vec<usize> = floors
        .iter()
        .copied()
        .filter(|&f| {
            let Some(reach) = reach(cx.claim(f)) else {
                return false;
            };
            let above = by_low.partition_point(|&(low, _)| low >= reach);
            above > 0 && candidates[above - 1].differs_from(doc(f))
        })
        .collect();
    let mut by_reach: Vec<(Decimal, usize)> = floors
        .iter()
        .filter_map(|&f| Some((reach(cx.claim(f))?, f)))
        .collect();
    by_reach.sort_unstable();
    let reaching = other_docs(by_reach.iter().map(|&(_, f)| doc(f)));
    let against: Vec<usize> = by_low
        .iter()
        .filter(|&&(low, i)| {
            let k = by_reach.partition_point(|&(reach, _)| reach <= low);
            k > 0 && reaching[k - 1].differs_from(doc(i))
        })
        .map(|&(_, i)| i)
        .collect();
    (flagged, against)
}

/// For each prefix of a list of files: the first file, and whether
/// another one follows it.
#[derive(Clone, Copy)]
struct PrefixDocs {
    first: usize,
    another: bool,
}

impl PrefixDocs {
    /// Whether the prefix holds a file other than `doc`.
    fn differs_from(self, doc: usize) -> bool {
        self.another || self.first != doc
    }
}

fn other_docs(docs: impl Iterator<Item = usize>) -> Vec<PrefixDocs> {
    let mut out: Vec<PrefixDocs> = Vec::new();
    for d in docs {
        let next = match out.last() {
            None => PrefixDocs {
                first: d,
                another: false,
            },
            Some(p) => PrefixDocs {
                first: p.first,
                another: p.another || d != p.first,
            },
        };
        out.push(next);
    }
    out
}

/// Twice a floor's bound: the least a figure must reach to be far above it.
fn reach(c: &Claim) -> Option<Decimal> {
    Some(floor_of(c)? * Decimal::from(FACTOR))
}

/// The bound of a figure open above ("more than 1,200", "at least 100"):
/// positive, and not a date or a change (a rise of "more than 5%" beside
/// one of 12% is a different claim about growth, left to FC201).
fn floor_of(c: &Claim) -> Option<Decimal> {
    if c.interval.high.is_some() || matches!(c.kind, Kind::Date) || c.value.is_sign_negative() {
        return None;
    }
    let low = c.interval.low?.value;
    (low > Decimal::ZERO && c.role != crate::claim::Role::Change).then_some(low)
}

/// Read firmly enough to set against another report: measure and period
/// from the figure's own words (as FC201 asks), a measure that names what
/// is counted (not "number"), and, for a measure every party has ("14
/// percent" of the vote), whose it is.
fn readable(cx: &Context, c: &Claim) -> bool {
    let vague = c.measure.as_ref().is_some_and(|m| cx.lexicon.is_vague(m));
    super::conflict::firm(c)
        && super::conflict::plainly_read(c)
        && !super::conflict::anyones(cx, c)
        && !vague
}

/// A key with no period, or a day's: figures of it are about the moment
/// of their report.
fn moving(period: Option<Period>) -> bool {
    matches!(period, None | Some(Period::Day(_)))
}

/// Whether the bound and the other figure speak of one moment: not a
/// running tally that rose after the bound was published, not stamped at
/// different times of day, and, with no period, in reports a week apart
/// at most.
fn same_moment(cx: &Context, period: Option<Period>, floor: &Claim, other: &Claim) -> bool {
    let (pf, po) = (
        cx.corpus.docs[floor.doc].published(),
        cx.corpus.docs[other.doc].published(),
    );
    let cumulative = floor
        .measure
        .as_ref()
        .is_some_and(|m| cx.lexicon.is_cumulative(m));
    if cumulative && matches!((pf, po), (Some(f), Some(o)) if o > f) {
        return false;
    }
    if let (Some(a), Some(b)) = (&floor.moment.time_of_day, &other.moment.time_of_day) {
        if a != b {
            return false;
        }
    }
    if moving(period) {
        return match (pf, po) {
            (Some(f), Some(o)) => (f - o).num_days().abs() <= super::conflict::UNDATED_WINDOW_DAYS,
            _ => true,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn codes(files: &[(&str, &str, &str)]) -> Vec<&'static str> {
        check_texts(files)
            .into_iter()
            .map(|f| f.code)
            .filter(|c| matches!(*c, "FC201" | "FC209"))
            .collect()
    }

    #[test]
    fn a_floor_far_below_another_report_is_a_warning() {
        let files = [
            (
                "a.md",
                "2023-10-08",
                "More than 1,200 people were injured on Saturday, officials said.",
            ),
            (
                "b.md",
                "2023-10-08",
                "The quake on Saturday injured 9,240 people, the ministry said.",
            ),
        ];
        assert_eq!(codes(&files), ["FC209"]);
    }

    /// A dated key, where only the file parts a floor from a figure: the
    /// sorted path, same answers as pair by pair.
    #[test]
    fn a_dated_floor_is_set_against_other_files_only() {
        let floor = "Acme said its revenue was more than $1 billion in 2023.";
        let full = "Acme said its revenue was $5 billion in 2023.";
        let two_files = [("a.md", "2024-03-01", floor), ("b.md", "2024-03-01", full)];
        assert_eq!(codes(&two_files), ["FC209"]);
        let both = format!("{floor} {full}");
        let one_file = [("a.md", "2024-03-01", both.as_str())];
        assert!(codes(&one_file).is_empty(), "{:?}", codes(&one_file));
    }

    #[test]
    fn a_floor_near_the_count_is_not() {
        let files = [
            (
                "a.md",
                "2023-10-08",
                "At least 120 people were injured on Saturday, officials said.",
            ),
            (
                "b.md",
                "2023-10-08",
                "The quake on Saturday injured 134 people, the ministry said.",
            ),
        ];
        assert!(codes(&files).is_empty(), "{:?}", codes(&files));
    }

    #[test]
    fn a_tally_that_rose_in_a_later_report_is_not() {
        let files = [
            (
                "a.md",
                "2023-10-08",
                "More than 1,200 people were injured on Saturday, officials said.",
            ),
            (
                "b.md",
                "2023-10-11",
                "The quake on Saturday injured 9,240 people, the ministry said.",
            ),
        ];
        assert!(!codes(&files).contains(&"FC209"), "{:?}", codes(&files));
    }
}
