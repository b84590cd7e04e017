//! Properties that must hold on any input, checked by the fuzz targets
//! (`fuzz/`, cargo-fuzz on a nightly toolchain) and by the stable harness
//! (`tests/fuzz.rs`) alike.
//!
//! Every target takes arbitrary bytes and returns `Err` with a description
//! when a property fails; a panic is a failure too. The properties:
//! - a parser that accepts input leaves a suffix of it, at a character
//!   boundary;
//! - a claim's span, and its sentence, lie inside the text at character
//!   boundaries, and its words are the text there;
//! - a claim's value lies in the closure of its interval ("more than 30"
//!   is the open (30, ∞) with the value 30);
//! - the same input gives the same output, byte for byte.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::extract::{date, money, number, percent, quantity};
use crate::lexicon::Lexicon;
use crate::read::Bands;
use crate::source::Document;
use crate::Corpus;

/// What a fuzz target exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The number parser: digits, number words, fractions.
    Number,
    /// The currency parsers, before and after a number.
    Money,
    /// The percent-unit parser.
    Percent,
    /// The date parsers, and placing what they read against a publication
    /// date taken from the input's first four bytes.
    Date,
    /// The quantity parser, with and without the range contexts.
    Quantity,
    /// Front matter: where the body starts lies inside the text, at a
    /// character boundary.
    FrontMatter,
    /// Inline suppression comments: their spans lie inside the text.
    Suppress,
    /// Extraction: claims lie inside the text, their values inside their
    /// intervals, and the same input gives the same claims.
    Claims,
    /// The whole check: the same input gives the same JSON report.
    Check,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 9] = [
        Target::Number,
        Target::Money,
        Target::Percent,
        Target::Date,
        Target::Quantity,
        Target::FrontMatter,
        Target::Suppress,
        Target::Claims,
        Target::Check,
    ];

    /// The name of its folder in `fuzz/corpus/` and of its cargo-fuzz target.
    pub fn name(self) -> &'static str {
        match self {
            Target::Number => "number",
            Target::Money => "money",
            Target::Percent => "percent",
            Target::Date => "date",
            Target::Quantity => "quantity",
            Target::FrontMatter => "front_matter",
            Target::Suppress => "suppress",
            Target::Claims => "claims",
            Target::Check => "check",
        }
    }

    /// Check the target's properties on one input.
    pub fn run(self, data: &[u8]) -> Result<(), String> {
        match self {
            Target::Number => parsers(data, |s| rest_of(s, number::number(s))),
            Target::Money => parsers(data, |s| {
                let cur = lexicon().currencies();
                rest_of(s, money::prefix(cur, s))?;
                rest_of(s, money::suffix(cur, s))
            }),
            Target::Percent => parsers(data, |s| rest_of(s, percent::unit(s))),
            Target::Date => dates(data),
            Target::Quantity => parsers(data, |s| {
                for ctx in [
                    quantity::RangeContext::default(),
                    quantity::RangeContext {
                        after_between: true,
                        no_to: false,
                        close_to: true,
                    },
                ] {
                    rest_of(s, quantity::quantity(s, ctx, lexicon()))?;
                }
                Ok(())
            }),
            Target::FrontMatter => front_matter(data),
            Target::Suppress => suppress(data),
            Target::Claims => claims(data),
            Target::Check => check(data),
        }
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::default_pack)
}

/// Run a parser at every character boundary of the first 64 (parsers look
/// at what follows them; later starts add little but time).
fn parsers(data: &[u8], parse: impl Fn(&str) -> Result<(), String>) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    for (at, _) in text.char_indices().take(64) {
        parse(&text[at..])?;
    }
    Ok(())
}

/// A parser's rest must be a suffix of its input.
fn rest_of<T>(input: &str, result: nom::IResult<&str, T>) -> Result<(), String> {
    if let Ok((rest, _)) = result {
        let consumed = input.len().checked_sub(rest.len());
        let suffix = consumed.is_some_and(|n| input.is_char_boundary(n) && &input[n..] == rest);
        if !suffix {
            return Err(format!("parser left {rest:?}, not a suffix of {input:?}"));
        }
    }
    Ok(())
}

/// A publication date from the input's first bytes, across the whole range
/// chrono allows: the far ends are where date arithmetic overflows.
fn date_from(data: &[u8]) -> Option<NaiveDate> {
    // Four bytes scaled onto the range: 00 00 00 00 is chrono's first day,
    // FF FF FF FF its last.
    let n = data
        .iter()
        .take(4)
        .fold(0i128, |acc, &b| acc * 256 + i128::from(b));
    let span = i128::from(NaiveDate::MAX.num_days_from_ce() - NaiveDate::MIN.num_days_from_ce());
    let offset = i32::try_from(n * span / 0xFFFF_FFFF).ok()?;
    NaiveDate::from_num_days_from_ce_opt(NaiveDate::MIN.num_days_from_ce() + offset)
}

fn dates(data: &[u8]) -> Result<(), String> {
    let published = date_from(data);
    parsers(data.get(4..).unwrap_or_default(), |s| {
        rest_of(s, date::numeric_date(s))?;
        rest_of(s, date::full_date(s))?;
        if let Ok((rest, expr)) = date::date_expr(s) {
            rest_of(s, Ok::<_, nom::Err<nom::error::Error<&str>>>((rest, ())))?;
            for future in [false, true] {
                let _ = date::resolve(expr, published, future);
                let _ = date::resolve(expr, None, future);
            }
        }
        Ok(())
    })
}

fn front_matter(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    if let Ok((_, body)) = crate::source::front_matter::parse("fuzz.md", &text) {
        if body > text.len() || !text.is_char_boundary(body) {
            return Err(format!(
                "body starts at {body}, outside the text or inside a character"
            ));
        }
    }
    Ok(())
}

/// Documents from the input: split at the first 0xFF byte (never in UTF-8)
/// into two files, dated by their front matter or dateline if at all.
fn corpus(data: &[u8]) -> Corpus {
    let mut docs = Vec::new();
    for (i, part) in data.splitn(2, |&b| b == 0xFF).enumerate() {
        let text = String::from_utf8_lossy(part).into_owned();
        if let Ok(doc) = Document::from_text(format!("fuzz-{i}.md"), text, None) {
            docs.push(doc);
        }
    }
    Corpus::from_documents(docs, lexicon(), &Bands::default())
}

fn suppress(data: &[u8]) -> Result<(), String> {
    let c = corpus(data);
    for s in crate::triage::suppress::find(&c) {
        let text = &c.docs[s.doc].text;
        if s.span.end > text.len() || text.get(s.span.clone()).is_none() {
            return Err(format!("suppression span {:?} outside the text", s.span));
        }
    }
    Ok(())
}

fn claims(data: &[u8]) -> Result<(), String> {
    let c = corpus(data);
    for claim in &c.claims {
        let text = &c.docs[claim.doc].text;
        match text.get(claim.span.clone()) {
            None => return Err(format!("span {:?} outside the text", claim.span)),
            Some(words) if words != claim.text => {
                return Err(format!(
                    "claim text {:?} is not the text at its span {words:?}",
                    claim.text
                ))
            }
            Some(_) => {}
        }
        if text.get(claim.sentence.clone()).is_none() {
            return Err(format!("sentence {:?} outside the text", claim.sentence));
        }
        let iv = claim.interval;
        let above_low = iv.low.is_none_or(|b| claim.value >= b.value);
        let below_high = iv.high.is_none_or(|b| claim.value <= b.value);
        if !(above_low && below_high) {
            return Err(format!(
                "value {} outside its interval {iv:?} ({:?})",
                claim.value, claim.text
            ));
        }
    }
    let first = claims_output(&c)?;
    if claims_output(&corpus(data))? != first {
        return Err("the same input gave different claims".into());
    }
    Ok(())
}

fn claims_output(c: &Corpus) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    crate::report::claims::write_jsonl(&mut out, &c.claims, &c.docs).map_err(|e| e.to_string())?;
    Ok(out)
}

fn check(data: &[u8]) -> Result<(), String> {
    let report = |c: &Corpus| -> Result<Vec<u8>, String> {
        let options = crate::rules::CheckOptions::default();
        let findings = crate::rules::check(c, lexicon(), &options);
        let summary = crate::findings::Summary::new(c.docs.len(), c.claims.len(), &findings);
        let mut out = Vec::new();
        crate::report::json::write(&mut out, &findings, c, &summary).map_err(|e| e.to_string())?;
        Ok(out)
    };
    let first = report(&corpus(data))?;
    if report(&corpus(data))? != first {
        return Err("the same input gave different findings".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bytes_reach_both_ends_of_the_calendar() {
        assert_eq!(date_from(&[0xFF, 0xFF, 0xFF, 0xFF]), Some(NaiveDate::MAX));
        assert_eq!(date_from(&[0, 0, 0, 0]), Some(NaiveDate::MIN));
    }
}
