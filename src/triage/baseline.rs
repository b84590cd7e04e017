//! Baselines: findings accepted as they are, recorded by fingerprint with a
//! reason. `--write-baseline FILE` records today's; `--baseline FILE`
//! reports only findings not in it. The file is TOML, sorted by
//! fingerprint so that diffs stay small, and written atomically.

use std::collections::BTreeMap;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::identity::{Identity, Index};
use super::store::{read_toml, write_atomically, Lock};
use crate::findings::Finding;
use crate::Corpus;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's fingerprint when it was recorded.
    pub fingerprint: String,
    /// The rule's code ("FC201"): an entry matches only its own rule's
    /// findings.
    pub code: String,
    /// The finding's message when it was recorded, for people reading the
    /// file.
    pub message: String,
    /// Why it was accepted (`--reason`).
    pub reason: String,
    /// The passages the finding rests on, by side (see
    /// [`super::identity`]); absent in baselines written before them.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::identity::as_lines"
    )]
    pub sides: Vec<Vec<String>>,
}

impl Entry {
    fn matches(&self, finding: &Finding, identity: &Identity) -> bool {
        self.code == finding.code && identity.matches(&self.fingerprint, &self.sides)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Baseline {
    #[serde(default, rename = "finding")]
    pub findings: Vec<Entry>,
}

/// Why a file figcheck keeps (a baseline, the decisions file) could not
/// be read or written.
#[derive(Debug, Error, Diagnostic)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: cannot read it: {reason}")]
    #[diagnostic(code(figcheck::baseline::unreadable))]
    Unreadable {
        /// The file, as shown.
        path: String,
        /// The error from the file system.
        reason: String,
    },
    /// The file could not be locked, serialised or written.
    #[error("{path}: cannot write it: {reason}")]
    #[diagnostic(code(figcheck::baseline::unwritable))]
    Unwritable {
        /// The file, as shown.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The file is not valid TOML, or not in the expected form.
    #[error("{path}: {message}")]
    #[diagnostic(code(figcheck::baseline::invalid))]
    Invalid {
        /// The file, as shown.
        path: String,
        /// What is wrong.
        message: String,
        /// The file's text, for the diagnostic to point into.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the text the problem is.
        #[label("here")]
        span: SourceSpan,
    },
}

impl Baseline {
    pub(crate) fn load(path: &Path) -> Result<Baseline, BaselineError> {
        read_toml(path)
    }

    /// Record findings with one reason.
    pub fn from_findings(findings: &[Finding], corpus: &Corpus, reason: &str) -> Baseline {
        let mut by: BTreeMap<String, Entry> = BTreeMap::new();
        for f in findings {
            let identity = f.identity(corpus);
            by.entry(identity.fingerprint.clone()).or_insert(Entry {
                sides: identity.recorded_sides(),
                fingerprint: identity.fingerprint,
                code: f.code.to_string(),
                message: f.message.clone(),
                reason: reason.to_string(),
            });
        }
        Baseline {
            findings: by.into_values().collect(),
        }
    }

    /// Write the file: a temporary file beside it, then a rename, so a
    /// crash never leaves half a baseline.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let unwritable = |e: std::io::Error| BaselineError::Unwritable {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let _lock = Lock::acquire(path).map_err(unwritable)?;
        let body = toml::to_string_pretty(self).map_err(|e| BaselineError::Unwritable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let text = format!("# figcheck baseline: findings accepted as they are, by fingerprint.\n# Written by `figcheck check --write-baseline`; edit reasons freely.\n\n{body}");
        write_atomically(path, &text).map_err(unwritable)
    }

    /// Drop findings the baseline accepts; returns the rest and how many went.
    pub fn filter(&self, findings: Vec<Finding>, corpus: &Corpus) -> (Vec<Finding>, usize) {
        let index = Index::new(
            self.findings
                .iter()
                .map(|e| (e.fingerprint.as_str(), e.sides.as_slice())),
        );
        let before = findings.len();
        let kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                let identity = f.identity(corpus);
                index
                    .find(&identity, |at| self.findings[at].matches(f, &identity))
                    .is_none()
            })
            .collect();
        let gone = before - kept.len();
        (kept, gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    #[test]
    fn survives_lines_moving() {
        let a = "Exports to the United States rose to ¥20.3 trillion last year.";
        let b = (
            "b.md",
            "2024-02-02",
            "Exporters' sales to the US climbed to ¥23.0 trillion in 2023.",
        );
        let lex = Lexicon::default_pack();
        let c1 = corpus(&[("a.md", "2024-01-25", a), b]);
        let f1 = check(&c1, &lex, &CheckOptions::default());
        let base = Baseline::from_findings(&f1, &c1, "two agencies");
        let moved = format!("A new first paragraph.\n\nAnother one.\n\n{a}");
        let c2 = corpus(&[("a.md", "2024-01-25", &moved), b]);
        let f2 = check(&c2, &lex, &CheckOptions::default());
        let (kept, gone) = base.filter(f2, &c2);
        assert_eq!((kept.len(), gone), (0, f1.len()));
    }

    fn trade(path: &str, day: u32, billions: u32) -> (String, String, String) {
        (
            path.to_string(),
            format!("2019-06-{day:02}"),
            format!("Trade between China and Russia reached ${billions} billion in 2018."),
        )
    }

    /// Errors and warnings left by `baseline` over these files.
    fn left(base: &Baseline, files: &[(String, String, String)]) -> Vec<String> {
        let files: Vec<(&str, &str, &str)> = files
            .iter()
            .map(|(p, d, t)| (p.as_str(), d.as_str(), t.as_str()))
            .collect();
        let c = corpus(&files);
        let found = check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let (kept, _) = base.filter(found, &c);
        kept.iter()
            .filter(|f| f.severity != crate::findings::Severity::Info)
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    }

    #[test]
    fn order_and_agreeing_sources_keep_a_finding_baselined() {
        let (a, b, c) = (
            trade("a.md", 6, 108),
            trade("b.md", 7, 118),
            trade("c.md", 8, 108),
        );
        let files = [a.clone(), b.clone(), c.clone()];
        let refs: Vec<(&str, &str, &str)> = files
            .iter()
            .map(|(p, d, t)| (p.as_str(), d.as_str(), t.as_str()))
            .collect();
        let written = corpus(&refs);
        let found = check(&written, &Lexicon::default_pack(), &CheckOptions::default());
        let base = Baseline::from_findings(&found, &written, "two agencies");
        assert_eq!(base.findings.len(), 2, "{base:#?}");
        assert!(left(&base, &files).is_empty());
        // Another order, then another file agreeing with either side.
        assert!(left(&base, &[c.clone(), b.clone(), a.clone()]).is_empty());
        let agrees = trade("d.md", 9, 108);
        assert!(left(&base, &[agrees, c.clone(), b.clone(), a.clone()]).is_empty());
        let agrees_with_b = trade("0.md", 9, 118);
        assert!(left(&base, &[agrees_with_b, c.clone(), b.clone(), a.clone()]).is_empty());
        // A third value is a new disagreement.
        let third = trade("e.md", 9, 125);
        assert_eq!(
            left(&base, &[a, b, c, third]),
            ["FC201 trade for 2018: $118 billion (b.md) conflicts with $108 billion (a.md) (and 2 other figures)"]
        );
    }

    #[test]
    fn round_trips_through_toml() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.toml");
        let base = Baseline {
            findings: vec![Entry {
                fingerprint: "00ff".into(),
                code: "FC201".into(),
                message: "m".into(),
                reason: "r".into(),
                sides: vec![vec!["0a".into(), "0b".into()], vec!["0c".into()]],
            }],
        };
        base.write(&path).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), base);
    }
}
