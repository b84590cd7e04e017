//! `figcheck lsp` spoken to as an editor would: JSON-RPC over stdio with
//! `Content-Length` framing. initialize, didOpen, didChange, hover,
//! codeAction, shutdown, exit, with the exact diagnostics asserted.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// How long one answer may take.
const WAIT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_figcheck"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("figcheck lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and return its result, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.messages.recv_timeout(WAIT).expect("an answer in time");
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{m}");
                return m["result"].clone();
            }
        }
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(WAIT)
                .expect("diagnostics in time");
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"].clone();
            }
        }
    }
}

/// The codes of published diagnostics, in order.
fn codes_of(published: &Value) -> Vec<&str> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

const SOURCE: &str =
    "---\ndate: 2019-06-06\n---\nTrade between China and Russia reached $108 billion in 2018.\n";
const DRAFT: &str =
    "---\ndate: 2019-06-10\n---\nTrade between China and Russia reached $118 billion in 2018.\n";

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/source.md"), SOURCE).unwrap();
    std::fs::write(root.join("figcheck.toml"), "paths = [\"articles\"]\n").unwrap();
    let root_uri = format!("file://{}", root.display());
    let draft_uri = format!("{root_uri}/draft.md");
    let source_uri = format!("{root_uri}/articles/source.md");

    let mut server = Server::start(&root);
    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    assert_eq!(init["serverInfo"]["name"], "figcheck");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    server.notify("initialized", json!({}));

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft_uri, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    let published = server.diagnostics();
    assert_eq!(published["uri"], draft_uri);
    let expected = json!([{
        "range": {"start": {"line": 3, "character": 39}, "end": {"line": 3, "character": 51}},
        "severity": 1,
        "code": "FC201",
        "source": "figcheck",
        "message": "figure-conflict: trade for 2018: $118 billion (draft.md) conflicts with $108 billion (articles/source.md)\nread as $118 billion → 118,000,000,000 USD, 2018 and $108 billion → 108,000,000,000 USD, 2018; if two agencies give different figures, name both; otherwise correct the wrong one",
        "relatedInformation": [{
            "location": {
                "uri": source_uri,
                "range": {"start": {"line": 3, "character": 39}, "end": {"line": 3, "character": 51}}
            },
            "message": "articles/source.md: $108 billion → 108,000,000,000 USD, 2018"
        }]
    }]);
    assert_eq!(published["diagnostics"], expected);

    // Hover on the figure: how it was read.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft_uri}, "position": {"line": 3, "character": 42}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**$118 billion** → 118,000,000,000 USD\n"),
        "{value}"
    );
    assert!(value.contains("- period: 2018\n"), "{value}");
    assert!(value.contains("- measure: trade\n"), "{value}");
    assert!(value.contains("- role: actual\n"), "{value}");

    // The quick fix silences the rule on the line.
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": draft_uri},
            "range": expected[0]["range"],
            "context": {"diagnostics": expected}
        }),
    );
    assert_eq!(actions[0]["title"], "Ignore FC201 on this line");
    assert_eq!(
        actions[0]["edit"]["changes"][&draft_uri],
        json!([{
            "range": {"start": {"line": 3, "character": 60}, "end": {"line": 3, "character": 60}},
            "newText": " <!-- figcheck-ignore FC201 -->"
        }])
    );

    // The writer corrects the figure: the diagnostics go.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": draft_uri, "version": 2},
            "contentChanges": [{"text": DRAFT.replace("$118", "$108")}]
        }),
    );
    let published = server.diagnostics();
    let codes = codes_of(&published);
    assert_eq!(codes, ["FC202"]);

    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

/// With figcheck.toml in a folder above the one the editor opened, an open
/// article replaces its saved copy (it is not checked against itself), and
/// a number too large to read is reported.
#[test]
fn an_open_article_replaces_its_saved_copy() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().canonicalize().unwrap();
    let site = top.join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(top.join("figcheck.toml"), "paths = [\"site\"]\n").unwrap();
    std::fs::write(site.join("a.md"), SOURCE).unwrap();
    let uri = format!("file://{}/a.md", site.display());

    let mut server = Server::start(&site);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", site.display()), "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": SOURCE}}),
    );
    // Not "corroborated by 2 files" (itself): the only article, so its
    // figure is one no other source states.
    let published = server.diagnostics();
    let codes = codes_of(&published);
    assert_eq!(codes, ["FC203"]);

    let text = format!("{SOURCE}The debt reached 123456789012345678901234567890123 dollars.\n");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let published = server.diagnostics();
    let found: Vec<(&str, &str)> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "FC203",
                "unsupported-figure: trade for 2018: $108 billion is stated by no source\ncite a source for it, or add the source to --against"
            ),
            (
                "FC103",
                "figure-too-large: 123456789012345678901234567890123 is too large to hold exactly: it is not checked\ngive the figure as published; put an identifier in a code span"
            )
        ]
    );
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    assert!(server.child.wait().unwrap().success());
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("a.md"), SOURCE).unwrap();
    let mut server = Server::start(&root);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(server.child.wait().unwrap().code(), Some(1));
}
