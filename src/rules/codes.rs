//! The one table of rule codes. Codes are stable and never reused:
//! FC0xx suppressions, FC1xx extraction and dates, FC2xx comparisons across sources, FC3xx
//! arithmetic recomputed, FC4xx calendar.

use crate::findings::{Finding, Severity};

/// How a rule's findings are made. Every rule says, so that one table
/// ([`RULES`]) gives codes, documentation and dispatch, and a rule listed
/// but never run cannot happen.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Run {
    /// This function reads the claims and makes the rule's findings; the
    /// rules run in parallel, collected in table order.
    Claims(fn(&super::Context) -> Vec<Finding>),
    /// Made by the `Claims` function of another code ("FC201" makes FC204,
    /// FC205 and FC207: one comparison decides which).
    By(&'static str),
    /// Run after the others, in table order, seeing their findings (FC208
    /// reports only what FC202 has not, FC210 only what no error has).
    After(fn(&super::Context, &[Finding]) -> Vec<Finding>),
    /// Made by triage, after the rules (suppressions, stale decisions).
    Triage,
}

/// A rule as `figcheck rules` and `figcheck explain` show it, and how it runs.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// The stable code: "FC201".
    pub code: &'static str,
    /// How its findings are made.
    pub(crate) run: Run,
    /// Kebab-case; names the pattern flagged.
    pub name: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// Markdown: what it does, why it matters, examples.
    pub doc: &'static str,
}

/// Every rule: its code, documentation and how it runs, in the order
/// `figcheck rules` lists them.
pub const RULES: &[RuleInfo] = &[
    crate::triage::suppress::RULE,
    crate::triage::decisions::STALE_RULE,
    super::unresolved::RULE,
    super::missing_date::RULE,
    super::too_large::RULE,
    super::conflict::RULE,
    super::agreement::RULE,
    super::unsupported::RULE,
    super::conflict::ROUNDING_RULE,
    super::conflict::REVISION_RULE,
    super::conflict::UNDATED_RULE,
    super::repeated::RULE,
    super::typo::RULE,
    super::floor::RULE,
    super::target::RULE,
    super::change::RULE,
    super::growth_chain::RULE,
    super::compound::RULE,
    super::share::RULE,
    super::sum::RULE,
    super::weekday::RULE,
    super::duration::RULE,
    super::duration::END_RULE,
];

/// Look a rule up by code ("FC201") or name ("figure-conflict").
pub fn find(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The functions that read the claims, in table order.
pub(crate) fn claim_rules() -> impl Iterator<Item = fn(&super::Context) -> Vec<Finding>> {
    RULES.iter().filter_map(|r| match r.run {
        Run::Claims(f) => Some(f),
        _ => None,
    })
}

/// The functions that run after the others, in table order.
pub(crate) fn after_rules() -> impl Iterator<Item = fn(&super::Context, &[Finding]) -> Vec<Finding>>
{
    RULES.iter().filter_map(|r| match r.run {
        Run::After(f) => Some(f),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_made_by_another_names_one_that_runs() {
        for r in RULES {
            if let Run::By(code) = r.run {
                let maker = find(code).unwrap_or_else(|| panic!("{} names {code}", r.code));
                assert!(
                    matches!(maker.run, Run::Claims(_)),
                    "{} names {code}",
                    r.code
                );
            }
        }
        assert_eq!(claim_rules().count(), 15);
        assert_eq!(after_rules().count(), 2);
    }

    #[test]
    fn codes_are_unique_and_documented() {
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
        for r in RULES {
            assert!(r.doc.contains("## What it does"), "{} lacks docs", r.code);
            assert!(r.doc.contains("## Example"), "{} lacks an example", r.code);
        }
    }
}
