//! Percent and percentage-point units after a number. Percentage points are
//! a different unit: "rose 2 percentage points" is not "rose 2%". Basis
//! points are hundredths of a point.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{space0, space1};
use nom::combinator::{opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::number::{after_spaces, refuse, tag_ci, word_end};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Which percent unit follows a number.
pub enum PercentUnit {
    /// Percent: "%", "per cent", "percent", "pct".
    Percent,
    /// Percentage points: "percentage points", "pp".
    Points,
    /// Basis points, hundredths of a percentage point: "basis points", "bps".
    BasisPoints,
}

fn sep(input: &str) -> IResult<&str, ()> {
    value((), alt((tag("-"), space1, space0))).parse(input)
}

/// `%`, ` per cent`, ` percent`, `pc`, `-percent`, ` percentage points`,
/// `pp`, ` basis points`, `bps`.
pub fn unit(input: &str) -> IResult<&str, PercentUnit> {
    // "%" after spaces, or after `sep` a word starting with "p" or "b": most
    // numbers are followed by something else, and need not go through the list.
    let after_sep = input
        .strip_prefix('-')
        .unwrap_or_else(|| after_spaces(input));
    if !(after_spaces(input).starts_with('%') || after_sep.starts_with(['p', 'P', 'b', 'B'])) {
        return refuse(input);
    }
    alt((
        value(PercentUnit::Percent, preceded(space0, tag("%"))),
        preceded(
            sep,
            alt((
                value(
                    PercentUnit::Points,
                    terminated(
                        (
                            tag_ci("percentage"),
                            alt((tag("-"), space1)),
                            tag_ci("point"),
                            opt(tag_ci("s")),
                        ),
                        word_end,
                    ),
                ),
                value(
                    PercentUnit::BasisPoints,
                    terminated(
                        (
                            tag_ci("basis"),
                            alt((tag("-"), space1)),
                            tag_ci("point"),
                            opt(tag_ci("s")),
                        ),
                        word_end,
                    ),
                ),
                value(
                    PercentUnit::Percent,
                    terminated(
                        alt((
                            (tag_ci("per"), alt((space1, tag("-"))), tag_ci("cent")).map(|_| ()),
                            // "percents" and a bare "percentage" are loose
                            // spellings of percent ("percentage points"
                            // was tried first).
                            tag_ci("percents").map(|_| ()),
                            tag_ci("percentage").map(|_| ()),
                            tag_ci("percent").map(|_| ()),
                            tag_ci("pct").map(|_| ()),
                        )),
                        word_end,
                    ),
                ),
                value(
                    PercentUnit::Points,
                    terminated(alt((tag("ppts"), tag("ppt"), tag("pp"))), word_end),
                ),
                value(
                    PercentUnit::BasisPoints,
                    terminated(alt((tag("bps"), tag("bp"))), word_end),
                ),
                value(PercentUnit::Percent, terminated(tag("pc"), word_end)),
            )),
        ),
    ))
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_spellings() {
        for s in [
            "%",
            " %",
            " per cent",
            " percent",
            "pc",
            "-percent",
            " Per Cent",
            "-per-cent",
            " percents",
            " percentage",
            " pct",
            " Pct",
        ] {
            assert_eq!(unit(s).unwrap(), ("", PercentUnit::Percent), "{s}");
        }
    }

    #[test]
    fn points_are_not_percent() {
        assert_eq!(unit(" percentage points").unwrap().1, PercentUnit::Points);
        assert_eq!(unit(" percentage point").unwrap().1, PercentUnit::Points);
        assert_eq!(unit("pp").unwrap().1, PercentUnit::Points);
        assert_eq!(unit(" basis points").unwrap().1, PercentUnit::BasisPoints);
        assert_eq!(unit("bps").unwrap().1, PercentUnit::BasisPoints);
    }

    #[test]
    fn words_that_start_alike_are_rejected() {
        assert!(unit(" percentages").is_err());
        assert!(unit(" pctg").is_err());
        assert!(unit(" pcs").is_err());
        assert!(unit(" people").is_err());
    }
}
