//! Passages that repeat earlier text of the same file. Scraped pages often
//! hold an article twice (a print and a web version, a teaser and the body);
//! the second copy must not count as a second source.
//!
//! A line's key is its text with whitespace normalised (runs collapsed to one
//! space, ends trimmed), written into a buffer that is reused from line to
//! line. Only a hash of each key is kept; lines whose hashes agree are
//! compared in full, so a collision cannot mark a line.

use std::collections::HashMap;
use std::ops::Range;

/// Lines shorter than this are too generic to call a repeat ("Read more").
const MIN_REPEAT_CHARS: usize = 40;

/// Byte ranges of lines identical (up to spacing) to an earlier line.
pub fn find(prose: &str) -> Vec<Range<usize>> {
    // Key hash → the earlier lines with that hash (almost always one).
    let mut seen: HashMap<u64, Vec<Range<usize>>> = HashMap::new();
    let mut out = Vec::new();
    let (mut key, mut earlier_key) = (Vec::new(), Vec::new());
    let mut start = 0;
    for line in prose.split_inclusive('\n') {
        let range = start..start + line.len();
        start += line.len();
        // The key is never longer than the line.
        if line.len() < MIN_REPEAT_CHARS {
            continue;
        }
        let key = normalised(line, &mut key);
        if key.len() < MIN_REPEAT_CHARS {
            continue;
        }
        let earlier = seen.entry(hash(key)).or_default();
        let repeats = earlier
            .iter()
            .any(|r| normalised(&prose[r.clone()], &mut earlier_key) == key);
        if repeats {
            out.push(range);
        } else {
            earlier.push(range);
        }
    }
    out
}

/// `line.split_whitespace()` joined by single spaces: most lines already are
/// (but for the newline), which a few memchr passes tell; others are written
/// into `buf`.
fn normalised<'a>(line: &'a str, buf: &'a mut Vec<u8>) -> &'a [u8] {
    let text = line.strip_suffix('\n').unwrap_or(line).as_bytes();
    let clean = match (text.first(), text.last()) {
        (Some(first), Some(last)) => {
            ASCII_SPACE[usize::from(*first)] == 0
                && ASCII_SPACE[usize::from(*last)] == 0
                && memchr::memmem::find(text, b"  ").is_none()
                && memchr::memchr3(b'\t', b'\r', 0x0B, text).is_none()
                && memchr::memchr(0x0C, text).is_none()
                && !has_unicode_space(line)
        }
        _ => false,
    };
    if clean {
        return text;
    }
    normalise(line, buf);
    buf
}

/// Write `line.split_whitespace()` joined by single spaces into `out`.
fn normalise(line: &str, out: &mut Vec<u8>) {
    out.clear();
    if has_unicode_space(line) {
        for (n, w) in line.split_whitespace().enumerate() {
            if n > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(w.as_bytes());
        }
        return;
    }
    // Only ASCII whitespace: one pass without branches. Every byte is
    // written; the cursor moves on unless the byte is whitespace after
    // whitespace (or at the start), so each run leaves one space.
    out.resize(line.len(), 0);
    let mut k = 0;
    let mut after_space = 1u8;
    for &c in line.as_bytes() {
        let space = ASCII_SPACE[usize::from(c)];
        // Arithmetic rather than `if`: spaces are too frequent to predict.
        out[k] = c ^ ((c ^ b' ') & 0u8.wrapping_sub(space));
        k += usize::from(1 ^ (space & after_space));
        after_space = space;
    }
    // A trailing run left one space.
    if k > 0 && out[k - 1] == b' ' {
        k -= 1;
    }
    out.truncate(k);
}

/// ASCII whitespace as `char::is_whitespace` sees it (the vertical tab too).
/// 1 for a space, 0 otherwise.
const ASCII_SPACE: [u8; 256] = {
    let mut t = [0; 256];
    t[b' ' as usize] = 1;
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[0x0B] = 1;
    t[0x0C] = 1;
    t[b'\r' as usize] = 1;
    t
};

/// Whether the line holds a non-ASCII space (U+00A0, U+2009, U+3000...).
/// Their UTF-8 forms start with C2, E1, E2 or E3; memchr finds those bytes
/// (mostly "£", "€" and curly quotes) and only they are decoded.
fn has_unicode_space(line: &str) -> bool {
    let b = line.as_bytes();
    let space_at = |i: usize| line[i..].starts_with(char::is_whitespace);
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(space_at)
        || memchr::memchr_iter(0xE3, b).any(space_at)
}

/// A small multiplicative hash (as in rustc's FxHasher), eight bytes a step.
fn hash(key: &[u8]) -> u64 {
    let mut chunks = key.chunks_exact(8);
    let mut h = 0u64;
    let mut add = |x: u64| h = (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    for c in &mut chunks {
        add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let tail = chunks.remainder();
    let mut last = [0u8; 8];
    last[..tail.len()].copy_from_slice(tail);
    add(u64::from_le_bytes(last));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_copy_is_marked() {
        let long = "Trade between the two countries rose to a record high.";
        let text = format!("{long}\nShort\n{long}\nShort\n");
        let r = find(&text);
        let second = text.rfind(long).unwrap();
        assert_eq!(r, vec![second..second + long.len() + 1]);
    }

    #[test]
    fn keys_match_split_whitespace() {
        for s in [
            "",
            "   ",
            "x",
            " a  b\tc\u{0B}d\u{C}e\r\n",
            " a\u{A0}b\u{3000}c\u{2009}d\u{85}e\u{1680}f\u{202F} ",
            "Zürich’s “trade” — £5 ¥6 €7\r\n",
            "Zürich’s “trade” — £5 ¥6 €7\n",
            "a b\n",
            "a  b\n",
            "a b \n",
            "\ta b",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut got = Vec::new();
            normalise(s, &mut got);
            assert_eq!(String::from_utf8(got).unwrap(), want, "{s:?}");
            let mut buf = Vec::new();
            assert_eq!(normalised(s, &mut buf), want.as_bytes(), "{s:?}");
        }
    }

    #[test]
    fn spacing_does_not_matter_but_word_breaks_do() {
        let a = "Trade between the two countries rose to a record high.";
        let b = "  Trade between\tthe two  countries rose to a record high. ";
        let c = "Trade betweenthe two countries rose to a record high.";
        let text = format!("{a}\n{b}\n{c}\n");
        let r = find(&text);
        assert_eq!(r.len(), 1);
        assert_eq!(&text[r[0].clone()], format!("{b}\n"));
    }
}
