//! FC206 target-vs-actual: a target for a period beside the actual figure
//! for that period. Reported as information, never as a conflict: a
//! target is not contradicted by a different outcome.

use super::{Context, RuleInfo, Run};
use crate::claim::{grouped, plain, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC206",
    run: Run::Claims(check),
    name: "target-vs-actual",
    severity: Severity::Info,
    summary: "a target for a period, and the actual figure for that period: met or missed",
    doc: r#"## What it does
Pairs a target ("a target of $200 billion by 2020", "aims to install 50
gigawatts by 2025") with the actual figure for the same measure, period and
unit in any file, and reports whether it was met.

## Why is this bad?
It is not an error: it is context a story may want ("short of the goal").

## Example
```text
a.md: The government aims to install 50 gigawatts of solar capacity by 2025.
b.md: Installed solar capacity reached 38 gigawatts in 2025.
```
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, targets) in &cx.groups {
        if key.role != Role::Target || key.period.is_none() {
            continue;
        }
        let mut actual_key = key.clone();
        actual_key.role = Role::Actual;
        let Some(actuals) = cx.groups.get(&actual_key) else {
            continue;
        };
        let (t, a) = (cx.claim(targets[0]), cx.claim(actuals[0]));
        // The gap in the figures' own unit: "missed by 12,000,000,000 W".
        let gap = |d: rust_decimal::Decimal| match t.unit.as_deref() {
            Some("%") => format!("{}%", plain(d)),
            Some("pp") => format!("{} pp", plain(d)),
            Some(u) => format!("{} {u}", grouped(d)),
            None => grouped(d),
        };
        let verdict = if a.interval.overlaps(&t.interval) {
            "met".to_string()
        } else if a.value < t.value {
            format!("missed by {}", gap(t.value - a.value))
        } else {
            format!("exceeded by {}", gap(a.value - t.value))
        };
        let mut claims = targets.clone();
        claims.extend(actuals.iter().copied());
        out.push(Finding {
            message: format!(
                "{}: target {} ({}), actual {} ({}): {verdict}",
                key.describe(),
                t.text,
                cx.path(targets[0]),
                a.text,
                cx.path(actuals[0]),
            ),
            measure: Some(key.measure.to_string()),
            period: key.period,
            labels: claims
                .iter()
                .map(|&i| {
                    let c = cx.claim(i);
                    let what = if c.role == Role::Target {
                        "target"
                    } else {
                        "actual"
                    };
                    format!("{what}: {}", Finding::normalised(c))
                })
                .collect(),
            claims,
            ..Finding::of(&RULE)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::findings::Severity;
    use crate::testing::check_texts;

    #[test]
    fn met_target_within_rounding() {
        // "about 50" is 45–55: a 49.6 GW outturn meets it.
        let f = check_texts(&[
            (
                "a.md",
                "2015-09-01",
                "The government aims to install about 50 gigawatts of solar capacity by 2025.",
            ),
            (
                "b.md",
                "2026-01-20",
                "Installed solar capacity reached 49.6 gigawatts in 2025.",
            ),
        ]);
        let t: Vec<_> = f.iter().filter(|f| f.code == "FC206").collect();
        assert_eq!(t.len(), 1, "{f:#?}");
        assert!(t[0].message.ends_with(": met"), "{}", t[0].message);
    }

    #[test]
    fn target_without_actual_is_not_reported() {
        let f = check_texts(&[(
            "a.md",
            "2019-05-28",
            "This fell short of the target of $200 billion by 2020.",
        )]);
        assert!(
            f.iter()
                .all(|f| f.code != "FC206" && f.severity == Severity::Info),
            "{f:#?}"
        );
    }

    #[test]
    fn missed_target_is_information() {
        let f = check_texts(&[
            (
                "a.md",
                "2015-09-01",
                "The government aims to install 50 gigawatts of solar capacity by 2025.",
            ),
            (
                "b.md",
                "2026-01-20",
                "Installed solar capacity reached 38 gigawatts in 2025, short of the goal.",
            ),
        ]);
        assert!(f.iter().all(|f| f.severity != Severity::Error), "{f:#?}");
        let t: Vec<_> = f.iter().filter(|f| f.code == "FC206").collect();
        assert_eq!(t.len(), 1, "{f:#?}");
        assert!(
            t[0].message.ends_with("missed by 12,000,000,000 W"),
            "{}",
            t[0].message
        );
    }
}
