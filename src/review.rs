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
//! Limits, since any local process can connect:
//! - a body larger than [`MAX_BODY`] is refused (413) from its
//!   `Content-Length`, before any of it is read; a body sent without a
//!   length is read only up to the limit;
//! - at most [`MAX_CONNECTIONS`] connections are served at once; further
//!   ones wait in the kernel's queue, so idle clients cannot exhaust the
//!   process's files;
//! - a client that does not send a request's headers within
//!   [`HEADER_TIMEOUT`] (an idle keep-alive connection too) is dropped, and
//!   no connection is served longer than [`CONNECTION_LIFETIME`];
//! - headers are capped in size and number by the HTTP parser.
//!
//! HTTP is hyper's, on a single-threaded tokio runtime. Each change to the
//! decisions file is made under its lock, on a blocking thread (so a lock
//! held elsewhere delays that click, not the page), and concurrent clicks
//! and a second server on the same file lose nothing.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_LENGTH, HOST};
use hyper::{Method, Request, Response, StatusCode};
use serde::Deserialize;

use crate::findings::{Finding, Summary};
use crate::report::html::{self, Review};
use crate::triage::decisions::{Decision, Decisions, Status};
use crate::Corpus;

/// Requests larger than this are not decisions.
pub const MAX_BODY: u64 = 64 * 1024;
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 64;
/// How long a connection may take to send a request's headers, or sit idle
/// between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a connection is served, idle or not: a browser opens a new
/// one when it needs to.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
/// The HTTP parser's buffer, which bounds a request's headers.
const MAX_HEAD: usize = 16 * 1024;

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

/// An accept error that passes: the client gave up, or the process or
/// system is out of files or buffers for a moment. Anything else (the
/// listener itself broken) stops the server.
fn transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    #[cfg(unix)]
    let out_of_resources = e
        .raw_os_error()
        .is_some_and(|n| [libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::ENOMEM].contains(&n));
    #[cfg(not(unix))]
    let out_of_resources = false;
    out_of_resources
        || matches!(
            e.kind(),
            ConnectionAborted | ConnectionReset | Interrupted | WouldBlock | TimedOut | OutOfMemory
        )
}

type Answer = Response<Full<Bytes>>;

fn answer(status: u16, content_type: &str, body: impl Into<Bytes>) -> Answer {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        "Content-Type",
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("text/plain")),
    );
    r
}

fn text(status: u16, body: &str) -> Answer {
    answer(status, "text/plain; charset=utf-8", body.to_string())
}

fn request_header<'a>(req: &'a Request<Incoming>, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// A review server, bound and ready to run.
pub struct Reviewer {
    listener: std::net::TcpListener,
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
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        Ok(Reviewer {
            listener,
            port,
            token: new_token()?,
            session,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Serve until the process is stopped; an error that stops the server
    /// is returned.
    pub fn run(self) -> std::io::Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        runtime.block_on(self.serve())
    }

    async fn serve(self) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener.try_clone()?)?;
        let reviewer = Arc::new(self);
        let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        let mut warned = false;
        loop {
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                return Err(std::io::Error::other("connection limit closed"));
            };
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) if transient(&e) => {
                    // Out of files or a client gone before it was accepted:
                    // say so (once), wait a little and go on.
                    if !warned && e.kind() != std::io::ErrorKind::ConnectionAborted {
                        eprintln!("figcheck review: cannot accept a connection ({e}); retrying");
                        warned = true;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let reviewer = Arc::clone(&reviewer);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let reviewer = Arc::clone(&reviewer);
                    async move { Ok::<_, Infallible>(reviewer.handle(req).await) }
                });
                // A connection's errors (a client gone, a malformed request,
                // a timeout) end that connection only; and no connection
                // holds its slot longer than CONNECTION_LIFETIME, so clients
                // that send requests but never read the answers cannot
                // keep the server from others.
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .max_buf_size(MAX_HEAD)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
                drop(slot);
            });
        }
    }

    async fn handle(&self, req: Request<Incoming>) -> Answer {
        let allowed_hosts = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        // Exactly one Host header, naming this server in any case
        // ("LOCALHOST:8080" is this server; two Host headers are a trick).
        let hosts: Vec<&HeaderValue> = req.headers().get_all(HOST).iter().collect();
        let host_ok = match hosts.as_slice() {
            [h] => h
                .to_str()
                .is_ok_and(|h| allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h))),
            _ => false,
        };
        if !host_ok {
            return text(403, "forbidden: unknown host");
        }
        match (req.method(), req.uri().path()) {
            (&Method::GET, "/") if req.uri().query().is_none() => self.page(),
            (&Method::POST, "/api/decision") => self.decide(req, &allowed_hosts).await,
            (&Method::GET | &Method::POST, _) => text(404, "not found"),
            _ => text(405, "method not allowed"),
        }
    }

    fn page(&self) -> Answer {
        let decisions = match Decisions::load(&self.session.decisions_path) {
            Ok(d) => d,
            Err(e) => return text(500, &format!("cannot read decisions: {e}")),
        };
        let review = Review {
            token: self.token.clone(),
        };
        // Decided findings are shown, marked by the page, so that an editor
        // can change a decision.
        match html::render(
            &self.session.findings,
            &self.session.corpus,
            &self.session.summary,
            &decisions,
            Some(&review),
        ) {
            Ok(page) => {
                let mut r = answer(200, "text/html; charset=utf-8", page);
                let headers = r.headers_mut();
                headers.insert(
                    "Content-Security-Policy",
                    HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:"),
                );
                headers.insert(
                    "X-Content-Type-Options",
                    HeaderValue::from_static("nosniff"),
                );
                headers.insert("Cache-Control", HeaderValue::from_static("no-store"));
                r
            }
            Err(e) => text(500, &format!("cannot render: {e}")),
        }
    }

    async fn decide(&self, req: Request<Incoming>, allowed_hosts: &[String]) -> Answer {
        let origin_ok = request_header(&req, "Origin")
            .is_some_and(|o| allowed_hosts.iter().any(|h| o == format!("http://{h}")));
        let token_ok = request_header(&req, "X-Figcheck-Token") == Some(self.token.as_str());
        if !origin_ok || !token_ok {
            return text(403, "forbidden: not from this review page");
        }
        // Refused from its stated length, before a byte of it is read.
        let stated = request_header(&req, CONTENT_LENGTH.as_str()).map(str::parse::<u64>);
        if stated
            .as_ref()
            .is_some_and(|n| n.as_ref().map_or(true, |&n| n > MAX_BODY))
        {
            return text(413, "request too large: a decision is at most 64 KiB");
        }
        let body = match Limited::new(req.into_body(), MAX_BODY as usize)
            .collect()
            .await
        {
            Ok(collected) => collected.to_bytes(),
            Err(_) => return text(400, "bad request: body unreadable or too large"),
        };
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
        // Waiting for the file's lock (another server, a baseline being
        // written) must not stop this server answering others meanwhile.
        let path = self.session.decisions_path.clone();
        let recorded = tokio::task::spawn_blocking(move || Decisions::record_in(&path, decision))
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()));
        if let Err(e) = recorded {
            return text(500, &format!("cannot record the decision: {e}"));
        }
        let status = match status {
            Status::Accepted => "accepted",
            Status::Dismissed => "dismissed",
        };
        answer(
            200,
            "application/json",
            serde_json::json!({ "status": status, "fingerprint": r.fingerprint }).to_string(),
        )
    }
}
