//! The rule engine: from claims to findings.
//!
//! Claims are grouped by [`key::Key`] (what, which role, when, in what
//! unit); each rule then looks at the groups, or at single claims, and
//! reports findings. One file per rule, each with its code, its
//! documentation (what it does, why it matters, a failing and a passing
//! example) and its tests. [`codes::RULES`] is the one table of codes.

pub mod agreement;
pub mod arith;
pub mod change;
pub mod codes;
pub mod conflict;
pub mod duration;
pub mod growth_chain;
pub mod key;
pub mod missing_date;
pub mod repeated;
pub mod share;
pub mod sum;
pub mod target;
pub mod too_large;
pub mod unresolved;
pub mod unsupported;
pub mod weekday;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::claim::{Claim, Kind};
use crate::findings::Finding;
use crate::lexicon::Lexicon;
use crate::Corpus;

pub(crate) use codes::Run;
pub use codes::{RuleInfo, RULES};

/// What a check run compares.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Documents being checked against the others (`--against`): their
    /// figures must be supported by a source. Empty: no draft.
    pub drafts: BTreeSet<usize>,
    /// Report files without a publication date (`date = "required"`).
    pub require_dates: bool,
    /// Only findings that involve this document are wanted (an editor's
    /// open document): the rules look only at the groups of its measures
    /// and at its own sentences, so a change costs what the document
    /// touches, not what the whole workspace holds.
    pub focus: Option<usize>,
}

/// Everything a rule may look at.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The documents and their claims.
    pub corpus: &'a Corpus,
    /// The measures and words the claims were read with.
    pub lexicon: &'a Lexicon,
    /// What the run compares.
    pub options: &'a CheckOptions,
    /// Comparable claims grouped by key.
    pub groups: BTreeMap<key::Key, Vec<usize>>,
    /// Claims by (document, sentence start), in text order.
    pub sentences: BTreeMap<(usize, usize), Vec<usize>>,
    /// Claim index by (document, span start).
    at: HashMap<(usize, usize), usize>,
    /// The groups joined by head measure and unowned figures, made once
    /// for the rules that corroborate (FC202, FC203).
    loose: std::sync::OnceLock<BTreeMap<key::Key, Vec<usize>>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(corpus: &'a Corpus, lexicon: &'a Lexicon, options: &'a CheckOptions) -> Self {
        let mut groups = key::group(&corpus.claims, &corpus.docs, lexicon);
        // Small counts in words ("the two leaders", "three sides") describe
        // rather than report; they are compared only when their noun is a
        // known measure ("three people died" is).
        for members in groups.values_mut() {
            members.retain(|&i| comparable(&corpus.claims[i], lexicon));
        }
        groups.retain(|_, m| !m.is_empty());
        if let Some(doc) = options.focus {
            // Every owner's group of a measure the document speaks of: an
            // unowned figure of it may join any of them.
            // Agreement and support join groups by the measure's head
            // ("tariffs on imports" meets "tariffs"): keep every group of
            // a head the document speaks of.
            let heads: BTreeSet<String> = groups
                .iter()
                .filter(|(_, m)| m.iter().any(|&i| corpus.claims[i].doc == doc))
                .map(|(k, _)| k.measure.head.clone())
                .collect();
            groups.retain(|k, _| heads.contains(&k.measure.head));
        }
        key::attach_undated_targets(&mut groups);
        let mut sentences: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        let mut at = HashMap::new();
        for (i, c) in corpus.claims.iter().enumerate() {
            if options.focus.is_some_and(|doc| doc != c.doc) {
                // Other documents' sentences are not read, but their
                // claims are still found by place (links, FC208).
                at.insert((c.doc, c.span.start), i);
                continue;
            }
            sentences
                .entry((c.doc, c.sentence.start))
                .or_default()
                .push(i);
            at.insert((c.doc, c.span.start), i);
        }
        Context {
            corpus,
            lexicon,
            options,
            groups,
            sentences,
            at,
            loose: std::sync::OnceLock::new(),
        }
    }

    /// Whether a focused check can skip these claims: none is in the
    /// document it is about.
    pub(crate) fn outside_focus(&self, members: &[usize]) -> bool {
        self.options
            .focus
            .is_some_and(|doc| members.iter().all(|&i| self.claim(i).doc != doc))
    }

    /// The groups that corroborate: [`key::with_unowned`] of the groups,
    /// made on first use and shared by the rules running in parallel.
    pub(crate) fn loose_groups(&self) -> &BTreeMap<key::Key, Vec<usize>> {
        self.loose
            .get_or_init(|| key::with_unowned(&self.groups, &self.corpus.claims))
    }

    /// The claim of a document whose span starts at `offset`.
    pub fn claim_at(&self, doc: usize, offset: usize) -> Option<usize> {
        self.at.get(&(doc, offset)).copied()
    }

    /// The prose of a claim's sentence, lower-cased, with the claim's offset in it.
    pub fn between(&self, a: usize, b: usize) -> String {
        let (x, y) = (self.claim(a), self.claim(b));
        let doc = &self.corpus.docs[x.doc];
        if x.doc != y.doc || x.span.end > y.span.start {
            return String::new();
        }
        doc.prose[x.span.end..y.span.start].to_lowercase()
    }

    /// The `n` lower-cased words just before a claim, joined by spaces.
    pub fn between_words_before(&self, i: usize, n: usize) -> String {
        self.words_before_from(i, n, false)
    }

    /// As [`Context::between_words_before`], but only from the claim's own
    /// clause: words before a comma, semicolon or colon are not counted.
    pub fn clause_words_before(&self, i: usize, n: usize) -> String {
        self.words_before_from(i, n, true)
    }

    fn words_before_from(&self, i: usize, n: usize, clause_only: bool) -> String {
        let c = self.claim(i);
        let prose = &self.corpus.docs[c.doc].prose;
        let mut from = c.sentence.start;
        if clause_only {
            if let Some(k) = prose[from..c.span.start].rfind([',', ';', ':']) {
                from += k + 1;
            }
        }
        let words: Vec<&str> = prose[from..c.span.start]
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words[words.len().saturating_sub(n)..]
            .join(" ")
            .to_lowercase()
    }

    /// The lower-cased word just before a claim.
    pub fn word_before(&self, i: usize) -> String {
        let c = self.claim(i);
        let prose = &self.corpus.docs[c.doc].prose;
        prose[c.sentence.start..c.span.start]
            .trim_end()
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase()
    }

    /// The first of `claims` in each file, in their order.
    pub fn first_per_file(&self, claims: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut files = BTreeSet::new();
        claims
            .into_iter()
            .filter(|&i| files.insert(self.claim(i).doc))
            .collect()
    }

    /// The passages a finding lists for one value: at most
    /// [`conflict::PASSAGES_PER_VALUE`] of `claims`, each with its
    /// normalised label, and how many there were in all.
    pub fn listed(&self, claims: Vec<usize>) -> (usize, Vec<usize>, Vec<String>) {
        let all = claims.len();
        let claims: Vec<usize> = claims
            .into_iter()
            .take(conflict::PASSAGES_PER_VALUE)
            .collect();
        let labels = claims
            .iter()
            .map(|&i| Finding::normalised(self.claim(i)))
            .collect();
        (all, claims, labels)
    }

    pub(crate) fn claim(&self, i: usize) -> &Claim {
        &self.corpus.claims[i]
    }

    pub(crate) fn path(&self, i: usize) -> &str {
        &self.corpus.docs[self.claim(i).doc].path
    }
}

fn comparable(c: &Claim, lexicon: &Lexicon) -> bool {
    let small_word_count = c.kind == Kind::Count
        && c.decimals == 0
        && c.value < rust_decimal::Decimal::TEN
        && !c.text.chars().any(|ch| ch.is_ascii_digit());
    !small_word_count || c.measure.as_ref().is_some_and(|m| lexicon.is_known(m))
}

/// Run every rule; findings in a fixed order (file, position, code).
pub fn check(corpus: &Corpus, lexicon: &Lexicon, options: &CheckOptions) -> Vec<Finding> {
    let cx = Context::new(corpus, lexicon, options);
    // The rules run in parallel and are collected in table order, so the
    // output is the same whatever the thread count.
    let rules: Vec<fn(&Context) -> Vec<Finding>> = codes::claim_rules().collect();
    let mut findings: Vec<Finding> = rules
        .par_iter()
        .map(|rule| rule(&cx))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    // Then those that see the others' findings.
    for rule in codes::after_rules() {
        let more = rule(&cx, &findings);
        findings.extend(more);
    }
    // The same claims flagged twice by one rule are one finding; findings
    // about places (a file with no date, a number not read) differ by place.
    let mut seen = BTreeSet::new();
    findings.retain(|f| {
        let place = f.place.as_ref().map(|p| (p.doc, p.span.start));
        seen.insert((f.code, f.claims.clone(), place))
    });
    sort(corpus, &mut findings);
    findings
}

/// Errors first, then by the first claim's file and position, then code.
pub fn sort(corpus: &Corpus, findings: &mut [Finding]) {
    let pos = |f: &Finding| {
        f.locations(corpus)
            .first()
            .map(|l| (l.doc, l.span.start))
            .unwrap_or((usize::MAX, 0))
    };
    // Each finding's place is worked out once, not at every comparison.
    findings.sort_by_cached_key(|f| (f.severity, pos(f), f.code, f.message.clone()));
}

#[cfg(test)]
mod focus_tests {
    use super::*;
    use crate::testing::corpus;

    /// A focused check finds every finding the full check finds about the
    /// focus document, and nothing else about it.
    #[test]
    fn a_focused_check_finds_what_the_full_check_finds_for_its_document() {
        let c = corpus(&[
            ("draft.md", "2019-06-10", "Trade between China and Russia reached $118 billion in 2018, up 24.5%. Xi began a four-day visit on Wednesday, June 5."),
            ("a.md", "2019-06-06", "Trade between China and Russia reached $108 billion in 2018. The three-day visit starts on Wednesday, June 5."),
            ("b.md", "2019-06-07", "Trade rose 24.5% in 2018 to $108 billion. Exports of soybeans doubled to 2 million tonnes."),
            ("c.md", "2019-06-08", "Exports of soybeans doubled to 3 million tonnes, officials said."),
        ]);
        let lex = Lexicon::default_pack();
        let about_draft = |options: &CheckOptions| -> Vec<String> {
            check(&c, &lex, options)
                .iter()
                .filter(|f| f.locations(&c).iter().any(|l| l.doc == 0))
                .map(|f| format!("{} {}", f.code, f.message))
                .collect()
        };
        let full = about_draft(&CheckOptions::default());
        assert!(full.iter().any(|m| m.starts_with("FC201")), "{full:?}");
        let focused = about_draft(&CheckOptions {
            focus: Some(0),
            ..CheckOptions::default()
        });
        assert_eq!(focused, full);
    }

    /// The same over the bundled examples, each document in turn the focus
    /// (a draft against the articles).
    #[test]
    fn a_focused_check_agrees_with_the_full_one_on_the_examples() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let lex = Lexicon::default_pack();
        let c = Corpus::load(
            &[root.join("draft/draft.md"), root.join("articles")],
            &lex,
            &crate::LoadOptions::default(),
        );
        assert_eq!(c.docs.len(), 6);
        for doc in 0..c.docs.len() {
            let drafts: BTreeSet<usize> = [doc].into_iter().collect();
            let about = |focus: Option<usize>| -> Vec<String> {
                let options = CheckOptions {
                    drafts: drafts.clone(),
                    focus,
                    ..CheckOptions::default()
                };
                check(&c, &lex, &options)
                    .iter()
                    .filter(|f| f.locations(&c).iter().any(|l| l.doc == doc))
                    .map(|f| format!("{} {}", f.code, f.message))
                    .collect()
            };
            assert_eq!(
                about(Some(doc)),
                about(None),
                "focus on {}",
                c.docs[doc].path
            );
        }
    }
}
