//! Sentences, clauses and words: the frame in which a figure finds its
//! measure, role and period.

use std::ops::Range;

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
    while i < bytes.len() {
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
    // "U.S." or "e.g." or an initial: dotted single letters.
    if word.split('.').all(|p| p.chars().count() <= 1) && !word.is_empty() {
        return false;
    }
    !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// A word and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Words of `prose[range]`: runs of letters and digits, keeping inner
/// apostrophes, hyphens and dots ("Xi's", "two-way", "U.S").
pub fn words(prose: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let s = &prose[range.clone()];
    let mut start: Option<usize> = None;
    let mut prev_digit = false;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_alnum = iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let next_digit = iter.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        // "24.5", "Xi's", "two-way", and "21,480" as one word.
        let inner = (matches!(c, '\'' | '’' | '-' | '.' | '&') && next_alnum
            || c == ',' && prev_digit && next_digit)
            && start.is_some();
        prev_digit = c.is_ascii_digit();
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push(Word {
                text: &s[st..i],
                start: range.start + st,
                end: range.start + i,
            });
        }
    }
    if let Some(st) = start {
        out.push(Word {
            text: &s[st..],
            start: range.start + st,
            end: range.end,
        });
    }
    out
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
    for (i, c) in s.char_indices() {
        let at = sentence.start + i;
        let is_break = match c {
            ',' | ';' | ':' | '(' | ')' | '—' | '–' => true,
            '-' => s[..i].ends_with(' ') && s[i + 1..].starts_with(' '),
            _ => false,
        };
        if is_break && !protected.iter().any(|r| r.contains(&at)) {
            out.push(at + c.len_utf8());
        }
    }
    for w in words(prose, sentence.clone()) {
        if CLAUSE_WORDS.contains(&w.text.to_ascii_lowercase().as_str()) {
            out.push(w.start);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
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
