//! Scale words after a number: "million", "bn", glued or spaced.

use nom::branch::alt;
use nom::character::complete::{space0, space1};
use nom::combinator::{opt, value};
use nom::sequence::terminated;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use super::number::{refuse, tag_ci, word_end};

/// A scale and whether it was the short form ("bn", "m").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// What the word multiplies by: 10^9 for "billion" or "bn".
    pub factor: Decimal,
    /// "m" and "k" are only trusted beside a currency ("100m" may be metres).
    pub ambiguous: bool,
}

fn pow10(n: u32) -> Decimal {
    Decimal::from(10u64.pow(n))
}

// long forms, plural allowed: thousand(s) million(s) billion(s) trillion(s)
// lakh crore, crore, lakh ("Rs 3.4 lakh crore" is 3.4 × 10^12)
pub(crate) fn long_scale(input: &str) -> IResult<&str, Decimal> {
    terminated(
        alt((
            value(
                pow10(12),
                (tag_ci("lakh"), opt(tag_ci("s")), space1, tag_ci("crore")),
            ),
            value(pow10(12), tag_ci("trillion")),
            value(pow10(9), tag_ci("billion")),
            value(pow10(6), tag_ci("million")),
            value(pow10(3), tag_ci("thousand")),
            value(pow10(7), tag_ci("crore")),
            value(pow10(5), tag_ci("lakh")),
        )),
        (opt(tag_ci("s")), word_end),
    )
    .parse(input)
}

// short forms: trn tn bn bln mln mn m k b — must end the word ("$108bn",
// "5 bn", Reuters' "$19.3 bln")
fn short_scale(input: &str) -> IResult<&str, (Decimal, bool)> {
    terminated(
        alt((
            value((pow10(12), false), tag_ci("trn")),
            value((pow10(12), false), tag_ci("tn")),
            value((pow10(9), false), tag_ci("bn")),
            value((pow10(9), false), tag_ci("bln")),
            value((pow10(6), false), tag_ci("mln")),
            value((pow10(6), false), tag_ci("mn")),
            value((pow10(6), true), tag_ci("m")),
            value((pow10(3), true), tag_ci("k")),
            value((pow10(9), true), tag_ci("b")),
        )),
        word_end,
    )
    .parse(input)
}

/// `[ ]scale` after a number.
pub fn scale(input: &str) -> IResult<&str, Scale> {
    // "a $85.4-billion deal": a spelled-out scale joined by a hyphen.
    if let Some(r) = input.strip_prefix('-') {
        if let Ok((r, factor)) = long_scale(r) {
            return Ok((
                r,
                Scale {
                    factor,
                    ambiguous: false,
                },
            ));
        }
    }
    let (rest, _) = space0.parse(input)?;
    // Every scale word starts with one of these: most numbers are followed
    // by something else, and need not go through the list.
    if !rest.starts_with(['t', 'b', 'm', 'c', 'l', 'k', 'T', 'B', 'M', 'C', 'L', 'K']) {
        return refuse(input);
    }
    if let Ok((r, factor)) = long_scale(rest) {
        return Ok((
            r,
            Scale {
                factor,
                ambiguous: false,
            },
        ));
    }
    // Short forms are glued or follow one space.
    let (r, (factor, ambiguous)) = short_scale(rest)?;
    if input.len() - rest.len() > 1 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Space,
        )));
    }
    Ok((r, Scale { factor, ambiguous }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn long_and_short_scales() {
        assert_eq!(scale(" billion in").unwrap().1.factor, dec!(1000000000));
        assert_eq!(scale("bn,").unwrap().1.factor, dec!(1000000000));
        assert_eq!(scale("trn ").unwrap().1.factor, dec!(1000000000000));
        assert_eq!(scale(" million").unwrap().1.factor, dec!(1000000));
        assert_eq!(scale("-billion deal").unwrap().1.factor, dec!(1000000000));
        assert!(scale("-bn").is_err());
        assert_eq!(
            scale("m").unwrap().1,
            Scale {
                factor: dec!(1000000),
                ambiguous: true
            }
        );
        assert_eq!(scale(" crore").unwrap().1.factor, dec!(10000000));
        assert_eq!(scale(" lakh crore,").unwrap().1.factor, dec!(1000000000000));
    }

    #[test]
    fn scale_must_end_a_word() {
        assert!(scale(" billionaire").is_err());
        assert!(scale("mm").is_err());
        assert!(scale(" members").is_err());
        assert!(scale("  bn").is_err());
    }
}
