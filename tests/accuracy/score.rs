//! Scoring one story: run figcheck over its articles, match claims and
//! findings to gold figures by position, and count what it got right.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{AddAssign, Range};
use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::gold::{Figure, Story};

/// The fields of a `claims --format jsonl` record the scorer reads.
#[derive(Debug, Deserialize)]
struct ClaimRecord {
    path: String,
    start: usize,
    end: usize,
    line: usize,
    kind: String,
    value: String,
    unit: Option<String>,
    /// Not in the record yet; read when it appears.
    per: Option<String>,
    period: Option<String>,
    measure: Option<String>,
    owner: Option<String>,
    role: String,
}

#[derive(Debug, Deserialize)]
struct Report {
    findings: Vec<FindingRecord>,
}

#[derive(Debug, Deserialize)]
pub struct FindingRecord {
    pub code: String,
    pub severity: String,
    pub message: String,
    pub claims: Vec<Location>,
}

#[derive(Debug, Deserialize)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What figcheck made of one story.
pub struct Output {
    claims: Vec<ClaimRecord>,
    pub findings: Vec<FindingRecord>,
}

/// Run `figcheck claims` and `figcheck check` over the files of a folder,
/// from inside it, as a user would.
pub fn run(binary: &Path, dir: &Path, files: &[String]) -> Output {
    let call = |args: &[&str]| {
        let out = Command::new(binary)
            .args(args)
            .args(files)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("running figcheck in {}: {e}", dir.display()));
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "figcheck {args:?} in {} failed ({code:?}): {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("figcheck writes UTF-8")
    };
    let claims = call(&["claims", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("a claims record"))
        .collect();
    let report: Report =
        serde_json::from_str(&call(&["check", "--format", "json"])).expect("a check report");
    Output {
        claims,
        findings: report.findings,
    }
}

/// Counts that add up across stories.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub stories: usize,
    pub articles: usize,
    pub figures: usize,
    pub found: usize,
    pub value_right: usize,
    pub unit_right: usize,
    pub period_right: usize,
    pub role_right: usize,
    pub extras: usize,
    /// Pairs of found figures: same key in both, in figcheck only, in gold only.
    pub pairs_both: usize,
    pub pairs_tool_only: usize,
    pub pairs_gold_only: usize,
    pub conflicts: usize,
    pub conflicts_found: usize,
    /// Gold conflicts covered by an error or a warning.
    pub conflicts_flagged: usize,
    pub traps: usize,
    pub traps_taken: usize,
    pub errors: usize,
    pub unexplained: usize,
    /// Disagreement warnings (FC207) that cover no gold conflict.
    pub unexplained_warnings: usize,
    pub agreement_pairs: usize,
    pub agreement_pairs_found: usize,
    /// Pairs of gold figures in different files that a corroboration
    /// finding (FC202, FC204, FC208) joins but no gold agreement does.
    pub agreement_pairs_not_gold: usize,
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, o: &Tally) {
        self.stories += o.stories;
        self.articles += o.articles;
        self.figures += o.figures;
        self.found += o.found;
        self.value_right += o.value_right;
        self.unit_right += o.unit_right;
        self.period_right += o.period_right;
        self.role_right += o.role_right;
        self.extras += o.extras;
        self.pairs_both += o.pairs_both;
        self.pairs_tool_only += o.pairs_tool_only;
        self.pairs_gold_only += o.pairs_gold_only;
        self.conflicts += o.conflicts;
        self.conflicts_found += o.conflicts_found;
        self.conflicts_flagged += o.conflicts_flagged;
        self.traps += o.traps;
        self.traps_taken += o.traps_taken;
        self.errors += o.errors;
        self.unexplained += o.unexplained;
        self.unexplained_warnings += o.unexplained_warnings;
        self.agreement_pairs += o.agreement_pairs;
        self.agreement_pairs_found += o.agreement_pairs_found;
        self.agreement_pairs_not_gold += o.agreement_pairs_not_gold;
    }
}

impl Tally {
    /// Pairwise precision of measure/owner grouping.
    pub fn grouping_precision(&self) -> Option<f64> {
        ratio(self.pairs_both, self.pairs_both + self.pairs_tool_only)
    }
    /// Pairwise recall of measure/owner grouping.
    pub fn grouping_recall(&self) -> Option<f64> {
        ratio(self.pairs_both, self.pairs_both + self.pairs_gold_only)
    }
}

pub fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The score of one story, with the error findings no gold conflict explains.
pub struct Scored {
    pub tally: Tally,
    pub unexplained: Vec<String>,
    /// FC207 warnings that cover no gold conflict, described like errors.
    pub unexplained_warnings: Vec<String>,
    pub misread: Vec<String>,
    /// Gold agreements with a pair no finding covers: each member's reading.
    pub missed_agreements: Vec<String>,
    /// Gold conflicts no finding covers: both figures' readings.
    pub missed_conflicts: Vec<String>,
}

/// A finding as the report lists it: story, code, message and passages.
fn describe(story: &Story, finding: &FindingRecord) -> String {
    let places: Vec<String> = finding
        .claims
        .iter()
        .map(|l| format!("{}:{} {:?}", l.path, l.line, l.text))
        .collect();
    format!(
        "{}/{}: {} {} [{}]",
        story.half,
        story.name,
        finding.code,
        finding.message,
        places.join(", ")
    )
}

pub fn score(story: &Story, out: &Output) -> Scored {
    let gold = &story.gold;
    let mut t = Tally {
        stories: 1,
        articles: story.files.len(),
        figures: gold.figure.len(),
        conflicts: gold.conflict.len(),
        traps: gold.trap.len(),
        ..Tally::default()
    };
    let mut misread = Vec::new();

    // Each gold figure's claim: on its line, overlapping its words; the
    // widest overlap wins.
    let matched: Vec<Option<&ClaimRecord>> = gold
        .figure
        .iter()
        .zip(&story.spans)
        .map(|(f, span)| {
            out.claims
                .iter()
                .filter(|c| c.path == f.file && c.line == f.line)
                .filter_map(|c| Some((overlap(span, &(c.start..c.end))?, c)))
                .max_by_key(|(o, c)| (*o, std::cmp::Reverse(c.start)))
                .map(|(_, c)| c)
        })
        .collect();
    let mut claimed: BTreeSet<(&str, usize)> = BTreeSet::new();
    for (f, claim) in gold.figure.iter().zip(&matched) {
        let Some(c) = claim else {
            misread.push(format!("{}:{} {:?}: not read", f.file, f.line, f.text));
            continue;
        };
        claimed.insert((c.path.as_str(), c.start));
        t.found += 1;
        let checks = [
            ("value", value_right(f, c), &c.value),
            ("unit", unit_right(f, c), &tool_unit(c)),
            (
                "period",
                period_right(f, c),
                &c.period.clone().unwrap_or_default(),
            ),
            ("role", f.role == c.role, &c.role),
        ];
        for (what, right, got) in checks {
            if right {
                match what {
                    "value" => t.value_right += 1,
                    "unit" => t.unit_right += 1,
                    "period" => t.period_right += 1,
                    _ => t.role_right += 1,
                }
            } else {
                misread.push(format!(
                    "{}:{} {:?}: {what} {got:?}, gold {:?}",
                    f.file,
                    f.line,
                    f.text,
                    gold_field(f, what)
                ));
            }
        }
    }
    t.extras = out
        .claims
        .iter()
        .filter(|c| c.kind != "date" && !claimed.contains(&(c.path.as_str(), c.start)))
        .count();

    // Grouping, pairwise over the figures figcheck read: each figure's gold
    // (measure, owner) and figcheck's, when it read a measure.
    type Keys<'a> = ((&'a str, &'a str), Option<(&'a str, &'a str)>);
    let keys: Vec<Keys> = matched
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let c = (*c)?;
            let f = &gold.figure[i];
            let tool = c
                .measure
                .as_deref()
                .map(|m| (m, c.owner.as_deref().unwrap_or("")));
            Some(((f.measure.as_str(), f.owner.as_str()), tool))
        })
        .collect();
    for (n, (gold_a, tool_a)) in keys.iter().enumerate() {
        for (gold_b, tool_b) in &keys[n + 1..] {
            let same_gold = gold_a == gold_b;
            let same_tool = tool_a.is_some() && tool_a == tool_b;
            match (same_gold, same_tool) {
                (true, true) => t.pairs_both += 1,
                (false, true) => t.pairs_tool_only += 1,
                (true, false) => t.pairs_gold_only += 1,
                (false, false) => {}
            }
        }
    }

    // Findings, as sets of gold figures.
    let figures_of = |locs: &[Location]| -> BTreeSet<usize> {
        locs.iter()
            .flat_map(|l| {
                gold.figure
                    .iter()
                    .zip(&story.spans)
                    .enumerate()
                    .filter(move |(_, (f, span))| {
                        f.file == l.path
                            && f.line == l.line
                            && overlap(span, &(l.start..l.end)).is_some()
                    })
                    .map(|(i, _)| i)
            })
            .collect()
    };
    let pair = |ids: &[String]| -> (usize, usize) { (story.index[&ids[0]], story.index[&ids[1]]) };
    let errors: Vec<(&FindingRecord, BTreeSet<usize>)> = out
        .findings
        .iter()
        .filter(|f| f.severity == "error")
        .map(|f| (f, figures_of(&f.claims)))
        .collect();
    let warnings: Vec<BTreeSet<usize>> = out
        .findings
        .iter()
        .filter(|f| f.severity == "warning")
        .map(|f| figures_of(&f.claims))
        .collect();
    let disagreements: Vec<(&FindingRecord, BTreeSet<usize>)> = out
        .findings
        .iter()
        .filter(|f| matches!(f.code.as_str(), "FC207" | "FC209"))
        .map(|f| (f, figures_of(&f.claims)))
        .collect();
    let agreements: Vec<BTreeSet<usize>> = out
        .findings
        .iter()
        .filter(|f| matches!(f.code.as_str(), "FC202" | "FC204" | "FC208"))
        .map(|f| figures_of(&f.claims))
        .collect();
    let covers =
        |set: &BTreeSet<usize>, (a, b): (usize, usize)| set.contains(&a) && set.contains(&b);

    t.errors = errors.len();
    let conflict_pairs: Vec<((usize, usize), bool)> = gold
        .conflict
        .iter()
        .map(|c| (pair(&c.figures), c.soft))
        .collect();
    let reading = |i: usize| -> String {
        let f = &gold.figure[i];
        let got = match matched[i] {
            Some(c) => format!(
                "{} | {} | {} | {} | {}",
                c.measure.as_deref().unwrap_or("-"),
                c.owner.as_deref().unwrap_or("-"),
                c.period.as_deref().unwrap_or("-"),
                c.role,
                c.value
            ),
            None => "not read".to_string(),
        };
        format!("{}:{} {:?}: {got}", f.file, f.line, f.text)
    };
    let mut missed_conflicts = Vec::new();
    for &(p, soft) in &conflict_pairs {
        let by_error = errors.iter().any(|(_, s)| covers(s, p));
        let by_warning = soft && warnings.iter().any(|s| covers(s, p));
        if by_error || by_warning {
            t.conflicts_found += 1;
        } else {
            let f = &gold.figure[p.0];
            missed_conflicts.push(format!(
                "{}/{}: {} | {} | {} | {}{}\n    {}\n    {}",
                story.half,
                story.name,
                f.measure,
                f.owner,
                f.period,
                f.role,
                if soft { " (soft)" } else { "" },
                reading(p.0),
                reading(p.1)
            ));
        }
        if by_error || warnings.iter().any(|s| covers(s, p)) {
            t.conflicts_flagged += 1;
        }
    }
    let unexplained_warnings: Vec<String> = disagreements
        .iter()
        .filter(|(_, set)| !conflict_pairs.iter().any(|&(p, _)| covers(set, p)))
        .map(|(finding, _)| describe(story, finding))
        .collect();
    t.unexplained_warnings = unexplained_warnings.len();
    for trap in &gold.trap {
        if errors.iter().any(|(_, s)| covers(s, pair(&trap.figures))) {
            t.traps_taken += 1;
        }
    }
    let mut unexplained = Vec::new();
    for (finding, set) in &errors {
        if conflict_pairs.iter().any(|&(p, _)| covers(set, p)) {
            continue;
        }
        t.unexplained += 1;
        unexplained.push(describe(story, finding));
    }
    let mut missed_agreements = Vec::new();
    for agreement in &gold.agreement {
        let ids: Vec<usize> = agreement.figures.iter().map(|id| story.index[id]).collect();
        let mut missed = false;
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                if gold.figure[a].file == gold.figure[b].file {
                    continue;
                }
                t.agreement_pairs += 1;
                if agreements.iter().any(|s| covers(s, (a, b))) {
                    t.agreement_pairs_found += 1;
                } else {
                    missed = true;
                }
            }
        }
        if missed {
            let f0 = &gold.figure[ids[0]];
            let mut line = format!(
                "{}/{}: {} | {} | {} | {}",
                story.half, story.name, f0.measure, f0.owner, f0.period, f0.role
            );
            for &i in &ids {
                line.push_str(&format!("\n    {}", reading(i)));
            }
            missed_agreements.push(line);
        }
    }
    let mut claimed = BTreeSet::new();
    for set in &agreements {
        let ids: Vec<usize> = set.iter().copied().collect();
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                if gold.figure[a].file != gold.figure[b].file {
                    claimed.insert((a, b));
                }
            }
        }
    }
    let in_gold = |(a, b): (usize, usize)| {
        gold.agreement.iter().any(|g| {
            let ids: Vec<usize> = g.figures.iter().map(|id| story.index[id]).collect();
            ids.contains(&a) && ids.contains(&b)
        })
    };
    t.agreement_pairs_not_gold = claimed.into_iter().filter(|&p| !in_gold(p)).count();
    Scored {
        tally: t,
        unexplained,
        unexplained_warnings,
        misread,
        missed_agreements,
        missed_conflicts,
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> Option<usize> {
    let lo = a.start.max(b.start);
    let hi = a.end.min(b.end);
    (lo < hi).then(|| hi - lo)
}

fn value_right(f: &Figure, c: &ClaimRecord) -> bool {
    if f.unit == "date" {
        return c.value == f.value;
    }
    match (Decimal::from_str(&f.value), Decimal::from_str(&c.value)) {
        // figcheck gives a physical amount in its base unit ("42,000
        // tonnes" is 42,000,000 kg); the gold in the unit written.
        (Ok(a), Ok(b)) => match gold_in_base(f) {
            Some((unit, _)) if converted(c) => unit.convert(a) == b,
            _ => a == b,
        },
        _ => false,
    }
}

/// The gold unit as figcheck's physical unit, and the claim unit it gives
/// ("bbl" per "day" is "l/day").
fn gold_in_base(
    f: &Figure,
) -> Option<(
    &'static std::sync::Arc<figcheck::lexicon::units::Unit>,
    String,
)> {
    // The gold writes degrees as "degC".
    let written = match f.unit.as_str() {
        "degC" => "°C",
        "degF" => "°F",
        u => u,
    };
    let unit = figcheck::lexicon::Lexicon::shared_default()
        .physical()
        .lookup(written)?;
    let per = unit.per.clone().or_else(|| f.per.clone());
    let base = match per {
        Some(p) => format!("{}/{p}", unit.base),
        None => unit.base.clone(),
    };
    Some((unit, base))
}

/// Whether figcheck converted the claim to a physical base unit.
fn converted(c: &ClaimRecord) -> bool {
    c.kind == "count"
        && c.unit.as_deref().is_some_and(|u| {
            figcheck::lexicon::Lexicon::shared_default()
                .physical()
                .is_base(u)
        })
}

/// figcheck's unit in the gold vocabulary. Physical units figcheck knows as
/// counted nouns are mapped to their symbols so that a reading is not
/// marked wrong for spelling alone.
fn tool_unit(c: &ClaimRecord) -> String {
    let unit = c.unit.as_deref().unwrap_or("");
    match c.kind.as_str() {
        "money" => unit.to_string(),
        "percent" => "%".into(),
        "percentage_points" => "pp".into(),
        "date" => "date".into(),
        "duration" => unit.trim_end_matches('s').to_string(),
        _ => {
            let noun = unit.to_ascii_lowercase();
            let symbol = match noun.trim_end_matches('s') {
                "tonne" | "metric ton" | "ton" => "t",
                "kilogram" | "kg" => "kg",
                "barrel" => "bbl",
                "litre" | "liter" => "l",
                "cubic metre" | "cubic meter" => "m3",
                "megawatt" | "mw" => "MW",
                "gigawatt" | "gw" => "GW",
                "megawatt-hour" | "mwh" => "MWh",
                "gigawatt-hour" | "gwh" => "GWh",
                "terawatt-hour" | "twh" => "TWh",
                "kilometre" | "kilometer" | "km" => "km",
                "mile" => "mile",
                "hectare" => "ha",
                _ => "count",
            };
            symbol.to_string()
        }
    }
}

fn unit_right(f: &Figure, c: &ClaimRecord) -> bool {
    if converted(c) {
        return gold_in_base(f).is_some_and(|(_, base)| Some(base) == c.unit);
    }
    tool_unit(c) == f.unit && c.per == f.per
}

fn period_right(f: &Figure, c: &ClaimRecord) -> bool {
    c.period.as_deref().unwrap_or("") == f.period
}

fn gold_field(f: &Figure, what: &str) -> String {
    match what {
        "value" => f.value.clone(),
        "unit" => match &f.per {
            Some(per) => format!("{} per {per}", f.unit),
            None => f.unit.clone(),
        },
        "period" => f.period.clone(),
        _ => f.role.clone(),
    }
}

/// Per-domain and per-half sums.
pub fn sum_by<'a, K: Ord>(rows: impl Iterator<Item = (K, &'a Tally)>) -> BTreeMap<K, Tally> {
    let mut out: BTreeMap<K, Tally> = BTreeMap::new();
    for (k, t) in rows {
        *out.entry(k).or_default() += t;
    }
    out
}
