//! `--format json`: one object with every finding and a summary. A public
//! contract, documented in the README: fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use crate::claim::{plain, Kind};
use crate::findings::{Finding, Summary};
use crate::Corpus;

/// One passage a finding points at: a claim, or a place in the text that
/// is not one (a suppression comment).
#[derive(Debug, Serialize)]
pub struct ClaimRef<'a> {
    /// The file, as shown in reports.
    pub path: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset where the words start in the file.
    pub start: usize,
    /// Byte offset where the words end in the file.
    pub end: usize,
    /// The words, as written.
    pub text: &'a str,
    /// The claim's value as in `figcheck claims`: plain decimal in base
    /// units, or a date's period; empty for a place that is not a claim.
    pub value: String,
    /// The claim's unit: ISO 4217 code, "%", "pp", a counted noun or a
    /// duration unit.
    pub unit: Option<&'a str>,
    /// The period the claim is for ("2018").
    pub period: Option<String>,
    /// How the figure was read, or what the place is:
    /// "$118 billion → 118,000,000,000 USD, 2018".
    pub label: &'a str,
}

/// One finding: an entry of `findings` in `--format json`, one line of
/// `--format jsonl`.
#[derive(Debug, Serialize)]
pub struct FindingRecord<'a> {
    /// Kebab-case rule name: "figure-conflict".
    pub rule: &'static str,
    /// Stable rule code: "FC201".
    pub code: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// One line saying what is wrong.
    pub message: &'a str,
    /// What the figures quantify ("trade"), when the finding is about one
    /// measure.
    pub measure: Option<&'a str>,
    /// The period the figures are for ("2018").
    pub period: Option<String>,
    /// How the figures were read, and what to do.
    pub help: Option<&'a str>,
    /// Stable identity, shared with baselines and review decisions.
    pub fingerprint: String,
    /// Who accepted it in review, when and why.
    pub accepted: Option<&'a str>,
    /// Every passage involved, the flagged claim first.
    pub claims: Vec<ClaimRef<'a>>,
}

/// The whole `--format json` output.
#[derive(Serialize)]
struct Document<'a> {
    /// Every finding reported, in report order, as [`FindingRecord`]s.
    findings: Records<'a>,
    /// The counts of the closing summary line.
    summary: Summary,
}

/// The findings, each one's record made as it is written rather than all
/// of them first.
struct Records<'a>(&'a [Finding], &'a Corpus);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| record(f, self.1)))
    }
}

pub(crate) fn record<'a>(f: &'a Finding, corpus: &'a Corpus) -> FindingRecord<'a> {
    FindingRecord {
        rule: f.rule,
        code: f.code,
        severity: f.severity.as_str(),
        message: &f.message,
        measure: f.measure.as_deref(),
        period: f.period.map(|p| p.to_string()),
        help: f.help.as_deref(),
        fingerprint: f.fingerprint(corpus),
        accepted: f.accepted.as_deref(),
        claims: f
            .locations(corpus)
            .into_iter()
            .map(|l| ClaimRef {
                path: l.path,
                line: l.line,
                column: l.column,
                start: l.span.start,
                end: l.span.end,
                text: l.text,
                value: match l.claim {
                    Some(c) if c.kind == Kind::Date => {
                        c.period.map_or_else(|| c.text.clone(), |p| p.to_string())
                    }
                    Some(c) => plain(c.value),
                    None => String::new(),
                },
                unit: l.claim.and_then(|c| c.unit.as_deref()),
                period: l.claim.and_then(|c| c.period).map(|p| p.to_string()),
                label: l.label,
            })
            .collect(),
    }
}

pub(crate) fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    corpus: &Corpus,
    summary: &Summary,
) -> io::Result<()> {
    let doc = Document {
        findings: Records(findings, corpus),
        summary: *summary,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `--format jsonl`: one finding per line, no summary.
pub fn write_lines(out: &mut dyn Write, findings: &[Finding], corpus: &Corpus) -> io::Result<()> {
    for f in findings {
        serde_json::to_writer(&mut *out, &record(f, corpus))?;
        writeln!(out)?;
    }
    Ok(())
}
