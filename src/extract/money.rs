//! Currencies around a number, read through the table of
//! `rules/currencies.toml` and the ISO 4217 list ([`Currencies`]): a sign
//! or code before ("US$", "€", "USD 5bn", "Rs"), a sign, code or name after
//! ("70 €", "45元", "5bn USD", "212 million pounds", "60 Chinese yuan"),
//! minor units ("2.5 cents", "310p") and amounts in two units ("7 dollars
//! 25 cents", "£4 and 50p").

use nom::character::complete::space1;
use nom::combinator::opt;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use super::number::{self, refuse, tag_ci, Form as NumberForm, Number};
use crate::lexicon::currency::{Currencies, Form};

/// Currency forms are at most this many bytes before the number ("Mex$",
/// "us $ ", "RMB¥").
const LONGEST_BEFORE: usize = 12;

/// A currency written before the number that `input` starts with:
/// `US$108`, `€ 5`, `USD 5`, `USD108bn`, `Rs 40`. Returns the input at the
/// number.
pub fn prefix<'a>(cur: &Currencies, input: &'a str) -> IResult<&'a str, Form> {
    // The form ends where the number starts: at the first digit, within a
    // few bytes, on one line.
    let Some(digit) = input
        .char_indices()
        .take_while(|&(i, c)| i <= LONGEST_BEFORE && c != '\n')
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
    else {
        return refuse(input);
    };
    if digit == 0 {
        return refuse(input);
    }
    match cur.before_at(&input[..digit]) {
        Some((0, form)) => Ok((&input[digit..], form)),
        // "$.5bn": the number starts at its decimal point ("Rs.40" was
        // taken above: "Rs." is a sign).
        _ if input[..digit].ends_with('.') => match cur.before_at(&input[..digit - 1]) {
            Some((0, form)) => Ok((&input[digit - 1..], form)),
            _ => refuse(input),
        },
        _ => refuse(input),
    }
}

/// Where a currency form written before a number at `at` starts, looking
/// back no further than `floor`.
pub fn prefix_start(cur: &Currencies, prose: &str, floor: usize, at: usize) -> Option<usize> {
    let from =
        crate::source::ceil_char_boundary(prose, at.saturating_sub(LONGEST_BEFORE).max(floor));
    let (start, _) = cur.before_at(&prose[from..at])?;
    Some(from + start)
}

/// A currency named or signed after the number: ` US dollars`, `€`,
/// ` in US dollars`, ` USD`, ` cents`, `p`.
pub fn suffix<'a>(cur: &Currencies, input: &'a str) -> IResult<&'a str, Form> {
    match cur.after_at(input) {
        Some((used, form)) => Ok((&input[used..], form)),
        None => refuse(input),
    }
}

/// "7 dollars 25 cents", "eleven dollars and twenty cents", "£4 and 50p":
/// the minor amount that completes a whole major amount of the same
/// currency. Returns the combined number.
pub fn minor_part<'a>(
    cur: &Currencies,
    major: &Form,
    whole: Number,
    input: &'a str,
) -> Option<(&'a str, Number)> {
    if whole.decimals > 0 || whole.form == NumberForm::Fraction || major.minor_per.is_some() {
        return None;
    }
    let (rest, minor) = preceded((space1, opt((tag_ci("and"), space1))), number::number)
        .parse(input)
        .ok()?;
    let (rest, form) = suffix(cur, rest).ok()?;
    let per = form.minor_per?;
    let same = form.reading == major.reading;
    let below_one =
        minor.decimals == 0 && minor.value >= Decimal::ZERO && minor.value < Decimal::from(per);
    if !same || !below_one || minor.form == NumberForm::Fraction {
        return None;
    }
    // Two places for a hundredth: "25 cents" is .25.
    let places = per.to_string().len() as u32 - 1;
    let value = whole.value + minor.value / Decimal::from(per);
    Some((
        rest,
        Number {
            value,
            decimals: places,
            form: whole.form,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use rust_decimal_macros::dec;

    #[test]
    fn prefixes() {
        let lex = Lexicon::default_pack();
        let cur = lex.currencies();
        let code = |s: &'static str| {
            prefix(cur, s).map(|(rest, f)| (rest, f.default_code(cur).to_string()))
        };
        assert_eq!(code("US$108").unwrap(), ("108", "USD".into()));
        assert_eq!(code("US $108").unwrap(), ("108", "USD".into()));
        assert_eq!(code("$5").unwrap(), ("5", "USD".into()));
        assert_eq!(code("€1.2trn").unwrap(), ("1.2trn", "EUR".into()));
        assert_eq!(code("RMB 30").unwrap(), ("30", "CNY".into()));
        assert_eq!(code("USD108bn").unwrap(), ("108bn", "USD".into()));
        assert_eq!(code("HK$3").unwrap(), ("3", "HKD".into()));
        assert_eq!(code("$.5bn").unwrap(), (".5bn", "USD".into()));
        assert_eq!(code("Rs.40").unwrap(), ("40", "INR".into()));
        assert!(code("ABC 5").is_err());
    }

    #[test]
    fn compound_amounts() {
        let lex = Lexicon::default_pack();
        let cur = lex.currencies();
        let (_, dollars) = suffix(cur, " dollars").unwrap();
        let seven = Number {
            value: dec!(7),
            decimals: 0,
            form: NumberForm::Digits,
        };
        let (rest, n) = minor_part(cur, &dollars, seven, " 25 cents.").unwrap();
        assert_eq!((n.value, n.decimals, rest), (dec!(7.25), 2, "."));
        let (_, n) = minor_part(cur, &dollars, seven, " and twenty cents").unwrap();
        assert_eq!(n.value, dec!(7.20));
        // Pence are not cents: a different currency.
        assert!(minor_part(cur, &dollars, seven, " and 50p").is_none());
        // "7 dollars 250 cents" is not an amount in two units.
        assert!(minor_part(cur, &dollars, seven, " 250 cents").is_none());
    }
}
