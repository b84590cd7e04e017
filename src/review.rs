//! `figcheck review`: the report served on 127.0.0.1 with Accept / Dismiss
//! buttons. Each click is written at once to the decisions file.
//!
//! Safety, since any web page the editor has open could try to talk to a
//! local port:
//! - it listens on 127.0.0.1 only;
//! - every request must name this server in `Host` (no DNS rebinding);
//! - a decision must come from this page: `Origin` must be this server and
//!   the `X-Figcheck-Token` header must carry the per-run secret that only
//!   the served page holds; anything else gets 403;
//! - a malformed request (bad JSON, unknown finding or status, too large)
//!   gets 400 and changes nothing.
//!
//! Requests are handled one at a time, so concurrent clicks are applied in
//! turn and none is lost; each write replaces the file atomically.

use std::io::Read;
use std::path::PathBuf;

use serde::Deserialize;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::findings::{Finding, Summary};
use crate::report::html::{self, Review};
use crate::triage::decisions::{Decision, Decisions, Status};
use crate::Corpus;

/// Requests larger than this are not decisions.
const MAX_BODY: u64 = 64 * 1024;

/// What the server serves: the run's findings before decisions apply.
#[derive(Debug)]
pub struct Session {
    pub corpus: Corpus,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub decisions_path: PathBuf,
    /// Who decides, as written in the file.
    pub who: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionRequest {
    fingerprint: String,
    status: String,
    #[serde(default)]
    reason: String,
}

/// A fresh secret for this run: 128 random bits, hex.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII constants or our own formatting.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn request_header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// A running review server.
pub struct Reviewer {
    server: Server,
    pub port: u16,
    token: String,
    session: Session,
}

impl std::fmt::Debug for Reviewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reviewer")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Reviewer {
    /// Bind to 127.0.0.1:`port` (0: any free port).
    pub fn bind(port: u16, session: Session) -> std::io::Result<Reviewer> {
        let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| std::io::Error::other("not an IP listener"))?;
        Ok(Reviewer {
            server,
            port,
            token: new_token()?,
            session,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Serve until the process is stopped.
    pub fn run(&self) {
        for req in self.server.incoming_requests() {
            self.handle(req);
        }
    }

    fn handle(&self, mut req: Request) {
        let allowed_hosts = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        // Exactly one Host header, naming this server in any case
        // ("LOCALHOST:8080" is this server; two Host headers are a trick).
        let hosts: Vec<&str> = req
            .headers()
            .iter()
            .filter(|h| h.field.as_str().as_str().eq_ignore_ascii_case("Host"))
            .map(|h| h.value.as_str())
            .collect();
        let host_ok = matches!(hosts.as_slice(), [h] if allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h)));
        if !host_ok {
            let _ = req.respond(text(403, "forbidden: unknown host"));
            return;
        }
        let response = match (req.method(), req.url()) {
            (Method::Get, "/") => self.page(),
            (Method::Post, "/api/decision") => self.decide(&mut req, &allowed_hosts),
            (Method::Get | Method::Post, _) => text(404, "not found"),
            _ => text(405, "method not allowed"),
        };
        let _ = req.respond(response);
    }

    fn page(&self) -> Response<std::io::Cursor<Vec<u8>>> {
        let decisions = match Decisions::load(&self.session.decisions_path) {
            Ok(d) => d,
            Err(e) => return text(500, &format!("cannot read decisions: {e}")),
        };
        let review = Review {
            token: self.token.clone(),
        };
        let mut findings = self.session.findings.clone();
        // Show decided findings, marked, so that an editor can change a decision.
        let lookup = decisions.lookup();
        for f in &mut findings {
            if let Some((_, d)) = lookup.get(f, &f.identity(&self.session.corpus)) {
                if d.status == Status::Accepted {
                    f.accepted = Some(format!("accepted by {} ({}): {}", d.who, d.when, d.reason));
                }
            }
        }
        match html::render(&findings, &self.session.corpus, &self.session.summary, &decisions, Some(&review)) {
            Ok(page) => Response::from_string(page)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header(
                    "Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:",
                ))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                .with_header(header("Cache-Control", "no-store")),
            Err(e) => text(500, &format!("cannot render: {e}")),
        }
    }

    fn decide(
        &self,
        req: &mut Request,
        allowed_hosts: &[String],
    ) -> Response<std::io::Cursor<Vec<u8>>> {
        let origin_ok = request_header(req, "Origin")
            .is_some_and(|o| allowed_hosts.iter().any(|h| o == format!("http://{h}")));
        let token_ok = request_header(req, "X-Figcheck-Token") == Some(self.token.as_str());
        if !origin_ok || !token_ok {
            return text(403, "forbidden: not from this review page");
        }
        let mut body = Vec::new();
        if req
            .as_reader()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
            .is_err()
            || body.len() as u64 > MAX_BODY
        {
            return text(400, "bad request: body unreadable or too large");
        }
        // Only an object: serde would also take the fields as an array.
        let parsed = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .filter(serde_json::Value::is_object)
            .and_then(|v| serde_json::from_value::<DecisionRequest>(v).ok());
        let Some(r) = parsed else {
            return text(
                400,
                "bad request: expected {\"fingerprint\", \"status\", \"reason\"}",
            );
        };
        let Some(status) = Status::parse(&r.status) else {
            return text(400, "bad request: status is accepted or dismissed");
        };
        let corpus = &self.session.corpus;
        let Some((finding, identity)) = self
            .session
            .findings
            .iter()
            .map(|f| (f, f.identity(corpus)))
            .find(|(_, id)| id.fingerprint == r.fingerprint)
        else {
            return text(400, "bad request: no such finding");
        };
        let decision = Decision::on(finding, identity, status, &r.reason, &self.session.who);
        if let Err(e) = Decisions::record_in(&self.session.decisions_path, decision) {
            return text(500, &format!("cannot record the decision: {e}"));
        }
        let status = match status {
            Status::Accepted => "accepted",
            Status::Dismissed => "dismissed",
        };
        Response::from_string(
            serde_json::json!({ "status": status, "fingerprint": r.fingerprint }).to_string(),
        )
        .with_header(header("Content-Type", "application/json"))
    }
}
