//! End-to-end tests of the `figcheck` binary: output formats, exit statuses,
//! bad input, date overrides, determinism and colour.
//!
//! Every fixture is either written to a temporary folder by the test itself
//! or lives in `examples/` of this repository; nothing outside the crate is
//! read at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use tempfile::TempDir;

// ───────────────────────────── helpers ─────────────────────────────

const TRADE_ARTICLE: &str = "---\ndate: 2019-05-29\n---\nTrade between the two countries last year rose by 24.5 per cent to a record high of US$108 billion.\n";

/// The documented `claims --format jsonl` record, fields in order.
const CLAIM_FIELDS: &[&str] = &[
    "path",
    "line",
    "column",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "period",
    "measure",
    "role",
    "qualifier",
    "record",
    "unresolved",
    "sentence",
];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root (so `examples/...` paths are short
/// and stable), with colour forced off unless a test says otherwise.
fn figcheck() -> Command {
    let mut cmd = Command::cargo_bin("figcheck").expect("figcheck binary is built");
    cmd.current_dir(manifest_dir());
    cmd.env("NO_COLOR", "1");
    cmd.env_remove("RAYON_NUM_THREADS");
    cmd
}

/// The binary, run from inside `dir`.
fn figcheck_in(dir: &Path) -> Command {
    let mut cmd = figcheck();
    cmd.current_dir(dir);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("figcheck runs");
    Run {
        code: out
            .status
            .code()
            .expect("figcheck exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn assert_no_panic(r: &Run) {
    assert!(!r.stderr.contains("panicked"), "figcheck panicked:\n{r:?}");
    assert!(
        !r.stderr.contains("RUST_BACKTRACE"),
        "figcheck panicked:\n{r:?}"
    );
}

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The keys of a JSON object in the order they are written.
struct KeyOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeyOrder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyOrder;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(KeyOrder(keys))
            }
        }
        d.deserialize_map(V)
    }
}

fn key_order(json: &str) -> Vec<String> {
    serde_json::from_str::<KeyOrder>(json).unwrap().0
}

/// The documented fields are all there, once each, in documented order.
/// The JSON formats are contracts whose fields are only ever added, so
/// fields beyond the documented ones are allowed.
fn assert_documented_order(keys: &[String], documented: &[&str], what: &str) {
    let known: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| documented.contains(k))
        .collect();
    assert_eq!(
        known, documented,
        "{what}: documented fields in order (all keys: {keys:?})"
    );
    let unique: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{what}: duplicate keys {keys:?}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn s(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

fn u(v: &Value) -> usize {
    v.as_u64()
        .unwrap_or_else(|| panic!("expected a number, got {v}")) as usize
}

fn check_json(args: &[&str]) -> (Run, Value) {
    let r = run(figcheck().args(["check", "--format", "json"]).args(args));
    assert_no_panic(&r);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("check --format json is not JSON ({e}):\n{r:?}"));
    (r, v)
}

/// The (path, line) of a finding's flagged claim.
fn first_claim(f: &Value) -> (String, usize) {
    let c = &f["claims"][0];
    (s(&c["path"]).to_string(), u(&c["line"]))
}

// ──────────────────── 1. claims --format jsonl ────────────────────

#[test]
fn claims_jsonl_trade_sentence() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "trade.md", TRADE_ARTICLE.as_bytes());
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "trade.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stderr, "", "{r:?}");

    let bytes = TRADE_ARTICLE.as_bytes();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines.is_empty(), "{r:?}");
    let records = jsonl(&r.stdout);

    // Every record: documented fields in documented order, and a span
    // whose bytes are the record's text, on the line and column it says.
    for (line, rec) in lines.iter().zip(&records) {
        assert_documented_order(&key_order(line), CLAIM_FIELDS, line);
        assert_eq!(s(&rec["path"]), "trade.md");
        let (start, end) = (u(&rec["start"]), u(&rec["end"]));
        assert_eq!(
            std::str::from_utf8(&bytes[start..end]).unwrap(),
            s(&rec["text"]),
            "span of {line}"
        );
        assert_eq!(u(&rec["line"]), 4, "{line}");
        // Line 4 starts after three lines of front matter; all ASCII.
        let line4 = TRADE_ARTICLE.match_indices('\n').nth(2).unwrap().0 + 1;
        assert_eq!(u(&rec["column"]), start - line4 + 1, "{line}");
        assert_eq!(
            s(&rec["sentence"]),
            "Trade between the two countries last year rose by 24.5 per cent to a record high of US$108 billion."
        );
    }

    let money: Vec<&Value> = records.iter().filter(|r| r["kind"] == "money").collect();
    assert_eq!(money.len(), 1, "one money claim: {r:?}");
    let m = money[0];
    assert_eq!(m["text"], "US$108 billion");
    assert_eq!(m["value"], "108000000000");
    assert_eq!(m["low"], "107500000000");
    assert_eq!(m["high"], "108500000000");
    assert_eq!(m["unit"], "USD");
    assert_eq!(m["period"], "2018");
    assert_eq!(m["measure"], "trade");
    assert_eq!(m["role"], "actual");
    assert_eq!(m["kind"], "money");
    assert_eq!(m["qualifier"], Value::Null);
    assert_eq!(m["record"], true);
    assert_eq!(m["unresolved"], Value::Null);
    let start = TRADE_ARTICLE.find("US$108 billion").unwrap();
    assert_eq!(start, 109);
    assert_eq!(u(&m["start"]), 109);
    assert_eq!(u(&m["end"]), 123);
    assert_eq!(u(&m["line"]), 4);
    assert_eq!(u(&m["column"]), 85);
    assert_eq!(&TRADE_ARTICLE[109..123], "US$108 billion");

    let pct: Vec<&Value> = records.iter().filter(|r| r["kind"] == "percent").collect();
    assert_eq!(pct.len(), 1, "one percent claim: {r:?}");
    let p = pct[0];
    assert_eq!(p["text"], "24.5 per cent");
    assert_eq!(p["value"], "24.5");
    assert_eq!(p["low"], "24.45");
    assert_eq!(p["high"], "24.55");
    assert_eq!(p["unit"], "%");
    assert_eq!(p["role"], "change");
    assert_eq!(p["period"], "2018");
    assert_eq!(p["measure"], "trade");
    assert_eq!(u(&p["start"]), TRADE_ARTICLE.find("24.5 per cent").unwrap());
    assert_eq!(u(&p["end"]), u(&p["start"]) + "24.5 per cent".len());
    assert_eq!(u(&p["line"]), 4);
    assert_eq!(u(&p["column"]), 51);

    let dates: Vec<&Value> = records.iter().filter(|r| r["kind"] == "date").collect();
    assert_eq!(dates.len(), 1, "{r:?}");
    assert_eq!(dates[0]["text"], "last year");
    assert_eq!(dates[0]["value"], "2018");
    assert_eq!(dates[0]["low"], "2018-01-01");
    assert_eq!(dates[0]["high"], "2018-12-31");
}

#[test]
fn claims_default_format_off_a_terminal_is_jsonl() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "trade.md", TRADE_ARTICLE.as_bytes());
    let default = run(figcheck_in(dir.path()).args(["claims", "trade.md"]));
    let explicit = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "trade.md"]));
    assert_eq!(default.code, 0, "{default:?}");
    assert_eq!(default.stdout, explicit.stdout);
}

#[test]
fn claims_table_names_file_and_date() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "trade.md", TRADE_ARTICLE.as_bytes());
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "table", "trade.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.stdout.lines().next(),
        Some("trade.md (published 2019-05-29)"),
        "{r:?}"
    );
    let money = r
        .stdout
        .lines()
        .find(|l| l.contains("\"US$108 billion\""))
        .unwrap_or_else(|| panic!("no money row: {r:?}"));
    assert!(money.contains("108,000,000,000 USD"), "{money}");
    assert!(money.contains("[record]"), "{money}");
    assert!(money.trim_start().starts_with("4:85"), "{money}");
}

// ───────────────────── 2. check --format json ─────────────────────

#[test]
fn check_json_clean_articles() {
    let (r, v) = check_json(&["examples/articles"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(v["summary"]["errors"], 0, "{r:?}");
    assert_eq!(v["summary"]["files"], 5, "{r:?}");
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["severity"] != "error"), "{r:?}");
    assert_eq!(
        u(&v["summary"]["infos"]) + u(&v["summary"]["warnings"]),
        findings.len()
    );
    assert_documented_order(
        &key_order(&r.stdout),
        &["findings", "summary"],
        "check JSON",
    );
    #[derive(serde::Deserialize)]
    struct Top {
        summary: KeyOrder,
    }
    let top: Top = serde_json::from_str(&r.stdout).unwrap();
    assert_documented_order(
        &top.summary.0,
        &["files", "claims", "errors", "warnings", "infos"],
        "summary",
    );
}

#[test]
fn check_json_draft_against_articles() {
    let (r, v) = check_json(&["examples/draft/draft.md", "--against", "examples/articles"]);
    assert_eq!(r.code, 1, "{r:?}");
    let summary = &v["summary"];
    assert_eq!(summary["files"], 6);
    assert_eq!(summary["errors"], 3, "{r:?}");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(
        u(&summary["errors"]) + u(&summary["warnings"]) + u(&summary["infos"]),
        findings.len()
    );

    let draft = "examples/draft/draft.md";
    let errors: BTreeSet<(String, String, usize)> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            let (p, l) = first_claim(f);
            (s(&f["code"]).to_string(), p, l)
        })
        .collect();
    let want: BTreeSet<(String, String, usize)> = [9, 17, 18]
        .into_iter()
        .map(|l| ("FC201".to_string(), draft.to_string(), l))
        .collect();
    assert_eq!(errors, want, "the three planted errors, and nothing else");

    let by_line = |line: usize| -> &Value {
        findings
            .iter()
            .find(|f| f["severity"] == "error" && first_claim(f) == (draft.to_string(), line))
            .unwrap()
    };

    // Line 17: $118 billion against the articles' $108bn.
    let f17 = by_line(17);
    assert_eq!(f17["rule"], "figure-conflict");
    assert_eq!(f17["measure"], "trade");
    assert_eq!(f17["period"], "2018");
    let c = &f17["claims"][0];
    assert_eq!(c["text"], "$118 billion");
    assert_eq!(c["value"], "118000000000");
    assert_eq!(c["unit"], "USD");
    assert_eq!(c["period"], "2018");
    let others = f17["claims"].as_array().unwrap();
    assert!(others.len() >= 2, "{f17}");
    for c in &others[1..] {
        assert!(s(&c["path"]).starts_with("examples/articles/"), "{c}");
        assert_eq!(c["value"], "108000000000", "{c}");
        assert_eq!(c["unit"], "USD", "{c}");
    }

    // Line 18: 42.5% against 24.5%.
    let f18 = by_line(18);
    assert_eq!(f18["rule"], "figure-conflict");
    assert_eq!(f18["period"], "2018");
    assert_eq!(f18["claims"][0]["text"], "42.5%");
    assert_eq!(f18["claims"][0]["value"], "42.5");
    assert_eq!(f18["claims"][0]["unit"], "%");
    let others = f18["claims"].as_array().unwrap();
    assert!(others.len() >= 2, "{f18}");
    for c in &others[1..] {
        assert!(s(&c["path"]).starts_with("examples/articles/"), "{c}");
        assert_eq!(c["value"], "24.5", "{c}");
    }

    // Line 9: a four-day visit against three-day.
    let f9 = by_line(9);
    assert_eq!(f9["claims"][0]["text"], "four-day");
    assert_eq!(f9["claims"][0]["value"], "4");
    assert_eq!(f9["claims"][0]["unit"], "day");
    assert!(
        f9["claims"].as_array().unwrap()[1..]
            .iter()
            .any(|c| c["text"] == "three-day" && c["value"] == "3"),
        "{f9}"
    );

    // Line 19: 15% that no source states.
    let f19: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "FC203" && first_claim(f) == (draft.to_string(), 19))
        .collect();
    assert_eq!(f19.len(), 1, "one FC203 for line 19: {r:?}");
    let f19 = f19[0];
    assert_eq!(f19["rule"], "unsupported-figure");
    assert_eq!(f19["severity"], "warning");
    assert_eq!(f19["claims"][0]["text"], "15%");
    assert_eq!(f19["claims"][0]["value"], "15");
    assert_eq!(f19["claims"][0]["unit"], "%");
    assert_eq!(f19["claims"][0]["column"], 17);

    // Shape of every finding, and every claim's span is its text.
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for f in findings {
        for k in [
            "rule", "code", "severity", "message", "measure", "period", "help", "claims",
        ] {
            assert!(f.get(k).is_some(), "finding lacks {k}: {f}");
        }
        assert!(s(&f["code"]).starts_with("FC"), "{f}");
        assert!(
            ["error", "warning", "info"].contains(&s(&f["severity"])),
            "{f}"
        );
        assert!(!s(&f["message"]).is_empty(), "{f}");
        let claims = f["claims"].as_array().unwrap();
        assert!(!claims.is_empty(), "{f}");
        for c in claims {
            for k in [
                "path", "line", "column", "start", "end", "text", "value", "unit", "period",
                "label",
            ] {
                assert!(c.get(k).is_some(), "claim lacks {k}: {c}");
            }
            let path = s(&c["path"]).to_string();
            let bytes = files
                .entry(path.clone())
                .or_insert_with(|| std::fs::read(manifest_dir().join(&path)).unwrap());
            let (start, end) = (u(&c["start"]), u(&c["end"]));
            assert_eq!(
                std::str::from_utf8(&bytes[start..end]).unwrap(),
                s(&c["text"]),
                "span of {c}"
            );
            let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
            assert_eq!(u(&c["line"]), line, "line of {c}");
        }
    }
}

#[test]
fn check_human_draft_against_articles() {
    let r = run(figcheck().args([
        "check",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ]));
    assert_no_panic(&r);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("FC201"), "{r:?}");
    assert!(r.stdout.contains("FC203"), "{r:?}");
    assert!(r.stdout.contains("figure-conflict"), "{r:?}");
    assert!(r.stdout.contains("$118 billion"), "{r:?}");
    // One header per finding: three error headers for three errors, the
    // other files' passages inside each block, headed by nothing.
    let headers: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("FC") || l.starts_with("Error:") || l.starts_with("Advice:"))
        .collect();
    assert_eq!(
        headers,
        [
            "FC201", "FC201", "FC201", "FC203", "FC202", "FC202", "FC202", "FC202", "FC202",
            "FC202", "FC202", "FC202"
        ],
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.matches("↳ also in ").count(), 26, "{}", r.stdout);
    let last = r
        .stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap();
    assert!(last.starts_with("figcheck: 6 files"), "last line {last:?}");
    assert!(
        last.contains(": 3 errors, 1 warning, "),
        "last line {last:?}"
    );
}

#[test]
fn check_human_clean_articles() {
    let r = run(figcheck().args(["check", "examples/articles"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    let last = r
        .stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap();
    assert!(last.starts_with("figcheck: 5 files, "), "{last:?}");
    assert!(last.contains(": 0 errors, 0 warnings, "), "{last:?}");
    assert!(!r.stdout.contains("FC201"), "{r:?}");
}

// ───────────────────────── 3. exit statuses ─────────────────────────

#[test]
fn nonexistent_path_alone_exits_2() {
    let dir = TempDir::new().unwrap();
    for cmd in [
        &["claims", "--format", "jsonl"][..],
        &["check"][..],
        &["check", "--format", "json"][..],
    ] {
        let r = run(figcheck_in(dir.path()).args(cmd).arg("no-such-file.md"));
        assert_no_panic(&r);
        assert_eq!(r.code, 2, "{cmd:?}: {r:?}");
        assert_eq!(r.stdout, "", "{cmd:?}: {r:?}");
        assert!(r.stderr.contains("no-such-file.md"), "{cmd:?}: {r:?}");
        assert!(r.stderr.contains("no readable article"), "{cmd:?}: {r:?}");
    }
}

#[test]
fn nonexistent_path_beside_a_good_one_is_skipped() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    let r = run(figcheck_in(dir.path()).args([
        "claims",
        "--format",
        "jsonl",
        "no-such-file.md",
        "good.md",
    ]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("no-such-file.md"), "{r:?}");
    assert!(
        jsonl(&r.stdout)
            .iter()
            .any(|c| c["text"] == "US$108 billion"),
        "{r:?}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let cases: &[&[&str]] = &[
        &["check", "--format", "nope", "examples/articles"],
        &["claims", "--format", "nope", "examples/articles"],
        &["check"],
        &["claims"],
        &["frobnicate"],
        &[
            "claims",
            "--date",
            "examples/articles/01-express-preview.md=yesterday",
            "examples/articles",
        ],
        &["claims", "--date", "no-equals-sign", "examples/articles"],
        &[],
    ];
    for args in cases {
        let r = run(figcheck().args(*args));
        assert_no_panic(&r);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert_eq!(r.stdout, "", "{args:?}: {r:?}");
        assert!(!r.stderr.is_empty(), "{args:?}: {r:?}");
    }
    let r = run(figcheck().args(["check", "--format", "nope", "examples/articles"]));
    assert!(r.stderr.contains("nope"), "{r:?}");
}

#[test]
fn help_and_version_exit_0() {
    for flag in ["--help", "--version"] {
        let r = run(figcheck().arg(flag));
        assert_eq!(r.code, 0, "{flag}: {r:?}");
        assert!(r.stdout.contains("figcheck"), "{flag}: {r:?}");
    }
}

#[test]
fn malformed_rules_file_exits_2_and_names_it() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(dir.path(), "myrules/broken.toml", b"[measure\nname = \"x\n");
    for cmd in [
        &["claims", "--format", "jsonl"][..],
        &["check", "--format", "json"][..],
    ] {
        let r = run(figcheck_in(dir.path())
            .args(cmd)
            .args(["--rules", "myrules", "good.md"]));
        assert_no_panic(&r);
        assert_eq!(r.code, 2, "{cmd:?}: {r:?}");
        assert_eq!(r.stdout, "", "{cmd:?}: {r:?}");
        assert!(r.stderr.contains("broken.toml"), "{cmd:?}: {r:?}");
    }
}

#[test]
fn invalid_currency_and_unit_entries_name_file_and_line() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(
        dir.path(),
        "cur/money.toml",
        b"# house forms\n[[currency]]\ncode = \"XYZ\"\nnames = [\"zeds\"]\n",
    );
    write(
        dir.path(),
        "units/units.toml",
        b"[[unit]]\ndimension = \"time\"\nfactor = \"1\"\nnames = [\"fortnight\"]\n",
    );
    for (folder, file, words, line) in [
        ("cur", "money.toml", "not an ISO 4217 code", "money.toml:3:"),
        ("units", "units.toml", "is not declared", "units.toml:2:"),
    ] {
        let r = run(figcheck_in(dir.path()).args(["claims", "--rules", folder, "good.md"]));
        assert_no_panic(&r);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains(file) && r.stderr.contains(words), "{r:?}");
        assert!(r.stderr.contains(line), "{r:?}");
    }
}

#[test]
fn currency_setting_in_config_is_checked_and_read() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.md",
        b"---\ndate: 2024-03-05\n---\nThe council spent $5 million on roads.\n",
    );
    write(
        dir.path(),
        "figcheck.toml",
        b"[currency]\ndollar = \"AUD\"\n",
    );
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "a.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    let claim: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(claim["unit"], "AUD");
    assert_eq!(
        claim["unit_reading"],
        "'$' read as AUD: figcheck.toml sets dollar = AUD"
    );
    // A misspelt front-matter setting skips its file, with its line, and
    // the others are still read.
    write(
        dir.path(),
        "b.md",
        b"---\ndate: 2024-03-05\ncurrency:\n  dolar: NZD\n---\nIt cost $3 million.\n",
    );
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "a.md", "b.md"]));
    assert_no_panic(&r);
    assert!(r.stderr.contains("b.md:4:"), "{r:?}");
    assert!(
        r.stderr.contains("\"dolar\" is not a shared currency sign"),
        "{r:?}"
    );
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
    write(dir.path(), "figcheck.toml", b"[currency]\nbuck = \"AUD\"\n");
    let r = run(figcheck_in(dir.path()).args(["claims", "a.md"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("figcheck.toml:2:"), "{r:?}");
    assert!(r.stderr.contains("not a shared currency sign"), "{r:?}");
}

#[test]
fn settings_that_do_nothing_are_reported() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(dir.path(), "figcheck.toml", b"baseline = \"nope.toml\"\n");
    let r = run(figcheck_in(dir.path()).args(["check", "--date", "nope.md=2024-01-01", "good.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("--date nope.md=2024-01-01 names no file being checked"),
        "{r:?}"
    );
    assert!(r.stderr.contains("names the baseline"), "{r:?}");
    assert!(
        r.stderr.contains("which does not exist: nothing is"),
        "{r:?}"
    );
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "--decisions",
        "no/such/folder/decisions.toml",
        "good.md",
    ]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("the folder no/such/folder does not exist"),
        "{r:?}"
    );
}

#[test]
fn review_refuses_a_malformed_decisions_file_at_start() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(
        dir.path(),
        "decisions.toml",
        b"[[decision]\nfingerprint = 3\n",
    );
    let r =
        run(figcheck_in(dir.path()).args(["review", "--decisions", "decisions.toml", "good.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("decisions.toml"), "{r:?}");
    assert_eq!(r.stdout, "", "the server must not start: {r:?}");
}

#[test]
fn verbose_reports_repeated_passages_and_a_date_list_is_refused() {
    let dir = TempDir::new().unwrap();
    let line = "The council approved a budget of $5 million for the new bridge on Monday.";
    write(
        dir.path(),
        "rep.md",
        format!("---\ndate: 2024-03-05\n---\n{line}\n\n{line}\n").as_bytes(),
    );
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "-v", "rep.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(jsonl(&r.stdout).len(), 2, "one copy read: {r:?}");
    assert!(
        r.stderr.contains("2 claims, 1 repeated passage read once"),
        "{r:?}"
    );

    write(
        dir.path(),
        "list.md",
        b"---\ndate:\n  - 2024-03-05\n---\nIt cost $5 million.\n",
    );
    let r = run(figcheck_in(dir.path()).args(["claims", "list.md", "rep.md"]));
    assert_no_panic(&r);
    assert!(r.stderr.contains("list.md:2:"), "{r:?}");
    assert!(r.stderr.contains("must be one date"), "{r:?}");
}

#[test]
fn a_batch_of_files_is_dated_by_a_glob() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "archive/2019/a.md",
        b"Trade rose to $108 billion last year.\n",
    );
    write(
        dir.path(),
        "archive/2019/b.md",
        b"Exports hit $20 billion last year.\n",
    );
    let r = run(figcheck_in(dir.path()).args([
        "claims",
        "--format",
        "jsonl",
        "--date",
        "archive/2019/**=2019-06-10",
        "--date",
        "archive/2019/b.md=2020-01-02",
        "archive",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let periods: Vec<(String, String)> = jsonl(&r.stdout)
        .iter()
        .filter(|c| c["kind"] == "money")
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_string(),
                c["period"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        vec![
            ("archive/2019/a.md".to_string(), "2018".to_string()),
            ("archive/2019/b.md".to_string(), "2019".to_string())
        ]
    );
    let r = run(figcheck_in(dir.path()).args(["claims", "--date", "arch[=2019-01-01", "archive"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("is not a glob"), "{r:?}");
}

#[test]
fn rules_dir_with_a_valid_empty_file_is_accepted() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(dir.path(), "myrules/empty.toml", b"# nothing yet\n");
    let with = run(figcheck_in(dir.path()).args([
        "claims", "--format", "jsonl", "--rules", "myrules", "good.md",
    ]));
    let without = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "good.md"]));
    assert_eq!(with.code, 0, "{with:?}");
    assert_eq!(with.stdout, without.stdout);
}

#[test]
fn check_exit_statuses_0_and_1() {
    let r = run(figcheck().args(["check", "--format", "json", "examples/articles"]));
    assert_eq!(r.code, 0, "{r:?}");
    let r = run(figcheck().args([
        "check",
        "--format",
        "json",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ]));
    assert_eq!(r.code, 1, "{r:?}");
    let r = run(figcheck().args([
        "check",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ]));
    assert_eq!(r.code, 1, "{r:?}");
}

#[test]
fn explain_known_and_unknown_codes() {
    let r = run(figcheck().args(["explain", "FC201"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("figure-conflict"), "{r:?}");
    assert!(r.stdout.starts_with("# FC201 figure-conflict"), "{r:?}");

    // A code another rule's comparison makes says which.
    let r = run(figcheck().args(["explain", "FC204"]));
    assert_eq!(r.code, 0, "{r:?}");
    let head = r.stdout.lines().nth(2).unwrap_or_default();
    assert!(head.ends_with(" Found by FC201's comparison."), "{r:?}");

    let r = run(figcheck().args(["explain", "figure-conflict"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("FC201"), "{r:?}");

    let r = run(figcheck().args(["explain", "FC999"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stdout, "", "{r:?}");
    assert!(r.stderr.contains("FC999"), "{r:?}");
}

#[test]
fn rules_lists_every_code() {
    let r = run(figcheck().arg("rules"));
    assert_eq!(r.code, 0, "{r:?}");
    for code in ["FC101", "FC201", "FC202", "FC203", "FC301", "FC401"] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(code)),
            "{code} missing: {r:?}"
        );
    }
    let fc201 = r.stdout.lines().find(|l| l.starts_with("FC201")).unwrap();
    assert!(fc201.contains("figure-conflict"), "{fc201}");
    assert!(fc201.contains("error"), "{fc201}");
    // Every code explains.
    for line in r.stdout.lines() {
        let code = line.split_whitespace().next().unwrap();
        let e = run(figcheck().args(["explain", code]));
        assert_eq!(e.code, 0, "explain {code}: {e:?}");
        assert!(
            e.stdout.starts_with(&format!("# {code} ")),
            "explain {code}: {e:?}"
        );
    }
}

// ───────────────────────── 4. bad input ─────────────────────────

struct BadInput {
    /// What the case is, for messages.
    what: &'static str,
    /// The path to pass (relative to the temporary folder).
    arg: &'static str,
    /// Files to create.
    files: &'static [(&'static str, &'static [u8])],
    /// What stderr must say besides the path.
    says: &'static str,
}

const BAD_INPUTS: &[BadInput] = &[
    BadInput {
        what: "binary file named .md",
        arg: "x.md",
        files: &[("x.md", b"Trade hit $9 billion\0\x01\x02 in 2018.\n")],
        says: "binary",
    },
    BadInput {
        what: "invalid UTF-8",
        arg: "latin.md",
        files: &[("latin.md", b"\xff\xfe Trade hit $9 billion in 2018.\n")],
        says: "UTF-8",
    },
    BadInput {
        what: "invalid UTF-8 after valid text",
        arg: "latin2.md",
        files: &[(
            "latin2.md",
            b"Trade hit $9 billion.\nCaf\xe9 sales rose 5% in 2018.\n",
        )],
        says: "line 2",
    },
    BadInput {
        what: "empty file",
        arg: "empty.md",
        files: &[("empty.md", b"")],
        says: "empty",
    },
    BadInput {
        what: "whitespace-only file",
        arg: "blank.md",
        files: &[("blank.md", b"  \n\n\t\n")],
        says: "empty",
    },
    BadInput {
        what: "broken YAML front matter",
        arg: "yaml.md",
        files: &[("yaml.md", b"---\ntitle: [unclosed\n---\nText")],
        says: "front matter",
    },
    BadInput {
        what: "broken TOML front matter",
        arg: "toml.md",
        files: &[(
            "toml.md",
            b"+++\ntitle = \n+++\nTrade hit $9 billion in 2018.\n",
        )],
        says: "front matter",
    },
    BadInput {
        what: "unclosed front matter",
        arg: "open.md",
        files: &[(
            "open.md",
            b"---\ntitle: Unclosed\nTrade hit $9 billion in 2018.\n",
        )],
        says: "never closed",
    },
    BadInput {
        what: "front matter date that is not a date",
        arg: "baddate.md",
        files: &[(
            "baddate.md",
            b"---\ndate: next tuesday\n---\nTrade hit $9 billion in 2018.\n",
        )],
        says: "not a date",
    },
    BadInput {
        what: "folder with no .md or .txt",
        arg: "nothing",
        files: &[
            ("nothing/readme.rst", b"Trade hit $9 billion in 2018.\n"),
            ("nothing/data.csv", b"a,b\n1,2\n"),
        ],
        says: "no .md",
    },
    BadInput {
        what: "empty folder",
        arg: "hollow",
        files: &[],
        says: "no .md",
    },
];

#[test]
fn bad_input_is_skipped_and_named() {
    for case in BAD_INPUTS {
        let dir = TempDir::new().unwrap();
        write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
        for (name, bytes) in case.files {
            write(dir.path(), name, bytes);
        }
        if case.files.is_empty() {
            std::fs::create_dir_all(dir.path().join(case.arg)).unwrap();
        }
        let before = snapshot(dir.path());

        // claims: the good file's figures come out, the bad one is named.
        for order in [["good.md", case.arg], [case.arg, "good.md"]] {
            let r = run(figcheck_in(dir.path())
                .args(["claims", "--format", "jsonl"])
                .args(order));
            let ctx = format!("{} ({order:?})", case.what);
            assert_no_panic(&r);
            assert_eq!(r.code, 0, "{ctx}: {r:?}");
            assert!(
                r.stderr.contains(case.arg),
                "{ctx}: stderr names the file: {r:?}"
            );
            assert!(
                r.stderr.contains(case.says),
                "{ctx}: stderr says {:?}: {r:?}",
                case.says
            );
            assert!(r.stderr.contains("skipped"), "{ctx}: {r:?}");
            let records = jsonl(&r.stdout);
            assert!(!records.is_empty(), "{ctx}: {r:?}");
            assert!(
                records.iter().all(|c| c["path"] == "good.md"),
                "{ctx}: only good.md has claims: {r:?}"
            );
            assert!(
                records
                    .iter()
                    .any(|c| c["text"] == "US$108 billion" && c["value"] == "108000000000"),
                "{ctx}: {r:?}"
            );
        }

        // check: runs on the good file, exit 0 (it has no error), summary of one file.
        let r =
            run(figcheck_in(dir.path()).args(["check", "--format", "json", "good.md", case.arg]));
        assert_no_panic(&r);
        assert_eq!(r.code, 0, "{}: {r:?}", case.what);
        assert!(r.stderr.contains(case.arg), "{}: {r:?}", case.what);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["summary"]["files"], 1, "{}: {r:?}", case.what);
        assert_eq!(v["summary"]["skipped"], 1, "{}: {r:?}", case.what);

        // human check, too.
        let r = run(figcheck_in(dir.path()).args(["check", "good.md", case.arg]));
        assert_no_panic(&r);
        assert_eq!(r.code, 0, "{}: {r:?}", case.what);
        assert!(
            r.stdout.contains("figcheck: 1 file, "),
            "{}: {r:?}",
            case.what
        );
        assert!(
            r.stdout.contains(", 1 file skipped"),
            "{}: {r:?}",
            case.what
        );

        // The bad file alone: the run fails, naming it.
        let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", case.arg]));
        assert_no_panic(&r);
        assert_eq!(r.code, 2, "{} alone: {r:?}", case.what);
        assert!(r.stderr.contains(case.arg), "{} alone: {r:?}", case.what);

        assert_eq!(
            snapshot(dir.path()),
            before,
            "{}: inputs changed",
            case.what
        );
    }
}

#[test]
fn folder_with_good_and_bad_files() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "in/a-good.md", TRADE_ARTICLE.as_bytes());
    write(root, "in/b-binary.md", b"\0\0\0\0PNG");
    write(root, "in/c-latin.md", b"caf\xe9\n");
    write(root, "in/d-empty.md", b"");
    write(root, "in/e-yaml.md", b"---\ntitle: [unclosed\n---\nText");
    write(root, "in/f-open.md", b"---\ntitle: x\nText 5 things\n");
    write(root, "in/notes.rst", b"ignored");
    write(root, "in/sub/g-good.txt", b"Exports fell 3% in 2017.\n");
    let before = snapshot(root);

    let r = run(figcheck_in(root).args(["claims", "--format", "jsonl", "in"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    for bad in [
        "b-binary.md",
        "c-latin.md",
        "d-empty.md",
        "e-yaml.md",
        "f-open.md",
    ] {
        assert!(r.stderr.contains(bad), "{bad}: {r:?}");
    }
    assert!(!r.stderr.contains("notes.rst"), "{r:?}");
    let paths: BTreeSet<String> = jsonl(&r.stdout)
        .iter()
        .map(|c| s(&c["path"]).to_string())
        .collect();
    let want: BTreeSet<String> = [
        Path::new("in").join("a-good.md"),
        Path::new("in").join("sub").join("g-good.txt"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    assert_eq!(paths, want, "{r:?}");

    let r = run(figcheck_in(root).args(["check", "--format", "json", "in"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2);

    assert_eq!(snapshot(root), before, "inputs changed");
}

#[test]
fn examples_are_not_modified() {
    let root = manifest_dir().join("examples");
    let before = snapshot(&root);
    let _ = run(figcheck().args([
        "check",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ]));
    let _ = run(figcheck().args(["claims", "--format", "jsonl", "examples"]));
    assert_eq!(snapshot(&root), before);
}

// ───────────────────────── 5. unresolved dates ─────────────────────────

#[test]
fn undated_file_gets_fc101_and_date_override_resolves_it() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "undated.md",
        b"Trade rose to $108 billion last year.\n",
    );

    // Without a date: FC101, info, on "last year"; the money has no period.
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "json", "undated.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "an info is not an error: {r:?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let fc101: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "FC101")
        .collect();
    assert_eq!(fc101.len(), 1, "{r:?}");
    assert_eq!(fc101[0]["severity"], "info");
    assert_eq!(fc101[0]["rule"], "unresolved-date");
    assert_eq!(fc101[0]["claims"][0]["text"], "last year");
    assert_eq!(fc101[0]["claims"][0]["path"], "undated.md");
    assert_eq!(fc101[0]["claims"][0]["line"], 1);
    assert_eq!(fc101[0]["claims"][0]["column"], 28);
    assert_eq!(v["summary"]["infos"], 1);

    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "undated.md"]));
    let recs = jsonl(&r.stdout);
    let money = recs.iter().find(|c| c["kind"] == "money").unwrap();
    assert_eq!(money["period"], Value::Null, "{r:?}");
    assert!(money["unresolved"].is_string(), "{r:?}");

    // With --date: no FC101, and the period is 2018.
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "--format",
        "json",
        "--date",
        "undated.md=2019-05-28",
        "undated.md",
    ]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "FC101"),
        "{r:?}"
    );
    assert_eq!(v["summary"]["infos"], 0, "{r:?}");

    let r = run(figcheck_in(dir.path()).args([
        "claims",
        "--format",
        "jsonl",
        "--date",
        "undated.md=2019-05-28",
        "undated.md",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let recs = jsonl(&r.stdout);
    let money: Vec<&Value> = recs.iter().filter(|c| c["kind"] == "money").collect();
    assert_eq!(money.len(), 1, "{r:?}");
    assert_eq!(money[0]["text"], "$108 billion");
    assert_eq!(money[0]["value"], "108000000000");
    assert_eq!(money[0]["period"], "2018");
    assert_eq!(money[0]["measure"], "trade");
    assert_eq!(money[0]["unresolved"], Value::Null);
    let date = recs.iter().find(|c| c["kind"] == "date").unwrap();
    assert_eq!(date["text"], "last year");
    assert_eq!(date["value"], "2018");
    assert_eq!(date["period"], "2018");
}

#[test]
fn date_override_by_absolute_path_and_over_front_matter() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "undated.md",
        b"Trade rose to $108 billion last year.\n",
    );
    // Absolute path in --date, relative path as input: the same file.
    let r = run(figcheck_in(dir.path()).args([
        "claims",
        "--format",
        "jsonl",
        "--date",
        &format!("{}=2021-03-01", p.display()),
        "undated.md",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let recs = jsonl(&r.stdout);
    let money = recs.iter().find(|c| c["kind"] == "money").unwrap();
    assert_eq!(money["period"], "2020", "{r:?}");

    // --date wins over front matter.
    write(dir.path(), "dated.md", TRADE_ARTICLE.as_bytes());
    let r = run(figcheck_in(dir.path()).args([
        "claims",
        "--format",
        "jsonl",
        "--date",
        "dated.md=2011-07-01",
        "dated.md",
    ]));
    let recs = jsonl(&r.stdout);
    let money = recs.iter().find(|c| c["kind"] == "money").unwrap();
    assert_eq!(money["period"], "2010", "{r:?}");
}

// ───────────────────────── 6. determinism ─────────────────────────

fn stdout_with_threads(args: &[&str], threads: &str) -> (i32, Vec<u8>) {
    let out = figcheck()
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap(), out.stdout)
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let cases: &[&[&str]] = &[
        &[
            "check",
            "--format",
            "json",
            "examples/draft/draft.md",
            "--against",
            "examples/articles",
        ],
        &[
            "check",
            "--format",
            "json",
            "examples/articles",
            "examples/draft",
        ],
        &[
            "check",
            "examples/draft/draft.md",
            "--against",
            "examples/articles",
        ],
        &[
            "claims",
            "--format",
            "jsonl",
            "examples/articles",
            "examples/draft",
        ],
        &[
            "claims",
            "--format",
            "table",
            "examples/articles",
            "examples/draft",
        ],
    ];
    for args in cases {
        let (c1, one) = stdout_with_threads(args, "1");
        let (c4, four) = stdout_with_threads(args, "4");
        let (c4b, again) = stdout_with_threads(args, "4");
        assert!(one.len() > 100, "{args:?}: output too short");
        assert_eq!(c1, c4, "{args:?}: exit status");
        assert_eq!(c4, c4b, "{args:?}: exit status");
        assert!(one == four, "{args:?}: 1 thread and 4 threads differ");
        assert!(four == again, "{args:?}: two 4-thread runs differ");
    }
}

#[test]
fn input_order_is_output_order() {
    // Files given one by one come out in the order given, folders sorted.
    let (_, a) = stdout_with_threads(
        &[
            "claims",
            "--format",
            "jsonl",
            "examples/articles/05-beijing-2024.md",
            "examples/articles/01-express-preview.md",
        ],
        "4",
    );
    let a = String::from_utf8(a).unwrap();
    let paths: Vec<String> = jsonl(&a)
        .iter()
        .map(|c| s(&c["path"]).to_string())
        .collect();
    let first_01 = paths
        .iter()
        .position(|p| p.ends_with("01-express-preview.md"))
        .unwrap();
    assert!(paths[..first_01]
        .iter()
        .all(|p| p.ends_with("05-beijing-2024.md")));
    assert!(paths[first_01..]
        .iter()
        .all(|p| p.ends_with("01-express-preview.md")));
}

// ───────────────────────── 7. colour ─────────────────────────

#[test]
fn human_output_has_no_ansi_escapes_off_a_terminal() {
    let args = [
        "check",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ];
    // NO_COLOR set.
    let r = run(figcheck().args(args));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("FC201"), "{r:?}");
    assert!(
        !r.stdout.contains("\x1b["),
        "ANSI escape with NO_COLOR: {r:?}"
    );
    assert!(
        !r.stderr.contains("\x1b["),
        "ANSI escape with NO_COLOR: {r:?}"
    );

    // NO_COLOR unset, but stdout is a pipe.
    let r = run(figcheck()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "0")
        .args(args));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(!r.stdout.contains("\x1b["), "ANSI escape on a pipe: {r:?}");

    // Warnings about bad input on stderr, too.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.md", TRADE_ARTICLE.as_bytes());
    write(dir.path(), "yaml.md", b"---\ntitle: [unclosed\n---\nText");
    let r = run(figcheck_in(dir.path())
        .env_remove("NO_COLOR")
        .args(["check", "good.md", "yaml.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("yaml.md"), "{r:?}");
    assert!(!r.stderr.contains("\x1b["), "ANSI escape on a pipe: {r:?}");
    assert!(!r.stdout.contains("\x1b["), "ANSI escape on a pipe: {r:?}");
}

// ───────────────────── figures at the edge of Decimal ─────────────────────

/// Figures too precise or too large for a 96-bit decimal must not crash
/// the binary (a panic exits 101); the file is still read.
#[test]
fn overprecise_and_huge_figures_do_not_crash() {
    let cases: &[&str] = &[
        // 28 decimals.
        "Sales were $0.0000000000000000000000000001 in 2020.",
        // value × scale overflows.
        "Sales hit $100000000000000000 trillion.",
        // value + half a unit overflows.
        "Sales hit $79228162514264337593543950335.",
        // the sum rule overflows.
        "Exports were $50000000000000000000000000000 and imports $50000000000000000000000000000, a total of $1 in 2020.",
        // the change rule overflows.
        "Sales rose 5% to $50000000000000000000000000000 in 2020 from $0.0000000000000000000000001 in 2019.",
    ];
    let mut failures = Vec::new();
    for text in cases {
        let dir = TempDir::new().unwrap();
        write(
            dir.path(),
            "edge.md",
            format!("---\ndate: 2021-01-05\n---\n{text}\n").as_bytes(),
        );
        let claims = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "edge.md"]));
        if claims.code != 0 || claims.stderr.contains("panicked") {
            failures.push(format!("claims on {text:?}: exit {}", claims.code));
        }
        let check = run(figcheck_in(dir.path()).args(["check", "--format", "json", "edge.md"]));
        if !(check.code == 0 || check.code == 1) || check.stderr.contains("panicked") {
            failures.push(format!("check on {text:?}: exit {}", check.code));
        } else {
            let v: Value = serde_json::from_str(&check.stdout).unwrap();
            if v["summary"]["files"] != 1 {
                failures.push(format!("check on {text:?}: {}", v["summary"]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ───────────── long files and run-on sentences: output bounded ─────────────

/// One "sentence" of 600 figures on one line (a page scraped with no full
/// stops): each claim carries only the words around its figure, with the
/// whole sentence's offsets, and no line of the human report repeats the
/// whole line.
#[test]
fn run_on_sentence_output_is_bounded_per_figure() {
    let dir = TempDir::new().unwrap();
    let head = "---\ndate: 2024-01-10\n---\nOfficially, ";
    let body: String = (0..600)
        .map(|i| format!("sales in region {i} rose by {} per cent and ", i % 50 + 1))
        .collect();
    let text = format!("{head}{body}that was all.\n");
    write(dir.path(), "runon.md", text.as_bytes());

    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "runon.md"]));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{}", &r.stderr);
    let records = jsonl(&r.stdout);
    let percents: Vec<&Value> = records
        .iter()
        .filter(|c| s(&c["kind"]) == "percent")
        .collect();
    assert_eq!(percents.len(), 600);
    let sentence_start = head.len() - "Officially, ".len();
    for c in &percents {
        assert_eq!(u(&c["sentence_start"]), sentence_start);
        assert_eq!(u(&c["sentence_end"]), text.len() - 1);
        let shown = s(&c["sentence"]);
        assert!(shown.contains(s(&c["text"])), "{shown}");
        assert!(
            shown.len() <= 800 + s(&c["text"]).len(),
            "{} bytes",
            shown.len()
        );
    }
    // All ASCII: the column is the byte distance from the line start.
    let last = percents[599];
    assert_eq!(u(&last["column"]), u(&last["start"]) - sentence_start + 1);

    let r = run(figcheck_in(dir.path()).args(["check", "runon.md"]));
    assert_no_panic(&r);
    let widest = r.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(widest <= 2 * 1000 + 200, "a report line of {widest} bytes");
}

/// Two thousand paragraphs read as two thousand times one: the same
/// figures, each on its own line.
#[test]
fn long_file_reads_every_paragraph_alike() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from("---\ndate: 2024-01-10\n---\n");
    for i in 0..2000 {
        text.push_str(&format!(
            "In district {i}, exports rose 3.5% to $12 billion in 2023.\n\n"
        ));
    }
    write(dir.path(), "long.md", text.as_bytes());
    let r = run(figcheck_in(dir.path()).args(["claims", "--format", "jsonl", "long.md"]));
    assert_no_panic(&r);
    let records = jsonl(&r.stdout);
    let rates: Vec<&Value> = records.iter().filter(|c| s(&c["text"]) == "3.5%").collect();
    assert_eq!(rates.len(), 2000);
    for (n, c) in rates.iter().enumerate() {
        assert_eq!(u(&c["line"]), 4 + 2 * n);
        assert_eq!(s(&c["period"]), "2023");
        assert_eq!(s(&c["measure"]), "exports");
    }
}

#[test]
fn completions_and_manual_page_come_from_the_argument_definitions() {
    let r = run(figcheck().args(["completions", "bash"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("_figcheck() {"), "{r:?}");
    // Every subcommand and an option of `check` are completed.
    for word in [
        "check",
        "claims",
        "report",
        "review",
        "rules",
        "explain",
        "--against",
        "--write-baseline",
    ] {
        assert!(r.stdout.contains(word), "bash completion lacks {word}");
    }
    let r = run(figcheck().args(["man"]));
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[2],
        format!(
            ".TH figcheck 1  \"figcheck {}\" ",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(lines[4], "figcheck \\- Check the figures in news writing");
    assert!(r.stdout.contains("figcheck\\-check(1)"), "{r:?}");
    let r = run(figcheck().args(["completions", "nushell"]));
    assert_eq!(r.code, 2, "{r:?}");
}
