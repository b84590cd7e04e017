//! Relations between the figures of a sentence: a change and the levels it
//! joins ("rose 8% to $920m from $850m"), and the basis a change is
//! measured against ("up 3% from a year earlier" is year on year).

use super::figure::Figure;
use super::tokens::TokenKind;
use super::Sentence;
use crate::claim::{compact_offset, Basis, Kind, Measure, Reason, Role, Source};
use crate::lexicon::{Class, Lexicon};

/// Words between a level and its change that say the change is one:
/// "$108bn, up 24.5%".
const CHANGE_WORDS: &[&str] = &[
    "up", "down", "increase", "rise", "drop", "decline", "fall", "gain",
];

/// How many figures either side of a change its starting level is looked
/// for among.
const NEAREST_FIGURES: usize = 8;

/// "to ₹39,315 crore from ₹37,933", "rose to $5.2 billion from $4.8": a
/// starting level written without the scale word of the level beside it,
/// in the same unit and of the same order as written, takes that scale.
fn carry_scale(figures: &mut [Figure], level: usize, from: usize) {
    let (a, b) = (&figures[level].q, &figures[from].q);
    let scalable = matches!(
        a.kind,
        crate::claim::Kind::Money | crate::claim::Kind::Count
    );
    let same_unit = a.kind == b.kind && a.unit == b.unit && a.physical.is_none();
    let unscaled = b.factor == rust_decimal::Decimal::ONE && b.high.is_none();
    let scaled = a.factor > rust_decimal::Decimal::ONE;
    if !(scalable && same_unit && unscaled && scaled) || b.number.value.is_zero() {
        return;
    }
    let ratio = a.number.value / b.number.value;
    let ten = rust_decimal::Decimal::TEN;
    if ratio * ten > rust_decimal::Decimal::ONE && ratio < ten {
        let factor = a.factor;
        figures[from].q.factor = factor;
    }
}

/// "21,000 hectares in Alta, 15,000 in Bresca and 9,000 in Corvo": a bare
/// count listed after a count in a physical unit, with only a place or a
/// few plain words between, is in that unit.
pub fn carry_units(s: &Sentence, figures: &mut [Figure]) {
    let tokens = &s.tokens;
    for j in 1..figures.len() {
        let (a, b) = (&figures[j - 1], &figures[j]);
        let bare = b.q.physical.is_none()
            && b.q.unit.is_none()
            && b.noun_tok.is_none()
            && b.kind() == Kind::Count;
        if !bare || a.q.physical.is_none() || a.kind() != Kind::Count {
            continue;
        }
        let gap = &tokens[a.noun_tok.unwrap_or(a.tok) + 1..b.tok];
        let listed = gap.len() <= 6
            && gap
                .last()
                .is_some_and(|t| t.kind == TokenKind::Break(',') || t.is(Class::Coordinator))
            && gap.iter().all(|t| {
                t.kind == TokenKind::Break(',')
                    || t.is_word()
                        && !t.is(Class::Rise)
                        && !t.is(Class::Fall)
                        && !t.is(Class::ActorVerb)
                        && !t.is(Class::Reporting)
                        && !t.is(Class::Clause)
            });
        if listed {
            let physical = a.q.physical.clone();
            figures[j].q.physical = physical;
        }
    }
}

/// "won 34 of the 70 seats", "carrying 42.1 million of the network's 92.1
/// million journeys": a figure right before "of" and a second figure of
/// its kind is a part of that whole. The whole is not the subject's (the
/// 70 seats are the assembly's, not the party's); a part whose owner is not
/// named is a subset of the whole's measure, which neither agrees nor
/// conflicts with the whole or with other parts.
pub fn mark_subsets(s: &Sentence, figures: &mut [Figure]) {
    let tokens = &s.tokens;
    // "18,737 cases in total, 1,200 of them in one week": a part of the
    // figure before it.
    for a in 1..figures.len() {
        let of_them = s.lower(figures[a].tok + 1) == Some("of")
            && matches!(
                s.lower(figures[a].tok + 2),
                Some("them" | "those" | "these")
            );
        let whole = (0..a)
            .rev()
            .find(|&w| figures[w].kind() == figures[a].kind());
        if let (true, Some(w)) = (of_them, whole) {
            // The whole's measure, or else the part's own taken as a part.
            if let Some(m) = figures[w].measure.clone().or(figures[a].measure.clone()) {
                mark_part(s, figures, a, w, m);
            }
        }
    }
    for b in 1..figures.len() {
        let a = b - 1;
        if figures[a].kind() != figures[b].kind() || figures[a].kind() == Kind::Percent {
            continue;
        }
        let gap = &tokens[figures[a].tok + 1..figures[b].tok];
        let Some((of, rest)) = gap.split_first() else {
            continue;
        };
        // "of", then at most a determiner and a possessive: "of the
        // network's", "of its", "of the".
        let fits = of.lower == "of"
            && rest.len() <= 3
            && rest.iter().all(|t| t.is_word() && t.tight)
            && rest.iter().enumerate().all(|(k, t)| {
                t.is(Class::Determiner) || k + 1 == rest.len() && t.possessive_stem().is_some()
            });
        let Some(whole) = figures[b].measure.clone().filter(|_| fits) else {
            continue;
        };
        figures[b].owner = None;
        figures[b].evidence.owner = None;
        // "had won 159 of the 400 seats": a winner's count, whoever won.
        let won = tokens[figures[a].tok.saturating_sub(3)..figures[a].tok]
            .iter()
            .any(|t| t.is(Class::Contest));
        if figures[a].owner.is_none() && !won {
            mark_part(s, figures, a, b, whole);
        }
    }
}

/// Figure `part` measures a part of `whole` (figure `of`'s measure), that
/// whole as written: "68 of its 910 stores" and "86 of its 910 stores" are
/// parts of one whole, "19 of them" (of the 68) of another.
fn mark_part(s: &Sentence, figures: &mut [Figure], part: usize, of: usize, whole: Measure) {
    let written = s.tokens[figures[of].tok].text.to_lowercase();
    figures[part].measure = Some(Measure {
        of: Some(format!("{written} {whole}")),
        part_of_stated: true,
        ..whole
    });
    figures[part].evidence.measure =
        Some(Reason::new(Source::Link, Some(figures[of].span.clone())));
}

/// Figure `to` takes figure `from`'s owner, when it has one.
fn share_owner(figures: &mut [Figure], from: usize, to: usize) {
    // An owner's evidence with no owner ("nationally") is shared too.
    if figures[from].owner.is_some()
        || figures[to].owner.is_none() && figures[from].evidence.owner.is_some()
    {
        figures[to].owner = figures[from].owner.clone();
        figures[to].evidence.owner = figures[from].evidence.owner.clone();
    }
}

/// "rose 24.5% to $108bn": the change is a change of what the level
/// measures, in the same period; "fell 8% to $920m from $1.1bn": all three
/// share the measure.
pub fn link_changes(s: &Sentence, figures: &mut [Figure]) {
    let tokens = &s.tokens;
    let words_between = |a: usize, b: usize| -> Vec<&str> {
        tokens[a + 1..b]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| &*t.lower)
            .collect()
    };
    let bytes_between = |a: &Figure, b: &Figure| b.span.start.saturating_sub(a.span.end);
    // "from A": A is the starting level, and measures what the figure
    // before it measures.
    for j in 0..figures.len() {
        if !s.after_from(figures[j].tok) {
            continue;
        }
        figures[j].baseline = true;
        let Some(prev) = j.checked_sub(1) else {
            continue;
        };
        carry_scale(&mut figures[..=j], prev, j);
        // A starting level that names nothing of its own reaches a little
        // further back: "lost 4.3 cubic kilometres of ice in 2024, above
        // the 3.9 cubic kilometres reported by the service".
        let reach = if figures[j].measure.is_none() && figures[prev].kind() == figures[j].kind() {
            64
        } else {
            40
        };
        if bytes_between(&figures[prev], &figures[j]) < reach
            && (figures[prev].kind() == figures[j].kind() || figures[j].measure.is_none())
        {
            figures[j].measure = figures[prev].measure.clone();
            figures[j].evidence.measure =
                Some(Reason::new(Source::Link, Some(figures[prev].span.clone())));
            if figures[j].owner.is_none() {
                share_owner(figures, prev, j);
            }
        }
    }
    for i in 0..figures.len() {
        if figures[i].role != Role::Change {
            continue;
        }
        // "an increase of 12% in volume terms", "a fall of 8% in the
        // clear-up rate": a rate of its own quantity, joined to no level.
        let own_quantity = {
            let after = &tokens[figures[i].tok + 1..];
            after.first().is_some_and(|t| t.lower == "in")
                && after[1..]
                    .iter()
                    .find(|t| !t.is(Class::Determiner))
                    .is_some_and(|t| t.is_word() && !t.capitalised() && !t.is(Class::Stop))
        };
        if own_quantity {
            continue;
        }
        // "21% more than the Y": the level after is what the rate is
        // measured from, never the level reached.
        let measured_against = super::tokens::compares_at(tokens, figures[i].tok + 1);
        // The level reached: "rose 24.5% to $108bn", or "$108bn, up 24.5%".
        let after = (i + 1..figures.len())
            .filter(|_| !measured_against)
            .take_while(|&j| bytes_between(&figures[i], &figures[j]) < 60)
            .find(|&j| {
                let between = words_between(figures[i].tok, figures[j].tok);
                between.contains(&"to")
                    && !tokens[figures[i].tok..figures[j].tok]
                        .iter()
                        .any(|t| t.kind == TokenKind::Break(';'))
            });
        // "an increase of 13.8%, after the city cut the price from 49 to 42
        // marks": past a comma, only a level that follows at once ("up 7%,
        // to 92.1 million") is the rate's.
        let after = after.filter(|&j| {
            let comma = tokens[figures[i].tok..figures[j].tok]
                .iter()
                .any(|t| t.kind == TokenKind::Break(','));
            figures[j].is_level()
                && (i + 1..j).all(|k| figures[k].role != Role::Change)
                && !(comma && {
                    // A clause opened after the last comma has its own
                    // levels; "..., taking it to 2.25%" goes on with the
                    // change.
                    let last = (figures[i].tok..figures[j].tok)
                        .rev()
                        .find(|&k| tokens[k].kind == TokenKind::Break(','))
                        .unwrap_or(figures[i].tok);
                    matches!(
                        s.lower(last + 1),
                        Some(
                            "after"
                                | "as"
                                | "when"
                                | "while"
                                | "because"
                                | "since"
                                | "which"
                                | "who"
                                | "but"
                                | "though"
                                | "although"
                                | "despite"
                                | "before"
                                | "once"
                                | "until"
                                | "where"
                        )
                    )
                })
        });
        // "412,000, up 11.4% on December 2023 and up 18% from 349,000": a
        // rate coordinated after another rate shares its level.
        let coordinated = (0..i)
            .rev()
            .find(|&j| figures[j].role != Role::Change)
            .filter(|&j| j + 1 < i && figures[i].kind() == figures[j + 1].kind())
            .filter(|_| {
                tokens[figures[i - 1].tok + 1..figures[i].tok]
                    .iter()
                    .any(|t| t.is(Class::Coordinator))
            });
        let before = coordinated.or(i.checked_sub(1)).filter(|&j| {
            let next = if coordinated.is_some() { j + 1 } else { i };
            let gap = &tokens[figures[j].tok + 1..figures[next].tok];
            let opens = gap
                .first()
                .is_some_and(|t| matches!(t.kind, TokenKind::Break(',' | '(')));
            let comma = gap.iter().any(|t| t.kind == TokenKind::Break(','));
            // "fell to 612,000 tonnes in the October-March main crop, down
            // 22%": a level reached may be followed by its period.
            let reach = if s.word_before(figures[j].tok) == Some("to") {
                64
            } else {
                32
            };
            // "512,000 tonnes this year, 21 per cent more than the 368,000
            // made in 2023": the rate compares the level before with the
            // one after "than".
            figures[j].is_level()
                && !figures[j].baseline
                && bytes_between(&figures[j], &figures[next]) <= reach
                && (opens || comma)
                && (measured_against
                    || words_between(figures[j].tok, figures[next].tok)
                        .iter()
                        .any(|w| CHANGE_WORDS.contains(w)))
        });
        // "rose to 4.3% in March from 3.9% in February, an increase of 0.6
        // points": after a comma, the change of the "to" and "from" levels
        // before it.
        let restated = || {
            let comma = tokens[..figures[i].tok]
                .iter()
                .rposition(|t| t.kind == TokenKind::Break(','))?;
            // "..., a 26% increase": the rate in apposition, right after
            // the comma.
            // A rate that names its own base ("a 9% increase from a year
            // earlier", "on May last year") is no change between these.
            let own_base = tokens[figures[i].tok + 1..]
                .iter()
                .take_while(|t| t.is_word())
                .take(3)
                .any(|t| {
                    matches!(
                        &*t.lower,
                        "from" | "on" | "over" | "against" | "compared" | "versus" | "than"
                    )
                });
            // "..., a 26% increase", "..., an increase of 11.5 per cent".
            let lead = &tokens[comma + 1..figures[i].tok];
            let change_of = matches!(lead, [a, noun, of]
                if matches!(&*a.lower, "a" | "an")
                    && (noun.is(Class::Rise) || noun.is(Class::Fall))
                    && of.lower == "of");
            let appositive =
                !own_base && (change_of || lead.iter().all(|t| matches!(&*t.lower, "a" | "an")));
            // The levels of the clause that ends at that comma.
            let opening = tokens[..comma]
                .iter()
                .rposition(|t| t.kind == TokenKind::Break(','))
                .unwrap_or(0);
            let levels: Vec<usize> = (0..i)
                .rev()
                .skip_while(|&j| figures[j].tok >= comma)
                .take_while(|&j| figures[j].tok > opening)
                .filter(|&j| figures[j].is_level())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let from: Vec<usize> = levels
                .iter()
                .copied()
                .filter(|&j| figures[j].baseline)
                .collect();
            let to: Vec<usize> = levels
                .iter()
                .copied()
                .filter(|&j| s.word_before(figures[j].tok) == Some("to"))
                .collect();
            // "came in at $4.13bn against $3.62bn a year earlier, an
            // increase of 14%": with no "to", the one level before the
            // starting level.
            let other: Vec<usize> = levels
                .iter()
                .copied()
                .filter(|&j| !figures[j].baseline && from.first().is_some_and(|&f| j < f))
                .collect();
            match (to.as_slice(), from.as_slice(), other.as_slice()) {
                ([t], [_], _) | ([], [_], [t]) => Some(*t),
                // "produced 171,000 cubic metres a day in May, up from
                // 142,000 a year earlier, a 26% increase": a clause that is
                // only the starting level goes on from the level before it.
                ([], [f], []) if appositive => {
                    let k = f.checked_sub(1)?;
                    let gap = &tokens[figures[k].tok..figures[*f].tok];
                    (figures[k].is_level()
                        && !figures[k].baseline
                        && figures[k].kind() == figures[*f].kind()
                        && bytes_between(&figures[k], &figures[*f]) <= 96
                        && !gap
                            .iter()
                            .any(|t| matches!(t.kind, TokenKind::Break(':' | ';'))))
                    .then_some(k)
                }
                _ => None,
            }
        };
        let Some(to) = after.or(before).or_else(restated) else {
            continue;
        };
        // "imports grew 0.7%, pushing the surplus up to $323bn": a rate and
        // a level that each name their own, different measure in their own
        // clauses are two quantities.
        let own = |f: &Figure| {
            f.evidence
                .measure
                .as_ref()
                .is_some_and(|r| r.source == Source::Clause)
        };
        let (mi, mt) = (&figures[i].measure, &figures[to].measure);
        if own(&figures[i])
            && own(&figures[to])
            && mi.as_ref().map(|m| &m.head) != mt.as_ref().map(|m| &m.head)
            && tokens[figures[i].tok].clause != tokens[figures[to].tok].clause
        {
            continue;
        }
        figures[i].links.to = Some(compact_offset(figures[to].span.start));
        // "Meridian estimated shipments at 295.0 million, up 1.0%": the
        // change of an estimate, forecast or target is one too, and is
        // compared only with its like.
        if matches!(
            figures[to].role,
            Role::Estimate | Role::Forecast | Role::Guidance | Role::Target
        ) {
            figures[i].role = figures[to].role;
            figures[i].evidence.role = figures[to].evidence.role.clone();
        }
        if let Some(m) = figures[to].measure.clone() {
            figures[i].measure = Some(m);
            figures[i].evidence.measure =
                Some(Reason::new(Source::Link, Some(figures[to].span.clone())));
        }
        // One quantity, one owner: "The Port of Halvenport handled 4.37
        // million TEU, up 8.7% from 4.02 million" is Halvenport's throughout.
        share_owner(figures, to, i);
        if figures[i].period.is_none() {
            figures[i].period = figures[to].period;
            figures[i].evidence.period = figures[to].evidence.period.clone();
        }
        if figures[to].period.is_none() {
            figures[to].period = figures[i].period;
            figures[to].evidence.period = figures[i].evidence.period.clone();
        }
        // The starting level: the nearest "from" figure of the level's kind.
        let near = i.saturating_sub(NEAREST_FIGURES)..(i + NEAREST_FIGURES + 1).min(figures.len());
        // A starting level that follows another level of its kind belongs
        // to that one: "to $16.9bn, leaving a surplus of $1.7bn, up from
        // $0.96bn" starts the surplus, not the imports.
        // ... and one right after another level ("claims reached 2.6bn, up
        // from 2.2bn ..., and premiums rose to 3.1bn, an increase of 7%")
        // starts that level, not the one the rate reached.
        let owned_by_another = |k: usize| {
            let after_other = k > to
                && (to + 1..k).any(|m| {
                    m != i
                        && figures[m].is_level()
                        && !figures[m].baseline
                        && figures[m].kind() == figures[k].kind()
                });
            let starts_previous = k < to
                && k > 0
                && k - 1 != to
                && figures[k - 1].is_level()
                && !figures[k - 1].baseline
                && s.after_from(figures[k].tok)
                && tokens[figures[k - 1].tok + 1..figures[k].tok]
                    .iter()
                    .all(|t| {
                        // The level's noun and times, a comma, "up from".
                        matches!(t.kind, TokenKind::Break(','))
                            || t.is_word()
                                && !t.is(Class::Reporting)
                                && !t.is(Class::Coordinator)
                                && !t.is(Class::Clause)
                                && !t.is(Class::Rise)
                                && !t.is(Class::Fall)
                            || matches!(&*t.lower, "up" | "down")
                            || !t.is_word()
                                && !matches!(t.kind, TokenKind::Break(_) | TokenKind::Figure(_))
                    });
            after_other || starts_previous
        };
        // A starting level before the rate, past a colon or semicolon,
        // starts another clause's change: "output dropped from 8.6 TWh in
        // 2023, although ...: generation rose 12% to 1.62 TWh".
        let across_clauses = |k: usize| {
            k < i
                && tokens[figures[k].tok..figures[i].tok]
                    .iter()
                    .any(|t| matches!(t.kind, TokenKind::Break(':' | ';')))
        };
        // "up 11.4% on December 2023 and up 18% from 349,000": a starting
        // level with another rate between it and this one is that rate's.
        // So too past any other percentage: "a rise of 10%, though still
        // 15% below the 4 million of 2019".
        let another_rate = |k: usize| {
            (k.min(i) + 1..k.max(i)).any(|m| {
                m != to
                    && figures[m].kind() == figures[i].kind()
                    && (figures[m].role == Role::Change || figures[m].kind() == Kind::Percent)
            })
        };
        // "up 12 per cent from the third quarter": a rate whose base is a
        // time, not a level, takes no starting level.
        let time_base = {
            let after = &tokens[figures[i].tok + 1..];
            let prep = after.iter().take(3).position(|t| {
                // Not "over": "doubled over the past five years, from 140
                // to 420" spans a time and still starts from a level.
                matches!(
                    &*t.lower,
                    "from" | "on" | "against" | "compared" | "versus" | "than"
                )
            });
            prep.is_some_and(|p| {
                after[p + 1..]
                    .iter()
                    .take(3)
                    .find(|t| !t.is(Class::Determiner) && !matches!(&*t.lower, "with" | "to"))
                    .is_some_and(|t| !matches!(t.kind, TokenKind::Figure(_)))
            })
        };
        let from = near
            .filter(|_| !time_base)
            .filter(|&k| {
                k != to
                    && k != i
                    && figures[k].baseline
                    && figures[k].kind() == figures[to].kind()
                    && !owned_by_another(k)
                    && !across_clauses(k)
                    && !another_rate(k)
            })
            // "X, up from Y, an increase of R, and well above the Z of
            // 2019": a starting level between the level and the rate first.
            .min_by_key(|&k| {
                let between = to < k && k < i;
                (
                    !between,
                    figures[k].span.start.abs_diff(figures[i].span.start),
                )
            });
        // "21 per cent more than last year's 368,000 hectolitres": the
        // level the rate is measured against, named a few words on.
        let compared_base = || {
            let k = i + 1;
            (measured_against
                && k < figures.len()
                && k != to
                && figures[k].is_level()
                && figures[k].kind() == figures[to].kind()
                && tokens[figures[i].tok + 1..figures[k].tok]
                    .iter()
                    .all(|t| t.is_word() || t.possessive_stem().is_some())
                && figures[k].tok - figures[i].tok <= 9)
                .then_some(k)
        };
        if let Some(k) = from.or_else(compared_base) {
            figures[i].links.from = Some(compact_offset(figures[k].span.start));
            share_owner(figures, to, k);
        }
    }
}

/// Tokens either side of a rate searched for a compound basis ("a
/// compound annual growth rate of").
const COMPOUND_REACH: usize = 6;

/// Tag change figures with the basis written beside them: first after the
/// figure (up to the next figure or the clause's end), then before it.
pub fn mark_basis(s: &Sentence, lex: &Lexicon, figures: &mut [Figure]) {
    let tokens = &s.tokens;
    let toks: Vec<usize> = figures.iter().map(|f| f.tok).collect();
    let word = |i: usize| tokens.get(i).filter(|t| t.is_word()).map(|t| &*t.lower);
    let basis_in = |range: std::ops::Range<usize>| {
        range.clone().find_map(|i| {
            // "fell 14.2% in April from a year earlier": the base is a time
            // expression, one token.
            if matches!(tokens[i].kind, TokenKind::Time(_)) {
                return lex.words().basis_of_time(&tokens[i].text.to_lowercase());
            }
            lex.words()
                .basis_at(word, i)
                .filter(|(_, n)| i + n <= range.end)
                .map(|(b, _)| b)
        })
    };
    for (n, f) in figures.iter_mut().enumerate() {
        // "a compound annual growth rate of 11%", "11% average annual
        // growth": a yearly rate over several years is a change, though no
        // verb says so.
        if f.role != Role::Change && f.kind() == Kind::Percent && f.measure.is_some() {
            let clause = tokens[f.tok].clause;
            let before = f.tok.saturating_sub(COMPOUND_REACH)..f.tok;
            let after = f.tok + 1..(f.tok + 1 + COMPOUND_REACH).min(tokens.len());
            let in_clause = |r: std::ops::Range<usize>| {
                let r: Vec<usize> = r.filter(|&i| tokens[i].clause == clause).collect();
                r.first().copied().unwrap_or(0)..r.last().map_or(0, |&l| l + 1)
            };
            if basis_in(in_clause(before)).or_else(|| basis_in(in_clause(after)))
                == Some(Basis::Compound)
            {
                f.role = Role::Change;
            }
        }
        if f.role != Role::Change {
            continue;
        }
        let Some(m) = f.measure.as_mut() else {
            continue;
        };
        let clause = tokens[f.tok].clause;
        let next = toks.get(n + 1).copied().unwrap_or(tokens.len());
        let clause_end = |from: usize, clause: usize| {
            (from..next)
                .find(|&i| tokens[i].clause != clause)
                .unwrap_or(next)
        };
        let mut end = clause_end(f.tok + 1, clause);
        // A clause of comparison right after the figure's is read too:
        // "fell 13.7% in April, compared with a year earlier".
        if let Some(k) = (end..next).find(|&i| tokens[i].is_word()) {
            if tokens[k].is(Class::Comparison) {
                end = clause_end(k, tokens[k].clause);
            }
        }
        let prev = n.checked_sub(1).map_or(0, |k| toks[k] + 1);
        let start = (prev..f.tok)
            .rev()
            .take_while(|&i| tokens[i].clause == clause)
            .last()
            .unwrap_or(f.tok);
        if let Some(b) = basis_in(f.tok + 1..end).or_else(|| basis_in(start..f.tok)) {
            m.basis = Some(b);
        }
    }
}
