//! Physical units as data (`rules/units.toml`): each unit's dimension and
//! its size in the dimension's base unit, so figures in tonnes and
//! kilograms, barrels and cubic metres are compared after conversion, and
//! figures of different dimensions (GW and GWh) never meet.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, Anchored, Input};
use rust_decimal::Decimal;
use serde::Deserialize;

/// One `[[dimension]]` of a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DimensionDef {
    id: String,
    base: String,
}

/// One `[[unit]]` of a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitDef {
    dimension: String,
    factor: Decimal,
    #[serde(default)]
    factor_high: Option<Decimal>,
    #[serde(default)]
    offset: Option<Decimal>,
    #[serde(default)]
    per: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    symbols: Vec<String>,
}

/// A unit a figure was written in, ready to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The dimension's base unit: "kg", "l", "Wh".
    pub base: String,
    /// Base units in one written unit; with `factor_high`, the smallest of
    /// the sizes the name covers.
    pub factor: Decimal,
    /// The largest of the sizes when the name covers several ("tons"),
    /// in base units.
    pub factor_high: Option<Decimal>,
    /// Added after the factor (°F to °C).
    pub offset: Decimal,
    /// The time a rate unit is per ("bpd": "day").
    pub per: Option<String>,
}

/// Converted values keep this many decimal places: a ninth of a degree is
/// an endless decimal, and nothing a newspaper prints needs more.
const PLACES: u32 = 9;

impl Unit {
    /// A value in written units, in the base unit: the middle of the sizes
    /// when the name covers several.
    pub fn convert(&self, v: Decimal) -> Decimal {
        let factor = match self.factor_high {
            Some(h) => (self.factor + h) / Decimal::TWO,
            None => self.factor,
        };
        (v * factor + self.offset).round_dp(PLACES).normalize()
    }

    /// The lowest and highest a written value can be in the base unit.
    pub fn convert_range(&self, v: Decimal) -> (Decimal, Decimal) {
        let a = (v * self.factor + self.offset).round_dp(PLACES).normalize();
        let b = (v * self.factor_high.unwrap_or(self.factor) + self.offset)
            .round_dp(PLACES)
            .normalize();
        (a.min(b), a.max(b))
    }
}

/// Every physical unit, ready for the extractor.
#[derive(Debug, Clone, Default)]
pub struct Units {
    dimensions: BTreeMap<String, String>,
    /// Shared, so that a figure carries its unit without copying it.
    units: Vec<Arc<Unit>>,
    /// Names (any case, spaced) and symbols (as written, spaced or glued),
    /// each with its unit.
    names: Vec<(String, usize)>,
    symbols: Vec<(String, usize)>,
    matchers: OnceLock<Matchers>,
}

#[derive(Debug, Clone)]
struct Matchers {
    names: Option<(AhoCorasick, Vec<usize>)>,
    symbols: Option<(AhoCorasick, Vec<usize>)>,
}

/// A rule file's unit sections, as read.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct UnitPack {
    #[serde(default)]
    pub dimension: Vec<DimensionDef>,
    #[serde(default)]
    pub unit: Vec<UnitDef>,
}

impl Units {
    /// Add a rule file's dimensions and units. Errors name the entry.
    pub(crate) fn add(&mut self, pack: UnitPack) -> Result<(), String> {
        for d in pack.dimension {
            if d.id.trim().is_empty() || d.base.trim().is_empty() {
                return Err(format!("dimension {:?} needs an id and a base", d.id));
            }
            self.dimensions.insert(d.id, d.base);
        }
        for u in pack.unit {
            let Some(base) = self.dimensions.get(&u.dimension) else {
                return Err(format!(
                    "dimension {:?} of unit {:?} is not declared in a [[dimension]]",
                    u.dimension,
                    u.names
                        .first()
                        .or(u.symbols.first())
                        .cloned()
                        .unwrap_or_default()
                ));
            };
            if u.factor <= Decimal::ZERO || u.factor_high.is_some_and(|h| h < u.factor) {
                return Err(format!(
                    "unit {:?}: factor must be positive and factor_high no smaller",
                    u.names
                        .first()
                        .or(u.symbols.first())
                        .cloned()
                        .unwrap_or_default()
                ));
            }
            if u.names.is_empty() && u.symbols.is_empty() {
                return Err(format!("a {} unit needs names or symbols", u.dimension));
            }
            let index = self.units.len();
            self.units.push(Arc::new(Unit {
                base: base.clone(),
                factor: u.factor,
                factor_high: u.factor_high,
                offset: u.offset.unwrap_or_default(),
                per: u.per,
            }));
            self.names.extend(u.names.into_iter().map(|n| (n, index)));
            self.symbols
                .extend(u.symbols.into_iter().map(|s| (s, index)));
        }
        self.matchers = OnceLock::new();
        Ok(())
    }

    /// A unit by one of its names (any case) or symbols (as written).
    pub fn lookup(&self, written: &str) -> Option<&Arc<Unit>> {
        let lower = written.to_lowercase();
        self.symbols
            .iter()
            .find(|(s, _)| s == written)
            .or_else(|| self.names.iter().find(|(n, _)| n.to_lowercase() == lower))
            .map(|&(_, i)| &self.units[i])
    }

    /// Whether `unit` is a base unit a claim can carry ("kg", "l/day").
    pub fn is_base(&self, unit: &str) -> bool {
        let base = unit.split('/').next().unwrap_or(unit);
        self.dimensions.values().any(|b| b == base)
    }

    fn matchers(&self) -> &Matchers {
        self.matchers.get_or_init(|| Matchers {
            names: super::anchored_words(self.names.iter().cloned(), true),
            symbols: super::anchored_words(self.symbols.iter().cloned(), false),
        })
    }

    /// The unit written right after a number: `rest` is the text after it
    /// (and its scale). Returns the bytes used and the unit.
    pub fn after_at(&self, rest: &str) -> Option<(usize, &Arc<Unit>)> {
        let body = rest.trim_start_matches([' ', '\u{a0}']);
        let skipped = rest.len() - body.len();
        if skipped > 1 || body.is_empty() {
            return None;
        }
        let m = self.matchers();
        let clean_end = |end: usize| !body[end..].starts_with(|c: char| c.is_alphanumeric());
        let input = Input::new(body).anchored(Anchored::Yes);
        let by_name = m.names.as_ref().and_then(|(ac, units)| {
            let found = ac.find(input.clone())?;
            (skipped > 0 && clean_end(found.end()))
                .then(|| (found.end(), units[found.pattern().as_usize()]))
        });
        let by_symbol = m.symbols.as_ref().and_then(|(ac, units)| {
            let found = ac.find(input.clone())?;
            let written = &body[..found.end()];
            // "42,000t" and "40C", but not "5 t" or "5 C".
            let one_letter = written.chars().count() == 1;
            (clean_end(found.end()) && !(one_letter && skipped > 0))
                .then(|| (found.end(), units[found.pattern().as_usize()]))
        });
        // The longer reading wins: "barrels per day" over "barrels".
        let (used, unit) = match (by_name, by_symbol) {
            (Some(a), Some(b)) => {
                if a.0 >= b.0 {
                    a
                } else {
                    b
                }
            }
            (a, b) => a.or(b)?,
        };
        Some((skipped + used, &self.units[unit]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn table() -> Units {
        let mut t = Units::default();
        let pack: UnitPack =
            toml::from_str(include_str!("../../rules/units.toml")).expect("units parse");
        t.add(pack).expect("units are valid");
        t
    }

    #[test]
    fn units_after_numbers() {
        let t = table();
        let base = |s: &str| {
            t.after_at(s)
                .map(|(n, u)| (n, u.base.clone(), u.per.clone()))
        };
        assert_eq!(base(" tonnes of wheat"), Some((7, "kg".into(), None)));
        assert_eq!(base(" metric tons"), Some((12, "kg".into(), None)));
        assert_eq!(base("t of coal"), Some((1, "kg".into(), None)));
        assert_eq!(base(" t of coal"), None, "a one-letter symbol is glued");
        assert_eq!(
            base(" barrels per day"),
            Some((16, "l".into(), Some("day".into())))
        );
        assert_eq!(base(" bpd"), Some((4, "l".into(), Some("day".into()))));
        assert_eq!(base("GW of solar"), Some((2, "W".into(), None)));
        assert_eq!(base(" GWh"), Some((4, "Wh".into(), None)));
        assert_eq!(base(" gw"), None, "symbols keep their case");
        assert_eq!(base("°C"), Some(("°C".len(), "°C".into(), None)));
        assert_eq!(base(" tonnage"), None);
    }

    #[test]
    fn conversions_keep_precision_intervals_honest() {
        let t = table();
        let (_, tonne) = t.after_at(" tonnes").unwrap();
        assert_eq!(tonne.convert(dec!(42000)), dec!(42000000));
        let (_, f) = t.after_at("°F").unwrap();
        assert_eq!(f.convert(dec!(104)), dec!(40));
        assert_eq!(f.convert(dec!(-40)), dec!(-40));
        let (_, ton) = t.after_at(" tons").unwrap();
        assert_eq!(
            ton.convert_range(dec!(1)),
            (dec!(907.18474), dec!(1016.0469088))
        );
    }

    #[test]
    fn undeclared_dimensions_are_refused() {
        let mut t = Units::default();
        let pack: UnitPack =
            toml::from_str("[[unit]]\ndimension = \"time\"\nfactor = \"1\"\nnames = [\"x\"]\n")
                .unwrap();
        assert!(t.add(pack).unwrap_err().contains("not declared"));
    }
}
