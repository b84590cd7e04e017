//! Helpers for unit tests: build a run from inline articles.

use chrono::NaiveDate;

use crate::findings::Finding;
use crate::lexicon::Lexicon;
use crate::read::Bands;
use crate::rules::{self, CheckOptions};
use crate::source::Document;
use crate::Corpus;

/// A corpus from (path, publication date, text) triples.
pub fn corpus(files: &[(&str, &str, &str)]) -> Corpus {
    let docs = files
        .iter()
        .map(|(path, date, text)| {
            let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date");
            Document::from_text(*path, text.to_string(), Some(d)).expect("test document")
        })
        .collect();
    Corpus::from_documents(docs, &Lexicon::default_pack(), &Bands::default())
}

/// All findings for the given articles.
pub fn check_texts(files: &[(&str, &str, &str)]) -> Vec<Finding> {
    let c = corpus(files);
    rules::check(&c, &Lexicon::default_pack(), &CheckOptions::default())
}
