//! The rule engine: from claims to findings.
//!
//! Claims are grouped by [`key::Key`] (what, which role, when, in what
//! unit); each rule then looks at the groups, or at single claims, and
//! reports findings. One file per rule, each with its code, its
//! documentation (what it does, why it matters, a failing and a passing
//! example) and its tests. [`codes::RULES`] is the one table of codes.

pub mod agreement;
pub mod codes;
pub mod conflict;
pub mod key;
pub mod unresolved;
pub mod unsupported;

use std::collections::{BTreeMap, BTreeSet};

use crate::claim::{Claim, Kind};
use crate::findings::{Finding, Severity};
use crate::measure::Lexicon;
use crate::Corpus;

pub use codes::{RuleInfo, RULES};

/// What a check run compares.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Documents being checked against the others (`--against`): their
    /// figures must be supported by a source. Empty: no draft.
    pub drafts: BTreeSet<usize>,
}

/// Everything a rule may look at.
#[derive(Debug)]
pub struct Context<'a> {
    pub corpus: &'a Corpus,
    pub lexicon: &'a Lexicon,
    pub options: &'a CheckOptions,
    /// Comparable claims grouped by key.
    pub groups: BTreeMap<key::Key, Vec<usize>>,
}

impl<'a> Context<'a> {
    pub fn new(corpus: &'a Corpus, lexicon: &'a Lexicon, options: &'a CheckOptions) -> Self {
        let mut groups = key::group(&corpus.claims, &corpus.docs);
        // Small counts in words ("the two leaders", "three sides") describe
        // rather than report; they are compared only when their noun is a
        // known measure ("three people died" is).
        for members in groups.values_mut() {
            members.retain(|&i| comparable(&corpus.claims[i], lexicon));
        }
        groups.retain(|_, m| !m.is_empty());
        Context {
            corpus,
            lexicon,
            options,
            groups,
        }
    }

    pub fn claim(&self, i: usize) -> &Claim {
        &self.corpus.claims[i]
    }

    pub fn path(&self, i: usize) -> &str {
        &self.corpus.docs[self.claim(i).doc].path
    }
}

fn comparable(c: &Claim, lexicon: &Lexicon) -> bool {
    let small_word_count = c.kind == Kind::Count
        && c.decimals == 0
        && c.value < rust_decimal::Decimal::TEN
        && !c.text.chars().any(|ch| ch.is_ascii_digit());
    !small_word_count || c.measure.as_deref().is_some_and(|m| lexicon.is_known(m))
}

/// Run every rule; findings in a fixed order (file, position, code).
pub fn check(corpus: &Corpus, lexicon: &Lexicon, options: &CheckOptions) -> Vec<Finding> {
    let cx = Context::new(corpus, lexicon, options);
    let mut findings = Vec::new();
    findings.extend(conflict::check(&cx));
    findings.extend(agreement::check(&cx));
    findings.extend(unsupported::check(&cx));
    findings.extend(unresolved::check(&cx));
    sort(corpus, &mut findings);
    findings
}

/// Errors first, then by the first claim's file and position, then code.
pub fn sort(corpus: &Corpus, findings: &mut [Finding]) {
    let pos = |f: &Finding| {
        f.claims
            .first()
            .map(|&i| (corpus.claims[i].doc, corpus.claims[i].span.start))
            .unwrap_or((usize::MAX, 0))
    };
    findings.sort_by(|a, b| {
        (a.severity, pos(a), a.code, &a.message).cmp(&(b.severity, pos(b), b.code, &b.message))
    });
}

/// The severity a finding of a given rule gets.
pub fn default_severity(code: &str) -> Severity {
    RULES
        .iter()
        .find(|r| r.code == code)
        .map_or(Severity::Warning, |r| r.severity)
}
