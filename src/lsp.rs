//! `figcheck lsp`: a language server over stdio, for writers' editors.
//!
//! The workspace is the folder the editor opens (its `figcheck.toml`, if
//! any, is the configuration); its articles (the configuration's `paths`,
//! else every article in the folder) are the sources. A Markdown document
//! the editor opens is checked against them on open, change and save:
//!
//! - diagnostics for its findings, with related information pointing at
//!   the passages in the other files;
//! - hover on a figure shows how it was read and the words that said so;
//! - a code action inserts `<!-- figcheck-ignore CODE -->` on the line.
//!
//! The sources are read once, at start; a change re-reads only the
//! changed document, and the rules run on its claims and the sources'.
//!
//! Built on `lsp-server` (the synchronous transport rust-analyzer uses)
//! and `lsp-types`: the server does one thing at a time, so it needs no
//! async runtime, and every message is handled in order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextEdit, Url, WorkspaceEdit,
};
use miette::Report;

use crate::checker::{Checker, Options, Until};
use crate::claim::Claim;
use crate::config::{self, Config};
use crate::findings::{Finding, Severity};
use crate::source::Document;
use crate::Corpus;

/// Serve until the editor shuts the server down; whether it did so
/// cleanly (shutdown, then exit).
pub fn serve() -> Result<bool, Report> {
    let (connection, io_threads) = Connection::stdio();
    let clean = run(&connection)?;
    // The writer thread ends when the connection's sender is gone.
    drop(connection);
    io_threads
        .join()
        .map_err(|e| miette::miette!("figcheck lsp: {e}"))?;
    Ok(clean)
}

fn lsp_error(e: impl std::fmt::Display) -> Report {
    miette::miette!("figcheck lsp: {e}")
}

/// The protocol over one connection: initialize, then messages in order.
/// Whether it ended cleanly (shutdown, then exit).
pub fn run(connection: &Connection) -> Result<bool, Report> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(true.into()),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let (id, params) = connection.initialize_start().map_err(lsp_error)?;
    let init: InitializeParams = serde_json::from_value(params).map_err(lsp_error)?;
    let reply = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "figcheck", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, reply).map_err(lsp_error)?;
    let mut workspace = Workspace::open(&root_of(&init))?;
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(lsp_error)? {
                    return Ok(true);
                }
                let response = workspace.request(req);
                connection
                    .sender
                    .send(Message::Response(response))
                    .map_err(lsp_error)?;
            }
            Message::Notification(n) if n.method == "exit" => {
                // Exit before shutdown: the protocol asks for status 1.
                return Ok(false);
            }
            Message::Notification(n) => {
                for out in workspace.notify(n) {
                    connection.sender.send(out).map_err(lsp_error)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

/// The folder the editor opened: the first workspace folder, else the
/// root URI, else the working directory.
#[allow(deprecated)] // root_uri: clients that send no workspace folders
fn root_of(init: &InitializeParams) -> PathBuf {
    init.workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(init.root_uri.as_ref())
        .and_then(|u| u.to_file_path().ok())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A document open in the editor, as last checked.
struct Open {
    corpus: Corpus,
    findings: Vec<Finding>,
    /// Its index in `corpus.docs`: always 0.
    doc: usize,
}

struct Workspace {
    root: PathBuf,
    /// The folder identities are relative to, as the loader makes them:
    /// the configuration's folder, else the workspace root.
    id_root: PathBuf,
    checker: Checker,
    /// The sources, read once; their claims before the story is settled
    /// (it is settled again with each changed document).
    sources: Vec<Document>,
    source_claims: Vec<Vec<Claim>>,
    open: BTreeMap<Url, Open>,
}

impl Workspace {
    fn open(root: &Path) -> Result<Workspace, Report> {
        let config = match config::discover(root) {
            Some(p) => Config::load(&p).map_err(Report::new)?,
            None => Config::default(),
        };
        // Paths in the configuration are relative to its folder: read from
        // the workspace root, so that shown paths are relative to it.
        std::env::set_current_dir(root).map_err(lsp_error)?;
        let paths = if config.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            Vec::new()
        };
        let checker = Checker::new(
            config,
            Options {
                paths,
                ..Options::default()
            },
        )?;
        let (corpus, _skipped) = checker.load()?;
        let source_claims = corpus
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| crate::read::claims(d, i, checker.lexicon(), &checker.config().bands))
            .collect();
        let id_root = checker
            .config()
            .source
            .as_ref()
            .and_then(|p| p.parent())
            .unwrap_or(root)
            .canonicalize()
            .unwrap_or_else(|_| root.to_path_buf());
        Ok(Workspace {
            id_root,
            root: root.to_path_buf(),
            checker,
            sources: corpus.docs,
            source_claims,
            open: BTreeMap::new(),
        })
    }

    fn notify(&mut self, n: Notification) -> Vec<Message> {
        use lsp_types::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
            Notification as _,
        };
        let saved = n.method == DidSaveTextDocument::METHOD;
        let changed = match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                serde_json::from_value::<DidOpenTextDocumentParams>(n.params)
                    .ok()
                    .map(|p| (p.text_document.uri, Some(p.text_document.text)))
            }
            DidChangeTextDocument::METHOD => {
                serde_json::from_value::<DidChangeTextDocumentParams>(n.params)
                    .ok()
                    .and_then(|p| {
                        let text = p.content_changes.into_iter().last()?.text;
                        Some((p.text_document.uri, Some(text)))
                    })
            }
            DidSaveTextDocument::METHOD => {
                serde_json::from_value::<DidSaveTextDocumentParams>(n.params)
                    .ok()
                    .map(|p| (p.text_document.uri, p.text))
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.open.remove(&p.text_document.uri);
                    return vec![publish(p.text_document.uri, Vec::new())];
                }
                None
            }
            _ => None,
        };
        let Some((uri, text)) = changed else {
            return Vec::new();
        };
        // A save without text re-checks what the editor last sent.
        let text = match text {
            Some(t) => t,
            None => match self.open.get(&uri) {
                Some(o) => o.corpus.docs[o.doc].text.clone(),
                None => return Vec::new(),
            },
        };
        let diagnostics = self.check(&uri, text);
        if saved {
            self.refresh_source(&uri);
        }
        vec![publish(uri, diagnostics)]
    }

    /// Check one document's text against the sources; keep the result for
    /// hovers and code actions.
    fn check(&mut self, uri: &Url, text: String) -> Vec<Diagnostic> {
        let path = uri
            .to_file_path()
            .ok()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .map(Path::to_path_buf)
                    .unwrap_or(p)
            })
            .unwrap_or_else(|| PathBuf::from(uri.path()));
        let shown = path.to_string_lossy().into_owned();
        let document = match Document::from_text(shown.clone(), text, None) {
            Ok(mut d) => {
                // The same identity as the loader gives the file on disk,
                // so that the open document replaces its saved copy.
                if let Some(id) = uri
                    .to_file_path()
                    .ok()
                    .and_then(|p| p.canonicalize().ok())
                    .and_then(|p| p.strip_prefix(&self.id_root).ok().map(Path::to_path_buf))
                {
                    d.id_path = id.to_string_lossy().replace('\\', "/");
                }
                d
            }
            Err(e) => return self.not_checked(uri, e),
        };
        let corpus = self.corpus_with(document);
        // The open document is a draft checked against the sources.
        let drafts = [0].into_iter().collect();
        let checked = match self
            .checker
            .check_drafts(corpus, drafts, Some(0), Until::Decisions)
        {
            Ok(c) => c,
            Err(e) => return self.not_checked(uri, e),
        };
        let open = Open {
            corpus: checked.corpus,
            findings: checked.findings,
            doc: 0,
        };
        let diagnostics = open
            .findings
            .iter()
            .filter_map(|f| self.diagnostic(&open, f))
            .collect();
        self.open.insert(uri.clone(), open);
        diagnostics
    }

    /// A document that could not be checked: one diagnostic that says why,
    /// and no earlier result kept for hovers.
    fn not_checked(&mut self, uri: &Url, why: impl std::fmt::Display) -> Vec<Diagnostic> {
        self.open.remove(uri);
        vec![Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some("figcheck".into()),
            message: format!("not checked: {why}"),
            ..Diagnostic::default()
        }]
    }

    /// A saved document that is one of the sources becomes the source, as
    /// saved: the other open documents are checked against it from now on.
    fn refresh_source(&mut self, uri: &Url) {
        let Some(open) = self.open.get(uri) else {
            return;
        };
        let saved = &open.corpus.docs[open.doc];
        let Some(at) = self.sources.iter().position(|d| d.id_path == saved.id_path) else {
            return;
        };
        let mut doc = saved.clone();
        doc.path = self.sources[at].path.clone();
        self.source_claims[at] = crate::read::claims(
            &doc,
            at,
            self.checker.lexicon(),
            &self.checker.config().bands,
        );
        self.sources[at] = doc;
    }

    /// The document first, then every source but the one it replaces; the
    /// sources' claims are reused, only the document is read.
    fn corpus_with(&self, document: Document) -> Corpus {
        let lexicon = self.checker.lexicon();
        let replaced = document.id_path.clone();
        let (mut claims, dropped) =
            crate::read::claims_and_dropped(&document, 0, lexicon, &self.checker.config().bands);
        let mut docs = vec![document];
        for (d, source_claims) in self.sources.iter().zip(&self.source_claims) {
            if d.id_path == replaced {
                continue;
            }
            let at = docs.len();
            docs.push(d.clone());
            claims.extend(source_claims.iter().cloned().map(|mut c| {
                c.doc = at;
                c
            }));
        }
        crate::read::story::settle(&mut claims, &docs, lexicon);
        Corpus {
            docs,
            claims,
            dropped: dropped.into_iter().map(|span| (0, span)).collect(),
            ..Corpus::default()
        }
    }

    fn uri_of(&self, path: &str) -> Option<Url> {
        Url::from_file_path(self.root.join(path)).ok()
    }

    /// A finding as a diagnostic on the open document, if it points there.
    fn diagnostic(&self, open: &Open, f: &Finding) -> Option<Diagnostic> {
        let locations = f.locations(&open.corpus);
        let here = locations.iter().find(|l| l.doc == open.doc)?;
        let doc = &open.corpus.docs[open.doc];
        let related = locations
            .iter()
            .filter(|l| !std::ptr::eq(*l, here))
            .filter_map(|l| {
                let other = &open.corpus.docs[l.doc];
                Some(DiagnosticRelatedInformation {
                    location: Location {
                        uri: self.uri_of(&other.path)?,
                        range: range_of(other, l.span.clone()),
                    },
                    message: format!("{}: {}", other.path, l.label),
                })
            })
            .collect::<Vec<_>>();
        let message = match &f.help {
            Some(help) => format!("{}: {}\n{help}", f.rule, f.message),
            None => format!("{}: {}", f.rule, f.message),
        };
        Some(Diagnostic {
            range: range_of(doc, here.span.clone()),
            severity: Some(match f.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(f.code.to_string())),
            source: Some("figcheck".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        })
    }

    fn request(&mut self, req: Request) -> Response {
        use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
        let result = match req.method.as_str() {
            HoverRequest::METHOD => serde_json::from_value::<HoverParams>(req.params)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(req.params)
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            _ => {
                return Response::new_err(
                    req.id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("figcheck lsp does not handle {}", req.method),
                )
            }
        };
        match result {
            Ok(value) => Response::new_ok(req.id, value),
            Err(e) => Response::new_err(
                req.id,
                lsp_server::ErrorCode::InvalidParams as i32,
                e.to_string(),
            ),
        }
    }

    /// How the figure under the cursor was read.
    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let pos = &p.text_document_position_params;
        let open = self.open.get(&pos.text_document.uri)?;
        let doc = &open.corpus.docs[open.doc];
        let at = offset_of(doc, pos.position)?;
        let claim = open
            .corpus
            .claims
            .iter()
            .find(|c| c.doc == open.doc && c.span.start <= at && at <= c.span.end)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: describe(claim, doc),
            }),
            range: Some(range_of(doc, claim.span.clone())),
        })
    }

    /// For each figcheck diagnostic in the request, a comment that
    /// silences its rule on that line.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(open) = self.open.get(&p.text_document.uri) else {
            return Vec::new();
        };
        let doc = &open.corpus.docs[open.doc];
        p.context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some("figcheck"))
            .filter_map(|d| {
                let Some(NumberOrString::String(code)) = &d.code else {
                    return None;
                };
                let line = d.range.start.line;
                let end = line_end(doc, line)?;
                let edit = TextEdit {
                    range: Range::new(end, end),
                    new_text: format!(" <!-- figcheck-ignore {code} -->"),
                };
                let changes = [(p.text_document.uri.clone(), vec![edit])]
                    .into_iter()
                    .collect();
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Ignore {code} on this line"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(changes),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }
}

fn publish(uri: Url, diagnostics: Vec<Diagnostic>) -> Message {
    use lsp_types::notification::{Notification as _, PublishDiagnostics};
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    ))
}

/// A claim's reading, for a hover.
fn describe(c: &Claim, doc: &Document) -> String {
    let mut out = format!("**{}** → {}\n\n", c.text, c.describe_value());
    let mut row = |name: &str, value: String| out.push_str(&format!("- {name}: {value}\n"));
    row(
        "interval",
        format!("{:?}", c.interval).replace("Some(", "("),
    ); // plain, exact
    if let Some(u) = &c.unit {
        row("unit", u.to_string());
    }
    row(
        "period",
        c.period.map_or("none stated".into(), |p| p.to_string()),
    );
    row(
        "measure",
        c.measure.as_ref().map_or("none".into(), |m| m.to_string()),
    );
    if let Some(o) = &c.owner {
        row("owner", o.to_string());
    }
    row("role", format!("{:?}", c.role).to_lowercase());
    let words = |r: &Option<crate::claim::Reason>| {
        r.as_ref()
            .and_then(|r| r.span())
            .and_then(|s| doc.text.get(s))
            .map(|w| format!("\"{w}\""))
    };
    let evidence: Vec<String> = [
        ("measure", words(&c.evidence.measure)),
        ("owner", words(&c.evidence.owner)),
        ("period", words(&c.evidence.period)),
        ("role", words(&c.evidence.role)),
    ]
    .into_iter()
    .filter_map(|(what, w)| w.map(|w| format!("{what} from {w}")))
    .collect();
    if !evidence.is_empty() {
        row("evidence", evidence.join("; "));
    }
    out
}

/// The LSP range of a byte span: lines from 0 (as the document counts
/// them), characters in UTF-16 code units (the protocol's default).
fn range_of(doc: &Document, span: std::ops::Range<usize>) -> Range {
    Range::new(position_of(doc, span.start), position_of(doc, span.end))
}

fn position_of(doc: &Document, at: usize) -> Position {
    let at = crate::source::floor_char_boundary(&doc.text, at);
    let (line, start) = doc.line_of(at);
    let character: usize = doc.text[start..at].chars().map(char::len_utf16).sum();
    Position::new(line as u32 - 1, character as u32)
}

/// The byte offset of an LSP position, if the document has its line.
fn offset_of(doc: &Document, p: Position) -> Option<usize> {
    let start = doc.line_start(p.line as usize + 1)?;
    let mut units = 0usize;
    for (i, ch) in doc.text[start..].char_indices() {
        if units >= p.character as usize || ch == '\n' || ch == '\r' {
            return Some(start + i);
        }
        units += ch.len_utf16();
    }
    Some(doc.text.len())
}

/// The position at the end of a line (before its line break).
fn line_end(doc: &Document, line: u32) -> Option<Position> {
    let start = doc.line_start(line as usize + 1)?;
    let end = doc.text[start..]
        .find(['\n', '\r'])
        .map_or(doc.text.len(), |i| start + i);
    Some(position_of(doc, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a\n𝄞 é $5bn\n";
        let doc = Document::from_text("a.md", text.to_string(), None).unwrap();
        let at = text.find("$5bn").unwrap();
        // "𝄞" is two UTF-16 units, "é" one.
        assert_eq!(position_of(&doc, at), Position::new(1, 5));
        assert_eq!(offset_of(&doc, Position::new(1, 5)), Some(at));
        assert_eq!(line_end(&doc, 1), Some(Position::new(1, 9)));
        assert_eq!(offset_of(&doc, Position::new(7, 0)), None);
    }
}
