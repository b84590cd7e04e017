//! FC203 unsupported-figure: a figure in the draft that no source states.

use super::{Context, RuleInfo, Run};
use crate::claim::Kind;
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC203",
    run: Run::Claims(check),
    name: "unsupported-figure",
    severity: Severity::Warning,
    summary: "with --against: a figure in the checked draft that no source states",
    doc: r#"## What it does
With `figcheck check DRAFT --against SOURCES`, reports every figure of the
draft for which no source states a figure of the same measure, role, period
and unit. A source that contradicts the draft is reported by FC201 instead.
When a source gives the same number for something figcheck read as another
measure, the finding drops to info and names that passage.

## Why is this bad?
A figure nobody can trace back is the first thing a fact-checker asks about.

## Example
```text
draft.md:   Russia supplied 15% of China's crude imports in 2018.
sources:    (no figure for crude imports in 2018)
```
"#,
};

use std::collections::HashMap;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    if cx.options.drafts.is_empty() {
        return Vec::new();
    }
    let is_draft = |i: usize| cx.options.drafts.contains(&cx.claim(i).doc);
    // A draft figure a source corroborates (FC202's wider groups: the same
    // number for the same head measure) is supported.
    let mut corroborated = std::collections::BTreeSet::new();
    for members in cx.loose_groups().values() {
        for &i in members.iter().filter(|&&i| is_draft(i)) {
            let c = cx.claim(i);
            if members
                .iter()
                .any(|&j| !is_draft(j) && cx.claim(j).interval.overlaps(&c.interval))
            {
                corroborated.insert(i);
            }
        }
    }
    // The sources' figures by kind and unit, in corpus order: looked
    // through for a lookalike only when some draft figure is unsupported.
    let mut sources_by_unit = None;
    let mut out = Vec::new();
    for (key, members) in &cx.groups {
        if members.iter().any(|&i| !is_draft(i)) {
            continue;
        }
        for &i in members {
            if corroborated.contains(&i) {
                continue;
            }
            let c = cx.claim(i);
            // A source with the same number for something else: maybe the
            // measure was read differently.
            let lookalike = if c.kind == Kind::Date {
                None
            } else {
                sources_by_unit
                    .get_or_insert_with(|| {
                        let mut by_unit: HashMap<(Kind, Option<&str>), Vec<usize>> = HashMap::new();
                        for (j, s) in cx.corpus.claims.iter().enumerate() {
                            if !is_draft(j) && s.kind != Kind::Date {
                                by_unit
                                    .entry((s.kind, s.unit.as_deref()))
                                    .or_default()
                                    .push(j);
                            }
                        }
                        by_unit
                    })
                    .get(&(c.kind, c.unit.as_deref()))
                    .and_then(|js| {
                        js.iter()
                            .copied()
                            .find(|&j| cx.claim(j).interval.overlaps(&c.interval))
                    })
            };
            let (severity, help) = match lookalike {
                Some(j) => (
                    Severity::Info,
                    format!(
                        "{} gives the same figure for {}: check that it is the same thing",
                        cx.path(j),
                        cx.claim(j)
                            .measure
                            .as_ref()
                            .map_or("an unnamed measure".to_string(), ToString::to_string)
                    ),
                ),
                None => (
                    RULE.severity,
                    "cite a source for it, or add the source to --against".to_string(),
                ),
            };
            let mut claims = vec![i];
            claims.extend(lookalike);
            out.push(Finding {
                severity,
                message: format!("{}: {} is stated by no source", key.describe(), c.text),
                measure: Some(key.measure.to_string()),
                period: key.period,
                labels: claims
                    .iter()
                    .map(|&k| Finding::normalised(cx.claim(k)))
                    .collect(),
                claims,
                help: Some(help),
                ..Finding::of(&RULE)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    #[test]
    fn draft_figure_without_source() {
        let c = corpus(&[
            ("draft.md", "2019-06-10", "Russia supplied 15% of China's crude imports in 2018. Trade hit $108 billion in 2018."),
            ("src.md", "2019-06-01", "Trade reached $108 billion last year."),
        ]);
        let opts = CheckOptions {
            drafts: [0].into_iter().collect(),
            ..CheckOptions::default()
        };
        let f = check(&c, &Lexicon::default_pack(), &opts);
        let unsupported: Vec<_> = f.iter().filter(|f| f.code == "FC203").collect();
        assert_eq!(unsupported.len(), 1, "{f:#?}");
        assert_eq!(unsupported[0].severity, crate::findings::Severity::Warning);
        assert!(
            unsupported[0]
                .message
                .ends_with("15% is stated by no source"),
            "{}",
            unsupported[0].message
        );
    }
}
