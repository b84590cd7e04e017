//! A sentence as tokens: its words (lower-cased, folded and classed once),
//! its figures and time expressions (one token each, whatever their length)
//! and the punctuation that breaks it into clauses.
//!
//! Everything the reader decides about a figure is decided over these
//! tokens; no rule of the reader looks at the prose again.

use std::borrow::Cow;
use std::ops::Range;

use crate::extract::sentence;
use crate::lexicon::{fold_plural as fold, lower, Class, ClassSet, Lexicon};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word of the prose, looked up in the word classes.
    Word,
    /// A figure: index into the sentence's figures.
    Figure(usize),
    /// A time expression: index into the sentence's times.
    Time(usize),
    /// Punctuation that ends a clause: `, ; : ( ) — –` or a spaced hyphen.
    Break(char),
}

/// One token of a sentence.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The words as written.
    pub text: &'a str,
    /// Lower-cased (borrowed when already lower case).
    pub lower: Cow<'a, str>,
    /// Lower-cased with a plural folded away, as the measure lexicon matches.
    pub fold: Cow<'a, str>,
    /// Bytes of the prose.
    pub span: Range<usize>,
    /// Word, figure, time or break.
    pub kind: TokenKind,
    /// The word's classes from the rule packs; none for other tokens.
    pub classes: ClassSet,
    /// Which clause of the sentence (0-based) holds the token.
    pub clause: usize,
    /// Nothing but one space (or nothing) between it and the token before.
    pub tight: bool,
}

impl Token<'_> {
    pub(crate) fn is(&self, c: Class) -> bool {
        self.classes.has(c)
    }

    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter.
    pub fn capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    /// A possessive ("Nvidia's", "Xi’s"): the stem, as written.
    pub fn possessive_stem(&self) -> Option<&str> {
        self.text
            .strip_suffix("'s")
            .or_else(|| self.text.strip_suffix("’s"))
            // A plural possessive keeps its "s": "Halvorsen Foods'" is
            // Halvorsen Foods'.
            .or_else(|| {
                self.text
                    .strip_suffix('\'')
                    .or_else(|| self.text.strip_suffix('’'))
                    .filter(|s| s.ends_with('s'))
            })
            .filter(|s| !s.is_empty())
    }
}

/// Whether token `k` is a comparative that measures a rate against what
/// follows: "21 per cent more than the 368,000", "higher on", "lower over".
pub(crate) fn compares_at(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| t.is(Class::Comparative))
        && tokens
            .get(k + 1)
            .is_some_and(|t| matches!(&*t.lower, "than" | "to" | "over" | "on"))
}

/// A span of the sentence that is one token: a figure or a time.
#[derive(Debug, Clone)]
pub struct Atomic {
    /// Byte range of the figure or time in the prose.
    pub span: Range<usize>,
    /// Which figure or time of the sentence it is.
    pub kind: TokenKind,
}

/// Cut `prose[sentence]` into tokens. `atoms` are the figure and time spans
/// inside it, in order and not overlapping.
pub fn tokenize<'a>(
    prose: &'a str,
    sentence: Range<usize>,
    atoms: &[Atomic],
    lexicon: &Lexicon,
) -> Vec<Token<'a>> {
    let words = sentence::words(prose, sentence.clone());
    let table = lexicon.words();
    let mut out: Vec<Token<'a>> = Vec::with_capacity(words.len() + atoms.len());
    let mut next_atom = 0;
    let mut w = 0;
    let mut clause = 0;
    let mut next_clause = 0;
    // The clauses a parenthesis interrupted: after ")" the sentence goes on
    // in the clause before "(".
    let mut open: Vec<usize> = Vec::new();
    // The clause a dash interrupted: "real GDP -- the value of output
    // after adjusting for inflation -- grew 0.5%" goes on after the second
    // dash in the clause before the first.
    let mut dash_open: Option<usize> = None;
    let mut prev_end = sentence.start;
    let push = |out: &mut Vec<Token<'a>>, t: Token<'a>, prev_end: &mut usize| {
        *prev_end = t.span.end;
        out.push(t);
    };
    loop {
        let atom = atoms.get(next_atom);
        let word = words.get(w);
        let (start, is_atom) = match (atom, word) {
            (Some(a), Some(wd)) if a.span.start <= wd.start => (a.span.start, true),
            (Some(a), None) => (a.span.start, true),
            (_, Some(wd)) => (wd.start, false),
            (None, None) => break,
        };
        // Punctuation in the gap before this token breaks the clause.
        let gap = &prose[prev_end.min(start)..start];
        for (i, ch) in gap.char_indices() {
            // A spaced hyphen or a double one ("--") is a dash.
            let spaced_hyphen = ch == '-'
                && gap[..i].ends_with(' ')
                && (gap[i + 1..].starts_with(' ') || gap[i + 1..].starts_with("- "));
            let dash = matches!(ch, '—' | '–') || spaced_hyphen;
            let breaks = matches!(ch, ',' | ';' | ':' | '(' | ')') || dash;
            if breaks {
                next_clause += 1;
                clause = match ch {
                    '(' => {
                        open.push(clause);
                        next_clause
                    }
                    ')' => open.pop().unwrap_or(next_clause),
                    _ if dash => match dash_open.take() {
                        Some(outer) => outer,
                        None => {
                            dash_open = Some(clause);
                            next_clause
                        }
                    },
                    _ => next_clause,
                };
                let at = prev_end + i;
                let end = at + ch.len_utf8();
                out.push(Token {
                    text: &prose[at..end],
                    lower: Cow::Borrowed(&prose[at..end]),
                    fold: Cow::Borrowed(&prose[at..end]),
                    span: at..end,
                    kind: TokenKind::Break(ch),
                    classes: ClassSet::EMPTY,
                    clause,
                    tight: false,
                });
            }
        }
        let tight = gap.is_empty() || gap == " ";
        if is_atom {
            let a = &atoms[next_atom];
            next_atom += 1;
            // Words inside the atom belong to it.
            while words.get(w).is_some_and(|wd| wd.start < a.span.end) {
                w += 1;
            }
            let text = &prose[a.span.clone()];
            push(
                &mut out,
                Token {
                    text,
                    lower: Cow::Borrowed(""),
                    fold: Cow::Borrowed(""),
                    span: a.span.clone(),
                    kind: a.kind,
                    classes: ClassSet::EMPTY,
                    clause,
                    tight,
                },
                &mut prev_end,
            );
        } else {
            let wd = &words[w];
            w += 1;
            // "analysts' estimates": the word is "analysts" to every class;
            // `text` keeps the apostrophe for the possessive.
            let word = wd.text.strip_suffix('\'').unwrap_or(wd.text);
            let lower = match lower(word) {
                Cow::Borrowed(l) => match table.spelling(l) {
                    s if s == l => Cow::Borrowed(l),
                    s => Cow::Owned(s.to_string()),
                },
                Cow::Owned(l) => Cow::Owned(table.spelling(&l).to_string()),
            };
            let classes = table.classes(&lower);
            if classes.has(Class::Clause) {
                next_clause += 1;
                clause = next_clause;
            }
            let fold = fold(&lower);
            push(
                &mut out,
                Token {
                    text: wd.text,
                    lower,
                    fold,
                    span: wd.start..wd.end,
                    kind: TokenKind::Word,
                    classes,
                    clause,
                    tight,
                },
                &mut prev_end,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str, atoms: &[(Range<usize>, TokenKind)]) -> Vec<(String, TokenKind, usize)> {
        let lex = Lexicon::default_pack();
        let atoms: Vec<Atomic> = atoms
            .iter()
            .map(|(span, kind)| Atomic {
                span: span.clone(),
                kind: *kind,
            })
            .collect();
        tokenize(s, 0..s.len(), &atoms, &lex)
            .into_iter()
            .map(|t| (t.text.to_string(), t.kind, t.clause))
            .collect()
    }

    #[test]
    fn figures_are_one_token_and_commas_break_clauses() {
        let s = "Trade rose 24.5%, to $108 billion, while exports fell";
        let got = toks(
            s,
            &[
                (11..16, TokenKind::Figure(0)),
                (21..33, TokenKind::Figure(1)),
            ],
        );
        let texts: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Trade",
                "rose",
                "24.5%",
                ",",
                "to",
                "$108 billion",
                ",",
                "while",
                "exports",
                "fell"
            ]
        );
        let clauses: Vec<usize> = got.iter().map(|t| t.2).collect();
        assert_eq!(clauses, vec![0, 0, 0, 1, 1, 1, 2, 3, 3, 3]);
        assert_eq!(got[5].1, TokenKind::Figure(1));
    }

    #[test]
    fn words_are_classed_and_folded_once() {
        let lex = Lexicon::default_pack();
        let s = "Revenues ROSE";
        let t = tokenize(s, 0..s.len(), &[], &lex);
        assert_eq!(t[0].lower, "revenues");
        assert_eq!(t[0].fold, "revenue");
        assert!(t[1].is(Class::Rise));
        assert!(matches!(t[1].lower, Cow::Owned(_)));
        let s = "rose";
        let t = tokenize(s, 0..s.len(), &[], &lex);
        assert!(matches!(t[0].lower, Cow::Borrowed(_)));
    }

    #[test]
    fn spaced_hyphen_breaks_but_joining_hyphen_does_not() {
        let got = toks("two-way trade - up", &[]);
        let texts: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, vec!["two-way", "trade", "-", "up"]);
        assert_eq!(got[3].2, 1);
    }
}
