//! Passages that repeat earlier text of the same file. Scraped pages often
//! hold an article twice (a print and a web version, a teaser and the body);
//! the second copy must not count as a second source.

use std::collections::HashSet;
use std::ops::Range;

/// Lines shorter than this are too generic to call a repeat ("Read more").
const MIN_REPEAT_CHARS: usize = 40;

/// Byte ranges of lines identical (up to spacing) to an earlier line.
pub fn find(prose: &str) -> Vec<Range<usize>> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    let mut start = 0;
    for line in prose.split_inclusive('\n') {
        let key: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if key.len() >= MIN_REPEAT_CHARS && !seen.insert(key) {
            out.push(start..start + line.len());
        }
        start += line.len();
    }
    out
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
}
