//! The check pipeline as one library call: load → extract → rules →
//! triage (selection, suppressions, baseline, decisions) → sorted
//! findings. The command line, the HTML report and the review server all
//! run it; another program can too.
//!
//! ```no_run
//! use figcheck::checker::{Checker, Options, Until};
//! use figcheck::config::Config;
//!
//! let options = Options {
//!     paths: vec!["examples/draft/draft.md".into()],
//!     against: vec!["examples/articles".into()],
//!     ..Options::default()
//! };
//! let checker = Checker::new(Config::default(), options)?;
//! let checked = checker.run(Until::Decisions)?;
//! for warning in &checked.warnings {
//!     eprintln!("{warning:?}");
//! }
//! for finding in &checked.findings {
//!     println!("{} {}", finding.code, finding.message);
//! }
//! # Ok::<(), miette::Report>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use miette::Report;

use crate::config::{Config, DatePolicy, Level};
use crate::findings::{Finding, Summary};
use crate::lexicon::Lexicon;
use crate::rules::{self, CheckOptions};
use crate::triage::baseline::Baseline;
use crate::triage::decisions::{self, Decisions};
use crate::triage::select::{self, Selection};
use crate::triage::suppress;
use crate::{Corpus, LoadOptions};

/// What a run reads and keeps beyond the configuration: what the command
/// line adds to `figcheck.toml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Articles or folders; empty: the configuration's `paths`.
    pub paths: Vec<PathBuf>,
    /// Sources the `paths` are checked against (`--against`): the `paths`
    /// are then drafts whose every figure needs a source.
    pub against: Vec<PathBuf>,
    /// Publication dates by file or glob, winning over the files' own.
    pub dates: Vec<(PathBuf, NaiveDate)>,
    /// Extra rule folders, after the configuration's.
    pub rules: Vec<PathBuf>,
    /// Only these rules (codes, prefixes, names).
    pub select: Vec<String>,
    /// Not these rules.
    pub ignore: Vec<String>,
    /// Severities by rule, over the configuration's.
    pub severity: Vec<(String, Level)>,
    /// A baseline file, over the configuration's.
    pub baseline: Option<PathBuf>,
    /// The decisions file; default: beside the configuration, or here.
    pub decisions: Option<PathBuf>,
    /// Advanced as files are read and extracted (see [`LoadOptions`]).
    pub progress: Option<indicatif::ProgressBar>,
}

/// How far triage goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Selection and suppressions only: what `--write-baseline` records.
    Suppressions,
    /// And the baseline: what `review` serves (it shows decided findings).
    Baseline,
    /// And review decisions: what `check` and `report` show.
    Decisions,
}

/// A check pipeline, set up: its configuration, rule pack and options.
#[derive(Debug)]
pub struct Checker {
    config: Config,
    lexicon: Lexicon,
    options: Options,
}

/// What a run read and found.
#[derive(Debug)]
pub struct Checked {
    /// The documents and their claims.
    pub corpus: Corpus,
    /// The findings kept, sorted (errors first, then by place).
    pub findings: Vec<Finding>,
    /// Findings silenced by `figcheck-ignore` comments.
    pub suppressed: usize,
    /// Findings the baseline accepts.
    pub baselined: usize,
    /// Findings an editor dismissed in review.
    pub dismissed: usize,
    /// The decisions file in force.
    pub decisions_path: PathBuf,
    /// Things the caller should tell the user: skipped files, a `--date`
    /// naming no file, a configured baseline that does not exist. The run
    /// went on.
    pub warnings: Vec<Report>,
}

impl Checked {
    /// The counts for the closing line.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::new(
            self.corpus.docs.len(),
            self.corpus.claims.len(),
            &self.findings,
        );
        s.suppressed = self.suppressed;
        s.baselined = self.baselined;
        s.dismissed = self.dismissed;
        s.skipped = self.corpus.skipped;
        s.dropped = self.corpus.dropped.len();
        s
    }
}

fn warning(code: &'static str, message: String, help: &str) -> Report {
    miette::miette!(
        severity = miette::Severity::Warning,
        code = code,
        help = help.to_string(),
        "{message}"
    )
}

impl Checker {
    /// Set up a run: load the rule pack (the default one, the
    /// configuration's folders, then `options.rules`), apply the
    /// configuration's currency settings, and check the rule selectors.
    pub fn new(config: Config, options: Options) -> Result<Checker, Report> {
        for s in options.select.iter().chain(&options.ignore) {
            select::check_selector(s)
                .map_err(|e| miette::miette!(code = "figcheck::select", "{e}"))?;
        }
        let mut rule_dirs = config.rules.clone();
        rule_dirs.extend(options.rules.iter().cloned());
        let mut lexicon = Lexicon::load(&rule_dirs).map_err(Report::new)?;
        for (id, code) in &config.currency {
            lexicon.set_currency_setting(id, code).map_err(|message| {
                let shown = config
                    .source
                    .as_ref()
                    .map_or("figcheck.toml".to_string(), |p| p.display().to_string());
                // Point at the setting in the file.
                let text = std::fs::read_to_string(&shown).unwrap_or_default();
                let at = text
                    .find("[currency]")
                    .map_or(0, |c| text[c..].find(id.as_str()).map_or(c, |i| c + i));
                Report::new(crate::config::ConfigError::Invalid {
                    path: shown.clone(),
                    message,
                    src: miette::NamedSource::new(shown, text),
                    span: (at, id.len()).into(),
                })
            })?;
        }
        Ok(Checker {
            config,
            lexicon,
            options,
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The rule pack in force.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Read and extract every input (the `paths`, then the sources they
    /// are checked against). Files that cannot be read are skipped and
    /// returned as warnings (show them before calling [`Checker::check`],
    /// which refuses a corpus with no document).
    pub fn load(&self) -> Result<(Corpus, Vec<Report>), Report> {
        let (cfg, options) = (&self.config, &self.options);
        let mut paths = if options.paths.is_empty() {
            cfg.paths.clone()
        } else {
            options.paths.clone()
        };
        if paths.is_empty() {
            return Err(miette::miette!(
                code = "figcheck::input::none",
                help = "give article files or folders, or list `paths` in figcheck.toml",
                "nothing to check"
            ));
        }
        paths.extend(options.against.iter().cloned());
        let opts = LoadOptions {
            dates: options.dates.clone(),
            bands: cfg.bands,
            datelines: cfg.date != DatePolicy::FrontMatter,
            exclude: exclude_set(&cfg.exclude)?,
            root: cfg
                .source
                .as_ref()
                .and_then(|p| p.parent().map(Path::to_path_buf)),
            progress: options.progress.clone(),
        };
        let mut corpus = Corpus::load(&paths, &self.lexicon, &opts);
        let mut warnings: Vec<Report> = std::mem::take(&mut corpus.errors)
            .into_iter()
            .map(|e| Report::new(e).wrap_err("warning: skipped"))
            .collect();
        // A --date for a file that is not checked dates nothing: say so.
        for (file, date) in &options.dates {
            let canonical = std::fs::canonicalize(file).ok();
            let pattern = crate::is_date_pattern(file);
            let used = corpus.docs.iter().any(|d| {
                if pattern {
                    return crate::date_pattern_matches(file, &d.path);
                }
                Path::new(&d.path) == file.as_path()
                    || canonical.is_some() && std::fs::canonicalize(&d.path).ok() == canonical
            });
            if !used {
                warnings.push(warning(
                    "figcheck::input::date_unused",
                    format!(
                        "--date {}={date} names no file being checked",
                        file.display()
                    ),
                    "give the path as it is given to figcheck, or check that file too",
                ));
            }
        }
        Ok((corpus, warnings))
    }

    /// The documents of `corpus` that are drafts (with `against`): the
    /// `paths`, matched by real path since shown paths may be shortened.
    fn drafts(&self, corpus: &Corpus) -> std::collections::BTreeSet<usize> {
        if self.options.against.is_empty() {
            return Default::default();
        }
        let drafts = if self.options.paths.is_empty() {
            &self.config.paths
        } else {
            &self.options.paths
        };
        let (draft_files, _) = crate::source::expand_paths(drafts);
        let real = |p: &str| std::fs::canonicalize(p).ok();
        let draft_real: Vec<_> = draft_files.iter().filter_map(|f| real(f)).collect();
        corpus
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| real(&d.path).is_some_and(|r| draft_real.contains(&r)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Load, run the rules, and triage as far as `until` says. The load's
    /// warnings come first in [`Checked::warnings`]; if no input could be
    /// read, the error says so and the skipped files are lost: call
    /// [`Checker::load`] and [`Checker::check`] to show them first.
    pub fn run(&self, until: Until) -> Result<Checked, Report> {
        let (corpus, warnings) = self.load()?;
        let mut checked = self.check(corpus, until)?;
        checked.warnings.splice(0..0, warnings);
        Ok(checked)
    }

    /// Run the rules on a corpus already loaded, and triage.
    pub fn check(&self, corpus: Corpus, until: Until) -> Result<Checked, Report> {
        let drafts = self.drafts(&corpus);
        self.check_drafts(corpus, drafts, None, until)
    }

    /// As [`Checker::check`], with the drafts named by document index
    /// (an editor's open document), not by the options' paths; with a
    /// `focus`, only the findings that involve that document are sought.
    pub fn check_drafts(
        &self,
        corpus: Corpus,
        drafts: std::collections::BTreeSet<usize>,
        focus: Option<usize>,
        until: Until,
    ) -> Result<Checked, Report> {
        if corpus.docs.is_empty() {
            return Err(miette::miette!(
                code = "figcheck::input::none",
                help = "give article files or folders holding .md, .markdown or .txt files",
                "no readable article among the inputs"
            ));
        }
        let mut warnings = Vec::new();
        let (cfg, options) = (&self.config, &self.options);
        let check_options = CheckOptions {
            require_dates: cfg.date == DatePolicy::Required,
            drafts,
            focus,
        };
        let mut levels: BTreeMap<String, Level> = cfg.severity.clone();
        levels.extend(options.severity.iter().cloned());
        let selection = Selection {
            select: options.select.clone(),
            ignore: options.ignore.clone(),
            levels,
        };
        let findings = selection.apply(rules::check(&corpus, &self.lexicon, &check_options));
        let suppressions = suppress::find(&corpus);
        let (findings, suppressed, unused) = suppress::apply(&corpus, findings, &suppressions);
        let mut findings: Vec<Finding> = findings
            .into_iter()
            .chain(selection.apply(unused))
            .collect();
        rules::sort(&corpus, &mut findings);
        let mut baselined = 0;
        if until != Until::Suppressions {
            // A configured baseline not written yet baselines nothing: say so.
            if let Some(p) = cfg.baseline.as_ref().filter(|p| !p.exists()) {
                if options.baseline.is_none() {
                    warnings.push(warning(
                        "figcheck::config::baseline_missing",
                        format!(
                            "figcheck.toml names the baseline {}, which does not exist: nothing is baselined",
                            p.display()
                        ),
                        &format!("write it with --write-baseline {}", p.display()),
                    ));
                }
            }
            let baseline_path = options
                .baseline
                .clone()
                .or_else(|| cfg.baseline.clone().filter(|p| p.exists()));
            if let Some(path) = baseline_path {
                let base = Baseline::load(&path).map_err(Report::new)?;
                let (kept, gone) = base.filter(findings, &corpus);
                findings = kept;
                baselined = gone;
            }
        }
        let decisions_path = options
            .decisions
            .clone()
            .unwrap_or_else(|| decisions::default_path(cfg.source.as_deref()));
        // A decisions file in a folder that does not exist can be neither
        // read nor written.
        if let Some(folder) = decisions_path
            .parent()
            .filter(|f| !f.as_os_str().is_empty() && !f.is_dir())
        {
            return Err(miette::miette!(
                code = "figcheck::decisions::no_folder",
                help = "create the folder, or name a decisions file in an existing one",
                "{}: the folder {} does not exist",
                decisions_path.display(),
                folder.display()
            ));
        }
        let mut dismissed = 0;
        if until == Until::Decisions {
            let decisions = Decisions::load(&decisions_path).map_err(Report::new)?;
            let applied = decisions.apply(findings, &corpus);
            findings = applied.kept;
            if !applied.stale.is_empty() {
                findings.extend(applied.stale);
                rules::sort(&corpus, &mut findings);
            }
            dismissed = applied.dismissed;
        }
        Ok(Checked {
            corpus,
            findings,
            suppressed,
            baselined,
            dismissed,
            decisions_path,
            warnings,
        })
    }
}

fn exclude_set(patterns: &[String]) -> Result<Option<globset::GlobSet>, Report> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = globset::GlobSetBuilder::new();
    for p in patterns {
        let glob =
            globset::Glob::new(p).map_err(|e| miette::miette!("exclude pattern {p:?}: {e}"))?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| miette::miette!("exclude patterns: {e}"))
}
