//! Property tests: numbers written the way a formatter writes them parse back
//! to the same value, number words 0–99 parse, and no input makes the
//! pipeline panic.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use figcheck::claim::{Claim, Kind};
use figcheck::extract::number;
use figcheck::lexicon::Lexicon;
use figcheck::read::Bands;
use figcheck::rules::{self, CheckOptions};
use figcheck::source::Document;
use figcheck::Corpus;
use proptest::prelude::*;
use rust_decimal::Decimal;

// ───────────────────────── formatting helpers ─────────────────────────

/// "1234567" → "1,234,567".
fn group(int: u64) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number written by a formatter: integer part, `decimals` digits of
/// fraction (zero-padded), with or without thousands separators.
fn written(int: u64, frac: u64, decimals: u32, separators: bool) -> String {
    let mut s = if separators {
        group(int)
    } else {
        int.to_string()
    };
    if decimals > 0 {
        s.push('.');
        s.push_str(&format!("{:0width$}", frac, width = decimals as usize));
    }
    s
}

fn decimal(int: u64, frac: u64, decimals: u32) -> Decimal {
    let scaled = int as i128 * 10i128.pow(decimals) + frac as i128;
    Decimal::from_i128_with_scale(scaled, decimals)
}

/// (integer part, fraction digits, number of decimals).
fn formatted_number() -> impl Strategy<Value = (u64, u64, u32)> {
    (0u64..1_000_000_000_000, 0u32..=4)
        .prop_flat_map(|(int, decimals)| (Just(int), 0u64..10u64.pow(decimals), Just(decimals)))
}

/// Failures are reported with their minimal input; no regression file is
/// written into the source tree (each found bug gets a named test below).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::default_pack)
}

fn claims_of(path: &str, text: &str, date: Option<NaiveDate>) -> Vec<Claim> {
    let doc = Document::from_text(path, text.to_string(), date)
        .unwrap_or_else(|e| panic!("{text:?} is a valid document: {e}"));
    Corpus::from_documents(vec![doc], lexicon(), &Bands::default()).claims
}

// ───────────────────────── digits round trip ─────────────────────────

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn digits_parse_back((int, frac, decimals) in formatted_number(), separators: bool, negative: bool) {
        let body = written(int, frac, decimals, separators);
        let want = decimal(int, frac, decimals);

        let (rest, n) = number::digits(&body).map_err(|e| TestCaseError::fail(format!("{body:?}: {e}")))?;
        prop_assert_eq!(rest, "", "{:?} not fully read", body);
        prop_assert_eq!(n.value, want, "{:?}", body);
        prop_assert_eq!(n.decimals, decimals, "{:?}", body);
        prop_assert_eq!(n.form, number::Form::Digits);

        // Followed by words, as in prose.
        let prose = format!("{body} points higher");
        let (rest, n) = number::digits(&prose).map_err(|e| TestCaseError::fail(format!("{prose:?}: {e}")))?;
        prop_assert_eq!(rest, " points higher");
        prop_assert_eq!(n.value, want);

        // At the end of a sentence: the full stop is not a decimal point.
        let sentence = format!("{body}. Next");
        let (rest, n) = number::digits(&sentence).map_err(|e| TestCaseError::fail(format!("{sentence:?}: {e}")))?;
        prop_assert_eq!(rest, ". Next");
        prop_assert_eq!(n.value, want);

        // Signed.
        if negative {
            let signed = format!("-{body}");
            let (rest, n) = number::digits(&signed).map_err(|e| TestCaseError::fail(format!("{signed:?}: {e}")))?;
            prop_assert_eq!(rest, "");
            prop_assert_eq!(n.value, -want);
        }

        // number() prefers digits.
        let (rest, n) = number::number(&body).map_err(|e| TestCaseError::fail(format!("{body:?}: {e}")))?;
        prop_assert_eq!(rest, "");
        prop_assert_eq!(n.value, want);
    }
}

// ───────────────────────── through the pipeline ─────────────────────────

fn the_money(claims: &[Claim], text: &str) -> Result<Claim, TestCaseError> {
    let money: Vec<&Claim> = claims.iter().filter(|c| c.kind == Kind::Money).collect();
    if money.len() != 1 {
        return Err(TestCaseError::fail(format!(
            "{text:?}: expected one money claim, got {}: {claims:#?}",
            money.len()
        )));
    }
    Ok(money[0].clone())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn money_in_a_sentence((int, frac, decimals) in formatted_number(), separators: bool, txt: bool) {
        let n = written(int, frac, decimals, separators);
        let want = decimal(int, frac, decimals);
        let text = format!("Sales were ${n} in 2020.");
        let path = if txt { "p.txt" } else { "p.md" };
        let claims = claims_of(path, &text, None);
        let m = the_money(&claims, &text)?;
        prop_assert_eq!(m.value, want, "{:?}", text);
        prop_assert_eq!(m.unit.as_deref(), Some("USD"), "{:?}", text);
        prop_assert_eq!(&m.text, &format!("${n}"), "{:?}", text);
        prop_assert_eq!(&text[m.span.clone()], m.text.as_str());
        prop_assert_eq!(m.span.start, "Sales were ".len());
        prop_assert_eq!(m.period.map(|p| p.to_string()), Some("2020".to_string()), "{:?}", text);
        prop_assert!(m.interval.contains(want), "{:?}: {} not in its interval", text, want);
    }

    #[test]
    fn money_with_billion_scale((int, frac, decimals) in formatted_number(), separators: bool, short: bool) {
        let n = written(int, frac, decimals, separators);
        let want = decimal(int, frac, decimals) * Decimal::from(1_000_000_000u64);
        let scale = if short { "bn" } else { " billion" };
        let text = format!("Sales were ${n}{scale} in 2020.");
        let claims = claims_of("p.md", &text, None);
        let m = the_money(&claims, &text)?;
        prop_assert_eq!(m.value, want, "{:?}", text);
        prop_assert_eq!(m.unit.as_deref(), Some("USD"), "{:?}", text);
        prop_assert_eq!(&m.text, &format!("${n}{scale}"), "{:?}", text);
        prop_assert_eq!(m.period.map(|p| p.to_string()), Some("2020".to_string()), "{:?}", text);
        prop_assert!(m.interval.contains(want), "{:?}: {} not in its interval", text, want);
    }

    #[test]
    fn count_with_billion_scale((int, frac, decimals) in formatted_number(), separators: bool) {
        let n = written(int, frac, decimals, separators);
        let want = decimal(int, frac, decimals) * Decimal::from(1_000_000_000u64);
        let text = format!("The company sold {n} billion phones in 2020.");
        let claims = claims_of("p.md", &text, None);
        let counts: Vec<&Claim> = claims.iter().filter(|c| c.kind == Kind::Count).collect();
        prop_assert_eq!(counts.len(), 1, "{:?}: {:#?}", text, claims);
        prop_assert_eq!(counts[0].value, want, "{:?}", text);
        prop_assert_eq!(&counts[0].text, &format!("{n} billion"), "{:?}", text);
    }
}

// ───────────────────────── number words ─────────────────────────

const ONES: [&str; 20] = [
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
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 0–99, hyphenated as style guides write them.
fn english(n: u32, sep: char) -> String {
    assert!(n < 100);
    if n < 20 {
        ONES[n as usize].to_string()
    } else if n.is_multiple_of(10) {
        TENS[(n / 10) as usize].to_string()
    } else {
        format!(
            "{}{sep}{}",
            TENS[(n / 10) as usize],
            ONES[(n % 10) as usize]
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[test]
fn number_words_zero_to_ninety_nine() {
    let mut failures = Vec::new();
    for n in 0..100u32 {
        for sep in ['-', ' '] {
            let w = english(n, sep);
            for written in [w.clone(), capitalise(&w), w.to_uppercase()] {
                for (input, rest) in [
                    (written.clone(), ""),
                    (format!("{written} people"), " people"),
                    (format!("{written}."), "."),
                ] {
                    match number::words(&input) {
                        Ok((r, num)) if r == rest && num.value == Decimal::from(n) => {
                            if num.form != number::Form::Words {
                                failures.push(format!("{input:?}: form {:?}", num.form));
                            }
                        }
                        Ok((r, num)) => failures.push(format!(
                            "{input:?}: got {} with rest {r:?}, want {n} with rest {rest:?}",
                            num.value
                        )),
                        Err(e) => failures.push(format!("{input:?}: {e}")),
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn number_words_hundreds() {
    let mut failures = Vec::new();
    for h in 1..10u32 {
        for n in [0u32, 1, 7, 12, 20, 45, 99] {
            let mut phrases = vec![];
            if n == 0 {
                phrases.push(format!("{} hundred", ONES[h as usize]));
            } else {
                phrases.push(format!(
                    "{} hundred and {}",
                    ONES[h as usize],
                    english(n, '-')
                ));
                phrases.push(format!("{} hundred {}", ONES[h as usize], english(n, '-')));
            }
            for p in phrases {
                match number::words(&format!("{p} days")) {
                    Ok((" days", num)) if num.value == Decimal::from(h * 100 + n) => {}
                    other => failures.push(format!("{p:?}: {other:?}")),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn number_words_are_not_word_prefixes() {
    for w in [
        "someone",
        "oneself",
        "tenant",
        "eighteenth",
        "fortyish",
        "twentysomething",
        "seventies",
    ] {
        assert!(
            number::words(w).is_err(),
            "{w:?} read as a number: {:?}",
            number::words(w)
        );
    }
}

// ───────────────────────── no panics ─────────────────────────

fn token() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "$",
        "US$",
        "€",
        "£",
        "¥",
        "%",
        "per cent",
        "percent",
        "percentage points",
        "pp",
        "bn",
        "billion",
        "million",
        "m",
        "k",
        "trillion",
        "thousand",
        "a dozen",
        "half",
        "a third",
        "two-thirds",
        "three-day",
        "four-day",
        "twenty-five",
        "hundred",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan.",
        "Sept",
        "Monday",
        "Wednesday",
        "Friday",
        "Saturday",
        "last year",
        "next month",
        "this week",
        "yesterday",
        "on",
        "in",
        "by",
        "from",
        "to",
        "until",
        "between",
        "and",
        "rose",
        "fell",
        "jumped",
        "grew",
        "declined",
        "reached",
        "a record",
        "about",
        "more than",
        "nearly",
        "up to",
        "at least",
        "target",
        "goal",
        "forecast",
        "trade",
        "exports",
        "sales",
        "deaths",
        "people",
        "killed",
        "injured",
        "share",
        "of",
        "total",
        "Q1",
        "Q3",
        "first quarter",
        "2018",
        "2019",
        "2020",
        "1999",
        "24.5",
        "108",
        "1,234",
        "1,2345",
        "0.5",
        "-3.2",
        "−7",
        "+4",
        "12,000,000",
        "99999999999999999999999999999999",
        "0.000000000000000000000000000001",
        "5%",
        "$108bn",
        "US$20 billion",
        ".",
        ",",
        ";",
        ":",
        "(",
        ")",
        "-",
        "–",
        "—",
        "/",
        "'",
        "\"",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "#",
        "##",
        "*",
        "**",
        "_",
        "`",
        "```",
        "> ",
        "- ",
        "1. ",
        "[link](http://x.y/1%)",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "---",
        "+++",
        "|",
        "&amp;",
        "\u{feff}",
        "\u{200b}",
        "\u{202e}",
        "e\u{301}",
        "ß",
        "İ",
        "ǅ",
        "🙂",
        "👩‍👩‍👧",
        "Ⅻ",
        "٣",
        "١٠٨",
        "५",
        "一",
        "万",
        "亿",
        "\u{a0}",
        "\u{2009}",
        "\u{2212}",
        "½",
        "¾",
        "²",
        "MOSCOW —",
        "BEIJING, June 5 (Reuters) -",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => fixed,
        1 => "[0-9]{1,18}",
        1 => "[0-9,.]{1,12}",
        1 => "\\PC{0,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![" ", " ", " ", "", "\n", ". ", ", "])
}

fn article_text() -> impl Strategy<Value = String> {
    let front = prop::sample::select(vec![
        "",
        "---\ndate: 2019-05-29\n---\n",
        "---\ndate: 2019-05-29\ntitle: \"x\"\n---\n",
        "+++\ndate = 2024-01-25\n+++\n",
        "---\n---\n",
        "---\ntitle: [unclosed\n---\n",
        "---\ndate: 2019-02-30\n---\n",
        "---\n",
        "\u{feff}---\ndate: 2019-05-29\n---\n",
    ]);
    (front, prop::collection::vec((token(), separator()), 0..60)).prop_map(|(front, toks)| {
        let mut s = front.to_string();
        for (t, sep) in toks {
            s.push_str(&t);
            s.push_str(sep);
        }
        s
    })
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        Just(NaiveDate::from_ymd_opt(2019, 5, 29)),
        Just(NaiveDate::from_ymd_opt(2000, 1, 1)),
        Just(NaiveDate::from_ymd_opt(2024, 2, 29)),
        Just(NaiveDate::from_ymd_opt(1, 1, 1)),
        Just(NaiveDate::from_ymd_opt(9999, 12, 31)),
    ]
}

/// Every claim's span lies in its document, on char boundaries, and is its text.
fn check_claims_are_well_formed(corpus: &Corpus) -> Result<(), TestCaseError> {
    for c in &corpus.claims {
        let doc = &corpus.docs[c.doc];
        prop_assert!(
            c.span.start <= c.span.end && c.span.end <= doc.text.len(),
            "{:?}",
            c
        );
        prop_assert!(
            doc.text.is_char_boundary(c.span.start) && doc.text.is_char_boundary(c.span.end)
        );
        prop_assert_eq!(&doc.text[c.span.clone()], c.text.as_str());
        prop_assert!(
            c.sentence.start <= c.span.start && c.span.end <= c.sentence.end,
            "{:?}",
            c
        );
        prop_assert!(c.sentence.end <= doc.text.len());
        // The line and column reports show, counted here the slow way.
        // Lines end at "\n", or at "\r" in a file with no "\n".
        let eol = if doc.text.contains('\n') { '\n' } else { '\r' };
        let before = &doc.text[..c.span.start];
        let line_start = before.rfind(eol).map_or(0, |i| i + 1);
        prop_assert_eq!(
            doc.line_col(c.span.start),
            (
                1 + before.matches(eol).count(),
                1 + before[line_start..].chars().count()
            )
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn pipeline_never_panics(
        texts in prop::collection::vec((article_text(), date(), prop::sample::select(vec!["a.md", "b.txt", "c.markdown", "D.MD"])), 1..4),
        draft_mask in 0u8..8,
    ) {
        let mut docs = Vec::new();
        for (text, date, path) in &texts {
            if let Ok(d) = Document::from_text(*path, text.clone(), *date) {
                prop_assert_eq!(&d.text, text);
                prop_assert_eq!(d.prose.len(), d.text.len());
                docs.push(d);
            }
        }
        let n = docs.len();
        let corpus = Corpus::from_documents(docs, lexicon(), &Bands::default());
        check_claims_are_well_formed(&corpus)?;
        let findings = rules::check(&corpus, lexicon(), &CheckOptions::default());
        for f in &findings {
            prop_assert_eq!(f.claims.len(), f.labels.len());
            prop_assert!(f.claims.iter().all(|&i| i < corpus.claims.len()));
        }
        let drafts: BTreeSet<usize> = (0..n).filter(|i| draft_mask & (1 << i) != 0).collect();
        let options = CheckOptions {
            drafts,
            ..CheckOptions::default()
        };
        let findings = rules::check(&corpus, lexicon(), &options);
        for f in &findings {
            prop_assert!(f.claims.iter().all(|&i| i < corpus.claims.len()));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}", date in date()) {
        if let Ok(d) = Document::from_text("x.md", text.clone(), date) {
            let corpus = Corpus::from_documents(vec![d], lexicon(), &Bands::default());
            check_claims_are_well_formed(&corpus)?;
            let _ = rules::check(&corpus, lexicon(), &CheckOptions::default());
        }
    }

    #[test]
    fn number_parsers_never_panic(text in "[-−+0-9,.a-zA-Z \\-]{0,40}") {
        let _ = number::digits(&text);
        let _ = number::words(&text);
        let _ = number::fraction(&text);
        let _ = number::number(&text);
    }
}

// ───────────────────────── extreme figures ─────────────────────────

/// A figure at the edge of what `Decimal` holds: many digits, many
/// decimals, a big scale word.
fn extreme_figure() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "$", "US$", "€"]),
        "[0-9]{1,30}",
        prop::option::of("[0-9]{1,32}"),
        prop::sample::select(vec![
            "",
            " billion",
            "bn",
            " trillion",
            " million",
            "%",
            " per cent",
            " percentage points",
            " people",
            "-day",
        ]),
    )
        .prop_map(|(cur, int, frac, scale)| match frac {
            Some(f) => format!("{cur}{int}.{f}{scale}"),
            None => format!("{cur}{int}{scale}"),
        })
}

fn run_pipeline(text: &str) {
    let doc = match Document::from_text(
        "x.md",
        text.to_string(),
        NaiveDate::from_ymd_opt(2021, 1, 5),
    ) {
        Ok(d) => d,
        Err(_) => return,
    };
    let corpus = Corpus::from_documents(vec![doc], lexicon(), &Bands::default());
    let _ = rules::check(&corpus, lexicon(), &CheckOptions::default());
}

proptest! {
    #![proptest_config(config(200))]

    /// Figures too large or too precise for `Decimal` are skipped or
    /// clamped, never a panic, alone and in the sentences the arithmetic
    /// rules read (sums, changes, shares).
    #[test]
    fn extreme_figures_never_panic(a in extreme_figure(), b in extreme_figure(), c in extreme_figure(), shape in 0usize..5) {
        let text = match shape {
            0 => format!("Sales were {a} in 2020."),
            1 => format!("Exports were {a} and imports {b}, a total of {c} in 2020."),
            2 => format!("Sales rose {a} to {b} in 2020 from {c} in 2019."),
            3 => format!("Exports of {a} made up {b} of total trade of {c} in 2020."),
            _ => format!("Sales were {a} in 2019 and {b} in 2020, a rise of {c}."),
        };
        run_pipeline(&text);
    }
}

/// Inputs that have made the pipeline panic (found by the properties
/// above). Each must run through extraction and every rule without a panic.
const PANIC_REGRESSIONS: &[&str] = &[
    // 28 decimals: `Decimal::new(5, decimals + 1)` in the interval.
    "Sales were $0.0000000000000000000000000001 in 2020.",
    "Inflation was 0.0000000000000000000000000001% in 2020.",
    "0.000000000000000000000000000001 ",
    "0.99999999999999999999999999999999 ",
    // value × scale overflows.
    "Sales hit $100000000000000000 trillion.",
    "Sales hit 500000000000000000000 billion dollars.",
    // value + half a unit overflows.
    "Sales hit $79228162514264337593543950335.",
    "Sales hit $79,228,162,514,264,337,593,543,950,335.",
    "Sales hit 79228162514264337593543950335 people.",
    "Sales rose 79228162514264337593543950335% to $5bn from $4bn in 2020.",
    // sum rule: parts add past the maximum.
    "Exports were $50000000000000000000000000000 and imports $50000000000000000000000000000, a total of $1 in 2020.",
    // change and growth-chain rules: growth from a tiny level overflows.
    "Sales rose 5% to $50000000000000000000000000000 in 2020 from $0.0000000000000000000000001 in 2019.",
    "Sales were $0.0000000000000000000000001 in 2019 and $50000000000000000000000000000 in 2020, a rise of 5%.",
];

#[test]
fn panic_regressions() {
    let mut failed = Vec::new();
    for text in PANIC_REGRESSIONS {
        if std::panic::catch_unwind(|| run_pipeline(text)).is_err() {
            failed.push(*text);
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs panic:\n{}",
        failed.len(),
        PANIC_REGRESSIONS.len(),
        failed.join("\n")
    );
}

/// A date that runs past the end its sentence was given ("Sept." ends a
/// sentence for the splitter): found by `pipeline_never_panics`.
#[test]
fn a_date_past_its_sentence_end_is_read() {
    let doc = Document::from_text(
        "a.md",
        ".Sept. 1 ".to_string(),
        Some(chrono::NaiveDate::from_ymd_opt(2024, 9, 3).unwrap()),
    )
    .unwrap();
    let corpus = Corpus::from_documents(vec![doc], lexicon(), &Bands::default());
    let dates: Vec<String> = corpus
        .claims
        .iter()
        .filter_map(|c| c.period.map(|p| p.to_string()))
        .collect();
    assert_eq!(dates, vec!["2024-09-01".to_string()]);
}

/// ".Jan. 2018": the date runs past the full stop the splitter took for a
/// sentence end; its claim's sentence still holds it (found by
/// `pipeline_never_panics`).
#[test]
fn a_claim_lies_inside_its_sentence() {
    let doc = Document::from_text("a.md", ".Jan. 2018 ".to_string(), None).unwrap();
    let corpus = Corpus::from_documents(vec![doc], lexicon(), &Bands::default());
    let spans: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = corpus
        .claims
        .iter()
        .map(|c| (c.span.clone(), c.sentence.clone()))
        .collect();
    assert_eq!(spans, vec![(1..10, 0..10)]);
}
