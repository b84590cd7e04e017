//! Sentences, clauses and words: the frame in which a figure finds its
//! measure, role and period.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc",
    "gov", "sen", "rep", "gen", "col", "lt", "prof", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "mt", "ft", "fig", "vol", "op",
];

/// Split prose into sentence byte ranges (trimmed). A newline always ends a
/// sentence: the prose view has already joined lines wrapped mid-sentence.
pub fn split(prose: &str) -> Vec<Range<usize>> {
    let bytes = prose.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Only these bytes can end a sentence; memchr jumps between them. The
    // next newline (or the end) is kept, as lines run longer than sentences.
    let mut newline = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        if newline < i {
            newline = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        i = memchr::memchr3(b'.', b'!', b'?', &bytes[i..newline]).map_or(newline, |k| i + k);
        if i == bytes.len() {
            break;
        }
        let b = bytes[i];
        let end = match b {
            b'\n' => Some(i),
            b'.' | b'!' | b'?' if ends_sentence(prose, i) => {
                // Keep closing quotes and brackets with the sentence.
                let mut e = i + 1;
                while e < bytes.len() {
                    let rest = &prose[e..];
                    let c = rest.chars().next().unwrap_or(' ');
                    if matches!(c, '"' | '\'' | '”' | '’' | ')') {
                        e += c.len_utf8();
                    } else {
                        break;
                    }
                }
                Some(e)
            }
            _ => None,
        };
        if let Some(e) = end {
            push_trimmed(&mut out, prose, start, e);
            start = e;
            i = e.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(&mut out, prose, start, bytes.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, prose: &str, start: usize, end: usize) {
    let s = &prose[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

fn ends_sentence(prose: &str, i: usize) -> bool {
    let bytes = prose.as_bytes();
    // What follows must be a space (after optional closing quotes) or the end.
    let mut j = i + 1;
    while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
        j += 1;
    }
    let rest = &prose[j.min(prose.len())..];
    let rest = rest
        .trim_start_matches(['”', '’'])
        .trim_start_matches(['"', '\'']);
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // The next word in lower case continues the sentence ("U.S. officials").
    let next = rest.trim_start();
    if next.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let word_start = prose[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &prose[word_start..i];
    // "U.S." or "e.g." or an initial: dotted single letters ("... and
    // independents 4." ends its sentence).
    let initials = word
        .split('.')
        .all(|p| p.chars().count() <= 1 && p.chars().all(char::is_alphabetic));
    if initials && !word.is_empty() {
        return false;
    }
    !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// A word and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of its first character in the prose.
    pub start: usize,
    /// Byte offset just past its last character in the prose.
    pub end: usize,
}

/// Words of `prose[range]`: runs of letters and digits, keeping inner
/// apostrophes, hyphens and dots ("Xi's", "two-way", "U.S") and the commas
/// of "21,480".
pub fn words(prose: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let s = &prose[range.clone()];
    let b = s.as_bytes();
    let n = b.len();
    // About one word per six bytes of prose: one allocation for most sentences.
    let mut out = Vec::with_capacity(n / 5 + 1);
    // Bytes are read directly; only non-ASCII characters are decoded (for
    // Unicode letters and the curly apostrophe).
    let mut i = 0;
    while i < n {
        // A word starts at a letter or digit; marks only join.
        let (alnum, len) = alnum_at(s, i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < n {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            if !c.is_ascii() {
                let ch = s[i..].chars().next().unwrap_or(' ');
                if ch.is_alphanumeric() {
                    i += ch.len_utf8();
                    continue;
                }
                // "Xi’s": the curly apostrophe joins like the straight one.
                let after = i + ch.len_utf8();
                if ch == '’' && after < n && alnum_at(s, after).0 {
                    i = after;
                    continue;
                }
                break;
            }
            let joins = match c {
                // "24.5", "Xi's", "two-way", "AT&T": a mark before a letter or digit.
                b'\'' | b'-' | b'.' | b'&' => i + 1 < n && alnum_at(s, i + 1).0,
                // "21,480": a comma between digits.
                b',' => b[i - 1].is_ascii_digit() && i + 1 < n && b[i + 1].is_ascii_digit(),
                _ => false,
            };
            if !joins {
                // "Halvorsen Foods' revenue": a plural possessive keeps its
                // apostrophe when a lower-case word follows (a closing quote
                // ends a clause instead).
                let plural_possessive = c == b'\''
                    && b[i - 1] == b's'
                    && b.get(i + 1) == Some(&b' ')
                    && b.get(i + 2)
                        .is_some_and(|x| x.is_ascii_lowercase() || x.is_ascii_digit());
                if plural_possessive {
                    i += 1;
                }
                break;
            }
            i += 1;
        }
        out.push(Word {
            text: &s[start..i],
            start: range.start + start,
            end: range.start + i,
        });
    }
    out
}

/// Whether the character at byte `i` is a letter or digit, and its length.
/// The ASCII test is inlined into the loops; decoding stays out of line.
#[inline(always)]
fn alnum_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        non_ascii_alnum_at(s, i)
    }
}

#[inline(never)]
fn non_ascii_alnum_at(s: &str, i: usize) -> (bool, usize) {
    let c = s[i..].chars().next().unwrap_or(' ');
    (c.is_alphanumeric(), c.len_utf8())
}

/// Words that open a new clause inside a sentence.
pub const CLAUSE_WORDS: &[&str] = &[
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "following",
    "after",
    "compared",
    "versus",
    "unlike",
];

/// Byte offsets inside `sentence` where a new clause starts. Punctuation
/// inside a figure or date (the comma of "5,674" or "June 5, 2019") is not a
/// boundary: `protected` lists those spans.
pub fn clause_starts(
    prose: &str,
    sentence: Range<usize>,
    protected: &[Range<usize>],
) -> Vec<usize> {
    let mut out = Vec::new();
    let s = &prose[sentence.clone()];
    let b = s.as_bytes();
    let mut brk = |i: usize, len: usize| {
        let at = sentence.start + i;
        if !protected.iter().any(|r| r.contains(&at)) {
            out.push(at + len);
        }
    };
    // Breaks are ASCII punctuation, a spaced hyphen and the dashes (E2 80
    // 93/94); memchr finds their bytes far faster than a loop over all.
    for i in memchr::memchr3_iter(b',', b';', b':', b) {
        brk(i, 1);
    }
    for i in memchr::memchr3_iter(b'(', b')', b'-', b) {
        if b[i] != b'-' || i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') {
            brk(i, 1);
        }
    }
    for i in memchr::memchr_iter(0xE2, b) {
        if s[i..].starts_with(['—', '–']) {
            brk(i, '—'.len_utf8());
        }
    }
    // Clause words standing as whole words, as `words` would cut them. A
    // small automaton finds the few places worth checking: cheaper than
    // cutting the sentence into words again, or a loop over its bytes.
    for m in clause_word_finder().find_overlapping_iter(s) {
        if word_starts_at(s, m.start()) && word_ends_at(s, m.end()) {
            out.push(sentence.start + m.start());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn clause_word_finder() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(CLAUSE_WORDS)
            // Fixed words known at compile time.
            .expect("clause words build")
    })
}

/// Whether a word (as [`words`] cuts them) starts at `i`, given that the
/// character there is a letter: the one before is not part of a word. A
/// letter or digit is; so is a joining mark ("two-way") after a letter or
/// digit. (A comma joins only digits.)
fn word_starts_at(s: &str, i: usize) -> bool {
    let mut before = s[..i].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('\'' | '’' | '-' | '.' | '&') => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Whether a word that reached `i` (its last character a letter) ends there:
/// no letter or digit follows, nor a joining mark with one after it.
fn word_ends_at(s: &str, i: usize) -> bool {
    let mut after = s[i..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('\'' | '’' | '-' | '.' | '&') => !after.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Which clause (0-based) holds `offset`.
pub fn clause_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(prose: &str) -> Vec<&str> {
        split(prose).into_iter().map(|r| &prose[r]).collect()
    }

    #[test]
    fn splits_on_full_stops_not_abbreviations_or_decimals() {
        assert_eq!(
            texts("Trade rose 24.5% in 2018. The U.S. economy grew. Mr. Xi said so."),
            vec![
                "Trade rose 24.5% in 2018.",
                "The U.S. economy grew.",
                "Mr. Xi said so."
            ]
        );
        // A digit is no initial: its full stop ends the sentence.
        assert_eq!(
            texts("Independents won 4. A coalition would hold 45 seats. J. Smith agreed."),
            vec![
                "Independents won 4.",
                "A coalition would hold 45 seats.",
                "J. Smith agreed."
            ]
        );
    }

    #[test]
    fn newline_ends_a_sentence_and_quotes_stay() {
        assert_eq!(
            texts("Headline\n\"It rose.\" Then"),
            vec!["Headline", "\"It rose.\"", "Then"]
        );
    }

    #[test]
    fn words_keep_inner_marks() {
        let w: Vec<&str> = words("Xi's two-way U.S. trade", 0..23)
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, vec!["Xi's", "two-way", "U.S", "trade"]);
        let w: Vec<&str> = words("Acme Foods' revenue, the 'Foods' Rest", 0..37)
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, vec!["Acme", "Foods'", "revenue", "the", "Foods", "Rest"]);
    }

    #[test]
    fn clause_words_are_whole_words() {
        for s in [
            "It rose, while exports fell but imports rose",
            "Meanwhile, butter. WHILE x; Although-ish; x-while; while-x; co-while",
            "’while ’x’while while’s while’ (though) “although” although.5 although.",
            "unlike5 versus, Compared éwhile whileé 3,but but,3 a&after after&",
        ] {
            let want: Vec<usize> = words(s, 0..s.len())
                .iter()
                .filter(|w| CLAUSE_WORDS.contains(&w.text.to_ascii_lowercase().as_str()))
                .map(|w| w.start)
                .collect();
            let got: Vec<usize> = clause_starts(s, 0..s.len(), &[])
                .into_iter()
                .filter(|&i| s[i..].starts_with(|c: char| c.is_alphabetic()))
                .collect();
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn clauses_skip_protected_commas() {
        let s = "It met on June 5, 2019, while 5,674 came";
        let protected = vec![10..22, 30..35];
        let starts = clause_starts(s, 0..s.len(), &protected);
        assert_eq!(starts, vec![23, 24]);
        assert_eq!(clause_of(&starts, 5), 0);
        assert_eq!(clause_of(&starts, 31), 2);
    }
}
