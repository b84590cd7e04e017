//! Reading: from a document's atoms (the figures and time expressions the
//! nom parsers found) to its claims.
//!
//! Each sentence is cut into [`tokens`] once: words with their classes
//! from `rules/words.toml`, and one token per figure and per time. Then,
//! for every figure, in this order:
//!
//! 1. qualifier and counted noun ([`figure`], [`measure::counted_noun`]);
//! 2. role ([`role`]): change, target, forecast, guidance, estimate;
//! 3. measure ([`measure`]): head, modifiers, qualifying phrase, per, of;
//! 4. owner ([`owner`]);
//! 5. period ([`time`]): the time expression that governs the figure;
//! 6. relations ([`relations`]): the levels a change joins, its basis.
//!
//! What one sentence tells the next (the day the story has reached, the
//! measure an anaphor refers to, the quarter "in the quarter" means) is
//! kept in `Narrative`; what a whole article tells its figures (its
//! subject, for figures that name no owner) is settled once the article is
//! read; what the files of a run tell each other, in [`story`].

pub mod figure;
pub mod measure;
pub mod owner;
pub mod relations;
pub mod role;
pub mod story;
pub mod time;
pub mod tokens;

use std::ops::Range;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use figure::Bands;

use crate::claim::{
    ChangeLinks, Claim, Evidence, Interval, Kind, Measure, Period, Reason, Role, Source,
};
use crate::extract::date::{self, DateExpr, Unplaced};
use crate::extract::number::Form;
use crate::extract::quantity::Quantity;
use crate::extract::scan::{Atom, AtomKind};
use crate::extract::sentence;
use crate::lexicon::currency::Basis;
use crate::lexicon::{Class, Lexicon};
use crate::source::Document;
use figure::Figure;
use time::Time;
use tokens::{Atomic, Token, TokenKind};

/// A sentence being read: its tokens, figures and times.
#[derive(Debug)]
pub struct Sentence<'a> {
    /// The whole document's prose, which token spans index into.
    pub prose: &'a str,
    /// Byte range of the sentence in the prose.
    pub range: Range<usize>,
    /// Its tokens in text order: words, figures, times and breaks.
    pub tokens: Vec<Token<'a>>,
    /// Words the document capitalises inside sentences: names.
    pub names: &'a Names,
    /// A figure of the sentence is an outlook (guidance, forecast, target).
    pub outlook: bool,
    /// The tokens of each clause, in order: a clause is not always one run
    /// of tokens (a parenthesis returns to the clause it interrupted).
    pub clauses: Vec<Vec<usize>>,
}

/// Lower-cased words a document writes capitalised inside a sentence
/// ("said Nvidia", "the BJP"): names. A capitalised word that opens a
/// sentence is a name only if the document also writes it so elsewhere:
/// "Gaming revenue rose" is about gaming, "Nvidia revenue rose" about
/// Nvidia.
pub type Names = rustc_hash::FxHashMap<String, usize>;

/// The names of a document.
fn names(prose: &str, sentences: &[Range<usize>]) -> Names {
    let mut out = Names::default();
    for s in sentences {
        let words = sentence::words(prose, s.clone());
        for pair in words.windows(2) {
            let (prev, w) = (&pair[0], &pair[1]);
            let gap = &prose[prev.end..w.start];
            // After a colon or an opening quote a capital starts a phrase.
            let opens = gap.contains([':', '"', '“', '(', '—', '–']);
            if !opens && w.text.starts_with(char::is_uppercase) {
                let stem = w
                    .text
                    .strip_suffix("'s")
                    .or_else(|| w.text.strip_suffix("’s"))
                    .unwrap_or(w.text);
                *out.entry(stem.to_lowercase()).or_default() += 1;
            }
        }
    }
    out
}

impl Token<'_> {
    /// Whether the token is written in lower case, or opens its sentence
    /// with a capital that is not a name.
    pub fn lowerish(&self, at: usize, names: &Names) -> bool {
        !self.capitalised() || at == 0 && !names.contains_key(&*self.lower)
    }
}

impl<'a> Sentence<'a> {
    /// The first token starting at byte `start`, found by bisection.
    pub fn token_starting_at(&self, start: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.start < start);
        (self.tokens.get(i)?.span.start == start).then_some(i)
    }

    /// The lower-cased word at token `i`, if it is a word.
    pub fn lower(&self, i: usize) -> Option<&str> {
        self.tokens
            .get(i)
            .filter(|t| t.is_word())
            .map(|t| &*t.lower)
    }

    /// The lower-cased word right before token `i`, if it is one.
    pub fn word_before(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).and_then(|j| self.lower(j))
    }

    /// Whether the figure at token `i` is a starting level: "from 3.8%",
    /// and "from a previous 3.8%", "from the revised 750,000"; or the level
    /// it is set against: "$4.13bn against $3.62bn a year earlier",
    /// "compared with 3.4%", "versus 120".
    pub fn after_from(&self, i: usize) -> bool {
        let mut j = i;
        if j > 0 && self.tokens[j - 1].is(Class::Earlier) {
            j -= 1;
        }
        // "from a previous 3.8%", and "down 41% from its $17.5 million
        // opening" (but "against the $55bn that had been expected" is an
        // expectation, no starting level).
        let determiner = j > 0
            && self.tokens[j - 1].is(Class::Determiner)
            && (j < i
                || matches!(
                    self.word_before(j - 1),
                    Some("from" | "than" | "above" | "below")
                ));
        if determiner {
            j -= 1;
        }
        match self.word_before(j) {
            Some("from" | "against" | "versus" | "vs") => true,
            // "4.3 cubic kilometres, above the 3.9 reported by the service":
            // the figure set against it (bare "above 3.9" is a bound).
            Some("above" | "below") => determiner,
            // "21 per cent more than the 368,000 made in 2023": the level a
            // rate is more or less than.
            Some("than") => {
                j > 2
                    && self.tokens[j - 2].is(Class::Comparative)
                    && matches!(self.tokens[j - 3].kind, TokenKind::Figure(_))
            }
            Some("with" | "to") => {
                j > 1 && self.tokens[j - 1].tight && self.tokens[j - 2].lower == "compared"
            }
            // "an increase of 7.2% on the 85.9 million recorded in 2023":
            // a rate "on" a level is measured from it.
            Some("on") => {
                j > 1 && {
                    let t = &self.tokens[j - 2];
                    matches!(t.kind, TokenKind::Figure(_))
                        && (t.text.ends_with('%') || t.text.ends_with("cent"))
                }
            }
            _ => false,
        }
    }

    /// The prose right after token `i`, to the sentence's end.
    pub fn prose_after(&self, i: usize) -> &'a str {
        // A figure or date may run past where the splitter ended the
        // sentence ("Sept. 1": the abbreviation's dot): nothing follows it.
        let end = self.tokens[i].span.end;
        self.prose.get(end..self.range.end.max(end)).unwrap_or("")
    }

    /// The measure term starting at token `i`, ending before `limit`.
    pub fn term_at(
        &self,
        lex: &Lexicon,
        i: usize,
        limit: usize,
    ) -> Option<crate::lexicon::TermMatch> {
        lex.match_with(|k| {
            let j = i + k;
            if j >= limit {
                return None;
            }
            let t = self.tokens.get(j)?;
            // Words of a term stand together: no break, no figure between.
            (t.is_word() && (k == 0 || t.tight)).then_some(&*t.fold)
        })
    }
}

/// A shared currency sign and a paragraph's start and end.
type CueKey = (usize, usize, usize);

/// What earlier sentences of a document tell later ones.
#[derive(Debug, Default)]
struct Narrative {
    /// The currency cues of the last paragraph searched.
    paragraph_cues: Option<(CueKey, Vec<(String, String)>)>,
    /// Per shared currency sign that carries, the currency the file last
    /// named in full and the words it used ("8.42 billion Norwegian
    /// crowns").
    named_currency: FxHashMap<usize, (String, String)>,
    /// The latest day the story has reached ("on Wednesday", "next
    /// Wednesday"): "will stay until Friday" counts from there.
    anchor: Option<NaiveDate>,
    /// Measures and owners of the previous sentence's figures, by kind, for
    /// a sentence that opens with an anaphor ("The figure ...", "This ...").
    previous: Vec<(Kind, Measure, Option<String>)>,
    /// The one period the previous sentence named in its own words, for a
    /// tally in a sentence that refers back to it ("A quake struck in 1999.
    /// That quake killed more than 2,400 people.").
    previous_period: Option<Period>,
    /// The article speaks of fiscal periods: its quarters are its owner's
    /// fiscal quarters ("third-quarter revenue" after "the fiscal third
    /// quarter").
    fiscal: bool,
    /// The last fiscal year the article named with a quarter ("Q2 FY26"):
    /// a quarter named without one belongs to it.
    fiscal_year: Option<i32>,
    /// The last fiscal quarter it spoke of, for "this quarter" and "next
    /// quarter".
    fiscal_quarter: Option<Period>,
    /// The last quarter and month it named, and the last of either: what
    /// "in the quarter", "for the month" and "during the period" refer to.
    last_quarter: Option<Period>,
    last_month: Option<Period>,
    last_span: Option<Period>,
    /// The part of the company the current paragraph is about ("The
    /// retail business grew ..."): its figures are that part's.
    segment: Option<String>,
}

impl Narrative {
    /// Place "in the quarter" and its kind from the periods named before.
    fn place_definite(&self, times: &mut [Time]) {
        // "9.6% in the third quarter of 2023, 9.1% in the fourth": the
        // quarter named before in the sentence gives the year, else the
        // article's last.
        for k in 0..times.len() {
            if let DateExpr::ElidedQuarter { quarter } = times[k].expr {
                let before = times[..k].iter().rev().find_map(|t| match t.period {
                    Ok(p @ (Period::Quarter(..) | Period::FiscalQuarter(..))) => Some(p),
                    _ => None,
                });
                times[k].period = match before.or(self.last_quarter) {
                    Some(Period::Quarter(y, _)) => Ok(Period::Quarter(y, quarter)),
                    Some(Period::FiscalQuarter(y, _)) => Ok(Period::FiscalQuarter(y, quarter)),
                    _ => Err(Unplaced::NoAntecedent),
                };
            }
        }
        for t in times.iter_mut() {
            if let DateExpr::Definite { unit } = t.expr {
                let named = match unit {
                    // With no quarter named as reported, the fiscal
                    // quarter the article reports.
                    Some(date::Unit::Quarter) => self.last_quarter.or(self.fiscal_quarter),
                    Some(date::Unit::Month) => self.last_month,
                    _ => self.last_span,
                };
                t.period = named.ok_or(Unplaced::NoAntecedent);
            }
        }
    }

    /// Remember the period a sentence reports on (and the first fiscal
    /// quarter, what "next quarter" counts from): that of its reported
    /// figures ("revenue for the third quarter was ..."), or, in a sentence
    /// with none ("The main points from the September quarter:"), the
    /// period it names. An outlook's quarter ("guidance for the current
    /// quarter") is not what a later "in the quarter" means.
    fn remember(&mut self, times: &[Time], figures: &[Figure]) {
        let reported = figures
            .iter()
            .filter(|f| matches!(f.role, Role::Actual | Role::Change) && !f.baseline)
            .filter_map(|f| f.period);
        let named = times
            .iter()
            .filter(|t| !t.reporting && !t.base && !matches!(t.expr, DateExpr::Before { .. }))
            .filter_map(|t| t.period.clone().ok());
        let periods: Vec<Period> = if figures.is_empty() {
            // A sentence that names two periods ("third-quarter results and
            // guidance for the fourth quarter") leaves it open which one a
            // later "the quarter" means.
            let mut named: Vec<Period> = named.collect();
            named.dedup();
            // The first fiscal quarter an article names is the one it
            // reports, whatever it names after.
            if self.fiscal && self.fiscal_quarter.is_none() {
                self.fiscal_quarter = named
                    .iter()
                    .copied()
                    .find(|p| matches!(p, Period::FiscalQuarter(..)));
            }
            if named.len() > 1 {
                named.clear();
            }
            named
        } else {
            reported.collect()
        };
        for p in periods {
            if self.fiscal && self.fiscal_quarter.is_none() {
                if let Period::FiscalQuarter(..) = p {
                    self.fiscal_quarter = Some(p);
                }
            }
            match p {
                Period::Quarter(..) | Period::FiscalQuarter(..) => {
                    self.last_quarter = Some(p);
                    self.last_span = Some(p);
                }
                Period::Month(..) => {
                    self.last_month = Some(p);
                    self.last_span = Some(p);
                }
                _ => {}
            }
        }
    }
}

/// Every claim of a document: its figures and dates found by the scan and
/// parsers, then read in context.
pub fn claims(doc: &Document, doc_index: usize, lex: &Lexicon, bands: &Bands) -> Vec<Claim> {
    claims_and_dropped(doc, doc_index, lex, bands).0
}

/// The claims of a document, and the spans of the numbers it could not
/// hold (too large or too finely written for a `Decimal`), which are not
/// read but reported.
pub fn claims_and_dropped(
    doc: &Document,
    doc_index: usize,
    lex: &Lexicon,
    bands: &Bands,
) -> (Vec<Claim>, Vec<Range<usize>>) {
    let (dropped, atoms): (Vec<Atom>, Vec<Atom>) = crate::extract::scan::scan_with(&doc.prose, lex)
        .into_iter()
        .partition(|a| a.kind == AtomKind::TooLarge);
    let dropped = dropped
        .into_iter()
        .filter(|a| !doc.is_repeated(a.span.start))
        .map(|a| a.span)
        .collect();
    (read(doc, doc_index, atoms, lex, bands), dropped)
}

/// "cut by 211,000 barrels per day, Kuwait by 128,000, Algeria by 48,000":
/// a bare number after the same word as a figure in a physical unit before
/// it in the sentence is in that unit too.
fn carry_physical_units(s: &Sentence, figures: &mut [Figure]) {
    let mut last: Option<(
        std::sync::Arc<crate::lexicon::units::Unit>,
        Option<&str>,
        usize,
    )> = None;
    for f in figures.iter_mut() {
        let before = s.word_before(f.tok);
        match &f.q.physical {
            Some(u) => last = Some((u.clone(), before, f.tok)),
            None => {
                let bare =
                    f.kind() == Kind::Count && f.noun.is_none() && f.q.number.form == Form::Digits;
                if let Some((u, word, at)) = &last {
                    // "from 8.7 million tonnes to 7.9 million", "up to 2.8
                    // million tonnes from 2.5 million": the two ends of a
                    // change, or figures after the same word.
                    let paired = matches!(
                        (*word, before),
                        (Some("from"), Some("to")) | (Some("to"), Some("from"))
                    );
                    // "held 28.7 million and Greystone reservoir 25.6
                    // million": the next of a list, its verb left out.
                    let gap = &s.tokens[at + 1..f.tok];
                    let listed = gap.len() <= 4
                        && gap
                            .first()
                            .is_some_and(|t| t.lower == "and" || t.kind == TokenKind::Break(','))
                        && gap[1..].iter().all(|t| {
                            t.is_word() && t.capitalised() || {
                                t.is_word() && !t.is(Class::Verb) && !t.is(Class::Stop)
                            }
                        });
                    if bare && before.is_some() && (before == *word || paired || listed) {
                        f.q.physical = Some(u.clone());
                        last = Some((u.clone(), before, f.tok));
                    }
                }
            }
        }
    }
}

/// How far either side of its sentence a figure's paragraph is searched for
/// a currency cue: a paragraph is a few hundred words, and a file that is one
/// long paragraph must not make every figure read all of it.
const PARAGRAPH_SIDE: usize = 2000;

/// A shared currency sign ("$", "¥", "kr") takes the currency its sentence
/// or paragraph names, else the file's or the run's setting, else the
/// default; the reading is kept with the claim.
/// Returns whether the figure's own sentence named the currency.
fn resolve_currency(
    doc: &Document,
    sent: &Range<usize>,
    lex: &Lexicon,
    story: &mut Narrative,
    f: &mut Figure,
) -> bool {
    let Some((group, written)) = f.q.shared.take() else {
        return false;
    };
    let prose = doc.prose.as_str();
    let floor =
        crate::source::floor_char_boundary(prose, sent.start.saturating_sub(PARAGRAPH_SIDE));
    let ceil = crate::source::floor_char_boundary(prose, sent.end + PARAGRAPH_SIDE);
    let para_start = prose[floor..sent.start]
        .rfind("\n\n")
        .map_or(floor, |i| floor + i);
    let para_end = prose[sent.end..ceil]
        .find("\n\n")
        .map_or(ceil, |i| sent.end + i);
    let settings = [
        ("front matter", &doc.meta.currency),
        ("figcheck.toml", lex.currency_settings()),
    ];
    // The figures of a paragraph share its cues: found once.
    let key = (group, para_start, para_end);
    let cues = match &story.paragraph_cues {
        Some((k, cues)) if *k == key => cues,
        _ => {
            let cues = lex.currencies().cued(group, &prose[para_start..para_end]);
            &story.paragraph_cues.insert((key, cues)).1
        }
    };
    let r = lex.currencies().resolve_in_file(
        group,
        &written,
        &prose[sent.clone()],
        story.named_currency.get(&group),
        cues,
        &settings,
    );
    f.q.unit = Some(r.code);
    f.unit_reading = Some(crate::claim::UnitReading {
        note: r.note,
        decided: r.basis != Basis::Default,
    });
    r.basis == Basis::Sentence
}

/// Turn a document's atoms into claims.
pub fn read(
    doc: &Document,
    doc_index: usize,
    atoms: Vec<Atom>,
    lex: &Lexicon,
    bands: &Bands,
) -> Vec<Claim> {
    let prose = doc.prose.as_str();
    let mut claims = Vec::new();
    let fiscal = atoms.iter().any(|a| {
        matches!(
            a.kind,
            AtomKind::Time(DateExpr::Fiscal { .. })
                | AtomKind::Time(DateExpr::QuarterEnding {
                    fiscal_year: Some(_),
                    ..
                })
        )
    });
    let mut atoms = atoms
        .into_iter()
        .filter(|a| !doc.is_repeated(a.span.start))
        .peekable();
    let mut story = Narrative {
        fiscal,
        ..Narrative::default()
    };
    let sentences = sentence::split(prose);
    let names = names(prose, &sentences);
    let mut previous_end = 0;
    for sent in sentences.iter().cloned() {
        if prose[previous_end..sent.start].contains("\n\n") {
            story.segment = None;
        }
        previous_end = sent.end;
        if let Some(part) = owner::opening_segment(prose, sent.clone(), lex) {
            story.segment = Some(part);
        }
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
            story.previous_period = None;
            continue;
        }
        let first_new = claims.len();
        read_sentence(
            doc,
            doc_index,
            sent,
            here,
            lex,
            bands,
            &names,
            &mut story,
            &mut claims,
        );
        let mut named = claims[first_new..].iter().filter_map(|c| {
            let own = c.kind == Kind::Date
                || c.evidence
                    .period
                    .as_ref()
                    .is_some_and(|r| matches!(r.source, Source::Clause | Source::Sentence));
            c.period.filter(|_| own)
        });
        story.previous_period = named.next().filter(|first| named.all(|p| p == *first));
        story.previous = claims[first_new..]
            .iter()
            .filter(|c| matches!(c.kind, Kind::Money | Kind::Percent | Kind::Count))
            .filter_map(|c| {
                let m = Measure::clone(c.measure.as_deref()?);
                Some((c.kind, m, c.owner.as_deref().map(String::from)))
            })
            .collect();
    }
    let title_owners = doc
        .meta
        .title
        .as_deref()
        .map(|t| owner::title_names(t, lex, &names))
        .unwrap_or_default();
    // A headline and a lead that open with the same name are about it
    // ("Reliance Industries Q2 FY26: ..." over "Reliance Industries Ltd
    // (RIL) reported ..."): every figure that names no owner is its.
    let lead = sentences
        .first()
        .and_then(|s| owner::opening_name(&prose[s.clone()], lex));
    let headline = doc
        .meta
        .title
        .as_deref()
        .and_then(|t| owner::opening_name(t, lex))
        .filter(|t| lead.as_ref() == Some(t))
        // ... but not a place: "China's commerce ministry said ..." under
        // "China, Russia ..." does not make every figure China's.
        .filter(|t| !lex.is_place(t));
    match headline {
        Some(subject) => owner::assign_subject(&mut claims, &subject, lex, true),
        None => {
            if let Some(subject) = owner::subject(&claims, &title_owners) {
                owner::assign_subject(&mut claims, &subject, lex, false);
            }
        }
    }
    if let Some(day) = doc.published() {
        time::date_tallies(&mut claims, lex, day);
    }
    time::assign_subject_period(&mut claims);
    claims
}

/// A bare four-digit number in the year range is a year unless something
/// counts it ("2000 people" after no preposition).
fn is_bare_year(prose: &str, span: &Range<usize>, q: &Quantity, before: &str) -> bool {
    let text = &prose[span.clone()];
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
    let rest = &prose[span.end..];
    let after_is_noun = rest.trim_start().starts_with(|c: char| c.is_lowercase())
        && !rest.starts_with(['.', ',', ';', ')']);
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
    );
    // Not "than": "earlier than 2020." is a year (nothing counted follows),
    // "more than 2000 people" a count.
    introduces_time || !after_is_noun
}

/// The lower-cased word of the prose ending right before `at`.
fn prose_word_before(prose: &str, from: usize, at: usize) -> String {
    prose[from..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// "half a percentage point", "a quarter of a percentage point": a fraction
/// of a point, not a share. The new span end and quantity.
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

/// A figure or time before tokenizing: where it is and what it is.
enum Pending {
    /// A quantity; for "doubled", "halved" the direction (true: down).
    Figure(Quantity, Option<bool>),
    Time(DateExpr),
}

#[allow(clippy::too_many_arguments)]
fn read_sentence(
    doc: &Document,
    doc_index: usize,
    sent: Range<usize>,
    atoms: Vec<Atom>,
    lex: &Lexicon,
    bands: &Bands,
    names: &Names,
    story: &mut Narrative,
    out: &mut Vec<Claim>,
) {
    let prose = doc.prose.as_str();
    let published = doc.published();
    // Bare years become time expressions; fractions of a point take their
    // words; "doubled" becomes a change.
    let pending: Vec<(Range<usize>, Pending)> = atoms
        .into_iter()
        .filter_map(|a| {
            Some(match a.kind {
                AtomKind::Quantity(q) => {
                    let before = prose_word_before(prose, sent.start, a.span.start);
                    if is_bare_year(prose, &a.span, &q, &before) {
                        let y = q.number.value.try_into().unwrap_or(0i64) as i32;
                        return Some((a.span, Pending::Time(DateExpr::Year(y))));
                    }
                    match fraction_of_a_point(prose, &a.span, &q) {
                        Some((end, pp)) => (a.span.start..end, Pending::Figure(pp, None)),
                        None => (a.span, Pending::Figure(q, None)),
                    }
                }
                AtomKind::Time(expr) => (a.span, Pending::Time(expr)),
                AtomKind::Multiple(percent) => {
                    let q = Quantity {
                        kind: Kind::Percent,
                        number: crate::extract::number::Number {
                            value: percent.abs(),
                            decimals: 0,
                            form: Form::Words,
                        },
                        factor: Decimal::ONE,
                        high: None,
                        unit: Some("%".into()),
                        shared: None,
                        physical: None,
                        hyphenated: false,
                    };
                    (a.span, Pending::Figure(q, Some(percent.is_sign_negative())))
                }
                // Reported by the caller, never read.
                AtomKind::TooLarge => return None,
            })
        })
        .collect();
    let mut figure_count = 0;
    let mut time_count = 0;
    let atomics: Vec<Atomic> = pending
        .iter()
        .map(|(span, p)| {
            let kind = match p {
                Pending::Figure(..) => {
                    figure_count += 1;
                    TokenKind::Figure(figure_count - 1)
                }
                Pending::Time(_) => {
                    time_count += 1;
                    TokenKind::Time(time_count - 1)
                }
            };
            Atomic {
                span: span.clone(),
                kind,
            }
        })
        .collect();
    let tokens = tokens::tokenize(prose, sent.clone(), &atomics, lex);
    let mut clauses: Vec<Vec<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if clauses.len() <= t.clause {
            clauses.resize_with(t.clause + 1, Vec::new);
        }
        clauses[t.clause].push(i);
    }
    let mut s = Sentence {
        prose,
        range: sent.clone(),
        tokens,
        names,
        outlook: false,
        clauses,
    };
    // Tokens are in text order: the atom's token is found by bisection, not
    // by a scan per atom (a run-on sentence holds thousands).
    let token_of = |span: &Range<usize>| {
        let first = s.tokens.partition_point(|t| t.span.start < span.start);
        s.tokens[first..]
            .iter()
            .take_while(|t| t.span.start == span.start)
            .position(|t| !t.is_word())
            .map_or(0, |k| first + k)
    };

    let exprs: Vec<(usize, DateExpr)> = pending
        .iter()
        .filter_map(|(span, p)| match p {
            Pending::Time(e) => Some((token_of(span), in_fiscal_terms(story, *e))),
            _ => None,
        })
        .collect();
    let mut times = time::read_times(&s, &exprs, published, story.anchor, lex);
    // Fiscal quarters of one sentence with no year to go by are placed
    // nearest the first ("the fiscal third quarter ... the fourth quarter"
    // is one fiscal year).
    let mut first_fq: Option<Period> = None;
    for t in &mut times {
        if let DateExpr::Fiscal {
            year: None,
            quarter: Some(q),
        } = t.expr
        {
            match first_fq {
                Some(Period::FiscalQuarter(y, q0)) => {
                    let index = |y: i32, q: u8| y * 4 + q as i32;
                    let year = (y - 1..=y + 1)
                        .min_by_key(|&c| {
                            let d = index(c, q) - index(y, q0);
                            (d.abs(), d < 0)
                        })
                        .unwrap_or(y);
                    t.expr = DateExpr::Fiscal {
                        year: Some(year),
                        quarter: Some(q),
                    };
                    t.period = Ok(Period::FiscalQuarter(year, q));
                }
                _ => first_fq = t.period.clone().ok(),
            }
        }
    }
    for t in &mut times {
        // "this quarter", "next quarter" after a fiscal quarter: the one
        // after it.
        if let (
            DateExpr::Relative {
                step,
                unit: date::Unit::Quarter,
            },
            Some(q),
        ) = (t.expr, story.fiscal_quarter.filter(|_| story.fiscal))
        {
            let p = match step {
                date::Step::Last => Some(q),
                date::Step::This | date::Step::Next => q.next(),
            };
            if let Some(p) = p {
                t.period = Ok(p);
            }
        }
    }
    story.place_definite(&mut times);
    if let Some(day) = times.iter().rev().find_map(|t| match t.period {
        Ok(Period::Day(d)) => Some(d),
        _ => None,
    }) {
        story.anchor = Some(day);
    }

    let mut figures: Vec<Figure> = pending
        .into_iter()
        .filter_map(|(span, p)| match p {
            Pending::Figure(q, multiple) => {
                let mut f = Figure::new(token_of(&span), span, q);
                if let Some(negative) = multiple {
                    f.role = Role::Change;
                    f.negative = negative;
                    f.multiple = true;
                }
                Some(f)
            }
            Pending::Time(_) => None,
        })
        .collect();

    for f in &mut figures {
        let by_sentence = resolve_currency(doc, &sent, lex, story, f);
        // A currency named in full, or by the figure's own sentence,
        // decides the file's later shorthand.
        if f.kind() == Kind::Money && (f.unit_reading.is_none() || by_sentence) {
            if let Some(code) = f.q.unit.as_deref() {
                let words = &doc.text[f.span.clone()];
                for g in lex.currencies().carried_by(code) {
                    story
                        .named_currency
                        .insert(g, (code.to_string(), words.to_string()));
                }
            }
        }
    }

    // Where each figure ends, counting its noun ("55,000 tonnes").
    for f in &mut figures {
        qualify(&s, lex, f);
        f.record = has_record(&s.tokens, f.tok);
        f.noun_tok = measure::counted_noun(&s, lex, f);
        f.noun = f.noun_tok.map(|n| s.tokens[n].lower.to_string());
    }
    carry_physical_units(&s, &mut figures);
    // Where starting levels ("from 57.9%") start.
    let baselines: Vec<usize> = figures
        .iter()
        .filter(|f| s.word_before(f.tok) == Some("from"))
        .map(|f| f.span.start)
        .collect();
    let spans: Vec<Range<usize>> = figures
        .iter()
        .map(|f| f.span.start..f.noun_tok.map_or(f.span.end, |n| s.tokens[n].span.end))
        .collect();

    let refers_back = s.tokens.first().is_some_and(|t| t.is(Class::Anaphor))
        || lex
            .words()
            .phrase_at(|i| s.lower(i), 0, Class::Anaphor)
            .is_some();
    let carry = if refers_back {
        std::mem::take(&mut story.previous)
    } else {
        Vec::new()
    };
    let carried_period = story.previous_period.take().filter(|_| refers_back);
    let fronted = owner::fronted_place(&s, lex);

    for n in 0..figures.len() {
        let (earlier, rest) = figures.split_at_mut(n);
        role::read_role(&s, &mut rest[0], earlier);
    }
    s.outlook = figures
        .iter()
        .any(|f| matches!(f.role, Role::Guidance | Role::Forecast | Role::Target));
    let s = s;
    for f in figures.iter_mut() {
        let mut head = None;
        match measure::find_measure(&s, lex, f) {
            Some((m, reason)) => {
                head = reason.span().and_then(|sp| s.token_starting_at(sp.start));
                f.measure = Some(m);
                f.evidence.measure = Some(reason);
            }
            None => {
                // "This fell short of the target...": the previous sentence's
                // measure beats a guess from this clause.
                // A change carries the measure of the level it moves ("That
                // was a 66% rise" after "sales reached $51.2bn").
                let carried = carry
                    .iter()
                    .find(|(k, _, _)| {
                        *k == f.kind() && matches!(k, Kind::Money | Kind::Percent)
                            || f.role == Role::Change && matches!(k, Kind::Money | Kind::Count)
                    })
                    .cloned();
                if let Some((_, m, owner)) = carried {
                    f.measure = Some(m);
                    f.evidence.measure =
                        Some(Reason::new(Source::Anaphor, Some(s.tokens[0].span.clone())));
                    if let Some(o) = owner {
                        f.owner = Some(o);
                        f.evidence.owner = Some(Reason::new(Source::Anaphor, None));
                    }
                } else if let Some((m, reason)) = measure::subject_guess(&s, lex, f) {
                    f.measure = Some(m);
                    f.evidence.measure = Some(reason);
                }
            }
        }
        // "inflation of 3.7%" is a rate of change, as "prices rose 3.7%" is.
        if f.role == Role::Actual
            && f.kind() == Kind::Percent
            && f.measure.as_ref().is_some_and(|m| lex.is_rate_of_change(m))
        {
            f.role = Role::Change;
        }
        // "Monthly wages rose 8.3%", "average pay rose 8.3%": a rate of
        // change of a level is the same whatever span the level is counted
        // over, so a word that is only that span ("monthly", "quarterly")
        // does not tell rates apart.
        // A rate that is itself a change ("monthly inflation") keeps the
        // word: there it names the basis, month on month.
        if f.role == Role::Change && f.kind() == Kind::Percent {
            if let Some(m) = f.measure.as_mut().filter(|m| !lex.is_rate_of_change(m)) {
                m.modifiers
                    .retain(|w| !lex.words().classes(w).has(Class::Neutral));
            }
        }
        // "The Conservatives lost 12 seats", "gained nine seats": seats or
        // votes right after a verb of rising or falling are a change of
        // them, not the tally ("won 412 seats" is the tally).
        if f.role == Role::Actual
            && f.kind() == Kind::Count
            && f.measure.as_ref().is_some_and(|m| lex.is_contested(m))
        {
            let clause = s.tokens[f.tok].clause;
            // "fell seven seats short of a majority" is a distance, not a loss.
            let short =
                (f.tok + 1..f.tok + 3).any(|k| s.tokens.get(k).is_some_and(|t| t.lower == "short"));
            let verb = f.tok.checked_sub(1).filter(|&i| {
                let t = &s.tokens[i];
                !short
                    && t.is_word()
                    && t.clause == clause
                    && (t.is(Class::Rise) || t.is(Class::Fall))
            });
            if let Some(v) = verb {
                f.role = Role::Change;
                f.negative = s.tokens[v].is(Class::Fall);
                f.evidence.role = Some(Reason::new(Source::Clause, Some(s.tokens[v].span.clone())));
            }
        }
        // "The ANC stood at 42 per cent" after "votes cast": a level given
        // as a percentage of votes is the vote share ("votes rose 5%" is a
        // change of votes and stays one).
        if f.role != Role::Change && f.kind() == Kind::Percent {
            if let Some(m) = f.measure.as_mut().filter(|m| m.of.is_none()) {
                if let Some(share) = lex.share_measure(&m.head) {
                    m.head = share.to_string();
                }
            }
        }
        if let Some(per) = measure::rate_basis(&s, f, head) {
            if let Some(m) = f.measure.as_mut() {
                // "net income of $1.30 a share" is earnings per share.
                match lex.per_share_measure(&m.head).filter(|_| per == "share") {
                    Some(eps) => m.head = eps.to_string(),
                    // Earnings per share are per share already.
                    None if per == "share" && lex.is_per_share(&m.head) => {}
                    None => m.per = Some(per),
                }
            }
        }
        if f.owner.is_none() {
            if let Some((o, reason)) = owner::find_owner(&s, lex, f, head) {
                f.owner = Some(o);
                f.evidence.owner = Some(reason);
            }
        }
        // "the O2C arm booked revenue of ...": the arm's revenue; in a
        // paragraph about the retail business, the business's.
        let part = owner::segment(&s, lex, f).or_else(|| story.segment.clone());
        if let (Some(part), Some(m)) = (part, f.measure.as_mut()) {
            if m.qualifier.is_none() && !m.modifiers.iter().any(|w| w == "consolidated") {
                m.qualifier = Some(format!("of {part}"));
            }
        }
        // "In Asia, net operating income grew 16%": the fronted place owns
        // the figure, or qualifies the owner's ("In London, HSBC shares
        // rose 0.8%").
        if let (Some((place, span)), Some(m)) = (&fronted, f.measure.as_mut()) {
            let own = f
                .evidence
                .owner
                .as_ref()
                .is_some_and(|r| r.span() == Some(span.clone()));
            // A place holds no seats or votes: rivals in it do.
            if f.owner.is_none() && lex.takes_lent_owner(m) {
                f.owner = Some(place.clone());
                f.evidence.owner = Some(Reason::new(Source::Sentence, Some(span.clone())));
            } else if m.qualifier.is_none() && !own {
                m.qualifier = Some(format!("in {place}"));
            }
        }
        // With no other owner, the place a measure is "in" owns it (but
        // not a contested one: rivals in the place hold its seats).
        if f.owner.is_none() {
            if let Some(m) = f.measure.as_mut().filter(|m| !lex.is_contested(m)) {
                if let Some(place) = m.qualifier.as_deref().and_then(|q| q.strip_prefix("in ")) {
                    f.owner = Some(place.to_string());
                    f.evidence.owner = f.evidence.measure.clone();
                    m.qualifier = None;
                }
            }
        }
        // "Rents nationally rose 6.4%", "across the country": nobody's in
        // particular, and no owner may be lent to it later. The words are
        // kept as the owner's evidence, with no owner.
        if f.owner.is_none() {
            if let Some(k) = whole_scope(&s, f.tok) {
                f.evidence.owner =
                    Some(Reason::new(Source::Clause, Some(s.tokens[k].span.clone())));
            }
        }
        owner::settle_guidance(&s, lex, f);
        f.baseline = s.after_from(f.tok);
        time::bind_period(&s, &times, f, &spans, &baselines, published);
        let tally = f.measure.as_ref().is_some_and(|m| lex.is_cumulative(m));
        if tally {
            time::date_tally_by_saying(&times, f);
            // A tally of an event the sentence before dated in the past is
            // that event's, not today's: "That quake killed more than 2,400".
            let past =
                |p: &Period| published.is_some_and(|d| p.days().1 < d - chrono::Days::new(31));
            if let Some(p) = carried_period.filter(|p| f.period.is_none() && past(p)) {
                f.period = Some(p);
                f.evidence.period =
                    Some(Reason::new(Source::Anaphor, Some(s.tokens[0].span.clone())));
            }
        }
        // "Section 301 tariffs", "Boeing 737 jets", "Windows 10 users": a
        // short bare number after a capitalised word inside a sentence is a
        // name ("Kuwait 128,000 bpd" is not).
        let prev = f.tok.checked_sub(1).map(|i| &s.tokens[i]);
        let plain_digits = s.tokens[f.tok].text.bytes().all(|b| b.is_ascii_digit())
            && s.tokens[f.tok].text.len() <= 4;
        // A reference noun names by number anywhere ("Section 1:", "Flight
        // 370 vanished"); a word with a capital inside ("iPhone 15") is a
        // product name; "Group of 20" is a name too.
        let bare = f.kind() == Kind::Count
            && plain_digits
            && f.q.factor == Decimal::ONE
            && f.q.physical.is_none()
            && f.qualifier.is_none();
        let name_word = |p: &Token| {
            p.is_word()
                && s.tokens[f.tok].tight
                && date::month_name(p.text).is_err()
                && (p.capitalised() && (f.tok >= 2 || p.is(Class::Reference))
                    || p.text.chars().skip(1).any(char::is_uppercase))
        };
        let group_of =
            f.tok >= 2 && s.word_before(f.tok) == Some("of") && s.tokens[f.tok - 2].text == "Group";
        // "... give the Civic Union 34, the Labour Front 22 and the Greens
        // 11": names each followed by a number that ends its clause, two or
        // more in a sentence, are a list of what each holds, not names.
        let list_item = |k: usize| {
            k >= 1
                && s.tokens[k - 1].is_word()
                && s.tokens[k - 1].capitalised()
                && matches!(s.tokens[k].kind, TokenKind::Figure(_))
                && s.tokens[k].tight
                && s.tokens[k].text.bytes().all(|b| b.is_ascii_digit())
                && s.tokens.get(k + 1).is_none_or(|t| {
                    matches!(t.kind, TokenKind::Break(',' | ';')) || t.lower == "and"
                })
        };
        let listed = list_item(f.tok) && (0..s.tokens.len()).any(|k| k != f.tok && list_item(k));
        if bare && !listed && (prev.is_some_and(name_word) || group_of) {
            f.keep = false;
        }
        // "a devastating 1985 quake", "the 2008 crisis": a year before a
        // singular noun names an event; a count of more than one takes a
        // plural ("2000 people").
        let year_like = s.tokens[f.tok].text.len() == 4
            && (Decimal::from(1800)..=Decimal::from(2100)).contains(&f.q.number.value);
        if bare && year_like {
            if let Some(n) = f.noun_tok.filter(|&n| n == f.tok + 1) {
                let t = &s.tokens[n];
                let singular =
                    *t.fold == *t.lower && !t.is(Class::People) && !t.is(Class::IrregularPlural);
                if singular {
                    f.keep = false;
                }
            }
        }
        // "one of the", "the two": number words without a noun are not
        // figures, unless a verb says what they count ("eighteen were taken
        // to hospital").
        let verb_after = f
            .evidence
            .measure
            .as_ref()
            .and_then(|r| r.span())
            .is_some_and(|sp| sp.start > f.span.end && sp.start < f.span.end + 24);
        // ... "eight of the planet's population" is a share, not a count.
        let counts_known = verb_after
            && s.lower(f.tok + 1) != Some("of")
            && f.measure.as_ref().is_some_and(|m| {
                matches!(
                    lex.dimension(&m.head),
                    Some(crate::lexicon::Dimension::Count)
                )
            });
        if f.kind() == Kind::Count
            && f.noun.is_none()
            && f.q.physical.is_none()
            && f.q.number.form == Form::Words
            && !counts_known
        {
            f.keep = false;
        }
    }
    relations::carry_units(&s, &mut figures);
    relations::mark_subsets(&s, &mut figures);
    relations::link_changes(&s, &mut figures);
    relations::mark_basis(&s, lex, &mut figures);
    story.remember(&times, &figures);

    // The moment the sentence states its figures at.
    let moment = crate::claim::Moment {
        running: s.tokens.iter().any(|t| t.is(Class::Running)),
        // "so far this year" counts up to the day of the report.
        to_date: times.iter().any(|t| time::year_to_date(&s.tokens, t.tok)),
        time_of_day: s
            .tokens
            .iter()
            .find(|t| t.is(Class::TimeOfDay))
            .map(|t| Box::from(t.fold.trim_end_matches('.'))),
        revised: false,
        risen: false,
        standing: false,
    };
    for mut f in figures.into_iter().filter(|f| f.keep) {
        f.moment = moment.clone();
        f.moment.revised = s.clauses[s.tokens[f.tok].clause]
            .iter()
            .any(|&i| s.tokens[i].is(Class::Revision));
        f.moment.risen = rose_to(&s, f.tok);
        let clause = s.tokens[f.tok].clause;
        f.moment.standing = (f.tok.saturating_sub(4)..f.tok).any(|i| {
            s.tokens[i].is(Class::Running)
                && (i..f.tok).all(|k| s.tokens[k].clause == clause && s.tokens[k].is_word())
        });
        out.push(f.into_claim(doc, doc_index, &sent, bands));
    }
    // "in the quarter" with no quarter named before says nothing.
    for t in times
        .into_iter()
        .filter(|t| t.period != Err(Unplaced::NoAntecedent))
    {
        out.push(time_claim(doc, doc_index, &sent, t));
    }
    let first_here = out.partition_point(|c| c.sentence.start < sent.start);
    out[first_here..].sort_by_key(|c| c.span.start);
}

/// "had climbed to 1,121", "rose to 31": a rise verb, at most two words
/// before "to" and the figure ("up to 100" is a bound, not a rise).
fn rose_to(s: &Sentence, at: usize) -> bool {
    let t = &s.tokens;
    if at < 2 || t[at - 1].lower != "to" || t[at - 1].clause != t[at].clause {
        return false;
    }
    (at.saturating_sub(4)..at - 1)
        .any(|i| t[i].is(Class::Rise) && t[i].lower != "up" && t[i].clause == t[at].clause)
}

/// A quarter in an article that speaks of fiscal periods is a fiscal
/// quarter: of the fiscal year the article last named, or else the year
/// that puts it nearest the fiscal quarter last spoken of ("the fiscal
/// third quarter ... fourth-quarter revenue" is the same year's fourth).
fn in_fiscal_terms(story: &mut Narrative, e: DateExpr) -> DateExpr {
    let quarter = match e {
        DateExpr::Quarter {
            year: None,
            offset: None,
            quarter,
        } if story.fiscal => quarter,
        DateExpr::Fiscal {
            year: None,
            quarter: Some(q),
        } => q,
        DateExpr::Fiscal {
            year: Some(y),
            quarter: Some(q),
        } => {
            // Written with its year: the article's fiscal calendar.
            story.fiscal_year = Some(y);
            story.fiscal_quarter = Some(Period::FiscalQuarter(y, q));
            return e;
        }
        e => return e,
    };
    let year = story.fiscal_year.or_else(|| {
        let Some(Period::FiscalQuarter(y, q)) = story.fiscal_quarter else {
            return None;
        };
        let index = |y: i32, q: u8| y * 4 + q as i32;
        (y - 1..=y + 1).min_by_key(|&c| {
            let d = index(c, quarter) - index(y, q);
            // Ties go forward: an article looks ahead from its quarter.
            (d.abs(), d < 0)
        })
    });
    DateExpr::Fiscal {
        year,
        quarter: Some(quarter),
    }
}

/// Qualifier words just before the figure ("more than", "about").
/// A word of the figure's clause that makes it the whole country's: an
/// adverb ("nationally", "nationwide") anywhere in the clause, a noun
/// ("country") only after "across the" or "throughout the".
fn whole_scope(s: &Sentence, at: usize) -> Option<usize> {
    s.clauses[s.tokens[at].clause].iter().copied().find(|&k| {
        let t = &s.tokens[k];
        t.is(Class::WholeScope)
            && (t.lower.ends_with("ly")
                || t.lower.ends_with("wide")
                || k >= 2
                    && s.tokens[k - 1].lower == "the"
                    && matches!(&*s.tokens[k - 2].lower, "across" | "throughout"))
    })
}

fn qualify(s: &Sentence, lex: &Lexicon, f: &mut Figure) {
    let word = |i: usize| s.lower(i);
    if let Some((q, n)) = lex.words().qualifier_ending_at(word, f.tok) {
        // "revised up to 227,000", "rose up to 5%": a direction, not a cap.
        let direction = n == 2
            && f.tok > 2
            && word(f.tok - 2) == Some("up")
            && s.tokens[f.tok - 3].is_word()
            && (s.tokens[f.tok - 3].is(Class::Upward) || s.tokens[f.tok - 3].is(Class::Rise));
        if direction {
            return;
        }
        f.qualifier = Some(q);
        f.qualifier_start = Some(s.tokens[f.tok - n].span.start);
    }
}

/// "a record $108bn", "a record high of", "record level of".
fn has_record(tokens: &[Token], at: usize) -> bool {
    let clause = tokens[at].clause;
    tokens[at.saturating_sub(5)..at]
        .iter()
        .filter(|t| t.clause == clause && t.is_word())
        .any(|t| t.is(Class::Record) || t.lower.starts_with("record-"))
}

fn time_claim(doc: &Document, doc_index: usize, sent: &Range<usize>, t: Time) -> Claim {
    let (period, unresolved) = match t.period {
        Ok(p) => (Some(p), None),
        Err(Unplaced::NeedsDate) => (None, Some(time::NEEDS_DATE.to_string())),
        Err(Unplaced::Invalid) => (None, Some("not a real calendar date".to_string())),
        Err(Unplaced::NoAntecedent) => (None, Some("names no period before it".to_string())),
        Err(Unplaced::Ambiguous) => (
            None,
            Some("a season that differs between sports at this time of year".to_string()),
        ),
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
        text: doc.text[t.span.clone()].to_string(),
        // A date may run past a full stop the splitter took for a sentence
        // end (".Jan. 2018"): its sentence holds it whole.
        sentence: sent.start.min(t.span.start)..sent.end.max(t.span.end),
        kind: Kind::Date,
        value: Decimal::from(year),
        interval: Interval::point(Decimal::from(year)),
        unit: None,
        period,
        unresolved: unresolved.map(Box::from),
        measure: None,
        owner: None,
        evidence: Evidence::default(),
        role: Role::Actual,
        qualifier: None,
        record: false,
        stated_weekday,
        decimals: 0,
        precision: Decimal::ONE,
        baseline: false,
        links: ChangeLinks::default(),
        moment: Default::default(),
        unit_reading: None,
    }
}
