//! Reports: the last stage. Each output format is its own module.
//!
//! - [`claims`]: `figcheck claims` as a readable table or JSON lines.
//! - [`human`]: `figcheck check` as miette diagnostics.
//! - [`json`]: `figcheck check --format json`.

pub mod claims;
pub mod human;
pub mod json;
