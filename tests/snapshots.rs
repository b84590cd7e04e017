//! Snapshot tests: the `claims` table of the bundled examples and the
//! rendered diagnostics of checking the example draft against them.
//! Rendering is fixed: no colour, width 100, paths as given.

use std::path::PathBuf;

use figcheck::findings::{Finding, Summary};
use figcheck::lexicon::Lexicon;
use figcheck::report;
use figcheck::rules::{self, CheckOptions};
use figcheck::{Corpus, LoadOptions};

fn load(paths: &[&str]) -> (Corpus, Lexicon) {
    let lexicon = Lexicon::default_pack();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let corpus = Corpus::load(&paths, &lexicon, &LoadOptions::default());
    assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
    (corpus, lexicon)
}

#[test]
fn example_claims_table() {
    let (corpus, _) = load(&["examples/articles"]);
    let mut out = Vec::new();
    report::claims::write_table(&mut out, &corpus.claims, &corpus.docs).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

/// The human report as written to a file.
fn human(findings: &[Finding], corpus: &Corpus, summary: &Summary) -> String {
    let mut out = Vec::new();
    report::human::write(
        &mut out,
        findings,
        corpus,
        report::human::Look::plain(),
        summary,
        true,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn example_articles_check_clean() {
    let (corpus, lexicon) = load(&["examples/articles"]);
    let findings = rules::check(&corpus, &lexicon, &CheckOptions::default());
    let summary = Summary::new(corpus.docs.len(), corpus.claims.len(), &findings);
    insta::assert_snapshot!(human(&findings, &corpus, &summary));
}

#[test]
fn example_draft_against_articles() {
    let (corpus, lexicon) = load(&["examples/draft/draft.md", "examples/articles"]);
    let options = CheckOptions {
        drafts: [0].into_iter().collect(),
        ..CheckOptions::default()
    };
    let findings = rules::check(&corpus, &lexicon, &options);
    let summary = Summary::new(corpus.docs.len(), corpus.claims.len(), &findings);
    assert_eq!(summary.errors, 3, "the draft's three planted errors");
    insta::assert_snapshot!(human(&findings, &corpus, &summary));
}
