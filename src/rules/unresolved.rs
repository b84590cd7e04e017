//! FC101 unresolved-date: a relative date that could not be placed.

use super::{Context, RuleInfo, Run};
use crate::claim::Kind;
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC101",
    run: Run::Claims(check),
    name: "unresolved-date",
    severity: Severity::Info,
    summary:
        "a relative date (\"last year\", \"on Wednesday\") with no publication date to place it",
    doc: r#"## What it does
Reports each relative time expression in a file that has no publication
date: no `date` in the front matter, no dateline, no `--date`. Figures tied
to it have no period and are compared only with other figures without one.

## Why is this bad?
"Last year" in a 2019 article is 2018; in a 2024 article it is 2023. figcheck
never guesses.

## Example
```text
Trade rose to $108 billion last year.      (no date anywhere)
```
Use instead: add `date: 2019-05-28` to the front matter, or pass
`--date article.md=2019-05-28`.
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    cx.corpus
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::Date && c.unresolved.is_some())
        .map(|(i, c)| {
            let needs_date = c.unresolved.as_deref() == Some(crate::read::time::NEEDS_DATE);
            // "February 30" in a dated file is no date at all; only a time
            // relative to the publication date lacks one.
            let (message, label, help) = if needs_date {
                (
                    format!(
                        "\"{}\" cannot be placed in time: {} has no publication date",
                        c.text,
                        cx.path(i)
                    ),
                    "relative to an unknown date".to_string(),
                    format!(
                        "add `date: YYYY-MM-DD` to the front matter of {0}, or pass --date {0}=YYYY-MM-DD",
                        cx.path(i)
                    ),
                )
            } else {
                let why = c.unresolved.as_deref().unwrap_or_default().to_string();
                (
                    format!("\"{}\" cannot be placed in time: {why}", c.text),
                    why,
                    "check the date as written".to_string(),
                )
            };
            Finding {
                message,
                claims: vec![i],
                labels: vec![label],
                help: Some(help),
                ..Finding::of(&RULE)
            }
        })
        .collect()
}

#[cfg(test)]
mod invalid_dates {
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    #[test]
    fn a_day_not_in_the_calendar_is_not_a_missing_publication_date() {
        let c = corpus(&[(
            "a.md",
            "2019-03-01",
            "On Tuesday, February 30, 2019, trade rose 5%.",
        )]);
        let f = check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let fc101: Vec<&str> = f
            .iter()
            .filter(|f| f.code == "FC101")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            fc101,
            vec![
                "\"Tuesday, February 30, 2019\" cannot be placed in time: not a real calendar date"
            ]
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
    use crate::read::Bands;
    use crate::rules::{check, CheckOptions};
    use crate::source::Document;
    use crate::Corpus;

    #[test]
    fn relative_date_without_publication_date() {
        let doc = Document::from_text("a.md", "Trade rose to $108 billion last year.".into(), None)
            .unwrap();
        let lex = Lexicon::default_pack();
        let corpus = Corpus::from_documents(vec![doc], &lex, &Bands::default());
        let f = check(&corpus, &lex, &CheckOptions::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "FC101");
        assert_eq!(
            f[0].message,
            "\"last year\" cannot be placed in time: a.md has no publication date"
        );
        // The money figure itself has no period: it was never guessed.
        assert!(corpus.claims.iter().all(|c| c.period.is_none()));
    }
}
