//! Table-driven tests of the reading: for one figure of a short article,
//! what it measures, whose it is, the role it plays, the period it is about
//! and the basis of a change. Each row is its own run, so nothing is lent
//! from one row to another. Every failing row is reported at once.
//!
//! Expectations are what a careful reader takes from the words, not what
//! the reader happens to output: a row is added when the reading is right.

use chrono::NaiveDate;
use figcheck::claim::Claim;
use figcheck::lexicon::Lexicon;
use figcheck::read::Bands;
use figcheck::source::Document;
use figcheck::Corpus;

struct Row {
    published: &'static str,
    text: &'static str,
    /// The claim's exact text.
    pick: &'static str,
    measure: &'static str,
    /// "" when the figure has no owner.
    owner: &'static str,
    role: &'static str,
    /// "" when no period is read.
    period: &'static str,
    /// "" when no comparison basis is read.
    basis: &'static str,
}

const fn row(
    published: &'static str,
    text: &'static str,
    pick: &'static str,
    [measure, owner, role, period, basis]: [&'static str; 5],
) -> Row {
    Row {
        published,
        text,
        pick,
        measure,
        owner,
        role,
        period,
        basis,
    }
}

const ROWS: &[Row] = &[
    // The name before an apposition acts, not a place inside it.
    row(
        "2024-08-01",
        "Kestrel Mobile, the handset maker based in Port Ardent, reported revenue of $2.1 billion in the second quarter.",
        "$2.1 billion",
        ["revenue", "kestrel mobile", "actual", "2024-Q2", ""],
    ),
    // ─────────────── owners: participles, "for", pronouns ───────────────
    // A participle after a comma acts for the sentence's subject.
    row(
        "2025-04-07",
        "Pavel Brandt of the Green League was re-elected mayor of Ostvik, winning 22,410 votes against 18,905 for Lena Horvat.",
        "22,410",
        ["votes", "pavel brandt", "actual", "", ""],
    ),
    // A count "for" a name is that name's.
    row(
        "2025-04-07",
        "Pavel Brandt of the Green League was re-elected mayor of Ostvik, winning 22,410 votes against 18,905 for Lena Horvat.",
        "18,905",
        ["votes", "lena horvat", "actual", "", ""],
    ),
    // "she" acting is the person named last before it.
    row(
        "2025-04-07",
        "The new mayor, Lena Horvat, thanked voters after she won 19,240 votes.",
        "19,240",
        ["votes", "lena horvat", "actual", "", ""],
    ),
    // A running tally is as of the day it was given, not the event's day.
    row(
        "2023-10-09",
        "Officials said on Sunday that the earthquake which struck on Saturday had killed more than 2,000 people.",
        "more than 2,000",
        ["deaths", "", "actual", "2023-10-08", ""],
    ),
    // ... unless its own moment is stated.
    row(
        "2023-10-09",
        "By Saturday evening 300 people had died, officials said on Sunday.",
        "300",
        ["deaths", "", "actual", "2023-10-07", ""],
    ),
    // ─────────────── measures borrowed from an earlier clause ───────────────
    // A clause with its own actor names what it counts: no "loss" here.
    row(
        "2024-11-15",
        "For the quarter the loss came to 40 cents a share, whereas a year earlier Acme earned $1.20 a share.",
        "$1.20",
        ["", "acme", "actual", "", ""],
    ),
    // A parallel clause of winning leaves its noun to the one before.
    row(
        "2024-11-15",
        "The Greens finished first, taking 81 of the 150 seats, while the Liberals won 42.",
        "42",
        ["seats", "liberals", "actual", "", ""],
    ),
    // "from a previous 3.8%" is the starting level, not March's rate.
    row(
        "2022-04-01",
        "The jobless rate fell to 3.6% in March from a previous 3.8%.",
        "3.8%",
        ["unemployment", "", "actual", "", ""],
    ),
    // A figure's own place, and a list's items theirs.
    row(
        "2024-07-05",
        "Turnout was 57% in Northern Ireland, 59% in Scotland and 60% in England.",
        "57%",
        ["turnout", "northern ireland", "actual", "", ""],
    ),
    row(
        "2017-09-22",
        "Officials said 137 people died in Mexico City, 73 in the State of Mexico and 43 in Puebla.",
        "73",
        ["deaths", "state of mexico", "actual", "2017-09-22", ""],
    ),
    // A fronted time does not hide the subject "its" refers to.
    row(
        "2024-07-18",
        "On Thursday Kestrel Mobile said its net profit for the first quarter increased 7.1% to $6.4 billion.",
        "$6.4 billion",
        ["profit", "kestrel mobile", "actual", "2024-Q1", ""],
    ),
    // A plural possessive keeps its "s"; names are not singularised.
    row(
        "2023-10-26",
        "Halvorsen Foods' third-quarter revenue came in at 8.24 billion crowns.",
        "8.24 billion crowns",
        ["revenue", "halvorsen foods", "actual", "2023-Q3", ""],
    ),
    row(
        "2017-09-20",
        "At least 93 people have died in Mexico City and 13 in Mexico State.",
        "13",
        ["deaths", "mexico state", "actual", "2017-09-20", ""],
    ),
    // A time in a later clause with a figure of its own is that figure's.
    row(
        "2023-10-06",
        "The jobless rate was 3.8%, and it was 3.4% in April.",
        "3.8%",
        ["unemployment", "", "actual", "", ""],
    ),
    row(
        "2023-10-06",
        "The jobless rate was 3.8%, and it was 3.4% in April.",
        "3.4%",
        ["unemployment", "", "actual", "2023-04", ""],
    ),
    // A later clause with no figure of its own still dates the figure.
    row(
        "2024-02-01",
        "Revenue rose to $5.2 billion, in 2023, the company said.",
        "$5.2 billion",
        ["revenue", "", "actual", "2023", ""],
    ),
    // ─────────────── periods: "when" clauses, parts of a year ───────────────
    row(
        "2024-05-15",
        "Exports fell 2.4% in April from March, when they reached $19.06 billion.",
        "$19.06 billion",
        ["exports", "", "actual", "2024-03", ""],
    ),
    row(
        "2024-05-16",
        "Exports for the first four months totalled $71.2 billion, up 5.8% from $67.3 billion in the same period of 2023.",
        "$67.3 billion",
        ["exports", "", "actual", "", ""],
    ),
    // ─────────────── a count in a unit measures its "of" phrase ───────────────
    row(
        "2023-04-03",
        "The cartel kept its 2 million bpd of cuts in place.",
        "2 million bpd",
        ["cut", "", "actual", "", ""],
    ),
    // A quarter after "reported" is the figure's, not the day of the report.
    row(
        "2024-07-24",
        "Brightwater Mills reported second-quarter revenue of $2.1 billion on Tuesday.",
        "$2.1 billion",
        ["revenue", "brightwater mills", "actual", "2024-Q2", ""],
    ),
    // A level a comparison base names by its year is the sentence's period
    // moved to that year ("the same period in 2021"); "the same part of
    // 2021" dates no figure as the whole of 2021.
    row(
        "2022-11-15",
        "Sales in the third quarter were $2.7 billion, 53% below the $5.8 billion of the same period in 2021.",
        "$5.8 billion",
        ["revenue", "", "actual", "2021-Q3", ""],
    ),
    row(
        "2022-11-15",
        "Sales in the third quarter were $2.7 billion, 53% below the $5.8 billion of the same period in 2021.",
        "$2.7 billion",
        ["revenue", "", "actual", "2022-Q3", ""],
    ),
    // A fiscal quarter cannot be moved to a calendar year without the
    // owner's year end: no period, rather than the quarter reported.
    row(
        "2022-11-15",
        "Operating income for the third fiscal quarter was $2.7 billion, 53% below the $5.8 billion of the same period in 2021.",
        "$5.8 billion",
        ["operating-profit", "", "actual", "", ""],
    ),
    row(
        "2022-11-15",
        "Sales in the first nine months were $9.1 billion, 6.5% more than in the same part of 2021.",
        "$9.1 billion",
        ["revenue", "", "actual", "", ""],
    ),
    // A year-like number after "more than" that counts something is a count.
    row(
        "2024-05-27",
        "Officials said the landslide had buried more than 2000 people in the village.",
        "more than 2000",
        ["people", "", "actual", "", ""],
    ),
    // An equity value is its own measure, not whatever a deal is "worth".
    row(
        "2023-05-15",
        "For the Australian miner, the deal amounts to an equity value of A$26.2bn.",
        "A$26.2bn",
        ["equity-value", "", "actual", "", ""],
    ),
    // The noun another figure counts is not this figure's measure.
    row(
        "2022-09-22",
        "The committee was split: five members backed 50 basis points and one voted for 25 basis points.",
        "50 basis points",
        ["", "", "actual", "", ""],
    ),
    // ─────────────── owners: possessive, "in", "at", actor verbs ───────────────
    // A contest's winner owns its margin, inside the sentence too, past an
    // apposition naming the party.
    row(
        "2026-05-08",
        "The last seat went to Dunmore, where Ilse Verrow of the Coastal Party (Reform) beat the Liberals' Tom Ashby by 4,218 votes.",
        "4,218",
        ["votes", "ilse verrow", "actual", "", ""],
    ),
    row(
        "2026-05-08",
        "In a setback, Marten Hale held his seat by a narrower margin of 91,400 votes.",
        "91,400",
        ["votes", "marten hale", "actual", "", ""],
    ),
    // A part of a whole whose owner is not named is a subset; the whole
    // is not the subject's.
    row(
        "2025-01-17",
        "The Red Line stayed busy in 2024, carrying 42.1 million of the network's 92.1 million journeys.",
        "42.1 million",
        ["passengers of 92.1 million passengers", "", "actual", "2024", ""],
    ),
    row(
        "2025-01-17",
        "The Red Line stayed busy in 2024, carrying 42.1 million of the network's 92.1 million journeys.",
        "92.1 million",
        ["passengers", "", "actual", "2024", ""],
    ),
    row(
        "2025-01-17",
        "The Social Democrats won 34 of the 70 seats in Sunday's regional election.",
        "34",
        ["seats", "social democrats", "actual", "", ""],
    ),
    row(
        "2025-01-17",
        "The Social Democrats won 34 of the 70 seats in Sunday's regional election.",
        "70",
        ["seats", "", "actual", "", ""],
    ),
    // The name before a relative clause acts.
    row(
        "2025-01-15",
        "The Red Line, which runs from Hallstedt to the airport, carried 42.1 million passengers in 2024.",
        "42.1 million",
        ["passengers", "red line", "actual", "2024", ""],
    ),
    // A rate "on" a level is measured from it.
    row(
        "2025-01-15",
        "Passengers made 92.1 million journeys in 2024, an increase of 7.2% on the 85.9 million recorded in 2023.",
        "85.9 million",
        ["passengers", "", "actual", "2023", ""],
    ),
    // The rest of a whole, and additions, are parts of it.
    row(
        "2025-06-02",
        "The remaining 344,000 employees covered by the agreement will receive 3% this year.",
        "344,000",
        ["remaining employees", "", "actual", "2025", ""],
    ),
    row(
        "2025-06-02",
        "The council will approve 50 new stations next year.",
        "50",
        ["new station", "", "actual", "2026", ""],
    ),
    // A unit inside a longer term is no unit: TEU count containers.
    row(
        "2025-01-14",
        "The Port of Halvenport handled a record 4.37 million twenty-foot equivalent units (TEU) in 2024.",
        "4.37 million",
        ["containers", "halvenport", "actual", "2024", ""],
    ),
    // A change and its levels are one quantity with one owner.
    row(
        "2025-01-14",
        "The Port of Halvenport handled 4.37 million TEU in 2024, up 8.7% from 4.02 million.",
        "8.7%",
        ["containers", "halvenport", "change", "2024", ""],
    ),
    row(
        "2025-01-14",
        "The Port of Halvenport handled 4.37 million TEU in 2024, up 8.7% from 4.02 million.",
        "4.02 million",
        ["containers", "halvenport", "actual", "", ""],
    ),
    // A rate per user is per user, not per head and not the total.
    row(
        "2025-10-18",
        "Jio's average revenue per user edged up to ₹211.4 from ₹208.8 in the quarter.",
        "₹211.4",
        ["revenue per user", "jio", "actual", "", ""],
    ),
    // A verb in progress is no measure: "is recalling" names no quantity.
    row(
        "2025-03-12",
        "Because brake hoses may crack, Velto Motors is recalling 148,300 vehicles.",
        "148,300",
        ["", "", "actual", "", ""],
    ),
    // A time before a change's starting level is the level's, not the
    // starting level's.
    row(
        "2025-03-01",
        "Corvane Mining produced 300,000 tonnes of copper at its Kestrel Ridge mine in 2024, up 7.1% from 280,000 tonnes in 2023.",
        "300,000 tonnes",
        ["copper", "corvane mining", "actual", "2024", ""],
    ),
    // A time after a participle of founding dates the founding only.
    row(
        "2025-02-16",
        "The 96-metre ferry, built in 1998, was licensed to carry 650 passengers.",
        "650",
        ["capacity", "", "actual", "", ""],
    ),
    // Two counts joined by "and" make a measure of their own.
    row(
        "2023-10-09",
        "The spokesman said the dead and wounded together came to over 4,500.",
        "over 4,500",
        ["deaths and injured", "", "actual", "", ""],
    ),
    // The place the counted villages are in; an abbreviation inside a
    // name is no month.
    row(
        "2023-10-09",
        "The agency counted 1,663 injured in 11 villages of Zinda Jan district.",
        "1,663",
        ["injured", "zinda jan", "actual", "2023-10-09", ""],
    ),
    row(
        "2024-04-20",
        "Northgate Airlines' first-quarter revenue came in at $4.2 billion.",
        "$4.2 billion",
        ["revenue", "northgate", "actual", "2024-Q1", ""],
    ),
    row(
        "2024-02-01",
        "Acme's revenue rose 12% to $3.4 billion in 2023.",
        "$3.4 billion",
        ["revenue", "acme", "actual", "2023", ""],
    ),
    row(
        "2024-02-01",
        "Acme's revenue rose 12% to $3.4 billion in 2023.",
        "12%",
        ["revenue", "acme", "change", "2023", ""],
    ),
    // "X's inflation" and "inflation in X" are one quantity.
    row(
        "2023-10-12",
        "Inflation in Freedonia was 3.7% in September.",
        "3.7%",
        ["inflation", "freedonia", "change", "2023-09", ""],
    ),
    row(
        "2023-10-12",
        "Freedonia's inflation was 3.7% in September.",
        "3.7%",
        ["inflation", "freedonia", "change", "2023-09", ""],
    ),
    row(
        "2024-02-01",
        "Profit at Acme was $3bn in 2023.",
        "$3bn",
        ["profit", "acme", "actual", "2023", ""],
    ),
    row(
        "2024-06-05",
        "The BJP won 240 seats, while the Congress won 99.",
        "240",
        ["seats", "bjp", "actual", "", ""],
    ),
    row(
        "2024-06-05",
        "The BJP won 240 seats, while the Congress won 99.",
        "99",
        ["seats", "congress", "actual", "", ""],
    ),
    row(
        "2024-02-01",
        "Kestrel Mobile's revenue was $1.2 billion last year, and its operating margin was 14%.",
        "14%",
        ["margin", "kestrel mobile", "actual", "2023", ""],
    ),
    // A deal's value is nobody's, but a possessive names the party to it.
    row(
        "2016-10-23",
        "AT&T agreed to buy Time Warner in a $85.4-billion deal.",
        "$85.4-billion",
        ["deal-value", "", "actual", "", ""],
    ),
    row(
        "2016-10-23",
        "The largest remains AOL's ill-fated $94 billion purchase of Time Warner.",
        "$94 billion",
        ["deal-value", "aol", "actual", "", ""],
    ),
    // A toll is told apart by its place, and dated by its report.
    row(
        "2024-08-20",
        "There were also 24 deaths from 1,005 infections in the DRC.",
        "24",
        ["deaths", "drc", "actual", "2024-08-20", ""],
    ),
    row(
        "2023-09-14",
        "The floods killed 87 people.",
        "87",
        ["deaths", "", "actual", "2023-09-14", ""],
    ),
    // ─────────────── measures ───────────────
    row(
        "2024-02-01",
        "Net income was $1.30 a share in 2023.",
        "$1.30",
        ["eps", "", "actual", "2023", ""],
    ),
    row(
        "2019-06-07",
        "Exports to the United States rose 5% in 2018.",
        "5%",
        ["exports to us", "", "change", "2018", ""],
    ),
    // A generic head yields to the specific measure the sentence names.
    row(
        "2023-10-12",
        "The consumer price index showed prices up 0.4% in September.",
        "0.4%",
        ["inflation", "", "change", "2023-09", ""],
    ),
    // Core inflation is not inflation.
    row(
        "2023-10-12",
        "Core inflation was 4.1% in September.",
        "4.1%",
        ["core inflation", "", "change", "2023-09", ""],
    ),
    // Where a rate went is not what it is of.
    row(
        "2022-09-22",
        "The central bank raised its benchmark rate to a range of 3% to 3.25%.",
        "3% to 3.25%",
        ["interest-rate", "", "actual", "", ""],
    ),
    row(
        "2016-10-23",
        "Once debt is included, the deal has a total transaction value of $108.7bn.",
        "$108.7bn",
        ["enterprise-value", "", "actual", "", ""],
    ),
    // A paragraph about a part of the company gives its figures that part.
    row(
        "2025-10-17",
        "The retail business grew strongly. Revenue rose 19% to ₹79,128 crore.",
        "₹79,128 crore",
        ["revenue of retail business", "", "actual", "", ""],
    ),
    // ─────────────── periods ───────────────
    row(
        "2025-11-19",
        "Revenue for the third fiscal quarter came to $57 billion, and the company projects \
         fourth-quarter revenue of $65 billion.",
        "$57 billion",
        ["revenue", "", "actual", "FY2026-Q3", ""],
    ),
    row(
        "2025-11-19",
        "Revenue for the third fiscal quarter came to $57 billion, and the company projects \
         fourth-quarter revenue of $65 billion.",
        "$65 billion",
        ["revenue", "", "guidance", "FY2026-Q4", ""],
    ),
    // The comparison base is the change's basis, never its period.
    row(
        "2025-10-20",
        "Sales rose 8% from the same quarter last year to $2 billion in the third quarter.",
        "8%",
        ["revenue", "", "change", "2025-Q3", ""],
    ),
    row(
        "2025-10-17",
        "Consolidated EBITDA for Q2FY26 rose 14.6 percent to Rs 50,367 crore.",
        "Rs 50,367 crore",
        ["ebitda", "", "actual", "FY2026-Q2", ""],
    ),
    // "in the quarter" is the quarter named before.
    row(
        "2025-10-17",
        "The main points from the September 2025 quarter follow. Net profit came to \
         Rs 22,092 crore in the quarter.",
        "Rs 22,092 crore",
        ["profit", "", "actual", "2025-Q3", ""],
    ),
    // ... and with none named before, no period.
    row(
        "2025-11-19",
        "Analysts had expected revenue of $55.19 billion for the quarter.",
        "$55.19 billion",
        ["revenue", "", "estimate", "", ""],
    ),
    // ─────────────── roles and bases ───────────────
    row(
        "2025-10-17",
        "Net profit grew a healthy 14.3 percent on-year to Rs 22,092 crore in the September \
         quarter.",
        "14.3 percent",
        ["profit", "", "change", "2025-Q3", "y/y"],
    ),
    row(
        "2023-10-12",
        "Prices rose 0.3% month-on-month in September.",
        "0.3%",
        ["price", "", "change", "2023-09", "m/m"],
    ),
    // A modal before a verb of change: a forecast.
    row(
        "2016-05-11",
        "Net income may fall 35 per cent to 1.5 trillion yen this year.",
        "1.5 trillion yen",
        ["profit", "", "forecast", "2016", ""],
    ),
    // ... but not before any verb.
    row(
        "2017-08-04",
        "Barcelona said the striker could only go if his €222m release fee was paid in full.",
        "€222m",
        ["release fee", "", "actual", "", ""],
    ),
    // "The year ending March 31": the fiscal year, not the day.
    row(
        "2023-02-01",
        "The fiscal deficit for the year ending March 31, 2023 was 6.4%.",
        "6.4%",
        ["deficit", "", "actual", "FY2023", ""],
    ),
    // A possessive month owns the figure right after it, and only that.
    row(
        "2020-05-07",
        "The surplus reached $45.34 billion in April, far above March's $19.9 billion surplus.",
        "$19.9 billion",
        ["trade-surplus", "", "actual", "2020-03", ""],
    ),
    // The comparison base is a time expression after the period.
    row(
        "2020-05-07",
        "Imports fell 14.2% in April from a year earlier.",
        "14.2%",
        ["imports", "", "change", "2020-04", "y/y"],
    ),
    // ... or in a clause of comparison.
    row(
        "2020-05-07",
        "Imports fell 13.7% in April, compared with a year earlier.",
        "13.7%",
        ["imports", "", "change", "2020-04", "y/y"],
    ),
    // ─────────────── shares: a percentage "of" a measure ───────────────
    // A percentage of a measure is a share of it, not the measure: it
    // never meets "population growth averaged 1.2%".
    row(
        "2023-04-20",
        "More than 50 per cent of Norland's population is under the age of 30.",
        "More than 50 per cent",
        ["share of population", "norland", "actual", "", ""],
    ),
    // A share the lexicon names is that measure ("of the vote" is a vote share).
    row(
        "2024-06-01",
        "With 97 per cent of ballots counted, the Unity Party had 41 per cent of the vote.",
        "41 per cent",
        ["vote-share", "unity party", "actual", "", ""],
    ),
    // A level given as a percentage of votes is the vote share too.
    row(
        "2024-06-01",
        "With most votes counted, the Unity Party stood at just 42 per cent.",
        "42 per cent",
        ["vote-share", "unity party", "actual", "", ""],
    ),
    // A party "on" its share, past "only" and "about".
    row(
        "2024-06-01",
        "In the north, the Reform Front has the most votes, well ahead of the Unity Party on only about 18 per cent.",
        "about 18 per cent",
        ["vote-share", "unity party", "actual", "", ""],
    ),
    // ─────────────── halves of a year ───────────────
    // A half-year figure is the half's, never the whole year's.
    row(
        "2024-08-01",
        "In the first half of 2024, Acme's revenue was $20 billion.",
        "$20 billion",
        ["revenue", "acme", "actual", "2024-H1", ""],
    ),
    row(
        "2024-08-01",
        "Acme's revenue for the six months to June rose 8%.",
        "8%",
        ["revenue", "acme", "change", "2024-H1", ""],
    ),
    // ─────────────── a tally of an earlier event ───────────────
    // "That quake" refers back to the quake the sentence before dated: its
    // toll is that year's, not the publication day's.
    row(
        "2024-04-03",
        "It was the strongest since a quake struck in 1999. That quake killed more than 2,400 people.",
        "more than 2,400",
        ["deaths", "", "actual", "1999", ""],
    ),
    // Today's toll after a sentence about today stays today's.
    row(
        "2024-04-03",
        "The quake struck on Wednesday morning. It killed at least nine people.",
        "at least nine",
        ["deaths", "", "actual", "2024-04-03", ""],
    ),
    // A clause of cause or contrast dates its own events, not the figure.
    row(
        "2023-05-17",
        "Exports fell 4.2 percent in January-March, as the yen climbed back from the lows it hit last year.",
        "4.2 percent",
        ["exports", "", "change", "2023-Q1", ""],
    ),
    row(
        "2023-05-17",
        "Exports fell 4.2 percent, as the yen climbed back from the lows it hit last year.",
        "4.2 percent",
        ["exports", "", "change", "", ""],
    ),
    // A results story names its quarter both ways; a figure with no time
    // of its own is about that one quarter.
    row(
        "2025-10-18",
        "Acme's Q2 FY26 revenue was ₹100 crore. Acme's Q2 FY26 profit was ₹10 crore. \
         Acme's Q2 FY26 margin was 10%. Revenue rose 5% to ₹100 crore in the July-September \
         period. Profit rose 3% to ₹10 crore in the July-September period. Acme's costs were ₹90 crore.",
        "₹90 crore",
        ["cost", "acme", "actual", "FY2026-Q2", ""],
    ),
    // A fronted place owns the figure, or qualifies its owner's.
    row(
        "2015-08-03",
        "In Asia, net operating income grew 16% to $14.1 billion.",
        "$14.1 billion",
        ["operating-profit", "asia", "actual", "", ""],
    ),
    row(
        "2015-08-03",
        "In London, Acme's revenue rose to $2 billion.",
        "$2 billion",
        ["revenue in london", "acme", "actual", "", ""],
    ),
    // A place holds no seats: the party that won them in it does.
    row(
        "2024-06-05",
        "In Norland, the Unity Party won 37 seats.",
        "37",
        ["seats in norland", "unity party", "actual", "", ""],
    ),
    // A comparison clause's time is the compared event's.
    row(
        "2023-08-13",
        "The county said the toll had reached 93, passing the number killed in the 2018 Camp Fire.",
        "93",
        ["deaths", "", "actual", "2023-08-13", ""],
    ),
    // A dashed aside does not name the figure's measure.
    row(
        "2023-05-17",
        "Real gross domestic product -- the value of output after adjusting for inflation -- grew 0.5 per cent.",
        "0.5 per cent",
        ["real gdp", "", "change", "", ""],
    ),
    row(
        "2023-05-17",
        "Real gross domestic product — the value of output after adjusting for inflation — grew 0.5 per cent.",
        "0.5 per cent",
        ["real gdp", "", "change", "", ""],
    ),
    // Measured against a forecast, a figure is an actual; a forecast or
    // estimate that names its own figure still gives that figure its role.
    row(
        "2023-07-27",
        "Growth ran faster than forecast, with the Commerce Department reporting that \
         gross domestic product rose 2.4% over the April-through-June period.",
        "2.4%",
        ["gdp", "", "change", "2023-Q2", ""],
    ),
    row(
        "2025-11-20",
        "Revenue came to $57.01 billion, above market expectations of $55.19 billion.",
        "$55.19 billion",
        ["revenue", "", "estimate", "", ""],
    ),
    // A quarter with no year, joined by "and" to one with a year, is of
    // that year.
    row(
        "2023-07-27",
        "GDP shrank 0.6% in Q1 and 1.6% in Q2 of 2022.",
        "0.6%",
        ["gdp", "", "change", "2022-Q1", ""],
    ),
    row(
        "2023-07-27",
        "GDP shrank 0.6% in Q1 and 1.6% in Q2 of 2022.",
        "1.6%",
        ["gdp", "", "change", "2022-Q2", ""],
    ),
    // What households spend is its own measure, not a government's budget.
    row(
        "2023-07-27",
        "Consumer spending grew at a 1.6% annual rate in the second quarter.",
        "1.6%",
        ["consumer spending", "", "change", "2023-Q2", "annualised"],
    ),
    // "from April through June" names the quarter, not a comparison base.
    row(
        "2023-07-27",
        "The economy grew at a 2.4% annual rate from April through June.",
        "2.4%",
        ["gdp", "", "change", "2023-Q2", "annualised"],
    ),
    // A time trailing one figure before "and" is that figure's, not the
    // next one's, even when the next one's time is further away.
    row(
        "2023-07-27",
        "GDP fell 0.6% in the first quarter and 1.6% in the second quarter of 2022.",
        "1.6%",
        ["gdp", "", "change", "2022-Q2", ""],
    ),
    row(
        "2023-07-27",
        "GDP fell 0.6% in the first quarter and 1.6% in the second quarter of 2022.",
        "0.6%",
        ["gdp", "", "change", "2022-Q1", ""],
    ),
    // "at" after a measure of two words names its owner; an airline's
    // name drops "Airlines" as a company's drops "Corp".
    row(
        "2025-02-03",
        "Passenger numbers at Norvik rose to 16.4m last year.",
        "16.4m",
        ["passengers", "norvik", "actual", "2024", ""],
    ),
    row(
        "2025-02-03",
        "Norvik Airlines carried 14.6 million passengers in 2024.",
        "14.6 million",
        ["passengers", "norvik", "actual", "2024", ""],
    ),
    // ─────────────── parts of a year, people in a role ───────────────
    // A quarter of a year named relative to publication.
    row(
        "2025-05-06",
        "In the first quarter of this year Brannock Ferries carried 29.1 million passengers.",
        "29.1 million",
        ["passengers", "brannock ferries", "actual", "2025-Q1", ""],
    ),
    row(
        "2025-05-06",
        "Brannock Ferries carried 27.4 million passengers in the first three months of last year.",
        "27.4 million",
        ["passengers", "brannock ferries", "actual", "2024-Q1", ""],
    ),
    // A part of a year that is no quarter or half dates the figure as
    // neither that year nor another time of the sentence.
    row(
        "2025-05-06",
        "Brannock Ferries carried 27.4 million passengers in the first three months of last year and 88 million in the first nine months of 2024.",
        "88 million",
        ["passengers", "brannock ferries", "actual", "", ""],
    ),
    // What befell people in a role is what their count measures, of them
    // only: the workers' deaths, not the whole toll.
    row(
        "2025-03-04",
        "Seven workers were killed when fire swept through the mill.",
        "Seven",
        ["worker deaths", "", "actual", "2025-03-04", ""],
    ),
    // Jobs or workers that are cut count job cuts, however the cut is
    // worded; jobs that are not cut stay jobs.
    row(
        "2025-06-24",
        "Tarrow Mills will close its spinning plant in 2026, cutting 1,480 jobs.",
        "1,480",
        ["job-cuts", "tarrow mills", "actual", "2026", ""],
    ),
    row(
        "2025-06-24",
        "The closure of the Tarrow Mills plant will put 1,480 workers out of a job.",
        "1,480",
        ["job-cuts", "", "actual", "", ""],
    ),
    row(
        "2025-06-24",
        "Tarrow Mills announced redundancies affecting 1,480 staff at the plant.",
        "1,480",
        ["job-cuts", "", "actual", "", ""],
    ),
    // A name's possessive on the acting noun phrase owns what it did;
    // "between July and September" is the third quarter.
    row(
        "2024-10-18",
        "Harlow Sound's container terminals handled 1.642 million TEU between July and September, the port authority said.",
        "1.642 million",
        ["containers", "harlow sound", "actual", "2024-Q3", ""],
    ),
    // Names each followed by a number, in a list, hold those numbers;
    // seats lost or gained are a change of seats.
    row(
        "2025-05-20",
        "Of the assembly's 80 seats, final figures give the Civic Union 34, the Labour Front 22 and independents 4.",
        "22",
        ["seats", "labour front", "actual", "", ""],
    ),
    row(
        "2025-05-20",
        "In the north the Civic Union lost 12 seats.",
        "12",
        ["seats", "civic union", "change", "", ""],
    ),
    // What a vessel may carry is its capacity, not its load.
    row(
        "2025-03-02",
        "Its certificate allowed it to carry no more than 560 passengers.",
        "no more than 560",
        ["capacity", "", "actual", "", ""],
    ),
    // Runners who crossed the line are the race's finishers.
    row(
        "2025-04-14",
        "A record 19,214 runners crossed the finish line on the harbour front.",
        "19,214",
        ["finishers", "", "actual", "", ""],
    ),
    row(
        "2025-06-24",
        "Tarrow Mills employs 1,480 workers at the plant.",
        "1,480",
        ["employees", "tarrow mills", "actual", "", ""],
    ),
    // ─────────────── the sixth session: places, shares, scope ───────────────
    // A subject the lexicon does not know keeps the place it is "in".
    row(
        "2025-01-30",
        "Vehicle thefts in Ostmere rose 5.8% to 1,460 last year.",
        "1,460",
        ["vehicle theft", "ostmere", "actual", "2024", ""],
    ),
    // ... and the place it is "from", as a qualifier.
    row(
        "2025-01-30",
        "Visitors from Aldmark numbered 1.21 million last year.",
        "1.21 million",
        ["visitors from aldmark", "", "actual", "2024", ""],
    ),
    // A percentage of people that did something is the share that did it.
    row(
        "2025-04-10",
        "The institute said 71 percent of households had answered the census online.",
        "71 percent",
        ["share of homes that answered", "", "actual", "", ""],
    ),
    // "Nationally" is nobody's in particular: the article's subject is not lent.
    row(
        "2025-10-15",
        "Rents in Corvale rose 7.9% to 1,690 crowns. Rents in Corvale hit a record. Corvale's vacancy rate was 1.2%. Rents nationally rose 6.4% to 1,380 crowns a month.",
        "1,380 crowns",
        ["rent per month", "", "actual", "", ""],
    ),
    // A figure set "above the" another is that other's starting level, of
    // its measure; "reported by ... on Tuesday" dates the report.
    row(
        "2025-03-20",
        "A satellite study estimated that Nordvik's glaciers lost 4.3 cubic kilometres of ice in 2024, above the 3.9 cubic kilometres reported by the national glaciological service on Tuesday.",
        "3.9",
        ["ice", "nordvik", "actual", "", ""],
    ),
    // "for every day" past a conversion makes a rate per day.
    row(
        "2025-06-12",
        "The hauliers' association put the industry's losses at 1.9 million euros, or about 41 million thaler, for every day of disruption.",
        "1.9 million euros",
        ["loss per day", "", "actual", "", ""],
    ),
    // "from A in Y1 to B in Y2": B is Y2's.
    row(
        "2024-05-14",
        "Passengers at the airport rose from 2.1 million in 2015 to 3.1 million in 2023.",
        "3.1 million",
        ["passengers", "", "actual", "2023", ""],
    ),
];

fn read(published: &str, text: &str) -> Vec<Claim> {
    let date = NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("row date");
    let doc = Document::from_text("row.md", text.to_string(), Some(date)).expect("row text");
    Corpus::from_documents(vec![doc], &Lexicon::default_pack(), &Bands::default()).claims
}

fn or_empty(s: Option<String>) -> String {
    s.unwrap_or_default()
}

#[test]
fn readings() {
    let mut failures = Vec::new();
    for r in ROWS {
        let claims = read(r.published, r.text);
        let Some(c) = claims.iter().find(|c| c.text == r.pick) else {
            let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
            failures.push(format!("{:?}: no claim {:?} in {texts:?}", r.text, r.pick));
            continue;
        };
        let got = [
            or_empty(c.measure.as_ref().map(ToString::to_string)),
            or_empty(c.owner.as_deref().map(String::from)),
            c.role.as_str().to_string(),
            or_empty(c.period.map(|p| p.to_string())),
            c.measure
                .as_ref()
                .and_then(|m| m.basis)
                .map_or(String::new(), |b| b.as_str().to_string()),
        ];
        let want = [r.measure, r.owner, r.role, r.period, r.basis];
        let names = ["measure", "owner", "role", "period", "basis"];
        for ((name, want), got) in names.iter().zip(want).zip(&got) {
            if want != got {
                failures.push(format!(
                    "{:?} / {:?}: {name} {got:?}, expected {want:?}",
                    r.text, r.pick
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows misread:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}
