//! What can go wrong reading one input file. Each error names the file and,
//! where there is one, the position; the run goes on with the other files.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// Why an input could not be used as an article. Each names the file; the
/// run skips it and goes on with the others.
#[derive(Debug, Error, Diagnostic)]
pub enum SourceError {
    /// The file could not be read, or a folder could not be walked.
    #[error("{path}: cannot read: {reason}")]
    #[diagnostic(code(figcheck::input::unreadable))]
    Unreadable {
        /// The file, as messages name it.
        path: String,
        /// The system's error message, or "is a folder".
        reason: String,
    },

    /// The file is over the size limit for one article.
    #[error("{path}: is {size} bytes, over the {limit}-byte limit for one article")]
    #[diagnostic(
        code(figcheck::input::too_large),
        help("split the file, or check that it is really an article")
    )]
    TooLarge {
        /// The file, as messages name it.
        path: String,
        /// The file's size in bytes.
        size: u64,
        /// The largest file read, in bytes ([`MAX_FILE_BYTES`](crate::source::MAX_FILE_BYTES)).
        limit: u64,
    },

    /// The file holds a NUL byte: not text.
    #[error("{path}: looks binary (a NUL byte at offset {offset}); skipped")]
    #[diagnostic(code(figcheck::input::binary))]
    Binary {
        /// The file, as messages name it.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },

    /// The file is not valid UTF-8.
    #[error("{path}: is not valid UTF-8 (line {line}, byte offset {offset}); skipped")]
    #[diagnostic(
        code(figcheck::input::not_utf8),
        help("re-save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`")
    )]
    NotUtf8 {
        /// The file, as messages name it.
        path: String,
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },

    /// The text is empty or only whitespace.
    #[error("{path}: is empty; nothing to check")]
    #[diagnostic(code(figcheck::input::empty))]
    Empty {
        /// The file, as messages name it.
        path: String,
    },

    /// A folder given holds no .md, .markdown or .txt file.
    #[error("{path}: holds no .md, .markdown or .txt file")]
    #[diagnostic(code(figcheck::input::no_articles))]
    NoArticles {
        /// The folder, as given.
        path: String,
    },

    /// The front matter cannot be read: never closed, not YAML or TOML, or
    /// a setting that cannot be used.
    #[error("{path}: front matter: {message}")]
    #[diagnostic(
        code(figcheck::input::front_matter),
        help("front matter is YAML between `---` lines or TOML between `+++` lines")
    )]
    FrontMatter {
        /// The file, as messages name it.
        path: String,
        /// What is wrong.
        message: String,
        /// The file's text, for the diagnostic to quote.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the file: byte offset and length.
        #[label("here")]
        span: SourceSpan,
    },

    /// The front matter's `date` (or `published`) is not a YYYY-MM-DD date
    /// from year 1000 to 9999 (a timestamp starting with one will do).
    #[error("{path}: front matter `date` is not a date: {value:?}")]
    #[diagnostic(
        code(figcheck::input::bad_date),
        help("write the publication date as ISO 8601: 2019-06-09")
    )]
    BadDate {
        /// The file, as messages name it.
        path: String,
        /// The value as written.
        value: String,
        /// The file's text, for the diagnostic to quote.
        #[source_code]
        src: NamedSource<String>,
        /// Where the value is written in the file: byte offset and length.
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
