//! `figcheck.toml`: a newsroom's settings, found by walking up from the
//! working directory (or given with `--config`).
//!
//! ```toml
//! paths = ["articles"]            # what to check when no PATHS are given
//! exclude = ["articles/archive/**"]
//! rules = ["house-rules"]         # extra rule folders, relative to this file
//! date = "auto"                   # auto | front-matter | required
//! baseline = "figcheck-baseline.toml"
//!
//! [severity]                      # per rule: error | warning | info | off
//! FC204 = "error"
//! FC202 = "off"
//!
//! [tolerance]                     # relative bands for qualifiers (0.1 = ±10%)
//! about = 0.1
//! nearly = 0.1
//! fraction = 0.1
//! ```
//!
//! Unknown keys are an error that points at the line: a misspelt setting
//! that silently does nothing is worse than a stopped run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

use crate::findings::Severity;
use crate::read::Bands;

pub(crate) const FILE_NAME: &str = "figcheck.toml";

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report the rule's findings as errors.
    Error,
    /// Report them as warnings.
    Warning,
    /// Report them as infos.
    Info,
    /// Do not report them.
    Off,
}

impl Level {
    pub(crate) fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "info" => Some(Level::Info),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// How publication dates are found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePolicy {
    /// Front matter, then a dateline near the top.
    #[default]
    Auto,
    /// Front matter only: datelines are not trusted.
    FrontMatter,
    /// Like auto, and a file with no date is itself reported (FC102).
    Required,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tolerance {
    pub about: Option<Decimal>,
    pub nearly: Option<Decimal>,
    pub fraction: Option<Decimal>,
}

/// The file as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    paths: Vec<PathBuf>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    date: DatePolicy,
    baseline: Option<PathBuf>,
    #[serde(default)]
    severity: BTreeMap<String, Level>,
    #[serde(default)]
    tolerance: Tolerance,
    /// What shared currency signs mean for this newsroom: `dollar = "AUD"`.
    #[serde(default)]
    currency: BTreeMap<String, String>,
}

/// Settings with paths resolved against the config file's folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub source: Option<PathBuf>,
    /// What to check when no paths are given.
    pub paths: Vec<PathBuf>,
    /// Glob patterns of files to leave out, matched against each file's
    /// path as found.
    pub exclude: Vec<String>,
    /// Extra rule folders, loaded after the default rule pack.
    pub rules: Vec<PathBuf>,
    /// How publication dates are found.
    pub date: DatePolicy,
    /// The baseline file used when `--baseline` is not given.
    pub baseline: Option<PathBuf>,
    /// `[severity]`: a level per rule, keyed by code (rule names in the file
    /// are turned into their codes).
    pub severity: BTreeMap<String, Level>,
    /// `[tolerance]`: how far qualifiers bend a figure, defaults filled in.
    pub bands: Bands,
    /// `[currency]`: shared sign id → ISO code, checked against the rules
    /// when they are loaded.
    pub currency: BTreeMap<String, String>,
}

/// Why a config file could not be used.
#[derive(Debug, Error, Diagnostic)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read: {reason}")]
    #[diagnostic(code(figcheck::config::unreadable))]
    Unreadable {
        /// The file, as shown.
        path: String,
        /// The error from the file system.
        reason: String,
    },

    /// The file is not valid TOML, or a setting is unknown or out of range.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(figcheck::config::invalid),
        help("see the README's configuration section")
    )]
    Invalid {
        /// The file, as shown.
        path: String,
        /// What is wrong.
        message: String,
        /// The file's text, for the diagnostic to point into.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the text the problem is.
        #[label("here")]
        span: SourceSpan,
    },
}

/// `figcheck.toml` in `start` or the nearest folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Load a config file, checking every key.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        Config::parse(&shown, &text, path.parent().unwrap_or(Path::new(".")))
    }

    /// Parse config text; relative paths are taken from `base`.
    pub fn parse(shown: &str, text: &str, base: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String, span: SourceSpan| ConfigError::Invalid {
            path: shown.to_string(),
            message,
            src: NamedSource::new(shown, text.to_string()),
            span,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map_or((0, 0).into(), |s| (s.start, s.len()).into());
            invalid(e.message().to_string(), span)
        })?;
        for code in raw.severity.keys() {
            if crate::rules::codes::find(code).is_none() {
                let at = text.find(code.as_str()).unwrap_or(0);
                return Err(invalid(
                    format!("no rule {code:?} (see `figcheck rules`)"),
                    (at, code.len()).into(),
                ));
            }
        }
        let defaults = Bands::default();
        let t = &raw.tolerance;
        // A band is a share of the figure: from nothing to all of it.
        for (key, v) in [
            ("about", t.about),
            ("nearly", t.nearly),
            ("fraction", t.fraction),
        ] {
            if let Some(v) = v.filter(|v| *v < Decimal::ZERO || *v > Decimal::ONE) {
                let section = text.find("[tolerance]").unwrap_or(0);
                let at = text[section..].find(key).map_or(section, |i| section + i);
                return Err(invalid(
                    format!("tolerance {key} = {v} must be between 0 and 1 (0.1 is ±10%)"),
                    (at, key.len()).into(),
                ));
            }
        }
        let resolve = |p: &PathBuf| {
            if p.is_absolute() {
                p.clone()
            } else {
                base.join(p)
            }
        };
        Ok(Config {
            source: Some(PathBuf::from(shown)),
            paths: raw.paths.iter().map(resolve).collect(),
            exclude: raw.exclude,
            rules: raw.rules.iter().map(resolve).collect(),
            date: raw.date,
            baseline: raw.baseline.as_ref().map(resolve),
            severity: raw
                .severity
                .into_iter()
                .map(|(k, v)| {
                    let code = crate::rules::codes::find(&k).map_or(k, |r| r.code.to_string());
                    (code, v)
                })
                .collect(),
            bands: Bands {
                about: t.about.unwrap_or(defaults.about),
                nearly: t.nearly.unwrap_or(defaults.nearly),
                fraction: t.fraction.unwrap_or(defaults.fraction),
            },
            currency: raw
                .currency
                .into_iter()
                .map(|(k, v)| (k, v.trim().to_ascii_uppercase()))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn full_config() {
        let text = "paths = [\"articles\"]\nexclude = [\"**/old/**\"]\ndate = \"required\"\n\n[severity]\nFC204 = \"error\"\nfigure-agreement = \"off\"\n\n[tolerance]\nabout = 0.05\n";
        let c = Config::parse("figcheck.toml", text, Path::new("/news")).unwrap();
        assert_eq!(c.paths, vec![PathBuf::from("/news/articles")]);
        assert_eq!(c.date, DatePolicy::Required);
        assert_eq!(c.severity.get("FC204"), Some(&Level::Error));
        assert_eq!(c.severity.get("FC202"), Some(&Level::Off));
        assert_eq!(c.bands.about, dec!(0.05));
        assert_eq!(c.bands.nearly, dec!(0.1));
    }

    #[test]
    fn negative_tolerance_is_refused_at_its_line() {
        let text = "[tolerance]\nabout = -0.1\n";
        match Config::parse("figcheck.toml", text, Path::new(".")).unwrap_err() {
            ConfigError::Invalid { message, span, .. } => {
                assert_eq!(
                    message,
                    "tolerance about = -0.1 must be between 0 and 1 (0.1 is ±10%)"
                );
                assert_eq!(span.offset(), 12);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "paths = [\"a\"]\ncolour = \"red\"\n";
        match Config::parse("figcheck.toml", text, Path::new(".")).unwrap_err() {
            ConfigError::Invalid { message, span, .. } => {
                assert!(message.contains("colour"), "{message}");
                assert_eq!(span.offset(), text.find("colour").unwrap());
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn unknown_rule_code_is_an_error() {
        let text = "[severity]\nFC999 = \"off\"\n";
        let err = Config::parse("figcheck.toml", text, Path::new(".")).unwrap_err();
        assert!(err.to_string().contains("FC999"), "{err}");
    }
}
