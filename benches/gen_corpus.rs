//! Write the benchmark corpus to disk, for timing the CLI on real files:
//!
//! ```text
//! cargo bench --bench gen_corpus -- DIR N_ARTICLES
//! ```
//!
//! writes `DIR/article-00000.md` ... (N files, same bytes for the same seed;
//! seed from `FIGCHECK_BENCH_SEED`, default 42). Anything else on the command
//! line — including the bare `--bench` that `cargo bench` passes to every
//! bench target, or a criterion filter — prints the usage and writes nothing.

mod corpus;

use std::path::PathBuf;

const USAGE: &str = "usage: cargo bench --bench gen_corpus -- DIR N_ARTICLES\n\
                     writes N_ARTICLES markdown articles into DIR (seed: FIGCHECK_BENCH_SEED, default 42)";

fn main() {
    let positional: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let (dir, n) = match positional.as_slice() {
        [dir, n] => match n.parse::<usize>() {
            Ok(n) if n > 0 => (PathBuf::from(dir), n),
            _ => return println!("gen_corpus: {USAGE}"),
        },
        _ => return println!("gen_corpus: nothing to do; {USAGE}"),
    };
    let seed = std::env::var("FIGCHECK_BENCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(42);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen_corpus: cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let width = n.saturating_sub(1).to_string().len().max(5);
    let mut total = 0usize;
    for (i, text) in corpus::generate_n(n, seed).into_iter().enumerate() {
        let path = dir.join(format!("article-{i:0width$}.md"));
        total += text.len();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen_corpus: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
    println!(
        "gen_corpus: wrote {n} articles, {:.1} MB, to {} (seed {seed})",
        total as f64 / 1e6,
        dir.display()
    );
}
