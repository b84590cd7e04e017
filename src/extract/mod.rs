//! Extraction: from a document's prose to its claims.
//!
//! 1. [`scan`] runs one Aho-Corasick pass to find where figures and dates
//!    can start, and the nom parsers ([`number`], [`scale`], [`money`],
//!    [`percent`], [`quantity`], [`date`]) read them there.
//! 2. [`context`] reads each sentence around its figures for qualifier,
//!    role, counted noun, measure and period, and builds [`Claim`]s.

pub mod context;
pub mod date;
pub mod money;
pub mod number;
pub mod percent;
pub mod quantity;
pub mod scale;
pub mod scan;
pub mod sentence;

pub use context::Bands;

use crate::claim::Claim;
use crate::measure::Lexicon;
use crate::source::Document;

/// Every claim in one document, in text order.
pub fn extract(doc: &Document, doc_index: usize, lexicon: &Lexicon, bands: &Bands) -> Vec<Claim> {
    let atoms = scan::scan(&doc.prose);
    context::assemble(doc, doc_index, atoms, lexicon, bands)
}
