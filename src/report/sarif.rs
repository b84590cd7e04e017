//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other CI
//! dashboards read it. Every rule is described with its help text; each
//! result has its flagged region and related locations for the other
//! passages, and a partial fingerprint so dashboards track it across edits.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::findings::{Finding, Location, Severity};
use crate::rules::RULES;
use crate::Corpus;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI with forward slashes; spaces and the like escaped.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn physical(l: &Location, corpus: &Corpus) -> Value {
    let doc = &corpus.docs[l.doc];
    let (end_line, end_column) = doc.line_col(l.span.end);
    json!({
        "artifactLocation": { "uri": uri(l.path) },
        "region": {
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": end_line,
            "endColumn": end_column,
            "snippet": { "text": l.text }
        }
    })
}

pub(crate) fn document(findings: &[Finding], corpus: &Corpus) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.doc, "markdown": r.doc },
                "defaultConfiguration": { "level": level(r.severity) }
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let locations = f.locations(corpus);
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": { "text": f.message },
                "partialFingerprints": { "figcheck/v2": f.fingerprint(corpus) }
            });
            if let Some(index) = RULES.iter().position(|r| r.code == f.code) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(first) = locations.first() {
                result["locations"] = json!([{ "physicalLocation": physical(first, corpus) }]);
            }
            let related: Vec<Value> = locations
                .iter()
                .enumerate()
                .skip(1)
                .map(|(k, l)| {
                    json!({
                        "id": k,
                        "physicalLocation": physical(l, corpus),
                        "message": { "text": l.label }
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "figcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

pub(crate) fn write(out: &mut dyn Write, findings: &[Finding], corpus: &Corpus) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(findings, corpus))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(uri("./articles/my file.md"), "articles/my%20file.md");
        assert_eq!(uri("a\\b.md"), "a/b.md");
    }
}
