//! Role: what a figure is doing in its sentence. A change ("rose 5%"), a
//! target ("aims for $200bn"), a forecast ("is expected to grow 3%"),
//! guidance (a company's own outlook), an estimate (analysts' consensus),
//! or an actual figure.
//!
//! Cues are word classes from `rules/words.toml`; each is looked for in the
//! figure's own clause. A role given by one cue carries across figures
//! joined by "and", "or" or a comma ("expects revenue of $65bn and a margin
//! of 75%").

use super::figure::Figure;
use super::tokens::{Token, TokenKind};
use super::Sentence;
use crate::claim::{Kind, Reason, Role, Source};
use crate::lexicon::Class;

/// Decide a figure's role. `earlier` are the sentence's figures before it,
/// already read.
pub fn read_role(s: &Sentence, f: &mut Figure, earlier: &[Figure]) {
    if f.kind() == Kind::Duration {
        return;
    }
    // "doubled" is a change already; the words around it are not asked.
    let change = if f.multiple {
        Some((f.negative, f.tok))
    } else {
        change_direction(&s.tokens, f)
    };
    if let Some((negative, cue)) = change {
        f.role = Role::Change;
        f.negative = negative;
        f.evidence.role = Some(Reason::new(
            Source::Clause,
            Some(s.tokens[cue].span.clone()),
        ));
    }
    // "rose 9.6% in the third quarter, 9.1% in the fourth and 8.3% in the
    // first": rates listed after a rate of change are rates of change; so
    // is the starting rate of one ("an annual increase of 8.3%, down from
    // 9.1%").
    if f.role == Role::Actual && f.kind() == Kind::Percent {
        let last = earlier
            .last()
            .filter(|e| e.kind() == Kind::Percent && e.role == Role::Change);
        if let Some(e) = last {
            let before = f.tok.checked_sub(1).map(|i| &s.tokens[i]);
            let listed = before.is_some_and(|t| {
                matches!(t.kind, TokenKind::Break(',')) || t.is(Class::Coordinator)
            }) && coordinated(&s.tokens, e.tok, f.tok);
            // "down from 9.1%" compares the rate with its own earlier
            // value; "raised rates by 0.5%, from 1.75%" starts the level.
            let from = before.is_some_and(|t| t.lower == "from")
                && f.tok >= 2
                && matches!(&*s.tokens[f.tok - 2].lower, "up" | "down")
                && s.tokens[e.tok..f.tok]
                    .iter()
                    .all(|t| t.clause + 1 >= s.tokens[f.tok].clause);
            if listed || from {
                f.role = Role::Change;
                f.negative = listed && e.negative;
                f.evidence.role = e.evidence.role.clone();
            }
        }
    }
    // A target, forecast or estimate governs even a change: "will grow
    // 1.8%" is a forecast, "cut emissions by 40% by 2030" a target.
    if let Some((role, cue)) = expectation(s, f, earlier) {
        f.role = role;
        f.evidence.role = Some(Reason::new(Source::Clause, Some(cue)));
    }
}

/// Whether the figure is a rise or fall ("rose 24.5%", "a 24.5 percent
/// rise", "up 3%", "cut rates by 25 basis points"): the direction (true for
/// a fall) and the token of the word that says so. "rose to 4.2%" is a
/// level, not a change.
fn change_direction(tokens: &[Token], f: &Figure) -> Option<(bool, usize)> {
    let at = f.tok;
    let clause = tokens[at].clause;
    let prev = |k: usize| at.checked_sub(k).map(|i| &tokens[i]);
    let rate = matches!(f.kind(), Kind::Percent | Kind::PercentagePoints);
    let mut k = 1;
    let mut saw_by = false;
    while let Some(t) = prev(k) {
        if t.clause != clause || !t.is_word() {
            break;
        }
        if t.lower == "by" {
            saw_by = true;
        }
        if t.is(Class::ChangeFiller) && k < 5 {
            k += 1;
            continue;
        }
        // "cut rates by 25 basis points": the verb, its object, then "by".
        if saw_by && !t.is(Class::Rise) && !t.is(Class::Fall) {
            let verb = (k..k + 3)
                .take_while(|&j| prev(j).is_some_and(|v| v.clause == clause))
                .find(|&j| prev(j).is_some_and(|v| v.is(Class::Rise) || v.is(Class::Fall)))?;
            let v = prev(verb)?;
            return Some((v.is(Class::Fall), at - verb));
        }
        // "an increase of 5%", "growth of 3%"
        let (w, wk) = if t.lower == "of" {
            (prev(k + 1)?, k + 1)
        } else {
            (t, k)
        };
        let phrasal_up = w.lower == "up" && prev(wk + 1).is_some_and(|v| v.is(Class::PhrasalUp));
        let rise = w.is(Class::Rise) && !phrasal_up;
        let fall = w.is(Class::Fall);
        let ok = rate || saw_by || w.lower == "up" || w.lower == "down";
        if (rise || fall) && ok && (t.lower != "of" || rate || saw_by) {
            return Some((fall, at - wk));
        }
        break;
    }
    // "a 24.5 percent rise", "5% growth"
    if rate {
        let mut n = at + 1;
        let next = |n: usize| tokens.get(n).filter(|t| t.is_word() && t.clause == clause);
        if next(n).is_some_and(|t| t.is(Class::ChangeAfterFiller)) {
            n += 1;
        }
        let t = next(n)?;
        if t.is(Class::Rise) && t.lower != "up" || t.is(Class::Fall) && t.lower != "down" {
            return Some((t.is(Class::Fall), n));
        }
        // "21 per cent more than the 368,000 hectolitres made in 2023".
        if super::tokens::compares_at(tokens, n) && next(n + 1).is_some() {
            return Some((t.is(Class::ComparativeLess), n));
        }
    }
    None
}

/// A target, forecast, guidance or estimate, and the words that say so.
fn expectation(
    s: &Sentence,
    f: &Figure,
    earlier: &[Figure],
) -> Option<(Role, std::ops::Range<usize>)> {
    let tokens = &s.tokens;
    let at = f.tok;
    let clause = tokens[at].clause;
    // Analysts' numbers: "analysts had expected $55bn", "the consensus of
    // $1.25", "estimates of $54.9bn", in the figure's clause before it, or
    // right after it ("a $1.25 consensus"). A verb of change or report
    // between cue and figure ends the cue's reach: "revenue rose to $57bn,
    // beating estimates" is an actual figure.
    // "had" in "analysts had expected" is an auxiliary, not an actor verb.
    let auxiliary = |i: usize| {
        matches!(&*tokens[i].lower, "had" | "has" | "have")
            && tokens.get(i + 1).is_some_and(|n| {
                n.is(Class::Forecast)
                    || n.is(Class::Estimate)
                    || n.lower.ends_with("ed")
                    || n.lower == "been"
            })
    };
    let before = (at.saturating_sub(16)..at)
        .rev()
        .take_while(|&i| {
            let t = &tokens[i];
            t.clause == clause
                && !t.is(Class::Rise)
                && !t.is(Class::Fall)
                && (!t.is(Class::ActorVerb) || auxiliary(i))
        })
        .find(|&i| {
            tokens[i].is(Class::Estimate) && !qualifier_word(tokens, i) && !compared(tokens, i)
        });
    let right_after = Some(at + 1).filter(|&i| {
        tokens
            .get(i)
            .is_some_and(|t| t.tight && t.clause == clause && t.is(Class::Estimate))
    });
    // "the US$61.66 billion that analysts had pencilled in".
    let relative = (at + 1..(at + 3).min(tokens.len()))
        .find(|&i| matches!(s.lower(i), Some("that" | "which")))
        .and_then(|r| {
            (r + 1..(r + 5).min(tokens.len()))
                .take_while(|&i| tokens[i].clause == clause)
                .find(|&i| tokens[i].is(Class::Estimate))
        });
    let estimate_cue = before.or(right_after).or(relative);
    if let Some(i) = estimate_cue {
        return Some((Role::Estimate, tokens[i].span.clone()));
    }
    // A cue before the figure governs the first figure of its kind after
    // it, across commas but not across "while", "but", "following"; and
    // the figures joined to that one by "and", "or" or a comma.
    let mut modal_cue = None;
    for i in (at.saturating_sub(14)..at).rev() {
        let t = &tokens[i];
        if t.is(Class::Clause) {
            break;
        }
        // "may fall", "could cost", "could be": a modal before a verb of
        // change, of reaching or of being.
        let modal = t.is(Class::Modal)
            && tokens.get(i + 1).is_some_and(|n| {
                n.is(Class::Rise)
                    || n.is(Class::Fall)
                    || n.is(Class::Verb)
                    || matches!(&*n.lower, "be" | "cost" | "total")
            });
        if modal {
            // A forecast word further back says more: "Newmont expects
            // the merged company could produce ..." is guidance.
            modal_cue = modal_cue.or(Some((Role::Forecast, t.span.clone())));
            continue;
        }
        if compared(tokens, i) {
            continue;
        }
        let role = if t.is(Class::Target) {
            Role::Target
        } else if t.is(Class::Forecast) {
            Role::Forecast
        } else {
            continue;
        };
        let between = tokens[i].span.end..f.span.start;
        let blocker = earlier.iter().rev().find(|e| {
            e.kind() == f.kind() && e.span.start >= between.start && e.span.end <= between.end
        });
        match blocker {
            None => return Some((role, t.span.clone())),
            Some(e) if e.role == role && coordinated(tokens, e.tok, at) => {
                return Some((role, t.span.clone()))
            }
            Some(_) => break,
        }
    }
    if modal_cue.is_some() {
        return modal_cue;
    }
    // After the figure: "a $200bn target", "the 1.8% the IMF had forecast".
    tokens[at + 1..(at + 5).min(tokens.len())]
        .iter()
        .take_while(|t| t.clause == clause)
        .find_map(|t| {
            if t.is(Class::TargetAfter) {
                Some((Role::Target, t.span.clone()))
            } else if t.is(Class::ForecastAfter) {
                Some((Role::Forecast, t.span.clone()))
            } else {
                None
            }
        })
}

/// "ran faster than forecast", "better than analysts expected": the
/// figure is measured against the expectation, and is itself an actual.
/// An expectation that names its own figure ("above market expectations of
/// $55.19 billion", "beat the estimated $54.92 billion") is still that
/// figure's cue: only one standing alone is a comparison.
fn compared(tokens: &[Token], i: usize) -> bool {
    let versus = (i.saturating_sub(2)..i)
        .any(|k| tokens[k].is(Class::Versus) && tokens[k].clause == tokens[i].clause);
    let names_its_figure = tokens[i + 1..(i + 3).min(tokens.len())].iter().any(|t| {
        matches!(&*t.lower, "of" | "for" | "at") || matches!(t.kind, TokenKind::Figure(_))
    });
    versus && !names_its_figure
}

/// "an estimated 2,400" is a qualifier, not analysts' estimate.
fn qualifier_word(tokens: &[Token], i: usize) -> bool {
    tokens[i].lower == "estimated" && i > 0 && matches!(&*tokens[i - 1].lower, "an" | "some")
}

/// Whether the figure at token `b` is coordinated with the one at `a`: only
/// a coordinator, a comma and the figure's own noun phrase lie between, no
/// verb of change or report.
fn coordinated(tokens: &[Token], a: usize, b: usize) -> bool {
    let between = &tokens[a + 1..b];
    let joined = between
        .iter()
        .any(|t| t.is(Class::Coordinator) || matches!(t.kind, TokenKind::Break(',')));
    joined
        && between.len() <= 8
        && !between.iter().any(|t| {
            t.is(Class::Rise)
                || t.is(Class::Fall)
                || t.is(Class::Reporting)
                || t.is(Class::Clause)
                || matches!(t.kind, TokenKind::Break(';' | ':' | '(' | ')'))
        })
}
