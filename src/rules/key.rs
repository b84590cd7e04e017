//! Which claims speak of the same thing.
//!
//! A claim's [`Key`] is its measure (with what qualifies it: exports *to
//! Russia*, tariffs *on Chinese goods*), role, period, and unit. Claims are
//! grouped by key in one pass over a hash map, so a run never compares every
//! claim with every other: only claims inside one group meet.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::claim::{Claim, Kind, Measure, Period, Role};
use crate::lexicon::Lexicon;
use crate::source::Document;

/// What claims must share to be compared: claims with equal keys speak of
/// the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// What is quantified, with what qualifies it.
    pub measure: Arc<Measure>,
    /// Actual, change, target...: figures of different roles never meet.
    pub role: Role,
    /// The period the figures are about; for a duration, the year it
    /// happened or was reported in. `None` when none is known.
    pub period: Option<Period>,
    /// Money, count, percent...
    pub kind: Kind,
    /// Currency code, "%", "pp", counted noun, or duration unit.
    pub unit: Option<Arc<str>>,
    /// The starting level of a change describes an unknown earlier period.
    pub baseline: bool,
    /// Whose figures these are (one spelling per owner across the run).
    pub owner: Option<Arc<str>>,
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
        // "45% of the country's 4,800 pharmacies": a share of a stated whole
        // held by whatever the clause is about is one of many, no figure to
        // agree or conflict with. A count out of a stated whole ("68 of its
        // 910 stores") meets only parts of that whole as written.
        if measure.part_of_stated && claim.kind == Kind::Percent {
            return None;
        }
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
            // (gigawatts, tonnes) must match; physical units are compared in
            // their base unit ("kg"), converted from what was written.
            unit: match claim.kind {
                Kind::Count => claim
                    .unit
                    .as_ref()
                    .filter(|u| lexicon.is_unit(u) || lexicon.physical().is_base(u))
                    .map(unit_key),
                _ => claim.unit.as_ref().map(unit_key),
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
            Role::Guidance => " guidance",
            Role::Estimate => " estimate",
            Role::Change => " change",
        };
        let basis = self
            .measure
            .basis
            .map_or(String::new(), |b| format!(" {}", b.as_str()));
        match self.period {
            Some(p) => format!("{}{role}{basis} for {p}", self.measure),
            None => format!("{}{role}{basis} (no period stated)", self.measure),
        }
    }
}

/// Counted nouns compare in the singular ("home" and "homes").
fn unit_key(unit: &Arc<str>) -> Arc<str> {
    let folded = crate::lexicon::fold(unit);
    if *folded == **unit {
        unit.clone()
    } else {
        Arc::from(folded)
    }
}

/// Group claim indices by key; groups and their members in a fixed order.
/// Owners are part of the key: "Kestrel's revenue" and "Sunwave's revenue"
/// never meet, and a figure with no owner meets only others with none
/// (see [`crate::read::story`]). Owners are already one spelling per owner
/// across the run: company forms are dropped as they are read ("nvidia
/// corp" is "nvidia"), and initials spelled out in any file replace the
/// long name ("reliance" is "ril").
pub fn group(claims: &[Claim], docs: &[Document], lexicon: &Lexicon) -> BTreeMap<Key, Vec<usize>> {
    // Keys are made and sorted on every thread; each key sorts with its
    // claim index, so the groups come out the same whatever the thread
    // count, members in claim order.
    let mut keyed: Vec<(Key, usize)> = claims
        .par_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let mut k = Key::of(c, docs[c.doc].published(), lexicon)?;
            k.owner = c.owner.clone();
            Some((k, i))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (k, i) in keyed {
        match groups.last_mut() {
            Some((last, members)) if *last == k => members.push(i),
            _ => groups.push((k, vec![i])),
        }
    }
    // Already in order: the map is built from sorted entries in one pass.
    groups.into_iter().collect()
}

/// The groups agreements are looked for in, wider than those conflicts
/// are: measures meet by their head, whatever qualifies it; a figure that
/// names no owner also joins every owned group of its key ("revenue of
/// $57bn" agrees with "Nvidia's revenue of $57bn"); and one placed in its
/// article's period only by inference joins the same figure stated with
/// none; a change whose basis is not written joins the same change with
/// one. Corroboration is information, never an alarm: within these wider
/// groups only figures whose values agree are reported together.
pub fn with_unowned(
    groups: &BTreeMap<Key, Vec<usize>>,
    claims: &[Claim],
) -> BTreeMap<Key, Vec<usize>> {
    // The same number for the same head measure corroborates, whatever the
    // words before the head: "sales of $51.2bn in the data-centre
    // business" and "data center revenue of $51.2B".
    let mut merged: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (k, members) in groups {
        let bare = k.measure.modifiers.is_empty() && k.measure.qualifier.is_none();
        let loose = Key {
            measure: if bare {
                k.measure.clone()
            } else {
                Arc::new(Measure {
                    modifiers: Vec::new(),
                    qualifier: None,
                    ..Measure::clone(&k.measure)
                })
            },
            ..k.clone()
        };
        let g = merged.entry(loose).or_default();
        g.extend(members.iter().copied());
        g.sort_unstable();
    }
    // A change whose basis is not written corroborates the same change
    // with one: "rose 6.7%" and "up 6.7% from a year earlier".
    let based: Vec<(Key, Key)> = merged
        .keys()
        .filter(|k| k.measure.basis.is_some())
        .map(|k| {
            let unbased = Key {
                measure: Arc::new(Measure {
                    basis: None,
                    ..Measure::clone(&k.measure)
                }),
                ..k.clone()
            };
            (k.clone(), unbased)
        })
        .collect();
    for (k, unbased) in based {
        if let Some(members) = merged.get(&unbased).cloned() {
            let g = merged.entry(k).or_default();
            g.extend(members);
            g.sort_unstable();
            g.dedup();
        }
    }
    let groups = &merged;
    let mut out = groups.clone();
    // A figure placed in its article's period only because the article is
    // about it also corroborates the same figure stated with no period.
    for (k, members) in groups.iter().filter(|(k, _)| k.period.is_some()) {
        let inferred: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| {
                claims[i]
                    .evidence
                    .period
                    .as_ref()
                    .is_some_and(|r| r.source == crate::claim::Source::Subject)
            })
            .collect();
        let undated = Key {
            period: None,
            ..k.clone()
        };
        if let (false, Some(g)) = (inferred.is_empty(), out.get_mut(&undated)) {
            g.extend(inferred);
            g.sort_unstable();
            g.dedup();
        }
    }
    // Each owned group takes in its unowned twin: looked up once per owned
    // key, not by scanning every key for every unowned group.
    for (owned, g) in out.iter_mut().filter(|(k, _)| k.owner.is_some()) {
        let unowned = Key {
            owner: None,
            ..owned.clone()
        };
        if let Some(members) = groups.get(&unowned) {
            g.extend(members.iter().copied());
            g.sort_unstable();
        }
    }
    out
}

/// A target stated without a period ("aims for US$200 billion a year")
/// joins the dated targets of the same measure and unit when there is
/// exactly one such group: it is most likely the same target, restated.
pub fn attach_undated_targets(groups: &mut BTreeMap<Key, Vec<usize>>) {
    // Dated target groups by what must match, so each undated target finds
    // its candidates without scanning every key.
    let mut dated: BTreeMap<Key, Vec<Key>> = BTreeMap::new();
    for d in groups
        .keys()
        .filter(|d| d.role == Role::Target && d.period.is_some())
    {
        dated
            .entry(Key {
                period: None,
                ..d.clone()
            })
            .or_default()
            .push(d.clone());
    }
    for (undated, candidates) in dated {
        if let [only] = candidates.as_slice() {
            if let Some(members) = groups.remove(&undated) {
                if let Some(target) = groups.get_mut(only) {
                    target.extend(members);
                    target.sort_unstable();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Source;
    use crate::testing::corpus;

    /// The key of the claim written `text`.
    fn key_of(c: &crate::Corpus, text: &str) -> Key {
        let i = c
            .claims
            .iter()
            .position(|k| k.text == text)
            .unwrap_or_else(|| panic!("no claim {text:?}"));
        let groups = group(&c.claims, &c.docs, &Lexicon::default_pack());
        groups
            .into_iter()
            .find(|(_, m)| m.contains(&i))
            .map(|(k, _)| k)
            .unwrap_or_else(|| panic!("{text:?} is in no group"))
    }

    #[test]
    fn owners_split_groups() {
        let c = corpus(&[
            (
                "a.md",
                "2024-02-01",
                "Kestrel's revenue was $1.2bn in 2023.",
            ),
            (
                "b.md",
                "2024-02-01",
                "Sunwave's revenue was $2.5bn in 2023.",
            ),
        ]);
        let (a, b) = (key_of(&c, "$1.2bn"), key_of(&c, "$2.5bn"));
        assert_eq!(a.owner.as_deref(), Some("kestrel"));
        assert_eq!(b.owner.as_deref(), Some("sunwave"));
        assert_ne!(a, b);
    }

    /// A share of a stated whole ("45% of the country's 4,800 pharmacies")
    /// is one of many parts: in no group; a count out of one ("19 of
    /// them") is keyed by its whole as written.
    #[test]
    fn parts_of_a_stated_whole_are_compared_with_nothing() {
        let c = corpus(&[(
            "a.md",
            "2025-03-04",
            "Pillbridge shut 68 stores in February, 19 of them in Varn. The two chains hold \
             roughly 45 per cent of the country's 4,800 pharmacies.",
        )]);
        let groups = group(&c.claims, &c.docs, &Lexicon::default_pack());
        let grouped = |text: &str| {
            let i = c.claims.iter().position(|k| k.text == text).unwrap();
            groups.values().any(|m| m.contains(&i))
        };
        assert!(grouped("68"));
        assert!(!grouped("roughly 45 per cent"));
        // "19 of them" is a part of the 68, keyed apart from it.
        assert_ne!(key_of(&c, "19").measure, key_of(&c, "68").measure);
    }

    #[test]
    fn per_share_is_not_the_total() {
        let c = corpus(&[(
            "a.md",
            "2024-02-01",
            "Net income was $3bn in 2023. Net income was $1.10 a share in 2023.",
        )]);
        assert_eq!(key_of(&c, "$3bn").measure.to_string(), "profit");
        assert_eq!(key_of(&c, "$1.10").measure.to_string(), "eps");
    }

    #[test]
    fn the_story_owner_is_lent_to_figures_that_name_none() {
        let c = corpus(&[
            ("a.md", "2024-02-01", "Acme's revenue was $3bn in 2023."),
            ("b.md", "2024-02-01", "Acme's revenue reached $3bn in 2023."),
            ("c.md", "2024-02-02", "Revenue was $3.1bn in 2023."),
        ]);
        let lent = c.claims.iter().find(|k| k.text == "$3.1bn").unwrap();
        assert_eq!(lent.owner.as_deref(), Some("acme"));
        assert_eq!(
            lent.evidence.owner.as_ref().map(|r| r.source),
            Some(Source::Story)
        );
        assert_eq!(key_of(&c, "$3.1bn"), key_of(&c, "$3bn"));
    }

    #[test]
    fn the_story_owner_is_not_lent_when_two_owners_are_named() {
        let c = corpus(&[
            ("a.md", "2024-02-01", "Acme's revenue was $3bn in 2023."),
            ("b.md", "2024-02-01", "Globex's revenue was $5bn in 2023."),
            ("c.md", "2024-02-02", "Revenue was $4bn in 2023."),
        ]);
        assert_eq!(key_of(&c, "$4bn").owner, None);
    }

    #[test]
    fn initials_spelled_out_in_one_file_join_owners_in_all() {
        let c = corpus(&[
            (
                "a.md",
                "2025-10-17",
                "Reliance Industries Limited (RIL) said profit rose. Reliance's profit was \
                 ₹22,146 crore in 2024.",
            ),
            (
                "b.md",
                "2025-10-17",
                "RIL's profit was ₹18,165 crore in 2024.",
            ),
        ]);
        let (a, b) = (key_of(&c, "₹22,146 crore"), key_of(&c, "₹18,165 crore"));
        assert_eq!(a.owner.as_deref(), Some("ril"));
        assert_eq!(a, b);
    }

    #[test]
    fn agreement_groups_join_unowned_figures_to_owned_ones() {
        let c = corpus(&[
            ("a.md", "2024-02-01", "Nvidia's revenue was $57bn in 2024."),
            ("b.md", "2024-02-01", "Revenue was $57bn in 2024."),
        ]);
        let groups = group(&c.claims, &c.docs, &Lexicon::default_pack());
        let owned = key_of(&c, "$57bn");
        assert_eq!(owned.owner.as_deref(), Some("nvidia"));
        let loose = with_unowned(&groups, &c.claims);
        let members = &loose[&owned];
        assert_eq!(members.len(), 2, "{members:?}");
    }
}
