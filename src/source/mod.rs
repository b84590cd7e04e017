//! Reading articles: the first stage of the pipeline.
//!
//! A [`Document`] keeps the original bytes (for spans, lines and columns)
//! beside a *prose* view of the same length in which everything that is not
//! running text (front matter, markdown markup, code, HTML, link targets) is
//! blanked to spaces. Because the two are the same length, an offset found in
//! the prose is an offset in the file, and no span ever needs translating.

mod dateline;
mod error;
pub mod front_matter;
mod markdown;
mod repeats;

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use error::SourceError;
pub use front_matter::{plausible_publication, Metadata};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The extensions read when a folder is given.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Given by the caller: `--date`, or the date passed to
    /// [`Document::from_text`] or [`Document::read`].
    CommandLine,
    /// The front matter's `date` or `published`.
    FrontMatter,
    /// A dateline near the top of the article ("MOSCOW, June 9, 2019 --").
    Dateline,
}

/// One article, read and prepared for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as shown in reports: as given, or relative to the working
    /// directory when it lies below it ("articles/a.md", not "/ci/…/a.md").
    pub path: String,
    /// The path relative to the project root (the config file's folder, or
    /// the working directory), with `/`: the same on every checkout, so
    /// fingerprints made on one machine match on another.
    pub id_path: String,
    /// The file's text, unchanged.
    pub text: String,
    /// Same length as `text`: running prose only, everything else blanked.
    pub prose: String,
    /// What the front matter says: title, outlet, url, date, currency
    /// settings.
    pub meta: Metadata,
    /// The publication date and where it came from.
    pub date: Option<(NaiveDate, DateSource)>,
    /// Passages that repeat earlier text of the same file (a page scraped twice).
    pub repeated: Vec<Range<usize>>,
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` every [`CHAR_MARK_STRIDE`]
    /// bytes, so a column on a very long line is counted from the nearest
    /// mark, not from the line start.
    char_marks: Vec<(usize, usize)>,
}

/// Bytes between two character-count marks.
const CHAR_MARK_STRIDE: usize = 4096;

fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = vec![(0, 0)];
    let (mut at, mut chars) = (0, 0);
    while at + CHAR_MARK_STRIDE < text.len() {
        let next = ceil_char_boundary(text, at + CHAR_MARK_STRIDE);
        chars += text[at..next].chars().count();
        marks.push((next, chars));
        at = next;
    }
    marks
}

impl Document {
    /// Build a document from text already in memory. `date_override` wins
    /// over front matter and dateline.
    pub fn from_text(
        path: impl Into<String>,
        text: String,
        date_override: Option<NaiveDate>,
    ) -> Result<Document, SourceError> {
        Document::from_text_with(path, text, date_override, true)
    }

    /// As [`Document::from_text`]; `datelines: false` trusts only front
    /// matter and the override (the `date = "front-matter"` policy).
    pub fn from_text_with(
        path: impl Into<String>,
        text: String,
        date_override: Option<NaiveDate>,
        datelines: bool,
    ) -> Result<Document, SourceError> {
        let path = path.into();
        if text.trim().is_empty() {
            return Err(SourceError::Empty { path });
        }
        let (meta, body_start) = front_matter::parse(&path, &text)?;
        let is_markdown = !path.to_ascii_lowercase().ends_with(".txt");
        let prose = if is_markdown {
            markdown::prose(&text, body_start)
        } else {
            markdown::plain_prose(&text, body_start)
        };
        // Lines end at "\n"; in a file with none, at a lone "\r" (old Mac).
        let eol = if memchr::memchr(b'\n', text.as_bytes()).is_some() {
            b'\n'
        } else {
            b'\r'
        };
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(eol, text.as_bytes()).map(|i| i + 1))
            .collect();
        let date = match (date_override, meta.date) {
            (Some(d), _) => Some((d, DateSource::CommandLine)),
            (None, Some(d)) => Some((d, DateSource::FrontMatter)),
            (None, None) if datelines => {
                dateline::find(&prose, body_start).map(|d| (d, DateSource::Dateline))
            }
            (None, None) => None,
        };
        let repeated = repeats::find(&prose);
        let char_marks = char_marks(&text);
        Ok(Document {
            id_path: path.replace('\\', "/").trim_start_matches("./").to_string(),
            path,
            text,
            prose,
            meta,
            date,
            repeated,
            char_marks,
            line_starts,
        })
    }

    /// Read a file from disk, refusing what is not a text article.
    pub fn read(path: &str, date_override: Option<NaiveDate>) -> Result<Document, SourceError> {
        Document::read_with(path, date_override, true)
    }

    /// As [`Document::read`], choosing whether datelines count.
    pub fn read_with(
        path: &str,
        date_override: Option<NaiveDate>,
        datelines: bool,
    ) -> Result<Document, SourceError> {
        let text = read_text(Path::new(path), path)?;
        Document::from_text_with(path, text, date_override, datelines)
    }

    /// The publication date alone.
    pub fn published(&self) -> Option<NaiveDate> {
        self.date.map(|(d, _)| d)
    }

    /// 1-based line and column (counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, start) = self.line_of(offset);
        let column = self.chars_before(offset.min(self.text.len())) - self.chars_before(start) + 1;
        (line, column)
    }

    /// The 1-based line holding a byte offset, and where that line starts.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        (line, self.line_starts[line - 1])
    }

    /// Where 1-based line `line` starts, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let mark = self.char_marks.partition_point(|&(b, _)| b <= offset) - 1;
        let (at, chars) = self.char_marks[mark];
        chars + self.text[at..offset].chars().count()
    }

    /// Whether `offset` lies in a passage that repeats earlier text.
    pub fn is_repeated(&self, offset: usize) -> bool {
        self.repeated.iter().any(|r| r.contains(&offset))
    }
}

/// The most of a sentence shown on each side of a figure, in bytes: a
/// run-on "sentence" (a scraped page with no full stops) must not be
/// repeated whole for every figure in it.
pub const SENTENCE_SIDE: usize = 400;

/// The most of a line shown on each side of a labelled figure in a
/// diagnostic: a paragraph fits, a page scraped onto one line does not.
pub const LINE_SIDE: usize = 1000;

/// The nearest character boundary of `text` at or after `at` (at most the
/// end): where a byte window cut into a text may start.
pub fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The nearest character boundary of `text` at or before `at`: where a
/// byte window cut into a text may end.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of `context` (a sentence or line holding `span`) shown with the
/// figure: all of it when short, else at most `side` bytes either side of
/// `span`, cut at spaces.
pub fn excerpt(text: &str, context: Range<usize>, span: Range<usize>, side: usize) -> Range<usize> {
    let start = if span.start.saturating_sub(context.start) <= side {
        context.start
    } else {
        let at = ceil_char_boundary(text, span.start - side);
        // Start after a space, so no word is cut in half.
        if text[..at].ends_with(char::is_whitespace) {
            at
        } else {
            text[at..span.start]
                .find(char::is_whitespace)
                .map_or(at, |i| at + i + 1)
        }
    };
    let end = if context.end.saturating_sub(span.end) <= side {
        context.end
    } else {
        let at = floor_char_boundary(text, span.end + side);
        if text[at..].starts_with(char::is_whitespace) {
            at
        } else {
            text[span.end..at]
                .rfind(char::is_whitespace)
                .map_or(at, |i| span.end + i)
        }
    };
    start..end
}

/// Read a file as UTF-8 text, with errors that say what is wrong and where.
fn read_text(path: &Path, shown: &str) -> Result<String, SourceError> {
    let meta = std::fs::metadata(path).map_err(|e| SourceError::Unreadable {
        path: shown.to_string(),
        reason: e.to_string(),
    })?;
    if meta.is_dir() {
        return Err(SourceError::Unreadable {
            path: shown.to_string(),
            reason: "is a folder".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            path: shown.to_string(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| SourceError::Unreadable {
        path: shown.to_string(),
        reason: e.to_string(),
    })?;
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(SourceError::Binary {
            path: shown.to_string(),
            offset: at,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        SourceError::NotUtf8 {
            path: shown.to_string(),
            offset,
            line,
        }
    })
}

/// Expand the paths a user gave into the files to read: files as given,
/// folders recursively (sorted, only [`EXTENSIONS`]). A folder that holds no
/// such file is an error of its own; the other paths still count.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<String>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            let walker = walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_article_extension(e.path()) => {
                        files.push(e.path().to_string_lossy().into_owned());
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(SourceError::Unreadable {
                        path: e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| p.display().to_string()),
                        reason: e.to_string(),
                    }),
                }
            }
            if files.len() == before {
                errors.push(SourceError::NoArticles {
                    path: p.display().to_string(),
                });
            }
        } else {
            files.push(p.to_string_lossy().into_owned());
        }
    }
    (files, errors)
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_cr_files_have_lines() {
        let doc = Document::from_text(
            "cr.md",
            "---\rdate: 2024-01-25\r---\rTrade hit $5 billion.\r".into(),
            None,
        )
        .unwrap();
        assert_eq!(
            doc.published(),
            chrono::NaiveDate::from_ymd_opt(2024, 1, 25)
        );
        assert_eq!(doc.line_col(doc.text.find('$').unwrap()), (4, 11));
    }

    #[test]
    fn line_col_counts_characters() {
        let doc = Document::from_text("a.txt", "ab\n€1 and 2\n".into(), None).unwrap();
        assert_eq!(doc.line_col(0), (1, 1));
        assert_eq!(doc.line_col(3), (2, 1));
        // "€" is three bytes but one column.
        assert_eq!(doc.line_col(6), (2, 2));
    }

    #[test]
    fn excerpt_keeps_short_sentences_and_cuts_long_ones_at_spaces() {
        let short = "Inflation was 3.1% in May.";
        assert_eq!(excerpt(short, 0..short.len(), 14..18, 160), 0..short.len());
        let long = format!("{}3.1%{}", "word ".repeat(100), " more".repeat(100));
        let span = 500..504;
        let cut = excerpt(&long, 0..long.len(), span.clone(), 160);
        assert_eq!(cut, 340..664);
        assert!(long[cut.clone()].starts_with("word ") && long[cut].ends_with(" more"));
    }

    #[test]
    fn line_col_on_a_long_line_counts_across_marks() {
        // Marks fall inside multi-byte characters and on other lines.
        let line = "€ab".repeat(3000);
        let doc = Document::from_text("a.txt", format!("x\n{line}\n"), None).unwrap();
        let offset = 2 + "€ab".len() * 2500 + 3;
        assert_eq!(doc.line_col(offset), (2, 3 * 2500 + 2));
        assert_eq!(doc.line_col(2 + line.len()), (2, 9001));
    }

    #[test]
    fn empty_file_is_an_error() {
        let err = Document::from_text("e.md", "  \n".into(), None).unwrap_err();
        assert!(matches!(err, SourceError::Empty { .. }));
    }
}
