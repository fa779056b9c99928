//! YAML front matter between leading `---` lines, read with a small lenient `key: value` reader.
//!
//! The docs use flat string keys only; quoted and unquoted values, and template placeholders such
//! as `$(metadata.owner)` kept verbatim. Lists (`- a` lines) are joined with ", ".

use super::lines::PageText;
use super::page::{FrontMatter, FrontMatterField};
use crate::diag::{excerpt, Code, Diagnostic};

/// Reads the front matter at the top of the page. Returns it and the byte offset where the
/// Markdown body starts (0 when there is no front matter).
pub(crate) fn read_front_matter(
    page: &PageText<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (FrontMatter, usize) {
    let lines = &page.lines;
    let mut front = FrontMatter {
        span: page.line_span(0),
        ..FrontMatter::default()
    };
    if !is_delimiter(lines.line_text(0)) {
        diags.push(Diagnostic::new(
            Code::FrontMatterMissing,
            page.line_span(0),
            "the page has no front matter (`---` on the first line)",
        ));
        return (front, 0);
    }
    front.present = true;
    let closing = (1..lines.line_count()).find(|&index| is_delimiter(lines.line_text(index)));
    let end_line = match closing {
        Some(index) => index,
        None => {
            // Keep the page: the front matter ends at the first line that is not `key: value`.
            let end = (1..lines.line_count())
                .find(|&index| !looks_like_field_line(lines.line_text(index)))
                .unwrap_or(lines.line_count());
            diags.push(Diagnostic::new(
                Code::FrontMatterUnterminated,
                page.line_span(0),
                format!(
                    "the front matter has no closing `---`; it was taken to end at line {}",
                    end + 1
                ),
            ));
            end
        }
    };
    let mut last_key: Option<String> = None;
    for index in 1..end_line {
        read_line(page, index, &mut front, &mut last_key, diags);
    }
    let body_line = if closing.is_some() {
        end_line + 1
    } else {
        end_line
    };
    (front, lines.line_start(body_line))
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

fn looks_like_field_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    line.starts_with([' ', '\t']) || trimmed.starts_with("- ") || field_key(line).is_some()
}

/// The key of a `key: value` line, if it is one.
fn field_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let valid = !key.is_empty()
        && !key.starts_with(['-', '#', '"', '\''])
        && !key.contains(char::is_whitespace);
    valid.then_some((key, value))
}

fn read_line(
    page: &PageText<'_>,
    index: usize,
    front: &mut FrontMatter,
    last_key: &mut Option<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let line = page.lines.line_text(index);
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return;
    }
    let indented = line.starts_with([' ', '\t']);
    if indented || trimmed.starts_with("- ") || trimmed == "-" {
        // A list item or a folded continuation of the previous value.
        let Some(field) = last_key.as_ref().and_then(|key| front.fields.get_mut(key)) else {
            diags.push(invalid(
                page,
                index,
                "a continuation line without a key before it",
            ));
            return;
        };
        let (item, separator) = match trimmed.strip_prefix('-') {
            Some(item) => (item.trim(), ", "),
            None => (trimmed, " "),
        };
        let item = unquote(item).0;
        if !field.value.is_empty() {
            field.value.push_str(separator);
        }
        field.value.push_str(&item);
        return;
    }
    let Some((key, raw_value)) = field_key(line) else {
        diags.push(invalid(
            page,
            index,
            &format!("`{}` is not a `key: value` line", excerpt(trimmed)),
        ));
        return;
    };
    let (value, well_formed) = unquote(raw_value.trim());
    if !well_formed {
        diags.push(invalid(
            page,
            index,
            &format!("the value of `{key}` has no closing quote"),
        ));
    }
    if front.fields.contains_key(key) {
        diags.push(invalid(
            page,
            index,
            &format!("`{key}` is given twice; the first value is kept"),
        ));
        *last_key = None;
        return;
    }
    let key_offset = page.lines.line_start(index) + line.find(key).unwrap_or(0);
    front.fields.insert(
        key.to_string(),
        FrontMatterField {
            value,
            span: page.span(key_offset),
        },
    );
    *last_key = Some(key.to_string());
}

/// Removes surrounding quotes; returns the value and whether its quotes were balanced.
fn unquote(value: &str) -> (String, bool) {
    let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        // Unquoted: a trailing ` # comment` is not part of the value.
        let value = match value.find(" #") {
            Some(at) => value.get(..at).unwrap_or(value),
            None => value,
        };
        return (value.trim().to_string(), true);
    };
    let mut out = String::new();
    let mut chars = value.chars().skip(1).peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if quote == '"' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            c if c == quote => return (out.trim().to_string(), true),
            c => out.push(c),
        }
    }
    (out.trim().to_string(), false)
}

fn invalid(page: &PageText<'_>, index: usize, message: &str) -> Diagnostic {
    Diagnostic::new(
        Code::FrontMatterInvalid,
        page.line_span(index),
        message.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, usize, Vec<Diagnostic>) {
        let page = PageText::new("a.md", text);
        let mut diags = Vec::new();
        let (front, body) = read_front_matter(&page, &mut diags);
        (front, body, diags)
    }

    #[test]
    fn quoted_unquoted_and_placeholder_values() {
        let text = "---\ntitle: \"Update userRunStates\"\ndescription: \"\"\nauthor: \"$(metadata.owner)\"\nms.prod: 'it''s'\ndoc_type: apiPageType # comment\n---\n# T\n";
        let (front, body, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(front.present);
        assert_eq!(front.get("title"), Some("Update userRunStates"));
        assert_eq!(front.get("description"), Some(""));
        assert_eq!(front.get("author"), Some("$(metadata.owner)"));
        assert_eq!(front.get("ms.prod"), Some("it's"));
        assert_eq!(front.get("doc_type"), Some("apiPageType"));
        assert_eq!(front.fields.get("author").map(|f| f.span.line), Some(4));
        assert_eq!(text.get(body..), Some("# T\n"));
    }

    #[test]
    fn lists_and_continuations_are_joined() {
        let (front, _, diags) =
            read("---\nkeywords:\n  - a\n  - \"b\"\ntitle: long\n  title\n---\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(front.get("keywords"), Some("a, b"));
        assert_eq!(front.get("title"), Some("long title"));
    }

    #[test]
    fn missing_front_matter() {
        let (front, body, diags) = read("# Title\n");
        assert!(!front.present);
        assert_eq!(body, 0);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "front-matter-missing");
    }

    #[test]
    fn unterminated_front_matter_does_not_swallow_the_page() {
        let text = "---\ntitle: x\ndoc_type: apiPageType\n\n# Heading\n\nText\n";
        let (front, body, diags) = read(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "front-matter-unterminated");
        assert_eq!(front.get("doc_type"), Some("apiPageType"));
        assert_eq!(text.get(body..), Some("\n# Heading\n\nText\n"));
    }

    #[test]
    fn invalid_lines_are_reported_with_their_line() {
        let (front, _, diags) = read("---\ntitle: \"open\nnot a field\ntitle: again\n---\n");
        let found: Vec<(&str, u32)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.span.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("front-matter-invalid", 2),
                ("front-matter-invalid", 3),
                ("front-matter-invalid", 4)
            ]
        );
        assert_eq!(front.get("title"), Some("open"));
    }
}
