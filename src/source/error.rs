//! What can go wrong reading one input file. Each error names the file and,
//! where there is one, the position; the run goes on with the other files.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum SourceError {
    #[error("{path}: cannot read: {reason}")]
    #[diagnostic(code(figcheck::input::unreadable))]
    Unreadable { path: String, reason: String },

    #[error("{path}: is {size} bytes, over the {limit}-byte limit for one article")]
    #[diagnostic(
        code(figcheck::input::too_large),
        help("split the file, or check that it is really an article")
    )]
    TooLarge { path: String, size: u64, limit: u64 },

    #[error("{path}: looks binary (a NUL byte at offset {offset}); skipped")]
    #[diagnostic(code(figcheck::input::binary))]
    Binary { path: String, offset: usize },

    #[error("{path}: is not valid UTF-8 (line {line}, byte offset {offset}); skipped")]
    #[diagnostic(
        code(figcheck::input::not_utf8),
        help("re-save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`")
    )]
    NotUtf8 {
        path: String,
        offset: usize,
        line: usize,
    },

    #[error("{path}: is empty; nothing to check")]
    #[diagnostic(code(figcheck::input::empty))]
    Empty { path: String },

    #[error("{path}: holds no .md, .markdown or .txt file")]
    #[diagnostic(code(figcheck::input::no_articles))]
    NoArticles { path: String },

    #[error("{path}: front matter: {message}")]
    #[diagnostic(
        code(figcheck::input::front_matter),
        help("front matter is YAML between `---` lines or TOML between `+++` lines")
    )]
    FrontMatter {
        path: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("{path}: front matter `date` is not a date: {value:?}")]
    #[diagnostic(
        code(figcheck::input::bad_date),
        help("write the publication date as ISO 8601: 2019-06-09")
    )]
    BadDate {
        path: String,
        value: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("expected YYYY-MM-DD")]
        span: SourceSpan,
    },
}

impl SourceError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            SourceError::Unreadable { path, .. }
            | SourceError::TooLarge { path, .. }
            | SourceError::Binary { path, .. }
            | SourceError::NotUtf8 { path, .. }
            | SourceError::Empty { path }
            | SourceError::NoArticles { path }
            | SourceError::FrontMatter { path, .. }
            | SourceError::BadDate { path, .. } => path,
        }
    }
}
