//! Which claims speak of the same thing.
//!
//! A claim's [`Key`] is its measure (with what qualifies it: exports *to
//! Russia*, tariffs *on Chinese goods*), role, period, and unit. Claims are
//! grouped by key in one pass over a hash map, so a run never compares every
//! claim with every other: only claims inside one group meet.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::claim::{Claim, Kind, Period, Role};
use crate::measure::Lexicon;
use crate::source::Document;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub measure: String,
    pub role: Role,
    pub period: Option<Period>,
    pub kind: Kind,
    /// Currency code, "%", "pp", counted noun, or duration unit.
    pub unit: Option<String>,
    /// The starting level of a change describes an unknown earlier period.
    pub baseline: bool,
    /// Whose figures these are; set when a group is split by owner.
    pub owner: Option<String>,
}

impl Key {
    /// The key of a claim, or `None` when it cannot be compared at all
    /// (dates, figures with no measure). `published` is the claim's
    /// document's publication date.
    pub fn of(claim: &Claim, published: Option<NaiveDate>, lexicon: &Lexicon) -> Option<Key> {
        if claim.kind == Kind::Date {
            return None;
        }
        let measure = claim.measure.clone()?;
        // A duration ("a three-day visit") is about an event: the year it
        // happened in, or else the year it was reported in, tells events
        // apart; the exact day it was bound to does not.
        let period = match (claim.kind, claim.period) {
            (Kind::Duration, Some(p)) => Some(Period::Year(p.year())),
            (Kind::Duration, None) => published.map(|d| Period::Year(d.year())),
            (_, p) => p,
        };
        Some(Key {
            measure,
            role: claim.role,
            period,
            kind: claim.kind,
            // A counted noun is already in the measure ("measles cases" and
            // "cases of measles" are both cases); only true units of measure
            // (gigawatts, tonnes) must match.
            unit: match claim.kind {
                Kind::Count => claim
                    .unit
                    .as_deref()
                    .filter(|u| lexicon.is_unit(u))
                    .map(unit_key),
                _ => claim.unit.as_deref().map(unit_key),
            },
            baseline: claim.baseline && claim.period.is_none(),
            owner: None,
        })
    }

    /// "trade, 2018" for messages.
    pub fn describe(&self) -> String {
        let role = match self.role {
            Role::Actual => "",
            Role::Target => " target",
            Role::Forecast => " forecast",
            Role::Change => " change",
        };
        match self.period {
            Some(p) => format!("{}{role} for {p}", self.measure),
            None => format!("{}{role} (no period stated)", self.measure),
        }
    }
}

/// Counted nouns compare in the singular ("home" and "homes").
fn unit_key(unit: &str) -> String {
    crate::measure::fold(unit)
}

/// Group claim indices by key; groups and their members in a fixed order.
pub fn group(claims: &[Claim], docs: &[Document], lexicon: &Lexicon) -> BTreeMap<Key, Vec<usize>> {
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(k) = Key::of(c, docs[c.doc].published(), lexicon) {
            groups.entry(k).or_default().push(i);
        }
    }
    groups
}

/// Split groups whose claims name different owners: each owner's claims
/// form a group with the claims that name none ("Kestrel's revenue" and
/// "Sunwave's revenue" never meet; "revenue" meets both).
pub fn split_by_owner(
    groups: BTreeMap<Key, Vec<usize>>,
    claims: &[Claim],
) -> BTreeMap<Key, Vec<usize>> {
    let mut out = BTreeMap::new();
    for (key, members) in groups {
        let raw: Vec<&str> = members
            .iter()
            .filter_map(|&i| claims[i].owner.as_deref())
            .collect();
        // "Northwind" and "Northwind Foods" are one owner: an owner whose
        // words begin another's names the same company.
        let canonical = |o: &str| -> String {
            raw.iter()
                .filter(|c| o == **c || o.starts_with(&format!("{c} ")))
                .min_by_key(|c| c.len())
                .map_or(o.to_string(), |c| c.to_string())
        };
        let mut owners: Vec<String> = raw.iter().map(|o| canonical(o)).collect();
        owners.sort_unstable();
        owners.dedup();
        if owners.len() < 2 {
            out.insert(key, members);
            continue;
        }
        for owner in owners {
            let part: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| {
                    claims[i]
                        .owner
                        .as_deref()
                        .is_none_or(|o| canonical(o) == owner)
                })
                .collect();
            let mut k = key.clone();
            k.owner = Some(owner);
            out.insert(k, part);
        }
    }
    out
}

/// A target stated without a period ("aims for US$200 billion a year")
/// joins the dated targets of the same measure and unit when there is
/// exactly one such group: it is most likely the same target, restated.
pub fn attach_undated_targets(groups: &mut BTreeMap<Key, Vec<usize>>) {
    let undated: Vec<Key> = groups
        .keys()
        .filter(|k| k.role == Role::Target && k.period.is_none())
        .cloned()
        .collect();
    for k in undated {
        let dated: Vec<Key> = groups
            .keys()
            .filter(|d| {
                d.role == Role::Target
                    && d.period.is_some()
                    && d.measure == k.measure
                    && d.kind == k.kind
                    && d.unit == k.unit
            })
            .cloned()
            .collect();
        if let [only] = dated.as_slice() {
            if let Some(members) = groups.remove(&k) {
                if let Some(target) = groups.get_mut(only) {
                    target.extend(members);
                    target.sort_unstable();
                }
            }
        }
    }
}
