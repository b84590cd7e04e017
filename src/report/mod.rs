//! Reports: the last stage. Each output format is its own module.
//!
//! - [`claims`]: `figcheck claims` as a readable table or JSON lines.
//! - [`human`]: miette diagnostics, rustc-style (the default).
//! - [`json`]: one JSON document, or JSON lines (`jsonl`).
//! - [`sarif`]: SARIF 2.1.0 for code-scanning dashboards.
//! - [`github`]: GitHub Actions annotations.
//! - [`html`]: the editor's page (`figcheck report`, `figcheck review`).
//! - [`compact`]: one `path:line:col: CODE message` line per finding.

pub mod claims;
pub mod compact;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
