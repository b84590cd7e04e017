//! `--format json`: one object with every finding and a summary. A public
//! contract, documented in the README: fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use crate::claim::plain;
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
    pub claims: Vec<ClaimRef<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub findings: Vec<FindingRecord<'a>>,
    pub summary: Summary,
}

pub fn records<'a>(findings: &'a [Finding], corpus: &'a Corpus) -> Vec<FindingRecord<'a>> {
    findings
        .iter()
        .map(|f| FindingRecord {
            rule: f.rule,
            code: f.code,
            severity: f.severity.as_str(),
            message: &f.message,
            measure: f.measure.as_deref(),
            period: f.period.map(|p| p.to_string()),
            help: f.help.as_deref(),
            claims: f
                .claims
                .iter()
                .zip(&f.labels)
                .map(|(&i, label)| {
                    let c = &corpus.claims[i];
                    ClaimRef {
                        path: &corpus.docs[c.doc].path,
                        line: c.line,
                        column: c.column,
                        start: c.span.start,
                        end: c.span.end,
                        text: &c.text,
                        value: match c.kind {
                            crate::claim::Kind::Date => {
                                c.period.map_or_else(|| c.text.clone(), |p| p.to_string())
                            }
                            _ => plain(c.value),
                        },
                        unit: c.unit.as_deref(),
                        period: c.period.map(|p| p.to_string()),
                        label,
                    }
                })
                .collect(),
        })
        .collect()
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
