//! FC401 weekday-mismatch: a weekday written beside a date it does not fall on.

use chrono::Datelike;

use super::{Context, RuleInfo, Run};
use crate::claim::{Kind, Period};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC401",
    run: Run::Claims(check),
    name: "weekday-mismatch",
    severity: Severity::Error,
    summary: "a weekday written with a full date that falls on another day",
    doc: r#"## What it does
Checks "Tuesday, June 5, 2019" against the calendar. A date written without
a year ("Tuesday, June 5") is placed in the year nearest the publication
date first.

## Why is this bad?
One of the two is wrong, and readers planning around it will be misled.

## Example
```text
Leaders follow on Wednesday, March 4, 2025.   (a Tuesday)
```
Use instead:
```text
Ministers will meet on Monday, March 3, 2025.
```
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        let (Kind::Date, Some(stated), Some(Period::Day(day))) =
            (c.kind, c.stated_weekday, c.period)
        else {
            continue;
        };
        if day.weekday() == stated {
            continue;
        }
        out.push(Finding {
            message: format!(
                "\"{}\": {} is a {}, not a {}",
                c.text,
                day.format("%B %-d, %Y"),
                day.format("%A"),
                weekday_name(stated)
            ),
            period: c.period,
            claims: vec![i],
            labels: vec![format!(
                "{} falls on a {}",
                day.format("%Y-%m-%d"),
                day.format("%A")
            )],
            help: Some("correct the weekday or the date".into()),
            ..Finding::of(&RULE)
        });
    }
    out
}

fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn messages(text: &str) -> Vec<String> {
        check_texts(&[("a.md", "2025-02-20", text)])
            .into_iter()
            .filter(|f| f.code == "FC401")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn wrong_weekday() {
        assert_eq!(
            messages("Leaders follow on Wednesday, March 4, 2025."),
            ["\"Wednesday, March 4, 2025\": March 4, 2025 is a Tuesday, not a Wednesday"]
        );
    }

    #[test]
    fn right_weekday_and_no_year() {
        assert!(messages("Ministers will meet on Monday, March 3, 2025.").is_empty());
        // Without a year: the publication year, 2025.
        assert!(messages("They meet on Monday, March 3.").is_empty());
        assert_eq!(messages("They meet on Tuesday, March 3.").len(), 1);
    }

    #[test]
    fn bare_weekday_is_never_a_mismatch() {
        assert!(messages("They met on Wednesday.").is_empty());
    }
}
