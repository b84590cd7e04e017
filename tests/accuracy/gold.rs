//! Gold labels of the accuracy corpus (`tests/corpus/README.md` is the
//! specification) and the checks that keep them honest: every figure's text
//! sits on its line, every reference resolves, every value parses.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

pub const DOMAINS: &[&str] = &[
    "company-results",
    "macro",
    "central-bank",
    "election",
    "disaster",
    "budget",
    "merger",
    "sports",
    "trade-diplomacy",
    "energy-commodities",
    "public-health",
];

const ROLES: &[&str] = &[
    "actual", "change", "target", "forecast", "guidance", "estimate",
];

const TRAP_KINDS: &[&str] = &[
    "toll-at-two-times",
    "forecast-vs-actual",
    "guidance-vs-actual",
    "estimate-vs-actual",
    "target-vs-actual",
    "per-share-vs-total",
    "part-vs-whole",
    "share-vs-growth",
    "yoy-vs-qoq",
    "other-period",
    "lower-bound",
    "converted-currency",
    "restatement",
    "different-measure",
    "different-owner",
    "revision",
];

const PHYSICAL_UNITS: &[&str] = &[
    "t", "kg", "lb", "bbl", "l", "m3", "MW", "GW", "MWh", "GWh", "TWh", "km", "mile", "ha", "km2",
    "degC", "degF",
];

const TIME_UNITS: &[&str] = &["year", "month", "week", "day", "hour", "minute"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFile {
    pub title: String,
    pub domain: String,
    #[serde(default)]
    pub figure: Vec<Figure>,
    #[serde(default)]
    pub conflict: Vec<Relation>,
    #[serde(default)]
    pub agreement: Vec<Relation>,
    #[serde(default)]
    pub trap: Vec<Relation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub file: String,
    pub line: usize,
    pub text: String,
    pub nth: Option<usize>,
    pub value: String,
    pub unit: String,
    pub per: Option<String>,
    pub measure: String,
    #[serde(default)]
    pub owner: String,
    pub period: String,
    pub role: String,
    pub basis: Option<String>,
    /// For people reading the gold file; never scored.
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// A conflict, agreement or trap: the figures it joins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub figures: Vec<String>,
    #[serde(default)]
    pub soft: bool,
    pub kind: Option<String>,
    pub why: Option<String>,
}

/// One story: its articles and gold labels, with every figure placed at its
/// byte range in its file.
#[derive(Debug)]
pub struct Story {
    pub name: String,
    pub half: String,
    pub dir: PathBuf,
    pub gold: GoldFile,
    /// Article file names, sorted.
    pub files: Vec<String>,
    /// Byte range of each figure's text in its file, by figure index.
    pub spans: Vec<Range<usize>>,
    /// Figure index by id.
    pub index: BTreeMap<String, usize>,
}

/// Load every story under `root/<half>/<story>/`. Problems with the gold
/// files are returned, not panicked on, so one run lists all of them.
pub fn load(root: &Path, halves: &[&str]) -> (Vec<Story>, Vec<String>) {
    let mut stories = Vec::new();
    let mut problems = Vec::new();
    for half in halves {
        let Ok(entries) = fs::read_dir(root.join(half)) else {
            problems.push(format!("{}: missing", root.join(half).display()));
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            match load_story(&dir, half) {
                Ok((story, mut story_problems)) => {
                    problems.append(&mut story_problems);
                    stories.push(story);
                }
                Err(e) => problems.push(e),
            }
        }
    }
    (stories, problems)
}

fn load_story(dir: &Path, half: &str) -> Result<(Story, Vec<String>), String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let gold_path = dir.join("gold.toml");
    let raw =
        fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let gold: GoldFile =
        toml::from_str(&raw).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut files: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|f| f.ends_with(".md"))
        .collect();
    files.sort();
    let texts: BTreeMap<&str, String> = files
        .iter()
        .filter_map(|f| Some((f.as_str(), fs::read_to_string(dir.join(f)).ok()?)))
        .collect();

    let mut problems = Vec::new();
    let mut p = |msg: String| problems.push(format!("{half}/{name}: {msg}"));
    if !(4..=6).contains(&files.len()) {
        p(format!("{} articles, want 4 to 6", files.len()));
    }
    if gold.title.trim().is_empty() {
        p("empty title".into());
    }
    if !DOMAINS.contains(&gold.domain.as_str()) {
        p(format!("unknown domain {:?}", gold.domain));
    }
    let mut outlets = BTreeSet::new();
    for (file, text) in &texts {
        match front_matter_value(text, "outlet") {
            Some(o) => {
                if !outlets.insert(o.clone()) {
                    p(format!("{file}: outlet {o:?} appears twice in the story"));
                }
            }
            None => p(format!("{file}: front matter has no outlet")),
        }
        for key in ["title", "url", "date"] {
            if front_matter_value(text, key).is_none() {
                p(format!("{file}: front matter has no {key}"));
            }
        }
    }

    let mut spans = Vec::new();
    let mut index = BTreeMap::new();
    for (i, f) in gold.figure.iter().enumerate() {
        if index.insert(f.id.clone(), i).is_some() {
            p(format!("figure {} is defined twice", f.id));
        }
        let span = match texts.get(f.file.as_str()) {
            Some(text) => match locate(text, f.line, &f.text, f.nth) {
                Ok(span) => span,
                Err(e) => {
                    p(format!("figure {} ({}:{}): {e}", f.id, f.file, f.line));
                    0..0
                }
            },
            None => {
                p(format!("figure {}: no article {}", f.id, f.file));
                0..0
            }
        };
        spans.push(span);
        for problem in check_figure(f) {
            p(format!("figure {}: {problem}", f.id));
        }
    }
    let same = |a: &Figure, b: &Figure| {
        a.measure == b.measure && a.owner == b.owner && a.period == b.period && a.role == b.role
    };
    for (kind, relations) in [
        ("conflict", &gold.conflict),
        ("agreement", &gold.agreement),
        ("trap", &gold.trap),
    ] {
        for r in relations {
            let figs: Vec<&Figure> = r
                .figures
                .iter()
                .filter_map(|id| index.get(id).map(|&i| &gold.figure[i]))
                .collect();
            if figs.len() != r.figures.len() {
                p(format!("{kind} {:?} names an unknown figure", r.figures));
                continue;
            }
            let files = figs.iter().map(|f| &f.file).collect::<BTreeSet<_>>().len();
            match kind {
                "agreement" if files < 2 => {
                    p(format!("agreement {:?} lies in one file", r.figures));
                }
                "agreement" => {}
                _ if figs.len() != 2 => p(format!(
                    "{kind} {:?} must join exactly two figures",
                    r.figures
                )),
                _ => {}
            }
            if kind != "trap" && figs.iter().any(|f| !same(figs[0], f)) {
                p(format!(
                    "{kind} {:?} joins figures of different measure, owner, period or role",
                    r.figures
                ));
            }
            if kind == "trap" && !r.kind.as_deref().is_some_and(|k| TRAP_KINDS.contains(&k)) {
                p(format!(
                    "trap {:?} has unknown kind {:?}",
                    r.figures, r.kind
                ));
            }
            if kind != "agreement" && r.why.as_deref().is_none_or(str::is_empty) {
                p(format!("{kind} {:?} does not say why", r.figures));
            }
        }
    }
    let story = Story {
        name,
        half: half.to_string(),
        dir: dir.to_path_buf(),
        gold,
        files,
        spans,
        index,
    };
    Ok((story, problems))
}

/// The byte range of the `nth` (1-based) occurrence of `needle` on `line`.
pub fn locate(
    text: &str,
    line: usize,
    needle: &str,
    nth: Option<usize>,
) -> Result<Range<usize>, String> {
    let line_start = match line {
        0 => return Err("lines are 1-based".into()),
        1 => 0,
        n => {
            text.match_indices('\n')
                .nth(n - 2)
                .ok_or_else(|| format!("the file has fewer than {n} lines"))?
                .0
                + 1
        }
    };
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line_text = &text[line_start..line_end];
    if needle.is_empty() {
        return Err("empty text".into());
    }
    let hits: Vec<usize> = line_text.match_indices(needle).map(|(i, _)| i).collect();
    let at = match (hits.len(), nth) {
        (0, _) => return Err(format!("{needle:?} is not on the line")),
        (1, None) => hits[0],
        (n, None) => return Err(format!("{needle:?} occurs {n} times on the line: give nth")),
        (n, Some(k)) if k == 0 || k > n => {
            return Err(format!("nth = {k}, but {needle:?} occurs {n} times"))
        }
        (_, Some(k)) => hits[k - 1],
    };
    Ok(line_start + at..line_start + at + needle.len())
}

fn check_figure(f: &Figure) -> Vec<String> {
    let mut out = Vec::new();
    if f.unit == "date" {
        if chrono::NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").is_err() {
            out.push(format!("date value {:?} is not YYYY-MM-DD", f.value));
        }
    } else {
        if Decimal::from_str(&f.value).is_err() {
            out.push(format!("value {:?} is not a decimal", f.value));
        }
        let iso = f.unit.len() == 3 && f.unit.bytes().all(|b| b.is_ascii_uppercase());
        let known = ["%", "pp", "count"].contains(&f.unit.as_str())
            || TIME_UNITS.contains(&f.unit.as_str())
            || PHYSICAL_UNITS.contains(&f.unit.as_str());
        if !(iso || known) {
            out.push(format!("unknown unit {:?}", f.unit));
        }
    }
    if !ROLES.contains(&f.role.as_str()) {
        out.push(format!("unknown role {:?}", f.role));
    }
    if !period_is_valid(&f.period) {
        out.push(format!("period {:?} is not of a documented form", f.period));
    }
    if let Some(basis) = &f.basis {
        if !(["y/y", "q/q", "m/m"].contains(&basis.as_str()) || period_is_valid(basis)) {
            out.push(format!("basis {basis:?} is not y/y, q/q, m/m or a period"));
        }
    }
    if f.measure.trim().is_empty() {
        out.push("empty measure".into());
    }
    out
}

/// `""`, `2024`, `2024-Q3`, `2024-H1`, `2024-07`, `2024-07-15`, `FY2025`,
/// `FY2025-Q3`, `FY2025-H1`.
pub fn period_is_valid(p: &str) -> bool {
    if p.is_empty() {
        return true;
    }
    let (fiscal, rest) = match p.strip_prefix("FY") {
        Some(rest) => (true, rest),
        None => (false, p),
    };
    let year_ok = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    let Some((year, part)) = rest
        .split_once('-')
        .map_or(Some((rest, None)), |(y, r)| Some((y, Some(r))))
    else {
        return false;
    };
    if !year_ok(year) {
        return false;
    }
    match part {
        None => true,
        Some(q) if q.len() == 2 && (q.starts_with('Q') || q.starts_with('H')) => {
            let n = q.as_bytes()[1];
            if q.starts_with('Q') {
                (b'1'..=b'4').contains(&n)
            } else {
                n == b'1' || n == b'2'
            }
        }
        Some(_) if fiscal => false,
        Some(_) => {
            chrono::NaiveDate::parse_from_str(&format!("{p}-01"), "%Y-%m-%d").is_ok()
                || chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").is_ok()
        }
    }
}

/// A top-level scalar of the YAML front matter, enough for the gold checks.
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let body = text.strip_prefix("---\n")?;
    let end = body.find("\n---")?;
    body[..end].lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == key && !v.trim().is_empty()).then(|| v.trim().to_string())
    })
}
