//! Context: turning the atoms of one sentence into claims. Here a figure
//! gets its qualifier ("more than"), its role (actual, target, forecast,
//! change), its counted noun, its measure (what it quantifies) and its period
//! (which year, month or day it is about).
//!
//! Everything here is decided from the sentence and clause around a figure;
//! nothing is carried between sentences, so a misreading stays local.

use std::ops::Range;

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

use super::date::{self, DateExpr, Unplaced};
use super::number::Form;
use super::quantity::Quantity;
use super::scan::{Atom, AtomKind};
use super::sentence::{self, Word};
use crate::claim::{Bound, ChangeLinks, Claim, Interval, Kind, Period, Qualifier, Role};
use crate::measure::{fold, Dimension, Lexicon};
use crate::source::Document;

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

const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "between",
    "into",
    "per",
    "than",
    "as",
    "since",
    "over",
    "under",
    "about",
    "after",
    "before",
    "during",
    "and",
    "or",
    "but",
    "while",
    "that",
    "which",
    "who",
    "whose",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "also",
    "already",
    "now",
    "still",
    "just",
    "only",
    "more",
    "less",
    "fewer",
    "ago",
    "earlier",
    "later",
    "each",
    "every",
    "last",
    "next",
    "it",
    "they",
    "he",
    "she",
    "we",
    "there",
    "than",
    "some",
    "all",
    "such",
    "so",
    "not",
    "no",
    "out",
    "up",
    "down",
    "against",
    "across",
    "through",
    "according",
    "said",
    "says",
    "say",
    "if",
    "when",
    "where",
    "because",
    "around",
    "almost",
    "nearly",
    "roughly",
    "worth",
    "year",
    "years",
    "record",
    "high",
    "level",
    "low",
    "then",
    "again",
    "alone",
    "both",
    "other",
    "another",
    "what",
    "how",
    "why",
    "very",
    "most",
    "much",
    "many",
    "few",
    "own",
    "same",
    "until",
    "til",
    "within",
    "without",
    "towards",
    "toward",
];

const RISE_WORDS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "growth",
    "increased",
    "increase",
    "increases",
    "increasing",
    "jumped",
    "jump",
    "jumps",
    "surged",
    "surge",
    "surges",
    "climbed",
    "climb",
    "climbs",
    "gained",
    "gain",
    "gains",
    "up",
    "added",
    "expanded",
    "expand",
    "expansion",
    "soared",
    "soar",
    "rebounded",
    "rebound",
    "advanced",
    "higher",
    "hike",
    "hikes",
    "hiked",
    "boosted",
    "raised",
    "raise",
    "leapt",
    "leaped",
    "spiked",
    "accelerated",
];

const FALL_WORDS: &[&str] = &[
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "dropped",
    "drop",
    "drops",
    "declined",
    "decline",
    "declines",
    "declining",
    "decreased",
    "decrease",
    "decreases",
    "shrank",
    "shrink",
    "shrunk",
    "contracted",
    "contraction",
    "slumped",
    "slump",
    "plunged",
    "plunge",
    "slid",
    "slide",
    "tumbled",
    "tumble",
    "lost",
    "down",
    "cut",
    "cuts",
    "lower",
    "sank",
    "sink",
    "dipped",
    "dip",
    "eased",
    "retreated",
    "plummeted",
    "reduced",
    "reduction",
    "slowed",
    "slipped",
];

const TARGET_WORDS: &[&str] = &[
    "target",
    "targets",
    "targeted",
    "targeting",
    "goal",
    "goals",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "objective",
    "pledge",
    "pledged",
    "pledges",
    "vow",
    "vowed",
    "vows",
    "plan",
    "plans",
    "planned",
    "ambition",
    "seek",
    "seeks",
    "sought",
    "hope",
    "hopes",
    "hoped",
    "intend",
    "intends",
    "intended",
    "want",
    "wants",
    "wanted",
    "promised",
    "commitment",
    "committed",
];

const FORECAST_WORDS: &[&str] = &[
    "expect",
    "expects",
    "expected",
    "expectation",
    "expectations",
    "forecast",
    "forecasts",
    "forecasted",
    "projected",
    "projection",
    "projections",
    "projects",
    "predict",
    "predicts",
    "predicted",
    "prediction",
    "will",
    "would",
    "could",
    "might",
    "likely",
    "outlook",
    "anticipated",
    "anticipates",
    "anticipate",
    "estimate",
    "estimates",
];

const REPORTING_WORDS: &[&str] = &[
    "said",
    "says",
    "announced",
    "told",
    "reported",
    "stated",
    "added",
    "noted",
    "according",
    "disclosed",
    "confirmed",
    "published",
    "released",
    "revealed",
    "showed",
    "shows",
];

const FUTURE_WORDS: &[&str] = &[
    "will",
    "'ll",
    "due",
    "scheduled",
    "set",
    "upcoming",
    "runs",
    "starts",
    "begins",
    "opens",
    "closes",
    "ends",
    "lasts",
    "plans",
    "next",
    "coming",
    "expected",
    "effect",
    "force",
];

/// Past forms that are not "-ed": a time beside them has happened.
const PAST_WORDS: &[&str] = &[
    "met", "said", "came", "went", "began", "held", "left", "flew", "was", "were", "had", "did",
    "took", "made", "gave", "won", "lost", "saw", "told", "spoke", "arrived", "ago", "last",
];

/// Words that never head a noun phrase after a number.
const NOT_NOUNS: &[&str] = &[
    "percent", "cent", "per", "times", "time", "year", "years", "month", "months", "ago", "remain",
    "remained",
];

/// Qualifiers, longest first so "just over" wins over "over".
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("slightly more than", Qualifier::JustOver),
    ("in excess of", Qualifier::MoreThan),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("no more than", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("a minimum of", Qualifier::AtLeast),
    ("an estimated", Qualifier::About),
    ("approximately", Qualifier::About),
    ("just shy of", Qualifier::Nearly),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("just over", Qualifier::JustOver),
    ("just above", Qualifier::JustOver),
    ("upwards of", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("close to", Qualifier::Nearly),
    ("at least", Qualifier::AtLeast),
    ("at most", Qualifier::UpTo),
    ("roughly", Qualifier::About),
    ("around", Qualifier::About),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("approx.", Qualifier::About),
    ("about", Qualifier::About),
    ("above", Qualifier::MoreThan),
    ("below", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("up to", Qualifier::UpTo),
    ("circa", Qualifier::About),
    ("some", Qualifier::About),
    ("over", Qualifier::MoreThan),
];

fn lower(w: &Word) -> String {
    w.text.to_lowercase()
}

fn is_in(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// Everything learnt about one time expression in the sentence.
struct TimeInfo {
    span: Range<usize>,
    expr: DateExpr,
    period: Result<Period, Unplaced>,
    /// "last year's": binds only to figures after it.
    possessive: bool,
    /// "said on Wednesday": when it was said, not what the figure is about.
    reporting: bool,
    /// The word before: "by", "since", "in"...
    lead: String,
    clause: usize,
}

/// One figure being assembled.
struct Draft {
    span: Range<usize>,
    q: Quantity,
    first_word: usize,
    after_word: usize,
    clause: usize,
    role: Role,
    negative: bool,
    qualifier: Option<Qualifier>,
    qualifier_start: Option<usize>,
    record: bool,
    noun: Option<String>,
    measure: Option<String>,
    owner: Option<String>,
    period: Option<Period>,
    unresolved: Option<String>,
    keep: bool,
    baseline: bool,
    links: ChangeLinks,
    /// "doubled", "halved": a change stated by a verb, loosely.
    multiple: bool,
}

impl Draft {
    /// A figure as found, before its context is read.
    fn new(
        span: Range<usize>,
        q: Quantity,
        first_word: usize,
        after_word: usize,
        clause: usize,
    ) -> Draft {
        Draft {
            span,
            q,
            first_word,
            after_word,
            clause,
            role: Role::Actual,
            negative: false,
            qualifier: None,
            qualifier_start: None,
            record: false,
            noun: None,
            measure: None,
            owner: None,
            period: None,
            unresolved: None,
            keep: true,
            baseline: false,
            links: ChangeLinks::default(),
            multiple: false,
        }
    }
}

/// What earlier sentences of a document tell later ones.
#[derive(Debug, Default)]
struct Narrative {
    /// The latest day the story has reached ("on Wednesday", "next
    /// Wednesday"): "will stay until Friday" counts from there.
    anchor: Option<NaiveDate>,
    /// Measures of the previous sentence's figures, by kind, for "This fell
    /// short of ..." sentences that name no measure themselves.
    previous: Vec<(Kind, String)>,
}

/// Words that open a sentence referring back to the previous one.
const ANAPHORS: &[&str] = &[
    "this",
    "that",
    "it",
    "these",
    "which",
    "the figure",
    "the total",
    "the amount",
];

/// Turn a document's atoms into claims.
pub fn assemble(
    doc: &Document,
    doc_index: usize,
    atoms: Vec<Atom>,
    lex: &Lexicon,
    bands: &Bands,
) -> Vec<Claim> {
    let prose = doc.prose.as_str();
    let mut claims = Vec::new();
    let sentences = sentence::split(prose);
    let mut atoms = atoms
        .into_iter()
        .filter(|a| !doc.is_repeated(a.span.start))
        .peekable();
    let mut story = Narrative::default();
    for sent in sentences {
        let mut here = Vec::new();
        while let Some(a) = atoms.peek() {
            if a.span.start >= sent.end {
                break;
            }
            let a = atoms.next().expect("peeked");
            if a.span.start >= sent.start {
                here.push(a);
            }
        }
        if here.is_empty() {
            story.previous.clear();
            continue;
        }
        let first_new = claims.len();
        let opening = prose[sent.clone()].to_lowercase();
        let refers_back = ANAPHORS.iter().any(|a| {
            opening.starts_with(a) && !opening[a.len()..].starts_with(char::is_alphanumeric)
        });
        let carry = if refers_back {
            std::mem::take(&mut story.previous)
        } else {
            Vec::new()
        };
        let reading = Reading {
            doc,
            doc_index,
            lex,
            bands,
        };
        sentence_claims(
            &reading,
            sent.clone(),
            here,
            &mut story,
            &carry,
            &mut claims,
        );
        let new = &claims[first_new..];
        story.previous = new
            .iter()
            .filter(|c| matches!(c.kind, Kind::Money | Kind::Percent | Kind::Count))
            .filter_map(|c| c.measure.clone().map(|m| (c.kind, m)))
            .collect();
    }
    claims
}

/// What stays fixed while one document is read.
#[derive(Debug, Clone, Copy)]
struct Reading<'a> {
    doc: &'a Document,
    doc_index: usize,
    lex: &'a Lexicon,
    bands: &'a Bands,
}

fn sentence_claims(
    reading: &Reading,
    sent: Range<usize>,
    atoms: Vec<Atom>,
    story: &mut Narrative,
    carry: &[(Kind, String)],
    out: &mut Vec<Claim>,
) {
    let Reading {
        doc,
        doc_index,
        lex,
        bands,
    } = *reading;
    let prose = doc.prose.as_str();
    let words = sentence::words(prose, sent.clone());
    let lowers: Vec<String> = words.iter().map(lower).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w.text)).collect();
    let protected: Vec<Range<usize>> = atoms.iter().map(|a| a.span.clone()).collect();
    let clauses = sentence::clause_starts(prose, sent.clone(), &protected);
    let word_at = |offset: usize| words.partition_point(|w| w.start < offset);
    let published = doc.published();

    // Years written as bare numbers become time expressions.
    let atoms: Vec<Atom> = atoms
        .into_iter()
        .map(|a| match &a.kind {
            AtomKind::Quantity(q) if is_bare_year(prose, &a, q, &lowers, word_at(a.span.start)) => {
                let y = q.number.value.try_into().unwrap_or(0i64) as i32;
                Atom {
                    span: a.span,
                    kind: AtomKind::Time(DateExpr::Year(y)),
                }
            }
            _ => a,
        })
        .collect();

    let mut times: Vec<TimeInfo> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    for a in &atoms {
        let first = word_at(a.span.start);
        let after = word_at(a.span.end);
        let clause = sentence::clause_of(&clauses, a.span.start);
        match &a.kind {
            AtomKind::Time(expr) => {
                let future = looks_ahead(&lowers, first, after, &clauses, &words, clause);
                let lead = first
                    .checked_sub(1)
                    .map(|i| lowers[i].clone())
                    .unwrap_or_default();
                let text = &prose[a.span.clone()];
                let possessive = text.ends_with("'s")
                    || text.ends_with("’s")
                    || prose[a.span.end..].starts_with("'s")
                    || prose[a.span.end..].starts_with("’s");
                // A weekday ahead counts from the day the story has reached.
                let reference = match (expr, future, story.anchor, published) {
                    (DateExpr::Weekday { step: None, .. }, true, Some(a), Some(p))
                        if a >= p - Duration::days(7) && a <= p + Duration::days(14) =>
                    {
                        Some(a)
                    }
                    _ => published,
                };
                times.push(TimeInfo {
                    span: a.span.clone(),
                    expr: *expr,
                    period: date::resolve(*expr, reference, future),
                    possessive,
                    reporting: is_reporting(&lowers, first, after, &|i| {
                        sentence::clause_of(&clauses, words[i].start) == clause
                    }),
                    lead,
                    clause,
                });
            }
            AtomKind::Quantity(q) => {
                let (span, q) = match fraction_of_a_point(prose, &a.span, q) {
                    Some((end, pp)) => (a.span.start..end, pp),
                    None => (a.span.clone(), q.clone()),
                };
                drafts.push(Draft::new(span, q, first, after, clause));
            }
            AtomKind::Multiple(percent) => {
                let q = Quantity {
                    kind: Kind::Percent,
                    number: super::number::Number {
                        value: percent.abs(),
                        decimals: 0,
                        form: Form::Words,
                    },
                    factor: Decimal::ONE,
                    high: None,
                    unit: Some("%".into()),
                    hyphenated: false,
                };
                let mut d = Draft::new(a.span.clone(), q, first, after, clause);
                d.role = Role::Change;
                d.negative = percent.is_sign_negative();
                d.multiple = true;
                drafts.push(d);
            }
        }
    }

    // "a year earlier" counts back from another period in the sentence.
    let anchor = times
        .iter()
        .filter(|t| !matches!(t.expr, DateExpr::Before { .. }) && !t.reporting)
        .find_map(|t| t.period.clone().ok());
    for t in &mut times {
        // "in June ... a year earlier" is June of the year before, not May.
        if let (DateExpr::Before { unit }, Some(a)) = (t.expr, anchor) {
            t.period = a.earlier_by(unit).ok_or(Unplaced::Invalid);
        }
    }

    if let Some(day) = times.iter().rev().find_map(|t| match t.period {
        Ok(Period::Day(d)) => Some(d),
        _ => None,
    }) {
        story.anchor = Some(day);
    }
    // Where each figure ends, counting its noun ("55,000 tonnes").
    let figure_spans: Vec<Range<usize>> = drafts
        .iter()
        .map(|d| {
            let noun_end = words
                .get(d.after_word)
                .filter(|w| w.start <= d.span.end + 1 && w.text.chars().all(char::is_alphabetic))
                .map_or(d.span.end, |w| w.end);
            d.span.start..noun_end
        })
        .collect();
    let quantity_spans: Vec<(Range<usize>, Kind)> =
        drafts.iter().map(|d| (d.span.clone(), d.q.kind)).collect();
    for d in &mut drafts {
        qualify(prose, sent.start, d);
        d.record = has_record(&lowers, d.first_word, d.clause, &clauses, &words);
        d.noun = counted_noun(&words, &lowers, d);
        decide_role(&lowers, &words, &clauses, &quantity_spans, d);
        d.measure = find_measure(lex, &words, &lowers, &folded, &clauses, d);
        if d.measure.is_none() {
            // "This fell short of the target...": the previous sentence's
            // measure beats a guess from this clause.
            let carried = carry
                .iter()
                .find(|(k, _)| *k == d.q.kind && matches!(k, Kind::Money | Kind::Percent))
                .map(|(_, m)| m.clone());
            d.measure = carried.or_else(|| subject_guess(lex, &words, &lowers, &clauses, d));
        }
        // "GDP per capita", "$54,300 per person": not the total.
        let window = d.first_word.saturating_sub(8)..(d.after_word + 3).min(words.len());
        let per_head = window.clone().any(|i| {
            matches!(lowers[i].as_str(), "per" | "a" | "each" | "every")
                && lowers.get(i + 1).is_some_and(|w| is_in(w, PER_HEAD))
        });
        // "£690 a week": right after the figure.
        let rate = (d.after_word..(d.after_word + 2).min(words.len()))
            .find(|&i| {
                matches!(lowers[i].as_str(), "a" | "an" | "per")
                    && lowers.get(i + 1).is_some_and(|w| is_in(w, RATE_UNITS))
            })
            .map(|i| lowers[i + 1].clone());
        if let (Some(unit), Some(m)) = (rate, d.measure.as_mut()) {
            m.push_str(&format!(" per {unit}"));
        }
        if per_head {
            if let Some(m) = d.measure.as_mut().filter(|m| !m.ends_with("per capita")) {
                m.push_str(" per capita");
            }
        }
        d.owner = find_owner(lex, &words, &lowers, d);
        d.baseline = d
            .first_word
            .checked_sub(1)
            .is_some_and(|i| lowers[i] == "from");
        bind_period(&times, d, &figure_spans, doc.published().is_none());
        // "Section 301 tariffs", "Boeing 737 jets", "Windows 10 users": a
        // bare number after a capitalised word inside a sentence is a name.
        let after_name = d.q.kind == Kind::Count
            && d.q.factor == Decimal::ONE
            && d.first_word >= 2
            && words[d.first_word - 1].text.starts_with(char::is_uppercase)
            && words[d.first_word - 1].end + 1 == d.span.start
            && date::month_name(words[d.first_word - 1].text).is_err()
            && d.qualifier.is_none();
        if after_name {
            d.keep = false;
        }
        if d.q.kind == Kind::Count && d.noun.is_none() && d.q.number.form == Form::Words {
            // "one of the", "the two": number words without a noun are not figures.
            d.keep = false;
        }
    }
    link_changes(prose, &mut drafts);
    mark_comparison_basis(prose, &sent, &clauses, &mut drafts);

    for d in drafts.into_iter().filter(|d| d.keep) {
        out.push(to_claim(doc, doc_index, &sent, d, bands));
    }
    for t in times {
        out.push(time_claim(doc, doc_index, &sent, t));
    }
    let first_here = out.partition_point(|c| c.sentence.start < sent.start);
    out[first_here..].sort_by_key(|c| c.span.start);
}

/// "half a percentage point", "a quarter of a percentage point": a fraction
/// of a point, not a share. Returns the new span end and quantity.
fn fraction_of_a_point(
    prose: &str,
    span: &Range<usize>,
    q: &Quantity,
) -> Option<(usize, Quantity)> {
    if q.number.form != Form::Fraction {
        return None;
    }
    let rest = &prose[span.end..];
    let lower = rest.get(..32).unwrap_or(rest).to_ascii_lowercase();
    let tail = [" of a percentage point", " a percentage point"]
        .iter()
        .find(|t| lower.starts_with(*t))?;
    let mut pp = q.clone();
    pp.kind = Kind::PercentagePoints;
    pp.factor = Decimal::ONE;
    pp.unit = Some("pp".into());
    Some((span.end + tail.len(), pp))
}

/// A bare four-digit number in the year range is a year unless something
/// counts it ("2000 people" after no preposition).
fn is_bare_year(prose: &str, a: &Atom, q: &Quantity, lowers: &[String], first: usize) -> bool {
    let text = &prose[a.span.clone()];
    let y = q.number.value;
    if q.kind != Kind::Count
        || q.high.is_some()
        || q.factor != Decimal::ONE
        || text.len() != 4
        || !text.bytes().all(|b| b.is_ascii_digit())
        || !(Decimal::from(1800)..Decimal::from(2200)).contains(&y)
    {
        return false;
    }
    let before = first
        .checked_sub(1)
        .map(|i| lowers[i].as_str())
        .unwrap_or("");
    let after_is_noun = prose[a.span.end..]
        .trim_start()
        .starts_with(|c: char| c.is_lowercase())
        && !prose[a.span.end..].starts_with(['.', ',', ';', ')']);
    let introduces_time = matches!(
        before,
        "in" | "by"
            | "since"
            | "until"
            | "from"
            | "of"
            | "for"
            | "to"
            | "during"
            | "before"
            | "after"
            | "the"
            | "and"
            | "between"
            | "through"
            | "early"
            | "late"
            | "mid"
            | "year"
            | "fiscal"
            | "fy"
            | "or"
            | "than"
    );
    introduces_time || !after_is_noun
}

/// Whether the clause around a time looks ahead ("will meet on Thursday").
fn looks_ahead(
    lowers: &[String],
    first: usize,
    after: usize,
    clauses: &[usize],
    words: &[Word],
    clause: usize,
) -> bool {
    // A reporting verb right beside the time puts it in the past.
    let same_clause = |i: usize| sentence::clause_of(clauses, words[i].start) == clause;
    if is_reporting(lowers, first, after, &same_clause) {
        return false;
    }
    // A past verb just before it: "landed in Beijing early on Thursday".
    let past_before = (first.saturating_sub(4)..first).any(|i| {
        same_clause(i)
            && (is_in(&lowers[i], PAST_WORDS) || lowers[i].ends_with("ed") && lowers[i].len() > 3)
    });
    if past_before {
        return false;
    }
    (0..lowers.len())
        .filter(|&i| {
            sentence::clause_of(clauses, words[i].start) == clause || i + 6 >= first && i < first
        })
        .any(|i| is_in(&lowers[i], FUTURE_WORDS))
}

/// "said on Wednesday", "said Wednesday", "on Wednesday said": a reporting
/// verb right beside the time, in the same clause.
fn is_reporting(
    lowers: &[String],
    first: usize,
    after: usize,
    same_clause: &dyn Fn(usize) -> bool,
) -> bool {
    let before = |k: usize| first.checked_sub(k).map(|i| lowers[i].as_str());
    if before(1).is_some_and(|w| is_in(w, REPORTING_WORDS))
        || before(1) == Some("on") && before(2).is_some_and(|w| is_in(w, REPORTING_WORDS))
    {
        return true;
    }
    (after..(after + 4).min(lowers.len()))
        .any(|i| same_clause(i) && is_in(&lowers[i], REPORTING_WORDS))
}

/// Qualifier words just before the figure.
fn qualify(prose: &str, sent_start: usize, d: &mut Draft) {
    let head = prose[sent_start..d.span.start].trim_end();
    let lower = head.to_lowercase();
    for (phrase, q) in QUALIFIERS {
        if let Some(before) = lower.strip_suffix(phrase) {
            if before.is_empty() || before.ends_with(|c: char| !c.is_alphanumeric()) {
                d.qualifier = Some(*q);
                d.qualifier_start = Some(sent_start + before.len());
                return;
            }
        }
    }
}

/// "a record $108bn", "a record high of", "record level of".
fn has_record(
    lowers: &[String],
    first: usize,
    clause: usize,
    clauses: &[usize],
    words: &[Word],
) -> bool {
    (first.saturating_sub(5)..first)
        .filter(|&i| sentence::clause_of(clauses, words[i].start) == clause)
        .any(|i| {
            lowers[i] == "record" || lowers[i].starts_with("record-") || lowers[i] == "all-time"
        })
}

/// Verbs that end like plurals and follow a subject noun: "assembly runs".
const S_VERBS: &[&str] = &[
    "runs", "starts", "opens", "begins", "ends", "takes", "makes", "comes", "goes", "includes",
    "remains", "means", "seems", "follows", "marks", "sees", "gets", "leaves", "brings", "shows",
    "says", "lasts", "closes", "holds", "meets", "covers", "puts", "sets", "stands", "falls",
    "rises", "grows", "needs", "costs",
];

/// Participles without "-ed" that end a noun phrase: "assets held by".
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "held", "made", "given", "taken", "paid", "sold", "built", "left", "spent", "set", "put",
    "seen", "known", "shown", "won", "brought", "bought", "kept", "found", "told", "led", "owned",
    "drawn", "done", "gone", "hit", "born", "worn", "torn", "frozen", "stolen", "chosen",
];

/// "per capita", "per person": a figure divided among people.
const PER_HEAD: &[&str] = &[
    "capita",
    "person",
    "head",
    "household",
    "resident",
    "inhabitant",
    "worker",
    "employee",
    "pupil",
    "student",
    "child",
    "patient",
    "passenger",
    "visitor",
];

/// "£690 a week", "$12 an hour": a rate, not a total.
const RATE_UNITS: &[&str] = &["hour", "day", "week", "month"];

/// Nouns that count people without saying what happened to them.
const GENERIC_NOUNS: &[&str] = &[
    "people",
    "persons",
    "individuals",
    "civilians",
    "children",
    "men",
    "women",
    "residents",
];

/// Plurals without an "s".
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "cattle",
    "data",
    "sheep",
    "fish",
    "aircraft",
    "troops",
];

/// The noun a count counts: "30 agreements", "two giant pandas", "12.0
/// million containers". Up to three words, stopping at function words,
/// verbs, and after the first plural (the head).
fn counted_noun(words: &[Word], lowers: &[String], d: &Draft) -> Option<String> {
    if !(d.q.kind == Kind::Count || d.q.kind == Kind::Duration && d.q.hyphenated) {
        return None;
    }
    noun_after(words, lowers, d.after_word, d.span.end).map(|i| lowers[i].clone())
}

/// Index of the head noun of the phrase starting right after a figure.
fn noun_after(words: &[Word], lowers: &[String], from: usize, figure_end: usize) -> Option<usize> {
    let first = words.get(from)?;
    // The phrase must follow the figure directly ("30 agreements", "three-day visit").
    if first.start > figure_end + 1 {
        return None;
    }
    let mut head = None;
    for i in from..(from + 3).min(words.len()) {
        let w = lowers[i].as_str();
        if is_in(w, STOPWORDS)
            || is_in(w, NOT_NOUNS)
            || is_in(w, RISE_WORDS)
            || is_in(w, FALL_WORDS)
            || is_in(w, REPORTING_WORDS)
            || matches!(w, "http" | "https" | "www")
            || is_in(w, IRREGULAR_PARTICIPLES)
            || (i > from && is_in(w, S_VERBS))
            || w.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (w.ends_with("ed") && w.len() > 4 && !words[i].text.starts_with(char::is_uppercase))
            || (w.ends_with("ing") && w.len() > 5)
        {
            break;
        }
        head = Some(i);
        let plural =
            (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")) || is_in(w, IRREGULAR_PLURALS);
        // Punctuation after the word ends the phrase, and so does its head.
        let punct_after = words.get(i + 1).is_none_or(|n| n.start > words[i].end + 1);
        if plural || punct_after {
            break;
        }
    }
    head
}

fn decide_role(
    lowers: &[String],
    words: &[Word],
    clauses: &[usize],
    quantities: &[(Range<usize>, Kind)],
    d: &mut Draft,
) {
    if matches!(d.q.kind, Kind::Duration) {
        return;
    }
    // "doubled" is a change already; the words around it are not asked.
    let change = if d.multiple {
        Some(d.negative)
    } else {
        change_direction(lowers, words, clauses, d)
    };
    if let Some(negative) = change {
        d.role = Role::Change;
        d.negative = negative;
    }
    // A target or forecast governs even a change: "will grow 1.8%" is a
    // forecast, "cut emissions by 40% by 2030" a target.
    if let Some(role) = target_or_forecast(lowers, words, clauses, quantities, d) {
        d.role = role;
    }
}

/// Whether the figure is a rise or fall ("rose 24.5%", "a 24.5 percent
/// rise", "up 3%", "cut rates by 25 basis points"): `Some(true)` for a fall.
/// "rose to 4.2%" is a level, not a change.
fn change_direction(
    lowers: &[String],
    words: &[Word],
    clauses: &[usize],
    d: &Draft,
) -> Option<bool> {
    let first = d.first_word;
    let prev = |k: usize| first.checked_sub(k).map(|i| lowers[i].as_str());
    let same_clause = |i: usize| sentence::clause_of(clauses, words[i].start) == d.clause;
    let rate = matches!(d.q.kind, Kind::Percent | Kind::PercentagePoints);
    // The words between a change word and the figure: "by", qualifiers, "an".
    let skip = |w: &str| {
        matches!(
            w,
            "by" | "an"
                | "a"
                | "another"
                | "some"
                | "about"
                | "nearly"
                | "almost"
                | "around"
                | "roughly"
                | "more"
                | "than"
                | "over"
                | "just"
                | "close"
                | "sharply"
                | "annual"
                | "annualised"
                | "annualized"
                | "year-on-year"
                | "strong"
                | "further"
        )
    };
    // "made up 46%", "took up": phrasal verbs, not rises.
    let phrasal_up = |k: usize| {
        matches!(
            prev(k + 1),
            Some(
                "made"
                    | "make"
                    | "makes"
                    | "making"
                    | "take"
                    | "took"
                    | "takes"
                    | "taken"
                    | "sum"
                    | "summed"
                    | "add"
                    | "adds"
            )
        )
    };
    let mut k = 1;
    let mut saw_by = false;
    while let Some(w) = prev(k) {
        if !same_clause(first - k) {
            break;
        }
        if w == "by" {
            saw_by = true;
        }
        if skip(w) && k < 5 {
            k += 1;
            continue;
        }
        // "cut rates by 25 basis points": the verb, its object, then "by".
        if saw_by && !is_in(w, RISE_WORDS) && !is_in(w, FALL_WORDS) {
            let verb = (k..k + 3)
                .take_while(|&j| prev(j).is_some() && same_clause(first - j))
                .find(|&j| prev(j).is_some_and(|v| is_in(v, RISE_WORDS) || is_in(v, FALL_WORDS)));
            return verb.map(|j| prev(j).is_some_and(|v| is_in(v, FALL_WORDS)));
        }
        // "an increase of 5%", "growth of 3%"
        let w = if w == "of" {
            prev(k + 1).unwrap_or("")
        } else {
            w
        };
        let rise = is_in(w, RISE_WORDS) && !(w == "up" && phrasal_up(k));
        let fall = is_in(w, FALL_WORDS);
        let ok = rate || saw_by || w == "up" || w == "down";
        if (rise || fall) && ok && (prev(k) != Some("of") || rate || saw_by) {
            return Some(fall);
        }
        break;
    }
    // "a 24.5 percent rise", "5% growth"
    if rate {
        let next = lowers.get(d.after_word)?;
        let next = if matches!(
            next.as_str(),
            "annual" | "year-on-year" | "yearly" | "quarterly"
        ) {
            lowers.get(d.after_word + 1).cloned().unwrap_or_default()
        } else {
            next.clone()
        };
        if is_in(&next, RISE_WORDS) && next != "up" || is_in(&next, FALL_WORDS) && next != "down" {
            return Some(is_in(&next, FALL_WORDS));
        }
    }
    None
}

/// Words after a figure that make it a target or forecast: "a $200bn
/// target", "the 1.8% the IMF had forecast".
const ROLE_WORDS_AFTER: &[(&str, Role)] = &[
    ("target", Role::Target),
    ("goal", Role::Target),
    ("targeted", Role::Target),
    ("forecast", Role::Forecast),
    ("forecasts", Role::Forecast),
    ("forecasted", Role::Forecast),
    ("projected", Role::Forecast),
    ("predicted", Role::Forecast),
    ("expected", Role::Forecast),
];

fn target_or_forecast(
    lowers: &[String],
    words: &[Word],
    clauses: &[usize],
    quantities: &[(Range<usize>, Kind)],
    d: &Draft,
) -> Option<Role> {
    let first = d.first_word;
    // A target or forecast word governs the first figure of its kind after
    // it, across commas but not across "while", "but", "following".
    for i in (first.saturating_sub(14)..first).rev() {
        if is_in(&lowers[i], sentence::CLAUSE_WORDS) {
            break;
        }
        let w = lowers[i].as_str();
        let is_target = is_in(w, TARGET_WORDS);
        let is_forecast = is_in(w, FORECAST_WORDS);
        if !(is_target || is_forecast) {
            continue;
        }
        let between = words[i].end..d.span.start;
        let blocked = quantities
            .iter()
            .any(|(q, kind)| q.start >= between.start && q.end <= between.end && *kind == d.q.kind);
        if blocked {
            break;
        }
        return Some(if is_target {
            Role::Target
        } else {
            Role::Forecast
        });
    }
    let same_clause = |i: usize| sentence::clause_of(clauses, words[i].start) == d.clause;
    (d.after_word..(d.after_word + 4).min(lowers.len()))
        .take_while(|&i| same_clause(i))
        .find_map(|i| {
            ROLE_WORDS_AFTER
                .iter()
                .find(|(w, _)| *w == lowers[i])
                .map(|(_, r)| *r)
        })
}

/// What the figure quantifies.
fn find_measure(
    lex: &Lexicon,
    words: &[Word],
    lowers: &[String],
    folded: &[String],
    clauses: &[usize],
    d: &Draft,
) -> Option<String> {
    let clause_of = |i: usize| sentence::clause_of(clauses, words[i].start);
    // Where an "of" phrase would start: after the figure, or after its unit
    // noun ("50 gigawatts of solar capacity").
    let after_figure = match &d.noun {
        Some(n) if d.q.kind == Kind::Count => (d.after_word..(d.after_word + 4).min(words.len()))
            .find(|&i| &lowers[i] == n)
            .map_or(d.after_word, |i| i + 1),
        _ => d.after_word,
    };
    let noun_phrase_after = |from: usize| -> Option<(String, usize)> {
        let mut end = from;
        while end < words.len() && end < from + 4 {
            let w = lowers[end].as_str();
            let leading_article = end == from && matches!(w, "the" | "all" | "a" | "an");
            if !leading_article
                && (is_in(w, STOPWORDS)
                    || is_in(w, RISE_WORDS)
                    || is_in(w, FALL_WORDS)
                    || is_in(w, REPORTING_WORDS)
                    || is_in(w, IRREGULAR_PARTICIPLES)
                    || (end > from && is_in(w, S_VERBS))
                    || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || (w.ends_with("ed") && !words[end].text.starts_with(char::is_uppercase)))
            {
                break;
            }
            end += 1;
            if end < words.len() && words[end].start > words[end - 1].end + 1 {
                break;
            }
        }
        // A phrase the lexicon names ("gross domestic product") is its id ("gdp").
        let content =
            (from..end).find(|&i| !matches!(lowers[i].as_str(), "the" | "all" | "a" | "an"));
        if let Some(c) = content {
            if let Some(m) = lex.match_at(&folded[c..end]).filter(|m| m.words == end - c) {
                return Some((m.id, end));
            }
        }
        let phrase: Vec<&str> = (from..end).map(|i| words[i].text).collect();
        let phrase = lex.normalise_phrase(&phrase.join(" "));
        (!phrase.is_empty()).then_some((phrase, end))
    };
    // The term and its qualifiers, found at word i.
    let term_at = |i: usize, limit: usize| -> Option<String> {
        let m = lex.match_at(&folded[i..limit])?;
        let mut id = m.id.clone();
        if let Some(prev) = i.checked_sub(1) {
            let p = lowers[prev].as_str();
            // Only words the rules list as telling measures apart ("solar
            // capacity" is not "wind capacity"); "total trade" is trade.
            let modifier = lex.is_modifier(p) && clause_of(prev) == clause_of(i);
            if modifier {
                id = format!("{p} {id}");
            }
        }
        let after = i + m.words;
        let prep = m.trailing_preposition.or_else(|| {
            lowers
                .get(after)
                .filter(|w| matches!(w.as_str(), "to" | "from" | "on"))
                .cloned()
        });
        let np_start = if lex
            .match_at(&folded[i..limit])
            .is_some_and(|x| x.trailing_preposition.is_some())
        {
            after
        } else {
            after + 1
        };
        // "rents in Lisbon" are not "rents in Porto".
        if lowers.get(after).is_some_and(|w| w == "in") {
            let place = words.get(after + 1).filter(|w| {
                w.start < d.span.start
                    && w.text.starts_with(char::is_uppercase)
                    && date::month_name(w.text).is_err()
                    && date::weekday_name(w.text).is_err()
            });
            if let Some(p) = place {
                return Some(format!("{id} in {}", lex.normalise_phrase(p.text)));
            }
        }
        if let Some(prep) = prep.filter(|p| matches!(p.as_str(), "to" | "from" | "on")) {
            if np_start < d.first_word {
                if let Some((np, _)) = noun_phrase_after(np_start) {
                    return Some(format!("{id} {prep} {np}"));
                }
            }
            if np_start >= d.first_word && prep == "on" {
                // "tariffs on $200bn worth of Chinese goods": the goods come after.
                if let Some(goods) = of_phrase(lowers, after_figure).and_then(&noun_phrase_after) {
                    return Some(format!("{id} on {}", goods.0));
                }
            }
        }
        Some(id)
    };

    // "three-day visit": a duration measures the thing it is the length of.
    if d.q.kind == Kind::Duration {
        return d.noun.as_deref().map(fold);
    }

    // "$5 billion of assets", "90% of all payments", "US$200 billion worth of goods"
    let of_np = of_phrase(lowers, after_figure).and_then(|s| noun_phrase_after(s).map(|x| x.0));

    // A count's own noun names it when the lexicon knows the noun ("30
    // agreements"); a unit ("38 gigawatts") leaves it to the context.
    let counts_a_unit = d.noun.as_deref().is_some_and(|n| lex.is_unit(n));
    if d.q.kind == Kind::Count && !counts_a_unit {
        if let Some(noun_idx) = (d.after_word..(d.after_word + 4).min(words.len()))
            .find(|&i| Some(&lowers[i]) == d.noun.as_ref())
        {
            // "people killed": the noun and the word after.
            let lo = d.after_word;
            let hi = (noun_idx + 1).min(words.len() - 1);
            for i in lo..=hi {
                if let Some(m) = lex.match_at(&folded[i..(noun_idx + 2).min(words.len())]) {
                    // "two largest economies" is not a GDP figure.
                    if matches!(
                        lex.dimension(&m.id),
                        Some(Dimension::Count | Dimension::Any)
                    ) {
                        return Some(m.id);
                    }
                }
            }
            let of = of_phrase(lowers, noun_idx + 1).and_then(|s| {
                (s..(s + 4).min(words.len())).find_map(|i| term_at(i, (s + 4).min(words.len())))
            });
            if of.is_some() {
                return of;
            }
            // "87 people were killed", "the floods killed 87 people": a
            // generic noun takes its measure from the verb beside it.
            if is_in(&lowers[noun_idx], GENERIC_NOUNS) {
                let counted = |i: usize| {
                    lex.match_at(&folded[i..i + 1])
                        .filter(|m| matches!(lex.dimension(&m.id), Some(Dimension::Count)))
                };
                let right = (noun_idx + 1..(noun_idx + 4).min(words.len()))
                    .take_while(|&i| clause_of(i) == d.clause)
                    .find_map(counted);
                let left = || {
                    (d.first_word.saturating_sub(6)..d.first_word)
                        .rev()
                        .take_while(|&i| clause_of(i) == d.clause)
                        .find_map(counted)
                };
                if let Some(m) = right.or_else(left) {
                    return Some(m.id);
                }
            }
            return Some(fold(&lowers[noun_idx]));
        }
    }

    // "a €14.2 billion takeover", "his £55 million transfer", "a $2bn loss".
    if matches!(d.q.kind, Kind::Money) {
        if let Some(m) = (d.after_word < words.len() && clause_of(d.after_word) == d.clause)
            .then(|| lex.match_at(&folded[d.after_word..(d.after_word + 3).min(words.len())]))
            .flatten()
        {
            return Some(m.id);
        }
    }

    // "US$200 billion in annual trade": the measure named after "in".
    if lowers.get(after_figure).map(String::as_str) == Some("in") {
        let s = after_figure + 1;
        let limit = (s + 3).min(words.len());
        if let Some(found) = (s..limit).find_map(|i| term_at(i, limit)) {
            return Some(found);
        }
    }

    // The nearest term before the figure in its clause, then in earlier
    // clauses of the sentence, skipping relative clauses (", which ...,").
    let clause_first_word = |c: usize| (0..words.len()).find(|&i| clause_of(i) == c);
    let mut c = d.clause as isize;
    while c >= 0 {
        let cu = c as usize;
        let relative = clause_first_word(cu)
            .is_some_and(|i| matches!(lowers[i].as_str(), "which" | "who" | "where"));
        if cu == d.clause || !relative {
            let limit = if cu == d.clause {
                d.first_word
            } else {
                words.len()
            };
            let idxs: Vec<usize> = (0..limit.min(words.len()))
                .filter(|&i| clause_of(i) == cu)
                .collect();
            for &i in idxs.iter().rev() {
                if let Some(found) = term_at(i, limit.min(words.len())) {
                    if d.q.kind == Kind::Percent {
                        if let Some(np) = &of_np {
                            return Some(format!("{found} of {np}"));
                        }
                    }
                    return Some(found);
                }
            }
        }
        c -= 1;
    }
    // A term named in an "of" phrase after the figure.
    if let Some(s) = of_phrase(lowers, after_figure) {
        if let Some(found) =
            (s..(s + 4).min(words.len())).find_map(|i| term_at(i, (s + 4).min(words.len())))
        {
            return Some(found);
        }
    }
    if let Some(np) = of_np {
        return Some(np);
    }
    // A counted noun names its own measure, but a unit ("12,000 tonnes")
    // does not: cod and haddock quotas are both in tonnes.
    if let Some(noun) = d.noun.as_deref().filter(|n| !lex.is_unit(n)) {
        return Some(fold(noun));
    }
    None
}

/// Words that open a clause without naming anything: "well short of",
/// "far above", "more than double".
const NOT_SUBJECTS: &[&str] = &[
    "well", "short", "above", "below", "more", "less", "double", "half", "far", "still", "just",
    "even", "much", "nearly", "almost", "roughly", "unlikely", "likely", "reach", "two", "three",
];

/// A last guess at the measure: the clause's subject, its first run of
/// content words ("Container traffic at the port rose 15%").
fn subject_guess(
    lex: &Lexicon,
    words: &[Word],
    lowers: &[String],
    clauses: &[usize],
    d: &Draft,
) -> Option<String> {
    let clause_of = |i: usize| sentence::clause_of(clauses, words[i].start);
    let start = (0..d.first_word.min(words.len()))
        .filter(|&i| clause_of(i) == d.clause)
        .find(|&i| {
            let w = lowers[i].as_str();
            !is_in(w, STOPWORDS)
                && !w.ends_with("'s")
                && !w.ends_with("’s")
                && w.chars().all(char::is_alphabetic)
        })?;
    let mut end = start;
    while end < d.first_word.min(words.len()) && end < start + 3 {
        let w = lowers[end].as_str();
        if is_in(w, STOPWORDS)
            || is_in(w, RISE_WORDS)
            || is_in(w, FALL_WORDS)
            || is_in(w, REPORTING_WORDS)
            || is_in(w, IRREGULAR_PARTICIPLES)
            || (end > start && is_in(w, S_VERBS))
            || (w.ends_with("ed") && !words[end].text.starts_with(char::is_uppercase))
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            break;
        }
        end += 1;
    }
    if end == start
        || (start..end).any(|i| is_in(&lowers[i], NOT_SUBJECTS) || lowers[i].ends_with("ly"))
    {
        return None;
    }
    let phrase: Vec<&str> = (start..end).map(|i| words[i].text).collect();
    Some(lex.normalise_phrase(&phrase.join(" ")))
}

/// Verbs whose subject owns the figure that follows: "Sunwave reported
/// revenue of $61.5bn", "Tom Adeyemi, took 15,660 votes".
const ACTOR_VERBS: &[&str] = &[
    "reported",
    "reports",
    "posted",
    "posts",
    "recorded",
    "records",
    "took",
    "takes",
    "won",
    "wins",
    "earned",
    "earns",
    "booked",
    "books",
    "had",
    "has",
    "made",
    "makes",
    "received",
    "receives",
    "spent",
    "spends",
    "paid",
    "pays",
    "sold",
    "sells",
    "raised",
    "raises",
    "generated",
    "generates",
    "lost",
    "loses",
    "secured",
    "secures",
    "collected",
    "polled",
    "attracted",
    "employs",
    "employed",
    "carried",
    "carries",
    "flew",
    "flies",
    "served",
    "serves",
    "handled",
    "handles",
    "shipped",
    "ships",
    "produced",
    "produces",
    "built",
    "builds",
    "delivered",
    "delivers",
    "welcomed",
    "welcomes",
    "invested",
    "invests",
    "borrowed",
    "owes",
    "hired",
    "hires",
    "shed",
    "sheds",
    "grossed",
    "grosses",
    "scored",
];

/// Capitalised words that never name an owner.
const NOT_OWNERS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "last",
    "this",
    "but",
    "and",
    "while",
    "however",
    "its",
    "their",
    "he",
    "she",
    "it",
    "they",
    "we",
    "our",
    "his",
    "her",
    "officials",
    "analysts",
];

/// Whose figure it is: a capitalised possessive shortly before it
/// ("Kestrel Mobile's revenue"), or a capitalised subject of an actor verb
/// ("Sunwave reported revenue of"). Everything else has no owner, which
/// keeps it comparable with everything.
fn find_owner(lex: &Lexicon, words: &[Word], lowers: &[String], d: &Draft) -> Option<String> {
    let first = d.first_word;
    let lo = first.saturating_sub(12);
    let capital = |i: usize| {
        words[i].text.starts_with(char::is_uppercase)
            && !is_in(&lowers[i], NOT_OWNERS)
            && date::month_name(words[i].text).is_err()
            && date::weekday_name(words[i].text).is_err()
            && !words[i].text.chars().all(|c| !c.is_lowercase())
    };
    // The capitalised run ending at word `end` (inclusive).
    let run = |end: usize| {
        let mut start = end;
        while start > lo && capital(start - 1) && words[start].start <= words[start - 1].end + 1 {
            start -= 1;
        }
        let text: Vec<&str> = (start..=end)
            .map(|i| {
                let w = words[i].text;
                w.strip_suffix("'s")
                    .or_else(|| w.strip_suffix("’s"))
                    .unwrap_or(w)
            })
            .collect();
        lex.normalise_phrase(&text.join(" "))
    };
    for i in (lo..first).rev() {
        if is_in(&lowers[i], sentence::CLAUSE_WORDS) {
            break;
        }
        let w = words[i].text;
        if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
            if stem.starts_with(char::is_uppercase) && !is_in(&stem.to_lowercase(), NOT_OWNERS) {
                return Some(run(i));
            }
        }
        if is_in(&lowers[i], ACTOR_VERBS) && i > lo {
            // "Sunwave reported", and "Tom Adeyemi, took" with its comma.
            if capital(i - 1) {
                return Some(run(i - 1));
            }
        }
    }
    None
}

/// Index of the word after "of" / "worth of" following the figure.
fn of_phrase(lowers: &[String], after: usize) -> Option<usize> {
    match lowers.get(after).map(String::as_str) {
        Some("of") => Some(after + 1),
        Some("worth") if lowers.get(after + 1).map(String::as_str) == Some("of") => Some(after + 2),
        _ => None,
    }
}

/// Bytes between a figure and a time expression.
fn gap(figure: &Range<usize>, time: &Range<usize>) -> usize {
    if time.start >= figure.end {
        time.start - figure.end
    } else {
        figure.start.saturating_sub(time.end)
    }
}

/// Pick the time expression the figure is about. A time belongs first to
/// the figure nearest it: in "fell to 42,000 tonnes last year from 55,000
/// tonnes in 2022", "last year" is the 42,000's and "in 2022" the 55,000's.
fn bind_period(times: &[TimeInfo], d: &mut Draft, others: &[Range<usize>], no_date: bool) {
    let mut best: Option<(usize, &TimeInfo)> = None;
    let own = others
        .iter()
        .find(|o| o.start == d.span.start)
        .cloned()
        .unwrap_or(d.span.clone());
    for t in times {
        if t.reporting || matches!(t.lead.as_str(), "since" | "until" | "till" | "from") {
            continue;
        }
        let after_figure = t.span.start >= d.span.end;
        if t.possessive && after_figure {
            continue;
        }
        // "from $1.1 billion a year earlier": only the figure right before.
        if matches!(t.expr, DateExpr::Before { .. })
            && !(after_figure && t.span.start - d.span.end <= 2)
        {
            continue;
        }
        // Weekdays and single days tell when something happened, rarely
        // what a money or percent figure is about.
        let distance = if after_figure {
            t.span.start - d.span.end
        } else {
            d.span.start.saturating_sub(t.span.end)
        };
        // Money and rates are about years, quarters and months: "tariffs on
        // $60bn that take effect on Saturday" are not a figure for that day.
        let day_level = matches!(t.period, Ok(Period::Day(_)));
        if day_level
            && matches!(
                d.q.kind,
                Kind::Money | Kind::Percent | Kind::PercentagePoints
            )
        {
            continue;
        }
        let mut score = gap(&own, &t.span).min(distance);
        if others
            .iter()
            .any(|o| o.start != d.span.start && gap(o, &t.span) < gap(&own, &t.span))
        {
            // A starting level ("from 120") never borrows the time of the
            // level it changed to: it is about an earlier period.
            if d.baseline {
                continue;
            }
            score += 1_000;
        }
        if t.clause != d.clause {
            // A single day in another clause says when something was done,
            // not what period a figure covers.
            if matches!(t.period, Ok(Period::Day(_))) {
                continue;
            }
            score += 10_000;
        }
        if t.lead == "by" && d.role != Role::Target && d.role != Role::Forecast {
            score += 5_000;
        }
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, t));
        }
    }
    if let Some((_, t)) = best {
        match &t.period {
            Ok(p) => d.period = Some(*p),
            Err(Unplaced::NeedsDate) if no_date => {
                d.unresolved = Some(unresolved_note(t));
            }
            Err(_) => {}
        }
    }
}

fn unresolved_note(_t: &TimeInfo) -> String {
    "relative to the publication date, which is unknown: add `date:` front matter or pass --date FILE=YYYY-MM-DD".into()
}

/// "rose 24.5% to $108bn": the change is a change of what the level
/// measures, in the same period; "fell 8% to $920m from $1.1bn": all three
/// share the measure.
fn link_changes(prose: &str, drafts: &mut [Draft]) {
    let is_level = |d: &Draft| {
        d.role != Role::Change && matches!(d.q.kind, Kind::Money | Kind::Count | Kind::Percent)
    };
    let word_before = |at: usize| {
        prose[..at]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase()
    };
    // "from A": A is the starting level, and measures what the figure
    // before it measures.
    for j in 0..drafts.len() {
        if word_before(drafts[j].span.start) != "from" {
            continue;
        }
        drafts[j].baseline = true;
        let Some(prev) = j.checked_sub(1) else {
            continue;
        };
        let between = prose[drafts[prev].span.end..drafts[j].span.start].to_lowercase();
        if between.len() < 40
            && (drafts[prev].q.kind == drafts[j].q.kind || drafts[j].measure.is_none())
        {
            drafts[j].measure = drafts[prev].measure.clone();
        }
    }
    for i in 0..drafts.len() {
        if drafts[i].role != Role::Change {
            continue;
        }
        // The level reached: "rose 24.5% to $108bn", or "$108bn, up 24.5%".
        let after = (i + 1..drafts.len()).find(|&j| {
            let between = prose[drafts[i].span.end..drafts[j].span.start].to_lowercase();
            between.len() < 60
                && (between.contains(" to ") || between.trim_start().starts_with("to "))
                && !between.contains(';')
        });
        let after = after.filter(|&j| {
            is_level(&drafts[j]) && (i + 1..j).all(|k| drafts[k].role != Role::Change)
        });
        let before = i.checked_sub(1).filter(|&j| {
            let between = prose[drafts[j].span.end..drafts[i].span.start].to_lowercase();
            let between = between.trim();
            is_level(&drafts[j])
                && !drafts[j].baseline
                && between.len() <= 32
                && (between.starts_with(',') || between.starts_with('(') || between.contains(", "))
                && [
                    "up", "down", "increase", "rise", "drop", "decline", "fall", "gain",
                ]
                .iter()
                .any(|w| between.split(|c: char| !c.is_alphabetic()).any(|x| x == *w))
        });
        let Some(to) = after.or(before) else {
            continue;
        };
        drafts[i].links.to = Some(drafts[to].span.start);
        let (m, p) = (drafts[to].measure.clone(), drafts[to].period);
        if m.is_some() {
            drafts[i].measure = m;
        }
        if drafts[i].period.is_none() {
            drafts[i].period = p;
        }
        if drafts[to].period.is_none() {
            drafts[to].period = drafts[i].period;
        }
        // The starting level: the nearest "from" figure of the level's kind.
        let from = (0..drafts.len())
            .filter(|&k| {
                k != to && k != i && drafts[k].baseline && drafts[k].q.kind == drafts[to].q.kind
            })
            .min_by_key(|&k| drafts[k].span.start.abs_diff(drafts[i].span.start));
        if let Some(k) = from {
            drafts[i].links.from = Some(drafts[k].span.start);
        }
    }
}

/// What a change is measured against. Year-on-year and quarter-on-quarter
/// growth often sit side by side; they must never be compared.
const BASES: &[(&str, &str)] = &[
    ("quarter-on-quarter", "q/q"),
    ("q/q", "q/q"),
    ("qoq", "q/q"),
    ("previous quarter", "q/q"),
    ("prior quarter", "q/q"),
    ("preceding quarter", "q/q"),
    ("quarterly", "q/q"),
    ("month-on-month", "m/m"),
    ("m/m", "m/m"),
    ("previous month", "m/m"),
    ("monthly", "m/m"),
    ("year-on-year", "y/y"),
    ("year on year", "y/y"),
    ("quarter on quarter", "q/q"),
    ("month on month", "m/m"),
    ("previous three months", "q/q"),
    ("preceding three months", "q/q"),
    ("on a quarterly basis", "q/q"),
    ("on an annual basis", "y/y"),
    ("y/y", "y/y"),
    ("yoy", "y/y"),
    ("year earlier", "y/y"),
    ("year ago", "y/y"),
    ("previous year", "y/y"),
    ("annualised", "annualised"),
    ("annualized", "annualised"),
    ("annual rate", "annualised"),
];

/// Tag change figures with the basis written beside them: first after the
/// figure (up to the next figure or clause end), then before it.
fn mark_comparison_basis(
    prose: &str,
    sent: &Range<usize>,
    clauses: &[usize],
    drafts: &mut [Draft],
) {
    let spans: Vec<Range<usize>> = drafts.iter().map(|d| d.span.clone()).collect();
    for (i, d) in drafts.iter_mut().enumerate() {
        if d.role != Role::Change {
            continue;
        }
        let clause_end = clauses
            .iter()
            .copied()
            .find(|&c| c > d.span.end)
            .unwrap_or(sent.end);
        let clause_start = clauses
            .iter()
            .copied()
            .rev()
            .find(|&c| c <= d.span.start)
            .unwrap_or(sent.start);
        let next = spans.get(i + 1).map_or(sent.end, |s| s.start);
        let prev = i.checked_sub(1).map_or(sent.start, |k| spans[k].end);
        let after = prose[d.span.end..clause_end.min(next).max(d.span.end)].to_lowercase();
        let before = prose[clause_start.max(prev).min(d.span.start)..d.span.start].to_lowercase();
        let found = BASES
            .iter()
            .find(|(m, _)| after.contains(m))
            .or_else(|| BASES.iter().find(|(m, _)| before.contains(m)));
        if let (Some((_, basis)), Some(m)) = (found, &d.measure) {
            d.measure = Some(format!("{m} {basis}"));
        }
    }
}

/// The interval a written figure stands for.
fn interval(d: &Draft, bands: &Bands) -> (Decimal, Interval) {
    let q = &d.q;
    let half_unit = |decimals: u32, factor: Decimal| Decimal::new(5, decimals + 1) * factor;
    let low_v = q.number.value * q.factor;
    let (mut value, mut iv) = if d.multiple {
        // "doubled" is said of anything from about 1.9 to 2.1 times.
        let band = low_v * bands.fraction;
        (low_v, Interval::closed(low_v - band, low_v + band))
    } else if q.number.form == Form::Fraction {
        let v = low_v;
        let band = v * bands.fraction;
        // "two-thirds" is 66.67 with a band; six places keep the bounds
        // readable without narrowing them in any way that matters.
        (
            v.round_dp(2),
            Interval::closed((v - band).round_dp(6), (v + band).round_dp(6)),
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
    // A negative written value ("-3.2%") is already negative: qualifiers work
    // on magnitudes.
    let magnitude = value.abs();
    let high_prec = iv.high;
    iv = match d.qualifier {
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
    if d.negative {
        value = -value;
        iv = iv.negate();
    }
    (value, iv)
}

fn to_claim(
    doc: &Document,
    doc_index: usize,
    sent: &Range<usize>,
    d: Draft,
    bands: &Bands,
) -> Claim {
    let (value, iv) = interval(&d, bands);
    let start = d.qualifier_start.unwrap_or(d.span.start);
    let (line, column) = doc.line_col(start);
    let unit = match d.q.kind {
        Kind::Count => d.noun.clone(),
        _ => d.q.unit.clone(),
    };
    let measure = d.measure.clone();
    Claim {
        doc: doc_index,
        span: start..d.span.end,
        line,
        column,
        text: doc.text[start..d.span.end].to_string(),
        sentence: sent.clone(),
        kind: d.q.kind,
        value,
        interval: iv,
        unit,
        period: d.period,
        unresolved: d.unresolved,
        measure,
        owner: d.owner,
        role: d.role,
        qualifier: d.qualifier,
        record: d.record,
        stated_weekday: None,
        decimals: d.q.number.decimals,
        precision: Decimal::new(1, d.q.number.decimals) * d.q.factor,
        baseline: d.baseline,
        links: d.links,
    }
}

fn time_claim(doc: &Document, doc_index: usize, sent: &Range<usize>, t: TimeInfo) -> Claim {
    let (line, column) = doc.line_col(t.span.start);
    let (period, unresolved) = match t.period {
        Ok(p) => (Some(p), None),
        Err(Unplaced::NeedsDate) => (None, Some(unresolved_note(&t))),
        Err(Unplaced::Invalid) => (None, Some("not a real calendar date".to_string())),
    };
    let stated_weekday = match t.expr {
        // Only a weekday written beside a date can disagree with it.
        DateExpr::Calendar { weekday, .. } => weekday,
        _ => None,
    };
    let year = period.map_or(0, |p| p.year());
    Claim {
        doc: doc_index,
        span: t.span.clone(),
        line,
        column,
        text: doc.text[t.span.clone()].to_string(),
        sentence: sent.clone(),
        kind: Kind::Date,
        value: Decimal::from(year),
        interval: Interval::point(Decimal::from(year)),
        unit: None,
        period,
        unresolved,
        measure: None,
        owner: None,
        role: Role::Actual,
        qualifier: None,
        record: false,
        stated_weekday,
        decimals: 0,
        precision: Decimal::ONE,
        baseline: false,
        links: ChangeLinks::default(),
    }
}
