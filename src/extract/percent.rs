//! Percent and percentage-point units after a number. Percentage points are
//! a different unit: "rose 2 percentage points" is not "rose 2%". Basis
//! points are hundredths of a point.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{space0, space1};
use nom::combinator::{opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::number::word_end;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentUnit {
    Percent,
    Points,
    BasisPoints,
}

fn sep(input: &str) -> IResult<&str, ()> {
    value((), alt((tag("-"), space1, space0))).parse(input)
}

/// `%`, ` per cent`, ` percent`, `pc`, `-percent`, ` percentage points`,
/// `pp`, ` basis points`, `bps`.
pub fn unit(input: &str) -> IResult<&str, PercentUnit> {
    alt((
        value(PercentUnit::Percent, preceded(space0, tag("%"))),
        preceded(
            sep,
            alt((
                value(
                    PercentUnit::Points,
                    terminated(
                        (
                            tag_no_case("percentage"),
                            alt((tag("-"), space1)),
                            tag_no_case("point"),
                            opt(tag_no_case("s")),
                        ),
                        word_end,
                    ),
                ),
                value(
                    PercentUnit::BasisPoints,
                    terminated(
                        (
                            tag_no_case("basis"),
                            alt((tag("-"), space1)),
                            tag_no_case("point"),
                            opt(tag_no_case("s")),
                        ),
                        word_end,
                    ),
                ),
                value(
                    PercentUnit::Percent,
                    terminated(
                        alt((
                            (
                                tag_no_case("per"),
                                alt((space1, tag("-"))),
                                tag_no_case("cent"),
                            )
                                .map(|_| ()),
                            tag_no_case("percent").map(|_| ()),
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
        assert!(unit(" pcs").is_err());
        assert!(unit(" people").is_err());
    }
}
