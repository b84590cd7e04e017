//! `figcheck report -o report.html` (and the page `figcheck review`
//! serves): one self-contained HTML file for an editor. No network, no
//! external assets: it opens from an e-mail attachment or a shared drive.
//!
//! Rendering goes through a minijinja template with auto-escaping, so every
//! piece of article text, front matter or message lands in the page as
//! text. Links are emitted only for http(s) URLs. The view model below is
//! all the template sees.

use std::collections::BTreeMap;

use minijinja::{context, Environment};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::claim::{Claim, Kind};
use crate::findings::{Finding, Severity, Summary};
use crate::rules::RULES;
use crate::triage::decisions::{Decisions, Status};
use crate::Corpus;

const TEMPLATE: &str = include_str!("html/report.html");

/// Review mode: the page gets Accept / Dismiss controls.
#[derive(Debug, Clone)]
pub struct Review {
    /// Per-run secret the page must send back with each decision.
    pub token: String,
}

#[derive(Debug, Serialize)]
struct Passage {
    path: String,
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    url: Option<String>,
    line: usize,
    before: String,
    figure: String,
    after: String,
    label: String,
}

#[derive(Debug, Serialize)]
struct Card {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: String,
    explanation: &'static str,
    help: Option<String>,
    fingerprint: String,
    accepted: Option<String>,
    status: Option<&'static str>,
    passages: Vec<Passage>,
}

#[derive(Debug, Serialize)]
struct Row {
    path: String,
    line: usize,
    kind: &'static str,
    value: String,
    sort_value: String,
    period: String,
    measure: String,
    role: &'static str,
    text: String,
}

#[derive(Debug, Serialize)]
struct Point {
    x: String,
    y: String,
    colour: &'static str,
    label: String,
}

#[derive(Debug, Serialize)]
struct Chart {
    measure: String,
    points: Vec<Point>,
    legend: Vec<(String, &'static str)>,
    y_min: String,
    y_max: String,
    x_labels: Vec<(String, String)>,
}

const PALETTE: &[&str] = &[
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
];
const CHART_W: i64 = 520;
const CHART_H: i64 = 160;
const MARGIN: i64 = 40;

/// Only web links are links; anything else ("javascript:", "data:") is dropped.
fn safe_url(url: Option<&String>) -> Option<String> {
    url.filter(|u| {
        let l = u.trim().to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    })
    .cloned()
}

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

fn passages(f: &Finding, corpus: &Corpus) -> Vec<Passage> {
    f.locations(corpus)
        .into_iter()
        .map(|l| {
            let doc = &corpus.docs[l.doc];
            let sentence = l.claim.map_or_else(
                || {
                    let start = doc.text[..l.span.start].rfind('\n').map_or(0, |i| i + 1);
                    let end = doc.text[l.span.end..]
                        .find('\n')
                        .map_or(doc.text.len(), |i| l.span.end + i);
                    start..end
                },
                |c| c.sentence.clone(),
            );
            let sentence = sentence.start.min(l.span.start)..sentence.end.max(l.span.end);
            let shown = crate::source::excerpt(
                &doc.text,
                sentence,
                l.span.clone(),
                crate::source::SENTENCE_SIDE,
            );
            let (s, e) = (shown.start, shown.end);
            Passage {
                path: doc.path.clone(),
                title: doc.meta.title.clone(),
                outlet: doc.meta.outlet.clone(),
                date: doc.published().map(|d| d.to_string()),
                url: safe_url(doc.meta.url.as_ref()),
                line: l.line,
                before: doc.text[s..l.span.start].to_string(),
                figure: doc.text[l.span.clone()].to_string(),
                after: doc.text[l.span.end..e].to_string(),
                label: l.label.to_string(),
            }
        })
        .collect()
}

fn rows(corpus: &Corpus) -> Vec<Row> {
    corpus
        .claims
        .iter()
        .map(|c| Row {
            path: corpus.docs[c.doc].path.clone(),
            line: corpus.docs[c.doc].line_of(c.span.start).0,
            kind: c.kind.as_str(),
            value: c.describe_value(),
            sort_value: if c.kind == Kind::Date {
                c.period.map(|p| p.to_string()).unwrap_or_default()
            } else {
                crate::claim::plain(c.value)
            },
            period: c.period.map(|p| p.to_string()).unwrap_or_default(),
            measure: c
                .measure
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            role: c.role.as_str(),
            text: c.text.clone(),
        })
        .collect()
}

/// Scale `v` from [lo, hi] to [0, span] pixels, as text for SVG.
fn scale(v: Decimal, lo: Decimal, hi: Decimal, span: i64) -> Decimal {
    if hi == lo {
        return Decimal::from(span) / Decimal::TWO;
    }
    ((v - lo) / (hi - lo) * Decimal::from(span)).round_dp(1)
}

/// One small chart per measure where sources disagree: each source's values
/// over time (the period's year, or the report's when none is stated).
fn charts(findings: &[Finding], corpus: &Corpus) -> Vec<Chart> {
    let mut by_measure: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| matches!(f.code, "FC201" | "FC204" | "FC205"))
    {
        let Some(m) = &f.measure else { continue };
        let entry = by_measure.entry(m.clone()).or_default();
        for &i in &f.claims {
            let c = &corpus.claims[i];
            if !entry.iter().any(|x| std::ptr::eq(*x, c)) {
                entry.push(c);
            }
        }
    }
    by_measure
        .into_iter()
        .map(|(measure, claims)| {
            let year = |c: &Claim| {
                let y = c
                    .period
                    .map(|p| p.year())
                    .or_else(|| {
                        corpus.docs[c.doc]
                            .published()
                            .map(|d| chrono::Datelike::year(&d))
                    })
                    .unwrap_or(0);
                Decimal::from(y)
            };
            let (mut x_lo, mut x_hi) = (Decimal::MAX, Decimal::MIN);
            let (mut y_lo, mut y_hi) = (Decimal::MAX, Decimal::MIN);
            for c in &claims {
                x_lo = x_lo.min(year(c));
                x_hi = x_hi.max(year(c));
                y_lo = y_lo.min(c.value);
                y_hi = y_hi.max(c.value);
            }
            let mut docs: Vec<usize> = claims.iter().map(|c| c.doc).collect();
            docs.sort_unstable();
            docs.dedup();
            let colour = |doc: usize| {
                PALETTE[docs.iter().position(|&d| d == doc).unwrap_or(0) % PALETTE.len()]
            };
            let points = claims
                .iter()
                .map(|c| Point {
                    x: (scale(year(c), x_lo, x_hi, CHART_W - 2 * MARGIN) + Decimal::from(MARGIN))
                        .to_string(),
                    y: (Decimal::from(CHART_H - MARGIN / 2)
                        - scale(c.value, y_lo, y_hi, CHART_H - MARGIN))
                    .to_string(),
                    colour: colour(c.doc),
                    label: format!(
                        "{}: {} ({})",
                        corpus.docs[c.doc].path,
                        c.text,
                        c.describe_value()
                    ),
                })
                .collect();
            let mut years: Vec<Decimal> = claims.iter().map(|c| year(c)).collect();
            years.sort_unstable();
            years.dedup();
            Chart {
                measure,
                points,
                legend: docs
                    .iter()
                    .map(|&d| (corpus.docs[d].path.clone(), colour(d)))
                    .collect(),
                y_min: crate::claim::grouped(y_lo),
                y_max: crate::claim::grouped(y_hi),
                x_labels: years
                    .into_iter()
                    .map(|y| {
                        let x = scale(y, x_lo, x_hi, CHART_W - 2 * MARGIN) + Decimal::from(MARGIN);
                        (x.to_string(), y.to_string())
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Render the page.
pub fn render(
    findings: &[Finding],
    corpus: &Corpus,
    summary: &Summary,
    decisions: &Decisions,
    review: Option<&Review>,
) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    let lookup = decisions.lookup();
    let cards: Vec<Card> = findings
        .iter()
        .map(|f| {
            let identity = f.identity(corpus);
            let decision = lookup.get(f, &identity).map(|(_, d)| d);
            let status = decision.map(|d| match d.status {
                Status::Accepted => "accepted",
                Status::Dismissed => "dismissed",
            });
            // A finding accepted in review carries who, when and why, also
            // where decisions were not applied before (the review page).
            let accepted = f.accepted.clone().or_else(|| {
                decision
                    .filter(|d| d.status == Status::Accepted)
                    .map(|d| d.acceptance())
            });
            Card {
                code: f.code,
                rule: f.rule,
                severity: severity_class(f.severity),
                message: f.message.clone(),
                explanation: RULES
                    .iter()
                    .find(|r| r.code == f.code)
                    .map_or("", |r| r.summary),
                help: f.help.clone(),
                fingerprint: identity.fingerprint,
                accepted,
                status,
                passages: passages(f, corpus),
            }
        })
        .collect();
    let mut by_rule: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for f in findings {
        *by_rule
            .entry((f.code, f.rule, f.severity.as_str()))
            .or_default() += 1;
    }
    let by_rule: Vec<(&str, &str, &str, usize)> = by_rule
        .into_iter()
        .map(|((c, r, s), n)| (c, r, s, n))
        .collect();
    let docs: Vec<BTreeMap<&str, String>> = corpus
        .docs
        .iter()
        .map(|d| {
            let mut m = BTreeMap::new();
            m.insert("path", d.path.clone());
            m.insert("title", d.meta.title.clone().unwrap_or_default());
            m.insert("outlet", d.meta.outlet.clone().unwrap_or_default());
            m.insert(
                "date",
                d.published().map(|x| x.to_string()).unwrap_or_default(),
            );
            m.insert("url", safe_url(d.meta.url.as_ref()).unwrap_or_default());
            m
        })
        .collect();
    env.get_template("report.html")?.render(context! {
        summary => summary,
        by_rule => by_rule,
        cards => cards,
        docs => docs,
        rows => rows(corpus),
        charts => charts(findings, corpus),
        chart_w => CHART_W,
        chart_h => CHART_H,
        review => review.map(|r| context! { token => r.token.clone() }),
    })
}
