//! The measure lexicon: what a figure quantifies, loaded from the TOML files
//! in `rules/` (the default pack is compiled in) and any the user adds.
//!
//! Matching works on lower-cased words with a light plural fold, so a term
//! listed once ("agreement") also names "agreements".

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use thiserror::Error;

pub mod currency;
pub mod units;
pub mod words;

use crate::claim::Measure;

pub use words::{Class, ClassSet, WordTable};

/// The default pack, compiled into the binary.
pub const DEFAULT_PACK: &[(&str, &str)] = &[
    (
        "rules/measures.toml",
        include_str!("../../rules/measures.toml"),
    ),
    ("rules/words.toml", include_str!("../../rules/words.toml")),
    (
        "rules/currencies.toml",
        include_str!("../../rules/currencies.toml"),
    ),
    ("rules/units.toml", include_str!("../../rules/units.toml")),
];

/// What figures a measure takes; documentation for now, and a tie-breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Amounts of money.
    Money,
    /// Counts of things: deaths, deals, jobs.
    Count,
    /// Percentages.
    Percent,
    /// Any kind of figure.
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureDef {
    id: String,
    dimension: Dimension,
    terms: Vec<String>,
    /// A running tally that later reports revise upwards (deaths, injured).
    #[serde(default)]
    cumulative: bool,
    /// The measure this one is "per share" of: eps is profit per share.
    #[serde(default)]
    per_share_of: Option<String>,
    /// The whole this measure is a percentage of: vote share is a share
    /// of votes, so "40% of the vote" is a vote share.
    #[serde(default)]
    share_of: Option<String>,
    /// Its percentages are rates of change: "inflation of 3.7%" and
    /// "prices rose 3.7%" say the same thing.
    #[serde(default)]
    change: bool,
    /// Nobody owns it: a deal's value is the deal's, not the buyer's or
    /// the seller's. Only a place ("deaths in Derna") can qualify it.
    #[serde(default)]
    unowned: bool,
    /// Rivals each hold a figure of it (votes, seats): a figure that names
    /// no owner is nobody's in particular, whoever else the story names.
    #[serde(default)]
    contested: bool,
    /// A word so general it names the measure only when nothing more
    /// specific does: "prices" in "the consumer price index showed prices
    /// up 0.4%" are the index's.
    #[serde(default)]
    generic: bool,
    /// Counts of other measures that a cue beside them makes this one:
    /// jobs that are cut are job cuts.
    #[serde(default)]
    from_counts: Option<FromCountsDef>,
}

/// `from_counts` of a measure: counts of the measures `of`, with one of the
/// `before` phrases ending just before the figure or one of the `after`
/// phrases just after its noun, count this measure instead ("cutting 2,340
/// jobs", "2,340 workers out of a job"). A term of the measure itself before
/// the figure is a cue too ("redundancies affecting 3,240 staff").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FromCountsDef {
    of: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

/// A measure that counts of another become beside a cue (see
/// `FromCountsDef`): the cue phrases as lower-case words.
#[derive(Debug, Clone)]
pub struct Recast {
    /// The measure the counts become.
    pub id: String,
    /// Phrases that end just before the figure.
    pub before: Vec<Vec<String>>,
    /// Phrases just after the counted noun.
    pub after: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    measure: Vec<MeasureDef>,
    #[serde(default)]
    places: HashMap<String, String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    sum: Vec<SumDef>,
    #[serde(default)]
    ratio: Vec<RatioDef>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    classes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    phrases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    qualifiers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    bases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    spellings: BTreeMap<String, String>,
    #[serde(default)]
    currency: Vec<currency::CurrencyDef>,
    #[serde(default)]
    shared: Vec<currency::SharedDef>,
    #[serde(default)]
    dimension: Vec<units::DimensionDef>,
    #[serde(default)]
    unit: Vec<units::UnitDef>,
}

/// A total that is the sum of its parts: trade = exports + imports.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumDef {
    /// The id of the measure that is the total ("trade").
    pub total: String,
    /// The ids of the measures that add up to it ("exports", "imports").
    pub parts: Vec<String>,
}

/// A percentage that is one measure over another: a margin is a profit
/// over revenue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioDef {
    /// The id of the percentage measure ("margin").
    pub measure: String,
    /// The ids of the measures that may stand over the denominator
    /// ("operating-profit", "profit", "ebitda"); any one of them.
    pub numerator: Vec<String>,
    /// The id of the measure it is divided by ("revenue").
    pub denominator: String,
}

/// A rule file that cannot be used, with the place in it.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(
    code(figcheck::rules::malformed),
    help("see rules/measures.toml for the format")
)]
pub struct RuleFileError {
    /// The rule file or folder, as shown to the user.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
    /// The file's text, for the diagnostic to quote (empty when it could
    /// not be read).
    #[source_code]
    pub src: NamedSource<String>,
    /// Where in the text the problem is.
    #[label("here")]
    pub span: SourceSpan,
}

/// A matched term: the measure it names and how many words it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// The id of the measure the term names.
    pub id: String,
    /// How many words the term took.
    pub words: usize,
    /// The term ends in a preposition ("sales to"): what follows qualifies it.
    pub trailing_preposition: Option<String>,
}

/// One term of a measure, filed under its first folded word.
#[derive(Debug, Clone)]
struct Term {
    /// The folded words after the first.
    rest: Vec<String>,
    id: String,
    preposition: Option<String>,
}

/// Everything the rule packs say: measures and their terms, places, units,
/// sums and ratios, word classes and currencies.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// First folded word of a term → the terms starting with it, longest
    /// first, so that matching hashes one word and builds no string.
    terms: FxHashMap<String, Vec<Term>>,
    dimensions: HashMap<String, Dimension>,
    cumulative: HashSet<String>,
    places: FxHashMap<String, String>,
    units: FxHashSet<String>,
    sums: Vec<SumDef>,
    ratios: Vec<RatioDef>,
    modifiers: FxHashSet<String>,
    /// Measures whose percentages are rates of change.
    changes: FxHashSet<String>,
    /// Measures nobody owns.
    unowned: FxHashSet<String>,
    /// Measures rivals each hold a figure of.
    contested: FxHashSet<String>,
    /// Measures too general to win over a specific one in the sentence.
    generic: FxHashSet<String>,
    /// Head → the measure that is that head per share (profit → eps).
    per_share: FxHashMap<String, String>,
    /// Whole → the measure that is a percentage of it (votes → vote-share).
    share: FxHashMap<String, String>,
    /// Measure → what its counts become beside a cue (jobs → job cuts).
    recasts: FxHashMap<String, Vec<Recast>>,
    longest_term: usize,
    words: WordTable,
    currencies: currency::Currencies,
    currency_settings: BTreeMap<String, String>,
    physical: units::Units,
}

const PREPOSITIONS: &[&str] = &["to", "from", "on", "of", "between", "with", "in", "for"];

/// An anchored, leftmost-longest automaton over written forms, each with its
/// value, for "which form starts exactly here". A later entry for the same
/// words replaces an earlier one (a user's rule file overrides the pack);
/// `case_insensitive` folds ASCII case.
pub(crate) fn anchored_words<T>(
    words: impl IntoIterator<Item = (String, T)>,
    case_insensitive: bool,
) -> Option<(aho_corasick::AhoCorasick, Vec<T>)> {
    let mut by_words: BTreeMap<String, T> = BTreeMap::new();
    for (w, value) in words {
        let key = if case_insensitive {
            w.to_lowercase()
        } else {
            w
        };
        by_words.insert(key, value);
    }
    let (words, values): (Vec<String>, Vec<T>) = by_words.into_iter().unzip();
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(case_insensitive)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(&words)
        .ok()
        .map(|ac| (ac, values))
}

/// An invalid entry of a rule file, pointing at the first quoted word of
/// the message where the file has it ("XYZ" of `currency "XYZ" ...`), else
/// at the top.
fn entry_error(path: &str, text: &str, message: String) -> RuleFileError {
    let at = message
        .split('"')
        .nth(1)
        .and_then(|word| text.find(&format!("\"{word}\"")))
        .unwrap_or(0);
    RuleFileError {
        path: path.to_string(),
        message,
        src: NamedSource::new(path, text.to_string()),
        span: (at, 0).into(),
    }
}

/// Fold a word for matching: lower case, plural removed (see `fold_plural`).
pub fn fold(word: &str) -> String {
    fold_plural(&lower(word)).into_owned()
}

/// The plural folded away from a lower-case word, as the measure lexicon
/// files its terms: "agreements" → "agreement", "economies" → "economy",
/// "crashes" → "crash", "losses" → "loss", "taxes" → "tax". Words in "-ches"
/// lose "es" too ("branches"), at the cost of the few singulars in "-che"
/// ("niches" → "nich"): both forms of a word must fold alike, and "-ch"
/// nouns are far the commoner in news.
pub fn fold_plural<'a>(lower: &Cow<'a, str>) -> Cow<'a, str> {
    let w: &str = lower;
    let cut = if w.len() > 4 && w.ends_with("ies") {
        return Cow::Owned(format!("{}y", &w[..w.len() - 3]));
    } else if w.len() > 4
        && (w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes"))
    {
        2
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        1
    } else {
        return lower.clone();
    };
    match lower {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - cut]),
        Cow::Owned(o) => Cow::Owned(o[..o.len() - cut].to_string()),
    }
}

/// Lower case, borrowing when the word is already lower-case ASCII.
pub(crate) fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

impl Lexicon {
    /// The compiled-in pack.
    pub fn default_pack() -> Lexicon {
        let mut lex = Lexicon {
            currencies: currency::Currencies::iso(),
            ..Lexicon::default()
        };
        for (path, text) in DEFAULT_PACK {
            // The default pack is tested; a failure here is a build defect.
            lex.add_file(path, text)
                .unwrap_or_else(|e| panic!("default rule pack is malformed: {e}"));
        }
        lex
    }

    /// The compiled-in pack, built once: for callers with no rules of
    /// their own (benchmarks, tests, [`crate::extract::scan::scan`]).
    pub fn shared_default() -> &'static Lexicon {
        static PACK: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        PACK.get_or_init(Lexicon::default_pack)
    }

    /// The physical units of the pack.
    pub fn physical(&self) -> &units::Units {
        &self.physical
    }

    /// The currency table: the ISO list and the pack's written forms.
    pub fn currencies(&self) -> &currency::Currencies {
        &self.currencies
    }

    /// Fix what a shared currency sign means for every file of the run
    /// (`[currency]` of figcheck.toml): `dollar = "AUD"`.
    pub fn set_currency_setting(&mut self, id: &str, code: &str) -> Result<(), String> {
        if !self.currencies.is_shared_id(id) {
            return Err(format!(
                "[currency] {id:?} is not a shared currency sign (the `id` of a [[shared]] in the rules)"
            ));
        }
        if !self.currencies.knows(code) {
            return Err(format!(
                "[currency] {id} = {code:?} is not a known currency code"
            ));
        }
        self.currency_settings
            .insert(id.to_string(), code.to_string());
        Ok(())
    }

    /// The run's currency settings, from figcheck.toml.
    pub fn currency_settings(&self) -> &BTreeMap<String, String> {
        &self.currency_settings
    }

    /// The default pack plus every `*.toml` in the given folders, in sorted order.
    pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Lexicon, RuleFileError> {
        let mut lex = Lexicon::default_pack();
        for dir in dirs {
            let dir = dir.as_ref();
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| RuleFileError {
                    path: dir.display().to_string(),
                    message: format!("cannot read rules folder: {e}"),
                    src: NamedSource::new(dir.display().to_string(), String::new()),
                    span: (0, 0).into(),
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for f in files {
                let shown = f.display().to_string();
                let text = std::fs::read_to_string(&f).map_err(|e| RuleFileError {
                    path: shown.clone(),
                    message: format!("cannot read: {e}"),
                    src: NamedSource::new(shown.clone(), String::new()),
                    span: (0, 0).into(),
                })?;
                lex.add_file(&shown, &text)?;
            }
        }
        Ok(lex)
    }

    /// Add one pack file's measures and places.
    pub fn add_file(&mut self, path: &str, text: &str) -> Result<(), RuleFileError> {
        let mut pack: PackFile = toml::from_str(text).map_err(|e| RuleFileError {
            path: path.to_string(),
            message: e.message().to_string(),
            src: NamedSource::new(path, text.to_string()),
            span: e
                .span()
                .map_or((0, 0).into(), |s| (s.start, s.len()).into()),
        })?;
        if !pack.currency.is_empty() || !pack.shared.is_empty() {
            let currencies = currency::CurrencyPack {
                currency: std::mem::take(&mut pack.currency),
                shared: std::mem::take(&mut pack.shared),
            };
            self.currencies
                .add(currencies)
                .map_err(|message| entry_error(path, text, message))?;
        }
        if !pack.dimension.is_empty() || !pack.unit.is_empty() {
            let physical = units::UnitPack {
                dimension: std::mem::take(&mut pack.dimension),
                unit: std::mem::take(&mut pack.unit),
            };
            self.physical
                .add(physical)
                .map_err(|message| entry_error(path, text, message))?;
        }
        for m in pack.measure {
            if m.id.trim().is_empty() || m.terms.is_empty() {
                let at = text.find(&format!("\"{}\"", m.id)).unwrap_or(0);
                return Err(RuleFileError {
                    path: path.to_string(),
                    message: format!("measure {:?} needs an id and at least one term", m.id),
                    src: NamedSource::new(path, text.to_string()),
                    span: (at, m.id.len() + 2).into(),
                });
            }
            self.dimensions.insert(m.id.clone(), m.dimension);
            if m.cumulative {
                self.cumulative.insert(m.id.clone());
            }
            if m.change {
                self.changes.insert(m.id.clone());
            }
            if m.unowned || m.cumulative {
                self.unowned.insert(m.id.clone());
            }
            if m.generic {
                self.generic.insert(m.id.clone());
            }
            if m.contested {
                self.contested.insert(m.id.clone());
            }
            if let Some(of) = &m.per_share_of {
                self.per_share.insert(of.clone(), m.id.clone());
            }
            if let Some(of) = &m.share_of {
                self.share.insert(of.clone(), m.id.clone());
            }
            if let Some(from) = &m.from_counts {
                let phrases = |list: &[String]| -> Vec<Vec<String>> {
                    list.iter()
                        .map(|p| p.split_whitespace().map(|w| w.to_lowercase()).collect())
                        .filter(|p: &Vec<String>| !p.is_empty())
                        .collect()
                };
                let recast = Recast {
                    id: m.id.clone(),
                    before: phrases(&from.before),
                    after: phrases(&from.after),
                };
                // A measure's id, or a counted noun as the reader folds it
                // ("runners" is "runner").
                let keys: BTreeSet<String> =
                    from.of.iter().flat_map(|o| [o.clone(), fold(o)]).collect();
                for key in keys {
                    let list = self.recasts.entry(key).or_default();
                    list.retain(|r| r.id != recast.id);
                    list.push(recast.clone());
                }
            }
            for term in &m.terms {
                let words: Vec<String> = term.split_whitespace().map(fold).collect();
                let prep = words
                    .last()
                    .filter(|w| PREPOSITIONS.contains(&w.as_str()) && words.len() > 1)
                    .cloned();
                self.longest_term = self.longest_term.max(words.len());
                self.add_term(words, m.id.clone(), prep);
            }
        }
        self.units.extend(pack.units.iter().map(|u| fold(u)));
        for (nth, sum) in pack.sum.iter().enumerate() {
            let mut seen = HashSet::new();
            let repeated = sum.parts.iter().find(|p| !seen.insert(p.as_str()));
            let problem = if sum.total.trim().is_empty() {
                Some("needs a total".to_string())
            } else if sum.parts.len() < 2 {
                Some("needs at least two parts".to_string())
            } else if let Some(p) = repeated {
                Some(format!("lists the part {p:?} twice"))
            } else {
                sum.parts
                    .contains(&sum.total)
                    .then(|| "lists its total among its parts".to_string())
            };
            if let Some(problem) = problem {
                // Point at this [[sum]] of the file.
                let at = text.match_indices("[[sum]]").nth(nth).map_or(0, |(i, _)| i);
                return Err(RuleFileError {
                    path: path.to_string(),
                    message: format!("sum of {:?} {problem}", sum.total),
                    src: NamedSource::new(path, text.to_string()),
                    span: (at, "[[sum]]".len()).into(),
                });
            }
        }
        self.sums.extend(pack.sum);
        for r in &pack.ratio {
            if r.measure.trim().is_empty() || r.numerator.is_empty() || r.denominator.is_empty() {
                let at = text.find("[[ratio]]").unwrap_or(0);
                return Err(RuleFileError {
                    path: path.to_string(),
                    message: format!(
                        "ratio {:?} needs a measure, a numerator and a denominator",
                        r.measure
                    ),
                    src: NamedSource::new(path, text.to_string()),
                    span: (at, "[[ratio]]".len()).into(),
                });
            }
        }
        self.ratios.extend(pack.ratio);
        self.modifiers
            .extend(pack.modifiers.iter().map(|m| m.to_lowercase()));
        for (k, v) in pack.places {
            self.places.insert(k.to_lowercase(), v.to_lowercase());
        }
        self.words.add_spellings(&pack.spellings);
        self.words
            .add(&pack.classes, &pack.phrases, &pack.qualifiers, &pack.bases)
            .map_err(|u| {
                let at = text.find(&u.name).unwrap_or(0);
                RuleFileError {
                    path: path.to_string(),
                    message: format!("unknown name {:?} in [{}]", u.name, u.table),
                    src: NamedSource::new(path, text.to_string()),
                    span: (at, u.name.len()).into(),
                }
            })?;
        Ok(())
    }

    /// File a term under its first word. A term listed again (in this or a
    /// later file) replaces the earlier entry, as a map keyed by the whole
    /// term would.
    fn add_term(&mut self, words: Vec<String>, id: String, preposition: Option<String>) {
        // A blank term has no words and could never match.
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let list = self.terms.entry(first.clone()).or_default();
        let term = Term {
            rest: rest.to_vec(),
            id,
            preposition,
        };
        match list.iter_mut().find(|t| t.rest == term.rest) {
            Some(t) => *t = term,
            None => {
                list.push(term);
                // Longest first: the first term that matches is the longest.
                list.sort_by_key(|t| std::cmp::Reverse(t.rest.len()));
            }
        }
    }

    /// The longest term starting at `words[0]` (words already folded).
    pub fn match_at(&self, words: &[String]) -> Option<TermMatch> {
        let max = self.longest_term.min(words.len());
        // Terms are matched as if the words were joined by spaces; only a
        // word that holds a space itself (never one of a sentence) needs that
        // done literally. A byte loop: words are short, memchr's setup would
        // dominate.
        let spaced = |w: &String| w.bytes().any(|b| b == b' ');
        let first = words.first()?;
        if spaced(first) {
            return self.match_joined(&words[..max]);
        }
        // No term starts with this word (the usual case): none can match.
        let terms = self.terms.get(first.as_str())?;
        if words[1..max].iter().any(spaced) {
            return self.match_joined(&words[..max]);
        }
        terms
            .iter()
            .find(|t| t.rest.len() < max && t.rest[..] == words[1..=t.rest.len()])
            .map(|t| TermMatch {
                id: t.id.clone(),
                words: 1 + t.rest.len(),
                trailing_preposition: t.preposition.clone(),
            })
    }

    /// The longest term whose words are `word(0)`, `word(1)`, ... (folded;
    /// `None` ends the words). Nothing is allocated unless a term matches.
    pub fn match_with<'w>(&self, word: impl Fn(usize) -> Option<&'w str>) -> Option<TermMatch> {
        let terms = self.terms.get(word(0)?)?;
        terms
            .iter()
            .find(|t| {
                t.rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word(k + 1) == Some(w.as_str()))
            })
            .map(|t| TermMatch {
                id: t.id.clone(),
                words: 1 + t.rest.len(),
                trailing_preposition: t.preposition.clone(),
            })
    }

    /// [`Lexicon::match_at`] for words that hold spaces themselves (never
    /// the words of a sentence): terms are matched against the words
    /// joined by one space, so `["bilateral trade"]` is one word long.
    fn match_joined(&self, words: &[String]) -> Option<TermMatch> {
        (1..=words.len()).rev().find_map(|n| {
            let joined = words[..n].join(" ");
            let mut parts = joined.split(' ');
            let first = parts.next()?;
            let rest: Vec<&str> = parts.collect();
            self.terms
                .get(first)?
                .iter()
                .find(|t| t.rest.iter().map(String::as_str).eq(rest.iter().copied()))
                .map(|t| TermMatch {
                    id: t.id.clone(),
                    words: n,
                    trailing_preposition: t.preposition.clone(),
                })
        })
    }

    /// Word classes and phrases.
    pub fn words(&self) -> &WordTable {
        &self.words
    }

    /// Whether a word before a measure term tells measures apart ("solar").
    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(lower(word).as_ref())
    }

    /// Totals that are sums of other measures.
    pub fn sums(&self) -> &[SumDef] {
        &self.sums
    }

    /// Percentages that are one measure over another.
    pub fn ratios(&self) -> &[RatioDef] {
        &self.ratios
    }

    /// Whether a noun is a unit of measure ("gigawatts") rather than a thing counted.
    pub fn is_unit(&self, noun: &str) -> bool {
        self.units.contains(&fold(noun))
    }

    /// Whether the measure is itself per share (eps).
    pub fn is_per_share(&self, head: &str) -> bool {
        self.per_share.values().any(|v| v == head)
    }

    /// The measure that is `head` per share ("profit" → "eps").
    pub fn per_share_measure(&self, head: &str) -> Option<&str> {
        self.per_share.get(head).map(String::as_str)
    }

    /// The measure that is a percentage of `head` ("votes" → "vote-share").
    pub fn share_measure(&self, head: &str) -> Option<&str> {
        self.share.get(head).map(String::as_str)
    }

    /// Whether a percentage of this measure is a rate of change (inflation).
    pub fn is_rate_of_change(&self, measure: &Measure) -> bool {
        self.changes.contains(&measure.head)
    }

    /// Whether a measure has no owner but a place: deal values, tallies.
    pub fn is_unowned(&self, measure: &Measure) -> bool {
        self.unowned.contains(&measure.head)
    }

    /// Whether rivals each hold a figure of the measure (votes, seats), so
    /// an unowned figure of it never takes the story's or article's owner.
    pub fn is_contested(&self, measure: &Measure) -> bool {
        self.contested.contains(&measure.head)
    }

    /// Whether the measure is a word that names no quantity ("number",
    /// "tally"), with nothing to narrow it.
    pub fn is_vague(&self, measure: &Measure) -> bool {
        measure.modifiers.is_empty()
            && measure.of.is_none()
            && self.words().classes(&measure.head).has(Class::Vague)
    }

    /// Whether an unowned figure of the measure may take an owner its words
    /// do not name (the story's, the article's subject, a fronted place):
    /// not a tally or a deal's value, which is nobody's, nor seats or
    /// votes, which rivals hold.
    pub fn takes_lent_owner(&self, measure: &Measure) -> bool {
        !self.is_unowned(measure) && !self.is_contested(measure)
    }

    /// Whether a measure id is too general to win over a specific one.
    pub fn is_generic(&self, id: &str) -> bool {
        self.generic.contains(id)
    }

    /// What counts of the measure `id` become beside a cue.
    pub fn recasts(&self, id: &str) -> &[Recast] {
        self.recasts.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether a measure is a running tally (deaths, injured, missing).
    pub fn is_cumulative(&self, measure: &Measure) -> bool {
        self.cumulative.contains(&measure.head)
    }

    /// Whether the measure's head is a lexicon id rather than a bare noun.
    pub fn is_known(&self, measure: &Measure) -> bool {
        self.dimensions.contains_key(&measure.head)
    }

    pub(crate) fn dimension(&self, id: &str) -> Option<Dimension> {
        self.dimensions.get(id).copied()
    }

    /// Whether a lower-cased word names a place ("japanese", "britain").
    pub fn is_place(&self, word: &str) -> bool {
        self.places.contains_key(word) || self.places.values().any(|v| v == word)
    }

    /// Normalise a place or noun phrase used as a qualifier: lower case, no
    /// leading article, aliases applied word by word ("the United States"
    /// → "us", "Chinese goods" → "china goods").
    pub fn normalise_phrase(&self, phrase: &str) -> String {
        self.normalise_with(phrase, fold)
    }

    /// As [`Lexicon::normalise_phrase`], for names: words keep their form
    /// ("Infosys" is "infosys", not a plural of "infosy").
    pub fn normalise_name(&self, phrase: &str) -> String {
        self.normalise_with(phrase, str::to_string)
    }

    fn normalise_with(&self, phrase: &str, word: impl Fn(&str) -> String) -> String {
        let lower = phrase.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        while matches!(
            words.first(),
            Some(&"the") | Some(&"a") | Some(&"an") | Some(&"all")
        ) {
            words.remove(0);
        }
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        'outer: while i < words.len() {
            for n in (1..=3.min(words.len() - i)).rev() {
                let key = words[i..i + n].join(" ");
                if let Some(alias) = self.places.get(&key) {
                    out.push(alias.clone());
                    i += n;
                    continue 'outer;
                }
            }
            out.push(word(words[i].trim_matches(|c: char| !c.is_alphanumeric())));
            i += 1;
        }
        out.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold).collect()
    }

    #[test]
    fn plural_and_singular_fold_alike() {
        for (plural, singular) in [
            ("Agreements", "agreement"),
            ("economies", "economy"),
            ("crashes", "crash"),
            ("losses", "loss"),
            ("taxes", "tax"),
            ("branches", "branch"),
            ("houses", "house"),
            ("cases", "case"),
        ] {
            assert_eq!(fold(plural), singular, "{plural}");
            assert_eq!(fold(singular), singular, "{singular}");
        }
        // Not plurals: kept whole.
        for word in ["loss", "census", "gas", "bus"] {
            assert_eq!(fold(word), word);
        }
    }

    #[test]
    fn default_pack_loads_and_matches() {
        let lex = Lexicon::default_pack();
        assert_eq!(
            lex.match_at(&words("bilateral trade rose")).unwrap().id,
            "trade"
        );
        assert_eq!(
            lex.match_at(&words("agreements to work")).unwrap().id,
            "deals"
        );
        let m = lex.match_at(&words("sales to the US")).unwrap();
        assert_eq!((m.id.as_str(), m.words), ("exports", 2));
        assert_eq!(m.trailing_preposition.as_deref(), Some("to"));
        assert_eq!(lex.match_at(&words("sales rose")).unwrap().id, "revenue");
    }

    #[test]
    fn words_holding_spaces_match_as_joined() {
        let lex = Lexicon::default_pack();
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let m = lex.match_at(&w(&["sale to", "the"])).unwrap();
        assert_eq!((m.id.as_str(), m.words), ("exports", 1));
        let m = lex.match_at(&w(&["sale", "to x"])).unwrap();
        assert_eq!((m.id.as_str(), m.words), ("revenue", 1));
        assert!(lex.match_at(&w(&[])).is_none());
    }

    #[test]
    fn places_are_normalised() {
        let lex = Lexicon::default_pack();
        assert_eq!(lex.normalise_phrase("the United States"), "us");
        assert_eq!(lex.normalise_phrase("the US"), "us");
        assert_eq!(lex.normalise_phrase("Chinese goods"), "china good");
    }

    #[test]
    fn sums_need_distinct_parts() {
        for (text, message) in [
            (
                "[[sum]]\ntotal = \"trade\"\nparts = []\n",
                "sum of \"trade\" needs at least two parts",
            ),
            (
                "# house sums\n[[sum]]\ntotal = \"trade\"\nparts = [\"exports\", \"exports\"]\n",
                "sum of \"trade\" lists the part \"exports\" twice",
            ),
            (
                "[[sum]]\ntotal = \"trade\"\nparts = [\"trade\", \"imports\"]\n",
                "sum of \"trade\" lists its total among its parts",
            ),
        ] {
            let err = Lexicon::default().add_file("sums.toml", text).unwrap_err();
            assert_eq!(err.message, message);
            assert_eq!(err.span.offset(), text.find("[[sum]]").unwrap());
        }
    }

    #[test]
    fn malformed_pack_points_at_line() {
        let mut lex = Lexicon::default();
        let text = "[[measure]]\nid = \"x\"\ndimension = \"money\"\nterms = [\"a\"]\ncolour = 1\n";
        let err = lex.add_file("bad.toml", text).unwrap_err();
        assert!(err.message.contains("colour"), "{}", err.message);
        assert_eq!(err.span.offset(), text.find("colour").unwrap());
    }
}
