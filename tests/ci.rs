//! End-to-end tests of figcheck as CI runs it: every `check` output format,
//! SARIF against the official 2.1.0 schema, figcheck.toml discovery and
//! keys, rule selection, inline suppressions, baselines, the reporting
//! flags, and the example workflow and config in `examples/ci/`.
//!
//! Most tests write a two-file fixture to a temporary folder: a.md and b.md
//! give Japan's 2023 exports to the US as ¥20.3 trillion and ¥23.0
//! trillion, which is exactly one FC201 error (figure-conflict).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

// ───────────────────────────── helpers ─────────────────────────────

const A_HEAD: &str = "---\ntitle: A\ndate: 2024-01-25\n---\n";
const A_FIGURE_LINE: &str = "TOKYO -- Japan's exports to the United States rose to ¥20.3 trillion last year, the finance ministry said on Thursday.";
const B_MD: &str = "---\ntitle: B\ndate: 2024-02-02\n---\nA weak yen helped Japanese exporters, whose sales to the US climbed to a record ¥23.0 trillion in 2023.\n";

/// The FC201 message for the fixture (b.md is the later file, so its
/// figure is the flagged one).
const FC201_MESSAGE: &str =
    "exports to us for 2023: ¥23.0 trillion (b.md) conflicts with ¥20.3 trillion (a.md)";

fn a_md() -> String {
    format!("{A_HEAD}{A_FIGURE_LINE}\n")
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root, colour off.
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

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("figcheck runs");
    let r = Run {
        code: out
            .status
            .code()
            .expect("figcheck exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!r.stderr.contains("panicked"), "figcheck panicked:\n{r:?}");
    r
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

/// A temporary folder holding a.md and b.md.
fn fixture() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", &a_md());
    write(dir.path(), "b.md", B_MD);
    dir
}

/// The fixture with a.md's body (after the front matter) replaced.
fn fixture_with_a_body(body: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", &format!("{A_HEAD}{body}"));
    write(dir.path(), "b.md", B_MD);
    dir
}

fn parse_json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{r:?}"))
}

/// `check --format json ARGS` in `dir`.
fn check_json_in(dir: &Path, args: &[&str]) -> (Run, Value) {
    let r = run(figcheck_in(dir)
        .args(["check", "--format", "json"])
        .args(args));
    let v = parse_json(&r);
    (r, v)
}

fn s(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

fn u(v: &Value) -> usize {
    v.as_u64()
        .unwrap_or_else(|| panic!("expected a number, got {v}")) as usize
}

fn findings(v: &Value) -> &Vec<Value> {
    v["findings"].as_array().expect("findings is an array")
}

fn with_code<'a>(v: &'a Value, code: &str) -> Vec<&'a Value> {
    findings(v).iter().filter(|f| f["code"] == code).collect()
}

fn codes(v: &Value) -> Vec<String> {
    findings(v)
        .iter()
        .map(|f| s(&f["code"]).to_string())
        .collect()
}

/// 1-based character column of `needle` on the line of `text` holding it.
fn char_column(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (i + 1, line[..byte].chars().count() + 1);
        }
    }
    panic!("{needle:?} not in {text:?}")
}

/// Every rule code `figcheck rules` lists.
fn rule_codes() -> Vec<String> {
    let r = run(figcheck().arg("rules"));
    assert_eq!(r.code, 0, "{r:?}");
    let codes: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(codes.len() >= 10, "figcheck rules lists the codes:\n{r:?}");
    assert!(codes.iter().all(|c| c.starts_with("FC")), "{codes:?}");
    codes
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

/// The official SARIF 2.1.0 schema (draft-04, self-contained).
fn sarif_validator() -> jsonschema::Validator {
    let path = manifest_dir().join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the SARIF schema compiles: {e}"))
}

fn assert_valid_sarif(sarif: &Value, what: &str) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: SARIF fails the 2.1.0 schema:\n{}",
        errors.join("\n")
    );
}

// ─────────────────────────── 1. formats ───────────────────────────

#[test]
fn format_human() {
    let dir = fixture();
    let (_, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    let claims = u(&v["summary"]["claims"]);
    let r = run(figcheck_in(dir.path()).args(["check", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("FC201"), "{r:?}");
    assert!(r.stdout.contains("figure-conflict"), "{r:?}");
    assert!(r.stdout.contains("b.md:5:"), "{r:?}");
    assert!(r.stdout.contains("a.md:5:"), "{r:?}");
    let last = r.stdout.lines().last().unwrap();
    assert!(last.starts_with("figcheck: 2 files, "), "{r:?}");
    assert_eq!(
        last,
        format!("figcheck: 2 files, {claims} claims: 1 error, 0 warnings, 0 infos")
    );
    assert!(
        !r.stdout.contains('\x1b'),
        "no colour off a terminal:\n{r:?}"
    );
}

#[test]
fn format_json() {
    let dir = fixture();
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    let all = findings(&v);
    assert_eq!(all.len(), 1, "{r:?}");
    let f = &all[0];
    assert_eq!(f["code"], "FC201");
    assert_eq!(f["rule"], "figure-conflict");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], FC201_MESSAGE);
    let fp = s(&f["fingerprint"]);
    assert_eq!(fp.len(), 16, "{fp}");
    assert!(fp.chars().all(|c| c.is_ascii_hexdigit()), "{fp}");

    let claims = f["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{f}");
    let at = |path: &str| -> &Value {
        claims
            .iter()
            .find(|c| c["path"] == path)
            .unwrap_or_else(|| panic!("no claim in {path}: {f}"))
    };
    let a = at("a.md");
    let b = at("b.md");
    assert_eq!(claims[0]["path"], "b.md", "the flagged claim comes first");
    assert_eq!(u(&a["line"]), 5);
    assert_eq!(u(&b["line"]), 5);
    assert_eq!(a["text"], "¥20.3 trillion");
    assert_eq!(b["text"], "¥23.0 trillion");
    assert_eq!(a["value"], "20300000000000");
    assert_eq!(b["value"], "23000000000000");
    assert_eq!(a["unit"], "JPY");
    assert_eq!(b["period"], "2023");
    assert_eq!(u(&a["column"]), char_column(&a_md(), "¥20.3 trillion").1);
    assert_eq!(u(&b["column"]), char_column(B_MD, "¥23.0 trillion").1);

    let sum = &v["summary"];
    assert_eq!(u(&sum["files"]), 2);
    assert_eq!(u(&sum["errors"]), 1);
    assert_eq!(u(&sum["warnings"]), 0);
    assert_eq!(u(&sum["infos"]), 0);
    assert_eq!(u(&sum["suppressed"]), 0);
    assert_eq!(u(&sum["baselined"]), 0);
}

#[test]
fn format_jsonl() {
    let dir = fixture();
    let (_, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "jsonl", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        findings(&v).len(),
        "one line per finding:\n{r:?}"
    );
    assert_eq!(lines.len(), 1, "{r:?}");
    assert!(r.stdout.ends_with('\n'));
    for (line, expected) in lines.iter().zip(findings(&v)) {
        let got: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line:?}: {e}"));
        assert_eq!(got["code"], "FC201");
        assert_eq!(&got, expected, "a jsonl line is the json finding");
    }

    // Several findings: one line each (1 March 2024 was a Friday).
    let c = "---\ndate: 2024-03-01\n---\nThe meeting took place on Thursday, 1 March 2024.\n";
    write(dir.path(), "c.md", c);
    let (_, v) = check_json_in(dir.path(), &["a.md", "b.md", "c.md"]);
    let r =
        run(figcheck_in(dir.path()).args(["check", "--format", "jsonl", "a.md", "b.md", "c.md"]));
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect();
    assert!(findings(&v).len() >= 2, "{v}");
    assert_eq!(lines.len(), findings(&v).len(), "{r:?}");
    assert!(lines.iter().all(|f| f["code"].is_string()), "{r:?}");
}

#[test]
fn format_compact() {
    let dir = fixture();
    let (_, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    let claims = u(&v["summary"]["claims"]);
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "compact", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    let (line, col) = char_column(B_MD, "¥23.0 trillion");
    assert_eq!((line, col), (5, 81));
    assert_eq!(
        r.stdout,
        format!(
            "b.md:{line}:{col}: FC201 {FC201_MESSAGE}\n\
             figcheck: 2 files, {claims} claims: 1 error, 0 warnings, 0 infos\n"
        )
    );
}

#[test]
fn format_github() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "github", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one annotation, no summary:\n{r:?}");
    let l = lines[0];
    assert!(l.starts_with("::error file="), "{l}");
    assert!(l.contains(",line=5,"), "{l}");
    assert!(l.contains(",col="), "{l}");
    assert!(l.contains(",title=FC201 figure-conflict::"), "{l}");
    let col = char_column(B_MD, "¥23.0 trillion").1;
    assert_eq!(
        l,
        format!("::error file=b.md,line=5,col={col},title=FC201 figure-conflict::{FC201_MESSAGE}")
    );

    // Severities map to error / warning / notice.
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "--format",
        "github",
        "--severity",
        "FC201=warning",
        "a.md",
        "b.md",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("::warning file=b.md,line=5,"), "{r:?}");
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "--format",
        "github",
        "--severity",
        "FC201=info",
        "a.md",
        "b.md",
    ]));
    assert!(r.stdout.starts_with("::notice file=b.md,line=5,"), "{r:?}");
}

#[test]
fn format_sarif() {
    let dir = fixture();
    let (_, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "sarif", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    let sarif = parse_json(&r);
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "figcheck");

    let rule_ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| s(&r["id"]))
        .collect();
    for code in rule_codes() {
        assert!(
            rule_ids.contains(&code.as_str()),
            "{code} missing from {rule_ids:?}"
        );
    }

    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{r:?}");
    let res = &results[0];
    assert_eq!(res["ruleId"], "FC201");
    assert_eq!(res["level"], "error");
    assert_eq!(res["message"]["text"], FC201_MESSAGE);
    let index = u(&res["ruleIndex"]);
    assert_eq!(rule_ids[index], "FC201", "ruleIndex points at FC201");

    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "b.md");
    let region = &loc["region"];
    let col = char_column(B_MD, "¥23.0 trillion").1;
    assert_eq!(u(&region["startLine"]), 5);
    assert_eq!(u(&region["startColumn"]), col);
    assert_eq!(u(&region["endLine"]), 5);
    assert_eq!(
        u(&region["endColumn"]),
        col + "¥23.0 trillion".chars().count(),
        "endColumn is the character after the region"
    );
    assert_eq!(region["snippet"]["text"], "¥23.0 trillion");

    let related = res["relatedLocations"]
        .as_array()
        .expect("relatedLocations");
    assert!(!related.is_empty());
    let other = &related[0]["physicalLocation"];
    assert_eq!(other["artifactLocation"]["uri"], "a.md");
    assert_eq!(u(&other["region"]["startLine"]), 5);
    assert_eq!(
        u(&other["region"]["startColumn"]),
        char_column(&a_md(), "¥20.3 trillion").1
    );

    let fps = res["partialFingerprints"]
        .as_object()
        .expect("partialFingerprints");
    assert!(!fps.is_empty());
    let fp = fps.values().next().unwrap();
    assert_eq!(
        fp,
        &findings(&v)[0]["fingerprint"],
        "same fingerprint as json"
    );
}

// ──────────────────────── 2. SARIF schema ────────────────────────

#[test]
fn sarif_schema_rejects_a_broken_document() {
    // The validator is live: a document missing `version` fails.
    let broken = serde_json::json!({ "runs": [] });
    assert!(sarif_validator().iter_errors(&broken).next().is_some());
}

#[test]
fn sarif_of_the_fixture_matches_the_schema() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "sarif", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert_valid_sarif(&parse_json(&r), "fixture");
}

#[test]
fn sarif_of_draft_against_articles_matches_the_schema() {
    let r = run(figcheck().args([
        "check",
        "--format",
        "sarif",
        "examples/draft/draft.md",
        "--against",
        "examples/articles",
    ]));
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    let sarif = parse_json(&r);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "FC203"),
        "the draft has unsupported figures"
    );
    assert_valid_sarif(&sarif, "draft --against articles");
}

#[test]
fn sarif_with_no_findings_matches_the_schema() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "sarif", "a.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    let sarif = parse_json(&r);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_valid_sarif(&sarif, "no findings");
}

// ─────────────────────────── 3. config ───────────────────────────

#[test]
fn config_is_discovered_from_a_subfolder() {
    let dir = fixture();
    write(
        dir.path(),
        "figcheck.toml",
        "[severity]\nFC201 = \"warning\"\n",
    );
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();

    let (r, v) = check_json_in(&sub, &["../a.md", "../b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(codes(&v), ["FC201"]);
    assert_eq!(findings(&v)[0]["severity"], "warning");
    assert_eq!(u(&v["summary"]["warnings"]), 1);
    assert_eq!(u(&v["summary"]["errors"]), 0);

    // --verbose names the config file found.
    let r = run(figcheck_in(&sub).args(["check", "--verbose", "../a.md", "../b.md"]));
    assert!(
        r.stderr.contains("figcheck: config ") && r.stderr.contains("figcheck.toml"),
        "{r:?}"
    );
}

#[test]
fn no_config_ignores_the_discovered_file() {
    let dir = fixture();
    write(
        dir.path(),
        "figcheck.toml",
        "[severity]\nFC201 = \"warning\"\n",
    );
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let (r, v) = check_json_in(&sub, &["--no-config", "../a.md", "../b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(findings(&v)[0]["severity"], "error");
}

#[test]
fn explicit_config_wins_over_the_discovered_one() {
    let dir = fixture();
    write(
        dir.path(),
        "figcheck.toml",
        "[severity]\nFC201 = \"warning\"\n",
    );
    write(dir.path(), "other.toml", "[severity]\nFC201 = \"info\"\n");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let (r, v) = check_json_in(&sub, &["--config", "../other.toml", "../a.md", "../b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(findings(&v)[0]["severity"], "info");
    assert_eq!(u(&v["summary"]["infos"]), 1);
}

#[test]
fn unknown_config_key_exits_2_naming_key_file_and_line() {
    // Given with --config.
    let dir = fixture();
    write(dir.path(), "bad.toml", "date = \"auto\"\ncolour = 1\n");
    let r = run(figcheck_in(dir.path()).args(["check", "--config", "bad.toml", "a.md", "b.md"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("colour"), "{r:?}");
    assert!(r.stderr.contains("bad.toml"), "{r:?}");
    assert!(
        r.stderr.contains("bad.toml:2:1"),
        "points at line 2:\n{r:?}"
    );
    assert!(r.stdout.is_empty(), "{r:?}");

    // Discovered.
    let dir = fixture();
    write(dir.path(), "figcheck.toml", "colour = 1\n");
    let r = run(figcheck_in(dir.path()).args(["check", "a.md", "b.md"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("colour"), "{r:?}");
    assert!(r.stderr.contains("figcheck.toml"), "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
}

#[test]
fn config_paths_are_checked_when_none_are_given() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.md", &a_md());
    write(dir.path(), "articles/b.md", B_MD);
    write(dir.path(), "other/c.md", "Nothing to see: 42 ducks.\n");
    write(dir.path(), "figcheck.toml", "paths = [\"articles\"]\n");

    for cwd in [dir.path().to_path_buf(), dir.path().join("other")] {
        let (r, v) = check_json_in(&cwd, &[]);
        assert_eq!(r.code, 1, "from {}: {r:?}", cwd.display());
        assert_eq!(u(&v["summary"]["files"]), 2, "{r:?}");
        assert_eq!(codes(&v), ["FC201"]);
        let paths: Vec<&str> = findings(&v)[0]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| s(&c["path"]))
            .collect();
        assert!(paths[0].ends_with("articles/b.md"), "{paths:?}");
        assert!(paths[1].ends_with("articles/a.md"), "{paths:?}");
    }

    // PATHS on the command line win over the config's.
    let (r, v) = check_json_in(dir.path(), &["articles/a.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(u(&v["summary"]["files"]), 1);
}

#[test]
fn config_exclude_removes_files() {
    let dir = fixture();
    write(dir.path(), "figcheck.toml", "exclude = [\"**/b.md\"]\n");
    let r = run(figcheck_in(dir.path()).args(["check", "a.md", "b.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("figcheck: 1 file, "), "{r:?}");
    assert!(!r.stdout.contains("FC201"), "{r:?}");

    // Also when reading a folder.
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(u(&parse_json(&r)["summary"]["files"]), 1, "{r:?}");
}

/// The README's own example: the config's `paths` and an `exclude` under
/// them, run with no arguments, from the config's folder and from below it.
#[test]
fn config_exclude_applies_to_config_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.md", &a_md());
    write(dir.path(), "articles/archive/b.md", B_MD);
    write(
        dir.path(),
        "figcheck.toml",
        "paths = [\"articles\"]\nexclude = [\"articles/archive/**\"]\n",
    );
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for from in [dir.path().to_path_buf(), dir.path().join("sub")] {
        let (r, v) = check_json_in(&from, &[]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(u(&v["summary"]["files"]), 1, "{r:?}");
    }
}

// ────────────────────────── 4. selection ──────────────────────────

#[test]
fn select_a_prefix_drops_other_rules() {
    let dir = fixture();
    let (r, v) = check_json_in(dir.path(), &["--select", "FC3", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(with_code(&v, "FC201").is_empty(), "{r:?}");

    let (r, v) = check_json_in(dir.path(), &["--select", "FC3,FC2", "a.md", "b.md"]);
    assert_eq!(r.code, 1, "comma list: {r:?}");
    assert_eq!(codes(&v), ["FC201"]);
}

#[test]
fn ignore_by_rule_name() {
    let dir = fixture();
    let (r, v) = check_json_in(dir.path(), &["--ignore", "figure-conflict", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(findings(&v).is_empty(), "{r:?}");
    let (r, _) = check_json_in(dir.path(), &["--ignore", "FC201", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn severity_override_to_info_and_off() {
    let dir = fixture();
    let (r, v) = check_json_in(dir.path(), &["--severity", "FC201=info", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(codes(&v), ["FC201"]);
    assert_eq!(findings(&v)[0]["severity"], "info");
    assert_eq!(u(&v["summary"]["infos"]), 1);
    assert_eq!(u(&v["summary"]["errors"]), 0);

    let (r, v) = check_json_in(dir.path(), &["--severity", "FC201=off", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(findings(&v).is_empty(), "{r:?}");

    // Rule names work too, and the command line beats the config.
    write(dir.path(), "figcheck.toml", "[severity]\nFC201 = \"off\"\n");
    let (r, v) = check_json_in(
        dir.path(),
        &["--severity", "figure-conflict=error", "a.md", "b.md"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201"]);
}

#[test]
fn unknown_selectors_exit_2() {
    let dir = fixture();
    for args in [
        &["--select", "XX9"][..],
        &["--ignore", "XX9"],
        &["--severity", "XX9=off"],
        &["--severity", "FC201=loud"],
    ] {
        let r = run(figcheck_in(dir.path())
            .arg("check")
            .args(args)
            .args(["a.md", "b.md"]));
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stdout.is_empty(), "{args:?}: {r:?}");
        assert!(!r.stderr.is_empty(), "{args:?}: {r:?}");
    }
    let r = run(figcheck_in(dir.path()).args(["check", "--select", "XX9", "a.md", "b.md"]));
    assert!(r.stderr.contains("XX9"), "{r:?}");
}

// ──────────────────────── 5. suppressions ────────────────────────

#[test]
fn every_suppression_form_silences_the_finding() {
    let forms = [
        (
            "comment on the line before",
            format!("<!-- figcheck-ignore FC201 -->\n{A_FIGURE_LINE}\n"),
        ),
        (
            "comment at the end of the line",
            format!("{A_FIGURE_LINE} <!-- figcheck-ignore FC201 -->\n"),
        ),
        (
            "bare comment on the line",
            format!("{A_FIGURE_LINE} <!-- figcheck-ignore -->\n"),
        ),
        (
            "bare comment on the line before",
            format!("<!-- figcheck-ignore -->\n{A_FIGURE_LINE}\n"),
        ),
        (
            "several codes",
            format!("<!-- figcheck-ignore FC301, FC201 -->\n{A_FIGURE_LINE}\n"),
        ),
    ];
    for (what, body) in forms {
        let dir = fixture_with_a_body(&body);
        let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
        assert_eq!(r.code, 0, "{what}: {r:?}");
        assert!(findings(&v).is_empty(), "{what}: {r:?}");
        assert_eq!(u(&v["summary"]["suppressed"]), 1, "{what}: {r:?}");
        let r = run(figcheck_in(dir.path()).args(["check", "a.md", "b.md"]));
        assert_eq!(r.code, 0, "{what}: {r:?}");
        assert!(r.stdout.ends_with(", 1 suppressed\n"), "{what}: {r:?}");
    }
}

#[test]
fn suppression_with_the_wrong_code_does_not_silence_and_is_reported() {
    let dir = fixture_with_a_body(&format!(
        "<!-- figcheck-ignore FC301 -->\n{A_FIGURE_LINE}\n"
    ));
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201", "FC001"], "{r:?}");
    assert_eq!(u(&v["summary"]["suppressed"]), 0);
    let fc001 = with_code(&v, "FC001")[0];
    assert_eq!(fc001["severity"], "warning");
    assert_eq!(fc001["rule"], "unused-suppression");
    assert_eq!(
        fc001["message"],
        "this figcheck-ignore FC301 silences no finding"
    );
    assert_eq!(fc001["claims"][0]["path"], "a.md");
    assert_eq!(u(&fc001["claims"][0]["line"]), 5, "the comment's line");
    assert_eq!(u(&fc001["claims"][0]["column"]), 1);
    // The figure moved down a line.
    assert_eq!(u(&with_code(&v, "FC201")[0]["claims"][1]["line"]), 6);

    let r = run(figcheck_in(dir.path()).args(["check", "--format", "compact", "a.md", "b.md"]));
    assert!(
        r.stdout
            .lines()
            .any(|l| l == "a.md:5:1: FC001 this figcheck-ignore FC301 silences no finding"),
        "{r:?}"
    );
}

#[test]
fn suppression_on_a_line_with_no_finding_is_fc001() {
    let body = format!("{A_FIGURE_LINE}\n\nNothing here. <!-- figcheck-ignore FC201 -->\n");
    let dir = fixture_with_a_body(&body);
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "the conflict is still there: {r:?}");
    assert_eq!(codes(&v), ["FC201", "FC001"], "{r:?}");
    let fc001 = with_code(&v, "FC001")[0];
    assert_eq!(fc001["severity"], "warning");
    assert_eq!(u(&fc001["claims"][0]["line"]), 7);
    assert_eq!(
        u(&fc001["claims"][0]["column"]),
        "Nothing here. ".chars().count() + 1
    );

    // A blank line between comment and figure is too far.
    let body = format!("<!-- figcheck-ignore FC201 -->\n\n{A_FIGURE_LINE}\n");
    let dir = fixture_with_a_body(&body);
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201", "FC001"], "{r:?}");
    assert_eq!(u(&with_code(&v, "FC001")[0]["claims"][0]["line"]), 5);

    // FC001 can itself be selected away.
    let (r, v) = check_json_in(dir.path(), &["--ignore", "FC001", "a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201"], "{r:?}");
}

// ────────────────────────── 6. baseline ──────────────────────────

#[test]
fn baseline_write_then_use() {
    let dir = fixture();
    let (_, before) = check_json_in(dir.path(), &["a.md", "b.md"]);
    let fingerprint = s(&findings(&before)[0]["fingerprint"]).to_string();

    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "--write-baseline",
        "base.toml",
        "--reason",
        "two agencies differ",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("figcheck: wrote 1 finding to base.toml"),
        "{r:?}"
    );

    let text = std::fs::read_to_string(dir.path().join("base.toml")).unwrap();
    assert!(text.contains(&fingerprint), "{text}");
    assert!(text.contains("FC201"), "{text}");
    assert!(text.contains("two agencies differ"), "{text}");
    let parsed: toml::Value = toml::from_str(&text).expect("the baseline is TOML");
    let entries = parsed["finding"].as_array().expect("[[finding]] entries");
    assert_eq!(entries.len(), 1, "{text}");
    assert_eq!(
        entries[0]["fingerprint"].as_str(),
        Some(fingerprint.as_str())
    );
    assert_eq!(entries[0]["code"].as_str(), Some("FC201"));
    assert_eq!(entries[0]["reason"].as_str(), Some("two agencies differ"));

    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "--baseline", "base.toml"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 1, "{r:?}");
    assert_eq!(u(&v["summary"]["errors"]), 0, "{r:?}");
    assert!(
        findings(&v).iter().all(|f| f["severity"] != "error"),
        "{r:?}"
    );
    let r = run(figcheck_in(dir.path()).args(["check", "a.md", "b.md", "--baseline", "base.toml"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.ends_with(", 1 in baseline\n"), "{r:?}");
}

#[test]
fn baseline_survives_lines_moving_but_not_a_changed_figure() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "--write-baseline",
        "base.toml",
        "--reason",
        "two agencies differ",
    ]));
    assert_eq!(r.code, 0, "{r:?}");

    // Three new paragraphs above the figure: it moves from line 5 to 11.
    let moved = format!(
        "{A_HEAD}Officials met in Tokyo.\n\nThe talks were cordial.\n\nMore talks are planned.\n\n{A_FIGURE_LINE}\n"
    );
    write(dir.path(), "a.md", &moved);
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "--no-config"]);
    assert_eq!(
        r.code, 1,
        "the conflict is still found without the baseline: {r:?}"
    );
    assert_eq!(u(&findings(&v)[0]["claims"][1]["line"]), 11, "{r:?}");
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "--baseline", "base.toml"]);
    assert_eq!(r.code, 0, "fingerprint survives line moves: {r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 1, "{r:?}");
    assert!(findings(&v).is_empty(), "{r:?}");

    // A different figure is a different finding.
    write(
        dir.path(),
        "a.md",
        &moved.replace("¥20.3 trillion", "¥20.9 trillion"),
    );
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "--baseline", "base.toml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201"], "{r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 0, "{r:?}");
    assert_eq!(findings(&v)[0]["claims"][1]["text"], "¥20.9 trillion");
}

/// A baseline written with the files in one order holds with them in
/// another, and with a further source that agrees with one side; a third
/// value is a new finding.
#[test]
fn baseline_ignores_order_and_agreeing_sources() {
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, day: u32, billions: u32| {
        write(
            dir.path(),
            name,
            &format!("---\ndate: 2019-06-{day:02}\n---\nTrade between China and Russia reached ${billions} billion in 2018.\n"),
        );
    };
    article("a.md", 6, 108);
    article("b.md", 7, 118);
    article("c.md", 8, 108);
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "c.md",
        "--no-config",
        "--write-baseline",
        "base.toml",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let baselined = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--no-config", "--baseline", "base.toml"]);
        let (r, v) = check_json_in(dir.path(), &all);
        (r.code, u(&v["summary"]["baselined"]), codes(&v))
    };
    assert_eq!(
        baselined(&["c.md", "b.md", "a.md"]),
        (0, 1, vec!["FC202".to_string()])
    );
    article("d.md", 9, 108);
    assert_eq!(
        baselined(&["d.md", "c.md", "b.md", "a.md"]),
        (0, 1, vec!["FC202".to_string()])
    );
    article("e.md", 9, 125);
    assert_eq!(
        baselined(&["a.md", "b.md", "c.md", "d.md", "e.md"]),
        (1, 0, vec!["FC201".to_string(), "FC202".to_string()])
    );
}

#[test]
fn baseline_from_config_is_used_automatically() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "--write-baseline",
        "base.toml",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let text = std::fs::read_to_string(dir.path().join("base.toml")).unwrap();
    assert!(
        text.contains("accepted when the baseline was written"),
        "default reason: {text}"
    );

    write(dir.path(), "figcheck.toml", "baseline = \"base.toml\"\n");
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 1, "{r:?}");
    assert!(findings(&v).is_empty(), "{r:?}");

    // --no-config drops it.
    let (r, _) = check_json_in(dir.path(), &["a.md", "b.md", "--no-config"]);
    assert_eq!(r.code, 1, "{r:?}");

    // A configured baseline that does not exist yet is not an error.
    write(dir.path(), "figcheck.toml", "baseline = \"missing.toml\"\n");
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 0, "{r:?}");
}

// ──────────────────────── 7. reporting flags ────────────────────────

#[test]
fn statistics_prints_counts_only() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--statistics", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stdout, "    1  FC201  figure-conflict\n");

    // Two rules: most first.
    let body = format!(
        "<!-- figcheck-ignore FC301 -->\n{A_FIGURE_LINE}\n\nNone. <!-- figcheck-ignore FC402 -->\n"
    );
    let dir = fixture_with_a_body(&body);
    let r = run(figcheck_in(dir.path()).args(["check", "--statistics", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stdout,
        "    2  FC001  unused-suppression\n    1  FC201  figure-conflict\n"
    );
}

#[test]
fn quiet_drops_summary_and_infos() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--quiet", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("FC201"), "errors are still shown: {r:?}");
    assert!(!r.stdout.contains("figcheck: "), "no summary line: {r:?}");

    let r =
        run(figcheck_in(dir.path())
            .args(["check", "--quiet", "--format", "compact", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
    assert!(r.stdout.starts_with("b.md:5:81: FC201 "), "{r:?}");

    for format in ["human", "compact", "github", "jsonl"] {
        let r = run(figcheck_in(dir.path()).args([
            "check",
            "--quiet",
            "--severity",
            "FC201=info",
            "--format",
            format,
            "a.md",
            "b.md",
        ]));
        assert_eq!(r.code, 0, "{format}: {r:?}");
        assert_eq!(
            r.stdout, "",
            "{format}: no info findings, no summary: {r:?}"
        );
    }
}

#[test]
fn exit_zero_keeps_the_error() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--exit-zero", "a.md", "b.md"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("FC201"), "{r:?}");
    assert!(r.stdout.contains(": 1 error, "), "{r:?}");
    let (r, v) = check_json_in(dir.path(), &["--exit-zero", "a.md", "b.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(u(&v["summary"]["errors"]), 1);
    assert_eq!(findings(&v)[0]["severity"], "error");
}

#[test]
fn verbose_names_each_file_read() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args(["check", "--verbose", "a.md", "b.md"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("figcheck: read a.md"), "{r:?}");
    assert!(r.stderr.contains("figcheck: read b.md"), "{r:?}");
    assert!(
        !r.stdout.contains("figcheck: read"),
        "verbose goes to stderr: {r:?}"
    );
}

// ──────────────────────── 8. date = required ────────────────────────

#[test]
fn date_required_reports_an_undated_file() {
    let dir = fixture();
    write(
        dir.path(),
        "c.md",
        "The council approved a budget of $4.2 million for the new library.\n",
    );
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "c.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(with_code(&v, "FC102").is_empty(), "off by default: {r:?}");

    write(dir.path(), "figcheck.toml", "date = \"required\"\n");
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md", "c.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    let fc102 = with_code(&v, "FC102");
    assert_eq!(fc102.len(), 1, "only c.md is undated: {r:?}");
    assert_eq!(fc102[0]["severity"], "error");
    assert_eq!(fc102[0]["rule"], "missing-date");
    assert!(s(&fc102[0]["message"]).contains("c.md"), "{r:?}");
    assert_eq!(fc102[0]["claims"][0]["path"], "c.md", "{r:?}");

    // The dated pair alone is fine on dates.
    let (r, v) = check_json_in(dir.path(), &["a.md", "b.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(codes(&v), ["FC201"]);
}

// ─────────────────────── 9. inputs untouched ───────────────────────

#[test]
fn inputs_are_never_written() {
    let body = format!("<!-- figcheck-ignore FC301 -->\n{A_FIGURE_LINE}\n");
    let dir = fixture_with_a_body(&body);
    write(
        dir.path(),
        "figcheck.toml",
        "[severity]\nFC001 = \"info\"\n",
    );
    let before = snapshot(dir.path());

    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "--write-baseline",
        "base.toml",
        "--reason",
        "r",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    for format in ["human", "json", "jsonl", "sarif", "github", "compact"] {
        let r = run(figcheck_in(dir.path()).args([
            "check",
            "--format",
            format,
            "--baseline",
            "base.toml",
            "a.md",
            "b.md",
        ]));
        assert_eq!(r.code, 0, "{format}: {r:?}");
    }

    let mut after = snapshot(dir.path());
    assert!(after.remove(&dir.path().join("base.toml")).is_some());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "only base.toml was added (no stray temporary files)"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} was modified", path.display());
    }
}

// ─────────────────────────── examples/ci ───────────────────────────

#[test]
fn example_config_parses() {
    let r = run(figcheck().args([
        "check",
        "--config",
        "examples/ci/figcheck.toml",
        "examples/articles",
    ]));
    assert!(
        r.code == 0 || r.code == 1,
        "examples/ci/figcheck.toml is accepted:\n{r:?}"
    );
    assert!(r.stdout.contains("figcheck: 5 files, "), "{r:?}");
}

/// The `figcheck ...` commands of the example workflow's `run:` steps, as
/// argument lists, with the output file of a `>` redirection.
fn workflow_commands() -> Vec<(Vec<String>, Option<String>)> {
    let path = manifest_dir().join("examples/ci/figcheck.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("run: figcheck "))
        .map(|cmd| {
            let (cmd, out) = match cmd.split_once('>') {
                Some((c, o)) => (c, Some(o.trim().to_string())),
                None => (cmd, None),
            };
            (cmd.split_whitespace().map(String::from).collect(), out)
        })
        .collect()
}

#[test]
fn example_workflow_has_the_documented_steps() {
    let text = std::fs::read_to_string(manifest_dir().join("examples/ci/figcheck.yml")).unwrap();
    for needle in [
        "push:",
        "pull_request:",
        "actions/checkout@",
        "dtolnay/rust-toolchain@stable",
        "cargo install --locked figcheck",
        "cargo install --locked --git <your figcheck repository URL>",
        "security-events: write",
        "github/codeql-action/upload-sarif@v3",
        "sarif_file: figcheck.sarif",
    ] {
        assert!(text.contains(needle), "figcheck.yml lacks {needle:?}");
    }
    assert!(!text.contains('\t'), "YAML has no tabs");
    let cmds = workflow_commands();
    let joined: Vec<String> = cmds.iter().map(|(a, _)| a.join(" ")).collect();
    assert!(
        joined
            .iter()
            .any(|c| c.starts_with("check --format github")),
        "{joined:?}"
    );
    assert!(
        cmds.iter()
            .any(|(a, out)| a.join(" ") == "check --format sarif --exit-zero"
                && out.as_deref() == Some("figcheck.sarif")),
        "{joined:?}"
    );
    let last = cmds.last().unwrap();
    assert!(
        last.0[0] == "check" && !last.0.iter().any(|a| a == "--exit-zero"),
        "the last step fails the job on errors: {joined:?}"
    );
}

/// A newsroom checkout: the example figcheck.toml at the root and the
/// fixture in articles/.
fn newsroom_checkout() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(manifest_dir().join("examples/ci/figcheck.toml")).unwrap();
    write(dir.path(), "figcheck.toml", &config);
    write(dir.path(), "articles/a.md", &a_md());
    write(dir.path(), "articles/b.md", B_MD);
    dir
}

#[test]
fn example_workflow_commands_run_in_a_checkout() {
    let dir = newsroom_checkout();
    let cmds = workflow_commands();
    assert_eq!(cmds.len(), 3, "{:?}", cmds);
    for (i, (args, out)) in cmds.iter().enumerate() {
        let r = run(figcheck_in(dir.path()).args(args));
        let last = i + 1 == cmds.len();
        assert_eq!(
            r.code,
            if last { 1 } else { 0 },
            "`figcheck {}`: {r:?}",
            args.join(" ")
        );
        assert!(
            r.stdout.contains("FC201"),
            "`figcheck {}`: {r:?}",
            args.join(" ")
        );
        if out.is_some() {
            assert_valid_sarif(&parse_json(&r), "the workflow's SARIF");
        }
    }
}

/// In CI the files come from `paths` in figcheck.toml. Annotations and
/// SARIF must name them relative to the repository root (the working
/// directory), or GitHub cannot place them on the pull request's files.
#[test]
fn config_paths_are_reported_relative_to_the_checkout() {
    let dir = newsroom_checkout();
    let r = run(figcheck_in(dir.path()).args(["check", "--format", "github", "--exit-zero"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.starts_with("::error file=articles/b.md,line=5,"),
        "annotation file= is repository-relative:\n{r:?}"
    );

    let r = run(figcheck_in(dir.path()).args(["check", "--format", "sarif", "--exit-zero"]));
    let sarif = parse_json(&r);
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "articles/b.md", "SARIF uri is repository-relative");
}

/// A baseline committed to the repository must still apply when the
/// repository is checked out elsewhere (a CI runner's workspace).
#[test]
fn baseline_from_config_paths_survives_a_new_checkout() {
    let here = newsroom_checkout();
    let r = run(figcheck_in(here.path()).args([
        "check",
        "--write-baseline",
        "figcheck-baseline.toml",
        "--reason",
        "two agencies differ",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let (r, _) = check_json_in(here.path(), &[]);
    assert_eq!(r.code, 0, "same checkout: {r:?}");

    let elsewhere = newsroom_checkout();
    let baseline = std::fs::read(here.path().join("figcheck-baseline.toml")).unwrap();
    std::fs::write(elsewhere.path().join("figcheck-baseline.toml"), baseline).unwrap();
    let (r, v) = check_json_in(elsewhere.path(), &[]);
    assert_eq!(r.code, 0, "another checkout of the same files: {r:?}");
    assert_eq!(u(&v["summary"]["baselined"]), 1, "{r:?}");
}

/// The same files named another way on the command line (a folder walk
/// yields `./a.md`) are the same findings for the baseline.
#[test]
fn baseline_matches_however_the_files_are_named() {
    let dir = fixture();
    let r = run(figcheck_in(dir.path()).args([
        "check",
        "a.md",
        "b.md",
        "--write-baseline",
        "base.toml",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let abs_a = dir.path().join("a.md").display().to_string();
    let abs_b = dir.path().join("b.md").display().to_string();
    for paths in [
        vec!["."],
        vec!["./a.md", "./b.md"],
        vec![abs_a.as_str(), abs_b.as_str()],
    ] {
        let mut args = vec!["--baseline", "base.toml"];
        args.extend(&paths);
        let (r, v) = check_json_in(dir.path(), &args);
        assert_eq!(u(&v["summary"]["baselined"]), 1, "check {paths:?}: {r:?}");
        assert_eq!(r.code, 0, "check {paths:?}: {r:?}");
    }
}

/// The pre-commit hook as the framework runs it: its `entry`, no file
/// names (`pass_filenames: false`), in the repository root. A staged draft
/// that contradicts a published article stops the commit, and the finding
/// points at the draft.
#[test]
fn pre_commit_hook_flags_a_conflicting_draft() {
    let hooks: Vec<serde_yaml_ng::Value> = serde_yaml_ng::from_str(
        &std::fs::read_to_string(manifest_dir().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("figcheck"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    assert_eq!(hook["types"][0].as_str(), Some("markdown"));
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "figcheck");

    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        "figcheck.toml",
        "paths = [\"articles\", \"drafts\"]\n",
    );
    write(
        repo.path(),
        "articles/published.md",
        "---\ndate: 2019-06-06\n---\nTrade between China and Russia reached $108 billion in 2018.\n",
    );
    write(
        repo.path(),
        "drafts/draft.md",
        "---\ndate: 2019-06-10\n---\nTrade between China and Russia reached $118 billion in 2018.\n",
    );
    let r = run(Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(&entry[1..])
        .current_dir(repo.path())
        .env("NO_COLOR", "1"));
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stdout.lines().next(),
        Some("drafts/draft.md:4:40: FC201 trade for 2018: $118 billion (drafts/draft.md) conflicts with $108 billion (articles/published.md)"),
        "{r:?}"
    );
}
