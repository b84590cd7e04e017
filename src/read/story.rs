//! The story: what the files of one run tell each other. All files of a
//! run are taken to be about one story, so once each is read on its own,
//! a few things are settled across them:
//!
//! - **Initials**: a name spelled out with its initials in any file
//!   ("Reliance Industries Limited (RIL)") is one owner in every file.
//! - **Owners**: a figure that names no owner takes the one owner the run
//!   names for its measure.
//! - **Fiscal quarters**: an owner reported in fiscal quarters anywhere in
//!   the run is reported in them everywhere: "the September quarter" is
//!   its Q2 FY26 when a file says so, and a bare "third quarter" is its
//!   fiscal third quarter.
//! - **Seasons**: "last season" is a season straddling two years, named
//!   like a fiscal year by the year it ends in, when a file of the run names
//!   one ("the 2023-24 season"); otherwise it is left undated, as sports
//!   played within a year name their seasons differently.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::claim::{Claim, Kind, Measure, Period, Reason, Role, Source};
use crate::extract::date::{self, DateExpr};
use crate::lexicon::Lexicon;
use crate::source::Document;

use super::owner::owner_name;

/// Settle what the files of a run tell each other; run once all are read.
pub fn settle(claims: &mut [Claim], docs: &[Document], lexicon: &Lexicon) {
    let mut pairs: Vec<(String, String)> = docs
        .iter()
        .flat_map(|d| acronyms(&d.prose, lexicon))
        .collect();
    pairs.sort();
    pairs.dedup();
    // A long name spelled with two sets of initials keeps neither.
    let ambiguous: Vec<String> = pairs
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].0.clone())
        .collect();
    pairs.retain(|(long, _)| !ambiguous.contains(long));
    join_acronyms(claims, &pairs);
    lend_owners(claims, lexicon);
    fiscal_quarters(claims, docs);
    split_seasons(claims, docs);
}

/// Whether the text names a season straddling two years: "the 2023-24
/// season", "2023/24 season".
fn names_split_season(prose: &str) -> bool {
    memchr::memmem::find_iter(prose.as_bytes(), b" season").any(|at| {
        let before = prose.as_bytes()[..at]
            .rsplit(|&b| b == b' ')
            .next()
            .unwrap_or_default();
        matches!(before, [a, b, c, d, sep, e, f]
            if [a, b, c, d, e, f].iter().all(|x| x.is_ascii_digit()) && matches!(sep, b'-' | b'/'))
    })
}

/// A season named relative to the publication date ("last season", "the
/// winter before") is placed as a split season, ending in the year after
/// it starts. That holds only where the run names one ("the 2023-24
/// season"): elsewhere seasons may lie within a calendar year (baseball) or
/// be named by the year they start (American football), and the figure is
/// left undated.
fn split_seasons(claims: &mut [Claim], docs: &[Document]) {
    if docs.iter().any(|d| names_split_season(&d.prose)) {
        return;
    }
    for c in claims.iter_mut() {
        let Some(Period::FiscalYear(_)) = c.period else {
            continue;
        };
        let words = match (c.kind, c.evidence.period.as_ref().and_then(Reason::span)) {
            (Kind::Date, _) => Some(c.span.clone()),
            (_, span) => span,
        };
        let Some(text) = words.and_then(|w| docs[c.doc].text.get(w)) else {
            continue;
        };
        let text = text.to_ascii_lowercase();
        let relative = ["season", "winter", "summer"]
            .iter()
            .any(|w| text.contains(w))
            && !text.bytes().any(|b| b.is_ascii_digit());
        if relative {
            c.period = None;
            c.evidence.period = None;
        }
    }
}

/// Names a document spells out before their initials: "Reliance
/// Industries Limited (RIL)" gives ("reliance", "ril"), "the African
/// National Congress (ANC)" ("african national congress", "anc"). Each
/// pair is (the owner the long name reads as, the initials in lower case).
pub fn acronyms(prose: &str, lex: &Lexicon) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for open in memchr::memchr_iter(b'(', prose.as_bytes()) {
        let rest = &prose[open + 1..];
        let Some(close) = rest.find(')') else { break };
        let abbr = &rest[..close];
        if !(2..=6).contains(&abbr.len()) || !abbr.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        // The capitalised words right before, joined by "of", "the", "and".
        let from = crate::source::ceil_char_boundary(prose, open.saturating_sub(120));
        let words = crate::extract::sentence::words(prose, from..open);
        if !prose[words.last().map_or(open, |w| w.end)..open]
            .trim()
            .is_empty()
        {
            continue;
        }
        let connector = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "&");
        let mut run: Vec<&str> = Vec::new();
        for w in words.iter().rev() {
            if w.text.starts_with(char::is_uppercase) || connector(w.text) && !run.is_empty() {
                run.push(w.text);
            } else {
                break;
            }
            if run.len() > 8 {
                break;
            }
        }
        run.reverse();
        // The shortest ending of the run whose initials spell the letters.
        let initials = |ws: &[&str]| -> String {
            ws.iter()
                .filter(|w| !connector(w))
                .filter_map(|w| w.chars().next())
                .collect::<String>()
        };
        let found = (0..run.len())
            .rev()
            .map(|k| &run[k..])
            .find(|ws| !connector(ws[0]) && initials(ws).eq_ignore_ascii_case(abbr));
        if let Some(ws) = found {
            let long = owner_name(lex, &ws.join(" "));
            let short = abbr.to_lowercase();
            if long != short {
                out.push((long, short));
            }
        }
    }
    out
}

/// Give every figure of the run one name for each owner spelled out
/// somewhere with its initials: "RIL" and "Reliance Industries" are one
/// owner, named by its initials.
fn join_acronyms(claims: &mut [Claim], pairs: &[(String, String)]) {
    let alias: BTreeMap<&str, Arc<str>> = pairs
        .iter()
        .map(|(long, short)| (long.as_str(), Arc::from(short.as_str())))
        .collect();
    for c in claims.iter_mut() {
        if let Some(short) = c.owner.as_deref().and_then(|o| alias.get(o)) {
            c.owner = Some(short.clone());
        }
    }
}

/// A figure that names no owner takes the one owner the run names for its
/// measure, if it names exactly one and in at least two files: across a
/// story about one company, "revenue of $57bn" is that company's; but not
/// for a contested measure, where the one party named is one of several.
/// Run once all files are read.
fn lend_owners(claims: &mut [Claim], lexicon: &Lexicon) {
    let mut owners: BTreeMap<Arc<Measure>, BTreeSet<Arc<str>>> = BTreeMap::new();
    let mut files: BTreeMap<(Arc<Measure>, Arc<str>), BTreeSet<usize>> = BTreeMap::new();
    for c in claims.iter() {
        if let (Some(m), Some(o)) = (&c.measure, &c.owner) {
            let o = o.clone();
            owners.entry(m.clone()).or_default().insert(o.clone());
            files.entry((m.clone(), o)).or_default().insert(c.doc);
        }
    }
    owners.retain(|m, set| {
        set.len() == 1
            && set
                .first()
                .is_some_and(|o| files[&(m.clone(), o.clone())].len() >= 2)
    });
    for c in claims.iter_mut() {
        if c.owner.is_some() || c.evidence.owner.is_some() || c.kind == Kind::Date {
            continue;
        }
        let Some(m) = &c.measure else { continue };
        if !lexicon.takes_lent_owner(m) {
            continue;
        }
        if let Some(set) = owners.get(m) {
            c.owner = set.first().cloned();
            c.evidence.owner = Some(Reason::new(Source::Story, None));
        }
    }
}

/// Calendar quarters of an owner reported in fiscal quarters become fiscal
/// quarters. Where one file names both a fiscal and a calendar quarter for
/// the owner's reported figures ("Q2 FY26" and "the September quarter"),
/// the two calendars are aligned and every calendar quarter of the owner
/// is converted. Otherwise only a bare ordinal ("third-quarter revenue",
/// "Q3") is taken as fiscal, in the fiscal year nearest the owner's other
/// fiscal quarters: companies report in their own quarters.
fn fiscal_quarters(claims: &mut [Claim], docs: &[Document]) {
    let index = |y: i32, q: u8| y * 4 + i32::from(q) - 1;
    let firm = |c: &Claim| {
        matches!(c.role, Role::Actual | Role::Change)
            && c.evidence
                .period
                .as_ref()
                .is_some_and(|r| matches!(r.source, Source::Clause | Source::Sentence))
    };
    // Per (file, owner): the fiscal and calendar quarters of its reports,
    // as quarter indices.
    type Quarters = (BTreeSet<i32>, BTreeSet<i32>);
    let mut seen: BTreeMap<(usize, &str), Quarters> = BTreeMap::new();
    let mut fiscal: BTreeMap<&str, BTreeSet<i32>> = BTreeMap::new();
    for c in claims.iter().filter(|c| firm(c)) {
        let Some(o) = c.owner.as_deref() else {
            continue;
        };
        let e = seen.entry((c.doc, o)).or_default();
        match c.period {
            Some(Period::FiscalQuarter(y, q)) => {
                e.0.insert(index(y, q));
                fiscal.entry(o).or_default().insert(index(y, q));
            }
            // Only a calendar quarter named as such ("the September
            // quarter", "Q3 2025") aligns the calendars; "the current
            // quarter" may be the next one.
            Some(Period::Quarter(y, q)) if named_calendar_quarter(c, docs) => {
                e.1.insert(index(y, q));
            }
            _ => {}
        }
    }
    // The offset from calendar to fiscal quarter, where files agree on one.
    let mut offsets: BTreeMap<&str, BTreeSet<i32>> = BTreeMap::new();
    for ((_, o), (f, c)) in &seen {
        if let (Some(f), Some(c), 1, 1) = (f.first(), c.first(), f.len(), c.len()) {
            offsets.entry(o).or_default().insert(f - c);
        }
    }
    let offsets: BTreeMap<String, i32> = offsets
        .into_iter()
        .filter_map(|(o, d)| match (d.len(), d.first()) {
            (1, Some(&d)) => Some((o.to_string(), d)),
            _ => None,
        })
        .collect();
    let fiscal: BTreeMap<String, Vec<i32>> = fiscal
        .into_iter()
        .map(|(o, set)| (o.to_string(), set.into_iter().collect()))
        .collect();
    for c in claims.iter_mut() {
        let (Some(o), Some(Period::Quarter(y, q))) = (c.owner.as_deref(), c.period) else {
            continue;
        };
        let at = index(y, q);
        let converted = match offsets.get(o) {
            Some(d) => Some(at + d),
            None => {
                let bare = c
                    .evidence
                    .period
                    .as_ref()
                    .and_then(|r| r.span())
                    .and_then(|s| docs[c.doc].text.get(s))
                    .is_some_and(|t| {
                        matches!(
                            date::date_expr(t),
                            Ok((_, DateExpr::Quarter { year: None, .. }))
                        )
                    });
                // The fiscal year that puts this quarter nearest the
                // owner's other fiscal quarters.
                fiscal.get(o).filter(|_| bare).and_then(|known| {
                    let nearest = *known.iter().min_by_key(|&&k| (k - at).abs())?;
                    let ny = nearest.div_euclid(4);
                    (ny - 1..=ny + 1)
                        .map(|fy| index(fy, q))
                        .min_by_key(|&f| ((f - nearest).abs(), f < nearest))
                })
            }
        };
        if let Some(f) = converted {
            c.period = Some(Period::FiscalQuarter(
                f.div_euclid(4),
                (f.rem_euclid(4) + 1) as u8,
            ));
        }
    }
}

/// Whether a claim's period was written as a calendar quarter: by its
/// months or with its year, or as "in the quarter" after one.
fn named_calendar_quarter(c: &Claim, docs: &[Document]) -> bool {
    let text = c
        .evidence
        .period
        .as_ref()
        .and_then(|r| r.span())
        .and_then(|s| docs[c.doc].text.get(s));
    matches!(
        text.map(date::date_expr),
        Some(Ok((
            _,
            DateExpr::QuarterEnding { .. }
                | DateExpr::Quarter { year: Some(_), .. }
                | DateExpr::Definite { .. }
        )))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_after_the_name_they_spell() {
        let lex = Lexicon::default_pack();
        let text = "Reliance Industries Limited (RIL) grew. The African National Congress \
                    (ANC) lost its majority. The Organization of the Petroleum Exporting \
                    Countries (OPEC) met. Its chief executive (CEO) spoke. Nvidia (NVDA) rose.";
        assert_eq!(
            acronyms(text, &lex),
            vec![
                ("reliance".to_string(), "ril".to_string()),
                ("african national congress".to_string(), "anc".to_string()),
                (
                    "organization of the petroleum exporting countries".to_string(),
                    "opec".to_string()
                ),
            ]
        );
    }

    /// "Last season" is a split season when the run names one, and
    /// undated otherwise.
    #[test]
    fn seasons_split_when_the_run_names_one() {
        let lifts = "The resort's lifts carried 2.3 million passengers last season.";
        let alone = crate::testing::corpus(&[("a.md", "2025-02-08", lifts)]);
        assert_eq!(period_of(&alone, "2.3 million"), None);
        let split = crate::testing::corpus(&[
            ("a.md", "2025-02-08", lifts),
            (
                "b.md",
                "2025-02-09",
                "Its lifts carried 2.1 million riders in the 2022-23 season.",
            ),
        ]);
        assert_eq!(period_of(&split, "2.3 million").as_deref(), Some("FY2024"));
        assert_eq!(period_of(&split, "2.1 million").as_deref(), Some("FY2023"));
    }

    fn period_of(c: &crate::Corpus, text: &str) -> Option<String> {
        let claim = c.claims.iter().find(|k| k.text == text);
        claim
            .unwrap_or_else(|| panic!("no claim {text:?}"))
            .period
            .map(|p| p.to_string())
    }

    fn owner_of(c: &crate::Corpus, text: &str) -> Option<String> {
        let claim = c.claims.iter().find(|k| k.text == text);
        claim
            .unwrap_or_else(|| panic!("no claim {text:?}"))
            .owner
            .as_deref()
            .map(String::from)
    }

    /// The one company a story names lends its name to unowned revenue;
    /// the one party named for a vote share lends it to nobody else's.
    #[test]
    fn owners_are_lent_for_owned_measures_but_not_contested_ones() {
        let c = crate::testing::corpus(&[
            (
                "a.md",
                "2024-06-01",
                "Acme's revenue was $5 billion. The Unity Party had 41 per cent of the vote.",
            ),
            (
                "b.md",
                "2024-06-01",
                "Acme's revenue was $5 billion. The Unity Party had 41 per cent of the vote.",
            ),
            (
                "c.md",
                "2024-06-02",
                "Revenue was $5.1 billion. One party took 18 per cent of the vote.",
            ),
        ]);
        assert_eq!(owner_of(&c, "$5.1 billion").as_deref(), Some("acme"));
        assert_eq!(owner_of(&c, "18 per cent"), None);
    }

    #[test]
    fn a_file_naming_both_calendars_aligns_them_for_the_owner() {
        let c = crate::testing::corpus(&[
            (
                "a.md",
                "2025-10-17",
                "Reliance's profit was ₹18,165 crore in Q2 FY26. Reliance's revenue rose \
                 10% to ₹2.59 lakh crore in the September quarter.",
            ),
            (
                "b.md",
                "2025-10-18",
                "Reliance's profit was ₹22,092 crore in the June quarter.",
            ),
        ]);
        assert_eq!(period_of(&c, "₹18,165 crore").as_deref(), Some("FY2026-Q2"));
        assert_eq!(
            period_of(&c, "₹2.59 lakh crore").as_deref(),
            Some("FY2026-Q2")
        );
        // Every calendar quarter of the owner is converted.
        assert_eq!(period_of(&c, "₹22,092 crore").as_deref(), Some("FY2026-Q1"));
    }

    #[test]
    fn a_bare_quarter_is_the_fiscal_one_of_an_owner_reporting_in_them() {
        let c = crate::testing::corpus(&[
            (
                "a.md",
                "2025-11-19",
                "Nvidia's revenue for the fiscal third quarter was $57.01 billion.",
            ),
            (
                "b.md",
                "2025-11-19",
                "Nvidia's third-quarter revenue was $57 billion.",
            ),
            (
                "c.md",
                "2025-11-19",
                "Intel's third-quarter revenue was $13.7 billion.",
            ),
        ]);
        assert_eq!(
            period_of(&c, "$57.01 billion").as_deref(),
            Some("FY2026-Q3")
        );
        assert_eq!(period_of(&c, "$57 billion").as_deref(), Some("FY2026-Q3"));
        // Another owner's quarters are its own.
        assert_eq!(period_of(&c, "$13.7 billion").as_deref(), Some("2025-Q3"));
    }
}
