//! FC202 figure-agreement: the same figure corroborated by several files.

use super::conflict::clusters;
use super::{Context, RuleInfo, Run};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC202",
    run: Run::Claims(check),
    name: "figure-agreement",
    severity: Severity::Info,
    summary: "a figure corroborated by two or more files",
    doc: r#"## What it does
Reports figures for the same thing, role and period that two or more files
state consistently (within their precision and qualifiers), listing the
passage in every file.

## Why is this bad?
It is not: it is the evidence a fact-checker wants before publishing.

## Example
```text
a.md (2019-05-28): Bilateral trade hit $108 billion last year.
b.md: Total trade jumped 24.5% in 2018 to a record $108 billion.
```
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, members) in cx.loose_groups() {
        // A focused check seeks only what involves its document.
        if cx.outside_focus(members) {
            continue;
        }
        for cluster in clusters(cx, members) {
            // One passage per file, the first; at most a few files listed.
            let claims = cx.first_per_file(cluster.iter().copied());
            if claims.len() < 2 {
                continue;
            }
            let (files, claims, labels) = cx.listed(claims);
            let first = cx.claim(claims[0]);
            out.push(Finding {
                message: format!(
                    "{}: {} is corroborated by {} files",
                    key.describe(),
                    first.describe_value(),
                    files
                ),
                measure: Some(key.measure.to_string()),
                period: key.period,
                labels,
                claims,
                sides: vec![cluster],
                ..Finding::of(&RULE)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    #[test]
    fn same_figure_in_three_files() {
        let f = check_texts(&[
            (
                "a.md",
                "2019-05-28",
                "Bilateral trade hit $108 billion last year.",
            ),
            (
                "b.md",
                "2019-05-29",
                "Trade last year rose by 24.5 per cent to a record high of US$108 billion.",
            ),
            (
                "c.md",
                "2019-06-09",
                "Total trade jumped 24.5% in 2018 to a record $108 billion.",
            ),
        ]);
        let agree: Vec<_> = f.iter().filter(|f| f.code == "FC202").collect();
        assert_eq!(agree.len(), 2, "{agree:#?}");
        assert_eq!(agree[0].claims.len(), 3);
        assert_eq!(
            agree[0].message,
            "trade for 2018: 108,000,000,000 USD is corroborated by 3 files"
        );
        assert_eq!(
            agree[1].message,
            "trade change for 2018: +24.5% is corroborated by 2 files"
        );
    }
}
