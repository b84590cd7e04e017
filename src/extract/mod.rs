//! Extraction: where figures and dates are, and what they say.
//!
//! [`scan`] runs one Aho-Corasick pass to find where figures and dates can
//! start, and the nom parsers ([`number`], [`scale`], [`money`],
//! [`percent`], [`quantity`], [`date`]) read them there. What each figure
//! is about is the reading stage's job (`crate::read`).

pub mod date;
pub mod money;
pub mod number;
pub mod percent;
pub mod quantity;
pub mod scale;
pub mod scan;
pub mod sentence;
