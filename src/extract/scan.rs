//! The scan: one pass of an Aho-Corasick automaton over the prose finds the
//! places where a figure or a date can start (a digit, a currency sign, a
//! number word, a month, a weekday, "last year"...). The nom parsers run only
//! there, and the scan resumes after what they consumed, so each byte is
//! looked at a few times at most rather than a parser being tried at every
//! position.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use super::date::{self, DateExpr};
use super::money;
use super::number;
use super::quantity::{self, Quantity, RangeContext};
use crate::lexicon::Lexicon;

/// What was found at one place.
#[derive(Debug, Clone, PartialEq)]
pub enum AtomKind {
    /// A figure: money, a percentage, a duration or a bare number.
    Quantity(Quantity),
    /// A date or period expression, not yet placed in time.
    Time(DateExpr),
    /// "doubled", "halved": a change given as a multiple, in percent
    /// (+100, −50).
    Multiple(rust_decimal::Decimal),
    /// A number too large (or too finely written) to hold exactly: not
    /// read, but reported, so that no figure is dropped in silence.
    TooLarge,
}

/// Verbs that state a change as a multiple, with the change in percent.
const MULTIPLES: &[(&str, i64)] = &[
    ("doubled", 100),
    ("tripled", 200),
    ("trebled", 200),
    ("quadrupled", 300),
    ("halved", -50),
];

/// A figure or time expression with its byte range in the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// Byte range in the prose (the same offsets as in the file).
    pub span: Range<usize>,
    /// What was found there.
    pub kind: AtomKind,
}

/// Number phrases that start a figure besides the number words of
/// [`number::UNITS`] and [`number::TENS`].
const NUMBER_PHRASES: &[&str] = &[
    "half",
    "a dozen",
    "a hundred",
    "a third",
    "a quarter",
    "a fifth",
    "a sixth",
    "a tenth",
    "a half",
];

const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Every trigger pattern: where a figure or date can start.
pub fn patterns() -> Vec<String> {
    let mut p: Vec<String> = Vec::new();
    p.extend(MULTIPLES.iter().map(|(w, _)| w.to_string()));
    p.extend((0..10).map(|d| d.to_string()));
    // "zero" starts no figure worth a trigger.
    let number_words = number::UNITS[1..].iter().chain(number::TENS.iter());
    p.extend(number_words.map(|s| s.to_string()));
    // Currency signs are no triggers: they are found by looking back from
    // the number (see `money::prefix_start`).
    for list in [NUMBER_PHRASES, MONTH_WORDS, WEEKDAY_WORDS] {
        p.extend(list.iter().map(|s| s.to_string()));
    }
    for step in ["last", "this", "next", "past", "coming", "current"] {
        for unit in ["year", "month", "week", "quarter"] {
            p.push(format!("{step} {unit}"));
        }
        for w in WEEKDAY_WORDS {
            p.push(format!("{step} {w}"));
        }
        p.push(format!("{step} season"));
    }
    for unit in ["year", "month", "week", "quarter"] {
        for lead in ["a", "one", "the previous", "the prior", "the"] {
            p.push(format!("{lead} {unit}"));
        }
    }
    // "the winter before", "the previous season".
    for season in ["season", "winter", "summer"] {
        for lead in ["the previous", "the prior", "the"] {
            p.push(format!("{lead} {season}"));
        }
    }
    // Halves of a year: "first half", "second-half", "H1", "the first
    // six months" ("six months to June" starts at its number word).
    for ord in ["first", "second"] {
        p.push(format!("{ord} half"));
        p.push(format!("{ord}-half"));
    }
    p.extend(["h1", "h2", "first six months", "first three months"].map(String::from));
    for ord in ["first", "second", "third", "fourth", "final"] {
        p.push(format!("{ord} quarter"));
        p.push(format!("{ord}-quarter"));
        p.push(format!("{ord} fiscal"));
    }
    // Fiscal periods ("fiscal 2026", "FY26") and quarters named by their
    // months ("the September quarter").
    p.extend(
        [
            "fiscal",
            "financial year",
            "fy",
            "year end",
            "year-end",
            "the end of",
        ]
        .map(String::from),
    );
    for m in MONTH_WORDS {
        p.push(format!("the {m}"));
        // "between July and September": a quarter named by its months.
        p.push(format!("between {m}"));
    }
    // "in the quarter": the quarter the article named before; "in the
    // fourth,": a quarter with its word left out.
    for lead in ["in", "for", "during", "over"] {
        for unit in [
            "quarter", "month", "period", "first", "second", "third", "fourth",
        ] {
            p.push(format!("{lead} the {unit}"));
        }
    }
    // "Q2FY26": a quarter glued to its fiscal year.
    for q in 1..=4 {
        p.push(format!("q{q}fy"));
    }
    p.extend(["q1", "q2", "q3", "q4", "yesterday", "tomorrow"].map(String::from));
    p
}

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // With ~200 patterns the crate would pick an NFA; the DFA is
            // about twice as fast to search and small for these patterns.
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns())
            // The patterns are fixed strings known at compile time.
            .expect("trigger patterns build")
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether a figure may start at `at`: not glued to a word before it
/// ("G20", "COVID-19", "A$" is handled by its own pattern).
fn starts_cleanly(text: &[u8], at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let prev = text[at - 1];
    if prev.is_ascii_alphanumeric() {
        return false;
    }
    if prev >= 0x80 {
        // A non-ASCII letter glues ("Ü5"); a curly quote or a dash does not.
        return is_punctuation_before(text, at);
    }
    // "F-35", "24/7", and the rest of "3.5" or "5,674" after a failed parse.
    !(matches!(prev, b'-' | b'/' | b'.' | b',' | b'+') && at >= 2 && is_word_byte(text[at - 2]))
}

/// A multi-byte character that ends just before `at` and is punctuation.
fn is_punctuation_before(text: &[u8], at: usize) -> bool {
    let start = (at.saturating_sub(4)..at)
        .find(|&i| std::str::from_utf8(&text[i..at]).is_ok_and(|s| s.chars().count() == 1));
    match start.and_then(|i| std::str::from_utf8(&text[i..at]).ok()) {
        Some(s) => s.chars().all(|c| !c.is_alphanumeric()),
        None => false,
    }
}

fn ends_cleanly(text: &[u8], end: usize) -> bool {
    end >= text.len() || !text[end].is_ascii_alphanumeric()
}

/// The lower-cased word just before `at` (skipping spaces).
fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    &head[start..]
}

/// Find every figure and time expression in the prose, in order, with the
/// currencies of the compiled-in rule pack.
pub fn scan(prose: &str) -> Vec<Atom> {
    scan_with(prose, Lexicon::shared_default())
}

/// Find every figure and time expression in the prose, in order.
pub fn scan_with(prose: &str, lex: &Lexicon) -> Vec<Atom> {
    let ac = automaton();
    let bytes = prose.as_bytes();
    let mut atoms = Vec::new();
    let mut pos = 0;
    while pos < prose.len() {
        let Some(m) = ac.find(Input::new(prose).range(pos..)) else {
            break;
        };
        let start = m.start();
        let first = bytes[start];
        let is_alpha_trigger = first.is_ascii_alphabetic();
        // Word triggers must stand as whole words.
        if is_alpha_trigger
            && (!starts_cleanly_word(bytes, start) || !ends_cleanly_alpha(bytes, m.end()))
        {
            // A trigger that ends in a digit ("h1" in "6h1", "q3") gives the
            // digit its own chance.
            pos = if bytes[m.end() - 1].is_ascii_digit() {
                m.end() - 1
            } else {
                m.end()
            };
            continue;
        }
        // "3-9 June": the second day of a range right after the first.
        let second_day = atoms.last().is_some_and(|a: &Atom| {
            matches!(
                a.kind,
                AtomKind::Time(DateExpr::Calendar { day: Some(_), .. })
            ) && prose[a.span.end..start].chars().count() == 1
                && prose[a.span.end..start].starts_with(['-', '–'])
        });
        // "38.5 cents a dozen": the basis of a rate, not a figure.
        let rate_basis = prose[start..m.end()].eq_ignore_ascii_case("a dozen")
            && atoms.last().is_some_and(|a: &Atom| {
                matches!(&a.kind, AtomKind::Quantity(q) if q.kind == crate::claim::Kind::Money)
                    && prose[a.span.end..start].trim().is_empty()
            });
        if rate_basis {
            pos = m.end();
            continue;
        }
        // "$.5bn": a decimal point with no integer before it, after a sign
        // or a space (not the full stop of "in May.5").
        let start = if first.is_ascii_digit()
            && start >= 2
            && bytes[start - 1] == b'.'
            && matches!(bytes[start - 2], b'$' | b' ' | 0x80..=0xff)
            && (start < 3 || !bytes[start - 3].is_ascii_alphanumeric() || bytes[start - 2] == b'$')
        {
            start - 1
        } else {
            start
        };
        // A currency written before the number ("US$5", "USD108bn", "c $
        // 75"): the figure starts there.
        let floor = atoms.last().map_or(0, |a: &Atom| a.span.end);
        if let Some(atom) = money::prefix_start(lex.currencies(), prose, floor, start)
            .filter(|&p| starts_cleanly_word(bytes, p))
            .and_then(|p| parse_at(prose, p, lex))
        {
            pos = atom.span.end.max(m.end());
            atoms.push(atom);
            continue;
        }
        if first.is_ascii_digit() && !starts_cleanly(bytes, start) && !second_day {
            pos = skip_digits(bytes, m.end());
            continue;
        }
        // "555-123-4567", "+44 20 7946 0958", ISBN 978-3-16-148410-0: a
        // number to dial or look up, not a figure; "8:11 am" a time of day.
        if first.is_ascii_digit() {
            if let Some(end) = identifier_end(bytes, start).or_else(|| clock_end(bytes, start)) {
                pos = end;
                continue;
            }
        }
        match parse_at(prose, start, lex) {
            Some(atom) => {
                pos = atom.span.end.max(m.end());
                atoms.push(atom);
            }
            None => {
                pos = if first.is_ascii_digit() {
                    skip_digits(bytes, m.end())
                } else {
                    // A phrase that is no date ("the May 29 vote" is not "the
                    // May quarter") may still hold one after its first word.
                    prose[start..m.end()]
                        .find(' ')
                        .map_or(m.end(), |sp| start + sp + 1)
                };
            }
        }
    }
    atoms
}

fn starts_cleanly_word(bytes: &[u8], at: usize) -> bool {
    at == 0
        || !(bytes[at - 1].is_ascii_alphanumeric()
            || bytes[at - 1] == b'-' && at >= 2 && bytes[at - 2].is_ascii_digit())
}

/// An alphabetic pattern may end where a symbol or digit follows ("US$5",
/// "Q3"), but not inside a longer word ("Mayor").
fn ends_cleanly_alpha(bytes: &[u8], end: usize) -> bool {
    end >= bytes.len() || !bytes[end].is_ascii_alphabetic() || bytes[end - 1] == b'$'
}

/// Where a phone number or ISBN starting at `at` ends: at least three
/// groups of digits joined by single hyphens, dots or spaces (one kind
/// throughout), with nine digits or more, or eight after a "+". A date
/// ("2019-06-09") has eight digits; a range ("20-30") two groups.
fn identifier_end(bytes: &[u8], at: usize) -> Option<usize> {
    let plus = at > 0 && bytes[at - 1] == b'+';
    let (mut i, mut digits, mut groups) = (at, 0, 0);
    let mut joiner = None;
    loop {
        let group_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == group_start {
            break;
        }
        digits += i - group_start;
        groups += 1;
        let next = bytes.get(i).copied();
        let joins = matches!(next, Some(b'-' | b'.' | b' '))
            && joiner.is_none_or(|j| Some(j) == next)
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !joins {
            break;
        }
        joiner = next;
        i += 1;
    }
    let enough = digits >= 9 || (plus && digits >= 8);
    // A sentence's last figure followed by a full stop is no joiner: the
    // loop stops there, so `i` ends after digits.
    (groups >= 3 && enough && !bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric())).then_some(i)
}

/// Time zones written after a wire service's four-digit time of day
/// ("0117 GMT", "1025 GMT"): closed abbreviations, upper case as written.
const TIME_ZONES: [&[u8]; 13] = [
    b"GMT",
    b"UTC",
    b"ET",
    b"EST",
    b"EDT",
    b"CET",
    b"CEST",
    b"BST",
    b"IST",
    b"JST",
    b"PST",
    b"PDT",
    b"local time",
];

/// Where a wire-style time of day ("0117 GMT", "1025 local time") starting
/// at `at` ends: four digits that make an hour and minutes, then a time
/// zone. Without the zone, "1025" may be a count or a year.
fn zoned_clock_end(bytes: &[u8], at: usize) -> Option<usize> {
    let digits = bytes.get(at..at + 4)?;
    if !digits.iter().all(u8::is_ascii_digit)
        || bytes.get(at + 4) != Some(&b' ')
        || at > 0 && bytes[at - 1].is_ascii_digit()
    {
        return None;
    }
    let value = |d: &[u8]| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0');
    if value(&digits[..2]) > 23 || value(&digits[2..]) > 59 {
        return None;
    }
    let after = &bytes[at + 5..];
    let zone = TIME_ZONES.iter().find(|z| {
        after.starts_with(z) && !after.get(z.len()).is_some_and(u8::is_ascii_alphanumeric)
    })?;
    Some(at + 5 + zone.len())
}

/// Where a time of day starting at `at` ends: "8:11", "23:05" (hours and
/// minutes; "3:1" is a score or a ratio), or "0117 GMT".
fn clock_end(bytes: &[u8], at: usize) -> Option<usize> {
    if let Some(end) = zoned_clock_end(bytes, at) {
        return Some(end);
    }
    let hours = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let colon = at + hours;
    let minutes = bytes.get(colon + 1..colon + 3)?;
    let is_clock = (1..=2).contains(&hours)
        && bytes.get(colon) == Some(&b':')
        && minutes.iter().all(u8::is_ascii_digit)
        && minutes[0] <= b'5'
        && !bytes.get(colon + 3).is_some_and(u8::is_ascii_digit);
    if !is_clock {
        return None;
    }
    // One or two digits: no overflow, no need for a parser.
    let hour = bytes[at..colon]
        .iter()
        .fold(0u32, |h, d| h * 10 + u32::from(d - b'0'));
    (hour <= 24).then_some(colon + 3)
}

fn skip_digits(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && (bytes[at].is_ascii_digit() || matches!(bytes[at], b',' | b'.')) {
        at += 1;
    }
    at
}

/// Try the parsers at one trigger point: dates first (so "5 June" is a
/// date, not five of something), then quantities; a bare four-digit number
/// in the year range is kept as a quantity here and decided by context.
fn parse_at(prose: &str, start: usize, lex: &Lexicon) -> Option<Atom> {
    let rest = &prose[start..];
    for (word, percent) in MULTIPLES {
        let matched = rest
            .get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
            && !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric());
        if !matched {
            continue;
        }
        // "doubled down", "doubled as": idioms, not changes. Only the next
        // few words matter: lowercasing the rest of the text at every
        // trigger made long files quadratic.
        let after = rest.get(word.len()..).unwrap_or("").trim_start();
        let after = after
            .char_indices()
            .nth(24)
            .map_or(after, |(i, _)| &after[..i])
            .to_ascii_lowercase();
        let idiom = ["down", "up", "as", "over", "back"].iter().any(|w| {
            after.starts_with(w) && !after[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        });
        // "doubled over the past five years" is a change; "doubled over in
        // pain" is not.
        let over_time = after.strip_prefix("over ").is_some_and(|r| {
            [
                "the ", "past ", "last ", "a ", "two ", "three ", "four ", "five ", "ten ",
            ]
            .iter()
            .any(|w| r.starts_with(w))
                || r.starts_with(|c: char| c.is_ascii_digit())
        });
        if !idiom || over_time {
            return Some(Atom {
                span: start..start + word.len(),
                kind: AtomKind::Multiple(rust_decimal::Decimal::from(*percent)),
            });
        }
    }
    // A sign belongs to the number when it stands alone before it.
    let (start, rest) = signed_start(prose, start).unwrap_or((start, rest));
    if let Some((after, expr)) = date_at(rest) {
        if !ambiguous_month_alone(prose, start, &expr, rest.len() - after.len()) {
            let end = start + (rest.len() - after.len());
            return Some(Atom {
                span: start..trim_end(prose, start, end),
                kind: AtomKind::Time(expr),
            });
        }
    }
    let before = word_before(prose, start);
    // "the second half of the month", "the back half": a part of some
    // stretch of time or play, not a share.
    let part_word = if before.is_empty() && prose[..start].ends_with('-') {
        word_before(prose, start - 1)
    } else {
        before
    };
    if PART_ORDINALS
        .iter()
        .any(|w| part_word.eq_ignore_ascii_case(w))
        && rest
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("half"))
    {
        return None;
    }
    // "doubled in a quarter", "within a quarter": a length of time, unless
    // a share follows ("in a quarter of cases").
    if ["in", "within"]
        .iter()
        .any(|w| before.eq_ignore_ascii_case(w))
        && rest
            .get(..9)
            .is_some_and(|w| w.eq_ignore_ascii_case("a quarter"))
        && !rest[9..].trim_start().starts_with("of ")
    {
        return None;
    }
    // "from 38,000 in 2020 to 71,000": a year after "in" ends a phrase of
    // time; "to" after it goes on with the change, not a range.
    let year_after_in = ["in", "since", "by", "until"]
        .iter()
        .any(|w| before.eq_ignore_ascii_case(w))
        && rest.len() >= 4
        && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && matches!(&rest[..2], "19" | "20")
        && !rest
            .as_bytes()
            .get(4)
            .is_some_and(|b| b.is_ascii_digit() || *b == b',');
    let ctx = RangeContext {
        after_between: before.eq_ignore_ascii_case("between"),
        no_to: before.eq_ignore_ascii_case("from") || year_after_in,
        close_to: ["by", "up", "down"]
            .iter()
            .any(|w| before.eq_ignore_ascii_case(w)),
    };
    let (after, q) = match quantity::quantity(rest, ctx, lex) {
        Ok(parsed) => parsed,
        Err(nom::Err::Failure(e)) if e.code == nom::error::ErrorKind::TooLarge => {
            // The digits, as far as they run (the figure may start with a
            // sign or a currency).
            let first = rest
                .find(|c: char| c.is_ascii_digit())
                .map_or(start, |i| start + i);
            let end = skip_digits(prose.as_bytes(), first)
                .max(start + rest.chars().next().map_or(0, char::len_utf8));
            return Some(Atom {
                span: start..trim_end(prose, start, end),
                kind: AtomKind::TooLarge,
            });
        }
        Err(_) => return None,
    };
    let end = start + (rest.len() - after.len());
    if !ends_cleanly(prose.as_bytes(), end) && q.unit.is_none() {
        return None;
    }
    // "at 6 a.m. on Tuesday", "by 11 pm": a time of day, no count.
    if time_of_day_after(after) {
        return None;
    }
    Some(Atom {
        span: start..trim_end(prose, start, end),
        kind: AtomKind::Quantity(q),
    })
}

/// Whether `after` (the text right after a number) opens with "a.m.",
/// "p.m.", "am" or "pm" as a word.
fn time_of_day_after(after: &str) -> bool {
    let t = after.trim_start_matches(' ');
    let lower = t.get(..4).unwrap_or(t).to_ascii_lowercase();
    let word = |w: &str| {
        lower.starts_with(w)
            && !t[w.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric())
    };
    word("a.m") || word("p.m") || word("am") || word("pm")
}

/// Words before "half" that make it a part of a stretch, not a share:
/// "the second half of the game", "the back half of the season".
const PART_ORDINALS: &[&str] = &["first", "second", "latter", "former", "back", "front"];

/// Words that can open a date expression, in lower case: month names and
/// abbreviations, weekdays, the steps of "last year", the ordinals of "first
/// quarter", "yesterday", "tomorrow", the leads of "a year ago" and "the
/// previous year", the "q" of "Q3", the "h" of "H1", the "six" of "six
/// months to June", and the prepositions of "in the quarter".
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "last", "past", "this", "next", "coming", "current",
    "first", "second", "third", "fourth", "final",
    "yesterday", "tomorrow", "a", "one", "the", "q", "h", "six", "fiscal", "financial", "fy",
    "year", "in", "for", "during", "over", "between",
];

/// The date expression at `rest`, if any: [`date::date_expr`], trying only
/// what can start there. Most triggers are numbers, currency signs and
/// number words, and trying every date form at each took about 15% of the
/// scan.
/// Every date form starts with a digit or with one of [`DATE_WORDS`] as a
/// whole run of ASCII letters (each is followed by a space, a digit, "-",
/// "." or the end of the word). A number opens a date only as "2019-06-09"
/// or as the one or two digits of "5 June" / "5th of June".
fn date_at(rest: &str) -> Option<(&str, DateExpr)> {
    let b = rest.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit() {
        let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let iso = n == 4 && matches!(b.get(4), Some(b'-' | b'/'));
        // "2Q FY26"
        let quarter = n == 1 && matches!(b.get(1), Some(b'Q' | b'q'));
        // One or two digits, an optional "st"/"nd"/"rd"/"th", then a space.
        let day = n <= 2 && {
            let after = &b[n..];
            let after = match after {
                [x, y, ..] if [b"st", b"nd", b"rd", b"th"].contains(&&[*x, *y]) => &after[2..],
                _ => after,
            };
            // "3-9 June": the first day of a range.
            matches!(after.first(), Some(b' ' | b'\t' | b'-')) || after.starts_with("–".as_bytes())
        };
        return (iso || day || quarter)
            .then(|| date::numeric_date(rest).ok())
            .flatten();
    }
    if first.is_ascii_alphabetic() {
        let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if DATE_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(&b[..n]))
        {
            return date::date_expr(rest).ok();
        }
    }
    None
}

/// "-5%" or "+3": include the sign when a space or the line start precedes
/// it; and "minus four percent", "minus 5C".
fn signed_start(prose: &str, start: usize) -> Option<(usize, &str)> {
    let head = &prose[..start];
    if let Some(h) = head.strip_suffix(' ').and_then(|h| {
        let at = h.len().checked_sub(5)?;
        (h.is_char_boundary(at) && h[at..].eq_ignore_ascii_case("minus")).then(|| &h[..at])
    }) {
        // "plus or minus 2%" is a margin, not a negative figure.
        // Only the last few bytes: the head is the whole text before.
        let t = h.trim_end();
        let lower = t[crate::source::ceil_char_boundary(t, t.len().saturating_sub(8))..]
            .to_ascii_lowercase();
        let margin = lower.ends_with("plus or") || lower.ends_with("plus/");
        if !margin && (h.is_empty() || h.ends_with(|c: char| !c.is_alphanumeric())) {
            let s = h.len();
            return Some((s, &prose[s..]));
        }
    }
    for sign in ["-", "+", "−"] {
        if let Some(h) = head.strip_suffix(sign) {
            if h.is_empty() || h.ends_with([' ', '\n', '(']) {
                let s = start - sign.len();
                return Some((s, &prose[s..]));
            }
        }
    }
    None
}

/// Spans never end in spaces or punctuation consumed by a parser.
fn trim_end(prose: &str, start: usize, end: usize) -> usize {
    let s = &prose[start..end];
    start + s.trim_end_matches([' ', ',']).len()
}

/// "May" and "March" alone are more often a verb than a month: they count as
/// months alone only after a word that introduces a time ("in May").
fn ambiguous_month_alone(prose: &str, start: usize, expr: &DateExpr, len: usize) -> bool {
    let DateExpr::Calendar {
        day: None,
        year: None,
        ..
    } = expr
    else {
        return false;
    };
    let word = &prose[start..start + len];
    if !matches!(word.trim(), "May" | "March") {
        return false;
    }
    let before = word_before(prose, start).to_ascii_lowercase();
    !matches!(
        before.as_str(),
        "in" | "on"
            | "since"
            | "until"
            | "by"
            | "late"
            | "early"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "of"
            | "from"
            | "to"
            | "through"
            | "before"
            | "after"
            | "during"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Kind;

    fn kinds(text: &str) -> Vec<(String, &'static str)> {
        scan(text)
            .into_iter()
            .map(|a| {
                let k = match &a.kind {
                    AtomKind::Quantity(q) => q.kind.as_str(),
                    AtomKind::Time(_) => "time",
                    AtomKind::Multiple(_) => "multiple",
                    AtomKind::TooLarge => "too-large",
                };
                (text[a.span].to_string(), k)
            })
            .collect()
    }

    #[test]
    fn finds_figures_and_times_in_order() {
        let got = kinds("Trade rose 24.5% to US$108bn last year, after 30 deals in June.");
        assert_eq!(
            got,
            vec![
                ("24.5%".into(), "percent"),
                ("US$108bn".into(), "money"),
                ("last year".into(), "time"),
                ("30".into(), "count"),
                ("June".into(), "time"),
            ]
        );
    }

    /// A year after "in" ends its phrase: "to" after it is the change's
    /// end, not a range from the year.
    #[test]
    fn a_year_after_in_starts_no_range() {
        assert_eq!(
            kinds("Attendance climbed from 38,000 in 2020 to 71,000 this year."),
            vec![
                ("38,000".into(), "count"),
                // The reader takes a bare year as a time.
                ("2020".into(), "count"),
                ("71,000".into(), "count"),
                ("this year".into(), "time"),
            ]
        );
    }

    #[test]
    fn a_time_of_day_is_no_count() {
        assert_eq!(
            kinds("The test began at 6 a.m. on Tuesday and ended at 6 pm, with 11 gates shut."),
            vec![("Tuesday".into(), "time"), ("11".into(), "count")]
        );
    }

    #[test]
    fn wire_times_with_a_zone_are_no_counts() {
        assert!(kinds("hit at 04:17 am (0117 GMT), then again at around 1025 GMT").is_empty());
        assert!(kinds("at 2230 local time").is_empty());
        // No zone, an hour past 23 or a lower-case word: a figure.
        assert_eq!(
            kinds("1025 people, 2517 GMT, 1025 gmt"),
            vec![
                ("1025".into(), "count"),
                ("2517".into(), "count"),
                ("1025".into(), "count")
            ]
        );
    }

    #[test]
    fn halves_and_times_of_day_are_no_shares() {
        // A half-year is a time, a half of anything else no figure.
        assert_eq!(
            kinds("first-half sales and the second half of the match"),
            vec![("first-half".into(), "time")]
        );
        assert!(kinds("struck at 8:11 am, the biggest in a quarter of a century").is_empty());
        assert_eq!(
            kinds("profit doubled within a quarter, in half a decade"),
            vec![
                ("doubled".into(), "multiple"),
                ("half a decade".into(), "duration")
            ]
        );
        // "in a quarter of" is still a share; "two and a half" one number.
        assert_eq!(
            kinds("in a quarter of cases, for two and a half years"),
            vec![
                ("a quarter".into(), "percent"),
                ("two and a half years".into(), "duration")
            ]
        );
        // A trigger refused inside a word leaves its digit a figure.
        assert_eq!(
            kinds("grade 6h1 with 12 pupils"),
            vec![("12".into(), "count")]
        );
    }

    #[test]
    fn glued_identifiers_are_skipped() {
        assert!(kinds("G20 and COVID-19 and 5G and F-35 and A380").is_empty());
    }

    #[test]
    fn words_inside_words_are_skipped() {
        assert!(kinds("someone done money lastly Mayor").is_empty());
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(kinds("May I say it may rain").is_empty());
        assert_eq!(kinds("in May"), vec![("May".into(), "time")]);
        assert_eq!(kinds("May 5"), vec![("May 5".into(), "time")]);
    }

    #[test]
    fn date_shortcut_agrees_with_date_expr() {
        for s in [
            "5 June 2019",
            "5th of June",
            "05 June",
            "5  June",
            "5\tJune",
            "5st June",
            "5sta June",
            "123 June",
            "2019-06-09",
            "2019-6-9",
            "20190-06-09",
            "24.5%",
            "$5",
            "-5 June",
            "June 5",
            "Sept. 7",
            "Tuesday, June 5",
            "Q3 2024",
            "q3",
            "Qatar",
            "last year",
            "lastly",
            "LAST WEEK",
            "a year ago",
            "a  year earlier",
            "one year ago",
            "the prior year",
            "the year before",
            "first-quarter",
            "Final quarter",
            "yesterday",
            "tomorrow's",
            "Mayor",
            "May",
            "march on",
            "Monday",
            "next Monday",
            "two years",
            "€5",
            "",
        ] {
            assert_eq!(date_at(s), date::date_expr(s).ok(), "{s:?}");
        }
    }

    #[test]
    fn a_decimal_with_no_integer_part() {
        let atoms = scan("It cost $.5bn, or € .25 million.");
        let values: Vec<_> = atoms
            .iter()
            .map(|a| match &a.kind {
                AtomKind::Quantity(q) => (q.value(), q.unit.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            values,
            vec![
                (
                    rust_decimal::Decimal::new(500_000_000, 0),
                    Some("USD".into())
                ),
                (rust_decimal::Decimal::new(250_000, 0), Some("EUR".into()))
            ]
        );
    }

    #[test]
    fn lower_case_words_that_are_codes_are_not_currencies() {
        assert_eq!(
            kinds("They will try 1,000 times."),
            vec![("1,000".into(), "count")]
        );
        assert_eq!(kinds("It cost usd 5bn."), vec![("usd 5bn".into(), "money")]);
    }

    #[test]
    fn phone_numbers_and_isbns_are_not_figures() {
        assert!(kinds("Call 555-123-4567 or +44 20 7946 0958.").is_empty());
        assert!(kinds("ISBN 978-3-16-148410-0 was cited.").is_empty());
        // Dates, ranges and figures in a row are still read.
        assert_eq!(kinds("On 2019-06-09 they sold 20-30 cars.").len(), 2);
        assert_eq!(kinds("Scores were 10 20 30.").len(), 3);
    }

    #[test]
    fn a_wide_character_before_a_number_is_no_sign() {
        // The look for "minus " once sliced inside the "£".
        assert_eq!(
            kinds("£abcd 5 and ₹ 6"),
            vec![("5".into(), "count"), ("₹ 6".into(), "money")]
        );
    }

    #[test]
    fn minus_in_words_is_a_sign() {
        let margin = scan("Revenue of $65bn, plus or minus 2%.");
        assert!(
            matches!(&margin[1].kind, AtomKind::Quantity(q) if q.value() == rust_decimal::Decimal::from(2))
        );
        let atoms = scan("Prices fell minus four percent, and then MINUS 2.5%.");
        let values: Vec<_> = atoms
            .iter()
            .map(|a| match &a.kind {
                AtomKind::Quantity(q) => (q.value(), a.span.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            values,
            vec![
                (rust_decimal::Decimal::from(-4), 12..30),
                (rust_decimal::Decimal::new(-25, 1), 41..51)
            ]
        );
    }

    #[test]
    fn negative_numbers() {
        let atoms = scan("growth of -3.2% was");
        match &atoms[0].kind {
            AtomKind::Quantity(q) => {
                assert_eq!(q.kind, Kind::Percent);
                assert!(q.number.value.is_sign_negative());
            }
            other => panic!("{other:?}"),
        }
    }
}
