//! The measure lexicon: what a figure quantifies, loaded from the TOML files
//! in `rules/` (the default pack is compiled in) and any the user adds.
//!
//! Matching works on lower-cased words with a light plural fold, so a term
//! listed once ("agreement") also names "agreements".

use std::collections::HashMap;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use thiserror::Error;

/// The default pack, compiled into the binary.
pub const DEFAULT_PACK: &[(&str, &str)] = &[(
    "rules/measures.toml",
    include_str!("../rules/measures.toml"),
)];

/// What figures a measure takes; documentation for now, and a tie-breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Money,
    Count,
    Percent,
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureDef {
    id: String,
    dimension: Dimension,
    terms: Vec<String>,
    /// A running tally that later reports revise upwards (deaths, injured).
    #[serde(default)]
    cumulative: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    measure: Vec<MeasureDef>,
    #[serde(default)]
    places: HashMap<String, String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    sum: Vec<SumDef>,
    #[serde(default)]
    modifiers: Vec<String>,
}

/// A total that is the sum of its parts: trade = exports + imports.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumDef {
    pub total: String,
    pub parts: Vec<String>,
}

/// A rule file that cannot be used, with the place in it.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(
    code(figcheck::rules::malformed),
    help("see rules/measures.toml for the format")
)]
pub struct RuleFileError {
    pub path: String,
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub span: SourceSpan,
}

/// A matched term: the measure it names and how many words it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub id: String,
    pub words: usize,
    /// The term ends in a preposition ("sales to"): what follows qualifies it.
    pub trailing_preposition: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Folded term (words joined by one space) → (measure id, preposition).
    terms: HashMap<String, (String, Option<String>)>,
    dimensions: HashMap<String, Dimension>,
    cumulative: std::collections::HashSet<String>,
    places: HashMap<String, String>,
    units: std::collections::HashSet<String>,
    sums: Vec<SumDef>,
    modifiers: std::collections::HashSet<String>,
    longest_term: usize,
}

const PREPOSITIONS: &[&str] = &["to", "from", "on", "of", "between", "with", "in", "for"];

/// Fold a word for matching: lower case, plural "s"/"ies" removed.
pub fn fold(word: &str) -> String {
    let w = word.to_lowercase();
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w
}

impl Lexicon {
    /// The compiled-in pack.
    pub fn default_pack() -> Lexicon {
        let mut lex = Lexicon::default();
        for (path, text) in DEFAULT_PACK {
            // The default pack is tested; a failure here is a build defect.
            lex.add_file(path, text)
                .unwrap_or_else(|e| panic!("default rule pack is malformed: {e}"));
        }
        lex
    }

    /// The default pack plus every `*.toml` in the given folders, in sorted order.
    pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Lexicon, RuleFileError> {
        let mut lex = Lexicon::default_pack();
        for dir in dirs {
            let dir = dir.as_ref();
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| RuleFileError {
                    path: dir.display().to_string(),
                    message: format!("cannot read rules folder: {e}"),
                    src: NamedSource::new(dir.display().to_string(), String::new()),
                    span: (0, 0).into(),
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for f in files {
                let shown = f.display().to_string();
                let text = std::fs::read_to_string(&f).map_err(|e| RuleFileError {
                    path: shown.clone(),
                    message: format!("cannot read: {e}"),
                    src: NamedSource::new(shown.clone(), String::new()),
                    span: (0, 0).into(),
                })?;
                lex.add_file(&shown, &text)?;
            }
        }
        Ok(lex)
    }

    /// Add one pack file's measures and places.
    pub fn add_file(&mut self, path: &str, text: &str) -> Result<(), RuleFileError> {
        let pack: PackFile = toml::from_str(text).map_err(|e| RuleFileError {
            path: path.to_string(),
            message: e.message().to_string(),
            src: NamedSource::new(path, text.to_string()),
            span: e
                .span()
                .map_or((0, 0).into(), |s| (s.start, s.len()).into()),
        })?;
        for m in pack.measure {
            if m.id.trim().is_empty() || m.terms.is_empty() {
                let at = text.find(&format!("\"{}\"", m.id)).unwrap_or(0);
                return Err(RuleFileError {
                    path: path.to_string(),
                    message: format!("measure {:?} needs an id and at least one term", m.id),
                    src: NamedSource::new(path, text.to_string()),
                    span: (at, m.id.len() + 2).into(),
                });
            }
            self.dimensions.insert(m.id.clone(), m.dimension);
            if m.cumulative {
                self.cumulative.insert(m.id.clone());
            }
            for term in &m.terms {
                let words: Vec<String> = term.split_whitespace().map(fold).collect();
                let prep = words
                    .last()
                    .filter(|w| PREPOSITIONS.contains(&w.as_str()) && words.len() > 1)
                    .cloned();
                self.longest_term = self.longest_term.max(words.len());
                self.terms.insert(words.join(" "), (m.id.clone(), prep));
            }
        }
        self.units.extend(pack.units.iter().map(|u| fold(u)));
        self.sums.extend(pack.sum);
        self.modifiers
            .extend(pack.modifiers.iter().map(|m| m.to_lowercase()));
        for (k, v) in pack.places {
            self.places.insert(k.to_lowercase(), v.to_lowercase());
        }
        Ok(())
    }

    /// The longest term starting at `words[0]` (words already folded).
    pub fn match_at(&self, words: &[String]) -> Option<TermMatch> {
        let max = self.longest_term.min(words.len());
        (1..=max).rev().find_map(|n| {
            self.terms
                .get(&words[..n].join(" "))
                .map(|(id, prep)| TermMatch {
                    id: id.clone(),
                    words: n,
                    trailing_preposition: prep.clone(),
                })
        })
    }

    /// Whether a word before a measure term tells measures apart ("solar").
    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(&word.to_lowercase())
    }

    /// Totals that are sums of other measures.
    pub fn sums(&self) -> &[SumDef] {
        &self.sums
    }

    /// Whether a noun is a unit of measure ("gigawatts") rather than a thing counted.
    pub fn is_unit(&self, noun: &str) -> bool {
        self.units.contains(&fold(noun))
    }

    /// Whether a measure (or any word of a qualified measure, "deaths in
    /// gaza") is a running tally.
    pub fn is_cumulative(&self, measure: &str) -> bool {
        measure
            .split_whitespace()
            .any(|w| self.cumulative.contains(w))
    }

    /// Whether the measure's head is a lexicon id rather than a bare noun.
    pub fn is_known(&self, measure: &str) -> bool {
        measure
            .split_whitespace()
            .any(|w| self.dimensions.contains_key(w))
    }

    pub fn dimension(&self, id: &str) -> Option<Dimension> {
        self.dimensions.get(id).copied()
    }

    /// Normalise a place or noun phrase used as a qualifier: lower case, no
    /// leading article, aliases applied word by word ("the United States"
    /// → "us", "Chinese goods" → "china goods").
    pub fn normalise_phrase(&self, phrase: &str) -> String {
        let lower = phrase.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        while matches!(
            words.first(),
            Some(&"the") | Some(&"a") | Some(&"an") | Some(&"all")
        ) {
            words.remove(0);
        }
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        'outer: while i < words.len() {
            for n in (1..=3.min(words.len() - i)).rev() {
                let key = words[i..i + n].join(" ");
                if let Some(alias) = self.places.get(&key) {
                    out.push(alias.clone());
                    i += n;
                    continue 'outer;
                }
            }
            out.push(fold(words[i].trim_matches(|c: char| !c.is_alphanumeric())));
            i += 1;
        }
        out.join(" ")
    }

    pub fn measure_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.dimensions.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold).collect()
    }

    #[test]
    fn default_pack_loads_and_matches() {
        let lex = Lexicon::default_pack();
        assert_eq!(
            lex.match_at(&words("bilateral trade rose")).unwrap().id,
            "trade"
        );
        assert_eq!(
            lex.match_at(&words("agreements to work")).unwrap().id,
            "deals"
        );
        let m = lex.match_at(&words("sales to the US")).unwrap();
        assert_eq!((m.id.as_str(), m.words), ("exports", 2));
        assert_eq!(m.trailing_preposition.as_deref(), Some("to"));
        assert_eq!(lex.match_at(&words("sales rose")).unwrap().id, "revenue");
    }

    #[test]
    fn places_are_normalised() {
        let lex = Lexicon::default_pack();
        assert_eq!(lex.normalise_phrase("the United States"), "us");
        assert_eq!(lex.normalise_phrase("the US"), "us");
        assert_eq!(lex.normalise_phrase("Chinese goods"), "china good");
    }

    #[test]
    fn malformed_pack_points_at_line() {
        let mut lex = Lexicon::default();
        let text = "[[measure]]\nid = \"x\"\ndimension = \"money\"\nterms = [\"a\"]\ncolour = 1\n";
        let err = lex.add_file("bad.toml", text).unwrap_err();
        assert!(err.message.contains("colour"), "{}", err.message);
        assert_eq!(err.span.offset(), text.find("colour").unwrap());
    }
}
