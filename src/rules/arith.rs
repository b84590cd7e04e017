//! Interval arithmetic on `Decimal` bounds, for rules that recompute a
//! figure from others. Every result is the set of values the inputs'
//! roundings allow, so only a stated figure outside all of them is wrong.
//! Open and closed ends are treated alike: at this scale the difference
//! never decides a finding, and the closed hull errs on the side of "holds".

use rust_decimal::Decimal;

use crate::claim::{Bound, Claim, Interval};

/// A closed range [lo, hi].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The lowest value.
    pub lo: Decimal,
    /// The highest value.
    pub hi: Decimal,
}

impl Range {
    /// The bounded interval of a claim, or `None` for "more than 30".
    pub fn of(c: &Claim) -> Option<Range> {
        Some(Range {
            lo: c.interval.low?.value,
            hi: c.interval.high?.value,
        })
    }

    /// The sum, or `None` if it overflows.
    pub fn checked_add(self, o: Range) -> Option<Range> {
        Some(Range {
            lo: self.lo.checked_add(o.lo)?,
            hi: self.hi.checked_add(o.hi)?,
        })
    }

    /// The change from `self` to `to`: to − from; `None` if it overflows.
    pub fn difference_to(self, to: Range) -> Option<Range> {
        Some(Range {
            lo: to.lo.checked_sub(self.hi)?,
            hi: to.hi.checked_sub(self.lo)?,
        })
    }

    /// Percentage change from `self` to `to`: (to − from) / from × 100.
    /// Needs a positive starting level; `None` if it overflows.
    pub fn growth_to(self, to: Range) -> Option<Range> {
        if self.lo <= Decimal::ZERO {
            return None;
        }
        let pct = |a: Decimal, b: Decimal| {
            a.checked_div(b)?
                .checked_sub(Decimal::ONE)?
                .checked_mul(Decimal::ONE_HUNDRED)
        };
        Some(Range {
            lo: pct(to.lo, self.hi)?,
            hi: pct(to.hi, self.lo)?,
        })
    }

    /// `self` as a percentage of `whole`; `None` if it overflows.
    pub fn share_of(self, whole: Range) -> Option<Range> {
        if whole.lo <= Decimal::ZERO {
            return None;
        }
        let pct = |a: Decimal, b: Decimal| a.checked_div(b)?.checked_mul(Decimal::ONE_HUNDRED);
        Some(Range {
            lo: pct(self.lo, whole.hi)?,
            hi: pct(self.hi, whole.lo)?,
        })
    }

    pub(crate) fn as_interval(self) -> Interval {
        Interval::closed(self.lo, self.hi)
    }

    /// "335,000,000–345,000,000 USD" for amounts in messages.
    pub fn describe_amount(self, unit: &str) -> String {
        let g = |d: Decimal| crate::claim::grouped(d.round_dp(0));
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        // A fall reads as one: "a fall of 700,000–900,000", not
        // "-900,000–-700,000".
        let (lo, hi, fall) = if self.hi < Decimal::ZERO {
            (-self.hi, -self.lo, "a fall of ")
        } else {
            (self.lo, self.hi, "")
        };
        if g(lo) == g(hi) {
            format!("{fall}{}{unit}", g(lo))
        } else {
            format!("{fall}{}–{}{unit}", g(lo), g(hi))
        }
    }

    /// "16.9%–23.2%" for messages, two decimals.
    pub fn describe(self, unit: &str) -> String {
        let r = |d: Decimal| d.round_dp(1).normalize().to_string();
        if r(self.lo) == r(self.hi) {
            format!("{}{unit}", r(self.lo))
        } else {
            format!("{}{unit}–{}{unit}", r(self.lo), r(self.hi))
        }
    }
}

/// The readings a stated figure allows: its interval, and for a figure
/// without qualifier also its truncation ("12%" may be 12.0–12.99%).
pub fn stated_holds(claim: &Claim, computed: Range) -> bool {
    let iv = computed.as_interval();
    if claim.interval.overlaps(&iv) {
        return true;
    }
    if !claim.may_be_truncated() {
        return false;
    }
    let p = claim.precision;
    let truncated = if claim.value.is_sign_negative() {
        Interval {
            low: Some(Bound::open(claim.value - p)),
            high: Some(Bound::closed(claim.value)),
        }
    } else {
        Interval {
            low: Some(Bound::closed(claim.value)),
            high: Some(Bound::open(claim.value + p)),
        }
    };
    truncated.overlaps(&iv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn growth_honours_rounding() {
        let from = Range {
            lo: dec!(3.45),
            hi: dec!(3.55),
        };
        let to = Range {
            lo: dec!(4.15),
            hi: dec!(4.25),
        };
        let g = from.growth_to(to).unwrap();
        assert!(g.lo > dec!(16.9) && g.lo < dec!(17.0), "{g:?}");
        assert!(g.hi > dec!(23.1) && g.hi < dec!(23.2), "{g:?}");
    }

    #[test]
    fn share_of_whole() {
        let n = Range {
            lo: dec!(11.5),
            hi: dec!(12.5),
        };
        let m = Range {
            lo: dec!(47.5),
            hi: dec!(48.5),
        };
        let s = n.share_of(m).unwrap();
        assert!(s.lo > dec!(23.7) && s.hi < dec!(26.4), "{s:?}");
    }
}
