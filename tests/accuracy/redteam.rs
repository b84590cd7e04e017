//! The red-team cases, scored as the shared evaluation scores its cases:
//! every planted error must be covered by one error finding, and an error
//! finding touching any line outside the case's flaggable lines is a false
//! alarm.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::score;

#[derive(Debug, Deserialize)]
struct Expect {
    errors: Vec<Planted>,
    #[serde(default)]
    allowed: Vec<(String, usize)>,
}

#[derive(Debug, Deserialize)]
struct Planted {
    lines: Vec<(String, usize)>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct RedTeam {
    pub cases: usize,
    pub planted: usize,
    pub found: usize,
    pub false_alarms: usize,
    /// Cases with every planted error found and no false alarm.
    pub clean: usize,
    pub notes: Vec<String>,
}

pub fn score_all(binary: &Path, root: &Path) -> Result<RedTeam, String> {
    let mut dirs: Vec<_> = fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = RedTeam::default();
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let raw = fs::read_to_string(dir.join("expect.json"))
            .map_err(|e| format!("{name}/expect.json: {e}"))?;
        let expect: Expect =
            serde_json::from_str(&raw).map_err(|e| format!("{name}/expect.json: {e}"))?;
        let mut files: Vec<String> = fs::read_dir(&dir)
            .map_err(|e| format!("{name}: {e}"))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|f| f.ends_with(".md"))
            .collect();
        files.sort();
        for (file, line) in expect
            .errors
            .iter()
            .flat_map(|e| &e.lines)
            .chain(&expect.allowed)
        {
            let text = fs::read_to_string(dir.join(file))
                .map_err(|e| format!("{name}/expect.json names {file}: {e}"))?;
            if *line == 0 || text.lines().count() < *line {
                return Err(format!("{name}/expect.json: {file} has no line {line}"));
            }
        }
        let run = score::run(binary, &dir, &files);
        let errors: Vec<(&score::FindingRecord, BTreeSet<(String, usize)>)> = run
            .findings
            .iter()
            .filter(|f| f.severity == "error")
            .map(|f| {
                (
                    f,
                    f.claims.iter().map(|c| (c.path.clone(), c.line)).collect(),
                )
            })
            .collect();
        let wanted: Vec<BTreeSet<(String, usize)>> = expect
            .errors
            .iter()
            .map(|e| e.lines.iter().cloned().collect())
            .collect();
        let flaggable: BTreeSet<(String, usize)> = wanted
            .iter()
            .flatten()
            .cloned()
            .chain(expect.allowed.iter().cloned())
            .collect();
        let found = wanted
            .iter()
            .filter(|w| errors.iter().any(|(_, got)| w.is_subset(got)))
            .count();
        let alarms: Vec<_> = errors
            .iter()
            .filter(|(_, got)| got.is_empty() || !got.is_subset(&flaggable))
            .collect();
        out.cases += 1;
        out.planted += wanted.len();
        out.found += found;
        out.false_alarms += alarms.len();
        if found == wanted.len() && alarms.is_empty() {
            out.clean += 1;
        } else {
            out.notes.push(format!(
                "redteam/{name}: found {found}/{}, false alarms {}",
                wanted.len(),
                alarms.len()
            ));
            for (f, got) in alarms {
                let lines: Vec<String> = got.iter().map(|(p, l)| format!("{p}:{l}")).collect();
                out.notes.push(format!(
                    "    false alarm {} [{}]: {}",
                    f.code,
                    lines.join(", "),
                    f.message
                ));
            }
        }
    }
    Ok(out)
}
