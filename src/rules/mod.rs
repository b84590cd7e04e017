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
pub mod compound;
pub mod conflict;
pub mod duration;
pub mod floor;
pub mod growth_chain;
pub mod key;
pub mod missing_date;
pub mod repeated;
pub mod share;
pub mod sum;
pub mod target;
pub mod too_large;
pub mod typo;
pub mod unresolved;
pub mod unsupported;
pub mod weekday;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use crate::claim::{Claim, Kind, Measure};
use crate::findings::{Finding, Severity};
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
    pub sentences: Sentences,
    /// (document, span start, claim index) of every claim, sorted: a
    /// claim found by place with a binary search, in 12 bytes a claim.
    at: Vec<(u32, u32, u32)>,
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
        // Other documents' sentences are not read in a focused check, but
        // their claims are still found by place (links, FC208).
        let sentences = Sentences::new(
            corpus
                .claims
                .iter()
                .enumerate()
                .filter(|(_, c)| options.focus.is_none_or(|doc| doc == c.doc))
                .map(|(i, c)| ((c.doc, c.sentence.start), i)),
        );
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut at: Vec<(u32, u32, u32)> = corpus
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (narrow(c.doc), narrow(c.span.start), narrow(i)))
            .collect();
        // Of two claims at one place the later wins, as a map's insert did.
        at.sort_unstable();
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

    /// The claims of one document (claims are held in document order).
    pub(crate) fn doc_claims(&self, doc: usize) -> &[Claim] {
        let claims = &self.corpus.claims;
        let start = claims.partition_point(|c| c.doc < doc);
        let end = claims.partition_point(|c| c.doc <= doc);
        &claims[start..end]
    }

    /// The claim of a document whose span starts at `offset`.
    pub fn claim_at(&self, doc: usize, offset: usize) -> Option<usize> {
        let key = (u32::try_from(doc).ok()?, u32::try_from(offset).ok()?);
        let after = self.at.partition_point(|&(d, o, _)| (d, o) <= key);
        let &(d, o, i) = self.at.get(after.checked_sub(1)?)?;
        ((d, o) == key).then_some(i as usize)
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

    /// A claim's measure when the lexicon names it ("revenue", not the
    /// counted noun "stations"): a measure that tells quantities apart.
    pub(crate) fn lexicon_measure<'c>(&self, c: &'c Claim) -> Option<&'c Measure> {
        c.measure
            .as_deref()
            .filter(|m| self.lexicon.dimension(&m.head).is_some())
    }

    pub(crate) fn claim(&self, i: usize) -> &Claim {
        &self.corpus.claims[i]
    }

    pub(crate) fn path(&self, i: usize) -> &str {
        &self.corpus.docs[self.claim(i).doc].path
    }
}

/// Claims grouped by (document, sentence start), in that order, each
/// group in claim order: one vector of claim indices and one of groups,
/// not a map holding a vector per sentence.
#[derive(Debug, Default)]
pub(crate) struct Sentences {
    claims: Vec<usize>,
    groups: Vec<((usize, usize), std::ops::Range<usize>)>,
}

impl Sentences {
    fn new(entries: impl Iterator<Item = ((usize, usize), usize)>) -> Sentences {
        let mut entries: Vec<((usize, usize), usize)> = entries.collect();
        entries.sort_unstable();
        let mut out = Sentences {
            claims: Vec::with_capacity(entries.len()),
            groups: Vec::new(),
        };
        for (key, claim) in entries {
            let at = out.claims.len();
            out.claims.push(claim);
            match out.groups.last_mut() {
                Some((last, range)) if *last == key => range.end = at + 1,
                _ => out.groups.push((key, at..at + 1)),
            }
        }
        out
    }

    /// Each sentence's key and claims, in order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (&(usize, usize), &[usize])> {
        self.with_claims(&self.groups)
    }

    /// Some of the groups, each with its claims.
    fn with_claims<'s>(
        &'s self,
        groups: &'s [((usize, usize), std::ops::Range<usize>)],
    ) -> impl DoubleEndedIterator<Item = (&'s (usize, usize), &'s [usize])> {
        groups
            .iter()
            .map(|(key, range)| (key, &self.claims[range.clone()]))
    }

    /// Each sentence's claims, in order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &[usize]> {
        self.iter().map(|(_, claims)| claims)
    }

    /// Each sentence with a claim and the one before it with a claim, in
    /// the same document: (previous key, key).
    pub(crate) fn consecutive(&self) -> impl Iterator<Item = (&(usize, usize), &(usize, usize))> {
        self.groups
            .windows(2)
            .map(|w| (&w[0].0, &w[1].0))
            .filter(|(prev, this)| prev.0 == this.0)
    }

    /// The sentences whose keys lie in `from..to`, in order.
    pub(crate) fn range(
        &self,
        keys: std::ops::Range<(usize, usize)>,
    ) -> impl DoubleEndedIterator<Item = (&(usize, usize), &[usize])> {
        let start = self.groups.partition_point(|(k, _)| *k < keys.start);
        let end = self.groups.partition_point(|(k, _)| *k < keys.end);
        self.with_claims(&self.groups[start..end.max(start)])
    }

    /// The claims of one sentence; none when it holds no claim.
    pub(crate) fn get(&self, key: &(usize, usize)) -> &[usize] {
        match self.groups.binary_search_by(|(k, _)| k.cmp(key)) {
            Ok(at) => &self.claims[self.groups[at].1.clone()],
            Err(_) => &[],
        }
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
    let pos = |f: &Finding| f.position(corpus).unwrap_or((usize::MAX, 0));
    // Each finding's place is worked out once, not at every comparison;
    // messages are compared where they lie, not copied into the keys.
    let mut order: Vec<(Severity, (usize, usize), &str, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.severity, pos(f), f.code, i))
        .collect();
    order.sort_unstable_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| findings[a.3].message.cmp(&findings[b.3].message))
            .then(a.3.cmp(&b.3))
    });
    let order: Vec<usize> = order.into_iter().map(|(.., i)| i).collect();
    apply_order(findings, order);
}

/// Reorder `items` so that position `k` holds what was at `order[k]`,
/// moving each item once.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        // Follow the cycle through `start`, swapping each item into place.
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
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

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn sentences_group_claims_by_document_and_sentence_in_order() {
        // Given out of order, as a focused check's filter may leave them.
        let s = Sentences::new(
            [
                ((1, 0), 5),
                ((0, 40), 3),
                ((0, 0), 0),
                ((0, 40), 2),
                ((0, 0), 1),
            ]
            .into_iter(),
        );
        let all: Vec<((usize, usize), Vec<usize>)> =
            s.iter().map(|(k, c)| (*k, c.to_vec())).collect();
        assert_eq!(
            all,
            vec![
                ((0, 0), vec![0, 1]),
                ((0, 40), vec![2, 3]),
                ((1, 0), vec![5])
            ]
        );
        assert_eq!(s.get(&(0, 40)), &[2, 3]);
        assert_eq!(s.get(&(0, 7)), &[] as &[usize]);
        let before: Vec<usize> = s
            .range((0, 0)..(0, 40))
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        assert_eq!(before, vec![0, 1]);
        assert_eq!(s.range((2, 0)..(1, 0)).count(), 0);
        // Consecutive sentences of one document only: (1, 0) opens another.
        assert_eq!(
            s.consecutive().map(|(a, b)| (*a, *b)).collect::<Vec<_>>(),
            vec![((0, 0), (0, 40))]
        );
    }

    #[test]
    fn apply_order_moves_each_item_to_its_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        // Position k takes what was at order[k]: two cycles and a fixed point.
        apply_order(&mut items, vec![2, 0, 1, 4, 3]);
        assert_eq!(items, vec!['c', 'a', 'b', 'e', 'd']);
        let mut same = vec![1, 2, 3];
        apply_order(&mut same, vec![0, 1, 2]);
        assert_eq!(same, vec![1, 2, 3]);
    }
}
