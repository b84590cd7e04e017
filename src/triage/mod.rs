//! Triage: what users have decided about findings, applied after the rules
//! and before the reports.
//!
//! - [`select`]: which rules run and at what severity (`--select`,
//!   `--ignore`, `--severity`, `[severity]` in the config).
//! - [`suppress`]: inline `<!-- figcheck-ignore CODE -->` comments.
//! - [`baseline`]: findings accepted earlier, by stable fingerprint.
//! - [`identity`]: what makes a recorded finding today's finding.
//! - [`store`]: reading, locking and safely writing those files.
//! - [`decisions`]: an editor's Accept / Dismiss from `figcheck review`.

pub mod baseline;
pub mod decisions;
pub mod identity;
pub mod select;
pub mod store;
pub mod suppress;
