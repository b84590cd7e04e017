//! The one table of rule codes. Codes are stable and never reused:
//! FC0xx suppressions, FC1xx extraction and dates, FC2xx comparisons across sources, FC3xx
//! arithmetic recomputed, FC4xx calendar.

use crate::findings::Severity;

/// A rule as `figcheck rules` and `figcheck explain` show it.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub code: &'static str,
    /// Kebab-case; names the pattern flagged.
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// Markdown: what it does, why it matters, examples.
    pub doc: &'static str,
}

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
    super::target::RULE,
    super::change::RULE,
    super::growth_chain::RULE,
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

#[cfg(test)]
mod tests {
    use super::*;

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
