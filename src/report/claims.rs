//! `figcheck claims` output: a table for people, JSON lines for programs.
//!
//! The JSON-lines record is a public contract (documented in the README):
//! fields are only ever added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use crate::claim::{plain, Claim, Evidence, Kind, Reason, Source};
use crate::source::Document;

/// One claim as a JSON object, fields in documented order.
#[derive(Debug, Serialize)]
pub struct ClaimRecord<'a> {
    /// The file, as shown in reports.
    pub path: &'a str,
    /// 1-based line of the figure.
    pub line: usize,
    /// 1-based column of the figure, counted in characters.
    pub column: usize,
    /// Byte offset where the figure's words start in the file.
    pub start: usize,
    /// Byte offset where the figure's words end in the file.
    pub end: usize,
    /// The words as written, qualifier included ("more than US$20 billion").
    pub text: &'a str,
    /// `money`, `percent`, `percentage_points`, `count`, `duration` or
    /// `date`.
    pub kind: &'static str,
    /// Plain decimal in base units ("108000000000"), signed for a change;
    /// for a date, its period ("2019-06-05"), or its words when it has none.
    pub value: String,
    /// The interval's lower bound, as `value` (`null` where unbounded); for
    /// a date, its first day (`null` for a fiscal period).
    pub low: Option<String>,
    /// The interval's upper bound, as `value` (`null` where unbounded); for
    /// a date, its last day (`null` for a fiscal period).
    pub high: Option<String>,
    /// ISO 4217 currency code, "%", "pp", the counted noun or a duration
    /// unit ("day").
    pub unit: Option<&'a str>,
    /// The period the figure is for: "2018", "2024-Q1", "2019-06",
    /// "2019-06-05", "FY2024".
    pub period: Option<String>,
    /// What is quantified: "trade", "exports to us".
    pub measure: Option<String>,
    /// Whose figure it is, when the text says; figures of different owners
    /// are never compared.
    pub owner: Option<&'a str>,
    /// `actual`, `target`, `forecast`, `guidance`, `estimate` or `change`.
    pub role: &'static str,
    /// `about`, `nearly`, `more_than`, `at_least`, `less_than`, `up_to` or
    /// `just_over`.
    pub qualifier: Option<&'static str>,
    /// Written as a record ("a record $108 billion").
    pub record: bool,
    /// Why a relative time could not be placed.
    pub unresolved: Option<&'a str>,
    /// The sentence, or in a long one the words around the figure
    /// ([`crate::source::SENTENCE_SIDE`] bytes either side).
    pub sentence: &'a str,
    /// The basis of a rate ("share", "capita", "week").
    pub per: Option<&'a str>,
    /// What a change is measured against: "y/y", "q/q", "m/m", "annualised".
    pub basis: Option<&'static str>,
    /// The words that gave measure, owner, period and role.
    pub evidence: EvidenceRecord<'a>,
    /// Byte offsets of the whole sentence in the file.
    pub sentence_start: usize,
    /// Byte offset where the sentence ends.
    pub sentence_end: usize,
    /// How a shared currency sign was read: "'$' read as AUD: figcheck.toml
    /// sets dollar = AUD".
    pub unit_reading: Option<&'a str>,
    /// For a change, which way: "up" or "down" (`value` is signed).
    pub direction: Option<&'static str>,
}

/// Where each part of a reading came from: how it was found and the words.
#[derive(Debug, Serialize)]
pub struct EvidenceRecord<'a> {
    /// How the measure was read, and the words that gave it.
    pub measure: Option<ReasonRecord<'a>>,
    /// How the owner was read, and the words that gave it.
    pub owner: Option<ReasonRecord<'a>>,
    /// How the period was read, and the words that gave it.
    pub period: Option<ReasonRecord<'a>>,
    /// The words that made the figure a change, target, forecast, guidance
    /// or estimate; `null` for a plain actual figure.
    pub role: Option<ReasonRecord<'a>>,
}

/// One part: "clause", "sentence", "link", "anaphor", "subject", "story",
/// "published" or "noun", and the words, when words gave it.
#[derive(Debug, Serialize)]
pub struct ReasonRecord<'a> {
    /// How it was found: "clause", "sentence", "link", "anaphor",
    /// "subject", "story", "published" or "noun".
    pub source: Source,
    /// The words that gave it; `null` when no words did.
    pub text: Option<&'a str>,
}

impl<'a> EvidenceRecord<'a> {
    pub(crate) fn new(e: &'a Evidence, text: &'a str) -> Self {
        let r = |r: &'a Option<Reason>| {
            r.as_ref().map(|r| ReasonRecord {
                source: r.source,
                text: r.span().and_then(|s| text.get(s)),
            })
        };
        EvidenceRecord {
            measure: r(&e.measure),
            owner: r(&e.owner),
            period: r(&e.period),
            role: r(&e.role),
        }
    }
}

impl<'a> ClaimRecord<'a> {
    pub(crate) fn new(claim: &'a Claim, docs: &'a [Document]) -> Self {
        let doc = &docs[claim.doc];
        let (value, low, high) = match claim.kind {
            Kind::Date => match claim.period {
                Some(p) => {
                    let days = p.calendar_days();
                    (
                        p.to_string(),
                        days.map(|(a, _)| a.format("%Y-%m-%d").to_string()),
                        days.map(|(_, b)| b.format("%Y-%m-%d").to_string()),
                    )
                }
                None => (claim.text.clone(), None, None),
            },
            _ => (
                plain(claim.value),
                claim.interval.low.map(|b| plain(b.value)),
                claim.interval.high.map(|b| plain(b.value)),
            ),
        };
        // Worked out as written, not kept on every claim of the run.
        let (line, column) = doc.line_col(claim.span.start);
        ClaimRecord {
            path: &doc.path,
            line,
            column,
            start: claim.span.start,
            end: claim.span.end,
            text: &claim.text,
            kind: claim.kind.as_str(),
            value,
            low,
            high,
            unit: claim.unit.as_deref(),
            period: claim.period.map(|p| p.to_string()),
            measure: claim.measure.as_ref().map(ToString::to_string),
            owner: claim.owner.as_deref(),
            role: claim.role.as_str(),
            qualifier: claim.qualifier.map(|q| q.as_str()),
            record: claim.record,
            unresolved: claim.unresolved.as_deref(),
            sentence: doc.text[crate::source::excerpt(
                &doc.text,
                claim.sentence.clone(),
                claim.span.clone(),
                crate::source::SENTENCE_SIDE,
            )]
            .trim(),
            per: claim.measure.as_ref().and_then(|m| m.per.as_deref()),
            basis: claim
                .measure
                .as_ref()
                .and_then(|m| m.basis)
                .map(|b| b.as_str()),
            evidence: EvidenceRecord::new(&claim.evidence, &doc.text),
            sentence_start: claim.sentence.start,
            sentence_end: claim.sentence.end,
            unit_reading: claim.unit_reading.as_ref().map(|r| r.note.as_str()),
            direction: (claim.role == crate::claim::Role::Change).then(|| {
                if claim.value.is_sign_negative() {
                    "down"
                } else {
                    "up"
                }
            }),
        }
    }
}

/// One JSON object per line.
pub fn write_jsonl(out: &mut dyn Write, claims: &[Claim], docs: &[Document]) -> io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut *out, &ClaimRecord::new(c, docs))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A fixed-width table, one claim per line, grouped by file.
pub fn write_table(out: &mut dyn Write, claims: &[Claim], docs: &[Document]) -> io::Result<()> {
    let mut current = usize::MAX;
    for c in claims {
        if c.doc != current {
            current = c.doc;
            let doc = &docs[c.doc];
            let date = doc
                .published()
                .map_or("no publication date".to_string(), |d| {
                    format!("published {d}")
                });
            writeln!(out, "{} ({date})", doc.path)?;
        }
        let (line, column) = docs[c.doc].line_col(c.span.start);
        let value = c.describe_value();
        let period = c.period.map_or("-".to_string(), |p| p.to_string());
        let measure = c
            .measure
            .as_ref()
            .map_or("-".to_string(), ToString::to_string);
        let mut flags = Vec::new();
        if let Some(q) = c.qualifier {
            flags.push(q.as_str().to_string());
        }
        if c.record {
            flags.push("record".into());
        }
        if c.unresolved.is_some() {
            flags.push("unresolved".into());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        writeln!(
            out,
            "  {:>4}:{:<3} {:<8} {:<8} {:<24} {:<9} {:<22} {:?}{flags}",
            line,
            column,
            short_kind(c.kind),
            c.role.as_str(),
            value,
            period,
            measure,
            c.text,
        )?;
    }
    Ok(())
}

fn short_kind(k: Kind) -> &'static str {
    match k {
        Kind::PercentagePoints => "points",
        other => other.as_str(),
    }
}
