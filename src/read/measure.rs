//! Measure: what a figure quantifies, read as a structure.
//!
//! The head is a lexicon term ("sales" is revenue) or the counted noun
//! ("240 seats"). Words before the head that tell quantities apart become
//! modifiers ("data-center revenue", "core inflation"), unless the word
//! classes call them neutral ("total", "quarterly", "record"). A phrase
//! after it qualifies it ("exports to the US"); "of" gives the whole of a
//! share ("40% of sales"); "a share", "per capita", "a week" give a rate's
//! basis. The figure's own clause is read first, then earlier clauses of
//! the sentence; an explicit anaphor ("The figure ...") brings the previous
//! sentence's measure.

use super::figure::Figure;
use super::tokens::{Token, TokenKind};
use super::Sentence;
use crate::claim::{Kind, Measure, Reason, Source};
use crate::extract::date;
use crate::lexicon::{Class, Dimension, Lexicon, TermMatch};

/// The counted noun of a count ("30 agreements", "two giant pandas", "12.0
/// million containers") or of a hyphenated duration ("three-day visit"):
/// its token. Up to three words, stopping at function words and verbs,
/// and after the first plural (the head).
pub fn counted_noun(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<usize> {
    if !(f.kind() == Kind::Count || f.kind() == Kind::Duration && f.q.hyphenated) {
        return None;
    }
    noun_after(lex, &s.tokens, f.tok + 1)
}

/// "killed", "injured", "displaced": participles the lexicon counts by.
fn counts_something(lex: &Lexicon, t: &Token) -> bool {
    lex.match_with(|k| (k == 0).then_some(&*t.fold))
        .is_some_and(|m| matches!(lex.dimension(&m.id), Some(Dimension::Count)))
}

/// "15,636 suspected cases", "3,101 confirmed cases": a participle that
/// qualifies the noun right after it.
fn adjective_before_noun(tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|n| {
        n.tight
            && n.is_word()
            && !n.is(Class::Stop)
            && !n.is(Class::Reporting)
            && !(n.lower.ends_with("ed") && n.lower.len() > 4)
    })
}

/// The head noun of the phrase starting right after a figure.
fn noun_after(lex: &Lexicon, tokens: &[Token], from: usize) -> Option<usize> {
    let first = tokens.get(from)?;
    // The phrase must follow the figure directly ("30 agreements").
    if !first.tight {
        return None;
    }
    let mut head = None;
    for i in from..(from + 3).min(tokens.len()) {
        let t = &tokens[i];
        let w: &str = &t.lower;
        if !t.is_word()
            || (i > from && !t.tight)
            || t.is(Class::Stop)
            || t.is(Class::NotNoun)
            || t.is(Class::Rise)
            || t.is(Class::Fall)
            || t.is(Class::Reporting)
            || matches!(w, "http" | "https" | "www")
            || t.is(Class::Participle)
            || t.is(Class::Past)
            || (i > from && t.is(Class::SVerb))
            // "194,300 breaks down into": a verb with its particle.
            || (t.is(Class::SVerb)
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| matches!(&*n.lower, "down" | "into" | "up")))
            || w.starts_with(|c: char| c.is_ascii_digit())
            || (w.ends_with("ed")
                && w.len() > 4
                && !t.capitalised()
                && !counts_something(lex, t)
                && !adjective_before_noun(tokens, i))
            || (w.ends_with("ing") && w.len() > 5)
        {
            break;
        }
        head = Some(i);
        let plural =
            (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")) || t.is(Class::IrregularPlural);
        // Punctuation after the word ends the phrase, and so does its head.
        let punct_after = tokens.get(i + 1).is_none_or(|n| !n.tight || !n.is_word());
        if plural || punct_after {
            break;
        }
    }
    head
}

/// A count term at token `i` ("killed"; "were taken to hospital": a term
/// may be several words).
fn counted_at(s: &Sentence, lex: &Lexicon, i: usize) -> Option<(TermMatch, usize)> {
    let m = s.term_at(lex, i, (i + 4).min(s.tokens.len()))?;
    matches!(lex.dimension(&m.id), Some(Dimension::Count)).then_some((m, i))
}

/// What befell the people counted by noun `n`: a count term in the next
/// three tokens of its clause ("were killed", "injured").
fn befell(s: &Sentence, lex: &Lexicon, n: usize, clause: usize) -> Option<(TermMatch, usize)> {
    (n + 1..(n + 4).min(s.tokens.len()))
        .take_while(|&i| s.tokens[i].clause == clause)
        .find_map(|i| counted_at(s, lex, i))
}

/// A measure and the token where its head was found.
type Found = (Measure, usize);

/// What the figure quantifies, and where it was read.
pub fn find_measure(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<(Measure, Reason)> {
    let clause = s.tokens[f.tok].clause;
    let found = find(s, lex, f)?;
    let (measure, at) = recast(s, lex, f, found);
    let mut measure = coordinated_counts(s, lex, at).unwrap_or(measure);
    // "the remaining 344,000 employees", "a further 200": a part beside
    // the rest, or an addition, not the whole ("another 1,240 had been
    // wounded" is only the next count of a list).
    let part = match s.word_before(f.tok) {
        Some("remaining") => Some("remaining"),
        Some("further" | "additional" | "extra") => Some("additional"),
        _ => None,
    };
    if let Some(p) = part.filter(|p| !measure.modifiers.iter().any(|m| m == p)) {
        measure.modifiers.insert(0, p.to_string());
    }
    // "roughly 45 per cent of the country's 4,800 pharmacies": a share of
    // a stated whole, whose part is whatever the clause is about.
    let whole_stated = of_phrase(&s.tokens, f.tok + 1).is_some_and(|from| {
        s.tokens[from..]
            .iter()
            .take(3)
            .find(|t| !(t.is(Class::Determiner) || t.possessive_stem().is_some()))
            .is_some_and(|t| matches!(t.kind, TokenKind::Figure(_)))
    });
    if f.kind() == Kind::Percent && whole_stated {
        measure.part_of_stated = true;
    }
    // "two employees who spoke to the agency", "seven more workers sought
    // treatment": people in a role who are the clause's subject are counted
    // for what they did, which the noun does not say.
    let acting = |n: usize| {
        s.tokens.get(n + 1).is_some_and(|t| {
            t.is_word()
                && matches!(
                    &*t.lower,
                    "who"
                        | "that"
                        | "were"
                        | "was"
                        | "are"
                        | "is"
                        | "had"
                        | "have"
                        | "has"
                        | "sought"
                        | "spoke"
                        | "said"
                        | "told"
                        | "fled"
                )
        })
    };
    let general_noun = f.noun_tok == Some(at)
        && (s.tokens[at].is(Class::People) || s.tokens[at].is(Class::Person) && acting(at))
        && measure.modifiers.is_empty()
        && measure.qualifier.is_none();
    let source = if general_noun {
        Source::Noun
    } else if s.tokens[at].clause == clause {
        Source::Clause
    } else {
        Source::Sentence
    };
    Some((
        measure,
        Reason::new(source, Some(s.tokens[at].span.clone())),
    ))
}

/// "cutting 2,340 jobs", "2,340 workers out of a job", "redundancies
/// affecting 3,240 staff": a count of one measure that a cue beside it makes
/// another (the lexicon's `from_counts`). The counted noun's modifiers stay.
fn recast(s: &Sentence, lex: &Lexicon, f: &Figure, found: Found) -> Found {
    let (measure, at) = found;
    if f.kind() != Kind::Count {
        return (measure, at);
    }
    let tokens = &s.tokens;
    let clause = tokens[f.tok].clause;
    let in_clause = |i: usize| tokens.get(i).is_some_and(|t| t.clause == clause);
    let phrase_at = |i: usize, phrase: &[String]| {
        phrase.iter().enumerate().all(|(k, w)| {
            tokens
                .get(i + k)
                .is_some_and(|t| t.is_word() && t.clause == clause && *t.lower == **w)
        })
    };
    // A cue before the figure ends right before it, or before words that
    // only qualify it ("cutting about 300 jobs", "shed a further 200"):
    // "cut shifts for 4,000 workers" cuts no jobs.
    let qualifying = |t: &super::tokens::Token| {
        t.is_word()
            && matches!(
                &*t.lower,
                "about"
                    | "no"
                    | "some"
                    | "nearly"
                    | "around"
                    | "roughly"
                    | "almost"
                    | "up"
                    | "to"
                    | "more"
                    | "than"
                    | "a"
                    | "an"
                    | "further"
                    | "another"
                    | "over"
                    | "at"
                    | "least"
                    | "estimated"
            )
    };
    let ends_before = |end: usize| {
        end <= f.tok && f.tok - end <= 3 && (end..f.tok).all(|i| qualifying(&tokens[i]))
    };
    // A term of the measure itself, then a word that applies it to the
    // count: "redundancies affecting 3,240 staff", "layoffs of 300
    // workers"; not "job losses among its 9,000 staff".
    let applies = |end: usize| {
        end < f.tok
            && matches!(
                &*tokens[end].lower,
                "affecting" | "of" | "hitting" | "involving" | "covering"
            )
            && ends_before(end + 1)
    };
    // "12,400 runners finished the race in under four hours" are some of
    // the finishers, not all.
    let some_of = |end: usize| {
        let w = |k: usize| tokens.get(k).map_or("", |t| &*t.lower);
        (end..end + 4).any(|k| {
            matches!(w(k), "under" | "within" | "before")
                || w(k) == "in" && matches!(w(k + 1), "less" | "fewer")
        })
    };
    let after_from = f.noun_tok.unwrap_or(f.tok) + 1;
    for r in lex.recasts(&measure.head) {
        let before = r.before.iter().any(|p| {
            (f.tok.saturating_sub(p.len() + 3)..f.tok)
                .any(|i| phrase_at(i, p) && ends_before(i + p.len()))
        }) || (f.tok.saturating_sub(6)..f.tok).any(|i| {
            in_clause(i)
                && s.term_at(lex, i, f.tok)
                    .is_some_and(|m| m.id == r.id && applies(i + m.words))
        });
        let after = || {
            r.after.iter().any(|p| {
                (after_from..after_from + 3).any(|i| phrase_at(i, p) && !some_of(i + p.len()))
            })
        };
        if before || after() {
            let mut m = Measure::new(r.id.clone());
            m.modifiers = measure.modifiers;
            m.qualifier = measure.qualifier;
            return (m, at);
        }
    }
    (measure, at)
}

/// "the dead and wounded together came to over 4,500", "killed or
/// injured": a count term coordinated with another counts both, a measure
/// of its own that neither figure alone meets.
fn coordinated_counts(s: &Sentence, lex: &Lexicon, at: usize) -> Option<Measure> {
    let tokens = &s.tokens;
    let count_term = |i: usize| {
        let t = tokens.get(i)?;
        if !t.is_word() {
            return None;
        }
        let m = s.term_at(lex, i, i + 1)?;
        matches!(lex.dimension(&m.id), Some(Dimension::Count)).then_some(m.id)
    };
    let here = count_term(at)?;
    let joined = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| matches!(&*t.lower, "and" | "or"))
    };
    let other = if at >= 2 && joined(at - 1) {
        count_term(at - 2)
    } else if joined(at + 1) {
        count_term(at + 2)
    } else {
        None
    }?;
    if other == here {
        return None;
    }
    let (a, b) = if other < here {
        (other, here)
    } else {
        (here, other)
    };
    Some(Measure::new(format!("{a} and {b}")))
}

/// How many clauses before its own a figure's measure is looked for.
const MAX_CLAUSES_BACK: isize = 32;

fn find(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<Found> {
    let tokens = &s.tokens;
    let clause = tokens[f.tok].clause;
    // "three-day visit": a duration measures the thing it is the length of.
    if f.kind() == Kind::Duration {
        let n = f.noun_tok?;
        return Some((Measure::new(tokens[n].fold.to_string()), n));
    }
    // Where an "of" phrase would start: after the figure, or after its
    // counted noun ("50 gigawatts of solar capacity").
    let after_figure = match f.noun_tok {
        Some(n) if f.kind() == Kind::Count => n + 1,
        _ => f.tok + 1,
    };
    let of_at = of_phrase(tokens, after_figure);
    let of_np = of_at.and_then(|at| noun_phrase(s, lex, at));

    // A count's own noun names it when the lexicon knows the noun ("30
    // agreements"); a unit ("38 gigawatts") leaves it to the context.
    // A unit inside a longer term is no unit: "twenty-foot equivalent
    // units" count containers.
    let in_term =
        |n: usize| longest_covering(s, lex, n, (n + 1).min(tokens.len()), tokens[n].clause) < n;
    let counts_a_unit =
        f.noun.as_deref().is_some_and(|n| lex.is_unit(n)) && !f.noun_tok.is_some_and(in_term);
    if f.kind() == Kind::Count && !counts_a_unit {
        if let Some(n) = f.noun_tok {
            // "seven workers were killed": what befell them, when a verb
            // beside the count says so.
            // The role stays a modifier: seven workers killed are not the
            // whole toll of 12 people.
            if tokens[n].is(Class::Person) {
                if let Some((m, i)) = befell(s, lex, n, clause) {
                    let mut m = Measure::new(m.id);
                    m.modifiers = vec![tokens[n].fold.to_string()];
                    return Some((m, i));
                }
            }
            // "people killed": the noun and the word after.
            for i in f.tok + 1..=n {
                let limit = (n + 2).min(tokens.len());
                if let Some(m) = s.term_at(lex, i, limit) {
                    // "two largest economies" is not a GDP figure.
                    if matches!(
                        lex.dimension(&m.id),
                        Some(Dimension::Count | Dimension::Any)
                    ) {
                        return Some((qualify(s, lex, i, m, f), i));
                    }
                }
            }
            if let Some(at) = of_phrase(tokens, n + 1) {
                let limit = (at + 4).min(tokens.len());
                if let Some(found) = (at..limit).find_map(|i| term(s, lex, i, limit, f)) {
                    return Some(found);
                }
            }
            // "87 people were killed", "the floods killed 87 people": a
            // generic noun takes its measure from the verb beside it.
            if tokens[n].is(Class::People) {
                let left = || {
                    (f.tok.saturating_sub(6)..f.tok)
                        .rev()
                        .take_while(|&i| tokens[i].clause == clause)
                        .find_map(|i| counted_at(s, lex, i))
                };
                if let Some((m, i)) = befell(s, lex, n, clause).or_else(left) {
                    return Some((Measure::new(m.id), i));
                }
            }
            // "50 new stations" are added ones, not the 512 there are.
            let mut m = Measure::new(tokens[n].fold.to_string());
            m.modifiers = modifiers(s, lex, n);
            m.modifiers.retain(|w| lex.is_modifier(w));
            return Some((m, n));
        }
    }

    // "2 million bpd of cuts", "50 gigawatts of solar capacity": a count
    // in a unit measures what the "of" phrase after the unit names.
    let unit_tok = match f.noun_tok {
        // "2 million bpd of cuts": the unit is part of the figure's token.
        _ if f.q.physical.is_some() => Some(f.tok),
        Some(n) if counts_a_unit => Some(n),
        Some(_) => None,
        None => tokens
            .get(f.tok + 1)
            .filter(|t| t.is_word() && lex.is_unit(&t.fold))
            .map(|_| f.tok + 1),
    };
    if f.kind() == Kind::Count {
        if let Some(n) = unit_tok {
            if let Some(at) = of_phrase(tokens, n + 1) {
                let limit = (at + 4).min(tokens.len());
                if let Some(found) = (at..limit).find_map(|i| term(s, lex, i, limit, f)) {
                    return Some(found);
                }
                if let Some(np) = &of_np {
                    return Some((Measure::new(np.to_string()), at));
                }
                // "bpd of cuts": the noun itself, even one the lexicon
                // reads as a verb elsewhere.
                if let Some(t) = tokens.get(at).filter(|t| t.is_word() && !t.is(Class::Stop)) {
                    return Some((Measure::new(t.fold.to_string()), at));
                }
            }
        }
    }

    // "another 1,240 had been wounded": a count with no noun takes the
    // counting verb that follows it in its clause.
    if f.kind() == Kind::Count && f.noun_tok.is_none() {
        let verb = (f.tok + 1..(f.tok + 5).min(tokens.len()))
            .take_while(|&i| tokens[i].clause == clause && tokens[i].is_word())
            .find_map(|i| {
                let m = s.term_at(lex, i, (i + 4).min(tokens.len()))?;
                matches!(lex.dimension(&m.id), Some(Dimension::Count)).then_some((m, i))
            });
        if let Some((m, i)) = verb {
            return Some((qualify(s, lex, i, m, f), i));
        }
    }

    // "a €14.2 billion takeover", "his £55 million transfer", "a $2bn loss".
    if f.kind() == Kind::Money {
        let at = f.tok + 1;
        if tokens.get(at).is_some_and(|t| t.clause == clause) {
            let limit = (at + 3).min(tokens.len());
            if let Some(m) = s.term_at(lex, at, limit).filter(|m| fits(lex, &m.id, f)) {
                return Some((Measure::new(m.id), at));
            }
            // "an £860m capital programme": the thing the money is, named
            // right after it, even when the lexicon does not know it. Only
            // where the figure is an adjective of that thing, after a
            // determiner or a possessive ("revenue of $57bn beat" is not).
            let adjectival = f.tok.checked_sub(1).is_some_and(|p| {
                tokens[p].is(Class::Determiner) || tokens[p].possessive_stem().is_some()
            });
            let plain = adjectival
                && tokens[at].tight
                && tokens[at].is_word()
                && !tokens[at].capitalised()
                && !tokens[at].is(Class::Stop)
                && !tokens[at].is(Class::Rise)
                && !tokens[at].is(Class::Fall)
                && !tokens[at].is(Class::Reporting)
                && !tokens[at].is(Class::Participle)
                && !tokens[at].is(Class::Estimate)
                && !tokens[at].is(Class::Forecast)
                && !tokens[at].is(Class::Target)
                && !is_time_word(&tokens[at].lower)
                && !tokens[at].lower.ends_with("ly");
            if plain {
                // A known measure inside the phrase is its head ("a $4.3bn
                // gaming revenue line" is revenue, of gaming).
                let inside = (at + 1..(at + 3).min(tokens.len()))
                    .take_while(|&i| tokens[i].tight && tokens[i].is_word())
                    .find_map(|i| term(s, lex, i, (i + 3).min(tokens.len()), f));
                if let Some(found) = inside {
                    return Some(found);
                }
                if let Some(np) = noun_phrase(s, lex, at) {
                    return Some((Measure::new(np), at));
                }
            }
        }
    }

    // "US$200 billion in annual trade": the measure named after "in".
    if s.lower(after_figure) == Some("in") {
        let start = after_figure + 1;
        let limit = (start + 3).min(tokens.len());
        if let Some(found) = (start..limit).find_map(|i| term(s, lex, i, limit, f)) {
            return Some(found);
        }
    }

    // The nearest term before the figure in its clause, then in earlier
    // clauses of the sentence, skipping relative clauses (", which ...,").
    let mut c = clause as isize;
    // A measure named more clauses back than this is not the figure's (and
    // a run-on sentence of thousands of clauses is not searched whole).
    let nearest = (clause as isize - MAX_CLAUSES_BACK).max(0);
    // A clause with its own actor ("whereas Walmart earned $1.50 a share")
    // says what it counts itself: it borrows no measure from the clauses
    // before it. Verbs that leave the measure to a parallel clause ("...
    // taking 240 seats, while the Congress won 99") do not count.
    // A relative clause ("which ... was 14,383") is about what it hangs on.
    let opens_relative = s.clauses[clause]
        .iter()
        .find(|&&i| tokens[i].is_word())
        .is_some_and(|&i| matches!(&*tokens[i].lower, "which" | "who" | "that"));
    let acts = !opens_relative
        && s.clauses[clause].iter().any(|&i| {
            i < f.tok && tokens[i].is(Class::ActorVerb) && !tokens[i].is(Class::ElidesMeasure)
        });
    let nearest = if acts { clause as isize } else { nearest };
    while c >= nearest {
        let cu = c as usize;
        let first = s.clauses[cu].first().copied();
        let relative = first.is_some_and(|i| {
            // A break opens the clause; its first word follows.
            let w = if matches!(tokens[i].kind, TokenKind::Break(_)) {
                i + 1
            } else {
                i
            };
            matches!(s.lower(w), Some("which" | "who" | "where"))
        });
        if cu == clause || !relative {
            let limit = if cu == clause { f.tok } else { tokens.len() };
            let below = s.clauses[cu].partition_point(|&i| i < limit);
            for &i in s.clauses[cu][..below].iter().rev() {
                // Read leftwards, a term is found at its last word first:
                // "consumer prices" must not stop at "prices".
                let i = longest_covering(s, lex, i, limit.min(tokens.len()), cu);
                if let Some((mut m, at)) = term(s, lex, i, limit.min(tokens.len()), f) {
                    // "prices" after "the consumer price index": the
                    // specific measure named earlier in the sentence.
                    if lex.is_generic(&m.head) && m.modifiers.is_empty() {
                        if let Some(found) = specific_before(s, lex, at, f) {
                            return Some(found);
                        }
                    }
                    if f.kind() == Kind::Percent {
                        if let Some(np) = &of_np {
                            // "had 41 per cent of the vote" after "97 per
                            // cent of ballots": the share the lexicon names.
                            // Otherwise the measure keeps the whole as its
                            // base: "a deficit of 6.4% of GDP" is not "debt
                            // of 90% of GDP".
                            if lex.share_measure(np).is_some() {
                                let whole = Measure::new(np.as_str());
                                return Some((share_of(lex, whole), after_figure));
                            }
                            m.of = Some(np.to_string());
                        }
                    }
                    return Some((m, at));
                }
            }
        }
        c -= 1;
    }
    // A term named in an "of" phrase after the figure. A percentage of it
    // ("40% of sales", "half of India's population") is a share of that
    // whole, not the whole itself: it neither agrees nor conflicts with
    // "sales rose 30%".
    let share = |m: Measure| match f.kind() {
        Kind::Percent => {
            let mut m = share_of(lex, m);
            let predicate = of_at.and_then(|at| predicate_after(s, at));
            if let (Some(of), Some(p)) = (m.of.as_mut(), predicate) {
                of.push_str(" that ");
                of.push_str(&p);
            }
            m
        }
        _ => m,
    };
    if let Some(at) = of_at {
        let limit = (at + 4).min(tokens.len());
        if let Some((m, i)) = (at..limit).find_map(|i| term(s, lex, i, limit, f)) {
            return Some((share(m), i));
        }
    }
    if let Some(np) = of_np {
        return Some((share(Measure::new(np)), after_figure));
    }
    // A counted noun names its own measure, but a unit ("12,000 tonnes")
    // does not: cod and haddock quotas are both in tonnes.
    if let (Some(n), false) = (f.noun_tok, counts_a_unit) {
        return Some((Measure::new(tokens[n].fold.to_string()), n));
    }
    None
}

/// What a percentage of the whole `m` measures: the share the lexicon
/// names ("40% of the vote" is a vote share), else "share of" the whole.
fn share_of(lex: &Lexicon, m: Measure) -> Measure {
    match lex.share_measure(&m.head) {
        Some(named) => Measure {
            head: named.to_string(),
            ..m
        },
        None => Measure {
            of: Some(m.to_string()),
            ..Measure::new("share")
        },
    }
}

/// The nearest measure before token `at` in the sentence that is not
/// generic and can take the figure.
fn specific_before(s: &Sentence, lex: &Lexicon, at: usize, f: &Figure) -> Option<Found> {
    (0..at).rev().find_map(|i| {
        let (m, j) = term(s, lex, i, at, f)?;
        (!lex.is_generic(&m.head)).then_some((m, j))
    })
}

/// The earliest start of a term that reaches token `i`, or `i` itself.
fn longest_covering(s: &Sentence, lex: &Lexicon, i: usize, limit: usize, clause: usize) -> usize {
    // Furthest start first: the longest term.
    (1..4)
        .rev()
        .filter_map(|k| i.checked_sub(k))
        .filter(|&j| s.tokens[j].clause == clause)
        .find(|&j| s.term_at(lex, j, limit).is_some_and(|m| j + m.words > i))
        .unwrap_or(i)
}

/// The term at token `i` (ending before `limit`) with its modifiers and
/// qualifying phrase.
fn term(s: &Sentence, lex: &Lexicon, i: usize, limit: usize, f: &Figure) -> Option<Found> {
    let m = s.term_at(lex, i, limit)?;
    if !fits(lex, &m.id, f) {
        return None;
    }
    Some((qualify(s, lex, i, m, f), i))
}

/// Whether a measure can take the figure: an amount of money is never a
/// count of deals, a count never a sum of money or a rate.
fn fits(lex: &Lexicon, id: &str, f: &Figure) -> bool {
    !matches!(
        (lex.dimension(id), f.kind()),
        (Some(Dimension::Count), Kind::Money)
            | (Some(Dimension::Money | Dimension::Percent), Kind::Count)
    )
}

/// Build the measure of a term found at token `i`: modifiers before it,
/// a qualifying phrase after it.
fn qualify(s: &Sentence, lex: &Lexicon, i: usize, m: TermMatch, f: &Figure) -> Measure {
    let tokens = &s.tokens;
    let mut measure = Measure::new(m.id.clone());
    measure.modifiers = modifiers(s, lex, i);
    let after = i + m.words;
    let prep = m.trailing_preposition.clone().or_else(|| {
        tokens
            .get(after)
            .filter(|t| t.is(Class::QualifyingPreposition))
            .map(|t| t.lower.to_string())
    });
    // "rents in Lisbon" are not "rents in Porto" (with no other owner, the
    // place becomes the owner: "inflation in Freedonia" is Freedonia's).
    // The place right after the figure ("57% in Northern Ireland"), or
    // else after the term ("rents in Lisbon"): a term's place is lent only
    // to a figure that names none. In "137 deaths in Mexico City, 73 in
    // Morelos", the 73 is Morelos's.
    let term_place = || {
        (s.lower(after) == Some("in"))
            .then(|| tokens.get(after + 1))
            .flatten()
            .filter(|t| t.span.start < f.span.start)
            .and_then(|_| place_at(s, lex, after + 1))
    };
    let figure_place = || {
        let next = f.noun_tok.unwrap_or(f.tok) + 1;
        let first = if s.lower(next + 1) == Some("the") {
            next + 2
        } else {
            next + 1
        };
        (s.lower(next) == Some("in") && tokens.get(first).is_some_and(|t| t.tight))
            .then(|| place_at(s, lex, first))
            .flatten()
    };
    // The figure's own place first: in "93 died in Mexico City and 13 in
    // Mexico State" the 13 is Mexico State's.
    let place = figure_place().or_else(term_place);
    if let Some(p) = place {
        measure.qualifier = Some(format!("in {p}"));
        return measure;
    }
    // A toll nobody owns is told apart by its place, wherever the clause
    // names it: "24 deaths from 1,005 infections in the DRC".
    if lex.is_unowned(&measure) {
        let clause = tokens[f.tok].clause;
        let from = f.noun_tok.unwrap_or(f.tok) + 1;
        let place = (from..(from + 8).min(tokens.len()))
            .take_while(|&i| tokens[i].clause == clause)
            .filter(|&i| s.lower(i) == Some("in"))
            .find_map(|i| {
                let j = if s.lower(i + 1) == Some("the") {
                    i + 2
                } else {
                    i + 1
                };
                // "in 11 villages of Zinda Jan district": the place the
                // counted places are in.
                let j = match (s.lower(j + 1), s.lower(j + 2)) {
                    _ if place_at(s, lex, j).is_some() => j,
                    (Some("of"), _) if tokens[j].is_word() => j + 2,
                    (_, Some("of"))
                        if matches!(tokens[j].kind, super::tokens::TokenKind::Figure(_)) =>
                    {
                        j + 3
                    }
                    _ => j,
                };
                tokens
                    .get(j)
                    .filter(|t| t.tight)
                    .and_then(|_| place_at(s, lex, j))
            });
        if let Some(p) = place {
            measure.qualifier = Some(format!("in {p}"));
            return measure;
        }
    }
    let np_start = if m.trailing_preposition.is_some() {
        after
    } else {
        after + 1
    };
    if let Some(prep) = prep.filter(|p| matches!(p.as_str(), "to" | "from" | "on")) {
        // "raised the rate to a range of 3%": where it went, not whose.
        let content = (np_start..f.tok.min(np_start + 3))
            .find(|&i| tokens.get(i).is_some_and(|t| !t.is(Class::Determiner)));
        if content.is_some_and(|i| tokens[i].is(Class::NotQualifier)) {
            return measure;
        }
        if np_start < f.tok {
            if let Some(np) = noun_phrase(s, lex, np_start) {
                measure.qualifier = Some(format!("{prep} {np}"));
                return measure;
            }
        }
        if np_start >= f.tok && prep == "on" {
            // "tariffs on $200bn worth of Chinese goods": the goods come after.
            let after_figure = f.noun_tok.map_or(f.tok + 1, |n| n + 1);
            if let Some(goods) =
                of_phrase(tokens, after_figure).and_then(|at| noun_phrase(s, lex, at))
            {
                measure.qualifier = Some(format!("on {goods}"));
            }
        }
    }
    measure
}

/// The place named by the capitalised words starting at token `at`
/// ("Mexico City", "Morelos"), normalised; not a month or weekday.
fn place_at(s: &Sentence, lex: &Lexicon, at: usize) -> Option<String> {
    let tokens = &s.tokens;
    let is_place_word = |t: &Token| t.is_word() && t.capitalised() && !is_calendar_word(t.text);
    if !tokens.get(at).is_some_and(is_place_word) {
        return None;
    }
    // Inside a name an abbreviation is no month: "Zinda Jan district".
    let goes_on = |t: &Token| {
        is_place_word(t)
            || t.is_word()
                && t.capitalised()
                && date::weekday_name(t.text).is_err()
                && date::date_expr(t.text).is_err()
    };
    let mut end = at;
    while end + 1 < tokens.len() && end < at + 4 && tokens[end + 1].tight {
        if goes_on(&tokens[end + 1]) {
            end += 1;
        } else if tokens[end + 1].lower == "of"
            && tokens
                .get(end + 2)
                .is_some_and(|t| t.tight && is_place_word(t))
        {
            // "the State of Mexico", "the Republic of Congo".
            end += 2;
        } else {
            break;
        }
    }
    let words: Vec<&str> = (at..=end).map(|i| tokens[i].text).collect();
    Some(lex.normalise_name(&words.join(" ")))
}

/// Words before the head term that make it a different quantity: listed
/// modifiers ("solar", "core"), and lower-case words of the same noun
/// phrase that the word classes do not call neutral ("data-center"),
/// nearest first, in written order.
fn modifiers(s: &Sentence, lex: &Lexicon, head: usize) -> Vec<String> {
    let tokens = &s.tokens;
    let mut out = Vec::new();
    let mut i = head;
    while i > 0 && out.len() < 3 {
        let prev = &tokens[i - 1];
        if !tokens[i].tight || !prev.is_word() || prev.clause != tokens[head].clause {
            break;
        }
        let w: &str = &prev.lower;
        let listed = lex.is_modifier(w);
        let plain_word = prev.lowerish(i - 1, s.names)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !prev.is(Class::Stop)
            && !prev.is(Class::Neutral)
            && !prev.is(Class::Determiner)
            && !prev.is(Class::Rise)
            && !prev.is(Class::Fall)
            && !prev.is(Class::Reporting)
            && !prev.is(Class::ActorVerb)
            && !prev.is(Class::Forecast)
            && !prev.is(Class::Target)
            && !prev.is(Class::Estimate)
            && !prev.is(Class::Clause)
            && !prev.is(Class::Verb)
            && !prev.is(Class::Coordinator)
            && !prev.is(Class::NotSubject)
            && !is_time_word(w)
            && !w.ends_with("ly")
            && !prev.is(Class::Participle)
            && !(w.ends_with("ing") && w.len() > 5 && !listed)
            && prev.possessive_stem().is_none();
        if !(listed || plain_word) {
            break;
        }
        out.push(w.to_string());
        i -= 1;
    }
    out.reverse();
    out
}

/// Words that say when, not what: "third-quarter", "full-year", "2024".
fn is_time_word(w: &str) -> bool {
    w.contains("quarter")
        || w.contains("year")
        || w.contains("month")
        || w.contains("week")
        || w.starts_with("fiscal")
        || w.starts_with(|c: char| c.is_ascii_digit())
        || matches!(w, "q1" | "q2" | "q3" | "q4" | "h1" | "h2" | "fy")
}

/// The token after "of" / "worth of" following a figure.
fn of_phrase(tokens: &[Token], after: usize) -> Option<usize> {
    let is = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.is_word() && t.lower == w);
    if is(after, "of") {
        Some(after + 1)
    } else if is(after, "worth") && is(after + 1, "of") {
        Some(after + 2)
    } else {
        None
    }
}

/// The noun phrase starting at token `from` (up to four words), as a
/// lexicon id when it names a measure, else its normalised words.
fn noun_phrase(s: &Sentence, lex: &Lexicon, from: usize) -> Option<String> {
    let tokens = &s.tokens;
    let article = |t: &Token| matches!(&*t.lower, "the" | "all" | "a" | "an");
    let end = noun_phrase_end(s, from);
    let content = (from..end).find(|&i| !article(&tokens[i]))?;
    if let Some(m) = s
        .term_at(lex, content, end)
        .filter(|m| m.words == end - content)
    {
        return Some(m.id);
    }
    let phrase: Vec<&str> = (from..end).map(|i| tokens[i].text).collect();
    let phrase = lex.normalise_phrase(&phrase.join(" "));
    (!phrase.is_empty()).then_some(phrase)
}

/// Where the noun phrase starting at token `from` ends (up to four words).
fn noun_phrase_end(s: &Sentence, from: usize) -> usize {
    let tokens = &s.tokens;
    let article = |t: &Token| matches!(&*t.lower, "the" | "all" | "a" | "an");
    let mut end = from;
    while end < tokens.len() && end < from + 4 {
        let t = &tokens[end];
        if !t.is_word() {
            break;
        }
        let leading_article = end == from && article(t);
        if !leading_article
            && (t.is(Class::Stop)
                || t.is(Class::Rise)
                || t.is(Class::Fall)
                || t.is(Class::Reporting)
                || t.is(Class::Participle)
                || (end > from && t.is(Class::SVerb))
                || t.lower.starts_with(|c: char| c.is_ascii_digit())
                || (t.lower.ends_with("ed") && !t.capitalised()))
        {
            break;
        }
        end += 1;
        if end < tokens.len() && !tokens[end].tight {
            break;
        }
    }
    end
}

/// What the members of a whole did, when a percentage of them is followed
/// by a verb phrase: "71% of households had answered online" is the share
/// that answered, not the 97% "of households had taken part". The first
/// content words after the noun phrase at `of_at`, past auxiliaries
/// ("had", "said they would"), up to the next little word.
fn predicate_after(s: &Sentence, of_at: usize) -> Option<String> {
    let tokens = &s.tokens;
    let clause = tokens.get(of_at)?.clause;
    let mut i = noun_phrase_end(s, of_at);
    let same = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| t.clause == clause && t.tight && t.is_word())
    };
    let skipped = i;
    while same(i) && tokens[i].is(Class::Auxiliary) && i < skipped + 3 {
        i += 1;
    }
    let first = i;
    while same(i)
        && i < first + 2
        && !tokens[i].is(Class::Stop)
        && !tokens[i].capitalised()
        && tokens[i]
            .text
            .chars()
            .all(|c| c.is_alphabetic() || c == '-')
    {
        i += 1;
    }
    (i > first).then(|| {
        let words: Vec<&str> = (first..i).map(|k| &*tokens[k].fold).collect();
        words.join(" ")
    })
}

/// A last guess at the measure: the clause's subject, its first run of
/// content words ("Container traffic at the port rose 15%").
pub fn subject_guess(s: &Sentence, lex: &Lexicon, f: &Figure) -> Option<(Measure, Reason)> {
    let tokens = &s.tokens;
    let clause = tokens[f.tok].clause;
    // Names are owners, not measures: only words in lower case (or a
    // sentence's first word that is no name) make a subject.
    let content = |i: usize| {
        let t = &tokens[i];
        t.is_word()
            && t.lowerish(i, s.names)
            && !t.is(Class::Stop)
            && !t.is(Class::Estimate)
            && !t.is(Class::NotOwner)
            && t.possessive_stem().is_none()
            && !t.is(Class::Clause)
            && !t.is(Class::SubjectOpener)
            && !t.is(Class::Coordinator)
            && t.text.chars().all(char::is_alphabetic)
            // "is recalling 148,300 vehicles": a verb in progress.
            && !(t.lower.ends_with("ing")
                && i > 0
                && matches!(&*tokens[i - 1].lower, "is" | "are" | "was" | "were" | "be" | "been"))
    };
    let start = (0..f.tok).find(|&i| tokens[i].clause == clause && content(i))?;

    // "five members backed 50 basis points": the noun another figure
    // counts is what that figure measures, not this one's subject.
    if start
        .checked_sub(1)
        .is_some_and(|p| matches!(tokens[p].kind, TokenKind::Figure(_)) && tokens[start].tight)
    {
        return None;
    }
    let mut end = start;
    while end < f.tok && end < start + 3 {
        let t = &tokens[end];
        let w: &str = &t.lower;
        if !t.is_word()
            || !t.lowerish(end, s.names)
            || t.is(Class::Stop)
            || t.is(Class::Rise)
            || t.is(Class::Fall)
            || t.is(Class::Reporting)
            || t.is(Class::Participle)
            || t.is(Class::ActorVerb)
            || t.is(Class::Forecast)
            || t.is(Class::Target)
            || (end > start && t.is(Class::SVerb))
            || (w.ends_with("ed") && !t.capitalised())
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            break;
        }
        end += 1;
    }
    if end == start
        || (start..end).any(|i| tokens[i].is(Class::NotSubject) || tokens[i].lower.ends_with("ly"))
    {
        return None;
    }
    let phrase: Vec<&str> = (start..end).map(|i| tokens[i].text).collect();
    let span = tokens[start].span.start..tokens[end - 1].span.end;
    let mut measure = Measure::new(lex.normalise_phrase(&phrase.join(" ")));
    // "Vehicle thefts in Ostmere rose 5.8%", "visitors from Aldmark": the
    // subject's place, as for a listed term ("rents in Lisbon").
    if let Some(prep @ ("in" | "from")) = s.lower(end) {
        if end + 1 < f.tok && tokens[end + 1].tight {
            measure.qualifier = place_at(s, lex, end + 1).map(|p| format!("{prep} {p}"));
        }
    }
    Some((measure, Reason::new(Source::Clause, Some(span))))
}

/// The basis of a rate written beside the figure ("$1.10 a share", "£690
/// a week", "$76 a barrel", "$1.30 per diluted share") or after its
/// measure's head ("GDP per capita"). `head` is the head's token.
pub fn rate_basis(s: &Sentence, f: &Figure, head: Option<usize>) -> Option<String> {
    let tokens = &s.tokens;
    let after = f.noun_tok.map_or(f.tok + 1, |n| n + 1);
    let per_at = |i: usize| -> Option<String> {
        let t = tokens.get(i).filter(|t| t.is_word())?;
        if !matches!(&*t.lower, "a" | "an" | "per" | "each" | "every") {
            return None;
        }
        // One word may qualify the unit: "per diluted share".
        (i + 1..(i + 3).min(tokens.len()))
            .take_while(|&k| tokens[k].is_word() && tokens[k].tight)
            .find_map(|k| {
                let u = &tokens[k];
                if u.is(Class::PerShare) {
                    Some("share".to_string())
                } else if (u.is(Class::RateUnit) || u.is(Class::PerHead)) && k == i + 1 {
                    Some(per_name(u))
                } else {
                    None
                }
            })
    };
    if let Some(per) = (after..(after + 2).min(tokens.len())).find_map(per_at) {
        return Some(per);
    }
    // "losses at 1.9 million euros, or about 41 million thaler, for every
    // day of disruption": "for each/every" further on, past a conversion.
    let mut k = after;
    while k + 1 < tokens.len() && k < after + 12 {
        let t = &tokens[k];
        if matches!(t.kind, TokenKind::Figure(_))
            && !(k >= 1 && s.lower(k - 1) == Some("or") || k >= 2 && s.lower(k - 2) == Some("or"))
            || matches!(t.kind, TokenKind::Break(';' | ':'))
        {
            break;
        }
        if t.lower == "for" && matches!(s.lower(k + 1), Some("each" | "every")) {
            return per_at(k + 1);
        }
        k += 1;
    }
    // "GDP per capita", "earnings per share" right after the head, or
    // "per-capita income" before it.
    let h = head?;
    if tokens.get(h + 1).is_some_and(|t| t.lower == "per") {
        let u = tokens.get(h + 2).filter(|u| u.is_word())?;
        if u.is(Class::PerShare) {
            return Some("share".into());
        }
        if u.is(Class::PerHead) {
            return Some(per_name(u));
        }
    }
    let before = h.checked_sub(1).map(|i| &tokens[i])?;
    match &*before.lower {
        "per-capita" => Some("capita".into()),
        "per-share" => Some("share".into()),
        _ => None,
    }
}

fn per_name(unit: &Token) -> String {
    // "per person", "a head", "per resident" are all per capita; "per
    // user" or "per pupil" is per that one.
    let everyone = matches!(
        &*unit.fold,
        "capita" | "person" | "head" | "resident" | "inhabitant"
    );
    if unit.is(Class::PerHead) && everyone {
        "capita".into()
    } else {
        unit.fold.to_string()
    }
}

/// Months and weekdays are never places or owners.
pub fn is_calendar_word(text: &str) -> bool {
    date::month_name(text).is_ok() || date::weekday_name(text).is_ok()
}
