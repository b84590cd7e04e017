//! Currencies as data: the ISO 4217 table of the `iso_currency` crate
//! (every code and its official English name) joined with the written
//! forms of `rules/currencies.toml` (signs before and after the number,
//! names, minor units, historical currencies, and the signs several
//! currencies share).
//!
//! The extractor asks three questions of it: is there a currency sign just
//! before this number ([`Currencies::before_at`]), is there one or a
//! currency's name just after it ([`Currencies::after_at`]), and, for a
//! shared sign such as "$", which currency the text means
//! ([`Currencies::resolve`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

/// A minor unit: its names and how many make one major unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MinorDef {
    names: Vec<String>,
    per: u32,
}

/// One `[[currency]]` of a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CurrencyDef {
    code: String,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    minor: Option<MinorDef>,
    #[serde(default)]
    historical: bool,
    #[serde(default)]
    needs_scale: bool,
}

/// The written forms common to a `[[currency]]` and a `[[shared]]`. The two
/// definitions repeat these fields rather than flatten them: serde's
/// `flatten` cannot be combined with `deny_unknown_fields`, and a misspelt
/// key must be an error.
struct Written<'a> {
    before: &'a [String],
    after: &'a [String],
    names: &'a [String],
    minor: Option<&'a MinorDef>,
    needs_scale: bool,
}

/// One `[[shared]]` of a rule file: a sign or name several currencies use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SharedDef {
    id: String,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    minor: Option<MinorDef>,
    #[serde(default)]
    needs_scale: bool,
    default: String,
    #[serde(default)]
    cues: BTreeMap<String, Vec<String>>,
    /// A currency a file names in full ("Norwegian crowns") is what the
    /// file's later shorthand ("crowns") means.
    #[serde(default)]
    carry: bool,
}

/// What a written form names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// One currency, by code.
    Code(String),
    /// A shared sign or name: the index of its group, decided in context.
    Shared(usize),
}

/// A written currency form and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The currency it names, or the shared group it belongs to.
    pub reading: Reading,
    /// A minor unit: how many make one ("cents": 100).
    pub minor_per: Option<u32>,
    /// Names money only after a scale, a decimal or a grouped number.
    pub needs_scale: bool,
}

impl Form {
    /// A sign of a currency or shared group: read without a scale, in the
    /// major unit.
    fn sign(reading: Reading) -> Form {
        Form {
            reading,
            minor_per: None,
            needs_scale: false,
        }
    }

    /// The currency read when the context says nothing: the code itself,
    /// or the shared group's default.
    pub fn default_code<'a>(&'a self, table: &'a Currencies) -> &'a str {
        match &self.reading {
            Reading::Code(c) => c,
            Reading::Shared(g) => &table.shared[*g].default,
        }
    }

    /// The factor of one written unit in major units: 0.01 for "cents".
    pub fn factor(&self) -> Decimal {
        match self.minor_per {
            Some(per) => Decimal::ONE / Decimal::from(per),
            None => Decimal::ONE,
        }
    }
}

/// A shared sign's group, ready to resolve.
#[derive(Debug, Clone)]
struct Shared {
    id: String,
    default: String,
    carry: bool,
    /// Cue words, lower case, and the currency each names.
    cues: Vec<(String, String)>,
}

/// What decided a shared sign's currency, nearest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A cue in the figure's own sentence: the file has named the currency,
    /// and its later shorthand may follow.
    Sentence,
    /// The currency the file named in full before.
    Earlier,
    /// A cue in the paragraph.
    Paragraph,
    /// The front matter or figcheck.toml.
    Setting,
    /// Nothing in the text or the settings said which.
    Default,
}

/// How a shared sign was read: the currency and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The currency code the sign was read as ("AUD").
    pub code: String,
    /// "'$' read as AUD: 'Australian dollars' in the sentence".
    pub note: String,
    /// What decided it.
    pub basis: Basis,
}

/// Every currency form, ready for the extractor.
#[derive(Debug, Clone, Default)]
pub struct Currencies {
    /// Forms before the number made of letters only ("Rs", "RMB"), as written.
    before_exact: FxHashMap<String, Form>,
    /// Forms before the number with a sign ("C$", "€"), spaces removed,
    /// ASCII lower case.
    before_folded: FxHashMap<String, Form>,
    /// Names and signs after the number, in the order added; later files
    /// override earlier ones.
    after: Vec<(String, Form)>,
    /// Signs after the number written with letters ("Ft", "zł"): they
    /// match only as written, so "6 ft" is six feet. A handful, scanned.
    cased_after: Vec<String>,
    /// ISO codes, upper case, for "5bn USD" and "USD 5bn".
    codes: FxHashMap<String, Form>,
    shared: Vec<Shared>,
    historical: FxHashSet<String>,
    /// Codes the rule files describe (the rest come from the ISO table only).
    described: FxHashSet<String>,
    after_matcher: OnceLock<Option<(AhoCorasick, Vec<Form>)>>,
    cue_matchers: OnceLock<Vec<Option<AhoCorasick>>>,
}

/// A rule file's currency sections, as read.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CurrencyPack {
    #[serde(default)]
    pub currency: Vec<CurrencyDef>,
    #[serde(default)]
    pub shared: Vec<SharedDef>,
}

fn has_sign(form: &str) -> bool {
    form.chars().any(|c| !c.is_alphabetic() && c != '.')
}

fn squeeze(form: &str) -> String {
    form.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Currencies {
    /// The ISO table alone: every active code, its official name and, for
    /// superseded codes, a historical mark.
    pub fn iso() -> Currencies {
        use iso_currency::IntoEnumIterator;
        let mut table = Currencies::default();
        for c in iso_currency::Currency::iter() {
            if c.is_special() || c.is_fund() {
                continue;
            }
            let code = c.code().to_string();
            if c.is_superseded().is_some() {
                table.historical.insert(code.clone());
            }
            let form = Form::sign(Reading::Code(code.clone()));
            // "Swedish krona/kronor"; "Renminbi (Chinese) yuan" is left to
            // the rule file.
            let name = c.name();
            if !name.contains('(') {
                for n in name.split('/') {
                    let n = n.trim();
                    let first = name.split('/').next().unwrap_or(n);
                    // "kronor" after the slash keeps the words before it.
                    let full = if n.contains(' ') || !first.contains(' ') {
                        n.to_string()
                    } else {
                        let stem = first.rsplit_once(' ').map_or("", |(s, _)| s);
                        format!("{stem} {n}")
                    };
                    table.add_after(&full, form.clone());
                    if !full.ends_with('s') {
                        table.add_after(&format!("{full}s"), form.clone());
                    }
                }
            }
            table.codes.insert(code, form);
        }
        table
    }

    fn add_after(&mut self, written: &str, form: Form) {
        self.after.push((written.to_string(), form));
        self.after_matcher = OnceLock::new();
    }

    fn add_before(&mut self, written: &str, form: Form) {
        if has_sign(written) {
            self.before_folded
                .insert(squeeze(written).to_ascii_lowercase(), form);
        } else {
            self.before_exact.insert(written.to_string(), form);
        }
    }

    /// Add the written forms of one currency or shared sign, all reading
    /// as `sign`: names may need a scale, minor units are a fraction of it.
    fn add_written(&mut self, owner: &str, forms: &Written, sign: Form) -> Result<(), String> {
        for b in forms.before {
            self.add_before(b, sign.clone());
        }
        for a in forms.after {
            if a.chars().any(char::is_alphabetic) {
                self.cased_after.push(a.clone());
            }
            self.add_after(a, sign.clone());
        }
        let named = Form {
            needs_scale: forms.needs_scale,
            ..sign.clone()
        };
        for n in forms.names {
            self.add_after(n, named.clone());
        }
        if let Some(minor) = forms.minor {
            check_minor(owner, minor)?;
            let part = Form {
                minor_per: Some(minor.per),
                ..sign
            };
            for n in &minor.names {
                self.add_after(n, part.clone());
            }
        }
        Ok(())
    }

    /// Add a rule file's currencies and shared signs. Errors name the entry.
    pub(crate) fn add(&mut self, pack: CurrencyPack) -> Result<(), String> {
        for def in pack.currency {
            let code = def.code.trim().to_string();
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!(
                    "currency code {:?} is not three capital letters",
                    def.code
                ));
            }
            if def.historical {
                self.historical.insert(code.clone());
            } else if !self.codes.contains_key(&code)
                && iso_currency::Currency::from_code(&code).is_none()
            {
                return Err(format!(
                    "currency {code:?} is not an ISO 4217 code; mark it `historical = true` if it is an old one"
                ));
            }
            self.described.insert(code.clone());
            let sign = Form::sign(Reading::Code(code.clone()));
            self.codes
                .entry(code.clone())
                .or_insert_with(|| sign.clone());
            // A described code is written before numbers freely ("USD 5").
            self.add_before(&code, sign.clone());
            // A lower-case code listed before the number is written after
            // it too: "5bn usd".
            let lower = code.to_ascii_lowercase();
            if def.before.contains(&lower) {
                self.add_after(&lower, sign.clone());
            }
            let forms = Written {
                before: &def.before,
                after: &def.after,
                names: &def.names,
                minor: def.minor.as_ref(),
                needs_scale: def.needs_scale,
            };
            self.add_written(&code, &forms, sign)?;
        }
        for def in pack.shared {
            let default = def.default.trim().to_string();
            if !self.knows(&default) {
                return Err(format!(
                    "shared sign {:?}: default {default:?} is not a known currency code",
                    def.id
                ));
            }
            if let Some(bad) = def.cues.keys().find(|c| !self.knows(c)) {
                return Err(format!(
                    "shared sign {:?}: cue currency {bad:?} is not a known currency code",
                    def.id
                ));
            }
            let index = match self.shared.iter().position(|s| s.id == def.id) {
                Some(i) => i,
                None => {
                    self.shared.push(Shared {
                        id: def.id.clone(),
                        default: default.clone(),
                        carry: def.carry,
                        cues: Vec::new(),
                    });
                    self.shared.len() - 1
                }
            };
            let group = &mut self.shared[index];
            group.default = default;
            group.carry |= def.carry;
            for (code, words) in &def.cues {
                for w in words {
                    group.cues.push((w.to_lowercase(), code.clone()));
                }
            }
            self.cue_matchers = OnceLock::new();
            let sign = Form::sign(Reading::Shared(index));
            let forms = Written {
                before: &def.before,
                after: &def.after,
                names: &def.names,
                minor: def.minor.as_ref(),
                needs_scale: def.needs_scale,
            };
            self.add_written(&def.id, &forms, sign)?;
        }
        Ok(())
    }

    /// The shared signs whose shorthand a file's full naming of `code`
    /// decides ("Norwegian crowns" decides "crowns"): groups that carry and
    /// name `code` among their cues.
    pub fn carried_by(&self, code: &str) -> Vec<usize> {
        self.shared
            .iter()
            .enumerate()
            .filter(|(_, s)| s.carry && s.cues.iter().any(|(_, c)| c == code))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether a code is of a currency no longer in use.
    pub fn is_historical(&self, code: &str) -> bool {
        self.historical.contains(code)
    }

    /// Every code the table reads, sorted.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.codes.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// The id of a shared group ("dollar").
    pub fn shared_id(&self, group: usize) -> &str {
        &self.shared[group].id
    }

    /// Whether `id` names a shared sign a setting can fix.
    pub fn is_shared_id(&self, id: &str) -> bool {
        self.shared.iter().any(|s| s.id == id)
    }

    /// Whether `code` is a currency the table knows.
    pub fn knows(&self, code: &str) -> bool {
        self.codes.contains_key(code) || self.historical.contains(code)
    }

    /// The currency form written before a number that starts exactly
    /// `text.len()` bytes in: `text` is what precedes the number, and the
    /// answer is where the form starts. One or two words are tried ("US$",
    /// "us $"), spaces allowed before the number.
    pub fn before_at(&self, text: &str) -> Option<(usize, Form)> {
        let head = text.trim_end_matches([' ', '\u{a0}']);
        let spaces = text.len() - head.len();
        if head.is_empty() || spaces > 2 {
            return None;
        }
        let token_start = |s: &str| {
            s.rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
        };
        let last = token_start(head);
        if last == head.len() {
            return None;
        }
        // Two words: "us $", "c $".
        let before_last = head[..last].trim_end_matches(' ');
        if before_last.len() + 1 == last && !before_last.is_empty() {
            let second = token_start(before_last);
            let two = &head[second..];
            // "US $108", and wire copy's "us $ 40 million", "c $ 75
            // million": a one-letter prefix only with the sign spaced on
            // both sides. "a $5m deal" and "Comcast' s $30bn" are not A$
            // and S$.
            let first = head[second..last].trim();
            let article = first.eq_ignore_ascii_case("a");
            let placed = spaces > 0 || first.chars().count() > 1;
            if two.len() <= 8 && &head[last..] == "$" && placed && !article {
                let key = squeeze(two).to_ascii_lowercase();
                if let Some(f) = self.before_folded.get(&key) {
                    return Some((second, f.clone()));
                }
            }
        }
        let word = &head[last..];
        if word.len() > 8 {
            return None;
        }
        // Letters glued to the number are as often a name ("COP24", "G20")
        // as a code ("USD108bn").
        let glued = spaces == 0;
        if let Some(f) = self.before_exact.get(word) {
            // A one-letter sign ("R" for rand) is a letter as often.
            let needs_scale = f.needs_scale || glued || word.chars().count() == 1;
            return Some((
                last,
                Form {
                    needs_scale,
                    ..f.clone()
                },
            ));
        }
        if let Some(f) = self.codes.get(word) {
            let needs_scale = glued || !self.described.contains(word);
            return Some((
                last,
                Form {
                    needs_scale,
                    ..f.clone()
                },
            ));
        }
        if has_sign(word) {
            let key = word.to_ascii_lowercase();
            if let Some(f) = self.before_folded.get(&key) {
                return Some((last, f.clone()));
            }
        }
        None
    }

    /// A currency named right after a hyphen, at the start of `rest` (the
    /// text after the hyphen): "euro" of "a 10-million-euro fine". Returns
    /// the bytes of the name.
    pub fn after_hyphen(&self, rest: &str) -> Option<(usize, Form)> {
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        let (used, form) = self.after_at(&format!(" {}", &rest[..len]))?;
        (used == len + 1).then_some((len, form))
    }

    /// A currency named or signed right after a number: `rest` is the text
    /// after it (and its scale). Returns the bytes used and the form.
    pub fn after_at(&self, rest: &str) -> Option<(usize, Form)> {
        let body = rest.trim_start_matches([' ', '\u{a0}']);
        let skipped = rest.len() - body.len();
        if skipped > 2 {
            return None;
        }
        // " in US dollars"
        let (body, skipped) = match body
            .get(..3)
            .filter(|w| w.eq_ignore_ascii_case("in "))
            .map(|_| body[3..].trim_start_matches(' '))
        {
            Some(b) if skipped > 0 => (b, rest.len() - b.len()),
            _ => (body, skipped),
        };
        if let Some((ac, forms)) = self.after_matcher() {
            let input = Input::new(body).anchored(Anchored::Yes);
            if let Some(m) = ac.find(input) {
                let written = &body[..m.end()];
                let ends_in_letter = written.ends_with(|c: char| c.is_alphanumeric());
                let starts_in_letter = written.starts_with(|c: char| c.is_alphanumeric());
                let clean_end =
                    !ends_in_letter || !body[m.end()..].starts_with(|c: char| c.is_alphanumeric());
                // A name needs a space before it; a sign may be glued
                // ("45元"). A one-letter name ("p" of "310p") must be glued,
                // and is no abbreviation: "7 p.m." is a time.
                let one_letter = starts_in_letter && written.chars().count() == 1;
                // Miscased when some sign folds to it and none is it ("RMB"
                // and "rmb" are both listed).
                let miscased = !self.cased_after.iter().any(|sign| sign == written)
                    && self.cased_after.iter().any(|sign| {
                        sign.chars()
                            .flat_map(char::to_lowercase)
                            .eq(written.chars().flat_map(char::to_lowercase))
                    });
                let placed = !miscased
                    && if one_letter {
                        skipped == 0 && !is_abbreviation(&body[m.end()..])
                    } else {
                        skipped > 0 || !starts_in_letter
                    };
                if clean_end && placed {
                    return Some((skipped + m.end(), forms[m.pattern().as_usize()].clone()));
                }
            }
        }
        // "5bn USD"
        if skipped > 0 {
            let word: &str = body
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if word.len() == 3 {
                if let Some(f) = self.codes.get(word) {
                    return Some((skipped + 3, f.clone()));
                }
            }
        }
        None
    }

    fn after_matcher(&self) -> Option<&(AhoCorasick, Vec<Form>)> {
        self.after_matcher
            .get_or_init(|| super::anchored_words(self.after.iter().cloned(), true))
            .as_ref()
    }

    fn cue_matchers(&self) -> &Vec<Option<AhoCorasick>> {
        self.cue_matchers.get_or_init(|| {
            self.shared
                .iter()
                .map(|s| {
                    AhoCorasickBuilder::new()
                        .ascii_case_insensitive(true)
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(s.cues.iter().map(|(w, _)| w))
                        .ok()
                })
                .collect()
        })
    }

    /// The currencies the cue words of group `group` name in `text`, in
    /// the order first met, each with the words that named it.
    pub fn cued(&self, group: usize, text: &str) -> Vec<(String, String)> {
        let Some(Some(ac)) = self.cue_matchers().get(group) else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut found: Vec<(String, String)> = Vec::new();
        for m in ac.find_iter(text) {
            let whole = (m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric())
                && (m.end() == bytes.len() || !bytes[m.end()].is_ascii_alphanumeric());
            if !whole {
                continue;
            }
            let code = &self.shared[group].cues[m.pattern().as_usize()].1;
            if !found.iter().any(|(c, _)| c == code) {
                found.push((code.clone(), text[m.range()].to_string()));
            }
        }
        found
    }

    /// Which currency a shared sign means: a cue in the sentence, else in
    /// the paragraph, else the outlet's setting (front matter, then
    /// figcheck.toml), else the default. Two cues naming different
    /// currencies in the nearest place that has any cancel out: the
    /// setting or default is read, and the note says so.
    pub fn resolve(
        &self,
        group: usize,
        written: &str,
        sentence: &str,
        paragraph: &str,
        settings: &[(&str, &BTreeMap<String, String>)],
    ) -> Resolved {
        let in_paragraph = self.cued(group, paragraph);
        self.resolve_in_file(group, written, sentence, None, &in_paragraph, settings)
    }

    /// [`Currencies::resolve`] with the paragraph's cues found already
    /// ([`Currencies::cued`]: the figures of one paragraph share them) and
    /// the currency the file named in full before
    /// ([`Currencies::carried_by`]), which comes after the sentence's own
    /// cues and before the paragraph's.
    pub fn resolve_in_file(
        &self,
        group: usize,
        written: &str,
        sentence: &str,
        earlier: Option<&(String, String)>,
        in_paragraph: &[(String, String)],
        settings: &[(&str, &BTreeMap<String, String>)],
    ) -> Resolved {
        let shared = &self.shared[group];
        let mut clash = None;
        let in_sentence = self.cued(group, sentence);
        let earlier: &[(String, String)] = earlier.map_or(&[], std::slice::from_ref);
        for (basis, place, cued) in [
            (Basis::Sentence, "in the sentence", &in_sentence[..]),
            (Basis::Earlier, "earlier in the file", earlier),
            (Basis::Paragraph, "in the paragraph", in_paragraph),
        ] {
            match cued {
                [] => continue,
                [(code, word)] => {
                    return Resolved {
                        code: code.clone(),
                        note: format!("'{written}' read as {code}: '{word}' {place}"),
                        basis,
                    }
                }
                many => {
                    clash = Some(format!(
                        "{} {place} name different currencies",
                        many.iter()
                            .map(|(_, w)| format!("'{w}'"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ));
                    break;
                }
            }
        }
        let why = clash.map_or(String::new(), |c| format!("; {c}"));
        for (origin, map) in settings {
            // A setting naming no known currency is not taken.
            if let Some(code) = map.get(&shared.id).filter(|c| self.knows(c)) {
                return Resolved {
                    code: code.clone(),
                    note: format!(
                        "'{written}' read as {code}: {origin} sets {} = {code}{why}",
                        shared.id
                    ),
                    basis: Basis::Setting,
                };
            }
        }
        Resolved {
            code: shared.default.clone(),
            note: format!(
                "'{written}' read as {}: the default for {}{why}",
                shared.default, shared.id
            ),
            basis: Basis::Default,
        }
    }
}

/// After a one-letter name, a dot and a letter make an abbreviation: "7
/// p.m." is a time, "310p." an amount ending a sentence.
fn is_abbreviation(after: &str) -> bool {
    let mut c = after.chars();
    c.next() == Some('.') && c.next().is_some_and(char::is_alphabetic)
}

/// Characters that may open a token before a currency sign: "(US$5".
const OPENERS: &[char] = &['(', '[', '"', '\'', '“', '‘', '—', '–'];

fn check_minor(owner: &str, minor: &MinorDef) -> Result<(), String> {
    if minor.per < 2 || minor.names.is_empty() {
        return Err(format!(
            "{owner}: a minor unit needs names and `per` of at least 2"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Currencies {
        let mut t = Currencies::iso();
        let pack: CurrencyPack =
            toml::from_str(include_str!("../../rules/currencies.toml")).expect("pack parses");
        t.add(pack).expect("pack is valid");
        t
    }

    #[test]
    fn prefixes_are_found_by_looking_back() {
        let t = table();
        let code = |s: &str| {
            t.before_at(s)
                .map(|(at, f)| (at, f.default_code(&t).to_string()))
        };
        assert_eq!(code("paid C$"), Some((5, "CAD".into())));
        assert_eq!(code("raised us $ "), Some((7, "USD".into())));
        assert_eq!(code("said c $ "), Some((5, "CAD".into())));
        assert_eq!(code("(US$"), Some((1, "USD".into())));
        assert_eq!(code("cost Rs "), Some((5, "INR".into())));
        assert_eq!(code("cost USD "), Some((5, "USD".into())));
        assert_eq!(code("Mex$"), Some((0, "MXN".into())));
        assert_eq!(code("the "), None);
        assert_eq!(code("for a $"), Some((6, "USD".into())));
        assert_eq!(code("A $"), Some((2, "USD".into())));
        assert_eq!(code("Comcast' s $"), Some((11, "USD".into())));
        assert_eq!(code("cost rs "), None);
    }

    #[test]
    fn iso_only_codes_need_a_scale() {
        let t = table();
        let (_, f) = t.before_at("TOP ").expect("TOP is the pa'anga's code");
        assert!(f.needs_scale);
        let (_, f) = t.before_at("USD ").unwrap();
        assert!(!f.needs_scale);
    }

    #[test]
    fn names_and_signs_after_the_number() {
        let t = table();
        let code = |s: &str| {
            t.after_at(s)
                .map(|(n, f)| (n, f.default_code(&t).to_string()))
        };
        assert_eq!(code(" dutch guilders."), Some((15, "NLG".into())));
        assert_eq!(code(" chinese yuan"), Some((13, "CNY".into())));
        assert_eq!(code("元 there"), Some(("元".len(), "CNY".into())));
        assert_eq!(code(" €"), Some((4, "EUR".into())));
        assert_eq!(code(" in US dollars"), Some((14, "USD".into())));
        assert_eq!(code(" Kenyan shillings"), Some((17, "KES".into())));
        assert_eq!(code(" USD"), Some((4, "USD".into())));
        assert_eq!(code(" wonder"), None);
        assert_eq!(code(" dollarisation"), None);
        assert_eq!(code("yuan"), None, "a name needs a space before it");
        // A sign of letters is matched as written; names in any case.
        assert_eq!(code(" Ft"), Some((3, "HUF".into())));
        assert_eq!(code(" ft deep"), None, "six feet, not forints");
        assert_eq!(code(" FORINTS"), Some((8, "HUF".into())));
        // Both spellings a pack lists are read.
        assert_eq!(code(" RMB"), Some((4, "CNY".into())));
        assert_eq!(code(" rmb"), Some((4, "CNY".into())));
        let (_, pence) = t.after_at("p each").unwrap();
        assert_eq!(pence.minor_per, Some(100));
    }

    #[test]
    fn every_active_iso_code_is_read_before_and_after() {
        use iso_currency::IntoEnumIterator;
        let t = table();
        let mut missing = Vec::new();
        for c in iso_currency::Currency::iter() {
            if c.is_special() || c.is_fund() {
                continue;
            }
            let code = c.code();
            let before = t.before_at(&format!("{code} ")).map(|(_, f)| f);
            let after = t.after_at(&format!(" {code}")).map(|(_, f)| f);
            let reads = |f: Option<Form>| matches!(f, Some(Form { reading: Reading::Code(ref x), .. }) if x == code);
            if !reads(before) || !reads(after) {
                missing.push(code);
            }
        }
        assert!(missing.is_empty(), "not read: {missing:?}");
    }

    #[test]
    fn shared_signs_resolve_by_cue_setting_or_default() {
        let t = table();
        let (_, yen) = t.before_at("¥").unwrap();
        let Reading::Shared(g) = yen.reading else {
            panic!("¥ is shared")
        };
        let none = BTreeMap::new();
        let r = t.resolve(g, "¥", "China's imports hit ¥5bn.", "", &[]);
        assert_eq!(r.code, "CNY");
        assert_eq!(r.note, "'¥' read as CNY: 'China's' in the sentence");
        let earlier = ("CNY".to_string(), "5bn yuan".to_string());
        let r = t.resolve_in_file(g, "¥", "Imports hit ¥5bn.", Some(&earlier), &[], &[]);
        assert_eq!(r.note, "'¥' read as CNY: '5bn yuan' earlier in the file");
        let r = t.resolve(g, "¥", "Imports hit ¥5bn.", "", &[("front matter", &none)]);
        assert_eq!(r.code, "JPY");
        assert_eq!(r.note, "'¥' read as JPY: the default for yen");
        let (_, dollar) = t.before_at("$").unwrap();
        let Reading::Shared(d) = dollar.reading else {
            panic!("$ is shared")
        };
        let outlet: BTreeMap<String, String> = [("dollar".to_string(), "AUD".to_string())].into();
        let r = t.resolve(d, "$", "It cost $5.", "", &[("figcheck.toml", &outlet)]);
        assert_eq!(r.note, "'$' read as AUD: figcheck.toml sets dollar = AUD");
        let r = t.resolve(
            d,
            "$",
            "The Canadian dollar and the Australian dollar both fell; it cost $5.",
            "",
            &[],
        );
        assert_eq!(r.code, "USD");
        assert!(r.note.contains("name different currencies"), "{}", r.note);
    }

    #[test]
    fn bad_entries_are_refused() {
        let mut t = Currencies::iso();
        let pack: CurrencyPack = toml::from_str("[[currency]]\ncode = \"XYZ\"\n").unwrap();
        assert!(t.add(pack).unwrap_err().contains("not an ISO 4217 code"));
        let pack: CurrencyPack =
            toml::from_str("[[shared]]\nid = \"x\"\ndefault = \"QQQ\"\n").unwrap();
        assert!(t.add(pack).unwrap_err().contains("QQQ"));
    }
}
