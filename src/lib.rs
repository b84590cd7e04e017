//! figcheck checks the figures in news writing.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! source text ──▶ source ──▶ extract ──▶ read ──▶ claim ──▶ rules ──▶ findings ──▶ report
//!   files        Document    nom scan     words     Claim     engine    Finding      human, json,
//!                (prose,     (figures,    around    (Decimal  (key,     (code,       jsonl, table
//!                 dates)      dates)      figures   interval, compare)  severity,
//!                                                   period)             spans)
//! ```
//!
//! - [`source`] reads files: front matter, markdown to prose with the
//!   original offsets, datelines, repeated passages.
//! - [`extract`](mod@extract) finds every figure and date with nom parsers.
//! - [`read`] reads the words around each figure: measure, owner, period,
//!   role, and the links between figures.
//! - [`claim`] is the normalised figure: value and interval as `Decimal`,
//!   unit, period, measure, role.
//! - [`lexicon`] is the words from `rules/`: measures and word classes.
//! - [`checker`] runs the whole pipeline, rules and triage included, in one
//!   call: what the command line, the report and the review server use.

#![deny(missing_debug_implementations)]
#![deny(missing_docs)]
// Diagnostics carry their file's text so miette can point into it; they are
// built once per bad file or rule pack, never on a hot path.
#![allow(clippy::result_large_err)]

pub mod checker;
pub mod claim;
pub mod cli;
pub mod config;
pub mod extract;
pub mod findings;
pub mod fuzz;
pub mod lexicon;
pub(crate) mod lsp;
pub mod read;
pub mod report;
pub(crate) mod review;
pub mod rules;
pub mod source;
#[cfg(test)]
pub(crate) mod testing;
pub mod triage;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use claim::Claim;
use lexicon::Lexicon;
use read::Bands;
use source::{Document, SourceError};

/// How to read the inputs.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// `--date FILE=YYYY-MM-DD`: publication dates that win over the file's own.
    pub dates: Vec<(PathBuf, NaiveDate)>,
    /// How wide "about", "nearly" and spoken fractions make a figure's interval.
    pub bands: Bands,
    /// Whether a dateline may give the publication date.
    pub datelines: bool,
    /// Files to leave out (the config's `exclude`).
    pub exclude: Option<globset::GlobSet>,
    /// The project root that fingerprints are relative to (the config
    /// file's folder); the working directory when unset.
    pub root: Option<PathBuf>,
    /// Advanced by one for each file read and extracted; its length is set
    /// to the number of files. The caller decides whether it is shown.
    pub progress: Option<indicatif::ProgressBar>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            dates: Vec::new(),
            bands: Bands::default(),
            datelines: true,
            exclude: None,
            root: None,
            progress: None,
        }
    }
}

impl LoadOptions {
    /// The `--date` for a file: one naming it wins over a pattern matching
    /// it; among several, the last given.
    fn date_for(&self, path: &str) -> Option<NaiveDate> {
        let p = Path::new(path);
        let canon = std::fs::canonicalize(p).ok();
        let exact = self
            .dates
            .iter()
            .rev()
            .filter(|(f, _)| !is_date_pattern(f))
            .find_map(|(f, d)| {
                let same = f == p || canon.is_some() && std::fs::canonicalize(f).ok() == canon;
                same.then_some(*d)
            });
        exact.or_else(|| {
            self.dates
                .iter()
                .rev()
                .filter(|(f, _)| is_date_pattern(f))
                .find_map(|(f, d)| date_pattern_matches(f, path).then_some(*d))
        })
    }
}

/// Whether a `--date` FILE is a glob ("archive/2019/**"): a batch of files
/// dated at once.
pub fn is_date_pattern(file: &Path) -> bool {
    file.to_string_lossy().contains(['*', '?', '[', '{'])
}

/// Whether a `--date` glob matches a file's path as given. A glob that
/// does not compile matches nothing (the CLI refuses it first).
pub fn date_pattern_matches(pattern: &Path, path: &str) -> bool {
    globset::Glob::new(&pattern.to_string_lossy())
        .map(|g| g.compile_matcher().is_match(path))
        .unwrap_or(false)
}

/// Every figure in one text, normalised and placed in time, read as an
/// article published on `published` (front matter in the text wins when
/// `published` is `None`). Uses the default rule pack.
///
/// ```
/// use chrono::NaiveDate;
///
/// let text = "Trade between the two countries rose 24.5% to a record $108 billion last year.";
/// let published = NaiveDate::from_ymd_opt(2019, 6, 5);
/// let claims = figcheck::extract(text, published).unwrap();
/// let money = claims.iter().find(|c| c.text == "$108 billion").unwrap();
/// assert_eq!(money.describe_value(), "108,000,000,000 USD");
/// assert_eq!(money.period.map(|p| p.to_string()).as_deref(), Some("2018"));
/// let growth = claims.iter().find(|c| c.text == "24.5%").unwrap();
/// assert_eq!(growth.describe_value(), "+24.5%");
/// ```
pub fn extract(text: &str, published: Option<NaiveDate>) -> Result<Vec<Claim>, SourceError> {
    let lexicon = Lexicon::default_pack();
    let doc = Document::from_text("text.md", text.to_string(), published)?;
    Ok(Corpus::from_documents(vec![doc], &lexicon, &Bands::default()).claims)
}

/// What one run read: documents, their claims, and the files it could not use.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The documents read, in input order.
    pub docs: Vec<Document>,
    /// Every claim of every document, in document order; `Claim::doc`
    /// indexes `docs`.
    pub claims: Vec<Claim>,
    /// The files that could not be read, each a diagnostic naming the
    /// file and position.
    pub errors: Vec<SourceError>,
    /// How many inputs could not be used (the `errors`, counted before
    /// they are reported).
    pub skipped: usize,
    /// Numbers too large to hold exactly, by document and span: not read
    /// as claims, reported by FC103.
    pub dropped: Vec<(usize, std::ops::Range<usize>)>,
}

/// A front-matter `currency:` setting must name a shared sign of the rules
/// and a currency they know: a misspelt one would be ignored in silence.
fn check_currency_settings(d: Document, lexicon: &Lexicon) -> Result<Document, SourceError> {
    let cur = lexicon.currencies();
    let bad = d.meta.currency.iter().find_map(|(id, code)| {
        if !cur.is_shared_id(id) {
            Some((id.clone(), format!("currency setting {id:?} is not a shared currency sign (dollar, yen, krona, rupee, pound ...)")))
        } else if !cur.knows(code) {
            Some((code.clone(), format!("currency setting {id} = {code:?} is not a known currency code")))
        } else {
            None
        }
    });
    match bad {
        None => Ok(d),
        Some((word, message)) => {
            let at = d.text.find(word.as_str()).unwrap_or(0);
            Err(SourceError::FrontMatter {
                path: d.path.clone(),
                message,
                src: miette::NamedSource::new(d.path.clone(), d.text.clone()),
                span: (at, word.len()).into(),
            })
        }
    }
}

impl Corpus {
    /// Read and extract every file under `paths`. Files are processed in
    /// parallel; the result is in input order whatever the thread count.
    pub fn load(paths: &[PathBuf], lexicon: &Lexicon, opts: &LoadOptions) -> Corpus {
        let (mut files, mut errors) = source::expand_paths(paths);
        let configured_root = opts
            .root
            .as_ref()
            .and_then(|r| std::fs::canonicalize(r).ok());
        if let Some(exclude) = &opts.exclude {
            // Patterns are written relative to the configuration's folder;
            // the config's own `paths` reach here made absolute.
            files.retain(|f| {
                let from_root = configured_root.as_ref().and_then(|r| {
                    let file = std::fs::canonicalize(f).ok()?;
                    Some(file.strip_prefix(r).ok()?.to_path_buf())
                });
                !(exclude.is_match(f) || from_root.is_some_and(|p| exclude.is_match(p)))
            });
        }
        if let Some(bar) = &opts.progress {
            bar.set_length(files.len() as u64);
        }
        let read: Vec<Result<Document, SourceError>> = files
            .par_iter()
            .map(|f| Document::read_with(f, opts.date_for(f), opts.datelines))
            .collect();
        let mut corpus = Corpus::default();
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok());
        let root = configured_root.or_else(|| cwd.clone());
        for r in read {
            match r.and_then(|d| check_currency_settings(d, lexicon)) {
                Ok(mut d) => {
                    let canonical = std::fs::canonicalize(&d.path).ok();
                    let relative_to = |base: &Option<PathBuf>| {
                        canonical
                            .as_ref()
                            .zip(base.as_ref())
                            .and_then(|(c, b)| c.strip_prefix(b).ok())
                            .map(|p| p.to_string_lossy().replace('\\', "/"))
                    };
                    if let Some(id) = relative_to(&root) {
                        d.id_path = id;
                    }
                    if Path::new(&d.path).is_absolute() {
                        if let Some(shown) = relative_to(&cwd) {
                            d.path = shown;
                        }
                    }
                    corpus.docs.push(d)
                }
                Err(e) => errors.push(e),
            }
        }
        corpus.skipped = errors.len();
        if let Some(bar) = &opts.progress {
            bar.inc(corpus.skipped as u64);
        }
        corpus.errors = errors;
        corpus.extract(lexicon, &opts.bands, opts.progress.as_ref());
        corpus
    }

    /// Build from documents already in memory (tests, library users).
    pub fn from_documents(docs: Vec<Document>, lexicon: &Lexicon, bands: &Bands) -> Corpus {
        let mut corpus = Corpus {
            docs,
            ..Corpus::default()
        };
        corpus.extract(lexicon, bands, None);
        corpus
    }

    fn extract(
        &mut self,
        lexicon: &Lexicon,
        bands: &Bands,
        progress: Option<&indicatif::ProgressBar>,
    ) {
        // Documents are read in parallel a batch at a time and their claims
        // moved into one vector batch by batch: collecting every document's
        // claims first and then concatenating them held all claims twice,
        // which was the peak memory of a large run.
        const BATCH: usize = 128;
        let mut claims: Vec<Claim> = Vec::new();
        let mut interner = claim::Interner::default();
        self.dropped.clear();
        for (batch_no, batch) in self.docs.chunks(BATCH).enumerate() {
            let first = batch_no * BATCH;
            let per_doc: Vec<(Vec<Claim>, Vec<std::ops::Range<usize>>)> = batch
                .par_iter()
                .enumerate()
                .map(|(i, d)| {
                    let read = read::claims_and_dropped(d, first + i, lexicon, bands);
                    if let Some(bar) = progress {
                        bar.inc(1);
                    }
                    read
                })
                .collect();
            claims.reserve(per_doc.iter().map(|(c, _)| c.len()).sum());
            for (i, (doc_claims, dropped)) in per_doc.into_iter().enumerate() {
                claims.extend(doc_claims.into_iter().map(|mut c| {
                    interner.share(&mut c);
                    c
                }));
                self.dropped
                    .extend(dropped.into_iter().map(|span| (first + i, span)));
            }
        }
        claims.shrink_to_fit();
        self.claims = claims;
        read::story::settle(&mut self.claims, &self.docs, lexicon);
    }
}
