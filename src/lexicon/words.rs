//! Word classes: what the reading stage knows about a word, looked up once.
//!
//! The lists live in `rules/words.toml` (and any pack the user adds). A
//! word's classes are a bit set; the reader asks for classes and never
//! compares a word with a list. Multi-word phrases (qualifiers, comparison
//! bases, anaphors) are kept as word sequences and matched against tokens.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::claim::{Basis, Qualifier};

macro_rules! classes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal),* $(,)?) => {
        /// A class of words the reader tells apart. Its name is the key
        /// under `[classes]` in a rule pack.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Class { $($(#[$doc])* $variant),* }

        impl Class {
            /// Every class with its name in the rule files.
            pub const ALL: &'static [(Class, &'static str)] = &[$((Class::$variant, $name)),*];
        }
    };
}

classes! {
    /// Function words: never part of a measure's name, never a counted noun.
    Stop = "stop",
    /// Determiners that may open a noun phrase ("the", "its", "these").
    Determiner = "determiner",
    /// A rise: "rose 5%", "a 5% increase", "up 5%".
    Rise = "rise",
    /// A fall: "fell 8%", "an 8% drop", "down 8%".
    Fall = "fall",
    /// Verbs that make a following "up" part of a phrasal verb, not a
    /// rise: "made up 46%".
    PhrasalUp = "phrasal_up",
    /// Verbs after which "up to" is a direction, not a cap: "revised up
    /// to 227,000" is 227,000, not at most 227,000.
    Upward = "upward",
    /// Actor verbs whose clause may leave its measure to the clause before:
    /// "taking 240 seats, while the Congress won 99".
    ElidesMeasure = "elides_measure",
    /// Words between "from" and a starting level: "from a previous 3.8%".
    Earlier = "earlier",
    /// Words that call a figure a revision or an earlier estimate.
    Revision = "revision",
    /// Words between a change word and its figure: "rose by about 5%".
    ChangeFiller = "change_filler",
    /// Words after a rate that leave it a change: "a 5% annual rise".
    ChangeAfterFiller = "change_after_filler",
    /// Something aimed for, before the figure: "a target of $200bn".
    Target = "target",
    /// Something expected, before the figure: "is forecast to grow 3%".
    Forecast = "forecast",
    /// A company's own outlook ("guidance", "expects"): a forecast by the
    /// figure's own owner is guidance.
    Guidance = "guidance",
    /// Analysts' expectations: "analysts had expected $55bn", "the
    /// consensus".
    Estimate = "estimate",
    /// Words that measure a figure against an expectation, which then
    /// makes it no forecast: "faster than forecast", "against
    /// expectations", "beating estimates".
    Versus = "versus",
    /// A target named after the figure: "a $200bn target".
    TargetAfter = "target_after",
    /// A forecast named after the figure: "the 1.8% the IMF had forecast".
    ForecastAfter = "forecast_after",
    /// Reporting verbs: a time beside them dates the saying, not the figure.
    Reporting = "reporting",
    /// Words that make a clause look ahead ("will meet on Thursday").
    Future = "future",
    /// Past forms without "-ed": a time beside them has happened.
    Past = "past",
    /// Words that never head the noun phrase after a number ("percent",
    /// "times").
    NotNoun = "not_noun",
    /// Verbs that end like plurals and follow a subject noun: "assembly runs".
    SVerb = "s_verb",
    /// Participles without "-ed" that end a noun phrase: "assets held by".
    Participle = "participle",
    /// A figure divided among people: "per capita", "per person".
    PerHead = "per_head",
    /// Per-share figures: "$1.10 a share", "earnings per share".
    PerShare = "per_share",
    /// Time words that make a figure a rate, not a total: "£690 a week".
    RateUnit = "rate_unit",
    /// Nouns that count people without saying what happened to them.
    People = "people",
    /// Nouns for people in a role ("workers", "passengers"): a verb of what
    /// befell them beside the count says what it measures ("seven workers
    /// were killed" are deaths).
    Person = "person",
    /// Plurals without an "s".
    IrregularPlural = "irregular_plural",
    /// Verbs whose subject owns the figure that follows: "Sunwave reported
    /// revenue of $61.5bn".
    ActorVerb = "actor_verb",
    /// Capitalised words that never name an owner.
    NotOwner = "not_owner",
    /// Words that open a clause without naming anything: "well short of".
    NotSubject = "not_subject",
    /// Words that open a new clause inside a sentence.
    Clause = "clause",
    /// Verbs of winning a contest, whose subject owns the margin: "X beat
    /// Y by 6,553 votes".
    Contest = "contest",
    /// Words that may open a clause before its subject: "where" in "...,
    /// where Sonwane beat Munde by 6,553 votes".
    SubjectOpener = "subject_opener",
    /// Words that open a clause naming what a change is measured against:
    /// "fell 13.7% in April, compared with a year earlier".
    Comparison = "comparison",
    /// Words before a measure that do not make it a different measure:
    /// "total revenue" is revenue.
    Neutral = "neutral",
    /// A record: "a record $108bn", "an all-time high".
    Record = "record",
    /// Words that join coordinated figures so they share a role: "revenue
    /// of $5bn and profit of $1bn".
    Coordinator = "coordinator",
    /// Prepositions that attach a qualifying phrase to a measure: "exports
    /// to the US".
    QualifyingPreposition = "qualifying_preposition",
    /// Words that mark a subset: "25 of the 40 deals".
    Subset = "subset",
    /// Sentence openers that refer back to the previous sentence's figure
    /// ("The figure ...").
    Anaphor = "anaphor",
    /// Words that open a clause giving a cause or a contrast ("..., as
    /// the yen climbed back from last year's lows"): its times date its own
    /// events, never a figure before it.
    Aside = "aside",
    /// Plural nouns after "100m" that make it metres: "100m hurdles".
    NotMillions = "not_millions",
    /// Modal verbs: "may fall 35%" is a forecast.
    Modal = "modal",
    /// Words before the month a year ends in: "the year ended March 31":
    /// that year is a fiscal year.
    YearEnd = "year_end",
    /// Verbs that may stand right before a measure's noun, never its
    /// modifier: "boost revenue".
    Verb = "verb",
    /// Nouns that name a part of a company: "the O2C arm".
    Segment = "segment",
    /// Company-form words that end a company's name: "Nvidia Corp" is Nvidia.
    Corporate = "corporate",
    /// Nouns after "to", "from", "on" that say where a figure went, not
    /// what it is of: "rose to a record".
    NotQualifier = "not_qualifier",
    /// A figure stated as things stand, in a story still moving: "now",
    /// "still".
    Running = "running",
    /// A time of day a figure is stated at: "by 6 a.m.", "as of the
    /// evening".
    TimeOfDay = "time_of_day",
    /// Nouns that name a thing by a number: "Section 1", "Flight 370".
    Reference = "reference",
    /// Participles of a thing's founding: "built in 1998" dates the
    /// building, never a figure.
    Founding = "founding",
    /// Participles that state a part as a share of a whole after a comma:
    /// "3.6bn florins ..., covering 30% of the plant's 14.4bn cost".
    ShareVerb = "share_verb",
    /// Comparatives after a rate that make it a change from the level
    /// after "than": "21 per cent more than the 368,000 hectolitres".
    Comparative = "comparative",
    /// The comparatives of those that say the change is a fall: "30% lower
    /// than", "12% fewer than".
    ComparativeLess = "comparative_less",
    /// Auxiliaries, pronouns and reporting verbs before a predicate's verb:
    /// "71% of households had answered", "45% of voters said they would
    /// back".
    Auxiliary = "auxiliary",
    /// Words that say a figure is the whole country's, no one place's:
    /// "nationally", "nationwide", "across the country". Such a figure is
    /// never lent the owner the article or the story names.
    WholeScope = "whole_scope",
    /// Nouns that say a figure is a number and nothing of what it counts:
    /// "the number of great bustards", "the tally". A measure of only such a
    /// word corroborates, never contradicts.
    Vague = "vague",
}

impl Class {
    pub(crate) fn from_name(name: &str) -> Option<Class> {
        Class::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

/// The classes of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ClassSet(u64);

impl ClassSet {
    pub(crate) const EMPTY: ClassSet = ClassSet(0);

    pub(crate) fn has(self, c: Class) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    pub(crate) fn with(self, c: Class) -> ClassSet {
        ClassSet(self.0 | 1 << c as u8)
    }

    /// Whether the word is in any of these classes.
    pub fn any(self, of: &[Class]) -> bool {
        of.iter().any(|&c| self.has(c))
    }
}

/// A phrase as the lower-cased words it is made of.
pub type Phrase = Vec<String>;

/// Word classes and phrase tables, filled from rule packs.
#[derive(Debug, Clone, Default)]
pub struct WordTable {
    words: FxHashMap<String, ClassSet>,
    /// Variant spellings: "centre" is read as "center".
    spellings: FxHashMap<String, String>,
    phrases: Vec<(Phrase, Class)>,
    qualifiers: Vec<(Phrase, Qualifier)>,
    bases: Vec<(Phrase, Basis)>,
}

/// Why a table of a pack could not be used: the name that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The table: "classes", "phrases", "qualifiers" or "bases".
    pub table: &'static str,
    /// The name under it that is not known.
    pub name: String,
}

/// Split a phrase into the words the reader cuts sentences into.
pub fn phrase_words(phrase: &str) -> Phrase {
    crate::extract::sentence::words(phrase, 0..phrase.len())
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect()
}

impl WordTable {
    /// The classes of a lower-cased word.
    pub fn classes(&self, lower: &str) -> ClassSet {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// The spelling a lower-cased word is read as ("centre" → "center").
    pub fn spelling<'w>(&'w self, lower: &'w str) -> &'w str {
        self.spellings.get(lower).map_or(lower, String::as_str)
    }

    /// Add variant spellings.
    pub fn add_spellings(&mut self, spellings: &BTreeMap<String, String>) {
        for (from, to) in spellings {
            self.spellings
                .insert(from.to_lowercase(), to.to_lowercase());
        }
    }

    /// Add a pack's tables. Names are checked; words are only ever added.
    pub fn add(
        &mut self,
        classes: &BTreeMap<String, Vec<String>>,
        phrases: &BTreeMap<String, Vec<String>>,
        qualifiers: &BTreeMap<String, Vec<String>>,
        bases: &BTreeMap<String, Vec<String>>,
    ) -> Result<(), UnknownName> {
        let class = |table: &'static str, name: &str| {
            Class::from_name(name).ok_or_else(|| UnknownName {
                table,
                name: name.to_string(),
            })
        };
        for (name, words) in classes {
            let c = class("classes", name)?;
            for w in words {
                let e = self.words.entry(w.to_lowercase()).or_default();
                *e = e.with(c);
            }
        }
        for (name, list) in phrases {
            let c = class("phrases", name)?;
            for p in list {
                let words = phrase_words(p);
                // A one-word phrase is simply a word of the class.
                if let [w] = words.as_slice() {
                    let e = self.words.entry(w.clone()).or_default();
                    *e = e.with(c);
                } else if !words.is_empty() {
                    self.phrases.push((words, c));
                }
            }
        }
        for (name, list) in qualifiers {
            let q = Qualifier::from_name(name).ok_or_else(|| UnknownName {
                table: "qualifiers",
                name: name.clone(),
            })?;
            self.qualifiers
                .extend(list.iter().map(|p| (phrase_words(p), q)));
        }
        for (name, list) in bases {
            let b = Basis::from_name(name).ok_or_else(|| UnknownName {
                table: "bases",
                name: name.clone(),
            })?;
            self.bases.extend(list.iter().map(|p| (phrase_words(p), b)));
        }
        // Longest phrases first: the first that matches is the longest.
        self.phrases
            .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        self.qualifiers
            .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        self.bases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Ok(())
    }

    /// The longest qualifier phrase ending right before word `end` of
    /// `words` (lower-cased): its qualifier and its number of words.
    pub fn qualifier_ending_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
        end: usize,
    ) -> Option<(Qualifier, usize)> {
        self.qualifiers
            .iter()
            .find(|(p, _)| ends_with(&words, end, p))
            .map(|(p, q)| (*q, p.len()))
    }

    /// The comparison basis a phrase starting at word `at` names.
    pub fn basis_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
        at: usize,
    ) -> Option<(Basis, usize)> {
        self.bases
            .iter()
            .find(|(p, _)| starts_with(&words, at, p))
            .map(|(p, b)| (*b, p.len()))
    }

    /// The comparison basis a time expression names as a whole ("a year
    /// earlier", "the previous month"), leading article aside: read as one
    /// token, its words are not seen by [`WordTable::basis_at`].
    pub fn basis_of_time(&self, lower: &str) -> Option<Basis> {
        let words: Vec<&str> = lower.split_whitespace().collect();
        let skip = usize::from(matches!(words.first(), Some(&("a" | "the"))));
        let word = |i: usize| words.get(i).copied();
        self.basis_at(word, skip)
            .filter(|&(_, n)| skip + n == words.len())
            .map(|(b, _)| b)
    }

    /// The length in words of a phrase of `class` ending right before word
    /// `end` (one-word phrases are word classes and are not seen here).
    pub fn phrase_ending_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
        end: usize,
        class: Class,
    ) -> Option<usize> {
        self.phrases
            .iter()
            .find(|(p, c)| *c == class && ends_with(&words, end, p))
            .map(|(p, _)| p.len())
    }

    /// Whether a phrase of `class` starts at word `at` (one-word phrases are
    /// word classes and are not seen here).
    pub fn phrase_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
        at: usize,
        class: Class,
    ) -> Option<usize> {
        self.phrases
            .iter()
            .find(|(p, c)| *c == class && starts_with(&words, at, p))
            .map(|(p, _)| p.len())
    }
}

fn starts_with<'w>(words: &impl Fn(usize) -> Option<&'w str>, at: usize, p: &Phrase) -> bool {
    p.iter()
        .enumerate()
        .all(|(k, w)| words(at + k) == Some(w.as_str()))
}

fn ends_with<'w>(words: &impl Fn(usize) -> Option<&'w str>, end: usize, p: &Phrase) -> bool {
    end >= p.len() && starts_with(words, end - p.len(), p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> WordTable {
        let mut t = WordTable::default();
        let map = |pairs: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
                .collect()
        };
        t.add(
            &map(&[("rise", &["rose", "up"]), ("fall", &["down"])]),
            &map(&[("anaphor", &["the figure", "this"])]),
            &map(&[
                ("more_than", &["more than", "over"]),
                ("just_over", &["just over"]),
            ]),
            &map(&[("y/y", &["year on year", "a year earlier"])]),
        )
        .unwrap();
        t
    }

    #[test]
    fn a_word_has_every_class_it_is_listed_in() {
        let t = table();
        assert!(t.classes("rose").has(Class::Rise));
        assert!(!t.classes("rose").has(Class::Fall));
        assert!(t.classes("this").has(Class::Anaphor));
        assert_eq!(t.classes("unknown"), ClassSet::EMPTY);
    }

    #[test]
    fn longest_qualifier_wins() {
        let t = table();
        let words = ["it", "was", "just", "over", "5"];
        let at = |i: usize| words.get(i).copied();
        assert_eq!(t.qualifier_ending_at(at, 4), Some((Qualifier::JustOver, 2)));
        let words = ["more", "than", "5"];
        let at = |i: usize| words.get(i).copied();
        assert_eq!(t.qualifier_ending_at(at, 2), Some((Qualifier::MoreThan, 2)));
        assert_eq!(t.qualifier_ending_at(at, 0), None);
    }

    #[test]
    fn phrases_and_bases_match_whole_words() {
        let t = table();
        let words = ["up", "5%", "from", "a", "year", "earlier"];
        let at = |i: usize| words.get(i).copied();
        assert_eq!(t.basis_at(at, 3), Some((Basis::YearOnYear, 3)));
        assert_eq!(t.basis_at(at, 4), None);
        let words = ["the", "figure", "rose"];
        let at = |i: usize| words.get(i).copied();
        assert_eq!(t.phrase_at(at, 0, Class::Anaphor), Some(2));
        assert_eq!(t.phrase_ending_at(at, 2, Class::Anaphor), Some(2));
        assert_eq!(t.phrase_ending_at(at, 3, Class::Anaphor), None);
    }

    #[test]
    fn unknown_names_are_refused() {
        let mut t = WordTable::default();
        let bad: BTreeMap<String, Vec<String>> = [("risen".to_string(), vec![])].into();
        let none = BTreeMap::new();
        assert_eq!(
            t.add(&bad, &none, &none, &none),
            Err(UnknownName {
                table: "classes",
                name: "risen".into()
            })
        );
    }
}
