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
    // Every agreeing cluster of every group first: an unowned figure joins
    // its own group and each owned twin, so the same corroboration can be
    // found twice, once with an owner's figures and once without.
    let mut found: Vec<(&super::key::Key, Vec<usize>, Vec<usize>)> = Vec::new();
    for (key, members) in cx.loose_groups() {
        // A focused check seeks only what involves its document.
        if cx.outside_focus(members) {
            continue;
        }
        for cluster in clusters(cx, members) {
            // One passage per file, the first.
            let per_file = cx.first_per_file(cluster.iter().copied());
            if per_file.len() >= 2 {
                found.push((key, cluster, per_file));
            }
        }
    }
    let clusters: Vec<&[usize]> = found.iter().map(|(_, c, _)| c.as_slice()).collect();
    let kept = not_contained(&clusters);
    let mut out = Vec::new();
    for ((key, cluster, per_file), _) in found.into_iter().zip(kept).filter(|(_, k)| *k) {
        // At most a few files listed.
        let (files, claims, labels) = cx.listed(per_file);
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
    out
}

/// For each cluster (members sorted), whether no other cluster contains
/// it: of two equal ones the first is kept. Candidates are found through
/// the first member, so the cost follows the clusters sharing it, not all
/// pairs.
fn not_contained(clusters: &[&[usize]]) -> Vec<bool> {
    let mut by_member: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for (n, cluster) in clusters.iter().enumerate() {
        for &i in *cluster {
            by_member.entry(i).or_default().push(n);
        }
    }
    let contains =
        |big: &[usize], small: &[usize]| small.iter().all(|i| big.binary_search(i).is_ok());
    clusters
        .iter()
        .enumerate()
        .map(|(n, small)| {
            !by_member[&small[0]].iter().any(|&m| {
                let big = clusters[m];
                m != n && contains(big, small) && (big.len() > small.len() || m < n)
            })
        })
        .collect()
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

    #[test]
    fn unowned_figures_agreeing_with_an_owners_are_reported_once() {
        // b and c name no owner: they agree among themselves and, joined to
        // Kestrel's group, with a. One finding, not a second for b and c.
        let f = check_texts(&[
            (
                "a.md",
                "2024-02-01",
                "Kestrel's revenue was $5.2 billion in 2023.",
            ),
            ("b.md", "2024-02-02", "Revenue was $5.2 billion in 2023."),
            (
                "c.md",
                "2024-02-03",
                "Revenue reached $5.2 billion in 2023.",
            ),
        ]);
        let agree: Vec<_> = f.iter().filter(|f| f.code == "FC202").collect();
        assert_eq!(agree.len(), 1, "{agree:#?}");
        assert_eq!(
            agree[0].message,
            "revenue for 2023: 5,200,000,000 USD is corroborated by 3 files"
        );
    }
}
