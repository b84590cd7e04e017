//! End-to-end tests of `figcheck review`, the report served on 127.0.0.1
//! with Accept / Dismiss buttons.
//!
//! - `browser_decisions_reach_the_file_and_check` drives the page in
//!   headless Chromium (tests/browser/review.mjs, playwright-core), then
//!   reads the decisions file and runs `figcheck check` on it. It needs
//!   `node`, Chromium (/usr/bin/chromium or $CHROMIUM) and
//!   `npm ci --prefix tests/browser`; without them it is skipped with a note
//!   on a developer machine and fails when `CI` is set (.ci/run installs
//!   them).
//! - The other tests speak HTTP/1.1 by hand over a `TcpStream` and need
//!   neither node nor a browser: the server must refuse requests that are not
//!   from its own page (token, Origin, Host) and must refuse malformed
//!   decisions without touching the file.
//!
//! Every server is started on port 0 in a temporary folder holding copies of
//! examples/draft/draft.md and examples/articles, and is killed when its
//! guard drops, also when a test fails. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// How long the server may take to print its address.
const STARTUP: Duration = Duration::from_secs(30);
/// How long one hand-written HTTP exchange may take.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the browser script may take.
const BROWSER: Duration = Duration::from_secs(120);

const DISMISS_REASON: &str = "two agencies differ";
const ACCEPT_REASON: &str = "checked with the desk";
const WHO: &str = "review-test-editor";

// ───────────────────────────── helpers ─────────────────────────────

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary folder with `draft.md` and `articles/` from examples/.
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = manifest_dir().join("examples");
    std::fs::copy(examples.join("draft/draft.md"), dir.path().join("draft.md")).unwrap();
    copy_dir(&examples.join("articles"), &dir.path().join("articles"));
    dir
}

const DECISIONS: &str = "decisions.toml";

/// The binary with a predictable environment.
fn figcheck(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_figcheck"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("FIGCHECK_USER", WHO)
        .env_remove("RAYON_NUM_THREADS");
    cmd
}

/// Read a pipe to the end on a thread, into a shared buffer.
fn drain(mut pipe: impl Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, thread::JoinHandle<()>) {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&buf);
    let handle = thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => sink.lock().unwrap().extend_from_slice(&chunk[..n]),
            }
        }
    });
    (buf, handle)
}

fn text_of(buf: &Arc<Mutex<Vec<u8>>>) -> String {
    String::from_utf8_lossy(&buf.lock().unwrap()).into_owned()
}

/// A running `figcheck review`; killed (and reaped) on drop.
struct Server {
    child: Child,
    url: String,
    port: u16,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `figcheck review draft.md --against articles --decisions decisions.toml`
    /// in `dir`, once it has printed its address.
    fn start(dir: &Path) -> Server {
        let mut child = figcheck(dir)
            .args([
                "review",
                "draft.md",
                "--against",
                "articles",
                "--decisions",
                DECISIONS,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("figcheck review starts");
        let (stderr, _) = drain(child.stderr.take().unwrap());
        let stdout = child.stdout.take().unwrap();
        // The guard exists before any wait, so the child dies on every path.
        let mut server = Server {
            child,
            url: String::new(),
            port: 0,
            stderr,
        };
        let line = first_line(stdout, STARTUP);
        let line = match line {
            Some(line) => line,
            None => {
                let status = server.child.try_wait().ok().flatten();
                panic!(
                    "figcheck review printed no address within {STARTUP:?} (exit status: {status:?}); stderr:\n{}",
                    text_of(&server.stderr)
                );
            }
        };
        let prefix = "figcheck review: http://127.0.0.1:";
        assert!(
            line.starts_with(prefix),
            "unexpected first line of figcheck review: {line:?}"
        );
        assert!(
            line.contains(&format!("(decisions go to {DECISIONS}; Ctrl-C stops)")),
            "first line does not name the decisions file: {line:?}"
        );
        let rest = &line[prefix.len()..];
        let port_text: String = rest.chars().take_while(char::is_ascii_digit).collect();
        assert!(
            rest[port_text.len()..].starts_with("/ "),
            "no URL in {line:?}"
        );
        server.port = port_text.parse().expect("a port number");
        assert_ne!(server.port, 0, "the server reports port 0: {line:?}");
        server.url = format!("http://127.0.0.1:{}/", server.port);
        server
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// GET / as the page would be fetched; the per-run token from
    /// `<main data-token="...">`.
    fn token(&self) -> String {
        let r = http(
            self.addr(),
            &format!(
                "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.host()
            ),
        );
        assert_eq!(r.status, 200, "GET /: {}", r.body);
        let main = r
            .body
            .find("<main")
            .map(|i| &r.body[i..])
            .expect("the page has a <main>");
        let tag = &main[..main.find('>').expect("<main> closes")];
        let start =
            tag.find("data-token=\"").expect("<main> has data-token") + "data-token=\"".len();
        let token = &tag[start..];
        let token = &token[..token.find('"').unwrap()];
        assert!(
            token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
            "token is not 128 bits of hex: {token:?}"
        );
        token.to_string()
    }

    /// POST /api/decision with the given extra header lines and body.
    fn post(&self, host: &str, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut req = format!("POST /api/decision HTTP/1.1\r\nHost: {host}\r\n");
        for (name, value) in headers {
            req.push_str(&format!("{name}: {value}\r\n"));
        }
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        http(self.addr(), &req)
    }

    /// A POST exactly as the page sends it: right Host, Origin and token.
    fn post_from_page(&self, token: &str, body: &str) -> HttpResponse {
        let origin = self.origin();
        self.post(
            &self.host(),
            &[("Origin", origin.as_str()), ("X-Figcheck-Token", token)],
            body,
        )
    }
}

/// The first line of `stdout`, or None if none came within `limit`. A
/// thread reads it (and then drains the rest, so the server never blocks
/// on a full pipe); the wait here is bounded.
fn first_line(stdout: ChildStdout, limit: Duration) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let got = reader.read_line(&mut line).ok().filter(|n| *n > 0);
        let _ = tx.send(got.map(|_| line.trim_end().to_string()));
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    rx.recv_timeout(limit).ok().flatten()
}

#[derive(Debug)]
struct HttpResponse {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 exchange over a fresh connection, bounded by HTTP_TIMEOUT.
fn http(addr: SocketAddr, request: &str) -> HttpResponse {
    let deadline = Instant::now() + HTTP_TIMEOUT;
    let mut stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    stream.set_write_timeout(Some(HTTP_TIMEOUT)).unwrap();
    stream.write_all(request.as_bytes()).expect("send request");
    stream.flush().unwrap();
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(done) = complete_length(&raw) {
            if raw.len() >= done {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no complete response within {HTTP_TIMEOUT:?}; got {:?}",
            String::from_utf8_lossy(&raw)
        );
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            // The server may reset after answering a request it refused.
            Err(_) if !raw.is_empty() => break,
            Err(e) => panic!("reading the response: {e}"),
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    HttpResponse {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// The total length of the response in `raw` once its head is complete and
/// it has a Content-Length; None while unknown (then read to EOF).
fn complete_length(raw: &[u8]) -> Option<usize> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&raw[..end]);
    let length = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    })?;
    Some(end + length)
}

/// The findings of `figcheck check --format json` in `dir`, with or without
/// the decisions file.
fn check_json(dir: &Path, decisions: bool) -> Value {
    let mut cmd = figcheck(dir);
    cmd.args(["check", "draft.md", "--against", "articles"]);
    if decisions {
        cmd.args(["--decisions", DECISIONS]);
    } else {
        // A file that does not exist: no decisions.
        cmd.args(["--decisions", "no-such-decisions.toml"]);
    }
    cmd.args(["--format", "json"]).stdin(Stdio::null());
    let out = cmd.output().expect("figcheck check runs");
    // 0: no errors, 1: errors found; anything else is a failed run.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "figcheck check failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "figcheck check --format json is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings is an array")
}

fn finding<'a>(report: &'a Value, fingerprint: &str) -> Option<&'a Value> {
    findings(report)
        .iter()
        .find(|f| f["fingerprint"] == fingerprint)
}

/// The first finding with this code, as `check` reports it.
fn first_with_code(report: &Value, code: &str) -> String {
    findings(report)
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} finding in the example"))["fingerprint"]
        .as_str()
        .unwrap()
        .to_string()
}

fn decision_body(fingerprint: &str, status: &str, reason: &str) -> String {
    serde_json::json!({ "fingerprint": fingerprint, "status": status, "reason": reason })
        .to_string()
}

/// The decisions file's bytes, or None if it does not exist.
fn file_state(dir: &Path) -> Option<Vec<u8>> {
    std::fs::read(dir.join(DECISIONS)).ok()
}

/// The names in `dir`, sorted: a refused request leaves no temporary file.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The `[[decision]]` entries of the decisions file.
fn read_decisions(dir: &Path) -> Vec<toml::Table> {
    let path = dir.join(DECISIONS);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let table: toml::Table = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}\n{text}", path.display()));
    let keys: Vec<&String> = table.keys().collect();
    assert_eq!(
        keys,
        ["decision"],
        "top-level keys of the decisions file:\n{text}"
    );
    table["decision"]
        .as_array()
        .expect("decision is an array of tables")
        .iter()
        .map(|d| d.as_table().expect("each decision is a table").clone())
        .collect()
}

fn field<'a>(d: &'a toml::Table, key: &str) -> &'a str {
    d.get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("decision has no string {key:?}: {d:?}"))
}

fn is_utc_timestamp(s: &str) -> bool {
    // YYYY-MM-DDTHH:MM:SSZ
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Whether this run is CI (where a missing browser is a failure).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// What the browser test needs and lacks, if anything.
fn browser_missing() -> Option<String> {
    let mut missing = Vec::new();
    let node = Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        missing.push("`node` is not on PATH".to_string());
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium is not at {} (set CHROMIUM)",
            chromium.display()
        ));
    }
    let module = manifest_dir().join("tests/browser/node_modules/playwright-core/package.json");
    if !module.is_file() {
        missing.push("tests/browser/node_modules lacks playwright-core (run `npm ci --prefix tests/browser`)".to_string());
    }
    (!missing.is_empty()).then(|| missing.join("; "))
}

/// Run `node review.mjs URL` in tests/browser, bounded by BROWSER.
fn run_browser(url: &str) -> (ExitStatus, String, String) {
    let mut child = Command::new("node")
        .arg("review.mjs")
        .arg(url)
        .current_dir(manifest_dir().join("tests/browser"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let (stdout, out_thread) = drain(child.stdout.take().unwrap());
    let (stderr, err_thread) = drain(child.stderr.take().unwrap());
    let deadline = Instant::now() + BROWSER;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for node") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "node review.mjs did not finish within {BROWSER:?}; stdout:\n{}\nstderr:\n{}",
                text_of(&stdout),
                text_of(&stderr)
            );
        }
        thread::sleep(Duration::from_millis(50));
    };
    // The pipes close when node exits (Chromium is its child and is closed
    // by the script); do not wait forever if a grandchild kept them open.
    let join_deadline = Instant::now() + Duration::from_secs(10);
    while !(out_thread.is_finished() && err_thread.is_finished()) && Instant::now() < join_deadline
    {
        thread::sleep(Duration::from_millis(20));
    }
    (status, text_of(&stdout), text_of(&stderr))
}

// ───────────────────────────── the browser ─────────────────────────────

#[test]
fn browser_decisions_reach_the_file_and_check() {
    if let Some(missing) = browser_missing() {
        if in_ci() {
            panic!(
                "the headless-browser test of `figcheck review` cannot run: {missing}. \
                 .ci/run installs chromium, nodejs/npm and runs `npm ci --prefix tests/browser`."
            );
        }
        eprintln!(
            "note: skipping the headless-browser test of `figcheck review`: {missing}. \
             It runs (and must pass) when CI is set."
        );
        return;
    }

    let dir = workspace();
    let before = check_json(dir.path(), false);
    assert_eq!(before["summary"]["dismissed"], 0);

    let (status, stdout, stderr) = {
        let server = Server::start(dir.path());
        let result = run_browser(&server.url);
        drop(server);
        result
    };
    assert!(
        status.success(),
        "node review.mjs failed ({status}); stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .unwrap_or_else(|| {
            panic!("review.mjs printed no JSON; stdout:\n{stdout}\nstderr:\n{stderr}")
        });
    let picked: Value = serde_json::from_str(line).expect("review.mjs prints JSON");
    let dismissed = picked["dismissed"]
        .as_str()
        .expect("a dismissed fingerprint")
        .to_string();
    let accepted = picked["accepted"]
        .as_str()
        .expect("an accepted fingerprint")
        .to_string();
    assert_ne!(dismissed, accepted);

    // The script dismissed the first FC201 card and accepted another one:
    // check what `check` says about those fingerprints before decisions.
    assert_eq!(
        dismissed,
        first_with_code(&before, "FC201"),
        "the dismissed card is not the first FC201 finding"
    );
    let dismissed_before = finding(&before, &dismissed).expect("the dismissed finding exists");
    let accepted_before = finding(&before, &accepted).expect("the accepted finding exists");
    assert!(dismissed_before["accepted"].is_null());
    assert!(accepted_before["accepted"].is_null());

    // The file: exactly the two decisions, as clicked.
    let decisions = read_decisions(dir.path());
    assert_eq!(decisions.len(), 2, "decisions: {decisions:#?}");
    let by_fp = |fp: &str| {
        decisions
            .iter()
            .find(|d| field(d, "fingerprint") == fp)
            .unwrap_or_else(|| panic!("no decision on {fp}: {decisions:#?}"))
    };
    let d = by_fp(&dismissed);
    assert_eq!(field(d, "status"), "dismissed");
    assert_eq!(field(d, "reason"), DISMISS_REASON);
    assert_eq!(field(d, "code"), "FC201");
    assert_eq!(
        field(d, "message"),
        dismissed_before["message"].as_str().unwrap()
    );
    let a = by_fp(&accepted);
    assert_eq!(field(a, "status"), "accepted");
    assert_eq!(field(a, "reason"), ACCEPT_REASON);
    assert_eq!(field(a, "code"), accepted_before["code"].as_str().unwrap());
    assert_eq!(
        field(a, "message"),
        accepted_before["message"].as_str().unwrap()
    );
    for d in &decisions {
        assert_eq!(field(d, "who"), WHO);
        assert!(
            is_utc_timestamp(field(d, "when")),
            "when: {:?}",
            field(d, "when")
        );
    }
    // Sorted by fingerprint, so that it diffs well.
    let fps: Vec<&str> = decisions.iter().map(|d| field(d, "fingerprint")).collect();
    let mut sorted = fps.clone();
    sorted.sort_unstable();
    assert_eq!(fps, sorted);

    // `check` with the decisions: the dismissed one is hidden and counted,
    // the accepted one is marked, nothing else changes.
    let after = check_json(dir.path(), true);
    assert!(
        finding(&after, &dismissed).is_none(),
        "the dismissed finding is still reported: {after:#}"
    );
    assert_eq!(
        after["summary"]["dismissed"], 1,
        "summary: {}",
        after["summary"]
    );
    let marked = finding(&after, &accepted).expect("the accepted finding is still reported");
    let note = marked["accepted"]
        .as_str()
        .unwrap_or_else(|| panic!("the accepted finding is not marked accepted: {marked:#}"));
    assert!(note.contains(ACCEPT_REASON), "accepted: {note:?}");
    assert!(note.contains(WHO), "accepted: {note:?}");
    assert_eq!(findings(&after).len(), findings(&before).len() - 1);
    for f in findings(&after) {
        if f["fingerprint"] != accepted.as_str() {
            assert!(f["accepted"].is_null(), "unexpectedly accepted: {f:#}");
        }
    }
    // No FC002 (stale decision): both decisions match findings.
    assert!(
        !findings(&after).iter().any(|f| f["code"] == "FC002"),
        "stale decisions reported: {after:#}"
    );
}

// ─────────────────────────── HTTP, no browser ───────────────────────────

#[test]
fn page_is_served_with_a_token_and_a_strict_policy() {
    let dir = workspace();
    let server = Server::start(dir.path());
    let r = http(
        server.addr(),
        &format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.host()
        ),
    );
    assert_eq!(r.status, 200);
    let head = r.head.to_ascii_lowercase();
    assert!(head.contains("content-type: text/html"), "{}", r.head);
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{}",
        r.head
    );
    assert!(r.body.contains("data-fingerprint=\""), "no finding cards");
    assert!(r.body.contains("class=\"dismiss\""), "no Dismiss buttons");
    // Two runs never share a token.
    let other_dir = workspace();
    let other = Server::start(other_dir.path());
    assert_ne!(server.token(), other.token());
    // Serving the page writes nothing.
    assert_eq!(file_state(dir.path()), None);
}

#[test]
fn decision_without_the_token_is_forbidden() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();
    let body = decision_body(&fp, "dismissed", "no token");
    let origin = server.origin();

    // No token header at all.
    let r = server.post(&server.host(), &[("Origin", origin.as_str())], &body);
    assert_eq!(r.status, 403, "no token: {r:?}");
    // An empty or wrong token.
    for wrong in [
        "",
        "0123456789abcdef0123456789abcdef",
        &token[..31],
        &format!("{token}0"),
    ] {
        let r = server.post(
            &server.host(),
            &[("Origin", origin.as_str()), ("X-Figcheck-Token", wrong)],
            &body,
        );
        assert_eq!(r.status, 403, "token {wrong:?}: {r:?}");
    }
    assert_eq!(
        file_state(dir.path()),
        None,
        "a refused request wrote the file"
    );

    // The same request with the token is accepted: the 403s above are the
    // token's doing, not a malformed request of this test's.
    let r = server.post_from_page(&token, &body);
    assert_eq!(r.status, 200, "{r:?}");
    let reply: Value = serde_json::from_str(&r.body).expect("JSON reply");
    assert_eq!(reply["status"], "dismissed");
    assert_eq!(reply["fingerprint"], fp.as_str());
    assert_eq!(read_decisions(dir.path()).len(), 1);
}

#[test]
fn decision_from_another_origin_is_forbidden() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();
    let body = decision_body(&fp, "dismissed", "wrong origin");
    let port = server.port;
    let wrong_origins = [
        "http://evil.example".to_string(),
        format!("http://evil.example:{port}"),
        format!("https://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{}", port.wrapping_add(1).max(1)),
        format!("http://127.0.0.1:{port}.evil.example"),
        "null".to_string(),
    ];
    for origin in &wrong_origins {
        let r = server.post(
            &server.host(),
            &[("Origin", origin.as_str()), ("X-Figcheck-Token", &token)],
            &body,
        );
        assert_eq!(r.status, 403, "Origin {origin:?}: {r:?}");
    }
    // No Origin at all, token right.
    let r = server.post(&server.host(), &[("X-Figcheck-Token", &token)], &body);
    assert_eq!(r.status, 403, "no Origin: {r:?}");
    assert_eq!(
        file_state(dir.path()),
        None,
        "a refused request wrote the file"
    );

    // Control: the page's own origin works.
    assert_eq!(server.post_from_page(&token, &body).status, 200);
    assert_eq!(read_decisions(dir.path()).len(), 1);
}

#[test]
fn foreign_host_is_forbidden() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();
    let port = server.port;

    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 must not
    // read the page (and its token) nor post decisions.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        let r = http(
            server.addr(),
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(r.status, 403, "GET / with Host {host:?}: {r:?}");
        assert!(
            !r.body.contains(&token),
            "the token leaked to Host {host:?}"
        );

        let origin = format!("http://{host}");
        let body = decision_body(&fp, "dismissed", "rebinding");
        // Its own origin, and even the right token and origin: Host decides.
        for origin in [origin.as_str(), server.origin().as_str()] {
            let r = server.post(
                &host,
                &[("Origin", origin), ("X-Figcheck-Token", &token)],
                &body,
            );
            assert_eq!(
                r.status, 403,
                "POST with Host {host:?}, Origin {origin:?}: {r:?}"
            );
        }
    }
    // No Host at all (HTTP/1.0).
    let r = http(server.addr(), "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 403, "GET / without Host: {r:?}");
    assert_eq!(
        file_state(dir.path()),
        None,
        "a refused request wrote the file"
    );

    // Two Host headers, the first this server's: refused, whichever wins.
    let r = http(
        server.addr(),
        &format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(r.status, 403, "GET / with two Host headers: {r:?}");

    // Control: localhost with the port is this server too, in any case.
    for host in [format!("localhost:{port}"), format!("LOCALHOST:{port}")] {
        let r = http(
            server.addr(),
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(r.status, 200, "GET / with Host {host}");
    }
}

#[test]
fn malformed_decision_is_rejected_and_changes_nothing() {
    let dir = workspace();
    let report = check_json(dir.path(), false);
    let fp = first_with_code(&report, "FC201");
    let server = Server::start(dir.path());
    let token = server.token();

    // One real decision first, so that "unchanged" is about an existing file.
    let r = server.post_from_page(&token, &decision_body(&fp, "accepted", "first"));
    assert_eq!(r.status, 200, "{r:?}");
    let before = file_state(dir.path()).expect("the decisions file is written");
    let files = listing(dir.path());

    let too_large = decision_body(&fp, "dismissed", &"x".repeat(70 * 1024));
    let malformed: Vec<(&str, String)> = vec![
        ("not JSON", "{fingerprint: nope".to_string()),
        ("empty body", String::new()),
        ("a JSON string", "\"dismissed\"".to_string()),
        (
            "no fingerprint",
            r#"{"status": "dismissed", "reason": "x"}"#.to_string(),
        ),
        (
            "no status",
            format!(r#"{{"fingerprint": "{fp}", "reason": "x"}}"#),
        ),
        (
            "fingerprint not a string",
            r#"{"fingerprint": 7, "status": "dismissed"}"#.to_string(),
        ),
        ("unknown status", decision_body(&fp, "deleted", "x")),
        (
            "unknown field",
            format!(
                r#"{{"fingerprint": "{fp}", "status": "dismissed", "reason": "x", "who": "mallory"}}"#
            ),
        ),
        (
            "trailing garbage",
            format!("{} junk", decision_body(&fp, "dismissed", "x")),
        ),
        ("too large", too_large),
    ];
    for (what, body) in &malformed {
        let r = server.post_from_page(&token, body);
        let expected = if *what == "too large" { 413 } else { 400 };
        assert_eq!(r.status, expected, "{what}: {r:?}");
        assert_eq!(
            file_state(dir.path()).as_deref(),
            Some(before.as_slice()),
            "{what}: the decisions file changed"
        );
        assert_eq!(
            listing(dir.path()),
            files,
            "{what}: files appeared or vanished"
        );
    }

    // The server is still serving, and the file still holds the one decision.
    let decisions = read_decisions(dir.path());
    assert_eq!(decisions.len(), 1);
    assert_eq!(field(&decisions[0], "status"), "accepted");
    assert_eq!(field(&decisions[0], "reason"), "first");
    assert_eq!(
        server
            .post_from_page(&token, &decision_body(&fp, "dismissed", "second"))
            .status,
        200
    );
    let decisions = read_decisions(dir.path());
    assert_eq!(decisions.len(), 1, "a new decision replaces the old one");
    assert_eq!(field(&decisions[0], "status"), "dismissed");
    assert_eq!(field(&decisions[0], "reason"), "second");
}

#[test]
fn decision_on_an_unknown_finding_is_rejected() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();

    for unknown in [
        "0000000000000000",
        "",
        "not-a-fingerprint",
        &fp[..fp.len() - 1],
        &fp.to_uppercase(),
    ] {
        if unknown == fp {
            continue;
        }
        let r = server.post_from_page(&token, &decision_body(unknown, "dismissed", "x"));
        assert_eq!(r.status, 400, "fingerprint {unknown:?}: {r:?}");
        assert_eq!(
            file_state(dir.path()),
            None,
            "fingerprint {unknown:?}: the file was written"
        );
    }
    // Control.
    assert_eq!(
        server
            .post_from_page(&token, &decision_body(&fp, "dismissed", "x"))
            .status,
        200
    );
}

#[test]
fn reason_is_stored_verbatim_apart_from_surrounding_space() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();
    let reason = "the \"desk\" said: ¥20.3 trillion ≠ ¥23.0 trillion\nsee [[decision]] = 'x' # not a comment";
    let r = server.post_from_page(
        &token,
        &decision_body(&fp, "dismissed", &format!("  {reason}\t\n")),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let decisions = read_decisions(dir.path());
    assert_eq!(decisions.len(), 1);
    assert_eq!(field(&decisions[0], "reason"), reason);
    assert_eq!(field(&decisions[0], "fingerprint"), fp);
    drop(server);
    // And `check` still reads the file.
    let after = check_json(dir.path(), true);
    assert_eq!(after["summary"]["dismissed"], 1);
    assert!(finding(&after, &fp).is_none());
}

/// The body must be the object the page sends. serde would also take the
/// struct's fields as a JSON array, `["<fingerprint>", "dismissed"]`; the
/// server documents (and its 400 message says) that it expects
/// `{"fingerprint", "status", "reason"}`, so that is malformed too.
#[test]
fn decision_body_must_be_a_json_object() {
    let dir = workspace();
    let fp = first_with_code(&check_json(dir.path(), false), "FC201");
    let server = Server::start(dir.path());
    let token = server.token();
    for body in [
        format!("[\"{fp}\", \"dismissed\"]"),
        format!("[\"{fp}\", \"dismissed\", \"as an array\"]"),
    ] {
        let r = server.post_from_page(&token, &body);
        assert_eq!(r.status, 400, "body {body}: {r:?}");
        assert_eq!(
            file_state(dir.path()),
            None,
            "body {body}: the file was written"
        );
    }
}

/// Whether the server process is still running.
fn alive(server: &mut Server) -> bool {
    server.child.try_wait().ok().flatten().is_none()
}

#[test]
fn a_huge_stated_length_is_refused_before_reading() {
    let dir = workspace();
    let mut server = Server::start(dir.path());
    let token = server.token();
    let origin = server.origin();
    let huge = "1000000000000000";
    for headers in [
        vec![
            ("Origin", origin.as_str()),
            ("X-Figcheck-Token", token.as_str()),
        ],
        vec![],
    ] {
        let mut req = format!("POST /api/decision HTTP/1.1\r\nHost: {}\r\n", server.host());
        for (name, value) in &headers {
            req.push_str(&format!("{name}: {value}\r\n"));
        }
        req.push_str(&format!("Content-Length: {huge}\r\n\r\n{{"));
        let r = http(server.addr(), &req);
        let expected = if headers.is_empty() { 403 } else { 413 };
        assert_eq!(r.status, expected, "{r:?}");
    }
    // A body with no stated length is read only up to the limit.
    let chunk = "x".repeat(8192);
    let mut req = format!(
        "POST /api/decision HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nX-Figcheck-Token: {token}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        server.host()
    );
    for _ in 0..10 {
        req.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    req.push_str("0\r\n\r\n");
    assert_eq!(http(server.addr(), &req).status, 400);
    assert!(alive(&mut server), "the server died");
    assert_eq!(server.token().len(), 32);
    assert!(file_state(dir.path()).is_none(), "nothing is written");
}

/// Open file descriptors of a process (Linux).
fn open_files(pid: u32) -> Option<usize> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .ok()
        .map(|d| d.count())
}

#[test]
fn idle_connections_neither_exhaust_nor_stop_the_server() {
    let dir = workspace();
    let mut server = Server::start(dir.path());
    // Up to 600 connections that never send a byte; once the server's
    // limit and the kernel's queue are full, connecting times out: stop there.
    let mut idle = Vec::new();
    while idle.len() < 600 {
        match TcpStream::connect_timeout(&server.addr(), Duration::from_millis(200)) {
            Ok(s) => idle.push(s),
            Err(_) => break,
        }
    }
    assert!(idle.len() > 64, "only {} connections opened", idle.len());
    // Give the server time to accept what it will.
    thread::sleep(Duration::from_millis(300));
    assert!(alive(&mut server), "the server died");
    if let Some(n) = open_files(server.child.id()) {
        assert!(
            n < 64 + 32,
            "{n} files open with {} idle clients",
            idle.len()
        );
    }
    drop(idle);
    // Once they go, the server serves again.
    assert_eq!(server.token().len(), 32);
    assert!(alive(&mut server));
}

#[test]
fn two_servers_on_one_decisions_file_lose_nothing() {
    let dir = workspace();
    let report = check_json(dir.path(), false);
    let fingerprints: Vec<String> = findings(&report)
        .iter()
        .filter_map(|f| f["fingerprint"].as_str().map(str::to_string))
        .collect();
    assert!(fingerprints.len() >= 6, "{fingerprints:?}");
    let servers = [Server::start(dir.path()), Server::start(dir.path())];
    let tokens: Vec<String> = servers.iter().map(Server::token).collect();
    thread::scope(|scope| {
        for (i, (server, token)) in servers.iter().zip(&tokens).enumerate() {
            let mine: Vec<&String> = fingerprints.iter().skip(i).step_by(2).collect();
            scope.spawn(move || {
                for fp in mine {
                    let r = server.post_from_page(token, &decision_body(fp, "dismissed", "ok"));
                    assert_eq!(r.status, 200, "{r:?}");
                }
            });
        }
    });
    let decided: std::collections::BTreeSet<String> = read_decisions(dir.path())
        .iter()
        .map(|d| field(d, "fingerprint").to_string())
        .collect();
    let wanted: std::collections::BTreeSet<String> = fingerprints.into_iter().collect();
    assert_eq!(decided, wanted);
}
