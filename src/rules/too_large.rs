//! FC103 figure-too-large: a number figcheck cannot hold exactly.

use super::{Context, RuleInfo, Run};
use crate::findings::{Finding, Place, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC103",
    run: Run::Claims(check),
    name: "figure-too-large",
    severity: Severity::Warning,
    summary: "a number too large, or written too finely, to hold exactly: not checked",
    doc: r#"## What it does
Reports a number that figcheck cannot hold exactly, and so does not check:
more than 28 significant digits, a value of 10^25 or more once its scale
word is applied, or more than 12 decimal places.

## Why is this bad?
Such a figure is almost always a typo, a pasted identifier or a garbled
scrape, and every rule passes over it. Without this warning it would be
left out in silence.

## Example
```text
The national debt reached $99999999999999999999 trillion.
```
Use instead: the figure as published ("$34.6 trillion"); an identifier in a
code span (`` `123456789012345678901234567890` ``) is not read as a figure.
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    cx.corpus
        .dropped
        .iter()
        .map(|(doc, span)| {
            let text = &cx.corpus.docs[*doc].text[span.clone()];
            Finding {
                message: format!("{text} is too large to hold exactly: it is not checked"),
                help: Some("give the figure as published; put an identifier in a code span".into()),
                place: Some(Place {
                    doc: *doc,
                    span: span.clone(),
                    label: "not read".into(),
                }),
                ..Finding::of(&RULE)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_texts, corpus};

    #[test]
    fn a_number_past_decimal_range_is_reported_not_dropped() {
        let text = "The debt reached $99999999999999999999999999999999 trillion, \
                    and 123456789012345678901234567890123 people waited. Trade rose 5% in 2018.";
        let c = corpus(&[("a.md", "2019-06-05", text)]);
        let spans: Vec<&str> = c.dropped.iter().map(|(_, s)| &text[s.clone()]).collect();
        assert_eq!(
            spans,
            [
                "$99999999999999999999999999999999",
                "123456789012345678901234567890123"
            ]
        );
        // The rest of the sentence is still read.
        let texts: Vec<&str> = c.claims.iter().map(|c| c.text.as_str()).collect();
        assert!(texts.contains(&"5%"), "{texts:?}");
        let found = check_texts(&[("a.md", "2019-06-05", text)]);
        let messages: Vec<&str> = found
            .iter()
            .filter(|f| f.code == "FC103")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "$99999999999999999999999999999999 is too large to hold exactly: it is not checked",
                "123456789012345678901234567890123 is too large to hold exactly: it is not checked"
            ]
        );
    }

    #[test]
    fn ordinary_large_figures_are_read() {
        let c = corpus(&[(
            "a.md",
            "2019-06-05",
            "Global output reached $105 trillion, and 8,100,000,000 people live on Earth.",
        )]);
        assert!(c.dropped.is_empty());
    }
}
