//! `--format github`: GitHub Actions workflow commands, which show as
//! annotations on the pull request's files.
//! `::error file=a.md,line=6,col=55,title=FC201 figure-conflict::message`

use std::io::{self, Write};

use crate::findings::{Finding, Severity};
use crate::Corpus;

/// Escape a message (data) as the workflow command format requires.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: data escapes plus ':' and ','.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(crate) fn write(out: &mut dyn Write, findings: &[Finding], corpus: &Corpus) -> io::Result<()> {
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = escape_property(&format!("{} {}", f.code, f.rule));
        match f.locations(corpus).first() {
            Some(l) => writeln!(
                out,
                "::{command} file={},line={},col={},title={title}::{}",
                escape_property(l.path),
                l.line,
                l.column,
                escape_data(&f.message)
            )?,
            None => writeln!(
                out,
                "::{command} title={title}::{}",
                escape_data(&f.message)
            )?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
