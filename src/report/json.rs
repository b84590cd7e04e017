//! `--format json`: one object with every finding and a summary. A public
//! contract, documented in the README: fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use crate::claim::{plain, Kind};
use crate::findings::{Finding, Summary};
use crate::Corpus;

#[derive(Debug, Serialize)]
pub struct ClaimRef<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub value: String,
    pub unit: Option<&'a str>,
    pub period: Option<String>,
    pub label: &'a str,
}

#[derive(Debug, Serialize)]
pub struct FindingRecord<'a> {
    pub rule: &'static str,
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub measure: Option<&'a str>,
    pub period: Option<String>,
    pub help: Option<&'a str>,
    /// Stable identity, shared with baselines and review decisions.
    pub fingerprint: String,
    /// Who accepted it in review, when and why.
    pub accepted: Option<&'a str>,
    pub claims: Vec<ClaimRef<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub findings: Vec<FindingRecord<'a>>,
    pub summary: Summary,
}

pub fn records<'a>(findings: &'a [Finding], corpus: &'a Corpus) -> Vec<FindingRecord<'a>> {
    findings.iter().map(|f| record(f, corpus)).collect()
}

pub fn record<'a>(f: &'a Finding, corpus: &'a Corpus) -> FindingRecord<'a> {
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

pub fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    corpus: &Corpus,
    summary: &Summary,
) -> io::Result<()> {
    let doc = Document {
        findings: records(findings, corpus),
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
