//! Inline suppressions: `<!-- figcheck-ignore FC201 -->` on a line, or on
//! the line before, silences findings with a figure on that line. Several
//! codes may be listed; none silences every rule. A suppression that
//! silences nothing is reported itself (FC001), so stale ones do not pile up.

use crate::findings::{Finding, Place, Severity};
use crate::rules::{RuleInfo, Run};
use crate::Corpus;

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC001",
    run: Run::Triage,
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "a figcheck-ignore comment that silences no finding",
    doc: r#"## What it does
Reports `<!-- figcheck-ignore CODE -->` comments that no longer silence
anything: the figure was corrected, moved, or the code is wrong.

## Why is this bad?
A stale suppression would silence a future, real finding on that line.

## Example
```markdown
<!-- figcheck-ignore FC201 -->
Trade reached $108 billion last year.      (no conflict here any more)
```
"#,
};

const MARKER: &str = "figcheck-ignore";

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Index of the document in the run.
    pub doc: usize,
    /// Byte range of the whole comment.
    pub span: std::ops::Range<usize>,
    /// 1-based line where the comment starts: it silences findings with a
    /// figure on this line or the next.
    pub line: usize,
    /// Codes named; empty means every rule.
    pub codes: Vec<String>,
    /// Closed with "-->". An unclosed one silences nothing and is reported.
    pub closed: bool,
}

/// Every suppression comment in the run's documents.
pub fn find(corpus: &Corpus) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (doc, d) in corpus.docs.iter().enumerate() {
        let text = &d.text;
        let mut from = 0;
        while let Some(i) = text[from..].find("<!--") {
            let start = from + i;
            // The close is looked for after the opening: in "<!-->" the
            // "-->" overlaps "<!--".
            let (end, closed) = match text[start + 4..].find("-->") {
                Some(close) => (start + 4 + close + 3, true),
                // Never closed: the comment is its line.
                None => (
                    text[start..].find('\n').map_or(text.len(), |i| start + i),
                    false,
                ),
            };
            let inner_end = if closed { end - 3 } else { end };
            let body = text[start + 4..inner_end].trim();
            if let Some(rest) = body.strip_prefix(MARKER) {
                let codes = rest
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.to_ascii_uppercase())
                    .collect();
                out.push(Suppression {
                    doc,
                    span: start..end,
                    line: d.line_col(start).0,
                    codes,
                    closed,
                });
            }
            if !closed {
                break;
            }
            from = end;
        }
    }
    out
}

/// Remove suppressed findings; returns the kept findings, how many were
/// silenced, and an FC001 finding for each suppression that silenced none.
pub fn apply(
    corpus: &Corpus,
    findings: Vec<Finding>,
    suppressions: &[Suppression],
) -> (Vec<Finding>, usize, Vec<Finding>) {
    let mut used = vec![false; suppressions.len()];
    let mut kept = Vec::new();
    let mut silenced = 0;
    for f in findings {
        let hit = suppressions.iter().enumerate().find(|(_, s)| {
            s.closed
                && (s.codes.is_empty() || s.codes.iter().any(|c| c == f.code))
                && f.locations(corpus)
                    .iter()
                    .any(|l| l.doc == s.doc && (l.line == s.line || l.line == s.line + 1))
        });
        match hit {
            Some((k, _)) => {
                used[k] = true;
                silenced += 1;
            }
            None => kept.push(f),
        }
    }
    let unused = suppressions
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(s, _)| Finding {
            message: if !s.closed {
                "this figcheck-ignore comment is never closed with `-->`: it silences nothing"
                    .to_string()
            } else if s.codes.is_empty() {
                "this figcheck-ignore silences no finding".to_string()
            } else {
                format!(
                    "this figcheck-ignore {} silences no finding",
                    s.codes.join(" ")
                )
            },
            help: Some(if s.closed {
                "remove the comment, or move it to the line of the figure".into()
            } else {
                "close the comment with `-->`".into()
            }),
            place: Some(Place {
                doc: s.doc,
                span: s.span.clone(),
                label: "unused suppression".into(),
            }),
            ..Finding::of(&RULE)
        })
        .collect();
    (kept, silenced, unused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    fn run(a: &str) -> (Vec<Finding>, usize, Vec<Finding>) {
        let c = corpus(&[
            ("a.md", "2024-01-25", a),
            (
                "b.md",
                "2024-02-02",
                "Exporters' sales to the US climbed to ¥23.0 trillion in 2023.",
            ),
        ]);
        let f = check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let s = find(&c);
        apply(
            &c,
            f.into_iter().filter(|f| f.code == "FC201").collect(),
            &s,
        )
    }

    #[test]
    fn comment_on_line_before_silences() {
        let (kept, n, unused) = run("<!-- figcheck-ignore FC201 -->\nExports to the United States rose to ¥20.3 trillion last year.");
        assert_eq!((kept.len(), n, unused.len()), (0, 1, 0));
    }

    /// Found by fuzzing: the "-->" of "<!-->" overlaps its opening.
    #[test]
    fn a_close_overlapping_the_opening_is_not_a_close() {
        let c = crate::testing::corpus(&[(
            "a.md",
            "2024-01-25",
            "<!-->\n<!--->\nText <!-- figcheck-ignore FC201 -->",
        )]);
        let found: Vec<(std::ops::Range<usize>, bool)> =
            find(&c).into_iter().map(|s| (s.span, s.closed)).collect();
        // "<!-->\n<!--->" is one comment; the suppression after it is found.
        assert_eq!(found, [(18..48, true)]);
        let c = crate::testing::corpus(&[("a.md", "2024-01-25", "<!--> figcheck-ignore -->")]);
        let found: Vec<(std::ops::Range<usize>, bool)> =
            find(&c).into_iter().map(|s| (s.span, s.closed)).collect();
        // As in HTML, "<!-->" is a whole (empty) comment: the words after
        // it are not a suppression.
        assert_eq!(found, []);
    }

    #[test]
    fn comment_on_same_line_silences() {
        let (kept, n, _) = run("Exports to the United States rose to ¥20.3 trillion last year. <!-- figcheck-ignore -->");
        assert_eq!((kept.len(), n), (0, 1));
    }

    #[test]
    fn an_unclosed_comment_silences_nothing_and_is_reported() {
        let (kept, n, unused) = run("<!-- figcheck-ignore FC201\nExports to the United States rose to ¥20.3 trillion last year.");
        assert_eq!((kept.len(), n, unused.len()), (1, 0, 1));
        assert_eq!(
            unused[0].message,
            "this figcheck-ignore comment is never closed with `-->`: it silences nothing"
        );
    }

    #[test]
    fn wrong_code_does_not_silence_and_is_reported() {
        let (kept, n, unused) = run("<!-- figcheck-ignore FC301 -->\nExports to the United States rose to ¥20.3 trillion last year.");
        assert_eq!((kept.len(), n, unused.len()), (1, 0, 1));
        assert_eq!(
            unused[0].message,
            "this figcheck-ignore FC301 silences no finding"
        );
    }
}
