//! Front matter: YAML between `---` lines or TOML between `+++` lines at the
//! very top of a file. Only `date`, `title`, `outlet`, `url` and `currency`
//! (what a shared sign such as "$" means for this outlet: `currency:
//! {dollar: AUD}`) are read; other keys (tags, authors...) are a publishing
//! system's business.

use chrono::NaiveDate;
use miette::NamedSource;

use super::SourceError;

/// What a file's front matter says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The article's title (`title`).
    pub title: Option<String>,
    /// The publication it appeared in (`outlet`, `publisher` or `source`).
    pub outlet: Option<String>,
    /// Where it was published (`url` or `link`).
    pub url: Option<String>,
    /// The publication date (`date` or `published`).
    pub date: Option<NaiveDate>,
    /// Shared currency signs fixed for this file: "dollar" → "AUD".
    pub currency: std::collections::BTreeMap<String, String>,
}

/// Parse the front matter, if any. Returns the metadata and the byte offset
/// where the body starts (0 without front matter).
pub fn parse(path: &str, text: &str) -> Result<(Metadata, usize), SourceError> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let fence = if text_no_bom.starts_with("---") {
        "---"
    } else if text_no_bom.starts_with("+++") {
        "+++"
    } else {
        return Ok((Metadata::default(), 0));
    };
    // Old Mac files end lines with a lone CR.
    let eol = if memchr::memchr(b'\n', text.as_bytes()).is_some() {
        '\n'
    } else {
        '\r'
    };
    let first_line_end = text_no_bom.find(eol).unwrap_or(text_no_bom.len());
    if text_no_bom[..first_line_end].trim_end() != fence {
        return Ok((Metadata::default(), 0));
    }
    let inner_start = bom + first_line_end + 1;
    // Find the closing fence on a line of its own.
    let mut pos = inner_start;
    let mut close = None;
    while pos <= text.len() {
        let end = text[pos..].find(eol).map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == fence {
            close = Some((pos, (end + 1).min(text.len())));
            break;
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    let Some((inner_end, body_start)) = close else {
        return Err(SourceError::FrontMatter {
            path: path.into(),
            message: format!("opened with `{fence}` but never closed"),
            src: NamedSource::new(path, text.to_string()),
            span: (bom, 3).into(),
        });
    };
    let inner = &text[inner_start.min(inner_end)..inner_end];
    let fields = if fence == "---" {
        yaml_fields(path, text, inner, inner_start)?
    } else {
        toml_fields(path, text, inner, inner_start)?
    };
    let mut meta = Metadata::default();
    for (key, value, offset) in fields {
        // Control characters (a NUL from a YAML escape) never reach a report.
        let value: String = value
            .chars()
            .map(|c| {
                if c.is_control() && c != '\t' {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        match key.as_str() {
            "title" => meta.title = Some(value),
            "outlet" | "publisher" | "source" => meta.outlet = meta.outlet.or(Some(value)),
            "url" | "link" => meta.url = meta.url.or(Some(value)),
            k if k.starts_with("currency.") => {
                let id = k["currency.".len()..].to_string();
                meta.currency.insert(id, value.trim().to_ascii_uppercase());
            }
            "date" | "published" => {
                let d = parse_date(&value).ok_or_else(|| SourceError::BadDate {
                    path: path.into(),
                    value: value.clone(),
                    src: NamedSource::new(path, text.to_string()),
                    span: (offset, value.len().max(1)).into(),
                })?;
                meta.date = Some(d);
            }
            _ => {}
        }
    }
    Ok((meta, body_start))
}

/// A publication date: `2019-06-09`, or a timestamp starting with one.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let head = v.get(..10).unwrap_or(v);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .filter(|d| plausible_publication(*d))
}

/// Publication dates are four-digit years: a date at the calendar's end
/// ("+262142-12-31") has no "tomorrow" and is no article's.
pub fn plausible_publication(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1000..=9999).contains(&d.year())
}

type Field = (String, String, usize);

fn scalar_to_string(v: &serde_yaml_ng::Value) -> Option<String> {
    match v {
        serde_yaml_ng::Value::String(s) => Some(s.clone()),
        serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
        serde_yaml_ng::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_fields(
    path: &str,
    text: &str,
    inner: &str,
    base: usize,
) -> Result<Vec<Field>, SourceError> {
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(inner).map_err(|e| {
        let at = e.location().map_or(0, |l| l.index());
        SourceError::FrontMatter {
            path: path.into(),
            message: strip_position(&e.to_string()),
            src: NamedSource::new(path, text.to_string()),
            span: ((base + at).min(text.len()), 1).into(),
        }
    })?;
    let serde_yaml_ng::Value::Mapping(map) = value else {
        return Err(SourceError::FrontMatter {
            path: path.into(),
            message: "expected `key: value` lines".into(),
            src: NamedSource::new(path, text.to_string()),
            span: (base, inner.len().max(1)).into(),
        });
    };
    let mut out = Vec::new();
    for (k, v) in map {
        let Some(key) = scalar_to_string(&k) else {
            continue;
        };
        match (scalar_to_string(&v), &v) {
            (Some(value), _) => out.push(field(inner, base, &key, value)),
            // `currency: {dollar: AUD}`: one field per sign.
            (None, serde_yaml_ng::Value::Mapping(signs))
                if key.eq_ignore_ascii_case("currency") =>
            {
                for (id, code) in signs {
                    if let (Some(id), Some(code)) = (scalar_to_string(id), scalar_to_string(code)) {
                        out.push(currency_field(inner, base, &id, code));
                    }
                }
            }
            (None, _) if is_date_key(&key) => {
                return Err(not_one_date(path, text, inner, base, &key))
            }
            (None, _) => {}
        }
    }
    Ok(out)
}

fn toml_fields(
    path: &str,
    text: &str,
    inner: &str,
    base: usize,
) -> Result<Vec<Field>, SourceError> {
    let table: toml::Table = toml::from_str(inner).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        SourceError::FrontMatter {
            path: path.into(),
            message: e.message().to_string(),
            src: NamedSource::new(path, text.to_string()),
            span: ((base + at).min(text.len()), 1).into(),
        }
    })?;
    let mut out = Vec::new();
    for (key, v) in table {
        let value = match v {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            // `[currency]` with `dollar = "AUD"`: one field per sign.
            toml::Value::Table(signs) if key.eq_ignore_ascii_case("currency") => {
                for (id, code) in signs {
                    if let toml::Value::String(code) = code {
                        out.push(currency_field(inner, base, &id, code));
                    }
                }
                continue;
            }
            _ if is_date_key(&key) => return Err(not_one_date(path, text, inner, base, &key)),
            _ => continue,
        };
        out.push(field(inner, base, &key, value));
    }
    Ok(out)
}

/// A field with its key in lower case and where its value is written.
fn field(inner: &str, base: usize, key: &str, value: String) -> Field {
    let offset = value_offset(inner, key, &value).map_or(base, |o| base + o);
    (key.to_ascii_lowercase(), value, offset)
}

/// `currency.dollar` from the `dollar` entry of a `currency` map.
fn currency_field(inner: &str, base: usize, id: &str, code: String) -> Field {
    let (id, code, offset) = field(inner, base, id, code);
    (format!("currency.{id}"), code, offset)
}

fn is_date_key(key: &str) -> bool {
    matches!(key.to_ascii_lowercase().as_str(), "date" | "published")
}

/// A date given as a list or a map is no date: say so rather than leave the
/// file undated in silence.
fn not_one_date(path: &str, text: &str, inner: &str, base: usize, key: &str) -> SourceError {
    let at = inner.find(key).map_or(base, |o| base + o);
    SourceError::FrontMatter {
        path: path.into(),
        message: format!("`{key}` must be one date (YYYY-MM-DD), not a list or a map"),
        src: NamedSource::new(path, text.to_string()),
        span: (at, key.len()).into(),
    }
}

/// Where a key's value is written, for pointing at a bad date.
fn value_offset(inner: &str, key: &str, value: &str) -> Option<usize> {
    let line_start = inner
        .match_indices(key)
        .find(|(i, _)| *i == 0 || inner.as_bytes()[i - 1] == b'\n')?
        .0;
    inner[line_start..].find(value).map(|i| line_start + i)
}

/// serde_yaml appends " at line X column Y"; the label shows that already.
fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: A\ndate: 2024-01-25\noutlet: Harbour Times\n---\nBody";
        let (m, body) = parse("a.md", text).unwrap();
        assert_eq!(m.title.as_deref(), Some("A"));
        assert_eq!(m.outlet.as_deref(), Some("Harbour Times"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 1, 25));
        assert_eq!(&text[body..], "Body");
    }

    #[test]
    fn lone_cr_line_endings() {
        let text = "---\rtitle: A\rdate: 2024-01-25\r---\rBody\r";
        let (m, body) = parse("cr.md", text).unwrap();
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 1, 25));
        assert_eq!(&text[body..], "Body\r");
    }

    #[test]
    fn a_date_list_is_an_error_and_control_characters_are_replaced() {
        let err = parse("l.md", "---\ndate:\n  - 2024-01-25\n---\nx").unwrap_err();
        match err {
            SourceError::FrontMatter { message, span, .. } => {
                assert_eq!(
                    message,
                    "`date` must be one date (YYYY-MM-DD), not a list or a map"
                );
                assert_eq!(span.offset(), 4);
            }
            other => panic!("{other:?}"),
        }
        for (name, text) in [
            ("map.md", "---\ndate: {day: 25}\n---\nx"),
            ("t.md", "+++\ndate = [2024-01-25]\n+++\nx"),
        ] {
            match parse(name, text).unwrap_err() {
                SourceError::FrontMatter { message, span, .. } => {
                    assert_eq!(
                        message,
                        "`date` must be one date (YYYY-MM-DD), not a list or a map"
                    );
                    assert_eq!(span.offset(), 4, "{name}");
                }
                other => panic!("{other:?}"),
            }
        }
        let (m, _) = parse("n.md", "---\ntitle: \"A\\0B\"\n---\nx").unwrap();
        assert_eq!(m.title.as_deref(), Some("A\u{fffd}B"));
    }

    #[test]
    fn currency_settings_in_yaml_and_toml() {
        let (m, _) = parse(
            "a.md",
            "---\ndate: 2024-01-25\ncurrency:\n  dollar: aud\n---\nx",
        )
        .unwrap();
        assert_eq!(m.currency.get("dollar").map(String::as_str), Some("AUD"));
        let (m, _) = parse("b.md", "+++\n[currency]\nyen = \"CNY\"\n+++\nx").unwrap();
        assert_eq!(m.currency.get("yen").map(String::as_str), Some("CNY"));
    }

    #[test]
    fn toml_front_matter_with_native_date() {
        let text = "+++\ntitle = \"B\"\ndate = 2019-06-09\n+++\nBody\n";
        let (m, body) = parse("b.md", text).unwrap();
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2019, 6, 9));
        assert_eq!(&text[body..], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = parse("c.md", "---\ntitle: x\nBody\n").unwrap_err();
        assert!(matches!(err, SourceError::FrontMatter { .. }));
    }

    #[test]
    fn bad_date_points_at_value() {
        let text = "---\ndate: next tuesday\n---\nx";
        match parse("d.md", text).unwrap_err() {
            SourceError::BadDate { span, value, .. } => {
                assert_eq!(value, "next tuesday");
                assert_eq!(span.offset(), 10);
            }
            e => panic!("unexpected {e:?}"),
        }
    }

    #[test]
    fn malformed_yaml_points_into_file() {
        let text = "---\ntitle: [unclosed\n---\nx";
        match parse("e.md", text).unwrap_err() {
            SourceError::FrontMatter { span, .. } => assert!(span.offset() >= 4),
            e => panic!("unexpected {e:?}"),
        }
    }

    #[test]
    fn horizontal_rule_is_not_front_matter() {
        let (m, body) = parse("f.md", "----- not a fence\ntext").unwrap();
        assert_eq!((m, body), (Metadata::default(), 0));
    }
}
