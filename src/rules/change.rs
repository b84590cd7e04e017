//! FC301 change-arithmetic: a stated rate of change against the two levels
//! it joins, in the same sentence.

use super::arith::{stated_holds, Range};
use super::{Context, RuleInfo, Run};
use crate::claim::{Kind, Role};
use crate::findings::{Finding, Severity};

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC301",
    run: Run::Claims(check),
    name: "change-arithmetic",
    severity: Severity::Error,
    summary: "a stated rise or fall that does not follow from the two levels given with it",
    doc: r#"## What it does
Finds "rose/fell X% to B from A", "from A to B, up X%" and "B, up X% from A",
recomputes (B − A) / A from every rounding of A and B, and flags X when it
lies outside all of them (for percentage points, and for an amount such
as "rose by $430m", B − A).

## Why is this bad?
One of the three figures is wrong, and readers who do the sum will notice.

## Example
```text
Revenue climbed 12% to $4.2 billion from $3.5 billion.   (that is 20%)
```
Use instead:
```text
Profit rose 25% to $500 million from $400 million.
```
"#,
};

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        if c.role != Role::Change
            || !matches!(
                c.kind,
                Kind::Percent | Kind::PercentagePoints | Kind::Money | Kind::Count
            )
        {
            continue;
        }
        let (Some(to), Some(from)) = (c.links.to, c.links.from) else {
            continue;
        };
        let (Some(b), Some(a)) = (
            cx.claim_at(c.doc, to as usize),
            cx.claim_at(c.doc, from as usize),
        ) else {
            continue;
        };
        let (lb, la) = (cx.claim(b), cx.claim(a));
        if !super::growth_chain::same_unit(cx, lb, la) {
            continue;
        }
        let (Some(rb), Some(ra)) = (Range::of(lb), Range::of(la)) else {
            continue;
        };
        let computed = match (c.kind, lb.kind) {
            (Kind::PercentagePoints, Kind::Percent) => Range {
                lo: rb.lo - ra.hi,
                hi: rb.hi - ra.lo,
            },
            (Kind::Percent, Kind::Money | Kind::Count) => match ra.growth_to(rb) {
                Some(g) => g,
                None => continue,
            },
            // "rose by $430m to $2.18bn from $1.84bn": the amount of change.
            (Kind::Money, Kind::Money) | (Kind::Count, Kind::Count) => match ra.difference_to(rb) {
                Some(d) if c.unit == lb.unit => d,
                _ => continue,
            },
            _ => continue,
        };
        if stated_holds(c, computed) {
            continue;
        }
        let described = match c.kind {
            Kind::Percent => computed.describe("%"),
            Kind::PercentagePoints => computed.describe(" pp"),
            _ => computed.describe_amount(c.unit.as_deref().unwrap_or("")),
        };
        out.push(Finding {
            message: format!(
                "{} does not follow from {} to {}: that is {}",
                c.text, la.text, lb.text, described
            ),
            measure: c.measure.as_ref().map(ToString::to_string),
            period: c.period,
            claims: vec![i, b, a],
            labels: vec![
                format!("stated {}", c.describe_value()),
                format!("to {}", lb.describe_value()),
                format!("from {}", la.describe_value()),
            ],
            help: Some(match c.kind {
                Kind::Percent | Kind::PercentagePoints => format!(
                    "(B − A) / A over every rounding of the levels gives {described}; correct the rate or a level"
                ),
                _ => format!(
                    "B − A over every rounding of the levels gives {described}; correct the change or a level"
                ),
            }),
            ..Finding::of(&RULE)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn codes(text: &str) -> Vec<&'static str> {
        check_texts(&[("a.md", "2023-11-08", text)])
            .into_iter()
            .map(|f| f.code)
            .filter(|c| *c == "FC301")
            .collect()
    }

    /// "up from $0.96bn" starts the surplus named just before it, not the
    /// imports the rate is about.
    #[test]
    fn a_starting_level_belongs_to_the_level_before_it() {
        let f = check_texts(&[(
            "a.md",
            "2024-05-15",
            "Imports grew 3.1% to $16.9 billion, leaving a surplus of $1.7 billion, up from $0.96 billion a year earlier.",
        )]);
        assert!(f.iter().all(|f| f.code != "FC301"), "{f:#?}");
    }

    /// A level reached may be followed by its period before the rate; a
    /// starting level past a colon belongs to another clause's change.
    #[test]
    fn a_level_then_its_period_then_the_rate() {
        let text = |rate: u32| {
            format!(
                "Purchases fell to 612,000 tonnes in the October-March main crop, down \
                 {rate} per cent from 748,000 tonnes a year earlier."
            )
        };
        assert_eq!(codes(&text(22)), ["FC301"]);
        assert!(codes(&text(18)).is_empty());
        let colon = "Its output dropped from 8.6 TWh in 2023, although the last quarter \
                     brought relief: generation rose 12 per cent quarter on quarter to 1.62 TWh.";
        assert!(codes(colon).is_empty());
    }

    /// "X, up from Y a year earlier, a Z% increase": a rate in apposition
    /// after a clause that is only the starting level is the change from it
    /// to the level before; a rate that opens its own clause is not.
    #[test]
    fn a_rate_in_apposition_after_the_starting_level() {
        let text = |rate: u32| {
            format!(
                "The plant produced 171,000 cubic metres a day in May, up from 142,000 cubic \
                 metres a year earlier, a {rate} per cent increase, the authority said."
            )
        };
        // 142,000 to 171,000 is 20.4%.
        assert_eq!(codes(&text(26)), ["FC301"]);
        assert!(codes(&text(20)).is_empty());
        let own_clause = "The plant produced 171,000 cubic metres a day in May, up from 142,000 \
                          cubic metres a year earlier, while demand rose 26 per cent.";
        assert!(codes(own_clause).is_empty());
        // A rate on its own base is no change between these levels.
        let own_base = "Home prices averaged $450,000 in May, up from $440,000 in April, a 9% \
                        increase from a year earlier.";
        assert!(codes(own_base).is_empty());
    }

    /// Of two rates in a row, the starting level after the second is the
    /// second's: the first names its own base ("on December 2023").
    #[test]
    fn a_starting_level_belongs_to_the_rate_beside_it() {
        let text = |rate: &str| {
            format!(
                "December arrivals reached 412,000, up 11.4% on December 2023 and up {rate} \
                 from 349,000 in November."
            )
        };
        assert!(codes(&text("18%")).is_empty());
        assert_eq!(codes(&text("25%")), ["FC301"]);
    }

    /// A rate and a level that each name a different measure in their own
    /// clauses are no change between levels.
    #[test]
    fn a_level_of_another_measure_is_not_the_rates() {
        assert!(codes(
            "Exports rose 9.2 percent last year and imports grew 1.4 percent, lifting the \
             trade surplus to a record $410.5 billion from $350.2 billion in 2023."
        )
        .is_empty());
        assert_eq!(
            codes("Imports grew 1.4 percent to $410.5 billion from $350.2 billion in 2023."),
            ["FC301"]
        );
    }

    /// "X, up from Y, an increase of R" and "R more than Y": the rate of
    /// the two levels.
    #[test]
    fn an_increase_of_and_more_than() {
        let increase = |rate: &str| {
            format!(
                "A loaf cost 2.84 dukats in February, up from 2.46 dukats a year earlier, an \
                 increase of {rate} per cent, the bureau said."
            )
        };
        assert_eq!(codes(&increase("11.5")), ["FC301"]);
        assert!(codes(&increase("15.4")).is_empty());
        let more = |rate: &str| {
            format!(
                "Growers produced 412,000 hectolitres this year, {rate} per cent more than the \
                 368,000 hectolitres made in 2023."
            )
        };
        assert_eq!(codes(&more("21")), ["FC301"]);
        assert!(codes(&more("12")).is_empty());
        assert!(
            codes("Output was 40,000 tonnes, 20% lower than the 50,000 tonnes of 2023.").is_empty()
        );
        // The level after "than" a few words on.
        let later = |rate: &str| {
            format!(
                "Output was 412,000 hectolitres, {rate} per cent more than last year's 368,000 \
                 hectolitres."
            )
        };
        assert_eq!(codes(&later("21")), ["FC301"]);
        assert!(codes(&later("12")).is_empty());
        assert_eq!(
            codes("Output was 40,000 tonnes, 25% lower than the 50,000 tonnes of 2023."),
            ["FC301"]
        );
    }

    /// A rate based on a time ("up 12 per cent from the third quarter")
    /// takes no starting level set against another rate.
    #[test]
    fn a_rate_on_a_time_takes_no_level() {
        assert!(codes(
            "Fourth-quarter generation was 1.62 TWh, up 12 per cent from the third quarter as \
             rains returned, but still 21 per cent below the 2.05 TWh of the final quarter of \
             2023."
        )
        .is_empty());
    }

    /// Review probes: a rate in apposition keeps the starting level of its
    /// own level, and a rate of another quantity takes none.
    #[test]
    fn apposition_keeps_its_own_levels() {
        assert!(codes(
            "Greece welcomed 4.2 million visitors in July, up from 3.9 million a year earlier, \
             an increase of 8%, and well above the 3.1 million of July 2019."
        )
        .is_empty());
        assert!(codes(
            "Claims paid by the insurer reached 2.6 billion euros, up from 2.2 billion a year \
             earlier after the floods, and premiums rose to 3.1 billion, an increase of 7%."
        )
        .is_empty());
        assert!(codes(
            "Police recorded 41,200 burglaries, down from 44,800 a year earlier, and 6,100 of \
             them were solved, a fall of 8% in the clear-up rate."
        )
        .is_empty());
        assert_eq!(
            codes(
                "Greece welcomed 4.2 million visitors in July, up from 3.9 million a year \
                 earlier, an increase of 18%, and well above the 3.1 million of July 2019."
            ),
            ["FC301"]
        );
    }

    #[test]
    fn wrong_rate_is_an_error() {
        assert_eq!(
            codes("Revenue climbed 12% to $4.2 billion from $3.5 billion."),
            ["FC301"]
        );
        assert_eq!(
            codes("Sales fell 8% to $920 million from $1.1 billion a year earlier."),
            ["FC301"]
        );
    }

    #[test]
    fn right_rate_passes() {
        assert!(codes("Profit rose 25% to $500 million from $400 million.").is_empty());
        assert!(codes("Net profit dropped 40% to $60 million from $100 million.").is_empty());
    }

    /// A level set "against" or "compared with" another is the change's
    /// start when the rate follows with no "to".
    #[test]
    fn a_level_set_against_another_is_checked() {
        assert_eq!(
            codes("Revenue came in at $4.13 billion against $3.62 billion a year earlier, an increase of 18%."),
            ["FC301"]
        );
        assert!(codes("Revenue came in at $4.13 billion against $3.62 billion a year earlier, an increase of 14%.").is_empty());
        assert_eq!(
            codes("Orders reached 5,200 compared with 4,000 a year before, a rise of 40%."),
            ["FC301"]
        );
    }

    /// A clause opened after a comma keeps its own levels.
    #[test]
    fn a_later_clause_keeps_its_levels() {
        assert!(codes(
            "Pass holders climbed to 214,000 from 188,000, an increase of 13.8%, \
             after the city cut the price of a pass from 49 to 42 marks."
        )
        .is_empty());
    }

    #[test]
    fn rounding_edge_does_not_fire() {
        // 108 / 86.7 − 1 is 24.57%; written levels allow 23.9%–25.2%.
        assert!(codes("Trade rose 24.5% to $108 billion from $86.7 billion.").is_empty());
        // Truncated rate: 4.2 / 3.5 − 1 is exactly 20%; "19%" is outside,
        // but "20.9%" truncated to "20%" is fine.
        assert!(codes("Revenue climbed 20% to $4.23 billion from $3.5 billion.").is_empty());
    }

    #[test]
    fn doubled_and_halved() {
        assert_eq!(
            codes("Space launches doubled to 210 last year from 120."),
            ["FC301"]
        );
        // 2.1 times is still "doubled"; a band of ±10% of the change.
        assert!(codes("Profit doubled to $210m from $100m.").is_empty());
        assert!(codes("The deficit halved to $40bn from $80bn.").is_empty());
        assert_eq!(codes("The deficit halved to $60bn from $80bn."), ["FC301"]);
        assert!(codes("He doubled down on the plan with $5bn from $3bn in savings.").is_empty());
    }

    #[test]
    fn amount_of_change() {
        assert_eq!(
            codes("Revenue rose by $430m to $2.18bn from $1.84bn."),
            ["FC301"]
        );
        assert!(codes("Revenue rose by $340m to $2.18bn from $1.84bn.").is_empty());
        // $2.2bn − $1.8bn may be anything from $300m to $500m.
        assert!(codes("Revenue rose by $450m to $2.2bn from $1.8bn.").is_empty());
    }

    /// The bare end of a change in tonnes is in tonnes: "from 2.5 million"
    /// after "2.8 million tonnes" is 2.5 million tonnes, not 2.5 million
    /// of nothing compared with 2.8 billion kilograms.
    #[test]
    fn a_bare_end_takes_the_other_ends_physical_unit() {
        assert!(codes("Barley output rose 12% to 2.8 million tonnes from 2.5 million.").is_empty());
        assert_eq!(
            codes("The crop shrank by 600,000 tonnes, from 8.7 million tonnes to 7.9 million."),
            ["FC301"]
        );
        let f = check_texts(&[(
            "a.md",
            "2024-09-18",
            "The crop shrank by 600,000 tonnes, from 8.7 million tonnes to 7.9 million.",
        )]);
        assert!(
            f[0].message
                .ends_with("that is a fall of 700,000,000–900,000,000 kg"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn from_a_to_b_up_x() {
        assert_eq!(
            codes("Exports went from $3.5 billion to $4.2 billion, up 12%."),
            ["FC301"]
        );
        assert!(codes("Exports went from $3.5 billion to $4.2 billion, up 20%.").is_empty());
    }
}
