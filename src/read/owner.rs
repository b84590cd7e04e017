//! Owner: whose figure it is.
//!
//! Read from the figure's own sentence: a capitalised possessive
//! ("Kestrel Mobile's revenue"), the capitalised subject of an actor verb
//! ("Sunwave reported revenue of", "the BJP won 240 seats"), a name right
//! before the measure ("Chinese exports", "Nvidia revenue"), "revenue at
//! Acme", or a place the measure is "in" ("inflation in Freedonia"). A
//! figure that names no owner takes the article's subject when the article
//! has one (one owner named far more often than any other); otherwise it
//! stays unowned, and unowned figures are compared only with each other.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::figure::Figure;
use super::tokens::{Token, TokenKind};
use super::Sentence;
use crate::claim::{Claim, Kind, Reason, Role, Source};
use crate::extract::date;
use crate::lexicon::{Class, Lexicon};

/// The owner named in the figure's sentence, and the words that name it.
/// `head` is the token of the measure's head, when one was found.
pub fn find_owner(
    s: &Sentence,
    lex: &Lexicon,
    f: &Figure,
    head: Option<usize>,
) -> Option<(String, Reason)> {
    let tokens = &s.tokens;
    let at = f.tok;
    let lo = at.saturating_sub(12);
    let found = |start: usize, end: usize| -> (String, Reason) {
        let words: Vec<&str> = (start..=end)
            .map(|i| {
                let t = &tokens[i];
                t.possessive_stem().unwrap_or(t.text)
            })
            .collect();
        let span = tokens[start].span.start..tokens[end].span.end;
        let source = if tokens[end].clause == tokens[at].clause {
            Source::Clause
        } else {
            Source::Sentence
        };
        (
            owner_name(lex, &words.join(" ")),
            Reason::new(source, Some(span)),
        )
    };
    // A measure nobody owns (a deal's value, a toll) takes only a
    // possessive: "AOL's $94 billion purchase" is AOL's deal, not AT&T's.
    let unowned = f.measure.as_ref().is_some_and(|m| lex.is_unowned(m));
    // A name right before the measure: "Nvidia revenue", "Chinese exports",
    // "BJP seats" (modifiers between are part of the measure). A measure
    // nobody owns takes only a possessive there: "Turkey's death toll" is
    // Turkey's, not the combined toll of the countries struck.
    if let Some(h) = head {
        let mut i = h;
        // Words and times between: "Nvidia's third-quarter revenue".
        let between = |t: &Token| {
            t.is_word() && !t.capitalised() || matches!(t.kind, super::tokens::TokenKind::Time(_))
        };
        while i > 0 && tokens[i].tight && between(&tokens[i - 1]) {
            if tokens[i - 1].is(Class::Stop) || tokens[i - 1].is(Class::Determiner) {
                break;
            }
            i -= 1;
        }
        if i > 0
            && tokens[i].tight
            && name_at(s, lex, i - 1)
            && (!unowned || tokens[i - 1].possessive_stem().is_some())
        {
            let end = i - 1;
            return Some(found(run_start(s, lex, end, 0), end));
        }
        if unowned {
            return possessive_before(s, lex, f).map(|p| found(run_start(s, lex, p, 0), p));
        }
        // "Japanese exporters, whose sales to the US climbed": the owner
        // of a "whose" clause is the noun phrase it hangs on.
        if i >= 3
            && tokens[i - 1].lower == "whose"
            && tokens[i - 2].kind == super::tokens::TokenKind::Break(',')
        {
            let np_end = i - 3;
            let mut k = np_end + 1;
            while k > 0
                && tokens[k - 1].is_word()
                && !tokens[k - 1].is(Class::Determiner)
                && np_end + 1 - k < 4
            {
                k -= 1;
            }
            if let Some(n) = (k..=np_end).find(|&n| name_at(s, lex, n)) {
                return Some(found(n, run_end(s, lex, n, np_end + 1)));
            }
        }
        // "revenue at Acme", "profit for Globex", "passenger numbers at
        // Norvik" (the rest of the measure's words first).
        let after_head = (h + 1..(h + 4).min(tokens.len()))
            .take_while(|&k| tokens[k].is_word() && !tokens[k].capitalised())
            .find(|&k| matches!(&*tokens[k].lower, "at" | "for"));
        if let Some(prep) = after_head.filter(|&k| {
            tokens[h + 1..k]
                .iter()
                .all(|t| !t.is(Class::Stop) && !t.is(Class::Determiner) && !t.is(Class::Verb))
        }) {
            let first = prep + 1;
            if tokens.get(first).is_some_and(|t| t.tight) && name_at(s, lex, first) {
                return Some(found(first, run_end(s, lex, first, tokens.len())));
            }
        }
    }
    if let Some(p) = possessive_before(s, lex, f) {
        return Some(found(run_start(s, lex, p, 0), p));
    }
    // A running tally (deaths, cases) or a deal's value is nobody's: the
    // agency that reports it ("the ministry recorded 500 deaths") is its
    // source, the buyer one party of two.
    if unowned {
        return None;
    }
    // "Kuwait 128,000 bpd": a name right before its figure.
    if at > 0 && tokens[at].tight && name_at(s, lex, at - 1) {
        return Some(found(run_start(s, lex, at - 1, 0), at - 1));
    }
    // "with the Conservatives on 121", "Trump on 47%", "the ANC on only
    // about 18 percent": a name on its figure.
    let mut on = at;
    while on > 0 && at - on < 2 && tokens[on].tight && tokens[on - 1].is(Class::ChangeFiller) {
        on -= 1;
    }
    if on >= 2
        && tokens[on].tight
        && tokens[on - 1].tight
        && tokens[on - 1].lower == "on"
        && name_at(s, lex, on - 2)
    {
        return Some(found(run_start(s, lex, on - 2, 0), on - 2));
    }
    // "NDA: 292 seats": a name, a colon, its figure.
    if at >= 2
        && tokens[at - 1].kind == super::tokens::TokenKind::Break(':')
        && name_at(s, lex, at - 2)
    {
        return Some(found(run_start(s, lex, at - 2, 0), at - 2));
    }
    // "39,870 for the People's Party candidate": whom a count is for.
    if let Some(owner) = for_name_after(s, lex, f) {
        return Some(found(owner.0, owner.1));
    }
    for i in (lo..at).rev() {
        let t = &tokens[i];
        if t.is(Class::Clause) {
            break;
        }
        // "Sunwave reported", and "Tom Adeyemi, took" with its comma. A
        // forecaster ("the IMF projects growth of 3%") is a source, not
        // the owner of what it forecasts.
        if t.is(Class::ActorVerb) && i > lo {
            let mut j = i - 1;
            if matches!(tokens[j].kind, super::tokens::TokenKind::Break(',')) && j > lo {
                // "Achterberg has been elected mayor of Marrowfield,
                // winning 48,312 votes": a participle after a comma acts
                // for the sentence's subject, not the word before it.
                if t.lower.ends_with("ing") {
                    let first =
                        usize::from(tokens.first().is_some_and(|t| t.is(Class::Determiner)));
                    if first < j && name_at(s, lex, first) {
                        return Some(found(first, run_end(s, lex, first, j)));
                    }
                    break;
                }
                j -= 1;
                // "Harwick Machinery, the equipment maker based in Port
                // Calder, reported": the name before an apposition acts,
                // not a place inside it.
                // So too the name before a relative clause: "The Red Line,
                // which runs from Hallstedt to the airport, carried".
                let opening = (j.saturating_sub(12)..j).rev().find(|&c| {
                    matches!(tokens[c].kind, super::tokens::TokenKind::Break(','))
                        && tokens.get(c + 1).is_some_and(|t| {
                            t.is(Class::Determiner)
                                || matches!(&*t.lower, "which" | "who" | "whose")
                        })
                });
                if let Some(c) = opening.filter(|&c| c > 0 && name_at(s, lex, c - 1)) {
                    return Some(found(run_start(s, lex, c - 1, 0), c - 1));
                }
            }
            if name_at(s, lex, j) {
                return Some(found(run_start(s, lex, j, 0), j));
            }
            // "Caldera Bay's container terminals handled": a name's
            // possessive on the acting noun phrase, up to three plain words.
            // Not a rival's: "Norda's biggest competitor reported".
            let plain = |t: &Token| {
                t.is_word()
                    && t.tight
                    && !t.capitalised()
                    && !t.is(Class::Stop)
                    && !t.is(Class::Determiner)
                    && !matches!(
                        &*t.fold,
                        "rival"
                            | "competitor"
                            | "peer"
                            | "neighbour"
                            | "neighbor"
                            | "partner"
                            | "customer"
                            | "supplier"
                            | "client"
                            | "lender"
                            | "creditor"
                    )
            };
            if let Some(p) = (j.saturating_sub(3)..j)
                .rev()
                .take_while(|&k| plain(&tokens[k + 1]))
                .find(|&k| tokens[k].possessive_stem().is_some())
                .filter(|&p| p >= lo && name_at(s, lex, p))
            {
                return Some(found(run_start(s, lex, p, 0), p));
            }
            // "... after she won 43,812 votes": the person named last
            // before the pronoun.
            if matches!(&*tokens[j].lower, "she" | "he") {
                if let Some(end) = (0..j)
                    .rev()
                    .find(|&k| name_at(s, lex, k) && tokens[k].possessive_stem().is_none())
                {
                    return Some(found(run_start(s, lex, end, 0), end));
                }
            }
        }
    }
    // The name that opens the sentence, or the figure's own clause ("...,
    // where Sonwane beat Munde by 6,553 votes"), owns its figures when it
    // rises, falls or acts ("Reliance Jio grew solidly in Q2, with revenue
    // up 14.6%"), or when "it"/"its" before the figure refers to it
    // ("Aldmoor Airport said it had handled 13.1 million passengers").
    let sentence_first = subject_start(s);
    let clause = tokens[at].clause;
    let clause_first = (0..at).find(|&i| tokens[i].clause == clause).map(|i| {
        let mut i = i;
        while i < at
            && (!tokens[i].is_word()
                || [
                    Class::Determiner,
                    Class::SubjectOpener,
                    Class::Clause,
                    Class::Coordinator,
                ]
                .iter()
                .any(|&c| tokens[i].is(c)))
        {
            i += 1;
        }
        i
    });
    if let Some(owner) = subject_owner(s, lex, sentence_first, at, false) {
        return Some(found(owner.0, owner.1));
    }
    // After a fronted phrase ("With most votes counted, the Unity Party
    // stood at 42 per cent"), the subject opens the main clause.
    if let Some(owner) =
        after_fronted_phrase(s, at).and_then(|first| subject_owner(s, lex, first, at, false))
    {
        return Some(found(owner.0, owner.1));
    }
    // Inside the sentence only a contest's winner, whose margin it is:
    // a minister who "raised the rebate limit" does not own the limit.
    if let Some(owner) = clause_first
        .filter(|&c| c > sentence_first)
        .and_then(|first| subject_owner(s, lex, first, at, true))
    {
        return Some(found(owner.0, owner.1));
    }
    None
}

/// "39,870 for Dario Kovač", "17 seats for the Greens": a name after "for"
/// right behind the figure (or its counted noun) is whom the count is for.
/// Only for counts: "$5bn for Ukraine" may be aid, a price or a loan.
fn for_name_after(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<(usize, usize)> {
    let tokens = &s.tokens;
    if f.kind() != Kind::Count {
        return None;
    }
    let mut k = f.tok + 1;
    // Past the counted noun ("votes", "seats"), a word or two.
    while k < tokens.len() && k <= f.tok + 2 && tokens[k].tight && tokens[k].is_word() {
        if tokens[k].lower == "for" {
            break;
        }
        k += 1;
    }
    if !tokens.get(k).is_some_and(|t| t.tight && t.lower == "for") {
        return None;
    }
    let mut first = k + 1;
    if tokens
        .get(first)
        .is_some_and(|t| t.tight && t.is(Class::Determiner))
    {
        first += 1;
    }
    if first >= tokens.len() || !tokens[first].tight || !name_at(s, lex, first) {
        return None;
    }
    Some((first, run_end(s, lex, first, tokens.len())))
}

/// "Nvidia's 62% rise", "AOL's ill-fated $94 billion purchase": a name's
/// possessive before the figure, at most two plain words between.
fn possessive_before(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<usize> {
    let (tokens, at) = (&s.tokens, f.tok);
    (at.saturating_sub(3)..at)
        .rev()
        .find(|&i| {
            tokens[i].possessive_stem().is_some()
                && tokens[i + 1..=at].iter().all(|t| t.tight)
                && tokens[i + 1..at]
                    .iter()
                    .all(|t| t.is_word() && !t.capitalised() && !t.is(Class::Stop))
        })
        .filter(|&p| name_at(s, lex, p))
}

/// Where a sentence's subject may start: after a leading determiner, and
/// after a fronted time ("On Thursday Infosys said its net profit ...",
/// "On July 11, Tata Consultancy Services opened ...").
fn subject_start(s: &Sentence) -> usize {
    let tokens = &s.tokens;
    let mut i = 0;
    let time = |t: &Token| matches!(t.kind, super::tokens::TokenKind::Time(_));
    if tokens
        .first()
        .is_some_and(|t| t.is_word() && t.is(Class::Stop))
        && tokens.get(1).is_some_and(&time)
    {
        i = 1;
        while tokens
            .get(i)
            .is_some_and(|t| time(t) || t.is(Class::Determiner))
        {
            i += 1;
        }
        if tokens
            .get(i)
            .is_some_and(|t| t.kind == super::tokens::TokenKind::Break(','))
        {
            i += 1;
        }
    }
    if tokens.get(i).is_some_and(|t| t.is(Class::Determiner)) {
        i += 1;
    }
    i
}

/// Where the main clause's subject starts after a fronted phrase that
/// opens with a preposition ("With ...,", "After ...,", "In KwaZulu-Natal,"):
/// past the phrase's comma and a determiner, if the comma comes before
/// the figure at `at` and within a few words.
fn after_fronted_phrase(s: &Sentence, at: usize) -> Option<usize> {
    let tokens = &s.tokens;
    let opener = tokens.first()?;
    if !(opener.is_word()
        && opener.is(Class::Stop)
        && !opener.is(Class::Determiner)
        && opener.capitalised())
    {
        return None;
    }
    let comma = (1..at.min(10)).find(|&i| tokens[i].kind == TokenKind::Break(','))?;
    let mut first = comma + 1;
    if tokens.get(first).is_some_and(|t| t.is(Class::Determiner)) {
        first += 1;
    }
    (first < at).then_some(first)
}

/// The place a sentence is fronted by: "In Asia, net operating income
/// grew 16%", "In London, the shares rose 0.8%". A name run right after an
/// opening "In" that ends at a comma, as an owner name, with its words.
pub fn fronted_place(s: &Sentence, lex: &Lexicon) -> Option<(String, Range<usize>)> {
    let tokens = &s.tokens;
    if !tokens
        .first()
        .is_some_and(|t| t.lower == "in" && t.capitalised())
    {
        return None;
    }
    if tokens.len() < 3 || !tokens[1].tight || !name_at(s, lex, 1) {
        return None;
    }
    let end = run_end(s, lex, 1, tokens.len().min(6));
    if tokens
        .get(end + 1)
        .is_none_or(|t| t.kind != TokenKind::Break(','))
    {
        return None;
    }
    let words: Vec<&str> = (1..=end).map(|i| tokens[i].text).collect();
    let span = tokens[1].span.start..tokens[end].span.end;
    Some((owner_name(lex, &words.join(" ")), span))
}

/// The name run opening at token `first` and ending at `.1`, when it is the
/// subject of a verb of rising, falling, acting or winning before the
/// figure at `at`, or "it"/"its" before the figure refers back to it; with
/// `contest_only`, only the subject of a verb of winning.
fn subject_owner(
    s: &Sentence,
    lex: &Lexicon,
    first: usize,
    at: usize,
    contest_only: bool,
) -> Option<(usize, usize)> {
    let tokens = &s.tokens;
    if first >= at || !name_at(s, lex, first) {
        return None;
    }
    let end = run_end(s, lex, first, at);
    // A name's apposition may stand between it and its verb: "Bajrang
    // Sonwane of the NCP (Sharad Pawar) beat ...".
    let mut next = end + 1;
    let mut loose = false;
    if tokens.get(next).is_some_and(|t| t.tight && t.lower == "of") {
        let mut k = next + 1;
        if tokens.get(k).is_some_and(|t| t.is(Class::Determiner)) {
            k += 1;
        }
        let names = k;
        // The party's name, and a bracketed one after it.
        let mut depth = 0usize;
        while k < at {
            match tokens[k].text {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                _ if depth > 0 || name_at(s, lex, k) => {}
                _ => break,
            }
            k += 1;
        }
        if k > names && depth == 0 {
            next = k;
            loose = true;
        }
    }
    let verb = tokens.get(next).is_some_and(|t| {
        (t.tight || loose)
            && t.is_word()
            && (t.is(Class::Contest)
                || !contest_only
                    && (t.is(Class::Rise) || t.is(Class::Fall) || t.is(Class::ActorVerb)))
    });
    let pronoun = !contest_only
        && (end + 1..at)
            .rev()
            .take(12)
            .any(|i| matches!(&*tokens[i].lower, "it" | "its"));
    (verb || pronoun).then_some((first, end))
}

/// The part of a company a figure belongs to, when the subject of its actor
/// verb names one: "The oil to chemicals (O2C) arm booked revenue of ..."
/// gives "o2c arm".
pub fn segment(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<String> {
    let tokens = &s.tokens;
    let clause = tokens[f.tok].clause;
    let verb = (f.tok.saturating_sub(12)..f.tok).rev().find(|&i| {
        tokens[i].is(Class::ActorVerb) || tokens[i].is(Class::Rise) || tokens[i].is(Class::Fall)
    })?;
    let _ = clause;
    let noun = verb
        .checked_sub(1)
        .filter(|&i| tokens[i].is(Class::Segment))?;
    // The words of its noun phrase back to its determiner, breaks skipped.
    let mut words = vec![tokens[noun].text];
    let mut i = noun;
    while i > 0 && words.len() < 5 {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.kind, super::tokens::TokenKind::Break('(' | ')')) {
            continue;
        }
        if !t.is_word() || t.is(Class::Determiner) || t.is(Class::Clause) {
            break;
        }
        words.push(t.text);
    }
    words.reverse();
    Some(lex.normalise_phrase(&words.join(" ")))
}

/// The part of a company a paragraph is about, when a sentence opens with
/// it as its subject: "The retail business grew both revenue and profit"
/// gives "retail business", and the paragraph's figures that name no part
/// of their own are that part's.
pub fn opening_segment(prose: &str, range: Range<usize>, lex: &Lexicon) -> Option<String> {
    // Only the opening words are asked; most sentences have no part in them.
    let head = prose[range.clone()]
        .char_indices()
        .nth(80)
        .map_or(range.end, |(i, _)| range.start + i);
    let words = crate::extract::sentence::words(prose, range.start..head);
    let lower: Vec<String> = words
        .iter()
        .take(6)
        .map(|w| w.text.to_lowercase())
        .collect();
    let classes = |i: usize| lex.words().classes(&lower[i]);
    let first = usize::from(
        lower
            .first()
            .is_some_and(|_| classes(0).has(Class::Determiner)),
    );
    let seg = (first + 1..lower.len().min(first + 4)).find(|&i| classes(i).has(Class::Segment))?;
    // A verb follows the part ("grew", "posted"), not "of" or a name's rest.
    let next = lower.get(seg + 1)?;
    let next_classes = lex.words().classes(next);
    let verb = next_classes.has(Class::ActorVerb)
        || next_classes.has(Class::Rise)
        || next_classes.has(Class::Fall)
        || next_classes.has(Class::Verb)
        || next_classes.has(Class::SVerb);
    let plain = (first..seg).all(|i| {
        let c = classes(i);
        !c.has(Class::Stop) && !c.has(Class::Reporting)
    });
    (verb && plain).then(|| lex.normalise_phrase(&lower[first..=seg].join(" ")))
}

/// A capitalised word that can be (part of) a name: not a word the
/// classes rule out, not a month or weekday, not a measure term ("GDP").
fn is_name(lex: &Lexicon, t: &Token) -> bool {
    t.is_word()
        && t.capitalised()
        && !t.is(Class::NotOwner)
        && !t.is(Class::Stop)
        && !t.is(Class::Neutral)
        && !t.is(Class::Determiner)
        && !t.is(Class::Estimate)
        && !t.is(Class::Reporting)
        && date::month_name(t.text).is_err()
        && date::weekday_name(t.text).is_err()
        && !is_number_word(&t.lower)
        && lex.match_with(|k| (k == 0).then_some(&*t.fold)).is_none()
}

/// "Nine skiers were injured": a number word is no name (nor part of one).
fn is_number_word(lower: &str) -> bool {
    use crate::extract::number::{TENS, UNITS};
    let head = lower.split('-').next().unwrap_or(lower);
    UNITS.contains(&head)
        || TENS.contains(&head)
        || matches!(
            head,
            "hundred" | "hundreds" | "thousand" | "thousands" | "dozen" | "dozens"
        )
}

/// A name at token `i` of a sentence. A sentence's first word is
/// capitalised anyway: there, only a word the document also capitalises
/// elsewhere counts ("Nvidia revenue", not "Gaming revenue").
fn name_at(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let t = &s.tokens[i];
    // ... or that starts a run of capitals: "Reliance Jio grew".
    let run = || {
        s.tokens
            .get(1)
            .is_some_and(|n| n.tight && is_name(lex, n) && t.classes == Default::default())
    };
    // A capitalised possessive is a name anywhere ("Brightwell's
    // revenue"), and so is a place ("Japanese exporters").
    // A plural possessive opening a sentence is a common noun
    // ("Exporters' sales"); after a name it is a name ("Halvorsen Foods'").
    let possessive = t.possessive_stem().is_some() && !(i == 0 && t.text.ends_with('\''));
    let place = || lex.is_place(&t.lower);
    is_name(lex, t) && (i > 0 || s.names.contains_key(&*t.lower) || run() || possessive || place())
}

/// Where the run of capitalised words starting at `first` ends, before
/// token `limit`.
fn run_end(s: &Sentence, lex: &Lexicon, first: usize, limit: usize) -> usize {
    let mut end = first;
    while end + 1 < limit && s.tokens[end + 1].tight && name_at(s, lex, end + 1) {
        end += 1;
    }
    end
}

/// Where the run of capitalised words ending at `end` starts.
fn run_start(s: &Sentence, lex: &Lexicon, end: usize, lo: usize) -> usize {
    let mut start = end;
    while start > lo && s.tokens[start].tight && name_at(s, lex, start - 1) {
        start -= 1;
    }
    start
}

/// A forecast made by the figure's owner about itself is guidance: "Nvidia
/// forecast revenue of $65bn", "it expects a margin of 75%". The forecaster
/// is the name (or pronoun) before the cue word.
pub fn settle_guidance(s: &Sentence, lex: &Lexicon, f: &mut Figure) {
    if f.role != Role::Forecast {
        return;
    }
    let Some(cue) = f
        .evidence
        .role
        .as_ref()
        .and_then(|r| r.span())
        .and_then(|span| {
            let first = s.token_starting_at(span.start)?;
            (first..s.tokens.len())
                .take_while(|&i| s.tokens[i].span.start == span.start)
                .find(|&i| s.tokens[i].span == span)
        })
    else {
        return;
    };
    if !s.tokens[cue].is(Class::Guidance) {
        return;
    }
    let tokens = &s.tokens;
    let forecaster = (0..cue).rev().take(8).find_map(|i| {
        let t = &tokens[i];
        if matches!(&*t.lower, "it" | "we" | "company" | "firm" | "group") {
            return Some(None);
        }
        if let Some(stem) = t
            .possessive_stem()
            .filter(|s| s.starts_with(char::is_uppercase))
        {
            return Some(Some(owner_name(lex, stem)));
        }
        name_at(s, lex, i).then(|| {
            let start = run_start(s, lex, i, 0);
            let words: Vec<&str> = (start..=i).map(|k| tokens[k].text).collect();
            Some(owner_name(lex, &words.join(" ")))
        })
    });
    let guidance = match forecaster {
        // A pronoun: the company the article is about.
        Some(None) => true,
        Some(Some(name)) => f.owner.as_deref().is_none_or(|o| same_owner(o, &name)),
        None => false,
    };
    if guidance {
        f.role = Role::Guidance;
        if f.owner.is_none() {
            if let Some(Some(name)) = forecaster_name(s, cue, lex) {
                f.owner = Some(name);
            }
        }
    }
}

fn forecaster_name(s: &Sentence, cue: usize, lex: &Lexicon) -> Option<Option<String>> {
    let tokens = &s.tokens;
    (0..cue).rev().take(8).find_map(|i| {
        name_at(s, lex, i).then(|| {
            let start = run_start(s, lex, i, 0);
            let words: Vec<&str> = (start..=i).map(|k| tokens[k].text).collect();
            Some(owner_name(lex, &words.join(" ")))
        })
    })
}

/// An owner as the reader records it: normalised words ("the United
/// States" is "us"), without a company-form suffix ("Nvidia Corp" and
/// "Reliance Industries Ltd" are "nvidia" and "reliance"; "Reliance Jio"
/// stays itself).
pub fn owner_name(lex: &Lexicon, words: &str) -> String {
    let name = lex.normalise_name(words);
    let mut parts: Vec<&str> = name.split(' ').collect();
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|w| lex.words().classes(w).has(Class::Corporate))
    {
        parts.pop();
    }
    parts.join(" ")
}

/// Two owners are one when their names are.
pub fn same_owner(a: &str, b: &str) -> bool {
    a == b
}

/// The article's subject: the owner its figures (and title) name far more
/// often than any other.
pub fn subject(claims: &[Claim], title_owners: &[TitleName]) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    fn add(counts: &mut BTreeMap<String, usize>, o: &str, n: usize) {
        let key = counts
            .keys()
            .find(|k| same_owner(k, o))
            .cloned()
            .unwrap_or_else(|| o.to_string());
        // Keep the shorter spelling: "nvidia" for "nvidia corp".
        let n_old = counts.remove(&key).unwrap_or(0);
        let key = if o.len() < key.len() {
            o.to_string()
        } else {
            key
        };
        counts.insert(key, n_old + n);
    }
    for c in claims {
        if let (Some(o), Some(r)) = (&c.owner, &c.evidence.owner) {
            if r.source != Source::Subject {
                add(&mut counts, o, 1);
            }
        }
    }
    // A name in the title counts as often as the body writes it, when it
    // is the headline's subject ("Nvidia guides ...") or a figure names it
    // as its owner too: a place in a title ("Xi's Russia trip") is not whose
    // figures they are.
    for t in title_owners {
        if t.seen >= 2 && (t.opens || counts.keys().any(|k| same_owner(k, &t.name))) {
            add(&mut counts, &t.name, t.seen.min(6));
        }
    }
    let mut ranked: Vec<(usize, String)> = counts.into_iter().map(|(k, v)| (v, k)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    match ranked.as_slice() {
        [(n, o)] if *n >= 2 => Some(o.clone()),
        [(n, o), (m, _), ..] if *n >= 2 && *n >= 2 * *m => Some(o.clone()),
        _ => None,
    }
}

/// Give the article's subject to its figures that name no owner: all of
/// them when the headline and lead name it (`headline`), else those whose
/// measure the article gives the subject elsewhere ("Nvidia's revenue ...
/// revenue of $57bn"); never for measures nobody owns or rivals contest.
pub fn assign_subject(claims: &mut [Claim], subject: &str, lex: &Lexicon, headline: bool) {
    let heads: std::collections::BTreeSet<String> = claims
        .iter()
        .filter(|c| c.owner.as_deref().is_some_and(|o| same_owner(o, subject)))
        .filter_map(|c| c.measure.as_ref().map(|m| m.head.clone()))
        .collect();
    let subject: Arc<str> = Arc::from(subject);
    for c in claims.iter_mut() {
        let ownable = c
            .measure
            .as_ref()
            .is_some_and(|m| lex.takes_lent_owner(m) && (headline || heads.contains(&m.head)));
        // An owner's evidence with no owner is a figure said to be nobody's
        // in particular ("nationally"): it takes no lent owner.
        if c.owner.is_none() && c.evidence.owner.is_none() && c.kind != Kind::Date && ownable {
            c.owner = Some(subject.clone());
            c.evidence.owner = Some(Reason::new(Source::Subject, None));
        }
    }
}

/// The name a headline or a lead sentence opens with: its leading run of
/// capitalised words that are no ordinary word ("Reliance Industries" in
/// "Reliance Industries Q2 FY26: profit ..."), as an owner.
pub fn opening_name(text: &str, lex: &Lexicon) -> Option<String> {
    let toks = super::tokens::tokenize(text, 0..text.len(), &[], lex);
    let run: Vec<&str> = toks
        .iter()
        .take_while(|t| {
            t.is_word()
                && t.capitalised()
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '&' | '\'' | '’' | '-' | '.'))
                && (t.classes == Default::default() || t.is(Class::Corporate))
                && is_name(lex, t)
        })
        .map(|t| t.possessive_stem().unwrap_or(t.text))
        .collect();
    (!run.is_empty()).then(|| owner_name(lex, &run.join(" ")))
}

/// A name in an article's title.
#[derive(Debug, Clone)]
pub struct TitleName {
    /// The name, lower-cased as owners are.
    pub name: String,
    /// How often the body writes it.
    pub seen: usize,
    /// It opens the title: the headline's subject ("Nvidia guides ...").
    pub opens: bool,
}

/// Capitalised names in a title ("AI leader Nvidia forecasts ..."): runs
/// of names, lower-cased as owners are.
pub fn title_names(title: &str, lex: &Lexicon, names: &super::Names) -> Vec<TitleName> {
    let toks = super::tokens::tokenize(title, 0..title.len(), &[], lex);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Every word of a title may be capitalised: only words the body
        // writes as names count.
        let name = |t: &Token| is_name(lex, t) && names.contains_key(&*t.lower);
        if name(&toks[i]) {
            let start = i;
            while i + 1 < toks.len() && name(&toks[i + 1]) {
                i += 1;
            }
            let words: Vec<&str> = (start..=i)
                .map(|k| toks[k].possessive_stem().unwrap_or(toks[k].text))
                .collect();
            // How often the body names it: "Nvidia" five times, "AI" twice.
            let seen = (start..=i)
                .map(|k| names.get(&*toks[k].lower).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            out.push(TitleName {
                name: owner_name(lex, &words.join(" ")),
                seen,
                opens: start == 0,
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_opening_with_a_part_of_the_company() {
        let lex = Lexicon::default_pack();
        let part = |s: &str| opening_segment(s, 0..s.len(), &lex);
        assert_eq!(
            part("The retail business grew both revenue and profit.").as_deref(),
            Some("retail business")
        );
        assert_eq!(
            part("Its oil-to-chemicals arm posted revenue of ₹1.6 lakh crore.").as_deref(),
            Some("oil-to-chemical arm")
        );
        assert_eq!(part("The business of the company grew."), None);
        assert_eq!(part("Revenue rose 10% in the quarter."), None);
    }

    /// A number word opening a sentence is no owner.
    #[test]
    fn a_number_word_is_no_name() {
        let lex = Lexicon::default_pack();
        assert_eq!(
            opening_name("Nine skiers were injured on Saturday.", &lex),
            None
        );
        assert_eq!(opening_name("Twenty-three workers were hurt.", &lex), None);
        assert_eq!(
            opening_name("Montreval Resorts said nine skiers were hurt.", &lex).as_deref(),
            Some("montreval resorts")
        );
    }

    /// A tally is nobody's, but a possessive on its measure scopes it:
    /// Turkey's toll is not the toll of every country struck.
    #[test]
    fn a_possessive_scopes_a_tally_a_reporting_agency_does_not() {
        let owners = |text: &str| -> Vec<Option<String>> {
            crate::extract(text, chrono::NaiveDate::from_ymd_opt(2023, 2, 19))
                .unwrap()
                .into_iter()
                .filter(|c| c.kind != crate::claim::Kind::Date)
                .map(|c| c.owner.map(|o| o.to_string()))
                .collect()
        };
        assert_eq!(
            owners("Turkey's death toll had climbed to 40,689."),
            vec![Some("turkey".to_string())]
        );
        assert_eq!(
            owners("The disaster agency AFAD recorded 40,689 deaths."),
            vec![None]
        );
    }
}
