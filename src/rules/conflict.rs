//! FC201 figure-conflict, FC204 possible-rounding, FC205 revised-tally.
//!
//! Inside a group of claims about one thing, claims whose intervals share a
//! value form a cluster. Two clusters mean two figures that cannot both hold.
//! The cluster backed by the most files is taken as the consensus; every
//! other cluster is reported against it, and the pair is classified:
//! a hard conflict (error), one that truncation or rounding of a round
//! number would explain (warning), or a running tally that a later report
//! revised upwards (warning).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Context, RuleInfo, Run};
use crate::claim::{Bound, Claim, Interval, Kind, Period, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC201",
    run: Run::Claims(check),
    name: "figure-conflict",
    severity: Severity::Error,
    summary: "two figures for the same thing, period and role that cannot both be true",
    doc: r#"## What it does
Groups figures that speak of the same thing (measure and its qualifiers,
owner, role, period, unit) across the files of the run, and flags figures
in different files whose intervals do not meet. Only figures read firmly
are compared: the measure named in the figure's own clause (not guessed
from the story), the period stated or implied by the publication date, and
for a sub-annual change its basis (year-on-year, quarter-on-quarter).
A figure with no period stated is an error only between articles published
within three days of each other (otherwise FC207). A figure's interval honours
its precision and qualifier: "$108bn" is 107.5bn–108.5bn, "more than 30" is
(30, ∞), "about 3.7%" is 3.33%–4.07%. An article that gives the other
figure as its own earlier one ("five still missing, down from 12 earlier
in the day") has reported the change, and is not flagged against it.
An article that gives two values for a count named only by its noun
("work began on 14,250 homes ... permits for 15,100 homes") is counting
two things, and is not compared on it. Figures with no period, or a day's
running tally, stated at different
times of day ("by 6 a.m.", "as of 7 p.m.") or as things stand ("now",
"still") in reports of different days are of different moments: FC207 at
most.

## Why is this bad?
Readers cannot both be right: one source, or the draft, has the figure
wrong, or two agencies disagree and the text should say so.

## Example
```text
a.md: Japan's exports to the US rose to ¥20.3 trillion last year.   (2024)
b.md: Exporters' sales to the US climbed to ¥23.0 trillion in 2023.
```
Use instead: one figure, or both with their sources named.

## Not flagged
"2.5%", "2.47 per cent" and "about 2.5 percent" agree; "last year" in a
2023 article and in a 2024 article are different years; a target is never
compared with an actual figure; tariffs on $200bn of goods are not trade;
two figures in one article (a writer restates or contrasts).
"#,
};

pub(crate) const ROUNDING_RULE: RuleInfo = RuleInfo {
    code: "FC204",
    run: Run::By("FC201"),
    name: "possible-rounding",
    severity: Severity::Warning,
    summary: "figures differ by no more than truncation or rounding of a round number explains",
    doc: r#"## What it does
Flags two figures for the same thing that differ beyond their written
precision, but by no more than a writer truncating ("$227bn" for 227.8bn,
"1,320 houses" for 1,329) or rounding to a round number ("9,000 people"
for 9,137) would produce.
Figures that state no period are compared only between articles published
within a week of each other, like FC207.

## Why is this bad?
Usually it is not: it is reported as a warning so that an editor can check
that the rounder figure is meant as an approximation.

## Example
```text
a.md: The deal was worth $227bn.
b.md: The deal was worth $227.8bn.
```
Use instead: "about $228bn", or the exact figure in both.
"#,
};

pub(crate) const REVISION_RULE: RuleInfo = RuleInfo {
    code: "FC205",
    run: Run::By("FC201"),
    name: "revised-tally",
    severity: Severity::Warning,
    summary: "a running tally is higher in a later report, or a figure is called a revision",
    doc: r#"## What it does
For measures marked `cumulative` in the rules (death tolls, injured,
missing, displaced, cases), a higher figure in a report published later is
taken as a revision, not a contradiction. So is any disagreement where one
figure's own clause calls it a revision or an earlier estimate ("August
was revised up to 227,000", "previously reported", "preliminary"): the
words `revision` in `rules/words.toml` list the cues.

## Why is this bad?
It is not wrong, but a story that cites both should say the toll rose.

## Example
```text
a.md (2024-10-02): At least 40 people died in the floods.
b.md (2024-10-04): The death toll rose to 65.
```
"#,
};

pub(crate) const UNDATED_RULE: RuleInfo = RuleInfo {
    code: "FC207",
    run: Run::By("FC201"),
    name: "undated-disagreement",
    severity: Severity::Warning,
    summary:
        "figures for the same thing, with no period stated, differ in articles a few days apart",
    doc: r#"## What it does
Flags two figures for the same thing and owner, in different files
published within a week of each other, that cannot both be true but
whose text states no period: a deal's value, a fee, a population. They
are most likely about the same moment, but nothing in the text says so,
so this is a warning for an editor to check, never an error. So too a
target stated with no period ("a borrowing target of $189bn") that differs
from the one dated target of its measure ("$170bn for 2023"): most likely
the same target restated, but the text does not say so. And two counts
read only by a noun the measures do not know ("512 stations" and "50
stations", "189 sterns" and "412,000 sterns"): the same noun, but nothing
says they count the same thing.

## Why is this bad?
Two reports of one event should give one deal value; if they differ, one
is wrong, or they are about different moments and should say so.

## Example
```text
a.md (2017-08-03): PSG paid a fee of £198m.
b.md (2017-08-04): The fee was £200.6m.
```
Use instead: one figure, or each with its date and source.
"#,
};

/// Articles further apart than this describe different moments when their
/// figures state no period.
pub(crate) const UNDATED_WINDOW_DAYS: i64 = 7;

/// Articles this close are reports of one news event: figures that state
/// no period are about the same moment.
const SAME_NEWS_DAYS: i64 = 3;

/// How a pair of disagreeing figures is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Explained {
    Hard,
    Undated,
    /// Counts of one noun with nothing more to say what they count.
    NounOnly,
    Rounding,
    Revision,
}

/// At most this many passages of one value are listed in a finding; the
/// message and help count the rest.
pub const PASSAGES_PER_VALUE: usize = 8;

/// A group with more values than this (an archive's year of one undated
/// tally) has each value compared with the consensus only, so the cost
/// grows with the number of figures, not with its square.
const ALL_PAIRS_UP_TO: usize = 16;

/// Everything that decides how two figures of one group disagree, apart
/// from which files they are in. Figures with one profile behave alike, so
/// a group is compared profile by profile: thousands of articles giving the
/// same figure cost one comparison, not thousands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Profile {
    interval: Interval,
    /// The interval, then what truncation or rounding would allow.
    readings: Vec<Interval>,
    value: Decimal,
    firm: bool,
    plain: bool,
    cumulative: bool,
    duration: bool,
    /// Only where it decides anything: for figures with no period, running
    /// tallies and durations. Elsewhere `None`, so that a thousand articles
    /// on one dated figure make one profile, not one per publication day.
    published: Option<chrono::NaiveDate>,
    /// From an article that gives several values for this undated key.
    coarse: bool,
    moment: crate::claim::Moment,
    /// The figure states no period of its own: an undated target joined
    /// to the one dated target of its measure.
    joined_undated: bool,
    /// Its clause calls it a revision or an earlier estimate.
    revised: bool,
    /// A dated figure said to stand so now ("first-half shipments now
    /// total 610.6 million"): an update of the period's figure.
    standing: bool,
    /// Published after its period ended: the whole period's figure.
    after_period: bool,
    /// Measured by nothing but its own counted noun, one the measures do
    /// not know ("189 sterns", "512 stations"): what is counted is named,
    /// not what the count is of.
    noun_only: bool,
}

impl Profile {
    fn of(cx: &Context, i: usize, undated: bool, coarse: &BTreeSet<usize>) -> Profile {
        let c = cx.claim(i);
        let mut readings = vec![c.interval];
        readings.extend(truncated(c));
        readings.extend(round_number(c));
        readings.extend(truncated_round(c));
        let cumulative = c
            .measure
            .as_ref()
            .is_some_and(|m| cx.lexicon.is_cumulative(m));
        let duration = c.kind == Kind::Duration;
        let anyones = anyones(cx, c);
        // "the number ... rose to 1,140": what is counted is not read.
        let vague = c.measure.as_ref().is_some_and(|m| cx.lexicon.is_vague(m));
        Profile {
            interval: c.interval,
            readings,
            value: c.value,
            firm: firm(c) && !anyones && !vague,
            plain: plainly_read(c) && !anyones,
            cumulative,
            duration,
            published: if undated || cumulative || duration || c.moment.to_date {
                cx.corpus.docs[c.doc].published()
            } else {
                None
            },
            coarse: coarse.contains(&c.doc),
            moment: if undated || matches!(c.period, Some(Period::Day(_))) || c.moment.to_date {
                c.moment.clone()
            } else {
                crate::claim::Moment::default()
            },
            joined_undated: !undated && c.period.is_none(),
            revised: c.moment.revised,
            standing: c.moment.standing && c.period.is_some(),
            noun_only: c.kind == Kind::Count
                && c.measure.as_ref().is_some_and(|m| {
                    m.modifiers.is_empty()
                        && m.qualifier.is_none()
                        && cx.lexicon.dimension(&m.head).is_none()
                        && c.unit
                            .as_deref()
                            .is_some_and(|u| *crate::lexicon::fold(u) == *m.head)
                }),
            after_period: c
                .period
                .zip(cx.corpus.docs[c.doc].published())
                .is_some_and(|(p, d)| p.days().1 < d),
        }
    }
}

/// Claims of one cluster with one profile, and the files they are in.
struct Alike {
    profile: Profile,
    members: Vec<usize>,
    docs: BTreeSet<usize>,
}

fn alike(cx: &Context, cluster: &[usize], undated: bool, coarse: &BTreeSet<usize>) -> Vec<Alike> {
    let mut out: Vec<Alike> = Vec::new();
    let mut index: HashMap<Profile, usize> = HashMap::new();
    for &i in cluster {
        let profile = Profile::of(cx, i, undated, coarse);
        // Most claims of a cluster share a profile: clone it only for a new one.
        let at = match index.get(&profile) {
            Some(&at) => at,
            None => {
                index.insert(profile.clone(), out.len());
                out.push(Alike {
                    profile,
                    members: Vec::new(),
                    docs: BTreeSet::new(),
                });
                out.len() - 1
            }
        };
        out[at].members.push(i);
        out[at].docs.insert(cx.claim(i).doc);
    }
    out
}

/// Claims in first-seen order, with a set for membership.
#[derive(Default)]
struct Ordered {
    list: Vec<usize>,
    seen: HashSet<usize>,
}

impl Ordered {
    fn push(&mut self, i: usize) {
        if self.seen.insert(i) {
            self.list.push(i);
        }
    }
}

/// The flagged figures and those they disagree with, for one kind.
#[derive(Default)]
struct Sides {
    flagged: Ordered,
    against: Ordered,
}

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let earlier = earlier_figures(cx);
    let stated = Stated::default();
    let mut out = Vec::new();
    for (key, members) in &cx.groups {
        // A focused check seeks only what involves its document.
        if cx.outside_focus(members) {
            continue;
        }
        let clusters = clusters(cx, members);
        if clusters.len() < 2 {
            continue;
        }
        let consensus = consensus(cx, &clusters);
        let backing: Vec<(bool, usize)> = clusters.iter().map(|c| backing(cx, c)).collect();
        // With no period to tell them apart, an article that gives several
        // values for one key is speaking of several things ("240 seats ...
        // 99 ... 303"): its figures are read too coarsely to accuse another
        // article's.
        // So too when the measure is only the counted noun ("38,420 homes
        // changed hands", "work began on 14,250 homes"): an article giving
        // two values for it is counting two things.
        let noun_only = members.iter().all(|&i| {
            let c = cx.claim(i);
            let named_by = c
                .evidence
                .measure
                .as_ref()
                .and_then(|r| r.span())
                .and_then(|sp| cx.corpus.docs[c.doc].text.get(sp));
            c.kind == Kind::Count
                && named_by.is_some_and(|w| {
                    w.eq_ignore_ascii_case(&key.measure.head)
                        || c.unit.as_deref().is_some_and(|u| w.eq_ignore_ascii_case(u))
                })
        });
        let coarse: BTreeSet<usize> = if key.period.is_none() || noun_only {
            let mut values_per_doc: BTreeMap<usize, usize> = BTreeMap::new();
            for c in &clusters {
                let docs: BTreeSet<usize> = c.iter().map(|&i| cx.claim(i).doc).collect();
                for d in docs {
                    *values_per_doc.entry(d).or_default() += 1;
                }
            }
            values_per_doc
                .into_iter()
                .filter(|&(_, n)| n > 1)
                .map(|(d, _)| d)
                .collect()
        } else {
            BTreeSet::new()
        };
        let alikes: Vec<Vec<Alike>> = clusters
            .iter()
            .map(|c| alike(cx, c, key.period.is_none(), &coarse))
            .collect();
        // Every pair of clusters that cannot both hold, the consensus (or
        // the cluster more files back) on the "against" side. One finding
        // per group and kind lists them all: the figures that cannot all be
        // true.
        let mut sides: BTreeMap<Explained, Sides> = BTreeMap::new();
        let all_pairs = clusters.len() <= ALL_PAIRS_UP_TO;
        for ci in 0..clusters.len() {
            for cj in ci + 1..clusters.len() {
                if !all_pairs && ci != consensus && cj != consensus {
                    continue;
                }
                let (flag, agst) =
                    if ci == consensus || cj != consensus && backing[ci] > backing[cj] {
                        (cj, ci)
                    } else {
                        (ci, cj)
                    };
                compare_clusters(
                    cx,
                    key,
                    (&earlier, &stated),
                    &alikes[flag],
                    &alikes[agst],
                    &mut sides,
                );
            }
        }
        // One finding per kind of disagreement: the figures that cannot all
        // be true, those only rounding or a revision explains, and those
        // whose text does not say they are about the same moment.
        for (kind, s) in sides {
            if !s.flagged.list.is_empty() {
                out.push(finding(cx, key, kind, &s, &clusters));
            }
        }
    }
    out
}

/// Compare every figure of the flagged cluster with the against cluster,
/// one profile at a time, adding each figure in the order a pair-by-pair
/// walk would first meet it.
fn compare_clusters(
    cx: &Context,
    key: &super::key::Key,
    (earlier, stated): (&Earlier, &Stated),
    flag: &[Alike],
    agst: &[Alike],
    sides: &mut BTreeMap<Explained, Sides>,
) {
    // Where a decision depends on publication dates (no period stated, or
    // a duration), no pair further apart than the widest window can
    // disagree: each flagged profile meets only the against profiles
    // published near it, found by bisection.
    let mut by_date: Vec<usize> = (0..agst.len()).collect();
    by_date.sort_by_key(|&ai| (agst[ai].profile.published, ai));
    let no_date = by_date.partition_point(|&ai| agst[ai].profile.published.is_none());
    let near = |f: &Profile| -> Vec<usize> {
        let windowed = key.period.is_none() || f.duration;
        match f.published.filter(|_| windowed) {
            None => (0..agst.len()).collect(),
            Some(d) => {
                let days = chrono::Duration::days(DURATION_WINDOW_DAYS.max(UNDATED_WINDOW_DAYS));
                let dated = &by_date[no_date..];
                let date = |ai: usize| agst[ai].profile.published;
                let from = dated.partition_point(|&ai| date(ai) < Some(d - days));
                let to = dated.partition_point(|&ai| date(ai) <= Some(d + days));
                let mut near: Vec<usize> = by_date[..no_date]
                    .iter()
                    .chain(&dated[from..to])
                    .copied()
                    .collect();
                near.sort_unstable();
                near
            }
        }
    };
    // For each flagged profile, the against profiles it disagrees with.
    let kinds: Vec<Vec<(usize, Explained)>> = flag
        .iter()
        .map(|f| {
            near(&f.profile)
                .into_iter()
                .filter_map(|ai| decide(key, &f.profile, &agst[ai].profile).map(|k| (ai, k)))
                .collect()
        })
        .collect();
    // Members of each (kind, against profile) not yet listed.
    let mut pending: BTreeMap<(Explained, usize), Vec<usize>> = BTreeMap::new();
    let mut order: Vec<(usize, usize)> = flag
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| f.members.iter().map(move |&x| (x, fi)))
        .collect();
    order.sort_unstable();
    for (x, fi) in order {
        let xd = cx.claim(x).doc;
        let mut fresh: BTreeMap<Explained, Vec<usize>> = BTreeMap::new();
        let x_interval = cx.claim(x).interval;
        for &(ai, kind) in &kinds[fi] {
            let a = &agst[ai];
            // "Mathematics ... a pass rate of 61.8%" in an article that also
            // gives the national pass rate of 74.5%: a writer who states the
            // other figure for a measure of the same name knows it, and is
            // speaking of another thing, not contradicting it.
            if kind != Explained::Revision
                && stated.holds(cx, xd, x, &a.profile.interval, key.period)
            {
                continue;
            }
            // "five missing, down from 12 earlier in the day": an article
            // that gives the other figure as the earlier one has told the
            // reader of the change.
            if earlier.holds(xd, &key.measure, &a.profile.interval, key.period) {
                continue;
            }
            // Only different files contradict each other: inside one article
            // a writer restates or contrasts figures.
            // ... and an article that gives x's value as the earlier one
            // has told its reader of the change.
            let partner = a.docs.iter().any(|&d| {
                d != xd
                    && !earlier.holds(d, &key.measure, &x_interval, key.period)
                    && (kind == Explained::Revision
                        || !stated.holds(cx, d, x, &x_interval, key.period))
            });
            if !partner {
                continue;
            }
            let side = sides.entry(kind).or_default();
            side.flagged.push(x);
            let waiting = pending.entry((kind, ai)).or_insert_with(|| {
                a.members
                    .iter()
                    .copied()
                    .filter(|y| !side.against.seen.contains(y))
                    .collect()
            });
            let (held, other): (Vec<usize>, Vec<usize>) = waiting.iter().partition(|&&y| {
                let yd = cx.claim(y).doc;
                yd == xd || earlier.holds(yd, &key.measure, &x_interval, key.period)
            });
            *waiting = held;
            fresh.entry(kind).or_default().extend(other);
        }
        for (kind, mut ys) in fresh {
            ys.sort_unstable();
            let side = sides.entry(kind).or_default();
            for y in ys {
                side.against.push(y);
            }
        }
    }
}

/// A document with no more claims than this is scanned; a longer one is
/// indexed once, so a long transcript is not scanned for every pair.
const SCAN_UP_TO: usize = 256;

/// The figures each long document gives, by the last word of their
/// measure's head, for "does this article state that value?": built for a
/// document the first time a disagreement involves it, and answered by
/// bisection, not by a scan of its claims. Articles of ordinary length are
/// scanned instead: an index for each would cost more memory than the
/// claims it indexes.
#[derive(Default)]
struct Stated(std::cell::RefCell<HashMap<usize, HashMap<String, Vec<StatedMeasure>>>>);

/// The intervals a document gives for one measure head, kind and unit, by
/// the period each is placed in ([`placed`]).
struct StatedMeasure {
    head: String,
    kind: Kind,
    unit: Option<Arc<str>>,
    levels: BTreeMap<Option<Period>, Levels>,
}

/// The period a figure's own clause places it in: firm enough to say it
/// is not about another period. Not one it borrows from what the article
/// named before ("in the quarter", "for the period").
fn placed(cx: &Context, c: &Claim) -> Option<Period> {
    let reason = c.evidence.period.as_ref()?;
    if reason.source != crate::claim::Source::Clause {
        return None;
    }
    let words = reason
        .span()
        .and_then(|w| cx.corpus.docs[c.doc].text.get(w))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let anaphoric = ["the quarter", "the period", "the month", "the year"]
        .iter()
        .any(|a| words.ends_with(a));
    c.period.filter(|_| !anaphoric)
}

/// Whether a figure placed in `placed` speaks of another time than the
/// group's `period`: "2.1 million the winter before" is not this winter's
/// figure, so an article that gives it has not stated the other value of
/// this one.
fn elsewhere(placed: Option<Period>, period: Option<Period>) -> bool {
    match (placed, period) {
        (Some(p), Some(q)) => {
            let ((a0, a1), (b0, b1)) = (p.days(), q.days());
            a1 < b0 || b1 < a0
        }
        _ => false,
    }
}

impl Stated {
    /// Whether `doc` gives, anywhere, a figure of `like`'s measure noun (its
    /// head, or a head ending in it), kind and unit whose interval meets
    /// `value`.
    fn holds(
        &self,
        cx: &Context,
        doc: usize,
        like: usize,
        value: &Interval,
        period: Option<Period>,
    ) -> bool {
        let like = cx.claim(like);
        let Some(head) = like.measure.as_ref().map(|m| m.head.as_str()) else {
            return false;
        };
        let alike = |kind: Kind, unit: &Option<Arc<str>>, other: &str| {
            kind == like.kind && *unit == like.unit && same_noun(other, head)
        };
        let claims = cx.doc_claims(doc);
        if claims.len() <= SCAN_UP_TO {
            return claims.iter().any(|c| {
                c.measure
                    .as_ref()
                    .is_some_and(|m| alike(c.kind, &c.unit, &m.head))
                    && c.interval.overlaps(value)
                    && !elsewhere(placed(cx, c), period)
            });
        }
        let mut docs = self.0.borrow_mut();
        let by_noun = docs.entry(doc).or_insert_with(|| Self::index(cx, doc));
        by_noun.get(last_word(head)).is_some_and(|entries| {
            entries.iter().any(|e| {
                alike(e.kind, &e.unit, &e.head)
                    && e.levels
                        .iter()
                        .any(|(p, levels)| !elsewhere(*p, period) && levels.overlaps(value))
            })
        })
    }

    fn index(cx: &Context, doc: usize) -> HashMap<String, Vec<StatedMeasure>> {
        type Found<'c> = BTreeMap<
            (&'c str, Kind, Option<&'c Arc<str>>),
            BTreeMap<Option<Period>, Vec<Interval>>,
        >;
        let mut found: Found = BTreeMap::new();
        for c in cx.doc_claims(doc) {
            if let Some(m) = &c.measure {
                found
                    .entry((m.head.as_str(), c.kind, c.unit.as_ref()))
                    .or_default()
                    .entry(placed(cx, c))
                    .or_default()
                    .push(c.interval);
            }
        }
        let mut by_noun: HashMap<String, Vec<StatedMeasure>> = HashMap::new();
        for ((head, kind, unit), intervals) in found {
            by_noun
                .entry(last_word(head).to_string())
                .or_default()
                .push(StatedMeasure {
                    head: head.to_string(),
                    kind,
                    unit: unit.cloned(),
                    levels: intervals
                        .into_iter()
                        .map(|(p, ivs)| (p, Levels::new(ivs)))
                        .collect(),
                });
        }
        by_noun
    }
}

fn last_word(head: &str) -> &str {
    head.rsplit(' ').next().unwrap_or(head)
}

/// Heads that end in the same words: "pass rate" and "national pass rate".
fn same_noun(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    long == short || long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// Starting levels an article gives for a measure ("down from 12 earlier
/// in the day"), by file and measure. Looked up on every pair FC201
/// enumerates, so each list answers by binary search: a long file can give
/// thousands of starting levels for one measure.
/// Each measure's levels are kept by the period they are placed in, so a
/// starting level of another time ("up from 2.1 million the winter before")
/// says nothing of this one.
type EarlierLevels = BTreeMap<Option<Period>, Levels>;
struct Earlier(BTreeMap<usize, BTreeMap<Arc<crate::claim::Measure>, EarlierLevels>>);

impl Earlier {
    fn holds(
        &self,
        doc: usize,
        measure: &crate::claim::Measure,
        value: &Interval,
        period: Option<Period>,
    ) -> bool {
        self.0
            .get(&doc)
            .and_then(|by_measure| by_measure.get(measure))
            .is_some_and(|by_period| {
                by_period
                    .iter()
                    .any(|(p, levels)| !elsewhere(*p, period) && levels.overlaps(value))
            })
    }
}

/// Intervals sorted by their lower end, each with the highest upper end
/// of those up to it.
struct Levels {
    by_low: Vec<Interval>,
    reach: Vec<Option<Bound>>,
}

impl Levels {
    fn new(mut intervals: Vec<Interval>) -> Levels {
        // Unbounded below first; at one value a closed end before an open one.
        intervals.sort_by(|a, b| {
            let key = |b: Option<Bound>| b.map(|b| (b.value, !b.inclusive));
            key(a.low).cmp(&key(b.low))
        });
        // `None` is unbounded above, the highest of all.
        let mut reach: Vec<Option<Bound>> = Vec::with_capacity(intervals.len());
        for iv in &intervals {
            let highest = match (reach.last(), iv.high) {
                (None, h) => h,
                (Some(None), _) | (_, None) => None,
                (Some(Some(a)), Some(b)) => {
                    Some(if (b.value, b.inclusive) > (a.value, a.inclusive) {
                        b
                    } else {
                        *a
                    })
                }
            };
            reach.push(highest);
        }
        Levels {
            by_low: intervals,
            reach,
        }
    }

    /// Whether some interval meets `value`: of those not wholly above it
    /// (a prefix, by the sort), the one reaching highest must reach it.
    fn overlaps(&self, value: &Interval) -> bool {
        let not_above = self.by_low.partition_point(|iv| {
            Interval {
                low: iv.low,
                high: None,
            }
            .overlaps(value)
        });
        not_above > 0
            && Interval {
                low: None,
                high: self.reach[not_above - 1],
            }
            .overlaps(value)
    }
}

fn earlier_figures(cx: &Context) -> Earlier {
    type ByPeriod = BTreeMap<Option<Period>, Vec<Interval>>;
    let mut found: BTreeMap<usize, BTreeMap<Arc<crate::claim::Measure>, ByPeriod>> =
        BTreeMap::new();
    for c in cx.corpus.claims.iter().filter(|c| c.baseline) {
        if let Some(m) = &c.measure {
            found
                .entry(c.doc)
                .or_default()
                .entry(m.clone())
                .or_default()
                .entry(placed(cx, c))
                .or_default()
                .push(c.interval);
        }
    }
    Earlier(
        found
            .into_iter()
            .map(|(doc, by_measure)| {
                let levels = by_measure
                    .into_iter()
                    .map(|(m, by_period)| {
                        let by_period = by_period
                            .into_iter()
                            .map(|(p, ivs)| (p, Levels::new(ivs)))
                            .collect();
                        (m, by_period)
                    })
                    .collect();
                (doc, levels)
            })
            .collect(),
    )
}

/// How two profiles of one group disagree, if they do and it is worth
/// saying.
fn decide(key: &super::key::Key, a: &Profile, b: &Profile) -> Option<Explained> {
    if a.interval.overlaps(&b.interval) || a.coarse || b.coarse || !(a.firm && b.firm) {
        return None;
    }
    let within = |days: i64| match (a.published, b.published) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= days,
        _ => true,
    };
    if a.duration && !within(DURATION_WINDOW_DAYS) {
        return None;
    }
    let explained = if is_revision(a, b) {
        Explained::Revision
    } else if a
        .readings
        .iter()
        .any(|p| b.readings.iter().any(|q| p.overlaps(q)))
    {
        Explained::Rounding
    } else {
        Explained::Hard
    };
    // Stamped at different times of day ("by 6 a.m.", "as of 7 p.m."), or
    // running ("now", "still") in reports of different days: figures of a
    // moving story at different moments, never a plain conflict.
    let apart = match (&a.moment.time_of_day, &b.moment.time_of_day) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    } || a.published != b.published
        && (a.moment.running
            || b.moment.running
            || a.moment.to_date
            || b.moment.to_date
            || a.moment.time_of_day.is_some()
            || b.moment.time_of_day.is_some());
    // Two counts of one noun and nothing more may count different things:
    // a warning that says so, never an error.
    if (a.noun_only || b.noun_only) && explained == Explained::Hard {
        return within(UNDATED_WINDOW_DAYS).then_some(Explained::NounOnly);
    }
    // A target that states no period is most likely the dated one restated,
    // but nothing in its text says so: a warning at most.
    if (a.joined_undated || b.joined_undated) && explained == Explained::Hard {
        return Some(Explained::Undated);
    }
    // "so far this year" is part of the year: never the figure for the
    // whole year, once it is over; in reports of different days, the
    // tally at two moments.
    if a.moment.to_date && b.after_period || b.moment.to_date && a.after_period {
        return None;
    }
    let moving = key.period.is_none()
        || matches!(key.period, Some(Period::Day(_)))
        || a.moment.to_date && b.moment.to_date;
    if moving && apart && explained == Explained::Hard {
        return within(UNDATED_WINDOW_DAYS).then_some(Explained::Undated);
    }
    if key.period.is_none() {
        // With no period stated, articles more than a week apart are about
        // different moments: no finding of any kind. Reports of the same
        // few days describe the same moment: a plain conflict; further
        // apart, only a warning.
        if !within(UNDATED_WINDOW_DAYS) {
            None
        } else if explained != Explained::Hard {
            Some(explained)
        } else if within(SAME_NEWS_DAYS) && a.plain && b.plain {
            Some(Explained::Hard)
        } else {
            Some(Explained::Undated)
        }
    } else {
        Some(explained)
    }
}

/// The finding for the disagreeing figures of one group and kind: the first
/// flagged figure against the first figure it disagrees with, and the count
/// of the others. Each value lists at most [`PASSAGES_PER_VALUE`] passages.
fn finding(
    cx: &Context,
    key: &super::key::Key,
    kind: Explained,
    sides: &Sides,
    clusters: &[Vec<usize>],
) -> Finding {
    // With --against, the draft is what is checked: its figures come first,
    // and the finding points at it, whichever side the sources back.
    let in_draft = |i: &usize| cx.options.drafts.contains(&cx.claim(*i).doc);
    let drafts_first = |list: &[usize]| -> Vec<usize> {
        let (mut first, rest): (Vec<usize>, Vec<usize>) = list.iter().partition(|i| in_draft(i));
        first.extend(rest);
        first
    };
    let (mut flagged, mut against) = (
        drafts_first(&sides.flagged.list),
        drafts_first(&sides.against.list),
    );
    if !flagged.iter().any(in_draft) && against.iter().any(in_draft) {
        std::mem::swap(&mut flagged, &mut against);
    }
    // A revision is told from the figure that says it is one: "71,000
    // (revised) revises 49,000", not the other way round.
    // With no such word, the later report revises the earlier one: "93
    // (13 August) revises 67 (12 August)", whichever more files back.
    let says_revised = |list: &[usize]| list.first().is_some_and(|&i| cx.claim(i).moment.revised);
    let published = |list: &[usize]| {
        list.first()
            .and_then(|&i| cx.corpus.docs[cx.claim(i).doc].published())
    };
    let earlier_report = match (says_revised(&flagged), says_revised(&against)) {
        (false, true) => true,
        (false, false) => match (published(&flagged), published(&against)) {
            (Some(f), Some(a)) if f < a => true,
            // Published the same day: a tally rises, so the higher one is
            // taken as the update.
            (Some(f), Some(a)) if f == a => cx.claim(flagged[0]).value < cx.claim(against[0]).value,
            _ => false,
        },
        _ => false,
    };
    if kind == Explained::Revision
        && !flagged.iter().chain(&against).any(in_draft)
        && earlier_report
    {
        std::mem::swap(&mut flagged, &mut against);
    }
    let x0 = cx.claim(flagged[0]);
    let y0 = cx.claim(against[0]);
    let (rule, verb) = match kind {
        Explained::Hard => (&RULE, "conflicts with"),
        Explained::Undated | Explained::NounOnly => (&UNDATED_RULE, "differs from"),
        Explained::Rounding => (
            &ROUNDING_RULE,
            "differs, within truncation or rounding, from",
        ),
        Explained::Revision => (&REVISION_RULE, "revises"),
    };
    let mut all = Ordered::default();
    for &i in flagged.iter().chain(&against) {
        all.push(i);
    }
    let more = and_others(all.list.len().saturating_sub(2));
    let message = format!(
        "{}: {} ({}) {verb} {} ({}){more}",
        key.describe(),
        x0.text,
        cx.path(flagged[0]),
        y0.text,
        cx.path(against[0]),
    );
    let cluster_of: HashMap<usize, usize> = clusters
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| c.iter().map(move |&i| (i, ci)))
        .filter(|(i, _)| all.seen.contains(i))
        .collect();
    let mut listed_per_value: BTreeMap<usize, usize> = BTreeMap::new();
    let claims: Vec<usize> = all
        .list
        .iter()
        .copied()
        .filter(|i| {
            let n = listed_per_value.entry(cluster_of[i]).or_default();
            *n += 1;
            *n <= PASSAGES_PER_VALUE
        })
        .collect();
    let labels = claims
        .iter()
        .map(|&i| Finding::normalised(cx.claim(i)))
        .collect();
    let help = match kind {
        Explained::Hard => {
            "if two agencies give different figures, name both; otherwise correct the wrong one"
        }
        Explained::Undated => {
            "the text does not say both are about the same moment: check, and give the period"
        }
        Explained::NounOnly => {
            "both are read only as counts of the same noun; nothing says they count the same thing: check, and name what is counted"
        }
        Explained::Rounding => {
            "write \"about\" before a rounded or truncated figure, or give the same precision"
        }
        Explained::Revision => "say that the figure was revised, and when",
    };
    let unlisted = all.list.len() - claims.len();
    let counts = if unlisted > 0 {
        let values: Vec<String> = listed_per_value
            .iter()
            .map(|(&ci, &n)| {
                let first = clusters[ci]
                    .iter()
                    .find(|i| all.seen.contains(i))
                    .map_or(String::new(), |&i| cx.claim(i).describe_value());
                let s = if n == 1 { "" } else { "s" };
                format!("{first} ({n} figure{s})")
            })
            .collect();
        format!(
            "; {unlisted} figures not listed; by value: {}",
            values.join(", ")
        )
    } else {
        String::new()
    };
    // Its identity: every figure involved, by value, listed or not.
    let sides: Vec<Vec<usize>> = clusters
        .iter()
        .map(|c| c.iter().copied().filter(|i| all.seen.contains(i)).collect())
        .filter(|side: &Vec<usize>| !side.is_empty())
        .collect();
    Finding {
        message,
        measure: Some(key.measure.to_string()),
        period: key.period,
        claims,
        labels,
        sides,
        help: Some(format!(
            "read as {} and {}; {help}{counts}",
            Finding::normalised(x0),
            Finding::normalised(y0)
        )),
        ..Finding::of(rule)
    }
}

/// " (and 3 other figures)" after a finding's first two figures; nothing
/// when there are no others.
pub(crate) fn and_others(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => " (and 1 other figure)".to_string(),
        n => format!(" (and {n} other figures)"),
    }
}

/// A figure of a measure every party has ("about 18 percent" of the vote)
/// with no party named: it may be anyone's, so it can corroborate, never
/// contradict.
pub(crate) fn anyones(cx: &Context, c: &Claim) -> bool {
    c.owner.is_none()
        && c.measure
            .as_ref()
            .is_some_and(|m| cx.lexicon.is_contested(m))
}

/// A duration ("a three-day visit") is keyed by the year it is about:
/// reports more than a month apart are about different events.
const DURATION_WINDOW_DAYS: i64 = 31;

/// A reading firm enough to call a disagreement a conflict: the measure
/// read from the figure's own sentence (or a link or explicit anaphor), and
/// its period too, when it has one (a running tally's publication date
/// counts).
pub fn firm(c: &Claim) -> bool {
    use crate::claim::Source;
    let measure = c.evidence.measure.as_ref().is_some_and(|r| r.is_firm());
    // A period only the article's subject gave ("profit rose 10%" in a story
    // about the September quarter) is not enough, even for a warning: tried
    // as an FC207 warning, it found nothing on the test half of the accuracy
    // corpus and raised eight false warnings there.
    let period = c.period.is_none()
        || c.evidence
            .period
            .as_ref()
            .is_some_and(|r| r.is_firm() || matches!(r.source, Source::Published));
    // A change within a year whose basis is not written may be month on
    // month or year on year: "rose 0.4% in September" and "3.7% in
    // September" are not two readings of one figure.
    let basis = !(c.role == Role::Change
        && c.measure.as_ref().is_some_and(|m| m.basis.is_none())
        && c.period
            .is_some_and(|p| !matches!(p, Period::Year(_) | Period::FiscalYear(_))));
    measure && period && basis
}

/// With no period to check it by, a reading must come from the figure's own
/// clause, and its owner (if any) from the text: an undated figure whose
/// measure or owner was inferred is not evidence enough for an error.
pub(crate) fn plainly_read(c: &Claim) -> bool {
    use crate::claim::Source;
    let measure = c
        .evidence
        .measure
        .as_ref()
        .is_some_and(|r| r.source == Source::Clause);
    let owner = c
        .evidence
        .owner
        .as_ref()
        .is_none_or(|r| matches!(r.source, Source::Clause | Source::Sentence));
    measure && owner && matches!(c.role, Role::Actual | Role::Change)
}

/// Partition claims into clusters whose intervals all share a value: sort
/// by lower bound and sweep, keeping the running intersection.
pub(crate) fn clusters(cx: &Context, members: &[usize]) -> Vec<Vec<usize>> {
    let mut sorted = members.to_vec();
    let low = |i: usize| cx.claim(i).interval.low.map(|b| b.value);
    sorted.sort_by(|&a, &b| {
        (low(a).is_some(), low(a), cx.claim(a).value, a).cmp(&(
            low(b).is_some(),
            low(b),
            cx.claim(b).value,
            b,
        ))
    });
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut common: Option<Interval> = None;
    for i in sorted {
        let iv = cx.claim(i).interval;
        match common.and_then(|c| c.intersect(&iv)) {
            Some(meet) => {
                common = Some(meet);
                if let Some(last) = out.last_mut() {
                    last.push(i);
                }
            }
            None => {
                common = Some(iv);
                out.push(vec![i]);
            }
        }
    }
    for c in &mut out {
        c.sort_unstable();
    }
    out
}

/// The cluster backed by the most files; ties go to the one that appears first.
fn consensus(cx: &Context, clusters: &[Vec<usize>]) -> usize {
    let first = |c: &Vec<usize>| {
        c.iter()
            .map(|&i| (cx.claim(i).doc, cx.claim(i).span.start))
            .min()
    };
    (0..clusters.len())
        .max_by(|&a, &b| {
            backing(cx, &clusters[a])
                .cmp(&backing(cx, &clusters[b]))
                .then_with(|| first(&clusters[b]).cmp(&first(&clusters[a])))
        })
        .unwrap_or(0)
}

/// How well a cluster is backed: free of the drafts being checked (with
/// `--against`, a draft is what gets flagged), then by how many files.
fn backing(cx: &Context, cluster: &[usize]) -> (bool, usize) {
    let docs: BTreeSet<usize> = cluster.iter().map(|&i| cx.claim(i).doc).collect();
    let sources_only = docs.iter().all(|d| !cx.options.drafts.contains(d));
    (sources_only, docs.len())
}

/// A later report giving a higher running tally.
fn is_revision(a: &Profile, b: &Profile) -> bool {
    // "The August figure was revised to 227,000": the text itself says the
    // quantity has had two values.
    if a.revised || b.revised {
        return true;
    }
    // "First-half shipments now total 610.6 million": a period's figure
    // as it stands now, updated since the other was given.
    if a.standing != b.standing {
        return true;
    }
    if !a.cumulative {
        return false;
    }
    match (a.published, b.published) {
        (Some(da), Some(db)) if da != db => {
            let (earlier, later) = if da < db { (a, b) } else { (b, a) };
            later.value > earlier.value
        }
        // Two tallies published the same day, the higher said to have
        // risen to its value and not as of the same time of day as the
        // other: an update ("912 killed" by mid-morning, "had climbed to
        // 1,121" later). Two agencies' different tallies with no such
        // words ("2,025 dead", "2,053 dead") still disagree.
        (Some(_), Some(_)) => {
            let same_moment =
                a.moment.time_of_day.is_some() && a.moment.time_of_day == b.moment.time_of_day;
            let (lower, higher) = if a.value < b.value { (a, b) } else { (b, a) };
            lower.value < higher.value && higher.moment.risen && !same_moment
        }
        _ => false,
    }
}

/// A figure written without a qualifier may be truncated: "$227bn" for
/// 227.8bn is [227, 228) — for a fall, the mirror.
fn truncated(c: &Claim) -> Option<Interval> {
    c.may_be_truncated()
        .then(|| truncation(c.value, c.precision))
}

/// The values a figure truncated at `place` may stand for: [v, v + place),
/// or (v - place, v] for a fall.
fn truncation(value: Decimal, place: Decimal) -> Interval {
    if value.is_sign_negative() {
        Interval {
            low: Some(Bound::open(value - place)),
            high: Some(Bound::closed(value)),
        }
    } else {
        Interval {
            low: Some(Bound::closed(value)),
            high: Some(Bound::open(value + place)),
        }
    }
}

/// A whole number ending in zeros may be rounded further than written:
/// "9,000 people" for 9,137. Counts may be rounded to their first digit;
/// money only one place further; percentages never (20% is not 23%).
fn round_number(c: &Claim) -> Option<Interval> {
    if !c.may_be_truncated() || c.decimals > 0 {
        return None;
    }
    let cap = match c.kind {
        Kind::Count => u32::MAX,
        Kind::Money => 1,
        _ => return None,
    };
    let digits = (c.value / c.precision).abs().trunc();
    let mut zeros = 0u32;
    let mut rest = digits;
    while rest >= Decimal::TEN && (rest % Decimal::TEN).is_zero() && zeros < cap {
        rest /= Decimal::TEN;
        zeros += 1;
    }
    if zeros == 0 {
        return None;
    }
    let half = c.precision * Decimal::from(10u64.pow(zeros.min(18))) / Decimal::TWO;
    Some(Interval::closed(c.value - half, c.value + half))
}

/// A count ending in a zero may be truncated at that place, as figures
/// are truncated at their last digit: "1,320 houses" for 1,329. One place
/// only: "9,000" is not 9,900.
fn truncated_round(c: &Claim) -> Option<Interval> {
    if !c.may_be_truncated() || c.decimals > 0 || c.kind != Kind::Count {
        return None;
    }
    let digits = (c.value / c.precision).abs().trunc();
    if digits < Decimal::TEN || !(digits % Decimal::TEN).is_zero() {
        return None;
    }
    Some(truncation(c.value, c.precision * Decimal::TEN))
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    proptest::proptest! {
        /// The sorted starting levels answer as a scan of every one would:
        /// open, closed and unbounded ends, ties included.
        #[test]
        fn levels_answer_as_a_scan(
            ends in proptest::collection::vec((0i64..12, 0i64..6, 0u8..6), 0..24),
            query in (0i64..12, 0i64..6, 0u8..6),
        ) {
            use super::{Bound, Interval, Levels};
            use rust_decimal::Decimal;
            // (low, width, shape): shape picks open or closed ends, or no
            // end on one side.
            let make = |(low, width, shape): (i64, i64, u8)| {
                let lo = Bound { value: Decimal::from(low), inclusive: shape & 1 == 0 };
                let hi = Bound { value: Decimal::from(low + width), inclusive: shape & 2 == 0 };
                Interval {
                    low: (shape != 4).then_some(lo),
                    high: (shape != 5).then_some(hi),
                }
            };
            let intervals: Vec<Interval> = ends.into_iter().map(make).collect();
            let q = make(query);
            let scan = intervals.iter().any(|iv| iv.overlaps(&q));
            proptest::prop_assert_eq!(Levels::new(intervals).overlaps(&q), scan);
        }
    }

    /// A measure of a vague word ("number") names nothing that is counted:
    /// such figures never contradict each other.
    #[test]
    fn a_vague_measure_does_not_contradict() {
        let found = check_texts(&[
            (
                "b.md",
                "2025-06-03",
                "The number of dune antelope fell to roughly 12,400, the park said.",
            ),
            (
                "c.md",
                "2025-06-03",
                "The number of great bustards counted rose to 1,140, the park said.",
            ),
        ]);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert!(!codes.contains(&"FC201"), "{codes:?}");
        assert!(!codes.contains(&"FC207"), "{codes:?}");
    }

    /// An article that gives the other value for a measure of the same
    /// noun speaks of another thing; without that sentence it conflicts.
    #[test]
    fn an_article_that_states_the_other_value_is_not_contradicted() {
        let codes = |a: &str| -> Vec<&'static str> {
            check_texts(&[
                ("a.md", "2025-08-14", a),
                (
                    "b.md",
                    "2025-08-14",
                    "The board said the pass rate reached 74.5%.",
                ),
            ])
            .into_iter()
            .map(|f| f.code)
            .filter(|c| *c == "FC201")
            .collect()
        };
        let subject = "The board said the weakest subject had a pass rate of 61.8%.";
        assert_eq!(codes(subject), ["FC201"]);
        let both = format!("The board said the national pass rate was 74.5%. {subject}");
        assert!(codes(&both).is_empty(), "{:?}", codes(&both));
    }

    /// An article that gives the other value placed in another period
    /// has not stated it for this one: "up from 2.1 million in 2023" does
    /// not excuse "2.1 million in 2024" elsewhere.
    #[test]
    fn the_other_value_of_another_period_is_not_stated() {
        let codes = |a: &str| -> Vec<&'static str> {
            check_texts(&[
                ("a.md", "2025-02-08", a),
                (
                    "b.md",
                    "2025-02-09",
                    "The Montreval resort's lifts carried 2.1 million passengers in 2024.",
                ),
            ])
            .into_iter()
            .map(|f| f.code)
            .filter(|c| *c == "FC201")
            .collect()
        };
        let placed = "The Montreval resort's lifts carried 2.3 million passengers in 2024, up \
                      from 2.1 million in 2023.";
        assert_eq!(codes(placed), ["FC201"]);
        let unplaced = "The Montreval resort's lifts carried 2.3 million passengers in 2024, up \
                        from 2.1 million.";
        assert!(codes(unplaced).is_empty());
    }

    /// With --against, a finding points at the draft even where a source
    /// that agrees with the draft comes first.
    #[test]
    fn a_finding_points_at_the_draft() {
        use crate::lexicon::Lexicon;
        use crate::rules::{check, CheckOptions};
        let text = |n| format!("Trade between China and Russia reached ${n} billion in 2018.");
        let (one, draft, two) = (text(108), text(108), text(118));
        let c = crate::testing::corpus(&[
            ("source-1.md", "2019-06-06", &one),
            ("draft.md", "2019-06-10", &draft),
            ("source-2.md", "2019-06-07", &two),
        ]);
        let options = CheckOptions {
            drafts: [1].into_iter().collect(),
            ..CheckOptions::default()
        };
        let found = check(&c, &Lexicon::default_pack(), &options);
        let conflict = found.iter().find(|f| f.code == "FC201").unwrap();
        let paths: Vec<&str> = conflict
            .claims
            .iter()
            .map(|&i| c.docs[c.claims[i].doc].path.as_str())
            .collect();
        assert_eq!(paths, ["draft.md", "source-1.md", "source-2.md"]);
        assert_eq!(
            conflict.message,
            "trade for 2018: $108 billion (draft.md) conflicts with $118 billion (source-2.md) (and 1 other figure)"
        );
    }

    /// "So far this year" is the year's tally at the report's date: not the
    /// whole year's figure of a later report, and never an error.
    #[test]
    fn a_tally_so_far_this_year_is_not_the_year() {
        let codes = |a: &str, b: &str| -> Vec<&'static str> {
            check_texts(&[("a.md", "2024-12-09", a), ("b.md", "2025-02-06", b)])
                .into_iter()
                .map(|f| f.code)
                .filter(|c| c.starts_with("FC2") && *c != "FC202")
                .collect()
        };
        assert!(codes(
            "Kestrel Space's revenue was 61 million crowns so far this year.",
            "Kestrel Space's revenue was 74 million crowns in 2024.",
        )
        .is_empty());
        assert_eq!(
            codes(
                "Kestrel Space's revenue was 61 million crowns in 2024.",
                "Kestrel Space's revenue was 74 million crowns in 2024.",
            ),
            ["FC201"]
        );
    }

    /// Two counts of a noun the measures do not know, and nothing else to
    /// say what they count: a warning that says so, not an error.
    #[test]
    fn people_in_a_role_who_act_are_counted_for_what_they_did() {
        let codes = |a: &str, b: &str| -> Vec<&'static str> {
            check_texts(&[("a.md", "2025-07-23", a), ("b.md", "2025-07-23", b)])
                .iter()
                .map(|f| f.code)
                .filter(|c| *c == "FC201")
                .collect()
        };
        // Subjects of what they did: nothing says both count one thing.
        assert!(codes(
            "The cause was unclear, according to two employees who spoke to the agency.",
            "The injured rose to 31 after seven more employees sought treatment.",
        )
        .is_empty());
        // Workers killed are a part of the toll, not the toll.
        assert!(codes(
            "An explosion at the Harlow refinery on Monday killed 12 people.",
            "Seven workers were killed in Monday's explosion at the Harlow refinery.",
        )
        .is_empty());
        // A headcount stays one.
        assert_eq!(
            codes(
                "Castellan Petroleum employs 2,400 employees.",
                "Castellan Petroleum employs 2,900 employees.",
            ),
            ["FC201"]
        );
    }

    #[test]
    fn counts_of_an_unknown_noun_only_are_a_warning() {
        let f = check_texts(&[
            (
                "a.md",
                "2025-06-10",
                "Weekend passes cost 189 sterns in 2025.",
            ),
            (
                "b.md",
                "2025-06-11",
                "Police costs were 412,000 sterns in 2025.",
            ),
        ]);
        let codes: Vec<&str> = f.iter().map(|f| f.code).filter(|c| *c != "FC208").collect();
        assert_eq!(codes, ["FC207"], "{f:#?}");
        let warning = f.iter().find(|f| f.code == "FC207").unwrap();
        assert_eq!(
            warning.help.as_deref(),
            Some(
                "read as 412,000 → 412,000 sterns, 2025 and 189 → 189 sterns, 2025; both are \
                 read only as counts of the same noun; nothing says they count the same thing: \
                 check, and name what is counted"
            )
        );
    }

    /// A vote share with no party named may be any party's: it never
    /// contradicts another file's, while the same shares of one named
    /// party still conflict.
    #[test]
    fn a_contested_figure_with_no_owner_is_no_conflict() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-06-01",
                "The Unity Party had 41 per cent of the vote.",
            ),
            (
                "b.md",
                "2024-06-01",
                "One party took about 18 per cent of the vote.",
            ),
            (
                "c.md",
                "2024-06-02",
                "The Unity Party had 44 per cent of the vote.",
            ),
            (
                "d.md",
                "2024-06-02",
                "The runner-up took 30 per cent of the vote.",
            ),
        ]);
        let codes: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.code, f.message.as_str()))
            .filter(|(code, _)| code.starts_with("FC2"))
            .collect();
        assert_eq!(
            codes,
            [(
                "FC201",
                "vote-share (no period stated): 44 per cent (c.md) conflicts with 41 per cent (a.md)"
            )]
        );
    }

    /// "Homes" named only by the counted noun, two values in one article:
    /// sales, starts and permits are different counts of homes.
    #[test]
    fn counted_nouns_an_article_gives_twice_are_not_compared() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-07-20",
                "A total of 3,840 homes changed hands in June, the realtors said.",
            ),
            (
                "b.md",
                "2024-07-20",
                "Builders began work on 1,425 homes in June, the statistics office said. Permits were issued for 1,510 homes in June.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    /// A fire's containment at 6 a.m. and at 7 p.m. of one day: two
    /// moments, a warning at most.
    #[test]
    fn figures_stamped_at_different_times_of_day_are_not_a_conflict() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-08-14",
                "By 6 a.m. on Wednesday the Ridge fire was 5% contained, the fire authority said.",
            ),
            (
                "b.md",
                "2024-08-14",
                "As of 7 p.m. on Wednesday the Ridge fire was 12% contained, the fire authority said.",
            ),
        ]);
        let codes: Vec<&str> = f.iter().map(|f| f.code).collect();
        assert!(!codes.contains(&"FC201"), "{f:#?}");
        assert!(codes.contains(&"FC207"), "{f:#?}");
    }

    /// An article that gives the other figure as its own earlier one
    /// ("down from 9 earlier in the day") has reported the change.
    #[test]
    fn a_figure_the_other_article_calls_earlier_is_no_conflict() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-05-10",
                "Rescue teams were still searching for 9 people reported missing early on Friday.",
            ),
            (
                "b.md",
                "2024-05-10",
                "The agency said four people were still missing, down from 9 earlier in the day.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    /// With no period stated, figures that only rounding separates are
    /// flagged in reports of one week, and not across a month.
    #[test]
    fn undated_figures_weeks_apart_are_not_compared() {
        let codes = |second: &str| -> Vec<&'static str> {
            check_texts(&[
                (
                    "a.md",
                    "2017-08-03",
                    "Rivertown paid a transfer fee of £198m.",
                ),
                ("b.md", second, "Rivertown paid a transfer fee of £200m."),
            ])
            .iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FC20"))
            .collect()
        };
        assert_eq!(codes("2017-08-05"), vec!["FC204"]);
        assert_eq!(codes("2017-09-05"), Vec::<&str>::new());
    }

    /// Twelve files agree, one differs: one finding, the lone figure first,
    /// and at most eight passages of the value the others give.
    #[test]
    fn people_named_only_by_the_noun_are_not_contradicted() {
        // Thirty at a service and fifty-two pulled from rubble: "people"
        // alone does not say the two count the same thing.
        let f = check_texts(&[
            (
                "a.md",
                "2017-09-20",
                "In the church, 30 people were attending a baptism.",
            ),
            (
                "b.md",
                "2017-09-20",
                "So far 52 people have been pulled from the rubble.",
            ),
        ]);
        assert!(
            f.iter().all(|f| f.code != "FC201" && f.code != "FC207"),
            "{f:#?}"
        );
    }

    #[test]
    fn a_figure_called_revised_revises_the_earlier_report() {
        let f = check_texts(&[
            (
                "a.md",
                "2023-09-01",
                "Employers added 187,000 jobs in August, the Labor Department said.",
            ),
            (
                "b.md",
                "2023-10-06",
                "The August figure was revised to 227,000 jobs.",
            ),
        ]);
        let codes: Vec<&str> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["FC205"], "{f:#?}");
        assert_eq!(
            f[0].message,
            "jobs for 2023-08: 227,000 (b.md) revises 187,000 (a.md)"
        );
    }

    #[test]
    fn many_files_list_a_bounded_number_of_passages() {
        let names: Vec<String> = (0..13).map(|i| format!("f{i:02}.md")).collect();
        let texts: Vec<String> = (0..13)
            .map(|i| {
                let rate = if i == 12 { "7.1" } else { "5.2" };
                format!("Freedonia's inflation was {rate}% in 2023.")
            })
            .collect();
        let files: Vec<(&str, &str, &str)> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), "2024-04-10", t.as_str()))
            .collect();
        let f = check_texts(&files);
        let errors: Vec<_> = f.iter().filter(|f| f.code == "FC201").collect();
        assert_eq!(errors.len(), 1, "{f:#?}");
        assert_eq!(
            errors[0].message,
            "inflation change for 2023: 7.1% (f12.md) conflicts with 5.2% (f00.md) (and 11 other figures)"
        );
        assert_eq!(errors[0].claims.len(), 9);
        assert!(
            errors[0].help.as_deref().is_some_and(|h| h.ends_with(
                "; 4 figures not listed; by value: +5.2% (12 figures), +7.1% (1 figure)"
            )),
            "{:?}",
            errors[0].help
        );
    }

    #[test]
    fn cross_source_conflict_is_an_error() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-01-25",
                "Japan's exports to the United States rose to ¥20.3 trillion last year.",
            ),
            (
                "b.md",
                "2024-02-02",
                "Japanese exporters, whose sales to the US climbed to a record ¥23.0 trillion in 2023.",
            ),
        ]);
        let errors: Vec<_> = f.iter().filter(|f| f.code == "FC201").collect();
        assert_eq!(errors.len(), 1, "{f:#?}");
        assert_eq!(errors[0].measure.as_deref(), Some("exports to us"));
        assert_eq!(
            errors[0].period.map(|p| p.to_string()).as_deref(),
            Some("2023")
        );
    }

    #[test]
    fn rounding_and_qualifiers_agree() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-02-03",
                "The unemployment rate was 2.5% in January.",
            ),
            (
                "b.md",
                "2024-02-04",
                "Unemployment was 2.47 per cent in January.",
            ),
            (
                "c.md",
                "2024-02-05",
                "A jobless rate of about 2.5 percent in January.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn same_words_different_years_do_not_conflict() {
        let f = check_texts(&[
            ("a.md", "2023-03-01", "Trade rose to $50 billion last year."),
            ("b.md", "2024-03-01", "Trade rose to $70 billion last year."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn truncation_is_a_warning_not_an_error() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-03-01",
                "The deal was worth $227bn in 2023, officials said.",
            ),
            ("b.md", "2024-03-02", "The deal was worth $227.8bn in 2023."),
        ]);
        let codes: Vec<_> = f.iter().map(|f| f.code).collect();
        assert!(!codes.contains(&"FC201"), "{f:#?}");
    }

    /// "1,320 houses" may be 1,329 truncated at its last zero: a warning.
    /// 1,331 is past that place, and 1,325 ends in no zero: errors.
    #[test]
    fn a_count_truncated_at_its_last_zero_is_a_warning() {
        let codes = |a: &str, b: &str| -> Vec<&'static str> {
            check_texts(&[
                (
                    "a.md",
                    "2024-03-01",
                    &format!("Officials said {a} houses were destroyed in 2023."),
                ),
                (
                    "b.md",
                    "2024-03-02",
                    &format!("Officials said {b} houses were destroyed in 2023."),
                ),
            ])
            .iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FC20"))
            .collect()
        };
        assert_eq!(codes("1,320", "1,329"), vec!["FC204"]);
        assert_eq!(codes("1,320", "1,331"), vec!["FC201"]);
        assert_eq!(codes("1,325", "1,329"), vec!["FC201"]);
    }

    /// A target with no period joins the one dated target of its measure;
    /// if they differ, nothing says they are the same target: a warning.
    #[test]
    fn an_undated_target_differing_from_the_dated_one_is_a_warning() {
        let f = check_texts(&[
            (
                "a.md",
                "2023-02-01",
                "The government set a borrowing target of $170 billion for 2023.",
            ),
            (
                "b.md",
                "2023-02-02",
                "The government set a borrowing target of $189 billion.",
            ),
        ]);
        let codes: Vec<_> = f
            .iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("FC20"))
            .collect();
        assert_eq!(codes, vec!["FC207"], "{f:#?}");
        let both = check_texts(&[
            (
                "a.md",
                "2023-02-01",
                "The government set a borrowing target of $170 billion for 2023.",
            ),
            (
                "b.md",
                "2023-02-02",
                "The government set a borrowing target of $189 billion for 2023.",
            ),
        ]);
        assert!(both.iter().any(|f| f.code == "FC201"), "{both:#?}");
    }

    #[test]
    fn more_than_thirty_against_twenty_eight() {
        let f = check_texts(&[
            (
                "a.md",
                "2019-06-06",
                "The companies signed more than 30 agreements in June.",
            ),
            (
                "b.md",
                "2019-06-07",
                "The companies signed 28 agreements in June.",
            ),
        ]);
        assert_eq!(f.iter().filter(|f| f.code == "FC201").count(), 1, "{f:#?}");
    }

    #[test]
    fn undated_disagreement_depends_on_publication_gap() {
        let texts = |b_date| {
            check_texts(&[
                (
                    "a.md",
                    "2019-06-06",
                    "The companies signed more than 30 agreements.",
                ),
                ("b.md", b_date, "The companies signed 28 agreements."),
            ])
        };
        // A day apart: reports of one event, so one moment.
        let f = texts("2019-06-07");
        let codes: Vec<_> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["FC201"], "{f:#?}");
        // Five days apart: probably the same moment, but only a warning.
        let f = texts("2019-06-11");
        let codes: Vec<_> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["FC207"], "{f:#?}");
        assert_eq!(
            f[0].message,
            "deals (no period stated): 28 (b.md) differs from more than 30 (a.md)"
        );
        // A month apart, figures with no period are about different moments.
        assert!(texts("2019-07-20").is_empty());
    }

    #[test]
    fn figures_of_one_article_never_conflict() {
        let f = check_texts(&[(
            "a.md",
            "2024-03-01",
            "Revenue was $4.27 billion in 2023. Later the company said revenue was $4.6 billion in 2023.",
        )]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn number_words_are_exact() {
        let f = check_texts(&[
            (
                "a.md",
                "2019-05-29",
                "The three-day state visit to Russia starts in June.",
            ),
            (
                "b.md",
                "2019-06-10",
                "Xi began a four-day visit to Russia in June.",
            ),
        ]);
        assert_eq!(f.iter().filter(|f| f.code == "FC201").count(), 1, "{f:#?}");
    }

    #[test]
    fn different_owners_are_not_compared() {
        let f = check_texts(&[
            ("a.md", "2024-02-01", "Kestrel Mobile's revenue rose to $48.2bn in 2023, while rival Sunwave reported revenue of $61.5bn."),
            ("b.md", "2024-02-03", "Kestrel Mobile reported revenue of $48.2 billion for last year."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
        assert_eq!(f.iter().filter(|f| f.code == "FC202").count(), 1, "{f:#?}");
    }

    #[test]
    fn forecast_growth_is_not_an_outturn() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-01-10",
                "The IMF forecasts that the economy will grow 1.8% in 2024.",
            ),
            (
                "b.md",
                "2025-02-01",
                "GDP grew 1.1% in 2024, below the 1.8% the IMF had forecast.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn per_capita_is_not_the_total() {
        let f = check_texts(&[
            ("a.md", "2024-03-01", "GDP per capita rose to $54,300 in 2023, while total output reached $1.9 trillion."),
            ("b.md", "2024-03-02", "The economy had a gross domestic product of $1.9tn last year, with output per person of $54,300."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn undated_rates_months_apart_are_not_compared() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-03-01",
                "The central bank's key rate is 4.25%.",
            ),
            (
                "b.md",
                "2024-06-20",
                "The central bank's key rate is 4.75%.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn units_do_not_make_different_things_one_measure() {
        let f = check_texts(&[
            ("a.md", "2024-02-01", "Cod catches were 12,000 tonnes in 2023."),
            ("b.md", "2024-02-02", "Haddock catches were 25,000 tonnes in 2023."),
            ("c.md", "2024-02-03", "Rents in Lisbon rose to €1,320 in 2023. Rents in Porto were €890 in 2023."),
            ("d.md", "2024-02-04", "Skyline Air carried 31 million passengers in 2023. Aerowest Airlines carried 24 million passengers in 2023."),
            ("e.md", "2024-02-05", "Spending per head on health was about $4,750 in 2023. Health spending was $31bn in 2023. Nurses earned £690 a week in 2023, or £35,900 in 2023."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn a_time_belongs_to_the_figure_nearest_it() {
        let f = check_texts(&[
            (
                "b.md",
                "2024-03-01",
                "Cod landings fell to 42,000 tonnes last year from 55,000 tonnes in 2022.",
            ),
            (
                "c.md",
                "2024-03-02",
                "Cod landings were 42,000 tonnes in 2023.",
            ),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    #[test]
    fn later_higher_death_toll_is_a_revision() {
        let f = check_texts(&[
            (
                "a.md",
                "2024-10-02",
                "At least 40 people were killed in the floods.",
            ),
            ("b.md", "2024-10-04", "The floods killed 65 people."),
        ]);
        assert!(f.iter().all(|f| f.code != "FC201"), "{f:#?}");
    }

    /// The later report revises the earlier one, even where it is the
    /// figure the earlier one is flagged against (the first file's, on a
    /// tie).
    #[test]
    fn the_later_report_is_the_one_that_revises() {
        let f = check_texts(&[
            (
                "a.md",
                "2023-08-13",
                "By Saturday the fire had killed 93 people, officials said.",
            ),
            (
                "b.md",
                "2023-08-12",
                "The fire has killed 67 people, officials said.",
            ),
        ]);
        let revision = f.iter().find(|f| f.code == "FC205").expect("an FC205");
        assert!(
            revision.message.contains(": 93 (a.md) revises 67 (b.md)"),
            "{}",
            revision.message
        );
    }

    /// Two reports of one day: a tally said to have climbed to a higher
    /// value is an update, one with no such words a disagreement.
    #[test]
    fn a_tally_that_climbed_the_same_day_revises_one_that_did_not_disagrees() {
        let run = |later: &str| {
            let f = check_texts(&[
                (
                    "a.md",
                    "2023-02-06",
                    "By mid-morning 912 people had been killed, officials said.",
                ),
                ("b.md", "2023-02-06", later),
            ]);
            f.iter()
                .filter(|f| matches!(f.code, "FC201" | "FC205"))
                .map(|f| format!("{} {}", f.code, f.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            run("The number of people killed had climbed to 1,121, officials said."),
            vec!["FC205 deaths for 2023-02-06: 1,121 (b.md) revises 912 (a.md)"]
        );
        assert_eq!(
            run("The quake killed 1,121 people, officials said."),
            vec!["FC201 deaths for 2023-02-06: 1,121 (b.md) conflicts with 912 (a.md)"]
        );
    }

    /// Aftershocks are counted as they come: each count is as of its
    /// report's day, so the next day's higher count contradicts nothing
    /// (read as a plain undated count it was an FC201).
    #[test]
    fn aftershocks_are_a_running_tally() {
        let f = check_texts(&[
            (
                "a.md",
                "2023-02-06",
                "AFAD said 78 aftershocks had followed the quake.",
            ),
            (
                "b.md",
                "2023-02-07",
                "At least 100 aftershocks have struck the region.",
            ),
        ]);
        let codes: Vec<&str> = f
            .iter()
            .filter(|f| f.severity != crate::findings::Severity::Info)
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, Vec::<&str>::new(), "{f:#?}");
    }
    /// A period's figure said to stand so "now" in a later report updates
    /// the earlier one (FC205); "now" elsewhere in the sentence does not.
    #[test]
    fn a_figure_that_stands_now_revises() {
        let run = |c: &str| {
            check_texts(&[
                (
                    "a.md",
                    "2025-07-30",
                    "Shipments in the first half totalled 608.9 million, the firm said.",
                ),
                ("c.md", "2025-08-04", c),
            ])
            .iter()
            .filter(|f| f.severity != crate::findings::Severity::Info)
            .map(|f| f.code)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            run("First-half shipments now total 610.6 million, the firm said."),
            ["FC205"]
        );
        assert_eq!(
            run("Shipments totalled 610.6 million in the first half, said the firm, now the market leader."),
            ["FC201"]
        );
    }
}
