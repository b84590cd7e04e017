//! A finding's identity, for baselines and review decisions.
//!
//! Each passage a finding rests on is named by a short hash of its file,
//! its words and its sentence: nothing read from the words (measure,
//! period, value, owner) and no line number, so a better reading or an
//! edit elsewhere in a file keeps it. The passages are grouped into
//! *sides*: for a conflict, the figures of one value; for most rules, each
//! passage alone.
//!
//! A recorded finding (a baseline entry, a decision) matches today's when
//! the rule is the same and every side today holds more than half of the
//! passages recorded on a side of its own. So the order of files on the command line, which
//! figure happens to be flagged, and how many more sources agree with
//! either side change nothing; a figure with a new value (a new side) makes
//! it a new finding.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::findings::Finding;
use crate::Corpus;

/// At most this many passages of a side are recorded: enough to survive
/// the removal of a few sources, few enough to keep files small.
pub const RECORDED_PER_SIDE: usize = 4;

/// What identifies a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// A hash of the rule and every listed passage, sorted: shown in
    /// reports and written beside each recorded finding.
    pub fingerprint: String,
    /// Passage ids by side, each side sorted, the sides sorted.
    pub sides: Vec<Vec<String>>,
}

/// One passage's words, as hashed: file, text of the figure, sentence.
struct Passage<'a> {
    path: &'a str,
    text: &'a str,
    sentence: &'a str,
}

impl Passage<'_> {
    fn feed(&self, h: &mut Sha256) {
        let mut put = |s: &str| {
            h.update(s.as_bytes());
            h.update([0u8]);
        };
        put(self.path);
        put(self.text);
        // Whitespace is normalised: rewrapping a paragraph keeps it.
        for word in self.sentence.split_whitespace() {
            put(word);
        }
        put("");
    }

    fn id(&self) -> String {
        let mut h = Sha256::new();
        self.feed(&mut h);
        hex(&h.finalize())
    }
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(16);
    for b in &digest[..8] {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn passage(corpus: &Corpus, claim: usize) -> Passage<'_> {
    let c = &corpus.claims[claim];
    let doc = &corpus.docs[c.doc];
    Passage {
        path: &doc.id_path,
        text: &c.text,
        sentence: &doc.text[c.sentence.clone()],
    }
}

/// The passages a finding lists, with its place, sorted and without
/// repeats: what its fingerprint hashes.
fn listed<'a>(finding: &Finding, corpus: &'a Corpus) -> Vec<Passage<'a>> {
    let place = finding.place.as_ref().map(|p| {
        let doc = &corpus.docs[p.doc];
        Passage {
            path: &doc.id_path,
            text: &doc.text[p.span.clone()],
            sentence: "",
        }
    });
    let mut listed: Vec<Passage> = finding
        .claims
        .iter()
        .map(|&i| passage(corpus, i))
        .chain(place)
        .collect();
    listed.sort_unstable_by_key(|p| (p.path, p.text, p.sentence));
    listed.dedup_by_key(|p| (p.path, p.text, p.sentence));
    listed
}

/// The rule and the listed passages, hashed.
fn fingerprint_of(code: &str, listed: &[Passage]) -> String {
    let mut h = Sha256::new();
    h.update(code.as_bytes());
    h.update([0u8]);
    for p in listed {
        p.feed(&mut h);
    }
    hex(&h.finalize())
}

impl Identity {
    pub(crate) fn of(finding: &Finding, corpus: &Corpus) -> Identity {
        let listed = listed(finding, corpus);
        let fingerprint = fingerprint_of(finding.code, &listed);
        let mut sides: Vec<Vec<String>> = if finding.sides.is_empty() {
            listed.iter().map(|p| vec![p.id()]).collect()
        } else {
            finding
                .sides
                .iter()
                .map(|side| side.iter().map(|&i| passage(corpus, i).id()).collect())
                .collect()
        };
        for side in &mut sides {
            side.sort_unstable();
            side.dedup();
        }
        sides.sort_unstable();
        Identity { fingerprint, sides }
    }

    /// The fingerprint alone: what a report shows. Hashing every passage
    /// of every side (a large agreement has thousands) is left to
    /// baselines and decisions, which match by side.
    pub(crate) fn fingerprint(finding: &Finding, corpus: &Corpus) -> String {
        fingerprint_of(finding.code, &listed(finding, corpus))
    }

    /// The sides as recorded: each cut to its first passages.
    pub fn recorded_sides(&self) -> Vec<Vec<String>> {
        self.sides
            .iter()
            .map(|s| s.iter().take(RECORDED_PER_SIDE).cloned().collect())
            .collect()
    }

    /// Whether a finding recorded with `fingerprint` and `sides` is this
    /// one. A record without sides (written before they existed) matches
    /// by fingerprint alone.
    pub fn matches(&self, fingerprint: &str, sides: &[Vec<String>]) -> bool {
        if fingerprint == self.fingerprint {
            return true;
        }
        if sides.is_empty() || self.sides.is_empty() || self.sides.len() > sides.len() {
            return false;
        }
        // Which recorded sides each side of today's finding reaches: those
        // it shares more than half of their recorded passages with. One
        // shared passage is not enough: a figure with no owner joins every
        // owner's agreement, and must not make them one finding.
        let reach: Vec<Vec<usize>> = self
            .sides
            .iter()
            .map(|today| {
                (0..sides.len())
                    .filter(|&r| {
                        let shared = sides[r].iter().filter(|p| today.contains(p)).count();
                        2 * shared > sides[r].len()
                    })
                    .collect()
            })
            .collect();
        // ... and whether each can be given one of its own: two sides that
        // reach only the same recorded side have split since.
        distinct_representatives(&reach, sides.len())
    }
}

/// Sides as written in baseline and decision files: one string per side,
/// its passage ids separated by spaces, which reads better in TOML than
/// nested arrays.
pub mod as_lines {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(sides: &[Vec<String>], s: S) -> Result<S::Ok, S::Error> {
        let lines: Vec<String> = sides.iter().map(|side| side.join(" ")).collect();
        lines.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Vec<String>>, D::Error> {
        let lines = Vec::<String>::deserialize(d)?;
        Ok(lines
            .iter()
            .map(|line| line.split_whitespace().map(str::to_string).collect())
            .filter(|side: &Vec<String>| !side.is_empty())
            .collect())
    }
}

/// Recorded findings (baseline entries, decisions) indexed by fingerprint
/// and by passage, so that finding today's record of a finding looks at
/// the few records sharing a passage with it, not at every record.
#[derive(Debug, Default)]
pub struct Index {
    by_fingerprint: HashMap<String, usize>,
    by_passage: HashMap<String, Vec<usize>>,
}

impl Index {
    /// Index records given as (fingerprint, sides), in order.
    pub fn new<'a>(records: impl Iterator<Item = (&'a str, &'a [Vec<String>])>) -> Index {
        let mut index = Index::default();
        for (at, (fingerprint, sides)) in records.enumerate() {
            index
                .by_fingerprint
                .entry(fingerprint.to_string())
                .or_insert(at);
            for p in sides.iter().flatten() {
                let list = index.by_passage.entry(p.clone()).or_default();
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        index
    }

    /// The first record (in file order) that `accepts` says is this
    /// finding's, among those that could be: the one with its fingerprint,
    /// then those sharing a passage with it.
    pub fn find(&self, identity: &Identity, accepts: impl Fn(usize) -> bool) -> Option<usize> {
        if let Some(&at) = self.by_fingerprint.get(&identity.fingerprint) {
            if accepts(at) {
                return Some(at);
            }
        }
        let mut candidates: Vec<usize> = identity
            .sides
            .first()
            .into_iter()
            .flatten()
            .filter_map(|p| self.by_passage.get(p))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().find(|&at| accepts(at))
    }
}

/// Whether every item can take one of its choices, no two the same
/// (bipartite matching by augmenting paths; sides are few).
fn distinct_representatives(choices: &[Vec<usize>], slots: usize) -> bool {
    fn place(
        item: usize,
        choices: &[Vec<usize>],
        taken: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &slot in &choices[item] {
            if seen[slot] {
                continue;
            }
            seen[slot] = true;
            if taken[slot].is_none_or(|other| place(other, choices, taken, seen)) {
                taken[slot] = Some(item);
                return true;
            }
        }
        false
    }
    let mut taken = vec![None; slots];
    (0..choices.len()).all(|item| place(item, choices, &mut taken, &mut vec![false; slots]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(sides: &[&[&str]]) -> Vec<Vec<String>> {
        sides
            .iter()
            .map(|s| s.iter().map(|p| p.to_string()).collect())
            .collect()
    }

    fn today(sides: &[&[&str]]) -> Identity {
        Identity {
            fingerprint: "today".into(),
            sides: ids(sides),
        }
    }

    #[test]
    fn same_sides_with_more_passages_match() {
        let recorded = ids(&[&["a", "c"], &["b"]]);
        assert!(today(&[&["a", "c", "d"], &["b"]]).matches("old", &recorded));
        assert!(today(&[&["b", "e"], &["d", "c", "a"]]).matches("old", &recorded));
        // Half a recorded side is not enough: a left and d came.
        assert!(!today(&[&["b"], &["d", "c"]]).matches("old", &recorded));
    }

    #[test]
    fn a_new_side_or_a_split_is_new() {
        let recorded = ids(&[&["a", "c"], &["b"]]);
        // A third value.
        assert!(!today(&[&["a"], &["b"], &["f"]]).matches("old", &recorded));
        // a and c agreed when recorded; now they disagree with each other.
        assert!(!today(&[&["a"], &["c"]]).matches("old", &recorded));
        // A side with no recorded passage.
        assert!(!today(&[&["a"], &["g"]]).matches("old", &recorded));
    }

    #[test]
    fn one_shared_passage_is_not_the_same_side() {
        // An unowned figure u agrees with Nvidia's n and with AMD's a: two
        // findings sharing u.
        let recorded = ids(&[&["n", "u"]]);
        assert!(!today(&[&["a", "u"]]).matches("old", &recorded));
        assert!(today(&[&["n", "u", "x"]]).matches("old", &recorded));
        // No sides today: only the fingerprint can match.
        assert!(!today(&[]).matches("old", &recorded));
    }

    #[test]
    fn records_without_sides_match_by_fingerprint() {
        assert!(today(&[&["a"]]).matches("today", &[]));
        assert!(!today(&[&["a"]]).matches("old", &[]));
    }

    #[test]
    fn matching_needs_augmenting_paths() {
        // Side 0 reaches recorded 0 and 1, side 1 only 0: a greedy choice
        // of 0 for side 0 would wrongly fail.
        assert!(distinct_representatives(&[vec![0, 1], vec![0]], 2));
        assert!(!distinct_representatives(&[vec![0], vec![0]], 2));
    }
}
