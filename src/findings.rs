//! Findings: what the rules report. A finding names its rule, carries a
//! severity and a message, and points at every claim involved, in every
//! file; the reports render it.

use serde::Serialize;

use crate::claim::{Claim, Period};

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
}

impl Finding {
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
        }
    }
}
