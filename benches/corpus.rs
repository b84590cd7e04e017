//! A deterministic generator of news-like markdown articles for the
//! benchmarks: no network, no data files, the same bytes for the same seed.
//!
//! Each article has YAML front matter (title, date, outlet, url), a heading,
//! paragraphs and the odd sub-heading, list or quote. Most of the bytes are
//! plain prose; figures come in the shapes real reporting uses (money with
//! scales and currency prefixes, per cent and percentage points, qualified
//! counts, hyphenated durations, relative and calendar dates, number words,
//! fractions), at roughly one figure per 100–200 bytes of body text.
//!
//! Included as `mod corpus;` by `benches/extract.rs` and
//! `benches/gen_corpus.rs`. Cargo also discovers this file as a bench target
//! of its own (libtest harness, zero benchmarks), which is harmless.

#![allow(dead_code)]

use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// Articles totalling at least `bytes` bytes, each roughly 2–6 KB.
pub fn generate(bytes: usize, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let a = article(&mut rng, out.len());
        total += a.len();
        out.push(a);
    }
    out
}

/// Exactly `n` articles.
pub fn generate_n(n: usize, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|i| article(&mut rng, i)).collect()
}

const OUTLETS: &[&str] = &[
    "Harbour Times",
    "The Daily Ledger",
    "Northern Courier",
    "Capital Post",
    "Business Wire Asia",
    "Market Herald",
    "The Morning Record",
    "Pacific Examiner",
];

const PLACES: &[&str] = &[
    "Beijing",
    "Canberra",
    "Brussels",
    "Jakarta",
    "Nairobi",
    "Lima",
    "Hanoi",
    "Ottawa",
    "Manila",
    "Warsaw",
    "Santiago",
    "Seoul",
    "Dhaka",
    "Lagos",
    "Athens",
    "Wellington",
];

const COUNTRIES: &[&str] = &[
    "China",
    "Australia",
    "Indonesia",
    "Kenya",
    "Peru",
    "Vietnam",
    "Canada",
    "the Philippines",
    "Poland",
    "Chile",
    "South Korea",
    "Bangladesh",
    "Nigeria",
    "Greece",
    "New Zealand",
    "Brazil",
];

const ACTORS: &[&str] = &[
    "the prime minister",
    "the finance minister",
    "the central bank",
    "the trade ministry",
    "the company",
    "the state-owned utility",
    "a government spokeswoman",
    "the opposition leader",
    "analysts at a regional bank",
    "the statistics bureau",
    "the chief executive",
    "the port authority",
    "union officials",
    "the mayor",
    "a senior diplomat",
    "the regulator",
    "the treasurer",
    "economists",
];

const VERBS_SAID: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "announced",
    "confirmed",
    "estimated",
    "wrote in a note to clients",
    "said on Monday",
    "told parliament",
    "reported",
];

const TOPICS: &[&str] = &[
    "infrastructure",
    "exports",
    "the budget",
    "foreign investment",
    "the housing market",
    "inflation",
    "unemployment",
    "the rail project",
    "the port expansion",
    "energy prices",
    "the trade deal",
    "public debt",
    "manufacturing",
    "tourism",
    "the wheat harvest",
    "the new airport",
    "bond yields",
    "retail sales",
    "the minimum wage",
    "steel output",
];

const NOUNS_COUNTED: &[&str] = &[
    "agreements",
    "people",
    "jobs",
    "workers",
    "projects",
    "companies",
    "households",
    "vehicles",
    "tonnes of steel",
    "flights",
    "homes",
    "students",
    "delegates",
    "contracts",
    "schools",
    "hospitals",
    "kilometres of track",
    "megawatts",
    "visitors",
    "factories",
];

const MEASURES: &[&str] = &[
    "exports",
    "imports",
    "revenue",
    "profit",
    "the deficit",
    "investment",
    "spending",
    "bilateral trade",
    "sales",
    "net income",
    "government debt",
    "the trade surplus",
    "foreign direct investment",
    "operating costs",
    "tax receipts",
];

const RATES: &[&str] = &[
    "inflation",
    "unemployment",
    "the jobless rate",
    "growth",
    "the savings rate",
    "the vacancy rate",
    "mortgage rates",
    "the cash rate",
    "the participation rate",
    "economic growth",
    "the poverty rate",
];

const RISE: &[&str] = &[
    "rose",
    "climbed",
    "jumped",
    "increased",
    "grew",
    "surged",
    "edged up",
    "fell",
    "dropped",
    "declined",
    "slipped",
    "eased",
    "reached",
    "stood at",
    "hit",
];

const APPROX: &[&str] = &[
    "about",
    "more than",
    "nearly",
    "almost",
    "at least",
    "some",
    "around",
    "roughly",
    "fewer than",
    "up to",
    "over",
    "less than",
    "close to",
    "",
];

const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "a dozen",
    "a hundred",
];

const DURATION_UNITS: &[&str] = &["day", "week", "month", "year", "hour", "decade"];

const DURATION_NOUNS: &[&str] = &[
    "visit",
    "plan",
    "strike",
    "programme",
    "deal",
    "freeze",
    "trial",
    "moratorium",
    "review",
    "lease",
    "contract",
    "summit",
];

const FRACTIONS: &[&str] = &[
    "a third",
    "a quarter",
    "half",
    "a fifth",
    "two-thirds",
    "a tenth",
];

const MONTHS: &[&str] = &[
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
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Plain-prose clauses: the bulk of an article's bytes.
const PROSE: &[&str] = &[
    "The announcement came after weeks of negotiation between officials from both sides",
    "Critics argued that the proposal did little to address the underlying problems facing the sector",
    "The decision was welcomed by business groups, although some warned that details remained unclear",
    "Officials declined to comment on the specifics of the arrangement when contacted on the matter",
    "The move is widely seen as an attempt to reassure investors after a turbulent period for markets",
    "Local residents have raised concerns about noise, traffic and the effect on nearby farmland",
    "Opposition politicians accused the government of rushing the legislation through without proper scrutiny",
    "The talks covered a broad range of issues, including security, education and climate policy",
    "Industry representatives said they would continue to press for clearer rules and faster approvals",
    "Observers noted that the tone of the meeting was noticeably warmer than at previous encounters",
    "The ministry said the programme would be reviewed regularly and adjusted if conditions changed",
    "Several economists cautioned against reading too much into a single set of figures",
    "The project has faced repeated delays because of disputes over land acquisition and financing",
    "Supporters say the reforms will make the economy more resilient to shocks from abroad",
    "It remains unclear how the plan will be funded, and the treasury has not published its costings",
    "The agreement still needs to be ratified by parliament before it can take effect",
    "Company executives said demand had held up better than expected despite rising costs",
    "Environmental groups have called for an independent assessment of the project's impact",
    "The visit was the first by a head of government from the region in more than a decade",
    "Diplomats described the discussions as frank and constructive, if at times difficult",
    "Shares in the company were little changed in afternoon trading on the local exchange",
    "The central bank has signalled that it is prepared to act if price pressures persist",
    "Farmers in the northern provinces say the drought has made planning almost impossible",
    "The union said its members were frustrated by the slow pace of the negotiations",
    "Many of the details of the deal have yet to be made public",
    "Analysts said the outlook would depend heavily on the strength of global demand",
];

const CONNECTIVES: &[&str] = &[
    "However, ",
    "Meanwhile, ",
    "In a separate statement, ",
    "At the same time, ",
    "By contrast, ",
    "According to official data, ",
    "Separately, ",
    "Earlier, ",
    "",
    "",
    "",
    "",
    "",
];

const HEADLINE_VERBS: &[&str] = &[
    "signs",
    "unveils",
    "warns over",
    "backs",
    "pledges funds for",
    "reviews",
    "defends",
    "expands",
    "cuts",
    "delays",
];

fn pick<'a>(rng: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs.choose(rng).copied().unwrap_or("")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// 9,000 or 12,500 or 340: thousands separated by commas.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A figure like 108, 1.2, 24.5, 3.75.
fn decimal(rng: &mut StdRng, max: u32) -> String {
    let whole = rng.gen_range(1..=max);
    match rng.gen_range(0..3) {
        0 => whole.to_string(),
        1 => format!("{whole}.{}", rng.gen_range(1..10)),
        _ => format!("{whole}.{:02}", rng.gen_range(1..100)),
    }
}

fn money(rng: &mut StdRng) -> String {
    let cur = pick(
        rng,
        &["$", "$", "$", "US$", "€", "£", "A$", "HK$", "¥", "C$"],
    );
    match rng.gen_range(0..7) {
        0 => format!("{cur}{} billion", decimal(rng, 300)),
        1 => format!("{cur}{}bn", decimal(rng, 120)),
        2 => format!("{cur}{} million", decimal(rng, 900)),
        3 => format!("{cur}{}m", decimal(rng, 500)),
        4 => format!("{cur}{}trn", decimal(rng, 9)),
        5 => format!("{cur}{}", grouped(rng.gen_range(100..2_000_000))),
        _ => format!("{cur}{} trillion", decimal(rng, 20)),
    }
}

fn percent(rng: &mut StdRng) -> String {
    let v = decimal(rng, 40);
    match rng.gen_range(0..4) {
        0 => format!("{v} per cent"),
        1 => format!("{v}%"),
        2 => format!("{v} percent"),
        _ => format!("{v}%"),
    }
}

fn count(rng: &mut StdRng) -> String {
    let noun = pick(rng, NOUNS_COUNTED);
    count_of(rng, noun)
}

fn count_of(rng: &mut StdRng, noun: &str) -> String {
    let q = pick(rng, APPROX);
    let n = match rng.gen_range(0..4) {
        0 => rng.gen_range(2..100).to_string(),
        1 => grouped(rng.gen_range(100..100_000)),
        2 => pick(rng, NUMBER_WORDS).to_string(),
        _ => format!("{} million", decimal(rng, 50)),
    };
    if q.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{q} {n} {noun}")
    }
}

fn duration(rng: &mut StdRng) -> String {
    let unit = pick(rng, DURATION_UNITS);
    let noun = pick(rng, DURATION_NOUNS);
    if rng.gen_bool(0.6) {
        let w = pick(
            rng,
            &[
                "two", "three", "four", "five", "six", "ten", "12", "30", "five",
            ],
        );
        format!("a {w}-{unit} {noun}")
    } else {
        format!("a {}-{unit} {noun}", rng.gen_range(2..40))
    }
}

fn time(rng: &mut StdRng, year: i32) -> String {
    let m = pick(rng, MONTHS);
    let d = rng.gen_range(1..=28);
    let y = year - rng.gen_range(0..6);
    match rng.gen_range(0..12) {
        0 => "last year".into(),
        1 => format!("in {y}"),
        2 => format!("on {m} {d}, {y}"),
        3 => format!("on {d} {m} {y}"),
        4 => format!("next {}", pick(rng, WEEKDAYS)),
        5 => format!("on {}", pick(rng, WEEKDAYS)),
        6 => format!("in {m}"),
        7 => pick(
            rng,
            &[
                "this year",
                "last month",
                "next year",
                "the previous year",
                "last quarter",
            ],
        )
        .into(),
        8 => format!(
            "in the {} quarter",
            pick(rng, &["first", "second", "third", "fourth"])
        ),
        9 => format!("since {y}"),
        10 => format!("by {}", year + rng.gen_range(1..12)),
        _ => format!("in {m} {y}"),
    }
}

/// One sentence: mostly prose, with zero, one or two figures.
fn sentence(rng: &mut StdRng, year: i32) -> String {
    let conn = pick(rng, CONNECTIVES);
    let roll = rng.gen_range(0..100);
    let s = if roll < 55 {
        // Prose only, sometimes two clauses.
        if rng.gen_bool(0.4) {
            let mut two = PROSE.choose_multiple(rng, 2);
            let (a, b) = (two.next().unwrap_or(&""), two.next().unwrap_or(&""));
            format!("{a}, and {}", lower_first(b))
        } else {
            pick(rng, PROSE).to_string()
        }
    } else {
        let actor = pick(rng, ACTORS);
        let said = pick(rng, VERBS_SAID);
        match rng.gen_range(0..12) {
            0 => format!(
                "{} {} {} to {} {}, {actor} {said}",
                capitalise(pick(rng, MEASURES)),
                pick(rng, RISE),
                percent(rng),
                money(rng),
                time(rng, year)
            ),
            1 => format!(
                "{} {} to {} {}, up from {} a year earlier",
                capitalise(pick(rng, RATES)),
                pick(rng, RISE),
                percent(rng),
                time(rng, year),
                percent(rng)
            ),
            2 => format!(
                "The two sides signed {} during {} to {}, covering {}",
                {
                    let noun = pick(
                        rng,
                        &[
                            "agreements",
                            "contracts",
                            "deals",
                            "memorandums of understanding",
                        ],
                    );
                    count_of(rng, noun)
                },
                duration(rng),
                pick(rng, PLACES),
                pick(rng, TOPICS)
            ),
            3 => format!(
                "{} {said} that {} had been affected, {}",
                capitalise(actor),
                count(rng),
                lower_first(pick(rng, PROSE))
            ),
            4 => format!(
                "The government has set aside {} for {} over the next {} years",
                money(rng),
                pick(rng, TOPICS),
                pick(rng, &["five", "three", "10", "four", "two"])
            ),
            5 => format!(
                "{} {} by {} percentage points {}, the largest move since {}",
                capitalise(pick(rng, RATES)),
                pick(rng, RISE),
                pick(rng, &["2", "0.5", "1.25", "three", "0.25", "1"]),
                time(rng, year),
                rng.gen_range(1990..year)
            ),
            6 => format!(
                "Roughly {} of {} in {} now depend on {}, {actor} {said}",
                pick(rng, FRACTIONS),
                pick(
                    rng,
                    &["households", "firms", "workers", "farms", "exporters"]
                ),
                pick(rng, COUNTRIES),
                pick(rng, TOPICS)
            ),
            7 => format!(
                "{} will host {} {} {}, {}",
                pick(rng, PLACES),
                pick(rng, NUMBER_WORDS),
                pick(
                    rng,
                    &["ministers", "delegations", "trade missions", "leaders"]
                ),
                time(rng, year),
                lower_first(pick(rng, PROSE))
            ),
            8 => format!(
                "{} with {} reached {} {}, according to {}",
                capitalise(pick(rng, MEASURES)),
                pick(rng, COUNTRIES),
                money(rng),
                time(rng, year),
                actor
            ),
            9 => format!(
                "{}, with {} expected to be completed {}",
                pick(rng, PROSE),
                count(rng),
                time(rng, year)
            ),
            10 => format!(
                "{} forecast that {} would {} between {} and {} {}",
                capitalise(actor),
                pick(rng, RATES),
                pick(rng, &["rise", "fall", "settle", "average"]),
                percent(rng),
                percent(rng),
                pick(
                    rng,
                    &[
                        "next year",
                        "this year",
                        "over the coming months",
                        "by 2030"
                    ]
                )
            ),
            _ => format!(
                "{} {} {} {}, {actor} {said}",
                capitalise(pick(rng, MEASURES)),
                pick(rng, RISE),
                money(rng),
                time(rng, year)
            ),
        }
    };
    if conn.is_empty() {
        format!("{s}.")
    } else {
        format!("{conn}{}.", lower_first(&s))
    }
}

fn lower_first(s: &str) -> String {
    // Keep proper nouns and acronyms: only lower a capitalised ordinary word.
    let first = s.split(' ').next().unwrap_or("");
    let keep = first.len() > 1 && first[1..].chars().any(|c| c.is_uppercase())
        || PLACES.contains(&first)
        || COUNTRIES.iter().any(|c| c.split(' ').next() == Some(first));
    if keep {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn paragraph(rng: &mut StdRng, year: i32) -> String {
    let n = rng.gen_range(2..=5);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push(' ');
        }
        p.push_str(&sentence(rng, year));
    }
    p
}

/// One markdown article of about 2–6 KB.
pub fn article(rng: &mut StdRng, index: usize) -> String {
    let year = rng.gen_range(2015..=2024);
    let month = rng.gen_range(1..=12);
    let day = rng.gen_range(1..=28);
    let outlet = pick(rng, OUTLETS);
    let country = pick(rng, COUNTRIES);
    let topic = pick(rng, TOPICS);
    let title = format!(
        "{} {} {}",
        capitalise(country),
        pick(rng, HEADLINE_VERBS),
        topic
    );
    let target = rng.gen_range(2_000..6_000);
    let mut a = String::with_capacity(target + 1_000);
    let _ = write!(
        a,
        "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02}\noutlet: {outlet}\nurl: https://news.example.com/{year}/{month:02}/{index}\n---\n\n# {title}\n\n"
    );
    let place = pick(rng, PLACES).to_uppercase();
    let _ = write!(a, "{place} — {}\n\n", paragraph(rng, year));
    while a.len() < target {
        match rng.gen_range(0..14) {
            0 => {
                let _ = write!(a, "## {}\n\n", capitalise(pick(rng, TOPICS)));
            }
            1 => {
                for _ in 0..rng.gen_range(2..5) {
                    let _ = writeln!(a, "- {}", sentence(rng, year));
                }
                a.push('\n');
            }
            2 => {
                let _ = write!(a, "> \"{}\"\n\n", sentence(rng, year));
            }
            3 => {
                let _ = write!(
                    a,
                    "{} Read the [full report](https://data.example.org/reports/{year}/{index}.pdf) for **{}**.\n\n",
                    paragraph(rng, year),
                    pick(rng, TOPICS)
                );
            }
            _ => {
                a.push_str(&paragraph(rng, year));
                a.push_str("\n\n");
            }
        }
    }
    a
}
