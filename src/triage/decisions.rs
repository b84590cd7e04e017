//! Review decisions: an editor's Accept or Dismiss on a finding, with who,
//! when and why, keyed by the same fingerprint as baselines. Dismissed
//! findings are hidden from later runs (and counted); accepted ones are
//! marked; a decision whose finding no longer exists is reported as stale.
//!
//! The file (`figcheck-decisions.toml` beside the config by default) is
//! TOML sorted by fingerprint, so it reads well in a diff, and it is always
//! written whole through a temporary file and a rename.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::baseline::BaselineError;
use super::identity::{Identity, Index};
use super::store::{read_toml, write_atomically, Lock};
use crate::findings::{Finding, Severity};
use crate::rules::{RuleInfo, Run};
use crate::Corpus;

pub(crate) const FILE_NAME: &str = "figcheck-decisions.toml";

pub(crate) const STALE_RULE: RuleInfo = RuleInfo {
    code: "FC002",
    run: Run::Triage,
    name: "stale-decision",
    severity: Severity::Warning,
    summary: "a review decision whose finding no longer exists",
    doc: r#"## What it does
Reports decisions in the decisions file whose finding is no longer
produced: the figure was corrected or removed, or the text moved so much
that the finding's fingerprint changed.

## Why is this bad?
A stale decision does nothing; remove it so that the file stays a true
record of what editors decided.

## Example
```toml
[[decision]]
fingerprint = "57f60356a3ce04cc"
status = "dismissed"
```
…when no finding has that fingerprint any more.
"#,
};

/// What an editor decided about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The finding is right and stays visible, marked as accepted.
    Accepted,
    /// The finding is a false alarm or acceptable: hidden from now on.
    Dismissed,
}

impl Status {
    pub(crate) fn parse(s: &str) -> Option<Status> {
        match s {
            "accepted" | "accept" => Some(Status::Accepted),
            "dismissed" | "dismiss" => Some(Status::Dismissed),
            _ => None,
        }
    }
}

/// An editor's decision on one finding: a `[[decision]]` table of the
/// decisions file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The finding's fingerprint when decided.
    pub fingerprint: String,
    /// Accepted or dismissed.
    pub status: Status,
    /// Why, in the editor's words.
    pub reason: String,
    /// Who decided (in `figcheck review`, `$FIGCHECK_USER` or `$USER`).
    pub who: String,
    /// RFC 3339 time of the decision.
    pub when: String,
    /// The finding as it read when decided, for people reading the file.
    pub code: String,
    /// The finding's message when decided.
    pub message: String,
    /// The passages the finding rests on, by side (see
    /// [`super::identity`]); absent in files written before them.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::identity::as_lines"
    )]
    pub sides: Vec<Vec<String>>,
}

impl Decision {
    fn matches(&self, finding: &Finding, identity: &Identity) -> bool {
        self.code == finding.code && identity.matches(&self.fingerprint, &self.sides)
    }

    /// The note an accepted finding carries in reports: who, when, why.
    pub fn acceptance(&self) -> String {
        format!("accepted by {} ({}): {}", self.who, self.when, self.reason)
    }

    /// A decision on `finding`, recorded now.
    pub fn on(
        finding: &Finding,
        identity: Identity,
        status: Status,
        reason: &str,
        who: &str,
    ) -> Decision {
        Decision {
            sides: identity.recorded_sides(),
            fingerprint: identity.fingerprint,
            status,
            reason: reason.trim().to_string(),
            who: who.to_string(),
            when: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            code: finding.code.to_string(),
            message: finding.message.clone(),
        }
    }
}

/// The decisions indexed for looking findings up.
#[derive(Debug)]
pub struct Lookup<'a> {
    decisions: &'a [Decision],
    index: Index,
}

impl<'a> Lookup<'a> {
    /// The decision on this finding, if any; with its place in the file.
    pub fn get(&self, finding: &Finding, identity: &Identity) -> Option<(usize, &'a Decision)> {
        self.index
            .find(identity, |at| self.decisions[at].matches(finding, identity))
            .map(|at| (at, &self.decisions[at]))
    }
}

/// The decisions file: every decision recorded, kept sorted by
/// fingerprint when written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The decisions, one `[[decision]]` table each.
    #[serde(default, rename = "decision")]
    pub decisions: Vec<Decision>,
}

/// Where the decisions file lives: beside the config, else here.
pub fn default_path(config: Option<&Path>) -> PathBuf {
    config
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from(FILE_NAME), |d| d.join(FILE_NAME))
}

/// What applying decisions did.
#[derive(Debug, Default)]
pub struct Applied {
    /// The findings still shown, accepted ones marked as such.
    pub kept: Vec<Finding>,
    /// How many findings were hidden as dismissed.
    pub dismissed: usize,
    /// One FC002 finding per decision that matched no finding.
    pub stale: Vec<Finding>,
}

impl Decisions {
    /// Read the file; a missing file is no decisions.
    pub fn load(path: &Path) -> Result<Decisions, BaselineError> {
        if !path.exists() {
            return Ok(Decisions::default());
        }
        read_toml(path)
    }

    /// Write the whole file atomically, sorted by fingerprint.
    pub fn save(&mut self, path: &Path) -> Result<(), BaselineError> {
        self.decisions
            .sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        let body = toml::to_string_pretty(self).map_err(|e| BaselineError::Unwritable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let text = format!(
            "# figcheck review decisions, by finding fingerprint. Written by `figcheck review`.\n\n{body}"
        );
        write_atomically(path, &text).map_err(|e| BaselineError::Unwritable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Record a decision in the file at `path`: read, change and written
    /// under its lock, so that concurrent writers (two review servers on
    /// one file) never lose each other's decisions.
    pub fn record_in(path: &Path, decision: Decision) -> Result<(), BaselineError> {
        let _lock = Lock::acquire(path).map_err(|e| BaselineError::Unwritable {
            path: path.display().to_string(),
            reason: format!("cannot lock: {e}"),
        })?;
        let mut decisions = Decisions::load(path)?;
        decisions.record(decision);
        decisions.save(path)
    }

    /// Record a decision, replacing any earlier one on the same finding.
    pub fn record(&mut self, decision: Decision) {
        let identity = Identity {
            fingerprint: decision.fingerprint.clone(),
            sides: decision.sides.clone(),
        };
        self.decisions
            .retain(|d| !(d.code == decision.code && identity.matches(&d.fingerprint, &d.sides)));
        self.decisions.push(decision);
        self.decisions
            .sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    }

    /// The decisions, indexed for looking up many findings.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            decisions: &self.decisions,
            index: Index::new(
                self.decisions
                    .iter()
                    .map(|d| (d.fingerprint.as_str(), d.sides.as_slice())),
            ),
        }
    }

    /// Hide dismissed findings, mark accepted ones, report stale decisions.
    pub fn apply(&self, findings: Vec<Finding>, corpus: &Corpus) -> Applied {
        let mut applied = Applied::default();
        if self.decisions.is_empty() {
            // No identities to work out (hashing every finding's passages).
            applied.kept = findings;
            return applied;
        }
        let mut seen = std::collections::HashSet::new();
        let lookup = self.lookup();
        for mut f in findings {
            let identity = f.identity(corpus);
            match lookup.get(&f, &identity) {
                Some((at, d)) => {
                    seen.insert(at);
                    match d.status {
                        Status::Dismissed => applied.dismissed += 1,
                        Status::Accepted => {
                            f.accepted = Some(d.acceptance());
                            applied.kept.push(f);
                        }
                    }
                }
                None => applied.kept.push(f),
            }
        }
        applied.stale = self
            .decisions
            .iter()
            .enumerate()
            .filter(|(at, _)| !seen.contains(at))
            .map(|(_, d)| d)
            .map(|d| Finding {
                message: format!(
                    "decision {} ({} {}) matches no finding any more: \"{}\"",
                    d.fingerprint,
                    match d.status {
                        Status::Accepted => "accepted",
                        Status::Dismissed => "dismissed",
                    },
                    d.code,
                    d.message
                ),
                help: Some("remove it from the decisions file".into()),
                ..Finding::of(&STALE_RULE)
            })
            .collect();
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    fn decision(fp: &str, status: Status) -> Decision {
        Decision {
            fingerprint: fp.into(),
            status,
            reason: "r".into(),
            who: "ed".into(),
            when: "2026-11-24T10:00:00Z".into(),
            code: "FC201".into(),
            message: "m".into(),
            sides: Vec::new(),
        }
    }

    #[test]
    fn dismissed_hidden_accepted_marked_stale_reported() {
        let c = corpus(&[
            ("a.md", "2024-01-25", "Japan's exports to the United States rose to ¥20.3 trillion last year."),
            ("b.md", "2024-02-02", "Japanese exporters, whose sales to the US climbed to ¥23.0 trillion in 2023. Leaders follow on Wednesday, March 4, 2025."),
        ]);
        let f = check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let conflict = f
            .iter()
            .find(|f| f.code == "FC201")
            .unwrap()
            .fingerprint(&c);
        let weekday = f
            .iter()
            .find(|f| f.code == "FC401")
            .unwrap()
            .fingerprint(&c);
        let mut d = Decisions::default();
        d.record(decision(&conflict, Status::Dismissed));
        d.record(Decision {
            code: "FC401".into(),
            ..decision(&weekday, Status::Accepted)
        });
        d.record(decision("0000000000000000", Status::Dismissed));
        let applied = d.apply(f.clone(), &c);
        assert_eq!(applied.dismissed, 1);
        assert_eq!(applied.kept.len(), f.len() - 1);
        let marked = applied.kept.iter().find(|f| f.code == "FC401").unwrap();
        assert_eq!(
            marked.accepted.as_deref(),
            Some("accepted by ed (2026-11-24T10:00:00Z): r")
        );
        assert_eq!(applied.stale.len(), 1);
    }

    #[test]
    fn a_dismissal_outlives_order_and_an_agreeing_source() {
        let a = (
            "a.md",
            "2019-06-06",
            "Trade between China and Russia reached $108 billion in 2018.",
        );
        let b = (
            "b.md",
            "2019-06-07",
            "Trade between China and Russia reached $118 billion in 2018.",
        );
        let c = (
            "c.md",
            "2019-06-08",
            "Trade between China and Russia reached $108 billion in 2018.",
        );
        let lex = Lexicon::default_pack();
        let first = corpus(&[a, b]);
        let found = check(&first, &lex, &CheckOptions::default());
        let conflict = found.iter().find(|f| f.code == "FC201").unwrap();
        let mut d = Decisions::default();
        d.record(Decision::on(
            conflict,
            conflict.identity(&first),
            Status::Dismissed,
            " same ",
            "ed",
        ));
        assert_eq!(d.decisions[0].reason, "same");
        let later = corpus(&[c, b, a]);
        let found = check(&later, &lex, &CheckOptions::default());
        let applied = d.apply(found, &later);
        assert_eq!(applied.dismissed, 1);
        assert!(applied.stale.is_empty());
        assert!(applied.kept.iter().all(|f| f.code != "FC201"));
        // Deciding again on the grown finding replaces the decision.
        let conflict = check(&later, &lex, &CheckOptions::default())
            .into_iter()
            .find(|f| f.code == "FC201")
            .unwrap();
        d.record(Decision::on(
            &conflict,
            conflict.identity(&later),
            Status::Accepted,
            "ok",
            "ed",
        ));
        assert_eq!(d.decisions.len(), 1);
        assert_eq!(d.decisions[0].status, Status::Accepted);
    }

    #[test]
    fn record_replaces_and_sorts_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let mut d = Decisions::default();
        d.record(decision("bb", Status::Accepted));
        d.record(decision("aa", Status::Accepted));
        d.record(decision("bb", Status::Dismissed));
        d.save(&path).unwrap();
        let back = Decisions::load(&path).unwrap();
        assert_eq!(back.decisions.len(), 2);
        assert_eq!(back.decisions[0].fingerprint, "aa");
        assert_eq!(back.decisions[1].status, Status::Dismissed);
    }
}
