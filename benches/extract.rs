//! Extraction throughput on a generated news corpus (see `corpus.rs`).
//!
//! ```text
//! cargo bench --bench extract                  # 50 MB corpus
//! FIGCHECK_BENCH_MB=5 cargo bench --bench extract
//! ```
//!
//! Groups, all single-threaded, all with `Throughput::Bytes` of the whole
//! corpus (raw article bytes, front matter included):
//!
//! - `ceiling/memchr_digits`: count ASCII digits with memchr (4 passes:
//!   three `memchr3` and one `memchr`) — a plain byte scan.
//! - `ceiling/aho_corasick_scan`: one pass of an automaton built from the
//!   same trigger patterns as `extract::scan` (a copy: they are private),
//!   counting matches — the cost of finding trigger points alone.
//!   `ceiling/aho_corasick_scan_dfa` is the same automaton built as a DFA.
//! - `stages/from_text`: `Document::from_text` (front matter, markdown to
//!   prose, line starts, repeats).
//! - `stages/scan`: `extract::scan::scan(&doc.prose)` on prepared documents.
//! - `stages/extract`: `read::claims` on prepared documents (scan +
//!   context).
//! - `extract/single_thread`: `from_text` then `extract` per article, the
//!   whole per-file pipeline short of reading the file.

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};

use figcheck::extract;
use figcheck::lexicon::Lexicon;
use figcheck::read::{self, Bands};
use figcheck::source::Document;

const SEED: u64 = 42;

fn corpus_bytes() -> usize {
    let mb: f64 = std::env::var("FIGCHECK_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50.0);
    (mb * 1_000_000.0) as usize
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 6, 5).expect("valid date")
}

fn path(i: usize) -> String {
    format!("bench/article-{i:05}.md")
}

fn documents(articles: &[String]) -> Vec<Document> {
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Document::from_text(path(i), a.clone(), Some(date())).expect("generated article reads")
        })
        .collect()
}

/// The scanner's own trigger patterns, built with the given automaton kind,
/// so the ceiling measures exactly what `scan` searches for.
fn trigger_automaton(kind: Option<AhoCorasickKind>) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(kind)
        .build(figcheck::extract::scan::patterns())
        .expect("patterns build")
}

fn count_digits(bytes: &[u8]) -> usize {
    memchr::memchr3_iter(b'0', b'1', b'2', bytes).count()
        + memchr::memchr3_iter(b'3', b'4', b'5', bytes).count()
        + memchr::memchr3_iter(b'6', b'7', b'8', bytes).count()
        + memchr::memchr_iter(b'9', bytes).count()
}

fn slow_group<'a>(c: &'a mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    g
}

fn benches(c: &mut Criterion) {
    let articles = corpus::generate(corpus_bytes(), SEED);
    let total: usize = articles.iter().map(String::len).sum();
    let joined = articles.concat();
    let lexicon = Lexicon::default_pack();
    let bands = Bands::default();
    let docs = documents(&articles);

    // What the corpus is like, printed once (outside any timing).
    let claims: usize = docs
        .iter()
        .enumerate()
        .map(|(i, d)| read::claims(d, i, &lexicon, &bands).len())
        .sum();
    let atoms: usize = docs
        .iter()
        .map(|d| extract::scan::scan(&d.prose).len())
        .sum();
    let triggers: usize = {
        let ac = trigger_automaton(None);
        docs.iter()
            .map(|d| ac.find_iter(d.prose.as_str()).count())
            .sum()
    };
    eprintln!(
        "corpus: {} articles, {:.1} MB (seed {SEED}), {} digits, {triggers} trigger matches, \
         {atoms} atoms, {claims} claims (one claim per {:.0} bytes)",
        articles.len(),
        total as f64 / 1e6,
        count_digits(joined.as_bytes()),
        total as f64 / claims.max(1) as f64,
    );

    {
        let mut g = c.benchmark_group("ceiling");
        g.throughput(Throughput::Bytes(total as u64))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        g.bench_function("memchr_digits", |b| {
            b.iter(|| count_digits(black_box(joined.as_bytes())))
        });
        // The trigger patterns with the automaton kind the crate would
        // choose (a contiguous NFA for this many patterns), and as a DFA,
        // which is what scan.rs builds.
        for (name, kind) in [
            ("aho_corasick_scan", None),
            ("aho_corasick_scan_dfa", Some(AhoCorasickKind::DFA)),
        ] {
            let ac = trigger_automaton(kind);
            g.bench_function(name, |b| {
                b.iter(|| {
                    articles
                        .iter()
                        .map(|a| ac.find_iter(black_box(a.as_str())).count())
                        .sum::<usize>()
                })
            });
        }
        g.finish();
    }

    {
        let mut g = slow_group(c, "stages", total);
        g.bench_function("from_text", |b| {
            b.iter(|| {
                articles
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let d = Document::from_text(path(i), a.clone(), Some(date()));
                        black_box(d).map_or(0, |d| d.prose.len())
                    })
                    .sum::<usize>()
            })
        });
        g.bench_function("scan", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| black_box(extract::scan::scan(black_box(&d.prose))).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("extract", |b| {
            b.iter(|| {
                docs.iter()
                    .enumerate()
                    .map(|(i, d)| black_box(read::claims(d, i, &lexicon, &bands)).len())
                    .sum::<usize>()
            })
        });
        g.finish();
    }

    {
        let mut g = slow_group(c, "extract", total);
        g.bench_function("single_thread", |b| {
            b.iter(|| {
                articles
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let doc = Document::from_text(path(i), a.clone(), Some(date()))
                            .expect("generated article reads");
                        black_box(read::claims(&doc, i, &lexicon, &bands)).len()
                    })
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

criterion_group!(extract_benches, benches);
criterion_main!(extract_benches);
