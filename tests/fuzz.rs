//! The stable fuzz harness: the properties of `figcheck::fuzz` on every
//! committed seed and regression input, then on mutations of them.
//!
//! - `cargo test --test fuzz` replays `fuzz/corpus/<target>/` and
//!   `fuzz/regressions/<target>/` and tries a few thousand mutations: every
//!   crash found once stays a test.
//! - `FIGCHECK_FUZZ_EXECS=1000000 cargo test --release --test fuzz` runs
//!   that many mutations per target (a long run; see fuzz/README.md, which
//!   also shows the coverage-guided run with cargo-fuzz on nightly).
//!
//! An input that fails (an `Err`, a panic) is written to
//! `target/fuzz-failures/` and named in the failure. One that runs longer
//! than the per-input limit is written there too, and the run aborts: a
//! hang cannot be interrupted from inside.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use figcheck::fuzz::Target;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// No input may take longer than this (debug builds are slow: generous).
const PER_INPUT: Duration = Duration::from_secs(10);
/// Mutations per target in an ordinary `cargo test`.
const DEFAULT_EXECS: u64 = 300;
/// Inputs are kept short: the parsers look at a few words, the whole path
/// at a few paragraphs.
const MAX_LEN: usize = 4096;

/// Words the mutator inserts: the pieces figures, dates and markup are made of.
const TOKENS: &[&str] = &[
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "Rs",
    "kr",
    "bn",
    "billion",
    "million",
    "m",
    "k",
    "trillion",
    "%",
    " per cent",
    " percentage points",
    "pp",
    "half",
    "two-thirds",
    "dozen",
    "minus ",
    "−",
    "-",
    "–",
    " to ",
    " and ",
    "between ",
    "about ",
    "more than ",
    "up to ",
    "nearly ",
    "1",
    "9",
    "0",
    ".",
    ",",
    "24.5",
    "108",
    "1,000",
    "2,40,310",
    "1/2",
    "½",
    "Q3",
    "FY2024",
    "fiscal ",
    "quarter",
    "January ",
    "June 5",
    "2019",
    "20",
    "+262142",
    "Tuesday",
    "tomorrow",
    "last year",
    "this week",
    " days",
    "-day",
    "tonnes",
    "°C",
    "°F",
    "bpd",
    "GW",
    "km",
    "pence",
    "cents",
    "\n",
    "\r",
    "\n\n",
    "---\n",
    "date: ",
    "+++\n",
    "<!-- figcheck-ignore FC201 -->",
    "<!-- figcheck-ignore",
    "-->",
    "# ",
    "| ",
    "`",
    "*",
    "[",
    "](",
    "\u{0}",
    "\u{200b}",
    "\u{feff}",
    "é",
    "\u{FFFF}",
];

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn inputs_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Vec<u8>)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// Change an input a little, as a fuzzer would.
fn mutate(rng: &mut StdRng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.gen_range(1..=4) {
        let at = rng.gen_range(0..=out.len());
        match rng.gen_range(0..6) {
            0 if !out.is_empty() => {
                let i = rng.gen_range(0..out.len());
                out[i] ^= 1 << rng.gen_range(0..8);
            }
            1 => {
                let token = TOKENS[rng.gen_range(0..TOKENS.len())];
                out.splice(at..at, token.bytes());
            }
            2 if !out.is_empty() => {
                let end = (at + rng.gen_range(1..16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let from = rng.gen_range(0..out.len());
                let end = (from + rng.gen_range(1..64)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            4 if !seeds.is_empty() => {
                let other = &seeds[rng.gen_range(0..seeds.len())];
                let from = rng.gen_range(0..=other.len());
                let end = (from + rng.gen_range(0..256)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
            _ => out.insert(at, rng.gen()),
        }
    }
    out.truncate(MAX_LEN);
    out
}

/// Where failing inputs go.
fn failures_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn save_failure(target: Target, input: &[u8]) -> PathBuf {
    let hash = input.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    let path = failures_dir().join(format!("{}-{hash:016x}", target.name()));
    std::fs::write(&path, input).unwrap();
    path
}

/// Run one input under the watchdog: Err(description) on a failed property
/// or a panic.
fn run_one(target: Target, input: &[u8], watch: &Watch) -> Result<(), String> {
    watch.start(target, input);
    let result = std::panic::catch_unwind(|| target.run(input)).unwrap_or_else(|p| {
        let message = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panic: {message}"))
    });
    watch.stop();
    result.map_err(|e| {
        let path = save_failure(target, input);
        format!("{}: {e} (input saved to {})", target.name(), path.display())
    })
}

/// The input now running: since when, for which target, its bytes.
type Running = Option<(Instant, Target, Vec<u8>)>;

/// A watchdog over the input now running.
#[derive(Clone, Default)]
struct Watch(Arc<Mutex<Running>>);

impl Watch {
    fn start(&self, target: Target, input: &[u8]) {
        *self.0.lock().unwrap() = Some((Instant::now(), target, input.to_vec()));
    }

    fn stop(&self) {
        *self.0.lock().unwrap() = None;
    }

    /// Check every `PER_INPUT / 4`; abort the process on an input over the
    /// limit, after saving it.
    fn guard(&self) {
        let watch = self.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(PER_INPUT / 4);
            if let Some((since, target, input)) = watch.0.lock().unwrap().as_ref() {
                if since.elapsed() > PER_INPUT {
                    let path = save_failure(*target, input);
                    eprintln!(
                        "{}: an input ran over {PER_INPUT:?} (saved to {}); aborting",
                        target.name(),
                        path.display()
                    );
                    std::process::abort();
                }
            }
        });
    }
}

fn execs() -> u64 {
    std::env::var("FIGCHECK_FUZZ_EXECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_EXECS)
}

/// Seeds and regressions of one target, then `execs()` mutations of them.
fn fuzz(target: Target, total: &AtomicU64) -> Result<(), String> {
    let seeds: Vec<Vec<u8>> = inputs_in(&fuzz_dir().join("corpus").join(target.name()))
        .into_iter()
        .map(|(_, data)| data)
        .collect();
    if seeds.is_empty() {
        return Err(format!("{}: no seed inputs in fuzz/corpus", target.name()));
    }
    let watch = Watch::default();
    watch.guard();
    let regressions = inputs_in(&fuzz_dir().join("regressions").join(target.name()));
    for input in seeds.iter().chain(regressions.iter().map(|(_, d)| d)) {
        run_one(target, input, &watch)?;
        total.fetch_add(1, Ordering::Relaxed);
    }
    // A fixed seed per target: a failure found here is found again.
    let mut rng = StdRng::seed_from_u64(0x5eed ^ target.name().len() as u64);
    let mut pool = seeds.clone();
    for _ in 0..execs() {
        let parent = &pool[rng.gen_range(0..pool.len())];
        let child = mutate(&mut rng, parent, &seeds);
        run_one(target, &child, &watch)?;
        total.fetch_add(1, Ordering::Relaxed);
        // Keep some children as parents: mutations then stack up.
        if pool.len() < 512 && rng.gen_ratio(1, 8) {
            pool.push(child);
        }
    }
    Ok(())
}

#[test]
fn every_target_keeps_its_properties() {
    let total = AtomicU64::new(0);
    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = Target::ALL
            .iter()
            .map(|&t| {
                scope.spawn({
                    let total = &total;
                    move || fuzz(t, total)
                })
            })
            .collect();
        runs.into_iter()
            .filter_map(|r| r.join().unwrap().err())
            .collect()
    });
    eprintln!(
        "fuzz: {} executions over {} targets in {:.1?}",
        total.load(Ordering::Relaxed),
        Target::ALL.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_ends_of_the_calendar_and_the_mutator() {
    // A date target input whose publication date is chrono's last day and
    // whose text asks for the day after: must resolve without a panic.
    let mut input = vec![0xFF, 0xFF, 0xFF, 0xFF];
    input.extend_from_slice(b"tomorrow");
    assert_eq!(Target::Date.run(&input), Ok(()));
    assert_eq!(
        Target::Claims.run(b"---\ndate: +262142-12-31\n---\nThe talks end tomorrow."),
        Ok(())
    );
    // And the mutator really changes inputs.
    let mut rng = StdRng::seed_from_u64(1);
    let changed = (0..20)
        .filter(|_| mutate(&mut rng, b"$108bn in 2018", &[]) != b"$108bn in 2018")
        .count();
    assert!(changed >= 18, "{changed} of 20 mutations changed the input");
}
