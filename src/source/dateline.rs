//! The publication date from a dateline near the top of an article, when
//! there is no front matter: "9 June 2019", "MOSCOW, June 9, 2019 --",
//! "Published: 2019-06-09".
//!
//! A scrape's chrome also carries dates ("Joined Nov 29, 2016 · Messages
//! 5,674"); a date beside such a label is not the article's.

use chrono::NaiveDate;

use crate::extract::date::full_date;

/// How many non-empty lines from the top may hold the dateline.
const SEARCH_LINES: usize = 12;
/// A dateline is short; a long line with a date in it is a sentence.
const MAX_DATELINE_CHARS: usize = 80;

/// Words that mark a date as a forum's or a profile's, not the article's.
const CHROME_LABELS: &[&str] = &[
    "joined",
    "member since",
    "registered",
    "last seen",
    "last edited",
    "messages",
    "posts",
    "reputation",
    "points",
    "reaction score",
    "last updated by",
    "copyright",
    "©",
];

/// Labels that introduce a publication date.
const LEADS: &[&str] = &[
    "published:",
    "published",
    "posted:",
    "posted",
    "updated:",
    "updated",
    "date:",
    "dateline:",
];

pub fn find(prose: &str, body_start: usize) -> Option<NaiveDate> {
    let mut previous = "";
    for line in prose[body_start..]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(SEARCH_LINES)
    {
        let lower = line.to_lowercase();
        let labelled_chrome = |s: &str| CHROME_LABELS.iter().any(|c| s.contains(c));
        if line.chars().count() <= MAX_DATELINE_CHARS
            && !labelled_chrome(&lower)
            && !labelled_chrome(&previous.to_lowercase())
        {
            if let Some(d) = date_in_line(line) {
                return Some(d);
            }
        }
        previous = line;
    }
    None
}

/// A full date at the start of the line, after a list marker, a lead label,
/// or a CAPITALISED place name and comma ("MOSCOW, June 9, 2019").
fn date_in_line(line: &str) -> Option<NaiveDate> {
    let mut rest = line.trim_start_matches(['-', '*', '•', '·', ' ']);
    let lower = rest.to_lowercase();
    for lead in LEADS {
        if lower.starts_with(lead) {
            rest = rest[lead.len()..].trim_start();
            break;
        }
    }
    if let Ok((_, d)) = full_date(rest) {
        return Some(d);
    }
    // "MOSCOW, June 9, 2019 --"
    let (place, after) = rest.split_once(',')?;
    let is_place = !place.is_empty()
        && place
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-');
    if is_place {
        full_date(after).ok().map(|(_, d)| d)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn plain_dateline() {
        assert_eq!(find("9 June 2019\n\nHeadline\n", 0), d(2019, 6, 9));
        assert_eq!(find("MOSCOW, June 9, 2019 -- text\n", 0), d(2019, 6, 9));
        assert_eq!(find("Published: 2019-06-09\n", 0), d(2019, 6, 9));
    }

    #[test]
    fn forum_chrome_is_not_a_dateline() {
        assert_eq!(
            find("- Joined\n- Nov 29, 2016\n- Messages\n- 5,674\n", 0),
            None
        );
        assert_eq!(find("Joined Nov 29, 2016\n", 0), None);
    }

    #[test]
    fn date_inside_a_sentence_is_not_a_dateline() {
        let text =
            "Officials said on June 9, 2019 that trade had risen sharply over the year before.";
        assert_eq!(find(text, 0), None);
    }
}
