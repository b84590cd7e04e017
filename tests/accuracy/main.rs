//! Accuracy on real reporting: figcheck run over the corpus in
//! `tests/corpus/` and scored against its gold labels.
//!
//! - `gold_files_are_consistent`: every gold figure's text sits on its line,
//!   every reference resolves, every field is of a documented form.
//! - `report`: scores every story and red-team case and compares the totals
//!   with the ratchet block of `ACCURACY.md`; it fails when a total gets
//!   worse. `FIGCHECK_ACCURACY=table` prints the whole table and every
//!   unexplained error; `FIGCHECK_ACCURACY=misread` also lists every figure
//!   read wrong; `FIGCHECK_ACCURACY=missed` lists the dev half's gold
//!   conflicts and agreements that no finding covers, with each member's reading;
//!   `FIGCHECK_ACCURACY=record` writes the current table and
//!   totals into `ACCURACY.md` (do that after an improvement, and say so in
//!   the commit).
//!
//! The corpus's `README.md` specifies the gold format and the scoring.

mod gold;
mod redteam;
mod score;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use score::{ratio, Tally};

const HALVES: &[&str] = &["dev", "test"];

/// The corpus: `tests/corpus`, or another with the same layout named by
/// `FIGCHECK_CORPUS` (a newsroom's own stories, scored the same way).
fn corpus() -> PathBuf {
    std::env::var_os("FIGCHECK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"))
}

fn accuracy_md() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ACCURACY.md")
}

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_figcheck"))
}

#[test]
fn gold_files_are_consistent() {
    let (stories, problems) = gold::load(&corpus().join("news"), HALVES);
    assert!(
        problems.is_empty(),
        "gold problems:\n{}",
        problems.join("\n")
    );
    for half in HALVES {
        let in_half: Vec<_> = stories.iter().filter(|s| s.half == *half).collect();
        assert!(!in_half.is_empty(), "no stories in {half}");
    }
}

#[test]
fn locate_finds_the_nth_occurrence_on_the_line() {
    let text = "---\ndate: x\n---\n\nUp 5% to 5% of 50.\n";
    assert_eq!(gold::locate(text, 5, "5%", Some(2)), Ok(26..28));
    assert_eq!(gold::locate(text, 5, "50", None), Ok(32..34));
    assert!(gold::locate(text, 5, "5%", None).is_err());
    assert!(gold::locate(text, 5, "7%", None).is_err());
    assert!(gold::locate(text, 9, "5%", Some(1)).is_err());
}

#[test]
fn period_forms() {
    for ok in [
        "",
        "2024",
        "2024-Q3",
        "2024-H1",
        "2024-07",
        "2024-07-15",
        "FY2025",
        "FY2025-Q4",
    ] {
        assert!(gold::period_is_valid(ok), "{ok}");
    }
    for bad in [
        "24",
        "2024-Q5",
        "2024-13",
        "2024-02-30",
        "FY2025-07",
        "Q3 2024",
        "2024-H3",
    ] {
        assert!(!gold::period_is_valid(bad), "{bad}");
    }
}

/// One story's row in the table.
struct Row {
    half: String,
    name: String,
    domain: String,
    tally: Tally,
}

struct Results {
    rows: Vec<Row>,
    unexplained: Vec<String>,
    unexplained_warnings: Vec<String>,
    misread: Vec<String>,
    missed_agreements: Vec<String>,
    missed_conflicts: Vec<String>,
    redteam: redteam::RedTeam,
}

fn run_all() -> Results {
    let (stories, problems) = gold::load(&corpus().join("news"), HALVES);
    assert!(
        problems.is_empty(),
        "gold problems:\n{}",
        problems.join("\n")
    );
    // Stories run in parallel; results are kept in story order.
    let scored: Vec<score::Scored> = std::thread::scope(|scope| {
        let handles: Vec<_> = stories
            .iter()
            .map(|s| {
                scope.spawn(move || {
                    let out = score::run(binary(), &s.dir, &s.files);
                    score::score(s, &out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("scoring a story"))
            .collect()
    });
    let mut unexplained = Vec::new();
    let mut unexplained_warnings = Vec::new();
    let mut misread = Vec::new();
    let mut missed_agreements = Vec::new();
    let mut missed_conflicts = Vec::new();
    let mut rows = Vec::new();
    for (story, s) in stories.iter().zip(scored) {
        unexplained.extend(s.unexplained);
        unexplained_warnings.extend(s.unexplained_warnings);
        missed_agreements.extend(s.missed_agreements);
        missed_conflicts.extend(s.missed_conflicts);
        misread.extend(
            s.misread
                .into_iter()
                .map(|m| format!("{}/{}/{m}", story.half, story.name)),
        );
        rows.push(Row {
            half: story.half.clone(),
            name: story.name.clone(),
            domain: story.gold.domain.clone(),
            tally: s.tally,
        });
    }
    let redteam = redteam::score_all(binary(), &corpus().join("redteam"))
        .unwrap_or_else(|e| panic!("red-team cases: {e}"));
    Results {
        rows,
        unexplained,
        unexplained_warnings,
        misread,
        missed_agreements,
        missed_conflicts,
        redteam,
    }
}

/// A total recorded in the ratchet, and which way is better.
#[derive(Clone, Copy, PartialEq)]
enum Better {
    Higher,
    Lower,
}

/// The totals the ratchet holds, per half: name, value, which way is better.
fn totals(t: &Tally) -> Vec<(&'static str, u64, Better)> {
    use Better::*;
    let thousandths = |r: Option<f64>| (r.unwrap_or(0.0) * 1000.0).round() as u64;
    vec![
        ("figures_found", t.found as u64, Higher),
        ("value_right", t.value_right as u64, Higher),
        ("unit_right", t.unit_right as u64, Higher),
        ("period_right", t.period_right as u64, Higher),
        ("role_right", t.role_right as u64, Higher),
        ("extra_claims", t.extras as u64, Lower),
        (
            "grouping_precision_permille",
            thousandths(t.grouping_precision()),
            Higher,
        ),
        (
            "grouping_recall_permille",
            thousandths(t.grouping_recall()),
            Higher,
        ),
        ("conflicts_found", t.conflicts_found as u64, Higher),
        ("conflicts_flagged", t.conflicts_flagged as u64, Higher),
        ("traps_taken", t.traps_taken as u64, Lower),
        ("unexplained_errors", t.unexplained as u64, Lower),
        ("unexplained_warnings", t.unexplained_warnings as u64, Lower),
        (
            "agreement_pairs_found",
            t.agreement_pairs_found as u64,
            Higher,
        ),
        (
            "agreement_pairs_not_gold",
            t.agreement_pairs_not_gold as u64,
            Lower,
        ),
    ]
}

fn redteam_totals(r: &redteam::RedTeam) -> Vec<(&'static str, u64, Better)> {
    vec![
        ("planted_found", r.found as u64, Better::Higher),
        ("false_alarms", r.false_alarms as u64, Better::Lower),
    ]
}

fn by_half(rows: &[Row]) -> std::collections::BTreeMap<String, Tally> {
    score::sum_by(rows.iter().map(|r| (r.half.clone(), &r.tally)))
}

fn ratchet_lines(res: &Results) -> Vec<(String, String, u64, Better)> {
    let mut out = Vec::new();
    for (half, t) in by_half(&res.rows) {
        for (name, v, b) in totals(&t) {
            out.push((half.clone(), name.to_string(), v, b));
        }
    }
    for (name, v, b) in redteam_totals(&res.redteam) {
        out.push(("redteam".into(), name.to_string(), v, b));
    }
    out
}

fn pct(a: usize, b: usize) -> String {
    ratio(a, b).map_or("-".into(), |r| format!("{:.0}%", r * 100.0))
}

fn rate(r: Option<f64>) -> String {
    r.map_or("-".into(), |r| format!("{r:.2}"))
}

fn header() -> String {
    "| | articles | figures | read | value | unit | period | role | extra claims | grouping P | grouping R | conflicts found | flagged | traps taken | unexplained errors | unexplained warnings | agreement pairs found | agreements not in gold |\n\
     |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        .to_string()
}

fn table_row(label: &str, t: &Tally) -> String {
    format!(
        "| {label} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {}/{} | {} | {} | {}/{} | {} |\n",
        t.articles,
        t.figures,
        pct(t.found, t.figures),
        pct(t.value_right, t.figures),
        pct(t.unit_right, t.figures),
        pct(t.period_right, t.figures),
        pct(t.role_right, t.figures),
        t.extras,
        rate(t.grouping_precision()),
        rate(t.grouping_recall()),
        t.conflicts_found,
        t.conflicts,
        t.conflicts_flagged,
        t.traps_taken,
        t.traps,
        t.unexplained,
        t.unexplained_warnings,
        t.agreement_pairs_found,
        t.agreement_pairs,
        t.agreement_pairs_not_gold,
    )
}

/// The markdown tables: totals per half, per domain, per story, red team.
fn render(res: &Results) -> String {
    let mut s = String::new();
    s.push_str("### Totals\n\n");
    s.push_str(&header());
    let halves = by_half(&res.rows);
    let mut all = Tally::default();
    for (half, t) in &halves {
        s.push_str(&table_row(
            &format!("**{half}** ({} stories)", t.stories),
            t,
        ));
        all += t;
    }
    s.push_str(&table_row(
        &format!("**total** ({} stories)", all.stories),
        &all,
    ));
    let r = &res.redteam;
    let _ = write!(
        s,
        "\nRed team: {} cases, {}/{} planted errors found, false alarms: {}, cases clean: {}.\n",
        r.cases, r.found, r.planted, r.false_alarms, r.clean
    );
    for half in HALVES {
        let _ = write!(s, "\n### {half}: per domain\n\n");
        s.push_str(&header());
        let domains = score::sum_by(
            res.rows
                .iter()
                .filter(|r| r.half == *half)
                .map(|r| (r.domain.clone(), &r.tally)),
        );
        for (domain, t) in &domains {
            s.push_str(&table_row(domain, t));
        }
        let _ = write!(s, "\n### {half}: per story\n\n");
        s.push_str(&header());
        for row in res.rows.iter().filter(|r| r.half == *half) {
            s.push_str(&table_row(
                &format!("{} ({})", row.name, row.domain),
                &row.tally,
            ));
        }
    }
    s
}

fn ratchet_block(res: &Results) -> String {
    let mut s = String::from("```ratchet\n# half metric value better\n");
    for (half, name, v, b) in ratchet_lines(res) {
        let better = if b == Better::Higher {
            "higher"
        } else {
            "lower"
        };
        let _ = writeln!(s, "{half} {name} {v} {better}");
    }
    s.push_str("```\n");
    s
}

/// The recorded totals: (half, metric) → value.
fn recorded(md: &str) -> Vec<(String, String, u64)> {
    let Some(start) = md.find("```ratchet\n") else {
        return Vec::new();
    };
    let body = &md[start + "```ratchet\n".len()..];
    let end = body.find("```").unwrap_or(body.len());
    body[..end]
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((
                w.next()?.to_string(),
                w.next()?.to_string(),
                w.next()?.parse().ok()?,
            ))
        })
        .collect()
}

/// Replace the text between two marker lines of ACCURACY.md.
fn replace_between(md: &str, begin: &str, end: &str, with: &str) -> String {
    match (md.find(begin), md.find(end)) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{begin}\n{with}{}", &md[..a], &md[b..])
        }
        _ => panic!("ACCURACY.md lacks the markers {begin} … {end}"),
    }
}

#[test]
fn report() {
    let res = run_all();
    let mode = std::env::var("FIGCHECK_ACCURACY").unwrap_or_default();
    if mode == "missed" {
        // Dev only: the test half is read for totals, never for tuning.
        for (title, list) in [
            ("Missed conflicts", &res.missed_conflicts),
            ("Missed agreements", &res.missed_agreements),
        ] {
            println!("{title}:");
            for m in list.iter().filter(|m| m.starts_with("dev/")) {
                println!("{m}");
            }
        }
    }
    if mode == "table" || mode == "misread" {
        println!("{}", render(&res));
        println!("Unexplained errors ({}):", res.unexplained.len());
        for u in &res.unexplained {
            println!("  {u}");
        }
        println!(
            "\nUnexplained undated disagreements (FC207) ({}):",
            res.unexplained_warnings.len()
        );
        for u in &res.unexplained_warnings {
            println!("  {u}");
        }
        println!("\nRed team, cases not clean:");
        for n in &res.redteam.notes {
            println!("  {n}");
        }
        if mode == "misread" {
            println!("\nFigures read wrong ({}):", res.misread.len());
            for m in &res.misread {
                println!("  {m}");
            }
        }
    }
    let md = fs::read_to_string(accuracy_md()).unwrap_or_default();
    if mode == "record" {
        let md = replace_between(
            &md,
            "<!-- table:begin -->",
            "<!-- table:end -->",
            &format!("\n{}\n", render(&res)),
        );
        let md = replace_between(
            &md,
            "<!-- ratchet:begin -->",
            "<!-- ratchet:end -->",
            &format!("\n{}\n", ratchet_block(&res)),
        );
        fs::write(accuracy_md(), md).expect("writing ACCURACY.md");
        return;
    }
    let now = ratchet_lines(&res);
    let mut worse = Vec::new();
    for (half, name, was) in recorded(&md) {
        let Some((_, _, v, better)) = now.iter().find(|(h, n, _, _)| *h == half && *n == name)
        else {
            worse.push(format!("{half} {name}: recorded but no longer measured"));
            continue;
        };
        let regressed = match better {
            Better::Higher => *v < was,
            Better::Lower => *v > was,
        };
        if regressed {
            worse.push(format!("{half} {name}: {v}, recorded {was}"));
        }
    }
    assert!(
        !recorded(&md).is_empty(),
        "ACCURACY.md has no ratchet block; run with FIGCHECK_ACCURACY=record"
    );
    assert!(
        worse.is_empty(),
        "accuracy got worse than ACCURACY.md records:\n{}\n\nUnexplained errors:\n{}",
        worse.join("\n"),
        res.unexplained.join("\n")
    );
}
