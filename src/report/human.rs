//! `--format human`: one miette diagnostic per finding, rustc-style, with a
//! label on every claim's words. Claims in other files are shown inside the
//! same block, each with its own file's source, so every passage involved
//! is shown where it is under one header.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::findings::{Finding, Severity, Summary};
use crate::source::Document;
use crate::Corpus;

/// A document as miette reads it: borrowed, not copied for every finding,
/// and cut to the words around each label when its lines are long (a page
/// scraped onto one line would otherwise be printed whole, every time).
#[derive(Debug, Clone, Copy)]
struct Excerpted<'a> {
    doc: Option<&'a Document>,
    /// Bytes of a long line shown either side of a label.
    side: usize,
}

impl SourceCode for Excerpted<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let Some(doc) = self.doc else {
            return Err(MietteError::OutOfBounds);
        };
        let text = doc.text.as_str();
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // As miette reads a string: the span alone without context, else
        // whole lines with the context lines around them.
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
        let from = if context_lines_before == 0 {
            start
        } else {
            let mut from = line_start(start);
            for _ in 0..context_lines_before {
                if from == 0 {
                    break;
                }
                from = line_start(from - 1);
            }
            from
        };
        let to = if context_lines_after == 0 {
            end
        } else {
            let mut to = end;
            for _ in 0..=context_lines_after {
                match text[to..].find('\n') {
                    Some(i) => to += i + 1,
                    None => {
                        to = text.len();
                        break;
                    }
                }
            }
            to
        };
        let window = crate::source::excerpt(text, from..to, start..end, self.side);
        let (line, column) = doc.line_col(window.start);
        let line_count = text[window.clone()].matches('\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            doc.path.clone(),
            &text.as_bytes()[window.clone()],
            SourceSpan::new(window.start.into(), window.len()),
            line - 1,
            column - 1,
            line_count,
        )))
    }
}

/// One finding's passages in one file.
#[derive(Debug)]
struct FileDiagnostic<'a> {
    code: Option<String>,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Excerpted<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<FileDiagnostic<'a>>,
}

impl fmt::Display for FileDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileDiagnostic<'_> {}

impl Diagnostic for FileDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Build the diagnostic for a finding: the first location's file is the
/// main one; every other file involved is a related diagnostic.
fn diagnostic<'a>(finding: &Finding, corpus: &'a Corpus, side: usize) -> FileDiagnostic<'a> {
    let locations = finding.locations(corpus);
    let mut files: Vec<usize> = Vec::new();
    for l in &locations {
        if !files.contains(&l.doc) {
            files.push(l.doc);
        }
    }
    let mut per_file: Vec<FileDiagnostic> = files
        .iter()
        .enumerate()
        .map(|(n, &doc)| {
            let labels = locations
                .iter()
                .enumerate()
                .filter(|(_, l)| l.doc == doc)
                .map(|(k, l)| {
                    let span = (l.span.start, l.span.len());
                    if k == 0 {
                        LabeledSpan::new_primary_with_span(Some(l.label.to_string()), span)
                    } else {
                        LabeledSpan::new_with_span(Some(l.label.to_string()), span)
                    }
                })
                .collect();
            let d = &corpus.docs[doc];
            FileDiagnostic {
                code: Some(finding.code.to_string()),
                message: if n == 0 {
                    format!("{}: {}", finding.rule, finding.message)
                } else {
                    format!("also in {}", d.path)
                },
                severity: miette_severity(finding.severity),
                help: if n == 0 {
                    match (&finding.help, &finding.accepted) {
                        (Some(h), Some(a)) => Some(format!("{h}\n{a}")),
                        (h, a) => h.clone().or_else(|| a.clone()),
                    }
                } else {
                    None
                },
                source: Excerpted { doc: Some(d), side },
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    if per_file.is_empty() {
        return FileDiagnostic {
            code: Some(finding.code.to_string()),
            message: format!("{}: {}", finding.rule, finding.message),
            severity: miette_severity(finding.severity),
            help: finding.help.clone(),
            source: Excerpted { doc: None, side },
            labels: Vec::new(),
            related: Vec::new(),
        };
    }
    let mut main = per_file.remove(0);
    main.related = per_file;
    main
}

/// The passages in other files are shown inside the finding's block, under
/// the flagged one: no code and no severity header of their own (miette
/// would head each related diagnostic "Error: FC201", so that three errors
/// across four files read as twelve), marked `↳` instead of `×`.
fn continuation_theme(theme: &GraphicalTheme) -> GraphicalTheme {
    let mut theme = theme.clone();
    for mark in [
        &mut theme.characters.error,
        &mut theme.characters.warning,
        &mut theme.characters.advice,
    ] {
        *mark = "↳".into();
    }
    theme
}

/// How the diagnostics look where they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Whether to colour the output with terminal escape codes.
    pub color: bool,
    /// Bytes of a long line shown either side of a figure.
    pub line_side: usize,
}

impl Look {
    /// For a file or a pipe: no colour, lines whole up to
    /// [`crate::source::LINE_SIDE`] bytes either side of a figure.
    pub fn plain() -> Look {
        Look {
            color: false,
            line_side: crate::source::LINE_SIDE,
        }
    }

    /// For a terminal: a long line cut to the words around each figure, so
    /// that a paragraph on one line does not fill the screen.
    pub fn terminal(color: bool) -> Look {
        Look {
            color,
            line_side: TERMINAL_SIDE,
        }
    }
}

/// Bytes either side of a figure on a terminal: with the gutter, about a
/// 100-column line.
pub const TERMINAL_SIDE: usize = 40;

/// Render findings and the summary line.
pub fn write(
    out: &mut dyn Write,
    findings: &[Finding],
    corpus: &Corpus,
    look: Look,
    summary: &Summary,
    with_summary: bool,
) -> io::Result<()> {
    let theme = if look.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = |theme: GraphicalTheme| {
        GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .with_context_lines(1)
    };
    let continuation = handler(continuation_theme(&theme));
    let handler = handler(theme);
    for f in findings {
        let mut diag = diagnostic(f, corpus, look.line_side);
        let others = std::mem::take(&mut diag.related);
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diag)
            .map_err(io::Error::other)?;
        for mut other in others {
            other.code = None;
            continuation
                .render_report(&mut rendered, &other)
                .map_err(io::Error::other)?;
        }
        writeln!(out, "{rendered}")?;
    }
    if with_summary {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

/// "figcheck: 5 files, 62 claims: 1 error, 0 warnings, 4 infos"
/// (plus ", 2 suppressed, 3 in baseline" when there are any).
pub fn summary_line(s: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "figcheck: {}, {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.claims, "claim"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
    );
    if s.suppressed > 0 {
        line.push_str(&format!(", {} suppressed", s.suppressed));
    }
    if s.baselined > 0 {
        line.push_str(&format!(", {} in baseline", s.baselined));
    }
    if s.dismissed > 0 {
        line.push_str(&format!(", {} dismissed in review", s.dismissed));
    }
    if s.skipped > 0 {
        line.push_str(&format!(", {} skipped", plural(s.skipped, "file")));
    }
    if s.dropped > 0 {
        line.push_str(&format!(
            ", {} too large to read",
            plural(s.dropped, "figure")
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::rules::{check, CheckOptions};
    use crate::testing::corpus;

    fn rendered(look: Look) -> String {
        let far = "Officials from both sides met again in the capital for talks that ran late into the evening.";
        let a = format!("{far} Trade between China and Russia reached $108 billion in 2018. {far}");
        let b = format!("{far} Trade between China and Russia reached $118 billion in 2018. {far}");
        let c = corpus(&[("a.md", "2019-06-06", &a), ("b.md", "2019-06-07", &b)]);
        let found = check(&c, &Lexicon::default_pack(), &CheckOptions::default());
        let summary = Summary::new(2, c.claims.len(), &found);
        let mut out = Vec::new();
        write(&mut out, &found, &c, look, &summary, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_terminal_shows_the_words_around_the_figure_a_pipe_the_line() {
        let terminal = rendered(Look::terminal(false));
        assert!(
            terminal.contains("China and Russia reached $118 billion in 2018."),
            "{terminal}"
        );
        assert!(!terminal.contains("late into the evening"), "{terminal}");
        let plain = rendered(Look::plain());
        assert!(plain.contains("late into the evening"), "{plain}");
        assert_eq!(terminal.matches("FC201").count(), 1);
        assert_eq!(terminal.matches("↳ also in a.md").count(), 1);
    }
}
