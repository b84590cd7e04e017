//! Findings: what the rules report. A finding names its rule, carries a
//! severity and a message, and points at every claim involved, in every
//! file; the reports render it.

use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::claim::{plain, Claim, Period};
use crate::Corpus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code, e.g. "FC201".
    pub code: &'static str,
    /// Kebab-case rule name, e.g. "figure-conflict".
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub measure: Option<String>,
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
}

/// A span of a document that is not a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub doc: usize,
    pub span: Range<usize>,
    pub label: String,
}

/// Where a finding points, resolved for reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Location<'a> {
    pub doc: usize,
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    pub text: &'a str,
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
        }
    }

    /// Every place the finding points at, flagged one first.
    pub fn locations<'a>(&'a self, corpus: &'a Corpus) -> Vec<Location<'a>> {
        let mut out: Vec<Location> = self
            .claims
            .iter()
            .zip(&self.labels)
            .map(|(&i, label)| {
                let c = &corpus.claims[i];
                Location {
                    doc: c.doc,
                    path: &corpus.docs[c.doc].path,
                    line: c.line,
                    column: c.column,
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

    /// A stable identity for baselines and review decisions: the rule, what
    /// and when, and for each figure its file, words, value and sentence.
    /// Line numbers are left out, so edits elsewhere in a file keep it.
    pub fn fingerprint(&self, corpus: &Corpus) -> String {
        let mut h = Sha256::new();
        let mut put = |s: &str| {
            h.update(s.as_bytes());
            h.update([0u8]);
        };
        put(self.code);
        put(self.measure.as_deref().unwrap_or(""));
        put(&self.period.map(|p| p.to_string()).unwrap_or_default());
        for loc in self.locations(corpus) {
            let doc = &corpus.docs[loc.doc];
            put(&doc.id_path);
            put(loc.text);
            match loc.claim {
                Some(c) => {
                    put(&plain(c.value));
                    put(c.unit.as_deref().unwrap_or(""));
                    let sentence: Vec<&str> =
                        doc.text[c.sentence.clone()].split_whitespace().collect();
                    put(&sentence.join(" "));
                }
                None => put(&self.message),
            }
        }
        let digest = h.finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
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
    pub files: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings silenced by an inline `figcheck-ignore` comment.
    pub suppressed: usize,
    /// Findings hidden because the baseline accepts them.
    pub baselined: usize,
    /// Findings an editor dismissed in review.
    pub dismissed: usize,
}

impl Summary {
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
        }
    }
}
