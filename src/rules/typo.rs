//! FC210 likely-typo: two reports of one story give a figure whose digits
//! differ only by a swapped pair ("148,300" and "184,300") or by a factor
//! of a thousand ("38 million" and "38 billion"), or place one figure in two
//! different years.
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
    summary: "figures in two reports of one story that differ only by swapped digits or by a factor of 1,000, one figure in two years, or two figures swapped",
    doc: r#"## What it does
Flags two figures of the same kind and unit in different files published
within a week of each other (an undated file may pair with any) whose
significant digits differ only by two neighbouring digits swapped
("148,300" and "184,300"; three or more significant digits, one order of
magnitude) or that are the same written number a thousand times apart
("38 million" and "38 billion"; money and plain counts), when:

- their sentences share at least three content words, and a name is
  common to the sentences or to the articles' openings (the same story);
- nothing in the reading tells them apart: not two owners, two periods,
  a change and a level, or two measures the lexicon names differently;
  for percentages, one measure read on both sides; for a thousandfold slip
  of a number of two significant digits, five content words shared (of
  three or more, "870 million won" and "870 billion won", the story's
  name in common is enough: such a number does not recur by chance);
- neither file gives both values (then they are two figures), and no
  other finding already reports the two together (a revised tally).

The measures of counts and money may otherwise be worded differently:
that is what this rule is for.

Two figures of one sentence given the other way round by another report
of the story are flagged too ("1,150 jobs at the Korvik yard and 430 at
Tessel Bay" against "1,150 positions will go at the Tessel Bay yard and 430
at Korvik"): the words beside each figure in one report (past the noun it
counts) stand beside the other figure in the other, names weighing more
than common nouns, and outweigh the words that keep the first order.

The same figure of three or more significant digits, money or a count,
placed in two different calendar years by two such reports is flagged too
("11.92 million in 2014", "11.92 million recorded in the 2004 census"), when
each year is read from the figure's own clause or fronted before its
sentence and no file gives the figure for both: such a figure does not
recur by chance. Percentages recur (a rate held for a year) and are left
out.

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

/// Whether two files were published within [`WINDOW_DAYS`] of each other
/// (an undated file pairs with any).
fn same_week(cx: &Context, a: usize, b: usize) -> bool {
    cx.corpus.docs[a]
        .published()
        .zip(cx.corpus.docs[b].published())
        .is_none_or(|(x, y)| (x - y).num_days().abs() <= WINDOW_DAYS)
}

/// Content words two sentences must share to be about one thing.
const SHARED_WORDS: usize = 3;

/// ... and for the same number of two significant digits a thousand times
/// apart ("38 million", "38 billion"), which meet by chance more often.
const SHARED_WORDS_THOUSANDFOLD: usize = 5;

/// ... and for one of three or more ("870 million won", "870 billion
/// won"), which two reports of one story do not give by chance: the
/// story's name in common is enough.
const SHARED_WORDS_THOUSANDFOLD_LONG: usize = 0;

/// Words too common in reporting to tie two sentences to one story (words
/// under four letters are never counted).
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
    "some",
    "other",
    "while",
    "when",
    "where",
    "they",
    "them",
    "company",
    "official",
    "officials",
];

/// How two values are related, if one looks like a slip for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    Swapped,
    Thousandfold,
    /// The same figure placed in another year.
    OtherYear,
}

/// A figure's number as written ("148,300", "1.48") and its significant
/// digits as a number (1483, 148); none for a figure in words, a range
/// ("24 and 90") or more than 18 significant digits.
fn written(c: &Claim) -> Option<(&str, u64)> {
    let mut groups = c
        .text
        .split(|ch: char| !(ch.is_ascii_digit() || ch == ',' || ch == '.'))
        .filter(|g| g.bytes().any(|b| b.is_ascii_digit()));
    let number = groups.next()?.trim_matches(['.', ',']);
    if groups.next().is_some() {
        return None;
    }
    let mut digits: u64 = 0;
    for b in number.bytes().filter(u8::is_ascii_digit) {
        digits = digits.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    while digits != 0 && digits.is_multiple_of(10) {
        digits /= 10;
    }
    (digits != 0 && digits < 10u64.pow(18)).then_some((number, digits))
}

/// How many digits a figure's number is written with ("870" is three,
/// though its zero may be no significant digit).
fn written_digits(c: &Claim) -> Option<usize> {
    written(c).map(|(w, _)| w.bytes().filter(u8::is_ascii_digit).count())
}

/// How many digits a number has.
fn digit_count(n: u64) -> u32 {
    n.checked_ilog10().map_or(1, |l| l + 1)
}

/// The digit strings one swap of two different neighbours away and, for
/// four digits or more, of two digits one apart ("19,214" for "19,412", a
/// jump transposition: rarer, and a long number rarely meets another
/// such by chance).
fn swaps(digits: u64) -> Vec<u64> {
    let d = digits.to_string().into_bytes();
    let reach = if d.len() >= 4 { 2 } else { 1 };
    (1..=reach)
        .flat_map(|gap| (gap..d.len()).map(move |k| (k - gap, k)))
        .filter(|&(i, k)| d[i] != d[k] && !(i == 0 && d[k] == b'0'))
        .filter_map(|(i, k)| {
            let mut e = d.clone();
            e.swap(i, k);
            std::str::from_utf8(&e).ok()?.parse().ok()
        })
        .collect()
}

/// A figure that may be mistyped: a plain or "about" figure, not a year
/// or a starting level.
fn candidate(c: &Claim) -> bool {
    matches!(c.kind, Kind::Money | Kind::Count | Kind::Percent)
        && matches!(c.qualifier, None | Some(Qualifier::About))
        && !c.baseline
        && !super::repeated::looks_like_a_year(c)
}

/// Where a figure's slips are looked for: its kind, its unit of money or
/// of measure, and its significant digits.
type Slot<'a> = (Kind, Option<&'a str>, u64);

fn slot<'a>(cx: &Context, c: &'a Claim) -> Option<Slot<'a>> {
    let (_, digits) = written(c)?;
    Some((c.kind, physical_or_money_unit(cx, c), digits))
}

/// The unit a slip keeps: a currency, a physical unit, "%"; a counted
/// noun is the measure's business.
fn physical_or_money_unit<'a>(cx: &Context, c: &'a Claim) -> Option<&'a str> {
    match c.kind {
        Kind::Count => c
            .unit
            .as_deref()
            .filter(|u| cx.lexicon.physical().is_base(u)),
        _ => c.unit.as_deref(),
    }
}

/// A sentence's content words, lower case, and those of them written as
/// names (capitalised past the sentence's first word, not in capitals
/// throughout as a dateline is).
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
            && !w.chars().all(|ch| ch.is_uppercase())
            && crate::extract::date::month_name(w).is_err()
            && crate::extract::date::weekday_name(w).is_err();
        if name {
            names.insert(lower.clone());
        }
        words.insert(lower);
    }
    (words, names)
}

/// How much of an article's opening names its story.
const LEAD_BYTES: usize = 1000;

/// Words and names of sentences and of articles' openings, each read once.
struct Texts<'c> {
    cx: &'c Context<'c>,
    sentences: BTreeMap<usize, (BTreeSet<String>, BTreeSet<String>)>,
    leads: BTreeMap<usize, BTreeSet<String>>,
}

impl<'c> Texts<'c> {
    fn sentence(&mut self, i: usize) -> &(BTreeSet<String>, BTreeSet<String>) {
        let cx = self.cx;
        self.sentences.entry(i).or_insert_with(|| {
            let c = cx.claim(i);
            let prose = &cx.corpus.docs[c.doc].prose;
            words_and_names(prose.get(c.sentence.clone()).unwrap_or_default())
        })
    }

    fn lead(&mut self, doc: usize) -> &BTreeSet<String> {
        let cx = self.cx;
        self.leads.entry(doc).or_insert_with(|| {
            let prose = &cx.corpus.docs[doc].prose;
            let end = crate::source::floor_char_boundary(prose, LEAD_BYTES.min(prose.len()));
            words_and_names(&prose[..end]).1
        })
    }

    /// The content words two claims' sentences share, when their sentences
    /// or articles' openings also share a name.
    fn shared(&mut self, i: usize, j: usize, min: usize) -> Option<Vec<String>> {
        // Read both first, then compare them in the cache: no copies.
        self.sentence(i);
        self.sentence(j);
        let ((words_a, names_a), (words_b, names_b)) = (&self.sentences[&i], &self.sentences[&j]);
        let words: Vec<String> = words_a.intersection(words_b).cloned().collect();
        if words.len() < min {
            return None;
        }
        let named = !names_a.is_disjoint(names_b) || {
            let (da, db) = (self.cx.claim(i).doc, self.cx.claim(j).doc);
            self.lead(da);
            self.lead(db);
            !self.leads[&da].is_disjoint(&self.leads[&db])
        };
        named.then_some(words)
    }
}

/// Whether nothing in the reading tells the two figures apart (but their
/// periods, when `periods` is false).
fn alike(cx: &Context, a: &Claim, b: &Claim, periods: bool) -> bool {
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    let named = |c: &Claim| cx.lexicon_measure(c).map(ToString::to_string);
    // Percentages a swap apart are common enough by chance ("fell 1.24%",
    // "fell 1.42%" in one market report) that only one measure read on
    // both sides joins them.
    let strict = a.kind == Kind::Percent;
    let measures_differ = if strict {
        let head = |c: &Claim| c.measure.as_ref().map(|m| m.head.clone());
        head(a).is_none() || head(a) != head(b)
    } else {
        let (na, nb) = (named(a), named(b));
        // Counts of two different nouns ("1,342 residents", "1,432
        // objections") are two things, unless the lexicon reads both as one
        // measure ("19,214 runners crossed the line", "19,412 finishers").
        // Only people against things is told apart so: "vehicles" and
        // "cars and vans" may be one count.
        let person = |u: &str| {
            let classes = cx.lexicon.words().classes(u);
            classes.has(crate::lexicon::Class::People) || classes.has(crate::lexicon::Class::Person)
        };
        let nouns_differ = a.kind == Kind::Count
            && matches!((&a.unit, &b.unit), (Some(x), Some(y)) if person(x) != person(y))
            && !(na.is_some() && na == nb);
        // A yearly saving is no capital sum: "1.25 million euros a year".
        fn per(c: &Claim) -> Option<&str> {
            c.measure.as_ref().and_then(|m| m.per.as_deref())
        }
        differ(na.as_deref(), nb.as_deref()) || nouns_differ || per(a) != per(b)
    };
    // A forecast and an outcome a swapped pair of digits apart are one
    // figure mistyped sooner than two figures met by chance; a change and
    // a level are never one.
    let periods_differ = periods && matches!((a.period, b.period), (Some(p), Some(q)) if p != q);
    // An owner lent by the article's subject or the story tells nothing
    // apart: "Marrovia's ministry signed a contract ... worth 2.34 billion"
    // and "Bexeter has won a contract worth 2.34 million" are one deal.
    fn read_owner(c: &Claim) -> Option<&str> {
        let lent = c.evidence.owner.as_ref().is_some_and(|r| {
            matches!(
                r.source,
                crate::claim::Source::Subject | crate::claim::Source::Story
            )
        });
        c.owner.as_deref().filter(|_| !lent)
    }
    (a.role == Role::Change) == (b.role == Role::Change)
        && !differ(read_owner(a), read_owner(b))
        && !periods_differ
        && !measures_differ
        && !a.measure.as_ref().is_some_and(|m| m.part_of_stated)
        && !b.measure.as_ref().is_some_and(|m| m.part_of_stated)
}

/// Words that say a figure held over time: then the same figure in two
/// years is no slip.
const HELD_WORDS: &[&str] = &[
    "frozen",
    "freeze",
    "unchanged",
    "since",
    "same",
    "still",
    "remains",
    "remained",
    "held",
    "kept",
    "flat",
    "again",
    "steady",
    "upheld",
    "unaltered",
];

/// More pairs of figures than this for two values, and the values are
/// too common in the run for either to be a slip.
const MAX_PAIRS: usize = 256;

pub(crate) fn check(cx: &Context, reported: &[Finding]) -> Vec<Finding> {
    // Figures by slot, then by value.
    let mut slots: BTreeMap<Slot, BTreeMap<Decimal, Vec<usize>>> = BTreeMap::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        if candidate(c) {
            if let Some(s) = slot(cx, c) {
                slots
                    .entry(s)
                    .or_default()
                    .entry(c.value)
                    .or_default()
                    .push(i);
            }
        }
    }
    // The findings each claim is in: a pair another finding reports
    // together (a conflict, a revised tally) is not reported again.
    let mut findings_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // Notes (a figure repeated across files) report nothing wrong.
    for (n, f) in reported.iter().enumerate() {
        if f.severity == Severity::Info {
            continue;
        }
        for &i in &f.claims {
            findings_of.entry(i).or_default().push(n);
        }
    }
    let reported_together = |i: usize, j: usize| {
        let (Some(x), Some(y)) = (findings_of.get(&i), findings_of.get(&j)) else {
            return false;
        };
        x.iter().any(|n| y.contains(n))
    };
    // The value groups that may be slips of each other: one swap of
    // neighbouring digits in the same slot, or the same slot's value a
    // thousand times larger. Each pair is met once.
    let mut pairs: Vec<(&Vec<usize>, &Vec<usize>, Slip)> = Vec::new();
    for ((kind, unit, digits), values) in &slots {
        for (value, xs) in values {
            let thousandfold = value.checked_mul(Decimal::from(1000));
            if let Some(ys) = thousandfold.and_then(|v| values.get(&v)) {
                if *kind != Kind::Percent && digit_count(*digits) >= 2 {
                    pairs.push((xs, ys, Slip::Thousandfold));
                }
            }
            if digit_count(*digits) < 3 {
                continue;
            }
            for other in swaps(*digits).into_iter().filter(|o| o > digits) {
                let Some(others) = slots.get(&(*kind, *unit, other)) else {
                    continue;
                };
                for (v2, ys) in others {
                    // Of one order: "1.84" and "1.48" billion, not 184 and
                    // 1,480.
                    let ratio = value.checked_div(*v2);
                    if ratio.is_some_and(|r| r > Decimal::new(1, 1) && r < Decimal::TEN) {
                        pairs.push((xs, ys, Slip::Swapped));
                    }
                }
            }
        }
    }
    let mut texts = Texts {
        cx,
        sentences: BTreeMap::new(),
        leads: BTreeMap::new(),
    };
    let mut out = Vec::new();
    for (xs, ys, slip) in pairs {
        if xs.len() * ys.len() > MAX_PAIRS {
            continue;
        }
        // A thousandfold slip keeps the number as written ("38" million and
        // "38" billion, not 12,500 and 12.5 million); physical units convert
        // by thousands (m³ and litres), so only money and plain counts slip so.
        let (x0, y0) = (cx.claim(xs[0]), cx.claim(ys[0]));
        if slip == Slip::Thousandfold
            && (written(x0).map(|w| w.0) != written(y0).map(|w| w.0)
                || physical_or_money_unit(cx, x0).is_some() && x0.kind == Kind::Count)
        {
            continue;
        }
        // A file that gives both values gives two figures.
        let docs =
            |v: &[usize]| -> BTreeSet<usize> { v.iter().map(|&i| cx.claim(i).doc).collect() };
        if !docs(xs).is_disjoint(&docs(ys)) {
            continue;
        }
        // One finding per figure of the side fewer files give, naming each
        // file of the other side once: a headline repeating a figure adds
        // nothing.
        let (odd, usual) = if docs(ys).len() < docs(xs).len() {
            (ys, xs)
        } else {
            (xs, ys)
        };
        let mut odd_files = BTreeSet::new();
        for &i in odd {
            let a = cx.claim(i);
            if odd_files.contains(&a.doc) {
                continue;
            }
            // A round "100" or "500" is no long number.
            let long = written_digits(a).is_some_and(|n| n >= 3)
                && written(a).is_some_and(|(_, d)| digit_count(d) >= 2);
            // The same number a thousand times apart needs more of the
            // story in common than a swap of digits, rarer by chance.
            let needed = match slip {
                Slip::Swapped | Slip::OtherYear => SHARED_WORDS,
                Slip::Thousandfold if long => SHARED_WORDS_THOUSANDFOLD_LONG,
                Slip::Thousandfold => SHARED_WORDS_THOUSANDFOLD,
            };
            let mut partners: Vec<usize> = Vec::new();
            let mut partner_files = BTreeSet::new();
            let mut words = None;
            for &j in usual {
                let b = cx.claim(j);
                if partner_files.contains(&b.doc) || reported_together(i, j) {
                    continue;
                }
                let near = same_week(cx, a.doc, b.doc);
                if !near || !alike(cx, a, b, true) || cx.outside_focus(&[i, j]) {
                    continue;
                }
                if let Some(shared) = texts.shared(i, j, needed) {
                    partner_files.insert(b.doc);
                    partners.push(j);
                    words.get_or_insert(shared);
                }
            }
            if let Some(shared) = words {
                odd_files.insert(a.doc);
                out.push(finding(cx, i, &partners, slip, &shared));
            }
        }
    }
    out.extend(other_years(cx, &mut texts, &reported_together));
    out.extend(exchanged(cx, &mut texts));
    out
}

/// "11.92 million in 2014" in one report and "11.92 million recorded in the
/// 2004 census" in another: a figure of three or more significant digits,
/// money or a count, that two files of one story place in two calendar
/// years, each year read from the figure's own clause or fronted before
/// its sentence, no file giving it
/// for both. Such a figure does not recur by chance; one year is most
/// likely wrong. Percentages recur (a rate held for a year), so they are
/// left out. Of the files, the fewer that give one year are set against one
/// that gives the other: one finding per figure.
fn other_years(
    cx: &Context,
    texts: &mut Texts,
    reported_together: &dyn Fn(usize, usize) -> bool,
) -> Vec<Finding> {
    use crate::claim::{Period, Source};
    // The year of the figure's own clause, or a fronted one that governs
    // the sentence ("Last year, ...", "In 2022, ..."): at most one word
    // before it.
    let governs = |c: &Claim| {
        let Some(r) = c.evidence.period.as_ref() else {
            return false;
        };
        match (r.source, r.span()) {
            (Source::Clause, _) => true,
            (Source::Sentence, Some(words)) if words.start >= c.sentence.start => {
                let prose = &cx.corpus.docs[c.doc].prose;
                prose
                    .get(c.sentence.start..words.start)
                    .is_some_and(|before| before.split_whitespace().count() <= 1)
            }
            _ => false,
        }
    };
    let year_of = |c: &Claim| match c.period {
        Some(Period::Year(y)) if governs(c) => Some(y),
        _ => None,
    };
    // Figure (kind, unit, value) → year → its claims.
    type Figure<'a> = (Kind, Option<&'a str>, Decimal);
    let mut by_figure: BTreeMap<Figure, BTreeMap<i32, Vec<usize>>> = BTreeMap::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        let placed = matches!(c.kind, Kind::Money | Kind::Count)
            && matches!(c.qualifier, None | Some(Qualifier::About))
            && !super::repeated::looks_like_a_year(c)
            && written(c).is_some_and(|(_, d)| digit_count(d) >= 3);
        if let Some(year) = year_of(c).filter(|_| placed) {
            by_figure
                .entry((c.kind, physical_or_money_unit(cx, c), c.value))
                .or_default()
                .entry(year)
                .or_default()
                .push(i);
        }
    }
    let docs = |v: &[usize]| -> BTreeSet<usize> { v.iter().map(|&i| cx.claim(i).doc).collect() };
    let mut out = Vec::new();
    for years in by_figure.values() {
        let [(_, xs), (_, ys)] = years.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let (dx, dy) = (docs(xs), docs(ys));
        if !dx.is_disjoint(&dy) || xs.len() * ys.len() > MAX_PAIRS {
            continue;
        }
        // The odd one out first.
        let (odd, usual) = if dy.len() < dx.len() {
            (ys, xs)
        } else {
            (xs, ys)
        };
        let pair = odd.iter().find_map(|&i| {
            usual.iter().find_map(|&j| {
                let (a, b) = (cx.claim(i), cx.claim(j));
                let near = same_week(cx, a.doc, b.doc);
                if !near
                    || reported_together(i, j)
                    || !alike(cx, a, b, false)
                    || cx.outside_focus(&[i, j])
                {
                    return None;
                }
                texts.shared(i, j, SHARED_WORDS).map(|w| (i, j, w))
            })
        });
        // "9,250 pounds in 2017 and frozen since", "unchanged from 2023":
        // a figure said to have held.
        let held = |i: usize| {
            let c = cx.claim(i);
            let sentence = cx.corpus.docs[c.doc]
                .prose
                .get(c.sentence.clone())
                .unwrap_or_default()
                .to_lowercase();
            sentence
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| HELD_WORDS.contains(&w))
        };
        if let Some((i, j, shared)) = pair.filter(|&(i, j, _)| !held(i) && !held(j)) {
            out.push(finding(cx, i, &[j], Slip::OtherYear, &shared));
        }
    }
    out
}

/// Where one figure's own words end in its sentence: at a comma, a
/// semicolon, or a word that joins two clauses or figures.
const SEGMENT_ENDS: &[&str] = &[
    ",",
    ";",
    " and ",
    " while ",
    " whereas ",
    " but ",
    " compared with ",
    " against ",
    " versus ",
];

/// The content words of the part of its sentence that holds a figure
/// ("Retail banking earned a pre-tax profit of €742 million" of "...
/// €742 million and the investment bank €516 million"), lower case, each
/// with whether it is written as a name (capitalised, not opening the
/// sentence).
fn segment_words(cx: &Context, i: usize) -> BTreeMap<String, bool> {
    let c = cx.claim(i);
    let prose = &cx.corpus.docs[c.doc].prose;
    let (Some(before), Some(after)) = (
        prose.get(c.sentence.start..c.span.start),
        prose.get(c.span.end..c.sentence.end),
    ) else {
        return BTreeMap::new();
    };
    // ASCII case folding keeps byte offsets: the ends are found in the
    // folded text and the words read from the written one.
    let (lb, la) = (before.to_ascii_lowercase(), after.to_ascii_lowercase());
    let from = SEGMENT_ENDS
        .iter()
        .filter_map(|e| lb.rfind(e).map(|k| k + e.len()))
        .max()
        .unwrap_or(0);
    let to = SEGMENT_ENDS
        .iter()
        .filter_map(|e| la.find(e))
        .min()
        .unwrap_or(after.len());
    let mut words = BTreeMap::new();
    let pieces = |t: &'_ str, opens_sentence: bool| -> Vec<(bool, String)> {
        t.split(|ch: char| !ch.is_alphanumeric() && ch != '-')
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(|(k, w)| (opens_sentence && k == 0, w.to_string()))
            .collect()
    };
    let (Some(head), Some(tail)) = (before.get(from..), after.get(..to)) else {
        return words;
    };
    let content = |w: &str| {
        let lower = w.to_lowercase();
        lower.len() >= 4
            && !w.bytes().any(|b| b.is_ascii_digit())
            && !COMMON.contains(&lower.as_str())
    };
    // The words right after the figure name what it counts, as each writer
    // words it ("410,000 washing machines", "410,000 units"): not whose it
    // is.
    let tail = pieces(tail, false);
    let counted = tail.iter().take_while(|(_, w)| content(w)).count();
    for (opens, w) in pieces(head, from == 0)
        .into_iter()
        .chain(tail.into_iter().skip(counted))
    {
        if !content(&w) {
            continue;
        }
        let lower = w.to_lowercase();
        let name = !opens && w.starts_with(|ch: char| ch.is_uppercase());
        *words.entry(lower).or_insert(false) |= name;
    }
    words
}

/// Figures of a sentence that may be exchanged, at most this many: a long
/// list is a table, not two figures a writer swapped.
const MAX_EXCHANGE_FIGURES: usize = 6;

/// "Retail banking earned €742m and the investment bank €516m" in one
/// report, "the retail bank contributed €516m ... and the investment bank
/// €742m" in another: the same two figures of one sentence, each beside the
/// words the other report puts beside the other, and nothing beside them
/// that keeps the first report's order. One report has most likely swapped
/// them.
fn exchanged(cx: &Context, texts: &mut Texts) -> Vec<Finding> {
    type PairKey<'a> = (Kind, Option<&'a str>, Decimal, Decimal);
    let mut pairs: BTreeMap<PairKey, Vec<(usize, usize)>> = BTreeMap::new();
    for members in cx.sentences.values() {
        let figures: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| {
                let c = cx.claim(i);
                matches!(c.kind, Kind::Money | Kind::Count | Kind::Percent)
                    && matches!(c.qualifier, None | Some(Qualifier::About))
                    && !super::repeated::looks_like_a_year(c)
                    && written_digits(c).is_some_and(|n| n >= 2)
            })
            .collect();
        if figures.len() < 2 || figures.len() > MAX_EXCHANGE_FIGURES {
            continue;
        }
        for (k, &x) in figures.iter().enumerate() {
            for &y in &figures[k + 1..] {
                let (a, b) = (cx.claim(x), cx.claim(y));
                let same_slot = a.kind == b.kind
                    && physical_or_money_unit(cx, a) == physical_or_money_unit(cx, b)
                    && (a.role == Role::Change) == (b.role == Role::Change);
                if !same_slot || a.value == b.value {
                    continue;
                }
                let (lo, hi) = if a.value < b.value { (x, y) } else { (y, x) };
                let key = (
                    a.kind,
                    physical_or_money_unit(cx, a),
                    cx.claim(lo).value,
                    cx.claim(hi).value,
                );
                pairs.entry(key).or_default().push((lo, hi));
            }
        }
    }
    let mut out = Vec::new();
    for found in pairs.values().filter(|f| f.len() >= 2) {
        // Each figure's words are read once, however many pairs it is in.
        let words: Vec<[BTreeMap<String, bool>; 2]> = found
            .iter()
            .map(|&(lo, hi)| [segment_words(cx, lo), segment_words(cx, hi)])
            .collect();
        let mut files_seen = BTreeSet::new();
        for (n, &(a_lo, a_hi)) in found.iter().enumerate() {
            for (m, &(b_lo, b_hi)) in found.iter().enumerate().skip(n + 1) {
                let (da, db) = (cx.claim(a_lo).doc, cx.claim(b_lo).doc);
                if da == db || files_seen.contains(&(da, db)) {
                    continue;
                }
                let near = same_week(cx, da, db);
                if !near || cx.outside_focus(&[a_lo, a_hi, b_lo, b_hi]) {
                    continue;
                }
                let ([al, ah], [bl, bh]) = (&words[n], &words[m]);
                // Words beside one figure in a report and beside the other
                // figure in the other report, and not beside both there; a
                // name weighs more than a common noun ("Korvik" against
                // "yard").
                type Words = BTreeMap<String, bool>;
                let points = |x: &Words, y: &Words, not: &Words| -> usize {
                    x.iter()
                        .filter(|(w, _)| y.contains_key(*w) && !not.contains_key(*w))
                        .map(|(w, name)| if *name || y[w] { 3 } else { 1 })
                        .sum()
                };
                let (to_other, back) = (points(al, bh, bl), points(ah, bl, bh));
                let straight = points(al, bl, bh) + points(ah, bh, bl);
                let swapped = to_other > 0 && back > 0 && to_other + back > straight;
                if swapped && texts.shared(a_lo, b_lo, 0).is_some() {
                    files_seen.insert((da, db));
                    out.push(exchange_finding(cx, [a_lo, a_hi, b_lo, b_hi]));
                }
            }
        }
    }
    out
}

fn exchange_finding(cx: &Context, [a_lo, a_hi, b_lo, b_hi]: [usize; 4]) -> Finding {
    let c = |i: usize| cx.claim(i);
    Finding {
        message: format!(
            "{} and {} ({}) are given the other way round in {} ({} and {}): one report has most likely swapped them",
            c(a_lo).text,
            c(a_hi).text,
            cx.path(a_lo),
            cx.path(b_lo),
            c(b_lo).text,
            c(b_hi).text,
        ),
        measure: c(a_lo).measure.as_ref().map(ToString::to_string),
        period: c(a_lo).period.or(c(b_lo).period),
        labels: [a_lo, a_hi, b_lo, b_hi]
            .iter()
            .map(|&i| format!("{} here", c(i).describe_value()))
            .collect(),
        claims: vec![a_lo, a_hi, b_lo, b_hi],
        help: Some(
            "the words beside each figure in one report stand beside the other figure in the other: check which order the source gives"
                .to_string(),
        ),
        ..Finding::of(&RULE)
    }
}

fn finding(cx: &Context, i: usize, others: &[usize], kind: Slip, shared: &[String]) -> Finding {
    let j = others[0];
    let (a, b) = (cx.claim(i), cx.claim(j));
    let how = match kind {
        Slip::Swapped => "differ only by two swapped digits",
        Slip::Thousandfold => "are the same digits a thousand times apart",
        Slip::OtherYear => "are the same figure placed in two different years",
    };
    let words: Vec<&str> = shared.iter().take(5).map(String::as_str).collect();
    let year = |c: &Claim| c.period.map(|p| format!(" in {p}")).unwrap_or_default();
    let label = |c: &Claim| {
        if kind == Slip::OtherYear {
            format!("{}{} here", c.describe_value(), year(c))
        } else {
            format!("{} here", c.describe_value())
        }
    };
    let (verdict, apart) = if kind == Slip::OtherYear {
        (
            "one of the years is most likely wrong",
            "nothing else read tells the figures apart",
        )
    } else {
        (
            "one is most likely a slip for the other",
            "nothing read tells the figures apart",
        )
    };
    let more = match others.len() - 1 {
        0 => String::new(),
        1 => " (and 1 other file)".to_string(),
        n => format!(" (and {n} other files)"),
    };
    Finding {
        message: format!(
            "{} ({}) and {} ({}){more} {how}: {verdict}",
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
        labels: std::iter::once(i)
            .chain(others.iter().copied())
            .map(|k| label(cx.claim(k)))
            .collect(),
        claims: std::iter::once(i).chain(others.iter().copied()).collect(),
        help: Some(if words.is_empty() {
            format!("the reports name one story and {apart}: check both against the source")
        } else {
            format!(
                "the sentences share \"{}\" and {apart}: check both against the source",
                words.join("\", \"")
            )
        }),
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
        // Not a swap, or the same value: nothing.
        assert!(codes(a, &b("158,300")).is_empty());
        // Two digits one apart, in a long number, are a slip too.
        assert_eq!(codes(a, &b("138,400")), ["FC210"]);
        assert!(codes(a, &b("148,300")).is_empty());
    }

    #[test]
    fn one_figure_in_two_years() {
        let a = "Estavia's population reached 12.64 million at the 2024 census, up from \
                 11.92 million in 2014, the National Statistics Office said.";
        let b = |year: &str| {
            format!(
                "Estavia's census counted 12.64 million people, up from 11.92 million \
                 recorded in the {year} census, the National Statistics Office said."
            )
        };
        assert_eq!(codes(a, &b("2004")), ["FC210"]);
        assert!(codes(a, &b("2014")).is_empty());
        // A rate held for a year recurs: percentages are left alone.
        assert!(codes(
            "Estavia's central bank kept its policy rate at 6.25% in 2024, the National Statistics Office said.",
            "Estavia's central bank policy rate stood at 6.25% in 2023, the National Statistics Office said."
        )
        .is_empty());
    }

    /// A thousandfold slip of three significant digits needs little of the
    /// wording in common; of two, much more.
    #[test]
    fn a_thousandfold_slip_of_a_long_number() {
        let a = "Daesan Motors said it would book a provision of 870 billion won, the \
                 company told Seoul regulators.";
        let b = |n: &str| {
            format!(
                "Daesan Motors plans to set aside {n} won for repairs and towing, the \
                 regulatory filing shows."
            )
        };
        assert_eq!(codes(a, &b("870 million")), ["FC210"]);
        assert!(codes(&a.replace("870", "87"), &b("87 million")).is_empty());
    }

    /// Two figures of a sentence given the other way round, each beside the
    /// other's words; the same figures in the same places are no swap, nor
    /// are the counted nouns each writer uses.
    #[test]
    fn two_figures_swapped_between_yards() {
        let a = "Halvard Marine will cut 1,150 jobs at the Korvik yard and 430 at Tessel Bay, \
                 the company said.";
        let swapped = "Under the plan, 1,150 positions will go at the Tessel Bay yard and 430 at \
                       Korvik, Halvard Marine said.";
        assert_eq!(codes(a, swapped), ["FC210"]);
        let same = "Under the plan, 1,150 positions will go at the Korvik yard and 430 at \
                    Tessel Bay, Halvard Marine said.";
        assert!(codes(a, same).is_empty());
        let a = "The Gresford plant of Corbel Appliances produced 410,000 washing machines last \
                 year and is running at half of its capacity of 820,000 units a year.";
        let b = "Corbel Appliances said the Gresford site was producing far below its capacity \
                 of 820,000 machines a year, with last year's output of 410,000 units the lowest \
                 since 1990.";
        assert!(codes(a, b).is_empty());
    }

    /// An owner lent by the article's subject does not tell a deal's two
    /// parties apart: one contract, two scales.
    #[test]
    fn a_thousandfold_slip_between_a_lent_and_a_read_owner() {
        let a = "---\ntitle: Marrovia signs vaccine deal\n---\n\nMarrovia's health ministry \
                 signed a contract with Bexeter Biologics for 9 million doses, worth 2.34 billion \
                 kessa. Marrovia's budget for vaccines is 4.1 billion kessa this year, and \
                 Marrovia's hospitals hold 300,000 doses.";
        let b = "Bexeter Biologics has won a contract worth 2.34 million kessa to supply \
                 Marrovia with 9 million doses.";
        assert_eq!(codes(a, b), ["FC210"]);
    }

    /// Two digits one apart swapped ("19,214" for "19,412"), in a long
    /// number only.
    #[test]
    fn a_jump_transposition_of_a_long_number() {
        let a = |n: &str| {
            format!(
                "In all, {n} runners crossed the finish line at the Arvenport city marathon on \
                 Sunday, organisers said."
            )
        };
        let b = |n: &str| {
            format!(
                "Sunday's race made Arvenport's city marathon the biggest yet, with {n} finishers."
            )
        };
        assert_eq!(codes(&a("19,214"), &b("19,412")), ["FC210"]);
        assert!(codes(&a("214"), &b("412")).is_empty());
    }

    /// A count of people and a count of things a swap apart are two
    /// figures: "1,342 residents", "1,432 objections".
    #[test]
    fn people_and_things_are_no_slip() {
        let a = "The plan has drawn opposition from the Harrowby village's 1,342 residents, the \
                 Harrowby council said.";
        let b = "The Harrowby council said it had received 1,432 objections to the Harrowby \
                 village plan.";
        assert!(codes(a, b).is_empty());
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
        // A revised tally is reported as one already.
        assert!(codes(
            "The death toll from the floods in Kessin province has risen to 123, officials said.",
            "The death toll from the floods in Kessin province has risen to 132, officials said."
        )
        .is_empty());
        // Percentages of two measures, and a number written two ways.
        assert!(codes(
            "LONDON (Reuters) - Britain's FTSE 100 index fell 1.24% on Monday as Harlow miners slid.",
            "LONDON (Reuters) - An index of European mining stocks fell 1.42% on Monday as Harlow miners slid."
        )
        .is_empty());
        assert!(codes(
            "Rivermouth, a market town of 12,500 people in Kessin province, voted on the plan.",
            "Kessin province, home to 12.5 million people, voted on the plan for Rivermouth."
        )
        .is_empty());
        assert!(codes(
            "The museum welcomed 148,300 visitors during the summer festival.",
            "Harbour traffic reached 184,300 containers at the port terminal."
        )
        .is_empty());
    }
}
