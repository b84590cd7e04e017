//! Numbers as writers spell them: digits with thousands separators and
//! decimals, signs, number words, and spoken fractions.
//!
//! Every parser returns the value as a [`Decimal`] together with how
//! precisely it was written, which later decides the figure's interval.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space1};
use nom::combinator::{map, map_opt, not, opt, peek, recognize, value};
use nom::multi::many1;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

/// A number as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// Its value, signed, before any scale word: 1.5 for "1.5bn", 0.5 for
    /// "half".
    pub value: Decimal,
    /// Digits after the decimal point ("24.5" → 1).
    pub decimals: u32,
    /// How it was written; words and fractions are vaguer than digits.
    pub form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// How a number is written.
pub enum Form {
    /// In digits: "24.5", "1,200".
    Digits,
    /// In number words: "three", "twenty-five", "a dozen".
    Words,
    /// "half", "two-thirds": a share, value in [0, 1].
    Fraction,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// nom's `tag_no_case` for an ASCII tag, comparing bytes. nom's own
/// lowercases every character through the Unicode tables, which took about
/// 40% of the scan. For ASCII tags the two agree, except that nom also
/// lets the Kelvin sign stand for "k" (and then panics, splitting it).
pub fn tag_ci<'a>(t: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    debug_assert!(t.is_ascii());
    move |input: &'a str| match input.as_bytes().get(..t.len()) {
        Some(head) if head.eq_ignore_ascii_case(t.as_bytes()) => {
            Ok((&input[t.len()..], &input[..t.len()]))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A nom error at `input`, for the quick refusals in front of the parsers.
pub fn refuse<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// `input` after the spaces and tabs that nom's `space0` would take.
pub fn after_spaces(input: &str) -> &str {
    input.trim_start_matches([' ', '\t'])
}

/// Succeeds without consuming when the next character does not continue a word.
pub fn word_end(input: &str) -> IResult<&str, ()> {
    not(peek(nom::character::complete::satisfy(is_word_char))).parse(input)
}

// 1,234,567 | 2,40,310 | 1234 — groups of exactly three after a comma, or
// the Indian grouping: pairs, then a last group of three.
fn integer_part(input: &str) -> IResult<&str, &str> {
    let pair = || {
        (
            char(','),
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
            peek(char(',')),
        )
    };
    let no_digit = || {
        not(peek(nom::character::complete::satisfy(|c| {
            c.is_ascii_digit()
        })))
    };
    alt((
        recognize((
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            many1(pair()),
            char(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
            no_digit(),
        )),
        recognize((
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            many1((
                char(','),
                take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
            )),
            not(peek(nom::character::complete::satisfy(|c| {
                c.is_ascii_digit()
            }))),
        )),
        digit1,
    ))
    .parse(input)
}

/// `[+-−]? 1,234.56` — digits with optional thousands separators and decimals.
pub fn digits(input: &str) -> IResult<&str, Number> {
    let (rest, (sign, (int, frac))) = (
        opt(alt((
            value(-1i8, alt((char('-'), char('−')))),
            value(1i8, char('+')),
        ))),
        alt((
            (integer_part, opt(preceded(char('.'), digit1))),
            // ".5" (as in "$.5bn"): no integer part, a zero.
            preceded(char('.'), digit1).map(|f| ("0", Some(f))),
        )),
    )
        .parse(input)?;
    let decimals = frac.map_or(0, |f| f.len() as u32);
    // More digits than a Decimal holds: a failure, not a mismatch, so that
    // no other reading is tried and the scan can report the figure.
    let mut value = decimal(int, frac).ok_or_else(|| {
        nom::Err::Failure(nom::error::Error::new(
            input,
            nom::error::ErrorKind::TooLarge,
        ))
    })?;
    if sign == Some(-1) {
        value = -value;
    }
    Ok((
        rest,
        Number {
            value,
            decimals,
            form: Form::Digits,
        },
    ))
}

/// The value of `int[.frac]` (`int` may hold thousands commas), with the
/// scale `Decimal::from_str` gives it: as many places as `frac` has digits.
fn decimal(int: &str, frac: Option<&str>) -> Option<Decimal> {
    let digits = || {
        int.bytes()
            .chain(frac.unwrap_or("").bytes())
            .filter(|b| b.is_ascii_digit())
    };
    let places = frac.map_or(0, str::len);
    // Up to 18 digits fit a u64 exactly: no string to build and parse.
    if int.len() + places <= 18 {
        let mantissa = digits().fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
        return Some(Decimal::from_i128_with_scale(
            i128::from(mantissa),
            places as u32,
        ));
    }
    let mut text: String = int.chars().filter(|c| *c != ',').collect();
    if let Some(f) = frac {
        text.push('.');
        text.push_str(f);
    }
    text.parse().ok()
}

/// Number words zero to nineteen, indexed by value.
pub const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// Twenty to ninety: `TENS[i]` is `(i + 2) * 10`.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn alpha_word(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphabetic()).parse(input)
}

// one … nineteen
fn unit_word(input: &str) -> IResult<&str, u32> {
    map_opt(alpha_word, |w: &str| {
        UNITS
            .iter()
            .position(|u| u.eq_ignore_ascii_case(w))
            .map(|i| i as u32)
    })
    .parse(input)
}

// twenty … ninety, then optionally -one … -nine
fn tens_word(input: &str) -> IResult<&str, u32> {
    let (rest, tens) = map_opt(alpha_word, |w: &str| {
        TENS.iter()
            .position(|t| t.eq_ignore_ascii_case(w))
            .map(|i| (i as u32 + 2) * 10)
    })
    .parse(input)?;
    let (rest, unit) = opt(preceded(
        alt((char('-'), char(' '))),
        map_opt(unit_word, |u| (1..=9).contains(&u).then_some(u)),
    ))
    .parse(rest)?;
    Ok((rest, tens + unit.unwrap_or(0)))
}

// 1 … 99 in words
fn below_hundred(input: &str) -> IResult<&str, u32> {
    alt((tens_word, unit_word)).parse(input)
}

/// Number words: "three", "twenty-five", "a dozen", "a hundred",
/// "three hundred and fifty". Scale words (thousand, million...) are left to
/// the scale parser so that "three million" and "3 million" share one path.
pub fn words(input: &str) -> IResult<&str, Number> {
    let hundred = |i| preceded(space1, tag_ci("hundred")).parse(i);
    let (rest, n) = alt((
        // a dozen / a hundred
        map(
            (
                alt((tag_ci("a"), tag_ci("one"))),
                space1,
                tag_ci("dozen"),
                word_end,
            ),
            |_| 12u32,
        ),
        map((tag_ci("a"), space1, tag_ci("hundred"), word_end), |_| {
            100u32
        }),
        // three hundred [and] fifty
        map(
            (
                below_hundred,
                hundred,
                opt(preceded(
                    (space1, opt((tag_ci("and"), space1))),
                    below_hundred,
                )),
                word_end,
            ),
            |(h, _, rest, _)| h * 100 + rest.unwrap_or(0),
        ),
        map((below_hundred, word_end), |(n, _)| n),
    ))
    .parse(input)?;
    Ok((
        rest,
        Number {
            value: Decimal::from(n),
            decimals: 0,
            form: Form::Words,
        },
    ))
}

// half | third(s) | quarter(s) | fifth(s) … tenth(s): denominator
fn fraction_noun(input: &str) -> IResult<&str, u32> {
    map_opt(alpha_word, |w: &str| {
        let w = w.to_ascii_lowercase();
        let w = w.strip_suffix('s').unwrap_or(&w).to_string();
        Some(match w.as_str() {
            "half" | "halve" => 2,
            "third" => 3,
            "quarter" => 4,
            "fifth" => 5,
            "sixth" => 6,
            "seventh" => 7,
            "eighth" => 8,
            "ninth" => 9,
            "tenth" => 10,
            _ => return None,
        })
    })
    .parse(input)
}

/// Spoken fractions: "half", "a third", "two-thirds", "three quarters",
/// "one-fifth". The value is the share, 0.5 for "half".
pub fn fraction(input: &str) -> IResult<&str, Number> {
    let numerator = alt((
        value(1u32, tag_ci("a")),
        value(1u32, tag_ci("one")),
        map_opt(unit_word, |u| (2..=9).contains(&u).then_some(u)),
    ));
    let (rest, (num, den)) = alt((
        map(
            (numerator, alt((tag("-"), space1)), fraction_noun, word_end),
            |(n, _, d, _)| (n, d),
        ),
        map((tag_ci("half"), word_end), |_| (1, 2)),
    ))
    .parse(input)?;
    if num >= den {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        rest,
        Number {
            value: Decimal::from(num) / Decimal::from(den),
            decimals: 0,
            form: Form::Fraction,
        },
    ))
}

/// Any number: digits first, then fractions (so "a third" beats "a"), then
/// words; a whole number may go on "and a half" ("two and a half
/// million", "3 and a half years"), good to the half.
pub fn number(input: &str) -> IResult<&str, Number> {
    let (rest, n) = alt((digits, fraction, words)).parse(input)?;
    if n.form == Form::Fraction || n.decimals > 0 {
        return Ok((rest, n));
    }
    let and_a_half = (
        space1,
        tag_ci("and"),
        space1,
        tag_ci("a"),
        space1,
        tag_ci("half"),
        word_end,
    );
    match nom::combinator::opt(and_a_half).parse(rest)? {
        (rest, Some(_)) => Ok((
            rest,
            Number {
                value: n.value + Decimal::new(5, 1),
                decimals: 1,
                ..n
            },
        )),
        (_, None) => Ok((rest, n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn val(r: IResult<&str, Number>) -> (Decimal, &str) {
        let (rest, n) = r.unwrap();
        (n.value, rest)
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(val(digits("5,674 points")), (dec!(5674), " points"));
        assert_eq!(val(digits("24.5%")), (dec!(24.5), "%"));
        assert_eq!(val(digits("1,234,567.25")), (dec!(1234567.25), ""));
        assert_eq!(val(digits("2,40,310 crore")), (dec!(240310), " crore"));
        assert_eq!(val(digits("1,00,000")), (dec!(100000), ""));
        assert_eq!(val(digits(".5bn")), (dec!(0.5), "bn"));
        assert!(digits(".").is_err());
        assert_eq!(val(digits("-3.2")), (dec!(-3.2), ""));
        assert_eq!(val(digits("−7")), (dec!(-7), ""));
        assert_eq!(digits("24.5").unwrap().1.decimals, 1);
    }

    #[test]
    fn short_numbers_have_the_scale_from_str_gives() {
        for (int, frac) in [
            ("0", None),
            ("007", Some("50")),
            ("1,234,567", Some("250")),
            ("999999999999999999", None),
            ("99999999999999999", Some("9")),
            ("123456789", Some("000000000")),
            ("0", Some("000000000000000001")),
        ] {
            let text = format!(
                "{}{}",
                int.replace(',', ""),
                frac.map_or(String::new(), |f| format!(".{f}"))
            );
            let want: Decimal = text.parse().unwrap();
            let got = decimal(int, frac).unwrap();
            assert_eq!(
                (got, got.scale(), got.mantissa()),
                (want, want.scale(), want.mantissa()),
                "{text}"
            );
        }
    }

    #[test]
    fn comma_not_followed_by_three_digits_is_not_a_separator() {
        assert_eq!(val(digits("2,3 and")), (dec!(2), ",3 and"));
        assert_eq!(val(digits("1,2345")), (dec!(1), ",2345"));
    }

    #[test]
    fn sentence_full_stop_is_not_a_decimal_point() {
        assert_eq!(val(digits("108. Next")), (dec!(108), ". Next"));
    }

    #[test]
    fn number_words() {
        assert_eq!(val(words("three days")), (dec!(3), " days"));
        assert_eq!(val(words("twenty-five people")), (dec!(25), " people"));
        assert_eq!(val(words("a dozen eggs")), (dec!(12), " eggs"));
        assert_eq!(val(words("a hundred")), (dec!(100), ""));
        assert_eq!(val(words("three hundred and fifty")), (dec!(350), ""));
        assert!(words("someone").is_err());
        assert!(words("oneself").is_err());
    }

    #[test]
    fn fractions() {
        assert_eq!(val(fraction("half of")), (dec!(0.5), " of"));
        assert_eq!(val(fraction("two-thirds of")), (dec!(2) / dec!(3), " of"));
        assert_eq!(val(fraction("a quarter of")), (dec!(0.25), " of"));
        assert_eq!(val(fraction("three quarters")), (dec!(0.75), ""));
        assert!(fraction("a thirdly").is_err());
        assert!(fraction("four thirds").is_err());
    }

    #[test]
    fn number_prefers_fraction_over_article() {
        let (_, n) = number("a third of").unwrap();
        assert_eq!(n.form, Form::Fraction);
    }
}
