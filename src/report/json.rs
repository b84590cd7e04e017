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

/// Findings are serialised this many at a time, in parallel, then written
/// in order: the output is the same whatever the thread count, and memory
/// holds one chunk's text, not the whole report's.
const CHUNK: usize = 2048;

/// Each finding's record as text, made in parallel a chunk at a time and
/// handed to `emit` in report order. `pretty` indents a record as an entry
/// of the `findings` array of `--format json`.
fn for_each_serialised(
    findings: &[Finding],
    corpus: &Corpus,
    pretty: bool,
    mut emit: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    use rayon::prelude::*;
    for chunk in findings.chunks(CHUNK) {
        let texts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|f| -> io::Result<Vec<u8>> {
                let r = record(f, corpus);
                if !pretty {
                    return Ok(serde_json::to_vec(&r)?);
                }
                let mut entry = ENTRY_INDENT.to_vec();
                indent(&serde_json::to_vec_pretty(&r)?, ENTRY_INDENT, &mut entry);
                Ok(entry)
            })
            .collect::<io::Result<_>>()?;
        for t in &texts {
            emit(t)?;
        }
    }
    Ok(())
}

/// `text` onto `out`, every line after its first indented by `by` (JSON
/// strings hold no raw newline, so each newline of pretty JSON starts one
/// of its lines).
fn indent(text: &[u8], by: &[u8], out: &mut Vec<u8>) {
    out.reserve(text.len() + text.len() / 8);
    for line in text.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.extend_from_slice(by);
        }
    }
}

/// An entry of the top-level object's `findings` array sits two levels
/// deep, two spaces a level, as `serde_json`'s pretty printer writes it.
const ENTRY_INDENT: &[u8] = b"    ";

/// `--format json`: `{"findings": [...], "summary": {...}}`, pretty-printed
/// as `serde_json` prints it.
pub(crate) fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    corpus: &Corpus,
    summary: &Summary,
) -> io::Result<()> {
    if findings.is_empty() {
        out.write_all(b"{\n  \"findings\": [],\n  \"summary\": ")?;
    } else {
        out.write_all(b"{\n  \"findings\": [\n")?;
        let mut first = true;
        for_each_serialised(findings, corpus, true, |text| {
            if !std::mem::take(&mut first) {
                out.write_all(b",\n")?;
            }
            out.write_all(text)
        })?;
        out.write_all(b"\n  ],\n  \"summary\": ")?;
    }
    let mut text = Vec::new();
    indent(&serde_json::to_vec_pretty(summary)?, b"  ", &mut text);
    out.write_all(&text)?;
    out.write_all(b"\n}\n")
}

/// `--format jsonl`: one finding per line, no summary.
pub fn write_lines(out: &mut dyn Write, findings: &[Finding], corpus: &Corpus) -> io::Result<()> {
    for_each_serialised(findings, corpus, false, |text| {
        out.write_all(text)?;
        out.write_all(b"\n")
    })
}
