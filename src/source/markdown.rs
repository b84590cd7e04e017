//! The prose view of a file: same length as the file, with everything that
//! is not running text blanked to spaces.
//!
//! Newlines that end a block stay newlines (they end sentences); newlines
//! inside a paragraph become spaces, so a sentence wrapped across lines is
//! still one sentence.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Markdown: keep only text events (no code, no HTML, no link targets, no
/// image alt text).
pub fn prose(text: &str, body_start: usize) -> String {
    let mut out = blank(text, body_start);
    let body = &text[body_start..];
    // An HTML comment never closed would run to the end of the file and
    // hide the rest of the article: only its own line is skipped (and the
    // suppression stage reports it).
    let unclosed = unclosed_comment(body);
    let opened;
    let body = match unclosed {
        Some(at) => {
            let mut b = body.to_string();
            b.replace_range(at..at + 4, "    ");
            opened = b;
            opened.as_str()
        }
        None => body,
    };
    let mut skip_depth = 0usize;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        let range = (range.start + body_start)..(range.end + body_start);
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Text(_) if skip_depth == 0 => copy(&mut out, text, range),
            Event::SoftBreak => {
                for b in &mut out[range] {
                    if *b == b'\n' {
                        *b = b' ';
                    }
                }
            }
            // Table cells end like sentences would.
            Event::End(TagEnd::TableCell) => {
                if let Some(b) = out.get_mut(range.end.saturating_sub(1)) {
                    if *b == b' ' {
                        *b = b'\n';
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(at) = unclosed {
        let start = body_start + at;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        for b in &mut out[start..end] {
            *b = b' ';
        }
    }
    into_string(out)
}

/// Where an HTML comment opens that no "-->" after it closes.
pub fn unclosed_comment(body: &str) -> Option<usize> {
    let last_close = body.rfind("-->").map_or(0, |i| i + 3);
    body[last_close..].find("<!--").map(|i| last_close + i)
}

/// Lines shorter than this are not taken for hard-wrapped prose.
const WRAPPED_LINE_MIN_CHARS: usize = 50;

/// Plain text: all of it is prose, but a line wrapped mid-sentence joins the
/// next (a newline is soft when the line does not end a sentence and the next
/// line carries on in lower case).
pub fn plain_prose(text: &str, body_start: usize) -> String {
    let mut out = blank(text, body_start);
    copy(&mut out, text, body_start..text.len());
    let bytes = text.as_bytes();
    for nl in memchr::memchr_iter(b'\n', &bytes[body_start..]).map(|i| i + body_start) {
        let before = text[..nl].trim_end_matches(['\r', ' ', '\t']);
        let after = &text[nl + 1..];
        let prev_ends = before
            .chars()
            .last()
            .is_none_or(|c| ".!?:\"”'’".contains(c));
        let prev_line = before.rsplit('\n').next().unwrap_or("");
        // Only long lines are wrapped prose; short ones are headings, list
        // items or page furniture.
        let prev_line_empty = prev_line.chars().count() < WRAPPED_LINE_MIN_CHARS;
        let next_lower = after.chars().next().is_some_and(|c| c.is_lowercase());
        if !prev_ends && !prev_line_empty && next_lower {
            out[nl] = b' ';
        }
    }
    into_string(out)
}

/// All spaces, but newlines kept where the file has them.
fn blank(text: &str, _body_start: usize) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect()
}

fn copy(out: &mut [u8], text: &str, range: std::ops::Range<usize>) {
    out[range.clone()].copy_from_slice(&text.as_bytes()[range]);
}

fn into_string(bytes: Vec<u8>) -> String {
    // Only whole UTF-8 sequences copied from valid text, or ASCII spaces and
    // newlines written over whole sequences: the result is valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_blanked_offsets_kept() {
        let text = "# Trade\n\nTrade **rose** to [$108bn](http://x.y/1).\n";
        let p = prose(text, 0);
        assert_eq!(p.len(), text.len());
        assert_eq!(&p[text.find("$108bn").unwrap()..][..6], "$108bn");
        assert!(!p.contains("http"));
        assert!(!p.contains("**"));
    }

    #[test]
    fn soft_breaks_join_lines() {
        let text = "Trade rose\nto $108bn.\n\nNext para.";
        let p = prose(text, 0);
        assert_eq!(&p[..20], "Trade rose to $108bn");
        assert!(p.contains(".\n\nNext"));
    }

    #[test]
    fn an_unclosed_comment_hides_only_its_line() {
        let text = "<!-- figcheck-ignore FC201\nTrade rose to $108bn.\n";
        let p = prose(text, 0);
        assert_eq!(p.len(), text.len());
        assert!(p.contains("Trade rose to $108bn."), "{p:?}");
        assert!(!p.contains("figcheck"), "{p:?}");
    }

    #[test]
    fn code_and_html_are_not_prose() {
        let text = "Text 1.\n\n```\nx = 5\n```\n\n<div>7 items</div>\n";
        let p = prose(text, 0);
        assert!(!p.contains('5'));
        assert!(!p.contains("7 items"));
    }

    #[test]
    fn plain_text_joins_wrapped_lines() {
        let text = "Trade between the two neighbouring countries rose by\nnearly a third.\n- 63\nhttps://x\n";
        let p = plain_prose(text, 0);
        assert_eq!(
            p,
            "Trade between the two neighbouring countries rose by nearly a third.\n- 63\nhttps://x\n"
        );
    }
}
