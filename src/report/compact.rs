//! `--format compact`: one `path:line:col: CODE message` line per finding,
//! for editors and grep.

use std::io::{self, Write};

use crate::findings::Finding;
use crate::Corpus;

pub(crate) fn write(out: &mut dyn Write, findings: &[Finding], corpus: &Corpus) -> io::Result<()> {
    for f in findings {
        let locations = f.locations(corpus);
        match locations.first() {
            Some(l) => writeln!(
                out,
                "{}:{}:{}: {} {}",
                l.path, l.line, l.column, f.code, f.message
            )?,
            None => writeln!(out, "-: {} {}", f.code, f.message)?,
        }
    }
    Ok(())
}
