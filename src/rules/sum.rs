//! FC304 sum-mismatch: parts that do not add up to the total stated.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::arith::{stated_holds, Range};
use super::{Context, RuleInfo, Run};
use crate::claim::{Kind, Measure, Period, Role};
use crate::findings::{Finding, Severity};
use crate::source::{ceil_char_boundary, floor_char_boundary, SENTENCE_SIDE};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC304",
    run: Run::Claims(check),
    name: "sum-mismatch",
    severity: Severity::Error,
    summary: "parts that do not add up to the total stated with them",
    doc: r#"## What it does
Adds up parts and compares them with their total, within one file:
- totals the rules define as sums (`[[sum]]` in `rules/`: trade = exports +
  imports) for the same period and unit;
- in one sentence, figures followed by "a total of", "totalling",
  "combined", "in all" or "altogether";
- a total followed by "made up of", "comprises", "split into" and its
  parts ("the €68m fee is made up of €55m plus up to €10m in add-ons"; a
  part written "up to" is anything from nothing to it);
- a total broken down after a colon, in its own sentence ("killed 87
  people: 52 in the north, ...") or named again in the next ("an £860m
  programme. The programme is split across three areas: £410m ...");
- a total fronted with "Of the" and a list of three or more parts, the
  last after "and", that covers at least three quarters of it, with no
  word of a rest ("others", "the remainder", "including"): "Of the $1.55bn
  overrun, $460m came from inflation, $480m from design changes, $310m
  from delays and $120m from the baggage system" ($1.37bn);
- parts in one sentence and their total in the next, which opens with
  "Together", "Altogether", "Combined", "In all" or "In total" ("...
  and policing at 0.68 billion. Together these headings make up the 4.82
  billion crown total");
- a sentence that says how many parts there are and gives that many
  ("Lake Orrin, the largest of the three reservoirs, held 41.2 million
  cubic metres, while Hallow Dam held 28.7 million and Greystone 25.6
  million"), against the total a few sentences before in a sentence that
  names the same noun ("Reservoirs in the region held 89.5 million cubic
  metres"; of several there, the one after the parts' verb).
Every rounding of the parts is honoured.

## Why is this bad?
Readers add up. A total that does not match its parts is wrong somewhere.

## Example
```text
Exports of $48bn and imports of $59bn took total trade to $100bn.   ($107bn)
```
Use instead:
```text
Exports of $48bn and imports of $59bn took total trade to $108bn.
```
"#,
};

const TOTAL_WORDS: &[&str] = &[
    "total",
    "totalling",
    "totaling",
    "totalled",
    "combined",
    "altogether",
    "all",
];

/// Words after a total that open its parts: "the €68m fee is made up of
/// an initial €55m plus up to €10m in add-ons".
const COMPOSITION_WORDS: &[&str] = &[
    "made up of",
    "comprised",
    "comprises",
    "comprising",
    "consists of",
    "consisting of",
    "split into",
    "split between",
    "split among",
    "splits into",
    "divided into",
    "divided between",
    "divided among",
    "broken down into",
    "breaks down into",
    "break down into",
];

/// A part's range; a part written "up to X" is anything from nothing to X.
fn part_range(c: &crate::claim::Claim) -> Option<Range> {
    use crate::claim::Qualifier;
    match (c.qualifier, c.interval.low, c.interval.high) {
        (Some(Qualifier::UpTo | Qualifier::LessThan), None, Some(hi))
            if hi.value.is_sign_positive() =>
        {
            Some(Range {
                lo: 0.into(),
                hi: hi.value,
            })
        }
        _ => counted_range(c),
    }
}

/// A part's range: a small whole count written in digits ("34" seats, "4"
/// independents) is that many things exactly, so parts that add up to one
/// more than their total do not hide in the rounding of each part; other
/// figures are their interval.
fn counted_range(c: &crate::claim::Claim) -> Option<Range> {
    let whole = c.kind == Kind::Count
        && c.qualifier.is_none()
        && c.value.fract().is_zero()
        && c.value < rust_decimal::Decimal::ONE_THOUSAND
        && c.text.bytes().all(|b| b.is_ascii_digit());
    if whole {
        return Some(Range {
            lo: c.value,
            hi: c.value,
        });
    }
    Range::of(c)
}

/// "The €68m fee is made up of an initial €55m plus up to €10m": a total,
/// then a composition word, then its parts, in one sentence.
fn composed_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        for (k, &t) in members.iter().enumerate() {
            let tc = cx.claim(t);
            if !matches!(tc.kind, Kind::Money | Kind::Count) || tc.role != Role::Actual {
                continue;
            }
            let Some(&first) = members.get(k + 1) else {
                continue;
            };
            let between = cx.between(t, first);
            if between.len() > 48 || !COMPOSITION_WORDS.iter().any(|w| between.contains(w)) {
                continue;
            }
            let parts: Vec<usize> = members[k + 1..]
                .iter()
                .copied()
                .take_while(|&p| cx.claim(p).kind == tc.kind)
                .collect();
            // "The total of 184,300 breaks down into 96,200 SUVs, 61,400
            // saloons and 17,700 vans": a bare count listed by its kinds.
            let kinds = tc.kind == Kind::Count
                && tc.unit.is_none()
                && parts.iter().all(|&p| cx.claim(p).unit.is_some())
                && and_before_last(cx, &parts);
            if parts.len() < 2 || !kinds && parts.iter().any(|&p| cx.claim(p).unit != tc.unit) {
                continue;
            }
            let sum = sum_with(cx, &parts, part_range);
            if let Some(sum) = sum.filter(|s| wrong_sum(cx, t, *s)) {
                out.push(finding(cx, t, &parts, sum));
            }
        }
    }
    out
}

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(defined_sums(cx));
    out.extend(sentence_totals(cx));
    out.extend(split_totals(cx));
    out.extend(composed_totals(cx));
    out.extend(counted_parts(cx));
    out.extend(together_totals(cx));
    out.extend(fronted_totals(cx));
    out.extend(listed_parts(cx));
    // Two readings of one breakdown give one finding.
    let mut seen = BTreeSet::new();
    out.retain(|f| seen.insert(f.claims.clone()));
    out
}

/// Whether `word` (lower case) is written near the claim in its sentence:
/// at most [`SENTENCE_SIDE`] bytes either side, so a long run-on sentence
/// is not searched whole for every figure.
fn names_near(prose: &str, c: &crate::claim::Claim, word: &str) -> bool {
    let from = ceil_char_boundary(
        prose,
        c.span
            .start
            .saturating_sub(SENTENCE_SIDE)
            .max(c.sentence.start),
    );
    let to = floor_char_boundary(prose, (c.span.end + SENTENCE_SIDE).min(c.sentence.end));
    prose[from..to].to_lowercase().contains(word)
}

/// How many sentences back the total of counted parts is looked for.
const COUNTED_TOTAL_SENTENCES_BACK: usize = 3;

/// "Reservoirs serving the region held 89.5 million cubic metres. ... Lake
/// Orrin, the largest of the three reservoirs, held 41.2 million cubic
/// metres, while Hallow Dam held 28.7 million and Greystone 25.6 million":
/// a sentence that names how many parts there are ("the three reservoirs")
/// and gives exactly that many, and a total of theirs a few sentences
/// before, in a sentence that names the same noun.
fn counted_parts(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (&(doc, start), members) in cx.sentences.iter() {
        let prose = &cx.corpus.docs[doc].prose;
        // The count of parts: "the three reservoirs", "all four lines".
        let cue = members.iter().copied().find(|&i| {
            let c = cx.claim(i);
            c.kind == Kind::Count
                && (rust_decimal::Decimal::TWO..=rust_decimal::Decimal::from(6)).contains(&c.value)
                && c.unit.is_some()
                && c.measure.is_some()
                && matches!(cx.word_before(i).as_str(), "the" | "all" | "its" | "their")
        });
        let Some(cue) = cue else { continue };
        let Some(noun) = cx.claim(cue).unit.as_deref() else {
            continue;
        };
        let parts: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| i != cue)
            .filter(|&i| {
                let c = cx.claim(i);
                matches!(c.kind, Kind::Money | Kind::Count)
                    && c.role == Role::Actual
                    && c.qualifier.is_none()
                    && !c.baseline
            })
            .collect();
        let Some(&p0) = parts.first() else { continue };
        let (kind, unit) = (cx.claim(p0).kind, cx.claim(p0).unit.clone());
        let count = cx.claim(cue).value;
        if rust_decimal::Decimal::from(parts.len()) != count
            || unit.is_none()
            || parts
                .iter()
                .any(|&p| cx.claim(p).kind != kind || cx.claim(p).unit != unit)
        {
            continue;
        }
        let largest = parts.iter().map(|&p| cx.claim(p).value).max();
        let noun = noun.to_lowercase();
        let fits = |t: &usize| {
            let c = cx.claim(*t);
            c.kind == kind
                && c.unit == unit
                && c.role == Role::Actual
                && !c.baseline
                && Some(c.value) > largest
                && names_near(prose, c, &noun)
        };
        // The nearest sentence with a candidate; of several there, the one
        // after the parts' own verb ("held 89.5 million", not "a capacity
        // of 172 million"), else none.
        let Some(candidates) = cx
            .sentences
            .range((doc, 0)..(doc, start))
            .rev()
            .take(COUNTED_TOTAL_SENTENCES_BACK)
            .map(|(_, claims)| claims.iter().copied().filter(fits).collect::<Vec<_>>())
            .find(|c| !c.is_empty())
        else {
            continue;
        };
        let verb = cx.word_before(p0);
        let total = match candidates.as_slice() {
            [only] => *only,
            many => match many.iter().find(|&&t| cx.word_before(t) == verb) {
                Some(&t) => t,
                None => continue,
            },
        };
        let Some(sum) = total_of(cx, &parts) else {
            continue;
        };
        if wrong_sum(cx, total, sum) {
            out.push(finding(cx, total, &parts, sum));
        }
    }
    out
}

/// Words that say a whole is divided into the parts that follow; "includes"
/// and "including" list only some of them.
const SPLIT_WORDS: &[&str] = &[
    "split",
    "divided",
    "broken",
    "breaks",
    "comprises",
    "comprising",
    "consists",
    "allocated",
    "shared",
    "spread",
];

/// "An £860m capital programme. ... The programme is split across three
/// areas: £410m ..., £230m ... and £180m ...": a breakdown after a colon
/// whose total is in the sentence before, named again before the colon.
/// Words that open a sentence summing up the one before: "Together these
/// headings make up the 4.82 billion crown total".
const TOGETHER_WORDS: &[&str] = &["together", "altogether", "combined", "in all", "in total"];

/// The parts in one sentence, and the next opening with "Together" (not
/// "Together with") and giving their total: the writer says the list is
/// whole. Parts are the plain figures of the total's kind and unit, and
/// bare figures after one ("1.46 billion crowns ... 1.21 billion"); the
/// total is the next sentence's first figure.
fn together_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (prev, this) in cx.sentences.consecutive() {
        let Some(&total) = cx.sentences.get(this).first() else {
            continue;
        };
        let tc = cx.claim(total);
        let doc = &cx.corpus.docs[this.0];
        let opening = doc
            .prose
            .get(tc.sentence.start..tc.span.start)
            .unwrap_or("")
            .trim_start()
            .to_lowercase();
        let opens = TOGETHER_WORDS.iter().any(|w| {
            opening.strip_prefix(w).is_some_and(|rest| {
                rest.starts_with([' ', ',']) && !rest.trim_start().starts_with("with")
            })
        });
        if !opens || !matches!(tc.kind, Kind::Money | Kind::Count) || tc.role != Role::Actual {
            continue;
        }
        let mut parts: Vec<usize> = Vec::new();
        for &p in cx.sentences.get(prev) {
            let c = cx.claim(p);
            let plain = c.role == Role::Actual && !c.baseline && c.qualifier.is_none();
            let alike = c.kind == tc.kind && c.unit == tc.unit;
            // "1.46 billion crowns, followed by social care at 1.21
            // billion": a bare figure after a part is in the part's unit.
            let bare = c.kind == Kind::Count && c.unit.is_none() && !parts.is_empty();
            if plain && (alike || bare) {
                parts.push(p);
            }
        }
        out.extend(mismatch(cx, total, &parts));
    }
    out
}

fn split_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (prev, this) in cx.sentences.consecutive() {
        let members = cx.sentences.get(this);
        let Some(&first) = members.first() else {
            continue;
        };
        let doc = &cx.corpus.docs[this.0];
        let sentence = &doc.prose[cx.claim(first).sentence.clone()];
        let Some(colon) = sentence.find(':') else {
            continue;
        };
        let lead = sentence[..colon].to_lowercase();
        let lead_words: Vec<&str> = lead
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        if !lead_words.iter().any(|w| SPLIT_WORDS.contains(w))
            || lead_words.iter().any(|w| w.starts_with("includ"))
        {
            continue;
        }
        let sentence_start = cx.claim(first).sentence.start;
        let after_colon = |i: usize| cx.claim(i).span.start > sentence_start + colon;
        // No figure in digits before the colon: the total is not here.
        if members
            .iter()
            .any(|&i| !after_colon(i) && cx.claim(i).text.bytes().any(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let parts: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| after_colon(i))
            .filter(|&i| {
                let c = cx.claim(i);
                matches!(c.kind, Kind::Money | Kind::Count)
                    && c.role == Role::Actual
                    && c.qualifier.is_none()
            })
            .collect();
        let Some(&p0) = parts.first() else { continue };
        let (kind, unit) = (cx.claim(p0).kind, cx.claim(p0).unit.clone());
        if parts.len() < 2
            || parts
                .iter()
                .any(|&p| cx.claim(p).kind != kind || cx.claim(p).unit != unit)
        {
            continue;
        }
        // The total: the one figure of the sentence before (or the one
        // before that: "awarded 1,350 MW ... The average price was ...
        // The capacity was split among four winners: ..."), of the same
        // kind and unit, whose measure's last word is named again ("the
        // programme", "the capacity").
        let totals_in = |members: &[usize]| -> Vec<usize> {
            members
                .iter()
                .copied()
                .filter(|&t| {
                    let c = cx.claim(t);
                    c.kind == kind
                        && c.unit == unit
                        && c.role == Role::Actual
                        && c.measure.as_ref().is_some_and(|m| {
                            m.head
                                .rsplit(' ')
                                .next()
                                .is_some_and(|last| lead_words.contains(&last))
                        })
                })
                .collect()
        };
        let mut totals = totals_in(cx.sentences.get(prev));
        if totals.is_empty() {
            if let Some((_, earlier)) = cx.sentences.range((prev.0, 0)..*prev).next_back() {
                totals = totals_in(earlier);
            }
        }
        let [total] = totals.as_slice() else { continue };
        let Some(sum) = total_of(cx, &parts) else {
            continue;
        };
        if wrong_sum(cx, *total, sum) {
            out.push(finding(cx, *total, &parts, sum));
        }
    }
    out
}

fn finding(cx: &Context, total: usize, parts: &[usize], sum: Range) -> Finding {
    let t = cx.claim(total);
    let names: Vec<&str> = parts.iter().map(|&p| cx.claim(p).text.as_str()).collect();
    let mut claims = vec![total];
    claims.extend(parts);
    Finding {
        message: format!(
            "{} does not equal {}: they add up to {}",
            t.text,
            names.join(" + "),
            sum.describe_amount(t.unit.as_deref().unwrap_or(""))
        ),
        measure: t.measure.as_ref().map(ToString::to_string),
        period: t.period,
        labels: claims
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let role = if k == 0 { "total" } else { "part" };
                format!("{role} {}", cx.claim(i).describe_value())
            })
            .collect(),
        claims,
        help: Some("check each part and the total".into()),
        ..Finding::of(&RULE)
    }
}

/// Document, measure, period and unit of a money figure.
type SumKey = (usize, Arc<Measure>, Option<Period>, Option<Arc<str>>);

/// trade = exports + imports, same file, period and unit.
fn defined_sums(cx: &Context) -> Vec<Finding> {
    let mut by: BTreeMap<SumKey, Vec<usize>> = BTreeMap::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        if c.role == Role::Actual && c.kind == Kind::Money && !c.baseline {
            if let Some(m) = &c.measure {
                by.entry((c.doc, m.clone(), c.period, c.unit.clone()))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut out = Vec::new();
    for rule in cx.lexicon.sums() {
        for ((doc, m, period, unit), totals) in &by {
            if **m != Measure::new(&rule.total) {
                continue;
            }
            let parts: Option<Vec<usize>> = rule
                .parts
                .iter()
                .map(|p| {
                    let found =
                        by.get(&(*doc, Arc::new(Measure::new(p)), *period, unit.clone()))?;
                    // A part stated twice differently is FC201's business.
                    (found.len() == 1).then(|| found[0])
                })
                .collect();
            let Some(parts) = parts else { continue };
            let Some(sum) = total_of(cx, &parts) else {
                continue;
            };
            for &t in totals {
                if wrong_sum(cx, t, sum) {
                    out.push(finding(cx, t, &parts, sum));
                }
            }
        }
    }
    out
}

/// The finding when two or more parts do not add up to the total.
/// A part dated outside its total's period is a figure of another time
/// ("the 18,340 bursts fixed last year, up 8.5% on 2023's total of
/// 16,905"), not a part of it.
fn mismatch(cx: &Context, total: usize, parts: &[usize]) -> Option<Finding> {
    let parts = within_period(cx, total, parts);
    if parts.len() < 2 {
        return None;
    }
    let sum = total_of(cx, &parts)?;
    // Parts that come to less than half their total, or overshoot it by a
    // quarter, were not written as its breakdown: "5,600 MW under contract.
    // The capacity awarded on Thursday was split: 480 MW, 350 MW ...";
    // "Of the 240 passengers, 180 were British, 150 were over 60 ...".
    wrong_sum(cx, total, sum).then(|| finding(cx, total, &parts, sum))
}

/// Whether parts adding up to `sum` are a breakdown of `total` that does
/// not hold. Parts that come to less than half of it, or overshoot it by a
/// quarter, were not written as its breakdown ("5,600 MW under contract.
/// The capacity awarded on Thursday was split: 480 MW, 350 MW ..."; "Of
/// the 240 passengers, 180 were British, 150 were over 60 and 40 were
/// children").
fn wrong_sum(cx: &Context, total: usize, sum: Range) -> bool {
    let tc = cx.claim(total);
    let Some(whole) = Range::of(tc) else {
        return false;
    };
    let half = rust_decimal::Decimal::new(5, 1);
    let over = rust_decimal::Decimal::new(125, 2);
    let plausible = sum.hi >= whole.lo * half && sum.lo <= whole.hi * over;
    plausible && !stated_holds(tc, sum)
}

/// The parts not dated outside the total's period.
fn within_period(cx: &Context, total: usize, parts: &[usize]) -> Vec<usize> {
    let span = |i: usize| cx.claim(i).period.and_then(|p| p.calendar_days());
    match span(total) {
        Some((first, last)) => parts
            .iter()
            .copied()
            .filter(|&p| span(p).is_none_or(|(a, b)| first <= a && b <= last))
            .collect(),
        None => parts.to_vec(),
    }
}

/// The sum of the parts' intervals, or `None` if one is unbounded.
fn total_of(cx: &Context, parts: &[usize]) -> Option<Range> {
    sum_with(cx, parts, counted_range)
}

/// The parts added up, each read as `range` reads it; `None` if one has no
/// range or the sum overflows.
fn sum_with(
    cx: &Context,
    parts: &[usize],
    range: fn(&crate::claim::Claim) -> Option<Range>,
) -> Option<Range> {
    parts.iter().try_fold(
        Range {
            lo: 0.into(),
            hi: 0.into(),
        },
        |acc, &p| range(cx.claim(p)).and_then(|r| acc.checked_add(r)),
    )
}

/// Words with a list of parts that say it is not complete: "$310m from
/// delays, with the rest from ...".
const PARTIAL_WORDS: &[&str] = &[
    "elsewhere",
    "separate",
    "rest",
    "remainder",
    "remaining",
    "other",
    "others",
    "including",
    "among",
    "such",
    "some",
];

/// A complete list covers at least this share of its total: a short one
/// ("Of the 371 survivors, 58 went to clinics, 11 were in a serious
/// condition and 3 ...") names some of the whole, not all of it.
const COMPLETE_SHARE: rust_decimal::Decimal = rust_decimal::Decimal::from_parts(75, 0, 0, false, 2);

/// "Of the $1.55 billion overrun, $460 million came from inflation, $480
/// million from design changes, $310 million from delays and $120 million
/// from the baggage system": a total that opens its sentence after "Of the"
/// and three or more parts of its kind and unit, the last after "and", are
/// a complete breakdown when nothing says there is a rest and the parts
/// cover most of it. Two parts, or parts that may overlap, are left alone.
fn fronted_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        let Some((&t, later)) = members.split_first() else {
            continue;
        };
        let tc = cx.claim(t);
        if !matches!(tc.kind, Kind::Money | Kind::Count) || tc.role != Role::Actual || tc.baseline {
            continue;
        }
        let prose = &cx.corpus.docs[tc.doc].prose;
        let Some(opening) = prose.get(tc.sentence.start..tc.span.start) else {
            continue;
        };
        let opening = opening.to_lowercase();
        // "Of the 80 seats, ...", "Of the assembly's 80 seats, ...".
        let fronted = matches!(
            opening.split_whitespace().collect::<Vec<_>>().as_slice(),
            ["of", "the" | "its" | "their" | "this" | "that" | "these", rest @ ..]
                if rest.len() <= 2
        );
        if !fronted {
            continue;
        }
        let parts: Vec<usize> = later
            .iter()
            .copied()
            .filter(|&p| {
                let pc = cx.claim(p);
                let unit_fits = pc.unit == tc.unit || tc.kind == Kind::Count && pc.unit.is_none();
                pc.kind == tc.kind
                    && unit_fits
                    && pc.role == Role::Actual
                    && pc.qualifier.is_none()
                    && !pc.baseline
            })
            .collect();
        // As every other breakdown: a part of another time is no part.
        let parts = within_period(cx, t, &parts);
        let Some(total) = Range::of(tc) else {
            continue;
        };
        let Some(sum) = total_of(cx, &parts) else {
            continue;
        };
        let after = prose
            .get(tc.span.end..tc.sentence.end)
            .unwrap_or_default()
            .to_lowercase();
        let partial = any_word(&after, |w| PARTIAL_WORDS.contains(&w));
        let and_last = parts.len() >= 3 && and_before_last(cx, &parts);
        let complete = and_last && !partial && sum.hi >= total.lo * COMPLETE_SHARE;
        if complete && wrong_sum(cx, t, sum) {
            out.push(finding(cx, t, &parts, sum));
        }
    }
    out
}

/// Whether "and" stands before the last of a list of parts ("A, B and
/// C"), which then ends there.
fn and_before_last(cx: &Context, parts: &[usize]) -> bool {
    let [.., before, last] = parts else {
        return false;
    };
    any_word(&cx.between(*before, *last), |w| w == "and")
}

/// Whether any word of `text` meets `pred`.
fn any_word(text: &str, pred: impl Fn(&str) -> bool) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(pred)
}

/// Words in a list after its total that say it names only some of the
/// whole: "its three largest districts", "the main regions".
const SOME_WORDS: &[&str] = &[
    "largest", "biggest", "main", "top", "major", "leading", "busiest",
];

/// A list right after its total must cover at least this share of it: the
/// sentence does not say the list is whole, so only a near miss (or an
/// excess) is taken for a wrong part rather than a part left out ("a
/// budget of $5.0bn. Schools get $2.1bn, police $1.4bn and roads $1.2bn"
/// may leave out the rest).
const LISTED_SHARE: rust_decimal::Decimal = rust_decimal::Decimal::from_parts(95, 0, 0, false, 2);

/// "Greenvale collected 1.92 billion litres of milk last year. Its
/// northern region supplied 780 million litres, the central region 690
/// million and the southern region 370 million": a sentence that is a list
/// of three or more figures of one kind and unit, the last after "and",
/// right after a sentence of the same paragraph whose one figure of that
/// kind and unit is their total. Nothing may say the list is partial, the
/// parts may not each name a time of their own (a series, not a split),
/// and they must come within a tenth of the total or exceed it.
fn listed_parts(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (prev, this) in cx.sentences.consecutive() {
        let members = cx.sentences.get(this);
        let figures: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| matches!(cx.claim(i).kind, Kind::Money | Kind::Count))
            .collect();
        let Some(&p0) = figures.first() else { continue };
        let (kind, unit) = (cx.claim(p0).kind, cx.claim(p0).unit.clone());
        if unit.is_none() || figures.len() < 3 {
            continue;
        }
        let part = |i: usize| {
            let c = cx.claim(i);
            c.kind == kind
                && (c.unit == unit || c.unit.is_none())
                && c.role == Role::Actual
                && c.qualifier.is_none()
                && !c.baseline
        };
        if !figures.iter().all(|&i| part(i)) {
            continue;
        }
        let parts = figures;
        let and_last = and_before_last(cx, &parts);
        let periods: BTreeSet<_> = parts.iter().map(|&p| cx.claim(p).period).collect();
        let a_series = periods.len() > 1;
        let doc = &cx.corpus.docs[this.0];
        let sentence = &doc.prose[cx.claim(p0).sentence.clone()];
        let partial = any_word(&sentence.to_lowercase(), |w| {
            PARTIAL_WORDS.contains(&w) || SOME_WORDS.contains(&w)
        });
        if !and_last || a_series || partial {
            continue;
        }
        let totals: Vec<usize> = cx
            .sentences
            .get(prev)
            .iter()
            .copied()
            .filter(|&t| {
                let c = cx.claim(t);
                c.kind == kind && c.unit == unit
            })
            .collect();
        let [total] = totals.as_slice() else { continue };
        let tc = cx.claim(*total);
        let adjacent = doc
            .prose
            .get(tc.sentence.end..cx.claim(p0).sentence.start)
            .is_some_and(|gap| gap.trim().is_empty() && !gap.contains('\n'));
        // Parts the lexicon names as another measure are no parts of it:
        // "revenue of $1.92bn. It spent $780m on wages, ..." is spending.
        let named = |i: usize| cx.lexicon_measure(cx.claim(i)).map(|m| m.head.as_str());
        let other_measure = parts
            .iter()
            .any(|&p| named(p).is_some_and(|m| Some(m) != named(*total)));
        // Parts whose measure was lent by the sentence before ("It paid
        // $500m in dividends, ...") say nothing of being its parts.
        let lent = parts.iter().any(|&p| {
            cx.claim(p)
                .evidence
                .measure
                .as_ref()
                .is_some_and(|r| r.source == crate::claim::Source::Anaphor)
        });
        if !adjacent || tc.role != Role::Actual || tc.baseline || other_measure || lent {
            continue;
        }
        let (Some(whole), Some(sum)) = (Range::of(tc), total_of(cx, &parts)) else {
            continue;
        };
        // Even read at their lowest, the parts come near the total read at
        // its highest; and they do not overshoot it by more than a quarter
        // ("the 41 seats required for a majority. Of the 80 seats, ..."
        // lists no parts of 41).
        let near = sum.lo >= whole.hi * LISTED_SHARE;
        let overshoots = sum.lo > whole.hi * rust_decimal::Decimal::new(125, 2);
        if near && !overshoots {
            out.extend(mismatch(cx, *total, &parts));
        }
    }
    out
}

/// "... $48bn and ... $59bn, a total of $108bn" inside one sentence.
fn sentence_totals(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        for (k, &t) in members.iter().enumerate() {
            let tc = cx.claim(t);
            if tc.kind != Kind::Money && tc.kind != Kind::Count || tc.role != Role::Actual {
                continue;
            }
            // "killed 87 people: 52 in the north, 23 in the capital and 9 ...":
            // a total broken down after a colon.
            // The total is written in digits, and the parts follow a colon,
            // perhaps after a count in words ("48,000 hectares across three
            // provinces: 21,000 hectares in Alta, ..."); the parts count
            // what the total counts ("hit two ports: 1,200 workers" is no
            // breakdown).
            let first_part = members[k + 1..].iter().position(|&n| {
                let between = cx.between(t, n);
                between.contains(':') && between.len() <= 48 && !between.contains("including")
            });
            let skipped_words_only = first_part.is_some_and(|p| {
                members[k + 1..k + 1 + p]
                    .iter()
                    .all(|&n| !cx.claim(n).text.bytes().any(|b| b.is_ascii_digit()))
            });
            let start = k + 1 + first_part.unwrap_or(0);
            let breakdown = tc.text.bytes().any(|b| b.is_ascii_digit())
                && first_part.is_some()
                && skipped_words_only
                && members
                    .get(start)
                    .is_some_and(|&n| cx.claim(n).unit.is_none() || cx.claim(n).unit == tc.unit);
            if breakdown {
                let parts: Vec<usize> = members[start..]
                    .iter()
                    .copied()
                    .filter(|&p| {
                        let pc = cx.claim(p);
                        pc.kind == tc.kind && pc.role == Role::Actual && pc.qualifier.is_none()
                    })
                    .collect();
                out.extend(mismatch(cx, t, &parts));
                continue;
            }
            // "a total of", "totalling": in the total's own clause ("21%
            // of the total, while children under 15 ..." names no total).
            let lead = cx.clause_words_before(t, 3);
            if !lead.split(' ').any(|w| TOTAL_WORDS.contains(&w)) || lead.ends_with("of all") {
                continue;
            }
            // "worth $33.8bn, or 23.9% of its total reserves of $141.2bn":
            // the whole of a share, not a sum.
            let share_whole = k.checked_sub(1).is_some_and(|b| {
                cx.claim(members[b]).kind == Kind::Percent
                    && cx.between(members[b], t).trim_start().starts_with("of ")
            });
            if share_whole {
                continue;
            }
            let mut parts: Vec<usize> = members[..k]
                .iter()
                .copied()
                .filter(|&p| {
                    let pc = cx.claim(p);
                    // Counts of different things may add up to a total
                    // ("cars and vans, a total of ... vehicles").
                    let same_unit = pc.unit == tc.unit || tc.kind == Kind::Count;
                    // "$3,300 an ounce" is a price, no part of an amount.
                    let rate = pc.measure.as_ref().is_some_and(|m| m.per.is_some());
                    pc.kind == tc.kind
                        && same_unit
                        && pc.role == Role::Actual
                        && !pc.baseline
                        && !rate
                })
                .collect();
            // "paid 2,480 of the 3,120 claims": a part of a stated whole and
            // that whole are a share, neither of them a part of the total.
            let subsets: Vec<usize> = parts
                .iter()
                .copied()
                .filter(|&p| cx.claim(p).measure.as_ref().is_some_and(|m| m.of.is_some()))
                .collect();
            for p in subsets {
                let next = members
                    .iter()
                    .position(|&n| n == p)
                    .and_then(|at| members.get(at + 1));
                parts.retain(|&q| q != p && Some(&q) != next);
            }
            // ... but where some count the total's own noun ("220 rooms ...
            // a combined 140 rooms"), a count of another noun ("95 million
            // merks") is not among them.
            if tc.unit.is_some() && parts.iter().any(|&p| cx.claim(p).unit == tc.unit) {
                parts.retain(|&p| cx.claim(p).unit.is_none() || cx.claim(p).unit == tc.unit);
            }
            // A total that counts no noun of its own adds up parts of one
            // noun: "42 gates and room for 18 million passengers, lifting
            // total capacity to 44 million" adds nothing.
            let nouns: BTreeSet<&str> = parts
                .iter()
                .filter_map(|&p| cx.claim(p).unit.as_deref())
                .collect();
            if tc.unit.is_none() && nouns.len() > 1 {
                continue;
            }
            out.extend(mismatch(cx, t, &parts));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn count(text: &str) -> usize {
        check_texts(&[("a.md", "2024-02-01", text)])
            .iter()
            .filter(|f| f.code == "FC304")
            .count()
    }

    /// "Of the X raised, A came from ..., B from ... and C from ...", "the
    /// total of X breaks down into A SUVs, B saloons and C vans", and a
    /// split two sentences after its total.
    #[test]
    fn breakdowns_however_worded() {
        assert_eq!(
            count(
                "Of the 6.4 million thalers raised, 3.1 million came from individual donors, \
                 1.6 million from businesses and 0.9 million from a matching pledge."
            ),
            1
        );
        assert_eq!(
            count(
                "The total of 184,300 breaks down into 96,200 SUVs, 61,400 saloons and 17,700 \
                 vans."
            ),
            1
        );
        assert_eq!(
            count(
                "The total of 175,300 breaks down into 96,200 SUVs, 61,400 saloons and 17,700 \
                 vans."
            ),
            0
        );
        let split = |total: &str| {
            format!(
                "The ministry awarded contracts for {total} megawatts of solar capacity. The \
                 average price fell. The capacity was split among four winners: Halden Solar \
                 won 480 MW, Sunmere Energy 350 MW, Verant Power 300 MW and Oakhill Renewables \
                 120 MW."
            )
        };
        assert_eq!(count(&split("1,350")), 1);
        assert_eq!(count(&split("1,250")), 0);
    }

    /// A price per unit is no part of an amount, and "P% of its total
    /// reserves of X" names the whole of a share, not a sum.
    #[test]
    fn a_price_and_a_shares_whole_are_no_sum() {
        assert_eq!(
            count(
                "At the end-June price of about $3,300 an ounce, the bank's gold is worth about \
                 $33.8 billion, or 23.9% of its total reserves of $141.2 billion."
            ),
            0
        );
    }

    /// Parts far short of their total, or well over it, were not written
    /// as its breakdown; "with smaller numbers elsewhere" leaves a rest.
    #[test]
    fn implausible_or_partial_breakdowns_are_left_alone() {
        assert_eq!(
            count(
                "Of the 240 passengers on board, 180 were British, 150 were over 60 and 40 were \
                 children, the operator said."
            ),
            0
        );
        assert_eq!(
            count(
                "The country now has 5,600 MW of offshore wind capacity under contract. The \
                 capacity awarded on Thursday was split among four winners: Arlen won 480 MW, \
                 Bexco 350 MW, Corra 210 MW and Dunmore 90 MW."
            ),
            0
        );
        assert_eq!(
            count(
                "Brennick will cut 1,800 jobs. Of the 1,800, 900 are in Britain, 450 in Germany \
                 and 300 in France, with smaller numbers elsewhere in Europe."
            ),
            0
        );
    }

    /// "2,480 of the 3,120 claims" are a share, not parts of the money
    /// disbursed; a list of money parts still adds up to its total.
    #[test]
    fn a_share_is_no_part_of_a_total() {
        assert_eq!(
            count(
                "The fund has paid 2,480 of the 3,120 household claims and disbursed a total \
                 of 24.3 million thalers."
            ),
            0
        );
        assert_eq!(
            count(
                "The fund paid 4 million thalers to farms and 6 million thalers to shops, a \
                 total of 12 million thalers."
            ),
            1
        );
    }

    /// Parts in one sentence, "Together ..." and their total in the next;
    /// "Together with" adds something else.
    #[test]
    fn together_in_the_next_sentence_totals_the_parts() {
        let text = |total: &str, opening: &str| {
            format!(
                "Education is the largest item at 1.46 billion crowns, followed by social care \
                 at 1.21 billion and transport at 0.93 billion. {opening} the {total} billion \
                 crown budget was approved on Monday."
            )
        };
        assert_eq!(count(&text("3.70", "Together these headings make up")), 1);
        assert_eq!(count(&text("3.60", "Together these headings make up")), 0);
        assert_eq!(count(&text("3.70", "Together with reserves,")), 0);
    }

    /// A count of another noun is not a part of a total whose noun other
    /// parts count; without it, the rooms still must add up.
    #[test]
    fn parts_count_the_totals_noun_when_some_do() {
        let text = |combined: u32| {
            format!(
                "The resort, due to open with 220 rooms, will cost 95 million merks, and two \
                 hotels are adding 80 rooms, a combined {combined} rooms."
            )
        };
        assert_eq!(count(&text(300)), 0);
        assert_eq!(count(&text(310)), 1);
    }

    /// A part dated outside its total's period, or parts counting
    /// different nouns against a total that counts none, add nothing.
    #[test]
    fn parts_of_another_time_or_of_mixed_nouns_are_no_parts() {
        let dated = "The crews fixed 12,000 bursts in the north and 6,340 in the south in \
                     2024, an 8.5% increase on 2023's total of 16,905 bursts.";
        assert_eq!(count(dated), 0);
        let mixed = "The terminal will have 42 gates and room for 18 million passengers a year, \
                     lifting the airport's total capacity to 44 million.";
        assert_eq!(count(mixed), 0);
        let same = "The airport handled 18 million passengers at the old hall and 22 million at \
                    the new one, a total of 44 million.";
        assert_eq!(count(same), 1);
    }

    /// A list of three parts in the sentence right after its total: a
    /// near miss or an excess is an error; a list that says it is partial,
    /// covers little of the total, or is a series of periods is none.
    #[test]
    fn a_list_right_after_its_total() {
        let text = |total: &str, list: &str| {
            format!("The cooperative collected {total} billion litres of milk last year. {list}")
        };
        let regions = "Its northern region supplied 780 million litres, the central region 690 \
                       million and the southern region 370 million.";
        assert_eq!(count(&text("1.92", regions)), 1);
        assert_eq!(count(&text("1.84", regions)), 0);
        assert_eq!(count(&text("1.78", regions)), 1);
        // 1.84 of 2.40 billion: parts left out, not a wrong part.
        assert_eq!(count(&text("2.40", regions)), 0);
        let largest = "Its largest regions supplied 780 million litres, 690 million and 370 \
                       million.";
        assert_eq!(count(&text("1.92", largest)), 0);
        let series = "It collected 480 million litres in the first quarter, 470 million in the \
                      second quarter and 460 million in the third quarter.";
        assert_eq!(count(&text("1.92", series)), 0);
        // Uses of a total, or parts that may leave a rest out, are no split.
        assert_eq!(
            count(
                "Velto made a profit of $1.2 billion last year. It paid $500 million in \
                 dividends, $400 million in share buybacks and $450 million to cut its debt."
            ),
            0
        );
        assert_eq!(
            count(
                "The city's budget for next year is $5.0 billion. Schools get $2.1 billion, \
                 police $1.4 billion and roads $1.2 billion."
            ),
            0
        );
    }

    /// A total fronted with "Of the" and a complete list of parts; a list
    /// that leaves a rest, or covers little of the total, is partial.
    #[test]
    fn a_fronted_total_and_its_listed_parts() {
        let text = |last: u32, tail: &str| {
            format!(
                "Of the $1.55 billion overrun, $460 million came from inflation, $480 million \
                 from design changes, $310 million from delay claims and ${last} million from \
                 the baggage system{tail}."
            )
        };
        assert_eq!(count(&text(120, "")), 1);
        assert_eq!(count(&text(300, "")), 0);
        assert_eq!(count(&text(120, ", with the rest from fees")), 0);
        let some = "Of the 371 survivors, 58 were taken to clinics, 11 were in a serious \
                    condition and 3 were flown to the capital.";
        assert_eq!(count(some), 0);
        // A part of another year is no part: what is left covers too little
        // of the total to be its whole list.
        let other_year = "Of the $1.55 billion overrun in 2024, $460 million came from \
                          inflation, $480 million from design changes, $310 million from delay \
                          claims in 2023 and $120 million from the baggage system.";
        assert_eq!(count(other_year), 0);
        assert_eq!(count(&other_year.replace(" in 2023", "")), 1);
    }

    /// Seats listed by party: small whole counts are exact, so one seat
    /// too many is no rounding; the total may be someone's ("the
    /// assembly's"); and a list that overshoots the total of the sentence
    /// before by far is no breakdown of it.
    #[test]
    fn seats_listed_by_party() {
        let text = |last: u32| {
            format!(
                "The Civic Union needs 41 seats for a majority. Of the assembly's 80 seats, \
                 final figures give the Civic Union 34, the Labour Front 22, the Greens 11, the \
                 Rural Party 10 and independents {last}."
            )
        };
        assert_eq!(count(&text(3)), 0);
        assert_eq!(count(&text(4)), 1);
    }

    /// "the three reservoirs" and three parts: their total is the figure
    /// of the earlier sentence naming reservoirs, after the parts' verb.
    #[test]
    fn counted_parts_add_up_to_the_total_before() {
        let text = "Reservoirs in the region held 89.5 million cubic metres on Monday, or 52% \
                    of their capacity of 172 million cubic metres.\n\n\
                    Lake Orrin, the largest of the three reservoirs, held 41.2 million cubic \
                    metres, while Hallow Dam held 28.7 million and Greystone reservoir 25.6 million.";
        // 41.2 + 28.7 + 25.6 is 95.5, not 89.5.
        assert_eq!(count(text), 1);
        assert_eq!(count(&text.replace("25.6", "19.6")), 0);
        // Two parts listed for "the three reservoirs": not all of them.
        assert_eq!(
            count(&text.replace(" and Greystone reservoir 25.6 million", "")),
            0
        );
    }

    #[test]
    fn a_total_made_up_of_parts() {
        // 40 + up to 8 is at most 48, not 52.
        assert_eq!(
            count("The 52 million euro fee is made up of 40 million euros up front plus up to 8 million euros in bonuses."),
            1
        );
        assert_eq!(
            count("The 48 million euro fee is made up of 40 million euros up front plus up to 8 million euros in bonuses."),
            0
        );
    }

    /// "of the total," in an earlier clause names no total for the figure
    /// after it.
    #[test]
    fn a_total_word_in_another_clause_is_not_a_total() {
        assert_eq!(
            count("Those aged 65 and over numbered 231,000, or 21% of the total, while children under 15 numbered 205,000."),
            0
        );
    }

    #[test]
    fn parts_against_defined_total() {
        assert_eq!(
            count(
                "Exports were $48bn in 2023. Imports were $59bn in 2023. Trade was $100bn in 2023."
            ),
            1
        );
        assert_eq!(
            count(
                "Exports were $48bn in 2023. Imports were $59bn in 2023. Trade was $108bn in 2023."
            ),
            0
        );
    }

    #[test]
    fn breakdown_after_a_colon() {
        let text =
            "The floods killed 87 people: 52 in the north, 23 in the capital and 9 on the coast.";
        assert_eq!(count(text), 1);
        let text =
            "The floods killed 84 people: 52 in the north, 23 in the capital and 9 on the coast.";
        assert_eq!(count(text), 0);
    }

    #[test]
    fn breakdown_needs_a_total_of_the_same_thing() {
        let text = "The strike hit two ports: 1,200 workers walked out in Alta and 900 in Bresca.";
        assert_eq!(count(text), 0);
        let text = "Fires burned 48,000 hectares across three provinces: 21,000 hectares in Alta, 15,000 in Bresca and 9,000 in Corvo.";
        assert_eq!(count(text), 1);
    }

    #[test]
    fn total_split_in_the_next_sentence() {
        let text = |a: &str| {
            format!(
                "The council approved an £860m capital programme. The whole programme is split \
                 across three areas: {a} for schools, £230m for road repairs and £180m for housing."
            )
        };
        assert_eq!(count(&text("£410m")), 1);
        assert_eq!(count(&text("£450m")), 0);
        // "including" lists only some parts.
        let partial = "The council approved an £860m capital programme. The programme is spread \
                       over projects including: £410m for schools and £230m for roads.";
        assert_eq!(count(partial), 0);
    }

    #[test]
    fn sentence_total() {
        assert_eq!(
            count("The firm sold 1,200 cars and 800 vans, a total of 2,100 vehicles."),
            1
        );
        assert_eq!(
            count("The firm sold 1,200 cars and 800 vans, a total of 2,000 vehicles."),
            0
        );
    }

    #[test]
    fn rounding_edge_does_not_fire() {
        // 48 + 59 = 107; each part ±0.5bn, so 107.9bn is still a rounding.
        assert_eq!(count("Exports were $48bn in 2023. Imports were $59bn in 2023. Trade was $107.9bn in 2023."), 0);
    }
}
