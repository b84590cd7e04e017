//! Rule selection and severity overrides, ruff-style: `--select FC3`
//! keeps the FC3xx rules, `--ignore FC202` drops one, `--severity
//! FC204=error` changes one's level, `off` drops it.

use std::collections::BTreeMap;

use crate::config::Level;
use crate::findings::Finding;
use crate::rules::codes;

/// Which findings to keep and at what severity.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Codes, code prefixes ("FC3") or rule names; empty keeps all.
    pub select: Vec<String>,
    /// Codes, code prefixes or rule names to drop, even when selected.
    pub ignore: Vec<String>,
    /// Code → level; later entries win.
    pub levels: BTreeMap<String, Level>,
}

/// Whether `code` is named by a selector: a code, a code prefix, or a name.
fn matches(selector: &str, code: &str) -> bool {
    let s = selector.trim();
    if code.len() >= s.len() && code[..s.len()].eq_ignore_ascii_case(s) {
        return true;
    }
    codes::find(s).is_some_and(|r| r.code == code)
}

/// A selector that names no rule is a mistake worth stopping for.
pub fn check_selector(selector: &str) -> Result<(), String> {
    let known = codes::RULES.iter().any(|r| matches(selector, r.code));
    if known {
        Ok(())
    } else {
        Err(format!("{selector:?} names no rule (see `figcheck rules`)"))
    }
}

impl Selection {
    /// Apply to findings: drop unselected and ignored ones, set levels.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| self.select.is_empty() || self.select.iter().any(|s| matches(s, f.code)))
            .filter(|f| !self.ignore.iter().any(|s| matches(s, f.code)))
            .filter_map(|mut f| match self.levels.get(f.code) {
                Some(level) => level.severity().map(|s| {
                    f.severity = s;
                    f
                }),
                None => Some(f),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Severity;

    fn finding(code: &'static str) -> Finding {
        Finding {
            code,
            rule: "x",
            severity: Severity::Warning,
            message: String::new(),
            measure: None,
            period: None,
            claims: vec![],
            labels: vec![],
            help: None,
            place: None,
            accepted: None,
            sides: vec![],
        }
    }

    #[test]
    fn prefixes_names_and_levels() {
        let all = || vec![finding("FC201"), finding("FC204"), finding("FC301")];
        let s = Selection {
            select: vec!["FC2".into()],
            ..Default::default()
        };
        assert_eq!(s.apply(all()).len(), 2);
        let s = Selection {
            ignore: vec!["possible-rounding".into()],
            ..Default::default()
        };
        assert_eq!(
            s.apply(all()).iter().map(|f| f.code).collect::<Vec<_>>(),
            ["FC201", "FC301"]
        );
        let s = Selection {
            levels: [
                ("FC204".to_string(), Level::Error),
                ("FC301".to_string(), Level::Off),
            ]
            .into(),
            ..Default::default()
        };
        let out = s.apply(all());
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].severity, Severity::Error);
    }

    #[test]
    fn unknown_selector() {
        assert!(check_selector("FC2").is_ok());
        assert!(check_selector("figure-conflict").is_ok());
        assert!(check_selector("XX9").is_err());
    }
}
