//! Currencies: symbols and prefixes before a number ("US$", "€", "RMB"),
//! ISO codes before or after, and currency words after ("108 billion US
//! dollars", "739 billion euros", "roubles"). A bare "$" is US dollars and a
//! bare "¥" is yen; "yuan" and "RMB" are renminbi.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{space0, space1};
use nom::combinator::{opt, value};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::number::{after_spaces, refuse, tag_ci, word_end};

/// ISO 4217 codes accepted as written codes ("USD 5bn", "5bn EUR").
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "RUB", "INR", "CHF", "CAD", "AUD", "NZD", "HKD",
    "SGD", "KRW", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "TRY", "SAR", "AED", "IDR",
    "THB",
];

// Symbol prefixes, longest first so "US$" wins over "$".
fn symbol(input: &str) -> IResult<&str, &'static str> {
    alt((
        value("USD", (tag("US"), space0, tag("$"))),
        value("HKD", tag("HK$")),
        value("AUD", alt((tag("AU$"), tag("A$")))),
        value("CAD", alt((tag("CA$"), tag("C$")))),
        value("NZD", tag("NZ$")),
        value("SGD", tag("S$")),
        value("BRL", tag("R$")),
        value("USD", tag("$")),
        value("EUR", tag("€")),
        value("GBP", tag("£")),
        value("JPY", tag("¥")),
        value("INR", tag("₹")),
        value("RUB", tag("₽")),
        value("KRW", tag("₩")),
    ))
    .parse(input)
}

fn iso_code(input: &str) -> IResult<&str, &'static str> {
    let (rest, word) = nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_uppercase())
        .parse(input)?;
    let (rest, _) = word_end(rest)?;
    match ISO_CODES.iter().find(|c| **c == word) {
        Some(&"RMB") => Ok((rest, "CNY")),
        Some(code) => Ok((rest, code)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

// "USD108bn": an ISO code glued to its number.
fn iso_code_glued(input: &str) -> IResult<&str, &'static str> {
    let (rest, word) = nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_uppercase())
        .parse(input)?;
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    let (_, code) = iso_code(&input[..word.len()])?;
    Ok((rest, code))
}

/// A currency written before the number: `US$108`, `€ 5`, `USD 5`,
/// `USD108bn`, `Rs 40`.
pub fn prefix(input: &str) -> IResult<&str, &'static str> {
    // Every form starts with an upper-case letter, "$" or a non-ASCII sign;
    // at a digit (most calls) there is nothing to try.
    match input.as_bytes().first() {
        Some(&b) if b.is_ascii_uppercase() || b == b'$' || !b.is_ascii() => {}
        _ => return refuse(input),
    }
    alt((
        terminated(symbol, space0),
        terminated(iso_code, space1),
        iso_code_glued,
        value("INR", (tag("Rs"), opt(tag(".")), space0)),
    ))
    .parse(input)
}

// The words that name a currency after a number.
fn currency_word(input: &str) -> IResult<&str, &'static str> {
    terminated(
        alt((
            value(
                "USD",
                (
                    alt((tag_ci("US"), tag_ci("U.S."))),
                    space1,
                    tag_ci("dollar"),
                ),
            ),
            value("AUD", (tag_ci("Australian"), space1, tag_ci("dollar"))),
            value("CAD", (tag_ci("Canadian"), space1, tag_ci("dollar"))),
            value("HKD", (tag_ci("Hong Kong"), space1, tag_ci("dollar"))),
            value("CHF", (tag_ci("Swiss"), space1, tag_ci("franc"))),
            value("GBP", (tag_ci("pounds"), space1, tag_ci("sterling"))),
            value("USD", tag_ci("dollar")),
            value("EUR", tag_ci("euro")),
            value("JPY", tag_ci("yen")),
            value("CNY", tag_ci("yuan")),
            value("CNY", tag_ci("renminbi")),
            value("RUB", tag_ci("rouble")),
            value("RUB", tag_ci("ruble")),
            value("INR", tag_ci("rupee")),
            value("KRW", tag("won")),
        )),
        (opt(tag_ci("s")), word_end),
    )
    .parse(input)
}

/// A currency named after the number: ` US dollars`, ` euros`, ` in US
/// dollars`, ` USD`.
pub fn suffix(input: &str) -> IResult<&str, &'static str> {
    // Spaces, then a word: every form starts with an ASCII letter.
    let word = after_spaces(input);
    if word.len() == input.len() || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return refuse(input);
    }
    preceded(
        space1,
        alt((
            currency_word,
            iso_code,
            preceded((tag_ci("in"), space1), currency_word),
        )),
    )
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix("US$108").unwrap(), ("108", "USD"));
        assert_eq!(prefix("US $108").unwrap(), ("108", "USD"));
        assert_eq!(prefix("$5").unwrap(), ("5", "USD"));
        assert_eq!(prefix("€1.2trn").unwrap(), ("1.2trn", "EUR"));
        assert_eq!(prefix("RMB 30").unwrap(), ("30", "CNY"));
        assert_eq!(prefix("USD 5").unwrap(), ("5", "USD"));
        assert_eq!(prefix("USD108bn").unwrap(), ("108bn", "USD"));
        assert_eq!(prefix("RMB200bn").unwrap(), ("200bn", "CNY"));
        assert_eq!(prefix("HK$3").unwrap(), ("3", "HKD"));
        assert!(prefix("ABC 5").is_err());
    }

    #[test]
    fn suffixes() {
        assert_eq!(suffix(" US dollars last").unwrap(), (" last", "USD"));
        assert_eq!(suffix(" in US dollars").unwrap(), ("", "USD"));
        assert_eq!(suffix(" euros").unwrap(), ("", "EUR"));
        assert_eq!(suffix(" roubles").unwrap(), ("", "RUB"));
        assert_eq!(suffix(" rubles").unwrap(), ("", "RUB"));
        assert_eq!(suffix(" yuan,").unwrap(), (",", "CNY"));
        assert_eq!(suffix(" EUR.").unwrap(), (".", "EUR"));
        assert!(suffix(" wonder").is_err());
        assert!(suffix(" dollarisation").is_err());
    }
}
