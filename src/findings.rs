//! Findings: what the rules report. A finding names its rule, carries a
//! severity and a message, and points at every claim involved, in every
//! file; the reports render it.

use std::ops::Range;

use serde::Serialize;

use crate::claim::{Claim, Period};
use crate::triage::identity::Identity;
use crate::Corpus;

/// How serious a finding is. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the run: `figcheck check` exits 1 when any is reported.
    Error,
    /// Reported, but does not fail the run.
    Warning,
    /// A note: left out by `--quiet` and not recorded by `--write-baseline`.
    Info,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem a rule reports, with every claim it involves.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code, e.g. "FC201".
    pub code: &'static str,
    /// Kebab-case rule name, e.g. "figure-conflict".
    pub rule: &'static str,
    /// The rule's default severity, or the level the configuration or
    /// command line sets for it.
    pub severity: Severity,
    /// One line saying what is wrong, naming the figures and their files.
    pub message: String,
    /// What the figures quantify ("trade"), when the finding is about one
    /// measure.
    pub measure: Option<String>,
    /// The period the figures are for, when the finding has one.
    pub period: Option<Period>,
    /// Indices into the run's claims; the flagged claim first.
    pub claims: Vec<usize>,
    /// One label per claim, in the same order.
    pub labels: Vec<String>,
    /// How the figures were read, and what to do.
    pub help: Option<String>,
    /// A place in a file that is not a claim (a suppression comment, the
    /// top of a file with no date), for findings about the text itself.
    pub place: Option<Place>,
    /// An editor's review accepted it: who, when, why.
    pub accepted: Option<String>,
    /// Every claim behind the finding, listed or not, by side (for a
    /// conflict, by value), for its identity in baselines and decisions.
    /// Empty: each listed passage is a side of its own.
    pub sides: Vec<Vec<usize>>,
}

/// A span of a document that is not a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Index of the document in the run.
    pub doc: usize,
    /// Byte range in the document's text.
    pub span: Range<usize>,
    /// What the reports show beside it ("unused suppression").
    pub label: String,
}

/// Where a finding points, resolved for reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Location<'a> {
    /// Index of the document in the run.
    pub doc: usize,
    /// The file's path as shown in reports.
    pub path: &'a str,
    /// 1-based line of the start of `span`.
    pub line: usize,
    /// 1-based column of the start of `span`, counted in characters.
    pub column: usize,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// The words at `span`.
    pub text: &'a str,
    /// What the reports show beside the words: for a claim, usually how it
    /// was read ("$118 billion → 118,000,000,000 USD, 2018").
    pub label: &'a str,
    /// The claim behind it, if any.
    pub claim: Option<&'a Claim>,
}

impl Finding {
    /// A finding of `rule` at its default severity, pointing nowhere yet;
    /// rules fill in the rest with struct-update syntax.
    pub fn of(rule: &crate::rules::RuleInfo) -> Finding {
        Finding {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            message: String::new(),
            measure: None,
            period: None,
            claims: Vec::new(),
            labels: Vec::new(),
            help: None,
            place: None,
            accepted: None,
            sides: Vec::new(),
        }
    }

    /// (document, byte offset) of the first of [`Finding::locations`]
    /// without working out lines and columns: the first labelled claim,
    /// else the place.
    pub fn position(&self, corpus: &Corpus) -> Option<(usize, usize)> {
        let claim = self.claims.first().filter(|_| !self.labels.is_empty());
        claim
            .map(|&i| (corpus.claims[i].doc, corpus.claims[i].span.start))
            .or_else(|| self.place.as_ref().map(|p| (p.doc, p.span.start)))
    }

    /// Every place the finding points at, flagged one first.
    pub fn locations<'a>(&'a self, corpus: &'a Corpus) -> Vec<Location<'a>> {
        let mut out: Vec<Location> = self
            .claims
            .iter()
            .zip(&self.labels)
            .map(|(&i, label)| {
                let c = &corpus.claims[i];
                let (line, column) = corpus.docs[c.doc].line_col(c.span.start);
                Location {
                    doc: c.doc,
                    path: &corpus.docs[c.doc].path,
                    line,
                    column,
                    span: c.span.clone(),
                    text: &c.text,
                    label,
                    claim: Some(c),
                }
            })
            .collect();
        if let Some(p) = &self.place {
            let d = &corpus.docs[p.doc];
            let (line, column) = d.line_col(p.span.start);
            out.push(Location {
                doc: p.doc,
                path: &d.path,
                line,
                column,
                span: p.span.clone(),
                text: &d.text[p.span.clone()],
                label: &p.label,
                claim: None,
            });
        }
        out
    }

    /// A stable identity for baselines and review decisions: see
    /// [`Identity`].
    pub fn identity(&self, corpus: &Corpus) -> Identity {
        Identity::of(self, corpus)
    }

    /// The fingerprint shown in reports: a hash of the rule and the listed
    /// passages (file, words, sentence), sorted.
    pub fn fingerprint(&self, corpus: &Corpus) -> String {
        Identity::fingerprint(self, corpus)
    }

    /// A label saying how a claim was normalised:
    /// "US$108 billion → 108,000,000,000 USD, 2018".
    pub fn normalised(claim: &Claim) -> String {
        let period = claim.period.map(|p| format!(", {p}")).unwrap_or_default();
        format!("{} → {}{period}", claim.text, claim.describe_value())
    }
}

/// Counts for the closing summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files read (skipped ones not included).
    pub files: usize,
    /// Figures and dates found in them.
    pub claims: usize,
    /// Findings reported as errors.
    pub errors: usize,
    /// Findings reported as warnings.
    pub warnings: usize,
    /// Findings reported as infos.
    pub infos: usize,
    /// Findings silenced by an inline `figcheck-ignore` comment.
    pub suppressed: usize,
    /// Findings hidden because the baseline accepts them.
    pub baselined: usize,
    /// Findings an editor dismissed in review.
    pub dismissed: usize,
    /// Input files that could not be read and were skipped (each reported
    /// on stderr).
    pub skipped: usize,
    /// Numbers too large to hold exactly, not read (each an FC103 finding
    /// unless that rule is off).
    pub dropped: usize,
}

impl Summary {
    /// Counts of `files`, `claims` and the findings by severity; the other
    /// counts start at zero for the caller to fill in.
    pub fn new(files: usize, claims: usize, findings: &[Finding]) -> Summary {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files,
            claims,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            suppressed: 0,
            baselined: 0,
            dismissed: 0,
            skipped: 0,
            dropped: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::rules::{self, CheckOptions};
    use crate::testing::corpus;
    use rust_decimal::Decimal;

    const A: (&str, &str, &str) = (
        "a.md",
        "2019-06-06",
        "Trade between the two countries reached $108bn in 2018.",
    );
    const B: (&str, &str, &str) = (
        "b.md",
        "2019-06-07",
        "Trade between the two countries reached $118bn in 2018.",
    );

    fn conflict_fingerprint(c: &Corpus) -> String {
        let found = rules::check(c, &Lexicon::default_pack(), &CheckOptions::default());
        let f = found
            .iter()
            .find(|f| f.code == "FC201")
            .unwrap_or_else(|| panic!("no conflict in {found:#?}"));
        f.fingerprint(c)
    }

    #[test]
    fn fingerprint_outlives_a_different_reading() {
        let mut c = corpus(&[A, B]);
        let before = conflict_fingerprint(&c);
        // The same finding, with every figure read differently: another
        // measure, owner, period and value. The passages are unchanged, so
        // the identity is too.
        let found = rules::check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let mut f = found.into_iter().find(|f| f.code == "FC201").unwrap();
        for claim in &mut c.claims {
            claim.measure = None;
            claim.owner = Some("someone else".into());
            claim.period = None;
            claim.value += Decimal::ONE;
        }
        f.measure = Some("commerce".into());
        f.period = None;
        f.message = "a message worded another way".into();
        assert_eq!(f.fingerprint(&c), before);
    }

    #[test]
    fn fingerprint_ignores_file_order_and_rewrapping() {
        let before = conflict_fingerprint(&corpus(&[A, B]));
        assert_eq!(conflict_fingerprint(&corpus(&[B, A])), before);
        let rewrapped = (
            "b.md",
            "2019-06-07",
            "Trade between the two countries\nreached $118bn   in 2018.",
        );
        assert_eq!(conflict_fingerprint(&corpus(&[A, rewrapped])), before);
    }

    #[test]
    fn fingerprint_changes_with_the_words() {
        let before = conflict_fingerprint(&corpus(&[A, B]));
        let changed = (
            "b.md",
            "2019-06-07",
            "Trade between the two countries reached $117bn in 2018.",
        );
        assert_ne!(conflict_fingerprint(&corpus(&[A, changed])), before);
    }
}
