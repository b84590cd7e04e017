//! FC102 missing-date: with `date = "required"` in the config, a file with
//! no publication date at all.

use super::{Context, RuleInfo, Run};
use crate::findings::{Finding, Place, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC102",
    run: Run::Claims(check),
    name: "missing-date",
    severity: Severity::Error,
    summary: "with date = \"required\": a file with no publication date",
    doc: r#"## What it does
When the configuration says `date = "required"`, reports every file that
has no publication date in its front matter, its dateline or `--date`.

## Why is this bad?
Without a date, "last year" and "on Wednesday" cannot be placed, and the
file's figures cannot be compared with other years'.

## Example
```markdown
Trade rose to $108 billion last year.
```
Use instead:
```markdown
---
date: 2019-05-28
---
Trade rose to $108 billion last year.
```
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    if !cx.options.require_dates {
        return Vec::new();
    }
    cx.corpus
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.date.is_none())
        .map(|(doc, d)| {
            let first_line = d.text.find('\n').unwrap_or(d.text.len());
            Finding {
                message: format!("{} has no publication date", d.path),
                help: Some("add `date: YYYY-MM-DD` to the front matter".into()),
                place: Some(Place {
                    doc,
                    span: 0..first_line,
                    label: "no date in front matter or dateline".into(),
                }),
                ..Finding::of(&RULE)
            }
        })
        .collect()
}
