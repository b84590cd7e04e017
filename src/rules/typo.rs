//! FC210 likely-typo: two reports of one story give a figure whose digits
//! differ only by a swapped pair ("148,300" and "184,300") or by a factor
//! of a thousand ("38 million" and "38 billion").
//!
//! FC201 needs both figures read as one measure; outlets that word a fact
//! differently ("recalling 148,300 vehicles", "184,300 cars and vans are
//! being called back") leave the reading two measures. But two figures of
//! three or more significant digits that are each other's transposition do
//! not meet by chance in sentences about the same thing: one of them is
//! most likely a slip of the keyboard, as "million" for "billion" is.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::{Context, RuleInfo, Run};
use crate::claim::{Claim, Kind, Qualifier, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC210",
    run: Run::After(check),
    name: "likely-typo",
    severity: Severity::Error,
    summary: "figures in two reports of one story that differ only by swapped digits or by a factor of 1,000",
    doc: r#"## What it does
Flags two figures of the same kind and unit in different files published
within a week of each other whose significant digits differ only by two
neighbouring digits swapped ("148,300" and "184,300", "61.4%" and
"64.1%"; three or more significant digits) or that are the same digits a
thousand times apart ("38 million" and "38 billion"), when:

- their sentences share at least three content words, and a name is
  common to the sentences or to the articles' openings (the same story);
- nothing in the reading tells them apart: not two owners, two periods,
  a change and a level, or two measures the lexicon names differently;
- neither file gives both values (then they are two figures).

The measures may be worded differently: that is what this rule is for.

## Why is this bad?
A swapped pair of digits or a "million" for a "billion" is the commonest
slip in copying a figure; the reading alone would miss it whenever the two
outlets name the quantity in their own words.

## Example
```text
a.md: Velto Motors is recalling 148,300 vehicles because brake hoses may crack.
b.md: Some 184,300 cars and vans built by Velto Motors are being called back
      to have their brake hoses replaced.
```
"#,
};

/// Files further apart than this are not taken to report one story.
const WINDOW_DAYS: i64 = 7;

/// Content words two sentences must share to be about one thing.
const SHARED_WORDS: usize = 3;

/// Words too common in reporting to tie two sentences to one story.
const COMMON: &[&str] = &[
    "said",
    "says",
    "that",
    "this",
    "with",
    "from",
    "have",
    "were",
    "which",
    "their",
    "there",
    "after",
    "about",
    "according",
    "would",
    "will",
    "than",
    "more",
    "also",
    "been",
    "into",
    "over",
    "last",
    "year",
    "years",
    "week",
    "month",
    "billion",
    "million",
    "thousand",
    "percent",
    "cent",
    "per",
    "some",
    "other",
    "while",
    "when",
    "where",
    "they",
    "them",
    "its",
    "the",
    "and",
    "for",
    "company",
    "official",
    "officials",
    "on",
    "in",
    "of",
];

/// How two values are related, if one looks like a slip for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    Swapped,
    Thousandfold,
}

/// A figure's significant digits, as written ("148,300" is 1483, "about
/// $1.48bn" is 148); none for a figure in words or a range ("24 and 90").
fn significant(c: &Claim) -> Option<String> {
    let mut groups = c
        .text
        .split(|ch: char| !(ch.is_ascii_digit() || ch == ',' || ch == '.'))
        .filter(|g| g.bytes().any(|b| b.is_ascii_digit()));
    let number = groups.next()?;
    if groups.next().is_some() {
        return None;
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0').trim_end_matches('0');
    (!digits.is_empty()).then(|| digits.to_string())
}

/// The slip that turns one figure's digits into the other's.
fn slip(a: &Claim, b: &Claim) -> Option<Slip> {
    let (da, db) = (significant(a)?, significant(b)?);
    if a.value == b.value || a.value.is_zero() || b.value.is_zero() {
        return None;
    }
    let thousand = Decimal::from(1000);
    if da == db {
        let thousandfold = a.value == b.value * thousand || b.value == a.value * thousand;
        return (da.len() >= 2 && a.kind != Kind::Percent && thousandfold)
            .then_some(Slip::Thousandfold);
    }
    let (x, y) = (da.as_bytes(), db.as_bytes());
    if x.len() < 3 || x.len() != y.len() {
        return None;
    }
    let differ: Vec<usize> = (0..x.len()).filter(|&k| x[k] != y[k]).collect();
    let swapped =
        matches!(differ.as_slice(), [i, j] if *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i]);
    // Of one order: "1.84" and "1.48" billion, not 184 and 1,480.
    let ratio = a.value.checked_div(b.value)?;
    let same_order = ratio > Decimal::new(1, 1) && ratio < Decimal::TEN;
    (swapped && same_order).then_some(Slip::Swapped)
}

/// A figure that may be mistyped: a plain or "about" figure, not a year
/// or a starting level.
fn candidate(c: &Claim) -> bool {
    matches!(c.kind, Kind::Money | Kind::Count | Kind::Percent)
        && matches!(c.qualifier, None | Some(Qualifier::About))
        && !c.baseline
        && !(c.kind == Kind::Count
            && c.text.len() == 4
            && (Decimal::from(1800)..=Decimal::from(2100)).contains(&c.value))
}

/// The bucket a figure's slips stay in: kind, unit of money or of
/// measure, and its significant digits sorted (a swap keeps them).
fn bucket(cx: &Context, c: &Claim) -> Option<(Kind, Option<String>, String)> {
    let mut digits: Vec<u8> = significant(c)?.into_bytes();
    digits.sort_unstable();
    let unit = match c.kind {
        Kind::Count => c
            .unit
            .as_deref()
            .filter(|u| cx.lexicon.physical().is_base(u))
            .map(str::to_string),
        _ => c.unit.as_deref().map(str::to_string),
    };
    Some((c.kind, unit, String::from_utf8(digits).ok()?))
}

/// Whether a count is in a physical unit.
fn in_physical_unit(cx: &Context, c: &Claim) -> bool {
    c.kind == Kind::Count
        && c.unit
            .as_deref()
            .is_some_and(|u| cx.lexicon.physical().is_base(u))
}

/// The content words of a claim's sentence, lower case, and those of them
/// written as names (capitalised past the sentence's first word).
fn content_words(cx: &Context, c: &Claim) -> (BTreeSet<String>, BTreeSet<String>) {
    let prose = &cx.corpus.docs[c.doc].prose;
    words_and_names(prose.get(c.sentence.clone()).unwrap_or_default())
}

/// How much of an article's opening names its story.
const LEAD_BYTES: usize = 1000;

/// The names of an article's opening: who and where the story is about.
fn lead_names(cx: &Context, doc: usize) -> BTreeSet<String> {
    let prose = &cx.corpus.docs[doc].prose;
    let end = crate::source::floor_char_boundary(prose, LEAD_BYTES.min(prose.len()));
    words_and_names(&prose[..end]).1
}

fn words_and_names(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut words = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut sentence_start = true;
    for w in text.split_inclusive(|ch: char| !ch.is_alphanumeric()) {
        let ends_sentence = w.ends_with(['.', '!', '?', '\n']);
        let w = w.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if w.is_empty() {
            sentence_start |= ends_sentence;
            continue;
        }
        let first = std::mem::replace(&mut sentence_start, ends_sentence);
        let lower = w.to_lowercase();
        if w.len() < 4 || w.bytes().any(|b| b.is_ascii_digit()) || COMMON.contains(&lower.as_str())
        {
            continue;
        }
        let name = !first
            && w.starts_with(|ch: char| ch.is_uppercase())
            && crate::extract::date::month_name(w).is_err()
            && crate::extract::date::weekday_name(w).is_err();
        if name {
            names.insert(lower.clone());
        }
        words.insert(lower);
    }
    (words, names)
}

/// Whether nothing in the reading tells the two figures apart.
fn alike(cx: &Context, a: &Claim, b: &Claim) -> bool {
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    let named = |c: &Claim| {
        c.measure
            .as_ref()
            .filter(|m| cx.lexicon.dimension(&m.head).is_some())
            .map(ToString::to_string)
    };
    // A forecast and an outcome a swapped pair of digits apart are one
    // figure mistyped sooner than two figures met by chance; a change and
    // a level are never one.
    (a.role == Role::Change) == (b.role == Role::Change)
        && !differ(a.owner.as_deref(), b.owner.as_deref())
        && !matches!((a.period, b.period), (Some(p), Some(q)) if p != q)
        && !differ(named(a).as_deref(), named(b).as_deref())
        && !a.measure.as_ref().is_some_and(|m| m.part_of_stated)
        && !b.measure.as_ref().is_some_and(|m| m.part_of_stated)
}

/// More pairs of figures than this for two values, and the values are
/// too common in the run for either to be a slip.
const MAX_PAIRS: usize = 256;

pub(crate) fn check(cx: &Context, reported: &[Finding]) -> Vec<Finding> {
    type Bucket = (Kind, Option<String>, String);
    // Figures by bucket, then by value: a slip changes the value but stays
    // in its bucket.
    let mut buckets: BTreeMap<Bucket, BTreeMap<Decimal, Vec<usize>>> = BTreeMap::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        if candidate(c) {
            if let Some(b) = bucket(cx, c) {
                buckets
                    .entry(b)
                    .or_default()
                    .entry(c.value)
                    .or_default()
                    .push(i);
            }
        }
    }
    // The errors each claim is in: a pair an error already reports
    // together is not reported again.
    let mut errors_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, f) in reported.iter().enumerate() {
        if f.severity == Severity::Error {
            for &i in &f.claims {
                errors_of.entry(i).or_default().push(n);
            }
        }
    }
    let flagged = |i: usize, j: usize| {
        let (Some(x), Some(y)) = (errors_of.get(&i), errors_of.get(&j)) else {
            return false;
        };
        x.iter().any(|n| y.contains(n))
    };
    let mut out = Vec::new();
    for values in buckets.values() {
        let values: Vec<(&Decimal, &Vec<usize>)> = values.iter().collect();
        for (k, &(_, xs)) in values.iter().enumerate() {
            for &(_, ys) in &values[k + 1..] {
                if xs.len() * ys.len() > MAX_PAIRS {
                    continue;
                }
                let Some(kind) = slip(cx.claim(xs[0]), cx.claim(ys[0])) else {
                    continue;
                };
                // Physical units convert by thousands (m³ and litres, tonnes
                // and kilograms): only money and plain counts slip so.
                if kind == Slip::Thousandfold && in_physical_unit(cx, cx.claim(xs[0])) {
                    continue;
                }
                // A file that gives both values gives two figures.
                let docs = |v: &[usize]| -> BTreeSet<usize> {
                    v.iter().map(|&i| cx.claim(i).doc).collect()
                };
                if !docs(xs).is_disjoint(&docs(ys)) {
                    continue;
                }
                // One finding per pair of files: a headline repeating a
                // figure adds nothing.
                let mut files_seen = BTreeSet::new();
                for &i in xs {
                    for &j in ys {
                        let (a, b) = (cx.claim(i), cx.claim(j));
                        if files_seen.contains(&(a.doc, b.doc)) || flagged(i, j) {
                            continue;
                        }
                        let near = cx.corpus.docs[a.doc]
                            .published()
                            .zip(cx.corpus.docs[b.doc].published())
                            .is_none_or(|(x, y)| (x - y).num_days().abs() <= WINDOW_DAYS);
                        if !near || !alike(cx, a, b) || cx.outside_focus(&[i, j]) {
                            continue;
                        }
                        let ((words_a, names_a), (words_b, names_b)) =
                            (content_words(cx, a), content_words(cx, b));
                        let shared: Vec<String> = words_a.intersection(&words_b).cloned().collect();
                        // One story: a name in common, in the sentences or
                        // the articles' openings, not only the words every
                        // report of its kind uses.
                        let named = !names_a.is_disjoint(&names_b)
                            || !lead_names(cx, a.doc).is_disjoint(&lead_names(cx, b.doc));
                        if shared.len() >= SHARED_WORDS && named {
                            files_seen.insert((a.doc, b.doc));
                            out.push(finding(cx, i, j, kind, &shared));
                        }
                    }
                }
            }
        }
    }
    out
}

fn finding(cx: &Context, i: usize, j: usize, kind: Slip, shared: &[String]) -> Finding {
    let (a, b) = (cx.claim(i), cx.claim(j));
    let how = match kind {
        Slip::Swapped => "differ only by two swapped digits",
        Slip::Thousandfold => "are the same digits a thousand times apart",
    };
    let words: Vec<&str> = shared.iter().take(5).map(String::as_str).collect();
    Finding {
        message: format!(
            "{} ({}) and {} ({}) {how}: one is most likely a slip for the other",
            a.text,
            cx.path(i),
            b.text,
            cx.path(j)
        ),
        measure: a
            .measure
            .as_ref()
            .or(b.measure.as_ref())
            .map(ToString::to_string),
        period: a.period.or(b.period),
        labels: vec![
            format!("{} here", a.describe_value()),
            format!("{} here", b.describe_value()),
        ],
        claims: vec![i, j],
        help: Some(format!(
            "the sentences share \"{}\" and nothing read tells the figures apart: check both against the source",
            words.join("\", \"")
        )),
        ..Finding::of(&RULE)
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn codes(a: &str, b: &str) -> Vec<&'static str> {
        check_texts(&[("a.md", "2025-05-14", a), ("b.md", "2025-05-15", b)])
            .iter()
            .map(|f| f.code)
            .filter(|c| *c == "FC210")
            .collect()
    }

    #[test]
    fn swapped_digits_in_two_wordings_of_one_fact() {
        let a = "Velto Motors is recalling 148,300 vehicles because brake hoses supplied by \
                 Holmgard may crack, the company said.";
        let b = |n: &str| {
            format!(
                "Some {n} cars and vans built by Velto Motors are being called back to have \
                 their brake hoses replaced."
            )
        };
        assert_eq!(codes(a, &b("184,300")), ["FC210"]);
        // Not a swap of neighbours, or the same value: nothing.
        assert!(codes(a, &b("138,400")).is_empty());
        assert!(codes(a, &b("148,300")).is_empty());
    }

    #[test]
    fn a_thousandfold_slip() {
        let a = "The government approved an emergency fund of $38 million to fight the locust \
                 outbreak in Ambrel province.";
        let b = "The cabinet signed off on $38 billion of emergency funding to fight the locust \
                 swarms in Ambrel province.";
        assert_eq!(codes(a, b), ["FC210"]);
    }

    /// Two figures of one file, two owners, or sentences about other
    /// things are no slip.
    #[test]
    fn figures_told_apart_are_no_slip() {
        let both = "Average rent in Marrowby reached 1,120 crowns a month in September. \
                    Nationally, average rent reached 1,210 crowns a month in September.";
        let one = "Nationally, average rent reached 1,210 crowns a month in September.";
        assert!(codes(both, one).is_empty());
        assert!(codes(
            "Kestrel's revenue rose to $1.48 billion in 2024, the carmaker said.",
            "Sunwave's revenue rose to $1.84 billion in 2024, the carmaker said."
        )
        .is_empty());
        assert!(codes(
            "The museum welcomed 148,300 visitors during the summer festival.",
            "Harbour traffic reached 184,300 containers at the port terminal."
        )
        .is_empty());
    }
}
