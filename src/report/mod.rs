//! Reports: the last stage. Each output format is its own module.
//!
//! - [`claims`]: `figcheck claims` as a readable table or JSON lines.

pub mod claims;
