//! FC303 share-arithmetic: "N of M (P%)" — the part, the whole and the
//! share stated together must agree.

use super::arith::{stated_holds, Range};
use super::{Context, RuleInfo, Run};
use crate::claim::{Kind, Role};
use crate::findings::{Finding, Severity};
use crate::lexicon::Class;

pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "FC303",
    run: Run::Claims(check),
    name: "share-arithmetic",
    severity: Severity::Error,
    summary: "a percentage share that does not match the part and whole stated with it",
    doc: r#"## What it does
Finds a part, a whole and a share in one sentence — "Of the 48 members, 12
(30%) voted against", "12 of the 48 members, or 30%", "30% of the 48
members, or 12" — and recomputes part / whole from every rounding; "N,
or P% of the total" takes as the whole the nearest figure of its kind in
the three sentences before (not a starting level, "up from ..."); a
sentence that opens "Of those" takes the N of the "N of M" before it. Also
a percentage the rules define as a ratio (`[[ratio]]`: a margin is profit
over revenue) stated with both of its figures: "an operating profit of
$52m on revenue of $400m, a margin of 15%" (that is 13%).

## Why is this bad?
A share that does not match its own numbers is the first thing a careful
reader recomputes.

## Example
```text
Of the 48 council members, 12 (30%) voted against the budget.   (25%)
```
Use instead:
```text
Of the 48 members, 36 (75%) backed it.
```
"#,
};

fn is_count(cx: &Context, i: usize) -> bool {
    let c = cx.claim(i);
    c.kind == Kind::Count && c.role != Role::Change
}

fn is_share(cx: &Context, i: usize) -> bool {
    let c = cx.claim(i);
    c.kind == Kind::Percent && c.role == Role::Actual
}

/// "N (P%)" or "N, or P%": the share written right beside its part.
fn beside(cx: &Context, a: usize, b: usize) -> bool {
    let between = cx.between(a, b);
    let t = between.trim();
    t == "(" || t == "," || t == ", or" || t == "or" || t == "—" || t == ", or some"
}

/// [`beside`], or with the part's counted noun between: "412,000
/// international visitors, or 31% of the total".
fn beside_with_noun(cx: &Context, a: usize, b: usize) -> bool {
    if beside(cx, a, b) {
        return true;
    }
    let Some(noun) = cx.claim(a).unit.as_deref() else {
        return false;
    };
    let between = cx.between(a, b);
    let t = between.trim();
    t.strip_suffix(", or").is_some_and(|words| {
        let words: Vec<&str> = words.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && words.last().is_some_and(|w| w.eq_ignore_ascii_case(noun))
            && words
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
    })
}

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = ratios(cx);
    for members in cx.sentences.values() {
        // The whole: a count introduced by "of" ("of the 48", "out of 48").
        let wholes: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| {
                is_count(cx, i)
                    && (cx.word_before(i) == "of" || cx.between_words_before(i, 2) == "of the")
            })
            .collect();
        for &whole in &wholes {
            let whole_at = members.iter().position(|&m| m == whole);
            for (k, &p) in members.iter().enumerate() {
                if !is_share(cx, p) {
                    continue;
                }
                // "35 million, or almost 30%, brings the penalty to 4.5% of
                // its revenue of 1.9 billion": a whole after another share
                // is that share's.
                let later_share = whole_at.is_some_and(|w| {
                    w > k
                        && members[k + 1..w]
                            .iter()
                            .any(|&m| cx.claim(m).kind == Kind::Percent)
                });
                if later_share {
                    continue;
                }
                // The part beside the share, before or after it.
                let part = members[..k]
                    .last()
                    .copied()
                    .filter(|&n| n != whole && is_count(cx, n) && beside_with_noun(cx, n, p))
                    .or_else(|| {
                        // "P% (N)", "P%, or N"; not "where coverage is
                        // lowest at 83%, 521 cases have been reported":
                        // after a bare comma a new clause counts its own.
                        members.get(k + 1).copied().filter(|&n| {
                            n != whole
                                && is_count(cx, n)
                                && beside(cx, p, n)
                                && cx.between(p, n).trim() != ","
                        })
                    })
                    .or_else(|| {
                        // "12 of the 48 members, or 30%": the share after the
                        // whole and its noun, the part before the whole.
                        let after_whole = cx.between(whole, p);
                        let t = after_whole.trim();
                        let tail_ok = t.ends_with(", or") || t.ends_with('(') || t.ends_with(',');
                        (tail_ok && t.split_whitespace().count() <= 4)
                            .then(|| {
                                members.iter().copied().rev().find(|&n| {
                                    n != whole
                                        && is_count(cx, n)
                                        && cx.claim(n).span.end <= cx.claim(whole).span.start
                                })
                            })
                            .flatten()
                    })
                    .or_else(|| {
                        // "Of the 1,240 participants, 496 were women, or
                        // 45%": a whole that opens the sentence, and the
                        // count that ends just before the share's ", or".
                        let n = members[..k].last().copied()?;
                        let t = cx.between(n, p);
                        let t = t.trim();
                        (n != whole
                            && opens_sentence(cx, whole)
                            && is_count(cx, n)
                            && cx.claim(n).span.start > cx.claim(whole).span.end
                            && (t.ends_with(", or") || t.ends_with('('))
                            && t.split_whitespace().count() <= 5)
                            .then_some(n)
                    })
                    .or_else(|| {
                        // "30% of the 48 members, or 12"
                        members.iter().copied().find(|&n| {
                            let t = cx.between(whole, n);
                            let t = t.trim();
                            n != whole
                                && is_count(cx, n)
                                && (t.ends_with(", or") || t.ends_with('('))
                                && t.split_whitespace().count() <= 4
                        })
                    });
                let Some(part) = part else { continue };
                out.extend(recompute(cx, p, part, whole));
            }
        }
    }
    out.extend(covering(cx));
    out.extend(of_the_total(cx));
    out.extend(of_those(cx));
    out.extend(of_them_here(cx));
    out
}

/// "Teams checked 31,200 riders ..., meaning 6,240 of them, or 25 per
/// cent, were travelling without paying": a part counted "of them" (those,
/// these) with its share beside it is a part of the one larger count
/// before it in the sentence; with several, "them" may be any of them.
fn of_them_here(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        for (k, &p) in members.iter().enumerate() {
            let Some(part) = k.checked_sub(1).map(|j| members[j]) else {
                continue;
            };
            if !is_share(cx, p) || !is_count(cx, part) {
                continue;
            }
            let between = cx.between(part, p).trim().to_ascii_lowercase();
            let anaphor = ["of them", "of those", "of these"].iter().any(|a| {
                between
                    .strip_prefix(a)
                    .is_some_and(|rest| matches!(rest.trim(), ", or" | "(" | ","))
            });
            if !anaphor {
                continue;
            }
            // "2,400 schools teach 610,000 pupils, and 310 of them": either
            // count may be "them"; only a sentence with one whole is judged.
            let value = cx.claim(part).value;
            let wholes: Vec<usize> = members[..k - 1]
                .iter()
                .copied()
                .filter(|&w| is_count(cx, w) && !cx.claim(w).baseline && cx.claim(w).value > value)
                .collect();
            if let [whole] = wholes.as_slice() {
                out.extend(recompute(cx, p, part, *whole));
            }
        }
    }
    out
}

/// Whether no more than "Out of the" comes before a figure in its sentence.
fn opens_sentence(cx: &Context, i: usize) -> bool {
    let c = cx.claim(i);
    let prose = &cx.corpus.docs[c.doc].prose;
    prose
        .get(c.sentence.start..c.span.start)
        .is_some_and(|before| before.split_whitespace().count() <= 3)
}

/// "will pay 3.6 billion florins towards the factory, covering 30% of the
/// plant's 14.4 billion florin cost": a share opened by a participle after
/// a comma ("covering", "representing", "accounting for"), its whole the
/// next figure after "of", its part the nearest figure before of the
/// whole's kind and unit.
fn covering(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        for (k, &p) in members.iter().enumerate() {
            // Arithmetic holds whatever the role: a share of a planned cost
            // is a share all the same.
            let cs = cx.claim(p);
            if cs.kind != Kind::Percent || cs.role == Role::Change || !share_verb_before(cx, p) {
                continue;
            }
            let Some(&whole) = members.get(k + 1) else {
                continue;
            };
            let gap = cx.between(p, whole);
            let words: Vec<&str> = gap.split_whitespace().collect();
            let cw = cx.claim(whole);
            if words.first() != Some(&"of")
                || words.len() > 4
                || gap.contains([',', ';', ':'])
                || !matches!(cw.kind, Kind::Money | Kind::Count)
                || cw.role == Role::Change
            {
                continue;
            }
            // The nearest before: counts of any noun ("2,300 jobs,
            // representing 20% of its 19,000 staff"), money of the whole's
            // currency.
            let part = members[..k].iter().rev().copied().find(|&n| {
                let c = cx.claim(n);
                let unit_fits = c.kind == Kind::Count || c.unit == cw.unit;
                c.kind == cw.kind && unit_fits && c.role != Role::Change && !c.baseline
            });
            if let Some(part) = part {
                out.extend(recompute(cx, p, part, whole));
            }
        }
    }
    out
}

/// Whether the share's clause opens with a share verb ("covering 30%",
/// "accounting for 12%", "equal to 4%"), after a comma.
fn share_verb_before(cx: &Context, p: usize) -> bool {
    let c = cx.claim(p);
    let prose = &cx.corpus.docs[c.doc].prose;
    let before = &prose[c.sentence.start..c.span.start];
    let Some(comma) = before.rfind([',', ';', ':']) else {
        return false;
    };
    let words: Vec<String> = before[comma + 1..]
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some((verb, rest)) = words.split_first() else {
        return false;
    };
    rest.len() <= 2
        && cx.lexicon.words().classes(verb).has(Class::ShareVerb)
        && rest.iter().all(|w| {
            matches!(
                w.as_str(),
                "for" | "to" | "up" | "some" | "about" | "nearly" | "almost"
            )
        })
}

/// The finding when part / whole does not give the stated share.
fn recompute(cx: &Context, p: usize, part: usize, whole: usize) -> Option<Finding> {
    let (cp, cw, cs) = (cx.claim(part), cx.claim(whole), cx.claim(p));
    if cp.value > cw.value {
        return None;
    }
    let share = Range::of(cp)?.share_of(Range::of(cw)?)?;
    if stated_holds(cs, share) {
        return None;
    }
    Some(Finding {
        message: format!(
            "{} of {} is {}, not {}",
            cp.text,
            cw.text,
            share.describe("%"),
            cs.text
        ),
        measure: cs
            .measure
            .as_ref()
            .or(cw.measure.as_ref())
            .map(ToString::to_string),
        period: cs.period,
        claims: vec![p, part, whole],
        labels: vec![
            format!("stated {}", cs.describe_value()),
            format!("part {}", cp.describe_value()),
            format!("whole {}", cw.describe_value()),
        ],
        help: Some(format!(
            "{} / {} gives {}",
            cp.text,
            cw.text,
            share.describe("%")
        )),
        ..Finding::of(&RULE)
    })
}

/// "2,120 of its 2,650 members took part. Of those, 1,590 voted in favour,
/// or 85%": a sentence opening "Of those" (them, these) counts within the
/// part of the "N of M" the sentence before gave; its shares are of N.
fn of_those(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut previous: Option<(usize, &[usize])> = None;
    for (&(doc, start), members) in cx.sentences.iter() {
        let before = previous.filter(|(d, _)| *d == doc).map(|(_, m)| m);
        previous = Some((doc, members));
        let Some(before) = before else { continue };
        let prose = &cx.corpus.docs[doc].prose;
        let opening = prose[start..]
            .trim_start()
            .get(..10)
            .unwrap_or("")
            .to_ascii_lowercase();
        let anaphor = ["of those", "of them", "of these"]
            .iter()
            .any(|w| opening.starts_with(w));
        if !anaphor {
            continue;
        }
        // The N of "N of M" in the sentence before.
        let Some(whole) = before.windows(2).find_map(|w| {
            let between = cx.between(w[0], w[1]);
            let of = between.trim() == "of"
                || between.trim_start().starts_with("of ")
                    && between.split_whitespace().count() <= 2;
            (of && is_count(cx, w[0]) && is_count(cx, w[1])).then_some(w[0])
        }) else {
            continue;
        };
        for (k, &p) in members.iter().enumerate() {
            if !is_share(cx, p) {
                continue;
            }
            // "1,590 voted in favour of strike action, or 85%": the count
            // the share restates, however far, up to ", or".
            let part = members[..k].last().copied().filter(|&n| {
                is_count(cx, n)
                    && (beside(cx, n, p) || cx.between(n, p).trim_end().ends_with(", or"))
            });
            if let Some(part) = part {
                out.extend(recompute(cx, p, part, whole));
            }
        }
    }
    out
}

/// How many sentences back "the total" is looked for.
const TOTAL_SENTENCES_BACK: usize = 3;

/// "Residents aged 65 and over numbered 231,120, or 21% of the total": the
/// total is the nearest figure of the part's kind stated before, in the
/// same article, within a few sentences, larger than the part (a starting
/// level, "up from 1,212,000", is an earlier total, not this one).
fn of_the_total(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (&(doc, start), members) in cx.sentences.iter() {
        for (k, &p) in members.iter().enumerate() {
            if !is_share(cx, p) {
                continue;
            }
            let c = cx.claim(p);
            let after = &cx.corpus.docs[doc].prose[c.span.end..];
            const OF_THE_TOTAL: &str = " of the total";
            let names_total = after
                .get(..OF_THE_TOTAL.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(OF_THE_TOTAL));
            if !names_total {
                continue;
            }
            let Some(part) = members[..k]
                .last()
                .copied()
                .filter(|&n| is_count(cx, n) && beside_with_noun(cx, n, p))
            else {
                continue;
            };
            let cp = cx.claim(part);
            let compatible = |i: usize| {
                let w = cx.claim(i);
                w.kind == cp.kind
                    && w.role == Role::Actual
                    && !w.baseline
                    && w.value > cp.value
                    && (w.unit == cp.unit || w.unit.is_none() || cp.unit.is_none())
            };
            let before = || {
                cx.sentences
                    .range((doc, 0)..(doc, start))
                    .rev()
                    .take(TOTAL_SENTENCES_BACK)
                    .flat_map(|(_, claims)| claims.iter().rev().copied())
            };
            // Past smaller figures, the nearest larger one of the part's
            // head measure: "1.65 million visitors ... drew 386,000 visitors
            // ... 412,000 international visitors, or 31% of the total".
            let same_head = |i: usize| {
                let head = |j: usize| cx.claim(j).measure.as_ref().map(|m| m.head.clone());
                head(i).is_some() && head(i) == head(part)
            };
            let whole = before()
                .find(|&i| cx.claim(i).kind == cp.kind && !cx.claim(i).baseline)
                .filter(|&w| compatible(w))
                .or_else(|| before().find(|&i| compatible(i) && same_head(i)));
            if let Some(whole) = whole {
                out.extend(recompute(cx, p, part, whole));
            }
        }
    }
    out
}

/// "an operating profit of $52m on revenue of $400m, a margin of 15%": a
/// percentage the rules define as one measure over another (`[[ratio]]`),
/// stated in one sentence with exactly one figure of each, of one owner,
/// period and currency.
fn ratios(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for members in cx.sentences.values() {
        for &p in members {
            let cs = cx.claim(p);
            if !is_share(cx, p) {
                continue;
            }
            let Some(m) = &cs.measure else { continue };
            for r in cx.lexicon.ratios().iter().filter(|r| r.measure == m.head) {
                let with = |ids: &[&str]| -> Vec<usize> {
                    members
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let c = cx.claim(i);
                            c.kind == Kind::Money
                                && c.role == Role::Actual
                                && c.owner == cs.owner
                                && c.period == cs.period
                                && c.measure.as_ref().is_some_and(|cm| {
                                    cm.qualifier.is_none() && ids.contains(&cm.head.as_str())
                                })
                        })
                        .collect()
                };
                let numerators: Vec<&str> = r.numerator.iter().map(String::as_str).collect();
                let (nums, dens) = (with(&numerators), with(&[r.denominator.as_str()]));
                let ([n], [d]) = (nums.as_slice(), dens.as_slice()) else {
                    continue;
                };
                let (cn, cd) = (cx.claim(*n), cx.claim(*d));
                if cn.unit != cd.unit {
                    continue;
                }
                let (Some(rn), Some(rd)) = (Range::of(cn), Range::of(cd)) else {
                    continue;
                };
                let Some(share) = rn.share_of(rd) else {
                    continue;
                };
                if stated_holds(cs, share) {
                    continue;
                }
                out.push(Finding {
                    message: format!(
                        "{} on {} is a {} of {}, not {}",
                        cn.text,
                        cd.text,
                        m,
                        share.describe("%"),
                        cs.text
                    ),
                    measure: Some(m.to_string()),
                    period: cs.period,
                    claims: vec![p, *n, *d],
                    labels: vec![
                        format!("stated {}", cs.describe_value()),
                        format!("{} {}", r.numerator.join("/"), cn.describe_value()),
                        format!("{} {}", r.denominator, cd.describe_value()),
                    ],
                    help: Some(format!(
                        "{} / {} gives {}; correct the {} or a figure",
                        cn.text,
                        cd.text,
                        share.describe("%"),
                        m
                    )),
                    ..Finding::of(&RULE)
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_texts;

    fn count(text: &str) -> usize {
        check_texts(&[("a.md", "2024-06-12", text)])
            .iter()
            .filter(|f| f.code == "FC303")
            .count()
    }

    /// "X ..., covering P% of the plant's Y cost": the share of the amount
    /// before in the whole after.
    #[test]
    fn a_share_opened_by_covering() {
        let text = |share: &str| {
            format!(
                "The government will pay 3.6 billion euros towards the planned chip factory, \
                 covering {share} of the plant's 14.4 billion euro cost, the ministry said."
            )
        };
        assert_eq!(count(&text("30%")), 1);
        assert_eq!(count(&text("25%")), 0);
        // A count of another noun is the part: jobs of staff, patients of
        // a waiting list.
        assert_eq!(
            count("Brennick will cut 2,300 jobs, representing 20% of its 19,000 British staff."),
            1
        );
        assert_eq!(
            count(
                "The waiting list stood at 7.5 million, and 310,000 patients had waited more \
                 than a year, accounting for 4% of the 7.5 million."
            ),
            0
        );
        // A share with no "covering" is not read as one.
        assert_eq!(
            count("The state will pay 3.6 billion euros, and 30% of the 14.4 billion euro cost."),
            0
        );
    }

    /// A share, a comma, and a count that opens its own clause: the count
    /// is no part of that share.
    #[test]
    fn a_count_after_a_share_and_a_comma_is_not_its_part() {
        assert_eq!(
            count(
                "In Lornet, where coverage is lowest at 83%, 521 cases have been reported this \
                 year, 42% of the national total of 1,247."
            ),
            0
        );
        assert_eq!(count("Of the 1,247 cases, 30% (521) were in Lornet."), 1);
    }

    /// "N votes, or P% of the M votes cast", the part's noun between; not
    /// a whole after another share.
    #[test]
    fn a_part_with_its_noun_before_or() {
        let text = |share: &str| {
            format!("The Liberals won 1.6 million votes, or {share} of the 4.2 million votes cast.")
        };
        assert_eq!(count(&text("45%")), 1);
        assert_eq!(count(&text("38%")), 0);
        assert_eq!(
            count(
                "The reduction of 35 million lusens, or almost 30%, brings the penalty down to \
                 about 4.5% of its 2024 revenue of 1.9 billion lusens."
            ),
            0
        );
    }

    /// "N of them, or P%": a part of the nearest larger count before it.
    #[test]
    fn a_part_of_them_in_the_same_sentence() {
        let text = |share: &str| {
            format!(
                "Inspectors checked 31,200 riders between 3 March and 30 March, meaning 6,240 \
                 of them, or {share}, had no ticket."
            )
        };
        // 6,240 / 31,200 is 20%.
        assert_eq!(count(&text("25 per cent")), 1);
        assert_eq!(count(&text("20 per cent")), 0);
        // Two larger counts before: "them" may be either.
        assert_eq!(
            count(
                "The region's 2,400 schools teach 610,000 pupils, and 310 of them, or 13%, \
                 need urgent repairs."
            ),
            0
        );
    }

    #[test]
    fn a_whole_that_opens_the_sentence() {
        let text = |share: &str| {
            format!("Of the 1,240 participants, 496 were women, or {share}, the trial said.")
        };
        // 496 / 1,240 is 40%.
        assert_eq!(count(&text("45%")), 1);
        assert_eq!(count(&text("40%")), 0);
        // Not opening the sentence: the whole is not known to be this one's.
        assert_eq!(
            count("The trial said that of the 1,240 participants, 496 were women, or 45%."),
            0
        );
    }

    #[test]
    fn the_total_is_the_nearest_larger_figure_of_the_measure() {
        let text = "The museum welcomed 1,650,000 visitors in 2024. An exhibition drew \
                    386,000 visitors and late openings 58,000 people.\n\n\
                    The museum counted 412,000 international visitors, or 31% of the total.";
        // 412,000 of 1,650,000 is 25%; 386,000 and 58,000 are smaller.
        assert_eq!(count(text), 1);
        assert_eq!(count(&text.replace("31%", "25%")), 0);
    }

    #[test]
    fn share_of_a_total_stated_before() {
        let text = "Norland had 2,000,000 residents in 2024, up from 1,800,000 in 2014.\n\n\
                    Residents over 65 numbered 300,000, or 20% of the total.";
        // 300,000 of 2,000,000 is 15%; the starting level 1,800,000 is not the total.
        assert_eq!(count(text), 1);
        let right = text.replace("20%", "15%");
        assert_eq!(count(&right), 0);
    }

    #[test]
    fn share_of_those_in_the_sentence_before() {
        let text = "The club said 400 of its 500 members voted. Of those, 300 backed the merger, or 80% of votes cast.";
        // 300 of the 400 who voted is 75%.
        assert_eq!(count(text), 1);
        assert_eq!(count(&text.replace("80%", "75%")), 0);
    }

    #[test]
    fn wrong_share() {
        assert_eq!(
            count("Of the 48 council members, 12 (30%) voted against the budget."),
            1
        );
        assert_eq!(
            count("Some 12 of the 48 members, or 30%, voted against."),
            1
        );
    }

    #[test]
    fn right_share() {
        assert_eq!(count("Of the 48 members, 36 (75%) backed it."), 0);
    }

    #[test]
    fn margin_against_profit_and_revenue() {
        let text = |pct: &str| {
            format!(
                "Tessaro made an operating profit of $52m on revenue of $400m last year, an \
                 operating margin of {pct}."
            )
        };
        assert_eq!(count(&text("15%")), 1);
        assert_eq!(count(&text("13%")), 0);
        // 52 / 400 is 13%; "12.5%" is outside every rounding of the levels.
        assert_eq!(count(&text("12.5%")), 1);
        // Two profits in one sentence: which one the margin is of is unclear.
        assert_eq!(
            count(
                "Tessaro made an operating profit of $52m and a net profit of $30m on revenue of \
                 $400m last year, a margin of 15%."
            ),
            0
        );
    }

    #[test]
    fn rounding_edge_does_not_fire() {
        // 1 of 3 is 33.3%: "33%" is a rounding of it.
        assert_eq!(count("Of the 3 judges, 1 (33%) dissented."), 0);
    }
}
